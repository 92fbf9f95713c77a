//! How plausible a run of characters is as Chinese: a character bigram model.
//!
//! Counts come from `dicts/char_lm.tsv` (character unigrams and bigrams of news sentences; see
//! its header). Traditional characters are scored as their Simplified forms and full-width
//! digits and letters as ASCII, so one Simplified model serves both scripts. Mojibake scores
//! around −12 to −16 nats a character, ordinary news around −5.
//!
//! ```
//! use zhnews::repair::plausibility::model;
//! let lm = model();
//! assert!(lm.mean_log_prob("为了能让老百姓") > lm.mean_log_prob("睘榱四茏尷习傩者") + 4.0);
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::dicts::{self, char_to_char, first_value, rows};

/// Weight of the bigram estimate against the unigram one.
const BIGRAM_WEIGHT: f64 = 0.7;
/// How often a character must occur in the counts to be a candidate for a lost one.
const COMMON_COUNT: u32 = 50;
/// Vocabulary size assumed for add-one smoothing of unseen characters.
const VOCABULARY: f64 = 20_000.0;

/// Character unigram and bigram counts with interpolated log-probabilities.
///
/// The bigram table (nine tenths of the file) is parsed on the first call that needs it:
/// screening a clean article for suspect characters asks only for unigram counts.
pub struct CharModel {
    unigrams: HashMap<char, u32>,
    bigrams: OnceLock<HashMap<(char, char), u32>>,
    /// [`CharModel::common_chars`], listed once: a text full of lost bytes asks for them at
    /// every one.
    common: OnceLock<Vec<char>>,
    total: f64,
    simplified: HashMap<char, char>,
    /// [`CharModel::count`] of each Basic Multilingual Plane character, plus one, filled as
    /// characters are asked for (0: not yet): mojibake screening asks for every character of a
    /// text, and two hash lookups a character showed in profiles.
    bmp_counts: Box<[AtomicU32]>,
}

/// The counted rows of `dicts/char_lm.tsv` whose key has `chars` characters. The file lists
/// every unigram before any bigram (see its header), so reading unigrams stops at the first
/// bigram instead of scanning the whole file.
fn counts(chars: usize) -> impl Iterator<Item = (&'static str, u32)> {
    let key_chars = |key: &str| key.chars().count();
    rows(dicts::CHAR_LM)
        .filter(|(key, _)| !key.starts_with("#total_"))
        .skip_while(move |(key, _)| key_chars(key) < chars)
        .take_while(move |(key, _)| key_chars(key) == chars)
        .filter_map(|(key, count)| Some((key, count.trim().parse::<u32>().ok()?)))
}

impl CharModel {
    /// Parse the embedded unigram counts (bigrams follow when first needed).
    pub fn new() -> Self {
        let unigrams: HashMap<char, u32> = counts(1)
            .filter_map(|(key, count)| Some((key.chars().next()?, count)))
            .collect();
        let total = rows(dicts::CHAR_LM)
            .find(|(key, _)| *key == "#total_unigrams")
            .and_then(|(_, count)| count.trim().parse::<u32>().ok())
            .map(f64::from)
            .unwrap_or_else(|| unigrams.values().map(|&c| f64::from(c)).sum());
        let simplified = rows(dicts::TS_CHARACTERS)
            .filter_map(|(k, v)| char_to_char(k, first_value(v)))
            .collect();
        CharModel {
            unigrams,
            bigrams: OnceLock::new(),
            common: OnceLock::new(),
            total,
            simplified,
            bmp_counts: (0..0x1_0000).map(|_| AtomicU32::new(0)).collect(),
        }
    }

    fn bigrams(&self) -> &HashMap<(char, char), u32> {
        self.bigrams.get_or_init(|| {
            counts(2)
                .filter_map(|(key, count)| {
                    let mut chars = key.chars();
                    Some(((chars.next()?, chars.next()?), count))
                })
                .collect()
        })
    }

