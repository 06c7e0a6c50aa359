//! The action-plan structure: a title, an abbreviation list ("Izmantotie saīsinājumi"), numbered
//! chapters ("I. Plāna kopsavilkums", …), and measure tables with a number column, one row per
//! measure, grouped under "N. Rīcības virziens" headings.
//!
//! The measure table is found by its header row (read with [`header_run`]), not by position,
//! and it ends at the next chapter heading, a table caption ("1. tabula") or the header of a
//! table of another kind, so the budget and goal tables around it never turn into measures. A
//! row starts at a row-number cell; its other cells are placed in columns by content
//! ([`place_cells`]) because the export drops empty cells.

use super::abbreviations::parse_definition;
use super::institutions::split_institutions;
use crate::diagnostics::Diagnostic;
use crate::model::{Abbreviation, Deadline, Direction, Measure, Plan, Status};
use crate::read::table::{header_run, is_row_number, place_cells, Field};
use crate::read::word::{collapse_spaces, Cell, WordDoc};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Reads an action plan. Problems in the document become diagnostics; nothing here panics.
pub fn extract(doc: &WordDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let mut plan = super::plan_of(&doc.file, slug);
    let mut diagnostics = Vec::new();
    let headings = chapter_headings(doc);

    plan.title = title(doc);
    if plan.title.is_empty() {
        diagnostics.push(Diagnostic::warning(
            &doc.file,
            1,
            "no title before the first heading",
        ));
    }
    plan.abbreviations = abbreviation_list(doc);
    plan.summary = first_chapter(doc, &headings);

    let tables = MeasureTables::read(doc, &headings);
    diagnostics.extend(tables.diagnostics);
    plan.directions = tables.directions;
    plan.measures = tables.measures;
    if !tables.found_table {
        diagnostics.push(Diagnostic::error(
            &doc.file,
            0,
            "no measure table found (no header row with a number, a measure and an institution or deadline column)",
        ));
    }
    diagnostics.extend(check_numbering(&doc.file, &plan.measures));
    plan.footnotes = plan.cited_footnotes(&doc.footnotes);
    (plan, diagnostics)
}

/// "I. Plāna kopsavilkums", "IV Ietekmes novērtējums…": a Roman-numbered chapter heading.
static CHAPTER_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[IVX]{1,5}\.?\s+\p{Lu}").expect("valid regex"));

/// "1. Rīcības virziens" (with the title in the next cell, or after a colon in the same one).
static DIRECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(\d+)\.?\s*rīcības\s+virziens\b[\s:.–-]*").expect("valid regex")
});

/// Lines of the chapter headings, in order. Only untabbed lines count: a heading inside a
/// table cell is cell text.
fn chapter_headings(doc: &WordDoc) -> Vec<usize> {
    doc.lines
        .iter()
        .filter(|l| !l.starts_cell && is_chapter_heading(&l.text))
        .map(|l| l.number)
        .collect()
}

fn is_chapter_heading(text: &str) -> bool {
    CHAPTER_HEADING.is_match(text) && text.split_whitespace().count() <= 15
}

/// The line introduces a definition list: it is not a definition itself, but the next
/// non-blank line is ("Izmantotie saīsinājumi" before "AFCOS - …").
fn introduces_definitions(doc: &WordDoc, number: usize) -> bool {
    let line = doc.line(number);
    if line.starts_cell || parse_definition(&line.text, number).is_some() {
        return false;
    }
    doc.find_line(number + 1, |l| !l.is_blank())
        .map(|next| doc.line(next))
        .is_some_and(|next| {
            !next.starts_cell && parse_definition(&next.text, next.number).is_some()
        })
}

/// The document's opening lines, before the first blank line, table, heading or list.
fn title(doc: &WordDoc) -> String {
    let Some(first) = doc.find_line(1, |l| !l.is_blank()) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for line in &doc.lines[first - 1..] {
        if line.is_blank()
            || line.starts_cell
            || is_chapter_heading(&line.text)
            || parse_definition(&line.text, line.number).is_some()
            || introduces_definitions(doc, line.number)
        {
            break;
        }
        parts.push(line.text.as_str());
    }
    collapse_spaces(&parts.join(" "))
}

