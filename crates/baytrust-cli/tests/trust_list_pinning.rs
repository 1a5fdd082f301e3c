//! `verify-sig` with trust-list operators pinned per jurisdiction (issue 8 §1) and the
//! two times (§6): `--operator-cert [JUR:]FILE`, `--trust-list [JUR:]FILE`, `--now`.
//! The forged-jurisdiction material is testdata/trust-list-load/forged-jurisdiction (its
//! make.sh): the HK trust-list signer signs a list claiming to be CN's.

mod support;

use std::process::Output;

use serde_json::{json, Value};
use support::{testdata, verify_sig};

const AT: &str = "2026-06-01T00:00:00Z";

fn path(relative: &str) -> String {
    testdata(relative).to_string_lossy().into_owned()
}

fn operator(j: &str) -> String {
    path(&format!("pki/{j}/trust-list-operator-ca.pem"))
}

fn forged(name: &str) -> String {
    path(&format!("trust-list-load/forged-jurisdiction/{name}"))
}

/// `verify SIGNATURE --content contract` plus `args`.
fn verify(signature: &str, args: &[&str]) -> Output {
    let signature = path(signature);
    let content = path("samples/supply-contract.txt");
    let mut all = vec!["verify", &signature, "--content", &content];
    all.extend_from_slice(args);
    verify_sig(&all)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The three genuine lists with their operators pinned per jurisdiction.
fn genuine() -> Vec<String> {
    let mut args = Vec::new();
    for j in ["cn", "hk", "mo"] {
        args.push("--trust-list".to_owned());
        args.push(path(&format!("trust-lists/{j}.p7s")));
        args.push("--operator-cert".to_owned());
        args.push(format!("{}:{}", j.to_uppercase(), operator(j)));
    }
    args
}

fn with(base: Vec<String>, extra: &[&str]) -> Vec<String> {
    let mut all = base;
    all.extend(extra.iter().map(|s| s.to_string()));
    all
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

const CN_RELYING_PARTY: [&str; 8] = [
    "--home", "CN", "--accept", "CN", "--now", AT, "--attime", AT,
];

#[test]
fn forged_cn_list_signed_by_the_hk_operator_never_gives_a_cn_relying_party_a_pass() {
    let contract = "trust-list-load/forged-jurisdiction/forged-shenzhen-contract.p7s";
    let forged_list = forged("forged-cn.p7s");
    // Offered bare: its claim (CN) selects the CN operator, under which it does not verify.
    let args = with(genuine(), &["--trust-list", &forged_list]);
    let output = verify(contract, &strs(&with(args, &CN_RELYING_PARTY)));
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("pinned for CN"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).ends_with("[TrustListOperatorUnknown]\n"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("Verification successful"));
    // Offered as HK's: HK's operator signed it, but it claims CN.
    let as_hk = format!("HK:{forged_list}");
    let args = with(genuine(), &["--trust-list", &as_hk]);
    let output = verify(contract, &strs(&with(args, &CN_RELYING_PARTY)));
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "trust list claims jurisdiction \"CN\" but was loaded with the operators pinned for HK"
        ),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).ends_with("[TrustListJurisdictionMismatch]\n"));
    // Without it, the forged signer chains to HK's root, which this party does not accept.
    let output = verify(contract, &strs(&with(genuine(), &CN_RELYING_PARTY)));
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("Verification failure: NOT_RECOGNISED: not recognised: service \"HK Test e-Cert (Organisational)\""),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("does not accept the HK trust list"));
    // The Shenzhen name it claims is never shown as an organisation: HK's profile reads
    // no entity from it, so only its certificate subject appears.
    let text = stdout(&output);
    assert!(!text.contains("Organisation:"), "{text}");
    assert!(
        text.contains(
            "Certificate:   C=CN, O=深圳湾供应链有限公司, serialNumber=914403001922038216"
        ),
        "{text}"
    );
}

