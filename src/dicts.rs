//! The embedded tables in `dicts/`, and the one small reader that parses them.
//!
//! Every table is plain text compiled into the binary (`include_str!`), so zhnews stands alone.
//! Lines are `key<TAB>value[ value…]` (or `word freq tag` for the jieba user dictionary); a line
//! that is `#` or starts with `# ` is a comment. Keys may themselves start with `#` (`#英`), so
//! only that exact comment form is skipped. Sources and licences: `dicts/SOURCES.md`.
//!
//! ```
//! let rows: Vec<_> = zhnews::dicts::rows("# header\n著名\t著名\n\n乾\t干 乾\n").collect();
//! assert_eq!(rows, vec![("著名", "著名"), ("乾", "干 乾")]);
//! ```

/// OpenCC `TSCharacters.txt`: Traditional → Simplified characters (Apache-2.0).
pub const TS_CHARACTERS: &str = include_str!("../dicts/opencc/TSCharacters.txt");
/// OpenCC `TSPhrases.txt`: Traditional → Simplified phrases (Apache-2.0).
pub const TS_PHRASES: &str = include_str!("../dicts/opencc/TSPhrases.txt");
/// OpenCC `STCharacters.txt`: Simplified → Traditional characters, used to tell scripts apart.
pub const ST_CHARACTERS: &str = include_str!("../dicts/opencc/STCharacters.txt");
/// OpenCC `TWVariantsRevPhrases.txt`: Taiwan variant phrases → OpenCC standard forms.
pub const TW_VARIANTS_REV_PHRASES: &str = include_str!("../dicts/opencc/TWVariantsRevPhrases.txt");
/// OpenCC `TWVariants.txt` reversed: Taiwan variant characters → OpenCC standard forms.
pub const TW_VARIANTS_REV: &str = include_str!("../dicts/opencc/TWVariantsRev.txt");
/// OpenCC `HKVariantsRevPhrases.txt`: Hong Kong variant phrases → OpenCC standard forms.
pub const HK_VARIANTS_REV_PHRASES: &str = include_str!("../dicts/opencc/HKVariantsRevPhrases.txt");
/// OpenCC `HKVariants.txt` reversed: Hong Kong variant characters → OpenCC standard forms.
pub const HK_VARIANTS_REV: &str = include_str!("../dicts/opencc/HKVariantsRev.txt");
/// OpenCC `CJK_Compatibility_Ideographs.txt`: compatibility ideographs → unified ones.
pub const CJK_COMPATIBILITY: &str =
    include_str!("../dicts/opencc/CJK_Compatibility_Ideographs.txt");
/// Our own corrections to the variant tables, applied with them (see the file's header).
pub const CONVERT_OVERRIDES: &str = include_str!("../dicts/convert_overrides.txt");
/// Characters that t2s converts but Simplified text also writes (乾隆): kept in Simplified text.
pub const SIMPLIFIED_KEEP: &str = include_str!("../dicts/simplified_keep.txt");
/// Character unigram and bigram counts for scoring how plausible a run of Chinese text is.
pub const CHAR_LM: &str = include_str!("../dicts/char_lm.tsv");
/// Inverse document frequencies from jieba's `idf.txt` (MIT), for keyword weights.
pub const IDF: &str = include_str!("../dicts/idf.tsv");
/// Keyword weight multipliers: 0 for function words, below 1 for boilerplate.
pub const KEYWORD_WEIGHTS: &str = include_str!("../dicts/keyword_weights.tsv");
/// Administrative divisions of China: code, name, short form, level, parent (WTFPL/Apache-2.0).
pub const DIVISIONS: &str = include_str!("../dicts/divisions.tsv");
/// Taiwan's districts and townships, below the counties `DIVISIONS` stops at (MIT).
pub const DIVISIONS_TAIWAN: &str = include_str!("../dicts/divisions_taiwan.tsv");
/// Countries, world regions and Chinese macro-regions.
pub const PLACES_WORLD: &str = include_str!("../dicts/places_world.txt");
/// Organisation name endings and how they attach.
pub const ORG_SUFFIXES: &str = include_str!("../dicts/org_suffixes.txt");
/// Organisations known by a short or fixed name.
pub const ORG_ALIASES: &str = include_str!("../dicts/org_aliases.txt");
/// Public figures named without a title: leaders of the PRC, Hong Kong, Macao and the ROC.
pub const PEOPLE: &str = include_str!("../dicts/people.txt");
/// One-character short forms of countries and regions: the only one-character places.
pub const PLACE_ABBREVIATIONS: &str = include_str!("../dicts/place_abbreviations.txt");
/// Words of credits after a name (摄, 报道, 供稿): never part of it.
pub const CREDIT_WORDS: &str = include_str!("../dicts/credit_words.txt");
/// Works named without 《》: broadcast programmes (新闻联播).
pub const WORKS: &str = include_str!("../dicts/works.txt");
/// Endings of road, street and route names (路, 街, 大道, 地下道, 高铁).
pub const ROAD_SUFFIXES: &str = include_str!("../dicts/road_suffixes.txt");
/// Patterns of what the tagger takes for a name and is not one (十九届四中全会, 民国).
pub const NOT_ENTITIES: &str = include_str!("../dicts/not_entities.txt");
/// Chinese surnames.
pub const SURNAMES: &str = include_str!("../dicts/surnames.txt");
/// Titles that stand beside person names.
pub const PERSON_TITLES: &str = include_str!("../dicts/person_titles.txt");
/// Units and measure words with categories (curated, JioNLP Apache-2.0, Recognizers-Text MIT).
pub const UNITS: &str = include_str!("../dicts/units.tsv");
/// Big5 code points where the Unicode BIG5.TXT mapping (Python's codec) differs from WHATWG.
pub const BIG5_LEGACY: &str = include_str!("../dicts/big5_legacy.tsv");
/// Kangxi radicals and radical forms → ideographs (`tools/build_radicals.py`).
pub const RADICALS: &str = include_str!("../dicts/radicals.tsv");
/// jieba user dictionary of government-news vocabulary (`word freq tag`).
pub const USER_DICT: &str = include_str!("../dicts/user.dict");
/// Words with numeral characters that are not numbers (一切, 统一, 四川), for `numbers`.
pub const NUMBER_WORDS: &str = include_str!("../dicts/number_words.txt");
/// Classifiers and units after which a lone numeral counts (个, 名, 年, 公斤), for `numbers`.
pub const CLASSIFIERS: &str = include_str!("../dicts/classifiers.txt");

