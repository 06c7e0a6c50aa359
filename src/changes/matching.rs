//! Which measure of one edition is which measure of the next.
//!
//! The rule, in three steps over the measures of an earlier and a later edition:
//!
//! 1. **By number.** A measure keeps its pairing with the measure of the same number when their
//!    texts are at least [`SAME_NUMBER`] similar, and neither has a different unpaired measure
//!    on the other side that is more similar by [`MARGIN`] or more (so a number that moved to
//!    another measure is not taken for the same measure).
//! 2. **By content.** The measures left are paired by similarity, most similar pair first, when
//!    the similarity is at least [`SAME_TEXT`] and the pair is clear: neither measure has another
//!    unpaired candidate within [`MARGIN`] of it. This is how a measure moved from 3.2 to 3.4
//!    stays one measure.
//! 3. **When unsure, no guess.** A pair that fails step 2 only for being ambiguous, and a pair
//!    of unpaired measures at least [`POSSIBLE`] similar, stay unpaired (reported as removed and
//!    added) and each such pair gets a warning naming both lines, so a maintainer can look.
//!
//! Similarity is the Dice coefficient of the two measures' sets of stems (title, result and
//! indicator, footnote markers left out), analysed by [`crate::search::analyzer`], the same
//! normalisation search uses: case, diacritics and inflection set aside, function words dropped.

use crate::model::changes::Field;
use crate::model::Measure;
use crate::search::analyzer;
use std::collections::HashMap;

/// The least similarity at which two measures of the same number are the same measure.
pub const SAME_NUMBER: f64 = 0.5;
/// The least similarity at which two measures of different numbers are the same measure.
pub const SAME_TEXT: f64 = 0.7;
/// The least similarity at which two unpaired measures are worth a warning.
pub const POSSIBLE: f64 = 0.4;
/// How much better than every other candidate a pairing must be to be clear.
pub const MARGIN: f64 = 0.1;

/// The pairing of two editions' measures, by index into each list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matching {
    /// `(earlier, later)` index pairs, in the later edition's order.
    pub pairs: Vec<(usize, usize)>,
    /// Pairs left unpaired although they may be the same measure.
    pub unsure: Vec<Unsure>,
}

/// Two measures that may be one, left unpaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsure {
    pub earlier: usize,
    pub later: usize,
    pub similarity: f64,
    /// Another candidate was about as similar.
    pub ambiguous: bool,
}

impl Matching {
    /// The later index paired with `earlier`, if any.
    pub fn later_of(&self, earlier: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.0 == earlier).map(|p| p.1)
    }

    /// The earlier index paired with `later`, if any.
    pub fn earlier_of(&self, later: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.1 == later).map(|p| p.0)
    }
}

