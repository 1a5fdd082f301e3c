//! Mutual-recognition scenarios: relying parties of each jurisdiction verify contracts
//! signed in the others against the three bundled signed trust lists
//! (testdata/trust-lists), and every recognition rule fails with the rule named.

use std::collections::BTreeSet;
use std::io::Cursor;

use baytrust::decode_certificates;
use baytrust::Jurisdiction;
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};
use baytrust::{StaleListPolicy, TrustList, TrustListDocument, TrustStore};

const MR_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";

fn testdata(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn time(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

const AT: &str = "2026-06-01T00:00:00Z";

/// The operator CA pinned for `jurisdiction` (`cn`, `hk`, `mo`).
fn operators(jurisdiction: &str) -> Vec<baytrust::CertificateDer> {
    decode_certificates(&testdata(&format!(
        "pki/{jurisdiction}/trust-list-operator-ca.pem"
    )))
    .unwrap()
}

fn jurisdiction_of(code: &str) -> Jurisdiction {
    code.to_uppercase().parse().unwrap()
}

fn signed_list(jurisdiction: &str, at: &str) -> TrustList {
    TrustList::load_signed(
        &testdata(&format!("trust-lists/{jurisdiction}.p7s")),
        jurisdiction_of(jurisdiction),
        &operators(jurisdiction),
        time(at),
        StaleListPolicy::Refuse,
    )
    .unwrap()
}

/// A relying party of `home` that accepts the lists of `accepted` (all three lists
/// are loaded: the scheme is directional, so loading is not accepting).
fn relying_party(home: Jurisdiction, accepted: &[Jurisdiction], at: &str) -> Verifier {
    let mut builder = TrustStore::builder();
    for j in ["cn", "hk", "mo"] {
        builder = builder.trust_list(signed_list(j, at)).unwrap();
    }
    Verifier::new(
        builder.build().unwrap(),
        RelyingPartyPolicy {
            home: Some(home),
            accepted_lists: Some(accepted.iter().copied().collect::<BTreeSet<_>>()),
            ..RelyingPartyPolicy::default()
        },
    )
}

fn verify(verifier: &Verifier, signature: &str, at: &str) -> Report {
    verify_with(verifier, signature, &SignatureOptions::new(time(at)))
}

fn verify_with(verifier: &Verifier, signature: &str, options: &SignatureOptions) -> Report {
    verifier
        .verify_cms(
            &testdata(signature),
            Content::Detached(&mut Cursor::new(testdata("samples/supply-contract.txt"))),
            options,
        )
        .unwrap()
}

/// Validation at `at` with a signature proven to exist at `proven`.
fn verify_proven(verifier: &Verifier, signature: &str, at: &str, proven: &str) -> Report {
    let mut options = SignatureOptions::new(time(at));
    options.proven_signing_time = Some(time(proven));
    verify_with(verifier, signature, &options)
}

fn assert_no_poe(report: &Report, rule_fragment: &str) {
    assert_eq!(report.indication, Indication::Indeterminate, "{report:#?}");
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::NotRecognisedNoPoe)
    );
    let reason = &report.signers[0].reason;
    assert!(
        reason.contains(rule_fragment) && reason.contains("no proof of existence"),
        "reason {reason:?} lacks {rule_fragment:?}"
    );
    assert_eq!(report.signers[0].recognition, None);
}

/// A signer that did not pass names no validated entity, only what it claims.
fn assert_claimed_only(report: &Report, organisation: &str) {
    let signer = &report.signers[0];
    assert_eq!(signer.entity, None);
    assert!(!signer.entity_validated);
    assert_eq!(
        signer
            .claimed_entity
            .as_ref()
            .map(|e| e.organisation.as_str()),
        Some(organisation)
    );
}

fn assert_recognised(report: &Report, jurisdiction: Jurisdiction, service: &str) {
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    let signer = &report.signers[0];
    let recognition = signer.recognition.as_ref().expect("recognition");
    assert_eq!(recognition.jurisdiction, jurisdiction);
    assert_eq!(recognition.service, service);
    assert_eq!(recognition.policy, MR_POLICY);
    assert_eq!(signer.entity.as_ref().unwrap().jurisdiction, jurisdiction);
    assert!(signer.entity_validated);
    assert_eq!(signer.claimed_entity, None);
}

