//! Tables in a Word export: header rows mapped to fields by their words, and row cells placed in
//! columns by their content.
//!
//! The export drops empty cells, so the fifth cell of a row is not always the fifth column. A row's
//! cells are in column order, though, so placing them is an alignment problem: assign each cell to
//! a column, left to right, so that the cells fit their columns best ("VP, VRS" fits an
//! institution column, "2025. gada decembris" a deadline, "Izpildīts" a status, a sentence a text
//! column). [`place_cells`] solves it exactly by dynamic programming.

use super::word::Cell;
use crate::model::{Deadline, Status};

/// What a column holds, recognised from the words of its header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// "Nr.", "Nr. p. k.": the row number.
    Number,
    /// "Pasākums", "Uzdevumi un galvenie pasākumi…".
    Title,
    /// "Darbības rezultāts".
    Result,
    /// "Rezultatīvais rādītājs".
    Indicator,
    /// "Atbildīgā institūcija".
    Responsible,
    /// "Līdzatbildīgās institūcijas".
    CoResponsible,
    /// "Iesaistītās institūcijas".
    Involved,
    /// "Izpildes termiņš".
    Deadline,
    /// "Nepieciešamais finansējums (indikatīvi) un tā avoti".
    FundingNeeded,
    /// "Piešķirtais finansējums".
    FundingAllocated,
    /// "Uzdevuma vai pasākuma izpildes statuss".
    Status,
}

impl Field {
    /// Every column kind a header can name (the fuzz harness places cells over all of them).
    pub const ALL: [Field; 11] = [
        Field::Number,
        Field::Title,
        Field::Result,
        Field::Indicator,
        Field::Responsible,
        Field::CoResponsible,
        Field::Involved,
        Field::Deadline,
        Field::FundingNeeded,
        Field::FundingAllocated,
        Field::Status,
    ];
}

/// Header words and the field they name. Checked in order, so "Līdzatbildīgās" is seen before
/// "Atbildīgā" and "…izpildes statuss" before "Uzdevumi".
const HEADER_WORDS: [(&str, Field); 12] = [
    ("nr", Field::Number),
    ("līdzatbildīg", Field::CoResponsible),
    ("atbildīg", Field::Responsible),
    ("iesaistīt", Field::Involved),
    ("termiņ", Field::Deadline),
    ("statuss", Field::Status),
    ("nepieciešamais finansējums", Field::FundingNeeded),
    ("piešķirtais finansējums", Field::FundingAllocated),
    ("darbības rezultāt", Field::Result),
    ("rezultatīv", Field::Indicator),
    ("pasākum", Field::Title),
    ("uzdevum", Field::Title),
];

/// The field a header cell names, if it is a known header.
pub fn header_field(text: &str) -> Option<Field> {
    // Word hyphenates narrow header cells ("Līdzat-bildīgās"): join the parts before matching.
    let folded = text.to_lowercase().replace("-\n", "").replace('-', "");
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.len() > 80 {
        return None;
    }
    if folded.starts_with("nr") {
        return Some(Field::Number);
    }
    HEADER_WORDS
        .iter()
        .skip(1)
        .find(|(word, _)| folded.contains(word))
        .map(|(_, field)| *field)
}

/// The run of header cells at the start of `cells`: tabbed cells that are empty or name a field,
/// beginning with a named one. Returns the named cells with their fields, and how many cells the
/// run spans; empty cells after the last named one are not counted, as they belong to what
/// follows. Each structure decides which runs make the header of its table.
pub fn header_run(cells: &[Cell]) -> Option<(Vec<(Field, &Cell)>, usize)> {
    // Untabbed text is no cell, so it starts no run (and a run is never empty).
    let first = cells.first().filter(|cell| cell.tabbed)?;
    header_field(&first.text)?;
    let mut named = Vec::new();
    let mut len = 0;
    for (i, cell) in cells.iter().enumerate() {
        if !cell.tabbed {
            break;
        }
        if cell.is_empty() {
            continue;
        }
        match header_field(&cell.text) {
            Some(field) => {
                named.push((field, cell));
                len = i + 1;
            }
            None => break,
        }
    }
    Some((named, len))
}

