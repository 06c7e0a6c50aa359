//! What a page's `<head>` tells search engines, link previews and feed readers: the meta
//! description, the canonical link and Open Graph tags, the feeds, and schema.org JSON-LD.
//!
//! Canonical links and `og:url` must be absolute, so they are written only when the site is
//! built with its full address ([`super::RenderOptions::site_url`]); the description, the
//! other Open Graph tags and JSON-LD are on every page. JSON-LD sits in a
//! `<script type="application/ld+json">`: a data block, which browsers never run, so the
//! Content-Security-Policy (`script-src 'self'`) does not apply to it.

use super::datapackage::{Format, Package};
use super::views::changes;
use super::views::{PageHead, SITE_NAME};
use crate::content::{Content, DataSettings};
use crate::model::{Measure, Plan, Status};
use crate::resolve::{urls, Entity, Institution, Library, Role};
use crate::search::documents::plan_label;
use crate::text::strip_footnote_markers;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The longest description search engines show, roughly; longer text is cut at a word.
const DESCRIPTION_CHARS: usize = 200;

/// One page's head metadata, as `base.html` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub description: String,
    /// The page's absolute address (canonical link, `og:url`), with a full base URL only.
    pub canonical: Option<String>,
    /// `og:type`: "website" for the home page, "article" for the others.
    pub og_type: &'static str,
    /// The feeds for `<link rel="alternate">`, when they are written.
    pub feeds: Vec<FeedLink>,
    /// The JSON-LD, escaped for a `<script>` element; empty for none.
    pub json_ld: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: &'static str,
    pub url: String,
}

/// What a page is about, when it has a JSON-LD type of its own; other pages (lists, years,
/// search, editorial pages) are described from their title and breadcrumbs.
enum Subject<'a> {
    Home,
    /// A plan, with the short title the portal shows.
    Plan(&'a Plan, String),
    /// A measure of the plan with this slug.
    Measure(&'a str, &'a Measure, String),
    Institution(&'a Institution),
    /// The "Dati" page: the Dataset and its files.
    Data(Value),
    /// A changes page: the description says what changed (`super::views::changes`).
    Changes(String),
}

/// Builds every page's [`PageMeta`] for one site.
pub struct MetaBuilder<'a> {
    library: &'a Library,
    /// Link prefix ("/portal/").
    prefix: &'a str,
    /// The full address, when known.
    site_url: Option<&'a str>,
    /// The subject of each page that has one, by the page's output path: found from the
    /// model through [`urls`], the pages' own addresses, so a page's metadata never depends on
    /// how its view was built.
    subjects: BTreeMap<String, Subject<'a>>,
    /// Whether some plan has more than one edition (its changes feed is written), known once
    /// rather than looked up for every page.
    has_changes: bool,
}

