//! Fuzz target `auth_message`: its body is `fuzz_auth_message` in the shared entry file,
//! which the stable replay test (crates/baytrust/tests/fuzz_corpus_replay.rs) runs too.

#![no_main]

include!("../../crates/baytrust/tests/support/fuzz_entry.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_auth_message(data));
