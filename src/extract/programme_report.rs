//! A programme implementation report in the PDF-text layout (the report on the trafficking
//! programme 2009–2013).
//!
//! The document has:
//! - an abbreviation list under an upper-case heading ("IZMANTOTIE SAĪSINĀJUMI"): a code, then
//!   its name; names wrap onto unnumbered lines, and a long code may wrap too (then its name, on
//!   the following line, contains it);
//! - an introduction ("IEVADS") and narrative chapters numbered with Roman numerals
//!   ("I. PROGRAMMAS APAKŠMĒRĶIS: …", the upper-case title may wrap), up to the annex;
//! - the annex ("… PIELIKUMS …"): after its introduction and the signature block, a table whose
//!   rows are grouped under action directions ("I  Datu apkopošana, …", Roman numerals, the
//!   heading sometimes letter-spaced). A row starts with its number and two spaces ("10.1.  ")
//!   or, later, with two numbers (the row and the task: "15. 14. "), the task's being its id.
//!   Its columns come interleaved: the task's words in a narrow column, then the deadline glued
//!   to the first line of the progress text ("2013.gads Valsts policija…"), the wide progress
//!   lines, the institutions glued to the status ("LM, IeM Uzdevums ir") and the narrow lines of
//!   the indicator column ("Rezultatīvie rādītāji": the status phrase, a colon, the indicators,
//!   published as `indicator` like that column in every plan). On each new page (an indented
//!   line, or the line after a page number) the columns that go on continue in the same order;
//!   which ones go on is read from the page before (a column continues only if it filled that
//!   page, see `read_columns`), not from where sentences end. A line of spaces is a paragraph
//!   break in the progress text. A row numbered under another (10 → 10.1 → 10.1.1, 13 → 13.2)
//!   is its part; rows with only a title are headings of their parts, not records.

use crate::diagnostics::Diagnostic;
use crate::extract::{institutions::split_institutions, plan_of};
use crate::model::{Abbreviation, Chapter, Deadline, Direction, Measure, Plan, Status, TextBlock};
use crate::read::pdf::{list_marker, PdfDoc, PdfLine};
use crate::read::word::collapse_spaces;
use crate::text::{is_code_word, is_institution_code};
use regex::Regex;
use std::sync::LazyLock;

/// Lines at most this wide belong to a narrow column (task, indicators: up to 26 characters in the
/// report); full progress lines are 60–99 characters, only a paragraph's last line is shorter.
const NARROW: usize = 30;

static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVX]+)\. (.+)$").expect("regex"));
static DIRECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVX]+)\s+(\p{Lu}.*)$").expect("regex"));
static ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:\d{1,3}\.)+)(?:\s{2,}(.*))?$").expect("regex"));
static TWO_NUMBERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\. (\d{1,3})\.\s+(\p{Lu}.*)$").expect("regex"));
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(regulāri|ikgadēji|pastāvīgi|katru gadu|\d{4}\.\s?gad[sā])(?:\s+|$)")
        .expect("regex")
});
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*(Uzdevum[sa]\b.*)$").expect("regex"));

/// Reads the report.
pub fn extract(doc: &PdfDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let mut plan = plan_of(&doc.file, slug);
    plan.reports_status = true;
    plan.footnotes = doc.footnotes.clone();
    let mut diagnostics = Vec::new();
    let lines = &doc.lines;
    let headings: Vec<usize> = (0..lines.len())
        .filter(|&i| is_upper_heading(&lines[i].text))
        .collect();
    let annex = headings
        .iter()
        .copied()
        .find(|&i| lines[i].text.contains("PIELIKUMS"));
    // Abbreviations: the first heading's section, when it holds code-name lines.
    if let Some(&first) = headings.first() {
        let end = headings.get(1).copied().unwrap_or(lines.len());
        plan.abbreviations = abbreviations(doc, first + 1..end, &mut diagnostics);
    }
    let narrative_end = annex.unwrap_or(lines.len());
    plan.chapters = chapters(doc, &headings, narrative_end);
    if let Some(intro) = headings
        .iter()
        .copied()
        .find(|&i| !CHAPTER.is_match(&lines[i].text) && i > 0 && i < narrative_end)
        .filter(|&i| {
            plan.abbreviations
                .last()
                .is_none_or(|a| a.line < lines[i].number)
        })
    {
        let end = headings
            .iter()
            .copied()
            .find(|&h| h > intro)
            .unwrap_or(narrative_end);
        let paragraphs = doc.paragraphs(&lines[intro + 1..end]);
        plan.summary = paragraphs.into_iter().take(1).map(|p| p.text).collect();
    }
    plan.title = title(&plan.abbreviations);
    match annex {
        Some(start) => annex_tasks(doc, start, &mut plan, &mut diagnostics),
        None => diagnostics.push(Diagnostic::error(
            &doc.file,
            0,
            "no annex (\"PIELIKUMS\") with the programme's tasks found",
        )),
    }
    if annex.is_some() && plan.measures.is_empty() {
        diagnostics.push(Diagnostic::error(
            &doc.file,
            lines[annex.unwrap_or(0)].number,
            "the annex holds no numbered task rows",
        ));
    }
    (plan, diagnostics)
}

/// An upper-case heading line: at least five letters, none lower-case.
fn is_upper_heading(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 5 && letters.iter().all(|c| c.is_uppercase())
}

