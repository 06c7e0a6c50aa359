//! The search page's ranking in Rust, for `planportal search`: the twin of
//! `themes/default/static/search/engine.mjs` for a submitted query, and the one place its rules
//! are written down (the browser's code carries no copy, to keep its download small). It works
//! on the same [`SearchData`] the site's index files hold, shard by shard, so the candidates a
//! typo finds are the same; scores are the same integers, so the order is the same.
//! `tests/browser/relevance.test.mjs` runs both over the relevance set and compares.
//!
//! Matching, per query word: its stems exactly; for the last word while typing, every term that
//! starts with the word or its stem (a one-letter last word waits for the next letter; a prefix
//! whose terms the index split over several shards is matched exactly, and left out when it is
//! no term itself, until a letter more is typed); for words of five letters or more, terms of
//! four letters or more one edit away (insertion, deletion, substitution or swap of neighbours)
//! among the terms of the word's shard, which share its first two letters (three in a split
//! group), and, when none of the word's stems is a term, the longest stems of the words one edit
//! from it that are (a typo may change the stem); and the entries of a synonym group the word
//! belongs to (content/search.toml; a phrase counts when all its words are in the document).
//!
//! Ranking is OR with a coverage bonus: a document's score is, per query word, the best of
//! quality × posting score (BM25F with the idf, computed at build time), times the word's weight
//! (generic planning words, and unknown words whose candidates include one, weigh little),
//! summed, then multiplied by the square of the number of (non-generic) words it matches, so
//! documents matching more of the words come first; by three where an institution the query
//! names (by code or full name) is responsible, two where it is otherwise named; by three for
//! everything but the documents' own text; and by two plus the number of neighbouring query
//! words that stand side by side, in order, in its title, deadline or status ("katru mēnesi" is
//! a deadline, not a month in one field and "katru" in another). A document whose whole title is
//! the query ("valsts policija" → the institution Valsts policija) ranks first: such a query
//! names the thing. Ties go to plans in force before finished ones, then to measures before
//! other kinds, then to document order. All arithmetic is on integers, so the two front ends order
//! exactly alike. When fewer than three documents match a submitted query (not while typing),
//! the full-text index (passages of the source documents) is searched by the same rules
//! and its results follow.

use super::analyzer::{analyze, stem, Token};
use super::index::{Record, SearchData};
use std::collections::{BTreeMap, BTreeSet};

/// Quality of a candidate term, in percent of an exact match (as in engine.mjs).
const EXACT: u64 = 100;
const SYNONYM: u64 = 80;
const TYPO: u64 = 45;
/// Weight of a query word; generic planning words count little.
const WORD: u64 = 5;
const GENERIC: u64 = 1;
/// An institution named in a query lifts its measures: most where it is responsible.
const ROLE_RESPONSIBLE: u64 = 3;
const ROLE_NAMED: u64 = 2;
const TYPO_MIN_LETTERS: usize = 5;
/// A typo reaches no term shorter than this: "algas" is not "ag".
const TYPO_MIN_TERM: usize = 4;
/// Letters a typo may have dropped or replaced (folded words have no others).
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz";
/// Typos leave this many first letters alone, as the shards do.
const TYPO_KEPT: usize = 2;
/// A typo reaches only terms found in at least a quarter as many documents as its most common.
const TYPO_SHARE: usize = 4;
/// The documents' own text ranks below what the documents structure on an equal match.
const STRUCTURED: u64 = 3;
const OWN_TEXT: u64 = 1;
/// Fewer results than this, and the documents' full text is searched too.
const FEW: usize = 3;
/// Rank factor base for query words side by side in a result: `PHRASE` + pairs.
const PHRASE: u64 = 2;
/// Kinds in tie order: measures first, the documents' own text last.
const KIND_ORDER: [&str; 6] = [
    "pasakums",
    "iestade",
    "programma",
    "raditajs",
    "nodala",
    "teksts",
];

/// One ranked document: its number in [`SearchData::records`] and its rank score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub doc: usize,
    pub rank: u64,
    /// The whole title is the query.
    pub title: bool,
}

