//! Related measures: for each measure, up to [`MAX_RELATED`] measures of *other* plans whose
//! text reads alike, so a reader can follow a promise from one plan to the next.
//!
//! **Scoring.** Each measure is a bag of index terms from [`analyzer::terms`] (the search's own
//! folding, stemming and stop words) over what it promises: its title twice, the text of the
//! measure it sits under (`parent_title`), its result and its indicator once each. Terms found
//! in more than [`MAX_DF_SHARE`] of all measures ("nodrošināt", "valsts") tell nothing apart
//! and are left out, as stop words are. Each remaining term weighs
//! `idf × tf·(k+1)/(tf+k)` (BM25's idf and saturation, `k` = `TF_SATURATION`: a word said
//! twice counts more than once but not twice as much); the similarity of two measures is the
//! cosine of their weight vectors, in 0–1. A measure lists the measures of other plans with a
//! similarity of at least [`MIN_SIMILARITY`], best first; equal scores in portal order (plan,
//! then the measure's place in its document), so the list is deterministic.
//!
//! **Cost.** An inverted index (term → measures holding it) gives each measure its candidates:
//! only measures sharing a kept term are ever scored, and a kept term's list is at most
//! [`MAX_DF_SHARE`] of the measures long. The work is the sum over terms of `df²`, not `N²`;
//! each measure is scored on its own core, and each distinct text analysed once. Results are
//! the same, to the bit, as scoring every measure against every other.

use super::analyzer;
use crate::model::{Measure, Plan};
use crate::text::strip_footnote_markers;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// At most this many related measures per measure.
pub const MAX_RELATED: usize = 5;

/// Below this cosine similarity two measures share words by chance ("informatīvi pasākumi"),
/// not a subject: they are not shown. Chosen on the tuning half of `benches/RELATED.md`.
pub const MIN_SIMILARITY: f64 = 0.1;

/// A term in more than this share of all measures is left out of the vectors.
pub const MAX_DF_SHARE: f64 = 0.25;

/// BM25's `k1`: how fast repeating a term stops adding weight.
const TF_SATURATION: f64 = 1.2;

/// A measure related to another, with how alike they read.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The related measure's plan slug.
    pub plan: String,
    /// Its id within that plan.
    pub measure: String,
    /// Cosine similarity, 0–1, rounded to three decimals.
    pub similarity: f64,
}

/// Related measures by (plan slug, measure id); measures with none are absent.
pub type RelatedMeasures = BTreeMap<(String, String), Vec<Related>>;

/// What a measure promises, as the text its vector is made of, each part with its weight.
fn weighted_texts(measure: &Measure) -> [(f64, Option<&str>); 4] {
    [
        (2.0, Some(measure.title.as_str())),
        (1.0, measure.parent_title.as_deref()),
        (1.0, measure.result.as_deref()),
        (1.0, measure.indicator.as_deref()),
    ]
}

/// One measure's sparse vector: (term number, weight), sorted by term number, unit length.
type Vector = Vec<(u32, f64)>;

/// The related measures of every measure of `plans` (see the module documentation).
pub fn related_measures(plans: &[Plan]) -> RelatedMeasures {
    // Every measure as (plan index, measure) in portal order.
    let measures: Vec<(usize, &Measure)> = plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| plan.measures.iter().map(move |m| (p, m)))
        .collect();
    let vectors = vectors(&measures);
    // The inverted index: for each term, the measures holding it and its weight there.
    let terms = vectors
        .iter()
        .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); terms];
    for (index, vector) in vectors.iter().enumerate() {
        for &(term, weight) in vector {
            postings[term as usize].push((index as u32, weight));
        }
    }
    // Each measure scored on its own task; the lists come back in portal order.
    let lists: Vec<Vec<(f64, u32)>> = vectors
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0.0f64; measures.len()], Vec::new()),
            |(scores, touched), (index, vector)| {
                let plan = measures[index].0;
                for &(term, weight) in vector {
                    for &(other, other_weight) in &postings[term as usize] {
                        if measures[other as usize].0 == plan {
                            continue;
                        }
                        let score = &mut scores[other as usize];
                        if *score == 0.0 {
                            touched.push(other);
                        }
                        *score += weight * other_weight;
                    }
                }
                let mut found: Vec<(f64, u32)> = touched
                    .drain(..)
                    .map(|other| (std::mem::take(&mut scores[other as usize]), other))
                    .filter(|&(score, _)| score >= MIN_SIMILARITY)
                    .collect();
                // Best first; equal scores in portal order (the measures' indices are in it).
                found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                found.truncate(MAX_RELATED);
                found
            },
        )
        .collect();
    // In portal order, as a measure id a plan prints twice keeps its later row's list.
    let mut related = RelatedMeasures::new();
    for (index, found) in lists.into_iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let (plan, measure) = measures[index];
        related.insert(
            (plans[plan].slug.clone(), measure.id.clone()),
            found
                .into_iter()
                .map(|(score, other)| {
                    let (p, m) = measures[other as usize];
                    Related {
                        plan: plans[p].slug.clone(),
                        measure: m.id.clone(),
                        similarity: (score * 1000.0).round() / 1000.0,
                    }
                })
                .collect(),
        );
    }
    related
}

