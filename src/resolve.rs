//! Links between plans: one registry of institutions across all documents, and every page's URL.
//!
//! Documents print institutions as codes ("VP"), as codes with subordinate institutions in
//! parentheses ("IeM (VP, VPK)"), or as names where no code is used ("Pašvaldības"). The same
//! institution is spelled differently across documents ("IeM"/"IEM"), so [`resolve`] folds codes
//! case-insensitively into one [`Institution`], takes the spelling a document's abbreviation list
//! defines as canonical, and rewrites the measures' cells to it, so pages and open data agree.
//! Names come from the abbreviation lists, then from `content/institutions.toml`; a code neither
//! defines is warned about (with the first measure using it) and still gets a page.

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The linked model every output is rendered from.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub plans: Vec<Plan>,
    /// Every institution, sorted by slug.
    pub institutions: Vec<Institution>,
    /// The seed documents as read, so pages can quote and link the exact source lines without
    /// the renderer reading `seeds/`.
    pub sources: Vec<SourceDocument>,
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

impl Institution {
    /// The measures naming the institution in one role, in [`MeasureRef`] order.
    pub fn measures_as(&self, role: Role) -> impl Iterator<Item = &MeasureRef> {
        self.measures.iter().filter(move |m| m.role == role)
    }

    /// True when `spelling` is this institution's code or one of its aliases, ignoring case.
    pub fn is_spelled(&self, spelling: &str) -> bool {
        let key = fold_key(spelling);
        fold_key(&self.code) == key || self.aliases.iter().any(|a| fold_key(a) == key)
    }
}

/// One code of the glossary: every document's definition of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryEntry {
    /// The canonical spelling (the institution's code when it has a page).
    pub code: String,
    /// Slug of the institution's page, when measures name it.
    pub institution: Option<String>,
    /// Definitions in plan order.
    pub definitions: Vec<GlossaryDefinition>,
}

/// Where and how one plan defines a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryDefinition {
    /// Plan slug.
    pub plan: String,
    /// Seed file name.
    pub source: String,
    pub line: usize,
    /// The code as that document spells it.
    pub spelling: String,
    pub name: String,
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

    /// The institutions a cell entry as printed names, for linking: "IeM (VP, VPK)" → IeM, VP,
    /// VPK; "IEM" → IeM. Unknown parts are left out.
    pub fn institution_for(&self, entry: &str) -> Vec<&Institution> {
        let find = |code: &str| self.institutions.iter().find(|i| i.is_spelled(code));
        let (head, inner) = split_entry(entry, |code| find(code).is_some());
        std::iter::once(head)
            .chain(inner)
            .filter_map(|code| find(&code))
            .collect()
    }

    /// Institutions whose parent is `slug`, by slug.
    pub fn children(&self, slug: &str) -> Vec<&Institution> {
        self.institutions
            .iter()
            .filter(|i| i.parent.as_deref() == Some(slug))
            .collect()
    }

    /// Every code any plan defines (institutions and other terms such as "ES"), sorted by code
    /// with diacritics folded, spelling variants merged.
    pub fn glossary(&self) -> Vec<GlossaryEntry> {
        let mut by_key: BTreeMap<String, Vec<GlossaryDefinition>> = BTreeMap::new();
        for plan in &self.plans {
            for a in &plan.abbreviations {
                by_key
                    .entry(fold_key(&a.code))
                    .or_default()
                    .push(GlossaryDefinition {
                        plan: plan.slug.clone(),
                        source: plan.source.clone(),
                        line: a.line,
                        spelling: a.code.clone(),
                        name: a.name.clone(),
                    });
            }
        }
        let mut entries: Vec<GlossaryEntry> = by_key
            .into_values()
            .map(|definitions| {
                let institution = self
                    .institutions
                    .iter()
                    .find(|i| i.is_spelled(&definitions[0].spelling));
                GlossaryEntry {
                    code: institution
                        .map_or_else(|| definitions[0].spelling.clone(), |i| i.code.clone()),
                    institution: institution.map(|i| i.slug.clone()),
                    definitions,
                }
            })
            .collect();
        entries.sort_by(|a, b| (slugify(&a.code), &a.code).cmp(&(slugify(&b.code), &b.code)));
        entries
    }
}

