//! `--crl`, `--ocsp`, `--revocation` on `verify-sig verify` and `chain`, `--max-depth`
//! on `chain`, and `inspect` of CRLs and OCSP responses, with the OpenSSL-made data of
//! testdata/revocation (its make.sh) and the OpenSSL-made signatures of testdata/cms.

mod support;

use serde_json::{json, Value};
use support::{testdata, verify_sig};

const AT: &str = "2026-06-01T00:00:00Z";

fn path(relative: &str) -> String {
    testdata(relative).to_string_lossy().into_owned()
}

fn crl(name: &str) -> String {
    path(&format!("revocation/crl/{name}"))
}

fn ocsp(name: &str) -> String {
    path(&format!("revocation/ocsp/{name}"))
}

/// `verify-sig verify` of an OpenSSL-made detached signature over testdata/cms's
/// contract, under the HK root, with `extra` options.
fn verify(signature: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let signature = path(&format!("cms/openssl/{signature}"));
    let content = path("cms/contract.txt");
    let root = path("pki/hk/root-ca.pem");
    let issuing = path("pki/hk/issuing-ca.pem");
    let mut args = vec![
        "verify",
        &signature,
        "--content",
        &content,
        "--cafile",
        &root,
        "--untrusted",
        &issuing,
        "--now",
        AT,
        "--attime",
        AT,
    ];
    args.extend_from_slice(extra);
    let output = verify_sig(&args);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `verify-sig chain --json` of a HK PKI certificate, with `extra` options.
fn chain(cert: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let cert = path(&format!("pki/hk/{cert}"));
    let root = format!("HK:{}", path("pki/hk/root-ca.pem"));
    let issuing = path("pki/hk/issuing-ca.pem");
    let retired = path("pki/hk/retired-issuing-ca.pem");
    let mut args = vec![
        "chain",
        &cert,
        "--cafile",
        &root,
        "--untrusted",
        &issuing,
        "--untrusted",
        &retired,
        "--now",
        AT,
        "--attime",
        AT,
        "--json",
    ];
    args.extend_from_slice(extra);
    let output = verify_sig(&args);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON: {}",
            String::from_utf8_lossy(&output.stderr).into_owned()
        )
    });
    (output.status.code(), report)
}

#[test]
fn verify_with_a_crl_revoking_the_signer_is_indeterminate_revoked_no_poe() {
    let crl = crl("hk-issuing-ca.crl");
    let (code, stdout, stderr) = verify("ecdsa-p384.der", &["--crl", &crl, "--json"]);
    assert_eq!(code, Some(5), "{stderr}");
    assert!(
        stderr.starts_with("Verification failure: REVOKED_NO_POE: "),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["sub_indication"], json!("REVOKED_NO_POE"));
    let leaf = &report["signers"][0]["chain"][0];
    assert_eq!(leaf["revocation"]["status"], json!("revoked"));
    assert_eq!(leaf["revocation"]["reason"], json!("keyCompromise"));
    assert_eq!(
        leaf["revocation"]["revoked_at"],
        json!("2026-04-01T00:00:00Z")
    );
    assert_eq!(leaf["revocation"]["source"]["kind"], json!("crl"));
    assert_eq!(
        report["signers"][0]["chain"][1]["revocation"]["status"],
        json!("not_checked")
    );
}

#[test]
fn verify_human_output_names_each_certificates_revocation_status_and_source() {
    let crl = crl("hk-issuing-ca.crl");
    let (code, stdout, _) = verify("ecdsa-p384.der", &["--crl", &crl]);
    assert_eq!(code, Some(5));
    assert!(
        stdout.contains(
            "  Revocation:    C=HK, O=九龍電子有限公司, OU=BRN 87654321-000-06-24-1, CN=WONG Siu Ming: revoked at 2026-04-01T00:00:00Z (keyCompromise) — CRL of C=HK, O=BayTrust Test Hong Kong Certification Authority, CN=BayTrust Test HK Issuing CA 2024, thisUpdate 2026-05-01T00:00:00Z\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  Revocation:    C=HK, O=BayTrust Test Hong Kong Certification Authority, CN=BayTrust Test HK Issuing CA 2024: not_checked\n"
        ),
        "{stdout}"
    );
    // Without any --crl or --ocsp nothing is said of revocation.
    let (_, stdout, _) = verify("rsa-detached.der", &[]);
    assert!(!stdout.contains("Revocation:"), "{stdout}");
}

