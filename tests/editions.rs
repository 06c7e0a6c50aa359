//! A project whose trafficking plan has two editions: the document as adopted, and an amended
//! copy made from it (result 2.2 dropped, 3.1's deadline moved, a new result 3.2 put before the
//! old one, which becomes 3.3, and measure 4 gaining a result 4.2). It builds, and
//! `data/changes.json`, its CSV and the data package hold exactly those changes; `planportal
//! diff --plan` prints the same. The site is left in Cargo's temporary folder
//! (`target/tmp/editions-site/`) for `scripts/test` to validate its data package.

use crate::common::{copy_tree, options, read_site, repo};
use planportal::portal::Portal;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const PLAN: &str = "cilveku-tirdznieciba-2025-2027";
const ADOPTED: &str = "002_5ef2c56a3aa0266d.txt";
const AMENDED: &str = "002_grozijumi_2026.txt";

/// The line of `text` that starts with `start` after its tabs (1-based).
fn line_of(text: &str, start: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.trim_start_matches('\t').starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

/// `text` with the lines from the one starting with `from` up to (not including) the one
/// starting with `to` removed.
fn without_lines(text: &str, from: usize, to: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<&str> = lines[..from - 1]
        .iter()
        .chain(&lines[to - 1..])
        .copied()
        .collect();
    kept.join("\n") + "\n"
}

/// `text` with `find` replaced once by `replace`; `find` must be there.
fn edit(text: &str, find: &str, replace: &str) -> String {
    assert!(text.contains(find), "{find:?} is not in the text");
    text.replacen(find, replace, 1)
}

/// The amended edition, made from the adopted document as an amending order would print it.
fn amended(adopted: &str) -> String {
    // Result 2.2 dropped: from the empty cell before it to the next measure.
    let text = without_lines(
        adopted,
        line_of(adopted, "2.2 Īstenoti") - 1,
        line_of(adopted, "3. Īstenot informatīvus"),
    );
    let text = edit(
        &text,
        "\tLR Tiesībsargs, ĀM\n\t\n\t31.12.2025.",
        "\tLR Tiesībsargs, ĀM\n\t\n\t30.06.2026.",
    );
    let text = edit(
        &text,
        "\t3.2. Atjaunoti un Latvijas vēstniecībās",
        "\t3.2. Īstenots izglītojošais darbs jauniešu centru apmeklētājiem\n\t· Īstenotas vismaz \
         5 nodarbības par darba piedāvājumu riskiem\n\tIeM\n\t\n\t31.12.2026.\n\n\t\n\t3.3. \
         Atjaunoti un Latvijas vēstniecībās",
    );
    edit(
        &text,
        "\t2.\u{a0}RĪCĪBAS VIRZIENS: ATBALSTS",
        "\t\n\t4.2. Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu\n\t· Apmācīti \
         vismaz 50 iepirkumu speciālisti\n\tIeM, IUB\n\t\n\t31.12.2026.\n\n\t2.\u{a0}RĪCĪBAS \
         VIRZIENS: ATBALSTS",
    )
}

/// A copy of this repository's project in `dir` whose trafficking plan lists the adopted
/// document and the amended copy as its editions. The registry's correction of the adopted
/// document's definition of LPS moves to the amended edition, the one resolved now.
fn editions_project(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    for folder in ["content", "seeds"] {
        copy_tree(&repo().join(folder), &project.join(folder));
    }
    let adopted = fs::read_to_string(project.join("seeds").join(ADOPTED)).unwrap();
    fs::write(project.join("seeds").join(AMENDED), amended(&adopted)).unwrap();
    let plan_file = project.join(format!("content/plans/{PLAN}.md"));
    let plan = fs::read_to_string(&plan_file).unwrap();
    let plan = edit(&plan, &format!("source = \"{ADOPTED}\"\n"), "");
    let plan = edit(
        &plan,
        "weight = 2\n",
        &format!(
            "weight = 2\n\n[[editions]]\nsource = \"{ADOPTED}\"\ndate = 2025-05-13\nnote = \
             \"Pieņemts\"\n\n[[editions]]\nsource = \"{AMENDED}\"\ndate = 2026-03-10\nnote = \
             \"Grozījumi\"\nurl = \"https://likumi.lv/ta/id/2\"\n"
        ),
    );
    fs::write(&plan_file, plan).unwrap();
    let registry_file = project.join("content/institutions.toml");
    let registry = fs::read_to_string(&registry_file).unwrap();
    fs::write(
        &registry_file,
        edit(
            &registry,
            &format!("file = \"{ADOPTED}\""),
            &format!("file = \"{AMENDED}\""),
        ),
    )
    .unwrap();
    project
}

/// The editions project, built once per run into `target/tmp/editions-site/` (the project) and
/// its `public/` (the site, under a full base URL so the data package names its homepage).
fn built() -> &'static (PathBuf, planportal::output::Site) {
    static BUILT: OnceLock<(PathBuf, planportal::output::Site)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("editions-site");
        let _ = fs::remove_dir_all(&dir);
        let project = editions_project(&dir);
        let mut portal = Portal::new(&project);
        portal
            .build(
                &project.join("public"),
                &options("https://planportal.example/"),
            )
            .unwrap_or_else(|e| {
                let diagnostics: Vec<String> =
                    portal.diagnostics.iter().map(|d| d.to_string()).collect();
                panic!("{e:#}\n{}", diagnostics.join("\n"))
            });
        let site = read_site(&project.join("public"));
        (project, site)
    })
}

