//! Statistics: a number with its unit, approximation, subject and governing verb.
//!
//! `共出动民警1872人次、辅警393人次` is two statistics: 1872 人次 of 民警 and 393 人次 of 辅警,
//! both governed by 出动. The unit is the longest entry of `dicts/units.tsv` after the number
//! (and after 余/多); approximation markers come before (约 近 逾 超过 不到 不足 至少) or after
//! (余 多 以上 以下 左右 上下). The subject is the noun the figure counts: the one before it
//! (`民警1872人次`), the noun phrase after a classifier (`509个人民调解组织`), the rate a
//! percentage measures (`达标率达到81.18%`) or the person an age describes (`68岁的王宝志`).
//! Not statistics: dates and times, lone `一` (an article: 一个缩影), ordinals, phone numbers,
//! and numbers inside quoted campaign names (“千名民警进万家”).
//!
//! ```
//! let text = "共出动民警1872人次、辅警393人次，受理有效警情7.7万余起。";
//! let doc = zhnews::Analyzer::new().doc(text);
//! let dates: Vec<_> = zhnews::dates::find(&doc, None).iter().map(|d| d.span).collect();
//! let stats = zhnews::statistics::find(&doc, &[], &dates);
//! assert_eq!(stats[1].subject.as_deref(), Some("辅警"));
//! assert_eq!(stats[1].predicate.as_deref(), Some("出动"));
//! assert_eq!((stats[2].value, stats[2].unit.as_deref()), (77000.0, Some("起")));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::dicts::{self, rows};
use crate::document::{Doc, Pos, Span, SpanIndex, Token, ends_clause, is_closing_quote};
use crate::numbers::{self, NumberKind};

/// How a figure is approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// 余 多 逾 超过 以上: more than the value.
    MoreThan,
    /// 近 不到 不足 以下: less than the value.
    LessThan,
    /// 约 左右 上下: about the value.
    About,
}

/// One statistic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistic {
    /// The figure as written, with its subject when that stands right beside it.
    pub text: String,
    /// The value with 万/亿 applied; percentages in percent units.
    #[serde(serialize_with = "numbers::serialize_value")]
    pub value: f64,
    /// The upper bound a marker implies (`3000多` → 4000).
    #[serde(serialize_with = "optional_whole_as_integer")]
    pub value_max: Option<f64>,
    /// The unit (`人次`, `起`, `%`, `万元`).
    pub unit: Option<String>,
    /// `more_than`, `less_than` or `about`.
    pub approx: Option<Approx>,
    /// What is counted.
    pub subject: Option<String>,
    /// The governing verb.
    pub predicate: Option<String>,
    /// Where the figure is.
    pub span: Span,
    /// The section it is in.
    pub section: usize,
}

fn optional_whole_as_integer<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => numbers::serialize_value(v, s),
        None => s.serialize_none(),
    }
}

/// Unit categories that are not statistics (dates and times belong to `dates`).
const TIME_CATEGORIES: &[&str] = &["time", "date", "time_of_day", "duration"];

struct Units {
    /// Unit → category, for units confirmed by a curated list or a quantifier corpus.
    by_name: HashMap<&'static str, &'static str>,
    longest: usize,
}

fn units() -> &'static Units {
    static UNITS: OnceLock<Units> = OnceLock::new();
    UNITS.get_or_init(|| {
        let mut by_name = HashMap::new();
        for (unit, rest) in rows(dicts::UNITS) {
            let mut fields = rest.split('\t');
            let category = fields.next().unwrap_or("");
            let sources = fields.nth(1).unwrap_or("");
            let confirmed = category != "follows_numeral" && category != "classifier_ambiguous"
                || sources.contains("curated");
            if unit != "unit" && confirmed {
                by_name.insert(unit, category);
            }
        }
        let longest = by_name.keys().map(|u| u.chars().count()).max().unwrap_or(1);
        Units { by_name, longest }
    })
}

const BEFORE_MARKERS: &[(&str, Approx)] = &[
    ("超过", Approx::MoreThan),
    ("逾", Approx::MoreThan),
    ("至少", Approx::MoreThan),
    ("不到", Approx::LessThan),
    ("不足", Approx::LessThan),
    ("近", Approx::LessThan),
    ("将近", Approx::LessThan),
    ("约", Approx::About),
    ("大约", Approx::About),
];
const AFTER_NUMBER: &[(&str, Approx)] = &[("余", Approx::MoreThan), ("多", Approx::MoreThan)];
const AFTER_UNIT: &[(&str, Approx)] = &[
    ("以上", Approx::MoreThan),
    ("以下", Approx::LessThan),
    ("左右", Approx::About),
    ("上下", Approx::About),
];

