//! The thread between plans: which plan of the portal each plan continues (front matter
//! `follows = "<slug>"`), so a plan page can link the plan before it and the plans after it.
//!
//! A plan names at most one predecessor; several plans may continue one. The thread is checked
//! here once, for `check` and `build` alike: a slug that names no plan, a plan following itself
//! and a loop are errors at the plan file's `follows` line.

use crate::content::{Content, PlanContent};
use crate::diagnostics::Diagnostic;

/// The plan `slug` continues, when its front matter names one that exists.
pub fn predecessor<'a>(content: &'a Content, slug: &str) -> Option<&'a PlanContent> {
    let follows = content
        .plans
        .iter()
        .find(|p| p.slug == slug)?
        .meta
        .follows
        .as_deref()?;
    content.plans.iter().find(|p| p.slug == follows)
}

/// The plans that continue `slug`, in portal order.
pub fn successors<'a>(content: &'a Content, slug: &str) -> Vec<&'a PlanContent> {
    content
        .plans
        .iter()
        .filter(|p| p.meta.follows.as_deref() == Some(slug))
        .collect()
}

/// An error at the `follows` line of every plan whose `follows` names no plan, names the plan
/// itself, or starts a loop (reported once per loop, at the plan of the loop first in portal
/// order, with the whole loop spelled out).
pub fn check(content: &Content) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut looped: Vec<&str> = Vec::new();
    for plan in &content.plans {
        let Some(follows) = plan.meta.follows.as_deref() else {
            continue;
        };
        let error =
            |message: String| Diagnostic::error(&plan.location.file, plan.follows_line, message);
        if follows == plan.slug {
            diagnostics.push(error(format!(
                "follows {follows:?}: a plan cannot follow itself; expected the slug of the \
                 plan this one continues, or no `follows`"
            )));
        } else if !content.plans.iter().any(|p| p.slug == follows) {
            let slugs: Vec<&str> = content
                .plans
                .iter()
                .filter(|p| p.slug != plan.slug)
                .map(|p| p.slug.as_str())
                .collect();
            diagnostics.push(error(format!(
                "follows {follows:?}: no such plan (no content/plans/{follows}.md); expected the \
                 slug of another plan: {}",
                slugs.join(", ")
            )));
        } else if !looped.contains(&plan.slug.as_str()) {
            if let Some(path) = loop_from(content, &plan.slug) {
                diagnostics.push(error(format!(
                    "follows {follows:?}, which leads back to this plan ({}); the thread between \
                     plans runs from older to newer and cannot loop",
                    path.join(" → ")
                )));
                looped.extend(path);
            }
        }
    }
    diagnostics
}

/// The loop `start` is part of, as the slugs from `start` back to it, when following
/// `follows` from `start` returns to it.
fn loop_from<'a>(content: &'a Content, start: &'a str) -> Option<Vec<&'a str>> {
    let mut path = vec![start];
    let mut slug = start;
    // A walk longer than the number of plans has met a loop that does not pass `start`.
    for _ in 0..content.plans.len() {
        let plan = content.plans.iter().find(|p| p.slug == slug)?;
        let next = plan.meta.follows.as_deref()?;
        if next == plan.slug {
            return None;
        }
        path.push(next);
        if next == start {
            return Some(path);
        }
        slug = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BodyLocation;

    /// A content folder with one plan per `(slug, follows)`, `follows` on line 4 of its file.
    fn content(plans: &[(&str, Option<&str>)]) -> Content {
        let mut content = Content::default();
        for (slug, follows) in plans {
            let toml = format!(
                "source = \"{slug}.txt\"\nstructure = \"result-plan\"\n{}",
                follows.map_or(String::new(), |f| format!("follows = \"{f}\"\n"))
            );
            content.plans.push(PlanContent {
                slug: (*slug).to_string(),
                source_line: 2,
                follows_line: 4,
                meta: toml::from_str(&toml).unwrap(),
                editions: Vec::new(),
                intro_markdown: String::new(),
                location: BodyLocation {
                    file: format!("content/plans/{slug}.md"),
                    first_line: 6,
                },
            });
        }
        content
    }

    fn messages(content: &Content) -> Vec<String> {
        check(content).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_plan_links_the_plan_it_follows_and_the_plans_that_follow_it() {
        let content = content(&[
            ("programma-2009", None),
            ("plans-2025", Some("programma-2009")),
            ("plans-2028", Some("plans-2025")),
        ]);
        assert!(check(&content).is_empty());
        assert_eq!(
            predecessor(&content, "plans-2025").map(|p| &p.slug[..]),
            Some("programma-2009")
        );
        assert!(predecessor(&content, "programma-2009").is_none());
        let after: Vec<&str> = successors(&content, "plans-2025")
            .iter()
            .map(|p| &p.slug[..])
            .collect();
        assert_eq!(after, ["plans-2028"]);
        assert!(successors(&content, "plans-2028").is_empty());
    }

    #[test]
    fn an_unknown_slug_is_an_error_at_the_follows_line_listing_the_slugs() {
        let content = content(&[("a", None), ("b", Some("programa-2009"))]);
        assert_eq!(
            messages(&content),
            [
                "content/plans/b.md:4: error: follows \"programa-2009\": no such plan (no \
              content/plans/programa-2009.md); expected the slug of another plan: a"
            ]
        );
    }

    #[test]
    fn a_plan_following_itself_is_an_error() {
        let content = content(&[("a", Some("a"))]);
        assert_eq!(
            messages(&content),
            ["content/plans/a.md:4: error: follows \"a\": a plan cannot follow itself; expected \
              the slug of the plan this one continues, or no `follows`"]
        );
    }

    #[test]
    fn a_loop_is_one_error_spelling_out_the_loop() {
        let content = content(&[
            ("a", Some("c")),
            ("b", Some("a")),
            ("c", Some("b")),
            ("d", Some("a")),
        ]);
        assert_eq!(
            messages(&content),
            [
                "content/plans/a.md:4: error: follows \"c\", which leads back to this plan \
              (a → c → b → a); the thread between plans runs from older to newer and cannot loop"
            ]
        );
    }

    #[test]
    fn a_loop_ahead_that_does_not_return_is_reported_at_its_own_plans_only() {
        // "z" leads into the loop a ⇄ b but is not part of it.
        let content = content(&[("z", Some("a")), ("a", Some("b")), ("b", Some("a"))]);
        let found = messages(&content);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("content/plans/a.md:4: error: follows \"b\""));
    }
}
