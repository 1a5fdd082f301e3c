//! Revocation with OpenSSL-made CRLs and OCSP responses (testdata/revocation, made by
//! its make.sh): each test states the rule and asserts the exact status or error.

use baytrust::revocation::{
    Crl, OcspResponse, ReasonCode, RevocationIssuer, RevocationSources, RevocationStatus,
    StatusSource,
};
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{Error, Time};

fn t(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

fn validation_time() -> Time {
    t("2026-06-01T00:00:00Z")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn cert(path: &str) -> CertificateDer {
    decode_certificates(&read(path)).unwrap().remove(0)
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

/// The status of the PKI certificate `leaf` issued by `issuer`, at `time`, no skew.
fn status_at(
    sources: &RevocationSources,
    leaf: &str,
    issuer: &str,
    time: Time,
    skew: i64,
) -> Result<RevocationStatus, Error> {
    let leaf = cert(&format!("pki/{leaf}"));
    let issuer = cert(&format!("pki/{issuer}"));
    let leaf = leaf.parse().unwrap();
    let issuer = issuer.parse().unwrap();
    sources.status_of(
        &leaf,
        &RevocationIssuer::of_certificate(&issuer),
        time,
        skew,
    )
}

fn status(
    sources: &RevocationSources,
    leaf: &str,
    issuer: &str,
) -> Result<RevocationStatus, Error> {
    status_at(sources, leaf, issuer, validation_time(), 0)
}

fn subject(path: &str) -> String {
    cert(path).parse().unwrap().subject_text()
}

fn hk_crl_source(crl_number: &str, this_update: &str) -> StatusSource {
    StatusSource::Crl {
        issuer: subject("pki/hk/issuing-ca.pem"),
        crl_number: Some(crl_number.into()),
        this_update: t(this_update),
        delta_crl_number: None,
    }
}

// ---- CRLs -------------------------------------------------------------------------

#[test]
fn revoked_organisation_certificate_is_revoked_with_reason_and_invalidity_date() {
    let sources = sources(&["hk-issuing-ca.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "hk/org-kowloon-electronics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Revoked {
            time: t("2026-04-01T00:00:00Z"),
            reason: Some(ReasonCode::KeyCompromise),
            invalidity_date: Some(t("2026-03-01T00:00:00Z")),
            source: hk_crl_source("01", "2026-05-01T00:00:00Z"),
        })
    );
}

#[test]
fn certificate_absent_from_a_complete_crl_of_its_issuer_is_good() {
    let sources = sources(&["hk-issuing-ca.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Good {
            source: hk_crl_source("01", "2026-05-01T00:00:00Z"),
        })
    );
}

#[test]
fn pem_crl_gives_the_same_status_as_der() {
    let sources = sources(&["hk-issuing-ca.pem.crl"], &[]);
    assert_eq!(sources.crls().len(), 1);
    assert!(status(
        &sources,
        "hk/org-kowloon-electronics.pem",
        "hk/issuing-ca.pem"
    )
    .unwrap()
    .is_revoked());
}

#[test]
fn revoked_issuing_ca_is_revoked_by_the_root_crl() {
    let sources = sources(&["hk-root-ca.crl"], &[]);
    assert_eq!(
        status(&sources, "hk/retired-issuing-ca.pem", "hk/root-ca.pem"),
        Ok(RevocationStatus::Revoked {
            time: t("2026-04-01T00:00:00Z"),
            reason: Some(ReasonCode::CaCompromise),
            invalidity_date: Some(t("2026-02-01T00:00:00Z")),
            source: StatusSource::Crl {
                issuer: subject("pki/hk/root-ca.pem"),
                crl_number: Some("01".into()),
                this_update: t("2026-05-01T00:00:00Z"),
                delta_crl_number: None,
            },
        })
    );
    // The current issuing CA is on the root's CRL scope and not listed.
    assert!(matches!(
        status(&sources, "hk/issuing-ca.pem", "hk/root-ca.pem"),
        Ok(RevocationStatus::Good { .. })
    ));
}

#[test]
fn path_statuses_show_a_revoked_issuing_ca_above_an_unchecked_leaf() {
    // org-retired-ca ← retired issuing CA (revoked by the root) ← root (anchor).
    let sources = sources(&["hk-root-ca.crl", "hk-issuing-ca.crl"], &[]);
    let leaf = cert("pki/hk/org-retired-ca.pem");
    let ca = cert("pki/hk/retired-issuing-ca.pem");
    let root = cert("pki/hk/root-ca.pem");
    let path = [leaf.parse().unwrap(), ca.parse().unwrap()];
    let root = root.parse().unwrap();
    let statuses = sources.status_of_path(
        &path,
        &RevocationIssuer::of_certificate(&root),
        validation_time(),
        0,
        &[],
        &Default::default(),
    );
    assert_eq!(statuses.len(), 2);
    // No CRL of the retired CA is at hand (the current CA's CRL has another issuer).
    assert_eq!(statuses[0], Ok(RevocationStatus::NotChecked));
    assert!(matches!(
        statuses[1],
        Ok(RevocationStatus::Revoked {
            reason: Some(ReasonCode::CaCompromise),
            ..
        })
    ));
}

#[test]
fn stale_crl_is_refused_with_its_next_update() {
    let sources = sources(&["hk-issuing-ca-stale.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::CrlStale {
            issuer: subject("pki/hk/issuing-ca.pem"),
            next_update: t("2026-02-01T00:00:00Z"),
            time: validation_time(),
        })
    );
}

#[test]
fn stale_crl_is_accepted_within_the_clock_skew_and_not_a_second_beyond() {
    let sources = sources(&["hk-issuing-ca-stale.crl"], &[]);
    let late = t("2026-02-01T00:05:00Z");
    assert!(matches!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            late,
            300
        ),
        Ok(RevocationStatus::Good { .. })
    ));
    assert!(matches!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            late,
            299
        ),
        Err(Error::CrlStale { .. })
    ));
}

