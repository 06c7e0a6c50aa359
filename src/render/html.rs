//! HTML fragments built in Rust rather than in templates: document text with footnote links,
//! editorial Markdown and Latvian dates.
//!
//! Document text is always escaped first and markup is added afterwards, so nothing a document
//! says can become markup. The result is an [`Html`] value that templates print as is.

use crate::model::deadline::MONTH_NAMES;
use crate::model::Footnote;
use crate::text::strip_footnote_markers;
use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
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

/// Like [`plain_inline`], with every web address (`http://`, `https://`) a link: footnotes
/// cite their sources by address, which a reader should be able to follow.
pub fn linked_inline(text: &str) -> Html {
    static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"https?://[^\s<>"“”„]+"#).expect("valid regex")
    });
    let text = strip_footnote_markers(text);
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut out = String::new();
            let mut at = 0;
            for found in ADDRESS.find_iter(line) {
                // Sentence punctuation after an address is not part of it.
                let address = found
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', ')', ']', '\'']);
                let end = found.start() + address.len();
                out.push_str(&escape(&line[at..found.start()]));
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape(address),
                    escape(address)
                ));
                at = end;
            }
            out.push_str(&escape(&line[at..]));
            out
        })
        .collect();
    Html(lines.join("<br>"))
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
                text: linked_inline(&f.text),
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

/// A link or image of editorial Markdown that the page shows otherwise than written, because
/// the site's security policy does not allow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 1-based line of the Markdown source.
    pub line: usize,
    pub message: String,
}

/// Renders editorial Markdown. Raw HTML is shown as text (pages must work under a strict CSP and
/// editors write Markdown, not markup); headings are lowered so the highest is `<h2>` under the
/// page's `<h1>`; site-absolute links and images (`/termini/`) get the base URL. Links and
/// images the policy refuses are rendered as text (see [`markdown_refusals`]).
pub fn markdown(source: &str, base_url: &str) -> Html {
    render_markdown(source, base_url).0
}

/// What [`markdown`] refuses in `source`, for warnings with the content file's line:
///
/// - links other than http(s), mailto, relative, site-absolute and `#` ones (`javascript:`,
///   `data:`, `vbscript:`, `file:`, …) become their text: a click must never run code or open
///   a local file;
/// - images from another site (`![](https://…)`, `//host/…`) become a link to the image, or its
///   text inside a link; images of any other scheme become their text. A page may not make a
///   request to a third party (the CSP's `img-src 'self'` would block it anyway, with a console
///   error, and the reader would see a broken image).
pub fn markdown_refusals(source: &str) -> Vec<Refusal> {
    render_markdown(source, "/").1
}

/// What a link or image destination points at, read the way a browser reads it.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// This site: a relative or site-absolute path, or a `#fragment`.
    Local,
    /// Another site over http(s), also scheme-relative (`//host/…`).
    Web,
    Mail,
    /// Any other scheme.
    Other,
}

/// Classifies a destination as a browser would resolve it from an http(s) page (the WHATWG URL
/// parser): ASCII tab and newline are dropped anywhere and C0 controls and spaces at both ends,
/// the scheme is a letter followed by letters, digits, `+`, `-` or `.` up to a `:` and is
/// case-insensitive, and `\` counts as `/`. So "JaVa\tScRiPt:" is `javascript:`, while
/// "%6Aavascript:" or a leading no-break space make a relative path. Entities
/// (`&#106;avascript:`) are decoded by the Markdown parser before this sees the text.
fn destination(url: &str) -> Destination {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let scheme_end =
        cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    if let Some(end) = scheme_end {
        if end > 0
            && cleaned[end..].starts_with(':')
            && cleaned.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return match cleaned[..end].to_ascii_lowercase().as_str() {
                "http" | "https" => Destination::Web,
                "mailto" => Destination::Mail,
                _ => Destination::Other,
            };
        }
    }
    if ["//", "\\\\", "/\\", "\\/"]
        .iter()
        .any(|start| cleaned.starts_with(start))
    {
        Destination::Web
    } else {
        Destination::Local
    }
}

