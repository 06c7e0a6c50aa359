//! The institution registry, `content/institutions.toml`: what the portal knows about institutions
//! beyond what one document says.
//!
//! A document's own definitions always come first (see [`super::institutions`]); the registry
//! fills in what documents leave open and joins what they write differently:
//!
//! - `[[institution]]`: a canonical body with its `code`, official `name`, the `parent` body it
//!   is subordinate to (by code), other codes documents print for it (`aliases`: "VSC" for
//!   "IeM VSC") and other spellings of its name (`names`). Two bodies may share a code ("NVA"):
//!   a document then means the one it defines, or the one whose name its text prints.
//! - `[[group]]`: a phrase that names several institutions at once ("Pašvaldības"), with other
//!   phrases for the same group and a `description` of who belongs to it. Phrases the registry
//!   does not list are still recognised as groups by their grammar (see
//!   [`super::institutions::is_group_phrase`]).
//! - `[[correction]]`: a definition a document gets wrong, one entry per defect: the seed `file`
//!   and `line` of the definition, the `code`, the right `name`, and the `reason`.

use crate::diagnostics::Diagnostic;
use anyhow::{anyhow, bail, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A canonical institution of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub code: String,
    pub name: String,
    /// Index of the parent body in [`Registry::institutions`].
    pub parent: Option<usize>,
    /// Other codes documents print for the body.
    pub aliases: Vec<String>,
    /// Other spellings of the name.
    pub names: Vec<String>,
    /// Line of the entry in `content/institutions.toml`.
    pub line: usize,
}

/// A group of institutions named by one phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The phrase shown as the group's title.
    pub name: String,
    /// Other phrases documents print for the same group.
    pub phrases: Vec<String>,
    /// Who belongs to the group, for its page.
    pub description: Option<String>,
    pub line: usize,
}

/// The right name for a code a document defines wrongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// Seed file name.
    pub file: String,
    /// Line of the wrong definition in the seed.
    pub line: usize,
    pub code: String,
    pub name: String,
    pub reason: String,
    /// Line of the entry in `content/institutions.toml`.
    pub entry_line: usize,
}

/// Everything `content/institutions.toml` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub institutions: Vec<Body>,
    pub groups: Vec<Group>,
    pub corrections: Vec<Correction>,
    /// The entries by their comparison keys, built once by [`Registry::parse`].
    index: Index,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    codes: BTreeMap<String, Vec<usize>>,
    names: BTreeMap<String, usize>,
    phrases: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    institution: Vec<Spanned<BodyEntry>>,
    #[serde(default)]
    group: Vec<Spanned<GroupEntry>>,
    #[serde(default)]
    correction: Vec<Spanned<CorrectionEntry>>,
}

