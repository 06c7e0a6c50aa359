//! Links between plans: one registry of institutions across all documents, and every page's URL.
//!
//! TODO(resolve helper): fill [`resolve`]. The registry is built from the abbreviation lists and
//! the codes used in cells; spelling variants (IeM/IEM) fold into one institution; "IeM (VP, VPK)"
//! links the ministry and, under it, VP and VPK; codes no list defines get a warning and a page.

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use serde::Serialize;

/// The linked model every output is rendered from.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub plans: Vec<Plan>,
    /// Every institution, sorted by slug.
    pub institutions: Vec<Institution>,
}

/// The role an institution has in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Responsible,
    CoResponsible,
    Involved,
}

/// A measure an institution is named in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MeasureRef {
    /// Plan slug.
    pub plan: String,
    /// Measure id within the plan.
    pub measure: String,
    pub role: Role,
}

/// Where a document defines a code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Definition {
    pub file: String,
    pub line: usize,
}

/// One institution (or group such as "Pašvaldības") of the registry.
#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    /// URL segment, from the code with diacritics folded ("ĢP" → "gp").
    pub slug: String,
    /// The canonical code (or name, for entries printed without a code).
    pub code: String,
    /// Full name from the documents or `content/institutions.toml`.
    pub name: Option<String>,
    /// Slug of the parent institution ("IeM" for "VP" in "IeM (VP)").
    pub parent: Option<String>,
    /// Other spellings seen ("IEM" for "IeM").
    pub aliases: Vec<String>,
    pub defined_in: Vec<Definition>,
    /// Every measure naming it, sorted.
    pub measures: Vec<MeasureRef>,
}

/// Links the extracted plans.
pub fn resolve(plans: Vec<Plan>, _content: &Content) -> (Library, Vec<Diagnostic>) {
    (
        Library {
            plans,
            institutions: Vec::new(),
        },
        Vec::new(),
    )
}

/// Site-relative URLs of every page kind (no leading slash; prefix with the base URL).
pub mod urls {
    pub fn plan(plan: &str) -> String {
        format!("plani/{plan}/")
    }
    pub fn direction(plan: &str, direction: &str) -> String {
        format!("plani/{plan}/virzieni/{direction}/")
    }
    pub fn measure(plan: &str, measure: &str) -> String {
        format!("plani/{plan}/pasakumi/{measure}/")
    }
    pub fn institution(slug: &str) -> String {
        format!("iestades/{slug}/")
    }
    pub const INSTITUTIONS: &str = "iestades/";
    pub fn deadline_year(year: i32) -> String {
        format!("termini/{year}/")
    }
    pub const DEADLINES: &str = "termini/";
    pub const STATUS: &str = "statuss/";
    pub const GLOSSARY: &str = "saisinajumi/";
    pub const SEARCH: &str = "meklet/";
    pub const DATA: &str = "data/";
}
