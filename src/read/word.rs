//! The Word-export layout: plain text saved from a `.docx`, where every table cell is a line that
//! begins with a TAB.
//!
//! What the export does to a document, and what this reader undoes:
//! - a table cell starts with a TAB; further paragraphs of the same cell follow on lines *without*
//!   a TAB, sometimes after blank lines, so a cell runs until the next TAB line (a space before
//!   the TAB, " \tNr.", still opens a cell);
//! - empty cells are sometimes kept as a lone TAB and sometimes dropped entirely, so a row can
//!   have fewer cells than its header ([`crate::read::table`] places cells by content);
//! - `[bookmark: _Hlk…]` anchors are glued in front of text (even in front of a row number);
//! - footnotes appear inline as `[footnoteRef:N]` followed somewhere later by `[N: text]`, and the
//!   definition may span lines;
//! - no-break spaces and zero-width characters sit between words and numbers.
//!
//! The reader keeps every line at its original line number, so everything extracted later can
//! point back to the exact lines of the source.

use crate::model::Footnote;
use std::ops::Range;

/// The marker that stands in cleaned text for a footnote reference: `[^N]`.
///
/// Rendering turns it into a link to the footnote; open data strips it
/// (see [`crate::text::strip_footnote_markers`]).
pub fn footnote_marker(number: u32) -> String {
    format!("[^{number}]")
}

/// A source line after the Word artefacts were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source file.
    pub number: usize,
    /// Text without the leading TAB, bookmarks and footnote definitions; trailing space trimmed.
    pub text: String,
    /// The line began with a TAB: it opens a table cell.
    pub starts_cell: bool,
    /// A `[bookmark: …]` was removed from this line.
    pub had_bookmark: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One table cell: its first TAB line and the continuation lines after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs joined with `\n`; blank lines dropped, spaces collapsed.
    pub text: String,
    /// First and last non-blank source line of the cell (1-based, inclusive).
    pub first_line: usize,
    pub last_line: usize,
    /// False for text before the first TAB line of the range (not part of any cell).
    pub tabbed: bool,
    /// The cell's first line carried a Word bookmark.
    pub had_bookmark: bool,
}

