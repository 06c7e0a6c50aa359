//! Budget programmes and ministries across plans, with their slugs and backlinks, and the
//! measures a budget row's numbers name.
//!
//! Every plan's budget tables name programmes by code ("06.01.00") and ministries by name
//! ("14. Iekšlietu ministrija"); one programme or ministry gets one page however many plans fund
//! it. A ministry is linked to the institution of the same name ("Iekšlietu ministrija" is IeM),
//! so its page and the institution's point at each other.

use super::registry::name_key;
use super::{slugify, Institution, Library};
use crate::model::budget::{self, FundingLine, WithinBudget};
use crate::model::{Measure, Plan};
use std::collections::{BTreeMap, BTreeSet};

/// One row of a plan's budget, by plan slug and position in `plan.budget.lines` (or
/// `within_budget`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowRef {
    pub plan: String,
    pub index: usize,
}

/// A budget programme with every row naming it.
#[derive(Debug, Clone)]
pub struct Programme {
    pub code: String,
    /// The first name a document gives the code.
    pub name: String,
    /// Funding lines, in plan and document order.
    pub lines: Vec<RowRef>,
    /// Within-budget rows ("budžeta ietvaros"), in plan and document order.
    pub within: Vec<RowRef>,
    /// Slugs of the ministries funding it, sorted.
    pub ministries: Vec<String>,
}

/// A budget resort with the funding lines it pays.
#[derive(Debug, Clone)]
pub struct Ministry {
    pub slug: String,
    pub name: String,
    /// The resort's number in the state budget ("14"), when some row prints it.
    pub code: Option<String>,
    /// Slug of the institution this ministry is.
    pub institution: Option<String>,
    pub lines: Vec<RowRef>,
}

/// The slug of a ministry's page: its name folded ("Iekšlietu ministrija" → "iekslietu-ministrija").
pub fn ministry_slug(ministry: &budget::Ministry) -> String {
    slugify(&ministry.name)
}

/// Every programme (sorted by code) and ministry (sorted by slug) the plans' budgets name, each
/// ministry linked to its institution and back.
pub(super) fn resolve(
    plans: &[Plan],
    institutions: &mut [Institution],
) -> (Vec<Programme>, Vec<Ministry>) {
    let mut programmes: BTreeMap<String, Programme> = BTreeMap::new();
    let mut ministries: BTreeMap<String, Ministry> = BTreeMap::new();
    let mut funders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let programme = |programmes: &mut BTreeMap<String, Programme>, p: &budget::Programme| {
        programmes
            .entry(p.code.clone())
            .or_insert_with(|| Programme {
                code: p.code.clone(),
                name: p.name.clone(),
                lines: Vec::new(),
                within: Vec::new(),
                ministries: Vec::new(),
            })
            .code
            .clone()
    };
    for plan in plans {
        for (index, line) in plan.budget.lines.iter().enumerate() {
            let at = RowRef {
                plan: plan.slug.clone(),
                index,
            };
            let code = programme(&mut programmes, &line.programme);
            programmes
                .get_mut(&code)
                .expect("just added")
                .lines
                .push(at.clone());
            if let Some(m) = &line.ministry {
                let slug = ministry_slug(m);
                let entry = ministries.entry(slug.clone()).or_insert_with(|| Ministry {
                    slug: slug.clone(),
                    name: m.name.clone(),
                    code: None,
                    institution: None,
                    lines: Vec::new(),
                });
                entry.code = entry.code.take().or_else(|| m.code.clone());
                entry.lines.push(at);
                funders.entry(code).or_default().insert(slug);
            }
        }
        for (index, within) in plan.budget.within_budget.iter().enumerate() {
            for p in &within.programmes {
                let code = programme(&mut programmes, p);
                programmes
                    .get_mut(&code)
                    .expect("just added")
                    .within
                    .push(RowRef {
                        plan: plan.slug.clone(),
                        index,
                    });
            }
        }
    }
    for (code, slugs) in funders {
        if let Some(p) = programmes.get_mut(&code) {
            p.ministries = slugs.into_iter().collect();
        }
    }
    for ministry in ministries.values_mut() {
        let key = name_key(&ministry.name);
        let named: Vec<usize> = institutions
            .iter()
            .enumerate()
            .filter(|(_, i)| i.name.as_deref().is_some_and(|n| name_key(n) == key))
            .map(|(at, _)| at)
            .collect();
        if let [at] = named[..] {
            ministry.institution = Some(institutions[at].slug.clone());
            institutions[at].ministry = Some(ministry.slug.clone());
        }
    }
    (
        programmes.into_values().collect(),
        ministries.into_values().collect(),
    )
}

impl Library {
    /// The programme with this code.
    pub fn programme(&self, code: &str) -> Option<&Programme> {
        self.programmes
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .ok()
            .map(|at| &self.programmes[at])
    }

    /// The ministry with this slug.
    pub fn ministry(&self, slug: &str) -> Option<&Ministry> {
        self.ministries
            .binary_search_by(|m| m.slug.as_str().cmp(slug))
            .ok()
            .map(|at| &self.ministries[at])
    }

    /// A funding line and its plan.
    pub fn funding_line(&self, at: &RowRef) -> Option<(&Plan, &FundingLine)> {
        let plan = self.plan(&at.plan)?;
        Some((plan, plan.budget.lines.get(at.index)?))
    }

    /// A within-budget row and its plan.
    pub fn within_budget(&self, at: &RowRef) -> Option<(&Plan, &WithinBudget)> {
        let plan = self.plan(&at.plan)?;
        Some((plan, plan.budget.within_budget.get(at.index)?))
    }

