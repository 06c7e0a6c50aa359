//! Editorial content from `content/`: plan metadata and introductions, extra institution names,
//! and free-standing pages.
//!
//! - `content/plans/<slug>.md`: TOML front matter between `+++` lines naming the seed file and
//!   its structure, then Markdown shown on the plan page above the extracted data;
//! - `content/institutions.toml`: names for codes no document defines (`[names] CODE = "Name"`);
//! - `content/pages/<slug>.md`: pages such as the accessibility statement (front matter `title`);
//! - `content/search.toml`: the search vocabulary (generic planning words, synonyms), applied to
//!   queries by the search page and `planportal search` alike.

use crate::extract::Structure;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionsFile {
    #[serde(default)]
    names: BTreeMap<String, String>,
}

/// `content/search.toml`: words that tell search how people ask. The file documents itself; the
/// words are written as people read them and analysed when the index is built.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchVocabulary {
    /// Planning words found in nearly every measure, weighted little in a query.
    #[serde(default)]
    pub generic: Vec<String>,
    /// Groups of words or phrases meaning the same thing.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

/// Everything in `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub plans: Vec<PlanContent>,
    /// Institution names that no document gives, by code.
    pub institution_names: BTreeMap<String, String>,
    pub pages: Vec<Page>,
    pub search: SearchVocabulary,
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
        let names_path = dir.join("institutions.toml");
        if names_path.exists() {
            let file: InstitutionsFile = toml::from_str(&read(&names_path)?)
                .with_context(|| format!("{}: invalid institution names", names_path.display()))?;
            content.institution_names = file.names;
        }
        let search_path = dir.join("search.toml");
        if search_path.exists() {
            content.search = toml::from_str(&read(&search_path)?)
                .with_context(|| format!("{}: invalid search vocabulary", search_path.display()))?;
            if let Some(group) = content.search.synonyms.iter().find(|g| g.len() < 2) {
                bail!(
                    "{}: a synonym group needs at least two entries, found {group:?}",
                    search_path.display()
                );
            }
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
