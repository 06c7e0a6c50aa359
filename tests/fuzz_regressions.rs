//! Every input a fuzz target ever crashed on, replayed on stable Rust: `fuzz/regressions/<target>/`
//! holds the saved inputs, and each goes through the same function of `fuzz/harness.rs` the
//! fuzzer ran (`scripts/fuzz` runs the long searches; CI only replays what they found).

use crate::common::repo;
use std::fs;

#[path = "../fuzz/harness.rs"]
mod harness;

#[test]
fn every_saved_crash_input_runs_through_its_target_without_panicking() {
    let regressions = repo().join("fuzz/regressions");
    let mut replayed = 0;
    for folder in fs::read_dir(&regressions).expect("fuzz/regressions/ exists") {
        let folder = folder.unwrap().path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let (_, run) = harness::TARGETS
            .iter()
            .find(|(target, _)| *target == name)
            .unwrap_or_else(|| panic!("fuzz/regressions/{name}/ names no fuzz target"));
        let mut inputs: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        for input in inputs {
            // Printed first, so a panic's output says which input it was.
            eprintln!("replaying {}", input.display());
            run(&fs::read(&input).unwrap());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found in {regressions:?}"
    );
}

#[test]
fn the_real_seeds_and_content_run_through_every_target() {
    // The harness itself is tested on what it must accept, so a target that panicked on every
    // input (or an assertion in it that was wrong) shows up without a fuzzer.
    let root = repo();
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for folder in ["seeds", "content/plans", "content/pages"] {
        for entry in fs::read_dir(root.join(folder)).unwrap() {
            texts.push(fs::read(entry.unwrap().path()).unwrap());
        }
    }
    for (target, run) in harness::TARGETS {
        for text in &texts {
            eprintln!("{target} on {} bytes", text.len());
            run(text);
        }
    }
    for line in [
        "2025. gada decembris",
        "934 766",
        "77 000,00",
        "31.12.2027.",
    ] {
        for (_, run) in harness::TARGETS {
            run(line.as_bytes());
        }
    }
}