#[test]
fn crl_issued_after_the_validation_time_is_not_yet_valid() {
    let sources = sources(&["hk-issuing-ca.crl"], &[]);
    let before = t("2026-04-15T00:00:00Z");
    assert_eq!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            before,
            0
        ),
        Err(Error::CrlNotYetValid {
            issuer: subject("pki/hk/issuing-ca.pem"),
            this_update: t("2026-05-01T00:00:00Z"),
            time: before,
        })
    );
}

#[test]
fn crl_with_the_issuers_name_signed_by_another_key_is_refused() {
    let sources = sources(&["hk-issuing-ca-wrong-key.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::CrlSignatureInvalid {
            issuer: subject("pki/hk/issuing-ca.pem"),
            cause: Box::new(Error::SignatureInvalid),
        })
    );
}

#[test]
fn a_genuine_crl_beside_a_forged_one_still_decides() {
    let sources = sources(&["hk-issuing-ca-wrong-key.crl", "hk-issuing-ca.crl"], &[]);
    assert!(status(
        &sources,
        "hk/org-kowloon-electronics.pem",
        "hk/issuing-ca.pem"
    )
    .unwrap()
    .is_revoked());
}

#[test]
fn crl_signer_check_is_name_and_crl_sign_only_and_its_path_is_the_callers() {
    // The impostor has the issuer's name and no keyUsage: acceptable on its own terms,
    // which is exactly why the caller must validate a CRL signer's path first.
    let crl = Crl::from_der(read("revocation/crl/hk-issuing-ca-wrong-key.crl")).unwrap();
    let impostor = cert("revocation/certs/impostor-hk-issuing-ca.pem");
    assert_eq!(crl.signer_acceptable(&impostor.parse().unwrap()), Ok(()));
    let other = cert("revocation/certs/hk-not-a-responder.pem");
    assert_eq!(
        crl.signer_acceptable(&other.parse().unwrap()),
        Err(Error::CrlSignerNameMismatch {
            crl_issuer: subject("pki/hk/issuing-ca.pem"),
            signer: subject("revocation/certs/hk-not-a-responder.pem"),
        })
    );
}

#[test]
fn crl_of_another_issuer_does_not_speak_for_the_certificate() {
    let sources = sources(&["hk-issuing-ca.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "cn/org-shenzhen-bay-supply.pem",
            "cn/issuing-ca.pem"
        ),
        Ok(RevocationStatus::NotChecked)
    );
}

