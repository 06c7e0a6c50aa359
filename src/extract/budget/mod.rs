//! Budget-impact tables ("Ietekmes novērtējums uz valsts un pašvaldību budžetu") in Word exports:
//! which budget programme pays how much, in which year, for which measures.
//!
//! Such a table is found by its header (a "Budžeta programmas … kods un nosaukums" cell) and the
//! row under it that names the periods: the years of the funding planned in the medium-term
//! budget law, then the years of the additional funding needed, "turpmākajā laikposmā līdz
//! pasākuma pabeigšanai" (later) and "turpmāk ik gadu" (annual). A new run of years (2025 after
//! 2025) starts the next column group. The rows below mix levels: a total ("…kopā"), ministries
//! ("14. Iekšlietu ministrija"), programmes ("06.01.00 "Valsts policija""), measures ("1.4.
//! Veikt…", "6. pasākums") and direction headings; each row is read by what its cells say, not by
//! its position, and a measure row opens a block that the programme rows under it belong to.
//!
//! The export drops empty cells, so a short row's amounts may stand in several column sets. The
//! rows of a table form groups that must add up (a programme's measure rows to its programme row,
//! programme rows to the total), so each short row takes the placement under which the most
//! groups add up (`place::place_rows`), and every group that still does not add up is reported with
//! the difference and the rows involved. Several tables in one section (a summary and a detailed
//! table) are checked against each other; the funding lines come from the most detailed one.
//!
//! The steps live in one file each: `table` finds the tables and lays out their columns, `rows`
//! reads what each row's label cells say and which cells hold amounts, `place` chooses where a
//! short row's amounts stand, `checks` reports the sums and texts that do not agree. This module
//! runs them and turns the placed rows into funding lines.

mod checks;
mod place;
mod rows;
mod table;

use crate::diagnostics::Diagnostic;
use crate::model::budget::{
    Budget, FundingKind, FundingLine, Ministry, PeriodAmount, WithinBudget,
};
use crate::model::Plan;
use crate::read::word::WordDoc;
use checks::describe_columns;
use place::{groups, place_rows, Group};
use rows::Level;
use std::collections::BTreeMap;
use table::{is_budget_heading, Table};

/// Reads the plan's budget-impact tables into `plan.budget` and returns what did not add up.
///
/// Call after the measures are read: funding lines naming a measure the plan lacks are reported.
pub fn read(doc: &WordDoc, plan: &mut Plan) -> Vec<Diagnostic> {
    let mut reader = Reader {
        file: &doc.file,
        diagnostics: Vec::new(),
    };
    let (headers, tables) = reader.tables(doc);
    if headers == 0 {
        if let Some(line) = doc.find_line(1, |l| !l.starts_cell && is_budget_heading(&l.text)) {
            reader.warn(
                line,
                "the budget-impact section has no table with a budget-programme column",
            );
        }
    }
    if tables.is_empty() {
        return reader.diagnostics;
    }
    plan.budget = reader.budget(doc, tables);
    reader.check_measures(plan);
    reader.diagnostics
}

