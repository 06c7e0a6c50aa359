//! Views of a plan's editions and what changed between them (issue 14): the editions on the plan
//! page, a measure's change history, the "Izmaiņas" pages of a plan and of the portal, the page a
//! removed measure keeps, and the source viewer of earlier editions (so every change links the
//! lines of both editions).
//!
//! All of it appears only for plans with more than one edition ([`History`] with two or more
//! editions): a plan with a single `source` renders as before.

use super::document::{lines_in, numeric_date, DocumentView};
use super::measure::{excerpt, role_label, MeasurePlace, MeasureView, RoleView, SourceView};
use super::source::{numbered, SourceDocView};
use super::{budget, plain_title, DateView, Link, Page, PageHead, Pages, Segment};
use crate::model::changes::{Change, ChangeKind, Edition, Field, History, RemovedMeasure};
use crate::model::Plan;
use crate::render::latvian;
use crate::resolve::{urls, Role};
use crate::text::strip_footnote_markers;
use serde::Serialize;

/// One edition as pages name it.
#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    /// "Redakcija 01.03.2026." (a date in numbers needs no case ending).
    pub label: String,
    /// The date in numbers: "01.03.2026.".
    pub numeric: String,
    pub date: DateView,
    /// What the edition is, as the plan's front matter says ("Grozījumi, MK rīkojums Nr. 12").
    pub note: Option<String>,
    /// The edition's official publication.
    pub url: Option<String>,
    /// The portal's source viewer of the edition's text.
    pub viewer_url: String,
    /// The last edition: the one the plan's pages show.
    pub current: bool,
    /// The id of the edition's section on the plan's changes page ("redakcija-2026-03-01").
    pub anchor: String,
}

/// One change as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// "added", "removed", "renumbered" or "changed" (the style's class).
    pub kind: &'static str,
    /// What changed: the field's name ("Termiņš"), or "Pievienots", "Izņemts", "Pārnumurēts".
    pub label: &'static str,
    /// The earlier and later value as printed, without footnote markers; `None` when empty.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The measure's lines in the earlier and the later edition, linked to the source viewer.
    pub before_source: Option<Link>,
    pub after_source: Option<Link>,
}

/// The changes of one measure between two consecutive editions.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureChanges {
    /// The measure's number and page.
    pub measure: Link,
    pub title: String,
    /// The current edition no longer has the measure.
    pub removed: bool,
    pub changes: Vec<ChangeView>,
}

/// What changed from one edition of a plan to the next.
#[derive(Debug, Clone, Serialize)]
pub struct EditionChanges {
    pub plan: Link,
    /// The later edition, and the one before it.
    pub edition: EditionView,
    pub previous: EditionView,
    /// The section's id on the page it is shown on.
    pub anchor: String,
    /// "Izmaiņas 3 pasākumos: 1 pasākums pievienots, 2 lauku izmaiņas."
    pub summary: String,
    pub measures: Vec<MeasureChanges>,
}

/// A plan's "Izmaiņas" page, or the portal's.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// The plan, on a plan's page; `None` on the portal's.
    pub plan: Option<Link>,
    /// The plan's editions, newest first (a plan's page), or every plan's changes page (the
    /// portal's).
    pub editions: Vec<EditionView>,
    pub plans: Vec<Link>,
    /// Newest edition first.
    pub pairs: Vec<EditionChanges>,
    /// The portal's changes page, from a plan's.
    pub portal_url: String,
}

/// One step of a measure's history on its page: an edition and what it changed in the measure.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryStep {
    pub edition: EditionView,
    pub previous: EditionView,
    /// Empty when the edition left the measure as it was.
    pub changes: Vec<ChangeView>,
    /// The step's section on the plan's changes page.
    pub changes_url: String,
}

/// A measure's history: every edition pair it is in, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureHistory {
    pub steps: Vec<HistoryStep>,
    /// The newest edition that changed the measure, named near the top of its page.
    pub last_changed: Option<EditionView>,
    /// The plan's changes page.
    pub changes_url: String,
}

/// The plan page's list of editions.
#[derive(Debug, Clone, Serialize)]
pub struct PlanEditions {
    /// Newest first.
    pub editions: Vec<EditionView>,
    pub changes_url: String,
    /// How many changes the editions made, in all.
    pub changes: usize,
    /// The measures later editions removed, each linked to the page it keeps.
    pub removed: Vec<Link>,
}

/// The source viewer's note on an earlier edition's text.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierEdition {
    pub edition: EditionView,
    /// The current edition's source viewer.
    pub current: Link,
}

/// The page at a measure's earlier number that no measure has any more (3.2 after an edition
/// renumbered it to 3.4), so links to the old number lead on.
#[derive(Debug, Clone, Serialize)]
pub struct RenumberedView {
    pub plan: Link,
    /// The earlier number.
    pub old: String,
    /// The measure's page under its current number (or its removed page's id).
    pub measure: Link,
    pub title: String,
    /// The edition that gave it the new number.
    pub edition: EditionView,
}

/// The label and class of a change.
fn label(change: &Change) -> (&'static str, &'static str) {
    match (change.kind, change.field) {
        (ChangeKind::Added, _) => ("added", "Pievienots"),
        (ChangeKind::Removed, _) => ("removed", "Izņemts"),
        (ChangeKind::Renumbered, _) => ("renumbered", "Pārnumurēts"),
        (ChangeKind::Changed, field) => ("changed", field.map_or("Cits lauks", field_label)),
    }
}

/// A field's name as the measure pages head it.
fn field_label(field: Field) -> &'static str {
    match field {
        Field::Title => "Nosaukums",
        Field::ParentTitle => "Pasākums",
        Field::Result => "Rezultāts",
        Field::Indicator => "Rezultatīvais rādītājs",
        Field::Responsible => role_label(Role::Responsible),
        Field::CoResponsible => role_label(Role::CoResponsible),
        Field::Involved => role_label(Role::Involved),
        Field::Deadline => "Termiņš",
        Field::Status => "Izpildes statuss",
        Field::FundingNeeded => "Nepieciešamais finansējums",
        Field::FundingAllocated => "Piešķirtais finansējums",
    }
}

