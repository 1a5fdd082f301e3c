//! `baytrust sign` end to end: every RSA and ECDSA signature it makes (detached and
//! attached, DER and PEM, RSA-2048, P-256, P-384, and an RSA + ECDSA co-signature)
//! verifies with `openssl cms -verify`, a changed document does not, and bad command
//! lines and inputs get their exit codes (1 usage, 2 unreadable, 3 malformed).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::testdata;

const DOCUMENT: &[u8] =
    b"Invoice HK-2026-0815\nHarbour Logistics Limited -> Taipa Foods\nMOP 128,000.00\n";

/// One signer of the test PKI: certificate, key, issuing CA and root.
struct Signer {
    cert: &'static str,
    key: &'static str,
    issuing_ca: &'static str,
    root: &'static str,
}

const RSA_2048: Signer = Signer {
    cert: "pki/hk/org-harbour-logistics.pem",
    key: "hk-org-harbour-logistics",
    issuing_ca: "pki/hk/issuing-ca.pem",
    root: "pki/hk/root-ca.pem",
};
const P256: Signer = Signer {
    cert: "pki/mo/org-taipa-foods.pem",
    key: "mo-org-taipa-foods",
    issuing_ca: "pki/mo/issuing-ca.pem",
    root: "pki/mo/root-ca.pem",
};
const P384: Signer = Signer {
    cert: "pki/hk/org-kowloon-electronics.pem",
    key: "hk-org-kowloon-electronics",
    issuing_ca: "pki/hk/issuing-ca.pem",
    root: "pki/hk/root-ca.pem",
};

fn key_path(name: &str) -> PathBuf {
    testdata(&format!(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    ))
}

fn path_str(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

/// A fresh directory for one test, holding DOCUMENT as `document.txt`.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sign-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("document.txt"), DOCUMENT).unwrap();
    dir
}

fn baytrust(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baytrust"))
        .args(args)
        .output()
        .expect("run baytrust")
}

