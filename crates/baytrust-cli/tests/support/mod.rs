//! What the CLI tests share: testdata paths, running `verify-sig`, and asking the real
//! `openssl` what it sees in a certificate.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "../../../baytrust/tests/support/pseudo_random.rs"]
pub mod pseudo_random;

#[path = "../../../baytrust/tests/support/signed_data_parts.rs"]
pub mod signed_data_parts;

/// The JSON a run printed, after asserting it exited with `code` (its stderr shown
/// when not).
pub fn json_of(output: &Output, code: i32) -> serde_json::Value {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A path under `testdata/`.
pub fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path)
}

/// Runs `verify-sig` with `args`.
pub fn verify_sig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verify-sig"))
        .args(args)
        .output()
        .expect("run verify-sig")
}

/// `openssl x509 -noout <flag>` on a PEM file, with the `name=` prefix removed
/// (`-serial` → `0C10`, `-fingerprint -sha256` → `AB:CD:…`).
pub fn openssl_x509_field(path: &std::path::Path, flags: &[&str]) -> String {
    let output = Command::new("openssl")
        .args(["x509", "-noout"])
        .args(flags)
        .arg("-in")
        .arg(path)
        .output()
        .expect("run openssl");
    assert!(
        output.status.success(),
        "openssl x509 {flags:?} {}",
        path.display()
    );
    let text = String::from_utf8(output.stdout).expect("openssl prints text");
    text.trim()
        .rsplit_once('=')
        .map(|(_, value)| value.to_owned())
        .unwrap_or_default()
}
