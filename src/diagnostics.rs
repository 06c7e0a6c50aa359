//! Diagnostics: what the pipeline has to say about its input.
//!
//! Reading messy documents must not stop at the first oddity (a bad row would hide the next ten),
//! so every stage returns its result together with a list of [`Diagnostic`]s. The driver collects
//! them all, prints them with `file:line`, and decides the exit code at the end.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing that needs no fix (a code meaning two institutions).
    Note,
    /// The source has a defect the portal works around (a missing number, an undefined code).
    Warning,
    /// The source cannot be read as expected; `check` and `build` exit non-zero.
    Error,
}

/// One finding about one place in one source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    /// The file as users see it in the project: a seed's name in `seeds/` ("000_x.txt", made
    /// `seeds/000_x.txt` by [`crate::portal::Portal::load`] for printing), or a content file's
    /// path (`content/plans/<slug>.md`).
    pub file: String,
    /// 1-based line number; 0 when the finding concerns the whole file.
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn note(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line,
            severity: Severity::Note,
            message: message.into(),
        }
    }

    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, level, self.message
        )
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// The diagnostics as `check`, `build` and `serve` print them: one `file:line: level: message`
/// line each, in the order given, and before the first line of each file that `title` knows a
/// line naming its document (`seeds/000_x.txt — Organizētās noziedzības … plāns`), since a
/// seed's file name says nothing about which plan it is.
pub fn report(diagnostics: &[Diagnostic], title: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut previous: Option<&str> = None;
    for d in diagnostics {
        if previous != Some(d.file.as_str()) {
            if let Some(title) = title(&d.file) {
                lines.push(format!("{} — {title}", d.file));
            }
            previous = Some(&d.file);
        }
        lines.push(d.to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_documents_diagnostics_follow_a_line_naming_it() {
        let diagnostics = [
            Diagnostic::warning("content/plans/a.md", 2, "odd"),
            Diagnostic::warning("seeds/a.txt", 3, "first"),
            Diagnostic::error("seeds/a.txt", 9, "second"),
            Diagnostic::warning("seeds/b.txt", 1, "third"),
        ];
        let title = |file: &str| (file == "seeds/a.txt").then(|| "Plāns A".to_string());
        assert_eq!(
            report(&diagnostics, title),
            [
                "content/plans/a.md:2: warning: odd",
                "seeds/a.txt — Plāns A",
                "seeds/a.txt:3: warning: first",
                "seeds/a.txt:9: error: second",
                "seeds/b.txt:1: warning: third",
            ]
        );
    }
}
