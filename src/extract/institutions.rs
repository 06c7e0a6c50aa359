//! Institution cells: "VP, VRS, VID", "ĀM, IeM (VP), LR Tiesībsargs,", "CERT.LV, VARAM\nĀM".
//!
//! Entries are separated by commas, semicolons and line breaks, but not inside parentheses:
//! "IeM (VP, VPK)" is the ministry with its subordinate institutions and stays one entry, so
//! the resolver can link the ministry and, under it, VP and VPK.

/// Splits an institution cell into entries as printed (spaces collapsed, trailing punctuation
/// removed). An entry repeated in the cell (merged Word cells print "ĀM\nĀM") is kept once, and a
/// placeholder with no letter or digit ("-" for "none") is no entry.
pub fn split_institutions(text: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                current.push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ',' | ';' | '\n' if depth == 0 => push_entry(&mut entries, &current),
            c => current.push(c),
        }
        if matches!(c, ',' | ';' | '\n') && depth == 0 {
            current.clear();
        }
    }
    push_entry(&mut entries, &current);
    entries
}

fn push_entry(entries: &mut Vec<String>, raw: &str) {
    let entry = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let entry = entry.trim_matches(|c: char| c == '.' || c == ' ' || c == ':');
    if entry.chars().any(char::is_alphanumeric) && !entries.iter().any(|e| e == entry) {
        entries.push(entry.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_at_commas_and_lines_but_not_in_parentheses() {
        assert_eq!(
            split_institutions("ĀM, IeM (VP, VPK), LR Tiesībsargs, "),
            ["ĀM", "IeM (VP, VPK)", "LR Tiesībsargs"]
        );
        assert_eq!(
            split_institutions("CERT.LV, VARAM\nĀM, LPESPS,\nLVRTC"),
            ["CERT.LV", "VARAM", "ĀM", "LPESPS", "LVRTC"]
        );
        assert_eq!(
            split_institutions("KNAB,   VDD,  IeVP "),
            ["KNAB", "VDD", "IeVP"]
        );
        assert!(split_institutions("").is_empty());
    }

    #[test]
    fn repeats_and_placeholders_are_no_entries() {
        assert_eq!(
            split_institutions("ĀM\nĀM\nĀM, IeM (VRS)"),
            ["ĀM", "IeM (VRS)"]
        );
        assert!(split_institutions("-").is_empty());
        assert!(split_institutions(" – ").is_empty());
    }
}
