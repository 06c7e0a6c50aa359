//! The PDF-text layout: plain text extracted from a PDF, page by page.
//!
//! What the extraction does to a document, and what this reader undoes:
//! - lines wrap at page (or table-column) width, sometimes inside a word without a hyphen
//!   ("kriminālproces" + "u"); [`PdfDoc::join`] unwraps them and mends such words when the
//!   mended word occurs elsewhere in the document;
//! - a page's footnotes follow a separator line of spaces; their lines start with the footnote
//!   number, just like list items ("7 Aprēķinā…"), and continue on unnumbered lines. The block
//!   ends at the next page, whose first line begins with a space, or at the page number;
//! - footnote markers are glued to words and values ("iedzīvotāju7", "(%)8", "37%13"); the reader
//!   replaces each with the same `[^N]` marker the Word reader uses, searching for footnote N
//!   between the previous marker and N's definition;
//! - page numbers stand alone on a line; hyperlink targets are repeated as bare URL lines; both
//!   are dropped, and the line after a page number is marked as a page's first;
//! - every line is followed by an empty line; a line of spaces instead marks a paragraph break
//!   within a column (kept as [`PdfLine::gap_before`]), so a column's paragraphs can be told
//!   apart without reading their sentences;
//! - table headings are sometimes letter-spaced ("Normat īvo"); [`PdfDoc::mend_spacing`] rejoins
//!   fragments that only make a word together.
//!
//! Every kept line keeps its original 1-based number, so extracted items point back to the source.

use crate::diagnostics::Diagnostic;
use crate::model::Footnote;
use crate::read::word::{collapse_spaces, footnote_marker};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A separator of at least this many spaces opens a page's footnote block.
const SEPARATOR_MIN_SPACES: usize = 20;

/// One content line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfLine {
    /// 1-based line number in the source file.
    pub number: usize,
    /// The text without surrounding spaces, runs of spaces collapsed, footnote markers replaced
    /// by `[^N]`.
    pub text: String,
    /// The text as printed, without surrounding spaces but with inner runs of spaces kept: two
    /// spaces after a number separate table columns ("10.1.  Pilnveidot").
    pub spaced: String,
    /// The line opens a page: it began with a space (how this layout marks a page's first
    /// line, or a text block at the top of a page), or it follows a page number.
    pub new_page: bool,
    /// A line of spaces stood between this line and the previous one: a paragraph break in the
    /// column the line belongs to.
    pub gap_before: bool,
    /// Characters on the source line (trimmed, before marker replacement): how wide the column
    /// it belongs to is.
    pub width: usize,
}

/// A paragraph unwrapped from consecutive lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
    /// The list marker the paragraph started with ("-", "•", "1.", "1.1."), if any; `text`
    /// keeps it.
    pub item: Option<String>,
}

/// A PDF-text document, cleaned.
#[derive(Debug, Clone)]
pub struct PdfDoc {
    /// The seed file name, used in diagnostics and `source` fields.
    pub file: String,
    /// Content lines in order; blank lines, footnote blocks, page numbers and bare URL lines are
    /// not among them.
    pub lines: Vec<PdfLine>,
    /// Footnote definitions by number, in document order.
    pub footnotes: Vec<Footnote>,
    /// How often each lower-case word occurs in the content: the evidence for mending words.
    vocabulary: HashMap<String, usize>,
}

static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(https?://|www\.)\S+$").expect("valid regex"));
static FOOTNOTE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*(\S.*)$").expect("valid regex"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    // U+F0B7 and U+F02D are the Symbol font's bullet and dash, which PDF text keeps as
    // private-use characters.
    Regex::new(r"^(?:((?:\d{1,3}\.)+\d{0,3})|([a-z]\.)|([-–•\u{F0B7}\u{F02D}]))\s*")
        .expect("valid regex")
});