/// Reads one document's budget tables, collecting its diagnostics; each step file adds the
/// methods of its step.
struct Reader<'a> {
    file: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, message));
    }

    /// Places the rows' amounts, checks the sums and collects the funding lines.
    fn budget(&mut self, doc: &WordDoc, tables: Vec<Table>) -> Budget {
        let tables: Vec<(Table, Vec<Group>)> = tables
            .into_iter()
            .map(|mut table| {
                let groups = groups(&table.rows);
                for row in place_rows(&mut table.rows, &groups) {
                    let r = &table.rows[row];
                    let message = format!(
                        "budget row {} has fewer cells than the header; its amounts fit more than one set of columns equally well and were placed in {}",
                        r.name(),
                        describe_columns(&table.layout, r.values())
                    );
                    self.warn(r.lines.0, message);
                }
                (table, groups)
            })
            .collect();
        for (table, groups) in &tables {
            for group in groups {
                self.check_group(table, group);
            }
        }
        let ministries = ministries_by_programme(&tables);
        let codes = ministry_codes(&tables);
        // The most detailed table (the last one with measure rows) gives the lines.
        let detailed = tables
            .iter()
            .rposition(|(t, _)| t.rows.iter().any(|r| r.level == Level::Leaf))
            .unwrap_or(tables.len() - 1);
        let mut budget = Budget::default();
        {
            let (table, _) = &tables[detailed];
            let source_level = if table.rows.iter().any(|r| r.level == Level::Leaf) {
                Level::Leaf
            } else {
                Level::ProgrammeSummary
            };
            for row in table.rows.iter().filter(|r| r.level == source_level) {
                let Some(programme) = row.programmes.first() else {
                    continue;
                };
                let ministry = ministries
                    .get(&programme.code)
                    .cloned()
                    .or_else(|| row.ministry.clone())
                    .map(|m| with_code(m, &codes));
                if row.within_budget {
                    budget.within_budget.push(WithinBudget {
                        measures: row.measures.clone(),
                        programmes: row.programmes.clone(),
                        // Existing budgets are what the budget law plans ("vidēja termiņa
                        // budžeta ietvara likumā plānotais"), never the additional need.
                        kind: FundingKind::Planned,
                        source_lines: row.lines,
                        note: row.note.clone(),
                    });
                }
                for (column, &(kind, period)) in table.layout.amounts.iter().enumerate() {
                    let amount = row.value(column);
                    if amount.0 != 0 {
                        budget.lines.push(FundingLine {
                            ministry: ministry.clone(),
                            programme: programme.clone(),
                            measures: row.measures.clone(),
                            kind,
                            period,
                            amount,
                            source_lines: row.lines,
                            note: row.note.clone(),
                        });
                    }
                }
            }
        }
        if let Some(total) = tables.iter().find_map(|(t, _)| {
            t.rows
                .iter()
                .find(|r| r.level == Level::Total)
                .map(|r| (t, r))
        }) {
            let (table, row) = total;
            budget.printed_total = table
                .layout
                .amounts
                .iter()
                .enumerate()
                .map(|(column, &(kind, period))| PeriodAmount {
                    kind,
                    period,
                    amount: row.value(column),
                })
                .collect();
        }
        for (i, (other, _)) in tables.iter().enumerate() {
            if i != detailed {
                self.cross_check(other, &tables[detailed].0, &budget);
            }
        }
        self.check_footnotes(doc, &budget);
        budget
    }
}

/// Ministry of each programme code, from rows that tie them (a ministry column, a block).
fn ministries_by_programme(tables: &[(Table, Vec<Group>)]) -> BTreeMap<String, Ministry> {
    let mut map = BTreeMap::new();
    for (table, _) in tables {
        for row in &table.rows {
            if let (Some(p), Some(m)) = (row.programmes.first(), &row.ministry) {
                map.entry(p.code.clone()).or_insert_with(|| m.clone());
            }
        }
    }
    // A ministry total row covers the programme rows under it that name no resort themselves.
    for (table, groups) in tables {
        for group in groups {
            let parent = &table.rows[group.parent];
            if parent.level != Level::MinistryTotal {
                continue;
            }
            if let Some(m) = &parent.ministry {
                for &child in &group.children {
                    if let Some(p) = table.rows[child].programmes.first() {
                        map.insert(p.code.clone(), m.clone());
                    }
                }
            }
        }
    }
    map
}

/// Budget codes of resorts by name, from rows that print them ("14. Iekšlietu ministrija").
fn ministry_codes(tables: &[(Table, Vec<Group>)]) -> BTreeMap<String, String> {
    tables
        .iter()
        .flat_map(|(t, _)| &t.rows)
        .filter_map(|r| r.ministry.as_ref())
        .filter_map(|m| Some((m.name.clone(), m.code.clone()?)))
        .collect()
}

fn with_code(ministry: Ministry, codes: &BTreeMap<String, String>) -> Ministry {
    let code = ministry.code.or_else(|| codes.get(&ministry.name).cloned());
    Ministry { code, ..ministry }
}

#[cfg(test)]
mod tests;
