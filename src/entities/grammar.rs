//! Entities by rule: organisations (place + body + suffix, aliases, abbreviations), streets
//! and communities after a place, people (surname + given name with the segmenter's tag or a
//! title beside it), and works (`《…》`, document numbers).
//!
//! ```
//! use zhnews::entities::grammar::works;
//! let doc = zhnews::document::Doc::new("电视剧《情暖万家》和国发〔2018〕43号");
//! let found = works(&doc);
//! let names: Vec<&str> = found.iter().map(|m| m.normalized.as_str()).collect();
//! assert_eq!(names, ["情暖万家", "国发〔2018〕43号"]);
//! ```

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::dicts::{self, rows};
use crate::document::{Doc, Span, SpanIndex};
use crate::entities::gazetteer::Place;
use crate::entities::{EntityType, Mention};

/// How an organisation suffix attaches.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Attach {
    AfterPlace,
    /// After a place written out only, never as a bare abbreviation: 市 + 中心 is the city
    /// centre, not an organisation.
    AfterPlaceNamed,
    AfterName,
    Nested,
    /// The end of a zone's name (试验区, 开发区): a zone's bodies (管委会) follow it, however
    /// long its name (山东新旧动能转换综合试验区).
    Zone,
}

struct Tables {
    /// Suffixes as characters, longest first.
    suffixes: Vec<(Vec<char>, Attach)>,
    /// The organisation endings by their first char (indices into `suffixes`, longest first).
    suffixes_by_first: rustc_hash::FxHashMap<char, Vec<usize>>,
    aliases: AhoCorasick,
    alias_names: Vec<&'static str>,
    /// Public figures (`dicts/people.txt`).
    people: AhoCorasick,
    /// Works named without 《》 (`dicts/works.txt`).
    named_works: AhoCorasick,
    /// Road name endings as characters, longest first (`dicts/road_suffixes.txt`).
    road_suffixes: Vec<Vec<char>>,
    /// The road endings by their first char (indices into `road_suffixes`, longest first).
    road_suffixes_by_first: rustc_hash::FxHashMap<char, Vec<usize>>,
    /// The last chars of the road endings (路, 街, 道…).
    road_suffix_last: Vec<char>,
    /// Kinds of road, not names (高速铁路, 黄土路).
    not_roads: rustc_hash::FxHashSet<&'static str>,
    surnames: std::collections::HashSet<&'static str>,
    /// The one-char surnames of `surnames`, asked of every name.
    single_surnames: rustc_hash::FxHashSet<char>,
    works: Regex,
    document_number: Regex,
    street: Regex,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut suffixes: Vec<(Vec<char>, Attach)> = rows(dicts::ORG_SUFFIXES)
            .map(|(s, kind)| {
                let attach = match kind.trim() {
                    "after_name" => Attach::AfterName,
                    "after_place_named" => Attach::AfterPlaceNamed,
                    "nested" => Attach::Nested,
                    "zone" => Attach::Zone,
                    _ => Attach::AfterPlace,
                };
                (s.chars().collect(), attach)
            })
            .collect();
        // Longest first, so 公安分局 wins over 分局.
        suffixes.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let aliases: Vec<(&str, &str)> = rows(dicts::ORG_ALIASES).collect();
        let mut road_suffixes: Vec<Vec<char>> = rows(dicts::ROAD_SUFFIXES)
            .filter(|(_, kind)| kind.trim() != "not")
            .map(|(s, _)| s.chars().collect())
            .collect();
        road_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Tables {
            suffixes_by_first: by_first(suffixes.iter().map(|(s, _)| s.as_slice())),
            suffixes,
            aliases: names_automaton(aliases.iter().map(|&(a, _)| a)),
            alias_names: aliases.iter().map(|(_, n)| *n).collect(),
            people: names_automaton(rows(dicts::PEOPLE).map(|(name, _)| name)),
            road_suffixes_by_first: by_first(road_suffixes.iter().map(Vec::as_slice)),
            road_suffix_last: {
                let mut last: Vec<char> = road_suffixes
                    .iter()
                    .filter_map(|s| s.last())
                    .copied()
                    .collect();
                last.sort_unstable();
                last.dedup();
                last
            },
            road_suffixes,
            not_roads: rows(dicts::ROAD_SUFFIXES)
                .filter(|(_, kind)| kind.trim() == "not")
                .map(|(word, _)| word)
                .collect(),
            named_works: names_automaton(rows(dicts::WORKS).map(|(name, _)| name)),
            surnames: rows(dicts::SURNAMES).map(|(s, _)| s).collect(),
            single_surnames: rows(dicts::SURNAMES)
                .filter_map(|(s, _)| {
                    let mut chars = s.chars();
                    chars.next().filter(|_| chars.next().is_none())
                })
                .collect(),
            works: Regex::new(r"《([^《》\n]{1,60})》").expect("valid regex"),
            document_number: Regex::new(r"\p{Han}{1,8}[〔\[［(（]\d{4}[〕\]］)）]\d{1,5}号")
                .expect("valid regex"),
            street: Regex::new(r"^\p{Han}{1,5}?(?:社区|街道|村|镇|乡|小区|居委会)")
                .expect("valid regex"),
        }
    })
}

