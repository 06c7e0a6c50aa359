//! Atom feeds (RFC 4287): the plans (`plani/atom.xml`), the measures by deadline, next
//! deadlines first (`termini/atom.xml`), and, when some plan has more than one edition, the
//! changes (`izmainas/atom.xml`): an entry per new edition of a plan, newest first.
//!
//! Atom identifies the feed and every entry by an absolute IRI, so the feeds are written only
//! when the site is built with its full address (`--base-url https://host/path/`); the ids are
//! the pages' addresses. A feed and its entries must say when they were last `updated`; the
//! documents carry no such date, so it is the build day (`RenderOptions::build_date`): the moment the portal
//! published what the entry says. The changes feed is the exception: an edition has its own
//! date, so each entry is `updated` on it, and its id is the edition's section of the plan's
//! changes page (`…/plani/<slug>/izmainas/#redakcija-2026-03-01`), which stays the same from
//! build to build.

use super::html::escape as xml_escape;
use super::views::changes::{edition_anchor, edition_label, plain_change, summary, with_editions};
use crate::content::Content;
use crate::model::{Measure, Plan};
use crate::output::Site;
use crate::resolve::{urls, Library};
use crate::search::documents::plan_label;
use crate::text::strip_footnote_markers;
use anyhow::Result;
use chrono::NaiveDate;

/// Writes both feeds under `site_url` (the full address, ending with '/').
pub(super) fn write(
    library: &Library,
    content: &Content,
    site: &mut Site,
    site_url: &str,
    today: NaiveDate,
) -> Result<()> {
    let mut plans = Feed::new(
        site_url,
        urls::PLANS_FEED,
        "Politikas plānu portāls: plāni",
        "",
        today,
    );
    for plan in &library.plans {
        let summary = format!(
            "{}. {} pasākumi; avots: {}.",
            plan_label(plan, content),
            plan.measures.len(),
            plan.source
        );
        plans.entry(&plan.title, &urls::plan(&plan.slug), &summary);
    }
    site.add(urls::PLANS_FEED, plans.finish())?;

    let mut deadlines = Feed::new(
        site_url,
        urls::DEADLINES_FEED,
        "Politikas plānu portāls: pasākumu termiņi",
        urls::DEADLINES,
        today,
    );
    for (plan, measure, date) in by_deadline(library, today) {
        let title = format!(
            "{date}: {} {}. {}",
            plan_label(plan, content),
            measure.id,
            strip_footnote_markers(&measure.title)
        );
        deadlines.entry(
            &title,
            &urls::measure(&plan.slug, &measure.id),
            &measure_summary(measure),
        );
    }
    site.add(urls::DEADLINES_FEED, deadlines.finish())?;
    write_changes(library, content, site, site_url)
}

/// The changes feed, when some plan has more than one edition: an entry per new edition, the
/// newest first, saying what it changed.
fn write_changes(
    library: &Library,
    content: &Content,
    site: &mut Site,
    site_url: &str,
) -> Result<()> {
    let mut editions: Vec<_> = with_editions(library)
        .flat_map(|(plan, history)| (1..history.editions.len()).map(move |to| (plan, history, to)))
        .collect();
    // Newest first; a stable sort keeps portal order among editions of one day.
    editions.sort_by_key(|&(_, history, to)| std::cmp::Reverse(history.editions[to].date));
    let Some(&(_, newest, to)) = editions.first() else {
        return Ok(());
    };
    let mut feed = Feed::new(
        site_url,
        urls::CHANGES_FEED,
        "Politikas plānu portāls: izmaiņas plānos",
        urls::CHANGES,
        newest.editions[to].date,
    );
    for (plan, history, to) in editions {
        let edition = &history.editions[to];
        let note = edition
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let changes: Vec<_> = history.changes.iter().filter(|c| c.to == to).collect();
        let text: Vec<String> = std::iter::once(summary(changes.iter().copied()))
            .chain(changes.iter().map(|c| plain_change(c)))
            .collect();
        feed.entry_on(
            &format!(
                "{}: {}{note}",
                plan_label(plan, content),
                edition_label(edition)
            ),
            &format!(
                "{}#{}",
                urls::plan_changes(&plan.slug),
                edition_anchor(history, to)
            ),
            &text.join(" "),
            edition.date,
        );
    }
    site.add(urls::CHANGES_FEED, feed.finish())
}

/// Measures with a deadline date: those due today or later first, the nearest first; then those
/// whose deadline has passed, the latest first. Plans in portal order and measures in document
/// order break ties. Measures without a date (recurring: "Katru gadu") are not in the feed.
fn by_deadline(library: &Library, today: NaiveDate) -> Vec<(&Plan, &Measure, NaiveDate)> {
    let mut dated: Vec<(&Plan, &Measure, NaiveDate)> = library
        .plans
        .iter()
        .flat_map(|plan| plan.measures.iter().map(move |m| (plan, m)))
        .filter_map(|(plan, m)| Some((plan, m, m.deadline.date()?)))
        .collect();
    // A stable sort keeps portal and document order among equal keys.
    dated.sort_by_key(|&(_, _, date)| {
        if date >= today {
            (0, (date - today).num_days())
        } else {
            (1, (today - date).num_days())
        }
    });
    dated
}

