//! `baytrust trust-list build|sign` and `verify-sig inspect` on trust lists, and the
//! bundled lists of `testdata/trust-lists/`: they parse, match their descriptions,
//! verify with `openssl cms -verify` against the operator CAs, and carry the statuses
//! their README promises.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baytrust::Jurisdiction;
use baytrust::SignatureInfo;
use baytrust::Time;
use baytrust::{ServiceStatus, TrustList};
use serde_json::{json, Value};
use support::{testdata, verify_sig};

const JURISDICTIONS: [&str; 3] = ["cn", "hk", "mo"];

fn path_str(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

fn baytrust(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baytrust"))
        .args(args)
        .output()
        .expect("run baytrust")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("trust-list-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn list_file(name: &str) -> PathBuf {
    testdata(&format!("trust-lists/{name}"))
}

fn t(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

fn now() -> Time {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Time::from_unix_seconds(i64::try_from(seconds).unwrap())
}

fn load(j: &str) -> TrustList {
    let json = std::fs::read(list_file(&format!("{j}.json"))).unwrap();
    TrustList::from_json_unsigned_insecure(&json).unwrap()
}

#[test]
fn bundled_lists_parse_with_the_promised_content() {
    let cn = load("cn");
    assert_eq!(cn.jurisdiction, Jurisdiction::Cn);
    assert_eq!(cn.sequence, 12);
    assert_eq!(cn.services.len(), 2);
    assert_eq!(cn.services[0].issuing_cas.len(), 2);

    let hk = load("hk");
    assert_eq!(hk.jurisdiction, Jurisdiction::Hk);
    assert_eq!(hk.sequence, 7);
    assert_eq!(hk.issued, t("2026-01-01T00:00:00Z"));
    assert_eq!(hk.next_update, t("2027-01-01T00:00:00Z"));
    let series_2018 = &hk.services[1];
    assert_eq!(
        series_2018.name,
        "HK Test e-Cert (Organisational) 2018 series"
    );
    assert_eq!(
        series_2018.status_at(t("2026-02-01T00:00:00Z")),
        ServiceStatus::Recognised
    );
    assert_eq!(
        series_2018.status_at(t("2026-06-01T00:00:00Z")),
        ServiceStatus::Withdrawn
    );
    assert_eq!(
        hk.services[0].status_at(t("2026-06-01T00:00:00Z")),
        ServiceStatus::Recognised
    );

    let mo = load("mo");
    assert_eq!(mo.jurisdiction, Jurisdiction::Mo);
    assert_eq!(mo.sequence, 3);
    let service = &mo.services[0];
    for (at, status) in [
        ("2026-06-01T00:00:00Z", ServiceStatus::Recognised),
        ("2026-07-15T00:00:00Z", ServiceStatus::Suspended),
        ("2026-08-01T00:00:00Z", ServiceStatus::Recognised),
    ] {
        assert_eq!(service.status_at(t(at)), status, "{at}");
    }
    for list in [&cn, &hk, &mo] {
        for service in &list.services {
            assert_eq!(service.policies.len(), 1);
            assert_eq!(service.policies[0].oid, "2.16.344.8.2.2008.810.2");
            assert!(service.policies[0].matches("2.16.344.8.2.2008.810.2.2018.1.1"));
        }
    }
}

#[test]
fn bundled_lists_are_what_build_makes_of_their_descriptions() {
    for j in JURISDICTIONS {
        let description = list_file(&format!("{j}.description.json"));
        let output = baytrust(&["trust-list", "build", &path_str(&description)]);
        assert_eq!(output.status.code(), Some(0), "{j}: {}", stderr(&output));
        let committed = std::fs::read(list_file(&format!("{j}.json"))).unwrap();
        assert!(
            output.stdout == committed,
            "{j}.json is stale: rerun testdata/trust-lists/make.sh"
        );
    }
}

#[test]
fn bundled_signed_lists_verify_with_openssl_against_the_operator_ca() {
    let dir = scratch("openssl");
    for j in JURISDICTIONS {
        let out = dir.join(format!("{j}.verified.json"));
        let output = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-purpose", "any", "-CAfile"])
            .arg(testdata(&format!("pki/{j}/trust-list-operator-ca.pem")))
            .arg("-in")
            .arg(list_file(&format!("{j}.p7s")))
            .args(["-inform", "DER", "-out"])
            .arg(&out)
            .output()
            .expect("run openssl");
        assert!(output.status.success(), "{j}: {}", stderr(&output));
        assert_eq!(
            std::fs::read(&out).unwrap(),
            std::fs::read(list_file(&format!("{j}.json"))).unwrap(),
            "{j}"
        );
        // Another jurisdiction's operator CA does not vouch for it.
        let other = if j == "hk" { "mo" } else { "hk" };
        let output = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-purpose", "any", "-CAfile"])
            .arg(testdata(&format!("pki/{other}/trust-list-operator-ca.pem")))
            .arg("-in")
            .arg(list_file(&format!("{j}.p7s")))
            .args(["-inform", "DER", "-out", "/dev/null"])
            .output()
            .expect("run openssl");
        assert!(!output.status.success(), "{j} under {other}'s operator CA");
    }
}

/// A description with the HK list's content and `edit` applied, written to `dir`
/// (certificate paths made absolute, since it does not live in testdata).
fn description(dir: &Path, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read(list_file("hk.description.json")).unwrap();
    let mut value: Value = serde_json::from_slice(&text).unwrap();
    for service in value["services"].as_array_mut().unwrap() {
        for field in ["roots", "issuing_cas"] {
            for path in service[field].as_array_mut().unwrap() {
                let absolute = list_file(path.as_str().unwrap());
                *path = json!(path_str(&absolute));
            }
        }
    }
    edit(&mut value);
    let path = dir.join("description.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    path
}

#[test]
fn build_writes_the_document_with_every_certificate_of_each_file() {
    let dir = scratch("build-bundle");
    // A bundle file holding two certificates gives two entries.
    let bundle = dir.join("issuing-cas.pem");
    let mut bytes = std::fs::read(testdata("pki/hk/issuing-ca.pem")).unwrap();
    bytes.extend(std::fs::read(testdata("pki/hk/retired-issuing-ca.pem")).unwrap());
    std::fs::write(&bundle, bytes).unwrap();
    let path = description(&dir, |value| {
        value["services"][0]["issuing_cas"] = json!(["issuing-cas.pem"]);
    });
    let out = dir.join("list.json");
    let output = baytrust(&[
        "trust-list",
        "build",
        &path_str(&path),
        "--out",
        &path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let list = TrustList::from_json_unsigned_insecure(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(list.services[0].issuing_cas.len(), 2);
}

/// A change to a description.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn build_refuses_a_bad_description_with_exit_3() {
    let dir = scratch("build-bad");
    let cases: Vec<(&str, Edit)> = vec![
        (
            "status periods overlap",
            Box::new(|v| {
                v["services"][1]["status_history"][1]["from"] = json!("2026-02-01T00:00:00Z");
            }),
        ),
        (
            "is not a dotted OID",
            Box::new(|v| v["services"][0]["policies"][0]["oid"] = json!("hk-gd")),
        ),
        ("unknown field", Box::new(|v| v["signature"] = json!("x"))),
        (
            "UnknownJurisdiction",
            Box::new(|v| v["jurisdiction"] = json!("TW")),
        ),
        (
            "baytrust-trust-list/1",
            Box::new(|v| v["format"] = json!("baytrust-trust-list/2")),
        ),
    ];
    for (expected, edit) in cases {
        let path = description(&dir, edit);
        let output = baytrust(&["trust-list", "build", &path_str(&path)]);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{expected}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{expected}");
        let message = stderr(&output);
        assert!(message.contains("malformed"), "{expected}: {message}");
        if expected != "UnknownJurisdiction" {
            assert!(message.contains(expected), "{expected}: {message}");
        }
    }
    // A certificate file that is not there: unreadable, exit 2.
    let path = description(&dir, |v| v["services"][0]["roots"] = json!(["missing.pem"]));
    let output = baytrust(&["trust-list", "build", &path_str(&path)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    // A file that holds no certificate: malformed, exit 3.
    std::fs::write(dir.join("not-a-cert.pem"), "hello\n").unwrap();
    let path = description(&dir, |v| {
        v["services"][0]["roots"] = json!(["not-a-cert.pem"]);
    });
    let output = baytrust(&["trust-list", "build", &path_str(&path)]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
}

fn sign_hk(dir: &Path, list: &Path, extra: &[&str], out: &str) -> Output {
    let cert = testdata("pki/hk/trust-list-signer.pem");
    let key = testdata("pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-trust-list-signer.key.pem");
    let out = dir.join(out);
    let mut args = vec![
        "trust-list".to_owned(),
        "sign".to_owned(),
        "--cert".to_owned(),
        path_str(&cert),
        "--key".to_owned(),
        path_str(&key),
        "--out".to_owned(),
        path_str(&out),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.push(path_str(list));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    baytrust(&args)
}

#[test]
fn sign_makes_an_attached_signature_over_the_exact_list() {
    let dir = scratch("sign");
    let list = list_file("hk.json");
    let json = std::fs::read(&list).unwrap();
    for (out, extra) in [("hk.p7s", &[][..]), ("hk.pem", &["--pem"][..])] {
        let output = sign_hk(&dir, &list, extra, out);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(output.stdout.is_empty());
        let bytes = std::fs::read(dir.join(out)).unwrap();
        if out.ends_with(".pem") {
            assert!(bytes.starts_with(b"-----BEGIN CMS-----"));
        } else {
            // RSA PKCS#1 v1.5 and a fixed signing time: the bundled file exactly.
            assert_eq!(bytes, std::fs::read(list_file("hk.p7s")).unwrap());
        }
        let signed = SignatureInfo::parse(&bytes).unwrap();
        assert_eq!(signed.content.as_deref(), Some(&json[..]));
        assert_eq!(signed.certificates.len(), 1);
        assert_eq!(signed.signers.len(), 1);
        assert!(signed.signers[0].signed_attributes);
        assert_eq!(
            signed.signers[0].claimed_signing_time,
            Some(t("2026-01-01T00:00:00Z"))
        );
        let parsed =
            TrustList::from_json_unsigned_insecure(signed.content.as_deref().unwrap()).unwrap();
        assert_eq!(parsed.sequence, 7);
    }
}

#[test]
fn sign_refuses_a_malformed_list_and_a_wrong_key() {
    let dir = scratch("sign-bad");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, br#"{"format": "baytrust-trust-list/1"}"#).unwrap();
    let output = sign_hk(&dir, &bad, &[], "bad.p7s");
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("trust list is malformed"));
    assert!(!dir.join("bad.p7s").exists());

    let output = sign_hk(&dir, &dir.join("missing.json"), &[], "missing.p7s");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    // The MO signer's key with the HK signer's certificate.
    let output = baytrust(&[
        "trust-list",
        "sign",
        "--cert",
        &path_str(&testdata("pki/hk/trust-list-signer.pem")),
        "--key",
        &path_str(&testdata(
            "pki/test-keys-NOT-SECRET-DO-NOT-USE/mo-trust-list-signer.key.pem",
        )),
        &path_str(&list_file("hk.json")),
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(output.stdout.is_empty());

    let output = baytrust(&["trust-list", "sign", &path_str(&list_file("hk.json"))]);
    assert_eq!(output.status.code(), Some(1));
}

/// What `inspect` should say the 2018 series' status is now.
fn series_2018_now() -> &'static str {
    if now() < t("2026-03-01T00:00:00Z") {
        "recognised"
    } else {
        "withdrawn"
    }
}

#[test]
fn inspect_describes_a_signed_list_without_verifying_it() {
    let output = verify_sig(&["inspect", &path_str(&list_file("hk.p7s"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "signature not verified here; verify-sig verifies it when loading",
        "Jurisdiction:   HK",
        "Operator:       BayTrust Test Hong Kong Trust List Operator",
        "Sequence:       7",
        "Issued:         2026-01-01T00:00:00Z",
        "Next update:    2027-01-01T00:00:00Z",
        "CN=BayTrust Test HK Trust List Signer 2025",
        "Service 1 of 2: HK Test e-Cert (Organisational)\n  Status now:     recognised",
        "CN=BayTrust Test HK Issuing CA 2024",
        "CN=BayTrust Test HK Issuing CA 2018",
        "2.16.344.8.2.2008.810.2 (prefix)",
        "subject:2.5.4.11 (pattern ^BRN\\s*([CF]?[0-9][0-9-]*)$)",
        "recognised from 2018-01-01T00:00:00Z until 2026-03-01T00:00:00Z",
        "withdrawn  from 2026-03-01T00:00:00Z until further notice",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let series = format!(
        "Service 2 of 2: HK Test e-Cert (Organisational) 2018 series\n  Status now:     {}\n",
        series_2018_now()
    );
    assert!(text.contains(&series), "{text}");
    assert_eq!(
        text.contains("STALE"),
        now() > t("2027-01-01T00:00:00Z"),
        "{text}"
    );
    // The SHA-256 of the HK root, as in `verify-sig chain --json`.
    let root = std::fs::read(testdata("pki/hk/root-ca.pem")).unwrap();
    let root = baytrust::decode_certificates(&root).unwrap().remove(0);
    let sha256: String = baytrust::CertificateInfo::parse(&root)
        .unwrap()
        .sha256
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(text.contains(&format!("SHA-256 {sha256}")), "{text}");
}

#[test]
fn inspect_json_describes_signed_and_plain_lists() {
    let output = verify_sig(&["inspect", "--json", &path_str(&list_file("hk.p7s"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["signed"], json!(true));
    assert_eq!(
        report["signature_note"],
        json!("signature not verified here; verify-sig verifies it when loading")
    );
    assert_eq!(report["jurisdiction"], json!("HK"));
    assert_eq!(report["sequence"], json!(7));
    assert_eq!(report["next_update"], json!("2027-01-01T00:00:00Z"));
    let services = report["services"].as_array().unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(services[0]["status_now"], json!("recognised"));
    assert_eq!(services[1]["status_now"], json!(series_2018_now()));
    assert_eq!(
        services[1]["status_history"],
        json!([
            {"status": "recognised", "from": "2018-01-01T00:00:00Z", "until": "2026-03-01T00:00:00Z"},
            {"status": "withdrawn", "from": "2026-03-01T00:00:00Z", "until": null}
        ])
    );
    assert_eq!(
        services[1]["issuing_cas"][0]["subject"],
        json!("C=HK, O=BayTrust Test Hong Kong Certification Authority, CN=BayTrust Test HK Issuing CA 2018")
    );
    assert_eq!(
        services[0]["identity"]["org_id_pattern"],
        json!("^BRN\\s*([CF]?[0-9][0-9-]*)$")
    );
    assert_eq!(
        services[0]["policies"],
        json!([{"oid": "2.16.344.8.2.2008.810.2", "match": "prefix"}])
    );
    assert_eq!(
        report["signature"]["signature"]["signers"][0]["claimed_signing_time"],
        json!("2026-01-01T00:00:00Z")
    );

    let output = verify_sig(&["inspect", "--json", &path_str(&list_file("mo.json"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["signed"], json!(false));
    assert_eq!(report["signature"], Value::Null);
    assert_eq!(report["jurisdiction"], json!("MO"));
    assert_eq!(
        report["services"][0]["status_history"][1]["status"],
        json!("suspended")
    );
}

#[test]
fn inspect_of_other_json_and_other_signatures_is_unchanged() {
    let dir = scratch("inspect-other");
    let other = dir.join("other.json");
    std::fs::write(&other, br#"{"hello": "world"}"#).unwrap();
    let output = verify_sig(&["inspect", &path_str(&other)]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("trust list is malformed"));

    // An attached signature over something else is still described as a signature.
    let output = verify_sig(&[
        "inspect",
        &path_str(&testdata("cms/openssl/rsa-attached.der")),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("CMS SignedData"), "{text}");
}
