//! Revocation through `Verifier::verify_cms` (issue 10), with the OpenSSL-made CRLs and
//! OCSP responses of testdata/revocation (its make.sh) and signatures made here by
//! `SignedDataBuilder` with the test PKI's keys: each test names the rule and asserts
//! the indication, sub-indication and the report's revocation entries.

#[path = "support/signed_data_parts.rs"]
mod signed_data_parts;

use std::io::Cursor;

use baytrust::Jurisdiction;
use baytrust::TrustStore;
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{ChainOptions, Purpose, RevocationMode};
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SignerReport, SubIndication};
use baytrust::{ReasonCode, RevocationSources, StatusSource};
use baytrust::{SignedDataBuilder, SigningKey};
use signed_data_parts::{oid, tlv, SignedDataParts};

const DOCUMENT: &[u8] = b"contract between two Greater Bay Area companies\n";

fn t(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

/// The validation time of testdata/revocation.
fn at() -> Time {
    t("2026-06-01T00:00:00Z")
}

fn read(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn certificate(path: &str) -> CertificateDer {
    decode_certificates(&read(path)).unwrap().remove(0)
}

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8_pem(&read(&format!(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    )))
    .unwrap()
}

/// A detached signature by the HK organisation `org` (e.g. `kowloon-electronics`).
fn sign(org: &str) -> Vec<u8> {
    SignedDataBuilder::new()
        .signer(
            certificate(&format!("pki/hk/org-{org}.pem")),
            key(&format!("hk-org-{org}")),
        )
        .unwrap()
        .signing_time(t("2026-05-20T00:00:00Z"))
        .build(&mut &DOCUMENT[..])
        .unwrap()
}

fn verifier(mode: RevocationMode) -> Verifier {
    let store = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &read("pki/hk/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    Verifier::new(
        store,
        RelyingPartyPolicy {
            revocation_mode: mode,
            ..RelyingPartyPolicy::default()
        },
    )
}

fn sources(crls: &[&str], ocsp: &[&str]) -> RevocationSources {
    let mut sources = RevocationSources::new();
    for crl in crls {
        sources
            .add_crl(&read(&format!("revocation/crl/{crl}")))
            .unwrap();
    }
    for response in ocsp {
        sources
            .add_ocsp_response(&read(&format!("revocation/ocsp/{response}")))
            .unwrap();
    }
    sources
}

fn options(sources: RevocationSources) -> SignatureOptions {
    let mut options = SignatureOptions::new(at());
    options.extra_certificates = ["pki/hk/issuing-ca.pem", "pki/hk/retired-issuing-ca.pem"]
        .iter()
        .map(|p| certificate(p))
        .collect();
    options.revocation_sources = sources;
    options
}

fn verify(verifier: &Verifier, signature: &[u8], options: &SignatureOptions) -> Report {
    verifier
        .verify_cms(
            signature,
            Content::Detached(&mut Cursor::new(DOCUMENT)),
            options,
        )
        .unwrap()
}

fn only_signer(report: &Report) -> &SignerReport {
    assert_eq!(report.signers.len(), 1);
    &report.signers[0]
}

fn assert_verdict(report: &Report, sub_indication: Option<SubIndication>) {
    let expected = sub_indication.map_or(Indication::TotalPassed, SubIndication::indication);
    assert_eq!(
        (report.indication, report.sub_indication),
        (expected, sub_indication),
        "{report:#?}"
    );
}

#[test]
fn revoked_organisation_certificate_without_proof_of_existence_is_revoked_no_poe() {
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("kowloon-electronics"),
        &options(sources(&["hk-issuing-ca.crl"], &[])),
    );
    assert_verdict(&report, Some(SubIndication::RevokedNoPoe));
    let signer = only_signer(&report);
    assert!(
        signer
            .reason
            .contains("certificate at depth 0 was revoked at 2026-04-01T00:00:00Z (keyCompromise)"),
        "{}",
        signer.reason
    );
    assert_eq!(signer.entity, None);
    let revocation = signer.chain[0].revocation.as_ref().unwrap();
    assert_eq!(revocation.status, "revoked");
    assert_eq!(revocation.revoked_at, Some(t("2026-04-01T00:00:00Z")));
    assert_eq!(revocation.reason, Some(ReasonCode::KeyCompromise));
    assert!(matches!(
        &revocation.source,
        Some(StatusSource::Crl { crl_number: Some(n), .. }) if n == "01"
    ));
    // The issuing CA has no status in prefer mode, and the report says so.
    assert_eq!(
        signer.chain[1].revocation.as_ref().unwrap().status,
        "not_checked"
    );
    // The anchor is not looked up.
    assert_eq!(signer.chain[2].revocation, None);
}