/// "Termiņš: … Atbildīgie: … Statuss: …" in plain text.
fn measure_summary(measure: &Measure) -> String {
    let mut parts = vec![format!(
        "Termiņš: {}.",
        strip_footnote_markers(&measure.deadline.raw)
    )];
    if !measure.responsible.is_empty() {
        parts.push(format!("Atbildīgie: {}.", measure.responsible.join(", ")));
    }
    if let Some(status) = measure.status {
        parts.push(format!("Statuss: {}.", status.term()));
    }
    parts.join(" ")
}

/// An Atom document being written.
struct Feed<'a> {
    xml: String,
    site_url: &'a str,
    updated: String,
}

impl<'a> Feed<'a> {
    /// The feed's head: `path` is the feed's own file, `page` the page it follows.
    fn new(site_url: &'a str, path: &str, title: &str, page: &str, today: NaiveDate) -> Feed<'a> {
        let updated = format!("{today}T00:00:00Z");
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"lv\">\n\
             <title>{title}</title>\n\
             <id>{self_url}</id>\n\
             <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{page_url}\"/>\n\
             <updated>{updated}</updated>\n\
             <author><name>Politikas plānu portāls</name></author>\n",
            title = xml_escape(title),
            self_url = xml_escape(&format!("{site_url}{path}")),
            page_url = xml_escape(&format!("{site_url}{page}")),
        );
        Feed {
            xml,
            site_url,
            updated,
        }
    }

    /// One entry for the page at `path` (relative to the site's root), updated on the feed's
    /// day.
    fn entry(&mut self, title: &str, path: &str, summary: &str) {
        let updated = self.updated.clone();
        self.add_entry(title, path, summary, &updated);
    }

    /// One entry for the page at `path`, updated on `day`.
    fn entry_on(&mut self, title: &str, path: &str, summary: &str, day: NaiveDate) {
        self.add_entry(title, path, summary, &format!("{day}T00:00:00Z"));
    }

    fn add_entry(&mut self, title: &str, path: &str, summary: &str, updated: &str) {
        let url = xml_escape(&format!("{}{path}", self.site_url));
        self.xml.push_str(&format!(
            "<entry>\n\
             <title>{}</title>\n\
             <id>{url}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <updated>{}</updated>\n\
             <summary>{}</summary>\n\
             </entry>\n",
            xml_escape(title),
            updated,
            xml_escape(summary),
        ));
    }

    fn finish(mut self) -> String {
        self.xml.push_str("</feed>\n");
        self.xml
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deadline;

    fn library() -> Library {
        let measure = |id: &str, deadline: &str| Measure {
            id: id.into(),
            title: format!("Pasākums {id}[^1] & <citi>"),
            responsible: vec!["VP".into()],
            deadline: Deadline::parse(deadline),
            ..Measure::default()
        };
        Library {
            plans: vec![Plan {
                slug: "plans".into(),
                source: "000_x.txt".into(),
                title: "Plāns".into(),
                measures: vec![
                    measure("1", "2024. gada 31. decembris"),
                    measure("2", "2026. gada 1. jūnijs"),
                    measure("3", "Katru gadu"),
                    measure("4", "2025. gada 31. decembris"),
                    measure("5", "2026. gada 1. jūnijs"),
                ],
                ..Plan::default()
            }],
            ..Library::default()
        }
    }

    fn written(today: NaiveDate) -> Site {
        let mut site = Site::default();
        write(
            &library(),
            &Content::default(),
            &mut site,
            "https://example.lv/p/",
            today,
        )
        .unwrap();
        site
    }

    fn ids(xml: &str) -> Vec<&str> {
        xml.lines()
            .filter_map(|l| l.strip_prefix("<id>"))
            .map(|l| l.trim_end_matches("</id>"))
            .collect()
    }

    #[test]
    fn deadlines_to_come_are_first_nearest_first_then_passed_ones_latest_first() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let site = written(today);
        let xml = site.text("termini/atom.xml").unwrap();
        assert_eq!(
            ids(xml),
            [
                "https://example.lv/p/termini/atom.xml",
                "https://example.lv/p/plani/plans/pasakumi/4/",
                "https://example.lv/p/plani/plans/pasakumi/2/",
                "https://example.lv/p/plani/plans/pasakumi/5/",
                "https://example.lv/p/plani/plans/pasakumi/1/",
            ],
            "measure 3 has no date"
        );
        assert!(xml.contains("<title>2025-12-31: Plāns 4. Pasākums 4 &amp; &lt;citi&gt;</title>"));
        assert!(xml.contains("<updated>2025-06-01T00:00:00Z</updated>"));
        assert!(
            xml.contains("<summary>Termiņš: 2025. gada 31. decembris. Atbildīgie: VP.</summary>")
        );
    }

    #[test]
    fn the_plans_feed_has_one_entry_per_plan() {
        let site = written(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let xml = site.text("plani/atom.xml").unwrap();
        assert_eq!(
            ids(xml),
            [
                "https://example.lv/p/plani/atom.xml",
                "https://example.lv/p/plani/plans/"
            ]
        );
        assert!(xml.contains("<summary>Plāns. 5 pasākumi; avots: 000_x.txt.</summary>"));
    }
}
