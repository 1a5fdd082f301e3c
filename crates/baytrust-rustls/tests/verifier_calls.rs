//! The verifiers called as rustls calls them, without a handshake: the input caps, a
//! certificate baytrust cannot read, a clock out of range, a malformed stapled OCSP
//! response, the root hints and schemes offered, and `rejection` on errors that are
//! not baytrust's.

mod support;

use std::sync::Arc;
use std::time::Duration;

use baytrust::{Indication, Jurisdiction, SubIndication};
use baytrust_rustls::{
    rejection, BaytrustClientCertVerifier, BaytrustRejection, BaytrustServerCertVerifier, Error,
    MAX_INTERMEDIATES, TIME_OUT_OF_RANGE, TOO_MANY_INTERMEDIATES,
};
use proptest::prelude::*;
use rustls::client::danger::ServerCertVerifier;
use rustls::server::danger::ClientCertVerifier;
use rustls::{CertificateError, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use support::handshake::{now, server_config};
use support::pki::{leaf, verifier_accepting_all, LeafSpec};

fn client_verifier() -> BaytrustClientCertVerifier {
    BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk))
}

fn server_verifier() -> BaytrustServerCertVerifier {
    BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk))
}

fn refusal(error: rustls::Error) -> BaytrustRejection {
    rejection(&error)
        .unwrap_or_else(|| panic!("not a baytrust rejection: {error:?}"))
        .clone()
}

#[test]
fn a_valid_client_chain_is_verified_without_a_handshake() {
    let client = leaf(&LeafSpec::of(Jurisdiction::Cn));
    client_verifier()
        .verify_client_cert(&client.chain[0], &client.chain[1..], now())
        .unwrap();
}

#[test]
fn more_intermediates_than_the_cap_are_refused_before_any_is_parsed() {
    let client = leaf(&LeafSpec::of(Jurisdiction::Cn));
    let intermediates = vec![client.chain[1].clone(); MAX_INTERMEDIATES + 1];
    let error = client_verifier()
        .verify_client_cert(&client.chain[0], &intermediates, now())
        .unwrap_err();
    let rejection = refusal(error);
    assert_eq!(rejection.error_kind, TOO_MANY_INTERMEDIATES);
    assert_eq!(rejection.indication, Indication::Indeterminate);
    assert_eq!(
        rejection.sub_indication,
        Some(SubIndication::CertificateChainGeneralFailure)
    );
    assert_eq!(rejection.report, None);
}

#[test]
fn exactly_the_cap_of_intermediates_is_read() {
    let client = leaf(&LeafSpec::of(Jurisdiction::Cn));
    let intermediates = vec![client.chain[1].clone(); MAX_INTERMEDIATES];
    client_verifier()
        .verify_client_cert(&client.chain[0], &intermediates, now())
        .unwrap();
}

#[test]
fn a_certificate_that_is_not_der_is_refused_with_baytrusts_parse_error() {
    let garbage = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
    let error = client_verifier()
        .verify_client_cert(&garbage, &[], now())
        .unwrap_err();
    let rejection = refusal(error);
    assert_eq!(rejection.error_kind, "CertificateMalformed", "{rejection}");
    assert_eq!(rejection.indication, Indication::Indeterminate);
    assert_eq!(
        rejection.sub_indication,
        Some(SubIndication::CertificateChainGeneralFailure)
    );
}

#[test]
fn a_clock_past_what_baytrust_time_holds_is_refused_not_wrapped() {
    let client = leaf(&LeafSpec::of(Jurisdiction::Cn));
    let far = UnixTime::since_unix_epoch(Duration::from_secs(u64::MAX));
    let rejection = refusal(
        client_verifier()
            .verify_client_cert(&client.chain[0], &client.chain[1..], far)
            .unwrap_err(),
    );
    assert_eq!(rejection.error_kind, TIME_OUT_OF_RANGE);
}

#[test]
fn a_malformed_stapled_ocsp_response_is_refused() {
    let server = leaf(&LeafSpec::of(Jurisdiction::Hk));
    let name = ServerName::try_from("orders.harbour-logistics.hk.example").unwrap();
    let rejection = refusal(
        server_verifier()
            .verify_server_cert(
                &server.chain[0],
                &server.chain[1..],
                &name,
                b"\x30\x00",
                now(),
            )
            .unwrap_err(),
    );
    assert_eq!(rejection.error_kind, "OcspMalformed", "{rejection}");
    assert_eq!(rejection.indication, Indication::Indeterminate);
}

