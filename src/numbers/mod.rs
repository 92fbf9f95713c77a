//! Chinese and Arabic numerals: what they are worth, and where they are in running text.
//!
//! [`parse`] reads one numeral as a whole; [`find`] finds every number mention in a text. Both
//! read Arabic digits (with `,` groups, full-width forms, `e` exponents, `k`/`M`), Chinese
//! numerals (`一千八百七十二`, `两万三千`, `一万零四十`, colloquial `三万五` = 35000,
//! digit by digit `二〇〇八`, `廿 卅`, financial `壹贰叁…拾佰仟`), mixes (`7.7万`, `3万4000`),
//! decimals with `点`, fractions (`三分之一`, `1/3`, `二又三分之一`), negatives (`负`, `-`).
//! Percentages are in percent units: `81.18%` and `百分之八十一点一八` → 81.18, `千分之一`
//! → 0.1, `九成` → 90, `3个百分点` → 3.
//!
//! The invariant: every mention's `span` (chars) and `bytes` cover its `text` in the input, and
//! its `value` has 万/亿 applied. What is a word and not a number (一切, 统一, 四川, 万一) is
//! data: `dicts/number_words.txt`; a lone `一…九` counts only before a classifier or unit
//! (`dicts/classifiers.txt`), standing alone, or as the complement of `是`.
//!
//! ```
//! use zhnews::numbers::{find, parse, NumberKind};
//! assert_eq!(parse("一万零四十"), Some(10040.0));
//! assert_eq!(parse("三万五"), Some(35000.0));
//! let found = find("破案7.7万余起，占81.18%，一起抓获两人");
//! let values: Vec<f64> = found.iter().map(|n| n.value).collect();
//! assert_eq!(values, [77000.0, 81.18, 2.0]);
//! assert_eq!(found[1].kind, NumberKind::Percent);
//! assert_eq!(found[0].text, "7.7万");
//! ```

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::{Serialize, Serializer};

use crate::dicts;
use crate::document::{Doc, Span};
use crate::text::{self, chinese_digit, is_han};

mod guards;
mod mention;
mod numeral;

/// What a number mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A whole number: `1872`, `两万三千`, `二〇〇八`.
    Integer,
    /// A number written with a decimal point: `7.7万`, `三点五`.
    Decimal,
    /// A percentage, in percent units: `81.18%`, `百分之五`, `千分之一` (0.1), `九成` (90).
    Percent,
    /// A difference of percentages: `3个百分点` (value 3).
    PercentagePoint,
    /// A fraction or mixed number: `三分之一`, `1/3`, `二又三分之一`.
    Fraction,
    /// A rank: `第十三` (value 13).
    Ordinal,
    /// A discount, in percent of the full price: `八折` (80), `七五折` (75).
    Discount,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberMention {
    /// The mention as written.
    pub text: String,
    /// Its value, with 万/亿 applied; percentages in percent units.
    #[serde(serialize_with = "serialize_value")]
    pub value: f64,
    /// What kind of number it is.
    pub kind: NumberKind,
    /// Where it is, in chars.
    pub span: Span,
    /// Where it is, in bytes.
    #[serde(skip)]
    pub bytes: (usize, usize),
}

/// Whole values print as integers (`77000`, not `77000.0`).
pub(crate) fn serialize_value<S: Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// The value of `text` when all of it (but surrounding spaces) is one numeral, read without
/// the guards [`find`] applies to running text. A value out of range (`1e999`, `0e616`) is
/// not a number: `None`, as in [`find`].
pub fn parse(text: &str) -> Option<f64> {
    let doc = Doc::new(text.trim());
    let scanner = Scanner::new(&doc);
    let candidate = scanner.mention(0)?;
    let rest = scanner.skip_spaces(candidate.end);
    (rest == scanner.chars.len() && !candidate.vague && candidate.value.is_finite())
        .then_some(candidate.value)
}

/// Every number mention in `text`, in order.
pub fn find(text: &str) -> Vec<NumberMention> {
    find_in(&Doc::new(text))
}

/// Every number mention in the document, in order.
pub fn find_in(doc: &Doc) -> Vec<NumberMention> {
    Scanner::new(doc).find()
}

// ---------------------------------------------------------------------------------------------
// Characters

