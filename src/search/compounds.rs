//! Latvian compounds split on the index's own vocabulary, at build time: "Satelīttelefona" is
//! also indexed under the stems of "satelīt-" and "-telefona", so "satelīta sakari" finds the
//! satellite telephones, "cilvēku tirdzniecība" finds "cilvēktirdzniecība" and "policija" finds
//! "kriminālpolicija".
//!
//! Latvian writes compounds as one word, the first part usually a bare stem ending in a
//! consonant ("satelīt-", "kriminal-", "robež-", "valsts-"). A word is split after such a head
//! where both parts are words the documents use: the head's stems are index terms of other
//! words, and the tail's are too or begin one (the tail "telefona" of the only compound using it
//! begins "telefonija"). Heads are at least [`MIN_HEAD`] letters with a stem of one less, so
//! that short words inside long ones ("vien-", "ties-", "vid-", "reģ-") do not split
//! "vienkāršs", "tiešsaiste", "vidusskola" (not the VID) or "reģistrēties"; tails at least
//! [`MIN_TAIL`]. Every such split counts: the word keeps its own stems and gains the parts'.
//! Checked by hand over the five documents: about 140 words of the structured index split, all
//! of them compounds; the full-text index also splits a few words the PDF text broke at a line
//! end ("sagat-" gives "sagatavota" the part "avot").
//!
//! Only the index changes: a query word is analysed as always, so the browser needs no twin of
//! this module.

use super::analyzer::stem;
use std::collections::{BTreeMap, BTreeSet};

/// The shortest head a compound is split after, in letters.
pub const MIN_HEAD: usize = 5;
/// The shortest tail, in letters (its stem has at least one letter less).
pub const MIN_TAIL: usize = 5;

/// The index's vocabulary and the splits found so far (each distinct word is split once).
pub struct Compounds {
    terms: BTreeSet<String>,
    known: BTreeMap<String, Vec<String>>,
}

impl Compounds {
    /// `terms`: every term the documents are indexed under.
    pub fn new(terms: BTreeSet<String>) -> Compounds {
        Compounds {
            terms,
            known: BTreeMap::new(),
        }
    }

    /// The stems of the parts of one folded, all-letter word: empty when it is no compound.
    pub fn parts(&mut self, word: &str) -> &[String] {
        if !self.known.contains_key(word) {
            let parts = self.split(word);
            self.known.insert(word.to_string(), parts);
        }
        &self.known[word]
    }

    fn split(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let mut parts = Vec::new();
        if chars.len() < MIN_HEAD + MIN_TAIL {
            return parts;
        }
        let own = stem(word);
        for at in MIN_HEAD..=chars.len() - MIN_TAIL {
            if is_vowel(chars[at - 1]) {
                continue;
            }
            let head: String = chars[..at].iter().collect();
            let heads: Vec<String> = stem(&head)
                .into_iter()
                .filter(|s| {
                    s.chars().count() >= MIN_HEAD - 1 && self.is_term(s) && !own.contains(s)
                })
                .collect();
            if heads.is_empty() {
                continue;
            }
            let tail: String = chars[at..].iter().collect();
            let tails: Vec<String> = stem(&tail)
                .into_iter()
                .filter(|s| s.chars().count() >= MIN_TAIL - 1 && self.begins_term(s))
                .collect();
            if tails.is_empty() {
                continue;
            }
            for part in heads.into_iter().chain(tails) {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
        }
        parts
    }

    fn is_term(&self, stem: &str) -> bool {
        self.terms.contains(stem)
    }

    /// True when `stem` is a term or the beginning of one.
    fn begins_term(&self, stem: &str) -> bool {
        self.terms
            .range::<str, _>((std::ops::Bound::Included(stem), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|term| term.starts_with(stem))
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::terms;

    /// A vocabulary from real lines of the seeds (the cyber report, seeds/004, lines 798 and
    /// 847; the organised-crime plan; the trafficking plans).
    fn compounds() -> Compounds {
        let text = "Satelīttelefona pakalpojuma īre visās diplomātiskajās pārstāvniecībās. \
                    Satelīta datu pārraides risinājums. Telefonijas pakalpojumi. \
                    Cilvēku tirdzniecība un cilvēktirdzniecība. Valsts policija, \
                    kriminālpolicija, kriminālās lietas. Vienkāršs un vienots; kara laikā. Tiesas un tiešsaiste. \
                    Platforma, plats ceļš; formas.";
        Compounds::new(terms(text).into_iter().collect())
    }

    #[test]
    fn a_compound_of_two_known_words_gains_their_stems() {
        let mut c = compounds();
        assert_eq!(c.parts("satelittelefona"), ["satel", "telefon"]);
        assert_eq!(c.parts("cilvektirdzniecibas"), ["cilvek", "tirdzniecib"]);
        assert_eq!(c.parts("kriminalpolicijas"), ["kriminal", "policij"]);
    }

    #[test]
    fn short_heads_and_unknown_parts_do_not_split() {
        let mut c = compounds();
        for word in [
            "vienkarss",
            "tiessaiste",
            "platforma",
            "policija",
            "pakalpojuma",
            "ministrijas",
        ] {
            assert!(c.parts(word).is_empty(), "{word}: {:?}", c.parts(word));
        }
    }
}
