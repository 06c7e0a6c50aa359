//! The browser's search index, built from the [`Document`]s at build time and split so a query
//! downloads only what it needs.
//!
//! Files (all JSON, named by the caller with a content hash so they can be cached forever):
//!
//! - the **manifest**: document count, plan labels and kind labels (plural for the facets,
//!   singular for a result), the documents file
//!   and the shard list `[[from, file], …]`. The search page names it in a `data-` attribute.
//! - the **documents** file: per document what a result shows (URL, kind, id, title, plan,
//!   responsible institutions, deadline) and its facet values (institution codes, year, status).
//! - **shards**: the postings of every term, terms grouped by their first two letters, a group
//!   bigger than [`SHARD_BYTES`] split into groups by the first three letters (so typing one
//!   more letter of a common prefix such as "pa" downloads a small shard, not all of "pa…"),
//!   and the groups packed in order into shards of about [`SHARD_BYTES`]. A shard's `from` is
//!   its first group's key; a term's shard is the last one whose `from` is not after the term.
//!   Every term sharing a group's key is in one shard, so the browser expands the last word's
//!   prefix and tolerates one typo (after the key's letters) over that shard's terms alone; a
//!   prefix that the next shard's `from` also starts with is split, and the browser matches it
//!   exactly until another letter is typed.
//!
//! A posting is `[doc, score]`, doc ids delta-coded (`[3, 12, 4, 5]` is doc 3 score 12, doc 7
//! score 5). The score is BM25F ([`postings`]): the term's frequency in each field, weighted by
//! the field and normalised by the field's length, saturated, times the term's idf, as an
//! integer. Integers keep the browser and `planportal search` exactly equal: the query side
//! only multiplies and adds them (see [`super::rank`]).
//!
//! The manifest also carries the search vocabulary of `content/search.toml`, analysed: the stems
//! of the generic planning words and the synonym groups (each entry a list of words, each word
//! its stems), which the query side applies.

use super::analyzer::{analyze, stem};
use super::compounds::{Compounds, MIN_HEAD, MIN_TAIL};
use super::documents::{documents, full_text_documents, plan_label, Document, Field, Kind};
use crate::content::{Content, SearchVocabulary};
use crate::model::deadline::MONTH_NAMES;
use crate::resolve::Library;
use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Target size of a shard's JSON before compression (about 1.5 KB gzipped), so that a query of
/// two words typed letter by letter downloads less than 5 KB.
pub const SHARD_BYTES: usize = 4 * 1024;

/// The index's files, by path relative to the site root, and the manifest's path among them.
#[derive(Debug, Clone)]
pub struct SiteIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: String,
}

/// The terms a text is indexed under: every stem of every token, and
///
/// - for a code with letters ("cert.lv") also its parts ("cert", "lv"), so "cert lv" typed with
///   a space finds it;
/// - for a date ("31.12.2025") also its year, so "2025" finds what is due then, and for a full
///   date ("30.06.2026") its month's name, so "līdz 2026. gada jūnijam" finds it. Other numeric
///   parts are not indexed alone: "21" should not find measure 1.21;
/// - for words joined by a hyphen ("E-ID", "e-paraksts") also the word they make together
///   ("eid", "eparakst"), as people type them;
/// - for a word the analyser joined to a negation particle ("nav informācijas" →
///   "neinformacijas") also its own stems, so the text never loses a word: "nav izpildīts"
///   answers "neizpildīts" and, as before, "izpildīts".
///
/// Compounds are split in [`postings`], which knows the whole vocabulary.
pub fn index_terms(text: &str) -> Vec<String> {
    text_terms(text).0
}

