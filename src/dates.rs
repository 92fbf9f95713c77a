//! Dates and times, normalised TIMEX3-style.
//!
//! `2011年3月9日` → `2011-03-09`, `2008年6月` → `2008-06`, `2018年` → `2018`, `1月19日19时` →
//! `XXXX-01-19T19` (the year comes from the article's publication date when it has one),
//! `19时至22时` → start `T19`, end `T22`; `上旬/中旬/下旬`, `二〇〇八年`, and ROC years
//! (`民国107年`, and `110年3月29日` in Taiwan releases: three digits before 年 and a month).
//!
//! ```
//! let doc = zhnews::document::Doc::new("2011年3月9日，1月19日19时至22时");
//! let dates = zhnews::dates::find(&doc, None);
//! assert_eq!(dates[0].value.as_deref(), Some("2011-03-09"));
//! assert_eq!(dates[1].value.as_deref(), Some("XXXX-01-19T19"));
//! assert_eq!((dates[2].start.as_deref(), dates[2].end.as_deref()), (Some("T19"), Some("T22")));
//! ```

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::document::{Doc, Span};
use crate::text::{digit_value, roc_to_gregorian};

/// A date or time as written, normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// As written.
    pub text: String,
    /// The normalised value (`2011-03-09`, `XXXX-01-19T19`), or null for a range.
    pub value: Option<String>,
    /// Start of a range (`T19`).
    pub start: Option<String>,
    /// End of a range (`T22`).
    pub end: Option<String>,
    /// Where it is.
    pub span: Span,
}

const NUM: &str = r"[0-9０-９〇零一二三四五六七八九十两]";

struct Patterns {
    /// Dates that start with a year: `2011年3月9日19时`, `民国107年`.
    year_first: Regex,
    /// Dates that start with a month: `1月19日19时`, `3月上旬`.
    month_first: Regex,
    range: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let month = format!(
            r"(?P<m>{n}{{1,3}})月(?:(?P<d>{n}{{1,3}})[日号]|(?P<xun>[上中下])旬)?",
            n = NUM
        );
        let hour = format!(r"(?:(?P<h>{n}{{1,3}})[时点](?:(?P<min>{n}{{1,3}})分)?)?", n = NUM);
        let year_first = format!(
            r"(?P<roc>民国|中华民国)?(?P<y>{n}{{2,4}})年(?:{month})?{hour}",
            n = NUM
        );
        let month_first = format!(r"{month}{hour}");
        let range = format!(
            r"(?P<h1>{n}{{1,3}})[时点](?:(?P<m1>{n}{{1,3}})分)?(?:至|到|—|-|~)(?P<h2>{n}{{1,3}})[时点](?:(?P<m2>{n}{{1,3}})分)?",
            n = NUM
        );
        let build = |p: &str| Regex::new(p).expect("valid date regex");
        Patterns {
            year_first: build(&year_first),
            month_first: build(&month_first),
            range: build(&range),
        }
    })
}

/// A numeral of a date field: Arabic digits, or Chinese written digit by digit (二〇〇八) or
/// with 十 (二十三). The patterns admit only the digits of [`NUM`].
fn field(text: &str) -> Option<u32> {
    if let Some(i) = text.find('十') {
        let (tens, ones) = (&text[..i], &text[i + '十'.len_utf8()..]);
        let tens = if tens.is_empty() { 1 } else { field(tens)? };
        let ones = if ones.is_empty() { 0 } else { field(ones)? };
        return Some(tens * 10 + ones);
    }
    text.chars()
        .try_fold(0u32, |acc, c| Some(acc.checked_mul(10)? + digit_value(c)?))
}

