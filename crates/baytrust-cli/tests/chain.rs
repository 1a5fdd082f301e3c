//! `verify-sig chain` on the generated test PKI: status words, exit codes, the JSON
//! report (with SHA-256 fingerprints checked against `openssl x509 -fingerprint`).

mod support;

use serde_json::{json, Value};
use support::{json_of, openssl_x509_field, testdata, verify_sig};

const AT: &str = "2026-06-01T00:00:00Z";

fn pki(path: &str) -> String {
    testdata(&format!("pki/{path}"))
        .to_string_lossy()
        .into_owned()
}

fn openssl_sha256(path: &str) -> String {
    openssl_x509_field(std::path::Path::new(path), &["-fingerprint", "-sha256"])
        .replace(':', "")
        .to_lowercase()
}

#[test]
fn valid_chain_prints_ok_and_exits_0() {
    let cert = pki("hk/org-harbour-logistics-chain.pem");
    let output = verify_sig(&[
        "chain",
        &cert,
        "--cafile",
        &pki("hk/root-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        format!("{cert}: OK")
    );
}

#[test]
fn json_report_lists_the_chain_with_openssl_fingerprints() {
    let output = verify_sig(&[
        "chain",
        &pki("hk/org-harbour-logistics.pem"),
        "--untrusted",
        &pki("hk/issuing-ca.pem"),
        "--cafile",
        &pki("hk/root-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["valid"], json!(true));
    assert_eq!(report["error_kind"], Value::Null);
    assert_eq!(report["anchor_jurisdiction"], json!("HK"));
    assert_eq!(
        report["user_constrained_policy_set"],
        json!(["2.16.344.8.2.2008.810.2.2018.1.1"])
    );
    let chain = report["chain"].as_array().unwrap();
    assert_eq!(chain.len(), 3);
    for (entry, file) in chain.iter().zip([
        "hk/org-harbour-logistics.pem",
        "hk/issuing-ca.pem",
        "hk/root-ca.pem",
    ]) {
        assert_eq!(entry["sha256"], json!(openssl_sha256(&pki(file))), "{file}");
    }
    assert_eq!(
        chain[0]["subject"],
        json!("C=HK, O=Harbour Logistics Limited, OU=BRN 12345678-000, CN=CHAN Tai Man")
    );
}

#[test]
fn sm2_chain_validates_from_the_command_line() {
    let output = verify_sig(&[
        "chain",
        &pki("cn-sm2/org-qianhai-tech-chain.pem"),
        "--cafile",
        &pki("cn-sm2/root-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
        "--json",
    ]);
    let report = json_of(&output, 0);
    assert_eq!(report["anchor_jurisdiction"], json!("CN"));
}

#[test]
fn path_failures_exit_5_as_indeterminate_with_the_error_kind() {
    // ETSI EN 319 102-1: a path that cannot be validated is INDETERMINATE, as `verify`
    // reports it for a signer; the exit code follows the indication.
    const CONSTRAINTS: &str = "CHAIN_CONSTRAINTS_FAILURE";
    const CRYPTO: &str = "CRYPTO_CONSTRAINTS_FAILURE";
    for (file, kind, sub) in [
        (
            "edge/expired-chain.pem",
            "CertificateExpired",
            "OUT_OF_BOUNDS_NO_POE",
        ),
        ("edge/leaf-under-ca-false-chain.pem", "NotACa", CONSTRAINTS),
        (
            "edge/leaf-pathlen-exceeded-chain.pem",
            "PathLenExceeded",
            CONSTRAINTS,
        ),
        (
            "edge/no-signing-key-usage-chain.pem",
            "LeafKeyUsageMissing",
            CONSTRAINTS,
        ),
        (
            "edge/unknown-critical-extension-chain.pem",
            "UnrecognisedCriticalExtension",
            CONSTRAINTS,
        ),
        ("edge/sha1-signed-chain.pem", "ChainSignature", CRYPTO),
        ("edge/rsa-1024-chain.pem", "PublicKeyRefused", CRYPTO),
        (
            "edge/corrupted-signature-chain.pem",
            "ChainSignature",
            "CERTIFICATE_CHAIN_GENERAL_FAILURE",
        ),
        (
            "edge/leaf-name-constraint-violation-chain.pem",
            "NameConstraintViolation",
            CONSTRAINTS,
        ),
    ] {
        let output = verify_sig(&[
            "chain",
            &pki(file),
            "--cafile",
            &pki("hk/root-ca.pem"),
            "--now",
            AT,
            "--attime",
            AT,
            "--json",
        ]);
        assert_eq!(output.status.code(), Some(5), "{file}");
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["valid"], json!(false), "{file}");
        assert_eq!(report["indication"], json!("INDETERMINATE"), "{file}");
        assert_eq!(report["sub_indication"], json!(sub), "{file}");
        assert_eq!(report["error_kind"], json!(kind), "{file}");
        assert_eq!(report["chain"], json!([]), "{file}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("verification failed"),
            "{file}"
        );
    }
}

#[test]
fn wrong_policy_fails_with_explicit_policy_flags() {
    let base = [
        "chain".to_owned(),
        pki("edge/wrong-policy-chain.pem"),
        "--cafile".to_owned(),
        format!("HK:{}", pki("hk/root-ca.pem")),
        "--now".to_owned(),
        AT.to_owned(),
        "--attime".to_owned(),
        AT.to_owned(),
    ];
    let args: Vec<&str> = base.iter().map(String::as_str).collect();
    assert_eq!(verify_sig(&args).status.code(), Some(0));
    let mut strict = args.clone();
    strict.extend([
        "--policy",
        "2.16.344.8.2.2008.810.2.2018.1.1",
        "--explicit-policy",
    ]);
    let output = verify_sig(&strict);
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Indication: INDETERMINATE / POLICY_PROCESSING_ERROR\n"
    );
}

#[test]
fn operator_mistakes_have_their_exit_codes() {
    let cert = pki("hk/org-harbour-logistics-chain.pem");
    let root = pki("hk/root-ca.pem");
    assert_eq!(
        verify_sig(&[
            "chain",
            &cert,
            "--cafile",
            "/nonexistent/root.pem",
            "--attime",
            AT
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        verify_sig(&["chain", &cert, "--cafile", &root, "--attime", "yesterday"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        verify_sig(&["chain", &cert, "--cafile", &root, "--purpose", "everything"])
            .status
            .code(),
        Some(1)
    );
    let truncated = std::env::temp_dir().join(format!("baytrust-chain-{}.der", std::process::id()));
    std::fs::write(&truncated, [0x30, 0x82, 0x01]).unwrap();
    assert_eq!(
        verify_sig(&[
            "chain",
            truncated.to_str().unwrap(),
            "--cafile",
            &root,
            "--attime",
            AT
        ])
        .status
        .code(),
        Some(3)
    );
}