impl<'a> MetaBuilder<'a> {
    pub fn new(
        library: &'a Library,
        content: &Content,
        package: &Package,
        prefix: &'a str,
        site_url: Option<&'a str>,
    ) -> MetaBuilder<'a> {
        let mut builder = MetaBuilder {
            library,
            prefix,
            site_url,
            subjects: BTreeMap::new(),
            has_changes: changes::with_editions(library).next().is_some(),
        };
        let page = |url: &str| format!("{url}index.html");
        let mut subjects = BTreeMap::new();
        subjects.insert(page(""), Subject::Home);
        for plan in &library.plans {
            let label = strip_footnote_markers(&plan_label(plan, content));
            for measure in &plan.measures {
                subjects.insert(
                    page(&urls::measure(&plan.slug, &measure.id)),
                    Subject::Measure(&plan.slug, measure, label.clone()),
                );
            }
            subjects.insert(page(&urls::plan(&plan.slug)), Subject::Plan(plan, label));
        }
        for institution in &library.institutions {
            subjects.insert(
                page(&urls::institution(&institution.slug)),
                Subject::Institution(institution),
            );
        }
        for (description, url) in changes::descriptions(library, content) {
            subjects.insert(page(&url), Subject::Changes(description));
        }
        subjects.insert(
            page(urls::DATA_PAGE),
            Subject::Data(dataset(&builder, &content.data, package)),
        );
        builder.subjects = subjects;
        builder
    }

    /// The metadata of the page written to `path` ("plani/x/index.html").
    pub fn page(&self, path: &str, head: &PageHead) -> PageMeta {
        let folder = path.strip_suffix("index.html").unwrap_or(path);
        // The 404 page answers for any missing address: it has no address of its own.
        let canonical = self
            .site_url
            .filter(|_| path.ends_with("index.html"))
            .map(|site| format!("{site}{folder}"));
        let url = canonical
            .clone()
            .unwrap_or_else(|| format!("{}{folder}", self.prefix));
        let (description, json_ld) = match self.subjects.get(path) {
            None => (generic_description(head), None),
            Some(Subject::Home) => {
                let library = self.library;
                let measures: usize = library.plans.iter().map(|p| p.measures.len()).sum();
                let description = format!(
                    "Latvijas politikas plānu pasākumi ar atbildīgajām iestādēm, termiņiem, \
                     izpildes statusu un finansējumu: {} plāni, {measures} pasākumi, {} iestādes \
                     un atvērtie dati.",
                    library.plans.len(),
                    library.institutions.len()
                );
                let ld = json!({
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": SITE_NAME,
                    "description": description,
                    "url": url,
                    "inLanguage": "lv",
                });
                (description, Some(ld))
            }
            Some(Subject::Plan(plan, label)) => plan_meta(plan, label, &url),
            Some(Subject::Measure(plan, measure, label)) => {
                measure_meta(plan, measure, label, &url, self)
            }
            Some(Subject::Institution(institution)) => institution_meta(institution, &url, self),
            Some(Subject::Changes(description)) => (description.clone(), None),
            Some(Subject::Data(ld)) => (
                ld["description"].as_str().unwrap_or_default().to_string(),
                Some(ld.clone()),
            ),
        };
        let mut feeds = match self.site_url {
            Some(_) => vec![
                FeedLink {
                    title: "Plāni (Atom)",
                    url: format!("{}{}", self.prefix, urls::PLANS_FEED),
                },
                FeedLink {
                    title: "Pasākumu termiņi (Atom)",
                    url: format!("{}{}", self.prefix, urls::DEADLINES_FEED),
                },
            ],
            None => Vec::new(),
        };
        // Written when some plan has more than one edition (`feeds::write_changes`).
        if !feeds.is_empty() && self.has_changes {
            feeds.push(FeedLink {
                title: "Izmaiņas plānos (Atom)",
                url: format!("{}{}", self.prefix, urls::CHANGES_FEED),
            });
        }
        PageMeta {
            description: shorten(&description),
            og_type: if folder.is_empty() {
                "website"
            } else {
                "article"
            },
            canonical,
            feeds,
            json_ld: json_ld.map(|ld| script_safe(&ld)).unwrap_or_default(),
        }
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site_url.unwrap_or(self.prefix))
    }
}

/// "Title (Sākums › Plāni › …). Politikas plānu portāls: …" for pages without a subject.
fn generic_description(head: &PageHead) -> String {
    let trail: Vec<&str> = head
        .breadcrumbs
        .iter()
        .skip(1)
        .map(|c| c.text.as_str())
        .collect();
    let place = if trail.is_empty() {
        String::new()
    } else {
        format!(" ({})", trail.join(" › "))
    };
    format!(
        "{}{place}. {SITE_NAME}: politikas plānu pasākumi, iestādes, termiņi un finansējums \
         no plānu dokumentiem.",
        head.title
    )
}

