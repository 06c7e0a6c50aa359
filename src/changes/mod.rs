//! What changed between editions of a plan: the stage between extraction and resolving.
//!
//! Each edition of a plan is extracted like any plan (by the driver); [`history`] matches the
//! measures of each pair of consecutive editions ([`matching`]), lists what was added, removed,
//! renumbered and changed field by field, and gives every measure its stable id (see
//! [`crate::model::changes`]). [`compare`] is the same comparison for any two extracted
//! documents, which `planportal diff` ([`cli`]) prints.
//!
//! **Boundary:** changes reads extracted measures only, never documents; its one dependency
//! outside the model is the search analyser, for the normalisation similarity is measured with.

pub mod cli;
pub mod matching;

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::model::changes::{Change, ChangeKind, Edition, Field, History, RemovedMeasure};
use crate::model::{Measure, Plan};
use std::collections::BTreeSet;

/// One document to compare: its measures and the file name diagnostics and messages use.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The file as messages name it ("seeds/002_x.txt").
    pub file: &'a str,
    pub measures: &'a [Measure],
}

/// What [`compare`] found between two documents.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// In the order of [`History::changes`], each naming its measure by its number in the
    /// later document (in the earlier one when removed).
    pub changes: Vec<Change>,
    /// Which measure is which.
    pub matching: matching::Matching,
    /// A warning for each pair the matching was unsure of.
    pub diagnostics: Vec<Diagnostic>,
}

/// The changes from `earlier` to `later` (editions `from` and `from + 1`). Pairs the matching
/// was unsure of get a warning at the later measure's line naming both lines.
pub fn compare(earlier: Side, later: Side, from: usize) -> Comparison {
    let matching = matching::match_measures(earlier.measures, later.measures);
    let mut changes = Vec::new();
    for (j, new) in later.measures.iter().enumerate() {
        let Some(i) = matching.earlier_of(j) else {
            changes.push(Change {
                measure: new.id.clone(),
                from,
                to: from + 1,
                kind: ChangeKind::Added,
                field: None,
                before: None,
                after: Field::Title.value(new),
                before_lines: None,
                after_lines: Some(new.source_lines),
            });
            continue;
        };
        let old = &earlier.measures[i];
        let change = |kind, field, before, after| Change {
            measure: new.id.clone(),
            from,
            to: from + 1,
            kind,
            field,
            before,
            after,
            before_lines: Some(old.source_lines),
            after_lines: Some(new.source_lines),
        };
        if old.id != new.id {
            changes.push(change(
                ChangeKind::Renumbered,
                None,
                Some(old.id.clone()),
                Some(new.id.clone()),
            ));
        }
        for field in Field::ALL {
            let (before, after) = (field.value(old), field.value(new));
            if before != after {
                changes.push(change(ChangeKind::Changed, Some(field), before, after));
            }
        }
    }
    for (i, old) in earlier.measures.iter().enumerate() {
        if matching.later_of(i).is_none() {
            changes.push(Change {
                measure: old.id.clone(),
                from,
                to: from + 1,
                kind: ChangeKind::Removed,
                field: None,
                before: Field::Title.value(old),
                after: None,
                before_lines: Some(old.source_lines),
                after_lines: None,
            });
        }
    }
    let diagnostics = matching
        .unsure
        .iter()
        .map(|unsure| {
            let (old, new) = (
                &earlier.measures[unsure.earlier],
                &later.measures[unsure.later],
            );
            let why = if unsure.ambiguous {
                "but another measure is about as similar"
            } else {
                "too little to be sure"
            };
            Diagnostic::warning(
                later.file,
                new.source_lines.0,
                format!(
                    "measure {} (line {}) may be measure {} of the earlier edition ({}:{}): \
                     their texts are {:.0}% alike, {why}, so they are listed as removed and \
                     added, not as one measure",
                    new.id,
                    new.source_lines.0,
                    old.id,
                    earlier.file,
                    old.source_lines.0,
                    unsure.similarity * 100.0
                ),
            )
        })
        .collect();
    Comparison {
        changes,
        matching,
        diagnostics,
    }
}

