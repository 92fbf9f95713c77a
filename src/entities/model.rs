//! The learned part of entity recognition: a character-level tagger for people, places and
//! organisations.
//!
//! A structured averaged perceptron (Collins 2002) labels every char with a BIOES tag
//! (`B-`, `I-`, `E-`, `S-` × PER / LOC / ORG, or `O`); Viterbi decoding over tag transitions,
//! with BIOES well-formedness as a hard constraint, picks the best sequence. Features are hashed
//! char n-grams in a ±2 window (unigrams, bigrams, trigrams), char classes (Hanzi, Chinese
//! numeral, digit, Latin, punctuation, space), and word-level evidence: each char's lexicon
//! code ([`lexicon_codes`](crate::entities::lexicon::lexicon_codes): the segmenter's part of
//! speech for the token covering it, and the char's place in it), so the tagger sees the
//! segmenter's dictionaries. Chars are width-folded first (full-width `１Ａ，` read as `1A,`),
//! so full- and half-width text get the same features.
//!
//! The invariant: every [`Mention`] span is a non-empty char range of the text given to
//! [`NerModel::tag`], and mentions come in text order without overlap.
//!
//! The shipped model (`dicts/ner.model`, trained by `src/bin/train-ner.rs`, described in
//! `dicts/ner.model.md`) is embedded and parsed by [`NerModel::embedded`].
//!
//! ```
//! use zhnews::document::char_slice;
//! use zhnews::entities::model::{EntityKind, NerModel};
//!
//! let text = "国务院总理李鹏今天在北京会见了美国客人。";
//! let mentions = NerModel::embedded().tag(text);
//! let found: Vec<(&str, EntityKind)> =
//!     mentions.iter().map(|m| (char_slice(text, m.span), m.kind)).collect();
//! assert!(found.contains(&("李鹏", EntityKind::Person)));
//! assert!(found.contains(&("北京", EntityKind::Location)));
//! ```

use std::fmt;

use crate::document::Span;
use crate::text::fold_width;

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person's name (PER): 李鹏, 克林顿.
    Person,
    /// A place (LOC): 北京, 中国, and single-char country abbreviations such as 中, 美.
    Location,
    /// An organisation (ORG): 国务院, 新华社, 中国队.
    Organization,
}

impl EntityKind {
    /// All kinds, in tag order.
    pub const ALL: [EntityKind; 3] = [
        EntityKind::Person,
        EntityKind::Location,
        EntityKind::Organization,
    ];

    /// The corpus label: `PER`, `LOC` or `ORG`.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Location => "LOC",
            EntityKind::Organization => "ORG",
        }
    }

    /// Parse a corpus label: `PER`/`nr`, `LOC`/`ns`, `ORG`/`nt`.
    pub fn from_label(label: &str) -> Option<Self> {
        match label {
            "PER" | "nr" => Some(EntityKind::Person),
            "LOC" | "ns" => Some(EntityKind::Location),
            "ORG" | "nt" => Some(EntityKind::Organization),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            EntityKind::Person => 0,
            EntityKind::Location => 1,
            EntityKind::Organization => 2,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One entity the tagger found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Where it is, in chars of the tagged text.
    pub span: Span,
    /// What it is.
    pub kind: EntityKind,
    /// Confidence in `(0, 1]`: the mean, over the span's chars, of the local softmax probability
    /// of the chosen tag (emission + transition scores). Ranks mentions; not calibrated.
    pub score: f32,
}

// ---------------------------------------------------------------------------------------------
// Tags

/// Number of BIOES tags: `O` plus B/I/E/S for each of the three kinds.
pub const NUM_TAGS: usize = 13;
/// Index of the start state in the transition table (a row, never a column).
pub(crate) const START: usize = NUM_TAGS;

/// The position of a char inside an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Inside,
    End,
    Single,
}

/// Tag id: `0` is `O`; `1 + 4·kind + part` otherwise.
fn tag_id(kind: EntityKind, part: Part) -> u8 {
    let part = match part {
        Part::Begin => 0,
        Part::Inside => 1,
        Part::End => 2,
        Part::Single => 3,
    };
    (1 + 4 * kind.index() + part) as u8
}

