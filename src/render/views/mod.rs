//! View structs: what each template receives. They are built from the model once per page,
//! already sorted and with every URL and HTML fragment final, so templates only lay them out and
//! the output depends on nothing but the library (two renders are byte-identical).
//!
//! One file per family of pages: [`plan`] (home, plan, direction), [`measure`], [`source`],
//! [`institutions`] (institutions, groups, glossary), [`deadlines`], [`status`], [`budget`],
//! [`strategy`] (areas, indicators), [`chapters`], [`site`] (search, 404, editorial pages);
//! `charts` draws the SVG charts. This file holds what they share: [`Pages`] (lookups over the
//! library), the page chrome and head, and links, rows and dates.

pub(super) mod budget;
pub(in crate::render) mod changes;
pub(super) mod chapters;
mod charts;
pub(super) mod data_page;
pub(super) mod deadlines;
mod document;
pub(super) mod institutions;
pub(super) mod measure;
pub(super) mod plan;
pub(super) mod site;
pub(super) mod source;
pub(super) mod status;
pub(super) mod strategy;
mod summary;

use super::html::{escape, latvian_date, plain_inline, Html};
use super::latvian;
use super::theme::AssetUrls;
use crate::content::Content;
use crate::model::changes::History;
use crate::model::{Direction, Measure, Plan, Status};
use crate::resolve::{urls, Cell, Entity, Library, Role, SourceDocument};
use crate::search::related::RelatedMeasures;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The site's name, in the header and every `<title>`.
pub const SITE_NAME: &str = "Politikas plānu portāls";

/// The slug of the editorial page about the portal (who maintains it, what it holds, how to
/// report an error), which the home page links to.
const ABOUT_PAGE: &str = "par-portalu";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: &'static str,
    pub url: String,
    /// Matches [`PageHead::section`] on the pages of that section.
    pub section: &'static str,
}

/// What every page shares: header, navigation, footer.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    pub name: &'static str,
    pub home_url: String,
    pub nav: Vec<NavItem>,
    pub search_url: String,
    pub assets: AssetUrls,
    /// The "Dati" page and the data package, for the footer.
    pub data_links: Vec<Link>,
    /// Editorial pages (the accessibility statement among them), for the footer.
    pub pages: Vec<Link>,
    /// The day of the build: the data's version, in every footer.
    pub build_date: DateView,
    /// The "Par portālu" page (`content/pages/par-portalu.md`), when the project has one.
    pub about_url: Option<String>,
}

/// One page's title, place in the site and breadcrumbs.
#[derive(Debug, Clone, Serialize)]
pub struct PageHead {
    pub title: String,
    /// Short label of this page as the last breadcrumb.
    pub crumb: String,
    /// Ancestors, from the home page down; empty on the home page.
    pub breadcrumbs: Vec<Link>,
    /// Which main navigation item the page belongs to ("" for none).
    pub section: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub term: &'static str,
    pub slug: &'static str,
}

impl From<Status> for StatusView {
    fn from(status: Status) -> StatusView {
        StatusView {
            term: status.term(),
            slug: status.slug(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> DateView {
        DateView {
            iso: date.to_string(),
            text: latvian_date(date),
        }
    }
}

/// A measure as a table row on list pages.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureRow {
    pub plan: Link,
    pub id: String,
    pub url: String,
    pub title: Html,
    pub responsible: Html,
    pub deadline: Html,
    pub date: Option<DateView>,
    pub status: Option<StatusView>,
    /// The years the measure is due in, space-separated, for the pages' filters: its deadline's
    /// year, or every year a recurring measure covers ([`Pages::years_covered`]).
    pub years: String,
    /// Slugs of every institution the measure names in any role, space-separated, for the
    /// pages' filters.
    pub institutions: String,
}

/// One choice of a filter on a page (an institution, a role): the value the page's script
/// compares with the rows' data attributes, and its label.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    pub value: String,
    pub text: String,
}

/// A piece of an institution cell: text, linked to the institution page when it names one.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub url: Option<String>,
    /// The linked institution's full name, so readers need not know the code.
    pub name: Option<String>,
}

/// One page of a kind, not built yet: the file it is written to, and how to build its head and
/// its view as the template reads it.
///
/// A page is built only when its batch is rendered, and its view is dropped once the page is
/// rendered: at 100× the corpus a kind's views held at once (23 000 measures) are hundreds of
/// MB, and the template's value of a view is several times the view's size.
pub struct Page<'a> {
    /// Site-relative output path ("iestades/vp/index.html").
    pub path: String,
    build: Box<dyn FnOnce() -> (PageHead, minijinja::Value) + Send + 'a>,
}

