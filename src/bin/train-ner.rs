//! Train (and evaluate) the statistical entity tagger, `zhnews::entities::model`.
//!
//! ```text
//! cargo run --release --bin train-ner -- \
//!     --msra ../shared/data/msra_ner/train/msra_train_bio.txt.gz \
//!     [--people-daily ../shared/data/people_daily_1998/renmin1998_ner_clauses.train] \
//!     [--cluener ../shared/data/cluener2020/train.jsonl] \
//!     [--epochs 10] [--min-count 2] [--seed 1] \
//!     --out dicts/ner.model \
//!     [--eval ../shared/data/msra_ner/msra_test_bio.txt --eval ../shared/data/people_daily_ner/example.test]
//! ```
//!
//! Reads training splits only: MSRA NER train (`CHAR<TAB>TAG` BIO, gzipped or not), optionally
//! the People's Daily 1998 NER clauses (`CHAR TAG`, `B_nr`/`M_nr`/`E_nr`) and CLUENER2020 train
//! (JSON lines; name → PER, address → LOC, organization/government/company → ORG, the other
//! types are `O`). Writes the quantised model to `--out`.
//!
//! Without `--msra` it evaluates an existing model: `--model PATH`, or the embedded one.
//!
//! `--eval PATH` (repeatable) reads a BIO file for scoring only — exact span and type match,
//! P/R/F1 per type and overall — and times tagging of all eval sentences joined into one text
//! (MB/s of UTF-8 on one core).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use flate2::read::GzDecoder;
use zhnews::document::Span;
use zhnews::entities::lexicon::lexicon_codes;
use zhnews::entities::model::{self, EntityKind, NerModel, spans_from_bio};
use zhnews::segment::Segmenter;
use zhnews::train::{Example, TrainOptions, train};

#[derive(Parser)]
#[command(
    name = "train-ner",
    about = "Train and evaluate the zhnews entity tagger"
)]
struct Args {
    /// MSRA NER train split (BIO, `CHAR<TAB>TAG`; `.gz` is read gzipped).
    #[arg(long)]
    msra: Option<PathBuf>,
    /// People's Daily 1998 NER clauses (train split).
    #[arg(long)]
    people_daily: Option<PathBuf>,
    /// CLUENER2020 train.jsonl.
    #[arg(long)]
    cluener: Option<PathBuf>,
    /// Where to write the trained model.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Evaluate this model file instead of training (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// BIO files to score on (repeatable). Read for scoring only.
    #[arg(long)]
    eval: Vec<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Use only features seen at least this often.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// log2 of the number of feature buckets (2^20 = 32 MiB in memory).
    #[arg(long, default_value_t = model::DEFAULT_BITS)]
    bits: u32,
    /// Lower the score of `O` by this much (weight units) before writing / evaluating.
    #[arg(long, default_value_t = 0.0)]
    o_penalty: f32,
    /// Shuffle seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-ner: {e}");
            ExitCode::FAILURE
        }
    }
}

type BoxError = Box<dyn std::error::Error>;

