//! `BaytrustServerCertVerifier`: the rustls `ServerCertVerifier` a client installs so
//! that it completes the handshake only with a server whose organisation certificate
//! its jurisdiction recognises, for the host name it asked for or for the legal entity
//! it pinned.

use std::sync::Arc;

use baytrust::{ChainReport, OrgId, Purpose, Verifier};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::server::ParsedCertificate;
use rustls::{CommonState, DigitallySignedStruct, DistinguishedName, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use crate::peer_check::PeerCheck;
use crate::peer_identity::{identity_of, PeerIdentity};
use crate::rejection::{BaytrustRejection, HOST_NAME_MISMATCH};
use crate::staple_memory::StapleMemory;
use crate::Error;

/// Verifies TLS server certificates with a [`baytrust::Verifier`]: RFC 5280 for TLS
/// server authentication (EKU `serverAuth` when an EKU is present) under the
/// verifier's store and relying-party policy, the trust lists' issuing CAs, revocation
/// (the verifier's CRLs and OCSP responses, and the server's stapled OCSP response),
/// recognition by a list the relying party accepts, and a validated
/// [`baytrust::LegalEntity`] — at rustls's `now`. Then either:
///
/// - by default, the **host name**: the certificate must be valid for the name the
///   client connected to, by rustls/webpki's rules (`subjectAltName` dNSName or
///   iPAddress; the subject CN is not read), else [`HOST_NAME_MISMATCH`]; or
/// - with [`expect_entity`](Self::expect_entity), **instead**, the legal entity: the
///   server's validated entity must be the one pinned, else
///   [`ENTITY_MISMATCH`](crate::ENTITY_MISMATCH). Organisation certificates often carry
///   no host name; pinning the entity is what a cross-border partner means anyway.
///
/// A refusal is a [`BaytrustRejection`](crate::BaytrustRejection) inside the handshake
/// error (see [`rejection`](crate::rejection)). Handshake signatures are checked by
/// rustls with the ring provider's schemes (RSA, ECDSA, Ed25519); SM2 entities
/// authenticate with `baytrust::auth`.
#[derive(Debug, Clone)]
pub struct BaytrustServerCertVerifier {
    check: PeerCheck,
    /// Shared by clones, so the verifier kept for `peer_identity` sees the staples the
    /// one installed in the `ClientConfig` received.
    staples: Arc<StapleMemory>,
}

impl BaytrustServerCertVerifier {
    /// A verifier of servers under `verifier`'s trust and policy, checking host names.
    pub fn new(verifier: Arc<Verifier>) -> Self {
        Self {
            check: PeerCheck::new(verifier, Purpose::Server),
            staples: Arc::default(),
        }
    }

    /// Accepts only a server whose validated legal entity is `org_id`, and no longer
    /// checks the host name.
    pub fn expect_entity(mut self, org_id: OrgId) -> Self {
        self.check.expected_entity = Some(org_id);
        self
    }

    /// The server's legal entity and recognition after the handshake on `connection`
    /// (a `rustls::ClientConnection`): its certificates verified again at `now` with
    /// the pinned entity when one is set (the host name was checked by the handshake),
    /// and with the OCSP response the server stapled, which this verifier (or a clone
    /// of it) remembers for the last
    /// [`MAX_REMEMBERED_STAPLES`](crate::MAX_REMEMBERED_STAPLES) servers it accepted.
    ///
    /// Errors: [`Error::NoPeerCertificate`] before the server's certificate arrived,
    /// [`Error::Rejected`] when the chain does not pass at `now`.
    pub fn peer_identity(
        &self,
        connection: &CommonState,
        now: UnixTime,
    ) -> Result<PeerIdentity, Error> {
        identity_of(&self.check, connection, now, |end_entity| {
            self.staples.recall(end_entity)
        })
    }

    fn check_host_name(
        end_entity: &CertificateDer<'_>,
        server_name: &ServerName<'_>,
        report: ChainReport,
    ) -> Result<ChainReport, BaytrustRejection> {
        let outcome = ParsedCertificate::try_from(end_entity)
            .and_then(|parsed| rustls::client::verify_server_name(&parsed, server_name));
        match outcome {
            Ok(()) => Ok(report),
            Err(error) => Err(BaytrustRejection::binding(
                HOST_NAME_MISMATCH,
                format!(
                    "the certificate is not valid for the server name {}: {error}",
                    server_name.to_str()
                ),
                Some(report),
            )),
        }
    }
}

impl ServerCertVerifier for BaytrustServerCertVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.check
            .chain_verdict(end_entity, intermediates, ocsp_response, now)
            .and_then(|report| match self.check.expected_entity {
                Some(_) => self.check.check_expected_entity(report),
                None => Self::check_host_name(end_entity, server_name, report),
            })
            .map_err(|rejection| rejection.into_rustls_error())?;
        // Only the staples of servers accepted are worth remembering.
        self.staples.remember(end_entity.as_ref(), ocsp_response);
        Ok(ServerCertVerified::assertion())
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

    fn root_hint_subjects(&self) -> Option<&[DistinguishedName]> {
        Some(&self.check.root_hints)
    }
}
