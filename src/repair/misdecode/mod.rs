//! Mis-decoded runs: text whose bytes were read with the wrong encoding, read again rightly.
//!
//! Each family is a pair of encodings: the *wrong* one the bytes were decoded with (GBK or
//! GB18030, Big5, windows-1252 / Latin-1, windows-1250) and the *right* one they were written
//! in (UTF-8, GBK, Big5). Undoing it means encoding the run with the wrong encoding and decoding
//! the bytes with the right one: `鍙戝竷` → GB18030 `e5 8f 91 e5 b8 83` → UTF-8 `发布`.
//!
//! The repair works on runs, not on whole texts: a line is looked at only when it holds
//! characters typical of mojibake (rare Han characters, Latin-1 letters, C1 controls, U+FFFD,
//! private-use characters), and only the stretches of it that decode strictly in the right
//! encoding, starting and ending on character boundaries of both readings, are candidates.
//! A candidate is kept only when the character model reads it as clearly better Chinese than
//! the damaged run, and the damaged run reads as garbage: clean text is never touched.
//!
//! A byte the wrong decoder rejected is gone (U+FFFD). Such a byte is filled in from context:
//! every value that makes the right decoding valid is tried and the character model chooses
//! (reported as [`FixKind::Inferred`]).
//!
//! ```
//! use zhnews::document::FixLog;
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::misdecode::repair("鏂板崕绀惧寳浜�7鏈�9鏃ョ數", &mut fixes);
//! assert_eq!(out.as_deref(), Some("新华社北京7月9日电"));
//! let out = zhnews::repair::misdecode::repair("ÐÂ»ªÉç±±¾©7ÔÂ9ÈÕµç", &mut fixes);
//! assert_eq!(out.as_deref(), Some("新华社北京7月9日电"));
//! // Clean text, rare characters and Latin text are left alone.
//! assert_eq!(zhnews::repair::misdecode::repair("Müller 在饕餮之夜", &mut fixes), None);
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, WINDOWS_1250, WINDOWS_1252};

use crate::document::{FixKind, FixLog};
use crate::repair::is_sure;
use crate::repair::plausibility::{CharModel, log_sum_exp, model};
use crate::text::is_chinese_punctuation;

mod bytes;

use bytes::*;

/// How much better (mean log-probability per character) a repaired run must read.
const MIN_GAIN: f64 = 2.5;
/// The damaged run must read at least this badly (news reads about −5, mojibake −12 to −16).
const DAMAGED_AT_MOST: f64 = -8.0;
/// The repaired run must read at least this well.
const REPAIRED_AT_LEAST: f64 = -9.0;
/// A character seen fewer times than this in the counts is rare enough to suspect.
const RARE_COUNT: u32 = 3;
/// How far around a suspect character a mis-decoded run is looked for.
const SUSPECT_WINDOW: usize = 64;
/// The fewest non-ASCII characters (lost bytes aside) a damaged run must have to be re-decoded.
const MIN_DAMAGED_CHARS: usize = 2;
/// Runs with fewer non-ASCII characters than this are short: their repair must read as
/// characters seen at least [`COMMON_COUNT`] times.
const SHORT_RUN_CHARS: usize = 4;
/// How often a character must be seen to count as common.
const COMMON_COUNT: u32 = 20;
/// At most this many lost bytes are filled in within one character.
const MAX_LOST_IN_CHAR: usize = 2;

/// One byte recovered from the damaged text: known, or lost (U+FFFD).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Byte {
    Known(u8),
    Lost,
}

/// The encoding the bytes were wrongly decoded with, which we encode back with.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
enum Wrong {
    /// GBK or GB18030 (a GB18030 encoder covers both).
    Gb18030,
    Big5,
    /// windows-1252 as WHATWG decodes it, or ISO-8859-1 (C1 controls as themselves).
    Cp1252,
    Cp1250,
}

/// The encoding the bytes were written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Right {
    Utf8,
    Gbk,
    Big5,
}

