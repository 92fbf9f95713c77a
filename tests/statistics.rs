//! Statistics on real articles. Each expectation was read off the article text by hand
//! (value, unit, approximation, subject); `not` lists figures that are not statistics.

use zhnews::Analyzer;
use zhnews::statistics::{Approx, Statistic};

fn analyze(path: &str) -> Vec<Statistic> {
    let full = format!("{}/samples/{path}", env!("CARGO_MANIFEST_DIR"));
    Analyzer::new()
        .analyze_bytes(&std::fs::read(full).unwrap())
        .unwrap()
        .statistics
}

/// (value, unit, approx, subject) as read in the article.
type Want = (f64, &'static str, Option<Approx>, Option<&'static str>);

fn check(path: &str, want: &[Want], not: &[&str]) -> (usize, usize, usize) {
    let got = analyze(path);
    let mut found = 0;
    for &(value, unit, approx, subject) in want {
        let hit = got.iter().find(|s| {
            (s.value - value).abs() < 1e-6
                && s.unit.as_deref() == Some(unit)
                && s.approx == approx
                && subject.is_none_or(|x| s.subject.as_deref().is_some_and(|y| y.contains(x)))
        });
        match hit {
            Some(_) => found += 1,
            None => eprintln!("{path}: missing {value} {unit} {approx:?} {subject:?}"),
        }
    }
    for bad in not {
        assert!(
            !got.iter().any(|s| s.text.contains(bad)),
            "{path}: {bad} is not a statistic: {got:#?}"
        );
    }
    (found, want.len(), got.len())
}

const MORE: Option<Approx> = Some(Approx::MoreThan);

#[test]
fn statistics_read_by_hand() {
    let cases: Vec<(&str, Vec<Want>, Vec<&str>)> = vec![
        (
            "seed/000_c938a646bbbd01ba.txt",
            vec![
                (2000.0, "人", MORE, None),
                (1872.0, "人次", None, Some("民警")),
                (393.0, "人次", None, Some("辅警")),
                (953.0, "台次", None, Some("警车")),
                (2975.0, "家", None, Some("场所")),
                (68.0, "岁", None, Some("王宝志")),
                (509.0, "个", None, Some("人民调解组织")),
                (81.18, "%", None, Some("达标率")),
                (56.0, "个", None, Some("指尖上的移动调解室")),
                (77000.0, "起", MORE, Some("警情")),
                (100.0, "%", None, Some("满意率")),
            ],
            vec![
                "千名",
                "万人",
                "万家",
                "一秒",
                "一降一升",
                "一个缩影",
                "2018年",
            ],
        ),
        (
            "zh-hans/xwlb_20141103_12.txt",
            vec![
                (3340.0, "个", None, Some("网格")),
                (11.0, "个", None, Some("职能部门")),
                (1.5e9, "元", None, None),
                (13.0, "个", None, Some("部门")),
                (337.0, "个", None, Some("家庭")),
                (425.0, "名", None, Some("未成年子女")),
                (20.0, "项", MORE, Some("服务功能")),
            ],
            vec!["2012", "2015", "4年"],
        ),
        (
            "zh-hant/tainan_2021-10-27_7816471.txt",
            vec![
                (906.0, "位", None, Some("市民")),
                (1208.0, "人", None, None),
                (761_990.0, "元", None, None),
                (302.0, "人", None, None),
                (299.0, "人", None, None),
                (1.28, "%", None, Some("利率")),
                (838.0, "人", None, None),
                (68.0, "人", None, None),
            ],
            vec!["2160216", "1645", "110年"],
        ),
        (
            "zh-hans/xwlb_20160507_04.txt",
            vec![
                (2400.0, "元", MORE, None),
                (7_802_000.0, "人次", None, None),
                (130.0, "个", MORE, Some("团伙")),
                (5600.0, "起", MORE, None),
                (100.0, "名", MORE, Some("电信诈骗")),
                (7.0, "条", None, Some("消费记录")),
            ],
            vec!["400、170", "1、这是"],
        ),
        (
            "zh-hans/xwlb_20211124_03.txt",
            vec![
                (10_000_000.0, "人次", MORE, None),
                (70.0, "%", MORE, Some("结算率")),
            ],
            vec!["11月24日", "10个月"],
        ),
        (
            "zh-hans/xwlb_20200301_09.txt",
            vec![
                (8.0, "个", None, Some("省市")),
                (29.0, "个", None, Some("贫困县")),
                (15.1, "%", None, Some("发生率")),
                (0.75, "%", None, Some("发生率")),
                (2.0, "%", Some(Approx::LessThan), None),
            ],
            vec![],
        ),
    ];
    let (mut found, mut wanted, mut reported) = (0, 0, 0);
    for (path, want, not) in &cases {
        let (f, w, r) = check(path, want, not);
        found += f;
        wanted += w;
        reported += r;
    }
    // Recall over the hand-read figures (the rest of what is reported is not judged here).
    eprintln!("statistics recall {found}/{wanted}, {reported} reported");
    assert!(found * 100 >= wanted * 90, "recall {found}/{wanted}");
}
