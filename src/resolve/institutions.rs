//! Institution identity: which body, or which group of bodies, every institution mention of
//! every document means.
//!
//! Documents define their abbreviations themselves, and not always alike: "NVA" is the
//! Nodrošinājuma valsts aģentūra in the interior strategy and the Nodarbinātības valsts aģentūra
//! in the 2009–2013 report. So a mention is read in its own document first:
//!
//! 1. a phrase the [registry](super::registry) lists as a group is that group;
//! 2. a code (or phrase) the document's own list or footnote defines means what it defines
//!    (after the registry's corrections): the registry body of that name, else a body of that
//!    code and name;
//! 3. a code the document does not define means the registry body of that code, or what the
//!    other documents define it as; when those offer several meanings, the one whose name the
//!    document's text prints (the strategy spells out "Nodrošinājuma valsts aģentūra");
//! 4. a name means the registry body or defined code of that name; a generic or plural phrase
//!    ("pašvaldības policija", "Augstskolas") is a [group](is_group_phrase); any other name is a
//!    body of its own.
//!
//! Two meanings of one code are two institutions with their own slugs and pages, and the
//! collision is reported once as a note. The same body written two ways ("VSC" and
//! "IeM VSC"; "LPS" and "Latvijas Pašvaldību savienība") is one institution.

use super::registry::{code_key, name_key, Registry};
use super::{
    slugify, urls, Cell, Definition, Entity, Entry, Group, Institution, MeasureRef, Piece, Role,
    SourceDocument,
};
use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use crate::text::{fold, is_institution_code, strip_footnote_markers};
use std::collections::{BTreeMap, BTreeSet};

/// Which body a part of a cell means, before bodies have slugs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A body of the registry, by index.
    Registry(usize),
    /// A code a document defines, with the name it gives (both as comparison keys).
    Defined { code: String, name: String },
    /// A code nothing defines, by [`code_key`].
    Undefined(String),
    /// A body printed by its name only, by [`name_key`].
    Named(String),
}

/// Which group a part means.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey {
    Registry(usize),
    /// A phrase recognised as a group, by [`name_key`].
    Phrase(String),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Meaning {
    Body(Key),
    Group(GroupKey),
}

/// A document's definition of a code, corrected where the registry says it is wrong.
#[derive(Debug, Clone)]
struct Def {
    spelling: String,
    name: String,
    /// [`name_key`] of the name.
    name_key: String,
}

/// A place in the documents: plan index, seed file, line; ordered as the portal lists plans.
type Place = (usize, String, usize);

/// What the documents say about one body or group while the registry is built.
#[derive(Debug, Default)]
struct Draft {
    /// Spellings in first-seen order, with how often cells print each.
    spellings: Vec<(String, usize)>,
    /// The spelling and name the first definition gives.
    defined_as: Option<String>,
    name: Option<String>,
    definitions: Vec<Definition>,
    /// Where a cell first names it: plan index, file, line.
    first_use: Option<Place>,
    /// Where it is first defined or named: plan index, file, line.
    first_seen: Option<Place>,
    /// Indices of the plans naming or defining it.
    plans: BTreeSet<usize>,
    /// The body a document prints it under ("IeM (VP)").
    parent: Option<Key>,
    measures: BTreeSet<MeasureRef>,
}

impl Draft {
    fn note_spelling(&mut self, spelling: &str, uses: usize) {
        match self.spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += uses,
            None => self.spellings.push((spelling.to_string(), uses)),
        }
    }

    fn seen(&mut self, plan: usize, file: &str, line: usize) {
        self.plans.insert(plan);
        let here = (plan, file.to_string(), line);
        if self.first_seen.as_ref().is_none_or(|first| here < *first) {
            self.first_seen = Some(here);
        }
    }

    /// The spelling a document defines, else the one cells print most (first seen on ties).
    fn spelling(&self) -> &str {
        if let Some(defined) = &self.defined_as {
            return defined;
        }
        let mut best = &self.spellings[0];
        for candidate in &self.spellings[1..] {
            if candidate.1 > best.1 {
                best = candidate;
            }
        }
        &best.0
    }
}

/// Everything identity resolution produces for the [`super::Library`].
#[derive(Debug, Default)]
pub(super) struct Resolved {
    pub institutions: Vec<Institution>,
    pub groups: Vec<Group>,
    pub cells: BTreeMap<Cell, Vec<Entry>>,
    /// What each plan's definitions resolved to, by (plan slug, code as printed).
    pub definitions: BTreeMap<(String, String), Entity>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A cell entry split into parts, each with what it means.
type Parts = Vec<(String, Option<Meaning>)>;

/// Resolves every institution mention of every plan, rewrites the measures' cells to the
/// canonical spelling of the codes they print, and builds the institutions and groups.
pub(super) fn resolve(
    plans: &mut [Plan],
    sources: &[SourceDocument],
    registry: &Registry,
) -> Resolved {
    let mut diagnostics = Vec::new();
    let lookup = Lookup::new(plans, sources, registry, &mut diagnostics);
    let mut bodies: BTreeMap<Key, Draft> = BTreeMap::new();
    let mut groups: BTreeMap<GroupKey, Draft> = BTreeMap::new();
    let mut definitions: Vec<((String, String), Meaning)> = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        for a in &plan.abbreviations {
            let def = &lookup.own[p][&code_key(&a.code)];
            let meaning = lookup.defined_meaning(def);
            let draft = draft(&mut bodies, &mut groups, &meaning);
            draft.note_spelling(&def.spelling, 0);
            draft.defined_as.get_or_insert_with(|| def.spelling.clone());
            draft.name.get_or_insert_with(|| def.name.clone());
            draft.definitions.push(Definition {
                file: plan.source.clone(),
                line: a.line,
            });
            draft.seen(p, &plan.source, a.line);
            definitions.push(((plan.slug.clone(), a.code.clone()), meaning));
        }
    }
    let mut cells: Vec<(Cell, Vec<Parts>)> = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        for (place, entries, line) in mention_sites(plan) {
            let mut resolved = Vec::new();
            for entry in entries {
                let parts = lookup.parts(p, entry, line, &mut diagnostics);
                let meanings: Vec<&Meaning> =
                    parts.iter().filter_map(|(_, m)| m.as_ref()).collect();
                for (text, meaning) in &parts {
                    let Some(meaning) = meaning else { continue };
                    let draft = draft(&mut bodies, &mut groups, meaning);
                    draft.note_spelling(text, 1);
                    draft.seen(p, &plan.source, line);
                    draft
                        .first_use
                        .get_or_insert((p, plan.source.clone(), line));
                    if let Cell::Measure {
                        plan,
                        measure,
                        role,
                        ..
                    } = &place
                    {
                        draft.measures.insert(MeasureRef {
                            plan: plan.clone(),
                            measure: measure.clone(),
                            role: *role,
                        });
                    }
                }
                // "IeM (VP, VPK)": the head is the parent of the bodies in parentheses.
                if let [Meaning::Body(head), inner @ ..] = meanings.as_slice() {
                    for child in inner {
                        if let Meaning::Body(child) = child {
                            if child != head {
                                if let Some(d) = bodies.get_mut(child) {
                                    d.parent.get_or_insert_with(|| head.clone());
                                }
                            }
                        }
                    }
                }
                resolved.push(parts);
            }
            cells.push((place, resolved));
        }
    }
    let pages = pages(&bodies, registry);
    for key in &pages {
        bodies.entry(key.clone()).or_default();
    }
    let parents = parents(&bodies, &pages, registry);
    let institution_slugs = institution_slugs(&bodies, &pages, registry);
    let group_slugs = group_slugs(&groups, registry);
    undefined_warnings(&bodies, &pages, &mut diagnostics);
    let slug_of = |meaning: &Meaning| match meaning {
        Meaning::Body(key) => institution_slugs.get(key).cloned().map(Entity::Institution),
        Meaning::Group(key) => group_slugs.get(key).cloned().map(Entity::Group),
    };
    let spelling_of = |key: &Key| match key {
        Key::Registry(i) => registry.institutions[*i].code.clone(),
        key => bodies[key].spelling().to_string(),
    };

    let mut resolved_cells = BTreeMap::new();
    for (place, parts) in cells {
        let mut entries: Vec<Entry> = Vec::new();
        for parts in parts {
            let entry = entry(parts, &slug_of, &spelling_of);
            let text = name_key(&entry.text());
            if !text.is_empty() && !entries.iter().any(|e| name_key(&e.text()) == text) {
                entries.push(entry);
            }
        }
        resolved_cells.insert(place, entries);
    }
    rewrite_measure_cells(plans, &resolved_cells);

    let mut institutions: Vec<Institution> = pages
        .iter()
        .map(|key| {
            let d = &bodies[key];
            let code = spelling_of(key);
            let (name, parent) = match key {
                Key::Registry(i) => {
                    let body = &registry.institutions[*i];
                    (Some(body.name.clone()), body.parent.map(Key::Registry))
                }
                _ => (d.name.clone(), parents.get(key).cloned()),
            };
            // Other spellings of the code; the name written out is no alias.
            let registered = match key {
                Key::Registry(i) => registry.institutions[*i].aliases.as_slice(),
                _ => &[],
            };
            let aliases: BTreeSet<String> = d
                .spellings
                .iter()
                .map(|(s, _)| s)
                .chain(registered)
                .filter(|s| **s != code)
                .filter(|s| name.as_deref().is_none_or(|n| name_key(n) != name_key(s)))
                .cloned()
                .collect();
            Institution {
                slug: institution_slugs[key].clone(),
                code,
                name,
                parent: parent.and_then(|p| institution_slugs.get(&p).cloned()),
                aliases: aliases.into_iter().collect(),
                defined_in: d.definitions.clone(),
                documents: d.plans.iter().map(|p| plans[*p].slug.clone()).collect(),
                measures: d.measures.iter().cloned().collect(),
                ministry: None,
            }
        })
        .collect();
    institutions.sort_by(|a, b| a.slug.cmp(&b.slug));
    collision_notes(
        &institutions,
        &bodies,
        &pages,
        &institution_slugs,
        plans,
        &mut diagnostics,
    );

    let mut groups: Vec<Group> = groups
        .iter()
        .filter(|(_, d)| d.first_use.is_some())
        .map(|(key, d)| {
            let (name, description) = match key {
                GroupKey::Registry(i) => {
                    let g = &registry.groups[*i];
                    (
                        g.name.clone(),
                        g.description.clone().or_else(|| d.name.clone()),
                    )
                }
                GroupKey::Phrase(_) => (crate::text::capitalised(d.spelling()), d.name.clone()),
            };
            let phrases: BTreeSet<String> = d
                .spellings
                .iter()
                .map(|(s, _)| s.clone())
                .filter(|s| *s != name)
                .collect();
            Group {
                slug: group_slugs[key].clone(),
                name,
                phrases: phrases.into_iter().collect(),
                description,
                defined_in: d.definitions.clone(),
                documents: d.plans.iter().map(|p| plans[*p].slug.clone()).collect(),
                measures: d.measures.iter().cloned().collect(),
            }
        })
        .collect();
    groups.sort_by(|a, b| a.slug.cmp(&b.slug));

    let definitions = definitions
        .into_iter()
        .filter_map(|(at, meaning)| slug_of(&meaning).map(|entity| (at, entity)))
        .collect();
    Resolved {
        institutions,
        groups,
        cells: resolved_cells,
        definitions,
        diagnostics,
    }
}

