//! Views of the status overview: each report's counts, chart and open measures by status.

use super::{charts, Link, MeasureRow, Page, PageHead, Pages, StatusView};
use crate::model::{Plan, Status};
use crate::render::html::plain_inline;
use crate::render::html::Html;
use crate::resolve::urls;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct StatusGroup {
    pub label: String,
    pub anchor: String,
    pub rows: Vec<StatusItem>,
}

/// A task that is not fully done, with the report's reason.
#[derive(Debug, Clone, Serialize)]
pub struct StatusItem {
    pub row: MeasureRow,
    /// What the status cell says beyond the status, or else the report's account of the work
    /// ("Izpildes apraksts"): why the task is where it is. Its first paragraph is shown, the
    /// rest (`more`) behind a disclosure, so the overview stays a list.
    pub reason: Option<Html>,
    pub more: Option<Html>,
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

impl Pages<'_> {
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
                        label: crate::text::capitalised(s.term()),
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

    fn rows_with_status(&self, plan: &Plan, status: Option<Status>) -> Vec<StatusItem> {
        plan.measures
            .iter()
            .filter(|m| m.status == status)
            .map(|m| {
                let reason = m
                    .status_text
                    .as_deref()
                    .and_then(Status::explanation)
                    .or(m.description.as_deref())
                    .map(str::trim)
                    .filter(|text| !text.is_empty());
                let (first, rest) = match reason.and_then(|r| r.split_once('\n')) {
                    Some((first, rest)) => (Some(first), Some(rest)),
                    None => (reason, None),
                };
                StatusItem {
                    row: self.row(plan, m),
                    reason: first.map(plain_inline),
                    more: rest.map(plain_inline).filter(|h| !h.as_str().is_empty()),
                }
            })
            .collect()
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

/// The status overview.
pub(in crate::render) fn overview<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::STATUS, move || pages.status())]
}
