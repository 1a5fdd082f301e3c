//! What the CLI tests share: testdata paths, running `verify-sig`, and asking the real
//! `openssl` what it sees in a certificate.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "../../../baytrust/tests/support/pseudo_random.rs"]
pub mod pseudo_random;

#[path = "../../../baytrust/tests/support/signed_data_parts.rs"]
pub mod signed_data_parts;

/// The JSON a run printed, after asserting it exited with `code` (its stderr shown
/// when not).
pub fn json_of(output: &Output, code: i32) -> serde_json::Value {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A path under `testdata/`.
pub fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path)
}

/// Runs `verify-sig` with `args`.
pub fn verify_sig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verify-sig"))
        .args(args)
        .output()
        .expect("run verify-sig")
}

/// `openssl x509 -noout <flag>` on a PEM file, with the `name=` prefix removed
/// (`-serial` → `0C10`, `-fingerprint -sha256` → `AB:CD:…`).
pub fn openssl_x509_field(path: &std::path::Path, flags: &[&str]) -> String {
    let output = Command::new("openssl")
        .args(["x509", "-noout"])
        .args(flags)
        .arg("-in")
        .arg(path)
        .output()
        .expect("run openssl");
    assert!(
        output.status.success(),
        "openssl x509 {flags:?} {}",
        path.display()
    );
    let text = String::from_utf8(output.stdout).expect("openssl prints text");
    text.trim()
        .rsplit_once('=')
        .map(|(_, value)| value.to_owned())
        .unwrap_or_default()
}

/// `testdata/<relative>` as a string argument.
pub fn arg(relative: &str) -> String {
    testdata(relative).to_string_lossy().into_owned()
}

/// The validation time of the bundled material.
pub const AT: &str = "2026-06-01T00:00:00Z";

/// The three bundled signed trust lists, each with its operator pinned, and `--now`.
pub fn bundled_trust_args() -> Vec<String> {
    let mut args = Vec::new();
    for code in ["cn", "hk", "mo"] {
        args.push("--trust-list".to_owned());
        args.push(arg(&format!("trust-lists/{code}.p7s")));
        args.push("--operator-cert".to_owned());
        args.push(arg(&format!("pki/{code}/trust-list-operator-ca.pem")));
    }
    args.extend(["--now".to_owned(), AT.to_owned()]);
    args
}

/// Runs `verify-sig` with `args` (owned strings).
pub fn run(args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    verify_sig(&args)
}

/// Runs `verify-sig` with `args`, feeding `stdin` to its standard input.
pub fn run_with_stdin(args: &[String], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_verify-sig"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run verify-sig");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().expect("wait for verify-sig");
    writer.join().expect("stdin writer");
    output
}

/// `docs/json-output.schema.json` narrowed to one of its definitions (`verify_report`,
/// `chain_report`, `inspect`, `batch_line`, …).
pub fn schema_for(definition: &str) -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/json-output.schema.json");
    let text = std::fs::read_to_string(&path).expect("read the schema");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert!(
        schema["$defs"].get(definition).is_some(),
        "no definition {definition}"
    );
    let object = schema.as_object_mut().expect("the schema is an object");
    object.remove("oneOf");
    object.insert(
        "$ref".into(),
        serde_json::Value::String(format!("#/$defs/{definition}")),
    );
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// Asserts that `value` is valid under `definition` of the schema, listing every error.
pub fn assert_schema(definition: &str, value: &serde_json::Value) {
    let validator = schema_for(definition);
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{definition}: {errors:#?}\n{value:#}");
}
