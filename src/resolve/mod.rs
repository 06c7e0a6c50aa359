//! Links between plans: the one linker. After [`resolve`], the [`Library`] holds every entity a
//! page or a search document refers to, with its slug and backlinks, and the resolved entity of
//! every institution mention of every cell; render and search only read it.
//!
//! - [`institutions`]: which institution (per document meaning) or group every cell entry
//!   means, and the institutions and groups with their measures;
//! - [`registry`]: `content/institutions.toml`, the canonical bodies, groups and corrections;
//! - [`budget`]: budget programmes and ministries across plans, ministries linked to their
//!   institutions, and the measures a budget row's numbers name;
//! - [`thread`]: which plan each plan continues (front matter `follows`), checked;
//! - [`urls`]: the one place page URLs are defined.

pub mod budget;
pub mod institutions;
pub mod registry;
pub mod thread;
pub mod urls;

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::model::changes::History;
use crate::model::Plan;
use serde::Serialize;
use std::collections::BTreeMap;

/// The linked model every output is rendered from.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub plans: Vec<Plan>,
    /// Every institution, sorted by slug: one per body, so a code two documents define
    /// differently is two institutions.
    pub institutions: Vec<Institution>,
    /// Every group of institutions a cell names ("Pašvaldības"), sorted by slug.
    pub groups: Vec<Group>,
    /// Every institution cell as resolved: its entries, split into linked pieces.
    pub cells: BTreeMap<Cell, Vec<Entry>>,
    /// Every budget programme the plans' budget tables name, sorted by code.
    pub programmes: Vec<budget::Programme>,
    /// Every ministry (budget resort) they name, sorted by slug.
    pub ministries: Vec<budget::Ministry>,
    /// What each plan's definitions ("VP - Valsts policija") resolved to, by plan slug and the
    /// code as the plan prints it.
    pub definitions: BTreeMap<(String, String), Entity>,
    /// The seed documents as read, so pages can quote and link the exact source lines without
    /// the renderer reading `seeds/`.
    pub sources: Vec<SourceDocument>,
    /// The editions and changes of every plan whose front matter lists `[[editions]]`, in
    /// portal order; plans with a single `source` have none.
    pub histories: Vec<History>,
}

impl Library {
    /// The editions and changes of the plan `slug`, when it lists editions.
    pub fn history(&self, slug: &str) -> Option<&History> {
        self.histories.iter().find(|h| h.plan == slug)
    }
}

/// One seed file's text, split into lines (line `n` is `lines[n - 1]`).
#[derive(Debug, Clone, Default)]
pub struct SourceDocument {
    /// The seed file name.
    pub file: String,
    /// Slug of the plan read from it.
    pub plan: String,
    pub lines: Vec<String>,
}

/// The role an institution has in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Responsible,
    CoResponsible,
    Involved,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Responsible, Role::CoResponsible, Role::Involved];
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

/// One institution: a single body, as one or more documents mean it.
#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    /// URL segment, from the code with diacritics folded ("ĢP" → "gp"); a code with two
    /// meanings adds the name ("nva-nodrosinajuma-valsts-agentura").
    pub slug: String,
    /// The canonical code (or name, for bodies printed without a code).
    pub code: String,
    /// Full name from the registry, the documents' definitions, or none.
    pub name: Option<String>,
    /// Slug of the body it is subordinate to.
    pub parent: Option<String>,
    /// Other spellings seen or known ("IEM" for "IeM", "VSC" for "IeM VSC").
    pub aliases: Vec<String>,
    pub defined_in: Vec<Definition>,
    /// Slugs of the plans that name or define it in this meaning, in portal order.
    pub documents: Vec<String>,
    /// Every measure naming it, sorted.
    pub measures: Vec<MeasureRef>,
    /// Slug of its budget resort page, when it is a ministry the budget tables fund.
    pub ministry: Option<String>,
}

/// A group of institutions named by one phrase ("Pašvaldības", "citas iesaistītās
/// institūcijas"): never counted as one institution.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub slug: String,
    /// The phrase as its page title.
    pub name: String,
    /// Other phrases printed for it.
    pub phrases: Vec<String>,
    /// Who belongs to it: from the registry, or the definition a document gives.
    pub description: Option<String>,
    pub defined_in: Vec<Definition>,
    /// Slugs of the plans naming it, in portal order.
    pub documents: Vec<String>,
    pub measures: Vec<MeasureRef>,
}

/// What a piece of a cell links to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "slug", rename_all = "snake_case")]
pub enum Entity {
    Institution(String),
    Group(String),
}

/// Where an institution cell is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    /// A measure's responsible, co-responsible or involved institutions.
    Measure {
        plan: String,
        measure: String,
        role: Role,
    },
    /// A strategy goal's "Iesaistītās iestādes", by area id and goal position.
    Goal {
        plan: String,
        area: String,
        goal: usize,
    },
    /// The institution of one row of an indicator split by institution.
    IndicatorRow {
        plan: String,
        indicator: String,
        row: usize,
    },
}

/// One entry of a cell as printed ("IeM (VP, VPK)"), in pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub pieces: Vec<Piece>,
}