#[test]
fn forged_list_named_for_the_wrong_jurisdiction_with_every_operator_pinned_as_hk_is_a_mismatch() {
    // A relying party that pins HK's operator and names the list HK: the right operator,
    // the wrong jurisdiction in the document.
    let as_hk = format!("HK:{}", forged("forged-cn.p7s"));
    let op = format!("HK:{}", operator("hk"));
    let output = verify(
        "recognition/cn-rsa-shenzhen.p7s",
        &["--trust-list", &as_hk, "--operator-cert", &op, "--now", AT],
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).ends_with("[TrustListJurisdictionMismatch]\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn empty_list_with_sequence_2_pow_64_minus_1_from_another_operator_cannot_replace_cn() {
    let empty = forged("empty-cn-max-sequence.p7s");
    let args = with(genuine(), &["--trust-list", &empty]);
    let output = verify(
        "recognition/cn-rsa-shenzhen.p7s",
        &strs(&with(args, &CN_RELYING_PARTY)),
    );
    // Refused loudly (exit 3): it never silently replaces the genuine CN list.
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with("[TrustListOperatorUnknown]\n"),
        "{}",
        stderr(&output)
    );
    // The genuine list still recognises the genuine Shenzhen signer.
    let output = verify(
        "recognition/cn-rsa-shenzhen.p7s",
        &strs(&with(genuine(), &CN_RELYING_PARTY)),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Recognised by: CN trust list #12"));
}

#[test]
fn bare_operator_cert_is_pinned_for_its_country_only() {
    // Bare: the HK operator CA's subject says C=HK, so it is HK's operator, and the CN
    // list has no operator.
    let output = verify(
        "recognition/cn-rsa-shenzhen.p7s",
        &[
            "--trust-list",
            &path("trust-lists/cn.p7s"),
            "--operator-cert",
            &operator("hk"),
            "--now",
            AT,
        ],
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("no operator certificate is configured for CN"),
        "{}",
        stderr(&output)
    );
    // Bare and matching: loads.
    let output = verify(
        "recognition/hk-harbour.p7s",
        &[
            "--trust-list",
            &path("trust-lists/hk.p7s"),
            "--operator-cert",
            &operator("hk"),
            "--now",
            AT,
            "--attime",
            AT,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn bare_operator_cert_from_outside_the_gba_is_a_usage_error_naming_jur_file() {
    // The PKITS trust anchor says C=US.
    let us = path("pkits/certs/TrustAnchorRootCertificate.crt");
    let output = verify(
        "recognition/hk-harbour.p7s",
        &[
            "--trust-list",
            &path("trust-lists/hk.p7s"),
            "--operator-cert",
            &us,
            "--now",
            AT,
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("use JUR:FILE"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains(&format!("--operator-cert HK:{us}")));
    // Named, it is pinned (for HK, beside HK's real operator).
    let named = format!("HK:{us}");
    let output = verify(
        "recognition/hk-harbour.p7s",
        &[
            "--trust-list",
            &path("trust-lists/hk.p7s"),
            "--operator-cert",
            &named,
            "--operator-cert",
            &operator("hk"),
            "--now",
            AT,
            "--attime",
            AT,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn trust_list_prefix_selects_the_operators_tried() {
    // The CN list offered as HK's: HK's operator did not sign it.
    let cn_as_hk = format!("HK:{}", path("trust-lists/cn.p7s"));
    let args = with(genuine(), &["--trust-list", &cn_as_hk, "--now", AT]);
    let output = verify("recognition/cn-rsa-shenzhen.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("pinned for HK"),
        "{}",
        stderr(&output)
    );
    // Offered as CN's, it loads.
    let cn_as_cn = format!("CN:{}", path("trust-lists/cn.p7s"));
    let op = format!("CN:{}", operator("cn"));
    let output = verify(
        "recognition/cn-rsa-shenzhen.p7s",
        &[
            "--trust-list",
            &cn_as_cn,
            "--operator-cert",
            &op,
            "--now",
            AT,
            "--attime",
            AT,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

// ---- two times ---------------------------------------------------------------------

#[test]
fn now_judges_the_lists_and_attime_the_signature() {
    // Today (after next_update 2027-01-01) the bundled lists are stale, whatever the
    // validation time.
    let args = with(
        genuine(),
        &[
            "--home",
            "CN",
            "--now",
            "2027-02-01T00:00:00Z",
            "--attime",
            AT,
        ],
    );
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with("[TrustListStale]\n"),
        "{}",
        stderr(&output)
    );
    // Accepted as stale: INDETERMINATE / TRY_LATER.
    let args = with(
        genuine(),
        &[
            "--home",
            "CN",
            "--accept-stale-trust-list",
            "--now",
            "2027-02-01T00:00:00Z",
            "--attime",
            AT,
        ],
    );
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("Verification failure: TRY_LATER"));
    // Lists of today, an old signature: the 2018 series was recognised on 2026-02-01.
    let args = with(
        genuine(),
        &[
            "--home",
            "CN",
            "--now",
            "2026-12-15T00:00:00Z",
            "--attime",
            "2026-02-01T00:00:00Z",
            "--json",
        ],
    );
    let output = verify("recognition/hk-retired-ca.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["validation_time"], json!("2026-02-01T00:00:00Z"));
    assert_eq!(
        report["signers"][0]["recognition"]["status_time"],
        json!("2026-02-01T00:00:00Z")
    );
}

#[test]
fn attime_defaults_to_now() {
    let args = with(genuine(), &["--home", "CN", "--now", AT, "--json"]);
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["validation_time"], json!(AT));
}

#[test]
fn withdrawn_service_without_proof_of_existence_is_indeterminate_and_claimed_only() {
    let args = with(genuine(), &["--home", "CN", "--now", AT, "--attime", AT]);
    let output = verify("recognition/hk-retired-ca.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("Verification failure: NOT_RECOGNISED_NO_POE"),
        "{}",
        stderr(&output)
    );
    let text = stdout(&output);
    assert!(
        text.contains("Signer 1 of 1: INDETERMINATE / NOT_RECOGNISED_NO_POE"),
        "{text}"
    );
    assert!(
        text.contains("Organisation:  Victoria Harbour Shipping Limited — claimed (not validated)"),
        "{text}"
    );
    assert!(
        text.contains("— claimed (not validated)\n  Identifier:"),
        "{text}"
    );
    let json_args = with(args, &["--json"]);
    let output = verify("recognition/hk-retired-ca.p7s", &strs(&json_args));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let signer = &report["signers"][0];
    assert_eq!(signer["entity"], Value::Null);
    assert_eq!(signer["entity_validated"], json!(false));
    assert_eq!(
        signer["claimed_entity"]["organisation"],
        json!("Victoria Harbour Shipping Limited")
    );
}

#[test]
fn malformed_now_is_a_usage_error() {
    let args = with(genuine(), &["--now", "tomorrow"]);
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--now"), "{}", stderr(&output));
}

#[test]
fn inspect_gives_service_statuses_at_now() {
    let list = path("trust-lists/hk.p7s");
    let at = |now: &str| {
        let output = verify_sig(&["inspect", &list, "--now", now]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let series = "Service 2 of 2: HK Test e-Cert (Organisational) 2018 series\n  Status now:     ";
    let before = at("2026-02-01T00:00:00Z");
    assert!(
        before.contains(&format!("{series}recognised\n")),
        "{before}"
    );
    assert!(!before.contains("STALE"), "{before}");
    let after = at("2027-02-01T00:00:00Z");
    assert!(after.contains(&format!("{series}withdrawn\n")), "{after}");
    assert!(after.contains("STALE"), "{after}");
}

#[test]
fn list_whose_claim_cannot_be_read_needs_its_jurisdiction_named_when_several_are_pinned() {
    // Not a CMS signature: with operators of three jurisdictions pinned, there is no
    // claim to choose by.
    let json = path("trust-list-load/lists/list.json");
    let args = with(genuine(), &["--trust-list", &json, "--now", AT]);
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains(
            "[TrustListSignatureInvalid]; name the jurisdiction it speaks for: --trust-list JUR:"
        ),
        "{}",
        stderr(&output)
    );
    // Named, the library answers in its own order: the signature first.
    let named = format!("HK:{json}");
    let args = with(genuine(), &["--trust-list", &named, "--now", AT]);
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).ends_with("[TrustListSignatureInvalid]\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn trust_list_file_above_16_mib_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("baytrust-pinning-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.p7s");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(16 * 1024 * 1024 + 1).unwrap();
    let big = big.to_string_lossy().into_owned();
    let args = with(genuine(), &["--trust-list", &big, "--now", AT]);
    let output = verify("recognition/hk-harbour.p7s", &strs(&args));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains(
            "trust list is 16777217 bytes, above the limit of 16777216 bytes; not read [TrustListTooLarge]"
        ),
        "{}",
        stderr(&output)
    );
}
