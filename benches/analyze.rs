//! Throughput of `analyze` (and of its stages) on the seed article and on ~1 MB of sample
//! articles, beside jieba-rs `tag` alone on the same text. Criterion prints MiB/s.
//!
//!     cargo bench --bench analyze

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhnews::Analyzer;

const SEED: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.txt");
const SEED_CLEAN: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.clean.txt");

/// The Simplified sample articles, repeated to about 1 MB.
fn megabyte() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/zh-hans");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut text = String::new();
    while text.len() < 1_000_000 {
        for article in &articles {
            text.push_str(article);
            text.push('\n');
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let jieba = zhnews::segment::segmenter().jieba();
    // Load every table before timing.
    black_box(analyzer.analyze(SEED));
    let big = megabyte();

    let mut group = c.benchmark_group("seed");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("analyze (scraped, Traditional, damaged)", |b| {
        b.iter(|| analyzer.analyze(black_box(SEED)))
    });
    group.bench_function("clean (scraped)", |b| {
        b.iter(|| analyzer.clean(black_box(SEED)))
    });
    group.throughput(Throughput::Bytes(SEED_CLEAN.len() as u64));
    group.bench_function("analyze (clean Simplified)", |b| {
        b.iter(|| analyzer.analyze(black_box(SEED_CLEAN)))
    });
    group.bench_function("jieba-rs tag alone (clean)", |b| {
        b.iter(|| jieba.tag(black_box(SEED_CLEAN), true))
    });
    let tokens = zhnews::segment::segmenter().tag(SEED_CLEAN);
    group.bench_function("structure (clean)", |b| {
        b.iter(|| zhnews::structure::analyze(black_box(SEED_CLEAN)))
    });
    group.bench_function("keywords (clean)", |b| {
        b.iter(|| zhnews::keywords::keywords(black_box(SEED_CLEAN), &tokens, 10))
    });
    group.finish();

    let mut group = c.benchmark_group("1MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("analyze", |b| b.iter(|| analyzer.analyze(black_box(&big))));
    group.bench_function("clean", |b| b.iter(|| analyzer.clean(black_box(&big))));
    group.bench_function("jieba-rs tag alone", |b| {
        b.iter(|| {
            big.lines()
                .map(|line| jieba.tag(black_box(line), true).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