impl<'a> Page<'a> {
    /// The page at a directory URL of [`urls`], written as its `index.html`.
    fn at<V: Serialize>(url: &str, build: impl FnOnce() -> (PageHead, V) + Send + 'a) -> Page<'a> {
        Page::file(&format!("{url}index.html"), build)
    }

    /// The page written to `path`.
    fn file<V: Serialize>(
        path: &str,
        build: impl FnOnce() -> (PageHead, V) + Send + 'a,
    ) -> Page<'a> {
        Page {
            path: path.to_string(),
            build: Box::new(move || {
                let (head, view) = build();
                (head, minijinja::Value::from(minijinja::value::Serde(&view)))
            }),
        }
    }

    /// Builds the page: its head, and its view as the template reads it.
    pub fn build(self) -> (String, PageHead, minijinja::Value) {
        let (head, view) = (self.build)();
        (self.path, head, view)
    }
}

/// Where the search page finds its index and script (site-absolute), known once the index is
/// written ([`Pages::set_search`]; empty until then).
#[derive(Default)]
pub struct SearchUrls {
    pub manifest: String,
    pub script: String,
}

/// What the pages need of a plan again and again (every row names its plan, every measure page
/// its document), worked out once: without it, each lookup scans every plan or document, and
/// the pages cost the square of the portal's size.
struct PlanFacts<'a> {
    /// The plan these facts are of (a lookup by slug checks it is the same).
    plan: &'a Plan,
    short_title: String,
    /// The years its title names ([`document::period`]).
    period: Option<(i32, i32)>,
    document: document::DocumentView,
    /// Its seed file as read, when the library has it.
    source: Option<&'a SourceDocument>,
    /// Its editions, when it has more than one.
    history: Option<&'a History>,
}

/// The rows of one plan slug, by measure id: (plan index, measure index), in portal order.
type RowsById<'a> = HashMap<&'a str, Vec<(usize, usize)>>;

/// Lookups over the library, shared by all page builders.
pub struct Pages<'a> {
    library: &'a Library,
    content: &'a Content,
    base: &'a str,
    search: SearchUrls,
    open_data: data_page::OpenData<'a>,
    measures: BTreeMap<(&'a str, &'a str), (&'a Plan, &'a Measure)>,
    /// Where each (plan slug, measure id) stands: (plan index, measure index), every row
    /// printing that number, in portal order.
    positions: HashMap<&'a str, RowsById<'a>>,
    /// Each plan's [`PlanFacts`], by slug.
    plan_facts: HashMap<&'a str, PlanFacts<'a>>,
    /// The first plan read from each seed file.
    plan_by_source: HashMap<&'a str, &'a Plan>,
    /// Every institution's code and aliases, which headings in capitals keep as printed.
    institution_words: HashSet<&'a str>,
    /// The day of the build, the data's date in citations and on the about page.
    build_date: NaiveDate,
    /// Each plan's names and codes, by slug, for headings printed in capitals.
    proper_words: BTreeMap<&'a str, latvian::ProperWords>,
    /// Each measure's related measures in other plans.
    related: &'a RelatedMeasures,
}

