//! Search: the analyser's shared test vectors are up to date, so the browser twin
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
