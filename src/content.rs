//! Editorial content from `content/`: plan metadata and introductions, extra institution names,
//! and free-standing pages.
//!
//! - `content/plans/<slug>.md`: TOML front matter between `+++` lines naming the seed file and
//!   its structure, then Markdown shown on the plan page above the extracted data;
//! - `content/institutions.toml`: the institution registry (see [`crate::resolve::registry`]);
//! - `content/pages/<slug>.md`: pages such as the accessibility statement (front matter `title`);
//! - `content/search.toml`: the search vocabulary (generic planning words, synonyms), applied to
//!   queries by the search page and `planportal search` alike;
//! - `content/data.toml`: the open data's licence, source note and publisher ([`DataSettings`]).
//!
//! Content files go through the same hygiene as the seeds ([`text::decode`], [`text::clean`]):
//! UTF-8 required, a byte-order mark and CRLF line ends accepted, invisible control characters
//! removed with a warning. Errors name the file as `content/…` with its own line numbers.

use crate::diagnostics::Diagnostic;
use crate::extract::Structure;
use crate::resolve::registry::Registry;
use crate::text;
use anyhow::{anyhow, bail, Context, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The front matter of a plan file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanMeta {
    /// Seed file name in `seeds/` of a plan with one edition, as written; [`Content::seeds`]
    /// checks it. A plan with `editions` has none; [`PlanContent::source`] is the current seed
    /// either way.
    #[serde(default)]
    pub source: Option<String>,
    /// The plan's editions, oldest first, the last one current (`[[editions]]` tables); none by
    /// default. Checked into [`PlanContent::editions`].
    #[serde(default)]
    pub editions: Option<Vec<EditionMeta>>,
    /// Which document structure the extractor reads.
    pub structure: Structure,
    /// Short name for navigation and tables; defaults to the extracted title.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Order on the home page; lower first. Defaults to 0 (then by slug).
    #[serde(default)]
    pub weight: i32,
    /// The document's official publication (e.g. on likumi.lv), linked wherever the document is
    /// cited. An `http://` or `https://` address; none by default.
    #[serde(default)]
    pub url: Option<String>,
    /// The date the document was adopted, a TOML date (`adopted = 2023-03-28`); none by default.
    #[serde(default)]
    pub adopted: Option<toml::value::Datetime>,
    /// The number of the act that adopted it, as printed (`number = "Nr. 158"`); none by default.
    #[serde(default)]
    pub number: Option<String>,
    /// The slug of the plan in this portal that this one continues (`follows = "<slug>"`), when
    /// the document says it carries on that plan's work; none by default. Checked by
    /// [`crate::resolve::thread`].
    #[serde(default)]
    pub follows: Option<String>,
}

impl PlanMeta {
    /// The adoption date, when `adopted` gives one.
    pub fn adopted_date(&self) -> Option<chrono::NaiveDate> {
        toml_date(self.adopted.as_ref()?)
    }
}

/// One `[[editions]]` table of a plan's front matter, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionMeta {
    /// Seed file name in `seeds/`, checked like a plan's `source`.
    pub source: String,
    /// The edition's adoption or report date, a TOML date (`date = 2025-06-30`).
    pub date: toml::value::Datetime,
    /// What the edition is ("Grozījumi ar MK rīkojumu Nr. 12"); none by default.
    #[serde(default)]
    pub note: Option<String>,
    /// The edition's official publication, an `http(s)://` address; none by default.
    #[serde(default)]
    pub url: Option<String>,
}

/// One edition of a plan, checked: its seed's name and the line naming it, its date, note and
/// official link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionContent {
    pub source: String,
    /// The plan file's line of this edition's `source`.
    pub line: usize,
    pub date: chrono::NaiveDate,
    pub note: Option<String>,
    pub url: Option<String>,
}