/// The families, as (wrong, right) pairs.
const FAMILIES: [(Wrong, Right); 7] = [
    (Wrong::Gb18030, Right::Utf8),
    (Wrong::Big5, Right::Utf8),
    (Wrong::Cp1252, Right::Utf8),
    (Wrong::Cp1252, Right::Gbk),
    (Wrong::Cp1250, Right::Gbk),
    (Wrong::Gb18030, Right::Big5),
    (Wrong::Big5, Right::Gbk),
];

/// A candidate repair: damaged chars `start..end` of the line become `text`.
struct Edit {
    start: usize,
    end: usize,
    text: Vec<char>,
    inferred: Vec<char>,
    gain: f64,
}

/// Mean log-probability of `run` between its neighbours.
fn mean_in_context(lm: &CharModel, before: Option<char>, run: &[char], after: Option<char>) -> f64 {
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

/// How many candidates for a lost byte's character are kept for the best-path search.
const BEAM: usize = 24;

/// A run read back: its characters on the most probable path, and for each unit whose
/// character was inferred (a lost byte filled in), whether the model is sure of it.
struct Resolved {
    chars: Vec<char>,
    /// Per unit: `None` when every byte was known, else `Some(sure)`.
    inferred: Vec<Option<bool>>,
}

impl Resolved {
    /// The text to write: unsure inferred characters stay lost (U+FFFD).
    fn written(&self) -> Vec<char> {
        self.chars
            .iter()
            .zip(&self.inferred)
            .map(|(&c, inferred)| match inferred {
                Some(false) => '\u{FFFD}',
                _ => c,
            })
            .collect()
    }

    /// The characters written in for lost bytes.
    fn written_inferred(&self) -> Vec<char> {
        self.chars
            .iter()
            .zip(&self.inferred)
            .filter(|(_, inferred)| **inferred == Some(true))
            .map(|(&c, _)| c)
            .collect()
    }
}

/// Choose among the candidates of each unit by the most probable path under the model
/// (Viterbi over the character bigrams), between the run's neighbours, and judge each
/// inferred character by its posterior probability (forward-backward over the same lattice).
fn resolve(lm: &CharModel, before: Option<char>, units: &[Unit], after: Option<char>) -> Resolved {
    let columns: Vec<Vec<char>> = units
        .iter()
        .map(|u| {
            if u.chars.len() <= BEAM {
                return u.chars.clone();
            }
            // The BEAM likeliest alone, each scored once (a lost byte pair has thousands).
            // Ties keep candidate order, as a stable sort would.
            let mut scored: Vec<(f64, usize)> = (0..u.chars.len())
                .map(|i| (lm.log_prob_alone(u.chars[i]), i))
                .collect();
            let order =
                |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            scored.select_nth_unstable_by(BEAM - 1, order);
            scored.truncate(BEAM);
            scored.sort_by(order);
            scored.into_iter().map(|(_, i)| u.chars[i]).collect()
        })
        .collect();
    let Some(last) = columns.last() else {
        return Resolved {
            chars: Vec::new(),
            inferred: Vec::new(),
        };
    };
    let first_score = |c: char| before.map_or_else(|| lm.log_prob_alone(c), |b| lm.log_prob(b, c));
    let tail = |c: char| after.map_or(0.0, |a| lm.log_prob(c, a));
    // into[k][j][i]: log P(columns[k + 1][j] | columns[k][i]), computed once for both passes.
    let into: Vec<Vec<Vec<f64>>> = columns
        .windows(2)
        .map(|pair| {
            pair[1]
                .iter()
                .map(|&c| pair[0].iter().map(|&p| lm.log_prob(p, c)).collect())
                .collect()
        })
        .collect();
    // Viterbi: best[k][j], the best path ending in columns[k][j]; back[k][j], its predecessor.
    // Forward: forward[k][j], all paths ending there.
    let mut best: Vec<Vec<f64>> = vec![columns[0].iter().map(|&c| first_score(c)).collect()];
    let mut forward = best.clone();
    let mut back: Vec<Vec<usize>> = vec![vec![0; columns[0].len()]];
    for step in &into {
        let (previous_best, previous_forward) =
            (&best[best.len() - 1], &forward[forward.len() - 1]);
        let (mut col_best, mut col_back, mut col_forward) = (Vec::new(), Vec::new(), Vec::new());
        for from_each in step {
            let (score, from) = from_each
                .iter()
                .zip(previous_best)
                .enumerate()
                .map(|(i, (t, b))| (b + t, i))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap_or((f64::NEG_INFINITY, 0));
            col_best.push(score);
            col_back.push(from);
            col_forward.push(log_sum_exp(
                from_each.iter().zip(previous_forward).map(|(t, f)| f + t),
            ));
        }
        best.push(col_best);
        back.push(col_back);
        forward.push(col_forward);
    }
    // Backward: backward[k][i], all paths from columns[k][i] to the end.
    let mut backward: Vec<Vec<f64>> = vec![Vec::new(); columns.len()];
    backward[columns.len() - 1] = last.iter().map(|&c| tail(c)).collect();
    for k in (0..columns.len() - 1).rev() {
        backward[k] = (0..columns[k].len())
            .map(|i| {
                log_sum_exp((0..columns[k + 1].len()).map(|j| into[k][j][i] + backward[k + 1][j]))
            })
            .collect();
    }
    let total = log_sum_exp(
        (0..last.len()).map(|j| forward[columns.len() - 1][j] + backward[columns.len() - 1][j]),
    );
    let end_score = |j: usize| best[columns.len() - 1][j] + tail(last[j]);
    let mut j = (0..last.len())
        .max_by(|&a, &b| end_score(a).total_cmp(&end_score(b)))
        .unwrap_or(0);
    let mut chars = vec![' '; columns.len()];
    let mut inferred = vec![None; columns.len()];
    for k in (0..columns.len()).rev() {
        chars[k] = columns[k][j];
        if units[k].chars.len() > 1 {
            let posterior = (forward[k][j] + backward[k][j] - total).exp();
            inferred[k] = Some(is_sure(posterior));
        }
        j = back[k][j];
    }
    Resolved { chars, inferred }
}

/// The repairs `family` offers for one line.
fn edits_for(
    lm: &CharModel,
    line: &[char],
    suspects: &[Suspicion],
    family: (Wrong, Right),
) -> Vec<Edit> {
    let wrong = family.0;
    let is_suspect = |i: usize| suspects[i].hints(wrong);
    // Mojibake is dense in suspect characters; clean text has at most a rare name here and
    // there. Look only at windows around the suspects, so a long clean line with one rare
    // character is not encoded whole.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for p in (0..line.len()).filter(|&i| is_suspect(i)) {
        let (a, b) = (
            p.saturating_sub(SUSPECT_WINDOW),
            (p + SUSPECT_WINDOW + 1).min(line.len()),
        );
        match windows.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => windows.push((a, b)),
        }
    }
    let mut edits = Vec::new();
    for (a, b) in windows {
        let encoded: Vec<Option<Encoded>> =
            line[a..b].iter().map(|&c| encode_char(wrong, c)).collect();
        let mut i = 0;
        while i < encoded.len() {
            if encoded[i].is_none() {
                i += 1;
                continue;
            }
            let start = i;
            while i < encoded.len() && encoded[i].is_some() {
                i += 1;
            }
            if (a + start..a + i).any(is_suspect) {
                edits.extend(stretch_edits(
                    lm,
                    line,
                    a + start,
                    &encoded[start..i],
                    family,
                ));
            }
        }
    }
    edits
}

