//! The index `planportal search` keeps between calls, so a query takes milliseconds instead of
//! extracting every document again.
//!
//! One file per project folder, `search-<hash of the folder's path>.json` in
//! `$PLANPORTAL_CACHE_DIR`, else `$XDG_CACHE_HOME/planportal`, else `~/.cache/planportal`. It holds
//! a key and the [`SearchData`]; the key hashes this program (its version, and the size and time
//! of its executable, so a rebuilt planportal never reads an index an older one made) and the
//! name and bytes of every file under `seeds/` and `content/`, so any change to the inputs
//! rebuilds it on the next call. The file is only ever replaced by a file of the same kind: a file
//! at that path that is not a planportal cache is left alone and the index is built in memory.

use super::index::SearchData;
use crate::portal::Portal;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a file as this module's, and its format.
const FORMAT: &str = "planportal search cache 1";

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    key: String,
    data: SearchData,
}

/// The index for the project at `root`: from the cache file `cache` when its key matches, else
/// built from the documents (and written there). Returns the data and whether it came from the
/// cache. `cache` is normally [`cache_path`]; `None` builds in memory only.
pub fn search_data(root: &Path, cache: Option<&Path>) -> Result<(SearchData, bool)> {
    let key = inputs_key(root)?;
    if let Some(path) = cache {
        if let Some(cached) = read(path) {
            if cached.key == key {
                return Ok((cached.data, true));
            }
        }
    }
    let mut portal = Portal::new(root);
    portal.load()?;
    let data = SearchData::of_library(&portal.library, &portal.content, "");
    if let Some(path) = cache {
        write(path, &key, &data);
    }
    Ok((data, false))
}

/// The cache file of a project folder, or `None` when no cache folder is known.
pub fn cache_path(root: &Path) -> Option<PathBuf> {
    let dir = std::env::var_os("PLANPORTAL_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("planportal")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/planportal")))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hash = fnv1a(root.to_string_lossy().as_bytes());
    Some(dir.join(format!("search-{hash:016x}.json")))
}

/// The key of the inputs: planportal's version and executable, then every file's path and bytes
/// under `seeds/` and `content/`, in path order.
pub fn inputs_key(root: &Path) -> Result<String> {
    let mut files = Vec::new();
    for dir in ["seeds", "content"] {
        collect(&root.join(dir), &mut files)?;
    }
    files.sort();
    let mut bytes = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    let executable = std::env::current_exe().and_then(fs::metadata);
    if let Ok(meta) = executable {
        bytes.extend(meta.len().to_le_bytes());
        if let Ok(modified) = meta.modified() {
            bytes.extend(format!("{modified:?}").as_bytes());
        }
    }
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        bytes.extend(relative.to_string_lossy().as_bytes());
        bytes.push(0);
        bytes.extend(fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?);
        bytes.push(0);
    }
    Ok(format!("{:016x}", fnv1a(&bytes)))
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// The cache file when it is one of ours and readable.
fn read(path: &Path) -> Option<CacheFile> {
    let bytes = fs::read(path).ok()?;
    let file: CacheFile = serde_json::from_slice(&bytes).ok()?;
    (file.format == FORMAT).then_some(file)
}

/// Writes the cache through a sibling temporary file; a failure only costs speed, so it is
/// reported on stderr and otherwise ignored. A file at `path` that is not ours is never replaced.
fn write(path: &Path, key: &str, data: &SearchData) {
    if path.exists() && read(path).is_none() {
        eprintln!(
            "{}: not a planportal search cache; left alone, the index is not cached",
            path.display()
        );
        return;
    }
    let file = CacheFile {
        format: FORMAT.to_string(),
        key: key.to_string(),
        data: data.clone(),
    };
    let result = (|| -> Result<()> {
        let dir = path.parent().context("cache path has no folder")?;
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let temporary = path.with_extension(format!("json.{}", std::process::id()));
        fs::write(&temporary, serde_json::to_vec(&file)?)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))
    })();
    if let Err(error) = result {
        eprintln!("warning: search cache not written: {error:#}");
    }
}

/// FNV-1a, 64 bits: a stable hash (the standard library's is not stable across releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
