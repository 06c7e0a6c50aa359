//! Views of a measure's page: its fields, its institution cells as resolved, its deadline, and
//! the source lines it was read from, quoted and linked to the source viewer.

use super::{
    budget, changes, document, plain_title, DateView, Link, Page, PageHead, Pages, Segment,
    StatusView,
};
use crate::model::{Measure, Plan, Status};
use crate::render::html::{FootnoteView, Footnotes, Html};
use crate::resolve::{urls, Role};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub label: &'static str,
    /// Entries as printed, each split into linked segments.
    pub entries: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParentView {
    pub id: String,
    pub title: Option<Html>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    pub raw: Html,
    pub dates: Vec<DateView>,
    pub date: Option<DateView>,
    pub recurring: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// The document and lines, linked to the source view with the lines highlighted.
    pub reference: document::SourceRef,
    /// The row's lines as printed in the source, for citing without leaving the page.
    pub excerpt: Vec<SourceLineView>,
}

/// One line of a seed file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLineView {
    pub number: usize,
    /// The line with TABs (cell starts in Word exports) shown as a visible arrow.
    pub text: String,
    /// Measures whose rows start on this line.
    pub measures: Vec<Link>,
}

/// Longest excerpt quoted on a measure page; longer rows link to the viewer only.
const MAX_EXCERPT_LINES: usize = 60;

/// A source line for display: a Word cell's leading TAB becomes "→ ", other TABs a space, and
/// Word's invisible bookmark anchors (`[bookmark: _Hlk…]`) are left out.
pub(super) fn display_line(line: &str) -> String {
    static BOOKMARK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\[bookmark: [^\]]*\]").expect("valid regex")
    });
    let line = BOOKMARK.replace_all(line, "");
    match line.strip_prefix('\t') {
        Some(rest) => format!("→ {}", rest.replace('\t', " ")),
        None => line.replace('\t', " "),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub plan: Link,
    pub direction: Option<Link>,
    pub id: String,
    pub title: Html,
    /// What changed in the measure from edition to edition, newest first, when the plan has
    /// more than one edition.
    pub history: Option<changes::MeasureHistory>,
    /// The edition that removed the measure, on the page a removed measure keeps.
    pub removed: Option<changes::EditionView>,
    pub parent: Option<ParentView>,
    pub section: Option<Html>,
    pub result: Option<Html>,
    pub indicator: Option<Html>,
    pub roles: Vec<RoleView>,
    pub deadline: DeadlineView,
    pub status: Option<StatusView>,
    pub status_text: Option<Html>,
    pub funding_needed: Option<Html>,
    pub funding_allocated: Option<Html>,
    /// Funding lines of the plan's budget tables naming the measure.
    pub budget: budget::MeasureFunding,
    pub description: Option<Html>,
    pub footnotes: Vec<FootnoteView>,
    pub source: SourceView,
    /// How to cite the measure ("Kā citēt").
    pub citation: document::Citation,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// Measures of other plans that read alike, most alike first ("Līdzīgi pasākumi citos
    /// plānos", see [`crate::search::related`]).
    pub related: Vec<RelatedView>,
}

/// A related measure of another plan, as its page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    /// The plan's short title.
    pub plan: String,
    pub id: String,
    /// The measure's title, plain.
    pub title: String,
    pub url: String,
}

/// What a measure page shows beside the measure's own fields: how it is linked and where it is
/// printed. A current measure has it from the library; a measure a later edition removed has
/// its earlier edition's lines and its cells as printed ([`changes`]).
pub(super) struct MeasurePlace<'a> {
    /// The footnotes its text's markers refer to.
    pub footnotes: &'a [crate::model::Footnote],
    pub roles: Vec<RoleView>,
    pub budget: budget::MeasureFunding,
    pub source: SourceView,
    pub citation: document::Citation,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    pub history: Option<changes::MeasureHistory>,
    pub removed: Option<changes::EditionView>,
}

