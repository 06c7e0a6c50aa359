//! Small text helpers shared by several stages, and the crate's one recogniser for each of two
//! questions every stage asks: what a piece of text is once case and diacritics are set aside
//! ([`fold`]), and whether it is written as an institution code ([`is_institution_code`]). Each
//! lives here once so that no two stages can classify the same cell differently.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Combining marks, dropped after canonical decomposition to fold diacritics.
static MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{M}").expect("mark pattern"));

/// Normalises (NFKC), lower-cases and folds diacritics: "Iestāžu" → "iestazu", "ＶＰ" → "vp".
///
/// The one folding function: search indexes and queries with it, slugs and sort keys are made
/// from it, and institution codes and names are compared through it.
pub fn fold(text: &str) -> String {
    let lower = text.nfkc().collect::<String>().to_lowercase();
    let decomposed: String = lower.nfkd().collect();
    MARK.replace_all(&decomposed, "").into_owned()
}

/// True when `word` is written like a code: a capital first and at least two capitals in all
/// ("VP", "IeM", "ĀM", "IzM", "GKrPP", "CERT.LV", "TF-THB"), where a name's word has one
/// ("Valsts", "Tiesībsargs").
pub fn is_code_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// True when `text` is an institution code as the documents print them: one to four words, the
/// first a [code word](is_code_word), the others code words or numbers ("VP", "IeM IC",
/// "VP GKrPP KIP", "SRAP 1"). Names ("Valsts policija", "LR Tiesībsargs", "Pašvaldības") are not.
pub fn is_institution_code(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && is_code_word(words[0])
        && words[1..]
            .iter()
            .all(|w| is_code_word(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// Replaces no-break and figure spaces with plain spaces and drops zero-width characters and
/// soft hyphens, which both export layouts leave between words and numbers.
pub fn normalize_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{AD}'
            )
        })
        .map(|c| match c {
            '\u{A0}' | '\u{202F}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect()
}

/// Footnote numbers referenced by `[^N]` markers in `text`, in order.
pub fn footnote_numbers(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.split("[^")
        .skip(1)
        .filter_map(|rest| rest.split_once(']')?.0.parse().ok())
}

/// Removes footnote markers (`[^N]`, see [`crate::read::word::footnote_marker`]) from text, for
/// open data and plain-text contexts.
pub fn strip_footnote_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after.as_bytes().get(digits) == Some(&b']') {
            out.push_str(&rest[..start]);
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..start + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_diacritics_and_compatibility_forms() {
        assert_eq!(fold("ie\u{0073}ta\u{0304}de"), "iestade");
        assert_eq!(fold("ﬁnanses"), "finanses");
        assert_eq!(fold("ＶＰ"), "vp");
        assert_eq!(fold("ĀČĒĢĪĶĻŅŠŪŽāčēģīķļņšūž"), "acegiklnsuzacegiklnsuz");
    }

    #[test]
    fn codes_are_told_from_names() {
        for code in [
            "VP",
            "IeM",
            "ĀM",
            "IzM",
            "IeM IC",
            "VP GKrPP KIP",
            "CERT.LV",
            "SRAP 1",
            "TF-THB",
        ] {
            assert!(is_institution_code(code), "{code}");
        }
        for name in [
            "Valsts policija",
            "LR Tiesībsargs",
            "Pašvaldības",
            "pašvaldības policija",
            "NKIM TAI Vadības grupā pārstāvētās institūcijas",
            "1 VP",
            "",
            "VP IC GKrPP KIP ONAP",
        ] {
            assert!(!is_institution_code(name), "{name}");
        }
    }

    #[test]
    fn invisible_characters_go_and_no_break_spaces_become_spaces() {
        assert_eq!(
            normalize_spaces("2025.\u{a0}gada\u{200b} 1\u{202f}007"),
            "2025. gada 1 007"
        );
    }

    #[test]
    fn marker_numbers_are_read_and_other_brackets_ignored() {
        let numbers: Vec<u32> = footnote_numbers("a[^2] b [^x] c[^17]").collect();
        assert_eq!(numbers, [2, 17]);
    }

    #[test]
    fn markers_are_removed_and_other_brackets_kept() {
        assert_eq!(strip_footnote_markers("grupa[^2] un [^x]"), "grupa un [^x]");
    }
}
