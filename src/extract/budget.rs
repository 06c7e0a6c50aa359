//! Budget-impact tables ("Ietekmes novērtējums uz valsts un pašvaldību budžetu") in Word exports:
//! which budget programme pays how much, in which year, for which measures.
//!
//! Such a table is found by its header (a "Budžeta programmas … kods un nosaukums" cell) and the
//! row under it that names the periods: the years of the funding planned in the medium-term
//! budget law, then the years of the additional funding needed, "turpmākajā laikposmā līdz
//! pasākuma pabeigšanai" (later) and "turpmāk ik gadu" (annual). A new run of years (2025 after
//! 2025) starts the next column group. The rows below mix levels: a total ("…kopā"), ministries
//! ("14. Iekšlietu ministrija"), programmes ("06.01.00 "Valsts policija""), measures ("1.4.
//! Veikt…", "6. pasākums") and direction headings; each row is read by what its cells say, not by
//! its position, and a measure row opens a block that the programme rows under it belong to.
//!
//! The export drops empty cells, so a short row's amounts may stand in several column sets. The
//! rows of a table form groups that must add up (a programme's measure rows to its programme row,
//! programme rows to the total), so each short row takes the placement under which the most
//! groups add up (`place_rows`), and every group that still does not add up is reported with
//! the difference and the rows involved. Several tables in one section (a summary and a detailed
//! table) are checked against each other; the funding lines come from the most detailed one.

use crate::diagnostics::Diagnostic;
use crate::model::budget::{
    Budget, Cents, FundingKind, FundingLine, Ministry, Period, PeriodAmount, Programme,
    WithinBudget,
};
use crate::model::Plan;
use crate::read::table::{institution_likeness, map_header, split_number_prefix};
use crate::read::word::{Cell, WordDoc};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Reads the plan's budget-impact tables into `plan.budget` and returns what did not add up.
///
/// Call after the measures are read: funding lines naming a measure the plan lacks are reported.
pub fn read(doc: &WordDoc, plan: &mut Plan) -> Vec<Diagnostic> {
    let mut reader = Reader {
        file: &doc.file,
        diagnostics: Vec::new(),
    };
    let (headers, tables) = reader.tables(doc);
    if headers == 0 {
        if let Some(line) = doc.find_line(1, |l| !l.starts_cell && is_budget_heading(&l.text)) {
            reader.warn(
                line,
                "the budget-impact section has no table with a budget-programme column",
            );
        }
    }
    if tables.is_empty() {
        return reader.diagnostics;
    }
    plan.budget = reader.budget(doc, tables);
    reader.check_measures(plan);
    reader.diagnostics
}

/// "IV Ietekmes novērtējums uz valsts un pašvaldību budžetu", "6. Ietekmes novērtējums…".
fn is_budget_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("ietekmes novērtējums") && lower.contains("budžet")
}

/// "06.01.00": a budget programme or sub-programme code.
static PROGRAMME_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{2}\.\d{2}\.\d{2}\b").expect("valid regex"));

/// "14. Iekšlietu ministrija": a budget resort with its number.
static NUMBERED_RESORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.\s*(\D.*)$").expect("valid regex"));

/// "2025", "2025.": a year as a header or implementation-year cell prints it.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\.?$").expect("valid regex"));

/// How a table's columns are laid out: label columns, then one column per amount, then
/// (usually) the year the measure is implemented in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    /// Number of columns before the amounts (task, measure, ministry, programme…).
    labels: usize,
    /// The label column (by index) whose header names the budget resort ("Budžeta resors"):
    /// any name in it is a ministry, even without "ministrija".
    resort_column: Option<usize>,
    amounts: Vec<(FundingKind, Period)>,
    year_column: bool,
}

impl Layout {
    fn columns(&self) -> usize {
        self.labels + self.amounts.len() + usize::from(self.year_column)
    }
}

/// One budget table: its layout and rows, read but not yet placed.
#[derive(Debug)]
struct Table {
    header_line: usize,
    layout: Layout,
    rows: Vec<Row>,
}

/// A cell's value in the amount part of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Empty,
    /// "x": no implementation year (the measure is not limited in time).
    Cross,
    Amount(Cents),
    /// "2025." in the implementation-year column (not an amount: it has a dot).
    Year(String),
}

