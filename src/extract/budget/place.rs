//! The amount-placement solver. A short row's amounts may stand in several sets of columns;
//! the rows of a table form groups that must add up (a programme's measure rows to its
//! programme row, programme rows to the total), and each short row takes the placement under
//! which the most groups add up.

use super::rows::{Level, Row, Token};
use super::table::Layout;
use crate::model::budget::Cents;

/// Where a row's amounts can stand: one entry per amount column, plus the implementation year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placement {
    pub(super) values: Vec<Option<Cents>>,
    pub(super) year: Option<String>,
    /// The row's empty cells fit around the amounts as well (they stood in empty columns).
    consistent: bool,
}

/// A row whose amounts must equal the sum of its children's, column by column.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) parent: usize,
    pub(super) children: Vec<usize>,
}

/// The placement of `tokens` (amount part of a row) into the given slots.
pub(super) fn placement(
    layout: &Layout,
    tokens: &[Token],
    slots: &[usize],
    consistent: bool,
) -> Placement {
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
pub(super) fn candidates(
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
pub(super) fn groups(rows: &[Row]) -> Vec<Group> {
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
pub(super) fn place_rows(rows: &mut [Row], groups: &[Group]) -> Vec<usize> {
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
pub(super) fn nonzero(values: &[Option<Cents>]) -> Vec<Option<Cents>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::budget::{FundingKind, Period, Programme};

    /// Planned funding for 2025 and 2026, then (when `year_column`) the implementation year.
    fn layout(year_column: bool) -> Layout {
        Layout {
            labels: 2,
            resort_column: None,
            amounts: vec![
                (FundingKind::Planned, Period::Year(2025)),
                (FundingKind::Planned, Period::Year(2026)),
            ],
            year_column,
        }
    }

    fn euros(amount: i64) -> Token {
        Token::Amount(Cents(amount * 100))
    }

    fn values(placement: &Placement) -> Vec<Option<i64>> {
        placement
            .values
            .iter()
            .map(|v| v.map(|c| c.0 / 100))
            .collect()
    }

    /// A row of `level` for programme 06.01.00: placed by position when `complete`, else with
    /// every candidate placement of its amounts.
    fn row(level: Level, measures: &[&str], tokens: &[Token], complete: bool) -> Row {
        let layout = layout(false);
        let placements = if complete {
            let slots: Vec<usize> = (0..tokens.len()).collect();
            vec![placement(&layout, tokens, &slots, true)]
        } else {
            candidates(&layout, tokens, layout.amounts.len(), 0)
        };
        Row {
            lines: (1, 1),
            level,
            ministry: None,
            programmes: vec![Programme {
                code: "06.01.00".to_string(),
                name: "Valsts policija".to_string(),
            }],
            within_budget: false,
            measures: measures.iter().map(|m| m.to_string()).collect(),
            placements,
            chosen: 0,
            complete,
            note: None,
        }
    }

    #[test]
    fn candidates_keep_the_order_and_put_consistent_early_columns_first() {
        // Three cells, the middle one empty, for three columns: only "first and last" leaves
        // room for the empty cell between them.
        let mut wide = layout(false);
        wide.amounts.push((FundingKind::Additional, Period::Later));
        let found = candidates(&wide, &[euros(100), Token::Empty, euros(200)], 3, 0);
        let placed: Vec<(Vec<Option<i64>>, bool)> =
            found.iter().map(|p| (values(p), p.consistent)).collect();
        assert_eq!(
            placed,
            [
                (vec![Some(100), None, Some(200)], true),
                (vec![Some(100), Some(200), None], false),
                (vec![None, Some(100), Some(200)], false),
            ]
        );
    }

    #[test]
    fn only_years_and_crosses_stand_in_the_year_column() {
        let layout = layout(true);
        let found = candidates(&layout, &[euros(5000), Token::Year("2025.".into())], 3, 0);
        let placed: Vec<(Vec<Option<i64>>, Option<&str>)> = found
            .iter()
            .map(|p| (values(p), p.year.as_deref()))
            .collect();
        assert_eq!(
            placed,
            [
                (vec![Some(5000), None], Some("2025.")),
                (vec![None, Some(5000)], Some("2025.")),
            ]
        );
        // An amount that is no year cannot stand there.
        assert!(candidates(&layout, &[euros(1), euros(2), euros(3)], 3, 0).is_empty());
    }

    #[test]
    fn the_total_sums_the_summaries_and_each_summary_its_measure_rows() {
        let rows = vec![
            row(Level::Total, &[], &[euros(300), euros(0)], true),
            row(Level::ProgrammeSummary, &[], &[euros(300), euros(0)], true),
            row(Level::Leaf, &["1.1"], &[euros(100), euros(0)], true),
            row(Level::Leaf, &["1.2"], &[euros(200), euros(0)], true),
        ];
        let found: Vec<(usize, Vec<usize>)> = groups(&rows)
            .into_iter()
            .map(|g| (g.parent, g.children))
            .collect();
        assert_eq!(found, [(0, vec![1]), (1, vec![2, 3])]);
    }

    #[test]
    fn a_short_row_takes_the_columns_where_its_group_adds_up() {
        // The total's 2026 column needs the short row's 200; its first candidate is 2025.
        let mut rows = vec![
            row(Level::Total, &[], &[euros(100), euros(400)], true),
            row(Level::Leaf, &["1.1"], &[euros(100), euros(200)], true),
            row(Level::Leaf, &["1.2"], &[euros(200)], false),
        ];
        assert_eq!(values(&rows[2].placements[0]), [Some(200), None]);
        let groups = groups(&rows);
        let ambiguous = place_rows(&mut rows, &groups);
        assert!(ambiguous.is_empty());
        assert_eq!(rows[2].values(), [None, Some(Cents(20000))]);
        assert_eq!(matching_columns(&rows, &groups[0]), 2);
    }

    #[test]
    fn a_short_row_the_sums_cannot_place_is_returned() {
        // Either column leaves one of the total's columns wrong: the sums do not decide.
        let mut rows = vec![
            row(Level::Total, &[], &[euros(300), euros(300)], true),
            row(Level::Leaf, &["1.1"], &[euros(100), euros(100)], true),
            row(Level::Leaf, &["1.2"], &[euros(200)], false),
        ];
        let groups = groups(&rows);
        assert_eq!(place_rows(&mut rows, &groups), [2]);
        // Zeros change no sum, so they do not make placements differ.
        assert_eq!(
            nonzero(&[Some(Cents(0)), Some(Cents(5))]),
            [None, Some(Cents(5))]
        );
    }
}