fn json(path: &str) -> Value {
    serde_json::from_str(built().1.text(path).unwrap()).unwrap()
}

#[test]
fn changes_json_holds_exactly_the_changes_between_the_two_editions() {
    let project = &built().0;
    let adopted = fs::read_to_string(project.join("seeds").join(ADOPTED)).unwrap();
    let amended = fs::read_to_string(project.join("seeds").join(AMENDED)).unwrap();
    let url =
        |measure: &str| format!("https://planportal.example/plani/{PLAN}/pasakumi/{measure}/");
    let row = |row: usize,
               measure: &str,
               kind: &str,
               field: Value,
               before: Value,
               after: Value,
               before_lines: Value,
               after_lines: Value| {
        json!({
            "row": row, "plan": PLAN, "from_date": "2025-05-13", "to_date": "2026-03-10",
            "from_source": ADOPTED, "to_source": AMENDED, "measure": measure, "kind": kind,
            "field": field, "before": before, "after": after,
            "before_lines": before_lines, "after_lines": after_lines, "url": url(measure),
        })
    };
    // Result rows run from their number's line (or their measure's, for a measure's first
    // result) to their deadline's.
    let (old_3_1, new_3_1) = (
        line_of(&adopted, "3. Īstenot informatīvus"),
        line_of(&amended, "3. Īstenot informatīvus"),
    );
    let new_3_2 = line_of(&amended, "3.2. Īstenots");
    let (old_3_2, new_3_3) = (
        line_of(&adopted, "3.2. Atjaunoti"),
        line_of(&amended, "3.3. Atjaunoti"),
    );
    let new_4_2 = line_of(&amended, "4.2. Apmācīti");
    let old_2_2 = line_of(&adopted, "2.2 Īstenoti");
    let expected = json!([
        row(
            1,
            "3.1",
            "changed",
            json!("deadline"),
            json!("31.12.2025."),
            json!("30.06.2026."),
            json!([old_3_1, old_3_1 + 6]),
            json!([new_3_1, new_3_1 + 6])
        ),
        row(
            2,
            "3.2",
            "added",
            Value::Null,
            Value::Null,
            json!("Īstenots izglītojošais darbs jauniešu centru apmeklētājiem"),
            Value::Null,
            json!([new_3_2, new_3_2 + 4])
        ),
        row(
            3,
            "3.3",
            "renumbered",
            Value::Null,
            json!("3.2"),
            json!("3.3"),
            json!([old_3_2, old_3_2 + 17]),
            json!([new_3_3, new_3_3 + 17])
        ),
        row(
            4,
            "4.2",
            "added",
            Value::Null,
            Value::Null,
            json!("Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu"),
            Value::Null,
            json!([new_4_2, new_4_2 + 4])
        ),
        row(
            5,
            "2.2",
            "removed",
            Value::Null,
            json!("Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos"),
            Value::Null,
            json!([old_2_2, old_2_2 + 4]),
            Value::Null
        ),
    ]);
    assert_eq!(json("data/changes.json"), expected);
    let csv = built().1.text("data/changes.csv").unwrap();
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(csv.starts_with(
        "row,plan,from_date,to_date,from_source,to_source,measure,kind,field,before,after,\
         before_lines,after_lines,url\n"
    ));
    assert!(csv.contains(&format!(
        "3,{PLAN},2025-05-13,2026-03-10,{ADOPTED},{AMENDED},3.3,renumbered,,3.2,3.3,{old_3_2}-{},{new_3_3}-{},",
        old_3_2 + 17,
        new_3_3 + 17
    )));
}