/// A leftmost-longest automaton over `names`. A DFA: it runs over every article, and a few
/// hundred names make a small one.
fn names_automaton<'n>(names: impl IntoIterator<Item = &'n str>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(names)
        .expect("an automaton over a few hundred names builds")
}

/// Indices of `endings` by their first char, in the order given.
fn by_first<'e>(
    endings: impl Iterator<Item = &'e [char]>,
) -> rustc_hash::FxHashMap<char, Vec<usize>> {
    let mut map: rustc_hash::FxHashMap<char, Vec<usize>> = Default::default();
    for (i, ending) in endings.enumerate() {
        if let Some(&first) = ending.first() {
            map.entry(first).or_default().push(i);
        }
    }
    map
}

/// Characters that never sit inside an organisation or street name.
fn breaks_name(c: char) -> bool {
    !crate::text::is_han(c)
        || matches!(
            c,
            '的' | '了'
                | '在'
                | '是'
                | '和'
                | '与'
                | '及'
                | '或'
                | '而'
                | '也'
                | '都'
                | '就'
                | '对'
                | '把'
                | '被'
                | '从'
                | '向'
                | '到'
                | '为'
                | '着'
                | '过'
        )
}

fn mention(text_chars: &[char], span: Span, kind: EntityType, normalized: String) -> Mention {
    Mention {
        span,
        kind,
        text: text_chars[span.start..span.end].iter().collect(),
        normalized,
    }
}

