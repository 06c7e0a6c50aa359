//! Deadlines: the raw text of a deadline cell and the dates it names.
//!
//! Cells say "2025. gada decembris", "2024.gada decembris.", "31.12.2027.", "2015. g. 2. cet."
//! (the end of the second quarter), "2018. g.", or "Katru gadu sākot no 2025.gada" (recurring,
//! with a start year, not a due date). A cell may hold two deadlines; all named dates are kept and
//! the latest one is the measure's `deadline_date`. A period ("2. cet.", "decembris", "2018. g.")
//! becomes its last day, because that is when the measure is due.
//!
//! Digits are read in any script: a date typed with full-width ("２０２５. gada decembris") or
//! Arabic-Indic ("٣١.١٢.٢٠٢٥.") digits names the same date as with 0–9, so every Unicode decimal
//! digit is read as the ASCII digit of the same value (`ascii_digits`); `raw` keeps the text as
//! printed. Other numerals (superscripts, Roman numerals) are not digits and name no date.

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A deadline cell, read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The cell text as printed (spaces collapsed).
    pub raw: String,
    /// Every date the text names, ascending, without repeats.
    pub dates: Vec<NaiveDate>,
    /// The text says the work repeats ("Katru gadu", "Pastāvīgi", "Katru mēnesi").
    pub recurring: bool,
}

impl Deadline {
    /// Reads a deadline cell.
    pub fn parse(raw: &str) -> Deadline {
        let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = raw.to_lowercase();
        let mut dates = named_dates(&ascii_digits(&lower));
        dates.sort();
        dates.dedup();
        Deadline {
            recurring: RECURRING.iter().any(|w| lower.contains(w)),
            dates,
            raw,
        }
    }

    /// The date the measure is due: the latest named date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.dates.last().copied()
    }

    /// The year of [`Deadline::date`], for the deadlines-by-year pages.
    pub fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.date().map(|d| d.year())
    }

    /// The year recurring work starts, when the text says so ("Katru gadu sākot no 2025.gada",
    /// "sākot ar 2025. gadu"): a start, not a due date, so it is not among [`Deadline::dates`].
    pub fn start_year(&self) -> Option<i32> {
        let lower = ascii_digits(&self.raw.to_lowercase());
        YEAR.captures_iter(&lower)
            .find(|caps| caps.get(1).is_some())
            .map(|caps| num(&caps[2]) as i32)
    }

    /// True when the text looks like a deadline: it names a date or says the work recurs.
    pub fn is_deadline_like(text: &str) -> bool {
        let d = Deadline::parse(text);
        (!d.dates.is_empty() || d.recurring) && text.chars().count() < 120
    }
}

/// Words that make a deadline recurring.
const RECURRING: [&str; 9] = [
    "katru",
    "ik gad",
    "ik mēnes",
    "ikgadēj",
    "pastāvīg",
    "regulār",
    "reizi gadā",
    "nepārtraukt",
    "visu plāna",
];

/// Latvian month names in the nominative, January first: the one list the deadline reader, the
/// pages ("2025. gada 31. decembris") and the search index ("30.06.2026" → jūnijs) share.
pub const MONTH_NAMES: [&str; 12] = [
    "janvāris",
    "februāris",
    "marts",
    "aprīlis",
    "maijs",
    "jūnijs",
    "jūlijs",
    "augusts",
    "septembris",
    "oktobris",
    "novembris",
    "decembris",
];

// The patterns match ASCII digits only (`[0-9]`, not `\d`, which is any script's digits): they run
// on text that `ascii_digits` has rewritten, and `num` parses what they capture.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b").expect("valid regex")
});
static YEAR_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{4})\.?\s*(?:g\.|gada|gadā)?\s*([1-4])\.\s*(cet|ceturk|pusg|pusgad)")
        .expect("valid regex")
});
static YEAR_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{4})\.?\s*(?:g\.|gada)\s*([0-9]{1,2})\.\s*(\p{L}+)").expect("valid regex")
});
static YEAR_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{4})\.?\s*(?:g\.|gada|gadā)?\s*(\p{L}+)").expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(sākot\s+(?:no|ar)\s+)?\b([0-9]{4})\b\.?").expect("valid regex"));
static DECIMAL_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Nd}$").expect("valid regex"));

