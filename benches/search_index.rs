//! The search index's share of the build: builds this repository's site (load, render, write)
//! and, separately, the search documents and index files that `render` makes, several times
//! each, and prints the medians and how much the index adds to the build.
//!
//! Run with `cargo bench --bench search_index`; results are recorded in `benches/SEARCH.md`.
//! Timings are measured here, never asserted in tests.
//!
//! Given a project folder (`cargo bench --bench search_index -- /tmp/corpus-100`, a project
//! `scripts/corpus` wrote), it loads that project once and builds its whole search index as
//! `render` does (the structured and the full-text index, files named) three times, printing
//! for each run the wall time, the process's CPU time and how far the build raised the peak
//! resident memory above what the loaded project held.

use planportal::output::OutputFolder;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use planportal::search::documents::documents;
use planportal::search::index::{SearchData, Vocabulary};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

const RUNS: usize = 15;

fn main() {
    // `cargo bench` passes `--bench`; a project folder is the one other argument.
    match std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        Some(root) => index_of_project(&root),
        None => this_repository(),
    }
}

/// The whole search index of the project at `root`, built three times.
fn index_of_project(root: &str) {
    let mut portal = Portal::new(root);
    portal.load().expect("loads");
    println!("search index of {root} (structured and full text, files named):");
    for run in 1..=3 {
        let held = status_kb("VmRSS");
        // Writing 5 resets the peak resident set size (VmHWM) to the current one (Linux ≥ 4.0).
        let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        let (cpu, started) = (cpu_seconds(), Instant::now());
        let index = SearchData::of_library(&portal.library, &portal.content, "/")
            .files(named)
            .expect("index");
        let (wall, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        let peak = if reset {
            format!("+{} MB", (status_kb("VmHWM") - held) / 1024)
        } else {
            format!("{} MB in all (peak not reset)", status_kb("VmHWM") / 1024)
        };
        println!(
            "run {run}: {} files, {wall:.2} s wall, {cpu:.2} s CPU, peak resident memory {peak}",
            index.files.len()
        );
    }
}

/// A line of `/proc/self/status` in kB ("VmRSS", "VmHWM").
fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .expect("/proc/self/status")
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches(" kB").parse().ok())
        .expect("a size in kB")
}

/// User and system CPU time of every thread of this process, in seconds (clock ticks of 10 ms).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat[stat.rfind(')').expect("stat") + 2..]
        .split(' ')
        .collect();
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    ticks as f64 / 100.0
}

/// Content-hashed names as the site's (hashed here with std's hasher; the theme's is private).
fn named(stem: &str, ext: &str, parts: &[&[u8]]) -> String {
    let mut hasher = DefaultHasher::new();
    parts.hash(&mut hasher);
    format!("{stem}.{:010x}.{ext}", hasher.finish() & 0xff_ffff_ffff)
}

/// This repository's site and, apart, its search documents and index, [`RUNS`] times.
fn this_repository() {
    let root = env!("CARGO_MANIFEST_DIR");
    let options = RenderOptions {
        base_url: "/".to_string(),
        theme_dir: None,
        build_date: planportal::render::build_date()
            .expect("SOURCE_DATE_EPOCH, if set, is a number"),
    };
    let out = tempfile::tempdir().expect("temp dir");
    let (mut load, mut render, mut write, mut search) = (vec![], vec![], vec![], vec![]);
    let mut docs_only = vec![];
    let mut files = 0;
    for _ in 0..RUNS {
        let mut portal = Portal::new(root);
        let started = Instant::now();
        portal.load().expect("loads");
        load.push(ms(started));
        let started = Instant::now();
        let site = portal.render(&options).expect("renders");
        render.push(ms(started));
        let started = Instant::now();
        OutputFolder::check(root.as_ref(), &out.path().join("public"))
            .and_then(|folder| folder.publish(&site))
            .expect("writes");
        write.push(ms(started));
        files = site.files.len();

        // What render does for search: documents from the model, then the sharded files with
        // content-hashed names (hashed here with std's hasher; the theme's naming is private).
        let started = Instant::now();
        let docs = documents(&portal.library, &portal.content);
        docs_only.push(ms(started));
        let plans: Vec<(String, String)> = portal
            .library
            .plans
            .iter()
            .map(|p| (p.slug.clone(), p.title.clone()))
            .collect();
        let vocabulary = Vocabulary::new(&portal.content.search);
        let data = SearchData::new(&docs, &plans, vocabulary, "/");
        let built = data.files(named).expect("index");
        search.push(ms(started));
        assert!(!built.files.is_empty());
    }
    let (load, render, write, search) = (
        median(&mut load),
        median(&mut render),
        median(&mut write),
        median(&mut search),
    );
    let docs_only = median(&mut docs_only);
    let build = load + render + write;
    println!("this repository's site: {files} files, {RUNS} runs, medians");
    println!("load (read+extract+resolve): {load:.1} ms");
    println!("render (pages+data+search):  {render:.1} ms");
    println!("write:                       {write:.1} ms");
    println!("build (sum):                 {build:.1} ms");
    println!("search documents + index:    {search:.1} ms (documents alone {docs_only:.1} ms)");
    println!(
        "the index adds {:.1} % to the build without it ({:.1} % of render)",
        100.0 * search / (build - search),
        100.0 * search / render
    );
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
