//! The browser's search index, built from the [`Document`]s at build time and split so a query
//! downloads only what it needs: the shards of its words, the facets of the ranges its hits fall
//! in, and the records of the results it lists. No file grows with the whole corpus except the
//! manifest's shard list and the facets files' number (see benches/SEARCH.md for sizes at 1×,
//! 10× and 100× the five documents).
//!
//! Files (all JSON, named by the caller with a content hash so they can be cached forever):
//!
//! - the **manifest**: document count, plan labels and kind labels (plural for the facets,
//!   singular for a result), the institutions' codes and names (a query naming one lifts its
//!   measures), the facets files, the records folder and its fragment size, the titles' words
//!   file and the shard list `[[from, file], …]`. The search page names it in a `data-`
//!   attribute.
//! - **facets** files `f<n>`: for [`FACET_DOCS`] documents each, in document order, what
//!   ranking and the facets read of every hit: kind, plan, year, status, institution codes by
//!   role, finished plan, and the number of words in the title (`Facets`). A query fetches
//!   those of the ranges its hits fall in.
//! - **record fragments** `r.<hash>/<n>.json`: for [`RECORD_DOCS`] documents each
//!   ([`TEXT_RECORD_DOCS`] in the full-text index; all of them
//!   in one fragment when they fit in [`RECORDS_WHOLE`] bytes), what a result shows: URL, id,
//!   title, responsible institutions as printed, deadline (`Shown`). One content-hashed folder
//!   for all, so the manifest names the folder, not each file; the browser fetches the
//!   fragments of the results it lists (ten at a time) and of the few hits whose whole title
//!   may be the query.
//! - the **titles' words** (`words`), for "Vai domājāt …" (`title_words`), fetched only when
//!   a submitted query finds little.
//! - **shards** `{"t": postings, "n": neighbours}`: the postings of every term, terms grouped
//!   by their first two letters, a group
//!   bigger than [`SHARD_BYTES`] split into groups by the first three letters (so typing one
//!   more letter of a common prefix such as "pa" downloads a small shard, not all of "pa…"),
//!   and the groups packed in order into shards of about [`SHARD_BYTES`] of postings. A shard's
//!   `from` is its first group's key; a term's shard is the last one whose `from` is not after
//!   the term. Every term sharing a group's key is in one shard, so the browser expands the
//!   last word's prefix and tolerates one typo (after the key's letters) over that shard's
//!   terms alone; a prefix that the next shard's `from` also starts with is split, and the
//!   browser matches it exactly until another letter is typed. Beside each term's postings, its
//!   neighbours (`neighbours`): the terms following it in a title, deadline or status, with
//!   the documents, so the phrase lift needs no document's text.
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

use super::analyzer::{analyze, analyze_shared, stem, SharedToken};
use super::compounds::{Compounds, MIN_HEAD, MIN_TAIL};
use super::documents::{documents, full_text_documents, plan_label, Document, Field, Kind};
use crate::content::{Content, SearchVocabulary};
use crate::model::deadline::MONTH_NAMES;
use crate::resolve::Library;
use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    let mut terms = Vec::new();
    text_terms(text, &mut |term| terms.push(term.to_string()), &mut |_| {});
    terms
}

