//! Lines → title, meta lines, captions, sections, paragraphs and sentences.
//!
//! Works on the clean text, line by line. The first line is the title when it is short and
//! does not end a sentence. Bylines, datelines, source, editor and release-header lines go to
//! [`Meta`] and out of the paragraphs. Sections start at keyword headers (`关键词：听民声`),
//! numbered headings (`一、`, `（一）`, `第三条`), bracket headings (`【…】`) and short lines
//! without final punctuation; text before the first heading is section 0. A short line with
//! nothing under it (the next line starts another section), or with a photo cue (`图为`, `▲`,
//! `摄`), is a caption. Section spans partition the body: from the end of the title to the end
//! of the text, without gaps or overlaps.
//!
//! ```
//! let text = "标题在此\n第一段。\n关键词：听民声\n构建工作格局\n第二段。";
//! let s = zhnews::structure::analyze(&zhnews::document::Doc::new(text));
//! assert_eq!(s.title.as_deref(), Some("标题在此"));
//! assert_eq!(s.sections.len(), 2);
//! assert_eq!(s.sections[1].keyword.as_deref(), Some("听民声"));
//! assert_eq!(s.sections[1].subtitle.as_deref(), Some("构建工作格局"));
//! ```

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::document::{Doc, Span, closing_quote, is_closing_quote};
use crate::text::{iso_date, roc_to_gregorian};

/// The longest line that can be a title, heading, subtitle or caption.
const SHORT_LINE: usize = 40;
/// The longest first line taken as the title.
const TITLE_LINE: usize = 64;

/// Source, author, editor and publication date of the article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Where the article comes from (`央视网`, `新华社`, `农业局`).
    pub source: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who edited it.
    pub editor: Option<String>,
    /// When it was published, `YYYY-MM-DD` (or `YYYY-MM`).
    pub published: Option<String>,
    /// The original title (`（原标题：…）`).
    pub original_title: Option<String>,
}

/// A section: the text before the first heading, or a heading and what follows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Position in the article, from 0.
    pub index: usize,
    /// The keyword of a `关键词：X` header.
    pub keyword: Option<String>,
    /// The heading line.
    pub heading: Option<String>,
    /// The short line after a keyword header (or glued to its first sentence).
    pub subtitle: Option<String>,
    /// The whole section, heading included.
    pub span: Span,
    /// Its paragraphs.
    pub paragraphs: Vec<Span>,
    /// Its keywords (filled by the keywords stage).
    pub keywords: Vec<String>,
}

/// A photo caption.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caption {
    /// The caption text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// The structure of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// The title line.
    pub title: Option<String>,
    /// Where the title is.
    pub title_span: Option<Span>,
    /// Bylines, sources, dates.
    pub meta: Meta,
    /// Lines (or line prefixes) that went to `meta`.
    pub meta_spans: Vec<Span>,
    /// Photo captions.
    pub captions: Vec<Caption>,
    /// Sections, partitioning the body.
    pub sections: Vec<Section>,
    /// Every body paragraph, in order.
    pub paragraphs: Vec<Span>,
}

/// A non-empty line, trimmed, with its char span.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    text: &'t str,
    span: Span,
    /// Char offset where the line (with its newline) ends: the next line starts here.
    next: usize,
}

/// The lines of the text layer, with their text.
fn lines<'t>(doc: &Doc<'t>) -> Vec<Line<'t>> {
    doc.lines()
        .iter()
        .map(|line| Line {
            text: doc.slice(line.span),
            span: line.span,
            next: line.next,
        })
        .collect()
}

/// What a line is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Paragraph,
    Meta,
    KeywordHeader(String),
    Heading,
    ShortLine,
    Caption,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid structure regex")
}

