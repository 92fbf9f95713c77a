//! Quoted terms: campaigns, slogans and programmes in `“…”`, `「…」` or `‘…’`.
//!
//! A term is short, has no sentence-final or clause punctuation (`警保联动、地空一体` counts),
//! and is not quoted speech (a quote right after `：` or `说`). Nested quotes are read too:
//! `“有了这些‘红袖标’，…”` is speech, `红袖标` inside it a term.
//!
//! ```
//! let doc = zhnews::document::Doc::new("“平安本溪”建设和“平安本溪”。他说：“我们走吧。”");
//! let terms = zhnews::entities::quoted::quoted_terms(&doc);
//! assert_eq!(terms, [("平安本溪".to_string(), 2)]);
//! ```

use crate::document::{Doc, is_quote_mark};

/// The longest quoted term, in chars.
const MAX_TERM: usize = 20;

/// Every quoted term with how often it is quoted, in order of first appearance.
pub fn quoted_terms(doc: &Doc) -> Vec<(String, usize)> {
    let chars = doc.chars();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for quote in doc.quotes() {
        let inner = &chars[quote.open + 1..quote.close];
        if is_term(inner) && !is_speech(&chars[..quote.open]) {
            let term = doc.string(quote.inner());
            match counts.iter_mut().find(|(t, _)| *t == term) {
                Some((_, n)) => *n += 1,
                None => counts.push((term, 1)),
            }
        }
    }
    counts
}

fn is_term(inner: &[char]) -> bool {
    (2..=MAX_TERM).contains(&inner.len())
        && !inner.iter().any(|c| {
            matches!(
                c,
                '。' | '！' | '？' | '，' | '；' | '：' | '!' | '?' | ',' | ';' | '\n'
            ) || is_quote_mark(*c)
        })
}

/// Whether a quote that starts after `before` is speech: right after a colon or 说/道.
fn is_speech(before: &[char]) -> bool {
    matches!(before.last(), Some('：' | ':' | '说' | '道'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_not_speech() {
        let text = "实现“一降一升”，打造“扁平化指挥”“可视化调度”，“警保联动、地空一体”项目。\
                    “有了这些‘红袖标’，社区平安多了。”居民说：“好。”‘盯’上";
        let got: Vec<String> = quoted_terms(&Doc::new(text))
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            got,
            [
                "一降一升",
                "扁平化指挥",
                "可视化调度",
                "警保联动、地空一体",
                "红袖标"
            ]
        );
    }
}
