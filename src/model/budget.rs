//! Budget programmes and the funding lines a plan's budget-impact tables assign to measures.
//!
//! Amounts are whole euro cents ([`Cents`]) so sums over many rows are exact and compare equal to
//! the totals the documents print; floats would make "do the rows add up?" a question of rounding.
//! An amount is at most [`Cents::MAX_EUROS`], so sums of any table fit; arithmetic saturates
//! rather than overflow, so no document can make a build panic or wrap around.

use serde::Serialize;
use std::fmt;

/// A plan's budget: what its budget-impact tables fund, and what they leave to existing budgets.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Budget {
    /// One line per amount the most detailed table assigns to a programme (and its measures).
    pub lines: Vec<FundingLine>,
    /// Rows that say a measure is carried out "budžeta ietvaros" (within existing budgets): the
    /// programmes are named but no amount can be separated, which is not the same as "costs
    /// nothing".
    pub within_budget: Vec<WithinBudget>,
    /// The grand total row as the document prints it, for comparison with the computed sums.
    pub printed_total: Vec<PeriodAmount>,
}

/// A budget resort as the tables name it: "14. Iekšlietu ministrija".
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ministry {
    pub name: String,
    /// The resort's number in the state budget ("14"), when some row prints it.
    pub code: Option<String>,
}

/// A budget programme or sub-programme: "06.01.00" "Valsts policija".
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Programme {
    pub code: String,
    pub name: String,
}

/// Which column group an amount stands in.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum FundingKind {
    /// Planned in the medium-term budget framework law ("…likumā plānotais finansējums").
    Planned,
    /// Additional funding needed ("Nepieciešamais papildu finansējums").
    Additional,
}

/// The period an amount is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    /// "turpmākajā laikposmā līdz pasākuma pabeigšanai": the rest, until the measure is done.
    Later,
    /// "turpmāk ik gadu": every year thereafter.
    Annual,
}

impl Serialize for Period {
    /// A year as a number, the open-ended periods as "later" and "annual".
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Period::Year(year) => serializer.serialize_i32(*year),
            Period::Later => serializer.serialize_str("later"),
            Period::Annual => serializer.serialize_str("annual"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(year) => write!(f, "{year}"),
            Period::Later => f.write_str("later"),
            Period::Annual => f.write_str("annual"),
        }
    }
}

/// An amount of money in whole euro cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Cents(pub i64);

impl Cents {
    /// The largest amount read, in whole euros: twelve digits, a hundred times Latvia's yearly
    /// state budget. A longer number is not an amount (it is a code, or a typo), and the limit
    /// keeps any sum of up to 92 000 such amounts exact in an `i64` of cents.
    pub const MAX_EUROS: i64 = 999_999_999_999;

    /// Reads an amount as the documents print it: "934 766", "77 000,00", "101898,68",
    /// "24 898,68" (spaces group thousands, a comma separates one or two decimals); `None` for
    /// anything else, and above [`Cents::MAX_EUROS`].
    pub fn parse(text: &str) -> Option<Cents> {
        let t = text.trim();
        let (negative, t) = match t.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let (whole, fraction) = match t.split_once(',') {
            Some((whole, fraction)) => (whole, fraction),
            None => (t, ""),
        };
        let groups: Vec<&str> = whole.split(' ').filter(|g| !g.is_empty()).collect();
        let grouped_ok = match groups.split_first() {
            None => false,
            Some((_, [])) => true,
            Some((first, rest)) => first.len() <= 3 && rest.iter().all(|g| g.len() == 3),
        };
        if !grouped_ok
            || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
            || fraction.len() > 2
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (text.contains(',') && fraction.is_empty())
        {
            return None;
        }
        let euros: i64 = groups
            .concat()
            .parse()
            .ok()
            .filter(|&euros| euros <= Cents::MAX_EUROS)?;
        let cents: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().ok()? * 10,
            _ => fraction.parse().ok()?,
        };
        let value = euros * 100 + cents;
        Some(Cents(if negative { -value } else { value }))
    }

    /// The amount as a plain decimal number for open data: "101898.68", "1007141".
    pub fn to_decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (euros, cents) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        if cents == 0 {
            format!("{sign}{euros}")
        } else {
            format!("{sign}{euros}.{cents:02}")
        }
    }

    /// The amount the Latvian way for pages: "1 007 141 €", "101 898,68 €" (no-break spaces
    /// group thousands so a number never wraps).
    pub fn to_latvian(self) -> String {
        let sign = if self.0 < 0 { "−" } else { "" };
        let (euros, cents) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        let digits = euros.to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('\u{a0}');
            }
            grouped.push(digit);
        }
        if cents == 0 {
            format!("{sign}{grouped}\u{a0}€")
        } else {
            format!("{sign}{grouped},{cents:02}\u{a0}€")
        }
    }
}

