//! The Java programs `tests/java/VerifyContract.java` and `tests/java/AuthHandshake.java`
//! load the cdylib cargo built for this test through JNA: the first verifies the bundled
//! contract and prints the two OrgIds, the second runs a mutual authentication.
//! Needs `javac`, `java` and `/usr/share/java/jna.jar` (Debian `default-jdk-headless`,
//! `libjna-java`); without them the test is skipped, except when `CI` is set.

use std::path::{Path, PathBuf};
use std::process::Command;

const JNA_JAR: &str = "/usr/share/java/jna.jar";

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding the `libbaytrust_ffi.so` cargo built for this test (`deps/`,
/// where `cargo test` puts every crate type of the library).
fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap().to_path_buf();
    assert!(
        deps.join("libbaytrust_ffi.so").is_file(),
        "libbaytrust_ffi.so not found in {}",
        deps.display()
    );
    deps
}

fn java_available() -> bool {
    let runs = |tool: &str| {
        Command::new(tool)
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    runs("javac") && runs("java") && Path::new(JNA_JAR).is_file()
}

/// Compiles and runs `tests/java/{class}.java` with the repository root as argument,
/// giving its stdout; `None` when Java or JNA is missing outside CI.
fn run_java(class: &str) -> Option<String> {
    if !java_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "javac, java and {JNA_JAR} are required in CI (.ci/run installs them)"
        );
        eprintln!("javac/java/JNA not installed: the Java program is skipped");
        return None;
    }
    let classes = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("java-classes-{class}"));
    std::fs::create_dir_all(&classes).unwrap();
    let status = Command::new("javac")
        .args(["-encoding", "UTF-8", "-cp", JNA_JAR, "-d"])
        .arg(&classes)
        .arg(crate_dir().join(format!("tests/java/{class}.java")))
        .status()
        .unwrap();
    assert!(status.success(), "javac failed: {status}");

    let classpath = format!("{JNA_JAR}:{}", classes.display());
    let output = Command::new("java")
        .arg("-cp")
        .arg(classpath)
        .arg(format!("-Djna.library.path={}", library_dir().display()))
        .arg(class)
        .arg(crate_dir().join("../..").canonicalize().unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "java failed:\n{stdout}\n{stderr}");
    print!("{stdout}");
    Some(stdout)
}

#[test]
fn java_program_verifies_the_bundled_contract_through_jna() {
    let Some(stdout) = run_java("VerifyContract") else {
        return;
    };
    assert!(
        stdout.contains("signer 0: NTRCN-91110000600037341L"),
        "{stdout}"
    );
    assert!(stdout.contains("signer 1: NTRHK-12345678"), "{stdout}");
    assert!(stdout.contains("java: TOTAL_PASSED"), "{stdout}");
}

#[test]
fn java_program_authenticates_the_sm2_and_hk_companies_through_jna() {
    let Some(stdout) = run_java("AuthHandshake") else {
        return;
    };
    assert!(
        stdout.contains("initiator authenticated: NTRHK-12345678"),
        "{stdout}"
    );
    assert!(
        stdout.contains("responder authenticated: NTRCN-91110000600037341L"),
        "{stdout}"
    );
    assert!(stdout.contains("java: session bindings equal"), "{stdout}");
    assert!(stdout.contains("message 3 again: 419"), "{stdout}");
    assert!(stdout.contains("message 1 replayed: 404"), "{stdout}");
}
