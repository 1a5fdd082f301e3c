//! The server's stapled OCSP response is one more revocation source for the client's
//! verifier: with revocation required, a good staple lets the bundled Harbour
//! Logistics server in, no staple is `TRY_LATER`, a staple saying revoked refuses
//! the bundled Kowloon Electronics server, and a staple that does not vouch for the
//! server (another certificate's, stale, from an unauthorised responder) is no status. (Bundled PKI, lists and OpenSSL-made OCSP
//! responses of `testdata/revocation`; the issuing CA's status comes from the HK
//! root's CRL.)

mod support;

use std::sync::Arc;

use baytrust::{Indication, Jurisdiction, OrgId, RevocationMode, SubIndication, Time, Verifier};
use baytrust_rustls::{rejection_in_io, BaytrustClientCertVerifier, BaytrustServerCertVerifier};
use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use support::handshake::{client_config, now, run, FixedTime};
use support::pki::{leaf, verifier_accepting_all, LeafSpec};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A CN client's relying party over the bundled lists, revocation required.
fn requiring_revocation() -> Arc<Verifier> {
    let now = Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut builder = Verifier::builder()
        .home(Jurisdiction::Cn)
        .revocation(RevocationMode::Require);
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(&format!("trust-lists/{code}.p7s")),
                &read(&format!("pki/{code}/trust-list-operator-ca.pem")),
                now,
            )
            .unwrap();
    }
    Arc::new(
        builder
            .crl(&read("revocation/crl/hk-root-ca.crl"))
            .unwrap()
            .build()
            .unwrap(),
    )
}

/// A bundled HK organisation's server, stapling `ocsp` (empty: none).
fn bundled_server(org: &str, ocsp: Vec<u8>) -> Arc<ServerConfig> {
    let chain = CertificateDer::pem_file_iter(format!("{TESTDATA}/pki/hk/org-{org}-chain.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(format!(
        "{TESTDATA}/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-{org}.key.pem"
    ))
    .unwrap();
    Arc::new(
        ServerConfig::builder_with_details(
            Arc::new(rustls::crypto::ring::default_provider()),
            Arc::new(FixedTime),
        )
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .with_client_cert_verifier(Arc::new(BaytrustClientCertVerifier::new(
            verifier_accepting_all(Jurisdiction::Hk),
        )))
        .with_single_cert_with_ocsp(chain, key, ocsp)
        .unwrap(),
    )
}

/// Connects a CN client pinning `expected` to `server`; the client's verdict, and
/// after the handshake the server's identity, re-verified with the remembered staple.
fn connect(server: Arc<ServerConfig>, expected: &str) -> std::io::Result<OrgId> {
    let verifier = BaytrustServerCertVerifier::new(requiring_revocation())
        .expect_entity(OrgId::read_canonical(expected).unwrap());
    let on_client = {
        let verifier = verifier.clone();
        move |conn: &rustls::ClientConnection| verifier.peer_identity(conn, now())
    };
    let outcome = run(
        server,
        client_config(
            &leaf(&LeafSpec::of(Jurisdiction::Cn)),
            verifier,
            &[&rustls::version::TLS13],
        ),
        "harbour-logistics.hk.example",
        |_| (),
        on_client,
    );
    outcome
        .client
        .map(|identity| identity.unwrap().entity.org_id)
}

#[test]
fn a_good_stapled_response_satisfies_required_revocation() {
    let server = bundled_server("harbour-logistics", read("revocation/ocsp/hk-good.der"));
    assert_eq!(
        connect(server, "NTRHK-12345678").unwrap(),
        OrgId::read_canonical("NTRHK-12345678").unwrap()
    );
}

#[test]
fn no_staple_under_required_revocation_is_try_later() {
    let server = bundled_server("harbour-logistics", Vec::new());
    let error = connect(server, "NTRHK-12345678").unwrap_err();
    let rejection = rejection_in_io(&error).unwrap();
    assert_eq!(
        rejection.error_kind, "RevocationStatusUnavailable",
        "{rejection}"
    );
    assert_eq!(rejection.indication, Indication::Indeterminate);
    assert_eq!(rejection.sub_indication, Some(SubIndication::TryLater));
}

#[test]
fn a_stapled_revoked_response_refuses_the_server() {
    let server = bundled_server(
        "kowloon-electronics",
        read("revocation/ocsp/hk-revoked.der"),
    );
    let error = connect(server, "NTRHK-87654321").unwrap_err();
    let rejection = rejection_in_io(&error).unwrap();
    assert_eq!(rejection.error_kind, "CertificateRevoked", "{rejection}");
    assert_eq!(rejection.indication, Indication::Indeterminate);
    assert_eq!(rejection.sub_indication, Some(SubIndication::RevokedNoPoe));
    assert!(
        rejection.reason.contains("revoked at 2026-04-01T00:00:00Z"),
        "{rejection}"
    );
}

#[test]
fn staples_that_do_not_vouch_for_the_server_do_not_satisfy_required_revocation() {
    for (org, staple, expected) in [
        // Harbour Logistics' good response stapled by Kowloon Electronics' server.
        (
            "kowloon-electronics",
            "hk-good.der",
            "no CRL or OCSP response covers it",
        ),
        // Harbour Logistics' good response, but past its nextUpdate.
        ("harbour-logistics", "hk-stale.der", "is stale"),
        // Signed by the MO responder, which may not speak for the HK issuing CA.
        (
            "harbour-logistics",
            "hk-unauthorised-responder.der",
            "is not authorised by the certificate's issuer",
        ),
        // Signed by a certificate of the HK CA without id-kp-OCSPSigning.
        (
            "harbour-logistics",
            "hk-no-ocsp-signing.der",
            "lacks id-kp-OCSPSigning",
        ),
    ] {
        let server = bundled_server(org, read(&format!("revocation/ocsp/{staple}")));
        let expected_entity = if org == "harbour-logistics" {
            "NTRHK-12345678"
        } else {
            "NTRHK-87654321"
        };
        let error = connect(server, expected_entity).unwrap_err();
        let rejection =
            rejection_in_io(&error).unwrap_or_else(|| panic!("{org} {staple}: {error:?}"));
        assert_eq!(
            rejection.error_kind, "RevocationStatusUnavailable",
            "{rejection}"
        );
        assert_eq!(rejection.indication, Indication::Indeterminate);
        assert_eq!(rejection.sub_indication, Some(SubIndication::TryLater));
        assert!(
            rejection.reason.contains(expected),
            "{org} {staple}: {rejection}"
        );
    }
}
