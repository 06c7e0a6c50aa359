//! The one Latvian text analyser: every indexer and every query goes through [`analyze`], and the
//! browser's `themes/default/static/search/analyzer.mjs` is its line-by-line twin (checked
//! against vectors this module writes, see `tests/fixtures/search/vectors.json`).
//!
//! Steps, in order, for each token:
//!
//! 1. **Tokenising** the text as written: a token is a run of letters, digits and combining marks,
//!    and a `.` or `/` *between* two such runs joins them, so codes stay whole ("CERT.LV",
//!    "06.01.00", "1.21", "2024/1712") while a sentence's final dot is dropped. Hyphens and dashes
//!    separate ("2014.–2018." gives "2014" and "2018"). Offsets are byte offsets into the input,
//!    so a caller can highlight the words it found.
//! 2. **Normalising** (NFKC, so ligatures and full-width forms become plain letters), **lower-casing**
//!    and **folding diacritics** (NFKD, combining marks dropped: ā→a, č→c, ē→e, ģ→g, ī→i, ķ→k,
//!    ļ→l, ņ→n, š→s, ū→u, ž→z). People type on phones without Latvian letters, so the index
//!    never keeps them.
//! 3. Dropping a short list of function words ("un", "ar", "par", …) that would match everything,
//!    except that a **negation** particle ("ne", "nav") followed by a word joins it as the prefix
//!    "ne-", the way Latvian negates verbs and adjectives: "nav izpildīts" becomes "neizpildīts",
//!    so "neizpildītie uzdevumi" finds the tasks reported as not done, and "nav uzsākts" only
//!    those not started. (The index also keeps the word itself, see `index_terms` in
//!    [`super::index`], so "informācija" still finds "nav informācijas".)
//! 4. **Stemming** words made only of letters, with [`stem`] (codes and numbers stay as they are).
//!
//! Folding comes before stemming on purpose: a query typed without diacritics must stem exactly
//! like the document's word. The price is that the stemmer sees "iestazu", not "iestāžu", and
//! cannot tell a folded ž from a plain z; so where inflection may have changed the stem's last
//! consonant it returns both candidates (see [`stem`]).

use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

/// One analysed token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word normalised, lower-cased and folded ("iestazu").
    pub text: String,
    /// Index terms: one stem, or two when an undone consonant change is ambiguous
    /// (["iestaz", "iestad"]); for codes and numbers the text itself.
    pub stems: Vec<String>,
    /// Byte range of the token in the analysed text.
    pub start: usize,
    pub end: usize,
}

/// A run of letters, digits and marks, with `.` or `/` allowed between two runs. The browser twin
/// uses the same pattern, so token boundaries agree.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}\p{M}]+(?:[./][\p{L}\p{N}\p{M}]+)*").expect("token pattern")
});

/// Function words (folded) that occur in nearly every measure and carry no meaning for search:
/// conjunctions, prepositions, common pronouns and auxiliaries. "es" is not here: in these
/// documents "ES" is the European Union.
pub const STOP_WORDS: [&str; 33] = [
    "ar", "ari", "bet", "bez", "gan", "ir", "ja", "jo", "ka", "kas", "ko", "kur", "lai", "lidz",
    "ne", "nav", "no", "pa", "par", "pec", "pie", "pret", "si", "sie", "sis", "so", "ta", "tas",
    "tie", "tiek", "to", "un", "uz",
];

/// Negation particles (folded): "nav izpildīts" says what "neizpildīts" says, so a particle
/// followed by a word (across spaces only) is joined to it as the prefix "ne-".
const NEGATIONS: [&str; 2] = ["ne", "nav"];

/// What may stand between a negation particle and its word: spaces, tabs, line breaks and
/// no-break spaces (the same set in the browser twin).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{a0}')
}

/// Analyses text into index or query tokens (see the module documentation for the steps).
pub fn analyze(text: &str) -> Vec<Token> {
    analyze_shared(text)
        .into_iter()
        .map(|token| Token {
            text: token.word.text.clone(),
            stems: token.word.stems.clone(),
            start: token.start,
            end: token.end,
        })
        .collect()
}

