//! Every internal link and `#anchor` of the real site resolves to a written file and element.
//!
//! The site is built from this repository's `seeds/` and `content/` under a non-root base URL,
//! so a link that forgets the base URL (`/plani/…` instead of `/portal/plani/…`) is caught too.
//! The same build with a broken theme (`tests/fixtures/broken_theme/`, a link to a missing page
//! in `base.html`) must fail the check on every page, naming the page and the link.
//!
//! Links are found with regular expressions rather than an HTML parser: the pages come from our
//! own templates, which always quote attributes, so `href="…"`, `src="…"`, `action="…"` and
//! `id="…"` are reliably matched, while a parser crate (html5ever and its selector stack) would be
//! the heaviest dependency of the project for one test. Script and style bodies are blanked
//! first so that text inside them is never taken for an attribute.

use crate::common::{files_under, options, real_site, repo, BASE};
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use planportal::resolve::urls;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

/// Script and style elements, whose bodies are blanked before scanning.
static BODIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)(<(script|style)\b[^>]*>).*?</(script|style)>").expect("pattern")
});
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\s(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("pattern")
});
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("pattern"));
/// A URL scheme ("https:", "mailto:").
static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").expect("pattern"));

/// What the link check needs of one HTML page: its links and the ids it defines.
struct Page {
    links: Vec<String>,
    ids: BTreeSet<String>,
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let real = real_site();
    let (portal, out) = (&real.portal, &real.dir);

    let pages = html_pages(out);
    for plan in &portal.content.plans {
        let page = format!("{}index.html", urls::plan(&plan.slug));
        assert!(
            pages.contains_key(&page),
            "no page {page} for plan {}",
            plan.slug
        );
    }
    let (checked, broken) = broken_links(out);
    assert!(
        checked >= pages.len(),
        "only {checked} internal links in {} pages: the link scan finds nothing",
        pages.len()
    );
    assert!(
        broken.is_empty(),
        "{} of {checked} internal links are broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn a_theme_linking_to_a_missing_page_fails_the_check_naming_every_page_and_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    fs::create_dir_all(theme.join("templates")).unwrap();
    let base = fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let breakage =
        fs::read_to_string(repo().join("tests/fixtures/broken_theme/breakage.html")).unwrap();
    assert_eq!(
        base.matches("</main>").count(),
        1,
        "base.html has no single </main>"
    );
    let broken = base.replace("</main>", &format!("{breakage}</main>"));
    fs::write(theme.join("templates/base.html"), broken).unwrap();
    let out = tmp.path().join("public");
    let mut portal = Portal::new(repo());
    let options = RenderOptions {
        theme_dir: Some(theme),
        ..options(BASE)
    };
    if let Err(e) = portal.build(&out, &options) {
        panic!("the site with the broken theme does not build: {e:#}");
    }

    let (_, broken) = broken_links(&out);

    let pages = html_pages(&out);
    let dead = format!("{BASE}nav-tadas-lapas/");
    let reported: BTreeSet<&str> = broken
        .iter()
        .filter(|line| line.contains(&format!(": {dead} → no file nav-tadas-lapas/")))
        .filter_map(|line| line.split_once(": ").map(|(page, _)| page))
        .collect();
    let expected: BTreeSet<&str> = pages.keys().map(String::as_str).collect();
    assert_eq!(
        reported, expected,
        "pages reported with the dead link {dead}"
    );
    assert_eq!(broken.len(), pages.len(), "{broken:#?}");
}

#[test]
fn the_link_check_reports_missing_files_anchors_and_links_outside_the_base() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("plani/a")).unwrap();
    fs::write(
        tmp.path().join("index.html"),
        "<a href=\"plani/a/#p-1\">ok</a> <a href=\"/portal/plani/a/#p-2\">no id</a> \
         <a href=\"plani/b/\">no page</a> <a href=\"/plani/a/\">outside</a> \
         <a href=\"https://likumi.lv/\">external</a>",
    )
    .unwrap();
    fs::write(
        tmp.path().join("plani/a/index.html"),
        "<h2 id=\"p-1\">1</h2>",
    )
    .unwrap();

    let (checked, broken) = broken_links(tmp.path());

    assert_eq!(checked, 4);
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].contains("has no id \"p-2\""), "{}", broken[0]);
    assert!(broken[1].contains("no file plani/b/"), "{}", broken[1]);
    assert!(broken[2].contains("outside the base URL"), "{}", broken[2]);
}

/// Every HTML page under `dir`, by path relative to it.
fn html_pages(dir: &Path) -> BTreeMap<String, Page> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|path| {
            let html = fs::read_to_string(dir.join(&path)).unwrap();
            (path, scan(&html))
        })
        .collect()
}

