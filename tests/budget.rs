//! Budget pages and data built from this repository's seeds: every programme has a page, amounts
//! are shown the Latvian way, the data adds up to the printed totals, and `check` reports the
//! trafficking plan's known disagreements with file:line.

use crate::common::real_site;
use planportal::output::Site;
use planportal::portal::Portal;
use planportal::resolve::urls;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::LazyLock;

fn site() -> (&'static Portal, &'static Site) {
    let real = real_site();
    (&real.portal, &real.site)
}

#[test]
fn every_programme_of_the_budget_data_has_a_page_naming_its_measures() {
    let (_, site) = site();
    let records: Value = serde_json::from_str(site.text("data/budget.json").unwrap()).unwrap();
    let records = records.as_array().unwrap();
    let (within, funded): (Vec<&Value>, Vec<&Value>) =
        records.iter().partition(|r| r["within_budget"] == true);
    assert_eq!(funded.len(), 44);
    let codes: BTreeSet<&str> = funded
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
    // The trafficking plan's 21 "budžeta ietvaros" rows, one record per programme they name,
    // without an amount and with the programme pages listing them.
    assert_eq!(within.len(), 29);
    for record in &within {
        assert_eq!(record["plan"], "cilveku-tirdznieciba-2025-2027");
        assert_eq!(record["kind"], "planned");
        assert!(record["amount"].is_null() && record["year"].is_null());
        let code = record["program_code"].as_str().unwrap();
        let page = site
            .text(&format!("{}index.html", urls::programme(code)))
            .unwrap_or_else(|| panic!("no page for programme {code}"));
        assert!(page.contains("Pasākumi budžeta ietvaros"), "{code}");
    }
    assert!(funded.iter().all(|r| r["within_budget"] == false));
}

/// The body rows of the table whose caption ends with `caption_end`, each row's cell texts
/// with no-break spaces shown as spaces.
fn table_rows(html: &str, caption_end: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("{caption_end}</caption>"))
        .unwrap_or_else(|| panic!("no table captioned …{caption_end:?}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    static CELL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<t[hd][^>]*>(.*?)</t[hd]>").unwrap());
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());
    let (cell, tag) = (&*CELL, &*TAG);
    body.split("<tr")
        .skip(1)
        .map(|row| {
            cell.captures_iter(row)
                .map(|c| tag.replace_all(&c[1], "").trim().replace('\u{a0}', " "))
                .collect()
        })
        .collect()
}

#[test]
fn overview_totals_tables_show_the_documents_figures() {
    let (_, site) = site();
    let overview = |slug: &str| {
        site.text(&format!("{}index.html", urls::plan_budget(slug)))
            .unwrap()
    };
    let crime = table_rows(
        overview("organizeta-noziedziba-2023-2025"),
        ": finansējums kopā pa gadiem",
    );
    let expected = [
        ("Plānotais finansējums, 2023", "934 766 €"),
        ("Plānotais finansējums, 2024", "1 007 141 €"),
        ("Plānotais finansējums, 2025", "110 300 €"),
        ("Papildu finansējums, 2025", "3 800 586 €"),
        ("Papildu finansējums, 2026", "2 800 226 €"),
        ("Papildu finansējums, 2027", "918 226 €"),
        ("Papildu finansējums, turpmāk ik gadu", "735 026 €"),
    ];
    // Each row: the column, the sum of the lines, the document's printed total (equal).
    let expected: Vec<Vec<String>> = expected
        .iter()
        .map(|(column, amount)| vec![column.to_string(), amount.to_string(), amount.to_string()])
        .collect();
    assert_eq!(crime, expected);
    let trafficking = table_rows(
        overview("cilveku-tirdznieciba-2025-2027"),
        ": finansējums kopā pa gadiem",
    );
    assert_eq!(
        trafficking,
        [[
            "Plānotais finansējums, 2025",
            "101 898,68 €",
            "101 898,68 €"
        ]]
    );
}

#[test]
fn detailed_calculations_are_shown_under_the_lines_they_explain() {
    let (portal, site) = site();
    let trafficking = portal
        .library
        .plans
        .iter()
        .find(|p| p.slug == "cilveku-tirdznieciba-2025-2027")
        .unwrap();
    let notes: Vec<(&str, &str)> = trafficking
        .budget
        .lines
        .iter()
        .filter_map(|l| Some((l.programme.code.as_str(), l.note.as_deref()?)))
        .collect();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].0, "05.01.00");
    assert!(notes[0]
        .1
        .starts_with("Detalizēts aprēķins: summa paredzēta iepirkuma"));
    assert_eq!(notes[1].0, "63.08.00");
    assert!(notes[1]
        .1
        .starts_with("Detalizēts aprēķins: Finansējums paredzēts tikai 2025."));
    let programme = site
        .text(&format!("{}index.html", urls::programme("05.01.00")))
        .unwrap();
    assert!(programme.contains("<tr class=\"funding-note\"><td colspan=\"3\">Detalizēts aprēķins: summa paredzēta iepirkuma"));
    let measure = site
        .text(&format!(
            "{}index.html",
            urls::measure("cilveku-tirdznieciba-2025-2027", "7.1")
        ))
        .unwrap();
    assert!(measure.contains(">Detalizēts aprēķins: Finansējums paredzēts tikai 2025."));
    // The organised-crime plan's table has no such rows.
    let crime = portal
        .library
        .plans
        .iter()
        .find(|p| p.slug == "organizeta-noziedziba-2023-2025")
        .unwrap();
    assert!(crime.budget.lines.iter().all(|l| l.note.is_none()));
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
            "seeds/002_5ef2c56a3aa0266d.txt:486",
            "seeds/002_5ef2c56a3aa0266d.txt:542"
        ]
    );
}