/// The name of the programme the report is about: the abbreviation list defines it as
/// "Programma"; empty when it does not.
fn title(abbreviations: &[Abbreviation]) -> String {
    abbreviations
        .iter()
        .find(|a| a.code == "Programma")
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

/// A token of a code: two capitals ("VP", "IeM", "GKrPP", "TF-THB"), a number ("2011/36/ES")
/// or "Nr.".
fn code_like(token: &str) -> bool {
    is_code_word(token) || token.chars().any(|c| c.is_ascii_digit()) || token == "Nr."
}

/// The abbreviation list in `range` (indices into `doc.lines`).
fn abbreviations(
    doc: &PdfDoc,
    range: std::ops::Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Abbreviation> {
    let lines = &doc.lines[range];
    let whole_text: String = doc
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let occurrences = |phrase: &str| whole_text.matches(phrase).count();
    let mut entries: Vec<(Abbreviation, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let tokens: Vec<&str> = line.text.split(' ').collect();
        // The code: code-like tokens, after at most one word ("Direktīva 2011/36/ES"), extended
        // by one word when the document uses the longer form too ("RCS Marta").
        let lead = usize::from(tokens.len() > 1 && !code_like(tokens[0]) && code_like(tokens[1]));
        let mut n = lead + tokens[lead..].iter().take_while(|t| code_like(t)).count();
        if n > 0 && n + 1 < tokens.len() {
            let longer = tokens[..=n].join(" ");
            // "RCS Marta Biedrība „Resursu centrs sievietēm „Marta”””: the name repeats the word.
            let repeated = tokens[n + 1..].iter().any(|t| t.contains(tokens[n]));
            if occurrences(&longer) > 1 && repeated && tokens[n + 1].starts_with(char::is_uppercase)
            {
                n += 1;
            }
        }
        let starts_upper = |t: &&str| t.starts_with(|c: char| c.is_uppercase() || c == '„');
        if n == 0 && tokens.len() >= 2 && starts_upper(&tokens[0]) {
            // A word used as a code ("Programma Programma cilvēku …"): the name repeats it or
            // starts with a capital.
            n = 1;
        }
        let continuation = line
            .text
            .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            || entries.is_empty() && n == 0;
        if !continuation && n > 0 && n < tokens.len() && starts_upper(&tokens[n]) {
            // A long code wraps: "Patvērums „Drošā" + "māja”", then the name contains it.
            let mut code_lines = vec![line.text.as_str()];
            let mut j = i + 1;
            while j < lines.len() && lines[j].text.starts_with(char::is_lowercase) {
                code_lines.push(&lines[j].text);
                j += 1;
            }
            let wrapped = doc.join(code_lines.iter().copied());
            if j > i + 1 && j < lines.len() && lines[j].text.contains(&wrapped) {
                entries.push((
                    entry(&wrapped, lines[j].number),
                    vec![lines[j].text.clone()],
                ));
                i = j + 1;
                continue;
            }
            let code = tokens[..n].join(" ");
            let name = tokens[n..].join(" ");
            entries.push((entry(&code, line.number), vec![name]));
        } else if let Some((_, parts)) = entries.last_mut() {
            parts.push(line.text.clone());
        } else {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!("abbreviation list line without a code: {}", line.text),
            ));
        }
        i += 1;
    }
    entries
        .into_iter()
        .map(|(mut a, parts)| {
            a.name = doc.join(parts.iter().map(String::as_str));
            a
        })
        .collect()
}

fn entry(code: &str, line: usize) -> Abbreviation {
    Abbreviation {
        code: code.to_string(),
        name: String::new(),
        line,
    }
}

/// The narrative chapters: headings "I. …" before `end`, each up to the next heading.
fn chapters(doc: &PdfDoc, headings: &[usize], end: usize) -> Vec<Chapter> {
    let lines = &doc.lines;
    let mut chapters = Vec::new();
    let numbered: Vec<usize> = headings
        .iter()
        .copied()
        .filter(|&i| i < end && CHAPTER.is_match(&lines[i].text))
        .collect();
    for (k, &start) in numbered.iter().enumerate() {
        let caps = CHAPTER.captures(&lines[start].text).expect("matched");
        let mut title_lines = vec![caps.get(2).expect("group").as_str()];
        let mut body = start + 1;
        while body < end
            && is_upper_heading(&lines[body].text)
            && !CHAPTER.is_match(&lines[body].text)
        {
            title_lines.push(&lines[body].text);
            body += 1;
        }
        let stop = numbered.get(k + 1).copied().unwrap_or(end);
        let blocks = doc
            .paragraphs(&lines[body..stop])
            .into_iter()
            .map(|p| TextBlock {
                text: p.text,
                item: p.item,
                lines: (p.first_line, p.last_line),
            })
            .collect();
        chapters.push(Chapter {
            id: caps[1].to_string(),
            title: doc.join(title_lines),
            line: lines[start].number,
            blocks,
        });
    }
    chapters
}

/// The Roman numeral after `numeral` (up to XII, as far as direction lists go).
fn roman_after(numeral: &str) -> String {
    const NUMERALS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == numeral)
        .and_then(|p| NUMERALS.get(p + 1))
        .map_or_else(String::new, |n| n.to_string())
}

/// A row's first line: its id, the title words after the number, and whether the id is one
/// the previous row leads to.
struct RowStart {
    id: String,
    head: String,
    expected: bool,
}

