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
                build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
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
    assert_eq!(resources.len(), 30, "ten tables, three formats each");

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

/// The pages of the site: every `index.html` (each page is a folder URL).
fn pages(site: &Site) -> BTreeSet<String> {
    site.files
        .keys()
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_and_every_url_in_it_exists() {
    let site = published();
    let xml = text(site, "sitemap.xml");
    let doc = roxmltree::Document::parse(xml).expect("sitemap.xml is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|url| {
            url.children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|loc| loc.text())
                .expect("every url has a loc")
        })
        .collect();
    let mut listed = BTreeSet::new();
    for loc in &locs {
        let path = loc
            .strip_prefix(SITE_URL)
            .unwrap_or_else(|| panic!("{loc} is not under {SITE_URL}"));
        assert!(
            site.files.contains_key(&format!("{path}index.html")),
            "{loc} names no page"
        );
        listed.insert(path.to_string());
    }
    assert_eq!(locs.len(), listed.len(), "no URL twice");
    assert_eq!(listed, pages(site), "every page is in the sitemap");
    assert!(listed.contains("dati/") && listed.contains(""));
    assert_eq!(
        text(site, "robots.txt")
            .lines()
            .find(|l| l.starts_with("Sitemap:")),
        Some(format!("Sitemap: {SITE_URL}sitemap.xml").as_str())
    );
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// An Atom feed's entries as (id, title, updated), after checking what RFC 4287 requires of
/// the feed and of every entry.
fn atom_entries(site: &Site, path: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(text(site, path)).expect("the feed is XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{path}");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{path}");
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .and_then(|n| n.text())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{path}: <{name}> missing"))
    };
    assert_eq!(child(feed, "id"), format!("{SITE_URL}{path}"));
    assert!(!child(feed, "title").is_empty());
    let updated = child(feed, "updated");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&updated).is_ok(),
        "{updated}"
    );
    assert!(feed.children().any(|n| n.has_tag_name((ATOM, "author"))));
    let self_link = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
        .expect("a self link");
    assert_eq!(
        self_link.attribute("href"),
        Some(child(feed, "id").as_str())
    );
    feed.children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let id = child(entry, "id");
            let link = entry
                .children()
                .find(|n| n.has_tag_name((ATOM, "link")))
                .and_then(|l| l.attribute("href"))
                .expect("an entry link");
            assert_eq!(link, id);
            let page = id.strip_prefix(SITE_URL).expect("under the site");
            assert!(
                site.files.contains_key(&format!("{page}index.html")),
                "{id}"
            );
            assert!(!child(entry, "summary").is_empty());
            (id, child(entry, "title"), child(entry, "updated"))
        })
        .collect()
}

#[test]
fn the_plans_feed_has_every_plan() {
    let site = published();
    let entries = atom_entries(site, "plani/atom.xml");
    let plans = json(site, "data/plans.json");
    let expected: Vec<String> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap().to_string())
        .collect();
    let ids: Vec<String> = entries.into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn the_deadline_feed_has_the_next_deadlines_first() {
    let site = published();
    let entries = atom_entries(site, "termini/atom.xml");
    let measures = json(site, "data/measures.json");
    let dates: BTreeMap<&str, &str> = measures
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| Some((m["url"].as_str()?, m["deadline_date"].as_str()?)))
        .collect();
    assert_eq!(entries.len(), dates.len(), "every measure with a date");
    // The build day is every entry's `updated`.
    let today = &entries[0].2[..10];
    let order: Vec<&str> = entries
        .iter()
        .map(|(id, _, _)| dates[id.as_str()])
        .collect();
    let upcoming = order.iter().take_while(|d| **d >= today).count();
    assert!(
        order[..upcoming].windows(2).all(|w| w[0] <= w[1]),
        "deadlines to come, nearest first"
    );
    assert!(
        order[upcoming..].iter().all(|d| *d < today)
            && order[upcoming..].windows(2).all(|w| w[0] >= w[1]),
        "then passed deadlines, latest first"
    );
    for (id, title, _) in &entries {
        assert!(title.starts_with(dates[id.as_str()]), "{title}");
    }
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> Option<Value> {
    let start = html.find("<script type=\"application/ld+json\">")?;
    let rest = &html[start..];
    let body = &rest[rest.find('>')? + 1..rest.find("</script>")?];
    Some(serde_json::from_str(body).expect("JSON-LD parses"))
}