#[test]
fn the_data_package_describes_the_changes_and_the_current_edition_is_the_plan() {
    let package = json("data/datapackage.json");
    let names: Vec<&str> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .filter(|n| n.starts_with("changes"))
        .collect();
    assert_eq!(names, ["changes-json", "changes-csv", "changes-excel"]);
    let site = &built().1;
    assert!(site.files.contains_key("data/changes-excel.csv"));
    // The plan is the amended edition: 4.2 is a measure, 2.2 is not.
    let measures = json("data/measures.json");
    let ids: Vec<&str> = measures
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["plan"] == PLAN)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"4.2") && ids.contains(&"3.3") && !ids.contains(&"2.2"),
        "{ids:?}"
    );
    let plans = json("data/plans.json");
    let plan = plans
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == PLAN)
        .unwrap();
    assert_eq!(plan["source"], AMENDED);
}

#[test]
fn diff_prints_the_plans_changes_as_the_data_has_them() {
    let project = &built().0;
    let output = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args(["diff", "--plan", PLAN, "--json"])
        .current_dir(project)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let data = json("data/changes.json");
    let keys = |rows: &Value, from: &str, to: &str| -> Vec<Value> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                json!([
                    r[from],
                    r[to],
                    r["measure"],
                    r["kind"],
                    r["field"],
                    r["before"],
                    r["after"],
                    r["before_lines"],
                    r["after_lines"]
                ])
            })
            .collect()
    };
    assert_eq!(
        keys(&printed, "from", "to"),
        keys(&data, "from_date", "to_date")
    );

    // Two files: the same changes, each measure by its number in the later file.
    let output = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args([
            "diff",
            &format!("seeds/{ADOPTED}"),
            &format!("seeds/{AMENDED}"),
        ])
        .args(["--structure", "result-plan"])
        .current_dir(project)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["from", "to", "measure", "kind", "field", "before", "after", "lines"]
    );
    let kinds: Vec<(&str, &str, &str)> = rows[1..].iter().map(|r| (r[2], r[3], r[4])).collect();
    assert_eq!(
        kinds,
        [
            ("3.1", "changed", "deadline"),
            ("3.2", "added", "-"),
            ("3.3", "renumbered", "-"),
            ("4.2", "added", "-"),
            ("2.2", "removed", "-"),
        ]
    );
}

#[test]
fn a_portal_without_editions_publishes_no_changes() {
    let site = &crate::common::real_site().site;
    assert!(!site.files.contains_key("data/changes.json"));
    assert!(site
        .text("data/datapackage.json")
        .is_some_and(|p| !p.contains("changes")));
}
