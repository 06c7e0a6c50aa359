//! Views of the deadline pages: the overview by year and one page per year.

use super::institutions::institution_title;
use super::{FilterOption, Link, MeasureRow, Page, PageHead, Pages};
use crate::model::{Measure, Plan};
use crate::resolve::urls;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub url: String,
    /// Measures due that year.
    pub measures: usize,
    /// Recurring measures that cover the year.
    pub recurring: usize,
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
    /// Measures due this year, by date.
    pub rows: Vec<MeasureRow>,
    /// Recurring measures that cover this year.
    pub recurring: Vec<MeasureRow>,
    /// The institutions of all these measures, for the institution filter.
    pub institutions: Vec<FilterOption>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// Every measure's place on the deadline pages, worked out once: the years due, and by year
/// the measures due then and the recurring ones covering it (each year's page would otherwise
/// read every measure of the portal again).
pub struct Calendar<'a> {
    /// Years that have a measure due, or a recurring measure to be done, ascending.
    years: Vec<i32>,
    /// By year, the measures with a date in it and no recurrence, by date then plan order
    /// (document order within a plan).
    due: BTreeMap<i32, Vec<(&'a Plan, &'a Measure)>>,
    /// By year, the recurring measures covering it, in portal order.
    recurring: BTreeMap<i32, Vec<(&'a Plan, &'a Measure)>>,
}

impl<'a> Pages<'a> {
    fn all_rows(&self) -> impl Iterator<Item = (&'a Plan, &'a Measure)> {
        self.library
            .plans
            .iter()
            .flat_map(|p| p.measures.iter().map(move |m| (p, m)))
    }

    /// The deadline pages' [`Calendar`].
    pub fn calendar(&self) -> Calendar<'a> {
        let mut years = BTreeSet::new();
        let mut due: BTreeMap<i32, Vec<(NaiveDate, usize, &Plan, &Measure)>> = BTreeMap::new();
        let mut recurring: BTreeMap<i32, Vec<(&Plan, &Measure)>> = BTreeMap::new();
        for (order, plan) in self.library.plans.iter().enumerate() {
            for measure in &plan.measures {
                let covered = self.years_covered(plan, measure);
                years.extend(covered.iter().copied());
                if measure.deadline.recurring {
                    for year in covered {
                        recurring.entry(year).or_default().push((plan, measure));
                    }
                } else if let Some(date) = measure.deadline.date() {
                    due.entry(date.year())
                        .or_default()
                        .push((date, order, plan, measure));
                }
            }
        }
        Calendar {
            years: years.into_iter().collect(),
            due: due
                .into_iter()
                .map(|(year, mut rows)| {
                    // Stable: document order stays within a plan.
                    rows.sort_by_key(|(date, order, _, _)| (*date, *order));
                    (year, rows.into_iter().map(|(_, _, p, m)| (p, m)).collect())
                })
                .collect(),
            recurring,
        }
    }

    /// The institutions of `rows`' measures, by code, as options of a filter.
    fn institution_options<'r>(
        &self,
        rows: impl IntoIterator<Item = (&'r Plan, &'r Measure)>,
    ) -> Vec<FilterOption> {
        // By code as Latvian sorts it (diacritics second), one option per institution.
        let mut found: BTreeMap<(String, String), FilterOption> = BTreeMap::new();
        for (plan, measure) in rows {
            for slug in self.measure_institutions(plan, measure) {
                if let Some(institution) = self.library.institution(&slug) {
                    found
                        .entry((crate::text::fold(&institution.code), slug.clone()))
                        .or_insert_with(|| FilterOption {
                            value: slug.clone(),
                            text: institution_title(institution),
                        });
                }
            }
        }
        found.into_values().collect()
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

    pub fn deadlines(&self, calendar: &Calendar) -> (PageHead, DeadlinesView) {
        let years = calendar
            .years
            .iter()
            .map(|&year| YearCount {
                year,
                url: self.url(&urls::deadline_year(year)),
                measures: calendar.due.get(&year).map_or(0, Vec::len),
                recurring: calendar.recurring.get(&year).map_or(0, Vec::len),
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

    pub fn deadline_year(&self, calendar: &Calendar, year: i32) -> (PageHead, YearView) {
        let none = Vec::new();
        let due = calendar.due.get(&year).unwrap_or(&none);
        let recurring = calendar.recurring.get(&year).unwrap_or(&none);
        let years = &calendar.years;
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
            institutions: self.institution_options(due.iter().chain(recurring).copied()),
            rows: due.iter().map(|&(p, m)| self.row(p, m)).collect(),
            recurring: recurring.iter().map(|&(p, m)| self.row(p, m)).collect(),
            previous: position
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| years.get(i))
                .map(year_link),
            next: position.and_then(|i| years.get(i + 1)).map(year_link),
        };
        (head, view)
    }
}

/// The deadlines overview.
pub(in crate::render) fn overview<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::DEADLINES, move || {
        pages.deadlines(&pages.calendar())
    })]
}

/// One page per year a measure is due in.
pub(in crate::render) fn years<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    // Shared by the year pages, each built when its batch is rendered.
    let calendar = std::sync::Arc::new(pages.calendar());
    calendar
        .years
        .iter()
        .map(|&year| {
            let calendar = std::sync::Arc::clone(&calendar);
            Page::at(&urls::deadline_year(year), move || {
                pages.deadline_year(&calendar, year)
            })
        })
        .collect()
}
