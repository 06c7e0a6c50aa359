//! `planportal search`: the search page's ranking ([`super::rank`]) over the same index
//! ([`SearchData`]), for maintainers and journalists working with the data, so a query gives
//! the results the search page gives, in the same order. The index comes from the cache
//! ([`super::cache`]) when the inputs have not changed. Facets filter exactly, after ranking,
//! as on the page.

use super::index::{Record, SearchData};
use anyhow::Result;
use serde::Serialize;

/// Exact-match filters, each `None` when not given.
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
    /// Document kind: "pasakums", "iestade", "programma", "raditajs" or "nodala".
    pub kind: Option<String>,
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
                record
                    .f
                    .iter()
                    .any(|code| code.to_lowercase() == want.to_lowercase())
            })
            && self
                .status
                .as_deref()
                .is_none_or(|want| record.s.as_deref() == Some(want))
            && self.year.is_none_or(|want| record.y == Some(want))
            && self.kind.as_deref().is_none_or(|want| record.k == want)
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
    use crate::search::documents::{Document, Field as DocField, Kind};
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
}
