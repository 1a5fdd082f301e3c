//! Fuzz target `trust_list_load`: its body is `fuzz_trust_list_load` in the shared entry file, which
//! the stable replay test (crates/baytrust/tests/fuzz_corpus_replay.rs) runs too.

#![no_main]

include!("../../crates/baytrust/tests/support/fuzz_entry.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_trust_list_load(data));
