//! Editorial content from `content/`: plan metadata and introductions, extra institution names,
//! and free-standing pages.
//!
//! - `content/plans/<slug>.md`: TOML front matter between `+++` lines naming the seed file and
//!   its structure, then Markdown shown on the plan page above the extracted data;
//! - `content/institutions.toml`: the institution registry (see [`crate::resolve::registry`]);
//! - `content/pages/<slug>.md`: pages such as the accessibility statement (front matter `title`).

use crate::extract::Structure;
use crate::resolve::registry::Registry;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::fs;
use std::path::Path;

/// The front matter of a plan file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanMeta {
    /// Seed file name in `seeds/`.
    pub source: String,
    /// Which document structure the extractor reads.
    pub structure: Structure,
    /// Short name for navigation and tables; defaults to the extracted title.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Order on the home page; lower first. Defaults to 0 (then by slug).
    #[serde(default)]
    pub weight: i32,
}

/// One plan entry of `content/plans/`.
#[derive(Debug, Clone)]
pub struct PlanContent {
    pub slug: String,
    pub meta: PlanMeta,
    /// The Markdown body, unrendered.
    pub intro_markdown: String,
}

/// A free-standing editorial page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageMeta {
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub meta: PageMeta,
    pub markdown: String,
}

/// Everything in `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub plans: Vec<PlanContent>,
    /// Canonical institutions, groups and corrections of documents' definitions.
    pub registry: Registry,
    pub pages: Vec<Page>,
}

impl Content {
    /// Loads `dir` (the project's `content/` folder).
    pub fn load(dir: &Path) -> Result<Content> {
        let mut content = Content::default();
        for (slug, path) in markdown_files(&dir.join("plans"))? {
            let text = read(&path)?;
            let (meta, body) = split_front_matter(&text, &path)?;
            let meta: PlanMeta = toml::from_str(meta)
                .with_context(|| format!("{}: invalid front matter", path.display()))?;
            content.plans.push(PlanContent {
                slug,
                meta,
                intro_markdown: body.to_string(),
            });
        }
        content
            .plans
            .sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
        for (slug, path) in markdown_files(&dir.join("pages"))? {
            let text = read(&path)?;
            let (meta, body) = split_front_matter(&text, &path)?;
            let meta: PageMeta = toml::from_str(meta)
                .with_context(|| format!("{}: invalid front matter", path.display()))?;
            content.pages.push(Page {
                slug,
                meta,
                markdown: body.to_string(),
            });
        }
        let registry_path = dir.join("institutions.toml");
        if registry_path.exists() {
            let text = read(&registry_path)?;
            content.registry = Registry::parse(&text, &registry_path.display().to_string())?;
        }
        Ok(content)
    }
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `(slug, path)` of every `*.md` in `dir`, sorted; none when the folder does not exist.
fn markdown_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "md") {
            let slug = path
                .file_stem()
                .and_then(|s| s.to_str())
                .with_context(|| format!("{}: file name is not UTF-8", path.display()))?
                .to_string();
            files.push((slug, path));
        }
    }
    files.sort();
    Ok(files)
}

/// Splits `+++\nTOML\n+++\nbody`.
fn split_front_matter<'a>(text: &'a str, path: &Path) -> Result<(&'a str, &'a str)> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        bail!(
            "{}:1: expected front matter starting with +++",
            path.display()
        );
    };
    let Some(end) = rest.find("\n+++") else {
        bail!("{}: front matter is not closed with +++", path.display());
    };
    let body = rest[end + 4..].trim_start_matches('\n');
    Ok((&rest[..end], body))
}
