//! Bytes → text: byte-order mark, strict UTF-8, else a legacy encoding detected from the bytes.
//!
//! UTF-8 validation costs microseconds and a detector about a millisecond an article, so the
//! detector (chardetng, Firefox's) runs only when the input is not UTF-8. A character cut off at
//! the very end of otherwise valid UTF-8 is dropped and reported, not treated as a legacy
//! encoding. UTF-16 without a BOM is recognised from where its zero bytes fall. Images,
//! executables and NUL-heavy data are refused as [`Error::Binary`].
//!
//! ```
//! let (bytes, _, _) = encoding_rs::GBK.encode("本溪市公安局开展平安建设");
//! let decoded = zhnews::decode::decode(&bytes).unwrap();
//! assert_eq!(decoded.text, "本溪市公安局开展平安建设");
//! assert_eq!(decoded.encoding.name, "GBK");
//! ```

use std::sync::OnceLock;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::document::{EncodingInfo, Fix, FixKind};
use crate::error::{Error, Result};

/// Decoded text, how it was decoded, and a fix when a partial character was dropped.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: EncodingInfo,
    /// Set when the input ended inside a UTF-8 character.
    pub truncated: Option<Fix>,
}

/// How many leading bytes the detectors look at: enough for a confident guess, and it bounds
/// the cost on huge inputs.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decode `bytes` into text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: EncodingInfo {
                name: encoding.name(),
                confidence: if had_errors { 0.9 } else { 1.0 },
                bom: true,
            },
            truncated: None,
        });
    }
    if let Some(reason) = binary_signature(bytes) {
        return Err(Error::Binary { reason });
    }
    if let Some(decoded) = decode_utf8(bytes) {
        // NUL is valid UTF-8: a stray one in text is kept, but a tenth of the bytes NUL is
        // UTF-16 of ASCII text or binary padding, which the checks below tell apart.
        if nul_share(bytes) < MAX_UTF8_NUL_SHARE {
            return Ok(decoded);
        }
    } else if let Some(decoded) = decode_mostly_utf8(bytes) {
        return Ok(decoded);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: EncodingInfo {
                name: encoding.name(),
                confidence: 0.9,
                bom: false,
            },
            truncated: None,
        });
    }
    if let Some(reason) = binary_content(bytes) {
        return Err(Error::Binary { reason });
    }
    Ok(decode_legacy(bytes))
}

/// The share of NUL bytes above which valid UTF-8 is not taken as text as it is.
const MAX_UTF8_NUL_SHARE: f64 = 0.10;

/// The share of NUL bytes in the first [`SNIFF_BYTES`] bytes.
fn nul_share(bytes: &[u8]) -> f64 {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    nul as f64 / sample.len().max(1) as f64
}

/// Valid UTF-8, allowing one character cut off at the end.
fn decode_utf8(bytes: &[u8]) -> Option<Decoded> {
    let (valid, truncated) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) if e.error_len().is_none() => {
            let cut = &bytes[e.valid_up_to()..];
            let hex: Vec<String> = cut.iter().map(|b| format!("{b:02x}")).collect();
            let fix = Fix::new(FixKind::TruncatedCharacter, hex.join(" "), "");
            // valid_up_to() marks the end of the longest valid prefix.
            (
                std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
                Some(fix),
            )
        }
        Err(_) => return None,
    };
    Some(Decoded {
        text: valid.to_owned(),
        encoding: EncodingInfo::utf8(),
        truncated,
    })
}

/// UTF-8 with a few broken sequences (a damaged byte here and there): decoding it as a legacy
/// encoding would garble every character, so keep UTF-8 and let U+FFFD mark the damage.
fn decode_mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let (text, _) = UTF_8.decode_without_bom_handling(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let multibyte = text
        .chars()
        .filter(|&c| c > '\u{7F}' && c != '\u{FFFD}')
        .count();
    if replaced == 0 || replaced * 10 > multibyte {
        return None;
    }
    Some(Decoded {
        text: text.into_owned(),
        encoding: EncodingInfo {
            name: "UTF-8",
            confidence: 0.8,
            bom: false,
        },
        truncated: None,
    })
}