    /// The measures a budget row's numbers name: the measure of that number, or, where a
    /// result plan's table names a measure by its number ("6"), that measure's results (6.1,
    /// 6.2 …), in document order.
    pub fn measures_named<'a>(&self, plan: &'a Plan, ids: &[String]) -> Vec<&'a Measure> {
        let mut found = Vec::new();
        for id in ids {
            match plan.measures.iter().find(|m| m.id == *id) {
                Some(measure) => found.push(measure),
                None => found.extend(
                    plan.measures
                        .iter()
                        .filter(|m| m.parent.as_deref() == Some(id.as_str())),
                ),
            }
        }
        found
    }
}

/// Whether a budget row's numbers name `measure` (or the measure it is a result of).
pub fn names_measure(ids: &[String], measure: &Measure) -> bool {
    ids.iter()
        .any(|id| *id == measure.id || Some(id.as_str()) == measure.parent.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::model::budget::{Budget, Cents, FundingKind, Period};
    use crate::model::Abbreviation;

    fn line(
        ministry: Option<(&str, Option<&str>)>,
        code: &str,
        name: &str,
        measures: &[&str],
    ) -> FundingLine {
        FundingLine {
            ministry: ministry.map(|(name, code)| budget::Ministry {
                name: name.to_string(),
                code: code.map(str::to_string),
            }),
            programme: budget::Programme {
                code: code.to_string(),
                name: name.to_string(),
            },
            measures: measures.iter().map(|m| m.to_string()).collect(),
            kind: FundingKind::Additional,
            period: Period::Year(2024),
            amount: Cents(72_452_600),
            source_lines: (1200, 1204),
            note: None,
        }
    }

    /// The organised-crime plan's police line (000) and the trafficking plan's within-budget row
    /// for measure 6 (002:708), whose results are 6.1 and 6.2.
    fn plans() -> Vec<Plan> {
        let organised = Plan {
            slug: "organizeta".into(),
            source: "000_d0f431797d704579.txt".into(),
            abbreviations: vec![Abbreviation {
                code: "IeM".into(),
                name: "Iekšlietu ministrija".into(),
                line: 12,
            }],
            measures: vec![Measure {
                id: "1.8".into(),
                responsible: vec!["IeM".into()],
                ..Measure::default()
            }],
            budget: Budget {
                lines: vec![
                    line(
                        Some(("Iekšlietu ministrija", Some("14"))),
                        "06.01.00",
                        "Valsts policija",
                        &["1.8"],
                    ),
                    line(
                        Some(("Iekšlietu ministrija", None)),
                        "10.00.00",
                        "Valsts robežsardzes darbība",
                        &["1.10"],
                    ),
                ],
                ..Budget::default()
            },
            ..Plan::default()
        };
        let trafficking = Plan {
            slug: "cilveku".into(),
            source: "002_5ef2c56a3aa0266d.txt".into(),
            measures: ["6.1", "6.2", "7.1"]
                .iter()
                .map(|id| Measure {
                    id: id.to_string(),
                    parent: Some(id[..1].to_string()),
                    ..Measure::default()
                })
                .collect(),
            budget: Budget {
                within_budget: vec![WithinBudget {
                    measures: vec!["6".into()],
                    programmes: vec![
                        budget::Programme {
                            code: "06.00.00".into(),
                            name: "Valsts policijas darbība".into(),
                        },
                        budget::Programme {
                            code: "06.01.00".into(),
                            name: "Valsts policija".into(),
                        },
                    ],
                    kind: FundingKind::Planned,
                    source_lines: (708, 708),
                    note: None,
                }],
                ..Budget::default()
            },
            ..Plan::default()
        };
        vec![organised, trafficking]
    }

    #[test]
    fn programmes_and_ministries_are_one_page_each_across_plans_and_meet_their_institution() {
        let (library, _) = super::super::resolve(plans(), Vec::new(), &Content::default());
        let codes: Vec<&str> = library.programmes.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["06.00.00", "06.01.00", "10.00.00"]);
        let police = library.programme("06.01.00").unwrap();
        assert_eq!(police.lines.len(), 1);
        assert_eq!(
            police.within,
            [RowRef {
                plan: "cilveku".into(),
                index: 0
            }]
        );
        assert_eq!(police.ministries, ["iekslietu-ministrija"]);
        assert_eq!(
            library.ministries.len(),
            1,
            "one resort, printed with and without its number"
        );
        let ministry = library.ministry("iekslietu-ministrija").unwrap();
        assert_eq!(ministry.code.as_deref(), Some("14"));
        assert_eq!(ministry.lines.len(), 2);
        assert_eq!(ministry.institution.as_deref(), Some("iem"));
        assert_eq!(
            library.institution("iem").unwrap().ministry.as_deref(),
            Some("iekslietu-ministrija")
        );
    }

    #[test]
    fn a_budget_rows_measure_number_names_the_measure_or_its_results() {
        let (library, _) = super::super::resolve(plans(), Vec::new(), &Content::default());
        let trafficking = library.plan("cilveku").unwrap();
        let named: Vec<&str> = library
            .measures_named(trafficking, &["6".into(), "7.1".into(), "9".into()])
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(
            named,
            ["6.1", "6.2", "7.1"],
            "an unknown number names nothing"
        );
        assert!(names_measure(&["6".into()], &trafficking.measures[1]));
        assert!(!names_measure(&["6".into()], &trafficking.measures[2]));
    }
}
