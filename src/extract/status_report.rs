//! The implementation-report structure: an annex that reports, for every task of a strategy's
//! action plan, its deadline, institutions, funding, implementation status and what was done.
//!
//! The layout (the cybersecurity strategy report 2014–2018 is the example):
//! - the title in quotes after "… informatīvajam ziņojumam";
//! - "Izpildes statusa atšifrējums:" and one "`Term<TAB>definition`" line per status term;
//! - one table per direction under a heading "N. tabula “Title”" (a heading can be missing), a
//!   column-number row, a header row ("Nr. | Uzdevumi… | Izpildes termiņš | … | …statuss");
//! - per task three rows: the task (number, title, deadline, responsible, involved, funding
//!   needed, funding allocated, status), "Apraksts par uzdevuma vai pasākuma izpildi…", and the
//!   description itself;
//! - merged rows between tasks: sub-headings ("Nacionālā kiberdrošība") and notes saying that
//!   tasks are reported elsewhere ("Informācija par 1.23.-1.27. uzdevumu izpildi ir pieejama …
//!   2. pielikumā"); those tasks are not measures of this document.
//!
//! The export drops empty cells and sometimes whole rows' TABs, so a task row is what lies between
//! the previous description and the next description header, its cells are placed in columns by
//! content ([`place_cells`]), and a task whose number or row was lost is recovered from its
//! position and reported with its line.

use super::institutions::split_institutions;
use crate::diagnostics::Diagnostic;
use crate::model::{Deadline, Direction, Measure, Plan, Status};
use crate::read::table::{
    header_run, is_placeholder, is_row_number, place_cells, split_number_prefix, Field,
};
use crate::read::word::{collapse_spaces, Cell, WordDoc};
use regex::Regex;
use std::sync::LazyLock;

/// Reads an implementation report.
pub fn extract(doc: &WordDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let mut plan = super::plan_of(&doc.file, slug);
    plan.reports_status = true;
    let mut diagnostics = Vec::new();
    match read_title(doc) {
        Some(title) => plan.title = title,
        None => diagnostics.push(Diagnostic::warning(
            &doc.file,
            0,
            "no title found (expected it in quotes after “… informatīvajam ziņojumam”)",
        )),
    }
    let tables_start = match read_vocabulary(doc, &mut diagnostics) {
        Some((summary, next_line)) => {
            plan.summary = summary;
            next_line
        }
        None => {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                0,
                "no status vocabulary (“Izpildes statusa atšifrējums:”) found",
            ));
            1
        }
    };
    let mut reader = TableReader::new(doc);
    reader.read(tables_start);
    plan.directions = reader.directions;
    plan.measures = reader.measures;
    plan.footnotes = plan.cited_footnotes(&doc.footnotes);
    diagnostics.extend(reader.diagnostics);
    (plan, diagnostics)
}

/// The quoted title that follows "… informatīvajam ziņojumam", up to the next blank line.
fn read_title(doc: &WordDoc) -> Option<String> {
    const LEAD: &str = "informatīvajam ziņojumam";
    let lead = doc.find_line(1, |l| l.text.to_lowercase().contains(LEAD))?;
    let lead_text = &doc.line(lead).text;
    // The title may start on the lead line itself: "… informatīvajam ziņojumam “Par …”".
    let after_lead = lead_text
        .to_lowercase()
        .find(LEAD)
        .map_or("", |i| &lead_text[i + LEAD.len()..]);
    let mut parts = vec![after_lead.trim()];
    for line in &doc.lines[lead..] {
        if line.is_blank() || line.starts_cell {
            break;
        }
        parts.push(line.text.trim());
    }
    let title = strip_enclosing_quotes(&collapse_spaces(&parts.join(" "))).to_string();
    (!title.is_empty()).then_some(title)
}

/// Removes one pair of quotes around the whole text, keeping quotes inside it.
fn strip_enclosing_quotes(text: &str) -> &str {
    let inner = text.strip_prefix(['“', '„', '"', '«']).unwrap_or(text);
    if inner.len() == text.len() {
        return text;
    }
    inner
        .strip_suffix(['”', '“', '"', '»'])
        .unwrap_or(inner)
        .trim()
}

/// Reads the status vocabulary: the summary lines ("Izpildīts – uzdevums vai pasākums ir
/// izpildīts, …") and the number of the first line after it. Warns about terms the model's
/// [`Status`] vocabulary does not have, because their tasks would get no status.
fn read_vocabulary(
    doc: &WordDoc,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Vec<String>, usize)> {
    let head = doc.find_line(1, |l| {
        !l.starts_cell && l.text.to_lowercase().contains("statusa atšifrējums")
    })?;
    let mut summary = vec![doc.line(head).text.trim().to_string()];
    let mut next_line = head + 1;
    for line in doc.lines[head..]
        .iter()
        .take_while(|l| !l.is_blank() && !l.starts_cell)
    {
        next_line = line.number + 1;
        let Some((term, definition)) = split_term(&line.text) else {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!(
                    "status vocabulary line is not “term<TAB>definition”: “{}”",
                    line.text.trim()
                ),
            ));
            continue;
        };
        match Status::from_text(&term) {
            Some(status) if status.term() == term.to_lowercase() => {}
            Some(status) => diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!("status term “{term}” is read as “{}”", status.term()),
            )),
            None => diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!(
                    "the document defines status “{term}”, which the model's vocabulary does not have"
                ),
            )),
        }
        summary.push(format!("{term} – {definition}"));
    }
    Some((summary, next_line))
}

/// "Izpildīts \tuzdevums vai pasākums ir izpildīts, …," → ("Izpildīts", "uzdevums … izpildīts").
fn split_term(text: &str) -> Option<(String, String)> {
    let (term, definition) = text
        .split_once('\t')
        .or_else(|| text.split_once(" – "))
        .or_else(|| text.split_once(" - "))?;
    let term = collapse_spaces(term);
    let definition = collapse_spaces(definition);
    let definition = definition.trim_end_matches([',', ';', ' ']);
    (!term.is_empty() && !definition.is_empty()).then(|| (term, definition.to_string()))
}

/// "3. tabula “Sabiedrības izpratne, izglītība un pētniecība”": the number and the title.
static TABLE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(\d{1,2})\.\s*tabula\b\.?\s*(["“„].*)?$"#).expect("valid regex")
});

/// A table heading, read from an untabbed line.
struct Heading {
    id: String,
    title: String,
    line: usize,
}

fn parse_heading(line: &crate::read::word::Line) -> Option<Heading> {
    if line.starts_cell {
        return None;
    }
    let caps = TABLE_HEADING.captures(line.text.trim())?;
    let id = caps[1].to_string();
    let title = caps
        .get(2)
        .map_or("", |m| strip_enclosing_quotes(m.as_str().trim()));
    // A heading without a title ("3. tabula") leaves the title empty: "3. tabula" is a
    // position, not a name, and pages say the document gives none.
    Some(Heading {
        id,
        title: title.to_string(),
        line: line.number,
    })
}