/// Checks every internal link of the site in `dir`: how many were checked, and one line per
/// broken link naming the page, the link and what is missing.
fn broken_links(dir: &Path) -> (usize, Vec<String>) {
    let files: BTreeSet<String> = files_under(dir).into_iter().collect();
    let pages = html_pages(dir);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, page) in &pages {
        for link in &page.links {
            let (target, fragment) = match resolve_link(path, link) {
                Link::External => continue,
                Link::OutsideBase => {
                    checked += 1;
                    broken.push(format!("{path}: {link} points outside the base URL {BASE}"));
                    continue;
                }
                Link::Internal { path, fragment } => (path, fragment),
            };
            checked += 1;
            let Some(file) = existing_file(&files, &target) else {
                broken.push(format!("{path}: {link} → no file {target}"));
                continue;
            };
            if let Some(fragment) = fragment {
                let defined = pages.get(&file).is_some_and(|p| p.ids.contains(&fragment));
                if !defined {
                    broken.push(format!("{path}: {link} → {file} has no id {fragment:?}"));
                }
            }
        }
    }
    (checked, broken)
}

/// The links (`href`, `src`, `action`) and element ids of one page.
fn scan(html: &str) -> Page {
    let html = BODIES.replace_all(html, "$1");
    let value = |c: regex::Captures| {
        let raw = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        unescape(raw)
    };
    Page {
        links: LINK.captures_iter(&html).map(value).collect(),
        ids: ID.captures_iter(&html).map(value).collect(),
    }
}

/// Decodes the entities the template engine writes into attribute values.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Where a link on a page leads.
#[derive(Debug, PartialEq, Eq)]
enum Link {
    /// Another site, `mailto:`, `data:`: not checked here.
    External,
    /// A site-absolute path that does not start with the base URL.
    OutsideBase,
    /// A path relative to the site folder, and the fragment if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
}

/// Resolves a link on the page at `page` (a path relative to the site folder).
fn resolve_link(page: &str, link: &str) -> Link {
    if link.starts_with("//") || SCHEME.is_match(link) {
        return Link::External;
    }
    let (before_fragment, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    let page_dir = page.rfind('/').map_or("", |i| &page[..=i]);
    let joined = if path.is_empty() {
        page.to_string()
    } else if let Some(absolute) = path.strip_prefix('/') {
        match format!("/{absolute}").strip_prefix(BASE) {
            Some(inside) => inside.to_string(),
            None if format!("{path}/") == BASE => String::new(),
            None => return Link::OutsideBase,
        }
    } else {
        format!("{page_dir}{path}")
    };
    Link::Internal {
        path: normalize(&percent_decode(&joined)),
        fragment,
    }
}

/// Folds `.` and `..` segments; a `..` above the site root stays, so the file is not found.
fn normalize(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "." => {}
            ".." if segments.last().is_some_and(|s| *s != "..") => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// The written file a resolved path is served from: itself, or the folder's `index.html`.
fn existing_file(files: &BTreeSet<String>, target: &str) -> Option<String> {
    if !target.is_empty() && !target.ends_with('/') && files.contains(target) {
        return Some(target.to_string());
    }
    let folder = target.trim_end_matches('/');
    let index = if folder.is_empty() {
        "index.html".to_string()
    } else {
        format!("{folder}/index.html")
    };
    files.contains(&index).then_some(index)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn internal(path: &str, fragment: Option<&str>) -> Link {
    Link::Internal {
        path: path.to_string(),
        fragment: fragment.map(String::from),
    }
}

#[test]
fn links_resolve_relative_to_the_page_and_the_base_url() {
    let page = "plani/a/pasakumi/1.1/index.html";
    let resolved = |link| resolve_link(page, link);
    assert_eq!(
        resolved("../../#p-1.1"),
        internal("plani/a/", Some("p-1.1"))
    );
    assert_eq!(
        resolved("/portal/iestades/vp/?x=1"),
        internal("iestades/vp/", None)
    );
    assert_eq!(resolved("/iestades/vp/"), Link::OutsideBase);
    assert_eq!(resolved("/portal"), internal("", None));
    assert_eq!(resolved("#top"), internal(page, Some("top")));
    assert_eq!(
        resolved("%C4%A3p/"),
        internal("plani/a/pasakumi/1.1/ģp/", None)
    );
    assert_eq!(resolved("https://likumi.lv/"), Link::External);
    assert_eq!(resolved("mailto:x@example.org"), Link::External);
    assert_eq!(resolved("../../../../../x"), internal("../x", None));
}

#[test]
fn folders_resolve_to_their_index_page() {
    let files: BTreeSet<String> = ["index.html", "data/measures.json", "plani/a/index.html"]
        .map(String::from)
        .into();
    assert_eq!(existing_file(&files, ""), Some("index.html".to_string()));
    assert_eq!(
        existing_file(&files, "plani/a/"),
        Some("plani/a/index.html".to_string())
    );
    assert_eq!(
        existing_file(&files, "plani/a"),
        Some("plani/a/index.html".to_string())
    );
    assert_eq!(
        existing_file(&files, "data/measures.json"),
        Some("data/measures.json".to_string())
    );
    assert_eq!(existing_file(&files, "plani/b/"), None);
}

#[test]
fn the_scan_skips_script_bodies_and_reads_both_quote_styles() {
    let page = scan(
        "<a href=\"a/?q=1&amp;b=2\">x</a><img src='i.png' alt=''>\
         <script src=\"s.js\">var t = ' href=\"nope\"';</script><h2 id=\"p-1.1\">",
    );
    assert_eq!(page.links, ["a/?q=1&b=2", "i.png", "s.js"]);
    assert_eq!(page.ids, BTreeSet::from(["p-1.1".to_string()]));
}
