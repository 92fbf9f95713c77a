//! The ground floor: spans, tokens, fixes and the [`Document`] that the stages fill.
//!
//! Every position zhnews reports is a [`Span`] of Unicode scalar values (chars) into the clean
//! output text, so `text.chars().skip(start).take(end - start)` is the surface form.
//!
//! ```
//! use zhnews::document::{char_slice, Span};
//! let span = Span::new(2, 5);
//! assert_eq!(char_slice("本溪市公安局", span), "市公安");
//! ```

mod doc;

pub use doc::{Doc, Line, Quote, closing_quote, ends_clause, is_closing_quote, is_quote_mark};

use serde::ser::SerializeTuple;
use serde::{Serialize, Serializer};

/// A half-open range `[start, end)` of chars in the clean text; serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First char of the range.
    pub start: usize,
    /// One past the last char of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (chars).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no char.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.start)?;
        tuple.serialize_element(&self.end)?;
        tuple.end()
    }
}

/// Spans sorted by start, for overlap queries that stay fast on long texts: a query looks only
/// at spans that start within reach (the longest span's length) of the queried one.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    spans: Vec<(Span, usize)>,
    longest: usize,
}

impl SpanIndex {
    /// Index `spans`; queries answer with positions in this sequence.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<(Span, usize)> = spans.into_iter().zip(0..).collect();
        spans.sort_by_key(|(s, _)| s.start);
        let longest = spans.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        SpanIndex { spans, longest }
    }

    /// Positions of the spans that share at least one char with `span`.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let hi = self.spans.partition_point(|(s, _)| s.start < span.end);
        let lo = self.spans[..hi].partition_point(|(s, _)| s.start + self.longest <= span.start);
        self.spans[lo..hi]
            .iter()
            .filter(move |(s, _)| s.end > span.start && s.start < span.end)
            .map(|&(_, i)| i)
    }
}

/// The chars of `text` covered by `span` (empty when the span lies outside the text).
pub fn char_slice(text: &str, span: Span) -> &str {
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let start = indices.nth(span.start);
    let end = if span.is_empty() {
        start
    } else {
        indices.nth(span.len() - 1)
    };
    match (start, end) {
        (Some(s), Some(e)) => &text[s..e],
        _ => "",
    }
}

/// jieba's part-of-speech tags (its dictionary's and its POS model's), sorted.
const POS_TAGS: [&str; 66] = [
    "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "en", "eng", "f", "g", "h", "i",
    "in", "j", "jn", "k", "l", "ln", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt",
    "nz", "o", "p", "q", "qe", "qg", "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj",
    "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "w", "x", "y", "yg", "z", "zg", "zz",
];

/// A tag of up to four ASCII bytes as a number that sorts as the tag does (big-endian, zero
/// padded), so that looking one up takes no string comparison.
const fn pos_key(tag: &[u8]) -> u32 {
    let mut key = 0u32;
    let mut i = 0;
    while i < 4 {
        key <<= 8;
        if i < tag.len() {
            key |= tag[i] as u32;
        }
        i += 1;
    }
    key
}

/// [`pos_key`] of each of [`POS_TAGS`], in the same (sorted) order.
const POS_KEYS: [u32; POS_TAGS.len()] = {
    let mut keys = [0u32; POS_TAGS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pos_key(POS_TAGS[i].as_bytes());
        i += 1;
    }
    keys
};

fn intern(tag: &str) -> &'static str {
    // NUL is the key's padding: a tag holding one is no tag of the list.
    if tag.len() > 4 || tag.as_bytes().contains(&0) {
        return "x";
    }
    POS_KEYS
        .binary_search(&pos_key(tag.as_bytes()))
        .map_or("x", |i| POS_TAGS[i])
}

/// A part-of-speech tag of jieba's tag set (`n`, `ns`, `nr`, `v`, `m`, `x`, …), serialised
/// as the tag. Stages ask it what a word is instead of comparing strings.
///
/// ```
/// use zhnews::document::Pos;
/// assert!(Pos::new("nrfg").is_person() && Pos::new("ns").is_place());
/// assert!(Pos::new("vn").is_verb() && !Pos::new("vn").is_noun());
/// assert_eq!(Pos::new("no such tag").as_str(), "x");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pos(&'static str);

impl Pos {
    /// The tag of a string not in jieba's set: `x`, as jieba tags what it cannot tell.
    pub const UNKNOWN: Pos = Pos("x");

    /// The tag named `tag`; a tag outside jieba's set (none occurs: a test checks the
    /// dictionaries) is [`Pos::UNKNOWN`]. Takes no allocation.
    pub fn new(tag: &str) -> Pos {
        Pos(intern(tag))
    }