impl Pages<'_> {
    pub fn measure(&self, plan: &Plan, index: usize) -> (PageHead, MeasureView) {
        let measure = &plan.measures[index];
        let neighbour = |m: Option<&Measure>| {
            m.map(|m| Link {
                text: m.id.clone(),
                url: self.url(&urls::measure(&plan.slug, &m.id)),
            })
        };
        let place = MeasurePlace {
            footnotes: &plan.footnotes,
            roles: self.roles(plan, measure),
            budget: self.measure_funding(plan, index),
            source: self.source_view(plan, measure),
            citation: self.citation(plan, measure),
            previous: neighbour(index.checked_sub(1).and_then(|i| plan.measures.get(i))),
            next: neighbour(plan.measures.get(index + 1)),
            history: self.measure_history(plan, &measure.id),
            removed: None,
        };
        self.measure_page(plan, measure, place)
    }

    /// The page of `measure` of `plan`, placed as `place` says.
    pub(super) fn measure_page(
        &self,
        plan: &Plan,
        measure: &Measure,
        place: MeasurePlace,
    ) -> (PageHead, MeasureView) {
        // Footnote markers are numbered in page order, so the fields are rendered in the order
        // the template shows them: the first marker of a footnote gets the plain `fnref-N` id.
        let mut notes = Footnotes::new(place.footnotes);
        let title = notes.inline(&measure.title);
        // A removed measure's parent number is the earlier edition's: not linked.
        let parent = measure.parent.as_ref().map(|id| ParentView {
            id: id.clone(),
            title: measure.parent_title.as_deref().map(|t| notes.inline(t)),
            url: (place.removed.is_none()
                && self
                    .measures
                    .contains_key(&(plan.slug.as_str(), id.as_str())))
            .then(|| self.url(&urls::measure(&plan.slug, id))),
        });
        let section = measure
            .section
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| notes.inline(s));
        let deadline = DeadlineView {
            raw: notes.inline(&measure.deadline.raw),
            dates: measure
                .deadline
                .dates
                .iter()
                .copied()
                .map(DateView::from)
                .collect(),
            date: measure.deadline.date().map(DateView::from),
            recurring: measure.deadline.recurring,
        };
        let mut text = |t: &Option<String>| {
            t.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| notes.block(s))
        };
        let result = text(&measure.result);
        let indicator = text(&measure.indicator);
        // The status cell is shown only for what it says beyond the status ("Nav izpildīts"
        // alone would repeat the badge).
        let status_text = text(
            &measure
                .status_text
                .as_deref()
                .and_then(Status::explanation)
                .map(str::to_string),
        );
        let funding_needed = text(&measure.funding_needed);
        let funding_allocated = text(&measure.funding_allocated);
        let description = text(&measure.description);
        let direction = plan
            .directions
            .iter()
            .find(|d| d.id == measure.direction)
            .map(|d| Link {
                text: format!("{}. {}", d.id, self.direction_title(plan, d)),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
            });
        let mut breadcrumbs = vec![self.home_crumb(), self.plan_link(plan)];
        if let Some(d) = plan.directions.iter().find(|d| d.id == measure.direction) {
            breadcrumbs.push(Link {
                text: format!("{}. virziens", d.id),
                url: self.url(&urls::direction(&plan.slug, &d.id)),
            });
        }
        let removed = if place.removed.is_some() {
            " (izņemts)"
        } else {
            ""
        };
        let head = PageHead {
            title: format!(
                "{} {}{removed} — {}",
                measure.id,
                plain_title(&measure.title),
                self.short_title(plan)
            ),
            crumb: format!("Pasākums {}", measure.id),
            breadcrumbs,
            section: "plani",
        };
        let view = MeasureView {
            plan: self.plan_link(plan),
            direction,
            id: measure.id.clone(),
            title,
            parent,
            section,
            result,
            indicator,
            roles: place.roles,
            deadline,
            status: measure.status.map(StatusView::from),
            status_text,
            funding_needed,
            funding_allocated,
            budget: place.budget,
            description,
            footnotes: notes.into_list(),
            source: place.source,
            citation: place.citation,
            previous: place.previous,
            next: place.next,
            history: place.history,
            removed: place.removed,
            related: self.related_views(plan, measure),
        };
        (head, view)
    }

    /// The related measures of `measure`, each linked to its page.
    fn related_views(&self, plan: &Plan, measure: &Measure) -> Vec<RelatedView> {
        let key = (plan.slug.clone(), measure.id.clone());
        self.related
            .get(&key)
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let (other_plan, other) = self.measures.get(&(&*r.plan, &*r.measure))?;
                Some(RelatedView {
                    plan: self.short_title(other_plan),
                    id: other.id.clone(),
                    title: plain_title(&other.title),
                    url: self.url(&urls::measure(&other_plan.slug, &other.id)),
                })
            })
            .collect()
    }

    /// Where a measure comes from: file, lines, viewer link and the quoted lines.
    fn source_view(&self, plan: &Plan, measure: &Measure) -> SourceView {
        let document = match self.facts(plan) {
            Some(facts) => facts.source,
            None => self.library.sources.iter().find(|s| s.file == plan.source),
        };
        SourceView {
            reference: self.source_ref(plan, measure.source_lines),
            excerpt: document
                .map(|doc| excerpt(&doc.lines, measure.source_lines))
                .unwrap_or_default(),
        }
    }

    /// The institution cells of a measure as resolved, each entry in linked pieces.
    pub(super) fn roles(&self, plan: &Plan, measure: &Measure) -> Vec<RoleView> {
        Role::ALL
            .into_iter()
            .filter_map(|role| {
                let entries = self.entries(&crate::resolve::Cell::Measure {
                    plan: plan.slug.clone(),
                    measure: measure.id.clone(),
                    role,
                });
                (!entries.is_empty()).then_some(RoleView {
                    label: role_label(role),
                    entries,
                })
            })
            .collect()
    }
}

/// Lines `first`–`last` of a document's `lines` for quoting; none when the range is longer than
/// [`MAX_EXCERPT_LINES`].
pub(super) fn excerpt(lines: &[String], (first, last): (usize, usize)) -> Vec<SourceLineView> {
    if last < first || last - first >= MAX_EXCERPT_LINES {
        return Vec::new();
    }
    (first..=last)
        .filter_map(|n| {
            lines.get(n.wrapping_sub(1)).map(|text| SourceLineView {
                number: n,
                text: display_line(text),
                measures: Vec::new(),
            })
        })
        .collect()
}

pub(super) fn role_label(role: Role) -> &'static str {
    match role {
        Role::Responsible => "Atbildīgā institūcija",
        Role::CoResponsible => "Līdzatbildīgā institūcija",
        Role::Involved => "Iesaistītās institūcijas",
    }
}

/// One page per measure of every plan.
pub(in crate::render) fn measures<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.measures.iter().enumerate().map(move |(i, m)| {
                Page::at(&urls::measure(&plan.slug, &m.id), move || {
                    pages.measure(plan, i)
                })
            })
        })
        .collect()
}
