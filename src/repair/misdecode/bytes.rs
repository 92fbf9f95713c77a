//! The byte side of mis-decoding: what a character's bytes were in the wrong encoding, and
//! what a run of such bytes decodes to in the right one, with lost bytes filled in from the
//! candidates the right encoding allows.

use super::*;

/// A single-byte code page as a map from the characters it decodes to back to their bytes.
pub(super) fn single_byte_table(encoding: &'static Encoding, latin1: bool) -> HashMap<char, u8> {
    let mut table = HashMap::default();
    for byte in 0x80..=0xFFu8 {
        let one = [byte];
        let (text, _) = encoding.decode_without_bom_handling(&one);
        if let Some(c) = text.chars().next().filter(|&c| c != '\u{FFFD}') {
            table.insert(c, byte);
        }
        // ISO-8859-1 maps every byte to the code point of the same number.
        if latin1 {
            table.entry(char::from(byte)).or_insert(byte);
        }
    }
    table
}

pub(super) fn cp1252_table() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| single_byte_table(WINDOWS_1252, true))
}

pub(super) fn cp1250_table() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| single_byte_table(WINDOWS_1250, false))
}

/// Where the legacy Big5 mapping (Unicode BIG5.TXT, Python's codec) differs from WHATWG's:
/// character → bytes and bytes → character.
pub(super) struct Big5Legacy {
    pub(super) encode: HashMap<char, [u8; 2]>,
    pub(super) decode: HashMap<[u8; 2], char>,
}

pub(super) fn big5_legacy() -> &'static Big5Legacy {
    static TABLE: OnceLock<Big5Legacy> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Big5Legacy {
            encode: HashMap::default(),
            decode: HashMap::default(),
        };
        for (hex, c) in crate::dicts::rows(crate::dicts::BIG5_LEGACY) {
            let (Ok(code), Some(c)) = (u16::from_str_radix(hex, 16), c.chars().next()) else {
                continue;
            };
            table.encode.insert(c, code.to_be_bytes());
            table.decode.insert(code.to_be_bytes(), c);
        }
        table
    })
}

/// Whether a legacy Big5 decoder (Python's) reads `lead trail` as a character.
pub(super) fn big5_valid(lead: u8, trail: u8) -> bool {
    let code = u16::from_be_bytes([lead, trail]);
    matches!(trail, 0x40..=0x7E | 0xA1..=0xFE)
        && matches!(code, 0xA140..=0xA3BF | 0xA440..=0xC7FC | 0xC940..=0xF9D5)
}

/// A character's bytes in the wrong encoding: one to four, `Copy` so that encoding a line
/// allocates nothing per character.
#[derive(Clone, Copy)]
pub(super) struct Encoded {
    pub(super) bytes: [Byte; 4],
    pub(super) len: u8,
}

impl Encoded {
    /// A lost byte (U+FFFD).
    const LOST: Encoded = Encoded {
        bytes: [Byte::Lost; 4],
        len: 1,
    };

    pub(super) fn known(bytes: &[u8]) -> Option<Encoded> {
        let mut out = Encoded {
            bytes: [Byte::Lost; 4],
            len: u8::try_from(bytes.len()).ok().filter(|&n| n <= 4)?,
        };
        for (slot, &b) in out.bytes.iter_mut().zip(bytes) {
            *slot = Byte::Known(b);
        }
        Some(out)
    }

    pub(super) fn as_slice(&self) -> &[Byte] {
        &self.bytes[..usize::from(self.len)]
    }

    /// `encoded` in one word for [`encode_char`]'s memo: bit 63 says the slot is filled, bit 62
    /// that there are bytes; then the length and nine bits a byte (a known flag, the byte).
    pub(super) fn pack(encoded: Option<Encoded>) -> u64 {
        let Some(e) = encoded else {
            return 1 << 63;
        };
        let mut word = 3 << 62 | u64::from(e.len) << 36;
        for (i, byte) in e.bytes.iter().enumerate() {
            if let Byte::Known(b) = byte {
                word |= (0x100 | u64::from(*b)) << (9 * i);
            }
        }
        word
    }

