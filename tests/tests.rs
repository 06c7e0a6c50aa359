//! Integration tests (one binary, a module per feature). `common::real_site()` builds the real
//! site once per run for every module that reads it.
//!
//! - `budget`: budget pages, data and checks built from the real seeds;
//! - `corpus`: the benchmark corpus generator's 2× project publishes without errors; its row
//!   variants swap and drop measures with consistent numbers; it refuses folders it did not make;
//! - `links`: the whole site built from this repository's `seeds/` and `content/` has no broken
//!   internal link or `#anchor`, and a theme with a dead link fails that check on every page;
//! - `institutions`: institution identity on the real site (NVA twice, groups apart, bodies
//!   written two ways merged, subordinate bodies' measures on a ministry's page);
//! - `hygiene`: content files with CRLF or a byte-order mark and seeds in decomposed Unicode
//!   publish the same site; control and bidi characters and broken Word markup are warned about
//!   with file:line and reach no page;
//! - `deadlines`: a seed with deadlines in full-width and Arabic-Indic digits builds, and its
//!   dates are read;
//! - `editions`: a project whose trafficking plan has two editions (the adopted document and an
//!   amended copy of it) builds, and `data/changes.json` holds exactly the changes between them;
//!   `planportal diff` prints the same;
//! - `fuzz_regressions`: every input a fuzz target crashed on (`fuzz/regressions/`) replayed
//!   through the target's harness on stable Rust, and the real seeds through every target;
//! - `invalid`: the catalogue of invalid inputs in `fixtures/invalid/`, each run through the
//!   binary: refused with its message and exit code, no panic, nothing changed on disk;
//! - `publish`: builds through the binary: three at once into one folder, a symlinked output, a
//!   file at the output path, and `serve` (real port for `--port 0`, rebuilds sharing the lock);
//! - `published`: the real site under a full `--base-url`: the data package describes every data
//!   file and field, the Excel twins read back, measures' funding adds up from the budget lines;
//!   the sitemap, the Atom feeds and the pages' heads;
//! - `site`: the real site has every document's measures, two builds are byte-identical, and
//!   document text is escaped on the pages;
//! - `related`: the related measures against expectations written from the documents (half held
//!   out), with precision and recall printed and floors at the recorded figures;
//! - `search`: the analyser vectors shared with the browser are up to date; the index of the real
//!   documents matches its golden summary.

mod budget;
mod common;
mod corpus;
mod deadlines;
mod editions;
mod fuzz_regressions;
mod hygiene;
mod institutions;
mod invalid;
mod links;
mod publish;
mod published;
mod related;
mod search;
mod site;
