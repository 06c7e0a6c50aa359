//! The implementation-status vocabulary of the reports.
//!
//! The cybersecurity report defines six terms at its top; the trafficking programme report uses
//! phrases ("Uzdevums izpildīts daļēji: …") that map onto the same terms. Cells often add words
//! after the term ("Izpildīts. Uzdevums tiks īstenots arī turpmāk"), so matching looks at the
//! start of the text after folding case.

use serde::{Serialize, Serializer};

/// One of the six statuses, printed in lower case as the documents define them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Done,
    InProgress,
    PartlyDone,
    NotStarted,
    NotDone,
    Obsolete,
}

impl Status {
    /// All statuses in the order reports list them.
    pub const ALL: [Status; 6] = [
        Status::Done,
        Status::InProgress,
        Status::PartlyDone,
        Status::NotStarted,
        Status::NotDone,
        Status::Obsolete,
    ];

    /// The term in the documents' vocabulary, lower case.
    pub fn term(self) -> &'static str {
        match self {
            Status::Done => "izpildīts",
            Status::InProgress => "izpildes procesā",
            Status::PartlyDone => "daļēji izpildīts",
            Status::NotStarted => "nav uzsākts",
            Status::NotDone => "nav izpildīts",
            Status::Obsolete => "zaudējis aktualitāti",
        }
    }

    /// A URL-safe name for the status page anchor and CSS class.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Done => "izpildits",
            Status::InProgress => "procesa",
            Status::PartlyDone => "daleji",
            Status::NotStarted => "nav-uzsakts",
            Status::NotDone => "nav-izpildits",
            Status::Obsolete => "zaudejis-aktualitati",
        }
    }

    /// Reads the status a cell starts with ("Izpildīts. Uzdevums tiks…" → Done).
    ///
    /// Word order variants ("izpildīts daļēji") are accepted; text that names no status is `None`.
    pub fn from_text(text: &str) -> Option<Status> {
        read(text).map(|(status, _)| status)
    }

    /// What a status cell says beyond its status, for showing it only when it adds something:
    /// "Izpildīts. Uzdevums tiks īstenots arī turpmāk" → "Uzdevums tiks īstenots arī turpmāk",
    /// "Uzdevums izpildīts daļēji" → `None`. A cell naming no status is all explanation.
    pub fn explanation(text: &str) -> Option<&str> {
        let rest = read(text).map_or(text, |(_, rest)| rest);
        let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        (!rest.trim().is_empty()).then_some(rest.trim_end())
    }
}

/// The status a cell starts with and the text after its phrase.
fn read(text: &str) -> Option<(Status, &str)> {
    let text = text.trim_start_matches(|c: char| !c.is_alphabetic());
    // The trafficking report writes "Uzdevums ir izpildīts", "Uzdevuma izpildīts: …".
    let text = ["uzdevums ", "uzdevuma "]
        .iter()
        .find_map(|p| strip_prefix_folded(text, p))
        .map_or(text, |rest| {
            strip_prefix_folded(rest, "ir ").unwrap_or(rest)
        });
    const PHRASES: [(&str, Status); 8] = [
        ("daļēji izpildīts", Status::PartlyDone),
        ("izpildīts daļēji", Status::PartlyDone),
        ("izpildes procesā", Status::InProgress),
        ("nav uzsākts", Status::NotStarted),
        ("nav izpildīts", Status::NotDone),
        ("zaudējis aktualitāti", Status::Obsolete),
        ("izpildīts", Status::Done),
        ("izpildes gaitā", Status::InProgress),
    ];
    PHRASES
        .iter()
        .find_map(|(phrase, status)| strip_prefix_folded(text, phrase).map(|rest| (*status, rest)))
}

/// `text` without `prefix` (lower case) when it starts with it in any case.
fn strip_prefix_folded<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for wanted in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(wanted)) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &text[i..]))
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.term())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explanation_is_what_a_cell_says_beyond_its_status() {
        let cases = [
            ("Nav izpildīts", None),
            ("Izpildīts.", None),
            ("Uzdevums izpildīts daļēji", None),
            ("Uzdevums ir izpildīts daļēji", None),
            (
                "Izpildīts. Uzdevums tiks īstenots arī turpmāk",
                Some("Uzdevums tiks īstenots arī turpmāk"),
            ),
            (
                "Daļēji izpildīts, jo trūka finansējuma",
                Some("jo trūka finansējuma"),
            ),
            (
                "Finansējums netika piešķirts",
                Some("Finansējums netika piešķirts"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::explanation(text), expected, "{text}");
        }
    }

    #[test]
    fn statuses_are_read_from_the_start_of_the_cell() {
        let cases = [
            ("Izpildīts", Some(Status::Done)),
            (
                "Izpildīts. Uzdevums tiks īstenots arī turpmāk",
                Some(Status::Done),
            ),
            ("Izpildes procesā", Some(Status::InProgress)),
            ("Daļēji izpildīts, jo…", Some(Status::PartlyDone)),
            ("Uzdevums izpildīts daļēji: nav", Some(Status::PartlyDone)),
            ("Nav uzsākts", Some(Status::NotStarted)),
            ("Nav izpildīts", Some(Status::NotDone)),
            ("Zaudējis aktualitāti", Some(Status::Obsolete)),
            ("Uzdevums ir izpildīts", Some(Status::Done)),
            ("Uzdevuma izpildīts", Some(Status::Done)),
            ("Uzdevums ir izpildīts daļēji", Some(Status::PartlyDone)),
            ("Uzdevums ir", None),
            ("Likumā par valsts budžetu", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::from_text(text), expected, "{text}");
        }
    }
}