/// [`index_terms`] of a text, each handed to `term` as found, and its words long enough to be
/// compounds (folded), each handed to `long`: borrowed, so counting them copies a term only the
/// first time a document has it.
fn text_terms(text: &str, term: &mut impl FnMut(&str), long: &mut impl FnMut(&str)) {
    let tokens = analyze_shared(text);
    for word in tokens.iter().map(|t| &t.word.text) {
        if word.chars().count() >= MIN_HEAD + MIN_TAIL && is_letters(word) {
            long(word);
        }
    }
    let stems_of = |text: &str, term: &mut dyn FnMut(&str)| {
        for t in analyze_shared(text) {
            t.word.stems.iter().for_each(|stem| term(stem));
        }
    };
    for (i, token) in tokens.iter().enumerate() {
        let word = &token.word.text;
        let written = &text[token.start..token.end];
        if let Some((_, own)) = written.split_once(char::is_whitespace) {
            stems_of(own.trim_start(), term);
        }
        if let Some(next) = tokens.get(i + 1).filter(|next| {
            is_letters(word)
                && is_letters(&next.word.text)
                && HYPHENS.contains(&&text[token.end..next.start])
        }) {
            stem(&format!("{word}{}", next.word.text))
                .iter()
                .for_each(|stem| term(stem));
        }
        let compound = word.contains(['.', '/']);
        if compound && word.chars().any(char::is_alphabetic) {
            for part in word.split(['.', '/']) {
                stems_of(part, term);
            }
        } else if compound {
            word.split(['.', '/'])
                .filter(|part| is_year(part))
                .for_each(&mut *term);
            month(word).iter().for_each(|stem| term(stem));
        }
        token.word.stems.iter().for_each(|stem| term(stem));
    }
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

/// One document's terms as [`postings`] reads them: per field, per term the frequency in halves
/// and the length in words, and per (word, field) how often a word that may be a compound
/// occurs (each distinct one is split once per document, not at every occurrence).
#[derive(Default)]
struct DocumentTerms {
    tf: BTreeMap<Field, HashMap<String, u32>>,
    len: BTreeMap<Field, u32>,
    long: HashMap<(String, Field), u32>,
}

impl DocumentTerms {
    /// Counted as read, so a document keeps one entry per distinct term, not every occurrence.
    fn read(doc: &Document) -> DocumentTerms {
        let mut terms = DocumentTerms::default();
        for (field, text) in &doc.fields {
            let tf = terms.tf.entry(*field).or_default();
            let mut words = 0;
            text_terms(
                text,
                &mut |term| {
                    words += 1;
                    match tf.get_mut(term) {
                        Some(count) => *count += 2,
                        None => {
                            tf.insert(term.to_string(), 2);
                        }
                    }
                },
                &mut |word| *terms.long.entry((word.to_string(), *field)).or_default() += 1,
            );
            if words > 0 {
                *terms.len.entry(*field).or_default() += words;
            }
        }
        terms
    }
}

/// Documents read at once on every core before their terms are numbered: enough to keep the
/// cores busy, few enough that their terms as strings never hold much memory.
const READ_CHUNK: usize = 1024;

/// Every term once, numbered in order of first use: documents keep their terms as numbers.
#[derive(Default)]
struct Terms {
    numbers: HashMap<String, u32>,
}

impl Terms {
    fn number(&mut self, term: String) -> u32 {
        let next = self.numbers.len() as u32;
        *self.numbers.entry(term).or_insert(next)
    }

    fn number_of(&mut self, term: &str) -> u32 {
        match self.numbers.get(term) {
            Some(&n) => n,
            None => self.number(term.to_string()),
        }
    }

    /// The terms by number.
    fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.numbers.len()];
        for (term, n) in self.numbers {
            names[n as usize] = term;
        }
        names
    }
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
    // long enough to be compounds, split once the whole vocabulary is known. A chunk of
    // documents at a time, their terms then numbered, so each term's text is kept once.
    let mut terms = Terms::default();
    let mut counts: Vec<Vec<(u32, Field, u32)>> = Vec::with_capacity(docs.len());
    let mut lengths: Vec<BTreeMap<Field, u32>> = Vec::with_capacity(docs.len());
    let mut longs: Vec<HashMap<(String, Field), u32>> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(READ_CHUNK) {
        let read: Vec<DocumentTerms> = chunk.par_iter().map(DocumentTerms::read).collect();
        for DocumentTerms { tf, len, long } in read {
            counts.push(
                tf.into_iter()
                    .flat_map(|(field, tf)| {
                        tf.into_iter()
                            .map(move |(term, count)| (term, field, count))
                    })
                    .map(|(term, field, count)| (terms.number(term), field, count))
                    .collect(),
            );
            lengths.push(len);
            longs.push(long);
        }
    }
    {
        let mut compounds = Compounds::new(terms.numbers.keys().cloned().collect());
        for (tf, long) in counts.iter_mut().zip(longs) {
            for ((word, field), count) in long {
                for part in compounds.parts(&word) {
                    tf.push((terms.number_of(part), field, count));
                }
            }
            // By term, then field: the order a term's score adds its fields up in.
            tf.sort_unstable_by_key(|&(term, field, _)| (term, field));
            tf.dedup_by(|later, kept| {
                let same = (later.0, later.1) == (kept.0, kept.1);
                if same {
                    kept.2 += later.2;
                }
                same
            });
        }
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
    let mut weighted: Vec<Vec<(usize, f64)>> = vec![Vec::new(); terms.numbers.len()];
    for (n, (tf, len)) in counts.iter().zip(&lengths).enumerate() {
        for fields in tf.chunk_by(|a, b| a.0 == b.0) {
            let mut x = 0.0;
            for (_, field, count) in fields {
                let b = length_weight(*field);
                let norm = 1.0 - b + b * f64::from(len[field]) / average[field];
                x += f64::from(field.weight()) * f64::from(*count) / 2.0 / norm;
            }
            weighted[fields[0].0 as usize].push((n, x * (K1 + 1.0) / (x + K1)));
        }
    }
    drop(counts);
    terms
        .into_names()
        .into_iter()
        .zip(weighted)
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
        // Where each shard starts and how many terms it holds, then the postings moved into the
        // shards in term order, each list delta-coded and freed as it is, so the index is never
        // held twice.
        let mut bounds: Vec<(String, usize)> = Vec::new();
        let mut current_bytes = 0;
        for (key, terms) in groups(&postings) {
            let bytes: usize = terms.iter().map(|(t, l)| posting_bytes(t, l)).sum();
            let full = !bounds.is_empty() && current_bytes + bytes > SHARD_BYTES;
            if bounds.is_empty() || full {
                bounds.push((key.to_string(), 0));
                current_bytes = 0;
            }
            if let Some((_, count)) = bounds.last_mut() {
                *count += terms.len();
            }
            current_bytes += bytes;
        }
        let mut postings = postings.into_iter();
        let shards = bounds
            .into_iter()
            .map(|(from, count)| Shard {
                from,
                terms: postings
                    .by_ref()
                    .take(count)
                    .map(|(term, list)| {
                        let mut last = 0;
                        let mut coded = Vec::with_capacity(list.len() * 2);
                        for (doc, score) in list {
                            coded.push((doc - last) as u32);
                            coded.push(score);
                            last = doc;
                        }
                        (term, coded)
                    })
                    .collect(),
            })
            .collect();
        SearchData {
            records,
            shards,
            plans: plans.to_vec(),
            vocabulary,
            full_text: None,
        }
    }

    /// The index files. `name(stem, ext, parts)` gives a file its content-hashed path, hashing
    /// the parts as one (the index's folder is named by all its files without copying them into
    /// one). The full-text index's files come first, named `search/text-…`; the manifest names
    /// its manifest under `text`.
    pub fn files(&self, name: impl Fn(&str, &str, &[&[u8]]) -> String) -> Result<SiteIndex> {
        self.files_named("search/", RECORD_DOCS, &name)
    }

    /// The files of one index under `prefix`, its records `record_docs` to a fragment.
    fn files_named(
        &self,
        prefix: &str,
        record_docs: usize,
        name: &impl Fn(&str, &str, &[&[u8]]) -> String,
    ) -> Result<SiteIndex> {
        let mut files = Vec::new();
        let mut text = None;
        if let Some(full_text) = &self.full_text {
            let index = full_text.files_named(&format!("{prefix}text-"), TEXT_RECORD_DOCS, name)?;
            text = index.manifest.rsplit('/').next().map(str::to_string);
            files.extend(index.files);
        }
        // Every file but the manifest goes into one folder named by a hash of them all, so the
        // manifest names the folder once instead of each of its thousands of files. (One
        // changed document changes the idf of its terms and the numbers of the documents after
        // it, so per-file names would save little caching.)
        let mut inner: Vec<(String, Vec<u8>)> = Vec::new();
        for (n, chunk) in self.records.chunks(FACET_DOCS).enumerate() {
            inner.push((
                format!("f{n}.json"),
                serde_json::to_vec(&FacetColumns::of(chunk))?,
            ));
        }
        let neighbours = neighbours(&self.records, &self.shards);
        for (n, shard) in self.shards.iter().enumerate() {
            let next: BTreeMap<&str, &BTreeMap<&str, Vec<u32>>> = shard
                .terms
                .keys()
                .filter_map(|term| neighbours.get_key_value(term.as_str()))
                .map(|(term, next)| (*term, next))
                .collect();
            let bytes = serde_json::to_vec(&ShardFile {
                n: next,
                t: &shard.terms,
            })?;
            inner.push((format!("s{n}.json"), bytes));
        }
        inner.push((
            "words.json".to_string(),
            serde_json::to_vec(&title_words(&self.records))?,
        ));
        let shown: Vec<Shown> = self.records.iter().map(Shown::of).collect();
        let fragment = if serde_json::to_vec(&shown)?.len() <= RECORDS_WHOLE {
            shown.len().max(1)
        } else {
            record_docs
        };
        for (n, chunk) in shown.chunks(fragment).enumerate() {
            inner.push((format!("r{n}.json"), serde_json::to_vec(chunk)?));
        }
        let all: Vec<&[u8]> = inner
            .iter()
            .flat_map(|(file, bytes)| [file.as_bytes(), b"\0", bytes])
            .collect();
        let folder = name(&format!("{prefix}i"), "d", &all);
        let folder = folder.strip_suffix(".d").unwrap_or(&folder).to_string();
        for (file, bytes) in inner {
            files.push((format!("{folder}/{file}"), bytes));
        }
        let manifest = json!({
            "version": 3,
            "count": self.records.len(),
            "folder": folder.rsplit('/').next(),
            "chunk": FACET_DOCS,
            "fragment": fragment,
            "shards": self.shards.iter().map(|s| &s.from).collect::<Vec<_>>(),
            "plans": self.plans,
            "kinds": Kind::ALL
                .iter()
                .map(|k| (k.slug(), k.label(), k.singular()))
                .collect::<Vec<_>>(),
            "institutions": self
                .records
                .iter()
                .filter(|r| r.k == Kind::Institution.slug())
                .map(|r| (&r.i, &r.t))
                .collect::<Vec<_>>(),
            "generic": self.vocabulary.generic,
            "synonyms": self.vocabulary.synonyms,
            "text": text,
        });
        let manifest = serde_json::to_vec(&manifest)?;
        let path = name(&format!("{prefix}manifest"), "json", &[&manifest]);
        files.push((path.clone(), manifest));
        Ok(SiteIndex {
            files,
            manifest: path,
        })
    }
}

