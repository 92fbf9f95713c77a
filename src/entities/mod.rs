//! Organisations, places, people, works and quoted terms, with every mention.
//!
//! Rules first: the administrative-divisions gazetteer and world places ([`gazetteer`]), an
//! organisation suffix grammar with aliases and abbreviation resolution (`市政府` → the city
//! the article is about), people by surname and evidence, works in `《…》` ([`grammar`]); and
//! quoted campaign terms ([`quoted`]). Mentions are grouped by type and normalized name; a
//! place inside an organisation's name is part of that name, not a separate mention.
//!
//! ```
//! let text = "本溪市公安局出动民警1872人次，溪湖区还推出了“指尖上的移动调解室”。";
//! let analyzer = zhnews::Analyzer::new();
//! let (doc, tables) = (analyzer.doc(text), analyzer.resources());
//! let entities = zhnews::entities::extract(&doc, tables.gazetteer(), tables.tagger());
//! let names: Vec<&str> = entities.iter().map(|e| e.normalized.as_str()).collect();
//! assert!(names.contains(&"本溪市公安局") && names.contains(&"溪湖区"));
//! ```

pub mod gazetteer;
pub mod grammar;
pub mod lexicon;
pub mod model;
pub mod quoted;

use std::collections::HashMap;

use serde::Serialize;

use crate::document::{Doc, Pos, Span, SpanIndex};
use gazetteer::Gazetteer;
use model::NerModel;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A government body, company, party organ, school…
    Organization,
    /// A country, region, division, street or community.
    Location,
    /// A person.
    Person,
    /// A titled work or document.
    Work,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: EntityType,
    /// As written.
    pub text: String,
    /// Its full name.
    pub normalized: String,
}

/// A named entity with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The name as most often written.
    pub text: String,
    /// `organization`, `location`, `person` or `work`.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The full name (`市政府` → `本溪市政府`).
    pub normalized: String,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    /// How many mentions.
    pub count: usize,
}

/// A quoted campaign term or slogan, without its quotation marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedTerm {
    /// The term.
    pub text: String,
    /// How often it is quoted.
    pub count: usize,
}

/// How sure the learned tagger must be of a mention to report it.
const MIN_MODEL_SCORE: f32 = 0.0;

