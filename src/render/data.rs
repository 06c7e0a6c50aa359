//! Open data: every measure and every institution as JSON and CSV under `data/`.
//!
//! The files are the portal's machine-readable contract (field names in the README's "Open data" section), so they are
//! built from explicit record structs rather than the model's own serialisation: the model may
//! grow without changing the published shape. Text is plain (footnote markers stripped), and the
//! output is deterministic (plans in portal order, measures in document order, institutions by
//! slug, then groups by slug) so a rebuild of unchanged documents publishes identical files.

use crate::model::budget::{Cents, FundingKind, Period};
use crate::model::{Measure, Plan};
use crate::output::Site;
use crate::resolve::budget::names_measure;
use crate::resolve::{urls, Entity, Group, Institution, Library, MeasureRef, Role};
use crate::text::strip_footnote_markers;
use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Writes `data/measures.{json,csv}` and `data/institutions.{json,csv}`.
pub fn write_data(library: &Library, site: &mut Site, base_url: &str) -> Result<()> {
    let measures: Vec<MeasureRecord> = library
        .plans
        .iter()
        .flat_map(|plan| plan.measures.iter().map(move |m| (plan, m)))
        .map(|(plan, measure)| MeasureRecord::new(library, plan, measure, base_url))
        .collect::<Result<_>>()?;
    site.add(format!("{}measures.json", urls::DATA), to_json(&measures)?)?;
    site.add(
        format!("{}measures.csv", urls::DATA),
        measures_csv(&measures)?,
    )?;

    let institutions: Vec<InstitutionRecord> = library
        .institutions
        .iter()
        .map(|i| InstitutionRecord::institution(library, i, base_url))
        .chain(
            library
                .groups
                .iter()
                .map(|g| InstitutionRecord::group(g, base_url)),
        )
        .collect();
    site.add(
        format!("{}institutions.json", urls::DATA),
        to_json(&institutions)?,
    )?;
    site.add(
        format!("{}institutions.csv", urls::DATA),
        institutions_csv(&institutions)?,
    )?;
    Ok(())
}

/// One row of `measures.json`.
#[derive(Debug, Serialize)]
struct MeasureRecord {
    source: String,
    /// The title of the document `source` holds.
    source_title: String,
    plan: String,
    /// The plan's title as its document prints it.
    plan_title: String,
    id: String,
    parent: Option<String>,
    /// The parent measure's text (a result plan's measure, a report's task heading).
    parent_title: Option<String>,
    direction: DirectionRecord,
    title: String,
    result: Option<String>,
    indicator: Option<String>,
    responsible: Vec<String>,
    co_responsible: Vec<String>,
    involved: Vec<String>,
    deadline: String,
    deadline_date: Option<String>,
    recurring: bool,
    status: Option<&'static str>,
    status_text: Option<String>,
    funding_needed: Option<String>,
    funding_allocated: Option<String>,
    description: Option<String>,
    /// The budget lines naming the measure (or its parent measure), summed per kind and period.
    funding: Vec<FundingTotal>,
    /// A budget row says the measure is carried out within existing budgets (no amount).
    funding_within_budget: bool,
    /// Some line in `funding` also funds other measures (its amount is theirs together), so
    /// adding `funding` up over measures counts such a line more than once.
    funding_shared: bool,
    source_lines: [usize; 2],
    url: String,
}

/// The sum of a measure's budget lines of one kind and period.
#[derive(Debug, Serialize)]
pub(super) struct FundingTotal {
    pub kind: FundingKind,
    pub year: Period,
    /// Euro as a JSON number written from its decimal text.
    pub amount: Box<RawValue>,
}

impl FundingTotal {
    /// The CSV column of this kind and period: "funding_planned_2024", "funding_additional_annual".
    pub(super) fn column(kind: FundingKind, year: Period) -> String {
        let kind = match kind {
            FundingKind::Planned => "planned",
            FundingKind::Additional => "additional",
        };
        format!("funding_{kind}_{year}")
    }
}

