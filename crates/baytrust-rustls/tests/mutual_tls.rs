//! Real rustls handshakes over loopback TCP between organisations of CN (ECDSA P-256),
//! HK (RSA) and MO (Ed25519), each side verifying the other with baytrust under its
//! own jurisdiction's policy: every directed pair of accepting jurisdictions connects
//! and learns the other's legal entity; each refusal — in both directions — reaches the
//! refusing application as a typed `BaytrustRejection` naming the rule.

mod support;

use std::io;

use baytrust::{Indication, Jurisdiction, OrgId, SubIndication};
use baytrust_rustls::{
    rejection_in_io, BaytrustClientCertVerifier, BaytrustRejection, BaytrustServerCertVerifier,
    ENTITY_MISMATCH, HOST_NAME_MISMATCH,
};
use rustls::AlertDescription;
use support::handshake::{client_config, now, run, rustls_error, server_config, Outcome};
use support::pki::{
    crl_revoking, leaf, verifier, verifier_accepting_all, Leaf, LeafSpec, JURISDICTIONS,
    OTHER_POLICY_DER,
};

const TLS13: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13];
const TLS12: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS12];

fn org_id(canonical: &str) -> OrgId {
    OrgId::read_canonical(canonical).unwrap()
}

/// What each side's application learnt of its peer: canonical OrgId and the
/// jurisdiction whose list recognised it.
type Seen = (String, Jurisdiction);

