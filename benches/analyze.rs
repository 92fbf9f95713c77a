//! Throughput of `analyze` and of each of its stages, beside jieba-rs `tag` alone on the same
//! text. Criterion prints MiB/s.
//!
//!     cargo bench --bench analyze                 # everything
//!     cargo bench --bench analyze -- corpus/      # one group
//!
//! Groups:
//! - `corpus`: the sample articles (Simplified, Traditional and the seed), one article at a time,
//!   as a crawler calls the library. The issue-8 ratio is `corpus/analyze + json` over
//!   `corpus/jieba-rs tag alone`.
//! - `seed`: the scraped seed article, damaged and clean.
//! - `1MB`: the Simplified samples repeated to about 1 MB as one text.
//! - `damaged`: `clean` on eight Simplified articles, clean and as each kind of mojibake
//!   (throughput counted in bytes of the original articles, so the rows compare).

use std::hint::black_box;
use zhnews::document::Doc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhnews::Analyzer;
use zhnews::entities::grammar;

const SEED: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.txt");
const SEED_CLEAN: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.clean.txt");

/// The `.txt` articles in `samples/<dir>`, in name order.
fn articles(dir: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 sample"))
        .collect()
}

/// The Simplified sample articles, repeated to about 1 MB.
fn megabyte() -> String {
    let articles = articles("zh-hans");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        for article in &articles {
            text.push_str(article);
            text.push('\n');
        }
    }
    text
}

fn bench_corpus(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let tables = analyzer.resources();
    let segmenter = tables.segmenter();
    let jieba = segmenter.jieba();
    let mut raw = articles("zh-hans");
    raw.extend(articles("zh-hant"));
    raw.push(SEED.to_string());
    // Stages after cleaning run on the cleaned text, as in `analyze`.
    let texts: Vec<String> = raw.iter().map(|a| analyzer.clean(a).text).collect();
    let tokens: Vec<_> = texts.iter().map(|t| segmenter.tag(t)).collect();
    let places: Vec<_> = texts
        .iter()
        .zip(&tokens)
        .map(|(t, k)| tables.gazetteer().find(t, k))
        .collect();
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
    let dates: Vec<Vec<_>> = docs
        .iter()
        .map(|d| {
            zhnews::dates::find(d, None)
                .iter()
                .map(|m| m.span)
                .collect()
        })
        .collect();
    black_box(tables.tagger());

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(
        texts.iter().map(|t| t.len() as u64).sum(),
    ));
    let each = |f: &dyn Fn(usize) -> usize| (0..texts.len()).map(f).sum::<usize>();
    group.bench_function("jieba-rs tag alone", |b| {
        b.iter(|| each(&|i| jieba.tag(black_box(&texts[i]), true).len()))
    });
    group.bench_function("analyze + json", |b| {
        b.iter(|| {
            each(&|i| {
                let analysis = analyzer.analyze(black_box(&raw[i]));
                serde_json::to_string(&analysis).map_or(0, |s| s.len())
            })
        })
    });
    group.bench_function("analyze", |b| {
        b.iter(|| each(&|i| analyzer.analyze(black_box(&raw[i])).text.len()))
    });
    group.bench_function("clean", |b| {
        b.iter(|| each(&|i| analyzer.clean(black_box(&raw[i])).text.len()))
    });
    group.bench_function("segment", |b| {
        b.iter(|| each(&|i| segmenter.tag(black_box(&texts[i])).len()))
    });
    group.bench_function("text layer", |b| {
        b.iter(|| each(&|i| Doc::new(black_box(&texts[i])).len()))
    });
    group.bench_function("structure", |b| {
        b.iter(|| {
            each(&|i| {
                zhnews::structure::analyze(black_box(&docs[i]))
                    .sections
                    .len()
            })
        })
    });
    group.bench_function("keywords", |b| {
        b.iter(|| each(&|i| zhnews::keywords::keywords(&texts[i], &tokens[i], 10).len()))
    });
    group.bench_function("numbers", |b| {
        b.iter(|| each(&|i| zhnews::numbers::find(black_box(&texts[i])).len()))
    });
    group.bench_function("dates", |b| {
        b.iter(|| each(&|i| zhnews::dates::find(black_box(&docs[i]), None).len()))
    });
    group.bench_function("statistics", |b| {
        b.iter(|| each(&|i| zhnews::statistics::find(&docs[i], &[], &dates[i]).len()))
    });
    group.bench_function("entities", |b| {
        b.iter(|| {
            each(&|i| {
                zhnews::entities::extract(&docs[i], tables.gazetteer(), tables.tagger()).len()
            })
        })
    });
    group.bench_function("entities: places", |b| {
        b.iter(|| each(&|i| tables.gazetteer().find(&texts[i], &tokens[i]).len()))
    });
    group.bench_function("entities: organisations", |b| {
        b.iter(|| each(&|i| grammar::organizations(&docs[i], &places[i], None).len()))
    });
    group.bench_function("entities: streets", |b| {
        b.iter(|| each(&|i| grammar::streets(&docs[i], &places[i]).len()))
    });
    group.bench_function("entities: people", |b| {
        b.iter(|| each(&|i| grammar::masked_people(&docs[i]).len()))
    });
    group.bench_function("entities: works", |b| {
        b.iter(|| each(&|i| grammar::works(&docs[i]).len()))
    });
    group.bench_function("entities: model", |b| {
        b.iter(|| {
            each(&|i| {
                let lexicon = &lexicons[i];
                tables
                    .tagger()
                    .tag_with_lexicon(black_box(&texts[i]), lexicon)
                    .len()
            })
        })
    });
    group.bench_function("quoted terms", |b| {
        b.iter(|| each(&|i| zhnews::entities::quoted_terms(&docs[i]).len()))
    });
    group.finish();
}

