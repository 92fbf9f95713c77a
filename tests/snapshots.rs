//! Snapshot test: every sample's analysis is byte for byte what `tests/snapshots/` holds.
//!
//! The snapshots are the program's own output, kept to prove that a change meant to change no
//! output (a refactor, a speed-up) changes none. They are not gold: the expectations written by
//! reading articles are in `tests/data/` and `tests/gold/`. A change that is meant to change
//! output rewrites them with `ZHNEWS_UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, and the
//! diff of `tests/snapshots/` goes into the commit for review.

use std::path::{Path, PathBuf};

use zhnews::{Analyzer, AnalyzerOptions};

/// Every `.txt` file under `samples/`, sorted.
fn sample_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
        &mut files,
    );
    files.sort();
    files
}

/// FNV-1a over the tokens as `word/pos/start-end` lines: the tokens are a large part of the
/// output, so the snapshot keeps their digest rather than the list.
fn token_digest(tokens: &[zhnews::document::TokenOut]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for token in tokens {
        let line = format!(
            "{}/{}/{}-{}\n",
            token.w, token.pos, token.span.start, token.span.end
        );
        for byte in line.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x} {}", tokens.len())
}

#[test]
fn every_sample_analyses_as_its_snapshot() {
    let analyzer = Analyzer::with_options(AnalyzerOptions {
        tokens: true,
        ..Default::default()
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("ZHNEWS_UPDATE_SNAPSHOTS").is_some();
    let files = sample_files();
    assert!(files.len() >= 40, "samples/ holds the sample articles");
    let mut differ = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("sample reads");
        let mut analysis = analyzer.analyze_bytes(&bytes).expect("sample analyses");
        let tokens = analysis.tokens.take().expect("tokens were asked for");
        let got = format!(
            "{}\n{}\n",
            serde_json::to_string(&analysis).expect("analysis serialises"),
            token_digest(&tokens)
        );
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("sample");
        let snapshot = dir.join(format!("{stem}.json"));
        if update {
            std::fs::create_dir_all(&dir).expect("snapshot folder");
            std::fs::write(&snapshot, &got).expect("snapshot writes");
            continue;
        }
        let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if got != want {
            differ.push(stem.to_string());
        }
    }
    assert!(
        differ.is_empty(),
        "analysis differs from tests/snapshots/ for {differ:?}: if the change is meant, \
         rewrite them with ZHNEWS_UPDATE_SNAPSHOTS=1 cargo test --test snapshots and review \
         the diff"
    );
}