impl Token {
    fn read(text: &str) -> Option<Token> {
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
    fn fits_year_column(&self) -> bool {
        match self {
            Token::Cross | Token::Year(_) | Token::Empty => true,
            Token::Amount(cents) => {
                cents.0 % 100 == 0 && YEAR.is_match(&(cents.0 / 100).to_string())
            }
        }
    }

    /// The token may stand in an amount column.
    fn fits_amount_column(&self) -> bool {
        matches!(self, Token::Amount(_) | Token::Empty)
    }
}

/// Where a row's amounts can stand: one entry per amount column, plus the implementation year.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placement {
    values: Vec<Option<Cents>>,
    year: Option<String>,
    /// The row's empty cells fit around the amounts as well (they stood in empty columns).
    consistent: bool,
}

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
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
struct Row {
    lines: (usize, usize),
    level: Level,
    ministry: Option<Ministry>,
    programmes: Vec<Programme>,
    within_budget: bool,
    measures: Vec<String>,
    /// Possible placements of the amounts, best first before reconciling.
    placements: Vec<Placement>,
    /// Index into `placements` chosen by [`place_rows`].
    chosen: usize,
    /// The row had as many cells as the header has columns: placed by position.
    complete: bool,
    /// The text of a one-cell row right under this one ("Detalizēts aprēķins: …").
    note: Option<String>,
}

impl Row {
    fn values(&self) -> &[Option<Cents>] {
        self.placements
            .get(self.chosen)
            .map_or(&[], |p| p.values.as_slice())
    }

    fn year(&self) -> Option<&str> {
        self.placements.get(self.chosen)?.year.as_deref()
    }

    fn value(&self, column: usize) -> Cents {
        self.values()
            .get(column)
            .copied()
            .flatten()
            .unwrap_or_default()
    }