#[test]
fn certificate_on_hold_in_the_complete_crl_is_revoked_with_certificate_hold() {
    let sources = sources(&["cn-issuing-ca-base.crl"], &[]);
    assert_eq!(
        status(
            &sources,
            "cn/org-guangzhou-trading.pem",
            "cn/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Revoked {
            time: t("2026-04-01T00:00:00Z"),
            reason: Some(ReasonCode::CertificateHold),
            invalidity_date: None,
            source: StatusSource::Crl {
                issuer: subject("pki/cn/issuing-ca.pem"),
                crl_number: Some("0A".into()),
                this_update: t("2026-05-01T00:00:00Z"),
                delta_crl_number: None,
            },
        })
    );
}

#[test]
fn delta_crl_remove_from_crl_lifts_the_hold_and_its_new_entry_revokes() {
    let sources = sources(&["cn-issuing-ca-base.crl", "cn-issuing-ca-delta.crl"], &[]);
    let source = StatusSource::Crl {
        issuer: subject("pki/cn/issuing-ca.pem"),
        crl_number: Some("0A".into()),
        this_update: t("2026-05-01T00:00:00Z"),
        delta_crl_number: Some("0B".into()),
    };
    assert_eq!(
        status(
            &sources,
            "cn/org-guangzhou-trading.pem",
            "cn/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Good {
            source: source.clone()
        })
    );
    assert_eq!(
        status(
            &sources,
            "cn/org-shenzhen-bay-supply.pem",
            "cn/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Revoked {
            time: t("2026-04-01T00:00:00Z"),
            reason: Some(ReasonCode::Superseded),
            invalidity_date: None,
            source,
        })
    );
}

#[test]
fn delta_crl_alone_never_gives_a_status() {
    let sources = sources(&["cn-issuing-ca-delta.crl"], &[]);
    assert!(sources.crls()[0].is_delta());
    assert_eq!(
        status(
            &sources,
            "cn/org-shenzhen-bay-supply.pem",
            "cn/issuing-ca.pem"
        ),
        Ok(RevocationStatus::NotChecked)
    );
}

#[test]
fn stale_delta_crl_is_refused_and_the_complete_crl_alone_decides() {
    let sources = sources(&["cn-issuing-ca-base.crl", "cn-issuing-ca-delta.crl"], &[]);
    // 2026-06-20: the delta (next update 06-15) is stale, the base (07-01) is not.
    let time = t("2026-06-20T00:00:00Z");
    assert!(matches!(
        status_at(
            &sources,
            "cn/org-guangzhou-trading.pem",
            "cn/issuing-ca.pem",
            time,
            0
        ),
        Ok(RevocationStatus::Revoked {
            reason: Some(ReasonCode::CertificateHold),
            ..
        })
    ));
    assert!(matches!(
        status_at(
            &sources,
            "cn/org-shenzhen-bay-supply.pem",
            "cn/issuing-ca.pem",
            time,
            0
        ),
        Ok(RevocationStatus::Good {
            source: StatusSource::Crl {
                delta_crl_number: None,
                ..
            }
        })
    ));
}

#[test]
fn only_user_certs_crl_covers_organisation_certificates() {
    let sources = sources(&["mo-issuing-ca.crl"], &[]);
    let crl = &sources.crls()[0];
    assert!(crl.scope().only_user_certs);
    assert!(matches!(
        status(&sources, "mo/org-taipa-foods.pem", "mo/issuing-ca.pem"),
        Ok(RevocationStatus::Revoked {
            reason: Some(ReasonCode::AffiliationChanged),
            ..
        })
    ));
    assert!(matches!(
        status(&sources, "mo/org-cotai-trading.pem", "mo/issuing-ca.pem"),
        Ok(RevocationStatus::Good { .. })
    ));
}

#[test]
fn crl_entries_are_found_by_serial_value_whatever_its_encoding() {
    let crl = Crl::from_der(read("revocation/crl/hk-issuing-ca.crl")).unwrap();
    let issuer = cert("pki/hk/issuing-ca.pem");
    let issuer = issuer.parse().unwrap();
    let name = baytrust::cert::ComparableName::of(issuer.subject());
    assert!(crl.entry(&name, &[0x48, 0x11]).is_some());
    assert!(crl.entry(&name, &[0x00, 0x00, 0x48, 0x11]).is_some());
    assert!(crl.entry(&name, &[0x48, 0x10]).is_none());
    assert_eq!(crl.entry_count(), 1);
}

// ---- OCSP -------------------------------------------------------------------------

fn ocsp_source(responder: &str, delegated: bool, nocheck: bool) -> StatusSource {
    StatusSource::Ocsp {
        responder: responder.into(),
        produced_at: t("2026-05-15T00:00:00Z"),
        this_update: t("2026-05-15T00:00:00Z"),
        delegated,
        responder_nocheck: nocheck,
    }
}

