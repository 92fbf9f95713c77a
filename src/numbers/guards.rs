//! Context guards: when a numeral in running text is not a number (inside a word or a URL,
//! a lone `五` without a classifier, a vague `三四`, an enumerator `一、`).

use super::*;

impl Scanner<'_> {
    /// True when the candidate lies inside a word that is not a number (`一切`, `十分`), but
    /// not when it reaches past it (`十分之一`).
    pub(super) fn in_word(&self, candidate: &Candidate) -> bool {
        self.reach
            .get(candidate.core_start)
            .is_some_and(|&r| r >= candidate.end)
    }

    /// Chars inside URLs.
    pub(super) fn in_url(&self) -> Vec<bool> {
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
    pub(super) fn classifier_at(&self, i: usize) -> bool {
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
    pub(super) fn lone_numeral_counts(&self, candidate: &Candidate) -> bool {
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
    pub(super) fn is_vague(&self, candidate: &Candidate) -> bool {
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
    pub(super) fn is_enumerator(&self, candidate: &Candidate) -> bool {
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
}
