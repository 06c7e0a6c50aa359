//! The driver: one [`Portal`] runs the pipeline phases in order and times each.
//!
//! `load()` reads the documents, extracts and resolves; `render()` produces the site in memory;
//! `build()` checks the output folder first, then does both and publishes the site (locked,
//! staged, swapped in: see [`crate::output`]). `check`, `build`, `serve` and the tests all go
//! through these methods.

use crate::changes;
use crate::content::Content;
use crate::diagnostics::{self, has_errors, Diagnostic};
use crate::extract::{self, Structure};
use crate::model::Plan;
use crate::output::{OutputFolder, Published, Site};
use crate::render::{self, RenderOptions};
use crate::resolve::{self, Library, SourceDocument};
use crate::text;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
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
    /// Keep each document's extraction for the next [`Portal::load`], which then re-extracts
    /// only the documents whose bytes or plan (slug, structure) changed: `serve`'s rebuilds.
    pub incremental: bool,
    /// How many documents the last [`Portal::load`] extracted (the others were unchanged and
    /// kept from the load before, see [`Portal::incremental`]).
    pub extracted: usize,
    /// The documents as last extracted, by seed name, while `incremental`.
    extractions: HashMap<String, Extraction>,
}

/// What one document's extraction depends on: its seed (name and bytes) and its plan's slug
/// and structure. Nothing else is read by [`extract::extract`].
#[derive(Debug, PartialEq, Eq)]
struct ExtractionInput {
    file: String,
    slug: String,
    structure: Structure,
    bytes: Vec<u8>,
}