/// The calendar date of a TOML date without a time; `None` for a time or an impossible date.
fn toml_date(value: &toml::value::Datetime) -> Option<chrono::NaiveDate> {
    if value.time.is_some() {
        return None;
    }
    let date = value.date?;
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

/// One plan entry of `content/plans/`.
#[derive(Debug, Clone)]
pub struct PlanContent {
    pub slug: String,
    /// The line of the plan file that names the current seed (`source = …`, or the last
    /// edition's).
    pub source_line: usize,
    /// The line of its `follows = …` (the first line of the front matter when there is none).
    pub follows_line: usize,
    pub meta: PlanMeta,
    /// The editions, checked, oldest first; empty for a plan with a single `source`.
    pub editions: Vec<EditionContent>,
    /// The Markdown body, unrendered.
    pub intro_markdown: String,
    /// The plan file as diagnostics name it (`content/plans/<slug>.md`) and where its body
    /// starts.
    pub location: BodyLocation,
}

impl PlanContent {
    /// The current seed's name as written: `source`, or the last edition's.
    pub fn source(&self) -> &str {
        match self.editions.last() {
            Some(edition) => &edition.source,
            None => self.meta.source.as_deref().unwrap_or_default(),
        }
    }

    /// Whether the plan's front matter names `file` (a seed name as written) as its source or
    /// as one of its editions.
    pub fn names_seed(&self, file: &str) -> bool {
        self.source() == file || self.editions.iter().any(|e| e.source == file)
    }

    /// Each seed the plan names with the plan file's line naming it, oldest edition first.
    fn seed_names(&self) -> Vec<(&str, usize)> {
        if self.editions.is_empty() {
            vec![(self.source(), self.source_line)]
        } else {
            self.editions
                .iter()
                .map(|e| (e.source.as_str(), e.line))
                .collect()
        }
    }
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
    /// The location of `body`, a slice of the `text` of `file` (named as diagnostics name it).
    fn new(file: &str, text: &str, body: &str) -> BodyLocation {
        let offset = (body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let front = text.get(..offset).unwrap_or_default();
        BodyLocation {
            file: file.to_string(),
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

/// `content/data.toml`: what the "Dati" page and `datapackage.json` say about reusing the open
/// data. Every key is optional; the defaults are CC BY 4.0 and a note that the source documents
/// are public-sector information.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DataSettings {
    /// The licence's SPDX identifier. Default: "CC-BY-4.0".
    pub license: String,
    /// The licence's name. Default: "Creative Commons Attribution 4.0 International (CC BY 4.0)".
    pub license_title: String,
    /// Where the licence is published. Default: `"https://creativecommons.org/licenses/by/4.0/"`.
    pub license_url: String,
    /// What the data is made from and on what terms. Default: the source documents are
    /// public-sector information, published by the institutions that adopted them.
    pub source_note: String,
    /// Who publishes the data, as a citation names it. Default: the portal's name.
    pub publisher: String,
}

impl Default for DataSettings {
    fn default() -> DataSettings {
        DataSettings {
            license: "CC-BY-4.0".to_string(),
            license_title: "Creative Commons Attribution 4.0 International (CC BY 4.0)".to_string(),
            license_url: "https://creativecommons.org/licenses/by/4.0/".to_string(),
            source_note: "Dati iegūti no valsts pārvaldes politikas plānošanas dokumentiem. \
                          Šie dokumenti ir publiskā sektora informācija, ko publicējušas tās \
                          pieņēmušās iestādes; licence attiecas uz portāla sagatavotajām datu \
                          kopām, nevis uz pašiem dokumentiem."
                .to_string(),
            publisher: "Politikas plānu portāls".to_string(),
        }
    }
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
    /// Canonical institutions, groups and corrections of documents' definitions.
    pub registry: Registry,
    pub pages: Vec<Page>,
    /// The open data's licence and citation (`content/data.toml`).
    pub data: DataSettings,
    pub search: SearchVocabulary,
    /// Warnings about the content files (characters removed, files ignored).
    pub diagnostics: Vec<Diagnostic>,
}

/// A plan's seed, found inside `seeds/`.
#[derive(Debug, Clone)]
pub struct Seed<'a> {
    /// The plan that names it.
    pub plan: &'a PlanContent,
    /// Its index in the plan's [`PlanContent::editions`]; `None` for a plan with one `source`.
    pub edition: Option<usize>,
    /// The path below `seeds/` as the plan names it, `./` steps dropped ("000_x.txt"): the name
    /// diagnostics, data and source-view URLs use.
    pub name: String,
    /// The file itself, symbolic links resolved.
    pub path: PathBuf,
}

impl Content {
    /// Loads `dir` (the project's `content/` folder).
    ///
    /// Fails on the first file that cannot be read as content: not UTF-8, no front matter,
    /// invalid TOML, a name that cannot be a URL. Files whose name starts with `.` (editor lock
    /// and backup files) are skipped.
    pub fn load(dir: &Path) -> Result<Content> {
        let mut content = Content::default();
        let plans_dir = dir.join("plans");
        if !plans_dir.is_dir() {
            bail!(
                "{}: no such folder; every plan needs a file content/plans/<slug>.md",
                plans_dir.display()
            );
        }
        for (slug, path) in markdown_files(&plans_dir, "plans", &mut content.diagnostics)? {
            let file = format!("content/plans/{slug}.md");
            let text = read(&path, &file, &mut content.diagnostics)?;
            let (front, body) = FrontMatter::split(&file, &text)?;
            let mut meta: PlanMeta = front.parse("front matter")?;
            if let Some(short_title) = &mut meta.short_title {
                front.clean(short_title, &["short-title"], &mut content.diagnostics);
            }
            if let Some(number) = &mut meta.number {
                front.clean(number, &["number"], &mut content.diagnostics);
            }
            front.check_document_fields(&meta)?;
            let editions = front.editions(&mut meta, &mut content.diagnostics)?;
            let source_line = editions
                .last()
                .map_or_else(|| front.line_of(&["source"]), |e| e.line);
            let follows_line = front.line_of(&["follows"]);
            let intro_markdown = body.to_string();
            let location = BodyLocation::new(&file, &text, body);
            content.plans.push(PlanContent {
                slug,
                source_line,
                follows_line,
                meta,
                editions,
                intro_markdown,
                location,
            });
        }
        content
            .plans
            .sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
        for (slug, path) in markdown_files(&dir.join("pages"), "pages", &mut content.diagnostics)? {
            let file = format!("content/pages/{slug}.md");
            let text = read(&path, &file, &mut content.diagnostics)?;
            let (front, body) = FrontMatter::split(&file, &text)?;
            let mut meta: PageMeta = front.parse("front matter")?;
            front.clean(&mut meta.title, &["title"], &mut content.diagnostics);
            content.pages.push(Page {
                slug,
                meta,
                markdown: body.to_string(),
                location: BodyLocation::new(&file, &text, body),
            });
        }
        let registry_path = dir.join("institutions.toml");
        if registry_path.exists() {
            let file = "content/institutions.toml";
            let text = read(&registry_path, file, &mut content.diagnostics)?;
            content.registry = Registry::parse(&text, file, &mut content.diagnostics)?;
        }
        let search_path = dir.join("search.toml");
        if search_path.exists() {
            let file = "content/search.toml";
            let text = read(&search_path, file, &mut content.diagnostics)?;
            let toml = FrontMatter {
                file,
                toml: &text,
                first_line: 1,
            };
            content.search = toml.parse("search vocabulary")?;
            if let Some(group) = content.search.synonyms.iter().find(|g| g.len() < 2) {
                bail!("{file}: a synonym group needs at least two entries, found {group:?}");
            }
        }
        let data_path = dir.join("data.toml");
        if data_path.exists() {
            let file = "content/data.toml";
            let text = read(&data_path, file, &mut content.diagnostics)?;
            let toml = FrontMatter {
                file,
                toml: &text,
                first_line: 1,
            };
            let mut data: DataSettings = toml.parse("open data settings")?;
            for (key, value) in [
                ("license", &mut data.license),
                ("license-title", &mut data.license_title),
                ("license-url", &mut data.license_url),
                ("source-note", &mut data.source_note),
                ("publisher", &mut data.publisher),
            ] {
                toml.clean(value, &[key], &mut content.diagnostics);
            }
            content.data = data;
        }
        Ok(content)
    }

    /// Each plan's seeds (its `source`, or the seed of each edition, oldest first), checked to
    /// be files inside `seeds_dir`; an error diagnostic at the plan file's line naming each seed
    /// that is not (that seed is left out).
    ///
    /// The seed's text becomes public pages, so a plan may name only a file below `seeds/`: no
    /// absolute path, no `..`, no symbolic link leading out of the folder (a link inside it is
    /// followed). Two plans, or two editions, may not share a seed: they would publish one
    /// source view twice.
    pub fn seeds(&self, seeds_dir: &Path) -> Result<(Vec<Seed<'_>>, Vec<Diagnostic>)> {
        let seeds_dir = seeds_dir
            .canonicalize()
            .with_context(|| format!("cannot open the seeds folder {}", seeds_dir.display()))?;
        let mut found: Vec<Seed> = Vec::new();
        let mut diagnostics = Vec::new();
        for plan in &self.plans {
            let editions = !plan.editions.is_empty();
            for (index, (source, line)) in plan.seed_names().into_iter().enumerate() {
                let edition = editions.then_some(index);
                let seed = locate_seed(plan, edition, source, &seeds_dir).and_then(|seed| {
                    match found.iter().find(|other| other.path == seed.path) {
                        Some(other) => Err(format!(
                            "the seed {} is already the source of {}; each seed belongs to one \
                             plan and one edition",
                            seed.path
                                .strip_prefix(&seeds_dir)
                                .map_or(seed.name.clone(), |p| format!("seeds/{}", p.display())),
                            match other.edition {
                                Some(i) if std::ptr::eq(other.plan, plan) =>
                                    format!("edition {} of this plan", i + 1),
                                _ => other.plan.location.file.clone(),
                            }
                        )),
                        None => Ok(seed),
                    }
                });
                match seed {
                    Ok(seed) => found.push(seed),
                    Err(message) => {
                        diagnostics.push(Diagnostic::error(&plan.location.file, line, message))
                    }
                }
            }
        }
        Ok((found, diagnostics))
    }
}

impl Seed<'_> {
    /// Whether this is the plan's current seed: its only one, or its last edition's.
    pub fn is_current(&self) -> bool {
        self.edition
            .is_none_or(|index| index + 1 == self.plan.editions.len())
    }
}

/// Checks one seed name a plan gives (`source`, or an edition's); the message says what is
/// wrong and what is expected.
fn locate_seed<'a>(
    plan: &'a PlanContent,
    edition: Option<usize>,
    source: &str,
    seeds_dir: &Path,
) -> Result<Seed<'a>, String> {
    const EXPECTED: &str =
        "expected the name of a file in seeds/, such as \"000_d0f431797d704579.txt\"";
    let path = Path::new(source);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => {
                // `source` is a TOML string, so every part is UTF-8.
                let part = part.to_string_lossy();
                url_name(&part).map_err(|reason| {
                    format!(
                        "source {source:?}: the seed's name becomes the URL of its source view, \
                         and {reason}"
                    )
                })?;
                parts.push(part.into_owned());
            }
            Component::CurDir => {}
            Component::ParentDir => {
                return Err(format!(
                    "source {source:?} leads out of seeds/ with \"..\"; {EXPECTED}"
                ))
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("source {source:?} is an absolute path; {EXPECTED}"))
            }
        }
    }
    if parts.is_empty() {
        return Err(format!("source {source:?} names no file; {EXPECTED}"));
    }
    let name = parts.join("/");
    let joined = seeds_dir.join(&name);
    let resolved = joined.canonicalize().map_err(|error| {
        if joined.symlink_metadata().is_ok() {
            format!("source {source:?} is a symbolic link to a missing file ({error}); {EXPECTED}")
        } else {
            format!("source {source:?}: no such file in seeds/; {EXPECTED}")
        }
    })?;
    if !resolved.starts_with(seeds_dir) {
        return Err(format!(
            "source {source:?} is a symbolic link to {}, outside seeds/; {EXPECTED}",
            resolved.display()
        ));
    }
    if !resolved.is_file() {
        return Err(format!(
            "source {source:?} is a folder, not a file; {EXPECTED}"
        ));
    }
    Ok(Seed {
        plan,
        edition,
        name,
        path: resolved,
    })
}

