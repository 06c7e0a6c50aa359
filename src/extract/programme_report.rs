//! A programme implementation report in the PDF-text layout.

use crate::diagnostics::Diagnostic;
use crate::extract::plan_of;
use crate::model::Plan;
use crate::read::pdf::PdfDoc;

/// Reads the report.
pub fn extract(doc: &PdfDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    (plan_of(&doc.file, slug), Vec::new())
}
