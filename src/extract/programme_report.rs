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
//!   lines, the institutions glued to the status ("LM, IeM Uzdevums ir") and the narrow result
//!   lines. On each new page the columns continue in the same order. Rows with only a title are
//!   headings of the rows numbered under them (10 → 10.1 → 10.1.1).

use crate::diagnostics::Diagnostic;
use crate::extract::{institutions::split_institutions, plan_of};
use crate::model::{Abbreviation, Chapter, Deadline, Direction, Measure, Plan, Status, TextBlock};
use crate::read::pdf::{PdfDoc, PdfLine};
use crate::read::word::collapse_spaces;
use crate::text::{is_code_word, is_institution_code};
use regex::Regex;
use std::sync::LazyLock;

/// Lines at most this wide belong to a narrow column (task, results); progress lines are wider.
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

/// A row start at line `line`, given the ids read so far: the row's id and its title text.
fn row_start(line: &PdfLine, previous: Option<&str>, next_task: u32) -> Option<(String, String)> {
    if let Some(c) = TWO_NUMBERS.captures(&line.spaced) {
        if c[2].parse::<u32>().ok() == Some(next_task) {
            return Some((c[2].to_string(), c[3].to_string()));
        }
    }
    let c = ROW.captures(&line.spaced)?;
    let id = c[1].trim_end_matches('.').to_string();
    let expected: Vec<String> = match previous {
        // The first row: an excerpt may start at any task.
        None => vec![id.clone()],
        Some(prev) => {
            let parts: Vec<u32> = prev.split('.').filter_map(|p| p.parse().ok()).collect();
            let mut options = vec![format!("{prev}.1")];
            for depth in (1..=parts.len()).rev() {
                let mut next = parts[..depth].to_vec();
                next[depth - 1] += 1;
                options.push(
                    next.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join("."),
                );
            }
            options
        }
    };
    expected
        .contains(&id)
        .then(|| (id, c.get(2).map_or("", |m| m.as_str()).to_string()))
}

/// A row being read, column by column.
#[derive(Default)]
struct Row<'a> {
    id: String,
    direction: String,
    title: Vec<String>,
    deadline: Option<String>,
    progress: Vec<&'a str>,
    institutions: Option<String>,
    status: Vec<&'a str>,
    first: usize,
    last: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Progress,
    Results,
}

