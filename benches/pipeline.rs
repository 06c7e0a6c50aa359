//! Pipeline benchmark over generated large input: the organised-crime plan's measure table
//! repeated until the plan has over a thousand measures, renumbered as a real plan would be.
//!
//! Run with `cargo bench --bench pipeline`; results are recorded in `benches/RESULTS.md`.
//! Timings are measured here, never asserted in tests.

use planportal::portal::Portal;
use planportal::render::RenderOptions;
use regex::Regex;
use std::fs;
use std::path::Path;
use std::time::Instant;

/// How many copies of the measure table the generated plan holds (21 measures each).
const COPIES: usize = 50;
const RUNS: usize = 5;

fn main() {
    let root = tempfile::tempdir().expect("temp dir");
    let measures = write_project(root.path());
    let options = RenderOptions {
        base_url: "/".to_string(),
        theme_dir: None,
        build_date: planportal::render::build_date()
            .expect("SOURCE_DATE_EPOCH, if set, is a number"),
    };
    let mut load_ms = Vec::new();
    let mut render_ms = Vec::new();
    let mut files = 0;
    for _ in 0..RUNS {
        let mut portal = Portal::new(root.path());
        let started = Instant::now();
        portal.load().expect("loads");
        load_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let extracted: usize = portal.library.plans.iter().map(|p| p.measures.len()).sum();
        assert_eq!(extracted, measures, "every generated measure is read");
        let started = Instant::now();
        let site = portal.render(&options).expect("renders");
        render_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        files = site.files.len();
    }
    println!("generated plan: {measures} measures, {files} output files, {RUNS} runs");
    println!(
        "load (read+extract+resolve): median {:.1} ms",
        median(&mut load_ms)
    );
    println!(
        "render (pages+data):          median {:.1} ms",
        median(&mut render_ms)
    );
    println!("peak memory (VmHWM):          {}", peak_memory());
}

/// Writes `content/plans/big.md` and a seed whose measure table is repeated [`COPIES`] times;
/// returns the number of measures in it.
fn write_project(root: &Path) -> usize {
    let source = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_d0f431797d704579.txt"
    ))
    .expect("seed 000");
    let lines: Vec<&str> = source.lines().collect();
    let number = Regex::new(r"^(\t(?:\[bookmark: [^\]]*\])?)1\.(\d+)\.$").expect("regex");
    let first_row = lines
        .iter()
        .position(|l| number.is_match(l))
        .expect("a numbered row");
    // The table ends at the next chapter heading ("III. Teritoriālā perspektīva").
    let chapter = Regex::new(r"^[IVX]+\.? \p{Lu}").expect("regex");
    let table_end = first_row
        + lines[first_row..]
            .iter()
            .position(|l| chapter.is_match(l))
            .expect("a chapter after the table");
    let mut out: Vec<String> = lines[..first_row].iter().map(|l| l.to_string()).collect();
    let mut next = 0;
    for _ in 0..COPIES {
        for line in &lines[first_row..table_end] {
            match number.captures(line) {
                Some(caps) => {
                    next += 1;
                    out.push(format!("{}1.{next}.", &caps[1]));
                }
                None => out.push(line.to_string()),
            }
        }
    }
    out.extend(lines[table_end..].iter().map(|l| l.to_string()));
    fs::create_dir_all(root.join("seeds")).expect("seeds dir");
    fs::create_dir_all(root.join("content/plans")).expect("content dir");
    fs::write(root.join("seeds/big.txt"), out.join("\n")).expect("seed");
    fs::write(
        root.join("content/plans/big.md"),
        "+++\nsource = \"big.txt\"\nstructure = \"action-plan\"\n+++\nGenerated.\n",
    )
    .expect("plan file");
    next
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn peak_memory() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}
