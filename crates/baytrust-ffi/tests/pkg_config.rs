//! `baytrust.pc.in` filled as `install.sh` fills it gives the link line the README
//! shows, and the README's C example (`tests/c/readme_example.c`) compiles with exactly
//! that line against the header and the static library cargo built for this test.

use std::path::{Path, PathBuf};
use std::process::Command;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// An installation prefix as `install.sh` lays it out, with the test's static library.
fn install_prefix() -> PathBuf {
    let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prefix");
    let lib = prefix.join("lib");
    let include = prefix.join("include");
    std::fs::create_dir_all(lib.join("pkgconfig")).unwrap();
    std::fs::create_dir_all(&include).unwrap();
    std::fs::copy(
        crate_dir().join("include/baytrust.h"),
        include.join("baytrust.h"),
    )
    .unwrap();
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let archive = lib.join("libbaytrust_ffi.a");
    let _ = std::fs::remove_file(&archive);
    std::os::unix::fs::symlink(deps.join("libbaytrust_ffi.a"), &archive).unwrap();
    let template = std::fs::read_to_string(crate_dir().join("baytrust.pc.in")).unwrap();
    let pc = template
        .replace("@PREFIX@", prefix.to_str().unwrap())
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"));
    std::fs::write(lib.join("pkgconfig/baytrust.pc"), pc).unwrap();
    prefix
}

fn pkg_config(prefix: &Path, args: &[&str]) -> String {
    let output = Command::new("pkg-config")
        .args(args)
        .arg("baytrust")
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn pkg_config_link_line_builds_the_readme_example() {
    if Command::new("pkg-config")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "pkg-config is required in CI"
        );
        eprintln!("pkg-config not installed: skipped");
        return;
    }
    let prefix = install_prefix();
    let p = prefix.display();
    assert_eq!(
        pkg_config(&prefix, &["--modversion"]),
        env!("CARGO_PKG_VERSION")
    );
    let flags = pkg_config(&prefix, &["--static", "--cflags", "--libs"]);
    assert_eq!(
        flags,
        format!("-I{p}/include -L{p}/lib -lbaytrust_ffi -lpthread -ldl -lm")
    );

    let program = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme_example");
    let status = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror"])
        .arg(crate_dir().join("tests/c/readme_example.c"))
        .args(flags.split_whitespace())
        .arg("-o")
        .arg(&program)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the README example does not build: {status}"
    );
    let output = Command::new(&program)
        .current_dir(crate_dir().join("../.."))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("Verification successful\n"), "{stdout}");
    assert!(
        stdout.contains("signer 1: NTRHK-12345678 Harbour Logistics Limited"),
        "{stdout}"
    );
}
