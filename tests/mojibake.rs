//! Mojibake repair: golden files from real corrupted text (expectations checked by hand against
//! the byte-level explanation in `samples/mojibake/SOURCE.md`), and a property: clean text put
//! through each reversible family comes back exactly.

use encoding_rs::{Encoding, GB18030, GBK, WINDOWS_1250, WINDOWS_1252};
use proptest::prelude::*;
use zhnews::Analyzer;
use zhnews::document::FixKind;

fn sample(name: &str) -> String {
    let path = format!("{}/samples/mojibake/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn kunjinkao_is_reported_and_left() {
    let input = sample("gbk_replacement_kunjinkao_address.txt");
    let document = Analyzer::new().clean(&input);
    assert_eq!(document.text.trim_end(), input.trim_end());
    let fixes = document.fixes.as_slice();
    assert!(fixes.iter().all(|f| f.kind == FixKind::Unrecoverable));
    assert!(fixes.iter().any(|f| f.before == "锟斤拷锟斤拷"));
}

#[test]
fn utf8_read_as_cp1252_keeps_the_lossy_middle() {
    // 0x8F and 0x90 of 序 and 、 were dropped by the tool that made it: that part stays.
    let document = Analyzer::new().clean(&sample("utf8_read_as_cp1252_issue.txt"));
    // The right text is 什么是抖动？有(序)抖动、误差扩散与 Floyd–Steinberg. Known gap: the
    // `â€“` of the en dash alone is not repaired (the character model knows no Latin text).
    let text = document.text.trim_end();
    assert!(
        text.starts_with("什么是抖动？有åºæŠ–åŠ¨ã€误差扩散与 Floyd"),
        "{text}"
    );
}

/// A sample article as GBK bytes with the first byte of the character at byte `at` dropped:
/// what a scraper saves when a GBK stream loses a byte.
fn gbk_dropping_byte_at(article: &str, at: usize) -> Vec<u8> {
    let (before, _, _) = GBK.encode(&article[..at]);
    let (after, _, _) = GBK.encode(&article[at..]);
    let mut bytes = before.into_owned();
    bytes.extend(&after[1..]);
    bytes
}

fn cctv_article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/zh-hans/xwlb_20130108_10.txt"
    );
    std::fs::read_to_string(path).unwrap().trim().to_string()
}

#[test]
fn gbk_bytes_that_lost_a_lead_byte_come_back_whole() {
    // 居's lead byte is gone: its trail byte pairs with the next lead, out of step, until a
    // pair fails (幼“踩�). Read strictly, no Chinese encoding fits the bytes any more; read as
    // GBK, the run re-aligns, and 居 is the likeliest character with 居's trail byte.
    let article = cctv_article();
    let at = article.find("居住安全，").unwrap();
    let analysis = Analyzer::new()
        .analyze_bytes(&gbk_dropping_byte_at(&article, at))
        .unwrap();
    assert_eq!(analysis.encoding.name, "GBK");
    assert_eq!(analysis.text, article);
    let kinds: Vec<FixKind> = analysis.repairs.iter().map(|fix| fix.kind).collect();
    assert_eq!(kinds, [FixKind::GbkByteShift]);
}

#[test]
fn a_character_with_both_bytes_lost_stays_lost() {
    // The `，` after 居住安全 lost its lead byte, and its trail byte made no character with
    // the next: both bytes are gone. Thousands of characters fit; the model is not sure
    // enough of any, so the loss is left and reported rather than made up.
    let article = cctv_article();
    let at = article.find("居住安全，").unwrap() + "居住安全".len();
    let analysis = Analyzer::new()
        .analyze_bytes(&gbk_dropping_byte_at(&article, at))
        .unwrap();
    assert_eq!(
        analysis.text,
        article.replacen("居住安全，", "居住安全\u{FFFD}", 1)
    );
    let kinds: Vec<FixKind> = analysis.repairs.iter().map(|fix| fix.kind).collect();
    assert_eq!(kinds, [FixKind::Unrecoverable]);
}