    /// The tag as jieba writes it.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A person's name: `nr`, and jieba's `nrfg` and `nrt` (names it knows).
    pub fn is_person(self) -> bool {
        matches!(self.0, "nr" | "nrfg" | "nrt")
    }

    /// A place name: `ns`.
    pub fn is_place(self) -> bool {
        self.0 == "ns"
    }

    /// An organisation's name: `nt`.
    pub fn is_org(self) -> bool {
        self.0 == "nt"
    }

    /// A noun of any kind: a tag starting with `n` (`n`, `ns`, `nr`, `nz`, `ng`, …).
    pub fn is_noun(self) -> bool {
        self.0.starts_with('n')
    }

    /// A verb of any kind: a tag starting with `v` (`v`, `vn`, `vd`, `vi`, …).
    pub fn is_verb(self) -> bool {
        self.0.starts_with('v')
    }

    /// A proper name: a person, place or organisation, `nz` (other proper nouns) or `j`
    /// (abbreviations).
    pub fn is_proper_name(self) -> bool {
        self.is_person() || self.is_place() || self.is_org() || matches!(self.0, "nz" | "j")
    }

    /// A function word or a non-word: punctuation and symbols (`x`), particles (`u…`),
    /// prepositions, conjunctions, adverbs, pronouns, classifiers, interjections,
    /// onomatopoeia, and Latin words (`eng`).
    pub fn is_function_word(self) -> bool {
        matches!(
            self.0,
            "x" | "uj"
                | "ul"
                | "uz"
                | "ug"
                | "uv"
                | "ud"
                | "p"
                | "c"
                | "u"
                | "d"
                | "r"
                | "q"
                | "y"
                | "e"
                | "o"
                | "eng"
        )
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Pos {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// One word from the segmenter: where it is and its part-of-speech tag (jieba's tag set).
/// The word itself is `token.word(text)`: tokens hold no copy of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the word is in the clean text, in chars.
    pub span: Span,
    /// Where the word is in the clean text, in bytes.
    pub bytes: (usize, usize),
    /// Part of speech.
    pub pos: Pos,
}

impl Token {
    /// The word, from the text the token was made from.
    pub fn word<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bytes.0..self.bytes.1).unwrap_or("")
    }
}

/// A token as the output shows it: `{"w": "本溪市", "pos": "ns", "span": [0, 3]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenOut {
    /// The word.
    pub w: String,
    /// Its part of speech.
    pub pos: Pos,
    /// Where it is, in chars.
    pub span: Span,
}

impl TokenOut {
    /// The output form of `token`, a token of `text`.
    pub fn new(token: &Token, text: &str) -> Self {
        TokenOut {
            w: token.word(text).to_string(),
            pos: token.pos,
            span: token.span,
        }
    }
}

/// What kind of change a repair or conversion made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// The input ended inside a multi-byte character; the partial character was dropped.
    TruncatedCharacter,
    /// A pinyin reading glued after a Han character, `調(diào)` → `調`.
    PinyinAnnotation,
    /// A GBK stream decoded out of step after a lost byte, re-aligned.
    GbkByteShift,
    /// A doubled or misplaced ASCII comma in Chinese text.
    StrayComma,
    /// ASCII punctuation between Chinese characters turned full width.
    HalfwidthPunctuation,
    /// Traditional characters converted to Simplified.
    TraditionalToSimplified,
    /// Text decoded with the wrong encoding (UTF-8 read as GBK, GBK read as Latin-1, …),
    /// encoded back and decoded with the right one.
    Misdecoded,
    /// A character whose bytes were partly lost, filled in from its neighbours.
    Inferred,
    /// Damage that cannot be undone (`锟斤拷`, runs of U+FFFD): reported, text left as it was.
    Unrecoverable,
    /// A Kangxi radical or radical form left by PDF text extraction, `完⼯` → `完工`.
    RadicalForm,
}

/// One reported change: `before` became `after`, `count` times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What kind of change this was.
    pub kind: FixKind,
    /// The text as it was.
    pub before: String,
    /// The text as it became.
    pub after: String,
    /// How many times this exact change was made.
    pub count: usize,
}

impl Fix {
    /// A single change of `before` into `after`.
    pub fn new(kind: FixKind, before: impl Into<String>, after: impl Into<String>) -> Self {
        Fix {
            kind,
            before: before.into(),
            after: after.into(),
            count: 1,
        }
    }
}

/// Collects fixes, merging repeats of the same change into one record with a count, in order
/// of first occurrence.
#[derive(Debug, Default, Clone)]
pub struct FixLog {
    fixes: Vec<Fix>,
}

impl FixLog {
    /// Record one occurrence of `before` → `after`.
    pub fn record(&mut self, kind: FixKind, before: &str, after: &str) {
        self.push(Fix::new(kind, before, after));
    }

