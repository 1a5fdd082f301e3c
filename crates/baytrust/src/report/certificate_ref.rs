//! `CertificateRef`: how a report names a certificate.

use serde::Serialize;

use crate::cert::Certificate;
use crate::path::VerifiedChain;
use crate::revocation::{ReasonCode, RevocationStatus, StatusSource};
use crate::{Error, Time};

/// A certificate as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateRef {
    /// Subject as text.
    pub subject: String,
    /// Issuer as text.
    pub issuer: String,
    /// Serial number in upper-case hex.
    pub serial: String,
    /// SHA-256 of the DER, lower-case hex.
    pub sha256: String,
    /// Its revocation status, for a certificate of a validated path below the anchor
    /// (`None` for the anchor and outside paths).
    pub revocation: Option<CertificateRevocation>,
}

/// What a report says of one certificate's revocation status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateRevocation {
    /// `good`, `revoked`, `unknown` (OCSP), `not_checked` (no source covers it) or
    /// `unavailable` (a source applied but was refused: `problem` says why).
    pub status: &'static str,
    /// The CRL or OCSP response that gave the status.
    pub source: Option<StatusSource>,
    /// For `revoked`: revocationDate / revocationTime.
    pub revoked_at: Option<Time>,
    /// For `revoked`: the CRLReason, when given.
    pub reason: Option<ReasonCode>,
    /// For `unavailable`: the refusal.
    pub problem: Option<String>,
}

impl CertificateRevocation {
    internal_pub! {
        /// The report's view of a status lookup.
        pub fn of(status: &Result<RevocationStatus, Error>) -> Self {
            let mut out = Self {
                status: "not_checked",
                source: None,
                revoked_at: None,
                reason: None,
                problem: None,
            };
            match status {
                Ok(RevocationStatus::Good { source }) => {
                    out.status = "good";
                    out.source = Some(source.clone());
                }
                Ok(RevocationStatus::Revoked {
                    time,
                    reason,
                    source,
                    ..
                }) => {
                    out.status = "revoked";
                    out.source = Some(source.clone());
                    out.revoked_at = Some(*time);
                    out.reason = *reason;
                }
                Ok(RevocationStatus::Unknown { source }) => {
                    out.status = "unknown";
                    out.source = Some(source.clone());
                }
                Ok(RevocationStatus::NotChecked) => {}
                Err(e) => {
                    out.status = "unavailable";
                    out.problem = Some(e.to_string());
                }
            }
            out
        }
    }
}

impl CertificateRef {
    /// Names the certificate `der` (the strict parse rules apply).
    pub fn parse(der: &crate::cert::CertificateDer) -> Result<Self, Error> {
        Ok(Self::of(&der.parse()?))
    }

    internal_pub! {
        /// Names `certificate`.
        pub fn of(certificate: &Certificate<'_>) -> Self {
            Self {
                subject: certificate.subject_text(),
                issuer: certificate.issuer_text(),
                serial: certificate.serial_hex(),
                sha256: crate::message_text::hex(&certificate.sha256()),
                revocation: None,
            }
        }
    }

    internal_pub! {
        /// Names `certificate` with its revocation status.
        pub fn with_revocation(
            certificate: &Certificate<'_>,
            status: &Result<RevocationStatus, Error>,
        ) -> Self {
            Self {
                revocation: Some(CertificateRevocation::of(status)),
                ..Self::of(certificate)
            }
        }
    }

    /// Names the certificates of a validated path, leaf first, each with its
    /// revocation status, then its trust anchor (when the anchor's certificate reads):
    /// the one conversion of a path for reports.
    pub(crate) fn chain(chain: &VerifiedChain<'_>) -> Vec<Self> {
        let mut entries: Vec<Self> = chain
            .certificates
            .iter()
            .zip(&chain.revocation)
            .map(|(c, status)| Self::with_revocation(c, status))
            .collect();
        entries.push(chain.anchor.certificate_ref().clone());
        entries
    }
}