/// [`index_terms`] of a text, and its words long enough to be compounds (folded).
fn text_terms(text: &str) -> (Vec<String>, Vec<String>) {
    let tokens = analyze(text);
    let long: Vec<String> = tokens
        .iter()
        .filter(|t| t.text.chars().count() >= MIN_HEAD + MIN_TAIL && is_letters(&t.text))
        .map(|t| t.text.clone())
        .collect();
    let mut terms = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let written = &text[token.start..token.end];
        if let Some((_, word)) = written.split_once(char::is_whitespace) {
            terms.extend(analyze(word.trim_start()).into_iter().flat_map(|t| t.stems));
        }
        if let Some(next) = tokens.get(i + 1).filter(|next| {
            is_letters(&token.text)
                && is_letters(&next.text)
                && HYPHENS.contains(&&text[token.end..next.start])
        }) {
            terms.extend(stem(&format!("{}{}", token.text, next.text)));
        }
        let compound = token.text.contains(['.', '/']);
        if compound && token.text.chars().any(char::is_alphabetic) {
            terms.extend(
                token
                    .text
                    .split(['.', '/'])
                    .flat_map(|part| analyze(part).into_iter().flat_map(|t| t.stems)),
            );
        } else if compound {
            terms.extend(
                token
                    .text
                    .split(['.', '/'])
                    .filter(|part| is_year(part))
                    .map(str::to_string),
            );
            terms.extend(month(&token.text));
        }
        terms.extend(token.stems.iter().cloned());
    }
    (terms, long)
}

/// What joins two words into one: a hyphen-minus, a hyphen or a non-breaking hyphen.
const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];