impl<'a> Pages<'a> {
    pub fn new(
        library: &'a Library,
        content: &'a Content,
        base: &'a str,
        open_data: data_page::OpenData<'a>,
        build_date: NaiveDate,
        related: &'a RelatedMeasures,
    ) -> Pages<'a> {
        let measures = library
            .plans
            .iter()
            .flat_map(|p| p.measures.iter().map(move |m| ((&*p.slug, &*m.id), (p, m))))
            .collect();
        let mut positions: HashMap<&str, RowsById> = HashMap::new();
        for (p, plan) in library.plans.iter().enumerate() {
            let rows = positions.entry(&plan.slug).or_default();
            for (m, measure) in plan.measures.iter().enumerate() {
                rows.entry(&measure.id).or_default().push((p, m));
            }
        }
        let mut plan_by_source: HashMap<&str, &Plan> = HashMap::new();
        for plan in &library.plans {
            plan_by_source.entry(&plan.source).or_insert(plan);
        }
        let mut pages = Pages {
            library,
            content,
            base,
            search: SearchUrls::default(),
            open_data,
            measures,
            positions,
            plan_facts: HashMap::new(),
            plan_by_source,
            institution_words: library
                .institutions
                .iter()
                .flat_map(|i| std::iter::once(&i.code).chain(&i.aliases))
                .map(String::as_str)
                .collect(),
            build_date,
            proper_words: library
                .plans
                .par_iter()
                .map(|p| (p.slug.as_str(), latvian::ProperWords::learn(p.texts())))
                .collect(),
            related,
        };
        let mut plan_facts = HashMap::new();
        for plan in &library.plans {
            plan_facts
                .entry(plan.slug.as_str())
                .or_insert_with(|| pages.plan_facts_of(plan));
        }
        pages.plan_facts = plan_facts;
        pages
    }

    fn plan_facts_of(&self, plan: &'a Plan) -> PlanFacts<'a> {
        PlanFacts {
            plan,
            short_title: self.find_short_title(plan),
            period: document::period(&plan.title),
            document: self.find_document(plan),
            source: self.library.sources.iter().find(|s| s.file == plan.source),
            history: self.find_history(plan),
        }
    }

    /// The rows of the portal printing measure `id` in the plan `slug`: (plan index, measure
    /// index), in portal order.
    fn rows_of(&self, slug: &str, id: &str) -> &[(usize, usize)] {
        self.positions
            .get(slug)
            .and_then(|rows| rows.get(id))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The [`PlanFacts`] of `plan` (none for a plan the library does not hold).
    fn facts(&self, plan: &Plan) -> Option<&PlanFacts<'a>> {
        self.plan_facts
            .get(plan.slug.as_str())
            .filter(|f| std::ptr::eq(f.plan, plan))
    }

    /// Where the search page finds the index, once it is written (the index is built while
    /// the other pages render; the search page is rendered after).
    pub fn set_search(&mut self, search: SearchUrls) {
        self.search = search;
    }

    /// Absolute URL of a site-relative one.
    pub fn url(&self, relative: &str) -> String {
        format!("{}{relative}", self.base)
    }

    pub fn chrome(&self, assets: AssetUrls) -> Chrome {
        let mut nav = vec![
            ("Plāni", String::new(), "plani"),
            ("Iestādes", urls::INSTITUTIONS.to_string(), "iestades"),
            ("Termiņi", urls::DEADLINES.to_string(), "termini"),
            ("Izpildes statuss", urls::STATUS.to_string(), "statuss"),
            ("Budžets", urls::BUDGET.to_string(), "budzets"),
            ("Saīsinājumi", urls::GLOSSARY.to_string(), "saisinajumi"),
            ("Dati", urls::DATA_PAGE.to_string(), "dati"),
            ("Meklēt", urls::SEARCH.to_string(), "meklet"),
        ];
        // "Izmaiņas", after the status, only when some plan has more than one edition (its
        // page exists then).
        if self.has_changes() {
            nav.insert(4, ("Izmaiņas", urls::CHANGES.to_string(), "izmainas"));
        }
        Chrome {
            name: SITE_NAME,
            home_url: self.url(""),
            nav: nav
                .into_iter()
                .map(|(label, url, section)| NavItem {
                    label,
                    url: self.url(&url),
                    section,
                })
                .collect(),
            search_url: self.url(urls::SEARCH),
            assets,
            data_links: vec![
                Link {
                    text: "faili, lauki un licence".to_string(),
                    url: self.url(urls::DATA_PAGE),
                },
                Link {
                    text: "datapackage.json".to_string(),
                    url: self.url(&format!("{}datapackage.json", urls::DATA)),
                },
            ],
            pages: self
                .content
                .pages
                .iter()
                .map(|p| Link {
                    text: p.meta.title.clone(),
                    url: self.url(&urls::editorial(&p.slug)),
                })
                .collect(),
            build_date: DateView::from(self.build_date),
            about_url: self
                .content
                .pages
                .iter()
                .find(|p| p.slug == ABOUT_PAGE)
                .map(|p| self.url(&urls::editorial(&p.slug))),
        }
    }

    fn home_crumb(&self) -> Link {
        Link {
            text: "Sākums".to_string(),
            url: self.url(""),
        }
    }

    fn short_title(&self, plan: &Plan) -> String {
        match self.facts(plan) {
            Some(facts) => facts.short_title.clone(),
            None => self.find_short_title(plan),
        }
    }

    fn find_short_title(&self, plan: &Plan) -> String {
        self.content
            .plans
            .iter()
            .find(|p| p.slug == plan.slug)
            .and_then(|p| p.meta.short_title.clone())
            .unwrap_or_else(|| plain_title(&plan.title))
    }

    /// A heading from a plan's document in sentence case when the document prints it in
    /// capitals for layout (institution codes and the names the plan capitalises keep their
    /// capitals); footnote markers and line breaks stay for the caller.
    fn heading(&self, plan: &Plan, text: &str) -> String {
        let none = latvian::ProperWords::default();
        let proper = self.proper_words.get(plan.slug.as_str()).unwrap_or(&none);
        latvian::sentence_case(text, proper, |word| {
            plan.abbreviations.iter().any(|a| a.code == word)
                || self.institution_words.contains(word)
        })
    }

    /// A direction's title for display ([`Pages::heading`]); a table the document left without
    /// a heading says so.
    fn direction_title(&self, plan: &Plan, direction: &Direction) -> String {
        if direction.title.trim().is_empty() {
            "Tabula bez virsraksta".to_string()
        } else {
            plain_title(&self.heading(plan, &direction.title))
        }
    }

    fn plan_link(&self, plan: &Plan) -> Link {
        Link {
            text: self.short_title(plan),
            url: self.url(&urls::plan(&plan.slug)),
        }
    }

    fn row(&self, plan: &Plan, measure: &Measure) -> MeasureRow {
        MeasureRow {
            plan: self.plan_link(plan),
            id: measure.id.clone(),
            url: self.url(&urls::measure(&plan.slug, &measure.id)),
            title: plain_inline(&measure.title),
            responsible: self.responsible_cell(plan, measure),
            deadline: plain_inline(&measure.deadline.raw),
            date: measure.deadline.date().map(DateView::from),
            status: measure.status.map(StatusView::from),
            years: self
                .years_covered(plan, measure)
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            institutions: self.measure_institutions(plan, measure).join(" "),
        }
    }

    /// The responsible institutions of a table row as resolved, each code an `<abbr>` with the
    /// institution's full name, linked to its page.
    fn responsible_cell(&self, plan: &Plan, measure: &Measure) -> Html {
        let entries: Vec<String> = self
            .entries(&Cell::Measure {
                plan: plan.slug.clone(),
                measure: measure.id.clone(),
                role: Role::Responsible,
            })
            .iter()
            .map(|segments| {
                segments
                    .iter()
                    .map(|seg| {
                        let text = escape(seg.text.trim_matches('\n'));
                        // A group ("Pašvaldības") is a phrase, not an abbreviation.
                        let text = match &seg.name {
                            Some(name)
                                if *name != seg.text && name != institutions::GROUP_LABEL =>
                            {
                                format!("<abbr title=\"{}\">{text}</abbr>", escape(name))
                            }
                            _ => text,
                        };
                        match &seg.url {
                            Some(url) => format!("<a href=\"{}\">{text}</a>", escape(url)),
                            None => text,
                        }
                    })
                    .collect::<String>()
            })
            .filter(|e| !e.trim().is_empty())
            .collect();
        Html::from_escaped(entries.join(",<br>"))
    }

    /// The years a measure is due in: its deadline's year; for a recurring measure ("Katru
    /// gadu sākot no 2025. gada", "Pastāvīgi") every year from the first it names (or the plan's
    /// first) to the end of the plan's period, as the title names it.
    fn years_covered(&self, plan: &Plan, measure: &Measure) -> Vec<i32> {
        let due = measure.deadline.year();
        if !measure.deadline.recurring {
            return due.into_iter().collect();
        }
        let period = match self.facts(plan) {
            Some(facts) => facts.period,
            None => document::period(&plan.title),
        };
        let first = measure
            .deadline
            .start_year()
            .or_else(|| measure.deadline.dates.first().map(|d| d.year()))
            .or(period.map(|(first, _)| first));
        match (first, period) {
            (Some(first), Some((_, last))) if first <= last => (first..=last).collect(),
            _ => due.into_iter().collect(),
        }
    }

    /// Slugs of every institution a measure's cells name, in any role, without repeats.
    fn measure_institutions(&self, plan: &Plan, measure: &Measure) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for role in Role::ALL {
            let cell = Cell::Measure {
                plan: plan.slug.clone(),
                measure: measure.id.clone(),
                role,
            };
            for entry in self.library.cell(&cell) {
                for piece in &entry.pieces {
                    if let Some(Entity::Institution(slug)) = &piece.entity {
                        if !found.contains(slug) {
                            found.push(slug.clone());
                        }
                    }
                }
            }
        }
        found
    }
}

/// A title for `<title>`, link texts and breadcrumbs: no footnote markers, one line.
pub(super) fn plain_title(text: &str) -> String {
    crate::text::strip_footnote_markers(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
