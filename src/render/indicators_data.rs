//! Open data for strategy indicators: `data/indicators.{json,csv}`, one record per indicator
//! row (an indicator split by institution has one record per institution).
//!
//! Values stay strings as printed ("75%", "29,72", "Palielinās"): the documents mix units,
//! decimal commas and words, and a reader must see exactly what the plan promised.

use super::data::CsvFile;
use crate::model::Plan;
use crate::output::Site;
use crate::resolve::{urls, Library};
use crate::text::strip_footnote_markers;
use anyhow::{Context, Result};
use serde::Serialize;

/// One row of `indicators.json`.
#[derive(Debug, Serialize)]
struct IndicatorRecord {
    source: String,
    plan: String,
    area: String,
    area_title: String,
    goal: String,
    id: String,
    name: String,
    unit: Option<String>,
    institution: Option<String>,
    baseline_year: String,
    baseline: String,
    /// Target year → value as printed.
    targets: Vec<Target>,
    source_line: usize,
    url: String,
}

#[derive(Debug, Serialize)]
struct Target {
    year: String,
    value: String,
}

/// Writes `data/indicators.json` and `data/indicators.csv`.
pub fn write_indicators(library: &Library, site: &mut Site, base_url: &str) -> Result<()> {
    let records: Vec<IndicatorRecord> = library
        .plans
        .iter()
        .flat_map(|plan| records(plan, base_url))
        .collect();
    let mut json = serde_json::to_string_pretty(&records).context("cannot serialise indicators")?;
    json.push('\n');
    site.add(format!("{}indicators.json", urls::DATA), json)?;
    site.add(format!("{}indicators.csv", urls::DATA), csv(&records)?)?;
    Ok(())
}

fn records(plan: &Plan, base_url: &str) -> Vec<IndicatorRecord> {
    let mut out = Vec::new();
    for area in &plan.areas {
        for goal in &area.goals {
            for indicator in &goal.indicators {
                for row in &indicator.rows {
                    out.push(IndicatorRecord {
                        source: plan.source.clone(),
                        plan: plan.slug.clone(),
                        area: area.id.clone(),
                        area_title: strip_footnote_markers(&area.title),
                        goal: strip_footnote_markers(&goal.title),
                        id: indicator.id.clone(),
                        name: strip_footnote_markers(&indicator.name),
                        unit: indicator.unit.clone(),
                        institution: row.institution.clone(),
                        baseline_year: indicator.baseline_year.clone(),
                        baseline: strip_footnote_markers(&row.baseline),
                        targets: indicator
                            .target_years
                            .iter()
                            .zip(&row.targets)
                            .map(|(year, value)| Target {
                                year: year.clone(),
                                value: strip_footnote_markers(value),
                            })
                            .collect(),
                        source_line: row.line,
                        url: format!("{base_url}{}", urls::indicator(&plan.slug, &indicator.id)),
                    });
                }
            }
        }
    }
    out
}

/// The CSV: one column per target year, named by the years of the first record.
fn csv(records: &[IndicatorRecord]) -> Result<Vec<u8>> {
    let years: Vec<String> = records
        .first()
        .map(|r| r.targets.iter().map(|t| t.year.clone()).collect())
        .unwrap_or_default();
    let mut header: Vec<String> = [
        "source",
        "plan",
        "area",
        "area_title",
        "goal",
        "id",
        "name",
        "unit",
        "institution",
        "baseline_year",
        "baseline",
    ]
    .map(String::from)
    .to_vec();
    header.extend(years.iter().map(|y| format!("target_{y}")));
    header.extend(["source_line".to_string(), "url".to_string()]);
    let mut writer = CsvFile::new("indicators.csv", header)?;
    for r in records {
        let mut row = vec![
            r.source.clone(),
            r.plan.clone(),
            r.area.clone(),
            r.area_title.clone(),
            r.goal.clone(),
            r.id.clone(),
            r.name.clone(),
            r.unit.clone().unwrap_or_default(),
            r.institution.clone().unwrap_or_default(),
            r.baseline_year.clone(),
            r.baseline.clone(),
        ];
        row.extend(years.iter().map(|y| {
            r.targets
                .iter()
                .find(|t| &t.year == y)
                .map(|t| t.value.clone())
                .unwrap_or_default()
        }));
        row.extend([r.source_line.to_string(), r.url.clone()]);
        writer.row(row)?;
    }
    writer.finish()
}
