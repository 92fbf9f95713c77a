//! Print the learned tagger's mentions for a file: `cargo run --release --example ner_tag FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    for m in zhnews::entities::model::NerModel::embedded().tag(&text) {
        let surface: String = text.chars().skip(m.span.start).take(m.span.len()).collect();
        println!("{:?}\t{surface}\t{:.2}", m.kind, m.score);
    }
}