/// The row starting at `line`, given the previous row's id.
///
/// A row starts with its number and two spaces ("10.1.  Pilnveidot", or the number alone) or
/// with two numbers, the task's second ("15. 14. Uzlabot"). The ids that follow `previous` are
/// its first part ("13" → "13.1") and the next number at each depth ("13.1" → "13.2", "14");
/// the first row of an excerpt may have any. A number that follows unexpectedly (a task dropped
/// or repeated) still opens a row when a capitalised title follows it, so no task is merged into
/// the one before; a lone or lower-case number is rather a list item in a cell.
fn row_start(line: &PdfLine, previous: Option<&str>) -> Option<RowStart> {
    let (id, head) = match TWO_NUMBERS.captures(&line.spaced) {
        Some(c) => (c[2].to_string(), c[3].to_string()),
        None => {
            let c = ROW.captures(&line.spaced)?;
            let head = c.get(2).map_or("", |m| m.as_str());
            (c[1].trim_end_matches('.').to_string(), head.to_string())
        }
    };
    let expected = previous.is_none_or(|prev| {
        let parts: Vec<u32> = prev.split('.').filter_map(|p| p.parse().ok()).collect();
        let next_at = |depth: usize| {
            let mut next = parts[..depth].to_vec();
            next[depth - 1] += 1;
            next.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        };
        id == format!("{prev}.1") || (1..=parts.len()).any(|depth| id == next_at(depth))
    });
    (expected || head.starts_with(char::is_uppercase)).then_some(RowStart { id, head, expected })
}

/// A table row as printed: its number, the title words on its first line and the lines after
/// it, up to the next row or direction heading.
struct PrintedRow<'a> {
    id: String,
    direction: String,
    head: String,
    first: usize,
    lines: Vec<&'a PdfLine>,
}

/// A row read into its columns.
#[derive(Default)]
struct Row {
    id: String,
    direction: String,
    title: Vec<String>,
    deadline: Option<String>,
    /// Progress lines, each with whether it opens a paragraph.
    progress: Vec<(String, bool)>,
    institutions: Option<String>,
    /// The indicator column ("Rezultatīvie rādītāji"): the status phrase, then the indicators as
    /// printed.
    indicators: Vec<String>,
    first: usize,
    last: usize,
}

/// Something per column of the table: how tall each column is on a page, which columns may go
/// on to the next.
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
struct Columns<T> {
    title: T,
    progress: T,
    indicators: T,
}

/// A column shorter than the tallest one by more than this many lines ended on the page.
const SHORTER_BY: usize = 2;

fn annex_tasks(doc: &PdfDoc, start: usize, plan: &mut Plan, diagnostics: &mut Vec<Diagnostic>) {
    let rows = printed_rows(doc, start, plan, diagnostics)
        .iter()
        .map(read_columns)
        .collect();
    to_measures(doc, rows, plan, diagnostics);
}

/// Splits the annex into direction headings and rows: a row starts at a row number (see
/// [`row_start`]) and holds every line up to the next row or heading.
fn printed_rows<'a>(
    doc: &'a PdfDoc,
    start: usize,
    plan: &mut Plan,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PrintedRow<'a>> {
    let lines = &doc.lines;
    let mut rows: Vec<PrintedRow> = Vec::new();
    let mut i = start + 1;
    // The table starts at the first direction heading; before it are the annex's introduction,
    // the signature block and the column headings.
    while i < lines.len() && !DIRECTION.is_match(&lines[i].text) {
        i += 1;
    }
    let mut in_row = false;
    for line in &lines[i..] {
        let previous = rows.last().map(|r| r.id.as_str());
        if let Some(c) = DIRECTION.captures(&line.text) {
            // Directions follow in order; an excerpt may start at any of them.
            let expected = plan
                .directions
                .last()
                .map(|d| roman_after(&d.id))
                .is_none_or(|next| next == c[1]);
            if expected {
                plan.directions.push(Direction {
                    id: c[1].to_string(),
                    title: doc.mend_spacing(c[2].trim()),
                    line: line.number,
                });
                in_row = false;
                continue;
            }
        }
        if let Some(start) = row_start(line, previous) {
            if !start.expected {
                diagnostics.push(Diagnostic::warning(
                    &doc.file,
                    line.number,
                    format!(
                        "task {} follows task {} (numbering gap or repeat)",
                        start.id,
                        previous.unwrap_or_default()
                    ),
                ));
            }
            rows.push(PrintedRow {
                id: start.id,
                direction: plan
                    .directions
                    .last()
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                head: collapse_spaces(&start.head),
                first: line.number,
                lines: Vec::new(),
            });
            in_row = true;
            continue;
        }
        match rows.last_mut() {
            Some(row) if in_row => row.lines.push(line),
            _ => diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!("text in the annex outside any task row: {}", line.text),
            )),
        }
    }
    rows
}

/// A status phrase found in a page's lines: where it starts, how many lines it takes
/// (institutions alone on the line before it make two), the institutions and the phrase.
struct StatusAt {
    line: usize,
    lines: usize,
    institutions: Option<String>,
    phrase: String,
}