impl PdfDoc {
    /// Cleans `source` (the whole file): separates footnotes and attaches their markers, drops
    /// page furniture. Oddities (a footnote without a marker) come back as warnings.
    pub fn parse(file: &str, source: &str) -> (PdfDoc, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut lines = Vec::new();
        let mut footnotes: Vec<Footnote> = Vec::new();
        let mut in_footnotes = false;
        let mut last_page_number = 0u32;
        let mut gap = false;
        let mut after_page_number = false;
        for (index, raw) in source.split('\n').enumerate() {
            let number = index + 1;
            let raw = clean(raw);
            let text = raw.trim();
            let indented = raw.starts_with([' ', '\t']);
            if text.is_empty() {
                if raw.len() >= SEPARATOR_MIN_SPACES {
                    in_footnotes = true;
                } else if indented {
                    // A line of a space or two ends a paragraph, and a page's text.
                    in_footnotes = false;
                    gap = true;
                }
                continue;
            }
            if URL_LINE.is_match(text) && !raw.ends_with(' ') {
                // The target of a hyperlink, repeated on a line of its own.
                continue;
            }
            if let Some(page) = page_number(text) {
                if page > last_page_number {
                    last_page_number = page;
                    in_footnotes = false;
                    after_page_number = true;
                    continue;
                }
            }
            if in_footnotes && !indented {
                // Footnotes are numbered through the document; an excerpt may start anywhere.
                let expected = footnotes.last().map(|f| f.number + 1);
                let start = FOOTNOTE_START
                    .captures(text)
                    .and_then(|c| Some((c[1].parse::<u32>().ok()?, c.get(2)?.as_str())))
                    .filter(|(n, _)| expected.is_none_or(|e| e == *n));
                match start {
                    Some((n, body)) => {
                        footnotes.push(Footnote {
                            number: n,
                            text: collapse_spaces(body),
                            line: number,
                        });
                    }
                    _ => match footnotes.last_mut() {
                        Some(footnote) => {
                            footnote.text = join_pair(&footnote.text, text, &HashMap::new());
                        }
                        None => diagnostics.push(Diagnostic::warning(
                            file,
                            number,
                            "text after a footnote separator does not start with a footnote number",
                        )),
                    },
                }
                gap = false;
                continue;
            }
            in_footnotes = false;
            lines.push(PdfLine {
                number,
                text: collapse_spaces(text),
                spaced: text.to_string(),
                new_page: indented || after_page_number,
                gap_before: gap,
                width: text.chars().count(),
            });
            gap = false;
            after_page_number = false;
        }
        attach_markers(file, &mut lines, &footnotes, &mut diagnostics);
        let mut vocabulary = HashMap::new();
        for line in &lines {
            for word in words(&line.text) {
                *vocabulary.entry(word).or_insert(0) += 1;
            }
        }
        let doc = PdfDoc {
            file: file.to_string(),
            lines,
            footnotes,
            vocabulary,
        };
        (doc, diagnostics)
    }

    /// Index in `lines` of the first line at or after index `from` whose text satisfies `pred`.
    pub fn find(&self, from: usize, pred: impl Fn(&PdfLine) -> bool) -> Option<usize> {
        (from..self.lines.len()).find(|&i| pred(&self.lines[i]))
    }

    /// The lines' texts unwrapped into one: a word split across lines is mended, a URL broken
    /// across lines is rejoined, otherwise lines are joined with a space.
    pub fn join<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> String {
        let mut out = String::new();
        for text in texts {
            out = if out.is_empty() {
                text.to_string()
            } else {
                join_pair(&out, text, &self.vocabulary)
            };
        }
        out
    }

    /// Unwraps `lines` into paragraphs. A paragraph ends where a line that ends a sentence is
    /// clearly shorter than the column, or where the next line opens a list item.
    pub fn paragraphs(&self, lines: &[PdfLine]) -> Vec<Paragraph> {
        let full_width = column_width(lines);
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut current: Vec<&PdfLine> = Vec::new();
        let flush = |current: &mut Vec<&PdfLine>, paragraphs: &mut Vec<Paragraph>| {
            if let (Some(first), Some(last)) = (current.first(), current.last()) {
                paragraphs.push(Paragraph {
                    text: self.join(current.iter().map(|l| l.text.as_str())),
                    first_line: first.number,
                    last_line: last.number,
                    item: list_marker(&first.text),
                });
            }
            current.clear();
        };
        for line in lines {
            if list_marker(&line.text).is_some() {
                flush(&mut current, &mut paragraphs);
            }
            current.push(line);
            let ends_sentence = line.text.ends_with(['.', ':', ';', '!', '?']);
            if ends_sentence && line.width * 10 < full_width * 8 {
                flush(&mut current, &mut paragraphs);
            }
        }
        flush(&mut current, &mut paragraphs);
        paragraphs
    }

