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
//! A document edited by hand can break that markup (a bracket deleted, a number typed over).
//! The reader then warns with the line and removes what is left of the markup, so no
//! `[footnoteRef:` or `[bookmark:` ever reaches a page.
//!
//! The reader keeps every line at its original line number, so everything extracted later can
//! point back to the exact lines of the source.

use crate::diagnostics::Diagnostic;
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
    /// Warnings about broken markup (an unclosed bookmark or footnote), with their lines.
    pub diagnostics: Vec<Diagnostic>,
}

impl WordDoc {
    /// Cleans `source` (the whole file) and splits it into lines.
    pub fn parse(file: &str, source: &str) -> Self {
        let mut diagnostics = Vec::new();
        let (text, footnotes) = extract_footnotes(source, &mut |line, message| {
            diagnostics.push(Diagnostic::warning(file, line, message))
        });
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(index, raw)| {
                clean_line(index + 1, raw, &mut |line, message| {
                    diagnostics.push(Diagnostic::warning(file, line, message))
                })
            })
            .collect();
        WordDoc {
            file: file.to_string(),
            lines,
            footnotes,
            diagnostics,
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

/// Where the reader reports broken markup: `(line, message)`.
type Warn<'a> = dyn FnMut(usize, String) + 'a;

fn clean_line(number: usize, raw: &str, warn: &mut Warn) -> Line {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    // The export sometimes puts a space before a cell's TAB (" \tNr."); it still opens a cell.
    let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
    let starts_cell = raw[..indent].contains('\t');
    let body = if starts_cell { &raw[indent..] } else { raw };
    let (body, had_bookmark) = remove_bookmarks(body, &mut |message| warn(number, message));
    let text = crate::text::normalize_spaces(&body);
    Line {
        number,
        text: text.trim_end().to_string(),
        starts_cell,
        had_bookmark,
    }
}

/// Removes every `[bookmark: NAME]`; reports whether there was one.
///
/// A bookmark name is letters, digits and `_` (`_Hlk148436768`, `_Toc7703749`); when the `]` is
/// missing, only the markup is removed (with a warning), not the text after it (unless that text
/// glues digits to a name ending in digits).
fn remove_bookmarks(text: &str, warn: &mut dyn FnMut(String)) -> (String, bool) {
    const OPEN: &str = "[bookmark:";
    if !text.contains(OPEN) {
        return (text.to_string(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let name_start = after.len() - after.trim_start_matches(' ').len();
        let name = &after[name_start..];
        let name_len = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        rest = match name[name_len..].strip_prefix(']') {
            Some(rest) => rest,
            None => {
                // Unclosed: take the name in the shape Word gives its own bookmarks (`_Hlk`
                // and digits), so the text glued after it stays.
                let letters = name.strip_prefix('_').map_or(0, |_| 1);
                let letters = letters
                    + name[letters..]
                        .find(|c: char| !c.is_ascii_alphabetic())
                        .unwrap_or(name.len() - letters);
                let digits = name[letters..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(name.len() - letters);
                let end = name_start + letters + digits;
                warn(format!(
                    "bookmark {:?} is not closed with \"]\"; the markup was removed",
                    &rest[start..start + OPEN.len() + end]
                ));
                after[end..].trim_start_matches(' ')
            }
        };
    }
    out.push_str(rest);
    (out, true)
}

/// Replaces `[footnoteRef:N]` with [`footnote_marker`] and cuts out the `[N: text]` definitions.
///
/// Newlines inside a definition are kept, so every later line keeps its number. Broken markup is
/// warned about and removed: a reference without its `]` still refers to its number, one without
/// a number is dropped; a definition without its `]` runs to the end of its line.
fn extract_footnotes(source: &str, warn: &mut Warn) -> (String, Vec<Footnote>) {
    const REF: &str = "[footnoteRef:";
    let mut out = String::with_capacity(source.len());
    let mut footnotes = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let bytes = source.as_bytes();
    while i < source.len() {
        let rest = &source[i..];
        if rest.starts_with(REF) {
            let (len, number) = reference(rest);
            match number {
                Some(n) => out.push_str(&footnote_marker(n)),
                None => warn(
                    line,
                    format!(
                        "footnote reference {:?} has no footnote number; expected \
                         \"[footnoteRef:N]\"; the markup was removed",
                        &rest[..len]
                    ),
                ),
            }
            if let (Some(n), false) = (number, rest[..len].ends_with(']')) {
                warn(
                    line,
                    format!(
                        "footnote reference {:?} is not closed with \"]\"; read as footnote {n}",
                        &rest[..len]
                    ),
                );
            }
            i += len;
            continue;
        }
        if bytes[i] == b'[' {
            if let Some((number, body_start)) = definition_head(rest) {
                let (len, body) = match definition_len(rest) {
                    Ok(len) => (len, &rest[body_start..len - 1]),
                    Err(len) => {
                        warn(
                            line,
                            format!(
                                "the text of footnote {number} is not closed with \"]\"; read \
                                 to the end of the line or the next footnote"
                            ),
                        );
                        (len, &rest[body_start..len])
                    }
                };
                let definition_line = line;
                let (body, _) =
                    remove_bookmarks(body, &mut |message| warn(definition_line, message));
                footnotes.push(Footnote {
                    number,
                    text: collapse_spaces(&body),
                    line,
                });
                let newlines = body.matches('\n').count();
                line += newlines;
                out.extend(std::iter::repeat_n('\n', newlines));
                i += len;
                continue;
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

/// A `[footnoteRef:…` at the start of `text`: how many bytes its markup takes, and the footnote
/// number when it has one. A well-formed reference is `[footnoteRef:N]`; without its `]` it ends
/// after the number, and without a number at the next `]` of its line (or right after the colon
/// when another bracket opens first).
fn reference(text: &str) -> (usize, Option<u32>) {
    let head = "[footnoteRef:".len();
    let after = &text[head..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let digits = after[spaces..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let number = after[spaces..spaces + digits].parse().ok();
    if number.is_some() {
        let end = head + spaces + digits;
        let closed = text[end..].trim_start_matches(' ').starts_with(']');
        let len = if closed {
            end + text[end..].find(']').expect("checked") + 1
        } else {
            end
        };
        return (len, number);
    }
    let line_end = after.find('\n').unwrap_or(after.len());
    let len = match after[..line_end].find(['[', ']']) {
        Some(close) if after[close..].starts_with(']') => head + close + 1,
        _ => head,
    };
    (len, None)
}

/// `[N:` at the start of `text`: the number and where the definition text begins.
fn definition_head(text: &str) -> Option<(u32, usize)> {
    let digits = text[1..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || text.as_bytes().get(1 + digits) != Some(&b':') {
        return None;
    }
    Some((text[1..1 + digits].parse().ok()?, digits + 2))
}

/// Length in bytes of the footnote definition starting at `text[0] == '['`, nested brackets
/// counted. When it is not closed before the next footnote reference or definition (a deleted
/// `]` would otherwise swallow the document up to some later bracket), `Err` with the length up
/// to that reference or the end of the line, whichever comes first.
fn definition_len(text: &str) -> Result<usize, usize> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '[' if i > 0
                && (text[i..].starts_with("[footnoteRef:")
                    || definition_head(&text[i..]).is_some()) =>
            {
                return Err(i.min(line_end));
            }
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
    }
    Err(line_end)
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

    /// Line 985 of the cybersecurity report (`004_…txt`): a task cell with a footnote.
    const TASK_WITH_FOOTNOTE: &str = "\tElektronisko ziņojumu līnijas par pārkāpumiem internetā \
        nodrošināšana[footnoteRef:2] [2:  Uzdevums jāskata saistībā ar Informācijas sabiedrības \
        attīstības pamatnostādnēm 2014.-2020.gadam] \n\tIZM\n";

    fn warnings(doc: &WordDoc) -> Vec<String> {
        doc.diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn well_formed_markup_gives_no_warning() {
        let doc = WordDoc::parse("004.txt", TASK_WITH_FOOTNOTE);
        assert_eq!(
            doc.line(1).text,
            "Elektronisko ziņojumu līnijas par pārkāpumiem internetā nodrošināšana[^2]"
        );
        assert_eq!(doc.footnotes.len(), 1);
        assert!(doc.diagnostics.is_empty());
    }

    #[test]
    fn a_reference_without_its_bracket_still_refers_to_its_footnote_with_a_warning() {
        let doc = WordDoc::parse(
            "004.txt",
            &TASK_WITH_FOOTNOTE.replace("[footnoteRef:2]", "[footnoteRef:2"),
        );
        assert_eq!(
            doc.line(1).text,
            "Elektronisko ziņojumu līnijas par pārkāpumiem internetā nodrošināšana[^2]"
        );
        assert_eq!(doc.footnotes[0].number, 2);
        assert_eq!(
            warnings(&doc),
            [
                "004.txt:1: warning: footnote reference \"[footnoteRef:2\" is not closed with \
              \"]\"; read as footnote 2"
            ]
        );
    }

    #[test]
    fn a_reference_without_a_number_is_removed_with_a_warning() {
        for broken in ["[footnoteRef:]", "[footnoteRef:x]", "[footnoteRef:"] {
            let doc = WordDoc::parse(
                "004.txt",
                &TASK_WITH_FOOTNOTE.replace("[footnoteRef:2]", broken),
            );
            assert_eq!(
                doc.line(1).text,
                "Elektronisko ziņojumu līnijas par pārkāpumiem internetā nodrošināšana",
                "{broken}"
            );
            assert_eq!(
                warnings(&doc),
                [format!(
                    "004.txt:1: warning: footnote reference {broken:?} has no footnote number; \
                     expected \"[footnoteRef:N]\"; the markup was removed"
                )]
            );
        }
    }

    #[test]
    fn a_definition_without_its_bracket_runs_to_the_end_of_its_line() {
        let doc = WordDoc::parse(
            "004.txt",
            &TASK_WITH_FOOTNOTE.replace("2020.gadam] ", "2020.gadam "),
        );
        assert_eq!(
            doc.footnotes[0].text,
            "Uzdevums jāskata saistībā ar Informācijas sabiedrības attīstības pamatnostādnēm \
             2014.-2020.gadam"
        );
        assert!(
            doc.line(1).text.ends_with("nodrošināšana[^2]"),
            "{}",
            doc.line(1).text
        );
        assert_eq!(doc.line(2).text, "IZM");
        assert_eq!(
            warnings(&doc),
            [
                "004.txt:1: warning: the text of footnote 2 is not closed with \"]\"; read to the \
              end of the line or the next footnote"
            ]
        );
    }

    #[test]
    fn an_unclosed_definition_does_not_swallow_the_next_reference() {
        // Lines 1-4 of the trafficking plan (`002_…txt`) joined: two references, the first
        // definition's `]` deleted.
        let src = "izvērtējums[footnoteRef:1] tika izstrādāts.[footnoteRef:2]  [1:  Plāns 2021. \
                   – 2023. gadam  [2:  Par plāna izpildi ]\nTālāk]\n";
        let doc = WordDoc::parse("002.txt", src);
        let numbers: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(numbers, [1, 2]);
        assert_eq!(doc.footnotes[0].text, "Plāns 2021. – 2023. gadam");
        assert_eq!(doc.footnotes[1].text, "Par plāna izpildi");
        assert_eq!(doc.line(2).text, "Tālāk]");
        assert_eq!(doc.diagnostics.len(), 1);
    }

    #[test]
    fn an_unclosed_bookmark_loses_only_its_markup() {
        // Line 103 of the cybersecurity report, then line 494 with the `]` deleted.
        let src = "\t[bookmark: _Hlk1977710 1.5.\n· [bookmark: _Hlk535246737Rūpnieciska \
                   īpašuma tiesību aizsardzība[^3];\n";
        let doc = WordDoc::parse("004.txt", src);
        assert_eq!(doc.line(1).text, "1.5.");
        assert!(doc.line(1).starts_cell && doc.line(1).had_bookmark);
        assert_eq!(
            doc.line(2).text,
            "· Rūpnieciska īpašuma tiesību aizsardzība[^3];"
        );
        assert_eq!(
            warnings(&doc),
            [
                "004.txt:1: warning: bookmark \"[bookmark: _Hlk1977710\" is not closed with \
                 \"]\"; the markup was removed",
                "004.txt:2: warning: bookmark \"[bookmark: _Hlk535246737\" is not closed with \
                 \"]\"; the markup was removed",
            ]
        );
    }

    #[test]
    fn a_bookmark_inside_a_footnote_definition_is_removed() {
        let doc = WordDoc::parse(
            "004.txt",
            &TASK_WITH_FOOTNOTE.replace("[2:  Uzdevums", "[2:  [bookmark: _Hlk1]Uzdevums"),
        );
        assert!(doc.footnotes[0].text.starts_with("Uzdevums jāskata"));
        assert!(doc.diagnostics.is_empty());
    }
}
