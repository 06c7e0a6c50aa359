//! Budget pages and data built from this repository's seeds: every programme has a page, amounts
//! are shown the Latvian way, the data adds up to the printed totals, and `check` reports the
//! trafficking plan's known disagreements with file:line.

use crate::common::repo;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use planportal::resolve::urls;
use serde_json::Value;
use std::collections::BTreeSet;

fn site() -> (Portal, planportal::output::Site) {
    let mut portal = Portal::new(repo());
    portal.load().unwrap();
    let site = portal
        .render(&RenderOptions {
            base_url: "/".to_string(),
            theme_dir: None,
        })
        .unwrap();
    (portal, site)
}

#[test]
fn every_programme_of_the_budget_data_has_a_page_naming_its_measures() {
    let (_, site) = site();
    let records: Value = serde_json::from_str(site.text("data/budget.json").unwrap()).unwrap();
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 44);
    let codes: BTreeSet<&str> = records
        .iter()
        .map(|r| r["program_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 9);
    for code in codes {
        let page = site
            .text(&format!("{}index.html", urls::programme(code)))
            .unwrap_or_else(|| panic!("no page for programme {code}"));
        assert!(page.contains(code));
    }
    let police = site
        .text(&format!("{}index.html", urls::programme("06.01.00")))
        .unwrap();
    for measure in ["1.8", "1.9", "1.10", "1.11"] {
        assert!(
            police.contains(&format!("pasakumi/{measure}/\">{measure}</a>")),
            "06.01.00 page lacks measure {measure}"
        );
    }
    assert!(police.contains("724\u{a0}526\u{a0}€"));
}

#[test]
fn plan_overviews_show_latvian_amounts_and_agree_with_the_printed_totals() {
    let (_, site) = site();
    let crime = site
        .text(&format!(
            "{}index.html",
            urls::plan_budget("organizeta-noziedziba-2023-2025")
        ))
        .unwrap();
    assert!(crime.contains("1\u{a0}007\u{a0}141\u{a0}€"));
    assert!(crime.contains("Rindu summas sakrīt ar dokumentā norādīto kopsummu."));
    assert!(crime.contains("<svg class=\"chart\" role=\"img\""));
    let trafficking = site
        .text(&format!(
            "{}index.html",
            urls::plan_budget("cilveku-tirdznieciba-2025-2027")
        ))
        .unwrap();
    assert!(trafficking.contains("101\u{a0}898,68\u{a0}€"));
    assert!(trafficking.contains("neko nemaksā"));
    let ministry = site
        .text(&format!(
            "{}index.html",
            urls::ministry("iekslietu-ministrija")
        ))
        .unwrap();
    assert!(ministry.contains("06.01.00 Valsts policija"));
}

#[test]
fn check_reports_the_trafficking_plans_disagreements_and_nothing_for_the_others() {
    let (portal, _) = site();
    let budget: Vec<String> = portal
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("budget"))
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect();
    assert_eq!(
        budget,
        [
            "002_5ef2c56a3aa0266d.txt:486",
            "002_5ef2c56a3aa0266d.txt:542"
        ]
    );
}