#[test]
fn verify_require_needs_status_for_every_certificate_from_crls_or_ocsp() {
    let (code, _, stderr) = verify("rsa-detached.der", &["--revocation", "require"]);
    assert_eq!(code, Some(5));
    assert!(
        stderr.starts_with("Verification failure: TRY_LATER: "),
        "{stderr}"
    );
    let (issuing, root) = (crl("hk-issuing-ca.crl"), crl("hk-root-ca.crl"));
    let (code, _, stderr) = verify(
        "rsa-detached.der",
        &["--revocation", "require", "--crl", &issuing, "--crl", &root],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let good = ocsp("hk-good.der");
    let (code, stdout, stderr) = verify(
        "rsa-detached.der",
        &[
            "--revocation",
            "require",
            "--ocsp",
            &good,
            "--crl",
            &root,
            "--json",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["signers"][0]["chain"][0]["revocation"]["source"]["kind"],
        json!("ocsp")
    );
    // The unauthorised responder's `good` is not accepted.
    let forged = ocsp("hk-unauthorised-responder.der");
    let (code, _, stderr) = verify(
        "rsa-detached.der",
        &["--revocation", "require", "--ocsp", &forged, "--crl", &root],
    );
    assert_eq!(code, Some(5));
    assert!(stderr.contains("TRY_LATER"), "{stderr}");
}

#[test]
fn revocation_off_ignores_the_crl_and_a_bad_mode_is_a_usage_error() {
    let crl = crl("hk-issuing-ca.crl");
    let (code, _, stderr) = verify("ecdsa-p384.der", &["--crl", &crl, "--revocation", "off"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = verify("ecdsa-p384.der", &["--revocation", "sometimes"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("require, prefer, off"), "{stderr}");
}

#[test]
fn a_crl_file_that_does_not_parse_is_malformed_input() {
    let not_a_crl = path("pki/hk/root-ca.pem");
    let (code, _, stderr) = verify("rsa-detached.der", &["--crl", &not_a_crl]);
    assert_eq!(code, Some(3), "{stderr}");
}

#[test]
fn chain_reports_revoked_leaf_and_revoked_ca_with_etsi_indications() {
    let crl_issuing = crl("hk-issuing-ca.crl");
    let (code, report) = chain("org-kowloon-electronics.pem", &["--crl", &crl_issuing]);
    assert_eq!(code, Some(5));
    assert_eq!(report["valid"], json!(false));
    assert_eq!(report["indication"], json!("INDETERMINATE"));
    assert_eq!(report["sub_indication"], json!("REVOKED_NO_POE"));
    assert_eq!(report["error_kind"], json!("CertificateRevoked"));
    assert_eq!(report["chain"][0]["revocation"]["status"], json!("revoked"));
    let crl_root = crl("hk-root-ca.crl");
    let (code, report) = chain("org-retired-ca.pem", &["--crl", &crl_root]);
    assert_eq!(code, Some(5));
    assert_eq!(report["sub_indication"], json!("REVOKED_CA_NO_POE"));
    assert_eq!(
        report["chain"][1]["revocation"]["reason"],
        json!("cACompromise")
    );
    // A good path says TOTAL_PASSED and each status.
    let (code, report) = chain(
        "org-harbour-logistics.pem",
        &[
            "--crl",
            &crl_issuing,
            "--crl",
            &crl_root,
            "--revocation",
            "require",
        ],
    );
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["indication"], json!("TOTAL_PASSED"));
    assert_eq!(report["revocation_mode"], json!("require"));
    assert_eq!(report["chain"][0]["revocation"]["status"], json!("good"));
    assert_eq!(report["chain"][1]["revocation"]["status"], json!("good"));
    assert_eq!(report["chain"][2]["revocation"], Value::Null);
}

#[test]
fn chain_stale_crl_under_require_is_try_later() {
    let stale = crl("hk-issuing-ca-stale.crl");
    let root = crl("hk-root-ca.crl");
    let (code, report) = chain(
        "org-harbour-logistics.pem",
        &["--crl", &stale, "--crl", &root, "--revocation", "require"],
    );
    assert_eq!(code, Some(5));
    assert_eq!(report["sub_indication"], json!("TRY_LATER"));
    assert_eq!(report["error_kind"], json!("RevocationStatusUnavailable"));
    assert_eq!(
        report["chain"][0]["revocation"]["status"],
        json!("unavailable")
    );
}

#[test]
fn max_depth_counts_intermediates_as_openssl_verify_depth_does() {
    let (code, report) = chain("org-harbour-logistics.pem", &["--max-depth", "1"]);
    assert_eq!(code, Some(0), "{report}");
    let (code, report) = chain("org-harbour-logistics.pem", &["--max-depth", "0"]);
    assert_eq!(code, Some(5));
    assert_eq!(report["indication"], json!("INDETERMINATE"));
    assert_eq!(report["sub_indication"], json!("CHAIN_CONSTRAINTS_FAILURE"));
    assert_eq!(report["error_kind"], json!("PathTooLong"));
}

#[test]
fn inspect_describes_a_crl_its_scope_and_a_delta_crl() {
    let output = verify_sig(&["inspect", &crl("hk-issuing-ca.crl")]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        text,
        "CRL\n  Issuer:         C=HK, O=BayTrust Test Hong Kong Certification Authority, CN=BayTrust Test HK Issuing CA 2024\n  CRL number:     01\n  This update:    2026-05-01T00:00:00Z\n  Next update:    2026-07-01T00:00:00Z\n  Entries:        1\n  Scope:          all certificates\n"
    );
    let output = verify_sig(&["inspect", "--json", &crl("mo-issuing-ca.crl")]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["scope"], json!(["only end-entity certificates"]));
    assert_eq!(report["kind"], json!("crl"));
    let output = verify_sig(&["inspect", "--json", &crl("cn-issuing-ca-delta.crl")]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["kind"], json!("delta_crl"));
    assert_eq!(report["entries"], json!(2));
}

#[test]
fn inspect_describes_an_ocsp_response_and_each_single_response() {
    let output = verify_sig(&["inspect", "--json", &ocsp("hk-revoked.der")]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["kind"], json!("ocsp_response"));
    let single = &report["responses"][0];
    assert_eq!(single["serial"], json!("4811"));
    assert_eq!(single["status"], json!("revoked"));
    assert_eq!(single["reason"], json!("keyCompromise"));
    assert_eq!(single["revoked_at"], json!("2026-04-01T00:00:00Z"));
    let output = verify_sig(&["inspect", &ocsp("hk-unknown.der")]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("OCSP response\n  Responder:      "),
        "{text}"
    );
    assert!(
        text.contains("  Serial 4812: unknown, this update "),
        "{text}"
    );
}

#[test]
fn a_pem_crl_works_as_its_der_twin() {
    let pem = crl("hk-issuing-ca.pem.crl");
    let (code, report) = chain("org-kowloon-electronics.pem", &["--crl", &pem]);
    assert_eq!(code, Some(5));
    assert_eq!(report["sub_indication"], json!("REVOKED_NO_POE"));
    assert_eq!(
        report["chain"][0]["revocation"]["source"]["crl_number"],
        json!("01")
    );
}
