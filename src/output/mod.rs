//! The rendered site in memory, and publishing it to disk without ever destroying anything else.
//!
//! Rendering fills a [`Site`] (path → bytes) so tests can inspect pages without touching disk.
//! Publishing has two steps, both on an [`OutputFolder`]:
//!
//! - [`OutputFolder::check`] runs before the build and touches nothing: it follows a symlinked
//!   output path to its target and refuses the project folder, `seeds/`, `content/`, `themes/`,
//!   anything inside them or holding them, a file, and any existing folder holding something
//!   planportal did not write (`folder.rs`). What planportal wrote is listed in the folder's
//!   manifest, `.planportal-output.json` (`manifest.rs`).
//! - [`OutputFolder::publish`] takes the output's lock, writes the site into a staging folder of
//!   its own beside the output and swaps it in, so the output path always holds either the old
//!   or the new site, and concurrent builds publish one after the other (`publish.rs`).

mod folder;
mod manifest;
mod publish;

pub use folder::OutputFolder;
pub use manifest::MANIFEST;
pub use publish::{Published, Swap};

use anyhow::{bail, Result};
use publish::Staging;
use std::collections::BTreeMap;

/// Every file of the site, by its path relative to the output folder ("plani/x/index.html").
///
/// A site rendered in memory ([`crate::render::render`], the tests) holds every file in
/// `files`. A site being published ([`OutputFolder::publish_with`]) is backed by its staging
/// folder: what [`Site::add`] adds is held in `files` (the data files, which the data package
/// reads back) until [`Site::write_held`] writes it out, and what [`Site::add_pages`] adds (the
/// bulk of the site) goes to disk at once. So a big site is never in memory whole.
#[derive(Debug, Default)]
pub struct Site {
    /// The files held in memory: all of them when rendering in memory.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The staging folder and the files already in it, when publishing.
    staging: Option<Staging>,
}

impl Site {
    /// Adds a file, held in memory; a path written twice is a bug in the renderer.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        self.check_new(&path)?;
        self.files.insert(path, bytes.into());
        Ok(())
    }

    /// Adds files nothing else in the build reads (pages): written into the staging folder at
    /// once (on every core) when publishing, held when rendering in memory.
    pub fn add_pages(&mut self, pages: Vec<(String, Vec<u8>)>) -> Result<()> {
        for (path, _) in &pages {
            self.check_new(path)?;
        }
        match &mut self.staging {
            Some(staging) => staging.write(pages),
            None => {
                for (path, bytes) in pages {
                    if self.files.insert(path.clone(), bytes).is_some() {
                        bail!("two outputs want the same path {path:?}");
                    }
                }
                Ok(())
            }
        }
    }

    /// When publishing, writes the files held so far into the staging folder and lets go of
    /// them; rendering calls it once nothing will read them again. Nothing when in memory.
    pub fn write_held(&mut self) -> Result<()> {
        if let Some(staging) = &mut self.staging {
            staging.write(std::mem::take(&mut self.files).into_iter().collect())?;
        }
        Ok(())
    }

    /// Every file's path, held or written, sorted.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
        if let Some(staging) = &self.staging {
            paths.extend(staging.written().map(String::as_str));
            paths.sort_unstable();
        }
        paths
    }

    /// The text of a held file, for tests and link checks.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
    }

    fn check_new(&self, path: &str) -> Result<()> {
        if path.starts_with('/') || path.split('/').any(|p| p == ".." || p.is_empty()) {
            bail!("invalid output path {path:?}");
        }
        if path == MANIFEST {
            bail!("the output path {path:?} is reserved for planportal's manifest");
        }
        if self.files.contains_key(path) || self.staging.as_ref().is_some_and(|s| s.has(path)) {
            bail!("two outputs want the same path {path:?}");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_written_twice_or_reserved_is_an_error() {
        let mut site = Site::default();
        site.add("x.html", "1").unwrap();
        assert!(site.add("x.html", "2").is_err());
        assert!(site.add("../x", "2").is_err());
        assert!(site.add(MANIFEST, "{}").is_err());
        assert!(site
            .add_pages(vec![("y.html".into(), vec![]), ("y.html".into(), vec![])])
            .is_err());
        assert!(site.add_pages(vec![("x.html".into(), vec![])]).is_err());
    }
}
