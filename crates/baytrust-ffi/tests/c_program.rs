//! The C programs `tests/c/verify_contract.c` and `tests/c/auth_handshake.c`, written
//! from `include/baytrust.h` alone, are compiled with the system C compiler against the
//! committed header and the static library cargo built for this test (the crate's
//! `staticlib` output), run, and run again under valgrind with zero errors and zero
//! leaks (required when `CI` is set).

use std::path::{Path, PathBuf};
use std::process::Command;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn repo_root() -> PathBuf {
    crate_dir().join("../..").canonicalize().unwrap()
}

/// The target profile directory (`target/debug`): the test runs from its `deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(Path::parent).unwrap().to_path_buf()
}

/// The static library cargo built for this test: `cargo test` builds every crate type
/// of the library into `deps/` (only `cargo build` copies them up to the profile dir,
/// where a stale copy may lie, so `deps/` comes first).
fn static_library() -> PathBuf {
    let dir = profile_dir();
    [
        dir.join("deps/libbaytrust_ffi.a"),
        dir.join("libbaytrust_ffi.a"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .unwrap_or_else(|| panic!("libbaytrust_ffi.a not found under {}", dir.display()))
}

fn compile_c_program(name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let status = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-g", "-O1", "-I"])
        .arg(crate_dir().join("include"))
        .arg(crate_dir().join(format!("tests/c/{name}.c")))
        .arg(static_library())
        // The system libraries Rust's std needs (`rustc --print native-static-libs`).
        .args(["-lpthread", "-ldl", "-lm", "-lgcc_s", "-lc", "-o"])
        .arg(&out)
        .status()
        .expect("the system C compiler `cc` runs");
    assert!(status.success(), "the C program does not compile: {status}");
    out
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    stdout
}

fn has_valgrind() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn c_program_verifies_the_bundled_contract_and_every_misuse_gets_its_code() {
    let program = compile_c_program("verify_contract");
    let stdout = run(Command::new(&program).arg(repo_root()));
    print!("{stdout}");
    assert!(
        stdout.contains("signer 0: NTRCN-91110000600037341L"),
        "{stdout}"
    );
    assert!(
        stdout.contains("signer 1: NTRHK-12345678 Harbour Logistics Limited"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tampered contract: TOTAL_FAILED"),
        "{stdout}"
    );
    assert!(stdout.contains(" checks passed"), "{stdout}");

    if let Some(stdout) = under_valgrind(&program, &["--light"]) {
        assert!(stdout.contains(" checks passed"), "{stdout}");
    }
}

/// The output of `program REPO_ROOT args…` under valgrind (zero errors, zero definite
/// or indirect leaks), or `None` when valgrind is not installed outside CI.
fn under_valgrind(program: &Path, args: &[&str]) -> Option<String> {
    if !has_valgrind() {
        assert!(
            std::env::var_os("CI").is_none(),
            "valgrind is required in CI (.ci/run installs it)"
        );
        eprintln!("valgrind not installed: the memory check is skipped");
        return None;
    }
    Some(run(Command::new("valgrind")
        .args([
            "--quiet",
            "--error-exitcode=1",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            // Rust's std keeps per-thread data until exit ("possibly lost"): not errors.
            "--show-leak-kinds=definite,indirect",
        ])
        .arg(program)
        .arg(repo_root())
        .args(args)))
}

/// The value printed after `label: ` on a line of `stdout`.
fn line_value<'a>(stdout: &'a str, label: &str) -> Option<&'a str> {
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(label)?.strip_prefix(": "))
}

#[test]
fn c_program_authenticates_the_sm2_and_hk_companies_and_every_attack_gets_its_code() {
    let program = compile_c_program("auth_handshake");
    let stdout = run(Command::new(&program).arg(repo_root()));
    print!("{stdout}");
    assert_eq!(
        line_value(&stdout, "initiator authenticated"),
        Some("NTRHK-12345678"),
        "{stdout}"
    );
    assert_eq!(
        line_value(&stdout, "responder authenticated"),
        Some("NTRCN-91110000600037341L"),
        "{stdout}"
    );
    let binding = line_value(&stdout, "initiator session binding").unwrap_or_default();
    assert_eq!(binding.len(), 64, "{stdout}");
    assert_eq!(
        line_value(&stdout, "responder session binding"),
        Some(binding)
    );
    for line in [
        "replayed message 1: BT_RESULT_AUTH_MESSAGE_REPLAYED",
        "tampered message 2: BT_RESULT_AUTH_SIGNATURE_INVALID",
        "unexpected responder: BT_RESULT_AUTH_IDENTITY_UNEXPECTED",
        "message 1 five minutes late: BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW",
    ] {
        assert!(stdout.lines().any(|l| l == line), "no `{line}` in {stdout}");
    }
    assert!(
        line_value(&stdout, "unrecognised initiator")
            .is_some_and(|d| d.contains("NO_CERTIFICATE_CHAIN_FOUND")),
        "{stdout}"
    );
    assert!(stdout.contains("c auth: "), "{stdout}");
    if let Some(stdout) = under_valgrind(&program, &[]) {
        assert!(stdout.contains(" checks passed"), "{stdout}");
    }
}