fn draft<'a>(
    bodies: &'a mut BTreeMap<Key, Draft>,
    groups: &'a mut BTreeMap<GroupKey, Draft>,
    meaning: &Meaning,
) -> &'a mut Draft {
    match meaning {
        Meaning::Body(key) => bodies.entry(key.clone()).or_default(),
        Meaning::Group(key) => groups.entry(key.clone()).or_default(),
    }
}

/// Every institution cell of a plan: where it is, its entries as printed, the source line.
fn mention_sites(plan: &Plan) -> Vec<(Cell, Vec<&str>, usize)> {
    let mut sites = Vec::new();
    for m in &plan.measures {
        for (role, entries) in [
            (Role::Responsible, &m.responsible),
            (Role::CoResponsible, &m.co_responsible),
            (Role::Involved, &m.involved),
        ] {
            let cell = Cell::Measure {
                plan: plan.slug.clone(),
                measure: m.id.clone(),
                role,
            };
            sites.push((
                cell,
                entries.iter().map(String::as_str).collect(),
                m.source_lines.0,
            ));
        }
    }
    for area in &plan.areas {
        for (g, goal) in area.goals.iter().enumerate() {
            let cell = Cell::Goal {
                plan: plan.slug.clone(),
                area: area.id.clone(),
                goal: g,
            };
            let entries = goal.institutions.iter().map(String::as_str).collect();
            sites.push((cell, entries, goal.line));
            for indicator in &goal.indicators {
                for (r, row) in indicator.rows.iter().enumerate() {
                    let Some(institution) = &row.institution else {
                        continue;
                    };
                    let cell = Cell::IndicatorRow {
                        plan: plan.slug.clone(),
                        indicator: indicator.id.clone(),
                        row: r,
                    };
                    sites.push((cell, vec![institution.as_str()], row.line));
                }
            }
        }
    }
    sites
}

/// What identity resolution reads besides the cells: definitions and document texts.
struct Lookup<'a> {
    registry: &'a Registry,
    /// Per plan (by index): its definitions by [`code_key`], corrected.
    own: Vec<BTreeMap<String, Def>>,
    /// What the documents define each code as, and each name (by [`name_key`]): what
    /// [`Lookup::meaning`] asks of the other documents, answered without reading every
    /// document's definitions for every cell (see [`Definers`]).
    code_definers: BTreeMap<String, Definers>,
    name_definers: BTreeMap<String, Definers>,
    /// Per plan: its seed's lines, for finding the names it prints.
    sources: Vec<Option<&'a SourceDocument>>,
    /// Per plan: the seed's text as one [`name_key`]ed string, made when first needed (only a
    /// code with several meanings needs it).
    texts: Vec<std::cell::OnceCell<String>>,
    /// Per plan: its seed file, for diagnostics.
    files: Vec<String>,
}

