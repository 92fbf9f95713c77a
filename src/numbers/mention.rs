//! A numeral as a mention: its sign, `第`, `半`, and what its suffix means (`分之` fractions,
//! `%` and `百分之` percentages, `成` and `折`, `个百分点`, `元角分` money).

use super::*;

impl Scanner<'_> {
    /// A sign at `i`: `负`, or `-` not glued to a word or number before it.
    pub(super) fn sign(&self, i: usize) -> (bool, usize) {
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
    pub(super) fn signed(&self, i: usize) -> Option<(f64, Core, usize)> {
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
    pub(super) fn per(&self, i: usize) -> Option<(f64, usize)> {
        let p = self.spaced_word(i, "分之")?;
        let p = self.skip_spaces(p);
        let (value, _, end) = self.signed(p)?;
        Some((value, end))
    }

    /// A fraction at `i` (`三分之一`, `3/5`), not a percentage: value and end.
    pub(super) fn fraction(&self, i: usize) -> Option<(f64, usize)> {
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
    pub(super) fn slash(&self, numerator: f64, end: usize) -> Option<(f64, usize)> {
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
    pub(super) fn mention(&self, i: usize) -> Option<Candidate> {
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
    pub(super) fn half(&self, start: usize, p: usize) -> Option<Candidate> {
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
    pub(super) fn suffix(&self, candidate: &mut Candidate) {
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
    pub(super) fn money(&self, candidate: &mut Candidate, mut p: usize) {
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
}
