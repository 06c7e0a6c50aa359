//! Editorial content from `content/`: plan metadata and introductions, extra institution names,
//! and free-standing pages.
//!
//! - `content/plans/<slug>.md`: TOML front matter between `+++` lines naming the seed file and
//!   its structure, then Markdown shown on the plan page above the extracted data;
//! - `content/institutions.toml`: names for codes no document defines (`[names] CODE = "Name"`);
//! - `content/pages/<slug>.md`: pages such as the accessibility statement (front matter `title`).

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
    /// Where the body is, for diagnostics about it.
    pub location: BodyLocation,
}

/// Where a content file's Markdown body starts, so a finding in the body can name the file's
/// own line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyLocation {
    /// The file as users see it from the project folder: `content/pages/pieejamiba.md`.
    pub file: String,
    /// 1-based line of the file on which the body's first line is.
    pub first_line: usize,
}

impl BodyLocation {
    /// The location of `body`, a slice of the file's `text`, in the file at `path` of the
    /// content folder `dir`.
    fn new(dir: &Path, path: &Path, text: &str, body: &str) -> BodyLocation {
        let project = dir.parent().unwrap_or(dir);
        let file = path.strip_prefix(project).unwrap_or(path);
        let offset = (body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let front = text.get(..offset).unwrap_or_default();
        BodyLocation {
            file: file.to_string_lossy().replace('\\', "/"),
            first_line: front.matches('\n').count() + 1,
        }
    }
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
    /// Where the body is, for diagnostics about it.
    pub location: BodyLocation,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionsFile {
    #[serde(default)]
    names: BTreeMap<String, String>,
}

/// Everything in `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub plans: Vec<PlanContent>,
    /// Institution names that no document gives, by code.
    pub institution_names: BTreeMap<String, String>,
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
                location: BodyLocation::new(dir, &path, &text, body),
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
                location: BodyLocation::new(dir, &path, &text, body),
            });
        }
        let names_path = dir.join("institutions.toml");
        if names_path.exists() {
            let file: InstitutionsFile = toml::from_str(&read(&names_path)?)
                .with_context(|| format!("{}: invalid institution names", names_path.display()))?;
            content.institution_names = file.names;
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
