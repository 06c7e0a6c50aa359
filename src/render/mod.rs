//! Pages of the portal from the linked model.
//!
//! `views` turns the [`Library`] into one serialisable view per page; the `theme`'s
//! templates (embedded, overridable from the project's theme folder) lay them out; `html`
//! builds the fragments that need escaping and markup together (footnotes, Markdown). Every
//! link is site-absolute under [`RenderOptions::link_prefix`], and every directory URL gets an
//! `index.html`; `meta` gives every page's head its description, canonical link, Open Graph tags
//! and JSON-LD. [`data`] and the other `*_data` modules write the open data, [`datapackage`]
//! describes it (the Dati page shows that description) and `excel` writes its Excel twins;
//! `sitemap` and [`feeds`] are for crawlers and feed readers. `policy` is the
//! Content-Security-Policy every page declares, also written as a `_headers` file for hosts.

pub mod budget_data;
pub mod data;
pub mod datapackage;
mod excel;
pub mod feeds;
mod html;
pub mod indicators_data;
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
use anyhow::{Context, Result};
use meta::MetaBuilder;
use minijinja::value::Serde;
use serde::Serialize;
use std::path::PathBuf;
use theme::Theme;
use views::{Chrome, PageHead, Pages};

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

/// Renders every page, theme asset and data file.
pub fn render(library: &Library, content: &Content, options: &RenderOptions) -> Result<Site> {
    let theme = Theme::load(options.theme_dir.as_deref())?;
    let mut site = Site::default();
    let prefix = options.link_prefix();
    let assets = theme.publish_assets(&mut site, prefix)?;
    let (manifest_url, script_url) = publish_search(library, content, &theme, &mut site, options)?;
    data::write_data(library, &mut site, &options.public_url(""))?;
    budget_data::write_budget_data(library, &mut site)?;
    indicators_data::write_indicators(library, &mut site, &options.public_url(""))?;
    relations_data::write_relations(library, content, &mut site, &options.public_url(""))?;
    let package = datapackage::Package::describe(&site)?;
    excel::write_twins(&mut site, &package)?;
    site.add(
        format!("{}datapackage.json", urls::DATA),
        package.to_json(&content.data, options.site_url())?,
    )?;
    let pages = Pages::new(library, content, prefix);
    let mut out = Output {
        theme: &theme,
        chrome: pages.chrome(assets),
        site: &mut site,
        meta: MetaBuilder::new(library, content, &package, prefix, options.site_url()),
    };

    let (head, view) = pages.home();
    out.page("index.html", "home.html", &head, &view)?;
    for plan in &library.plans {
        let (head, view) = pages.plan(plan);
        out.page(&index(&urls::plan(&plan.slug)), "plan.html", &head, &view)?;
        for (i, direction) in plan.directions.iter().enumerate() {
            let (head, view) = pages.direction(plan, i);
            let path = index(&urls::direction(&plan.slug, &direction.id));
            out.page(&path, "direction.html", &head, &view)?;
        }
        for (i, measure) in plan.measures.iter().enumerate() {
            let (head, view) = pages.measure(plan, i);
            let path = index(&urls::measure(&plan.slug, &measure.id));
            out.page(&path, "measure.html", &head, &view)?;
        }
        for (i, area) in plan.areas.iter().enumerate() {
            let (head, view) = pages.area(plan, i);
            let path = index(&urls::area(&plan.slug, &area.id));
            out.page(&path, "area.html", &head, &view)?;
        }
        for (i, id) in pages.indicator_ids(plan).iter().enumerate() {
            let (head, view) = pages.indicator(plan, i);
            let path = index(&urls::indicator(&plan.slug, id));
            out.page(&path, "indicator.html", &head, &view)?;
        }
        for (i, chapter) in plan.chapters.iter().enumerate() {
            let (head, view) = pages.chapter(plan, i);
            let path = index(&urls::chapter(&plan.slug, &chapter.id));
            out.page(&path, "chapter.html", &head, &view)?;
        }
        if let Some((head, view)) = pages.plan_budget(plan) {
            let path = index(&urls::plan_budget(&plan.slug));
            out.page(&path, "budget.html", &head, &view)?;
        }
    }
    let (head, view) = pages.budget_index();
    out.page(&index(urls::BUDGET), "budget_index.html", &head, &view)?;
    for code in pages.programme_codes() {
        let (head, view) = pages.programme(&code);
        let path = index(&urls::programme(&code));
        out.page(&path, "programme.html", &head, &view)?;
    }
    for slug in pages.ministry_slugs() {
        if let Some((head, view)) = pages.ministry(&slug) {
            let path = index(&urls::ministry(&slug));
            out.page(&path, "ministry.html", &head, &view)?;
        }
    }
    for document in &library.sources {
        let (head, view) = pages.source(document);
        let path = index(&urls::source(&document.file));
        out.page(&path, "source.html", &head, &view)?;
    }
    let (head, view) = pages.institutions();
    out.page(
        &index(urls::INSTITUTIONS),
        "institutions.html",
        &head,
        &view,
    )?;
    for institution in &library.institutions {
        let (head, view) = pages.institution(institution);
        let path = index(&urls::institution(&institution.slug));
        out.page(&path, "institution.html", &head, &view)?;
    }
    let (head, view) = pages.deadlines();
    out.page(&index(urls::DEADLINES), "deadlines.html", &head, &view)?;
    for year in pages.years() {
        let (head, view) = pages.deadline_year(year);
        out.page(
            &index(&urls::deadline_year(year)),
            "deadline_year.html",
            &head,
            &view,
        )?;
    }
    let (head, view) = pages.status();
    out.page(&index(urls::STATUS), "status.html", &head, &view)?;
    let (head, view) = pages.glossary();
    out.page(&index(urls::GLOSSARY), "glossary.html", &head, &view)?;
    let (head, view) = pages.search(manifest_url, script_url);
    out.page(&index(urls::SEARCH), "search.html", &head, &view)?;
    for page in &content.pages {
        let (head, view) = pages.editorial(page);
        out.page(
            &index(&views::editorial_url(&page.slug)),
            "page.html",
            &head,
            &view,
        )?;
    }
    let (head, view) = pages.data_page(&package, &content.data, options.site_url());
    out.page(&index(urls::DATA_PAGE), "data.html", &head, &view)?;
    let (head, view) = pages.not_found();
    out.page("404.html", "404.html", &head, &view)?;
    site.add("_headers", policy::headers_file(prefix))?;
    if let Some(site_url) = options.site_url() {
        feeds::write(library, content, &mut site, site_url, feeds::build_day()?)?;
    }
    sitemap::write(&mut site, options.site_url())?;
    Ok(site)
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

/// Writes the search index built from the model and the search page's modules; returns the
/// manifest's and the entry module's URLs.
fn publish_search(
    library: &Library,
    content: &Content,
    theme: &Theme,
    site: &mut Site,
    options: &RenderOptions,
) -> Result<(String, String)> {
    let prefix = options.link_prefix();
    let data = search::index::SearchData::of_library(library, content, prefix);
    let index = data.files(theme::hashed)?;
    for (path, bytes) in index.files {
        site.add(path, bytes)?;
    }
    let script = theme.publish_search_modules(site, prefix)?;
    Ok((format!("{prefix}{}", index.manifest), script))
}

/// The output file of a directory URL.
fn index(url: &str) -> String {
    format!("{url}index.html")
}

/// Renders pages with the theme into the site.
struct Output<'a> {
    theme: &'a Theme,
    chrome: Chrome,
    site: &'a mut Site,
    meta: MetaBuilder<'a>,
}

impl Output<'_> {
    /// Renders `view` with `template` into `path`, with the page's head metadata.
    fn page<T: Serialize>(
        &mut self,
        path: &str,
        template: &str,
        head: &PageHead,
        view: &T,
    ) -> Result<()> {
        let meta = self.meta.page(path, head);
        let html = self
            .theme
            .environment
            .get_template(template)
            .and_then(|t| {
                t.render(minijinja::context! {
                    site => Serde(&self.chrome),
                    page => Serde(head),
                    meta => Serde(&meta),
                    data => Serde(view),
                })
            })
            .with_context(|| format!("rendering {path} with {template}"))?;
        self.site.add(path, html)
    }
}