fn tag_parts(tag: u8) -> Option<(EntityKind, Part)> {
    if tag == 0 || tag as usize >= NUM_TAGS {
        return None;
    }
    let t = tag as usize - 1;
    let part = [Part::Begin, Part::Inside, Part::End, Part::Single][t % 4];
    Some((EntityKind::ALL[t / 4], part))
}

/// May `cur` follow `prev` (`START` for the first char) in a well-formed BIOES sequence?
fn allowed(prev: usize, cur: usize) -> bool {
    let open =
        |t: usize| tag_parts(t as u8).filter(|(_, p)| matches!(p, Part::Begin | Part::Inside));
    match (open(prev), tag_parts(cur as u8)) {
        (Some((k, _)), Some((kc, Part::Inside | Part::End))) => k == kc,
        (Some(_), _) => false,
        (None, Some((_, Part::Inside | Part::End))) => false,
        (None, _) => true,
    }
}

/// May a sequence end on `tag`?
fn may_end(tag: usize) -> bool {
    !matches!(tag_parts(tag as u8), Some((_, Part::Begin | Part::Inside)))
}

/// BIOES tags for `spans` (char ranges with a kind) over `len` chars; later spans that overlap
/// an earlier one are dropped.
pub fn encode_spans(len: usize, spans: &[(Span, EntityKind)]) -> Vec<u8> {
    let mut tags = vec![0u8; len];
    for &(span, kind) in spans {
        if span.is_empty() || span.end > len || tags[span.start..span.end].iter().any(|&t| t != 0) {
            continue;
        }
        if span.len() == 1 {
            tags[span.start] = tag_id(kind, Part::Single);
            continue;
        }
        tags[span.start] = tag_id(kind, Part::Begin);
        for t in &mut tags[span.start + 1..span.end - 1] {
            *t = tag_id(kind, Part::Inside);
        }
        tags[span.end - 1] = tag_id(kind, Part::End);
    }
    tags
}

/// Entity spans in a BIO label sequence (`B-PER`, `I-LOC`, `O`; also `B_nr`/`M_nr`/`E_nr`, read
/// as B/I/I). An `I-` that does not continue an entity of its kind starts one; an unknown label
/// reads as `O`.
pub fn spans_from_bio<S: AsRef<str>>(labels: &[S]) -> Vec<(Span, EntityKind)> {
    let mut spans: Vec<(Span, EntityKind)> = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, label) in labels.iter().enumerate() {
        let label = label.as_ref();
        let parsed = label
            .split_once(['-', '_'])
            .and_then(|(part, kind)| Some((part, EntityKind::from_label(kind)?)));
        let next = match parsed {
            Some(("I" | "M" | "E", kind)) if open.is_some_and(|(_, k)| k == kind) => continue,
            Some(("B" | "I" | "M" | "E" | "S", kind)) => Some((i, kind)),
            _ => None,
        };
        if let Some((start, kind)) = open {
            spans.push((Span::new(start, i), kind));
        }
        open = next;
    }
    if let Some((start, kind)) = open {
        spans.push((Span::new(start, labels.len()), kind));
    }
    spans
}

/// Entity spans in a BIOES tag-id sequence (as the decoder makes them: well-formed).
fn spans_from_tags(tags: &[u8]) -> Vec<(Span, EntityKind)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &tag) in tags.iter().enumerate() {
        match tag_parts(tag) {
            Some((_, Part::Begin)) => start = i,
            Some((kind, Part::End)) => spans.push((Span::new(start, i + 1), kind)),
            Some((kind, Part::Single)) => spans.push((Span::new(i, i + 1), kind)),
            _ => {}
        }
    }
    spans
}

// ---------------------------------------------------------------------------------------------
// Features

/// Number of feature templates: every char gets exactly this many feature keys.
pub const NUM_TEMPLATES: usize = 16;

/// Code for the padding before the first char and after the last.
const BOS: u32 = 0x11_0001;
const EOS: u32 = 0x11_0002;

/// Char class of the padding codes.
const PADDING_CLASS: u32 = 7;

/// Char class of a (folded) char, for the class features.
fn class(ch: char) -> u32 {
    match ch {
        '0'..='9' => 1,
        '零' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        | '百' | '千' | '万' | '亿' | '两' => 2,
        'a'..='z' | 'A'..='Z' => 3,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}' => 0,
        c if c.is_whitespace() => 5,
        c if c.is_alphanumeric() => 6,
        _ => 4,
    }
}