struct Patterns {
    keyword: Regex,
    numbered: Regex,
    bracket: Regex,
    list_item: Regex,
    caption: Regex,
    meta_lines: Vec<Regex>,
    /// All meta-line patterns at once: one scan tells whether a line is meta at all.
    meta_set: regex::RegexSet,
    dateline: Regex,
    date: Regex,
    roc_date: Regex,
    iso_date: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let meta_lines = meta_line_patterns();
        let meta_set = regex::RegexSet::new(meta_lines.iter().map(Regex::as_str))
            .expect("valid meta patterns");
        Patterns {
        keyword: re(r"^(?:【关键词】|关键词\s*[:：])\s*(\S.{0,20})$"),
        numbered: re(
            r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十百零\d]{1,5}[章节条部分篇])",
        ),
        bracket: re(r"^【[^】]{1,24}】"),
        list_item: re(r"^(?:\d{1,3}[、.．)）]|[（(]\d{1,3}[)）]|[①-⑳]|[-—•·*])"),
        caption: re(r"^(?:图为|图：|图:|▲|△|图片|照片)|[（(][^()（）]{0,16}摄[)）]$"),
        meta_lines,
        meta_set,
        dateline: re(concat!(
            r"^(?:(?P<source>央视网|新华网|人民网|中新网|中国网络电视台|国际在线|光明网|中国新闻网)消息",
            r"(?:[（(][^)）]{1,12}[)）])?[:：]",
            r"|(?P<agency>新华社|中新社|中国新闻社)(?:[\p{Han}]{2,8})?(?:\d{1,2}月\d{1,2}日)?电",
            r"(?:[（(](?:记者)?\s*(?P<author>[^)）]{1,30})[)）])?",
            r"|(?P<paper>本报|本台|本刊)(?:讯|消息)(?:[（(](?:记者\s*)?(?P<reporter>[^)）]{1,30}?)[)）])?[:：]?)",
        )),
        date: re(r"(?P<y>(?:19|20)\d{2})\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?:(?P<d>\d{1,2})\s*日?)?"),
        roc_date: re(r"^(?:中华民国|民国)?\s*(?P<y>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?"),
        iso_date: re(r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"),
        }
    })
}

/// Lines that are bylines, sources, dates and release headers, not body text.
fn meta_line_patterns() -> Vec<Regex> {
    vec![
        re(r"^[（(]原标题[:：](?P<original_title>.+?)[)）]$"),
        re(r"^(?:本文)?来源[:：]\s*(?P<source>.+)$"),
        re(r"^责任编辑[:：]\s*(?P<editor>.+)$"),
        re(r"^【(?:责任)?编辑[:：]\s*(?P<editor>[^】]+)】$"),
        re(r"^[（(](?:视频编辑|文字编辑|编辑)[:：]\s*(?P<editor>[^)）]+)[)）]$"),
        re(r"^[（(](?:文/图|文|图/文|记者|作者)[:：]?\s*(?P<author>[^)）]{1,30})[)）]$"),
        re(r"^(?:作者|记者|发稿人|撰稿)[:：]\s*(?P<author>\S+)"),
        re(r"^发稿单位[:：]\s*(?P<source>\S+?)(?:\s*(?:电话|发稿时间|发稿日期)[:：].*)?$"),
        re(r"^(?:发稿|发文|发布)(?:时间|日期)[:：]\s*(?P<date>.+)$"),
        re(r"^发文字号[:：]"),
        re(r"^[（(](?P<source>[^()（）]{2,20})发布[)）]$"),
        re(r"^[（(]最新更新[:：].*[)）]$"),
        re(r"^标题[:：]\s*(?P<original_title>.+)$"),
        re(r"^(?:内文|附件)[:：]$"),
        re(r"^\S{2,16}新闻稿$"),
        re(r"^(?:联系人|连络人|联络人)[:：]"),
    ]
}

/// Whether a line ends a sentence (or a clause that a heading would not end with).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c| is_closing_quote(c) || matches!(c, '）' | ')'))
        .ends_with([
            '。', '！', '？', '；', '…', '.', '!', '?', ';', '，', ',', '：', ':',
        ])
}

fn is_short_unpunctuated(line: &str) -> bool {
    let n = line.chars().count();
    (2..=SHORT_LINE).contains(&n) && !ends_sentence(line)
}

/// A date in a meta line as `YYYY-MM-DD` (ROC years become Gregorian: 110年 → 2021).
fn normalise_date(text: &str) -> Option<String> {
    let p = patterns();
    // A day that does not parse or is out of range leaves the month.
    let format = |y: i32, m: &str, d: Option<&str>| -> Option<String> {
        let day = d
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        iso_date(y, m.parse().ok()?, day)
    };
    if let Some(c) = p.iso_date.captures(text) {
        return format(c["y"].parse().ok()?, &c["m"], Some(&c["d"]));
    }
    if let Some(c) = p.date.captures(text) {
        return format(
            c["y"].parse().ok()?,
            &c["m"],
            c.name("d").map(|d| d.as_str()),
        );
    }
    if let Some(c) = p.roc_date.captures(text.trim()) {
        let roc: i32 = c["y"].parse().ok()?;
        return format(
            roc_to_gregorian(roc),
            &c["m"],
            c.name("d").map(|d| d.as_str()),
        );
    }
    None
}

