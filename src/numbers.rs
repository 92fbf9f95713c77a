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

    // --- Arabic numerals ---

    /// Arabic digits at `i`: `1,050,000`, `10.233`, `.5`. With `decimals` false, or inside a
    /// dotted run (`2222.2222.22222`, a version or address), the point is not read.
    fn arabic(&self, i: usize, decimals: bool) -> Option<(f64, usize, bool)> {
        let mut digits = String::new();
        let mut p = i;
        while let Some(c) = self.at(p).filter(char::is_ascii_digit) {
            digits.push(c);
            p += 1;
        }
        if (1..=3).contains(&digits.len()) {
            while self.at(p) == Some(',')
                && (1..=3).all(|k| self.is_digit_at(p + k))
                && !self.is_digit_at(p + 4)
            {
                digits.extend(self.chars[p + 1..p + 4].iter().map(|&c| fold(c)));
                p += 4;
            }
        }
        let continues_dotted_run =
            self.before(i) == Some('.') && self.is_digit_at(i.wrapping_sub(2));
        let mut decimal = false;
        if decimals && !continues_dotted_run && self.at(p) == Some('.') && self.is_digit_at(p + 1) {
            let mut q = p + 1;
            while self.is_digit_at(q) {
                q += 1;
            }
            let dotted = self.at(q) == Some('.') && self.is_digit_at(q + 1);
            if !dotted {
                if digits.is_empty() {
                    digits.push('0');
                }
                digits.push('.');
                digits.extend(self.chars[p + 1..q].iter().map(|&c| fold(c)));
                p = q;
                decimal = true;
            }
        }
        if digits.is_empty() {
            return None;
        }
        let value: f64 = digits.parse().ok()?;
        Some((value, p, decimal))
    }

    /// `e5`, `^-1`, `k`, `M` after an Arabic numeral.
    fn scale(&self, value: f64, end: usize) -> (f64, usize) {
        let signed_digits = |p: usize| -> Option<(i32, usize)> {
            let (negative, mut q) = match self.at(p) {
                Some('-') => (true, p + 1),
                Some('+') => (false, p + 1),
                _ => (false, p),
            };
            let start = q;
            while self.is_digit_at(q) {
                q += 1;
            }
            let n: i32 = self.chars[start..q]
                .iter()
                .map(|&c| fold(c))
                .collect::<String>()
                .parse()
                .ok()?;
            Some((if negative { -n } else { n }, q))
        };
        let letter_after = |p: usize| self.at(p).is_some_and(|c| c.is_ascii_alphabetic());
        match self.at(end) {
            Some('e' | 'E') => {
                if let Some((exp, q)) = signed_digits(end + 1).filter(|&(_, q)| !letter_after(q)) {
                    return (value * 10f64.powi(exp), q);
                }
            }
            Some('^') => {
                if let Some((exp, q)) = signed_digits(end + 1) {
                    return (value.powi(exp), q);
                }
            }
            _ => {}
        }
        let p = self.skip_spaces(end);
        let factor = match self.at(p) {
            Some('k' | 'K') => 1e3,
            Some('M') => 1e6,
            _ => return (value, end),
        };
        if letter_after(p + 1) {
            return (value, end);
        }
        (value * factor, p + 1)
    }

    // --- Chinese and mixed numerals ---

    /// The numeral at `i`, without sign or suffix.
    fn core(&self, i: usize) -> Option<Core> {
        let c = self.at(i)?;
        let mut acc = Accumulator::default();
        if c.is_ascii_digit() || c == '.' {
            let (value, end, decimal) = self.arabic(i, true)?;
            acc.digit = Some(value);
            acc.has_digit = true;
            acc.arabic = true;
            acc.decimal = decimal;
            return Some(self.units(acc, end));
        }
        if c == '半' && self.at(i + 1).and_then(small_unit).is_some() {
            acc.digit = Some(0.5);
            acc.has_digit = true;
            acc.chinese = true;
            return Some(self.units(acc, i + 1));
        }
        if chinese_digit(c).is_some() {
            return self.digit_run(i);
        }
        if small_unit(c).is_some() || tens(c).is_some() {
            return Some(self.units(acc, i));
        }
        if let Some(unit) = big_unit(c) {
            // A bare 万 or 亿 is only the power of 万分之; only more units may follow.
            acc.total = unit;
            acc.last_big = unit;
            acc.last_unit = Some(unit);
            acc.unit_just_before = true;
            acc.tokens = 1;
            acc.big_start = true;
            acc.chinese = true;
            return Some(self.units(acc, i + 1));
        }
        None
    }

    /// Chinese digits from `i`: read one by one (`二〇〇八`, `一七二零点一`), or the first
    /// digit of a numeral with units.
    fn digit_run(&self, i: usize) -> Option<Core> {
        let mut digits: Vec<u32> = Vec::new();
        let mut p = i;
        let mut end = i;
        loop {
            let q = if digits.is_empty() {
                p
            } else {
                self.skip_spaces(p)
            };
            let Some(c) = self.at(q) else { break };
            let Some(d) = chinese_digit(c) else { break };
            if is_counting_word(c) && !digits.is_empty() {
                break;
            }
            digits.push(d);
            p = q + 1;
            end = p;
            if is_counting_word(c) {
                break;
            }
        }
        let zeros = digits.iter().take_while(|&&d| d == 0).count();
        let significant = digits.len() - zeros;
        let next = self.at(self.skip_spaces(end));
        let unit_next =
            next.is_some_and(|c| small_unit(c).is_some() || big_unit(c).is_some() || c == '几');
        if significant >= 2 && unit_next {
            // 二三十, 三四百: twenty or thirty, no single value.
            let unit_end = self.skip_spaces(end) + 1;
            return Some(Core {
                end: unit_end,
                vague: true,
                ..Core::default()
            });
        }
        if significant >= 2 {
            if let [a, b] = digits[..]
                && a >= 1
                && b == a + 1
            {
                // 三四个, 七八天: three or four.
                return Some(Core {
                    end,
                    vague: true,
                    ..Core::default()
                });
            }
            let mut text: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
            let mut core_end = end;
            let mut decimal = false;
            if let Some((fraction, q)) = self.decimal_digits(end) {
                text.push('.');
                text.push_str(&fraction);
                core_end = q;
                decimal = true;
            }
            return Some(Core {
                end: core_end,
                value: text.parse().ok()?,
                decimal,
                weak: !decimal,
                chinese: true,
                digit_run: digits.len(),
                ..Core::default()
            });
        }
        let acc = Accumulator {
            digit: digits
                .last()
                .map(|&d| f64::from(d))
                .filter(|_| significant > 0),
            digit_chinese: true,
            zero: zeros > 0 && significant == 0,
            has_digit: true,
            chinese: true,
            tokens: digits.len(),
            ..Accumulator::default()
        };
        let mut core = self.units(acc, end);
        if significant == 0 && core.end == end {
            // 零 alone.
            core.value = 0.0;
        }
        Some(core)
    }

    /// `点` and the digits after it (`点一八`, `点 五`, `点123`), as the digits after the point.
    fn decimal_digits(&self, i: usize) -> Option<(String, usize)> {
        let p = self.skip_spaces(i);
        if self.at(p) != Some('点') {
            return None;
        }
        let mut q = self.skip_spaces(p + 1);
        let mut digits = String::new();
        while let Some(c) = self.at(q) {
            let d = if c.is_ascii_digit() {
                c.to_digit(10)
            } else if is_counting_word(c) {
                None
            } else {
                chinese_digit(c)
            };
            let Some(d) = d else { break };
            digits.push(char::from(b'0' + d as u8));
            q += 1;
        }
        (!digits.is_empty()).then_some((digits, q))
    }

    /// Digits and units from `p` on, into `acc`.
    fn units(&self, mut acc: Accumulator, mut p: usize) -> Core {
        let mut end = p;
        loop {
            let q = self.skip_spaces(p);
            let Some(c) = self.at(q) else { break };
            if acc.after_decimal || acc.big_start {
                // After 点 or a bare 万, only 万/亿 (三点五亿, 万万分之七).
                match big_unit(c) {
                    Some(unit) if acc.big(unit) => {
                        p = q + 1;
                        end = p;
                        continue;
                    }
                    _ => break,
                }
            }
            if c == '零' || c == '〇' {
                if acc.digit.is_some() || acc.tokens == 0 {
                    break;
                }
                acc.zero = true;
                acc.tokens += 1;
                p = q + 1;
                continue;
            }
            if let Some(d) = chinese_digit(c) {
                if acc.digit.is_some() {
                    break;
                }
                acc.push_digit(f64::from(d), true);
                p = q + 1;
                end = p;
                continue;
            }
            if c.is_ascii_digit() {
                // 1万600, 200亿零四千230: Arabic digits after a unit.
                if acc.digit.is_some() || acc.last_unit.is_none() {
                    break;
                }
                let Some((value, after, _)) = self.arabic(q, false) else {
                    break;
                };
                acc.push_digit(value, false);
                p = after;
                end = p;
                continue;
            }
            if let Some(unit) = small_unit(c) {
                if !acc.small(unit) {
                    break;
                }
                p = q + 1;
                end = p;
                continue;
            }
            if let Some(value) = tens(c) {
                if acc.digit.is_some() || acc.last_small.is_some_and(|s| s <= 10.0) {
                    break;
                }
                acc.section += value;
                acc.last_small = Some(10.0);
                acc.last_unit = Some(10.0);
                acc.unit_just_before = true;
                acc.has_digit = true;
                acc.tokens += 1;
                acc.trailing_unit = None;
                p = q + 1;
                end = p;
                continue;
            }
            if let Some(unit) = big_unit(c) {
                if !acc.big(unit) {
                    break;
                }
                p = q + 1;
                end = p;
                continue;
            }
            if matches!(c, '余' | '多' | '几') {
                // 十余万, 二十几万: approximate, the value is the floor.
                let r = self.skip_spaces(q + 1);
                let some_value = acc.tokens > 0 || acc.has_digit;
                if some_value && self.at(r).and_then(big_unit).is_some() {
                    p = q + 1;
                    continue;
                }
                break;
            }
            if c == '点' && (acc.chinese || acc.last_unit.is_some()) {
                // 点 after bare Arabic digits is a time of day (20点).
                let Some((fraction, after)) = self.decimal_digits(q) else {
                    break;
                };
                let whole = acc.value();
                acc.total = 0.0;
                acc.section = 0.0;
                acc.digit = None;
                acc.fraction = whole + format!("0.{fraction}").parse::<f64>().unwrap_or(0.0);
                acc.after_decimal = true;
                acc.decimal = true;
                acc.last_big = 0.0;
                acc.trailing_unit = None;
                p = after;
                end = p;
                continue;
            }
            break;
        }
        acc.finish(end)
    }

    // --- Mentions ---

    /// A sign at `i`: `负`, or `-` not glued to a word or number before it.
    fn sign(&self, i: usize) -> (bool, usize) {
        match self.at(i) {
            Some('负') => (true, i + 1),
            Some('-') => {
                let glued = self
                    .before(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
                let number_next = self.is_digit_at(i + 1)
                    || (self.at(i + 1) == Some('.') && self.is_digit_at(i + 2));
                if !glued && number_next {
                    (true, i + 1)
                } else {
                    (false, i)
                }
            }
            _ => (false, i),
        }
    }

    /// A signed numeral with its exponent or `k`: the parts of a fraction.
    fn signed(&self, i: usize) -> Option<(f64, Core, usize)> {
        let (negative, p) = self.sign(i);
        let core = self.core(p)?;
        if core.vague {
            return None;
        }
        let (mut value, mut end) = (core.value, core.end);
        if core.arabic {
            (value, end) = self.scale(value, end);
        }
        Some((if negative { -value } else { value }, core, end))
    }

    /// `分之Y` after a denominator: the numerator and where it ends.
    fn per(&self, i: usize) -> Option<(f64, usize)> {
        let p = self.spaced_word(i, "分之")?;
        let p = self.skip_spaces(p);
        let (value, _, end) = self.signed(p)?;
        Some((value, end))
    }

    /// A fraction at `i` (`三分之一`, `3/5`), not a percentage: value and end.
    fn fraction(&self, i: usize) -> Option<(f64, usize)> {
        let (denominator, core, end) = self.signed(i)?;
        if core.bare || denominator == 0.0 {
            return None;
        }
        if let Some((numerator, end)) = self.per(end) {
            return Some((numerator / denominator, end));
        }
        if core.arabic_integer {
            return self.slash(denominator, end);
        }
        None
    }

    /// `/b` after an Arabic integer `a`, unless part of a date or path (`2011/3/9`).
    fn slash(&self, numerator: f64, end: usize) -> Option<(f64, usize)> {
        if self.at(end) != Some('/') {
            return None;
        }
        let (denominator, after, decimal) = self.arabic(end + 1, false)?;
        let in_path = self.at(after) == Some('/');
        if decimal || in_path || denominator == 0.0 {
            return None;
        }
        Some((numerator / denominator, after))
    }

    /// The number mention starting at `i`, before the guards.
    fn mention(&self, i: usize) -> Option<Candidate> {
        let ordinal = self.at(i) == Some('第');
        let mut p = if ordinal { i + 1 } else { i };
        if self.at(p) == Some('半')
            && let Some(candidate) = self.half(i, p)
        {
            return Some(candidate);
        }
        let (negative, after_sign) = self.sign(p);
        p = after_sign;
        let core_start = p;
        let core = self.core(p)?;
        let mut candidate = Candidate {
            start: i,
            end: core.end,
            core_start,
            value: if negative { -core.value } else { core.value },
            kind: if core.decimal {
                NumberKind::Decimal
            } else {
                NumberKind::Integer
            },
            marked: ordinal || negative,
            vague: core.vague,
            core,
        };
        if candidate.vague {
            return Some(candidate);
        }
        if candidate.core.arabic {
            let (value, end) = self.scale(candidate.value, candidate.end);
            if end != candidate.end {
                candidate.value = value;
                candidate.end = end;
                candidate.kind = kind_of(value);
                candidate.marked = true;
            }
        }
        if ordinal {
            candidate.kind = NumberKind::Ordinal;
            return Some(candidate);
        }
        self.suffix(&mut candidate);
        Some(candidate)
    }

    /// `半成` (5%) and `半折` (50%).
    fn half(&self, start: usize, p: usize) -> Option<Candidate> {
        let q = self.skip_spaces(p + 1);
        let (value, kind) = match self.at(q)? {
            '成' => (5.0, NumberKind::Percent),
            '折' => (50.0, NumberKind::Discount),
            _ => return None,
        };
        Some(Candidate {
            start,
            end: q + 1,
            core_start: p,
            core: Core {
                end: q + 1,
                value: 0.5,
                ..Core::default()
            },
            value,
            kind,
            marked: true,
            vague: false,
        })
    }

    /// Fractions, percentages, discounts and 元角分 after a numeral.
    fn suffix(&self, candidate: &mut Candidate) {
        let core = &candidate.core;
        let end = candidate.end;
        let value = candidate.value;
        // X分之Y: a fraction, or a percentage when X is a bare power (百分之, 千分之).
        if let Some((numerator, after)) = self.per(end)
            && value != 0.0
        {
            candidate.end = after;
            candidate.marked = true;
            if core.bare && value >= 100.0 {
                candidate.value = numerator * 100.0 / value;
                candidate.kind = NumberKind::Percent;
            } else {
                candidate.value = numerator / value;
                candidate.kind = NumberKind::Fraction;
            }
            return;
        }
        if core.bare {
            return;
        }
        if core.arabic_integer && self.before(candidate.core_start) != Some('/') {
            // 1/3, and 1 4/3: a whole number and a fraction.
            if let Some((fraction, after)) = self.slash(value, end) {
                candidate.value = fraction;
                candidate.end = after;
                candidate.kind = NumberKind::Fraction;
                candidate.marked = true;
                return;
            }
            let q = self.skip_spaces(end);
            if q > end
                && self.is_digit_at(q)
                && let Some((numerator, slash_end, false)) = self.arabic(q, false)
                && let Some((fraction, after)) = self.slash(numerator, slash_end)
            {
                candidate.value = value + value.signum() * fraction;
                candidate.end = after;
                candidate.kind = NumberKind::Fraction;
                candidate.marked = true;
                return;
            }
        }
        // A又X分之Y: a mixed number.
        let q = self.skip_spaces(end);
        if self.at(q) == Some('又') {
            let r = self.skip_spaces(q + 1);
            if let Some((fraction, after)) = self.fraction(r) {
                let sign = if value < 0.0 { -1.0 } else { 1.0 };
                candidate.value = value + sign * fraction.abs();
                candidate.end = after;
                candidate.kind = NumberKind::Fraction;
                candidate.marked = true;
                return;
            }
        }
        let q = self.skip_spaces(end);
        match self.at(q) {
            Some('%') => {
                candidate.end = q + 1;
                candidate.kind = NumberKind::Percent;
                candidate.marked = true;
                return;
            }
            Some('‰') => {
                candidate.value = value / 10.0;
                candidate.end = q + 1;
                candidate.kind = NumberKind::Percent;
                candidate.marked = true;
                return;
            }
            _ => {}
        }
        if let Some(after) = self
            .spaced_word(end, "个百分点")
            .or_else(|| self.spaced_word(end, "百分点"))
        {
            candidate.end = after;
            candidate.kind = NumberKind::PercentagePoint;
            candidate.marked = true;
            return;
        }
        let suffix_word = self.word_start.get(q).copied().unwrap_or(false);
        match self.at(q) {
            Some('成') if !suffix_word && value > 0.0 && value <= 10.0 => {
                // 九成 = 90%, 七成六 = 76%, 三成半 = 35%.
                let mut percent = value * 10.0;
                let mut after = q + 1;
                let r = self.skip_spaces(after);
                match self.at(r) {
                    Some('半') => {
                        percent += 5.0;
                        after = r + 1;
                    }
                    Some(c) if !is_counting_word(c) && value.fract() == 0.0 => {
                        // The tail digit stands alone: 七成六, not 七成六百.
                        let numeral_after = self.at(r + 1).is_some_and(|n| {
                            chinese_digit(n).is_some()
                                || small_unit(n).is_some()
                                || big_unit(n).is_some()
                        });
                        if let Some(d) = chinese_digit(c).filter(|&d| d > 0 && !numeral_after) {
                            percent += f64::from(d);
                            after = r + 1;
                        }
                    }
                    _ => {}
                }
                candidate.value = percent;
                candidate.end = after;
                candidate.kind = NumberKind::Percent;
                candidate.marked = true;
            }
            Some('折') if !suffix_word => {
                // 八折 = 80%, 七五折 / 75折 = 75%, 9.5折 = 95%; 十折 is no discount.
                let two_digits = core.digit_run == 2 || (core.arabic_integer && value >= 10.0);
                let percent = if value > 0.0 && value < 10.0 {
                    Some(value * 10.0)
                } else if two_digits && value < 100.0 && value.fract() == 0.0 {
                    Some(value)
                } else {
                    None
                };
                if let Some(percent) = percent {
                    candidate.value = percent;
                    candidate.end = q + 1;
                    candidate.kind = NumberKind::Discount;
                    candidate.marked = true;
                }
            }
            Some('元' | '圆') if core.chinese => self.money(candidate, q + 1),
            _ => {}
        }
    }

    /// `壹拾壹元壹角壹分`: jiao and fen after yuan join the amount.
    fn money(&self, candidate: &mut Candidate, mut p: usize) {
        let mut value = candidate.value;
        let mut joined = false;
        for (unit, factor) in [('角', 0.1), ('分', 0.01)] {
            if matches!(self.at(p), Some('零' | '〇')) {
                p += 1;
            }
            let digit = self.at(p).filter(|&c| !is_counting_word(c));
            if let (Some(d), Some(u)) = (digit.and_then(chinese_digit), self.at(p + 1))
                && u == unit
            {
                value += f64::from(d) * factor;
                p += 2;
                joined = true;
            }
        }
        if joined {
            candidate.value = tidy(value);
            candidate.end = p;
            candidate.kind = NumberKind::Decimal;
            candidate.marked = true;
        }
    }

    // --- Guards ---

    /// True when the candidate lies inside a word that is not a number (`一切`, `十分`), but
    /// not when it reaches past it (`十分之一`).
    fn in_word(&self, candidate: &Candidate) -> bool {
        self.reach
            .get(candidate.core_start)
            .is_some_and(|&r| r >= candidate.end)
    }

    /// Chars inside URLs.
    fn in_url(&self) -> Vec<bool> {
        let mut inside = vec![false; self.chars.len()];
        if let Some(url) = &lexicon().url {
            for m in url.find_iter(self.text) {
                let (start, end) = (self.char_at(m.start()), self.char_at(m.end()));
                for slot in inside.iter_mut().take(end).skip(start) {
                    *slot = true;
                }
            }
        }
        inside
    }

    /// True when a classifier or unit starts at `i`.
    fn classifier_at(&self, i: usize) -> bool {
        let lexicon = lexicon();
        (1..=lexicon.classifier_len).any(|len| {
            i + len <= self.chars.len() && {
                let word: String = self.chars[i..i + len].iter().map(|&c| fold(c)).collect();
                lexicon.classifiers.contains(word.as_str())
            }
        })
    }

    /// Whether a lone numeral (`五`, `九九`) is a number here: before a classifier, standing
    /// alone, or a complement (`是五`) ending a phrase.
    fn lone_numeral_counts(&self, candidate: &Candidate) -> bool {
        let (start, end) = (candidate.core_start, candidate.end);
        let prev = self.before(start);
        let next = self.at(end);
        let word_between = self
            .at(start + 1)
            .is_some_and(|c| chinese_digit(c).is_none());
        if self.at(start) == Some('一') && self.at(start + 2) == Some('一') && word_between {
            // 一降一升, 一心一意: a pattern of words, not numbers.
            return false;
        }
        if self.at(start) == Some('一') && start >= 2 && self.at(start - 2) == Some('一') {
            return false;
        }
        if self.classifier_at(end) {
            // 一张张: a reduplicated classifier is "one by one".
            let doubled = next.is_some() && self.at(end + 1) == next;
            return !doubled;
        }
        let prev_free = prev.is_none_or(|c| !is_han(c) || COMPLEMENT_AFTER.contains(&c));
        let next_free = next.is_none_or(|c| !is_han(c) || PHRASE_END_BEFORE.contains(&c));
        prev_free && next_free && next != Some('、')
    }

    /// An approximate count with 几 or 数 (`几十次`, `数百人`, `十几个`): no single value.
    fn is_vague(&self, candidate: &Candidate) -> bool {
        let approximate = |c: Option<char>| matches!(c, Some('几' | '数'));
        let unit_first = self
            .at(candidate.core_start)
            .is_some_and(|c| small_unit(c).is_some() || big_unit(c).is_some());
        let plain = matches!(candidate.kind, NumberKind::Integer);
        plain
            && ((unit_first && approximate(self.before(candidate.core_start)))
                || self.at(candidate.end) == Some('几'))
    }

    /// A list marker: `一、` at a line start, `（三）`.
    fn is_enumerator(&self, candidate: &Candidate) -> bool {
        if candidate.marked || !(candidate.core.chinese || candidate.core.arabic_integer) {
            return false;
        }
        let prev = self.before(candidate.start);
        let next = self.at(candidate.end);
        let line_start = prev.is_none_or(|c| c == '\n' || c == '\r' || is_space(c));
        let bracketed =
            matches!(prev, Some('(' | '【' | '〔')) && matches!(next, Some(')' | '】' | '〕'));
        let listed = line_start
            && (next == Some('、')
                || (candidate.core.arabic_integer
                    && next == Some('.')
                    && !self.is_digit_at(candidate.end + 1)));
        bracketed || listed
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

/// The running state of a numeral with units.
#[derive(Debug, Default)]
struct Accumulator {
    /// Sum of the parts closed by 万/亿.
    total: f64,
    /// Sum of the parts since the last 万/亿.
    section: f64,
    /// A digit (or Arabic number) waiting for its unit.
    digit: Option<f64>,
    /// The waiting digit is a Chinese digit (colloquial `三万五` applies).
    digit_chinese: bool,
    /// The waiting digit came right after a unit, with no `零` between.
    digit_after_unit: bool,
    /// A `零` since the last unit.
    zero: bool,
    /// The last 十/百/千 of this section.
    last_small: Option<f64>,
    /// The last 万/亿.
    last_big: f64,
    /// The last unit of any size.
    last_unit: Option<f64>,
    /// The last token was a unit.
    unit_just_before: bool,
    /// The value of everything before 点, plus the decimals.
    fraction: f64,
    after_decimal: bool,
    decimal: bool,
    big_start: bool,
    has_digit: bool,
    chinese: bool,
    arabic: bool,
    tokens: usize,
    trailing_unit: Option<f64>,
}

impl Accumulator {
    fn push_digit(&mut self, value: f64, chinese: bool) {
        self.digit = Some(value);
        self.digit_chinese = chinese;
        self.digit_after_unit = self.unit_just_before && !self.zero;
        self.unit_just_before = false;
        self.has_digit = true;
        self.tokens += 1;
        self.trailing_unit = None;
        if chinese {
            self.chinese = true;
        } else {
            self.arabic = true;
        }
    }

    /// The waiting digit's worth: `三万五` → 5000, `一百二` → 20, `一百零二` → 2.
    fn digit_value(&self) -> f64 {
        let Some(digit) = self.digit else { return 0.0 };
        match self.last_unit {
            Some(unit) if self.digit_chinese && self.digit_after_unit && unit > 10.0 => {
                digit * unit / 10.0
            }
            _ => digit,
        }
    }

    /// Add 十, 百 or 千; false when it cannot follow (`五十千`).
    fn small(&mut self, unit: f64) -> bool {
        if self.last_small.is_some_and(|s| unit >= s) {
            return false;
        }
        let had_digit = self.digit.is_some();
        let multiplier = self.digit.unwrap_or(1.0);
        self.section += multiplier * unit;
        self.digit = None;
        self.last_small = Some(unit);
        self.last_unit = Some(unit);
        self.unit_just_before = true;
        self.zero = false;
        self.tokens += 1;
        self.chinese = true;
        self.has_digit |= unit == 10.0;
        self.trailing_unit = had_digit.then_some(unit);
        true
    }

    /// Apply 万, 亿 or 兆; false when there is nothing to apply it to.
    fn big(&mut self, unit: f64) -> bool {
        let had_digit = self.digit.is_some();
        // The digit before 万 is a plain digit: 四亿四万 is not colloquial 四亿四(千万).
        let part = self.section + self.digit.unwrap_or(0.0) + self.fraction;
        if part == 0.0 && self.total == 0.0 {
            return false;
        }
        if part == 0.0 && !self.unit_just_before {
            return false;
        }
        if self.last_big == 0.0 || unit >= self.last_big {
            self.total = (self.total + part) * unit;
        } else {
            self.total += part * unit;
        }
        self.section = 0.0;
        self.digit = None;
        self.fraction = 0.0;
        self.last_big = unit;
        self.last_small = None;
        self.last_unit = Some(unit);
        self.unit_just_before = true;
        self.zero = false;
        self.tokens += 1;
        self.chinese = true;
        self.trailing_unit = had_digit.then_some(unit);
        true
    }

    fn value(&self) -> f64 {
        self.total + self.section + self.digit_value() + self.fraction
    }

    fn finish(self, end: usize) -> Core {
        let value = tidy(self.value());
        let single = self.tokens <= 1 && !self.decimal && !self.big_start;
        Core {
            end,
            value,
            decimal: self.decimal,
            weak: self.chinese && !self.arabic && single,
            bare: !self.has_digit,
            arabic: self.arabic && !self.chinese,
            arabic_integer: self.arabic && !self.chinese && !self.decimal,
            chinese: self.chinese && !self.arabic,
            digit_run: 0,
            trailing_unit: self.trailing_unit,
            vague: false,
        }
    }
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
