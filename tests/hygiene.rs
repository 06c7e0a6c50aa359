//! Text hygiene, through whole builds: inputs that are only *saved* differently (CRLF line
//! ends, a byte-order mark, decomposed Unicode, `./` in a source path) publish exactly the site
//! of the originals; invisible control and bidi characters are removed with a warning at their
//! line and reach no page; broken Word markup is warned about and never shown.

use crate::common::{copy_tree, files_under, repo};
use planportal::diagnostics::{Diagnostic, Severity};
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const ORGANISED_CRIME: &str = "seeds/000_d0f431797d704579.txt";
const CYBERSECURITY: &str = "seeds/004_0c544dbc52ece7e9.txt";
const CYBERSECURITY_PLAN: &str = "content/plans/kiberdrosiba-2014-2018.md";

/// A copy of this repository's `content/` and `seeds/` in a temporary folder.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["content", "seeds"] {
            copy_tree(
                &repo().join(folder),
                &dir.path().join("project").join(folder),
            );
        }
        Project { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("project")
    }

    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root().join(file)).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        fs::write(self.root().join(file), text).unwrap();
    }

    /// Replaces the one occurrence of `find` in `file`.
    fn edit(&self, file: &str, find: &str, replace: &str) {
        let text = self.read(file);
        assert_eq!(text.matches(find).count(), 1, "{file}: {find:?}");
        self.write(file, &text.replacen(find, replace, 1));
    }

    /// Builds into `public/` next to the project; returns the site folder and the diagnostics.
    fn build(&self) -> (PathBuf, Vec<Diagnostic>) {
        let out = self.dir.path().join("public");
        let mut portal = Portal::new(self.root());
        let options = RenderOptions {
            base_url: "/".to_string(),
            theme_dir: None,
            build_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        };
        portal.build(&out, &options).expect("the site builds");
        (out, portal.diagnostics)
    }
}

/// The site of the unchanged project, built once.
fn reference() -> &'static Path {
    static SITE: OnceLock<(Project, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let project = Project::new();
            let (out, _) = project.build();
            (project, out)
        })
        .1
}

fn assert_same_site(site: &Path) {
    let files = files_under(reference());
    assert_eq!(files_under(site), files);
    for file in &files {
        let same = fs::read(reference().join(file)).unwrap() == fs::read(site.join(file)).unwrap();
        assert!(same, "{file} differs from the site of the original files");
    }
}

/// The warnings that are not among the unchanged project's.
fn new_warnings(found: &[Diagnostic]) -> Vec<String> {
    static BASELINE: OnceLock<Vec<Diagnostic>> = OnceLock::new();
    let baseline = BASELINE.get_or_init(|| {
        let mut portal = Portal::new(repo());
        portal.load().unwrap();
        portal.diagnostics
    });
    found
        .iter()
        .filter(|d| d.severity == Severity::Warning && !baseline.contains(d))
        .map(ToString::to_string)
        .collect()
}

/// Every text file of the site, for checks that no character or markup reached any of them.
fn site_texts(site: &Path) -> Vec<(String, String)> {
    files_under(site)
        .into_iter()
        .filter_map(|file| Some((file.clone(), fs::read_to_string(site.join(&file)).ok()?)))
        .collect()
}

#[test]
fn content_files_saved_with_crlf_and_a_byte_order_mark_publish_the_same_site() {
    let project = Project::new();
    for folder in ["content/plans", "content/pages"] {
        for file in files_under(&project.root().join(folder)) {
            let file = format!("{folder}/{file}");
            let windows = format!("\u{FEFF}{}", project.read(&file).replace('\n', "\r\n"));
            project.write(&file, &windows);
        }
    }
    let names = project
        .read("content/institutions.toml")
        .replace('\n', "\r\n");
    project.write("content/institutions.toml", &format!("\u{FEFF}{names}"));
    let (site, diagnostics) = project.build();
    assert_same_site(&site);
    assert_eq!(new_warnings(&diagnostics), Vec::<String>::new());
}

#[test]
fn seeds_in_decomposed_unicode_and_with_crlf_publish_the_same_site() {
    let project = Project::new();
    for file in files_under(&project.root().join("seeds")) {
        let file = format!("seeds/{file}");
        let decomposed: String = project.read(&file).nfd().collect();
        assert_ne!(
            decomposed,
            project.read(&file),
            "{file} has letters to decompose"
        );
        project.write(&file, &decomposed.replace('\n', "\r\n"));
    }
    let (site, diagnostics) = project.build();
    assert_same_site(&site);
    assert_eq!(new_warnings(&diagnostics), Vec::<String>::new());
}