/// A shard's file, serialised straight from the index rather than through a copy as a JSON
/// value: its neighbours (`n`) and its terms' postings (`t`), in that order (the keys' order).
#[derive(Serialize)]
struct ShardFile<'a> {
    n: BTreeMap<&'a str, &'a BTreeMap<&'a str, Vec<u32>>>,
    t: &'a BTreeMap<String, Vec<u32>>,
}

/// Documents per facets file: what ranking and the facets need of every hit, fetched only for
/// the ranges of documents a query's hits fall in.
pub const FACET_DOCS: usize = 1024;

/// Documents per record fragment: what a result shows, fetched only for the results listed
/// (ten at a time) and the few whose whole title may be the query. Small, so ten results
/// spread over a large corpus fetch ten small files rather than the whole store. It divides
/// [`FACET_DOCS`], so a fragment's documents share a facets file. Measured at 100× with ten
/// results listed (benches/SEARCH.md): 8 per fragment halves the files but puts the median
/// further query over 10 KB; 1 saves a third of a further query's bytes for four times the files.
pub const RECORD_DOCS: usize = 4;

/// Documents per record fragment of the full-text index: its passages are most of the
/// portal's search documents (at 100× 91 000 of 123 000, 22 800 of the site's 67 000 files at
/// four a fragment) but are fetched only when the structured index finds little, so they are
/// cut four times coarser: about 17 000 files fewer at 100× for about 8 KB more per full-text
/// search (benches/SEARCH.md). It divides [`FACET_DOCS`] like [`RECORD_DOCS`].
pub const TEXT_RECORD_DOCS: usize = 16;