#[test]
fn revoked_signer_in_an_openssl_made_ocsp_response_is_revoked_no_poe() {
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("kowloon-electronics"),
        &options(sources(&[], &["hk-revoked.der"])),
    );
    assert_verdict(&report, Some(SubIndication::RevokedNoPoe));
    let revocation = only_signer(&report).chain[0].revocation.as_ref().unwrap();
    assert_eq!(revocation.status, "revoked");
    assert!(matches!(
        revocation.source,
        Some(StatusSource::Ocsp {
            delegated: true,
            responder_nocheck: true,
            ..
        })
    ));
}

#[test]
fn proven_signing_time_before_the_revocation_makes_it_not_count() {
    let mut options = options(sources(&["hk-issuing-ca.crl"], &[]));
    options.proven_signing_time = Some(t("2026-03-15T00:00:00Z"));
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("kowloon-electronics"),
        &options,
    );
    assert_verdict(&report, None);
    // The status is still reported.
    assert_eq!(
        only_signer(&report).chain[0]
            .revocation
            .as_ref()
            .unwrap()
            .status,
        "revoked"
    );
}

#[test]
fn proven_signing_time_after_the_revocation_is_total_failed_revoked() {
    let mut options = options(sources(&["hk-issuing-ca.crl"], &[]));
    options.proven_signing_time = Some(t("2026-04-01T00:00:01Z"));
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("kowloon-electronics"),
        &options,
    );
    assert_verdict(&report, Some(SubIndication::Revoked));
    assert_eq!(report.indication, Indication::TotalFailed);
}

#[test]
fn revoked_issuing_ca_is_revoked_ca_no_poe_for_its_signers() {
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("retired-ca"),
        &options(sources(&["hk-root-ca.crl"], &[])),
    );
    assert_verdict(&report, Some(SubIndication::RevokedCaNoPoe));
    let signer = only_signer(&report);
    assert!(
        signer
            .reason
            .contains("certificate at depth 1 was revoked at 2026-04-01T00:00:00Z (cACompromise)"),
        "{}",
        signer.reason
    );
    assert_eq!(
        signer.chain[1].revocation.as_ref().unwrap().reason,
        Some(ReasonCode::CaCompromise)
    );
    // Even a good status of the signer itself does not help: the CA revokes it.
    let report = verify(
        &verifier(RevocationMode::Require),
        &sign("retired-ca"),
        &options(sources(&["hk-root-ca.crl", "hk-issuing-ca.crl"], &[])),
    );
    assert_verdict(&report, Some(SubIndication::RevokedCaNoPoe));
}

#[test]
fn stale_crl_under_require_is_try_later_and_under_prefer_only_reported() {
    let signature = sign("harbour-logistics");
    let stale = || sources(&["hk-issuing-ca-stale.crl", "hk-root-ca.crl"], &[]);
    let report = verify(
        &verifier(RevocationMode::Require),
        &signature,
        &options(stale()),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
    let signer = only_signer(&report);
    assert!(
        signer
            .reason
            .contains("certificate at depth 0 has no revocation status: CRL"),
        "{}",
        signer.reason
    );
    let revocation = signer.chain.first();
    // A path refused for revocation still reports its certificates.
    assert_eq!(
        revocation.unwrap().revocation.as_ref().unwrap().status,
        "unavailable"
    );
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &signature,
        &options(stale()),
    );
    assert_verdict(&report, None);
    let signer = only_signer(&report);
    assert_eq!(
        signer.chain[0].revocation.as_ref().unwrap().status,
        "unavailable"
    );
    assert_eq!(signer.chain[1].revocation.as_ref().unwrap().status, "good");
}

#[test]
fn require_with_a_fresh_crl_for_every_certificate_passes() {
    let report = verify(
        &verifier(RevocationMode::Require),
        &sign("harbour-logistics"),
        &options(sources(&["hk-issuing-ca.crl", "hk-root-ca.crl"], &[])),
    );
    assert_verdict(&report, None);
    for link in &only_signer(&report).chain[..2] {
        assert_eq!(link.revocation.as_ref().unwrap().status, "good");
    }
}