fn annex_tasks(doc: &PdfDoc, start: usize, plan: &mut Plan, diagnostics: &mut Vec<Diagnostic>) {
    let lines = &doc.lines;
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Option<Row> = None;
    let mut column = Column::Title;
    let mut i = start + 1;
    // The table starts at the first direction heading; before it are the annex's introduction,
    // the signature block and the column headings.
    while i < lines.len() && !DIRECTION.is_match(&lines[i].text) {
        i += 1;
    }
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        let previous = current.as_ref().or(rows.last()).map(|r| r.id.as_str());
        let next_task = previous
            .and_then(|p| p.split('.').next())
            .and_then(|p| p.parse::<u32>().ok())
            .map_or(1, |n| n + 1);
        if let Some(c) = DIRECTION.captures(&line.text) {
            // Directions follow in order; an excerpt may start at any of them.
            let expected = plan
                .directions
                .last()
                .map(|d| roman_after(&d.id))
                .is_none_or(|next| next == c[1]);
            if expected {
                rows.extend(current.take());
                plan.directions.push(Direction {
                    id: c[1].to_string(),
                    title: doc.mend_spacing(c[2].trim()),
                    line: line.number,
                });
                continue;
            }
        }
        if let Some((id, title)) = row_start(line, previous, next_task) {
            rows.extend(current.take());
            let mut row = Row {
                id,
                direction: plan
                    .directions
                    .last()
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                first: line.number,
                last: line.number,
                ..Row::default()
            };
            if !title.is_empty() {
                row.title.push(collapse_spaces(&title));
            }
            column = Column::Title;
            current = Some(row);
            continue;
        }
        let Some(row) = current.as_mut() else {
            diagnostics.push(Diagnostic::warning(
                &doc.file,
                line.number,
                format!("text in the annex outside any task row: {}", line.text),
            ));
            continue;
        };
        row.last = line.number;
        if line.new_page {
            column = Column::Title;
        }
        let narrow = line.width <= NARROW;
        if column == Column::Title {
            if row.deadline.is_none() {
                if let Some(m) = DEADLINE.captures(&line.text) {
                    row.deadline = Some(m[1].to_string());
                    let rest = line.text[m.get(0).expect("match").end()..].trim();
                    if !rest.is_empty() {
                        row.progress.push(rest);
                    }
                    column = Column::Progress;
                    continue;
                }
            }
            let follows_wide = lines[i..]
                .iter()
                .take_while(|l| !l.new_page)
                .any(|l| l.width > NARROW);
            if narrow && (follows_wide || row.status.is_empty()) {
                row.title.push(line.text.clone());
                continue;
            }
            column = Column::Progress;
        }
        if column == Column::Progress {
            if let Some(c) = STATUS.captures(&line.text) {
                let codes = c[1].trim();
                let only_codes = !codes.is_empty()
                    && split_institutions(codes)
                        .iter()
                        .all(|e| is_institution_code(e));
                let bare_status = codes.is_empty() && narrow && row.institutions.is_some();
                if only_codes || bare_status {
                    if only_codes {
                        row.institutions = Some(codes.to_string());
                    }
                    row.status.push(c.get(2).expect("group").as_str());
                    column = Column::Results;
                    continue;
                }
            }
            // An institution alone on its line, its status on the next ("ĀM" / "Uzdevums ir").
            let next_is_status = lines.get(i).is_some_and(|l| l.text.starts_with("Uzdevum"));
            if narrow
                && next_is_status
                && split_institutions(&line.text)
                    .iter()
                    .all(|e| is_institution_code(e))
            {
                row.institutions = Some(line.text.clone());
                continue;
            }
            let after_wide = lines[..i - 1]
                .last()
                .is_some_and(|l| l.width > NARROW && !line.new_page);
            let wide_follows = lines[i..]
                .iter()
                .take_while(|l| !l.new_page && ROW.captures(&l.spaced).is_none())
                .any(|l| l.width > NARROW);
            if narrow && !row.status.is_empty() && !after_wide && !wide_follows {
                row.status.push(&line.text);
                column = Column::Results;
                continue;
            }
            row.progress.push(&line.text);
            continue;
        }
        row.status.push(&line.text);
    }
    rows.extend(current.take());
    to_measures(doc, rows, plan, diagnostics);
}