/// Every date and time in the document; `published` (`YYYY-MM-DD`) supplies the year of
/// dates written without one.
pub fn find(doc: &Doc, published: Option<&str>) -> Vec<DateMention> {
    let text = doc.text();
    if !text.contains(['年', '月', '时', '点']) {
        return Vec::new();
    }
    let p = patterns();
    let known_year = published.and_then(|d| d.get(..4)).map(str::to_string);
    let mut out: Vec<DateMention> = Vec::new();
    for c in p.range.captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        let time = |h: &str, m: Option<regex::Match>| -> Option<String> {
            let h = field(h).filter(|h| *h <= 24)?;
            Some(match m.and_then(|m| field(m.as_str())) {
                Some(m) => format!("T{h:02}:{m:02}"),
                None => format!("T{h:02}"),
            })
        };
        let (Some(start), Some(end)) = (time(&c["h1"], c.name("m1")), time(&c["h2"], c.name("m2")))
        else {
            continue;
        };
        out.push(DateMention {
            text: whole.as_str().to_string(),
            value: None,
            start: Some(start),
            end: Some(end),
            span: doc.span_of_bytes(whole.start(), whole.end()),
        });
    }
    let year_first = p.year_first.captures_iter(text);
    let month_first = p.month_first.captures_iter(text);
    for c in year_first.chain(month_first) {
        let whole = c.get(0).expect("group 0");
        let Some(value) = normalise(&c, known_year.as_deref()) else {
            continue;
        };
        let span = doc.span_of_bytes(whole.start(), whole.end());
        // A month already read as part of a year-first date is not a date of its own.
        if out
            .iter()
            .any(|d| d.value.is_some() && d.span.start <= span.start && span.end <= d.span.end)
        {
            continue;
        }
        out.push(DateMention {
            text: whole.as_str().to_string(),
            value: Some(value),
            start: None,
            end: None,
            span,
        });
    }
    out.sort_by_key(|d| d.span);
    out
}

/// The TIMEX3-style value of one match, or `None` when it is not a date (a bare `3时` with
/// nothing else, a year of two digits, a month 13).
fn normalise(c: &regex::Captures, known_year: Option<&str>) -> Option<String> {
    let year = match c.name("y") {
        Some(y) => {
            let raw = y.as_str();
            let n = field(raw)?;
            let digits = raw.chars().count();
            let roc = c.name("roc").is_some()
                || digits == 3 && (1..=200).contains(&n) && c.name("m").is_some();
            if roc {
                Some(format!("{:04}", roc_to_gregorian(n as i32)))
            } else if digits == 4 && (1000..=2200).contains(&n) && !raw.contains('十') {
                Some(format!("{n:04}"))
            } else {
                return None;
            }
        }
        None => None,
    };
    let month = c
        .name("m")
        .map(|m| field(m.as_str()))
        .map(|m| m.filter(|m| (1..=12).contains(m)));
    let month = match month {
        Some(None) => return None,
        Some(Some(m)) => Some(m),
        None => None,
    };
    let day = match c
        .name("d")
        .map(|d| field(d.as_str()).filter(|d| (1..=31).contains(d)))
    {
        Some(None) => return None,
        Some(day) => day,
        None => None,
    };
    let hour = match c.name("h").map(|h| field(h.as_str()).filter(|h| *h <= 24)) {
        Some(None) => return None,
        Some(hour) => hour,
        None => None,
    };
    if year.is_none() && month.is_none() {
        return None;
    }
    let mut value = match (&year, month) {
        (Some(y), _) => y.clone(),
        (None, Some(_)) => known_year.unwrap_or("XXXX").to_string(),
        (None, None) => return None,
    };
    if let Some(m) = month {
        value.push_str(&format!("-{m:02}"));
        if let Some(d) = day {
            value.push_str(&format!("-{d:02}"));
        }
    }
    if let Some(xun) = c.name("xun") {
        // TIMEX3 has no ten-day period; mark it as the month's start, middle or end.
        value.push_str(match xun.as_str() {
            "上" => "-START",
            "中" => "-MID",
            _ => "-END",
        });
    }
    if let (Some(h), Some(_)) = (hour, day) {
        value.push_str(&format!("T{h:02}"));
        if let Some(min) = c.name("min").and_then(|m| field(m.as_str())) {
            value.push_str(&format!(":{min:02}"));
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
        find(&Doc::new(text), published)
            .into_iter()
            .map(|d| (d.text, d.value))
            .collect()
    }

    #[test]
    fn normalises_dates() {
        for (input, want) in [
            ("2011年3月9日", "2011-03-09"),
            ("2008年6月", "2008-06"),
            ("2018年", "2018"),
            ("1月19日19时", "XXXX-01-19T19"),
            ("二〇〇八年", "2008"),
            ("二〇〇八年十月一日", "2008-10-01"),
            ("民国107年", "2018"),
            ("110年3月29日", "2021-03-29"),
            ("3月上旬", "XXXX-03-START"),
            ("2020年12月31日8时30分", "2020-12-31T08:30"),
        ] {
            let got = values(input, None);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!(got[0].0, input);
            assert_eq!(got[0].1.as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn year_from_the_publication_date() {
        assert_eq!(
            values("1月19日", Some("2019-01-20"))[0].1.as_deref(),
            Some("2019-01-19")
        );
    }

    #[test]
    fn not_dates() {
        for input in ["5年来", "13月", "出动民警1872人次", "第3时段"] {
            assert!(values(input, None).is_empty(), "{input}");
        }
    }
}
