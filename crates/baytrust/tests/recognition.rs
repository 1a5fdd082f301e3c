//! Mutual-recognition scenarios: relying parties of each jurisdiction verify contracts
//! signed in the others against the three bundled signed trust lists
//! (testdata/trust-lists), and every recognition rule fails with the rule named.

use std::collections::BTreeSet;
use std::io::Cursor;

use baytrust::cert::decode_certificates;
use baytrust::identity::Jurisdiction;
use baytrust::report::{Indication, Report, SubIndication};
use baytrust::trust::{StaleListPolicy, TrustList, TrustListDocument, TrustStore};
use baytrust::verifier::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};

const MR_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";

fn testdata(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn time(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

const AT: &str = "2026-06-01T00:00:00Z";

fn operators() -> Vec<baytrust::cert::CertificateDer> {
    ["cn", "hk", "mo"]
        .iter()
        .flat_map(|j| {
            decode_certificates(&testdata(&format!("pki/{j}/trust-list-operator-ca.pem"))).unwrap()
        })
        .collect()
}

fn signed_list(jurisdiction: &str, at: &str) -> TrustList {
    TrustList::load_signed(
        &testdata(&format!("trust-lists/{jurisdiction}.p7s")),
        &operators(),
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
    verifier
        .verify_cms(
            &testdata(signature),
            Content::Detached(&mut Cursor::new(testdata("samples/supply-contract.txt"))),
            &SignatureOptions::new(time(at)),
        )
        .unwrap()
}

fn assert_recognised(report: &Report, jurisdiction: Jurisdiction, service: &str) {
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    let signer = &report.signers[0];
    let recognition = signer.recognition.as_ref().expect("recognition");
    assert_eq!(recognition.jurisdiction, jurisdiction);
    assert_eq!(recognition.service, service);
    assert_eq!(recognition.policy, MR_POLICY);
    assert_eq!(signer.entity.as_ref().unwrap().jurisdiction, jurisdiction);
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
fn retired_issuing_ca_is_recognised_only_until_its_withdrawal() {
    let before = "2026-02-01T00:00:00Z";
    let cn_before = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], before);
    assert_recognised(
        &verify(&cn_before, "recognition/hk-retired-ca.p7s", before),
        Jurisdiction::Hk,
        "HK Test e-Cert (Organisational) 2018 series",
    );
    let cn_after = relying_party(Jurisdiction::Cn, &[Jurisdiction::Hk], AT);
    assert_not_recognised(
        &verify(&cn_after, "recognition/hk-retired-ca.p7s", AT),
        "was withdrawn at 2026-06-01T00:00:00Z",
    );
}

#[test]
fn suspended_service_is_not_recognised_during_its_suspension() {
    let during = "2026-07-15T00:00:00Z";
    let hk = relying_party(Jurisdiction::Hk, &[Jurisdiction::Mo], during);
    assert_not_recognised(
        &verify(&hk, "recognition/mo-taipa.p7s", during),
        "was suspended",
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
        service.certificate_type = Some(baytrust::trust::CertificateTypeDocument {
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
        &operators(),
        time(late),
        StaleListPolicy::Refuse,
    );
    assert!(
        matches!(refused, Err(Error::TrustListStale { .. })),
        "{refused:?}"
    );
    let accepted = TrustList::load_signed(
        &testdata("trust-lists/hk.p7s"),
        &operators(),
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
