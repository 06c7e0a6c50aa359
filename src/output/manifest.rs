//! `.planportal-output.json`: the list of files a build wrote, kept in the output folder as the
//! proof that planportal made that folder and may replace it.
//!
//! A folder may be replaced only when every entry in it is listed (or is a folder holding listed
//! files): one file planportal did not write, such as a maintainer's `notes.txt` or a `.git/`,
//! and the whole folder is refused. The manifest is written first into a staging folder, so a
//! staging folder left by a crashed build is provably planportal's too.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom, Write};
use std::ops::Bound;
use std::path::{Path, PathBuf};

/// The manifest's file name, at the top of every output folder.
pub const MANIFEST: &str = ".planportal-output.json";

/// What the manifest says the folder's maker was.
const GENERATOR: &str = "planportal";

/// The contents of a manifest.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always "planportal".
    generator: String,
    /// The version of planportal that wrote the folder.
    version: String,
    /// Every file written, by its `/`-separated path relative to the folder, sorted.
    files: BTreeSet<String>,
}

impl Manifest {
    /// The manifest listing `files` (paths relative to the folder).
    pub fn listing<'a>(files: impl IntoIterator<Item = &'a str>) -> Manifest {
        Manifest {
            generator: GENERATOR.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            files: files.into_iter().map(str::to_string).collect(),
        }
    }

    /// The manifest as written to disk (pretty JSON, so a maintainer can read it).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest serialises") + "\n"
    }

    /// Reads the manifest of `dir`; `Ok(None)` when it has none, `Err` with the reason when the
    /// file is there but is not a planportal manifest.
    fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read its {MANIFEST}: {e}")),
        };
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|e| format!("its {MANIFEST} is not a planportal manifest: {e}"))?;
        if manifest.generator != GENERATOR {
            return Err(format!(
                "its {MANIFEST} names {:?} as its maker, not {GENERATOR}",
                manifest.generator
            ));
        }
        Ok(Some(manifest))
    }
}

/// The manifest of a folder being written, kept a whole manifest listing every file written so
/// far at every moment, at the cost of each file's entry once.
///
/// Rewriting the whole listing before each batch of files cost the square of the site's size
/// (at 100× the corpus, some 70 rewrites of up to 67 000 paths). Instead each batch's entries
/// are written over the listing's closing bracket, with a new closing bracket, in one write:
/// before the write the file lists what is on disk, after it the batch too. Every entry is
/// written exactly as [`Manifest::to_json`] writes it, so [`ManifestFile::finish`] can rewrite
/// the file sorted, in place and at the same length, without it ever being shorter or invalid.
#[derive(Debug)]
pub struct ManifestFile {
    file: File,
    path: PathBuf,
    /// Where the last entry ends (where the listing's closing bracket starts).
    end: u64,
    /// Whether an entry is written yet (the first one is not preceded by a comma).
    any: bool,
}

/// What closes an empty listing, and a listing with entries (as `serde_json` pretty-prints).
const CLOSE_EMPTY: &str = "]\n}\n";
const CLOSE: &str = "\n  ]\n}\n";

impl ManifestFile {
    /// Creates the manifest of the new, empty folder `dir`, listing nothing yet.
    pub fn create(dir: &Path) -> io::Result<ManifestFile> {
        let path = dir.join(MANIFEST);
        let empty = Manifest::listing(std::iter::empty()).to_json();
        let head = empty
            .strip_suffix(CLOSE_EMPTY)
            .expect("an empty manifest ends with its empty listing");
        let mut file = File::create(&path)?;
        file.write_all(empty.as_bytes())?;
        Ok(ManifestFile {
            file,
            path,
            end: head.len() as u64,
            any: false,
        })
    }

    /// Where the manifest is, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds `paths` to the listing, in one write.
    pub fn append<'a>(&mut self, paths: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        let mut entries = String::new();
        for path in paths {
            if self.any || !entries.is_empty() {
                entries.push(',');
            }
            entries.push_str("\n    ");
            entries.push_str(&serde_json::to_string(path).expect("a path serialises"));
        }
        if entries.is_empty() {
            return Ok(());
        }
        self.any = true;
        let mut bytes = entries.into_bytes();
        bytes.extend_from_slice(CLOSE.as_bytes());
        self.file.seek(SeekFrom::Start(self.end))?;
        self.file.write_all(&bytes)?;
        self.end += (bytes.len() - CLOSE.len()) as u64;
        Ok(())
    }

    /// Rewrites the manifest as [`Manifest::to_json`] writes `files` (every path appended), so
    /// it reads as any other manifest: sorted.
    pub fn finish<'a>(mut self, files: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        let json = Manifest::listing(files).to_json();
        let written = self.end
            + if self.any {
                CLOSE.len()
            } else {
                CLOSE_EMPTY.len()
            } as u64;
        if json.len() as u64 != written {
            return Err(io::Error::other(format!(
                "the manifest {} lists other files than were written",
                self.path.display()
            )));
        }
        self.file.seek(SeekFrom::Start(0))?;
        self.file.write_all(json.as_bytes())
    }
}