#[test]
fn ocsp_good_from_a_delegated_responder_with_nocheck_is_good() {
    let sources = sources(&[], &["hk-good.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Good {
            source: ocsp_source(
                &subject("revocation/certs/hk-ocsp-responder.pem"),
                true,
                true
            ),
        })
    );
}

#[test]
fn ocsp_good_signed_by_the_ca_with_sha256_cert_id_and_key_hash_responder_is_good() {
    let sources = sources(&[], &["hk-good-sha256-by-ca.der"]);
    let status = status(
        &sources,
        "hk/org-harbour-logistics.pem",
        "hk/issuing-ca.pem",
    )
    .unwrap();
    let RevocationStatus::Good {
        source:
            StatusSource::Ocsp {
                responder,
                delegated: false,
                ..
            },
    } = status
    else {
        panic!("{status:?}");
    };
    assert!(responder.starts_with("key hash "), "{responder}");
}

#[test]
fn ocsp_revoked_gives_time_and_reason() {
    let sources = sources(&[], &["hk-revoked.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-kowloon-electronics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Revoked {
            time: t("2026-04-01T00:00:00Z"),
            reason: Some(ReasonCode::KeyCompromise),
            invalidity_date: None,
            source: ocsp_source(
                &subject("revocation/certs/hk-ocsp-responder.pem"),
                true,
                true
            ),
        })
    );
}

#[test]
fn ocsp_unknown_is_unknown() {
    let sources = sources(&[], &["hk-unknown.der"]);
    assert_eq!(
        status(&sources, "hk/org-overseas-branch.pem", "hk/issuing-ca.pem"),
        Ok(RevocationStatus::Unknown {
            source: ocsp_source(
                &subject("revocation/certs/hk-ocsp-responder.pem"),
                true,
                true
            ),
        })
    );
}

#[test]
fn stale_ocsp_response_is_refused_with_its_next_update() {
    let sources = sources(&[], &["hk-stale.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::OcspStale {
            serial: "4810".into(),
            next_update: t("2026-01-31T00:00:00Z"),
            time: validation_time(),
        })
    );
}

#[test]
fn ocsp_response_within_the_skew_of_its_this_update_is_accepted() {
    let sources = sources(&[], &["hk-good.der"]);
    let early = t("2026-05-14T23:59:00Z");
    assert_eq!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            early,
            0
        ),
        Err(Error::OcspNotYetValid {
            serial: "4810".into(),
            this_update: t("2026-05-15T00:00:00Z"),
            time: early,
        })
    );
    assert!(matches!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            early,
            60
        ),
        Ok(RevocationStatus::Good { .. })
    ));
}

#[test]
fn ocsp_response_signed_by_another_cas_responder_is_unauthorised() {
    let sources = sources(&[], &["hk-unauthorised-responder.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::OcspResponderUnauthorised {
            responder: subject("revocation/certs/mo-ocsp-responder.pem"),
        })
    );
}

#[test]
fn ocsp_response_signed_by_a_ca_certificate_without_ocsp_signing_is_refused() {
    let sources = sources(&[], &["hk-no-ocsp-signing.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::OcspResponderLacksOcspSigning {
            responder: subject("revocation/certs/hk-not-a-responder.pem"),
        })
    );
}