/// The analysis of one written form ("Iestāžu"), or of a negation joined to one: the same for
/// all its occurrences, so it is worked out once per thread and shared (see [`analyze_shared`]).
#[derive(Debug)]
pub struct Word {
    /// The form normalised, lower-cased and folded, as [`Token::text`].
    pub text: String,
    /// Its index terms, as [`Token::stems`].
    pub stems: Vec<String>,
    /// True when it is made only of letters (a word, not a code or a number).
    is_word: bool,
}

impl Word {
    fn new(text: String) -> Word {
        let is_word = is_word(&text);
        let stems = if is_word {
            stem(&text)
        } else {
            vec![text.clone()]
        };
        Word {
            text,
            stems,
            is_word,
        }
    }
}

/// One token of [`analyze_shared`]: its word's analysis, shared, and its byte range.
#[derive(Debug, Clone)]
pub struct SharedToken {
    pub word: Rc<Word>,
    pub start: usize,
    pub end: usize,
}

/// What [`analyze`] returns, without a copy of each token's text and stems: the words are
/// shared with a per-thread memo of written forms.
///
/// A text repeats its words, and the index analyses every document's fields, its glossary and
/// its titles again and again: folding (Unicode normalisation) and stemming a written form once
/// per thread instead of at each occurrence takes most of the index build's analysing away.
/// A corpus's distinct forms grow far slower than its text (Heaps' law); the memo is still
/// bounded, emptied when it holds 65 536 forms (`MEMO_WORDS`).
pub fn analyze_shared(text: &str) -> Vec<SharedToken> {
    let found: Vec<SharedToken> = TOKEN
        .find_iter(text)
        .map(|m| SharedToken {
            word: Memo::written(m.as_str()),
            start: m.start(),
            end: m.end(),
        })
        .collect();
    let mut tokens = Vec::with_capacity(found.len());
    let mut found = found.into_iter().peekable();
    while let Some(token) = found.next() {
        let folded = token.word.text.as_str();
        if let Some(next) = found.next_if(|next| {
            NEGATIONS.contains(&folded)
                && next.word.is_word
                && !STOP_WORDS.contains(&next.word.text.as_str())
                && text[token.end..next.start].chars().all(is_gap)
        }) {
            tokens.push(SharedToken {
                word: Memo::negated(&next.word),
                start: token.start,
                end: next.end,
            });
            continue;
        }
        if folded.is_empty() || STOP_WORDS.contains(&folded) {
            continue;
        }
        tokens.push(token);
    }
    tokens
}

/// Written forms analysed so far on this thread, by form, and negations joined, by the folded
/// word they join.
#[derive(Default)]
struct Memo {
    written: HashMap<String, Rc<Word>>,
    negated: HashMap<String, Rc<Word>>,
}

/// The most forms [`Memo`] keeps per thread (and as many negations) before it starts over:
/// a few megabytes at most, far more than the distinct forms of hundreds of plans.
const MEMO_WORDS: usize = 1 << 16;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

impl Memo {
    /// The analysis of a token as written.
    fn written(written: &str) -> Rc<Word> {
        MEMO.with_borrow_mut(|memo| {
            if let Some(word) = memo.written.get(written) {
                return Rc::clone(word);
            }
            if memo.written.len() >= MEMO_WORDS {
                memo.written.clear();
            }
            let word = Rc::new(Word::new(fold(written)));
            memo.written.insert(written.to_string(), Rc::clone(&word));
            word
        })
    }

    /// The analysis of a negation particle joined to `next` ("ne" + "izpildits").
    fn negated(next: &Word) -> Rc<Word> {
        MEMO.with_borrow_mut(|memo| {
            if let Some(word) = memo.negated.get(&next.text) {
                return Rc::clone(word);
            }
            if memo.negated.len() >= MEMO_WORDS {
                memo.negated.clear();
            }
            let word = Rc::new(Word::new(format!("ne{}", next.text)));
            memo.negated.insert(next.text.clone(), Rc::clone(&word));
            word
        })
    }
}

