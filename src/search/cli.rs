//! `planportal search`: the same documents, fields, weights and analyser as the browser's index,
//! searched offline with tantivy, for maintainers and journalists working with the data.
//!
//! tantivy is kept behind this module. The index lives in memory and is rebuilt per call (a few
//! hundred documents take milliseconds), so there is no index folder to keep in step with the
//! seeds. [`Latvian`] plugs [`analyze`] in as tantivy's tokenizer, so stems are the browser's.
//! A query word matches its stems in every text field, boosted by the field's weight, or with one
//! typo (words of five letters or more) at a lower boost; every word must match; facets filter
//! exactly. As in the browser, a document whose whole title is the query ("valsts policija" →
//! the institution Valsts policija) ranks first: such a query names the thing, which the many
//! documents mentioning it would otherwise outscore.

use super::analyzer::{analyze, fold};
use super::documents::{Document, Field as DocField, Kind};
use super::index::index_terms;
use crate::model::Status;
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::Value;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// Name the analyser is registered under in the tantivy index.
const TOKENIZER: &str = "latvian";

/// Boost of a one-typo match relative to an exact stem match.
const TYPO_BOOST: f32 = 0.4;

/// [`analyze`] as a tantivy tokenizer: one tantivy token per index term (stems, and the parts
/// of codes, see [`index_terms`]), so indexing and the browser agree.
#[derive(Debug, Clone, Default)]
pub struct Latvian;

/// The tokens of one text.
pub struct LatvianStream {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for Latvian {
    type TokenStream<'a> = LatvianStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LatvianStream {
        let mut tokens = Vec::new();
        for (position, token) in analyze(text).into_iter().enumerate() {
            for term in index_terms(&text[token.start..token.end]) {
                tokens.push(Token {
                    offset_from: token.start,
                    offset_to: token.end,
                    position,
                    text: term,
                    position_length: 1,
                });
            }
        }
        LatvianStream { tokens, at: 0 }
    }
}

impl TokenStream for LatvianStream {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

/// Exact-match filters, each `None` when not given. As typed they may differ from the indexed
/// values in case and diacritics; [`Filters::validate`] turns them into the indexed values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Plan slug.
    pub plan: Option<String>,
    /// Institution code as printed ("VP"), any role.
    pub institution: Option<String>,
    /// Status term ("izpildīts").
    pub status: Option<String>,
    /// Deadline year.
    pub year: Option<i32>,
    /// Document kind: "pasakums", "iestade", "programma", "raditajs" or "nodala".
    pub kind: Option<String>,
}

/// A filter value that names nothing the documents can have, with the values that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidFilter {
    /// The flag, as typed on the command line ("--status").
    pub flag: &'static str,
    pub value: String,
    /// Every valid value, in the order they are listed.
    pub valid: Vec<String>,
}

impl fmt::Display for InvalidFilter {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} {:?} matches none of the valid values: {}",
            self.flag,
            self.value,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for InvalidFilter {}

impl Filters {
    /// Checks every value against what it may be (the plans and institution codes of `docs`,
    /// the status vocabulary, the kinds), comparing case- and diacritic-folded like the query
    /// words, and returns the filters with each value as indexed.
    pub fn validate(&self, docs: &[Document]) -> Result<Filters, InvalidFilter> {
        let plans: BTreeSet<String> = docs.iter().filter_map(|d| d.plan.clone()).collect();
        let institutions: BTreeSet<String> = docs
            .iter()
            .flat_map(|d| d.institutions.iter().cloned())
            .collect();
        let statuses = Status::ALL.iter().map(|s| s.term().to_string());
        let kinds = Kind::ALL.iter().map(|k| k.slug().to_string());
        Ok(Filters {
            plan: pick("--plan", &self.plan, plans)?,
            institution: pick("--institution", &self.institution, institutions)?,
            status: pick("--status", &self.status, statuses)?,
            year: self.year,
            kind: pick("--kind", &self.kind, kinds)?,
        })
    }
}

