//! Small text helpers shared by several stages.

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
}
