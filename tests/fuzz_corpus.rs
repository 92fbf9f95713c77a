//! Replays the fuzzing corpus as ordinary tests: every file in `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through the same function the fuzz target calls (see
//! `fuzz/src/lib.rs`), so an input that once crashed zhnews stays fixed without a fuzzer.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Every file under `fuzz/<kind>/<target>/`, run through its target; how many there were.
fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind);
    let mut count = 0;
    for &(name, target) in targets::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name} fails on {}", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn corpus_seeds_pass_every_target() {
    let count = replay("corpus");
    assert!(count >= 7, "a seed for each target, found {count}");
}

#[test]
fn regressions_stay_fixed() {
    replay("regressions");
}

#[test]
fn every_target_has_a_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for &(name, _) in targets::TARGETS {
        let dir = root.join(name);
        let files = std::fs::read_dir(&dir).map_or(0, |entries| entries.count());
        assert!(files > 0, "no seeds in {}", dir.display());
        let binary = root
            .parent()
            .unwrap()
            .join("fuzz_targets")
            .join(format!("{name}.rs"));
        assert!(binary.exists(), "no fuzz target {}", binary.display());
    }
}