#[test]
fn a_source_written_with_dot_slash_or_through_a_link_inside_seeds_is_the_same_seed() {
    let project = Project::new();
    project.edit(
        CYBERSECURITY_PLAN,
        "source = \"004_0c544dbc52ece7e9.txt\"",
        "source = \"./004_0c544dbc52ece7e9.txt\"",
    );
    let plan = "content/plans/organizeta-noziedziba-2023-2025.md";
    project.edit(plan, "source = \"000_", "source = \"teksti/000_");
    let linked = project.root().join("seeds/teksti");
    std::os::unix::fs::symlink(".", linked).unwrap();
    let (site, _) = project.build();
    let data = fs::read_to_string(site.join("data/measures.json")).unwrap();
    assert!(data.contains("\"source\": \"004_0c544dbc52ece7e9.txt\""));
    // A link inside seeds/ is followed, but the seed keeps the name the plan gives it.
    assert!(data.contains("\"source\": \"teksti/000_d0f431797d704579.txt\""));
    assert!(site
        .join("avoti/teksti/000_d0f431797d704579/index.html")
        .is_file());
}

#[test]
fn control_and_bidi_characters_are_removed_and_reported_at_their_lines() {
    let project = Project::new();
    // Line 30 of the organised-crime plan, and a measure cell of the cybersecurity report.
    project.edit(
        ORGANISED_CRIME,
        "OECD - Ekonomiskās sadarbības",
        "OECD\u{7} - \u{1b}[31mEkonomiskās\u{1b}[0m sadarbības",
    );
    let line = |file: &str, text: &str| {
        1 + project
            .read(file)
            .lines()
            .position(|l| l.contains(text))
            .unwrap()
    };
    let oecd = line(ORGANISED_CRIME, "OECD");
    project.edit(
        CYBERSECURITY,
        "\tElektronisko ziņojumu līnijas",
        "\t\u{202E}Elektronisko ziņojumu\u{0} līnijas",
    );
    let task = line(CYBERSECURITY, "Elektronisko ziņojumu");
    // A literal override in the plan's short title, and one written as a TOML escape.
    project.edit(
        CYBERSECURITY_PLAN,
        "short-title = \"Kiberdrošība",
        "short-title = \"\u{202E}\\u2066Kiberdrošība",
    );
    let (site, diagnostics) = project.build();
    assert_eq!(
        new_warnings(&diagnostics),
        [
            format!(
                "{CYBERSECURITY_PLAN}:4: warning: removed invisible control characters that would \
                 garble the page: U+202E (right-to-left override)"
            ),
            format!(
                "{CYBERSECURITY_PLAN}:4: warning: short-title: removed invisible control \
                 characters that would garble the page: U+2066 (left-to-right isolate)"
            ),
            format!(
                "seeds/000_d0f431797d704579.txt:{oecd}: warning: removed invisible control characters \
                 that would garble the page: U+0007 (BEL), U+001B (ESC)"
            ),
            format!(
                "seeds/004_0c544dbc52ece7e9.txt:{task}: warning: removed invisible control characters \
                 that would garble the page: U+202E (right-to-left override), U+0000 (NUL)"
            ),
        ]
    );
    for (file, text) in site_texts(&site) {
        let bad = text
            .chars()
            .find(|c| matches!(c, '\0' | '\u{7}' | '\u{1b}' | '\u{202E}' | '\u{2066}'));
        assert_eq!(bad, None, "{file}");
    }
    // What is left is the text as it was: the terminal colour codes lose their ESC, so they
    // show as text, which is the honest view of what the document holds.
    let measures = fs::read_to_string(site.join("data/measures.json")).unwrap();
    assert!(measures.contains("\"Elektronisko ziņojumu līnijas"));
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("Kiberdrošība 2014–2018: izpilde"));
}

#[test]
fn a_broken_footnote_reference_is_warned_about_and_never_shown() {
    for broken in ["[footnoteRef:2", "[footnoteRef:]", "[footnoteRef:x]"] {
        let project = Project::new();
        project.edit(
            CYBERSECURITY,
            "nodrošināšana[footnoteRef:2]",
            &format!("nodrošināšana{broken}"),
        );
        let line = 1 + project
            .read(CYBERSECURITY)
            .lines()
            .position(|l| l.contains(broken))
            .unwrap();
        let (site, diagnostics) = project.build();
        let warnings = new_warnings(&diagnostics);
        assert_eq!(warnings.len(), 1, "{broken}: {warnings:?}");
        assert!(
            warnings[0].starts_with(&format!(
                "seeds/004_0c544dbc52ece7e9.txt:{line}: warning: footnote reference {broken:?}"
            )),
            "{warnings:?}"
        );
        for (file, text) in site_texts(&site) {
            // The source view and the source lines a measure page quotes show the document as
            // it is; everything else is text read through the reader.
            if !file.starts_with("avoti/") {
                let read = without_source_lines(&text);
                assert!(!read.contains("[footnoteRef"), "{broken}: {file}");
            }
        }
        let page = "plani/kiberdrosiba-2014-2018/pasakumi/4.5/index.html";
        let page = fs::read_to_string(site.join(page)).unwrap();
        let h1 = &page[page.find("<h1").unwrap()..page.find("</h1>").unwrap()];
        // Unclosed, the reference still links its footnote; without a number it is gone.
        assert_eq!(
            h1.contains("href=\"#fn-2\""),
            broken == "[footnoteRef:2",
            "{h1}"
        );
    }
}

/// A page without its quoted source lines (`<ol class="source-lines">`).
fn without_source_lines(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<ol class=\"source-lines\">") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</ol>").expect("a closed list");
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}
