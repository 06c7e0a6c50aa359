//! The catalogue of invalid inputs in `tests/fixtures/invalid/`: one folder per mistake a
//! maintainer (or a hostile document) can make, each run through the real `planportal` binary.
//!
//! Every case starts from a copy of this repository's `content/`, `seeds/` and `themes/` with a
//! site published before into `public/`, applies its edits, runs the command with the project as
//! the working directory, and requires:
//! - the exit code and every expected piece of the error output (file, line, what was expected);
//! - no panic (exit 101 or "panicked" in the output);
//! - nothing changed anywhere in the folder holding the project: no input lost, the published
//!   site byte-identical, no staging folder left behind.
//!
//! The case format (`case.toml`) is described in `tests/README.md`.

use crate::common::{copy_tree, repo};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// One invalid input and what the command must answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the maintainer did, in one sentence; printed when the case fails.
    description: String,
    /// The command line after `planportal`, run in the project folder; `{root}` is its path.
    args: Vec<String>,
    /// The expected exit code.
    exit: i32,
    /// Pieces the error output must contain; `{root}` is the project folder's path.
    stderr: Vec<String>,
    /// Files written (created or replaced), by path relative to the project folder.
    #[serde(default)]
    write: BTreeMap<String, String>,
    /// Replacements inside existing files.
    #[serde(default)]
    edit: Vec<Edit>,
    /// Files cut short, as an export interrupted mid-way would leave them.
    #[serde(default)]
    cut: Vec<Cut>,
    /// Files or folders removed.
    #[serde(default)]
    remove: Vec<String>,
    /// Symbolic links made: link path → target (as written into the link, `{root}` expanded).
    #[serde(default)]
    symlink: BTreeMap<String, String>,
    /// Files saved again in Windows-1257, as Notepad's "ANSI" does on a Latvian Windows.
    #[serde(default)]
    windows_1257: Vec<String>,
    /// Listen on a free port on 127.0.0.1 while the command runs, as another server would; its
    /// number replaces `{port}` in `args` and `stderr`.
    #[serde(default)]
    busy_port: bool,
}

/// Replaces the first occurrence of `find` in `file` (which must contain it) with `replace`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
    /// Replace every occurrence instead of the first.
    #[serde(default)]
    all: bool,
}

/// Keeps only the first `keep_lines` lines of `file`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cut {
    file: String,
    keep_lines: usize,
}

/// The folder of cases.
fn cases_dir() -> PathBuf {
    repo().join("tests/fixtures/invalid")
}

/// A site published from the real project once per test run, copied into every case's project
/// as the site that must survive.
fn published_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let project = dir.path().join("project");
            copy_project(&project);
            let output = Command::new(env!("CARGO_BIN_EXE_planportal"))
                .args(["build", "--output-dir", "public"])
                .current_dir(&project)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "the real project does not build: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let site = project.join("public");
            (dir, site)
        })
        .1
}

fn copy_project(to: &Path) {
    for folder in ["content", "seeds", "themes"] {
        copy_tree(&repo().join(folder), &to.join(folder));
    }
}

/// Every entry under `dir` (files with their bytes, folders, links with their targets), so that
/// any change, addition or removal is seen.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(entry.path()).unwrap();
                out.insert(name, format!("link → {}", target.display()).into_bytes());
            } else if kind.is_dir() {
                out.insert(format!("{name}/"), Vec::new());
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// Sets up the case's project inside a fresh temporary folder; returns the folder and project.
fn prepare(name: &str, case: &Case) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    copy_project(&project);
    copy_tree(published_site(), &project.join("public"));
    let root = project.display().to_string();
    for path in &case.remove {
        let target = project.join(path);
        if target.is_dir() {
            fs::remove_dir_all(&target).unwrap();
        } else {
            fs::remove_file(&target)
                .unwrap_or_else(|e| panic!("{name}: cannot remove {path}: {e}"));
        }
    }
    for edit in &case.edit {
        let file = project.join(&edit.file);
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{name}: cannot read {}: {e}", edit.file));
        assert!(
            text.contains(&edit.find),
            "{name}: {} does not contain {:?}",
            edit.file,
            edit.find
        );
        let edited = if edit.all {
            text.replace(&edit.find, &edit.replace)
        } else {
            text.replacen(&edit.find, &edit.replace, 1)
        };
        fs::write(&file, edited).unwrap();
    }
    for cut in &case.cut {
        let file = project.join(&cut.file);
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.lines().count() > cut.keep_lines,
            "{name}: {} is not longer than {} lines",
            cut.file,
            cut.keep_lines
        );
        let kept: String = text
            .lines()
            .take(cut.keep_lines)
            .map(|line| format!("{line}\n"))
            .collect();
        fs::write(&file, kept).unwrap();
    }
    for (path, text) in &case.write {
        let file = project.join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, text).unwrap();
    }
    for path in &case.windows_1257 {
        let file = project.join(path);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, windows_1257(&text)).unwrap();
    }
    for (link, target) in &case.symlink {
        let link = project.join(link);
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target.replace("{root}", &root), &link).unwrap();
    }
    (dir, project)
}

