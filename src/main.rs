//! The `planportal` command line: `build`, `serve`, `check`, `search`, `diff`.

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
        /// Port to listen on (0: any free port, printed when serving starts).
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
    ///
    /// Exit code: 0 when something was found, 1 when nothing was (or the project cannot be
    /// read), 2 for an invalid filter value.
    Search(SearchArgs),
    /// Print the changes between two documents, or between the editions of a plan: added,
    /// removed and renumbered measures and changed fields, with both documents' lines.
    ///
    /// Exit code: 0 when the documents were compared (with or without changes), 1 when one
    /// cannot be read or has errors, 2 for invalid arguments or an unknown plan.
    Diff(DiffArgs),
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("documents").required(true).args(["old", "plan"])))]
struct DiffArgs {
    /// The earlier document (a text export, read like a seed).
    #[arg(requires_all = ["new", "structure"])]
    old: Option<PathBuf>,
    /// The later document.
    #[arg(requires = "old")]
    new: Option<PathBuf>,
    /// How to read the two documents: action-plan, result-plan, status-report, strategy or
    /// programme-report (as a plan's front matter says).
    #[arg(long, value_parser = structure)]
    structure: Option<planportal::extract::Structure>,
    /// Instead of two files: every pair of consecutive editions of this plan (its slug), as
    /// its [[editions]] list them.
    #[arg(long, conflicts_with_all = ["old", "new", "structure"])]
    plan: Option<String>,
    /// Project folder (holding seeds/ and content/), for --plan.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Reads `--structure` as a plan's front matter names a structure.
fn structure(value: &str) -> Result<planportal::extract::Structure, String> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).map_err(|_| {
        "expected action-plan, result-plan, status-report, strategy or programme-report".to_string()
    })
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
    /// Only documents naming this institution code (e.g. VP), in any role; any case.
    #[arg(long)]
    institution: Option<String>,
    /// Only this status (e.g. "izpildīts" or "izpildits"; any case, diacritics optional).
    #[arg(long)]
    status: Option<String>,
    /// Only deadlines in this year.
    #[arg(long)]
    year: Option<i32>,
    /// Only this kind of document: pasakums, iestade, programma, raditajs, nodala or teksts.
    #[arg(long)]
    kind: Option<String>,
    /// Only documents where the --institution has this role: atbildīgā (responsible),
    /// līdzatbildīgā (co-responsible) or iesaistītā (otherwise named), as the search page's
    /// "Iestādes loma" facet; any case, diacritics optional.
    #[arg(long, requires = "institution")]
    role: Option<String>,
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
    /// Where to write the site; relative paths are under the project folder. The folder is
    /// replaced as a whole: it must be new, empty or written by planportal before, and may not be
    /// the project folder, seeds/, content/, themes/, inside them or hold them.
    #[arg(long, default_value = "public")]
    output_dir: PathBuf,
    /// URL prefix the site is published under: a path such as /portal/ or a URL such as
    /// https://example.org/portal/.
    #[arg(long, default_value = "/", value_parser = base_url)]
    base_url: String,
}

/// Checks `--base-url`: a path from the server's root (`/…`) or an absolute `http(s)://` URL.
///
/// A relative prefix ("portal/") would resolve against each page's own address and break every
/// nested page's links; `//host` names another host; quotes, spaces, `?` and `#` would break
/// the links the prefix starts.
fn base_url(value: &str) -> Result<String, String> {
    if let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    {
        if rest.split('/').next().unwrap_or("").is_empty() {
            return Err("the URL has no host after http(s)://".to_string());
        }
    } else if value.is_empty() {
        return Err("it is empty: write / for the server's root".to_string());
    } else if value.starts_with("//") {
        return Err(
            "it starts with //, which names another host: write https://host/… \
                    or a path such as /portal/"
                .to_string(),
        );
    } else if !value.starts_with('/') {
        let path = value.trim_start_matches("./").trim_matches('/');
        return Err(format!(
            "it must be absolute: a path from the server's root such as /{path}/, or a URL \
             such as https://example.org/{path}/ (a relative prefix breaks the links of nested \
             pages)"
        ));
    }
    if let Some(c) = value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\?#`".contains(*c))
    {
        return Err(format!(
            "it contains {c:?}, which cannot be part of the links' prefix"
        ));
    }
    Ok(value.to_string())
}

impl SiteArgs {
    fn output_dir(&self) -> PathBuf {
        if self.output_dir.is_absolute() {
            self.output_dir.clone()
        } else {
            self.root.join(&self.output_dir)
        }
    }

