//! Latvian wording the pages need: the number agreement of counted nouns, and sentence case for
//! headings that a document prints in capitals for layout.
//!
//! Every count on the site goes through [`is_singular`], in Rust ([`count`]) and in templates
//! (the `plural` filter and the `singular` test registered by the theme), so "1 pasākums" and
//! "21 pasākums" but "11 pasākumi" come out the same everywhere.

use std::collections::BTreeSet;

/// True when Latvian uses the singular with `n`: numbers ending in 1, except those ending in 11
/// (1, 21, 101 pasākums; 11, 111 pasākumi). Zero and every other number take the plural.
pub fn is_singular(n: u64) -> bool {
    n % 10 == 1 && n % 100 != 11
}

/// `n` and the form of the noun phrase that agrees with it: `count(1, "pasākums", "pasākumi")`
/// is "1 pasākums", `count(5, …)` "5 pasākumi".
pub fn count(n: u64, one: &str, other: &str) -> String {
    format!("{n} {}", if is_singular(n) { one } else { other })
}

/// Words a plan writes with a capital letter inside its sentences and never in lower case:
/// names ("Latvijas", "Eiropas") and codes ("VP", "ES"). [`sentence_case`] keeps these when it
/// lowers a heading printed in capitals, so the document itself says which words are names.
#[derive(Debug, Clone, Default)]
pub struct ProperWords {
    capitalised: BTreeSet<String>,
    lower: BTreeSet<String>,
}

impl ProperWords {
    /// Learns from `texts` (the plan's published text). The first word of each text and of each
    /// sentence is skipped: a capital there says nothing. Texts mostly in capitals are skipped
    /// as well: they are the headings to be fixed.
    pub fn learn<'t>(texts: impl IntoIterator<Item = &'t str>) -> ProperWords {
        let mut words = ProperWords::default();
        for text in texts {
            if is_capitals(text) {
                continue;
            }
            let mut sentence_start = true;
            for raw in text.split_whitespace() {
                let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
                let starts = std::mem::replace(
                    &mut sentence_start,
                    raw.ends_with(['.', '!', '?', ':']) || word.is_empty(),
                );
                if word.is_empty() || starts {
                    continue;
                }
                let lower = word.to_lowercase();
                if word.chars().next().is_some_and(char::is_uppercase) {
                    words.capitalised.insert(lower);
                } else {
                    words.lower.insert(lower);
                }
            }
        }
        words
    }

    /// True when the plan writes `word` (any case) with a capital inside its sentences and
    /// never in lower case.
    fn is_proper(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.capitalised.contains(&lower) && !self.lower.contains(&lower)
    }
}

/// True when `text` is written in capitals for layout: at least two words of three or more
/// letters, and no lower-case letter at all.
pub fn is_capitals(text: &str) -> bool {
    let long_words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .count();
    long_words >= 2 && !text.chars().any(char::is_lowercase)
}

/// `text` in sentence case when the document printed it in capitals ("1. CILVĒKU TIRDZNIECĪBAS
/// PREVENCIJA" → "1. Cilvēku tirdzniecības prevencija"); any other text is returned as it is.
/// Kept as printed: Roman numerals, words with digits, the words `keep` accepts (institution
/// codes such as "VP"), and the words the plan writes with a capital inside its sentences
/// ([`ProperWords`]), which get their initial capital back.
pub fn sentence_case(text: &str, proper: &ProperWords, keep: impl Fn(&str) -> bool) -> String {
    if !is_capitals(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        // A number ("1.", "II.") comes before the sentence; the word after it starts it.
        let numeral = word.chars().any(|c| c.is_ascii_digit()) || is_roman(word);
        if numeral || keep(word) {
            out.push_str(word);
        } else if *first || proper.is_proper(word) {
            let lower = word.to_lowercase();
            let mut chars = lower.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(&word.to_lowercase());
        }
        if !numeral {
            *first = false;
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut first);
    out
}

/// "I", "IV", "XII": a Roman numeral, kept in capitals.
fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "IVXLC".contains(c)) && word.len() <= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_for_numbers_ending_in_one_but_not_eleven() {
        let singular: Vec<u64> = (0..=125).filter(|&n| is_singular(n)).collect();
        assert_eq!(singular, [1, 21, 31, 41, 51, 61, 71, 81, 91, 101, 121]);
        assert_eq!(
            count(1, "rīcības virziens", "rīcības virzieni"),
            "1 rīcības virziens"
        );
        assert_eq!(count(11, "pasākums", "pasākumi"), "11 pasākumi");
        assert_eq!(count(21, "pasākums", "pasākumi"), "21 pasākums");
        assert_eq!(count(0, "pasākums", "pasākumi"), "0 pasākumi");
    }

    #[test]
    fn capitals_become_sentence_case_with_names_and_codes_kept() {
        let proper = ProperWords::learn([
            "Sadarbība ar Latvijas Republikas iestādēm un VP, kā arī latviešu valodā.",
            "Cilvēku tirdzniecības upuri saņem atbalstu.",
        ]);
        let keep = |w: &str| w == "VP";
        assert_eq!(
            sentence_case("1. CILVĒKU TIRDZNIECĪBAS PREVENCIJA", &proper, keep),
            "1. Cilvēku tirdzniecības prevencija"
        );
        assert_eq!(
            sentence_case(
                "II. PROGRAMMAS APAKŠMĒRĶIS: ATBALSTS VP UN LATVIJAS IESTĀDĒM",
                &proper,
                keep
            ),
            "II. Programmas apakšmērķis: atbalsts VP un Latvijas iestādēm"
        );
        // "Cilvēku" starts a sentence above, so it is not taken for a name.
        assert_eq!(
            sentence_case(
                "ATBALSTS CILVĒKU TIRDZNIECĪBAS UPURIM- IDENTIFICĒŠANA",
                &proper,
                keep
            ),
            "Atbalsts cilvēku tirdzniecības upurim- identificēšana"
        );
    }

    #[test]
    fn mixed_case_and_short_capitals_stay_as_printed() {
        let proper = ProperWords::default();
        let keep = |_: &str| false;
        for text in [
            "TAI darbības efektivizēšana",
            "Kiberdrošības pārvaldība un resursi",
            "IKT",
            "ES SOCTA",
        ] {
            assert_eq!(sentence_case(text, &proper, keep), text);
        }
    }
}
