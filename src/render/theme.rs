//! The theme: templates and static assets embedded in the binary, each overridable by a file of
//! the same name in the project's theme folder (so the binary works without one, mdBook style).
//!
//! Assets are published under content-hashed names (`static/style.<hash>.css`) so they can be
//! cached forever; `favicon.ico` keeps its fixed name because browsers request it by that path.

use super::html::{escape, fnv1a, fnv1a_parts};
use super::latvian;
use super::policy::META_POLICY;
use crate::output::Site;
use anyhow::{Context, Result};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use std::fs;
use std::path::Path;

/// Every template, by name, with its embedded source.
const TEMPLATES: [(&str, &str); 28] = [
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "change_macros.html",
        include_str!("../../themes/default/templates/change_macros.html"),
    ),
    (
        "changes.html",
        include_str!("../../themes/default/templates/changes.html"),
    ),
    (
        "renumbered.html",
        include_str!("../../themes/default/templates/renumbered.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "plan.html",
        include_str!("../../themes/default/templates/plan.html"),
    ),
    (
        "direction.html",
        include_str!("../../themes/default/templates/direction.html"),
    ),
    (
        "measure.html",
        include_str!("../../themes/default/templates/measure.html"),
    ),
    (
        "source.html",
        include_str!("../../themes/default/templates/source.html"),
    ),
    (
        "institutions.html",
        include_str!("../../themes/default/templates/institutions.html"),
    ),
    (
        "institution.html",
        include_str!("../../themes/default/templates/institution.html"),
    ),
    (
        "group.html",
        include_str!("../../themes/default/templates/group.html"),
    ),
    (
        "deadlines.html",
        include_str!("../../themes/default/templates/deadlines.html"),
    ),
    (
        "deadline_year.html",
        include_str!("../../themes/default/templates/deadline_year.html"),
    ),
    (
        "status.html",
        include_str!("../../themes/default/templates/status.html"),
    ),
    (
        "glossary.html",
        include_str!("../../themes/default/templates/glossary.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "budget.html",
        include_str!("../../themes/default/templates/budget.html"),
    ),
    (
        "budget_index.html",
        include_str!("../../themes/default/templates/budget_index.html"),
    ),
    (
        "programme.html",
        include_str!("../../themes/default/templates/programme.html"),
    ),
    (
        "ministry.html",
        include_str!("../../themes/default/templates/ministry.html"),
    ),
    (
        "area.html",
        include_str!("../../themes/default/templates/area.html"),
    ),
    (
        "indicator.html",
        include_str!("../../themes/default/templates/indicator.html"),
    ),
    (
        "chapter.html",
        include_str!("../../themes/default/templates/chapter.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "data.html",
        include_str!("../../themes/default/templates/data.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
];

const STYLE: &[u8] = include_bytes!("../../themes/default/static/style.css");
const ICON_SVG: &[u8] = include_bytes!("../../themes/default/static/favicon.svg");
const ICON_ICO: &[u8] = include_bytes!("../../themes/default/static/favicon.ico");
/// The pages' own module: copy buttons, the source view's highlighted lines, table filters.
const PAGE_SCRIPT: &[u8] = include_bytes!("../../themes/default/static/page.mjs");

/// The search page's ES modules under `static/search/`, in dependency order: each imports only
/// modules before it, by a relative `./name.mjs` specifier that publishing rewrites to the hashed
/// name.
const SEARCH_MODULES: [(&str, &str); 3] = [
    (
        "analyzer.mjs",
        include_str!("../../themes/default/static/search/analyzer.mjs"),
    ),
    (
        "engine.mjs",
        include_str!("../../themes/default/static/search/engine.mjs"),
    ),
    (
        "search.mjs",
        include_str!("../../themes/default/static/search/search.mjs"),
    ),
];

/// Site-absolute URLs of the published assets, for the page head.
#[derive(Debug, Clone, Serialize)]
pub struct AssetUrls {
    pub style: String,
    pub icon_svg: String,
    pub icon_ico: String,
    /// The module of [`PAGE_SCRIPT`], for the pages that use it.
    pub page_script: String,
}

/// The loaded theme.
#[derive(Debug)]
pub struct Theme {
    pub environment: Environment<'static>,
    style: Vec<u8>,
    icon_svg: Vec<u8>,
    icon_ico: Vec<u8>,
    page_script: Vec<u8>,
    /// The search modules' names and sources, in [`SEARCH_MODULES`] order.
    search_modules: Vec<(&'static str, String)>,
}

impl Theme {
    /// Loads the embedded theme, replacing each file that exists under `dir`
    /// (`templates/<name>`, `static/<name>`).
    pub fn load(dir: Option<&Path>) -> Result<Theme> {
        let mut environment = Environment::new();
        environment.set_undefined_behavior(UndefinedBehavior::Strict);
        // The default escaper also writes '/' as "&#x2f;", which makes every URL in an attribute
        // unreadable in the published source; quotes, '<', '>' and '&' are all HTML needs.
        environment.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => out
                .write_str(&escape(text))
                .map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write page")),
            _ => minijinja::escape_formatter(out, state, value),
        });
        // Every page's `<meta http-equiv="Content-Security-Policy">` prints this, so the policy
        // has one source (`render::policy`) and a theme's own base.html can print it too.
        // It is markup-safe (no '"', '<' or '&'), and unescaped it reads as the README's.
        environment.add_global(
            "content_security_policy",
            minijinja::Value::from_safe_string(META_POLICY.to_string()),
        );
        // Counts: `{{ n|plural("pasākums", "pasākumi") }}` is "1 pasākums" or "5 pasākumi";
        // `{% if n is singular %}` picks agreeing words elsewhere in a sentence.
        environment.add_filter("plural", |n: u64, one: String, other: String| {
            latvian::count(n, &one, &other)
        });
        environment.add_test("singular", latvian::is_singular);
        for (name, embedded) in TEMPLATES {
            let source = match overriding(dir, "templates", name)? {
                Some(bytes) => String::from_utf8(bytes)
                    .with_context(|| format!("theme template {name} is not UTF-8"))?,
                None => embedded.to_string(),
            };
            environment
                .add_template_owned(name, source)
                .with_context(|| format!("theme template {name}"))?;
        }
        Ok(Theme {
            environment,
            style: overriding(dir, "static", "style.css")?.unwrap_or_else(|| STYLE.to_vec()),
            icon_svg: overriding(dir, "static", "favicon.svg")?
                .unwrap_or_else(|| ICON_SVG.to_vec()),
            icon_ico: overriding(dir, "static", "favicon.ico")?
                .unwrap_or_else(|| ICON_ICO.to_vec()),
            page_script: overriding(dir, "static", "page.mjs")?
                .unwrap_or_else(|| PAGE_SCRIPT.to_vec()),
            search_modules: SEARCH_MODULES
                .iter()
                .map(|(name, embedded)| {
                    let source = match overriding(dir, "static", &format!("search/{name}"))? {
                        Some(bytes) => String::from_utf8(bytes)
                            .with_context(|| format!("theme module search/{name} is not UTF-8"))?,
                        None => embedded.to_string(),
                    };
                    Ok((*name, source))
                })
                .collect::<Result<_>>()?,
        })
    }

    /// Adds the assets to the site and returns their URLs.
    pub fn publish_assets(&self, site: &mut Site, base_url: &str) -> Result<AssetUrls> {
        let style = hashed("static/style", "css", &self.style);
        let icon_svg = hashed("static/favicon", "svg", &self.icon_svg);
        let icon_ico = "favicon.ico".to_string();
        let page_script = hashed("static/page", "mjs", &self.page_script);
        site.add(page_script.clone(), self.page_script.clone())?;
        site.add(style.clone(), self.style.clone())?;
        site.add(icon_svg.clone(), self.icon_svg.clone())?;
        site.add(icon_ico.clone(), self.icon_ico.clone())?;
        Ok(AssetUrls {
            style: format!("{base_url}{style}"),
            icon_svg: format!("{base_url}{icon_svg}"),
            icon_ico: format!("{base_url}{icon_ico}"),
            page_script: format!("{base_url}{page_script}"),
        })
    }

    /// Adds the search modules under content-hashed names, rewriting each `./name.mjs` import
    /// to the published name, and returns the URL of the page's entry module (the last one).
    pub fn publish_search_modules(&self, site: &mut Site, base_url: &str) -> Result<String> {
        let mut published: Vec<(&str, String)> = Vec::new();
        for (name, source) in &self.search_modules {
            let mut source = source.clone();
            for (earlier, file) in &published {
                source = source.replace(&format!("'./{earlier}'"), &format!("'./{file}'"));
            }
            let stem = name.trim_end_matches(".mjs");
            let path = hashed(&format!("static/search/{stem}"), "mjs", source.as_bytes());
            let file = path.rsplit('/').next().unwrap_or(&path).to_string();
            site.add(path, source)?;
            published.push((name, file));
        }
        let (_, entry) = published
            .last()
            .context("the theme has no search modules")?;
        Ok(format!("{base_url}static/search/{entry}"))
    }
}

/// `stem.<hash>.ext`, the hash being the first 10 hex digits of FNV-1a over the content.
pub fn hashed(stem: &str, ext: &str, bytes: &[u8]) -> String {
    named(stem, ext, fnv1a(bytes))
}

/// [`hashed`] for content given in parts, named as their concatenation would be.
pub fn hashed_parts(stem: &str, ext: &str, parts: &[&[u8]]) -> String {
    named(stem, ext, fnv1a_parts(parts))
}

fn named(stem: &str, ext: &str, hash: u64) -> String {
    let hash = format!("{hash:016x}");
    format!("{stem}.{}.{ext}", &hash[..10])
}

/// The bytes of `<dir>/<kind>/<name>` when the theme folder has that file.
fn overriding(dir: Option<&Path>, kind: &str, name: &str) -> Result<Option<Vec<u8>>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let path = dir.join(kind).join(name);
    if !path.is_file() {
        return Ok(None);
    }
    fs::read(&path)
        .map(Some)
        .with_context(|| format!("cannot read {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_theme_folder_replaces_the_embedded_one() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("static")).unwrap();
        fs::write(tmp.path().join("static/style.css"), "body{}").unwrap();
        let theme = Theme::load(Some(tmp.path())).unwrap();
        assert_eq!(theme.style, b"body{}");
        assert_eq!(theme.icon_svg, ICON_SVG);
        let mut site = Site::default();
        let urls = theme.publish_assets(&mut site, "/x/").unwrap();
        assert_eq!(
            urls.style,
            format!("/x/{}", hashed("static/style", "css", b"body{}"))
        );
        assert!(site.files.contains_key(&urls.style["/x/".len()..]));
    }

    #[test]
    fn asset_names_change_with_content() {
        assert_ne!(hashed("s", "css", b"a"), hashed("s", "css", b"b"));
        assert_eq!(hashed("s", "css", b"a"), hashed("s", "css", b"a"));
        assert_eq!(
            hashed("s", "css", b"a").len(),
            "s.".len() + 10 + ".css".len()
        );
    }
}
