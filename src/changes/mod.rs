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
use serde::Serialize;
use std::collections::BTreeSet;

/// A change's own fields as the open data (`data/changes.json`) and `planportal diff --json`
/// write them: kinds and fields by name, lines as `[first, last]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRow {
    /// The measure's stable id (for two files: its number in the later one, the earlier one
    /// when removed).
    pub measure: String,
    pub kind: &'static str,
    pub field: Option<&'static str>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub before_lines: Option<[usize; 2]>,
    pub after_lines: Option<[usize; 2]>,
}

impl From<&Change> for ChangeRow {
    fn from(change: &Change) -> ChangeRow {
        ChangeRow {
            measure: change.measure.clone(),
            kind: change.kind.name(),
            field: change.field.map(|f| f.name()),
            before: change.before.clone(),
            after: change.after.clone(),
            before_lines: change.before_lines.map(|(a, b)| [a, b]),
            after_lines: change.after_lines.map(|(a, b)| [a, b]),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Structure};
    use chrono::NaiveDate;

    /// The trafficking plan 2025–2027 (a result plan), as adopted.
    const TRAFFICKING: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_5ef2c56a3aa0266d.txt"
    ));

    /// `text` with each `(find, replace)` applied once; each must be found.
    fn edited(text: &str, edits: &[(&str, &str)]) -> String {
        edits
            .iter()
            .fold(text.to_string(), |text, (find, replace)| {
                assert!(text.contains(find), "{find:?} is not in the text");
                text.replacen(find, replace, 1)
            })
    }

    /// The changes from `earlier` to `later`, both read as `structure`, as data rows, and the
    /// warnings of matching.
    fn changes(structure: Structure, earlier: &str, later: &str) -> (Vec<Change>, Vec<String>) {
        let (old, _) = extract(structure, "old.txt", earlier, "p");
        let (new, _) = extract(structure, "new.txt", later, "p");
        let comparison = compare(
            Side {
                file: "old.txt",
                measures: &old.measures,
            },
            Side {
                file: "new.txt",
                measures: &new.measures,
            },
            0,
        );
        let warnings = comparison
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect();
        (comparison.changes, warnings)
    }

    /// Each change as (measure, field, before, after).
    type FieldChange<'a> = (&'a str, Option<Field>, Option<&'a str>, Option<&'a str>);

    fn changed_fields(changes: &[Change]) -> Vec<FieldChange<'_>> {
        changes
            .iter()
            .map(|c| {
                let (before, after) = (c.before.as_deref(), c.after.as_deref());
                (c.measure.as_str(), c.field, before, after)
            })
            .collect()
    }

    /// The line of `text` that starts with `start` after its tabs (1-based).
    fn line_of(text: &str, start: &str) -> usize {
        1 + text
            .lines()
            .position(|l| l.trim_start_matches('\t').starts_with(start))
            .unwrap_or_else(|| panic!("no line starts with {start:?}"))
    }

    #[test]
    fn an_unchanged_document_has_no_changes() {
        let (changes, warnings) = changes(Structure::ResultPlan, TRAFFICKING, TRAFFICKING);
        assert!(changes.is_empty(), "{changes:?}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    /// The trafficking plan without result 2.2 ("… sociālajos tīklos"), as an amendment
    /// dropping it would print it: its lines, from the empty cell before it to the next measure.
    fn without_2_2(text: &str) -> String {
        let start = line_of(text, "2.2 Īstenoti") - 2;
        let end = line_of(text, "3. Īstenot informatīvus") - 1;
        let lines: Vec<&str> = text.lines().collect();
        let kept: Vec<&str> = lines[..start]
            .iter()
            .chain(&lines[end..])
            .copied()
            .collect();
        kept.join("\n") + "\n"
    }

    #[test]
    fn a_dropped_result_is_removed_with_its_lines_in_the_earlier_edition() {
        let later = without_2_2(TRAFFICKING);
        let (changes, warnings) = changes(Structure::ResultPlan, TRAFFICKING, &later);
        let line = line_of(TRAFFICKING, "2.2 Īstenoti");
        assert_eq!(
            changes,
            [Change {
                measure: "2.2".into(),
                from: 0,
                to: 1,
                kind: ChangeKind::Removed,
                field: None,
                before: Some(
                    "Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos".into()
                ),
                after: None,
                before_lines: Some((line, line + 4)),
                after_lines: None,
            }]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_moved_deadline_is_one_changed_field_with_both_editions_lines() {
        // Result 3.1's deadline moves from the end of 2025 to mid-2026, after 2.2 was dropped
        // (so its lines differ between the editions).
        let later = edited(
            &without_2_2(TRAFFICKING),
            &[(
                "\tLR Tiesībsargs, ĀM\n\t\n\t31.12.2025.",
                "\tLR Tiesībsargs, ĀM\n\t\n\t30.06.2026.",
            )],
        );
        let (changes, _) = changes(Structure::ResultPlan, TRAFFICKING, &later);
        let moved: Vec<&Change> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Changed)
            .collect();
        assert_eq!(moved.len(), 1, "{changes:?}");
        let (before, after) = (
            line_of(TRAFFICKING, "3.1. Īstenots"),
            line_of(&later, "3.1. Īstenots"),
        );
        assert_eq!(
            *moved[0],
            Change {
                measure: "3.1".into(),
                from: 0,
                to: 1,
                kind: ChangeKind::Changed,
                field: Some(Field::Deadline),
                before: Some("31.12.2025.".into()),
                after: Some("30.06.2026.".into()),
                before_lines: Some((before - 1, before + 5)),
                after_lines: Some((after - 1, after + 5)),
            }
        );
    }

    #[test]
    fn a_measure_that_gains_a_result_has_an_added_record() {
        // Measure 4 gains a second result, 4.2.
        let later = edited(
            TRAFFICKING,
            &[(
                "\t2.\u{a0}RĪCĪBAS VIRZIENS: ATBALSTS",
                "\t\n\t4.2. Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu\n\t· Apmācīti \
                 vismaz 50 iepirkumu speciālisti\n\tIeM, IUB\n\t\n\t31.12.2026.\n\n\t2.\u{a0}RĪCĪBAS \
                 VIRZIENS: ATBALSTS",
            )],
        );
        let (changes, warnings) = changes(Structure::ResultPlan, TRAFFICKING, &later);
        let line = line_of(&later, "4.2. Apmācīti");
        assert_eq!(
            changes,
            [Change {
                measure: "4.2".into(),
                from: 0,
                to: 1,
                kind: ChangeKind::Added,
                field: None,
                before: None,
                after: Some("Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu".into()),
                before_lines: None,
                after_lines: Some((line, line + 4)),
            }]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn an_action_plan_measure_that_gains_a_result_text_has_a_changed_result() {
        let plan = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/000_d0f431797d704579.txt"
        ));
        // In the earlier edition measure 1.1's result cell ("Darbības rezultāts") was empty.
        let line = line_of(plan, "Izstrādāt kritērijus, lai noteiktu");
        let result = plan.lines().nth(line - 1).unwrap().trim();
        let earlier = edited(plan, &[(plan.lines().nth(line - 1).unwrap(), "\t")]);
        let (changes, _) = changes(Structure::ActionPlan, &earlier, plan);
        let gained = changed_fields(&changes);
        assert_eq!(gained, [("1.1", Some(Field::Result), None, Some(result))]);
    }

    #[test]
    fn a_renumbered_result_stays_one_measure_beside_the_new_one_taking_its_number() {
        // A new result 3.2 is put before the old 3.2, which becomes 3.3.
        let later = edited(
            TRAFFICKING,
            &[(
                "\t3.2. Atjaunoti un Latvijas vēstniecībās",
                "\t3.2. Īstenots izglītojošais darbs jauniešu centru apmeklētājiem\n\t· Īstenotas \
                 vismaz 5 nodarbības par darba piedāvājumu riskiem\n\tIeM\n\t\n\t31.12.2026.\n\n\t\n\
                 \t3.3. Atjaunoti un Latvijas vēstniecībās",
            )],
        );
        let (changes, warnings) = changes(Structure::ResultPlan, TRAFFICKING, &later);
        let kinds: Vec<(&str, ChangeKind, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| {
                (
                    c.measure.as_str(),
                    c.kind,
                    c.before.as_deref(),
                    c.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "3.2",
                    ChangeKind::Added,
                    None,
                    Some("Īstenots izglītojošais darbs jauniešu centru apmeklētājiem")
                ),
                ("3.3", ChangeKind::Renumbered, Some("3.2"), Some("3.3")),
            ]
        );
        assert_eq!(
            changes[1].before_lines.map(|l| l.0),
            Some(line_of(TRAFFICKING, "3.2. Atjaunoti"))
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_reports_new_status_is_a_changed_status() {
        let report = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/004_0c544dbc52ece7e9.txt"
        ));
        // The year before, task 1.2 was still in progress.
        let earlier = edited(
            report,
            &[(
                "\tIzpildīts. Uzdevums tiks īstenots arī turpmāk\n",
                "\tIzpildes procesā\n",
            )],
        );
        let (changes, _) = changes(Structure::StatusReport, &earlier, report);
        let status = changed_fields(&changes);
        assert_eq!(
            status,
            [(
                "1.2",
                Some(Field::Status),
                Some("izpildes procesā"),
                Some("izpildīts")
            )]
        );
    }

    #[test]
    fn a_rewritten_result_the_matching_is_unsure_of_is_warned_about_naming_both_lines() {
        // Result 6.1 rewritten: only its indicator's words remain, its number and deadline.
        let later = edited(
            TRAFFICKING,
            &[(
                "6.1.Izstrādāts, aprobēts un ieviests rīks cilvēku tirdzniecības atpazīšanai",
                "6.1.Apmācīti sociālo dienestu darbinieki upuru identificēšanā",
            )],
        );
        let (changes, warnings) = changes(Structure::ResultPlan, TRAFFICKING, &later);
        let kinds: Vec<(&str, ChangeKind)> = changes
            .iter()
            .map(|c| (c.measure.as_str(), c.kind))
            .collect();
        assert_eq!(
            kinds,
            [("6.1", ChangeKind::Added), ("6.1", ChangeKind::Removed)]
        );
        // A result row starts at its measure's line when it is the measure's first result.
        let line = line_of(TRAFFICKING, "6. Izstrādāt un ieviest");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(&format!(
                "new.txt:{line}: warning: measure 6.1 (line {line}) may be measure 6.1 of the \
                 earlier edition (old.txt:{line})"
            )),
            "{}",
            warnings[0]
        );
    }

    fn measure(id: &str, title: &str) -> Measure {
        Measure {
            id: id.into(),
            title: title.into(),
            source_lines: (1, 2),
            ..Measure::default()
        }
    }

    fn plan(measures: Vec<Measure>) -> Plan {
        Plan {
            slug: "p".into(),
            measures,
            ..Plan::default()
        }
    }

    fn edition(source: &str, year: i32) -> Edition {
        Edition {
            source: source.into(),
            date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            note: None,
            url: None,
            lines: Vec::new(),
        }
    }

    #[test]
    fn stable_ids_follow_a_measure_to_the_current_edition_and_keep_removed_ones_apart() {
        let train = "Apmācīt robežsargus cilvēku tirdzniecības upuru atpazīšanā";
        let campaign = "Organizēt informatīvu kampaņu skolās par darba piedāvājumiem ārzemēs";
        let data = "Pilnveidot statistikas datu apmaiņu starp tiesībsargājošajām iestādēm";
        let plans = [
            plan(vec![
                measure("1", train),
                measure("2", campaign),
                measure("3", data),
            ]),
            // 2 dropped, 3 renumbered 2.
            plan(vec![measure("1", train), measure("2", data)]),
            // 2 dropped again: the number 2 is free, but the first measure that had it keeps it.
            plan(vec![measure("1", train)]),
        ];
        let editions = vec![
            edition("a.txt", 2023),
            edition("b.txt", 2024),
            edition("c.txt", 2025),
        ];
        let (history, diagnostics) = history("p", editions, &plans, "seeds/");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let changes: Vec<(usize, &str, ChangeKind)> = history
            .changes
            .iter()
            .map(|c| (c.from, c.measure.as_str(), c.kind))
            .collect();
        assert_eq!(
            changes,
            [
                (0, "2-2025-01-01", ChangeKind::Renumbered),
                (0, "2", ChangeKind::Removed),
                (1, "2-2025-01-01", ChangeKind::Removed),
            ]
        );
        let removed: Vec<(&str, usize, &str)> = history
            .removed
            .iter()
            .map(|r| (r.id.as_str(), r.removed_in, r.measure.title.as_str()))
            .collect();
        assert_eq!(removed, [("2", 1, campaign), ("2-2025-01-01", 2, data)]);
        assert_eq!(history.changes_of("2-2025-01-01").count(), 2);
    }
}