/// A change in one line of plain text, for the feed: "3.4 Termiņš: iepriekš “…”, tagad “…”."
pub(in crate::render) fn plain_change(change: &Change) -> String {
    let (_, label) = label(change);
    let value = |v: &Option<String>| {
        v.as_deref()
            .map_or("nav norādīts".to_string(), |v| format!("“{}”", clean(v)))
    };
    match change.kind {
        ChangeKind::Added => format!("{} pievienots: {}.", change.measure, value(&change.after)),
        ChangeKind::Removed => format!("{} izņemts: {}.", change.measure, value(&change.before)),
        ChangeKind::Renumbered => format!(
            "{} pārnumurēts: iepriekš {}, tagad {}.",
            change.measure,
            change.before.as_deref().unwrap_or_default(),
            change.after.as_deref().unwrap_or_default()
        ),
        ChangeKind::Changed => format!(
            "{} {label}: iepriekš {}, tagad {}.",
            change.measure,
            value(&change.before),
            value(&change.after)
        ),
    }
}

/// A value as pages show it: no footnote markers, one line.
fn clean(text: &str) -> String {
    plain_title(&strip_footnote_markers(text))
}

/// "Izmaiņas 3 pasākumos: 1 pasākums pievienots, 1 izņemts, 2 lauku izmaiņas." for `changes`.
pub(in crate::render) fn summary<'c>(changes: impl IntoIterator<Item = &'c Change>) -> String {
    let changes: Vec<&Change> = changes.into_iter().collect();
    let mut measures: Vec<&str> = changes.iter().map(|c| c.measure.as_str()).collect();
    measures.sort_unstable();
    measures.dedup();
    let of = |kind: ChangeKind| changes.iter().filter(|c| c.kind == kind).count() as u64;
    let parts: Vec<String> = [
        (
            of(ChangeKind::Added),
            "pasākums pievienots",
            "pasākumi pievienoti",
        ),
        (
            of(ChangeKind::Removed),
            "pasākums izņemts",
            "pasākumi izņemti",
        ),
        (
            of(ChangeKind::Renumbered),
            "pasākums pārnumurēts",
            "pasākumi pārnumurēti",
        ),
        (of(ChangeKind::Changed), "lauka izmaiņa", "lauku izmaiņas"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, other)| latvian::count(n, one, other))
    .collect();
    if parts.is_empty() {
        return "Bez izmaiņām pasākumos.".to_string();
    }
    let n = measures.len() as u64;
    format!(
        "Izmaiņas {} {}: {}.",
        n,
        if latvian::is_singular(n) {
            "pasākumā"
        } else {
            "pasākumos"
        },
        parts.join(", ")
    )
}

/// The id of an edition's section: its date, and its number when another edition has the date.
pub(in crate::render) fn edition_anchor(history: &History, index: usize) -> String {
    let date = history.editions[index].date;
    if history.editions.iter().filter(|e| e.date == date).count() > 1 {
        format!("redakcija-{date}-{}", index + 1)
    } else {
        format!("redakcija-{date}")
    }
}

/// "Redakcija 01.03.2026.", the label of `edition` in pages and the feed.
pub(in crate::render) fn edition_label(edition: &Edition) -> String {
    format!("Redakcija {}", numeric_date(&DateView::from(edition.date)))
}

/// The histories of plans with more than one edition, each with its plan, in portal order.
pub(in crate::render) fn with_editions(
    library: &crate::resolve::Library,
) -> impl Iterator<Item = (&Plan, &History)> {
    library
        .histories
        .iter()
        .filter(|h| h.editions.len() > 1)
        .filter_map(|h| {
            library
                .plans
                .iter()
                .find(|p| p.slug == h.plan)
                .map(|plan| (plan, h))
        })
}

/// The meta description of every changes page, with the page's URL (what changed, in numbers),
/// and of every removed measure's page (when it was removed).
pub(in crate::render) fn descriptions(
    library: &crate::resolve::Library,
    content: &crate::content::Content,
) -> Vec<(String, String)> {
    let removed = with_editions(library).flat_map(|(plan, history)| {
        history.removed.iter().map(move |r| {
            let edition = &history.editions[r.removed_in];
            let note = edition
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            (
                format!(
                    "{} {}: {}. Pasākums izņemts {} redakcijā{note}; lapā redzams, kā to \
                     iespieda iepriekšējā redakcija.",
                    crate::search::documents::plan_label(plan, content),
                    r.measure.id,
                    clean(&r.measure.title),
                    numeric_date(&DateView::from(edition.date)),
                ),
                urls::measure(&plan.slug, &r.id),
            )
        })
    });
    let plans: Vec<(String, String)> = with_editions(library)
        .map(|(plan, history)| {
            let (first, last) = (
                &history.editions[0],
                &history.editions[history.editions.len() - 1],
            );
            (
                format!(
                    "{}: kas mainījās pasākumos starp {} redakcijām ({}–{}). {}",
                    crate::search::documents::plan_label(plan, content),
                    history.editions.len(),
                    numeric_date(&DateView::from(first.date)),
                    numeric_date(&DateView::from(last.date)),
                    summary(&history.changes)
                ),
                urls::plan_changes(&plan.slug),
            )
        })
        .collect();
    if plans.is_empty() {
        return plans;
    }
    let all: usize = with_editions(library).map(|(_, h)| h.changes.len()).sum();
    let portal = format!(
        "Kas mainījās politikas plānu pasākumos no redakcijas uz redakciju: {} {}, jaunākās \
         pirmās, ar abu redakciju avota rindām.",
        latvian::count(all as u64, "izmaiņa", "izmaiņas"),
        if latvian::is_singular(plans.len() as u64) {
            format!("{} plānā", plans.len())
        } else {
            format!("{} plānos", plans.len())
        },
    );
    std::iter::once((portal, urls::CHANGES.to_string()))
        .chain(plans)
        .chain(removed)
        .collect()
}