/// murmur3's 64-bit finaliser: a bijective mix.
#[inline(always)]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Key of template `t` over up to three 21-bit codes.
#[inline(always)]
fn key(t: u64, a: u32, b: u32, c: u32) -> u64 {
    let packed = a as u64 | (b as u64) << 21 | (c as u64) << 42;
    mix(packed ^ (t + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Reusable buffers for one sentence: padded codes, classes and lexicon codes (no allocation
/// per char).
#[derive(Default)]
struct Padded {
    codes: Vec<u32>,
    classes: Vec<u32>,
    lexicon: Vec<u32>,
}

impl Padded {
    /// Load `chars` (already folded) and their lexicon codes (none when `lexicon` is shorter),
    /// with two padding codes either side.
    fn load(&mut self, chars: impl Iterator<Item = char>, lexicon: &[u32]) {
        self.codes.clear();
        self.classes.clear();
        self.lexicon.clear();
        self.codes.extend([BOS, BOS]);
        self.classes.extend([PADDING_CLASS; 2]);
        self.lexicon.extend([0, 0]);
        for (i, c) in chars.enumerate() {
            self.codes.push(c as u32);
            self.classes.push(class(c));
            self.lexicon.push(lexicon.get(i).copied().unwrap_or(0));
        }
        self.codes.extend([EOS, EOS]);
        self.classes.extend([PADDING_CLASS; 2]);
        self.lexicon.extend([0, 0]);
    }

    fn len(&self) -> usize {
        self.codes.len() - 4
    }

    /// The feature keys of char `i` (0-based, unpadded).
    #[inline(always)]
    fn features(&self, i: usize, out: &mut [u64; NUM_TEMPLATES]) {
        let j = i + 2;
        let c = &self.codes[j - 2..j + 3];
        let k = &self.classes[j - 2..j + 3];
        let l = &self.lexicon[j - 2..j + 3];
        *out = [
            key(0, 0, 0, 0),
            key(1, c[2], 0, 0),
            key(2, c[1], 0, 0),
            key(3, c[3], 0, 0),
            key(4, c[0], 0, 0),
            key(5, c[4], 0, 0),
            key(6, c[1], c[2], 0),
            key(7, c[2], c[3], 0),
            key(8, c[0], c[1], 0),
            key(9, c[3], c[4], 0),
            key(10, l[2], c[2], 0),
            key(11, c[0], c[1], c[2]),
            key(12, c[1], c[2], c[3]),
            key(13, c[2], c[3], c[4]),
            key(14, k[1], k[2], k[3]),
            key(15, l[1], l[2], l[3]),
        ];
    }
}

/// The feature keys of every char of `sentence` (chars width-folded first) with its lexicon
/// codes ([`crate::entities::lexicon::lexicon_codes`], or none), `NUM_TEMPLATES` keys per char,
/// in order. The trainer and the tests use it; the tagger computes them in place.
pub fn sentence_features(sentence: &str, lexicon: &[u32]) -> Vec<u64> {
    let mut padded = Padded::default();
    padded.load(sentence.chars().map(fold_width), lexicon);
    let mut keys = Vec::with_capacity(padded.len() * NUM_TEMPLATES);
    let mut buf = [0u64; NUM_TEMPLATES];
    for i in 0..padded.len() {
        padded.features(i, &mut buf);
        keys.extend_from_slice(&buf);
    }
    keys
}

// ---------------------------------------------------------------------------------------------
// Decoding

pub(crate) type Scores = [i32; NUM_TAGS];

/// Lanes of a Viterbi step: `NUM_TAGS` used, padded to two AVX2 registers of `i32`.
const LANES: usize = 16;
type Lanes = [i32; LANES];
/// Transition scores by `[prev][cur]`, disallowed ones (and padding) at [`NEG`].
type Masked = [Lanes; NUM_TAGS + 1];
/// A score no path survives.
const NEG: i32 = -(1 << 29);

/// One Viterbi step over every (prev, cur) pair: for each `cur`, the best `score[prev] +
/// masked[prev][cur]` and the first `prev` (in tag order) that reaches it.
#[inline(always)]
fn step_portable(score: &Lanes, masked: &Masked) -> (Lanes, Lanes) {
    let mut next = [i32::MIN; LANES];
    let mut bp = [0i32; LANES];
    for (prev, row) in masked.iter().enumerate().take(NUM_TAGS) {
        let s = score[prev];
        for cur in 0..LANES {
            let v = s + row[cur];
            let better = v > next[cur];
            next[cur] = if better { v } else { next[cur] };
            bp[cur] = if better { prev as i32 } else { bp[cur] };
        }
    }
    (next, bp)
}

/// [`step_portable`] in AVX2, two registers of eight lanes: the compiler vectorised that loop
/// at most four lanes wide, and the step was half of the tagger's instructions.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn step_avx2(score: &Lanes, masked: &Masked) -> (Lanes, Lanes) {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi32, _mm256_blendv_epi8, _mm256_cmpgt_epi32, _mm256_loadu_si256,
        _mm256_set1_epi32, _mm256_setzero_si256, _mm256_storeu_si256,
    };
    let halves = |lanes: &Lanes| -> [__m256i; 2] {
        // SAFETY: `lanes` holds 16 i32s, so both 8-lane (unaligned) loads are in bounds.
        unsafe {
            [
                _mm256_loadu_si256(lanes.as_ptr().cast()),
                _mm256_loadu_si256(lanes.as_ptr().add(8).cast()),
            ]
        }
    };
    let mut next = [_mm256_set1_epi32(i32::MIN); 2];
    let mut bp = [_mm256_setzero_si256(); 2];
    for (prev, row) in masked.iter().enumerate().take(NUM_TAGS) {
        let s = _mm256_set1_epi32(score[prev]);
        let p = _mm256_set1_epi32(prev as i32);
        for (h, r) in halves(row).into_iter().enumerate() {
            let v = _mm256_add_epi32(s, r);
            let better = _mm256_cmpgt_epi32(v, next[h]);
            next[h] = _mm256_blendv_epi8(next[h], v, better);
            bp[h] = _mm256_blendv_epi8(bp[h], p, better);
        }
    }
    let (mut next_out, mut bp_out) = ([0i32; LANES], [0i32; LANES]);
    for h in 0..2 {
        // SAFETY: both arrays hold 16 i32s: lanes 8h..8h+8 are in bounds.
        unsafe {
            _mm256_storeu_si256(next_out.as_mut_ptr().add(8 * h).cast(), next[h]);
            _mm256_storeu_si256(bp_out.as_mut_ptr().add(8 * h).cast(), bp[h]);
        }
    }
    (next_out, bp_out)
}

/// Best well-formed tag sequence for `emissions` under `trans` (row `START` = first char);
/// writes the tags to `out`. `back` is scratch space. Training decodes with it.
#[cfg(feature = "train")]
pub(crate) fn viterbi(
    emissions: &[Scores],
    trans: &[[i32; NUM_TAGS]; NUM_TAGS + 1],
    back: &mut Vec<[u8; NUM_TAGS]>,
    out: &mut Vec<u8>,
) {
    viterbi_with(emissions, trans, back, out, step_portable)
}

/// [`viterbi`] with the step given (each instruction set has its own).
#[inline(always)]
fn viterbi_with(
    emissions: &[Scores],
    trans: &[[i32; NUM_TAGS]; NUM_TAGS + 1],
    back: &mut Vec<[u8; NUM_TAGS]>,
    out: &mut Vec<u8>,
    step: impl Fn(&Lanes, &Masked) -> (Lanes, Lanes),
) {
    // Disallowed transitions get a score no path survives; lanes past NUM_TAGS are padding.
    // i32 with the best score subtracted at every step: a step adds at most
    // NUM_TEMPLATES · 2^15 + 2^31/16, so nothing overflows.
    let mut masked: Masked = [[NEG; LANES]; NUM_TAGS + 1];
    for (prev, row) in masked.iter_mut().enumerate() {
        for (cur, v) in row.iter_mut().enumerate().take(NUM_TAGS) {
            if allowed(prev, cur) {
                *v = trans[prev][cur].clamp(-(1 << 26), 1 << 26);
            }
        }
    }
    out.clear();
    back.clear();
    let Some(first) = emissions.first() else {
        return;
    };
    let mut score = [NEG; LANES];
    for t in 0..NUM_TAGS {
        score[t] = masked[START][t].saturating_add(first[t]);
    }
    back.push([0; NUM_TAGS]);
    for em in &emissions[1..] {
        let (mut next, bp) = step(&score, &masked);
        let mut top = NEG;
        for cur in 0..NUM_TAGS {
            next[cur] += em[cur];
            top = top.max(next[cur]);
        }
        for (sc, &n) in score.iter_mut().zip(&next).take(NUM_TAGS) {
            *sc = (n - top).max(NEG);
        }
        let mut tags = [0u8; NUM_TAGS];
        for (tag, &b) in tags.iter_mut().zip(&bp) {
            *tag = b as u8;
        }
        back.push(tags);
    }
    let mut best = 0;
    for t in 0..NUM_TAGS {
        if may_end(t) && score[t] > score[best] {
            best = t;
        }
    }
    out.resize(emissions.len(), 0);
    for i in (0..emissions.len()).rev() {
        out[i] = best as u8;
        best = back[i][best] as usize;
    }
}

// ---------------------------------------------------------------------------------------------
// The model

/// Weights a row holds: `NUM_TAGS` used, padded to 16 so that a row is 32 bytes and never
/// straddles a cache line.
pub(crate) const ROW: usize = 16;

/// A trained tagger: quantised weights in a dense table of hashed feature buckets, and
/// transitions.
///
/// A feature key goes to bucket `key >> (64 - bits)`; features that share a bucket share its
/// weights (the hashing trick: training saw the same collisions). One lookup per feature, no
/// probing, no branch.
pub struct NerModel {
    /// log2 of the number of buckets.
    pub(crate) bits: u32,
    /// `ROW` weights a bucket, `2^bits` buckets.
    pub(crate) weights: Vec<i16>,
    /// Transition weights, same units as `weights`; row `START` for the first char.
    pub(crate) trans: [[i32; NUM_TAGS]; NUM_TAGS + 1],
    /// Real value of one weight unit.
    pub(crate) scale: f32,
}

/// Why model bytes did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 8] = b"ZHNER\x00\x04\x00";

/// Default log2 of the bucket count: 2^20 buckets × 32 bytes = 32 MiB in memory.
pub const DEFAULT_BITS: u32 = 20;

/// log2 of the buckets of the small table, which holds the templates with few distinct keys
/// (bias, unigrams, char classes): their rows stay together in cache instead of being spread
/// over the big table's pages.
const SMALL_BITS: u32 = 16;

/// Templates that go to the small table.
const SMALL: [bool; NUM_TEMPLATES] = {
    let mut small = [false; NUM_TEMPLATES];
    let mut t = 0;
    while t < NUM_TEMPLATES {
        small[t] = t <= 5 || t >= 14;
        t += 1;
    }
    small
};

/// Rows in a model with a big table of `2^bits` buckets (the small table follows it).
pub(crate) fn num_rows(bits: u32) -> usize {
    (1 << bits) + (1 << SMALL_BITS)
}

/// Row of feature key `key` of template `template`.
#[inline(always)]
pub(crate) fn bucket(template: usize, key: u64, bits: u32) -> usize {
    if SMALL[template] {
        (1 << bits) + (key >> (64 - SMALL_BITS)) as usize
    } else {
        (key >> (64 - bits)) as usize
    }
}

impl NerModel {
    /// A model that finds nothing.
    pub fn empty() -> Self {
        NerModel {
            bits: 4,
            weights: vec![0; ROW * num_rows(4)],
            trans: [[0; NUM_TAGS]; NUM_TAGS + 1],
            scale: 1.0,
        }
    }

    /// Number of buckets with a non-zero weight.
    pub fn num_features(&self) -> usize {
        self.weights
            .chunks_exact(ROW)
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    /// Lower the score of `O` at every char by `amount` (in weight units of the averaged
    /// perceptron): more, longer mentions; recall up, precision down. Folded into the bias
    /// feature's weights, so it is saved with the model.
    pub fn penalize_outside(&mut self, amount: f32) {
        let b = bucket(0, key(0, 0, 0, 0), self.bits) * ROW;
        if let Some(w) = self.weights.get_mut(b) {
            let delta = (amount / self.scale).round() as i32;
            *w = (*w as i32 - delta).clamp(i16::MIN as i32, i16::MAX as i32) as i16;
        }
    }

    /// Number of buckets (used or not).
    pub fn num_buckets(&self) -> usize {
        num_rows(self.bits)
    }

    /// Parse a model written by [`NerModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError("not a zhnews NER model (magic)".into()));
        }
        let (templates, tags) = (r.u32()? as usize, r.u32()? as usize);
        if templates != NUM_TEMPLATES || tags != NUM_TAGS {
            return Err(ModelError(format!(
                "made for {templates} templates and {tags} tags, this build has {NUM_TEMPLATES} and {NUM_TAGS}"
            )));
        }
        let bits = r.u32()?;
        if !(4..=26).contains(&bits) {
            return Err(ModelError(format!("bucket bits {bits} out of range")));
        }
        let scale = f32::from_bits(r.u32()?);
        let mut trans = [[0i32; NUM_TAGS]; NUM_TAGS + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.u32()? as i32;
            }
        }
        let n = r.u32()? as usize;
        let mut weights = vec![0i16; ROW * num_rows(bits)];
        let rows = r.take(
            n.checked_mul(4 + 2 * NUM_TAGS)
                .ok_or_else(|| ModelError("size".into()))?,
        )?;
        for rec in rows.chunks_exact(4 + 2 * NUM_TAGS) {
            let b = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize;
            let row = weights
                .get_mut(b * ROW..b * ROW + NUM_TAGS)
                .ok_or_else(|| ModelError(format!("bucket {b} out of range")))?;
            for (w, v) in row.iter_mut().zip(rec[4..].chunks_exact(2)) {
                *w = i16::from_le_bytes([v[0], v[1]]);
            }
        }
        if r.pos != bytes.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(NerModel {
            bits,
            weights,
            trans,
            scale,
        })
    }

    /// The model as bytes (little-endian): magic, template and tag counts, bucket bits, scale,
    /// transitions, then the count of non-zero buckets and each as `u32` index + `NUM_TAGS`
    /// `i16` weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NUM_TEMPLATES as u32).to_le_bytes());
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.num_features() as u32).to_le_bytes());
        for (b, row) in self.weights.chunks_exact(ROW).enumerate() {
            let row = &row[..NUM_TAGS];
            if row.iter().any(|&w| w != 0) {
                out.extend_from_slice(&(b as u32).to_le_bytes());
                for w in row {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out
    }

    /// Find the people, places and organisations in `text` (a sentence or a whole article).
    ///
    /// The text is cut at line ends and after `。！？；` and tagged a piece at a time; spans are
    /// chars of `text`.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        self.tag_with_lexicon(text, &[])
    }

    /// Tag `text` with the lexicon codes of its chars
    /// ([`crate::entities::lexicon::lexicon_codes`] of its tokens): what the shipped model was
    /// trained with.
    pub fn tag_with_lexicon(&self, text: &str, lexicon: &[u32]) -> Vec<Mention> {
        let mut state = TagState::default();
        let mut mentions = Vec::new();
        let mut offset = 0;
        for piece in pieces(text) {
            let len = piece.chars().count();
            // Whitespace at either end (the line end, indentation) is never part of an entity.
            let body = piece.trim_start();
            let lead = len - body.chars().count();
            let start = offset + lead;
            let lex = lexicon.get(start..).unwrap_or(&[]);
            self.tag_piece(body.trim_end(), start, lex, &mut state, &mut mentions);
            offset += len;
        }
        mentions
    }

    /// Tag one piece, with AVX2 where the CPU has it: the weight sums and the Viterbi
    /// recursion are 16-lane integer loops that the compiler vectorises twice as wide.
    fn tag_piece(
        &self,
        piece: &str,
        offset: usize,
        lexicon: &[u32],
        st: &mut TagState,
        out: &mut Vec<Mention>,
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { self.tag_piece_avx2(piece, offset, lexicon, st, out) };
        }
        self.tag_piece_portable(piece, offset, lexicon, st, out, step_portable)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn tag_piece_avx2(
        &self,
        piece: &str,
        offset: usize,
        lexicon: &[u32],
        st: &mut TagState,
        out: &mut Vec<Mention>,
    ) {
        // A closure in an AVX2 function is compiled for AVX2 too.
        let step = |score: &Lanes, masked: &Masked| step_avx2(score, masked);
        self.tag_piece_portable(piece, offset, lexicon, st, out, step)
    }

    /// The tagging itself; inlined into each instruction-set variant of [`Self::tag_piece`].
    #[inline(always)]
    fn tag_piece_portable(
        &self,
        piece: &str,
        offset: usize,
        lexicon: &[u32],
        st: &mut TagState,
        out: &mut Vec<Mention>,
        step: impl Fn(&Lanes, &Masked) -> (Lanes, Lanes),
    ) {
        st.padded.load(piece.chars().map(fold_width), lexicon);
        let n = st.padded.len();
        if n == 0 {
            return;
        }
        // Two passes: hash every feature of the piece, then gather the rows. The gather loop
        // has no branch and independent loads, so the memory latency of the rows overlaps.
        st.buckets.clear();
        let mut keys = [0u64; NUM_TEMPLATES];
        st.buckets.reserve(n * NUM_TEMPLATES);
        for i in 0..n {
            st.padded.features(i, &mut keys);
            let mut rows = [0u32; NUM_TEMPLATES];
            for t in 0..NUM_TEMPLATES {
                rows[t] = (bucket(t, keys[t], self.bits) * ROW) as u32;
            }
            st.buckets.extend_from_slice(&rows);
        }
        st.emissions.clear();
        for row_starts in st.buckets.chunks_exact(NUM_TEMPLATES) {
            let mut scores = [0i32; ROW];
            for &b in row_starts {
                let b = b as usize;
                if let Some(row) = self.weights.get(b..b + ROW) {
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
            }
            let mut em = [0i32; NUM_TAGS];
            em.copy_from_slice(&scores[..NUM_TAGS]);
            st.emissions.push(em);
        }
        viterbi_with(&st.emissions, &self.trans, &mut st.back, &mut st.tags, step);
        for (span, kind) in spans_from_tags(&st.tags) {
            let score = self.confidence(&st.emissions, &st.tags, span);
            out.push(Mention {
                span: Span::new(span.start + offset, span.end + offset),
                kind,
                score,
            });
        }
    }

    /// Mean local softmax probability of the chosen tags over `span`.
    fn confidence(&self, emissions: &[Scores], tags: &[u8], span: Span) -> f32 {
        let mut total = 0.0f32;
        for i in span.start..span.end {
            let prev = if i == 0 { START } else { tags[i - 1] as usize };
            let chosen = tags[i] as usize;
            let local = |t: usize| (emissions[i][t] + self.trans[prev][t]) as f32 * self.scale;
            let best = local(chosen);
            let z: f32 = (0..NUM_TAGS)
                .filter(|&t| allowed(prev, t))
                .map(|t| (local(t) - best).exp())
                .sum();
            total += 1.0 / z.max(1.0);
        }
        total / span.len().max(1) as f32
    }
}

/// Scratch buffers for tagging, reused across the pieces of one text.
#[derive(Default)]
struct TagState {
    padded: Padded,
    buckets: Vec<u32>,
    emissions: Vec<Scores>,
    back: Vec<[u8; NUM_TAGS]>,
    tags: Vec<u8>,
}

/// `text` cut after line ends and sentence-final punctuation (the pieces cover the text).
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['\n', '。', '！', '？', '；', '!', '?', '\u{FF1B}'])
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| ModelError("truncated".into()))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl NerModel {
    /// The shipped model (`dicts/ner.model`). A build whose embedded model does not parse
    /// gets [`NerModel::empty`] (a test keeps that from happening).
    pub fn embedded() -> Self {
        NerModel::from_bytes(EMBEDDED).unwrap_or_else(|_| NerModel::empty())
    }
}