/// Organisations: a place followed by a body and a suffix (本溪市 + 公安局), a short proper
/// name followed by 公司 or the like (中保公司), units nested in them (…分局), fixed names
/// (央视, 国务院), and bare abbreviations (市委, 市政府), completed with `main_place`.
pub fn organizations(doc: &Doc, places: &[Place], main_place: Option<&str>) -> Vec<Mention> {
    let t = tables();
    let (text, chars, tokens) = (doc.text(), doc.chars(), doc.tokens());
    let mut found: Vec<Mention> = Vec::new();
    let mut token_end = vec![false; chars.len() + 1];
    for token in tokens {
        token_end[token.span.end] = true;
    }
    // After a place: up to six name characters, then a suffix ending on a token boundary.
    for place in places {
        if let Some((_, end)) = suffix_after(chars, place.span.end, 6, &token_end, |a| {
            matches!(a, Attach::AfterPlace | Attach::AfterPlaceNamed)
        }) {
            let span = Span::new(place.span.start, end);
            let mut org = mention(chars, span, EntityType::Organization, String::new());
            org.normalized = org.text.clone();
            found.push(org);
        } else if let Some((_, zone_end)) =
            suffix_after(chars, place.span.end, 12, &token_end, |a| a == Attach::Zone)
            && let Some((_, end)) =
                suffix_after(chars, zone_end, 0, &token_end, |a| a == Attach::AfterPlace)
        {
            // A zone's body after the zone's whole name: 山东 + 新旧动能转换综合试验区 + 管委会.
            let span = Span::new(place.span.start, end);
            let mut org = mention(chars, span, EntityType::Organization, String::new());
            org.normalized = org.text.clone();
            found.push(org);
        }
    }
    // A government's body named after 本府 (the government that writes: 本府 + 都市发展局) or
    // after 市府 / 县府, the short form that is part of the name (市府 + 灾害防救办公室).
    for token in tokens {
        let start = token.span.start;
        if token.span.len() != 2 || chars[start + 1] != '府' {
            continue;
        }
        let keeps_prefix = match chars[start] {
            '市' | '县' => true,
            '本' => false,
            _ => continue,
        };
        if let Some((_, end)) = suffix_after(chars, token.span.end, 6, &token_end, |a| {
            matches!(a, Attach::AfterPlace | Attach::AfterPlaceNamed)
        }) {
            let start = if keeps_prefix {
                token.span.start
            } else {
                token.span.end
            };
            let span = Span::new(start, end);
            found.push(mention(
                chars,
                span,
                EntityType::Organization,
                doc.string(span),
            ));
        }
    }
    // After a proper name token: 中保 + 公司.
    for pair in tokens.windows(2) {
        let (name, next) = (&pair[0], &pair[1]);
        let proper = matches!(name.pos.as_str(), "j" | "nz" | "nt" | "nrt");
        if proper && name.span.len() >= 2 && next.span.start == name.span.end {
            let suffix = &chars[next.span.start..next.span.end];
            if t.suffixes
                .iter()
                .any(|(s, a)| *a == Attach::AfterName && s.as_slice() == suffix)
            {
                let span = Span::new(name.span.start, next.span.end);
                let mut org = mention(chars, span, EntityType::Organization, String::new());
                org.normalized = org.text.clone();
                found.push(org);
            }
        }
    }
    // Fixed names.
    let mut token_start = vec![false; chars.len() + 1];
    for token in tokens {
        token_start[token.span.start] = true;
    }
    for m in t.aliases.find_iter(text) {
        let Span { start, end } = doc.span_of_bytes(m.start(), m.end());
        if token_start[start] && token_end[end] {
            let normalized = t.alias_names[m.pattern().as_usize()].to_string();
            found.push(mention(
                chars,
                Span::new(start, end),
                EntityType::Organization,
                normalized,
            ));
        }
    }
    // Bare abbreviations: 市委 / 市政府 / 市公安局 not preceded by a place name.
    let named = SpanIndex::new(found.iter().map(|o| o.span));
    for (i, token) in tokens.iter().enumerate() {
        let Some(&level) = chars
            .get(token.span.start)
            .filter(|c| matches!(c, '省' | '市' | '县' | '区'))
        else {
            continue;
        };
        // The segmenter may write the level as a word of its own: 省 + 商务厅.
        let span = match tokens.get(i + 1) {
            Some(next) if token.span.len() == 1 && next.span.start == token.span.end => {
                Span::new(token.span.start, next.span.end)
            }
            _ => token.span,
        };
        let attached = named
            .overlapping(span)
            .any(|i| found[i].span.start < span.start && found[i].span.end >= span.end);
        if !attached {
            let word = &chars[span.start..span.end];
            let body = &word[1..];
            let is_org = t.suffixes.iter().any(|(s, a)| {
                !matches!(a, Attach::AfterPlaceNamed | Attach::Zone)
                    && (s.as_slice() == word || s.as_slice() == body && body.len() >= 2)
            }) || body == ['委']
                || body == ['府'];
            if is_org && word.len() >= 2 {
                let body: String = body.iter().collect();
                // Unresolved (县政府 with no county in the article), it names no one body.
                let normalized = match main_place {
                    Some(place) if place.ends_with(level) => format!("{place}{body}"),
                    _ => continue,
                };
                found.push(mention(chars, span, EntityType::Organization, normalized));
            }
        }
    }
    // Units nested in an organisation: 市公安局 + 恒安分局, and a government's bureaus:
    // 台南市政府 + 警察局.
    let mut nested = Vec::new();
    for org in &found {
        let government = org.text.ends_with("政府");
        let unit = |a: Attach| a == Attach::Nested || government && a == Attach::AfterPlace;
        if let Some((suffix_start, end)) = suffix_after(chars, org.span.end, 4, &token_end, unit) {
            // The unit's own name is a name: no function word, numeral, direction or verb
            // phrase (行政院 + 主计总处, 内政部 + 警政署; not 欧盟签署, 北约内部, 国务院办公厅转发财政部).
            let unit_words = doc.tokens_in(Span::new(org.span.end, end));
            if unit_words.iter().any(|t| {
                t.span.start < suffix_start
                    && (t.pos.is_function_word()
                        || matches!(t.pos.as_str(), "m" | "mq" | "f")
                        // A verb is the unit's name only right before its ending (主计 + 总处).
                        || t.pos.is_verb() && t.span.end != suffix_start)
            }) || end - org.span.end < 3
                // 部长, 署长 are titles and 部会 the ministries: 王美花部长, 行政院相关部会.
                || matches!(chars.get(end), Some('长' | '会'))
                // The ending closes a common word of two chars: 部署, 干部, 总部, 签署.
                || doc.token_ending_at(end).is_some_and(|t| {
                    t.span.start < suffix_start && t.span.len() <= 2 && !t.pos.is_proper_name()
                })
            {
                continue;
            }
            let span = Span::new(org.span.start, end);
            let normalized = format!(
                "{}{}",
                org.normalized,
                chars[org.span.end..end].iter().collect::<String>()
            );
            nested.push(mention(chars, span, EntityType::Organization, normalized));
        }
    }
    found.extend(nested);
    found
}

