//! The [`Analyzer`], which runs the stages in order, and the `zhnews/1` output types.
//!
//! ```
//! let analyzer = zhnews::Analyzer::new();
//! let analysis = analyzer.analyze("關鍵詞:聽民聲,,大調(diào)研");
//! assert_eq!(analysis.text, "关键词：听民声，大调研");
//! assert_eq!(analysis.schema, "zhnews/1");
//! let json = serde_json::to_value(&analysis).unwrap();
//! assert_eq!(json["script"]["input"], "traditional");
//! ```

use serde::Serialize;

use std::sync::{Arc, OnceLock};

use crate::convert::Converter;
pub use crate::dates::DateMention;
use crate::decode::decode;
use crate::document::{Doc, Document, EncodingInfo, Fix, Script, Span, Token, TokenOut};
use crate::entities::gazetteer::Gazetteer;
use crate::entities::model::NerModel;
pub use crate::entities::{Entity, QuotedTerm};
use crate::error::{Error, Result};
pub use crate::keywords::Keyword;
use crate::keywords::keywords;
use crate::numbers::NumberMention;
use crate::repair::repair;
use crate::segment::Segmenter;
pub use crate::statistics::Statistic;
use crate::structure;
pub use crate::structure::{Caption, Meta, Section};

/// How many keywords the article gets, and each section.
const ARTICLE_KEYWORDS: usize = 10;
const SECTION_KEYWORDS: usize = 5;

/// The schema name every output object carries.
pub const SCHEMA: &str = "zhnews/1";

/// The default maximum article size, 16 MiB: analysing an article takes about 25 times its
/// size in memory (tokens, char tables, the tagger's features), so this bounds one article to
/// about 0.5 GB. News articles are rarely over 1 MB; a larger "article" is usually a scraper
/// that concatenated pages. Raise it with [`AnalyzerOptions::max_bytes`] (`--max-bytes`).
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// What the analyzer does; `Default` is what the CLI does without flags.
#[derive(Debug, Clone)]
pub struct AnalyzerOptions {
    /// Convert Traditional text to Simplified (`--no-convert` turns it off).
    pub convert: bool,
    /// Include the tokens in the output (`--tokens`).
    pub tokens: bool,
    /// Refuse articles larger than this many bytes (`--max-bytes`; default
    /// [`DEFAULT_MAX_BYTES`]) with [`Error::TooLarge`].
    pub max_bytes: usize,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            convert: true,
            tokens: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Runs the pipeline. It owns the tables and models it uses ([`Resources`]): each is loaded
/// on first use, once, and shared by the analyzer's clones. An `Analyzer` is `Send + Sync`
/// and can serve many threads.
#[derive(Debug, Clone)]
pub struct Analyzer {
    options: AnalyzerOptions,
    resources: Arc<Resources>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::with_options(AnalyzerOptions::default())
    }
}

/// The loaded tables and models an [`Analyzer`] uses: the segmenter's dictionary, the
/// conversion tables, the gazetteer and the entity tagger. Each is built on first use, once.
///
/// Analyzers made with [`Analyzer::new`] or [`Analyzer::with_options`] share one set per
/// process, so building analyzers is cheap and nothing loads twice; [`Analyzer::with_resources`]
/// gives an analyzer a set of its own (memory is freed when its last clone is dropped).
#[derive(Default)]
pub struct Resources {
    segmenter: OnceLock<Segmenter>,
    converter: OnceLock<Converter>,
    gazetteer: OnceLock<Gazetteer>,
    tagger: OnceLock<NerModel>,
}

impl std::fmt::Debug for Resources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("segmenter", &self.segmenter.get().is_some())
            .field("converter", &self.converter.get().is_some())
            .field("gazetteer", &self.gazetteer.get().is_some())
            .field("tagger", &self.tagger.get().is_some())
            .finish()
    }
}

impl Resources {
    /// An empty set: nothing is loaded until it is used.
    pub fn new() -> Self {
        Self::default()
    }