/// Whether a span lies inside a quoted campaign name (a short quotation without clause
/// marks, “千名民警进万家”).
fn in_quoted_name(doc: &Doc, span: Span) -> bool {
    doc.quotes().iter().any(|q| {
        q.open < span.start
            && span.end <= q.close
            && q.close - q.open <= 16
            && !doc.has_clause_mark(q.inner())
    })
}

/// Every statistic of the document (with its tokens); `sections` are the section spans (for
/// the `section` index).
///
/// `dates` are the spans of the article's dates and times (from the dates stage): figures
/// inside them are not statistics.
pub fn find(doc: &Doc, sections: &[Span], dates: &[Span]) -> Vec<Statistic> {
    let chars = doc.chars();
    let units = units();
    let mut out: Vec<Statistic> = Vec::new();
    let date_index = SpanIndex::new(dates.iter().copied());
    for number in numbers::find_in(doc) {
        if matches!(number.kind, NumberKind::Ordinal) {
            continue;
        }
        // A lone 一 is an article (一个缩影, 一部分), not a count.
        if number.text == "一" || number.text == "两" {
            continue;
        }
        if date_index.overlapping(number.span).next().is_some() {
            continue;
        }
        if in_quoted_name(doc, number.span) {
            continue;
        }
        let digits = number.text.chars().filter(|c| c.is_ascii_digit()).count();
        let before = number.span.start.checked_sub(1).map(|i| chars[i]);
        if digits >= 7 && number.kind == NumberKind::Integer
            || matches!(before, Some('-' | '#' | '（' | '(')) && digits >= 4
        {
            continue;
        }
        let mut end = number.span.end;
        let mut approx = None;
        // 余 / 多 between the number and the unit.
        for (marker, kind) in AFTER_NUMBER {
            if starts_with(chars, end, marker) {
                approx = Some(*kind);
                end += marker.chars().count();
            }
        }
        let mut unit = None;
        if number.kind == NumberKind::Percent || number.kind == NumberKind::Discount {
            unit = Some("%".to_string());
        } else if number.kind == NumberKind::PercentagePoint {
            unit = Some("个百分点".to_string());
        } else {
            for n in (1..=units.longest).rev() {
                if end + n > chars.len() {
                    continue;
                }
                let candidate: String = chars[end..end + n].iter().collect();
                if let Some(category) = units.by_name.get(candidate.as_str()) {
                    if TIME_CATEGORIES.contains(category) {
                        unit = None;
                        end = usize::MAX;
                    } else {
                        unit = Some(candidate);
                        end += n;
                    }
                    break;
                }
            }
        }
        if end == usize::MAX {
            continue;
        }
        // A bare number without a unit is a statistic only as a percentage.
        let Some(unit) = unit else {
            continue;
        };
        for (marker, kind) in AFTER_UNIT {
            if starts_with(chars, end, marker) {
                approx = Some(*kind);
                end += marker.chars().count();
            }
        }
        for (marker, kind) in BEFORE_MARKERS {
            let n = marker.chars().count();
            if number.span.start >= n && ends_with(chars, number.span.start, marker) {
                approx = approx.or(Some(*kind));
            }
        }
        let value_max = (approx == Some(Approx::MoreThan)
            && AFTER_NUMBER.iter().any(|(m, _)| {
                number.span.end < chars.len() && starts_with(chars, number.span.end, m)
            }))
        .then(|| number.value + step(number.value));
        let (subject, subject_span) = subject(doc, number.span, end, &unit);
        let predicate = predicate(doc, number.span.start, subject_span)
            .or_else(|| shared_predicate(&out, chars, number.span.start));
        let start = subject_span
            .filter(|s| s.end == number.span.start)
            .map_or(number.span.start, |s| s.start);
        let stop = subject_span
            .filter(|s| s.start <= end + 1 && s.start >= end)
            .map_or(end, |s| {
                // Include a closing quote after a quoted subject.
                if chars.get(s.end).is_some_and(|&c| is_closing_quote(c)) {
                    s.end + 1
                } else {
                    s.end
                }
            });
        let span = Span::new(start, stop.max(end));
        out.push(Statistic {
            text: chars[span.start..span.end].iter().collect(),
            value: number.value,
            value_max,
            unit: Some(unit),
            approx,
            subject,
            predicate,
            span,
            section: sections
                .iter()
                .position(|s| s.start <= span.start && span.start < s.end)
                .unwrap_or(0),
        });
    }
    out
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at + n <= chars.len() && chars[at..at + n].iter().copied().eq(s.chars())
}

