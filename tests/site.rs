//! The whole site built from this repository's seeds: measure counts per document, identical
//! output from two builds, and document text escaped on the pages.

use crate::common::{copy_tree, files_under, options, real_site, repo, BASE};
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

#[test]
fn result_plan_records_are_titled_by_their_results_in_data_and_on_pages() {
    let site = &real_site().site;
    let results: Vec<Value> = measures()
        .into_iter()
        .filter(|m| m["plan"] == "cilveku-tirdznieciba-2025-2027")
        .collect();
    assert_eq!(results.len(), 23);
    // Every result has a title of its own, its measure's text as parent title.
    let titles: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 23);
    let result = results.iter().find(|m| m["id"] == "2.2").unwrap();
    assert_eq!(
        result["title"],
        "Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos"
    );
    assert_eq!(result["parent"], "2");
    assert_eq!(
        result["parent_title"],
        "Īstenot informatīvos un izglītojošos pasākumus sabiedrībai kopumā"
    );
    assert!(result["result"].is_null());

    let csv = site.text("data/measures.csv").unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "parent_title").unwrap();
    assert_eq!(header[column - 1], "parent");
    assert!(
        csv.contains(",2.2,2,Īstenot informatīvos un izglītojošos pasākumus sabiedrībai kopumā,")
    );

    let url = result["url"].as_str().unwrap();
    let page = site
        .text(&format!("{}index.html", url.strip_prefix(BASE).unwrap()))
        .unwrap();
    assert!(page.contains(
        "<span class=\"measure-id\">2.2</span> Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos</h1>"
    ));
    assert!(page.contains("Īstenot informatīvos un izglītojošos pasākumus sabiedrībai kopumā"));
}

/// `serve`'s rebuilds: a portal that keeps its extractions re-extracts only the document whose
/// seed changed, and a change to a content file that leaves every seed and plan structure as it
/// was re-extracts none, while both changes reach the published pages.
#[test]
fn an_incremental_rebuild_re_extracts_only_the_changed_document() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    for folder in ["seeds", "content"] {
        copy_tree(&repo().join(folder), &project.join(folder));
    }
    let out = project.join("public");
    let mut portal = Portal::new(&project);
    portal.incremental = true;
    let documents = fs::read_dir(project.join("seeds")).unwrap().count();
    portal.build(&out, &options(BASE)).unwrap();
    assert_eq!(portal.extracted, documents, "the first build extracts all");
    portal.build(&out, &options(BASE)).unwrap();
    assert_eq!(portal.extracted, 0, "nothing changed, nothing extracted");

    let seed = project.join("seeds/000_d0f431797d704579.txt");
    let text = fs::read_to_string(&seed).unwrap();
    let edited = text.replacen(
        "Sagatavota metodoloģija noziedzīgo",
        "Sagatavota jaunā metodoloģija noziedzīgo",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&seed, edited).unwrap();
    portal.build(&out, &options(BASE)).unwrap();
    assert_eq!(portal.extracted, 1, "only the edited seed is extracted");
    let page = out.join("plani/organizeta-noziedziba-2023-2025/pasakumi/1.1/index.html");
    assert!(fs::read_to_string(&page)
        .unwrap()
        .contains("Sagatavota jaunā metodoloģija"));

    let plan = project.join("content/plans/organizeta-noziedziba-2023-2025.md");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replace("Organizētā noziedzība 2023–2025", "Noziedzība 2023–2025"),
    )
    .unwrap();
    portal.build(&out, &options(BASE)).unwrap();
    assert_eq!(
        portal.extracted, 0,
        "a short title is not read by extraction"
    );
    assert!(fs::read_to_string(&page)
        .unwrap()
        .contains("Noziedzība 2023–2025"));

    // The same seed read as another structure is extracted again.
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replace("structure = \"action-plan\"", "structure = \"result-plan\""),
    )
    .unwrap();
    let _ = portal.build(&out, &options(BASE));
    assert_eq!(portal.extracted, 1, "a changed structure re-extracts");
}

/// The page at a link's path ("/portal/plani/x/", or "/plani/x/" from the site's root), as
/// written.
fn page_at(path: &str) -> &'static str {
    let path = path
        .strip_prefix(BASE)
        .unwrap_or(path.trim_start_matches('/'));
    let file = format!("{path}index.html");
    real_site()
        .site
        .text(&file)
        .unwrap_or_else(|| panic!("no page {file}"))
}

#[test]
fn the_2025_trafficking_plan_links_the_programme_it_follows_and_back() {
    let plan = page_at("/plani/cilveku-tirdznieciba-2025-2027/");
    assert!(plan.contains(
        "<dt>Iepriekšējais plāns</dt><dd><a href=\"/portal/plani/cilveku-tirdzniecibas-programma-2009-2013/\">"
    ));
    let programme = page_at("/plani/cilveku-tirdzniecibas-programma-2009-2013/");
    assert!(programme.contains(
        "<dt>Nākamais plāns</dt><dd><a href=\"/portal/plani/cilveku-tirdznieciba-2025-2027/\">"
    ));
    // Plans without a thread show neither.
    let strategy = page_at("/plani/iekslietu-strategija-2023-2027/");
    assert!(!strategy.contains("Iepriekšējais plāns") && !strategy.contains("Nākamais plāns"));
}