    /// The set that analyzers share unless given their own.
    fn shared() -> Arc<Resources> {
        static SHARED: OnceLock<Arc<Resources>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Resources::new())).clone()
    }

    /// jieba-rs with the government-news dictionary.
    pub fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(Segmenter::new)
    }

    /// The Traditional → Simplified converter.
    pub fn converter(&self) -> &Converter {
        self.converter.get_or_init(Converter::new)
    }

    /// The places of the divisions list and the world.
    pub fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer.get_or_init(Gazetteer::new)
    }

    /// The learned entity tagger (`dicts/ner.model`).
    pub fn tagger(&self) -> &NerModel {
        self.tagger.get_or_init(NerModel::embedded)
    }
}

/// The script before conversion, and whether conversion changed the text.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptInfo {
    /// `simplified`, `traditional` or `mixed`.
    pub input: Script,
    /// Whether the text was converted to Simplified.
    pub converted: bool,
}

/// Everything zhnews found in one article: the `zhnews/1` object.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The input's id (set by the caller; the CLI uses the path or the record's `id`).
    pub id: serde_json::Value,
    /// How the bytes were decoded.
    pub encoding: EncodingInfo,
    /// The input script and whether it was converted.
    pub script: ScriptInfo,
    /// Every repair and conversion made.
    pub repairs: Vec<Fix>,
    /// The clean Simplified text all spans point into.
    pub text: String,
    /// The title.
    pub title: Option<String>,
    /// Source, author, editor, date.
    pub meta: Meta,
    /// Sections.
    pub sections: Vec<Section>,
    /// Photo captions.
    pub captions: Vec<Caption>,
    /// Article keywords.
    pub keywords: Vec<Keyword>,
    /// Figures with units.
    pub statistics: Vec<Statistic>,
    /// Dates and times.
    pub dates: Vec<DateMention>,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Quoted campaign terms.
    pub quoted_terms: Vec<QuotedTerm>,
    /// Tokens, when asked for.
    pub tokens: Option<Vec<TokenOut>>,
}

impl Analyzer {
    /// An analyzer with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// An analyzer with these options (sharing the process's [`Resources`]).
    pub fn with_options(options: AnalyzerOptions) -> Self {
        Self::with_resources(options, Resources::shared())
    }

    /// An analyzer with these options and these tables.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use zhnews::{Analyzer, AnalyzerOptions, Resources};
    /// let own = Analyzer::with_resources(AnalyzerOptions::default(), Arc::new(Resources::new()));
    /// assert_eq!(own.analyze("本溪市").text, "本溪市");
    /// ```
    pub fn with_resources(options: AnalyzerOptions, resources: Arc<Resources>) -> Self {
        Analyzer { options, resources }
    }

    /// The tables this analyzer uses.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// The options in force.
    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    /// Start loading the tables that [`Analyzer::analyze`] needs (the segmenter's
    /// dictionary, the entity tagger, the gazetteer), each on a thread of its own, and return
    /// at once. A process that analyses a single article then loads them while it reads and
    /// cleans the article, on every core; a call that needs a table still loading waits for
    /// it. Without this, tables load on first use, one after the other.
    ///
    /// ```
    /// let analyzer = zhnews::Analyzer::new();
    /// analyzer.preload();
    /// let analysis = analyzer.analyze("本溪市公安局出动民警");
    /// assert!(!analysis.entities.is_empty());
    /// ```
    pub fn preload(&self) {
        self.preload_segmenter();
        let resources = self.resources.clone();
        std::thread::spawn(move || {
            resources.tagger();
        });
        let resources = self.resources.clone();
        std::thread::spawn(move || {
            resources.gazetteer();
        });
    }

    /// Start loading the segmenter's dictionary on a thread of its own (see
    /// [`Analyzer::preload`]).
    pub fn preload_segmenter(&self) {
        let resources = self.resources.clone();
        std::thread::spawn(move || {
            resources.segmenter();
        });
    }