/// True when `a` and `b` are at most one edit apart (Damerau: a swap of neighbours is one edit).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la && i < lb && a[i] == b[i] {
        i += 1;
    }
    let rest = |x: &[char], from: usize| x.get(from..).unwrap_or(&[]).to_vec();
    if la == lb {
        if rest(&a, i + 1) == rest(&b, i + 1) {
            return true;
        }
        return i + 1 < la
            && a[i] == b[i + 1]
            && a[i + 1] == b[i]
            && rest(&a, i + 2) == rest(&b, i + 2);
    }
    if la > lb {
        rest(&a, i + 1) == rest(&b, i)
    } else {
        rest(&a, i) == rest(&b, i + 1)
    }
}

/// The words one edit from a folded word (a letter dropped, inserted, replaced or swapped with
/// the next), its first two letters kept (as engine.mjs's `oneEditAway`).
pub fn one_edit_away(word: &str) -> BTreeSet<String> {
    let chars: Vec<char> = word.chars().collect();
    let text = |parts: &[&[char]]| -> String { parts.iter().flat_map(|p| p.iter()).collect() };
    let mut out = BTreeSet::new();
    for i in TYPO_KEPT..=chars.len() {
        let (head, rest) = chars.split_at(i);
        if let Some((_, after)) = rest.split_first() {
            out.insert(text(&[head, after]));
            if let Some((next, after_next)) = after.split_first() {
                out.insert(text(&[head, &[*next, rest[0]], after_next]));
            }
        }
        for c in ALPHABET.chars() {
            out.insert(text(&[head, &[c], rest]));
            if let Some((_, after)) = rest.split_first() {
                out.insert(text(&[head, &[c], after]));
            }
        }
    }
    out.remove(word);
    out
}

impl SearchData {
    /// The shard holding `term`: the last whose `from` is not after it.
    fn shard_at(&self, term: &str) -> Option<usize> {
        self.shards.iter().rposition(|s| s.from.as_str() <= term)
    }

    /// doc → posting score of one term.
    fn postings(&self, term: &str) -> BTreeMap<usize, u64> {
        let mut out = BTreeMap::new();
        let Some(list) = self
            .shard_at(term)
            .and_then(|at| self.shards[at].terms.get(term))
        else {
            return out;
        };
        let mut doc = 0;
        for pair in list.chunks(2) {
            doc += pair[0] as usize;
            out.insert(doc, u64::from(pair[1]));
        }
        out
    }

    /// Candidate terms of one query token with their quality: its stems exactly, and for words
    /// of five letters or more the terms one edit away in the shards its forms select.
    fn candidates(&self, token: &Token) -> BTreeMap<String, u64> {
        let mut out: BTreeMap<String, u64> = BTreeMap::new();
        let mut note = |term: &str, quality: u64| {
            let at = out.entry(term.to_string()).or_default();
            *at = (*at).max(quality);
        };
        let mut forms: Vec<&str> = token.stems.iter().map(String::as_str).collect();
        forms.push(&token.text);
        let shards: BTreeSet<usize> = forms.iter().filter_map(|f| self.shard_at(f)).collect();
        let typos = typo_tolerant(token);
        for &at in &shards {
            let terms = &self.shards[at].terms;
            for stem in &token.stems {
                if terms.contains_key(stem) {
                    note(stem, EXACT);
                }
            }
            if typos {
                for term in terms.keys() {
                    if term.chars().count() >= TYPO_MIN_TERM
                        && token.stems.iter().any(|s| within_one_edit(s, term))
                    {
                        note(term, TYPO);
                    }
                }
            }
        }
        // Of the terms a typo reaches, only the common ones (see engine.mjs).
        let df = |term: &str| {
            self.shard_at(term)
                .and_then(|at| self.shards[at].terms.get(term))
                .map_or(0, |list| list.len() / 2)
        };
        let most = out
            .iter()
            .filter(|(_, q)| **q == TYPO)
            .map(|(t, _)| df(t))
            .max()
            .unwrap_or(0);
        out.retain(|term, quality| *quality != TYPO || df(term) * TYPO_SHARE >= most);
        // A word the index does not know may be a typo that changed its stem: of the words one
        // edit from it, the longest stems the index has in the same shards (see engine.mjs).
        let in_shards = |term: &str| {
            shards
                .iter()
                .any(|at| self.shards[*at].terms.contains_key(term))
        };
        if typos && !token.stems.iter().any(|s| in_shards(s)) {
            let known: BTreeSet<String> = one_edit_away(&token.text)
                .iter()
                .flat_map(|variant| stem(variant))
                .filter(|s| s.chars().count() >= TYPO_MIN_TERM && in_shards(s))
                .collect();
            let longest = known.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            for term in known.iter().filter(|s| s.chars().count() == longest) {
                let at = out.entry(term.clone()).or_default();
                *at = (*at).max(TYPO);
            }
        }
        out
    }

