//! Undo the damage scraped text arrives with, one pass a file, each reporting [`Fix`] records.
//!
//! Passes run in a fixed order: mis-decoded runs first (UTF-8 read as GBK and the like: the
//! other passes cannot read such runs at all), then radicals left by PDF text extraction
//! (`完⼯` → `完工`), then pinyin annotations (they hide the characters the other passes look
//! at), then GBK byte shifts (their `?!` anchors must be seen before punctuation is
//! normalised), then stray and half-width punctuation. Every pass leaves text it has no
//! evidence against exactly as it was.
//!
//! ```
//! use zhnews::document::FixLog;
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::repair("關鍵詞:聽民聲,,大調(diào)研", &mut fixes);
//! assert_eq!(out.as_deref(), Some("關鍵詞：聽民聲，大調研"));
//! assert_eq!(fixes.as_slice().len(), 3);
//! ```
//!
//! [`Fix`]: crate::document::Fix

pub mod byte_shift;
pub mod misdecode;
pub mod pinyin;
pub mod plausibility;
pub mod punctuation;
pub mod radicals;
pub mod unrecoverable;

use crate::document::FixLog;

/// A repair pass: the repaired text, or `None` when it changed nothing.
type Pass = fn(&str, &mut FixLog) -> Option<String>;

/// How sure the character model must be of a lost character (its posterior probability among
/// the candidates, given the context) to write it in; below this the loss stays a U+FFFD and
/// nothing is made up.
const MIN_POSTERIOR: f64 = 0.5;

/// Whether a lost character guessed with this posterior probability is written in
/// ([`MIN_POSTERIOR`]).
pub(crate) fn is_sure(posterior: f64) -> bool {
    posterior >= MIN_POSTERIOR
}

/// The passes, in the order they run.
const PASSES: [Pass; 5] = [
    misdecode::repair,
    radicals::repair,
    pinyin::repair,
    byte_shift::repair,
    punctuation::repair,
];

/// Run every pass over `text`; `None` when nothing needed repair.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    let mut current: Option<String> = None;
    for pass in PASSES {
        if let Some(next) = pass(current.as_deref().unwrap_or(text), fixes) {
            current = Some(next);
        }
    }
    current
}

/// An ASCII control character other than tab, line feed and carriage return: what binary
/// data read as text is full of, and text is not.
pub(crate) fn is_stray_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}'..='\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}')
}

/// Whether a line is binary data read as text rather than text read with the wrong
/// encoding: stray controls ([`is_stray_control`]) make up more than one in twenty of its
/// characters. Mojibake of Chinese has none (its bytes below 0x80 were the text's own ASCII;
/// the C1 controls of UTF-8 read as Latin-1 do not count), while bytes at random are one
/// eighth controls. The passes that infer lost bytes skip such lines: trying every candidate
/// for their many lost bytes would cost seconds a kilobyte and repair nothing.
pub(crate) fn is_binary_noise(line: &str) -> bool {
    let (mut controls, mut total) = (0usize, 0usize);
    for c in line.chars() {
        total += 1;
        controls += usize::from(is_stray_control(c));
    }
    controls * 20 > total
}

/// A pass's output for `input`, or `input` itself when the pass changes nothing.
#[cfg(test)]
pub(crate) fn applied(pass: Pass, input: &str) -> String {
    pass(input, &mut FixLog::default()).unwrap_or_else(|| input.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_noise_is_told_from_mojibake() {
        // Bytes at random, read as UTF-8 with replacement: controls, U+FFFD, stray letters.
        let random: Vec<u8> = (0u32..600)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(is_binary_noise(&String::from_utf8_lossy(&random)));
        for text in [
            "æ–°å\u{8d}Žç¤¾",  // UTF-8 read as cp1252: C1 controls are no noise
            "鍙戝竷浜嗘柊闂?", // UTF-8 read as GBK with a lost byte
            "本溪市公安局\t出动民警1872人次\r",
            "",
        ] {
            assert!(!is_binary_noise(text), "{text:?}");
        }
    }
}