/// A plan: a report (it reports each measure's status) or a policy planning document.
fn plan_meta(plan: &Plan, label: &str, url: &str) -> (String, Option<Value>) {
    let title = strip_footnote_markers(&plan.title);
    let description = format!(
        "{label}: {} pasākumi ar atbildīgajām iestādēm un termiņiem{}, iegūti no dokumenta \
         \"{title}\".",
        plan.measures.len(),
        if plan.reports_status {
            " un izpildes statusu"
        } else {
            ""
        }
    );
    let ld = json!({
        "@context": "https://schema.org",
        "@type": if plan.reports_status { "Report" } else { "CreativeWork" },
        "name": title,
        "alternateName": label,
        "description": description,
        "url": url,
        "inLanguage": "lv",
        "genre": if plan.reports_status {
            "politikas plāna izpildes ziņojums"
        } else {
            "politikas plānošanas dokuments"
        },
    });
    (description, Some(ld))
}

/// A measure: an `Action` its responsible institutions perform by its deadline.
fn measure_meta(
    plan: &str,
    measure: &Measure,
    label: &str,
    url: &str,
    builder: &MetaBuilder,
) -> (String, Option<Value>) {
    let title = strip_footnote_markers(&measure.title);
    let mut description = format!("{label} {}: {title}", measure.id);
    let deadline = strip_footnote_markers(&measure.deadline.raw);
    if !deadline.is_empty() {
        description.push_str(&format!(" Termiņš: {deadline}."));
    }
    // The institutions and groups the role's cell names ("IeM (VP)" → IeM, VP), as resolved
    // for the measure's page, with their names and pages; an entry naming none, as printed.
    let organisations = |roles: &[Role]| -> Vec<Value> {
        let library = builder.library;
        roles
            .iter()
            .flat_map(|&role| library.measure_cell(plan, &measure.id, role))
            .flat_map(|entry| {
                let named: Vec<Value> = entry
                    .entities()
                    .map(|entity| {
                        let (code, name) = library.label(entity);
                        let kind = match entity {
                            Entity::Institution(_) => "GovernmentOrganization",
                            Entity::Group(_) => "Organization",
                        };
                        json!({
                            "@type": kind,
                            "name": name.unwrap_or_else(|| code.clone()),
                            "alternateName": code,
                            "url": builder.absolute(&library.url(entity)),
                        })
                    })
                    .collect();
                if named.is_empty() {
                    let name = strip_footnote_markers(&entry.text());
                    vec![json!({"@type": "Organization", "name": name})]
                } else {
                    named
                }
            })
            .collect()
    };
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Action",
        "name": format!("{} {}", measure.id, shorten(&title)),
        "identifier": measure.id,
        "description": title,
        "url": url,
        "agent": organisations(&[Role::Responsible]),
        "participant": organisations(&[Role::CoResponsible, Role::Involved]),
    });
    if let Some(date) = measure.deadline.date() {
        ld["endTime"] = json!(date.to_string());
    }
    if let Some(status) = measure.status.and_then(action_status) {
        ld["actionStatus"] = json!(status);
    }
    (description, Some(ld))
}

/// schema.org's `ActionStatusType` of a status; none for "zaudējis aktualitāti", which is
/// neither done nor failed.
fn action_status(status: Status) -> Option<&'static str> {
    match status {
        Status::Done => Some("https://schema.org/CompletedActionStatus"),
        Status::InProgress | Status::PartlyDone => Some("https://schema.org/ActiveActionStatus"),
        Status::NotStarted => Some("https://schema.org/PotentialActionStatus"),
        Status::NotDone => Some("https://schema.org/FailedActionStatus"),
        Status::Obsolete => None,
    }
}

/// An institution: a `GovernmentOrganization`, with its parent's page.
fn institution_meta(
    institution: &Institution,
    url: &str,
    builder: &MetaBuilder,
) -> (String, Option<Value>) {
    let name = institution.name.as_deref().unwrap_or(&institution.code);
    let description = format!(
        "{name} ({}): {} pasākumi politikas plānos, kuros iestāde ir atbildīgā, līdzatbildīgā \
         vai iesaistītā.",
        institution.code,
        institution.measures.len()
    );
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": name,
        "alternateName": institution.code,
        "description": description,
        "url": url,
    });
    if let Some(parent) = institution
        .parent
        .as_deref()
        .and_then(|slug| builder.library.institution(slug))
    {
        ld["parentOrganization"] = json!({
            "@type": "GovernmentOrganization",
            "name": parent.name.as_deref().unwrap_or(&parent.code),
            "url": builder.absolute(&urls::institution(&parent.slug)),
        });
    }
    (description, Some(ld))
}