/// One handshake: a server of `server_leaf` verifying clients with `client_verifier`,
/// a client of `client_leaf` verifying the server with `server_verifier`, asking for
/// `server_name`.
fn handshake(
    server_leaf: &Leaf,
    client_verifier: BaytrustClientCertVerifier,
    client_leaf: &Leaf,
    server_verifier: BaytrustServerCertVerifier,
    server_name: &str,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Outcome<Seen, Seen> {
    let on_server = {
        let verifier = client_verifier.clone();
        move |conn: &rustls::ServerConnection| {
            let peer = verifier.peer_identity(conn, now()).unwrap();
            (
                peer.entity.org_id.canonical(),
                peer.recognition.unwrap().jurisdiction,
            )
        }
    };
    let on_client = {
        let verifier = server_verifier.clone();
        move |conn: &rustls::ClientConnection| {
            let peer = verifier.peer_identity(conn, now()).unwrap();
            (
                peer.entity.org_id.canonical(),
                peer.recognition.unwrap().jurisdiction,
            )
        }
    };
    run(
        server_config(server_leaf, client_verifier, versions),
        client_config(client_leaf, server_verifier, versions),
        server_name,
        on_server,
        on_client,
    )
}

/// The side's error is a baytrust refusal with this verdict; returns it.
fn refused<T: std::fmt::Debug>(
    side: &io::Result<T>,
    error_kind: &str,
    indication: Indication,
    sub_indication: Option<SubIndication>,
) -> BaytrustRejection {
    let error = side
        .as_ref()
        .expect_err("the handshake should have been refused");
    let rejection = rejection_in_io(error)
        .unwrap_or_else(|| panic!("not a baytrust rejection: {error:?}"))
        .clone();
    assert_eq!(rejection.error_kind, error_kind, "{rejection}");
    assert_eq!(rejection.indication, indication, "{rejection}");
    assert_eq!(rejection.sub_indication, sub_indication, "{rejection}");
    rejection
}

/// The other side learnt only that it was refused: a `certificate_unknown` alert.
fn got_certificate_unknown_alert<T: std::fmt::Debug>(side: &io::Result<T>) {
    let error = side
        .as_ref()
        .expect_err("the peer should have been refused");
    assert!(
        matches!(
            rustls_error(error),
            Some(rustls::Error::AlertReceived(
                AlertDescription::CertificateUnknown
            ))
        ),
        "{error:?}"
    );
}

// ---- every directed pair -------------------------------------------------------------

#[test]
fn every_directed_pair_of_accepting_jurisdictions_authenticates_each_other() {
    for &server_j in &JURISDICTIONS {
        for &client_j in &JURISDICTIONS {
            let server_spec = LeafSpec::of(server_j);
            let client_spec = LeafSpec::of(client_j);
            let outcome = handshake(
                &leaf(&server_spec),
                BaytrustClientCertVerifier::new(verifier(server_j, &[client_j], &[])),
                &leaf(&client_spec),
                BaytrustServerCertVerifier::new(verifier(client_j, &[server_j], &[])),
                server_spec.dns_name,
                TLS13,
            );
            let pair = format!("{server_j} server, {client_j} client");
            assert_eq!(
                outcome.server.expect(&pair),
                (client_spec.org_id.to_owned(), client_j),
                "{pair}"
            );
            assert_eq!(
                outcome.client.expect(&pair),
                (server_spec.org_id.to_owned(), server_j),
                "{pair}"
            );
        }
    }
}

#[test]
fn tls12_handshake_verifies_signatures_through_the_same_verifiers() {
    for (server_j, client_j) in [
        (Jurisdiction::Hk, Jurisdiction::Cn),
        (Jurisdiction::Cn, Jurisdiction::Mo),
    ] {
        let server_spec = LeafSpec::of(server_j);
        let client_spec = LeafSpec::of(client_j);
        let outcome = handshake(
            &leaf(&server_spec),
            BaytrustClientCertVerifier::new(verifier(server_j, &[client_j], &[])),
            &leaf(&client_spec),
            BaytrustServerCertVerifier::new(verifier(client_j, &[server_j], &[])),
            server_spec.dns_name,
            TLS12,
        );
        assert_eq!(
            outcome.server.unwrap(),
            (client_spec.org_id.to_owned(), client_j)
        );
        assert_eq!(
            outcome.client.unwrap(),
            (server_spec.org_id.to_owned(), server_j)
        );
    }
}

// ---- the server refuses the client ----------------------------------------------------

/// A HK server (accepting `accepted`, with `crls`) and a client of `client`.
fn hk_server_with_client(
    client: &LeafSpec,
    accepted: &[Jurisdiction],
    crls: &[Vec<u8>],
) -> Outcome<Seen, Seen> {
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    handshake(
        &leaf(&server_spec),
        BaytrustClientCertVerifier::new(verifier(Jurisdiction::Hk, accepted, crls)),
        &leaf(client),
        BaytrustServerCertVerifier::new(verifier_accepting_all(client.jurisdiction)),
        server_spec.dns_name,
        TLS13,
    )
}

#[test]
fn server_refuses_a_client_whose_jurisdiction_it_does_not_accept() {
    let outcome = hk_server_with_client(&LeafSpec::of(Jurisdiction::Mo), &[Jurisdiction::Cn], &[]);
    let rejection = refused(
        &outcome.server,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    assert!(
        rejection
            .reason
            .contains("this relying party does not accept the MO trust list"),
        "{rejection}"
    );
    let report = rejection.report.unwrap();
    assert_eq!(report.entity, None);
    assert_eq!(
        report.claimed_entity.unwrap().org_id.canonical(),
        "NTRMO-SO81234"
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_refuses_a_revoked_client_certificate() {
    let mut client = LeafSpec::of(Jurisdiction::Cn);
    client.serial = 666;
    let outcome = hk_server_with_client(
        &client,
        &[Jurisdiction::Cn],
        &[crl_revoking(Jurisdiction::Cn, 666)],
    );
    let rejection = refused(
        &outcome.server,
        "CertificateRevoked",
        Indication::Indeterminate,
        Some(SubIndication::RevokedNoPoe),
    );
    assert!(
        rejection
            .reason
            .contains("revoked at 2026-02-01T00:00:00Z (keyCompromise)"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_accepts_a_client_the_crl_does_not_revoke() {
    let outcome = hk_server_with_client(
        &LeafSpec::of(Jurisdiction::Cn),
        &[Jurisdiction::Cn],
        &[crl_revoking(Jurisdiction::Cn, 666)],
    );
    assert_eq!(
        outcome.server.unwrap(),
        ("NTRCN-91350100M000100Y43".to_owned(), Jurisdiction::Cn)
    );
}

#[test]
fn server_refuses_an_expired_client_certificate() {
    let mut client = LeafSpec::of(Jurisdiction::Mo);
    client.not_after = (2026, 3, 1);
    let outcome = hk_server_with_client(&client, &[Jurisdiction::Mo], &[]);
    refused(
        &outcome.server,
        "CertificateExpired",
        Indication::Indeterminate,
        Some(SubIndication::OutOfBoundsNoPoe),
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_refuses_a_client_certificate_under_a_policy_no_service_lists() {
    let mut client = LeafSpec::of(Jurisdiction::Cn);
    client.policy = OTHER_POLICY_DER;
    let outcome = hk_server_with_client(&client, &[Jurisdiction::Cn], &[]);
    let rejection = refused(
        &outcome.server,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    assert!(rejection.reason.contains("no listed policy"), "{rejection}");
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_refuses_a_client_under_an_issuing_ca_its_list_does_not_name() {
    let mut client = LeafSpec::of(Jurisdiction::Cn);
    client.unlisted_issuer = true;
    let outcome = hk_server_with_client(&client, &[Jurisdiction::Cn], &[]);
    let rejection = refused(
        &outcome.server,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    assert!(
        rejection
            .reason
            .contains("is not listed by any trust list service"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_pinning_a_client_entity_refuses_another_recognised_client() {
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let outcome = handshake(
        &leaf(&server_spec),
        BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk))
            .expect_entity(org_id("NTRCN-91110000600037341L")),
        &leaf(&LeafSpec::of(Jurisdiction::Cn)),
        BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Cn)),
        server_spec.dns_name,
        TLS13,
    );
    let rejection = refused(
        &outcome.server,
        ENTITY_MISMATCH,
        Indication::TotalPassed,
        None,
    );
    assert_eq!(
        rejection.expected_entity,
        Some(org_id("NTRCN-91110000600037341L"))
    );
    assert!(
        rejection.reason.contains("NTRCN-91350100M000100Y43"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.client);
}

// ---- the client refuses the server ----------------------------------------------------

/// A server of `server` and a CN client (accepting `accepted`, with `crls`), asking
/// for `server_name` (default: the server's own).
fn cn_client_with_server(
    server: &LeafSpec,
    server_verifier: BaytrustServerCertVerifier,
    server_name: Option<&str>,
) -> Outcome<Seen, Seen> {
    handshake(
        &leaf(server),
        BaytrustClientCertVerifier::new(verifier_accepting_all(server.jurisdiction)),
        &leaf(&LeafSpec::of(Jurisdiction::Cn)),
        server_verifier,
        server_name.unwrap_or(server.dns_name),
        TLS13,
    )
}

fn cn_server_verifier(accepted: &[Jurisdiction], crls: &[Vec<u8>]) -> BaytrustServerCertVerifier {
    BaytrustServerCertVerifier::new(verifier(Jurisdiction::Cn, accepted, crls))
}

#[test]
fn client_refuses_a_server_whose_jurisdiction_it_does_not_accept() {
    let outcome = cn_client_with_server(
        &LeafSpec::of(Jurisdiction::Mo),
        cn_server_verifier(&[Jurisdiction::Hk], &[]),
        None,
    );
    refused(
        &outcome.client,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    got_certificate_unknown_alert(&outcome.server);
}

#[test]
fn client_refuses_a_revoked_server_certificate() {
    let mut server = LeafSpec::of(Jurisdiction::Hk);
    server.serial = 4242;
    let outcome = cn_client_with_server(
        &server,
        cn_server_verifier(&[Jurisdiction::Hk], &[crl_revoking(Jurisdiction::Hk, 4242)]),
        None,
    );
    refused(
        &outcome.client,
        "CertificateRevoked",
        Indication::Indeterminate,
        Some(SubIndication::RevokedNoPoe),
    );
    got_certificate_unknown_alert(&outcome.server);
}

#[test]
fn client_refuses_an_expired_server_certificate() {
    let mut server = LeafSpec::of(Jurisdiction::Hk);
    server.not_after = (2026, 5, 31);
    let outcome =
        cn_client_with_server(&server, cn_server_verifier(&[Jurisdiction::Hk], &[]), None);
    refused(
        &outcome.client,
        "CertificateExpired",
        Indication::Indeterminate,
        Some(SubIndication::OutOfBoundsNoPoe),
    );
    got_certificate_unknown_alert(&outcome.server);
}

#[test]
fn client_refuses_a_server_certificate_under_a_policy_no_service_lists() {
    let mut server = LeafSpec::of(Jurisdiction::Mo);
    server.policy = OTHER_POLICY_DER;
    let outcome =
        cn_client_with_server(&server, cn_server_verifier(&[Jurisdiction::Mo], &[]), None);
    refused(
        &outcome.client,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    got_certificate_unknown_alert(&outcome.server);
}

#[test]
fn client_refuses_a_recognised_server_for_another_host_name() {
    let outcome = cn_client_with_server(
        &LeafSpec::of(Jurisdiction::Hk),
        cn_server_verifier(&[Jurisdiction::Hk], &[]),
        Some("orders.kowloon-electronics.hk.example"),
    );
    let rejection = refused(
        &outcome.client,
        HOST_NAME_MISMATCH,
        Indication::TotalPassed,
        None,
    );
    assert!(
        rejection
            .reason
            .contains("orders.kowloon-electronics.hk.example"),
        "{rejection}"
    );
    // The chain itself passed: the report names who the server really is.
    assert_eq!(
        rejection.report.unwrap().entity.unwrap().org_id.canonical(),
        "NTRHK-12345678"
    );
    let alert = outcome.server.as_ref().unwrap_err();
    assert!(
        matches!(
            rustls_error(alert),
            Some(rustls::Error::AlertReceived(
                AlertDescription::CertificateUnknown
            ))
        ),
        "{alert:?}"
    );
}

#[test]
fn client_pinning_the_server_entity_refuses_another_recognised_server() {
    let outcome = cn_client_with_server(
        &LeafSpec::of(Jurisdiction::Mo),
        cn_server_verifier(&[Jurisdiction::Hk, Jurisdiction::Mo], &[])
            .expect_entity(org_id("NTRHK-12345678")),
        None,
    );
    let rejection = refused(
        &outcome.client,
        ENTITY_MISMATCH,
        Indication::TotalPassed,
        None,
    );
    assert_eq!(rejection.expected_entity, Some(org_id("NTRHK-12345678")));
    got_certificate_unknown_alert(&outcome.server);
}

#[test]
fn client_pinning_the_server_entity_no_longer_needs_the_host_name() {
    let outcome = cn_client_with_server(
        &LeafSpec::of(Jurisdiction::Hk),
        cn_server_verifier(&[Jurisdiction::Hk], &[]).expect_entity(org_id("NTRHK-12345678")),
        Some("gateway.partner.example"),
    );
    assert_eq!(
        outcome.client.unwrap(),
        ("NTRHK-12345678".to_owned(), Jurisdiction::Hk)
    );
    assert_eq!(
        outcome.server.unwrap(),
        ("NTRCN-91350100M000100Y43".to_owned(), Jurisdiction::Cn)
    );
}

// ---- the TLS purpose ------------------------------------------------------------------

#[test]
fn server_refuses_a_client_certificate_whose_eku_is_server_only() {
    let mut client = LeafSpec::of(Jurisdiction::Mo);
    client.ekus = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let outcome = hk_server_with_client(&client, &[Jurisdiction::Mo], &[]);
    let rejection = refused(
        &outcome.server,
        "ExtendedKeyUsageMissing",
        Indication::Indeterminate,
        Some(SubIndication::ChainConstraintsFailure),
    );
    assert!(
        rejection.reason.contains("extendedKeyUsage without"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn server_refuses_a_client_certificate_for_non_repudiation_only() {
    let mut client = LeafSpec::of(Jurisdiction::Cn);
    client.key_usages = vec![rcgen::KeyUsagePurpose::ContentCommitment];
    let outcome = hk_server_with_client(&client, &[Jurisdiction::Cn], &[]);
    let rejection = refused(
        &outcome.server,
        "LeafKeyUsageMissing",
        Indication::Indeterminate,
        Some(SubIndication::ChainConstraintsFailure),
    );
    assert!(
        rejection.reason.contains("keyUsage does not allow client"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.client);
}

#[test]
fn client_refuses_a_server_certificate_whose_eku_is_client_only() {
    let mut server = LeafSpec::of(Jurisdiction::Hk);
    server.ekus = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let outcome =
        cn_client_with_server(&server, cn_server_verifier(&[Jurisdiction::Hk], &[]), None);
    let rejection = refused(
        &outcome.client,
        "ExtendedKeyUsageMissing",
        Indication::Indeterminate,
        Some(SubIndication::ChainConstraintsFailure),
    );
    assert!(
        rejection.reason.contains("extendedKeyUsage without"),
        "{rejection}"
    );
    got_certificate_unknown_alert(&outcome.server);
}

// ---- peer identity after the handshake ------------------------------------------------

#[test]
fn peer_identity_verifies_again_at_the_time_asked() {
    let server_spec = LeafSpec::of(Jurisdiction::Mo);
    let client_spec = LeafSpec::of(Jurisdiction::Hk);
    let client_verifier = BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Mo));
    let on_server = {
        let verifier = client_verifier.clone();
        move |conn: &rustls::ServerConnection| {
            let at_handshake = verifier.peer_identity(conn, now()).unwrap();
            // 2028-06-01: after the client certificate's notAfter (2028-01-01).
            let later = rustls_pki_types::UnixTime::since_unix_epoch(
                std::time::Duration::from_secs(1_843_430_400),
            );
            (at_handshake, verifier.peer_identity(conn, later))
        }
    };
    let outcome = run(
        server_config(&leaf(&server_spec), client_verifier, TLS13),
        client_config(
            &leaf(&client_spec),
            BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk)),
            TLS13,
        ),
        server_spec.dns_name,
        on_server,
        |_| (),
    );
    let (at_handshake, later) = outcome.server.unwrap();
    assert_eq!(at_handshake.entity.org_id.canonical(), "NTRHK-12345678");
    assert_eq!(
        at_handshake.entity.organisation,
        "Harbour Logistics Limited"
    );
    assert_eq!(
        at_handshake.entity.authorised_person.as_deref(),
        Some("Operations Gateway")
    );
    let recognition = at_handshake.recognition.unwrap();
    assert_eq!(recognition.jurisdiction, Jurisdiction::Hk);
    assert_eq!(
        recognition.service,
        "TLS Test HK Organisational Certificates"
    );
    assert_eq!(recognition.policy, "2.16.344.8.2.2008.810.2.2018.1.1");
    assert!(at_handshake.report.valid);
    match later {
        Err(baytrust_rustls::Error::Rejected(rejection)) => {
            assert_eq!(rejection.error_kind, "CertificateExpired", "{rejection}");
        }
        other => panic!("expected an expired rejection, got {other:?}"),
    }
}

#[test]
fn server_pinning_the_client_entity_accepts_it() {
    let server_spec = LeafSpec::of(Jurisdiction::Mo);
    let outcome = handshake(
        &leaf(&server_spec),
        BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Mo))
            .expect_entity(org_id("NTRCN-91350100M000100Y43")),
        &leaf(&LeafSpec::of(Jurisdiction::Cn)),
        BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Cn)),
        server_spec.dns_name,
        TLS13,
    );
    assert_eq!(
        outcome.server.unwrap(),
        ("NTRCN-91350100M000100Y43".to_owned(), Jurisdiction::Cn)
    );
}

// ---- plain anchors and resumed sessions -----------------------------------------------

#[test]
fn plain_anchors_authenticate_the_entity_without_a_recognition() {
    let pki = support::pki::pki();
    let anchors = |j: Jurisdiction| {
        std::sync::Arc::new(
            baytrust::Verifier::builder()
                .anchors(Jurisdiction::Cn, &pki.of(Jurisdiction::Cn).root)
                .unwrap()
                .anchors(Jurisdiction::Hk, &pki.of(Jurisdiction::Hk).root)
                .unwrap()
                .home(j)
                .build()
                .unwrap(),
        )
    };
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let client_verifier = BaytrustClientCertVerifier::new(anchors(Jurisdiction::Hk));
    let server_verifier = BaytrustServerCertVerifier::new(anchors(Jurisdiction::Cn));
    let outcome = run(
        server_config(&leaf(&server_spec), client_verifier.clone(), TLS13),
        client_config(
            &leaf(&LeafSpec::of(Jurisdiction::Cn)),
            server_verifier.clone(),
            TLS13,
        ),
        server_spec.dns_name,
        move |conn| client_verifier.peer_identity(conn, now()).unwrap(),
        move |conn| server_verifier.peer_identity(conn, now()).unwrap(),
    );
    let client = outcome.server.unwrap();
    assert_eq!(client.entity.org_id.canonical(), "NTRCN-91350100M000100Y43");
    assert_eq!(client.recognition, None);
    let server = outcome.client.unwrap();
    assert_eq!(server.entity.org_id.canonical(), "NTRHK-12345678");
    assert_eq!(server.recognition, None);
}

#[test]
fn a_resumed_session_still_yields_the_peer_identity_verified_again() {
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let client_verifier = BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk));
    let server = server_config(&leaf(&server_spec), client_verifier.clone(), TLS13);
    let client = client_config(
        &leaf(&LeafSpec::of(Jurisdiction::Mo)),
        BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Mo)),
        TLS13,
    );
    let mut kinds = Vec::new();
    for _ in 0..2 {
        let verifier = client_verifier.clone();
        let outcome = run(
            server.clone(),
            client.clone(),
            server_spec.dns_name,
            move |conn| {
                (
                    conn.handshake_kind(),
                    verifier.peer_identity(conn, now()).map(|p| p.entity.org_id),
                )
            },
            |_| (),
        );
        kinds.push(outcome.server.unwrap());
    }
    assert_eq!(kinds[0].0, Some(rustls::HandshakeKind::Full));
    assert_eq!(kinds[1].0, Some(rustls::HandshakeKind::Resumed));
    for (_, identity) in &kinds {
        assert_eq!(identity, &Ok(org_id("NTRMO-SO81234")));
    }
}

#[test]
fn a_ca_of_one_jurisdiction_cannot_vouch_for_a_pinned_entity_of_another() {
    // A CN-listed CA issues a certificate claiming Harbour Logistics' HK identifier,
    // with the subject's C=CN, then with C=HK.
    for (country, error_kind, fragment) in [
        (
            "CN",
            "IdentityConflict",
            "names a country other than the subject's C=CN",
        ),
        (
            "HK",
            "NotRecognised",
            "NTRHK-12345678 is not a CN identifier",
        ),
    ] {
        let mut server = LeafSpec::of(Jurisdiction::Cn);
        server.org_id = "NTRHK-12345678";
        server.organisation = "Harbour Logistics Limited";
        server.country = country;
        let outcome = cn_client_with_server(
            &server,
            cn_server_verifier(&[Jurisdiction::Hk], &[]).expect_entity(org_id("NTRHK-12345678")),
            None,
        );
        let rejection = refused(
            &outcome.client,
            error_kind,
            Indication::TotalFailed,
            Some(SubIndication::NotRecognised),
        );
        assert!(rejection.reason.contains(fragment), "{rejection}");
        assert_eq!(rejection.report.unwrap().entity, None);
        got_certificate_unknown_alert(&outcome.server);
    }
}

#[test]
fn tls12_refusals_carry_the_same_typed_reason_in_both_directions() {
    // The server refuses an expired MO client ...
    let mut client = LeafSpec::of(Jurisdiction::Mo);
    client.not_after = (2026, 3, 1);
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let outcome = handshake(
        &leaf(&server_spec),
        BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk)),
        &leaf(&client),
        BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Mo)),
        server_spec.dns_name,
        TLS12,
    );
    refused(
        &outcome.server,
        "CertificateExpired",
        Indication::Indeterminate,
        Some(SubIndication::OutOfBoundsNoPoe),
    );
    got_certificate_unknown_alert(&outcome.client);

    // ... and a CN client refuses a HK server its list does not accept.
    let outcome = handshake(
        &leaf(&server_spec),
        BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk)),
        &leaf(&LeafSpec::of(Jurisdiction::Cn)),
        cn_server_verifier(&[Jurisdiction::Mo], &[]),
        server_spec.dns_name,
        TLS12,
    );
    refused(
        &outcome.client,
        "NotRecognised",
        Indication::TotalFailed,
        Some(SubIndication::NotRecognised),
    );
    got_certificate_unknown_alert(&outcome.server);
}