impl Cell {
    /// The cell's text on one line: paragraphs joined with a space.
    pub fn flat(&self) -> String {
        self.text.replace('\n', " ")
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A Word export, cleaned and split into lines.
#[derive(Debug, Clone)]
pub struct WordDoc {
    /// The seed file name, used in diagnostics and `source` fields.
    pub file: String,
    pub lines: Vec<Line>,
    /// Footnote definitions found inline, in order of appearance.
    pub footnotes: Vec<Footnote>,
}

impl WordDoc {
    /// Cleans `source` (the whole file) and splits it into lines.
    pub fn parse(file: &str, source: &str) -> Self {
        let (text, footnotes) = extract_footnotes(source);
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(index, raw)| clean_line(index + 1, raw))
            .collect();
        WordDoc {
            file: file.to_string(),
            lines,
            footnotes,
        }
    }

    /// The line with this 1-based number.
    pub fn line(&self, number: usize) -> &Line {
        &self.lines[number - 1]
    }

    /// Number of the last line.
    pub fn last_line(&self) -> usize {
        self.lines.len()
    }

    /// The first line at or after `from` whose text satisfies `pred`.
    pub fn find_line(&self, from: usize, pred: impl Fn(&Line) -> bool) -> Option<usize> {
        self.lines
            .iter()
            .skip(from.saturating_sub(1))
            .find(|l| pred(l))
            .map(|l| l.number)
    }

    /// Groups the lines in `range` (1-based line numbers, end exclusive) into cells.
    ///
    /// A TAB line opens a cell; every following line without a TAB belongs to it. Lines before the
    /// first TAB line form one untabbed cell (if they hold any text).
    pub fn cells(&self, range: Range<usize>) -> Vec<Cell> {
        let mut cells: Vec<Cell> = Vec::new();
        let mut current: Option<(Cell, Vec<&str>)> = None;
        let end = range.end.min(self.lines.len() + 1);
        for line in &self.lines[range.start.saturating_sub(1).min(end - 1)..end - 1] {
            if line.starts_cell || current.is_none() {
                if let Some(done) = current.take() {
                    cells.extend(finish_cell(done));
                }
                let cell = Cell {
                    text: String::new(),
                    first_line: line.number,
                    last_line: line.number,
                    tabbed: line.starts_cell,
                    had_bookmark: line.had_bookmark,
                };
                current = Some((cell, Vec::new()));
            }
            let (cell, parts) = current.as_mut().expect("a cell is open");
            if !line.is_blank() {
                if parts.is_empty() {
                    cell.first_line = line.number;
                }
                cell.last_line = line.number;
                parts.push(line.text.as_str());
            }
        }
        if let Some(done) = current.take() {
            cells.extend(finish_cell(done));
        }
        cells
    }
}

fn finish_cell((mut cell, parts): (Cell, Vec<&str>)) -> Option<Cell> {
    if !cell.tabbed && parts.is_empty() {
        return None;
    }
    cell.text = parts
        .iter()
        .map(|p| collapse_spaces(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Some(cell)
}

/// Collapses runs of whitespace (spaces, TABs) into one space and trims.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_line(number: usize, raw: &str) -> Line {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    // The export sometimes puts a space before a cell's TAB (" \tNr."); it still opens a cell.
    let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
    let starts_cell = raw[..indent].contains('\t');
    let body = if starts_cell { &raw[indent..] } else { raw };
    let (body, had_bookmark) = remove_bookmarks(body);
    let text = crate::text::normalize_spaces(&body);
    Line {
        number,
        text: text.trim_end().to_string(),
        starts_cell,
        had_bookmark,
    }
}

/// Removes every `[bookmark: …]`; reports whether there was one.
fn remove_bookmarks(text: &str) -> (String, bool) {
    const OPEN: &str = "[bookmark:";
    if !text.contains(OPEN) {
        return (text.to_string(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, true)
}

/// Replaces `[footnoteRef:N]` with [`footnote_marker`] and cuts out the `[N: text]` definitions.
///
/// Newlines inside a definition are kept, so every later line keeps its number.
fn extract_footnotes(source: &str) -> (String, Vec<Footnote>) {
    const REF: &str = "[footnoteRef:";
    let mut out = String::with_capacity(source.len());
    let mut footnotes = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let bytes = source.as_bytes();
    while i < source.len() {
        let rest = &source[i..];
        if rest.starts_with(REF) {
            if let Some(close) = rest.find(']') {
                let number = &rest[REF.len()..close];
                if let Ok(n) = number.trim().parse::<u32>() {
                    out.push_str(&footnote_marker(n));
                    i += close + 1;
                    continue;
                }
            }
        }
        if bytes[i] == b'[' {
            if let Some((number, body_start)) = definition_head(rest) {
                if let Some(len) = bracket_len(rest) {
                    let body = &rest[body_start..len - 1];
                    footnotes.push(Footnote {
                        number,
                        text: collapse_spaces(body),
                        line,
                    });
                    let newlines = body.matches('\n').count();
                    line += newlines;
                    out.extend(std::iter::repeat_n('\n', newlines));
                    i += len;
                    continue;
                }
            }
        }
        let c = rest.chars().next().expect("not at end");
        if c == '\n' {
            line += 1;
        }
        out.push(c);
        i += c.len_utf8();
    }
    (out, footnotes)
}

/// `[N:` at the start of `text`: the number and where the definition text begins.
fn definition_head(text: &str) -> Option<(u32, usize)> {
    let digits = text[1..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || text.as_bytes().get(1 + digits) != Some(&b':') {
        return None;
    }
    Some((text[1..1 + digits].parse().ok()?, digits + 2))
}

/// Length in bytes of the bracketed span starting at `text[0] == '['`, nested brackets counted.
fn bracket_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_definitions_are_cut_out_and_lines_keep_their_numbers() {
        let src = "NKIM TAI grupa[footnoteRef:2]  [2:  Izveidota saskaņā\nar instrukciju Nr. 1\n] \nNNP - padome\n";
        let doc = WordDoc::parse("x.txt", src);
        assert_eq!(doc.line(1).text, "NKIM TAI grupa[^2]");
        assert_eq!(doc.line(4).text, "NNP - padome");
        assert_eq!(doc.footnotes.len(), 1);
        assert_eq!(doc.footnotes[0].number, 2);
        assert_eq!(doc.footnotes[0].line, 1);
        assert_eq!(
            doc.footnotes[0].text,
            "Izveidota saskaņā ar instrukciju Nr. 1"
        );
    }

    #[test]
    fn bookmark_before_a_number_is_removed_and_the_cell_still_starts() {
        let doc = WordDoc::parse(
            "x.txt",
            "\t[bookmark: _Hlk148436768]1.3.\n\tVeikt\u{a0}apmācību\n",
        );
        assert_eq!(doc.line(1).text, "1.3.");
        assert!(doc.line(1).starts_cell);
        assert!(doc.line(1).had_bookmark);
        assert_eq!(doc.line(2).text, "Veikt apmācību");
    }

    #[test]
    fn continuation_lines_and_blank_lines_stay_in_their_cell() {
        let src = "intro\n\t1.1.\n\tPirmā rinda\n\notrā  rinda\n\n\tVP\n";
        let doc = WordDoc::parse("x.txt", src);
        let cells = doc.cells(1..doc.last_line() + 1);
        let texts: Vec<_> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["intro", "1.1.", "Pirmā rinda\notrā rinda", "VP"]);
        assert!(!cells[0].tabbed);
        assert_eq!((cells[2].first_line, cells[2].last_line), (3, 5));
    }

    #[test]
    fn a_space_before_the_tab_still_opens_a_cell() {
        let src = "\tVP\n \tIzpildīts; Uzdevums tiks īstenots arī turpmāk\n 2018 - 525 342 EUR\n";
        let doc = WordDoc::parse("x.txt", src);
        assert!(doc.line(2).starts_cell);
        assert_eq!(
            doc.line(2).text,
            "Izpildīts; Uzdevums tiks īstenots arī turpmāk"
        );
        assert!(!doc.line(3).starts_cell);
        let texts: Vec<_> = doc.cells(1..4).into_iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "VP",
                "Izpildīts; Uzdevums tiks īstenots arī turpmāk\n2018 - 525 342 EUR"
            ]
        );
    }

    #[test]
    fn a_lone_tab_is_an_empty_cell() {
        let doc = WordDoc::parse("x.txt", "\tVP\n\t\n\t2025. gada decembris\n");
        let cells = doc.cells(1..4);
        assert_eq!(cells.len(), 3);
        assert!(cells[1].is_empty());
    }

    #[test]
    fn a_bracket_that_is_not_a_definition_is_kept() {
        let doc = WordDoc::parse("x.txt", "skat. [1] un [a: b]\n");
        assert_eq!(doc.line(1).text, "skat. [1] un [a: b]");
        assert!(doc.footnotes.is_empty());
    }
}