    /// doc → best quality × posting over candidate terms.
    fn best(&self, candidates: &BTreeMap<String, u64>) -> BTreeMap<usize, u64> {
        let mut out: BTreeMap<usize, u64> = BTreeMap::new();
        for (term, quality) in candidates {
            for (doc, score) in self.postings(term) {
                let at = out.entry(doc).or_default();
                *at = (*at).max(quality * score);
            }
        }
        out
    }

    /// The synonym entries a token stands for, with their quality (see engine.mjs).
    fn synonyms(&self, token: &Token) -> Vec<(&Vec<Vec<String>>, u64)> {
        let mut entries = Vec::new();
        for group in &self.vocabulary.synonyms {
            let one =
                |entry: &Vec<Vec<String>>, close: bool| {
                    entry.len() == 1
                        && entry[0].iter().any(|s| {
                            token.stems.iter().any(|t| {
                                if close {
                                    within_one_edit(s, t)
                                } else {
                                    s == t
                                }
                            })
                        })
                };
            let mut own = group.iter().position(|e| one(e, false));
            let mut quality = SYNONYM;
            if own.is_none() && typo_tolerant(token) {
                own = group.iter().position(|e| one(e, true));
                quality = TYPO;
            }
            if let Some(own) = own {
                for (i, entry) in group.iter().enumerate() {
                    if i != own {
                        entries.push((entry, quality));
                    }
                }
            }
        }
        entries
    }

    /// Codes of the institutions a query names, by code or by full name.
    fn mentioned(&self, tokens: &[Token]) -> Vec<&str> {
        let texts: BTreeSet<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let meets = |word: &Token| {
            tokens
                .iter()
                .any(|t| t.stems.iter().any(|s| word.stems.contains(s)))
        };
        let mut codes = Vec::new();
        for record in self.records.iter().filter(|r| r.k == "iestade") {
            let code = analyze(&record.i);
            let name = analyze(&record.t);
            let by_code = !code.is_empty() && code.iter().all(|w| texts.contains(w.text.as_str()));
            let by_name = name.len() > 1 && name.iter().all(meets);
            if by_code || by_name {
                codes.push(record.i.as_str());
            }
        }
        codes
    }

    /// The results of a query as the search page lists them: the ranked documents, followed
    /// by the full-text passages when fewer than three documents match or `full_text` asks for
    /// them. Each with the index its record is in.
    pub fn search(&self, query: &str, full_text: bool) -> Vec<(&SearchData, Ranked)> {
        let ranked = self.rank(query);
        let few = ranked.len() < FEW;
        let mut out: Vec<(&SearchData, Ranked)> = ranked.into_iter().map(|r| (self, r)).collect();
        if let Some(text) = self.full_text.as_deref().filter(|_| full_text || few) {
            out.extend(text.rank(query).into_iter().map(|r| (text, r)));
        }
        out
    }

