//! Document structures: how each kind of plan arranges its directions, measures and codes, built
//! on the layout readers in [`crate::read`].
//!
//! A plan's `content/plans/<slug>.md` names its [`Structure`]; the structure modules are written
//! for a kind of document, not for one file, and must survive added, dropped or renumbered
//! measures. Each returns the plan together with diagnostics, never failing on a bad row.

pub mod abbreviations;
pub mod action_plan;
pub mod budget;
pub mod institutions;
pub mod result_plan;
pub mod status_report;

use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use crate::read::word::WordDoc;
use serde::Deserialize;

/// The kinds of document the portal reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Structure {
    /// An action plan whose measure table has a number column ("Nr. p. k.") and one row per
    /// measure (the organised-crime plan).
    ActionPlan,
    /// An action plan whose measures ("1. Īstenot…") carry numbered results ("1.1. …") that hold
    /// the institutions and deadlines (the trafficking plan 2025–2027).
    ResultPlan,
    /// An implementation report: task tables with status, funding and a description row (the
    /// cybersecurity strategy report).
    StatusReport,
}

/// Reads one document of the given structure, then its budget-impact tables (any structure
/// may end with one; [`budget`] finds them by their header).
pub fn extract(structure: Structure, doc: &WordDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let (mut plan, mut diagnostics) = match structure {
        Structure::ActionPlan => action_plan::extract(doc, slug),
        Structure::ResultPlan => result_plan::extract(doc, slug),
        Structure::StatusReport => status_report::extract(doc, slug),
    };
    diagnostics.extend(budget::read(doc, &mut plan));
    (plan, diagnostics)
}

/// A plan with no content yet, for the structure modules to fill.
pub(crate) fn empty_plan(doc: &WordDoc, slug: &str) -> Plan {
    Plan {
        slug: slug.to_string(),
        source: doc.file.clone(),
        title: String::new(),
        summary: Vec::new(),
        directions: Vec::new(),
        measures: Vec::new(),
        abbreviations: Vec::new(),
        footnotes: Vec::new(),
        reports_status: false,
        budget: Default::default(),
    }
}
