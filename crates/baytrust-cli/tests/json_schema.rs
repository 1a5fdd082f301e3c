//! Every `--json` output of `verify-sig` is valid under `docs/json-output.schema.json`:
//! real runs of the binary, passing and failing, for each subcommand and each kind of
//! file `inspect` describes; and the schema itself rejects what it must.

mod support;

use serde_json::{json, Value};
use support::{arg, assert_schema, bundled_trust_args, run, schema_for, AT};

fn json_of(args: &[String]) -> (Option<i32>, Value) {
    let output = run(args);
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), value)
}

fn verify_args(content: &str) -> Vec<String> {
    let mut args = vec![
        "verify".to_owned(),
        arg("samples/supply-contract.txt.p7s"),
        "--content".to_owned(),
        content.to_owned(),
        "--json".to_owned(),
    ];
    args.extend(bundled_trust_args());
    args
}

#[test]
fn verify_json_of_a_passing_and_a_failing_signature_match_the_schema() {
    let (code, report) = json_of(&verify_args(&arg("samples/supply-contract.txt")));
    assert_eq!(code, Some(0));
    assert_eq!(report["indication"], json!("TOTAL_PASSED"));
    assert_schema("verify_report", &report);
    let tampered = std::env::temp_dir().join(format!("baytrust-schema-{}.txt", std::process::id()));
    std::fs::write(&tampered, b"not the contract").unwrap();
    let (code, report) = json_of(&verify_args(&tampered.to_string_lossy()));
    std::fs::remove_file(&tampered).unwrap();
    assert_eq!(code, Some(4));
    assert_eq!(report["sub_indication"], json!("HASH_FAILURE"));
    assert_schema("verify_report", &report);
}

fn chain_json(cert: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["chain".to_owned(), arg(cert), "--json".to_owned()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(bundled_trust_args());
    json_of(&args)
}

#[test]
fn chain_json_of_passed_failed_and_indeterminate_paths_match_the_schema() {
    let (code, report) = chain_json("pki/hk/org-harbour-logistics-chain.pem", &[]);
    assert_eq!(code, Some(0));
    assert_schema("chain_report", &report);
    let (code, report) = chain_json("pki/edge/wrong-policy-chain.pem", &[]);
    assert_eq!(code, Some(4));
    assert_eq!(report["sub_indication"], json!("NOT_RECOGNISED"));
    assert_schema("chain_report", &report);
    let crl = arg("revocation/crl/hk-issuing-ca.crl");
    let (code, report) = chain_json("pki/hk/org-kowloon-electronics-chain.pem", &["--crl", &crl]);
    assert_eq!(code, Some(5));
    assert_eq!(report["sub_indication"], json!("REVOKED_NO_POE"));
    assert_eq!(
        report["chain"][0]["revocation"]["source"]["kind"],
        json!("crl")
    );
    assert_schema("chain_report", &report);
}

#[test]
fn inspect_json_of_every_kind_of_file_matches_the_schema() {
    for (file, shape) in [
        (
            "pki/hk/org-harbour-logistics-chain.pem",
            "inspect_certificates",
        ),
        ("revocation/crl/hk-issuing-ca.crl", "inspect_crl"),
        ("revocation/crl/cn-issuing-ca-delta.crl", "inspect_crl"),
        ("revocation/ocsp/hk-revoked.der", "inspect_ocsp"),
        ("samples/supply-contract.txt.p7s", "inspect_signature"),
        ("trust-lists/hk.p7s", "inspect_trust_list"),
        ("trust-lists/cn.json", "inspect_trust_list"),
    ] {
        let (code, value) = json_of(&[
            "inspect".to_owned(),
            arg(file),
            "--now".to_owned(),
            AT.to_owned(),
            "--json".to_owned(),
        ]);
        assert_eq!(code, Some(0), "{file}");
        assert_schema(shape, &value);
        assert_schema("inspect", &value);
    }
}

#[test]
fn the_schema_rejects_an_unknown_field_a_wrong_indication_and_a_missing_field() {
    let (_, report) = json_of(&verify_args(&arg("samples/supply-contract.txt")));
    let validator = schema_for("verify_report");
    assert!(validator.is_valid(&report));
    let mut extra = report.clone();
    extra["surprise"] = json!(1);
    assert!(!validator.is_valid(&extra));
    let mut wrong = report.clone();
    wrong["indication"] = json!("PASSED");
    assert!(!validator.is_valid(&wrong));
    let mut missing = report;
    missing.as_object_mut().unwrap().remove("signers");
    assert!(!validator.is_valid(&missing));
}
