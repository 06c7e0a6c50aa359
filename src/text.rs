//! Small text helpers shared by several stages, the hygiene every text gets where it enters the
//! pipeline, and the crate's one recogniser for each of two questions every stage asks: what a
//! piece of text is once case and diacritics are set aside ([`fold`]), and whether it is written
//! as an institution code ([`is_institution_code`]). Each lives here once so that no two stages
//! can classify the same cell differently.
//!
//! Seeds and content files are read once, through [`decode`] and [`clean`]: whatever an export
//! tool or an editor left in them (a byte-order mark, CRLF line ends, decomposed letters,
//! terminal control codes, bidi overrides) is dealt with there, so no reader or extractor has to
//! know about it, and the line numbers every later diagnostic gives stay those of the file.

use crate::diagnostics::Diagnostic;
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Combining marks, dropped after canonical decomposition to fold diacritics.
static MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{M}").expect("mark pattern"));

/// Normalises (NFKC), lower-cases and folds diacritics: "Iestāžu" → "iestazu", "ＶＰ" → "vp".
///
/// The one folding function: search indexes and queries with it, slugs and sort keys are made
/// from it, and institution codes and names are compared through it.
pub fn fold(text: &str) -> String {
    // ASCII has nothing to normalise or fold (most words of the documents, all codes).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let lower = text.nfkc().collect::<String>().to_lowercase();
    let decomposed: String = lower.nfkd().collect();
    MARK.replace_all(&decomposed, "").into_owned()
}

/// True when `word` is written like a code: a capital first and at least two capitals in all
/// ("VP", "IeM", "ĀM", "IzM", "GKrPP", "CERT.LV", "TF-THB"), where a name's word has one
/// ("Valsts", "Tiesībsargs").
pub fn is_code_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// True when `text` is an institution code as the documents print them: one to four words, the
/// first a [code word](is_code_word), the others code words or numbers ("VP", "IeM IC",
/// "VP GKrPP KIP", "SRAP 1"). Names ("Valsts policija", "LR Tiesībsargs", "Pašvaldības") are not.
pub fn is_institution_code(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && is_code_word(words[0])
        && words[1..]
            .iter()
            .all(|w| is_code_word(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A file's bytes as text, or an error at the line of the first byte that is not UTF-8.
///
/// Every seed and content file must be UTF-8. A file in another encoding is refused rather than
/// guessed at: a single-byte Latvian code page (Windows-1257, ISO-8859-13) decodes without error
/// as *some* text, so a guess could publish "Iek\u{f0}lietu" without anyone noticing.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            file,
            1,
            "the file is UTF-16 text (Word's \"Unicode\" encoding); save it as UTF-8",
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let valid = &bytes[..error.utf8_error().valid_up_to()];
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        // The prefix is valid UTF-8 by construction.
        let column = 1 + String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count();
        Diagnostic::error(
            file,
            line,
            format!(
                "not UTF-8 text: byte 0x{:02X} at column {column} is not part of a UTF-8 \
                 character; save the file as UTF-8 (a Windows-1257 export converts with \
                 `iconv -f WINDOWS-1257 -t UTF-8`)",
                bytes[valid.len()]
            ),
        )
    })
}

/// The text of a seed or content file as the pipeline reads it, with a warning for each line
/// that lost characters.
///
/// - a leading byte-order mark goes, and CRLF line ends become LF (editors on Windows save
///   both);
/// - letters are composed (Unicode NFC): an export in decomposed form ("a" + combining macron)
///   would otherwise match no Latvian word the readers look for;
/// - invisible characters that would garble a page (control and bidi formatting characters) are
///   removed.
///
/// Lines are neither added nor removed, so line numbers stay those of the file.
pub fn clean(file: &str, text: &str) -> (String, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut diagnostics = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (line, message) = clean_value(line);
        if let Some(message) = message {
            diagnostics.push(Diagnostic::warning(file, index + 1, message));
        }
        out.push_str(&line);
    }
    (out, diagnostics)
}

