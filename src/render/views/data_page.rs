//! The "Dati" page (`dati/`): every open-data table with its files, row count, fields and keys,
//! the licence and how to cite. Everything it lists comes from the data package
//! ([`Package`]), the same description `datapackage.json` publishes, so the page cannot drift
//! from the files.

use super::{Link, Page, PageHead, Pages};
use crate::render::datapackage::{Format, Package, Type};
use crate::resolve::urls;
use serde::Serialize;

/// What the pages learn of the open data once it is written: its description, and the site's
/// full address when known (for the citation and the feeds).
pub struct OpenData<'a> {
    pub package: &'a Package,
    pub site_url: Option<&'a str>,
}

/// The "Dati" page.
pub(in crate::render) fn data<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::DATA_PAGE, move || pages.data_page())]
}

#[derive(Debug, Clone, Serialize)]
pub struct DataPageView {
    /// `datapackage.json`.
    pub package_url: String,
    pub license: Link,
    pub license_id: String,
    pub source_note: String,
    /// A citation to copy, with the date left for the reader.
    pub citation: String,
    /// The Atom feeds, when the site has its full address.
    pub feeds: Vec<Link>,
    pub tables: Vec<TableView>,
}

/// One table: its three files and its fields as the CSV files have them.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub rows: usize,
    pub downloads: Vec<Link>,
    /// "plan, id".
    pub primary_key: String,
    /// "plan → plans.slug".
    pub foreign_keys: Vec<String>,
    pub fields: Vec<FieldView>,
    /// The JSON file's fields that are lists or objects there (text or columns in CSV).
    pub json_structured: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub kind: &'static str,
    pub description: String,
    pub required: bool,
    /// The allowed values, joined.
    pub values: Option<String>,
}

impl Pages<'_> {
    fn data_page(&self) -> (PageHead, DataPageView) {
        let OpenData { package, site_url } = self.open_data;
        let settings = &self.content.data;
        let head = PageHead {
            title: "Atvērtie dati".to_string(),
            crumb: "Atvērtie dati".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "dati",
        };
        let page_address = match site_url {
            Some(site) => format!("{site}{}", urls::DATA_PAGE),
            None => self.url(urls::DATA_PAGE),
        };
        let who = if settings.publisher == super::SITE_NAME {
            settings.publisher.clone()
        } else {
            format!("{}, {}", settings.publisher, super::SITE_NAME)
        };
        let tables = package
            .resources
            .iter()
            .filter(|r| r.format == Format::Csv)
            .map(|csv| {
                let table = csv.table;
                let json = package
                    .resources
                    .iter()
                    .find(|r| r.table.name == table.name && r.format == Format::Json);
                TableView {
                    name: table.name,
                    title: table.title,
                    description: table.description,
                    rows: csv.rows,
                    downloads: Format::ALL
                        .iter()
                        .map(|format| Link {
                            text: format!("{} ({})", format.file(table.name), format.label()),
                            url: self.url(&format!("{}{}", urls::DATA, format.file(table.name))),
                        })
                        .collect(),
                    primary_key: table.primary_key.join(", "),
                    foreign_keys: table
                        .foreign_keys
                        .iter()
                        .map(|k| {
                            let targets: Vec<String> = k
                                .target_fields
                                .iter()
                                .map(|f| format!("{}.{f}", k.target))
                                .collect();
                            format!("{} → {}", k.fields.join(", "), targets.join(", "))
                        })
                        .collect(),
                    fields: csv
                        .fields
                        .iter()
                        .map(|f| FieldView {
                            name: f.name.clone(),
                            kind: f.kind.name(),
                            description: f.description.clone(),
                            required: f.required,
                            values: f.values.as_ref().map(|v| v.join(", ")),
                        })
                        .collect(),
                    json_structured: json
                        .map(|j| {
                            j.fields
                                .iter()
                                .filter(|f| matches!(f.kind, Type::Array | Type::Object))
                                .map(|f| format!("{} ({})", f.name, f.kind.name()))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let feeds = match site_url {
            Some(_) => vec![
                Link {
                    text: "Plāni".to_string(),
                    url: self.url(urls::PLANS_FEED),
                },
                Link {
                    text: "Pasākumu termiņi (tuvākie vispirms)".to_string(),
                    url: self.url(urls::DEADLINES_FEED),
                },
            ],
            None => Vec::new(),
        };
        let view = DataPageView {
            package_url: self.url(&format!("{}datapackage.json", urls::DATA)),
            license: Link {
                text: settings.license_title.clone(),
                url: settings.license_url.clone(),
            },
            license_id: settings.license.clone(),
            source_note: settings.source_note.clone(),
            citation: format!(
                "{who}. Atvērtie dati: politikas plānu pasākumi, iestādes, budžets un rādītāji. \
                 {page_address} (skatīts GGGG-MM-DD). Licence: {}.",
                settings.license
            ),
            feeds,
            tables,
        };
        (head, view)
    }
}
