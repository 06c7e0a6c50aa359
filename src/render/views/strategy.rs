//! Views of a strategy's pages: one per policy area or priority horizontal goal (its priority
//! goals with their indicator tables, the institutions involved and the area's directions) and
//! one per key indicator (its table and a chart of the baseline and targets).
//!
//! Values stay as printed ("75%", "Palielinās"): the tables show them verbatim and the charts
//! draw bars only for the values that are numbers.

use super::charts::{indicator_chart, Slot};
use super::plan::{direction_anchor, DirectionRow};
use super::{document, plain_title, Link, Page, PageHead, Pages, Segment};
use crate::model::{Area, Goal, Indicator, Plan};
use crate::render::html::{plain_inline, FootnoteView, Footnotes, Html};
use crate::resolve::{urls, Cell};
use serde::Serialize;

/// An area or horizontal goal as listed on the plan page.
#[derive(Debug, Clone, Serialize)]
pub struct AreaCard {
    pub id: String,
    pub title: Html,
    pub url: String,
    pub goals: usize,
    pub indicators: usize,
    pub directions: usize,
}

/// The indicators of one goal that share their years, as one table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTable {
    pub caption: String,
    pub baseline_year: String,
    pub target_years: Vec<String>,
    /// Some indicator has one row per institution: the table has an institution column.
    pub show_institution: bool,
    pub indicators: Vec<IndicatorBody>,
}

/// One indicator's rows in a table (a `<tbody>`).
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorBody {
    pub id: String,
    pub name: Html,
    /// The indicator's page, when the table is not on it.
    pub url: Option<String>,
    pub unit: String,
    pub rows: Vec<IndicatorRowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRowView {
    /// The row's institution as printed, linked where it resolves.
    pub institution: Option<Vec<Segment>>,
    pub baseline: Html,
    pub targets: Vec<Html>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    pub anchor: String,
    pub title: Html,
    pub tables: Vec<IndicatorTable>,
    /// Small charts of every indicator row that has numbers, next to the tables.
    pub charts: Vec<ChartView>,
    /// "Iesaistītās iestādes" as resolved: one entry per institution, in linked pieces.
    pub institutions: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    pub plan: Link,
    pub id: String,
    /// "Politikas joma" or "Prioritārais horizontālais mērķis".
    pub kind: &'static str,
    pub title: Html,
    pub goals: Vec<GoalView>,
    pub directions: Vec<DirectionRow>,
    pub source: document::SourceRef,
    pub footnotes: Vec<FootnoteView>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// A chart of one indicator row, with what it shows in words.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Indicator id and name, for captions where several indicators are charted.
    pub label: String,
    /// The institution of the row, for indicators split by institution.
    pub institution: Option<String>,
    pub svg: Html,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub plan: Link,
    pub area: Link,
    pub goal: Html,
    pub id: String,
    pub name: Html,
    pub unit: Option<String>,
    pub table: IndicatorTable,
    pub charts: Vec<ChartView>,
    /// Some row has no number to draw (its values are words): it is in the table only.
    pub uncharted: bool,
    pub source: document::SourceRef,
    pub footnotes: Vec<FootnoteView>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// An indicator with the area and goal it belongs to.
type Located<'a> = (&'a Area, &'a Goal, &'a Indicator);

fn kind(area: &Area) -> &'static str {
    if area.horizontal {
        "Prioritārais horizontālais mērķis"
    } else {
        "Politikas joma"
    }
}

fn located(plan: &Plan) -> Vec<Located<'_>> {
    plan.areas
        .iter()
        .flat_map(|a| {
            a.goals
                .iter()
                .flat_map(move |g| g.indicators.iter().map(move |i| (a, g, i)))
        })
        .collect()
}