#[test]
fn a_measure_page_lists_related_measures_of_other_plans_whose_links_resolve() {
    // Result 9.3, training judges: the cybersecurity plan's training of police, prosecutors
    // and judges, and the 2009–2013 programme's training of law enforcement.
    let page = page_at("/plani/cilveku-tirdznieciba-2025-2027/pasakumi/9.3/");
    let start = page
        .find("<h2 id=\"lidzigi\">Līdzīgi pasākumi citos plānos</h2>")
        .expect("the related measures' heading");
    let section = &page[start..start + page[start..].find("</section>").unwrap()];
    assert!(section.contains("Atlasīti automātiski pēc teksta līdzības"));
    let links: Vec<&str> = section
        .split("<a href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!((1..=5).contains(&links.len()), "{links:?}");
    assert_eq!(
        links[0],
        "/portal/plani/kiberdrosiba-2014-2018/pasakumi/2.4/"
    );
    assert!(
        links.contains(&"/portal/plani/cilveku-tirdzniecibas-programma-2009-2013/pasakumi/13.4/")
    );
    for link in &links {
        assert!(
            !link.contains("/plani/cilveku-tirdznieciba-2025-2027/"),
            "{link}"
        );
        page_at(link);
    }
    // The data says the same, in the same order.
    let data: Vec<Value> =
        serde_json::from_str(real_site().site.text("data/related_measures.json").unwrap()).unwrap();
    let rows: Vec<&Value> = data
        .iter()
        .filter(|r| r["plan"] == "cilveku-tirdznieciba-2025-2027" && r["measure"] == "9.3")
        .collect();
    assert_eq!(rows.len(), links.len());
    assert_eq!(rows[0]["related_measure"], "2.4");
    assert_eq!(rows[0]["rank"], 1);
}

/// The 2009–2013 report's title as its content file gives it (the document prints none).
const REPORT_TITLE: &str =
    "Informatīvais ziņojums par Programmas cilvēku tirdzniecības novēršanai 2009.-2013.gadam izpildi";
/// The programme the report is about, as its abbreviation list names it: what the extractor
/// calls the report without the content file's `title`.
const PROGRAMME: &str = "Programma cilvēku tirdzniecības novēršanai 2009.-2013.gadam";

#[test]
fn a_front_matter_title_names_the_document_on_pages_in_citations_data_feeds_and_diagnostics() {
    let slug = "cilveku-tirdzniecibas-programma-2009-2013";
    let plan = page_at(&format!("/plani/{slug}/"));
    assert!(plan.contains(&format!("<title>{REPORT_TITLE} — ")));
    assert!(plan.contains(&format!("<h1>{REPORT_TITLE}</h1>")));
    assert!(plan.contains(&format!("<dt>Dokuments</dt><dd>{REPORT_TITLE} (")));
    let source = page_at("/avoti/003_813af1619364791d/");
    assert!(source.contains(&format!("<h1>{REPORT_TITLE}</h1>")));

    let measure = measures()
        .into_iter()
        .find(|m| m["plan"] == slug && m["id"] == "10.1.1")
        .expect("measure 10.1.1 of the 2009–2013 report");
    assert_eq!(measure["source_title"], REPORT_TITLE);
    assert_eq!(measure["plan_title"], REPORT_TITLE);
    let page = page_at(measure["url"].as_str().unwrap());
    assert!(page.contains(&format!(
        "<p id=\"citation-text\" class=\"citation-text\">{REPORT_TITLE}, pasākums 10.1.1 "
    )));

    let plans: Vec<Value> =
        serde_json::from_str(real_site().site.text("data/plans.json").unwrap()).unwrap();
    let entry = plans.iter().find(|p| p["slug"] == slug).unwrap();
    assert_eq!(entry["title"], REPORT_TITLE);
    assert_eq!(
        entry["short_title"],
        "Cilvēku tirdzniecība 2009–2013: izpilde"
    );
    // The plans feed (written only under an absolute base URL) titles each entry as
    // data/plans.json does: see `published::the_plans_feed_has_every_plan`.
    let report = real_site().portal.diagnostic_report();
    assert!(
        report.contains(&format!(
            "seeds/003_813af1619364791d.txt — {REPORT_TITLE} (content/plans/{slug}.md)"
        )),
        "{report:#?}"
    );

    // The programme keeps its own name where the report's text refers to it.
    for page in [plan, source] {
        assert!(!page.contains(&format!("<h1>{PROGRAMME}")));
    }
    assert!(page_at("/saisinajumi/").contains(PROGRAMME));
}

#[test]
fn without_a_front_matter_title_the_report_is_named_as_its_extractor_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("seeds"), &tmp.path().join("seeds"));
    copy_tree(&repo().join("content"), &tmp.path().join("content"));
    let file = tmp
        .path()
        .join("content/plans/cilveku-tirdzniecibas-programma-2009-2013.md");
    let text = fs::read_to_string(&file).unwrap();
    let line = format!("title = \"{REPORT_TITLE}\"\n");
    assert!(text.contains(&line));
    fs::write(&file, text.replace(&line, "")).unwrap();

    let mut portal = Portal::new(tmp.path());
    portal.load().unwrap();
    let plan = portal
        .library
        .plans
        .iter()
        .find(|p| p.source == "003_813af1619364791d.txt")
        .unwrap();
    assert_eq!(plan.document_title(), PROGRAMME);
}
