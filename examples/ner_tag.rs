//! Print the learned tagger's mentions for a file: `cargo run --release --example ner_tag FILE`.
use zhnews::entities::lexicon::lexicon_codes;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let analyzer = zhnews::Analyzer::new();
    let lexicon = lexicon_codes(&analyzer.segment(&text), text.chars().count());
    let tagger = analyzer.resources().tagger();
    for m in tagger.tag_with_lexicon(&text, &lexicon) {
        let surface: String = text.chars().skip(m.span.start).take(m.span.len()).collect();
        println!("{:?}\t{surface}\t{:.2}", m.kind, m.score);
    }
}
