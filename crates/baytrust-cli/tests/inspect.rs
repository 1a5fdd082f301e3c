//! `verify-sig inspect` end to end: the JSON of each generated organisation certificate
//! and of the real roots, and exit 3 with a one-line reason for unusable input.

mod support;

use std::process::{Command, Output};

use serde_json::{json, Value};
use support::pseudo_random::pseudo_random_bytes;
use support::{json_of, openssl_x509_field, testdata, verify_sig};

/// Runs `inspect --json` on a testdata file and returns its only certificate.
fn inspect_one(path: &str) -> Value {
    let file = testdata(path);
    let output = verify_sig(&["inspect", "--json", file.to_str().unwrap()]);
    let report = json_of(&output, 0);
    let certificates = report["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 1);
    certificates[0].clone()
}

/// The serial number as `openssl x509 -serial` prints it: the real thing to agree with.
fn openssl_serial(path: &str) -> String {
    openssl_x509_field(&testdata(path), &["-serial"])
}

const MUTUAL_RECOGNITION_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";

fn assert_org_certificate(path: &str, key_algorithm: &str, issuer_file: &str, entity: Value) {
    let c = inspect_one(path);
    let issuer = inspect_one(issuer_file)["subject"].clone();
    assert_eq!(c["serial"], json!(openssl_serial(path)), "{path}");
    assert_eq!(c["issuer"], issuer, "{path}");
    assert_eq!(c["not_before"], json!("2025-01-01T00:00:00Z"), "{path}");
    assert_eq!(c["not_after"], json!("2028-01-01T00:00:00Z"), "{path}");
    assert_eq!(c["key_algorithm"], json!(key_algorithm), "{path}");
    assert_eq!(c["policies"], json!([MUTUAL_RECOGNITION_POLICY]), "{path}");
    assert_eq!(c["is_ca"], json!(false), "{path}");
    assert_eq!(c["entity"], entity, "{path}");
}

#[test]
fn cn_rsa_organisation_certificate_names_its_entity() {
    assert_org_certificate(
        "pki/cn/org-shenzhen-bay-supply.pem",
        "RSA-2048",
        "pki/cn/issuing-ca.pem",
        json!({"jurisdiction": "CN", "org_id": "NTRCN-914403001922038216", "org_id_valid": true,
               "organisation": "深圳湾供应链有限公司", "authorised_person": "张伟"}),
    );
    let c = inspect_one("pki/cn/org-shenzhen-bay-supply.pem");
    assert_eq!(
        c["subject"],
        json!("C=CN, O=深圳湾供应链有限公司, organizationIdentifier=NTRCN-914403001922038216, CN=张伟")
    );
}

#[test]
fn cn_sm2_organisation_certificate_names_its_entity() {
    assert_org_certificate(
        "pki/cn-sm2/org-qianhai-tech.pem",
        "SM2",
        "pki/cn-sm2/issuing-ca.pem",
        json!({"jurisdiction": "CN", "org_id": "NTRCN-91110000600037341L", "org_id_valid": true,
               "organisation": "前海科技有限公司", "authorised_person": "刘洋"}),
    );
}

#[test]
fn hk_organisation_certificate_reads_brn_from_ou_and_bmpstring_name() {
    assert_org_certificate(
        "pki/hk/org-harbour-logistics.pem",
        "RSA-2048",
        "pki/hk/issuing-ca.pem",
        json!({"jurisdiction": "HK", "org_id": "NTRHK-12345678", "org_id_valid": true,
               "organisation": "Harbour Logistics Limited", "authorised_person": "CHAN Tai Man"}),
    );
    assert_org_certificate(
        "pki/hk/org-kowloon-electronics.pem",
        "ECDSA-P384",
        "pki/hk/issuing-ca.pem",
        json!({"jurisdiction": "HK", "org_id": "NTRHK-87654321", "org_id_valid": true,
               "organisation": "九龍電子有限公司", "authorised_person": "WONG Siu Ming"}),
    );
}

#[test]
fn mo_organisation_certificate_reads_serial_number_attribute() {
    assert_org_certificate(
        "pki/mo/org-cotai-trading.pem",
        "RSA-2048",
        "pki/mo/issuing-ca.pem",
        json!({"jurisdiction": "MO", "org_id": "NTRMO-40321", "org_id_valid": true,
               "organisation": "路氹貿易有限公司", "authorised_person": "HO Weng Kei"}),
    );
}

#[test]
fn invalid_uscc_in_organization_identifier_shows_org_id_valid_false() {
    let c = inspect_one("pki/cn/org-bad-uscc.pem");
    assert_eq!(c["entity"]["org_id"], json!("NTRCN-91350100M000100Y4Z"));
    assert_eq!(c["entity"]["org_id_valid"], json!(false));
}

#[test]
fn issuing_ca_is_a_ca_without_an_entity() {
    let c = inspect_one("pki/hk/issuing-ca.pem");
    assert_eq!(c["is_ca"], json!(true));
    assert_eq!(c["entity"], Value::Null);
}

#[test]
fn real_roots_give_openssl_fields_and_no_entity() {
    let expected = [
        (
            "cfca-ev-root.pem",
            "C=CN, O=China Financial Certification Authority, CN=CFCA EV ROOT",
            "2012-08-08T03:07:01Z",
            "2029-12-31T03:07:01Z",
            "RSA-4096",
        ),
        (
            "gdca-trustauth-r5-root.pem",
            r"C=CN, O=GUANG DONG CERTIFICATE AUTHORITY CO.\,LTD., CN=GDCA TrustAUTH R5 ROOT",
            "2014-11-26T05:13:15Z",
            "2040-12-31T15:59:59Z",
            "RSA-4096",
        ),
        (
            "hongkong-post-root-ca-1.pem",
            "C=HK, O=Hongkong Post, CN=Hongkong Post Root CA 1",
            "2003-05-15T05:13:14Z",
            "2023-05-15T04:52:29Z",
            "RSA-2048",
        ),
        (
            "hongkong-post-root-ca-3.pem",
            "C=HK, ST=Hong Kong, L=Hong Kong, O=Hongkong Post, CN=Hongkong Post Root CA 3",
            "2017-06-03T02:29:46Z",
            "2042-06-03T02:29:46Z",
            "RSA-4096",
        ),
    ];
    for (file, subject, not_before, not_after, key) in expected {
        let path = format!("real-roots/{file}");
        let c = inspect_one(&path);
        assert_eq!(c["subject"], json!(subject), "{file}");
        assert_eq!(c["issuer"], json!(subject), "{file}");
        assert_eq!(c["serial"], json!(openssl_serial(&path)), "{file}");
        assert_eq!(c["not_before"], json!(not_before), "{file}");
        assert_eq!(c["not_after"], json!(not_after), "{file}");
        assert_eq!(c["key_algorithm"], json!(key), "{file}");
        assert_eq!(c["policies"], json!([]), "{file}");
        assert_eq!(c["is_ca"], json!(true), "{file}");
        assert_eq!(c["entity"], Value::Null, "{file}");
    }
}

#[test]
fn chain_bundle_lists_every_certificate() {
    let file = testdata("pki/hk/org-harbour-logistics-chain.pem");
    let output = verify_sig(&["inspect", "--json", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let certificates = report["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 2);
    assert_eq!(certificates[1]["is_ca"], json!(true));
}

#[test]
fn human_output_names_the_legal_entity() {
    let file = testdata("pki/cn-sm2/org-qianhai-tech.pem");
    let output = verify_sig(&["inspect", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Legal entity:   前海科技有限公司"), "{text}");
    assert!(
        text.contains("Identifier:   NTRCN-91110000600037341L (valid)"),
        "{text}"
    );
    assert!(text.contains("Key algorithm:  SM2"), "{text}");
}

/// Writes `bytes` to a temporary file and runs `inspect` on it.
fn inspect_bytes(name: &str, bytes: &[u8]) -> Output {
    let dir = std::env::temp_dir().join(format!("baytrust-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    verify_sig(&["inspect", path.to_str().unwrap()])
}

fn assert_malformed_exit(name: &str, bytes: &[u8], reason: &str) {
    let output = inspect_bytes(name, bytes);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(3), "{name}: {stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "{name}: one line expected: {stderr}"
    );
    assert!(stderr.contains(reason), "{name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(output.stdout.is_empty(), "{name}");
}

#[test]
fn unusable_inputs_exit_3_with_one_line_reason() {
    let der = {
        let pem = std::fs::read(testdata("pki/hk/org-harbour-logistics.pem")).unwrap();
        baytrust::decode_certificates(&pem).unwrap()[0]
            .as_ref()
            .to_vec()
    };
    assert_malformed_exit("empty.der", b"", "input is empty");
    assert_malformed_exit(
        "truncated.der",
        &der[..der.len() / 2],
        "certificate 1: certificate is malformed",
    );
    let mut trailing = der.clone();
    trailing.extend(b"garbage");
    assert_malformed_exit("trailing.der", &trailing, "7 bytes of trailing data");
    let mut random = pseudo_random_bytes(1 << 20, 0x2545_f491_4f6c_dd1d);
    random[0] = 0x17;
    assert_malformed_exit("random.bin", &random, "neither DER nor PEM");
    random[0] = 0x30;
    assert_malformed_exit("random-seq.bin", &random, "certificate is malformed");
    assert_malformed_exit(
        "key.pem",
        b"-----BEGIN PRIVATE KEY-----\nBQA=\n-----END PRIVATE KEY-----\n",
        "PEM block is labelled \"PRIVATE KEY\"",
    );
}

#[test]
fn missing_file_exits_2_and_bad_usage_exits_1() {
    let output = verify_sig(&["inspect", "/nonexistent/baytrust/cert.pem"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
    assert_eq!(verify_sig(&["inspect"]).status.code(), Some(1));
    assert_eq!(verify_sig(&["no-such-command"]).status.code(), Some(1));
    assert_eq!(verify_sig(&["--help"]).status.code(), Some(0));
}

#[test]
fn baytrust_org_id_checks_identifiers() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_baytrust"))
            .args(args)
            .output()
            .unwrap()
    };
    let valid = run(&["org-id", "NTRCN-91350100M000100Y43"]);
    assert_eq!(valid.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&valid.stdout).trim(),
        "NTRCN-91350100M000100Y43: valid"
    );
    let long_form = run(&["org-id", "--jurisdiction", "HK", "12345678-000-01-23-4"]);
    assert_eq!(
        String::from_utf8_lossy(&long_form.stdout).trim(),
        "NTRHK-12345678: valid"
    );
    assert_eq!(
        run(&["org-id", "NTRCN-91310115MA1H8R7C6D"]).status.code(),
        Some(4)
    );
    assert_eq!(run(&["org-id", "CN-123"]).status.code(), Some(3));
}

#[test]
fn cms_signature_is_described_with_its_signers_and_certificates() {
    let file = testdata("samples/supply-contract.txt.p7s");
    let output = verify_sig(&["inspect", "--json", file.to_str().unwrap()]);
    let report = json_of(&output, 0);
    let signature = &report["signature"];
    assert_eq!(signature["content_type"], json!("1.2.840.113549.1.7.1"));
    assert_eq!(signature["detached"], json!(true));
    assert_eq!(signature["content_size"], Value::Null);
    let signers = signature["signers"].as_array().unwrap();
    assert_eq!(signers.len(), 2);
    let algorithms: Vec<&str> = signers
        .iter()
        .map(|s| s["signature_algorithm"].as_str().unwrap())
        .collect();
    assert!(algorithms.contains(&"SM2-with-SM3"), "{algorithms:?}");
    for signer in signers {
        assert_eq!(signer["signed_attributes"], json!(true));
        assert_eq!(
            signer["claimed_signing_time"],
            json!("2026-05-20T02:00:00Z")
        );
        assert_eq!(signer["attribute_rule_violations"], json!([]));
        assert!(signer["signing_certificate_v2"].is_string());
    }
    assert_eq!(report["certificates"].as_array().unwrap().len(), 4);

    let streamed = testdata("cms/openssl/rsa-stream-attached.ber");
    let output = verify_sig(&["inspect", streamed.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("content attached (438 bytes)"));
}
