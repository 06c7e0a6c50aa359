//! Publishing through the real binary: concurrent builds into one folder, a symlinked output, a
//! file at the output path, and `serve` (its real port for `--port 0`, its rebuild racing a
//! `build` into the same folder).
//!
//! A failure between the steps of a swap is tested where it can be injected, beside the code
//! (`src/output/publish.rs`).

use crate::common::{copy_tree, files_under, repo};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

const MANIFEST: &str = ".planportal-output.json";

/// `planportal build` of this repository's project into `output`.
fn build(output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planportal"));
    command
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--output-dir")
        .arg(output);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Requires `dir` to hold a whole site: every file its manifest lists, and nothing else.
fn assert_whole_site(dir: &Path) {
    let text = fs::read_to_string(dir.join(MANIFEST))
        .unwrap_or_else(|e| panic!("{}: no manifest: {e}", dir.display()));
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    listed.push(MANIFEST.to_string());
    listed.sort();
    assert!(listed.len() > 400, "only {} files listed", listed.len());
    assert_eq!(
        files_under(dir),
        listed,
        "{} is not a whole site",
        dir.display()
    );
}

/// The names in `dir` (not recursive), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Watches `dir` until stopped: once a site has appeared there, it must never be missing.
/// Returns how many times it looked, and what it found missing.
fn watch_site(dir: PathBuf, stop: Arc<AtomicBool>) -> thread::JoinHandle<(usize, Vec<String>)> {
    thread::spawn(move || {
        let (mut looks, mut missing, mut seen) = (0, Vec::new(), false);
        while !stop.load(Ordering::Relaxed) {
            let whole = dir.join("index.html").is_file() && dir.join(MANIFEST).is_file();
            if seen && !whole {
                missing.push(format!("look {looks}: no site at {}", dir.display()));
            }
            seen |= whole;
            looks += 1;
            thread::sleep(Duration::from_millis(2));
        }
        (looks, missing)
    })
}

#[test]
fn three_builds_at_once_into_one_folder_all_publish_a_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("public");
    let first = build(&output).output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));

    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch_site(output.clone(), stop.clone());
    let builds: Vec<Child> = (0..3)
        .map(|_| {
            build(&output)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let results: Vec<Output> = builds
        .into_iter()
        .map(|b| b.wait_with_output().unwrap())
        .collect();
    stop.store(true, Ordering::Relaxed);
    let (looks, missing) = watcher.join().unwrap();

    for result in &results {
        assert!(result.status.success(), "{}", stderr(result));
        assert!(
            stderr(result).contains("publish: swapped in"),
            "{}",
            stderr(result)
        );
    }
    assert_whole_site(&output);
    assert!(looks > 10, "the site was looked at only {looks} times");
    assert_eq!(missing, Vec::<String>::new(), "the output path was empty");
    // No staging folder left, only the lock file beside the site.
    assert_eq!(names(tmp.path()), [".public.planportal-lock", "public"]);
}

#[test]
fn a_symlinked_output_keeps_its_link_and_its_target_is_published() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("www/portal-v2");
    fs::create_dir_all(tmp.path().join("www")).unwrap();
    let link = tmp.path().join("public");
    std::os::unix::fs::symlink("www/portal-v2", &link).unwrap();
    for _ in 0..2 {
        let result = build(&link).output().unwrap();
        assert!(result.status.success(), "{}", stderr(&result));
    }
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("www/portal-v2"));
    assert_whole_site(&target);
    assert_eq!(
        names(&tmp.path().join("www")),
        [".portal-v2.planportal-lock", "portal-v2"]
    );
}

#[test]
fn a_file_at_the_output_path_is_refused_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("public");
    fs::write(&file, "a file the maintainer wrote").unwrap();
    let result = build(&file).output().unwrap();
    assert_eq!(result.status.code(), Some(1));
    let message = stderr(&result);
    assert!(
        message.contains(&format!(
            "refusing to write the site to {}: it is a file, not a folder",
            file.display()
        )),
        "{message}"
    );
    // Refused before reading anything: no phase ran, so none logged its time.
    assert!(!message.contains("extract:"), "{message}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "a file the maintainer wrote"
    );
    assert_eq!(names(tmp.path()), ["public"]);
}

