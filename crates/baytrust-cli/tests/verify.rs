//! `verify-sig verify` end to end: the README's main job (the bundled co-signed
//! contract), OpenSSL's status words, exit codes from the indication, `-` for stdin and
//! the JSON report.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use support::{json_of, testdata, verify_sig};

const AT: &str = "2026-06-01T00:00:00Z";

fn path(relative: &str) -> String {
    testdata(relative).to_string_lossy().into_owned()
}

/// The README's main job, with `--json` added.
fn sample_args(content: &str) -> Vec<String> {
    [
        "verify",
        &path("samples/supply-contract.txt.p7s"),
        "--content",
        &path(content),
        "--cafile",
        &path("pki/cn-sm2/root-ca.pem"),
        "--cafile",
        &path("pki/hk/root-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn bundled_co_signed_contract_verifies_and_names_both_signers() {
    let mut args = sample_args("samples/supply-contract.txt");
    args.push("--json".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = verify_sig(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "Verification successful"
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["indication"], json!("TOTAL_PASSED"));
    assert_eq!(report["sub_indication"], Value::Null);
    assert_eq!(report["validation_time"], json!(AT));
    let signers = report["signers"].as_array().unwrap();
    assert_eq!(signers.len(), 2);
    let cn = signers
        .iter()
        .find(|s| s["entity"]["jurisdiction"] == json!("CN"))
        .unwrap();
    assert_eq!(
        cn["entity"],
        json!({"jurisdiction": "CN", "org_id": "NTRCN-91110000600037341L", "org_id_valid": true,
               "organisation": "前海科技有限公司", "authorised_person": "刘洋"})
    );
    assert_eq!(cn["digest_algorithm"], json!("SM3"));
    assert_eq!(cn["signature_algorithm"], json!("SM2-with-SM3"));
    assert_eq!(cn["claimed_signing_time"], json!("2026-05-20T02:00:00Z"));
    assert_eq!(cn["chain"].as_array().unwrap().len(), 3);
    let hk = signers
        .iter()
        .find(|s| s["entity"]["jurisdiction"] == json!("HK"))
        .unwrap();
    assert_eq!(hk["entity"]["org_id"], json!("NTRHK-12345678"));
    assert_eq!(hk["signature_algorithm"], json!("sha256WithRSAEncryption"));
    for signer in signers {
        assert_eq!(signer["indication"], json!("TOTAL_PASSED"));
        assert_eq!(signer["recognition"], Value::Null);
    }
}

#[test]
fn tampered_contract_exits_4_with_hash_failure() {
    let args = sample_args("cms/contract-tampered.txt");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = verify_sig(&args);
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("Verification failure: HASH_FAILURE"),
        "{stderr}"
    );
}

#[test]
fn unknown_anchor_exits_5_indeterminate() {
    let output = verify_sig(&[
        "verify",
        &path("samples/supply-contract.txt.p7s"),
        "--content",
        &path("samples/supply-contract.txt"),
        "--cafile",
        &path("pki/mo/root-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
    ]);
    assert_eq!(output.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&output.stderr)
        .starts_with("Verification failure: NO_CERTIFICATE_CHAIN_FOUND"));
}

#[test]
fn signature_is_read_from_stdin_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verify-sig"))
        .args([
            "verify",
            "-",
            "--cafile",
            &path("pki/hk/root-ca.pem"),
            "--untrusted",
            &path("pki/hk/issuing-ca.pem"),
            "--now",
            AT,
            "--attime",
            AT,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let signature = std::fs::read(testdata("cms/openssl/rsa-stream-attached.ber")).unwrap();
    child.stdin.take().unwrap().write_all(&signature).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Harbour Logistics Limited"));
}

#[test]
fn unreadable_and_malformed_inputs_have_their_exit_codes() {
    let root = path("pki/hk/root-ca.pem");
    assert_eq!(
        verify_sig(&[
            "verify",
            "/nonexistent/sig.p7s",
            "--cafile",
            &root,
            "--attime",
            AT
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        verify_sig(&[
            "verify",
            &path("samples/supply-contract.txt.p7s"),
            "--content",
            "/nonexistent/contract.txt",
            "--cafile",
            &root,
            "--attime",
            AT
        ])
        .status
        .code(),
        Some(2)
    );
    let not_cms = verify_sig(&[
        "verify",
        &path("samples/supply-contract.txt"),
        "--cafile",
        &root,
        "--now",
        AT,
        "--attime",
        AT,
    ]);
    assert_eq!(not_cms.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&not_cms.stderr).lines().count(), 1);
    let detached_without_content = verify_sig(&[
        "verify",
        &path("samples/supply-contract.txt.p7s"),
        "--cafile",
        &root,
        "--now",
        AT,
        "--attime",
        AT,
    ]);
    assert_eq!(detached_without_content.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&detached_without_content.stderr)
        .contains("supply the signed content"));
}

/// The README's first set-up command, as written, with the `cargo run …--` prefix
/// replaced by the built binary.
fn readme_main_job_args() -> Vec<String> {
    let readme = std::fs::read_to_string(testdata("../README.md")).unwrap();
    let block = readme.split("```sh\n").nth(1).unwrap();
    let first = block.lines().next().unwrap();
    let prefix = "cargo run -q -p baytrust-cli --bin verify-sig -- ";
    assert!(
        first.starts_with(prefix),
        "README main job changed shape: {first}"
    );
    first[prefix.len()..]
        .split_whitespace()
        .map(|arg| {
            // `JUR:testdata/…` (a pinned operator) keeps its prefix.
            let (prefix, rest) = match arg.split_once(':') {
                Some((jurisdiction, rest)) if rest.starts_with("testdata/") => {
                    (format!("{jurisdiction}:"), rest)
                }
                _ => (String::new(), arg),
            };
            match rest.strip_prefix("testdata/") {
                Some(relative) => format!("{prefix}{}", path(relative)),
                None => arg.to_owned(),
            }
        })
        .collect()
}

#[test]
fn readme_main_job_names_both_signers_and_their_recognising_lists() {
    let mut args = readme_main_job_args();
    args.push("--json".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = verify_sig(&args);
    let report = json_of(&output, 0);
    assert_eq!(report["indication"], json!("TOTAL_PASSED"));
    let mut recognitions: Vec<(String, String)> = report["signers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["recognition"]["jurisdiction"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                s["entity"]["org_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    recognitions.sort();
    assert_eq!(
        recognitions,
        [
            ("CN".to_owned(), "NTRCN-91110000600037341L".to_owned()),
            ("HK".to_owned(), "NTRHK-12345678".to_owned())
        ]
    );
    let text_args: Vec<String> = readme_main_job_args();
    let text_args: Vec<&str> = text_args.iter().map(String::as_str).collect();
    let text = String::from_utf8(verify_sig(&text_args).stdout).unwrap();
    assert!(text.contains("Recognised by: CN trust list #12"), "{text}");
    assert!(text.contains("Recognised by: HK trust list #7"), "{text}");
}

#[test]
fn relying_party_accepting_only_macao_does_not_recognise_the_contract() {
    let mut args = readme_main_job_args();
    args.extend(["--home".into(), "MO".into(), "--accept".into(), "MO".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = verify_sig(&args);
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("Verification failure: NOT_RECOGNISED"),
        "{stderr}"
    );
    assert!(stderr.contains("does not accept the"), "{stderr}");
}

#[test]
fn trust_list_without_operator_or_under_the_wrong_operator_is_refused() {
    let base = [
        "verify".to_owned(),
        path("samples/supply-contract.txt.p7s"),
        "--content".to_owned(),
        path("samples/supply-contract.txt"),
        "--trust-list".to_owned(),
        path("trust-lists/hk.p7s"),
        "--now".to_owned(),
        AT.to_owned(),
        "--attime".to_owned(),
        AT.to_owned(),
    ];
    let args: Vec<&str> = base.iter().map(String::as_str).collect();
    assert_eq!(verify_sig(&args).status.code(), Some(1));
    let mut wrong = args.clone();
    let cn_operator = path("pki/cn/trust-list-operator-ca.pem");
    wrong.extend(["--operator-cert", &cn_operator]);
    let output = verify_sig(&wrong);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no operator certificate is configured for HK [TrustListOperatorUnknown]"),
        "{stderr}"
    );
}

#[test]
fn chain_reports_recognition_with_trust_lists() {
    let output = verify_sig(&[
        "chain",
        &path("pki/mo/org-taipa-foods-chain.pem"),
        "--trust-list",
        &path("trust-lists/mo.p7s"),
        "--operator-cert",
        &path("pki/mo/trust-list-operator-ca.pem"),
        "--now",
        AT,
        "--attime",
        AT,
        "--json",
    ]);
    let report = json_of(&output, 0);
    assert_eq!(report["recognition"]["jurisdiction"], json!("MO"));
    assert_eq!(
        report["recognition"]["service"],
        json!("MO Test Qualified Organisational Certificates")
    );
    let suspended = verify_sig(&[
        "chain",
        &path("pki/mo/org-taipa-foods-chain.pem"),
        "--trust-list",
        &path("trust-lists/mo.p7s"),
        "--operator-cert",
        &path("pki/mo/trust-list-operator-ca.pem"),
        "--now",
        AT,
        "--attime",
        "2026-07-15T00:00:00Z",
        "--json",
    ]);
    assert_eq!(suspended.status.code(), Some(5));
    let report: Value = serde_json::from_slice(&suspended.stdout).unwrap();
    assert_eq!(report["indication"], json!("INDETERMINATE"));
    assert_eq!(report["sub_indication"], json!("NOT_RECOGNISED_NO_POE"));
    // Recognised before the suspension, during the certificate's life: a path has no
    // signing time, so nothing proves it was used then.
    assert_eq!(report["error_kind"], json!("NotRecognisedNoPoe"));
    assert!(report["error"].as_str().unwrap().contains("suspended"));
}

/// Mainland signers write signingTime as local time with an offset
/// (`260531170000+0800`); the report shows it in UTC and says it was converted.
#[test]
fn a_signing_time_written_with_a_local_offset_is_shown_in_utc_and_said_so() {
    use baytrust::decode_certificates;
    use baytrust::{SignedDataBuilder, SigningKey};
    use support::signed_data_parts::{tlv, SignedDataParts, SignerInfoParts};

    let read = |relative: &str| std::fs::read(testdata(relative)).unwrap();
    let certificate = |relative: &str| decode_certificates(&read(relative)).unwrap().remove(0);
    let key = || {
        SigningKey::from_pkcs8_pem(&read(
            "pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem",
        ))
        .unwrap()
    };
    let document = b"Delivery note 2026-0501: 12 pallets, Qianhai to Tsim Sha Tsui.\n";
    let signature = SignedDataBuilder::new()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(baytrust::Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap())
        .signer(certificate("pki/hk/org-harbour-logistics.pem"), key())
        .unwrap()
        .build(&mut &document[..])
        .unwrap();
    let mut parts = SignedDataParts::parse(&signature);
    let mut signer = SignerInfoParts::parse(&parts.signer_infos[0]);
    let signed =
        signer.replace_attribute_value("1.2.840.113549.1.9.5", &tlv(0x17, b"260531170000+0800"));
    signer.set_signature(&key().sign(&signed).unwrap());
    parts.signer_infos[0] = signer.encode();

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify-local-offset");
    std::fs::create_dir_all(&dir).unwrap();
    let signature_path = dir.join("note.p7s");
    let content_path = dir.join("note.txt");
    std::fs::write(&signature_path, parts.encode()).unwrap();
    std::fs::write(&content_path, document).unwrap();
    let output = verify_sig(&[
        "verify",
        signature_path.to_str().unwrap(),
        "--content",
        content_path.to_str().unwrap(),
        "--cafile",
        &path("pki/hk/root-ca.pem"),
        "--attime",
        AT,
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "  Signing time:  2026-05-31T09:00:00Z (claimed; written with a local-time offset, \
             converted to UTC)\n"
        ),
        "{stdout}"
    );
}