/// Whether `name` (a content file's stem, or one part of a seed's path) can be used unchanged as
/// a URL path segment and a folder name of the published site; if not, why.
///
/// Such names are refused rather than percent-escaped: the name is the page's address, which
/// people read, type and cite, and an escaped `plani/kiber%23dro%C5%A1ība/` is neither readable
/// nor handled alike by every static host (some decode `%` before looking up the file, some do
/// not, some treat `+` as a space). Renaming the file is a one-time fix with a stable result, and
/// it keeps plan URLs in the same ASCII form as the institution slugs.
fn url_name(name: &str) -> Result<(), String> {
    let mut bad: Vec<String> = Vec::new();
    for c in name.chars() {
        if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            let shown = match c {
                ' ' => "space".to_string(),
                c if c.is_control() => format!("U+{:04X}", u32::from(c)),
                c => format!("\"{c}\""),
            };
            if !bad.contains(&shown) {
                bad.push(shown);
            }
        }
    }
    if name.is_empty() {
        Err("it is empty".to_string())
    } else if !bad.is_empty() {
        Err(format!(
            "it may hold only ASCII letters, digits, \"-\", \"_\" and \".\", not {}: rename the file",
            bad.join(", ")
        ))
    } else {
        Ok(())
    }
}

/// Whether an official link is an `http(s)://` address with something after the scheme and no
/// spaces.
fn is_web_address(url: &str) -> bool {
    let web = ["https://", "http://"]
        .iter()
        .any(|scheme| url.starts_with(scheme) && url.len() > scheme.len());
    web && !url.chars().any(char::is_whitespace)
}

