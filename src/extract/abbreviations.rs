//! Abbreviation definitions: "VP - Valsts policija" lines in a list, or "ĀM – Ārlietu ministrija;
//! IeM – Iekšlietu ministrija; …" inside one footnote.

use crate::model::Abbreviation;

/// Reads one "CODE - Name" line (hyphen, en dash or em dash between them).
///
/// The code is the part before the first dash; it must be short and contain a capital letter
/// or be a known lower-case code form such as "nSOCTA".
pub fn parse_definition(text: &str, line: usize) -> Option<Abbreviation> {
    let (code, name) = split_at_dash(text)?;
    let code = code.trim();
    let name = name.trim().trim_end_matches(['.', ';']).trim();
    let plausible_code = !code.is_empty()
        && code.chars().count() <= 24
        && code.split_whitespace().count() <= 4
        && code.chars().any(char::is_uppercase)
        && !code.contains(':')
        && !code.ends_with('.');
    (plausible_code && !name.is_empty()).then(|| Abbreviation {
        code: code.to_string(),
        name: name.to_string(),
        line,
    })
}

/// Reads a run-in list of definitions separated by semicolons, as in a footnote.
pub fn parse_run_in(text: &str, line: usize) -> Vec<Abbreviation> {
    text.split(';')
        .map(|part| {
            // The first entry may follow a lead-in: "Izmantotie saīsinājumi: ĀM – …".
            match part.split_once(':') {
                Some((_, tail)) if split_at_dash(tail).is_some() => tail,
                _ => part,
            }
        })
        .filter_map(|part| parse_definition(part.trim(), line))
        .collect()
}

fn split_at_dash(text: &str) -> Option<(&str, &str)> {
    [" - ", " – ", " — ", " -", "– ", " –"]
        .iter()
        .filter_map(|dash| text.find(dash).map(|i| (i, dash.len())))
        .min_by_key(|(i, _)| *i)
        .map(|(i, len)| (&text[..i], &text[i + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines_define_codes() {
        let a = parse_definition("VP GKrPP KIP - Valsts policijas Galvenās kriminālpolicijas pārvaldes Kriminālizmeklēšanas pārvalde", 3).unwrap();
        assert_eq!(a.code, "VP GKrPP KIP");
        assert_eq!(a.line, 3);
        let a = parse_definition("TM – Tieslietu ministrija", 1).unwrap();
        assert_eq!(
            (a.code.as_str(), a.name.as_str()),
            ("TM", "Tieslietu ministrija")
        );
        let a = parse_definition("SAB - Satversmes aizsardzības birojs", 1).unwrap();
        assert_eq!(a.code, "SAB");
        assert!(parse_definition("Plāna mērķis ir padarīt efektīvāku - tā", 1).is_none());
    }

    #[test]
    fn run_in_lists_split_at_semicolons() {
        let list = parse_run_in("Izmantotie saīsinājumi: ĀM – Ārlietu ministrija; IeM – Iekšlietu ministrija; IZM – Izglītības un zinātnes ministrija", 142);
        let codes: Vec<_> = list.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["ĀM", "IeM", "IZM"]);
    }
}