/// The one of `valid` that `value` names (folded as the analyser folds words, spaces
/// collapsed), or an [`InvalidFilter`] listing them all.
fn pick(
    flag: &'static str,
    value: &Option<String>,
    valid: impl IntoIterator<Item = String>,
) -> Result<Option<String>, InvalidFilter> {
    let Some(value) = value else {
        return Ok(None);
    };
    let key = |text: &str| fold(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let valid: Vec<String> = valid.into_iter().collect();
    match valid.iter().find(|v| key(v) == key(value)) {
        Some(found) => Ok(Some(found.clone())),
        None => Err(InvalidFilter {
            flag,
            value: value.clone(),
            valid,
        }),
    }
}

/// The line printed when a search finds nothing, naming the query and the filters applied.
pub fn no_results(query: &str, filters: &Filters) -> String {
    let given = [
        ("--plan", filters.plan.clone()),
        ("--institution", filters.institution.clone()),
        ("--status", filters.status.clone()),
        ("--year", filters.year.map(|y| y.to_string())),
        ("--kind", filters.kind.clone()),
    ];
    let applied: Vec<String> = given
        .into_iter()
        .filter_map(|(flag, value)| value.map(|v| format!("{flag} {v:?}")))
        .collect();
    if applied.is_empty() {
        format!("no results for {query:?}")
    } else {
        format!("no results for {query:?} with {}", applied.join(", "))
    }
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: f32,
    pub kind: &'static str,
    pub plan: Option<String>,
    pub id: String,
    pub title: String,
    pub responsible: Vec<String>,
    pub deadline: Option<String>,
    pub status: Option<&'static str>,
    pub url: String,
}

struct Fields {
    text: Vec<(DocField, Field)>,
    doc: Field,
    plan: Field,
    institution: Field,
    status: Field,
    year: Field,
    kind: Field,
}

/// Searches the documents; at most `limit` hits, best first.
pub fn search(docs: &[Document], query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let text_options = TextOptions::default().set_indexing_options(indexing);
    let fields = Fields {
        text: DocField::ALL
            .iter()
            .map(|f| (*f, builder.add_text_field(f.name(), text_options.clone())))
            .collect(),
        doc: builder.add_u64_field("doc", STORED),
        plan: builder.add_text_field("plan_slug", STRING),
        institution: builder.add_text_field("institution_code", STRING),
        status: builder.add_text_field("status_term", STRING),
        year: builder.add_text_field("year", STRING),
        kind: builder.add_text_field("kind", STRING),
    };
    let index = Index::create_in_ram(builder.build());
    index.tokenizers().register(TOKENIZER, Latvian);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(1, 15_000_000)
        .context("cannot start the search index")?;
    for (n, doc) in docs.iter().enumerate() {
        writer.add_document(tantivy_document(&fields, n, doc))?;
    }
    writer.commit()?;

    let reader = index.reader()?;
    let searcher = reader.searcher();
    // Every match, not just `limit`: a title match may score below the first `limit`.
    let top = searcher.search(
        &build_query(&fields, query, filters),
        &TopDocs::with_limit(docs.len().max(1)).order_by_score(),
    )?;
    let mut hits = Vec::new();
    for (score, address) in top {
        let stored: TantivyDocument = searcher.doc(address)?;
        let Some(n) = stored.get_first(fields.doc).and_then(|v| v.as_u64()) else {
            continue;
        };
        let doc = &docs[n as usize];
        hits.push(Hit {
            score,
            kind: doc.kind.slug(),
            plan: doc.plan.clone(),
            id: doc.id.clone(),
            title: doc.title.clone(),
            responsible: doc.responsible.clone(),
            deadline: doc.deadline.clone(),
            status: doc.status,
            url: doc.url.clone(),
        });
    }
    // Stable: title matches first, each group still by score.
    hits.sort_by_key(|hit| !is_title(&hit.title, query));
    hits.truncate(limit);
    Ok(hits)
}

/// True when the title has as many words as the query and each query word's stems meet a
/// different title word's.
fn is_title(title: &str, query: &str) -> bool {
    let words = analyze(query);
    let mut free = analyze(title);
    words.len() == free.len()
        && words.iter().all(|word| {
            let at = free
                .iter()
                .position(|t| t.stems.iter().any(|s| word.stems.contains(s)));
            at.map(|at| free.remove(at)).is_some()
        })
}

fn tantivy_document(fields: &Fields, n: usize, doc: &Document) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    out.add_u64(fields.doc, n as u64);
    for (kind, text) in &doc.fields {
        if let Some((_, field)) = fields.text.iter().find(|(k, _)| k == kind) {
            out.add_text(*field, text);
        }
    }
    if let Some(plan) = &doc.plan {
        out.add_text(fields.plan, plan);
    }
    for code in &doc.institutions {
        out.add_text(fields.institution, code.to_lowercase());
    }
    if let Some(status) = doc.status {
        out.add_text(fields.status, status);
    }
    if let Some(year) = doc.year {
        out.add_text(fields.year, year.to_string());
    }
    out.add_text(fields.kind, doc.kind.slug());
    out
}

