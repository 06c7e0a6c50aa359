//! Pages of the portal from the linked model.
//!
//! `views` turns the [`Library`] into one serialisable view per page, one file per family of
//! pages, and `PAGE_KINDS` below lists every kind of page with its builder and template; the `theme`'s
//! templates (embedded, overridable from the project's theme folder) lay them out; `html`
//! builds the fragments that need escaping and markup together (footnotes, Markdown). Every
//! link is site-absolute under [`RenderOptions::link_prefix`], and every directory URL gets an
//! `index.html`; `meta` gives every page's head its description, canonical link, Open Graph tags
//! and JSON-LD. [`data`] and the other `*_data` modules write the open data, [`datapackage`]
//! describes it (the Dati page shows that description) and `excel` writes its Excel twins;
//! `sitemap` and [`feeds`] are for crawlers and feed readers. `policy` is the
//! Content-Security-Policy every page declares, also written as a `_headers` file for hosts.

pub mod budget_data;
pub mod changes_data;
pub mod data;
pub mod datapackage;
mod excel;
pub mod feeds;
mod html;
pub mod indicators_data;
mod latvian;
mod meta;
mod policy;
pub mod relations_data;
mod sitemap;
mod theme;
mod views;

#[cfg(test)]
mod tests;

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::output::Site;
use crate::resolve::{urls, Library};
use crate::search;
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use meta::MetaBuilder;
use minijinja::value::Serde;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::SystemTime;
use theme::Theme;
use views::data_page::OpenData;
use views::{Chrome, Pages, SearchUrls};

/// Settings that change the rendered output.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Where the site is published, with a trailing slash: a path from the server's root
    /// ("/" by default, "/portal/") or a full URL (`"https://example.lv/portal/"`). Links between
    /// pages use only its path ([`RenderOptions::link_prefix`]); the full URL, when given, is
    /// what the sitemap, the feeds, canonical links and the data files' `url` need
    /// ([`RenderOptions::site_url`]).
    pub base_url: String,
    /// Folder whose `templates/` and `static/` files replace the embedded theme's, file by file
    /// (`<root>/themes/default`); `None` renders with the embedded theme only.
    pub theme_dir: Option<PathBuf>,
    /// The day the site is built: the data's date on the about page, the home page and in every
    /// citation. [`build_date`] gives the usual value.
    pub build_date: NaiveDate,
}

/// The day of the build, in UTC: the date of `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention, so a rebuild of the same sources gives the same site) when it
/// is set, else today. A value that is not a number of seconds is an error, not ignored.
pub fn build_date() -> Result<NaiveDate> {
    day_of(
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        SystemTime::now(),
    )
}

/// The UTC day of `source_date_epoch` (seconds since 1970) when given, else of `now`.
fn day_of(source_date_epoch: Option<&str>, now: SystemTime) -> Result<NaiveDate> {
    let seconds = match source_date_epoch {
        Some(value) => value.trim().parse::<i64>().with_context(|| {
            format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds since 1970")
        })?,
        None => now
            .duration_since(SystemTime::UNIX_EPOCH)
            .context("the system clock is before 1970")?
            .as_secs()
            .try_into()
            .context("the system clock is out of range")?,
    };
    match chrono::DateTime::from_timestamp(seconds, 0) {
        Some(time) => Ok(time.date_naive()),
        None => bail!("SOURCE_DATE_EPOCH={seconds} is out of range"),
    }
}

impl RenderOptions {
    /// The path every link of the site starts with: "/portal/" of "/portal/" and of
    /// `"https://example.lv/portal/"`. Pages link with paths only, so a site built for its full
    /// address still works when served from another host (a preview, the test suite).
    pub fn link_prefix(&self) -> &str {
        match self.base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
            None => &self.base_url,
        }
    }

    /// The site's full address (`"https://example.lv/portal/"`), when `base_url` is one: the
    /// sitemap, the Atom feeds, canonical links and `og:url` are absolute by their standards and
    /// are left out without it.
    pub fn site_url(&self) -> Option<&str> {
        self.base_url
            .contains("://")
            .then_some(self.base_url.as_str())
    }

    /// The public address of a page or file (`path` relative to the site's root): absolute when
    /// the full address is known, else from the server's root ("/portal/data/measures.csv").
    pub fn public_url(&self, path: &str) -> String {
        format!("{}{path}", self.site_url().unwrap_or(self.link_prefix()))
    }
}

/// Builds every page of one kind, each with its path from [`crate::resolve::urls`].
type Builder = for<'a> fn(&'a Pages) -> Vec<views::Page<'a>>;

