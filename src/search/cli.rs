//! `planportal search`: the search page's ranking ([`super::rank`]) over the same index
//! ([`SearchData`]), for maintainers and journalists working with the data, so a query gives
//! the results the search page gives, in the same order. The index comes from the cache
//! ([`super::cache`]) when the inputs have not changed. Facets filter exactly, after ranking,
//! as on the page; their values are checked first ([`Filters::validate`]).

use super::analyzer::fold;
use super::documents::Kind;
use super::index::{Record, SearchData};
use crate::model::Status;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// Exact-match filters, each `None` when not given. As typed they may differ from the indexed
/// values in case and diacritics; [`Filters::validate`] turns them into the indexed values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Plan slug.
    pub plan: Option<String>,
    /// Institution code as printed ("VP"), any role.
    pub institution: Option<String>,
    /// Status term ("izpildīts").
    pub status: Option<String>,
    /// Deadline year.
    pub year: Option<i32>,
    /// Document kind: "pasakums", "iestade", "programma", "raditajs", "nodala" or "teksts".
    pub kind: Option<String>,
    /// The role of [`Filters::institution`] in the document, as the search page's "Iestādes
    /// loma" facet names it: "atbildīgā", "līdzatbildīgā" or "iesaistītā". Only with an
    /// institution, as on the page (the facet appears once an institution is chosen).
    pub role: Option<String>,
}

/// The roles an institution can have in a document, strongest first, as the search page's
/// role facet (`FACETS` in engine.mjs) names them.
pub const ROLES: [&str; 3] = ["atbildīgā", "līdzatbildīgā", "iesaistītā"];

/// A filter value that names nothing the documents can have, with the values that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidFilter {
    /// The flag, as typed on the command line ("--status").
    pub flag: &'static str,
    pub value: String,
    /// Every valid value, in the order they are listed.
    pub valid: Vec<String>,
    /// The flag this one needs and was given without ("--role" needs "--institution").
    pub needs: Option<&'static str>,
}

