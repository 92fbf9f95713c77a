//! Traditional → Simplified conversion.
//!
//! Leftmost-longest match over OpenCC's tables, in OpenCC's order: compatibility ideographs,
//! then the Taiwan and Hong Kong variant tables (so their texts also become Mainland
//! Simplified), then TSPhrases, TSCharactersExt and TSCharacters. Our `convert_overrides.txt`
//! joins the variant pass: it keeps 么 and turns the aspect particle 著 into 着 (忍受著 → 忍受着)
//! while 著名, 显著, 原著 … keep 著, which OpenCC's t2s leaves alone.
//!
//! Text with no Traditional-only character is Simplified and passes through unchanged.
//!
//! ```
//! let converter = zhnews::convert::Converter::new();
//! assert_eq!(converter.to_simplified("東北的冬夜"), "东北的冬夜");
//! assert_eq!(converter.to_simplified("忍受著嚴寒的著名作家"), "忍受着严寒的著名作家");
//! assert_eq!(converter.to_simplified("乾隆年间的显著变化"), "乾隆年间的显著变化");
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::dicts::{self, first_value, rows};
use crate::document::{Fix, FixKind, FixLog, Script};

/// One conversion pass: leftmost-longest replacement over a merged set of tables.
struct Pass {
    automaton: AhoCorasick,
    /// The replacement of each pattern; `None` where it maps to itself (an entry that only
    /// protects its span from shorter entries).
    values: Vec<Option<&'static str>>,
}

impl Pass {
    /// Merge `tables` (earlier ones win on equal keys) into one automaton. For OpenCC's
    /// short-circuit groups this is equivalent: the later tables have single-char keys only.
    fn build(tables: &[Vec<(&'static str, &'static str)>]) -> Pass {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for table in tables {
            for &(key, value) in table {
                if !index.contains_key(key) {
                    index.insert(key, keys.len());
                    keys.push(key);
                    values.push((value != key).then_some(value));
                }
            }
        }
        // The DFA costs a few milliseconds to build and runs fastest: it scans every article.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .expect("conversion tables build an automaton");
        Pass { automaton, values }
    }

    /// The text with every match replaced, or `None` when nothing changes.
    fn apply(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut changed = false;
        for m in self.automaton.find_iter(text) {
            if let Some(value) = self.values[m.pattern().as_usize()] {
                out.push_str(&text[last..m.start()]);
                out.push_str(value);
                last = m.end();
                changed = true;
            }
        }
        if !changed {
            return None;
        }
        out.push_str(&text[last..]);
        Some(out)
    }
}

/// A set of characters as a bitmap: looked up for every character of every article.
struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut bits = Vec::new();
        for c in chars {
            let i = c as usize;
            if bits.len() <= i / 64 {
                bits.resize(i / 64 + 1, 0);
            }
            bits[i / 64] |= 1 << (i % 64);
        }
        CharSet { bits }
    }
}

/// The Traditional → Simplified converter; build it once (an [`crate::Analyzer`] holds one).
pub struct Converter {
    /// The automata, built on the first text that needs converting (a few milliseconds that
    /// Simplified input never pays).
    passes: OnceLock<[Pass; 3]>,
    traditional_only: CharSet,
    simplified_only: CharSet,
}

/// TSCharactersExt: the rare simplified forms OpenCC keeps apart, consulted first.
fn ext_table() -> Vec<(&'static str, &'static str)> {
    dicts::tofu_risk_rows(dicts::TS_CHARACTERS)
        .filter_map(|(k, v)| v.split(' ').find(|x| *x != k).map(|x| (k, x)))
        .collect()
}

