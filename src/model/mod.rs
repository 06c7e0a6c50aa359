//! The portal's model: plans, action directions, measures and what they refer to.
//!
//! Extractors fill it from the documents; `resolve` links it; `render` reads it through view
//! structs. It holds text as the documents print it (with footnote markers, see
//! [`crate::read::word::footnote_marker`]), plus parsed values where the text names one.

pub mod budget;
pub mod deadline;
pub mod status;

pub use deadline::Deadline;
pub use status::Status;

use serde::Serialize;

/// One source document read into the model.
#[derive(Debug, Clone, Serialize)]
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