/// Every kind of page but the search page ([`SEARCH_PAGE`]): its builder (which gives each page
/// its URL from [`crate::resolve::urls`]) and the template laying it out. A new kind of page is
/// a line here, a template in `themes/default/templates/`, and a line in `KINDS` of
/// `tests/browser/harness.mjs`.
const PAGE_KINDS: [(Builder, &str); 27] = [
    (views::plan::home, "home.html"),
    (views::plan::plans, "plan.html"),
    (views::plan::directions, "direction.html"),
    (views::measure::measures, "measure.html"),
    (views::strategy::areas, "area.html"),
    (views::strategy::indicators, "indicator.html"),
    (views::chapters::chapters, "chapter.html"),
    (views::budget::plan_budgets, "budget.html"),
    (views::budget::index, "budget_index.html"),
    (views::budget::programmes, "programme.html"),
    (views::budget::ministries, "ministry.html"),
    (views::source::sources, "source.html"),
    (views::changes::plan_changes, "changes.html"),
    (views::changes::changes, "changes.html"),
    (views::changes::removed_measures, "measure.html"),
    (views::changes::renumbered, "renumbered.html"),
    (views::changes::earlier_sources, "source.html"),
    (views::institutions::index, "institutions.html"),
    (views::institutions::institutions, "institution.html"),
    (views::institutions::groups, "group.html"),
    (views::institutions::glossary, "glossary.html"),
    (views::deadlines::overview, "deadlines.html"),
    (views::deadlines::years, "deadline_year.html"),
    (views::status::overview, "status.html"),
    (views::site::editorial, "page.html"),
    (views::data_page::data, "data.html"),
    (views::site::not_found, "404.html"),
];

/// The search page, which names the index's content-hashed files: rendered once the index,
/// built beside the other pages, is written.
const SEARCH_PAGE: (Builder, &str) = (views::site::search, "search.html");

/// How many pages are built and rendered (on every core) at a time: enough to keep the cores
/// busy, few enough that their views and HTML stay a small part of the build's memory (a
/// source viewer page is about 350 KB at 100× the corpus).
const PAGES_PER_CHUNK: usize = 64;

/// Rendered pages are handed to the site (written into the staging folder when publishing)
/// once they hold this many bytes or [`PAGES_PER_BATCH`] pages, whichever comes first: few
/// rewrites of the publishing manifest, and a bounded amount of HTML held.
const BYTES_PER_BATCH: usize = 16 << 20;

/// See [`BYTES_PER_BATCH`].
const PAGES_PER_BATCH: usize = 1024;

/// Renders every page, theme asset and data file into a new site in memory.
pub fn render(library: &Library, content: &Content, options: &RenderOptions) -> Result<Site> {
    let mut site = Site::default();
    render_into(&mut site, library, content, options)?;
    Ok(site)
}

/// Renders every page, theme asset and data file into `site` (in memory, or a publishing
/// site's staging folder).
///
/// Every part runs as soon as what it needs is there, beside the others, so the build takes
/// about as long as its longest chain rather than the sum of its parts: the search index (the
/// largest single part, needing only the library), the related measures and the theme's
/// templates each start on a thread of their own while the data files are written; the pages
/// of each kind render in parallel batches, each batch added in page order, so the output does
/// not depend on which thread finished first. Only the search page, which names the index's
/// content-hashed files, waits for the index.
pub fn render_into(
    site: &mut Site,
    library: &Library,
    content: &Content,
    options: &RenderOptions,
) -> Result<()> {
    std::thread::scope(|scope| render_parts(scope, site, library, content, options))
}

/// [`render_into`]'s work, with `scope` to run parts on threads of their own.
fn render_parts<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    site: &mut Site,
    library: &'env Library,
    content: &'env Content,
    options: &'env RenderOptions,
) -> Result<()> {
    let prefix = options.link_prefix();
    let index = scope.spawn(|| {
        search::index::SearchData::of_library(library, content, prefix).files(theme::hashed_parts)
    });
    let related = scope.spawn(|| search::related::related_measures(&library.plans));
    let theme = scope.spawn(|| Theme::load(options.theme_dir.as_deref()));
    // Each writer's files are described, get their Excel twins and are written out before
    // the next writer runs: the open data is hundreds of MB at 100× the corpus.
    let mut package = datapackage::Package::default();
    data::write_data(library, site, &options.public_url(""))?;
    publish_data(site, &mut package)?;
    budget_data::write_budget_data(library, site)?;
    publish_data(site, &mut package)?;
    indicators_data::write_indicators(library, site, &options.public_url(""))?;
    publish_data(site, &mut package)?;
    relations_data::write_relations(library, content, site, &options.public_url(""))?;
    publish_data(site, &mut package)?;
    let related = joined(related);
    relations_data::write_related(&related, site, &options.public_url(""))?;
    publish_data(site, &mut package)?;
    changes_data::write_changes(library, site, &options.public_url(""))?;
    publish_data(site, &mut package)?;
    package.check_complete()?;
    site.add(
        format!("{}datapackage.json", urls::DATA),
        package.to_json(&content.data, options.site_url())?,
    )?;
    let theme = joined(theme)?;
    let assets = theme.publish_assets(site, prefix)?;
    let script = theme.publish_search_modules(site, prefix)?;
    let open_data = OpenData {
        package: &package,
        site_url: options.site_url(),
    };
    let mut pages = Pages::new(
        library,
        content,
        prefix,
        open_data,
        options.build_date,
        &related,
    );
    let out = Output {
        theme: &theme,
        chrome: pages.chrome(assets),
        meta: MetaBuilder::new(library, content, &package, prefix, options.site_url()),
    };
    for kind in PAGE_KINDS {
        out.pages(&pages, kind, site)?;
    }
    let index = joined(index)?;
    for (path, bytes) in index.files {
        site.add(path, bytes)?;
    }
    site.write_held()?;
    pages.set_search(SearchUrls {
        manifest: format!("{prefix}{}", index.manifest),
        script,
    });
    out.pages(&pages, SEARCH_PAGE, site)?;
    site.add("_headers", policy::headers_file(prefix))?;
    if let Some(site_url) = options.site_url() {
        feeds::write(library, content, site, site_url, options.build_date)?;
    }
    sitemap::write(site, options.site_url())?;
    Ok(())
}

