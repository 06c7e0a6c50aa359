//! A sector strategy in the PDF-text layout (the interior sector strategy 2023–2027).
//!
//! The document, after its introduction, has per policy area ("1. Sabiedriskā kārtība un
//! drošība", followed by a "Prioritārais politikas mērķis" table header) and per priority
//! horizontal goal ("Prioritārais horizontālais mērķis: …"):
//! - an indicator table: the header ends at the line of years ("2023 2024 2025 2026 2027", the
//!   actual year before them); then per goal the goal's name in a narrow left column (areas
//!   only), per indicator its name lines and a line ending with one value per year (the name's
//!   last words may share that line), or one line per institution ("IeM: 92,1 IeM: 92,5% …");
//!   the goal ends with "Iesaistītās iestādes" and the institutions;
//! - action directions ("Rīcības virziens: …", the title may wrap) with "Galvenie uzdevumi:" and
//!   tasks numbered from 1 in each direction. A task ends with its institutions in parentheses;
//!   sub-items ("1.1.", "a.") with their own institutions stay inside the task.
//!
//! Ids: areas "1"–"5" as printed, horizontal goals "H1", "H2" in order; directions numbered in
//! order within their area ("1.2", "H1.3"); tasks `<direction>.<number>`; indicators
//! `<area>.<goal>.<indicator>` by position.

use crate::diagnostics::Diagnostic;
use crate::extract::{institutions::split_institutions, plan_of};
use crate::model::{Area, Direction, Goal, Indicator, IndicatorRow, Measure, Plan};
use crate::read::pdf::{numbered_item, PdfDoc, PdfLine};
use crate::text::{is_institution_code, strip_footnote_markers};
use regex::Regex;
use std::sync::LazyLock;

const AREA_TABLE: &str = "Prioritārais";
const HORIZONTAL: &str = "Prioritārais horizontālais mērķis:";
const DIRECTION: &str = "Rīcības virziens:";
const TASKS: &str = "Galvenie uzdevumi:";
const INSTITUTIONS: &str = "Iesaistītās";
/// Lines of the goal column are at most this wide; an indicator's first line is wider.
const GOAL_COLUMN_WIDTH: usize = 20;

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d\d\b").expect("regex"));
static AREA_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\. (\p{Lu}.*)$").expect("regex"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[+-]?\d[\d,./]*%?|-)(?:\[\^\d+\])?$").expect("regex"));
static INSTITUTION_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Lu}[\p{L}]*(?: \p{Lu}{2,})?):\s*(\S+)").expect("regex"));

/// Reads the strategy.
pub fn extract(doc: &PdfDoc, slug: &str) -> (Plan, Vec<Diagnostic>) {
    let mut reader = Reader {
        doc,
        plan: plan_of(&doc.file, slug),
        diagnostics: Vec::new(),
    };
    reader.read();
    let Reader {
        mut plan,
        mut diagnostics,
        ..
    } = reader;
    plan.footnotes = doc.footnotes.clone();
    if plan.measures.is_empty() {
        diagnostics.push(Diagnostic::error(
            &doc.file,
            0,
            "no \"Rīcības virziens\" with numbered tasks found",
        ));
    }
    (plan, diagnostics)
}

struct Reader<'a> {
    doc: &'a PdfDoc,
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
}

/// What a line starts, seen from the strategy's structure.
#[derive(Debug, PartialEq, Eq)]
enum Start {
    Area(String),
    Horizontal(String),
    Direction(String),
    Other,
}