fn to_measures(doc: &PdfDoc, rows: Vec<Row>, plan: &mut Plan, diagnostics: &mut Vec<Diagnostic>) {
    let headings: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r.deadline.is_none() && r.progress.is_empty() && r.status.is_empty())
        .map(|r| (r.id.clone(), doc.join(r.title.iter().map(String::as_str))))
        .collect();
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    for row in rows {
        let title = doc.join(row.title.iter().map(String::as_str));
        if headings.iter().any(|(id, _)| *id == row.id) {
            if !ids.iter().any(|id| id.starts_with(&format!("{}.", row.id))) {
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
        let parent = headings
            .iter()
            .filter(|(id, _)| row.id.starts_with(&format!("{id}.")))
            .max_by_key(|(id, _)| id.len());
        let status_text_full = doc.join(row.status.iter().copied());
        let (status_text, result) = match status_text_full.split_once(':') {
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
        let progress = paragraphs_of(doc, &row.progress);
        plan.measures.push(Measure {
            id: row.id.clone(),
            parent: parent.map(|(id, _)| id.clone()),
            parent_title: parent.map(|(_, t)| t.clone()),
            direction: row.direction,
            title,
            result,
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

/// Progress lines unwrapped into paragraphs joined with blank lines.
fn paragraphs_of(doc: &PdfDoc, texts: &[&str]) -> String {
    doc.join(texts.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Plan, Vec<Diagnostic>) {
        let (doc, mut diagnostics) = PdfDoc::parse("003.txt", text);
        let (plan, found) = extract(&doc, "programma");
        diagnostics.extend(found);
        (plan, diagnostics)
    }

    /// The annex's start and tasks 8–9 (003, lines 3015–3940, shortened, blank lines dropped),
    /// with a page break inside task 8.
    fn annex(extra_row: &str) -> String {
        format!(
            " IZMANTOTIE SAĪSINĀJUMI \nLM Labklājības ministrija \nIEM Iekšlietu ministrija \n\
 VI. PIELIKUMS: PROGRAMMAS UZDEVUMU IZPILDES GAITA \n\
 Tabulā ir apkopota visaptveroša informācija. \n\
Iekšlietu ministrs                 R.Kozlovskis \n\
 Nr. \np.k \nUzdevumi \n\
II Normat īvo aktu pilnveidošana  \n\
8.  Izvērtēt nepieciešamību \nveikt grozījumus \n\
2010.gads 2009.gada 1.decembrī stājās spēkā grozījumi Sociālo pakalpojumu un sociālās \n\
palīdzības likumā, kas paredz sociālās rehabilitācijas pakalpojumu upuriem. \n\
LM, IeM Uzdevums ir \nizpildīts: ir veikts \n normatīvajos aktos \n\
Labklājības ministrija izvērtēja normatīvo aktu prasības un konstatēja, ka tās ir \n\
pietiekamas sociālās rehabilitācijas pakalpojumu un sociālās palīdzības \n\
saņemšanai. \nizvērtējums \npar upuru \n\
{extra_row}\
9.  Izstrādāt likuma \nprojektu \n\
2010.gads 03.09.2009. likums „Grozījumi Latvijas Administratīvo pārkāpumu kodeksā”, ar \n\
kuru noteikta atbildība par normatīvo aktu normatīvajos aktos pārkāpumiem. \n\
LM Uzdevums ir \nizpildīts: likuma \ngrozījumi pieņemti \n"
        )
    }

    #[test]
    fn annex_rows_with_interleaved_columns_and_a_page_break() {
        let (plan, diagnostics) = read(&annex(""));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(plan.abbreviations.len(), 2);
        assert_eq!(plan.directions[0].id, "II");
        assert_eq!(plan.directions[0].title, "Normatīvo aktu pilnveidošana");
        let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["8", "9"]);
        let eight = &plan.measures[0];
        assert_eq!(
            eight.title,
            "Izvērtēt nepieciešamību veikt grozījumus normatīvajos aktos"
        );
        assert_eq!(eight.deadline.raw, "2010.gads");
        assert_eq!(eight.responsible, ["LM"]);
        assert_eq!(eight.co_responsible, ["IeM"]);
        assert_eq!(eight.status, Some(Status::Done));
        assert_eq!(eight.status_text.as_deref(), Some("Uzdevums ir izpildīts"));
        assert!(eight
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("2009.gada 1.decembrī") && d.ends_with("saņemšanai.")));
        assert!(eight
            .result
            .as_deref()
            .is_some_and(|r| r == "ir veikts izvērtējums par upuru"));
        assert_eq!(
            plan.measures[1].result.as_deref(),
            Some("likuma grozījumi pieņemti")
        );
    }

    #[test]
    fn an_added_task_row_is_read() {
        let added = "9.  Izvērtēt praksi \nregulāri Tika izvērtēta prakse visās iestādēs, kuras nodarbojas ar upuriem. \n\
IEM Uzdevums izpildīts daļēji: \nprakse izvērtēta \n";
        let text = annex(added).replace("9.  Izstrādāt", "10.  Izstrādāt");
        let (plan, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["8", "9", "10"]);
        assert_eq!(plan.measures[1].status, Some(Status::PartlyDone));
        assert_eq!(plan.measures[1].responsible, ["IEM"]);
        assert_eq!(plan.measures[1].deadline.raw, "regulāri");
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
        let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
        let mut expected: Vec<String> = (1..=9).map(|n| n.to_string()).collect();
        expected.extend(["10.1.1", "10.1.2", "10.1.3", "10.2", "11", "12", "13"].map(String::from));
        expected.extend((1..=4).map(|n| format!("13.{n}")));
        expected.extend((14..=26).map(|n| n.to_string()));
        assert_eq!(ids, expected);
        let directions: Vec<&str> = plan.directions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(directions, ["I", "II", "III", "IV", "V"]);
        assert_eq!(plan.directions[1].title, "Normatīvo aktu pilnveidošana");
        let task = |id: &str| plan.measures.iter().find(|m| m.id == id).expect(id);
        assert_eq!(task("1").status, Some(Status::PartlyDone));
        assert_eq!(task("1").deadline.raw, "2013.gads");
        assert_eq!(task("5").responsible, ["LM"]);
        assert_eq!(task("5").co_responsible, ["IzM", "IeM"]);
        assert_eq!(task("10.1.1").parent.as_deref(), Some("10.1"));
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
