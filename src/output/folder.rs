//! Where the site goes, and whether planportal may replace what is there.
//!
//! Publishing replaces the output folder as a whole, so a wrong `--output-dir` would destroy
//! whatever it names. [`OutputFolder::check`] therefore runs before anything is read or written
//! and refuses, with the path and the reason:
//! - the project folder, or a folder holding it (`.`, `..`, `/`);
//! - `seeds/`, `content/` or `themes/`, any folder inside them, or a folder holding them;
//! - a path that is a file (or runs through one);
//! - an existing folder holding anything planportal did not write (see `manifest.rs`).
//!
//! Paths are compared after following every symbolic link, so a link cannot smuggle the output
//! into `content/`; and a symlinked output path is published at its target (created if missing),
//! keeping the link.

use super::manifest::check_ours;
use anyhow::{anyhow, Context, Result};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The project's folders that the build reads; the site may never be written over or into them.
const INPUTS: [&str; 3] = ["seeds", "content", "themes"];

/// An output folder checked for publishing.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    /// The output path as the maintainer gave it (joined to the project folder when relative),
    /// for messages.
    given: PathBuf,
    /// The real folder: absolute, with every symbolic link followed. The site is swapped in here.
    path: PathBuf,
}

impl OutputFolder {
    /// Resolves `given` and checks that a site may be published there for the project in `root`
    /// (see the module documentation). Reads only; on refusal nothing has been touched.
    pub fn check(root: &Path, given: &Path) -> Result<OutputFolder> {
        let refuse = |reason: String| {
            anyhow!(
                "refusing to write the site to {}: {reason}\n\
                 (the output folder is replaced as a whole on every build, so it must be a new or \
                 empty folder, or one planportal wrote before)",
                given.display()
            )
        };
        let root = fs::canonicalize(root)
            .with_context(|| format!("cannot open the project folder {}", root.display()))?;
        let path = resolve(given).map_err(refuse)?;
        if let Some(reason) = protected(&root, &path) {
            return Err(refuse(reason));
        }
        check_replaceable(&path).map_err(refuse)?;
        Ok(OutputFolder {
            given: given.to_path_buf(),
            path,
        })
    }

    /// The real output folder (absolute, symbolic links followed).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The output path as given.
    pub fn given(&self) -> &Path {
        &self.given
    }
}

/// Whether the (resolved) `path` may be replaced: nothing is there, or a folder holding only what
/// planportal wrote. Run again under the output's lock just before the swap.
pub(super) fn check_replaceable(path: &Path) -> Result<(), String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        Ok(meta) if meta.is_dir() => check_ours(path),
        Ok(meta) if meta.is_symlink() => Err(format!(
            "{} became a symbolic link while the site was being built",
            path.display()
        )),
        Ok(_) => Err("it is a file, not a folder".to_string()),
    }
}

/// How many symbolic links to a missing folder are followed in a row before giving up (the
/// kernel's own limit for a path).
const MAX_LINKS: usize = 40;

/// The absolute path `given` names, every symbolic link followed. A path that does not exist
/// yet, or a symbolic link to a folder that does not exist yet, is resolved through the nearest
/// existing ancestor.
fn resolve(given: &Path) -> Result<PathBuf, String> {
    let mut given = given.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&given) {
            Ok(meta) if meta.is_symlink() => match fs::canonicalize(&given) {
                Ok(path) => return Ok(path),
                Err(e) if is_missing(&e) => {
                    let target = fs::read_link(&given)
                        .map_err(|e| format!("cannot read the link {}: {e}", given.display()))?;
                    given = given.parent().unwrap_or(Path::new("/")).join(target);
                }
                Err(e) => {
                    return Err(format!(
                        "it is a symbolic link that cannot be followed ({e})"
                    ))
                }
            },
            Ok(_) => {
                return fs::canonicalize(&given)
                    .map_err(|e| format!("cannot resolve {}: {e}", given.display()))
            }
            Err(e) if is_missing(&e) => return resolve_missing(&given),
            Err(e) => return Err(format!("cannot read {}: {e}", given.display())),
        }
    }
    Err(format!(
        "it is a chain of more than {MAX_LINKS} symbolic links"
    ))
}

/// Resolves a path that does not exist through its nearest existing ancestor, which must be a
/// folder; what follows the ancestor may not go up (`..`) through folders that do not exist.
fn resolve_missing(given: &Path) -> Result<PathBuf, String> {
    let components: Vec<Component> = given.components().collect();
    for split in (0..components.len()).rev() {
        let existing: PathBuf = components[..split].iter().collect();
        let existing = if existing.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            existing
        };
        match fs::metadata(&existing) {
            Ok(meta) if meta.is_dir() => {
                let mut path = fs::canonicalize(&existing)
                    .map_err(|e| format!("cannot resolve {}: {e}", existing.display()))?;
                for component in &components[split..] {
                    match component {
                        Component::Normal(name) => path.push(name),
                        Component::CurDir => {}
                        _ => {
                            return Err(format!(
                                "it goes up (..) from {}, which does not exist",
                                path.display()
                            ))
                        }
                    }
                }
                return Ok(path);
            }
            Ok(_) => return Err(format!("{} is not a folder", existing.display())),
            Err(e) if is_missing(&e) => continue,
            Err(e) => return Err(format!("cannot read {}: {e}", existing.display())),
        }
    }
    Err("it names no folder".to_string())
}

