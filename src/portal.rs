//! The driver: one [`Portal`] runs the pipeline phases in order and times each.
//!
//! `load()` reads the documents, extracts and resolves; `render()` produces the site in memory;
//! `build()` checks the output folder first, then does both and publishes the site (locked,
//! staged, swapped in: see [`crate::output`]). `check`, `build`, `serve` and the tests all go
//! through these methods.

use crate::changes;
use crate::content::Content;
use crate::diagnostics::{self, has_errors, Diagnostic};
use crate::extract;
use crate::output::{OutputFolder, Site};
use crate::render::{self, RenderOptions};
use crate::resolve::{self, Library, SourceDocument};
use crate::text;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A project folder and what has been loaded from it.
#[derive(Debug)]
pub struct Portal {
    /// The project folder holding `seeds/`, `content/` and optionally `themes/`.
    pub root: PathBuf,
    pub content: Content,
    pub library: Library,
    /// Everything the phases found, in file and line order.
    pub diagnostics: Vec<Diagnostic>,
    /// Print progress and timings to stderr.
    pub verbose: bool,
}

impl Portal {
    pub fn new(root: impl Into<PathBuf>) -> Portal {
        Portal {
            root: root.into(),
            content: Content::default(),
            library: Library::default(),
            diagnostics: Vec::new(),
            verbose: false,
        }
    }

    /// Reads `content/` and every plan's seed, extracts and resolves.
    ///
    /// Fails when a file cannot be read or `content/` is not valid content; problems in the
    /// documents, and plans naming a seed they may not read, become diagnostics.
    pub fn load(&mut self) -> Result<()> {
        let started = Instant::now();
        self.content = Content::load(&self.root.join("content"))?;
        if self.content.plans.is_empty() {
            bail!(
                "{}: no plans found (expected content/plans/<slug>.md files)",
                self.root.display()
            );
        }
        let (seeds, mut diagnostics) = self.content.seeds(&self.root.join("seeds"))?;
        diagnostics.extend(self.content.diagnostics.iter().cloned());
        let mut plans = Vec::new();
        let mut sources = Vec::new();
        let mut editions = Vec::new();
        let seed_names: Vec<String> = seeds.iter().map(|s| s.name.clone()).collect();
        for seed in seeds {
            let entry = seed.plan;
            let bytes = std::fs::read(&seed.path)
                .with_context(|| format!("cannot read {}", seed.path.display()))?;
            // The one place a document's text enters the pipeline: decoded and cleaned here,
            // never again in a reader or extractor.
            let text = match text::decode(&seed.name, bytes) {
                Ok(text) => text,
                Err(error) => {
                    diagnostics.push(error);
                    continue;
                }
            };
            let (text, found) = text::clean(&seed.name, &text);
            diagnostics.extend(found);
            let (mut plan, found) =
                extract::extract(entry.meta.structure, &seed.name, &text, &entry.slug);
            // A document that prints no title of its own gets one from its content file, here
            // and only here, so every page, citation, data file and diagnostic names it alike.
            if let Some(title) = &entry.meta.title {
                plan.title.clone_from(title);
            }
            // The structure module usually says why it found nothing; add a generic error only
            // when it did not.
            if plan.measures.is_empty() && !has_errors(&found) {
                diagnostics.push(Diagnostic::error(
                    &seed.name,
                    0,
                    format!("no measures found (read as {:?})", entry.meta.structure),
                ));
            }
            diagnostics.extend(found);
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            // Every edition of a plan with editions is compared; only the current one is
            // published as the plan.
            if let Some(edition) = seed.edition {
                editions.push(changes::EditionRead {
                    plan: entry.slug.clone(),
                    edition,
                    extracted: plan.clone(),
                    lines: lines.clone(),
                });
            }
            if seed.is_current() {
                plans.push(plan);
                sources.push(SourceDocument {
                    file: seed.name,
                    plan: entry.slug.clone(),
                    lines,
                });
            }
        }
        let (histories, found) = changes::histories(&self.content, editions);
        diagnostics.extend(found);
        self.log_time("extract", started);
        let started = Instant::now();
        let (mut library, found) = resolve::resolve(plans, sources, &self.content);
        library.histories = histories;
        diagnostics.extend(found);
        diagnostics.extend(render::content_diagnostics(&self.content));
        // Extractors name a seed as the plan does ("000_x.txt"); users find it in seeds/.
        for d in &mut diagnostics {
            if seed_names.contains(&d.file) {
                d.file = format!("seeds/{}", d.file);
            }
        }
        diagnostics.sort();
        diagnostics.dedup();
        self.library = library;
        self.diagnostics = diagnostics;
        self.log_time("resolve", started);
        Ok(())
    }

    /// The diagnostics as printed, each seed's after a line naming its plan (see
    /// [`diagnostics::report`]).
    pub fn diagnostic_report(&self) -> Vec<String> {
        diagnostics::report(&self.diagnostics, |file| {
            let name = file.strip_prefix("seeds/")?;
            let entry = self.content.plans.iter().find(|p| p.names_seed(name))?;
            let extracted = self.library.plans.iter().find(|p| p.slug == entry.slug);
            let title = extracted
                .map(|p| p.document_title())
                .filter(|t| !t.is_empty())
                .or_else(|| entry.meta.short_title.clone())?;
            Some(format!("{title} (content/plans/{}.md)", entry.slug))
        })
    }

    /// Renders the loaded library into memory.
    pub fn render(&self, options: &RenderOptions) -> Result<Site> {
        let started = Instant::now();
        let site = render::render(&self.library, &self.content, options)?;
        self.log_time("render", started);
        Ok(site)
    }

    /// Loads, renders and publishes the site to `output_dir`.
    ///
    /// The output folder is checked before anything is read, so a wrong `--output-dir` is
    /// refused at once with nothing touched (see [`OutputFolder::check`]). A build whose documents
    /// have errors publishes nothing, leaving the previous output in place.
    pub fn build(&mut self, output_dir: &Path, options: &RenderOptions) -> Result<Site> {
        let output = OutputFolder::check(&self.root, output_dir)?;
        self.load()?;
        if has_errors(&self.diagnostics) {
            bail!("the documents have errors; the site was not written");
        }
        let site = self.render(options)?;
        let started = Instant::now();
        let swap = output.publish(&site)?;
        self.log_time("write", started);
        if self.verbose {
            eprintln!("{:>8}: {swap}", "publish");
        }
        Ok(site)
    }

    fn log_time(&self, phase: &str, started: Instant) {
        if self.verbose {
            eprintln!(
                "{phase:>8}: {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