/// Where the suffix starts and where it ends, for `name chars + suffix` starting at `start`,
/// when a suffix of the wanted kind follows within `max_name` name characters and ends on a
/// token boundary (the longest such suffix ending there: a longer one starts earlier and is
/// tried first).
fn suffix_after(
    chars: &[char],
    start: usize,
    max_name: usize,
    token_end: &[bool],
    wanted: impl Fn(Attach) -> bool,
) -> Option<(usize, usize)> {
    let t = tables();
    for body in 0..=max_name {
        let at = start + body;
        // The name so far is clean: only the character just added can break it.
        if at > chars.len() || body > 0 && breaks_name(chars[at - 1]) {
            return None;
        }
        let Some(candidates) = chars.get(at).and_then(|c| t.suffixes_by_first.get(c)) else {
            continue;
        };
        for (suffix, attach) in candidates.iter().map(|&i| &t.suffixes[i]) {
            let end = at + suffix.len();
            if wanted(*attach)
                && chars.get(at..end) == Some(suffix.as_slice())
                && token_end.get(end) == Some(&true)
            {
                return Some((at, end));
            }
        }
    }
    None
}

/// Streets and communities named right after a place: 河东街道 + 峪前社区.
pub fn streets(doc: &Doc, places: &[Place]) -> Vec<Mention> {
    let (text, chars) = (doc.text(), doc.chars());
    let mut out = Vec::new();
    let mut anchors: Vec<usize> = places.iter().map(|p| p.span.end).collect();
    while let Some(end) = anchors.pop() {
        let Some(byte) = doc.byte_at_char(end) else {
            continue;
        };
        if let Some(m) = tables().street.find(&text[byte..]) {
            let stop = doc.span_of_bytes(byte, byte + m.end()).end;
            let name = &chars[end..stop];
            let suffix_len = ["社区", "街道", "居委会", "小区"]
                .iter()
                .find(|s| name.iter().collect::<String>().ends_with(*s))
                .map_or(1, |s| s.chars().count());
            if name.len() > suffix_len
                && !name[..name.len() - suffix_len]
                    .iter()
                    .any(|&c| breaks_name(c))
            {
                let span = Span::new(end, stop);
                let normalized: String = name.iter().collect();
                out.push(mention(chars, span, EntityType::Location, normalized));
                anchors.push(stop);
            }
        }
    }
    out
}

