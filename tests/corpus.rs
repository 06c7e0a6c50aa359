//! The benchmark corpus generator (`scripts/corpus`), as the benchmarks use it: its 2× project
//! publishes without errors, each copy holds its original's measures with the years shifted, the
//! row variants (4×) swap and drop measure rows with consistent numbers, and it refuses to write
//! into a folder it did not create.

use crate::common::repo;
use planportal::diagnostics::Severity;
use planportal::model::Plan;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const ORGANISED_CRIME: &str = "organizeta-noziedziba-2023-2025";

fn corpus(scale: &str, out: &Path) -> Output {
    Command::new("python3")
        .arg(repo().join("scripts/corpus"))
        .arg(scale)
        .arg(out)
        .output()
        .expect("python3 runs scripts/corpus")
}

fn generate(scale: &str, out: &Path) {
    let output = corpus(scale, out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "scripts/corpus {scale}: {stderr}");
}

/// A temporary folder holding the corpus at `scale` in `project/`, and a portal for it.
fn corpus_project(scale: &str) -> (tempfile::TempDir, Portal) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    generate(scale, &project);
    (dir, Portal::new(&project))
}

fn plan<'a>(portal: &'a Portal, slug: &str) -> &'a Plan {
    let plans = &portal.library.plans;
    plans
        .iter()
        .find(|plan| plan.slug == slug)
        .unwrap_or_else(|| panic!("no plan {slug}"))
}

fn titles(plan: &Plan) -> Vec<(&str, &str)> {
    plan.measures
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_str()))
        .collect()
}

fn error_lines(portal: &Portal) -> Vec<String> {
    let errors = portal
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error);
    errors.map(ToString::to_string).collect()
}

/// `text` with every year 1950–2039 moved on by `shift`, as `scripts/corpus` moves them: a run
/// of four digits not touching another digit, nor a decimal comma ("2025,00").
fn shift_years(text: &str, shift: i32) -> String {
    let digits = regex::Regex::new(r"\d+").unwrap();
    let mut shifted = String::new();
    let mut end = 0;
    for run in digits.find_iter(text) {
        let (before, after) = (&text[..run.start()], &text[run.end()..]);
        let digit = |c: char| c.is_numeric();
        let touches_comma = before.strip_suffix(',').is_some_and(|b| b.ends_with(digit))
            || after
                .strip_prefix(',')
                .is_some_and(|a| a.starts_with(digit));
        let year = run
            .as_str()
            .parse::<i32>()
            .ok()
            .filter(|y| (1950..=2039).contains(y));
        if let (Some(year), 4, false) = (year, run.len(), touches_comma) {
            shifted.push_str(&text[end..run.start()]);
            shifted.push_str(&(year + shift).to_string());
            end = run.end();
        }
    }
    shifted.push_str(&text[end..]);
    shifted
}

#[test]
fn the_twice_corpus_publishes_with_every_plan_twice_and_years_shifted() {
    let (dir, mut portal) = corpus_project("2");
    let options = RenderOptions {
        base_url: "/".to_string(),
        theme_dir: None,
        build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    };
    portal
        .build(&dir.path().join("public"), &options)
        .expect("the 2× corpus builds");
    assert_eq!(error_lines(&portal), Vec::<String>::new());
    let mut original = Portal::new(repo());
    original.load().unwrap();
    assert_eq!(portal.library.plans.len(), 2 * original.library.plans.len());
    // Copy 1 of every plan is its seed with the years moved on by 4: the same measures, and the
    // same warnings at the same lines as the original's, with the years in them moved on too
    // (an undefined code is warned about once per project, at its first use).
    let warnings = |portal: &Portal, file: &str| -> Vec<(usize, String)> {
        let found = portal.diagnostics.iter().filter(|d| d.file == file);
        let warnings = found.filter(|d| d.severity == Severity::Warning);
        let warnings = warnings.filter(|d| !d.message.starts_with("undefined abbreviation"));
        warnings.map(|d| (d.line, d.message.clone())).collect()
    };
    for source in &original.library.plans {
        let copy = plan(&portal, &format!("{}-k1", source.slug));
        let shifted_titles: Vec<(&str, String)> = titles(source)
            .into_iter()
            .map(|(id, title)| (id, shift_years(title, 4)))
            .collect();
        let copy_titles: Vec<(&str, String)> = titles(copy)
            .into_iter()
            .map(|(id, title)| (id, title.to_string()))
            .collect();
        assert_eq!(copy_titles, shifted_titles, "{}", copy.slug);
        let years = |plan: &Plan| -> Vec<Option<i32>> {
            plan.measures.iter().map(|m| m.deadline.year()).collect()
        };
        let shifted: Vec<Option<i32>> = years(source).iter().map(|y| y.map(|y| y + 4)).collect();
        assert_eq!(years(copy), shifted, "{}", copy.slug);
        let seed = format!("seeds/{}", source.source);
        let copy_seed = seed.replace(".txt", "-k1.txt");
        let expected: Vec<(usize, String)> = warnings(&original, &seed)
            .into_iter()
            .map(|(line, message)| (line, shift_years(&message, 4)))
            .collect();
        assert_eq!(warnings(&portal, &copy_seed), expected);
    }
    assert!(dir
        .path()
        .join("public/plani")
        .join(format!("{ORGANISED_CRIME}-k1"))
        .is_dir());
}

#[test]
fn row_variants_swap_and_drop_measures_with_consistent_numbers() {
    let (_dir, mut portal) = corpus_project("4");
    portal.load().unwrap();
    assert_eq!(error_lines(&portal), Vec::<String>::new());
    let original = titles(plan(&portal, ORGANISED_CRIME));
    let ids = |titles: &[(&str, &str)]| titles.iter().map(|t| t.0.to_string()).collect::<Vec<_>>();

    // Copy 2: rows 1.1 ↔ 1.2, 1.3 ↔ 1.4, … exchanged under unchanged numbers.
    let swapped = titles(plan(&portal, &format!("{ORGANISED_CRIME}-k2")));
    assert_eq!(ids(&swapped), ids(&original));
    assert_eq!((swapped[0].1, swapped[1].1), (original[1].1, original[0].1));
    assert_eq!((swapped[2].1, swapped[3].1), (original[3].1, original[2].1));

    // Copy 3: row 1.1 dropped, the rows after it renumbered 1.1, 1.2, …
    let dropped = titles(plan(&portal, &format!("{ORGANISED_CRIME}-k3")));
    assert_eq!(ids(&dropped), ids(&original)[..original.len() - 1]);
    let rest: Vec<&str> = original[1..].iter().map(|t| t.1).collect();
    assert_eq!(dropped.iter().map(|t| t.1).collect::<Vec<_>>(), rest);
}

#[test]
fn refuses_a_folder_it_did_not_create_and_replaces_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let output = corpus("2", &foreign);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("notes.txt"));
    assert_eq!(fs::read_dir(&foreign).unwrap().count(), 1);
    assert_eq!(
        fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "mine"
    );

    // Its own corpus is replaced (2× → 1×: the copies go); a file added to it stops that.
    let own = dir.path().join("own");
    generate("2", &own);
    generate("1", &own);
    assert!(!own
        .join(format!("content/plans/{ORGANISED_CRIME}-k1.md"))
        .exists());
    fs::write(own.join("seeds/added.txt"), "not the generator's").unwrap();
    let output = corpus("2", &own);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("added.txt"));
    assert!(own.join("seeds/added.txt").exists());
    assert!(own
        .join(format!("content/plans/{ORGANISED_CRIME}.md"))
        .exists());
}