    /// Ranks every document matching at least one query word, best first.
    pub fn rank(&self, query: &str) -> Vec<Ranked> {
        let tokens = analyze(query);
        if tokens.is_empty() {
            return Vec::new();
        }
        let generic: BTreeSet<&str> = self.vocabulary.generic.iter().map(String::as_str).collect();
        let candidates: Vec<BTreeMap<String, u64>> =
            tokens.iter().map(|t| self.candidates(t)).collect();
        // A generic word, or an unknown word whose candidates include one (a typo of it).
        let mut is_generic: Vec<bool> = tokens
            .iter()
            .zip(&candidates)
            .map(|(t, found)| {
                t.stems.iter().any(|s| generic.contains(s.as_str()))
                    || (!found.values().any(|q| *q == EXACT)
                        && found.keys().any(|s| generic.contains(s.as_str())))
            })
            .collect();
        if is_generic.iter().all(|g| *g) {
            is_generic.fill(false);
        }
        // doc → (score, words matched)
        let mut totals: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
        for (i, token) in tokens.iter().enumerate() {
            let mut scores = self.best(&candidates[i]);
            for (entry, quality) in self.synonyms(token) {
                let words: Vec<BTreeMap<usize, u64>> = entry
                    .iter()
                    .map(|stems| self.best(&stems.iter().map(|s| (s.clone(), quality)).collect()))
                    .collect();
                for (&doc, &first) in &words[0] {
                    let value = words[1..]
                        .iter()
                        .fold(first, |v, w| v.min(w.get(&doc).copied().unwrap_or(0)));
                    let at = scores.entry(doc).or_default();
                    if value > 0 && *at < value {
                        *at = value;
                    }
                }
            }
            let weight = if is_generic[i] { GENERIC } else { WORD };
            for (doc, value) in scores {
                if value == 0 {
                    continue;
                }
                let total = totals.entry(doc).or_default();
                total.0 += weight * value;
                total.1 += u64::from(!is_generic[i]);
            }
        }
        let content = is_generic.iter().filter(|g| !**g).count() as u64;
        let codes = self.mentioned(&tokens);
        let mut ranked: Vec<Ranked> = totals
            .into_iter()
            .map(|(doc, (score, words))| {
                let record = &self.records[doc];
                Ranked {
                    doc,
                    rank: score
                        * words
                        * words
                        * role_factor(record, &codes)
                        * own_text(record)
                        * (PHRASE + phrases(record, &candidates)),
                    title: words == content && self.is_title(record, &candidates),
                }
            })
            .collect();
        let order = |r: &Ranked| {
            KIND_ORDER
                .iter()
                .position(|k| *k == self.records[r.doc].k)
                .unwrap_or(KIND_ORDER.len())
        };
        ranked.sort_by(|a, b| {
            b.title
                .cmp(&a.title)
                .then(b.rank.cmp(&a.rank))
                .then(self.records[a.doc].e.cmp(&self.records[b.doc].e))
                .then(order(a).cmp(&order(b)))
                .then(a.doc.cmp(&b.doc))
        });
        ranked
    }

    /// True when the record's title has exactly as many words as the query and each query
    /// word's candidate terms meet a different title word.
    fn is_title(&self, record: &Record, candidates: &[BTreeMap<String, u64>]) -> bool {
        let mut free = analyze(&record.t);
        if free.len() != candidates.len() {
            return false;
        }
        candidates.iter().all(|terms| {
            let at = free.iter().position(|w| {
                w.stems.iter().any(|s| terms.contains_key(s)) || terms.contains_key(&w.text)
            });
            at.map(|at| free.remove(at)).is_some()
        })
    }
}

/// How many pairs of neighbouring query words stand side by side, in order, in the record's
/// title, deadline or status as the result shows them (see engine.mjs).
fn phrases(record: &Record, candidates: &[BTreeMap<String, u64>]) -> u64 {
    let shown = [
        analyze(&record.t),
        analyze(record.d.as_deref().unwrap_or("")),
        analyze(record.s.as_deref().unwrap_or("")),
    ];
    let meets = |word: &Token, terms: &BTreeMap<String, u64>| {
        word.stems.iter().any(|s| terms.contains_key(s)) || terms.contains_key(&word.text)
    };
    candidates
        .windows(2)
        .filter(|pair| {
            shown.iter().any(|words| {
                words
                    .windows(2)
                    .any(|w| meets(&w[0], &pair[0]) && meets(&w[1], &pair[1]))
            })
        })
        .count() as u64
}

/// Words of five letters or more tolerate one typo.
fn typo_tolerant(token: &Token) -> bool {
    token.text.chars().all(char::is_alphabetic) && token.text.chars().count() >= TYPO_MIN_LETTERS
}

/// [`OWN_TEXT`] for the documents' own text, [`STRUCTURED`] for everything else.
fn own_text(record: &Record) -> u64 {
    if record.k == "teksts" {
        OWN_TEXT
    } else {
        STRUCTURED
    }
}

