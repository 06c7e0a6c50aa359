//! Reading a budget row: what its label cells say (a total, a resort, programmes, measure
//! numbers, a direction heading), which of its cells are amounts, and where those amounts could
//! stand when the export dropped empty cells.

use super::place::{candidates, nonzero, placement, Placement};
use super::table::{fold, Layout};
use super::Reader;
use crate::model::budget::{Cents, Ministry, Programme};
use crate::read::table::{institution_likeness, split_number_prefix};
use crate::read::word::Cell;
use regex::Regex;
use std::sync::LazyLock;

/// "06.01.00": a budget programme or sub-programme code.
static PROGRAMME_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{2}\.\d{2}\.\d{2}\b").expect("valid regex"));

/// "14. Iekšlietu ministrija": a budget resort with its number.
static NUMBERED_RESORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.\s*(\D.*)$").expect("valid regex"));

/// "2025", "2025.": a year as a header or implementation-year cell prints it.
pub(super) static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\.?$").expect("valid regex"));

/// A cell's value in the amount part of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Empty,
    /// "x": no implementation year (the measure is not limited in time).
    Cross,
    Amount(Cents),
    /// "2025." in the implementation-year column (not an amount: it has a dot).
    Year(String),
}

impl Token {
    pub(super) fn read(text: &str) -> Option<Token> {
        let t = text.trim();
        if t.is_empty() {
            Some(Token::Empty)
        } else if t.eq_ignore_ascii_case("x") {
            Some(Token::Cross)
        } else if let Some(amount) = Cents::parse(t) {
            Some(Token::Amount(amount))
        } else {
            YEAR.is_match(t).then(|| Token::Year(t.to_string()))
        }
    }

    /// The token may stand in the implementation-year column.
    pub(super) fn fits_year_column(&self) -> bool {
        match self {
            Token::Cross | Token::Year(_) | Token::Empty => true,
            Token::Amount(cents) => {
                cents.0 % 100 == 0 && YEAR.is_match(&(cents.0 / 100).to_string())
            }
        }
    }

    /// The token may stand in an amount column.
    pub(super) fn fits_amount_column(&self) -> bool {
        matches!(self, Token::Amount(_) | Token::Empty)
    }
}

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Total,
    /// A ministry row with amounts: the sum of the programme rows under it.
    MinistryTotal,
    /// A measure row with amounts but no programme: the sum of its results' rows.
    MeasureTotal,
    /// A programme row not tied to a measure: the sum of the measure rows for the programme.
    ProgrammeSummary,
    /// A programme row for one or more measures: where funding lines come from.
    Leaf,
    /// No amounts to check (headings, measure and ministry rows that only open a block).
    Context,
}

/// One table row after its cells were read.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) lines: (usize, usize),
    pub(super) level: Level,
    pub(super) ministry: Option<Ministry>,
    pub(super) programmes: Vec<Programme>,
    pub(super) within_budget: bool,
    pub(super) measures: Vec<String>,
    /// Possible placements of the amounts, best first before reconciling.
    pub(super) placements: Vec<Placement>,
    /// Index into `placements` chosen by [`place_rows`].
    pub(super) chosen: usize,
    /// The row had as many cells as the header has columns: placed by position.
    pub(super) complete: bool,
    /// The text of a one-cell row right under this one ("Detalizēts aprēķins: …").
    pub(super) note: Option<String>,
}

impl Row {
    pub(super) fn values(&self) -> &[Option<Cents>] {
        self.placements
            .get(self.chosen)
            .map_or(&[], |p| p.values.as_slice())
    }

    pub(super) fn year(&self) -> Option<&str> {
        self.placements.get(self.chosen)?.year.as_deref()
    }

    pub(super) fn value(&self, column: usize) -> Cents {
        self.values()
            .get(column)
            .copied()
            .flatten()
            .unwrap_or_default()
    }

