//! Broken projects: `build` fails with a message naming what is wrong and where, and the site
//! published before stays exactly as it was.
//!
//! Each case starts from a copy of this repository's real `content/` and `seeds/` and breaks one
//! thing, the way an editor might.

use crate::common::{copy_tree, files_under, repo};
use planportal::content::Content;
use planportal::diagnostics::Severity;
use planportal::portal::Portal;
use planportal::render::RenderOptions;
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the repository's project with a previously published site in `public/`.
struct Project {
    dir: tempfile::TempDir,
    content: Content,
}

impl Project {
    fn copy_of_repo() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("content"), &dir.path().join("content"));
        copy_tree(&repo().join("seeds"), &dir.path().join("seeds"));
        let public = dir.path().join("public");
        fs::create_dir_all(public.join("plani")).unwrap();
        fs::write(public.join("index.html"), "published before").unwrap();
        fs::write(public.join("plani/index.html"), "published before").unwrap();
        let content = Content::load(&dir.path().join("content")).unwrap();
        assert!(!content.plans.is_empty(), "the repository has no plans");
        Project { dir, content }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The seed file of the first plan.
    fn first_seed(&self) -> PathBuf {
        self.root()
            .join("seeds")
            .join(&self.content.plans[0].meta.source)
    }

    /// Builds into `public/`; the error's whole cause chain, and the portal for its diagnostics.
    fn build_error(&self) -> (String, Portal) {
        let mut portal = Portal::new(self.root());
        let options = RenderOptions {
            base_url: "/".to_string(),
            theme_dir: None,
        };
        match portal.build(&self.root().join("public"), &options) {
            Ok(_) => panic!("the broken project was built"),
            Err(e) => (format!("{e:#}"), portal),
        }
    }

    /// The published site is still the one from before, with no staging folder left behind.
    fn assert_previous_site_intact(&self) {
        let public = self.root().join("public");
        assert_eq!(files_under(&public), ["index.html", "plani/index.html"]);
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap(),
            "published before"
        );
        assert!(!self.root().join(".public.new").exists());
    }
}

#[test]
fn a_plan_whose_seed_is_missing_fails_naming_the_seed_path() {
    let project = Project::copy_of_repo();
    let seed = project.first_seed();
    fs::remove_file(&seed).unwrap();

    let (message, _) = project.build_error();

    assert!(
        message.contains(&seed.display().to_string()),
        "message does not name {}: {message}",
        seed.display()
    );
    project.assert_previous_site_intact();
}

#[test]
fn invalid_front_matter_fails_naming_the_plan_file_and_field() {
    let project = Project::copy_of_repo();
    let slug = &project.content.plans[0].slug;
    let plan_file = project.root().join(format!("content/plans/{slug}.md"));
    let text = fs::read_to_string(&plan_file).unwrap();
    let misspelt = text.replacen("structure =", "structur =", 1);
    assert_ne!(
        text,
        misspelt,
        "{} has no structure field",
        plan_file.display()
    );
    fs::write(&plan_file, misspelt).unwrap();

    let (message, _) = project.build_error();

    assert!(
        message.contains(&plan_file.display().to_string()),
        "message does not name {}: {message}",
        plan_file.display()
    );
    assert!(
        message.contains("structur"),
        "message does not name the field: {message}"
    );
    project.assert_previous_site_intact();
}

#[test]
fn a_seed_cut_before_its_table_fails_with_a_diagnostic_for_that_seed() {
    let project = Project::copy_of_repo();
    let seed = project.first_seed();
    let text = fs::read_to_string(&seed).unwrap();
    // Keep the title and abbreviation list: every line before the first table cell.
    let cut: String = text
        .lines()
        .take_while(|line| !line.starts_with('\t'))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(cut.len() < text.len(), "{} has no table", seed.display());
    fs::write(&seed, cut).unwrap();

    let (message, portal) = project.build_error();

    assert!(
        message.contains("not written"),
        "unexpected message: {message}"
    );
    let source = &project.content.plans[0].meta.source;
    assert!(
        portal
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && &d.file == source),
        "no error diagnostic for {source}: {:?}",
        portal.diagnostics
    );
    project.assert_previous_site_intact();
}
