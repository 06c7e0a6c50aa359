//! Views of the deadline pages: the overview by year and one page per year.

use super::institutions::institution_title;
use super::{FilterOption, Link, MeasureRow, Page, PageHead, Pages};
use crate::model::{Measure, Plan};
use crate::resolve::urls;
use chrono::NaiveDate;
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

impl<'a> Pages<'a> {
    fn all_rows(&self) -> impl Iterator<Item = (&'a Plan, &'a Measure)> {
        self.library
            .plans
            .iter()
            .flat_map(|p| p.measures.iter().map(move |m| (p, m)))
    }

    /// Years that have a measure due, or a recurring measure to be done, ascending.
    pub fn years(&self) -> Vec<i32> {
        let years: BTreeSet<i32> = self
            .all_rows()
            .flat_map(|(p, m)| self.years_covered(p, m))
            .collect();
        years.into_iter().collect()
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

    pub fn deadlines(&self) -> (PageHead, DeadlinesView) {
        let years = self
            .years()
            .into_iter()
            .map(|year| YearCount {
                year,
                url: self.url(&urls::deadline_year(year)),
                measures: self
                    .all_rows()
                    .filter(|(_, m)| !m.deadline.recurring && m.deadline.year() == Some(year))
                    .count(),
                recurring: self
                    .all_rows()
                    .filter(|(p, m)| {
                        m.deadline.recurring && self.years_covered(p, m).contains(&year)
                    })
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
                        .filter(|_| !m.deadline.recurring && m.deadline.year() == Some(year))
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
        let recurring: Vec<(&Plan, &Measure)> = self
            .all_rows()
            .filter(|(p, m)| m.deadline.recurring && self.years_covered(p, m).contains(&year))
            .collect();
        let view = YearView {
            year,
            institutions: self.institution_options(
                due.iter()
                    .map(|(_, _, p, m)| (*p, *m))
                    .chain(recurring.iter().copied()),
            ),
            rows: due.into_iter().map(|(_, _, p, m)| self.row(p, m)).collect(),
            recurring: recurring.into_iter().map(|(p, m)| self.row(p, m)).collect(),
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
pub(in crate::render) fn overview(pages: &Pages) -> Vec<Page> {
    vec![Page::at(urls::DEADLINES, pages.deadlines())]
}

/// One page per year a measure is due in.
pub(in crate::render) fn years(pages: &Pages) -> Vec<Page> {
    pages
        .years()
        .into_iter()
        .map(|year| Page::at(&urls::deadline_year(year), pages.deadline_year(year)))
        .collect()
}
