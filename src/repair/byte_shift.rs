//! GBK byte shift: a GBK stream that lost a byte decodes out of step until it resynchronises.
//!
//! When the lead byte of a double-byte character is replaced by `?` (or lost as U+FFFD), every
//! following pair straddles two characters: `。“這點` became `?！斑@點` in the seed (and the
//! scraper then wrote `！` as `!`). The repair re-encodes the run after the `?` as GBK, puts a
//! lead byte back in front, and decodes it in step again; decoding stops where the damaged
//! text had already fallen back into step. Which lead byte was lost, and any trail byte lost as
//! U+FFFD further on, is chosen by the character model. The repair is kept only when the result
//! is clearly more plausible Chinese than the damaged run, so clean text is never touched.
//!
//! ```
//! use zhnews::document::FixLog;
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::byte_shift::repair("檢查各類場所2975家?!斑@點辛苦", &mut fixes);
//! assert_eq!(out.as_deref(), Some("檢查各類場所2975家。“這點辛苦"));
//! ```

use encoding_rs::GBK;

use crate::decode::gbk_pair;
use crate::document::{FixKind, FixLog};
use crate::repair::is_sure;
use crate::repair::plausibility::{CharModel, log_sum_exp, model};
use crate::text::is_chinese_punctuation;

/// How much better (mean log-probability per character) a repair must read to be kept.
const MIN_GAIN: f64 = 2.0;
/// Mean log-probability per character at or below which a run reads as garbage (mojibake
/// scores about −12 to −16, news about −5).
const GARBAGE: f64 = -9.0;
/// How many characters before a lone lost byte an unmarked shifted run may start.
const MAX_UNMARKED_RUN: usize = 24;
/// The longest run re-aligned from one anchor.
const MAX_RUN_CHARS: usize = 4000;
/// Words that make a sentence a question, so a lost full stop before it was a `？`.
const QUESTION_WORDS: &[&str] = &[
    "什么",
    "什麼",
    "怎么",
    "怎麼",
    "为什么",
    "為什麼",
    "如何",
    "吗",
    "嗎",
    "呢",
    "难道",
    "難道",
    "哪",
    "谁",
    "誰",
    "多少",
    "是否",
    "岂",
    "豈",
];

/// One byte of the damaged stream: known, or lost (U+FFFD, or a `?` where a trail byte was).
#[derive(Clone, Copy, PartialEq)]
enum Byte {
    Known(u8),
    Lost,
}

/// What decoding in step yields: a character, or a character whose trail byte was lost
/// (with the byte that followed the lost one, which the lost byte failed to pair with).
#[derive(Clone, Copy)]
enum Piece {
    Char(char),
    LostTrail(u8, Option<Byte>),
}

/// A character's GBK bytes (one or two), `Lost` for U+FFFD, `None` when GBK cannot encode it.
fn gbk_bytes(c: char) -> Option<([Byte; 2], usize)> {
    if c == '\u{FFFD}' {
        return Some(([Byte::Lost; 2], 1));
    }
    if c.is_ascii() {
        return Some(([Byte::Known(c as u8); 2], 1));
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
    match *bytes {
        [lead, trail] if !unmappable => Some(([Byte::Known(lead), Byte::Known(trail)], 2)),
        _ => None,
    }
}

/// The damaged run after an anchor, as bytes, with the byte offset after each of its chars.
/// Characters are encoded only as far as re-alignment reads: a run usually falls back into
/// step within a few characters.
struct Run<'a> {
    first: char,
    rest: &'a [char],
    bytes: Vec<Byte>,
    ends: Vec<usize>,
    done: bool,
}

