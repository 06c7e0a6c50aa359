//! Fuzz target `word`: see [`harness::word`] for what it exercises.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::word(data));
