//! The rendered site in memory, and writing it to disk atomically.
//!
//! Rendering fills a [`Site`] (path → bytes) so tests can inspect pages without touching disk.
//! [`Site::write_atomically`] writes into a sibling folder and swaps it in only when every file
//! was written, so a failed build leaves the previously published site intact.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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

    /// Writes the site to `dir`, replacing what was there only if everything was written.
    pub fn write_atomically(&self, dir: &Path) -> Result<()> {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = dir
            .file_name()
            .with_context(|| format!("output folder {} has no name", dir.display()))?
            .to_string_lossy()
            .into_owned();
        let staging = parent.join(format!(".{name}.new"));
        let previous = parent.join(format!(".{name}.old"));
        for leftover in [&staging, &previous] {
            if leftover.exists() {
                fs::remove_dir_all(leftover)
                    .with_context(|| format!("cannot remove {}", leftover.display()))?;
            }
        }
        for (path, bytes) in &self.files {
            let target = staging.join(path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
            }
            fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        if dir.exists() {
            fs::rename(dir, &previous).with_context(|| {
                format!(
                    "cannot move {} aside to {}",
                    dir.display(),
                    previous.display()
                )
            })?;
        }
        fs::rename(&staging, dir)
            .with_context(|| format!("cannot move {} to {}", staging.display(), dir.display()))?;
        if previous.exists() {
            fs::remove_dir_all(&previous)
                .with_context(|| format!("cannot remove {}", previous.display()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_replaces_the_old_site_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        let mut site = Site::default();
        site.add("index.html", "new").unwrap();
        site.add("a/b/index.html", "deep").unwrap();
        site.write_atomically(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert!(!out.join("stale.html").exists());
        assert!(!tmp.path().join(".public.new").exists());
    }

    #[test]
    fn a_path_written_twice_is_an_error() {
        let mut site = Site::default();
        site.add("x.html", "1").unwrap();
        assert!(site.add("x.html", "2").is_err());
        assert!(site.add("../x", "2").is_err());
    }
}