/// Find the entities of `text` (with its tokens).
///
/// The rules' mentions are certain (a gazetteer name, a place + suffix organisation, an alias,
/// a work title) and win; the learned tagger ([`model`]) adds what they cannot reach (people,
/// foreign places, organisations without a known suffix) where it overlaps no rule mention.
pub fn extract(doc: &Doc, gazetteer: &Gazetteer, tagger: &NerModel) -> Vec<Entity> {
    let (text, tokens) = (doc.text(), doc.tokens());
    let places = gazetteer.find(text, tokens);
    let main_place = main_place(&places);
    let mut mentions: Vec<Mention> = Vec::new();
    let orgs = outermost(grammar::organizations(doc, &places, main_place.as_deref()));
    // A short form is normalised to the full name only where the article writes that name
    // too (台湾 stays 台湾 unless 台湾省 is written).
    let written: rustc_hash::FxHashSet<&str> = places
        .iter()
        .filter(|p| !p.short)
        .map(|p| p.normalized.as_str())
        .collect();
    for place in &places {
        // A place inside an organisation's name is part of it, except before 政府, where
        // news annotation (and readers) take the place as the subject.
        let inside_org = orgs.iter().any(|o| {
            o.span.start <= place.span.start
                && place.span.end <= o.span.end
                && !o.text.ends_with("政府")
        });
        if !inside_org {
            mentions.push(Mention {
                span: place.span,
                kind: EntityType::Location,
                text: doc.string(place.span),
                normalized: if place.short && !written.contains(place.normalized.as_str()) {
                    doc.string(place.span)
                } else {
                    place.normalized.clone()
                },
            });
        }
    }
    mentions.extend(grammar::streets(doc, &places));
    // A short form that starts a road's name is part of it (柳营 in 柳营路二段); a full name
    // stays a place (欧洲 in 欧洲高速公路).
    let roads = grammar::roads(doc, &places);
    let listed = grammar::listed_roads(doc, &roads);
    let road_list: Vec<Span> = roads.iter().chain(&listed).map(|r| r.span).collect();
    let road_index = SpanIndex::new(road_list.iter().copied());
    let road_spans: rustc_hash::FxHashSet<Span> = road_list.iter().copied().collect();
    let short_spans: rustc_hash::FxHashSet<Span> =
        places.iter().filter(|p| p.short).map(|p| p.span).collect();
    mentions.retain(|m| {
        !short_spans.contains(&m.span)
            || !road_index
                .overlapping(m.span)
                .any(|i| road_list[i] != m.span && road_list[i].start == m.span.start)
    });
    add_where_free(&mut mentions, roads);
    add_where_free(&mut mentions, listed);
    mentions.extend(orgs);
    mentions.extend(grammar::works(doc));
    mentions.extend(grammar::known_people(doc));
    // A listed work inside 《》 is already one.
    add_where_free(&mut mentions, grammar::named_works(doc));
    // A masked name is a person whole (邓某, 陈某某), wherever the tagger saw part of it.
    add_where_free(&mut mentions, grammar::masked_people(doc));
    add_where_free(&mut mentions, grammar::familiar_people(doc));
    // A quoted campaign name is not an entity: “平安本溪”. Mainland text puts names and
    // titles in 『』 (『大地周刊』, 『南京古城墙修复纪念园』), so those quotes do not count.
    let quoted: rustc_hash::FxHashSet<Span> = doc
        .quotes()
        .iter()
        .filter(|q| q.mark != '『')
        .map(|q| q.inner())
        .collect();
    let lexicon = lexicon::lexicon_codes(tokens, doc.len());
    let tagged: Vec<model::Mention> = tagger.tag_with_lexicon(text, &lexicon);
    let learned: Vec<Mention> = tagged
        .iter()
        .filter(|m| m.score >= MIN_MODEL_SCORE && !quoted.contains(&m.span))
        .filter(|m| !is_not_an_entity(doc.slice(m.span)))
        // A person is never a time word the segmenter knows (凌晨).
        .filter(|m| {
            m.kind != model::EntityKind::Person
                || !doc
                    .token_starting_at(m.span.start)
                    .is_some_and(|t| t.span == m.span && t.pos.as_str() == "t")
        })
        // A surname and a title is no organisation (王部 of 王部长).
        .filter(|m| {
            m.kind != model::EntityKind::Organization
                || !(m.span.len() == 2
                    && doc.chars().get(m.span.end) == Some(&'长')
                    && grammar::is_surname(doc.chars()[m.span.start]))
        })
        // A name of two or more chars starts where a word starts (not 重庆 in 隆重庆祝), and
        // a place's or organisation's with no conjunction or preposition (及鸿海集团, 至龙昌;
        // 和 and 于 are surnames too).
        .filter(|m| {
            m.span.len() < 2
                || doc.token_starting_at(m.span.start).is_some_and(|t| {
                    m.kind == model::EntityKind::Person || !matches!(t.pos.as_str(), "c" | "p")
                })
        })
        .map(|m| {
            let span = without_credit(doc, without_glued_conjunction(doc, m.span, m.kind));
            let span = if m.kind == model::EntityKind::Person {
                without_title(doc, with_regnal_number(doc, span))
            } else {
                span
            };
            let surface = doc.string(span);
            Mention {
                span,
                kind: match m.kind {
                    model::EntityKind::Person => EntityType::Person,
                    model::EntityKind::Location => EntityType::Location,
                    model::EntityKind::Organization => EntityType::Organization,
                },
                normalized: surface.clone(),
                text: surface,
            }
        })
        .collect();
    // A short form (友谊, 新建, 昆仑 are also words) stands where the article writes its full
    // name too (仁德 after 仁德区, 高雄 after 高雄市), or where the tagger saw a place there
    // too, or saw nothing and the segmenter called it a place name.
    let short_places: rustc_hash::FxHashSet<Span> = places
        .iter()
        .filter(|p| p.short && !written.contains(p.normalized.as_str()))
        .map(|p| p.span)
        .collect();
    let place_spans: rustc_hash::FxHashSet<Span> = places.iter().map(|p| p.span).collect();
    let tagged_index = SpanIndex::new(tagged.iter().map(|m| m.span));
    mentions.retain(|r| {
        if !short_places.contains(&r.span) {
            return true;
        }
        let mut seen = tagged_index.overlapping(r.span).peekable();
        if seen.peek().is_none() {
            return doc
                .token_starting_at(r.span.start)
                .is_some_and(|t| t.pos.is_place());
        }
        seen.any(|i| tagged[i].kind == model::EntityKind::Location && tagged[i].span == r.span)
    });
    // The tagger's mention replaces a rule mention it contains; any other overlap with a rule
    // mention, the rule wins (本溪市公安局联合中保公司 is two organisations).
    let rule_index = SpanIndex::new(mentions.iter().map(|m| m.span));
    let learned: Vec<Mention> = learned
        .into_iter()
        // One organisation's name holds no preposition or particle (南都记者从市公安局 is
        // two names and what lies between them).
        .filter(|m| {
            m.kind != EntityType::Organization
                || !doc
                    .tokens_in(m.span)
                    .iter()
                    .any(|t| breaks_org_name(t.pos, t.word(text)))
        })
        .filter(|m| {
            // A name inside a title is nested in the work, not in conflict with it
            // (中华人民共和国 in 《中华人民共和国香港特别行政区基本法》).
            let rules: Vec<&Mention> = rule_index
                .overlapping(m.span)
                .map(|i| &mentions[i])
                .filter(|r| {
                    !(r.kind == EntityType::Work
                        && r.span.start <= m.span.start
                        && m.span.end <= r.span.end)
                })
                .collect();
            let contains = |r: &Mention| {
                m.span.start <= r.span.start && r.span.end <= m.span.end && m.span != r.span
            };
            // The same name as a gazetteer place, read in context as something else: 丹麦 the
            // team, 紫禁城 the museum.
            // A place is never read as a person (乌拉圭).
            let reads_place_otherwise = |r: &Mention| {
                r.span == m.span
                    && place_spans.contains(&r.span)
                    && r.kind != m.kind
                    && m.kind != EntityType::Person
            };
            match rules[..] {
                [] => true,
                // One gazetteer place or rule organisation inside a longer name the tagger
                // read in context (中国 in 中国共产党, 友好协会 in 中国人民对外友好协会).
                // A road is whole as the rules read it (not 分永大路 for 永大路 after 4时47分,
                // nor 保安路105号 with its house number), unless it is part of a name of another
                // kind (北京铁路国际旅行社).
                [r] => {
                    contains(r)
                        && r.kind != EntityType::Work
                        && !(road_spans.contains(&r.span) && m.kind == r.kind)
                        || reads_place_otherwise(r)
                }
                // Places and organisations inside it, with no verb or function word between
                // them (中国 + 交通部 in 中国交通部, not 本溪市公安局联合中保公司).
                _ => {
                    rules
                        .iter()
                        .all(|r| contains(r) && r.kind != EntityType::Work)
                        // Where every name inside it is an organisation, each stands on its
                        // own (中央纪委 + 国家监委), as it would with a 、 between them.
                        && !rules.iter().all(|r| r.kind == EntityType::Organization)
                        && !doc.tokens_in(m.span).iter().any(|t| {
                            (t.pos.is_verb() || t.pos.is_function_word())
                                && !rules.iter().any(|r| {
                                    r.span.start <= t.span.start && t.span.end <= r.span.end
                                })
                        })
                }
            }
        })
        .collect();
    let learned_index = SpanIndex::new(learned.iter().map(|m| m.span));
    mentions.retain(|r| {
        !learned_index
            .overlapping(r.span)
            .any(|i| learned[i].span.start <= r.span.start && r.span.end <= learned[i].span.end)
    });
    mentions.extend(learned);
    // Two short forms before what they share (台梵邦谊), where no name read in context holds
    // them (美中贸易全国委员会).
    add_where_free(&mut mentions, grammar::abbreviation_pairs(doc));
    mentions.extend(repeated_mentions(doc, &mentions));
    mentions.retain(|m| {
        m.kind != EntityType::Location || m.span.len() > 1 || short_form_stands(doc, m.span)
    });
    // A name inside a link (…/2019/08/北區醫院-北區醫院警察打人-….jpg) is part of an address.
    let links = SpanIndex::new(links(doc));
    mentions.retain(|m| links.overlapping(m.span).next().is_none());
    group(mentions)
}