/// Saturating: amounts are capped at [`Cents::MAX_EUROS`], so only a sum of more than 92 000
/// maximal amounts could reach the limit, and then it stops there instead of panicking.
impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0.saturating_add(other.0))
    }
}

/// Saturating, like [`Cents`]' addition: the difference between a printed total and a sum.
impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents(0), |a, b| a + b)
    }
}

/// An amount in one column: kind and period.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct PeriodAmount {
    pub kind: FundingKind,
    pub period: Period,
    pub amount: Cents,
}

/// One amount a programme provides (or needs) for one period, for the measures of its row.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FundingLine {
    /// `None` when no row of the document ties the programme to a ministry.
    pub ministry: Option<Ministry>,
    pub programme: Programme,
    /// Measure (or result) numbers as printed, without the trailing dot; empty when the document
    /// breaks the programme down no further.
    pub measures: Vec<String>,
    pub kind: FundingKind,
    pub period: Period,
    pub amount: Cents,
    /// First and last source line of the row.
    pub source_lines: (usize, usize),
    /// The explanation printed under the row ("Detalizēts aprēķins: …"), paragraphs joined
    /// with '\n': what the amount buys, which the amount alone does not say.
    pub note: Option<String>,
}

/// A row that leaves a measure to existing budgets of the programmes it names.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WithinBudget {
    pub measures: Vec<String>,
    pub programmes: Vec<Programme>,
    /// The column group the row's funding belongs to. "Budžeta ietvaros" (within the
    /// programmes' existing budgets) is what the medium-term budget law already plans, so such
    /// a row is `Planned`; open data must not read it as an amount of zero.
    pub kind: FundingKind,
    pub source_lines: (usize, usize),
    /// The explanation printed under the row, as for [`FundingLine::note`].
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts_with_spaces_and_decimal_commas() {
        assert_eq!(Cents::parse("934 766"), Some(Cents(93_476_600)));
        assert_eq!(Cents::parse("1 007 141"), Some(Cents(100_714_100)));
        assert_eq!(Cents::parse("77 000,00"), Some(Cents(7_700_000)));
        assert_eq!(Cents::parse("101898,68"), Some(Cents(10_189_868)));
        assert_eq!(Cents::parse(" 24 898,68 "), Some(Cents(2_489_868)));
        assert_eq!(Cents::parse("12,5"), Some(Cents(1250)));
        assert_eq!(Cents::parse("0"), Some(Cents(0)));
    }

    #[test]
    fn rejects_text_years_with_dots_and_bad_grouping() {
        for text in [
            "x",
            "",
            "2025.",
            "06.01.00",
            "1 0000",
            "12,",
            "1,234",
            "Budžeta ietvaros",
        ] {
            assert_eq!(Cents::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn amounts_above_twelve_digits_of_euros_are_not_amounts() {
        assert_eq!(
            Cents::parse("999 999 999 999,99"),
            Some(Cents(99_999_999_999_999))
        );
        assert_eq!(Cents::parse("1 000 000 000 000"), None);
        // Read as an amount before, and two of them in one column overflowed the sum.
        assert_eq!(Cents::parse("92233720368547758"), None);
        assert_eq!(Cents::parse("-92233720368547758,08"), None);
    }

    #[test]
    fn sums_and_differences_saturate_instead_of_overflowing() {
        let most = Cents(i64::MAX - 1);
        assert_eq!(most + Cents(5), Cents(i64::MAX));
        assert_eq!(Cents(i64::MIN + 1) - Cents(5), Cents(i64::MIN));
        assert_eq!(Cents(10) - Cents(25), Cents(-15));
        // The lowest value prints, though its magnitude has no `i64`.
        assert_eq!(Cents(i64::MIN).to_decimal(), "-92233720368547758.08");
        assert!(Cents(i64::MIN).to_latvian().starts_with("−92"));
    }

    #[test]
    fn formats_for_data_and_pages_without_floats() {
        assert_eq!(Cents(10_189_868).to_decimal(), "101898.68");
        assert_eq!(Cents(100_714_100).to_decimal(), "1007141");
        assert_eq!(Cents(5).to_decimal(), "0.05");
        assert_eq!(
            Cents(100_714_100).to_latvian(),
            "1\u{a0}007\u{a0}141\u{a0}€"
        );
        assert_eq!(Cents(10_189_868).to_latvian(), "101\u{a0}898,68\u{a0}€");
        assert_eq!(Cents(-50_000).to_latvian(), "−500\u{a0}€");
    }

    #[test]
    fn periods_serialise_as_numbers_or_words() {
        let json = serde_json::to_string(&[Period::Year(2024), Period::Later, Period::Annual])
            .expect("serialises");
        assert_eq!(json, r#"[2024,"later","annual"]"#);
    }
}