/// True for a token made only of letters (a word, not a code or a number).
fn is_word(folded: &str) -> bool {
    !folded.is_empty() && folded.chars().all(char::is_alphabetic)
}

/// Normalises, lower-cases and folds diacritics: the crate's one folding function, re-exported
/// here because it is step 2 of the analyser.
pub use crate::text::fold;

/// Endings of nouns, adjectives (indefinite and definite), participles and verbs, folded, longest
/// first. Folding merges long and short vowels, so "-ām" and "-am", "-ās" and "-as" are one entry.
///
/// - nouns, all six declensions: -s/-š, -is, -us, -a, -e, -s (fem.) and their cases
///   (-a, -am, -u, -ā; -i, -u, -iem, -us, -os; -as, -ai, -ām, -ās; -es, -ei, -ēm, -ēs; -ij, -īm,
///   -īs; -im, -um);
/// - definite adjectives and participles: -ais, -ajam, -ajā, -ie, -ajiem, -ajos, -ajai, -ajām,
///   -ajās, -o;
/// - verbs: present and past personal endings coincide with the above (-u, -i, -a, -am, -at is
///   reached through the infinitive rule), reflexive -ies (-ties) and -as/-os.
const ENDINGS: [&str; 28] = [
    "ajiem", "ajam", "ajai", "ajos", "ajas", "aja", "iem", "ais", "ies", "am", "as", "ai", "ei",
    "es", "em", "im", "is", "ij", "os", "us", "um", "ie", "a", "e", "i", "o", "u", "s",
];

/// Endings after which a noun's last stem consonant may have changed: the genitive singular and
/// the plural of the 2nd declension (brālis → brāļa, brāļi, brāļu, brāļiem, brāļus, brāļos) and
/// the genitive plural of the 5th and 6th (iestāde → iestāžu, zivs → zivju).
const ALTERNATING: [&str; 6] = ["a", "i", "u", "iem", "us", "os"];

/// The shortest stem an ending may leave: shorter remainders are roots ("gads" → "gad").
const MIN_STEM: usize = 3;

/// The shortest a root may be: a noun of three letters ("upe") and its forms ("upju", "upes",
/// "upēm") meet on a root of two ("up"), which must hold a vowel, so codes without one ("NVA",
/// "NVO": "nv") never meet that way.
const MIN_ROOT: usize = 2;

/// The comparative suffix of adjectives and adverbs (folded "-āk-": "drošāks", "drošākā",
/// "drošāk"), removed when at least [`MIN_COMPARED`] letters stay, so the degrees meet
/// ("drošāka interneta" and "drošs internets").
const COMPARATIVE: &str = "ak";
const MIN_COMPARED: usize = 4;

