//! Path building and validation over the generated test PKI (testdata/pki): each edge
//! case fails with its exact error, valid chains of all three jurisdictions pass, the
//! cross-certificate is followed when the direct path fails, and hostile pools are
//! handled within the budget.

use std::collections::BTreeSet;

use baytrust::cert::{decode_certificates, Certificate, CertificateDer};
use baytrust::path::{verify_chain, Budget, ChainOptions, PolicyInputs, PolicySet, Purpose};
use baytrust::Jurisdiction;
use baytrust::TrustStore;
use baytrust::{Error, Time};

const MUTUAL_RECOGNITION_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";

fn pki(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/pki/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn ders(paths: &[&str]) -> Vec<CertificateDer> {
    paths
        .iter()
        .flat_map(|path| decode_certificates(&pki(path)).unwrap())
        .collect()
}

fn validation_time() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

/// The store of every jurisdiction's root: CN (RSA and SM2), HK, MO.
fn three_roots() -> TrustStore {
    TrustStore::builder()
        .anchors_from(Jurisdiction::Cn, &pki("cn/root-ca.pem"))
        .unwrap()
        .anchors_from(Jurisdiction::Cn, &pki("cn-sm2/root-ca.pem"))
        .unwrap()
        .anchors_from(Jurisdiction::Hk, &pki("hk/root-ca.pem"))
        .unwrap()
        .anchors_from(Jurisdiction::Mo, &pki("mo/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap()
}

/// Verifies `leaf` with the certificates of `pool` files as intermediates.
fn verify(
    store: &TrustStore,
    leaf: &str,
    pool: &[&str],
    options: &ChainOptions<'_>,
) -> Result<(Jurisdiction, usize, PolicySet), Error> {
    let leaf_der = ders(&[leaf]);
    let leaf = leaf_der[0].parse().unwrap();
    let pool_ders = ders(pool);
    let intermediates: Vec<Certificate<'_>> =
        pool_ders.iter().map(|d| d.parse().unwrap()).collect();
    verify_chain(store, &leaf, &intermediates, options).map(|chain| {
        (
            chain.anchor_jurisdiction(),
            chain.certificates.len(),
            chain.user_constrained_policy_set,
        )
    })
}

fn mr_policy_set() -> PolicySet {
    PolicySet::Policies(BTreeSet::from([MUTUAL_RECOGNITION_POLICY.to_owned()]))
}

#[test]
fn organisation_chains_of_all_three_jurisdictions_validate() {
    let store = three_roots();
    let options = ChainOptions::new(validation_time());
    for (leaf, issuing, jurisdiction) in [
        (
            "cn/org-shenzhen-bay-supply.pem",
            "cn/issuing-ca.pem",
            Jurisdiction::Cn,
        ),
        (
            "cn/org-guangzhou-trading.pem",
            "cn/issuing-ca.pem",
            Jurisdiction::Cn,
        ),
        (
            "cn/org-retired-ca.pem",
            "cn/retired-issuing-ca.pem",
            Jurisdiction::Cn,
        ),
        (
            "cn-sm2/org-qianhai-tech.pem",
            "cn-sm2/issuing-ca.pem",
            Jurisdiction::Cn,
        ),
        (
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            Jurisdiction::Hk,
        ),
        (
            "hk/org-kowloon-electronics.pem",
            "hk/issuing-ca.pem",
            Jurisdiction::Hk,
        ),
        (
            "hk/org-overseas-branch.pem",
            "hk/issuing-ca.pem",
            Jurisdiction::Hk,
        ),
        (
            "mo/org-cotai-trading.pem",
            "mo/issuing-ca.pem",
            Jurisdiction::Mo,
        ),
        (
            "mo/org-taipa-foods.pem",
            "mo/issuing-ca.pem",
            Jurisdiction::Mo,
        ),
    ] {
        assert_eq!(
            verify(&store, leaf, &[issuing], &options),
            Ok((jurisdiction, 2, mr_policy_set())),
            "{leaf}"
        );
    }
}

#[test]
fn explicit_mutual_recognition_policy_is_satisfied_by_organisation_certificates() {
    let mut options = ChainOptions::new(validation_time());
    options.policy = PolicyInputs {
        user_initial_policy_set: vec![MUTUAL_RECOGNITION_POLICY.into()],
        initial_explicit_policy: true,
        ..PolicyInputs::default()
    };
    assert_eq!(
        verify(
            &three_roots(),
            "hk/org-harbour-logistics.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Ok((Jurisdiction::Hk, 2, mr_policy_set()))
    );
}

#[test]
fn wrong_policy_fails_only_when_the_policy_is_required() {
    let store = three_roots();
    let mut options = ChainOptions::new(validation_time());
    assert_eq!(
        verify(
            &store,
            "edge/wrong-policy.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Ok((
            Jurisdiction::Hk,
            2,
            PolicySet::Policies(BTreeSet::from(["1.3.6.1.4.1.55555.1.1".to_owned()]))
        ))
    );
    options.policy = PolicyInputs {
        user_initial_policy_set: vec![MUTUAL_RECOGNITION_POLICY.into()],
        initial_explicit_policy: true,
        ..PolicyInputs::default()
    };
    assert_eq!(
        verify(
            &store,
            "edge/wrong-policy.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Err(Error::NoValidPolicy { depth: 0 })
    );
}

#[test]
fn expired_leaf_is_refused_with_its_dates() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/expired.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::CertificateExpired {
            depth: 0,
            time: validation_time(),
            not_after: Time::parse_rfc3339("2022-01-01T00:00:00Z").unwrap(),
        })
    );
}

#[test]
fn not_yet_valid_leaf_is_refused_with_its_dates() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/not-yet-valid.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::CertificateNotYetValid {
            depth: 0,
            time: validation_time(),
            not_before: Time::parse_rfc3339("2030-01-01T00:00:00Z").unwrap(),
        })
    );
}