/// The Dataset of the "Dati" page: the whole open data, with each table a Dataset of its own
/// whose distributions are its three files.
fn dataset(builder: &MetaBuilder, settings: &DataSettings, package: &Package) -> Value {
    let license = settings.license_url.clone();
    let publisher = json!({"@type": "Organization", "name": settings.publisher});
    let has_part: Vec<Value> = package
        .resources
        .iter()
        .filter(|r| r.format == Format::Json)
        .map(|json| {
            let table = json.table;
            let files: Vec<Value> = Format::ALL
                .iter()
                .map(|format| {
                    json!({
                        "@type": "DataDownload",
                        "name": format.file(table.name),
                        "encodingFormat": match format {
                            Format::Json => "application/json",
                            Format::Csv | Format::Excel => "text/csv",
                        },
                        "contentUrl": builder.absolute(&format!("{}{}", urls::DATA, format.file(table.name))),
                    })
                })
                .collect();
            json!({
                "@type": "Dataset",
                "name": format!("{SITE_NAME}: {}", table.title.to_lowercase()),
                "description": table.description,
                "license": license,
                "isAccessibleForFree": true,
                "distribution": files,
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{SITE_NAME}: atvērtie dati"),
        "description": "Latvijas politikas plānošanas dokumentu pasākumi, atbildīgās iestādes, \
                        termiņi, izpildes statuss, budžeta ietekme un rādītāji, iegūti no \
                        dokumentu tekstiem: JSON un CSV faili ar Frictionless datu paketes \
                        aprakstu.",
        "url": builder.absolute(urls::DATA_PAGE),
        "license": license,
        "isAccessibleForFree": true,
        "inLanguage": "lv",
        "creator": publisher.clone(),
        "publisher": publisher,
        "distribution": [{
            "@type": "DataDownload",
            "name": "datapackage.json",
            "encodingFormat": "application/json",
            "contentUrl": builder.absolute(&format!("{}datapackage.json", urls::DATA)),
        }],
        "hasPart": has_part,
    })
}

/// Text cut at a word to about [`DESCRIPTION_CHARS`] characters, with "…" when cut.
fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text;
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.']))
}

/// JSON for a `<script>` element: `<`, `>` and `&` as JSON escapes, so no text of a document
/// can close the element (`</script>`) or open a comment.
fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deadline;
    use crate::render::views::Link;

    fn head(title: &str) -> PageHead {
        PageHead {
            title: title.to_string(),
            crumb: title.to_string(),
            breadcrumbs: vec![
                Link {
                    text: "Sākums".into(),
                    url: "/".into(),
                },
                Link {
                    text: "Termiņi".into(),
                    url: "/termini/".into(),
                },
            ],
            section: "",
        }
    }

    fn library() -> Library {
        let measure = Measure {
            id: "1.2".into(),
            title: "Izveidot </script><b>sistēmu</b>[^4] & uzturēt".into(),
            responsible: vec!["VP".into()],
            involved: vec!["IeM (VP)".into(), "Pašvaldības".into()],
            deadline: Deadline::parse("2025. gada 30. jūnijs"),
            status: Some(Status::InProgress),
            ..Measure::default()
        };
        let plan = Plan {
            slug: "x".into(),
            title: "Plāns".into(),
            measures: vec![measure],
            abbreviations: ["IeM Iekšlietu ministrija", "VP Valsts policija"]
                .iter()
                .map(|a| {
                    let (code, name) = a.split_once(' ').unwrap();
                    crate::model::Abbreviation {
                        code: code.into(),
                        name: name.into(),
                        line: 1,
                    }
                })
                .collect(),
            ..Plan::default()
        };
        crate::resolve::resolve(vec![plan], Vec::new(), &Content::default()).0
    }

    fn builder<'a>(library: &'a Library, site_url: Option<&'a str>) -> MetaBuilder<'a> {
        let package = Package {
            resources: Vec::new(),
        };
        MetaBuilder::new(library, &Content::default(), &package, "/p/", site_url)
    }

    #[test]
    fn canonical_links_and_feeds_need_the_full_address() {
        let library = library();
        let full = builder(&library, Some("https://example.lv/p/"));
        let meta = full.page("termini/2025/index.html", &head("2025"));
        assert_eq!(
            meta.canonical.as_deref(),
            Some("https://example.lv/p/termini/2025/")
        );
        assert_eq!(meta.feeds[1].url, "/p/termini/atom.xml");
        assert_eq!(meta.og_type, "article");
        assert!(meta
            .description
            .starts_with("2025 (Termiņi). Politikas plānu portāls:"));
        assert!(meta.json_ld.is_empty(), "a list page has no subject");
        let path_only = builder(&library, None);
        assert_eq!(full.page("404.html", &head("Nav")).canonical, None);
        let meta = path_only.page("index.html", &head("Sākums"));
        assert_eq!(meta.canonical, None);
        assert!(meta.feeds.is_empty());
        assert_eq!(meta.og_type, "website");
        let ld: Value = serde_json::from_str(&meta.json_ld).unwrap();
        assert_eq!(ld["@type"], "WebSite");
        assert_eq!(ld["url"], "/p/", "a path without the full address");
    }

    #[test]
    fn a_measure_is_an_action_of_its_institutions_by_its_deadline() {
        let library = library();
        let full = builder(&library, Some("https://example.lv/p/"));
        let meta = full.page("plani/x/pasakumi/1.2/index.html", &head("1.2"));
        assert!(!meta.json_ld.contains('<') && !meta.json_ld.contains('&'));
        let ld: Value = serde_json::from_str(&meta.json_ld).unwrap();
        assert_eq!(ld["@type"], "Action");
        assert_eq!(ld["url"], "https://example.lv/p/plani/x/pasakumi/1.2/");
        assert_eq!(
            ld["description"],
            "Izveidot </script><b>sistēmu</b> & uzturēt"
        );
        assert_eq!(
            ld["agent"],
            json!([{"@type": "GovernmentOrganization", "name": "Valsts policija",
                    "alternateName": "VP", "url": "https://example.lv/p/iestades/vp/"}])
        );
        let participants: Vec<&str> = ld["participant"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            participants,
            ["Iekšlietu ministrija", "Valsts policija", "Pašvaldības"]
        );
        assert_eq!(ld["endTime"], "2025-06-30");
        assert_eq!(ld["actionStatus"], "https://schema.org/ActiveActionStatus");
        assert!(meta.description.starts_with("Plāns 1.2: Izveidot"));
        assert!(meta
            .description
            .ends_with("Termiņš: 2025. gada 30. jūnijs."));

        let plan: Value =
            serde_json::from_str(&full.page("plani/x/index.html", &head("Plāns")).json_ld).unwrap();
        assert_eq!(plan["@type"], "CreativeWork");
        let vp: Value =
            serde_json::from_str(&full.page("iestades/vp/index.html", &head("VP")).json_ld)
                .unwrap();
        assert_eq!(vp["@type"], "GovernmentOrganization");
        assert_eq!(vp["parentOrganization"]["name"], "Iekšlietu ministrija");
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let long = "vārds ".repeat(100);
        let short = shorten(&long);
        assert!(short.chars().count() <= DESCRIPTION_CHARS + 1);
        assert!(short.ends_with("vārds…"), "{short}");
        assert_eq!(shorten("  a \n b "), "a b");
    }
}
