//! Open data of the budget-impact tables: `data/budget.{json,csv}`, one record per funding line.
//!
//! Like the other data files this is a published contract (fields in `HELPERS.md` and issue 4),
//! built from an explicit record struct. Amounts are written from whole cents as decimal text
//! ("101898.68"), never through a float, so the published number is exactly the printed one.
//! A row that leaves a measure to a programme's existing budget ("budžeta ietvaros") is a record
//! too, with `within_budget: true` and `amount: null`: the document gives no amount, and a zero
//! would read as "costs nothing".

use super::data::{write_table, CsvFile};
use crate::model::budget::{FundingKind, FundingLine, Period, Programme, WithinBudget};
use crate::model::Plan;
use crate::output::Site;
use crate::resolve::{urls, Library};
use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;

/// Writes `data/budget.json` and `data/budget.csv`: plans in portal order; in each plan the
/// funding lines in document order, then the within-budget rows in document order, one record
/// per programme they name. Also `data/budget_measures.{json,csv}`: the measure records each
/// row names, by the row's number.
pub fn write_budget_data(library: &Library, site: &mut Site) -> Result<()> {
    let mut records = Vec::new();
    let mut named = Vec::new();
    for plan in &library.plans {
        for line in &plan.budget.lines {
            let row = records.len() + 1;
            records.push(BudgetRecord::funding(row, plan, line)?);
            named.extend(BudgetMeasure::of(library, row, plan, &line.measures));
        }
        for within in &plan.budget.within_budget {
            for programme in &within.programmes {
                let row = records.len() + 1;
                records.push(BudgetRecord::within(row, plan, within, programme));
                named.extend(BudgetMeasure::of(library, row, plan, &within.measures));
            }
        }
    }
    write_table(
        site,
        "budget_measures",
        &["budget_row", "plan", "measure"],
        &named,
    )?;
    let mut json =
        serde_json::to_string_pretty(&records).context("cannot serialise budget data")?;
    json.push('\n');
    site.add(format!("{}budget.json", urls::DATA), json)?;
    site.add(format!("{}budget.csv", urls::DATA), budget_csv(&records)?)?;
    Ok(())
}

/// One row of `budget_measures.json`: a budget row names a measure record.
#[derive(Debug, Serialize)]
struct BudgetMeasure {
    budget_row: usize,
    plan: String,
    measure: String,
}

impl BudgetMeasure {
    /// The records the row's numbers name, as the budget pages link them
    /// ([`Library::measures_named`]: "6" → results 6.1 and 6.2).
    fn of(library: &Library, row: usize, plan: &Plan, ids: &[String]) -> Vec<BudgetMeasure> {
        library
            .measures_named(plan, ids)
            .into_iter()
            .map(|m| BudgetMeasure {
                budget_row: row,
                plan: plan.slug.clone(),
                measure: m.id.clone(),
            })
            .collect()
    }
}

/// One row of `budget.json`.
#[derive(Debug, Serialize)]
struct BudgetRecord {
    /// The record's number in the file, from 1: the key `budget_measures` refers to.
    row: usize,
    source: String,
    /// The title of the document `source` holds.
    source_title: String,
    plan: String,
    ministry: Option<String>,
    ministry_code: Option<String>,
    program_code: String,
    program_name: String,
    measures: Vec<String>,
    kind: FundingKind,
    /// A year number, or "later" / "annual"; null for a within-budget row, which names no
    /// period.
    year: Option<Period>,
    /// The amount in euro as a JSON number written from its decimal text; null for a
    /// within-budget row.
    amount: Option<Box<RawValue>>,
    /// The measure is carried out within the programme's existing budget: no separate amount.
    within_budget: bool,
    source_lines: [usize; 2],
}

impl BudgetRecord {
    fn funding(row: usize, plan: &Plan, line: &FundingLine) -> Result<BudgetRecord> {
        Ok(BudgetRecord {
            row,
            source: plan.source.clone(),
            source_title: plan.document_title(),
            plan: plan.slug.clone(),
            ministry: line.ministry.as_ref().map(|m| m.name.clone()),
            ministry_code: line.ministry.as_ref().and_then(|m| m.code.clone()),
            program_code: line.programme.code.clone(),
            program_name: line.programme.name.clone(),
            measures: line.measures.clone(),
            kind: line.kind,
            year: Some(line.period),
            amount: Some(
                RawValue::from_string(line.amount.to_decimal())
                    .context("an amount is not a JSON number")?,
            ),
            within_budget: false,
            source_lines: [line.source_lines.0, line.source_lines.1],
        })
    }

    /// The ministry is null: a within-budget row names the institutions that act, not the
    /// budget resort, and a programme code alone does not name one (every resort has a
    /// 97.00.00 "Nozaru vadība un politikas plānošana").
    fn within(
        row: usize,
        plan: &Plan,
        within: &WithinBudget,
        programme: &Programme,
    ) -> BudgetRecord {
        BudgetRecord {
            row,
            source: plan.source.clone(),
            source_title: plan.document_title(),
            plan: plan.slug.clone(),
            ministry: None,
            ministry_code: None,
            program_code: programme.code.clone(),
            program_name: programme.name.clone(),
            measures: within.measures.clone(),
            kind: within.kind,
            year: None,
            amount: None,
            within_budget: true,
            source_lines: [within.source_lines.0, within.source_lines.1],
        }
    }
}