/// Maps a header row to its fields, or `None` when fewer than three cells name a known field.
///
/// Empty header cells (a lone TAB) are skipped, because the export keeps them inconsistently.
pub fn map_header(cells: &[Cell]) -> Option<Vec<Field>> {
    let fields: Vec<Field> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| header_field(&c.text))
        .collect::<Option<Vec<_>>>()?;
    (fields.len() >= 3).then_some(fields)
}

/// What a cell's text looks like, read once per cell: placing a row scores every cell against
/// every column, and these tests (the deadline parser among them) are the costly part.
#[derive(Debug, Clone, Copy)]
struct CellLook {
    /// Empty, or a dash standing for "none".
    placeholder: bool,
    number: bool,
    /// A number without dots ("10"), which an indicator column may hold.
    bare_figure: bool,
    institutions: f64,
    deadline: bool,
    status: bool,
    /// Talks about a status without naming a term ("Nav informācijas par … statusu.").
    mentions_status: bool,
    funding: bool,
    sentence: bool,
}

impl CellLook {
    fn of(text: &str) -> CellLook {
        let number = is_row_number(text);
        CellLook {
            placeholder: is_placeholder(text),
            number,
            bare_figure: number && !text.contains('.'),
            institutions: institution_likeness(text),
            deadline: Deadline::is_deadline_like(text),
            status: Status::from_text(text).is_some(),
            mentions_status: names_a_status(text),
            funding: is_funding_text(text),
            sentence: is_sentence(text),
        }
    }

    /// How well the cell fits a field: positive is a good fit, negative a bad one.
    fn fit(&self, field: Field) -> f64 {
        let c = self;
        if c.placeholder {
            // An empty cell that survived the export (or a dash standing for "none") stands where
            // an empty column was.
            return 0.5;
        }
        match field {
            Field::Number => {
                if c.number {
                    10.0
                } else {
                    -10.0
                }
            }
            Field::Responsible | Field::CoResponsible | Field::Involved => {
                if c.number || c.deadline || c.status || c.funding {
                    -4.0
                } else {
                    4.0 * c.institutions - 2.0
                }
            }
            Field::Deadline => {
                if c.deadline && !c.funding {
                    6.0
                } else {
                    -4.0
                }
            }
            Field::Status => {
                if c.status {
                    8.0
                } else if c.mentions_status && !c.funding {
                    // "Nav informācijas par uzdevuma izpildes statusu.": no term, but a status
                    // cell.
                    2.0
                } else {
                    -4.0
                }
            }
            Field::FundingNeeded | Field::FundingAllocated => {
                if c.funding {
                    5.0
                } else if c.status || c.number || c.deadline {
                    -4.0
                } else {
                    -1.0
                }
            }
            // An indicator is often a bare figure ("10"); a dotted number ("1.4.") is still a row
            // number there.
            Field::Indicator if c.bare_figure => 0.5,
            Field::Title | Field::Result | Field::Indicator => {
                if c.number || c.status {
                    -4.0
                } else if c.sentence {
                    2.0
                } else if c.institutions > 0.8 {
                    -2.0
                } else {
                    0.5
                }
            }
        }
    }
}

/// Score lost for each column a row has no cell for.
const SKIP_COST: f64 = 0.3;
/// Score lost for putting a second cell into the same column.
const MERGE_COST: f64 = 3.0;