/// The least share of a stretch's high bytes that must sit in UTF-8 three-byte sequences for
/// the stretch to be UTF-8. Chinese in GBK or Big5 falls into that shape by chance far less.
const UTF8_SHAPED_SHARE: f64 = 0.6;

/// Whether `bytes` (lost ones fitting anywhere) are mostly UTF-8 three-byte sequences.
fn is_utf8_shaped(bytes: &[Byte]) -> bool {
    let high = bytes
        .iter()
        .filter(|b| matches!(b, Byte::Lost | Byte::Known(0x80..)))
        .count();
    let (mut in_sequences, mut i) = (0, 0);
    while i < bytes.len() {
        if matches!(bytes[i], Byte::Known(0xE0..=0xEF))
            && is_continuation(bytes.get(i + 1))
            && is_continuation(bytes.get(i + 2))
        {
            in_sequences += 3;
            i += 3;
        } else {
            i += 1;
        }
    }
    high >= 6 && in_sequences as f64 >= UTF8_SHAPED_SHARE * high as f64
}

/// For each byte offset of a stretch's bytes (and the end), the index of the char that starts
/// there, if one does.
struct CharAt(Vec<Option<usize>>);

impl CharAt {
    fn set(&mut self, byte: usize, char_index: usize) {
        if self.0.len() <= byte {
            self.0.resize(byte + 1, None);
        }
        self.0[byte] = Some(char_index);
    }

