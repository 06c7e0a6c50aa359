//! Search: the index of the real documents matches its golden summary, and the analyser's shared
//! test vectors are up to date, so the browser twin
//! (`themes/default/static/search/analyzer.mjs`, tested by `tests/js/`) is checked against what
//! the Rust analyser really does.

use crate::common::repo;
use planportal::search::analyzer::analyze;
use serde_json::json;
use std::fs;

/// Regenerate with `UPDATE_VECTORS=1 cargo test --test tests search::vectors`.
#[test]
fn vectors_are_up_to_date() {
    let dir = repo().join("tests/fixtures/search");
    let inputs = fs::read_to_string(dir.join("inputs.txt")).unwrap();
    let vectors: Vec<_> = inputs
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let tokens: Vec<_> = analyze(line)
                .into_iter()
                .map(|t| json!({ "text": t.text, "stems": t.stems }))
                .collect();
            json!({ "input": line, "tokens": tokens })
        })
        .collect();
    assert!(vectors.len() >= 50, "only {} inputs", vectors.len());
    let expected = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
    let path = dir.join("vectors.json");
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        fs::write(&path, &expected).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{} is stale: regenerate it with UPDATE_VECTORS=1 cargo test --test tests search::vectors",
        path.display()
    );
}

/// Words whose top postings the golden file records: inflected, folded, codes and numbers.
const GOLDEN_WORDS: [&str; 16] = [
    "iestāžu",
    "kiberdrosiba",
    "cilvēku",
    "tirdzniecības",
    "policija",
    "apmācības",
    "sadarbība",
    "VP",
    "CERT.LV",
    "lv",
    "1.21",
    "izstrādāt",
    "noziedzība",
    "pašvaldības",
    "06.01.00",
    "rādītājs",
];

/// The index of the real documents: document and term counts, documents per kind, and each golden word's top
/// postings, so an accidental change in tokenising, stemming or field weights shows up in review.
/// Regenerate with `UPDATE_GOLDEN=1 cargo test --test tests search::index_golden`.
#[test]
fn index_golden() {
    use planportal::search::{documents::documents, index::postings};
    let portal = &crate::common::real_site().portal;
    let docs = documents(&portal.library, &portal.content);
    let postings = postings(&docs);
    let mut out = format!("{} documents, {} terms\n", docs.len(), postings.len());
    for kind in planportal::search::documents::Kind::ALL {
        let n = docs.iter().filter(|d| d.kind == kind).count();
        out += &format!("{}: {n}\n", kind.slug());
    }
    for word in GOLDEN_WORDS {
        for stem in analyze(word).into_iter().flat_map(|t| t.stems) {
            let mut list = postings.get(&stem).cloned().unwrap_or_default();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let top: Vec<String> = list
                .iter()
                .take(5)
                .map(|(doc, score)| format!("{} {score}", docs[*doc].key()))
                .collect();
            out += &format!(
                "{word} → {stem} ({} docs): {}\n",
                list.len(),
                top.join(", ")
            );
        }
    }
    let path = repo().join("tests/fixtures/search/index_golden.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &out).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == out,
        "the index changed: compare with {} and regenerate with UPDATE_GOLDEN=1\n{out}",
        path.display()
    );
}

/// The plans' abbreviation lists reach search: a code that is not an institution brings its
/// definition, a definition in any inflection its code; institutions are left to their fields.
#[test]
fn the_plans_glossary_expands_codes_that_are_not_institutions() {
    use planportal::search::glossary::Glossary;
    let mut portal = planportal::portal::Portal::new(repo());
    portal.load().unwrap();
    let glossary = Glossary::of_library(&portal.library);
    let socta = glossary.expand(["Pilnveidota SOCTA metodoloģija."]);
    assert!(
        socta.iter().any(|t| t.contains("draudu izvērtējums")),
        "{socta:?}"
    );
    assert_eq!(
        glossary.expand(["sadarbības vienošanos starp nevalstiskajām organizācijām"]),
        ["NVO"]
    );
    assert!(glossary.expand(["VP un VRS"]).is_empty());
}

/// `planportal search` keeps its index in a cache keyed by the inputs: a second call reads it
/// and finds the same, a changed content file rebuilds it, and a file at the cache's path that
/// is not a planportal cache is never replaced.
#[test]
fn the_search_cache_follows_the_inputs_and_replaces_only_its_own_file() {
    use crate::common::copy_tree;
    use planportal::search::cache::search_data;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    copy_tree(&repo().join("seeds"), &root.join("seeds"));
    copy_tree(&repo().join("content"), &root.join("content"));
    let cache = tmp.path().join("cache/search.json");

    let (built, cached) = search_data(&root, Some(&cache)).unwrap();
    assert!(!cached, "the first call builds");
    assert!(cache.is_file(), "and writes the cache");
    let (again, cached) = search_data(&root, Some(&cache)).unwrap();
    assert!(cached, "the second call reads the cache");
    assert_eq!(again, built);

    // A synonym more changes what a query finds: the key must change with the content.
    let vocabulary = root.join("content/search.toml");
    let text = fs::read_to_string(&vocabulary).unwrap();
    fs::write(
        &vocabulary,
        text.replace(
            "synonyms = [",
            "synonyms = [\n  [\"zvejnieks\", \"Frontex\"],",
        ),
    )
    .unwrap();
    let (changed, cached) = search_data(&root, Some(&cache)).unwrap();
    assert!(!cached, "a changed input rebuilds");
    assert_ne!(changed.vocabulary, built.vocabulary);
    assert_eq!(search_data(&root, Some(&cache)).unwrap().0, changed);

    // Someone else's file where the cache would go.
    let foreign = tmp.path().join("cache/notes.json");
    fs::write(&foreign, "{\"mine\": true}").unwrap();
    let (data, cached) = search_data(&root, Some(&foreign)).unwrap();
    assert!(!cached);
    assert_eq!(data, changed, "the index is still built");
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "{\"mine\": true}");
}