/// The other mentions of a name found once (document-level consistency): wherever a person's
/// or an organisation's name of two chars or more stands again, starting a word, and no other
/// mention covers it, it is the same entity (顾建党 tagged in one sentence is 顾建党 in all).
fn repeated_mentions(doc: &Doc, mentions: &[Mention]) -> Vec<Mention> {
    // Which chars a mention covers, so that a repeat never overlaps one.
    let mut covered = vec![false; doc.len()];
    for m in mentions {
        covered[m.span.start.min(doc.len())..m.span.end.min(doc.len())].fill(true);
    }
    // Each name once (the first mention of it stands for all), looked up by its first two
    // chars at each token start: a repeat starts a word.
    let chars = doc.chars();
    let mut seen: rustc_hash::FxHashSet<(&str, EntityType)> = Default::default();
    // A name and its chars, by its first two chars.
    type Names<'m> = Vec<(&'m Mention, Vec<char>)>;
    let mut by_start: rustc_hash::FxHashMap<(char, char), Names> = Default::default();
    for m in mentions {
        let repeatable = matches!(m.kind, EntityType::Person | EntityType::Organization);
        if !repeatable || m.span.len() < 2 || !seen.insert((m.text.as_str(), m.kind)) {
            continue;
        }
        let name: Vec<char> = m.text.chars().collect();
        by_start
            .entry((name[0], name[1]))
            .or_default()
            .push((m, name));
    }
    let mut out: Vec<Mention> = Vec::new();
    if by_start.is_empty() {
        return out;
    }
    for token in doc.tokens() {
        let start = token.span.start;
        let (Some(&a), Some(&b)) = (chars.get(start), chars.get(start + 1)) else {
            continue;
        };
        let Some(names) = by_start.get(&(a, b)) else {
            continue;
        };
        let found = names
            .iter()
            .filter(|(_, name)| chars.get(start..start + name.len()) == Some(name.as_slice()))
            .max_by_key(|(_, name)| name.len());
        if let Some((m, name)) = found {
            let span = Span::new(start, start + name.len());
            if !covered[span.start..span.end].contains(&true) {
                covered[span.start..span.end].fill(true);
                out.push(Mention {
                    span,
                    ..(*m).clone()
                });
            }
        }
    }
    out
}