fn assert_not_recognised(report: &Report, rule_fragment: &str) {
    assert_eq!(report.indication, Indication::TotalFailed, "{report:#?}");
    assert_eq!(report.sub_indication, Some(SubIndication::NotRecognised));
    let reason = &report.signers[0].reason;
    assert!(
        reason.contains(rule_fragment),
        "reason {reason:?} lacks {rule_fragment:?}"
    );
    assert_eq!(report.signers[0].recognition, None);
}

#[test]
fn hong_kong_relying_party_recognises_a_mainland_sm2_contract() {
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Cn], AT);
    let report = verify(&hk, "recognition/cn-sm2-qianhai.p7s", AT);
    assert_recognised(
        &report,
        Jurisdiction::Cn,
        "CN Test Organisational Certificates (SM2)",
    );
    let entity = report.signers[0].entity.as_ref().unwrap();
    assert_eq!(entity.org_id.canonical(), "NTRCN-91110000600037341L");
    assert_eq!(entity.organisation, "前海科技有限公司");
    assert_eq!(
        report.signers[0]
            .recognition
            .as_ref()
            .unwrap()
            .trust_list_sequence,
        signed_list("cn", AT).sequence
    );
}

#[test]
fn mainland_relying_party_recognises_a_hong_kong_contract() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    let report = verify(&cn, "recognition/hk-harbour.p7s", AT);
    assert_recognised(&report, Jurisdiction::Hk, "HK Test e-Cert (Organisational)");
    assert_eq!(
        report.signers[0]
            .entity
            .as_ref()
            .unwrap()
            .org_id
            .canonical(),
        "NTRHK-12345678"
    );
}

#[test]
fn macao_relying_party_recognises_both_and_the_co_signed_contract() {
    let mo = relying_party(Jurisdiction::Mo, &[Jurisdiction::Cn, Jurisdiction::Hk], AT);
    assert_recognised(
        &verify(&mo, "recognition/cn-rsa-shenzhen.p7s", AT),
        Jurisdiction::Cn,
        "CN Test Organisational Certificates (RSA)",
    );
    assert_recognised(
        &verify(&mo, "recognition/hk-harbour.p7s", AT),
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational)",
    );
    let co_signed = verify(&mo, "samples/supply-contract.txt.p7s", AT);
    assert_eq!(co_signed.indication, Indication::TotalPassed);
    let mut by: Vec<Jurisdiction> = co_signed
        .signers
        .iter()
        .map(|s| s.recognition.as_ref().unwrap().jurisdiction)
        .collect();
    by.sort();
    assert_eq!(by, [Jurisdiction::Cn, Jurisdiction::Hk]);
}

#[test]
fn relying_party_not_accepting_macao_does_not_recognise_a_macao_signer() {
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Cn], AT);
    assert_not_recognised(
        &verify(&hk, "recognition/mo-taipa.p7s", AT),
        "does not accept the MO trust list",
    );
    // The home list is always accepted, and a Macao relying party accepts its own.
    let mo = relying_party(Jurisdiction::Mo, &[], AT);
    assert_recognised(
        &verify(&mo, "recognition/mo-taipa.p7s", AT),
        Jurisdiction::Mo,
        "MO Test Qualified Organisational Certificates",
    );
}

#[test]
fn acceptance_is_directional() {
    // HK accepts CN, but this CN relying party accepts nobody's list: HK is not recognised.
    let cn_alone = relying_party(Jurisdiction::Cn, &[], AT);
    assert_not_recognised(
        &verify(&cn_alone, "recognition/hk-harbour.p7s", AT),
        "does not accept the HK trust list",
    );
}

#[test]
fn wrong_policy_is_not_recognised() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    assert_not_recognised(
        &verify(&cn, "recognition/hk-wrong-policy.p7s", AT),
        "no listed policy",
    );
}

#[test]
fn unlisted_issuing_ca_under_a_listed_root_is_not_recognised() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    assert_not_recognised(
        &verify(&cn, "recognition/hk-unlisted-issuing-ca.p7s", AT),
        "is not listed",
    );
}

#[test]
fn entity_with_an_invalid_uscc_is_not_recognised() {
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Cn], AT);
    assert_not_recognised(
        &verify(&hk, "recognition/cn-bad-uscc.p7s", AT),
        "fails its check",
    );
}