impl Reader<'_> {
    fn lines(&self) -> &[PdfLine] {
        &self.doc.lines
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(&self.doc.file, line, message));
    }

    /// Classifies line `i`: an area heading is the next area number followed, within three
    /// lines, by the indicator table header.
    fn start(&self, i: usize) -> Start {
        let text = &self.lines()[i].text;
        if let Some(title) = text.strip_prefix(HORIZONTAL) {
            return Start::Horizontal(title.trim().to_string());
        }
        if let Some(title) = text.strip_prefix(DIRECTION) {
            return Start::Direction(title.trim().to_string());
        }
        if let Some(c) = AREA_HEADING.captures(text) {
            // Areas are numbered in order; an excerpt may start at any of them.
            let previous = self.plan.areas.iter().rev().find(|a| !a.horizontal);
            let expected = previous
                .and_then(|a| a.id.parse::<usize>().ok())
                .map(|n| n + 1);
            // The title may wrap once; a numbered line in between means this is a task.
            let header_follows = self.lines()[i + 1..]
                .iter()
                .take(2)
                .take_while(|l| numbered_item(&l.text).is_none())
                .any(|l| l.text.starts_with(AREA_TABLE));
            let number = c[1].parse::<usize>().ok();
            if expected.is_none_or(|e| number == Some(e)) && header_follows {
                return Start::Area(c[1].to_string());
            }
        }
        Start::Other
    }

    fn read(&mut self) {
        self.plan.title = self.title();
        let mut i = 0;
        while i < self.lines().len() {
            i = match self.start(i) {
                Start::Area(id) => self.area(i, id, false),
                Start::Horizontal(_) => {
                    let n = self.plan.areas.iter().filter(|a| a.horizontal).count() + 1;
                    self.area(i, format!("H{n}"), true)
                }
                Start::Direction(_) if self.plan.areas.is_empty() => {
                    self.warn(self.lines()[i].number, "action direction outside any area");
                    i + 1
                }
                Start::Direction(_) => self.direction(i),
                Start::Other => i + 1,
            };
        }
    }

    /// The name the introduction gives the document: the text before "(turpmāk …)" on the
    /// first line that defines the short name.
    fn title(&mut self) -> String {
        let defining = self.lines().iter().take(20).find_map(|l| {
            let end = l.text.find("(turpmāk")?;
            Some(l.text[..end].trim().to_string())
        });
        defining.unwrap_or_else(|| {
            self.warn(
                1,
                "the introduction does not name the document (no \"turpmāk\")",
            );
            String::new()
        })
    }

    /// Reads an area or horizontal goal starting at line `i`: heading, indicator table; returns
    /// the index of the first line after the table.
    fn area(&mut self, i: usize, id: String, horizontal: bool) -> usize {
        let first = &self.lines()[i];
        let mut title_lines = vec![first.text.as_str()];
        let mut j = i + 1;
        if !horizontal {
            while j < self.lines().len() && !self.lines()[j].text.starts_with(AREA_TABLE) {
                title_lines.push(&self.lines()[j].text);
                j += 1;
            }
        }
        let joined = self.doc.join(title_lines);
        let title = match AREA_HEADING.captures(&joined) {
            Some(c) if !horizontal => c[2].to_string(),
            _ => joined
                .strip_prefix(HORIZONTAL)
                .unwrap_or(&joined)
                .trim()
                .to_string(),
        };
        let line = first.number;
        // The header runs to the line naming the target years.
        let Some(years_at) = self.doc.find(j, |l| YEAR.find_iter(&l.text).count() >= 3) else {
            self.warn(line, "indicator table without a line of years");
            return j;
        };
        let years: Vec<String> = self.lines()[j..=years_at]
            .iter()
            .flat_map(|l| YEAR.find_iter(&l.text).map(|m| m.as_str().to_string()))
            .collect();
        let (baseline_year, target_years) = match years.split_first() {
            Some((b, t)) if !t.is_empty() => (b.clone(), t.to_vec()),
            _ => {
                self.warn(
                    line,
                    "indicator table header names no baseline and target years",
                );
                return years_at + 1;
            }
        };
        let end = self
            .doc
            .find(years_at + 1, |l| l.text.starts_with(DIRECTION))
            .unwrap_or(self.lines().len());
        let goals = self.goals(
            years_at + 1..end,
            &id,
            &title,
            horizontal,
            (&baseline_year, &target_years),
        );
        self.plan.areas.push(Area {
            id,
            title,
            horizontal,
            line,
            goals,
            directions: Vec::new(),
        });
        end
    }

    /// The goals and indicators of a table spanning `range`.
    fn goals(
        &mut self,
        range: std::ops::Range<usize>,
        area: &str,
        area_title: &str,
        horizontal: bool,
        (baseline_year, target_years): (&String, &[String]),
    ) -> Vec<Goal> {
        let columns = 1 + target_years.len();
        let mut goals: Vec<Goal> = Vec::new();
        let mut goal_lines: Vec<&PdfLine> = Vec::new();
        let mut name_lines: Vec<String> = Vec::new();
        let mut name_start = 0;
        let mut current: Option<Goal> = None;
        let mut i = range.start;
        let lines = &self.doc.lines;
        let new_goal = |title: String, line: usize| Goal {
            title,
            line,
            indicators: Vec::new(),
            institutions: Vec::new(),
        };
        // The first indicator row opens a goal when none is open: titled by the goal-column
        // lines read so far (a horizontal goal's table has no goal column: the area's title).
        let open_goal =
            |current: &mut Option<Goal>, goal_lines: &mut Vec<&PdfLine>, at_line: usize| {
                if current.is_none() {
                    let title = if horizontal {
                        area_title.to_string()
                    } else {
                        self.doc.join(goal_lines.iter().map(|l| l.text.as_str()))
                    };
                    let at = goal_lines.first().map_or(at_line, |l| l.number);
                    *current = Some(new_goal(title, at));
                    goal_lines.clear();
                }
            };
        while i < range.end {
            let line = &lines[i];
            if line.text.starts_with(INSTITUTIONS) {
                let (institutions, next) = institutions_after(lines, i, range.end);
                let goal =
                    current.get_or_insert_with(|| new_goal(area_title.to_string(), line.number));
                goal.institutions = institutions;
                goals.extend(current.take());
                if !name_lines.is_empty() {
                    self.warn(name_start, "indicator name without values");
                    name_lines.clear();
                }
                i = next;
                continue;
            }
            let rows = values_row(&line.text, columns)
                .map(|(name_tail, row)| (name_tail, vec![row]))
                .or_else(|| institution_row(&line.text, columns).map(|r| (String::new(), vec![r])));
            match rows {
                Some((name_tail, mut rows)) => {
                    open_goal(&mut current, &mut goal_lines, line.number);
                    let goal = current.as_mut().expect("a goal is open");
                    for row in &mut rows {
                        row.line = line.number;
                    }
                    if !name_tail.is_empty() {
                        if name_lines.is_empty() {
                            name_start = line.number;
                        }
                        name_lines.push(name_tail);
                    }
                    if name_lines.is_empty() {
                        // Another institution's row of the indicator before.
                        match goal.indicators.last_mut() {
                            Some(indicator) if rows[0].institution.is_some() => {
                                indicator.rows.extend(rows)
                            }
                            _ => self.diagnostics.push(Diagnostic::warning(
                                &self.doc.file,
                                line.number,
                                "indicator values without a name",
                            )),
                        }
                    } else {
                        let name = self.doc.join(name_lines.iter().map(String::as_str));
                        name_lines.clear();
                        let number = goals.len() + 1;
                        goal.indicators.push(Indicator {
                            id: format!("{area}.{number}.{}", goal.indicators.len() + 1),
                            unit: unit(&name),
                            name,
                            baseline_year: baseline_year.clone(),
                            target_years: target_years.to_vec(),
                            rows,
                            line: name_start,
                        });
                    }
                }
                None => {
                    let goal_column = !horizontal
                        && current.is_none()
                        && name_lines.is_empty()
                        && line.width <= GOAL_COLUMN_WIDTH;
                    if goal_column {
                        goal_lines.push(line);
                    } else {
                        if current.is_none() && !horizontal && goal_lines.is_empty() {
                            self.warn(line.number, "indicator without a goal in the goal column");
                        }
                        open_goal(&mut current, &mut goal_lines, line.number);
                        if name_lines.is_empty() {
                            name_start = line.number;
                        }
                        name_lines.push(line.text.clone());
                    }
                }
            }
            i += 1;
        }
        if let Some(goal) = current.take() {
            self.warn(goal.line, "goal without \"Iesaistītās iestādes\"");
            goals.push(goal);
        }
        goals
    }

    /// Reads a direction starting at line `i` and its tasks; returns the index after them.
    fn direction(&mut self, i: usize) -> usize {
        let lines = &self.doc.lines;
        let area_index = self.plan.areas.len() - 1;
        let area = &self.plan.areas[area_index];
        let id = format!("{}.{}", area.id, area.directions.len() + 1);
        let line = lines[i].number;
        let mut title_lines = vec![lines[i].text[DIRECTION.len()..].trim()];
        let mut j = i + 1;
        while j < lines.len() && lines[j].text != TASKS && self.start(j) == Start::Other {
            title_lines.push(&lines[j].text);
            j += 1;
        }
        let title = self.doc.join(title_lines);
        if lines.get(j).map(|l| l.text.as_str()) != Some(TASKS) {
            self.warn(line, format!("direction {id} has no \"{TASKS}\""));
        } else {
            j += 1;
        }
        self.plan.areas[area_index].directions.push(id.clone());
        self.plan.directions.push(Direction {
            id: id.clone(),
            title,
            line,
        });
        self.tasks(j, &id)
    }

    /// Reads the numbered tasks from line `i`; returns the index of the first line after them.
    fn tasks(&mut self, mut i: usize, direction: &str) -> usize {
        let lines = &self.doc.lines;
        let mut task: Option<Task> = None;
        while i < lines.len() && self.start(i) == Start::Other {
            let line = &lines[i];
            let expected = task.as_ref().map_or(1, |t| t.number + 1);
            let item = numbered_item(&line.text);
            let letter = crate::read::pdf::list_marker(&line.text)
                .filter(|m| m.len() == 2 && m.ends_with('.') && m.starts_with(char::is_lowercase));
            match (&item, &mut task) {
                (Some((n, _)), _) if n.parse::<u32>().ok() == Some(expected) => {
                    if let Some(done) = task.take() {
                        self.finish(done, direction);
                    }
                    task = Some(Task::new(expected, line));
                }
                (Some((n, _)), Some(t)) if n.starts_with(&format!("{}.", t.number)) => {
                    t.parts.push(vec![line]);
                    t.last = line.number;
                }
                (None, Some(t)) if letter.is_some() => {
                    t.parts.push(vec![line]);
                    t.last = line.number;
                }
                (_, Some(t)) if !t.complete(self.doc) => {
                    t.parts.last_mut().expect("a part").push(line);
                    t.last = line.number;
                }
                _ => {
                    // Text after a finished task: a section heading before the next area,
                    // or something the structure does not expect.
                    let next_starts = i + 1 >= lines.len() || self.start(i + 1) != Start::Other;
                    if !next_starts {
                        self.warn(
                            line.number,
                            format!("unexpected text in direction {direction}: {}", line.text),
                        );
                    }
                }
            }
            i += 1;
        }
        match task {
            Some(done) => self.finish(done, direction),
            None => self.warn(
                lines.get(i.saturating_sub(1)).map_or(0, |l| l.number),
                format!("direction {direction} has no numbered tasks"),
            ),
        }
        i
    }

    fn finish(&mut self, task: Task, direction: &str) {
        let doc = self.doc;
        let texts: Vec<String> = task
            .parts
            .iter()
            .map(|part| doc.join(part.iter().map(|l| l.text.as_str())))
            .collect();
        let mut involved: Vec<String> = Vec::new();
        let mut heads = texts.iter().map(|t| split_institutions_tail(t));
        let (head, head_institutions) = heads.next().expect("a task has its first part");
        let sub_items: Vec<String> = texts[1..].to_vec();
        for (_, institutions) in std::iter::once((head.clone(), head_institutions)).chain(heads) {
            for entry in institutions {
                if !involved.contains(&entry) {
                    involved.push(entry);
                }
            }
        }
        if involved.is_empty() {
            self.warn(
                task.first,
                format!("task {direction}.{} names no institutions", task.number),
            );
        }
        let title = numbered_item(&head).map_or(head.clone(), |(_, rest)| rest.to_string());
        self.plan.measures.push(Measure {
            id: format!("{direction}.{}", task.number),
            direction: direction.to_string(),
            title,
            involved,
            description: (!sub_items.is_empty()).then(|| sub_items.join("\n")),
            source_lines: (task.first, task.last),
            ..Measure::default()
        });
    }
}