/// A measure's funding from its plan's budget tables: the lines naming it or its parent
/// measure (as the measure page shows them) summed per kind and period, whether a
/// within-budget row names it, and whether a line is shared with other measures.
fn funding(
    library: &Library,
    plan: &Plan,
    measure: &Measure,
) -> Result<(Vec<FundingTotal>, bool, bool)> {
    let names = |ids: &[String]| names_measure(ids, measure);
    let records_named = |ids: &[String]| library.measures_named(plan, ids).len();
    let mut sums: BTreeMap<(FundingKind, Period), Cents> = BTreeMap::new();
    let mut shared = false;
    for line in plan.budget.lines.iter().filter(|l| names(&l.measures)) {
        let sum = sums.entry((line.kind, line.period)).or_default();
        *sum = *sum + line.amount;
        shared |= records_named(&line.measures) > 1;
    }
    let totals = sums
        .into_iter()
        .map(|((kind, year), amount)| {
            Ok(FundingTotal {
                kind,
                year,
                amount: RawValue::from_string(amount.to_decimal())
                    .context("an amount is not a JSON number")?,
            })
        })
        .collect::<Result<_>>()?;
    let within = plan.budget.within_budget.iter().any(|w| names(&w.measures));
    Ok((totals, within, shared))
}

#[derive(Debug, Serialize)]
struct DirectionRecord {
    id: String,
    /// `None` when the plan has no direction with the measure's id.
    title: Option<String>,
}

impl MeasureRecord {
    fn new(
        library: &Library,
        plan: &Plan,
        measure: &Measure,
        base_url: &str,
    ) -> Result<MeasureRecord> {
        let (funding, funding_within_budget, funding_shared) = funding(library, plan, measure)?;
        let plain = |text: &Option<String>| text.as_deref().map(strip_footnote_markers);
        let entries = |list: &[String]| list.iter().map(|e| strip_footnote_markers(e)).collect();
        Ok(MeasureRecord {
            source: plan.source.clone(),
            source_title: plan.document_title(),
            plan: plan.slug.clone(),
            plan_title: strip_footnote_markers(&plan.title),
            id: measure.id.clone(),
            parent: measure.parent.clone(),
            parent_title: plain(&measure.parent_title),
            direction: DirectionRecord {
                id: measure.direction.clone(),
                title: plan
                    .directions
                    .iter()
                    .find(|d| d.id == measure.direction)
                    .map(|d| strip_footnote_markers(&d.title)),
            },
            title: strip_footnote_markers(&measure.title),
            result: plain(&measure.result),
            indicator: plain(&measure.indicator),
            responsible: entries(&measure.responsible),
            co_responsible: entries(&measure.co_responsible),
            involved: entries(&measure.involved),
            deadline: strip_footnote_markers(&measure.deadline.raw),
            deadline_date: measure.deadline.date().map(|d| d.to_string()),
            recurring: measure.deadline.recurring,
            status: measure.status.map(|s| s.term()),
            status_text: plain(&measure.status_text),
            funding_needed: plain(&measure.funding_needed),
            funding_allocated: plain(&measure.funding_allocated),
            description: plain(&measure.description),
            funding,
            funding_within_budget,
            funding_shared,
            source_lines: [measure.source_lines.0, measure.source_lines.1],
            url: format!("{base_url}{}", urls::measure(&plan.slug, &measure.id)),
        })
    }
}

/// What a row of `institutions.json` is.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    /// One body.
    Institution,
    /// A phrase naming several bodies ("Pašvaldības"), never counted as one institution.
    Group,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Institution => "institution",
            Kind::Group => "group",
        }
    }
}