/// The three conversion passes: compatibility ideographs, variants, Traditional → Simplified.
fn build_passes() -> [Pass; 3] {
    let ts_phrases = table(dicts::TS_PHRASES);
    // A phrase's output converts to itself: 楊聯陞 → 杨联陞 keeps its 陞, and so must a second
    // conversion of 杨联陞, or cleaning clean output would change it.
    let phrase_outputs: Vec<_> = ts_phrases.iter().map(|&(_, v)| (v, v)).collect();
    [
        Pass::build(&[table(dicts::CJK_COMPATIBILITY)]),
        Pass::build(&[
            table(dicts::CONVERT_OVERRIDES),
            table(dicts::TW_VARIANTS_REV_PHRASES),
            table(dicts::HK_VARIANTS_REV_PHRASES),
            table(dicts::TW_VARIANTS_REV),
            table(dicts::HK_VARIANTS_REV),
        ]),
        Pass::build(&[
            ts_phrases,
            phrase_outputs,
            ext_table(),
            table(dicts::TS_CHARACTERS),
        ]),
    ]
}

/// Rows of a table as `(key, first value)`.
fn table(text: &'static str) -> Vec<(&'static str, &'static str)> {
    rows(text).map(|(k, v)| (k, first_value(v))).collect()
}

impl Converter {
    /// Parse the embedded tables and build the automata (a few milliseconds).
    pub fn new() -> Self {
        let ext_keys: Vec<&str> = ext_table().into_iter().map(|(k, _)| k).collect();
        let single = |k: &str| {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        };
        let ts_keys: HashSet<char> = rows(dicts::TS_CHARACTERS)
            .filter_map(|(k, _)| single(k))
            .collect();
        let keep: HashSet<char> = rows(dicts::SIMPLIFIED_KEEP)
            .filter_map(|(k, _)| single(k))
            .collect();
        // A marker of Traditional text is a character that t2s converts by default (陞 → 升),
        // unless Simplified text writes it too (乾隆). A marker of Simplified text is one that
        // s2t always converts and that is no Traditional character.
        let traditional_only = rows(dicts::TS_CHARACTERS)
            .filter(|(k, v)| first_value(v) != *k)
            .map(|(k, _)| k)
            .chain(ext_keys)
            .filter_map(single)
            .filter(|c| !keep.contains(c))
            .collect();
        let simplified_only = rows(dicts::ST_CHARACTERS)
            .filter(|(k, v)| !v.split(' ').any(|x| x == *k))
            .filter_map(|(k, _)| single(k))
            .filter(|c| !ts_keys.contains(c))
            .collect();
        Converter {
            passes: OnceLock::new(),
            traditional_only,
            simplified_only,
        }
    }

    /// Which script `text` is written in, from its characters that only one script uses.
    pub fn detect(&self, text: &str) -> Script {
        let (traditional, simplified) = self.count_markers(text);
        script_of(traditional, simplified)
    }

    /// How many characters only Traditional, and only Simplified, text uses.
    fn count_markers(&self, text: &str) -> (usize, usize) {
        let (mut traditional, mut simplified) = (0usize, 0usize);
        for c in text.chars().filter(|&c| c >= '\u{3400}') {
            if self.traditional_only.contains(c) {
                traditional += 1;
            } else if self.simplified_only.contains(c) {
                simplified += 1;
            }
        }
        (traditional, simplified)
    }

    /// Convert `text` to Simplified, whatever its script (Simplified text is nearly a fixed
    /// point, but not quite: prefer [`Converter::convert`], which leaves it alone).
    pub fn to_simplified(&self, text: &str) -> String {
        let mut current = std::borrow::Cow::Borrowed(text);
        for pass in self.passes.get_or_init(build_passes) {
            if let Some(next) = pass.apply(&current) {
                current = std::borrow::Cow::Owned(next);
            }
        }
        current.into_owned()
    }

    /// Detect the script and convert when there is Traditional text; report every change.
    /// Returns the script, and the converted text when it differs.
    pub fn convert(&self, text: &str, fixes: &mut FixLog) -> (Script, Option<String>) {
        let (traditional, simplified) = self.count_markers(text);
        if traditional == 0 && simplified > 0 {
            return (Script::Simplified, None);
        }
        // Text without a marker of either script (short, or only shared characters) is still
        // run through the tables: their phrases decide (步步高陞 → 步步高升, 乾隆 stays).
        let converted = self.to_simplified(text);
        if converted == text {
            return (Script::Simplified, None);
        }
        record_changes(text, &converted, fixes);
        let script = match script_of(traditional, simplified) {
            Script::Simplified => Script::Traditional,
            script => script,
        };
        (script, Some(converted))
    }
}

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