/// File types recognised by their first bytes (PNG, JPEG, ELF, PDF, archives…): what the file
/// is, or `None` when the start does not give a binary format away. A reader that stops at a
/// size limit uses it to name a large binary file as such.
pub fn binary_signature(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\x7fELF", "ELF executable"),
        (b"MZ", "Windows executable"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"RIFF", "RIFF media"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
    ];
    // "MZ" and "BZh" are plain ASCII too: only trust them when a NUL byte follows soon.
    let has_early_nul = bytes.iter().take(512).any(|&b| b == 0);
    MAGIC
        .iter()
        .find(|(magic, name)| {
            bytes.starts_with(magic) && (!name.ends_with("executable") || has_early_nul)
        })
        .filter(|(_, name)| *name != "bzip2 data" || has_early_nul)
        .map(|(_, name)| name.to_string())
}

/// Data with many NUL or control bytes that is not UTF-16.
fn binary_content(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.is_empty() {
        return None;
    }
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b | 0))
        .count();
    let share = |n: usize| n as f64 / sample.len() as f64;
    if nul > 0 && share(nul) >= 0.01 {
        Some(format!("{:.0}% NUL bytes", 100.0 * share(nul)))
    } else if share(control) >= 0.10 {
        Some(format!("{:.0}% control bytes", 100.0 * share(control)))
    } else {
        None
    }
}

/// UTF-16 without a BOM: an even length, and the text it decodes to is almost all letters,
/// Han characters and punctuation in one byte order and not in the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let score = |encoding: &'static Encoding| -> f64 {
        let (text, had_errors) = encoding.decode_without_bom_handling(sample);
        if had_errors {
            return 0.0;
        }
        let total = text.chars().count().max(1);
        let good = text.chars().filter(|&c| is_texty(c)).count();
        good as f64 / total as f64
    };
    let (le, be) = (score(UTF_16LE), score(UTF_16BE));
    match (le >= 0.95, be >= 0.95) {
        (true, false) => Some(UTF_16LE),
        (false, true) => Some(UTF_16BE),
        (true, true) if le > be => Some(UTF_16LE),
        (true, true) if be > le => Some(UTF_16BE),
        _ => None,
    }
}

/// Characters that ordinary Chinese or Latin text is made of.
fn is_texty(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~')
        || matches!(c as u32,
            0x00A0..=0x024F        // Latin-1 and Latin Extended
            | 0x2000..=0x206F      // general punctuation
            | 0x3000..=0x303F      // CJK punctuation
            | 0x3400..=0x4DBF      // CJK extension A
            | 0x4E00..=0x9FFF      // CJK unified ideographs
            | 0xFF00..=0xFFEF) // full-width forms
}

