//! The check both verifiers run on a peer's certificate chain: rustls's inputs turned
//! into baytrust's (`UnixTime` → [`Time`], DER copies, a cap on intermediates), the
//! verdict of [`Verifier::verify_certificate`] for the TLS purpose, then the pinned
//! legal entity. Also the TLS handshake-signature checks and root hints they share.

use std::sync::Arc;

use baytrust::{ChainOptions, ChainReport, OrgId, Purpose, RevocationSources, Time, Verifier};
use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::{DigitallySignedStruct, DistinguishedName, RootCertStore, SignatureScheme};
use rustls_pki_types::{CertificateDer, UnixTime};

use crate::rejection::{
    BaytrustRejection, ENTITY_MISMATCH, NO_LEGAL_ENTITY, TIME_OUT_OF_RANGE, TOO_MANY_INTERMEDIATES,
};

/// Most intermediate certificates a peer may send: 8. Deployed GBA paths hold one
/// issuing CA (the trust lists supply it anyway), and baytrust's paths hold at most 10
/// certificates; a longer list is refused before any is parsed.
pub const MAX_INTERMEDIATES: usize = 8;

/// What one verifier checks its peers against.
#[derive(Debug, Clone)]
pub(crate) struct PeerCheck {
    pub(crate) verifier: Arc<Verifier>,
    pub(crate) purpose: Purpose,
    pub(crate) expected_entity: Option<OrgId>,
    pub(crate) algorithms: WebPkiSupportedAlgorithms,
    pub(crate) root_hints: Vec<DistinguishedName>,
}

impl PeerCheck {
    pub(crate) fn new(verifier: Arc<Verifier>, purpose: Purpose) -> Self {
        let root_hints = root_hints(&verifier);
        Self {
            verifier,
            purpose,
            expected_entity: None,
            algorithms: rustls::crypto::ring::default_provider().signature_verification_algorithms,
            root_hints,
        }
    }

    /// baytrust's verdict on `end_entity` (with `intermediates` and, for a server, its
    /// stapled OCSP response) at `now`, for this check's purpose. `Ok` only for a chain
    /// that passed and names a validated legal entity. The pinned entity is not checked
    /// here ([`Self::check_expected_entity`]).
    pub(crate) fn chain_verdict(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        stapled_ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ChainReport, BaytrustRejection> {
        if intermediates.len() > MAX_INTERMEDIATES {
            return Err(BaytrustRejection::binding(
                TOO_MANY_INTERMEDIATES,
                format!(
                    "the peer sent {} intermediate certificates; at most {MAX_INTERMEDIATES} \
                     are read",
                    intermediates.len()
                ),
                None,
            ));
        }
        let time = baytrust_time(now)?;
        let leaf = baytrust::CertificateDer::from_vec(end_entity.as_ref().to_vec());
        let pool: Vec<baytrust::CertificateDer> = intermediates
            .iter()
            .map(|der| baytrust::CertificateDer::from_vec(der.as_ref().to_vec()))
            .collect();
        let mut stapled = RevocationSources::new();
        if !stapled_ocsp.is_empty() {
            stapled
                .add_ocsp_response(stapled_ocsp)
                .map_err(|error| BaytrustRejection::of_error(&error))?;
        }
        let mut options = ChainOptions::new(time);
        options.purpose = self.purpose;
        if !stapled.is_empty() {
            options.revocation.sources.push(&stapled);
        }
        let report = self
            .verifier
            .verify_certificate(&leaf, &pool, &options)
            .map_err(|error| BaytrustRejection::of_error(&error))?;
        if !report.valid {
            return Err(BaytrustRejection::of_report(report));
        }
        if report.entity.is_none() {
            return Err(BaytrustRejection::binding(
                NO_LEGAL_ENTITY,
                "the certificate path is valid but names no legal entity baytrust could \
                 validate"
                    .to_owned(),
                Some(report),
            ));
        }
        Ok(report)
    }

    /// Refuses a passed `report` whose entity is not the pinned one, when one is.
    pub(crate) fn check_expected_entity(
        &self,
        report: ChainReport,
    ) -> Result<ChainReport, BaytrustRejection> {
        let Some(expected) = &self.expected_entity else {
            return Ok(report);
        };
        let found = report.entity.as_ref().map(|entity| entity.org_id.clone());
        if found.as_ref() == Some(expected) {
            return Ok(report);
        }
        let found_text = found.map_or_else(|| "no entity".to_owned(), |id| id.canonical());
        let mut rejection = BaytrustRejection::binding(
            ENTITY_MISMATCH,
            format!(
                "the peer is {found_text}, not the expected legal entity {}",
                expected.canonical()
            ),
            Some(report),
        );
        rejection.expected_entity = Some(expected.clone());
        Err(rejection)
    }

    pub(crate) fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    pub(crate) fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    pub(crate) fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// rustls's `now` as a baytrust [`Time`] (whole seconds; a time past `i64::MAX`
/// seconds is refused, never wrapped).
pub(crate) fn baytrust_time(now: UnixTime) -> Result<Time, BaytrustRejection> {
    i64::try_from(now.as_secs())
        .map(Time::from_unix_seconds)
        .map_err(|_| {
            BaytrustRejection::binding(
                TIME_OUT_OF_RANGE,
                format!(
                    "the current time, {} s after 1970, is out of range",
                    now.as_secs()
                ),
                None,
            )
        })
}

/// The subjects of every anchor of the verifier's store (trust-list roots and plain
/// anchors), as rustls parses them; an anchor rustls/webpki cannot read (an SM2 root,
/// say) is left out of the hints, not out of the trust.
fn root_hints(verifier: &Verifier) -> Vec<DistinguishedName> {
    let mut store = RootCertStore::empty();
    let anchors = verifier
        .store()
        .anchors()
        .iter()
        .map(|anchor| CertificateDer::from(anchor.der().to_vec()));
    let _ = store.add_parsable_certificates(anchors);
    store.subjects()
}