/// Roads, streets and routes: a name of two to five Han characters starting a word, a road
/// ending (`dicts/road_suffixes.txt`), then a section, lane and alley if written (中正路三段,
/// 南兴路3巷, 公园路93巷12弄, 小东地下道, 京广高铁). The name holds no character that breaks
/// names (这条路, 走上大道). A name that starts with a place is that place (南京路, 台南交流道):
/// 柳营区柳营路 is a district, then a road.
pub fn roads(doc: &Doc, places: &[Place]) -> Vec<Mention> {
    let t = tables();
    let chars = doc.chars();
    let place_ends: rustc_hash::FxHashMap<usize, usize> =
        places.iter().map(|p| (p.span.start, p.span.end)).collect();
    let mut out: Vec<Mention> = Vec::new();
    for token in doc.tokens() {
        let start = token.span.start;
        // A road's name starts with a proper name (林森, 京广, 中正路): only those are tried.
        if out.last().is_some_and(|m| start < m.span.end) || !token.pos.is_proper_name() {
            continue;
        }
        let road = (2..=5).find_map(|name| {
            // Cheapest test first: most words are followed by no road ending.
            let name_end = start + name;
            let suffix = road_suffix_at(chars, name_end)?;
            let clean = chars
                .get(start..name_end)?
                .iter()
                .all(|&c| crate::text::is_han(c) && !breaks_name(c) && !is_numeral(c));
            let span = Span::new(start, name_end + suffix);
            let past_place = place_ends.get(&start).is_some_and(|&end| end < name_end);
            (clean
                && !past_place
                && is_road_name(doc, span, name_end)
                && !t.not_roads.contains(doc.slice(span)))
            .then_some(span.end)
        });
        let Some(end) = road else {
            continue;
        };
        // A preposition the segmenter glued to the name is not part of it (于 + 裕义路).
        let start = if is_preposition(chars[start]) && end - start >= 4 {
            start + 1
        } else {
            start
        };
        let span = Span::new(start, road_parts(chars, end));
        out.push(mention(chars, span, EntityType::Location, doc.string(span)));
    }
    out
}

/// Roads of a traffic or flood bulletin, which lists them by the dozen (`3时50分崑大路`,
/// `仁德区长兴路`, `、永大一路口`): in an article where [`roads`] found two or more, a name of two to
/// four Han characters, a numeral if written (长兴一街, 东桥七路), then a road ending is a road
/// where it starts a word after a boundary (punctuation, a numeral or time, a coordinator or
/// preposition, a division's ending) and its ending closes a word or comes before 口. The
/// shortest such name wins: 永大路 in 封闭永大路, not 闭永大路.
pub fn listed_roads(doc: &Doc, roads: &[Mention]) -> Vec<Mention> {
    if roads.len() < 2 {
        return Vec::new();
    }
    let t = tables();
    let chars = doc.chars();
    // What may stand before a listed road: a verb, function word, numeral or time (封闭, 、,
    // 3时50分) or a division (仁德区长兴路); another road may stand right before it, at a
    // crossing (长兴路南兴路), wherever the segmenter cut.
    let boundary = |at: usize| {
        at == 0
            || chars[at - 1] == '、'
            || matches!(chars[at - 1], '区' | '里' | '乡' | '镇' | '村')
            || doc.token_ending_at(at).is_some_and(|t| {
                t.pos.is_verb()
                    || t.pos.is_function_word()
                    || matches!(t.pos.as_str(), "m" | "t" | "q" | "ns" | "eng")
            })
    };
    // Where a road ending starts, with its length (the longest there): found from the endings'
    // last chars (路, 街, 道…), which are rare, rather than by trying every char.
    let mut endings: Vec<(usize, usize)> = Vec::new();
    for (end, c) in chars.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        if !t.road_suffix_last.contains(c) {
            continue;
        }
        for suffix in &t.road_suffixes {
            let len = suffix.len();
            if end >= len && chars[end - len..end] == suffix[..] {
                endings.push((end - len, len));
            }
        }
    }
    endings.sort_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
    endings.dedup_by_key(|&mut (at, _)| at);
    let mut out: Vec<Mention> = Vec::new();
    let mut free_from = 0;
    for (at, suffix) in endings {
        if at < free_from {
            continue;
        }
        let end = at + suffix;
        // The ending is no common word's end (局部道路, 这段马路).
        if doc
            .token_ending_at(end)
            .is_some_and(|t| t.span.start < at && GENERIC_ROADS.contains(&t.word(doc.text())))
        {
            continue;
        }
        // The ending closes a word, or opens 口 or a name the segmenter glued to it (路拉,
        // 路南), not a common word (路面, 街道, 路线).
        let closes = doc.ends_token(end)
            || chars.get(end) == Some(&'口')
            || doc.token_starting_at(at).is_some_and(|t| {
                t.span.end > end && (t.pos.is_proper_name() || matches!(t.pos.as_str(), "s" | "f"))
            });
        if !closes {
            continue;
        }
        // A numeral between the name and the ending: 长兴 + 一 + 街.
        let numbered = usize::from(at > 0 && is_numeral(chars[at - 1]));
        let start = (2..=4)
            .map(|n| at - numbered - n.min(at - numbered))
            .find(|&start| {
                let name = &chars[start..at - numbered];
                let clean = name.len() >= 2
                    && name.iter().all(|&c| {
                        crate::text::is_han(c)
                            && !breaks_name(c)
                            && !is_numeral(c)
                            && road_suffix_at(&[c], 0).is_none()
                    });
                if !clean {
                    return false;
                }
                // Right after a road, at a crossing, where no common word opens the name (中正路 +
                // 机车地下道 is a road and an underpass).
                let after_road = out.last().is_some_and(|m| m.span.end == start)
                    && !doc
                        .token_starting_at(start)
                        .is_some_and(|t| t.span.end <= at - numbered && t.pos.as_str() == "n");
                let starts_name = boundary(start)
                    && doc.token_starting_at(start).is_some_and(|t| {
                        !t.pos.is_function_word() && !matches!(t.pos.as_str(), "m" | "mq" | "q")
                    });
                // A preposition or a time's unit the segmenter glued to the name is not part of
                // it (于 + 裕义路, 4时47分 + 永大路).
                let after_glue = start > 0
                    && doc.starts_token(start - 1)
                    && boundary(start - 1)
                    && (is_preposition(chars[start - 1])
                        || matches!(chars[start - 1], '分' | '时' | '秒')
                            && start > 1
                            && is_numeral(chars[start - 2]));
                after_road || starts_name || after_glue
            });
        if let Some(start) = start.filter(|&s| out.last().is_none_or(|m| m.span.end <= s)) {
            let span = Span::new(start, road_parts(chars, end));
            if !t.not_roads.contains(doc.slice(span)) {
                out.push(mention(chars, span, EntityType::Location, doc.string(span)));
                free_from = span.end;
            }
        }
    }
    out
}