/// Detect among the legacy encodings with chardetng and decode. GBK is decoded as GB18030
/// (its superset, as WHATWG specifies) and reported as GB18030 when four-byte sequences occur.
fn decode_legacy(bytes: &[u8]) -> Decoded {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let guess = if guess == UTF_8 { GB18030 } else { guess };
    let decoder = if guess.name() == "GBK" {
        GB18030
    } else {
        guess
    };
    let gbk_name = || {
        if has_gb18030_four_byte(bytes) {
            "GB18030"
        } else {
            "GBK"
        }
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    let double_byte = decoder == GB18030 || decoder == BIG5;
    // A GBK stream that lost a byte is read one lead byte at a time ([`decode_gbk_bytewise`]):
    // one lost byte is then one U+FFFD, which the byte-shift repair re-aligns. It shows as:
    // - errors in the GBK reading;
    // - private-use characters in it without errors: encoding_rs reads GBK's user-defined
    //   rows as those, and a stream out of step runs into them every few pairs (a text using
    //   a custom glyph or two seldom does);
    // - the detector settling on a single-byte code page (every byte decodes there, into
    //   GBK-as-Latin-1 mojibake around the place that cannot be mended) or on Big5. Then the
    //   GBK reading is taken only if it passes for damaged GBK; Big5 text read as GBK has too
    //   few GB2312 pairs, Latin-1 text too few pairs at all.
    let private_use = decoder == GB18030
        && text
            .chars()
            .filter(|c| ('\u{E000}'..='\u{E765}').contains(c))
            .nth(MIN_PRIVATE_USE_OUT_OF_STEP - 1)
            .is_some();
    if decoder == GB18030 && (had_errors || private_use) || decoder == BIG5 || !double_byte {
        let gbk = decode_gbk_bytewise(bytes);
        if decoder == GB18030 || gbk.looks_like_damaged_gbk() {
            return Decoded {
                text: gbk.text,
                encoding: EncodingInfo {
                    name: gbk_name(),
                    confidence: 0.6,
                    bom: false,
                },
                truncated: None,
            };
        }
    }
    let name = if decoder == GB18030 {
        gbk_name()
    } else {
        decoder.name()
    };
    // Chinese double-byte encodings leave no room for doubt once every byte decodes: a single
    // invalid pair rules them out. Single-byte code pages always decode, so they are a guess.
    let confidence = match (double_byte, had_errors) {
        (true, false) => 0.99,
        (true, true) => 0.6,
        (false, false) => 0.5,
        (false, true) => 0.3,
    };
    Decoded {
        text: text.into_owned(),
        encoding: EncodingInfo {
            name,
            confidence,
            bom: false,
        },
        truncated: None,
    }
}

/// How many private-use characters (GBK's user-defined rows) a GBK reading must hold to be
/// read again one lead byte at a time, as a stream that fell out of step.
const MIN_PRIVATE_USE_OUT_OF_STEP: usize = 2;

/// Bytes read as GBK (GB18030) one lead byte at a time, with counts to judge the reading by.
struct BytewiseGbk {
    text: String,
    /// Lead bytes that made no character (one U+FFFD each).
    errors: usize,
    /// Characters of two or four bytes.
    multi_byte: usize,
    /// Of those, characters of GB2312, the common core (both bytes 0xA1 or above): nearly all
    /// of Chinese text, and few of Latin-1 text read as GBK, whose accented letters pair with
    /// the ASCII letter after them.
    gb2312: usize,
}

impl BytewiseGbk {
    /// Whether this reading is Chinese with a byte lost here and there (one, or one in fifty
    /// characters), not text in another encoding.
    fn looks_like_damaged_gbk(&self) -> bool {
        const MIN_CHARS: usize = 8;
        self.multi_byte >= MIN_CHARS
            && self.errors <= 1 + self.multi_byte / 50
            && self.gb2312 * 10 >= self.multi_byte * 9
    }
}

/// GBK decoded as Python's codec (and so `requests`) decodes it: a lead byte that makes no
/// character with the byte after it becomes one U+FFFD, and decoding goes on from that next
/// byte. encoding_rs (WHATWG) also consumes the next byte when it is not ASCII, and reads the
/// user-defined rows as private-use characters; the one-byte reading keeps every byte after a
/// lost one, which is what the byte-shift repair needs to re-align the run.
fn decode_gbk_bytewise(bytes: &[u8]) -> BytewiseGbk {
    let mut out = BytewiseGbk {
        text: String::with_capacity(bytes.len() * 3 / 2),
        errors: 0,
        multi_byte: 0,
        gb2312: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            out.text.push(char::from(lead));
            i += 1;
            continue;
        }
        let four_byte = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
        let len = if four_byte { 4 } else { 2 };
        let decoded = match bytes.get(i..i + len) {
            Some(&[lead, trail]) => gbk_pair(lead, trail),
            Some(sequence) => GB18030
                .decode_without_bom_handling_and_without_replacement(sequence)
                .and_then(|s| {
                    let mut chars = s.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => Some(c).filter(|&c| is_decoded_char(c)),
                        _ => None,
                    }
                }),
            None => None,
        };
        match decoded {
            Some(c) => {
                out.text.push(c);
                out.multi_byte += 1;
                if len == 2 && lead >= 0xA1 && bytes[i + 1] >= 0xA1 {
                    out.gb2312 += 1;
                }
                i += len;
            }
            None => {
                out.text.push('\u{FFFD}');
                out.errors += 1;
                i += 1;
            }
        }
    }
    out
}