    fn get(&self, byte: usize) -> Option<usize> {
        self.0.get(byte).copied().flatten()
    }
}

/// The repairs within one stretch of encodable chars starting at char `offset` of the line.
fn stretch_edits(
    lm: &CharModel,
    line: &[char],
    offset: usize,
    encoded: &[Option<Encoded>],
    (wrong, right): (Wrong, Right),
) -> Vec<Edit> {
    let mut bytes = Vec::new();
    // char_at[b] = index (in the stretch) of the char starting at byte b, if one does.
    let mut char_at = CharAt(Vec::new());
    for (k, e) in encoded.iter().enumerate() {
        char_at.set(bytes.len(), k);
        bytes.extend(e.iter().flat_map(|e| e.as_slice()).copied());
    }
    char_at.set(bytes.len(), encoded.len());
    // Bytes shaped like UTF-8 were UTF-8, however well another reading scores: GBK read out
    // of UTF-8 bytes is itself mojibake (姣ｅ勾 for 每年), which the model cannot always tell
    // from Chinese when lost bytes cut the run short.
    if right != Right::Utf8 && is_utf8_shaped(&bytes) {
        return Vec::new();
    }
    let mut units = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let (len, chars) = decode_at(lm, (wrong, right), &bytes, pos);
        units.push(Unit {
            start: pos,
            end: pos + len,
            chars,
        });
        pos += len;
    }
    // Atoms: runs of units between byte positions that are boundaries of both readings.
    let mut edits = Vec::new();
    let mut segment: Vec<usize> = Vec::new(); // unit indices of the current good run
    let mut atom_first = 0;
    let mut atom_ok = true;
    for k in 0..units.len() {
        // ASCII whitespace separates runs: a table cell or a word may be damaged alone.
        if units[k].chars.len() == 1 && units[k].chars[0].is_ascii_whitespace() && atom_first == k {
            edits.extend(segment_edit(
                lm, wrong, line, offset, &char_at, &units, &segment,
            ));
            segment.clear();
            atom_first = k + 1;
            continue;
        }
        atom_ok &= !units[k].chars.is_empty();
        if char_at.get(units[k].end).is_none() {
            continue;
        }
        if atom_ok {
            segment.extend(atom_first..=k);
        } else {
            edits.extend(segment_edit(
                lm, wrong, line, offset, &char_at, &units, &segment,
            ));
            segment.clear();
        }
        atom_first = k + 1;
        atom_ok = true;
    }
    edits.extend(segment_edit(
        lm, wrong, line, offset, &char_at, &units, &segment,
    ));
    edits
}

