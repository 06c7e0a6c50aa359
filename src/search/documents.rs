//! What search finds: the linked model flattened into [`Document`]s with weighted text fields
//! and facet values. The browser index ([`super::index`]) and the command line
//! (the command line (`planportal search`)) both read these, so they search the same things the same way.
//!
//! Each kind of document has one function here turning the library into documents; a new kind
//! is a [`Kind`] variant and one more function called from [`documents`].

use super::glossary::Glossary;
use crate::content::Content;
use crate::model::{Area, Chapter, Goal, Indicator, Measure, Plan};
use crate::read::word::WordDoc;
use crate::resolve::budget::{names_measure, Programme};
use crate::resolve::{urls, Cell, Entity, Entry, Institution, Library, Role};
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
    #[serde(rename = "programma")]
    Programme,
    #[serde(rename = "raditajs")]
    Indicator,
    #[serde(rename = "nodala")]
    Chapter,
    /// A piece of a document's own text: a plan's introduction, a footnote, or (in the full-text
    /// index) a passage of the source.
    #[serde(rename = "teksts")]
    Text,
}

impl Kind {
    /// The facet value (and URL parameter value).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Measure => "pasakums",
            Kind::Institution => "iestade",
            Kind::Programme => "programma",
            Kind::Indicator => "raditajs",
            Kind::Chapter => "nodala",
            Kind::Text => "teksts",
        }
    }

    /// The label shown for the facet value.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Measure => "Pasākumi",
            Kind::Institution => "Iestādes",
            Kind::Programme => "Budžeta programmas",
            Kind::Indicator => "Rādītāji",
            Kind::Chapter => "Nodaļas",
            Kind::Text => "Dokumentu teksts",
        }
    }

    /// The label shown before one result's id ("Pasākums 1.21").
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Measure => "Pasākums",
            Kind::Institution => "Iestāde",
            Kind::Programme => "Programma",
            Kind::Indicator => "Rādītājs",
            Kind::Chapter => "Nodaļa",
            Kind::Text => "Teksts",
        }
    }

    pub const ALL: [Kind; 6] = [
        Kind::Measure,
        Kind::Institution,
        Kind::Programme,
        Kind::Indicator,
        Kind::Chapter,
        Kind::Text,
    ];
}