/// Fill `meta` from a meta line; `true` when the line is one.
fn read_meta_line(line: &str, meta: &mut Meta) -> bool {
    let p = patterns();
    let Some(c) = p
        .meta_set
        .matches(line)
        .iter()
        .next()
        .and_then(|index| p.meta_lines[index].captures(line))
    else {
        return false;
    };
    let set = |slot: &mut Option<String>, name: &str| {
        let value = c.name(name).map(|m| m.as_str().trim()).unwrap_or("");
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value.to_string());
        }
    };
    set(&mut meta.source, "source");
    set(&mut meta.author, "author");
    set(&mut meta.editor, "editor");
    set(&mut meta.original_title, "original_title");
    if meta.published.is_none() {
        // The date may share the line with the source (发稿单位：… 发稿时间：…).
        let date = c.name("date").map(|d| d.as_str()).or_else(|| {
            ["时间：", "日期："]
                .iter()
                .find_map(|label| line.find(label).map(|i| &line[i + label.len()..]))
        });
        meta.published = date.and_then(normalise_date);
    }
    true
}

/// The datelines and 讯 openings at the start of a paragraph (`央视网消息（新闻联播）：本台消息：`),
/// read into `meta`; returns their length in chars.
fn read_dateline(line: &str, meta: &mut Meta) -> usize {
    let mut skipped = 0;
    let mut rest = line;
    while let Some(n) = read_one_dateline(rest, meta) {
        skipped += rest[..n].chars().count();
        rest = &rest[n..];
    }
    skipped
}

/// One dateline at the start of `line`; returns its length in bytes.
fn read_one_dateline(line: &str, meta: &mut Meta) -> Option<usize> {
    let c = patterns().dateline.captures(line)?;
    if c[0].is_empty() {
        return None;
    }
    let source = c
        .name("source")
        .or_else(|| c.name("agency"))
        .or_else(|| c.name("paper"));
    if meta.source.is_none() {
        meta.source = source.map(|m| m.as_str().to_string());
    }
    if meta.author.is_none() {
        meta.author = c
            .name("author")
            .or_else(|| c.name("reporter"))
            .map(|m| m.as_str().trim().to_string());
    }
    Some(c[0].len())
}

fn classify(line: &str, meta: &mut Meta) -> Kind {
    let p = patterns();
    if read_meta_line(line, meta) {
        return Kind::Meta;
    }
    if let Some(c) = p.keyword.captures(line) {
        return Kind::KeywordHeader(c[1].trim().to_string());
    }
    let short = line.chars().count() <= SHORT_LINE;
    if p.caption.is_match(line) && line.chars().count() <= 2 * SHORT_LINE {
        return Kind::Caption;
    }
    if short && !ends_sentence(line) && (p.numbered.is_match(line) || p.bracket.is_match(line)) {
        return Kind::Heading;
    }
    if is_short_unpunctuated(line) && !p.list_item.is_match(line) {
        return Kind::ShortLine;
    }
    Kind::Paragraph
}

/// A subtitle glued to the first sentence of a keyword section by the scraper: a prefix of
/// the first clause (6 to 20 chars) that recurs verbatim later in the section, ending a
/// clause there. Ordinary sentences have no such echo, so they are never split.
fn glued_subtitle(first: &str, rest_of_section: &str) -> Option<String> {
    let clause: Vec<char> = first
        .chars()
        .take_while(|&c| !matches!(c, '，' | '。' | '；' | '：') && closing_quote(c).is_none())
        .collect();
    for n in (6..=clause.len().saturating_sub(2).min(20)).rev() {
        let prefix: String = clause[..n].iter().collect();
        let recurs = rest_of_section.match_indices(&prefix).any(|(i, _)| {
            rest_of_section[i + prefix.len()..].starts_with(['。', '，', '；', '！'])
        });
        if recurs {
            return Some(prefix);
        }
    }
    None
}