#[test]
fn ocsp_response_for_another_certificate_does_not_speak_for_this_one() {
    let response = OcspResponse::from_der(read("revocation/ocsp/hk-good.der")).unwrap();
    let leaf = cert("pki/hk/org-kowloon-electronics.pem");
    let issuer = cert("pki/hk/issuing-ca.pem");
    let (leaf, issuer) = (leaf.parse().unwrap(), issuer.parse().unwrap());
    assert_eq!(
        response.status_for(
            &leaf,
            &RevocationIssuer::of_certificate(&issuer),
            validation_time(),
            0,
            &Default::default()
        ),
        Err(Error::OcspCertIdMismatch {
            serial: "4811".into()
        })
    );
    let sources = sources(&[], &["hk-good.der"]);
    assert_eq!(
        status(
            &sources,
            "hk/org-kowloon-electronics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::NotChecked)
    );
}

#[test]
fn ocsp_cert_id_with_the_right_serial_under_another_issuer_does_not_match() {
    // Same serial, but the issuer name and key hashes are the HK CA's, not the MO CA's.
    let sources = sources(&[], &["hk-good.der"]);
    let leaf = cert("pki/hk/org-harbour-logistics.pem");
    let other_ca = cert("pki/mo/issuing-ca.pem");
    let (leaf, other_ca) = (leaf.parse().unwrap(), other_ca.parse().unwrap());
    assert_eq!(
        sources.status_of(
            &leaf,
            &RevocationIssuer::of_certificate(&other_ca),
            validation_time(),
            0
        ),
        Ok(RevocationStatus::NotChecked)
    );
}

#[test]
fn ocsp_response_with_a_tampered_signature_is_refused() {
    let mut der = read("revocation/ocsp/hk-good.der");
    let response = OcspResponse::from_der(der.clone()).unwrap();
    // Flip a byte inside the signature: the last bytes of tbsResponseData + algorithm
    // are followed by the BIT STRING; the certs follow it, so find the BIT STRING by
    // flipping the byte just before the embedded certificate.
    let cert_der = response.certificates().next().unwrap().to_vec();
    let at = der
        .windows(cert_der.len())
        .position(|w| w == cert_der.as_slice())
        .unwrap();
    // [0] EXPLICIT header (4 bytes) and SEQUENCE header (4 bytes) precede the cert.
    der[at - 9] ^= 0x01;
    let mut sources = RevocationSources::new();
    sources.add_ocsp_response(&der).unwrap();
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::OcspSignatureInvalid {
            responder: subject("revocation/certs/hk-ocsp-responder.pem"),
            cause: Box::new(Error::SignatureInvalid),
        })
    );
}

#[test]
fn ocsp_request_is_not_a_response() {
    assert!(matches!(
        OcspResponse::from_der(read("revocation/ocsp/hk-harbour.req.der")),
        Err(Error::OcspMalformed { .. })
    ));
}

#[test]
fn unsuccessful_ocsp_response_status_is_refused_by_name() {
    // OCSPResponse { responseStatus tryLater (3) }
    assert!(matches!(
        OcspResponse::from_der(vec![0x30, 0x03, 0x0A, 0x01, 0x03]),
        Err(Error::OcspUnsuccessful { status: "tryLater" })
    ));
    assert!(matches!(
        OcspResponse::from_der(vec![0x30, 0x03, 0x0A, 0x01, 0x06]),
        Err(Error::OcspUnsuccessful {
            status: "unauthorized"
        })
    ));
}

#[test]
fn ocsp_revoked_wins_over_a_crl_that_does_not_list_the_certificate() {
    // The CRL (05-01) predates nothing here; the OCSP answer is revoked: revoked wins.
    let sources = sources(&["hk-issuing-ca.crl"], &["hk-good.der", "hk-revoked.der"]);
    assert!(status(
        &sources,
        "hk/org-kowloon-electronics.pem",
        "hk/issuing-ca.pem"
    )
    .unwrap()
    .is_revoked());
    assert!(matches!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Good {
            source: StatusSource::Ocsp { .. }
        })
    ));
}

#[test]
fn a_refused_ocsp_response_does_not_hide_a_good_crl() {
    let sources = sources(&["hk-issuing-ca.crl"], &["hk-unauthorised-responder.der"]);
    assert!(matches!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Good {
            source: StatusSource::Crl { .. }
        })
    ));
}

#[test]
fn revocation_sources_refuse_pem_of_another_label() {
    let mut sources = RevocationSources::new();
    assert_eq!(
        sources.add_crl(&read("pki/hk/issuing-ca.pem")),
        Err(Error::PemWrongLabel {
            found: "CERTIFICATE".into(),
            expected: "X509 CRL"
        })
    );
    assert!(sources.is_empty());
}

#[test]
fn status_serialises_for_reports() {
    let sources = sources(&["hk-issuing-ca.crl"], &[]);
    let status = status(
        &sources,
        "hk/org-kowloon-electronics.pem",
        "hk/issuing-ca.pem",
    )
    .unwrap();
    let json = serde_json::to_value(&status).unwrap();
    assert_eq!(json["status"], "revoked");
    assert_eq!(json["reason"], "keyCompromise");
    assert_eq!(json["source"]["kind"], "crl");
    assert_eq!(json["time"], "2026-04-01T00:00:00Z");
}

/// A DER TLV (short and long lengths).
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