fn build_query(fields: &Fields, query: &str, filters: &Filters) -> BooleanQuery {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for token in analyze(query) {
        let typos = token.text.chars().count() >= 5 && token.text.chars().all(char::is_alphabetic);
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (kind, field) in &fields.text {
            let weight = kind.weight() as f32;
            for stem in &token.stems {
                let term = Term::from_field_text(*field, stem);
                let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), weight)),
                ));
                if typos {
                    let fuzzy = FuzzyTermQuery::new(term, 1, true);
                    let boost = weight * TYPO_BOOST;
                    any.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(fuzzy), boost)),
                    ));
                }
            }
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    let exact = |field: Field, value: &str| -> (Occur, Box<dyn Query>) {
        let term = Term::from_field_text(field, value);
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        )
    };
    if let Some(plan) = &filters.plan {
        must.push(exact(fields.plan, plan));
    }
    if let Some(code) = &filters.institution {
        must.push(exact(fields.institution, &code.to_lowercase()));
    }
    if let Some(status) = &filters.status {
        must.push(exact(fields.status, status));
    }
    if let Some(year) = filters.year {
        must.push(exact(fields.year, &year.to_string()));
    }
    if let Some(kind) = &filters.kind {
        must.push(exact(fields.kind, kind));
    }
    BooleanQuery::new(must)
}

