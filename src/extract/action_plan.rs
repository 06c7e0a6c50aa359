//! TODO(structure): see [`super::Structure`].

use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use crate::read::word::WordDoc;

pub fn extract(doc: &WordDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    (super::empty_plan(doc, slug), Vec::new())
}