impl Entry {
    /// The entry's text, with codes in their canonical spelling.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    /// What the entry names, in order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.pieces.iter().filter_map(|p| p.entity.as_ref())
    }
}

/// A piece of an entry: a code or name with what it means, or the text between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub entity: Option<Entity>,
}

impl Library {
    /// The plan with this slug.
    pub fn plan(&self, slug: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.slug == slug)
    }

    /// The institution with this slug.
    pub fn institution(&self, slug: &str) -> Option<&Institution> {
        self.institutions
            .binary_search_by(|i| i.slug.as_str().cmp(slug))
            .ok()
            .map(|at| &self.institutions[at])
    }

    /// The group with this slug.
    pub fn group(&self, slug: &str) -> Option<&Group> {
        self.groups
            .binary_search_by(|g| g.slug.as_str().cmp(slug))
            .ok()
            .map(|at| &self.groups[at])
    }

    /// The resolved entries of a cell (none for a cell no document fills).
    pub fn cell(&self, cell: &Cell) -> &[Entry] {
        self.cells.get(cell).map(Vec::as_slice).unwrap_or_default()
    }

    /// The resolved entries of one role's cell of a measure.
    pub fn measure_cell(&self, plan: &str, measure: &str, role: Role) -> &[Entry] {
        self.cell(&Cell::Measure {
            plan: plan.to_string(),
            measure: measure.to_string(),
            role,
        })
    }

    /// Institutions whose parent is `slug`, by slug.
    pub fn children(&self, slug: &str) -> Vec<&Institution> {
        self.institutions
            .iter()
            .filter(|i| i.parent.as_deref() == Some(slug))
            .collect()
    }

    /// Every institution below `slug`: its children, theirs, and so on, by slug.
    pub fn descendants(&self, slug: &str) -> Vec<&Institution> {
        let mut found: Vec<&Institution> = Vec::new();
        let mut queue = vec![slug];
        while let Some(at) = queue.pop() {
            for child in self.children(at) {
                if !found.iter().any(|f| f.slug == child.slug) {
                    found.push(child);
                    queue.push(&child.slug);
                }
            }
        }
        found.sort_by(|a, b| a.slug.cmp(&b.slug));
        found
    }

    /// What a plan's definition of `code` (as the plan prints it) resolved to.
    pub fn definition(&self, plan: &str, code: &str) -> Option<&Entity> {
        self.definitions.get(&(plan.to_string(), code.to_string()))
    }

    /// An institution's code, with its name when another institution has the same code ("NVA"
    /// meaning two bodies in two documents): a label that names one institution, as search
    /// facets need.
    pub fn distinct_code(&self, institution: &Institution) -> String {
        let shared = self
            .institutions
            .iter()
            .any(|i| i.slug != institution.slug && i.code == institution.code);
        match &institution.name {
            Some(name) if shared => format!("{} ({name})", institution.code),
            _ => institution.code.clone(),
        }
    }

    /// The page URL of an entity (site-relative).
    pub fn url(&self, entity: &Entity) -> String {
        match entity {
            Entity::Institution(slug) => urls::institution(slug),
            Entity::Group(slug) => urls::group(slug),
        }
    }

    /// The code (or phrase) and full name of an entity, for link texts and search.
    pub fn label(&self, entity: &Entity) -> (String, Option<String>) {
        match entity {
            Entity::Institution(slug) => self
                .institution(slug)
                .map(|i| (i.code.clone(), i.name.clone()))
                .unwrap_or_default(),
            Entity::Group(slug) => self
                .group(slug)
                .map(|g| (g.name.clone(), g.description.clone()))
                .unwrap_or_default(),
        }
    }
}

/// Links the extracted plans: resolves every institution mention (the measures' cells rewritten
/// to canonical spellings), builds the institutions and groups with their measures, and the
/// budget programmes and ministries with their rows.
pub fn resolve(
    mut plans: Vec<Plan>,
    sources: Vec<SourceDocument>,
    content: &Content,
) -> (Library, Vec<Diagnostic>) {
    let mut resolved = institutions::resolve(&mut plans, &sources, &content.registry);
    let (programmes, ministries) = budget::resolve(&plans, &mut resolved.institutions);
    resolved.diagnostics.extend(thread::check(content));
    (
        Library {
            plans,
            programmes,
            ministries,
            institutions: resolved.institutions,
            groups: resolved.groups,
            cells: resolved.cells,
            definitions: resolved.definitions,
            sources,
            histories: Vec::new(),
        },
        resolved.diagnostics,
    )
}

/// A URL segment: case and diacritics [folded](crate::text::fold), other characters as single
/// hyphens ("ĢP" → "gp", "CERT.LV" → "cert-lv", "VP GKrPP KIP" → "vp-gkrpp-kip").
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in crate::text::fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_diacritics_and_punctuation() {
        assert_eq!(slugify("ĢP"), "gp");
        assert_eq!(slugify("CERT.LV"), "cert-lv");
        assert_eq!(slugify("VP GKrPP KIP"), "vp-gkrpp-kip");
        assert_eq!(slugify("ĀM"), "am");
    }
}