#[test]
fn cms_revocation_info_choices_carry_crls_and_ocsp_responses() {
    let mut sources = RevocationSources::new();
    // crl CertificateList
    assert_eq!(
        sources.add_revocation_info_choice(&read("revocation/crl/hk-issuing-ca.crl")),
        Ok(true)
    );
    // other [1] { id-ri-ocsp-response, OCSPResponse } (RFC 5940)
    let oid = [0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x10, 0x02];
    let other = tlv(
        0xA1,
        &[&oid[..], &read("revocation/ocsp/hk-revoked.der")].concat(),
    );
    assert_eq!(sources.add_revocation_info_choice(&other), Ok(true));
    // other [1] of a format baytrust does not read is skipped.
    let unknown = tlv(0xA1, &[0x06, 0x03, 0x2A, 0x03, 0x04, 0x05, 0x00]);
    assert_eq!(sources.add_revocation_info_choice(&unknown), Ok(false));
    assert_eq!(sources.crls().len(), 1);
    assert_eq!(sources.ocsp_responses().len(), 1);
    assert!(matches!(
        status(
            &sources,
            "hk/org-kowloon-electronics.pem",
            "hk/issuing-ca.pem"
        ),
        Ok(RevocationStatus::Revoked {
            source: StatusSource::Ocsp { .. },
            ..
        })
    ));
    assert!(matches!(
        sources.add_revocation_info_choice(&[0x04, 0x00]),
        Err(Error::CmsMalformed { .. })
    ));
}

#[test]
fn one_lookup_checks_a_bounded_number_of_sources() {
    // 300 forged CRLs with the issuer's name (as a hostile signature could embed):
    // the lookup stops at the budget instead of checking every signature.
    let forged = read("revocation/crl/hk-issuing-ca-wrong-key.crl");
    let mut sources = RevocationSources::new();
    for _ in 0..300 {
        sources.add_crl(&forged).unwrap();
    }
    sources
        .add_crl(&read("revocation/crl/hk-issuing-ca.crl"))
        .unwrap();
    assert_eq!(
        status(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem"
        ),
        Err(Error::BudgetExceeded {
            what: "revocation sources checked",
            limit: baytrust::revocation::MAX_SOURCES_CHECKED,
        })
    );
}

#[test]
fn expired_delegated_responder_certificate_is_refused() {
    // The responder's certificate ends 2027-01-01.
    let sources = sources(&[], &["hk-good.der"]);
    let time = t("2027-02-01T00:00:00Z");
    assert_eq!(
        status_at(
            &sources,
            "hk/org-harbour-logistics.pem",
            "hk/issuing-ca.pem",
            time,
            0
        ),
        Err(Error::OcspResponderCertificateInvalid {
            responder: subject("revocation/certs/hk-ocsp-responder.pem"),
            cause: Box::new(Error::CertificateExpired {
                depth: 0,
                time,
                not_after: t("2027-01-01T00:00:00Z"),
            }),
        })
    );
}

#[test]
fn no_single_byte_corruption_of_a_crl_or_ocsp_response_makes_a_revoked_certificate_good() {
    // Flip each byte: parsing and lookup must never panic, and a corrupted source must
    // never turn the revoked certificate good.
    let leaf = cert("pki/hk/org-kowloon-electronics.pem");
    let issuer = cert("pki/hk/issuing-ca.pem");
    let (leaf, issuer) = (leaf.parse().unwrap(), issuer.parse().unwrap());
    let issuer = RevocationIssuer::of_certificate(&issuer);
    for (file, is_crl) in [
        ("revocation/crl/hk-issuing-ca.crl", true),
        ("revocation/ocsp/hk-revoked.der", false),
    ] {
        let original = read(file);
        for at in 0..original.len() {
            let mut bytes = original.clone();
            bytes[at] ^= 0xFF;
            let mut sources = RevocationSources::new();
            let added = if is_crl {
                sources.add_crl(&bytes).is_ok()
            } else {
                sources.add_ocsp_response(&bytes).is_ok()
            };
            if !added {
                continue;
            }
            let status = sources.status_of(&leaf, &issuer, validation_time(), 0);
            assert!(
                !matches!(status, Ok(RevocationStatus::Good { .. })),
                "{file} byte {at}: {status:?}"
            );
        }
    }
}

#[test]
fn revocation_sources_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<RevocationSources>();
    shared::<Crl>();
    shared::<OcspResponse>();
}
