//! Search that understands Latvian.
//!
//! - [`analyzer`]: the one text analyser (folding, code-preserving tokens, Latvian stemming) that
//!   everything indexing or querying uses; the browser has a tested twin of it.
//! - [`compounds`]: Latvian compounds split on the index's vocabulary, so their parts find them.
//! - [`documents`]: what is searchable (measures, institutions, budget programmes, indicators,
//!   plan chapters) as weighted fields and facets.
//! - [`glossary`]: the plans' abbreviation lists, so a code finds its definition's words and
//!   the words their code.
//! - [`index`]: the sharded static index the search page downloads piece by piece, and the
//!   same index in memory ([`index::SearchData`]).
//! - [`rank`]: the search page's ranking in Rust (the twin of `engine.mjs`).
//! - [`related`]: each measure's related measures in other plans, by text similarity.
//! - [`cache`]: the index `planportal search` keeps between calls, keyed by its inputs.
//! - [`cli`]: `planportal search`, the search page's results offline.

pub mod analyzer;
pub mod cache;
pub mod cli;
pub mod compounds;
pub mod documents;
pub mod glossary;
pub mod index;
pub mod rank;
pub mod related;