/// The history of the plan `slug` from its editions (oldest first) and the plan extracted from
/// each (same order; the last is the current plan). Diagnostics name each edition's seed as
/// `editions[i].source`; `seeds_prefix` is put before a seed's name where a message cites it.
pub fn history(
    slug: &str,
    editions: Vec<Edition>,
    plans: &[Plan],
    seeds_prefix: &str,
) -> (History, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut pair_changes = Vec::new();
    let mut links: Vec<matching::Matching> = Vec::new();
    let files: Vec<String> = editions
        .iter()
        .map(|e| format!("{seeds_prefix}{}", e.source))
        .collect();
    for from in 0..plans.len().saturating_sub(1) {
        let (earlier, later) = (&plans[from], &plans[from + 1]);
        let comparison = compare(
            Side {
                file: &files[from],
                measures: &earlier.measures,
            },
            Side {
                file: &editions[from + 1].source,
                measures: &later.measures,
            },
            from,
        );
        pair_changes.push(comparison.changes);
        links.push(comparison.matching);
        diagnostics.extend(comparison.diagnostics);
    }
    let ids = stable_ids(plans, &links, &editions);
    let mut removed = Vec::new();
    for (from, changes) in pair_changes.iter_mut().enumerate() {
        for change in changes.iter_mut() {
            let (edition, index) = match change.kind {
                ChangeKind::Removed => (from, position(&plans[from], &change.measure)),
                _ => (from + 1, position(&plans[from + 1], &change.measure)),
            };
            change.measure = ids[edition][index].clone();
            if change.kind == ChangeKind::Removed {
                removed.push(RemovedMeasure {
                    id: change.measure.clone(),
                    removed_in: from + 1,
                    measure: plans[from].measures[index].clone(),
                });
            }
        }
    }
    let history = History {
        plan: slug.to_string(),
        editions,
        changes: pair_changes.into_iter().flatten().collect(),
        removed,
    };
    (history, diagnostics)
}

/// The index of the measure numbered `id` in `plan` (numbers are unique: a repeat is an
/// extraction error).
fn position(plan: &Plan, id: &str) -> usize {
    plan.measures
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_default()
}

/// The stable id of every measure of every edition (`ids[edition][measure]`): the current
/// number of the measure it becomes, or for a measure that is dropped, its own number unless a
/// current measure or a measure dropped before it has that number, then `<number>-<date of the
/// edition that dropped it>`.
fn stable_ids(
    plans: &[Plan],
    links: &[matching::Matching],
    editions: &[Edition],
) -> Vec<Vec<String>> {
    let Some(current) = plans.last() else {
        return Vec::new();
    };
    let mut taken: BTreeSet<String> = current.measures.iter().map(|m| m.id.clone()).collect();
    // Ids of dropped measures, oldest edition first, so the first to drop a number keeps it.
    let mut dropped: Vec<Vec<Option<String>>> = Vec::new();
    for (from, link) in links.iter().enumerate() {
        let ids = plans[from]
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| {
                link.later_of(i).is_none().then(|| {
                    let id = if taken.contains(&m.id) {
                        format!("{}-{}", m.id, editions[from + 1].date)
                    } else {
                        m.id.clone()
                    };
                    taken.insert(id.clone());
                    id
                })
            })
            .collect();
        dropped.push(ids);
    }
    let mut ids: Vec<Vec<String>> = vec![current.measures.iter().map(|m| m.id.clone()).collect()];
    for (from, link) in links.iter().enumerate().rev() {
        let next = ids.first().cloned().unwrap_or_default();
        let these = plans[from]
            .measures
            .iter()
            .enumerate()
            .map(|(i, _)| match link.later_of(i) {
                Some(j) => next[j].clone(),
                None => dropped[from][i].clone().unwrap_or_default(),
            })
            .collect();
        ids.insert(0, these);
    }
    ids
}

/// One edition of a plan as the driver read it.
#[derive(Debug, Clone)]
pub struct EditionRead {
    /// Plan slug.
    pub plan: String,
    /// Index in the plan's [`crate::content::PlanContent::editions`].
    pub edition: usize,
    pub extracted: Plan,
    /// The seed's lines, cleaned.
    pub lines: Vec<String>,
}

/// The history of every plan of `content` that lists editions, from the editions read (in any
/// order). A plan with an edition that could not be read has none: that edition's error is
/// already reported, and a history without it would show changes that were not made.
pub fn histories(content: &Content, read: Vec<EditionRead>) -> (Vec<History>, Vec<Diagnostic>) {
    let mut histories = Vec::new();
    let mut diagnostics = Vec::new();
    let mut read: Vec<Option<EditionRead>> = read.into_iter().map(Some).collect();
    for entry in content.plans.iter().filter(|p| !p.editions.is_empty()) {
        let mut editions = Vec::new();
        let mut plans = Vec::new();
        for (index, edition) in entry.editions.iter().enumerate() {
            let found = read.iter_mut().find(|r| {
                r.as_ref()
                    .is_some_and(|r| r.plan == entry.slug && r.edition == index)
            });
            let Some(found) = found.and_then(Option::take) else {
                break;
            };
            editions.push(Edition {
                source: edition.source.clone(),
                date: edition.date,
                note: edition.note.clone(),
                url: edition.url.clone(),
                lines: found.lines,
            });
            plans.push(found.extracted);
        }
        if editions.len() == entry.editions.len() {
            let (history, found) = history(&entry.slug, editions, &plans, "seeds/");
            histories.push(history);
            diagnostics.extend(found);
        }
    }
    (histories, diagnostics)
}
