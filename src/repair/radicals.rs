//! Radicals in running text, written as the ideographs they stand for.
//!
//! Text extracted from PDFs (Taiwanese government releases above all) often carries Kangxi
//! radicals (U+2F00–U+2FD5) or CJK radical forms where the writer typed ideographs: `完⼯`
//! looks like `完工` but is another character, which no dictionary, segmenter or converter
//! knows. A radical next to a Han character or a digit is such an artefact and becomes its ideograph
//! (`dicts/radicals.tsv`, Unicode's NFKC mapping); one standing alone (a list of radicals)
//! stays.
//!
//! ```
//! use zhnews::document::{FixKind, FixLog};
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::radicals::repair("預計116年底完⼯，發稿⽇期", &mut fixes);
//! assert_eq!(out.as_deref(), Some("預計116年底完工，發稿日期"));
//! assert_eq!(fixes.as_slice()[0].kind, FixKind::RadicalForm);
//! ```

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::dicts::{self, char_to_char, rows};
use crate::document::{FixKind, FixLog};
use crate::text::is_han;

/// Radical → ideograph.
fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(dicts::RADICALS)
            .filter_map(|(radical, rest)| char_to_char(radical, rest.split('\t').next()?))
            .collect()
    })
}

/// Whether `c` is in the CJK Radicals Supplement or Kangxi Radicals block (adjacent).
fn is_radical(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF)
}

/// Replace every radical that has a Han character, a digit (`5⽉3⽇`) or another radical
/// beside it; `None` when there is none.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !text.chars().any(is_radical) {
        return None;
    }
    let table = table();
    let chars: Vec<char> = text.chars().collect();
    let in_text = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|&c| is_han(c) || c.is_numeric() || table.contains_key(&c))
    };
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        match table.get(&c) {
            Some(&ideograph) if in_text(i.checked_sub(1)) || in_text(Some(i + 1)) => {
                fixes.record(FixKind::RadicalForm, &c.to_string(), &ideograph.to_string());
                out.push(ideograph);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> String {
        crate::repair::applied(repair, input)
    }

    #[test]
    fn radicals_beside_han_become_ideographs() {
        for (input, want) in [
            ("臺南市政府⼯務局新聞稿", "臺南市政府工務局新聞稿"),
            ("發稿⽇期：113年5⽉3⽇", "發稿日期：113年5月3日"),
            ("⺠眾", "民眾"),
            ("⼤⼈", "大人"),
        ] {
            assert_eq!(fixed(input), want, "{input}");
        }
    }

    #[test]
    fn radicals_alone_and_other_text_stay() {
        for input in ["部首 ⼈ ⼝ ⼟", "⼯", "plain text 工人", "工人"] {
            assert_eq!(fixed(input), input);
        }
    }

    #[test]
    fn every_table_row_maps_a_radical_to_a_han_character() {
        assert!(table().len() >= 214);
        for (&radical, &ideograph) in table() {
            assert!(
                is_radical(radical) && is_han(ideograph),
                "{radical} → {ideograph}"
            );
        }
    }
}
