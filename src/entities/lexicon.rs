//! The lexicon the learned tagger sees beside the chars: for each char, the segmenter's part of
//! speech of the token covering it and the char's place in that token.
//!
//! ```
//! use zhnews::entities::lexicon::lexicon_codes;
//! let text = "本溪市公安局";
//! let codes = lexicon_codes(&zhnews::Analyzer::new().segment(text), text.chars().count());
//! assert_eq!(codes.len(), 6);
//! assert_eq!(codes[0], codes[3] - 4, "本 and 公 begin a place and an organisation");
//! ```

use crate::document::{Pos, Token};

/// The word-level evidence of each char of `text`: the segmenter's part of speech of the token
/// covering it and the char's place in that token (begin, middle, end, single), as one code
/// (0 where no token covers it: whitespace). `tokens` are the text's, in order, spans in chars.
/// This is the lexicon the learned tagger sees beside the chars (SoftLexicon in spirit, with
/// the segmenter's dictionary, ours included, as the lexicon).
pub fn lexicon_codes(tokens: &[Token], len: usize) -> Vec<u32> {
    let mut codes = vec![0u32; len];
    for token in tokens {
        let class = lexicon_class(token.pos);
        let (start, end) = (token.span.start.min(len), token.span.end.min(len));
        for (i, code) in codes[start..end].iter_mut().enumerate() {
            let place = match (i == 0, start + i + 1 == end) {
                (true, true) => 3,
                (true, false) => 0,
                (false, true) => 2,
                (false, false) => 1,
            };
            *code = 1 + class * 4 + place;
        }
    }
    codes
}

/// The part-of-speech classes the tagger tells apart.
fn lexicon_class(pos: Pos) -> u32 {
    match pos.as_str() {
        _ if pos.is_person() => 0,
        "ns" => 1,
        "nt" => 2,
        "nz" => 3,
        "j" => 4,
        _ if pos.is_noun() => 5,
        _ if pos.is_verb() => 6,
        "m" | "q" | "mq" => 7,
        "x" => 8,
        "t" => 9,
        "f" | "s" => 10,
        _ => 11,
    }
}