/// A task being read: its head and sub-items, each a run of lines.
struct Task<'a> {
    number: u32,
    parts: Vec<Vec<&'a PdfLine>>,
    first: usize,
    last: usize,
}

impl<'a> Task<'a> {
    fn new(number: u32, line: &'a PdfLine) -> Self {
        Task {
            number,
            parts: vec![vec![line]],
            first: line.number,
            last: line.number,
        }
    }

    /// The last part ends with its institutions: further unnumbered text is not the task's.
    fn complete(&self, doc: &PdfDoc) -> bool {
        let part = self.parts.last().expect("a part");
        let text = doc.join(part.iter().map(|l| l.text.as_str()));
        let (head, institutions) = split_institutions_tail(&text);
        // The institutions follow a finished sentence ("… izmantošanu. (VP)"); a code in
        // parentheses inside a sentence ("platformu (EMPACT)") may still be continued.
        !institutions.is_empty()
            && !text.trim_end().ends_with(':')
            && strip_footnote_markers(&head)
                .trim_end()
                .ends_with(['.', ';', ')'])
    }
}

/// Splits `"Text. (VP, IeM IC)[^9]."` into the text without the parenthesis (markers after it
/// kept) and the institution codes; text without such a parenthesis comes back whole.
fn split_institutions_tail(text: &str) -> (String, Vec<String>) {
    let trimmed = text.trim_end();
    let plain_end = trimmed.trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | ' ')
            || c.is_ascii_digit()
            || c == '^'
            || c == '['
            || c == ']'
    });
    if !plain_end.ends_with(')') {
        return (text.to_string(), Vec::new());
    }
    let Some(open) = plain_end.rfind('(') else {
        return (text.to_string(), Vec::new());
    };
    let inside = &plain_end[open + 1..plain_end.len() - 1];
    let entries: Vec<String> = split_institutions(&strip_footnote_markers(inside));
    if entries.is_empty() || !entries.iter().all(|e| is_institution_code(e)) {
        return (text.to_string(), Vec::new());
    }
    // Footnote markers inside or after the parenthesis stay with the text.
    let markers: String = FOOTNOTE_MARKER
        .find_iter(&trimmed[open..])
        .map(|m| m.as_str())
        .collect();
    let head = plain_end[..open].trim_end();
    // A head that introduces sub-items keeps its colon: "… tēmām (VP, IDB, VRS):".
    let colon = if trimmed.ends_with(':') && !head.ends_with(':') {
        ":"
    } else {
        ""
    };
    (format!("{head}{markers}{colon}"), entries)
}

