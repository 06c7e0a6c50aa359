//! Finding budget tables in a Word export: a header fragment naming the programme and funding
//! columns, the period row under it that lays out the amount columns, and the rows up to the
//! next table (a row Word split at a blank line inside a cell is joined again).

use super::checks::kind_name;
use super::rows::{is_total_label, measure_ids, resort_with_code, Row, Token, YEAR};
use super::Reader;
use crate::model::budget::{FundingKind, Period};
use crate::read::table::map_header;
use crate::read::word::{Cell, WordDoc};

/// "IV Ietekmes novērtējums uz valsts un pašvaldību budžetu", "6. Ietekmes novērtējums…".
pub(super) fn is_budget_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("ietekmes novērtējums") && lower.contains("budžet")
}

/// How a table's columns are laid out: label columns, then one column per amount, then
/// (usually) the year the measure is implemented in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// Number of columns before the amounts (task, measure, ministry, programme…).
    pub(super) labels: usize,
    /// The label column (by index) whose header names the budget resort ("Budžeta resors"):
    /// any name in it is a ministry, even without "ministrija".
    pub(super) resort_column: Option<usize>,
    pub(super) amounts: Vec<(FundingKind, Period)>,
    pub(super) year_column: bool,
}

impl Layout {
    pub(super) fn columns(&self) -> usize {
        self.labels + self.amounts.len() + usize::from(self.year_column)
    }
}

/// One budget table: its layout and rows, read but not yet placed.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) header_line: usize,
    pub(super) layout: Layout,
    pub(super) rows: Vec<Row>,
}

impl Reader<'_> {
    /// Finds every budget table and reads its rows; also returns how many headers were seen (an
    /// excerpt may cut a table after its header).
    pub(super) fn tables(&mut self, doc: &WordDoc) -> (usize, Vec<Table>) {
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
pub(super) fn fold(text: &str) -> String {
    crate::read::word::collapse_spaces(&text.to_lowercase().replace("-\n", "").replace('\n', " "))
}
