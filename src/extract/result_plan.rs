//! The result-plan structure: an action plan whose measures ("1. Īstenot…") each carry numbered
//! results ("1.1. Īstenotas…", "2.2 Īstenoti…", "6.1.Izstrādāts…") that hold the indicator,
//! the institutions and the deadline.
//!
//! The document opens with prose (its title is named in the first sentence, "… plāns 2025. –
//! 2027. gadam (turpmāk - Plāns) …"), then has one table per action direction. Each table is
//! preceded by a heading cell "1. RĪCĪBAS VIRZIENS: …" and opens with a header row (Pasākums |
//! Darbības rezultāts | Rezultatīvais rādītājs | …). Inside a table a measure cell opens a measure
//! and the result cells after it open rows; a row without a measure cell continues the measure
//! above (Word's vertically merged cell exported as an empty cell).
//!
//! The unit the portal publishes is the *result*: one [`Measure`] per result row, numbered as the
//! result ("2.2") and titled by the result's own text, with the measure as its parent (`parent`,
//! and the measure's text as `parent_title`). The result text is the title, so `result` stays
//! empty; the other cells of the row fill the fields their column headers name. Tables elsewhere in the document (a SWOT table,
//! an indicator table, the budget annex that repeats the directions and measures) are outside the
//! measure tables' region and are never read as measures.
//!
//! Direction titles are kept as printed (upper case in this document); changing case would alter
//! codes and names inside them, and the templates can style them.

use super::abbreviations::parse_run_in;
use super::institutions::split_institutions;
use crate::diagnostics::Diagnostic;
use crate::model::{Abbreviation, Deadline, Direction, Measure, Plan, Status};
use crate::read::table::{header_run, place_cells, split_number_prefix, Field};
use crate::read::word::{collapse_spaces, Cell, WordDoc};
use crate::text::footnote_numbers;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Reads a result plan: title, summary, directions, one measure per result, abbreviations and
/// referenced footnotes.
pub fn extract(doc: &WordDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let mut plan = super::plan_of(&doc.file, slug);
    let mut diagnostics = Vec::new();

    let intro = intro_paragraphs(doc);
    match find_title(&intro) {
        Some(title) => plan.title = title,
        None => diagnostics.push(Diagnostic::warning(
            &doc.file,
            intro.first().map_or(1, |p| p.0),
            "no plan title (\"… plāns YYYY. – YYYY. gadam (turpmāk …\") in the opening paragraphs",
        )),
    }
    plan.summary = intro.into_iter().map(|(_, text)| text).collect();
    plan.abbreviations = footnote_abbreviations(doc);

    let mut referenced: BTreeSet<u32> = plan
        .summary
        .iter()
        .flat_map(|p| footnote_numbers(p))
        .collect();
    match table_region(doc) {
        Some(region) => {
            let cells = doc.cells(region.start..region.end);
            referenced.extend(cells.iter().flat_map(|c| footnote_numbers(&c.text)));
            let mut reader = TableReader::new(&doc.file);
            reader.read(&cells);
            plan.directions = reader.directions;
            plan.measures = reader.measures;
            diagnostics.extend(reader.diagnostics);
            if plan.measures.is_empty() {
                diagnostics.push(Diagnostic::error(
                    &doc.file,
                    region.start,
                    "the measure tables hold no numbered measures or results",
                ));
            }
        }
        None => diagnostics.push(Diagnostic::error(
            &doc.file,
            0,
            "no measure table found (a header row with \"Pasākums\" and \"Darbības rezultāts\")",
        )),
    }
    plan.footnotes = doc
        .footnotes
        .iter()
        .filter(|f| referenced.contains(&f.number))
        .cloned()
        .collect();
    (plan, diagnostics)
}

/// The paragraphs before the first section heading or table, with their line numbers.
fn intro_paragraphs(doc: &WordDoc) -> Vec<(usize, String)> {
    doc.lines
        .iter()
        .take_while(|l| !l.starts_cell && !is_section_heading(doc, l.number))
        .filter(|l| !l.is_blank())
        .map(|l| (l.number, collapse_spaces(&l.text)))
        .collect()
}

/// "plāns 2025. – 2027. gadam (turpmāk": the end of a plan's name where the document introduces
/// its short name.
static PLAN_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bplāns\s+\d{4}\.?\s*[–—-]\s*\d{4}\.\s*gadam\s*\(turpmāk").expect("valid regex")
});

