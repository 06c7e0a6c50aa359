//! HTML fragments built in Rust rather than in templates: document text with footnote links,
//! editorial Markdown and Latvian dates.
//!
//! Document text is always escaped first and markup is added afterwards, so nothing a document
//! says can become markup. The result is an [`Html`] value that templates print as is.

use crate::model::Footnote;
use crate::text::strip_footnote_markers;
use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// A finished HTML fragment. It serialises as a minijinja "safe" string, so autoescaping leaves
/// it alone while every plain `String` in a view stays escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// Wraps markup built from already escaped parts.
    pub fn from_escaped(markup: String) -> Html {
        Html(markup)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        minijinja::Value::from_safe_string(self.0.clone()).serialize(serializer)
    }
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for tables and lists: footnote markers dropped, lines joined with `<br>`.
pub fn plain_inline(text: &str) -> Html {
    Html(lines(&strip_footnote_markers(text)).join("<br>"))
}

/// Escaped, trimmed, non-empty lines of `text`.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape)
        .collect()
}

/// One footnote as listed at the end of a page.
#[derive(Debug, Clone, Serialize)]
pub struct FootnoteView {
    pub number: u32,
    /// `id` of the list item the markers link to.
    pub id: String,
    /// `id` of the first marker, for the link back.
    pub backref: String,
    pub text: Html,
}

/// Renders the document text of one page and remembers which footnotes it referenced, so the
/// page can list exactly those, with ids that match the markers.
#[derive(Debug)]
pub struct Footnotes<'a> {
    defined: BTreeMap<u32, &'a Footnote>,
    /// How many markers of each footnote the page has so far.
    seen: BTreeMap<u32, usize>,
    /// Footnote numbers in order of first reference.
    order: Vec<u32>,
}

impl<'a> Footnotes<'a> {
    pub fn new(defined: &'a [Footnote]) -> Footnotes<'a> {
        Footnotes {
            defined: defined.iter().map(|f| (f.number, f)).collect(),
            seen: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    /// Text as paragraphs, one per line, with footnote links.
    pub fn block(&mut self, text: &str) -> Html {
        let paragraphs: Vec<String> = lines(text)
            .iter()
            .map(|line| format!("<p>{}</p>", self.link_markers(line)))
            .collect();
        Html(paragraphs.join("\n"))
    }

    /// Text as one run with `<br>` between lines, with footnote links.
    pub fn inline(&mut self, text: &str) -> Html {
        let parts: Vec<String> = lines(text)
            .iter()
            .map(|line| self.link_markers(line))
            .collect();
        Html(parts.join("<br>"))
    }

    /// The referenced footnotes, in order of first reference.
    pub fn into_list(self) -> Vec<FootnoteView> {
        self.order
            .iter()
            .filter_map(|n| self.defined.get(n))
            .map(|f| FootnoteView {
                number: f.number,
                id: format!("fn-{}", f.number),
                backref: format!("fnref-{}", f.number),
                text: plain_inline(&f.text),
            })
            .collect()
    }

    /// Replaces `[^N]` in already escaped text by a superscript link to the footnote; markers of
    /// footnotes the document does not define stay superscript numbers without a link.
    fn link_markers(&mut self, escaped: &str) -> String {
        let mut out = String::with_capacity(escaped.len());
        let mut rest = escaped;
        while let Some(start) = rest.find("[^") {
            let after = &rest[start + 2..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let number = after[..digits].parse::<u32>().ok();
            match number {
                Some(n) if after.as_bytes().get(digits) == Some(&b']') => {
                    out.push_str(&rest[..start]);
                    out.push_str(&self.marker(n));
                    rest = &after[digits + 1..];
                }
                _ => {
                    out.push_str(&rest[..start + 2]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn marker(&mut self, n: u32) -> String {
        if !self.defined.contains_key(&n) {
            return format!("<sup>{n}</sup>");
        }
        let count = self.seen.entry(n).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            self.order.push(n);
            format!("fnref-{n}")
        } else {
            format!("fnref-{n}-{count}")
        };
        format!("<sup><a href=\"#fn-{n}\" id=\"{id}\" class=\"footnote-ref\">{n}</a></sup>")
    }
}

/// Renders editorial Markdown. Raw HTML is shown as text (pages must work under a strict CSP and
/// editors write Markdown, not markup); headings are lowered so the highest is `<h2>` under the
/// page's `<h1>`; site-absolute links (`/termini/`) get the base URL.
pub fn markdown(source: &str, base_url: &str) -> Html {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let highest = Parser::new_ext(source, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(highest);
    let lower = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + shift).min(6)).unwrap_or(HeadingLevel::H6)
    };
    let rebase = |url: CowStr<'static>| -> CowStr<'static> {
        match url.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => format!("{base_url}{rest}").into(),
            _ => url,
        }
    };
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rebase(dest_url.into_static()),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    Html(out)
}

const MONTHS: [&str; 12] = [
    "janvāris",
    "februāris",
    "marts",
    "aprīlis",
    "maijs",
    "jūnijs",
    "jūlijs",
    "augusts",
    "septembris",
    "oktobris",
    "novembris",
    "decembris",
];

/// A date as Latvian prose: "2025. gada 31. decembris".
pub fn latvian_date(date: NaiveDate) -> String {
    format!(
        "{}. gada {}. {}",
        date.year(),
        date.day(),
        MONTHS[date.month0() as usize]
    )
}

/// A 64-bit FNV-1a hash: small and stable across Rust versions, for asset file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn footnote(number: u32, text: &str) -> Footnote {
        Footnote {
            number,
            text: text.to_string(),
            line: 1,
        }
    }

    #[test]
    fn text_is_escaped_before_footnote_links_are_added() {
        let defined = [footnote(3, "Skaidrojums <b>")];
        let mut notes = Footnotes::new(&defined);
        let html = notes.block("A < B & \"C\"[^3]\notrā rinda[^3] [^9] [^x]");
        assert_eq!(
            html.as_str(),
            "<p>A &lt; B &amp; &quot;C&quot;<sup><a href=\"#fn-3\" id=\"fnref-3\" \
             class=\"footnote-ref\">3</a></sup></p>\n<p>otrā rinda<sup><a href=\"#fn-3\" \
             id=\"fnref-3-2\" class=\"footnote-ref\">3</a></sup> <sup>9</sup> [^x]</p>"
        );
        let list = notes.into_list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id, "fn-3");
        assert_eq!(list[0].text.as_str(), "Skaidrojums &lt;b&gt;");
    }

    #[test]
    fn inline_text_keeps_lines_apart() {
        assert_eq!(plain_inline("VP,\nVRS[^1]").as_str(), "VP,<br>VRS");
        let mut notes = Footnotes::new(&[]);
        assert_eq!(notes.inline("a\n\nb").as_str(), "a<br>b");
    }

    #[test]
    fn markdown_is_lowered_rebased_and_never_raw_html() {
        let html = markdown(
            "# Virsraksts\n\n## Apakša\n\n[Termiņi](/termini/) <script>x</script>",
            "/portals/",
        );
        assert!(
            html.as_str().contains("<h2>Virsraksts</h2>"),
            "{}",
            html.as_str()
        );
        assert!(html.as_str().contains("<h3>Apakša</h3>"));
        assert!(html.as_str().contains("href=\"/portals/termini/\""));
        assert!(html.as_str().contains("&lt;script&gt;"));
        assert!(!html.as_str().contains("<script"));
    }

    #[test]
    fn dates_and_hashes() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(latvian_date(date), "2025. gada 31. decembris");
        // Reference values of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