impl<'a> Pages<'a> {
    /// The plan's history when it has more than one edition.
    fn history_of(&self, plan: &Plan) -> Option<&History> {
        match self.facts(plan) {
            Some(facts) => facts.history,
            None => self.find_history(plan),
        }
    }

    /// [`Pages::history_of`], looked up.
    pub(super) fn find_history(&self, plan: &Plan) -> Option<&'a History> {
        self.library
            .history(&plan.slug)
            .filter(|h| h.editions.len() > 1)
    }

    /// True when some plan has more than one edition: the portal's changes page, its feed and
    /// its navigation item exist.
    pub(super) fn has_changes(&self) -> bool {
        with_editions(self.library).next().is_some()
    }

    fn edition_view(&self, history: &History, index: usize) -> EditionView {
        let edition = &history.editions[index];
        let date = DateView::from(edition.date);
        EditionView {
            label: edition_label(edition),
            numeric: numeric_date(&date),
            date,
            note: edition.note.clone(),
            url: edition.url.clone(),
            viewer_url: self.url(&urls::source(&edition.source)),
            current: index + 1 == history.editions.len(),
            anchor: edition_anchor(history, index),
        }
    }

    /// The document of edition `index` of `plan`: the current edition is the plan's document;
    /// an earlier one is named by the plan's title and the edition's date and address.
    fn edition_document(&self, plan: &Plan, history: &History, index: usize) -> DocumentView {
        let edition = &history.editions[index];
        if index + 1 == history.editions.len() {
            return self.document(plan);
        }
        DocumentView {
            title: plain_title(&plan.title),
            file: edition.source.clone(),
            adopted: Some(DateView::from(edition.date)),
            number: None,
            url: edition.url.clone(),
            viewer_url: Some(self.url(&urls::source(&edition.source))),
        }
    }

    /// `lines` of edition `index` as a link to the source viewer.
    fn edition_lines(
        &self,
        plan: &Plan,
        history: &History,
        index: usize,
        lines: (usize, usize),
    ) -> Link {
        let source = lines_in(self.edition_document(plan, history, index), lines);
        Link {
            url: source
                .url
                .unwrap_or_else(|| self.url(&urls::source(&history.editions[index].source))),
            text: source.lines,
        }
    }

    fn change_view(&self, plan: &Plan, history: &History, change: &Change) -> ChangeView {
        let (kind, label) = label(change);
        ChangeView {
            kind,
            label,
            before: change.before.as_deref().map(clean),
            after: change.after.as_deref().map(clean),
            before_source: change
                .before_lines
                .map(|lines| self.edition_lines(plan, history, change.from, lines)),
            after_source: change
                .after_lines
                .map(|lines| self.edition_lines(plan, history, change.to, lines)),
        }
    }

    /// The measure with stable id `id`: its title, and whether it was removed.
    fn measure_title(&self, plan: &Plan, history: &History, id: &str) -> (String, bool) {
        match plan.measures.iter().find(|m| m.id == id) {
            Some(m) => (clean(&m.title), false),
            None => (
                history
                    .removed_measure(id)
                    .map(|r| clean(&r.measure.title))
                    .unwrap_or_default(),
                true,
            ),
        }
    }

    /// The changes from edition `to - 1` to `to`, a group per measure, on a page where the
    /// section's id is `anchor`.
    fn edition_changes(
        &self,
        plan: &Plan,
        history: &History,
        to: usize,
        anchor: String,
    ) -> EditionChanges {
        let changes: Vec<&Change> = history.changes.iter().filter(|c| c.to == to).collect();
        let mut measures: Vec<MeasureChanges> = Vec::new();
        for change in &changes {
            let view = self.change_view(plan, history, change);
            match measures.last_mut() {
                Some(group) if group.measure.text == change.measure => group.changes.push(view),
                _ => {
                    let (title, removed) = self.measure_title(plan, history, &change.measure);
                    measures.push(MeasureChanges {
                        measure: Link {
                            text: change.measure.clone(),
                            url: self.url(&urls::measure(&plan.slug, &change.measure)),
                        },
                        title,
                        removed,
                        changes: vec![view],
                    });
                }
            }
        }
        EditionChanges {
            plan: self.plan_link(plan),
            edition: self.edition_view(history, to),
            previous: self.edition_view(history, to - 1),
            anchor,
            summary: summary(changes.iter().copied()),
            measures,
        }
    }

    /// The plan page's editions, when the plan has more than one.
    pub(super) fn plan_editions(&self, plan: &Plan) -> Option<PlanEditions> {
        let history = self.history_of(plan)?;
        Some(PlanEditions {
            editions: (0..history.editions.len())
                .rev()
                .map(|i| self.edition_view(history, i))
                .collect(),
            changes_url: self.url(&urls::plan_changes(&plan.slug)),
            changes: history.changes.len(),
            removed: history
                .removed
                .iter()
                .map(|r| Link {
                    text: format!("{} {}", r.measure.id, clean(&r.measure.title)),
                    url: self.url(&urls::measure(&plan.slug, &r.id)),
                })
                .collect(),
        })
    }

    /// The history of the measure with stable id `id`: every edition pair that holds it in
    /// either edition, newest first; `None` when the plan has a single edition.
    pub(super) fn measure_history(&self, plan: &Plan, id: &str) -> Option<MeasureHistory> {
        let history = self.history_of(plan)?;
        let changes: Vec<&Change> = history.changes_of(id).collect();
        // The editions that hold it: from the one that added it to the last before the one that
        // removed it.
        let first = changes
            .iter()
            .find(|c| c.kind == ChangeKind::Added)
            .map_or(0, |c| c.to);
        let last = history
            .removed_measure(id)
            .map_or(history.editions.len() - 1, |r| r.removed_in - 1);
        let changes_url = self.url(&urls::plan_changes(&plan.slug));
        let steps = (1..history.editions.len())
            .rev()
            .filter(|&to| to >= first && to <= last + 1)
            .map(|to| HistoryStep {
                edition: self.edition_view(history, to),
                previous: self.edition_view(history, to - 1),
                changes: changes
                    .iter()
                    .filter(|c| c.to == to)
                    .map(|c| self.change_view(plan, history, c))
                    .collect(),
                changes_url: format!("{changes_url}#{}", edition_anchor(history, to)),
            })
            .collect::<Vec<HistoryStep>>();
        Some(MeasureHistory {
            last_changed: steps
                .iter()
                .find(|s| !s.changes.is_empty())
                .map(|s| s.edition.clone()),
            steps,
            changes_url,
        })
    }

    /// A plan's "Izmaiņas" page: its editions and every change, newest edition first.
    pub fn plan_changes(&self, plan: &Plan, history: &History) -> (PageHead, ChangesView) {
        let pairs = (1..history.editions.len())
            .rev()
            .map(|to| self.edition_changes(plan, history, to, edition_anchor(history, to)))
            .collect();
        let head = PageHead {
            title: format!("Izmaiņas — {}", self.short_title(plan)),
            crumb: "Izmaiņas".to_string(),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "izmainas",
        };
        let view = ChangesView {
            plan: Some(self.plan_link(plan)),
            editions: (0..history.editions.len())
                .rev()
                .map(|i| self.edition_view(history, i))
                .collect(),
            plans: Vec::new(),
            pairs,
            portal_url: self.url(urls::CHANGES),
        };
        (head, view)
    }

    /// The portal's "Izmaiņas" page: every plan's new editions, newest first.
    pub fn changes(&self) -> (PageHead, ChangesView) {
        let mut pairs: Vec<EditionChanges> = with_editions(self.library)
            .flat_map(|(plan, history)| {
                (1..history.editions.len()).map(move |to| {
                    let anchor = format!("{}-{}", plan.slug, edition_anchor(history, to));
                    self.edition_changes(plan, history, to, anchor)
                })
            })
            .collect();
        // Newest first; a stable sort keeps portal order among editions of one day.
        pairs.sort_by(|a, b| b.edition.date.iso.cmp(&a.edition.date.iso));
        let head = PageHead {
            title: "Izmaiņas plānos".to_string(),
            crumb: "Izmaiņas".to_string(),
            breadcrumbs: vec![self.home_crumb()],
            section: "izmainas",
        };
        let view = ChangesView {
            plan: None,
            editions: Vec::new(),
            plans: with_editions(self.library)
                .map(|(plan, _)| Link {
                    text: self.short_title(plan),
                    url: self.url(&urls::plan_changes(&plan.slug)),
                })
                .collect(),
            pairs,
            portal_url: self.url(urls::CHANGES),
        };
        (head, view)
    }

    /// The page a removed measure keeps: the measure as the last edition holding it printed
    /// it (its institution cells as printed, not linked), marked with the edition that removed
    /// it.
    pub fn removed_measure(
        &self,
        plan: &Plan,
        history: &History,
        removed: &RemovedMeasure,
    ) -> (PageHead, MeasureView) {
        let held = removed.removed_in - 1;
        let measure = &removed.measure;
        let document = self.edition_document(plan, history, held);
        let printed = |role: Role, cells: &[String]| {
            (!cells.is_empty()).then(|| RoleView {
                label: role_label(role),
                entries: cells
                    .iter()
                    .map(|text| {
                        vec![Segment {
                            text: text.clone(),
                            url: None,
                            name: None,
                        }]
                    })
                    .collect(),
            })
        };
        let place = MeasurePlace {
            footnotes: &[],
            roles: [
                printed(Role::Responsible, &measure.responsible),
                printed(Role::CoResponsible, &measure.co_responsible),
                printed(Role::Involved, &measure.involved),
            ]
            .into_iter()
            .flatten()
            .collect(),
            budget: budget::MeasureFunding::default(),
            source: SourceView {
                reference: lines_in(document.clone(), measure.source_lines),
                excerpt: excerpt(&history.editions[held].lines, measure.source_lines),
            },
            citation: self.citation_of(
                lines_in(document, measure.source_lines),
                measure,
                &urls::measure(&plan.slug, &removed.id),
            ),
            previous: None,
            next: None,
            history: self.measure_history(plan, &removed.id),
            removed: Some(self.edition_view(history, removed.removed_in)),
        };
        self.measure_page(plan, measure, place)
    }

    /// The page at the earlier number `change.before` of a renumbered measure.
    fn renumbered(
        &self,
        plan: &Plan,
        history: &History,
        change: &Change,
    ) -> (PageHead, RenumberedView) {
        let old = change.before.clone().unwrap_or_default();
        let (title, _) = self.measure_title(plan, history, &change.measure);
        let head = PageHead {
            title: format!(
                "Pasākums {old} tagad ir {} — {}",
                change.measure,
                self.short_title(plan)
            ),
            crumb: format!("Pasākums {old}"),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = RenumberedView {
            plan: self.plan_link(plan),
            old,
            measure: Link {
                text: change.measure.clone(),
                url: self.url(&urls::measure(&plan.slug, &change.measure)),
            },
            title,
            edition: self.edition_view(history, change.to),
        };
        (head, view)
    }

    /// The source viewer of an earlier edition's text: its lines, numbered and anchored.
    fn earlier_source(
        &self,
        plan: &Plan,
        history: &History,
        index: usize,
    ) -> (PageHead, SourceDocView) {
        let edition = &history.editions[index];
        let document = self.edition_document(plan, history, index);
        let view = self.edition_view(history, index);
        let head = PageHead {
            title: format!("{} ({}) — avota teksts", document.title, view.label),
            crumb: "Avota teksts".to_string(),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = SourceDocView {
            file: edition.source.clone(),
            document,
            plan: self.plan_link(plan),
            // Which measures start on which line is known for the current edition only.
            lines: numbered(&edition.lines, Default::default()),
            earlier: Some(EarlierEdition {
                edition: view,
                current: Link {
                    text: edition_label(&history.editions[history.editions.len() - 1]),
                    url: self.url(&urls::source(&plan.source)),
                },
            }),
        };
        (head, view)
    }
}

/// The "Izmaiņas" page of every plan with more than one edition.
pub(in crate::render) fn plan_changes<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    with_editions(pages.library)
        .map(|(plan, history)| {
            Page::at(&urls::plan_changes(&plan.slug), move || {
                pages.plan_changes(plan, history)
            })
        })
        .collect()
}