/// The plan's name from the sentence that introduces it: "Cilvēku … plāns 2025. – 2027. gadam
/// (turpmāk - Plāns) izstrādāts …".
///
/// Latvian names capitalise only their first word, so the name starts at the last capitalised
/// word of the clause before "plāns" ("Ar šo apstiprina Cilvēku … plāns" gives "Cilvēku … plāns").
fn find_title(paragraphs: &[(usize, String)]) -> Option<String> {
    paragraphs.iter().find_map(|(_, text)| {
        let found = PLAN_NAME_END.find(text)?;
        let before: Vec<&str> = text[..found.start()].split_whitespace().collect();
        let clause_start = before
            .iter()
            .rposition(|w| w.ends_with(['.', ':', ';']))
            .map_or(0, |i| i + 1);
        let start = (clause_start..before.len())
            .rev()
            .find(|&i| before[i].starts_with(char::is_uppercase))?;
        let name_end = found.as_str().rfind('(')?;
        let name = format!(
            "{} {}",
            before[start..].join(" "),
            &found.as_str()[..name_end]
        );
        Some(collapse_spaces(&name))
    })
}

/// Definitions from every footnote that is a run-in abbreviation list ("Izmantotie saīsinājumi:
/// ĀM – Ārlietu ministrija; IeM – …"). A footnote counts as a list when at least two of its
/// parts parse as definitions, so a footnote with a stray dash is not read as one.
fn footnote_abbreviations(doc: &WordDoc) -> Vec<Abbreviation> {
    doc.footnotes
        .iter()
        .map(|f| parse_run_in(&f.text, f.line))
        .filter(|list| list.len() >= 2)
        .flatten()
        .collect()
}

/// A Word heading outside the tables: "5. Teritoriālā perspektīva" on a line of its own, after a
/// blank line, carrying Word's `_Toc` bookmark or set off by two blank lines.
///
/// It ends the last measure table: without it, the prose after the table would continue the last
/// cell (the export does not mark where a table ends).
fn is_section_heading(doc: &WordDoc, number: usize) -> bool {
    let line = doc.line(number);
    let blank_before = |n: usize| n >= 1 && number > n && doc.line(number - n).is_blank();
    if line.starts_cell || line.is_blank() || !blank_before(1) {
        return false;
    }
    if !(line.had_bookmark || blank_before(2)) {
        return false;
    }
    let Some((id, rest)) = split_number_prefix(&line.text) else {
        return false;
    };
    !id.contains('.')
        && rest.starts_with(char::is_uppercase)
        && rest.chars().count() <= 120
        && !rest.trim_end().ends_with(['.', ';', ','])
}

/// Lines of the measure tables: from the direction heading before the first measure-table header
/// to the first section heading after the last one.
fn table_region(doc: &WordDoc) -> Option<std::ops::Range<usize>> {
    let cells = doc.cells(1..doc.last_line() + 1);
    let headers: Vec<usize> = (0..cells.len())
        .filter(|&i| header_row(&cells[i..]).is_some())
        .collect();
    let first = *headers.first()?;
    let last = *headers.last()?;
    let before = cells[..first].iter().rev().find(|c| !c.is_empty());
    let start = match before {
        Some(cell) if cell.tabbed && parse_direction(&cell.flat()).is_some() => cell.first_line,
        _ => cells[first].first_line,
    };
    let after = cells[last].last_line + 1;
    let end = (after..=doc.last_line())
        .find(|&n| is_section_heading(doc, n))
        .unwrap_or(doc.last_line() + 1);
    Some(start..end)
}

/// A measure-table header at the start of `cells`: its fields and how many cells it spans.
///
/// The header must name the result column and a responsible institution or deadline column; a
/// lone body cell that happens to contain a header word ("… pasākumi") is not a header.
fn header_row(cells: &[Cell]) -> Option<(Vec<Field>, usize)> {
    let (named, len) = header_run(cells)?;
    let fields: Vec<Field> = named.into_iter().map(|(field, _)| field).collect();
    let names = |f: Field| fields.contains(&f);
    (fields.len() >= 3
        && names(Field::Result)
        && (names(Field::Responsible) || names(Field::Deadline)))
    .then_some((fields, len))
}

/// "1. RĪCĪBAS VIRZIENS: CILVĒKU TIRDZNIECĪBAS PREVENCIJA": the direction's number (if printed)
/// and title.
fn parse_direction(text: &str) -> Option<(Option<String>, String)> {
    let (head, title) = text.split_once(':')?;
    if head.chars().count() > 60 || !head.to_lowercase().contains("virzien") {
        return None;
    }
    let title = collapse_spaces(title);
    // "Rīcības virziens: 1. RĪCĪBAS VIRZIENS: …" names the direction twice.
    if let Some(inner) = parse_direction(&title) {
        return Some(inner);
    }
    let id = split_number_prefix(head)
        .map(|(id, _)| id)
        .filter(|id| !id.contains('.'));
    (!title.is_empty()).then_some((id, title))
}

