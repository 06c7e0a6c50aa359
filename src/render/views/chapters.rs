//! Views of a report's narrative chapters as readable pages: the unwrapped paragraphs, runs of
//! list items kept as lists, footnote markers linked to the footnotes listed at the end.

use super::document;
use super::{plain_title, Link, Page, PageHead, Pages};
use crate::model::{Plan, TextBlock};
use crate::render::html::{FootnoteView, Footnotes, Html};
use crate::resolve::urls;
use serde::Serialize;

/// A paragraph or a list.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterBlock {
    /// "p" (one paragraph), "ul" (dash or bullet items, their markers replaced by the list's) or
    /// "numbered" (items keeping their printed number or letter).
    pub kind: &'static str,
    pub items: Vec<Html>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    pub plan: Link,
    pub id: String,
    pub title: Html,
    pub blocks: Vec<ChapterBlock>,
    pub source: document::SourceRef,
    pub footnotes: Vec<FootnoteView>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// The kind of block a text block belongs to, and its text as shown.
fn shape(block: &TextBlock) -> (&'static str, &str) {
    match block.item.as_deref() {
        None => ("p", &block.text),
        Some(marker) if !marker.starts_with(char::is_alphanumeric) => {
            let text = block.text.trim_start();
            ("ul", text.strip_prefix(marker).unwrap_or(text).trim_start())
        }
        Some(_) => ("numbered", &block.text),
    }
}

/// Paragraphs stay alone; consecutive items of one kind form one list.
fn blocks(text: &[TextBlock], notes: &mut Footnotes) -> Vec<ChapterBlock> {
    let mut out: Vec<ChapterBlock> = Vec::new();
    for block in text {
        let (kind, shown) = shape(block);
        let html = notes.inline(shown);
        match out.last_mut() {
            Some(last) if kind != "p" && last.kind == kind => last.items.push(html),
            _ => out.push(ChapterBlock {
                kind,
                items: vec![html],
            }),
        }
    }
    out
}

impl Pages<'_> {
    /// The plan page's list of chapters.
    pub fn chapter_links(&self, plan: &Plan) -> Vec<Link> {
        plan.chapters
            .iter()
            .map(|c| self.chapter_link(plan, c))
            .collect()
    }

    fn chapter_link(&self, plan: &Plan, chapter: &crate::model::Chapter) -> Link {
        Link {
            text: format!(
                "{}. {}",
                chapter.id,
                plain_title(&self.heading(plan, &chapter.title))
            ),
            url: self.url(&urls::chapter(&plan.slug, &chapter.id)),
        }
    }

    pub fn chapter(&self, plan: &Plan, index: usize) -> (PageHead, ChapterView) {
        let chapter = &plan.chapters[index];
        let mut notes = Footnotes::new(&plan.footnotes);
        let title = notes.inline(&self.heading(plan, &chapter.title));
        let blocks = blocks(&chapter.blocks, &mut notes);
        let neighbour = |c: Option<&crate::model::Chapter>| c.map(|c| self.chapter_link(plan, c));
        let head = PageHead {
            title: format!(
                "{}. {} — {}",
                chapter.id,
                plain_title(&self.heading(plan, &chapter.title)),
                self.short_title(plan)
            ),
            crumb: format!("{}. nodaļa", chapter.id),
            breadcrumbs: vec![self.home_crumb(), self.plan_link(plan)],
            section: "plani",
        };
        let view = ChapterView {
            plan: self.plan_link(plan),
            id: chapter.id.clone(),
            title,
            blocks,
            source: self.source_ref(plan, (chapter.line, chapter.line)),
            footnotes: notes.into_list(),
            previous: neighbour(index.checked_sub(1).and_then(|i| plan.chapters.get(i))),
            next: neighbour(plan.chapters.get(index + 1)),
        };
        (head, view)
    }
}

/// One page per narrative chapter of every report.
pub(in crate::render) fn chapters<'a>(pages: &'a Pages) -> Vec<Page<'a>> {
    pages
        .library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.chapters.iter().enumerate().map(move |(i, chapter)| {
                Page::at(&urls::chapter(&plan.slug, &chapter.id), move || {
                    pages.chapter(plan, i)
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, item: Option<&str>) -> TextBlock {
        TextBlock {
            text: text.to_string(),
            item: item.map(str::to_string),
            lines: (1, 1),
        }
    }

    #[test]
    fn items_of_one_kind_form_one_list_and_paragraphs_stay_alone() {
        let text = [
            block("Ievads.", None),
            block("Otrs <rindkopa>.", None),
            block("- pirmais", Some("-")),
            block("- otrais[^4]", Some("-")),
            block("1. numurēts", Some("1.")),
            block("a. burts", Some("a.")),
            block("Noslēgums.", None),
        ];
        let mut notes = Footnotes::new(&[]);
        let out = blocks(&text, &mut notes);
        let kinds: Vec<&str> = out.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, ["p", "p", "ul", "numbered", "p"]);
        assert_eq!(out[1].items[0].as_str(), "Otrs &lt;rindkopa&gt;.");
        let bullets: Vec<&str> = out[2].items.iter().map(Html::as_str).collect();
        assert_eq!(bullets, ["pirmais", "otrais<sup>4</sup>"]);
        let numbered: Vec<&str> = out[3].items.iter().map(Html::as_str).collect();
        assert_eq!(numbered, ["1. numurēts", "a. burts"]);
    }
}
