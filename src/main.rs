//! The `planportal` command line: `build`, `serve`, `check`, `search`.

use anyhow::Result;
use clap::{Parser, Subcommand};
use planportal::diagnostics::{has_errors, Severity};
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use planportal::search;
use std::path::PathBuf;
use std::process::ExitCode;

/// Publishes Latvian government policy plans as a static portal.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the documents and write the site.
    Build {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, serve on 127.0.0.1 and rebuild when seeds/, content/ or themes/ change.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Extract and validate only: print every diagnostic; exit 1 on errors.
    Check {
        /// Project folder (holding seeds/ and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Search the measures and institutions offline, with the portal's Latvian analyser.
    Search(SearchArgs),
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// The words to search for (any case, with or without diacritics, any inflection).
    #[arg(required = true)]
    query: Vec<String>,
    /// Project folder (holding seeds/ and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only this plan (its slug, e.g. organizeta-noziedziba-2023-2025).
    #[arg(long)]
    plan: Option<String>,
    /// Only documents naming this institution code (e.g. VP), in any role.
    #[arg(long)]
    institution: Option<String>,
    /// Only this status (e.g. "izpildīts").
    #[arg(long)]
    status: Option<String>,
    /// Only deadlines in this year.
    #[arg(long)]
    year: Option<i32>,
    /// Only this kind of document: pasakums, iestade, programma, raditajs or nodala.
    #[arg(long)]
    kind: Option<String>,
    /// How many results to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// Project folder (holding seeds/ and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site; relative paths are under the project folder.
    #[arg(long, default_value = "public")]
    output_dir: PathBuf,
    /// URL prefix the site is published under.
    #[arg(long, default_value = "/")]
    base_url: String,
}

impl SiteArgs {
    fn output_dir(&self) -> PathBuf {
        if self.output_dir.is_absolute() {
            self.output_dir.clone()
        } else {
            self.root.join(&self.output_dir)
        }
    }

    fn options(&self) -> RenderOptions {
        let mut base_url = self.base_url.clone();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        RenderOptions {
            base_url,
            theme_dir: Some(self.root.join("themes").join("default")),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build { site } => {
            let mut portal = Portal::new(&site.root);
            portal.verbose = true;
            let result = portal.build(&site.output_dir(), &site.options());
            print_diagnostics(&portal);
            let written = result?;
            eprintln!(
                "wrote {} files to {}",
                written.files.len(),
                site.output_dir().display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { site, port } => {
            planportal::serve::serve(&site.root, &site.output_dir(), &site.options(), port)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { root } => {
            let mut portal = Portal::new(&root);
            portal.verbose = true;
            portal.load()?;
            print_diagnostics(&portal);
            let measures: usize = portal.library.plans.iter().map(|p| p.measures.len()).sum();
            eprintln!(
                "checked {} plans, {} measures",
                portal.library.plans.len(),
                measures
            );
            Ok(if has_errors(&portal.diagnostics) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search(args) => {
            let mut portal = Portal::new(&args.root);
            portal.load()?;
            let docs = search::documents::documents(&portal.library, &portal.content);
            let filters = search::cli::Filters {
                plan: args.plan,
                institution: args.institution,
                status: args.status,
                year: args.year,
                kind: args.kind,
            };
            let hits = search::cli::search(&docs, &args.query.join(" "), &filters, args.limit)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else {
                print!("{}", search::cli::table(&hits));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_diagnostics(portal: &Portal) {
    for d in &portal.diagnostics {
        eprintln!("{d}");
    }
    let count = |severity| {
        portal
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    if !portal.diagnostics.is_empty() {
        eprintln!(
            "{} errors, {} warnings, {} notes",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        );
    }
}