/// The stems a measure's text is compared by, each as its number in `vocabulary` (numbers are
/// compared much faster than strings, and there are as many comparisons as pairs of measures),
/// sorted and without repeats.
fn stems(measure: &Measure, vocabulary: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut ids: Vec<u32> = [Field::Title, Field::Result, Field::Indicator]
        .into_iter()
        .filter_map(|field| field.value(measure))
        .flat_map(|text| analyzer::analyze(&text))
        .filter_map(|token| token.stems.into_iter().next())
        .map(|stem| {
            let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
            *vocabulary.entry(stem).or_insert(next)
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The Dice coefficient of two sorted stem sets: 1 for equal sets (two measures without text
/// are alike), 0 for disjoint ones or when only one is empty.
fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let (mut x, mut y, mut shared) = (0, 0, 0);
    while let (Some(p), Some(q)) = (a.get(x), b.get(y)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                x += 1;
                y += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Pairs the measures of an earlier and a later edition (see the module documentation).
pub fn match_measures(earlier: &[Measure], later: &[Measure]) -> Matching {
    let mut vocabulary = HashMap::new();
    let old: Vec<Vec<u32>> = earlier.iter().map(|m| stems(m, &mut vocabulary)).collect();
    let new: Vec<Vec<u32>> = later.iter().map(|m| stems(m, &mut vocabulary)).collect();
    let score: Vec<Vec<f64>> = old
        .iter()
        .map(|o| new.iter().map(|n| similarity(o, n)).collect())
        .collect();
    let mut old_free = vec![true; earlier.len()];
    let mut new_free = vec![true; later.len()];
    let mut pairs = Vec::new();

    // 1. By number.
    for (j, measure) in later.iter().enumerate() {
        // The first unpaired one: a number printed twice (an error the extractor reports) must
        // not pair two later measures with one earlier measure.
        let Some(i) = (0..earlier.len()).find(|&i| old_free[i] && earlier[i].id == measure.id)
        else {
            continue;
        };
        let s = score[i][j];
        let better_earlier = (0..earlier.len()).any(|k| k != i && score[k][j] >= s + MARGIN);
        let better_later = (0..later.len()).any(|k| k != j && score[i][k] >= s + MARGIN);
        if s >= SAME_NUMBER && !better_earlier && !better_later {
            pairs.push((i, j));
            old_free[i] = false;
            new_free[j] = false;
        }
    }

    // 2. By content, most similar first (ties in document order).
    let mut candidates: Vec<(f64, usize, usize)> = (0..earlier.len())
        .filter(|&i| old_free[i])
        .flat_map(|i| {
            let score = &score;
            (0..later.len())
                .filter(|&j| new_free[j])
                .map(move |j| (score[i][j], i, j))
        })
        .filter(|c| c.0 >= POSSIBLE)
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut unsure = Vec::new();
    for &(s, i, j) in &candidates {
        if !old_free[i] || !new_free[j] {
            continue;
        }
        // Another unpaired candidate of either measure within the margin (a row and a column
        // of the scores, not every candidate pair: this stays linear per pair).
        let close = |t: f64| t >= POSSIBLE && t > s - MARGIN;
        let rival = (0..later.len()).any(|l| l != j && new_free[l] && close(score[i][l]))
            || (0..earlier.len()).any(|k| k != i && old_free[k] && close(score[k][j]));
        if s >= SAME_TEXT && !rival {
            pairs.push((i, j));
            old_free[i] = false;
            new_free[j] = false;
        } else {
            unsure.push(Unsure {
                earlier: i,
                later: j,
                similarity: s,
                ambiguous: s >= SAME_TEXT,
            });
        }
    }
    // 3. Only the unsure pairs whose measures stayed unpaired are worth a warning.
    unsure.retain(|u| old_free[u.earlier] && new_free[u.later]);
    pairs.sort_by_key(|p| p.1);
    Matching { pairs, unsure }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(id: &str, title: &str) -> Measure {
        Measure {
            id: id.to_string(),
            title: title.to_string(),
            ..Measure::default()
        }
    }

    #[test]
    fn inflection_case_and_diacritics_do_not_lower_the_similarity() {
        let mut vocabulary = HashMap::new();
        let mut stems_of = |title| stems(&measure("1", title), &mut vocabulary);
        let a = stems_of("Nodrošināt Valsts policijas amatpersonu apmācības");
        let b = stems_of("nodrosinat valsts policijas amatpersonām apmācību");
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn a_number_given_to_another_measure_is_not_taken_for_the_same_measure() {
        let earlier = [
            measure(
                "3.1",
                "Izstrādāt metodiku cilvēku tirdzniecības upuru identificēšanai",
            ),
            measure(
                "3.2",
                "Organizēt informatīvu kampaņu skolās par darba piedāvājumiem",
            ),
            measure("3.3", "Pilnveidot statistikas datu apmaiņu starp iestādēm"),
        ];
        // 3.2 dropped: 3.3 is now 3.2.
        let later = [earlier[0].clone(), measure("3.2", &earlier[2].title)];
        let matching = match_measures(&earlier, &later);
        assert_eq!(matching.pairs, [(0, 0), (2, 1)]);
        assert!(matching.unsure.is_empty(), "{:?}", matching.unsure);
    }

    #[test]
    fn a_number_printed_twice_pairs_each_measure_with_its_own() {
        // Budget rows read as measures by the wrong structure repeat "14.1" (an extraction
        // error), two of them alike; comparing the document with itself must still find each
        // row itself, not pair both later rows with the first earlier one.
        let rows = [
            measure(
                "14.1",
                "42.00.00 Iekšējās drošības biroja darbība 3 325 3 800 4 300",
            ),
            measure("14.1", "06.01.00 Valsts policija"),
            measure("14.1", "06.01.00 Valsts policija"),
        ];
        let matching = match_measures(&rows, &rows);
        assert_eq!(matching.pairs, [(0, 0), (1, 1), (2, 2)]);
    }

    #[test]
    fn two_equally_similar_candidates_are_not_guessed_between() {
        let earlier = [measure(
            "1",
            "Apmācīt policijas darbiniekus Rīgā un Liepājā",
        )];
        let later = [
            measure("2", "Apmācīt policijas darbiniekus Rīgā un Daugavpilī"),
            measure("3", "Apmācīt policijas darbiniekus Rīgā un Ventspilī"),
        ];
        let matching = match_measures(&earlier, &later);
        assert!(matching.pairs.is_empty());
        assert_eq!(matching.unsure.len(), 2);
        assert!(matching.unsure.iter().all(|u| u.ambiguous));
    }

    #[test]
    fn a_rewritten_measure_in_the_grey_zone_is_unsure_not_paired() {
        let earlier = [measure(
            "4.1",
            "Izstrādāt vadlīnijas pašvaldībām par cilvēku tirdzniecības upuru atbalstu",
        )];
        let later = [measure(
            "4.2",
            "Sagatavot vadlīnijas pašvaldību sociālajiem dienestiem par cilvēku tirdzniecības \
             riskiem",
        )];
        let mut vocabulary = HashMap::new();
        let s = similarity(
            &stems(&earlier[0], &mut vocabulary),
            &stems(&later[0], &mut vocabulary),
        );
        assert!((POSSIBLE..SAME_TEXT).contains(&s), "{s}");
        let matching = match_measures(&earlier, &later);
        assert!(matching.pairs.is_empty());
        assert_eq!(matching.unsure.len(), 1);
        assert!(!matching.unsure[0].ambiguous);
    }
}