#[test]
fn retired_issuing_ca_is_recognised_until_its_withdrawal_and_then_needs_proof_of_existence() {
    let before = "2026-02-01T00:00:00Z";
    let cn_before = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], before);
    assert_recognised(
        &verify(&cn_before, "recognition/hk-retired-ca.p7s", before),
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational) 2018 series",
    );
    // Withdrawn since 2026-03-01 but recognised during the certificate's life: without
    // a proven signing time, no one can say the signature predates the withdrawal.
    let cn_after = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    let report = verify(&cn_after, "recognition/hk-retired-ca.p7s", AT);
    assert_no_poe(&report, "was withdrawn at 2026-06-01T00:00:00Z");
    assert_claimed_only(&report, "Victoria Harbour Shipping Limited");
}

#[test]
fn suspended_service_needs_proof_of_existence_during_its_suspension() {
    let during = "2026-07-15T00:00:00Z";
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Mo], during);
    assert_no_poe(
        &verify(&hk, "recognition/mo-taipa.p7s", during),
        "was suspended at 2026-07-15T00:00:00Z",
    );
    let after = "2026-08-15T00:00:00Z";
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Mo], after);
    assert_recognised(
        &verify(&hk, "recognition/mo-taipa.p7s", after),
        Jurisdiction::Mo,
        "MO Test Qualified Organisational Certificates",
    );
}

#[test]
fn missing_certificate_type_text_is_not_recognised() {
    // The HK list as published, but its current service now demands a type text the
    // certificates do not carry (loaded through the insecure unsigned path, as a test).
    let json = testdata("trust-lists/hk.json");
    let mut document: TrustListDocument = serde_json::from_slice(&json).unwrap();
    for service in &mut document.services {
        service.certificate_type = Some(baytrust::CertificateTypeDocument {
            attribute: "subject:2.5.4.11".into(),
            value: "Organisational e-Cert".into(),
        });
    }
    let list =
        TrustList::from_json_unsigned_insecure(&serde_json::to_vec(&document).unwrap()).unwrap();
    let verifier = Verifier::new(
        TrustStore::builder()
            .trust_list(list)
            .unwrap()
            .build()
            .unwrap(),
        RelyingPartyPolicy::default(),
    );
    assert_not_recognised(
        &verify(&verifier, "recognition/hk-harbour.p7s", AT),
        "certificate type \"Organisational e-Cert\" not found at subject:2.5.4.11",
    );
}

#[test]
fn stale_list_is_refused_or_reported_indeterminate() {
    let late = "2027-02-01T00:00:00Z";
    let refused = TrustList::load_signed(
        &testdata("trust-lists/hk.p7s"),
        Jurisdiction::Hk,
        &operators("hk"),
        time(late),
        StaleListPolicy::Refuse,
    );
    assert!(
        matches!(refused, Err(Error::TrustListStale { .. })),
        "{refused:?}"
    );
    let accepted = TrustList::load_signed(
        &testdata("trust-lists/hk.p7s"),
        Jurisdiction::Hk,
        &operators("hk"),
        time(late),
        StaleListPolicy::AcceptAsIndeterminate,
    )
    .unwrap();
    let verifier = Verifier::new(
        TrustStore::builder()
            .trust_list(accepted)
            .unwrap()
            .build()
            .unwrap(),
        RelyingPartyPolicy::default(),
    );
    let report = verify(&verifier, "recognition/hk-harbour.p7s", late);
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(report.sub_indication, Some(SubIndication::TryLater));
}

#[test]
fn older_edition_cannot_replace_a_newer_one() {
    let hk = signed_list("hk", AT);
    let mut older_document: TrustListDocument =
        serde_json::from_slice(&testdata("trust-lists/hk.json")).unwrap();
    older_document.sequence = hk.sequence - 1;
    let older = TrustList::from_document(&older_document).unwrap();
    let result = TrustStore::builder()
        .trust_list(hk.clone())
        .unwrap()
        .trust_list(older);
    assert_eq!(
        result.err(),
        Some(Error::TrustListSequenceRegressed {
            jurisdiction: "HK".into(),
            loaded: hk.sequence,
            offered: hk.sequence - 1
        })
    );
}

