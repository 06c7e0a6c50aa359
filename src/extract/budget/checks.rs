//! The add-up warnings: a group whose rows do not add up to its parent, a summary table that
//! disagrees with the detailed one, a footnote that contradicts the table, a budget row naming a
//! measure the plan lacks; and how diagnostics name amounts and columns.

use super::place::Group;
use super::rows::{Level, Row};
use super::table::{Layout, Table};
use super::Reader;
use crate::model::budget::{Budget, Cents, FundingKind, Period};
use crate::model::Plan;
use crate::read::word::WordDoc;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

impl Reader<'_> {
    /// Warns, per column, where a group's children do not add up to its parent.
    pub(super) fn check_group(&mut self, table: &Table, group: &Group) {
        let parent = &table.rows[group.parent];
        for (column, &(kind, period)) in table.layout.amounts.iter().enumerate() {
            let printed = parent.value(column);
            let sum: Cents = group
                .children
                .iter()
                .map(|&c| table.rows[c].value(column))
                .sum();
            if printed != sum {
                let children: Vec<String> = group
                    .children
                    .iter()
                    .filter(|&&c| table.rows[c].value(column).0 != 0)
                    .map(|&c| {
                        format!(
                            "{} {}",
                            table.rows[c].name(),
                            eur(table.rows[c].value(column))
                        )
                    })
                    .collect();
                let message = format!(
                    "budget: the rows under {} add up to {} in {} {}, the row prints {} (difference {}); rows: {}",
                    parent.name(),
                    eur(sum),
                    kind_name(kind),
                    period,
                    eur(printed),
                    eur(printed - sum),
                    if children.is_empty() { "none with an amount".to_string() } else { children.join(", ") }
                );
                self.warn(parent.lines.0, message);
            }
        }
    }

    /// Compares a summary table's total and programme sums with the detailed table's lines.
    pub(super) fn cross_check(&mut self, summary: &Table, detailed: &Table, budget: &Budget) {
        let line_sum = |kind: FundingKind, period: Period, code: Option<&str>| -> Cents {
            budget
                .lines
                .iter()
                .filter(|l| l.kind == kind && l.period == period)
                .filter(|l| code.is_none_or(|c| l.programme.code == c))
                .map(|l| l.amount)
                .sum()
        };
        for row in &summary.rows {
            let code = match row.level {
                Level::Total => None,
                Level::Leaf | Level::ProgrammeSummary => match row.programmes.first() {
                    Some(p) => Some(p.code.as_str()),
                    None => continue,
                },
                _ => continue,
            };
            // Several summary rows for one programme are compared as their sum.
            let rows_for_code: Vec<&Row> = summary
                .rows
                .iter()
                .filter(|r| {
                    code.is_some()
                        && matches!(r.level, Level::Leaf | Level::ProgrammeSummary)
                        && r.programmes.first().map(|p| p.code.as_str()) == code
                })
                .collect();
            if code.is_some() && !std::ptr::eq(rows_for_code[0], row) {
                continue;
            }
            for (column, &(kind, period)) in summary.layout.amounts.iter().enumerate() {
                let printed: Cents = if code.is_some() {
                    rows_for_code.iter().map(|r| r.value(column)).sum()
                } else {
                    row.value(column)
                };
                let computed = line_sum(kind, period, code);
                if printed != computed {
                    let message = format!(
                        "budget: the table at line {} prints {} for {} in {} {}, the rows of the table at line {} add up to {} (difference {})",
                        summary.header_line,
                        eur(printed),
                        code.unwrap_or("the total"),
                        kind_name(kind),
                        period,
                        detailed.header_line,
                        eur(computed),
                        eur(printed - computed)
                    );
                    self.warn(row.lines.0, message);
                }
            }
            // The same measure's implementation year in both tables.
            if row.level == Level::Leaf {
                let twin = detailed.rows.iter().find(|d| {
                    d.level == Level::Leaf
                        && d.measures == row.measures
                        && d.programmes.first() == row.programmes.first()
                });
                if let (Some(twin), Some(year)) = (twin, row.year()) {
                    if let Some(other) = twin.year() {
                        if year.trim_end_matches('.') != other.trim_end_matches('.') {
                            let message = format!(
                                "budget: {} gives the implementation year {year}, the table at line {} gives {other} for the same measure ({})",
                                row.name(),
                                detailed.header_line,
                                twin.name()
                            );
                            self.warn(row.lines.0, message);
                        }
                    }
                }
            }
        }
    }

    /// A footnote saying which measures are *not* within existing budgets ("…budžeta ietvaros
    /// (visi pasākumi, izņemot Nr. 5 un 7.1)…") must name the measures the table funds.
    pub(super) fn check_footnotes(&mut self, doc: &WordDoc, budget: &Budget) {
        static EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"izņemot\s+(?:Nr\.\s*)?((?:\d+(?:\.\d+)*\.?)(?:\s*(?:,|un)\s*(?:Nr\.\s*)?\d+(?:\.\d+)*\.?)*)")
                .expect("valid regex")
        });
        let funded: BTreeSet<String> = budget
            .lines
            .iter()
            .flat_map(|l| l.measures.iter().cloned())
            .collect();
        for footnote in &doc.footnotes {
            let lower = footnote.text.to_lowercase();
            if !lower.contains("budžeta ietvaros") {
                continue;
            }
            let Some(caps) = EXCEPT.captures(&footnote.text) else {
                continue;
            };
            let named: BTreeSet<String> = caps[1]
                .split([',', ' '])
                .map(|p| p.trim().trim_end_matches('.'))
                .filter(|p| !p.is_empty() && p.starts_with(|c: char| c.is_ascii_digit()))
                .map(str::to_string)
                .collect();
            if named != funded {
                let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
                let message = format!(
                    "budget: footnote {} says every measure except {} is carried out within existing budgets, but the table funds {}; the portal follows the table",
                    footnote.number,
                    list(&named),
                    if funded.is_empty() { "none".to_string() } else { list(&funded) }
                );
                self.warn(footnote.line, message);
            }
        }
    }

    /// Funding lines must name measures the plan has (as a measure or as a result's parent).
    pub(super) fn check_measures(&mut self, plan: &Plan) {
        let known: BTreeSet<&str> = plan
            .measures
            .iter()
            .flat_map(|m| std::iter::once(m.id.as_str()).chain(m.parent.as_deref()))
            .collect();
        let mut reported = BTreeSet::new();
        let named = plan
            .budget
            .lines
            .iter()
            .map(|l| (&l.measures, l.source_lines.0))
            .chain(
                plan.budget
                    .within_budget
                    .iter()
                    .map(|w| (&w.measures, w.source_lines.0)),
            );
        let mut unknown = Vec::new();
        for (measures, line) in named {
            for id in measures {
                if !known.contains(id.as_str()) && reported.insert(id.clone()) {
                    unknown.push((line, id.clone()));
                }
            }
        }
        for (line, id) in unknown {
            self.warn(
                line,
                format!(
                    "budget row names measure {id}, which the plan's measure table does not have"
                ),
            );
        }
    }
}

pub(super) fn kind_name(kind: FundingKind) -> &'static str {
    match kind {
        FundingKind::Planned => "planned",
        FundingKind::Additional => "additional",
    }
}

/// An amount in a diagnostic: "3800586 EUR", "101898.68 EUR".
fn eur(amount: Cents) -> String {
    format!("{} EUR", amount.to_decimal())
}

/// "additional 2025: 724526 EUR, additional 2026: …" for a placement.
pub(super) fn describe_columns(layout: &Layout, values: &[Option<Cents>]) -> String {
    let parts: Vec<String> = layout
        .amounts
        .iter()
        .zip(values)
        .filter_map(|(&(kind, period), v)| {
            v.map(|v| format!("{} {period}: {}", kind_name(kind), eur(v)))
        })
        .collect();
    parts.join(", ")
}
