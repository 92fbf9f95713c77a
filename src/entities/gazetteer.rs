//! Places from the administrative-divisions gazetteer (`dicts/divisions.tsv`: provinces,
//! cities, counties, townships with codes and short forms; `dicts/divisions_taiwan.tsv` below
//! Taiwan's counties) and from `dicts/places_world.txt`
//! (countries, world and Chinese regions).
//!
//! A match must start and end on token boundaries. Full names count as they are; a short form
//! (`本溪` for 本溪市) counts only where the segmenter tagged it as a proper name, so common
//! words that are also short forms (`和平`) stay words. A short form several places share is
//! resolved to the one that contains the others, or to the one whose parent the article
//! names; townships count only after their county or city is mentioned.
//!
//! ```
//! let text = "本溪市溪湖区河东街道";
//! let analyzer = zhnews::Analyzer::new();
//! let places = analyzer.resources().gazetteer().find(text, &analyzer.segment(text));
//! let names: Vec<&str> = places.iter().map(|p| p.normalized.as_str()).collect();
//! assert_eq!(names, ["本溪市", "溪湖区", "河东街道"]);
//! ```

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use crate::dicts::{self, rows};
use crate::document::{Pos, Span, Token};

/// One administrative division.
#[derive(Debug, Clone)]
pub struct Division {
    /// GB/T 2260 code (levels 1–3) or the statistical code (level 4).
    pub code: u64,
    /// Full name (`本溪市`).
    pub name: &'static str,
    /// 1 province, 2 prefecture, 3 county, 4 township.
    pub level: u8,
    /// Code of the parent division (0 for provinces).
    pub parent: u64,
}

/// What a pattern of the automaton names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    /// A division by its full name.
    Full(usize),
    /// A division by its short form.
    Short(usize),
    /// A country or region, with its normalized name.
    World(&'static str),
}

/// A place found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Where it is.
    pub span: Span,
    /// Its full name.
    pub normalized: String,
    /// The division, when it is one.
    pub code: Option<u64>,
    /// Its level (0 for countries and regions).
    pub level: u8,
    /// Found by its short form (`本溪`): weaker evidence than a full name.
    pub short: bool,
}

/// The gazetteer with its automaton; build once (an [`crate::Analyzer`] holds one).
pub struct Gazetteer {
    divisions: Vec<Division>,
    by_code: HashMap<u64, usize>,
    /// Every name and short form, with what it names, and every start of one.
    forms: HashMap<&'static str, Form>,
}

/// What a string is to the gazetteer.
#[derive(Default)]
struct Form {
    /// The places it names: none for a string that only starts longer names.
    entries: Vec<Entry>,
    /// Whether some longer name starts with it.
    longer: bool,
}

/// The most tokens a place name spans (黔东南苗族侗族自治州 is several).
const MAX_TOKENS: usize = 6;

/// The longest name in bytes (names are at most a dozen characters).
const MAX_NAME_BYTES: usize = 48;

impl Gazetteer {
    /// Parse the tables and build the automaton.
    pub fn new() -> Self {
        let mut divisions = Vec::new();
        let mut forms: Vec<(&'static str, Entry)> = Vec::new();
        for (code, rest) in rows(dicts::DIVISIONS).chain(rows(dicts::DIVISIONS_TAIWAN)) {
            let mut fields = rest.split('\t');
            let (Ok(code), Some(name), Some(short), Some(level), Some(parent), Some(source)) = (
                code.parse::<u64>(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            if source == "placeholder" {
                continue;
            }
            let level: u8 = level.parse().unwrap_or(0);
            let index = divisions.len();
            divisions.push(Division {
                code,
                name,
                level,
                parent: parent.parse().unwrap_or(0),
            });
            forms.push((name, Entry::Full(index)));
            if level <= 3 && short != name && short.chars().count() >= 2 {
                forms.push((short, Entry::Short(index)));
            }
        }
        for (name, normalized) in rows(dicts::PLACES_WORLD) {
            forms.push((name, Entry::World(normalized)));
        }
        let mut forms_index: HashMap<&'static str, Form> =
            HashMap::with_capacity_and_hasher(2 * forms.len(), Default::default());
        for (form, entry) in forms {
            forms_index.entry(form).or_default().entries.push(entry);
            // Its starts, so that a search for longer names stops where none can follow.
            for (end, _) in form.char_indices().skip(1) {
                forms_index.entry(&form[..end]).or_default().longer = true;
            }
        }
        let by_code = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code, i))
            .collect();
        Gazetteer {
            divisions,
            by_code,
            forms: forms_index,
        }
    }

    /// The division at `index`.
    pub fn division(&self, index: usize) -> &Division {
        &self.divisions[index]
    }

    fn by_code(&self, code: u64) -> Option<&Division> {
        self.by_code.get(&code).map(|&i| &self.divisions[i])
    }

    /// Whether `ancestor` contains the division `code` (or is it).
    fn contains(&self, ancestor: u64, code: u64) -> bool {
        let mut current = Some(code);
        while let Some(c) = current.filter(|&c| c != 0) {
            if c == ancestor {
                return true;
            }
            current = self.by_code(c).map(|d| d.parent);
        }
        false
    }

    /// Every place in `text`, leftmost-longest, not overlapping.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Place> {
        // Candidates: runs of up to four adjacent tokens whose text is a name. A place name
        // starts and ends on token boundaries, so a hash lookup per run finds them all.
        let mut candidates: Vec<(Span, &[Entry], Pos)> = Vec::new();
        for (i, first) in tokens.iter().enumerate() {
            // Function words (的, 在, 和, punctuation) never start a place name; numerals do
            // (两岸, 六盘水), digits do not.
            let function_word = first.pos.is_function_word();
            let digits = text[first.bytes.0..].starts_with(|c: char| c.is_ascii_digit());
            if function_word || digits {
                continue;
            }
            let mut last = first;
            for next in tokens[i..].iter().take(MAX_TOKENS) {
                let gap = next.bytes.0 != last.bytes.1 && next.span != first.span;
                if gap || next.bytes.1 - first.bytes.0 > MAX_NAME_BYTES {
                    break;
                }
                last = next;
                let name = text.get(first.bytes.0..next.bytes.1).unwrap_or("");
                // No name is this text or starts with it: none goes on from here.
                let Some(form) = self.forms.get(name) else {
                    break;
                };
                if !form.entries.is_empty() {
                    candidates.push((
                        Span::new(first.span.start, next.span.end),
                        &form.entries,
                        first.pos,
                    ));
                }
                if !form.longer {
                    break;
                }
            }
        }
        // First pass: full names of levels 1–3 and world places: the article's anchors.
        let mut named: HashSet<u64> = HashSet::new();
        for (_, entries, _) in &candidates {
            for entry in entries.iter() {
                if let Entry::Full(i) = entry
                    && self.divisions[*i].level <= 3
                {
                    named.insert(self.divisions[*i].code);
                }
            }
        }
        let mut found: Vec<Place> = Vec::new();
        for &(span, entries, pos) in &candidates {
            if let Some(place) = self.resolve(span, entries, &named, pos.is_proper_name()) {
                found.push(place);
            }
        }
        // Short forms add their divisions as anchors for townships too.
        for p in &found {
            if let Some(code) = p.code {
                named.insert(code);
            }
        }
        // A township, or a county by its short form (新建, 平原 are also words), is one only
        // under a division the article names.
        found.retain(|p| {
            p.level < 3
                || p.level == 3 && !p.short
                || p.code.is_some_and(|c| self.parent_named(c, &named))
        });
        // Leftmost-longest, without overlaps.
        found.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
        let mut out: Vec<Place> = Vec::new();
        for place in found {
            if out
                .last()
                .is_none_or(|last| place.span.start >= last.span.end)
            {
                out.push(place);
            }
        }
        out
    }

