//! View structs: what each template receives. They are built from the model once per page,
//! already sorted and with every URL and HTML fragment final, so templates only lay them out and
//! the output depends on nothing but the library (two renders are byte-identical).

mod budget;
mod chapters;
mod charts;
mod data_page;
mod strategy;

use super::html::{escape, latvian_date, markdown, plain_inline, FootnoteView, Footnotes, Html};
use super::theme::AssetUrls;
use crate::content::Content;
use crate::model::{Measure, Plan, Status};
use crate::resolve::{urls, Institution, Library, MeasureRef, Role, SourceDocument};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The site's name, in the header and every `<title>`.
pub const SITE_NAME: &str = "Politikas plānu portāls";

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
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanCard {
    pub title: String,
    pub short_title: String,
    pub url: String,
    pub directions: usize,
    pub measures: usize,
    pub reports_status: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub plans: Vec<PlanCard>,
    pub measures: usize,
    pub institutions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DirectionRow {
    pub id: String,
    pub title: Html,
    pub url: String,
    pub anchor: String,
    pub measures: usize,
}

/// Measures of one direction on the plan page.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureGroup {
    pub anchor: String,
    pub heading: Html,
    /// The table caption: the heading as plain text.
    pub caption: String,
    pub url: Option<String>,
    pub rows: Vec<MeasureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub title: Html,
    pub source: String,
    pub intro: Html,
    pub summary: Vec<Html>,
    pub directions: Vec<DirectionRow>,
    pub groups: Vec<MeasureGroup>,
    pub measures: usize,
    pub reports_status: bool,
    /// The plan's section of the status overview, for plans that report status.
    pub status_url: Option<String>,
    /// The plan's budget overview, for plans with budget tables.
    pub budget_url: Option<String>,
    /// A strategy's policy areas and priority horizontal goals.
    pub areas: Vec<strategy::AreaCard>,
    pub horizontal: Vec<strategy::AreaCard>,
    /// A report's narrative chapters.
    pub chapters: Vec<Link>,
    pub footnotes: Vec<FootnoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DirectionView {
    pub plan: Link,
    pub id: String,
    pub title: Html,
    pub rows: Vec<MeasureRow>,
    pub reports_status: bool,
}

/// A piece of an institution cell: text, linked to the institution page when it names one.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub url: Option<String>,
    /// The linked institution's full name, so readers need not know the code.
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub label: &'static str,
    /// Entries as printed, each split into linked segments.
    pub entries: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParentView {
    pub id: String,
    pub title: Option<Html>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    pub raw: Html,
    pub dates: Vec<DateView>,
    pub date: Option<DateView>,
    pub recurring: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub file: String,
    pub first: usize,
    pub last: usize,
    /// The source viewer at the first line (`…#L<first>`), when the library has the text.
    pub url: Option<String>,
    /// The row's lines as printed in the source, for citing without leaving the page.
    pub excerpt: Vec<SourceLineView>,
}

/// One line of a seed file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLineView {
    pub number: usize,
    /// The line with TABs (cell starts in Word exports) shown as a visible arrow.
    pub text: String,
    /// Measures whose rows start on this line.
    pub measures: Vec<Link>,
}

/// The source viewer page of one seed file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceDocView {
    pub file: String,
    pub plan: Link,
    pub lines: Vec<SourceLineView>,
}

/// Longest excerpt quoted on a measure page; longer rows link to the viewer only.
const MAX_EXCERPT_LINES: usize = 60;

