//! Running a batch: inputs in, one output record per input, in input order.
//!
//! Inputs are taken a chunk at a time, processed in parallel on a thread pool, and written
//! before the next chunk is read, so a stream of any length runs in bounded memory. A bad
//! input gives an error record (and a line on stderr) and the batch goes on.
//!
//! ```
//! use zhnews::batch::run::{Batch, Task};
//! use zhnews::batch::Item;
//! let batch = Batch::new(zhnews::Analyzer::new(), Task::Clean { explain: false });
//! let items = [Item::text("-", "關鍵詞:聽民聲,,大調(diào)研")];
//! let mut out = Vec::new();
//! let all_ok = batch.run(items.into_iter(), &mut out, |_| {}).unwrap();
//! assert!(all_ok);
//! assert_eq!(String::from_utf8(out).unwrap(), "关键词：听民声，大调研\n");
//! ```

use std::io::{self, Write};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::analysis::Analyzer;
use crate::batch::{Item, Payload, error_record, output_record};
use crate::document::{Document, TokenOut};
use crate::error::Error;

/// How many inputs are read, processed in parallel, and written at a time.
const CHUNK: usize = 256;

/// What a batch does with each input: the CLI's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// One JSON object (zhnews/1) per article, indented when `pretty`.
    Analyze {
        /// Indent the JSON.
        pretty: bool,
    },
    /// The repaired, Simplified text; with `explain`, the repairs on stderr.
    Clean {
        /// List every repair on stderr.
        explain: bool,
    },
    /// The words, space-separated, a line per input line; or JSON with `json`.
    Segment {
        /// Print `{"id", "tokens": [{"w", "pos", "span"}]}`.
        json: bool,
    },
    /// Every number found: `{"id", "numbers": [{"text", "value", "kind", "span"}]}`.
    Numbers,
}

/// A batch run: the analyzer, the task and how records are written.
#[derive(Debug, Clone)]
pub struct Batch {
    analyzer: Analyzer,
    task: Task,
    /// The JSON Lines field that holds the article, for records of `clean` on JSON Lines.
    text_field: String,
    /// Inputs are JSON Lines records: `clean` and `segment` answer with records too.
    jsonl_input: bool,
    /// Worker threads; 0 for one per core.
    threads: usize,
}

/// What one input produced: text for stdout, a message for stderr, and whether it failed.
struct Outcome {
    stdout: String,
    stderr: String,
    failed: bool,
}

impl Batch {
    /// A batch of `task` over plain inputs, on one thread per core.
    pub fn new(analyzer: Analyzer, task: Task) -> Self {
        Batch {
            analyzer,
            task,
            text_field: "text".to_string(),
            jsonl_input: false,
            threads: 0,
        }
    }

    /// Inputs are JSON Lines records whose article is in `text_field`.
    pub fn jsonl_input(mut self, text_field: &str) -> Self {
        self.jsonl_input = true;
        self.text_field = text_field.to_string();
        self
    }