/// Where the text holds a web address (scraped markup often leaves `src="https://…"` behind).
fn links(doc: &Doc) -> Vec<Span> {
    static LINK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let link = LINK.get_or_init(|| {
        regex::Regex::new(r#"(?:https?://|www\.)[^\s"'<>()（）\[\]【】，。、；]+"#)
            .expect("valid regex")
    });
    link.find_iter(doc.text())
        .map(|m| doc.span_of_bytes(m.start(), m.end()))
        .collect()
}

/// Add the `candidates` that overlap none of `mentions` (rules found earlier win).
fn add_where_free(mentions: &mut Vec<Mention>, candidates: Vec<Mention>) {
    let taken = SpanIndex::new(mentions.iter().map(|m| m.span));
    let free: Vec<Mention> = candidates
        .into_iter()
        .filter(|c| taken.overlapping(c.span).next().is_none())
        .collect();
    mentions.extend(free);
}

/// Whether a mention is what `dicts/not_entities.txt` says is no name (十九届四中全会, 民国).
fn is_not_an_entity(text: &str) -> bool {
    static PATTERNS: std::sync::OnceLock<regex::RegexSet> = std::sync::OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            regex::RegexSet::new(crate::dicts::rows(crate::dicts::NOT_ENTITIES).map(|(p, _)| p))
                .unwrap_or_else(|_| regex::RegexSet::empty())
        })
        .is_match(text)
}

/// A name less a conjunction or preposition the segmenter glued to its first word (及 + 鸿海集团
/// from 及鸿海/集团, 至 + 龙昌, 往 + 仁德). A person's keeps one that is a surname: 和, 于, 向.
fn without_glued_conjunction(doc: &Doc, span: Span, kind: model::EntityKind) -> Span {
    let Some(&first) = doc.chars().get(span.start) else {
        return span;
    };
    let glued = matches!(
        first,
        '及' | '与' | '和' | '同' | '至' | '往' | '于' | '在' | '从' | '向' | '对'
    ) && doc
        .token_starting_at(span.start)
        .is_some_and(|t| t.span.len() >= 2 && !t.pos.is_proper_name());
    let keeps = kind == model::EntityKind::Person && grammar::is_surname(first);
    if glued && !keeps && span.len() >= 3 {
        Span::new(span.start + 1, span.end)
    } else {
        span
    }
}