/// What the documents say about one code (folded key) while the registry is built.
#[derive(Debug, Default)]
struct Seen {
    /// Spellings in first-seen order, with how often measures print each.
    spellings: Vec<(String, usize)>,
    /// Definitions in plan order: where, the spelling defined, the name.
    definitions: Vec<(Definition, String, String)>,
    /// Where a measure first names it (file, line); `None` when only a list defines it.
    first_use: Option<(String, usize)>,
    /// Key of the parent from "PARENT (CHILD)".
    parent: Option<String>,
}

impl Seen {
    fn note_spelling(&mut self, spelling: &str, uses: usize) {
        match self.spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += uses,
            None => self.spellings.push((spelling.to_string(), uses)),
        }
    }

    /// The spelling a document defines, else the one measures print most (first seen on ties).
    fn canonical(&self) -> &str {
        if let Some((_, spelling, _)) = self.definitions.first() {
            return spelling;
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

/// The cell arrays of a measure with their roles.
fn role_entries(measure: &crate::model::Measure) -> [(Role, &Vec<String>); 3] {
    [
        (Role::Responsible, &measure.responsible),
        (Role::CoResponsible, &measure.co_responsible),
        (Role::Involved, &measure.involved),
    ]
}

/// Links the extracted plans: builds the institution registry, folds spelling variants in the
/// measures' institution cells, and records every institution's measures.
pub fn resolve(mut plans: Vec<Plan>, content: &Content) -> (Library, Vec<Diagnostic>) {
    let mut seen = definitions(&plans);
    let defined: BTreeSet<String> = seen.keys().cloned().collect();
    note_uses(&plans, &defined, &mut seen);
    parent_by_prefix(&mut seen);
    let refs = fold_cells(&mut plans, &defined, &seen);
    let (institutions, diagnostics) = registry(&seen, refs, content);
    (
        Library {
            plans,
            institutions,
            sources: Vec::new(),
        },
        diagnostics,
    )
}

/// Every code the plans' abbreviation lists define, by folded key.
fn definitions(plans: &[Plan]) -> BTreeMap<String, Seen> {
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for plan in plans {
        for a in &plan.abbreviations {
            let code = normalize(&a.code);
            let entry = seen.entry(fold_key(&code)).or_default();
            entry.note_spelling(&code, 0);
            let definition = Definition {
                file: plan.source.clone(),
                line: a.line,
            };
            entry.definitions.push((definition, code, a.name.clone()));
        }
    }
    seen
}

/// Records every code the measures' cells name: spellings, first use, and parents from
/// parentheses.
fn note_uses(plans: &[Plan], defined: &BTreeSet<String>, seen: &mut BTreeMap<String, Seen>) {
    for plan in plans {
        for measure in &plan.measures {
            for (_, entries) in role_entries(measure) {
                for entry in entries.iter().filter(|e| names_anything(e)) {
                    let (head, inner) =
                        split_entry(entry, |code| defined.contains(&fold_key(code)));
                    for code in std::iter::once(&head).chain(&inner) {
                        let info = seen.entry(fold_key(code)).or_default();
                        info.note_spelling(code, 1);
                        info.first_use
                            .get_or_insert_with(|| (plan.source.clone(), measure.source_lines.0));
                    }
                    for child in &inner {
                        set_parent(seen, &fold_key(child), &fold_key(&head));
                    }
                }
            }
        }
    }
}

/// Rewrites the measures' cells to canonical spellings (dropping repeats and placeholders) and
/// returns each code's measures.
fn fold_cells(
    plans: &mut [Plan],
    defined: &BTreeSet<String>,
    seen: &BTreeMap<String, Seen>,
) -> BTreeMap<String, BTreeSet<MeasureRef>> {
    let spell = |code: &str| {
        seen.get(&fold_key(code))
            .map_or_else(|| normalize(code), |info| info.canonical().to_string())
    };
    let mut refs: BTreeMap<String, BTreeSet<MeasureRef>> = BTreeMap::new();
    for plan in plans {
        for measure in &mut plan.measures {
            let id = measure.id.clone();
            for (role, entries) in [
                (Role::Responsible, &mut measure.responsible),
                (Role::CoResponsible, &mut measure.co_responsible),
                (Role::Involved, &mut measure.involved),
            ] {
                let mut folded: Vec<String> = Vec::new();
                for entry in entries.iter().filter(|e| names_anything(e)) {
                    let (head, inner) =
                        split_entry(entry, |code| defined.contains(&fold_key(code)));
                    for code in std::iter::once(&head).chain(&inner) {
                        refs.entry(fold_key(code)).or_default().insert(MeasureRef {
                            plan: plan.slug.clone(),
                            measure: id.clone(),
                            role,
                        });
                    }
                    let printed = if inner.is_empty() {
                        spell(&head)
                    } else {
                        let inner: Vec<String> = inner.iter().map(|c| spell(c)).collect();
                        format!("{} ({})", spell(&head), inner.join(", "))
                    };
                    if !folded.contains(&printed) {
                        folded.push(printed);
                    }
                }
                *entries = folded;
            }
        }
    }
    refs
}

/// One institution per code a measure names, sorted by slug, with a warning for each code that
/// neither a document nor `content/institutions.toml` names.
fn registry(
    seen: &BTreeMap<String, Seen>,
    mut refs: BTreeMap<String, BTreeSet<MeasureRef>>,
    content: &Content,
) -> (Vec<Institution>, Vec<Diagnostic>) {
    let mut slugs: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for (key, info) in seen.iter().filter(|(_, info)| info.first_use.is_some()) {
        let base = slugify(info.canonical());
        let base = if base.is_empty() {
            "iestade".to_string()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slugs.insert(key, slug);
    }
    let content_names: BTreeMap<String, &String> = content
        .institution_names
        .iter()
        .map(|(code, name)| (fold_key(code), name))
        .collect();
    let mut diagnostics = Vec::new();
    let mut institutions = Vec::new();
    for (key, info) in seen {
        let (Some(slug), Some((file, line))) = (slugs.get(key.as_str()), &info.first_use) else {
            continue;
        };
        let code = info.canonical().to_string();
        let name = info
            .definitions
            .first()
            .map(|(_, _, name)| name.clone())
            .or_else(|| content_names.get(key).map(|n| n.to_string()));
        if name.is_none() && is_code(&code) {
            diagnostics.push(Diagnostic::warning(
                file,
                *line,
                format!("undefined abbreviation {code}"),
            ));
        }
        let mut aliases: Vec<String> = info
            .spellings
            .iter()
            .map(|(s, _)| s.clone())
            .filter(|s| *s != code)
            .collect();
        aliases.sort();
        institutions.push(Institution {
            slug: slug.clone(),
            code,
            name,
            parent: info.parent.as_deref().and_then(|p| slugs.get(p)).cloned(),
            aliases,
            defined_in: info.definitions.iter().map(|(d, _, _)| d.clone()).collect(),
            measures: refs
                .remove(key)
                .map(|r| r.into_iter().collect())
                .unwrap_or_default(),
        });
    }
    institutions.sort_by(|a, b| a.slug.cmp(&b.slug));
    (institutions, diagnostics)
}

/// Records `parent` as the parent of `child` unless it already has one or it would make a cycle
/// (a document printing "VP (IeM)" after another printed "IeM (VP)").
fn set_parent(seen: &mut BTreeMap<String, Seen>, child: &str, parent: &str) {
    if child == parent || seen.get(child).is_some_and(|c| c.parent.is_some()) {
        return;
    }
    let mut ancestor = Some(parent.to_string());
    while let Some(key) = ancestor {
        if key == child {
            return;
        }
        ancestor = seen.get(&key).and_then(|s| s.parent.clone());
    }
    if let Some(info) = seen.get_mut(child) {
        info.parent = Some(parent.to_string());
    }
}

/// Gives "VP GKrPP KIP" the parent "VP GKrPP" (else "VP") when measures name that code too and
/// no parenthesis already placed it: the documents build unit codes by extending the parent's.
fn parent_by_prefix(seen: &mut BTreeMap<String, Seen>) {
    let used: Vec<String> = seen
        .iter()
        .filter(|(_, s)| s.first_use.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    for key in &used {
        if !is_code(seen[key].canonical()) {
            continue;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let parent = (1..words.len())
            .rev()
            .map(|n| words[..n].join(" "))
            .find(|prefix| used.contains(prefix));
        if let Some(parent) = parent {
            set_parent(seen, key, &parent);
        }
    }
}

/// Splits a cell entry into the institutions it names: "IeM (VP, VPK)" → ("IeM", ["VP", "VPK"]).
///
/// An entry `is_known` as a whole (a list may define "LR Tiesībsargs") is one institution, and so
/// is an entry whose parts are not codes ("Pašvaldības (sociālie dienesti)"): parentheses only
/// split codes.
fn split_entry(entry: &str, is_known: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let entry = normalize(entry);
    if is_known(&entry) {
        return (entry, Vec::new());
    }
    if let Some((head, rest)) = entry.split_once('(') {
        if let Some(inside) = rest.strip_suffix(')') {
            let head = head.trim();
            let inner: Vec<String> = inside
                .split([',', ';'])
                .map(normalize)
                .filter(|c| !c.is_empty())
                .collect();
            let codes = |c: &str| is_code(c) || is_known(c);
            if !head.is_empty()
                && !inner.is_empty()
                && codes(head)
                && inner.iter().all(|c| codes(c))
            {
                return (head.to_string(), inner);
            }
        }
    }
    (entry, Vec::new())
}

/// False for placeholder cells such as "-" that name no institution; they are dropped.
fn names_anything(entry: &str) -> bool {
    entry.chars().any(char::is_alphanumeric)
}

/// Spaces collapsed.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key spelling variants share: spaces collapsed, lower case ("IEM IC" ~ "IeM IC").
fn fold_key(text: &str) -> String {
    normalize(text).to_lowercase()
}

/// True when every word looks like a code ("VP", "IeM", "GKrPP", "CERT.LV", "SRAP 1"): at least
/// two capitals or no lower-case letters. "Pašvaldības" and "LR Tiesībsargs" are names.
fn is_code(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|word| {
            word.chars().filter(|c| c.is_uppercase()).count() >= 2
                || !word.chars().any(char::is_lowercase)
        })
}

/// A URL segment: diacritics folded, lower case, other characters as single hyphens
/// ("ĢP" → "gp", "CERT.LV" → "cert-lv", "VP GKrPP KIP" → "vp-gkrpp-kip").
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_diacritic(c);
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

/// The base letter of a Latvian (or common Western) letter with a diacritic.
fn fold_diacritic(c: char) -> char {
    match c {
        'ā' | 'á' | 'à' | 'ä' | 'â' | 'å' => 'a',
        'č' | 'ç' | 'ć' => 'c',
        'ē' | 'é' | 'è' | 'ë' | 'ê' | 'ę' | 'ė' => 'e',
        'ģ' | 'ğ' => 'g',
        'ī' | 'í' | 'ì' | 'ï' | 'î' | 'į' => 'i',
        'ķ' => 'k',
        'ļ' | 'ł' => 'l',
        'ņ' | 'ñ' | 'ń' => 'n',
        'ō' | 'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ŗ' => 'r',
        'š' | 'ś' => 's',
        'ū' | 'ú' | 'ù' | 'ü' | 'û' | 'ų' => 'u',
        'ž' | 'ź' | 'ż' => 'z',
        other => other,
    }
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
    /// A strategy's policy area ("1") or priority horizontal goal ("H1").
    pub fn area(plan: &str, area: &str) -> String {
        format!("plani/{plan}/jomas/{area}/")
    }
    /// A strategy's key indicator by its id ("1.1.2").
    pub fn indicator(plan: &str, indicator: &str) -> String {
        format!("plani/{plan}/raditaji/{indicator}/")
    }
    /// A report's narrative chapter by its Roman numeral ("IV").
    pub fn chapter(plan: &str, chapter: &str) -> String {
        format!("plani/{plan}/nodalas/{chapter}/")
    }
    pub fn institution(slug: &str) -> String {
        format!("iestades/{slug}/")
    }
    pub const INSTITUTIONS: &str = "iestades/";
    /// The source viewer of a seed file ("000_x.txt" → "avoti/000_x/"); lines are `#L<n>`.
    pub fn source(file: &str) -> String {
        let stem = file.strip_suffix(".txt").unwrap_or(file);
        format!("avoti/{stem}/")
    }
    pub fn deadline_year(year: i32) -> String {
        format!("termini/{year}/")
    }
    pub const DEADLINES: &str = "termini/";
    /// The Atom feed of the plans.
    pub const PLANS_FEED: &str = "plani/atom.xml";
    /// The Atom feed of measures by deadline, next deadlines first.
    pub const DEADLINES_FEED: &str = "termini/atom.xml";
    pub const SITEMAP: &str = "sitemap.xml";
    pub const ROBOTS: &str = "robots.txt";
    pub const STATUS: &str = "statuss/";
    pub const GLOSSARY: &str = "saisinajumi/";
    pub const SEARCH: &str = "meklet/";
    pub const DATA: &str = "data/";
    /// The "Dati" page describing the open data.
    pub const DATA_PAGE: &str = "dati/";
    pub const BUDGET: &str = "budzets/";
    pub fn plan_budget(plan: &str) -> String {
        format!("plani/{plan}/budzets/")
    }
    /// A budget programme by its code: "06.01.00" → `budzets/programmas/06-01-00/`.
    pub fn programme(code: &str) -> String {
        format!("budzets/programmas/{}/", code.replace('.', "-"))
    }
    pub fn ministry(slug: &str) -> String {
        format!("budzets/ministrijas/{slug}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Abbreviation, Measure};

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

    fn by_code<'a>(library: &'a Library, code: &str) -> &'a Institution {
        library
            .institutions
            .iter()
            .find(|i| i.code == code)
            .unwrap_or_else(|| panic!("no institution {code}"))
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
        let (library, _) = resolve(vec![defining, report], &Content::default());
        let iem: Vec<_> = library
            .institutions
            .iter()
            .filter(|i| fold_key(&i.code) == "iem")
            .collect();
        assert_eq!(iem.len(), 1);
        assert_eq!(iem[0].code, "IeM");
        assert_eq!(iem[0].aliases, ["IEM"]);
        assert_eq!(iem[0].name.as_deref(), Some("Iekšlietu ministrija"));
        assert_eq!(
            iem[0].defined_in,
            [Definition {
                file: "000.txt".into(),
                line: 10
            }]
        );
        assert_eq!(
            iem[0].measures,
            [
                MeasureRef {
                    plan: "a".into(),
                    measure: "1.1".into(),
                    role: Role::Responsible
                },
                MeasureRef {
                    plan: "b".into(),
                    measure: "2.1".into(),
                    role: Role::Responsible
                },
                MeasureRef {
                    plan: "b".into(),
                    measure: "2.2".into(),
                    role: Role::Involved
                },
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
        assert_eq!(library.institution_for("iem ic")[0].slug, "iem-ic");
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
        let (library, _) = resolve(vec![p], &Content::default());
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
            "case variants of a name fold too"
        );
        let linked: Vec<_> = library
            .institution_for("IeM (VP, VPK)")
            .iter()
            .map(|i| i.slug.as_str())
            .collect();
        assert_eq!(linked, ["iem", "vp", "vpk"]);
        let children: Vec<_> = library
            .children("iem")
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(children, ["VP", "VPK"]);
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
        let (library, diagnostics) = resolve(vec![p], &Content::default());
        let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            warnings,
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
        assert_eq!(
            slugs,
            ["am", "cert-lv", "gp", "nitdp-iesaistitas-institucijas"]
        );
        assert_eq!(by_code(&library, "AM").measures.len(), 2);
        assert!(
            library.plans[0].measures[1].involved.is_empty(),
            "a dash names nobody"
        );
        assert_eq!(
            by_code(&library, "NITDP iesaistītās institūcijas").name,
            None
        );
    }

    #[test]
    fn content_names_codes_no_document_defines() {
        let p = plan(
            "kiber",
            "004.txt",
            &[("VP", "Valsts policija", 2)],
            vec![measure("1.1", 40, &["AM", "VP"], &[])],
        );
        let mut content = Content::default();
        content
            .institution_names
            .insert("AM".into(), "Aizsardzības ministrija".into());
        content
            .institution_names
            .insert("VP".into(), "Ignored: the document defines it".into());
        let (library, diagnostics) = resolve(vec![p], &content);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            by_code(&library, "AM").name.as_deref(),
            Some("Aizsardzības ministrija")
        );
        assert_eq!(
            by_code(&library, "VP").name.as_deref(),
            Some("Valsts policija")
        );
    }

    #[test]
    fn the_content_file_names_codes() {
        let content = Content::load(std::path::Path::new("content")).unwrap();
        assert!(!content.institution_names.is_empty());
        for (code, name) in &content.institution_names {
            assert!(is_code(code), "{code} is not a code");
            assert!(!name.trim().is_empty(), "{code} has an empty name");
        }
    }

    #[test]
    fn the_glossary_keeps_terms_that_are_not_institutions() {
        let a = plan(
            "a",
            "000.txt",
            &[("ES", "Eiropas Savienība", 5), ("VP", "Valsts policija", 6)],
            vec![measure("1", 9, &["VP"], &[])],
        );
        let b = plan("b", "002.txt", &[("Vp", "Valsts policija", 7)], vec![]);
        let (library, _) = resolve(vec![a, b], &Content::default());
        assert!(library.institution("es").is_none());
        let glossary = library.glossary();
        let codes: Vec<_> = glossary
            .iter()
            .map(|g| {
                (
                    g.code.as_str(),
                    g.institution.as_deref(),
                    g.definitions.len(),
                )
            })
            .collect();
        assert_eq!(codes, [("ES", None, 1), ("VP", Some("vp"), 2)]);
        assert_eq!(by_code(&library, "VP").aliases, ["Vp"]);
    }

    #[test]
    fn real_cells_link_to_a_footnote_list_of_another_plan() {
        use crate::extract::abbreviations::parse_run_in;
        use crate::extract::institutions::split_institutions;
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
            involved: split_institutions("VARAM, IEM, IZM, LIKTA, LIA, LKA, CERT.LV"),
            source_lines: (920, 925),
            ..Measure::default()
        }];
        let (library, diagnostics) = resolve(vec![trafficking, report], &Content::default());
        assert_eq!(
            library.plans[1].measures[0].involved,
            ["VARAM", "IeM", "IZM", "LIKTA", "LIA", "LKA", "CERT.LV"]
        );
        let iem = by_code(&library, "IeM");
        assert_eq!(iem.measures.len(), 2);
        assert_eq!(
            by_code(&library, "LR Tiesībsargs").name.as_deref(),
            Some("Latvijas Republikas Tiesībsarga birojs")
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
    fn slugs_fold_diacritics_and_punctuation() {
        assert_eq!(slugify("ĢP"), "gp");
        assert_eq!(slugify("CERT.LV"), "cert-lv");
        assert_eq!(slugify("VP GKrPP KIP"), "vp-gkrpp-kip");
        assert_eq!(slugify("ĀM"), "am");
    }

    #[test]
    fn slugs_stay_unique_when_codes_fold_together() {
        let p = plan(
            "kiber",
            "004.txt",
            &[
                ("ĀM", "Ārlietu ministrija", 1),
                ("AM", "Aizsardzības ministrija", 2),
            ],
            vec![measure("1.1", 40, &["AM", "ĀM"], &[])],
        );
        let (library, _) = resolve(vec![p], &Content::default());
        let slugs: Vec<_> = library
            .institutions
            .iter()
            .map(|i| (i.slug.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(slugs, [("am", "AM"), ("am-2", "ĀM")]);
    }
}