    /// Run on `threads` worker threads (0: one per core).
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Process every item and write its output to `out`, in order; `progress` is called with
    /// the number of items done after each one. `Ok(false)` when some input failed.
    pub fn run(
        &self,
        items: impl Iterator<Item = Item>,
        out: &mut impl Write,
        mut progress: impl FnMut(u64),
    ) -> io::Result<bool> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(io::Error::other)?;
        let mut all_ok = true;
        let mut done = 0;
        let mut items = items.peekable();
        while items.peek().is_some() {
            let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| self.process(item))
                    .collect()
            });
            for outcome in outcomes {
                out.write_all(outcome.stdout.as_bytes())?;
                if !outcome.stderr.is_empty() {
                    out.flush()?;
                    // Not eprint!, which panics when stderr is a closed pipe
                    // (`2> >(head -1)`); the records on stdout are the data, so go on.
                    let _ = io::stderr().write_all(outcome.stderr.as_bytes());
                }
                all_ok &= !outcome.failed;
                done += 1;
                progress(done);
            }
        }
        out.flush()?;
        Ok(all_ok)
    }

    fn process(&self, mut item: Item) -> Outcome {
        // Take the payload out; the id and the passthrough fields stay for the output record.
        let payload = std::mem::replace(&mut item.payload, Ok(Payload::Text(String::new())));
        let item = &item;
        match payload.and_then(|payload| self.run_item(&payload, item)) {
            Ok(outcome) => outcome,
            Err(error) => {
                let stderr = format!("zhnews: {}: {error}\n", id_text(&item.id));
                let json_out = match self.task {
                    Task::Analyze { .. } | Task::Numbers | Task::Segment { json: true } => true,
                    Task::Clean { .. } | Task::Segment { json: false } => self.jsonl_input,
                };
                let stdout = if json_out {
                    self.format_json(&error_record(&error, item))
                } else {
                    String::new()
                };
                Outcome {
                    stdout,
                    stderr,
                    failed: true,
                }
            }
        }
    }

    fn clean(&self, payload: &Payload) -> Result<Document, Error> {
        match payload {
            Payload::Bytes(bytes) => self.analyzer.clean_bytes(bytes),
            Payload::Text(text) => self.analyzer.try_clean(text),
        }
    }

    fn run_item(&self, payload: &Payload, item: &Item) -> Result<Outcome, Error> {
        let ok = |stdout: String, stderr: String| Outcome {
            stdout,
            stderr,
            failed: false,
        };
        let record = |result: Value| self.format_json(&output_record(result, item));
        match self.task {
            Task::Analyze { .. } => {
                let analysis = match payload {
                    Payload::Bytes(bytes) => self.analyzer.analyze_bytes(bytes)?,
                    Payload::Text(text) => self.analyzer.try_analyze(text)?,
                };
                let value = serde_json::to_value(&analysis).map_err(io::Error::other)?;
                Ok(ok(record(value), String::new()))
            }
            Task::Clean { explain } => {
                let document = self.clean(payload)?;
                let stderr = if explain {
                    explain_fixes(&item.id, &document)
                } else {
                    String::new()
                };
                if self.jsonl_input {
                    let result = json!({ self.text_field.as_str(): document.text });
                    return Ok(ok(record(result), stderr));
                }
                let mut text = document.text;
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                Ok(ok(text, stderr))
            }
            Task::Segment { json } => {
                let text = self.clean(payload)?.text;
                if json || self.jsonl_input {
                    let tokens: Vec<TokenOut> = self
                        .analyzer
                        .segment(&text)
                        .iter()
                        .map(|t| TokenOut::new(t, &text))
                        .collect();
                    return Ok(ok(record(json!({ "tokens": tokens })), String::new()));
                }
                let mut out = String::with_capacity(text.len() * 2);
                for line in text.lines() {
                    let tokens = self.analyzer.segment(line);
                    let words: Vec<&str> = tokens.iter().map(|t| t.word(line)).collect();
                    out.push_str(&words.join(" "));
                    out.push('\n');
                }
                Ok(ok(out, String::new()))
            }
            Task::Numbers => {
                let text = self.clean(payload)?.text;
                let numbers = self.analyzer.numbers(&text);
                Ok(ok(record(json!({ "numbers": numbers })), String::new()))
            }
        }
    }

    /// One JSON object, followed by a newline; indented only for `analyze` with `pretty`.
    fn format_json(&self, value: &Value) -> String {
        let pretty = self.task == Task::Analyze { pretty: true };
        let mut out = if pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        }
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        out = escape_line_breaks(out);
        out.push('\n');
        out
    }
}

/// Escape the characters some JSON Lines readers take for line ends (C1 controls such as
/// U+0085 NEL, U+2028, U+2029; Python's `str.splitlines` splits on them). They can only occur
/// inside JSON strings, where `\uXXXX` means the same.
fn escape_line_breaks(json: String) -> String {
    let breaks = |c: char| matches!(c, '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}');
    if !json.contains(breaks) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if breaks(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The id as a user would name the input.
fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The repairs of one article, one per line, for `clean --explain`.
fn explain_fixes(id: &Value, document: &Document) -> String {
    let mut out = format!(
        "{}: {} ({:.2}), script {:?}, {} kinds of change\n",
        id_text(id),
        document.encoding.name,
        document.encoding.confidence,
        document.script,
        document.fixes.as_slice().len()
    );
    for fix in document.fixes.as_slice() {
        let kind = serde_json::to_value(fix.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {kind:<24} {:?} -> {:?}  ×{}\n",
            fix.before, fix.after, fix.count
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_inside_strings_are_escaped() {
        assert_eq!(
            escape_line_breaks("\"a\u{2028}b\u{85}\"".into()),
            "\"a\\u2028b\\u0085\""
        );
        assert_eq!(escape_line_breaks("\"本溪\"".into()), "\"本溪\"");
    }

    #[test]
    fn a_bad_input_gives_an_error_record_and_the_batch_goes_on() {
        let batch = Batch::new(Analyzer::new(), Task::Numbers);
        let bad = Item {
            id: Value::from("bad"),
            payload: Err(Error::Io(io::Error::other("unreadable"))),
            passthrough: Default::default(),
        };
        let items = [bad, Item::text("good", "出动民警1872人次")];
        let mut out = Vec::new();
        assert!(!batch.run(items.into_iter(), &mut out, |_| {}).unwrap());
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("\"error\""), "{}", lines[0]);
        assert!(lines[1].contains("1872"), "{}", lines[1]);
    }
}