/// The stems of the month of a date written "30.06.2026" or "1.6.2026." (day, month, year).
fn month(date: &str) -> Vec<String> {
    let parts: Vec<&str> = date.split('.').collect();
    let number = |part: &str, most: u32| {
        part.parse::<u32>()
            .ok()
            .filter(|n| (1..=most).contains(n) && part.len() <= 2)
    };
    match parts.as_slice() {
        [day, month, year] if number(day, 31).is_some() && is_year(year) => number(month, 12)
            .map(|m| {
                analyze(MONTH_NAMES[m as usize - 1])
                    .into_iter()
                    .flat_map(|t| t.stems)
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn is_letters(text: &str) -> bool {
    text.chars().all(char::is_alphabetic)
}

/// A four-digit year of the documents' era: "2025", not "1712" or "0100".
fn is_year(part: &str) -> bool {
    part.len() == 4
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part.starts_with("19") || part.starts_with("20"))
}

/// One document's terms as [`postings`] counts them: per (term, field) the frequency in
/// halves, per field the length in words, and per field the words that may be compounds.
#[derive(Default)]
struct DocumentTerms {
    tf: BTreeMap<(String, Field), u32>,
    len: BTreeMap<Field, u32>,
    long: Vec<(Field, Vec<String>)>,
}

/// BM25 saturation: how fast repeated matches stop adding (higher: slower).
const K1: f64 = 1.2;

/// BM25 length normalisation per field: 0 for ids and codes, whose length says nothing.
fn length_weight(field: Field) -> f64 {
    match field {
        Field::Id | Field::DeadlineYear => 0.0,
        _ => 0.75,
    }
}

/// A term's idf among `n` documents of which `df` contain it (BM25's, never negative).
pub fn idf(n: usize, df: usize) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Every term's postings, terms sorted: `(doc number, score)` in document order. A text's terms
/// are its [`index_terms`] and the parts of its compounds ([`Compounds`], split on the
/// vocabulary of all the documents). The score is BM25F: per document, Σ over fields of weight × tf / (1 − b + b × length / average length),
/// saturated as x (k1 + 1) / (x + k1), times the idf, times 100 and rounded.
pub fn postings(docs: &[Document]) -> BTreeMap<String, Vec<(usize, u32)>> {
    // Per document, on every core (results in document order): each (term, field)'s frequency
    // in halves (a word counts two, a part of a compound one: "kriminālprocesa" is about a
    // criminal case more than about a process), each field's length in words, and the words
    // long enough to be compounds, split once the whole vocabulary is known. Counted as read,
    // so a document keeps one entry per distinct term, not every occurrence.
    let read: Vec<DocumentTerms> = docs
        .par_iter()
        .map(|doc| {
            let mut terms = DocumentTerms::default();
            for (field, text) in &doc.fields {
                let (words, long) = text_terms(text);
                for term in words {
                    *terms.tf.entry((term, *field)).or_default() += 2;
                    *terms.len.entry(*field).or_default() += 1;
                }
                terms.long.push((*field, long));
            }
            terms
        })
        .collect();
    let vocabulary: BTreeSet<String> = read
        .iter()
        .flat_map(|terms| terms.tf.keys().map(|(term, _)| term.clone()))
        .collect();
    let mut compounds = Compounds::new(vocabulary);
    let mut counts: Vec<BTreeMap<(String, Field), u32>> = Vec::with_capacity(docs.len());
    let mut lengths: Vec<BTreeMap<Field, u32>> = Vec::with_capacity(docs.len());
    for DocumentTerms { mut tf, len, long } in read {
        for (field, words) in long {
            for word in words {
                for part in compounds.parts(&word) {
                    *tf.entry((part.clone(), field)).or_default() += 1;
                }
            }
        }
        counts.push(tf);
        lengths.push(len);
    }
    let mut average: BTreeMap<Field, f64> = BTreeMap::new();
    for field in Field::ALL {
        let present: Vec<u32> = lengths
            .iter()
            .filter_map(|l| l.get(&field).copied())
            .collect();
        if !present.is_empty() {
            let total: u32 = present.iter().sum();
            average.insert(field, f64::from(total) / present.len() as f64);
        }
    }
    let mut weighted: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
    for (n, (tf, len)) in counts.iter().zip(&lengths).enumerate() {
        let mut per_term: BTreeMap<&str, f64> = BTreeMap::new();
        for ((term, field), count) in tf {
            let b = length_weight(*field);
            let norm = 1.0 - b + b * f64::from(len[field]) / average[field];
            *per_term.entry(term).or_default() +=
                f64::from(field.weight()) * f64::from(*count) / 2.0 / norm;
        }
        for (term, x) in per_term {
            weighted
                .entry(term.to_string())
                .or_default()
                .push((n, x * (K1 + 1.0) / (x + K1)));
        }
    }
    weighted
        .into_iter()
        .map(|(term, list)| {
            let idf = idf(docs.len(), list.len());
            let scored = list
                .into_iter()
                .map(|(doc, saturated)| (doc, ((saturated * idf * 100.0).round() as u32).max(1)))
                .collect();
            (term, scored)
        })
        .collect()
}

/// The search vocabulary as the index carries it: every word analysed into its stems.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Stems of the generic planning words.
    pub generic: Vec<String>,
    /// Synonym groups: entries, each a list of words, each word its stems.
    pub synonyms: Vec<Vec<Vec<Vec<String>>>>,
}

impl Vocabulary {
    /// Analyses `content/search.toml`'s words with the one analyser.
    pub fn new(source: &SearchVocabulary) -> Vocabulary {
        let words = |text: &str| -> Vec<Vec<String>> {
            analyze(text).into_iter().map(|t| t.stems).collect()
        };
        let mut generic: Vec<String> = source
            .generic
            .iter()
            .flat_map(|w| analyze(w).into_iter().flat_map(|t| t.stems))
            .collect();
        generic.sort();
        generic.dedup();
        Vocabulary {
            generic,
            synonyms: source
                .synonyms
                .iter()
                .map(|group| group.iter().map(|entry| words(entry)).collect())
                .collect(),
        }
    }
}

/// The first `letters` characters of a term: its group key.
fn prefix(term: &str, letters: usize) -> &str {
    term.char_indices()
        .nth(letters)
        .map_or(term, |(at, _)| &term[..at])
}

/// A posting list's approximate size in the shard's JSON.
fn posting_bytes(term: &str, list: &[(usize, u32)]) -> usize {
    term.len() + 4 + list.len() * 6
}

/// Terms sharing a key, in term order, with their postings: `(key, [(term, postings)])`.
type Group<'a> = (&'a str, Vec<(&'a str, &'a [(usize, u32)])>);

/// The terms in groups, in term order: by two-letter key, a group over [`SHARD_BYTES`] split by
/// three-letter key.
fn groups(postings: &BTreeMap<String, Vec<(usize, u32)>>) -> Vec<Group<'_>> {
    let mut by_two: Vec<Group> = Vec::new();
    for (term, list) in postings {
        let key = prefix(term, 2);
        match by_two.last_mut() {
            Some((k, terms)) if *k == key => terms.push((term, list)),
            _ => by_two.push((key, vec![(term.as_str(), list.as_slice())])),
        }
    }
    let mut out = Vec::new();
    for (key, terms) in by_two {
        let bytes: usize = terms.iter().map(|(t, l)| posting_bytes(t, l)).sum();
        if bytes <= SHARD_BYTES {
            out.push((key, terms));
            continue;
        }
        let mut split: Vec<Group> = Vec::new();
        for (term, list) in terms {
            let key = prefix(term, 3);
            match split.last_mut() {
                Some((k, terms)) if *k == key => terms.push((term, list)),
                _ => split.push((key, vec![(term, list)])),
            }
        }
        out.extend(split);
    }
    out
}