/// Reads a content file as cleaned UTF-8 text (see [`text::clean`]); `file` is its name in
/// messages.
fn read(path: &Path, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text =
        text::decode(file, bytes).map_err(|d| anyhow!("{file}:{}: {}", d.line, d.message))?;
    let (text, found) = text::clean(file, &text);
    diagnostics.extend(found);
    Ok(text)
}

/// `(slug, path)` of every `*.md` in `dir` (`content/<folder>`), sorted; none when the folder
/// does not exist. Other files get a warning; hidden ones (`.#plan.md`, `.plan.md.swp`) are
/// skipped. A file name that cannot be a URL is an error (see [`url_name`]).
fn markdown_files(
    dir: &Path,
    folder: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, PathBuf)>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let shown = format!("content/{folder}/{name}");
        if name.starts_with('.') {
            continue;
        }
        let Some(slug) = name.strip_suffix(".md") else {
            diagnostics.push(Diagnostic::warning(
                &shown,
                0,
                "ignored: only Markdown files (<slug>.md) are read here",
            ));
            continue;
        };
        if path.file_name().and_then(|n| n.to_str()).is_none() {
            bail!("{shown}: the file name is not UTF-8; rename the file");
        }
        if let Err(reason) = url_name(slug) {
            bail!("{shown}: the file name becomes the page's URL, and {reason}");
        }
        files.push((slug.to_string(), path));
    }
    files.sort();
    Ok(files)
}

/// TOML text inside a content file: the front matter of a Markdown file, or a whole `.toml`
/// file. It knows the file line the TOML starts on, so its errors and warnings give the file's
/// own line numbers.
#[derive(Debug)]
struct FrontMatter<'a> {
    file: &'a str,
    toml: &'a str,
    /// The file line of the TOML's first line.
    first_line: usize,
}

