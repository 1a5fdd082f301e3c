//! The DESIGN.md §3 contract, run on the real binary for every subcommand: each exit
//! code that applies (0 passed, 1 usage, 2 unreadable, 3 malformed, 4 TOTAL_FAILED, 5
//! INDETERMINATE), `-` for standard input wherever a file is read, the exit-code table
//! in every `--help`, and no colour in piped output.

mod support;

use std::process::{Command, Output};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use support::{arg, bundled_trust_args, run, run_with_stdin, AT};

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn with_trust(mut args: Vec<String>) -> Vec<String> {
    args.extend(bundled_trust_args());
    args
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("baytrust-exit-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn verify(signature: &str, content: &str, extra: &[&str]) -> Output {
    let mut args = strings(&["verify", signature, "--content", content]);
    args.extend(strings(extra));
    run(&with_trust(args))
}

#[test]
fn verify_has_every_exit_code() {
    let sig = arg("samples/supply-contract.txt.p7s");
    let content = arg("samples/supply-contract.txt");
    let passed = verify(&sig, &content, &[]);
    assert_eq!(code(&passed), Some(0), "{}", stderr(&passed));
    assert_eq!(stderr(&passed).trim(), "Verification successful");
    assert_eq!(
        code(&verify(&sig, &content, &["--attime", "tomorrow"])),
        Some(1)
    );
    assert_eq!(code(&verify(&sig, &content, &["--no-such-flag"])), Some(1));
    assert_eq!(code(&verify("/nonexistent/x.p7s", &content, &[])), Some(2));
    assert_eq!(code(&verify(&sig, "/nonexistent/content", &[])), Some(2));
    let garbage = temp_file("garbage.p7s", b"not a signature");
    assert_eq!(code(&verify(&garbage, &content, &[])), Some(3));
    let tampered = temp_file("tampered.txt", b"another contract");
    let failed = verify(&sig, &tampered, &[]);
    assert_eq!(code(&failed), Some(4));
    assert!(
        stderr(&failed).starts_with("Verification failure: HASH_FAILURE: "),
        "{}",
        stderr(&failed)
    );
    // Validated after the signers' certificates expired, with no proof of an earlier
    // signing time: INDETERMINATE / OUT_OF_BOUNDS_NO_POE.
    let late = verify(&sig, &content, &["--attime", "2030-01-01T00:00:00Z"]);
    assert_eq!(code(&late), Some(5), "{}", stderr(&late));
    assert!(
        stderr(&late).starts_with("Verification failure: OUT_OF_BOUNDS_NO_POE: "),
        "{}",
        stderr(&late)
    );
}

fn chain(cert: &str, extra: &[&str]) -> Output {
    let mut args = strings(&["chain", cert]);
    args.extend(strings(extra));
    run(&with_trust(args))
}

#[test]
fn chain_has_every_exit_code_and_reports_the_etsi_indication() {
    let good = chain(&arg("pki/hk/org-harbour-logistics-chain.pem"), &[]);
    assert_eq!(code(&good), Some(0), "{}", stderr(&good));
    assert_eq!(
        String::from_utf8_lossy(&good.stdout),
        "Indication: TOTAL_PASSED\n"
    );
    assert_eq!(
        code(&chain(
            &arg("pki/hk/org-harbour-logistics-chain.pem"),
            &["--purpose", "x"]
        )),
        Some(1)
    );
    assert_eq!(code(&chain("/nonexistent/cert.pem", &[])), Some(2));
    let garbage = temp_file(
        "garbage.pem",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    assert_eq!(code(&chain(&garbage, &[])), Some(3));
    // Valid path, but the recognised service's policy is not in the certificate.
    let failed = chain(&arg("pki/edge/wrong-policy-chain.pem"), &[]);
    assert_eq!(code(&failed), Some(4));
    assert_eq!(
        String::from_utf8_lossy(&failed.stdout),
        "Indication: TOTAL_FAILED / NOT_RECOGNISED\n"
    );
    assert!(
        stderr(&failed).contains(": verification failed: TOTAL_FAILED / NOT_RECOGNISED: "),
        "{}",
        stderr(&failed)
    );
    // Expired at the validation time, no proof of existence: INDETERMINATE.
    let expired = chain(
        &arg("pki/hk/org-harbour-logistics-chain.pem"),
        &["--attime", "2030-01-01T00:00:00Z"],
    );
    assert_eq!(code(&expired), Some(5), "{}", stderr(&expired));
    assert_eq!(
        String::from_utf8_lossy(&expired.stdout),
        "Indication: INDETERMINATE / OUT_OF_BOUNDS_NO_POE\n"
    );
    // Revocation unknown under `require`: INDETERMINATE / TRY_LATER.
    let unknown = chain(
        &arg("pki/hk/org-harbour-logistics-chain.pem"),
        &["--revocation", "require"],
    );
    assert_eq!(code(&unknown), Some(5), "{}", stderr(&unknown));
    assert_eq!(
        String::from_utf8_lossy(&unknown.stdout),
        "Indication: INDETERMINATE / TRY_LATER\n"
    );
    // Recognised only earlier in the certificate's life: NOT_RECOGNISED_NO_POE.
    let retired = chain(&arg("pki/hk/org-retired-ca-chain.pem"), &[]);
    assert_eq!(code(&retired), Some(5));
    assert_eq!(
        String::from_utf8_lossy(&retired.stdout),
        "Indication: INDETERMINATE / NOT_RECOGNISED_NO_POE\n"
    );
}

#[test]
fn inspect_has_its_exit_codes() {
    let inspect = |file: &str| run(&strings(&["inspect", file, "--now", AT]));
    assert_eq!(code(&inspect(&arg("pki/hk/root-ca.pem"))), Some(0));
    assert_eq!(code(&run(&strings(&["inspect"]))), Some(1));
    assert_eq!(code(&inspect("/nonexistent/file")), Some(2));
    assert_eq!(
        code(&inspect(&temp_file("junk.bin", b"\x01\x02junk"))),
        Some(3)
    );
}

#[test]
fn completions_and_manpage_have_their_exit_codes() {
    let bash = run(&strings(&["completions", "bash"]));
    assert_eq!(code(&bash), Some(0));
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("verify-sig"), "{script}");
    for subcommand in ["verify", "chain", "inspect", "completions", "manpage"] {
        assert!(script.contains(subcommand), "{subcommand}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let output = run(&strings(&["completions", shell]));
        assert_eq!(code(&output), Some(0), "{shell}");
        assert!(!output.stdout.is_empty(), "{shell}");
    }
    assert_eq!(code(&run(&strings(&["completions", "tcsh"]))), Some(1));
    let page = run(&strings(&["manpage"]));
    assert_eq!(code(&page), Some(0));
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.starts_with(".ie"), "{page}");
    assert!(page.contains("Exit codes"), "{page}");
    let dir = std::env::temp_dir().join(format!("baytrust-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = run(&strings(&["manpage", &dir.to_string_lossy()]));
    assert_eq!(code(&written), Some(0), "{}", stderr(&written));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "verify-sig-chain.1",
            "verify-sig-completions.1",
            "verify-sig-inspect.1",
            "verify-sig-manpage.1",
            "verify-sig-verify.1",
            "verify-sig.1"
        ]
    );
    let verify_page = std::fs::read_to_string(dir.join("verify-sig-verify.1")).unwrap();
    assert!(verify_page.contains("batch"), "{verify_page}");
    std::fs::remove_dir_all(&dir).unwrap();
    // A directory that cannot be created: unreadable/unwritable output, exit 2.
    let file = temp_file("not-a-dir", b"");
    let blocked = run(&strings(&["manpage", &format!("{file}/man")]));
    assert_eq!(code(&blocked), Some(2), "{}", stderr(&blocked));
}

#[test]
fn standard_input_is_read_wherever_a_file_is() {
    let signature = std::fs::read(arg("samples/supply-contract.txt.p7s")).unwrap();
    let content = std::fs::read(arg("samples/supply-contract.txt")).unwrap();
    let sig_stdin = run_with_stdin(
        &with_trust(strings(&[
            "verify",
            "-",
            "--content",
            &arg("samples/supply-contract.txt"),
        ])),
        &signature,
    );
    assert_eq!(code(&sig_stdin), Some(0), "{}", stderr(&sig_stdin));
    let content_stdin = run_with_stdin(
        &with_trust(strings(&[
            "verify",
            &arg("samples/supply-contract.txt.p7s"),
            "--content",
            "-",
        ])),
        &content,
    );
    assert_eq!(code(&content_stdin), Some(0), "{}", stderr(&content_stdin));
    let both = run_with_stdin(
        &with_trust(strings(&["verify", "-", "--content", "-"])),
        &signature,
    );
    assert_eq!(code(&both), Some(1));
    let cert = std::fs::read(arg("pki/hk/org-harbour-logistics-chain.pem")).unwrap();
    let chain_stdin = run_with_stdin(&with_trust(strings(&["chain", "-"])), &cert);
    assert_eq!(code(&chain_stdin), Some(0), "{}", stderr(&chain_stdin));
    assert_eq!(stderr(&chain_stdin).trim(), "-: OK");
    let list = std::fs::read(arg("trust-lists/hk.p7s")).unwrap();
    let inspect_stdin = run_with_stdin(&strings(&["inspect", "-", "--now", AT, "--json"]), &list);
    assert_eq!(code(&inspect_stdin), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&inspect_stdin.stdout).unwrap();
    assert_eq!(value["jurisdiction"], "HK");
    // A trust list and a CRL from standard input too.
    let mut args = strings(&[
        "chain",
        &arg("pki/hk/org-harbour-logistics-chain.pem"),
        "--trust-list",
        "HK:-",
        "--operator-cert",
        &arg("pki/hk/trust-list-operator-ca.pem"),
        "--now",
        AT,
    ]);
    let from_stdin_list = run_with_stdin(&args, &list);
    assert_eq!(
        code(&from_stdin_list),
        Some(0),
        "{}",
        stderr(&from_stdin_list)
    );
    args.extend(strings(&["--crl", "-", "--revocation", "require"]));
    args.splice(2..6, strings(&["--cafile", &arg("pki/hk/root-ca.pem")]));
    let crl = std::fs::read(arg("revocation/crl/hk-issuing-ca.crl")).unwrap();
    let from_stdin_crl = run_with_stdin(&args, &crl);
    // The issuing CA's own status is not covered (the root's CRL is not given).
    assert_eq!(
        code(&from_stdin_crl),
        Some(5),
        "{}",
        stderr(&from_stdin_crl)
    );
}

#[test]
fn pem_and_der_are_detected_for_signatures_and_certificates() {
    let der = std::fs::read(arg("samples/supply-contract.txt.p7s")).unwrap();
    let pem = format!(
        "-----BEGIN CMS-----\n{}\n-----END CMS-----\n",
        base64_lines(&der)
    );
    let pem_file = temp_file("contract.pem", pem.as_bytes());
    let output = verify(&pem_file, &arg("samples/supply-contract.txt"), &[]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let cert_pem = std::fs::read_to_string(arg("pki/hk/root-ca.pem")).unwrap();
    let body: String = cert_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let cert_der = STANDARD.decode(body).unwrap();
    let der_file = temp_file("root.der", &cert_der);
    let output = run(&strings(&["inspect", &der_file, "--json"]));
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
}

fn base64_lines(bytes: &[u8]) -> String {
    let encoded = STANDARD.encode(bytes);
    encoded
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_help_ends_with_the_exit_code_table_and_piped_help_has_no_colour() {
    for subcommand in [
        &[][..],
        &["verify"][..],
        &["chain"][..],
        &["inspect"][..],
        &["completions"][..],
        &["manpage"][..],
    ] {
        let mut args = strings(subcommand);
        args.push("--help".into());
        let output = run(&args);
        assert_eq!(code(&output), Some(0), "{subcommand:?}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("Exit codes:\n  0  passed"),
            "{subcommand:?}: {help}"
        );
        assert!(
            help.contains("4 failed > 3 malformed > 2 unreadable > 5 indeterminate > 0 passed"),
            "{subcommand:?}"
        );
        assert!(!help.contains('\x1b'), "{subcommand:?}");
    }
    // NO_COLOR and a usage error: clap's message is plain too.
    let output = Command::new(env!("CARGO_BIN_EXE_verify-sig"))
        .arg("--no-such-flag")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(code(&output), Some(1));
    assert!(!stderr(&output).contains('\x1b'));
}

/// Runs `verify-sig` under `script(1)`, so that its stdout and stderr are a terminal;
/// `None` where `script` is not installed.
fn on_a_terminal(args: &[String], no_color: bool) -> Option<String> {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_verify-sig").to_owned())
        .chain(args.iter().cloned())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let mut command = Command::new("script");
    command.args(["-qec", &quoted.join(" "), "/dev/null"]);
    command.env_remove("NO_COLOR").env("TERM", "xterm");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let output = command.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let args = with_trust(strings(&[
        "verify",
        &arg("samples/supply-contract.txt.p7s"),
        "--content",
        &arg("samples/supply-contract.txt"),
    ]));
    let Some(coloured) = on_a_terminal(&args, false) else {
        eprintln!("script(1) is not installed: the terminal case is not checked");
        return;
    };
    assert!(
        coloured.contains("\x1b[32mVerification successful\x1b[0m"),
        "{coloured:?}"
    );
    let plain = on_a_terminal(&args, true).unwrap();
    assert!(plain.contains("Verification successful"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
    // Piped (no terminal): plain whatever NO_COLOR says.
    let piped = run(&args);
    assert!(!stderr(&piped).contains('\x1b'));
}