#[test]
fn root_hints_name_the_roots_of_every_loaded_list() {
    let hints = client_verifier().root_hint_subjects().to_vec();
    assert_eq!(hints.len(), 3);
    let server_hints = server_verifier().root_hint_subjects().unwrap().to_vec();
    let bytes = |names: &[rustls::DistinguishedName]| -> Vec<Vec<u8>> {
        names.iter().map(|n| n.as_ref().to_vec()).collect()
    };
    assert_eq!(bytes(&server_hints), bytes(&hints));
    for code in ["CN", "HK", "MO"] {
        let common_name = format!("TLS Test {code} Root CA");
        assert!(
            bytes(&hints).iter().any(|h| h
                .windows(common_name.len())
                .any(|w| w == common_name.as_bytes())),
            "no hint names {common_name}"
        );
    }
}

#[test]
fn supported_schemes_are_the_ring_providers_rsa_ecdsa_and_ed25519() {
    let schemes = client_verifier().supported_verify_schemes();
    for scheme in [
        SignatureScheme::ED25519,
        SignatureScheme::ECDSA_NISTP256_SHA256,
        SignatureScheme::ECDSA_NISTP384_SHA384,
        SignatureScheme::RSA_PSS_SHA256,
        SignatureScheme::RSA_PKCS1_SHA256,
    ] {
        assert!(schemes.contains(&scheme), "{scheme:?} missing: {schemes:?}");
    }
    assert_eq!(schemes, server_verifier().supported_verify_schemes());
}

#[test]
fn rejection_is_none_for_errors_baytrust_did_not_make() {
    assert_eq!(
        rejection(&rustls::Error::InvalidCertificate(
            CertificateError::Expired
        )),
        None
    );
    assert_eq!(
        rejection(&rustls::Error::InvalidCertificate(CertificateError::Other(
            rustls::OtherError(Arc::new(std::io::Error::other("not ours")))
        ))),
        None
    );
    assert_eq!(rejection(&rustls::Error::HandshakeNotComplete), None);
}

#[test]
fn peer_identity_before_the_handshake_is_no_peer_certificate() {
    let server = leaf(&LeafSpec::of(Jurisdiction::Hk));
    let verifier = client_verifier();
    let config = server_config(&server, verifier.clone(), &[&rustls::version::TLS13]);
    let connection = rustls::ServerConnection::new(config).unwrap();
    assert_eq!(
        verifier.peer_identity(&connection, now()),
        Err(Error::NoPeerCertificate)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any single-byte change to a recognised client certificate — its signed part,
    /// its signature or its DER framing — is refused with a typed rejection, never
    /// accepted, never a panic.
    #[test]
    fn a_changed_byte_of_a_recognised_certificate_is_always_refused(
        position in any::<prop::sample::Index>(),
        xor in 1u8..=255,
    ) {
        static VERIFIER: std::sync::OnceLock<BaytrustClientCertVerifier> =
            std::sync::OnceLock::new();
        static CLIENT: std::sync::OnceLock<support::pki::Leaf> = std::sync::OnceLock::new();
        let verifier = VERIFIER.get_or_init(client_verifier);
        let client = CLIENT.get_or_init(|| leaf(&LeafSpec::of(Jurisdiction::Cn)));
        let mut der = client.chain[0].as_ref().to_vec();
        let at = position.index(der.len());
        der[at] ^= xor;
        let error = verifier
            .verify_client_cert(&CertificateDer::from(der), &client.chain[1..], now())
            .unwrap_err();
        prop_assert!(rejection(&error).is_some(), "{error:?}");
    }
}

/// A bundled-lists relying party (CN, HK, MO) at the test time.
fn bundled_verifier() -> Arc<baytrust::Verifier> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
    let read = |path: String| std::fs::read(format!("{root}/{path}")).unwrap();
    let mut builder = baytrust::Verifier::builder();
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(format!("trust-lists/{code}.p7s")),
                &read(format!("pki/{code}/trust-list-operator-ca.pem")),
                support::pki::at(),
            )
            .unwrap();
    }
    Arc::new(builder.build().unwrap())
}

#[test]
fn an_sm2_entity_chain_is_recognised_but_no_sm2_handshake_scheme_is_offered() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
    let chain: Vec<CertificateDer<'static>> = baytrust::decode_certificates(
        &std::fs::read(format!("{root}/pki/cn-sm2/org-qianhai-tech-chain.pem")).unwrap(),
    )
    .unwrap()
    .into_iter()
    .map(|der| CertificateDer::from(der.as_ref().to_vec()))
    .collect();
    let verifier = BaytrustClientCertVerifier::new(bundled_verifier());
    // baytrust validates the SM2 chain and recognises the entity ...
    verifier
        .verify_client_cert(&chain[0], &chain[1..], now())
        .unwrap();
    // ... but rustls cannot verify an SM2 handshake signature: sm2sig_sm3 (RFC 8998,
    // 0x0708) is not among the schemes, so SM2 entities use `baytrust::auth`.
    let schemes = verifier.supported_verify_schemes();
    assert!(
        !schemes.contains(&SignatureScheme::from(0x0708)),
        "{schemes:?}"
    );
}