impl Pages<'_> {
    /// The plan page's list of areas (`horizontal == false`) or horizontal goals.
    pub fn area_cards(&self, plan: &Plan, horizontal: bool) -> Vec<AreaCard> {
        plan.areas
            .iter()
            .filter(|a| a.horizontal == horizontal)
            .map(|a| AreaCard {
                id: a.id.clone(),
                title: plain_inline(&a.title),
                url: self.url(&urls::area(&plan.slug, &a.id)),
                goals: a.goals.len(),
                indicators: a.goals.iter().map(|g| g.indicators.len()).sum(),
                directions: a.directions.len(),
            })
            .collect()
    }

    fn area_link(&self, plan: &Plan, area: &Area) -> Link {
        Link {
            text: format!("{}. {}", area.id, plain_title(&area.title)),
            url: self.url(&urls::area(&plan.slug, &area.id)),
        }
    }

    /// The tables of a run of indicators: one per run of indicators with the same years.
    fn indicator_tables(
        &self,
        plan: &Plan,
        caption: &str,
        indicators: &[&Indicator],
        linked: bool,
        notes: &mut Footnotes,
    ) -> Vec<IndicatorTable> {
        let mut tables: Vec<IndicatorTable> = Vec::new();
        for indicator in indicators {
            // A linked name is link text: its footnote markers are left out rather than nest
            // a footnote link inside the link (the indicator's page shows them).
            let name = if linked {
                plain_inline(&indicator.name)
            } else {
                notes.inline(&indicator.name)
            };
            let body = IndicatorBody {
                id: indicator.id.clone(),
                name,
                url: linked.then(|| self.url(&urls::indicator(&plan.slug, &indicator.id))),
                unit: indicator.unit.clone().unwrap_or_default(),
                rows: indicator
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| IndicatorRowView {
                        institution: row.institution.as_ref().map(|_| {
                            let cell = Cell::IndicatorRow {
                                plan: plan.slug.clone(),
                                indicator: indicator.id.clone(),
                                row: r,
                            };
                            self.entries(&cell).concat()
                        }),
                        baseline: notes.inline(&row.baseline),
                        targets: row.targets.iter().map(|t| notes.inline(t)).collect(),
                    })
                    .collect(),
            };
            let split = indicator.rows.iter().any(|r| r.institution.is_some());
            match tables.last_mut() {
                Some(t)
                    if t.baseline_year == indicator.baseline_year
                        && t.target_years == indicator.target_years =>
                {
                    t.show_institution |= split;
                    t.indicators.push(body);
                }
                _ => tables.push(IndicatorTable {
                    caption: caption.to_string(),
                    baseline_year: indicator.baseline_year.clone(),
                    target_years: indicator.target_years.clone(),
                    show_institution: split,
                    indicators: vec![body],
                }),
            }
        }
        let count = tables.len();
        if count > 1 {
            for (i, t) in tables.iter_mut().enumerate() {
                t.caption = format!("{caption} ({}. tabula no {count})", i + 1);
            }
        }
        tables
    }

    pub fn area(&self, plan: &Plan, index: usize) -> (PageHead, AreaView) {
        let area = &plan.areas[index];
        let mut notes = Footnotes::new(&plan.footnotes);
        let title = notes.inline(&area.title);
        let goals = area
            .goals
            .iter()
            .enumerate()
            .map(|(i, goal)| {
                let title = notes.inline(&goal.title);
                let indicators: Vec<&Indicator> = goal.indicators.iter().collect();
                let caption = format!("Rezultatīvie rādītāji: {}", plain_title(&goal.title));
                GoalView {
                    anchor: format!("merkis-{}", i + 1),
                    title,
                    tables: self.indicator_tables(plan, &caption, &indicators, true, &mut notes),
                    charts: indicators
                        .iter()
                        .flat_map(|indicator| indicator_charts(indicator).0)
                        .collect(),
                    institutions: self.entries(&Cell::Goal {
                        plan: plan.slug.clone(),
                        area: area.id.clone(),
                        goal: i,
                    }),
                }
            })
            .collect();
        let directions = area
            .directions
            .iter()
            .filter_map(|id| plan.directions.iter().find(|d| &d.id == id))
            .map(|d| DirectionRow {
                id: d.id.clone(),
                title: plain_inline(&d.title),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
                anchor: direction_anchor(&d.id),
                measures: plan.measures.iter().filter(|m| m.direction == d.id).count(),
            })
            .collect();
        let neighbour = |a: Option<&Area>| a.map(|a| self.area_link(plan, a));
        let head = PageHead {
            title: format!(
                "{} {} — {}",
                area.id,
                plain_title(&area.title),
                self.short_title(plan)
            ),
            crumb: format!("{} {}", kind(area), area.id),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = AreaView {
            plan: self.plan_link(plan),
            id: area.id.clone(),
            kind: kind(area),
            title,
            goals,
            directions,
            source: self.source_ref(plan, (area.line, area.line)),
            footnotes: notes.into_list(),
            previous: neighbour(index.checked_sub(1).and_then(|i| plan.areas.get(i))),
            next: neighbour(plan.areas.get(index + 1)),
        };
        (head, view)
    }

    /// Ids of the plan's indicators, in document order.
    pub fn indicator_ids(&self, plan: &Plan) -> Vec<String> {
        located(plan).iter().map(|(_, _, i)| i.id.clone()).collect()
    }

    pub fn indicator(&self, plan: &Plan, index: usize) -> (PageHead, IndicatorView) {
        let all = located(plan);
        let (area, goal, indicator) = all[index];
        let mut notes = Footnotes::new(&plan.footnotes);
        let name = notes.inline(&indicator.name);
        let goal_title = notes.inline(&goal.title);
        let label = indicator_label(indicator);
        let table = self
            .indicator_tables(
                plan,
                &format!("Rādītāja {} vērtības", indicator.id),
                &[indicator],
                false,
                &mut notes,
            )
            .remove(0);
        let (charts, uncharted) = indicator_charts(indicator);
        let neighbour = |i: Option<&Located>| {
            i.map(|(_, _, i)| Link {
                text: i.id.clone(),
                url: self.url(&urls::indicator(&plan.slug, &i.id)),
            })
        };
        let head = PageHead {
            title: format!("{label} — {}", self.short_title(plan)),
            crumb: format!("Rādītājs {}", indicator.id),
            breadcrumbs: vec![
                self.home_crumb(),
                self.plan_link(plan),
                self.area_link(plan, area),
            ],
            section: "plani",
        };
        let view = IndicatorView {
            plan: self.plan_link(plan),
            area: self.area_link(plan, area),
            goal: goal_title,
            id: indicator.id.clone(),
            name,
            unit: indicator.unit.clone(),
            table,
            charts,
            uncharted,
            source: self.source_ref(plan, (indicator.line, indicator.line)),
            footnotes: notes.into_list(),
            previous: neighbour(index.checked_sub(1).and_then(|i| all.get(i))),
            next: neighbour(all.get(index + 1)),
        };
        (head, view)
    }
}