/// The text fields of a document, each with a weight: a match in the id or the title ranks a
/// document above one that only mentions the word in its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Title,
    Result,
    Indicator,
    Description,
    /// The responsible institutions as printed, with their codes and full names: a measure an
    /// institution is responsible for ranks above one it is only involved in.
    Responsible,
    /// Other institutions (co-responsible, involved, a programme's) as printed, with their codes
    /// and full names.
    Institutions,
    Plan,
    Direction,
    Deadline,
    /// The year the deadline falls due (its latest named date), so "2025" ranks the measures
    /// due in 2025 above those whose text only mentions the year.
    DeadlineYear,
    Status,
    /// The definitions of the codes the other fields write, and the codes of the definitions
    /// they write, from the plans' abbreviation lists ([`super::glossary`]).
    Glossary,
    /// What the measure's page says about its money: the funding needed and allocated as
    /// reported, and the budget programmes (code and name) and notes of the funding lines naming
    /// it, so "konfiskācijas fonds" or "ESF+" finds the measure they pay for.
    Funding,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Id,
        Field::Title,
        Field::Result,
        Field::Indicator,
        Field::Description,
        Field::Responsible,
        Field::Institutions,
        Field::Plan,
        Field::Direction,
        Field::Deadline,
        Field::DeadlineYear,
        Field::Status,
        Field::Glossary,
        Field::Funding,
    ];

    /// Relative importance of a match in this field.
    pub fn weight(self) -> u32 {
        match self {
            Field::Id => 12,
            Field::Title | Field::DeadlineYear => 8,
            Field::Responsible => 6,
            Field::Institutions => 3,
            Field::Result | Field::Indicator => 3,
            Field::Direction | Field::Status | Field::Deadline => 2,
            Field::Plan | Field::Description | Field::Glossary | Field::Funding => 1,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Result => "result",
            Field::Indicator => "indicator",
            Field::Description => "description",
            Field::Responsible => "responsible",
            Field::Institutions => "institutions",
            Field::Plan => "plan",
            Field::Direction => "direction",
            Field::Deadline => "deadline",
            Field::DeadlineYear => "deadline_year",
            Field::Status => "status",
            Field::Glossary => "glossary",
            Field::Funding => "funding",
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
    /// Codes of the institutions responsible for it, sorted: a measure's responsible
    /// institutions, an institution's own code (the role facet, and what an institution named in
    /// a query weighs most).
    pub responsible_codes: Vec<String>,
    /// Codes of a measure's co-responsible institutions, sorted (the role facet).
    pub co_responsible_codes: Vec<String>,
    /// True when it belongs to a finished plan (a report on a plan's implementation), so that
    /// results from plans in force come first on ties.
    pub finished: bool,
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
    /// Stable key for tests and reports: "plan/id" for measures, "plan/raditajs/1.1.2" for the
    /// other documents of one plan, "iestade/VP" and "programma/06.01.00" for the rest.
    pub fn key(&self) -> String {
        match (&self.plan, self.kind) {
            (Some(plan), Kind::Measure) => format!("{plan}/{}", self.id),
            (Some(plan), Kind::Indicator | Kind::Chapter | Kind::Text) => {
                format!("{plan}/{}/{}", self.kind.slug(), self.id)
            }
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

/// Every document: per plan in portal order its measures, indicators, chapters and own text
/// (introduction, footnotes) in document order; then institutions by slug; then budget
/// programmes by code. Each also gets the plans' glossary for the codes it writes.
pub fn documents(library: &Library, content: &Content) -> Vec<Document> {
    let mut docs = Vec::new();
    for plan in &library.plans {
        let label = plan_label(plan, content);
        docs.extend(
            plan.measures
                .iter()
                .map(|m| measure_document(library, plan, &label, m)),
        );
        for area in &plan.areas {
            for (g, goal) in area.goals.iter().enumerate() {
                let goal = (g, goal);
                docs.extend(
                    goal.1
                        .indicators
                        .iter()
                        .map(|i| indicator_document(library, plan, &label, area, goal, i)),
                );
            }
        }
        docs.extend(
            plan.chapters
                .iter()
                .map(|c| chapter_document(plan, &label, c)),
        );
        docs.extend(own_text_documents(plan, &label, content));
    }
    docs.extend(
        library
            .institutions
            .iter()
            .map(|i| institution_document(library, i)),
    );
    docs.extend(
        library
            .programmes
            .iter()
            .map(|p| programme_document(library, content, p)),
    );
    let glossary = Glossary::of_library(library);
    for doc in &mut docs {
        let gained = glossary.expand(doc.fields.iter().map(|(_, text)| text.as_str()));
        doc.fields
            .extend(gained.into_iter().map(|text| (Field::Glossary, text)));
    }
    docs
}

/// The text of resolved cell entries for `field` (each entry as printed and the full names of
/// the institutions it names) and the facet values of those institutions. Groups are text only:
/// they are not an institution to filter by.
fn institution_fields<'a>(
    library: &Library,
    entries: impl IntoIterator<Item = &'a Entry>,
    field: Field,
    fields: &mut Vec<(Field, String)>,
) -> BTreeSet<String> {
    let mut facets = BTreeSet::new();
    for entry in entries {
        for entity in entry.entities() {
            if let Entity::Institution(slug) = entity {
                if let Some(institution) = library.institution(slug) {
                    facets.insert(library.distinct_code(institution));
                    if let Some(name) = &institution.name {
                        fields.push((field, name.clone()));
                    }
                }
            }
        }
        fields.push((field, entry.text()));
    }
    facets
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
        // The label is indexed too, so "termiņš 2025" finds the measures due in 2025.
        fields.push((
            Field::Deadline,
            format!("termiņš {}", plain(&measure.deadline.raw)),
        ));
    }
    if let Some(year) = measure.deadline.year() {
        fields.push((Field::DeadlineYear, year.to_string()));
    }
    if let Some(status) = measure.status {
        fields.push((Field::Status, status.term().to_string()));
    }
    fields.extend(
        funding_texts(plan, measure)
            .into_iter()
            .map(|text| (Field::Funding, plain(&text))),
    );
    let cell = |role| library.measure_cell(&plan.slug, &measure.id, role);
    let responsible_codes = institution_fields(
        library,
        cell(Role::Responsible),
        Field::Responsible,
        &mut fields,
    );
    let co_responsible_codes = institution_fields(
        library,
        cell(Role::CoResponsible),
        Field::Institutions,
        &mut fields,
    );
    let mut institutions = responsible_codes.clone();
    institutions.extend(co_responsible_codes.iter().cloned());
    institutions.extend(institution_fields(
        library,
        cell(Role::Involved),
        Field::Institutions,
        &mut fields,
    ));
    let institutions = institutions.into_iter().collect();
    Document {
        kind: Kind::Measure,
        url: urls::measure(&plan.slug, &measure.id),
        id: measure.id.clone(),
        title: plain(&measure.title),
        plan: Some(plan.slug.clone()),
        responsible: measure.responsible.iter().map(|e| plain(e)).collect(),
        institutions,
        responsible_codes: responsible_codes.into_iter().collect(),
        co_responsible_codes: co_responsible_codes.into_iter().collect(),
        finished: plan.reports_status,
        deadline: Some(plain(&measure.deadline.raw)).filter(|d| !d.is_empty()),
        year: measure.deadline.year(),
        status: measure.status.map(|s| s.term()),
        fields,
    }
}

/// The funding texts a measure's page shows: the funding needed and allocated as reported, and
/// for every budget line or within-budget row naming the measure (or its parent) the
/// programme's code and name and the note printed under the row.
fn funding_texts(plan: &Plan, measure: &Measure) -> Vec<String> {
    let names = |ids: &[String]| names_measure(ids, measure);
    let mut texts: Vec<String> = [&measure.funding_needed, &measure.funding_allocated]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let lines = plan
        .budget
        .lines
        .iter()
        .filter(|l| names(&l.measures))
        .map(|l| (vec![&l.programme], &l.note));
    let within = plan
        .budget
        .within_budget
        .iter()
        .filter(|w| names(&w.measures))
        .map(|w| (w.programmes.iter().collect(), &w.note));
    let mut seen = BTreeSet::new();
    for (programmes, note) in lines.chain(within) {
        for programme in programmes {
            let text = format!("{} {}", programme.code, programme.name);
            if seen.insert(text.clone()) {
                texts.push(text);
            }
        }
        if let Some(note) = note.as_ref().filter(|n| seen.insert(n.to_string())) {
            texts.push(note.clone());
        }
    }
    texts
}

fn institution_document(library: &Library, institution: &Institution) -> Document {
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
        institutions: vec![library.distinct_code(institution)],
        responsible_codes: vec![library.distinct_code(institution)],
        co_responsible_codes: Vec::new(),
        finished: false,
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}

fn indicator_document(
    library: &Library,
    plan: &Plan,
    label: &str,
    area: &Area,
    (goal_index, goal): (usize, &Goal),
    indicator: &Indicator,
) -> Document {
    let plain = |text: &str| strip_footnote_markers(text);
    let mut fields = vec![
        (Field::Id, indicator.id.clone()),
        (Field::Title, plain(&indicator.name)),
        (Field::Result, plain(&goal.title)),
        (Field::Direction, plain(&area.title)),
        (Field::Plan, format!("{label} {}", plain(&plan.title))),
    ];
    let rows = (0..indicator.rows.len()).flat_map(|row| {
        library.cell(&Cell::IndicatorRow {
            plan: plan.slug.clone(),
            indicator: indicator.id.clone(),
            row,
        })
    });
    let goal_cell = library.cell(&Cell::Goal {
        plan: plan.slug.clone(),
        area: area.id.clone(),
        goal: goal_index,
    });
    let institutions = institution_fields(
        library,
        rows.chain(goal_cell),
        Field::Institutions,
        &mut fields,
    )
    .into_iter()
    .collect();
    let responsible = indicator
        .rows
        .iter()
        .filter_map(|r| r.institution.clone())
        .collect();
    Document {
        kind: Kind::Indicator,
        url: urls::indicator(&plan.slug, &indicator.id),
        id: indicator.id.clone(),
        title: plain(&indicator.name),
        plan: Some(plan.slug.clone()),
        responsible,
        institutions,
        responsible_codes: Vec::new(),
        co_responsible_codes: Vec::new(),
        finished: plan.reports_status,
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}

fn chapter_document(plan: &Plan, label: &str, chapter: &Chapter) -> Document {
    let plain = |text: &str| strip_footnote_markers(text);
    let mut fields = vec![
        (Field::Id, chapter.id.clone()),
        (Field::Title, plain(&chapter.title)),
        (Field::Plan, format!("{label} {}", plain(&plan.title))),
    ];
    fields.extend(
        chapter
            .blocks
            .iter()
            .map(|b| (Field::Description, plain(&b.text))),
    );
    Document {
        kind: Kind::Chapter,
        url: urls::chapter(&plan.slug, &chapter.id),
        id: chapter.id.clone(),
        title: plain(&chapter.title),
        plan: Some(plan.slug.clone()),
        responsible: Vec::new(),
        institutions: Vec::new(),
        responsible_codes: Vec::new(),
        co_responsible_codes: Vec::new(),
        finished: plan.reports_status,
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}

/// A document of a plan's own text (kind [`Kind::Text`]); weighted as a description, so a
/// measure saying the same ranks first.
fn text_document(
    plan: &Plan,
    id: String,
    url: String,
    title: String,
    text: Vec<String>,
) -> Document {
    let mut fields = vec![(Field::Title, title.clone())];
    fields.extend(text.into_iter().map(|t| (Field::Description, t)));
    Document {
        kind: Kind::Text,
        url,
        id,
        title,
        plan: Some(plan.slug.clone()),
        responsible: Vec::new(),
        institutions: Vec::new(),
        responsible_codes: Vec::new(),
        co_responsible_codes: Vec::new(),
        finished: plan.reports_status,
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}

/// A plan's own text that no measure holds: its introduction (the document's summary and the
/// editorial one in `content/`) on the plan's page, and each footnote its text cites, at its
/// line in the source viewer.
fn own_text_documents(plan: &Plan, label: &str, content: &Content) -> Vec<Document> {
    let plain = |text: &str| strip_footnote_markers(text);
    let mut intro: Vec<String> = plan.summary.iter().map(|p| plain(p)).collect();
    if let Some(editorial) = content.plans.iter().find(|p| p.slug == plan.slug) {
        intro.push(editorial.intro_markdown.clone());
    }
    let mut docs = vec![text_document(
        plan,
        "ievads".to_string(),
        urls::plan(&plan.slug),
        format!("{label}: ievads"),
        intro,
    )];
    for footnote in &plan.footnotes {
        docs.push(text_document(
            plan,
            format!("zemsvitra-{}", footnote.number),
            format!("{}#L{}", urls::source(&plan.source), footnote.line),
            format!("{label}: {}. zemsvītras piezīme", footnote.number),
            vec![plain(&footnote.text)],
        ));
    }
    docs
}

/// Most lines one full-text passage holds, and the words after which it ends early.
const PASSAGE_LINES: usize = 8;
const PASSAGE_WORDS: usize = 60;

/// The full text of every source document in passages of a few lines (blank lines and lines
/// without a letter, such as table numbers, skipped), each linked to its first line in the
/// source viewer: what the search falls back to when the indexed fields find little. The text is
/// read through the Word reader, so bookmarks and footnote markup never reach the index (a PDF
/// text has none, and reads the same); footnote definitions follow, one passage each.
pub fn full_text_documents(library: &Library, content: &Content) -> Vec<Document> {
    let mut docs = Vec::new();
    for plan in &library.plans {
        let Some(source) = library.sources.iter().find(|s| s.file == plan.source) else {
            continue;
        };
        let label = plan_label(plan, content);
        let read = WordDoc::parse(&source.file, &source.lines.join("\n"));
        let mut passage: Vec<(usize, String)> = Vec::new();
        let mut words = 0;
        let flush = |passage: &mut Vec<(usize, String)>, docs: &mut Vec<Document>| {
            let Some(&(first, _)) = passage.first() else {
                return;
            };
            let text: Vec<String> = passage.drain(..).map(|(_, line)| line).collect();
            let title: String = text.join(" ").chars().take(100).collect();
            docs.push(text_document(
                plan,
                format!("L{first}"),
                format!("{}#L{first}", urls::source(&plan.source)),
                format!("{label}, {first}. rinda: {title}"),
                text,
            ));
        };
        for line in &read.lines {
            let text = strip_footnote_markers(line.text.trim());
            if !text.chars().any(char::is_alphabetic) {
                continue;
            }
            words += text.split_whitespace().count();
            passage.push((line.number, text));
            if passage.len() >= PASSAGE_LINES || words >= PASSAGE_WORDS {
                flush(&mut passage, &mut docs);
                words = 0;
            }
        }
        flush(&mut passage, &mut docs);
        // Footnote definitions, which the reader cuts out of the lines, each a passage of its own.
        for footnote in &read.footnotes {
            passage.push((footnote.line, strip_footnote_markers(&footnote.text)));
            flush(&mut passage, &mut docs);
        }
    }
    docs
}

/// One document per budget programme, as on its page: the code, its name, the ministries funding
/// it (and the institutions they are), the plans and the measures it funds (numbers and titles,
/// weighted low so that a topic finds the measure before the programme paying for it).
fn programme_document(library: &Library, content: &Content, programme: &Programme) -> Document {
    let plain = |text: &str| strip_footnote_markers(text);
    // The page's heading is "Budžeta programma {code} {name}": "programma 10.00.00" names it.
    let mut fields = vec![
        (Field::Id, programme.code.clone()),
        (
            Field::Title,
            format!("Budžeta programma {}", plain(&programme.name)),
        ),
    ];
    let lines = programme
        .lines
        .iter()
        .filter_map(|at| library.funding_line(at))
        .map(|(plan, line)| (plan, &line.measures));
    let within = programme
        .within
        .iter()
        .filter_map(|at| library.within_budget(at))
        .map(|(plan, row)| (plan, &row.measures));
    let mut plans: Vec<&Plan> = Vec::new();
    let mut measures: Vec<(&Plan, &String)> = Vec::new();
    for (plan, ids) in lines.chain(within) {
        if !plans.iter().any(|p| p.slug == plan.slug) {
            plans.push(plan);
        }
        for id in ids {
            if !measures
                .iter()
                .any(|(p, m)| p.slug == plan.slug && *m == id)
            {
                measures.push((plan, id));
            }
        }
    }
    for plan in &plans {
        fields.push((Field::Plan, plan_label(plan, content)));
    }
    for (plan, id) in &measures {
        fields.push((Field::Description, id.to_string()));
        if let Some(measure) = plan.measures.iter().find(|m| m.id == **id) {
            fields.push((Field::Description, plain(&measure.title)));
        }
    }
    let ministries: Vec<_> = programme
        .ministries
        .iter()
        .filter_map(|slug| library.ministry(slug))
        .collect();
    let mut institutions = BTreeSet::new();
    for ministry in &ministries {
        fields.push((Field::Institutions, plain(&ministry.name)));
        let institution = ministry
            .institution
            .as_deref()
            .and_then(|slug| library.institution(slug));
        if let Some(institution) = institution {
            institutions.insert(library.distinct_code(institution));
            fields.push((Field::Institutions, institution.code.clone()));
        }
    }
    Document {
        kind: Kind::Programme,
        url: urls::programme(&programme.code),
        id: programme.code.clone(),
        title: plain(&programme.name),
        plan: match plans.as_slice() {
            [only] => Some(only.slug.clone()),
            _ => None,
        },
        responsible: ministries.iter().map(|m| plain(&m.name)).collect(),
        institutions: institutions.into_iter().collect(),
        responsible_codes: Vec::new(),
        co_responsible_codes: Vec::new(),
        finished: false,
        deadline: None,
        year: None,
        status: None,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::budget::{Cents, FundingKind, FundingLine, Period, Programme, WithinBudget};
    use crate::model::Abbreviation;
    use crate::resolve::SourceDocument;

    /// A budget line as the trafficking plan 2025–2027 prints it (seeds/002, lines 660–677).
    fn line(measures: &[&str], code: &str, name: &str, note: Option<&str>) -> FundingLine {
        FundingLine {
            ministry: None,
            programme: Programme {
                code: code.into(),
                name: name.into(),
            },
            measures: measures.iter().map(|m| m.to_string()).collect(),
            kind: FundingKind::Additional,
            period: Period::Year(2025),
            amount: Cents(7_700_000),
            source_lines: (660, 677),
            note: note.map(str::to_string),
        }
    }

    #[test]
    fn a_measure_is_found_by_its_funding_programmes_and_notes() {
        let mut plan = Plan::default();
        let note = "Detalizēts aprēķins: summa paredzēta iepirkuma organizēšanai 2025. gadā.\n\
                    Saskaņā ar Noziedzības novēršanas padomes 2024. gada 4. decembra sēdē \
                    nolemto atbalstīts finansējums no Tieslietu ministrijas pamatbudžeta \
                    programmas \"Noziedzīgi iegūtu līdzekļu konfiskācijas fonds\"";
        plan.budget.lines = vec![
            line(
                &["6"],
                "05.01.00",
                "Sociālās rehabilitācijas valsts programmas",
                Some(note),
            ),
            line(
                &["6"],
                "05.01.00",
                "Sociālās rehabilitācijas valsts programmas",
                Some(note),
            ),
            line(
                &["7.1"],
                "63.08.00",
                "Eiropas Sociālā fonda Plus (ESF+) projektu un pasākumu īstenošana (2021–2027)",
                None,
            ),
        ];
        plan.budget.within_budget = vec![WithinBudget {
            measures: vec!["6.1".into()],
            programmes: vec![Programme {
                code: "97.00.00".into(),
                name: "Nozaru vadība un politikas plānošana".into(),
            }],
            kind: FundingKind::Planned,
            source_lines: (700, 702),
            note: None,
        }];
        let measure = Measure {
            id: "6.1".into(),
            parent: Some("6".into()),
            funding_needed: Some("Papildus nepieciešamais valsts budžeta finansējums".into()),
            ..Measure::default()
        };
        let texts = funding_texts(&plan, &measure);
        assert_eq!(
            texts,
            [
                "Papildus nepieciešamais valsts budžeta finansējums",
                "05.01.00 Sociālās rehabilitācijas valsts programmas",
                note,
                "97.00.00 Nozaru vadība un politikas plānošana",
            ],
            "the parent's lines count, each text once; another measure's line does not"
        );
        let other = Measure {
            id: "7.1".into(),
            ..Measure::default()
        };
        assert_eq!(
            funding_texts(&plan, &other),
            ["63.08.00 Eiropas Sociālā fonda Plus (ESF+) projektu un pasākumu īstenošana (2021–2027)"]
        );
    }

    /// The strategy's task 2.1.1 (001:657, "(NVA, IeM)") with a group added, and the 2009–2013
    /// report defining NVA (003:63).
    fn library() -> Library {
        let strategy = Plan {
            slug: "iekslietu-strategija-2023-2027".into(),
            source: "001_0540a71165f8577a.txt".into(),
            measures: vec![Measure {
                id: "2.1.1".into(),
                title: "Pabeigt nekustamo īpašumu tiesību sakārtošanu".into(),
                involved: vec!["NVA".into(), "IeM".into(), "Pašvaldības".into()],
                source_lines: (657, 657),
                ..Measure::default()
            }],
            ..Plan::default()
        };
        let report = Plan {
            slug: "cilveku-tirdzniecibas-programma-2009-2013".into(),
            source: "003_813af1619364791d.txt".into(),
            abbreviations: vec![Abbreviation {
                code: "NVA".into(),
                name: "Nodarbinātības valsts aģentūra".into(),
                line: 63,
            }],
            ..Plan::default()
        };
        let text = SourceDocument {
            file: "001_0540a71165f8577a.txt".into(),
            plan: "iekslietu-strategija-2023-2027".into(),
            lines: vec!["Valsts robežsardze, Nodrošinājuma valsts aģentūra".into()],
        };
        let content = Content::load(std::path::Path::new("content")).unwrap();
        crate::resolve::resolve(vec![strategy, report], vec![text], &content).0
    }

    #[test]
    fn facets_name_one_institution_each_and_never_a_group() {
        let library = library();
        let docs = documents(&library, &Content::default());
        let task = docs.iter().find(|d| d.kind == Kind::Measure).unwrap();
        assert_eq!(
            task.institutions,
            ["IeM", "NVA (Nodrošinājuma valsts aģentūra)"]
        );
        assert!(
            task.fields
                .iter()
                .any(|(f, t)| *f == Field::Institutions && t == "Pašvaldības"),
            "a group is still found by its words"
        );
        let institutions: Vec<&str> = docs
            .iter()
            .filter(|d| d.kind == Kind::Institution)
            .map(|d| d.title.as_str())
            .collect();
        assert_eq!(
            institutions,
            [
                "Iekšlietu ministrija",
                "Labklājības ministrija",
                "Nodarbinātības valsts aģentūra",
                "Nodrošinājuma valsts aģentūra"
            ],
            "both agencies, their parents, no group"
        );
    }
}