// ---- two times: lists at "now", signatures at the validation time (issue 8 §6) ----------

/// A later "now" than any validation time below: today's lists judge old signatures.
const NOW: &str = "2026-12-15T00:00:00Z";

#[test]
fn lists_loaded_now_validate_a_signature_at_an_earlier_validation_time() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], NOW);
    assert_recognised(
        &verify(&cn, "recognition/hk-harbour.p7s", AT),
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational)",
    );
    let report = verify(&cn, "recognition/hk-retired-ca.p7s", "2026-02-01T00:00:00Z");
    assert_recognised(
        &report,
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational) 2018 series",
    );
    assert_eq!(
        report.signers[0].recognition.as_ref().unwrap().status_time,
        time("2026-02-01T00:00:00Z")
    );
}

#[test]
fn validation_time_after_the_lists_next_update_is_try_later() {
    // Lists fresh now (2026-12-15, next update 2027-01-01), the signature asked about at
    // a later time: the edition does not know the service's status then. Before this
    // rule, TOTAL_PASSED (found by the attack catalogue, docs/conformance.md).
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], NOW);
    let report = verify(&cn, "recognition/hk-harbour.p7s", "2027-06-01T00:00:00Z");
    assert_eq!(report.indication, Indication::Indeterminate, "{report:#?}");
    assert_eq!(report.sub_indication, Some(SubIndication::TryLater));
    assert!(
        report.signers[0].reason.contains(
            "the status at 2027-06-01T00:00:00Z is after the list's next update \
             2027-01-01T00:00:00Z"
        ),
        "{}",
        report.signers[0].reason
    );
    assert!(report.signers[0].entity.is_none());
    // Up to the next update itself the edition speaks.
    assert_recognised(
        &verify(&cn, "recognition/hk-harbour.p7s", "2027-01-01T00:00:00Z"),
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational)",
    );
}

#[test]
fn withdrawn_service_recognised_at_a_proven_signing_time_passes() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], NOW);
    let report = verify_proven(
        &cn,
        "recognition/hk-retired-ca.p7s",
        NOW,
        "2026-02-01T00:00:00Z",
    );
    assert_recognised(
        &report,
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational) 2018 series",
    );
    assert_eq!(
        report.signers[0].recognition.as_ref().unwrap().status_time,
        time("2026-02-01T00:00:00Z")
    );
    assert_eq!(
        report.signers[0].entity.as_ref().unwrap().organisation,
        "Victoria Harbour Shipping Limited"
    );
}

#[test]
fn proven_signing_time_after_the_withdrawal_still_lacks_proof() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], NOW);
    let report = verify_proven(
        &cn,
        "recognition/hk-retired-ca.p7s",
        NOW,
        "2026-04-01T00:00:00Z",
    );
    assert_no_poe(
        &report,
        "was withdrawn at the proven signing time 2026-04-01T00:00:00Z",
    );
}

#[test]
fn proven_signing_time_later_than_the_validation_time_counts_as_the_validation_time() {
    // Validated at 2026-02-01 (recognised); a "proof" dated after it cannot move the
    // status reading past the validation time.
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], NOW);
    let report = verify_proven(
        &cn,
        "recognition/hk-retired-ca.p7s",
        "2026-02-01T00:00:00Z",
        "2026-06-01T00:00:00Z",
    );
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    assert_eq!(
        report.signers[0].recognition.as_ref().unwrap().status_time,
        time("2026-02-01T00:00:00Z")
    );
}

#[test]
fn suspended_service_recognised_at_a_proven_signing_time_passes() {
    let during = "2026-07-15T00:00:00Z";
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Mo], NOW);
    assert_recognised(
        &verify_proven(
            &hk,
            "recognition/mo-taipa.p7s",
            during,
            "2026-06-20T00:00:00Z",
        ),
        Jurisdiction::Mo,
        "MO Test Qualified Organisational Certificates",
    );
    // Proven only inside the suspension: still no proof of a recognised time.
    assert_no_poe(
        &verify_proven(
            &hk,
            "recognition/mo-taipa.p7s",
            during,
            "2026-07-10T00:00:00Z",
        ),
        "was suspended at the proven signing time 2026-07-10T00:00:00Z",
    );
}