    /// The value [`Encoded::pack`] packed; `None` for an empty slot.
    pub(super) fn unpack(word: u64) -> Option<Option<Encoded>> {
        if word >> 63 == 0 {
            return None;
        }
        if word >> 62 & 1 == 0 {
            return Some(None);
        }
        let mut bytes = [Byte::Lost; 4];
        for (i, slot) in bytes.iter_mut().enumerate() {
            let bits = word >> (9 * i) & 0x1FF;
            if bits & 0x100 != 0 {
                *slot = Byte::Known(bits as u8);
            }
        }
        Some(Some(Encoded {
            bytes,
            len: (word >> 36 & 0x7) as u8,
        }))
    }
}

/// The bytes of `c` in `wrong`; `None` when `wrong` cannot have produced it.
///
/// Memoised for the Basic Multilingual Plane, one table a wrong encoding, filled as characters
/// come: encoding_rs's encoders are made for strings, and a line of mojibake is encoded a
/// character at a time under every family, so the same few thousand characters come back.
pub(super) fn encode_char(wrong: Wrong, c: char) -> Option<Encoded> {
    use std::sync::atomic::{AtomicU64, Ordering};
    const BMP: usize = 0x1_0000;
    static MEMO: [[AtomicU64; BMP]; 4] = [const { [const { AtomicU64::new(0) }; BMP] }; 4];
    let Some(slot) = MEMO[wrong as usize].get(c as usize) else {
        return encode_char_uncached(wrong, c);
    };
    // Racing threads compute the same value: whichever store lands, it is right.
    if let Some(encoded) = Encoded::unpack(slot.load(Ordering::Relaxed)) {
        return encoded;
    }
    let encoded = encode_char_uncached(wrong, c);
    slot.store(Encoded::pack(encoded), Ordering::Relaxed);
    encoded
}

pub(super) fn encode_char_uncached(wrong: Wrong, c: char) -> Option<Encoded> {
    if c == '\u{FFFD}' {
        return Some(Encoded::LOST);
    }
    if c.is_ascii() {
        return Encoded::known(&[c as u8]);
    }
    let multi = |encoding: &'static Encoding| {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding.encode(c.encode_utf8(&mut buf));
        if unmappable {
            None
        } else {
            Encoded::known(&bytes)
        }
    };
    match wrong {
        // GBK decoders (Windows code page 936, WHATWG) read a lone 0x80 as the euro sign.
        Wrong::Gb18030 if c == '€' => Encoded::known(&[0x80]),
        Wrong::Gb18030 => multi(GB18030),
        Wrong::Big5 => match big5_legacy().encode.get(&c) {
            Some(pair) => Encoded::known(pair),
            None => multi(BIG5),
        },
        Wrong::Cp1252 => cp1252_table().get(&c).and_then(|&b| Encoded::known(&[b])),
        Wrong::Cp1250 => cp1250_table().get(&c).and_then(|&b| Encoded::known(&[b])),
    }
}

/// Which wrong decodings a character hints at, computed once per character of a line.
#[derive(Clone, Copy)]
pub(super) struct Suspicion {
    /// Rare, private-use or U+FFFD: a double-byte misreading (GB18030, Big5).
    pub(super) double_byte: bool,
    pub(super) cp1252: bool,
    pub(super) cp1250: bool,
}

impl Suspicion {
    pub(super) fn of(lm: &CharModel, c: char) -> Suspicion {
        Suspicion {
            double_byte: is_suspect(lm, Wrong::Gb18030, c),
            cp1252: is_suspect(lm, Wrong::Cp1252, c),
            cp1250: is_suspect(lm, Wrong::Cp1250, c),
        }
    }

    pub(super) fn hints(self, wrong: Wrong) -> bool {
        match wrong {
            Wrong::Gb18030 | Wrong::Big5 => self.double_byte,
            Wrong::Cp1252 => self.cp1252,
            Wrong::Cp1250 => self.cp1250,
        }
    }
}

/// Whether `c` in a line hints that the line was decoded with `wrong`.
pub(super) fn is_suspect(lm: &CharModel, wrong: Wrong, c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    match wrong {
        // A character of the table (memoised, unlike a lookup in it).
        Wrong::Cp1252 | Wrong::Cp1250 => c != '\u{FFFD}' && encode_char(wrong, c).is_some(),
        Wrong::Gb18030 | Wrong::Big5 => {
            c == '\u{FFFD}'
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
                || (!is_chinese_punctuation(c) && !c.is_whitespace() && lm.count(c) < RARE_COUNT)
        }
    }
}