/// A destination quoted for a message: escapes made visible, long `data:` URLs shortened.
fn quoted(url: &str) -> String {
    const LONGEST: usize = 60;
    if url.chars().count() <= LONGEST {
        format!("{url:?}")
    } else {
        let start: String = url.chars().take(LONGEST).collect();
        format!("{start:?}…")
    }
}

/// What became of a link or image start whose end is still to come.
enum Open {
    /// Written as it is (as an `<a>` or `<img>`).
    Kept,
    /// Its start and end are dropped; the text between stays.
    Dropped,
    /// An image written as a link to it; `text` says whether the link has any text yet.
    ImageLink { url: CowStr<'static>, text: bool },
}

/// [`markdown`] and [`markdown_refusals`] in one pass, so the page and the warnings can never
/// disagree.
fn render_markdown(source: &str, base_url: &str) -> (Html, Vec<Refusal>) {
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
    let mut refusals = Vec::new();
    let mut refuse = |offset: usize, message: String| {
        let line = source[..offset].matches('\n').count() + 1;
        refusals.push(Refusal { line, message });
    };
    let mut events = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // How many `<a>` elements are open in the output: an image inside a link cannot become one.
    let mut anchors = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let event = match event {
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
            }) => {
                let kind = destination(&dest_url);
                // A link inside an image's text (the only place CommonMark nests them) would
                // be an `<a>` inside the `<a>` of an image shown as a link: it stays text.
                if anchors > 0 || kind == Destination::Other {
                    if kind == Destination::Other {
                        refuse(
                            range.start,
                            format!(
                                "link to {} refused: only http(s), mailto, relative and # links \
                                 are allowed; shown as plain text",
                                quoted(&dest_url)
                            ),
                        );
                    }
                    open.push(Open::Dropped);
                    continue;
                }
                open.push(Open::Kept);
                anchors += 1;
                let dest_url = dest_url.into_static();
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: if kind == Destination::Local {
                        rebase(dest_url)
                    } else {
                        dest_url
                    },
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match destination(&dest_url) {
                Destination::Local => {
                    open.push(Open::Kept);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: rebase(dest_url.into_static()),
                        title,
                        id,
                    })
                }
                Destination::Web if anchors == 0 => {
                    refuse(
                        range.start,
                        format!(
                            "image {} refused: pages load nothing from other sites; \
                             shown as a link to it",
                            quoted(&dest_url)
                        ),
                    );
                    open.push(Open::ImageLink {
                        url: dest_url.clone().into_static(),
                        text: false,
                    });
                    anchors += 1;
                    Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: dest_url.into_static(),
                        title,
                        id,
                    })
                }
                kind => {
                    let why = match kind {
                        Destination::Web => "pages load nothing from other sites",
                        _ => "only images of this site are allowed",
                    };
                    refuse(
                        range.start,
                        format!(
                            "image {} refused: {why}; shown as its text",
                            quoted(&dest_url)
                        ),
                    );
                    open.push(Open::Dropped);
                    continue;
                }
            },
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => match open.pop() {
                Some(Open::Dropped) => continue,
                Some(Open::ImageLink { url, text }) => {
                    anchors -= 1;
                    if !text {
                        // A link needs a name: the image's address when it has no text.
                        events.push(Event::Text(url));
                    }
                    Event::End(TagEnd::Link)
                }
                Some(Open::Kept) | None => {
                    if end == TagEnd::Link {
                        anchors -= 1;
                    }
                    Event::End(end)
                }
            },
            other => other,
        };
        if let (Event::Text(_) | Event::Code(_), Some(Open::ImageLink { text, .. })) =
            (&event, open.last_mut())
        {
            *text = true;
        }
        events.push(event);
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    (Html(out), refusals)
}

/// A date as Latvian prose: "2025. gada 31. decembris".
pub fn latvian_date(date: NaiveDate) -> String {
    format!(
        "{}. gada {}. {}",
        date.year(),
        date.day(),
        MONTH_NAMES[date.month0() as usize]
    )
}