/// Analyse the structure of `text`.
pub fn analyze(doc: &Doc) -> Structure {
    let all = lines(doc);
    let mut structure = Structure::default();
    let total = doc.len();
    let mut body_start = 0;
    let mut rest = &all[..];
    if let Some((first, after)) = all.split_first() {
        let n = first.text.chars().count();
        let mut scratch = Meta::default();
        if !after.is_empty()
            && n <= TITLE_LINE
            && !first.text.ends_with(['。', '！', '？', '；', '，', '：'])
            && !read_meta_line(first.text, &mut scratch)
            && patterns().keyword.captures(first.text).is_none()
        {
            structure.title = Some(first.text.to_string());
            structure.title_span = Some(first.span);
            body_start = first.next;
            rest = after;
        }
    }
    let kinds: Vec<Kind> = rest
        .iter()
        .map(|l| classify(l.text, &mut structure.meta))
        .collect();
    let starts_section = |k: &Kind| matches!(k, Kind::KeywordHeader(_) | Kind::Heading);
    // Two short numbered lines in a row are items of a list, not headings.
    let numbered_style = |i: usize| -> Option<bool> {
        let line = rest.get(i)?;
        (kinds.get(i) == Some(&Kind::Heading) && patterns().numbered.is_match(line.text))
            .then(|| line.text.starts_with(['（', '(']))
    };
    let kinds: Vec<Kind> = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let style = numbered_style(i);
            let in_list = style.is_some()
                && (numbered_style(i + 1) == style || i > 0 && numbered_style(i - 1) == style);
            if in_list {
                Kind::Paragraph
            } else {
                kind.clone()
            }
        })
        .collect();

    // Short lines in a row are a list (or a block of data), not headings or captions.
    let kinds: Vec<Kind> = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let short = |j: usize| kinds.get(j) == Some(&Kind::ShortLine);
            if short(i) && (short(i + 1) || i > 0 && short(i - 1)) {
                Kind::Paragraph
            } else {
                kind.clone()
            }
        })
        .collect();

    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section {
        index: 0,
        keyword: None,
        heading: None,
        subtitle: None,
        span: Span::new(body_start, body_start),
        paragraphs: Vec::new(),
        keywords: Vec::new(),
    };
    let mut expect_subtitle = false;
    for (i, (line, kind)) in rest.iter().zip(&kinds).enumerate() {
        let next_kind = kinds.get(i + 1);
        let opens = match kind {
            Kind::KeywordHeader(_) | Kind::Heading => true,
            // A short line with text under it is a heading; with nothing under it (another
            // section follows, or the article ends) it is a caption.
            Kind::ShortLine if !expect_subtitle => {
                next_kind.is_some_and(|k| !starts_section(k) && *k != Kind::ShortLine)
            }
            _ => false,
        };
        if opens {
            close(&mut current, line.span.start, &mut sections);
            current = Section {
                index: sections.len(),
                keyword: match kind {
                    Kind::KeywordHeader(k) => Some(k.clone()),
                    _ => None,
                },
                heading: Some(line.text.to_string()),
                subtitle: None,
                span: Span::new(line.span.start, line.span.start),
                paragraphs: Vec::new(),
                keywords: Vec::new(),
            };
            expect_subtitle = matches!(kind, Kind::KeywordHeader(_));
            continue;
        }
        match kind {
            Kind::Meta => structure.meta_spans.push(line.span),
            Kind::ShortLine if expect_subtitle => current.subtitle = Some(line.text.to_string()),
            Kind::ShortLine | Kind::Caption => structure.captions.push(Caption {
                text: line.text.to_string(),
                span: line.span,
            }),
            _ => {
                let skip = read_dateline(line.text, &mut structure.meta);
                if skip > 0 {
                    structure
                        .meta_spans
                        .push(Span::new(line.span.start, line.span.start + skip));
                }
                let span = Span::new(line.span.start + skip, line.span.end);
                if !span.is_empty() {
                    current.paragraphs.push(span);
                }
            }
        }
        expect_subtitle = false;
    }
    close(&mut current, total, &mut sections);
    for section in &mut sections {
        section.span.end = section.span.end.max(section.span.start);
    }
    // The section spans must meet: each ends where the next begins.
    for i in 1..sections.len() {
        let start = sections[i].span.start;
        sections[i - 1].span.end = start;
    }
    if let Some(last) = sections.last_mut() {
        last.span.end = total;
    }
    recover_glued_subtitles(doc, &mut sections);
    structure.paragraphs = sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().copied())
        .collect();
    structure.sections = sections;
    structure
}