static FOOTNOTE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^\d+\]").expect("regex"));

/// The unit in the parentheses a name ends with: "… īpatsvars (%)" → "%".
fn unit(name: &str) -> Option<String> {
    let plain = strip_footnote_markers(name);
    let plain = plain.trim_end();
    let inner = plain.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some(inner[open + 1..].trim().to_string()).filter(|u| !u.is_empty())
}

/// A line ending with one value per column: the words before them (the end of the indicator's
/// name, if any) and the row. Qualitative values ("Palielinās") count when they repeat.
fn values_row(text: &str, columns: usize) -> Option<(String, IndicatorRow)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.len() < columns {
        return None;
    }
    let values = &tokens[tokens.len() - columns..];
    let words: Vec<&&str> = values.iter().filter(|v| !NUMERIC.is_match(v)).collect();
    let words_ok = words.iter().all(|w| {
        w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic) && **w == *words[0]
    }) && words.len() != 1;
    if !words_ok {
        return None;
    }
    let name_tail = tokens[..tokens.len() - columns].join(" ");
    Some((
        name_tail,
        IndicatorRow {
            institution: None,
            baseline: values[0].to_string(),
            targets: values[1..].iter().map(|v| v.to_string()).collect(),
            line: 0,
        },
    ))
}

/// "IeM: 92,1 IeM: 92,5% …": one institution's values, the same label before each.
fn institution_row(text: &str, columns: usize) -> Option<IndicatorRow> {
    let pairs: Vec<(String, String)> = INSTITUTION_VALUE
        .captures_iter(text)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let first = pairs.first()?;
    if pairs.len() != columns || !text.starts_with(&first.0) || pairs.iter().any(|p| p.0 != first.0)
    {
        return None;
    }
    Some(IndicatorRow {
        institution: Some(first.0.clone()),
        baseline: first.1.clone(),
        targets: pairs[1..].iter().map(|p| p.1.clone()).collect(),
        line: 0,
    })
}

