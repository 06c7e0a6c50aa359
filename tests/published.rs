//! The real site as published under a full address (`--base-url https://example.lv/portals/`):
//! the open data matches its data package, the Excel twins read back to the same values, the
//! measures' funding adds up from the budget, and the sitemap, the feeds and every page's head
//! are what crawlers and feed readers expect. (`scripts/test` also validates the package with
//! the `frictionless` tool.)

use crate::common::repo;
use planportal::output::Site;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const SITE_URL: &str = "https://example.lv/portals/";

/// The real site rendered in memory under [`SITE_URL`], once per test run.
fn published() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut portal = Portal::new(repo());
        portal.load().expect("the real documents load");
        portal
            .render(&RenderOptions {
                base_url: SITE_URL.to_string(),
                theme_dir: None,
            })
            .expect("the real site renders")
    })
}

fn text<'s>(site: &'s Site, path: &str) -> &'s str {
    site.text(path)
        .unwrap_or_else(|| panic!("{path} is missing or not UTF-8"))
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(text(site, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn package() -> Value {
    json(published(), "data/datapackage.json")
}

/// The schema's field names of a resource, in order.
fn field_names(resource: &Value) -> Vec<&str> {
    resource["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect()
}

/// A CSV file's header and rows: `;`-separated after a byte-order mark for an Excel twin.
fn read_csv(site: &Site, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = &site.files[path];
    let (bytes, delimiter) = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => (rest, b';'),
        None => (bytes.as_slice(), b','),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_data_package_describes_every_data_file_with_its_fields() {
    let site = published();
    let package = package();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(package["homepage"], format!("{SITE_URL}dati/"));
    let resources = package["resources"].as_array().unwrap();
    let described: BTreeSet<String> = resources
        .iter()
        .map(|r| format!("data/{}", r["path"].as_str().unwrap()))
        .collect();
    let written: BTreeSet<String> = site
        .files
        .keys()
        .filter(|p| p.starts_with("data/") && *p != "data/datapackage.json")
        .cloned()
        .collect();
    assert_eq!(described, written);
    assert_eq!(resources.len(), 27, "nine tables, three formats each");

    for resource in resources {
        let path = format!("data/{}", resource["path"].as_str().unwrap());
        let fields = field_names(resource);
        assert!(
            resource["schema"]["primaryKey"]
                .as_array()
                .unwrap()
                .iter()
                .all(|k| fields.contains(&k.as_str().unwrap())),
            "{path}: the primary key is made of its fields"
        );
        for f in resource["schema"]["fields"].as_array().unwrap() {
            assert!(
                !f["description"].as_str().unwrap().is_empty(),
                "{path}: {} has a description",
                f["name"]
            );
        }
        if resource["format"] == "json" {
            let expected: BTreeSet<&str> = fields.iter().copied().collect();
            for (i, record) in json(site, &path).as_array().unwrap().iter().enumerate() {
                let keys: BTreeSet<&str> = record
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(keys, expected, "{path} record {i}");
            }
        } else {
            let (header, _) = read_csv(site, &path);
            assert_eq!(header, fields, "{path}");
        }
    }
}

#[test]
fn foreign_keys_mirror_the_sites_links() {
    let package = package();
    let keys: BTreeSet<(String, String, String)> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["format"] == "json")
        .flat_map(|r| {
            let name = r["name"].as_str().unwrap().to_string();
            r["schema"]["foreignKeys"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |k| {
                    (
                        name.clone(),
                        k["fields"].to_string(),
                        k["reference"]["resource"].as_str().unwrap().to_string(),
                    )
                })
        })
        .collect();
    for expected in [
        (
            "measure_institutions-json",
            r#"["institution"]"#,
            "institutions-json",
        ),
        (
            "measure_institutions-json",
            r#"["plan","measure"]"#,
            "measures-json",
        ),
        (
            "budget_measures-json",
            r#"["plan","measure"]"#,
            "measures-json",
        ),
        ("budget_measures-json", r#"["budget_row"]"#, "budget-json"),
        ("indicators-json", r#"["plan","area"]"#, "areas-json"),
        ("measures-json", r#"["plan"]"#, "plans-json"),
    ] {
        let expected = (
            expected.0.to_string(),
            expected.1.to_string(),
            expected.2.to_string(),
        );
        assert!(keys.contains(&expected), "{expected:?} in {keys:#?}");
    }
}

#[test]
fn excel_twins_read_back_to_the_csv_values_with_decimal_commas() {
    let site = published();
    let package = package();
    let mut commas = 0;
    for resource in package["resources"].as_array().unwrap() {
        let Some(twin) = resource["path"]
            .as_str()
            .unwrap()
            .strip_suffix("-excel.csv")
        else {
            continue;
        };
        let twin_path = format!("data/{twin}-excel.csv");
        assert!(
            site.files[&twin_path].starts_with("\u{feff}".as_bytes()),
            "{twin_path} starts with a byte-order mark"
        );
        assert_eq!(resource["dialect"]["delimiter"], ";");
        let (header, rows) = read_csv(site, &twin_path);
        let (csv_header, csv_rows) = read_csv(site, &format!("data/{twin}.csv"));
        assert_eq!(header, csv_header, "{twin_path}");
        assert_eq!(rows.len(), csv_rows.len(), "{twin_path}");
        let numbers: Vec<bool> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["type"] == "number")
            .collect();
        for (row, csv_row) in rows.iter().zip(&csv_rows) {
            for ((cell, csv_cell), &number) in row.iter().zip(csv_row).zip(&numbers) {
                if number && !cell.is_empty() {
                    assert_eq!(cell.replace(',', "."), *csv_cell, "{twin_path}");
                    let value: f64 = csv_cell.parse().unwrap();
                    assert!(value.is_finite());
                    commas += usize::from(cell.contains(','));
                } else {
                    assert_eq!(cell, csv_cell, "{twin_path}");
                }
            }
        }
    }
    assert!(commas > 0, "some amounts have cents, written with a comma");
    // Letters survive: the twin is UTF-8, which the byte-order mark tells Excel.
    let (_, plans) = read_csv(site, "data/plans-excel.csv");
    assert!(plans.iter().any(|p| p[1].contains("noziedzības")));
}

#[test]
fn each_measures_funding_is_the_sum_of_its_budget_lines_by_kind_and_year() {
    let site = published();
    let budget = json(site, "data/budget.json");
    let rows: BTreeMap<u64, &Value> = budget
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r))
        .collect();
    // Sums in cents from the lines each measure record is linked to.
    let mut expected: BTreeMap<(String, String), BTreeMap<(String, String), i64>> = BTreeMap::new();
    let mut within: BTreeSet<(String, String)> = BTreeSet::new();
    for link in json(site, "data/budget_measures.json").as_array().unwrap() {
        let row = rows[&link["budget_row"].as_u64().unwrap()];
        let measure = (
            link["plan"].as_str().unwrap().to_string(),
            link["measure"].as_str().unwrap().to_string(),
        );
        if row["within_budget"] == true {
            within.insert(measure);
            continue;
        }
        let cents = (row["amount"].as_f64().unwrap() * 100.0).round() as i64;
        *expected
            .entry(measure)
            .or_default()
            .entry((row["kind"].to_string(), row["year"].to_string()))
            .or_default() += cents;
    }
    let measures = json(site, "data/measures.json");
    let mut funded = 0;
    for m in measures.as_array().unwrap() {
        let key = (
            m["plan"].as_str().unwrap().to_string(),
            m["id"].as_str().unwrap().to_string(),
        );
        let found: BTreeMap<(String, String), i64> = m["funding"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    (f["kind"].to_string(), f["year"].to_string()),
                    (f["amount"].as_f64().unwrap() * 100.0).round() as i64,
                )
            })
            .collect();
        assert_eq!(
            found,
            expected.get(&key).cloned().unwrap_or_default(),
            "{key:?}"
        );
        assert_eq!(
            m["funding_within_budget"] == true,
            within.contains(&key),
            "{key:?}"
        );
        funded += usize::from(!found.is_empty());
        let plan_title = m["plan_title"].as_str().unwrap();
        assert!(!plan_title.is_empty() && !plan_title.contains("[^"));
        assert!(m["url"].as_str().unwrap().starts_with(SITE_URL));
    }
    // Ten records on 2026-11-30: eight of the organised-crime plan, two trafficking results.
    assert!(funded >= 10, "{funded} measures have funding");
}