    /// How diagnostics name the row: "06.01.00 (line 495)", "1.8 → 06.01.00 (lines 805–817)".
    fn name(&self) -> String {
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

/// A row whose amounts must equal the sum of its children's, column by column.
#[derive(Debug, Clone)]
struct Group {
    parent: usize,
    children: Vec<usize>,
}

struct Reader<'a> {
    file: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, message));
    }

    /// Finds every budget table and reads its rows; also returns how many headers were seen (an
    /// excerpt may cut a table after its header).
    fn tables(&mut self, doc: &WordDoc) -> (usize, Vec<Table>) {
        let cells: Vec<Cell> = doc
            .cells(1..doc.last_line() + 1)
            .into_iter()
            .filter(|c| c.tabbed)
            .collect();
        let fragments = fragments(doc, cells);
        let starts: Vec<usize> = fragments
            .iter()
            .enumerate()
            .filter(|(_, f)| is_budget_header(f))
            .map(|(i, _)| i)
            .collect();
        let mut tables = Vec::new();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(fragments.len());
            if let Some(table) = self.table(&fragments[start..end]) {
                tables.push(table);
            }
        }
        (starts.len(), tables)
    }

    /// Reads one table: its header fragment, the period row, and the rows up to `end`.
    fn table(&mut self, fragments: &[Vec<Cell>]) -> Option<Table> {
        let header = &fragments[0];
        let header_line = header
            .iter()
            .find(|c| fold(&c.text).contains("budžeta programm"))
            .map_or(header[0].first_line, |c| c.first_line);
        let mut rest = fragments[1..]
            .iter()
            .skip_while(|f| f.iter().all(Cell::is_empty));
        // A header without a row of years is not a table this reader can place amounts in (an
        // excerpt that ends after the header, or a table of another kind).
        let periods = rest.next()?;
        if !periods.iter().any(|c| period(&c.text).is_some()) {
            return None;
        }
        let layout = self.layout(header, periods)?;
        let mut raw_rows: Vec<Vec<Cell>> = Vec::new();
        for fragment in rest {
            // Another kind of table (a measure table with its own header) ends this one.
            if map_header(fragment).is_some() {
                break;
            }
            match raw_rows.last_mut() {
                Some(row) if continues(row, fragment, layout.columns()) => {
                    row.extend(fragment.iter().cloned());
                }
                _ => raw_rows.push(fragment.clone()),
            }
        }
        let rows = self.rows(&layout, &raw_rows);
        Some(Table {
            header_line,
            layout,
            rows,
        })
    }

    /// The column layout from the header row (group order, label kinds) and the period row.
    fn layout(&mut self, header: &[Cell], periods: &[Cell]) -> Option<Layout> {
        let programme_at = header
            .iter()
            .position(|c| fold(&c.text).contains("budžeta programm"))
            .unwrap_or(0);
        // Header cells before the programme column that look like headers (short), nearest
        // first: a heading glued to the header row's first cell is not a column.
        let label_headers: Vec<String> = header[..=programme_at]
            .iter()
            .rev()
            .take_while(|c| c.text.split_whitespace().count() <= 8)
            .map(|c| fold(&c.text))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let mut groups = Vec::new();
        let mut year_column = false;
        for cell in &header[programme_at + 1..] {
            let text = fold(&cell.text);
            if text.contains("papildu") {
                groups.push(FundingKind::Additional);
            } else if text.contains("plānot") {
                groups.push(FundingKind::Planned);
            } else if text.contains("īstenošanas gad") || text.contains("izpildes gad") {
                year_column = true;
            }
        }
        if groups.is_empty() {
            groups = vec![FundingKind::Planned, FundingKind::Additional];
        }
        let leading_empty = periods.iter().take_while(|c| c.is_empty()).count();
        let labels = if leading_empty > 0 {
            leading_empty
        } else {
            label_headers.len()
        };
        let mut amounts = Vec::new();
        let mut group = 0;
        let mut last_year: Option<i32> = None;
        for cell in periods.iter().skip(leading_empty) {
            let Some(period) = period(&cell.text) else {
                continue;
            };
            if let (Period::Year(year), Some(last)) = (period, last_year) {
                if year <= last {
                    group += 1;
                }
            }
            if let Period::Year(year) = period {
                last_year = Some(year);
            }
            if group >= groups.len() {
                self.warn(
                    cell.first_line,
                    format!(
                        "budget table: the period row starts more runs of years than the header has column groups ({}); the extra columns are read as {}",
                        groups.len(),
                        kind_name(groups[groups.len() - 1])
                    ),
                );
                group = groups.len() - 1;
            }
            amounts.push((groups[group], period));
        }
        // Label headers, aligned to the label columns from the right (the programme column is
        // the last label column).
        let mut resort_column = None;
        for (from_right, text) in label_headers.iter().rev().enumerate() {
            let Some(column) = labels.checked_sub(from_right + 1) else {
                break;
            };
            if text.contains("resors") {
                resort_column = Some(column);
            }
        }
        Some(Layout {
            labels,
            resort_column,
            amounts,
            year_column,
        })
    }

    /// Reads each raw row's labels and possible amount placements, and ties rows to the
    /// measure and ministry blocks they stand in.
    fn rows(&mut self, layout: &Layout, raw_rows: &[Vec<Cell>]) -> Vec<Row> {
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

    /// Places the rows' amounts, checks the sums and collects the funding lines.
    fn budget(&mut self, doc: &WordDoc, tables: Vec<Table>) -> Budget {
        let tables: Vec<(Table, Vec<Group>)> = tables
            .into_iter()
            .map(|mut table| {
                let groups = groups(&table.rows);
                for row in place_rows(&mut table.rows, &groups) {
                    let r = &table.rows[row];
                    let message = format!(
                        "budget row {} has fewer cells than the header; its amounts fit more than one set of columns equally well and were placed in {}",
                        r.name(),
                        describe_columns(&table.layout, r.values())
                    );
                    self.warn(r.lines.0, message);
                }
                (table, groups)
            })
            .collect();
        for (table, groups) in &tables {
            for group in groups {
                self.check_group(table, group);
            }
        }
        let ministries = ministries_by_programme(&tables);
        let codes = ministry_codes(&tables);
        // The most detailed table (the last one with measure rows) gives the lines.
        let detailed = tables
            .iter()
            .rposition(|(t, _)| t.rows.iter().any(|r| r.level == Level::Leaf))
            .unwrap_or(tables.len() - 1);
        let mut budget = Budget::default();
        {
            let (table, _) = &tables[detailed];
            let source_level = if table.rows.iter().any(|r| r.level == Level::Leaf) {
                Level::Leaf
            } else {
                Level::ProgrammeSummary
            };
            for row in table.rows.iter().filter(|r| r.level == source_level) {
                let Some(programme) = row.programmes.first() else {
                    continue;
                };
                let ministry = ministries
                    .get(&programme.code)
                    .cloned()
                    .or_else(|| row.ministry.clone())
                    .map(|m| with_code(m, &codes));
                if row.within_budget {
                    budget.within_budget.push(WithinBudget {
                        measures: row.measures.clone(),
                        programmes: row.programmes.clone(),
                        // Existing budgets are what the budget law plans ("vidēja termiņa
                        // budžeta ietvara likumā plānotais"), never the additional need.
                        kind: FundingKind::Planned,
                        source_lines: row.lines,
                        note: row.note.clone(),
                    });
                }
                for (column, &(kind, period)) in table.layout.amounts.iter().enumerate() {
                    let amount = row.value(column);
                    if amount.0 != 0 {
                        budget.lines.push(FundingLine {
                            ministry: ministry.clone(),
                            programme: programme.clone(),
                            measures: row.measures.clone(),
                            kind,
                            period,
                            amount,
                            source_lines: row.lines,
                            note: row.note.clone(),
                        });
                    }
                }
            }
        }
        if let Some(total) = tables.iter().find_map(|(t, _)| {
            t.rows
                .iter()
                .find(|r| r.level == Level::Total)
                .map(|r| (t, r))
        }) {
            let (table, row) = total;
            budget.printed_total = table
                .layout
                .amounts
                .iter()
                .enumerate()
                .map(|(column, &(kind, period))| PeriodAmount {
                    kind,
                    period,
                    amount: row.value(column),
                })
                .collect();
        }
        for (i, (other, _)) in tables.iter().enumerate() {
            if i != detailed {
                self.cross_check(other, &tables[detailed].0, &budget);
            }
        }
        self.check_footnotes(doc, &budget);
        budget
    }

    /// Warns, per column, where a group's children do not add up to its parent.
    fn check_group(&mut self, table: &Table, group: &Group) {
        let parent = &table.rows[group.parent];
        for (column, &(kind, period)) in table.layout.amounts.iter().enumerate() {
            let printed = parent.value(column);
            let sum: Cents = group
                .children
                .iter()
                .map(|&c| table.rows[c].value(column))
                .sum();
            if printed != sum {
                let children: Vec<String> = group
                    .children
                    .iter()
                    .filter(|&&c| table.rows[c].value(column).0 != 0)
                    .map(|&c| {
                        format!(
                            "{} {}",
                            table.rows[c].name(),
                            eur(table.rows[c].value(column))
                        )
                    })
                    .collect();
                let message = format!(
                    "budget: the rows under {} add up to {} in {} {}, the row prints {} (difference {}); rows: {}",
                    parent.name(),
                    eur(sum),
                    kind_name(kind),
                    period,
                    eur(printed),
                    eur(printed - sum),
                    if children.is_empty() { "none with an amount".to_string() } else { children.join(", ") }
                );
                self.warn(parent.lines.0, message);
            }
        }
    }

    /// Compares a summary table's total and programme sums with the detailed table's lines.
    fn cross_check(&mut self, summary: &Table, detailed: &Table, budget: &Budget) {
        let line_sum = |kind: FundingKind, period: Period, code: Option<&str>| -> Cents {
            budget
                .lines
                .iter()
                .filter(|l| l.kind == kind && l.period == period)
                .filter(|l| code.is_none_or(|c| l.programme.code == c))
                .map(|l| l.amount)
                .sum()
        };
        for row in &summary.rows {
            let code = match row.level {
                Level::Total => None,
                Level::Leaf | Level::ProgrammeSummary => match row.programmes.first() {
                    Some(p) => Some(p.code.as_str()),
                    None => continue,
                },
                _ => continue,
            };
            // Several summary rows for one programme are compared as their sum.
            let rows_for_code: Vec<&Row> = summary
                .rows
                .iter()
                .filter(|r| {
                    code.is_some()
                        && matches!(r.level, Level::Leaf | Level::ProgrammeSummary)
                        && r.programmes.first().map(|p| p.code.as_str()) == code
                })
                .collect();
            if code.is_some() && !std::ptr::eq(rows_for_code[0], row) {
                continue;
            }
            for (column, &(kind, period)) in summary.layout.amounts.iter().enumerate() {
                let printed: Cents = if code.is_some() {
                    rows_for_code.iter().map(|r| r.value(column)).sum()
                } else {
                    row.value(column)
                };
                let computed = line_sum(kind, period, code);
                if printed != computed {
                    let message = format!(
                        "budget: the table at line {} prints {} for {} in {} {}, the rows of the table at line {} add up to {} (difference {})",
                        summary.header_line,
                        eur(printed),
                        code.unwrap_or("the total"),
                        kind_name(kind),
                        period,
                        detailed.header_line,
                        eur(computed),
                        eur(printed - computed)
                    );
                    self.warn(row.lines.0, message);
                }
            }
            // The same measure's implementation year in both tables.
            if row.level == Level::Leaf {
                let twin = detailed.rows.iter().find(|d| {
                    d.level == Level::Leaf
                        && d.measures == row.measures
                        && d.programmes.first() == row.programmes.first()
                });
                if let (Some(twin), Some(year)) = (twin, row.year()) {
                    if let Some(other) = twin.year() {
                        if year.trim_end_matches('.') != other.trim_end_matches('.') {
                            let message = format!(
                                "budget: {} gives the implementation year {year}, the table at line {} gives {other} for the same measure ({})",
                                row.name(),
                                detailed.header_line,
                                twin.name()
                            );
                            self.warn(row.lines.0, message);
                        }
                    }
                }
            }
        }
    }

    /// A footnote saying which measures are *not* within existing budgets ("…budžeta ietvaros
    /// (visi pasākumi, izņemot Nr. 5 un 7.1)…") must name the measures the table funds.
    fn check_footnotes(&mut self, doc: &WordDoc, budget: &Budget) {
        static EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"izņemot\s+(?:Nr\.\s*)?((?:\d+(?:\.\d+)*\.?)(?:\s*(?:,|un)\s*(?:Nr\.\s*)?\d+(?:\.\d+)*\.?)*)")
                .expect("valid regex")
        });
        let funded: BTreeSet<String> = budget
            .lines
            .iter()
            .flat_map(|l| l.measures.iter().cloned())
            .collect();
        for footnote in &doc.footnotes {
            let lower = footnote.text.to_lowercase();
            if !lower.contains("budžeta ietvaros") {
                continue;
            }
            let Some(caps) = EXCEPT.captures(&footnote.text) else {
                continue;
            };
            let named: BTreeSet<String> = caps[1]
                .split([',', ' '])
                .map(|p| p.trim().trim_end_matches('.'))
                .filter(|p| !p.is_empty() && p.starts_with(|c: char| c.is_ascii_digit()))
                .map(str::to_string)
                .collect();
            if named != funded {
                let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
                let message = format!(
                    "budget: footnote {} says every measure except {} is carried out within existing budgets, but the table funds {}; the portal follows the table",
                    footnote.number,
                    list(&named),
                    if funded.is_empty() { "none".to_string() } else { list(&funded) }
                );
                self.warn(footnote.line, message);
            }
        }
    }

    /// Funding lines must name measures the plan has (as a measure or as a result's parent).
    fn check_measures(&mut self, plan: &Plan) {
        let known: BTreeSet<&str> = plan
            .measures
            .iter()
            .flat_map(|m| std::iter::once(m.id.as_str()).chain(m.parent.as_deref()))
            .collect();
        let mut reported = BTreeSet::new();
        let named = plan
            .budget
            .lines
            .iter()
            .map(|l| (&l.measures, l.source_lines.0))
            .chain(
                plan.budget
                    .within_budget
                    .iter()
                    .map(|w| (&w.measures, w.source_lines.0)),
            );
        let mut unknown = Vec::new();
        for (measures, line) in named {
            for id in measures {
                if !known.contains(id.as_str()) && reported.insert(id.clone()) {
                    unknown.push((line, id.clone()));
                }
            }
        }
        for (line, id) in unknown {
            self.warn(
                line,
                format!(
                    "budget row names measure {id}, which the plan's measure table does not have"
                ),
            );
        }
    }
}