/// Whether `c` is a one-char surname (`dicts/surnames.txt`).
pub fn is_surname(c: char) -> bool {
    tables().single_surnames.contains(&c)
}

/// A one-char preposition that may come right before a place: 于, 在, 往, 至, 到, 从, 经, 沿.
fn is_preposition(c: char) -> bool {
    matches!(c, '于' | '在' | '往' | '至' | '到' | '从' | '经' | '沿')
}

/// Two-char words for a kind of road, which end in a road ending but name none.
const GENERIC_ROADS: [&str; 12] = [
    "道路", "马路", "公路", "铁路", "线路", "小路", "山路", "水路", "陆路", "网路", "思路", "出路",
];

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || crate::text::digit_value(c).is_some() || c == '十'
}

/// The length of the road ending (`dicts/road_suffixes.txt`) at `at`, longest first.
fn road_suffix_at(chars: &[char], at: usize) -> Option<usize> {
    let t = tables();
    t.road_suffixes_by_first
        .get(chars.get(at)?)?
        .iter()
        .map(|&i| &t.road_suffixes[i])
        .find(|s| chars.get(at..at + s.len()) == Some(s.as_slice()))
        .map(Vec::len)
}

/// Where a road's name ends once its section, lane and alley are read (中正路 + 三段, 公园路 +
/// 93巷 + 12弄).
fn road_parts(chars: &[char], mut end: usize) -> usize {
    for ends in ['段', '巷', '弄'] {
        let digits = chars[end.min(chars.len())..]
            .iter()
            .take_while(|&&c| is_numeral(c))
            .count();
        if digits > 0 && digits <= 4 && chars.get(end + digits) == Some(&ends) {
            end += digits + 1;
        }
    }
    end
}