/// A cell of a task row. Rows recovered from lines that lost their TAB have no [`Cell`], so rows
/// are kept as these.
#[derive(Debug, Clone)]
struct RowCell {
    text: String,
    first_line: usize,
    last_line: usize,
}

impl From<&Cell> for RowCell {
    fn from(cell: &Cell) -> Self {
        RowCell {
            text: cell.text.clone(),
            first_line: cell.first_line,
            last_line: cell.last_line,
        }
    }
}

/// The table being read.
struct Table {
    id: String,
    fields: Vec<Field>,
    /// The last sub-heading seen in the table.
    section: Option<String>,
}

/// Reads the tables after the status vocabulary, task by task.
struct TableReader<'a> {
    doc: &'a WordDoc,
    directions: Vec<Direction>,
    measures: Vec<Measure>,
    diagnostics: Vec<Diagnostic>,
    /// The last heading, until its header row opens the table.
    heading: Option<Heading>,
    table: Option<Table>,
    /// The number of the last task of the current table (read, recovered or reported elsewhere).
    last_number: Option<String>,
    /// The last measure and the lines of its description cell, when nothing came after it yet: a
    /// row the export glued onto that description is recovered from there.
    last_description: Option<(usize, usize, usize)>,
}

impl<'a> TableReader<'a> {
    fn new(doc: &'a WordDoc) -> Self {
        TableReader {
            doc,
            directions: Vec::new(),
            measures: Vec::new(),
            diagnostics: Vec::new(),
            heading: None,
            table: None,
            last_number: None,
            last_description: None,
        }
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(&self.doc.file, line, message));
    }

    /// Reads from line `start` to the end, region by region between table headings.
    fn read(&mut self, start: usize) {
        let headings: Vec<Heading> = self
            .doc
            .lines
            .iter()
            .skip(start.saturating_sub(1))
            .filter_map(parse_heading)
            .collect();
        let mut from = start;
        for heading in headings {
            self.read_region(from, heading.line);
            from = heading.line + 1;
            self.open_heading(heading);
        }
        self.read_region(from, self.doc.last_line() + 1);
        if let Some(heading) = self.heading.take() {
            self.warn(
                heading.line,
                format!("table {} has no header row", heading.id),
            );
        }
    }

    fn open_heading(&mut self, heading: Heading) {
        if let Some(previous) = self.heading.take() {
            self.warn(
                previous.line,
                format!("table {} has no header row", previous.id),
            );
        }
        self.table = None;
        self.heading = Some(heading);
    }

    /// Reads the cells of lines `from..to`, which hold no table heading.
    fn read_region(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let cells = self.doc.cells(from..to);
        let mut pending: Vec<RowCell> = Vec::new();
        let mut warned_outside = false;
        let mut i = 0;
        while i < cells.len() {
            if let Some((fields, used)) = header_row(&cells[i..]) {
                self.flush(std::mem::take(&mut pending));
                self.open_table(fields, cells[i].first_line);
                i += used;
                continue;
            }
            let cell = &cells[i];
            i += 1;
            if self.table.is_none() {
                // Before the header row: the column-number row, page furniture.
                if task_number(&cell.text).is_some() && !warned_outside {
                    warned_outside = true;
                    self.warn(
                        cell.first_line,
                        "task row outside a table (no header row before it): skipped",
                    );
                }
                continue;
            }
            if is_description_header(&cell.text) {
                let (description, next) = description_after(&cells, i);
                self.task(std::mem::take(&mut pending), Some(cell), description);
                i = next;
                continue;
            }
            if task_number(&cell.text).is_some()
                && pending.iter().any(|c| task_number(&c.text).is_some())
            {
                // A new task row starts before the last one had its description.
                self.flush(std::mem::take(&mut pending));
            }
            pending.push(RowCell::from(cell));
        }
        self.flush(pending);
    }

    /// Starts a table at its header row, numbered by its heading or, without one, by position.
    fn open_table(&mut self, fields: Vec<Field>, line: usize) {
        let previous = self
            .directions
            .last()
            .and_then(|d| d.id.parse::<u32>().ok());
        let expected = previous.map_or(1, |p| p + 1).to_string();
        let heading = match self.heading.take() {
            Some(heading) => {
                if heading.id != expected {
                    self.warn(
                        heading.line,
                        format!(
                            "table {} follows table {}",
                            heading.id,
                            previous.unwrap_or(0)
                        ),
                    );
                }
                heading
            }
            None => {
                self.warn(
                    line,
                    format!("table without a heading line (“N. tabula “…””): read as table {expected}, without a title"),
                );
                Heading {
                    title: String::new(),
                    id: expected,
                    line,
                }
            }
        };
        self.directions.push(Direction {
            id: heading.id.clone(),
            title: heading.title,
            line: heading.line,
        });
        self.table = Some(Table {
            id: heading.id,
            fields,
            section: None,
        });
        self.last_number = None;
        self.last_description = None;
    }

    /// Cells with no description header after them: merged rows (sub-headings, notes) and, when
    /// one starts with a number, a task row whose description rows are missing.
    fn flush(&mut self, pending: Vec<RowCell>) {
        let start = pending.iter().position(|c| task_number(&c.text).is_some());
        let (lone, row) = pending.split_at(start.unwrap_or(pending.len()));
        for cell in lone {
            self.lone_cell(cell);
        }
        if row.is_empty() {
            return;
        }
        if row.iter().any(|c| reported_elsewhere(&c.text)) {
            let text = row
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            self.skip_reported_elsewhere(&text);
            return;
        }
        self.task(row.to_vec(), None, None);
    }

    /// A cell outside any task row.
    fn lone_cell(&mut self, cell: &RowCell) {
        if cell.text.is_empty() || (is_row_number(&cell.text) && !cell.text.contains('.')) {
            // An empty merged row, or the column-number row of a table without a heading.
            return;
        }
        self.last_description = None;
        if reported_elsewhere(&cell.text) {
            self.skip_reported_elsewhere(&cell.text);
        } else if is_section_heading(&cell.text) {
            if let Some(table) = &mut self.table {
                table.section = Some(collapse_spaces(&cell.text));
            }
        } else {
            let flat = collapse_spaces(&cell.text);
            let mut text: String = flat.chars().take(60).collect();
            if text.len() < flat.len() {
                text.push('…');
            }
            self.warn(
                cell.first_line,
                format!(
                    "text between task rows that is neither a sub-heading nor a note: “{text}”"
                ),
            );
        }
    }

    /// Tasks reported in another document are not measures here; the numbering goes on after them.
    fn skip_reported_elsewhere(&mut self, text: &str) {
        let table = self.table.as_ref().map_or("", |t| t.id.as_str());
        for number in referenced_numbers(text) {
            if number == next_number(self.last_number.as_deref(), table) {
                self.last_number = Some(number);
            }
        }
    }

    /// One task: the row cells before its description header, and its description.
    fn task(&mut self, pending: Vec<RowCell>, header: Option<&Cell>, description: Option<&Cell>) {
        let mut pending = pending;
        if header.is_some() {
            // The description header row's first column is empty: that cell is not the task's.
            while pending.last().is_some_and(|c| c.text.is_empty()) {
                pending.pop();
            }
        }
        let (lone, row) = split_row(pending);
        for cell in &lone {
            self.lone_cell(cell);
        }
        let mut row = row;
        if row.is_empty() {
            row = self.recover_glued_row();
        }
        let Some(table) = self.table.as_ref() else {
            return;
        };
        let table_id = table.id.clone();
        let fields = table.fields.clone();
        let section = table.section.clone();
        if row.is_empty() {
            let line = header.map_or(0, |h| h.first_line);
            self.warn(
                line,
                "description rows with no task row before them: skipped",
            );
            return;
        }

        let number = leading_number(&mut row);
        let expected = next_number(self.last_number.as_deref(), &table_id);
        let first_line = row[0].first_line;
        let id = match &number {
            Some(id) => {
                if *id != expected {
                    let after = self.last_number.as_deref().unwrap_or("the header row");
                    self.warn(first_line, format!("task {id} follows {after}: expected {expected} (a task dropped or renumbered?)"));
                }
                if id.split('.').next() != Some(table_id.as_str()) {
                    self.warn(first_line, format!("task {id} is in table {table_id}"));
                }
                id.clone()
            }
            None => {
                let after = self.last_number.as_deref().unwrap_or("the header row");
                self.warn(
                    first_line,
                    format!("task row without a number after {after}: read as task {expected}"),
                );
                expected
            }
        };
        // With a number, place it too: it pins the row's first cell to the number column.
        let columns: Vec<Field> = if number.is_some() {
            fields
        } else {
            fields.into_iter().filter(|f| *f != Field::Number).collect()
        };
        let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
        let placed = place_cells(&texts, &columns);
        if number.is_some() && columns[placed[0]] != Field::Number {
            self.warn(
                first_line,
                format!("task {id}: the number is not in the number column"),
            );
        }
        let mut by_column: Vec<Vec<&RowCell>> = vec![Vec::new(); columns.len()];
        for (cell, &column) in row.iter().zip(&placed) {
            by_column[column].push(cell);
        }
        let missing: Vec<&str> = columns
            .iter()
            .zip(&by_column)
            .filter(|(_, cells)| cells.is_empty())
            .map(|(field, _)| field_name(*field))
            .collect();
        if !missing.is_empty() {
            self.warn(
                first_line,
                format!("task {id}: the row has no cell for {}", missing.join(", ")),
            );
        }
        for (field, cells) in columns.iter().zip(&by_column) {
            if cells.len() > 1 {
                self.warn(
                    cells[1].first_line,
                    format!(
                        "task {id}: {} cells fall into the {} column and were joined",
                        cells.len(),
                        field_name(*field)
                    ),
                );
            }
        }
        let column = |field: Field| -> Option<String> {
            let j = columns.iter().position(|f| *f == field)?;
            let text = by_column[j]
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            (!is_placeholder(&text)).then_some(text)
        };

        let title = column(Field::Title)
            .map(|t| t.replace('\n', " "))
            .unwrap_or_default();
        if title.is_empty() {
            self.warn(first_line, format!("task {id} has no title"));
        }
        let status_text = column(Field::Status).map(|t| t.replace('\n', " "));
        let status = status_text.as_deref().and_then(Status::from_text);
        if let (Some(text), None) = (&status_text, status) {
            let line = by_column[columns
                .iter()
                .position(|f| *f == Field::Status)
                .unwrap_or(0)]
            .first()
            .map_or(first_line, |c| c.first_line);
            self.warn(
                line,
                format!("task {id}: status “{text}” matches no status term"),
            );
        }
        if description.is_none() {
            self.warn(first_line, format!("task {id}: no description row"));
        }
        let last_line = description
            .map(|d| d.last_line)
            .or(header.map(|h| h.last_line))
            .unwrap_or_else(|| row.iter().map(|c| c.last_line).max().unwrap_or(first_line));
        let measure = Measure {
            id: id.clone(),
            direction: table_id,
            section,
            title,
            responsible: split_institutions(&column(Field::Responsible).unwrap_or_default()),
            involved: split_institutions(&column(Field::Involved).unwrap_or_default()),
            deadline: Deadline::parse(&column(Field::Deadline).unwrap_or_default()),
            status,
            status_text,
            funding_needed: column(Field::FundingNeeded),
            funding_allocated: column(Field::FundingAllocated),
            description: description.map(|d| d.text.clone()),
            source_lines: (first_line, last_line),
            ..Measure::default()
        };
        self.last_description =
            description.map(|d| (self.measures.len(), d.first_line, d.last_line));
        self.measures.push(measure);
        self.last_number = Some(id);
    }

    /// A task whose row lost all its TABs: its cells were read as the last lines of the previous
    /// task's description. They are the indented lines at the end of that description (the export
    /// leaves a space where the TAB was).
    fn recover_glued_row(&mut self) -> Vec<RowCell> {
        let Some((index, first, last)) = self.last_description else {
            return Vec::new();
        };
        let doc = self.doc;
        let mut start = None;
        for number in (first + 1..=last).rev() {
            let line = doc.line(number);
            if line.is_blank() {
                continue;
            }
            if line.starts_cell || !line.text.starts_with(char::is_whitespace) {
                break;
            }
            start = Some(number);
        }
        let Some(start) = start else {
            return Vec::new();
        };
        let kept = doc.cells(first..start);
        let previous = &mut self.measures[index];
        previous.description = kept.first().map(|c| c.text.clone());
        previous.source_lines.1 = kept.first().map_or(first, |c| c.last_line);
        let previous_id = previous.id.clone();
        self.warn(
            start,
            format!("a task row lost its cell TABs and was glued to the description of task {previous_id}: read from lines {start}–{last}"),
        );
        doc.lines[start - 1..last]
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| RowCell {
                text: collapse_spaces(&l.text),
                first_line: l.number,
                last_line: l.number,
            })
            .collect()
    }
}