#[test]
fn every_page_has_a_description_a_canonical_link_and_open_graph_tags() {
    let site = published();
    for folder in pages(site) {
        let html = text(site, &format!("{folder}index.html"));
        let head = &html[..html.find("</head>").unwrap()];
        let canonical = format!("<link rel=\"canonical\" href=\"{SITE_URL}{folder}\">");
        assert!(head.contains(&canonical), "{folder}: {canonical}");
        assert!(
            head.contains(&format!(
                "<meta property=\"og:url\" content=\"{SITE_URL}{folder}\">"
            )),
            "{folder}"
        );
        let description = head
            .split("<meta name=\"description\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{folder}: no meta description"));
        assert!(description.len() > 40, "{folder}: {description}");
        for property in ["og:title", "og:description", "og:type", "og:site_name"] {
            assert!(
                head.contains(&format!("<meta property=\"{property}\" content=\"")),
                "{folder}: {property}"
            );
        }
        assert!(
            head.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
            "{folder}: the feeds"
        );
        // Links between pages are paths: the full address only where a standard wants it.
        let body = &html[html.find("<body>").unwrap()..];
        assert!(
            !body.contains(&format!("=\"{SITE_URL}")),
            "{folder}: a link with the full address"
        );
        assert!(body.contains("href=\"/portals/"), "{folder}");
    }
}

#[test]
fn json_ld_parses_and_has_the_properties_its_type_requires() {
    let site = published();
    let mut types = BTreeMap::new();
    for folder in pages(site) {
        let Some(ld) = json_ld(text(site, &format!("{folder}index.html"))) else {
            continue;
        };
        assert_eq!(ld["@context"], "https://schema.org", "{folder}");
        let kind = ld["@type"].as_str().unwrap().to_string();
        for property in ["name", "description", "url"] {
            assert!(
                ld[property].as_str().is_some_and(|v| !v.is_empty()),
                "{folder}: {kind} without {property}"
            );
        }
        assert_eq!(ld["url"], format!("{SITE_URL}{folder}"), "{folder}");
        *types.entry(kind).or_insert(0) += 1;
    }
    let measures = json(site, "data/measures.json").as_array().unwrap().len();
    assert_eq!(types.get("Action"), Some(&measures), "{types:?}");
    assert_eq!(types.get("WebSite"), Some(&1));
    assert_eq!(types.get("Dataset"), Some(&1));
    assert!(types.get("GovernmentOrganization") > Some(&50), "{types:?}");
    assert_eq!(
        types.get("Report").unwrap_or(&0) + types.get("CreativeWork").unwrap_or(&0),
        5,
        "one per plan"
    );

    // Google's Dataset requirements: name and description; and each file downloadable.
    let dataset = json_ld(text(site, "dati/index.html")).unwrap();
    assert_eq!(
        dataset["license"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    let parts = dataset["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 10, "one per table");
    for part in parts {
        assert!(part["name"].as_str().is_some() && part["description"].as_str().is_some());
        for file in part["distribution"].as_array().unwrap() {
            let url = file["contentUrl"].as_str().unwrap();
            let path = url.strip_prefix(SITE_URL).expect("absolute");
            assert!(site.files.contains_key(path), "{url}");
        }
    }
}

#[test]
fn the_data_page_lists_every_table_with_its_row_count_and_fields() {
    let site = published();
    let html = text(site, "dati/index.html");
    let package = package();
    for resource in package["resources"].as_array().unwrap() {
        let path = resource["path"].as_str().unwrap();
        assert!(
            html.contains(&format!("href=\"/portals/data/{path}\"")),
            "{path} is offered"
        );
        if resource["format"] == "csv" && !path.ends_with("-excel.csv") {
            let table = path.trim_end_matches(".csv");
            let rows = json(site, &format!("data/{table}.json"))
                .as_array()
                .unwrap()
                .len();
            assert!(
                html.contains(&format!("<td class=\"num\">{rows}</td>")),
                "{table}: {rows} rows"
            );
            for field in field_names(resource) {
                assert!(
                    html.contains(&format!("<th scope=\"row\"><code>{field}</code></th>")),
                    "{table}.{field}"
                );
            }
        }
    }
    assert!(html.contains("Creative Commons Attribution 4.0"));
    assert!(html.contains("publiskā sektora informācija"));
    assert!(html.contains(&format!("{SITE_URL}dati/ (skatīts GGGG-MM-DD)")));
}