/// One row of `institutions.json`: an institution, or a group after all institutions.
#[derive(Debug, Serialize)]
struct InstitutionRecord {
    kind: Kind,
    /// The record's key: see [`entity_id`].
    id: String,
    /// The code (a group's or a name-only body's phrase).
    code: String,
    /// The full name; for a group, who belongs to it.
    name: Option<String>,
    /// The parent's code.
    parent: Option<String>,
    /// The parent's page, telling two parents of one code apart.
    parent_url: Option<String>,
    aliases: Vec<String>,
    /// The plans (slugs) whose documents name it in this meaning: a code two documents define
    /// differently is two records, each with its own documents.
    documents: Vec<String>,
    url: String,
    responsible: Vec<MeasureLink>,
    co_responsible: Vec<MeasureLink>,
    involved: Vec<MeasureLink>,
}

/// A measure an institution is named in, with its page.
#[derive(Debug, Serialize)]
struct MeasureLink {
    plan: String,
    id: String,
    url: String,
}

/// The key of an institution or group in the open data: its page's path below `iestades/`
/// ("vp", "nva-nodrosinajuma-valsts-agentura", "grupas/pasvaldibas"). Codes are not keys: one
/// code can mean two bodies in two documents.
pub(super) fn entity_id(entity: &Entity) -> String {
    match entity {
        Entity::Institution(slug) => slug.clone(),
        Entity::Group(slug) => format!("{}/{slug}", urls::GROUPS_SEGMENT),
    }
}

/// The measures of `refs` in one role, with their pages.
fn links(refs: &[MeasureRef], role: Role, base_url: &str) -> Vec<MeasureLink> {
    refs.iter()
        .filter(|r| r.role == role)
        .map(|r| MeasureLink {
            plan: r.plan.clone(),
            id: r.measure.clone(),
            url: format!("{base_url}{}", urls::measure(&r.plan, &r.measure)),
        })
        .collect()
}

impl InstitutionRecord {
    fn institution(
        library: &Library,
        institution: &Institution,
        base_url: &str,
    ) -> InstitutionRecord {
        let parent = institution
            .parent
            .as_deref()
            .and_then(|slug| library.institution(slug));
        let refs = &institution.measures;
        InstitutionRecord {
            kind: Kind::Institution,
            id: entity_id(&Entity::Institution(institution.slug.clone())),
            code: institution.code.clone(),
            name: institution.name.clone(),
            parent: parent.map(|p| p.code.clone()),
            parent_url: parent.map(|p| format!("{base_url}{}", urls::institution(&p.slug))),
            aliases: institution.aliases.clone(),
            documents: institution.documents.clone(),
            url: format!("{base_url}{}", urls::institution(&institution.slug)),
            responsible: links(refs, Role::Responsible, base_url),
            co_responsible: links(refs, Role::CoResponsible, base_url),
            involved: links(refs, Role::Involved, base_url),
        }
    }

    fn group(group: &Group, base_url: &str) -> InstitutionRecord {
        let refs = &group.measures;
        InstitutionRecord {
            kind: Kind::Group,
            id: entity_id(&Entity::Group(group.slug.clone())),
            code: group.name.clone(),
            name: group.description.clone(),
            parent: None,
            parent_url: None,
            aliases: group.phrases.clone(),
            documents: group.documents.clone(),
            url: format!("{base_url}{}", urls::group(&group.slug)),
            responsible: links(refs, Role::Responsible, base_url),
            co_responsible: links(refs, Role::CoResponsible, base_url),
            involved: links(refs, Role::Involved, base_url),
        }
    }
}

/// Pretty JSON ending with a newline, as text tools expect of a file.
pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    let mut json = serde_json::to_string_pretty(value).context("cannot serialise open data")?;
    json.push('\n');
    Ok(json)
}

/// Writes a table of flat records (every field a string, number, boolean or null) as
/// `data/<name>.json` and `data/<name>.csv`, the CSV's columns being `header` in order (null is
/// an empty cell).
pub(super) fn write_table<T: Serialize>(
    site: &mut Site,
    name: &'static str,
    header: &[&str],
    records: &[T],
) -> Result<()> {
    let mut csv = CsvFile::new(name, header)?;
    for record in records {
        let value = serde_json::to_value(record).context("cannot serialise open data")?;
        let cells = header.iter().map(|field| match &value[field] {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        });
        csv.row(cells)?;
    }
    site.add(format!("{}{name}.json", urls::DATA), to_json(&records)?)?;
    site.add(format!("{}{name}.csv", urls::DATA), csv.finish()?)
}

