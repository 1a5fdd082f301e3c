//! NIST PKITS CRLs through the revocation core: every CRL file parses (or is refused
//! with the exact error), and for every revocation-tagged entry the status of each
//! certificate of the path, looked up in the entry's CRLs with hard-fail semantics
//! (every status must be Good), reproduces the manifest's expectation, except where the
//! outcome needs the path validator (listed, with the reason).

use std::collections::BTreeMap;
use std::path::PathBuf;

use baytrust::cert::Certificate;
use baytrust::revocation::{Crl, RevocationIssuer, RevocationSources, StatusQuery};
use baytrust::{Error, Time};

fn pkits() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pkits")
}

#[test]
fn every_pkits_crl_parses_or_is_refused_for_its_rule() {
    let mut refused = BTreeMap::new();
    let mut parsed = 0;
    let mut names: Vec<PathBuf> = std::fs::read_dir(pkits().join("crls"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in &names {
        match Crl::from_der(std::fs::read(path).unwrap()) {
            Ok(_) => parsed += 1,
            Err(e) => {
                refused.insert(path.file_name().unwrap().to_str().unwrap().to_owned(), e);
            }
        }
    }
    assert_eq!(names.len(), 173);
    assert_eq!(parsed, 171);
    let expected: BTreeMap<String, Error> = [
        (
            "UnknownCRLEntryExtensionCACRL.crl".to_owned(),
            Error::CrlEntryUnknownCriticalExtension {
                serial: "01".into(),
                oid: "2.16.840.1.101.2.1.12.2".into(),
            },
        ),
        (
            "UnknownCRLExtensionCACRL.crl".to_owned(),
            Error::CrlUnknownCriticalExtension {
                oid: "2.16.840.1.101.2.1.12.2".into(),
            },
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(refused, expected);
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Hard-fail: the outcome of one entry, `Ok` when every certificate's status is Good.
fn revocation_outcome(entry: &serde_json::Value, time: Time) -> Result<(), String> {
    let dir = pkits();
    let read = |name: &String| std::fs::read(dir.join("certs").join(name)).unwrap();
    let path_names = if entry["path"].is_array() {
        strings(&entry["path"])
    } else {
        strings(&entry["chain"])
    };
    let path_der: Vec<Vec<u8>> = path_names.iter().map(read).collect();
    let helper_der: Vec<Vec<u8>> = strings(&entry["helper_certs"]).iter().map(read).collect();
    let path: Vec<Certificate<'_>> = path_der
        .iter()
        .map(|d| Certificate::from_der(d).unwrap())
        .collect();
    let helpers: Vec<Certificate<'_>> = helper_der
        .iter()
        .map(|d| Certificate::from_der(d).unwrap())
        .collect();
    let mut sources = RevocationSources::new();
    for crl in strings(&entry["crls"]) {
        // A CRL refused at parse time is simply not there (hard fail follows).
        let _ = sources.add_crl(&std::fs::read(dir.join("crls").join(crl)).unwrap());
    }
    // The certificates to check: the path below the anchor, and each CRL signer (the
    // path validator validates the signers' paths; here their status is checked too).
    let mut checks: Vec<(&Certificate<'_>, &Certificate<'_>)> = Vec::new();
    for pair in path.windows(2) {
        checks.push((&pair[1], &pair[0]));
    }
    for helper in &helpers {
        let issuer = path
            .iter()
            .find(|c| {
                baytrust::cert::ComparableName::of(c.subject())
                    == baytrust::cert::ComparableName::of(helper.issuer())
                    && baytrust::algorithm::verify_signature(
                        c.spki(),
                        helper.signature_algorithm(),
                        helper.tbs_der(),
                        helper.signature_value(),
                        &Default::default(),
                    )
                    .is_ok()
            })
            .ok_or("no issuer for a CRL signer")?;
        checks.push((helper, issuer));
    }
    // CRL signers: the helpers, and every certificate of the (validated) path, so a
    // CRL signed by a same-name CA key of the path (4.5.x, self-issued) is found.
    let signers: Vec<Certificate<'_>> = helpers.iter().chain(&path).cloned().collect();
    for (certificate, issuer) in checks {
        let query = StatusQuery {
            certificate,
            issuer: RevocationIssuer::of_certificate(issuer),
            time,
            skew_seconds: 0,
            crl_signers: &signers,
            algorithm_policy: Default::default(),
        };
        match sources.status_with(&query) {
            Ok(baytrust::revocation::RevocationStatus::Good { .. }) => {}
            other => return Err(format!("{}: {other:?}", certificate.subject_text())),
        }
    }
    Ok(())
}

/// Entries whose expected failure is a path rule, not revocation: the path validator
/// refuses them.
const NEEDS_PATH_VALIDATION: &[&str] = &[
    // The end entity is issued by the CRL-signing certificate, which lacks keyCertSign.
    "4.5.8",
];

#[test]
fn pkits_revocation_entries_reproduce_their_expectations_with_hard_fail() {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pkits().join("manifest.json")).unwrap()).unwrap();
    let time = Time::parse_rfc3339(manifest["validation_time"].as_str().unwrap()).unwrap();
    let mut run = 0;
    let mut wrong = Vec::new();
    for entry in manifest["tests"].as_array().unwrap() {
        let tags = strings(&entry["requires"]);
        if !tags.iter().any(|t| t == "revocation") || tags.iter().any(|t| t.starts_with("dsa")) {
            continue;
        }
        run += 1;
        let outcome = revocation_outcome(entry, time);
        let expect_valid = entry["expect_valid"].as_bool().unwrap();
        if outcome.is_ok() != expect_valid
            && !NEEDS_PATH_VALIDATION.contains(&entry["id"].as_str().unwrap())
        {
            wrong.push(format!(
                "{} {}: {outcome:?}",
                entry["id"].as_str().unwrap(),
                entry["name"]
            ));
        }
    }
    println!("PKITS revocation core: {run} run, {} differ", wrong.len());
    for w in &wrong {
        println!("  {w}");
    }
    assert!(run > 70);
    assert_eq!(wrong, Vec::<String>::new());
}
