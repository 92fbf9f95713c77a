//! The text layer: the clean text and its views, built once after `convert`.
//!
//! A [`Doc`] holds the text with its chars, the byte↔char offsets, the non-empty lines,
//! sentences, clauses and quotations, and the tokens that `segment` adds. Every stage after
//! convert reads these views instead of building its own: no stage collects chars, maps byte
//! offsets or scans for quotation marks again. spaCy's `Doc` is the model.
//!
//! ```
//! use zhnews::document::{Doc, Span};
//! let doc = Doc::new("标题\n他说：“平安本溪”建设，好。再见");
//! assert_eq!(doc.lines().len(), 2);
//! assert_eq!(doc.slice(doc.sentences()[1]), "他说：“平安本溪”建设，好。");
//! assert_eq!(doc.slice(doc.quotes()[0].inner()), "平安本溪");
//! assert_eq!(doc.char_at_byte("标题\n".len()), Some(3));
//! ```

use crate::document::{Span, Token};

/// A non-empty line of the text, trimmed, with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The trimmed line, in chars.
    pub span: Span,
    /// Where the next line starts (after this line's line break), in chars.
    pub next: usize,
}

/// A pair of quotation marks on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark's position, in chars.
    pub open: usize,
    /// The closing mark's position, in chars.
    pub close: usize,
    /// The opening mark.
    pub mark: char,
}

impl Quote {
    /// What the marks enclose.
    pub fn inner(&self) -> Span {
        Span::new(self.open + 1, self.close)
    }
}

/// The closing mark of each opening one: one quote set for every stage.
pub fn closing_quote(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '﹁' => '﹂',
        '﹃' => '﹄',
        _ => return None,
    })
}

/// Whether `c` closes a quotation.
pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '﹂' | '﹄')
}

/// Whether `c` opens or closes a quotation.
pub fn is_quote_mark(c: char) -> bool {
    closing_quote(c).is_some() || is_closing_quote(c)
}

/// Chars that end a sentence outside quotation marks.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?')
}

/// Chars that a sentence end takes with it: more marks, a closing quote.
fn trails_sentence(c: char) -> bool {
    matches!(c, '…' | '！' | '？' | '”' | '」')
}

/// Chars that end a clause: the places where a subject or a governing verb stops.
pub fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | '\n' | ',' | ';' | ':'
    )
}

/// The clean text with its views, and the tokens once `segment` has added them.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    text: &'t str,
    chars: Vec<char>,
    /// Byte offset of each char, and the text's length at the end.
    byte_of_char: Vec<usize>,
    lines: Vec<Line>,
    sentences: Vec<Span>,
    clause_ends: Vec<usize>,
    quotes: Vec<Quote>,
    tokens: Vec<Token>,
}