/// One decoded character of the right encoding: its byte range and the characters it may be
/// (one when every byte is known, several when a lost byte is filled in, none when the bytes
/// do not decode).
pub(super) struct Unit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) chars: Vec<char>,
}

/// Valid values for a byte at each place, in the right encoding.
pub(super) fn utf8_char(bytes: &[u8]) -> Option<char> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The character the pair `lead trail` stands for in `encoding` (GBK or Big5), each from a
/// table made once ([`crate::decode::decode_pairs`]).
pub(super) fn pair_char(encoding: &'static Encoding, lead: u8, trail: u8) -> Option<char> {
    if encoding == GBK {
        return crate::decode::gbk_pair(lead, trail);
    }
    static BIG5_TABLE: OnceLock<Vec<Option<char>>> = OnceLock::new();
    let table = BIG5_TABLE.get_or_init(|| {
        let decoded = crate::decode::decode_pairs(BIG5);
        (0..=u16::MAX)
            .map(|code| {
                let [lead, trail] = code.to_be_bytes();
                big5_char(lead, trail, decoded[usize::from(code)]?)
            })
            .collect()
    });
    table[usize::from(u16::from_be_bytes([lead, trail]))]
}

/// The character a Big5 pair stands for as the legacy codecs (Python's) read it, given what
/// encoding_rs (WHATWG) decoded it to.
pub(super) fn big5_char(lead: u8, trail: u8, decoded: char) -> Option<char> {
    if !big5_valid(lead, trail) {
        return None;
    }
    if let Some(&c) = big5_legacy().decode.get(&[lead, trail]) {
        return Some(c);
    }
    crate::decode::is_decoded_char(decoded).then_some(decoded)
}

/// The most bytes a character has in any encoding here.
pub(super) const MAX_CHAR_BYTES: usize = 4;

/// Every assignment of the lost bytes in `pattern` (at most [`MAX_CHAR_BYTES`] long), each
/// drawn from `range(place)`; the first `pattern.len()` bytes of each array are the bytes.
pub(super) fn fill(
    pattern: &[Byte],
    range: impl Fn(usize) -> Vec<u8>,
) -> Vec<[u8; MAX_CHAR_BYTES]> {
    let mut out: Vec<[u8; MAX_CHAR_BYTES]> = vec![[0; MAX_CHAR_BYTES]];
    for (place, byte) in pattern.iter().enumerate().take(MAX_CHAR_BYTES) {
        match byte {
            Byte::Known(b) => out.iter_mut().for_each(|bytes| bytes[place] = *b),
            Byte::Lost => {
                let values = range(place);
                out = out
                    .iter()
                    .flat_map(|&prefix| {
                        values.iter().map(move |&v| {
                            let mut next = prefix;
                            next[place] = v;
                            next
                        })
                    })
                    .collect();
            }
        }
    }
    out
}

/// Whether a character may stand where a byte was lost: one the model knows.
pub(super) fn inferable(lm: &CharModel, c: char) -> bool {
    is_chinese_punctuation(c) || lm.count(c) > 0
}

/// Whether the wrong decoder would have rejected byte `lost` followed by `next`: a lost byte
/// that it would have read as part of a character cannot have been lost.
pub(super) fn could_be_lost(wrong: Wrong, lost: u8, next: Option<Byte>) -> bool {
    match (wrong, next) {
        (Wrong::Cp1252, _) => matches!(lost, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D),
        (Wrong::Cp1250, _) => matches!(lost, 0x81 | 0x83 | 0x88 | 0x90 | 0x98),
        (_, None | Some(Byte::Lost)) => lost >= 0x80,
        (Wrong::Gb18030, Some(Byte::Known(n))) => lost >= 0x80 && pair_char(GBK, lost, n).is_none(),
        (Wrong::Big5, Some(Byte::Known(n))) => lost >= 0x80 && !big5_valid(lost, n),
    }
}

/// Whether each lost byte of `pattern`, given the values `filled` in for them, would have been
/// rejected next to the byte that followed it there (a hypothesised byte when that was lost
/// too; the last byte's successor was already checked against the stream).
pub(super) fn rejected_in_place(wrong: Wrong, pattern: &[Byte], filled: &[u8]) -> bool {
    pattern
        .windows(2)
        .zip(filled.windows(2))
        .all(|(was, guess)| {
            was[0] != Byte::Lost
                || was[1] != Byte::Lost
                || could_be_lost(wrong, guess[0], Some(Byte::Known(guess[1])))
        })
}