/// `text` with every decimal digit of any script (Unicode category Nd) replaced by the ASCII digit
/// of the same value: "２０２５" and "٢٠٢٥" become "2025".
///
/// Unicode encodes each script's digits as ten consecutive code points from 0 to 9, and promises
/// to keep doing so; runs that touch (the mathematical digits) are whole sets. So a digit's value
/// is its distance from the first digit of the unbroken run it stands in, modulo ten, and no
/// table of scripts is needed.
fn ascii_digits(text: &str) -> String {
    let is_digit = |c: char| DECIMAL_DIGIT.is_match(c.encode_utf8(&mut [0; 4]));
    text.chars()
        .map(|c| {
            if c.is_ascii() || !c.is_numeric() || !is_digit(c) {
                return c;
            }
            let mut zero = u32::from(c);
            while let Some(before) = zero.checked_sub(1).and_then(char::from_u32) {
                if !is_digit(before) {
                    break;
                }
                zero -= 1;
            }
            char::from_digit((u32::from(c) - zero) % 10, 10).expect("a value below ten")
        })
        .collect()
}

/// Every date named in `lower` (lower-cased text). Patterns run from most to least specific and
/// each consumes its span, so "2015. g. 2. cet." is a quarter, not also a year.
fn named_dates(lower: &str) -> Vec<NaiveDate> {
    let mut text = lower.to_string();
    let mut dates = Vec::new();
    let consume = |text: &mut String, start: usize, end: usize| {
        text.replace_range(start..end, &" ".repeat(end - start));
    };

    for caps in DAY_MONTH_YEAR.captures_iter(&text.clone()) {
        let (d, m, y) = (num(&caps[1]), num(&caps[2]), num(&caps[3]));
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            dates.push(date);
            let whole = caps.get(0).expect("match");
            consume(&mut text, whole.start(), whole.end());
        }
    }
    for caps in YEAR_PART.captures_iter(&text.clone()) {
        let (y, part) = (num(&caps[1]) as i32, num(&caps[2]));
        let months_per_part = if caps[3].starts_with("pus") { 6 } else { 3 };
        if part * months_per_part <= 12 {
            dates.extend(month_end(y, part * months_per_part));
            let whole = caps.get(0).expect("match");
            consume(&mut text, whole.start(), whole.end());
        }
    }
    for caps in YEAR_DAY_MONTH.captures_iter(&text.clone()) {
        if let Some(month) = month_number(&caps[3]) {
            let (y, d) = (num(&caps[1]) as i32, num(&caps[2]));
            dates.extend(NaiveDate::from_ymd_opt(y, month, d));
            let whole = caps.get(0).expect("match");
            consume(&mut text, whole.start(), whole.end());
        }
    }
    for caps in YEAR_MONTH.captures_iter(&text.clone()) {
        if let Some(month) = month_number(&caps[2]) {
            dates.extend(month_end(num(&caps[1]) as i32, month));
            let whole = caps.get(0).expect("match");
            consume(&mut text, whole.start(), whole.end());
        }
    }
    for caps in YEAR.captures_iter(&text) {
        let year = num(&caps[2]) as i32;
        if caps.get(1).is_none() && (1990..=2100).contains(&year) {
            dates.extend(month_end(year, 12));
        }
    }
    dates
}

/// The number a pattern captured: one to four ASCII digits, so it always fits.
fn num(digits: &str) -> u32 {
    digits
        .parse()
        .expect("the patterns capture one to four ASCII digits")
}

