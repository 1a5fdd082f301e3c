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
    // The path below the anchor, end entity first, through the hook the path
    // validator calls; then each CRL signer (whose path the validator validates too).
    let below_anchor: Vec<Certificate<'_>> = path.iter().skip(1).rev().cloned().collect();
    let anchor = RevocationIssuer::of_certificate(&path[0]);
    let statuses = sources.status_of_path(
        &below_anchor,
        &anchor,
        time,
        0,
        &helpers,
        &Default::default(),
    );
    for (certificate, status) in below_anchor.iter().zip(statuses) {
        if !matches!(
            status,
            Ok(baytrust::revocation::RevocationStatus::Good { .. })
        ) {
            return Err(format!("{}: {status:?}", certificate.subject_text()));
        }
    }
    let signers: Vec<Certificate<'_>> = helpers.iter().chain(&path).cloned().collect();
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
        let query = StatusQuery {
            certificate: helper,
            issuer: RevocationIssuer::of_certificate(issuer),
            time,
            skew_seconds: 0,
            crl_signers: &signers,
            algorithm_policy: Default::default(),
        };
        match sources.status_with(&query) {
            Ok(baytrust::revocation::RevocationStatus::Good { .. }) => {}
            other => return Err(format!("{}: {other:?}", helper.subject_text())),
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

/// The end entity's status (depth 0) and its issuer's (depth 1) for PKITS entry `id`.
fn statuses(id: &str) -> Vec<Result<baytrust::revocation::RevocationStatus, Error>> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pkits().join("manifest.json")).unwrap()).unwrap();
    let time = Time::parse_rfc3339(manifest["validation_time"].as_str().unwrap()).unwrap();
    let entry = manifest["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap();
    let dir = pkits();
    let ders: Vec<Vec<u8>> = strings(&entry["chain"])
        .iter()
        .map(|n| std::fs::read(dir.join("certs").join(n)).unwrap())
        .collect();
    let chain: Vec<Certificate<'_>> = ders
        .iter()
        .map(|d| Certificate::from_der(d).unwrap())
        .collect();
    let mut sources = RevocationSources::new();
    for crl in strings(&entry["crls"]) {
        let _ = sources.add_crl(&std::fs::read(dir.join("crls").join(crl)).unwrap());
    }
    let below: Vec<Certificate<'_>> = chain.iter().skip(1).rev().cloned().collect();
    sources.status_of_path(
        &below,
        &RevocationIssuer::of_certificate(&chain[0]),
        time,
        0,
        &[],
        &Default::default(),
    )
}

#[test]
fn pkits_revocation_failures_name_their_rule() {
    use baytrust::revocation::{ReasonCode, RevocationStatus};
    // 4.4.1: no CRL of the end entity's CA is at hand.
    assert_eq!(statuses("4.4.1")[0], Ok(RevocationStatus::NotChecked));
    // 4.4.2: the intermediate CA is revoked.
    assert!(matches!(
        statuses("4.4.2")[1],
        Ok(RevocationStatus::Revoked {
            reason: Some(ReasonCode::KeyCompromise),
            ..
        })
    ));
    // 4.4.3: the end entity is revoked.
    assert!(matches!(
        statuses("4.4.3")[0],
        Ok(RevocationStatus::Revoked {
            reason: Some(ReasonCode::KeyCompromise),
            ..
        })
    ));
    // 4.4.4: the CRL's signature is bad.
    assert!(matches!(
        &statuses("4.4.4")[0],
        Err(Error::CrlSignatureInvalid { cause, .. })
            if matches!(**cause, Error::SignatureMalformed { .. })
    ));
    // 4.4.5: the CRL's issuer name is not the CA's: it is not this CA's CRL.
    assert_eq!(statuses("4.4.5")[0], Ok(RevocationStatus::NotChecked));
    // 4.4.11: the CRL's nextUpdate has passed.
    assert!(matches!(statuses("4.4.11")[0], Err(Error::CrlStale { .. })));
    // 4.7.4: the CA's keyUsage lacks cRLSign.
    assert!(matches!(
        statuses("4.7.4")[0],
        Err(Error::CrlSignerLacksCrlSign { .. })
    ));
    // 4.15.1: a delta CRL without its complete CRL gives no status.
    assert_eq!(statuses("4.15.1")[0], Ok(RevocationStatus::NotChecked));
    // 4.14.17: two CRLs, each with onlySomeReasons, leave reasons uncovered.
    assert!(matches!(
        statuses("4.14.17")[0],
        Err(Error::CrlReasonsNotCovered { .. })
    ));
}
