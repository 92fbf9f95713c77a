//! Words with part-of-speech tags: jieba-rs, extended by `dicts/user.dict`.
//!
//! The user dictionary adds government-news vocabulary (网格员, 辅警, 群防群治, …); every line
//! carries a frequency, because jieba-rs gives a word listed without one frequency 0 and never
//! uses it. Text is tagged a line at a time; whitespace is not a token. Spans are chars of the
//! whole text.
//!
//! ```
//! let text = "本溪市公安局的网格员\n辅警";
//! let tokens = zhnews::segment::Segmenter::new().tag(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.word(text)).collect();
//! assert_eq!(words, ["本溪市", "公安局", "的", "网格员", "辅警"]);
//! assert_eq!((tokens[4].span.start, tokens[4].span.end), (11, 13));
//! ```

use jieba_rs::Jieba;

use crate::dicts;
use crate::document::{Pos, Span, Token};

/// jieba-rs with the government-news dictionary loaded.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// Load jieba's dictionary and ours (about 120 ms; build it once and share it).
    pub fn new() -> Self {
        let mut jieba = Jieba::new();
        // The user dictionary is embedded and checked by a test, so it always parses.
        let _ = jieba.load_dict(&mut dicts::USER_DICT.as_bytes());
        Segmenter { jieba }
    }

    /// Tag `text` (HMM on for unknown words), one line at a time.
    pub fn tag(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let (mut chars, mut bytes) = (0, 0);
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            for tag in self.jieba.tag(body, true) {
                // Stops at a word's first char, where `trim` looks at both ends.
                if !tag.word.chars().all(char::is_whitespace) {
                    tokens.push(Token {
                        span: Span::new(chars + tag.start, chars + tag.end),
                        bytes: (bytes + tag.byte_start, bytes + tag.byte_end),
                        pos: Pos::new(tag.tag),
                    });
                }
            }
            chars += line.chars().count();
            bytes += line.len();
        }
        tokens
    }

    /// The underlying jieba-rs instance.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::segmenter;

    #[test]
    fn user_dictionary_parses_and_every_line_has_a_frequency() {
        let mut jieba = Jieba::empty();
        jieba
            .load_dict(&mut dicts::USER_DICT.as_bytes())
            .expect("user.dict parses");
        for line in dicts::USER_DICT.lines().filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 3, "want `word freq tag`: {line}");
            assert!(fields[1].parse::<usize>().is_ok_and(|f| f > 0), "{line}");
        }
    }

    #[test]
    fn keeps_government_terms_whole() {
        let s = segmenter();
        for term in [
            "网格员",
            "辅警",
            "群防群治",
            "人民调解",
            "接处警",
            "扁平化",
            "红袖标",
        ] {
            let text = format!("本溪市的{term}工作");
            let words: Vec<&str> = s.tag(&text).iter().map(|t| t.word(&text)).collect();
            assert!(words.contains(&term), "{term}: {words:?}");
        }
        let text = "本溪市公安局";
        let words: Vec<&str> = s.tag(text).iter().map(|t| t.word(text)).collect();
        assert_eq!(words, ["本溪市", "公安局"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "第一行 有空格\r\n第二行：网格员";
        for token in segmenter().tag(text) {
            assert_eq!(
                crate::document::char_slice(text, token.span),
                token.word(text)
            );
        }
    }
}