fn budget_csv(records: &[BudgetRecord]) -> Result<Vec<u8>> {
    let mut csv = CsvFile::new(
        "budget.csv",
        [
            "row",
            "source",
            "source_title",
            "plan",
            "ministry",
            "ministry_code",
            "program_code",
            "program_name",
            "measures",
            "kind",
            "year",
            "amount",
            "within_budget",
            "source_lines",
        ],
    )?;
    for r in records {
        let kind = match r.kind {
            FundingKind::Planned => "planned",
            FundingKind::Additional => "additional",
        };
        csv.row([
            r.row.to_string().as_str(),
            &r.source,
            &r.source_title,
            &r.plan,
            r.ministry.as_deref().unwrap_or_default(),
            r.ministry_code.as_deref().unwrap_or_default(),
            &r.program_code,
            &r.program_name,
            &r.measures.join("; "),
            kind,
            &r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.amount.as_ref().map_or("", |a| a.get()),
            if r.within_budget { "true" } else { "false" },
            &format!("{}-{}", r.source_lines[0], r.source_lines[1]),
        ])?;
    }
    csv.finish()
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
            note: None,
        }
    }

    fn written() -> Site {
        let mut plan = Plan {
            slug: "cilveku".to_string(),
            source: "002_x.txt".to_string(),
            title: "Cilvēku tirdzniecības novēršanas plāns[^3]\n2025.–2027. gadam".to_string(),
            ..Plan::default()
        };
        plan.budget = Budget {
            lines: vec![
                line(10_189_868, FundingKind::Planned, Period::Year(2025)),
                line(100_714_100, FundingKind::Additional, Period::Annual),
            ],
            // 002, line 542: measure 1 within three programmes' budgets.
            within_budget: vec![WithinBudget {
                measures: vec!["1".into()],
                programmes: vec![
                    Programme {
                        code: "01.06.00".into(),
                        name: "Konsulārais nodrošinājums".into(),
                    },
                    Programme {
                        code: "06.00.00".into(),
                        name: "Valsts policijas darbība".into(),
                    },
                ],
                kind: FundingKind::Planned,
                source_lines: (539, 552),
                note: None,
            }],
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
                "row": 1,
                "source": "002_x.txt",
                "source_title": "Cilvēku tirdzniecības novēršanas plāns 2025.–2027. gadam",
                "plan": "cilveku",
                "ministry": "Labklājības ministrija",
                "ministry_code": null,
                "program_code": "05.01.00",
                "program_name": "Sociālās rehabilitācijas valsts programmas",
                "measures": ["6"],
                "kind": "planned",
                "year": 2025,
                "amount": 101898.68,
                "within_budget": false,
                "source_lines": [659, 669]
            })
        );
        assert_eq!(records[1]["year"], "annual");
        assert_eq!(records[1]["kind"], "additional");
        assert_eq!(records[1]["within_budget"], false);
        assert!(text.contains("\"amount\": 1007141,"), "{text}");
    }

    #[test]
    fn within_budget_rows_are_records_without_an_amount_one_per_programme() {
        let site = written();
        let records: Value = serde_json::from_str(site.text("data/budget.json").unwrap()).unwrap();
        let records = records.as_array().unwrap();
        assert_eq!(records.len(), 4);
        assert_eq!(
            records[2],
            json!({
                "row": 3,
                "source": "002_x.txt",
                "source_title": "Cilvēku tirdzniecības novēršanas plāns 2025.–2027. gadam",
                "plan": "cilveku",
                "ministry": null,
                "ministry_code": null,
                "program_code": "01.06.00",
                "program_name": "Konsulārais nodrošinājums",
                "measures": ["1"],
                "kind": "planned",
                "year": null,
                "amount": null,
                "within_budget": true,
                "source_lines": [539, 552]
            })
        );
        assert_eq!(records[3]["program_code"], "06.00.00");
        assert_eq!(records[3]["within_budget"], true);
        assert!(records[3]["amount"].is_null());
    }

    #[test]
    fn budget_csv_has_a_header_and_one_row_per_line() {
        let site = written();
        let csv = site.text("data/budget.csv").unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[0]
            .starts_with("row,source,source_title,plan,ministry,ministry_code,program_code"));
        assert!(lines[0].ends_with(",amount,within_budget,source_lines"));
        assert!(
            lines[1].ends_with(",6,planned,2025,101898.68,false,659-669"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(",additional,annual,1007141,false,"),
            "{}",
            lines[2]
        );
        assert_eq!(
            lines[3],
            "3,002_x.txt,Cilvēku tirdzniecības novēršanas plāns 2025.–2027. gadam,cilveku,,,01.06.00,Konsulārais nodrošinājums,1,planned,,,true,539-552"
        );
    }
}
