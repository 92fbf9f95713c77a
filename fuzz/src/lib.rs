//! The bodies of the fuzz targets, and the invariants they check.
//!
//! Each `fuzz_targets/<name>.rs` calls the function of the same name here; `tests/fuzz_corpus.rs`
//! in the zhnews package includes this file and replays `fuzz/corpus/<name>/*` and
//! `fuzz/regressions/<name>/*` through the same functions as ordinary tests, and
//! `tests/properties.rs` checks its generated analyses with [`check_analysis`].
//!
//! A function returns normally when the input is handled; it panics (which the fuzzer reports as
//! a crash) when the library panics or breaks an invariant.

use zhnews::document::{FixLog, Span, char_slice};
use zhnews::repair::{byte_shift, misdecode, pinyin, punctuation};
use zhnews::{Analysis, Analyzer, AnalyzerOptions};

/// A fuzz target's body: it returns, or panics on a bug.
pub type Target = fn(&[u8]);

/// Every target by name, as the corpus directories are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("analyze_bytes", analyze_bytes),
    ("repair_misdecode", repair_misdecode),
    ("repair_pinyin", repair_pinyin),
    ("repair_byte_shift", repair_byte_shift),
    ("repair_punctuation", repair_punctuation),
    ("convert", convert),
    ("numbers", numbers),
];

/// Raw bytes through the whole pipeline: a result that keeps every invariant, or an error.
pub fn analyze_bytes(data: &[u8]) {
    let analyzer = Analyzer::with_options(AnalyzerOptions {
        tokens: true,
        ..Default::default()
    });
    if let Ok(analysis) = analyzer.analyze_bytes(data) {
        check_analysis(&analysis);
        let again = analyzer.clean(&analysis.text).text;
        assert_eq!(again, analysis.text, "cleaning clean text changed it");
    }
}

/// The mis-decoding repair pass on any text.
pub fn repair_misdecode(data: &[u8]) {
    check_pass(misdecode::repair, data);
}

/// The pinyin-annotation repair pass on any text.
pub fn repair_pinyin(data: &[u8]) {
    check_pass(pinyin::repair, data);
}

/// The GBK byte-shift repair pass on any text.
pub fn repair_byte_shift(data: &[u8]) {
    check_pass(byte_shift::repair, data);
}

/// The punctuation repair pass on any text.
pub fn repair_punctuation(data: &[u8]) {
    check_pass(punctuation::repair, data);
}

/// Traditional → Simplified conversion on any text.
pub fn convert(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut fixes = FixLog::default();
    let analyzer = zhnews::Analyzer::new();
    let converter = analyzer.resources().converter();
    let (_, converted) = converter.convert(&text, &mut fixes);
    if let Some(converted) = converted {
        assert_ne!(converted, text, "a conversion that changes nothing is None");
        assert!(!fixes.is_empty(), "a conversion reports its changes");
    }
    let _ = converter.to_simplified(&text);
}

/// The number finder and parser on any text.
pub fn numbers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for n in zhnews::numbers::find(&text) {
        assert_eq!(char_slice(&text, n.span), n.text, "{n:?}");
        assert_eq!(text.get(n.bytes.0..n.bytes.1), Some(n.text.as_str()));
        assert!(n.value.is_finite(), "{n:?}");
    }
    if let Some(value) = zhnews::numbers::parse(&text) {
        assert!(value.is_finite(), "{text:?}: {value}");
    }
}

/// A repair pass: no panic, and a change is reported.
fn check_pass(pass: fn(&str, &mut FixLog) -> Option<String>, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut fixes = FixLog::default();
    if let Some(repaired) = pass(&text, &mut fixes) {
        assert!(
            repaired == text || !fixes.is_empty(),
            "a repair reports its changes: {text:?} -> {repaired:?}"
        );
    }
}

/// What every analysis keeps: every span lies inside `text` (spans count chars, so a span
/// inside the text starts and ends on char boundaries); what a span names is `text[span]`;
/// sections partition the body in order; an entity's count is its number of mentions.
pub fn check_analysis(analysis: &Analysis) {
    let text = analysis.text.as_str();
    let chars = text.chars().count();
    let inside = |span: Span, what: &str| {
        assert!(
            span.start <= span.end && span.end <= chars,
            "{what} span {span:?} outside a text of {chars} chars"
        );
    };
    for token in analysis.tokens.iter().flatten() {
        inside(token.span, "token");
        assert_eq!(char_slice(text, token.span), token.w, "token");
    }
    for (i, section) in analysis.sections.iter().enumerate() {
        inside(section.span, "section");
        assert_eq!(section.index, i, "sections are numbered in order");
        for paragraph in &section.paragraphs {
            inside(*paragraph, "paragraph");
            assert!(
                section.span.start <= paragraph.start && paragraph.end <= section.span.end,
                "paragraph {paragraph:?} outside its section {:?}",
                section.span
            );
        }
    }
    for pair in analysis.sections.windows(2) {
        assert_eq!(
            pair[0].span.end, pair[1].span.start,
            "sections are contiguous"
        );
    }
    if let Some(last) = analysis.sections.last() {
        assert_eq!(last.span.end, chars, "the last section ends the text");
    }
    for caption in &analysis.captions {
        inside(caption.span, "caption");
        assert_eq!(char_slice(text, caption.span), caption.text, "caption");
    }
    for statistic in &analysis.statistics {
        inside(statistic.span, "statistic");
        assert_eq!(
            char_slice(text, statistic.span),
            statistic.text,
            "statistic"
        );
    }
    for date in &analysis.dates {
        inside(date.span, "date");
        assert_eq!(char_slice(text, date.span), date.text, "date");
    }
    for entity in &analysis.entities {
        assert_eq!(entity.count, entity.mentions.len(), "{entity:?}");
        for &mention in &entity.mentions {
            inside(mention, "mention");
            assert!(!mention.is_empty(), "{entity:?}");
        }
        assert!(
            entity
                .mentions
                .iter()
                .any(|&m| char_slice(text, m) == entity.text),
            "an entity's text is the surface of one of its mentions: {entity:?}"
        );
    }
}
