//! What search finds: the linked model flattened into [`Document`]s with weighted text fields
//! and facet values. The browser index ([`super::index`]) and the command line
//! (the command line (`planportal search`)) both read these, so they search the same things the same way.
//!
//! Each kind of document has one function here turning the library into documents; a new kind
//! (budget programmes, indicators, plan chapters when the model has them) is a [`Kind`] variant
//! and one more function called from [`documents`].

use crate::content::Content;
use crate::model::{Measure, Plan};
use crate::resolve::{urls, Institution, Library};
use crate::text::strip_footnote_markers;
use serde::Serialize;
use std::collections::BTreeSet;

/// The kinds of document, a facet of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Kind {
    #[serde(rename = "pasakums")]
    Measure,
    #[serde(rename = "iestade")]
    Institution,
}

impl Kind {
    /// The facet value (and URL parameter value).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Measure => "pasakums",
            Kind::Institution => "iestade",
        }
    }

    /// The label shown for the facet value.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Measure => "Pasākumi",
            Kind::Institution => "Iestādes",
        }
    }

    pub const ALL: [Kind; 2] = [Kind::Measure, Kind::Institution];
}

/// The text fields of a document, each with a weight: a match in the id or the title ranks a
/// document above one that only mentions the word in its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Title,
    Result,
    Indicator,
    Description,
    /// Institutions as printed, with their codes and full names.
    Institutions,
    Plan,
    Direction,
    Deadline,
    Status,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Id,
        Field::Title,
        Field::Result,
        Field::Indicator,
        Field::Description,
        Field::Institutions,
        Field::Plan,
        Field::Direction,
        Field::Deadline,
        Field::Status,
    ];

    /// Relative importance of a match in this field.
    pub fn weight(self) -> u32 {
        match self {
            Field::Id => 12,
            Field::Title => 8,
            Field::Institutions => 4,
            Field::Result | Field::Indicator => 3,
            Field::Direction | Field::Status | Field::Deadline => 2,
            Field::Plan | Field::Description => 1,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Result => "result",
            Field::Indicator => "indicator",
            Field::Description => "description",
            Field::Institutions => "institutions",
            Field::Plan => "plan",
            Field::Direction => "direction",
            Field::Deadline => "deadline",
            Field::Status => "status",
        }
    }
}

/// One searchable thing with its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    /// Page URL relative to the site root ("plani/x/pasakumi/1.1/").
    pub url: String,
    /// Measure number or institution code, as printed.
    pub id: String,
    /// Plain text title.
    pub title: String,
    /// Plan slug (facet); `None` for documents not belonging to one plan.
    pub plan: Option<String>,
    /// Responsible institutions as printed.
    pub responsible: Vec<String>,
    /// Codes of every institution the document names (facet), sorted.
    pub institutions: Vec<String>,
    /// Deadline as printed.
    pub deadline: Option<String>,
    /// Year of the deadline (facet).
    pub year: Option<i32>,
    /// Status term (facet).
    pub status: Option<&'static str>,
    /// Text per field; a field may appear more than once.
    pub fields: Vec<(Field, String)>,
}

impl Document {
    /// Stable key for tests and reports: "plan/id" for measures, "iestade/code" for institutions.
    pub fn key(&self) -> String {
        match (&self.plan, self.kind) {
            (Some(plan), Kind::Measure) => format!("{plan}/{}", self.id),
            _ => format!("{}/{}", self.kind.slug(), self.id),
        }
    }
}

/// A plan's label for results and facets: its short title from `content/`, else its title.
pub fn plan_label(plan: &Plan, content: &Content) -> String {
    content
        .plans
        .iter()
        .find(|p| p.slug == plan.slug)
        .and_then(|p| p.meta.short_title.clone())
        .unwrap_or_else(|| plan.title.clone())
}

/// Every document, measures in plan and document order, then institutions by slug.
pub fn documents(library: &Library, content: &Content) -> Vec<Document> {
    let mut docs = Vec::new();
    for plan in &library.plans {
        let label = plan_label(plan, content);
        docs.extend(
            plan.measures
                .iter()
                .map(|m| measure_document(library, plan, &label, m)),
        );
    }
    docs.extend(library.institutions.iter().map(institution_document));
    docs
}

fn measure_document(library: &Library, plan: &Plan, label: &str, measure: &Measure) -> Document {
    let plain = |text: &str| strip_footnote_markers(text);
    let mut fields = vec![
        (Field::Id, measure.id.clone()),
        (Field::Title, plain(&measure.title)),
        (Field::Plan, format!("{label} {}", plain(&plan.title))),
    ];
    for (field, text) in [
        (Field::Result, &measure.result),
        (Field::Indicator, &measure.indicator),
        (Field::Description, &measure.description),
        (Field::Title, &measure.parent_title),
        (Field::Direction, &measure.section),
        (Field::Status, &measure.status_text),
    ] {
        if let Some(text) = text {
            fields.push((field, plain(text)));
        }
    }
    if let Some(direction) = plan.directions.iter().find(|d| d.id == measure.direction) {
        fields.push((Field::Direction, plain(&direction.title)));
    }
    if !measure.deadline.raw.is_empty() {
        fields.push((Field::Deadline, plain(&measure.deadline.raw)));
    }
    if let Some(status) = measure.status {
        fields.push((Field::Status, status.term().to_string()));
    }
    let mut institutions = BTreeSet::new();
    for entry in measure
        .responsible
        .iter()
        .chain(&measure.co_responsible)
        .chain(&measure.involved)
    {
        fields.push((Field::Institutions, plain(entry)));
        for institution in library.institution_for(entry) {
            institutions.insert(institution.code.clone());
            if let Some(name) = &institution.name {
                fields.push((Field::Institutions, name.clone()));
            }
        }
    }
    Document {
        kind: Kind::Measure,
        url: urls::measure(&plan.slug, &measure.id),
        id: measure.id.clone(),
        title: plain(&measure.title),
        plan: Some(plan.slug.clone()),
        responsible: measure.responsible.iter().map(|e| plain(e)).collect(),
        institutions: institutions.into_iter().collect(),
        deadline: Some(plain(&measure.deadline.raw)).filter(|d| !d.is_empty()),
        year: measure.deadline.year(),
        status: measure.status.map(|s| s.term()),
        fields,
    }
}

fn institution_document(institution: &Institution) -> Document {
    let mut fields = vec![(Field::Id, institution.code.clone())];
    for alias in &institution.aliases {
        fields.push((Field::Id, alias.clone()));
    }
    if let Some(name) = &institution.name {
        fields.push((Field::Title, name.clone()));
    }
    Document {
        kind: Kind::Institution,
        url: urls::institution(&institution.slug),
        id: institution.code.clone(),
        title: institution
            .name
            .clone()
            .unwrap_or_else(|| institution.code.clone()),
        plan: None,
        responsible: Vec::new(),
        institutions: vec![institution.code.clone()],
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}