/// The "Izmantotie saīsinājumi" list: "CODE - Name" lines after the heading. Blank lines inside
/// the list are skipped (a footnote definition leaves some); the list ends at the first line
/// that is not a definition, or at a chapter heading.
fn abbreviation_list(doc: &WordDoc) -> Vec<Abbreviation> {
    let heading = doc.find_line(1, |l| {
        !l.starts_cell
            && l.text.to_lowercase().contains("saīsinājum")
            && l.text.split_whitespace().count() <= 5
    });
    let Some(heading) = heading else {
        return Vec::new();
    };
    let mut list = Vec::new();
    for line in &doc.lines[heading..] {
        if line.is_blank() {
            continue;
        }
        if line.starts_cell || is_chapter_heading(&line.text) {
            break;
        }
        match parse_definition(&collapse_spaces(&line.text), line.number) {
            Some(definition) => list.push(definition),
            None => break,
        }
    }
    list
}

/// The paragraphs of the first chapter ("I. Plāna kopsavilkums"), up to the next heading or
/// table.
fn first_chapter(doc: &WordDoc, headings: &[usize]) -> Vec<String> {
    let Some(&start) = headings.first() else {
        return Vec::new();
    };
    doc.lines[start..]
        .iter()
        .take_while(|l| !l.starts_cell && !headings.contains(&l.number))
        .filter(|l| !l.is_blank())
        .map(|l| collapse_spaces(&l.text))
        .collect()
}

/// Directions and measures read from every measure table of the document.
struct MeasureTables {
    directions: Vec<Direction>,
    measures: Vec<Measure>,
    found_table: bool,
    diagnostics: Vec<Diagnostic>,
}

/// Where the scan over a chapter's cells stands.
struct TableState {
    /// The columns of the measure table being read, or `None` outside one.
    fields: Option<Vec<Field>>,
    /// Cells of the row being read, starting with its number cell.
    row: Vec<Cell>,
    /// A direction heading was seen and its title cell is still to come.
    direction_needs_title: bool,
    /// Number of the last row started in this table, to tell row numbers from bare figures.
    last_id: Option<String>,
}

impl MeasureTables {
    fn read(doc: &WordDoc, headings: &[usize]) -> MeasureTables {
        let mut tables = MeasureTables {
            directions: Vec::new(),
            measures: Vec::new(),
            found_table: false,
            diagnostics: Vec::new(),
        };
        // A chapter heading ends any table, so each chapter is read on its own: cell text can
        // never run on into the next chapter's paragraphs.
        let mut bounds = vec![1];
        bounds.extend(headings.iter().copied());
        bounds.push(doc.last_line() + 1);
        for range in bounds.windows(2) {
            tables.read_chapter(doc, range[0]..range[1]);
        }
        tables
    }

    fn read_chapter(&mut self, doc: &WordDoc, range: std::ops::Range<usize>) {
        let cells = doc.cells(range);
        let mut state = TableState {
            fields: None,
            row: Vec::new(),
            direction_needs_title: false,
            last_id: None,
        };
        let mut i = 0;
        while i < cells.len() {
            let cell = &cells[i];
            if !cell.tabbed {
                i += 1;
                continue;
            }
            if let Some(found) = DIRECTION_HEADING.captures(&cell.flat()) {
                self.finish_row(doc, &mut state);
                let rest = cell.flat()[found[0].len()..].trim().to_string();
                state.direction_needs_title = rest.is_empty();
                self.directions.push(Direction {
                    id: found[1].to_string(),
                    title: rest,
                    line: cell.first_line,
                });
                i += 1;
                continue;
            }
            if let Some((fields, len)) = header_row(&cells[i..]) {
                self.finish_row(doc, &mut state);
                state.direction_needs_title = false;
                if is_measure_header(&fields) {
                    self.found_table = true;
                    state.fields = Some(fields);
                    state.last_id = None;
                } else {
                    state.fields = None;
                }
                i += len;
                continue;
            }
            if is_table_caption(&cell.text) {
                self.finish_row(doc, &mut state);
                state.fields = None;
                i += 1;
                continue;
            }
            if state.direction_needs_title {
                if !cell.is_empty() {
                    if let Some(direction) = self.directions.last_mut() {
                        direction.title = cell.flat();
                    }
                    state.direction_needs_title = false;
                }
                i += 1;
                continue;
            }
            if state.fields.is_some() {
                if starts_row(&cell.text, state.last_id.as_deref()) {
                    self.finish_row(doc, &mut state);
                    state.last_id = Some(row_id(&cell.text));
                    state.row.push(cell.clone());
                } else if !state.row.is_empty() {
                    state.row.push(cell.clone());
                }
            }
            i += 1;
        }
        self.finish_row(doc, &mut state);
    }