/// The header row starting at `cells[0]`, and how many cells it spans.
fn header_row(cells: &[Cell]) -> Option<(Vec<Field>, usize)> {
    let (named, len) = header_run(cells)?;
    let fields: Vec<Field> = named.into_iter().map(|(field, _)| field).collect();
    (fields.first() == Some(&Field::Number) && fields.len() >= 3).then_some((fields, len))
}

/// "Apraksts par uzdevuma vai pasākuma izpildi…", "Detalizēts apraksts par…": the row announcing
/// a task's description.
fn is_description_header(text: &str) -> bool {
    text.to_lowercase().contains("apraksts par") && text.chars().count() < 200
}

/// The description cell after a description header (empty cells skipped), and the index to go on
/// from. A following task row, header row or description header means the description is missing.
fn description_after(cells: &[Cell], from: usize) -> (Option<&Cell>, usize) {
    let next = cells[from..]
        .iter()
        .position(|c| !c.is_empty())
        .map(|p| from + p);
    match next {
        Some(k)
            if task_number(&cells[k].text).is_none()
                && !is_description_header(&cells[k].text)
                && header_row(&cells[k..]).is_none() =>
        {
            (Some(&cells[k]), k + 1)
        }
        _ => (None, from),
    }
}

/// A cell holding only a task number ("1.1.", "5.7"): the number without its trailing dot.
/// Plain integers are column numbers, not tasks.
fn task_number(text: &str) -> Option<String> {
    let id = text.trim().trim_end_matches('.');
    (is_row_number(text) && id.contains('.')).then(|| id.to_string())
}