/// List cells in CSV: entries joined with "; ".
fn joined(list: &[String]) -> String {
    list.join("; ")
}

/// A CSV file of the open data being written: the one way the site writes CSV, so no file and
/// no column can skip [`spreadsheet_safe`].
pub(super) struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
    /// The file name, for errors.
    name: &'static str,
    /// The decimal separator numbers are written with: '.', or ',' in an Excel twin.
    decimal: char,
}

impl CsvFile {
    /// A file whose first row is `header`: UTF-8, `,` between cells, decimal points.
    pub(super) fn new<T: AsRef<str>>(
        name: &'static str,
        header: impl IntoIterator<Item = T>,
    ) -> Result<CsvFile> {
        let mut file = CsvFile {
            writer: csv::Writer::from_writer(Vec::new()),
            name,
            decimal: '.',
        };
        file.row(header)?;
        Ok(file)
    }

    /// A file for spreadsheets set up for Latvia (`excel.rs`): a UTF-8 byte-order mark, `;`
    /// between cells, decimal commas.
    pub(super) fn excel<T: AsRef<str>>(
        name: &'static str,
        header: impl IntoIterator<Item = T>,
    ) -> Result<CsvFile> {
        let mut file = CsvFile {
            writer: csv::WriterBuilder::new()
                .delimiter(b';')
                .from_writer("\u{feff}".as_bytes().to_vec()),
            name,
            decimal: ',',
        };
        file.row(header)?;
        Ok(file)
    }

    /// Writes one row, every cell made [`spreadsheet_safe`].
    pub(super) fn row<T: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = T>) -> Result<()> {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| spreadsheet_safe(cell.as_ref(), self.decimal))
            .collect();
        self.writer
            .write_record(&cells)
            .with_context(|| format!("cannot write {}", self.name))
    }

    pub(super) fn finish(self) -> Result<Vec<u8>> {
        let name = self.name;
        self.writer
            .into_inner()
            .with_context(|| format!("cannot write {name}"))
    }
}