/// Records that fit in this many bytes of JSON stay in one fragment: a small portal's results
/// then cost one download, compressed better than many small fragments, and a further query
/// none.
pub const RECORDS_WHOLE: usize = 128 * 1024;

/// What ranking and the facets read of each document of a facets file, by column (they
/// compress five times better than one object per document): kind, plan and finished plan as
/// runs `[value, documents]`; per document the deadline year (0: none), the status (its number
/// in `statuses`, 0: none), the number of words in the title (a title that is the whole query
/// ranks first, and only a title with as many words as the query can be), and the institutions
/// as `code number × 8 + 1 (named) + 2 (responsible) + 4 (co-responsible)`, code numbers into
/// `codes`, the named ones first in their order.
#[derive(Serialize)]
struct FacetColumns<'a> {
    k: Vec<(usize, usize)>,
    p: Vec<(Option<usize>, usize)>,
    e: Vec<(bool, usize)>,
    y: Vec<i32>,
    statuses: Vec<&'a str>,
    s: Vec<usize>,
    w: Vec<usize>,
    codes: Vec<&'a str>,
    i: Vec<Vec<usize>>,
}

impl<'a> FacetColumns<'a> {
    fn of(records: &'a [Record]) -> FacetColumns<'a> {
        fn runs<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<(T, usize)> {
            let mut out: Vec<(T, usize)> = Vec::new();
            for value in values {
                match out.last_mut() {
                    Some((last, n)) if *last == value => *n += 1,
                    _ => out.push((value, 1)),
                }
            }
            out
        }
        fn number<'b>(list: &mut Vec<&'b str>, value: &'b str) -> usize {
            list.iter().position(|v| *v == value).unwrap_or_else(|| {
                list.push(value);
                list.len() - 1
            })
        }
        let kind = |slug: &str| Kind::ALL.iter().position(|k| k.slug() == slug);
        let mut statuses = Vec::new();
        let mut codes = Vec::new();
        let mut s = Vec::new();
        let mut i = Vec::new();
        for r in records {
            s.push(r.s.as_deref().map_or(0, |v| number(&mut statuses, v) + 1));
            let mut named: Vec<&str> = r.f.iter().map(String::as_str).collect();
            for code in r.a.iter().chain(&r.c) {
                if !named.contains(&code.as_str()) {
                    named.push(code);
                }
            }
            i.push(
                named
                    .into_iter()
                    .map(|code| {
                        let has = |list: &[String]| list.iter().any(|c| c == code);
                        number(&mut codes, code) * 8
                            + usize::from(has(&r.f))
                            + 2 * usize::from(has(&r.a))
                            + 4 * usize::from(has(&r.c))
                    })
                    .collect(),
            );
        }
        FacetColumns {
            k: runs(
                records
                    .iter()
                    .map(|r| kind(&r.k).unwrap_or(Kind::ALL.len())),
            ),
            p: runs(records.iter().map(|r| r.p)),
            e: runs(records.iter().map(|r| r.e)),
            y: records.iter().map(|r| r.y.unwrap_or(0)).collect(),
            statuses,
            s,
            w: records.iter().map(|r| analyze_shared(&r.t).len()).collect(),
            codes,
            i,
        }
    }
}

