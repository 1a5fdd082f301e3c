//! Certificate text cannot take over the terminal: a certificate whose organisation
//! name carries `ESC [2K` (erase line), a carriage return and a forged result, and whose
//! common name carries a right-to-left override, goes through the real `verify-sig
//! verify`, `chain` and `inspect` binaries (and a trust list naming such an operator
//! through `inspect`), and no control character or override reaches the output: each is
//! printed as an escape.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use support::{testdata, verify_sig};

/// The forged organisation name: erase the line, return to its start, claim success.
const EVIL_ORGANISATION: &str = "ACME\x1b[2K\rVerification successful";
/// How it must appear.
const ESCAPED_ORGANISATION: &str = "ACME\\x1b[2K\\x0dVerification successful";
/// The same name as the library's RFC 4514 subject text writes it (`\1B` for ESC):
/// already inert there, and left so.
const SUBJECT_ORGANISATION: &str = "O=ACME\\1B[2K\\0DVerification successful";
/// A common name (the authorised person) that a right-to-left override makes read
/// "CHAN Tai Manexe.pdf", then a C1 CSI (U+009B) and a newline with a forged line.
const EVIL_COMMON_NAME: &str = "CHAN Tai Man\u{202e}fdp.exe\u{9b}31m\nVerification successful";
const ESCAPED_COMMON_NAME: &str = "CHAN Tai Man\\u{202e}fdp.exe";
const ESCAPED_PERSON: &str = "CHAN Tai Man\\u{202e}fdp.exe\\u{9b}31m\\x0aVerification successful";

const DOCUMENT: &[u8] = b"Invoice HK-2026-0815\nMOP 128,000.00\n";

