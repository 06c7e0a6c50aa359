//! Small text helpers shared by several stages.

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
    fn markers_are_removed_and_other_brackets_kept() {
        assert_eq!(strip_footnote_markers("grupa[^2] un [^x]"), "grupa un [^x]");
    }
}