/// A CSV cell that a spreadsheet opens as the text it is, never as a formula ("CSV injection"):
/// a cell starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, which Excel,
/// LibreOffice and Google Sheets read as "this is text" (and show without it). Document text can
/// start like that: a dash before a list item, "+10%" as an indicator's target, or a crafted
/// `=HYPERLINK(…)` in a document someone wants the portal to publish.
///
/// A cell that is exactly a decimal number (`-1500.50`: an optional minus, digits, an optional
/// point and digits) is left as it is: a spreadsheet reads it as that number, which can call
/// nothing, and the amounts of `budget.csv` (negative for a reduction) must stay numbers to be
/// added up; in an Excel twin a number has a decimal comma (`-1500,50`), given as `decimal`.
/// The JSON files carry the text unchanged.
fn spreadsheet_safe(cell: &str, decimal: char) -> String {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !is_decimal_number(cell, decimal) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// `-?[0-9]+(D[0-9]+)?` with `decimal` as D: how the portal writes a number into its data
/// (`Cents::to_decimal`, with a comma in the Excel twins).
fn is_decimal_number(cell: &str, decimal: char) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once(decimal).unwrap_or((digits, "0"));
    [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

fn measures_csv(records: &[MeasureRecord]) -> Result<Vec<u8>> {
    let columns: Vec<(FundingKind, Period)> = records
        .iter()
        .flat_map(|r| r.funding.iter().map(|f| (f.kind, f.year)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut header: Vec<String> = [
        "source",
        "source_title",
        "plan",
        "plan_title",
        "id",
        "parent",
        "parent_title",
        "direction_id",
        "direction_title",
        "title",
        "result",
        "indicator",
        "responsible",
        "co_responsible",
        "involved",
        "deadline",
        "deadline_date",
        "recurring",
        "status",
        "status_text",
        "funding_needed",
        "funding_allocated",
        "description",
    ]
    .map(String::from)
    .to_vec();
    header.extend(columns.iter().map(|&(k, y)| FundingTotal::column(k, y)));
    header.extend(
        [
            "funding_within_budget",
            "funding_shared",
            "source_lines",
            "url",
        ]
        .map(String::from),
    );
    let mut csv = CsvFile::new("measures.csv", header)?;
    for r in records {
        let optional = |text: &Option<String>| text.clone().unwrap_or_default();
        let mut row = vec![
            r.source.clone(),
            r.source_title.clone(),
            r.plan.clone(),
            r.plan_title.clone(),
            r.id.clone(),
            optional(&r.parent),
            optional(&r.parent_title),
            r.direction.id.clone(),
            optional(&r.direction.title),
            r.title.clone(),
            optional(&r.result),
            optional(&r.indicator),
            joined(&r.responsible),
            joined(&r.co_responsible),
            joined(&r.involved),
            r.deadline.clone(),
            optional(&r.deadline_date),
            r.recurring.to_string(),
            r.status.unwrap_or_default().to_string(),
            optional(&r.status_text),
            optional(&r.funding_needed),
            optional(&r.funding_allocated),
            optional(&r.description),
        ];
        row.extend(columns.iter().map(|&(kind, year)| {
            r.funding
                .iter()
                .find(|f| f.kind == kind && f.year == year)
                .map(|f| f.amount.get().to_string())
                .unwrap_or_default()
        }));
        row.extend([
            r.funding_within_budget.to_string(),
            r.funding_shared.to_string(),
            format!("{}-{}", r.source_lines[0], r.source_lines[1]),
            r.url.clone(),
        ]);
        csv.row(row)?;
    }
    csv.finish()
}

fn institutions_csv(records: &[InstitutionRecord]) -> Result<Vec<u8>> {
    let measures = |links: &[MeasureLink]| {
        links
            .iter()
            .map(|l| format!("{}:{}", l.plan, l.id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut csv = CsvFile::new(
        "institutions.csv",
        [
            "kind",
            "id",
            "code",
            "name",
            "parent",
            "parent_url",
            "aliases",
            "documents",
            "url",
            "responsible",
            "co_responsible",
            "involved",
        ],
    )?;
    for r in records {
        csv.row([
            r.kind.as_str().to_string(),
            r.id.clone(),
            r.code.clone(),
            r.name.clone().unwrap_or_default(),
            r.parent.clone().unwrap_or_default(),
            r.parent_url.clone().unwrap_or_default(),
            joined(&r.aliases),
            joined(&r.documents),
            r.url.clone(),
            measures(&r.responsible),
            measures(&r.co_responsible),
            measures(&r.involved),
        ])?;
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::model::{Abbreviation, Deadline, Direction, Status};
    use crate::resolve::resolve;
    use serde_json::{json, Value};

    /// A two-measure plan resolved into a library, as the driver would.
    fn library() -> Library {
        let plan = Plan {
            slug: "cilveku".into(),
            source: "002_x.txt".into(),
            title: "Plāns".into(),
            directions: vec![Direction {
                id: "1".into(),
                title: "Prevencija[^3]".into(),
                line: 140,
            }],
            measures: vec![
                Measure {
                    id: "1.1".into(),
                    parent: Some("1".into()),
                    parent_title: Some("Prevencijas pasākumi[^2]".into()),
                    direction: "1".into(),
                    title: "Izglītot sabiedrību[^2]".into(),
                    responsible: vec!["IEM (VP, VPK)".into()],
                    involved: vec!["Pašvaldības".into()],
                    deadline: Deadline::parse("2025. gada decembris"),
                    status: Some(Status::PartlyDone),
                    status_text: Some("Uzdevums izpildīts daļēji".into()),
                    source_lines: (150, 158),
                    ..Measure::default()
                },
                Measure {
                    id: "1.2".into(),
                    direction: "9".into(),
                    title: "Apmācīt".into(),
                    responsible: vec!["VP".into()],
                    deadline: Deadline::parse("Katru gadu"),
                    source_lines: (160, 161),
                    ..Measure::default()
                },
            ],
            abbreviations: vec![
                Abbreviation {
                    code: "IeM".into(),
                    name: "Iekšlietu ministrija".into(),
                    line: 142,
                },
                Abbreviation {
                    code: "VP".into(),
                    name: "Valsts policija".into(),
                    line: 142,
                },
            ],
            reports_status: true,
            ..Plan::default()
        };
        resolve(vec![plan], Vec::new(), &Content::default()).0
    }

    fn written() -> Site {
        let mut site = Site::default();
        write_data(&library(), &mut site, "https://example.lv/").unwrap();
        site
    }

    fn json_file(site: &Site, path: &str) -> Value {
        let text = site.text(path).unwrap_or_else(|| panic!("{path} missing"));
        assert!(
            text.ends_with("}\n]\n"),
            "{path} is pretty JSON ending with a newline"
        );
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn measures_json_follows_the_contract() {
        let measures = json_file(&written(), "data/measures.json");
        let first = &measures[0];
        let mut fields: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort();
        let mut contract = vec![
            "source",
            "source_title",
            "plan",
            "plan_title",
            "id",
            "parent",
            "parent_title",
            "direction",
            "title",
            "result",
            "indicator",
            "responsible",
            "co_responsible",
            "involved",
            "deadline",
            "deadline_date",
            "recurring",
            "status",
            "status_text",
            "funding_needed",
            "funding_allocated",
            "description",
            "funding",
            "funding_within_budget",
            "funding_shared",
            "source_lines",
            "url",
        ];
        contract.sort();
        assert_eq!(fields, contract);
        assert_eq!(first["source"], "002_x.txt");
        assert_eq!(first["source_title"], "Plāns");
        assert_eq!(first["id"], "1.1");
        assert_eq!(first["parent"], "1");
        assert_eq!(first["parent_title"], "Prevencijas pasākumi");
        assert_eq!(
            first["direction"],
            json!({"id": "1", "title": "Prevencija"})
        );
        assert_eq!(
            first["title"], "Izglītot sabiedrību",
            "footnote markers are stripped"
        );
        assert_eq!(
            first["responsible"],
            json!(["IeM (VP, VPK)"]),
            "variants are folded"
        );
        assert_eq!(first["involved"], json!(["Pašvaldības"]));
        assert_eq!(first["co_responsible"], json!([]));
        assert_eq!(first["deadline"], "2025. gada decembris");
        assert_eq!(first["deadline_date"], "2025-12-31");
        assert_eq!(first["status"], "daļēji izpildīts");
        assert_eq!(first["result"], Value::Null);
        assert_eq!(first["source_lines"], json!([150, 158]));
        assert_eq!(
            first["url"],
            "https://example.lv/plani/cilveku/pasakumi/1.1/"
        );
        let second = &measures[1];
        assert_eq!(second["parent"], Value::Null);
        assert_eq!(second["direction"], json!({"id": "9", "title": null}));
        assert_eq!(second["deadline_date"], Value::Null);
        assert_eq!(second["recurring"], true);
    }

    /// The trafficking plan's shape: results 6.1 and 6.2 under measure 6, measure 7 alone; the
    /// budget names measure 6 (both results), 7, and 6 and 7 together.
    fn funded_plan() -> Plan {
        use crate::model::budget::{Budget, FundingLine, Programme, WithinBudget};
        let line = |measures: &[&str], kind, period, cents| FundingLine {
            ministry: None,
            programme: Programme {
                code: "06.00.00".into(),
                name: "Valsts policijas darbība".into(),
            },
            measures: measures.iter().map(|m| m.to_string()).collect(),
            kind,
            period,
            amount: Cents(cents),
            source_lines: (600, 610),
            note: None,
        };
        let measure = |id: &str, parent: Option<&str>| Measure {
            id: id.into(),
            parent: parent.map(str::to_string),
            ..Measure::default()
        };
        Plan {
            slug: "cilveku".into(),
            title: "Plāns 2025.–2027. gadam[^1]".into(),
            measures: vec![
                measure("6.1", Some("6")),
                measure("6.2", Some("6")),
                measure("7", None),
                measure("8", None),
            ],
            budget: Budget {
                lines: vec![
                    line(&["7"], FundingKind::Planned, Period::Year(2025), 10_000_050),
                    line(&["7"], FundingKind::Planned, Period::Year(2025), 2_500),
                    line(&["7"], FundingKind::Additional, Period::Annual, 100_000),
                    line(
                        &["6", "7"],
                        FundingKind::Planned,
                        Period::Year(2026),
                        30_000,
                    ),
                ],
                within_budget: vec![WithinBudget {
                    measures: vec!["8".into()],
                    programmes: Vec::new(),
                    kind: FundingKind::Planned,
                    source_lines: (620, 621),
                    note: None,
                }],
                ..Budget::default()
            },
            ..Plan::default()
        }
    }

    #[test]
    fn measures_carry_their_plans_title_and_funding_summed_per_kind_and_year() {
        let library = Library {
            plans: vec![funded_plan()],
            ..Library::default()
        };
        let mut site = Site::default();
        write_data(&library, &mut site, "/portals/").unwrap();
        let measures = json_file(&site, "data/measures.json");
        let seven = &measures[2];
        assert_eq!(seven["plan_title"], "Plāns 2025.–2027. gadam");
        assert_eq!(seven["url"], "/portals/plani/cilveku/pasakumi/7/");
        assert_eq!(
            seven["funding"],
            json!([
                {"kind": "planned", "year": 2025, "amount": 100025.5},
                {"kind": "planned", "year": 2026, "amount": 300},
                {"kind": "additional", "year": "annual", "amount": 1000},
            ])
        );
        assert_eq!(seven["funding_shared"], true, "the 2026 line is 6's too");
        assert_eq!(seven["funding_within_budget"], false);
        let result = &measures[0];
        assert_eq!(
            result["funding"],
            json!([{"kind": "planned", "year": 2026, "amount": 300}]),
            "6.1 gets its parent measure's line"
        );
        assert_eq!(result["funding_shared"], true);
        let eight = &measures[3];
        assert_eq!(eight["funding"], json!([]));
        assert_eq!(eight["funding_within_budget"], true);
        assert_eq!(eight["funding_shared"], false);

        let csv = site.text("data/measures.csv").unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        let funding: Vec<&str> = header
            .iter()
            .filter(|h| h.starts_with("funding_"))
            .skip(2)
            .collect();
        assert_eq!(
            funding,
            [
                // after funding_needed and funding_allocated, the printed cells
                "funding_planned_2025",
                "funding_planned_2026",
                "funding_additional_annual",
                "funding_within_budget",
                "funding_shared"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[2][column("funding_planned_2025")], "100025.50");
        assert_eq!(&rows[2][column("funding_additional_annual")], "1000");
        assert_eq!(&rows[0][column("funding_planned_2025")], "");
        assert_eq!(&rows[3][column("funding_within_budget")], "true");
    }

    #[test]
    fn institutions_json_lists_measures_by_role() {
        let institutions = json_file(&written(), "data/institutions.json");
        let codes: Vec<&str> = institutions
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["IeM", "VP", "VPK", "Pašvaldības"]);
        let kinds: Vec<&str> = institutions
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["institution", "institution", "institution", "group"]
        );
        let vp = &institutions[1];
        let mut fields: Vec<&str> = vp.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "aliases",
                "co_responsible",
                "code",
                "documents",
                "id",
                "involved",
                "kind",
                "name",
                "parent",
                "parent_url",
                "responsible",
                "url"
            ]
        );
        assert_eq!(vp["name"], "Valsts policija");
        assert_eq!(
            vp["parent"], "IeM",
            "from the parentheses \"IEM (VP, VPK)\""
        );
        assert_eq!(vp["parent_url"], "https://example.lv/iestades/iem/");
        assert_eq!(vp["id"], "vp", "the page's path below iestades/");
        assert_eq!(vp["documents"], json!(["cilveku"]));
        assert_eq!(vp["url"], "https://example.lv/iestades/vp/");
        assert_eq!(
            vp["responsible"],
            json!([
                {"plan": "cilveku", "id": "1.1", "url": "https://example.lv/plani/cilveku/pasakumi/1.1/"},
                {"plan": "cilveku", "id": "1.2", "url": "https://example.lv/plani/cilveku/pasakumi/1.2/"},
            ])
        );
        assert_eq!(vp["involved"], json!([]));
        assert_eq!(institutions[0]["aliases"], json!(["IEM"]));
        assert_eq!(
            institutions[2]["name"],
            Value::Null,
            "VPK is defined nowhere"
        );
        let municipalities = &institutions[3];
        assert_eq!(
            municipalities["url"],
            "https://example.lv/iestades/grupas/pasvaldibas/"
        );
        assert_eq!(municipalities["parent"], Value::Null);
        assert_eq!(municipalities["id"], "grupas/pasvaldibas");
    }

    #[test]
    fn cells_that_would_start_a_formula_get_an_apostrophe_and_numbers_do_not() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+10%", "'+10%"),
            ("- - -", "'- - -"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tVP", "'\tVP"),
            ("\rVP", "'\rVP"),
            ("-1-1", "'-1-1"),
            ("-1e5", "'-1e5"),
            ("-.5", "'-.5"),
            ("-5.", "'-5."),
            ("-1500.50", "-1500.50"),
            ("-3800", "-3800"),
            ("101898.68", "101898.68"),
            ("Valsts policija", "Valsts policija"),
            (" =1+1", " =1+1"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell, '.'), written, "{cell:?}");
        }
        // An Excel twin's numbers have decimal commas; a point there is text, not a number.
        assert_eq!(spreadsheet_safe("-1500,50", ','), "-1500,50");
        assert_eq!(spreadsheet_safe("-1500.50", ','), "'-1500.50");
        assert_eq!(spreadsheet_safe("-1500,50", '.'), "'-1500,50");
        assert_eq!(spreadsheet_safe("=1,5", ','), "'=1,5");
    }

    #[test]
    fn csv_files_have_a_header_and_one_row_per_record() {
        let site = written();
        let mut measures =
            csv::Reader::from_reader(site.text("data/measures.csv").unwrap().as_bytes());
        let header = measures.headers().unwrap().clone();
        assert_eq!(&header[0], "source");
        assert_eq!(header.iter().next_back(), Some("url"));
        let rows: Vec<csv::StringRecord> = measures.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][column("responsible")], "IeM (VP, VPK)");
        assert_eq!(&rows[0][column("source_lines")], "150-158");
        assert_eq!(&rows[0][column("direction_title")], "Prevencija");
        assert_eq!(&rows[0][column("parent_title")], "Prevencijas pasākumi");
        assert_eq!(&rows[1][column("parent_title")], "");

        let mut institutions =
            csv::Reader::from_reader(site.text("data/institutions.csv").unwrap().as_bytes());
        let header = institutions.headers().unwrap().clone();
        assert_eq!(&header[0], "kind");
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = institutions.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(&rows[1][column("responsible")], "cilveku:1.1; cilveku:1.2");
        assert_eq!(&rows[3][column("kind")], "group");
    }
}