impl<'t> Doc<'t> {
    /// Build the views of `text` (no tokens yet: see [`Doc::with_tokens`]).
    pub fn new(text: &'t str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut byte_of_char = Vec::with_capacity(text.len() / 2 + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            byte_of_char.push(i);
        }
        byte_of_char.push(text.len());
        let lines = lines(&chars);
        let sentences = lines
            .iter()
            .flat_map(|line| sentences(&chars, line.span))
            .collect();
        let clause_ends = chars
            .iter()
            .enumerate()
            .filter(|&(_, &c)| ends_clause(c))
            .map(|(i, _)| i)
            .collect();
        let quotes = quotes(&chars);
        Doc {
            text,
            chars,
            byte_of_char,
            lines,
            sentences,
            clause_ends,
            quotes,
            tokens: Vec::new(),
        }
    }

    /// The same document with its tokens (in text order, as `segment` makes them).
    pub fn with_tokens(mut self, tokens: Vec<Token>) -> Self {
        self.tokens = tokens;
        self
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The chars of the text.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The text of a span of chars (empty outside the text).
    pub fn slice(&self, span: Span) -> &'t str {
        match (self.byte_at_char(span.start), self.byte_at_char(span.end)) {
            (Some(s), Some(e)) if s <= e => &self.text[s..e],
            _ => "",
        }
    }

    /// The text of a span as an owned string.
    pub fn string(&self, span: Span) -> String {
        self.slice(span).to_string()
    }

    /// The byte offset of char `index` (the text's length for one past the last char).
    pub fn byte_at_char(&self, index: usize) -> Option<usize> {
        self.byte_of_char.get(index).copied()
    }

    /// The byte offset of every char, and the text's length at the end.
    pub fn byte_offsets(&self) -> &[usize] {
        &self.byte_of_char
    }

    /// The char index of the char starting at byte `offset` (the char count at the end);
    /// `None` inside a char or past the end.
    pub fn char_at_byte(&self, offset: usize) -> Option<usize> {
        self.byte_of_char.binary_search(&offset).ok()
    }

    /// The char span of a byte range that starts and ends on char boundaries, as regex and
    /// Aho-Corasick matches do.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        let start = self.char_at_byte(start).unwrap_or(self.len());
        let end = self.char_at_byte(end).unwrap_or(self.len());
        Span::new(start, end.max(start))
    }

    /// The non-empty lines, trimmed.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The sentences of every line: split on 。！？；… outside quotation marks.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// Where the clause holding char `at` starts: after the last clause mark before it.
    pub fn clause_start(&self, at: usize) -> usize {
        let i = self.clause_ends.partition_point(|&end| end < at);
        i.checked_sub(1).map_or(0, |i| self.clause_ends[i] + 1)
    }

    /// Whether a clause mark stands in `span`.
    pub fn has_clause_mark(&self, span: Span) -> bool {
        let i = self.clause_ends.partition_point(|&end| end < span.start);
        self.clause_ends.get(i).is_some_and(|&end| end < span.end)
    }

    /// The quotations, matched pair by pair within a line (nested ones too), in order of
    /// their closing marks.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens inside `span`.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let from = self.tokens.partition_point(|t| t.span.start < span.start);
        let to = from + self.tokens[from..].partition_point(|t| t.span.end <= span.end);
        &self.tokens[from..to]
    }

    /// Whether a token starts at char `at`.
    pub fn starts_token(&self, at: usize) -> bool {
        self.token_starting_at(at).is_some()
    }

    /// The token that starts at char `at`, if one does.
    pub fn token_starting_at(&self, at: usize) -> Option<&Token> {
        let i = self.tokens.partition_point(|t| t.span.start < at);
        self.tokens.get(i).filter(|t| t.span.start == at)
    }

    /// Whether a token ends at char `at`.
    pub fn ends_token(&self, at: usize) -> bool {
        self.token_ending_at(at).is_some()
    }

    /// The token that ends at char `at`, if one does.
    pub fn token_ending_at(&self, at: usize) -> Option<&Token> {
        let i = self.tokens.partition_point(|t| t.span.end < at);
        self.tokens.get(i).filter(|t| t.span.end == at)
    }

    /// Whether `s` stands in the text at char `at`.
    pub fn starts_with_at(&self, at: usize, s: &str) -> bool {
        self.byte_at_char(at)
            .is_some_and(|b| self.text[b..].starts_with(s))
    }

    /// Whether `s` stands in the text right before char `at`.
    pub fn ends_with_at(&self, at: usize, s: &str) -> bool {
        self.byte_at_char(at)
            .is_some_and(|b| self.text[..b].ends_with(s))
    }
}

/// The non-empty lines of `chars`, trimmed.
fn lines(chars: &[char]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let break_at = chars[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |i| start + i);
        let next = (break_at + 1).min(chars.len());
        let mut end = break_at;
        if end > start && chars[end - 1] == '\r' {
            end -= 1;
        }
        let line = &chars[start..end];
        let lead = line.iter().take_while(|c| c.is_whitespace()).count();
        let trail = line[lead..]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        if lead < line.len() {
            out.push(Line {
                span: Span::new(start + lead, end - trail),
                next: if break_at < chars.len() {
                    next
                } else {
                    chars.len()
                },
            });
        }
        start = if break_at < chars.len() {
            break_at + 1
        } else {
            chars.len()
        };
    }
    out
}