/// The portal's "Izmaiņas" page, when some plan has more than one edition.
pub(in crate::render) fn changes<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    if pages.has_changes() {
        vec![Page::at(urls::CHANGES, move || pages.changes())]
    } else {
        Vec::new()
    }
}

/// The page each removed measure keeps.
pub(in crate::render) fn removed_measures<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    with_editions(pages.library)
        .flat_map(|(plan, history)| {
            history.removed.iter().map(move |removed| {
                Page::at(&urls::measure(&plan.slug, &removed.id), move || {
                    pages.removed_measure(plan, history, removed)
                })
            })
        })
        .collect()
}

/// A page at each earlier number of a renumbered measure that no measure, current or removed,
/// has now; the first renumbering from a number names where it went.
pub(in crate::render) fn renumbered<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    let mut built = Vec::new();
    for (plan, history) in with_editions(pages.library) {
        let mut taken: Vec<&str> = plan
            .measures
            .iter()
            .map(|m| m.id.as_str())
            .chain(history.removed.iter().map(|r| r.id.as_str()))
            .collect();
        for change in history
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Renumbered)
        {
            let Some(old) = change.before.as_deref() else {
                continue;
            };
            if taken.contains(&old) {
                continue;
            }
            taken.push(old);
            built.push(Page::at(&urls::measure(&plan.slug, old), move || {
                pages.renumbered(plan, history, change)
            }));
        }
    }
    built
}