/// What a result shows beyond its facets, in the record fragments.
#[derive(Serialize)]
struct Shown<'a> {
    u: &'a str,
    i: &'a str,
    t: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    r: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
}

impl<'a> Shown<'a> {
    fn of(r: &'a Record) -> Shown<'a> {
        Shown {
            u: &r.u,
            i: &r.i,
            t: &r.t,
            r: &r.r,
            d: r.d.as_deref(),
        }
    }
}

/// The phrase lift's data (see [`super::rank`]'s `phrases`): for each term, the terms that
/// follow it in a document's title, deadline or status as a result shows them, each with the
/// documents (delta-coded) where they do. A word stands for each of its stems and its folded
/// text; only index terms are kept, since a query's candidate terms are index terms. A term's
/// neighbours go into its own shard, which a query has fetched for its postings anyway.
fn neighbours<'a>(
    records: &[Record],
    shards: &'a [Shard],
) -> BTreeMap<&'a str, BTreeMap<&'a str, Vec<u32>>> {
    let terms: HashSet<&str> = shards
        .iter()
        .flat_map(|s| s.terms.keys().map(String::as_str))
        .collect();
    // A word's forms borrowed from the shards' terms, so a pair seen again copies nothing.
    let forms = |token: &SharedToken| -> BTreeSet<&'a str> {
        token
            .word
            .stems
            .iter()
            .chain([&token.word.text])
            .filter_map(|t| terms.get(t.as_str()).copied())
            .collect()
    };
    // Documents are visited in order, so each pair's list stays ascending by pushing a
    // document only when it is not already the last. Pairs are found by hash and sorted once.
    let mut found: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (n, r) in records.iter().enumerate() {
        for text in [
            r.t.as_str(),
            r.d.as_deref().unwrap_or(""),
            r.s.as_deref().unwrap_or(""),
        ] {
            let words: Vec<BTreeSet<&str>> = analyze_shared(text).iter().map(forms).collect();
            for pair in words.windows(2) {
                for x in &pair[0] {
                    for y in &pair[1] {
                        let docs = found.entry((*x, *y)).or_default();
                        if docs.last() != Some(&n) {
                            docs.push(n);
                        }
                    }
                }
            }
        }
    }
    let mut sorted: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for ((x, y), docs) in found {
        sorted.entry(x).or_default().insert(y, delta_coded(docs));
    }
    sorted
}