    /// Turns the collected row into a measure.
    fn finish_row(&mut self, doc: &WordDoc, state: &mut TableState) {
        let mut row = std::mem::take(&mut state.row);
        // Lone TABs after the last filled cell are padding (the export writes them before the
        // next table), not cells of this row.
        while row.len() > 1 && row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        let (Some(fields), Some(number)) = (&state.fields, row.first()) else {
            return;
        };
        let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
        let columns = place_cells(&texts, fields);
        let text_of = |field: Field| -> String {
            row.iter()
                .zip(&columns)
                .filter(|(cell, &column)| fields[column] == field && !cell.is_empty())
                .map(|(cell, _)| cell.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let optional = |field: Field| Some(text_of(field)).filter(|t| !t.is_empty());
        let first_line = number.first_line;
        let last_line = row.iter().map(|c| c.last_line).max().unwrap_or(first_line);

        let id = row_id(&number.text);
        let direction = match self.directions.last() {
            Some(direction) => direction.id.clone(),
            None => {
                self.diagnostics.push(Diagnostic::warning(
                    &doc.file,
                    first_line,
                    format!("measure {id} comes before any \"Rīcības virziens\" heading"),
                ));
                self.directions.push(Direction {
                    id: "1".to_string(),
                    title: String::new(),
                    line: first_line,
                });
                "1".to_string()
            }
        };
        let status_text = optional(Field::Status);
        let measure = Measure {
            direction,
            title: text_of(Field::Title),
            result: optional(Field::Result),
            indicator: optional(Field::Indicator),
            responsible: split_institutions(&text_of(Field::Responsible)),
            co_responsible: split_institutions(&text_of(Field::CoResponsible)),
            involved: split_institutions(&text_of(Field::Involved)),
            deadline: Deadline::parse(&text_of(Field::Deadline)),
            status: status_text.as_deref().and_then(Status::from_text),
            status_text,
            funding_needed: optional(Field::FundingNeeded),
            funding_allocated: optional(Field::FundingAllocated),
            source_lines: (first_line, last_line),
            id,
            ..Measure::default()
        };
        for (missing, what) in [
            (measure.title.is_empty(), "measure title"),
            (
                measure.responsible.is_empty() && fields.contains(&Field::Responsible),
                "responsible institution",
            ),
            (
                measure.deadline.raw.is_empty() && fields.contains(&Field::Deadline),
                "deadline",
            ),
        ] {
            if missing {
                self.diagnostics.push(Diagnostic::warning(
                    &doc.file,
                    first_line,
                    format!("measure {} has no {what}", measure.id),
                ));
            }
        }
        self.measures.push(measure);
    }
}

/// A header row at the start of `cells`: its fields (named cells only) and how many cells it
/// spans. A [`header_run`] of three or more named cells is a header; a shorter run still marks
/// the head of another table, such as the budget table's
/// "Uzdevums | Pasākums* | Budžeta programmas…", when it has two or more cells of a few words
/// each: longer cells that merely mention "pasākumi" are row text.
fn header_row(cells: &[Cell]) -> Option<(Vec<Field>, usize)> {
    let (named, len) = header_run(cells)?;
    if named.len() >= 3 {
        return Some((named.into_iter().map(|(field, _)| field).collect(), len));
    }
    let short: Vec<Field> = named
        .into_iter()
        .filter(|(_, cell)| cell.text.split_whitespace().count() <= 4)
        .map(|(field, _)| field)
        .collect();
    (short.len() >= 2).then_some((short, len))
}

/// "1. tabula": a table caption, so the table before it has ended.
fn is_table_caption(text: &str) -> bool {
    TABLE_CAPTION.is_match(text)
}

static TABLE_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d+\.?\s*tabula$").expect("valid regex"));

/// A table of measures has a number, a measure and someone or some date to hold it to.
fn is_measure_header(fields: &[Field]) -> bool {
    fields.contains(&Field::Number)
        && fields.contains(&Field::Title)
        && (fields.contains(&Field::Responsible) || fields.contains(&Field::Deadline))
}

/// A row-number cell that opens a new row. After the first row, the number must have as many
/// parts as the previous one ("1.7" → "1.8" or "2.1"), so a bare figure in an indicator cell
/// ("10") is not mistaken for a row.
fn starts_row(text: &str, previous: Option<&str>) -> bool {
    if !is_row_number(text) {
        return false;
    }
    let depth = |id: &str| id.split('.').count();
    previous.is_none_or(|previous| depth(&row_id(text)) == depth(previous))
}

/// "1.1." → "1.1".
fn row_id(text: &str) -> String {
    text.trim().trim_end_matches('.').to_string()
}

/// Warnings for gaps in the numbering ("1.3" followed by "1.5", or a direction whose first
/// measure is not number 1). A repeated number is not a gap: it is an error of every structure
/// (`extract::repeated_numbers`).
fn check_numbering(file: &str, measures: &[Measure]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut seen = BTreeSet::new();
    let mut previous: Option<&Measure> = None;
    for measure in measures {
        let line = measure.source_lines.0;
        if !seen.insert(measure.id.as_str()) {
            previous = Some(measure);
            continue;
        }
        let (prefix, last) = split_last(&measure.id);
        let same_group = previous.filter(|p| split_last(&p.id).0 == prefix);
        let expected = same_group
            .and_then(|p| split_last(&p.id).1)
            .map_or(1, |n| n.saturating_add(1));
        if last.is_some_and(|last| last != expected) {
            let expected = match prefix {
                "" => expected.to_string(),
                prefix => format!("{prefix}.{expected}"),
            };
            let message = match same_group {
                Some(p) => format!(
                    "measure numbering jumps from {} to {} (expected {expected})",
                    p.id, measure.id
                ),
                None => format!(
                    "measure numbering starts at {} (expected {expected})",
                    measure.id
                ),
            };
            diagnostics.push(Diagnostic::warning(file, line, message));
        }
        previous = Some(measure);
    }
    diagnostics
}

/// "1.21" → ("1", Some(21)). A `u64`, so that one more than any row number of twelve characters
/// still fits.
fn split_last(id: &str) -> (&str, Option<u64>) {
    match id.rsplit_once('.') {
        Some((prefix, last)) => (prefix, last.parse().ok()),
        None => ("", id.parse().ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use chrono::NaiveDate;

    /// Real lines of the organised-crime plan: title, part of the abbreviation list (with the
    /// footnoted entry and the blank lines after it), chapter I, the goal tables, the direction,
    /// the measure header and rows 1.1–1.7, then chapters III and IV with the budget table head.
    const EXCERPT: &str =
        include_str!("../../tests/fixtures/action_plan/organized_crime_excerpt.txt");
    const SEED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_d0f431797d704579.txt"
    );

    fn read(text: &str) -> (Plan, Vec<Diagnostic>) {
        extract(&WordDoc::parse("excerpt.txt", text), "organized-crime")
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.measures.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn a_row_number_at_the_top_of_u32_does_not_overflow_the_numbering_check() {
        // The check added 1 to the previous row's number as a `u32` and overflowed (issue 9;
        // the input is kept as fuzz/regressions/extract/row-number-u32-max).
        let row = |number: &str| {
            format!("\t{number}\n\tSagatavot metodiku\n\tIzstrādāta metodika.\n\t1 metodika\n\tVP\n\tVRS\n\t2025. gada decembris\n\n")
        };
        let text = format!(
            "\t1. Rīcības virziens\n\tTAI darbības efektivizēšana\n\n\tNr. p. k.\n\tPasākums\n\tDarbības rezultāts\n\tRezultatīvais rādītājs\n\tAtbildīgā institūcija\n\tLīdzatbildīgās institūcijas\n\tIzpildes termiņš\n\n{}{}",
            row("4294967295."),
            row("1.")
        );
        let (plan, diagnostics) = read(&text);
        assert_eq!(ids(&plan), ["4294967295", "1"]);
        assert!(
            diagnostics
                .iter()
                .any(|d| d.line == 20 && d.message.contains("(expected 4294967296)")),
            "{diagnostics:?}"
        );
    }

    fn measure<'a>(plan: &'a Plan, id: &str) -> &'a Measure {
        plan.measures
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("measure {id} not found in {:?}", ids(plan)))
    }

    /// `text` with `old` replaced once by `new`; fails when the fixture no longer has `old`.
    fn edit(text: &str, old: &str, new: &str) -> String {
        assert!(text.contains(old), "fixture lacks {old:?}");
        text.replacen(old, new, 1)
    }

    /// 1-based number of the line that starts at `needle`.
    fn line_of(text: &str, needle: &str) -> usize {
        let at = text.find(needle).expect("needle in text");
        text[..at].matches('\n').count() + 1
    }

    fn warnings(diagnostics: &[Diagnostic]) -> Vec<(usize, &str)> {
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| (d.line, d.message.as_str()))
            .collect()
    }