#[test]
fn require_without_any_source_is_try_later_and_a_call_may_override_the_policy() {
    let signature = sign("harbour-logistics");
    let report = verify(
        &verifier(RevocationMode::Require),
        &signature,
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
    let mut off = options(RevocationSources::new());
    off.revocation = Some(RevocationMode::Off);
    assert_verdict(
        &verify(&verifier(RevocationMode::Require), &signature, &off),
        None,
    );
    // Off ignores even a revocation.
    let mut off = options(sources(&["hk-issuing-ca.crl"], &[]));
    off.revocation = Some(RevocationMode::Off);
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &sign("kowloon-electronics"),
        &off,
    );
    assert_verdict(&report, None);
    assert_eq!(
        only_signer(&report).chain[0]
            .revocation
            .as_ref()
            .unwrap()
            .status,
        "not_checked"
    );
}

#[test]
fn ocsp_unknown_is_try_later_under_require_and_reported_under_prefer() {
    let signature = sign("overseas-branch");
    let unknown = || sources(&["hk-root-ca.crl"], &["hk-unknown.der"]);
    let report = verify(
        &verifier(RevocationMode::Require),
        &signature,
        &options(unknown()),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
    assert!(only_signer(&report)
        .reason
        .contains("the OCSP responder answered unknown"));
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &signature,
        &options(unknown()),
    );
    assert_verdict(&report, None);
    assert_eq!(
        only_signer(&report).chain[0]
            .revocation
            .as_ref()
            .unwrap()
            .status,
        "unknown"
    );
}