/// Stems one folded, all-letter word into its candidate stems (one, two or three).
///
/// 1. The longest ending of `ENDINGS` that leaves at least three letters is removed; words of
///    three letters or fewer are kept whole (codes such as "iem" for "IeM").
/// 2. Verb forms are brought to the verb's root so that the infinitive, the participles and the
///    verbal noun meet the noun: the verbal-noun suffix "-šan-" (folded "san": "apkarošana"),
///    else a final "-t" after a vowel (infinitive "izstrādāt", participle "izstrādāts"), is removed,
///    and then the thematic vowel before it ("izstrādā-" → "izstrād", like "izstrāde"). Else the
///    comparative "-āk-" of an adjective is removed ("drošākais" → "droš", like "drošs").
/// 3. Consonant changes of inflection are undone. Folding already merges ļ/l, ņ/n, č/c, šļ/sl,
///    šņ/sn, žņ/zn and dž/dz; what remains after one of the `ALTERNATING` endings is ž (folded
///    z) from d or z, š (folded s) from t or s, and the j inserted after a labial (b, m, p, v, f:
///    "zivju" → "ziv"). For z and s the stem is ambiguous, so both candidates are returned, the
///    form as written first: "iestazu" → ["iestaz", "iestad"], which meets "iestade" → ["iestad"].
///    (ķ is folded to k; k and ķ do not alternate with t in noun inflection, so nothing is undone
///    for them.)
/// 4. Short nouns: where an ending would leave a root of two letters with a vowel ("upes",
///    "upēm"; "upe" itself, whose last letter is an ending), that root is one more candidate, so
///    all forms of a three-letter noun meet ("upju" → "up" after step 3).
pub fn stem(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let root = short_root(&chars);
    if chars.len() <= MIN_STEM {
        let mut stems = vec![word.to_string()];
        stems.extend(root);
        return stems;
    }
    let ending = ENDINGS
        .iter()
        .find(|e| word.ends_with(*e) && chars.len() - e.chars().count() >= MIN_STEM)
        .copied()
        .unwrap_or("");
    let mut stem: Vec<char> = chars[..chars.len() - ending.chars().count()].to_vec();

    let verbal = if ends_with(&stem, "san") && stem.len() >= 6 {
        stem.truncate(stem.len() - 3);
        true
    } else if stem.len() >= 6 && stem.last() == Some(&'t') && is_vowel(stem[stem.len() - 2]) {
        stem.pop();
        true
    } else {
        false
    };
    if verbal && stem.len() >= 5 && stem.last().is_some_and(|c| is_vowel(*c)) {
        stem.pop();
    }
    let compared =
        !verbal && ends_with(&stem, COMPARATIVE) && stem.len() >= MIN_COMPARED + COMPARATIVE.len();
    if compared {
        stem.truncate(stem.len() - COMPARATIVE.len());
    }

    let mut stems = Vec::with_capacity(2);
    if !verbal && !compared && ALTERNATING.contains(&ending) {
        let n = stem.len();
        match stem[n - 1] {
            'j' if matches!(stem[n - 2], 'b' | 'm' | 'p' | 'v' | 'f') => {
                stem.pop();
            }
            'z' => stems.push(with_last(&stem, 'd')),
            's' => stems.push(with_last(&stem, 't')),
            _ => {}
        }
    }
    let first: String = stem.into_iter().collect();
    stems.insert(0, first);
    if let Some(root) = root.filter(|r| !stems.contains(r)) {
        stems.push(root);
    }
    stems
}

/// The two-letter root a short noun's ending leaves (step 4 of [`stem`]), if it has a vowel.
fn short_root(chars: &[char]) -> Option<String> {
    let word: String = chars.iter().collect();
    ENDINGS
        .iter()
        .filter(|e| word.ends_with(*e) && chars.len() - e.chars().count() == MIN_ROOT)
        .map(|_| chars[..MIN_ROOT].iter().collect::<String>())
        .find(|root: &String| root.chars().any(is_vowel))
}

