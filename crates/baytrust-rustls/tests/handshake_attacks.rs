//! Peers that present a recognised organisation's certificate without its private key
//! (a copied certificate) — the handshake signature, checked through rustls with the
//! ring provider's schemes, refuses them although baytrust passes the chain — and a
//! client that presents no certificate at all.

mod support;

use std::io;
use std::sync::Arc;

use baytrust::Jurisdiction;
use baytrust_rustls::{rejection_in_io, BaytrustClientCertVerifier, BaytrustServerCertVerifier};
use rustls::client::ResolvesClientCert;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{AlertDescription, CertificateError, ClientConfig, ServerConfig, SignatureScheme};
use support::handshake::{client_config, run, rustls_error, server_config, FixedTime};
use support::pki::{leaf, verifier_accepting_all, Leaf, LeafSpec};

const TLS13: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13];

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// `victim`'s certificate chain with `impostor`'s key: what someone who copied a
/// partner's certificate (public) but not its key can present.
fn copied_certificate(victim: &Leaf, impostor: &Leaf) -> Arc<CertifiedKey> {
    assert_ne!(victim.key_pkcs8, impostor.key_pkcs8);
    let key = provider()
        .key_provider
        .load_private_key(impostor.key())
        .unwrap();
    Arc::new(CertifiedKey::new(victim.chain.clone(), key))
}

#[derive(Debug)]
struct Presents(Arc<CertifiedKey>);

impl ResolvesClientCert for Presents {
    fn resolve(&self, _: &[&[u8]], _: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

impl ResolvesServerCert for Presents {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
}

/// A second organisation of the same jurisdiction (same algorithm, other key).
fn other_organisation(jurisdiction: Jurisdiction) -> Leaf {
    let mut spec = LeafSpec::of(jurisdiction);
    spec.serial = 200;
    spec.key_slot = "other-leaf";
    spec.org_id = match jurisdiction {
        Jurisdiction::Cn => "NTRCN-91110000600037341L",
        Jurisdiction::Hk => "NTRHK-87654321",
        Jurisdiction::Mo => "NTRMO-SO99999",
    };
    leaf(&spec)
}

fn assert_bad_signature<T: std::fmt::Debug>(side: &io::Result<T>) {
    let error = side.as_ref().unwrap_err();
    assert!(
        matches!(
            rustls_error(error),
            Some(rustls::Error::InvalidCertificate(
                CertificateError::BadSignature
            ))
        ),
        "{error:?}"
    );
    assert_eq!(rejection_in_io(error), None, "the chain itself passed");
}

#[test]
fn server_refuses_a_client_presenting_a_recognised_certificate_without_its_key() {
    // CN (ECDSA) and MO (Ed25519): the copied chain is signed for with a key of the
    // same algorithm that is not the certificate's.
    for jurisdiction in [Jurisdiction::Cn, Jurisdiction::Mo] {
        let victim = leaf(&LeafSpec::of(jurisdiction));
        let impostor = other_organisation(jurisdiction);
        let server_spec = LeafSpec::of(Jurisdiction::Hk);
        let client = Arc::new(
            ClientConfig::builder_with_details(provider(), Arc::new(FixedTime))
                .with_protocol_versions(TLS13)
                .unwrap()
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(BaytrustServerCertVerifier::new(
                    verifier_accepting_all(jurisdiction),
                )))
                .with_client_cert_resolver(Arc::new(Presents(copied_certificate(
                    &victim, &impostor,
                )))),
        );
        let outcome = run(
            server_config(
                &leaf(&server_spec),
                BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk)),
                TLS13,
            ),
            client,
            server_spec.dns_name,
            |_| (),
            |_| (),
        );
        assert_bad_signature(&outcome.server);
        assert!(outcome.client.is_err());
    }
}

#[test]
fn client_refuses_a_server_presenting_a_recognised_certificate_without_its_key() {
    let victim = leaf(&LeafSpec::of(Jurisdiction::Hk));
    let impostor = other_organisation(Jurisdiction::Hk);
    let server = Arc::new(
        ServerConfig::builder_with_details(provider(), Arc::new(FixedTime))
            .with_protocol_versions(TLS13)
            .unwrap()
            .with_client_cert_verifier(Arc::new(BaytrustClientCertVerifier::new(
                verifier_accepting_all(Jurisdiction::Hk),
            )))
            .with_cert_resolver(Arc::new(Presents(copied_certificate(&victim, &impostor)))),
    );
    let outcome = run(
        server,
        client_config(
            &leaf(&LeafSpec::of(Jurisdiction::Cn)),
            BaytrustServerCertVerifier::new(verifier_accepting_all(Jurisdiction::Cn)),
            TLS13,
        ),
        LeafSpec::of(Jurisdiction::Hk).dns_name,
        |_| (),
        |_| (),
    );
    assert_bad_signature(&outcome.client);
    let alert = outcome.server.as_ref().unwrap_err();
    assert!(
        matches!(
            rustls_error(alert),
            Some(rustls::Error::AlertReceived(AlertDescription::DecryptError))
        ),
        "{alert:?}"
    );
}

#[test]
fn server_refuses_a_client_that_presents_no_certificate() {
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let client = Arc::new(
        ClientConfig::builder_with_details(provider(), Arc::new(FixedTime))
            .with_protocol_versions(TLS13)
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(BaytrustServerCertVerifier::new(
                verifier_accepting_all(Jurisdiction::Cn),
            )))
            .with_no_client_auth(),
    );
    let outcome = run(
        server_config(
            &leaf(&server_spec),
            BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk)),
            TLS13,
        ),
        client,
        server_spec.dns_name,
        |_| (),
        |_| (),
    );
    let error = outcome.server.as_ref().unwrap_err();
    assert!(
        matches!(
            rustls_error(error),
            Some(rustls::Error::NoCertificatesPresented)
        ),
        "{error:?}"
    );
}