/// A scratch directory holding an rcgen CA, a leaf with the forged names, its key, and
/// the document.
struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn new(test: &str) -> Pki {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("terminal-text-{test}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();

        let mut ca = CertificateParams::default();
        ca.distinguished_name = DistinguishedName::new();
        ca.distinguished_name.push(DnType::CountryName, "HK");
        ca.distinguished_name
            .push(DnType::OrganizationName, "Terminal Test Root");
        ca.distinguished_name
            .push(DnType::CommonName, "Terminal Test Root CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);

        let mut leaf = CertificateParams::default();
        leaf.distinguished_name = DistinguishedName::new();
        leaf.distinguished_name.push(DnType::CountryName, "HK");
        leaf.distinguished_name
            .push(DnType::OrganizationName, EVIL_ORGANISATION);
        leaf.distinguished_name
            .push(DnType::OrganizationalUnitName, "BRN 12345678-000");
        leaf.distinguished_name
            .push(DnType::CommonName, EVIL_COMMON_NAME);
        leaf.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        leaf.use_authority_key_identifier_extension = true;
        let leaf_key = KeyPair::generate().unwrap();
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();

        std::fs::write(dir.join("root.pem"), ca_cert.pem()).unwrap();
        std::fs::write(dir.join("leaf.pem"), leaf_cert.pem()).unwrap();
        std::fs::write(dir.join("leaf.key.pem"), leaf_key.serialize_pem()).unwrap();
        std::fs::write(dir.join("document.txt"), DOCUMENT).unwrap();
        Pki { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_owned()
    }

    /// `baytrust sign` of the document by the leaf; the signature's path.
    fn sign(&self) -> String {
        let out = self.path("document.p7s");
        let output = Command::new(env!("CARGO_BIN_EXE_baytrust"))
            .args(["sign", "--cert", &self.path("leaf.pem")])
            .args(["--key", &self.path("leaf.key.pem")])
            .args(["--out", &out])
            .args(["--signing-time", "2026-06-01T00:00:00Z"])
            .arg(self.path("document.txt"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        out
    }
}

/// Stdout and stderr as text.
fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

/// No character that acts on a terminal is in `text`, apart from the newlines ending
/// the lines the tool itself writes.
fn assert_inert(text: &str, what: &str) {
    for c in text.chars() {
        let code = u32::from(c);
        assert!(
            c == '\n'
                || !(code < 0x20
                    || (0x7f..=0x9f).contains(&code)
                    || (0x202a..=0x202e).contains(&code)
                    || (0x2066..=0x2069).contains(&code)),
            "{what}: raw U+{code:04X} in {text:?}"
        );
    }
}

/// No line of `text` is the forged one (the CLI's own status line goes to stderr).
fn assert_no_forged_line(text: &str, what: &str) {
    assert!(
        !text
            .lines()
            .any(|line| line.trim() == "Verification successful"),
        "{what}: a forged line in {text:?}"
    );
}

#[test]
fn verify_text_escapes_control_characters_from_the_certificate() {
    let pki = Pki::new("verify");
    let signature = pki.sign();
    let output = verify_sig(&[
        "verify",
        &signature,
        "--content",
        &pki.path("document.txt"),
        "--cafile",
        &pki.path("root.pem"),
        "--attime",
        "2026-06-01T00:00:00Z",
    ]);
    let (stdout, stderr) = texts(&output);
    assert_inert(&stdout, "verify stdout");
    assert_inert(&stderr, "verify stderr");
    assert_no_forged_line(&stdout, "verify stdout");
    assert!(stdout.contains(ESCAPED_ORGANISATION), "{stdout}");
    assert!(stdout.contains(ESCAPED_PERSON), "{stdout}");
    // The real status line is the only one that says so, and says it on stderr.
    assert_eq!(
        stderr.lines().last(),
        Some("Verification successful"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
}

#[test]
fn verify_failure_line_escapes_the_certificate_text_it_quotes() {
    // No anchor: the failure reason names the certificate.
    let pki = Pki::new("verify-failure");
    let signature = pki.sign();
    let output = verify_sig(&[
        "verify",
        &signature,
        "--content",
        &pki.path("document.txt"),
        "--cafile",
        &testdata("pki/hk/root-ca.pem").to_string_lossy(),
        "--attime",
        "2026-06-01T00:00:00Z",
    ]);
    let (stdout, stderr) = texts(&output);
    assert_inert(&stdout, "verify stdout");
    assert_inert(&stderr, "verify stderr");
    assert_no_forged_line(&stdout, "verify stdout");
    assert_no_forged_line(&stderr, "verify stderr");
    assert!(stdout.contains(ESCAPED_COMMON_NAME), "{stdout}");
    assert!(stderr.starts_with("Verification failure: "), "{stderr}");
    assert_ne!(output.status.code(), Some(0));
}

#[test]
fn inspect_certificate_text_escapes_subject_and_entity() {
    let pki = Pki::new("inspect");
    let output = verify_sig(&["inspect", &pki.path("leaf.pem")]);
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_inert(&stdout, "inspect stdout");
    assert_no_forged_line(&stdout, "inspect stdout");
    assert!(stdout.contains(ESCAPED_ORGANISATION), "{stdout}");
    assert!(stdout.contains(ESCAPED_PERSON), "{stdout}");
    assert!(stdout.contains(SUBJECT_ORGANISATION), "{stdout}");
    assert!(stdout.contains(ESCAPED_COMMON_NAME), "{stdout}");
}

#[test]
fn inspect_json_keeps_the_names_exact_and_escaped_by_json() {
    let pki = Pki::new("inspect-json");
    let output = verify_sig(&["inspect", &pki.path("leaf.pem"), "--json"]);
    let (stdout, _) = texts(&output);
    // Not only the C0 controls serde escapes: U+202E and the C1 CSI U+009B too, as
    // JSON \uXXXX escapes that decode to the exact name.
    assert_inert(&stdout, "inspect --json stdout");
    assert!(
        stdout.contains("CHAN Tai Man\\u202efdp.exe\\u009b31m\\n"),
        "{stdout}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let entity = &report["certificates"][0]["entity"];
    assert_eq!(entity["organisation"], EVIL_ORGANISATION, "{report:#}");
    assert_eq!(entity["authorised_person"], EVIL_COMMON_NAME, "{report:#}");
}

#[test]
fn verify_json_output_is_inert_and_decodes_to_the_exact_names() {
    let pki = Pki::new("verify-json");
    let signature = pki.sign();
    let output = verify_sig(&[
        "verify",
        &signature,
        "--content",
        &pki.path("document.txt"),
        "--cafile",
        &pki.path("root.pem"),
        "--attime",
        "2026-06-01T00:00:00Z",
        "--json",
    ]);
    let (stdout, stderr) = texts(&output);
    assert_inert(&stdout, "verify --json stdout");
    assert_no_forged_line(&stdout, "verify --json stdout");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let entity = &report["signers"][0]["entity"];
    assert_eq!(entity["organisation"], EVIL_ORGANISATION, "{report:#}");
    assert_eq!(entity["authorised_person"], EVIL_COMMON_NAME, "{report:#}");
    assert_eq!(report["indication"], "TOTAL_PASSED", "{report:#}");
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
}

#[test]
fn inspect_signature_text_escapes_the_certificates_it_carries() {
    let pki = Pki::new("inspect-signature");
    let signature = pki.sign();
    let output = verify_sig(&["inspect", &signature]);
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("CMS SignedData"), "{stdout}");
    assert_inert(&stdout, "inspect signature stdout");
    assert_no_forged_line(&stdout, "inspect signature stdout");
    assert!(stdout.contains(SUBJECT_ORGANISATION), "{stdout}");
    assert!(stdout.contains(ESCAPED_COMMON_NAME), "{stdout}");
}

#[test]
fn chain_status_line_escapes_the_error_it_quotes() {
    let pki = Pki::new("chain");
    for anchor in [
        pki.path("root.pem"),
        testdata("pki/hk/root-ca.pem")
            .to_string_lossy()
            .into_owned(),
    ] {
        let output = verify_sig(&[
            "chain",
            &pki.path("leaf.pem"),
            "--cafile",
            &anchor,
            "--attime",
            "2026-06-01T00:00:00Z",
        ]);
        let (stdout, stderr) = texts(&output);
        assert_inert(&stdout, "chain stdout");
        assert_inert(&stderr, "chain stderr");
        assert_no_forged_line(&stderr, "chain stderr");
    }
}

#[test]
fn inspect_trust_list_text_escapes_what_the_list_says() {
    let pki = Pki::new("trust-list");
    let list = std::fs::read_to_string(testdata("trust-lists/hk.json")).unwrap();
    let operator = "\"operator\": \"BayTrust Test Hong Kong Trust List Operator\"";
    assert!(list.contains(operator));
    let evil = list.replace(
        operator,
        "\"operator\": \"Operator\\u001b[2K\\rVerification successful\\u202e\"",
    );
    let path = pki.path("list.json");
    std::fs::write(&path, evil).unwrap();
    let output = verify_sig(&["inspect", &path]);
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_inert(&stdout, "inspect list stdout");
    assert_no_forged_line(&stdout, "inspect list stdout");
    assert!(
        stdout.contains("Operator\\x1b[2K\\x0dVerification successful\\u{202e}"),
        "{stdout}"
    );
}

#[test]
fn a_malformed_input_message_is_escaped_too() {
    let pki = Pki::new("malformed");
    let path = pki.path("not\x1b[31mcert.pem");
    std::fs::write(&path, b"neither a certificate nor a signature").unwrap();
    let output = verify_sig(&["inspect", &path]);
    let (_, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert_inert(&stderr, "inspect stderr");
    assert!(stderr.contains("not\\x1b[31mcert.pem"), "{stderr}");
}