/// One document as extracted: the plan (none when the seed is not text), the seed's cleaned
/// lines for the source view, and what was found on the way.
#[derive(Debug)]
struct Extraction {
    input: ExtractionInput,
    plan: Option<Plan>,
    lines: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Extraction {
    /// Decodes, cleans and extracts one document.
    fn of(input: ExtractionInput) -> Extraction {
        // The one place a document's text enters the pipeline: decoded and cleaned here,
        // never again in a reader or extractor.
        let text = match text::decode(&input.file, input.bytes.clone()) {
            Ok(text) => text,
            Err(error) => {
                return Extraction {
                    input,
                    plan: None,
                    lines: Vec::new(),
                    diagnostics: vec![error],
                }
            }
        };
        let (text, mut diagnostics) = text::clean(&input.file, &text);
        let (plan, found) = extract::extract(input.structure, &input.file, &text, &input.slug);
        // The structure module usually says why it found nothing; add a generic error only
        // when it did not.
        if plan.measures.is_empty() && !has_errors(&found) {
            diagnostics.push(Diagnostic::error(
                &input.file,
                0,
                format!("no measures found (read as {:?})", input.structure),
            ));
        }
        diagnostics.extend(found);
        Extraction {
            lines: text.lines().map(str::to_string).collect(),
            plan: Some(plan),
            input,
            diagnostics,
        }
    }
}

impl Portal {
    pub fn new(root: impl Into<PathBuf>) -> Portal {
        Portal {
            root: root.into(),
            content: Content::default(),
            library: Library::default(),
            diagnostics: Vec::new(),
            verbose: false,
            incremental: false,
            extracted: 0,
            extractions: HashMap::new(),
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
        // Every seed's name, editions' too: diagnostics naming one get their seeds/ prefix.
        let seed_names: HashSet<String> = seeds.iter().map(|s| s.name.clone()).collect();
        // Read in plan order, so a seed that cannot be read is the first such one.
        let mut inputs = Vec::with_capacity(seeds.len());
        for seed in seeds {
            let bytes = std::fs::read(&seed.path)
                .with_context(|| format!("cannot read {}", seed.path.display()))?;
            let current = seed.is_current();
            let edition = seed.edition;
            let input = ExtractionInput {
                file: seed.name,
                slug: seed.plan.slug.clone(),
                structure: seed.plan.meta.structure,
                bytes,
            };
            let previous = self.extractions.remove(&input.file);
            inputs.push((input, previous, edition, current));
        }
        // What is left belongs to seeds no longer read.
        self.extractions.clear();
        // Each document is extracted on its own, on every core; the results come back in plan
        // order, so nothing below depends on which thread finished first.
        let extractions: Vec<(Extraction, bool, Option<usize>, bool)> = inputs
            .into_par_iter()
            .map(|(input, previous, edition, current)| match previous {
                Some(previous) if previous.input == input => (previous, false, edition, current),
                _ => (Extraction::of(input), true, edition, current),
            })
            .collect();
        self.extracted = extractions.iter().filter(|(_, fresh, ..)| *fresh).count();
        let mut plans = Vec::new();
        let mut sources = Vec::new();
        let mut editions = Vec::new();
        for (extraction, _, edition, current) in extractions {
            diagnostics.extend(extraction.diagnostics.iter().cloned());
            // While incremental the extraction is kept for the next rebuild and the pipeline
            // gets copies; otherwise its parts are moved on (at 100× the seeds' lines alone are
            // hundreds of MB).
            let (slug, file, plan, lines) = if self.incremental {
                let parts = (
                    extraction.input.slug.clone(),
                    extraction.input.file.clone(),
                    extraction.plan.clone(),
                    extraction.lines.clone(),
                );
                self.extractions
                    .insert(extraction.input.file.clone(), extraction);
                parts
            } else {
                let Extraction {
                    input, plan, lines, ..
                } = extraction;
                (input.slug, input.file, plan, lines)
            };
            let Some(plan) = plan else { continue };
            // Every edition of a plan with editions is compared; only the current one is
            // published as the plan.
            if current {
                if let Some(edition) = edition {
                    editions.push(changes::EditionRead {
                        plan: slug.clone(),
                        edition,
                        extracted: plan.clone(),
                        lines: lines.clone(),
                    });
                }
                plans.push(plan);
                sources.push(SourceDocument {
                    file,
                    plan: slug,
                    lines,
                });
            } else if let Some(edition) = edition {
                editions.push(changes::EditionRead {
                    plan: slug,
                    edition,
                    extracted: plan,
                    lines,
                });
            }
        }
        // A document that prints no title of its own gets one from its content file, here and
        // only here, so every page, citation, data file and diagnostic names it alike.
        for plan in &mut plans {
            let entry = self.content.plans.iter().find(|p| p.slug == plan.slug);
            if let Some(title) = entry.and_then(|p| p.meta.title.as_ref()) {
                plan.title.clone_from(title);
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
    /// have errors publishes nothing, leaving the previous output in place. Pages are written
    /// into the staging folder as they are rendered (see [`OutputFolder::publish_with`]), so the
    /// whole site is never held in memory.
    pub fn build(&mut self, output_dir: &Path, options: &RenderOptions) -> Result<Published> {
        let output = OutputFolder::check(&self.root, output_dir)?;
        self.publish(&output, options)
    }

    /// Loads, renders and publishes the site to `output`, a folder checked before (by
    /// [`Portal::build`], or once when `serve` starts: its rebuilds skip the walk through the
    /// whole published site). Publishing checks the folder again under its lock, so a file
    /// someone put there since is refused all the same.
    pub fn publish(&mut self, output: &OutputFolder, options: &RenderOptions) -> Result<Published> {
        self.load()?;
        if has_errors(&self.diagnostics) {
            bail!("the documents have errors; the site was not written");
        }
        let started = Instant::now();
        let mut rendered = None;
        let published = output.publish_with(|site| {
            render::render_into(site, &self.library, &self.content, options)?;
            rendered = Some(Instant::now());
            self.log_time("render", started);
            Ok(())
        })?;
        if let Some(rendered) = rendered {
            self.log_time("write", rendered);
        }
        if self.verbose {
            eprintln!("{:>8}: {}", "publish", published.swap);
        }
        Ok(published)
    }

    /// Prints a phase's time, and the process's peak memory so far where the system says it.
    fn log_time(&self, phase: &str, started: Instant) {
        if self.verbose {
            let peak = peak_memory_mb().map_or(String::new(), |mb| format!(", peak {mb} MB"));
            eprintln!(
                "{phase:>8}: {:.1} ms{peak}",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// The process's peak resident memory in MB (`VmHWM` of `/proc/self/status`); `None` where
/// there is no such file.
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