/// Checks that planportal made everything in the existing folder `dir`: it is empty, or every
/// file in it is listed in its manifest (or is the manifest). Otherwise says why not, naming the
/// first entry (in name order) that planportal did not write.
pub fn check_ours(dir: &Path) -> Result<(), String> {
    let entries = sorted_entries(dir)?;
    if entries.is_empty() {
        return Ok(());
    }
    let Some(manifest) = Manifest::read(dir)? else {
        let mut names: Vec<String> = entries
            .iter()
            .take(3)
            .map(|(name, kind)| match kind.is_dir() {
                true => format!("{name}/"),
                false => name.clone(),
            })
            .collect();
        if entries.len() > names.len() {
            names.push(format!("{} more", entries.len() - names.len()));
        }
        return Err(format!(
            "it holds {} and has no {MANIFEST}, so planportal did not write it",
            names.join(", ")
        ));
    };
    check_listed(dir, "", &manifest.files)
}

/// Requires every entry under `dir` (whose path relative to the output folder is `prefix`) to
/// be a listed file, or a folder holding listed files.
fn check_listed(dir: &Path, prefix: &str, listed: &BTreeSet<String>) -> Result<(), String> {
    for (name, kind) in sorted_entries(dir)? {
        let relative = format!("{prefix}{name}");
        if kind.is_symlink() {
            return Err(format!(
                "it holds {relative}, a symbolic link, which planportal never makes"
            ));
        } else if kind.is_dir() {
            let folder = format!("{relative}/");
            // The first listed path from the folder's name on: one lookup, not a scan of the list.
            let holds_listed = listed
                .range::<str, _>((Bound::Included(folder.as_str()), Bound::Unbounded))
                .next()
                .is_some_and(|file| file.starts_with(&folder));
            if !holds_listed {
                return Err(format!(
                    "it holds the folder {folder}, which planportal did not write \
                     (no file of its {MANIFEST} is in it)"
                ));
            }
            check_listed(&dir.join(&name), &folder, listed)?;
        } else if !(listed.contains(&relative) || relative == MANIFEST) {
            return Err(format!(
                "it holds {relative}, which planportal did not write (it is not in its {MANIFEST})"
            ));
        }
    }
    Ok(())
}

/// The entries of `dir` with their types (links not followed), sorted by name.
fn sorted_entries(dir: &Path) -> Result<Vec<(String, fs::FileType)>, String> {
    let cannot = |e: io::Error| format!("cannot read the folder {}: {e}", dir.display());
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let kind = entry.file_type().map_err(cannot)?;
        entries.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Site;

    /// A folder as a build of a two-file site leaves it.
    fn output() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut site = Site::default();
        site.add("index.html", "home").unwrap();
        site.add("plani/a/index.html", "plan").unwrap();
        fs::create_dir_all(dir.path().join("plani/a")).unwrap();
        for (path, bytes) in &site.files {
            fs::write(dir.path().join(path), bytes).unwrap();
        }
        fs::write(
            dir.path().join(MANIFEST),
            Manifest::listing(site.paths()).to_json(),
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_folder_planportal_wrote_is_ours_even_with_files_missing() {
        let dir = output();
        assert_eq!(check_ours(dir.path()), Ok(()));
        fs::remove_file(dir.path().join("index.html")).unwrap();
        assert_eq!(check_ours(dir.path()), Ok(()));
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(check_ours(empty.path()), Ok(()));
    }

    #[test]
    fn anything_unlisted_is_named() {
        let dir = output();
        fs::write(dir.path().join("plani/a/notes.txt"), "mine").unwrap();
        let refusal = check_ours(dir.path()).unwrap_err();
        assert!(refusal.contains("plani/a/notes.txt"), "{refusal}");

        let dir = output();
        fs::create_dir_all(dir.path().join(".git/objects")).unwrap();
        let refusal = check_ours(dir.path()).unwrap_err();
        assert!(refusal.contains("the folder .git/"), "{refusal}");

        let dir = output();
        std::os::unix::fs::symlink("/etc", dir.path().join("etc")).unwrap();
        assert!(check_ours(dir.path())
            .unwrap_err()
            .contains("etc, a symbolic link"));
    }

    #[test]
    fn a_folder_without_a_planportal_manifest_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let refusal = check_ours(dir.path()).unwrap_err();
        assert_eq!(
            refusal,
            "it holds notes.txt and has no .planportal-output.json, so planportal did not write it"
        );

        fs::write(dir.path().join(MANIFEST), "{}").unwrap();
        let refusal = check_ours(dir.path()).unwrap_err();
        assert!(refusal.contains("not a planportal manifest"), "{refusal}");

        fs::write(
            dir.path().join(MANIFEST),
            r#"{"generator": "zola", "version": "1", "files": ["notes.txt"]}"#,
        )
        .unwrap();
        let refusal = check_ours(dir.path()).unwrap_err();
        assert!(refusal.contains("\"zola\""), "{refusal}");
    }
}
