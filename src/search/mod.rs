//! Search that understands Latvian: one text [`analyzer`] shared by everything that indexes or
//! queries.

pub mod analyzer;