/// The status phrase at `lines[i]`: institutions glued to it ("LM, IeM Uzdevums ir"), alone on
/// the line before it ("ĀM" / "Uzdevums ir"), or, with none printed, a narrow line opening the
/// indicator column (nothing wider follows on the page).
fn status_at(lines: &[&PdfLine], i: usize) -> Option<StatusAt> {
    let line = lines[i];
    let only_codes = |text: &str| {
        !text.is_empty()
            && split_institutions(text)
                .iter()
                .all(|e| is_institution_code(e))
    };
    if let Some(c) = STATUS.captures(&line.text) {
        let codes = c[1].trim();
        let phrase = c[2].to_string();
        if only_codes(codes) {
            return Some(StatusAt {
                line: i,
                lines: 1,
                institutions: Some(codes.to_string()),
                phrase,
            });
        }
        let last_on_page = lines[i..].iter().all(|l| l.width <= NARROW);
        if codes.is_empty() && line.width <= NARROW && last_on_page {
            return Some(StatusAt {
                line: i,
                lines: 1,
                institutions: None,
                phrase,
            });
        }
    }
    let next = lines.get(i + 1)?;
    (line.width <= NARROW && only_codes(&line.text) && next.text.starts_with("Uzdevum")).then(
        || StatusAt {
            line: i,
            lines: 2,
            institutions: Some(line.text.clone()),
            phrase: next.text.clone(),
        },
    )
}

/// Reads a printed row into its columns.
///
/// On every page a row's columns come one after another: the title's lines, the deadline glued
/// to the first progress line, the progress lines, the institutions glued to the status phrase,
/// the indicators' lines. A column goes on to the next page only when it filled this one: when it
/// is about as tall as the tallest column. So on a later page the narrow lines before the first
/// wide one continue the title only if the title was that tall, and the narrow lines after the
/// last wide one (up to a paragraph break) continue the indicators only if they were;
/// otherwise they are a progress paragraph's last line.
fn read_columns(printed: &PrintedRow) -> Row {
    let mut row = Row {
        id: printed.id.clone(),
        direction: printed.direction.clone(),
        first: printed.first,
        last: printed.lines.last().map_or(printed.first, |l| l.number),
        ..Row::default()
    };
    if !printed.head.is_empty() {
        row.title.push(printed.head.clone());
    }
    let mut pages: Vec<Vec<&PdfLine>> = vec![Vec::new()];
    for &line in &printed.lines {
        if line.new_page && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
        }
        pages.last_mut().expect("one page").push(line);
    }
    // The columns that may go on: all of them at the row's top.
    let mut open = Columns {
        title: true,
        progress: true,
        indicators: true,
    };
    for (index, page) in pages.iter().enumerate() {
        let heights = read_page(&mut row, page, index == 0, open);
        let tallest = heights.title.max(heights.progress).max(heights.indicators);
        let filled = |h: usize| h + SHORTER_BY >= tallest;
        // A column not started yet may still start.
        open = Columns {
            title: filled(heights.title),
            progress: row.progress.is_empty() || filled(heights.progress),
            indicators: row.indicators.is_empty() || filled(heights.indicators),
        };
        if !(open.title || open.progress || open.indicators) {
            open = Columns {
                title: true,
                progress: true,
                indicators: true,
            };
        }
    }
    row
}

/// "2013.gads Valsts policija…": the deadline cell glued to the progress text's first line, or
/// alone on its line. A narrow line with more words ("regulāri veikt") is a title line.
fn deadline_at(line: &PdfLine) -> Option<(String, &str)> {
    let m = DEADLINE.captures(&line.text)?;
    let rest = line.text[m.get(0)?.end()..].trim();
    (rest.is_empty() || line.width > NARROW).then(|| (m[1].to_string(), rest))
}

/// Assigns one page's lines of a row to its columns, given the columns that may continue from
/// the page before; returns how tall each column is on this page.
fn read_page(
    row: &mut Row,
    page: &[&PdfLine],
    first_page: bool,
    open: Columns<bool>,
) -> Columns<usize> {
    let mut heights = Columns {
        title: usize::from(first_page),
        ..Columns::default()
    };
    let status = (0..page.len()).find_map(|i| status_at(page, i));
    let before_status = status.as_ref().map_or(page.len(), |s| s.line);
    let mut k = 0;
    if open.title {
        k = page[..before_status]
            .iter()
            .position(|l| l.width > NARROW || deadline_at(l).is_some())
            .unwrap_or(before_status);
        for line in &page[..k] {
            row.title.push(line.text.clone());
        }
        heights.title += k;
    }
    if row.deadline.is_none() && row.progress.is_empty() && k < before_status {
        if let Some((deadline, rest)) = deadline_at(page[k]) {
            row.deadline = Some(deadline);
            push_progress(row, page[k], rest);
            heights.progress += 1;
            k += 1;
        }
    }
    // The progress column, then the indicators: after the status phrase or, on a later page,
    // the narrow lines that end the page when the indicator column filled the page before.
    let indicators_from = match &status {
        Some(s) => s.line,
        None if !open.progress => k,
        None if open.indicators && !row.indicators.is_empty() => {
            let mut from = page.len();
            while from > k
                && page[from - 1].width <= NARROW
                && (from == page.len() || !page[from].gap_before)
            {
                from -= 1;
            }
            from
        }
        None => page.len(),
    };
    for (i, &line) in page[k..indicators_from].iter().enumerate() {
        let gap = i > 0 && line.gap_before;
        heights.progress += 1 + usize::from(gap);
        push_progress(row, line, &line.text);
    }
    if let Some(s) = &status {
        if s.institutions.is_some() {
            row.institutions = s.institutions.clone();
        }
        row.indicators.push(s.phrase.clone());
        heights.indicators += s.lines;
    }
    let indicators = status.map_or(indicators_from, |s| s.line + s.lines);
    for line in &page[indicators..] {
        row.indicators.push(line.text.clone());
        heights.indicators += 1;
    }
    heights
}

