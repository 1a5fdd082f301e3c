//! Fuzz target `sm2_verify`: its body is `fuzz_sm2_verify` in
//! crates/baytrust-sm2/tests/support/fuzz_sm2.rs (a differential check of baytrust-sm2
//! against RustCrypto `sm2`), which the stable replay test
//! (crates/baytrust-sm2/tests/fuzz_corpus_replay.rs) runs too.

#![no_main]

include!("../../crates/baytrust-sm2/tests/support/fuzz_sm2.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_sm2_verify(data));
