//! Invariants over generated text: clean Simplified text is unchanged; cleaning is idempotent;
//! no input panics; token spans lie on the text.

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
        let a = analyzer();
        let once = a.clean(&text).text;
        let twice = a.clean(&once).text;
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn any_bytes_give_a_result_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let a = analyzer();
        if let Ok(analysis) = a.analyze_bytes(&bytes) {
            for token in analysis.tokens.unwrap_or_default() {
                prop_assert_eq!(char_slice(&analysis.text, token.span), token.w.as_str());
            }
        }
    }

    #[test]
    fn token_spans_point_into_the_text(text in "\\PC{0,120}") {
        let analysis = analyzer().analyze(&text);
        let chars = analysis.text.chars().count();
        for token in analysis.tokens.unwrap_or_default() {
            prop_assert!(token.span.end <= chars);
            prop_assert_eq!(char_slice(&analysis.text, token.span), token.w.as_str());
        }
    }

    #[test]
    fn section_spans_partition_the_body(picks in prop::collection::vec(0usize..9, 1..25)) {
        const LINES: [&str; 9] = [
            "关键词：听民声", "构建多元化解工作格局", "一、总体要求", "（二）基本原则",
            "【新闻链接】", "社区网格员在巡逻", "本溪市公安局出动民警1872人次。",
            "责任编辑：张三", "",
        ];
        let text: String = picks.iter().map(|&i| format!("{}\n", LINES[i])).collect();
        let structure = zhnews::structure::analyze(&text);
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
