//! Stray and half-width punctuation in Chinese text.
//!
//! Scrapers and converters leave `,,` for `，`, an extra `,` before `。、？！”`, and ASCII
//! `, : ; ? !` where Chinese uses full-width marks. A comma run is fixed, and ASCII marks are
//! made full width, only when a Chinese character stands next to them; numbers (`1,000`,
//! `19:30`), URLs, e-mail addresses and Latin text are never touched.
//!
//! ```
//! use zhnews::document::FixLog;
//! let mut fixes = FixLog::default();
//! let out = zhnews::repair::punctuation::repair("2018年,,共1,000人,。关键词:听民声", &mut fixes);
//! assert_eq!(out.as_deref(), Some("2018年，共1,000人。关键词：听民声"));
//! ```

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::{FixKind, FixLog};
use crate::text::{is_chinese_punctuation, is_han};

/// Full-width marks before which a comma is always stray: no writing system has `,。`.
const FULL_WIDTH_CLOSING: &[char] = &['。', '、', '？', '！'];

/// URLs and e-mail addresses: their punctuation is not prose. ASCII classes and no `\b`, so the
/// regex runs on its fast DFA over long Chinese text.
fn protected() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:https?://|ftp://|www\.)[^\s\p{Han}，。；！？]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+",
        )
        .expect("valid URL regex")
    })
}

/// Where URLs and e-mail addresses are; cheap when there are none.
fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    if !(text.contains("://") || text.contains("www.") || text.contains('@')) {
        return Vec::new();
    }
    protected().find_iter(text).map(|m| m.range()).collect()
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// Chinese text on this side: a Han character or a Chinese punctuation mark.
fn is_chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_chinese_punctuation(c))
}

/// Marks in Chinese context: Han text on the left, or a Han character on the right, and not
/// a separator between digits.
fn in_chinese_context(previous: Option<char>, next: Option<char>) -> bool {
    (is_chinese(previous) || next.is_some_and(is_han)) && !between_digits(previous, next)
}

fn between_digits(previous: Option<char>, next: Option<char>) -> bool {
    previous.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
}

/// Half-width and full-width marks in Chinese context, counted over a stretch of text.
#[derive(Default, Clone, Copy)]
struct Evidence {
    half: usize,
    full: usize,
}

impl Evidence {
    /// Damaged punctuation: the half-width marks are no rare exception among full-width ones.
    /// A writer's one `;` among a hundred `，` is their choice and stays.
    fn damaged(self, min_ratio: usize) -> bool {
        self.half >= 2 && self.half * min_ratio >= self.full
    }
}

/// Whether a half-width mark counts as evidence of damage. An ASCII colon after a label
/// (`仁德所轄區:0335`, `發稿日期:`) is a common choice of writers, Taiwanese releases above
/// all: colons are widened where other marks show damage but are no evidence themselves.
fn is_evidence(c: char) -> bool {
    matches!(c, ',' | ';' | '?' | '!')
}

/// Count the evidence per line (and so for the document).
fn evidence(chars: &[(usize, char)], skip: &[Range<usize>]) -> Vec<Evidence> {
    let mut lines = vec![Evidence::default()];
    for (i, &(at, c)) in chars.iter().enumerate() {
        let line = lines.last_mut().expect("one line at least");
        match c {
            '\n' => lines.push(Evidence::default()),
            '，' | '：' | '；' | '？' | '！' => line.full += 1,
            ',' | ':' | ';' | '?' | '!' if !skip.iter().any(|r| r.contains(&at)) => {
                let previous = i.checked_sub(1).map(|p| chars[p].1);
                let next = chars.get(i + 1).map(|&(_, x)| x);
                if previous != Some(c) && is_evidence(c) && in_chinese_context(previous, next) {
                    // A comma run (`,,`) is damage twice over: no writer types it.
                    line.half += if c == ',' && next == Some(',') { 2 } else { 1 };
                }
            }
            _ => {}
        }
    }
    lines
}

