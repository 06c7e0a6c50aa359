//! `planportal serve`: build, serve the output folder on 127.0.0.1, rebuild when sources change.
//!
//! A preview for editors, not a production server. The output folder is checked and the port
//! bound before anything is built, so a wrong folder or a busy port fails at once, and a second
//! server never rebuilds over the folder the first one serves. Requests are answered from disk on
//! every request, so a rebuild (published like `build`'s: locked, staged, swapped in whole) is
//! visible on the next page load, and a failed rebuild (even one that panics) leaves the previous
//! site being served. Watching uses `notify`
//! directly with a short sleep-and-drain debounce: an editor's save is a burst of events (temp
//! file, rename, metadata), and collapsing it takes ten lines, not another dependency.

use crate::output::OutputFolder;
use crate::portal::Portal;
use crate::render::RenderOptions;
use anyhow::{anyhow, Context, Result};
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::fs::File;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use tiny_http::{Header, Request, Response, Server};

/// The project folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["seeds", "content", "themes"];

/// How long the file events must pause before rebuilding: a save is a burst of events a few
/// milliseconds apart at most (a long file written in many pieces keeps the burst going), and
/// every millisecond here is one the editor waits for the page. A burst split by a longer pause
/// costs one more rebuild, never a wrong site: the last rebuild reads the files as saved.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Checks the output folder, listens on `127.0.0.1:port` (0: any free port), builds into
/// `output_dir`, serves it and rebuilds on changes; runs until the process is stopped.
pub fn serve(root: &Path, output_dir: &Path, options: &RenderOptions, port: u16) -> Result<()> {
    let output = OutputFolder::check(root, output_dir)?;
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        anyhow!(
            "cannot listen on 127.0.0.1:{port}: {e} (is another server using the port? choose \
             another with --port, or --port 0 for any free one); nothing was built"
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(port, |address| address.port());
    let prefix = base_path(&options.base_url);
    let site_dir = output_dir.to_path_buf();
    let served_prefix = prefix.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            if let Err(e) = answer(request, &site_dir, &served_prefix) {
                eprintln!("serve: {e:#}");
            }
        }
    });

    // Watching starts before the first build, so an edit saved while it runs is not missed.
    let (events, changes) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(events).context("cannot start watching for changes")?;
    for folder in WATCHED {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }

    // One portal for every rebuild: it keeps each document's extraction, so a rebuild
    // re-extracts only the documents that changed.
    let mut portal = Portal::new(root);
    portal.verbose = true;
    portal.incremental = true;
    rebuild(&mut portal, &output, options);
    eprintln!(
        "serving {} at http://127.0.0.1:{port}{prefix}",
        output_dir.display()
    );
    // Ends when the watcher (and with it the sender) is dropped, i.e. never while serving.
    while let Ok(event) = changes.recv() {
        match event {
            Ok(event) if is_change(&event) => {}
            Ok(_) => continue,
            Err(e) => {
                eprintln!("watch: {e}");
                continue;
            }
        }
        while changes.recv_timeout(DEBOUNCE).is_ok() {}
        eprintln!("change detected, rebuilding");
        rebuild(&mut portal, &output, options);
    }
    Ok(())
}

/// Whether a file event changes a source. Reads are ignored (a rebuild reads every seed, and
/// counting that as a change would rebuild forever), and so are hidden and backup files editors
/// write next to the file being saved.
fn is_change(event: &Event) -> bool {
    let edits = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    };
    edits
        && event.paths.iter().any(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.') && !n.ends_with('~'))
        })
}

/// One build with its diagnostics printed; on failure the previous output stays in place
/// (`Portal::build` publishes atomically and refuses to publish documents with errors).
fn rebuild(portal: &mut Portal, output: &OutputFolder, options: &RenderOptions) {
    let result = without_panics(|| {
        let result = portal.publish(output, options);
        for line in portal.diagnostic_report() {
            eprintln!("{line}");
        }
        result
    });
    match result {
        Ok(published) => eprintln!(
            "wrote {} files to {} ({} of {} documents extracted, the others unchanged)",
            published.files,
            output.given().display(),
            portal.extracted,
            portal.library.sources.len()
        ),
        Err(e) => eprintln!("error: {e:#}\n(still serving the previous site)"),
    }
}

/// Runs `build`, turning a panic (a bug in planportal, reported by the panic hook with its
/// file:line) into an error, so that the server lives on and keeps serving the previous site.
/// A panic while publishing is safe too: the lock is released as the stack unwinds, and the
/// staging folder left behind is removed by the next build.
fn without_panics<T>(build: impl FnOnce() -> Result<T>) -> Result<T> {
    panic::catch_unwind(AssertUnwindSafe(build)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(anyhow!(
            "the build panicked ({message}); this is a bug in planportal, please report it"
        ))
    })
}

fn answer(request: Request, site_dir: &Path, prefix: &str) -> Result<()> {
    let target = locate(site_dir, prefix, request.url());
    match target {
        Target::File(path) => {
            let file =
                File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
            let response = Response::from_file(file).with_header(content_type(&path));
            request.respond(response)?;
        }
        Target::Redirect(location) => {
            let header = Header::from_bytes("Location", location.as_bytes())
                .map_err(|()| anyhow::anyhow!("invalid redirect {location:?}"))?;
            request.respond(Response::empty(301).with_header(header))?;
        }
        Target::NotFound => {
            let page = site_dir.join("404.html");
            match File::open(&page) {
                Ok(file) => request.respond(
                    Response::from_file(file)
                        .with_status_code(404)
                        .with_header(content_type(&page)),
                )?,
                Err(_) => {
                    request.respond(Response::from_string("404 Not Found").with_status_code(404))?
                }
            }
        }
    }
    Ok(())
}