/// Whether `b` may be a UTF-8 continuation byte (a lost byte may be anything).
pub(super) fn is_continuation(b: Option<&Byte>) -> bool {
    match b {
        Some(Byte::Known(b)) => (0x80..=0xBF).contains(b),
        Some(Byte::Lost) => true,
        None => false,
    }
}

/// A unit of `len` bytes with these candidates, or, with none, a one-byte unit that breaks
/// the run.
pub(super) fn unit(len: usize, candidates: Vec<char>) -> (usize, Vec<char>) {
    match candidates.is_empty() {
        true => (1, candidates),
        false => (len, candidates),
    }
}

/// Decode one character of `right` at `pos`: its length and candidate characters.
pub(super) fn decode_at(
    lm: &CharModel,
    (wrong, right): (Wrong, Right),
    bytes: &[Byte],
    pos: usize,
) -> (usize, Vec<char>) {
    let range = |place: usize, values: &mut dyn Iterator<Item = u8>| -> Vec<u8> {
        let next = bytes.get(pos + place + 1).copied();
        values.filter(|&v| could_be_lost(wrong, v, next)).collect()
    };
    let pattern_len = match (right, bytes[pos]) {
        (_, Byte::Known(b)) if b < 0x80 => return (1, vec![char::from(b)]),
        (Right::Utf8, Byte::Known(0xC2..=0xDF)) => 2,
        (Right::Utf8, Byte::Known(0xE0..=0xEF)) => 3,
        (Right::Utf8, Byte::Known(0xF0..=0xF4)) => 4,
        (Right::Utf8, Byte::Known(_)) => return (1, Vec::new()),
        (Right::Utf8, Byte::Lost) => {
            1 + (1..=2)
                .take_while(|&k| is_continuation(bytes.get(pos + k)))
                .count()
        }
        (_, _) => 2,
    };
    let Some(pattern) = bytes.get(pos..pos + pattern_len) else {
        return (1, Vec::new());
    };
    let lost = pattern.iter().filter(|b| **b == Byte::Lost).count();
    if right == Right::Utf8 && pattern_len == 3 && lost == 3 {
        // Every byte lost (UTF-8 read as Big5 loses half its bytes): the commonest characters
        // whose bytes the wrong decoder could all have rejected. The posterior in [`resolve`]
        // decides whether one is sure enough to write in; mostly none is, and the unit keeps
        // the run in step as one lost character.
        let next = bytes.get(pos + 3).copied();
        let candidates: Vec<char> = utf8_by_frequency()
            .iter()
            .filter(|(b, _)| {
                // Each byte was rejected next to the byte that really followed it: the
                // candidate's own next byte, then the stream's.
                rejected_in_place(wrong, pattern, b) && could_be_lost(wrong, b[2], next)
            })
            .map(|&(_, c)| c)
            .take(BEAM)
            .collect();
        return unit(3, candidates);
    }
    if pattern_len < 2 || lost > MAX_LOST_IN_CHAR {
        return (1, Vec::new());
    }
    if lost == pattern_len && right != Right::Utf8 {
        // Both bytes lost: the likeliest characters of the encoding whose bytes the wrong
        // decoder could have lost here, from a list made once (enumerating and decoding
        // every byte pair for each such character made text full of U+FFFD crawl).
        let next = bytes.get(pos + 2).copied();
        let candidates: Vec<char> = pairs_by_frequency(right)
            .iter()
            .filter(|&&(lead, trail, _)| {
                could_be_lost(wrong, lead, Some(Byte::Lost)) && could_be_lost(wrong, trail, next)
            })
            .map(|&(_, _, c)| c)
            .take(BEAM)
            .collect();
        return unit(pattern_len, candidates);
    }
    if lost == 0 {
        // Every byte known, as in nearly every unit: one reading, nothing to enumerate. (A
        // byte that cannot continue a UTF-8 character makes `utf8_char` fail, as below.)
        let mut bytes = [0u8; MAX_CHAR_BYTES];
        for (slot, byte) in bytes.iter_mut().zip(pattern) {
            if let Byte::Known(b) = byte {
                *slot = *b;
            }
        }
        let read = match right {
            Right::Utf8 => utf8_char(&bytes[..pattern_len]),
            Right::Gbk => pair_char(GBK, bytes[0], bytes[1]),
            Right::Big5 => pair_char(BIG5, bytes[0], bytes[1]),
        };
        return unit(pattern_len, read.into_iter().collect());
    }
    let candidates: Vec<char> = match right {
        Right::Utf8 => {
            if pattern[1..]
                .iter()
                .any(|b| matches!(b, Byte::Known(x) if !(0x80..=0xBF).contains(x)))
            {
                return (1, Vec::new());
            }
            let lead_range: Vec<u8> = match pattern_len {
                2 => (0xC2..=0xDF).collect(),
                _ => (0xE2..=0xEF).collect(),
            };
            fill(pattern, |place| {
                if place == 0 {
                    range(place, &mut lead_range.iter().copied())
                } else {
                    range(place, &mut (0x80..=0xBF))
                }
            })
            .iter()
            .map(|b| &b[..pattern.len()])
            .filter(|b| rejected_in_place(wrong, pattern, b))
            .filter_map(utf8_char)
            .collect()
        }
        Right::Gbk | Right::Big5 => {
            let (encoding, leads, trails): (_, Vec<u8>, Vec<u8>) = match right {
                Right::Gbk => (
                    GBK,
                    (0x81..=0xFE).collect(),
                    (0x40..=0x7E).chain(0x80..=0xFE).collect(),
                ),
                _ => (
                    BIG5,
                    (0xA1..=0xF9).collect(),
                    (0x40..=0x7E).chain(0xA1..=0xFE).collect(),
                ),
            };
            fill(pattern, |place| {
                if place == 0 {
                    range(place, &mut leads.iter().copied())
                } else {
                    range(place, &mut trails.iter().copied())
                }
            })
            .iter()
            .filter_map(|b| pair_char(encoding, b[0], b[1]))
            .collect()
        }
    };
    let candidates: Vec<char> = if lost > 0 {
        candidates
            .into_iter()
            .filter(|&c| inferable(lm, c))
            .collect()
    } else {
        candidates
    };
    unit(pattern_len, candidates)
}

