//! Integration tests (one binary, a module per feature).
//!
//! - `budget`: budget pages, data and checks built from the real seeds;
//! - `links`: the whole site built from this repository's `seeds/` and `content/` has no broken
//!   internal link or `#anchor`;
//! - `invalid`: broken projects fail with a message naming the path and leave the published site
//!   untouched.

mod budget;
mod common;
mod invalid;
mod links;