/// Whether an error says the path does not exist (or runs through a file).
fn is_missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// Why `path` (resolved) must not be replaced for the project in `root` (canonical), if it must
/// not: it is, holds or lies inside the project's inputs.
fn protected(root: &Path, path: &Path) -> Option<String> {
    if path == root {
        return Some("it is the project folder itself".to_string());
    }
    if root.starts_with(path) {
        return Some(format!(
            "it holds the project folder {}, which would be replaced",
            root.display()
        ));
    }
    for name in INPUTS {
        let input = root.join(name);
        let input = fs::canonicalize(&input).unwrap_or(input);
        if path == input {
            return Some(format!(
                "it is the project's {name}/ folder, which the build reads"
            ));
        }
        if path.starts_with(&input) {
            return Some(format!(
                "it is inside the project's {name}/ folder ({}), which the build reads",
                input.display()
            ));
        }
        if input.starts_with(path) {
            return Some(format!(
                "it holds the project's {name}/ folder ({}), which would be replaced",
                input.display()
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A project folder with its three input folders, inside a temporary folder.
    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        for name in INPUTS {
            fs::create_dir_all(root.join(name).join("default")).unwrap();
            fs::write(root.join(name).join("a.txt"), "input").unwrap();
        }
        (dir, root)
    }

    fn refusal(root: &Path, output: &Path) -> String {
        format!("{:#}", OutputFolder::check(root, output).unwrap_err())
    }

    #[test]
    fn the_project_its_inputs_and_their_ancestors_are_refused() {
        let (dir, root) = project();
        let cases = [
            (root.clone(), "it is the project folder itself"),
            (root.join("."), "it is the project folder itself"),
            (root.join("content"), "the project's content/ folder"),
            (root.join("seeds"), "the project's seeds/ folder"),
            (
                root.join("themes/default"),
                "inside the project's themes/ folder",
            ),
            (
                root.join("seeds/new/site"),
                "inside the project's seeds/ folder",
            ),
            (root.join("content/../seeds"), "the project's seeds/ folder"),
            (root.join(".."), "it holds the project folder"),
            (dir.path().to_path_buf(), "it holds the project folder"),
            (PathBuf::from("/"), "it holds the project folder"),
        ];
        for (output, reason) in cases {
            let message = refusal(&root, &output);
            assert!(message.contains(reason), "{}: {message}", output.display());
            assert!(
                message.contains(&format!(
                    "refusing to write the site to {}",
                    output.display()
                )),
                "{message}"
            );
            assert!(message.contains("replaced as a whole"), "{message}");
        }
    }

    #[test]
    fn a_link_into_the_inputs_is_refused_and_a_link_elsewhere_followed() {
        let (dir, root) = project();
        symlink(root.join("content"), root.join("public")).unwrap();
        assert!(refusal(&root, &root.join("public")).contains("the project's content/ folder"));

        let target = dir.path().join("www/site");
        fs::create_dir_all(&target).unwrap();
        symlink(&target, root.join("site")).unwrap();
        let folder = OutputFolder::check(&root, &root.join("site")).unwrap();
        assert_eq!(folder.path(), fs::canonicalize(&target).unwrap());
        assert_eq!(folder.given(), root.join("site"));

        // A link to a folder that does not exist yet: the folder is created at publishing.
        symlink("../www/new", root.join("new")).unwrap();
        let folder = OutputFolder::check(&root, &root.join("new")).unwrap();
        assert_eq!(
            folder.path(),
            fs::canonicalize(dir.path()).unwrap().join("www/new")
        );
        symlink("content/x", root.join("into-content")).unwrap();
        assert!(
            refusal(&root, &root.join("into-content")).contains("inside the project's content/")
        );
        symlink("loop", root.join("loop")).unwrap();
        assert!(refusal(&root, &root.join("loop")).contains("symbolic link"));
    }

    #[test]
    fn a_file_and_a_folder_planportal_did_not_write_are_refused() {
        let (_dir, root) = project();
        fs::write(root.join("site.html"), "mine").unwrap();
        assert!(refusal(&root, &root.join("site.html")).contains("it is a file, not a folder"));
        assert!(refusal(&root, &root.join("site.html/x")).contains("is not a folder"));

        fs::create_dir_all(root.join("notes/.git")).unwrap();
        fs::write(root.join("notes/notes.txt"), "mine").unwrap();
        let message = refusal(&root, &root.join("notes"));
        assert!(
            message.contains("it holds .git/, notes.txt and has no .planportal-output.json"),
            "{message}"
        );
    }

    #[test]
    fn a_new_or_empty_folder_is_accepted() {
        let (_dir, root) = project();
        let real_root = fs::canonicalize(&root).unwrap();
        let new = OutputFolder::check(&root, &root.join("public/nested")).unwrap();
        assert_eq!(new.path(), real_root.join("public/nested"));
        fs::create_dir(root.join("empty")).unwrap();
        let empty = OutputFolder::check(&root, &root.join("empty")).unwrap();
        assert_eq!(empty.path(), real_root.join("empty"));
        assert!(refusal(&root, &root.join("missing/../public")).contains("it goes up (..)"));
    }
}