/// What a result shows and the facets filter on, per document: the documents file's records.
/// Short keys, as the browser downloads them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Page URL (with the site's base URL).
    pub u: String,
    /// Kind slug.
    pub k: String,
    /// Id as printed.
    pub i: String,
    /// Title.
    pub t: String,
    /// Plan number in the manifest's plan list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<usize>,
    /// Responsible institutions as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub r: Vec<String>,
    /// Deadline as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// Deadline year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<i32>,
    /// Status term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<String>,
    /// Codes of the institutions named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub f: Vec<String>,
    /// Codes of the responsible institutions (the role facet and the role signal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<String>,
    /// Codes of the co-responsible institutions (the role facet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<String>,
    /// True for a document of a finished plan (an implementation report): plans in force rank
    /// first on ties.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub e: bool,
}

/// One shard: the first group key it holds and its terms' delta-coded postings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub from: String,
    pub terms: BTreeMap<String, Vec<u32>>,
}

/// The whole index in memory: what the site's index files hold, and what `planportal search`
/// keeps in its cache and ranks with the same rules as the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchData {
    pub records: Vec<Record>,
    pub shards: Vec<Shard>,
    /// `(slug, label)` in portal order.
    pub plans: Vec<(String, String)>,
    pub vocabulary: Vocabulary,
    /// The documents' full text in passages ([`full_text_documents`]), searched when the index
    /// finds little: a second index of the same form, downloaded only then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_text: Option<Box<SearchData>>,
}

impl SearchData {
    /// The index of everything the portal publishes, as the site and `planportal search` use it.
    pub fn of_library(library: &Library, content: &Content, base_url: &str) -> SearchData {
        let plans: Vec<(String, String)> = library
            .plans
            .iter()
            .map(|p| (p.slug.clone(), plan_label(p, content)))
            .collect();
        let vocabulary = Vocabulary::new(&content.search);
        let full_text = SearchData::new(
            &full_text_documents(library, content),
            &plans,
            vocabulary.clone(),
            base_url,
        );
        SearchData {
            full_text: Some(Box::new(full_text)),
            ..SearchData::new(&documents(library, content), &plans, vocabulary, base_url)
        }
    }

    /// Indexes the documents. `plans` are `(slug, label)` in portal order; `base_url` prefixes
    /// the documents' URLs.
    pub fn new(
        docs: &[Document],
        plans: &[(String, String)],
        vocabulary: Vocabulary,
        base_url: &str,
    ) -> SearchData {
        let plan_number = |slug: &str| plans.iter().position(|(s, _)| s == slug);
        let records = docs
            .iter()
            .map(|d| Record {
                u: format!("{base_url}{}", d.url),
                k: d.kind.slug().to_string(),
                i: d.id.clone(),
                t: d.title.clone(),
                p: d.plan.as_deref().and_then(plan_number),
                r: d.responsible.clone(),
                d: d.deadline.clone(),
                y: d.year,
                s: d.status.map(str::to_string),
                f: d.institutions.clone(),
                a: d.responsible_codes.clone(),
                c: d.co_responsible_codes.clone(),
                e: d.finished,
            })
            .collect();

        let postings = postings(docs);
        let mut shards: Vec<Shard> = Vec::new();
        let mut current_bytes = 0;
        for (key, terms) in groups(&postings) {
            let bytes: usize = terms.iter().map(|(t, l)| posting_bytes(t, l)).sum();
            let full = !shards.is_empty() && current_bytes + bytes > SHARD_BYTES;
            if shards.is_empty() || full {
                shards.push(Shard {
                    from: key.to_string(),
                    terms: BTreeMap::new(),
                });
                current_bytes = 0;
            }
            let shard = shards.last_mut().expect("a shard was just pushed");
            for (term, list) in terms {
                let mut last = 0;
                let mut coded = Vec::with_capacity(list.len() * 2);
                for &(doc, score) in list {
                    coded.push((doc - last) as u32);
                    coded.push(score);
                    last = doc;
                }
                shard.terms.insert(term.to_string(), coded);
            }
            current_bytes += bytes;
        }
        SearchData {
            records,
            shards,
            plans: plans.to_vec(),
            vocabulary,
            full_text: None,
        }
    }