/// The script from its marker counts: Traditional when its markers outnumber Simplified ones
/// four to one (converters leave a few Simplified characters behind), mixed in between.
fn script_of(traditional: usize, simplified: usize) -> Script {
    if traditional == 0 {
        Script::Simplified
    } else if traditional >= 4 * simplified {
        Script::Traditional
    } else {
        Script::Mixed
    }
}

/// Report conversions character by character; phrases that change length are reported whole,
/// aligned on the characters around them that did not change.
fn record_changes(before: &str, after: &str, fixes: &mut FixLog) {
    let a: Vec<char> = before.chars().collect();
    let b: Vec<char> = after.chars().collect();
    if a.len() == b.len() {
        // Count per character pair first: an article has thousands of conversions.
        let mut order: Vec<(char, char)> = Vec::new();
        let mut counts: HashMap<(char, char), usize> = HashMap::new();
        for (&x, &y) in a.iter().zip(&b).filter(|(x, y)| x != y) {
            let count = counts.entry((x, y)).or_insert(0);
            if *count == 0 {
                order.push((x, y));
            }
            *count += 1;
        }
        for (x, y) in order {
            fixes.push(Fix {
                kind: FixKind::TraditionalToSimplified,
                before: x.to_string(),
                after: y.to_string(),
                count: counts[&(x, y)],
            });
        }
        return;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let old: String = a[prefix..a.len() - suffix].iter().collect();
    let new: String = b[prefix..b.len() - suffix].iter().collect();
    fixes.record(FixKind::TraditionalToSimplified, &old, &new);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::converter;

    #[test]
    fn converts_words_and_characters() {
        for (input, want) in [
            ("東北的冬夜總是來得很早", "东北的冬夜总是来得很早"),
            (
                "本溪市公安局在全市範圍內組織開展了治安清查統一行動",
                "本溪市公安局在全市范围内组织开展了治安清查统一行动",
            ),
            ("怎么做", "怎么做"),
            ("什麼", "什么"),
            (
                "眼看著就要過年了，他們在心裡都想著",
                "眼看着就要过年了，他们在心里都想着",
            ),
            ("執著堅持", "执着坚持"),
            ("顯著提升，著名作家的原著", "显著提升，著名作家的原著"),
            ("臺灣", "台湾"),
        ] {
            assert_eq!(converter().to_simplified(input), want, "{input}");
        }
    }

    #[test]
    fn detects_scripts() {
        let c = converter();
        for (text, want) in [
            ("本溪市公安局开展平安建设", Script::Simplified),
            ("Plain ASCII", Script::Simplified),
            ("本溪市公安局開展平安建設", Script::Traditional),
            ("乾隆年间", Script::Simplified),
            ("開展開展開展这这这这这这这这这这", Script::Mixed),
        ] {
            assert_eq!(c.detect(text), want, "{text}");
        }
    }

    #[test]
    fn leaves_simplified_text_alone() {
        let mut fixes = FixLog::default();
        let text = "乾隆年间，于是他后来干了一件显著的事。著名的说法。";
        assert_eq!(
            converter().convert(text, &mut fixes),
            (Script::Simplified, None)
        );
        assert!(fixes.is_empty());
    }

    #[test]
    fn reports_each_conversion() {
        let mut fixes = FixLog::default();
        let (script, out) = converter().convert("東北東北的冬夜", &mut fixes);
        assert_eq!(script, Script::Traditional);
        assert_eq!(out.as_deref(), Some("东北东北的冬夜"));
        let fixes = fixes.into_vec();
        assert_eq!(fixes[0].before, "東");
        assert_eq!(fixes[0].after, "东");
        assert_eq!(fixes[0].count, 2);
    }
}
