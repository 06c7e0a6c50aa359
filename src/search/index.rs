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
//! score 5). The score is Σ over fields of weight × (1 + 0.3 ln tf), times ten, so a title or id match
//! outranks a description match; the browser multiplies it by the term's idf.

use super::analyzer::analyze;
use super::documents::{Document, Kind};
use anyhow::Result;
use serde_json::json;
use std::collections::BTreeMap;

/// Target size of a shard's JSON before compression (about 1.5 KB gzipped), so that a query of
/// two words typed letter by letter downloads less than 5 KB.
pub const SHARD_BYTES: usize = 4 * 1024;

/// The index's files, by path relative to the site root, and the manifest's path among them.
#[derive(Debug, Clone)]
pub struct SiteIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: String,
}

/// The terms a text is indexed under: every stem of every token; for a code with letters
/// ("cert.lv") also its parts ("cert", "lv"), so "cert lv" typed with a space finds it; for a
/// date ("31.12.2025") also its year, so "2025" finds what is due then. Other numeric parts are
/// not indexed alone: "21" should not find measure 1.21.
pub fn index_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for token in analyze(text) {
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
        }
        terms.extend(token.stems);
    }
    terms
}

/// A four-digit year of the documents' era: "2025", not "1712" or "0100".
fn is_year(part: &str) -> bool {
    part.len() == 4
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part.starts_with("19") || part.starts_with("20"))
}

/// Each term's score in one document.
pub fn term_scores(doc: &Document) -> BTreeMap<String, u32> {
    let mut counts: BTreeMap<(String, super::documents::Field), u32> = BTreeMap::new();
    for (field, text) in &doc.fields {
        for term in index_terms(text) {
            *counts.entry((term, *field)).or_default() += 1;
        }
    }
    let mut scores: BTreeMap<String, f64> = BTreeMap::new();
    for ((term, field), tf) in counts {
        *scores.entry(term).or_default() +=
            f64::from(field.weight()) * (1.0 + 0.3 * f64::from(tf).ln());
    }
    scores
        .into_iter()
        .map(|(term, score)| (term, (score * 10.0).round() as u32))
        .collect()
}

/// Every term's postings, terms sorted: `(doc number, score)` in document order.
pub fn postings(docs: &[Document]) -> BTreeMap<String, Vec<(usize, u32)>> {
    let mut postings: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
    for (n, doc) in docs.iter().enumerate() {
        for (term, score) in term_scores(doc) {
            postings.entry(term).or_default().push((n, score));
        }
    }
    postings
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

/// Builds the index files. `plans` are `(slug, label)` in portal order; `name(stem, ext, bytes)`
/// gives a file its content-hashed path; `base_url` prefixes the documents' URLs.
pub fn build(
    docs: &[Document],
    plans: &[(String, String)],
    base_url: &str,
    name: impl Fn(&str, &str, &[u8]) -> String,
) -> Result<SiteIndex> {
    let mut files = Vec::new();
    let mut add = |stem: &str, bytes: Vec<u8>| {
        let path = name(stem, "json", &bytes);
        files.push((path.clone(), bytes));
        path
    };

    let plan_number = |slug: &str| plans.iter().position(|(s, _)| s == slug);
    let records: Vec<_> = docs
        .iter()
        .map(|d| {
            json!({
                "u": format!("{base_url}{}", d.url),
                "k": d.kind.slug(),
                "i": d.id,
                "t": d.title,
                "p": d.plan.as_deref().and_then(plan_number),
                "r": d.responsible,
                "d": d.deadline,
                "y": d.year,
                "s": d.status,
                "f": d.institutions,
            })
        })
        .collect();
    let docs_path = add("search/docs", serde_json::to_vec(&records)?);

    let mut shards: Vec<(String, String)> = Vec::new();
    let postings = postings(docs);
    let mut current: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut current_from = "";
    let mut current_bytes = 0;
    let mut flush = |from: &str, terms: &mut BTreeMap<&str, Vec<u32>>| -> Result<()> {
        if !terms.is_empty() {
            let path = add(
                &format!("search/s{}", shards.len()),
                serde_json::to_vec(&terms)?,
            );
            let file = path.rsplit('/').next().unwrap_or(&path).to_string();
            shards.push((from.to_string(), file));
            terms.clear();
        }
        Ok(())
    };
    for (key, terms) in groups(&postings) {
        let bytes: usize = terms.iter().map(|(t, l)| posting_bytes(t, l)).sum();
        if !current.is_empty() && current_bytes + bytes > SHARD_BYTES {
            flush(current_from, &mut current)?;
            current_bytes = 0;
        }
        if current.is_empty() {
            current_from = key;
        }
        for (term, list) in terms {
            let mut last = 0;
            let mut coded = Vec::with_capacity(list.len() * 2);
            for &(doc, score) in list {
                coded.push((doc - last) as u32);
                coded.push(score);
                last = doc;
            }
            current.insert(term, coded);
        }
        current_bytes += bytes;
    }
    flush(current_from, &mut current)?;

    let manifest = json!({
        "version": 1,
        "count": docs.len(),
        "docs": docs_path.rsplit('/').next(),
        "shards": shards,
        "plans": plans,
        "kinds": Kind::ALL
            .iter()
            .map(|k| (k.slug(), k.label(), k.singular()))
            .collect::<Vec<_>>(),
    });
    let manifest = add("search/manifest", serde_json::to_vec(&manifest)?);
    Ok(SiteIndex { files, manifest })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::Field;

    fn doc(id: &str, fields: Vec<(Field, &str)>) -> Document {
        Document {
            kind: Kind::Measure,
            url: format!("plani/p/pasakumi/{id}/"),
            id: id.to_string(),
            title: String::new(),
            plan: Some("p".into()),
            responsible: Vec::new(),
            institutions: Vec::new(),
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
            ["2025", "31.12.2025", "1.21", "06.01.00"]
        );
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
        let index = build(
            &docs,
            &[("p".into(), "P".into())],
            "/",
            |stem, ext, bytes| format!("{stem}.{}.{ext}", bytes.len()),
        )
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