/// Three where an institution the query names is responsible, two where it is otherwise named.
fn role_factor(record: &Record, codes: &[&str]) -> u64 {
    let mut factor = 1;
    for code in codes {
        if record.a.iter().any(|c| c == code) {
            return ROLE_RESPONSIBLE;
        }
        if record.f.iter().any(|c| c == code) {
            factor = ROLE_NAMED;
        }
    }
    factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_an_insertion_deletion_substitution_or_swap() {
        assert!(within_one_edit("policij", "polcij"));
        assert!(within_one_edit("policij", "pollicij"));
        assert!(within_one_edit("policij", "polixij"));
        assert!(within_one_edit("kiberdrosib", "kibredrosib"));
        assert!(!within_one_edit("policij", "pilocij"));
        assert!(!within_one_edit("policij", "pol"));
        assert!(within_one_edit("iestāž", "iestaž"));
    }

    #[test]
    fn one_edit_away_keeps_the_first_two_letters_and_lists_each_word_once() {
        let words = one_edit_away("kripto");
        assert!(!words.contains("kirpto"), "the first letters stay");
        for word in ["krpto", "kripo", "kripot", "krupto", "kriptos", "krippto"] {
            assert!(words.contains(word), "{word}");
        }
        assert!(!words.contains("kripto"));
        assert!(words.iter().all(|w| w.starts_with("kr")));
        // Four kinds of edit at each of five places: 4 drops, 3 swaps, 26 × 4 replacements and
        // 26 × 5 insertions, fewer the repeats.
        assert!(
            words.len() > 200 && words.len() < 4 + 3 + 26 * 9,
            "{}",
            words.len()
        );
    }
}

#[cfg(test)]
mod ranking {
    use crate::content::SearchVocabulary;
    use crate::search::analyzer::analyze;
    use crate::search::documents::{Document, Field, Kind};
    use crate::search::index::{SearchData, Vocabulary};

    fn measure(id: &str, title: &str, responsible: &[&str], involved: &[&str]) -> Document {
        let mut fields = vec![
            (Field::Id, id.to_string()),
            (Field::Title, title.to_string()),
        ];
        fields.extend(
            responsible
                .iter()
                .map(|c| (Field::Responsible, c.to_string())),
        );
        fields.extend(
            involved
                .iter()
                .map(|c| (Field::Institutions, c.to_string())),
        );
        let mut institutions: Vec<String> = responsible
            .iter()
            .chain(involved)
            .map(|c| c.to_string())
            .collect();
        institutions.sort();
        Document {
            kind: Kind::Measure,
            url: format!("plani/p/pasakumi/{id}/"),
            id: id.to_string(),
            title: title.to_string(),
            plan: Some("p".into()),
            responsible: responsible.iter().map(|c| c.to_string()).collect(),
            institutions,
            responsible_codes: responsible.iter().map(|c| c.to_string()).collect(),
            co_responsible_codes: Vec::new(),
            finished: false,
            deadline: None,
            year: None,
            status: None,
            fields,
        }
    }

    fn institution(code: &str, name: &str) -> Document {
        let mut doc = measure(code, name, &[], &[]);
        doc.kind = Kind::Institution;
        doc.institutions = vec![code.to_string()];
        doc.responsible_codes = vec![code.to_string()];
        doc
    }

    fn ids(data: &SearchData, query: &str) -> Vec<String> {
        data.rank(query)
            .into_iter()
            .map(|r| data.records[r.doc].i.clone())
            .collect()
    }

    fn data(docs: &[Document], vocabulary: &SearchVocabulary) -> SearchData {
        SearchData::new(
            docs,
            &[("p".into(), "P".into())],
            Vocabulary::new(vocabulary),
            "",
        )
    }

    #[test]
    fn a_named_institution_lifts_its_measures_by_role_and_generic_words_weigh_little() {
        let docs = [
            measure("1", "Pasākumi sadarbībai ar pašvaldībām", &["VRS"], &["VP"]),
            measure("2", "Kibernoziegumu apkarošana", &["VP"], &[]),
            measure(
                "3",
                "Pasākumi un uzdevumi noziedzības novēršanai",
                &["VDD"],
                &[],
            ),
            institution("VP", "Valsts policija"),
        ];
        let vocabulary = SearchVocabulary {
            generic: vec!["pasākums".into(), "atbildīgs".into()],
            synonyms: Vec::new(),
        };
        let data = data(&docs, &vocabulary);
        let found = ids(&data, "VP atbildīgie pasākumi");
        assert_eq!(
            &found[..2],
            ["VP", "2"],
            "{found:?}: responsible before involved"
        );
        assert!(found.iter().position(|i| i == "1") < found.iter().position(|i| i == "3"));
    }

