//! What each fuzz target runs, in one place for both users of it: the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` (nightly, `scripts/fuzz`) and the regression replay in the main crate's
//! tests (`tests/fuzz_regressions.rs`, stable, run by CI), so a saved crash input is replayed
//! through exactly the code that crashed on it.
//!
//! Every function takes the raw bytes the fuzzer made. Seeds and content files are read as UTF-8
//! and refused otherwise, so the bytes are read as UTF-8 too, invalid sequences replaced (U+FFFD)
//! rather than skipped: every input reaches the reader. A function passes when it returns; any
//! panic (an index out of range, a slice inside a character, an `expect`, an overflow in a debug
//! build) is a crash, and so is a broken invariant the function asserts.

use planportal::changes;
use planportal::content::Content;
use planportal::extract::{self, Structure};
use planportal::model::budget::Cents;
use planportal::model::Deadline;
use planportal::read::pdf::{self, PdfDoc};
use planportal::read::table::{self, Field};
use planportal::read::word::WordDoc;
use planportal::search::{analyzer, index};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A target: runs one input, panics on a crash.
pub type Target = fn(&[u8]);

/// Every target by name (the folder names of `fuzz/regressions/`).
pub const TARGETS: [(&str, Target); 7] = [
    ("word", word),
    ("pdf", pdf),
    ("deadline", deadline),
    ("amount", amount),
    ("front_matter", front_matter),
    ("search", search),
    ("extract", extract),
];

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The Word-export reader: cleaning and cells ([`WordDoc`]), then the table helpers every Word
/// structure applies to the cells (header recognition, row numbers, cell placement).
pub fn word(data: &[u8]) {
    let text = text(data);
    let doc = WordDoc::parse("fuzz.txt", &text);
    let last = doc.last_line();
    assert_eq!(last, text.split('\n').count(), "one line per source line");
    for footnote in &doc.footnotes {
        assert!(footnote.line >= 1 && footnote.line <= last, "{footnote:?}");
    }
    let cells = doc.cells(1..last + 1);
    for cell in &cells {
        assert!(
            1 <= cell.first_line && cell.first_line <= cell.last_line && cell.last_line <= last
        );
        let _ = table::header_field(&cell.text);
        let _ = table::is_row_number(&cell.text);
        let _ = table::split_number_prefix(&cell.text);
        let _ = table::institution_likeness(&cell.text);
        let _ = table::is_placeholder(&cell.text);
    }
    // The ranges the structures ask for: from a line they found to the end of the document.
    for start in [1, last / 2 + 1, last, last + 1] {
        let _ = doc.cells(start..last + 1);
    }
    let _ = table::header_run(&cells);
    let _ = table::map_header(&cells);
    let row: Vec<&str> = cells.iter().take(12).map(|c| c.text.as_str()).collect();
    let placed = table::place_cells(&row, &Field::ALL);
    assert_eq!(placed.len(), row.len());
    assert!(
        placed.windows(2).all(|w| w[0] <= w[1]),
        "columns never go back"
    );
    assert!(placed.iter().all(|&column| column < Field::ALL.len()));
}

/// The PDF-text reader: cleaning, footnotes and their markers ([`PdfDoc::parse`]), then what the
/// PDF structures do with the lines (paragraphs, joining, mending letter-spacing, list items).
pub fn pdf(data: &[u8]) {
    let text = text(data);
    let (doc, _diagnostics) = PdfDoc::parse("fuzz.txt", &text);
    let paragraphs = doc.paragraphs(&doc.lines);
    for paragraph in &paragraphs {
        assert!(paragraph.first_line <= paragraph.last_line);
    }
    let _ = doc.join(doc.lines.iter().map(|l| l.text.as_str()));
    let _ = doc.find(0, |l| l.new_page);
    for line in &doc.lines {
        let _ = doc.mend_spacing(&line.spaced);
        let _ = pdf::list_marker(&line.text);
        let _ = pdf::numbered_item(&line.text);
    }
}