    /// The words of `text` with their POS tags and spans (chars of `text`), as `analyze`
    /// segments its clean text. `text` is taken as it is: no repair or conversion.
    ///
    /// ```
    /// let analyzer = zhnews::Analyzer::new();
    /// let text = "本溪市公安局的网格员";
    /// let words: Vec<&str> = analyzer.segment(text).iter().map(|t| t.word(text)).collect();
    /// assert_eq!(words, ["本溪市", "公安局", "的", "网格员"]);
    /// ```
    pub fn segment(&self, text: &str) -> Vec<Token> {
        self.resources.segmenter().tag(text)
    }

    /// Every number in `text`, as `analyze` reads them (no repair or conversion).
    ///
    /// ```
    /// let numbers = zhnews::Analyzer::new().numbers("受理警情7.7万余起");
    /// assert_eq!(numbers[0].value, 77000.0);
    /// ```
    pub fn numbers(&self, text: &str) -> Vec<NumberMention> {
        crate::numbers::find(text)
    }

    /// The text layer of `text` with its tokens: what the stages after convert read.
    pub fn doc<'t>(&self, text: &'t str) -> Doc<'t> {
        Doc::new(text).with_tokens(self.segment(text))
    }

    /// Decode bytes in any supported encoding into a clean document (no segmentation).
    pub fn clean_bytes(&self, bytes: &[u8]) -> Result<Document> {
        self.check_size(bytes.len())?;
        let decoded = decode(bytes)?;
        let mut document = Document::new(decoded.text, decoded.encoding);
        if let Some(fix) = decoded.truncated {
            document.fixes.push(fix);
        }
        self.clean_document(&mut document);
        Ok(document)
    }

    /// Repair and convert text that is already a string (no segmentation).
    pub fn clean(&self, text: &str) -> Document {
        let mut document = Document::new(text.to_string(), EncodingInfo::utf8());
        self.clean_document(&mut document);
        document
    }

    /// Repair, then convert; again while that still changes the text (a repair can need the
    /// converted text to show, e.g. a shifted run of Simplified characters), so that cleaning
    /// clean output changes nothing.
    fn clean_document(&self, document: &mut Document) {
        const MAX_ROUNDS: usize = 3;
        let converter = self.resources.converter();
        for round in 0..MAX_ROUNDS {
            let mut changed = false;
            if let Some(repaired) = repair(&document.text, &mut document.fixes) {
                document.text = repaired;
                changed = true;
            }
            if self.options.convert {
                let (script, converted) = converter.convert(&document.text, &mut document.fixes);
                if round == 0 {
                    document.script = script;
                }
                if let Some(text) = converted {
                    document.text = text;
                    document.converted = true;
                    changed = true;
                }
            } else if round == 0 {
                document.script = converter.detect(&document.text);
            }
            if !changed {
                break;
            }
        }
        // Once, after the fixed point: what no pass could undo is reported, not changed.
        crate::repair::unrecoverable::report(&document.text, &mut document.fixes);
    }

    fn check_size(&self, size: usize) -> Result<()> {
        if size > self.options.max_bytes {
            return Err(Error::TooLarge {
                size,
                limit: self.options.max_bytes,
            });
        }
        Ok(())
    }

    /// Analyse raw bytes (any supported encoding).
    pub fn analyze_bytes(&self, bytes: &[u8]) -> Result<Analysis> {
        let document = self.clean_bytes(bytes)?;
        Ok(self.finish(document))
    }

    /// Analyse text that is already a string.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.finish(self.clean(text))
    }

    /// Repair and convert text, refusing it when it exceeds the size limit.
    pub fn try_clean(&self, text: &str) -> Result<Document> {
        self.check_size(text.len())?;
        Ok(self.clean(text))
    }

    /// Analyse text, refusing it when it exceeds the size limit.
    pub fn try_analyze(&self, text: &str) -> Result<Analysis> {
        self.check_size(text.len())?;
        Ok(self.analyze(text))
    }

    /// Run the stages after cleaning and build the output.
    fn finish(&self, document: Document) -> Analysis {
        let layers = {
            let doc = self.doc(&document.text);
            self.layers(&doc)
        };
        Analysis {
            schema: SCHEMA,
            id: serde_json::Value::Null,
            encoding: document.encoding,
            script: ScriptInfo {
                input: document.script,
                converted: document.converted,
            },
            repairs: document.fixes.into_vec(),
            text: document.text,
            title: layers.structure.title,
            meta: layers.structure.meta,
            sections: layers.structure.sections,
            captions: layers.structure.captions,
            keywords: layers.keywords,
            statistics: layers.statistics,
            dates: layers.dates,
            entities: layers.entities,
            quoted_terms: layers.quoted_terms,
            tokens: layers.tokens,
        }
    }

    /// What the stages after convert find in the text layer, each its own layer.
    fn layers(&self, doc: &Doc) -> Layers {
        let mut structure = structure::analyze(doc);
        let tokens = doc.tokens();
        let mut first = 0;
        for section in &mut structure.sections {
            // Tokens are in text order: each section takes the next stretch of them.
            let start =
                first + tokens[first..].partition_point(|t| t.span.start < section.span.start);
            let end = start + tokens[start..].partition_point(|t| t.span.end <= section.span.end);
            section.keywords = keywords(doc.text(), &tokens[start..end], SECTION_KEYWORDS)
                .into_iter()
                .map(|k| k.word)
                .collect();
            first = end;
        }
        let section_spans: Vec<Span> = structure.sections.iter().map(|s| s.span).collect();
        let dates = crate::dates::find(doc, structure.meta.published.as_deref());
        let date_spans: Vec<Span> = dates.iter().map(|d| d.span).collect();
        Layers {
            keywords: keywords(doc.text(), tokens, ARTICLE_KEYWORDS),
            entities: crate::entities::extract(
                doc,
                self.resources.gazetteer(),
                self.resources.tagger(),
            ),
            statistics: crate::statistics::find(doc, &section_spans, &date_spans),
            quoted_terms: crate::entities::quoted_terms(doc),
            tokens: self.options.tokens.then(|| {
                tokens
                    .iter()
                    .map(|t| TokenOut::new(t, doc.text()))
                    .collect()
            }),
            structure,
            dates,
        }
    }
}

