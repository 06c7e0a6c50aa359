//! How pages name a source document and a place in it: by the document's title, with its
//! adoption date, number and official link when the plan's content file gives them, and the
//! lines as a link into the source view that highlights them; never by the seed file's name
//! alone, which says nothing to a reader. The citation block of a measure page is built here too.

use super::{plain_title, DateView, Link, Pages};
use crate::model::{Measure, Plan};
use crate::resolve::urls;
use serde::Serialize;

/// A source document as pages name it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// The title the document prints, one line, no footnote markers.
    pub title: String,
    /// The seed file below `seeds/`, for those who work with the files.
    pub file: String,
    pub adopted: Option<DateView>,
    /// The adopting act's number as the content file gives it ("Nr. 158").
    pub number: Option<String>,
    /// The official publication, from the content file.
    pub url: Option<String>,
    /// The portal's line-numbered view of the document.
    pub viewer_url: Option<String>,
}

/// A place in a source document: the document and its lines.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub document: DocumentView,
    /// "rindas 299–313", or "rinda 450" for one line.
    pub lines: String,
    /// The source view with the lines highlighted (`?rindas=299-313#L299`), when the library
    /// has the text.
    pub url: Option<String>,
}

/// How to cite a measure, as one paragraph of plain text.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The citation up to the page's address.
    pub text: String,
    /// The page's public address: absolute when the site is built with a full base URL, else
    /// its path, which the page's script makes absolute with the address it is read at.
    pub url: String,
    /// The day of the build, the date of the data cited.
    pub date: DateView,
}

impl Pages<'_> {
    /// The document a plan was read from.
    pub(super) fn document(&self, plan: &Plan) -> DocumentView {
        match self.facts(plan) {
            Some(facts) => facts.document.clone(),
            None => self.find_document(plan),
        }
    }

    /// [`Pages::document`], looked up.
    pub(super) fn find_document(&self, plan: &Plan) -> DocumentView {
        let meta = self
            .content
            .plans
            .iter()
            .find(|p| p.slug == plan.slug)
            .map(|p| &p.meta);
        let known = self.library.sources.iter().any(|s| s.file == plan.source);
        DocumentView {
            title: plain_title(&plan.title),
            file: plan.source.clone(),
            adopted: meta.and_then(|m| m.adopted_date()).map(DateView::from),
            number: meta.and_then(|m| m.number.clone()),
            url: meta.and_then(|m| m.url.clone()),
            viewer_url: known.then(|| self.url(&urls::source(&plan.source))),
        }
    }

    /// Lines `first`–`last` of a plan's document.
    pub(super) fn source_ref(&self, plan: &Plan, lines: (usize, usize)) -> SourceRef {
        lines_in(self.document(plan), lines)
    }

    /// Lines of a plan's document as a link for tables: "rindas 622–634" to the source view
    /// (the plan's page when the library lacks the text).
    pub(super) fn source_link(&self, plan: &Plan, lines: (usize, usize)) -> Link {
        let source = self.source_ref(plan, lines);
        Link {
            text: source.lines,
            url: source
                .url
                .unwrap_or_else(|| self.url(&urls::plan(&plan.slug))),
        }
    }

    /// "Organizētās noziedzības … plāns 2023.–2025. gadam (pieņemts 28.03.2023., Nr. 158),
    /// pasākums 1.1 “…”, rindas 299–313 (fails 000_….txt). Politikas plānu portāls, datu
    /// versija 15.01.2026." Dates are written in numbers, which need no case ending.
    pub(super) fn citation(&self, plan: &Plan, measure: &Measure) -> Citation {
        let path = urls::measure(&plan.slug, &measure.id);
        self.citation_of(self.source_ref(plan, measure.source_lines), measure, &path)
    }

    /// The citation of `measure` as `source` printed it, for the page at `path` (a removed
    /// measure's page cites the earlier edition that held it).
    pub(super) fn citation_of(&self, source: SourceRef, measure: &Measure, path: &str) -> Citation {
        let document = &source.document;
        let mut about = Vec::new();
        if let Some(adopted) = &document.adopted {
            about.push(format!("pieņemts {}", numeric_date(adopted)));
        }
        about.extend(document.number.clone());
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        let official = document
            .url
            .as_ref()
            .map(|url| format!(" Oficiālā publikācija: {url}."))
            .unwrap_or_default();
        Citation {
            text: format!(
                "{}{about}, pasākums {} “{}”, {} (fails {}).{official} {}, datu versija {}",
                document.title,
                measure.id,
                plain_title(&measure.title),
                source.lines,
                document.file,
                super::SITE_NAME,
                numeric_date(&DateView::from(self.build_date)),
            ),
            url: match self.open_data.site_url {
                Some(site) => format!("{site}{path}"),
                None => self.url(path),
            },
            date: DateView::from(self.build_date),
        }
    }
}

/// Lines `first`–`last` of `document` (a plan's current document or an earlier edition).
pub(super) fn lines_in(document: DocumentView, (first, last): (usize, usize)) -> SourceRef {
    let (lines, range) = if first == last {
        (format!("rinda {first}"), first.to_string())
    } else {
        (format!("rindas {first}–{last}"), format!("{first}-{last}"))
    };
    SourceRef {
        url: document
            .viewer_url
            .as_ref()
            .map(|viewer| format!("{viewer}?rindas={range}#L{first}")),
        document,
        lines,
    }
}

/// "28.03.2023.": a date as Latvian writes it in numbers (from its ISO form).
pub(super) fn numeric_date(date: &DateView) -> String {
    let mut parts = date.iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}."),
        _ => date.text.clone(),
    }
}

/// The years a document's title names as its period: the last "2023.–2025." range in it
/// ("… plāns 2025. – 2027. gadam", "… 2009.-2013.gadam").
pub fn period(title: &str) -> Option<(i32, i32)> {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(\d{4})\.?\s*[-–—]\s*(\d{4})\b").expect("valid regex")
    });
    let caps = RANGE.captures_iter(title).last()?;
    let first: i32 = caps[1].parse().ok()?;
    let last: i32 = caps[2].parse().ok()?;
    (first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::period;

    #[test]
    fn the_period_is_the_year_range_the_title_names() {
        for (title, expected) in [
            ("Organizētās noziedzības novēršanas un apkarošanas plāns 2023.–2025. gadam", Some((2023, 2025))),
            ("Cilvēku tirdzniecības novēršanas plāns 2025. – 2027. gadam", Some((2025, 2027))),
            ("Programma cilvēku tirdzniecības novēršanai 2009.-2013.gadam", Some((2009, 2013))),
            (
                "Par pamatnostādņu “Latvijas kiberdrošības stratēģija 2014.–2018. gadam” rīcības plāna īstenošanu",
                Some((2014, 2018)),
            ),
            ("Ziņojums bez perioda", None),
            ("Plāns 2027.–2025. gadam", None),
        ] {
            assert_eq!(period(title), expected, "{title}");
        }
    }
}