    /// How diagnostics name the row: "06.01.00 (line 495)", "1.8 → 06.01.00 (lines 805–817)".
    pub(super) fn name(&self) -> String {
        let mut parts = Vec::new();
        if !self.measures.is_empty() {
            parts.push(self.measures.join(", "));
        }
        if let Some(p) = self.programmes.first() {
            parts.push(p.code.clone());
        } else if let Some(m) = &self.ministry {
            parts.push(m.name.clone());
        }
        if self.level == Level::Total {
            parts = vec!["total".to_string()];
        }
        let lines = if self.lines.0 == self.lines.1 {
            format!("line {}", self.lines.0)
        } else {
            format!("lines {}–{}", self.lines.0, self.lines.1)
        };
        format!("{} ({lines})", parts.join(" → "))
    }
}

/// A row cut into its label cells (with their column when the row is complete) and the
/// possible placements of its amounts.
struct SplitRow {
    labels: Vec<(Option<usize>, String)>,
    placements: Vec<Placement>,
    complete: bool,
}

/// What a row's label cells say.
#[derive(Debug, Default)]
struct Labels {
    total: bool,
    heading: bool,
    ministry: Option<Ministry>,
    programmes: Vec<Programme>,
    within_budget: bool,
    measures: Vec<String>,
}

impl Labels {
    /// The cells name no total, heading, resort, programme or measure: free text.
    fn says_nothing(&self) -> bool {
        !self.total
            && !self.heading
            && !self.within_budget
            && self.ministry.is_none()
            && self.programmes.is_empty()
            && self.measures.is_empty()
    }

    fn read(layout: &Layout, cells: &[(Option<usize>, String)]) -> Labels {
        let mut labels = Labels::default();
        for (column, text) in cells {
            let folded = fold(text);
            if folded.is_empty() || folded.starts_with("tai skaitā") {
                continue;
            }
            if folded.contains("rīcības virzien") {
                labels.heading = true;
            } else if PROGRAMME_CODE.is_match(text) {
                labels.programmes = programmes(text);
                labels.within_budget |= folded.contains("budžeta ietvaros");
            } else if folded.contains("budžeta ietvaros") {
                labels.within_budget = true;
            } else if is_total_label(text) {
                labels.total = true;
            } else if let Some(ministry) = resort_with_code(text) {
                labels.ministry = Some(ministry);
            } else if let Some(ids) = measure_ids(text) {
                labels.measures = ids;
            } else if (column.is_some() && *column == layout.resort_column)
                || (labels.ministry.is_none() && is_ministry_name(text))
            {
                // A resort: by its column, or by its name (an institution column may name the
                // resort itself, "Labklājības ministrija"; other institutions there are not
                // resorts, and the programme's ministry then comes from another row).
                labels.ministry = Some(Ministry {
                    name: clean_name(text),
                    code: None,
                });
            }
        }
        labels
    }
}