/// One value (a line, a title from front matter) cleaned as [`clean`] cleans lines: composed to
/// NFC, invisible characters removed; with a message naming what was removed, if anything was.
pub fn clean_value(text: &str) -> (String, Option<String>) {
    let mut removed: Vec<char> = Vec::new();
    for c in text.chars().filter(|&c| invisible(c).is_some()) {
        if !removed.contains(&c) {
            removed.push(c);
        }
    }
    let kept: String = if removed.is_empty() {
        text.to_string()
    } else {
        text.chars().filter(|&c| invisible(c).is_none()).collect()
    };
    let composed = match is_nfc_quick(kept.chars()) {
        IsNormalized::Yes => kept,
        _ => kept.nfc().collect(),
    };
    let message = (!removed.is_empty()).then(|| {
        let names: Vec<String> = removed
            .iter()
            .map(|&c| format!("U+{:04X} ({})", u32::from(c), invisible(c).unwrap_or("")))
            .collect();
        format!(
            "removed invisible control characters that would garble the page: {}",
            names.join(", ")
        )
    });
    (composed, message)
}

/// What an invisible character is, when it is one that must not reach a page: C0 and C1 control
/// characters other than TAB and LF (a terminal would act on ESC sequences, NUL breaks tools
/// reading the data files, and an XML parser rejects most of them) and bidirectional formatting
/// characters, which can make text display in another order than it is stored in ("Trojan
/// Source") and have no use in Latvian text.
fn invisible(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    match c {
        '\t' | '\n' => None,
        '\0'..='\u{1F}' => Some(C0[c as usize]),
        '\u{7F}' => Some("DEL"),
        '\u{80}'..='\u{9F}' => Some("C1 control"),
        '\u{61C}' => Some("arabic letter mark"),
        '\u{200E}' => Some("left-to-right mark"),
        '\u{200F}' => Some("right-to-left mark"),
        '\u{202A}' => Some("left-to-right embedding"),
        '\u{202B}' => Some("right-to-left embedding"),
        '\u{202C}' => Some("pop directional formatting"),
        '\u{202D}' => Some("left-to-right override"),
        '\u{202E}' => Some("right-to-left override"),
        '\u{2066}' => Some("left-to-right isolate"),
        '\u{2067}' => Some("right-to-left isolate"),
        '\u{2068}' => Some("first strong isolate"),
        '\u{2069}' => Some("pop directional isolate"),
        '\u{206A}'..='\u{206F}' => Some("deprecated format character"),
        _ => None,
    }
}

