//! Publishing a site into its output folder: lock, stage, swap.
//!
//! Beside the output folder `public` (in its parent folder) live, while publishing:
//! - `.public.planportal-lock`: an empty file whose exclusive lock (`File::lock`, `flock` on
//!   Linux) a build holds from before its staging folder exists until after the swap. A second
//!   build waits for it, saying so, so builds into one folder (a `serve` rebuild and a `build`,
//!   say) publish one after the other and never share anything. The lock is released by the
//!   operating system when the process ends, however it ends; the file itself stays.
//! - `.public.planportal-staging.<pid>.<n>`: the build's own staging folder. The manifest is
//!   written into it first, then every file; then it is swapped with the output.
//! - `.public.planportal-previous`: used only by the fallback swap, see [`Swap::Renamed`].
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` on Linux ([`Swap::Exchanged`]): the output path
//! holds the whole old site until, in one step, it holds the whole new one; the staging path then
//! holds the old site, which is removed. Where the file system or kernel cannot exchange (or on
//! another OS) two renames are used instead, with the recovery described at [`Swap::Renamed`].
//!
//! Leftovers of crashed builds are cleaned under the lock, so never while another build uses
//! them, and only when provably planportal's (see `manifest.rs`); anything else is left alone
//! with a warning.

use super::folder::{check_replaceable, OutputFolder};
use super::manifest::{check_ours, ManifestFile, MANIFEST};
use super::Site;
use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// How the new site took the old one's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// There was no site yet: the staging folder was renamed to the output path.
    Moved,
    /// One `renameat2(RENAME_EXCHANGE)`: the output path never stopped holding a whole site.
    Exchanged,
    /// The fallback where exchanging is not supported: the old site renamed aside to
    /// `.<name>.planportal-previous`, then the new one renamed into place. If the second rename
    /// fails the old site is renamed back at once; if the process dies between the two, the
    /// next build (or `serve` rebuild) puts the old site back before anything else.
    Renamed,
}

impl fmt::Display for Swap {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Swap::Moved => "moved into place (no previous site)",
            Swap::Exchanged => "swapped in by rename-exchange (renameat2 RENAME_EXCHANGE)",
            Swap::Renamed => "swapped in by two renames (rename-exchange not supported here)",
        })
    }
}

/// What publishing did: how many files the site has, and how it took the old site's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub files: usize,
    pub swap: Swap,
}

impl OutputFolder {
    /// Publishes `site`, rendered in memory (see [`OutputFolder::publish_with`]).
    pub fn publish(&self, site: &Site) -> Result<Swap> {
        let published = self.publish_with(|staged| {
            let files = site.files.iter();
            staged.add_pages(files.map(|(p, b)| (p.clone(), b.clone())).collect())
        })?;
        Ok(published.swap)
    }

    /// Publishes the site `fill` renders: takes the output's lock (waiting for another build
    /// holding it), cleans what crashed builds left, checks the output again, has `fill` render
    /// into a [`Site`] backed by a staging folder of its own (pages are written as they are
    /// rendered), writes what it held, and swaps the folder in. On error (from `fill` too) the
    /// output is as it was.
    pub fn publish_with(&self, fill: impl FnOnce(&mut Site) -> Result<()>) -> Result<Published> {
        let siblings = Siblings::of(self.path())?;
        fs::create_dir_all(&siblings.parent)
            .with_context(|| format!("cannot create {}", siblings.parent.display()))?;
        let _lock = siblings.lock(self.given())?;
        siblings.recover(self.path())?;
        check_replaceable(self.path()).map_err(|reason| {
            anyhow!(
                "refusing to write the site to {}: {reason}",
                self.given().display()
            )
        })?;
        let staging = siblings.new_staging();
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        // The site being replaced, checked as planportal's under the lock: its unchanged files
        // are linked into the new site instead of written again.
        let replaced = fs::symlink_metadata(self.path())
            .is_ok_and(|meta| meta.is_dir())
            .then_some(self.path());
        let published = Staging::new(&staging, replaced)
            .and_then(|staged| {
                let mut site = Site {
                    files: Default::default(),
                    staging: Some(staged),
                };
                fill(&mut site)?;
                site.write_held()?;
                site.staging.take().expect("a publishing site").finish()
            })
            .and_then(|files| {
                let swap = swap(&staging, self.path(), &siblings.previous(), |from, to| {
                    fs::rename(from, to)
                })?;
                Ok(Published { files, swap })
            });
        if published.is_err() && staging.exists() {
            // Still the new, unpublished site: this build made it.
            if let Err(e) = fs::remove_dir_all(&staging) {
                eprintln!(
                    "warning: cannot remove the staging folder {}: {e}",
                    staging.display()
                );
            }
        }
        published
    }
}

/// A build's staging folder while the site is written into it.
///
/// Its manifest is written before any file and extended before each batch of files to list
/// every file the folder holds once the batch is written, so a folder a crash leaves behind is
/// always provably planportal's; [`Staging::finish`] rewrites it sorted, listing exactly the site.
#[derive(Debug)]
pub(super) struct Staging {
    folder: PathBuf,
    manifest: ManifestFile,
    /// Every file written (or being written), by path relative to the folder.
    written: BTreeSet<String>,
    /// The folders made so far (relative to `folder`), so each is made once.
    folders: HashSet<PathBuf>,
    /// The published site this one replaces, if any: a file whose bytes are those of its file
    /// at the same path is hard-linked from it rather than written.
    published: Option<PathBuf>,
}

impl Staging {
    /// Starts writing into the empty folder `folder`: its manifest, listing nothing yet. Files
    /// equal to those of the `published` site are linked from it (see [`Staging::put`]).
    fn new(folder: &Path, published: Option<&Path>) -> Result<Staging> {
        let manifest = ManifestFile::create(folder)
            .with_context(|| format!("cannot write {}", folder.join(MANIFEST).display()))?;
        Ok(Staging {
            folder: folder.to_path_buf(),
            manifest,
            written: BTreeSet::new(),
            folders: HashSet::new(),
            published: published.map(Path::to_path_buf),
        })
    }

    pub(super) fn has(&self, path: &str) -> bool {
        self.written.contains(path)
    }

    pub(super) fn written(&self) -> impl Iterator<Item = &String> {
        self.written.iter()
    }

    /// Writes a batch of files, on every core, after the manifest lists them.
    pub(super) fn write(&mut self, files: Vec<(String, Vec<u8>)>) -> Result<()> {
        for (path, _) in &files {
            if !self.written.insert(path.clone()) {
                bail!("two outputs want the same path {path:?}");
            }
        }
        self.manifest
            .append(files.iter().map(|(path, _)| path.as_str()))
            .with_context(|| format!("cannot write {}", self.manifest.path().display()))?;
        for (path, _) in &files {
            if let Some(parent) = Path::new(path).parent() {
                self.make_folder(parent)?;
            }
        }
        files
            .par_iter()
            .try_for_each(|(path, bytes)| self.put(path, bytes))
    }

    /// Puts one file into the folder: a hard link to the published site's file at `path` when
    /// that holds exactly `bytes` (a rebuild changes few files), else the bytes written.
    ///
    /// A link costs a folder entry where a write costs a new inode and its data, and removing
    /// the old site afterwards then frees neither (on this machine's `discard` mount, freeing
    /// data blocks is what a rebuild waited for). The published site is only read; its file is
    /// the new site's once the sites are swapped. Any doubt (a link, a different size, another
    /// file system) means writing.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.folder.join(path);
        if let Some(published) = &self.published {
            let old = published.join(path);
            if holds_exactly(&old, bytes) && fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    }

    /// Makes the folder `relative` (and the folders holding it) unless made before: one
    /// `mkdir` per folder, parents first.
    fn make_folder(&mut self, relative: &Path) -> Result<()> {
        if relative.as_os_str().is_empty() || self.folders.contains(relative) {
            return Ok(());
        }
        if let Some(parent) = relative.parent() {
            self.make_folder(parent)?;
        }
        let folder = self.folder.join(relative);
        fs::create_dir(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
        self.folders.insert(relative.to_path_buf());
        Ok(())
    }

    /// Rewrites the manifest sorted, once every file is written; the number of files.
    fn finish(self) -> Result<usize> {
        let path = self.manifest.path().to_path_buf();
        let files = self.written.len();
        self.manifest
            .finish(self.written.iter().map(String::as_str))
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(files)
    }
}

/// Whether `path` is a plain file (not a link) holding exactly `bytes`: one `lstat`, and the
/// file read only when its size matches.
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    let plain_of_size = fs::symlink_metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64);
    if !plain_of_size {
        return false;
    }
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut held = vec![0; bytes.len()];
    // Then nothing more: a file that grew since is not the same.
    io::Read::read_exact(&mut file, &mut held).is_ok()
        && held == bytes
        && io::Read::read(&mut file, &mut [0]).is_ok_and(|more| more == 0)
}

/// The paths beside one output folder.
struct Siblings {
    parent: PathBuf,
    /// The output folder's name.
    name: OsString,
}

impl Siblings {
    fn of(output: &Path) -> Result<Siblings> {
        match (output.parent(), output.file_name()) {
            (Some(parent), Some(name)) => Ok(Siblings {
                parent: parent.to_path_buf(),
                name: name.to_os_string(),
            }),
            _ => Err(anyhow!(
                "the output folder {} has no name",
                output.display()
            )),
        }
    }

    /// `.<name><suffix>`, beside the output.
    fn sibling(&self, suffix: &str) -> PathBuf {
        self.parent.join(self.prefixed(suffix))
    }

    fn prefixed(&self, suffix: &str) -> OsString {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(suffix);
        name
    }

    fn previous(&self) -> PathBuf {
        self.sibling(".planportal-previous")
    }

    /// The start of every staging folder's name.
    fn staging_prefix(&self) -> OsString {
        self.prefixed(".planportal-staging.")
    }

    /// A staging folder name no other build uses: the process id and a counter (for builds in
    /// one process, such as `serve`'s), and the time (for a process id reused after a crash).
    fn new_staging(&self) -> PathBuf {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut name = self.staging_prefix();
        name.push(format!(
            "{}.{}.{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        self.parent.join(name)
    }

    /// Takes the output's exclusive lock, waiting (and saying so) while another build holds it.
    fn lock(&self, output: &Path) -> Result<File> {
        let path = self.sibling(".planportal-lock");
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting: another planportal build is publishing to {} (it holds {})",
                    output.display(),
                    path.display()
                );
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
        Ok(file)
    }

    /// Under the lock: puts back an old site a crash left aside, and removes staging folders of
    /// crashed builds, each only if planportal provably wrote it.
    fn recover(&self, output: &Path) -> Result<()> {
        let previous = self.previous();
        if fs::symlink_metadata(&previous).is_ok() {
            match (check_ours(&previous), fs::symlink_metadata(output).is_ok()) {
                (Ok(()), false) => {
                    fs::rename(&previous, output).with_context(|| {
                        format!(
                            "cannot move the previous site {} back to {}",
                            previous.display(),
                            output.display()
                        )
                    })?;
                    eprintln!(
                        "put back the site an interrupted build had moved aside to {}",
                        previous.display()
                    );
                }
                (Ok(()), true) => remove_leftover(&previous),
                (Err(reason), _) => leave(&previous, &reason),
            }
        }
        let prefix = self.staging_prefix();
        let entries = fs::read_dir(&self.parent)
            .with_context(|| format!("cannot read {}", self.parent.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !starts_with(&name, &prefix) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            match check_ours(&entry.path()) {
                Ok(()) => remove_leftover(&entry.path()),
                Err(reason) => leave(&entry.path(), &reason),
            }
        }
        Ok(())
    }
}

fn starts_with(name: &OsStr, prefix: &OsStr) -> bool {
    name.as_encoded_bytes()
        .starts_with(prefix.as_encoded_bytes())
}

fn remove_leftover(path: &Path) {
    match fs::remove_dir_all(path) {
        Ok(()) => eprintln!("removed {}, left by an interrupted build", path.display()),
        Err(e) => eprintln!("warning: cannot remove {}: {e}", path.display()),
    }
}

fn leave(path: &Path, reason: &str) {
    eprintln!(
        "warning: leaving {} alone: its name is that of a planportal build's folder, but {reason}",
        path.display()
    );
}

/// Writes the manifest, then every file of `site`, into the empty folder `staging`.
#[cfg(test)]
fn stage(site: &Site, staging: &Path) -> Result<()> {
    let files = site.files.iter().map(|(p, b)| (p.clone(), b.clone()));
    let mut staged = Staging::new(staging, None)?;
    staged.write(files.collect())?;
    staged.finish().map(|_| ())
}

/// Puts the site in `staging` at `output` (see [`Swap`]). On success `staging` is gone; on error
/// `output` holds the old site, and `staging` (if it exists) the new one. `rename` is
/// `fs::rename`, or a failing one in tests.
fn swap(
    staging: &Path,
    output: &Path,
    previous: &Path,
    rename: impl Fn(&Path, &Path) -> io::Result<()>,
) -> Result<Swap> {
    if fs::symlink_metadata(output).is_err() {
        rename(staging, output).with_context(|| {
            format!("cannot move {} to {}", staging.display(), output.display())
        })?;
        return Ok(Swap::Moved);
    }
    match exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the old site, checked as planportal's under the lock.
            remove_old_site(staging);
            Ok(Swap::Exchanged)
        }
        Err(e) if e.kind() == io::ErrorKind::Unsupported => {
            swap_by_renames(staging, output, previous, rename)
        }
        Err(e) => Err(e).with_context(|| {
            format!(
                "cannot exchange {} with {}",
                staging.display(),
                output.display()
            )
        }),
    }
}

/// Exchanges two folders atomically; `Unsupported` where the file system or kernel cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|errno| {
        if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&errno) {
            io::Error::new(io::ErrorKind::Unsupported, errno)
        } else {
            io::Error::from(errno)
        }
    })
}

/// Exchanges two folders atomically; `Unsupported` where the file system or kernel cannot.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The fallback swap, [`Swap::Renamed`].
fn swap_by_renames(
    staging: &Path,
    output: &Path,
    previous: &Path,
    rename: impl Fn(&Path, &Path) -> io::Result<()>,
) -> Result<Swap> {
    rename(output, previous).with_context(|| {
        format!(
            "cannot move the previous site {} aside to {}",
            output.display(),
            previous.display()
        )
    })?;
    if let Err(e) = rename(staging, output) {
        let failed = format!(
            "cannot move the new site {} to {}: {e}",
            staging.display(),
            output.display()
        );
        return Err(match rename(previous, output) {
            Ok(()) => anyhow!("{failed}; the previous site is back in place"),
            Err(back) => anyhow!(
                "{failed}; the previous site is in {} and cannot be moved back ({back}); the \
                 next build puts it back",
                previous.display()
            ),
        });
    }
    remove_old_site(previous);
    Ok(Swap::Renamed)
}

/// Removes the old site after a successful swap; a failure only means the next build removes it.
fn remove_old_site(path: &Path) {
    if let Err(e) = fs::remove_dir_all(path) {
        eprintln!(
            "warning: cannot remove the previous site, now in {}: {e} (the next build removes it)",
            path.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::Manifest;
    use std::cell::Cell;

    /// A site whose every file says which build it is from.
    fn site(version: &str, pages: usize) -> Site {
        let mut site = Site::default();
        for n in 0..pages {
            site.add(format!("plani/{n}/index.html"), version).unwrap();
        }
        site.add("index.html", version).unwrap();
        site
    }

    /// The output folder `public` of a project in a temporary folder.
    fn output() -> (tempfile::TempDir, OutputFolder) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        fs::create_dir_all(&root).unwrap();
        let folder = OutputFolder::check(&root, &root.join("public")).unwrap();
        (dir, folder)
    }

    /// Requires `dir` to hold exactly `site` (every file of its manifest, nothing else).
    fn assert_whole(dir: &Path, site: &Site) {
        let mut expected: Vec<String> = site.files.keys().cloned().collect();
        expected.push(MANIFEST.to_string());
        expected.sort();
        let mut found = Vec::new();
        let mut stack = vec![(dir.to_path_buf(), String::new())];
        while let Some((folder, prefix)) = stack.pop() {
            for entry in fs::read_dir(folder).unwrap() {
                let entry = entry.unwrap();
                let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
                if entry.file_type().unwrap().is_dir() {
                    stack.push((entry.path(), format!("{name}/")));
                } else {
                    found.push(name);
                }
            }
        }
        found.sort();
        assert_eq!(found, expected);
        for (path, bytes) in &site.files {
            assert_eq!(&fs::read(dir.join(path)).unwrap(), bytes, "{path}");
        }
    }

    /// The names in the output's parent folder other than the output and the lock.
    fn leftovers(folder: &OutputFolder) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "public" && n != ".public.planportal-lock")
            .collect();
        names.sort();
        names
    }

    #[test]
    fn publishing_replaces_the_old_site_completely_by_exchange() {
        let (_dir, folder) = output();
        let old = site("old", 3);
        assert_eq!(folder.publish(&old).unwrap(), Swap::Moved);
        assert_whole(folder.path(), &old);
        let new = site("new", 2);
        let swap = folder.publish(&new).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(swap, Swap::Exchanged);
        }
        assert_whole(folder.path(), &new);
        assert_eq!(leftovers(&folder), Vec::<String>::new());
    }

    #[test]
    fn unchanged_files_are_linked_from_the_old_site_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let (_dir, folder) = output();
        let inode = |path: &str| fs::metadata(folder.path().join(path)).unwrap().ino();
        let mut old = site("old", 2);
        old.add("same.css", "body {}").unwrap();
        folder.publish(&old).unwrap();
        let (same, changed) = (inode("same.css"), inode("index.html"));
        let mut new = site("new", 3);
        new.add("same.css", "body {}").unwrap();
        folder.publish(&new).unwrap();
        assert_whole(folder.path(), &new);
        assert_eq!(inode("same.css"), same, "linked, not written again");
        assert_ne!(inode("index.html"), changed);
        assert_eq!(
            fs::metadata(folder.path().join("same.css"))
                .unwrap()
                .nlink(),
            1
        );
        assert_eq!(leftovers(&folder), Vec::<String>::new());
    }

    #[test]
    fn a_staging_folder_is_provably_ours_after_every_batch_and_lists_the_site_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(".public.planportal-staging.1.2.3");
        fs::create_dir(&folder).unwrap();
        let mut staging = Staging::new(&folder, None).unwrap();
        assert_eq!(check_ours(&folder), Ok(()), "the manifest comes first");
        let listed = || -> serde_json::Value {
            serde_json::from_str(&fs::read_to_string(folder.join(MANIFEST)).unwrap()).unwrap()
        };
        assert_eq!(listed()["files"], serde_json::json!([]));
        let page = |path: &str| (path.to_string(), b"page".to_vec());
        staging
            .write(vec![page("plani/b/index.html"), page("index.html")])
            .unwrap();
        assert_eq!(check_ours(&folder), Ok(()));
        assert_eq!(
            listed()["files"],
            serde_json::json!(["plani/b/index.html", "index.html"])
        );
        staging.write(vec![]).unwrap();
        staging
            .write(vec![page("plani/a/index.html"), page("\"quoted\" ā.txt")])
            .unwrap();
        assert_eq!(check_ours(&folder), Ok(()));
        let error = staging.write(vec![page("plani/a/index.html")]).unwrap_err();
        assert!(format!("{error}").contains("two outputs"), "{error}");
        assert_eq!(staging.finish().unwrap(), 4);
        // Sorted, exactly as a manifest written at once.
        let files = [
            "\"quoted\" ā.txt",
            "index.html",
            "plani/a/index.html",
            "plani/b/index.html",
        ];
        assert_eq!(
            fs::read_to_string(folder.join(MANIFEST)).unwrap(),
            Manifest::listing(files).to_json()
        );
        assert_eq!(check_ours(&folder), Ok(()));
    }

    #[test]
    fn an_empty_staging_folder_finishes_with_an_empty_listing() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path(), None).unwrap();
        assert_eq!(staging.finish().unwrap(), 0);
        assert_eq!(
            fs::read_to_string(dir.path().join(MANIFEST)).unwrap(),
            Manifest::listing(std::iter::empty()).to_json()
        );
    }

    #[test]
    fn a_failing_render_publishes_nothing_and_leaves_no_staging_folder() {
        let (_dir, folder) = output();
        let old = site("old", 3);
        folder.publish(&old).unwrap();
        let error = folder
            .publish_with(|site| {
                site.add_pages(vec![("plani/0/index.html".into(), b"new".to_vec())])?;
                Err(anyhow!("a template failed"))
            })
            .unwrap_err();
        assert!(format!("{error}").contains("a template failed"), "{error}");
        assert_whole(folder.path(), &old);
        assert_eq!(leftovers(&folder), Vec::<String>::new());
    }

    #[test]
    fn the_fallback_swap_replaces_the_old_site() {
        let (_dir, folder) = output();
        let siblings = Siblings::of(folder.path()).unwrap();
        let old = site("old", 3);
        folder.publish(&old).unwrap();
        let new = site("new", 2);
        let staging = siblings.new_staging();
        fs::create_dir(&staging).unwrap();
        stage(&new, &staging).unwrap();
        let swap = swap_by_renames(&staging, folder.path(), &siblings.previous(), |a, b| {
            fs::rename(a, b)
        });
        assert_eq!(swap.unwrap(), Swap::Renamed);
        assert_whole(folder.path(), &new);
        assert_eq!(leftovers(&folder), Vec::<String>::new());
    }

    /// A rename that fails on its `n`th call (counting from 1) and on every call after it.
    fn failing_from(n: usize) -> impl Fn(&Path, &Path) -> io::Result<()> {
        let calls = Cell::new(0);
        move |from, to| {
            calls.set(calls.get() + 1);
            if calls.get() >= n {
                Err(io::Error::other("injected failure"))
            } else {
                fs::rename(from, to)
            }
        }
    }

    #[test]
    fn a_failure_between_the_two_renames_puts_the_old_site_back() {
        let (_dir, folder) = output();
        let siblings = Siblings::of(folder.path()).unwrap();
        let old = site("old", 3);
        folder.publish(&old).unwrap();
        let staging = siblings.new_staging();
        fs::create_dir(&staging).unwrap();
        stage(&site("new", 2), &staging).unwrap();
        let previous = siblings.previous();
        let error = swap_by_renames(&staging, folder.path(), &previous, {
            let rename = failing_from(2);
            let previous = previous.clone();
            move |a: &Path, b: &Path| {
                // The rename back is a third call: let it through.
                if a == previous {
                    fs::rename(a, b)
                } else {
                    rename(a, b)
                }
            }
        })
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("the previous site is back in place"),
            "{error:#}"
        );
        assert_whole(folder.path(), &old);
    }

    #[test]
    fn a_crash_between_the_two_renames_is_recovered_by_the_next_build() {
        let (_dir, folder) = output();
        let siblings = Siblings::of(folder.path()).unwrap();
        let old = site("old", 3);
        folder.publish(&old).unwrap();
        let staging = siblings.new_staging();
        fs::create_dir(&staging).unwrap();
        stage(&site("new", 2), &staging).unwrap();
        // The rename back fails too, as if the process had died after the first rename.
        let error = swap_by_renames(
            &staging,
            folder.path(),
            &siblings.previous(),
            failing_from(2),
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("the next build puts it back"),
            "{error:#}"
        );
        assert!(!folder.path().exists());

        // The next build's recovery, alone: the old site is back.
        siblings.recover(folder.path()).unwrap();
        assert_whole(folder.path(), &old);
        assert_eq!(leftovers(&folder), Vec::<String>::new(), "staging removed");
    }

    #[test]
    fn a_crash_after_the_exchange_leaves_the_old_site_for_the_next_build_to_remove() {
        let (_dir, folder) = output();
        let siblings = Siblings::of(folder.path()).unwrap();
        folder.publish(&site("old", 3)).unwrap();
        // What a build that died right after exchanging leaves: the old site in its staging.
        let crashed = siblings.new_staging();
        fs::create_dir(&crashed).unwrap();
        stage(&site("older", 4), &crashed).unwrap();
        // And a folder by that name that planportal did not write: left alone.
        let foreign = siblings.parent.join(".public.planportal-staging.1.mine");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();

        let new = site("new", 2);
        folder.publish(&new).unwrap();
        assert_whole(folder.path(), &new);
        assert_eq!(leftovers(&folder), [".public.planportal-staging.1.mine"]);
        assert_eq!(
            fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_symlinked_output_keeps_its_link_and_its_target_is_updated() {
        let (dir, _) = output();
        let root = dir.path().join("project");
        let target = dir.path().join("www/site-v1");
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&target, root.join("public")).unwrap();
        let new = site("new", 2);
        for _ in 0..2 {
            let folder = OutputFolder::check(&root, &root.join("public")).unwrap();
            folder.publish(&new).unwrap();
        }
        assert!(fs::symlink_metadata(root.join("public"))
            .unwrap()
            .is_symlink());
        assert_eq!(fs::read_link(root.join("public")).unwrap(), target);
        assert_whole(&target, &new);
    }

    #[test]
    fn a_folder_that_gained_a_foreign_file_during_the_build_is_refused_at_publishing() {
        let (_dir, folder) = output();
        let old = site("old", 1);
        folder.publish(&old).unwrap();
        fs::write(folder.path().join("notes.txt"), "mine").unwrap();
        let error = folder.publish(&site("new", 1)).unwrap_err();
        assert!(format!("{error}").contains("notes.txt"), "{error}");
        assert_eq!(
            fs::read_to_string(folder.path().join("notes.txt")).unwrap(),
            "mine"
        );
        assert_eq!(leftovers(&folder), Vec::<String>::new());
    }
}