/// The layers the stages after convert add.
struct Layers {
    structure: structure::Structure,
    keywords: Vec<Keyword>,
    statistics: Vec<Statistic>,
    dates: Vec<DateMention>,
    entities: Vec<Entity>,
    quoted_terms: Vec<QuotedTerm>,
    tokens: Option<Vec<TokenOut>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }

    #[test]
    fn every_list_is_present_and_tokens_are_null_by_default() {
        let json = serde_json::to_value(Analyzer::new().analyze("本溪市公安局")).unwrap();
        for key in [
            "repairs",
            "sections",
            "captions",
            "keywords",
            "statistics",
            "dates",
            "entities",
            "quoted_terms",
        ] {
            assert!(json[key].is_array(), "{key}");
        }
        assert!(json["tokens"].is_null());
        assert!(json["title"].is_null());
        assert!(json["meta"]["source"].is_null());
    }

    #[test]
    fn tokens_on_request_point_into_the_text() {
        let options = AnalyzerOptions {
            tokens: true,
            ..Default::default()
        };
        let analysis = Analyzer::with_options(options).analyze("東北的冬夜，網格員在巡邏");
        let tokens = analysis.tokens.unwrap();
        assert!(!tokens.is_empty());
        for t in &tokens {
            assert_eq!(crate::document::char_slice(&analysis.text, t.span), t.w);
        }
    }

    #[test]
    fn refuses_articles_over_the_limit() {
        let options = AnalyzerOptions {
            max_bytes: 10,
            ..Default::default()
        };
        let err = Analyzer::with_options(options)
            .analyze_bytes("本溪市公安局开展".as_bytes())
            .unwrap_err();
        assert_eq!(err.kind(), "too_large");
    }
}
