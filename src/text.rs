//! Character helpers that every stage shares: Han and punctuation classes, width folding,
//! Chinese digits and ROC years.
//!
//! They live on this floor, under the stages, so that no stage imports another stage's
//! internals for them.
//!
//! ```
//! use zhnews::text::{chinese_digit, fold_width, is_han, roc_to_gregorian};
//! assert!(is_han('溪') && !is_han('a'));
//! assert_eq!(fold_width('３'), '3');
//! assert_eq!(chinese_digit('贰'), Some(2));
//! assert_eq!(roc_to_gregorian(110), 2021);
//! ```

/// A Han character: CJK unified ideographs (with extensions A to G) and compatibility
/// ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A Chinese punctuation mark: CJK symbols, full-width forms, curly quotes, ellipsis, dash.
pub fn is_chinese_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Width fold: full-width ASCII forms (`０-９ Ａ-Ｚ ，`) to ASCII, the ideographic space to a
/// space; anything else unchanged. A small NFKC for what news text holds, one char for one
/// char, so positions stay the same.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A Chinese digit, ordinary or financial, and the counting words `两 俩 仨` (`〇 零` are 0).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' | '俩' => 2,
        '三' | '叁' | '仨' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A digit of any width or script: ASCII, full-width, or Chinese ([`chinese_digit`]).
pub fn digit_value(c: char) -> Option<u32> {
    fold_width(c).to_digit(10).or_else(|| chinese_digit(c))
}

/// The first year of the Republic of China calendar is 1912: ROC year 1 + 1911.
const ROC_OFFSET: i32 = 1911;

/// The Gregorian year of an ROC (民国) year, as Taiwanese releases write them: 110 → 2021.
pub fn roc_to_gregorian(roc_year: i32) -> i32 {
    roc_year + ROC_OFFSET
}

/// `YYYY-MM-DD`, or `YYYY-MM` without a day; `None` for a month or day out of range.
pub fn iso_date(year: i32, month: u32, day: Option<u32>) -> Option<String> {
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(match day {
        Some(d) if (1..=31).contains(&d) => format!("{year:04}-{month:02}-{d:02}"),
        Some(_) => return None,
        None => format!("{year:04}-{month:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_folds() {
        for c in ['溪', '㐀', '豈', '𠀀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '，', '〇', '３'] {
            assert!(!is_han(c), "{c}");
        }
        assert!(is_chinese_punctuation('，') && is_chinese_punctuation('“'));
        assert!(!is_chinese_punctuation(',') && !is_chinese_punctuation('溪'));
        assert_eq!(fold_width('Ａ'), 'A');
        assert_eq!(fold_width('\u{3000}'), ' ');
        assert_eq!(fold_width('溪'), '溪');
        for (c, want) in [
            ('7', Some(7)),
            ('７', Some(7)),
            ('柒', Some(7)),
            ('十', None),
        ] {
            assert_eq!(digit_value(c), want, "{c}");
        }
    }

    #[test]
    fn dates_in_range_only() {
        assert_eq!(iso_date(2021, 3, Some(29)).as_deref(), Some("2021-03-29"));
        assert_eq!(iso_date(2018, 6, None).as_deref(), Some("2018-06"));
        assert_eq!(iso_date(2018, 13, None), None);
        assert_eq!(iso_date(2018, 6, Some(32)), None);
        assert_eq!(roc_to_gregorian(99), 2010);
    }
}
