//! Time each stage of `analyze` on one text (default: the repaired seed article).
//!
//!     cargo run --release --example stage_times [FILE]
use std::time::Instant;

fn time<T>(label: &str, rounds: u32, mut f: impl FnMut() -> T) {
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
    let path = std::env::args()
        .nth(1)
        .unwrap_or("samples/seed/000_c938a646bbbd01ba.clean.txt".into());
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let text = text.as_str();
    let tokens = zhnews::segment::segmenter().tag(text);
    let n = 50;
    time("clean", n, || zhnews::Analyzer::new().clean(text));
    time("tag", n, || zhnews::segment::segmenter().tag(text));
    time("structure", n, || zhnews::structure::analyze(text));
    time("keywords", n, || {
        zhnews::keywords::keywords(text, &tokens, 10)
    });
    time("numbers", n, || zhnews::numbers::find(text));
    time("dates", n, || zhnews::dates::find(text, None));
    time("statistics", n, || {
        zhnews::statistics::find(text, &tokens, &[], &zhnews::dates::find(text, None))
    });
    time("places", n, || {
        zhnews::entities::gazetteer::gazetteer().find(text, &tokens)
    });
    let places = zhnews::entities::gazetteer::gazetteer().find(text, &tokens);
    use zhnews::entities::grammar;
    time("orgs", n, || {
        grammar::organizations(text, &tokens, &places, Some("本溪市"))
    });
    time("streets", n, || grammar::streets(text, &places));
    time("people", n, || grammar::people(text, &tokens));
    time("works", n, || grammar::works(text));
    time("ner model", n, || {
        zhnews::entities::model::model().tag(text)
    });
    time("entities", n, || zhnews::entities::extract(text, &tokens));
    time("quoted", n, || zhnews::entities::quoted_terms(text));
    time("analyze", n, || zhnews::Analyzer::new().analyze(text));
}