/// A person's name less the title the tagger read into it (陈市长 is 陈, 王局长 is 王).
fn without_title(doc: &Doc, span: Span) -> Span {
    static TITLES: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        crate::dicts::rows(crate::dicts::PERSON_TITLES)
            .filter(|(_, side)| side.trim() != "before")
            .map(|(t, _)| t.chars().collect())
            .collect()
    });
    let name = &doc.chars()[span.start..span.end.min(doc.len())];
    titles
        .iter()
        .find(|t| name.len() > t.len() && name.ends_with(t))
        .map_or(span, |t| Span::new(span.start, span.end - t.len()))
}

/// A pope's or monarch's name with its regnal number (保禄 + 六世, 伊丽莎白 + 二世), and the
/// name before it the segmenter cut off (若望 + 保禄一世).
fn with_regnal_number(doc: &Doc, span: Span) -> Span {
    let chars = doc.chars();
    let digits = chars[span.end.min(chars.len())..]
        .iter()
        .take_while(|&&c| crate::text::digit_value(c).is_some() || c == '十')
        .count();
    if digits == 0 || chars.get(span.end + digits) != Some(&'世') {
        return span;
    }
    let start = match doc.tokens_in(Span::new(span.start.saturating_sub(4), span.start)) {
        [.., before] if before.span.end == span.start && before.pos.is_person() => {
            before.span.start
        }
        _ => span.start,
    };
    Span::new(start, span.end + digits + 1)
}

/// `span` less a credit word at its end (王明摄 → 王明), when two chars or more are left.
fn without_credit(doc: &Doc, span: Span) -> Span {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        crate::dicts::rows(crate::dicts::CREDIT_WORDS)
            .map(|(w, _)| w)
            .collect()
    });
    words
        .iter()
        .find_map(|w| {
            let n = w.chars().count();
            (span.len() >= n + 2 && doc.ends_with_at(span.end, w))
                .then(|| Span::new(span.start, span.end - n))
        })
        .unwrap_or(span)
}

/// A word that never stands inside an organisation's name: a preposition (从, 被, 在), but
/// not one that also joins names (卫生部营养与食品研究所, 中国科学技术协会暨…).
fn breaks_org_name(pos: Pos, word: &str) -> bool {
    pos.as_str() == "p" && !matches!(word, "与" | "和" | "及" | "暨" | "同" | "跟")
}

/// Whether a one-character place is one here: it must be a short form of a country or region
/// (`dicts/place_abbreviations.txt`: 美, 俄, 台, 京), not a surname or a fragment (蔡, 团, 证).
fn short_form_stands(doc: &Doc, span: Span) -> bool {
    doc.chars()
        .get(span.start)
        .is_some_and(|&c| grammar::is_place_abbreviation(c))
}

/// The quoted terms of the document.
pub fn quoted_terms(doc: &Doc) -> Vec<QuotedTerm> {
    quoted::quoted_terms(doc)
        .into_iter()
        .map(|(text, count)| QuotedTerm { text, count })
        .collect()
}

/// The city (or county) the article is about: the most mentioned prefecture, else county.
fn main_place(places: &[gazetteer::Place]) -> Option<String> {
    let mut counts: HashMap<(u8, &str), usize> = HashMap::new();
    for p in places.iter().filter(|p| p.level == 2 || p.level == 3) {
        *counts.entry((p.level, p.normalized.as_str())).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&((level, name), n)| (std::cmp::Reverse(level), n, std::cmp::Reverse(name)))
        .map(|((_, name), _)| name.to_string())
}

/// Keep the outermost of overlapping organisation mentions (本溪市公安局 inside
/// 本溪市公安局恒安分局 stays only where it stands alone).
fn outermost(mut orgs: Vec<Mention>) -> Vec<Mention> {
    orgs.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Mention> = Vec::new();
    for m in orgs {
        if out.last().is_none_or(|last| m.span.start >= last.span.end) {
            out.push(m);
        }
    }
    out
}

