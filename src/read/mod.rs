//! Readers for the documents' layouts. They know how a layout encodes text, cells and footnotes,
//! and nothing about any one plan; [`crate::extract`] builds each document's structure on top.

pub mod pdf;
pub mod table;
pub mod word;