/// Adds a progress line: it opens a paragraph after a paragraph break (not the one a page
/// break brings) or when it opens a list item.
fn push_progress(row: &mut Row, line: &PdfLine, text: &str) {
    if text.is_empty() {
        return;
    }
    let opens = !row.progress.is_empty()
        && ((line.gap_before && !line.new_page) || list_marker(text).is_some());
    row.progress.push((text.to_string(), opens));
}

fn to_measures(doc: &PdfDoc, rows: Vec<Row>, plan: &mut Plan, diagnostics: &mut Vec<Diagnostic>) {
    let titles: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.id.clone(), doc.join(r.title.iter().map(String::as_str))))
        .collect();
    for (row, (_, title)) in rows.into_iter().zip(&titles) {
        // A row numbered under another ("13.2" under "13", "10.1.1" under "10.1") is its part.
        let parent = titles
            .iter()
            .filter(|(id, _)| row.id.starts_with(&format!("{id}.")))
            .max_by_key(|(id, _)| id.len());
        let heading =
            row.deadline.is_none() && row.progress.is_empty() && row.indicators.is_empty();
        if heading {
            // A heading of the rows numbered under it (10 → 10.1 → 10.1.1): no record of its own.
            if !titles
                .iter()
                .any(|(id, _)| id.starts_with(&format!("{}.", row.id)))
            {
                diagnostics.push(Diagnostic::warning(
                    &doc.file,
                    row.first,
                    format!(
                        "task {}: a row with only a title and no rows under it",
                        row.id
                    ),
                ));
            }
            continue;
        }
        let status_text_full = doc.join(row.indicators.iter().map(String::as_str));
        let (status_text, indicator) = match status_text_full.split_once(':') {
            Some((s, r)) => (
                s.trim().to_string(),
                Some(r.trim().to_string()).filter(|r| !r.is_empty()),
            ),
            None => (status_text_full.trim().to_string(), None),
        };
        let mut status = Status::from_text(&status_text);
        if status.is_none() && !status_text.is_empty() {
            // Words inside the phrase ("Uzdevums 2009.gadā un 2010.gadā ir izpildīts"): the
            // status is the phrase the text ends with.
            let words: Vec<&str> = status_text.split(' ').collect();
            status = (1..words.len()).find_map(|k| Status::from_text(&words[k..].join(" ")));
            if status.is_some() {
                diagnostics.push(Diagnostic::warning(
                    &doc.file,
                    row.first,
                    format!(
                        "task {}: status phrase with extra words: {status_text}",
                        row.id
                    ),
                ));
            }
        }
        if status.is_none() {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                row.first,
                format!(
                    "task {}: no status phrase (\"Uzdevums … izpildīts\")",
                    row.id
                ),
            ));
        }
        let institutions = row
            .institutions
            .as_deref()
            .map(split_institutions)
            .unwrap_or_default();
        if institutions.is_empty() {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                row.first,
                format!("task {}: no responsible institution", row.id),
            ));
        }
        let progress = paragraphs(doc, &row.progress);
        plan.measures.push(Measure {
            id: row.id.clone(),
            parent: parent.map(|(id, _)| id.clone()),
            parent_title: parent.map(|(_, t)| t.clone()),
            direction: row.direction,
            title: title.clone(),
            indicator,
            responsible: institutions.iter().take(1).cloned().collect(),
            co_responsible: institutions.iter().skip(1).cloned().collect(),
            deadline: Deadline::parse(row.deadline.as_deref().unwrap_or("")),
            status,
            status_text: Some(status_text).filter(|s| !s.is_empty()),
            description: Some(progress).filter(|p| !p.is_empty()),
            source_lines: (row.first, row.last),
            ..Measure::default()
        });
    }
}