    /// The index files. `name(stem, ext, bytes)` gives a file its content-hashed path. The
    /// full-text index's files come first, named `search/text-…`; the manifest names its
    /// manifest under `text`.
    pub fn files(&self, name: impl Fn(&str, &str, &[u8]) -> String) -> Result<SiteIndex> {
        self.files_named("search/", &name)
    }

    fn files_named(
        &self,
        prefix: &str,
        name: &impl Fn(&str, &str, &[u8]) -> String,
    ) -> Result<SiteIndex> {
        let mut files = Vec::new();
        let mut text = None;
        if let Some(full_text) = &self.full_text {
            let index = full_text.files_named(&format!("{prefix}text-"), name)?;
            text = index.manifest.rsplit('/').next().map(str::to_string);
            files.extend(index.files);
        }
        let mut add = |stem: &str, bytes: Vec<u8>| {
            let path = name(stem, "json", &bytes);
            let file = path.rsplit('/').next().unwrap_or(&path).to_string();
            files.push((path, bytes));
            file
        };
        let docs = add(&format!("{prefix}docs"), serde_json::to_vec(&self.records)?);
        let mut shards = Vec::new();
        for (n, shard) in self.shards.iter().enumerate() {
            let file = add(&format!("{prefix}s{n}"), serde_json::to_vec(&shard.terms)?);
            shards.push((shard.from.clone(), file));
        }
        let manifest = json!({
            "version": 2,
            "count": self.records.len(),
            "docs": docs,
            "shards": shards,
            "plans": self.plans,
            "kinds": Kind::ALL
                .iter()
                .map(|k| (k.slug(), k.label(), k.singular()))
                .collect::<Vec<_>>(),
            "generic": self.vocabulary.generic,
            "synonyms": self.vocabulary.synonyms,
            "text": text,
        });
        add(&format!("{prefix}manifest"), serde_json::to_vec(&manifest)?);
        let manifest = files.last().expect("the manifest was just added").0.clone();
        Ok(SiteIndex { files, manifest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, fields: Vec<(Field, &str)>) -> Document {
        Document {
            kind: Kind::Measure,
            url: format!("plani/p/pasakumi/{id}/"),
            id: id.to_string(),
            title: String::new(),
            plan: Some("p".into()),
            responsible: Vec::new(),
            institutions: Vec::new(),
            responsible_codes: Vec::new(),
            co_responsible_codes: Vec::new(),
            finished: false,
            deadline: None,
            year: None,
            status: None,
            fields: fields
                .into_iter()
                .map(|(f, t)| (f, t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn codes_are_indexed_whole_and_by_parts() {
        assert_eq!(
            index_terms("CERT.LV un 2024/1712"),
            ["cert", "lv", "cert.lv", "2024", "2024/1712"]
        );
        assert_eq!(
            index_terms("31.12.2025. 1.21 06.01.00"),
            ["2025", "decembr", "31.12.2025", "1.21", "06.01.00"]
        );
    }

    #[test]
    fn a_full_date_is_also_indexed_by_its_month() {
        // Deadlines as the trafficking plan 2025–2027 prints them (seeds/002).
        let june = index_terms("30.06.2026.");
        assert!(june.contains(&"junij".to_string()), "{june:?}");
        let query: Vec<String> = analyze("līdz 2026. gada jūnijam")
            .into_iter()
            .flat_map(|t| t.stems)
            .collect();
        assert!(june.iter().all(|t| t == "30.06.2026" || query.contains(t)));
        assert!(index_terms("1.6.2026").contains(&"junij".to_string()));
        for not_a_date in [
            "06.01.00",
            "2.2.1",
            "13.06.1712",
            "32.01.2025",
            "30.13.2025",
        ] {
            assert!(
                !index_terms(not_a_date)
                    .iter()
                    .any(|t| t.chars().all(char::is_alphabetic)),
                "{not_a_date}: {:?}",
                index_terms(not_a_date)
            );
        }
    }

    #[test]
    fn hyphenated_words_are_also_indexed_as_one_word() {
        // "E-ID platformas modernizācija" (seeds/004), "e-paraksts" (seeds/001).
        let terms = index_terms("E-ID platformas un e-paraksts; 2014.-2018. gads");
        for term in ["e", "id", "eid", "eparakst", "parakst", "platform"] {
            assert!(terms.contains(&term.to_string()), "{term}: {terms:?}");
        }
        assert!(!terms.iter().any(|t| t.starts_with("2014") && t.len() > 4));
    }

    #[test]
    fn a_negated_word_keeps_its_own_stems_too() {
        let terms = index_terms("Nav informācijas; nav izpildīts");
        for term in ["neinformacij", "informacij", "neizpild", "izpild"] {
            assert!(terms.contains(&term.to_string()), "{term}: {terms:?}");
        }
    }

    #[test]
    fn a_compound_is_found_by_its_parts_at_half_weight() {
        // Measure titles of the cyber report (seeds/004, lines 798 and 847).
        let docs = [
            doc(
                "3.6",
                vec![(
                    Field::Title,
                    "Satelīttelefona pakalpojuma īre diplomātiskajās pārstāvniecībās",
                )],
            ),
            doc(
                "3.9",
                vec![(
                    Field::Title,
                    "Satelīta datu pārraides risinājums pārstāvniecībām",
                )],
            ),
            doc(
                "4.1",
                vec![(Field::Title, "Telefonijas pakalpojumi iestādēm")],
            ),
        ];
        let postings = postings(&docs);
        let satellite = &postings["satel"];
        assert_eq!(
            satellite.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
            [0, 1]
        );
        assert!(satellite[0].1 < satellite[1].1, "{satellite:?}");
        assert_eq!(postings["telefon"].len(), 1, "the tail, where it is a word");
        assert!(postings.contains_key("satelittelefon"), "the word itself");
    }

    #[test]
    fn a_title_match_outscores_a_description_match() {
        let docs = [
            doc(
                "1.1",
                vec![(Field::Description, "Valsts policijas apmācība")],
            ),
            doc(
                "1.2",
                vec![(Field::Title, "Policijas darbinieku apmācības")],
            ),
        ];
        let postings = postings(&docs);
        let list = &postings["policij"];
        assert_eq!(list.len(), 2);
        assert!(list[1].1 > list[0].1, "{list:?}");
        assert_eq!(postings["apmacib"].len(), 2, "inflected forms share a term");
    }

    #[test]
    fn every_term_is_in_the_shard_it_selects_and_big_groups_split() {
        let letters = "abcdefghijklmnoprstuvzāčēģīķļņšūž";
        let text = letters
            .chars()
            .flat_map(|a| {
                letters
                    .chars()
                    .map(move |b| format!("{a}{b}iestāde {a}{b}žu"))
            })
            .collect::<Vec<_>>()
            .join(" ");
        // Many terms starting "pa": more than a shard's budget, so split by the third letter.
        let common = letters
            .chars()
            .flat_map(|c| letters.chars().map(move |d| format!("pa{c}{d}iestāde")))
            .collect::<Vec<_>>()
            .join(" ");
        let docs = [
            doc("1", vec![(Field::Description, &text)]),
            doc("2", vec![(Field::Description, &common)]),
        ];
        let data = SearchData::new(
            &docs,
            &[("p".into(), "P".into())],
            Vocabulary::default(),
            "/",
        );
        let index = data
            .files(|stem, ext, bytes| format!("{stem}.{}.{ext}", bytes.len()))
            .unwrap();
        let files: BTreeMap<&str, serde_json::Value> = index
            .files
            .iter()
            .map(|(path, bytes)| (path.as_str(), serde_json::from_slice(bytes).unwrap()))
            .collect();
        let manifest = &files[index.manifest.as_str()];
        let shards: Vec<(&str, &str)> = manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s[0].as_str().unwrap(), s[1].as_str().unwrap()))
            .collect();
        assert!(shards.len() > 1, "the text fills more than one shard");
        assert!(
            shards
                .iter()
                .filter(|(from, _)| from.starts_with("pa"))
                .count()
                > 1,
            "the \"pa\" group is split: {shards:?}"
        );
        assert!(shards.iter().all(|(from, _)| from.chars().count() <= 3));
        for term in index_terms(&text).into_iter().chain(index_terms(&common)) {
            let (_, name) = shards
                .iter()
                .rfind(|(from, _)| *from <= term.as_str())
                .unwrap();
            assert!(
                files[format!("search/{name}").as_str()]
                    .get(&term)
                    .is_some(),
                "{term} not in {name}"
            );
        }
    }
}
