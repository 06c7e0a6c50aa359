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
pub use publish::Swap;

use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// Every file of the site, by its path relative to the output folder ("plani/x/index.html").
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Adds a file; a path written twice is a bug in the renderer.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        if path.starts_with('/') || path.split('/').any(|p| p == ".." || p.is_empty()) {
            bail!("invalid output path {path:?}");
        }
        if path == MANIFEST {
            bail!("the output path {path:?} is reserved for planportal's manifest");
        }
        if self.files.insert(path.clone(), bytes.into()).is_some() {
            bail!("two outputs want the same path {path:?}");
        }
        Ok(())
    }

    /// The text of a file, for tests and link checks.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
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
    }
}