/// `baytrust sign` by `signers` (with their issuing CAs as `--chain`) over
/// `dir/document.txt`, written to `dir/<out>`; asserts exit 0 and an empty stdout.
fn sign(dir: &Path, signers: &[&Signer], extra: &[&str], out: &str) -> PathBuf {
    let mut args = vec!["sign".to_owned()];
    for signer in signers {
        args.extend([
            "--cert".to_owned(),
            path_str(&testdata(signer.cert)),
            "--key".to_owned(),
            path_str(&key_path(signer.key)),
            "--chain".to_owned(),
            path_str(&testdata(signer.issuing_ca)),
        ]);
    }
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let out = dir.join(out);
    args.extend([
        "--signing-time".to_owned(),
        "2026-06-01T09:00:00+08:00".to_owned(),
        "--out".to_owned(),
        path_str(&out),
        path_str(&dir.join("document.txt")),
    ]);
    let output = baytrust(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    out
}

/// Concatenates the certificate files of `signers` picked by `pick` into one file.
fn bundle(dir: &Path, name: &str, signers: &[&Signer], pick: fn(&Signer) -> &str) -> PathBuf {
    let mut bytes = Vec::new();
    for signer in signers {
        bytes.extend(std::fs::read(testdata(pick(signer))).unwrap());
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `openssl cms -verify -binary -purpose any` of `signature` over `content` against the
/// roots of `signers`.
fn openssl_verify(
    dir: &Path,
    signers: &[&Signer],
    signature: &Path,
    inform: &str,
    content: &Path,
) -> Output {
    let roots = bundle(dir, "roots.pem", signers, |s| s.root);
    let issuing_cas = bundle(dir, "issuing-cas.pem", signers, |s| s.issuing_ca);
    Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-purpose", "any", "-CAfile"])
        .arg(&roots)
        .arg("-certfile")
        .arg(&issuing_cas)
        .arg("-in")
        .arg(signature)
        .args(["-inform", inform, "-content"])
        .arg(content)
        .arg("-out")
        .arg(dir.join("verified-content"))
        .output()
        .expect("run openssl")
}

fn assert_openssl_accepts(dir: &Path, signers: &[&Signer], signature: &Path, inform: &str) {
    let output = openssl_verify(dir, signers, signature, inform, &dir.join("document.txt"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Verification successful"), "{stderr}");
    assert_eq!(
        std::fs::read(dir.join("verified-content")).unwrap(),
        DOCUMENT
    );
}

fn assert_openssl_rejects_changed_document(
    dir: &Path,
    signers: &[&Signer],
    signature: &Path,
    inform: &str,
) {
    let changed = dir.join("changed.txt");
    let mut bytes = DOCUMENT.to_vec();
    bytes[DOCUMENT.len() - 3] = b'9'; // MOP 128,000.90
    std::fs::write(&changed, bytes).unwrap();
    let output = openssl_verify(dir, signers, signature, inform, &changed);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("Verification failure"), "{stderr}");
    // The messageDigest attribute no longer matches the content.
    assert!(
        stderr.contains("CMS_SignerInfo_verify_content:verification failure"),
        "{stderr}"
    );
}

/// Signs detached DER, detached PEM, attached DER and attached PEM, and has OpenSSL
/// verify each; the detached ones must fail once the document changes.
fn check_all_forms(test: &str, signers: &[&Signer]) {
    let dir = scratch(test);
    for (attached, pem) in [(false, false), (false, true), (true, false), (true, true)] {
        let mut extra = Vec::new();
        if attached {
            extra.push("--attached");
        }
        if pem {
            extra.push("--pem");
        }
        let name = format!(
            "{}.{}",
            if attached { "attached" } else { "detached" },
            if pem { "pem" } else { "der" }
        );
        let signature = sign(&dir, signers, &extra, &name);
        let bytes = std::fs::read(&signature).unwrap();
        let inform = if pem { "PEM" } else { "DER" };
        if pem {
            assert!(bytes.starts_with(b"-----BEGIN CMS-----\n"), "{name}");
            assert!(bytes.ends_with(b"-----END CMS-----\n"), "{name}");
        } else {
            assert_eq!(bytes[0], 0x30, "{name}");
        }
        let carries_document = bytes.windows(DOCUMENT.len()).any(|w| w == DOCUMENT);
        assert_eq!(carries_document, attached && !pem, "{name}");
        assert_openssl_accepts(&dir, signers, &signature, inform);
        if !attached {
            assert_openssl_rejects_changed_document(&dir, signers, &signature, inform);
        }
    }
}

#[test]
fn rsa_2048_signatures_verify_with_openssl_cms() {
    check_all_forms("rsa-2048", &[&RSA_2048]);
}

#[test]
fn ecdsa_p256_signatures_verify_with_openssl_cms() {
    check_all_forms("p256", &[&P256]);
}

#[test]
fn ecdsa_p384_signatures_verify_with_openssl_cms() {
    check_all_forms("p384", &[&P384]);
}

#[test]
fn rsa_and_ecdsa_co_signature_verifies_with_openssl_cms_for_both_signers() {
    check_all_forms("co-signed", &[&RSA_2048, &P256]);
    // OpenSSL checks every SignerInfo: both signers are there.
    let dir = scratch("co-signed-print");
    let signature = sign(&dir, &[&RSA_2048, &P256], &[], "co.der");
    let output = Command::new("openssl")
        .args(["cms", "-cmsout", "-print", "-inform", "DER", "-in"])
        .arg(&signature)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(printed.matches("d.issuerAndSerialNumber:").count(), 2);
    assert_eq!(
        printed.matches("id-smime-aa-signingCertificateV2").count(),
        2
    );
    assert!(printed.contains("sha256WithRSAEncryption"), "{printed}");
    assert!(printed.contains("ecdsa-with-SHA256"), "{printed}");
    assert!(
        printed.contains("UTCTIME:Jun  1 01:00:00 2026 GMT"),
        "{printed}"
    );
}

#[test]
fn signature_goes_to_stdout_without_out() {
    let dir = scratch("stdout");
    let output = baytrust(&[
        "sign".to_owned(),
        "--cert".to_owned(),
        path_str(&testdata(P256.cert)),
        "--key".to_owned(),
        path_str(&key_path(P256.key)),
        "--pem".to_owned(),
        path_str(&dir.join("document.txt")),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.starts_with(b"-----BEGIN CMS-----\n"));
    assert!(output.stderr.is_empty());
}

fn assert_exit(args: &[&str], code: i32, stderr_contains: &str) {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let output = baytrust(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(stderr.contains(stderr_contains), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
}

#[test]
fn bad_command_lines_and_inputs_get_their_exit_codes() {
    let dir = scratch("exit-codes");
    let document = path_str(&dir.join("document.txt"));
    let cert = path_str(&testdata(RSA_2048.cert));
    let key = path_str(&key_path(RSA_2048.key));
    let other_key = path_str(&key_path(P256.key));
    let missing = path_str(&dir.join("missing"));
    let garbage = dir.join("garbage.pem");
    std::fs::write(
        &garbage,
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let garbage = path_str(&garbage);

    // 1: usage.
    assert_exit(&["sign", "--cert", &cert, &document], 1, "--key");
    assert_exit(
        &[
            "sign", "--cert", &cert, "--cert", &cert, "--key", &key, &document,
        ],
        1,
        "2 --cert but 1 --key",
    );
    assert_exit(
        &[
            "sign",
            "--cert",
            &cert,
            "--key",
            &key,
            "--signing-time",
            "yesterday",
            &document,
        ],
        1,
        "--signing-time",
    );
    // 2: unreadable.
    assert_exit(
        &["sign", "--cert", &cert, "--key", &key, &missing],
        2,
        "cannot read",
    );
    assert_exit(
        &["sign", "--cert", &missing, "--key", &key, &document],
        2,
        "cannot read",
    );
    assert_exit(
        &["sign", "--cert", &cert, "--key", &missing, &document],
        2,
        "cannot read",
    );
    // 3: malformed, or a key that is not the certificate's.
    assert_exit(
        &["sign", "--cert", &cert, "--key", &garbage, &document],
        3,
        "signing key is invalid",
    );
    assert_exit(
        &["sign", "--cert", &cert, "--key", &cert, &document],
        3,
        "expected \"PRIVATE KEY\"",
    );
    assert_exit(
        &["sign", "--cert", &key, "--key", &key, &document],
        3,
        "malformed",
    );
    assert_exit(
        &["sign", "--cert", &cert, "--key", &other_key, &document],
        3,
        "signing key does not belong to the certificate of C=HK, O=Harbour Logistics Limited",
    );
    assert!(!dir.join("out").exists());
}