/// The hits as a plain-text table: rank, score, kind, plan, id, deadline, status, responsible,
/// title (cut to keep one line per hit).
pub fn table(hits: &[Hit]) -> String {
    let mut out = String::from("#\tscore\tkind\tplan\tid\tdeadline\tstatus\tresponsible\ttitle\n");
    for (rank, hit) in hits.iter().enumerate() {
        let title: String = hit.title.chars().take(80).collect();
        out += &format!(
            "{}\t{:.2}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            rank + 1,
            hit.score,
            hit.kind,
            hit.plan.as_deref().unwrap_or("-"),
            hit.id,
            hit.deadline.as_deref().unwrap_or("-"),
            hit.status.unwrap_or("-"),
            if hit.responsible.is_empty() {
                "-".to_string()
            } else {
                hit.responsible.join(", ")
            },
            title.replace('\n', " "),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::Kind;

    /// A measure document with a title from the seeds.
    fn measure(id: &str, title: &str, institution: &str, year: i32) -> Document {
        Document {
            kind: Kind::Measure,
            url: format!("plani/p/pasakumi/{id}/"),
            id: id.to_string(),
            title: title.to_string(),
            plan: Some("p".into()),
            responsible: vec![institution.to_string()],
            institutions: vec![institution.to_string()],
            deadline: None,
            year: Some(year),
            status: None,
            fields: vec![
                (DocField::Id, id.to_string()),
                (DocField::Title, title.to_string()),
                (DocField::Institutions, institution.to_string()),
            ],
        }
    }

    fn docs() -> Vec<Document> {
        vec![
            measure("1.15", "Valsts pārvaldes iestāžu vadības līmeņa personāla apmācību programmas metodikas izstrāde", "VK", 2018),
            measure("2.4", "Policijas darbiniekiem, prokuroriem un tiesnešiem nepieciešamās apmācības", "VP", 2018),
            measure("1.9", "CERT.LV organizēti valsts IKT risinājumu un infrastruktūras ielaušanās testi", "CERT.LV", 2016),
        ]
    }

    fn ids(query: &str, filters: &Filters) -> Vec<String> {
        search(&docs(), query, filters, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn inflected_folded_and_misspelt_words_match() {
        let none = Filters::default();
        assert_eq!(ids("iestāde", &none), ["1.15"]);
        let mut both = ids("apmacibas", &none);
        both.sort();
        assert_eq!(both, ["1.15", "2.4"]);
        assert_eq!(ids("polcijas", &none), ["2.4"]);
        assert_eq!(ids("cert lv", &none), ["1.9"]);
        assert!(
            ids("iestāde policija", &none).is_empty(),
            "every word must match"
        );
    }

    #[test]
    fn a_whole_title_match_ranks_first() {
        let mut docs = docs();
        // Measures naming the police many times, and the institution whose name is the query.
        for id in ["3.1", "3.2"] {
            let mut m = measure(
                id,
                "Valsts policijas un Valsts policijas koledžas sadarbība",
                "VP",
                2018,
            );
            m.fields.push((
                DocField::Description,
                "Valsts policija, valsts policijai".into(),
            ));
            docs.push(m);
        }
        let mut vp = measure("VP", "Valsts policija", "VP", 2018);
        vp.kind = Kind::Institution;
        vp.fields = vec![(DocField::Title, vp.title.clone())];
        docs.push(vp);
        let hits = search(&docs, "valsts policija", &Filters::default(), 2).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].id, "VP", "{hits:?}");
        assert!(
            hits[0].score < hits[1].score,
            "it ranks first by title, not by score"
        );
        assert!(is_title("Valsts policija", "VALSTS POLICIJAS"));
        assert!(!is_title("Valsts policijas koledža", "valsts policija"));
    }

    #[test]
    fn filter_values_fold_case_and_diacritics_like_words() {
        let given = Filters {
            plan: Some("P".into()),
            institution: Some("cert.lv".into()),
            status: Some("Nav  Izpildits".into()),
            year: Some(2016),
            kind: Some("PASĀKUMS".into()),
        };
        let valid = given.validate(&docs()).unwrap();
        assert_eq!(valid.plan.as_deref(), Some("p"));
        assert_eq!(valid.institution.as_deref(), Some("CERT.LV"));
        assert_eq!(valid.status.as_deref(), Some("nav izpildīts"));
        assert_eq!(valid.kind.as_deref(), Some("pasakums"));
        assert_eq!(valid.year, Some(2016));
        let institution = Filters {
            institution: Some("cert.lv".into()),
            ..Filters::default()
        };
        let found = ids("testi", &institution.validate(&docs()).unwrap());
        assert_eq!(found, ["1.9"]);
    }

    #[test]
    fn an_unknown_filter_value_lists_the_valid_ones() {
        let bad = |filters: Filters| filters.validate(&docs()).unwrap_err();
        let status = bad(Filters {
            status: Some("pabeigts".into()),
            ..Filters::default()
        });
        assert_eq!(status.flag, "--status");
        assert_eq!(status.valid.len(), 6);
        assert_eq!(
            status.to_string(),
            "--status \"pabeigts\" matches none of the valid values: izpildīts, izpildes \
             procesā, daļēji izpildīts, nav uzsākts, nav izpildīts, zaudējis aktualitāti"
        );
        let institution = bad(Filters {
            institution: Some("XX".into()),
            ..Filters::default()
        });
        assert_eq!(institution.valid, ["CERT.LV", "VK", "VP"]);
        let kind = bad(Filters {
            kind: Some("measure".into()),
            ..Filters::default()
        });
        assert!(kind.to_string().contains("pasakums, iestade, programma"));
        let plan = bad(Filters {
            plan: Some("q".into()),
            ..Filters::default()
        });
        assert_eq!(plan.valid, ["p"]);
    }

    #[test]
    fn no_results_names_the_query_and_filters() {
        assert_eq!(
            no_results("xyz", &Filters::default()),
            "no results for \"xyz\""
        );
        let filters = Filters {
            status: Some("izpildīts".into()),
            year: Some(2016),
            ..Filters::default()
        };
        assert_eq!(
            no_results("apmācība", &filters),
            "no results for \"apmācība\" with --status \"izpildīts\", --year \"2016\""
        );
    }

    #[test]
    fn facets_filter_exactly() {
        let vp = Filters {
            institution: Some("vp".into()),
            ..Filters::default()
        };
        assert_eq!(ids("apmācība", &vp), ["2.4"]);
        let year = Filters {
            year: Some(2016),
            ..Filters::default()
        };
        assert!(ids("apmācība", &year).is_empty());
    }
}