/// Group mentions into entities by type and normalized name.
fn group(mut mentions: Vec<Mention>) -> Vec<Entity> {
    mentions.sort_by_key(|m| m.span);
    let mut entities: Vec<Entity> = Vec::new();
    let mut surfaces: Vec<HashMap<String, usize>> = Vec::new();
    let mut index: HashMap<(EntityType, String), usize> = HashMap::new();
    for m in mentions {
        let i = *index
            .entry((m.kind, m.normalized.clone()))
            .or_insert_with(|| {
                entities.push(Entity {
                    text: m.text.clone(),
                    kind: m.kind,
                    normalized: m.normalized.clone(),
                    mentions: Vec::new(),
                    count: 0,
                });
                surfaces.push(HashMap::new());
                entities.len() - 1
            });
        if entities[i].mentions.last() != Some(&m.span) {
            entities[i].mentions.push(m.span);
            entities[i].count += 1;
            *surfaces[i].entry(m.text).or_insert(0) += 1;
        }
    }
    for (entity, surface) in entities.iter_mut().zip(surfaces) {
        if let Some((text, _)) = surface
            .into_iter()
            .max_by_key(|(t, n)| (*n, std::cmp::Reverse(t.clone())))
        {
            entity.text = text;
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{gazetteer, segmenter};

    fn found(text: &str) -> Vec<(EntityType, String)> {
        let text = &crate::testing::converter().to_simplified(text);
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let tagger = NerModel::embedded();
        let mut got: Vec<(EntityType, String)> = extract(&doc, gazetteer(), &tagger)
            .into_iter()
            .flat_map(|e| {
                e.mentions
                    .into_iter()
                    .map(|s| (e.kind, doc.string(s)))
                    .collect::<Vec<_>>()
            })
            .collect();
        got.sort_by(|a, b| a.1.cmp(&b.1));
        got
    }

    #[test]
    fn names_inside_a_title_are_mentions_too() {
        let got = found("他学习了《中华人民共和国香港特别行政区基本法》。");
        assert!(
            got.contains(&(
                EntityType::Work,
                "中华人民共和国香港特别行政区基本法".into()
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&(EntityType::Location, "中华人民共和国".into())),
            "{got:?}"
        );
    }

    #[test]
    fn leaders_are_people() {
        let got = found("在以习近平同志为核心的党中央坚强领导下，汪洋出席大会并讲话。");
        assert!(
            got.contains(&(EntityType::Person, "习近平".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(EntityType::Person, "汪洋".into())),
            "{got:?}"
        );
    }

    #[test]
    fn masked_names_are_people_whole() {
        for (text, name) in [
            ("民警迅速出警，将犯罪嫌疑人邓某抓获。", "邓某"),
            ("经查，犯罪嫌疑人陈某某对其违法事实供认不讳。", "陈某某"),
            ("次日，周某到派出所投案。", "周某"),
            ("教宗保祿六世曾訪問", "保禄六世"),
            // Named familiarly, and an occupation is no name.
            ("瓜农老杨称自己的现金被盗，老杨说", "老杨"),
        ] {
            let got = found(text);
            let people: Vec<&str> = got
                .iter()
                .filter(|(kind, _)| *kind == EntityType::Person)
                .map(|(_, name)| name.as_str())
                .collect();
            assert!(
                !people.is_empty() && people.iter().all(|p| p == &name),
                "{text}: {people:?}"
            );
        }
    }

    #[test]
    fn agencies_come_out_whole() {
        for (text, org) in [
            (
                "中国人民银行岳阳市中心支行召开会议。",
                "中国人民银行岳阳市中心支行",
            ),
            ("臺南市政府警察局局長廖宗山表示", "台南市政府警察局"),
            ("出席仪式的有省商务厅、省发改委等部门负责人。", "省商务厅"),
            (
                "山东新旧动能转换综合试验区管委会主任出席。",
                "山东新旧动能转换综合试验区管委会",
            ),
            ("行政院主計總處昨(2)日舉辦普查頒獎典禮", "行政院主计总处"),
            ("內政部警政署表示將持續查緝", "内政部警政署"),
            ("傳真社記者昨天到醫院採訪", "传真社"),
            ("請以書面向本府都市發展局提出", "都市发展局"),
            ("市府災害防救辦公室持續監控", "市府灾害防救办公室"),
            ("與蔡英文總統及鴻海集團創辦人郭台銘先生會見", "鸿海集团"),
        ] {
            let got = found(text);
            assert!(
                got.contains(&(EntityType::Organization, org.into())),
                "{text}: {got:?}"
            );
        }
        // A unit has a name of its own: a verb, 内部 or 各 ends the parent's name.
        for (text, not_org) in [
            ("欧盟签署了这项协议", "欧盟签署"),
            ("北约内部意见不一", "北约内部"),
            ("落实党中央决策部署", "党中央决策部署"),
            ("经济部王美花部长出席", "经济部王美花部"),
            ("济宁市公安局各派出所加强巡逻", "济宁市公安局各派出所"),
        ] {
            let got = found(text);
            assert!(
                !got.contains(&(EntityType::Organization, not_org.into())),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn no_names_inside_a_link() {
        let got = found(
            "記者到北區醫院採訪。<img src=\"https://www.example.com/2019/08/北區醫院-警察-1.jpg\">",
        );
        assert_eq!(
            got,
            [(EntityType::Organization, "北区医院".to_string())],
            "{got:?}"
        );
    }

    #[test]
    fn one_character_places_are_short_forms_of_countries_and_regions() {
        let got = found("蔡總統指示行政院全力協助，中美两国代表出席。");
        let places: Vec<&str> = got
            .iter()
            .filter(|(kind, _)| *kind == EntityType::Location)
            .map(|(_, name)| name.as_str())
            .collect();
        assert!(!places.contains(&"蔡"), "{got:?}");
        assert!(places.contains(&"中") && places.contains(&"美"), "{got:?}");
        // Before what the two share, each char is a place; inside a name read whole, not.
        let got = found("持續深化臺梵邦誼。美中贸易全国委员会会长出席");
        assert!(
            got.contains(&(EntityType::Location, "台".into()))
                && got.contains(&(EntityType::Location, "梵".into())),
            "{got:?}"
        );
        assert!(
            !got.contains(&(EntityType::Location, "美".into())),
            "{got:?}"
        );
    }

    #[test]
    fn normalisation_adds_nothing_the_text_does_not_say() {
        let got = found("新建工程将于年底完工，东北两大平原粮食丰收。");
        for word in ["新建", "平原"] {
            assert!(
                !got.contains(&(EntityType::Location, word.into())),
                "{got:?}"
            );
        }
        let text = "台灣與巴拉圭邦誼穩固";
        let analyzer = crate::Analyzer::new();
        let analysis = analyzer.analyze(text);
        let taiwan = analysis.entities.iter().find(|e| e.text == "台湾");
        assert_eq!(
            taiwan.map(|e| e.normalized.as_str()),
            Some("台湾"),
            "{:?}",
            analysis.entities
        );
    }

    #[test]
    fn credits_and_countries_are_not_people() {
        let got = found("图为启动仪式现场。（王明摄）蔡總統今天接見巴拉圭總統阿布鐸。台灣與烏拉圭");
        assert!(
            got.contains(&(EntityType::Person, "王明".into())),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, name)| name == "王明摄"), "{got:?}");
        assert!(
            got.contains(&(EntityType::Location, "乌拉圭".into())),
            "{got:?}"
        );
        // A title is no part of a name, nor a surname and a title an organisation.
        let got = found("總統也在王部長與陳市長等陪同下視察，一名孔姓男子");
        assert!(
            !got.iter()
                .any(|(_, name)| name == "陈市长" || name == "王部" || name == "孔姓"),
            "{got:?}"
        );
        // A world city is a place, never a person.
        let got = found("论坛在达沃斯举行，代表团随后访问哈瓦那");
        assert!(
            got.contains(&(EntityType::Location, "达沃斯".into()))
                && got.contains(&(EntityType::Location, "哈瓦那".into())),
            "{got:?}"
        );
        // Courtesy is no one; the two sides of the strait are a place in any compound.
        let got = found("谢谢大家。推动两岸关系和平发展，增进两岸人民福祉");
        assert_eq!(
            got,
            [
                (EntityType::Location, "两岸".to_string()),
                (EntityType::Location, "两岸".to_string())
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_name_found_once_is_found_at_every_mention() {
        let text = "总裁顾建党表示，就在顾建党一筹莫展的时候，顾建党心急如火。";
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let first = Mention {
            span: Span::new(2, 5),
            kind: EntityType::Person,
            text: "顾建党".into(),
            normalized: "顾建党".into(),
        };
        let found: Vec<Span> = repeated_mentions(&doc, &[first])
            .into_iter()
            .map(|m| m.span)
            .collect();
        assert_eq!(found, [Span::new(10, 13), Span::new(21, 24)]);
    }

    #[test]
    fn a_bulletin_lists_its_roads_whole() {
        // Lines of a Tainan flood bulletin (samples/zh-hant): times, districts and crossings
        // run into the names.
        let got = found(concat!(
            "包括永康、東區、仁德、歸仁等地區因仍有局部道路尚有積水，目前小東地下道雙向封閉、林森路一段大同地下道等道路，進行管制封閉、雙向封閉。市府提醒用路人小心行駛、注意安全。\n",
            "13、保安路105號到二仁路積水無法通行\n",
            "5、3時55分中山南路與東橋七路口積水(積水約20公分)\n",
            "6、3時58分正強街往統一中正橋方向(積水約20公分)\n",
            "7、4時10分自強、正強路口往砲校方向(積水約30公分)\n",
            "8、4時28分中正路機車地下道(積水約20公分)\n",
            "9、4時28分永大、民族路口（積水約20公分）\n",
            "10、4時33分大灣路942巷與大灣路口拉封鎖線（積水約20公分）\n",
            "11、4時37分永大路一段2號前（積水約20公分）\n",
            "12、4時42分永大、大灣三及永大國光六已拉封鎖線（積水約20公分）\n",
            "13、4時47分永大路、大灣路拉封鎖線（積水約20公分）\n",
            "14、4時53分自強路22巷口（積水約20公分）\n",
            "15、4時54分永華、永勝、文化路口延綫到永大一路口已封鎖（積水約20公分）\n",
            "16、4時56分永大、崑大路口往涵洞方向已封鎖（積水約20公分）\n",
            "17、5時0分永大路一段與南興路3巷口已封鎖（積水約20公分）\n",
            "1、0330仁德區高速公路太子涵洞封路\n",
            "2、0355仁德區長興路南興路封鎖\n",
            "3、仁德所轄區:0335仁德區高速公路北上閘道封路\n",
            "4、0348仁德區中正路二段1052號淹水\n",
        ));
        for road in [
            "保安路",
            "二仁路",
            "永大路",
            "永大路一段",
            "大湾路",
            "昆大路",
            "文化路",
            "永大一路",
            "长兴路",
            "南兴路",
        ] {
            assert!(
                got.contains(&(EntityType::Location, road.into())),
                "{road}: {got:?}"
            );
        }
        assert!(
            !got.iter().any(|(_, name)| name.starts_with('分')
                || name.ends_with("道路")
                || name.ends_with('号')
                || name == "机车地下道"),
            "{got:?}"
        );
        // Outside a bulletin a word before 路 is no road.
        assert!(found("明确发展思路，拓宽工作路径").is_empty());
    }

    #[test]
    fn taiwan_districts_by_full_and_short_name() {
        let got = found("臺南市仁德區、歸仁區停水，仁德、歸仁兩區民眾請儲水");
        for place in ["仁德区", "归仁区", "仁德", "归仁"] {
            assert!(
                got.contains(&(EntityType::Location, place.into())),
                "{place}: {got:?}"
            );
        }
        assert!(
            !got.iter().any(|(t, _)| *t == EntityType::Person),
            "{got:?}"
        );
        // A municipality's short form in its own releases.
        let got = found("110年南市平均每戶經常性收入");
        assert!(
            got.contains(&(EntityType::Location, "南市".into())),
            "{got:?}"
        );
    }

    #[test]
    fn roads_with_their_sections_and_lanes() {
        let got = found("永大路一段與南興路3巷口已封鎖，林森路一段大同地下道雙向封閉，這條路很長");
        for road in ["南兴路3巷", "林森路一段"] {
            assert!(
                got.contains(&(EntityType::Location, road.into())),
                "{got:?}"
            );
        }
        assert!(
            !got.iter().any(|(_, name)| name.contains("这条")),
            "{got:?}"
        );
    }
}