/// Places `cells` (one row, in order) into `fields` (the header's columns).
///
/// Returns the column index for each cell; indices never decrease. When a row has more cells
/// than columns, or a cell fits nowhere better, it joins the column of the cell before it.
pub fn place_cells(cells: &[&str], fields: &[Field]) -> Vec<usize> {
    let (n, m) = (cells.len(), fields.len());
    if n == 0 || m == 0 {
        return vec![0; n];
    }
    // best[i][j]: best score with cells[..=i] placed and cell i in column j.
    let mut best = vec![vec![f64::NEG_INFINITY; m]; n];
    let mut from = vec![vec![0usize; m]; n];
    let looks: Vec<CellLook> = cells.iter().map(|text| CellLook::of(text)).collect();
    for (j, field) in fields.iter().enumerate() {
        best[0][j] = looks[0].fit(*field) - SKIP_COST * j as f64;
    }
    for i in 1..n {
        for j in 0..m {
            let fit_here = looks[i].fit(fields[j]);
            for k in 0..=j {
                let score = if k == j {
                    best[i - 1][j] - MERGE_COST
                } else {
                    best[i - 1][k] + fit_here - SKIP_COST * (j - k - 1) as f64
                };
                if score > best[i][j] {
                    best[i][j] = score;
                    from[i][j] = k;
                }
            }
        }
    }
    // On a tie the earlier column wins: the export drops a row's trailing cells, so a cell that
    // fits two columns equally ("Likumā par valsts budžetu…" for needed and allocated funding)
    // stands in the first of them.
    let end_score = |j: usize| best[n - 1][j] - SKIP_COST * (m - 1 - j) as f64;
    let mut j = (1..m).fold(0, |top, j| {
        if end_score(j) > end_score(top) {
            j
        } else {
            top
        }
    });
    let mut placed = vec![0; n];
    for i in (0..n).rev() {
        placed[i] = j;
        j = from[i][j];
    }
    placed
}

/// "1.", "1.1.", "12", "2.3" — a row number cell.
pub fn is_row_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    !t.is_empty()
        && t.len() <= 12
        && t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The leading number of a cell such as "2.2 Īstenoti…" or "6.1.Izstrādāts…": the number (without
/// its trailing dot) and the rest of the text.
pub fn split_number_prefix(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let number = &t[..end];
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "2024. gadā" is a year, not a row number.
    let first = number.split('.').next().unwrap_or("");
    if first.len() > 2 {
        return None;
    }
    let rest = t[end..].trim_start();
    let id = number.trim_end_matches('.');
    (!id.contains("..")).then(|| (id.to_string(), rest))
}

/// Share (0–1) of the comma-separated parts of `text` that look like institutions: codes
/// ("VP", "CERT.LV", "IeM (VP)", "VPK IMC") or names with an institution word.
pub fn institution_likeness(text: &str) -> f64 {
    let parts: Vec<&str> = text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return 0.0;
    }
    let good = parts.iter().filter(|p| looks_like_institution(p)).count();
    good as f64 / parts.len() as f64
}

const INSTITUTION_WORDS: [&str; 14] = [
    "ministrij",
    "policij",
    "dienest",
    "birojs",
    "iestād",
    "institūcij",
    "pašvaldīb",
    "tiesībsarg",
    "organizācij",
    "asociācij",
    "centrs",
    "padome",
    "prokuratūr",
    "inspekcij",
];

fn looks_like_institution(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let bare = part.replace(['(', ')', '[', ']', ','], " ");
    if crate::text::is_institution_code(&bare) {
        return true;
    }
    let lower = part.to_lowercase();
    INSTITUTION_WORDS.iter().any(|w| lower.contains(w))
}

/// An empty cell or one holding only a dash ("-", "–"), which the documents print for "none".
pub fn is_placeholder(text: &str) -> bool {
    text.trim().chars().all(|c| matches!(c, '-' | '–' | '—'))
}

/// The text talks about a status without using a term of the vocabulary.
fn names_a_status(text: &str) -> bool {
    text.to_lowercase().contains("status") && text.chars().count() < 160
}

fn is_funding_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["finans", "budžet", "līdzekļ", "eur", "€", "euro"]
        .iter()
        .any(|w| lower.contains(w))
        && !lower.starts_with("izpild")
}

fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 4 && text.chars().filter(|c| c.is_lowercase()).count() > text.len() / 3
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTION_PLAN: [Field; 7] = [
        Field::Number,
        Field::Title,
        Field::Result,
        Field::Indicator,
        Field::Responsible,
        Field::CoResponsible,
        Field::Deadline,
    ];

    #[test]
    fn header_words_name_fields() {
        assert_eq!(header_field("Nr. p. k."), Some(Field::Number));
        assert_eq!(
            header_field("Līdzat-bildīgās institūcijas"),
            Some(Field::CoResponsible)
        );
        assert_eq!(
            header_field("Atbildīgā institūcija[^17]"),
            Some(Field::Responsible)
        );
        assert_eq!(
            header_field("Uzdevuma vai pasākuma izpildes statuss"),
            Some(Field::Status)
        );
        assert_eq!(
            header_field("Uzdevumi un galvenie pasākumi izvirzītā mērķa sasniegšanai"),
            Some(Field::Title)
        );
        // The indicator column, singular (Word plans) or plural (the PDF report's annex).
        assert_eq!(
            header_field("Rezultatīvais rādītājs"),
            Some(Field::Indicator)
        );
        assert_eq!(
            header_field("Rezultatīvie rādītāji"),
            Some(Field::Indicator)
        );
        assert_eq!(header_field("Darbības rezultāts"), Some(Field::Result));
        assert_eq!(header_field("VP, VRS"), None);
    }

    #[test]
    fn header_words_outside_a_table_cell_start_no_header_run() {
        // Text before the first TAB line that names a column ("Līdzatbildīgās institūcijas")
        // made an empty run, and the status report's header check read its first field: a
        // one-line document crashed the build (found by fuzzing, fuzz/regressions/extract/).
        let doc = crate::read::word::WordDoc::parse(
            "x.txt",
            "Līdzatbildīgās institūcijas\n\tNr.\n\tPasākums\n\tIzpildes termiņš\n",
        );
        let cells = doc.cells(1..doc.last_line() + 1);
        assert!(!cells[0].tabbed);
        assert!(header_run(&cells).is_none());
        let (named, len) = header_run(&cells[1..]).expect("the tabbed header");
        assert_eq!((named.len(), len), (3, 3));
    }

    #[test]
    fn a_header_run_stops_at_body_text_and_leaves_trailing_empty_cells() {
        let doc = crate::read::word::WordDoc::parse(
            "x.txt",
            "\tNr. p. k.\n\tPasākums\n\t\nLīdzat-bildīgās institūcijas\n\tIzpildes termiņš\n\t\n\t1.1.\n",
        );
        let cells = doc.cells(1..doc.last_line() + 1);
        let (named, len) = header_run(&cells).expect("a header");
        let fields: Vec<Field> = named.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [
                Field::Number,
                Field::Title,
                Field::CoResponsible,
                Field::Deadline
            ]
        );
        assert_eq!(
            len, 4,
            "the empty cell after the header belongs to what follows"
        );
        assert!(
            header_run(&cells[len + 1..]).is_none(),
            "a row number is no header"
        );
    }

    #[test]
    fn a_full_row_is_placed_in_order() {
        let row = [
            "1.1.",
            "Sagatavota metodoloģija noziedzīgo nodarījumu jomu noteikšanai.",
            "Izstrādāt kritērijus, lai noteiktu prioritārās jomas.",
            "Izstrādāta, saskaņota un apstiprināta 1 metodika.",
            "VP",
            "VRS, VID, KNAB, ĢP, VDD, IeVP, IDB, MP, FID",
            "2025. gada decembris",
        ];
        assert_eq!(place_cells(&row, &ACTION_PLAN), [0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_dropped_co_responsible_cell_leaves_the_deadline_in_place() {
        let row = [
            "1.12.",
            "Uzlabot VP tehnisko kapacitāti, ieviešot jaunākos izpētes veidus.",
            "Iegādāts hidrauliskais ekstraktors ar aprīkojumu izpētei.",
            "Iegādāts hidrauliskais ekstraktors ar aprīkojumu izpētei.",
            "VP",
            "2024. gada decembris",
        ];
        assert_eq!(place_cells(&row, &ACTION_PLAN), [0, 1, 2, 3, 4, 6]);
    }

    #[test]
    fn a_bare_figure_stays_in_the_indicator_column() {
        let row = [
            "1.4.",
            "Veikt TAI nodarbināto pieredzes apmaiņu ar citām TAI un prokuratūru.",
            "Strādājošie regulāri līdzdarbojas pieredzes apmaiņas aktivitātēs.",
            "10",
            "VP, VRS, VID, ĢP, KNAB, FID, IDB",
            "Katru gadu sākot no 2024.gada",
        ];
        assert_eq!(place_cells(&row, &ACTION_PLAN), [0, 1, 2, 3, 4, 6]);
    }

    #[test]
    fn funding_text_is_not_put_into_institution_columns() {
        let fields = [
            Field::Number,
            Field::Title,
            Field::Deadline,
            Field::Responsible,
            Field::Involved,
            Field::FundingNeeded,
            Field::FundingAllocated,
            Field::Status,
        ];
        let row = [
            "5.3.",
            "Dalība starptautiskās kiberdrošības mācībās",
            "Katru gadu",
            "AM",
            "Likumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.",
            "Izpildīts",
        ];
        assert_eq!(place_cells(&row, &fields), [0, 1, 2, 3, 5, 7]);
    }

    const STATUS_REPORT: [Field; 8] = [
        Field::Number,
        Field::Title,
        Field::Deadline,
        Field::Responsible,
        Field::Involved,
        Field::FundingNeeded,
        Field::FundingAllocated,
        Field::Status,
    ];

    #[test]
    fn dashes_stand_for_empty_cells() {
        let row = [
            "1.5.",
            "Izvērtējuma izstrāde par nepieciešamību pilnveidot esošos elektronisko sakaru maģistrālos tīklus",
            "2018. g. 1. cet.",
            "SM",
            "-",
            "-",
            "-",
            "Zaudējis aktualitāti",
        ];
        assert_eq!(place_cells(&row, &STATUS_REPORT), [0, 1, 2, 3, 4, 5, 6, 7]);
        assert!(is_placeholder("–") && is_placeholder("") && !is_placeholder("-VP"));
    }

    #[test]
    fn a_status_cell_without_a_term_stays_in_the_status_column() {
        let row = [
            "1.19.",
            "Augsti kvalificētu vadītāju sagatavošana kiberdrošības jomā, izveidojot atbilstošas studiju izglītības programmas",
            "2018. g. 4. cet.",
            "AIP",
            "Augstskolas\nCERT.LV",
            "Likumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.",
            "-",
            "Nav informācijas par uzdevuma izpildes statusu.",
        ];
        assert_eq!(place_cells(&row, &STATUS_REPORT), [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn a_cell_fitting_two_columns_takes_the_first() {
        let row = [
            "5.4.",
            "Dalība ES Draugu grupā par kiberjautājumiem",
            "Pastāvīgi",
            "AM",
            "ĀM, SM, IEM",
            "Likumā par valsts budžetu kārtējam gadam paredzētie finanšu līdzekļi.",
        ];
        assert_eq!(place_cells(&row, &STATUS_REPORT), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn number_prefixes_are_split_off() {
        assert_eq!(
            split_number_prefix("6.1.Izstrādāts rīks"),
            Some(("6.1".to_string(), "Izstrādāts rīks"))
        );
        assert_eq!(
            split_number_prefix("2.2 Īstenoti pasākumi"),
            Some(("2.2".to_string(), "Īstenoti pasākumi"))
        );
        assert_eq!(split_number_prefix("2024. gadā veikts"), None);
        assert_eq!(split_number_prefix("Īstenot"), None);
    }
}