impl Reader<'_> {
    /// Reads each raw row's labels and possible amount placements, and ties rows to the
    /// measure and ministry blocks they stand in.
    pub(super) fn rows(&mut self, layout: &Layout, raw_rows: &[Vec<Cell>]) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        let mut block_measures: Vec<String> = Vec::new();
        let mut ministry: Option<Ministry> = None;
        // Whether the previous raw row became a funding row a note may explain.
        let mut after_leaf = false;
        for cells in raw_rows {
            let lines = (
                cells.first().map_or(0, |c| c.first_line),
                cells.last().map_or(0, |c| c.last_line),
            );
            let SplitRow {
                labels,
                placements,
                complete,
            } = self.split_row(layout, cells, lines.0);
            let note = single_text(&labels);
            let labels = Labels::read(layout, &labels);
            let follows_leaf = std::mem::replace(&mut after_leaf, false);
            if labels.heading {
                block_measures.clear();
                ministry = None;
                continue;
            }
            let has_amounts = placements
                .first()
                .is_some_and(|p| p.values.iter().any(Option::is_some));
            let level = if labels.total {
                Level::Total
            } else if !labels.programmes.is_empty() {
                if labels.measures.is_empty() && block_measures.is_empty() {
                    Level::ProgrammeSummary
                } else {
                    Level::Leaf
                }
            } else if !labels.measures.is_empty() {
                block_measures = labels.measures.clone();
                ministry = None;
                if has_amounts {
                    Level::MeasureTotal
                } else {
                    Level::Context
                }
            } else if labels.ministry.is_some() {
                ministry = labels.ministry.clone();
                if has_amounts {
                    Level::MinistryTotal
                } else {
                    Level::Context
                }
            } else {
                Level::Context
            };
            if level == Level::Context {
                // A row that is one text cell and no amounts, right under a funding row, is the
                // table's explanation of that row's amounts (a calculation, what it pays for).
                if follows_leaf && !has_amounts && labels.says_nothing() {
                    if let (Some(note), Some(row)) = (note, rows.last_mut()) {
                        row.note = Some(note);
                        continue;
                    }
                }
                if placements
                    .first()
                    .is_some_and(|p| nonzero(&p.values).iter().any(Option::is_some))
                {
                    self.warn(
                        lines.0,
                        "budget row has amounts but names no programme, ministry or measure; its amounts are not counted",
                    );
                }
                continue;
            }
            let measures = match level {
                Level::Leaf if labels.measures.is_empty() => block_measures.clone(),
                _ => labels.measures.clone(),
            };
            if labels.programmes.len() > 1 && has_amounts && !labels.within_budget {
                self.warn(
                    lines.0,
                    format!(
                        "budget row names {} programmes ({}) for one set of amounts; the amounts are counted for {}",
                        labels.programmes.len(),
                        codes(&labels.programmes),
                        labels.programmes[0].code
                    ),
                );
            }
            after_leaf = level == Level::Leaf;
            rows.push(Row {
                lines,
                level,
                ministry: labels.ministry.or_else(|| ministry.clone()),
                programmes: labels.programmes,
                within_budget: labels.within_budget,
                measures,
                placements,
                chosen: 0,
                complete,
                note: None,
            });
        }
        rows
    }

    /// Splits a row into label cells and the possible placements of its amounts.
    fn split_row(&mut self, layout: &Layout, cells: &[Cell], line: usize) -> SplitRow {
        let slots = layout.amounts.len() + usize::from(layout.year_column);
        let tokens: Vec<Option<Token>> = cells.iter().map(|c| Token::read(&c.flat())).collect();
        if cells.len() == layout.columns()
            && tokens[layout.labels..]
                .iter()
                .enumerate()
                .all(|(i, t)| match t {
                    Some(t) if i < layout.amounts.len() => t.fits_amount_column(),
                    Some(_) => true,
                    // The implementation-year column may hold a note.
                    None => i >= layout.amounts.len(),
                })
        {
            let labels = cells[..layout.labels]
                .iter()
                .enumerate()
                .map(|(i, c)| (Some(i), c.text.clone()))
                .collect();
            let amount_tokens: Vec<Token> =
                tokens[layout.labels..].iter().flatten().cloned().collect();
            let slots_taken: Vec<usize> = (0..amount_tokens.len()).collect();
            let placement = placement(layout, &amount_tokens, &slots_taken, true);
            return SplitRow {
                labels,
                placements: vec![placement],
                complete: true,
            };
        }
        // Labels run to the last cell that is text; the amounts follow.
        let split = tokens
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |i| i + 1);
        let labels = cells[..split]
            .iter()
            .map(|c| (None, c.text.clone()))
            .collect::<Vec<_>>();
        let amount_part: Vec<Token> = tokens[split..].iter().flatten().cloned().collect();
        if amount_part.iter().all(|t| *t == Token::Empty) {
            let empty = placement(layout, &[], &[], true);
            return SplitRow {
                labels,
                placements: vec![empty],
                complete: false,
            };
        }
        let label_slack = layout.labels.saturating_sub(split);
        let placements = candidates(layout, &amount_part, slots, label_slack);
        if placements.is_empty() {
            self.warn(
                line,
                format!(
                    "budget row has {} amount cells but the header has {} amount and year columns; its amounts are not counted",
                    amount_part.iter().filter(|t| **t != Token::Empty).count(),
                    slots
                ),
            );
        }
        SplitRow {
            labels,
            placements,
            complete: false,
        }
    }
}