/// Describes the data files `site` holds that the package does not describe yet, adds their
/// Excel twins, and (when publishing) writes every held file out, so that nothing reads them
/// again.
fn publish_data(site: &mut Site, package: &mut datapackage::Package) -> Result<()> {
    let described = package.describe_held(site)?;
    excel::write_twins(site, &package.resources[described])?;
    site.write_held()
}

/// What a part of the build run on a thread of its own returned; its panic goes on unwinding
/// here, as if the part had run on this thread.
fn joined<T>(part: std::thread::ScopedJoinHandle<'_, T>) -> T {
    part.join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Warnings about editorial Markdown (plan introductions, `content/pages/`) that the pages show
/// otherwise than written because the security policy refuses it (see
/// `html::markdown_refusals`), each with the content file and its line. The driver adds them in
/// `load()`, so `check` reports what `build` will render.
pub fn content_diagnostics(content: &Content) -> Vec<Diagnostic> {
    let bodies = content
        .plans
        .iter()
        .map(|p| (&p.intro_markdown, &p.location))
        .chain(content.pages.iter().map(|p| (&p.markdown, &p.location)));
    bodies
        .flat_map(|(markdown, location)| {
            html::markdown_refusals(markdown)
                .into_iter()
                .map(move |refusal| {
                    Diagnostic::warning(
                        &location.file,
                        location.first_line + refusal.line - 1,
                        refusal.message,
                    )
                })
        })
        .collect()
}

/// Renders pages with the theme.
struct Output<'a> {
    theme: &'a Theme,
    chrome: Chrome,
    meta: MetaBuilder<'a>,
}

impl Output<'_> {
    /// Builds the pages of one kind and renders them into `site`, a chunk at a time, each
    /// page's view dropped once it is rendered, and the HTML handed to the site in batches
    /// of bounded size, in page order.
    fn pages(
        &self,
        pages: &Pages,
        (build, template): (Builder, &str),
        site: &mut Site,
    ) -> Result<()> {
        let mut unbuilt = build(pages).into_iter();
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        loop {
            let chunk: Vec<views::Page> = unbuilt.by_ref().take(PAGES_PER_CHUNK).collect();
            let last = chunk.len() < PAGES_PER_CHUNK;
            let rendered: Vec<Result<(String, Vec<u8>)>> = chunk
                .into_par_iter()
                .map(|page| self.page(page, template))
                .collect();
            // In page order: the first page that fails is the one reported.
            for page in rendered {
                let (path, html) = page?;
                batch_bytes += html.len();
                batch.push((path, html));
            }
            if last || batch_bytes >= BYTES_PER_BATCH || batch.len() >= PAGES_PER_BATCH {
                site.add_pages(std::mem::take(&mut batch))?;
                batch_bytes = 0;
            }
            if last {
                return Ok(());
            }
        }
    }

    /// Builds a page and renders it with `template`, with its head metadata.
    fn page(&self, page: views::Page, template: &str) -> Result<(String, Vec<u8>)> {
        let (path, head, view) = page.build();
        let meta = self.meta.page(&path, &head);
        let html = self
            .theme
            .environment
            .get_template(template)
            .and_then(|t| {
                t.render(minijinja::context! {
                    site => Serde(&self.chrome),
                    page => Serde(&head),
                    meta => Serde(&meta),
                    data => view,
                })
            })
            .with_context(|| format!("rendering {path} with {template}"))?;
        Ok((path, html.into_bytes()))
    }
}