    /// Rejoins letter-spaced fragments ("Normat īvo aktu" → "Normatīvo aktu"): up to three
    /// neighbouring fragments are joined when together they form a word of the document and
    /// at least one of them is not a word on its own.
    pub fn mend_spacing(&self, text: &str) -> String {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut taken = 1;
            for span in (2..=3).rev() {
                if i + span > tokens.len() {
                    continue;
                }
                let parts = &tokens[i..i + span];
                let joined: String = parts.concat();
                let count = |w: &str| self.vocabulary.get(&w.to_lowercase()).copied();
                // Every fragment occurs at least once (here); a word occurs elsewhere too.
                let fragment = |w: &str| count(w).unwrap_or(0) <= 1;
                if count(&joined).is_some() && parts.iter().any(|p| fragment(p)) {
                    taken = span;
                    break;
                }
            }
            out.push(tokens[i..i + taken].concat());
            i += taken;
        }
        out.join(" ")
    }
}

/// The list marker a line starts with: "1.", "1.2.", "a." or a dash/bullet.
pub fn list_marker(text: &str) -> Option<String> {
    let c = LIST_ITEM.captures(text)?;
    let marker = c.get(0)?.as_str().trim_end();
    // "2013.gads" or "1.janvārī" is a date, not a numbered item: a number needs a space after it.
    if c.get(1).is_some() && c.get(0)?.as_str() == marker && marker.len() < text.len() {
        return None;
    }
    // Letters and dashes open an item only when a space follows ("a. izvērtēt", "- Projekts").
    if c.get(1).is_none() && !c.get(0)?.as_str().ends_with(' ') {
        return None;
    }
    Some(marker.to_string())
}

/// Splits "1.2.3. Text" into ("1.2.3", "Text"); `None` when the line opens no numbered item.
pub fn numbered_item(text: &str) -> Option<(String, &str)> {
    let marker = list_marker(text)?;
    if !marker.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = text[marker.len()..].trim_start();
    Some((marker.trim_end_matches('.').to_string(), rest))
}

/// The typical width of a full line: the 90th percentile of the lines' widths.
fn column_width(lines: &[PdfLine]) -> usize {
    let mut widths: Vec<usize> = lines.iter().map(|l| l.width).collect();
    widths.sort_unstable();
    widths.get(widths.len() * 9 / 10).copied().unwrap_or(0)
}

/// Replaces no-break spaces and removes invisible characters and the line end.
fn clean(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    crate::text::normalize_spaces(raw)
}

/// A bare page number: one to three digits alone on the line.
fn page_number(text: &str) -> Option<u32> {
    if text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().filter(|&n| n > 0)
    } else {
        None
    }
}

/// Lower-case words of at least two letters.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

/// Joins two wrapped lines (see [`PdfDoc::join`]).
fn join_pair(before: &str, after: &str, vocabulary: &HashMap<String, usize>) -> String {
    let last = before.rsplit(' ').next().unwrap_or("");
    let first = after.split(' ').next().unwrap_or("");
    let glue = if last.len() > 1 && last.ends_with('-') && !last.ends_with("--") {
        // "human-" + "trafficking/…", "e-" + "paraksts": the hyphen stays, no space.
        true
    } else if (last.contains("www.") || last.contains("://")) && !last.ends_with(['.', ',']) {
        // A URL broken across lines: the next fragment is not a word of the text.
        !vocabulary.contains_key(&first.to_lowercase()) && !first.starts_with(char::is_uppercase)
    } else {
        split_word(last, first, vocabulary)
    };
    if glue {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    }
}

/// "kriminālproces" + "u": the pieces join into a word the document uses elsewhere, and the
/// first piece is no word of its own (it occurs only here). What the first piece is glued to
/// stays ("31.10.2006.noteikum" + "os" gives "31.10.2006.noteikumos").
fn split_word(last: &str, first: &str, vocabulary: &HashMap<String, usize>) -> bool {
    let head: String = last
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
    if head.is_empty() || tail.is_empty() || !tail.starts_with(char::is_lowercase) {
        return false;
    }
    let count = |w: &str| vocabulary.get(&w.to_lowercase()).copied().unwrap_or(0);
    let joined = format!("{head}{tail}");
    count(&joined) > 0 && count(&head) <= 1 && count(&tail) <= 1
}

static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[\p{L}\)%”"»\]](\d{1,3})(?:[\s,.;:\)!?]|$)"#).expect("valid regex")
});
static SPACED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L} (\d{1,3})(?:\s|$)").expect("valid regex"));