/// The institutions of "Iesaistītās iestādes[:] …" starting at line `i` (the words may be on
/// lines of their own); returns them and the index of the next line.
fn institutions_after(lines: &[PdfLine], i: usize, end: usize) -> (Vec<String>, usize) {
    let mut rest = lines[i].text[INSTITUTIONS.len()..].trim().to_string();
    let mut j = i + 1;
    if rest.is_empty() && j < end && lines[j].text.starts_with("iestādes") {
        rest = lines[j].text.clone();
        j += 1;
    }
    let mut rest = rest
        .strip_prefix("iestādes")
        .unwrap_or(&rest)
        .trim_start_matches([':', ' '])
        .to_string();
    if rest.is_empty() && j < end {
        rest = lines[j].text.clone();
        j += 1;
    }
    (split_institutions(&rest), j)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = "                                                                 ";

    /// Area 2 of the strategy (001, lines 562–700, blank lines dropped), shortened to one goal
    /// and two directions.
    fn area_two(between_tasks: &str) -> String {
        format!(
            "Iekšlietu nozares stratēģija 2023.-2027. gadam (turpmāk – Nozares stratēģija) ir \n\
 2. Valsts robežas drošība \n\
Prioritārais \npolitikas \nmērķis \nGalvenais rezultatīvais rādītājs \nRādītāju vērtības (prognoze) \n\
2021 \n(izpilde) \n2023 2024 2025 2026 2027 \n\
Nodrošināt \nLatvijas ārējās \nrobežas \nneaizskaramību \n\
Izbūvētās valsts robežas infrastruktūras gar Latvijas ārējo \n\
sauszemes robežu īpatsvars no kopējā ārējās sauszemes robežas \nizbūvējamā garuma (%) \n\
52,33% 80% 100% - - - \n\
Ārējās sauszemes robežas, kas ir aprīkota ar savstarpēji \n\
īpatsvars no kopējā ārējās sauszemes robežas garuma (%)8 \n43% 44% 45% 46% 47% 48% \n\
Iesaistītās \niestādes \nValsts robežsardze, Nodrošinājuma valsts aģentūra \n \n\
Rīcības virziens: Valsts robežas infrastruktūras stiprināšana. \nGalvenie uzdevumi: \n\
1. Pabeigt nekustamo īpašumu tiesību sakārtošanu valsts ārējās sauszemes robežas infrastruktūras izbūves nodrošināšanai. (NVA, IeM) \n\
{between_tasks}\
2. Nodrošināt valsts ārējās sauszemes robežas infrastruktūras izbūvi (valsts robežas joslas, patrulēšanas joslas un robežzīmju uzraudzības \n\
joslas ierīkošana). (IeM, NVA, VRS)9 \n \n\
Rīcības virziens: Nelegālās migrācijas un preču nelikumīgas pārvietošanas pāri valsts robežai risku mazināšana. \n\
Galvenie uzdevumi: \n\
1. Nacionālā (kopējā) situācijas attēla izveidošana: \n\
1.1. veikt Valsts robežsardzes Robežuzraudzības un kontroles sistēmas darbības nodrošināšanu un Nacionālā (kopējā) situācijas attēla attīstību \n\
EUROSUR ietvaros. (VRS) \n\
1.2. veikt Iekšlietu ministrijas austrumu robežas telekomunikāciju tīkla infrastruktūras modernizāciju, nodrošinot atbilstību EUROSUR tīkla \n\
prasībām. (IeM IC, VRS) \n\
2. Nodrošināt Eiropas ceļošanas informācijas un atļauju sistēmas (ETIAS) ieviešanu un darbību Latvijas Republikā. (IeM IC, VRS, VDD, VP) \n\
{SEP}\n8 Nacionālā situācijas attēla veidošanai. \n9 Izbūvi organizē VNĪ. \n"
        )
    }

    fn read(text: &str) -> (Plan, Vec<Diagnostic>) {
        let (doc, mut diagnostics) = PdfDoc::parse("001.txt", text);
        let (plan, found) = extract(&doc, "strategija");
        diagnostics.extend(found);
        (plan, diagnostics)
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.measures.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn an_area_with_indicators_directions_and_tasks() {
        let (plan, diagnostics) = read(&area_two(""));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let area = &plan.areas[0];
        assert_eq!(plan.title, "Iekšlietu nozares stratēģija 2023.-2027. gadam");
        assert_eq!(area.id, "2");
        assert_eq!(area.title, "Valsts robežas drošība");
        let goal = &area.goals[0];
        assert_eq!(
            goal.title,
            "Nodrošināt Latvijas ārējās robežas neaizskaramību"
        );
        assert_eq!(
            goal.institutions,
            ["Valsts robežsardze", "Nodrošinājuma valsts aģentūra"]
        );
        let first = &goal.indicators[0];
        assert_eq!(first.unit.as_deref(), Some("%"));
        assert_eq!(first.rows[0].baseline, "52,33%");
        assert_eq!(first.rows[0].targets, ["80%", "100%", "-", "-", "-"]);
        assert_eq!(first.target_years, ["2023", "2024", "2025", "2026", "2027"]);
        assert!(goal.indicators[1].name.ends_with("garuma (%)[^8]"));
        assert_eq!(ids(&plan), ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]);
        let ceļi = &plan.measures[1];
        assert!(
            ceļi.title.ends_with("joslas ierīkošana).[^9]"),
            "{}",
            ceļi.title
        );
        assert_eq!(ceļi.involved, ["IeM", "NVA", "VRS"]);
        let national = &plan.measures[2];
        assert_eq!(
            national.title,
            "Nacionālā (kopējā) situācijas attēla izveidošana:"
        );
        assert_eq!(national.involved, ["VRS", "IeM IC"]);
        assert_eq!(
            national.description.as_deref().map(|d| d.lines().count()),
            Some(2)
        );
    }

    #[test]
    fn an_added_task_is_numbered_in_its_direction() {
        let added = "2. Uzraudzīt robežas joslas uzturēšanu. (VRS) \n";
        let (plan, diagnostics) = read(&area_two(added).replacen(
            "\n2. Nodrošināt valsts ārējās",
            "\n3. Nodrošināt valsts ārējās",
            1,
        ));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(ids(&plan), ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2"]);
        assert_eq!(plan.measures[1].involved, ["VRS"]);
    }

    #[test]
    fn a_page_break_and_a_footnote_block_inside_a_task() {
        // Task 2.1.2 breaks after its first line: the page's footnotes, the page number and a
        // new page whose first line begins with a space.
        let text = area_two("").replacen(
            "robežzīmju uzraudzības \n",
            &format!("robežzīmju uzraudzības \n{SEP}\n10 Sadarbībā ar Aizsardzības ministriju. \n \n14 \n "),
            1,
        );
        let (plan, diagnostics) = read(&text);
        // Footnote 10 has no marker in this excerpt; that is the only finding.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].message.contains("footnote 10"));
        assert_eq!(ids(&plan), ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]);
        let task = &plan.measures[1];
        assert!(task
            .title
            .contains("robežzīmju uzraudzības joslas ierīkošana"));
        assert!(!task.title.contains("Sadarbībā"));
        assert_eq!(task.involved, ["IeM", "NVA", "VRS"]);
    }

    #[test]
    fn a_footnote_block_between_two_tasks() {
        // The block ends the page; the next task opens the next page with a space.
        let between = format!("{SEP}\n7 Aprēķinā tiek izmantota vecuma grupa. \n ");
        let (plan, diagnostics) = read(&area_two(&between));
        assert_eq!(plan.footnotes.iter().filter(|f| f.number == 7).count(), 1);
        assert!(diagnostics.iter().all(|d| d.message.contains("footnote 7")));
        assert_eq!(ids(&plan), ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]);
        assert!(!plan.measures[0].title.contains("Aprēķinā"));
        assert_eq!(plan.measures[0].involved, ["NVA", "IeM"]);
    }

    /// The whole strategy: every id, and values checked by reading the source.
    #[test]
    fn the_interior_strategy_seed() {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/001_0540a71165f8577a.txt"
        ))
        .expect("seed");
        let (plan, diagnostics) = read(&source);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != crate::diagnostics::Severity::Error),
            "{diagnostics:?}"
        );
        let areas: Vec<&str> = plan.areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(areas, ["1", "2", "3", "4", "5", "H1", "H2"]);
        let per_direction = |area: &str| -> Vec<usize> {
            let area = plan.areas.iter().find(|a| a.id == area).expect("area");
            area.directions
                .iter()
                .map(|d| plan.measures.iter().filter(|m| &m.direction == d).count())
                .collect()
        };
        // Tasks per direction, counted in the source.
        assert_eq!(per_direction("1"), [2, 4, 2, 2, 2]);
        assert_eq!(per_direction("2"), [2, 3, 3, 3, 3]);
        assert_eq!(per_direction("3"), [3, 2, 2, 3, 3, 3]);
        assert_eq!(per_direction("4"), [2, 2, 2, 4, 3]);
        assert_eq!(per_direction("5"), [4, 4, 3]);
        assert_eq!(per_direction("H1"), [4, 2, 2, 4, 2]);
        assert_eq!(per_direction("H2"), [4, 5, 4, 4]);
        assert_eq!(plan.measures.len(), 97);
        for measure in &plan.measures {
            let number = measure.id.rsplit('.').next().expect("id");
            assert_eq!(measure.id, format!("{}.{number}", measure.direction));
            assert!(!measure.involved.is_empty(), "{}", measure.id);
        }
        let indicators: Vec<&Indicator> = plan
            .areas
            .iter()
            .flat_map(|a| &a.goals)
            .flat_map(|g| &g.indicators)
            .collect();
        assert_eq!(indicators.len(), 34);
        for indicator in &indicators {
            for row in &indicator.rows {
                assert_eq!(row.targets.len(), 5, "{}", indicator.id);
            }
        }
        let by_id = |id: &str| *indicators.iter().find(|i| i.id == id).expect(id);
        assert_eq!(by_id("1.1.1").rows[0].baseline, "75%");
        assert_eq!(by_id("1.1.1").rows[0].targets[4], "90%");
        assert_eq!(by_id("1.1.3").rows[0].baseline, "29,72");
        assert_eq!(by_id("4.1.1").rows[0].targets[0], "Palielinās");
        assert_eq!(by_id("4.1.2").rows[0].baseline, "37%[^13]");
        assert!(by_id("3.1.1").name.starts_with("Valsts policijas pabeigto"));
        let staffed = by_id("H1.1.1");
        assert_eq!(staffed.rows.len(), 9);
        assert_eq!(staffed.rows[0].institution.as_deref(), Some("IeM"));
        assert_eq!(staffed.rows[0].baseline, "92,1");
        assert_eq!(by_id("H1.1.2").rows[4].institution.as_deref(), Some("IDB"));
        let area3 = &plan.areas[2];
        assert_eq!(
            area3.goals[0].title,
            "Nodrošināt kvalitatīvu un ātru kriminālprocesu izmeklēšanu"
        );
        let task = plan
            .measures
            .iter()
            .find(|m| m.id == "1.2.2")
            .expect("1.2.2");
        assert_eq!(task.involved, ["IeM IC", "VP", "VUGD"]);
        let sub = plan
            .measures
            .iter()
            .find(|m| m.id == "H1.2.1")
            .expect("H1.2.1");
        assert_eq!(
            sub.description.as_deref().map(|d| d.lines().count()),
            Some(3)
        );
        let heading = plan
            .measures
            .iter()
            .all(|m| !m.title.contains("Nozares stratēģijas prioritārie"));
        assert!(heading);
    }
}
