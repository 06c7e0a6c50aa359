//! Views of the institution pages (the index, one page per institution and per group) and the
//! glossary of abbreviations, all read from the library's resolved institutions; and the
//! segments every institution cell is shown in.

use super::{plain_title, FilterOption, Link, MeasureRow, Page, PageHead, Pages, Segment};
use crate::resolve::{urls, Entity, Entry, Group, Institution, MeasureRef, Role};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionRow {
    pub code: String,
    pub name: Option<String>,
    pub url: String,
    pub measures: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionsView {
    pub rows: Vec<InstitutionRow>,
    /// Groups of institutions, listed apart and not counted among them.
    pub groups: Vec<InstitutionRow>,
}

/// What a group's link says it is, next to its phrase.
pub const GROUP_LABEL: &str = "institūciju grupa";

/// A measure naming subordinate bodies of an institution, and which.
#[derive(Debug, Clone, Serialize)]
pub struct SubordinateRow {
    pub measure: MeasureRow,
    pub bodies: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubordinatePlan {
    pub plan: Link,
    pub anchor: String,
    pub reports_status: bool,
    pub rows: Vec<SubordinateRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub name: String,
    pub phrases: Vec<String>,
    pub description: Option<String>,
    pub defined_in: Vec<Link>,
    pub documents: Vec<Link>,
    pub measures: usize,
    pub plans: Vec<InstitutionPlan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleGroup {
    pub label: &'static str,
    /// The role's slug ("atbildiga"), for the role filter.
    pub role: &'static str,
    pub anchor: String,
    pub rows: Vec<MeasureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionPlan {
    pub plan: Link,
    pub anchor: String,
    pub reports_status: bool,
    pub roles: Vec<RoleGroup>,
    /// Measures per role ([`Role::ALL`] order, 0 where none) and in all, for the counts table.
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionView {
    pub code: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    /// Where documents define the code: the plan and line, linked to the source view.
    pub defined_in: Vec<Link>,
    /// The plans naming or defining it in this meaning.
    pub documents: Vec<Link>,
    pub measures: usize,
    pub plans: Vec<InstitutionPlan>,
    /// The roles as filter options and counts-table columns.
    pub roles: Vec<FilterOption>,
    /// The years its measures are due in, for the year filter.
    pub years: Vec<i32>,
    /// Measures naming its subordinate bodies (at any depth) but not it, by plan.
    pub subordinate: Vec<SubordinatePlan>,
    pub subordinate_measures: usize,
    /// The institution's page as a budget resort, and its programmes.
    pub ministry: Option<Link>,
    pub programmes: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryRow {
    pub code: String,
    pub name: String,
    pub plan: Link,
    /// The line defining the code, linked to the source view.
    pub source: Link,
    pub institution_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    pub rows: Vec<GlossaryRow>,
}

impl Pages<'_> {
    /// The entries of a cell as segments.
    pub(super) fn entries(&self, cell: &crate::resolve::Cell) -> Vec<Vec<Segment>> {
        self.library
            .cell(cell)
            .iter()
            .map(|e| self.segments(e))
            .collect()
    }

    /// A resolved entry as segments: each piece naming an institution or group linked to its
    /// page, with the institution's full name (a group says it is one).
    pub(super) fn segments(&self, entry: &Entry) -> Vec<Segment> {
        entry
            .pieces
            .iter()
            .map(|piece| {
                let name = match &piece.entity {
                    Some(Entity::Institution(slug)) => self
                        .library
                        .institution(slug)
                        .and_then(|i| i.name.as_deref())
                        .map(plain_title)
                        .filter(|name| *name != piece.text),
                    Some(Entity::Group(_)) => Some(GROUP_LABEL.to_string()),
                    None => None,
                };
                Segment {
                    text: piece.text.clone(),
                    url: piece
                        .entity
                        .as_ref()
                        .map(|e| self.url(&self.library.url(e))),
                    name,
                }
            })
            .collect()
    }

    fn institutions_crumbs(&self) -> Vec<Link> {
        vec![
            self.home_crumb(),
            Link {
                text: "Iestādes".to_string(),
                url: self.url(urls::INSTITUTIONS),
            },
        ]
    }

    pub fn institutions(&self) -> (PageHead, InstitutionsView) {
        let rows = self
            .library
            .institutions
            .iter()
            .map(|i| InstitutionRow {
                code: i.code.clone(),
                name: i.name.as_deref().map(plain_title),
                url: self.url(&urls::institution(&i.slug)),
                measures: distinct_measures(&i.measures),
            })
            .collect();
        let groups = self
            .library
            .groups
            .iter()
            .map(|g| InstitutionRow {
                code: g.name.clone(),
                name: g.description.as_deref().map(plain_title),
                url: self.url(&urls::group(&g.slug)),
                measures: distinct_measures(&g.measures),
            })
            .collect();
        let head = PageHead {
            title: "Iestādes".to_string(),
            crumb: "Iestādes".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "iestades",
        };
        (head, InstitutionsView { rows, groups })
    }

    /// The measures of `refs` in each plan, grouped by role, as tables.
    fn plans_by_role(&self, refs: &[MeasureRef]) -> Vec<InstitutionPlan> {
        // The rows `refs` name, by plan, not a scan of every measure of the portal: there are
        // as many institution pages as institutions, and each lists only its own measures.
        let mut named: BTreeMap<usize, BTreeSet<(Role, usize)>> = BTreeMap::new();
        for r in refs {
            for &(plan, measure) in self.rows_of(&r.plan, &r.measure) {
                named.entry(plan).or_default().insert((r.role, measure));
            }
        }
        named
            .into_iter()
            .map(|(plan, rows)| {
                let plan = &self.library.plans[plan];
                let roles: Vec<RoleGroup> = Role::ALL
                    .into_iter()
                    .filter_map(|role| {
                        let rows: Vec<MeasureRow> = rows
                            .range((role, 0)..=(role, usize::MAX))
                            .map(|&(_, m)| self.row(plan, &plan.measures[m]))
                            .collect();
                        (!rows.is_empty()).then(|| RoleGroup {
                            label: role_group_label(role),
                            role: role_slug(role),
                            anchor: format!("{}-{}", plan.slug, role_slug(role)),
                            rows,
                        })
                    })
                    .collect();
                let counts = Role::ALL
                    .into_iter()
                    .map(|role| {
                        roles
                            .iter()
                            .find(|g| g.role == role_slug(role))
                            .map_or(0, |g| g.rows.len())
                    })
                    .collect();
                let total = rows.iter().map(|&(_, m)| m).collect::<BTreeSet<_>>().len();
                InstitutionPlan {
                    plan: self.plan_link(plan),
                    anchor: format!("plans-{}", plan.slug),
                    reports_status: plan.reports_status,
                    roles,
                    counts,
                    total,
                }
            })
            .collect()
    }

    pub fn institution(&self, institution: &Institution) -> (PageHead, InstitutionView) {
        let link = |i: &Institution| Link {
            text: institution_title(i),
            url: self.url(&urls::institution(&i.slug)),
        };
        let parent = institution
            .parent
            .as_deref()
            .and_then(|slug| self.library.institution(slug))
            .map(link);
        let children = self
            .library
            .children(&institution.slug)
            .into_iter()
            .map(link)
            .collect();
        let descendants = self.library.descendants(&institution.slug);
        let own: BTreeSet<(&str, &str)> = institution
            .measures
            .iter()
            .map(|r| (r.plan.as_str(), r.measure.as_str()))
            .collect();
        let mut below: BTreeMap<(&str, &str), Vec<&Institution>> = BTreeMap::new();
        for d in &descendants {
            for r in &d.measures {
                let at = (r.plan.as_str(), r.measure.as_str());
                if !own.contains(&at) {
                    let bodies = below.entry(at).or_default();
                    if !bodies.iter().any(|b| b.slug == d.slug) {
                        bodies.push(d);
                    }
                }
            }
        }
        // The rows naming them, by plan, in document order.
        let mut rows_below: BTreeMap<usize, BTreeMap<usize, &Vec<&Institution>>> = BTreeMap::new();
        for (&(plan, measure), bodies) in &below {
            for &(p, m) in self.rows_of(plan, measure) {
                rows_below.entry(p).or_default().insert(m, bodies);
            }
        }
        let subordinate: Vec<SubordinatePlan> = rows_below
            .into_iter()
            .map(|(plan, rows)| {
                let plan = &self.library.plans[plan];
                SubordinatePlan {
                    plan: self.plan_link(plan),
                    anchor: format!("{}-padotibas", plan.slug),
                    reports_status: plan.reports_status,
                    rows: rows
                        .into_iter()
                        .map(|(m, bodies)| SubordinateRow {
                            measure: self.row(plan, &plan.measures[m]),
                            bodies: bodies
                                .iter()
                                .map(|b| Link {
                                    text: b.code.clone(),
                                    url: self.url(&urls::institution(&b.slug)),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        let title = institution_title(institution);
        let head = PageHead {
            title,
            crumb: institution.code.clone(),
            breadcrumbs: self.institutions_crumbs(),
            section: "iestades",
        };
        let view = InstitutionView {
            code: institution.code.clone(),
            name: institution.name.as_deref().map(plain_title),
            aliases: institution.aliases.clone(),
            parent,
            children,
            defined_in: self.definition_links(&institution.defined_in),
            documents: self.document_links(&institution.documents),
            measures: distinct_measures(&institution.measures),
            plans: self.plans_by_role(&institution.measures),
            roles: Role::ALL
                .into_iter()
                .map(|role| FilterOption {
                    value: role_slug(role).to_string(),
                    text: role_group_label(role).to_string(),
                })
                .collect(),
            years: {
                let years: BTreeSet<i32> = institution
                    .measures
                    .iter()
                    .filter_map(|r| self.measures.get(&(r.plan.as_str(), r.measure.as_str())))
                    .flat_map(|(p, m)| self.years_covered(p, m))
                    .collect();
                years.into_iter().collect()
            },
            subordinate_measures: below.len(),
            subordinate,
            ministry: self.institution_ministry(institution),
            programmes: self.institution_programmes(institution),
        };
        (head, view)
    }

    /// A group's page: what the phrase stands for, and the measures naming it.
    pub fn group(&self, group: &Group) -> (PageHead, GroupView) {
        let head = PageHead {
            title: format!("{} ({GROUP_LABEL})", plain_title(&group.name)),
            crumb: plain_title(&group.name),
            breadcrumbs: self.institutions_crumbs(),
            section: "iestades",
        };
        let view = GroupView {
            name: plain_title(&group.name),
            phrases: group.phrases.clone(),
            description: group.description.as_deref().map(plain_title),
            defined_in: self.definition_links(&group.defined_in),
            documents: self.document_links(&group.documents),
            measures: distinct_measures(&group.measures),
            plans: self.plans_by_role(&group.measures),
        };
        (head, view)
    }

    /// Where documents define a code: "<plan>, rinda 41", linked to the line in the source view
    /// (a definition from a content file is named by its file and line, unlinked).
    fn definition_links(&self, definitions: &[crate::resolve::Definition]) -> Vec<Link> {
        definitions
            .iter()
            .map(|d| match self.plan_by_source.get(d.file.as_str()) {
                Some(plan) => {
                    let place = self.source_link(plan, (d.line, d.line));
                    Link {
                        text: format!("{}, {}", self.short_title(plan), place.text),
                        url: place.url,
                    }
                }
                None => Link {
                    text: format!("{}:{}", d.file, d.line),
                    url: String::new(),
                },
            })
            .collect()
    }

    /// Links to the plans with these slugs, in portal order.
    fn document_links(&self, slugs: &[String]) -> Vec<Link> {
        let slugs: HashSet<&str> = slugs.iter().map(String::as_str).collect();
        self.library
            .plans
            .iter()
            .filter(|p| slugs.contains(p.slug.as_str()))
            .map(|p| self.plan_link(p))
            .collect()
    }

    pub fn glossary(&self) -> (PageHead, GlossaryView) {
        let mut rows: Vec<(String, usize, GlossaryRow)> = self
            .library
            .plans
            .iter()
            .enumerate()
            .flat_map(|(order, plan)| {
                plan.abbreviations.iter().map(move |a| {
                    let entity = self.library.definition(&plan.slug, &a.code);
                    let row = GlossaryRow {
                        code: a.code.clone(),
                        name: plain_title(&a.name),
                        plan: self.plan_link(plan),
                        source: self.source_link(plan, (a.line, a.line)),
                        institution_url: entity.map(|e| self.url(&self.library.url(e))),
                    };
                    (crate::text::fold(&a.code), order, row)
                })
            })
            .collect();
        // By code, then plan order; stable, so document order within a plan.
        rows.sort_by(|a, b| (&a.0, a.1, &a.2.code).cmp(&(&b.0, b.1, &b.2.code)));
        let head = PageHead {
            title: "Saīsinājumi".to_string(),
            crumb: "Saīsinājumi".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "saisinajumi",
        };
        (
            head,
            GlossaryView {
                rows: rows.into_iter().map(|(_, _, row)| row).collect(),
            },
        )
    }
}

/// "VP — Valsts policija", or the code alone when no other name is known.
pub(super) fn institution_title(institution: &Institution) -> String {
    match institution.name.as_deref().map(plain_title) {
        Some(name) if name != institution.code => format!("{} — {name}", institution.code),
        _ => institution.code.clone(),
    }
}

fn distinct_measures(refs: &[MeasureRef]) -> usize {
    refs.iter()
        .map(|r| (&r.plan, &r.measure))
        .collect::<BTreeSet<_>>()
        .len()
}

fn role_group_label(role: Role) -> &'static str {
    match role {
        Role::Responsible => "Kā atbildīgā",
        Role::CoResponsible => "Kā līdzatbildīgā",
        Role::Involved => "Kā iesaistītā",
    }
}

fn role_slug(role: Role) -> &'static str {
    match role {
        Role::Responsible => "atbildiga",
        Role::CoResponsible => "lidzatbildiga",
        Role::Involved => "iesaistita",
    }
}

/// The institutions index.
pub(in crate::render) fn index<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::INSTITUTIONS, move || pages.institutions())]
}

/// One page per institution.
pub(in crate::render) fn institutions<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .institutions
        .iter()
        .map(|i| Page::at(&urls::institution(&i.slug), move || pages.institution(i)))
        .collect()
}

/// One page per group of institutions.
pub(in crate::render) fn groups<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .groups
        .iter()
        .map(|g| Page::at(&urls::group(&g.slug), move || pages.group(g)))
        .collect()
}

/// The glossary of abbreviations.
pub(in crate::render) fn glossary<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    vec![Page::at(urls::GLOSSARY, move || pages.glossary())]
}