/// Full-width ASCII to ASCII and the Traditional forms of numeral characters to Simplified,
/// one char for one char (so positions stay the same).
fn fold(c: char) -> char {
    match text::fold_width(c) {
        '萬' => '万',
        '億' => '亿',
        '兩' => '两',
        '倆' => '俩',
        '負' => '负',
        '點' => '点',
        '個' => '个',
        '幾' => '几',
        '貳' => '贰',
        '陸' => '陆',
        '參' => '叁',
        '餘' => '余',
        '〜' => '~',
        folded => folded,
    }
}

/// Counting words (`两 俩 仨`): never read digit by digit, never after `点`.
fn is_counting_word(c: char) -> bool {
    matches!(c, '两' | '俩' | '仨')
}

/// `十 百 千` and their financial forms.
fn small_unit(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' => Some(1000.0),
        _ => None,
    }
}

/// `万 亿 兆`: units that multiply everything before them.
fn big_unit(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// `廿 卅`: twenty and thirty in one character.
fn tens(c: char) -> Option<f64> {
    match c {
        '廿' => Some(20.0),
        '卅' => Some(30.0),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Chars after which a lone numeral is a complement: `答案是五`, `排名前三`.
const COMPLEMENT_AFTER: &[char] = &['是', '为', '前', '后'];

/// Chars before which a lone numeral ends a phrase: `三的另一种写法`, `是四不是五`.
const PHRASE_END_BEFORE: &[char] = &[
    '的', '和', '与', '或', '及', '跟', '不', '却', '而', '那', '这', '也', '就', '都',
];

/// Range markers between two numbers: `3至5`, `八到九百`, `5-20%`.
const RANGE_MARKERS: &[char] = &['至', '到', '-', '~', '—', '–'];

// ---------------------------------------------------------------------------------------------
// Data

struct Lexicon {
    /// Words with numeral characters that are not numbers.
    words: Option<AhoCorasick>,
    /// Classifiers and units.
    classifiers: HashSet<&'static str>,
    /// The longest classifier, in chars.
    classifier_len: usize,
    /// URLs, whose digits are not numbers.
    url: Option<Regex>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let words: Vec<&str> = dicts::rows(dicts::NUMBER_WORDS).map(|(k, _)| k).collect();
        let classifiers: HashSet<&'static str> =
            dicts::rows(dicts::CLASSIFIERS).map(|(k, _)| k).collect();
        let classifier_len = classifiers
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0);
        Lexicon {
            words: AhoCorasick::new(words).ok(),
            classifiers,
            classifier_len,
            url: Regex::new(r"(?i)(?:https?|ftp)://[\x21-\x7E]+|www\.[\x21-\x7E]+").ok(),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The scanner

/// A numeral read without its sign, suffixes or context.
#[derive(Debug, Clone, Default)]
struct Core {
    /// One past its last char.
    end: usize,
    value: f64,
    /// Written with a decimal point.
    decimal: bool,
    /// One Chinese numeral char (`五`, `十`), or digits read one by one (`二〇〇八`): a number
    /// only in a number's context.
    weak: bool,
    /// Units without any digit (`百`, `千万`): only the power in `百分之`.
    bare: bool,
    /// Arabic digits only.
    arabic: bool,
    /// Arabic digits only, without a decimal point or unit.
    arabic_integer: bool,
    /// Chinese numeral chars only.
    chinese: bool,
    /// Written digit by digit, and how many digits (`七五` → 2).
    digit_run: usize,
    /// The unit closing a `digit + unit` numeral (`九百` → 100), for ranges like `八到九百`.
    trailing_unit: Option<f64>,
    /// Neighbouring digits that give a range, not a value (`三四`, `二三十`).
    vague: bool,
}

/// A number mention before the guards.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    core_start: usize,
    core: Core,
    value: f64,
    kind: NumberKind,
    /// Prefix or suffix (`第`, `负`, `%`, `分之`…) make it a number whatever its context.
    marked: bool,
    vague: bool,
}

struct Scanner<'t> {
    text: &'t str,
    /// The chars of the text (folded as they are read: [`Scanner::at`]).
    chars: &'t [char],
    /// Byte offset of each char, and the text length at the end.
    offsets: &'t [usize],
    /// For each char, how far (in chars) the longest word of `dicts/number_words.txt`
    /// covering it reaches (0: none).
    reach: Vec<usize>,
    /// For each char, whether such a word starts there.
    word_start: Vec<bool>,
}

impl<'t> Scanner<'t> {
    fn new(doc: &'t Doc) -> Self {
        let mut scanner = Scanner {
            text: doc.text(),
            chars: doc.chars(),
            offsets: doc.byte_offsets(),
            reach: Vec::new(),
            word_start: Vec::new(),
        };
        scanner.cover_words();
        scanner
    }

    /// The char index of a byte offset.
    fn char_at(&self, byte: usize) -> usize {
        self.offsets.partition_point(|&o| o < byte)
    }

    /// Mark where the words of `dicts/number_words.txt` are.
    fn cover_words(&mut self) {
        let mut reach = vec![0; self.chars.len()];
        let mut word_start = vec![false; self.chars.len()];
        if let Some(words) = &lexicon().words {
            for m in words.find_overlapping_iter(self.text) {
                let (start, end) = (self.char_at(m.start()), self.char_at(m.end()));
                if let Some(slot) = word_start.get_mut(start) {
                    *slot = true;
                }
                for slot in reach.iter_mut().take(end).skip(start) {
                    *slot = (*slot).max(end);
                }
            }
        }
        self.reach = reach;
        self.word_start = word_start;
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&c| fold(c))
    }

    fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    fn is_digit_at(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_space) {
            i += 1;
        }
        i
    }

    /// The end of `word` at `i`, spaces allowed before and between its chars (`个 百 分点`).
    fn spaced_word(&self, i: usize, word: &str) -> Option<usize> {
        let mut p = i;
        for c in word.chars() {
            p = self.skip_spaces(p);
            if self.at(p)? != c {
                return None;
            }
            p += 1;
        }
        Some(p)
    }
    fn find(&self) -> Vec<NumberMention> {
        let in_url = self.in_url();
        let mut found: Vec<NumberMention> = Vec::new();
        let mut forced: Option<usize> = None;
        let mut i = 0;
        while i < self.chars.len() {
            if in_url[i] || !self.may_start(i) {
                i += 1;
                continue;
            }
            let Some(mut candidate) = self.mention(i) else {
                i += 1;
                continue;
            };
            let next_i = candidate.end.max(i + 1);
            if candidate.vague || self.is_vague(&candidate) {
                i = next_i;
                continue;
            }
            let in_word = self.in_word(&candidate);
            let range_end = self.range_partner(&candidate);
            // A bare unit (百, 千万, 万人) is a number only as the power of 百分之.
            let has_digits = candidate.marked || !candidate.core.bare;
            let accepted = !in_word
                && has_digits
                && candidate.value.is_finite()
                && !self.is_enumerator(&candidate)
                && (candidate.marked
                    || !candidate.core.weak
                    || forced == Some(candidate.start)
                    || range_end.is_some()
                    || self.lone_numeral_counts(&candidate));
            forced = None;
            if accepted {
                if let Some((partner_start, partner)) = range_end {
                    self.share_with_range_end(&mut candidate, &partner);
                    forced = Some(partner_start);
                }
                found.push(self.output(&candidate));
                i = next_i;
            } else {
                i = if candidate.core.weak || in_word {
                    next_i
                } else {
                    i + 1
                };
            }
        }
        found
    }

    /// May a mention start at `i`? Not inside a word of letters and digits (`H7N9`, `G20`).
    fn may_start(&self, i: usize) -> bool {
        let Some(c) = self.at(i) else { return false };
        let prev = self.before(i);
        if c.is_ascii_digit() || c == '.' {
            let glued = prev.is_some_and(|p| p.is_ascii_alphanumeric());
            let leading_dot_ok = c != '.'
                || (self.is_digit_at(i + 1)
                    && prev.is_none_or(|p| p != '.' && !p.is_ascii_digit()));
            return !glued && leading_dot_ok;
        }
        if c == '-' {
            return self.sign(i).0;
        }
        matches!(c, '第' | '负' | '半')
            || chinese_digit(c).is_some()
            || small_unit(c).is_some()
            || big_unit(c).is_some()
            || tens(c).is_some()
    }

    /// The upper end of a range starting with `candidate` (`八到九百`, `3至5`), if any.
    fn range_partner(&self, candidate: &Candidate) -> Option<(usize, Candidate)> {
        let q = self.skip_spaces(candidate.end);
        if !self.at(q).is_some_and(|c| RANGE_MARKERS.contains(&c)) {
            return None;
        }
        if !candidate.core.chinese && !candidate.core.arabic {
            return None;
        }
        let r = self.skip_spaces(q + 1);
        let partner = self.mention(r)?;
        let same_script = partner.core.chinese == candidate.core.chinese;
        let acceptable = !partner.vague
            && !partner.core.bare
            && !self.in_word(&partner)
            && partner.kind != NumberKind::Ordinal
            && (partner.marked || !partner.core.weak || self.lone_numeral_counts(&partner));
        (acceptable && same_script).then_some((r, partner))
    }

    /// A range's first number takes the unit and kind of the second: `八到九百` is 800 to 900,
    /// `5-20%` is 5% to 20%.
    fn share_with_range_end(&self, candidate: &mut Candidate, partner: &Candidate) {
        if candidate.kind == NumberKind::Integer
            && candidate.core.weak
            && candidate.core.digit_run == 0
            && let Some(unit) = partner.core.trailing_unit
        {
            candidate.value *= unit;
        }
        if matches!(
            partner.kind,
            NumberKind::Percent | NumberKind::PercentagePoint | NumberKind::Discount
        ) && matches!(candidate.kind, NumberKind::Integer | NumberKind::Decimal)
        {
            candidate.kind = partner.kind;
        }
    }

    fn output(&self, candidate: &Candidate) -> NumberMention {
        let start = self.offsets.get(candidate.start).copied().unwrap_or(0);
        let end = self
            .offsets
            .get(candidate.end)
            .copied()
            .unwrap_or(self.text.len());
        NumberMention {
            text: self.text.get(start..end).unwrap_or("").to_string(),
            value: tidy(candidate.value),
            kind: candidate.kind,
            span: Span::new(candidate.start, candidate.end),
            bytes: (start, end),
        }
    }
}

