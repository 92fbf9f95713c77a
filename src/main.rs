//! The `zhnews` command: parses flags, reads inputs, calls the library, prints.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use zhnews::batch::run::{Batch, Task};
use zhnews::batch::{self, InputFormat};
use zhnews::{Analyzer, AnalyzerOptions};

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

/// How inputs are read.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Input {
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
    #[arg(long, value_enum, default_value_t = Input::Text)]
    input: Input,
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

fn main() -> ExitCode {
    match run(Cli::parse()) {
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
    let (input, task, jsonl, tokens) = match cli.command {
        Command::Analyze {
            input,
            jsonl,
            pretty,
            tokens,
        } => (input, Task::Analyze { pretty }, jsonl, tokens),
        Command::Clean { input, explain } => (input, Task::Clean { explain }, false, false),
        Command::Segment { input, json } => (input, Task::Segment { json }, false, false),
        Command::Numbers { input } => (input, Task::Numbers, false, false),
    };
    let analyzer = Analyzer::with_options(AnalyzerOptions {
        convert: !input.no_convert,
        tokens,
        max_bytes: input.max_bytes,
    });
    // Load the big tables while the input is read and cleaned (cold start of one file).
    match task {
        Task::Analyze { .. } => analyzer.preload(),
        Task::Segment { .. } => analyzer.preload_segmenter(),
        Task::Clean { .. } | Task::Numbers => {}
    }
    let format = match input.input {
        Input::Text => InputFormat::Text,
        Input::Jsonl => InputFormat::Jsonl,
    };
    let (items, several) = batch::inputs(&input.paths, format, &input.text_field, input.max_bytes);
    // One indented object only for a single analysis without --jsonl.
    let task = match task {
        Task::Analyze { pretty } => Task::Analyze {
            pretty: pretty && !jsonl && !several,
        },
        other => other,
    };
    let mut batch = Batch::new(analyzer, task).threads(input.threads.unwrap_or(0));
    if format == InputFormat::Jsonl {
        batch = batch.jsonl_input(&input.text_field);
    }
    let progress = progress_bar(several);
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let all_ok = batch.run(items, &mut stdout, |done| {
        if let Some(bar) = &progress {
            bar.set_position(done);
        }
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(all_ok)
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