/// The month a word names in any case ("decembrī", "marta"): the name's stem, its nominative
/// ending (-is, -s) dropped, starts the word.
fn month_number(word: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .position(|name| {
            let stem = name.strip_suffix("is").or(name.strip_suffix('s'));
            stem.is_some_and(|stem| word.starts_with(stem))
        })
        .map(|i| i as u32 + 1)
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Vec<String> {
        Deadline::parse(raw)
            .dates
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn recurring_work_says_when_it_starts() {
        let start = |raw: &str| Deadline::parse(raw).start_year();
        assert_eq!(start("Katru gadu sākot no 2025.gada"), Some(2025));
        assert_eq!(start("Katru gadu sākot ar 2024. gadu"), Some(2024));
        assert_eq!(start("Katru gadu"), None);
        assert_eq!(start("2025. gada decembris"), None);
    }

    #[test]
    fn dates_named_in_deadline_cells() {
        let cases: [(&str, &[&str]); 12] = [
            ("2025. gada  decembris", &["2025-12-31"]),
            ("2024.gada decembris.", &["2024-12-31"]),
            ("31.12.2027.", &["2027-12-31"]),
            ("30.06.2026.", &["2026-06-30"]),
            ("2015. g. 2. cet.", &["2015-06-30"]),
            ("2016. g. 1. cet.", &["2016-03-31"]),
            ("2018. g.", &["2018-12-31"]),
            ("2017. gada 1. pusgads", &["2017-06-30"]),
            ("līdz 2026. gada 15. jūlijam", &["2026-07-15"]),
            ("Katru gadu", &[]),
            ("Katru gadu sākot no 2025.gada", &[]),
            ("2015. g. 4. cet.; 2018. g.", &["2015-12-31", "2018-12-31"]),
        ];
        for (raw, expected) in cases {
            assert_eq!(iso(raw), expected, "{raw}");
        }
    }

    #[test]
    fn recurring_deadlines_have_no_date_but_keep_a_second_named_one() {
        let d = Deadline::parse("Katru gadu\n2025.gada decembris");
        assert!(d.recurring);
        assert_eq!(
            d.date().map(|d| d.to_string()).as_deref(),
            Some("2025-12-31")
        );
        assert!(Deadline::parse("Pastāvīgi").recurring);
        assert!(Deadline::parse("Katru mēnesi").recurring);
        assert!(!Deadline::parse("2025. gada decembris").recurring);
    }

    #[test]
    fn dates_in_full_width_and_arabic_indic_digits_are_read_like_ascii_ones() {
        // These crashed the build: the patterns matched any script's digits and `parse` refused
        // them (issue 9).
        assert_eq!(iso("２０２５. gada decembris"), ["2025-12-31"]);
        assert_eq!(iso("٣١.١٢.٢٠٢٥."), ["2025-12-31"]);
        assert_eq!(iso("۲۰۱۵. g. ۲. cet."), ["2015-06-30"]);
        assert_eq!(iso("२०१८. g."), ["2018-12-31"]);
        // Mathematical digits: several sets of ten in one unbroken run of code points.
        assert_eq!(iso("𝟐𝟎𝟐𝟒. gada 𝟭𝟱. jūlijs"), ["2024-07-15"]);
        let d = Deadline::parse("٣١.١٢.٢٠٢٥.");
        assert_eq!(d.raw, "٣١.١٢.٢٠٢٥.", "the text is kept as printed");
        assert!(Deadline::is_deadline_like("２０２５. gada decembris"));
    }

    #[test]
    fn numerals_that_are_not_decimal_digits_name_no_date() {
        for raw in ["²⁰²⁵. gada decembris", "MMXXV. gada decembris", "½.½.½½½½"] {
            assert_eq!(iso(raw), Vec::<String>::new(), "{raw}");
        }
    }

    #[test]
    fn sentences_are_not_deadline_like() {
        assert!(Deadline::is_deadline_like("2024.gada decembris"));
        assert!(!Deadline::is_deadline_like("VP, VRS"));
    }
}
