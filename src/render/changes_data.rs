//! Open data of what changed between the editions of plans: `data/changes.{json,csv}`, one row
//! per change of [`crate::model::changes::History::changes`], each with both editions' dates,
//! seeds and source lines. Written only when a plan lists editions, so a portal without any
//! publishes the files it always did.

use super::data::{to_json, CsvFile};
use crate::changes::ChangeRow;
use crate::output::Site;
use crate::resolve::{urls, Library};
use anyhow::Result;
use serde::Serialize;

/// One row of `changes.json`.
#[derive(Debug, Serialize)]
struct ChangeRecord {
    /// 1-based position in the file: the table's key.
    row: usize,
    plan: String,
    from_date: String,
    to_date: String,
    from_source: String,
    to_source: String,
    /// The measure (its stable id, see [`crate::model::changes`]) and what changed.
    #[serde(flatten)]
    change: ChangeRow,
    url: String,
}

const FIELDS: [&str; 14] = [
    "row",
    "plan",
    "from_date",
    "to_date",
    "from_source",
    "to_source",
    "measure",
    "kind",
    "field",
    "before",
    "after",
    "before_lines",
    "after_lines",
    "url",
];

/// Writes `data/changes.{json,csv}` when some plan lists editions: plans in portal order, each
/// plan's changes oldest edition pair first.
pub fn write_changes(library: &Library, site: &mut Site, base_url: &str) -> Result<()> {
    if library.histories.is_empty() {
        return Ok(());
    }
    let mut records = Vec::new();
    for history in &library.histories {
        for change in &history.changes {
            let (Some(from), Some(to)) = (
                history.editions.get(change.from),
                history.editions.get(change.to),
            ) else {
                continue;
            };
            records.push(ChangeRecord {
                row: records.len() + 1,
                plan: history.plan.clone(),
                from_date: from.date.to_string(),
                to_date: to.date.to_string(),
                from_source: from.source.clone(),
                to_source: to.source.clone(),
                change: change.into(),
                url: format!(
                    "{base_url}{}",
                    urls::measure(&history.plan, &change.measure)
                ),
            });
        }
    }
    let lines =
        |range: Option<[usize; 2]>| range.map_or(String::new(), |[a, b]| format!("{a}-{b}"));
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut csv = CsvFile::new("changes.csv", FIELDS)?;
    for r in &records {
        let c = &r.change;
        csv.row([
            r.row.to_string(),
            r.plan.clone(),
            r.from_date.clone(),
            r.to_date.clone(),
            r.from_source.clone(),
            r.to_source.clone(),
            c.measure.clone(),
            c.kind.to_string(),
            c.field.unwrap_or_default().to_string(),
            text(&c.before),
            text(&c.after),
            lines(c.before_lines),
            lines(c.after_lines),
            r.url.clone(),
        ])?;
    }
    site.add(format!("{}changes.json", urls::DATA), to_json(&records)?)?;
    site.add(format!("{}changes.csv", urls::DATA), csv.finish()?)
}
