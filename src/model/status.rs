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
        let lower = text.trim().to_lowercase();
        let lower = lower.trim_start_matches(|c: char| !c.is_alphabetic());
        // The trafficking report writes "Uzdevums ir izpildīts", "Uzdevuma izpildīts: …".
        let lower = ["uzdevums ", "uzdevuma "]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .map_or(lower, |rest| rest.strip_prefix("ir ").unwrap_or(rest));
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
            .find(|(phrase, _)| lower.starts_with(phrase))
            .map(|(_, status)| *status)
    }
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
