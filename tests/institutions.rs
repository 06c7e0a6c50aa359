//! Institution identity on the real site: one code meaning two bodies in two documents is two
//! institutions, one body written two ways is one, groups are never counted as institutions,
//! and an institution page lists its subordinate bodies' measures apart from its own.

use crate::common::real_site;
use planportal::diagnostics::Severity;
use planportal::resolve::urls;
use serde_json::Value;

fn institutions() -> Vec<Value> {
    let text = real_site().site.text("data/institutions.json").unwrap();
    serde_json::from_str(text).unwrap()
}

fn page(url: &str) -> &'static str {
    let path = format!("{url}index.html");
    real_site()
        .site
        .text(&path)
        .unwrap_or_else(|| panic!("no page {path}"))
}

#[test]
fn nva_is_two_institutions_and_check_notes_it_once() {
    let records = institutions();
    let nva: Vec<(&str, &str, &str)> = records
        .iter()
        .filter(|r| r["code"] == "NVA")
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["parent"].as_str().unwrap(),
                r["documents"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        nva,
        [
            (
                "Nodarbinātības valsts aģentūra",
                "LM",
                "cilveku-tirdzniecibas-programma-2009-2013"
            ),
            (
                "Nodrošinājuma valsts aģentūra",
                "IeM",
                "iekslietu-strategija-2023-2027"
            ),
        ]
    );
    let strategy_agency = records
        .iter()
        .find(|r| r["name"] == "Nodrošinājuma valsts aģentūra")
        .unwrap();
    let tasks = strategy_agency["responsible"].as_array().unwrap().len()
        + strategy_agency["involved"].as_array().unwrap().len();
    assert_eq!(tasks, 28, "all 28 strategy tasks go to the interior agency");
    let notes: Vec<String> = real_site()
        .portal
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(
        notes[0].starts_with("seeds/003_813af1619364791d.txt:63: note: NVA means 2 institutions")
    );
    let task = page(&urls::measure("iekslietu-strategija-2023-2027", "2.1.1"));
    assert!(task.contains("iestades/nva-nodrosinajuma-valsts-agentura/\">NVA</a>"));
    let glossary = page(urls::GLOSSARY);
    assert!(glossary.contains("iestades/nva-nodarbinatibas-valsts-agentura/"));
}

#[test]
fn groups_are_listed_apart_and_never_counted_as_institutions() {
    let records = institutions();
    let count = |kind: &str| records.iter().filter(|r| r["kind"] == kind).count();
    let (bodies, groups) = (count("institution"), count("group"));
    assert_eq!(bodies + groups, records.len());
    let group_names: Vec<&str> = records
        .iter()
        .filter(|r| r["kind"] == "group")
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    for phrase in [
        "Pašvaldības",
        "Citas iesaistītās institūcijas",
        "Nozares asociācijas",
        "Augstskolas",
        "Valsts pārvaldes un to pakļautībā esošās iestādes",
        "NKIM TAI Vadības grupā pārstāvētās institūcijas",
    ] {
        assert!(group_names.contains(&phrase), "{phrase} in {group_names:?}");
    }
    assert!(records
        .iter()
        .filter(|r| r["kind"] == "institution")
        .all(|r| !group_names.contains(&r["code"].as_str().unwrap())));
    let home = page("");
    assert!(
        home.contains(&format!("{bodies} iestādes")),
        "the home page counts institutions only"
    );
    let index = page(urls::INSTITUTIONS);
    assert!(index.contains(&format!(
        "minētas kā atbildīgās, līdzatbildīgās vai iesaistītās: {bodies}."
    )));
    let group = page(&urls::group("pasvaldibas"));
    assert!(group.contains("nevis viena iestāde"));
}

#[test]
fn one_body_written_two_ways_is_one_institution() {
    let records = institutions();
    let codes: Vec<&str> = records
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    for merged in ["VSC", "Latvijas Pašvaldību savienība"] {
        assert!(!codes.contains(&merged), "{merged} has a page of its own");
    }
    let lps = records.iter().find(|r| r["code"] == "LPS").unwrap();
    assert_eq!(lps["name"], "Latvijas Pašvaldību savienība");
    assert_eq!(lps["documents"].as_array().unwrap().len(), 2);
    let vsc = records.iter().find(|r| r["code"] == "IeM VSC").unwrap();
    assert_eq!(vsc["aliases"][0], "VSC");
}

#[test]
fn the_interior_ministry_page_lists_its_subordinate_bodies_measures_apart() {
    let iem = page(&urls::institution("iem"));
    let own = iem.split("id=\"padotibas\"").next().unwrap();
    let below = iem
        .split("id=\"padotibas\"")
        .nth(1)
        .expect("a section of subordinate bodies' measures");
    for body in [
        "vugd",
        "idb",
        "nva-nodrosinajuma-valsts-agentura",
        "vp",
        "vrs",
    ] {
        assert!(
            own.contains(&format!("iestades/{body}/")),
            "{body} is listed as subordinate"
        );
    }
    // Strategy task 1.1.1 names VP alone: not IeM's own, but its system's.
    let task = "plani/iekslietu-strategija-2023-2027/pasakumi/1.1.1/";
    assert!(below.contains(task));
    assert!(!own.contains(task));
    let justice = page(&urls::institution("tm"));
    for body in ["ievp", "vteb"] {
        assert!(
            justice.contains(&format!("iestades/{body}/")),
            "{body} under TM"
        );
    }
}
