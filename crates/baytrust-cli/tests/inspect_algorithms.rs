//! `verify-sig inspect` names the key types the algorithm dispatch reads: an
//! `id-RSASSA-PSS` key as `RSA-PSS-<bits>` and an SM2 key with explicit sm2p256v1
//! parameters as `SM2` (testdata/algorithm, made by its make.sh).

mod support;

use support::{testdata, verify_sig};

fn key_algorithms(path: &str) -> Vec<String> {
    let output = verify_sig(&["inspect", &testdata(path).to_string_lossy()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.trim().strip_prefix("Key algorithm:"))
        .map(|value| value.trim().to_owned())
        .collect()
}

#[test]
fn inspect_names_a_pss_key_with_its_size() {
    assert_eq!(
        key_algorithms("algorithm/pss/org-pss-key.pem"),
        ["RSA-PSS-2048"]
    );
    assert_eq!(
        key_algorithms("algorithm/pss/issuing-ca.pem"),
        ["RSA-PSS-2048"]
    );
}

#[test]
fn inspect_names_an_explicit_parameters_sm2_key_sm2() {
    assert_eq!(key_algorithms("algorithm/sm2-explicit/org.pem"), ["SM2"]);
    assert_eq!(
        key_algorithms("algorithm/sm2-explicit/root-ca.pem"),
        ["SM2"]
    );
}

#[test]
fn inspect_signature_names_the_pss_signature_algorithm() {
    let output = verify_sig(&[
        "inspect",
        &testdata("algorithm/pss/signed-by-pss-key.der").to_string_lossy(),
    ]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("  Algorithms:     SHA-256 / RSASSA-PSS\n"),
        "{stdout}"
    );
}