/// The edit a run of well-decoded units makes, if the model prefers it clearly.
fn segment_edit(
    lm: &CharModel,
    wrong: Wrong,
    line: &[char],
    offset: usize,
    char_at: &CharAt,
    units: &[Unit],
    segment: &[usize],
) -> Option<Edit> {
    let unit_run = &units[*segment.first()?..=*segment.last()?];
    // Trim units that decode to what the damaged text already says (ASCII) at both ends.
    let same = |u: &Unit| u.chars.len() == 1 && u.end - u.start == 1 && u.chars[0].is_ascii();
    let lead = unit_run.iter().take_while(|u| same(u)).count();
    let trail = unit_run[lead..]
        .iter()
        .rev()
        .take_while(|u| same(u))
        .count();
    let unit_run = &unit_run[lead..unit_run.len() - trail];
    let first = unit_run.first()?;
    let last = unit_run.last()?;
    let start = offset + char_at.get(first.start)?;
    let end = offset + char_at.get(last.end)?;
    // Whitespace is no context: the model has no counts for it.
    let before = start
        .checked_sub(1)
        .map(|p| line[p])
        .filter(|c| !c.is_whitespace());
    let after = line.get(end).copied().filter(|c| !c.is_whitespace());
    let damaged = &line[start..end];
    // The checks on the damaged text alone come first: they turn down most runs that clean
    // text offers (a rare name's neighbours), before the costlier read-back.
    // One character alone is too little evidence: a rare real character can read as another.
    // In GBK, nor is one with a lost byte (U+FFFD): `琛�` at the end of a GBK stream that
    // lost a byte is that shift's tail, not UTF-8 for 行. (UTF-8 read as Big5 loses most of
    // its bytes: there, two-character runs with a lost byte are the rule.)
    let non_ascii = damaged.iter().filter(|c| !c.is_ascii()).count();
    let lost = damaged.iter().filter(|&&c| c == '\u{FFFD}').count();
    if non_ascii < MIN_DAMAGED_CHARS
        || (wrong == Wrong::Gb18030 && non_ascii == MIN_DAMAGED_CHARS && lost > 0)
    {
        return None;
    }
    // Nor is a run of ordinary characters with no sign of this misreading in it, however odd
    // it reads (億啟 in "23.4 億啟「…」" is not UTF-8 read as anything). Lost bytes are no
    // such sign on their own: `����步` is what an earlier repair left unsure, around a 步 it
    // got right.
    if !damaged
        .iter()
        .any(|&c| c != '\u{FFFD}' && is_suspect(lm, wrong, c))
    {
        return None;
    }
    // Text that already reads well is not damaged, whatever it would read as.
    let old = mean_in_context(lm, before, damaged, after);
    if old > DAMAGED_AT_MOST {
        return None;
    }
    // Judged with every lost character guessed: the run as a whole must read better.
    let resolved = resolve(lm, before, unit_run, after);
    let text = resolved.chars.as_slice();
    if text == damaged {
        return None;
    }
    // A short run must come out as characters the model knows well (not 彳青 from 蒐獵).
    let short = non_ascii < SHORT_RUN_CHARS;
    if short
        && text
            .iter()
            .any(|&c| !c.is_ascii() && lm.count(c) < COMMON_COUNT)
    {
        return None;
    }
    let new = mean_in_context(lm, before, text, after);
    let gain = new - old;
    let written = resolved.written();
    if written == damaged {
        return None;
    }
    (gain >= MIN_GAIN && new >= REPAIRED_AT_LEAST).then(|| Edit {
        start,
        end,
        text: written,
        inferred: resolved.written_inferred(),
        gain,
    })
}

/// A family: the encoding the bytes were wrongly decoded with, and the one they were written in.
type Family = (Wrong, Right);

/// A run with at least this many damaged characters (non-ASCII) is evidence on its own that
/// its double-byte family (read as GBK or Big5) damaged the document. A shorter run is
/// repaired only where the family is established: a rare pair in clean text (`砒霜` read as
/// Big5 bytes gives `响流`) is no evidence of damage.
const SELF_EVIDENT_CHARS: usize = 6;
/// A line whose damaged characters the family's runs explain at least this share of
/// establishes the family: a title or a field label damaged whole.
const BLOCK_SHARE: f64 = 0.6;

/// The characters that can be damaged: non-ASCII, not whitespace.
fn damageable(chars: &[char]) -> usize {
    chars
        .iter()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())
        .count()
}

/// Whether `edits` of one family on `line` show that the family damaged the document: one
/// long run, or runs that explain most of the line ([`SELF_EVIDENT_CHARS`], [`BLOCK_SHARE`]).
fn establishes(line: &[char], edits: &[Edit]) -> bool {
    let (mut total, mut longest) = (0, 0);
    for edit in edits {
        let explained = damageable(&line[edit.start..edit.end]);
        total += explained;
        longest = longest.max(explained);
    }
    longest >= SELF_EVIDENT_CHARS || total as f64 >= BLOCK_SHARE * damageable(line) as f64
}

