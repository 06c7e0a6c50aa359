//! Related-measures benchmark: `search::related::related_measures` over a project's plans, alone,
//! so its share of a build can be told apart from the rest.
//!
//! Run with `cargo bench --bench related` (this repository), or on a generated corpus with
//! `scripts/corpus N OUT` then
//! `PLANPORTAL_BENCH_ROOT=OUT cargo bench --bench related`. Results: `benches/RELATED.md`.
//! Timings are measured here, never asserted in tests.

use planportal::portal::Portal;
use planportal::search::related::related_measures;
use std::time::Instant;

const RUNS: usize = 5;

fn main() {
    let root = std::env::var("PLANPORTAL_BENCH_ROOT")
        .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
    let mut portal = Portal::new(&root);
    portal.load().expect("the project loads");
    let measures: usize = portal.library.plans.iter().map(|p| p.measures.len()).sum();
    let mut ms = Vec::new();
    let mut links = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let related = related_measures(&portal.library.plans);
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        links = related.values().map(Vec::len).sum();
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{root}: {} plans, {measures} measures, {links} related links; \
         related_measures median {:.1} ms over {RUNS} runs",
        portal.library.plans.len(),
        ms[RUNS / 2]
    );
}