impl File {
    /// Every string value cleaned as a content file's lines are, with a warning at its entry.
    fn clean(&mut self, text: &str, path: &str, diagnostics: &mut Vec<Diagnostic>) {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let mut clean = |value: &mut String, line: usize, field: &str| {
            let (cleaned, message) = crate::text::clean_value(value);
            if let Some(message) = message {
                diagnostics.push(Diagnostic::warning(
                    path,
                    line,
                    format!("{field}: {message}"),
                ));
            }
            *value = cleaned;
        };
        for entry in &mut self.institution {
            let line = line_of(entry.span().start);
            let body = entry.get_mut();
            clean(&mut body.code, line, "code");
            clean(&mut body.name, line, "name");
            for value in body.parent.iter_mut() {
                clean(value, line, "parent");
            }
            for value in &mut body.aliases {
                clean(value, line, "aliases");
            }
            for value in &mut body.names {
                clean(value, line, "names");
            }
        }
        for entry in &mut self.group {
            let line = line_of(entry.span().start);
            let group = entry.get_mut();
            clean(&mut group.name, line, "name");
            for value in &mut group.phrases {
                clean(value, line, "phrases");
            }
            for value in group.description.iter_mut() {
                clean(value, line, "description");
            }
        }
        for entry in &mut self.correction {
            let line = line_of(entry.span().start);
            let c = entry.get_mut();
            for (field, value) in [
                ("file", &mut c.file),
                ("code", &mut c.code),
                ("name", &mut c.name),
                ("reason", &mut c.reason),
            ] {
                clean(value, line, field);
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyEntry {
    code: String,
    name: String,
    /// Code of the parent body; none for a top-level body such as a ministry.
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    name: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionEntry {
    file: String,
    line: usize,
    code: String,
    name: String,
    reason: String,
}

/// The comparison key of a code: spaces collapsed, case ignored, diacritics kept ("IEM IC" is
/// "IeM IC", but "ĀM" is not "AM").
pub fn code_key(code: &str) -> String {
    collapse(code).to_lowercase()
}

/// The comparison key of a name or phrase: spaces collapsed, case and diacritics ignored.
pub fn name_key(name: &str) -> String {
    collapse(&crate::text::fold(name))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Registry {
    /// Reads and checks the registry; `path` names the file in messages. Its TOML errors give
    /// the file's line and column; characters a TOML escape puts into a value that text hygiene
    /// removes ([`crate::text::clean_value`]) are removed and warned about at the entry's line.
    pub fn parse(text: &str, path: &str, diagnostics: &mut Vec<Diagnostic>) -> Result<Registry> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let mut file: File = toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            let before = &text[..offset.min(text.len())];
            let column = 1 + before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count();
            anyhow!(
                "{path}:{}:{column}: invalid institution registry: {}",
                line_of(offset),
                error.message().trim_end()
            )
        })?;
        file.clean(text, path, diagnostics);
        let mut registry = Registry::default();
        let mut parents = Vec::new();
        for entry in &file.institution {
            let line = line_of(entry.span().start);
            let body = entry.get_ref();
            for (field, value) in [("code", &body.code), ("name", &body.name)] {
                if value.trim().is_empty() {
                    bail!("{path}:{line}: institution without a {field}");
                }
            }
            registry.institutions.push(Body {
                code: collapse(&body.code),
                name: collapse(&body.name),
                parent: None,
                aliases: body.aliases.iter().map(|a| collapse(a)).collect(),
                names: body.names.iter().map(|n| collapse(n)).collect(),
                line,
            });
            parents.push(body.parent.clone());
        }
        registry.index_codes();
        for (i, parent) in parents.iter().enumerate() {
            let Some(parent) = parent else { continue };
            let line = registry.institutions[i].line;
            let found = registry.bodies_with_code(&code_key(parent)).to_vec();
            match found.as_slice() {
                [only] if *only != i => registry.institutions[i].parent = Some(*only),
                [_] => bail!("{path}:{line}: {parent} is its own parent"),
                [] => bail!("{path}:{line}: parent {parent} is no institution of the registry"),
                _ => bail!(
                    "{path}:{line}: parent {parent} is ambiguous: {} institutions have that code",
                    found.len()
                ),
            }
        }
        registry.check_cycles(path)?;
        for entry in &file.group {
            let line = line_of(entry.span().start);
            let group = entry.get_ref();
            if group.name.trim().is_empty() {
                bail!("{path}:{line}: group without a name");
            }
            registry.groups.push(Group {
                name: collapse(&group.name),
                phrases: group.phrases.iter().map(|p| collapse(p)).collect(),
                description: group.description.as_deref().map(collapse),
                line,
            });
        }
        for entry in &file.correction {
            let entry_line = line_of(entry.span().start);
            let c = entry.get_ref();
            for (field, value) in [
                ("file", &c.file),
                ("code", &c.code),
                ("name", &c.name),
                ("reason", &c.reason),
            ] {
                if value.trim().is_empty() {
                    bail!("{path}:{entry_line}: correction without a {field}");
                }
            }
            registry.corrections.push(Correction {
                file: c.file.trim().to_string(),
                line: c.line,
                code: collapse(&c.code),
                name: collapse(&c.name),
                reason: collapse(&c.reason),
                entry_line,
            });
        }
        registry.check_unique(path)?;
        for (i, body) in registry.institutions.iter().enumerate() {
            for name in std::iter::once(&body.name).chain(&body.names) {
                registry.index.names.insert(name_key(name), i);
            }
        }
        for (i, group) in registry.groups.iter().enumerate() {
            for phrase in std::iter::once(&group.name).chain(&group.phrases) {
                registry.index.phrases.insert(name_key(phrase), i);
            }
        }
        Ok(registry)
    }

    fn index_codes(&mut self) {
        for (i, body) in self.institutions.iter().enumerate() {
            for code in std::iter::once(&body.code).chain(&body.aliases) {
                let found = self.index.codes.entry(code_key(code)).or_default();
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
    }

    /// Indices of the bodies with this code (or alias), by [`code_key`].
    pub fn bodies_with_code(&self, key: &str) -> &[usize] {
        self.index
            .codes
            .get(key)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The body with this name (or name spelling), by [`name_key`].
    pub fn body_named(&self, key: &str) -> Option<usize> {
        self.index.names.get(key).copied()
    }

    /// The group with this phrase, by [`name_key`].
    pub fn group_with_phrase(&self, key: &str) -> Option<usize> {
        self.index.phrases.get(key).copied()
    }

    /// Every name and phrase names one thing: a body's name is no other body's, a group phrase
    /// is no body's name or code.
    fn check_unique(&self, path: &str) -> Result<()> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let names = self.institutions.iter().flat_map(|b| {
            std::iter::once(&b.name)
                .chain(&b.names)
                .map(move |n| (name_key(n), b.line))
        });
        let phrases = self.groups.iter().flat_map(|g| {
            std::iter::once(&g.name)
                .chain(&g.phrases)
                .map(move |p| (name_key(p), g.line))
        });
        for (key, line) in names.chain(phrases) {
            if let Some(first) = seen.insert(key.clone(), line) {
                if first != line {
                    bail!("{path}:{line}: \"{key}\" is already used by the entry at line {first}");
                }
            }
        }
        for g in &self.groups {
            for phrase in std::iter::once(&g.name).chain(&g.phrases) {
                if !self.bodies_with_code(&code_key(phrase)).is_empty() {
                    bail!(
                        "{path}:{}: group phrase \"{phrase}\" is an institution's code",
                        g.line
                    );
                }
            }
        }
        Ok(())
    }

    /// No body is its own ancestor.
    fn check_cycles(&self, path: &str) -> Result<()> {
        for (start, body) in self.institutions.iter().enumerate() {
            let mut at = body.parent;
            let mut steps = 0;
            while let Some(i) = at {
                steps += 1;
                if i == start || steps > self.institutions.len() {
                    bail!(
                        "{path}:{}: {} is its own ancestor through its parents",
                        body.line,
                        body.code
                    );
                }
                at = self.institutions[i].parent;
            }
        }
        Ok(())
    }

    /// The correction of the definition of `code` at `file:line`, if the registry has one.
    pub fn correction(&self, file: &str, line: usize, code: &str) -> Option<&Correction> {
        self.corrections
            .iter()
            .find(|c| c.file == file && c.line == line && code_key(&c.code) == code_key(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "content/institutions.toml";

    #[test]
    fn bodies_groups_and_corrections_are_read_with_their_lines() {
        let text = r#"
[[institution]]
code = "IeM"
name = "Iekšlietu ministrija"

[[institution]]
code = "IeM VSC"
name = "Iekšlietu ministrijas veselības un sporta centrs"
parent = "IEM"
aliases = ["VSC"]

[[group]]
name = "Pašvaldības"
description = "Latvijas novadu un valstspilsētu pašvaldības"

[[correction]]
file = "002_5ef2c56a3aa0266d.txt"
line = 142
code = "LPS"
name = "Latvijas Pašvaldību savienība"
reason = "the footnote names the union an association"
"#;
        let mut warnings = Vec::new();
        let registry = Registry::parse(text, PATH, &mut warnings).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(registry.institutions.len(), 2);
        let vsc = &registry.institutions[1];
        assert_eq!((vsc.parent, vsc.line), (Some(0), 6));
        assert_eq!(registry.bodies_with_code("vsc"), [1]);
        assert_eq!(registry.bodies_with_code("iem vsc"), [1]);
        assert!(registry.bodies_with_code("vp").is_empty());
        assert_eq!(
            registry.body_named(&name_key("IEKŠLIETU  ministrija")),
            Some(0)
        );
        assert_eq!(registry.group_with_phrase("pasvaldibas"), Some(0));
        let fix = registry
            .correction("002_5ef2c56a3aa0266d.txt", 142, "lps")
            .unwrap();
        assert_eq!(
            (fix.name.as_str(), fix.entry_line),
            ("Latvijas Pašvaldību savienība", 16)
        );
        assert!(registry
            .correction("002_5ef2c56a3aa0266d.txt", 141, "LPS")
            .is_none());
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        let cases = [
            (
                "[[institution]]\ncode = \"VP\"\nname = \"Valsts policija\"\nparent = \"IeM\"\n",
                "content/institutions.toml:1: parent IeM is no institution of the registry",
            ),
            (
                "[[institution]]\ncode = \"NVA\"\nname = \"A\"\n\n[[institution]]\ncode = \"NVA\"\nname = \"B\"\n\n[[institution]]\ncode = \"X\"\nname = \"C\"\nparent = \"NVA\"\n",
                "content/institutions.toml:9: parent NVA is ambiguous: 2 institutions have that code",
            ),
            (
                "[[institution]]\ncode = \"A\"\nname = \"Aa\"\nparent = \"B\"\n[[institution]]\ncode = \"B\"\nname = \"Bb\"\nparent = \"A\"\n",
                "content/institutions.toml:1: A is its own ancestor through its parents",
            ),
            (
                "[[institution]]\ncode = \"A\"\nname = \"Aa\"\n[[group]]\nname = \"Pašvaldības\"\nphrases = [\"AA\"]\n",
                "content/institutions.toml:4: \"aa\" is already used by the entry at line 1",
            ),
            (
                "[[correction]]\nfile = \"x.txt\"\nline = 3\ncode = \"LPS\"\nname = \"L\"\nreason = \" \"\n",
                "content/institutions.toml:1: correction without a reason",
            ),
        ];
        for (text, message) in cases {
            let error = Registry::parse(text, PATH, &mut Vec::new()).unwrap_err();
            assert_eq!(format!("{error:#}"), message);
        }
        let error = Registry::parse(
            "[[institution]]\ncode = \"A\"\nname = \"Aa\"\n\n[[institution]]\ncode = \"B\"\nnaem = \"Bb\"\n",
            PATH,
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            format!("{error:#}"),
            "content/institutions.toml:7:1: invalid institution registry: unknown field `naem`, expected one of `code`, `name`, `parent`, `aliases`, `names`"
        );
    }

    #[test]
    fn control_characters_put_in_by_an_escape_are_removed_and_warned_about() {
        let text = "\n[[institution]]\ncode = \"VP\"\nname = \"Valsts \\u202Epolicija\"\n";
        let mut warnings = Vec::new();
        let registry = Registry::parse(text, PATH, &mut warnings).unwrap();
        assert_eq!(registry.institutions[0].name, "Valsts policija");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("content/institutions.toml:2: warning: name: "),
            "{}",
            warnings[0]
        );
    }
}
