//! The whole site built from this repository's seeds: measure counts per document, identical
//! output from two builds, and document text escaped on the pages.

use crate::common::{files_under, options, real_site, repo, BASE};
use planportal::portal::Portal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;

fn measures() -> Vec<Value> {
    let text = real_site().site.text("data/measures.json").unwrap();
    serde_json::from_str(text).unwrap()
}

#[test]
fn every_document_contributes_its_measures() {
    let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
    for m in measures() {
        *per_source
            .entry(m["source"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let expected = BTreeMap::from([
        ("000_d0f431797d704579.txt".to_string(), 21),
        ("001_0540a71165f8577a.txt".to_string(), 97),
        ("002_5ef2c56a3aa0266d.txt".to_string(), 23),
        ("003_813af1619364791d.txt".to_string(), 33),
        ("004_0c544dbc52ece7e9.txt".to_string(), 58),
    ]);
    assert_eq!(per_source, expected);
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let first = &real_site().dir;
    let tmp = tempfile::tempdir().unwrap();
    let second = tmp.path().join("public");
    Portal::new(repo())
        .build(&second, &options(BASE))
        .expect("the real site builds");
    let files = files_under(first);
    assert_eq!(files, files_under(&second));
    for file in &files {
        let (a, b) = (
            fs::read(first.join(file)).unwrap(),
            fs::read(second.join(file)).unwrap(),
        );
        assert!(a == b, "{file} differs between two builds");
    }
}

/// HTML escaping as the templates apply it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn document_text_with_markup_characters_is_escaped_on_measure_pages() {
    let mut checked = 0;
    for m in measures() {
        let Some(description) = m["description"].as_str() else {
            continue;
        };
        let url = m["url"].as_str().unwrap();
        let path = format!("{}index.html", url.strip_prefix(BASE).unwrap());
        let page = real_site().site.text(&path).unwrap();
        for line in description.lines() {
            let chars: Vec<char> = line.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if !matches!(c, '&' | '"' | '<') {
                    continue;
                }
                let window: String = chars[i.saturating_sub(12)..(i + 12).min(chars.len())]
                    .iter()
                    .collect();
                assert!(
                    page.contains(&escape(&window)),
                    "{} {}: {window:?} is not escaped on its page",
                    m["source"],
                    m["id"]
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} markup characters found in descriptions"
    );
}