    /// The form a character is counted under: Simplified, and ASCII for full-width digits
    /// and letters.
    fn normalise(&self, c: char) -> char {
        match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => crate::text::fold_width(c),
            _ => self.simplified.get(&c).copied().unwrap_or(c),
        }
    }

    fn unigram_prob(&self, c: char) -> f64 {
        let count = self.unigrams.get(&c).copied().unwrap_or(0);
        (f64::from(count) + 1.0) / (self.total + VOCABULARY)
    }

    /// log P(b | a), interpolating the bigram and unigram estimates.
    pub fn log_prob(&self, a: char, b: char) -> f64 {
        let (a, b) = (self.normalise(a), self.normalise(b));
        let unigram = self.unigram_prob(b);
        let bigram = match self.unigrams.get(&a) {
            Some(&count_a) if count_a > 0 => {
                f64::from(self.bigrams().get(&(a, b)).copied().unwrap_or(0)) / f64::from(count_a)
            }
            _ => 0.0,
        };
        (BIGRAM_WEIGHT * bigram + (1.0 - BIGRAM_WEIGHT) * unigram).ln()
    }

    /// How often `c` (normalised) occurs in the counts; 0 for a character never seen.
    pub fn count(&self, c: char) -> u32 {
        let lookup = || self.unigrams.get(&self.normalise(c)).copied().unwrap_or(0);
        let Some(slot) = self.bmp_counts.get(c as usize) else {
            return lookup();
        };
        // Racing threads store the same value.
        match slot.load(Ordering::Relaxed) {
            0 => {
                let count = lookup();
                if let Some(stored) = count.checked_add(1) {
                    slot.store(stored, Ordering::Relaxed);
                }
                count
            }
            known => known - 1,
        }
    }

    /// Characters seen often enough to be guessed when one was lost without a trace.
    pub fn common_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.common
            .get_or_init(|| {
                self.unigrams
                    .iter()
                    .filter(|&(_, &count)| count >= COMMON_COUNT)
                    .map(|(&c, _)| c)
                    .collect()
            })
            .iter()
            .copied()
    }

    /// log P(c) on its own.
    pub fn log_prob_alone(&self, c: char) -> f64 {
        self.unigram_prob(self.normalise(c)).ln()
    }

    /// Sum of log P over adjacent pairs of `chars` (the first char is context, not scored).
    pub fn sum_log_prob(&self, chars: &[char]) -> f64 {
        chars.windows(2).map(|w| self.log_prob(w[0], w[1])).sum()
    }

    /// Mean log P per adjacent pair of the text's characters (0 for fewer than two).
    pub fn mean_log_prob(&self, text: &str) -> f64 {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 2 {
            return 0.0;
        }
        self.sum_log_prob(&chars) / (chars.len() - 1) as f64
    }
}

impl Default for CharModel {
    fn default() -> Self {
        Self::new()
    }
}

/// The shared model, parsed on first use (only text with a suspect run needs it).
pub fn model() -> &'static CharModel {
    static MODEL: OnceLock<CharModel> = OnceLock::new();
    MODEL.get_or_init(CharModel::new)
}

/// `ln(Σ exp(x))` over `values`, without overflow; −∞ for none.
pub(crate) fn log_sum_exp(values: impl Iterator<Item = f64>) -> f64 {
    let values: Vec<f64> = values.collect();
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + values.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_news_above_mojibake() {
        let lm = model();
        for (good, bad) in [
            ("为了能让老百姓过个平安年", "睘榱四茏尷习傩者^個"),
            ("发布", "鍙戝竷"),
            ("。“这点", "!斑@點"),
        ] {
            assert!(
                lm.mean_log_prob(good) > lm.mean_log_prob(bad) + 2.0,
                "{good} {} vs {bad} {}",
                lm.mean_log_prob(good),
                lm.mean_log_prob(bad)
            );
        }
    }

    #[test]
    fn reads_every_unigram_and_bigram_the_header_announces() {
        // The header line reads "# Entries: 5113 unigrams, 179600 bigrams. ...".
        let header = dicts::CHAR_LM
            .lines()
            .find_map(|l| l.strip_prefix("# Entries: "))
            .expect("an Entries line");
        let numbers: Vec<usize> = header
            .split([' ', ','])
            .filter_map(|w| w.parse().ok())
            .take(2)
            .collect();
        assert_eq!(numbers, [counts(1).count(), counts(2).count()]);
        let lm = model();
        assert_eq!(lm.unigrams.len(), numbers[0]);
        assert_eq!(lm.bigrams().len(), numbers[1]);
    }

    #[test]
    fn scores_traditional_as_simplified() {
        let lm = model();
        let a = lm.mean_log_prob("為了能讓老百姓過個平安年");
        let b = lm.mean_log_prob("为了能让老百姓过个平安年");
        assert!((a - b).abs() < 1e-9);
    }
}
