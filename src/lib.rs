//! planportal turns Latvian government policy plans (Word and PDF text exports) into a static,
//! cross-linked portal with open data.
//!
//! The pipeline flows one way: [`read`] (layouts) → [`extract`] (document structures) →
//! [`model`] → [`resolve`] (institutions, links) → [`render`] (pages, data) → [`output`]
//! (atomic write). [`portal::Portal`] drives it. See `ARCHITECTURE.md`.

pub mod changes;
pub mod content;
pub mod diagnostics;
pub mod extract;
pub mod model;
pub mod output;
pub mod portal;
pub mod read;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod text;
