//! The short summary a plan page opens with, before the document's own prose: its period, what
//! it holds, its deadlines, how far it is done and what it costs, each line counted from the
//! extracted data (never written by hand).

use super::{document, latvian, DateView, Pages};
use crate::model::budget::{Cents, FundingKind, Period};
use crate::model::{Plan, Status};
use chrono::Datelike;
use serde::Serialize;

/// One line of the summary: a label and its text.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryFact {
    pub label: &'static str,
    pub text: String,
}

impl Pages<'_> {
    /// The facts of a plan's summary, in the order shown; lines without data are left out.
    pub(super) fn plan_summary(&self, plan: &Plan) -> Vec<SummaryFact> {
        let mut facts = Vec::new();
        let fact = |label, text: String| SummaryFact { label, text };
        if let Some((first, last)) = document::period(&plan.title) {
            let year = self.build_date.year();
            let state = if (first..=last).contains(&year) {
                "spēkā"
            } else if last < year {
                "noslēdzies"
            } else {
                "vēl nav sācies"
            };
            facts.push(fact("Periods", format!("{first}–{last}, {state}")));
        }

        let mut contents = Vec::new();
        let areas = plan.areas.iter().filter(|a| !a.horizontal).count();
        if areas > 0 {
            contents.push(count(areas, "politikas joma", "politikas jomas"));
        }
        let horizontal = plan.areas.len() - areas;
        if horizontal > 0 {
            contents.push(count(
                horizontal,
                "horizontālais mērķis",
                "horizontālie mērķi",
            ));
        }
        if !plan.directions.is_empty() {
            contents.push(count(
                plan.directions.len(),
                "rīcības virziens",
                "rīcības virzieni",
            ));
        }
        contents.push(count(plan.measures.len(), "pasākums", "pasākumi"));
        let indicators: usize = plan
            .areas
            .iter()
            .flat_map(|a| &a.goals)
            .map(|g| g.indicators.len())
            .sum();
        if indicators > 0 {
            contents.push(count(
                indicators,
                "rezultatīvais rādītājs",
                "rezultatīvie rādītāji",
            ));
        }
        facts.push(fact("Saturs", contents.join(", ")));

        let dates: Vec<_> = plan
            .measures
            .iter()
            .filter_map(|m| m.deadline.date())
            .collect();
        let recurring = plan
            .measures
            .iter()
            .filter(|m| m.deadline.recurring)
            .count();
        if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
            let day = |d: &chrono::NaiveDate| document::numeric_date(&DateView::from(*d));
            let mut text = if first == last {
                format!("{} (visiem pasākumiem ar datumu)", day(first))
            } else {
                format!("no {} līdz {}", day(first), day(last))
            };
            if recurring > 0 {
                text.push_str(&format!(
                    "; {}",
                    count(
                        recurring,
                        "regulāri veicams pasākums",
                        "regulāri veicami pasākumi"
                    )
                ));
            }
            facts.push(fact("Termiņi", text));
        }

        if plan.reports_status {
            let done = plan
                .measures
                .iter()
                .filter(|m| m.status == Some(Status::Done))
                .count();
            let open = plan
                .measures
                .iter()
                .filter(|m| matches!(m.status, Some(Status::NotDone | Status::PartlyDone)))
                .count();
            facts.push(fact(
                "Izpilde",
                format!(
                    "izpildīti {done} no {}; {}",
                    plan.measures.len(),
                    count(
                        open,
                        "nav izpildīts vai izpildīts daļēji",
                        "nav izpildīti vai izpildīti daļēji"
                    )
                ),
            ));
        }

        let money = |kind: FundingKind| {
            let lines = plan.budget.lines.iter().filter(|l| l.kind == kind);
            let years: Vec<i32> = lines
                .clone()
                .filter_map(|l| match l.period {
                    Period::Year(y) => Some(y),
                    _ => None,
                })
                .collect();
            let sum: Cents = lines
                .filter(|l| matches!(l.period, Period::Year(_)))
                .map(|l| l.amount)
                .sum();
            let (first, last) = (years.iter().min()?, years.iter().max()?);
            let span = if first == last {
                format!("{first}. gadā")
            } else {
                format!("{first}–{last}")
            };
            Some(format!("{} ({span})", sum.to_latvian()))
        };
        let mut budget = Vec::new();
        if let Some(planned) = money(FundingKind::Planned) {
            budget.push(format!("budžeta likumā plānoti {planned}"));
        }
        if let Some(additional) = money(FundingKind::Additional) {
            budget.push(format!("papildus vajadzīgi {additional}"));
        }
        if !budget.is_empty() {
            facts.push(fact("Finansējums", budget.join("; ")));
        }
        facts
    }
}

fn count(n: usize, one: &str, other: &str) -> String {
    latvian::count(n as u64, one, other)
}
