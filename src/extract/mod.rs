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
use std::collections::HashMap;

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
/// budget-impact tables ([`budget`] finds them by their header, in any structure). A number
/// given to two measures is an error (see `repeated_numbers`).
pub fn extract(
    structure: Structure,
    file: &str,
    text: &str,
    slug: &str,
) -> (Plan, Vec<Diagnostic>) {
    let (plan, mut diagnostics) = read_structure(structure, file, text, slug);
    diagnostics.extend(repeated_numbers(&plan));
    (plan, diagnostics)
}

fn read_structure(
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

/// An error for every measure whose number an earlier measure of the plan already has, at the
/// repeat's line: the number names the measure's page, its data row and every link to it, so
/// two measures cannot share it (the structure modules warn about the numbering as they read;
/// this is where a repeat stops `check` and `build` alike).
fn repeated_numbers(plan: &Plan) -> Vec<Diagnostic> {
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut diagnostics = Vec::new();
    for measure in &plan.measures {
        let line = measure.source_lines.0;
        match first_line.get(measure.id.as_str()) {
            Some(first) => diagnostics.push(Diagnostic::error(
                &plan.source,
                line,
                format!(
                    "measure {} has the number of the measure on line {first}; each measure \
                     needs a number of its own (it names its page and data row)",
                    measure.id
                ),
            )),
            None => {
                first_line.insert(&measure.id, line);
            }
        }
    }
    diagnostics
}

/// An empty plan read from the seed file `source`, for the structure modules to fill.
pub(crate) fn plan_of(source: &str, slug: &str) -> Plan {
    Plan {
        slug: slug.to_string(),
        source: source.to_string(),
        ..Plan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::model::Measure;

    fn measure(id: &str, line: usize) -> Measure {
        Measure {
            id: id.to_string(),
            source_lines: (line, line + 3),
            ..Measure::default()
        }
    }

    #[test]
    fn a_repeated_number_is_an_error_at_the_repeat() {
        let plan = Plan {
            source: "000.txt".to_string(),
            measures: vec![
                measure("1.1", 185),
                measure("1.2", 193),
                measure("1.1", 201),
                measure("1.3", 209),
            ],
            ..Plan::default()
        };
        let diagnostics = repeated_numbers(&plan);
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!(
            (d.file.as_str(), d.line, d.severity),
            ("000.txt", 201, Severity::Error)
        );
        assert!(d
            .message
            .contains("measure 1.1 has the number of the measure on line 185"));
    }

    #[test]
    fn a_copy_paste_slip_in_a_measure_number_is_an_error() {
        let seed = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/000_d0f431797d704579.txt"
        ));
        let (plan, diagnostics) = extract(Structure::ActionPlan, "000.txt", seed, "x");
        assert!(!plan.measures.is_empty());
        assert!(
            !crate::diagnostics::has_errors(&diagnostics),
            "{diagnostics:?}"
        );
        // The same document with measure 1.2 numbered 1.1 (a copy-paste slip).
        let slipped = seed.replacen("\t1.2.\n", "\t1.1.\n", 1);
        let (_, diagnostics) = extract(Structure::ActionPlan, "000.txt", &slipped, "x");
        let errors: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{diagnostics:?}");
        assert!(errors[0]
            .message
            .starts_with("measure 1.1 has the number of the measure on line 185"));
    }
}