fn bench_seed(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let jieba = analyzer.resources().segmenter().jieba();
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
    group.bench_function("clean (clean Simplified)", |b| {
        b.iter(|| analyzer.clean(black_box(SEED_CLEAN)))
    });
    group.bench_function("jieba-rs tag alone (clean)", |b| {
        b.iter(|| jieba.tag(black_box(SEED_CLEAN), true))
    });
    group.finish();
}

fn bench_megabyte(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let jieba = analyzer.resources().segmenter().jieba();
    let big = megabyte();
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

/// `text` read as ISO-8859-1: each byte one character.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `text` in GBK with the lead byte of the double-byte character nearest its middle dropped,
/// decoded as zhnews decodes bytes.
fn gbk_lost_a_byte(text: &str) -> String {
    let bytes = encoding_rs::GBK.encode(text).0.into_owned();
    let mut at = bytes.len() / 2;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x81 {
            if i >= bytes.len() / 2 {
                at = i;
                break;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut damaged = bytes[..at].to_vec();
    damaged.extend(&bytes[at + 1..]);
    zhnews::decode::decode(&damaged)
        .map(|d| d.text)
        .unwrap_or_default()
}

fn bench_damaged(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let articles: Vec<String> = articles("zh-hans").into_iter().take(8).collect();
    let original_bytes: usize = articles.iter().map(String::len).sum();
    let decode = |encoding: &'static encoding_rs::Encoding, bytes: &[u8]| {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    let families: Vec<(&str, Vec<String>)> = vec![
        ("clean text", articles.clone()),
        (
            "UTF-8 read as GBK",
            articles
                .iter()
                .map(|a| decode(encoding_rs::GBK, a.as_bytes()))
                .collect(),
        ),
        (
            "UTF-8 read as windows-1252",
            articles
                .iter()
                .map(|a| decode(encoding_rs::WINDOWS_1252, a.as_bytes()))
                .collect(),
        ),
        (
            "GBK read as Latin-1",
            articles
                .iter()
                .map(|a| latin1(&encoding_rs::GBK.encode(a).0))
                .collect(),
        ),
        (
            "GBK that lost a byte",
            articles.iter().map(|a| gbk_lost_a_byte(a)).collect(),
        ),
    ];
    let mut group = c.benchmark_group("damaged");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(original_bytes as u64));
    for (name, texts) in &families {
        group.bench_function(format!("clean: {name}"), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| analyzer.clean(black_box(t)).text.len())
                    .sum::<usize>()
            })
        });
    }
    // Half the bytes lost: the slowest family by far, so one article only.
    let article = &articles[0];
    let big5 = decode(encoding_rs::BIG5, article.as_bytes());
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("clean: UTF-8 read as Big5 (one article)", |b| {
        b.iter(|| analyzer.clean(black_box(&big5)))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_corpus,
    bench_seed,
    bench_megabyte,
    bench_damaged
);
criterion_main!(benches);
