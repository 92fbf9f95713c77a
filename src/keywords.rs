//! Keywords of an article and of each section, by TF-IDF over the tokens the pipeline has.
//!
//! The segmenter's tokens are reused (no second segmentation, unlike jieba-rs's extractors).
//! Candidates are content words of two or more characters (nouns, verbs, verbal nouns, idioms,
//! abbreviations); weights come from jieba's IDF table (`dicts/idf.tsv`; rarer words get the
//! median IDF, as in jieba) times `dicts/keyword_weights.tsv`, which removes function words and
//! weighs down boilerplate (`工作 进一步 加强`).
//!
//! ```
//! use zhnews::keywords::keywords;
//! let text = "网格员化解矛盾纠纷，网格员走访居民，网格化管理。";
//! let tokens = zhnews::Analyzer::new().segment(text);
//! let top = keywords(text, &tokens, 3);
//! assert_eq!(top[0].word, "网格员");
//! ```

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::dicts::{self, rows};
use crate::document::{Pos, Token};

/// A keyword with its weight (TF-IDF, scaled by the keyword weights table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// Its weight.
    pub weight: f64,
}

struct Tables {
    idf: HashMap<&'static str, f64>,
    median: f64,
    weights: HashMap<&'static str, f64>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut median = 11.95;
        let mut idf = HashMap::default();
        for (word, value) in rows(dicts::IDF) {
            let Ok(value) = value.trim().parse::<f64>() else {
                continue;
            };
            if word == "#median" {
                median = value;
            } else {
                idf.insert(word, value);
            }
        }
        let weights = rows(dicts::KEYWORD_WEIGHTS)
            .filter_map(|(w, v)| v.trim().parse::<f64>().ok().map(|v| (w, v)))
            .collect();
        Tables {
            idf,
            median,
            weights,
        }
    })
}

/// Whether a token can be a keyword: a content word (noun, verb, verbal noun, idiom,
/// abbreviation) of two or more characters, without digits.
fn is_candidate(word: &str, pos: Pos) -> bool {
    let content = pos.is_noun() || matches!(pos.as_str(), "l" | "i" | "j" | "v" | "vn" | "eng");
    content && word.chars().nth(1).is_some() && !word.bytes().any(|b| b.is_ascii_digit())
}

/// The `top` keywords of the tokens of `text` (all of them, or a section's slice).
pub fn keywords(text: &str, tokens: &[Token], top: usize) -> Vec<Keyword> {
    let tables = tables();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    let mut total = 0usize;
    let mut after_number = false;
    for token in tokens {
        let word = token.word(text);
        // A word right after a number is its unit (人次, 公分), not a topic.
        let unit = after_number;
        after_number =
            token.pos.as_str() == "m" || word.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if unit || !is_candidate(word, token.pos) {
            continue;
        }
        total += 1;
        let count = counts.entry(word).or_insert(0);
        if *count == 0 {
            order.push(word);
        }
        *count += 1;
    }
    // Words are copied only once they make the top: an article has thousands of candidates.
    let mut scored: Vec<(&str, f64)> = order
        .into_iter()
        .map(|word| {
            let tf = counts[word] as f64 / total.max(1) as f64;
            let idf = tables.idf.get(word).copied().unwrap_or(tables.median);
            let weight = tables.weights.get(word).copied().unwrap_or(1.0);
            (word, tf * idf * weight)
        })
        .filter(|&(_, weight)| weight > 0.0)
        .collect();
    // Stable order for equal weights: first occurrence wins.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(top);
    scored
        .into_iter()
        .map(|(word, weight)| Keyword {
            word: word.to_string(),
            weight: (weight * 10_000.0).round() / 10_000.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::segmenter;

    #[test]
    fn boilerplate_and_function_words_are_not_keywords() {
        let text = "进一步加强工作，进一步加强工作，我们要推进网格化管理，网格员巡逻。";
        let tokens = segmenter().tag(text);
        let words: Vec<String> = keywords(text, &tokens, 10)
            .into_iter()
            .map(|k| k.word)
            .collect();
        for w in ["进一步", "我们"] {
            assert!(!words.iter().any(|x| x == w), "{w} in {words:?}");
        }
        assert!(words.iter().position(|w| w == "网格员") < words.iter().position(|w| w == "工作"));
    }
}
