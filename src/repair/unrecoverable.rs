//! Damage that cannot be undone, reported and left in place.
//!
//! `锟斤拷` is U+FFFD U+FFFD (`EF BF BD EF BF BD`) read as GBK: the text was decoded as UTF-8
//! with replacement first, so its bytes are gone. Runs of U+FFFD that no repair could fill are
//! the same loss, one character or many. Neither is guessed at: each run is reported as
//! [`FixKind::Unrecoverable`] with the text unchanged (`before` = `after`).
//!
//! ```
//! use zhnews::document::{FixKind, FixLog};
//! let mut fixes = FixLog::default();
//! zhnews::repair::unrecoverable::report("地址：锟斤拷锟斤拷省 电话��", &mut fixes);
//! let runs: Vec<_> = fixes.as_slice().iter().map(|f| f.before.as_str()).collect();
//! assert_eq!(runs, ["锟斤拷锟斤拷", "��"]);
//! assert!(fixes.as_slice().iter().all(|f| f.kind == FixKind::Unrecoverable));
//! ```

use crate::document::{FixKind, FixLog};

/// Whether `chars[i..]` starts with `锟斤拷`, or `斤拷` (the tail of one cut short).
fn kunjinkao_at(chars: &[char], i: usize) -> usize {
    match chars.get(i..) {
        Some(['锟', '斤', '拷', ..]) => 3,
        Some(['斤', '拷', ..]) => 2,
        _ => 0,
    }
}

/// Report every `锟斤拷` run and every run of U+FFFD in `text`.
pub fn report(text: &str, fixes: &mut FixLog) {
    if !text.contains(['锟', '斤', '\u{FFFD}']) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        loop {
            let n = kunjinkao_at(&chars, i);
            if n == 0 {
                break;
            }
            i += n;
        }
        if i == start {
            while chars.get(i) == Some(&'\u{FFFD}') {
                i += 1;
            }
            if i == start {
                i = start + 1;
                continue;
            }
        }
        let run: String = chars[start..i].iter().collect();
        fixes.record(FixKind::Unrecoverable, &run, &run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_only_the_patterns() {
        for (text, want) in [
            ("锟斤拷锟斤拷", vec!["锟斤拷锟斤拷"]),
            ("锟铰伙拷锟界北锟斤拷7", vec!["锟斤拷"]),
            ("斤拷在", vec!["斤拷"]),
            ("锟 斤 拷", vec![]),
            ("一\u{FFFD}二", vec!["\u{FFFD}"]),
            ("\u{FFFD}\u{FFFD}\u{FFFD}", vec!["\u{FFFD}\u{FFFD}\u{FFFD}"]),
        ] {
            let mut fixes = FixLog::default();
            report(text, &mut fixes);
            let got: Vec<&str> = fixes.as_slice().iter().map(|f| f.before.as_str()).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