#[test]
fn ocsp_response_by_an_unauthorised_responder_is_not_accepted() {
    let report = verify(
        &verifier(RevocationMode::Require),
        &sign("harbour-logistics"),
        &options(sources(
            &["hk-root-ca.crl"],
            &["hk-unauthorised-responder.der"],
        )),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
    let revocation = only_signer(&report).chain[0].revocation.as_ref().unwrap();
    assert_eq!(revocation.status, "unavailable");
    assert!(
        revocation
            .problem
            .as_ref()
            .unwrap()
            .contains("not authorised"),
        "{revocation:?}"
    );
}

#[test]
fn crl_signed_by_the_wrong_key_is_not_accepted() {
    let report = verify(
        &verifier(RevocationMode::Require),
        &sign("kowloon-electronics"),
        &options(sources(
            &["hk-issuing-ca-wrong-key.crl", "hk-root-ca.crl"],
            &[],
        )),
    );
    // The forged CRL lists Kowloon Electronics; it must neither revoke nor clear it.
    assert_verdict(&report, Some(SubIndication::TryLater));
    assert_eq!(
        only_signer(&report).chain[0]
            .revocation
            .as_ref()
            .unwrap()
            .status,
        "unavailable"
    );
}

/// `sign(org)` with `choices` as its SignedData `crls` (RevocationInfoChoices).
fn with_revocation_info(signature: &[u8], choices: Vec<Vec<u8>>) -> Vec<u8> {
    let mut parts = SignedDataParts::parse(signature);
    parts.crls = choices;
    parts.encode()
}

/// `other [1] { id-ri-ocsp-response, OCSPResponse }` (RFC 5940 §4.1).
fn ocsp_choice(response: &[u8]) -> Vec<u8> {
    tlv(
        0xa1,
        &[oid("1.3.6.1.5.5.7.16.2"), response.to_vec()].concat(),
    )
}

#[test]
fn signature_embedding_its_signers_ocsp_response_and_the_roots_crl_passes_require() {
    let signature = with_revocation_info(
        &sign("harbour-logistics"),
        vec![
            ocsp_choice(&read("revocation/ocsp/hk-good.der")),
            read("revocation/crl/hk-root-ca.crl"),
        ],
    );
    let verifier = verifier(RevocationMode::Require);
    let report = verify(&verifier, &signature, &options(RevocationSources::new()));
    assert_verdict(&report, None);
    let signer = only_signer(&report);
    assert!(matches!(
        signer.chain[0].revocation.as_ref().unwrap().source,
        Some(StatusSource::Ocsp {
            delegated: true,
            ..
        })
    ));
    assert!(matches!(
        signer.chain[1].revocation.as_ref().unwrap().source,
        Some(StatusSource::Crl { .. })
    ));
    // Without the embedded evidence the same signature is TRY_LATER.
    let report = verify(
        &verifier,
        &sign("harbour-logistics"),
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
}

#[test]
fn embedded_ocsp_revocation_of_the_signer_is_revoked_no_poe() {
    let signature = with_revocation_info(
        &sign("kowloon-electronics"),
        vec![ocsp_choice(&read("revocation/ocsp/hk-revoked.der"))],
    );
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &signature,
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, Some(SubIndication::RevokedNoPoe));
}

#[test]
fn verifier_wide_sources_are_consulted_by_every_call() {
    let verifier = verifier(RevocationMode::Require)
        .with_revocation_sources(sources(&["hk-issuing-ca.crl", "hk-root-ca.crl"], &[]));
    let report = verify(
        &verifier,
        &sign("kowloon-electronics"),
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, Some(SubIndication::RevokedNoPoe));
}

#[test]
fn verifier_verify_chain_judges_revocation_by_the_policy_and_the_call() {
    let verifier = verifier(RevocationMode::Prefer)
        .with_revocation_sources(sources(&["hk-issuing-ca.crl"], &[]));
    let leaf_der = certificate("pki/hk/org-kowloon-electronics.pem");
    let leaf = leaf_der.parse().unwrap();
    let pool_der = [certificate("pki/hk/issuing-ca.pem")];
    let pool: Vec<_> = pool_der.iter().map(|d| d.parse().unwrap()).collect();
    let mut options = ChainOptions::new(at());
    options.purpose = Purpose::Sign;
    assert_eq!(
        verifier.verify_chain(&leaf, &pool, &options).map(|_| ()),
        Err(Error::CertificateRevoked {
            depth: 0,
            revoked_at: t("2026-04-01T00:00:00Z"),
            reason: Some("keyCompromise".into()),
            proven_signing_time: None,
        })
    );
    options.revocation.mode = Some(RevocationMode::Off);
    assert!(verifier.verify_chain(&leaf, &pool, &options).is_ok());
    // Harbour Logistics under require: its issuing CA has no status.
    let leaf_der = certificate("pki/hk/org-harbour-logistics.pem");
    let leaf = leaf_der.parse().unwrap();
    options.revocation.mode = Some(RevocationMode::Require);
    assert_eq!(
        verifier.verify_chain(&leaf, &pool, &options).map(|_| ()),
        Err(Error::RevocationStatusUnavailable {
            depth: 1,
            problem: "no CRL or OCSP response covers it".into(),
        })
    );
}

#[test]
fn embedded_forged_crl_neither_revokes_nor_clears_and_a_flood_of_choices_is_capped() {
    // The wrong-key CRL lists Kowloon Electronics; embedded by the signer it is no
    // evidence either way.
    let signature = with_revocation_info(
        &sign("kowloon-electronics"),
        vec![read("revocation/crl/hk-issuing-ca-wrong-key.crl")],
    );
    let report = verify(
        &verifier(RevocationMode::Require),
        &signature,
        &options(sources(&["hk-root-ca.crl"], &[])),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
    // 1,000 embedded choices that are not revocation information: only the first
    // 64 are kept and each fails to parse; the signature still verifies (prefer).
    let garbage = tlv(0x30, &[0x02, 0x01, 0x00]);
    let signature = with_revocation_info(&sign("harbour-logistics"), vec![garbage; 1000]);
    let report = verify(
        &verifier(RevocationMode::Prefer),
        &signature,
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, None);
}

#[test]
fn ten_thousand_embedded_revocation_entries_are_read_only_up_to_the_cap() {
    // 10,000 copies of a CRL ahead of the signer's own OCSP response: only the first
    // MAX_REVOCATION_INFO_CHOICES are kept, so the work is bounded and the response past
    // the cap is evidence of nothing (TRY_LATER under require), never a crash or a pass
    // on unread data.
    let mut choices = vec![read("revocation/crl/hk-root-ca.crl"); 10_000];
    choices.push(ocsp_choice(&read("revocation/ocsp/hk-good.der")));
    let signature = with_revocation_info(&sign("harbour-logistics"), choices);
    let parsed = baytrust::cms::CmsSignedData::parse(&signature).unwrap();
    assert_eq!(
        parsed.revocation_info_choices().len(),
        baytrust::cms::MAX_REVOCATION_INFO_CHOICES
    );
    let report = verify(
        &verifier(RevocationMode::Require),
        &signature,
        &options(RevocationSources::new()),
    );
    assert_verdict(&report, Some(SubIndication::TryLater));
}
