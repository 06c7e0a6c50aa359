//! Views of the home page, a plan's page and its directions' pages.

use super::{
    document, plain_title, strategy, summary, Link, MeasureRow, Page, PageHead, Pages, SITE_NAME,
};
use crate::model::Plan;
use crate::render::html::{escape, markdown, FootnoteView, Footnotes, Html};
use crate::resolve::{thread, urls};
use chrono::Datelike;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PlanCard {
    pub title: String,
    pub short_title: String,
    pub url: String,
    pub directions: usize,
    pub measures: usize,
    pub reports_status: bool,
    /// The years the document's title names ("2023–2025").
    pub period: Option<String>,
    /// True while the build's year is within the period: the plan is "spēkā"; a period that
    /// has ended (every report's) is "noslēdzies".
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Plans whose period includes the build's year, then the rest.
    pub current: Vec<PlanCard>,
    pub ended: Vec<PlanCard>,
    pub plans: usize,
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
    /// The summary the page opens with (period, contents, deadlines, status, money).
    pub facts: Vec<summary::SummaryFact>,
    /// The document the plan was read from.
    pub document: document::DocumentView,
    /// The plan's editions and a link to what changed, when it has more than one.
    pub editions: Option<super::changes::PlanEditions>,
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
    /// The plans before and after this one (front matter `follows`).
    pub thread: ThreadLinks,
}

/// A plan's neighbours in its thread: the plan it continues and the plans that continue it.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadLinks {
    pub previous: Option<Link>,
    pub next: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DirectionView {
    pub plan: Link,
    pub id: String,
    pub title: Html,
    pub rows: Vec<MeasureRow>,
    pub reports_status: bool,
}

impl Pages<'_> {
    /// The plan `plan` follows and the plans that follow it, as links.
    fn thread_links(&self, plan: &Plan) -> ThreadLinks {
        let link = |slug: &str| {
            self.library
                .plans
                .iter()
                .find(|p| p.slug == slug)
                .map(|p| self.plan_link(p))
        };
        ThreadLinks {
            previous: thread::predecessor(self.content, &plan.slug).and_then(|p| link(&p.slug)),
            next: thread::successors(self.content, &plan.slug)
                .iter()
                .filter_map(|p| link(&p.slug))
                .collect(),
        }
    }

    /// The home page: the plans with their counts.
    pub fn home(&self) -> (PageHead, HomeView) {
        let (current, ended): (Vec<PlanCard>, Vec<PlanCard>) = self
            .library
            .plans
            .iter()
            .map(|p| {
                let period = document::period(&p.title);
                PlanCard {
                    title: plain_title(&p.title),
                    short_title: self.short_title(p),
                    url: self.url(&urls::plan(&p.slug)),
                    directions: p.directions.len(),
                    measures: p.measures.len(),
                    reports_status: p.reports_status,
                    period: period.map(|(first, last)| format!("{first}–{last}")),
                    in_force: period.is_some_and(|(first, last)| {
                        (first..=last).contains(&self.build_date.year())
                    }),
                }
            })
            .partition(|card| card.in_force);
        let head = PageHead {
            title: SITE_NAME.to_string(),
            crumb: "Sākums".to_string(),
            breadcrumbs: Vec::new(),
            section: "plani",
        };
        let view = HomeView {
            plans: current.len() + ended.len(),
            current,
            ended,
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
                title: Html::from_escaped(escape(&self.direction_title(plan, d))),
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
                    escape(&self.direction_title(plan, d))
                )),
                caption: format!("{}. {}", d.id, self.direction_title(plan, d)),
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
            facts: self.plan_summary(plan),
            document: self.document(plan),
            editions: self.plan_editions(plan),
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
            thread: self.thread_links(plan),
        };
        (head, view)
    }

    pub fn direction(&self, plan: &Plan, index: usize) -> (PageHead, DirectionView) {
        let direction = &plan.directions[index];
        let head = PageHead {
            title: format!(
                "{}. {} — {}",
                direction.id,
                self.direction_title(plan, direction),
                self.short_title(plan)
            ),
            crumb: format!("{}. virziens", direction.id),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = DirectionView {
            plan: self.plan_link(plan),
            id: direction.id.clone(),
            title: Html::from_escaped(escape(&self.direction_title(plan, direction))),
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
}

pub(super) fn direction_anchor(id: &str) -> String {
    format!("virziens-{id}")
}

/// The home page.
pub(in crate::render) fn home<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at("", move || pages.home())]
}

/// One page per plan.
pub(in crate::render) fn plans<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .map(|plan| Page::at(&urls::plan(&plan.slug), move || pages.plan(plan)))
        .collect()
}

/// One page per action direction of every plan.
pub(in crate::render) fn directions<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.directions.iter().enumerate().map(move |(i, d)| {
                Page::at(&urls::direction(&plan.slug, &d.id), move || {
                    pages.direction(plan, i)
                })
            })
        })
        .collect()
}