/// Every character of a double-byte encoding that may stand for a lost one ([`inferable`]),
/// with its bytes, the most frequent first (ties in byte order): the candidates of a
/// character both of whose bytes were lost, in the order [`resolve`] ranks them.
pub(super) fn pairs_by_frequency(right: Right) -> &'static [(u8, u8, char)] {
    static GBK_PAIRS: OnceLock<Vec<(u8, u8, char)>> = OnceLock::new();
    static BIG5_PAIRS: OnceLock<Vec<(u8, u8, char)>> = OnceLock::new();
    let (table, encoding, leads, trails) = match right {
        Right::Big5 => (&BIG5_PAIRS, BIG5, 0xA1..=0xF9, [0x40..=0x7E, 0xA1..=0xFE]),
        _ => (&GBK_PAIRS, GBK, 0x81..=0xFE, [0x40..=0x7E, 0x80..=0xFE]),
    };
    table.get_or_init(|| {
        let lm = model();
        let mut pairs: Vec<(u8, u8, char)> = leads
            .flat_map(|lead| {
                trails
                    .clone()
                    .into_iter()
                    .flatten()
                    .filter_map(move |trail| Some((lead, trail, pair_char(encoding, lead, trail)?)))
            })
            .filter(|&(_, _, c)| inferable(lm, c))
            .collect();
        pairs.sort_by_key(|&(_, _, c)| std::cmp::Reverse(lm.count(c)));
        pairs
    })
}

/// The common characters of three UTF-8 bytes, with their bytes, the most frequent first: the
/// candidates for a character all of whose bytes were lost.
pub(super) fn utf8_by_frequency() -> &'static [([u8; 3], char)] {
    static CHARS: OnceLock<Vec<([u8; 3], char)>> = OnceLock::new();
    CHARS.get_or_init(|| {
        let lm = model();
        let mut chars: Vec<([u8; 3], char)> = lm
            .common_chars()
            .filter_map(|c| {
                let mut buf = [0u8; 4];
                let bytes: [u8; 3] = c.encode_utf8(&mut buf).as_bytes().try_into().ok()?;
                Some((bytes, c))
            })
            .collect();
        chars.sort_by_key(|&(bytes, c)| (std::cmp::Reverse(lm.count(c)), bytes));
        chars
    })
}
