//! Open data of the budget-impact tables: `data/budget.{json,csv}`, one record per funding line.
//!
//! Like the other data files this is a published contract (fields in `HELPERS.md` and issue 4),
//! built from an explicit record struct. Amounts are written from whole cents as decimal text
//! ("101898.68"), never through a float, so the published number is exactly the printed one.

use crate::model::budget::{FundingKind, FundingLine};
use crate::model::Plan;
use crate::output::Site;
use crate::resolve::{urls, Library};
use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;

/// Writes `data/budget.json` and `data/budget.csv`: plans in portal order, lines in document
/// order.
pub fn write_budget_data(library: &Library, site: &mut Site) -> Result<()> {
    let records: Vec<BudgetRecord> = library
        .plans
        .iter()
        .flat_map(|plan| plan.budget.lines.iter().map(move |line| (plan, line)))
        .map(|(plan, line)| BudgetRecord::new(plan, line))
        .collect::<Result<_>>()?;
    let mut json =
        serde_json::to_string_pretty(&records).context("cannot serialise budget data")?;
    json.push('\n');
    site.add(format!("{}budget.json", urls::DATA), json)?;
    site.add(format!("{}budget.csv", urls::DATA), budget_csv(&records)?)?;
    Ok(())
}

/// One row of `budget.json`.
#[derive(Debug, Serialize)]
struct BudgetRecord {
    source: String,
    plan: String,
    ministry: Option<String>,
    ministry_code: Option<String>,
    program_code: String,
    program_name: String,
    measures: Vec<String>,
    kind: FundingKind,
    /// A year number, or "later" / "annual".
    year: crate::model::budget::Period,
    /// The amount in euro as a JSON number written from its decimal text.
    amount: Box<RawValue>,
    source_lines: [usize; 2],
}

impl BudgetRecord {
    fn new(plan: &Plan, line: &FundingLine) -> Result<BudgetRecord> {
        Ok(BudgetRecord {
            source: plan.source.clone(),
            plan: plan.slug.clone(),
            ministry: line.ministry.as_ref().map(|m| m.name.clone()),
            ministry_code: line.ministry.as_ref().and_then(|m| m.code.clone()),
            program_code: line.programme.code.clone(),
            program_name: line.programme.name.clone(),
            measures: line.measures.clone(),
            kind: line.kind,
            year: line.period,
            amount: RawValue::from_string(line.amount.to_decimal())
                .context("an amount is not a JSON number")?,
            source_lines: [line.source_lines.0, line.source_lines.1],
        })
    }
}

fn budget_csv(records: &[BudgetRecord]) -> Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "source",
        "plan",
        "ministry",
        "ministry_code",
        "program_code",
        "program_name",
        "measures",
        "kind",
        "year",
        "amount",
        "source_lines",
    ])?;
    for r in records {
        let kind = match r.kind {
            FundingKind::Planned => "planned",
            FundingKind::Additional => "additional",
        };
        csv.write_record([
            r.source.as_str(),
            &r.plan,
            r.ministry.as_deref().unwrap_or_default(),
            r.ministry_code.as_deref().unwrap_or_default(),
            &r.program_code,
            &r.program_name,
            &r.measures.join("; "),
            kind,
            &r.year.to_string(),
            r.amount.get(),
            &format!("{}-{}", r.source_lines[0], r.source_lines[1]),
        ])?;
    }
    csv.into_inner().context("cannot write budget.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::budget::{Budget, Cents, Ministry, Period, Programme};
    use serde_json::{json, Value};

    fn line(amount: i64, kind: FundingKind, period: Period) -> FundingLine {
        FundingLine {
            ministry: Some(Ministry {
                name: "Labklājības ministrija".into(),
                code: None,
            }),
            programme: Programme {
                code: "05.01.00".into(),
                name: "Sociālās rehabilitācijas valsts programmas".into(),
            },
            measures: vec!["6".into()],
            kind,
            period,
            amount: Cents(amount),
            source_lines: (659, 669),
        }
    }

    fn written() -> Site {
        let mut plan = crate::extract::empty_plan(
            &crate::read::word::WordDoc::parse("002_x.txt", ""),
            "cilveku",
        );
        plan.budget = Budget {
            lines: vec![
                line(10_189_868, FundingKind::Planned, Period::Year(2025)),
                line(100_714_100, FundingKind::Additional, Period::Annual),
            ],
            ..Budget::default()
        };
        let library = Library {
            plans: vec![plan],
            ..Library::default()
        };
        let mut site = Site::default();
        write_budget_data(&library, &mut site).unwrap();
        site
    }

    #[test]
    fn budget_json_follows_the_contract_with_exact_amounts() {
        let site = written();
        let text = site.text("data/budget.json").unwrap();
        assert!(text.contains("\"amount\": 101898.68,"), "{text}");
        let records: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            records[0],
            json!({
                "source": "002_x.txt",
                "plan": "cilveku",
                "ministry": "Labklājības ministrija",
                "ministry_code": null,
                "program_code": "05.01.00",
                "program_name": "Sociālās rehabilitācijas valsts programmas",
                "measures": ["6"],
                "kind": "planned",
                "year": 2025,
                "amount": 101898.68,
                "source_lines": [659, 669]
            })
        );
        assert_eq!(records[1]["year"], "annual");
        assert_eq!(records[1]["kind"], "additional");
        assert!(text.contains("\"amount\": 1007141,"), "{text}");
    }

    #[test]
    fn budget_csv_has_a_header_and_one_row_per_line() {
        let site = written();
        let csv = site.text("data/budget.csv").unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("source,plan,ministry,ministry_code,program_code"));
        assert!(
            lines[1].ends_with(",6,planned,2025,101898.68,659-669"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(",additional,annual,1007141,"),
            "{}",
            lines[2]
        );
    }
}
