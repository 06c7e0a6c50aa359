//! The portal's model: plans, action directions, measures and what they refer to.
//!
//! Extractors fill it from the documents; `resolve` links it; `render` reads it through view
//! structs. It holds text as the documents print it (with footnote markers, see
//! [`crate::read::word::footnote_marker`]), plus parsed values where the text names one.

pub mod budget;
pub mod changes;
pub mod deadline;
pub mod status;

pub use deadline::Deadline;
pub use status::Status;

use serde::Serialize;

/// One source document read into the model.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    /// URL-safe identifier from `content/plans/<slug>.md`.
    pub slug: String,
    /// The seed file name, e.g. `000_d0f431797d704579.txt`.
    pub source: String,
    /// The document's title as it prints it.
    pub title: String,
    /// Paragraphs describing the plan (from the document, or the editorial Markdown).
    pub summary: Vec<String>,
    pub directions: Vec<Direction>,
    pub measures: Vec<Measure>,
    /// Codes the document defines (abbreviation list or footnote), in document order.
    pub abbreviations: Vec<Abbreviation>,
    /// Footnotes referenced from the plan's text, by number.
    pub footnotes: Vec<Footnote>,
    /// The document reports an implementation status per measure.
    pub reports_status: bool,
    /// What the budget-impact tables fund; empty for documents without them.
    pub budget: budget::Budget,
    /// Policy areas and horizontal goals with their goals and indicators (strategies); empty for
    /// documents without them.
    pub areas: Vec<Area>,
    /// Narrative chapters shown as readable pages (reports); empty for documents without them.
    pub chapters: Vec<Chapter>,
}

impl Plan {
    /// Every piece of text the plan publishes from its document (title, summary, code names,
    /// directions and every text field of every measure), for finding which footnotes it cites.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let measures = self.measures.iter().flat_map(|m| {
            [&m.title, &m.deadline.raw]
                .into_iter()
                .chain(
                    [
                        &m.result,
                        &m.indicator,
                        &m.status_text,
                        &m.funding_needed,
                        &m.funding_allocated,
                        &m.description,
                    ]
                    .into_iter()
                    .flatten(),
                )
                .chain(
                    m.responsible
                        .iter()
                        .chain(&m.co_responsible)
                        .chain(&m.involved),
                )
                .map(String::as_str)
        });
        std::iter::once(self.title.as_str())
            .chain(self.summary.iter().map(String::as_str))
            .chain(self.abbreviations.iter().map(|a| a.name.as_str()))
            .chain(self.directions.iter().map(|d| d.title.as_str()))
            .chain(measures)
    }

    /// The document's title on one line, without footnote markers: how the open data and the
    /// diagnostics name the document (its seed file's name says nothing to a reader).
    pub fn document_title(&self) -> String {
        crate::text::strip_footnote_markers(&self.title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The footnotes among `all` that the plan's published text cites.
    pub fn cited_footnotes(&self, all: &[Footnote]) -> Vec<Footnote> {
        let cited: std::collections::BTreeSet<u32> = self
            .texts()
            .flat_map(crate::text::footnote_numbers)
            .collect();
        all.iter()
            .filter(|f| cited.contains(&f.number))
            .cloned()
            .collect()
    }
}

/// An action direction ("Rīcības virziens") or report table grouping measures.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Direction {
    /// Number as printed ("1"), or a position-based number when the document prints none.
    pub id: String,
    pub title: String,
    /// Line of the heading (or of the first row when the heading is missing).
    pub line: usize,
}

/// One measure, task or result row: the unit every page, link and data row is about.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Measure {
    /// Number as printed, without the trailing dot: "1.1", "7.3", "5.7".
    pub id: String,
    /// For documents with two levels (measure → result) the measure number; otherwise `None`.
    pub parent: Option<String>,
    /// Title of the parent measure when there is one.
    pub parent_title: Option<String>,
    /// Id of the [`Direction`] the measure belongs to.
    pub direction: String,
    /// Sub-heading inside the direction's table, when the document has one.
    pub section: Option<String>,
    pub title: String,
    pub result: Option<String>,
    pub indicator: Option<String>,
    /// Institutions as printed in the cell, one entry per listed institution.
    pub responsible: Vec<String>,
    pub co_responsible: Vec<String>,
    pub involved: Vec<String>,
    pub deadline: Deadline,
    pub status: Option<Status>,
    pub status_text: Option<String>,
    pub funding_needed: Option<String>,
    pub funding_allocated: Option<String>,
    pub description: Option<String>,
    /// First and last source line of the row(s) the measure was read from.
    pub source_lines: (usize, usize),
}

/// A code the document defines: "VP - Valsts policija".
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Abbreviation {
    pub code: String,
    pub name: String,
    pub line: usize,
}

/// A footnote definition: `[N: text]` in the Word export.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
    /// Line where the definition starts.
    pub line: usize,
}

/// A policy area ("1. Sabiedriskā kārtība un drošība") or a priority horizontal goal of a
/// strategy: the level above the action directions, holding goals and their indicators.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Area {
    /// "1"–"5" for areas as numbered, "H1", "H2" for horizontal goals in order.
    pub id: String,
    pub title: String,
    /// A horizontal goal rather than a policy area.
    pub horizontal: bool,
    pub line: usize,
    pub goals: Vec<Goal>,
    /// Ids of the area's [`Direction`]s, in order.
    pub directions: Vec<String>,
}

/// A priority goal ("Uzlabot sabiedrisko kārtību un drošību") with its key indicators.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Goal {
    pub title: String,
    pub line: usize,
    pub indicators: Vec<Indicator>,
    /// "Iesaistītās iestādes" as printed, one entry per institution.
    pub institutions: Vec<String>,
}

/// A key indicator with its baseline and yearly targets, values as printed ("75%", "29,72",
/// "-", "Palielinās").
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Indicator {
    /// `<area>.<goal>.<indicator>` by position: "1.1.2", "H1.1.1".
    pub id: String,
    pub name: String,
    /// The unit the name ends with in parentheses ("%", "cilvēkdienas"), when it does.
    pub unit: Option<String>,
    /// Year of the actual (baseline) value, "2021".
    pub baseline_year: String,
    /// Years of the targets, "2023"…"2027".
    pub target_years: Vec<String>,
    /// One row, or one per institution when the document splits the indicator.
    pub rows: Vec<IndicatorRow>,
    pub line: usize,
}

/// One row of values of an indicator.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndicatorRow {
    /// The institution the row is for ("IeM", "VP"), when the indicator is split by institution.
    pub institution: Option<String>,
    pub baseline: String,
    /// One value per target year.
    pub targets: Vec<String>,
    pub line: usize,
}

/// A narrative chapter of a report ("I. PROGRAMMAS APAKŠMĒRĶIS: …").
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Chapter {
    /// The chapter number as printed, without the dot: "I", "IV".
    pub id: String,
    pub title: String,
    pub line: usize,
    pub blocks: Vec<TextBlock>,
}

/// A paragraph or list item of narrative text, unwrapped.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TextBlock {
    pub text: String,
    /// The list marker ("-", "1.", "1.1.") when the block is a list item; `text` keeps it.
    pub item: Option<String>,
    pub lines: (usize, usize),
}