/// A numbered cell that opens a measure or a result row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    /// "1. Īstenot…": a measure (one-level number followed by its text).
    Measure { id: String, text: String },
    /// "1.1. Īstenotas…", "2.2 …", "6.1.Izstrādāts…", or a bare "7.1.": a result.
    Result { id: String, text: String },
}

/// Reads a cell's leading number as a measure or result number.
///
/// Dates ("31.12.2027.") and years ("2025. gadā") are not row numbers: every part of a row
/// number has one or two digits and there are at most two parts.
fn anchor(cell: &Cell) -> Option<Anchor> {
    let flat = cell.flat();
    let (id, rest) = split_number_prefix(&flat)?;
    let parts: Vec<&str> = id.split('.').collect();
    if parts.len() > 2 || parts.iter().any(|p| p.len() > 2) {
        return None;
    }
    let text = rest.trim().to_string();
    if parts.len() == 1 {
        text.starts_with(char::is_uppercase)
            .then_some(Anchor::Measure { id, text })
    } else {
        (text.is_empty() || text.starts_with(char::is_alphabetic))
            .then_some(Anchor::Result { id, text })
    }
}

/// The measure whose results are being read.
#[derive(Debug, Clone)]
struct OpenMeasure {
    id: String,
    text: String,
    line: usize,
    results: usize,
    /// Second part of the last result number read under it, for the gap check.
    last_result: Option<u32>,
}

/// One result row being collected: its number and text, and the cells after them.
#[derive(Debug, Clone)]
struct Row {
    /// The printed result number; `None` when the row after a measure cell has no number.
    id: Option<String>,
    text: String,
    cells: Vec<Cell>,
    first_line: usize,
    last_line: usize,
}

/// Walks the cells of the measure tables, building directions and one measure per result.
struct TableReader<'a> {
    file: &'a str,
    directions: Vec<Direction>,
    measures: Vec<Measure>,
    diagnostics: Vec<Diagnostic>,
    /// Columns after "Darbības rezultāts" in the current table's header.
    fields: Option<Vec<Field>>,
    measure: Option<OpenMeasure>,
    row: Option<Row>,
    /// The row's result text is in the next cell (the number stood alone).
    text_pending: bool,
}