/// The text with its first letter in upper case ("citas iesaistītās institūcijas" → "Citas …").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Replaces no-break and figure spaces with plain spaces and drops zero-width characters and
/// soft hyphens, which both export layouts leave between words and numbers.
pub fn normalize_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{AD}'
            )
        })
        .map(|c| match c {
            '\u{A0}' | '\u{202F}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect()
}

/// Footnote numbers referenced by `[^N]` markers in `text`, in order.
pub fn footnote_numbers(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.split("[^")
        .skip(1)
        .filter_map(|rest| rest.split_once(']')?.0.parse().ok())
}

/// Removes footnote markers (`[^N]`, see [`crate::read::word::footnote_marker`]) from text, for
/// open data and plain-text contexts.
pub fn strip_footnote_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after.as_bytes().get(digits) == Some(&b']') {
            out.push_str(&rest[..start]);
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..start + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_diacritics_and_compatibility_forms() {
        assert_eq!(fold("ie\u{0073}ta\u{0304}de"), "iestade");
        assert_eq!(fold("ﬁnanses"), "finanses");
        assert_eq!(fold("ＶＰ"), "vp");
        assert_eq!(fold("ĀČĒĢĪĶĻŅŠŪŽāčēģīķļņšūž"), "acegiklnsuzacegiklnsuz");
    }

    #[test]
    fn codes_are_told_from_names() {
        for code in [
            "VP",
            "IeM",
            "ĀM",
            "IzM",
            "IeM IC",
            "VP GKrPP KIP",
            "CERT.LV",
            "SRAP 1",
            "TF-THB",
        ] {
            assert!(is_institution_code(code), "{code}");
        }
        for name in [
            "Valsts policija",
            "LR Tiesībsargs",
            "Pašvaldības",
            "pašvaldības policija",
            "NKIM TAI Vadības grupā pārstāvētās institūcijas",
            "1 VP",
            "",
            "VP IC GKrPP KIP ONAP",
        ] {
            assert!(!is_institution_code(name), "{name}");
        }
    }

    #[test]
    fn invisible_characters_go_and_no_break_spaces_become_spaces() {
        assert_eq!(
            normalize_spaces("2025.\u{a0}gada\u{200b} 1\u{202f}007"),
            "2025. gada 1 007"
        );
    }

    #[test]
    fn marker_numbers_are_read_and_other_brackets_ignored() {
        let numbers: Vec<u32> = footnote_numbers("a[^2] b [^x] c[^17]").collect();
        assert_eq!(numbers, [2, 17]);
    }

    #[test]
    fn markers_are_removed_and_other_brackets_kept() {
        assert_eq!(strip_footnote_markers("grupa[^2] un [^x]"), "grupa un [^x]");
    }

    /// "ĢP - Latvijas Republikas Ģenerālprokuratūra" from the organised-crime plan's
    /// abbreviation list, as a tool writing decomposed Unicode (NFD) saves it.
    const DECOMPOSED: &str =
        "G\u{327}P - Latvijas Republikas G\u{327}enera\u{304}lprokuratu\u{304}ra";

    #[test]
    fn decomposed_letters_are_composed_without_a_warning() {
        let (text, diagnostics) = clean("000.txt", DECOMPOSED);
        assert_eq!(text, "ĢP - Latvijas Republikas Ģenerālprokuratūra");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_go_and_the_lines_keep_their_numbers() {
        let (text, diagnostics) = clean(
            "x.md",
            "\u{FEFF}+++\r\ntitle = \"Piekļūstamība\"\r\n+++\r\nTeksts\r\n",
        );
        assert_eq!(text, "+++\ntitle = \"Piekļūstamība\"\n+++\nTeksts\n");
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn control_and_bidi_characters_are_removed_and_reported_once_per_line() {
        let source = "IeM - Iekšlietu\u{7}\u{7} ministrija\n\tVP\n\u{1b}[31mNNP\u{1b}[0m - \
                      padome \u{202E}sba\u{202C}\u{2066}x\u{2069}\0\n";
        let (text, diagnostics) = clean("000.txt", source);
        assert_eq!(
            text,
            "IeM - Iekšlietu ministrija\n\tVP\n[31mNNP[0m - padome sbax\n"
        );
        let found: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "000.txt:1: warning: removed invisible control characters that would garble \
                 the page: U+0007 (BEL)",
                "000.txt:3: warning: removed invisible control characters that would garble \
                 the page: U+001B (ESC), U+202E (right-to-left override), U+202C (pop \
                 directional formatting), U+2066 (left-to-right isolate), U+2069 (pop \
                 directional isolate), U+0000 (NUL)",
            ]
        );
    }

    #[test]
    fn a_carriage_return_inside_a_line_is_a_control_character() {
        let (text, diagnostics) = clean("x.txt", "VP\rVRS\r\n");
        assert_eq!(text, "VPVRS\n");
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("U+000D (CR)"));
    }

    #[test]
    fn latvian_text_and_typographic_characters_are_left_alone() {
        let line = "\t2025. gada decembris – „NKIM” 1\u{a0}007 € • \u{F0B7}";
        assert_eq!(clean("x.txt", line), (line.to_string(), Vec::new()));
    }

    #[test]
    fn windows_1257_bytes_are_refused_at_their_line_and_column() {
        // "IeM - Iekšlietu ministrija" in Windows-1257: "š" is the byte 0xF0.
        let mut bytes = b"ES - Eiropas Savien\xc4\xabba\nIeM - Iek".to_vec();
        bytes.extend([0xF0]);
        bytes.extend(b"lietu ministrija\n");
        let error = decode("000.txt", bytes).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error
                .message
                .starts_with("not UTF-8 text: byte 0xF0 at column 10"),
            "{}",
            error.message
        );
        assert!(error.message.contains("iconv -f WINDOWS-1257 -t UTF-8"));
    }

    #[test]
    fn utf16_is_named_as_such() {
        let error = decode("x.txt", vec![0xFF, 0xFE, b'V', 0, b'P', 0]).unwrap_err();
        assert!(error.message.contains("UTF-16"), "{}", error.message);
        assert_eq!(decode("x.txt", "Ģ".into()).unwrap(), "Ģ");
    }
}
