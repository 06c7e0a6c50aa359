//! Helpers shared by the integration tests: this repository's project folder, copies of it, and
//! the real site built from it once per test run.

use planportal::output::Site;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The base URL the real site is built under: not the root, so a link that forgets the base URL
/// (`/plani/…` instead of `/portal/plani/…`) points outside the site and is caught.
pub const BASE: &str = "/portal/";

/// The site built from this repository's `seeds/` and `content/`, as every test module reads it.
pub struct RealSite {
    /// The driver after the build: content, library and diagnostics.
    pub portal: Portal,
    /// The pages and data as written, read back into memory.
    pub site: Site,
    /// The folder the site was written to.
    pub dir: PathBuf,
}

/// The real site, built (and written under Cargo's temporary folder for integration tests) the
/// first time a test asks for it and shared by every test after: building it takes longer than
/// most tests' own work.
pub fn real_site() -> &'static RealSite {
    static SITE: OnceLock<RealSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("real-site");
        let mut portal = Portal::new(repo());
        match portal.build(&dir, &options(BASE)) {
            Ok(_) => RealSite {
                portal,
                site: read_site(&dir),
                dir,
            },
            Err(e) => {
                let diagnostics: Vec<String> =
                    portal.diagnostics.iter().map(|d| d.to_string()).collect();
                panic!(
                    "the real site does not build: {e:#}\n{}",
                    diagnostics.join("\n")
                );
            }
        }
    })
}

/// A published site folder read back into memory: every file but the manifest.
pub fn read_site(dir: &Path) -> Site {
    let mut site = Site::default();
    for path in files_under(dir) {
        if path != planportal::output::MANIFEST {
            let bytes = fs::read(dir.join(&path)).unwrap();
            site.add(path, bytes).unwrap();
        }
    }
    site
}

/// Render options for the embedded theme under `base_url`, built on a fixed day (so two builds
/// are byte-identical whenever they run).
pub fn options(base_url: &str) -> RenderOptions {
    RenderOptions {
        base_url: base_url.to_string(),
        theme_dir: None,
        build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
    }
}

/// The repository itself, used as the project folder holding the real `seeds/` and `content/`.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree (the project's `seeds/` or `content/`) into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, as `/`-separated paths relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{relative}/"), out);
            } else {
                out.push(relative);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}