/// Groups a table's cells into fragments: a blank line before a cell starts a new fragment.
fn fragments(doc: &WordDoc, cells: Vec<Cell>) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for cell in cells {
        let after_blank = cell.first_line > 1 && {
            let before = doc.line(cell.first_line - 1);
            before.is_blank() && !before.starts_cell
        };
        match out.last_mut() {
            Some(fragment) if !after_blank => fragment.push(cell),
            _ => out.push(vec![cell]),
        }
    }
    out
}

/// The fragment is a budget table's header: a programme-code column and a funding column.
fn is_budget_header(fragment: &[Cell]) -> bool {
    let texts: Vec<String> = fragment.iter().map(|c| fold(&c.text)).collect();
    texts
        .iter()
        .any(|t| t.contains("budžeta programm") && t.len() < 120)
        && texts.iter().any(|t| t.contains("finansējum"))
}

/// The fragment continues the row before it: Word split one row at a blank line inside a cell.
///
/// It does when the row has no amounts yet, both fit in the header's columns, and the fragment
/// does not start the way rows start (a total, a numbered ministry, a measure, a heading).
fn continues(row: &[Cell], fragment: &[Cell], columns: usize) -> bool {
    let has_amounts = row.iter().any(|c| {
        matches!(
            Token::read(&c.flat()),
            Some(Token::Amount(_) | Token::Cross)
        )
    });
    let first = fragment.iter().find(|c| !c.is_empty());
    row.iter().any(|c| !c.is_empty())
        && !has_amounts
        && row.len() + fragment.len() <= columns
        && !first.is_some_and(|c| starts_row(&c.text))
}

