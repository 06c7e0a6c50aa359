//! Pages of the portal from the linked model.
//!
//! `views` turns the [`Library`] into one serialisable view per page, one file per family of
//! pages, and `PAGE_KINDS` below lists every kind of page with its builder and template; the `theme`'s
//! templates (embedded, overridable from the project's theme folder) lay them out; `html`
//! builds the fragments that need escaping and markup together (footnotes, Markdown). Every
//! link is site-absolute under [`RenderOptions::base_url`], and every directory URL gets an
//! `index.html`. [`data`] writes the open data the footer links to; `policy` is the
//! Content-Security-Policy every page declares, also written as a `_headers` file for hosts.

pub mod budget_data;
pub mod data;
mod html;
pub mod indicators_data;
mod latvian;
mod policy;
mod theme;
mod views;

#[cfg(test)]
mod tests;

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::output::Site;
use crate::resolve::Library;
use crate::search;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use minijinja::value::Serde;
use std::path::PathBuf;
use theme::Theme;
use views::{Chrome, Pages, SearchUrls};

/// Settings that change the rendered output.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Absolute URL prefix of the site, with a trailing slash ("/" by default).
    pub base_url: String,
    /// Folder whose `templates/` and `static/` files replace the embedded theme's, file by file
    /// (`<root>/themes/default`); `None` renders with the embedded theme only.
    pub theme_dir: Option<PathBuf>,
    /// The day the site is built: the data's date on the about page, the home page and in every
    /// citation. [`build_date`] gives the usual value.
    pub build_date: NaiveDate,
}

/// The day of the build: the date of `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention, so a rebuild of the same sources can give the same site) when
/// that is set to a number, otherwise today (UTC).
pub fn build_date() -> NaiveDate {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// Builds every page of one kind, each with its path from [`crate::resolve::urls`].
type Builder = fn(&Pages) -> Vec<views::Page>;

/// Every kind of page: its builder (which gives each page its URL from
/// [`crate::resolve::urls`]) and the template
/// laying it out. A new kind of page is a line here, a template in `themes/default/templates/`,
/// and a line in `KINDS` of `tests/browser/harness.mjs`.
const PAGE_KINDS: [(Builder, &str); 22] = [
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
    (views::institutions::index, "institutions.html"),
    (views::institutions::institutions, "institution.html"),
    (views::institutions::groups, "group.html"),
    (views::institutions::glossary, "glossary.html"),
    (views::deadlines::overview, "deadlines.html"),
    (views::deadlines::years, "deadline_year.html"),
    (views::status::overview, "status.html"),
    (views::site::search, "search.html"),
    (views::site::editorial, "page.html"),
    (views::site::not_found, "404.html"),
];

/// Renders every page, theme asset and data file.
pub fn render(library: &Library, content: &Content, options: &RenderOptions) -> Result<Site> {
    let theme = Theme::load(options.theme_dir.as_deref())?;
    let mut site = Site::default();
    let assets = theme.publish_assets(&mut site, &options.base_url)?;
    let search = publish_search(library, content, &theme, &mut site, options)?;
    let pages = Pages::new(
        library,
        content,
        &options.base_url,
        search,
        options.build_date,
    );
    let mut out = Output {
        theme: &theme,
        chrome: pages.chrome(assets),
        site: &mut site,
    };
    for (build, template) in PAGE_KINDS {
        for page in build(&pages) {
            out.page(&page, template)?;
        }
    }
    data::write_data(library, &mut site, &options.base_url)?;
    budget_data::write_budget_data(library, &mut site)?;
    indicators_data::write_indicators(library, &mut site, &options.base_url)?;
    site.add("_headers", policy::headers_file(&options.base_url))?;
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

/// Writes the search index built from the model and the search page's modules; returns where
/// the search page finds them.
fn publish_search(
    library: &Library,
    content: &Content,
    theme: &Theme,
    site: &mut Site,
    options: &RenderOptions,
) -> Result<SearchUrls> {
    let data = search::index::SearchData::of_library(library, content, &options.base_url);
    let index = data.files(theme::hashed)?;
    for (path, bytes) in index.files {
        site.add(path, bytes)?;
    }
    let script = theme.publish_search_modules(site, &options.base_url)?;
    Ok(SearchUrls {
        manifest: format!("{}{}", options.base_url, index.manifest),
        script,
    })
}

/// Renders pages with the theme into the site.
struct Output<'a> {
    theme: &'a Theme,
    chrome: Chrome,
    site: &'a mut Site,
}

impl Output<'_> {
    fn page(&mut self, page: &views::Page, template: &str) -> Result<()> {
        let html = self
            .theme
            .environment
            .get_template(template)
            .and_then(|t| {
                t.render(minijinja::context! {
                    site => Serde(&self.chrome),
                    page => Serde(&page.head),
                    data => page.view.clone(),
                })
            })
            .with_context(|| format!("rendering {} with {template}", page.path))?;
        self.site.add(&page.path, html)
    }
}
