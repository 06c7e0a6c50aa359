//! Open data joining the other files, as the site's links join its pages: the plans, directions
//! and policy areas that measures and indicators belong to (`plans`, `directions`, `areas`),
//! and which institution (or group) each measure names in which role (`measure_institutions`). Each is a
//! JSON file and a CSV twin of flat records, so the data package can declare foreign keys on
//! them (`datapackage.rs`).

use super::data::{entity_id, write_table};
use crate::content::Content;
use crate::output::Site;
use crate::resolve::{thread, urls, Entity, Library, Role};
use crate::search::documents::plan_label;
use crate::search::related::RelatedMeasures;
use crate::text::strip_footnote_markers;
use anyhow::Result;
use serde::Serialize;

/// One row of `plans.json`.
#[derive(Debug, Serialize)]
struct PlanRecord {
    slug: String,
    title: String,
    /// The short title the portal shows in lists (front matter `short-title`, else the title).
    short_title: String,
    source: String,
    measures: usize,
    reports_status: bool,
    /// The plan this one continues (front matter `follows`), if any.
    follows: Option<String>,
    url: String,
}

/// One row of `directions.json`.
#[derive(Debug, Serialize)]
struct DirectionRecord {
    plan: String,
    id: String,
    title: String,
    measures: usize,
    url: String,
}

/// One row of `areas.json`.
#[derive(Debug, Serialize)]
struct AreaRecord {
    plan: String,
    id: String,
    title: String,
    horizontal: bool,
    url: String,
}

/// One row of `measure_institutions.json`.
#[derive(Debug, Serialize)]
struct RoleRecord {
    plan: String,
    measure: String,
    role: Role,
    /// The institution's or group's key (`institutions.id`).
    institution: String,
    /// Its code (or a group's phrase), for reading.
    code: String,
}

/// Writes `data/{plans,directions,areas,measure_institutions}.{json,csv}`: plans in portal
/// order, directions and areas in document order, roles by institution, then measure.
pub fn write_relations(
    library: &Library,
    content: &Content,
    site: &mut Site,
    base_url: &str,
) -> Result<()> {
    let plans: Vec<PlanRecord> = library
        .plans
        .iter()
        .map(|plan| PlanRecord {
            slug: plan.slug.clone(),
            title: strip_footnote_markers(&plan.title),
            short_title: strip_footnote_markers(&plan_label(plan, content)),
            source: plan.source.clone(),
            measures: plan.measures.len(),
            reports_status: plan.reports_status,
            follows: thread::predecessor(content, &plan.slug).map(|p| p.slug.clone()),
            url: format!("{base_url}{}", urls::plan(&plan.slug)),
        })
        .collect();
    write_table(site, "plans", &PLAN_FIELDS, &plans)?;

    let directions: Vec<DirectionRecord> = library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.directions.iter().map(|d| DirectionRecord {
                plan: plan.slug.clone(),
                id: d.id.clone(),
                title: strip_footnote_markers(&d.title),
                measures: plan.measures.iter().filter(|m| m.direction == d.id).count(),
                url: format!("{base_url}{}", urls::direction(&plan.slug, &d.id)),
            })
        })
        .collect();
    write_table(site, "directions", &DIRECTION_FIELDS, &directions)?;

    let areas: Vec<AreaRecord> = library
        .plans
        .iter()
        .flat_map(|plan| {
            plan.areas.iter().map(|a| AreaRecord {
                plan: plan.slug.clone(),
                id: a.id.clone(),
                title: strip_footnote_markers(&a.title),
                horizontal: a.horizontal,
                url: format!("{base_url}{}", urls::area(&plan.slug, &a.id)),
            })
        })
        .collect();
    write_table(site, "areas", &AREA_FIELDS, &areas)?;

    let institutions = library.institutions.iter().map(|i| {
        let id = entity_id(&Entity::Institution(i.slug.clone()));
        (id, &i.code, &i.measures)
    });
    let groups = library.groups.iter().map(|g| {
        let id = entity_id(&Entity::Group(g.slug.clone()));
        (id, &g.name, &g.measures)
    });
    let roles: Vec<RoleRecord> = institutions
        .chain(groups)
        .flat_map(|(id, code, measures)| {
            measures.iter().map(move |r| RoleRecord {
                plan: r.plan.clone(),
                measure: r.measure.clone(),
                role: r.role,
                institution: id.clone(),
                code: code.clone(),
            })
        })
        .collect();
    write_table(site, "measure_institutions", &ROLE_FIELDS, &roles)
}