static EMBEDDED: &[u8] = include_bytes!("../../dicts/ner.model");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_fixed_per_char_and_width_blind() {
        let keys = sentence_features("李鹏在１９９８年", &[]);
        assert_eq!(keys.len(), 8 * NUM_TEMPLATES);
        assert_eq!(keys, sentence_features("李鹏在1998年", &[]));
        // The bias is the same everywhere; the unigram differs between 李 and 鹏.
        assert_eq!(keys[0], keys[NUM_TEMPLATES]);
        assert_ne!(keys[1], keys[NUM_TEMPLATES + 1]);
        // 鹏's left-unigram key is 李's unigram key only if templates are told apart: they are.
        assert_ne!(keys[NUM_TEMPLATES + 2], keys[1]);
        // Digits share their class features: 9 and 8 in the middle of 1998.
        let class_at = |i: usize| keys[i * NUM_TEMPLATES + 14];
        assert_eq!(class_at(4), class_at(5));
        assert_ne!(class_at(1), class_at(5));
    }

    #[test]
    fn bio_and_bioes_round_trip() {
        let labels = [
            "B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG", "I-LOC", "O",
        ];
        let spans = spans_from_bio(&labels);
        assert_eq!(
            spans,
            [
                (Span::new(0, 2), EntityKind::Person),
                (Span::new(3, 4), EntityKind::Location),
                (Span::new(4, 7), EntityKind::Organization),
                (Span::new(7, 8), EntityKind::Location),
            ]
        );
        let tags = encode_spans(labels.len(), &spans);
        assert_eq!(spans_from_tags(&tags), spans);
        for pair in tags.windows(2) {
            assert!(allowed(pair[0] as usize, pair[1] as usize), "{pair:?}");
        }
        // People's Daily 1998 clauses: B_/M_/E_ with PKU tags.
        let pku = ["B_nt", "M_nt", "E_nt", "O", "B_nr", "E_nr"];
        assert_eq!(
            spans_from_bio(&pku),
            [
                (Span::new(0, 3), EntityKind::Organization),
                (Span::new(4, 6), EntityKind::Person)
            ]
        );
    }

    #[test]
    fn transitions_follow_bioes() {
        let b = |k| tag_id(k, Part::Begin) as usize;
        let i = |k| tag_id(k, Part::Inside) as usize;
        let e = |k| tag_id(k, Part::End) as usize;
        let per = EntityKind::Person;
        let loc = EntityKind::Location;
        for (prev, cur, want) in [
            (START, b(per), true),
            (START, i(per), false),
            (b(per), i(per), true),
            (b(per), e(per), true),
            (b(per), e(loc), false),
            (b(per), 0, false),
            (e(per), b(loc), true),
            (0, e(per), false),
        ] {
            assert_eq!(allowed(prev, cur), want, "{prev} {cur}");
        }
        assert!(!may_end(b(per)) && may_end(e(per)) && may_end(0));
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_avx2_variant_tags_as_the_portable_one() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let text = include_str!("../../samples/seed/000_c938a646bbbd01ba.clean.txt");
        let m = NerModel::embedded();
        let tokens = crate::testing::segmenter().tag(text);
        let lexicon = crate::entities::lexicon::lexicon_codes(&tokens, text.chars().count());
        let run = |avx2: bool| {
            let (mut st, mut out) = (TagState::default(), Vec::new());
            let mut offset = 0;
            for piece in pieces(text) {
                let lex = &lexicon[offset..];
                if avx2 {
                    // SAFETY: AVX2 support was checked at the top of the test.
                    unsafe { m.tag_piece_avx2(piece, offset, lex, &mut st, &mut out) }
                } else {
                    m.tag_piece_portable(piece, offset, lex, &mut st, &mut out, step_portable)
                }
                offset += piece.chars().count();
            }
            out
        };
        let (portable, avx2) = (run(false), run(true));
        assert!(portable.len() > 20);
        assert_eq!(portable.len(), avx2.len());
        for (a, b) in portable.iter().zip(&avx2) {
            assert_eq!((a.span, a.kind), (b.span, b.kind));
            assert!((a.score - b.score).abs() < 1e-5);
        }
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        let m = NerModel::empty();
        assert!(m.tag("").is_empty());
        assert!(m.tag("\n\n。").is_empty());
        assert!(m.tag("abc 中国").is_empty());
    }

    #[test]
    fn embedded_model_parses() {
        let parsed = NerModel::from_bytes(EMBEDDED).expect("dicts/ner.model parses");
        assert!(parsed.num_features() > 0);
    }
}