/// A 64-bit FNV-1a hash: small and stable across Rust versions, for asset file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_parts(&[bytes])
}

/// [`fnv1a`] of the parts one after another, without copying them into one: the search index
/// names its folder by the hash of all its files.
pub fn fnv1a_parts(parts: &[&[u8]]) -> u64 {
    parts.iter().fold(0xcbf2_9ce4_8422_2325, |hash, part| {
        part.iter().fold(hash, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_footnotes_become_links_without_trailing_punctuation() {
        assert_eq!(
            linked_inline("Skat. https://likumi.lv/ta/id/1?a=1&b=2. Un <b>.").as_str(),
            "Skat. <a href=\"https://likumi.lv/ta/id/1?a=1&amp;b=2\">https://likumi.lv/ta/id/1?a=1&amp;b=2</a>. Un &lt;b&gt;."
        );
        assert_eq!(linked_inline("bez adreses").as_str(), "bez adreses");
    }

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

    /// A sentence linking to another site, as editorial pages write them.
    const OMBUDSMAN: &str = "Ja saņemtā atbilde jūs neapmierina, varat vērsties \
                             [Tiesībsarga birojā](https://www.tiesibsargs.lv/).";

    #[test]
    fn markdown_keeps_the_links_editors_write() {
        let source = format!(
            "{OMBUDSMAN}\n\nTo atšifrējumi ir [saīsinājumu lapā](/saisinajumi/), \
             [augstāk](#statuss), [blakus](../termini/), [pasts](mailto:info@example.lv), \
             <https://www.tiesibsargs.lv/>, <info@example.lv> un [ārēja](//www.vm.gov.lv/)."
        );
        let html = markdown(&source, "/portals/");
        let html = html.as_str();
        for link in [
            "<a href=\"https://www.tiesibsargs.lv/\">Tiesībsarga birojā</a>",
            "<a href=\"/portals/saisinajumi/\">saīsinājumu lapā</a>",
            "<a href=\"#statuss\">augstāk</a>",
            "<a href=\"../termini/\">blakus</a>",
            "<a href=\"mailto:info@example.lv\">pasts</a>",
            "<a href=\"mailto:info@example.lv\">info@example.lv</a>",
            "<a href=\"//www.vm.gov.lv/\">ārēja</a>",
        ] {
            assert!(html.contains(link), "{link} in {html}");
        }
        assert_eq!(markdown_refusals(&source), []);
    }

    #[test]
    fn markdown_links_that_run_code_or_open_other_schemes_become_text() {
        let hostile = [
            ("javascript:alert(1)", "javascript:alert(1)"),
            ("JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)"),
            ("<  javascript:alert(1)>", "javascript:alert(1)"),
            ("&#106;avascript:alert(1)", "javascript:alert(1)"),
            ("javascript&colon;alert(1)", "javascript:alert(1)"),
            ("java&#x09;script:alert(1)", "java\tscript:alert(1)"),
            ("&#x0A;javascript:alert(1)", "\njavascript:alert(1)"),
            (
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "data:",
            ),
            ("vbscript:msgbox(1)", "vbscript:msgbox(1)"),
            ("file:///etc/passwd", "file:///etc/passwd"),
            ("C:\\Windows\\win.ini", "C:"),
            ("tel:+37167000000", "tel:"),
        ];
        for (destination, shown) in hostile {
            let source = format!("Ievads.\n\n{OMBUDSMAN}")
                .replace("https://www.tiesibsargs.lv/", destination);
            let html = markdown(&source, "/portals/");
            assert!(
                html.as_str()
                    .contains("varat vērsties Tiesībsarga birojā.</p>"),
                "{destination}: {}",
                html.as_str()
            );
            assert!(!html.as_str().contains("<a"), "{destination}");
            let refusals = markdown_refusals(&source);
            assert_eq!(refusals.len(), 1, "{destination}: {refusals:?}");
            assert_eq!(refusals[0].line, 3, "{destination}");
            assert!(
                refusals[0].message.starts_with("link to \"")
                    && refusals[0]
                        .message
                        .contains("refused: only http(s), mailto, relative")
                    && refusals[0]
                        .message
                        .contains(format!("{shown:?}").trim_matches('"')),
                "{destination}: {}",
                refusals[0].message
            );
        }
        // An autolink is a link too.
        assert!(!markdown("<javascript:alert(1)>", "/")
            .as_str()
            .contains("<a"));
        assert_eq!(markdown_refusals("<javascript:alert(1)>").len(), 1);
        // A reference definition is the same link.
        let source = "Sk. [Tiesībsarga birojā][tb].\n\n[tb]: vbscript:msgbox(1)\n";
        assert!(!markdown(source, "/").as_str().contains("<a"));
        assert_eq!(markdown_refusals(source)[0].line, 1);
        // Percent-escaped or after a no-break space it is a relative path, which is harmless.
        for path in [
            "javascript%3Aalert(1)",
            "\u{a0}javascript:alert(1)",
            "/",
            "x/y",
        ] {
            assert_eq!(destination(path), Destination::Local, "{path:?}");
        }
        // Backslashes are slashes in http(s) URLs: another host.
        for other_host in [
            "//x.example",
            "\\\\x.example",
            "/\\x.example",
            " \\/x.example",
        ] {
            assert_eq!(destination(other_host), Destination::Web, "{other_host:?}");
        }
    }

    #[test]
    fn markdown_images_from_other_sites_become_links_or_text() {
        let cases = [
            // An external image with alt text: a link to it, named by the alt text.
            (
                "![Tiesībsarga logo](https://www.tiesibsargs.lv/logo.png)",
                "<a href=\"https://www.tiesibsargs.lv/logo.png\">Tiesībsarga logo</a>",
                "pages load nothing from other sites; shown as a link to it",
            ),
            // A tracking pixel without alt text: a link named by its address.
            (
                "![](https://tracker.example/p.gif)",
                "<a href=\"https://tracker.example/p.gif\">https://tracker.example/p.gif</a>",
                "shown as a link to it",
            ),
            (
                "![karte](//cdn.example/karte.png)",
                "<a href=\"//cdn.example/karte.png\">karte</a>",
                "shown as a link to it",
            ),
            // Inside a link it cannot be a second link: its text.
            (
                "[![logo](HTTPS://x.example/l.png)](/termini/)",
                "<a href=\"/portals/termini/\">logo</a>",
                "pages load nothing from other sites; shown as its text",
            ),
            (
                "![punkts](data:image/gif;base64,R0lGODlhAQABAAAAACw=)",
                "<p>punkts</p>",
                "only images of this site are allowed; shown as its text",
            ),
        ];
        for (source, shown, why) in cases {
            let html = markdown(source, "/portals/");
            assert!(html.as_str().contains(shown), "{source}: {}", html.as_str());
            assert!(!html.as_str().contains("<img"), "{source}");
            let refusals = markdown_refusals(source);
            assert_eq!(refusals.len(), 1, "{source}: {refusals:?}");
            assert!(refusals[0].message.starts_with("image \""), "{source}");
            assert!(
                refusals[0].message.ends_with(why),
                "{}",
                refusals[0].message
            );
        }
        // The site's own images stay, site-absolute ones under the base URL.
        let own = "![Shēma](/static/shema.png) ![Karte](karte.png)";
        let html = markdown(own, "/portals/");
        assert!(html
            .as_str()
            .contains("<img src=\"/portals/static/shema.png\" alt=\"Shēma\" />"));
        assert!(html
            .as_str()
            .contains("<img src=\"karte.png\" alt=\"Karte\" />"));
        assert_eq!(markdown_refusals(own), []);
    }

    #[test]
    fn dates_and_hashes() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(latvian_date(date), "2025. gada 31. decembris");
        // Reference values of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_parts(&[b"ab", b"", b"c"]), fnv1a(b"abc"));
    }
}
