//! `CertificateRef`: how a report names a certificate.

use serde::Serialize;

use crate::cert::Certificate;

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
}

impl CertificateRef {
    /// Names `certificate`.
    pub fn of(certificate: &Certificate<'_>) -> Self {
        Self {
            subject: certificate.subject_text(),
            issuer: certificate.issuer_text(),
            serial: certificate.serial_hex(),
            sha256: certificate
                .sha256()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        }
    }
}