/// `text` in Windows-1257: Latvian letters and typographic marks get their code-page bytes;
/// what the code page lacks becomes `?`, as when Notepad saves such a file.
fn windows_1257(text: &str) -> Vec<u8> {
    const TABLE: [(char, u8); 34] = [
        ('\u{a0}', 0xA0),
        ('§', 0xA7),
        ('Ā', 0xC2),
        ('ā', 0xE2),
        ('Č', 0xC8),
        ('č', 0xE8),
        ('Ē', 0xC7),
        ('ē', 0xE7),
        ('Ģ', 0xCC),
        ('ģ', 0xEC),
        ('Ī', 0xCE),
        ('ī', 0xEE),
        ('Ķ', 0xCD),
        ('ķ', 0xED),
        ('Ļ', 0xCF),
        ('ļ', 0xEF),
        ('Ņ', 0xD2),
        ('ņ', 0xF2),
        ('Š', 0xD0),
        ('š', 0xF0),
        ('Ū', 0xDB),
        ('ū', 0xFB),
        ('Ž', 0xDE),
        ('ž', 0xFE),
        ('–', 0x96),
        ('—', 0x97),
        ('“', 0x93),
        ('”', 0x94),
        ('„', 0x84),
        ('‘', 0x91),
        ('’', 0x92),
        ('•', 0x95),
        ('€', 0x80),
        ('…', 0x85),
    ];
    text.chars()
        .map(|c| match TABLE.iter().find(|(from, _)| *from == c) {
            Some((_, byte)) => *byte,
            None if c.is_ascii() => c as u8,
            None => b'?',
        })
        .collect()
}

/// Runs the command; a case that hangs (a server that did not refuse) fails after a minute.
fn run(project: &Path, args: &[String]) -> (i32, String) {
    let root = project.display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args(args.iter().map(|a| a.replace("{root}", &root)))
        .current_dir(project)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// Runs one case; its problems, if any, as one report.
fn check_case(name: &str) -> Option<String> {
    let file = cases_dir().join(name).join("case.toml");
    let text = fs::read_to_string(&file).unwrap();
    let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let (dir, project) = prepare(name, &case);
    let listener = case
        .busy_port
        .then(|| TcpListener::bind("127.0.0.1:0").unwrap());
    let port = listener.as_ref().map_or(String::new(), |l| {
        l.local_addr().unwrap().port().to_string()
    });
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{port}", &port))
        .collect();
    let before = snapshot(dir.path());
    let (code, output) = run(&project, &args);
    drop(listener);
    let root = project.display().to_string();
    let mut problems = Vec::new();
    if code != case.exit {
        problems.push(format!("exit code {code}, expected {}", case.exit));
    }
    if code == 101 || output.contains("panicked") {
        problems.push("it panicked".to_string());
    }
    for piece in &case.stderr {
        let piece = piece.replace("{root}", &root).replace("{port}", &port);
        if !output.contains(&piece) {
            problems.push(format!("the output lacks {piece:?}"));
        }
    }
    let after = snapshot(dir.path());
    if before != after {
        let changed: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .take(5)
            .collect();
        problems.push(format!("files changed: {changed:?}"));
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{name} ({}): {}\n--- output ---\n{output}",
            case.description,
            problems.join("; ")
        )
    })
}

#[test]
fn every_invalid_input_is_refused_with_its_message_and_changes_nothing() {
    let mut names: Vec<String> = fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no cases in {}", cases_dir().display());
    published_site();
    // The cases are independent processes in their own folders: run a few at once.
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                while let Some(name) = names.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Some(report) = check_case(name) {
                        failures.lock().unwrap().push(report);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
