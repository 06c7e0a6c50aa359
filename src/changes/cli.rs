//! `planportal diff`: the changes between two documents, or between the editions of a plan, as
//! the portal will publish them, so a maintainer sees what a new document changes before
//! publishing it. Two files are read like seeds (decoded, cleaned, extracted with the given
//! structure) and compared by [`super::compare`]; a plan's editions come from its history.

use super::{compare, ChangeRow, Side};
use crate::diagnostics::Diagnostic;
use crate::extract::{self, Structure};
use crate::model::changes::{Change, History};
use crate::model::Plan;
use crate::text;
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;

/// One change as `diff` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffRow {
    /// The earlier document: its file, or the edition's date.
    pub from: String,
    /// The later document, likewise.
    pub to: String,
    #[serde(flatten)]
    pub change: ChangeRow,
}

impl DiffRow {
    fn new(change: &Change, from: &str, to: &str) -> DiffRow {
        DiffRow {
            from: from.to_string(),
            to: to.to_string(),
            change: change.into(),
        }
    }
}

/// Reads one document as the portal reads a seed, naming it `shown` in diagnostics.
fn read(path: &Path, shown: &str, structure: Structure) -> Result<(Plan, Vec<Diagnostic>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = match text::decode(shown, bytes) {
        Ok(text) => text,
        Err(error) => return Ok((Plan::default(), vec![error])),
    };
    let (text, mut diagnostics) = text::clean(shown, &text);
    let (plan, found) = extract::extract(structure, shown, &text, "diff");
    diagnostics.extend(found);
    if plan.measures.is_empty() && !crate::diagnostics::has_errors(&diagnostics) {
        diagnostics.push(Diagnostic::error(
            shown,
            0,
            format!("no measures found (read as {structure:?})"),
        ));
    }
    Ok((plan, diagnostics))
}

/// The changes from the document `old` to `new`, both read with `structure`, and every
/// diagnostic of reading and matching them (the caller stops on errors).
pub fn diff_files(
    old: &Path,
    new: &Path,
    structure: Structure,
) -> Result<(Vec<DiffRow>, Vec<Diagnostic>)> {
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let (earlier, mut diagnostics) = read(old, &old_name, structure)?;
    let (later, found) = read(new, &new_name, structure)?;
    diagnostics.extend(found);
    let comparison = compare(
        Side {
            file: &old_name,
            measures: &earlier.measures,
        },
        Side {
            file: &new_name,
            measures: &later.measures,
        },
        0,
    );
    diagnostics.extend(comparison.diagnostics);
    let rows = comparison
        .changes
        .iter()
        .map(|c| DiffRow::new(c, &old_name, &new_name))
        .collect();
    Ok((rows, diagnostics))
}

/// Every change of a plan's history, each dated by its two editions.
pub fn history_rows(history: &History) -> Vec<DiffRow> {
    history
        .changes
        .iter()
        .filter_map(|change| {
            let from = history.editions.get(change.from)?.date.to_string();
            let to = history.editions.get(change.to)?.date.to_string();
            Some(DiffRow::new(change, &from, &to))
        })
        .collect()
}

/// The rows as a tab-separated table with a header; long values are cut at 80 characters
/// (`--json` prints them whole).
pub fn table(rows: &[DiffRow]) -> String {
    let mut out = String::from("from\tto\tmeasure\tkind\tfield\tbefore\tafter\tlines\n");
    let cut = |value: &Option<String>| match value {
        Some(text) if text.chars().count() > 80 => {
            format!("{}…", text.chars().take(79).collect::<String>())
        }
        Some(text) => text.clone(),
        None => "-".to_string(),
    };
    let lines =
        |range: Option<[usize; 2]>| range.map_or("-".to_string(), |[a, b]| format!("{a}-{b}"));
    for DiffRow { from, to, change } in rows {
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{} → {}\n",
            from,
            to,
            change.measure,
            change.kind,
            change.field.unwrap_or("-"),
            cut(&change.before),
            cut(&change.after),
            lines(change.before_lines),
            lines(change.after_lines),
        );
    }
    out
}
