//! Invariants over generated text: clean Simplified text is unchanged; cleaning is idempotent;
//! no input panics; every span of an analysis lies inside its text and names what it says
//! (the checks are the fuzz targets', `fuzz/src/lib.rs`); sections partition the body.

// Only `check_analysis` is used here; the fuzz targets' other bodies run in fuzz_corpus.rs.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

use proptest::prelude::*;
use zhnews::document::char_slice;
use zhnews::{Analyzer, AnalyzerOptions};

const REFERENCE: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.clean.txt");

/// Sentences of clean Simplified news, from the repaired seed and the CCTV samples.
fn clean_sentences() -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/zh-hans");
    let mut texts = vec![REFERENCE.to_string()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    for text in texts {
        for piece in text.split_inclusive(['。', '\n']) {
            if piece.chars().count() > 3 {
                sentences.push(piece.to_string());
            }
        }
    }
    sentences
}

fn analyzer() -> Analyzer {
    Analyzer::with_options(AnalyzerOptions {
        tokens: true,
        ..Default::default()
    })
}

/// `clean(text)` and `clean(clean(text))`.
fn clean_twice(text: &str) -> (String, String) {
    let a = analyzer();
    let once = a.clean(text).text;
    let twice = a.clean(&once).text;
    (once, twice)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn clean_simplified_text_is_unchanged(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12)) {
        let sentences = clean_sentences();
        let text: String = picks.iter().map(|i| i.get(&sentences).as_str()).collect();
        let document = analyzer().clean(&text);
        prop_assert_eq!(&document.text, &text);
        prop_assert!(document.fixes.is_empty());
    }

    #[test]
    fn cleaning_is_idempotent(text in "[本溪市公安局網格員調研關鍵詞聽民聲在的了，。、？！“”,.:;?!()a-z0-9 \n\u{FFFD}（）@^]{0,80}") {
        let (once, twice) = clean_twice(&text);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn any_bytes_give_a_result_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let a = analyzer();
        if let Ok(analysis) = a.analyze_bytes(&bytes) {
            targets::check_analysis(&analysis);
        }
    }

    #[test]
    fn cleaning_any_text_is_idempotent(text in "\\PC{0,80}") {
        let (once, twice) = clean_twice(&text);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn every_span_of_any_text_is_valid(text in "\\PC{0,120}") {
        targets::check_analysis(&analyzer().analyze(&text));
    }

    #[test]
    fn section_spans_partition_the_body(picks in prop::collection::vec(0usize..9, 1..25)) {
        const LINES: [&str; 9] = [
            "关键词：听民声", "构建多元化解工作格局", "一、总体要求", "（二）基本原则",
            "【新闻链接】", "社区网格员在巡逻", "本溪市公安局出动民警1872人次。",
            "责任编辑：张三", "",
        ];
        let text: String = picks.iter().map(|&i| format!("{}\n", LINES[i])).collect();
        let structure = zhnews::structure::analyze(&zhnews::document::Doc::new(&text));
        let chars = text.chars().count();
        if let Some(last) = structure.sections.last() {
            prop_assert_eq!(last.span.end, chars);
            let body_start = structure.title_span.map_or(0, |t| t.end + 1);
            prop_assert!(structure.sections[0].span.start >= body_start);
        }
        for pair in structure.sections.windows(2) {
            prop_assert_eq!(pair[0].span.end, pair[1].span.start);
        }
        for section in &structure.sections {
            for p in &section.paragraphs {
                prop_assert!(section.span.start <= p.start && p.end <= section.span.end);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn numbers_never_panic_and_spans_cover_their_text(
        text in "[零〇一二两三四五六七八九十百千万亿兆廿卅壹贰叁肆伍陆柒捌玖拾佰仟第负点分之又成折元角个百分点年人天切起统四川半余多几，。、/%‰.,:^eEkKM+\\-－０-９0-9 ]{0,60}"
    ) {
        for n in zhnews::numbers::find(&text) {
            prop_assert_eq!(char_slice(&text, n.span), n.text.as_str());
            prop_assert_eq!(&text[n.bytes.0..n.bytes.1], n.text.as_str());
            prop_assert!(!n.value.is_nan(), "{:?}", n);
        }
        let _ = zhnews::numbers::parse(&text);
    }
}

proptest! {
    // A whole analysis per case, in a debug build: fewer cases keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn every_span_of_a_news_like_article_is_valid(
        picks in prop::collection::vec((0usize..14, "\\PC{0,6}"), 1..20)
    ) {
        // Lines that make titles, sections, captions, statistics, dates and entities, each
        // followed by arbitrary text.
        const LINES: [&str; 14] = [
            "本溪市公安局开展冬季治安清查行动", "关键词：听民声", "一、总体要求", "（二）基本原则",
            "【新闻链接】", "社区网格员在调解居民之间的矛盾纠纷", "本溪市公安局出动民警1872人次，受理警情7.7万余起。",
            "2011年3月9日19时至22时", "责任编辑：张三", "“平安本溪”建设", "本溪市委、市政府",
            "來源：本溪日報", "", "满意率81.18%，约三分之一",
        ];
        let text: String = picks.iter().map(|(i, tail)| format!("{}{tail}\n", LINES[*i])).collect();
        targets::check_analysis(&analyzer().analyze(&text));
    }
}