#[test]
fn a_gbk_stream_that_lost_a_byte_near_its_end_is_realigned() {
    // 建 lost its lead byte: its trail pairs with 设 (ㄉ), 设's trail with 。 (琛), and 。's
    // trail is left alone at the end (U+FFFD). `琛�` is no UTF-8 read as GBK (行).
    let text = "鼓励和吸引更多民间资本参与国家重大工程和补短板项目建设。";
    let at = text.find("建设。").unwrap();
    let analysis = Analyzer::new()
        .analyze_bytes(&gbk_dropping_byte_at(text, at))
        .unwrap();
    assert_eq!(analysis.text, text);
}

#[test]
fn utf8_read_as_gbk_table_cells() {
    let document = Analyzer::new().clean(&sample("utf8_read_as_gbk_markdown_table.txt"));
    let lines: Vec<&str> = document.text.lines().collect();
    assert_eq!(lines[0], "| 时间 | 活动 | 影响 |");
    assert_eq!(lines[1], "|------|------|------|");
    for (line, cell) in [
        (2, "| 00:52 | 创建DASHBOARD.md |"),
        (3, "| 00:50 | 创建STATISTICS.md |"),
        (4, "| 质量评估完成 |"),
        (5, "| 00:30 | 整合32_UNIFIED版本 |"),
        (6, "| 04-18 23:00 | 创建GLOSSARY.md |"),
        (7, "| 04-18 22:00 | 创建TOE_MASTER_FRAMEWORK.md |"),
    ] {
        assert!(lines[line].contains(cell), "{}", lines[line]);
    }
    assert!(lines[7].ends_with("发布 |"), "{}", lines[7]);
}

/// Sentences of clean Simplified news from the CCTV samples.
fn clean_sentences() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/zh-hans");
    let mut sentences = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(path).unwrap();
            sentences.extend(
                text.split_inclusive(['。', '\n'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| s.chars().count() > 8),
            );
        }
    }
    sentences
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// A corruption family: its name and what it does to clean text.
type Family = (&'static str, fn(&str) -> String);

/// The reversible families.
fn families() -> Vec<Family> {
    vec![
        ("utf8_as_latin1", |t| latin1(t.as_bytes())),
        ("utf8_as_cp1252", |t| decode(WINDOWS_1252, t.as_bytes())),
        ("utf8_as_gb18030", |t| decode(GB18030, t.as_bytes())),
        ("gbk_as_latin1", |t| latin1(&GBK.encode(t).0)),
        ("gbk_as_cp1252", |t| decode(WINDOWS_1252, &GBK.encode(t).0)),
        ("gbk_as_cp1250", |t| decode(WINDOWS_1250, &GBK.encode(t).0)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn each_family_is_undone(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4)) {
        let sentences = clean_sentences();
        let text: String = picks.iter().map(|i| i.get(&sentences).as_str()).collect();
        let analyzer = Analyzer::new();
        for (name, corrupt) in families() {
            let damaged = corrupt(&text);
            if damaged.contains('\u{FFFD}') {
                continue; // a byte was lost: not this property
            }
            let repaired = analyzer.clean(&damaged).text;
            prop_assert_eq!(&repaired, &text, "{}", name);
        }
    }
}

#[test]
fn radicals_from_pdf_extraction_become_ideographs() {
    // A Tainan city release whose text came out of a PDF with Kangxi radicals for 工 大 土 日
    // 月 (read by eye: 動⼟ is 動土, 完⼯ is 完工, 發稿⽇期 is 發稿日期).
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/zh-hant/tainan_2024-05-03_8635513.txt"
    );
    let input = std::fs::read_to_string(path).unwrap();
    let document = Analyzer::new().clean(&input);
    let text = &document.text;
    assert!(text.starts_with("台南安平新地标今动土，安平渔港跨港大桥预计116年底 完工"));
    assert!(text.contains("台南市政府工务局新闻稿"), "{text}");
    assert!(text.contains("发稿日期：113年5月3日"), "{text}");
    // Ordinary characters that read oddly are not mojibake (億啟 once became 货币 here).
    assert!(
        text.contains("共计 23.4 亿启「台南市安平渔港跨港大桥新建工程」"),
        "{text}"
    );
    assert!(!text.chars().any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c)));
    let radicals: usize = document
        .fixes
        .as_slice()
        .iter()
        .filter(|f| f.kind == FixKind::RadicalForm)
        .map(|f| f.count)
        .sum();
    // Every one of the 46 radicals in the file (counted with Python over U+2E80-U+2FDF).
    assert_eq!(radicals, 46);
}
