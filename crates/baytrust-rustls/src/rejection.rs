//! `BaytrustRejection`: why a baytrust verifier refused a TLS peer, carried inside the
//! `rustls::Error` the handshake fails with, and read back out of it (or out of the
//! `std::io::Error` a `rustls::StreamOwned` returns) by [`rejection`] and
//! [`rejection_in_io`].

use std::fmt;
use std::sync::Arc;

use baytrust::{ChainReport, Indication, OrgId, SubIndication};
use rustls::{CertificateError, OtherError};

/// [`BaytrustRejection::error_kind`] when the chain passed but the certificate is not
/// valid for the server name the client connected to (rustls/webpki name rules).
pub const HOST_NAME_MISMATCH: &str = "HostNameMismatch";
/// [`BaytrustRejection::error_kind`] when the chain passed but the peer's validated
/// legal entity is not the one the caller pinned (`expect_entity`).
pub const ENTITY_MISMATCH: &str = "EntityMismatch";
/// [`BaytrustRejection::error_kind`] when the chain passed but names no legal entity
/// baytrust could validate (possible with plain anchors only).
pub const NO_LEGAL_ENTITY: &str = "NoLegalEntity";
/// [`BaytrustRejection::error_kind`] when the peer sent more intermediate certificates
/// than [`MAX_INTERMEDIATES`](crate::MAX_INTERMEDIATES).
pub const TOO_MANY_INTERMEDIATES: &str = "TooManyIntermediates";
/// [`BaytrustRejection::error_kind`] when rustls's `now` is past what a
/// [`baytrust::Time`] holds (year 292 billion): refused rather than wrapped.
pub const TIME_OUT_OF_RANGE: &str = "TimeOutOfRange";

/// Why a peer was refused, in baytrust's terms.
///
/// For a chain that did not pass, `indication`, `sub_indication`, `error_kind` and
/// `reason` are the [`ChainReport`]'s (`TOTAL_FAILED / REVOKED`, `CertificateRevoked`, …;
/// `error_kind` is [`baytrust::Error::kind`] of the broken rule, or `NotRecognised`…).
/// For a chain that passed but is refused by the TLS binding — a host name mismatch,
/// a pinned entity mismatch, no legal entity — `indication` stays `TOTAL_PASSED` (the
/// chain is fine) and `error_kind` is one of [`HOST_NAME_MISMATCH`],
/// [`ENTITY_MISMATCH`], [`NO_LEGAL_ENTITY`]. A certificate baytrust cannot read gets
/// the error's own kind (`CertificateMalformed`, …) and sub-indication; a refusal
/// before baytrust ran ([`TOO_MANY_INTERMEDIATES`], [`TIME_OUT_OF_RANGE`]) is
/// `INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE`. `report` is the full chain
/// report whenever baytrust produced one (to show the chain and the
/// `claimed_entity`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BaytrustRejection {
    /// The ETSI EN 319 102-1 indication of the peer's certificate path.
    pub indication: Indication,
    /// Its sub-indication (`None` when the path passed and the binding failed).
    pub sub_indication: Option<SubIndication>,
    /// The name of the rule that refused the peer (`CertificateExpired`,
    /// `NotRecognised`, [`HOST_NAME_MISMATCH`], …).
    pub error_kind: &'static str,
    /// The reason as a sentence naming the rule and the certificate.
    pub reason: String,
    /// The pinned entity, for [`ENTITY_MISMATCH`].
    pub expected_entity: Option<OrgId>,
    /// baytrust's report on the peer's chain, when one was made.
    pub report: Option<Box<ChainReport>>,
}

impl BaytrustRejection {
    /// The rejection of a chain baytrust did not pass.
    pub(crate) fn of_report(report: ChainReport) -> Self {
        Self {
            indication: report.indication,
            sub_indication: report.sub_indication,
            error_kind: report.error_kind.unwrap_or("NotValid"),
            reason: report
                .error
                .clone()
                .unwrap_or_else(|| "the certificate path did not pass".to_owned()),
            expected_entity: None,
            report: Some(Box::new(report)),
        }
    }

    /// The rejection of a certificate baytrust refused to read (`verify_certificate`
    /// returned an error: not DER, broken profile…).
    pub(crate) fn of_error(error: &baytrust::Error) -> Self {
        let sub_indication = SubIndication::of_chain_error(error);
        Self {
            indication: sub_indication.indication(),
            sub_indication: Some(sub_indication),
            error_kind: error.kind(),
            reason: error.to_string(),
            expected_entity: None,
            report: None,
        }
    }

    /// A refusal by a rule of this crate, before or after baytrust's verdict.
    pub(crate) fn binding(
        error_kind: &'static str,
        reason: String,
        report: Option<ChainReport>,
    ) -> Self {
        let (indication, sub_indication) = match &report {
            Some(report) => (report.indication, report.sub_indication),
            None => (
                Indication::Indeterminate,
                Some(SubIndication::CertificateChainGeneralFailure),
            ),
        };
        Self {
            indication,
            sub_indication,
            error_kind,
            reason,
            expected_entity: None,
            report: report.map(Box::new),
        }
    }

    /// The `rustls::Error` a verifier returns for this rejection:
    /// `InvalidCertificate(CertificateError::Other(OtherError(Arc<BaytrustRejection>)))`.
    /// rustls then sends the peer a `certificate_unknown` alert; the specific reason
    /// stays on this side, in the error ([`rejection`]).
    pub fn into_rustls_error(self) -> rustls::Error {
        rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(self))))
    }
}

impl fmt::Display for BaytrustRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "peer refused ({}", self.indication.as_str())?;
        if let Some(sub) = self.sub_indication {
            write!(f, " / {}", sub.as_str())?;
        }
        write!(f, ", {}): {}", self.error_kind, self.reason)
    }
}

impl std::error::Error for BaytrustRejection {}

/// The baytrust rejection inside a handshake error, if the error is one a baytrust
/// verifier produced (`None` for every other `rustls::Error`, such as an alert
/// received from a peer that refused *us*).
pub fn rejection(error: &rustls::Error) -> Option<&BaytrustRejection> {
    match error {
        rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(inner))) => {
            inner.downcast_ref::<BaytrustRejection>()
        }
        _ => None,
    }
}

/// [`rejection`] for the `std::io::Error` that `rustls::StreamOwned`,
/// `Connection::complete_io` and friends return (they wrap the `rustls::Error`).
pub fn rejection_in_io(error: &std::io::Error) -> Option<&BaytrustRejection> {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .and_then(rejection)
}
