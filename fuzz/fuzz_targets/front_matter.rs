//! Fuzz target `front_matter`: see [`harness::front_matter`] for what it exercises.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::front_matter(data));
