//! Deadlines written in digits other than 0–9, through the real binary: they crashed `build`
//! (issue 9); now they are read as the dates they name and shown as printed.

use crate::common::{copy_tree, repo};
use serde_json::Value;
use std::fs;
use std::process::Command;

/// Replaces the first occurrence of `old` in the seed; fails when the seed no longer has it.
fn edit_seed(path: &std::path::Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{} lacks {old:?}", path.display());
    fs::write(path, text.replacen(old, new, 1)).unwrap();
}

#[test]
fn a_seed_with_full_width_and_arabic_indic_digits_in_deadlines_builds_and_keeps_their_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    for folder in ["content", "seeds", "themes"] {
        copy_tree(&repo().join(folder), &project.join(folder));
    }
    // Measure 1.1 of the organised-crime plan and result 2.1 of the trafficking plan.
    let full_width = "２０２５. gada decembris";
    let arabic_indic = "٣١.١٢.٢٠٢٧.";
    edit_seed(
        &project.join("seeds/000_d0f431797d704579.txt"),
        "\t2025.\u{a0}gada  decembris\n",
        &format!("\t{full_width}\n"),
    );
    edit_seed(
        &project.join("seeds/002_5ef2c56a3aa0266d.txt"),
        "\tIeM\n\t\n\t31.12.2027.\n",
        &format!("\tIeM\n\t\n\t{arabic_indic}\n"),
    );

    let site = tmp.path().join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args(["build", "--output-dir"])
        .arg(&site)
        .current_dir(&project)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");

    let measures: Vec<Value> =
        serde_json::from_str(&fs::read_to_string(site.join("data/measures.json")).unwrap())
            .unwrap();
    let by_deadline = |raw: &str| {
        measures
            .iter()
            .find(|m| m["deadline"] == raw)
            .unwrap_or_else(|| panic!("no measure with the deadline {raw:?}"))
    };
    let organised_crime = by_deadline(full_width);
    assert_eq!(organised_crime["id"], "1.1");
    assert_eq!(organised_crime["deadline_date"], "2025-12-31");
    let trafficking = by_deadline(arabic_indic);
    assert_eq!(trafficking["id"], "2.1");
    assert_eq!(trafficking["deadline_date"], "2027-12-31");
    let url = trafficking["url"].as_str().unwrap().trim_start_matches('/');
    let page = fs::read_to_string(site.join(url).join("index.html")).unwrap();
    assert!(
        page.contains(arabic_indic),
        "the page shows the deadline as printed"
    );
}
