//! Editions of a plan and what changed between them.
//!
//! A plan whose front matter lists `[[editions]]` is read once per edition (each its own seed);
//! [`crate::changes`] matches the measures of each pair of consecutive editions and records the
//! differences here. Plain data: no I/O, no matching logic.
//!
//! **Measure identity.** A measure keeps one id across editions, its *stable id*: the number it
//! has in the current (last) edition; a measure no longer in the current edition keeps the number
//! it had in the last edition that held it, unless a current measure (or an earlier removed one)
//! has that number, in which case its id is `<number>-<date of the edition that dropped it>`
//! ("3.2-2026-03-01"). Stable ids are unique within a plan and are URL segments, so every measure
//! that was ever published keeps a page.

use super::Measure;
use chrono::NaiveDate;
use serde::Serialize;

/// One edition of a plan: a seed and the date it speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edition {
    /// The seed file name in `seeds/` ("002_5ef2c56a3aa0266d.txt").
    pub source: String,
    /// The edition's adoption or report date.
    pub date: NaiveDate,
    /// What the edition is ("Grozījumi, MK rīkojums Nr. 12"), as the front matter says.
    pub note: Option<String>,
    /// The edition's official publication, an `http(s)://` address.
    pub url: Option<String>,
    /// The seed's text, line `n` at `lines[n - 1]`, so pages can quote an earlier edition's
    /// lines without reading `seeds/` (the current edition's text is also in
    /// `Library.sources`).
    #[serde(skip)]
    pub lines: Vec<String>,
}

/// The editions of one plan and the changes between each consecutive pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct History {
    /// Plan slug.
    pub plan: String,
    /// Oldest first; the last is the current edition, the one `Plan.source` names.
    pub editions: Vec<Edition>,
    /// Every change, by the edition pair (oldest first), then in the order of the later
    /// edition's measures, removed measures after them in the earlier edition's order.
    pub changes: Vec<Change>,
    /// Measures that are not in the current edition, as the last edition holding them printed
    /// them, in the order they were removed.
    pub removed: Vec<RemovedMeasure>,
}

impl History {
    /// The changes to the measure with the stable id `measure`, oldest first.
    pub fn changes_of<'a>(&'a self, measure: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.changes.iter().filter(move |c| c.measure == measure)
    }

    /// The removed measure with the stable id `id`.
    pub fn removed_measure(&self, id: &str) -> Option<&RemovedMeasure> {
        self.removed.iter().find(|r| r.id == id)
    }
}

/// A measure that a later edition dropped. Its page stays, marked as removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedMeasure {
    /// The stable id (see the module documentation): the URL segment of its page.
    pub id: String,
    /// Index in [`History::editions`] of the first edition without it (never 0).
    pub removed_in: usize,
    /// The measure as edition `removed_in - 1` printed it: `measure.id` is the number printed
    /// there, `measure.source_lines` are lines of that edition's seed.
    pub measure: Measure,
}

/// One difference between two consecutive editions, about one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The measure's stable id.
    pub measure: String,
    /// Index in [`History::editions`] of the earlier edition; the later one is `from + 1`.
    pub from: usize,
    pub to: usize,
    pub kind: ChangeKind,
    /// The field that changed, for [`ChangeKind::Changed`]; `None` otherwise.
    pub field: Option<Field>,
    /// The earlier edition's value: the field's text (institutions joined by "; "), the old
    /// number when renumbered, the title when removed; `None` when added, or when the field
    /// was empty.
    pub before: Option<String>,
    /// The later edition's value, as `before`; the title when added, `None` when removed.
    pub after: Option<String>,
    /// The measure's first and last line in the earlier edition's seed; `None` when added.
    pub before_lines: Option<(usize, usize)>,
    /// The measure's first and last line in the later edition's seed; `None` when removed.
    pub after_lines: Option<(usize, usize)>,
}

/// What happened to a measure between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the later edition.
    Added,
    /// Only in the earlier edition.
    Removed,
    /// The same measure under another number (`before` → `after`).
    Renumbered,
    /// One field's text differs (one change per field).
    Changed,
}

impl ChangeKind {
    /// Every kind, in the order changes of one measure are listed.
    pub const ALL: [ChangeKind; 4] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Renumbered,
        ChangeKind::Changed,
    ];

    /// The name in the open data and `planportal diff --json`.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::Changed => "changed",
        }
    }
}

/// A measure field whose changes are recorded, in the order they are compared and listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    /// The parent measure's text (a result plan's measure, a report's task heading).
    ParentTitle,
    Result,
    Indicator,
    Responsible,
    CoResponsible,
    Involved,
    /// The deadline as printed.
    Deadline,
    /// The status term ("izpildīts"), for reports.
    Status,
    FundingNeeded,
    FundingAllocated,
}

impl Field {
    /// Every field, in comparison order.
    pub const ALL: [Field; 11] = [
        Field::Title,
        Field::ParentTitle,
        Field::Result,
        Field::Indicator,
        Field::Responsible,
        Field::CoResponsible,
        Field::Involved,
        Field::Deadline,
        Field::Status,
        Field::FundingNeeded,
        Field::FundingAllocated,
    ];

    /// The name in the open data and `planportal diff --json`, as the measures data names the
    /// column.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::ParentTitle => "parent_title",
            Field::Result => "result",
            Field::Indicator => "indicator",
            Field::Responsible => "responsible",
            Field::CoResponsible => "co_responsible",
            Field::Involved => "involved",
            Field::Deadline => "deadline",
            Field::Status => "status",
            Field::FundingNeeded => "funding_needed",
            Field::FundingAllocated => "funding_allocated",
        }
    }

    /// The field's value in `measure` as compared and shown: text as printed with spaces
    /// collapsed and footnote markers left out (a footnote added earlier in a document
    /// renumbers every later one, which changes no measure), institutions joined by "; ", the
    /// status term; `None` when empty.
    pub fn value(self, measure: &Measure) -> Option<String> {
        let text = |t: &str| {
            let t = crate::text::strip_footnote_markers(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (!t.is_empty()).then_some(t)
        };
        let list = |items: &[String]| {
            text(
                &items
                    .iter()
                    .map(|i| i.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        };
        match self {
            Field::Title => text(&measure.title),
            Field::ParentTitle => measure.parent_title.as_deref().and_then(text),
            Field::Result => measure.result.as_deref().and_then(text),
            Field::Indicator => measure.indicator.as_deref().and_then(text),
            Field::Responsible => list(&measure.responsible),
            Field::CoResponsible => list(&measure.co_responsible),
            Field::Involved => list(&measure.involved),
            Field::Deadline => text(&measure.deadline.raw),
            Field::Status => measure.status.map(|s| s.term().to_string()),
            Field::FundingNeeded => measure.funding_needed.as_deref().and_then(text),
            Field::FundingAllocated => measure.funding_allocated.as_deref().and_then(text),
        }
    }
}