/// What one look at a line did.
struct LineRepair {
    /// The repaired line, if anything changed.
    text: Option<String>,
    /// Whether a family not (yet) established in the document offered repairs that were
    /// held back: the line is looked at again once the whole document has been seen.
    held_back: bool,
}

/// Repair one line with the families `established` in the document, adding any family this
/// line itself establishes ([`establishes`]).
fn repair_line(
    lm: &CharModel,
    line: &str,
    established: &mut Vec<Family>,
    fixes: &mut FixLog,
) -> LineRepair {
    let mut result = LineRepair {
        text: None,
        held_back: false,
    };
    let chars: Vec<char> = line.chars().collect();
    let weight =
        |edits: &[Edit]| -> f64 { edits.iter().map(|e| e.gain * e.text.len() as f64).sum() };
    let suspects: Vec<Suspicion> = chars.iter().map(|&c| Suspicion::of(lm, c)).collect();
    if !suspects
        .iter()
        .any(|s| s.double_byte || s.cp1252 || s.cp1250)
    {
        return result;
    }
    let mut best: Option<Vec<Edit>> = None;
    for family in FAMILIES {
        let edits = edits_for(lm, &chars, &suspects, family);
        if edits.is_empty() {
            continue;
        }
        // Latin-1 letters in a run are no Chinese a reader wrote; Han characters that re-read
        // as other Han characters may be.
        let needs_evidence = matches!(family.0, Wrong::Gb18030 | Wrong::Big5);
        if needs_evidence && !established.contains(&family) {
            if !establishes(&chars, &edits) {
                result.held_back = true;
                continue;
            }
            established.push(family);
        }
        if best.as_ref().is_none_or(|b| weight(&edits) > weight(b)) {
            best = Some(edits);
        }
    }
    let Some(edits) = best else {
        return result;
    };
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    for edit in &edits {
        out.extend(&chars[i..edit.start]);
        let before: String = chars[edit.start..edit.end].iter().collect();
        let after: String = edit.text.iter().collect();
        fixes.record(FixKind::Misdecoded, &before, &after);
        for c in &edit.inferred {
            fixes.record(FixKind::Inferred, "\u{FFFD}", &c.to_string());
        }
        out.push_str(&after);
        i = edit.end;
    }
    out.extend(&chars[i..]);
    result.text = Some(out);
    result
}

/// Whether anything in `text` could be mojibake at all: a cheap screen before any encoding.
fn worth_a_look(text: &str) -> bool {
    !text.is_ascii()
}

/// How many times a line is looked at again. Each look repairs the runs of one family, and a
/// repair can make the run beside it readable (`¼¸°Ù»§õ¸®´åã€‚` takes four), so a line is
/// repaired until nothing changes; the bound only guards against a repair that undoes another.
const MAX_LINE_PASSES: usize = 16;

/// Repair `line` until nothing changes ([`MAX_LINE_PASSES`]); whether any look held back a
/// repair of a family not established.
fn repair_until_stable(
    lm: &CharModel,
    line: &mut String,
    established: &mut Vec<Family>,
    fixes: &mut FixLog,
) -> (bool, bool) {
    let (mut changed, mut held_back) = (false, false);
    for _ in 0..MAX_LINE_PASSES {
        let look = repair_line(lm, line, established, fixes);
        held_back |= look.held_back;
        match look.text {
            Some(next) => {
                *line = next;
                changed = true;
            }
            None => break,
        }
    }
    (changed, held_back)
}

