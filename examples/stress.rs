//! Feed random bytes and mangled article text through `analyze_bytes` until told to stop:
//! a quick no-panic check between fuzzing sessions.
//!
//!     cargo run --release --example stress -- SECONDS
use std::time::{Duration, Instant};

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed_text = include_str!("../samples/seed/000_c938a646bbbd01ba.txt");
    let seed = seed_text.as_bytes();
    let gbk = encoding_rs::GBK.encode(seed_text).0.into_owned();
    let analyzer = zhnews::Analyzer::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let source = if next() % 2 == 0 { seed } else { &gbk[..] };
        let start = (next() as usize) % source.len();
        let len = (next() as usize) % 300;
        let mut bytes = source[start..(start + len).min(source.len())].to_vec();
        for _ in 0..(next() % 6) {
            if bytes.is_empty() {
                break;
            }
            let i = (next() as usize) % bytes.len();
            match next() % 4 {
                0 => bytes[i] = next() as u8,
                1 => {
                    bytes.remove(i);
                }
                2 => bytes.insert(i, b'?'),
                _ => bytes.insert(i, 0xA3),
            }
        }
        if let Ok(a) = analyzer.analyze_bytes(&bytes) {
            let n = a.text.chars().count();
            for s in a
                .statistics
                .iter()
                .map(|s| s.span)
                .chain(a.dates.iter().map(|d| d.span))
            {
                assert!(s.start <= s.end && s.end <= n, "span {s:?} outside {n}");
            }
        }
        runs += 1;
    }
    println!("{runs} runs, no panic");
}