/// Whether `span` (a name, then a road ending from `suffix_start`) names a road: the segmenter
/// reads it as one proper name (中正路, 长安街), or reads the ending as a word of its own after a
/// proper name (林森 + 路, 京广 + 高铁), not after a common word (这条路, 柏油路).
fn is_road_name(doc: &Doc, span: Span, suffix_start: usize) -> bool {
    let inside = doc.tokens_in(span);
    let one_name = matches!(inside, [t] if t.span == span && t.pos.is_proper_name());
    let named_then_road = doc.starts_token(suffix_start)
        && doc.ends_token(span.end)
        && inside
            .iter()
            .any(|t| t.span.end <= suffix_start && t.pos.is_proper_name());
    one_name || named_then_road
}

/// Two countries or regions by their one-char short forms before what they share (台梵邦谊,
/// 中美关系, 中俄两国): each char is a place (`dicts/place_abbreviations.txt`).
pub fn abbreviation_pairs(doc: &Doc) -> Vec<Mention> {
    const SHARED: [&str; 16] = [
        "两国", "关系", "邦谊", "邦交", "友好", "友谊", "合作", "双边", "经贸", "贸易", "峰会",
        "会谈", "建交", "之间", "战略", "共同",
    ];
    let chars = doc.chars();
    let mut out = Vec::new();
    for token in doc.tokens() {
        let i = token.span.start;
        let (Some(&first), Some(&second)) = (chars.get(i), chars.get(i + 1)) else {
            continue;
        };
        if first != second
            && is_place_abbreviation(first)
            && is_place_abbreviation(second)
            && SHARED.iter().any(|w| doc.starts_with_at(i + 2, w))
        {
            for at in [i, i + 1] {
                let span = Span::new(at, at + 1);
                out.push(mention(chars, span, EntityType::Location, doc.string(span)));
            }
        }
    }
    out
}

/// Whether `c` is a country's or region's one-char short form (`dicts/place_abbreviations.txt`).
pub fn is_place_abbreviation(c: char) -> bool {
    // One bit per char of the Basic Multilingual Plane, where every short form is: asked of
    // every token, this is one load.
    static PLACES: OnceLock<Vec<u64>> = OnceLock::new();
    let places = PLACES.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for c in rows(dicts::PLACE_ABBREVIATIONS).flat_map(|(c, _)| c.chars()) {
            if let Some(word) = bits.get_mut(c as usize >> 6) {
                *word |= 1 << (c as usize & 63);
            }
        }
        bits
    });
    places
        .get(c as usize >> 6)
        .is_some_and(|word| word & (1 << (c as usize & 63)) != 0)
}

/// People named familiarly, as police and court news do: 老 or 小 and a surname the segmenter
/// reads as a name of its own (瓜农老杨, 老杨说). Elsewhere the document-level repeat finds
/// the same name where the segmenter cut otherwise (老杨称).
pub fn familiar_people(doc: &Doc) -> Vec<Mention> {
    let (chars, tokens) = (doc.chars(), doc.tokens());
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let [prefix, surname] = pair else { continue };
        let familiar = prefix.span.len() == 1 && matches!(chars[prefix.span.start], '老' | '小');
        if familiar
            && surname.span.start == prefix.span.end
            && surname.span.len() == 1
            && surname.pos.is_person()
            && is_surname(chars[surname.span.start])
        {
            let span = Span::new(prefix.span.start, surname.span.end);
            out.push(mention(chars, span, EntityType::Person, doc.string(span)));
        }
    }
    out
}

/// Names a bulletin masks: a surname and 某 or 某某 (邓某, 陈某某, 欧阳某), whole, where the
/// surname starts a token.
pub fn masked_people(doc: &Doc) -> Vec<Mention> {
    let t = tables();
    let chars = doc.chars();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '某' || i > 0 && chars[i - 1] == '某' {
            i += 1;
            continue;
        }
        let run = chars[i..]
            .iter()
            .take(2)
            .take_while(|&&c| c == '某')
            .count();
        let end = i + run;
        // A compound surname first (欧阳某), then a single one.
        let surname = [2, 1].into_iter().find(|&n| {
            i >= n && doc.starts_token(i - n) && t.surnames.contains(doc.slice(Span::new(i - n, i)))
        });
        if let Some(n) = surname {
            let span = Span::new(i - n, end);
            out.push(mention(chars, span, EntityType::Person, doc.string(span)));
        }
        i = end;
    }
    out
}

