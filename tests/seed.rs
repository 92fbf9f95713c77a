//! Golden test on the seed article: the scraped text as it arrived (Traditional, with pinyin
//! spam, stray commas and two GBK byte shifts) must come out as the repaired reference, with
//! every kind of repair reported. Expectations: tests/data/*.expected.json, written by reading
//! the article.

use serde_json::Value;
use zhnews::Analyzer;

const SCRAPED: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.txt");
const REFERENCE: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.clean.txt");
const EXPECTED: &str = include_str!("data/000_c938a646bbbd01ba.expected.json");

fn expected() -> Value {
    serde_json::from_str(EXPECTED).expect("expected.json parses")
}

#[test]
fn clean_text_equals_the_repaired_reference() {
    let analysis = Analyzer::new().analyze(SCRAPED);
    assert_eq!(analysis.text.trim(), REFERENCE.trim());
}

#[test]
fn every_kind_of_repair_is_reported() {
    let analysis = Analyzer::new().analyze(SCRAPED);
    let json = serde_json::to_value(&analysis).unwrap();
    let kinds: Vec<&str> = json["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    for kind in expected()["repairs"].as_array().unwrap() {
        assert!(
            kinds.contains(&kind.as_str().unwrap()),
            "{kind} in {kinds:?}"
        );
    }
    let converter = zhnews::convert::Converter::new();
    for shift in expected()["gbk_byte_shift"].as_array().unwrap() {
        let broken = shift["broken"].as_str().unwrap();
        let repaired = shift["repaired"].as_str().unwrap();
        let found = analysis
            .repairs
            .iter()
            .find(|r| r.before == broken)
            .unwrap_or_else(|| panic!("no repair of {broken}"));
        // The reference text is Simplified; the repair happens before conversion.
        assert_eq!(
            converter.to_simplified(&found.after),
            converter.to_simplified(repaired)
        );
    }
    assert_eq!(json["script"]["input"], expected()["script"]["input"]);
    assert_eq!(json["script"]["converted"], true);
}

#[test]
fn the_reference_is_a_fixed_point() {
    let analysis = Analyzer::new().analyze(REFERENCE);
    assert_eq!(analysis.text, REFERENCE);
    assert!(analysis.repairs.is_empty(), "{:?}", analysis.repairs);
    assert_eq!(
        serde_json::to_value(analysis.script.input).unwrap(),
        "simplified"
    );
}

#[test]
fn the_reference_decodes_from_every_encoding() {
    let utf16 = |le: bool| -> Vec<u8> {
        REFERENCE
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    };
    let with_bom =
        |bom: &[u8], body: Vec<u8>| -> Vec<u8> { bom.iter().copied().chain(body).collect() };
    let cases: Vec<(&str, Vec<u8>, &str, bool)> = vec![
        (
            "GBK",
            encoding_rs::GBK.encode(REFERENCE).0.into_owned(),
            "GBK",
            false,
        ),
        (
            "GB18030",
            encoding_rs::GB18030.encode(REFERENCE).0.into_owned(),
            "GBK",
            false,
        ),
        ("UTF-16LE", utf16(true), "UTF-16LE", false),
        ("UTF-16BE", utf16(false), "UTF-16BE", false),
        (
            "UTF-16LE BOM",
            with_bom(&[0xff, 0xfe], utf16(true)),
            "UTF-16LE",
            true,
        ),
        (
            "UTF-16BE BOM",
            with_bom(&[0xfe, 0xff], utf16(false)),
            "UTF-16BE",
            true,
        ),
        (
            "UTF-8 BOM",
            with_bom(&[0xef, 0xbb, 0xbf], REFERENCE.as_bytes().to_vec()),
            "UTF-8",
            true,
        ),
    ];
    let analyzer = Analyzer::new();
    for (label, bytes, name, bom) in cases {
        let analysis = analyzer.analyze_bytes(&bytes).unwrap();
        assert_eq!(analysis.text, REFERENCE, "{label}");
        assert_eq!(analysis.encoding.name, name, "{label}");
        assert_eq!(analysis.encoding.bom, bom, "{label}");
    }
}

#[test]
fn traditional_articles_decode_from_big5_and_convert() {
    let analyzer = Analyzer::new();
    for name in [
        "tainan_2021-03-29_7754320.txt",
        "tainan_2021-09-24_7801184.txt",
    ] {
        let path = format!("{}/samples/zh-hant/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
        assert!(!unmappable, "{name} is not Big5-encodable");
        let from_big5 = analyzer.analyze_bytes(&big5).unwrap();
        assert_eq!(from_big5.encoding.name, "Big5", "{name}");
        assert_eq!(from_big5.text, analyzer.analyze(&text).text, "{name}");
        let json = serde_json::to_value(&from_big5).unwrap();
        assert_eq!(json["script"]["input"], "traditional", "{name}");
    }
}
