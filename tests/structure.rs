//! Article structure on real articles. Expectations were written by reading each article in
//! samples/ (its lines, headings, release header), not from the program's output.

use zhnews::Analyzer;
use zhnews::document::char_slice;

fn analyze(path: &str) -> zhnews::Analysis {
    let full = format!("{}/samples/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).unwrap();
    Analyzer::new().analyze_bytes(&bytes).unwrap()
}

fn headings(a: &zhnews::Analysis) -> Vec<String> {
    a.sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect()
}

#[test]
fn seed_keyword_sections_subtitles_and_caption() {
    let a = analyze("seed/000_c938a646bbbd01ba.txt");
    assert_eq!(a.title, None, "the first line is a sentence");
    let keywords: Vec<Option<&str>> = a.sections.iter().map(|s| s.keyword.as_deref()).collect();
    assert_eq!(
        keywords,
        [
            None,
            Some("听民声"),
            Some("聚民力"),
            Some("化矛盾"),
            Some("促创新")
        ]
    );
    assert_eq!(
        a.sections[3].subtitle.as_deref(),
        Some("构建多元化解工作格局")
    );
    assert_eq!(
        a.sections[1].subtitle.as_deref(),
        Some("各类大走访、大调研工作从未止步")
    );
    let captions: Vec<&str> = a.captions.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(captions, ["社区网格员在调解居民之间的矛盾纠纷"]);
    assert!(char_slice(&a.text, a.sections[1].paragraphs[0]).starts_with("罗马不是一天建成的"));
}

#[test]
fn cctv_title_and_dateline() {
    let a = analyze("zh-hans/xwlb_20131010_01.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("半世纪“枫桥经验”：坚持群众路线“传家宝”")
    );
    assert_eq!(a.meta.source.as_deref(), Some("央视网"));
    let first = char_slice(&a.text, a.sections[0].paragraphs[0]);
    assert!(first.starts_with("“发动和依靠群众"), "{first}");
    assert!(a.captions.is_empty());
}

#[test]
fn party_document_numbered_headings() {
    let a = analyze("zh-hans/xwlb_20141118_05.txt");
    let got = headings(&a);
    let numbered: Vec<&str> = got
        .iter()
        .map(|h| &h[..h.find('、').unwrap_or(0)])
        .collect();
    assert_eq!(numbered, ["一", "二", "三", "四", "五", "六", "七"]);
    assert_eq!(got[0], "一、充分认识巩固和拓展教育实践活动成果的重要意义");
    let first = char_slice(&a.text, a.sections[0].paragraphs[0]);
    assert!(
        first.starts_with("近日，中共中央办公厅"),
        "both openings go to meta: {first}"
    );
}

#[test]
fn nested_numbering() {
    let a = analyze("zh-hans/xwlb_20141120_05.txt");
    let got = headings(&a);
    assert!(got.contains(&"一、总体要求".to_string()), "{got:?}");
    assert!(got.contains(&"(二)基本原则".to_string()), "{got:?}");
    assert!(
        got.contains(&"五、建立健全农业社会化服务体系".to_string()),
        "{got:?}"
    );
    // (一)指导思想。… is a paragraph with a run-in heading, not a heading line.
    assert!(!got.iter().any(|h| h.starts_with("(一)")), "{got:?}");
}

#[test]
fn news_bulletin_headlines_are_sections() {
    let a = analyze("zh-hans/xwlb_20220513_11.txt");
    assert_eq!(a.title.as_deref(), Some("国内联播快讯"));
    let got = headings(&a);
    assert_eq!(got.len(), 10, "{got:?}");
    assert_eq!(got[0], "中国人民银行发布4月金融数据");
    assert_eq!(got[9], "特别节目《走进老区看新貌》明天播出河南篇");
    assert!(a.sections.iter().all(|s| s.paragraphs.len() == 1));
}

#[test]
fn taiwan_release_header() {
    let a = analyze("zh-hant/tainan_2021-03-29_7754320.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("农业局与检警调合作　维护渔会选举公平进行")
    );
    assert_eq!(a.meta.source.as_deref(), Some("农业局"));
    assert_eq!(a.meta.published.as_deref(), Some("2021-03-29"));
    // 一、… 五、 is a list of hotlines, not five sections.
    assert_eq!(a.sections.len(), 1);
    assert!(!a.paragraphs_text().iter().any(|p| p.contains("发稿单位")));
}

#[test]
fn taiwan_release_with_author_and_date_lines() {
    let a = analyze("zh-hant/tainan_2021-10-27_7816471.txt");
    assert_eq!(a.meta.source.as_deref(), Some("财政税务局"));
    assert_eq!(a.meta.published.as_deref(), Some("2021-10-27"));
    assert!(
        a.meta
            .author
            .as_deref()
            .is_some_and(|x| x.starts_with("曾丽珠"))
    );
    let b = analyze("zh-hant/tainan_2023-01-22_7946547.txt");
    assert_eq!(b.meta.source.as_deref(), Some("警察局"));
    assert_eq!(b.meta.published.as_deref(), Some("2023-01-23"));
}

#[test]
fn taiwan_district_headings_with_item_lists() {
    let a = analyze("zh-hant/tainan_2019-08-13_4162929.txt");
    assert_eq!(a.meta.source.as_deref(), Some("新闻及国际关系处"));
    assert_eq!(
        headings(&a),
        ["一、永康区", "二、东区", "三、归仁区", "四、仁德区"]
    );
    assert!(a.captions.is_empty(), "numbered items are not captions");
}

#[test]
fn section_spans_partition_the_body() {
    for path in [
        "seed/000_c938a646bbbd01ba.txt",
        "zh-hans/xwlb_20141120_05.txt",
        "zh-hans/xwlb_20220513_11.txt",
        "zh-hant/tainan_2019-08-13_4162929.txt",
        "zh-hant/tainan_2021-09-24_7801184.txt",
    ] {
        let a = analyze(path);
        let chars = a.text.chars().count();
        let sections = &a.sections;
        assert_eq!(sections.last().unwrap().span.end, chars, "{path}");
        for pair in sections.windows(2) {
            assert_eq!(pair[0].span.end, pair[1].span.start, "{path}");
        }
        for s in sections {
            for p in &s.paragraphs {
                assert!(s.span.start <= p.start && p.end <= s.span.end, "{path}");
            }
        }
    }
}

trait ParagraphsText {
    fn paragraphs_text(&self) -> Vec<String>;
}

impl ParagraphsText for zhnews::Analysis {
    fn paragraphs_text(&self) -> Vec<String> {
        self.sections
            .iter()
            .flat_map(|s| {
                s.paragraphs
                    .iter()
                    .map(|&p| char_slice(&self.text, p).to_string())
            })
            .collect()
    }
}