/// Public figures of `dicts/people.txt`, where the name starts and ends on token boundaries
/// (习近平, but not 李强 inside 李强化).
pub fn known_people(doc: &Doc) -> Vec<Mention> {
    listed(doc, &tables().people, EntityType::Person)
}

/// Works of `dicts/works.txt`, named without 《》 (新闻联播), on token boundaries.
pub fn named_works(doc: &Doc) -> Vec<Mention> {
    listed(doc, &tables().named_works, EntityType::Work)
}

/// The names of a list found on token boundaries, as mentions of `kind`.
fn listed(doc: &Doc, names: &AhoCorasick, kind: EntityType) -> Vec<Mention> {
    names
        .find_iter(doc.text())
        .map(|m| doc.span_of_bytes(m.start(), m.end()))
        .filter(|span| doc.starts_token(span.start) && doc.ends_token(span.end))
        .map(|span| mention(doc.chars(), span, kind, doc.string(span)))
        .collect()
}

/// Works: titles in `《…》` (without the marks) and document numbers (`国发〔2018〕43号`).
pub fn works(doc: &Doc) -> Vec<Mention> {
    let t = tables();
    let (text, chars) = (doc.text(), doc.chars());
    let mut out = Vec::new();
    for c in t.works.captures_iter(text) {
        if let Some(inner) = c.get(1) {
            let span = doc.span_of_bytes(inner.start(), inner.end());
            out.push(mention(
                chars,
                span,
                EntityType::Work,
                inner.as_str().to_string(),
            ));
        }
    }
    for m in t.document_number.find_iter(text) {
        // The issuer's abbreviation (国发, 公通字) follows whatever word came before it.
        let number = m
            .as_str()
            .trim_start_matches(|c| "和与及的在据按依照根由是为以并对经".contains(c));
        let span = doc.span_of_bytes(m.end() - number.len(), m.end());
        out.push(mention(chars, span, EntityType::Work, number.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{gazetteer, segmenter};

    fn orgs(text: &str) -> Vec<String> {
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let places = gazetteer().find(text, doc.tokens());
        organizations(&doc, &places, Some("本溪市"))
            .into_iter()
            .map(|m| format!("{}={}", m.text, m.normalized))
            .collect()
    }

    #[test]
    fn organisations_by_suffix_alias_and_abbreviation() {
        let got = orgs("在本溪市委、市政府的领导下，本溪市公安局联合中保公司，在央视热播");
        for want in [
            "本溪市委=本溪市委",
            "市政府=本溪市政府",
            "本溪市公安局=本溪市公安局",
            "中保公司=中保公司",
            "央视=中央电视台",
        ] {
            assert!(got.contains(&want.to_string()), "{want} not in {got:?}");
        }
    }

    #[test]
    fn bare_abbreviations_need_a_place_to_stand_for() {
        let text = "县政府和市中心的市政府";
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let places = gazetteer().find(text, doc.tokens());
        let got = |main: Option<&str>| -> Vec<String> {
            organizations(&doc, &places, main)
                .into_iter()
                .map(|m| format!("{}={}", m.text, m.normalized))
                .collect()
        };
        // No county or city in the article: 县政府 and 市政府 name no one body.
        assert!(got(None).is_empty(), "{:?}", got(None));
        // 市中心 is the city centre even where the city is known.
        assert_eq!(got(Some("本溪市")), ["市政府=本溪市政府"]);
    }

    #[test]
    fn masked_names_need_a_surname() {
        let text = "今天小雨，杨某、欧阳某某被抓获，某某公司和该某不是人名";
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let got: Vec<String> = masked_people(&doc).into_iter().map(|m| m.text).collect();
        assert_eq!(got, ["杨某", "欧阳某某"]);
    }

    #[test]
    fn every_listed_short_form_and_no_other_char_is_a_place_abbreviation() {
        let listed: Vec<char> = rows(dicts::PLACE_ABBREVIATIONS)
            .flat_map(|(c, _)| c.chars())
            .collect();
        assert!(listed.iter().all(|&c| is_place_abbreviation(c)));
        for c in ['蔡', '团', '证', 'a', '𠀀'] {
            assert!(!is_place_abbreviation(c), "{c}");
        }
    }
}