/// A verifier over the bundled HK list with its first service's status history
/// replaced (loaded through the insecure unsigned path, as a test).
fn hk_with_current_history(history: serde_json::Value) -> Verifier {
    let mut document: serde_json::Value =
        serde_json::from_slice(&testdata("trust-lists/hk.json")).unwrap();
    document["services"][0]["status_history"] = history;
    let list =
        TrustList::from_json_unsigned_insecure(&serde_json::to_vec(&document).unwrap()).unwrap();
    Verifier::new(
        TrustStore::builder()
            .trust_list(list)
            .unwrap()
            .build()
            .unwrap(),
        RelyingPartyPolicy::default(),
    )
}

#[test]
fn service_never_recognised_during_the_certificates_life_stays_not_recognised() {
    // The leaf is valid from 2025-01-01: recognition that ended before it, or that only
    // starts after the validation time, could never have covered its signature, with or
    // without a proof of existence.
    let ended_before = hk_with_current_history(serde_json::json!([
        {"status": "recognised", "from": "2018-01-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
        {"status": "withdrawn", "from": "2025-01-01T00:00:00Z", "until": null}
    ]));
    assert_not_recognised(
        &verify(&ended_before, "recognition/hk-harbour.p7s", AT),
        "was withdrawn at 2026-06-01T00:00:00Z",
    );
    let starts_later = hk_with_current_history(serde_json::json!([
        {"status": "recognised", "from": "2027-01-01T00:00:00Z", "until": null}
    ]));
    assert_not_recognised(
        &verify(&starts_later, "recognition/hk-harbour.p7s", AT),
        "was withdrawn at 2026-06-01T00:00:00Z",
    );
    assert_not_recognised(
        &verify_proven(
            &starts_later,
            "recognition/hk-harbour.p7s",
            AT,
            "2026-01-21T00:00:00Z",
        ),
        "was withdrawn at the proven signing time 2026-01-21T00:00:00Z",
    );
}

#[test]
fn list_stale_now_gives_try_later_even_for_an_earlier_validation_time() {
    // Loaded after next_update (2027-01-01) as indeterminate: what it recognises is
    // TRY_LATER, although the validation time lies before next_update.
    let stale = TrustList::load_signed(
        &testdata("trust-lists/hk.p7s"),
        Jurisdiction::Hk,
        &operators("hk"),
        time("2027-02-01T00:00:00Z"),
        StaleListPolicy::AcceptAsIndeterminate,
    )
    .unwrap();
    assert!(stale.stale);
    let verifier = Verifier::new(
        TrustStore::builder()
            .trust_list(stale)
            .unwrap()
            .build()
            .unwrap(),
        RelyingPartyPolicy::default(),
    );
    let report = verify(&verifier, "recognition/hk-harbour.p7s", AT);
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(report.sub_indication, Some(SubIndication::TryLater));
    assert!(report.signers[0].reason.contains("stale when loaded"));
}

// ---- the forged-jurisdiction attack (issue 8 §1) ---------------------------------------
// testdata/trust-list-load/forged-jurisdiction: the HK side issues a certificate naming
// 深圳湾供应链有限公司 (USCC 914403001922038216 in serialNumber) under the HK issuing CA,
// and its list signer signs a list claiming "jurisdiction": "CN", sequence 13, that
// lists HK's root and issuing CA.

fn forged(name: &str) -> Vec<u8> {
    testdata(&format!("trust-list-load/forged-jurisdiction/{name}"))
}

/// A CN relying party (home CN, accepting CN only) over `lists`.
fn cn_relying_party(lists: Vec<TrustList>) -> Verifier {
    let mut builder = TrustStore::builder();
    for list in lists {
        builder = builder.trust_list(list).unwrap();
    }
    Verifier::new(
        builder.build().unwrap(),
        RelyingPartyPolicy {
            home: Some(Jurisdiction::Cn),
            accepted_lists: Some(BTreeSet::from([Jurisdiction::Cn])),
            ..RelyingPartyPolicy::default()
        },
    )
}

#[test]
fn forged_cn_list_would_recognise_the_forged_shenzhen_signer_if_it_were_believed() {
    // The attack material is real: believed as CN (the old model), it passes.
    let believed = TrustList::from_json_unsigned_insecure(&forged("forged-cn.json")).unwrap();
    assert_eq!(
        (believed.jurisdiction, believed.sequence),
        (Jurisdiction::Cn, 13)
    );
    let verifier = cn_relying_party(vec![signed_list("cn", AT), believed]);
    let report = verify(
        &verifier,
        "trust-list-load/forged-jurisdiction/forged-shenzhen-contract.p7s",
        AT,
    );
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    assert_eq!(
        report.signers[0]
            .entity
            .as_ref()
            .unwrap()
            .org_id
            .canonical(),
        "NTRCN-914403001922038216"
    );
}

#[test]
fn hk_operator_cannot_make_a_cn_relying_party_recognise_a_forged_shenzhen_signer() {
    // However the relying party offers the forged list, it does not load as CN's…
    let as_cn = TrustList::load_signed(
        &forged("forged-cn.p7s"),
        Jurisdiction::Cn,
        &operators("cn"),
        time(AT),
        StaleListPolicy::Refuse,
    );
    assert_eq!(as_cn.unwrap_err().kind(), "TrustListOperatorUnknown");
    let as_hk = TrustList::load_signed(
        &forged("forged-cn.p7s"),
        Jurisdiction::Hk,
        &operators("hk"),
        time(AT),
        StaleListPolicy::Refuse,
    );
    assert_eq!(
        as_hk.unwrap_err(),
        Error::TrustListJurisdictionMismatch {
            expected: "HK".into(),
            claimed: "CN".into()
        }
    );
    // …so with the three genuine lists the forged signer chains to HK's root and is
    // not recognised by a relying party that accepts only CN.
    let verifier = cn_relying_party(vec![
        signed_list("cn", AT),
        signed_list("hk", AT),
        signed_list("mo", AT),
    ]);
    let report = verify(
        &verifier,
        "trust-list-load/forged-jurisdiction/forged-shenzhen-contract.p7s",
        AT,
    );
    assert_not_recognised(&report, "does not accept the HK trust list");
    // It claims to be the Shenzhen company; the report says so only as a claim.
    let signer = &report.signers[0];
    assert_eq!(signer.entity, None);
    assert!(!signer.entity_validated);
}

#[test]
fn list_with_the_highest_sequence_never_displaces_another_jurisdictions_list() {
    // An HK edition with sequence 2^64-1 and no service replaces only HK's list.
    let mut document: TrustListDocument =
        serde_json::from_slice(&testdata("trust-lists/hk.json")).unwrap();
    document.sequence = u64::MAX;
    document.services.clear();
    let huge_hk = TrustList::from_document(&document).unwrap();
    let verifier = cn_relying_party(vec![signed_list("cn", AT), huge_hk]);
    let lists: Vec<(Jurisdiction, u64)> = verifier
        .store()
        .trust_lists()
        .iter()
        .map(|l| (l.jurisdiction, l.sequence))
        .collect();
    assert_eq!(
        lists,
        [(Jurisdiction::Cn, 12), (Jurisdiction::Hk, u64::MAX)]
    );
    assert_recognised(
        &verify(&verifier, "recognition/cn-rsa-shenzhen.p7s", AT),
        Jurisdiction::Cn,
        "CN Test Organisational Certificates (RSA)",
    );
}

// ---- a re-issued listed CA certificate (issue 8 §6) -------------------------------------

#[test]
fn reissued_issuing_ca_with_the_same_name_and_key_matches_the_listed_one() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    let leaf = decode_certificates(&testdata("pki/hk/org-harbour-logistics.pem")).unwrap();
    let leaf = leaf[0].parse().unwrap();
    let reissued = decode_certificates(&forged("reissued-hk-issuing-ca.pem")).unwrap();
    let reissued = [reissued[0].parse().unwrap()];
    let options = baytrust::ChainOptions {
        purpose: baytrust::Purpose::Sign,
        ..baytrust::ChainOptions::new(time(AT))
    };
    let chain = cn.verify_chain(&leaf, &reissued, &options).unwrap();
    // The path runs through the re-issued certificate (serial 0x4899), not the listed
    // one (serial 0x4802)…
    assert_eq!(chain.certificates[1].serial_hex(), "4899");
    let listed = decode_certificates(&testdata("pki/hk/issuing-ca.pem")).unwrap();
    assert_ne!(chain.certificates[1].der(), listed[0].as_ref());
    // …and the service listing the original still recognises it.
    let recognised = cn.recognise(&chain, time(AT), None).unwrap().unwrap();
    assert_eq!(
        recognised.recognition.service,
        "HK Test e-Cert (Organisational)"
    );
    assert_eq!(recognised.entity.org_id.canonical(), "NTRHK-12345678");
}