/// The sentences of one line: split on 。！？；… outside quotation marks, each taking the
/// marks and closing quotes that follow its end.
fn sentences(chars: &[char], line: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut begin = line.start;
    let mut i = line.start;
    while i < line.end {
        let c = chars[i];
        if closing_quote(c).is_some() {
            depth += 1;
        } else if is_closing_quote(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && ends_sentence(c) {
            let mut end = i + 1;
            while end < line.end && trails_sentence(chars[end]) {
                end += 1;
            }
            out.push(Span::new(begin, end));
            begin = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if begin < line.end {
        out.push(Span::new(begin, line.end));
    }
    out
}

/// Quotation pairs: each closing mark closes the innermost open mark of its kind on the same
/// line (marks opened inside it and left open are dropped with it).
fn quotes(chars: &[char]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = closing_quote(c) {
            open.push((close, i));
        } else if is_closing_quote(c) {
            if let Some(depth) = open.iter().rposition(|&(close, _)| close == c) {
                let at = open[depth].1;
                out.push(Quote {
                    open: at,
                    close: i,
                    mark: chars[at],
                });
                open.truncate(depth);
            }
        } else if c == '\n' {
            open.clear();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip() {
        let text = "ab本溪\n市";
        let doc = Doc::new(text);
        assert_eq!(doc.len(), 6);
        for (i, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(doc.byte_at_char(i), Some(b));
            assert_eq!(doc.char_at_byte(b), Some(i));
        }
        assert_eq!(doc.char_at_byte(text.len()), Some(6));
        assert_eq!(doc.char_at_byte(3), None, "inside 本");
        assert_eq!(doc.slice(Span::new(1, 4)), "b本溪");
        assert_eq!(doc.slice(Span::new(5, 9)), "");
    }

    #[test]
    fn lines_are_trimmed_and_skip_blank_ones() {
        let doc = Doc::new("  标题 \r\n\n\u{3000}正文。\n");
        let got: Vec<&str> = doc.lines().iter().map(|l| doc.slice(l.span)).collect();
        assert_eq!(got, ["标题", "正文。"]);
        assert_eq!(doc.lines()[0].next, 7);
        assert_eq!(doc.lines()[1].next, doc.len());
    }

    #[test]
    fn sentences_keep_quotes_whole() {
        let text = "“这点辛苦又算得了什么？”为了能让老百姓过个平安年。好！";
        let doc = Doc::new(text);
        let got: Vec<&str> = doc.sentences().iter().map(|&s| doc.slice(s)).collect();
        assert_eq!(
            got,
            ["“这点辛苦又算得了什么？”为了能让老百姓过个平安年。", "好！"]
        );
    }

    #[test]
    fn quotes_pair_by_kind_and_nest() {
        let doc = Doc::new("“有了这些‘红袖标’，『好』”\n“未闭");
        let got: Vec<&str> = doc.quotes().iter().map(|q| doc.slice(q.inner())).collect();
        assert_eq!(got, ["红袖标", "好", "有了这些‘红袖标’，『好』"]);
    }

    #[test]
    fn clauses_end_at_clause_marks() {
        let doc = Doc::new("全县投资完成246亿元，同比增长15%");
        let at = doc.chars().iter().position(|&c| c == '1').unwrap_or(0);
        assert_eq!(doc.clause_start(at), 12);
        assert_eq!(doc.clause_start(3), 0);
        assert!(doc.has_clause_mark(Span::new(0, 12)));
        assert!(!doc.has_clause_mark(Span::new(12, doc.len())));
    }
}