/// One row of `related_measures.json`.
#[derive(Debug, Serialize)]
struct RelatedRecord<'a> {
    plan: &'a str,
    measure: &'a str,
    /// 1 for the most alike.
    rank: usize,
    related_plan: &'a str,
    related_measure: &'a str,
    similarity: f64,
    related_url: String,
}

/// Writes `data/related_measures.{json,csv}`: each measure's related measures in other plans
/// (see [`crate::search::related`]), by plan and measure, most alike first.
pub fn write_related(related: &RelatedMeasures, site: &mut Site, base_url: &str) -> Result<()> {
    let records: Vec<RelatedRecord> = related
        .iter()
        .flat_map(|((plan, measure), list)| {
            list.iter()
                .enumerate()
                .map(move |(index, r)| RelatedRecord {
                    plan,
                    measure,
                    rank: index + 1,
                    related_plan: &r.plan,
                    related_measure: &r.measure,
                    similarity: r.similarity,
                    related_url: format!("{base_url}{}", urls::measure(&r.plan, &r.measure)),
                })
        })
        .collect();
    write_table(site, "related_measures", &RELATED_FIELDS, &records)
}

const RELATED_FIELDS: [&str; 7] = [
    "plan",
    "measure",
    "rank",
    "related_plan",
    "related_measure",
    "similarity",
    "related_url",
];
const PLAN_FIELDS: [&str; 8] = [
    "slug",
    "title",
    "short_title",
    "source",
    "measures",
    "reports_status",
    "follows",
    "url",
];
const DIRECTION_FIELDS: [&str; 5] = ["plan", "id", "title", "measures", "url"];
const AREA_FIELDS: [&str; 5] = ["plan", "id", "title", "horizontal", "url"];
const ROLE_FIELDS: [&str; 5] = ["plan", "measure", "role", "institution", "code"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, Direction, Measure, Plan};
    use crate::resolve::resolve;
    use serde_json::{json, Value};

    fn written() -> Site {
        let plan = Plan {
            slug: "strategija".into(),
            source: "001_x.txt".into(),
            title: "Stratēģija[^1]".into(),
            directions: vec![Direction {
                id: "1".into(),
                title: "Kārtība".into(),
                line: 10,
            }],
            measures: vec![Measure {
                id: "1.1".into(),
                direction: "1".into(),
                responsible: vec!["VP".into()],
                involved: vec!["IeM (VP)".into()],
                ..Measure::default()
            }],
            areas: vec![Area {
                id: "H1".into(),
                title: "Digitalizācija".into(),
                horizontal: true,
                line: 20,
                goals: Vec::new(),
                directions: Vec::new(),
            }],
            ..Plan::default()
        };
        let library = resolve(vec![plan], Vec::new(), &Content::default()).0;
        let mut site = Site::default();
        write_relations(&library, &Content::default(), &mut site, "/p/").unwrap();
        site
    }

    fn json(site: &Site, name: &str) -> Value {
        serde_json::from_str(site.text(&format!("data/{name}.json")).unwrap()).unwrap()
    }

    #[test]
    fn plans_directions_and_areas_are_flat_tables() {
        let site = written();
        assert_eq!(
            json(&site, "plans"),
            json!([{"slug": "strategija", "title": "Stratēģija", "short_title": "Stratēģija",
                    "source": "001_x.txt", "measures": 1, "reports_status": false, "follows": null,
                    "url": "/p/plani/strategija/"}])
        );
        assert_eq!(json(&site, "directions")[0]["measures"], 1);
        assert_eq!(
            json(&site, "areas")[0],
            json!({"plan": "strategija", "id": "H1", "title": "Digitalizācija",
                   "horizontal": true, "url": "/p/plani/strategija/jomas/H1/"})
        );
        assert_eq!(
            site.text("data/areas.csv").unwrap(),
            "plan,id,title,horizontal,url\n\
             strategija,H1,Digitalizācija,true,/p/plani/strategija/jomas/H1/\n"
        );
    }

    #[test]
    fn every_institution_a_measure_names_is_a_row_with_its_role() {
        let site = written();
        assert_eq!(
            json(&site, "measure_institutions"),
            json!([
                {"plan": "strategija", "measure": "1.1", "role": "involved",
                 "institution": "iem", "code": "IeM"},
                {"plan": "strategija", "measure": "1.1", "role": "responsible",
                 "institution": "vp", "code": "VP"},
                {"plan": "strategija", "measure": "1.1", "role": "involved",
                 "institution": "vp", "code": "VP"},
            ])
        );
    }
}
