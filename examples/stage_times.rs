//! Time each stage of `analyze`, one article at a time, over the given files and directories
//! (default: the repaired seed article). Also a target for profilers (`valgrind --tool=callgrind`).
//!
//!     cargo run --release --example stage_times [-n ROUNDS] [PATH…]
use std::path::PathBuf;
use std::time::Instant;

use zhnews::document::Doc;
use zhnews::entities::grammar;

fn time(label: &str, rounds: u32, mut f: impl FnMut() -> usize) {
    f();
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(f());
    }
    println!(
        "{label:<12} {:>9.1} µs",
        start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 20;
    if args.first().is_some_and(|a| a == "-n") && args.len() >= 2 {
        rounds = args[1].parse().expect("a number of rounds");
        args.drain(..2);
    }
    if args.is_empty() {
        args.push("samples/seed/000_c938a646bbbd01ba.clean.txt".into());
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("readable directory")
                .map(|e| e.expect("directory entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            inside.sort();
            paths.extend(inside);
        } else {
            paths.push(path);
        }
    }
    let raw: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable UTF-8 file"))
        .collect();
    let analyzer = zhnews::Analyzer::new();
    let texts: Vec<String> = raw.iter().map(|t| analyzer.clean(t).text).collect();
    let tokens: Vec<_> = texts.iter().map(|t| analyzer.segment(t)).collect();
    let lexicons: Vec<Vec<u32>> = texts
        .iter()
        .zip(&tokens)
        .map(|(t, k)| zhnews::entities::lexicon::lexicon_codes(k, t.chars().count()))
        .collect();
    let docs: Vec<Doc> = texts
        .iter()
        .zip(&tokens)
        .map(|(t, k)| Doc::new(t).with_tokens(k.clone()))
        .collect();
    let places: Vec<_> = texts
        .iter()
        .zip(&tokens)
        .map(|(t, k)| analyzer.resources().gazetteer().find(t, k))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} articles, {bytes} bytes, {rounds} rounds", texts.len());
    let n = rounds;
    // The articles that take `clean` longest: where repair work concentrates.
    let mut slowest: Vec<(f64, &PathBuf)> = raw
        .iter()
        .zip(&paths)
        .map(|(text, path)| {
            let start = Instant::now();
            for _ in 0..n {
                std::hint::black_box(analyzer.clean(text));
            }
            (start.elapsed().as_secs_f64() * 1e6 / f64::from(n), path)
        })
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (micros, path) in slowest.iter().take(3) {
        println!("clean {micros:>9.1} µs  {}", path.display());
    }
    let each = |f: &dyn Fn(usize) -> usize| (0..texts.len()).map(f).sum::<usize>();
    time("clean", n, || each(&|i| analyzer.clean(&raw[i]).text.len()));
    time("tag", n, || each(&|i| analyzer.segment(&texts[i]).len()));
    time("text layer", n, || each(&|i| Doc::new(&texts[i]).len()));
    time("structure", n, || {
        each(&|i| zhnews::structure::analyze(&docs[i]).sections.len())
    });
    time("keywords", n, || {
        each(&|i| zhnews::keywords::keywords(&texts[i], &tokens[i], 10).len())
    });
    time("numbers", n, || {
        each(&|i| zhnews::numbers::find(&texts[i]).len())
    });
    time("dates", n, || {
        each(&|i| zhnews::dates::find(&docs[i], None).len())
    });
    time("statistics", n, || {
        each(&|i| {
            let dates: Vec<_> = zhnews::dates::find(&docs[i], None)
                .iter()
                .map(|d| d.span)
                .collect();
            zhnews::statistics::find(&docs[i], &[], &dates).len()
        })
    });
    time("places", n, || {
        each(&|i| {
            analyzer
                .resources()
                .gazetteer()
                .find(&texts[i], &tokens[i])
                .len()
        })
    });
    time("orgs", n, || {
        each(&|i| grammar::organizations(&docs[i], &places[i], None).len())
    });
    time("streets", n, || {
        each(&|i| grammar::streets(&docs[i], &places[i]).len())
    });
    time("people", n, || {
        each(&|i| grammar::masked_people(&docs[i]).len())
    });
    time("works", n, || each(&|i| grammar::works(&docs[i]).len()));
    time("ner model", n, || {
        each(&|i| {
            let lexicon = &lexicons[i];
            analyzer
                .resources()
                .tagger()
                .tag_with_lexicon(&texts[i], lexicon)
                .len()
        })
    });
    time("entities", n, || {
        each(&|i| {
            zhnews::entities::extract(
                &docs[i],
                analyzer.resources().gazetteer(),
                analyzer.resources().tagger(),
            )
            .len()
        })
    });
    time("quoted", n, || {
        each(&|i| zhnews::entities::quoted_terms(&docs[i]).len())
    });
    time("analyze", n, || {
        each(&|i| analyzer.analyze(&raw[i]).text.len())
    });
    time("json", n, || {
        each(&|i| serde_json::to_string(&analyzer.analyze(&raw[i])).map_or(0, |s| s.len()))
    });
}
