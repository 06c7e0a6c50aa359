//! Links between plans: the institution registry and URLs.
//!
//! TODO(render helper): fill in. Builds one registry of institutions across all plans from the
//! abbreviation lists and the codes used in cells, folds spelling variants, records backlinks.

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::model::Plan;

/// The linked model every output is rendered from.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub plans: Vec<Plan>,
}

/// Links the extracted plans.
pub fn resolve(plans: Vec<Plan>, _content: &Content) -> (Library, Vec<Diagnostic>) {
    (Library { plans }, Vec::new())
}