/// Every measure's unit weight vector (see the module documentation), in the order of
/// `measures`.
fn vectors(measures: &[(usize, &Measure)]) -> Vec<Vector> {
    // Each distinct text analysed once (a parent measure's text is each of its children's), on
    // every core; the terms are numbered in portal order after, since a vector's products are
    // summed in the order of its terms' numbers, and that order must not depend on which
    // thread finished first (a different order rounds differently).
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let texts: Vec<Vec<(f64, usize)>> = measures
        .iter()
        .map(|(_, measure)| {
            weighted_texts(measure)
                .into_iter()
                .filter_map(|(weight, text)| {
                    let next = distinct.len();
                    Some((weight, *distinct.entry(text?).or_insert(next)))
                })
                .collect()
        })
        .collect();
    let mut by_number: Vec<&str> = vec![""; distinct.len()];
    for (text, number) in distinct {
        by_number[number] = text;
    }
    let analysed: Vec<Vec<String>> = by_number
        .par_iter()
        .map(|text| analyzer::terms(&strip_footnote_markers(text)))
        .collect();
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let counts: Vec<BTreeMap<u32, f64>> = texts
        .iter()
        .map(|texts| {
            let mut tf = BTreeMap::new();
            for &(weight, text) in texts {
                for term in &analysed[text] {
                    let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                    let number = *numbers.entry(term).or_insert(next);
                    *tf.entry(number).or_insert(0.0) += weight;
                }
            }
            tf
        })
        .collect();
    let mut df = vec![0usize; numbers.len()];
    for tf in &counts {
        for &term in tf.keys() {
            df[term as usize] += 1;
        }
    }
    let n = measures.len() as f64;
    let max_df = (n * MAX_DF_SHARE).floor().max(1.0) as usize;
    counts
        .par_iter()
        .map(|tf| {
            let mut vector: Vector = tf
                .iter()
                .filter(|(&term, _)| df[term as usize] <= max_df)
                .map(|(&term, &tf)| {
                    let d = df[term as usize] as f64;
                    let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                    let saturated = tf * (TF_SATURATION + 1.0) / (tf + TF_SATURATION);
                    (term, idf * saturated)
                })
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            vector
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan with measures `(id, title, parent title)`.
    fn plan(slug: &str, measures: &[(&str, &str, Option<&str>)]) -> Plan {
        Plan {
            slug: slug.to_string(),
            measures: measures
                .iter()
                .map(|(id, title, parent)| Measure {
                    id: (*id).to_string(),
                    title: (*title).to_string(),
                    parent_title: parent.map(str::to_string),
                    ..Measure::default()
                })
                .collect(),
            ..Plan::default()
        }
    }

    /// Results of the 2025–2027 trafficking plan (seeds/002_5ef2c56a3aa0266d.txt), with the
    /// measure each sits under.
    fn plan_2025() -> Plan {
        let training = "Kapacitātes un zināšanu stiprināšana pirmās saskarsmes institūcijām \
                        cilvēku tirdzniecības atpazīšanai un personu novirzīšanai";
        plan(
            "plans-2025",
            &[
                (
                    "7.7",
                    "Īstenotas apmācības Latvijas Republikas konsulātu un vēstniecību darbiniekiem",
                    Some(training),
                ),
                (
                    "9.3",
                    "Īstenotas apmācības tiesnešiem par cilvēku tirdzniecību",
                    Some("Stiprināta izmeklēšanas, kriminālvajāšanas un iztiesāšanas kapacitāte"),
                ),
                (
                    "10.1",
                    "Izveidota starpinstitūciju darba grupa un organizētas sanāksmes",
                    Some(
                        "Izveidot pastāvīgu starpinstitūciju darba grupu cilvēku tirdzniecības \
                         novēršanas politikas un pasākumu koordinācijai",
                    ),
                ),
            ],
        )
    }

    /// Tasks of the 2009–2013 programme (seeds/003_813af1619364791d.txt) and of the
    /// cybersecurity report (seeds/004_0c544dbc52ece7e9.txt), and one with nothing in common.
    fn others() -> Vec<Plan> {
        let specialists = "Veikt izglītojošus pasākumus speciālistiem, lai vairotu viņu izpratni \
                           par cilvēku tirdzniecību";
        vec![
            plan(
                "programma-2009",
                &[
                    (
                        "13.1",
                        "Veikt konsulāro darbinieku apmācības",
                        Some(specialists),
                    ),
                    (
                        "13.4",
                        "Veikt tiesībaizsardzības iestāžu darbinieku apmācības",
                        Some(specialists),
                    ),
                    (
                        "16",
                        "Izvērtēt lietderību un nepieciešamības gadījumā izveidot konsultatīvo \
                         padomi valsts pārvaldes iestāžu, pašvaldību un nevalstisko organizāciju \
                         darbības koordinēšanai cilvēku tirdzniecības novēršanā",
                        None,
                    ),
                ],
            ),
            plan(
                "kiberdrosiba",
                &[
                    (
                        "2.4",
                        "Policijas darbiniekiem, prokuroriem un tiesnešiem nepieciešamās \
                         apmācības identificēšana un īstenošana",
                        None,
                    ),
                    (
                        "3.2",
                        "Ārkārtas situāciju valsts elektronisko sakaru tīkla (ĀSVEST) izveide",
                        None,
                    ),
                ],
            ),
        ]
    }

    fn names(related: &RelatedMeasures, plan: &str, id: &str) -> Vec<String> {
        related
            .get(&(plan.to_string(), id.to_string()))
            .into_iter()
            .flatten()
            .map(|r| format!("{}:{}", r.plan, r.measure))
            .collect()
    }

    /// A plan of measures that share no word with anything, as a real portal's hundreds of
    /// measures on other subjects: they make the words above as rare as they are there.
    fn filler() -> Plan {
        let titles: Vec<String> = (0..40).map(|i| format!("Kods K{i}")).collect();
        let measures: Vec<(String, &str)> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{i}"), t.as_str()))
            .collect();
        let rows: Vec<(&str, &str, Option<&str>)> = measures
            .iter()
            .map(|(id, t)| (id.as_str(), *t, None))
            .collect();
        plan("citi", &rows)
    }

    fn corpus() -> Vec<Plan> {
        let mut plans = vec![plan_2025()];
        plans.extend(others());
        plans.push(filler());
        plans
    }

    #[test]
    fn measures_sharing_rare_words_are_related_best_first_and_only_across_plans() {
        let related = related_measures(&corpus());
        // "tiesnešiem … apmācības" is cybersecurity's training of judges; the programme's
        // training of law enforcement shares "apmācības" and the subject.
        let judges = names(&related, "plans-2025", "9.3");
        assert_eq!(judges[0], "kiberdrosiba:2.4");
        assert!(judges.contains(&"programma-2009:13.4".to_string()));
        assert!(names(&related, "plans-2025", "7.7").contains(&"programma-2009:13.1".to_string()));
        assert!(names(&related, "plans-2025", "10.1").contains(&"programma-2009:16".to_string()));
        // Nothing of its own plan, and a measure that shares no word has no list.
        for list in related.values() {
            assert!(list.len() <= MAX_RELATED);
            assert!(list.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        }
        assert!(names(&related, "plans-2025", "9.3")
            .iter()
            .all(|n| !n.starts_with("plans-2025")));
        assert!(names(&related, "citi", "0").is_empty());
    }

    #[test]
    fn renumbering_or_adding_a_measure_does_not_change_what_is_related() {
        let before = related_measures(&corpus());
        let mut edited = corpus();
        // The programme's tasks renumbered (13.1 → 14.1, …) and a new, unrelated one added.
        for measure in &mut edited[1].measures {
            measure.id = format!("x{}", measure.id);
        }
        edited[2].measures.push(Measure {
            id: "5.9".to_string(),
            title: "Satelīttelefona pakalpojuma īre".to_string(),
            ..Measure::default()
        });
        let after = related_measures(&edited);
        for id in ["7.7", "9.3", "10.1"] {
            let renamed: Vec<String> = names(&before, "plans-2025", id)
                .into_iter()
                .map(|n| n.replace("programma-2009:", "programma-2009:x"))
                .collect();
            assert_eq!(names(&after, "plans-2025", id), renamed, "measure {id}");
        }
    }

    /// Every measure scored against every other, one by one, without the inverted index:
    /// what the scoring on every core must reproduce to the bit.
    fn scored_one_by_one(plans: &[Plan]) -> Vec<Vec<(f64, u32)>> {
        let measures: Vec<(usize, &Measure)> = plans
            .iter()
            .enumerate()
            .flat_map(|(p, plan)| plan.measures.iter().map(move |m| (p, m)))
            .collect();
        let vectors = vectors(&measures);
        vectors
            .iter()
            .enumerate()
            .map(|(index, vector)| {
                let mut found: Vec<(f64, u32)> = (0..vectors.len())
                    .filter(|&other| measures[other].0 != measures[index].0)
                    .filter_map(|other| {
                        let mut score = 0.0;
                        let mut shared = false;
                        for &(term, weight) in vector.iter() {
                            if let Some(&(_, w)) = vectors[other].iter().find(|(t, _)| *t == term) {
                                score += weight * w;
                                shared = true;
                            }
                        }
                        (shared && score >= MIN_SIMILARITY).then_some((score, other as u32))
                    })
                    .collect();
                found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                found.truncate(MAX_RELATED);
                found
            })
            .collect()
    }

    #[test]
    fn measures_scored_on_every_core_are_scored_as_one_by_one() {
        // Each plan three times (as a corpus of many editions would hold it), one copy with a
        // measure printed twice and one with a title edited, so identical measures stand in
        // one plan and in several, and ties abound.
        let mut plans = Vec::new();
        for copy in 0..3 {
            for mut plan in corpus() {
                plan.slug = format!("{}-{copy}", plan.slug);
                if copy == 1 {
                    let twice = plan.measures[0].clone();
                    plan.measures.push(twice);
                }
                if copy == 2 {
                    plan.measures[0].title.push_str(" un tiesnešiem");
                }
                plans.push(plan);
            }
        }
        let expected = scored_one_by_one(&plans);
        let related = related_measures(&plans);
        let measures: Vec<(&str, &str)> = plans
            .iter()
            .flat_map(|p| {
                p.measures
                    .iter()
                    .map(move |m| (p.slug.as_str(), m.id.as_str()))
            })
            .collect();
        let mut compared = 0;
        for (index, &(plan, id)) in measures.iter().enumerate() {
            // A measure id printed twice keeps the later row's list, as the map holds one.
            if measures[index + 1..].contains(&(plan, id)) {
                continue;
            }
            let listed: Vec<(String, String, f64)> = related
                .get(&(plan.to_string(), id.to_string()))
                .into_iter()
                .flatten()
                .map(|r| (r.plan.clone(), r.measure.clone(), r.similarity))
                .collect();
            let scored: Vec<(String, String, f64)> = expected[index]
                .iter()
                .map(|&(score, other)| {
                    let (p, m) = measures[other as usize];
                    (
                        p.to_string(),
                        m.to_string(),
                        (score * 1000.0).round() / 1000.0,
                    )
                })
                .collect();
            assert_eq!(listed, scored, "{plan} {id}");
            compared += usize::from(!listed.is_empty());
        }
        assert!(
            compared > 20,
            "only {compared} measures have related measures"
        );
    }

    #[test]
    fn equal_scores_keep_portal_order() {
        // Two plans each holding the same text: the earlier plan's measure comes first.
        let text = "Veikt konsulāro darbinieku apmācības";
        let plans = vec![
            plan("a", &[("1", text, None)]),
            plan("b", &[("1", text, None)]),
            plan("c", &[("1", text, None)]),
            filler(),
        ];
        let related = related_measures(&plans);
        assert_eq!(names(&related, "c", "1"), ["a:1", "b:1"]);
        assert_eq!(names(&related, "a", "1"), ["b:1", "c:1"]);
    }
}