/// The text of a row made of a single non-empty label cell, paragraphs kept.
fn single_text(labels: &[(Option<usize>, String)]) -> Option<String> {
    let mut texts = labels
        .iter()
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty());
    let text = texts.next()?;
    texts.next().is_none().then(|| text.to_string())
}

/// "Finansējums plāna realizācijai kopā": a short label with "kopā", not a numbered measure.
pub(super) fn is_total_label(text: &str) -> bool {
    let folded = fold(text);
    folded
        .split_whitespace()
        .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == "kopā")
        && folded.split_whitespace().count() <= 8
        && !folded.starts_with(|c: char| c.is_ascii_digit())
}

/// "14. Iekšlietu ministrija" → the resort and its code; `None` for a measure ("1.4. Veikt…").
pub(super) fn resort_with_code(text: &str) -> Option<Ministry> {
    let caps = NUMBERED_RESORT.captures(text.trim())?;
    let name = clean_name(&caps[2]);
    (is_ministry_name(&name)
        || (name.split_whitespace().count() <= 5 && institution_likeness(&name) >= 1.0))
        .then(|| Ministry {
            name,
            code: Some(caps[1].to_string()),
        })
}

/// A single resort name: "Iekšlietu ministrija", "Tieslietu ministrija***", "Valsts kanceleja".
fn is_ministry_name(text: &str) -> bool {
    let name = clean_name(text);
    let lower = name.to_lowercase();
    !name.contains([',', ';', '\n'])
        && name.split_whitespace().count() <= 5
        && (lower.ends_with("ministrija") || lower.ends_with("kanceleja"))
}

/// A resort name without footnote asterisks and stray spaces.
fn clean_name(text: &str) -> String {
    crate::read::word::collapse_spaces(text.trim_end_matches(['*', ' ']))
}

/// The measure numbers a label cell starts its paragraphs with: "1.4. Veikt…\n1.5. Īstenot…" →
/// ["1.4", "1.5"]; "6. pasākums" → ["6"]. `None` when the first paragraph has no number.
pub(super) fn measure_ids(text: &str) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for (i, paragraph) in text.lines().enumerate() {
        match split_number_prefix(paragraph) {
            Some((id, rest)) if !rest.is_empty() && !PROGRAMME_CODE.is_match(paragraph) => {
                ids.push(id)
            }
            _ if i == 0 => return None,
            _ => {}
        }
    }
    (!ids.is_empty()).then_some(ids)
}

/// Every programme a cell names: code, then the name up to the next code, without quotes.
pub(super) fn programmes(text: &str) -> Vec<Programme> {
    let flat = text.replace('\n', " ");
    let found: Vec<_> = PROGRAMME_CODE.find_iter(&flat).collect();
    found
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let end = found.get(i + 1).map_or(flat.len(), |next| next.start());
            Programme {
                code: m.as_str().to_string(),
                name: programme_name(&flat[m.end()..end]),
            }
        })
        .collect()
}

/// `  "Valsts robežsardzes darbība""`, `“Konsulārais nodrošinājums”,  `, `Nozaru vadība un
/// politikas plānošana)` → the name alone.
fn programme_name(text: &str) -> String {
    let quotes = ['"', '„', '“', '”', '\''];
    let mut name = crate::read::word::collapse_spaces(text);
    loop {
        let before = name.clone();
        for suffix in [" un/ vai", " un/vai", " un", " vai"] {
            if let Some(stripped) = name.strip_suffix(suffix) {
                name = stripped.to_string();
            }
        }
        name = name
            .trim_matches(|c: char| quotes.contains(&c) || c.is_whitespace() || ",.;)".contains(c))
            .to_string();
        if name == before {
            break;
        }
    }
    // A closing parenthesis belongs to the name only when it opened inside it: "(2021–2027)".
    if name.matches('(').count() > name.matches(')').count() {
        name.push(')');
    }
    name.replace(quotes, "")
}

fn codes(programmes: &[Programme]) -> String {
    programmes
        .iter()
        .map(|p| p.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