/// Fix stray commas and half-width punctuation; `None` when nothing changes.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !text.contains([',', ':', ';', '?', '!']) {
        return None;
    }
    let skip = protected_ranges(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let lines = evidence(&chars, &skip);
    let document = lines
        .iter()
        .fold(Evidence::default(), |sum, line| Evidence {
            half: sum.half + line.half,
            full: sum.full + line.full,
        });
    // Half-width marks are widened where the document, or at least their line, shows damage.
    let widen_everywhere = document.damaged(4);
    let mut line = 0;
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' {
            line += 1;
        }
        if full_width(c).is_none() || skip.iter().any(|r| r.contains(&at)) {
            out.push(c);
            i += 1;
            continue;
        }
        let widen = widen_everywhere || lines[line].damaged(1);
        let previous = out.chars().next_back();
        if c == ',' {
            let run = chars[i..].iter().take_while(|(_, x)| *x == ',').count();
            let next = chars.get(i + run).map(|&(_, x)| x);
            let after_next = chars.get(i + run + 1).map(|&(_, x)| x);
            let stray = match next {
                Some(n) if FULL_WIDTH_CLOSING.contains(&n) => true,
                Some('”') => is_chinese(previous),
                // The mark will be widened once the comma is gone: then it is `,？`.
                Some('?' | '!') => {
                    is_chinese(previous) || widen && in_chinese_context(previous, after_next)
                }
                _ => false,
            };
            if stray {
                let closing = next.unwrap_or_default();
                fixes.record(
                    FixKind::StrayComma,
                    &format!("{}{closing}", ",".repeat(run)),
                    &closing.to_string(),
                );
                changed = true;
            } else if run >= 2 && in_chinese_context(previous, next) {
                out.push('，');
                fixes.record(FixKind::StrayComma, &",".repeat(run), "，");
                changed = true;
            } else if run == 1 && widen && in_chinese_context(previous, next) {
                out.push('，');
                fixes.record(FixKind::HalfwidthPunctuation, ",", "，");
                changed = true;
            } else {
                out.extend(std::iter::repeat_n(',', run));
            }
            i += run;
            continue;
        }
        let next = chars.get(i + 1).map(|&(_, x)| x);
        let wide = full_width(c).unwrap_or(c);
        if widen && in_chinese_context(previous, next) {
            out.push(wide);
            fixes.record(
                FixKind::HalfwidthPunctuation,
                &c.to_string(),
                &wide.to_string(),
            );
            changed = true;
        } else {
            out.push(c);
        }
        i += 1;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> String {
        crate::repair::applied(repair, input)
    }

    #[test]
    fn repairs_chinese_punctuation() {
        for (input, want) in [
            ("2018年,,在本溪", "2018年，在本溪"),
            ("明显提升,。", "明显提升。"),
            ("刑警,、交警", "刑警、交警"),
            ("发案率,?如何?", "发案率？如何？"),
            ("平安年,!”,,好", "平安年！”，好"),
            ("坏人都不敢来,因为,所以", "坏人都不敢来，因为，所以"),
            ("关键词:听民声,,", "关键词：听民声，"),
            ("想着:“得让,,", "想着：“得让，"),
            ("什么?!他说:", "什么？！他说："),
            (
                "关键词:听民声\n第一句,第二句,第三句。",
                "关键词：听民声\n第一句，第二句，第三句。",
            ),
            ("这是一个问题;另一个;还有", "这是一个问题；另一个；还有"),
            ("“盯”上,。", "“盯”上。"),
            ("达标率达到81.18%,。", "达标率达到81.18%。"),
        ] {
            assert_eq!(fixed(input), want, "{input}");
        }
    }

    #[test]
    fn leaves_numbers_urls_and_latin_alone() {
        for input in [
            "共1,000人",
            "19:30开始",
            "Hello, world: yes; no? ok!",
            "网址http://www.gov.cn/a?id=1,2为准",
            "邮箱foo.bar@gov.cn;",
            "He said \"no,\" then left",
            "1,2,3",
            "村级集体资产资源处置等19条集体管理事项;以及村民宅基地审批、村民救灾救助款申请，事项，还有，更多，内容",
            "记者:张三",
            // A Taiwanese release: ASCII colons after labels, one semicolon, commas full width.
            "3、仁德所轄區:0335仁德區高速公路北上閘道封路\n5、歸南所轄區:0312歸仁區民權6街;民權南路黃昏市場淹水\n6、歸仁所轄區:0350歸仁區八甲里大光一街淹水",
        ] {
            assert_eq!(fixed(input), input);
        }
    }
}
