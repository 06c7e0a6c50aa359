//! Search that understands Latvian.
//!
//! - [`analyzer`]: the one text analyser (folding, code-preserving tokens, Latvian stemming) that
//!   everything indexing or querying uses; the browser has a tested twin of it.
//! - [`documents`]: what is searchable (measures, institutions, budget programmes, indicators,
//!   plan chapters) as weighted fields and facets.
//! - [`index`]: the sharded static index the search page downloads piece by piece.
//! - [`cli`]: `planportal search`, the same documents searched offline with tantivy.

pub mod analyzer;
pub mod cli;
pub mod documents;
pub mod index;
