//! Views of the source viewer: one page per seed file, every line numbered and anchored, linking
//! the measures whose rows start there.

use super::measure::{display_line, SourceLineView};
use super::{document, Link, Page, PageHead, Pages};
use crate::resolve::{urls, SourceDocument};
use serde::Serialize;
use std::collections::BTreeMap;

/// The source viewer page of one seed file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceDocView {
    pub file: String,
    /// The document by its title, date and number.
    pub document: document::DocumentView,
    pub plan: Link,
    pub lines: Vec<SourceLineView>,
    /// For an earlier edition's text: which edition it is, and the current one's viewer.
    pub earlier: Option<super::changes::EarlierEdition>,
}

impl Pages<'_> {
    /// The source viewer of one seed file: every line with an anchor, and links to the measures
    /// whose rows start there.
    pub fn source(&self, document: &SourceDocument) -> (PageHead, SourceDocView) {
        let plan = self.library.plans.iter().find(|p| p.slug == document.plan);
        let mut starts: BTreeMap<usize, Vec<Link>> = BTreeMap::new();
        for plan in plan.into_iter() {
            for m in &plan.measures {
                starts.entry(m.source_lines.0).or_default().push(Link {
                    text: m.id.clone(),
                    url: self.url(&urls::measure(&plan.slug, &m.id)),
                });
            }
        }
        let lines = numbered(&document.lines, starts);
        let plan_link = match plan {
            Some(p) => self.plan_link(p),
            None => self.home_crumb(),
        };
        let document_view = plan.map(|p| self.document(p));
        let title = document_view
            .as_ref()
            .map_or_else(|| document.file.clone(), |d| d.title.clone());
        let head = PageHead {
            title: format!("{title} — avota teksts"),
            crumb: "Avota teksts".to_string(),
            breadcrumbs: vec![self.home_crumb(), plan_link.clone()],
            section: "plani",
        };
        let view = SourceDocView {
            document: document_view.unwrap_or_else(|| document::DocumentView {
                title: document.file.clone(),
                file: document.file.clone(),
                adopted: None,
                number: None,
                url: None,
                viewer_url: None,
            }),
            file: document.file.clone(),
            plan: plan_link,
            lines,
            earlier: None,
        };
        (head, view)
    }
}

/// A document's `lines` for the viewer, numbered from 1, each with the measures whose rows start
/// on it (`starts`, by line).
pub(super) fn numbered(
    lines: &[String],
    mut starts: BTreeMap<usize, Vec<Link>>,
) -> Vec<SourceLineView> {
    lines
        .iter()
        .enumerate()
        .map(|(i, text)| SourceLineView {
            number: i + 1,
            text: display_line(text),
            measures: starts.remove(&(i + 1)).unwrap_or_default(),
        })
        .collect()
}

/// One source viewer per seed file.
pub(in crate::render) fn sources<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .sources
        .iter()
        .map(|document| {
            Page::at(&urls::source(&document.file), move || {
                pages.source(document)
            })
        })
        .collect()
}