/// A running `planportal serve` with its stderr lines arriving on a channel; killed on drop.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(project: &Path, output: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planportal"))
            .arg("serve")
            .arg("--root")
            .arg(project)
            .arg("--output-dir")
            .arg(output)
            .args(["--port", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                if send.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        Server { child, lines }
    }

    /// Waits for a stderr line containing `piece`; panics with what came after a minute.
    fn wait_for(&self, piece: &str) -> String {
        let started = Instant::now();
        let mut seen = Vec::new();
        while started.elapsed() < Duration::from_secs(60) {
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok(line) if line.contains(piece) => return line,
                Ok(line) => seen.push(line),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!(
            "serve never printed {piece:?}; it printed:\n{}",
            seen.join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status line and body of `GET path` from 127.0.0.1:`port`.
fn get(port: u16, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or("").to_string();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// A copy of this repository's project (content, seeds, themes) in `folder/project`.
fn copied_project(folder: &Path) -> PathBuf {
    let project = folder.join("project");
    for part in ["content", "seeds", "themes"] {
        copy_tree(&repo().join(part), &project.join(part));
    }
    project
}

#[test]
fn serve_prints_its_real_port_and_its_rebuilds_share_the_lock_with_build() {
    let tmp = tempfile::tempdir().unwrap();
    let project = copied_project(tmp.path());
    let output = project.join("public");
    let server = Server::start(&project, &output);
    let line = server.wait_for("serving ");
    let port: u16 = line
        .rsplit_once("127.0.0.1:")
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    assert_ne!(port, 0, "{line}");
    let (status, body) = get(port, "/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("<html"), "{body}");

    // An edit makes serve rebuild while a build publishes into the same folder.
    let page = project.join("content/plans/kiberdrosiba-2014-2018.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text + "\nEdited while serving.\n").unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .arg("build")
        .arg("--root")
        .arg(&project)
        .arg("--output-dir")
        .arg(&output)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    server.wait_for("change detected, rebuilding");
    server.wait_for("wrote ");
    // The lock is taken by the next publisher; once it is free again, both have finished.
    let lock = fs::File::open(project.join(".public.planportal-lock")).unwrap();
    lock.lock().unwrap();
    assert_whole_site(&output);
    let plan = fs::read_to_string(output.join("plani/kiberdrosiba-2014-2018/index.html")).unwrap();
    assert!(plan.contains("Edited while serving."));
    let (status, _) = get(port, "/plani/kiberdrosiba-2014-2018/");
    assert!(status.contains("200"), "{status}");
}

#[test]
fn a_serve_rebuild_refuses_an_output_folder_that_gained_a_foreign_file_and_keeps_serving() {
    let tmp = tempfile::tempdir().unwrap();
    let project = copied_project(tmp.path());
    let output = project.join("public");
    let server = Server::start(&project, &output);
    server.wait_for("serving ");
    let home = fs::read_to_string(output.join("index.html")).unwrap();

    // Rebuilds skip serve's first check of the folder; publishing checks it again.
    let foreign = output.join("notes.txt");
    fs::write(&foreign, "the maintainer's own file").unwrap();
    let page = project.join("content/plans/kiberdrosiba-2014-2018.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text + "\nEdited while serving.\n").unwrap();
    let refusal = server.wait_for("error: ");
    assert!(
        refusal.contains("refusing to write the site to") && refusal.contains("notes.txt"),
        "{refusal}"
    );
    server.wait_for("still serving the previous site");
    assert_eq!(
        fs::read_to_string(&foreign).unwrap(),
        "the maintainer's own file"
    );
    assert_eq!(fs::read_to_string(output.join("index.html")).unwrap(), home);
    let plan = fs::read_to_string(output.join("plani/kiberdrosiba-2014-2018/index.html")).unwrap();
    assert!(!plan.contains("Edited while serving."));
}