/// The row's task number; a number glued to the title ("1.3.Nacionālās…") is cut off into a
/// cell of its own.
fn leading_number(row: &mut Vec<RowCell>) -> Option<String> {
    // The number cell stays in the row: placing it pins the row to the number column.
    if let Some(id) = task_number(&row[0].text) {
        return Some(id);
    }
    let (id, rest) = split_number_prefix(&row[0].text)?;
    if !id.contains('.') || rest.is_empty() {
        return None;
    }
    let rest = rest.to_string();
    let number_cell = RowCell {
        text: id.clone(),
        ..row[0].clone()
    };
    row[0].text = rest;
    row.insert(0, number_cell);
    Some(id)
}

/// Splits the cells before a description header into merged rows (sub-headings, notes) and the
/// task row. The task row starts at its number; without a number, at the title before the first
/// deadline, or after the leading sub-headings and notes.
fn split_row(pending: Vec<RowCell>) -> (Vec<RowCell>, Vec<RowCell>) {
    let mut pending = pending;
    let start = pending
        .iter()
        .position(|c| task_number(&c.text).is_some() || leading_number_glued(&c.text))
        .or_else(|| {
            let deadline = pending
                .iter()
                .position(|c| Deadline::is_deadline_like(&c.text))?;
            Some(deadline.saturating_sub(1))
        })
        .unwrap_or_else(|| {
            let lone = pending
                .iter()
                .take_while(|c| {
                    c.text.is_empty() || is_section_heading(&c.text) || reported_elsewhere(&c.text)
                })
                .count();
            lone.min(pending.len().saturating_sub(1))
        });
    let row = pending.split_off(start);
    let row_is_empty = row.iter().all(|c| c.text.is_empty());
    if row_is_empty {
        pending.extend(row);
        return (pending, Vec::new());
    }
    (pending, row)
}

fn leading_number_glued(text: &str) -> bool {
    split_number_prefix(text).is_some_and(|(id, rest)| id.contains('.') && !rest.is_empty())
}

/// A merged row naming a part of the table: short, no numbers, no closing full stop.
fn is_section_heading(text: &str) -> bool {
    let text = collapse_spaces(text);
    !text.is_empty()
        && text.chars().count() <= 100
        && text.split_whitespace().count() <= 12
        && !text.ends_with('.')
        && !text.chars().any(|c| c.is_ascii_digit())
        && text.starts_with(char::is_uppercase)
}

/// "Informācija par 5.9. uzdevumu izpildi ir pieejama informatīvā ziņojuma 2. pielikumā": the
/// task is reported in another document.
fn reported_elsewhere(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("pieejam") && (lower.contains("pielikum") || lower.contains("ziņojum"))
}

static TASK_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\.(\d{1,3})\.?(?:\s*[-–]\s*(\d{1,2})\.(\d{1,3})\.?)?")
        .expect("valid regex")
});

/// The task numbers a note names, ranges expanded: "1.23.-1.27." → 1.23, 1.24, …, 1.27.
fn referenced_numbers(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    for caps in TASK_RANGE.captures_iter(text) {
        let prefix = &caps[1];
        let from: u32 = caps[2].parse().unwrap_or(0);
        let to = match (caps.get(3), caps.get(4)) {
            (Some(p), Some(n)) if p.as_str() == prefix => n.as_str().parse().unwrap_or(from),
            _ => from,
        };
        numbers.extend((from..=to.max(from)).map(|n| format!("{prefix}.{n}")));
    }
    numbers
}

/// The number after `last` ("1.9" → "1.10"), or the table's first ("3" → "3.1").
fn next_number(last: Option<&str>, table: &str) -> String {
    match last.and_then(|l| l.rsplit_once('.')) {
        Some((prefix, n)) => format!(
            "{prefix}.{}",
            n.parse::<u32>().map_or(1, |n| n.saturating_add(1))
        ),
        None => format!("{table}.1"),
    }
}

/// How a column is named in diagnostics.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Number => "number",
        Field::Title => "task",
        Field::Result => "result",
        Field::Indicator => "indicator",
        Field::Responsible => "responsible institution",
        Field::CoResponsible => "co-responsible institutions",
        Field::Involved => "involved institutions",
        Field::Deadline => "deadline",
        Field::FundingNeeded => "funding needed",
        Field::FundingAllocated => "funding allocated",
        Field::Status => "status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    #[test]
    fn a_document_opening_with_a_header_word_outside_a_cell_is_read_without_a_panic() {
        // Found by fuzzing (fuzz/regressions/extract/untabbed-header-word): the header check
        // read the first field of an empty header run.
        let (plan, diagnostics) = read("Līdzatbildīgās institūcijas\n");
        assert!(plan.measures.is_empty());
        assert!(diagnostics
            .iter()
            .any(|d| d.message.contains("no title found")));
    }

    #[test]
    fn the_number_after_the_largest_row_number_does_not_overflow() {
        // Like the action plan's numbering check (found by fuzzing), the next expected number
        // added 1 to a row number as large as `u32` holds.
        assert_eq!(next_number(Some("1.9"), "1"), "1.10");
        assert_eq!(next_number(Some("1.4294967295"), "1"), "1.4294967295");
        assert_eq!(next_number(None, "3"), "3.1");
    }

    /// The report's opening lines (seed 004, lines 1–15).
    const OPENING: &str = "NAV KLASIFICĒTS
 35 - 35
[bookmark: _Toc7703749]1. pielikums
informatīvajam ziņojumam
“Par pamatnostādņu “Latvijas kiberdrošības stratēģija 
2014.–2018. gadam” rīcības plāna īstenošanu”