#[test]
fn ca_false_intermediate_cannot_issue() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/leaf-under-ca-false.pem",
            &["edge/ca-false-intermediate.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::NotACa { depth: 1 })
    );
}

#[test]
fn path_length_constraint_is_enforced() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/leaf-pathlen-exceeded.pem",
            &["edge/pathlen-sub-ca.pem", "edge/pathlen0-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::PathLenExceeded { depth: 1 })
    );
}

#[test]
fn signing_needs_digital_signature_or_non_repudiation() {
    let store = three_roots();
    let mut options = ChainOptions::new(validation_time());
    assert_eq!(
        verify(
            &store,
            "edge/no-signing-key-usage.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Err(Error::LeafKeyUsageMissing { purpose: "sign" })
    );
    options.purpose = Purpose::Any;
    assert!(verify(
        &store,
        "edge/no-signing-key-usage.pem",
        &["hk/issuing-ca.pem"],
        &options
    )
    .is_ok());
}

#[test]
fn tls_purposes_are_refused_for_a_signing_only_key_usage() {
    let mut options = ChainOptions::new(validation_time());
    options.purpose = Purpose::Client;
    assert_eq!(
        verify(
            &three_roots(),
            "edge/no-signing-key-usage.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Err(Error::LeafKeyUsageMissing { purpose: "client" })
    );
}

#[test]
fn unknown_critical_extension_is_refused() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/unknown-critical-extension.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::UnrecognisedCriticalExtension {
            depth: 0,
            oid: "1.3.6.1.4.1.55555.99".into()
        })
    );
}

#[test]
fn sha1_signature_is_refused() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/sha1-signed.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::Sha1Refused {
                oid: "1.2.840.113549.1.1.5".into()
            })
        })
    );
}

#[test]
fn rsa_1024_end_entity_key_is_refused() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/rsa-1024.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::PublicKeyRefused {
            depth: 0,
            cause: Box::new(Error::RsaKeyTooSmall {
                bits: 1024,
                minimum: 2048
            })
        })
    );
}

#[test]
fn corrupted_signature_is_refused() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/corrupted-signature.pem",
            &["hk/issuing-ca.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::SignatureInvalid)
        })
    );
}

#[test]
fn name_constraints_permit_only_the_named_organisation() {
    let store = three_roots();
    let options = ChainOptions::new(validation_time());
    assert!(verify(
        &store,
        "edge/leaf-name-constraint-ok.pem",
        &["edge/name-constrained-ca.pem"],
        &options
    )
    .is_ok());
    match verify(
        &store,
        "edge/leaf-name-constraint-violation.pem",
        &["edge/name-constrained-ca.pem"],
        &options,
    ) {
        Err(Error::NameConstraintViolation { depth: 0, name }) => {
            assert!(name.contains("O=Other Company Limited"), "{name}")
        }
        other => panic!("expected a name-constraint violation, got {other:?}"),
    }
}

#[test]
fn missing_intermediate_is_an_unknown_issuer() {
    assert_eq!(
        verify(
            &three_roots(),
            "hk/org-harbour-logistics.pem",
            &[],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::UnknownIssuer { depth: 0 })
    );
}

