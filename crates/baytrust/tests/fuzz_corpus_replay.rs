//! Replays every committed fuzz input — the seed corpora `fuzz/corpus/<target>/` and
//! the minimised findings `fuzz/regressions/<target>/` — through the fuzz targets'
//! bodies (tests/support/fuzz_entry.rs, which the targets `include!`), so the stable
//! toolchain guards them without a fuzzer: each must return, not panic.

#[path = "support/fuzz_entry.rs"]
mod fuzz_entry;

use std::path::PathBuf;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the folder is absent.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `body` over every committed input of `target`; returns how many there were.
fn replay(target: &str, body: fn(&[u8])) -> usize {
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        for path in inputs(kind, target) {
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(outcome.is_ok(), "{target}: {} panicked", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn certificate_corpus_replays_without_panic() {
    assert!(replay("certificate", fuzz_entry::fuzz_certificate) > 0);
}

#[test]
fn cms_verify_corpus_replays_without_panic() {
    assert!(replay("cms_verify", fuzz_entry::fuzz_cms_verify) > 0);
}

#[test]
fn trust_list_load_corpus_replays_without_panic() {
    assert!(replay("trust_list_load", fuzz_entry::fuzz_trust_list_load) > 0);
}

#[test]
fn path_building_corpus_replays_without_panic() {
    assert!(replay("path_building", fuzz_entry::fuzz_path_building) > 0);
}

#[test]
fn name_constraints_corpus_replays_without_panic() {
    assert!(replay("name_constraints", fuzz_entry::fuzz_name_constraints) > 0);
}

#[test]
fn crl_parse_corpus_replays_without_panic() {
    assert!(replay("crl_parse", fuzz_entry::fuzz_crl_parse) > 0);
}

#[test]
fn ocsp_parse_corpus_replays_without_panic() {
    assert!(replay("ocsp_parse", fuzz_entry::fuzz_ocsp_parse) > 0);
}

/// The chunk format of `path_building` seeds: a 2-byte big-endian length per chunk; a
/// short last chunk takes what is left; empty and one-byte inputs give no chunk.
#[test]
fn path_building_input_splits_into_length_prefixed_chunks() {
    assert_eq!(
        fuzz_entry::fuzz_split_chunks(&[0, 2, 0xaa, 0xbb, 0, 1, 0xcc, 0, 9, 0xdd], 64),
        vec![&[0xaa, 0xbb][..], &[0xcc][..], &[0xdd][..]]
    );
    assert!(fuzz_entry::fuzz_split_chunks(&[7], 64).is_empty());
    assert_eq!(
        fuzz_entry::fuzz_split_chunks(&[0, 0, 0, 0, 0, 0], 2).len(),
        2
    );
}

#[test]
fn auth_message_corpus_replays_without_panic() {
    assert!(replay("auth_message", fuzz_entry::fuzz_auth_message) > 0);
}
