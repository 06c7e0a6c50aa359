//! Fuzz target `amount`: see [`harness::amount`] for what it exercises.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::amount(data));