    #[test]
    fn a_typo_that_changes_the_stem_still_finds_the_word() {
        // "kriptovalūtas" stems to "kriptoval"; with two letters swapped, "kriptovaltūas" stems
        // to "kriptovaltu", two edits away. Measure titles from the strategy (seeds/001).
        let docs = [
            measure(
                "3.3.1",
                "Stiprināt kriptovalūtu izmeklēšanas spējas",
                &["VP"],
                &[],
            ),
            measure("3.3.2", "Kriminālizlūkošanas attīstība", &["VP"], &[]),
        ];
        let data = data(&docs, &SearchVocabulary::default());
        assert_eq!(ids(&data, "kriptovaltūas"), ["3.3.1"]);
        assert_eq!(ids(&data, "kriptovalūtas"), ["3.3.1"]);
    }

    #[test]
    fn a_typo_reaches_no_short_term_and_a_typo_of_a_generic_word_weighs_little() {
        let docs = [
            measure("1", "Uzdevumi un pasākumi", &["VP"], &[]),
            measure("2", "Izpildes procesā esošie projekti", &["VP"], &[]),
            measure("3", "AG darba grupa", &["VP"], &[]),
        ];
        let vocabulary = SearchVocabulary {
            generic: vec!["uzdevums".into()],
            synonyms: Vec::new(),
        };
        let data = data(&docs, &vocabulary);
        assert!(ids(&data, "algas").is_empty(), "\"alg\" is not \"ag\"");
        assert_eq!(
            ids(&data, "uzdeumi izpildes procesā"),
            ids(&data, "uzdevumi izpildes procesā"),
            "the misspelt generic word weighs as little as the right one"
        );
        assert_eq!(ids(&data, "uzdeumi izpildes procesā")[0], "2");
    }

    #[test]
    fn query_words_side_by_side_in_what_a_result_shows_rank_it_higher() {
        // 4.6 names the cybersecurity month in its title and says "katru gadu" in its text;
        // 1.19 is due "Katru mēnesi" (the organised-crime plan and the cyber report, seeds/000
        // and seeds/004).
        let mut monthly = measure(
            "1.19",
            "Informēt sabiedrību par situāciju cīņā ar organizēto noziedzību",
            &["VP"],
            &[],
        );
        monthly.deadline = Some("Katru mēnesi".into());
        monthly
            .fields
            .push((Field::Deadline, "termiņš Katru mēnesi".into()));
        let mut month = measure(
            "4.6",
            "Sabiedrības zināšanu pilnveide (kiberdrošības mēnesis, drošāka interneta diena)",
            &["VARAM"],
            &[],
        );
        month.fields.push((
            Field::Description,
            "VARAM katru gadu martā organizē informatīvo kampaņu".into(),
        ));
        let data = data(&[month, monthly], &SearchVocabulary::default());
        assert_eq!(ids(&data, "katru mēnesi"), ["1.19", "4.6"]);
        let pairs = |query: &str| {
            let candidates: Vec<_> = analyze(query).iter().map(|t| data.candidates(t)).collect();
            data.records
                .iter()
                .map(|r| super::phrases(r, &candidates))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pairs("katru mēnesi"),
            [0, 1],
            "in the deadline, not across fields"
        );
        assert_eq!(pairs("mēnesi katru"), [0, 0], "in order only");
    }

    #[test]
    fn synonyms_find_words_and_whole_phrases() {
        let docs = [
            measure(
                "1",
                "Attīstīt bezpilota gaisa kuģu izmantošanu",
                &["VP"],
                &[],
            ),
            measure("2", "Gaisa kvalitātes mērījumi", &["VARAM"], &[]),
        ];
        let vocabulary = SearchVocabulary {
            generic: Vec::new(),
            synonyms: vec![vec!["drons".into(), "bezpilota gaisa kuģis".into()]],
        };
        let data = data(&docs, &vocabulary);
        assert_eq!(
            ids(&data, "droni"),
            ["1"],
            "the phrase, only where all its words are"
        );
        assert_eq!(ids(&data, "dronu"), ["1"]);
        assert_eq!(
            ids(&data, "drnoi"),
            ["1"],
            "a typo of a synonym still reaches it"
        );
    }
}