/// The deadline parser, on the input as one cell.
pub fn deadline(data: &[u8]) {
    let text = text(data);
    let parsed = Deadline::parse(&text);
    assert!(
        parsed.dates.windows(2).all(|w| w[0] < w[1]),
        "ascending, no repeats"
    );
    assert_eq!(parsed.date(), parsed.dates.last().copied());
    let _ = parsed.year();
    let _ = Deadline::is_deadline_like(&text);
}

/// The amount parser (budget tables), and the formats an amount is published in: an amount read
/// must print as a decimal that reads back as the same amount.
pub fn amount(data: &[u8]) {
    let text = text(data);
    if let Some(cents) = Cents::parse(&text) {
        let decimal = cents.to_decimal();
        assert_eq!(
            Cents::parse(&decimal.replace('.', ",")),
            Some(cents),
            "{text:?} printed as {decimal:?}"
        );
        let _ = cents.to_latvian();
        // Budget checks add up many rows and compare the sum with the printed total.
        let total: Cents = std::iter::repeat_n(cents, 1000).sum();
        let _ = (total - cents).to_latvian();
    }
}

/// The content front-matter parser, through the real loader: the input is written as a plan file,
/// a page and the institution names of a fresh `content/` folder, which is then loaded. Errors
/// are expected; panics are not.
pub fn front_matter(data: &[u8]) {
    let dir = ScratchDir::new();
    for file in ["plans/fuzz.md", "pages/fuzz.md", "institutions.toml"] {
        std::fs::write(dir.0.join(file), data).expect("write a scratch file");
    }
    let _ = Content::load(&dir.0);
}

/// A `content/` folder made for one input and removed afterwards; only it, as its name is unique
/// (process id and a counter, for tests replaying inputs on several threads) and `create_dir`
/// fails rather than reuse a folder that exists.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> ScratchDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "planportal-fuzz-front-matter-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir(&dir).expect("create a scratch folder (is one left over?)");
        let scratch = ScratchDir(dir);
        for sub in ["plans", "pages"] {
            std::fs::create_dir(scratch.0.join(sub)).expect("create a scratch folder");
        }
        scratch
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The search analyser, as the indexer and the tantivy tokenizer call it: token offsets must cut
/// the text at character boundaries, because both slice the text with them.
pub fn search(data: &[u8]) {
    let text = text(data);
    let mut previous_end = 0;
    for token in analyzer::analyze(&text) {
        assert!(previous_end <= token.start && token.start < token.end);
        previous_end = token.end;
        let written = text
            .get(token.start..token.end)
            .expect("token offsets on character boundaries");
        assert!(!token.stems.is_empty());
        let _ = index::index_terms(written);
        let _ = analyzer::stem(&token.text);
    }
    let _ = analyzer::terms(&text);
    let _ = index::index_terms(&text);
    for word in text.split_whitespace() {
        let _ = analyzer::stem(&analyzer::fold(word));
    }
}

/// Every document structure on the input as a whole seed file; each plan read is then compared
/// with itself as two editions would be ([`changes::compare`]), which must find no change.
pub fn extract(data: &[u8]) {
    let text = text(data);
    for structure in STRUCTURES {
        let (plan, _diagnostics) = extract::extract(structure, "fuzz.txt", &text, "fuzz");
        let _ = plan.cited_footnotes(&plan.footnotes);
        let side = changes::Side {
            file: "fuzz.txt",
            measures: &plan.measures,
        };
        let comparison = changes::compare(side, side, 0);
        assert!(
            comparison.changes.is_empty(),
            "a document compared with itself changed: {:?}",
            comparison.changes
        );
    }
}

/// Every [`Structure`]. The match below stops compiling when a structure is added, as a reminder
/// to add it here.
const STRUCTURES: [Structure; 5] = [
    Structure::ActionPlan,
    Structure::ResultPlan,
    Structure::StatusReport,
    Structure::Strategy,
    Structure::ProgrammeReport,
];
const _: fn(Structure) = |structure| match structure {
    Structure::ActionPlan
    | Structure::ResultPlan
    | Structure::StatusReport
    | Structure::Strategy
    | Structure::ProgrammeReport => {}
};