    #[test]
    fn the_excerpt_yields_its_seven_measures_and_nothing_from_other_tables() {
        let (plan, diagnostics) = read(EXCERPT);
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(plan.directions.len(), 1);
        assert_eq!(plan.directions[0].id, "1");
        assert!(plan.directions[0]
            .title
            .starts_with("TAI darbības efektivizēšana"));
        assert!(plan.measures.iter().all(|m| m.direction == "1"));
    }

    #[test]
    fn title_abbreviations_footnotes_and_summary_come_from_the_front_matter() {
        let (plan, _) = read(EXCERPT);
        assert_eq!(
            plan.title,
            "Organizētās noziedzības novēršanas un apkarošanas plāns 2023.–2025. gadam"
        );
        let codes: Vec<_> = plan.abbreviations.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "AFCOS",
                "ARO",
                "NKIM TAI Vadības grupa",
                "NNP",
                "nSOCTA",
                "VTEB"
            ]
        );
        assert_eq!(
            plan.abbreviations[2].name,
            "Tiesībaizsardzības iestāžu vadības darba grupa[^2]"
        );
        assert_eq!(plan.footnotes.len(), 1);
        assert_eq!(plan.footnotes[0].number, 2);
        assert!(plan.footnotes[0]
            .text
            .starts_with("Izveidota saskaņā ar Ministru kabineta"));
        assert_eq!(plan.summary.len(), 5);
        assert!(plan.summary[0].starts_with("Organizētās noziedzības novēršanas"));
        assert!(plan.summary[4].starts_with("Iekšlietu ministrija kā atbildīgā institūcija"));
    }

    #[test]
    fn a_full_row_fills_every_field() {
        let (plan, _) = read(EXCERPT);
        let m = measure(&plan, "1.1");
        assert!(m
            .title
            .starts_with("Sagatavota metodoloģija noziedzīgo nodarījumu"));
        assert!(m
            .result
            .as_deref()
            .unwrap()
            .starts_with("Izstrādāt kritērijus"));
        assert_eq!(
            m.indicator.as_deref(),
            Some("Izstrādāta, saskaņota un apstiprināta 1 metodika.")
        );
        assert_eq!(m.responsible, ["VP"]);
        assert_eq!(
            m.co_responsible,
            ["VRS", "VID", "KNAB", "ĢP", "VDD", "IeVP", "IDB", "MP", "FID"]
        );
        assert_eq!(m.deadline.raw, "2025. gada decembris");
        assert_eq!(m.deadline.date(), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(
            m.source_lines,
            (
                line_of(EXCERPT, "\t1.1.\n"),
                line_of(EXCERPT, "\t2025.\u{a0}gada  decembris")
            )
        );
    }

    #[test]
    fn the_row_with_sub_rows_keeps_both_results_and_both_deadlines() {
        let (plan, _) = read(EXCERPT);
        let m = measure(&plan, "1.7");
        let result = m.result.as_deref().unwrap();
        assert!(result.starts_with("1) Ieviesti aktuālie risinājumi"));
        assert!(result.contains("\n2) Veiktas apmācības darbam ar Kriminālizlūkošanas"));
        let indicator = m.indicator.as_deref().unwrap();
        assert!(indicator.starts_with("Sagatavots un TAI vadības darba grupā"));
        assert!(indicator.ends_with("Darbam ar KAIS apmācītas 250 VP un VRS amatpersonas."));
        assert_eq!(m.responsible, ["VP"]);
        assert_eq!(
            m.co_responsible,
            ["NKIM TAI Vadības grupā pārstāvētās institūcijas"]
        );
        assert_eq!(m.deadline.raw, "Katru gadu 2025.gada decembris");
        assert!(m.deadline.recurring);
        assert_eq!(m.deadline.date(), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(
            m.source_lines,
            (
                line_of(EXCERPT, "\t1.7.\n"),
                line_of(EXCERPT, "2025.gada decembris\n")
            )
        );
    }

    #[test]
    fn a_bookmark_before_the_number_does_not_hide_the_row() {
        // Row 1.3 carries a bookmark in the source; give 1.5 one as well.
        let text = edit(EXCERPT, "\t1.5.\n", "\t[bookmark: _Hlk1]1.5.\n");
        let (plan, diagnostics) = read(&text);
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(measure(&plan, "1.5")
            .title
            .starts_with("Īstenot apmācības neformālās"));
    }

    #[test]
    fn a_bare_figure_in_a_row_is_content_not_a_new_row() {
        let text = edit(
            EXCERPT,
            "\tVeiktas 10 pieredzes apmaiņas aktivitātes.\n",
            "\t10\n",
        );
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
        );
        let m = measure(&plan, "1.4");
        assert_eq!(m.indicator.as_deref(), Some("10"));
        assert!(m
            .result
            .as_deref()
            .unwrap()
            .ends_with("pieredzes apmaiņas aktivitātēs."));
    }

    #[test]
    fn a_dropped_row_is_a_numbering_gap() {
        let start = EXCERPT.find("\t[bookmark: _Hlk148436768]1.3.").unwrap();
        let end = EXCERPT.find("\t1.4.\n").unwrap();
        let text = format!("{}{}", &EXCERPT[..start], &EXCERPT[end..]);
        let (plan, diagnostics) = read(&text);
        assert_eq!(ids(&plan), ["1.1", "1.2", "1.4", "1.5", "1.6", "1.7"]);
        assert_eq!(
            warnings(&diagnostics),
            [(
                line_of(&text, "\t1.4.\n"),
                "measure numbering jumps from 1.2 to 1.4 (expected 1.3)"
            )]
        );
        // The rows around the gap keep their own cells.
        assert_eq!(
            measure(&plan, "1.4").deadline.raw,
            "Katru gadu sākot no 2024.gada"
        );

        let start = EXCERPT.find("\t1.1.\n").unwrap();
        let end = EXCERPT.find("\t1.2.\n").unwrap();
        let text = format!("{}{}", &EXCERPT[..start], &EXCERPT[end..]);
        let (plan, diagnostics) = read(&text);
        assert_eq!(ids(&plan)[0], "1.2");
        assert_eq!(
            warnings(&diagnostics),
            [(
                line_of(&text, "\t1.2.\n"),
                "measure numbering starts at 1.2 (expected 1.1)"
            )]
        );
    }

    #[test]
    fn a_renumbered_row_keeps_its_new_number_and_a_repeated_one_is_reported() {
        let (plan, diagnostics) = read(&edit(EXCERPT, "\t1.6.\n", "\t1.16.\n"));
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.16", "1.7"]
        );
        let messages: Vec<_> = warnings(&diagnostics).into_iter().map(|w| w.1).collect();
        assert_eq!(
            messages,
            [
                "measure numbering jumps from 1.5 to 1.16 (expected 1.6)",
                "measure numbering jumps from 1.16 to 1.7 (expected 1.17)",
            ]
        );

        let text = edit(EXCERPT, "\t1.4.\n", "\t1.2.\n");
        let (plan, diagnostics) = read(&text);
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.2", "1.5", "1.6", "1.7"]
        );
        // The numbering goes on from the repeat; the repeat itself is an error of every
        // structure, reported where the document is read as a whole.
        assert_eq!(
            warnings(&diagnostics),
            [(
                line_of(&text, "\t1.5.\n"),
                "measure numbering jumps from 1.2 to 1.5 (expected 1.3)"
            )]
        );
        let (_, diagnostics) =
            crate::extract::extract(crate::extract::Structure::ActionPlan, "x.txt", &text, "x");
        let errors: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(errors.len(), 1, "{diagnostics:?}");
        assert!(errors[0].starts_with("measure 1.2 has the number of the measure on line"));
    }

    #[test]
    fn a_missing_empty_cell_leaves_the_deadline_in_its_column() {
        // Row 1.4 keeps its empty co-responsible cell as "\t "; the export may drop it.
        let text = edit(
            EXCERPT,
            "FID, IDB\n\t \n\tKatru gadu sākot no 2024",
            "FID, IDB\n\tKatru gadu sākot no 2024",
        );
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let m = measure(&plan, "1.4");
        assert_eq!(
            m.responsible,
            ["VP", "VRS", "VID", "ĢP", "KNAB", "FID", "IDB"]
        );
        assert!(m.co_responsible.is_empty());
        assert_eq!(m.deadline.raw, "Katru gadu sākot no 2024.gada");
        assert!(m.deadline.recurring);
    }

    #[test]
    fn rows_without_institution_or_deadline_are_reported() {
        let text = edit(
            EXCERPT,
            "\t[bookmark: _Hlk148436779]VPK IMC, VP, VRS, VID, ĢP, KNAB, FID, IDB\n\t\n\t2024.gada decembris\n",
            "",
        );
        let (plan, diagnostics) = read(&text);
        let m = measure(&plan, "1.2");
        assert!(m
            .indicator
            .as_deref()
            .unwrap()
            .starts_with("Sagatavots un aktualizēts"));
        let line = line_of(&text, "\t1.2.\n");
        assert_eq!(
            warnings(&diagnostics),
            [
                (line, "measure 1.2 has no responsible institution"),
                (line, "measure 1.2 has no deadline"),
            ]
        );
    }

    #[test]
    fn a_second_direction_inside_the_table_starts_its_own_numbering() {
        let second = "\t2. Rīcības virziens\n\tSabiedrības iesaiste\n\n\t2.1.\n\tInformēt sabiedrību par situāciju cīņā ar organizēto noziedzību.\n\tSabiedrībai regulāri ir sniegta informācija.\n\tKatra iestāde veikusi vismaz 1 aktivitāti.\n\tVP, VRS\n\t\n\tKatru mēnesi\n\nIII. Teritoriālā";
        let (plan, diagnostics) = read(&edit(EXCERPT, "III. Teritoriālā", second));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(plan.directions.len(), 2);
        assert_eq!(plan.directions[1].title, "Sabiedrības iesaiste");
        let m = measure(&plan, "2.1");
        assert_eq!(m.direction, "2");
        assert_eq!(m.responsible, ["VP", "VRS"]);
        assert_eq!(m.deadline.raw, "Katru mēnesi");
        // 1.7 ends before the direction heading.
        assert_eq!(
            measure(&plan, "1.7").deadline.raw,
            "Katru gadu 2025.gada decembris"
        );
    }

    #[test]
    fn another_table_ends_the_measure_table_even_without_a_chapter_heading() {
        let start = EXCERPT.find("III. Teritoriālā").unwrap();
        let end = EXCERPT.find("budžetu\n").unwrap() + "budžetu\n".len();
        let text = format!("{}{}", &EXCERPT[..start], &EXCERPT[end..]);
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            ids(&plan),
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
        );
        let m = measure(&plan, "1.7");
        assert_eq!(m.deadline.raw, "Katru gadu 2025.gada decembris");
        assert_eq!(
            m.co_responsible,
            ["NKIM TAI Vadības grupā pārstāvētās institūcijas"]
        );
        assert_eq!(
            m.source_lines,
            (
                line_of(&text, "\t1.7.\n"),
                line_of(&text, "2025.gada decembris\n")
            )
        );

        // The same with the caption gone: the budget header row alone ends the table.
        let text = edit(&text, "\t1. tabula\n", "");
        let (plan, _) = read(&text);
        assert_eq!(plan.measures.len(), 7);
        assert_eq!(
            measure(&plan, "1.7").deadline.raw,
            "Katru gadu 2025.gada decembris"
        );
    }

    #[test]
    fn a_document_without_a_measure_table_is_an_error() {
        let start = EXCERPT.find("\t1.\u{a0}Rīcības virziens").unwrap();
        let end = EXCERPT.find("III. Teritoriālā").unwrap();
        let (plan, diagnostics) = read(&format!("{}{}", &EXCERPT[..start], &EXCERPT[end..]));
        assert!(plan.measures.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].severity, Severity::Error);
        assert!(diagnostics[0].message.starts_with("no measure table found"));
    }

    #[test]
    fn empty_or_headless_input_is_reported_not_a_panic() {
        for text in ["", "\n\n", "\t1.1.\n\tVP\n\t\n", "I. Kopsavilkums\n\tNr.\n"] {
            let (plan, diagnostics) = read(text);
            assert!(plan.measures.is_empty(), "{text:?}");
            assert!(
                diagnostics.iter().any(|d| d.severity == Severity::Error),
                "{text:?}: {diagnostics:?}"
            );
        }
    }

    #[test]
    fn the_seed_plan_has_its_twenty_one_measures() {
        let source = std::fs::read_to_string(SEED).expect("seed file");
        let (plan, diagnostics) = extract(&WordDoc::parse("000.txt", &source), "organized-crime");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let expected: Vec<String> = (1..=21).map(|n| format!("1.{n}")).collect();
        assert_eq!(ids(&plan), expected);

        let m = measure(&plan, "1.7");
        assert_eq!(m.source_lines, (242, 280));
        let m = measure(&plan, "1.9");
        assert_eq!(m.deadline.raw, "2025. gada decembris Katru gadu");
        assert_eq!(m.source_lines, (299, 313));
        let m = measure(&plan, "1.11");
        assert_eq!(
            (m.responsible.as_slice(), m.co_responsible.as_slice()),
            (&["VTEB".to_string()][..], &["TM".to_string()][..])
        );
        let m = measure(&plan, "1.13");
        assert_eq!(
            m.responsible,
            ["VP", "VRS", "VDD", "VID", "KNAB", "IeVP", "MP", "FID", "IDB"]
        );
        let m = measure(&plan, "1.20");
        assert_eq!(m.responsible, ["VID"]);
        assert_eq!(m.co_responsible, ["VP", "IeM IC", "SAB"]);
        assert_eq!(m.deadline.raw, "2025. gada decembris.");
        let m = measure(&plan, "1.21");
        assert_eq!(m.responsible, ["VP", "IDB", "KNAB", "VID"]);
        assert_eq!(
            m.co_responsible,
            ["Pārējās NKIM TAI Vadības grupā pārstāvētās institūcijas"]
        );
        assert_eq!(
            m.deadline.dates,
            [
                NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
                NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
            ]
        );
        assert_eq!(m.source_lines, (428, 438));
        assert_eq!(plan.abbreviations.len(), 46);
    }

    #[test]
    fn a_measure_added_to_the_seed_plan_is_found() {
        let source = std::fs::read_to_string(SEED).expect("seed file");
        let added = "\n\t1.22.\n\tIeviest jaunu analītikas rīku.\n\tRīks ieviests.\n\tApmācītas 5 amatpersonas.\n\tVP\n\tVID\n\t2025. gada jūnijs\n\n\n\nIII. Teritoriālā";
        let text = edit(&source, "\n\n\nIII. Teritoriālā", added);
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(plan.measures.len(), 22);
        let m = measure(&plan, "1.22");
        assert_eq!(m.title, "Ieviest jaunu analītikas rīku.");
        assert_eq!(
            (m.responsible.clone(), m.co_responsible.clone()),
            (vec!["VP".to_string()], vec!["VID".to_string()])
        );
        assert_eq!(m.deadline.date(), NaiveDate::from_ymd_opt(2025, 6, 30));
        // 1.21 still ends at its own second deadline.
        assert_eq!(
            measure(&plan, "1.21").deadline.raw,
            "2024. gada marts 2025.gada decembris"
        );
    }
}