fn starts_row(text: &str) -> bool {
    let folded = fold(text);
    is_total_label(text)
        || folded.contains("rīcības virzien")
        || resort_with_code(text).is_some()
        || measure_ids(text).is_some()
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
fn is_total_label(text: &str) -> bool {
    let folded = fold(text);
    folded
        .split_whitespace()
        .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == "kopā")
        && folded.split_whitespace().count() <= 8
        && !folded.starts_with(|c: char| c.is_ascii_digit())
}

/// "14. Iekšlietu ministrija" → the resort and its code; `None` for a measure ("1.4. Veikt…").
fn resort_with_code(text: &str) -> Option<Ministry> {
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
fn measure_ids(text: &str) -> Option<Vec<String>> {
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
fn programmes(text: &str) -> Vec<Programme> {
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

/// A header period cell: "2025.", "turpmākajā laikposmā līdz pasākuma pabeigšanai", "turpmāk ik
/// gadu".
fn period(text: &str) -> Option<Period> {
    let folded = fold(text);
    if folded.contains("ik gadu") {
        Some(Period::Annual)
    } else if folded.contains("turpmākajā") || folded.contains("pabeigšanai") {
        Some(Period::Later)
    } else {
        YEAR.captures(folded.trim())
            .and_then(|c| c[1].parse().ok())
            .map(Period::Year)
    }
}

/// Lower-case text with Word's hyphenation and line breaks folded away.
fn fold(text: &str) -> String {
    crate::read::word::collapse_spaces(&text.to_lowercase().replace("-\n", "").replace('\n', " "))
}

/// The placement of `tokens` (amount part of a row) into the given slots.
fn placement(layout: &Layout, tokens: &[Token], slots: &[usize], consistent: bool) -> Placement {
    let mut values = vec![None; layout.amounts.len()];
    let mut year = None;
    for (token, &slot) in tokens.iter().zip(slots) {
        match token {
            Token::Amount(cents) if slot < values.len() => values[slot] = Some(*cents),
            Token::Amount(cents) => year = Some((cents.0 / 100).to_string()),
            Token::Year(text) => year = Some(text.clone()),
            Token::Cross => year = Some("x".to_string()),
            Token::Empty => {}
        }
    }
    Placement {
        values,
        year,
        consistent,
    }
}

/// Every way to place the non-empty tokens of a short row in increasing slots, each marked
/// consistent when the row's empty cells also fit between them. Sorted: consistent first, then
/// earlier columns (the export drops trailing cells more often than leading ones).
fn candidates(
    layout: &Layout,
    tokens: &[Token],
    slots: usize,
    label_slack: usize,
) -> Vec<Placement> {
    let filled: Vec<(usize, &Token)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| **t != Token::Empty)
        .collect();
    let amount_slots = layout.amounts.len();
    let mut found: Vec<(bool, Vec<usize>)> = Vec::new();
    let mut current = Vec::new();
    fn walk(
        filled: &[(usize, &Token)],
        slots: usize,
        amount_slots: usize,
        current: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
    ) {
        let i = current.len();
        if i == filled.len() {
            found.push(current.clone());
            return;
        }
        let from = current.last().map_or(0, |s| s + 1);
        for slot in from..slots {
            let token = filled[i].1;
            let fits = if slot < amount_slots {
                token.fits_amount_column()
            } else {
                token.fits_year_column()
            };
            // Leave room for the tokens still to place.
            if fits && slots - slot >= filled.len() - i {
                current.push(slot);
                walk(filled, slots, amount_slots, current, found);
                current.pop();
            }
        }
    }
    let mut raw = Vec::new();
    walk(&filled, slots, amount_slots, &mut current, &mut raw);
    for slots_taken in raw {
        let consistent = empties_fit(tokens, &filled, &slots_taken, slots, label_slack);
        found.push((consistent, slots_taken));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let filled_tokens: Vec<Token> = filled.iter().map(|(_, t)| (*t).clone()).collect();
    let mut placements: Vec<Placement> = Vec::new();
    for (consistent, slots_taken) in found {
        let p = placement(layout, &filled_tokens, &slots_taken, consistent);
        if !placements
            .iter()
            .any(|q| q.values == p.values && q.year == p.year)
        {
            placements.push(p);
        }
    }
    placements
}

/// The empty cells between the placed tokens fit in the gaps the placement leaves.
fn empties_fit(
    tokens: &[Token],
    filled: &[(usize, &Token)],
    slots_taken: &[usize],
    slots: usize,
    label_slack: usize,
) -> bool {
    let Some((&(first_index, _), &(last_index, _))) = filled.first().zip(filled.last()) else {
        return true;
    };
    let leading = first_index;
    let trailing = tokens.len() - 1 - last_index;
    if leading > slots_taken[0] + label_slack
        || trailing > slots - 1 - slots_taken[slots_taken.len() - 1]
    {
        return false;
    }
    filled
        .windows(2)
        .zip(slots_taken.windows(2))
        .all(|(pair, slot_pair)| {
            let empties = pair[1].0 - pair[0].0 - 1;
            slot_pair[1] - slot_pair[0] > empties
        })
}

/// The groups of rows that must add up, from the rows' levels and order.
///
/// The total is the sum of the next level present under it (ministry totals, else programme
/// summaries, else measure rows); a ministry total is the sum of that level's rows up to the
/// next ministry; a programme summary is the sum of the measure rows for its programme; a
/// measure total is the sum of its results' rows.
fn groups(rows: &[Row]) -> Vec<Group> {
    let mut groups = Vec::new();
    let indices = |level: Level| -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.level == level)
            .map(|(i, _)| i)
            .collect()
    };
    let ministry_totals = indices(Level::MinistryTotal);
    let summaries = indices(Level::ProgrammeSummary);
    let leaves = indices(Level::Leaf);
    let below_ministry = if summaries.is_empty() {
        &leaves
    } else {
        &summaries
    };
    let below_total = if !ministry_totals.is_empty() {
        &ministry_totals
    } else {
        below_ministry
    };
    for total in indices(Level::Total) {
        groups.push(Group {
            parent: total,
            children: below_total.clone(),
        });
    }
    for (n, &ministry) in ministry_totals.iter().enumerate() {
        let end = ministry_totals.get(n + 1).copied().unwrap_or(rows.len());
        groups.push(Group {
            parent: ministry,
            children: below_ministry
                .iter()
                .copied()
                .filter(|&i| i > ministry && i < end)
                .collect(),
        });
    }
    if !leaves.is_empty() {
        for &summary in &summaries {
            let code = rows[summary].programmes.first().map(|p| &p.code);
            groups.push(Group {
                parent: summary,
                children: leaves
                    .iter()
                    .copied()
                    .filter(|&i| rows[i].programmes.first().map(|p| &p.code) == code)
                    .collect(),
            });
        }
    }
    for measure in indices(Level::MeasureTotal) {
        let prefixes: Vec<String> = rows[measure]
            .measures
            .iter()
            .map(|m| format!("{m}."))
            .collect();
        groups.push(Group {
            parent: measure,
            children: leaves
                .iter()
                .copied()
                .filter(|&i| {
                    !rows[i].measures.is_empty()
                        && rows[i]
                            .measures
                            .iter()
                            .all(|m| prefixes.iter().any(|p| m.starts_with(p.as_str())))
                })
                .collect(),
        });
    }
    groups
}

/// Chooses each short row's placement so that the most (group, column) sums add up, by
/// coordinate ascent from the default placements. Returns the short rows whose choice the sums
/// do not decide (placements with different amounts score the same).
fn place_rows(rows: &mut [Row], groups: &[Group]) -> Vec<usize> {
    let involved: Vec<Vec<&Group>> = (0..rows.len())
        .map(|r| {
            groups
                .iter()
                .filter(|g| g.parent == r || g.children.contains(&r))
                .collect()
        })
        .collect();
    // The score of a row's placement: matching columns in its groups, then consistency.
    let key = |rows: &mut [Row], row: usize, choice: usize| -> (usize, bool) {
        let kept = rows[row].chosen;
        rows[row].chosen = choice;
        let score = involved[row]
            .iter()
            .map(|g| matching_columns(rows, g))
            .sum();
        rows[row].chosen = kept;
        // A row whose amounts fit no placement has none (it was reported when it was read).
        let consistent = rows[row]
            .placements
            .get(choice)
            .is_some_and(|p| p.consistent);
        (score, consistent)
    };
    for _ in 0..20 {
        let mut changed = false;
        for row in 0..rows.len() {
            let mut best = rows[row].chosen;
            let mut best_key = key(rows, row, best);
            for choice in 0..rows[row].placements.len() {
                let k = key(rows, row, choice);
                if k > best_key {
                    best = choice;
                    best_key = k;
                }
            }
            changed |= best != rows[row].chosen;
            rows[row].chosen = best;
        }
        if !changed {
            break;
        }
    }
    let mut ambiguous = Vec::new();
    for row in 0..rows.len() {
        if rows[row].complete || rows[row].placements.len() < 2 {
            continue;
        }
        let chosen = key(rows, row, rows[row].chosen);
        let mut tied: Vec<Vec<Option<Cents>>> = Vec::new();
        for choice in 0..rows[row].placements.len() {
            if key(rows, row, choice) == chosen {
                let values = nonzero(&rows[row].placements[choice].values);
                if !tied.contains(&values) {
                    tied.push(values);
                }
            }
        }
        if tied.len() > 1 {
            ambiguous.push(row);
        }
    }
    ambiguous
}

/// The amounts with zeros read as empty: where a zero stands changes no sum.
fn nonzero(values: &[Option<Cents>]) -> Vec<Option<Cents>> {
    values.iter().map(|v| v.filter(|c| c.0 != 0)).collect()
}

/// Number of amount columns where the group adds up.
fn matching_columns(rows: &[Row], group: &Group) -> usize {
    let columns = rows[group.parent].values().len();
    (0..columns)
        .filter(|&c| {
            let sum: Cents = group.children.iter().map(|&i| rows[i].value(c)).sum();
            sum == rows[group.parent].value(c)
        })
        .count()
}

/// Ministry of each programme code, from rows that tie them (a ministry column, a block).
fn ministries_by_programme(tables: &[(Table, Vec<Group>)]) -> BTreeMap<String, Ministry> {
    let mut map = BTreeMap::new();
    for (table, _) in tables {
        for row in &table.rows {
            if let (Some(p), Some(m)) = (row.programmes.first(), &row.ministry) {
                map.entry(p.code.clone()).or_insert_with(|| m.clone());
            }
        }
    }
    // A ministry total row covers the programme rows under it that name no resort themselves.
    for (table, groups) in tables {
        for group in groups {
            let parent = &table.rows[group.parent];
            if parent.level != Level::MinistryTotal {
                continue;
            }
            if let Some(m) = &parent.ministry {
                for &child in &group.children {
                    if let Some(p) = table.rows[child].programmes.first() {
                        map.insert(p.code.clone(), m.clone());
                    }
                }
            }
        }
    }
    map
}

/// Budget codes of resorts by name, from rows that print them ("14. Iekšlietu ministrija").
fn ministry_codes(tables: &[(Table, Vec<Group>)]) -> BTreeMap<String, String> {
    tables
        .iter()
        .flat_map(|(t, _)| &t.rows)
        .filter_map(|r| r.ministry.as_ref())
        .filter_map(|m| Some((m.name.clone(), m.code.clone()?)))
        .collect()
}

fn with_code(ministry: Ministry, codes: &BTreeMap<String, String>) -> Ministry {
    let code = ministry.code.or_else(|| codes.get(&ministry.name).cloned());
    Ministry { code, ..ministry }
}

fn codes(programmes: &[Programme]) -> String {
    programmes
        .iter()
        .map(|p| p.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_name(kind: FundingKind) -> &'static str {
    match kind {
        FundingKind::Planned => "planned",
        FundingKind::Additional => "additional",
    }
}

/// An amount in a diagnostic: "3800586 EUR", "101898.68 EUR".
fn eur(amount: Cents) -> String {
    format!("{} EUR", amount.to_decimal())
}

/// "additional 2025: 724526 EUR, additional 2026: …" for a placement.
fn describe_columns(layout: &Layout, values: &[Option<Cents>]) -> String {
    let parts: Vec<String> = layout
        .amounts
        .iter()
        .zip(values)
        .filter_map(|(&(kind, period), v)| {
            v.map(|v| format!("{} {period}: {}", kind_name(kind), eur(v)))
        })
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests;