Izpildes statusa atšifrējums:
Izpildīts \tuzdevums vai pasākums ir izpildīts, ieskaitot uzdevumus vai pasākumus, kuri tiek veikti pastāvīgi, 
Izpildes procesā \tuzdevums vai pasākums ir uzsākts, darbības tā izpildei tiek veiktas, taču uz informācijas sniegšanas brīdi uzdevums vai pasākums nav izpildīts neatkarīgi no tā izpildes termiņa,
Daļēji izpildīts \tuzdevums vai pasākums ir veikts daļēji, darbības tā izpildei netiek vairs veiktas un ir pagājis tā izpildes termiņš,
Nav uzsākts \tuzdevums vai pasākums nav uzsākts un tā izpildes termiņš ir nākotnē,
Nav izpildīts \tuzdevums vai pasākums nav uzsākts un ir pagājis tā izpildes termiņš, 
Zaudējis aktualitāti \tuzdevums vai pasākums ir zaudējis aktualitāti.

";

    /// Table 1's heading, column-number row, header row and sub-heading (lines 16–38).
    const TABLE_1: &str = "[bookmark: _Toc7703750]1. tabula. “Kiberdrošības pārvaldība un resursi”
\t1
\t2
\t3
\t4
\t5
\t6
\t7
\t8

\tNr.
\tUzdevumi un galvenie pasākumi izvirzītā mērķa sasniegšanai
\tIzpildes termiņš
\tAtbildīgā institūcija
\tIesaistītās institūcijas
\tNepieciešamais finansējums (indikatīvi) un tā avoti
\tPiešķirtais finansējums
\tUzdevuma vai pasākuma izpildes statuss

\t
Nacionālā kiberdrošība


";

    /// Tasks 1.1 and 1.2 (descriptions shortened).
    const TASKS_1_1_AND_1_2: &str = "\t1.1.
\tIKT drošības stiprināšana Latvijas prezidentūrai ES Padomē
\t2015. g. 2. cet.
\tAM
\tCERT.LV, VARAM
ĀM, LPESPS,
LVRTC
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tIzpildīts

\t
\tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tLatvijas prezidentūra ES Padomē sekmīgi nodrošināta.

\t1.2.
\tNacionālās kiberdrošības pārvaldības modeļa izvērtējums
\t2015. g. 4. cet.
\tAM
\tNITDP iesaistītās institūcijas
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tIzpildīts. Uzdevums tiks īstenots arī turpmāk

\t
\tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tNITDP ir centrālā platforma nacionālās kiberdrošības pārvaldībai.

";

    /// Task 1.3, whose row carries a bookmark before the number in the variant below, and 1.4,
    /// whose responsible cell spans two lines.
    const TASKS_1_3_AND_1_4: &str = "\t1.3.
\tNacionālās kiberdrošības risku un spēju izvērtējums, saskaņojot to ar valsts apdraudējuma analīzi
\t2016. g. 1. cet.
\tAM
\tNITDP iesaistītās institūcijas, nozares asociācijas
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.

\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tIzpildes procesā

\t
\tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tAM sagatavoja un izsūtīja aptaujas lapu visām ministrijām.

\t1.4.
\tPārvaldības modeļa izvērtējums elektronisko sakaru komersantu drošības prasību īstenošanas uzraudzībai
\t2017. g. 4. cet.
\tAM
SM
\tVP
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tIzpildīts

\t
\tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tIzvērtējot elektronisko sakaru komersantu drošības prasību īstenošanas uzraudzības pārvaldības modeli, tika secināts.

";

    /// The note closing table 1 (lines 424–429).
    const NOTE_1_23_TO_1_27: &str = "\t
Kritiskā infrastruktūra


\t
Informācija par 1.23.-1.27. uzdevumu izpildi ir pieejama informatīvā ziņojuma 2. pielikumā (DIENESTA VAJADZĪBĀM).