/// Push `section` unless it is an empty section 0, ending it at `end`.
fn close(section: &mut Section, end: usize, sections: &mut Vec<Section>) {
    section.span.end = end;
    let empty = section.heading.is_none() && section.paragraphs.is_empty();
    if !empty {
        section.index = sections.len();
        sections.push(section.clone());
    }
}

/// Recover subtitles the scraper glued to the first paragraph of a keyword section.
fn recover_glued_subtitles(doc: &Doc, sections: &mut [Section]) {
    for section in sections.iter_mut() {
        if section.keyword.is_none() || section.subtitle.is_some() {
            continue;
        }
        let Some(&first) = section.paragraphs.first() else {
            continue;
        };
        let rest = doc.slice(Span::new(first.start + 1, section.span.end));
        if let Some(subtitle) = glued_subtitle(doc.slice(first), rest) {
            let n = subtitle.chars().count();
            section.subtitle = Some(subtitle);
            section.paragraphs[0] = Span::new(first.start + n, first.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::char_slice;

    #[test]
    fn normalises_meta_dates() {
        for (input, want) in [
            ("110年3月29日", Some("2021-03-29")),
            ("112年1月23日9:30", Some("2023-01-23")),
            ("中华民国110年9月22日", Some("2021-09-22")),
            ("2019年08月13日 10:20", Some("2019-08-13")),
            ("2019-08-13", Some("2019-08-13")),
            ("2018年6月", Some("2018-06")),
            ("明天", None),
        ] {
            assert_eq!(normalise_date(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn reads_meta_lines() {
        let text = "标题\n发稿单位：农业局发稿时间：110年3月29日\n（原标题：旧的标题）\n正文一句。\n责任编辑：张三\n【编辑：李四】";
        let s = analyze(&Doc::new(text));
        assert_eq!(s.meta.source.as_deref(), Some("农业局"));
        assert_eq!(s.meta.published.as_deref(), Some("2021-03-29"));
        assert_eq!(s.meta.original_title.as_deref(), Some("旧的标题"));
        assert_eq!(s.meta.editor.as_deref(), Some("张三"));
        assert_eq!(s.paragraphs.len(), 1);
        assert_eq!(char_slice(text, s.paragraphs[0]), "正文一句。");
    }

    #[test]
    fn datelines_leave_the_paragraph() {
        for (line, source, author, body) in [
            (
                "央视网消息（新闻联播）：今天开会。",
                "央视网",
                None,
                "今天开会。",
            ),
            (
                "新华社北京2月29日电（记者 张三）今天开会。",
                "新华社",
                Some("张三"),
                "今天开会。",
            ),
            (
                "本报讯（记者 王五 通讯员 赵六）今天开会。",
                "本报",
                Some("王五 通讯员 赵六"),
                "今天开会。",
            ),
        ] {
            let text = format!("标题\n{line}");
            let s = analyze(&Doc::new(&text));
            assert_eq!(s.meta.source.as_deref(), Some(source), "{line}");
            assert_eq!(s.meta.author.as_deref(), author, "{line}");
            assert_eq!(char_slice(&text, s.paragraphs[0]), body, "{line}");
        }
    }

    #[test]
    fn numbered_lists_are_not_headings() {
        let text = "标题\n检举管道如下：\n一、警局专线（06）6322185\n二、法务部专线\n三、网站";
        let s = analyze(&Doc::new(text));
        assert_eq!(s.sections.len(), 1);
        let text = "标题\n导语。\n一、总体要求\n（一）指导思想。内容。\n（二）基本原则\n内容。\n二、稳定关系\n内容。";
        let s = analyze(&Doc::new(text));
        let headings: Vec<_> = s
            .sections
            .iter()
            .filter_map(|x| x.heading.as_deref())
            .collect();
        assert_eq!(headings, ["一、总体要求", "（二）基本原则", "二、稳定关系"]);
    }

    #[test]
    fn glued_subtitle_needs_an_echo() {
        let first =
            "各类大走访、大调研工作从未止步罗马不是一天建成的，“平安本溪”建设也不是一蹴而就的。";
        let rest = "从2008年起，各类大走访、大调研工作从未止步。";
        assert_eq!(
            glued_subtitle(first, rest).as_deref(),
            Some("各类大走访、大调研工作从未止步")
        );
        assert_eq!(glued_subtitle(first, "没有回声。"), None);
    }
}