impl<'a> TableReader<'a> {
    fn new(file: &'a str) -> Self {
        TableReader {
            file,
            directions: Vec::new(),
            measures: Vec::new(),
            diagnostics: Vec::new(),
            fields: None,
            measure: None,
            row: None,
            text_pending: false,
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, message));
    }

    fn read(&mut self, cells: &[Cell]) {
        let mut i = 0;
        while i < cells.len() {
            let cell = &cells[i];
            if let Some((fields, len)) = header_row(&cells[i..]) {
                self.flush_row();
                let result = fields.iter().position(|f| *f == Field::Result);
                self.fields = result.map(|r| fields[r + 1..].to_vec());
                i += len;
                continue;
            }
            i += 1;
            if self.text_pending && !cell.is_empty() {
                self.text_pending = false;
                if let Some(row) = self.row.as_mut() {
                    row.text = cell.flat();
                    row.last_line = cell.last_line;
                    continue;
                }
            }
            if cell.tabbed {
                if let Some((id, title)) = parse_direction(&cell.flat()) {
                    self.open_direction(id, title, cell.first_line);
                    continue;
                }
            }
            match anchor(cell) {
                Some(Anchor::Measure { id, text }) => self.open_measure(id, text, cell),
                Some(Anchor::Result { id, text }) => self.open_result(id, text, cell),
                None => self.add_cell(cell),
            }
        }
        self.flush_row();
        self.close_measure();
    }

    fn open_direction(&mut self, id: Option<String>, title: String, line: usize) {
        self.flush_row();
        self.close_measure();
        let position = (self.directions.len() + 1).to_string();
        let id = match id {
            Some(id) => {
                if id != position {
                    self.warn(
                        line,
                        format!("direction {id} is direction number {position} in order"),
                    );
                }
                id
            }
            None => {
                self.warn(
                    line,
                    format!("direction has no number; numbered {position} by position"),
                );
                position
            }
        };
        self.directions.push(Direction { id, title, line });
    }

    fn open_measure(&mut self, id: String, text: String, cell: &Cell) {
        self.flush_row();
        let previous = self.measure.as_ref().map(|m| m.id.clone());
        self.close_measure();
        if let (Some(prev), Ok(this)) = (previous, id.parse::<u32>()) {
            if let Ok(prev) = prev.parse::<u32>() {
                if this != prev + 1 {
                    self.warn(
                        cell.first_line,
                        format!("measure {this} follows measure {prev} (numbering gap or repeat)"),
                    );
                }
            }
        }
        self.measure = Some(OpenMeasure {
            id,
            text,
            line: cell.first_line,
            results: 0,
            last_result: None,
        });
        // Cells after the measure cell form a row even when no result number follows.
        self.row = Some(Row {
            id: None,
            text: String::new(),
            cells: Vec::new(),
            first_line: cell.first_line,
            last_line: cell.last_line,
        });
    }

    fn open_result(&mut self, id: String, text: String, cell: &Cell) {
        // The row the measure cell opened becomes this result's row when nothing came between.
        let first_line = match self.row.take() {
            Some(row) if row.id.is_none() && row.cells.iter().all(Cell::is_empty) => row.first_line,
            other => {
                self.row = other;
                self.flush_row();
                cell.first_line
            }
        };
        self.check_result_number(&id, cell.first_line);
        self.text_pending = text.is_empty();
        self.row = Some(Row {
            id: Some(id),
            text,
            cells: Vec::new(),
            first_line,
            last_line: cell.last_line,
        });
    }

    fn check_result_number(&mut self, id: &str, line: usize) {
        let Some(measure) = self.measure.as_mut() else {
            self.warn(line, format!("result {id} comes before any measure"));
            return;
        };
        measure.results += 1;
        let (head, tail) = id.split_once('.').unwrap_or((id, ""));
        let measure_id = measure.id.clone();
        let sub = tail.parse::<u32>().ok();
        let expected = measure.last_result.map_or(1, |n| n + 1);
        if let Some(n) = sub {
            measure.last_result = Some(n);
        }
        if head != measure_id {
            self.warn(
                line,
                format!("result {id} is listed under measure {measure_id}"),
            );
        }
        if sub.is_some_and(|n| n != expected) {
            self.warn(
                line,
                format!("result {id} under measure {measure_id}: expected {measure_id}.{expected} (numbering gap or repeat)"),
            );
        }
    }

    fn add_cell(&mut self, cell: &Cell) {
        match self.row.as_mut() {
            Some(row) => {
                if !cell.is_empty() {
                    row.last_line = cell.last_line;
                }
                row.cells.push(cell.clone());
            }
            None if !cell.is_empty() => {
                let text: String = cell.flat().chars().take(60).collect();
                self.warn(
                    cell.first_line,
                    format!("cell outside any measure row ignored: \"{text}\""),
                );
            }
            None => {}
        }
    }

    fn close_measure(&mut self) {
        if let Some(measure) = self.measure.take() {
            if measure.results == 0 {
                self.warn(
                    measure.line,
                    format!("measure {} has no results", measure.id),
                );
            }
        }
    }

    /// Turns the collected row into a [`Measure`].
    fn flush_row(&mut self) {
        self.text_pending = false;
        let Some(mut row) = self.row.take() else {
            return;
        };
        while row.cells.last().is_some_and(Cell::is_empty) {
            row.cells.pop();
        }
        let measure = self.measure.clone();
        let id = match (&row.id, &measure) {
            (Some(id), _) => id.clone(),
            (None, _) if row.cells.is_empty() => return,
            (None, Some(m)) => {
                let id = format!("{}.{}", m.id, m.results + 1);
                self.warn(
                    row.first_line,
                    format!(
                        "row under measure {} has no result number; numbered {id} by position",
                        m.id
                    ),
                );
                if let Some(open) = self.measure.as_mut() {
                    open.results += 1;
                }
                id
            }
            (None, None) => return,
        };
        let Some(fields) = self.fields.clone() else {
            self.warn(
                row.first_line,
                format!("result {id} comes before any table header; skipped"),
            );
            return;
        };
        let mut out = Measure {
            id: id.clone(),
            parent: measure.as_ref().map(|m| m.id.clone()),
            parent_title: measure.as_ref().map(|m| m.text.clone()),
            direction: self
                .directions
                .last()
                .map(|d| d.id.clone())
                .unwrap_or_default(),
            source_lines: (row.first_line, row.last_line),
            ..Measure::default()
        };
        // A row without a result number holds its result text in the first cell.
        let cells: Vec<&Cell> = row.cells.iter().collect();
        let mut columns: Vec<Field> = fields.clone();
        if row.id.is_none() {
            columns.insert(0, Field::Result);
        } else if !row.text.is_empty() {
            out.result = Some(row.text.clone());
        }
        if self.directions.is_empty() {
            self.warn(row.first_line, format!("result {id} has no direction"));
        }
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        let placed = place_cells(&texts, &columns);
        for (column, field) in columns.iter().enumerate() {
            let text = cells
                .iter()
                .zip(&placed)
                .filter(|(c, &p)| p == column && !c.is_empty())
                .map(|(c, _)| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            assign(&mut out, *field, &text);
        }
        // The record is the result: its text is the title, the measure's text the parent title.
        match out.result.take() {
            Some(result) => out.title = result,
            None => {
                self.warn(
                    row.first_line,
                    format!("result {id} has no text; titled by its measure"),
                );
                out.title = out.parent_title.clone().unwrap_or_default();
            }
        }
        self.check_measure(&out);
        self.measures.push(out);
    }

    fn check_measure(&mut self, measure: &Measure) {
        let line = measure.source_lines.0;
        if measure.responsible.is_empty() {
            self.warn(
                line,
                format!("result {} names no responsible institution", measure.id),
            );
        }
        if measure.deadline.raw.is_empty() {
            self.warn(line, format!("result {} has no deadline", measure.id));
        } else if measure.deadline.dates.is_empty() && !measure.deadline.recurring {
            self.warn(
                line,
                format!(
                    "result {}: deadline \"{}\" names no date",
                    measure.id, measure.deadline.raw
                ),
            );
        }
    }
}

