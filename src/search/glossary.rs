//! The plans' own abbreviation lists applied to search: a document that writes a code ("SOCTA",
//! "NVO") is also found by the words of its definition ("noziedzības draudu izvērtējums",
//! "nevalstiskā organizācija"), and a document that writes the definition, in any inflection
//! ("nevalstiskajām organizācijām"), is also found by the code. The documents define these pairs
//! themselves (the abbreviation lists the portal's glossary page shows), so no list is kept by
//! hand.
//!
//! Codes that name an institution are left out: the institution fields of [`super::documents`]
//! already carry every institution a document names with its full name, and an institution
//! named in a query lifts its measures by role (see [`super::rank`]); one recogniser per concept.

use super::analyzer::{analyze, analyze_shared, fold, SharedToken};
use crate::resolve::Library;
use std::collections::{BTreeMap, BTreeSet};

/// One code and what it stands for, analysed once.
#[derive(Debug, Clone)]
struct Entry {
    /// The code as the documents write it, one token per word ("SOCTA"; "VP GKrPP" is two).
    code: Vec<String>,
    /// The definitions' words, each word its stems.
    names: Vec<Vec<Vec<String>>>,
    /// The definitions as written, added to a document that writes the code.
    texts: Vec<String>,
}

/// The codes the plans define that are not institutions.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
}

impl Glossary {
    /// The plans' abbreviation lists without the codes that resolve to an institution or a
    /// group ([`Library::definition`]): per code (folded), every spelling with every
    /// definition's name, in plan order.
    pub fn of_library(library: &Library) -> Glossary {
        let mut by_code: BTreeMap<String, (Vec<&str>, Vec<String>)> = BTreeMap::new();
        for plan in &library.plans {
            for a in &plan.abbreviations {
                if library.definition(&plan.slug, &a.code).is_some() {
                    continue;
                }
                let (spellings, names) = by_code.entry(fold(&a.code)).or_default();
                if !spellings.contains(&a.code.as_str()) {
                    spellings.push(&a.code);
                }
                if !names.contains(&a.name) {
                    names.push(a.name.clone());
                }
            }
        }
        let mut entries: Vec<Entry> = by_code
            .values()
            .flat_map(|(spellings, names)| spellings.iter().map(|code| Entry::new(code, names)))
            .collect();
        entries.retain(|e| !e.code.is_empty() && !e.names.is_empty());
        Glossary { entries }
    }

    /// A glossary of `(code, definition)` pairs, for tests.
    pub fn of_pairs(pairs: &[(&str, &str)]) -> Glossary {
        Glossary {
            entries: pairs
                .iter()
                .map(|(code, name)| Entry::new(code, &[name.to_string()]))
                .collect(),
        }
    }

    /// What a document's texts gain: the definitions of the codes they write, and the codes
    /// whose definitions they write, each once.
    pub fn expand<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let analysed: Vec<(&str, Vec<SharedToken>)> = texts
            .into_iter()
            .map(|text| (text, analyze_shared(text)))
            .collect();
        // Every word as written and every stem, so most entries are ruled out by one look-up.
        let written: BTreeSet<&str> = analysed
            .iter()
            .flat_map(|(text, tokens)| tokens.iter().map(|t| &text[t.start..t.end]))
            .collect();
        let stems: BTreeSet<&str> = analysed
            .iter()
            .flat_map(|(_, tokens)| {
                tokens
                    .iter()
                    .flat_map(|t| t.word.stems.iter().map(String::as_str))
            })
            .collect();
        let mut out: Vec<String> = Vec::new();
        for entry in &self.entries {
            let writes_code = written.contains(entry.code[0].as_str())
                && analysed
                    .iter()
                    .any(|(text, tokens)| writes(text, tokens, &entry.code));
            let writes_name = entry.names.iter().any(|name| {
                name.len() > 1
                    && name[0].iter().any(|s| stems.contains(s.as_str()))
                    && analysed.iter().any(|(_, tokens)| says(tokens, name))
            });
            let gained = if writes_code {
                entry.texts.clone()
            } else if writes_name {
                vec![entry.code.join(" ")]
            } else {
                Vec::new()
            };
            for text in gained {
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
        out
    }
}

impl Entry {
    fn new(code: &str, texts: &[String]) -> Entry {
        let written: Vec<String> = analyze(code)
            .iter()
            .map(|t| code[t.start..t.end].to_string())
            .collect();
        Entry {
            code: written,
            names: texts
                .iter()
                .map(|text| analyze(text).into_iter().map(|t| t.stems).collect())
                .filter(|words: &Vec<Vec<String>>| !words.is_empty())
                .collect(),
            texts: texts.to_vec(),
        }
    }
}

/// True when `tokens` of `text` hold the code's words in a row, written exactly (case too:
/// "IT" is a code, "it" a word).
fn writes(text: &str, tokens: &[SharedToken], code: &[String]) -> bool {
    tokens.windows(code.len()).any(|window| {
        window
            .iter()
            .zip(code)
            .all(|(token, word)| &text[token.start..token.end] == word)
    })
}

/// True when `tokens` hold the definition's words in a row, in any inflection.
fn says(tokens: &[SharedToken], name: &[Vec<String>]) -> bool {
    tokens.windows(name.len()).any(|window| {
        window
            .iter()
            .zip(name)
            .all(|(token, stems)| token.word.stems.iter().any(|s| stems.contains(s)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Definitions from the organised-crime plan's abbreviation list (seeds/000, lines 16–34)
    /// and the trafficking programme's (seeds/003, line 65).
    fn glossary() -> Glossary {
        Glossary::of_pairs(&[
            (
                "SOCTA",
                "Smagās un organizētās noziedzības draudu izvērtējums",
            ),
            ("NVO", "Nevalstiskā organizācija"),
            ("IT", "Informāciju tehnoloģijas"),
            ("ONG", "organizēta noziedzīga grupa"),
        ])
    }

    #[test]
    fn a_code_brings_its_definition() {
        let found =
            glossary().expand(["Nodrošināt nacionālā SOCTA izstrādi un iesniegt to Eiropolā"]);
        assert_eq!(
            found,
            ["Smagās un organizētās noziedzības draudu izvērtējums"]
        );
    }

    #[test]
    fn a_definition_in_any_inflection_brings_its_code() {
        let found = glossary().expand([
            "Izstrādāt un noslēgt sadarbības vienošanos starp nevalstiskajām organizācijām",
        ]);
        assert_eq!(found, ["NVO"]);
        let groups = glossary().expand(["par organizētu noziedzīgu grupu darbību"]);
        assert_eq!(groups, ["ONG"]);
    }

    #[test]
    fn codes_match_as_written_and_definitions_only_in_a_row() {
        let g = glossary();
        assert!(
            g.expand(["it īpaši pašvaldībās"]).is_empty(),
            "\"it\" is a word"
        );
        assert_eq!(
            g.expand(["risinājumus IT jomā"]),
            ["Informāciju tehnoloģijas"]
        );
        assert!(
            g.expand(["organizācijas, kas nav nevalstiskas"]).is_empty(),
            "the words apart, in another order"
        );
        assert!(
            g.expand(["SOCTAS", "ASOCTA"]).is_empty(),
            "part of another word"
        );
    }
}
