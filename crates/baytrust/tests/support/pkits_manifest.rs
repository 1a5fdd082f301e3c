//! Reading testdata/pkits/manifest.json (format in testdata/pkits/README.md): shared by
//! the library's `pkits` test and the CLI's, so both judge the same entries the same way.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

/// One PKITS run: its certificates and inputs, and what the manifest expects.
pub struct PkitsEntry {
    /// `4.8.1-subpart2`.
    pub id: String,
    /// `All Certificates Same Policy Test1`.
    pub name: String,
    /// The trust anchor's file.
    pub anchor: PathBuf,
    /// Every other certificate but the target, as available intermediates.
    pub intermediates: Vec<PathBuf>,
    /// The certificate to validate.
    pub target: PathBuf,
    /// Whether the path must validate.
    pub expect_valid: bool,
    /// user-initial-policy-set.
    pub initial_policy_set: Vec<String>,
    /// initial-explicit-policy.
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit.
    pub initial_any_policy_inhibit: bool,
    /// The user-constrained-policy-set expected of a valid path.
    pub expected_user_constrained_policy_set: BTreeSet<String>,
    /// The entry's CRL files (`crls`).
    pub crls: Vec<PathBuf>,
    /// Why the entry is not run, if it is not.
    pub skip_reason: Option<&'static str>,
}

/// The PKITS folder.
pub fn pkits_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pkits")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Entries needing what baytrust lacks are skipped: DSA (not supported), nothing else.
fn skip_reason(entry: &Value) -> Option<&'static str> {
    let tags = strings(&entry["requires"]);
    if tags.iter().any(|t| t.starts_with("dsa")) {
        return Some("DSA is not supported");
    }
    None
}

/// All entries and the manifest's validation time (RFC 3339).
pub fn load() -> (Vec<PkitsEntry>, String) {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(pkits_dir().join("manifest.json")).unwrap()).unwrap();
    let default_user_set =
        strings(&manifest["defaults"]["user_constrained_policy_set_when_omitted"]);
    let certs = pkits_dir().join("certs");
    let crls = pkits_dir().join("crls");
    let entries = manifest["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let chain: Vec<PathBuf> = strings(&entry["chain"])
                .iter()
                .map(|n| certs.join(n))
                .collect();
            let (anchor, rest) = chain.split_first().unwrap();
            let (target, intermediates) = rest.split_last().unwrap();
            PkitsEntry {
                id: entry["id"].as_str().unwrap().to_owned(),
                name: entry["name"].as_str().unwrap().to_owned(),
                anchor: anchor.clone(),
                intermediates: intermediates.to_vec(),
                target: target.clone(),
                expect_valid: entry["expect_valid"].as_bool().unwrap(),
                initial_policy_set: strings(&entry["initial_policy_set"]),
                initial_explicit_policy: entry["initial_explicit_policy"].as_bool().unwrap(),
                initial_policy_mapping_inhibit: entry["initial_policy_mapping_inhibit"]
                    .as_bool()
                    .unwrap(),
                initial_any_policy_inhibit: entry["initial_inhibit_any_policy"].as_bool().unwrap(),
                expected_user_constrained_policy_set: match entry.get("user_constrained_policy_set")
                {
                    Some(set) => strings(set).into_iter().collect(),
                    None => default_user_set.iter().cloned().collect(),
                },
                crls: strings(&entry["crls"])
                    .iter()
                    .map(|n| crls.join(n))
                    .collect(),
                skip_reason: skip_reason(entry),
            }
        })
        .collect();
    (
        entries,
        manifest["validation_time"].as_str().unwrap().to_owned(),
    )
}

/// Runs `check` on every entry that is not skipped, prints each failure and the line
/// `<label>: N passed, M failed, K skipped`, and fails the test on any failure or when
/// fewer than 170 entries ran.
pub fn run_all(label: &str, check: impl Fn(&PkitsEntry) -> Result<(), String>) {
    let (entries, _) = load();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for entry in &entries {
        if let Some(reason) = entry.skip_reason {
            skipped += 1;
            if std::env::var_os("PKITS_VERBOSE").is_some() {
                println!("skip {} {}: {reason}", entry.id, entry.name);
            }
            continue;
        }
        match check(entry) {
            Ok(()) => passed += 1,
            Err(why) => {
                failed += 1;
                println!("FAIL {} {}: {why}", entry.id, entry.name);
            }
        }
    }
    println!("{label}: {passed} passed, {failed} failed, {skipped} skipped");
    assert_eq!(
        failed, 0,
        "{label}: {failed} entries disagree with the manifest"
    );
    assert!(passed >= 170, "{label}: only {passed} entries ran");
}