/// Integer or decimal by value.
fn kind_of(value: f64) -> NumberKind {
    if value.fract() == 0.0 {
        NumberKind::Integer
    } else {
        NumberKind::Decimal
    }
}

/// Drop float noise from products and sums (`7.7 × 10⁴` = 77000, not 77000.00000000001).
fn tidy(value: f64) -> f64 {
    if !value.is_finite() || value.fract() == 0.0 {
        return value;
    }
    format!("{value:.14e}").parse().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        find(text).iter().map(|n| n.value).collect()
    }

    #[test]
    fn values_out_of_range_are_not_numbers() {
        // Found by fuzzing: 0 × 10^616 is 0 × ∞, NaN.
        for input in ["0e616", "1e999", "9^999", "1e-999999999999"] {
            assert_eq!(parse(input).filter(|v| !v.is_finite()), None, "{input}");
            assert!(values(input).iter().all(|v| v.is_finite()), "{input}");
        }
        assert_eq!(parse("2e3"), Some(2000.0));
    }

    #[test]
    fn parses_chinese_numerals() {
        for (input, want) in [
            ("零", 0.0),
            ("十一", 11.0),
            ("一千八百七十二", 1872.0),
            ("两万三千", 23000.0),
            ("一万零四十", 10040.0),
            ("一千零十", 1010.0),
            ("一万零百一十一", 10111.0),
            ("十万零一", 100001.0),
            ("一亿五千万零六千三百五十五", 150006355.0),
            (
                "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一",
                1111111111111111.0,
            ),
            ("四万万", 4e8),
            ("一万五千亿", 1.5e12),
            ("五兆六十二亿四万五千二", 5006200045200.0),
            ("廿二", 22.0),
            ("卅", 30.0),
        ] {
            assert_eq!(parse(input), Some(want), "{input}");
        }
    }

    #[test]
    fn parses_colloquial_and_digit_by_digit() {
        for (input, want) in [
            ("三万五", 35000.0),
            ("十三万五", 135000.0),
            ("两千六", 2600.0),
            ("一百二", 120.0),
            ("一百二十万三", 1203000.0),
            ("百三", 130.0),
            ("二〇〇八", 2008.0),
            ("一七二零点一三四", 1720.134),
            ("一一", 11.0),
        ] {
            assert_eq!(parse(input), Some(want), "{input}");
        }
    }

    #[test]
    fn parses_financial_and_money() {
        for (input, want) in [
            ("壹佰壹拾壹", 111.0),
            ("拾壹", 11.0),
            ("玖仟陆佰陆拾伍圆壹角捌分", 9665.18),
            ("壹拾壹元壹角", 11.1),
            ("俩千两百贰拾二", 2222.0),
        ] {
            assert_eq!(parse(input), Some(want), "{input}");
        }
    }

    #[test]
    fn parses_arabic_and_mixed() {
        for (input, want) in [
            ("1,050,000,000", 1050000000.0),
            ("４，５６５", 4565.0),
            ("7.7万", 77000.0),
            ("3.5亿", 3.5e8),
            ("4.78万亿", 4.78e12),
            ("1万600", 10600.0),
            ("200亿零四千230", 20000004230.0),
            ("1百01", 101.0),
            ("一百点123", 100.123),
            ("-10.1万", -101000.0),
            ("2e5", 200000.0),
            ("2^-1", 0.5),
            ("40k", 40000.0),
            (".5", 0.5),
        ] {
            assert_eq!(parse(input), Some(want), "{input}");
        }
    }

    #[test]
    fn parses_decimals_percentages_and_fractions() {
        for (input, want) in [
            ("零点零零一", 0.001),
            ("负零点一零", -0.1),
            ("81.18%", 81.18),
            ("百分之八十一点一八", 81.18),
            ("千分之一", 0.1),
            ("百分之百", 100.0),
            ("九成", 90.0),
            ("七成六", 76.0),
            ("三成半", 35.0),
            ("八五折", 85.0),
            ("3个百分点", 3.0),
            ("三分之一", 1.0 / 3.0),
            ("1/4", 0.25),
            ("负一又二分之一", -1.5),
            ("负３分之负一百五十七", 157.0 / 3.0),
            ("一百分之二", 0.02),
        ] {
            let got = parse(input).unwrap_or(f64::NAN);
            assert!((got - want).abs() < 1e-9, "{input}: {got} != {want}");
        }
    }

    #[test]
    fn finds_numbers_in_running_text() {
        for (input, want) in [
            ("出动民警1872人次", vec![1872.0]),
            ("第十三届", vec![13.0]),
            ("增长3至5个百分点", vec![3.0, 5.0]),
            ("八到九百人", vec![800.0, 900.0]),
            ("2011年3月9日", vec![2011.0, 3.0, 9.0]),
            ("二〇〇八年", vec![2008.0]),
            ("答案是四不是五", vec![4.0, 5.0]),
            ("“一”和“五”", vec![1.0, 5.0]),
            ("三四个月", vec![]),
            ("几十次", vec![]),
            ("数百人", vec![]),
            ("十几个", vec![]),
            ("二十几万", vec![200000.0]),
            ("二三十个百分点", vec![]),
        ] {
            assert_eq!(values(input), want, "{input}");
        }
    }

    #[test]
    fn words_stay_words() {
        for input in [
            "一起",
            "一些",
            "统一",
            "万一",
            "一律",
            "大陆",
            "队伍",
            "两岸",
            "一蹴而就",
            "一降一升",
            "一张张",
            "一部分",
            "一天",
            "一切",
            "四川",
            "收拾",
            "十分重要",
            "每万人发案率",
            "千名民警进万家",
            "一、加强领导",
            "（三）",
            "两两",
            "美味十足",
        ] {
            assert_eq!(values(input), Vec::<f64>::new(), "{input}");
        }
    }

    #[test]
    fn kinds_and_spans() {
        let text = "占81.18%，第三名，三分之一，7.7万余起";
        let found = find(text);
        let kinds: Vec<NumberKind> = found.iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            [
                NumberKind::Percent,
                NumberKind::Ordinal,
                NumberKind::Fraction,
                NumberKind::Decimal
            ]
        );
        for n in &found {
            assert_eq!(crate::document::char_slice(text, n.span), n.text);
            assert_eq!(&text[n.bytes.0..n.bytes.1], n.text);
        }
    }

    #[test]
    fn urls_hold_no_numbers() {
        assert!(find("见 https://www.test.com/search?q=30%25%2020% 了").is_empty());
    }

    #[test]
    fn serialises_whole_values_as_integers() {
        let json = serde_json::to_string(&find("7.7万")).unwrap_or_default();
        assert_eq!(
            json,
            r#"[{"text":"7.7万","value":77000,"kind":"decimal","span":[0,4]}]"#
        );
    }
}