// ---- failed signers name no identity (issue 8 §6) ---------------------------------------

#[test]
fn signer_with_an_invalid_uscc_shows_its_entity_only_as_claimed() {
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Cn], AT);
    let report = verify(&hk, "recognition/cn-bad-uscc.p7s", AT);
    assert_not_recognised(&report, "fails its check");
    assert_claimed_only(&report, "福州闽江测试有限公司");
    let claimed = report.signers[0].claimed_entity.as_ref().unwrap();
    assert_eq!(claimed.org_id.canonical(), "NTRCN-91350100M000100Y4Z");
    assert!(!claimed.org_id.is_valid());
    let json = serde_json::to_value(&report.signers[0]).unwrap();
    assert_eq!(json["entity"], serde_json::Value::Null);
    assert_eq!(json["entity_validated"], serde_json::json!(false));
    assert_eq!(
        json["claimed_entity"]["organisation"],
        serde_json::json!("福州闽江测试有限公司")
    );
}

#[test]
fn signer_whose_content_does_not_match_names_no_validated_entity() {
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    let report = cn
        .verify_cms(
            &testdata("recognition/hk-harbour.p7s"),
            Content::Detached(&mut Cursor::new(b"another contract".to_vec())),
            &SignatureOptions::new(time(AT)),
        )
        .unwrap();
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
    let signer = &report.signers[0];
    assert_eq!(signer.entity, None);
    assert!(!signer.entity_validated);
    assert_eq!(signer.recognition, None);
}