/// Every pair of bytes (lead 0x81–0xFE, trail 0x40–0xFE) of a double-byte `encoding`, decoded:
/// the one character it makes, indexed by `lead << 8 | trail`; `None` where it makes none or
/// more than one. encoding_rs sets up a decoder for each call, and repairs decode hundreds of
/// pairs a character, so the pairs are decoded in one call, each followed by a line feed that
/// keeps them apart (a decoder that rejects a pair re-reads an ASCII trail, then meets the
/// line feed). A rejected pair is U+FFFD here.
pub(crate) fn decode_pairs(encoding: &'static Encoding) -> Vec<Option<char>> {
    let mut table = vec![None; 1 << 16];
    let pairs: Vec<(u8, u8)> = (0x81..=0xFE)
        .flat_map(|lead| (0x40..=0xFE).map(move |trail| (lead, trail)))
        .collect();
    let bytes: Vec<u8> = pairs
        .iter()
        .flat_map(|&(lead, trail)| [lead, trail, b'\n'])
        .collect();
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    for (&(lead, trail), decoded) in pairs.iter().zip(text.split('\n')) {
        let mut chars = decoded.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            table[usize::from(u16::from_be_bytes([lead, trail]))] = Some(c);
        }
    }
    table
}

/// Whether `c`, decoded from a multi-byte sequence of a legacy encoding, is a character the
/// bytes really stand for: not ASCII, not U+FFFD (a rejected sequence), not a private-use
/// character (GBK's user-defined rows, which Python's codec rejects).
pub(crate) fn is_decoded_char(c: char) -> bool {
    !c.is_ascii() && c != '\u{FFFD}' && !('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The GBK double-byte character `lead trail`, as Python's codec reads it: `None` for a pair
/// that makes none, or only a private-use character (GBK's user-defined rows). From a table
/// made once a process, on the first text that needs it.
pub(crate) fn gbk_pair(lead: u8, trail: u8) -> Option<char> {
    static TABLE: OnceLock<Vec<Option<char>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        decode_pairs(GBK)
            .into_iter()
            .map(|c| c.filter(|&c| is_decoded_char(c)))
            .collect()
    });
    table[usize::from(u16::from_be_bytes([lead, trail]))]
}

