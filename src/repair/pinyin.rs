//! Pinyin readings glued after Han characters by some converters: `調(diào)` → `調`.
//!
//! Only a parenthesised, lowercase, well-formed pinyin syllable with a tone mark, straight after
//! a Han character, is removed: `(1)`, `(ABC)`, `(de)` and English stay.
//!
//! ```
//! use zhnews::document::FixLog;
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::pinyin::repair("大調(diào)研(1)", &mut fixes);
//! assert_eq!(out.as_deref(), Some("大調研(1)"));
//! ```

use std::sync::OnceLock;

use regex::Regex;

use crate::document::{FixKind, FixLog};

fn annotation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\p{Han})\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)")
            .expect("valid pinyin regex")
    })
}

fn syllable() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            "^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?\
             (?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un|ün\
             |ia|ie|iu|ua|uo|ui|üe|ue|er|a|o|e|i|u|ü|ng|n|m)r?$",
        )
        .expect("valid syllable regex")
    })
}

/// The toneless form of a pinyin letter, and whether it carried a tone mark.
fn strip_tone(c: char) -> (char, bool) {
    const TONED: [(&str, char); 7] = [
        ("āáǎà", 'a'),
        ("ēéěè", 'e'),
        ("īíǐì", 'i'),
        ("ōóǒò", 'o'),
        ("ūúǔù", 'u'),
        ("ǖǘǚǜ", 'ü'),
        ("ńňǹ", 'n'),
    ];
    if c == 'ḿ' {
        return ('m', true);
    }
    TONED
        .iter()
        .find(|(toned, _)| toned.contains(c))
        .map_or((c, false), |&(_, plain)| (plain, true))
}

/// Whether `reading` is one pinyin syllable with a tone mark.
fn is_toned_syllable(reading: &str) -> bool {
    let mut toned = false;
    let plain: String = reading
        .chars()
        .map(|c| {
            let (p, t) = strip_tone(c);
            toned |= t;
            p
        })
        .collect();
    toned && syllable().is_match(&plain)
}

/// Remove pinyin annotations; `None` when there are none.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !text.contains('(') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for caps in annotation().captures_iter(text) {
        let (Some(whole), Some(han), Some(reading)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        if !is_toned_syllable(reading.as_str()) {
            continue;
        }
        out.push_str(&text[last..han.end()]);
        last = whole.end();
        fixes.record(FixKind::PinyinAnnotation, whole.as_str(), han.as_str());
    }
    if last == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_pinyin_after_han() {
        for (input, want) in [
            ("大調(diào)研", "大調研"),
            ("社區(qū)網(wǎng)格員", "社區網格員"),
            ("促創(chuàng)新", "促創新"),
            ("重(chóng)新", "重新"),
            ("女(nǚ)士", "女士"),
            ("第(1)条", "第(1)条"),
            ("公司(ABC)成立", "公司(ABC)成立"),
            ("他说(de)很好", "他说(de)很好"),
            ("see (diào) here", "see (diào) here"),
            ("法(xyzá)律", "法(xyzá)律"),
            ("中(zhōngguó)国", "中(zhōngguó)国"),
        ] {
            let mut fixes = FixLog::default();
            let got = repair(input, &mut fixes).unwrap_or_else(|| input.to_string());
            assert_eq!(got, want, "{input}");
            assert_eq!(fixes.is_empty(), input == want, "{input}");
        }
    }

    #[test]
    fn reports_each_annotation() {
        let mut fixes = FixLog::default();
        repair("調(diào)解和調(diào)研", &mut fixes);
        let fixes = fixes.into_vec();
        assert_eq!(fixes.len(), 1);
        assert_eq!((fixes[0].before.as_str(), fixes[0].count), ("調(diào)", 2));
    }
}