fn ends_with(stem: &[char], suffix: &str) -> bool {
    let suffix: Vec<char> = suffix.chars().collect();
    stem.ends_with(&suffix)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The stem with its last letter replaced.
fn with_last(stem: &[char], last: char) -> String {
    stem[..stem.len() - 1]
        .iter()
        .chain(std::iter::once(&last))
        .collect()
}

/// The index terms of a text: every stem of every token, in order.
pub fn terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().flat_map(|t| t.stems).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stems of one word.
    fn stems(word: &str) -> Vec<String> {
        let tokens = analyze(word);
        assert_eq!(tokens.len(), 1, "{word:?} is one token: {tokens:?}");
        tokens.into_iter().next().unwrap().stems
    }

    /// Word forms that must share a stem with the first form of their row.
    const FORMS: [&[&str]; 25] = [
        &[
            "iestāde",
            "iestādes",
            "iestādei",
            "iestādi",
            "iestādē",
            "iestāžu",
            "iestādēm",
            "iestādēs",
            "iestazu",
            "iestades",
        ],
        &[
            "apmācība",
            "apmācības",
            "apmācību",
            "apmācībai",
            "apmācībām",
            "apmacibas",
        ],
        &[
            "kiberdrošība",
            "kiberdrošības",
            "kiberdrosiba",
            "KIBERDROŠĪBAS",
        ],
        &[
            "policija",
            "policijas",
            "policijai",
            "policiju",
            "policijā",
            "policijām",
        ],
        &[
            "ministrija",
            "ministrijas",
            "ministrijai",
            "ministrijām",
            "ministrijās",
        ],
        &["sadarbība", "sadarbības", "sadarbību", "sadarbibai"],
        &["cilvēks", "cilvēku", "cilvēki", "cilvēkiem", "cilveku"],
        &[
            "tirdzniecība",
            "tirdzniecības",
            "tirdzniecību",
            "tirdzniecibu",
        ],
        &[
            "pasākums",
            "pasākuma",
            "pasākumam",
            "pasākumu",
            "pasākumā",
            "pasākumi",
            "pasākumiem",
            "pasākumus",
            "pasākumos",
        ],
        &["valsts", "valstij", "valstu", "valstīm", "valstis"],
        &["noziedzība", "noziedzības", "noziedzību"],
        &[
            "izstrādāt",
            "izstrādāts",
            "izstrādāta",
            "izstrādātā",
            "izstrādātie",
            "izstrāde",
            "izstrādes",
            "izstrādāšana",
            "izstrādāšanai",
        ],
        &[
            "nodrošināt",
            "nodrošina",
            "nodrošināts",
            "nodrošināšana",
            "nodrošinātu",
        ],
        &["apkarošana", "apkarošanas", "apkarot", "apkarotu"],
        &[
            "organizēta",
            "organizētās",
            "organizētā",
            "organizētais",
            "organizētajai",
            "organizētajiem",
        ],
        &[
            "rezultāts",
            "rezultāta",
            "rezultātu",
            "rezultāti",
            "rezultātiem",
        ],
        &["zivs", "zivju", "zivis"],
        &["brālis", "brāļa", "brāļi", "brāļu", "brāļiem"],
        &["tiesnesis", "tiesneša", "tiesneši", "tiesnešu"],
        &["nakts", "nakšu", "naktis"],
        &["gads", "gada", "gadam", "gadu", "gadā", "gadi", "gados"],
        &[
            "atbilstošs",
            "atbilstoša",
            "atbilstošā",
            "atbilstošais",
            "atbilstošu",
        ],
        &["iesaistīt", "iesaistīties", "iesaistīta", "iesaistītās"],
        &["apkope", "apkopes", "apkopju"],
        &["vide", "vides", "vižu"],
    ];

    /// Every form of `row` shares a stem with its first, the base form.
    fn assert_forms_meet_the_first(row: &[&str]) {
        let base = stems(row[0]);
        for form in row {
            let these = stems(form);
            assert!(
                these.iter().any(|s| base.contains(s)),
                "{form:?} {these:?} does not meet {:?} {base:?}",
                row[0]
            );
        }
    }

    #[test]
    fn inflected_forms_meet_their_base_form() {
        let mut checked = 0;
        for row in FORMS {
            assert_forms_meet_the_first(row);
            checked += row.len();
        }
        assert!(checked >= 40, "only {checked} forms");
    }

    /// Consonant alternation by declension, after a Latvian grammar reference (the tables of
    /// "līdzskaņu mija" in Mūsdienu latviešu valodas gramatika, LU LVI 2013: the 2nd declension
    /// alternates in the genitive singular and the whole plural, the 5th and 6th in the genitive
    /// plural; s→š, z→ž, t→š, d→ž, c→č, dz→dž, l→ļ, n→ņ, sl→šļ, sn→šņ, zn→žņ, and p, b, m, v →
    /// pj, bj, mj, vj). Each row: the nominative first, then forms that must meet it.
    const ALTERNATIONS: [&[&str]; 30] = [
        // 2nd declension
        &[
            "brālis",
            "brāļa",
            "brāļi",
            "brāļu",
            "brāļiem",
            "brāļus",
            "brāļos",
        ],
        &[
            "tiesnesis",
            "tiesneša",
            "tiesneši",
            "tiesnešu",
            "tiesnešiem",
        ],
        &["lācis", "lāča", "lāči", "lāču"],
        &["dadzis", "dadža", "dadži", "dadžu"],
        &["kurmis", "kurmja", "kurmji", "kurmju"],
        &["gulbis", "gulbja", "gulbji"],
        &["skapis", "skapja", "skapji", "skapjos"],
        &["zirnis", "zirņa", "zirņi"],
        &["akmens", "akmeņa", "akmeņi", "akmeņu"],
        &["suns", "suņa", "suņi", "suņu"],
        &["ārzemnieks", "ārzemnieki", "ārzemniekiem", "ārzemnieku"],
        // 5th declension
        &["iestāde", "iestāžu", "iestādēm"],
        &["zīle", "zīļu"],
        &["bite", "bišu"],
        &["vāze", "vāžu"],
        &["puse", "pušu"],
        &["egle", "egļu"],
        &["zeme", "zemju"],
        &["lapsene", "lapseņu"],
        &["aploksne", "aplokšņu"],
        &["izstāde", "izstāžu"],
        &["pieredze", "pieredžu"],
        &["robeža", "robežu", "robežas"],
        // 6th declension
        &["zivs", "zivju", "zivis"],
        &["nakts", "nakšu", "naktis"],
        &["pils", "piļu", "pilis"],
        &["sirds", "siržu", "sirdis"],
        &["govs", "govju"],
        &["krāsns", "krāšņu"],
        &["asins", "asiņu"],
    ];

    #[test]
    fn consonant_alternations_meet_in_every_declension() {
        for row in ALTERNATIONS {
            assert_forms_meet_the_first(row);
        }
    }

    /// Words of three letters keep their whole form as their first stem, so that codes ("VID",
    /// "NVA") stay whole; a short noun also has its two-letter root, so that all its forms meet,
    /// alternating ones too ("upe", "upju"; "ezis", "eža"), while codes without a vowel in it
    /// ("NVA", "NVO") do not meet each other.
    #[test]
    fn three_letter_nouns_meet_their_forms_and_codes_stay_whole() {
        assert_eq!(stems("upe"), ["upe", "up"]);
        assert_eq!(stems("vid"), ["vid"]);
        assert_eq!(stems("nva"), ["nva"]);
        assert_eq!(stems("nvo"), ["nvo"]);
        for row in [
            &["upe", "upes", "upei", "upi", "upē", "upju", "upēm", "upēs"][..],
            &["ezis", "eža", "ezim", "ezi", "eži", "ežu", "ežiem"],
            &["ola", "olas", "olu", "olām"],
        ] {
            assert_forms_meet_the_first(row);
        }
    }

    /// The comparative degree ("-āk-") meets the positive, in every ending; verbs whose root
    /// ends in "-ak" are too short to lose it ("nosaka", "uzsāka").
    #[test]
    fn comparatives_meet_the_positive_degree() {
        for row in [
            &[
                "drošs",
                "drošāks",
                "drošāka",
                "drošākā",
                "drošākais",
                "drošāk",
                "drošākajiem",
            ][..],
            &["liels", "lielāks", "lielākā", "lielākajās", "lielāku"],
            &["efektīvs", "efektīvāka", "efektīvāk", "efektīvākai"],
            &["aktuāls", "aktuālāka", "aktuālie"],
        ] {
            assert_forms_meet_the_first(row);
        }
        assert_eq!(stems("nosaka"), ["nosak"]);
        assert_eq!(stems("uzsāka"), ["uzsak"]);
    }

    /// A negation particle joins the word after it, as the prefix "ne-" does; across spaces
    /// only, never a function word or a code with a dot, and a particle alone is dropped.
    #[test]
    fn negation_particles_join_the_next_word() {
        let words = |text: &str| -> Vec<(String, Vec<String>)> {
            analyze(text)
                .into_iter()
                .map(|t| (t.text, t.stems))
                .collect()
        };
        let not_done = words("Nav izpildīts");
        assert_eq!(not_done, words("neizpildīts"));
        assert_eq!(not_done[0].1, words("neizpildītie")[0].1);
        assert_eq!(not_done[0].0, "neizpildits");
        assert_ne!(words("izpildīts")[0].1, not_done[0].1);
        assert_eq!(words("nav  uzsākts"), words("neuzsākts"));
        assert_eq!(words("ne\u{a0}vienmēr")[0].0, "nevienmer");
        // Punctuation between them, a function word after, or nothing after: no join.
        assert_eq!(words("nav, izpildīts"), words("izpildīts"));
        assert_eq!(words("ne tikai, bet arī")[0].0, "netikai");
        assert_eq!(words("nav ar"), []);
        assert_eq!(words("ne"), []);
        assert_eq!(words("nav 2025"), words("2025"));
        let text = "Statuss: nav izpildīts.";
        let tokens = analyze(text);
        assert_eq!(&text[tokens[1].start..tokens[1].end], "nav izpildīts");
    }

    #[test]
    fn different_words_stay_apart() {
        for (a, b) in [
            ("policija", "politika"),
            ("iestāde", "iesniegums"),
            ("valsts", "valoda"),
            ("ministrija", "ministrs"),
            ("sadarbība", "darbība"),
            ("plāns", "plānošana"),
        ] {
            let (sa, sb) = (stems(a), stems(b));
            if (a, b) == ("plāns", "plānošana") {
                // The verbal noun reaches the verb's root, which is the noun's: wanted.
                assert!(sa.iter().any(|s| sb.contains(s)), "{a} {sa:?} / {b} {sb:?}");
            } else {
                assert!(
                    !sa.iter().any(|s| sb.contains(s)),
                    "{a} {sa:?} / {b} {sb:?}"
                );
            }
        }
    }

    #[test]
    fn ambiguous_consonant_changes_give_both_stems() {
        assert_eq!(stems("iestāžu"), ["iestaz", "iestad"]);
        assert_eq!(stems("iestāde"), ["iestad"]);
        assert_eq!(stems("nakšu"), ["naks", "nakt"]);
        assert_eq!(stems("zivju"), ["ziv"]);
        assert_eq!(stems("rožu"), ["roz", "rod"]);
        assert_eq!(stems("roze"), ["roz"]);
    }

    #[test]
    fn codes_and_numbers_stay_whole() {
        let text =
            "CERT.LV, IeM (VP), 06.01.00 un 1.21. punkts; regula 2024/1712; 2014.–2018. gadam";
        let tokens: Vec<(String, Vec<String>)> = analyze(text)
            .into_iter()
            .map(|t| (t.text, t.stems))
            .collect();
        let texts: Vec<&str> = tokens.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "cert.lv",
                "iem",
                "vp",
                "06.01.00",
                "1.21",
                "punkts",
                "regula",
                "2024/1712",
                "2014",
                "2018",
                "gadam"
            ]
        );
        for (text, stems) in &tokens {
            if !text.chars().all(char::is_alphabetic) || text.chars().count() <= 3 {
                assert_eq!(stems, std::slice::from_ref(text), "{text} is kept whole");
            }
        }
    }

    #[test]
    fn offsets_point_into_the_text_as_written() {
        let text = "Valsts policijā — Iestāžu";
        let words: Vec<&str> = analyze(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(words, ["Valsts", "policijā", "Iestāžu"]);
    }

    #[test]
    fn function_words_are_dropped() {
        let words: Vec<String> = analyze("Sadarbība ar pašvaldībām un NVO par to")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(words, ["sadarbiba", "pasvaldibam", "nvo"]);
    }
}
