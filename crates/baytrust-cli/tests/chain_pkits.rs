//! `verify-sig chain` reproduces the PKITS expectations from the command line: the
//! anchor as `--cafile`, the other certificates as `--untrusted`, `--attime` and the
//! policy flags from the manifest, the entry's CRLs as `--crl` with `--revocation
//! require` (hard-fail CRL checking, as PKITS specifies); exit 0 for valid paths (with
//! the expected user-constrained policy set in `--json` and every certificate below the
//! anchor `good`), exit 4 for invalid ones.

#[path = "../../baytrust/tests/support/pkits_manifest.rs"]
mod pkits_manifest;

use std::collections::BTreeSet;
use std::process::Command;

use pkits_manifest::PkitsEntry;
use serde_json::Value;

fn check(entry: &PkitsEntry, time: &str) -> Result<(), String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verify-sig"));
    command.arg("chain").arg(&entry.target);
    for intermediate in &entry.intermediates {
        command.arg("--untrusted").arg(intermediate);
    }
    command
        .arg("--cafile")
        .arg(format!("HK:{}", entry.anchor.display()));
    command.args([
        "--now",
        time,
        "--attime",
        time,
        "--purpose",
        "any",
        "--json",
    ]);
    command.args(["--revocation", "require"]);
    for crl in &entry.crls {
        command.arg("--crl").arg(crl);
    }
    for policy in &entry.initial_policy_set {
        command.args(["--policy", policy]);
    }
    if entry.initial_explicit_policy {
        command.arg("--explicit-policy");
    }
    if entry.initial_policy_mapping_inhibit {
        command.arg("--inhibit-policy-mapping");
    }
    if entry.initial_any_policy_inhibit {
        command.arg("--inhibit-any-policy");
    }
    let output = command.output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    if !entry.expect_valid {
        // The exit code follows the ETSI indication: 4 TOTAL_FAILED (revoked…), 5
        // INDETERMINATE (path constraints, expiry without proof…); 3 malformed input.
        let expected = match serde_json::from_slice::<Value>(&output.stdout) {
            Ok(report) if report["indication"] == "TOTAL_FAILED" => Some(4),
            Ok(report) if report["indication"] == "INDETERMINATE" => Some(5),
            Ok(report) => return Err(format!("expected a failure, got {report}")),
            Err(_) => Some(3),
        };
        return if code == expected {
            Ok(())
        } else {
            Err(format!(
                "expected exit {expected:?}, got {code:?}: {stderr}"
            ))
        };
    }
    if code != Some(0) {
        return Err(format!("expected exit 0, got {code:?}: {stderr}"));
    }
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let got: BTreeSet<String> = report["user_constrained_policy_set"]
        .as_array()
        .ok_or("no user_constrained_policy_set")?
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let chain = report["chain"].as_array().ok_or("no chain")?;
    for certificate in chain.iter().take(chain.len().saturating_sub(1)) {
        if certificate["revocation"]["status"] != "good" {
            return Err(format!("not good: {certificate}"));
        }
    }
    if report["indication"] != "TOTAL_PASSED" {
        return Err(format!("indication {}", report["indication"]));
    }
    if got != entry.expected_user_constrained_policy_set {
        return Err(format!(
            "user-constrained policy set {got:?}, expected {:?}",
            entry.expected_user_constrained_policy_set
        ));
    }
    Ok(())
}

#[test]
fn verify_sig_chain_reproduces_pkits() {
    let (_, time) = pkits_manifest::load();
    pkits_manifest::run_all("pkits (verify-sig chain)", |entry| check(entry, &time));
}
