//! `BaytrustClientCertVerifier`: the rustls `ClientCertVerifier` a server installs so
//! that only clients whose organisation certificates its jurisdiction recognises
//! complete the handshake.

use std::sync::Arc;

use baytrust::{OrgId, Purpose, Verifier};
use rustls::client::danger::HandshakeSignatureValid;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{CommonState, DigitallySignedStruct, DistinguishedName, SignatureScheme};
use rustls_pki_types::{CertificateDer, UnixTime};

use crate::peer_check::PeerCheck;
use crate::peer_identity::{identity_of, PeerIdentity};
use crate::Error;

/// Verifies TLS client certificates with a [`baytrust::Verifier`]: RFC 5280 for TLS
/// client authentication (EKU `clientAuth` when an EKU is present) under the
/// verifier's store and relying-party policy, the trust lists' issuing CAs, revocation
/// (the verifier's CRLs and OCSP responses), recognition by a list the relying party
/// accepts, and a validated [`baytrust::LegalEntity`] — at rustls's `now`.
///
/// Client authentication is mandatory. A refusal is a
/// [`BaytrustRejection`](crate::BaytrustRejection) inside the handshake error (see
/// [`rejection`](crate::rejection)).
///
/// Handshake signatures are checked by rustls with the ring provider's schemes (RSA
/// PKCS#1 and PSS, ECDSA P-256/P-384, Ed25519): TLS has no SM2 here, so SM2 entities
/// authenticate with `baytrust::auth`.
///
/// `root_hint_subjects` are the subjects of the verifier's anchors that rustls can read
/// (every loaded list's roots and the plain anchors).
#[derive(Debug, Clone)]
pub struct BaytrustClientCertVerifier {
    check: PeerCheck,
}

impl BaytrustClientCertVerifier {
    /// A verifier of clients under `verifier`'s trust and policy.
    pub fn new(verifier: Arc<Verifier>) -> Self {
        Self {
            check: PeerCheck::new(verifier, Purpose::Client),
        }
    }

    /// Accepts only a client whose validated legal entity is `org_id` (in addition to
    /// every other check).
    pub fn expect_entity(mut self, org_id: OrgId) -> Self {
        self.check.expected_entity = Some(org_id);
        self
    }

    /// The client's legal entity and recognition after the handshake on `connection`
    /// (a `rustls::ServerConnection`): its certificates verified again, by the same
    /// rules, at `now` (pass the handshake's time to get the handshake's verdict).
    ///
    /// Errors: [`Error::NoPeerCertificate`] before the client's certificate arrived,
    /// [`Error::Rejected`] when the chain does not pass at `now`.
    pub fn peer_identity(
        &self,
        connection: &CommonState,
        now: UnixTime,
    ) -> Result<PeerIdentity, Error> {
        identity_of(&self.check, connection, now, |_| None)
    }
}

impl ClientCertVerifier for BaytrustClientCertVerifier {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.check.root_hints
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        self.check
            .chain_verdict(end_entity, intermediates, &[], now)
            .and_then(|report| self.check.check_expected_entity(report))
            .map(|_| ClientCertVerified::assertion())
            .map_err(|rejection| rejection.into_rustls_error())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.check.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.check.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.check.supported_verify_schemes()
    }
}