/// Progress lines unwrapped into paragraphs, one a line.
fn paragraphs(doc: &PdfDoc, lines: &[(String, bool)]) -> String {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for (text, opens) in lines {
        match paragraphs.last_mut() {
            Some(paragraph) if !opens => paragraph.push(text),
            _ => paragraphs.push(vec![text]),
        }
    }
    paragraphs
        .into_iter()
        .map(|p| doc.join(p))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use std::ops::RangeInclusive;

    const SEED: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/003_813af1619364791d.txt"
    ));

    fn read(text: &str) -> (Plan, Vec<Diagnostic>) {
        let (doc, mut diagnostics) = PdfDoc::parse("003.txt", text);
        let (plan, found) = extract(&doc, "programma");
        diagnostics.extend(found);
        (plan, diagnostics)
    }

    /// The report with only the lines in `keep` left, the others emptied so that line numbers
    /// stay those of the seed.
    fn excerpt(keep: &[RangeInclusive<usize>]) -> String {
        SEED.split('\n')
            .enumerate()
            .map(|(i, line)| {
                if keep.iter().any(|r| r.contains(&(i + 1))) {
                    line
                } else {
                    ""
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The start of the abbreviation list (lines 1–9), the annex heading (3015), the direction
    /// heading at `direction` and the rows on `rows`.
    fn annex(direction: usize, rows: RangeInclusive<usize>) -> String {
        excerpt(&[1..=9, 3015..=3015, direction..=direction, rows])
    }

    /// Line `n` of `text` replaced by `by`.
    fn with_line(text: &str, n: usize, by: &str) -> String {
        text.split('\n')
            .enumerate()
            .map(|(i, line)| if i + 1 == n { by } else { line })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.measures.iter().map(|m| m.id.as_str()).collect()
    }

    fn task<'p>(plan: &'p Plan, id: &str) -> &'p Measure {
        plan.measures
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("no task {id}"))
    }

    fn warned(diagnostics: &[Diagnostic], line: usize, words: &str) -> bool {
        diagnostics
            .iter()
            .any(|d| d.line == line && d.severity == Severity::Warning && d.message.contains(words))
    }

    /// Tasks 8 and 9 (direction II, lines 3812–3940): each on one page.
    const TASKS_8_9: RangeInclusive<usize> = 3812..=3940;

    #[test]
    fn annex_rows_with_interleaved_columns() {
        let (plan, diagnostics) = read(&annex(3392, TASKS_8_9));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(plan.abbreviations.len(), 3);
        assert_eq!(plan.directions[0].id, "II");
        assert_eq!(plan.directions[0].title, "Normatīvo aktu pilnveidošana");
        assert_eq!(ids(&plan), ["8", "9"]);
        let eight = task(&plan, "8");
        assert!(eight
            .title
            .starts_with("Izvērtēt nepieciešamību veikt grozījumus normatīvajos aktos, lai"));
        assert!(eight
            .title
            .ends_with("termiņuzturēšanās atļaujas izsniegšanu iesniegšanas"));
        assert_eq!(eight.deadline.raw, "2010.gads");
        assert_eq!(eight.responsible, ["LM"]);
        assert_eq!(eight.co_responsible, ["IeM"]);
        assert_eq!(eight.status, Some(Status::Done));
        assert_eq!(eight.status_text.as_deref(), Some("Uzdevums ir izpildīts"));
        let description = eight.description.as_deref().unwrap();
        assert!(description.starts_with("2009.gada 1.decembrī stājās spēkā grozījumi"));
        assert!(description.ends_with("pakalpojumu saņemšanai."));
        assert_eq!(eight.indicator.as_deref(), Some("ir veikts izvērtējums"));
        assert_eq!(eight.source_lines, (3812, 3878));
        let nine = task(&plan, "9");
        assert_eq!(
            nine.indicator.as_deref(),
            Some("likuma projekts izstrādāts, stājies spēkā 07.10.2009.")
        );
        assert!(nine
            .description
            .as_deref()
            .unwrap()
            .ends_with("euro. [stājies spēkā 07.10.2009.]"));
    }

    #[test]
    fn an_added_task_row_is_read() {
        let added = "9.  Izvērtēt praksi \n\nregulāri Tika izvērtēta prakse visās iestādēs, kuras nodarbojas ar upuriem. \n\n\
IEM Uzdevums izpildīts daļēji: \n\nprakse izvērtēta \n\n10.  Izstrādāt likuma ";
        let text = annex(3392, TASKS_8_9).replace("9.  Izstrādāt likuma ", added);
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(ids(&plan), ["8", "9", "10"]);
        let added = task(&plan, "9");
        assert_eq!(added.title, "Izvērtēt praksi");
        assert_eq!(added.status, Some(Status::PartlyDone));
        assert_eq!(added.responsible, ["IEM"]);
        assert_eq!(added.deadline.raw, "regulāri");
        assert_eq!(added.indicator.as_deref(), Some("prakse izvērtēta"));
        assert!(task(&plan, "10")
            .title
            .starts_with("Izstrādāt likuma projektu"));
    }

    #[test]
    fn a_status_without_institutions_is_read_and_reported() {
        let text = annex(3392, TASKS_8_9).replace("LM, IeM Uzdevums ir ", "Uzdevums ir ");
        let (plan, diagnostics) = read(&text);
        let eight = task(&plan, "8");
        assert_eq!(eight.status, Some(Status::Done));
        assert_eq!(eight.indicator.as_deref(), Some("ir veikts izvērtējums"));
        assert!(eight.responsible.is_empty());
        assert!(eight
            .description
            .as_deref()
            .unwrap()
            .ends_with("pakalpojumu saņemšanai."));
        assert!(warned(
            &diagnostics,
            3812,
            "task 8: no responsible institution"
        ));
    }

    /// Task 14 (direction III): on its second page the title, the progress text and the
    /// indicators each go on, the indicators ("noteikumi Nr.618 (stājās spēkā 12.08.2011.)")
    /// right after a progress line that ends a sentence.
    const TASK_14: RangeInclusive<usize> = 5790..=5847;

    #[test]
    fn an_indicator_cell_continued_on_the_next_page_stays_whole() {
        let (plan, diagnostics) = read(&annex(3942, TASK_14));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "14");
        assert_eq!(
            row.title,
            "Uzlabot komersantu, kas sniedz darbiekārtošanas pakalpojumus, kontroli un uzraudzību"
        );
        assert_eq!(
            row.indicator.as_deref(),
            Some("MK 09.08.2011. noteikumi Nr.618 (stājās spēkā 12.08.2011.)")
        );
        let description = row.description.as_deref().unwrap();
        assert!(description.starts_with("Pamatojoties uz 2011.gada 23.februāra"));
        assert!(description.ends_with("nelegālas nodarbinātības vai krāpniecības risku."));
        assert!(description.contains("saskaņā ar Programmas” 14.punktā"));
    }

    #[test]
    fn a_renumbered_task_with_shorter_cells_on_its_second_page() {
        let text = annex(3942, TASK_14).replace("15. 14. Uzlabot", "32. 31. Uzlabot");
        // The title's and the indicators' last lines on the second page removed.
        let text = with_line(&with_line(&text, 5809, ""), 5847, "");
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "31");
        assert_eq!(
            row.title,
            "Uzlabot komersantu, kas sniedz darbiekārtošanas pakalpojumus, kontroli"
        );
        assert_eq!(
            row.indicator.as_deref(),
            Some("MK 09.08.2011. noteikumi Nr.618 (stājās spēkā")
        );
        assert!(row
            .description
            .as_deref()
            .unwrap()
            .ends_with("krāpniecības risku."));
    }

    /// Task 26 (direction V): its title ends on the first page; the second page opens with the
    /// last line of a progress paragraph ("analīzes veikšanu."), narrow like a title line.
    const TASK_26: RangeInclusive<usize> = 7615..=7779;

    #[test]
    fn a_progress_line_carried_to_the_next_page_stays_in_the_progress() {
        let (plan, diagnostics) = read(&annex(7120, TASK_26));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "26");
        assert!(row
            .title
            .starts_with("Veikt riska analīzi par noziedzīgiem nodarījumiem"));
        assert!(row
            .title
            .ends_with("tajā skaitā cilvēku nelikumīgas pārvadāšanas novēršanu"));
        let description = row.description.as_deref().unwrap();
        assert!(description.contains(
            "veicot personāla apmācības par riska analīzes veikšanu.\nLai nodrošinātu nepārtrauktu"
        ));
        assert!(description.ends_with("attiecīgajiem Valsts robežsardzes dienestiem."));
        assert_eq!(
            row.indicator.as_deref(),
            Some("pamatojoties uz riska novērtējumiem, kas tiek izstrādāti nacionālā un starptautiskā līmenī, tiek izstrādāti priekšlikumi")
        );
    }

    #[test]
    fn a_carried_progress_line_without_a_paragraph_break_after_a_shorter_title() {
        let text = annex(7120, TASK_26).replace(" 27. 26. Veikt", " 27. 12. Veikt");
        // The title's last four lines and the paragraph break after the carried line removed.
        let text = (7633..=7639)
            .chain([7741])
            .fold(text, |text, n| with_line(&text, n, ""));
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "12");
        assert!(row.title.ends_with("un sniegt priekšlikumus par"));
        assert!(row
            .description
            .as_deref()
            .unwrap()
            .contains("par riska analīzes veikšanu. Lai nodrošinātu"));
    }

    /// Task 11 (direction III): the indicators end at the foot of the first page ("40"); the
    /// next page's text, not indented, is progress.
    const TASK_11: RangeInclusive<usize> = 4191..=4667;

    #[test]
    fn a_page_number_ends_the_page_of_an_indicator_cell() {
        let (plan, diagnostics) = read(&annex(3942, TASK_11));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "11");
        assert_eq!(
            row.indicator.as_deref(),
            Some("īstenoti informatīvie pasākumi")
        );
        let description = row.description.as_deref().unwrap();
        assert!(description.contains(
            "ļoti augsts Īrijā, Latvijas vēstniecība Īrijā ir iniciējusi divas publikācijas"
        ));
        assert!(description.ends_with("14 zēnu un meiteņu grupās visā Latvijā."));
        assert!(description.len() > 10_000);
    }

    #[test]
    fn a_shorter_indicator_cell_and_another_page_number() {
        let text = with_line(&annex(3942, TASK_11), 4271, "izpildīts: īstenoti pasākumi ");
        let text = with_line(&with_line(&text, 4273, ""), 4275, "");
        let text = with_line(&text, 4282, "41 ");
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let row = task(&plan, "11");
        assert_eq!(row.indicator.as_deref(), Some("īstenoti pasākumi"));
        assert_eq!(
            row.description,
            task(&read(&annex(3942, TASK_11)).0, "11").description
        );
    }

    /// Task 13 (direction III) with its text and its parts 13.1–13.3.
    const TASK_13: RangeInclusive<usize> = 4727..=5349;

    #[test]
    fn rows_numbered_under_a_task_are_its_parts() {
        let (plan, diagnostics) = read(&annex(3942, TASK_13));
        assert_eq!(ids(&plan), ["13", "13.1", "13.2", "13.3"]);
        let whole = task(&plan, "13");
        assert_eq!(whole.parent, None);
        assert!(whole
            .description
            .as_deref()
            .unwrap()
            .starts_with("15.11.2010. Rīgā apmācību/pieredzes apmaiņas video konference"));
        for part in ["13.1", "13.2", "13.3"] {
            assert_eq!(task(&plan, part).parent.as_deref(), Some("13"));
            assert_eq!(task(&plan, part).parent_title, Some(whole.title.clone()));
        }
        assert!(whole.title.ends_with("prasmes atpazīt iespējamos upurus:"));
        assert_eq!(task(&plan, "13.2").responsible, ["AM"]);
        // Task 13 itself names no institution or status: reported, nothing else.
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        assert!(warned(&diagnostics, 4727, "no status phrase"));
    }

    #[test]
    fn a_dropped_part_and_a_dropped_task_leave_the_rest_in_place() {
        // 13.1 (lines 5123–5251) dropped: 13.2 still opens its own row under 13.
        let text = excerpt(&[1..=9, 3015..=3015, 3942..=3942, 4727..=5122, 5252..=5349]);
        let (plan, diagnostics) = read(&text);
        assert_eq!(ids(&plan), ["13", "13.2", "13.3"]);
        assert_eq!(task(&plan, "13.2").parent.as_deref(), Some("13"));
        assert!(task(&plan, "13.2")
            .title
            .starts_with("Veikt militārā personāla"));
        assert!(warned(&diagnostics, 5253, "task 13.2 follows task 13"));
        // Task 12 (lines 4671–4719) dropped between 11 and 13.
        let text = excerpt(&[1..=9, 3015..=3015, 3942..=3942, 4191..=4670, 4720..=5279]);
        let (plan, diagnostics) = read(&text);
        assert_eq!(ids(&plan), ["11", "13", "13.1", "13.2"]);
        assert!(task(&plan, "11")
            .description
            .as_deref()
            .unwrap()
            .ends_with("grupās visā Latvijā."));
        assert!(warned(&diagnostics, 4727, "task 13 follows task 11"));
    }

    /// The whole report: every id, and values checked by reading the source.
    #[test]
    fn the_trafficking_report_seed() {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/003_813af1619364791d.txt"
        ))
        .expect("seed");
        let (plan, diagnostics) = read(&source);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != crate::diagnostics::Severity::Error),
            "{diagnostics:?}"
        );
        let mut expected: Vec<String> = (1..=9).map(|n| n.to_string()).collect();
        expected.extend(["10.1.1", "10.1.2", "10.1.3", "10.2", "11", "12", "13"].map(String::from));
        expected.extend((1..=4).map(|n| format!("13.{n}")));
        expected.extend((14..=26).map(|n| n.to_string()));
        assert_eq!(ids(&plan), expected);
        let directions: Vec<&str> = plan.directions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(directions, ["I", "II", "III", "IV", "V"]);
        assert_eq!(plan.directions[1].title, "Normatīvo aktu pilnveidošana");
        let task = |id: &str| plan.measures.iter().find(|m| m.id == id).expect(id);
        assert_eq!(task("1").status, Some(Status::PartlyDone));
        assert_eq!(task("1").deadline.raw, "2013.gads");
        assert_eq!(task("5").responsible, ["LM"]);
        assert_eq!(task("5").co_responsible, ["IzM", "IeM"]);
        assert_eq!(task("10.1.1").parent.as_deref(), Some("10.1"));
        assert_eq!(task("10.2").parent.as_deref(), Some("10"));
        for part in ["13.1", "13.2", "13.3", "13.4"] {
            assert_eq!(task(part).parent.as_deref(), Some("13"));
        }
        // Cells that go on to the next page (tasks 1, 5, 14, 19, 22) and pages that go on with
        // the progress text only (tasks 11, 26).
        assert!(task("1")
            .indicator
            .as_deref()
            .is_some_and(|r| r.ends_with("iestāžu darbības novērtēšanas pārskati")));
        assert!(task("5")
            .indicator
            .as_deref()
            .is_some_and(|r| r.ends_with("pieņemts pirmajā lasījumā Saeimā")));
        assert_eq!(
            task("14").indicator.as_deref(),
            Some("MK 09.08.2011. noteikumi Nr.618 (stājās spēkā 12.08.2011.)")
        );
        assert!(task("19")
            .indicator
            .as_deref()
            .is_some_and(|r| r.ends_with("2013.gadā – 33 personām.")));
        assert!(task("22")
            .indicator
            .as_deref()
            .is_some_and(|r| r.starts_with("ierosināti kriminālprocesi laika posmā no 2009.gada")));
        assert_eq!(
            task("11").indicator.as_deref(),
            Some("īstenoti informatīvie pasākumi")
        );
        assert!(task("26").title.ends_with("pārvadāšanas novēršanu"));
        // The column is "Rezultatīvie rādītāji": indicators, as in every plan; no result column.
        assert!(plan.measures.iter().all(|m| m.result.is_none()));
        assert_eq!(
            plan.measures
                .iter()
                .filter(|m| m.indicator.is_some())
                .count(),
            29
        );
        // A word wrapped inside the indicator cell, glued to a date ("31.10.2006.noteikum" + "os").
        assert!(task("6").indicator.as_deref().is_some_and(
            |r| r.starts_with("Grozījumi Ministru kabineta 31.10.2006.noteikumos Nr.889")
        ));
        for m in &plan.measures {
            let description = m.description.as_deref().unwrap_or_default();
            for stray in [
                "Saeimā",
                "noteikumi Nr.618 (stājās spēkā 12.08.2011.)",
                "pārskati",
            ] {
                assert!(!description.ends_with(stray), "{}: {description}", m.id);
            }
        }
        assert_eq!(task("10.1.1").status, Some(Status::PartlyDone));
        assert_eq!(task("14").direction, "III");
        assert_eq!(task("15").direction, "IV");
        assert_eq!(task("26").direction, "V");
        assert!(task("12")
            .title
            .ends_with("ja tiek pārkāptas viņa tiesības utt."));
        assert!(plan
            .measures
            .iter()
            .all(|m| !m.title.contains("Kozlovskis")));
        let chapters: Vec<&str> = plan.chapters.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(chapters, ["I", "II", "III", "IV", "V"]);
        assert_eq!(plan.abbreviations.len(), 42);
        let code = |c: &str| {
            plan.abbreviations
                .iter()
                .find(|a| a.code == c)
                .map(|a| a.name.as_str())
        };
        assert_eq!(code("ES"), Some("Eiropas Savienība"));
        assert_eq!(
            code("Patvērums „Drošā māja”"),
            Some("Biedrība „Patvērums „Drošā māja””")
        );
        assert_eq!(
            code("CBSS TF-THB"),
            Some("Baltijas jūras valstu padomes Darba grupa cīņai pret cilvēku tirdzniecību")
        );
    }
}