/// A source line for display: a Word cell's leading TAB becomes "→ ", other TABs a space, and
/// Word's invisible bookmark anchors (`[bookmark: _Hlk…]`) are left out.
fn display_line(line: &str) -> String {
    static BOOKMARK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\[bookmark: [^\]]*\]").expect("valid regex")
    });
    let line = BOOKMARK.replace_all(line, "");
    match line.strip_prefix('\t') {
        Some(rest) => format!("→ {}", rest.replace('\t', " ")),
        None => line.replace('\t', " "),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub plan: Link,
    pub direction: Option<Link>,
    pub id: String,
    pub title: Html,
    pub parent: Option<ParentView>,
    pub section: Option<Html>,
    pub result: Option<Html>,
    pub indicator: Option<Html>,
    pub roles: Vec<RoleView>,
    pub deadline: DeadlineView,
    pub status: Option<StatusView>,
    pub status_text: Option<Html>,
    pub funding_needed: Option<Html>,
    pub funding_allocated: Option<Html>,
    /// Funding lines of the plan's budget tables naming the measure.
    pub budget: budget::MeasureFunding,
    pub description: Option<Html>,
    pub footnotes: Vec<FootnoteView>,
    pub source: SourceView,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionRow {
    pub code: String,
    pub name: Option<String>,
    pub url: String,
    pub measures: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionsView {
    pub rows: Vec<InstitutionRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleGroup {
    pub label: &'static str,
    pub anchor: String,
    pub rows: Vec<MeasureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionPlan {
    pub plan: Link,
    pub reports_status: bool,
    pub roles: Vec<RoleGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionView {
    pub code: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    pub defined_in: Vec<String>,
    pub measures: usize,
    pub plans: Vec<InstitutionPlan>,
    /// The institution's page as a budget resort, and its programmes.
    pub ministry: Option<Link>,
    pub programmes: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub url: String,
    pub measures: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlinesView {
    pub years: Vec<YearCount>,
    pub recurring: Vec<MeasureRow>,
    pub undated: Vec<MeasureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i32,
    pub rows: Vec<MeasureRow>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusGroup {
    pub label: String,
    pub anchor: String,
    pub rows: Vec<MeasureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanStatus {
    pub plan: Link,
    pub anchor: String,
    /// Counts aligned with [`StatusOverview::statuses`].
    pub counts: Vec<usize>,
    pub unreported: usize,
    pub total: usize,
    /// The counts as a bar chart; the counts table is its accessible equivalent.
    pub chart: Html,
    /// Measures not fully done, by status.
    pub open: Vec<StatusGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusOverview {
    pub statuses: Vec<StatusView>,
    pub plans: Vec<PlanStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryRow {
    pub code: String,
    pub name: String,
    pub plan: Link,
    pub source: String,
    pub institution_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    pub rows: Vec<GlossaryRow>,
}

/// The browse pages, for the search placeholder and the 404 page.
#[derive(Debug, Clone, Serialize)]
pub struct BrowseView {
    pub links: Vec<Link>,
}

/// The search page: the browse links shown without JavaScript, and what the script loads.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub links: Vec<Link>,
    /// Site-absolute URL of the index manifest.
    pub manifest_url: String,
    /// Site-absolute URL of the page's ES module.
    pub script_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditorialView {
    pub body: Html,
}

/// Lookups over the library, shared by all page builders.
pub struct Pages<'a> {
    library: &'a Library,
    content: &'a Content,
    base: &'a str,
    measures: BTreeMap<(&'a str, &'a str), (&'a Plan, &'a Measure)>,
    institutions: BTreeMap<&'a str, &'a Institution>,
    by_role: BTreeMap<(&'a str, &'a str, Role), Vec<&'a Institution>>,
    /// Budget programmes and ministries of every plan.
    budget: budget::BudgetIndex<'a>,
}

impl<'a> Pages<'a> {
    pub fn new(library: &'a Library, content: &'a Content, base: &'a str) -> Pages<'a> {
        let measures = library
            .plans
            .iter()
            .flat_map(|p| p.measures.iter().map(move |m| ((&*p.slug, &*m.id), (p, m))))
            .collect();
        let institutions = library
            .institutions
            .iter()
            .map(|i| (i.slug.as_str(), i))
            .collect();
        let mut by_role: BTreeMap<_, Vec<&Institution>> = BTreeMap::new();
        for institution in &library.institutions {
            for r in &institution.measures {
                by_role
                    .entry((r.plan.as_str(), r.measure.as_str(), r.role))
                    .or_default()
                    .push(institution);
            }
        }
        Pages {
            library,
            content,
            base,
            measures,
            institutions,
            by_role,
            budget: budget::BudgetIndex::new(&library.plans),
        }
    }

    /// Codes of the budget programmes with a page.
    pub fn programme_codes(&self) -> Vec<String> {
        self.budget.programme_codes()
    }

    /// Slugs of the ministries with a budget page.
    pub fn ministry_slugs(&self) -> Vec<String> {
        self.budget.ministry_slugs()
    }

    /// Absolute URL of a site-relative one.
    pub fn url(&self, relative: &str) -> String {
        format!("{}{relative}", self.base)
    }

    pub fn chrome(&self, assets: AssetUrls) -> Chrome {
        let nav = [
            ("Plāni", String::new(), "plani"),
            ("Iestādes", urls::INSTITUTIONS.to_string(), "iestades"),
            ("Termiņi", urls::DEADLINES.to_string(), "termini"),
            ("Izpildes statuss", urls::STATUS.to_string(), "statuss"),
            ("Budžets", urls::BUDGET.to_string(), "budzets"),
            ("Saīsinājumi", urls::GLOSSARY.to_string(), "saisinajumi"),
            ("Dati", urls::DATA_PAGE.to_string(), "dati"),
            ("Meklēt", urls::SEARCH.to_string(), "meklet"),
        ];
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
                    url: self.url(&editorial_url(&p.slug)),
                })
                .collect(),
        }
    }

    fn home_crumb(&self) -> Link {
        Link {
            text: "Sākums".to_string(),
            url: self.url(""),
        }
    }

    fn short_title(&self, plan: &Plan) -> String {
        self.content
            .plans
            .iter()
            .find(|p| p.slug == plan.slug)
            .and_then(|p| p.meta.short_title.clone())
            .unwrap_or_else(|| plain_title(&plan.title))
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
            responsible: plain_inline(&measure.responsible.join(",\n")),
            deadline: plain_inline(&measure.deadline.raw),
            date: measure.deadline.date().map(DateView::from),
            status: measure.status.map(StatusView::from),
        }
    }

    /// Every page: the template, its site-relative output path, head and view.
    pub fn home(&self) -> (PageHead, HomeView) {
        let plans = self
            .library
            .plans
            .iter()
            .map(|p| PlanCard {
                title: plain_title(&p.title),
                short_title: self.short_title(p),
                url: self.url(&urls::plan(&p.slug)),
                directions: p.directions.len(),
                measures: p.measures.len(),
                reports_status: p.reports_status,
            })
            .collect();
        let head = PageHead {
            title: SITE_NAME.to_string(),
            crumb: "Sākums".to_string(),
            breadcrumbs: Vec::new(),
            section: "plani",
        };
        let view = HomeView {
            plans,
            measures: self.library.plans.iter().map(|p| p.measures.len()).sum(),
            institutions: self.library.institutions.len(),
        };
        (head, view)
    }

    pub fn plan(&self, plan: &Plan) -> (PageHead, PlanView) {
        let mut notes = Footnotes::new(&plan.footnotes);
        let title = notes.inline(&plan.title);
        let intro = self
            .content
            .plans
            .iter()
            .find(|p| p.slug == plan.slug)
            .map(|p| markdown(&p.intro_markdown, self.base))
            .unwrap_or_default();
        let summary = plan.summary.iter().map(|s| notes.block(s)).collect();
        let directions = plan
            .directions
            .iter()
            .map(|d| DirectionRow {
                id: d.id.clone(),
                title: plain_inline(&d.title),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
                anchor: direction_anchor(&d.id),
                measures: plan.measures.iter().filter(|m| m.direction == d.id).count(),
            })
            .collect();
        let mut groups: Vec<MeasureGroup> = plan
            .directions
            .iter()
            .map(|d| MeasureGroup {
                anchor: direction_anchor(&d.id),
                heading: Html::from_escaped(format!(
                    "{}. {}",
                    escape(&d.id),
                    plain_inline(&d.title).as_str()
                )),
                caption: format!("{}. {}", d.id, plain_title(&d.title)),
                url: Some(self.url(&urls::direction(&plan.slug, &d.id))),
                rows: plan
                    .measures
                    .iter()
                    .filter(|m| m.direction == d.id)
                    .map(|m| self.row(plan, m))
                    .collect(),
            })
            .collect();
        let orphans: Vec<MeasureRow> = plan
            .measures
            .iter()
            .filter(|m| !plan.directions.iter().any(|d| d.id == m.direction))
            .map(|m| self.row(plan, m))
            .collect();
        if !orphans.is_empty() {
            groups.push(MeasureGroup {
                anchor: "citi-pasakumi".to_string(),
                heading: Html::from_escaped("Pasākumi bez rīcības virziena".to_string()),
                caption: "Pasākumi bez rīcības virziena".to_string(),
                url: None,
                rows: orphans,
            });
        }
        groups.retain(|g| !g.rows.is_empty());
        let head = PageHead {
            title: plain_title(&plan.title),
            crumb: self.short_title(plan),
            breadcrumbs: vec![self.home_crumb()],
            section: "plani",
        };
        let view = PlanView {
            title,
            source: plan.source.clone(),
            intro,
            summary,
            directions,
            groups,
            measures: plan.measures.len(),
            reports_status: plan.reports_status,
            status_url: plan
                .reports_status
                .then(|| format!("{}#plans-{}", self.url(urls::STATUS), plan.slug)),
            budget_url: (!plan.budget.lines.is_empty() || !plan.budget.within_budget.is_empty())
                .then(|| self.url(&urls::plan_budget(&plan.slug))),
            areas: self.area_cards(plan, false),
            horizontal: self.area_cards(plan, true),
            chapters: self.chapter_links(plan),
            footnotes: notes.into_list(),
        };
        (head, view)
    }

    pub fn direction(&self, plan: &Plan, index: usize) -> (PageHead, DirectionView) {
        let direction = &plan.directions[index];
        let head = PageHead {
            title: format!(
                "{}. {} — {}",
                direction.id,
                plain_title(&direction.title),
                self.short_title(plan)
            ),
            crumb: format!("{}. virziens", direction.id),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = DirectionView {
            plan: self.plan_link(plan),
            id: direction.id.clone(),
            title: plain_inline(&direction.title),
            rows: plan
                .measures
                .iter()
                .filter(|m| m.direction == direction.id)
                .map(|m| self.row(plan, m))
                .collect(),
            reports_status: plan.reports_status,
        };
        (head, view)
    }

    pub fn measure(&self, plan: &Plan, index: usize) -> (PageHead, MeasureView) {
        let measure = &plan.measures[index];
        // Footnote markers are numbered in page order, so the fields are rendered in the order
        // the template shows them: the first marker of a footnote gets the plain `fnref-N` id.
        let mut notes = Footnotes::new(&plan.footnotes);
        let title = notes.inline(&measure.title);
        let parent = measure.parent.as_ref().map(|id| ParentView {
            id: id.clone(),
            title: measure.parent_title.as_deref().map(|t| notes.inline(t)),
            url: self
                .measures
                .contains_key(&(plan.slug.as_str(), id.as_str()))
                .then(|| self.url(&urls::measure(&plan.slug, id))),
        });
        let section = measure
            .section
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| notes.inline(s));
        let deadline = DeadlineView {
            raw: notes.inline(&measure.deadline.raw),
            dates: measure
                .deadline
                .dates
                .iter()
                .copied()
                .map(DateView::from)
                .collect(),
            date: measure.deadline.date().map(DateView::from),
            recurring: measure.deadline.recurring,
        };
        let mut text = |t: &Option<String>| {
            t.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| notes.block(s))
        };
        let result = text(&measure.result);
        let indicator = text(&measure.indicator);
        let status_text = text(&measure.status_text);
        let funding_needed = text(&measure.funding_needed);
        let funding_allocated = text(&measure.funding_allocated);
        let description = text(&measure.description);
        let direction = plan
            .directions
            .iter()
            .find(|d| d.id == measure.direction)
            .map(|d| Link {
                text: format!("{}. {}", d.id, plain_title(&d.title)),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
            });
        let neighbour = |m: Option<&Measure>| {
            m.map(|m| Link {
                text: m.id.clone(),
                url: self.url(&urls::measure(&plan.slug, &m.id)),
            })
        };
        let mut breadcrumbs = vec![self.home_crumb(), self.plan_link(plan)];
        if let Some(d) = plan.directions.iter().find(|d| d.id == measure.direction) {
            breadcrumbs.push(Link {
                text: format!("{}. virziens", d.id),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
            });
        }
        let head = PageHead {
            title: format!(
                "{} {} — {}",
                measure.id,
                plain_title(&measure.title),
                self.short_title(plan)
            ),
            crumb: format!("Pasākums {}", measure.id),
            breadcrumbs,
            section: "plani",
        };
        let view = MeasureView {
            plan: self.plan_link(plan),
            direction,
            id: measure.id.clone(),
            title,
            parent,
            section,
            result,
            indicator,
            roles: self.roles(plan, measure),
            deadline,
            status: measure.status.map(StatusView::from),
            status_text,
            funding_needed,
            funding_allocated,
            budget: self.measure_funding(plan, index),
            description,
            footnotes: notes.into_list(),
            source: self.source_view(plan, measure),
            previous: neighbour(index.checked_sub(1).and_then(|i| plan.measures.get(i))),
            next: neighbour(plan.measures.get(index + 1)),
        };
        (head, view)
    }

    /// Where a measure comes from: file, lines, viewer link and the quoted lines.
    fn source_view(&self, plan: &Plan, measure: &Measure) -> SourceView {
        let (first, last) = measure.source_lines;
        let document = self.library.sources.iter().find(|s| s.file == plan.source);
        let excerpt = match document {
            Some(doc) if last >= first && last - first < MAX_EXCERPT_LINES => (first..=last)
                .filter_map(|n| {
                    doc.lines.get(n.wrapping_sub(1)).map(|text| SourceLineView {
                        number: n,
                        text: display_line(text),
                        measures: Vec::new(),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        SourceView {
            file: plan.source.clone(),
            first,
            last,
            url: document.map(|_| format!("{}#L{first}", self.url(&urls::source(&plan.source)))),
            excerpt,
        }
    }

    /// The source viewer of one seed file: every line with an anchor, and links to the measures
    /// whose rows start there.
    pub fn source(&self, document: &SourceDocument) -> (PageHead, SourceDocView) {
        let plan = self.library.plans.iter().find(|p| p.slug == document.plan);
        let mut starts: BTreeMap<usize, Vec<Link>> = BTreeMap::new();
        for plan in plan.into_iter() {
            for m in &plan.measures {
                starts.entry(m.source_lines.0).or_default().push(Link {
                    text: m.id.clone(),
                    url: self.url(&urls::measure(&plan.slug, &m.id)),
                });
            }
        }
        let lines = document
            .lines
            .iter()
            .enumerate()
            .map(|(i, text)| SourceLineView {
                number: i + 1,
                text: display_line(text),
                measures: starts.remove(&(i + 1)).unwrap_or_default(),
            })
            .collect();
        let plan_link = match plan {
            Some(p) => self.plan_link(p),
            None => self.home_crumb(),
        };
        let head = PageHead {
            title: format!("Avota dokuments {}", document.file),
            crumb: document.file.clone(),
            breadcrumbs: vec![self.home_crumb(), plan_link.clone()],
            section: "plani",
        };
        let view = SourceDocView {
            file: document.file.clone(),
            plan: plan_link,
            lines,
        };
        (head, view)
    }

    /// The institution cells of a measure, with every institution the registry links to the
    /// measure in that role linked where the cell names it, and listed after it where not.
    fn roles(&self, plan: &Plan, measure: &Measure) -> Vec<RoleView> {
        let cells = [
            (Role::Responsible, &measure.responsible),
            (Role::CoResponsible, &measure.co_responsible),
            (Role::Involved, &measure.involved),
        ];
        cells
            .into_iter()
            .filter_map(|(role, entries)| {
                let linked = self
                    .by_role
                    .get(&(plan.slug.as_str(), measure.id.as_str(), role))
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let mut used = BTreeSet::new();
                let mut views: Vec<Vec<Segment>> = entries
                    .iter()
                    .map(|entry| self.segments(entry, linked, &mut used))
                    .collect();
                for institution in linked {
                    if !used.contains(institution.slug.as_str()) {
                        views.push(vec![Segment {
                            text: institution.code.clone(),
                            url: Some(self.url(&urls::institution(&institution.slug))),
                            name: institution.name.as_deref().map(plain_title),
                        }]);
                    }
                }
                (!views.is_empty()).then_some(RoleView {
                    label: role_label(role),
                    entries: views,
                })
            })
            .collect()
    }

    /// Splits a printed entry ("IeM (VP, VPK)") into text and links to the institutions among
    /// `linked` whose code or alias it names as a whole word.
    fn segments(
        &self,
        entry: &str,
        linked: &[&'a Institution],
        used: &mut BTreeSet<&'a str>,
    ) -> Vec<Segment> {
        let entry = crate::text::strip_footnote_markers(entry);
        let mut spans: Vec<(usize, usize, &Institution)> = Vec::new();
        for institution in linked {
            for name in std::iter::once(&institution.code).chain(&institution.aliases) {
                for (start, _) in entry.match_indices(name.as_str()) {
                    let end = start + name.len();
                    if is_word_at(&entry, start, end) {
                        spans.push((start, end, institution));
                    }
                }
            }
        }
        // Earliest first; at one position the longest name wins; overlaps are dropped.
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut segments = Vec::new();
        let mut at = 0;
        for (start, end, institution) in spans {
            if start < at {
                continue;
            }
            if start > at {
                segments.push(Segment {
                    text: entry[at..start].to_string(),
                    url: None,
                    name: None,
                });
            }
            segments.push(Segment {
                text: entry[start..end].to_string(),
                url: Some(self.url(&urls::institution(&institution.slug))),
                name: institution.name.as_deref().map(plain_title),
            });
            used.insert(institution.slug.as_str());
            at = end;
        }
        if at < entry.len() {
            segments.push(Segment {
                text: entry[at..].to_string(),
                url: None,
                name: None,
            });
        }
        segments
    }

    fn institutions_crumbs(&self) -> Vec<Link> {
        vec![
            self.home_crumb(),
            Link {
                text: "Iestādes".to_string(),
                url: self.url(urls::INSTITUTIONS),
            },
        ]
    }

    pub fn institutions(&self) -> (PageHead, InstitutionsView) {
        let rows = self
            .library
            .institutions
            .iter()
            .map(|i| InstitutionRow {
                code: i.code.clone(),
                name: i.name.as_deref().map(plain_title),
                url: self.url(&urls::institution(&i.slug)),
                measures: distinct_measures(&i.measures),
            })
            .collect();
        let head = PageHead {
            title: "Iestādes".to_string(),
            crumb: "Iestādes".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "iestades",
        };
        (head, InstitutionsView { rows })
    }

    pub fn institution(&self, institution: &Institution) -> (PageHead, InstitutionView) {
        let link = |i: &Institution| Link {
            text: institution_title(i),
            url: self.url(&urls::institution(&i.slug)),
        };
        let parent = institution
            .parent
            .as_deref()
            .and_then(|slug| self.institutions.get(slug))
            .map(|i| link(i));
        let children = self
            .library
            .institutions
            .iter()
            .filter(|i| i.parent.as_deref() == Some(institution.slug.as_str()))
            .map(link)
            .collect();
        let plans = self
            .library
            .plans
            .iter()
            .filter_map(|plan| {
                let roles: Vec<RoleGroup> =
                    [Role::Responsible, Role::CoResponsible, Role::Involved]
                        .into_iter()
                        .filter_map(|role| {
                            let rows: Vec<MeasureRow> = plan
                                .measures
                                .iter()
                                .filter(|m| {
                                    institution.measures.iter().any(|r| {
                                        r.plan == plan.slug && r.measure == m.id && r.role == role
                                    })
                                })
                                .map(|m| self.row(plan, m))
                                .collect();
                            (!rows.is_empty()).then(|| RoleGroup {
                                label: role_group_label(role),
                                anchor: format!("{}-{}", plan.slug, role_slug(role)),
                                rows,
                            })
                        })
                        .collect();
                (!roles.is_empty()).then(|| InstitutionPlan {
                    plan: self.plan_link(plan),
                    reports_status: plan.reports_status,
                    roles,
                })
            })
            .collect();
        let title = institution_title(institution);
        let head = PageHead {
            title,
            crumb: institution.code.clone(),
            breadcrumbs: self.institutions_crumbs(),
            section: "iestades",
        };
        let view = InstitutionView {
            code: institution.code.clone(),
            name: institution.name.as_deref().map(plain_title),
            aliases: institution.aliases.clone(),
            parent,
            children,
            defined_in: institution
                .defined_in
                .iter()
                .map(|d| format!("{}:{}", d.file, d.line))
                .collect(),
            measures: distinct_measures(&institution.measures),
            plans,
            ministry: self.institution_ministry(institution),
            programmes: self.institution_programmes(institution),
        };
        (head, view)
    }

    fn all_rows(&self) -> impl Iterator<Item = (&'a Plan, &'a Measure)> {
        self.library
            .plans
            .iter()
            .flat_map(|p| p.measures.iter().map(move |m| (p, m)))
    }

    /// Years that have a measure due, ascending.
    pub fn years(&self) -> Vec<i32> {
        let years: BTreeSet<i32> = self
            .all_rows()
            .filter_map(|(_, m)| m.deadline.year())
            .collect();
        years.into_iter().collect()
    }

    fn deadlines_crumbs(&self) -> Vec<Link> {
        vec![
            self.home_crumb(),
            Link {
                text: "Termiņi".to_string(),
                url: self.url(urls::DEADLINES),
            },
        ]
    }

    pub fn deadlines(&self) -> (PageHead, DeadlinesView) {
        let years = self
            .years()
            .into_iter()
            .map(|year| YearCount {
                year,
                url: self.url(&urls::deadline_year(year)),
                measures: self
                    .all_rows()
                    .filter(|(_, m)| m.deadline.year() == Some(year))
                    .count(),
            })
            .collect();
        let head = PageHead {
            title: "Termiņi".to_string(),
            crumb: "Termiņi".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "termini",
        };
        let view = DeadlinesView {
            years,
            recurring: self
                .all_rows()
                .filter(|(_, m)| m.deadline.recurring)
                .map(|(p, m)| self.row(p, m))
                .collect(),
            undated: self
                .all_rows()
                .filter(|(_, m)| m.deadline.date().is_none() && !m.deadline.recurring)
                .map(|(p, m)| self.row(p, m))
                .collect(),
        };
        (head, view)
    }

    pub fn deadline_year(&self, year: i32) -> (PageHead, YearView) {
        let mut due: Vec<(NaiveDate, usize, &Plan, &Measure)> = self
            .library
            .plans
            .iter()
            .enumerate()
            .flat_map(|(order, p)| {
                p.measures.iter().filter_map(move |m| {
                    m.deadline
                        .date()
                        .filter(|_| m.deadline.year() == Some(year))
                        .map(|d| (d, order, p, m))
                })
            })
            .collect();
        // By date, then plan order; the sort is stable so document order stays within a plan.
        due.sort_by_key(|(date, order, _, _)| (*date, *order));
        let years = self.years();
        let position = years.iter().position(|y| *y == year);
        let year_link = |y: &i32| Link {
            text: y.to_string(),
            url: self.url(&urls::deadline_year(*y)),
        };
        let head = PageHead {
            title: format!("Termiņi {year}. gadā"),
            crumb: year.to_string(),
            breadcrumbs: self.deadlines_crumbs(),
            section: "termini",
        };
        let view = YearView {
            year,
            rows: due.into_iter().map(|(_, _, p, m)| self.row(p, m)).collect(),
            previous: position
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| years.get(i))
                .map(year_link),
            next: position.and_then(|i| years.get(i + 1)).map(year_link),
        };
        (head, view)
    }

    pub fn status(&self) -> (PageHead, StatusOverview) {
        let plans = self
            .library
            .plans
            .iter()
            .filter(|p| p.reports_status)
            .map(|plan| {
                let count =
                    |s: Option<Status>| plan.measures.iter().filter(|m| m.status == s).count();
                let mut open: Vec<StatusGroup> = Status::ALL
                    .into_iter()
                    .filter(|s| *s != Status::Done)
                    .map(|s| StatusGroup {
                        label: capitalised(s.term()),
                        anchor: format!("{}-{}", plan.slug, s.slug()),
                        rows: self.rows_with_status(plan, Some(s)),
                    })
                    .collect();
                open.push(StatusGroup {
                    label: "Statuss nav norādīts".to_string(),
                    anchor: format!("{}-bez-statusa", plan.slug),
                    rows: self.rows_with_status(plan, None),
                });
                open.retain(|g| !g.rows.is_empty());
                PlanStatus {
                    plan: self.plan_link(plan),
                    anchor: format!("plans-{}", plan.slug),
                    counts: Status::ALL.into_iter().map(|s| count(Some(s))).collect(),
                    unreported: count(None),
                    total: plan.measures.len(),
                    chart: Html::default(),
                    open,
                }
            })
            .collect();
        let plans = with_status_charts(plans);
        let head = PageHead {
            title: "Izpildes statuss".to_string(),
            crumb: "Izpildes statuss".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "statuss",
        };
        let view = StatusOverview {
            statuses: Status::ALL.into_iter().map(StatusView::from).collect(),
            plans,
        };
        (head, view)
    }

    fn rows_with_status(&self, plan: &Plan, status: Option<Status>) -> Vec<MeasureRow> {
        plan.measures
            .iter()
            .filter(|m| m.status == status)
            .map(|m| self.row(plan, m))
            .collect()
    }

    pub fn glossary(&self) -> (PageHead, GlossaryView) {
        let mut rows: Vec<(String, usize, GlossaryRow)> = self
            .library
            .plans
            .iter()
            .enumerate()
            .flat_map(|(order, plan)| {
                plan.abbreviations.iter().map(move |a| {
                    let institution = self.library.institutions.iter().find(|i| {
                        i.code == a.code || i.aliases.iter().any(|alias| alias == &a.code)
                    });
                    let row = GlossaryRow {
                        code: a.code.clone(),
                        name: plain_title(&a.name),
                        plan: self.plan_link(plan),
                        source: format!("{}:{}", plan.source, a.line),
                        institution_url: institution.map(|i| self.url(&urls::institution(&i.slug))),
                    };
                    (sort_key(&a.code), order, row)
                })
            })
            .collect();
        // By code, then plan order; stable, so document order within a plan.
        rows.sort_by(|a, b| (&a.0, a.1, &a.2.code).cmp(&(&b.0, b.1, &b.2.code)));
        let head = PageHead {
            title: "Saīsinājumi".to_string(),
            crumb: "Saīsinājumi".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "saisinajumi",
        };
        (
            head,
            GlossaryView {
                rows: rows.into_iter().map(|(_, _, row)| row).collect(),
            },
        )
    }

    fn browse(&self) -> BrowseView {
        let links = [
            ("Plāni", ""),
            ("Iestādes", urls::INSTITUTIONS),
            ("Termiņi", urls::DEADLINES),
            ("Izpildes statuss", urls::STATUS),
            ("Saīsinājumi", urls::GLOSSARY),
        ];
        BrowseView {
            links: links
                .into_iter()
                .map(|(text, url)| Link {
                    text: text.to_string(),
                    url: self.url(url),
                })
                .collect(),
        }
    }

    /// `manifest_url` and `script_url` are site-absolute.
    pub fn search(&self, manifest_url: String, script_url: String) -> (PageHead, SearchView) {
        let head = PageHead {
            title: "Meklēt".to_string(),
            crumb: "Meklēt".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "meklet",
        };
        let view = SearchView {
            links: self.browse().links,
            manifest_url,
            script_url,
        };
        (head, view)
    }

    pub fn not_found(&self) -> (PageHead, BrowseView) {
        let head = PageHead {
            title: "Lapa nav atrasta".to_string(),
            crumb: "Lapa nav atrasta".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "",
        };
        (head, self.browse())
    }

    pub fn editorial(&self, page: &crate::content::Page) -> (PageHead, EditorialView) {
        let head = PageHead {
            title: page.meta.title.clone(),
            crumb: page.meta.title.clone(),
            breadcrumbs: vec![self.home_crumb()],
            section: "",
        };
        let view = EditorialView {
            body: markdown(&page.markdown, self.base),
        };
        (head, view)
    }
}

/// Draws each report's status chart with the same bars, in the same order: the statuses some
/// report uses (so two charts side by side line up), and "nav norādīts" when some task lacks one.
fn with_status_charts(mut plans: Vec<PlanStatus>) -> Vec<PlanStatus> {
    let used: Vec<usize> = (0..Status::ALL.len())
        .filter(|&i| plans.iter().any(|p| p.counts[i] > 0))
        .collect();
    let unreported = plans.iter().any(|p| p.unreported > 0);
    for plan in &mut plans {
        let mut bars: Vec<charts::StatusBar> = used
            .iter()
            .map(|&i| charts::StatusBar {
                label: Status::ALL[i].term().to_string(),
                slug: Status::ALL[i].slug().to_string(),
                count: plan.counts[i],
            })
            .collect();
        if unreported {
            bars.push(charts::StatusBar {
                label: "nav norādīts".to_string(),
                slug: "none".to_string(),
                count: plan.unreported,
            });
        }
        plan.chart = charts::status_chart(&plan.plan.text, &bars, plan.total);
    }
    plans
}

/// Site-relative URL of an editorial page.
pub fn editorial_url(slug: &str) -> String {
    format!("{slug}/")
}

/// "VP — Valsts policija", or the code alone when no other name is known.
fn institution_title(institution: &Institution) -> String {
    match institution.name.as_deref().map(plain_title) {
        Some(name) if name != institution.code => format!("{} — {name}", institution.code),
        _ => institution.code.clone(),
    }
}

fn direction_anchor(id: &str) -> String {
    format!("virziens-{id}")
}

/// A title for `<title>`, link texts and breadcrumbs: no footnote markers, one line.
fn plain_title(text: &str) -> String {
    crate::text::strip_footnote_markers(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// True when `text[start..end]` is not part of a longer word.
fn is_word_at(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn distinct_measures(refs: &[MeasureRef]) -> usize {
    refs.iter()
        .map(|r| (&r.plan, &r.measure))
        .collect::<BTreeSet<_>>()
        .len()
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Responsible => "Atbildīgā institūcija",
        Role::CoResponsible => "Līdzatbildīgā institūcija",
        Role::Involved => "Iesaistītās institūcijas",
    }
}

fn role_group_label(role: Role) -> &'static str {
    match role {
        Role::Responsible => "Kā atbildīgā",
        Role::CoResponsible => "Kā līdzatbildīgā",
        Role::Involved => "Kā iesaistītā",
    }
}

fn role_slug(role: Role) -> &'static str {
    match role {
        Role::Responsible => "atbildiga",
        Role::CoResponsible => "lidzatbildiga",
        Role::Involved => "iesaistita",
    }
}

/// Sort key close to Latvian dictionary order: case and diacritics ignored first.
fn sort_key(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'ā' => 'a',
            'č' => 'c',
            'ē' => 'e',
            'ģ' => 'g',
            'ī' => 'i',
            'ķ' => 'k',
            'ļ' => 'l',
            'ņ' => 'n',
            'š' => 's',
            'ū' => 'u',
            'ž' => 'z',
            other => other,
        })
        .collect()
}