    /// Add a fix, merging it into an earlier record of the same change.
    pub fn push(&mut self, fix: Fix) {
        match self
            .fixes
            .iter_mut()
            .find(|f| f.kind == fix.kind && f.before == fix.before && f.after == fix.after)
        {
            Some(existing) => existing.count += fix.count,
            None => self.fixes.push(fix),
        }
    }

    /// True when nothing was changed.
    pub fn is_empty(&self) -> bool {
        self.fixes.is_empty()
    }

    /// The fixes, in order of first occurrence.
    pub fn into_vec(self) -> Vec<Fix> {
        self.fixes
    }

    /// The fixes so far.
    pub fn as_slice(&self) -> &[Fix] {
        &self.fixes
    }
}

/// The writing system of the input text, as detected before conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Simplified characters only (or no Chinese at all).
    Simplified,
    /// Traditional characters only, or nearly so.
    Traditional,
    /// A substantial share of both.
    Mixed,
}

/// The encoding the input bytes were read in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EncodingInfo {
    /// WHATWG name of the encoding (`UTF-8`, `GBK`, `GB18030`, `Big5`, `UTF-16LE`, …).
    pub name: &'static str,
    /// How sure the detector is, from 0 to 1 (1 for a BOM or valid UTF-8).
    pub confidence: f32,
    /// Whether a byte-order mark named the encoding.
    pub bom: bool,
}

impl EncodingInfo {
    /// Text handed over as a Rust string: UTF-8 by construction.
    pub fn utf8() -> Self {
        EncodingInfo {
            name: "UTF-8",
            confidence: 1.0,
            bom: false,
        }
    }
}

/// One article as it moves through the pipeline; each stage adds its part.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text: decoded, then repaired, then converted. No stage rewrites it after `convert`.
    pub text: String,
    /// How the input bytes were decoded.
    pub encoding: EncodingInfo,
    /// Every change made to the text, in pipeline order.
    pub fixes: FixLog,
    /// The script detected before conversion.
    pub script: Script,
    /// Whether Traditional → Simplified conversion changed the text.
    pub converted: bool,
}

impl Document {
    /// A document holding already-decoded text.
    pub fn new(text: String, encoding: EncodingInfo) -> Self {
        Document {
            text,
            encoding,
            fixes: FixLog::default(),
            script: Script::Simplified,
            converted: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_chars_not_bytes() {
        for (text, span, want) in [
            ("本溪市公安局", Span::new(0, 3), "本溪市"),
            ("本溪市公安局", Span::new(3, 6), "公安局"),
            ("ab本溪", Span::new(1, 3), "b本"),
            ("本溪", Span::new(2, 2), ""),
            ("本溪", Span::new(1, 9), ""),
        ] {
            assert_eq!(char_slice(text, span), want, "{text} {span:?}");
        }
    }

    #[test]
    fn fix_log_merges_repeats() {
        let mut log = FixLog::default();
        log.record(FixKind::StrayComma, ",,", "，");
        log.record(FixKind::PinyinAnnotation, "(diào)", "");
        log.record(FixKind::StrayComma, ",,", "，");
        let fixes = log.into_vec();
        assert_eq!(fixes.len(), 2);
        assert_eq!(fixes[0].count, 2);
        assert_eq!(fixes[1].kind, FixKind::PinyinAnnotation);
    }

    #[test]
    fn span_index_finds_overlaps() {
        let index = SpanIndex::new([Span::new(10, 12), Span::new(0, 5), Span::new(4, 8)]);
        let mut got: Vec<usize> = index.overlapping(Span::new(4, 11)).collect();
        got.sort();
        assert_eq!(got, [0, 1, 2]);
        assert_eq!(index.overlapping(Span::new(8, 10)).count(), 0);
        assert_eq!(index.overlapping(Span::new(5, 6)).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn span_serialises_as_pair() {
        let json = serde_json::to_string(&Span::new(3, 7)).unwrap();
        assert_eq!(json, "[3,7]");
    }

    #[test]
    fn every_tag_in_the_dictionaries_is_known() {
        let jieba_dict = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/dicts/user.dict"));
        for line in jieba_dict.lines() {
            let tag = line.split_whitespace().nth(2).unwrap_or("x");
            assert!(POS_TAGS.binary_search(&tag).is_ok(), "{line}");
        }
        let mut sorted = POS_TAGS;
        sorted.sort();
        assert_eq!(sorted, POS_TAGS);
        // Keys sort as the tags do, so the binary search over them finds each tag.
        assert!(POS_KEYS.windows(2).all(|pair| pair[0] < pair[1]));
        for tag in POS_TAGS {
            assert_eq!(intern(tag), tag);
        }
        assert_eq!(intern("zzzzz"), "x");
        assert_eq!(intern("q\0"), "x");
    }
}