impl<'a> Lookup<'a> {
    fn new(
        plans: &[Plan],
        sources: &'a [SourceDocument],
        registry: &'a Registry,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Lookup<'a> {
        let mut used = vec![false; registry.corrections.len()];
        let own: Vec<BTreeMap<String, Def>> = plans
            .iter()
            .map(|plan| {
                let mut defs = BTreeMap::new();
                for a in &plan.abbreviations {
                    let mut name = collapse(&strip_footnote_markers(&a.name));
                    if let Some(fix) = registry.correction(&plan.source, a.line, &a.code) {
                        let at = registry
                            .corrections
                            .iter()
                            .position(|c| std::ptr::eq(c, fix))
                            .expect("a correction of the registry");
                        used[at] = true;
                        name = fix.name.clone();
                    }
                    defs.entry(code_key(&a.code)).or_insert(Def {
                        spelling: collapse(&a.code),
                        name_key: name_key(&name),
                        name,
                    });
                }
                defs
            })
            .collect();
        for (fix, used) in registry.corrections.iter().zip(used) {
            if !used {
                // A plan's earlier editions are compared as printed, never resolved: a
                // correction of one (the document before an amendment) corrects nothing.
                let published = plans.iter().any(|p| p.source == fix.file);
                let why = if published {
                    "matches no definition at this line".to_string()
                } else {
                    format!(
                        "names {}, which is no plan's current document: corrections apply to a \
                         plan's source or its last edition; move it there or remove it",
                        fix.file
                    )
                };
                diagnostics.push(Diagnostic::error(
                    &fix.file,
                    fix.line,
                    format!(
                        "content/institutions.toml:{}: the correction of {} {why}",
                        fix.entry_line, fix.code
                    ),
                ));
            }
        }
        let mut code_definers: BTreeMap<String, Definers> = BTreeMap::new();
        let mut name_definers: BTreeMap<String, Definers> = BTreeMap::new();
        for (plan, defs) in own.iter().enumerate() {
            for (code, def) in defs {
                let meaning = defined_meaning(registry, def);
                code_definers
                    .entry(code.clone())
                    .or_default()
                    .add((plan, None), &meaning);
                name_definers
                    .entry(def.name_key.clone())
                    .or_default()
                    .add((plan, Some(code.clone())), &meaning);
            }
        }
        Lookup {
            registry,
            own,
            code_definers,
            name_definers,
            sources: plans
                .iter()
                .map(|plan| sources.iter().find(|s| s.file == plan.source))
                .collect(),
            texts: plans.iter().map(|_| std::cell::OnceCell::new()).collect(),
            files: plans.iter().map(|p| p.source.clone()).collect(),
        }
    }

    /// Splits a cell entry into parts and resolves each: "IeM (VP, VPK)" is the ministry with
    /// two bodies in parentheses; an entry known as a whole ("LR Tiesībsargs"), or whose
    /// parentheses hold no codes ("Pašvaldības (sociālie dienesti)"), is one part.
    fn parts(
        &self,
        plan: usize,
        entry: &str,
        line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Parts {
        let entry = collapse(&strip_footnote_markers(entry));
        if !entry.chars().any(char::is_alphanumeric) {
            return Vec::new();
        }
        let known = |part: &str| is_institution_code(part) || self.knows(plan, part);
        let split = match entry.split_once('(') {
            Some((head, rest)) if !self.knows(plan, &entry) => {
                rest.strip_suffix(')').and_then(|inside| {
                    let head = head.trim();
                    let inner: Vec<&str> = inside
                        .split([',', ';'])
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .collect();
                    (!head.is_empty()
                        && !inner.is_empty()
                        && known(head)
                        && inner.iter().all(|c| known(c)))
                    .then_some((head, inner))
                })
            }
            _ => None,
        };
        let mut resolve = |part: &str| Some(self.meaning(plan, part, line, diagnostics));
        match split {
            Some((head, inner)) => {
                let mut parts = vec![(head.to_string(), resolve(head)), (" (".to_string(), None)];
                for (i, child) in inner.iter().enumerate() {
                    if i > 0 {
                        parts.push((", ".to_string(), None));
                    }
                    parts.push((child.to_string(), resolve(child)));
                }
                parts.push((")".to_string(), None));
                parts
            }
            None => vec![(entry.clone(), resolve(&entry))],
        }
    }

    /// The document or the registry knows `part` as a code, alias, name or group phrase.
    fn knows(&self, plan: usize, part: &str) -> bool {
        let (code, name) = (code_key(part), name_key(part));
        self.own[plan].contains_key(&code)
            || !self.registry.bodies_with_code(&code).is_empty()
            || self.registry.body_named(&name).is_some()
            || self.registry.group_with_phrase(&name).is_some()
    }

    /// What one part of a cell means in plan `plan` (see the module documentation for the
    /// order); a code whose meaning the document leaves open is warned about at `line`.
    fn meaning(
        &self,
        plan: usize,
        part: &str,
        line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Meaning {
        let (code, name) = (code_key(part), name_key(part));
        if let Some(g) = self.registry.group_with_phrase(&name) {
            return Meaning::Group(GroupKey::Registry(g));
        }
        if let Some(def) = self.own[plan].get(&code) {
            return self.defined_meaning(def);
        }
        let mut candidates: Vec<Meaning> = self
            .registry
            .bodies_with_code(&code)
            .iter()
            .map(|i| Meaning::Body(Key::Registry(*i)))
            .collect();
        if !is_institution_code(part) {
            if let Some(i) = self.registry.body_named(&name) {
                return Meaning::Body(Key::Registry(i));
            }
        }
        if candidates.len() != 1 {
            // What the other documents define the code (or, for a name, its name) as, in the
            // order of their first definition.
            let mut found = self
                .code_definers
                .get(&code)
                .map(|d| d.elsewhere(plan))
                .unwrap_or_default();
            if !is_institution_code(part) {
                if let Some(definers) = self.name_definers.get(&name) {
                    found.extend(definers.elsewhere(plan));
                }
            }
            found.sort();
            for (_, meaning) in found {
                if !candidates.contains(meaning) {
                    candidates.push(meaning.clone());
                }
            }
        }
        match candidates.len() {
            0 if is_institution_code(part) => Meaning::Body(Key::Undefined(code)),
            0 if is_group_phrase(part) => Meaning::Group(GroupKey::Phrase(name)),
            0 => Meaning::Body(Key::Named(name)),
            1 => candidates.remove(0),
            _ => {
                let text = self.texts[plan].get_or_init(|| {
                    self.sources[plan]
                        .map(|s| name_key(&s.lines.join(" ")))
                        .unwrap_or_default()
                });
                let printed: Vec<&Meaning> = candidates
                    .iter()
                    .filter(|m| {
                        self.names_of(m).iter().any(|n| {
                            let n = name_key(n);
                            !n.is_empty() && text.contains(n.as_str())
                        })
                    })
                    .collect();
                if let [only] = printed.as_slice() {
                    return (*only).clone();
                }
                let names: Vec<String> = candidates
                    .iter()
                    .filter_map(|m| self.names_of(m).into_iter().next())
                    .collect();
                diagnostics.push(Diagnostic::warning(
                    &self.files[plan],
                    line,
                    format!(
                        "{part} could mean {}: the document defines none of them and its text names {}; linked to none",
                        names.join(" or "),
                        if printed.is_empty() { "none" } else { "several" }
                    ),
                ));
                Meaning::Body(Key::Undefined(code))
            }
        }
    }

    fn defined_meaning(&self, def: &Def) -> Meaning {
        defined_meaning(self.registry, def)
    }

    /// The names a meaning is known by, for finding them in a document's text and for
    /// messages.
    fn names_of(&self, meaning: &Meaning) -> Vec<String> {
        match meaning {
            Meaning::Body(Key::Registry(i)) => {
                let body = &self.registry.institutions[*i];
                std::iter::once(&body.name)
                    .chain(&body.names)
                    .cloned()
                    .collect()
            }
            Meaning::Body(Key::Defined { code, name }) => self
                .own
                .iter()
                .filter_map(|defs| defs.get(code))
                .find(|d| d.name_key == *name)
                .map(|d| vec![d.name.clone()])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// What a document's definition means: a registry group or body of that name, a group when
/// the phrase or its definition is generic ("Pakalpojuma sniedzēji"), else a body of that
/// code and name.
fn defined_meaning(registry: &Registry, def: &Def) -> Meaning {
    let (phrase, name) = (name_key(&def.spelling), def.name_key.clone());
    if let Some(g) = registry.group_with_phrase(&phrase) {
        return Meaning::Group(GroupKey::Registry(g));
    }
    if let Some(i) = registry.body_named(&name) {
        return Meaning::Body(Key::Registry(i));
    }
    if is_group_phrase(&def.spelling) || is_group_phrase(&def.name) {
        return Meaning::Group(GroupKey::Phrase(phrase));
    }
    Meaning::Body(Key::Defined {
        code: code_key(&def.spelling),
        name,
    })
}

/// Where a definition is: the plan, and for a definition found by its name the code it
/// defines (`None`, for one found by its code, sorts first within a plan).
type DefinedAt = (usize, Option<String>);

/// The meanings one code (or name) is defined as across the documents, each with the first two
/// places defining it, in document order: enough to say what every document but one defines it
/// as, and in which order, however many documents repeat the definition.
#[derive(Debug, Default)]
struct Definers {
    meanings: Vec<(Meaning, Vec<DefinedAt>)>,
}

impl Definers {
    /// Notes a definition; places come in document order.
    fn add(&mut self, at: DefinedAt, meaning: &Meaning) {
        match self.meanings.iter_mut().find(|(m, _)| m == meaning) {
            Some((_, places)) if places.len() < 2 => places.push(at),
            Some(_) => {}
            None => self.meanings.push((meaning.clone(), vec![at])),
        }
    }

    /// Each meaning some document other than `plan` defines, with its first place there.
    fn elsewhere(&self, plan: usize) -> Vec<(&DefinedAt, &Meaning)> {
        self.meanings
            .iter()
            .filter_map(|(meaning, places)| {
                let first = places.iter().find(|(p, _)| *p != plan)?;
                Some((first, meaning))
            })
            .collect()
    }
}

/// Plural nouns (folded) that make a phrase ending with them name several bodies.
const GROUP_NOUNS: [&str; 20] = [
    "iestades",
    "institucijas",
    "asociacijas",
    "augstskolas",
    "universitates",
    "skolas",
    "pasvaldibas",
    "sniedzeji",
    "organizacijas",
    "biedribas",
    "dienesti",
    "ministrijas",
    "centri",
    "komisijas",
    "inspekcijas",
    "agenturas",
    "tiesas",
    "policijas",
    "partneri",
    "strukturvienibas",
];

/// True when a phrase names several institutions rather than one: it is written in lower case
/// (a description such as "pašvaldības policija" or "nozares asociācijas", where a body's name
/// starts with a capital), or it ends with the plural of a word for bodies ("Augstskolas",
/// "Pakalpojuma sniedzēji", "Valsts pārvaldes un to pakļautībā esošās iestādes"). Codes are
/// never groups by themselves.
pub fn is_group_phrase(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || is_institution_code(text) {
        return false;
    }
    let last = text
        .split_whitespace()
        .next_back()
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .unwrap_or_default();
    text.starts_with(char::is_lowercase) || GROUP_NOUNS.contains(&last.as_str())
}

/// The bodies that get a page: every body a cell names, every registry body a document defines,
/// and the registry ancestors of those, in key order.
fn pages(bodies: &BTreeMap<Key, Draft>, registry: &Registry) -> Vec<Key> {
    let mut pages: BTreeSet<Key> = bodies
        .iter()
        .filter(|(key, d)| {
            d.first_use.is_some() || (matches!(key, Key::Registry(_)) && !d.definitions.is_empty())
        })
        .map(|(key, _)| key.clone())
        .collect();
    let registered: Vec<usize> = pages
        .iter()
        .filter_map(|k| match k {
            Key::Registry(i) => Some(*i),
            _ => None,
        })
        .collect();
    for i in registered {
        let mut at = registry.institutions[i].parent;
        while let Some(parent) = at {
            pages.insert(Key::Registry(parent));
            at = registry.institutions[parent].parent;
        }
    }
    pages.into_iter().collect()
}

/// Parents of the bodies the registry does not place: the body a document prints them under
/// ("IeM (VP)"), else the body whose code theirs extends ("VPK IMC" → "VPK"), never making a
/// cycle.
fn parents(
    bodies: &BTreeMap<Key, Draft>,
    pages: &[Key],
    registry: &Registry,
) -> BTreeMap<Key, Key> {
    let spelling = |key: &Key| match key {
        Key::Registry(i) => registry.institutions[*i].code.clone(),
        key => bodies[key].spelling().to_string(),
    };
    let by_code: BTreeMap<String, Vec<&Key>> = pages.iter().fold(BTreeMap::new(), |mut map, k| {
        map.entry(code_key(&spelling(k)))
            .or_insert_with(Vec::new)
            .push(k);
        map
    });
    let mut parents: BTreeMap<Key, Key> = BTreeMap::new();
    for key in pages.iter().filter(|k| !matches!(k, Key::Registry(_))) {
        let printed_under = bodies[key].parent.clone().filter(|p| pages.contains(p));
        let by_prefix = || {
            let code = spelling(key);
            if !is_institution_code(&code) {
                return None;
            }
            let words: Vec<&str> = code.split_whitespace().collect();
            (1..words.len()).rev().find_map(|n| {
                match by_code
                    .get(&code_key(&words[..n].join(" ")))
                    .map(Vec::as_slice)
                {
                    Some([only]) => Some((*only).clone()),
                    _ => None,
                }
            })
        };
        if let Some(parent) = printed_under.or_else(by_prefix) {
            let ancestor_of_parent = |mut at: Key| loop {
                if at == *key {
                    return true;
                }
                let next = match &at {
                    Key::Registry(i) => registry.institutions[*i].parent.map(Key::Registry),
                    other => parents.get(other).cloned(),
                };
                match next {
                    Some(next) => at = next,
                    None => return false,
                }
            };
            if !ancestor_of_parent(parent.clone()) {
                parents.insert(key.clone(), parent);
            }
        }
    }
    parents
}

/// Slugs of the institutions: the code folded ("ĢP" → "gp"), a name-only body's name; codes that
/// fold to one slug ("AM" and "ĀM"; the two "NVA") add their names, so both slugs say which.
fn institution_slugs(
    bodies: &BTreeMap<Key, Draft>,
    pages: &[Key],
    registry: &Registry,
) -> BTreeMap<Key, String> {
    let label = |key: &Key| match key {
        Key::Registry(i) => {
            let b = &registry.institutions[*i];
            (b.code.clone(), Some(b.name.clone()))
        }
        key => (bodies[key].spelling().to_string(), bodies[key].name.clone()),
    };
    let base = |text: &str| {
        Some(slugify(text))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "iestade".to_string())
    };
    let mut by_base: BTreeMap<String, Vec<&Key>> = BTreeMap::new();
    for key in pages {
        by_base.entry(base(&label(key).0)).or_default().push(key);
    }
    let mut slugs = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::from([urls::GROUPS_SEGMENT.to_string()]);
    for (slug, keys) in &by_base {
        for key in keys {
            let (code, name) = label(key);
            let mut wanted = match &name {
                Some(name) if keys.len() > 1 => base(&format!("{code} {name}")),
                _ => slug.clone(),
            };
            let stem = wanted.clone();
            let mut n = 2;
            while !taken.insert(wanted.clone()) {
                wanted = format!("{stem}-{n}");
                n += 1;
            }
            slugs.insert((*key).clone(), wanted);
        }
    }
    slugs
}

/// Slugs of the groups that cells name: their phrase folded.
fn group_slugs(
    groups: &BTreeMap<GroupKey, Draft>,
    registry: &Registry,
) -> BTreeMap<GroupKey, String> {
    let mut slugs = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for (key, draft) in groups.iter().filter(|(_, d)| d.first_use.is_some()) {
        let phrase = match key {
            GroupKey::Registry(i) => registry.groups[*i].name.clone(),
            GroupKey::Phrase(_) => draft.spelling().to_string(),
        };
        let stem = Some(slugify(&phrase))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "grupa".to_string());
        let mut slug = stem.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{stem}-{n}");
            n += 1;
        }
        slugs.insert(key.clone(), slug);
    }
    slugs
}

/// A warning at the first cell naming each code that nothing defines.
fn undefined_warnings(
    bodies: &BTreeMap<Key, Draft>,
    pages: &[Key],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for key in pages {
        if let (Key::Undefined(_), Some((_, file, line))) = (key, &bodies[key].first_use) {
            diagnostics.push(Diagnostic::warning(
                file,
                *line,
                format!("undefined abbreviation {}", bodies[key].spelling()),
            ));
        }
    }
}

/// One note per code that means two or more institutions, at the first place the second
/// meaning appears, naming every meaning, the plans it holds in and its page.
fn collision_notes(
    institutions: &[Institution],
    bodies: &BTreeMap<Key, Draft>,
    pages: &[Key],
    slugs: &BTreeMap<Key, String>,
    plans: &[Plan],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_code: BTreeMap<String, Vec<(&Place, &Institution)>> = BTreeMap::new();
    for key in pages {
        let Some(seen) = bodies.get(key).and_then(|d| d.first_seen.as_ref()) else {
            continue;
        };
        let Some(institution) = institutions.iter().find(|i| i.slug == slugs[key]) else {
            continue;
        };
        if is_institution_code(&institution.code) {
            by_code
                .entry(code_key(&institution.code))
                .or_default()
                .push((seen, institution));
        }
    }
    for meanings in by_code.values_mut().filter(|m| m.len() > 1) {
        meanings.sort_by(|a, b| a.0.cmp(b.0));
        let listed: Vec<String> = meanings
            .iter()
            .map(|(_, i)| {
                let documents: Vec<&str> = plans
                    .iter()
                    .filter(|p| i.documents.contains(&p.slug))
                    .map(|p| p.source.as_str())
                    .collect();
                format!(
                    "{} in {} ({})",
                    i.name.as_deref().unwrap_or("(no name)"),
                    documents.join(", "),
                    urls::institution(&i.slug)
                )
            })
            .collect();
        let (_, file, line) = meanings[1].0;
        diagnostics.push(Diagnostic::note(
            file,
            *line,
            format!(
                "{} means {} institutions, each with its own page: {}",
                meanings[0].1.code,
                meanings.len(),
                listed.join("; ")
            ),
        ));
    }
}

/// A resolved cell entry: codes printed in their canonical spelling ("IEM" → "IeM"), other
/// parts as printed, each linked to what it means.
fn entry(
    parts: Parts,
    slug_of: &impl Fn(&Meaning) -> Option<Entity>,
    spelling_of: &impl Fn(&Key) -> String,
) -> Entry {
    let pieces = parts
        .into_iter()
        .map(|(text, meaning)| match meaning {
            Some(meaning) => {
                let text = match &meaning {
                    Meaning::Body(key) => {
                        let canonical = spelling_of(key);
                        if code_key(&canonical) == code_key(&text) {
                            canonical
                        } else {
                            text
                        }
                    }
                    Meaning::Group(_) => text,
                };
                Piece {
                    text,
                    entity: slug_of(&meaning),
                }
            }
            None => Piece { text, entity: None },
        })
        .collect();
    Entry { pieces }
}

/// Writes the measures' cells back as resolved: canonical spellings, with repeats (an entry
/// printed twice in two spellings) and placeholders gone.
fn rewrite_measure_cells(plans: &mut [Plan], cells: &BTreeMap<Cell, Vec<Entry>>) {
    for plan in plans {
        for m in &mut plan.measures {
            for (role, entries) in [
                (Role::Responsible, &mut m.responsible),
                (Role::CoResponsible, &mut m.co_responsible),
                (Role::Involved, &mut m.involved),
            ] {
                let cell = Cell::Measure {
                    plan: plan.slug.clone(),
                    measure: m.id.clone(),
                    role,
                };
                *entries = cells
                    .get(&cell)
                    .into_iter()
                    .flatten()
                    .map(Entry::text)
                    .collect();
            }
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Library};
    use super::*;
    use crate::content::Content;
    use crate::diagnostics::Severity;
    use crate::extract::abbreviations::parse_run_in;
    use crate::extract::institutions::split_institutions;
    use crate::model::{Abbreviation, Area, Goal, Measure};

    fn plan(
        slug: &str,
        source: &str,
        abbreviations: &[(&str, &str, usize)],
        measures: Vec<Measure>,
    ) -> Plan {
        Plan {
            slug: slug.to_string(),
            source: source.to_string(),
            measures,
            abbreviations: abbreviations
                .iter()
                .map(|(code, name, line)| Abbreviation {
                    code: code.to_string(),
                    name: name.to_string(),
                    line: *line,
                })
                .collect(),
            ..Plan::default()
        }
    }

    fn measure(id: &str, line: usize, responsible: &[&str], involved: &[&str]) -> Measure {
        Measure {
            id: id.to_string(),
            responsible: responsible.iter().map(|s| s.to_string()).collect(),
            involved: involved.iter().map(|s| s.to_string()).collect(),
            source_lines: (line, line + 3),
            ..Measure::default()
        }
    }

    fn content(registry: &str) -> Content {
        Content {
            registry: Registry::parse(registry, "institutions.toml", &mut Vec::new()).unwrap(),
            ..Content::default()
        }
    }

    /// The registry of this repository.
    fn real_content() -> Content {
        Content::load(std::path::Path::new("content")).unwrap()
    }

    fn source(file: &str, plan: &str, lines: &[&str]) -> SourceDocument {
        SourceDocument {
            file: file.to_string(),
            plan: plan.to_string(),
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    fn by_code<'a>(library: &'a Library, code: &str) -> &'a Institution {
        let found: Vec<&Institution> = library
            .institutions
            .iter()
            .filter(|i| i.code == code)
            .collect();
        assert_eq!(found.len(), 1, "institutions with code {code}: {found:#?}");
        found[0]
    }

    fn linked(library: &Library, plan: &str, measure: &str, role: Role) -> Vec<String> {
        library
            .measure_cell(plan, measure, role)
            .iter()
            .flat_map(|e| e.entities())
            .map(|e| library.url(e))
            .collect()
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(|d| d.to_string()).collect()
    }

    /// The interior strategy (001, no abbreviation list) and the 2009–2013 report (003, whose
    /// list defines NVA) as cut from the seeds.
    fn strategy_and_report() -> (Vec<Plan>, Vec<SourceDocument>) {
        let task = "1. Pabeigt nekustamo īpašumu tiesību sakārtošanu valsts ārējās sauszemes robežas infrastruktūras izbūves nodrošināšanai. (NVA, IeM) ";
        let mut strategy = plan(
            "iekslietu-strategija-2023-2027",
            "001_0540a71165f8577a.txt",
            &[],
            vec![Measure {
                id: "2.1.1".into(),
                involved: split_institutions("NVA, IeM"),
                source_lines: (657, 657),
                ..Measure::default()
            }],
        );
        strategy.areas = vec![Area {
            id: "2".into(),
            title: "Valsts robežas drošība".into(),
            horizontal: false,
            line: 560,
            goals: vec![Goal {
                title: "Nodrošināt Latvijas saistību izpildi".into(),
                line: 604,
                indicators: Vec::new(),
                institutions: split_institutions(
                    "Valsts robežsardze, Nodrošinājuma valsts aģentūra",
                ),
            }],
            directions: Vec::new(),
        }];
        let strategy_text = source(
            "001_0540a71165f8577a.txt",
            "iekslietu-strategija-2023-2027",
            &[
                "Iesaistītās ",
                "",
                "iestādes ",
                "Valsts robežsardze, Nodrošinājuma valsts ",
                "aģentūra ",
                task,
            ],
        );
        let report = plan(
            "cilveku-tirdzniecibas-programma-2009-2013",
            "003_813af1619364791d.txt",
            &[
                ("NVA", "Nodarbinātības valsts aģentūra", 63),
                ("LM", "Labklājības ministrija", 55),
            ],
            vec![measure("13.3", 4727, &["LM"], &[])],
        );
        let report_text = source(
            "003_813af1619364791d.txt",
            "cilveku-tirdzniecibas-programma-2009-2013",
            &["NVA Nodarbinātības valsts aģentūra "],
        );
        (vec![strategy, report], vec![strategy_text, report_text])
    }

    #[test]
    fn one_code_in_two_documents_is_two_institutions_with_their_own_pages() {
        let (plans, sources) = strategy_and_report();
        let (library, diagnostics) = resolve(plans, sources, &real_content());
        let nva: Vec<&Institution> = library
            .institutions
            .iter()
            .filter(|i| i.code == "NVA")
            .collect();
        let summary: Vec<String> = nva
            .iter()
            .map(|i| {
                format!(
                    "{} | {} | {} | {}",
                    i.slug,
                    i.name.as_deref().unwrap_or_default(),
                    i.parent.as_deref().unwrap_or_default(),
                    i.documents.join(", ")
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "nva-nodarbinatibas-valsts-agentura | Nodarbinātības valsts aģentūra | lm | cilveku-tirdzniecibas-programma-2009-2013",
                "nva-nodrosinajuma-valsts-agentura | Nodrošinājuma valsts aģentūra | iem | iekslietu-strategija-2023-2027",
            ]
        );
        assert_eq!(
            linked(
                &library,
                "iekslietu-strategija-2023-2027",
                "2.1.1",
                Role::Involved
            ),
            [
                "iestades/nva-nodrosinajuma-valsts-agentura/",
                "iestades/iem/"
            ],
            "the strategy's task goes to the agency its text names"
        );
        assert_eq!(nva[1].measures.len(), 1);
        assert!(nva[0].measures.is_empty());
        let goal = library.cell(&Cell::Goal {
            plan: "iekslietu-strategija-2023-2027".into(),
            area: "2".into(),
            goal: 0,
        });
        let goal: Vec<String> = goal
            .iter()
            .flat_map(|e| e.entities())
            .map(|e| library.url(e))
            .collect();
        assert_eq!(
            goal,
            [
                "iestades/vrs/",
                "iestades/nva-nodrosinajuma-valsts-agentura/"
            ],
            "the goal's names written out are the same bodies"
        );
        assert_eq!(
            library.definition("cilveku-tirdzniecibas-programma-2009-2013", "NVA"),
            Some(&Entity::Institution(
                "nva-nodarbinatibas-valsts-agentura".into()
            )),
            "the glossary links the report's NVA to its own page"
        );
        let notes: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            notes,
            ["003_813af1619364791d.txt:63: note: NVA means 2 institutions, each with its own page: Nodrošinājuma valsts aģentūra in 001_0540a71165f8577a.txt (iestades/nva-nodrosinajuma-valsts-agentura/); Nodarbinātības valsts aģentūra in 003_813af1619364791d.txt (iestades/nva-nodarbinatibas-valsts-agentura/)"],
            "the collision is reported once"
        );
    }

    #[test]
    fn a_code_whose_document_names_neither_meaning_is_linked_to_neither() {
        let (plans, mut sources) = strategy_and_report();
        // Edited variant: the strategy's text no longer spells the agency out.
        sources[0].lines.retain(|l| !l.contains("Nodrošinājuma"));
        let mut plans = plans;
        plans[0].areas.clear();
        let (library, diagnostics) = resolve(plans, sources, &real_content());
        assert!(
            messages(&diagnostics).contains(&"001_0540a71165f8577a.txt:657: warning: NVA could mean Nodrošinājuma valsts aģentūra or Nodarbinātības valsts aģentūra: the document defines none of them and its text names none; linked to none".to_string()),
            "{diagnostics:#?}"
        );
        let strategy_nva: Vec<&Institution> = library
            .institutions
            .iter()
            .filter(|i| {
                i.documents
                    .contains(&"iekslietu-strategija-2023-2027".to_string())
                    && i.code == "NVA"
            })
            .collect();
        assert_eq!(strategy_nva.len(), 1);
        assert_eq!(strategy_nva[0].name, None, "no name is guessed");
    }

    #[test]
    fn spelling_variants_fold_to_the_defined_spelling() {
        let defining = plan(
            "a",
            "000.txt",
            &[
                ("IeM", "Iekšlietu ministrija", 10),
                ("IeM IC", "Iekšlietu ministrijas Informācijas centrs", 11),
            ],
            vec![measure("1.1", 50, &["IeM"], &["IeM IC"])],
        );
        let report = plan(
            "b",
            "004.txt",
            &[],
            vec![
                measure("2.1", 100, &["IEM"], &["IEM IC", "VARAM"]),
                measure("2.2", 120, &["VARAM"], &["IEM", "IeM"]),
            ],
        );
        let (library, _) = resolve(vec![defining, report], Vec::new(), &Content::default());
        let iem = by_code(&library, "IeM");
        assert_eq!(iem.aliases, ["IEM"]);
        assert_eq!(iem.name.as_deref(), Some("Iekšlietu ministrija"));
        assert_eq!(
            iem.defined_in,
            [Definition {
                file: "000.txt".into(),
                line: 10
            }]
        );
        let measures: Vec<(&str, &str, Role)> = iem
            .measures
            .iter()
            .map(|r| (r.plan.as_str(), r.measure.as_str(), r.role))
            .collect();
        assert_eq!(
            measures,
            [
                ("a", "1.1", Role::Responsible),
                ("b", "2.1", Role::Responsible),
                ("b", "2.2", Role::Involved)
            ]
        );
        let ic = by_code(&library, "IeM IC");
        assert_eq!(ic.slug, "iem-ic");
        assert_eq!(
            ic.parent.as_deref(),
            Some("iem"),
            "unit codes extend their parent's"
        );
        let rewritten = &library.plan("b").unwrap().measures[0];
        assert_eq!(rewritten.responsible, ["IeM"]);
        assert_eq!(rewritten.involved, ["IeM IC", "VARAM"]);
        assert_eq!(
            library.plans[1].measures[1].involved,
            ["IeM"],
            "variants in one cell merge"
        );
    }

    #[test]
    fn parentheses_link_the_ministry_and_its_institutions() {
        let p = plan(
            "cilveku",
            "002.txt",
            &[
                ("IeM", "Iekšlietu ministrija", 3),
                ("VP", "Valsts policija", 4),
                ("VPK", "Valsts policijas koledža", 5),
            ],
            vec![
                measure("1.1", 150, &["IeM (VP, VPK)", "LR Tiesībsargs"], &[]),
                measure("1.2", 160, &["IEM (vp)"], &["Pašvaldības", "pašvaldības"]),
            ],
        );
        let (library, _) = resolve(vec![p], Vec::new(), &Content::default());
        assert!(library.institutions.iter().all(|i| !i.code.contains('(')));
        let vp = by_code(&library, "VP");
        assert_eq!(vp.parent.as_deref(), Some("iem"));
        assert_eq!(by_code(&library, "VPK").parent.as_deref(), Some("iem"));
        assert_eq!(by_code(&library, "IeM").parent, None);
        assert_eq!(vp.measures.len(), 2);
        let measures = &library.plans[0].measures;
        assert_eq!(measures[0].responsible, ["IeM (VP, VPK)", "LR Tiesībsargs"]);
        assert_eq!(measures[1].responsible, ["IeM (VP)"]);
        assert_eq!(
            measures[1].involved,
            ["Pašvaldības"],
            "case variants of a phrase fold too"
        );
        assert_eq!(
            linked(&library, "cilveku", "1.1", Role::Responsible),
            [
                "iestades/iem/",
                "iestades/vp/",
                "iestades/vpk/",
                "iestades/lr-tiesibsargs/"
            ]
        );
        let pieces: Vec<&str> = library.measure_cell("cilveku", "1.1", Role::Responsible)[0]
            .pieces
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(pieces, ["IeM", " (", "VP", ", ", "VPK", ")"]);
        let children: Vec<_> = library
            .children("iem")
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(children, ["VP", "VPK"]);
    }

    #[test]
    fn the_registry_places_bodies_over_what_parentheses_suggest() {
        // "IeM (VP, VPK)" as the trafficking plan prints it (002, line 297 and others); the
        // college is the State Police's, as the registry says.
        let p = plan(
            "cilveku",
            "002_5ef2c56a3aa0266d.txt",
            &[],
            vec![
                Measure {
                    id: "7.2".into(),
                    responsible: split_institutions("IeM (VP, VPK)"),
                    source_lines: (400, 404),
                    ..Measure::default()
                },
                // The organised-crime plan's justice bodies (000).
                measure("1.11", 120, &["VTEB"], &["IeVP", "TM"]),
                // The interior strategy's bodies (001).
                measure("5.1.1", 1550, &["VUGD", "IDB"], &["VSC", "IeM VSC"]),
            ],
        );
        let (library, _) = resolve(vec![p], Vec::new(), &real_content());
        let parent = |code: &str| by_code(&library, code).parent.clone();
        assert_eq!(parent("VPK").as_deref(), Some("vp"));
        assert_eq!(parent("VP").as_deref(), Some("iem"));
        for code in ["VUGD", "IDB", "IeM VSC"] {
            assert_eq!(parent(code).as_deref(), Some("iem"), "{code}");
        }
        for code in ["VTEB", "IeVP"] {
            assert_eq!(parent(code).as_deref(), Some("tm"), "{code}");
        }
        let below: Vec<&str> = library
            .descendants("iem")
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(below, ["IDB", "IeM VSC", "VP", "VPK", "VUGD"]);
        let vsc = by_code(&library, "IeM VSC");
        assert_eq!(vsc.measures.len(), 1, "VSC and IeM VSC are one body");
        assert_eq!(vsc.aliases, ["VSC"]);
        assert!(library.institutions.iter().all(|i| i.code != "VSC"));
    }

    #[test]
    fn undefined_codes_are_warned_at_the_first_measure_and_still_get_a_page() {
        let p = plan(
            "kiber",
            "004.txt",
            &[],
            vec![
                measure(
                    "1.1",
                    40,
                    &["AM"],
                    &["CERT.LV", "NITDP iesaistītās institūcijas"],
                ),
                measure("1.2", 60, &["AM", "ĢP"], &["-"]),
            ],
        );
        let (library, diagnostics) = resolve(vec![p], Vec::new(), &Content::default());
        assert_eq!(
            messages(&diagnostics),
            [
                "004.txt:40: warning: undefined abbreviation AM",
                "004.txt:40: warning: undefined abbreviation CERT.LV",
                "004.txt:60: warning: undefined abbreviation ĢP",
            ]
        );
        let slugs: Vec<_> = library
            .institutions
            .iter()
            .map(|i| i.slug.as_str())
            .collect();
        assert_eq!(slugs, ["am", "cert-lv", "gp"]);
        assert_eq!(by_code(&library, "AM").measures.len(), 2);
        assert!(
            library.plans[0].measures[1].involved.is_empty(),
            "a dash names nobody"
        );
        assert_eq!(library.groups[0].name, "NITDP iesaistītās institūcijas");
    }

    #[test]
    fn the_registry_names_codes_no_document_defines_and_a_definition_wins() {
        let p = plan(
            "kiber",
            "004.txt",
            &[("VP", "Valsts policija", 2)],
            vec![measure("1.1", 40, &["AM", "VP"], &[])],
        );
        let registry = "[[institution]]\ncode = \"AM\"\nname = \"Aizsardzības ministrija\"\n\n[[institution]]\ncode = \"VP\"\nname = \"Valsts policijas pārvalde\"\n";
        let (library, diagnostics) = resolve(vec![p], Vec::new(), &content(registry));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            by_code(&library, "AM").name.as_deref(),
            Some("Aizsardzības ministrija")
        );
        assert_eq!(
            by_code(&library, "VP").name.as_deref(),
            Some("Valsts policija"),
            "the document's own definition comes first"
        );
    }

    #[test]
    fn the_repositorys_registry_is_valid_and_names_both_nva() {
        let registry = real_content().registry;
        assert!(registry.institutions.len() >= 40);
        let nva: Vec<&str> = registry
            .bodies_with_code("nva")
            .iter()
            .map(|i| registry.institutions[*i].name.as_str())
            .collect();
        assert_eq!(
            nva,
            [
                "Nodrošinājuma valsts aģentūra",
                "Nodarbinātības valsts aģentūra"
            ]
        );
        for body in &registry.institutions {
            assert!(
                is_institution_code(&body.code),
                "{} is not a code",
                body.code
            );
        }
        for correction in &registry.corrections {
            let seed = std::fs::read_to_string(format!("seeds/{}", correction.file)).unwrap();
            let line = seed.lines().nth(correction.line - 1).unwrap_or_default();
            assert!(
                line.contains(&correction.code),
                "{}:{} does not define {}",
                correction.file,
                correction.line,
                correction.code
            );
        }
    }

    #[test]
    fn a_wrong_footnote_definition_is_corrected_and_joins_the_name_written_out() {
        // The trafficking plan's footnote (002:142) and cell (002:238), and the cybersecurity
        // report's cell naming the union in full (004:208).
        let footnote = "Izmantotie saīsinājumi: ĀM – Ārlietu ministrija; LPS – Latvijas Pašvaldību Asociācija; LLPA – Latvijas Lielo pilsētu asociācija";
        let mut trafficking = plan("cilveku", "002_5ef2c56a3aa0266d.txt", &[], Vec::new());
        trafficking.abbreviations = parse_run_in(footnote, 142);
        trafficking.measures = vec![Measure {
            id: "2.1".into(),
            involved: split_institutions(
                "ĀM, IZM, LM, KM, TM, LPS, LLPA, BAC, PMLP, VP, VRS, SIF, VDI, pašvaldības",
            ),
            source_lines: (238, 238),
            ..Measure::default()
        }];
        let mut report = plan("kiber", "004_0c544dbc52ece7e9.txt", &[], Vec::new());
        report.measures = vec![Measure {
            id: "1.5".into(),
            involved: split_institutions("Latvijas Pašvaldību savienība"),
            source_lines: (208, 208),
            ..Measure::default()
        }];
        let (library, diagnostics) =
            resolve(vec![trafficking, report], Vec::new(), &real_content());
        assert!(
            !crate::diagnostics::has_errors(&diagnostics),
            "{diagnostics:#?}"
        );
        let lps = by_code(&library, "LPS");
        assert_eq!(lps.name.as_deref(), Some("Latvijas Pašvaldību savienība"));
        assert_eq!(lps.measures.len(), 2, "one body, written two ways");
        assert!(library
            .institutions
            .iter()
            .all(|i| i.code != "Latvijas Pašvaldību savienība"));
        let municipal = library.group("pasvaldibas").expect("a group");
        assert_eq!(municipal.measures.len(), 1);
        assert!(library.institution("pasvaldibas").is_none());
    }

    #[test]
    fn a_correction_that_matches_no_definition_is_an_error_naming_both_files() {
        let p = plan(
            "cilveku",
            "002.txt",
            &[("LPS", "Latvijas Pašvaldību Asociācija", 142)],
            Vec::new(),
        );
        let registry = "[[correction]]\nfile = \"002.txt\"\nline = 141\ncode = \"LPS\"\nname = \"Latvijas Pašvaldību savienība\"\nreason = \"wrong name\"\n";
        let (_, diagnostics) = resolve(vec![p], Vec::new(), &content(registry));
        assert_eq!(
            messages(&diagnostics),
            ["002.txt:141: error: content/institutions.toml:1: the correction of LPS matches no definition at this line"]
        );
    }

    #[test]
    fn a_correction_of_a_document_no_plan_publishes_says_to_move_it() {
        // The plan's current edition is the amended 002_2026.txt; the correction still names
        // the document as adopted, now an earlier edition.
        let p = plan(
            "cilveku",
            "002_2026.txt",
            &[("LPS", "Latvijas Pašvaldību Asociācija", 142)],
            Vec::new(),
        );
        let registry = "[[correction]]\nfile = \"002.txt\"\nline = 142\ncode = \"LPS\"\nname = \"Latvijas Pašvaldību savienība\"\nreason = \"wrong name\"\n";
        let (_, diagnostics) = resolve(vec![p], Vec::new(), &content(registry));
        assert_eq!(
            messages(&diagnostics),
            [
                "002.txt:142: error: content/institutions.toml:1: the correction of LPS names \
              002.txt, which is no plan's current document: corrections apply to a plan's source \
              or its last edition; move it there or remove it"
            ]
        );
    }

    #[test]
    fn group_phrases_are_told_from_names_of_one_body() {
        for phrase in [
            "Pašvaldības",
            "pašvaldības policija",
            "citas iesaistītās institūcijas",
            "nozares asociācijas",
            "Augstskolas",
            "Augstskolas,",
            "Valsts pārvaldes un to pakļautībā esošās iestādes",
            "NITDP iesaistītās institūcijas",
            "Pakalpojuma sniedzēji",
            "Iekšlietu ministrija un tās padotībā esošās iestādes",
        ] {
            assert!(is_group_phrase(phrase), "{phrase}");
        }
        for name in [
            "Latvijas Pašvaldību savienība",
            "Latvijas Pašvaldību mācību centrs",
            "Latvijas Informātikas skolotāju asociācija",
            "Tieslietu akadēmija",
            "Nacionālie bruņotie spēki",
            "LR Tiesībsargs",
            "VP",
            "",
        ] {
            assert!(!is_group_phrase(name), "{name}");
        }
    }

    #[test]
    fn the_same_group_written_two_ways_is_one_group_and_no_institution() {
        // The organised-crime plan (000:264 and 000:436).
        let p = plan(
            "organizeta",
            "000_d0f431797d704579.txt",
            &[],
            vec![
                measure(
                    "1.4",
                    264,
                    &["VP"],
                    &["NKIM TAI Vadības grupā pārstāvētās institūcijas"],
                ),
                measure(
                    "1.18",
                    436,
                    &["VDD"],
                    &["Pārējās NKIM TAI Vadības grupā pārstāvētās institūcijas"],
                ),
            ],
        );
        let (library, _) = resolve(vec![p], Vec::new(), &real_content());
        assert_eq!(library.groups.len(), 1);
        let group = &library.groups[0];
        assert_eq!(
            group.name,
            "NKIM TAI Vadības grupā pārstāvētās institūcijas"
        );
        assert_eq!(
            group.phrases,
            ["Pārējās NKIM TAI Vadības grupā pārstāvētās institūcijas"]
        );
        assert_eq!(group.measures.len(), 2);
        assert!(group
            .description
            .as_deref()
            .unwrap()
            .contains("Iekšējās drošības birojs"));
        let codes: Vec<&str> = library
            .institutions
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(
            codes,
            ["IeM", "VDD", "VP"],
            "groups are not institutions; parents are"
        );
        assert_eq!(
            library.plans[0].measures[1].involved,
            ["Pārējās NKIM TAI Vadības grupā pārstāvētās institūcijas"],
            "a group's phrase stays as printed"
        );
    }

    #[test]
    fn real_cells_link_to_a_footnote_list_of_another_plan() {
        let footnote = "Izmantotie saīsinājumi: ĀM – Ārlietu ministrija; IeM – Iekšlietu ministrija; LR Tiesībsargs – Latvijas Republikas Tiesībsarga birojs; VP – Valsts policija; VPK – Valsts policijas koledža";
        let mut trafficking = plan("cilveku", "002.txt", &[], Vec::new());
        trafficking.abbreviations = parse_run_in(footnote, 142);
        trafficking.measures = vec![Measure {
            id: "1.1".into(),
            responsible: split_institutions("ĀM, IeM (VP, VPK), LR Tiesībsargs, "),
            source_lines: (150, 152),
            ..Measure::default()
        }];
        let mut report = plan("kiber", "004.txt", &[], Vec::new());
        report.measures = vec![Measure {
            id: "4.1".into(),
            responsible: split_institutions("AM"),
            involved: split_institutions(
                "VARAM, IEM, IZM, LIKTA, LIA, LKA, CERT.LV, LR Tiesībsargs",
            ),
            source_lines: (920, 925),
            ..Measure::default()
        }];
        let (library, diagnostics) =
            resolve(vec![trafficking, report], Vec::new(), &Content::default());
        assert_eq!(
            library.plans[1].measures[0].involved,
            [
                "VARAM",
                "IeM",
                "IZM",
                "LIKTA",
                "LIA",
                "LKA",
                "CERT.LV",
                "LR Tiesībsargs"
            ]
        );
        assert_eq!(by_code(&library, "IeM").measures.len(), 2);
        let ombudsman = by_code(&library, "LR Tiesībsargs");
        assert_eq!(
            ombudsman.name.as_deref(),
            Some("Latvijas Republikas Tiesībsarga birojs")
        );
        assert_eq!(
            ombudsman.measures.len(),
            2,
            "a defined phrase is known elsewhere too"
        );
        let undefined: Vec<&str> = diagnostics
            .iter()
            .map(|d| d.message.trim_start_matches("undefined abbreviation "))
            .collect();
        assert_eq!(
            undefined,
            ["AM", "CERT.LV", "IZM", "LIA", "LIKTA", "LKA", "VARAM"]
        );
        assert!(diagnostics
            .iter()
            .all(|d| (d.file.as_str(), d.line) == ("004.txt", 920)));
    }

    #[test]
    fn codes_that_fold_to_one_slug_say_which_body_they_are() {
        let p = plan(
            "kiber",
            "004.txt",
            &[
                ("ĀM", "Ārlietu ministrija", 1),
                ("AM", "Aizsardzības ministrija", 2),
            ],
            vec![measure("1.1", 40, &["AM", "ĀM"], &[])],
        );
        let (library, _) = resolve(vec![p], Vec::new(), &Content::default());
        let slugs: Vec<_> = library
            .institutions
            .iter()
            .map(|i| (i.slug.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            slugs,
            [
                ("am-aizsardzibas-ministrija", "AM"),
                ("am-arlietu-ministrija", "ĀM")
            ]
        );
    }

    #[test]
    fn strategy_goals_and_indicator_rows_resolve_like_measure_cells() {
        let (mut plans, sources) = strategy_and_report();
        plans[0].areas[0].goals[0].indicators = vec![crate::model::Indicator {
            id: "H1.1.1".into(),
            name: "Aizpildīto amata vietu īpatsvars (%)".into(),
            unit: Some("%".into()),
            baseline_year: "2021".into(),
            target_years: vec!["2023".into()],
            rows: ["NVA", "VSC"]
                .iter()
                .map(|code| crate::model::IndicatorRow {
                    institution: Some(code.to_string()),
                    baseline: "92%".into(),
                    targets: vec!["94%".into()],
                    line: 1279,
                })
                .collect(),
            line: 1275,
        }];
        let (library, _) = resolve(plans, sources, &real_content());
        let row = |row| {
            library
                .cell(&Cell::IndicatorRow {
                    plan: "iekslietu-strategija-2023-2027".into(),
                    indicator: "H1.1.1".into(),
                    row,
                })
                .iter()
                .flat_map(|e| e.entities())
                .map(|e| library.url(e))
                .collect::<Vec<_>>()
        };
        assert_eq!(row(0), ["iestades/nva-nodrosinajuma-valsts-agentura/"]);
        assert_eq!(row(1), ["iestades/iem-vsc/"]);
    }
}