impl<'a> Run<'a> {
    fn new(first: char, rest: &'a [char]) -> Run<'a> {
        Run {
            first,
            rest: &rest[..rest.len().min(MAX_RUN_CHARS)],
            bytes: Vec::new(),
            ends: Vec::new(),
            done: false,
        }
    }

    /// Encode characters until at least `len` bytes are there, or the run ends.
    fn fill(&mut self, len: usize) {
        while self.bytes.len() < len && !self.done {
            let next = match self.ends.len() {
                0 => Some(self.first),
                n => self.rest.get(n - 1).copied(),
            };
            match next.and_then(gbk_bytes) {
                Some((pair, n)) => {
                    self.bytes.extend_from_slice(&pair[..n]);
                    self.ends.push(self.bytes.len());
                }
                None => self.done = true,
            }
        }
    }

    fn byte(&mut self, i: usize) -> Option<Byte> {
        self.fill(i + 1);
        self.bytes.get(i).copied()
    }

    /// How many damaged chars end exactly at byte `pos`, if a damaged char ends there.
    fn chars_ending_at(&mut self, pos: usize) -> Option<usize> {
        self.fill(pos);
        self.ends.binary_search(&pos).ok().map(|k| k + 1)
    }

    /// Decode in step from byte 1 (byte 0 is the trail of the lost character) until the damaged
    /// text's own character boundaries meet ours. Returns the pieces and how many damaged chars
    /// they replace; `None` when the bytes do not decode in step.
    fn realign(&mut self) -> Option<(Vec<Piece>, usize)> {
        let mut pieces = Vec::new();
        let mut pos = 1;
        loop {
            if let Some(replaced) = self.chars_ending_at(pos) {
                return Some((pieces, replaced));
            }
            match self.byte(pos)? {
                Byte::Lost => return None,
                Byte::Known(b) if b < 0x80 => {
                    pieces.push(Piece::Char(b as char));
                    pos += 1;
                }
                Byte::Known(lead) => {
                    match self.byte(pos + 1) {
                        Some(Byte::Known(trail)) if trail != b'?' => {
                            pieces.push(Piece::Char(gbk_pair(lead, trail)?));
                        }
                        // A trail byte lost as U+FFFD or `?`.
                        Some(_) => pieces.push(Piece::LostTrail(lead, self.byte(pos + 2))),
                        // The run ends inside a character: not a shift we can undo.
                        None => return None,
                    }
                    pos += 2;
                }
            }
        }
    }
}

/// How much likelier (in nats) a full-width punctuation mark is than the model alone says, for
/// the character at the point where a stream lost its byte. Streams lose bytes at punctuation:
/// both shifts in the seed began at a mark that a converter had half-rewritten (`。“` → `?!`,
/// `？”` → `?!`), and a Han character in its place reads well to a bigram model more often
/// than not (`用途并不得` for `用途、不得`).
const LOST_AT_PUNCTUATION: f64 = 2.0;

/// How many characters either side of a lost byte must hold no other for it to count as a
/// stream's lost byte. A stream loses a byte once here and there; U+FFFD every few characters
/// is other damage (what is left of UTF-8 read as Big5), with nothing to re-align and no
/// reason to favour punctuation, and trying every character for each one is slow.
const ISOLATED_WITHIN: usize = 8;

/// What a candidate for a lost character is known to be before the model reads it.
#[derive(Clone, Copy)]
enum Prior {
    /// The character at the shift point, where bytes are lost: punctuation is favoured.
    ShiftPoint,
    /// A character whose trail byte fell out inside the run: nothing is known.
    None,
}

/// The most plausible character between `before` and `after` among `candidates`; `after`
/// is `'\n'` at the end of a line, where a paragraph ends with a sentence-final mark. Returns
/// it with its posterior probability among the candidates.
fn best(
    lm: &CharModel,
    before: Option<char>,
    after: Option<char>,
    prior: Prior,
    candidates: impl Iterator<Item = char>,
) -> Option<(char, f64)> {
    let score = |c: char| {
        let bonus = match prior {
            Prior::ShiftPoint if is_chinese_punctuation(c) => LOST_AT_PUNCTUATION,
            _ => 0.0,
        };
        let left = bonus + before.map_or_else(|| lm.log_prob_alone(c), |b| lm.log_prob(b, c));
        let right = match after {
            None | Some('\n') | Some('\r') => paragraph_end_log_prob(c),
            Some(a) => lm.log_prob(c, a),
        };
        left + right
    };
    let scored: Vec<(f64, char)> = candidates.map(|c| (score(c), c)).collect();
    let &(top, c) = scored.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    let total = log_sum_exp(scored.iter().map(|&(s, _)| s));
    Some((c, (top - total).exp()))
}

/// log P(a paragraph ends after `c`): news paragraphs end with a sentence-final mark.
fn paragraph_end_log_prob(c: char) -> f64 {
    match c {
        '。' => -0.2,
        '！' | '？' | '”' => -2.5,
        '…' | '）' | '」' => -4.0,
        _ => -8.0,
    }
}

/// Whether `trail` could be a byte that was lost because it made no GBK character with the
/// byte after it (the decoder then gave U+FFFD for it alone). Python's GBK codec, like many,
/// has no user-defined rows, which encoding_rs decodes as private-use characters.
fn lost_before(trail: u8, next: Option<Byte>) -> bool {
    match next {
        Some(Byte::Known(b)) if b >= 0x40 => trail < 0x81 || gbk_pair(trail, b).is_none(),
        _ => trail >= 0x80,
    }
}

/// The second GBK byte of a character.
fn trail_byte(c: char) -> Option<u8> {
    match gbk_bytes(c)? {
        ([Byte::Known(_), Byte::Known(t)], 2) => Some(t),
        _ => None,
    }
}

/// Whether the sentence that ends at `chars[..end]` asks a question.
fn is_question(chars: &[char], end: usize) -> bool {
    let start = chars[..end]
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n'))
        .map_or(0, |p| p + 1);
    let sentence: String = chars[start..end].iter().collect();
    QUESTION_WORDS.iter().any(|w| sentence.contains(w))
}

/// The characters of re-aligned pieces, lost trail bytes filled in from left to right.
fn resolve_pieces(lm: &CharModel, pieces: &[Piece], after_run: Option<char>) -> Option<Vec<char>> {
    let mut resolved: Vec<char> = Vec::with_capacity(pieces.len());
    for (k, piece) in pieces.iter().enumerate() {
        let c = match *piece {
            Piece::Char(c) => c,
            Piece::LostTrail(lead, next) => {
                let after = pieces.get(k + 1).map_or(after_run, |p| match p {
                    Piece::Char(c) => Some(*c),
                    Piece::LostTrail(..) => None,
                });
                let candidates = (0x40..=0xFE)
                    .filter(|&t| lost_before(t, next))
                    .filter_map(|t| gbk_pair(lead, t));
                best(lm, resolved.last().copied(), after, Prior::None, candidates)?.0
            }
        };
        resolved.push(c);
    }
    Some(resolved)
}

/// Re-align from `chars[first]` as if the lead byte just before it was lost without a mark:
/// the replacement for `chars[first..first + replaced]`, and `replaced`.
fn realign_unmarked(lm: &CharModel, chars: &[char], first: usize) -> Option<(Vec<char>, usize)> {
    let mut run = Run::new(chars[first], chars.get(first + 1..)?);
    let (pieces, replaced) = run.realign()?;
    let after_run = chars.get(first + replaced).copied();
    let resolved = resolve_pieces(lm, &pieces, after_run)?;
    let Some(Byte::Known(trail)) = run
        .byte(0)
        .filter(|b| matches!(b, Byte::Known(t) if *t >= 0x40))
    else {
        return None;
    };
    let before = first.checked_sub(1).map(|i| chars[i]);
    let next = resolved.first().copied().or(after_run);
    let candidates = (0x81..=0xFE).filter_map(|lead| gbk_pair(lead, trail));
    let lost = best(lm, before, next, Prior::ShiftPoint, candidates)?.0;
    let mut repaired = vec![lost];
    repaired.extend(resolved);
    Some((repaired, replaced))
}

/// A lost byte (U+FFFD) on its own, with no `?` before it and no other lost byte within
/// [`ISOLATED_WITHIN`] characters: the sign of a GBK stream that lost a byte without a mark.
fn is_lone_lost(chars: &[char], p: usize) -> bool {
    chars[p] == '\u{FFFD}'
        && p.checked_sub(1).is_none_or(|q| chars[q] != '?')
        && lost_around(chars, p) == 1
}

/// How many lost bytes (U+FFFD) lie within [`ISOLATED_WITHIN`] characters of `p`, itself
/// included.
fn lost_around(chars: &[char], p: usize) -> usize {
    chars[p.saturating_sub(ISOLATED_WITHIN)..(p + 1 + ISOLATED_WITHIN).min(chars.len())]
        .iter()
        .filter(|&&c| c == '\u{FFFD}')
        .count()
}

/// The repair of the damage around a lone lost byte at `p`: either the whole character was
/// lost (its lead byte dropped, its trail byte rejected), or a shifted run starting up to
/// [`MAX_UNMARKED_RUN`] characters before `p` ends there. The candidate that reads best over
/// the common window wins. Returns `(start, end, replacement, shifted)`.
fn repair_unmarked(
    lm: &CharModel,
    chars: &[char],
    p: usize,
) -> Option<(usize, usize, Vec<char>, bool)> {
    let line_start = chars[..p]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |q| q + 1);
    let window_start = p.saturating_sub(MAX_UNMARKED_RUN).max(line_start);
    let before = p.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(p + 1).copied();
    let after_byte = after.and_then(gbk_bytes).map(|(pair, _)| pair[0]);
    let lone = lm
        .common_chars()
        .filter(|&c| trail_byte(c).is_some_and(|t| lost_before(t, after_byte)));
    let (guess, posterior) = best(lm, before, after, Prior::ShiftPoint, lone)?;
    let mut candidates = vec![(p, p + 1, vec![guess], false)];
    for first in window_start..p {
        if chars[first].is_ascii() || chars[first] == '\u{FFFD}' {
            continue;
        }
        if let Some((repaired, replaced)) = realign_unmarked(lm, chars, first)
            && first + replaced > p
        {
            candidates.push((first, first + replaced, repaired, true));
        }
    }
    let window_end = candidates
        .iter()
        .map(|c| c.1)
        .max()
        .map_or(p + 1, |e| (e + 1).min(chars.len()));
    let score = |(start, end, repaired, _): &(usize, usize, Vec<char>, bool)| {
        let text: Vec<char> = chars[window_start..*start]
            .iter()
            .chain(repaired.iter())
            .chain(&chars[*end..window_end])
            .copied()
            .collect();
        lm.sum_log_prob(&text) / text.len().max(2).saturating_sub(1) as f64
    };
    // The guess scores the whole-character hypothesis; if that hypothesis wins, the character
    // is written in only when the model is sure of it.
    candidates
        .into_iter()
        .map(|c| (score(&c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
        .filter(|(_, _, _, shifted)| *shifted || is_sure(posterior))
}

/// For each char of `text`, whether its line is binary noise
/// ([`crate::repair::is_binary_noise`]): such lines have anchors everywhere and nothing to
/// re-align. Empty when `text` has no stray control at all, the usual case: then no line is
/// noise.
fn noise_chars(text: &str) -> Vec<bool> {
    if !text.chars().any(crate::repair::is_stray_control) {
        return Vec::new();
    }
    let mut noise = Vec::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let is_noise = crate::repair::is_binary_noise(line.trim_end_matches('\n'));
        noise.extend(std::iter::repeat_n(is_noise, line.chars().count()));
    }
    noise
}

/// Repair the damage around lone lost bytes (see [`repair_unmarked`]).
fn repair_unmarked_all(lm: &CharModel, text: &str, fixes: &mut FixLog) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    // Going backwards, a repair changes only what follows `p`: the flags before it hold.
    let noise = noise_chars(text);
    let mut changed = false;
    let mut p = chars.len();
    while p > 0 {
        p -= 1;
        if noise.get(p) == Some(&true) || !is_lone_lost(&chars, p) {
            continue;
        }
        let Some((start, end, repaired, shifted)) = repair_unmarked(lm, &chars, p) else {
            continue;
        };
        let before: String = chars[start..end].iter().collect();
        let after: String = repaired.iter().collect();
        let kind = if shifted {
            FixKind::GbkByteShift
        } else {
            FixKind::Inferred
        };
        fixes.record(kind, &before, &after);
        chars.splice(start..end, repaired);
        changed = true;
        p = start;
    }
    changed.then(|| chars.into_iter().collect())
}

/// A repair of the run at an anchor: the replacement chars and how many damaged chars
/// (anchor included) they replace.
fn repair_at(lm: &CharModel, chars: &[char], anchor: usize) -> Option<(Vec<char>, usize)> {
    let first = *chars.get(anchor + 1)?;
    // The scraper may have written the first full-width mark of the run in ASCII (`！` → `!`).
    let twin = match first {
        '!' => Some('！'),
        '?' => Some('？'),
        ',' => Some('，'),
        ':' => Some('：'),
        ';' => Some('；'),
        _ => None,
    };
    let before = anchor.checked_sub(1).map(|i| chars[i]);
    let mut best_repair: Option<(f64, Vec<char>, usize)> = None;
    for start in std::iter::once(first).chain(twin) {
        let mut run = Run::new(start, &chars[anchor + 2..]);
        let Some((pieces, replaced)) = run.realign() else {
            continue;
        };
        let after_run = chars.get(anchor + 1 + replaced).copied();
        // Fill lost trail bytes from left to right, then the lost first character.
        let Some(resolved) = resolve_pieces(lm, &pieces, after_run) else {
            continue;
        };
        let next = resolved.first().copied().or(after_run);
        let (lost, sure) = match run.byte(0) {
            Some(Byte::Known(trail)) if trail >= 0x40 => {
                let candidates = (0x81..=0xFE).filter_map(|lead| gbk_pair(lead, trail));
                (
                    best(lm, before, next, Prior::ShiftPoint, candidates)?.0,
                    true,
                )
            }
            // Both bytes of the character are gone (`?�`): its trail byte failed to pair with
            // the byte after it, which narrows the candidates. They are still thousands (with
            // one byte known, a hundred-odd, and the best is kept), so the guess is written
            // in only where the model is sure of it.
            Some(Byte::Lost) => {
                let after_lost = run.byte(1);
                let candidates = lm
                    .common_chars()
                    .filter(|&c| trail_byte(c).is_some_and(|t| lost_before(t, after_lost)));
                let (lost, posterior) = best(lm, before, next, Prior::ShiftPoint, candidates)?;
                (lost, is_sure(posterior))
            }
            _ => continue,
        };
        let mut repaired = vec![lost];
        repaired.extend(resolved);
        if repaired[0] == '。' && is_question(chars, anchor) {
            repaired[0] = '？';
        }
        let damaged = &chars[anchor..anchor + 1 + replaced];
        if !looks_shifted(lm, damaged) {
            continue;
        }
        let gain = mean_with_context(lm, before, &repaired, after_run)
            - mean_with_context(lm, before, damaged, after_run);
        // Judged with the guess in place; written with it only when the model is sure.
        if !sure {
            repaired[0] = '\u{FFFD}';
        }
        if gain >= MIN_GAIN && best_repair.as_ref().is_none_or(|(g, _, _)| gain > *g) {
            best_repair = Some((gain, repaired, 1 + replaced));
        }
    }
    best_repair.map(|(_, repaired, replaced)| (repaired, replaced))
}

/// Evidence that `damaged` (anchor first) is a shifted run and not a stray `?` or U+FFFD in
/// ordinary text: a `?` whose run ends in a lost byte (`?�`, `?巴�`), or a run of at least two
/// characters that reads as garbage.
fn looks_shifted(lm: &CharModel, damaged: &[char]) -> bool {
    let is_lost = |c: &char| matches!(c, '?' | '\u{FFFD}');
    if damaged[0] == '?' && damaged.last().is_some_and(is_lost) && damaged.len() > 1 {
        return true;
    }
    let run: Vec<char> = damaged[1..]
        .iter()
        .copied()
        .filter(|c| !is_lost(c))
        .collect();
    run.len() >= 2 && lm.sum_log_prob(&run) / (run.len() - 1) as f64 <= GARBAGE
}

fn mean_with_context(
    lm: &CharModel,
    before: Option<char>,
    run: &[char],
    after: Option<char>,
) -> f64 {
    let chars: Vec<char> = before
        .into_iter()
        .chain(run.iter().copied())
        .chain(after)
        .collect();
    match chars.len() {
        0 => 0.0,
        1 => lm.log_prob_alone(chars[0]),
        n => lm.sum_log_prob(&chars) / (n - 1) as f64,
    }
}

/// A `?` or U+FFFD standing for a lost lead byte, followed by what may be a shifted run.
fn is_anchor(chars: &[char], i: usize) -> bool {
    // A lost lead byte shown as U+FFFD may have one more lost byte where its run ends; more
    // than that nearby is denser damage than a stream's lost byte (see [`ISOLATED_WITHIN`]).
    let anchor = match chars[i] {
        '?' => true,
        '\u{FFFD}' => lost_around(chars, i) <= 2,
        _ => false,
    };
    anchor
        && chars.get(i + 1).is_some_and(|&c| {
            !c.is_ascii() && !c.is_whitespace() || matches!(c, '!' | '?' | ',' | ':' | ';')
        })
}

/// Re-align GBK runs shifted by a lost byte; `None` when there are none.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !text.contains(['?', '\u{FFFD}']) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let noise = noise_chars(text);
    let lm = model();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if noise.get(i) != Some(&true)
            && is_anchor(&chars, i)
            && let Some((repaired, replaced)) = repair_at(lm, &chars, i)
        {
            // Show the first character back in step too, as context for the reader.
            let context = chars.get(i + replaced).filter(|c| !c.is_whitespace());
            let before: String = chars[i..i + replaced].iter().chain(context).collect();
            let after: String = repaired.iter().chain(context).collect();
            fixes.record(FixKind::GbkByteShift, &before, &after);
            out.extend(&repaired);
            i += replaced;
            changed = true;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    let marked = changed.then_some(out);
    let current = marked.as_deref().unwrap_or(text);
    if current.contains('\u{FFFD}')
        && let Some(unmarked) = repair_unmarked_all(lm, current, fixes)
    {
        return Some(unmarked);
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> String {
        crate::repair::applied(repair, input)
    }

    #[test]
    fn repairs_the_seed_runs() {
        let input = "檢查各類場所2975家,?!斑@點辛苦又算得了什么?!睘榱四茏尷习傩者^個平安年";
        let want = "檢查各類場所2975家,。“這點辛苦又算得了什么？”為了能讓老百姓過個平安年";
        assert_eq!(fixed(input), want);
    }

    #[test]
    fn repairs_a_shift_running_to_the_end_of_the_line() {
        let clean = "城市交通拥堵问题也是百姓最关注的事，本溪市公安局联合中保公司启动了便民服务项目。\n下一行";
        let (bytes, _, _) = GBK.encode(clean);
        let mut bytes = bytes.into_owned();
        // Replace the lead byte of the first `，` with `?`, as a lossy pipeline would.
        let comma = GBK.encode("城市交通拥堵问题也是百姓最关注的事").0.len();
        bytes[comma] = b'?';
        let (damaged, _) = GBK.decode_without_bom_handling(&bytes);
        assert_ne!(damaged, clean);
        assert_eq!(fixed(&damaged), clean);
    }

    #[test]
    fn a_lost_mark_is_restored_where_a_character_would_also_read() {
        // 用途并不得 and 升级军警察 read well to a bigram model; the marks were lost.
        for (damaged, want) in [
            (
                "不得改变土地用途⒉坏闷苹蹬┮底酆侠�用",
                "不得改变土地用途、不得破坏农业综合利用",
            ),
            (
                "村民们的争吵升级?�警察也被围困，主持分地",
                "村民们的争吵升级，警察也被围困，主持分地",
            ),
        ] {
            assert_eq!(fixed(damaged), want);
        }
    }

    #[test]
    fn lost_bytes_every_few_characters_are_not_taken_for_marks() {
        // What is left of UTF-8 read as Big5 once its runs are read back: the lost characters
        // were 化 and 的, not the commas a lone lost GBK byte would favour.
        let input = "全面建设社会主义现代\u{FFFD}国家\u{FFFD}宏伟蓝图";
        assert_eq!(fixed(input), input);
    }

    #[test]
    fn leaves_real_question_marks_alone() {
        for input in [
            "这是为什么?我们不知道。",
            "如何才能提高老百姓的安全感?本溪市各类大走访活动正是解决了问题",
            "What?你说什么",
            "价格?元",
        ] {
            assert_eq!(fixed(input), input);
        }
    }
}