#[test]
fn genuine_hk_list_cannot_recognise_a_cn_identifier_under_hk_s_own_ca() {
    // HK's own operator and list, HK's own CA: still no CN entity. An HK service's
    // identity profile reads only HK identifiers, so a certificate naming itself
    // NTRCN-… is not recognised even by a relying party that accepts HK.
    let cn = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    let report = verify(
        &cn,
        "trust-list-load/forged-jurisdiction/forged-shenzhen-orgid-contract.p7s",
        AT,
    );
    assert_not_recognised(
        &report,
        "identity: organisation identifier NTRCN-914403001922038216 is not a HK identifier",
    );
    let signer = &report.signers[0];
    assert_eq!(signer.entity, None);
    assert!(!signer.entity_validated);
    // What it claims (read by the built-in CN profile from organizationIdentifier) is
    // shown only as a claim.
    assert_eq!(
        signer.claimed_entity.as_ref().map(|e| e.org_id.canonical()),
        Some("NTRCN-914403001922038216".to_owned())
    );
}

#[test]
fn a_service_that_proof_could_satisfy_outranks_a_definite_failure_of_another() {
    // Two services list the retired issuing CA: the 2018 series (withdrawn now,
    // recognised earlier) and a copy whose policy the certificate lacks. Whatever their
    // order, the report is the one more information could turn into a pass.
    let mut document: serde_json::Value =
        serde_json::from_slice(&testdata("trust-lists/hk.json")).unwrap();
    let series = document["services"][1].clone();
    let mut wrong_policy = series.clone();
    wrong_policy["name"] = serde_json::json!("copy with another policy");
    wrong_policy["policies"] =
        serde_json::json!([{"oid": "1.3.6.1.4.1.55555.9", "match": "exact"}]);
    for services in [
        vec![wrong_policy.clone(), series.clone()],
        vec![series, wrong_policy],
    ] {
        document["services"] = serde_json::Value::Array(services);
        let list = TrustList::from_json_unsigned_insecure(&serde_json::to_vec(&document).unwrap())
            .unwrap();
        let verifier = Verifier::new(
            TrustStore::builder()
                .trust_list(list)
                .unwrap()
                .build()
                .unwrap(),
            RelyingPartyPolicy::default(),
        );
        assert_no_poe(
            &verify(&verifier, "recognition/hk-retired-ca.p7s", AT),
            "2018 series\" of the HK trust list #7: the service was withdrawn",
        );
    }
}
