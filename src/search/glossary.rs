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
use std::collections::{BTreeMap, HashMap};

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
    /// Entries by their code's first word as written: a text can write a code only if it
    /// writes that word.
    by_code: HashMap<String, Vec<usize>>,
    /// Entries by the stems of the first word of their definitions of more than one word: a
    /// text can say such a definition only if it has one of those stems.
    by_name: HashMap<String, Vec<usize>>,
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
        Glossary::of_entries(entries)
    }

    /// A glossary of `(code, definition)` pairs, for tests.
    pub fn of_pairs(pairs: &[(&str, &str)]) -> Glossary {
        Glossary::of_entries(
            pairs
                .iter()
                .map(|(code, name)| Entry::new(code, &[name.to_string()]))
                .collect(),
        )
    }

    fn of_entries(entries: Vec<Entry>) -> Glossary {
        let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            if let Some(first) = entry.code.first() {
                by_code.entry(first.clone()).or_default().push(n);
            }
            for name in entry.names.iter().filter(|name| name.len() > 1) {
                for stem in &name[0] {
                    let listed = by_name.entry(stem.clone()).or_default();
                    if listed.last() != Some(&n) {
                        listed.push(n);
                    }
                }
            }
        }
        Glossary {
            entries,
            by_code,
            by_name,
        }
    }

    /// What a document's texts gain: the definitions of the codes they write, and the codes
    /// whose definitions they write, each once.
    pub fn expand<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let analysed: Vec<(&str, Vec<SharedToken>)> = texts
            .into_iter()
            .map(|text| (text, analyze_shared(text)))
            .collect();
        // The entries a word as written or a stem of the texts may bring, in their order: the
        // others are ruled out without a look at them.
        let mut candidates: Vec<usize> = Vec::new();
        for (text, tokens) in &analysed {
            for token in tokens {
                candidates.extend(
                    self.by_code
                        .get(&text[token.start..token.end])
                        .into_iter()
                        .flatten(),
                );
                for stem in &token.word.stems {
                    candidates.extend(self.by_name.get(stem).into_iter().flatten());
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut out: Vec<String> = Vec::new();
        for entry in candidates.into_iter().map(|n| &self.entries[n]) {
            let writes_code = analysed
                .iter()
                .any(|(text, tokens)| writes(text, tokens, &entry.code));
            let writes_name = entry.names.iter().any(|name| {
                name.len() > 1 && analysed.iter().any(|(_, tokens)| says(tokens, name))
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