    fn parent_named(&self, code: u64, named: &HashSet<u64>) -> bool {
        let mut current = self.by_code(code).map(|d| d.parent);
        while let Some(c) = current.filter(|&c| c != 0) {
            if named.contains(&c) {
                return true;
            }
            current = self.by_code(c).map(|d| d.parent);
        }
        false
    }

    /// Pick the place a match names, or none.
    fn resolve(
        &self,
        span: Span,
        entries: &[Entry],
        named: &HashSet<u64>,
        proper: bool,
    ) -> Option<Place> {
        if let Some(Entry::World(normalized)) =
            entries.iter().find(|e| matches!(e, Entry::World(_)))
        {
            return Some(Place {
                span,
                normalized: normalized.to_string(),
                code: None,
                level: 0,
                short: false,
            });
        }
        let full: Vec<usize> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Full(i) => Some(*i),
                _ => None,
            })
            .collect();
        let short: Vec<usize> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Short(i) => Some(*i),
                _ => None,
            })
            .collect();
        let short_form = full.is_empty();
        let pool = if !full.is_empty() {
            full
        } else if proper {
            short
        } else {
            return None;
        };
        let chosen = self.disambiguate(&pool, named)?;
        let d = &self.divisions[chosen];
        Some(Place {
            span,
            normalized: d.name.to_string(),
            code: Some(d.code),
            level: d.level,
            short: short_form,
        })
    }

    /// One division among several that share a name: the one containing all the others, or
    /// the only one under a division the article names.
    fn disambiguate(&self, pool: &[usize], named: &HashSet<u64>) -> Option<usize> {
        if let [only] = pool {
            return Some(*only);
        }
        let code = |i: usize| self.divisions[i].code;
        if let Some(&top) = pool
            .iter()
            .find(|&&a| pool.iter().all(|&b| self.contains(code(a), code(b))))
        {
            return Some(top);
        }
        let under_named: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&i| self.parent_named(code(i), named))
            .collect();
        match under_named[..] {
            [one] => Some(one),
            _ => None,
        }
    }
}

impl Default for Gazetteer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{gazetteer, segmenter};

    fn places(text: &str) -> Vec<String> {
        let tokens = segmenter().tag(text);
        gazetteer()
            .find(text, &tokens)
            .into_iter()
            .map(|p| {
                format!(
                    "{}={}",
                    crate::document::char_slice(text, p.span),
                    p.normalized
                )
            })
            .collect()
    }

    #[test]
    fn finds_divisions_and_regions() {
        assert_eq!(
            places("东北的冬夜，本溪人回到本溪市溪湖区河东街道"),
            [
                "东北=东北",
                "本溪=本溪市",
                "本溪市=本溪市",
                "溪湖区=溪湖区",
                "河东街道=河东街道"
            ]
        );
    }

    #[test]
    fn common_words_that_are_short_forms_stay_words() {
        assert!(places("推动和平发展").is_empty());
        assert!(
            !places("平安本溪建设")
                .iter()
                .any(|p| p.starts_with("平安本溪"))
        );
    }

    #[test]
    fn a_name_of_several_tokens_is_found_past_the_shorter_names_it_starts_with() {
        // 黔东南 is a name of its own and the start of the prefecture's full name: the search
        // for longer names goes on past it, and stops where no name can follow.
        let found = places("黔东南苗族侗族自治州的凯里市");
        assert!(
            found.iter().any(|p| p.starts_with("黔东南苗族侗族自治州=")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.starts_with("凯里市=")), "{found:?}");
    }

    #[test]
    fn townships_need_their_county() {
        assert!(places("他去了河东街道").is_empty());
    }
}