/// Ascending document numbers as differences from the previous one.
fn delta_coded(docs: impl IntoIterator<Item = usize>) -> Vec<u32> {
    let mut last = 0;
    docs.into_iter()
        .map(|doc| {
            let delta = (doc - last) as u32;
            last = doc;
            delta
        })
        .collect()
}

/// The words of every title, for "Vai domājāt …" (engine.mjs's `suggest`): each distinct word
/// as written (lower-cased), its folded text and stems, and how often it occurs, in order of
/// first occurrence. Downloaded only when a submitted query finds little.
fn title_words(records: &[Record]) -> Vec<(String, String, Vec<String>, usize)> {
    let mut order: Vec<(String, String, Vec<String>, usize)> = Vec::new();
    let mut at: BTreeMap<(String, String, Vec<String>), usize> = BTreeMap::new();
    for r in records {
        for word in analyze(&r.t) {
            let key = (
                r.t[word.start..word.end].to_lowercase(),
                word.text,
                word.stems,
            );
            match at.get(&key) {
                Some(&i) => order[i].3 += 1,
                None => {
                    at.insert(key.clone(), order.len());
                    order.push((key.0, key.1, key.2, 1));
                }
            }
        }
    }
    order
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
            .files(|stem, ext, parts| format!("{stem}.{}.{ext}", parts.concat().len()))
            .unwrap();
        let files: BTreeMap<&str, serde_json::Value> = index
            .files
            .iter()
            .map(|(path, bytes)| (path.as_str(), serde_json::from_slice(bytes).unwrap()))
            .collect();
        let manifest = &files[index.manifest.as_str()];
        let folder = manifest["folder"].as_str().unwrap();
        let shards: Vec<(&str, String)> = manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(n, from)| (from.as_str().unwrap(), format!("{folder}/s{n}.json")))
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
                files[format!("search/{name}").as_str()]["t"]
                    .get(&term)
                    .is_some(),
                "{term} not in {name}"
            );
        }
    }
    /// The files of an index of `docs`, parsed, by path; and the manifest.
    fn site_files(docs: &[Document]) -> (BTreeMap<String, serde_json::Value>, serde_json::Value) {
        let data = SearchData::new(
            docs,
            &[("p".into(), "P".into())],
            Vocabulary::default(),
            "/",
        );
        let index = data
            .files(|stem, ext, parts| format!("{stem}.{:08x}.{ext}", parts.concat().len()))
            .unwrap();
        let files: BTreeMap<String, serde_json::Value> = index
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), serde_json::from_slice(bytes).unwrap()))
            .collect();
        let manifest = files[&index.manifest].clone();
        (files, manifest)
    }

    /// A file of the index's folder, parsed.
    fn inner<'a>(
        files: &'a BTreeMap<String, serde_json::Value>,
        manifest: &serde_json::Value,
        file: &str,
    ) -> &'a serde_json::Value {
        &files[&format!("search/{}/{file}", manifest["folder"].as_str().unwrap())]
    }

    #[test]
    fn a_large_index_keeps_no_document_store_in_one_file() {
        // 3 000 measures with titles of their own: more than one facets file's worth, and
        // records far over RECORDS_WHOLE.
        let titles: Vec<String> = (0..3000)
            .map(|n| format!("Pasākums numur {n} policijas apmācībām un sadarbībai ar iestādēm"))
            .collect();
        let docs: Vec<Document> = titles
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let mut d = doc(&format!("1.{n}"), vec![(Field::Title, t)]);
                d.title = t.clone();
                d.responsible_codes = vec![format!("I{}", n % 7)];
                d.institutions = d.responsible_codes.clone();
                d
            })
            .collect();
        let (files, manifest) = site_files(&docs);
        let chunks = 3000usize.div_ceil(FACET_DOCS);
        for n in 0..chunks {
            let columns = inner(&files, &manifest, &format!("f{n}.json"));
            let w = columns["w"].as_array().unwrap();
            assert_eq!(w.len(), FACET_DOCS.min(3000 - n * FACET_DOCS));
            assert_eq!(w[0], 7, "words in the title");
            assert!(
                !columns.to_string().contains("numur"),
                "no title among the facets"
            );
        }
        // Institution I2, responsible and named, of the third document (2 % 7).
        let first = inner(&files, &manifest, "f0.json");
        let code = first["i"][2][0].as_u64().unwrap();
        assert_eq!(first["codes"][code as usize >> 3], "I2");
        assert_eq!(code & 7, 1 + 2);
        assert_eq!(manifest["fragment"], RECORD_DOCS);
        let folder = manifest["folder"].as_str().unwrap();
        let fragments: Vec<&serde_json::Value> = files
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("search/{folder}/r")))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(fragments.len(), 3000 / RECORD_DOCS);
        assert!(fragments
            .iter()
            .all(|f| f.as_array().unwrap().len() == RECORD_DOCS));
        let third = &inner(&files, &manifest, "r2.json")[1];
        assert_eq!(third["t"], titles[2 * RECORD_DOCS + 1].as_str());
        // The manifest lists no document and no file of the folder.
        let manifest_text = manifest.to_string();
        assert!(!manifest_text.contains("numur"), "{manifest_text:.200}");
        assert!(!manifest_text.contains(".json"));
        assert!(
            files.len()
                < 3000 / RECORD_DOCS + chunks + manifest["shards"].as_array().unwrap().len() + 3
        );
    }

    #[test]
    fn the_full_text_index_cuts_its_records_coarser_than_the_structured_one() {
        // 2 048 passages far over RECORDS_WHOLE, as a large portal's documents give.
        let passages: Vec<Document> = (0..2048)
            .map(|n| {
                let text = format!("Rindkopa {n} par policijas apmācībām un sadarbību ar iestādēm");
                let mut d = doc(&format!("t{n}"), vec![(Field::Description, &text)]);
                d.title = text.clone();
                d
            })
            .collect();
        let measures: Vec<Document> = (0..2048)
            .map(|n| {
                let title =
                    format!("Pasākums numur {n} policijas apmācībām un sadarbībai ar iestādēm");
                let mut d = doc(&format!("1.{n}"), vec![(Field::Title, &title)]);
                d.title = title;
                d
            })
            .collect();
        let plans = [("p".to_string(), "P".to_string())];
        let data = SearchData {
            full_text: Some(Box::new(SearchData::new(
                &passages,
                &plans,
                Vocabulary::default(),
                "/",
            ))),
            ..SearchData::new(&measures, &plans, Vocabulary::default(), "/")
        };
        let index = data
            .files(|stem, ext, parts| format!("{stem}.{:08x}.{ext}", parts.concat().len()))
            .unwrap();
        let fragments = |folder: &str| {
            index
                .files
                .iter()
                .filter(|(path, _)| path.starts_with(folder) && path.contains("/r"))
                .count()
        };
        assert_eq!(fragments("search/i."), 2048 / RECORD_DOCS);
        assert_eq!(fragments("search/text-i."), 2048 / TEXT_RECORD_DOCS);
        let text_manifest = index
            .files
            .iter()
            .find(|(path, _)| path.starts_with("search/text-manifest."))
            .map(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(bytes).unwrap())
            .unwrap();
        assert_eq!(text_manifest["fragment"], TEXT_RECORD_DOCS);
    }

    #[test]
    fn a_small_index_keeps_its_records_in_one_fragment() {
        let docs = [
            doc("1", vec![(Field::Title, "Policijas apmācības")]),
            doc("2", vec![(Field::Title, "Robežsardzes apmācības")]),
        ];
        let (files, manifest) = site_files(&docs);
        assert_eq!(manifest["fragment"], 2);
        assert_eq!(
            inner(&files, &manifest, "r0.json")
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(manifest["chunk"], FACET_DOCS);
    }

    #[test]
    fn neighbours_are_the_terms_side_by_side_in_what_a_result_shows() {
        // Titles and deadlines as the trafficking plan 2025–2027 prints them (seeds/002).
        let mut docs = [
            doc("1", vec![(Field::Title, "Valsts policijas apmācības")]),
            doc(
                "2",
                vec![(Field::Title, "Policijas un valsts iestāžu sadarbība")],
            ),
            doc("3", vec![(Field::Title, "Informēt sabiedrību")]),
        ];
        docs[0].title = "Valsts policijas apmācības".into();
        docs[1].title = "Policijas un valsts iestāžu sadarbība".into();
        docs[2].title = "Informēt sabiedrību".into();
        docs[2].deadline = Some("Katru mēnesi".into());
        docs[2]
            .fields
            .push((Field::Deadline, "Katru mēnesi".into()));
        let (files, manifest) = site_files(&docs);
        let shard_of = |term: &str| {
            let at = manifest["shards"]
                .as_array()
                .unwrap()
                .iter()
                .rposition(|from| from.as_str().unwrap() <= term)
                .unwrap();
            inner(&files, &manifest, &format!("s{at}.json"))["n"][term].clone()
        };
        assert_eq!(
            shard_of("valst")["policij"],
            json!([0]),
            "doc 0 only: in doc 1 the order is not the query's"
        );
        assert_eq!(shard_of("policij")["apmacib"], json!([0]));
        assert_eq!(shard_of("katr")["menes"], json!([2]), "the deadline too");
        // "un" is a function word the analyser drops: the words around it stand side by side.
        assert_eq!(shard_of("policij")["valst"], json!([1]));
        assert_eq!(shard_of("valst")["iestad"], json!([1]));
    }

    #[test]
    fn title_words_are_each_written_form_once_with_its_count() {
        let record = |t: &str| Record {
            u: String::new(),
            k: "pasakums".into(),
            i: String::new(),
            t: t.into(),
            p: None,
            r: Vec::new(),
            d: None,
            y: None,
            s: None,
            f: Vec::new(),
            a: Vec::new(),
            c: Vec::new(),
            e: false,
        };
        let words = title_words(&[record("Ugunsdzēsības depo"), record("Depo būvniecība")]);
        assert_eq!(words[0].0, "ugunsdzēsības");
        assert_eq!(words[0].1, "ugunsdzesibas");
        assert_eq!((words[1].0.as_str(), words[1].3), ("depo", 2));
        assert_eq!(words.len(), 3);
    }
}