#[test]
fn cross_certificate_reaches_the_other_jurisdictions_root() {
    let cn_only = TrustStore::builder()
        .anchors_from(Jurisdiction::Cn, &pki("cn/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    let pool = ["edge/cross-hk-root-by-cn-root.pem", "hk/issuing-ca.pem"];
    // The cross-certificate asserts no certificatePolicies, so no policy survives it
    // (RFC 5280 §6.1.3 (e)): the path is valid, with an empty policy set...
    assert_eq!(
        verify(
            &cn_only,
            "hk/org-harbour-logistics.pem",
            &pool,
            &ChainOptions::new(validation_time())
        ),
        Ok((Jurisdiction::Cn, 3, PolicySet::Policies(BTreeSet::new())))
    );
    // ...and a relying party that requires the mutual-recognition policy refuses it at
    // the cross-certificate (depth 2).
    let mut options = ChainOptions::new(validation_time());
    options.policy = PolicyInputs {
        user_initial_policy_set: vec![MUTUAL_RECOGNITION_POLICY.into()],
        initial_explicit_policy: true,
        ..PolicyInputs::default()
    };
    assert_eq!(
        verify(&cn_only, "hk/org-harbour-logistics.pem", &pool, &options),
        Err(Error::NoValidPolicy { depth: 2 })
    );
}

#[test]
fn when_the_direct_path_fails_the_cross_certified_path_is_found() {
    // The "HK root" trusted here is an impostor with the HK root's name and another key:
    // the direct path fails its signature check and the search goes on through the
    // cross-certificate to the CN root.
    let store = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &pki("edge/impostor-hk-root.pem"))
        .unwrap()
        .anchors_from(Jurisdiction::Cn, &pki("cn/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    let pool = ["hk/issuing-ca.pem", "edge/cross-hk-root-by-cn-root.pem"];
    let options = ChainOptions::new(validation_time());
    assert_eq!(
        verify(&store, "hk/org-harbour-logistics.pem", &pool, &options),
        Ok((Jurisdiction::Cn, 3, PolicySet::Policies(BTreeSet::new())))
    );
    let impostor_only = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &pki("edge/impostor-hk-root.pem"))
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        verify(
            &impostor_only,
            "hk/org-harbour-logistics.pem",
            &pool,
            &options
        ),
        Err(Error::ChainSignature {
            depth: 1,
            cause: Box::new(Error::SignatureInvalid)
        })
    );
}

#[test]
fn fifty_same_named_decoy_issuers_do_not_hide_the_real_one() {
    let store = three_roots();
    let options = ChainOptions::new(validation_time());
    // Decoys first, real issuer last: every decoy must be ruled out by its signature.
    assert_eq!(
        verify(
            &store,
            "hk/org-harbour-logistics.pem",
            &["edge/decoy-issuers-50.pem", "hk/issuing-ca.pem"],
            &options
        ),
        Ok((Jurisdiction::Hk, 2, mr_policy_set()))
    );
    assert_eq!(
        verify(
            &store,
            "hk/org-harbour-logistics.pem",
            &["edge/decoy-issuers-50.pem"],
            &options
        ),
        Err(Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::SignatureInvalid)
        })
    );
}

#[test]
fn path_explosion_exhausts_the_signature_budget() {
    assert_eq!(
        verify(
            &three_roots(),
            "edge/path-explosion-leaf.pem",
            &["edge/path-explosion-pool.pem"],
            &ChainOptions::new(validation_time())
        ),
        Err(Error::BudgetExceeded {
            what: "signature checks",
            limit: 100
        })
    );
}

#[test]
fn path_explosion_exhausts_the_build_step_budget_when_signatures_are_plentiful() {
    let mut options = ChainOptions::new(validation_time());
    options.budget = Budget {
        signature_checks: usize::MAX,
        build_steps: 500,
        ..Budget::default()
    };
    assert_eq!(
        verify(
            &three_roots(),
            "edge/path-explosion-leaf.pem",
            &["edge/path-explosion-pool.pem"],
            &options
        ),
        Err(Error::BudgetExceeded {
            what: "build steps",
            limit: 500
        })
    );
}

#[test]
fn maximum_path_length_is_a_relying_party_limit() {
    let mut options = ChainOptions::new(validation_time());
    options.max_path_len = 1;
    assert_eq!(
        verify(
            &three_roots(),
            "hk/org-harbour-logistics.pem",
            &["hk/issuing-ca.pem"],
            &options
        ),
        Err(Error::PathTooLong { len: 2, max: 1 })
    );
}