/// The source viewer of every earlier edition (the current one's is among the library's
/// sources).
pub(in crate::render) fn earlier_sources<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    with_editions(pages.library)
        .flat_map(|(plan, history)| {
            (0..history.editions.len() - 1)
                .filter(move |&i| history.editions[i].source != plan.source)
                .map(move |i| {
                    Page::at(&urls::source(&history.editions[i].source), move || {
                        pages.earlier_source(plan, history, i)
                    })
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::model::{Deadline, Direction, Measure};
    use crate::output::Site;
    use crate::render::{render, RenderOptions};
    use crate::resolve::{Library, SourceDocument};

    const CURRENT: &str = "002_5ef2c56a3aa0266d.txt";
    const FIRST: &str = "002_a.txt";
    const SECOND: &str = "002_b.txt";

    fn change(measure: &str, kind: ChangeKind) -> Change {
        Change {
            measure: measure.to_string(),
            from: 0,
            to: 1,
            kind,
            field: (kind == ChangeKind::Changed).then_some(Field::Deadline),
            before: None,
            after: None,
            before_lines: None,
            after_lines: None,
        }
    }

    /// A change from edition `to - 1` to `to`.
    fn between(
        to: usize,
        mut change: Change,
        before: (usize, usize),
        after: (usize, usize),
    ) -> Change {
        change.from = to - 1;
        change.to = to;
        change.before_lines = (change.kind != ChangeKind::Added).then_some(before);
        change.after_lines = (change.kind != ChangeKind::Removed).then_some(after);
        change
    }

    fn measure(id: &str, title: &str, deadline: &str, lines: (usize, usize)) -> Measure {
        Measure {
            id: id.to_string(),
            direction: "1".to_string(),
            title: title.to_string(),
            responsible: vec!["VP".to_string()],
            deadline: Deadline::parse(deadline),
            source_lines: lines,
            ..Measure::default()
        }
    }

    fn lines(name: &str) -> Vec<String> {
        (1..=80).map(|n| format!("\t{name} rinda {n}")).collect()
    }

    /// A plan with three editions, text from the trafficking plan 2025–2027: the second edition
    /// renames 1.1; the third moves 1.1's deadline, gives 2.1 a result, renumbers 3.2 to 3.4,
    /// adds 4.1 and drops 5.1. And a plan with a single source, which must render as before.
    fn library() -> Library {
        let mut with_result = measure(
            "2.1",
            "Izstrādāt skrīninga rīku",
            "2026. gada 31. decembris",
            (20, 23),
        );
        with_result.result = Some("Izstrādāts skrīninga rīks".to_string());
        let plan = Plan {
            slug: "cilveku".to_string(),
            source: CURRENT.to_string(),
            title: "Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam".to_string(),
            directions: vec![Direction {
                id: "1".to_string(),
                title: "Prevencija".to_string(),
                line: 5,
            }],
            measures: vec![
                measure(
                    "1.1",
                    "Organizēt informatīvas kampaņas",
                    "2026. gada 30. jūnijs",
                    (10, 12),
                ),
                with_result,
                measure(
                    "3.4",
                    "Prakses izspēle darba ekspluatācijas jomā",
                    "2027. gada 31. decembris",
                    (40, 43),
                ),
                measure("4.1", "Jauns pasākums", "2027. gada 1. jūlijs", (50, 52)),
            ],
            ..Plan::default()
        };
        let single = Plan {
            slug: "viens".to_string(),
            source: "000_d0f431797d704579.txt".to_string(),
            title: "Plāns ar vienu redakciju 2023.–2025. gadam".to_string(),
            measures: vec![measure(
                "1.1",
                "Viens pasākums",
                "2025. gada 1. jūnijs",
                (3, 4),
            )],
            ..Plan::default()
        };
        let edition =
            |source: &str, date: (i32, u32, u32), note: Option<&str>, url: Option<&str>| Edition {
                source: source.to_string(),
                date: chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
                note: note.map(str::to_string),
                url: url.map(str::to_string),
                lines: lines(source),
            };
        let mut deadline = change("1.1", ChangeKind::Changed);
        deadline.before = Some("2025. gada 31. decembris".to_string());
        deadline.after = Some("2026. gada 30. jūnijs".to_string());
        let mut result = change("2.1", ChangeKind::Changed);
        result.field = Some(Field::Result);
        result.after = Some("Izstrādāts skrīninga rīks".to_string());
        let mut renumbered = change("3.4", ChangeKind::Renumbered);
        renumbered.before = Some("3.2".to_string());
        renumbered.after = Some("3.4".to_string());
        let mut added = change("4.1", ChangeKind::Added);
        added.after = Some("Jauns pasākums".to_string());
        let mut removed = change("5.1", ChangeKind::Removed);
        removed.before = Some("Izdot rokasgrāmatu <pašvaldībām>".to_string());
        let mut renamed = change("1.1", ChangeKind::Changed);
        renamed.field = Some(Field::Title);
        renamed.before = Some("Organizēt kampaņas".to_string());
        renamed.after = Some("Organizēt informatīvas kampaņas".to_string());
        let history = History {
            plan: "cilveku".to_string(),
            editions: vec![
                edition(FIRST, (2025, 4, 15), None, None),
                edition(SECOND, (2025, 9, 1), Some("Precizēts"), None),
                edition(
                    CURRENT,
                    (2026, 3, 1),
                    Some("Grozījumi, MK rīkojums Nr. 12"),
                    Some("https://likumi.lv/ta/id/1"),
                ),
            ],
            changes: vec![
                between(1, renamed, (10, 12), (10, 12)),
                between(2, deadline, (10, 12), (10, 12)),
                between(2, result, (20, 22), (20, 23)),
                between(2, renumbered, (30, 33), (40, 43)),
                between(2, added, (0, 0), (50, 52)),
                between(2, removed, (60, 62), (0, 0)),
            ],
            removed: vec![RemovedMeasure {
                id: "5.1".to_string(),
                removed_in: 2,
                measure: measure(
                    "5.1",
                    "Izdot rokasgrāmatu <pašvaldībām>",
                    "2025. gada 1. jūnijs",
                    (60, 62),
                ),
            }],
        };
        let sources = vec![
            SourceDocument {
                file: CURRENT.to_string(),
                plan: "cilveku".to_string(),
                lines: lines(CURRENT),
            },
            SourceDocument {
                file: single.source.clone(),
                plan: "viens".to_string(),
                lines: lines("viens"),
            },
        ];
        let (mut library, _) =
            crate::resolve::resolve(vec![plan, single], sources, &Content::default());
        library.histories = vec![history];
        library
    }

    fn built(library: &Library, base_url: &str) -> Site {
        let options = RenderOptions {
            base_url: base_url.to_string(),
            theme_dir: None,
            build_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        };
        render(library, &Content::default(), &options).expect("renders")
    }

    fn page<'s>(site: &'s Site, url: &str) -> &'s str {
        site.text(&format!("{url}index.html"))
            .unwrap_or_else(|| panic!("no page at {url}"))
    }

    /// The text of `html` without tags and with spaces collapsed, as a reader sees it.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_measure_page_shows_its_history_newest_edition_first_with_both_editions_lines() {
        let site = built(&library(), "/p/");
        let html = page(&site, "plani/cilveku/pasakumi/1.1/");
        let history = text(
            html.split("id=\"izmainu-vesture\"")
                .nth(1)
                .expect("a history"),
        );
        let moved = history
            .find("Termiņš: iepriekš “2025. gada 31. decembris”, tagad “2026. gada 30. jūnijs”.")
            .expect("the deadline's move");
        let renamed = history
            .find("Nosaukums: iepriekš “Organizēt kampaņas”, tagad “Organizēt informatīvas kampaņas”.")
            .expect("the rename");
        assert!(moved < renamed, "newest edition first: {history}");
        assert!(text(html).contains(
            "Pēdējās izmaiņas: 01.03.2026. redakcijā (Grozījumi, MK rīkojums Nr. 12). Izmaiņu vēsture"
        ));
        assert!(history.contains("Redakcija 01.03.2026. (Grozījumi, MK rīkojums Nr. 12) (pašreizējā), salīdzinājumā ar Redakcija 01.09.2025. (Precizēts)"), "{history}");
        // Both editions' lines, each in its own edition's source viewer.
        assert!(html
            .contains(r#"iepriekš <a href="/p/avoti/002_b/?rindas=10-12#L10">rindas 10–12</a>"#));
        assert!(html.contains(
            r#"tagad <a href="/p/avoti/002_5ef2c56a3aa0266d/?rindas=10-12#L10">rindas 10–12</a>"#
        ));
        // A measure an edition added has the pairs from that one on; the plan's other editions
        // are not its history.
        let added = text(page(&site, "plani/cilveku/pasakumi/4.1/"));
        assert!(added.contains("Pievienots: “Jauns pasākums”."), "{added}");
        assert!(
            !added.contains("01.09.2025. (Precizēts), salīdzinājumā"),
            "{added}"
        );
        // A measure unchanged by an edition says so.
        let gained = text(page(&site, "plani/cilveku/pasakumi/2.1/"));
        assert!(
            gained.contains("Rezultāts: iepriekš nav norādīts, tagad “Izstrādāts skrīninga rīks”.")
        );
        assert!(
            gained.contains("salīdzinājumā ar Redakcija 15.04.2025.: bez izmaiņām."),
            "{gained}"
        );
        let renumbered = text(page(&site, "plani/cilveku/pasakumi/3.4/"));
        assert!(renumbered.contains("Pārnumurēts: iepriekš 3.2, tagad 3.4."));
    }

    #[test]
    fn a_removed_measure_keeps_its_page_marked_and_is_not_counted() {
        let site = built(&library(), "/p/");
        let html = page(&site, "plani/cilveku/pasakumi/5.1/");
        let shown = text(html);
        assert!(
            shown.contains(
                "Pasākums izņemts 01.03.2026. redakcijā (Grozījumi, MK rīkojums Nr. 12)."
            ),
            "{shown}"
        );
        assert!(html.contains("Izdot rokasgrāmatu &lt;pašvaldībām&gt;"));
        assert!(html.contains("<title>5.1 Izdot rokasgrāmatu &lt;pašvaldībām&gt; (izņemts)"));
        assert!(html.contains(
            "<meta name=\"description\" content=\"Cilvēku tirdzniecības novēršanas plāns 2025. – \
             2027. gadam 5.1: Izdot rokasgrāmatu &lt;pašvaldībām&gt;. Pasākums izņemts 01.03.2026. \
             redakcijā (Grozījumi, MK rīkojums Nr. 12); lapā redzams"
        ));
        // Its lines are those of the edition that last held it, quoted and linked.
        assert!(html.contains(r#"href="/p/avoti/002_b/?rindas=60-62#L60">rindas 60–62</a>"#));
        assert!(html.contains(r#"<li value="60">→ 002_b.txt rinda 60</li>"#));
        assert!(shown.contains("Izņemts: “Izdot rokasgrāmatu &lt;pašvaldībām&gt;”."));
        // The plan counts its current measures only, and links the removed one.
        let plan = text(page(&site, "plani/cilveku/"));
        assert!(plan.contains("Plānā ir 4 pasākumi."), "{plan}");
        assert!(
            plan.contains(
                "Izņemtie pasākumi (to lapas saglabātas): 5.1 Izdot rokasgrāmatu &lt;pašvaldībām&gt;."
            ),
            "{plan}"
        );
    }

    #[test]
    fn the_plan_page_lists_its_editions_with_the_current_one_marked() {
        let site = built(&library(), "/p/");
        let plan = text(page(&site, "plani/cilveku/"));
        let editions = plan.split("Redakcijas").nth(1).expect("the editions");
        let current = editions.find("Redakcija 01.03.2026. (Grozījumi, MK rīkojums Nr. 12) pašreizējā — avota teksts, oficiālā publikācija").expect("the current edition, marked");
        let first = editions
            .find("Redakcija 15.04.2025. — avota teksts")
            .expect("the first edition");
        assert!(current < first, "newest first");
        assert!(plan.contains("Izmaiņas starp redakcijām (6 izmaiņas)."));
        let html = page(&site, "plani/cilveku/");
        assert!(html.contains(r#"<a href="https://likumi.lv/ta/id/1">oficiālā publikācija</a>"#));
        assert!(
            html.contains(r#"<a href="/p/plani/cilveku/izmainas/">Izmaiņas starp redakcijām</a>"#)
        );
    }

    #[test]
    fn the_changes_pages_group_by_edition_newest_first_and_link_each_measure() {
        let site = built(&library(), "/p/");
        let html = page(&site, "plani/cilveku/izmainas/");
        let newest = html
            .find(r#"id="redakcija-2026-03-01""#)
            .expect("the newest edition");
        let older = html
            .find(r#"id="redakcija-2025-09-01""#)
            .expect("the second edition");
        assert!(newest < older);
        let shown = text(html);
        assert!(shown.contains("Salīdzinājumā ar Redakcija 01.09.2025. (Precizēts). Izmaiņas 5 pasākumos: 1 pasākums pievienots, 1 pasākums izņemts, 1 pasākums pārnumurēts, 2 lauku izmaiņas."), "{shown}");
        assert!(html.contains(r#"<a href="/p/plani/cilveku/pasakumi/3.4/">3.4</a>"#));
        assert!(html.contains(r#"<a href="/p/plani/cilveku/pasakumi/5.1/">5.1</a> Izdot rokasgrāmatu &lt;pašvaldībām&gt; <span class="state state-ended">izņemts</span>"#));
        let portal = page(&site, "izmainas/");
        assert!(portal.contains(r#"id="cilveku-redakcija-2026-03-01""#));
        assert!(text(portal).contains("Plāni ar vairākām redakcijām: Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam."));
        // In the navigation of every page, and a description that says what changed.
        let home = page(&site, "");
        assert!(home.contains(r#"<li><a href="/p/izmainas/">Izmaiņas</a></li>"#));
        assert!(html.contains("kas mainījās pasākumos starp 3 redakcijām (15.04.2025.–01.03.2026.). Izmaiņas 5 pasākumos"));
    }

    #[test]
    fn every_link_of_the_changes_pages_resolves() {
        let site = built(&library(), "/p/");
        let mut checked = 0;
        for url in [
            "plani/cilveku/izmainas/",
            "izmainas/",
            "plani/cilveku/pasakumi/1.1/",
            "plani/cilveku/pasakumi/5.1/",
            "plani/cilveku/pasakumi/3.2/",
            "plani/cilveku/",
            "avoti/002_a/",
        ] {
            for link in page(&site, url).split("href=\"/p/").skip(1) {
                let link = &link[..link.find('"').unwrap()];
                let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
                let path = path.split('?').next().unwrap();
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                let target = site
                    .files
                    .get(&file)
                    .map(|bytes| String::from_utf8_lossy(bytes))
                    .unwrap_or_else(|| panic!("{url} links {link}: no {file}"));
                assert!(
                    fragment.is_empty() || target.contains(&format!("id=\"{fragment}\"")),
                    "{url} links {link}: no anchor"
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked}");
    }

    #[test]
    fn a_renumbered_measures_old_number_leads_to_its_new_page() {
        let site = built(&library(), "/p/");
        let html = page(&site, "plani/cilveku/pasakumi/3.2/");
        assert!(text(html).contains(
            "Plāna Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam 01.03.2026. redakcijā \
             (Grozījumi, MK rīkojums Nr. 12) pasākums 3.2 pārnumurēts: tagad tas ir 3.4 Prakses \
             izspēle darba ekspluatācijas jomā."
        ), "{}", text(html));
        assert!(html.contains(r#"<a href="/p/plani/cilveku/pasakumi/3.4/">3.4 Prakses izspēle"#));
        // A number a current or removed measure has keeps that measure's page.
        assert!(page(&site, "plani/cilveku/pasakumi/1.1/").contains("Organizēt informatīvas"));
    }

    #[test]
    fn earlier_editions_have_a_source_viewer_that_names_the_edition() {
        let site = built(&library(), "/p/");
        for (url, label) in [
            ("avoti/002_a/", "Redakcija 15.04.2025."),
            ("avoti/002_b/", "Redakcija 01.09.2025. (Precizēts)"),
        ] {
            let html = page(&site, url);
            assert!(html.contains(r#"id="L62""#));
            assert!(
                text(html).contains(&format!(
                    "Plāna agrāka redakcija: {label}. Pašreizējā redakcija: Redakcija 01.03.2026."
                )),
                "{url}"
            );
        }
    }

    #[test]
    fn the_changes_feed_has_an_entry_per_edition_dated_by_it_with_stable_ids() {
        let site = built(&library(), "https://example.lv/p/");
        let xml = site.text("izmainas/atom.xml").expect("the changes feed");
        let ids: Vec<&str> = xml
            .lines()
            .filter_map(|l| l.strip_prefix("<id>"))
            .map(|l| l.trim_end_matches("</id>"))
            .collect();
        assert_eq!(
            ids,
            [
                "https://example.lv/p/izmainas/atom.xml",
                "https://example.lv/p/plani/cilveku/izmainas/#redakcija-2026-03-01",
                "https://example.lv/p/plani/cilveku/izmainas/#redakcija-2025-09-01",
            ]
        );
        assert!(
            xml.contains("<updated>2026-03-01T00:00:00Z</updated>\n<author>"),
            "the feed's date is its newest edition's"
        );
        assert!(xml.contains("<updated>2025-09-01T00:00:00Z</updated>"));
        assert!(xml.contains("3.4 pārnumurēts: iepriekš 3.2, tagad 3.4."));
        assert!(xml.contains("5.1 izņemts: “Izdot rokasgrāmatu &lt;pašvaldībām&gt;”."));
        assert!(page(&site, "")
            .contains(r#"title="Izmaiņas plānos (Atom)" href="/p/izmainas/atom.xml""#));
        assert!(site
            .text("sitemap.xml")
            .unwrap()
            .contains("<loc>https://example.lv/p/plani/cilveku/izmainas/</loc>"));
        // Without the full address: no feed, as for the others.
        assert!(built(&library(), "/p/").text("izmainas/atom.xml").is_none());
    }

    #[test]
    fn a_portal_without_editions_has_no_changes_pages_nor_history() {
        let mut library = library();
        library.histories.clear();
        let site = built(&library, "https://example.lv/p/");
        assert!(site.text("izmainas/index.html").is_none());
        assert!(site.text("izmainas/atom.xml").is_none());
        assert!(site.text("plani/cilveku/izmainas/index.html").is_none());
        let measure = page(&site, "plani/cilveku/pasakumi/1.1/");
        assert!(
            !measure.contains("Izmaiņ"),
            "no history, no navigation item, no feed link"
        );
        assert!(!page(&site, "plani/cilveku/").contains("Redakcijas"));
        // A plan with a single source beside one with editions shows no history either.
        let site = built(&self::library(), "/p/");
        assert!(!page(&site, "plani/viens/pasakumi/1.1/").contains("izmainu-vesture"));
    }

    #[test]
    fn the_new_pages_are_csp_safe() {
        let site = built(&library(), "/p/");
        for url in [
            "plani/cilveku/izmainas/",
            "izmainas/",
            "plani/cilveku/pasakumi/5.1/",
            "avoti/002_a/",
        ] {
            let html = page(&site, url);
            assert!(!html.contains("style="), "{url}");
            assert!(!html.contains("<style"), "{url}");
            assert_eq!(html.matches("<h1").count(), 1, "{url}");
            assert!(
                html.contains("<meta name=\"description\" content=\""),
                "{url}"
            );
        }
    }

    #[test]
    fn the_summary_counts_measures_and_kinds_in_agreement() {
        let changes = [
            change("1.1", ChangeKind::Changed),
            change("1.1", ChangeKind::Renumbered),
            change("2.1", ChangeKind::Added),
            change("3.1", ChangeKind::Changed),
        ];
        assert_eq!(
            summary(&changes),
            "Izmaiņas 3 pasākumos: 1 pasākums pievienots, 1 pasākums pārnumurēts, 2 lauku \
             izmaiņas."
        );
        assert_eq!(
            summary(&changes[..1]),
            "Izmaiņas 1 pasākumā: 1 lauka izmaiņa."
        );
        assert_eq!(summary(&[]), "Bez izmaiņām pasākumos.");
    }

    #[test]
    fn a_change_in_plain_text_says_before_and_after() {
        let mut moved = change("3.4", ChangeKind::Changed);
        moved.before = Some("2025. gada\n31. decembris[^2]".to_string());
        moved.after = Some("2026. gada 30. jūnijs".to_string());
        assert_eq!(
            plain_change(&moved),
            "3.4 Termiņš: iepriekš “2025. gada 31. decembris”, tagad “2026. gada 30. jūnijs”."
        );
        let mut gained = change("2.1", ChangeKind::Changed);
        gained.field = Some(Field::Result);
        gained.after = Some("Izstrādāts ziņojums".to_string());
        assert_eq!(
            plain_change(&gained),
            "2.1 Rezultāts: iepriekš nav norādīts, tagad “Izstrādāts ziņojums”."
        );
        let mut renumbered = change("3.4", ChangeKind::Renumbered);
        renumbered.before = Some("3.2".to_string());
        renumbered.after = Some("3.4".to_string());
        assert_eq!(
            plain_change(&renumbered),
            "3.4 pārnumurēts: iepriekš 3.2, tagad 3.4."
        );
    }
}