fn ends_with(chars: &[char], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at >= n && chars[at - n..at].iter().copied().eq(s.chars())
}

/// The size of the last significant place of `value`: 3000 → 1000, 7.7万 → 1000, 45 → 1.
fn step(value: f64) -> f64 {
    let mut step = 1.0;
    while value >= step * 10.0 && (value / (step * 10.0)).fract() == 0.0 {
        step *= 10.0;
    }
    if value.fract() != 0.0 {
        return 0.1;
    }
    // 7.7万 = 77000: its last written digit is the thousands.
    step
}

/// Verbs that also name things and end a noun phrase: 人民调解组织, 便民服务.
const NOMINAL_VERBS: &[&str] = &["组织", "服务", "管理", "建设", "工程", "设施", "机构"];
/// Words of quantity or totals that are not what a figure counts.
const QUANTIFIERS: &[&str] = &[
    "全部", "所有", "总计", "合计", "共计", "累计", "总共", "其中", "全都",
];

/// A word that can name what a figure counts: a noun, a verbal noun, an abbreviation or an
/// idiom.
fn is_nominal(pos: Pos) -> bool {
    pos.is_noun() || matches!(pos.as_str(), "vn" | "j" | "l")
}

/// The subject of a figure and its span: see the module doc.
fn subject(doc: &Doc, number: Span, end: usize, unit: &str) -> (Option<String>, Option<Span>) {
    let (chars, tokens) = (doc.chars(), doc.tokens());
    let text_of = |s: Span| doc.string(s);
    let first_after = tokens.partition_point(|t| t.span.start < end);
    // Age: 68岁的王宝志 → the person.
    if unit == "岁"
        && chars.get(end) == Some(&'的')
        && let Some(t) = tokens.get(first_after + 1).filter(|t| t.pos.is_person())
    {
        return (Some(text_of(t.span)), Some(t.span));
    }
    // A classifier followed by a noun phrase (or a quoted name): 509个人民调解组织.
    if matches!(
        unit,
        "个" | "名"
            | "位"
            | "家"
            | "所"
            | "项"
            | "条"
            | "件"
            | "座"
            | "支"
            | "只"
            | "台"
            | "辆"
            | "处"
    ) {
        if let Some(quote) = doc
            .quotes()
            .iter()
            .find(|q| q.open == end && q.inner().len() <= 20)
        {
            let span = quote.inner();
            return (Some(text_of(span)), Some(span));
        }
        let mut at = end;
        for (i, t) in tokens.iter().enumerate().skip(first_after) {
            // A verb-tagged word ends the noun phrase when a verb follows it: 组织达到.
            let noun_use = NOMINAL_VERBS.contains(&text_of(t.span).as_str())
                && at > end
                && tokens.get(i + 1).is_some_and(|next| next.pos.is_verb());
            let quantifier = QUANTIFIERS.contains(&text_of(t.span).as_str());
            if t.span.start != at || quantifier || !(is_nominal(t.pos) || noun_use) {
                break;
            }
            at = t.span.end;
        }
        if at > end {
            let span = Span::new(end, at);
            return (Some(text_of(span)), Some(span));
        }
    }
    let first_before = tokens.partition_point(|t| t.span.end <= number.start);
    // A percentage measures a rate named earlier in the clause: 达标率达到81.18%.
    if unit == "%" || unit == "个百分点" {
        let clause = doc.clause_start(number.start);
        for t in tokens[..first_before]
            .iter()
            .rev()
            .take_while(|t| t.span.start >= clause)
        {
            let mut word = text_of(t.span);
            let mut span = t.span;
            // The segmenter may split 结算率 into 结算 + 率.
            if word == "率"
                && let Some(prev) = tokens[..first_before]
                    .iter()
                    .rev()
                    .find(|p| p.span.end == t.span.start)
            {
                span = Span::new(prev.span.start, t.span.end);
                word = text_of(span);
            }
            if word.ends_with('率')
                || word.ends_with("比例")
                || word.ends_with("比重")
                || word.ends_with("占比")
            {
                return (Some(word), Some(span));
            }
        }
        return (None, None);
    }
    // The noun right before the number: 民警1872人次 (but not 总计, a total's marker).
    if let Some(t) = first_before.checked_sub(1).map(|i| &tokens[i])
        && t.span.end == number.start
        && is_nominal(t.pos)
        && !QUANTIFIERS.contains(&text_of(t.span).as_str())
        && t.span.len() >= 2
    {
        return (Some(text_of(t.span)), Some(t.span));
    }
    (None, None)
}