/// "1.1.1 Iedzīvotāju īpatsvars, …": an indicator as charts and titles name it.
fn indicator_label(indicator: &Indicator) -> String {
    format!("{} {}", indicator.id, plain_title(&indicator.name))
}

/// One chart per indicator row with numbers to draw (baseline and targets), and whether some row
/// has none (its values are words, shown in the table only).
fn indicator_charts(indicator: &Indicator) -> (Vec<ChartView>, bool) {
    let label = indicator_label(indicator);
    let mut charts = Vec::new();
    let mut uncharted = false;
    for row in &indicator.rows {
        let slots: Vec<Slot> = std::iter::once(Slot {
            year: &indicator.baseline_year,
            value: &row.baseline,
            baseline: true,
        })
        .chain(
            indicator
                .target_years
                .iter()
                .zip(&row.targets)
                .map(|(year, value)| Slot {
                    year,
                    value,
                    baseline: false,
                }),
        )
        .collect();
        let row_label = match &row.institution {
            Some(i) => format!("{label} — {i}"),
            None => label.clone(),
        };
        match indicator_chart(&row_label, &slots) {
            Some(svg) => charts.push(ChartView {
                label: label.clone(),
                institution: row.institution.clone(),
                svg,
            }),
            None => uncharted = true,
        }
    }
    (charts, uncharted)
}

/// One page per policy area or horizontal goal of every strategy.
pub(in crate::render) fn areas<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.areas.iter().enumerate().map(move |(i, area)| {
                Page::at(&urls::area(&plan.slug, &area.id), move || {
                    pages.area(plan, i)
                })
            })
        })
        .collect()
}

/// One page per key indicator of every strategy.
pub(in crate::render) fn indicators<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .flat_map(|plan| {
            pages
                .indicator_ids(plan)
                .into_iter()
                .enumerate()
                .map(move |(i, id)| {
                    Page::at(&urls::indicator(&plan.slug, &id), move || {
                        pages.indicator(plan, i)
                    })
                })
        })
        .collect()
}
