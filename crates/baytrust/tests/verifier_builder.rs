//! `Verifier::builder()`: the bundled contract verified from bytes alone, with each
//! list's operators pinned for its jurisdiction; the builder refuses what the loader does.

use baytrust::{Error, Indication, Jurisdiction, SubIndication, Time, Verifier};

fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn now() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

fn bundled_verifier() -> Verifier {
    let mut builder = Verifier::builder();
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    builder.build().unwrap()
}

#[test]
fn builder_verifies_the_bundled_contract() {
    let verifier = bundled_verifier();
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &read("testdata/samples/supply-contract.txt"),
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed);
    assert_eq!(report.signers.len(), 2);
}

#[test]
fn builder_tampered_contract_fails_with_hash_failure() {
    let verifier = bundled_verifier();
    let mut content = read("testdata/samples/supply-contract.txt");
    content[0] ^= 1;
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &content,
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
}

#[test]
fn builder_refuses_a_list_loaded_for_another_jurisdiction() {
    let error = Verifier::builder()
        .trust_list(
            Jurisdiction::Cn,
            &read("testdata/trust-lists/hk.p7s"),
            &read("testdata/pki/hk/trust-list-operator-ca.pem"),
            now(),
        )
        .unwrap_err();
    assert!(
        matches!(error, Error::TrustListJurisdictionMismatch { .. }),
        "{error:?}"
    );
}

#[test]
fn builder_accept_narrows_the_lists_recognised() {
    let mut builder = Verifier::builder().accept(Jurisdiction::Mo);
    for code in ["cn", "hk"] {
        builder = builder
            .trust_list(
                code.to_uppercase().parse().unwrap(),
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    let verifier = builder.build().unwrap();
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &read("testdata/samples/supply-contract.txt"),
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::NotRecognised));
}

fn certificate(path: &str) -> baytrust::CertificateDer {
    baytrust::decode_certificates(&read(path))
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
}

#[test]
fn verify_certificate_recognises_a_bare_leaf_through_the_listed_issuing_ca() {
    let verifier = bundled_verifier();
    let leaf = certificate("testdata/pki/hk/org-harbour-logistics.pem");
    let report = verifier
        .verify_certificate(&leaf, &[], &baytrust::ChainOptions::new(now()))
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:?}");
    assert!(report.valid);
    assert_eq!(report.recognition.unwrap().jurisdiction, Jurisdiction::Hk);
    assert!(report.entity.is_some());
    assert_eq!(report.chain.len(), 3);
}

#[test]
fn verify_certificate_refuses_a_leaf_whose_list_is_not_accepted() {
    let mut builder = Verifier::builder().accept(Jurisdiction::Cn);
    for code in ["cn", "hk"] {
        builder = builder
            .trust_list(
                code.to_uppercase().parse().unwrap(),
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    let verifier = builder.build().unwrap();
    let leaf = certificate("testdata/pki/hk/org-harbour-logistics.pem");
    let report = verifier
        .verify_certificate(&leaf, &[], &baytrust::ChainOptions::new(now()))
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::NotRecognised));
    assert_eq!(report.error_kind, Some("NotRecognised"));
    assert_eq!(report.entity, None);
}

fn certificates(path: &str) -> Vec<baytrust::CertificateDer> {
    baytrust::decode_certificates(&read(path)).unwrap()
}

#[test]
fn verify_chain_rfc5280_validates_what_recognition_would_refuse() {
    // CN's list alone is accepted: recognition refuses the HK leaf, plain RFC 5280
    // (the HK root is still an anchor of the store) does not.
    let mut builder = Verifier::builder().accept(Jurisdiction::Cn);
    for code in ["cn", "hk"] {
        builder = builder
            .trust_list(
                code.to_uppercase().parse().unwrap(),
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    let verifier = builder.build().unwrap();
    let chain = certificates("testdata/pki/hk/org-harbour-logistics-chain.pem");
    let options = baytrust::ChainOptions::new(now());
    let report = verifier
        .verify_certificate(&chain[0], &chain[1..], &options)
        .unwrap();
    assert_eq!(report.sub_indication, Some(SubIndication::NotRecognised));
    let path = verifier
        .verify_chain_rfc5280(&chain[0], &chain[1..], &options)
        .unwrap();
    assert_eq!(path.anchor_jurisdiction, Jurisdiction::Hk);
    assert_eq!(path.chain.len(), 3, "{path:?}");
    assert_eq!(path.chain[0], report_subject_ref(&chain[0]));
}

fn report_subject_ref(der: &baytrust::CertificateDer) -> baytrust::CertificateRef {
    let mut named = baytrust::CertificateRef::parse(der).unwrap();
    named.revocation = Some(baytrust::CertificateRevocation {
        status: "not_checked",
        source: None,
        revoked_at: None,
        reason: None,
        problem: None,
    });
    named
}

#[test]
fn verify_chain_rfc5280_uses_only_the_given_intermediates() {
    let verifier = bundled_verifier();
    let leaf = certificate("testdata/pki/hk/org-harbour-logistics.pem");
    let options = baytrust::ChainOptions::new(now());
    let error = verifier
        .verify_chain_rfc5280(&leaf, &[], &options)
        .unwrap_err();
    assert!(matches!(error, Error::UnknownIssuer { .. }), "{error:?}");
    assert_eq!(error.category(), baytrust::ErrorCategory::Refused);
    // verify_certificate offers the lists' issuing CAs.
    let report = verifier.verify_certificate(&leaf, &[], &options).unwrap();
    assert_eq!(report.indication, Indication::TotalPassed);
}

#[test]
fn verify_chain_rfc5280_refuses_a_leaf_that_is_not_a_certificate() {
    let verifier = bundled_verifier();
    let garbage = baytrust::CertificateDer::from_vec(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
    let error = verifier
        .verify_chain_rfc5280(&garbage, &[], &baytrust::ChainOptions::new(now()))
        .unwrap_err();
    assert!(
        matches!(error, Error::CertificateMalformed { .. }),
        "{error:?}"
    );
    assert_eq!(error.category(), baytrust::ErrorCategory::Input);
}

#[test]
fn certificate_der_round_trips_through_rustls_pki_types() {
    let der = certificate("testdata/pki/hk/org-harbour-logistics.pem");
    let rustls: rustls_pki_types::CertificateDer<'static> = der.clone().into();
    assert_eq!(rustls.as_ref(), der.as_ref());
    assert_eq!(baytrust::CertificateDer::from(rustls), der);
}