/// Re-decode mis-decoded runs; `None` when there are none.
///
/// Decided per document, applied per run: a family is established by a long run or a line it
/// explains nearly whole ([`establishes`]), anywhere in the text; then every run it explains
/// is repaired, down to a two-character name. Lines that offered short runs of a family not
/// yet established are looked at again once the whole text has been seen.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !worth_a_look(text) {
        return None;
    }
    let lm = model();
    let mut established: Vec<Family> = Vec::new();
    let mut lines: Vec<(String, &str)> = Vec::new();
    let mut held_back: Vec<usize> = Vec::new();
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let mut body = body.to_string();
        if !crate::repair::is_binary_noise(&body) {
            let (line_changed, line_held_back) =
                repair_until_stable(lm, &mut body, &mut established, fixes);
            changed |= line_changed;
            if line_held_back {
                held_back.push(lines.len());
            }
        }
        lines.push((body, end));
    }
    if !established.is_empty() {
        for &k in &held_back {
            // Each held-back line is judged by what the whole text established, not by what
            // another held-back line adds.
            let mut families = established.clone();
            changed |= repair_until_stable(lm, &mut lines[k].0, &mut families, fixes).0;
        }
    }
    changed.then(|| {
        lines
            .iter()
            .flat_map(|(body, end)| [body.as_str(), end])
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> String {
        crate::repair::applied(repair, input)
    }

    #[test]
    fn memoised_encodings_are_the_encoders() {
        for wrong in [Wrong::Gb18030, Wrong::Big5, Wrong::Cp1252, Wrong::Cp1250] {
            for c in "a\u{FFFD}€é™中國鍙戝竷ｅ勾𠀀\u{E000}".chars() {
                let want = encode_char_uncached(wrong, c);
                let bytes_of = |e: Option<Encoded>| e.map(|e| e.as_slice().to_vec());
                // Twice: the first call fills the memo, the second reads it.
                assert_eq!(
                    bytes_of(encode_char(wrong, c)),
                    bytes_of(want),
                    "{wrong:?} {c}"
                );
                assert_eq!(
                    bytes_of(encode_char(wrong, c)),
                    bytes_of(want),
                    "{wrong:?} {c}"
                );
            }
        }
    }

    #[test]
    fn repairs_each_family() {
        for (input, want) in [
            ("鍙戝竷", "发布"),
            ("æ–°å\u{8d}Žç¤¾", "新华社"),
            ("±±¾©ÊÐ", "北京市"),
        ] {
            assert_eq!(fixed(input), want, "{input}");
        }
    }

    #[test]
    fn repairs_runs_of_mixed_families_in_one_call() {
        // Found by fuzzing: GBK and UTF-8 read as windows-1252 side by side, each repair
        // making the next run readable; one call used to repair one family, so `clean` (three
        // rounds) left 几百户 for a second `clean` to repair.
        let input = "¼¸°Ù»§õ¸®´åã\u{20ac}\u{201a}";
        assert_eq!(fixed(input), "几百户õ府村。");
        assert_eq!(fixed(&fixed(input)), fixed(input));
    }

    #[test]
    fn leaves_clean_text_alone() {
        for input in [
            "新华社北京7月9日电",
            "Floyd–Steinberg dithering, café, naïve, Müller",
            "饕餮 魑魅魍魉",
            "© 2024 · ½ km²",
            "https://example.com/a?b=1",
            "😀 ＡＢＣ１２３",
        ] {
            assert_eq!(fixed(input), input);
        }
    }

    #[test]
    fn leaves_rare_pairs_in_clean_short_lines_alone() {
        // Each pair re-reads as common characters (Big5 bytes read as GBK: 砒霜 → 响流,
        // 嘟嘟 → 故故), but nothing else in the text is damaged: no family explains it.
        for input in ["老母鸡赛砒霜", "嘟嘟美甲店", "老母鸡赛砒霜\n嘟嘟美甲店"]
        {
            assert_eq!(fixed(input), input);
        }
    }

    #[test]
    fn a_line_damaged_whole_establishes_its_family() {
        // Short, but the family explains all of it: a title or a field label.
        assert_eq!(fixed("鍙戝竷"), "发布");
        assert_eq!(
            fixed("老母鸡赛砒霜\n鍙戝竷鏃ユ湡"),
            "老母鸡赛砒霜\n发布日期"
        );
    }

    #[test]
    fn leaves_lost_bytes_around_good_characters_alone() {
        // What a first pass over UTF-8 read as Big5 leaves where it was unsure: U+FFFD around
        // characters it read right. Nothing in it hints at another misreading (步 and 家 were
        // re-read as ˙ and 產).
        for input in [
            "难度大\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}步，",
            "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}家巷里",
        ] {
            assert_eq!(fixed(input), input);
        }
    }
}
