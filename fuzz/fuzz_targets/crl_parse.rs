//! Fuzz target `crl_parse`: its body is `fuzz_crl_parse` in the shared entry file, which the
//! stable replay test (crates/baytrust/tests/fuzz_corpus_replay.rs) runs too.

#![no_main]

include!("../../crates/baytrust/tests/support/fuzz_entry.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_crl_parse(data));