/// Replaces each footnote's marker with `[^N]`: the first number N glued to a word or value
/// between the previous footnote's marker and N's definition; failing that, a number standing
/// after a word ("īpatsvars 21").
fn attach_markers(
    file: &str,
    lines: &mut [PdfLine],
    footnotes: &[Footnote],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut from = (0usize, 0usize); // (line index, byte offset)
    for footnote in footnotes {
        let number = footnote.number.to_string();
        let end = lines.partition_point(|l| l.number < footnote.line);
        let mut found = None;
        for pattern in [&*GLUED, &*SPACED] {
            found = (from.0..end).find_map(|i| {
                let start = if i == from.0 { from.1 } else { 0 };
                pattern
                    .captures_iter(&lines[i].text[start..])
                    .filter_map(|c| c.get(1))
                    .find(|m| m.as_str() == number)
                    .map(|m| (i, start + m.start(), start + m.end()))
            });
            if found.is_some() {
                break;
            }
        }
        match found {
            Some((i, start, end)) => {
                let text = &mut lines[i].text;
                let marker = footnote_marker(footnote.number);
                // A marker printed after a space ("īpatsvars 21") is glued to its word.
                let start = if text[..start].ends_with(' ') {
                    start - 1
                } else {
                    start
                };
                text.replace_range(start..end, &marker);
                from = (i, start + marker.len());
            }
            None => diagnostics.push(Diagnostic::warning(
                file,
                footnote.line,
                format!(
                    "footnote {} has no marker in the text before it",
                    footnote.number
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The separator line before a page's footnotes.
    const SEP: &str = "                                                                 ";

    /// The end of a page of the strategy (001), its footnote block and the next page.
    fn page_break() -> String {
        format!("Samazināt \n\nvardarbību \n\nNepilngadīgo, kuri cietuši no vardarbības, skaits \n\nuz 100 000 iedzīvotāju7 \n\n506,5 490 480 470 460 450 \n{SEP}\n\
6 Aiz katra uzdevuma norādītas atbildīgās un iesaistītās iestādes. \n\
7 Aprēķinā tiek izmantota tikai konkrētas vecuma grupas (0-18) \n\ndemogrāfiskie dati. \n \n\n \n\
14 \n\n Rīcības virziens: Publisko vietu uzraudzības paplašināšana. \n")
    }

    #[test]
    fn footnotes_are_separated_and_attached_to_their_markers() {
        let text = format!("uzdevumi6 laika posmā \n{}", page_break());
        let (doc, diagnostics) = PdfDoc::parse("001.txt", &text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "uzdevumi[^6] laika posmā",
                "Samazināt",
                "vardarbību",
                "Nepilngadīgo, kuri cietuši no vardarbības, skaits",
                "uz 100 000 iedzīvotāju[^7]",
                "506,5 490 480 470 460 450",
                "Rīcības virziens: Publisko vietu uzraudzības paplašināšana.",
            ]
        );
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(
            doc.footnotes[1].text,
            "Aprēķinā tiek izmantota tikai konkrētas vecuma grupas (0-18) demogrāfiskie dati."
        );
        assert_eq!(doc.footnotes[1].line, 13);
        // Lines keep their numbers; the new page's first line is flagged.
        let last = doc.lines.last().unwrap();
        assert_eq!(last.number, 21);
        assert!(last.new_page);
    }

    #[test]
    fn paragraph_gaps_and_page_starts_are_marked() {
        // The end of a page of the trafficking report's annex (003, lines 4263–4287): a
        // paragraph break (a line of spaces), the page number, and the next page's first line,
        // which is not indented.
        let text = "stājoties šādā laulībā, personas var kļūt par cilvēku tirdzniecības upuriem. \n \n\nTā kā Latvijas pilsoņu noslēgto laulību skaits ir ļoti augsts Īrijā, Latvijas \n\nIeM, ĀM Uzdevums ir \n\nizpildīts: īstenoti \n\n\n40 \n \n\nvēstniecība Īrijā ir iniciējusi divas publikācijas laikrakstā „Diena”, vairākas \n\n centrālā Baltijas jūras reģiona \n";
        let (doc, _) = PdfDoc::parse("003.txt", text);
        let flags: Vec<(usize, bool, bool)> = doc
            .lines
            .iter()
            .map(|l| (l.number, l.gap_before, l.new_page))
            .collect();
        assert_eq!(
            flags,
            [
                (1, false, false),
                (4, true, false),
                (6, false, false),
                (8, false, false),
                (14, true, true),
                (16, false, true),
            ]
        );
    }

    #[test]
    fn markers_glued_to_values_and_after_a_space_are_found() {
        let text = format!(
            "iedzīvotājiem (%) 37%1 37% 72% \nobjektu īpatsvars 2 \n(%) \n{SEP}\n1 Sirēnas. \n2 Jaunie objekti. \n"
        );
        let (doc, diagnostics) = PdfDoc::parse("x.txt", &text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(doc.lines[0].text, "iedzīvotājiem (%) 37%[^1] 37% 72%");
        assert_eq!(doc.lines[1].text, "objektu īpatsvars[^2]");
    }

    #[test]
    fn a_footnote_without_marker_is_reported() {
        let text = format!("teksts bez atsauces \n{SEP}\n1 Piezīme. \n");
        let (doc, diagnostics) = PdfDoc::parse("x.txt", &text);
        assert_eq!(doc.footnotes.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 3);
    }

    #[test]
    fn split_words_and_broken_urls_are_mended() {
        let text = "kriminālprocesu skaits \nātru \nkriminālproces\nu izmeklēšanu \n\
(www.cilvektirdzniecib\na.lv) un \npublicēts www.unodc.org/unodc/en/human-\ntrafficking/publications.html . \n\
http://www.cbss.org/tfhb\n\
noteikumos Nr.729 \nkabineta 31.10.2006.noteikum\nos Nr.889 \n";
        let (doc, _) = PdfDoc::parse("x.txt", text);
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            doc.join(texts[1..4].iter().copied()),
            "ātru kriminālprocesu izmeklēšanu"
        );
        assert_eq!(
            doc.join(texts[4..6].iter().copied()),
            "(www.cilvektirdznieciba.lv) un"
        );
        assert_eq!(
            doc.join(texts[6..8].iter().copied()),
            "publicēts www.unodc.org/unodc/en/human-trafficking/publications.html ."
        );
        assert_eq!(
            doc.join(texts[9..11].iter().copied()),
            "kabineta 31.10.2006.noteikumos Nr.889"
        );
        // The bare URL line is a hyperlink target, not text.
        assert_eq!(doc.lines.len(), 11);
    }

    #[test]
    fn letter_spaced_headings_are_mended() {
        let text = "normatīvo aktu \nvalsts un nevalstiskajām \nII Normat īvo aktu \nstarp va lst s iestādēm un nevalst iskajām \n";
        let (doc, _) = PdfDoc::parse("x.txt", text);
        assert_eq!(doc.mend_spacing(&doc.lines[2].text), "II Normatīvo aktu");
        assert_eq!(
            doc.mend_spacing(&doc.lines[3].text),
            "starp valsts iestādēm un nevalstiskajām"
        );
    }

    #[test]
    fn paragraphs_end_at_short_sentence_ends_and_list_items() {
        let text = "Programma paredz četru apakšmērķu un piecu rīcības virzienu īstenošanu, kas\n\
sasniedz rezultātus visās jomās un visos līmeņos, kā arī to uzraudzību un\n\
novērtēšanu.\n\
- Informatīvā kampaņa „Fiktīvas laulības – slazds!” (Patvērums „Drošā māja”, \n\
2009. – 2010.gads); \n\
- Projekts „Atver acis”; \n";
        let (doc, _) = PdfDoc::parse("x.txt", text);
        let paragraphs = doc.paragraphs(&doc.lines);
        assert_eq!(paragraphs.len(), 3);
        assert!(paragraphs[0].text.ends_with("uzraudzību un novērtēšanu."));
        assert_eq!(paragraphs[1].item.as_deref(), Some("-"));
        assert_eq!((paragraphs[1].first_line, paragraphs[1].last_line), (4, 5));
    }

    #[test]
    fn numbered_items_are_told_from_dates() {
        assert_eq!(
            numbered_item("1.2. veikt modernizāciju. (IeM IC, VRS)"),
            Some(("1.2".to_string(), "veikt modernizāciju. (IeM IC, VRS)"))
        );
        assert_eq!(
            numbered_item("10.  Aktualizēt"),
            Some(("10".into(), "Aktualizēt"))
        );
        assert_eq!(numbered_item("2013.gads Valsts policija"), None);
        assert_eq!(list_marker("a. izvērtēt").as_deref(), Some("a."));
        assert_eq!(list_marker("ar to"), None);
    }

    #[test]
    fn symbol_font_bullets_open_items() {
        // Lines of the trafficking report's narrative (003, line 1007), bullet as printed.
        let bullet = "\u{F0B7} Darba likumā – paredzot darba devējiem personu";
        assert_eq!(list_marker(bullet).as_deref(), Some("\u{F0B7}"));
        assert_eq!(
            list_marker("\u{F02D} KL – atsevišķos gadījumos").as_deref(),
            Some("\u{F02D}")
        );
        assert_eq!(numbered_item(bullet), None);
    }
}