/// Whether a GB18030 stream uses four-byte sequences (byte, digit, byte, digit).
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x30..=0x39).contains(&bytes[i + 1]) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "2018年，在本溪市委、市政府的领导下，“平安本溪”建设不断阔步前行。\n东北的冬夜总是来得很早。";

    #[test]
    fn decodes_each_encoding_back_to_the_text() {
        let traditional =
            "東北的冬夜總是來得很早，黑得又深又靜。\n各類大走訪、大調研工作從未止步。";
        let utf16 = |le: bool| -> Vec<u8> {
            TEXT.encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect()
        };
        let mut bom_le = vec![0xff, 0xfe];
        bom_le.extend(utf16(true));
        let mut bom_be = vec![0xfe, 0xff];
        bom_be.extend(utf16(false));
        let mut bom_utf8 = vec![0xef, 0xbb, 0xbf];
        bom_utf8.extend(TEXT.as_bytes());
        let cases: Vec<(Vec<u8>, &str, &str, bool)> = vec![
            (TEXT.as_bytes().to_vec(), TEXT, "UTF-8", false),
            (bom_utf8, TEXT, "UTF-8", true),
            (GB18030.encode(TEXT).0.into_owned(), TEXT, "GBK", false),
            (
                BIG5.encode(traditional).0.into_owned(),
                traditional,
                "Big5",
                false,
            ),
            (utf16(true), TEXT, "UTF-16LE", false),
            (utf16(false), TEXT, "UTF-16BE", false),
            (bom_le, TEXT, "UTF-16LE", true),
            (bom_be, TEXT, "UTF-16BE", true),
        ];
        for (bytes, want, name, bom) in cases {
            let got = decode(&bytes).unwrap();
            assert_eq!(got.text, want, "{name}");
            assert_eq!(got.encoding.name, name);
            assert_eq!(got.encoding.bom, bom, "{name}");
        }
    }

    #[test]
    fn tolerates_a_character_cut_off_at_the_end() {
        let bytes = TEXT.as_bytes();
        let cut = &bytes[..bytes.len() - 1];
        let got = decode(cut).unwrap();
        assert_eq!(got.encoding.name, "UTF-8");
        assert_eq!(got.text, TEXT.trim_end_matches('。'));
        assert_eq!(got.truncated.unwrap().kind, FixKind::TruncatedCharacter);
    }

    #[test]
    fn reports_gb18030_when_four_byte_sequences_occur() {
        let text = "本溪市€欧元和𠀀字";
        let bytes = GB18030.encode(text).0.into_owned();
        let got = decode(&bytes).unwrap();
        assert_eq!(got.text, text);
        assert_eq!(got.encoding.name, "GB18030");
    }

    #[test]
    fn refuses_binary_input() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        let mut nul_heavy = vec![0u8; 300];
        nul_heavy.extend(b"\x93\x01\x02\xff\xfe\x80abc");
        for bytes in [png, elf, nul_heavy] {
            let err = decode(&bytes).unwrap_err();
            assert_eq!(err.kind(), "binary", "{err}");
        }
    }

    #[test]
    fn keeps_utf8_with_one_broken_byte() {
        let mut bytes = TEXT.as_bytes().to_vec();
        bytes[7] = 0xff;
        let got = decode(&bytes).unwrap();
        assert_eq!(got.encoding.name, "UTF-8");
        // The lead byte of `，` is broken: it and its two orphaned trail bytes are marked.
        assert!(got.text.starts_with("2018年\u{FFFD}\u{FFFD}\u{FFFD}在本溪"));
        assert!(got.text.ends_with("东北的冬夜总是来得很早。"));
    }

    #[test]
    fn gbk_that_lost_a_byte_is_read_as_gbk_with_one_lost_byte() {
        let (bytes, _, _) = encoding_rs::GBK.encode(TEXT);
        let comma = encoding_rs::GBK.encode("2018年").0.len();
        let mut damaged = bytes[..comma].to_vec();
        damaged.extend(&bytes[comma + 1..]);
        let got = decode(&damaged).unwrap();
        assert_eq!(got.encoding.name, "GBK");
        // The trail byte of `，` pairs with the lead of `在` and so on, out of step, until a
        // pair fails: one U+FFFD, then in step again.
        assert_eq!(got.text.matches('\u{FFFD}').count(), 1);
        assert!(got.text.starts_with("2018年"));
        assert!(got.text.ends_with("东北的冬夜总是来得很早。"));
    }

    #[test]
    fn gbk_out_of_step_through_user_defined_rows_is_read_bytewise() {
        // Dropping 会's lead byte leaves every pair out of step; encoding_rs reads the pairs
        // that land in GBK's user-defined rows as private-use characters, without an error.
        let text = "诈骗嫌犯会通过虚假通缉令来增强受害人的恐慌，借此要求受害人接受资产调查，通过网银或者ATM机上转账。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let mut damaged = bytes[..8].to_vec();
        damaged.extend(&bytes[9..]);
        let (plain, had_errors) = GB18030.decode_without_bom_handling(&damaged);
        assert!(!had_errors && plain.contains('\u{E439}'));
        let got = decode(&damaged).unwrap();
        assert!(got.text.starts_with("诈骗嫌犯"));
        assert!(got.text.contains('\u{FFFD}'));
        assert!(
            !got.text
                .chars()
                .any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
        );
    }

    #[test]
    fn latin1_text_is_not_taken_for_gbk() {
        let french = "Le préfet a présenté le bilan de l'année écoulée à la presse régionale. \
                      Les élus ont salué les résultats obtenus grâce à la coopération.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let got = decode(&bytes).unwrap();
        assert_eq!(got.encoding.name, "windows-1252");
        assert_eq!(got.text, french);
    }

    #[test]
    fn plain_ascii_starting_like_a_signature_is_text() {
        for text in ["MZ is a name", "BZh then text", ""] {
            assert_eq!(decode(text.as_bytes()).unwrap().text, text);
        }
    }

    #[test]
    fn nul_in_valid_utf8_text_is_kept_unless_it_is_most_of_it() {
        let text = "本溪\0市公安局出动民警1872人次";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
        let mut padded = b"ab".to_vec();
        padded.extend([0u8; 64]);
        assert_eq!(decode(&padded).unwrap_err().kind(), "binary");
        // UTF-16 of ASCII text is valid UTF-8 too, every other byte NUL.
        let utf16: Vec<u8> = "Benxi police, 2018"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let got = decode(&utf16).unwrap();
        assert_eq!(got.text, "Benxi police, 2018");
        assert_eq!(got.encoding.name, "UTF-16LE");
    }
}
