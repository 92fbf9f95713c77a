//! Reading numerals: Arabic digits (groups, decimals, exponents) and Chinese numerals
//! (digit by digit, with units, colloquial, financial), without sign, suffix or context.

use super::*;

impl Scanner<'_> {
    /// Arabic digits at `i`: `1,050,000`, `10.233`, `.5`. With `decimals` false, or inside a
    /// dotted run (`2222.2222.22222`, a version or address), the point is not read.
    pub(super) fn arabic(&self, i: usize, decimals: bool) -> Option<(f64, usize, bool)> {
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
    pub(super) fn scale(&self, value: f64, end: usize) -> (f64, usize) {
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
    pub(super) fn core(&self, i: usize) -> Option<Core> {
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
    pub(super) fn digit_run(&self, i: usize) -> Option<Core> {
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
    pub(super) fn decimal_digits(&self, i: usize) -> Option<(String, usize)> {
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
