//! The search index's share of the build: builds this repository's site (load, render, write)
//! and, separately, the search documents and index files that `render` makes, several times
//! each, and prints the medians and how much the index adds to the build.
//!
//! Run with `cargo bench --bench search_index`; results are recorded in `benches/SEARCH.md`.
//! Timings are measured here, never asserted in tests.

use planportal::output::OutputFolder;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use planportal::search::documents::documents;
use planportal::search::index::{SearchData, Vocabulary};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

const RUNS: usize = 15;

fn main() {
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
        let built = data
            .files(|stem, ext, bytes| {
                let mut hasher = DefaultHasher::new();
                bytes.hash(&mut hasher);
                format!("{stem}.{:010x}.{ext}", hasher.finish() & 0xff_ffff_ffff)
            })
            .expect("index");
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