    fn options(&self) -> Result<RenderOptions> {
        let mut base_url = self.base_url.clone();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(RenderOptions {
            base_url,
            theme_dir: Some(self.root.join("themes").join("default")),
            build_date: planportal::render::build_date()?,
        })
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
            let options = site.options()?;
            if options.site_url().is_none() {
                eprintln!(
                    "warning: --base-url {} is a path: sitemap.xml, the Atom feeds, canonical \
                     links and og:url need the site's full address and are left out; build with \
                     --base-url https://host{} to write them",
                    site.base_url,
                    options.link_prefix()
                );
            }
            let mut portal = Portal::new(&site.root);
            portal.verbose = true;
            let result = portal.build(&site.output_dir(), &options);
            print_diagnostics(&portal);
            let written = result?;
            eprintln!(
                "wrote {} files to {}",
                written.files,
                site.output_dir().display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { site, port } => {
            planportal::serve::serve(&site.root, &site.output_dir(), &site.options()?, port)?;
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
            let cache = search::cache::cache_path(&args.root);
            let (data, _) = search::cache::search_data(&args.root, cache.as_deref())?;
            let given = search::cli::Filters {
                plan: args.plan,
                institution: args.institution,
                status: args.status,
                year: args.year,
                kind: args.kind,
                role: args.role,
            };
            let filters = match given.validate(&data) {
                Ok(filters) => filters,
                Err(invalid) => {
                    eprintln!("error: {invalid}");
                    return Ok(ExitCode::from(2));
                }
            };
            let query = args.query.join(" ");
            let hits = search::cli::search(&data, &query, &filters, args.limit)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else if !hits.is_empty() {
                print!("{}", search::cli::table(&hits));
            }
            if hits.is_empty() {
                eprintln!("{}", search::cli::no_results(&query, &filters));
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(args) => diff(args),
    }
}

/// `planportal diff`: two files, or the editions of a plan.
fn diff(args: DiffArgs) -> Result<ExitCode> {
    use planportal::changes::cli;
    let rows = match (&args.old, &args.new, args.structure, &args.plan) {
        (Some(old), Some(new), Some(structure), _) => {
            let (rows, diagnostics) = cli::diff_files(old, new, structure)?;
            for d in &diagnostics {
                eprintln!("{d}");
            }
            if has_errors(&diagnostics) {
                eprintln!("error: the documents have errors; nothing was compared");
                return Ok(ExitCode::FAILURE);
            }
            rows
        }
        (_, _, _, Some(slug)) => {
            let mut portal = Portal::new(&args.root);
            portal.load()?;
            let plans = &portal.content.plans;
            let Some(entry) = plans.iter().find(|p| &p.slug == slug) else {
                let slugs: Vec<&str> = plans.iter().map(|p| p.slug.as_str()).collect();
                eprintln!(
                    "error: --plan {slug:?} is not a plan; the plans are {}",
                    slugs.join(", ")
                );
                return Ok(ExitCode::from(2));
            };
            if entry.editions.is_empty() {
                eprintln!(
                    "error: --plan {slug:?} lists no [[editions]]: it has one document, nothing \
                     to compare"
                );
                return Ok(ExitCode::from(2));
            }
            // Only what concerns this plan's documents: the other plans are not compared.
            let entry = entry.clone();
            portal.diagnostics.retain(|d| {
                d.file == entry.location.file
                    || d.file
                        .strip_prefix("seeds/")
                        .is_some_and(|name| entry.names_seed(name))
            });
            print_diagnostics(&portal);
            match portal.library.history(slug) {
                Some(history) if !has_errors(&portal.diagnostics) => cli::history_rows(history),
                _ => {
                    eprintln!("error: the plan's documents have errors; nothing was compared");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        _ => anyhow::bail!("give two documents and --structure, or --plan"),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if rows.is_empty() {
        eprintln!("no changes");
    } else {
        print!("{}", cli::table(&rows));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(portal: &Portal) {
    for line in portal.diagnostic_report() {
        eprintln!("{line}");
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

#[cfg(test)]
mod tests {
    use super::base_url;

    #[test]
    fn the_base_url_must_be_absolute() {
        for good in [
            "/",
            "/portal/",
            "/a/b",
            "https://example.org",
            "http://x.lv/portal/",
        ] {
            assert_eq!(base_url(good).as_deref(), Ok(good));
        }
        let relative = base_url("portal/").unwrap_err();
        assert!(relative.contains("such as /portal/"), "{relative}");
        assert!(base_url("./portal").unwrap_err().contains("/portal/"));
        assert!(base_url("").unwrap_err().contains("write /"));
        assert!(base_url("//evil.example/")
            .unwrap_err()
            .contains("another host"));
        assert!(base_url("https:///x").unwrap_err().contains("no host"));
        assert!(base_url("/a b/").unwrap_err().contains("' '"));
        assert!(base_url("/a\"onmouseover=x/").unwrap_err().contains("'\"'"));
        assert!(base_url("/a?b").is_err());
        assert!(base_url("ftp://x/").is_err());
    }
}
