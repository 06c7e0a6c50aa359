//! The Excel twins of the CSV files: `data/<table>-excel.csv`, for spreadsheet programs set up
//! for Latvia, which open a double-clicked CSV as Windows-1257 and split it at `;`. The twin is
//! UTF-8 with a byte-order mark (so Excel reads the letters right), `;` between cells, and a
//! decimal comma in every number column of the table's schema (so amounts are numbers there).
//!
//! A twin is the CSV file re-written cell by cell through [`CsvFile`], so it gets the same
//! formula neutralisation: only cells the schema types as numbers get a comma, and those
//! are numbers (`-1500,50`), which a spreadsheet cannot run.

use super::data::CsvFile;
use super::datapackage::{Format, Resource, Type};
use crate::output::Site;
use crate::resolve::urls;
use anyhow::{Context, Result};

/// Writes the Excel twin of every CSV resource among `resources`.
pub(super) fn write_twins(site: &mut Site, resources: &[Resource]) -> Result<()> {
    for resource in resources.iter().filter(|r| r.format == Format::Excel) {
        let source = format!("{}{}", urls::DATA, Format::Csv.file(resource.table.name));
        let bytes = site
            .files
            .get(&source)
            .with_context(|| format!("{source} was not written"))?;
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .with_context(|| format!("cannot read {source}"))?
            .iter()
            .map(str::to_string)
            .collect();
        let numbers: Vec<bool> = header
            .iter()
            .map(|column| {
                resource
                    .fields
                    .iter()
                    .any(|f| f.name == *column && f.kind == Type::Number)
            })
            .collect();
        let mut twin = CsvFile::excel(resource.table.name, &header)?;
        for row in reader.records() {
            let row = row.with_context(|| format!("cannot read {source}"))?;
            twin.row(row.iter().zip(&numbers).map(|(cell, &number)| {
                if number {
                    cell.replacen('.', ",", 1)
                } else {
                    cell.to_string()
                }
            }))?;
        }
        site.add(format!("{}{}", urls::DATA, resource.file), twin.finish()?)?;
    }
    Ok(())
}
