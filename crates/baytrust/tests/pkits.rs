//! NIST PKITS 1.0.1 (testdata/pkits, see its README and SOURCE): every manifest entry
//! runs through the public `Verifier::verify_chain_rfc5280` with its initial policy inputs at the manifest's
//! validation time; `expect_valid` and, for valid paths, the user-constrained policy set
//! must match. Every entry runs with hard-fail CRL checking as PKITS specifies
//! (`RevocationMode::Require`, the entry's CRLs as the only revocation source); DSA
//! entries are skipped because baytrust does not support DSA.
//!
//! Prints `pkits: N passed, M failed, K skipped` and fails on any failure.

#[path = "support/pkits_manifest.rs"]
mod pkits_manifest;

use std::collections::BTreeSet;

use baytrust::{
    CertificateDer, ChainOptions, Error, Jurisdiction, PolicyInputs, PolicySet, Purpose,
    RelyingPartyPolicy, RevocationMode, RevocationSources, Time, TrustAnchor, TrustStore, Verifier,
};
use pkits_manifest::PkitsEntry;

fn read(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs one entry through the public plain RFC 5280 call
/// (`Verifier::verify_chain_rfc5280`); `Err` describes a disagreement with the manifest.
fn check(entry: &PkitsEntry, time: Time) -> Result<(), String> {
    let anchor = CertificateDer::from_vec(read(&entry.anchor)?);
    let store = TrustStore::builder()
        .anchor(
            TrustAnchor::from_der(Jurisdiction::Hk, &anchor).map_err(|e| format!("anchor: {e}"))?,
        )
        .build()
        .unwrap();
    let verifier = Verifier::new(store, RelyingPartyPolicy::default());
    let target = CertificateDer::from_vec(read(&entry.target)?);
    let intermediates: Vec<CertificateDer> = entry
        .intermediates
        .iter()
        .map(|p| read(p).map(CertificateDer::from_vec))
        .collect::<Result<_, _>>()?;
    let mut sources = RevocationSources::new();
    for crl in &entry.crls {
        // A CRL refused at parse time is not there: hard fail follows for what it
        // would have covered.
        let _ = sources.add_crl(&read(crl)?);
    }
    let mut options = ChainOptions::new(time);
    options.revocation.mode = Some(RevocationMode::Require);
    options.revocation.sources = vec![&sources];
    options.purpose = Purpose::Any;
    options.policy = PolicyInputs {
        user_initial_policy_set: entry.initial_policy_set.clone(),
        initial_explicit_policy: entry.initial_explicit_policy,
        initial_policy_mapping_inhibit: entry.initial_policy_mapping_inhibit,
        initial_any_policy_inhibit: entry.initial_any_policy_inhibit,
    };
    match (
        verifier.verify_chain_rfc5280(&target, &intermediates, &options),
        entry.expect_valid,
    ) {
        (Ok(path), true) => {
            let got: BTreeSet<String> = match &path.user_constrained_policy_set {
                PolicySet::Any => BTreeSet::from(["2.5.29.32.0".to_owned()]),
                PolicySet::Policies(policies) => policies.clone(),
            };
            if got == entry.expected_user_constrained_policy_set {
                Ok(())
            } else {
                Err(format!(
                    "user-constrained policy set {got:?}, expected {:?}",
                    entry.expected_user_constrained_policy_set
                ))
            }
        }
        (Err(_), false) => Ok(()),
        (Ok(_), false) => Err("expected invalid, but the path validated".into()),
        (Err(e @ Error::CertificateMalformed { .. }), true) => Err(format!(
            "expected valid, but the certificate does not parse: {e}"
        )),
        (Err(e), true) => Err(format!("expected valid, got error: {e}")),
    }
}

#[test]
fn pkits() {
    let (_, time) = pkits_manifest::load();
    let time = Time::parse_rfc3339(&time).unwrap();
    pkits_manifest::run_all("pkits", |entry| check(entry, time));
}