impl<'a> FrontMatter<'a> {
    /// Splits `+++\nTOML\n+++\nbody`; both `+++` lines may carry trailing spaces.
    fn split(file: &'a str, text: &'a str) -> Result<(FrontMatter<'a>, &'a str)> {
        let is_fence = |line: &str| line.trim_end() == "+++";
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        if !is_fence(first) {
            let found = if text.trim().is_empty() {
                "the file is empty".to_string()
            } else {
                format!("found {:?}", first.chars().take(40).collect::<String>())
            };
            bail!("{file}:1: expected front matter opened by a line \"+++\"; {found}");
        }
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if is_fence(line) {
                let body = rest[offset + line.len()..].trim_start_matches('\n');
                let front = FrontMatter {
                    file,
                    toml: &rest[..offset],
                    first_line: 2,
                };
                return Ok((front, body));
            }
            offset += line.len();
        }
        bail!("{file}:1: the front matter opened here is not closed: expected a line \"+++\" after it")
    }

    /// Deserialises the TOML; an error names the file line and column it points at.
    fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T> {
        toml::from_str(self.toml).map_err(|error| {
            let (line, column) = error
                .span()
                .map_or((self.first_line, 1), |span| self.position(span.start));
            anyhow!(
                "{}:{line}:{column}: invalid {what}: {}",
                self.file,
                error.message().trim_end()
            )
        })
    }

    /// The file line and column (1-based, in characters) of a byte offset into the TOML.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.toml[..offset.min(self.toml.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            self.first_line + before.matches('\n').count(),
            1 + before[line_start..].chars().count(),
        )
    }

    /// The file line of the value at `keys` (`["names", "VP"]`); the first line when not found.
    fn line_of(&self, keys: &[&str]) -> usize {
        let Ok(table) = toml::de::DeTable::parse(self.toml) else {
            return self.first_line;
        };
        let mut table = table.into_inner();
        let mut span = None;
        for key in keys {
            let Some(value) = table.get(*key) else {
                return self.first_line;
            };
            span = Some(value.span());
            match value.get_ref().as_table() {
                Some(inner) => table = inner.clone(),
                None => break,
            }
        }
        span.map_or(self.first_line, |span| self.position(span.start).0)
    }

    /// Cleans a string value as the file's lines were cleaned ([`text::clean_value`]); this
    /// catches what a TOML escape (`"\u202E"`) put in. Warns at the value's line.
    /// Refuses an official link that is not a web address and an adoption "date" that is a time
    /// or not a calendar date, naming the line.
    fn check_document_fields(&self, meta: &PlanMeta) -> Result<()> {
        if let Some(url) = &meta.url {
            if !is_web_address(url) {
                bail!(
                    "{}:{}: url {url:?} is not a web address: expected https://… (the document's official publication)",
                    self.file,
                    self.line_of(&["url"])
                );
            }
        }
        if let Some(adopted) = &meta.adopted {
            if adopted.time.is_some() || meta.adopted_date().is_none() {
                bail!(
                    "{}:{}: adopted = {adopted} is not a date: expected a TOML date such as adopted = 2023-03-28",
                    self.file,
                    self.line_of(&["adopted"])
                );
            }
        }
        Ok(())
    }

    /// Checks a plan's seeds: `source`, or `[[editions]]` (each a seed, a date, an optional
    /// note and official link, dates ascending), never both and never neither. Returns the
    /// editions, empty for a plan with a single `source`; an error names the offending line.
    fn editions(
        &self,
        meta: &mut PlanMeta,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Vec<EditionContent>> {
        let file = self.file;
        let Some(tables) = &mut meta.editions else {
            if meta.source.is_none() {
                bail!(
                    "{file}:{}: no seed: expected source = \"<file in seeds/>\", or one \
                     [[editions]] table per edition with its source and date, oldest first",
                    self.first_line
                );
            }
            return Ok(Vec::new());
        };
        if meta.source.is_some() {
            bail!(
                "{file}:{}: both source and [[editions]] name seeds: a plan with editions \
                 names each seed in its [[editions]] table (the last is current); remove source",
                self.line_of(&["source"])
            );
        }
        if tables.is_empty() {
            bail!(
                "{file}:{}: editions is empty: expected one [[editions]] table per edition, each \
                 with source and date, oldest first",
                self.line_of(&["editions"])
            );
        }
        let mut editions: Vec<EditionContent> = Vec::new();
        for (index, table) in tables.iter_mut().enumerate() {
            let number = index + 1;
            let Some(date) = toml_date(&table.date) else {
                bail!(
                    "{file}:{}: edition {number}: date = {} is not a date: expected a TOML date \
                     such as date = 2025-06-30",
                    self.edition_line(index, "date"),
                    table.date
                );
            };
            if let Some(previous) = editions.last() {
                if date <= previous.date {
                    bail!(
                        "{file}:{}: edition {number} is dated {date}, not later than edition \
                         {index} ({}): list the editions oldest first, the current one last",
                        self.edition_line(index, "date"),
                        previous.date
                    );
                }
            }
            if let Some(url) = &table.url {
                if !is_web_address(url) {
                    bail!(
                        "{file}:{}: edition {number}: url {url:?} is not a web address: \
                         expected https://… (the edition's official publication)",
                        self.edition_line(index, "url")
                    );
                }
            }
            if let Some(note) = &mut table.note {
                let (cleaned, message) = text::clean_value(note);
                if let Some(message) = message {
                    diagnostics.push(Diagnostic::warning(
                        file,
                        self.edition_line(index, "note"),
                        format!("editions.note: {message}"),
                    ));
                }
                *note = cleaned;
            }
            editions.push(EditionContent {
                source: table.source.clone(),
                line: self.edition_line(index, "source"),
                date,
                note: table.note.clone(),
                url: table.url.clone(),
            });
        }
        Ok(editions)
    }

    /// The file line of `key` in the `index`th `[[editions]]` table; the table's line, else
    /// the front matter's first line, when not found.
    fn edition_line(&self, index: usize, key: &str) -> usize {
        let Ok(table) = toml::de::DeTable::parse(self.toml) else {
            return self.first_line;
        };
        let table = table.into_inner();
        let Some(edition) = table
            .get("editions")
            .and_then(|v| v.get_ref().as_array())
            .and_then(|array| array.get(index))
        else {
            return self.first_line;
        };
        let span = edition
            .get_ref()
            .as_table()
            .and_then(|t| t.get(key))
            .map_or(edition.span(), |value| value.span());
        self.position(span.start).0
    }

    fn clean(&self, value: &mut String, keys: &[&str], diagnostics: &mut Vec<Diagnostic>) {
        let (cleaned, message) = text::clean_value(value);
        if let Some(message) = message {
            diagnostics.push(Diagnostic::warning(
                self.file,
                self.line_of(keys),
                format!("{}: {message}", keys.join(".")),
            ));
        }
        *value = cleaned;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The front matter of `content/plans/kiberdrosiba-2014-2018.md`.
    const PLAN: &str =
        "+++\nsource = \"004_0c544dbc52ece7e9.txt\"\nstructure = \"status-report\"\n\
                        short-title = \"Kiberdrošība 2014–2018: izpilde\"\nweight = 3\n+++\n\
                        Ziņojums par pamatnostādņu īstenošanu.\n";

    fn split(text: &str) -> Result<(FrontMatter<'_>, &str)> {
        FrontMatter::split("content/plans/k.md", text)
    }

    #[test]
    fn front_matter_and_body_are_split_and_the_source_line_is_known() {
        let (front, body) = split(PLAN).unwrap();
        let meta: PlanMeta = front.parse("front matter").unwrap();
        assert_eq!(meta.source.as_deref(), Some("004_0c544dbc52ece7e9.txt"));
        assert_eq!(meta.structure, Structure::StatusReport);
        assert_eq!(front.line_of(&["source"]), 2);
        assert_eq!(front.line_of(&["weight"]), 5);
        assert_eq!(body, "Ziņojums par pamatnostādņu īstenošanu.\n");
    }

    #[test]
    fn toml_errors_give_the_files_own_line_and_column() {
        let broken = PLAN.replace("weight = 3", "weight = = 3");
        let error = split(&broken).unwrap().0.parse::<PlanMeta>("front matter");
        let message = error.unwrap_err().to_string();
        assert!(
            message.starts_with("content/plans/k.md:5:10: invalid front matter:"),
            "{message}"
        );
        let unknown = PLAN.replace("status-report", "status-raport");
        let error = split(&unknown).unwrap().0.parse::<PlanMeta>("front matter");
        let message = error.unwrap_err().to_string();
        assert!(message.starts_with("content/plans/k.md:3:13:"), "{message}");
        assert!(
            message.contains("unknown variant `status-raport`"),
            "{message}"
        );
    }

    #[test]
    fn the_documents_official_link_date_and_number_are_read_and_checked() {
        let text = PLAN.replace(
            "weight = 3\n",
            "weight = 3\nurl = \"https://likumi.lv/ta/id/1\"\nadopted = 2019-05-03\nnumber = \"Nr. 12\"\n",
        );
        let (front, _) = split(&text).unwrap();
        let meta: PlanMeta = front.parse("front matter").unwrap();
        front.check_document_fields(&meta).unwrap();
        assert_eq!(meta.url.as_deref(), Some("https://likumi.lv/ta/id/1"));
        assert_eq!(
            meta.adopted_date(),
            chrono::NaiveDate::from_ymd_opt(2019, 5, 3)
        );
        assert_eq!(meta.number.as_deref(), Some("Nr. 12"));

        for (field, expected) in [
            (
                "url = \"likumi.lv/ta/id/1\"",
                "content/plans/k.md:6: url \"likumi.lv/ta/id/1\" is not a web address: expected https://…",
            ),
            (
                "adopted = 2019-05-03T10:00:00",
                "content/plans/k.md:6: adopted = 2019-05-03T10:00:00 is not a date: expected a TOML date",
            ),
        ] {
            let text = PLAN.replace("weight = 3\n", &format!("weight = 3\n{field}\n"));
            let (front, _) = split(&text).unwrap();
            let meta: PlanMeta = front.parse("front matter").unwrap();
            let message = front.check_document_fields(&meta).unwrap_err().to_string();
            assert!(message.starts_with(expected), "{message}");
        }
    }

    /// The trafficking plan's front matter with two editions, `extra` after the second's date.
    fn editions_plan(second_date: &str, extra: &str) -> String {
        format!(
            "+++\nstructure = \"result-plan\"\n\n[[editions]]\nsource = \"002_2025.txt\"\n\
             date = 2025-05-13\nnote = \"Pieņemts\"\n\n[[editions]]\nsource = \"002_2026.txt\"\n\
             date = {second_date}\n{extra}+++\nPlāns.\n"
        )
    }

    fn editions_of(text: &str) -> Result<(PlanMeta, Vec<EditionContent>)> {
        let (front, _) = split(text)?;
        let mut meta: PlanMeta = front.parse("front matter")?;
        let editions = front.editions(&mut meta, &mut Vec::new())?;
        Ok((meta, editions))
    }

    #[test]
    fn editions_are_read_oldest_first_with_the_lines_naming_their_seeds() {
        let text = editions_plan("2026-03-10", "url = \"https://likumi.lv/ta/id/2\"\n");
        let (meta, editions) = editions_of(&text).unwrap();
        assert_eq!(meta.source, None);
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            editions,
            [
                EditionContent {
                    source: "002_2025.txt".into(),
                    line: 5,
                    date: date(2025, 5, 13),
                    note: Some("Pieņemts".into()),
                    url: None,
                },
                EditionContent {
                    source: "002_2026.txt".into(),
                    line: 10,
                    date: date(2026, 3, 10),
                    note: None,
                    url: Some("https://likumi.lv/ta/id/2".into()),
                },
            ]
        );
        // A plan with one source has no editions, and its source is its current seed.
        let (meta, editions) = editions_of(PLAN).unwrap();
        assert!(editions.is_empty());
        assert_eq!(meta.source.as_deref(), Some("004_0c544dbc52ece7e9.txt"));
    }

    #[test]
    fn wrong_editions_are_errors_at_their_line() {
        let error = |text: &str| editions_of(text).unwrap_err().to_string();
        assert_eq!(
            error(&editions_plan("2025-05-13", "")),
            "content/plans/k.md:11: edition 2 is dated 2025-05-13, not later than edition 1 \
             (2025-05-13): list the editions oldest first, the current one last"
        );
        assert_eq!(
            error(&editions_plan("2026-03-10T10:00:00", "")),
            "content/plans/k.md:11: edition 2: date = 2026-03-10T10:00:00 is not a date: \
             expected a TOML date such as date = 2025-06-30"
        );
        assert_eq!(
            error(&editions_plan("2026-03-10", "url = \"likumi.lv\"\n")),
            "content/plans/k.md:12: edition 2: url \"likumi.lv\" is not a web address: \
             expected https://… (the edition's official publication)"
        );
        let both = editions_plan("2026-03-10", "").replace(
            "structure = \"result-plan\"\n",
            "structure = \"result-plan\"\nsource = \"002_2026.txt\"\n",
        );
        assert!(error(&both).starts_with("content/plans/k.md:3: both source and [[editions]]"));
        let missing = error(&editions_plan("2026-03-10", "").replace("date = 2025-05-13\n", ""));
        assert!(
            missing
                .starts_with("content/plans/k.md:4:1: invalid front matter: missing field `date`"),
            "{missing}"
        );
    }

    #[test]
    fn a_plan_with_editions_has_a_seed_per_edition_the_last_current() {
        let (_dir, seeds) = seeds_dir();
        fs::write(seeds.join("004_2019.txt"), "x").unwrap();
        let content = Content {
            plans: vec![with_editions(plan(""), &["004.txt", "004_2019.txt"])],
            ..Content::default()
        };
        let (found, diagnostics) = content.seeds(&seeds).unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let found: Vec<(&str, Option<usize>, bool)> = found
            .iter()
            .map(|s| (s.name.as_str(), s.edition, s.is_current()))
            .collect();
        assert_eq!(
            found,
            [("004.txt", Some(0), false), ("004_2019.txt", Some(1), true)]
        );
        assert_eq!(content.plans[0].source(), "004_2019.txt");
        assert!(content.plans[0].names_seed("004.txt"));
    }

    #[test]
    fn an_edition_whose_seed_is_missing_is_an_error_at_its_line() {
        let (_dir, seeds) = seeds_dir();
        let content = Content {
            plans: vec![with_editions(plan(""), &["004_2018.txt", "004.txt"])],
            ..Content::default()
        };
        let (found, diagnostics) = content.seeds(&seeds).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "content/plans/k.md:10: error: source \"004_2018.txt\": no such file in seeds/; \
                 expected the name of a file in seeds/, such as \"000_d0f431797d704579.txt\""
            ]
        );
    }

    #[test]
    fn a_missing_or_unclosed_fence_says_what_is_expected() {
        let unclosed = PLAN.replace("+++\nZiņojums", "Ziņojums");
        let message = split(&unclosed).unwrap_err().to_string();
        assert_eq!(
            message,
            "content/plans/k.md:1: the front matter opened here is not closed: expected a line \
             \"+++\" after it"
        );
        let message = split("").unwrap_err().to_string();
        assert!(message.ends_with("the file is empty"), "{message}");
        let message = split("source = \"x.txt\"\n").unwrap_err().to_string();
        assert!(
            message.contains("found \"source = \\\"x.txt\\\"\""),
            "{message}"
        );
    }

    #[test]
    fn a_fence_with_trailing_spaces_still_counts_and_a_plus_line_in_the_body_stays() {
        let text = PLAN.replace("weight = 3\n+++\n", "weight = 3\n+++  \n") + "+++ piezīme\n";
        let (_, body) = split(&text).unwrap();
        assert!(body.ends_with("+++ piezīme\n"), "{body}");
    }

    #[test]
    fn an_escaped_bidi_override_in_a_title_is_removed_with_a_warning_at_its_line() {
        let text = PLAN.replace("Kiberdrošība", "\\u202EKiberdrošība");
        let (front, _) = split(&text).unwrap();
        let mut meta: PlanMeta = front.parse("front matter").unwrap();
        let mut diagnostics = Vec::new();
        front.clean(
            meta.short_title.as_mut().unwrap(),
            &["short-title"],
            &mut diagnostics,
        );
        assert_eq!(meta.short_title.unwrap(), "Kiberdrošība 2014–2018: izpilde");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 4);
        assert!(diagnostics[0].message.contains("U+202E"));
    }

    #[test]
    fn names_with_url_reserved_characters_are_refused_naming_them() {
        assert_eq!(url_name("kiberdrosiba-2014-2018"), Ok(()));
        assert_eq!(url_name("000_d0f431797d704579.txt"), Ok(()));
        let reason = url_name("kiber#dro sība?%").unwrap_err();
        assert!(
            reason.contains("not \"#\", space, \"ī\", \"?\", \"%\""),
            "{reason}"
        );
    }

    fn seeds_dir() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        fs::create_dir_all(seeds.join("sub")).unwrap();
        fs::write(seeds.join("004.txt"), "x").unwrap();
        fs::write(dir.path().join("secret.txt"), "x").unwrap();
        (dir, seeds)
    }

    fn plan(source: &str) -> PlanContent {
        PlanContent {
            slug: "k".to_string(),
            source_line: 2,
            follows_line: 1,
            meta: PlanMeta {
                source: Some(source.to_string()),
                editions: None,
                structure: Structure::StatusReport,
                short_title: None,
                weight: 0,
                url: None,
                adopted: None,
                number: None,
                follows: None,
            },
            editions: Vec::new(),
            intro_markdown: String::new(),
            location: BodyLocation {
                file: "content/plans/k.md".to_string(),
                first_line: 6,
            },
        }
    }

    /// `plan` given editions with these seeds (lines 10, 20, …), dated a year apart.
    fn with_editions(mut plan: PlanContent, sources: &[&str]) -> PlanContent {
        plan.meta.source = None;
        plan.editions = sources
            .iter()
            .enumerate()
            .map(|(i, source)| EditionContent {
                source: source.to_string(),
                line: 10 * (i + 1),
                date: chrono::NaiveDate::from_ymd_opt(2018 + i as i32, 1, 1).unwrap(),
                note: None,
                url: None,
            })
            .collect();
        plan
    }

    #[test]
    fn a_seed_is_found_below_seeds_and_named_without_dot_steps() {
        let (_dir, seeds) = seeds_dir();
        let plan = plan("./004.txt");
        let seed = locate_seed(&plan, None, "./004.txt", &seeds.canonicalize().unwrap()).unwrap();
        assert_eq!(seed.name, "004.txt");
    }

    #[test]
    fn paths_leading_out_of_seeds_are_refused() {
        let (dir, seeds) = seeds_dir();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), seeds.join("link.txt")).unwrap();
        let seeds = seeds.canonicalize().unwrap();
        let refused = |source: &str| locate_seed(&plan(source), None, source, &seeds).unwrap_err();
        assert!(refused("../secret.txt").contains("leads out of seeds/ with \"..\""));
        assert!(refused("sub/../../secret.txt").contains("leads out of seeds/"));
        assert!(refused("/etc/passwd").contains("is an absolute path"));
        assert!(refused("link.txt").contains("is a symbolic link to"));
        assert!(refused("link.txt").contains("outside seeds/"));
        assert!(refused("sub").contains("is a folder, not a file"));
        assert!(refused("nav.txt").contains("no such file in seeds/"));
        assert!(refused("").contains("names no file"));
        assert!(refused("plāns #2.txt").contains("not \"ā\", space, \"#\""));
    }

    #[test]
    fn two_plans_naming_one_seed_are_an_error_naming_both_files() {
        let (_dir, seeds) = seeds_dir();
        std::os::unix::fs::symlink("004.txt", seeds.join("alias.txt")).unwrap();
        let mut second = plan("alias.txt");
        second.location.file = "content/plans/l.md".to_string();
        let content = Content {
            plans: vec![plan("004.txt"), second],
            ..Content::default()
        };
        let (found, diagnostics) = content.seeds(&seeds).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "content/plans/l.md:2: error: the seed seeds/004.txt is already the source of \
              content/plans/k.md; each seed belongs to one plan and one edition"
            ]
        );
    }
}