impl fmt::Display for InvalidFilter {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(needs) = self.needs {
            return write!(
                f,
                "{} {:?} needs {needs}: it filters by the role of that institution",
                self.flag, self.value
            );
        }
        write!(
            f,
            "{} {:?} matches none of the valid values: {}",
            self.flag,
            self.value,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for InvalidFilter {}

impl Filters {
    /// Checks every value against what it may be (the plans and institution codes of the
    /// index, the status vocabulary, the kinds), comparing case- and diacritic-folded like the
    /// query words, and returns the filters with each value as indexed.
    pub fn validate(&self, data: &SearchData) -> Result<Filters, InvalidFilter> {
        let plans: BTreeSet<String> = data
            .records
            .iter()
            .filter_map(|r| r.p.map(|p| data.plans[p].0.clone()))
            .collect();
        let institutions: BTreeSet<String> = data
            .records
            .iter()
            .flat_map(|r| r.f.iter().cloned())
            .collect();
        let statuses = Status::ALL.iter().map(|s| s.term().to_string());
        let kinds = Kind::ALL.iter().map(|k| k.slug().to_string());
        let roles = ROLES.iter().map(|r| r.to_string());
        if let (Some(role), None) = (&self.role, &self.institution) {
            return Err(InvalidFilter {
                flag: "--role",
                value: role.clone(),
                valid: ROLES.iter().map(|r| r.to_string()).collect(),
                needs: Some("--institution"),
            });
        }
        Ok(Filters {
            plan: pick("--plan", &self.plan, plans)?,
            institution: pick("--institution", &self.institution, institutions)?,
            status: pick("--status", &self.status, statuses)?,
            year: self.year,
            kind: pick("--kind", &self.kind, kinds)?,
            role: pick("--role", &self.role, roles)?,
        })
    }
}

/// The one of `valid` that `value` names (folded as the analyser folds words, spaces
/// collapsed), or an [`InvalidFilter`] listing them all.
fn pick(
    flag: &'static str,
    value: &Option<String>,
    valid: impl IntoIterator<Item = String>,
) -> Result<Option<String>, InvalidFilter> {
    let Some(value) = value else {
        return Ok(None);
    };
    let key = |text: &str| fold(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let valid: Vec<String> = valid.into_iter().collect();
    match valid.iter().find(|v| key(v) == key(value)) {
        Some(found) => Ok(Some(found.clone())),
        None => Err(InvalidFilter {
            flag,
            value: value.clone(),
            valid,
            needs: None,
        }),
    }
}

/// The line printed when a search finds nothing, naming the query and the filters applied.
pub fn no_results(query: &str, filters: &Filters) -> String {
    let given = [
        ("--plan", filters.plan.clone()),
        ("--institution", filters.institution.clone()),
        ("--status", filters.status.clone()),
        ("--year", filters.year.map(|y| y.to_string())),
        ("--kind", filters.kind.clone()),
        ("--role", filters.role.clone()),
    ];
    let applied: Vec<String> = given
        .into_iter()
        .filter_map(|(flag, value)| value.map(|v| format!("{flag} {v:?}")))
        .collect();
    if applied.is_empty() {
        format!("no results for {query:?}")
    } else {
        format!("no results for {query:?} with {}", applied.join(", "))
    }
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The rank score (integer, as the search page computes it).
    pub score: u64,
    pub kind: String,
    pub plan: Option<String>,
    pub id: String,
    pub title: String,
    pub responsible: Vec<String>,
    pub deadline: Option<String>,
    pub status: Option<String>,
    pub url: String,
}

/// Searches the index; at most `limit` hits, best first, followed by full-text passages when
/// the index finds little (as on the search page).
pub fn search(data: &SearchData, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
    let hits = data
        .search(query, false)
        .into_iter()
        .filter(|(index, r)| filters.pass(&index.records[r.doc], index))
        .take(limit)
        .map(|(index, r)| {
            let record = &index.records[r.doc];
            Hit {
                score: r.rank,
                kind: record.k.clone(),
                plan: record.p.map(|p| index.plans[p].0.clone()),
                id: record.i.clone(),
                title: record.t.clone(),
                responsible: record.r.clone(),
                deadline: record.d.clone(),
                status: record.s.clone(),
                url: record.u.clone(),
            }
        })
        .collect();
    Ok(hits)
}

impl Filters {
    /// True when the record has every value the filters ask for.
    fn pass(&self, record: &Record, data: &SearchData) -> bool {
        let plan = record.p.map(|p| data.plans[p].0.as_str());
        self.plan.as_deref().is_none_or(|want| plan == Some(want))
            && self.institution.as_deref().is_none_or(|want| {
                let role = role(record, want);
                role.is_some() && self.role.as_deref().is_none_or(|r| role == Some(r))
            })
            && self
                .status
                .as_deref()
                .is_none_or(|want| record.s.as_deref() == Some(want))
            && self.year.is_none_or(|want| record.y == Some(want))
            && self.kind.as_deref().is_none_or(|want| record.k == want)
    }
}

/// The role `code` has in a record, as the search page's role facet reads it: responsible
/// ("atbildīgā"), else co-responsible ("līdzatbildīgā"), else otherwise named ("iesaistītā");
/// `None` when the record does not name it.
fn role(record: &Record, code: &str) -> Option<&'static str> {
    let has = |codes: &[String]| {
        codes
            .iter()
            .any(|c| c.to_lowercase() == code.to_lowercase())
    };
    if has(&record.a) {
        Some(ROLES[0])
    } else if has(&record.c) {
        Some(ROLES[1])
    } else if has(&record.f) {
        Some(ROLES[2])
    } else {
        None
    }
}

/// The hits as a plain-text table: rank, score, kind, plan, id, deadline, status, responsible,
/// title (cut to keep one line per hit).
pub fn table(hits: &[Hit]) -> String {
    let mut out = String::from("#\tscore\tkind\tplan\tid\tdeadline\tstatus\tresponsible\ttitle\n");
    for (rank, hit) in hits.iter().enumerate() {
        let title: String = hit.title.chars().take(80).collect();
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            rank + 1,
            hit.score,
            hit.kind,
            hit.plan.as_deref().unwrap_or("-"),
            hit.id,
            hit.deadline.as_deref().unwrap_or("-"),
            hit.status.as_deref().unwrap_or("-"),
            if hit.responsible.is_empty() {
                "-".to_string()
            } else {
                hit.responsible.join(", ")
            },
            title.replace('\n', " "),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::{Document, Field as DocField};
    use crate::search::index::Vocabulary;

    /// A measure document with a title from the seeds.
    fn measure(id: &str, title: &str, institution: &str, year: i32) -> Document {
        Document {
            kind: Kind::Measure,
            url: format!("plani/p/pasakumi/{id}/"),
            id: id.to_string(),
            title: title.to_string(),
            plan: Some("p".into()),
            responsible: vec![institution.to_string()],
            institutions: vec![institution.to_string()],
            responsible_codes: vec![institution.to_string()],
            co_responsible_codes: Vec::new(),
            finished: false,
            deadline: None,
            year: Some(year),
            status: None,
            fields: vec![
                (DocField::Id, id.to_string()),
                (DocField::Title, title.to_string()),
                (DocField::Responsible, institution.to_string()),
            ],
        }
    }

    fn data(docs: &[Document]) -> SearchData {
        SearchData::new(docs, &[("p".into(), "P".into())], Vocabulary::default(), "")
    }

    fn docs() -> Vec<Document> {
        vec![
            measure("1.15", "Valsts pārvaldes iestāžu vadības līmeņa personāla apmācību programmas metodikas izstrāde", "VK", 2018),
            measure("2.4", "Policijas darbiniekiem, prokuroriem un tiesnešiem nepieciešamās apmācības", "VP", 2018),
            measure("1.9", "CERT.LV organizēti valsts IKT risinājumu un infrastruktūras ielaušanās testi", "CERT.LV", 2016),
        ]
    }

    fn ids(query: &str, filters: &Filters) -> Vec<String> {
        search(&data(&docs()), query, filters, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn filter_values_fold_case_and_diacritics_like_words() {
        let given = Filters {
            plan: Some("P".into()),
            institution: Some("cert.lv".into()),
            status: Some("Nav  Izpildits".into()),
            year: Some(2016),
            kind: Some("PASĀKUMS".into()),
            role: Some("Atbildiga".into()),
        };
        let valid = given.validate(&data(&docs())).unwrap();
        assert_eq!(valid.role.as_deref(), Some("atbildīgā"));
        assert_eq!(valid.plan.as_deref(), Some("p"));
        assert_eq!(valid.institution.as_deref(), Some("CERT.LV"));
        assert_eq!(valid.status.as_deref(), Some("nav izpildīts"));
        assert_eq!(valid.kind.as_deref(), Some("pasakums"));
        assert_eq!(valid.year, Some(2016));
        let institution = Filters {
            institution: Some("cert.lv".into()),
            ..Filters::default()
        };
        let found = ids("testi", &institution.validate(&data(&docs())).unwrap());
        assert_eq!(found, ["1.9"]);
    }

    #[test]
    fn an_unknown_filter_value_lists_the_valid_ones() {
        let bad = |filters: Filters| filters.validate(&data(&docs())).unwrap_err();
        let status = bad(Filters {
            status: Some("pabeigts".into()),
            ..Filters::default()
        });
        assert_eq!(status.flag, "--status");
        assert_eq!(status.valid.len(), 6);
        assert_eq!(
            status.to_string(),
            "--status \"pabeigts\" matches none of the valid values: izpildīts, izpildes \
             procesā, daļēji izpildīts, nav uzsākts, nav izpildīts, zaudējis aktualitāti"
        );
        let institution = bad(Filters {
            institution: Some("XX".into()),
            ..Filters::default()
        });
        assert_eq!(institution.valid, ["CERT.LV", "VK", "VP"]);
        let kind = bad(Filters {
            kind: Some("measure".into()),
            ..Filters::default()
        });
        assert!(kind.to_string().contains("pasakums, iestade, programma"));
        let plan = bad(Filters {
            plan: Some("q".into()),
            ..Filters::default()
        });
        assert_eq!(plan.valid, ["p"]);
    }

    #[test]
    fn no_results_names_the_query_and_filters() {
        assert_eq!(
            no_results("xyz", &Filters::default()),
            "no results for \"xyz\""
        );
        let filters = Filters {
            status: Some("izpildīts".into()),
            year: Some(2016),
            ..Filters::default()
        };
        assert_eq!(
            no_results("apmācība", &filters),
            "no results for \"apmācība\" with --status \"izpildīts\", --year \"2016\""
        );
    }

    #[test]
    fn facets_filter_exactly() {
        let vp = Filters {
            institution: Some("vp".into()),
            ..Filters::default()
        };
        assert_eq!(ids("apmācība", &vp), ["2.4"]);
        let year = Filters {
            year: Some(2016),
            ..Filters::default()
        };
        assert!(ids("apmācība", &year).is_empty());
    }

    /// A measure the VP is responsible for, one where it is co-responsible and one where it is
    /// only involved, titles from the seeds.
    fn roles_docs() -> Vec<Document> {
        let mut docs = vec![
            measure("2.1", "Policijas kapacitātes palielināšana", "VP", 2018),
            measure(
                "7.3",
                "Apmācības robežsargiem par cilvēku tirdzniecības atpazīšanu",
                "VRS",
                2027,
            ),
            measure(
                "2.4.1",
                "Nodrošināt personāla dalību Frontex koordinētajos pasākumos un apmācībās",
                "VRS",
                2027,
            ),
        ];
        docs[1].co_responsible_codes = vec!["VP".into()];
        docs[1].institutions = vec!["VP".into(), "VRS".into()];
        docs[2].institutions = vec!["VP".into(), "VRS".into()];
        docs
    }

    #[test]
    fn the_role_filter_reads_the_role_of_the_chosen_institution_as_the_page_does() {
        let data = data(&roles_docs());
        let with = |role: &str| {
            let filters = Filters {
                institution: Some("vp".into()),
                role: Some(role.into()),
                ..Filters::default()
            }
            .validate(&data)
            .unwrap();
            let found = search(&data, "policija apmācības pasākumi", &filters, 10).unwrap();
            found.into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(with("atbildiga"), ["2.1"]);
        assert_eq!(with("LĪDZATBILDĪGĀ"), ["7.3"]);
        assert_eq!(with("iesaistītā"), ["2.4.1"]);
        let vrs = Filters {
            institution: Some("VRS".into()),
            role: Some("atbildīgā".into()),
            ..Filters::default()
        };
        let found = search(&data, "apmācības", &vrs.validate(&data).unwrap(), 10).unwrap();
        let mut ids: Vec<String> = found.into_iter().map(|h| h.id).collect();
        ids.sort();
        assert_eq!(ids, ["2.4.1", "7.3"]);
    }

    #[test]
    fn a_role_without_an_institution_or_with_an_unknown_name_is_refused() {
        let data = data(&roles_docs());
        let alone = Filters {
            role: Some("atbildīgā".into()),
            ..Filters::default()
        }
        .validate(&data)
        .unwrap_err();
        assert_eq!(
            alone.to_string(),
            "--role \"atbildīgā\" needs --institution: it filters by the role of that institution"
        );
        let unknown = Filters {
            institution: Some("VP".into()),
            role: Some("vadošā".into()),
            ..Filters::default()
        }
        .validate(&data)
        .unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "--role \"vadošā\" matches none of the valid values: atbildīgā, līdzatbildīgā, iesaistītā"
        );
    }

    #[test]
    fn inflected_folded_and_misspelt_words_match() {
        let none = Filters::default();
        assert_eq!(ids("iestāde", &none), ["1.15"]);
        let mut both = ids("apmacibas", &none);
        both.sort();
        assert_eq!(both, ["1.15", "2.4"]);
        assert_eq!(ids("polcijas", &none), ["2.4"]);
        assert_eq!(ids("cert lv", &none), ["1.9"]);
    }

    #[test]
    fn words_are_or_ed_and_documents_matching_more_of_them_come_first() {
        let none = Filters::default();
        // Both measures train; only one is the police's: it matches both words and leads.
        assert_eq!(ids("policijas apmācības", &none), ["2.4", "1.15"]);
        assert_eq!(ids("iestāde policija", &none).len(), 2, "no longer AND");
    }
}
