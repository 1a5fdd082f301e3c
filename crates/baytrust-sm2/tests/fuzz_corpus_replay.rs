//! Replays the committed inputs of the fuzz target `sm2_verify` — seeds
//! `fuzz/corpus/sm2_verify/` and findings `fuzz/regressions/sm2_verify/` — through its
//! body (tests/support/fuzz_sm2.rs), so the stable toolchain guards them without a
//! fuzzer: each must return without panicking (and so without a disagreement with
//! RustCrypto `sm2`).

#[path = "support/fuzz_sm2.rs"]
mod fuzz_sm2;

use std::path::PathBuf;

/// The files of `fuzz/<kind>/sm2_verify/`, sorted; none when the folder is absent.
fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join("sm2_verify");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn sm2_verify_corpus_replays_without_panic() {
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        for path in inputs(kind) {
            let data = std::fs::read(&path).expect("read");
            let outcome = std::panic::catch_unwind(|| fuzz_sm2::fuzz_sm2_verify(&data));
            assert!(outcome.is_ok(), "{} panicked", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no committed sm2_verify inputs");
}

#[test]
fn seeds_are_verifying_openssl_vectors() {
    // The seeds are OpenSSL-made vectors in the chunk format: the valid path is fuzzed.
    let seeds = inputs("corpus");
    let valid = seeds
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).expect("read");
            let (key, rest) = fuzz_sm2::fuzz_take_chunk(&data);
            let (id, rest) = fuzz_sm2::fuzz_take_chunk(rest);
            let (signature, message) = fuzz_sm2::fuzz_take_chunk(rest);
            baytrust_sm2::verify(key, id, message, signature).is_ok()
        })
        .count();
    assert!(valid >= 32, "{valid} of {} seeds verify", seeds.len());
}

#[test]
fn chunks_are_length_prefixed_and_the_last_short_one_takes_the_rest() {
    assert_eq!(
        fuzz_sm2::fuzz_take_chunk(&[2, 0xaa, 0xbb, 0xcc]),
        (&[0xaa, 0xbb][..], &[0xcc][..])
    );
    assert_eq!(
        fuzz_sm2::fuzz_take_chunk(&[9, 0xaa]),
        (&[0xaa][..], &[][..])
    );
    assert_eq!(fuzz_sm2::fuzz_take_chunk(&[]), (&[][..], &[][..]));
}