/// What a request URL maps to in the output folder.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    File(PathBuf),
    /// A folder requested without its trailing slash: redirect, so relative links resolve.
    Redirect(String),
    NotFound,
}

/// Maps a request URL ("/prefix/plani/x/?q=1") to a file under `site_dir`.
///
/// Query and fragment are dropped, `%XX` escapes decoded, folders answered by their `index.html`.
/// Anything outside the base path, or with a `..` segment, is not found: the server must never
/// hand out files beyond the site.
fn locate(site_dir: &Path, prefix: &str, url: &str) -> Target {
    let raw_path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(raw_path) else {
        return Target::NotFound;
    };
    let Some(relative) = decoded.strip_prefix(prefix) else {
        if format!("{decoded}/") == prefix {
            return Target::Redirect(prefix.to_string());
        }
        return Target::NotFound;
    };
    let segments: Vec<&str> = relative.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains('\\'))
    {
        return Target::NotFound;
    }
    let mut path = site_dir.to_path_buf();
    path.extend(&segments);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(format!("{raw_path}/"));
        }
        path.push("index.html");
    }
    if path.is_file() {
        Target::File(path)
    } else {
        Target::NotFound
    }
}

/// The path part of the base URL ("https://example.org/portal/" → "/portal/"), always with a
/// leading and trailing slash.
fn base_path(base_url: &str) -> String {
    let after_host = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => base_url,
    };
    let trimmed = after_host.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a file by its extension; text types say UTF-8 so Latvian letters
/// display correctly whatever the browser would guess.
fn content_type(path: &Path) -> Header {
    let value = mime_type(path);
    Header::from_bytes("Content-Type", value).expect("MIME types are valid header values")
}

fn mime_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A site folder with a home page, a nested page and a stylesheet.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("plani/ķēde")).unwrap();
        fs::write(dir.path().join("index.html"), "home").unwrap();
        fs::write(dir.path().join("plani/ķēde/index.html"), "plan").unwrap();
        fs::write(dir.path().join("style.css"), "body{}").unwrap();
        dir
    }

    #[test]
    fn folders_are_answered_by_their_index_page() {
        let dir = site();
        let root = dir.path();
        assert_eq!(
            locate(root, "/", "/"),
            Target::File(root.join("index.html"))
        );
        assert_eq!(
            locate(root, "/", "/plani/%C4%B7%C4%93de/?q=1#top"),
            Target::File(root.join("plani/ķēde/index.html"))
        );
        assert_eq!(
            locate(root, "/", "/style.css"),
            Target::File(root.join("style.css"))
        );
    }

    #[test]
    fn a_folder_without_trailing_slash_redirects() {
        let dir = site();
        assert_eq!(
            locate(dir.path(), "/", "/plani?x"),
            Target::Redirect("/plani/".to_string())
        );
    }

    #[test]
    fn paths_outside_the_site_or_base_are_not_found() {
        let dir = site();
        let root = dir.path();
        assert_eq!(locate(root, "/", "/../index.html"), Target::NotFound);
        assert_eq!(
            locate(root, "/", "/plani/%2e%2e/%2e%2e/etc"),
            Target::NotFound
        );
        assert_eq!(locate(root, "/", "/nav.html"), Target::NotFound);
        assert_eq!(locate(root, "/", "/bad%zz"), Target::NotFound);
        assert_eq!(locate(root, "/portal/", "/index.html"), Target::NotFound);
        assert_eq!(
            locate(root, "/portal/", "/portal"),
            Target::Redirect("/portal/".to_string())
        );
        assert_eq!(
            locate(root, "/portal/", "/portal/style.css"),
            Target::File(root.join("style.css"))
        );
    }

    #[test]
    fn the_base_path_is_taken_from_the_base_url() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("/portal"), "/portal/");
        assert_eq!(base_path("https://example.org/a/b/"), "/a/b/");
        assert_eq!(base_path("https://example.org"), "/");
    }

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn edits_are_changes_but_reads_and_editor_files_are_not() {
        use notify::event::{CreateKind, DataChange};
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(is_change(&event(write, "/p/seeds/a.txt")));
        assert!(is_change(&event(
            EventKind::Create(CreateKind::File),
            "/p/content/plans/b.md"
        )));
        assert!(is_change(&event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            "/p/seeds/a.txt"
        )));
        assert!(!is_change(&event(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            "/p/seeds/a.txt"
        )));
        assert!(!is_change(&event(
            EventKind::Access(AccessKind::Any),
            "/p/seeds/a.txt"
        )));
        assert!(!is_change(&event(write, "/p/content/.b.md.swp")));
        assert!(!is_change(&event(write, "/p/content/b.md~")));
    }

    #[test]
    fn a_panicking_build_becomes_an_error() {
        let error = without_panics::<()>(|| panic!("deadline digit")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("the build panicked (deadline digit)"),
            "{error}"
        );
        let formatted = without_panics::<()>(|| panic!("{} {}", "at", 142)).unwrap_err();
        assert!(formatted.to_string().contains("(at 142)"), "{formatted}");
        assert_eq!(without_panics(|| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn text_types_declare_utf8() {
        for name in ["a.html", "a.css", "a.js", "a.json", "a.csv", "a.svg"] {
            assert!(
                mime_type(Path::new(name)).ends_with("charset=utf-8"),
                "{name}: {}",
                mime_type(Path::new(name))
            );
        }
        assert_eq!(
            mime_type(Path::new("INDEX.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("favicon.ico")), "image/x-icon");
        assert_eq!(
            mime_type(Path::new("pagefind.pf_meta")),
            "application/octet-stream"
        );
    }
}
