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
pub mod programme_report;
pub mod result_plan;
pub mod status_report;
pub mod strategy;

use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use crate::read::pdf::PdfDoc;
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
    /// A sector strategy exported from PDF: policy areas and horizontal goals with goals and
    /// indicators, action directions with numbered main tasks (the interior sector strategy).
    Strategy,
    /// An implementation report exported from PDF: narrative chapters and an annex table of the
    /// programme's tasks with progress and status (the trafficking programme report).
    ProgrammeReport,
}

/// Reads one document (`text`, the whole seed file `file`) of the given structure, with the
/// layout reader that structure is written in. Word documents are then searched for
/// budget-impact tables ([`budget`] finds them by their header, in any structure).
pub fn extract(
    structure: Structure,
    file: &str,
    text: &str,
    slug: &str,
) -> (Plan, Vec<Diagnostic>) {
    match structure {
        Structure::ActionPlan | Structure::ResultPlan | Structure::StatusReport => {
            let doc = WordDoc::parse(file, text);
            let (mut plan, mut diagnostics) = match structure {
                Structure::ActionPlan => action_plan::extract(&doc, slug),
                Structure::ResultPlan => result_plan::extract(&doc, slug),
                _ => status_report::extract(&doc, slug),
            };
            diagnostics.extend(budget::read(&doc, &mut plan));
            diagnostics.extend(doc.diagnostics);
            (plan, diagnostics)
        }
        Structure::Strategy | Structure::ProgrammeReport => {
            let (doc, mut diagnostics) = PdfDoc::parse(file, text);
            let (plan, found) = match structure {
                Structure::Strategy => strategy::extract(&doc, slug),
                _ => programme_report::extract(&doc, slug),
            };
            diagnostics.extend(found);
            (plan, diagnostics)
        }
    }
}

/// An empty plan read from the seed file `source`, for the structure modules to fill.
pub(crate) fn plan_of(source: &str, slug: &str) -> Plan {
    Plan {
        slug: slug.to_string(),
        source: source.to_string(),
        ..Plan::default()
    }
}
