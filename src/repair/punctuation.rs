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
use crate::repair::{is_chinese_punctuation, is_han};

/// Full-width marks before which a comma is always stray: no writing system has `,。`.
const FULL_WIDTH_CLOSING: &[char] = &['。', '、', '？', '！'];
/// Marks before which a comma is stray when Chinese text precedes it.
const CLOSING: &[char] = &['”', '?', '!'];

/// URLs and e-mail addresses: their punctuation is not prose.
fn protected() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:https?://|ftp://|www\.)[^\s\p{Han}，。]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        )
        .expect("valid URL regex")
    })
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

/// Fix stray commas and half-width punctuation; `None` when nothing changes.
pub fn repair(text: &str, fixes: &mut FixLog) -> Option<String> {
    if !text.contains([',', ':', ';', '?', '!']) {
        return None;
    }
    let skip: Vec<Range<usize>> = protected().find_iter(text).map(|m| m.range()).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if full_width(c).is_none() || skip.iter().any(|r| r.contains(&at)) {
            out.push(c);
            i += 1;
            continue;
        }
        let previous = out.chars().next_back();
        if c == ',' {
            let run = chars[i..].iter().take_while(|(_, x)| *x == ',').count();
            let next = chars.get(i + run).map(|&(_, x)| x);
            let chinese_side = is_chinese(previous) || next.is_some_and(is_han);
            let stray = next.is_some_and(|n| {
                FULL_WIDTH_CLOSING.contains(&n) || CLOSING.contains(&n) && is_chinese(previous)
            });
            if stray {
                let closing = next.unwrap_or_default();
                fixes.record(
                    FixKind::StrayComma,
                    &format!("{}{closing}", ",".repeat(run)),
                    &closing.to_string(),
                );
                changed = true;
            } else if run >= 2 && chinese_side {
                out.push('，');
                fixes.record(FixKind::StrayComma, &",".repeat(run), "，");
                changed = true;
            } else if run == 1 && chinese_side && !between_digits(previous, next) {
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
        if (is_chinese(previous) || is_han(next.unwrap_or(' '))) && !between_digits(previous, next)
        {
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

fn between_digits(previous: Option<char>, next: Option<char>) -> bool {
    previous.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> String {
        let mut fixes = FixLog::default();
        repair(input, &mut fixes).unwrap_or_else(|| input.to_string())
    }

    #[test]
    fn repairs_chinese_punctuation() {
        for (input, want) in [
            ("2018年,,在本溪", "2018年，在本溪"),
            ("明显提升,。", "明显提升。"),
            ("刑警,、交警", "刑警、交警"),
            ("发案率,?如何", "发案率？如何"),
            ("平安年,!”", "平安年！”"),
            ("坏人都不敢来,因为", "坏人都不敢来，因为"),
            ("关键词:听民声", "关键词：听民声"),
            ("想着:“得让", "想着：“得让"),
            ("什么?!", "什么？！"),
            ("这是一个问题;另一个", "这是一个问题；另一个"),
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
        ] {
            assert_eq!(fixed(input), input);
        }
    }
}