/// The verb that governs the figure: the nearest verb before it in the clause (a list joined
/// by 、 shares it).
fn predicate(doc: &Doc, start: usize, subject: Option<Span>) -> Option<String> {
    let tokens = doc.tokens();
    let as_verb = |t: &Token| -> Option<String> {
        if !matches!(t.pos.as_str(), "v" | "vn" | "vd" | "l") || t.span.len() < 2 {
            return None;
        }
        let word = doc.slice(t.span);
        // The segmenter may glue an adverb to the verb: 共出动 → 出动.
        let verb = word.trim_start_matches(|c| "共累均已都又再还先".contains(c));
        (verb.chars().count() >= 2 && (t.pos.as_str() != "l" || verb.len() < word.len()))
            .then(|| verb.to_string())
    };
    // A subject before the figure with a verb between them: 达标率达到81.18%.
    if let Some(s) = subject.filter(|s| s.end <= start) {
        let from = tokens.partition_point(|t| t.span.start < s.end);
        let to = tokens.partition_point(|t| t.span.end <= start);
        if let Some(verb) = tokens[from..to.max(from)].iter().find_map(&as_verb) {
            return Some(verb);
        }
    }
    let limit = subject.map_or(start, |s| s.start.min(start));
    let before = tokens.partition_point(|t| t.span.end <= limit);
    let clause = doc.clause_start(limit);
    tokens[..before]
        .iter()
        .rev()
        .take_while(|t| t.span.start >= clause)
        .find_map(as_verb)
}

/// The verb of the previous statistic, when this one continues its list (`…1872人次、辅警…`).
fn shared_predicate(found: &[Statistic], chars: &[char], start: usize) -> Option<String> {
    let last = found.last()?;
    let between = &chars[last.span.end.min(start)..start];
    (between.first() == Some(&'、') && !between.iter().any(|&c| ends_clause(c)))
        .then(|| last.predicate.clone())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::segmenter;

    fn stats(text: &str) -> Vec<Statistic> {
        let doc = Doc::new(text).with_tokens(segmenter().tag(text));
        let dates: Vec<Span> = crate::dates::find(&doc, None)
            .iter()
            .map(|d| d.span)
            .collect();
        find(&doc, &[], &dates)
    }

    #[test]
    fn seed_statistics() {
        let text = "共出动民警1872人次、辅警393人次，出动警车953台次，检查各类场所2975家。\
                    却有2000多人忍受着严寒。68岁的王宝志。全市共有509个人民调解组织达到省级规范化水平，\
                    人民调解组织达标率达到81.18%。推出了56个“指尖上的移动调解室”。";
        let got = stats(text);
        let want: &[(f64, &str, Option<&str>, Option<&str>)] = &[
            (1872.0, "人次", Some("民警"), Some("出动")),
            (393.0, "人次", Some("辅警"), Some("出动")),
            (953.0, "台次", Some("警车"), Some("出动")),
            (2975.0, "家", Some("场所"), Some("检查")),
            (2000.0, "人", None, None),
            (68.0, "岁", Some("王宝志"), None),
            (509.0, "个", Some("人民调解组织"), None),
            (81.18, "%", Some("达标率"), None),
            (56.0, "个", Some("指尖上的移动调解室"), None),
        ];
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (s, (value, unit, subject, predicate)) in got.iter().zip(want) {
            assert_eq!(
                (s.value, s.unit.as_deref()),
                (*value, Some(*unit)),
                "{}",
                s.text
            );
            assert_eq!(s.subject.as_deref(), *subject, "{}", s.text);
            if predicate.is_some() {
                assert_eq!(s.predicate.as_deref(), *predicate, "{}", s.text);
            }
        }
        assert_eq!(got[4].approx, Some(Approx::MoreThan));
        assert_eq!(got[4].value_max, Some(3000.0));
    }

    #[test]
    fn not_statistics() {
        for text in [
            "以“千名民警进万家”为背景",
            "如何才能降低万人发案率",
            "不愿在寒风中多逗留一秒",
            "只是一个缩影，一张张平安网，不可或缺的一部分",
            "2018年3月9日19时",
            "联系电话：0571-88888888",
            "实现“一降一升”",
        ] {
            assert!(stats(text).is_empty(), "{text}: {:?}", stats(text));
        }
    }

    #[test]
    fn approximations() {
        for (text, approx) in [
            ("约300人", Approx::About),
            ("近500户", Approx::LessThan),
            ("1000人以上", Approx::MoreThan),
            ("20公斤左右", Approx::About),
        ] {
            assert_eq!(stats(text)[0].approx, Some(approx), "{text}");
        }
    }
}