/// Stores a placed column's text in the measure field the column names.
fn assign(measure: &mut Measure, field: Field, text: &str) {
    let optional = || (!text.is_empty()).then(|| text.to_string());
    match field {
        Field::Result => measure.result = optional(),
        Field::Indicator => measure.indicator = optional(),
        Field::Responsible => measure.responsible = split_institutions(text),
        Field::CoResponsible => measure.co_responsible = split_institutions(text),
        Field::Involved => measure.involved = split_institutions(text),
        Field::Deadline => measure.deadline = Deadline::parse(text),
        Field::FundingNeeded => measure.funding_needed = optional(),
        Field::FundingAllocated => measure.funding_allocated = optional(),
        Field::Status => {
            measure.status = Status::from_text(text);
            measure.status_text = optional();
        }
        Field::Number | Field::Title => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    /// Real lines of the trafficking plan: the opening paragraphs, the first two direction tables
    /// (measures 1–6), the section heading after the last table and the start of the budget annex,
    /// which repeats a direction and a measure.
    const FIXTURE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/result_plan/two_directions.txt"
    ));

    const SEED: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_5ef2c56a3aa0266d.txt"
    ));

    fn read(text: &str) -> (Plan, Vec<Diagnostic>) {
        extract(&WordDoc::parse("002.txt", text), "cilveku-tirdznieciba")
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.measures.iter().map(|m| m.id.as_str()).collect()
    }

    fn measure<'p>(plan: &'p Plan, id: &str) -> &'p Measure {
        plan.measures
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("no measure {id}"))
    }

    /// The fixture with the given 1-based lines emptied, so later lines keep their numbers.
    fn blank_lines(text: &str, lines: std::ops::RangeInclusive<usize>) -> String {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| if lines.contains(&(i + 1)) { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn has_warning(diagnostics: &[Diagnostic], line: usize, words: &str) -> bool {
        diagnostics
            .iter()
            .any(|d| d.line == line && d.severity == Severity::Warning && d.message.contains(words))
    }

    #[test]
    fn the_fixture_reads_every_result_with_its_measure() {
        let (plan, diagnostics) = read(FIXTURE);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            ids(&plan),
            ["1.1", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1", "6.1"]
        );
        let directions: Vec<_> = plan
            .directions
            .iter()
            .map(|d| (d.id.as_str(), d.line))
            .collect();
        assert_eq!(directions, [("1", 27), ("2", 115)]);
        assert_eq!(plan.directions[0].title, "CILVĒKU TIRDZNIECĪBAS PREVENCIJA");

        let first = measure(&plan, "1.1");
        assert_eq!(first.parent.as_deref(), Some("1"));
        assert_eq!(first.direction, "1");
        assert_eq!(
            first.title,
            "Īstenotas izglītojošas nodarbības skolēniem vispārējās izglītības iestādēs un profesionālajās izglītības iestādēs par cilvēku tirdzniecības riskiem"
        );
        assert_eq!(
            first.parent_title.as_deref(),
            Some("Īstenot vispārējās prevencijas pasākumus izglītības iestādēs par cilvēku tirdzniecību")
        );
        assert_eq!(first.result, None);
        let indicator = first.indicator.as_deref().unwrap();
        assert_eq!(indicator.lines().count(), 2);
        assert!(indicator.starts_with("· Vismaz 30 Izglītojošie"));
        // The merged cell repeats "LR Tiesībsargs" on a continuation line: listed once.
        assert_eq!(first.responsible, ["ĀM", "IeM (VP)", "LR Tiesībsargs"]);
        assert_eq!(first.co_responsible, ["Pašvaldības"]);
        assert_eq!(first.deadline.raw, "31.12.2027.");
        assert_eq!(first.source_lines, (37, 58));

        let second = measure(&plan, "2.2");
        assert_eq!(second.parent.as_deref(), Some("2"));
        assert_eq!(
            second.title,
            "Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos"
        );
        assert_eq!(
            second.parent_title.as_deref(),
            Some("Īstenot informatīvos un izglītojošos pasākumus sabiedrībai kopumā")
        );
        // Results of one measure share its parent title, not their titles.
        assert_eq!(
            measure(&plan, "2.1").title,
            "Sagatavots pārskats par cilvēku tirdzniecības situāciju Latvijā"
        );
        assert_eq!(measure(&plan, "2.1").parent_title, second.parent_title);
        assert_eq!(second.responsible, ["IeM"]);
        assert!(second.co_responsible.is_empty());
        assert_eq!(second.source_lines, (69, 73));

        assert_eq!(measure(&plan, "3.2").responsible, ["ĀM", "IeM (VRS)"]);
        assert_eq!(measure(&plan, "5.1").co_responsible.len(), 14);
        assert_eq!(measure(&plan, "5.1").direction, "2");
    }

    #[test]
    fn a_number_glued_to_the_text_is_split_off() {
        let (plan, _) = read(FIXTURE);
        let glued = measure(&plan, "6.1");
        assert_eq!(
            glued.title,
            "Izstrādāts, aprobēts un ieviests rīks cilvēku tirdzniecības atpazīšanai"
        );
        assert_eq!(glued.responsible, ["LM"]);
        assert_eq!(
            glued.deadline.date(),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
        );
    }

    #[test]
    fn title_summary_abbreviations_and_footnotes_come_from_the_text() {
        let (plan, _) = read(FIXTURE);
        assert_eq!(
            plan.title,
            "Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam"
        );
        assert_eq!(plan.summary.len(), 5);
        assert!(plan.summary[0].contains("izvērtējums[^1] tika"));
        assert!(plan.summary[4].starts_with("Plāna īstenošana paredzēta"));
        let iem = plan.abbreviations.iter().find(|a| a.code == "IeM").unwrap();
        assert_eq!((iem.name.as_str(), iem.line), ("Iekšlietu ministrija", 32));
        assert_eq!(plan.abbreviations.len(), 18);
        let footnotes: Vec<u32> = plan.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(footnotes, [1, 2, 17]);
    }

    #[test]
    fn policy_cells_and_the_budget_annex_are_not_measures() {
        let (plan, _) = read(FIXTURE);
        // The annex (from line 148) repeats direction 1 and measure 1; the policy goal and
        // result cells stand before the first table.
        assert!(plan
            .measures
            .iter()
            .all(|m| m.source_lines.0 >= 37 && m.source_lines.1 <= 138));
        assert_eq!(plan.directions.len(), 2);
        assert!(plan.measures.iter().all(|m| !m.title.contains("POLITIKAS")));
    }

    #[test]
    fn a_dropped_result_row_is_reported_as_a_gap() {
        // Lines 61–66 are the row of result 2.1 (measure 2's cell stays on line 60).
        let (plan, diagnostics) = read(&blank_lines(FIXTURE, 61..=66));
        assert_eq!(
            ids(&plan),
            ["1.1", "2.2", "3.1", "3.2", "4.1", "5.1", "6.1"]
        );
        assert_eq!(measure(&plan, "2.2").parent.as_deref(), Some("2"));
        assert!(
            has_warning(&diagnostics, 69, "expected 2.1"),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn an_added_result_is_titled_by_its_own_text() {
        let edited = FIXTURE.replace(
            "\t3. Īstenot informatīvus pasākumus riska grupām",
            "\t2.3. Sagatavoti informatīvi materiāli skolām\n\t· Sagatavoti 3 materiāli\n\tIeM\n\t\n\t31.12.2026.\n\n\t3. Īstenot informatīvus pasākumus riska grupām",
        );
        let (plan, diagnostics) = read(&edited);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let added = measure(&plan, "2.3");
        assert_eq!(added.title, "Sagatavoti informatīvi materiāli skolām");
        assert_eq!(
            added.parent_title.as_deref(),
            Some("Īstenot informatīvos un izglītojošos pasākumus sabiedrībai kopumā")
        );
        assert_eq!(added.indicator.as_deref(), Some("· Sagatavoti 3 materiāli"));
        assert_eq!(added.deadline.raw, "31.12.2026.");
        // The three results of measure 2 have three titles.
        let titles: BTreeSet<&str> = plan
            .measures
            .iter()
            .filter(|m| m.parent.as_deref() == Some("2"))
            .map(|m| m.title.as_str())
            .collect();
        assert_eq!(titles.len(), 3);
    }

    #[test]
    fn a_result_without_text_is_titled_by_its_measure_and_reported() {
        // Line 109 is result 4.1's number and text; left as an empty cell, the row keeps its
        // indicator, institutions and deadline but has nothing to be titled by.
        let edited: String = FIXTURE
            .split('\n')
            .enumerate()
            .map(|(i, l)| if i + 1 == 109 { "\t" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        let (plan, diagnostics) = read(&edited);
        let row = measure(&plan, "4.1");
        assert_eq!(Some(row.title.as_str()), row.parent_title.as_deref());
        assert!(row.title.starts_with("Izstrādāt vadlīnijas"));
        assert!(row
            .indicator
            .as_deref()
            .unwrap()
            .starts_with("· Sagatavotas"));
        assert!(
            has_warning(&diagnostics, 108, "result 4.1 has no text"),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn a_renumbered_measure_is_reported() {
        let edited = FIXTURE.replace(
            "\t3. Īstenot informatīvus pasākumus riska grupām",
            "\t5. Īstenot informatīvus pasākumus riska grupām",
        );
        let (plan, diagnostics) = read(&edited);
        assert_eq!(measure(&plan, "3.1").parent.as_deref(), Some("5"));
        assert!(has_warning(&diagnostics, 75, "measure 5 follows measure 2"));
        assert!(has_warning(
            &diagnostics,
            76,
            "result 3.1 is listed under measure 5"
        ));
    }

    #[test]
    fn a_missing_empty_co_responsible_cell_leaves_the_deadline_in_place() {
        // Line 65 is the lone TAB of result 2.1's empty co-responsible cell.
        let (plan, diagnostics) = read(&blank_lines(FIXTURE, 65..=65));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = measure(&plan, "2.1");
        assert_eq!(row.responsible, ["IeM"]);
        assert!(row.co_responsible.is_empty());
        assert_eq!(row.deadline.raw, "31.12.2027.");
    }

    #[test]
    fn a_bookmark_before_a_number_does_not_hide_the_row() {
        let edited = FIXTURE
            .replace("\t2.2 Īstenoti", "\t[bookmark: _Hlk148436768]2.2 Īstenoti")
            .replace("\t3. Īstenot", "\t[bookmark: _Hlk148436769]3. Īstenot");
        let (plan, diagnostics) = read(&edited);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(ids(&plan), ids(&read(FIXTURE).0));
        assert_eq!(
            measure(&plan, "3.1").parent_title.as_deref(),
            Some("Īstenot informatīvus pasākumus riska grupām")
        );
    }

    #[test]
    fn a_result_number_in_a_cell_of_its_own_takes_the_next_cell_as_text() {
        let edited = FIXTURE.replace("\t4.1. Sagatavotas", "\t4.1.\n\tSagatavotas");
        let (plan, diagnostics) = read(&edited);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = measure(&plan, "4.1");
        assert!(row.title.starts_with("Sagatavotas un publicētas"));
        assert!(row
            .indicator
            .as_deref()
            .unwrap()
            .starts_with("· Sagatavotas"));
        assert_eq!(row.responsible, ["IeM", "LR Tiesībsargs"]);
    }

    #[test]
    fn a_row_without_a_result_number_is_numbered_by_position_and_reported() {
        let edited = FIXTURE.replace("\t4.1. Sagatavotas", "\tSagatavotas");
        let (plan, diagnostics) = read(&edited);
        let row = measure(&plan, "4.1");
        assert!(row.title.starts_with("Sagatavotas un publicētas"));
        assert_eq!(row.result, None);
        assert_eq!(row.deadline.raw, "31.12.2025.");
        assert!(has_warning(&diagnostics, 108, "no result number"));
    }

    #[test]
    fn missing_institution_and_deadline_are_reported() {
        // Lines 136 and 138 hold result 6.1's "LM" and "30.06.2026.".
        let (plan, diagnostics) = read(&blank_lines(FIXTURE, 136..=138));
        assert!(measure(&plan, "6.1").responsible.is_empty());
        assert!(has_warning(
            &diagnostics,
            133,
            "names no responsible institution"
        ));
        assert!(has_warning(&diagnostics, 133, "has no deadline"));
    }

    #[test]
    fn a_document_without_a_measure_table_is_an_error() {
        let intro: String = FIXTURE.split_inclusive('\n').take(14).collect();
        let (plan, diagnostics) = read(&intro);
        assert!(plan.measures.is_empty());
        assert_eq!(plan.summary.len(), 5);
        assert!(diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.message.contains("no measure table")));
    }

    #[test]
    fn dates_and_years_are_not_row_numbers() {
        let cell = |text: &str| Cell {
            text: text.to_string(),
            first_line: 1,
            last_line: 1,
            tabbed: true,
            had_bookmark: false,
        };
        assert_eq!(anchor(&cell("31.12.2027.")), None);
        assert_eq!(anchor(&cell("2025. gadā")), None);
        assert_eq!(anchor(&cell("· Vismaz 30")), None);
        assert_eq!(
            anchor(&cell("12. Sagatavots priekšlikums")),
            Some(Anchor::Measure {
                id: "12".to_string(),
                text: "Sagatavots priekšlikums".to_string()
            })
        );
        assert_eq!(
            anchor(&cell("2.2 Īstenoti")),
            Some(Anchor::Result {
                id: "2.2".to_string(),
                text: "Īstenoti".to_string()
            })
        );
    }

    #[test]
    fn direction_headings_give_number_and_title() {
        assert_eq!(
            parse_direction("4. RĪCĪBAS VIRZIENS: POLITIKAS KOORDINĀCIJA"),
            Some((Some("4".to_string()), "POLITIKAS KOORDINĀCIJA".to_string()))
        );
        assert_eq!(
            parse_direction(
                "Rīcības virziens: 1. RĪCĪBAS VIRZIENS: CILVĒKU TIRDZNIECĪBAS PREVENCIJA"
            ),
            Some((
                Some("1".to_string()),
                "CILVĒKU TIRDZNIECĪBAS PREVENCIJA".to_string()
            ))
        );
        assert_eq!(parse_direction("POLITIKAS MĒRĶIS: "), None);
    }

    #[test]
    fn the_title_starts_at_the_names_capitalised_word() {
        let found = |text: &str| find_title(&[(1, text.to_string())]);
        assert_eq!(
            found("Ar šo apstiprina Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam (turpmāk – Plāns)."),
            Some("Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam".to_string())
        );
        assert_eq!(found("Plāns ir izstrādāts kodolīgs formā."), None);
    }

    #[test]
    fn the_seed_yields_every_result_of_the_twelve_measures() {
        let (plan, diagnostics) = read(SEED);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            ids(&plan),
            [
                "1.1", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1", "6.1", "7.1", "7.2", "7.3", "7.4",
                "7.5", "7.6", "7.7", "7.8", "8.1", "9.1", "9.2", "9.3", "10.1", "11.1", "12.1"
            ]
        );
        let parents: BTreeSet<&str> = plan
            .measures
            .iter()
            .filter_map(|m| m.parent.as_deref())
            .collect();
        assert_eq!(parents.len(), 12);
        let directions: Vec<(&str, usize)> = plan
            .directions
            .iter()
            .map(|d| (d.id.as_str(), d.line))
            .collect();
        assert_eq!(directions, [("1", 137), ("2", 225), ("3", 327), ("4", 368)]);
        assert_eq!(plan.directions[3].title, "POLITIKAS KOORDINĀCIJA");

        let medics = measure(&plan, "7.5");
        assert_eq!(medics.direction, "2");
        assert_eq!(medics.responsible, ["VM (SPKC)"]);
        assert_eq!(
            medics.co_responsible,
            ["IeM", "VP", "pakalpojuma sniedzēji"]
        );
        assert_eq!(medics.deadline.raw, "31.12.2026.");
        assert!(medics
            .parent_title
            .as_deref()
            .is_some_and(|t| t.ends_with("personu novirzīšanai[^18]")));

        let children = measure(&plan, "7.8");
        assert_eq!(children.responsible, ["BAC", "IeM"]);
        assert_eq!(children.deadline.dates.len(), 2);
        assert_eq!(children.deadline.year(), Some(2026));

        let rapporteur = measure(&plan, "12.1");
        assert_eq!(rapporteur.direction, "4");
        assert_eq!(
            rapporteur.title,
            "Sagatavots un iesniegts ziņojums neatkarīgā ziņotāja izveidei Latvijā[^19]"
        );
        assert_eq!(rapporteur.responsible, ["IeM", "LR Tiesībsargs"]);
        assert_eq!(rapporteur.source_lines, (392, 398));

        // Nothing before the first table (SWOT, indicator table) or after the last (budget).
        assert!(plan
            .measures
            .iter()
            .all(|m| m.source_lines.0 >= 147 && m.source_lines.1 <= 398));
        let footnotes: Vec<u32> = plan.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(footnotes, [1, 2, 17, 18, 19]);
    }
}