";

    fn read(source: &str) -> (Plan, Vec<Diagnostic>) {
        extract(&WordDoc::parse("004.txt", source), "kiberdrosiba")
    }

    fn table_1(tasks: &str) -> String {
        format!("{OPENING}{TABLE_1}{tasks}")
    }

    /// 1-based number of the first line of `source` that contains `text`.
    fn line_of(source: &str, text: &str) -> usize {
        source
            .lines()
            .position(|l| l.contains(text))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{text:?} not in the snippet"))
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.measures.iter().map(|m| m.id.as_str()).collect()
    }

    fn messages_at(diagnostics: &[Diagnostic], line: usize) -> Vec<&str> {
        diagnostics
            .iter()
            .filter(|d| d.line == line)
            .map(|d| d.message.as_str())
            .collect()
    }

    #[test]
    fn title_and_status_vocabulary_come_from_the_opening_lines() {
        let (plan, diagnostics) = read(&table_1(TASKS_1_1_AND_1_2));
        assert_eq!(
            plan.title,
            "Par pamatnostādņu “Latvijas kiberdrošības stratēģija 2014.–2018. gadam” rīcības plāna īstenošanu"
        );
        assert!(plan.reports_status);
        assert_eq!(plan.summary.len(), 7);
        assert_eq!(plan.summary[0], "Izpildes statusa atšifrējums:");
        assert_eq!(
            plan.summary[4],
            "Nav uzsākts – uzdevums vai pasākums nav uzsākts un tā izpildes termiņš ir nākotnē"
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_status_term_the_model_does_not_know_is_reported() {
        let opening = OPENING.replace(
            "Zaudējis aktualitāti \t",
            "Atlikts \tuzdevums vai pasākums ir atlikts,\nZaudējis aktualitāti \t",
        );
        let source = format!("{opening}{TABLE_1}{TASKS_1_1_AND_1_2}");
        let (plan, diagnostics) = read(&source);
        let line = line_of(&source, "Atlikts");
        assert_eq!(
            messages_at(&diagnostics, line),
            ["the document defines status “Atlikts”, which the model's vocabulary does not have"]
        );
        assert_eq!(plan.summary.len(), 8);
    }

    #[test]
    fn a_task_row_and_its_description_make_one_measure() {
        let source = table_1(TASKS_1_1_AND_1_2);
        let (plan, diagnostics) = read(&source);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            plan.directions,
            [Direction {
                id: "1".into(),
                title: "Kiberdrošības pārvaldība un resursi".into(),
                line: line_of(&source, "1. tabula"),
            }]
        );
        assert_eq!(ids(&plan), ["1.1", "1.2"]);
        let m = &plan.measures[0];
        assert_eq!(m.direction, "1");
        assert_eq!(m.section.as_deref(), Some("Nacionālā kiberdrošība"));
        assert_eq!(
            m.title,
            "IKT drošības stiprināšana Latvijas prezidentūrai ES Padomē"
        );
        assert_eq!(m.deadline.raw, "2015. g. 2. cet.");
        assert_eq!(
            m.deadline.date().map(|d| d.to_string()).as_deref(),
            Some("2015-06-30")
        );
        assert_eq!(m.responsible, ["AM"]);
        assert_eq!(m.involved, ["CERT.LV", "VARAM", "ĀM", "LPESPS", "LVRTC"]);
        assert_eq!(
            m.funding_needed.as_deref(),
            Some("Likumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.")
        );
        assert_eq!(m.funding_allocated, m.funding_needed);
        assert_eq!(m.status, Some(Status::Done));
        assert_eq!(m.status_text.as_deref(), Some("Izpildīts"));
        assert_eq!(
            m.description.as_deref(),
            Some("Latvijas prezidentūra ES Padomē sekmīgi nodrošināta.")
        );
        assert_eq!(
            m.source_lines,
            (
                line_of(&source, "\t1.1."),
                line_of(&source, "sekmīgi nodrošināta")
            )
        );
    }

    #[test]
    fn a_status_with_extra_words_keeps_its_raw_text() {
        let (plan, _) = read(&table_1(TASKS_1_1_AND_1_2));
        let m = &plan.measures[1];
        assert_eq!(m.status, Some(Status::Done));
        assert_eq!(
            m.status_text.as_deref(),
            Some("Izpildīts. Uzdevums tiks īstenots arī turpmāk")
        );
    }

    #[test]
    fn a_status_that_names_no_term_is_reported() {
        let tasks = TASKS_1_1_AND_1_2.replace(
            "\tIzpildīts. Uzdevums",
            "\tNav informācijas par uzdevuma izpildes statusu. Uzdevums",
        );
        let source = table_1(&tasks);
        let (plan, diagnostics) = read(&source);
        assert_eq!(plan.measures[1].status, None);
        assert!(plan.measures[1]
            .status_text
            .as_deref()
            .unwrap()
            .starts_with("Nav informācijas"));
        let line = line_of(&source, "Nav informācijas");
        assert_eq!(messages_at(&diagnostics, line).len(), 1);
        assert!(messages_at(&diagnostics, line)[0].contains("matches no status term"));
    }

    #[test]
    fn a_bookmark_before_a_number_does_not_hide_the_task() {
        let tasks = format!(
            "{TASKS_1_1_AND_1_2}{}",
            TASKS_1_3_AND_1_4.replace("\t1.3.", "\t[bookmark: _Hlk1977710]1.3.")
        );
        let (plan, diagnostics) = read(&table_1(&tasks));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(ids(&plan), ["1.1", "1.2", "1.3", "1.4"]);
        assert_eq!(plan.measures[2].status, Some(Status::InProgress));
        assert_eq!(
            plan.measures[2].involved,
            ["NITDP iesaistītās institūcijas", "nozares asociācijas"]
        );
        assert_eq!(plan.measures[3].responsible, ["AM", "SM"]);
        assert_eq!(plan.measures[3].involved, ["VP"]);
    }

    #[test]
    fn a_dropped_task_row_is_reported_and_the_others_are_kept() {
        let source = table_1(&format!("{TASKS_1_1_AND_1_2}{TASKS_1_3_AND_1_4}"));
        let start = source.find("\t1.2.").unwrap();
        let end = source.find("\t1.3.").unwrap();
        let dropped = format!("{}{}", &source[..start], &source[end..]);
        let (plan, diagnostics) = read(&dropped);
        assert_eq!(ids(&plan), ["1.1", "1.3", "1.4"]);
        let line = line_of(&dropped, "\t1.3.");
        assert_eq!(
            messages_at(&diagnostics, line),
            ["task 1.3 follows 1.1: expected 1.2 (a task dropped or renumbered?)"]
        );
    }

    #[test]
    fn a_renumbered_task_keeps_its_printed_number() {
        let tasks = format!("{TASKS_1_1_AND_1_2}{TASKS_1_3_AND_1_4}").replace("\t1.4.", "\t1.7.");
        let source = table_1(&tasks);
        let (plan, diagnostics) = read(&source);
        assert_eq!(ids(&plan), ["1.1", "1.2", "1.3", "1.7"]);
        assert_eq!(plan.measures[3].responsible, ["AM", "SM"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, line_of(&source, "\t1.7."));
    }

    #[test]
    fn a_missing_empty_cell_does_not_shift_the_columns() {
        // 1.3's involved cell and its funding-allocated cell dropped by the export.
        let tasks = TASKS_1_3_AND_1_4
            .replacen("\tNITDP iesaistītās institūcijas, nozares asociācijas\n", "", 1)
            .replacen(
                "\n\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.\n\tIzpildes procesā",
                "\n\tIzpildes procesā",
                1,
            );
        let source = table_1(&format!("{TASKS_1_1_AND_1_2}{tasks}"));
        let (plan, diagnostics) = read(&source);
        let m = &plan.measures[2];
        assert_eq!(m.id, "1.3");
        assert_eq!(m.responsible, ["AM"]);
        assert!(m.involved.is_empty());
        assert!(m.funding_needed.is_some());
        assert_eq!(m.funding_allocated, None);
        assert_eq!(m.status, Some(Status::InProgress));
        assert_eq!(
            messages_at(&diagnostics, line_of(&source, "\t1.3.")),
            ["task 1.3: the row has no cell for involved institutions, funding allocated"]
        );
    }

    #[test]
    fn a_task_without_a_number_gets_the_next_one_and_a_warning() {
        let tasks = format!("{TASKS_1_1_AND_1_2}{TASKS_1_3_AND_1_4}").replacen("\t1.3.\n", "", 1);
        let source = table_1(&tasks);
        let (plan, diagnostics) = read(&source);
        assert_eq!(ids(&plan), ["1.1", "1.2", "1.3", "1.4"]);
        let m = &plan.measures[2];
        assert!(m.title.starts_with("Nacionālās kiberdrošības risku"));
        assert_eq!(m.deadline.raw, "2016. g. 1. cet.");
        assert_eq!(m.responsible, ["AM"]);
        assert_eq!(m.status, Some(Status::InProgress));
        let line = line_of(&source, "Nacionālās kiberdrošības risku");
        assert_eq!(m.source_lines.0, line);
        assert_eq!(
            messages_at(&diagnostics, line),
            ["task row without a number after 1.2: read as task 1.3"]
        );
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn tasks_reported_elsewhere_are_not_measures_and_numbering_goes_on_after_them() {
        let after_note = TASKS_1_1_AND_1_2
            .replace("\t1.1.", "\t1.28.")
            .replace("\t1.2.", "\t1.29.");
        let tasks = format!(
            "{}{NOTE_1_23_TO_1_27}{after_note}",
            TASKS_1_1_AND_1_2.replace("\t1.2.", "\t1.22.")
        )
        .replacen("\t1.1.", "\t1.21.", 1);
        // Numbering the first task 1.21 is itself a jump from the header row.
        let (plan, diagnostics) = read(&table_1(&tasks));
        assert_eq!(ids(&plan), ["1.21", "1.22", "1.28", "1.29"]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0]
            .message
            .starts_with("task 1.21 follows the header row"));
        assert_eq!(
            plan.measures[1].section.as_deref(),
            Some("Nacionālā kiberdrošība")
        );
        assert_eq!(
            plan.measures[2].section.as_deref(),
            Some("Kritiskā infrastruktūra")
        );
        assert!(plan
            .measures
            .iter()
            .all(|m| !m.title.contains("Informācija par")));
    }

    #[test]
    fn unexpected_text_between_rows_is_reported() {
        let tasks = TASKS_1_1_AND_1_2.replacen(
            "\t1.2.",
            "\t\nŠī rinda ir teikums, nevis virsraksts.\n\t1.2.",
            1,
        );
        let source = table_1(&tasks);
        let (plan, diagnostics) = read(&source);
        assert_eq!(ids(&plan), ["1.1", "1.2"]);
        assert_eq!(
            messages_at(&diagnostics, line_of(&source, "Šī rinda")),
            ["text between task rows that is neither a sub-heading nor a note: “Šī rinda ir teikums, nevis virsraksts.”"]
        );
    }

    #[test]
    fn a_table_without_its_heading_line_is_numbered_by_position() {
        // Table 3 of the seed starts right after the last description of table 2 (line 702).
        let table_3 = "\t3.1.
\tIKT drošības stiprināšana Ārlietu ministrijā, gatavojoties Latvijas prezidentūrai ES Padomē
\t2014. g. 4. cet.
\tĀM
\t-
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tIzpildīts

\t
\tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tDrošības risinājumi pilnveidoti.
";
        let header_start = TABLE_1.find("\tNr.").unwrap();
        let header_end = TABLE_1.find("\n\t\nNacionālā").unwrap();
        let header = &TABLE_1[header_start..header_end];
        let source = format!(
            "{}· tikšanās ar ASV valdības delegāciju\n {}\n\n{table_3}",
            table_1(TASKS_1_1_AND_1_2),
            header.trim_end()
        );
        let (plan, diagnostics) = read(&source);
        let line = line_of(&source, " \tNr.");
        assert_eq!(plan.directions.len(), 2);
        assert_eq!(
            plan.directions[1],
            Direction {
                id: "2".into(),
                title: String::new(),
                line
            }
        );
        assert_eq!(ids(&plan), ["1.1", "1.2", "3.1"]);
        assert_eq!(plan.measures[2].direction, "2");
        assert_eq!(plan.measures[2].section, None);
        assert!(plan.measures[2].involved.is_empty());
        assert!(plan.measures[1]
            .description
            .as_deref()
            .unwrap()
            .ends_with("delegāciju"));
        let at_header = messages_at(&diagnostics, line);
        assert_eq!(at_header.len(), 1);
        assert!(at_header[0].starts_with("table without a heading line"));
        // The snippet's task numbers say table 3: that mismatch is reported too.
        assert!(diagnostics
            .iter()
            .any(|d| d.message == "task 3.1 is in table 2"));
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    }

    /// Table 5 of the seed (lines 1163–1208): cells dropped row by row, a row glued to the
    /// previous description, and the last rows with only a number and a title.
    const TABLE_5_END: &str = "\t5.5.
\tDalība ENISA 
\tPastāvīgi
\tAM
\tSM
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
 \tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tLatvija regulāri piedalās ENISA valdes sēdēs.

\t5.6.
\tLīdzdalība starptautiskās iniciatīvās un platformās[footnoteRef:4] [4:  Interneta pārvaldības forums, ICANN (Internet CorporationforAssignedNamesandNumber).] 

\tPastāvīgi
 \tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi
\tLikumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.
 \tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\t2018. gadā Latvija pievienojās Francijas iniciatīvai.
Latvija piedalās starptautiskajos procesos, tai skaitā NATO, ES, EDSO un ANO darbā.
 Starptautiskas kiberdrošības mācības
 \tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tKopš 2014. gada CERT.LV kopā ar KAV un AM ir piedalījušies IT drošības mācībās.
KAV katru gadu piedalās ASV Mičiganas Nacionālās gvardes organizētajās kiberdrošības mācībās „PAINTBALL”.

\t5.8.
\tPlašāka valstu loka pievienošanās starptautisko tiesību instrumentiem, piemēram, Eiropas Padomes konvencijai
 \tApraksts par uzdevuma vai pasākuma izpildi un tās gaitā konstatētajiem izaicinājumiem

\t
\tDažādos starptautiskos forumos ĀM aicinājusi valstis pievienoties.

\t
Informācija par 5.9. uzdevumu izpildi ir pieejama informatīvā ziņojuma 2. pielikumā (DIENESTA VAJADZĪBĀM).
";

    #[test]
    fn a_row_glued_to_the_previous_description_is_recovered() {
        let table = TABLE_1
            .replace(
                "1. tabula. “Kiberdrošības pārvaldība un resursi”",
                "1. tabula “Starptautiskā sadarbība”",
            )
            .replace("\t\nNacionālā kiberdrošība\n", "");
        let tasks = TABLE_5_END.replace("\t5.", "\t1.").replace("5.9.", "1.9.");
        let head = "\t1.1.\n\tBaltijas valstu CERT vienību saprašanās memorands\n\t2014. g. 4. cet.\n\tCERT.LV\n\tAM\n\t-\n\t-\n\tIzpildīts\n\t\n\tApraksts par uzdevuma vai pasākuma izpildi\n\t\n\tParakstīts.\n";
        let filler: String = (2..=4)
            .map(|n| head.replace("\t1.1.", &format!("\t1.{n}.")))
            .collect();
        let source = format!("{OPENING}{table}{head}{filler}{tasks}");
        let (plan, diagnostics) = read(&source);
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
        );

        let glued = line_of(&source, " Starptautiskas kiberdrošības mācības");
        let m6 = &plan.measures[5];
        assert_eq!(
            m6.title,
            "Līdzdalība starptautiskās iniciatīvās un platformās[^4]"
        );
        assert!(m6.responsible.is_empty());
        assert_eq!(m6.deadline.raw, "Pastāvīgi");
        assert!(m6.deadline.recurring);
        assert!(m6.funding_needed.is_some() && m6.funding_allocated.is_some());
        assert_eq!(
            m6.description.as_deref(),
            Some("2018. gadā Latvija pievienojās Francijas iniciatīvai.\nLatvija piedalās starptautiskajos procesos, tai skaitā NATO, ES, EDSO un ANO darbā.")
        );
        assert_eq!(m6.source_lines.1, glued - 1);
        assert_eq!(plan.footnotes.len(), 1);
        assert_eq!(plan.footnotes[0].number, 4);

        let m7 = &plan.measures[6];
        assert_eq!(m7.title, "Starptautiskas kiberdrošības mācības");
        assert_eq!(m7.status, None);
        assert!(m7.description.as_deref().unwrap().ends_with("„PAINTBALL”."));
        assert_eq!(m7.source_lines, (glued, line_of(&source, "„PAINTBALL”")));
        let at_glued = messages_at(&diagnostics, glued);
        assert!(at_glued.contains(&"task row without a number after 1.6: read as task 1.7"));
        assert!(at_glued
            .iter()
            .any(|m| m.contains("glued to the description of task 1.6")));

        let m5 = &plan.measures[4];
        assert_eq!(
            (m5.responsible.as_slice(), m5.involved.as_slice()),
            (&["AM".to_string()][..], &["SM".to_string()][..])
        );
        assert_eq!(m5.status, None);
        assert_eq!(
            messages_at(&diagnostics, line_of(&source, "\t1.5.")),
            ["task 1.5: the row has no cell for status"]
        );
        assert_eq!(plan.measures[7].title, "Plašāka valstu loka pievienošanās starptautisko tiesību instrumentiem, piemēram, Eiropas Padomes konvencijai");
    }

    /// The seed itself: every task of the five tables, and fields checked against the source.
    #[test]
    fn the_cybersecurity_report_seed_is_read_completely() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/004_0c544dbc52ece7e9.txt"
        );
        let source = std::fs::read_to_string(path).expect("seed 004 is in the repository");
        let doc = WordDoc::parse("004_0c544dbc52ece7e9.txt", &source);
        let (plan, diagnostics) = extract(&doc, "kiberdrosiba");

        let tables: Vec<(&str, &str)> = plan
            .directions
            .iter()
            .map(|d| (d.id.as_str(), d.title.as_str()))
            .collect();
        assert_eq!(
            tables,
            [
                ("1", "Kiberdrošības pārvaldība un resursi"),
                ("2", "Tiesiskums kibertelpā un kibernoziedzības mazināšana"),
                ("3", ""),
                ("4", "Sabiedrības izpratne, izglītība un pētniecība"),
                ("5", "Starptautiskā sadarbība"),
            ]
        );
        let per_table: Vec<usize> = plan
            .directions
            .iter()
            .map(|d| plan.measures.iter().filter(|m| m.direction == d.id).count())
            .collect();
        assert_eq!(per_table, [22, 8, 11, 9, 8]);
        let expected_ids: Vec<String> = [(1, 22), (2, 8), (3, 11), (4, 9), (5, 8)]
            .iter()
            .flat_map(|&(t, n)| (1..=n).map(move |k| format!("{t}.{k}")))
            .collect();
        assert_eq!(ids(&plan), expected_ids);

        let task = |id: &str| plan.measures.iter().find(|m| m.id == id).unwrap();
        // 1.5: a bookmark before the number, dashes for "none".
        assert_eq!(task("1.5").status, Some(Status::Obsolete));
        assert_eq!(task("1.5").responsible, ["SM"]);
        assert!(task("1.5").involved.is_empty() && task("1.5").funding_needed.is_none());
        // 1.10: the responsible cell spans two lines; a new sub-heading.
        assert_eq!(task("1.10").responsible, ["CERT.LV", "AM"]);
        assert_eq!(
            task("1.10").section.as_deref(),
            Some("Valsts IKT pārvaldība")
        );
        assert_eq!(task("1.18").section.as_deref(), Some("Cilvēkresursi"));
        assert_eq!(task("1.11").status, Some(Status::PartlyDone));
        assert_eq!(task("1.12").status, Some(Status::NotStarted));
        assert_eq!(task("1.14").status, Some(Status::NotDone));
        assert_eq!(task("1.19").status, None);
        assert_eq!(task("2.4").responsible, ["TM", "VP"]);
        assert_eq!(task("2.5").deadline.raw, "2016. g. 1. cet");
        assert_eq!(task("3.3").responsible, ["SM", "VARAM"]);
        assert_eq!(task("3.3").involved, ["ĀM", "IEM IC"]);
        assert_eq!(task("3.8").status, Some(Status::Obsolete));
        assert_eq!(task("3.11").deadline.raw, "Pastāvīgi");
        assert_eq!(task("4.2").status, Some(Status::PartlyDone));
        assert_eq!(task("4.9").responsible, ["EM"]);
        assert_eq!(task("4.9").involved, ["LIAA"]);
        // Table 5, where the export drops cells row by row.
        assert_eq!(task("5.1").responsible, ["CERT.LV"]);
        assert_eq!(task("5.1").status, Some(Status::Done));
        assert_eq!(task("5.2").involved, ["ĀM", "SM", "CERT.LV"]);
        assert_eq!(task("5.2").status, Some(Status::Done));
        assert_eq!(
            task("5.2").status_text.as_deref(),
            Some("Izpildīts; Uzdevums tiks īstenots arī turpmāk")
        );
        assert_eq!(task("5.2").funding_allocated, None);
        assert_eq!(task("5.3").involved, ["ĀM", "CERT.LV"]);
        assert_eq!(task("5.3").funding_needed, None);
        assert_eq!(task("5.4").involved, ["ĀM", "SM", "IEM"]);
        assert!(task("5.4").funding_needed.is_some() && task("5.4").funding_allocated.is_none());
        assert_eq!(task("5.5").involved, ["SM"]);
        assert!(task("5.5").funding_allocated.is_some());
        assert!(task("5.6").responsible.is_empty());
        assert_eq!(task("5.6").deadline.raw, "Pastāvīgi");
        assert!(task("5.6")
            .funding_needed
            .as_deref()
            .unwrap()
            .starts_with("Likumā"));
        assert_eq!(task("5.7").title, "Starptautiskas kiberdrošības mācības");
        assert_eq!(task("5.7").source_lines, (1195, 1201));
        assert_eq!(task("5.8").deadline.raw, "");
        for id in ["5.3", "5.4", "5.5", "5.6", "5.7", "5.8"] {
            assert_eq!(task(id).status, None, "{id}");
            assert!(task(id).description.is_some(), "{id}");
        }
        assert!(plan
            .measures
            .iter()
            .all(|m| m.description.is_some() && !m.title.is_empty()));

        let at = |line: usize| messages_at(&diagnostics, line);
        assert!(at(702)[0].starts_with("table without a heading line"));
        assert_eq!(at(1195).len(), 3);
        assert!(at(1195).contains(&"task row without a number after 5.6: read as task 5.7"));
        assert!(at(360)[0].contains("matches no status term"));
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    }
}