/// True for a comment line: `#` alone or `# …`.
fn is_comment(line: &str) -> bool {
    line == "#" || line.starts_with("# ")
}

/// The `(key, rest)` rows of a tab-separated table, skipping blank and comment lines.
/// A line without a tab gives the whole line as key and an empty rest.
pub fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table.lines().filter_map(|line| {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || is_comment(line) {
            return None;
        }
        Some(line.split_once('\t').unwrap_or((line, "")))
    })
}

/// A row that maps one character to one character (`臺` → `台`), as a pair; `None` for any
/// other row.
///
/// ```
/// assert_eq!(zhnews::dicts::char_to_char("臺", "台"), Some(('臺', '台')));
/// assert_eq!(zhnews::dicts::char_to_char("臺灣", "台湾"), None);
/// ```
pub fn char_to_char(key: &str, value: &str) -> Option<(char, char)> {
    let (mut key, mut value) = (key.chars(), value.chars());
    match (key.next(), key.next(), value.next(), value.next()) {
        (Some(k), None, Some(v), None) => Some((k, v)),
        _ => None,
    }
}

/// The first value of a row's space-separated value list (OpenCC's default candidate).
pub fn first_value(rest: &str) -> &str {
    rest.split(' ').next().unwrap_or("")
}

/// The `key<TAB>value…` rows of an OpenCC table whose key is announced by a
/// `# @tofu-risk` comment: upstream builds `TSCharactersExt` from them.
pub fn tofu_risk_rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut lines = table.lines();
    std::iter::from_fn(move || {
        loop {
            let line = lines.next()?;
            if line.starts_with("# @tofu-risk") {
                let next = lines.next()?;
                if let Some(row) = next.split_once('\t') {
                    return Some(row);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_table_has_rows() {
        for (name, table) in [
            ("TSCharacters", TS_CHARACTERS),
            ("TSPhrases", TS_PHRASES),
            ("STCharacters", ST_CHARACTERS),
            ("TWVariantsRevPhrases", TW_VARIANTS_REV_PHRASES),
            ("TWVariantsRev", TW_VARIANTS_REV),
            ("HKVariantsRevPhrases", HK_VARIANTS_REV_PHRASES),
            ("HKVariantsRev", HK_VARIANTS_REV),
            ("CJK_Compatibility", CJK_COMPATIBILITY),
            ("convert_overrides", CONVERT_OVERRIDES),
            ("simplified_keep", SIMPLIFIED_KEEP),
            ("char_lm", CHAR_LM),
            ("idf", IDF),
            ("keyword_weights", KEYWORD_WEIGHTS),
            ("divisions", DIVISIONS),
            ("divisions_taiwan", DIVISIONS_TAIWAN),
            ("places_world", PLACES_WORLD),
            ("radicals", RADICALS),
            ("org_suffixes", ORG_SUFFIXES),
            ("org_aliases", ORG_ALIASES),
            ("people", PEOPLE),
            ("not_entities", NOT_ENTITIES),
            ("road_suffixes", ROAD_SUFFIXES),
            ("works", WORKS),
            ("credit_words", CREDIT_WORDS),
            ("place_abbreviations", PLACE_ABBREVIATIONS),
            ("surnames", SURNAMES),
            ("person_titles", PERSON_TITLES),
            ("units", UNITS),
            ("number_words", NUMBER_WORDS),
            ("classifiers", CLASSIFIERS),
        ] {
            assert!(rows(table).count() > 0, "{name} is empty");
            assert!(
                rows(table).all(|(k, _)| !k.is_empty()),
                "{name} has an empty key"
            );
        }
    }

    #[test]
    fn keys_starting_with_hash_are_data() {
        let got: Vec<_> = rows("#\n# note\n#英\t4\n#total\t9\n").collect();
        assert_eq!(got, vec![("#英", "4"), ("#total", "9")]);
    }

    #[test]
    fn tofu_risk_rows_follow_their_comment() {
        let table = "# @tofu-risk: x\n㑮\t㑮 𫝈\n㑯\t㑔\n";
        let got: Vec<_> = tofu_risk_rows(table).collect();
        assert_eq!(got, vec![("㑮", "㑮 𫝈")]);
    }
}