fn run(args: Args) -> Result<(), BoxError> {
    let trained;
    let model: &NerModel = if let Some(msra) = &args.msra {
        let mut examples = read_bio(msra)?;
        eprintln!(
            "train-ner: {}: {} sentences",
            msra.display(),
            examples.len()
        );
        if let Some(pd) = &args.people_daily {
            let more = read_bio(pd)?;
            eprintln!("train-ner: {}: {} clauses", pd.display(), more.len());
            examples.extend(more);
        }
        if let Some(cl) = &args.cluener {
            let more = read_cluener(cl)?;
            eprintln!("train-ner: {}: {} records", cl.display(), more.len());
            examples.extend(more);
        }
        let options = TrainOptions {
            epochs: args.epochs,
            min_count: args.min_count,
            bits: args.bits,
            seed: args.seed,
            verbose: true,
        };
        let start = Instant::now();
        let mut model = train(&examples, &options);
        model.penalize_outside(args.o_penalty);
        trained = model;
        eprintln!(
            "train-ner: trained in {:.1} s; {} of {} buckets used",
            start.elapsed().as_secs_f64(),
            trained.num_features(),
            trained.num_buckets()
        );
        if let Some(out) = &args.out {
            let bytes = trained.to_bytes();
            std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            eprintln!("train-ner: wrote {} ({} bytes)", out.display(), bytes.len());
        }
        &trained
    } else if let Some(path) = &args.model {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut model =
            NerModel::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        model.penalize_outside(args.o_penalty);
        trained = model;
        &trained
    } else {
        trained = NerModel::embedded();
        &trained
    };

    let mut all_text = String::new();
    for path in &args.eval {
        let examples = read_bio(path)?;
        let score = evaluate(model, &examples);
        println!("{}", path.display());
        print!("{score}");
        for e in &examples {
            all_text.push_str(&e.text);
            all_text.push('\n');
        }
    }
    if !all_text.is_empty() {
        // At least 3 MB of text, timed on one thread.
        let repeats = (3_000_000 / all_text.len()).max(1);
        let text = all_text.repeat(repeats);
        // Best of 5, on the thread's CPU clock where Linux gives one: the machine is shared,
        // and wall time counts the time other processes had the core.
        let (mut secs, mut cpu, mut found) = (f64::MAX, f64::MAX, 0);
        for _ in 0..5 {
            let (start, start_cpu) = (Instant::now(), thread_cpu_seconds());
            found = model.tag(&text).len();
            secs = secs.min(start.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (start_cpu, thread_cpu_seconds()) {
                cpu = cpu.min(b - a);
            }
        }
        let mb = text.len() as f64 / 1e6;
        println!(
            "speed: {mb:.2} MB; wall {secs:.3} s = {:.1} MB/s; CPU {cpu:.3} s = {:.1} MB/s (best of 5; {found} mentions)",
            mb / secs,
            mb / cpu
        );
    }
    Ok(())
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, first field in ns).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Open a file, through gzip when its name ends in `.gz`.
fn open(path: &Path) -> Result<Box<dyn BufRead>, BoxError> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

/// Sentences of a char-per-line file (`CHAR<TAB or space>LABEL`, blank line between
/// sentences), labels BIO (`B-PER`) or PKU-style (`B_nr`, `M_nr`, `E_nr`).
fn read_bio(path: &Path) -> Result<Vec<Example>, BoxError> {
    let mut examples = read_bio_text(path)?;
    add_lexicon(&mut examples);
    Ok(examples)
}

/// Give each example the lexicon codes of its chars, from our segmenter: what the tagger sees
/// at run time.
fn add_lexicon(examples: &mut [Example]) {
    let segmenter = Segmenter::new();
    for e in examples {
        e.lexicon = lexicon_codes(&segmenter.tag(&e.text), e.text.chars().count());
    }
}

/// [`read_bio`] without the lexicon.
fn read_bio_text(path: &Path) -> Result<Vec<Example>, BoxError> {
    let mut examples = Vec::new();
    let (mut text, mut labels) = (String::new(), Vec::<String>::new());
    let mut flush = |text: &mut String, labels: &mut Vec<String>| {
        if !text.is_empty() {
            examples.push(Example {
                text: std::mem::take(text),
                spans: spans_from_bio(labels),
                lexicon: Vec::new(),
            });
        }
        labels.clear();
    };
    for (n, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut text, &mut labels);
            continue;
        }
        let Some((ch, label)) = line.rsplit_once([' ', '\t']) else {
            return Err(format!("{}:{}: want `CHAR LABEL`", path.display(), n + 1).into());
        };
        let Some(c) = ch.chars().next() else {
            continue;
        };
        text.push(c);
        labels.push(label.to_string());
    }
    flush(&mut text, &mut labels);
    Ok(examples)
}

/// CLUENER2020 records mapped to PER/LOC/ORG.
fn read_cluener(path: &Path) -> Result<Vec<Example>, BoxError> {
    let mut examples = Vec::new();
    for (n, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let text = record["text"].as_str().unwrap_or_default().to_string();
        let mut spans = Vec::new();
        if let Some(labels) = record["label"].as_object() {
            for (kind, surfaces) in labels {
                let kind = match kind.as_str() {
                    "name" => EntityKind::Person,
                    "address" => EntityKind::Location,
                    "organization" | "government" | "company" => EntityKind::Organization,
                    _ => continue,
                };
                for ranges in surfaces.as_object().into_iter().flat_map(|s| s.values()) {
                    for range in ranges.as_array().into_iter().flatten() {
                        let (Some(s), Some(e)) = (range[0].as_u64(), range[1].as_u64()) else {
                            continue;
                        };
                        spans.push((Span::new(s as usize, e as usize + 1), kind));
                    }
                }
            }
        }
        spans.sort_by_key(|(s, _)| s.start);
        examples.push(Example {
            text,
            spans,
            lexicon: Vec::new(),
        });
    }
    add_lexicon(&mut examples);
    Ok(examples)
}

/// True positives, predicted and gold counts per kind.
#[derive(Default)]
struct Score {
    counts: [[usize; 3]; 3],
}

impl Score {
    fn line(f: &mut std::fmt::Formatter<'_>, name: &str, c: [usize; 3]) -> std::fmt::Result {
        let [tp, pred, gold] = c.map(|v| v as f64);
        let p = if pred > 0.0 { tp / pred } else { 0.0 };
        let r = if gold > 0.0 { tp / gold } else { 0.0 };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        writeln!(
            f,
            "  {name:<4} P {p:.4}  R {r:.4}  F1 {f1:.4}   (tp {} pred {} gold {})",
            c[0], c[1], c[2]
        )
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut total = [0usize; 3];
        for (kind, c) in EntityKind::ALL.iter().zip(self.counts) {
            Score::line(f, kind.label(), c)?;
            for (t, v) in total.iter_mut().zip(c) {
                *t += v;
            }
        }
        Score::line(f, "all", total)
    }
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Location => 1,
        EntityKind::Organization => 2,
    }
}

/// Exact span + kind match, each sentence tagged on its own.
fn evaluate(model: &NerModel, examples: &[Example]) -> Score {
    let mut score = Score::default();
    for e in examples {
        let predicted: Vec<(Span, EntityKind)> = model
            .tag_with_lexicon(&e.text, &e.lexicon)
            .iter()
            .map(|m| (m.span, m.kind))
            .collect();
        for &(span, kind) in &predicted {
            score.counts[kind_index(kind)][1] += 1;
            if e.spans.contains(&(span, kind)) {
                score.counts[kind_index(kind)][0] += 1;
            }
        }
        for &(_, kind) in &e.spans {
            score.counts[kind_index(kind)][2] += 1;
        }
    }
    score
}
