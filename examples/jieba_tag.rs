//! jieba-rs alone, as the baseline of `bench/compare.sh`: POS-tag the `text` of every JSON
//! Lines record on stdin (HMM on, as zhnews runs it) and print the token count of each.
//!
//!     cargo run --release --example jieba_tag < articles.jsonl
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let jieba = jieba_rs::Jieba::new();
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = record["text"].as_str().unwrap_or_default();
        writeln!(out, "{}", jieba.tag(text, true).len())?;
    }
    Ok(())
}
