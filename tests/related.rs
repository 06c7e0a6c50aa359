//! How well the related measures match what a reader expects: the expectations in
//! `fixtures/related/expected.toml` (written from the documents before any scoring existed, half
//! held out) against the real site's `data/related_measures.json`. Prints precision and recall
//! per half; fails only when they fall below the figures recorded in `benches/RELATED.md`, so a
//! change to the analyser or the scoring that loses related measures shows up in review.

use crate::common::{real_site, repo};
use serde_json::Value;
use std::collections::BTreeMap;

const PLAN: &str = "cilveku-tirdznieciba-2025-2027";

/// (shown, expected ones among them, expected) over one half of the fixture.
fn measure(half: &BTreeMap<String, Vec<String>>, rows: &[Value]) -> (usize, usize, usize) {
    let (mut shown, mut found, mut expected) = (0, 0, 0);
    for (id, want) in half {
        let listed: Vec<String> = rows
            .iter()
            .filter(|r| r["plan"] == PLAN && r["measure"] == id.as_str())
            .map(|r| {
                format!(
                    "{}:{}",
                    r["related_plan"].as_str().unwrap(),
                    r["related_measure"].as_str().unwrap()
                )
            })
            .collect();
        shown += listed.len();
        found += listed.iter().filter(|l| want.contains(l)).count();
        expected += want.len();
        println!("{PLAN} {id}: {listed:?} (expected {want:?})");
    }
    (shown, found, expected)
}

#[test]
fn related_measures_find_what_the_documents_lead_a_reader_to_expect() {
    let fixture = std::fs::read_to_string(repo().join("tests/fixtures/related/expected.toml"))
        .expect("the expectations");
    let halves: BTreeMap<String, BTreeMap<String, Vec<String>>> =
        toml::from_str(&fixture).expect("expectations as TOML");
    let rows: Vec<Value> =
        serde_json::from_str(real_site().site.text("data/related_measures.json").unwrap()).unwrap();
    // Floors: the figures measured when the scoring was fixed (benches/RELATED.md), as found
    // expected related measures of the shown (precision) and of the expected (recall).
    let floors = [("tuning", 6, 9), ("held-out", 5, 9)];
    for (name, min_found, expected_total) in floors {
        let (shown, found, expected) = measure(&halves[name], &rows);
        println!(
            "{name}: {found} of {shown} shown were expected (precision {:.2}), {found} of \
             {expected} expected were shown (recall {:.2})",
            found as f64 / shown.max(1) as f64,
            found as f64 / expected as f64
        );
        assert_eq!(expected, expected_total, "the {name} expectations changed");
        assert!(
            found >= min_found,
            "{name}: only {found} expected related measures found (was {min_found})"
        );
    }
}
