//! The `zhnews` command: parses flags, reads inputs, calls the library, prints.

use std::io::{self, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde_json::{Value, json};

use zhnews::batch::{self, Item, Payload};
use zhnews::document::{Document, TokenOut};
use zhnews::segment::segmenter;
use zhnews::{Analyzer, AnalyzerOptions, Error};

/// Turn scraped Chinese government news into clean, structured data.
///
/// Reads articles from files, directories (recursively) or standard input, in any common
/// encoding (UTF-8, GBK/GB18030, Big5, UTF-16), repairs mojibake, converts Traditional to
/// Simplified, and prints JSON (schema zhnews/1) or clean text. A bad input gives an error
/// record and the batch goes on; the exit status is 0 when every input succeeded, 1 when any
/// failed, 2 for usage errors.
#[derive(Parser)]
#[command(name = "zhnews", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles: one JSON object (zhnews/1) per article.
    Analyze {
        #[command(flatten)]
        input: InputArgs,
        /// One JSON object per line (the default when there are several inputs).
        #[arg(long)]
        jsonl: bool,
        /// Indent the JSON (ignored with --jsonl).
        #[arg(long)]
        pretty: bool,
        /// Include the tokens with their POS tags and spans.
        #[arg(long)]
        tokens: bool,
    },
    /// Print the repaired, Simplified text of each article.
    Clean {
        #[command(flatten)]
        input: InputArgs,
        /// Also list every repair on stderr, readably.
        #[arg(long)]
        explain: bool,
    },
    /// Print the words of each article, space-separated, one output line per input line.
    Segment {
        #[command(flatten)]
        input: InputArgs,
        /// Print JSON ({"id", "tokens": [{"w", "pos", "span"}]}) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print every number found: {"id", "numbers": [{"text", "value", "kind", "span"}]}.
    Numbers {
        #[command(flatten)]
        input: InputArgs,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Each file (or stdin) is one article, in any supported encoding.
    Text,
    /// Each line is a JSON object holding an article in --text-field.
    Jsonl,
}

#[derive(Args)]
struct InputArgs {
    /// Files or directories to read (directories recurse; hidden files are skipped).
    /// Standard input when none is given.
    paths: Vec<PathBuf>,
    /// How inputs are read.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,
    /// With --input jsonl: the field holding the article; other fields pass through.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    text_field: String,
    /// Keep Traditional characters (repairs still run).
    #[arg(long)]
    no_convert: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// Refuse articles larger than this many bytes (16 MiB by default), with an error record
    /// of kind too_large; a file is read no further than that. A JSON Lines line longer than
    /// 4 times the limit is skipped unread, also as too_large.
    #[arg(long, default_value_t = zhnews::analysis::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_bytes: usize,
}

/// What one input produced: text for stdout, a message for stderr, and whether it failed.
struct Outcome {
    stdout: String,
    stderr: String,
    failed: bool,
}

/// How many inputs are read, processed in parallel, and printed at a time.
const CHUNK: usize = 256;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A closed pipe (`zhnews … | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhnews: {e}");
            ExitCode::from(1)
        }
    }
}

/// Run a command; `Ok(false)` when some input failed.
fn run(cli: Cli) -> io::Result<bool> {
    let (input, mode) = match cli.command {
        Command::Analyze {
            input,
            jsonl,
            pretty,
            tokens,
        } => (
            input,
            Mode::Analyze {
                jsonl,
                pretty,
                tokens,
            },
        ),
        Command::Clean { input, explain } => (input, Mode::Clean { explain }),
        Command::Segment { input, json } => (input, Mode::Segment { json }),
        Command::Numbers { input } => (input, Mode::Numbers),
    };
    let options = AnalyzerOptions {
        convert: !input.no_convert,
        tokens: matches!(mode, Mode::Analyze { tokens: true, .. }),
        max_bytes: input.max_bytes,
    };
    let analyzer = Analyzer::with_options(options);
    // Load the big tables while the input is read and cleaned (cold start of one file).
    match mode {
        Mode::Analyze { .. } => Analyzer::preload(),
        Mode::Segment { .. } => Analyzer::preload_segmenter(),
        Mode::Clean { .. } | Mode::Numbers => {}
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(input.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;

    let files = batch::expand_paths(&input.paths);
    let several = files.len() > 1 || input.input == InputFormat::Jsonl;
    let items: Box<dyn Iterator<Item = Item>> = match (input.input, input.paths.is_empty()) {
        (InputFormat::Text, true) => {
            let payload = batch::read_article(None, input.max_bytes);
            let item = Item {
                id: Value::from("-"),
                payload,
                passthrough: Default::default(),
            };
            Box::new(std::iter::once(item))
        }
        (InputFormat::Text, false) => Box::new(batch::file_items(files, input.max_bytes)),
        (InputFormat::Jsonl, true) => Box::new(batch::jsonl_items(
            io::stdin().lock(),
            &input.text_field,
            None,
            input.max_bytes,
        )),
        (InputFormat::Jsonl, false) => {
            let (text_field, max_bytes) = (input.text_field.clone(), input.max_bytes);
            Box::new(files.into_iter().flat_map(move |(path, error)| {
                jsonl_file_items(path, error, &text_field, max_bytes)
            }))
        }
    };
    let context = Context {
        analyzer,
        mode,
        text_field: input.text_field.clone(),
        jsonl_input: input.input == InputFormat::Jsonl,
        several,
    };
    let progress = progress_bar(several);
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let mut items = items.peekable();
    while items.peek().is_some() {
        let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|item| context.process(item))
                .collect()
        });
        for outcome in outcomes {
            stdout.write_all(outcome.stdout.as_bytes())?;
            if !outcome.stderr.is_empty() {
                stdout.flush()?;
                // Not eprint!, which panics when stderr is a closed pipe
                // (`2> >(head -1)`); the records on stdout are the data, so go on.
                let _ = io::stderr().write_all(outcome.stderr.as_bytes());
            }
            all_ok &= !outcome.failed;
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        }
    }
    stdout.flush()?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(all_ok)
}

/// The records of one JSON Lines file, or one error item when it cannot be opened.
fn jsonl_file_items(
    path: PathBuf,
    error: Option<io::Error>,
    text_field: &str,
    max_bytes: usize,
) -> Box<dyn Iterator<Item = Item> + 'static> {
    let opened = match error {
        Some(e) => Err(e),
        None => std::fs::File::open(&path),
    };
    match opened {
        Ok(file) => Box::new(batch::jsonl_items(
            BufReader::new(file),
            text_field,
            Some(path.display().to_string()),
            max_bytes,
        )),
        Err(e) => Box::new(std::iter::once(Item {
            id: batch::path_id(&path),
            payload: Err(Error::Io(e)),
            passthrough: Default::default(),
        })),
    }
}

/// A progress bar on stderr, only when it is a terminal and there is more than one input.
fn progress_bar(several: bool) -> Option<indicatif::ProgressBar> {
    if !several || !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    Some(bar)
}

#[derive(Clone, Copy)]
enum Mode {
    Analyze {
        jsonl: bool,
        pretty: bool,
        tokens: bool,
    },
    Clean {
        explain: bool,
    },
    Segment {
        json: bool,
    },
    Numbers,
}

struct Context {
    analyzer: Analyzer,
    mode: Mode,
    text_field: String,
    jsonl_input: bool,
    several: bool,
}

impl Context {
    fn process(&self, mut item: Item) -> Outcome {
        // Take the payload out; the id and the passthrough fields stay for the output record.
        let payload = std::mem::replace(&mut item.payload, Ok(Payload::Text(String::new())));
        let item = &item;
        match payload.and_then(|payload| self.run_item(&payload, item)) {
            Ok(outcome) => outcome,
            Err(error) => {
                let name = id_text(&item.id);
                let stderr = format!("zhnews: {name}: {error}\n");
                let json_out = match self.mode {
                    Mode::Analyze { .. } | Mode::Numbers => true,
                    Mode::Clean { .. } | Mode::Segment { json: false } => self.jsonl_input,
                    Mode::Segment { json: true } => true,
                };
                let stdout = if json_out {
                    self.format_json(&batch::error_record(&error, item))
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
        match self.mode {
            Mode::Analyze { .. } => {
                let analysis = match payload {
                    Payload::Bytes(bytes) => self.analyzer.analyze_bytes(bytes)?,
                    Payload::Text(text) => self.analyzer.try_analyze(text)?,
                };
                let value = serde_json::to_value(&analysis).map_err(io::Error::other)?;
                let record = batch::output_record(value, item);
                Ok(ok(self.format_json(&record), String::new()))
            }
            Mode::Clean { explain } => {
                let document = self.clean(payload)?;
                let stderr = if explain {
                    explain_fixes(&item.id, &document)
                } else {
                    String::new()
                };
                if self.jsonl_input {
                    let result = json!({ self.text_field.as_str(): document.text });
                    let record = batch::output_record(result, item);
                    return Ok(ok(self.format_json(&record), stderr));
                }
                let mut text = document.text;
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                Ok(ok(text, stderr))
            }
            Mode::Segment { json } => {
                let document = self.clean(payload)?;
                if json || self.jsonl_input {
                    let text = &document.text;
                    let tokens: Vec<TokenOut> = segmenter()
                        .tag(text)
                        .iter()
                        .map(|t| TokenOut::new(t, text))
                        .collect();
                    let result = json!({ "tokens": tokens });
                    let record = batch::output_record(result, item);
                    return Ok(ok(self.format_json(&record), String::new()));
                }
                let mut out = String::with_capacity(document.text.len() * 2);
                for line in document.text.lines() {
                    let words: Vec<&str> =
                        segmenter().tag(line).iter().map(|t| t.word(line)).collect();
                    out.push_str(&words.join(" "));
                    out.push('\n');
                }
                Ok(ok(out, String::new()))
            }
            Mode::Numbers => {
                let document = self.clean(payload)?;
                let numbers = zhnews::numbers::find(&document.text);
                let record = batch::output_record(json!({ "numbers": numbers }), item);
                Ok(ok(self.format_json(&record), String::new()))
            }
        }
    }

    /// One JSON object, followed by a newline; indented only for a single analysis with
    /// `--pretty` and without `--jsonl`.
    fn format_json(&self, value: &Value) -> String {
        let pretty = matches!(
            self.mode,
            Mode::Analyze {
                pretty: true,
                jsonl: false,
                ..
            }
        ) && !self.several;
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
    let name = id_text(id);
    let mut out = format!(
        "{name}: {} ({:.2}), script {:?}, {} kinds of change\n",
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
