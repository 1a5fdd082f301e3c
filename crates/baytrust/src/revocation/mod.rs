//! Revocation: CRLs (RFC 5280 §5, §6.3) and OCSP responses (RFC 6960) supplied by the
//! caller, parsed once ([`Crl`], [`OcspResponse`]) and held in [`RevocationSources`],
//! which answers "what is the status of this certificate at this time"
//! ([`RevocationStatus`]). Path validation decides what a status means for a path;
//! this module only finds, checks and combines the evidence.
//!
//! What the caller must do (the path validator's hook): for every non-anchor
//! certificate of a validated path, call [`RevocationSources::status_with`] with the
//! certificate, its issuer in the path ([`RevocationIssuer::of_certificate`], or the
//! trust anchor's certificate), the validation time, the relying party's clock skew,
//! and any separate CRL-signing certificates **whose own paths it has validated**
//! (see [`Crl::signer_acceptable`]).

mod asn1;
mod cert_id;
mod crl;
mod crl_scope;
mod delta;
mod info;
mod ocsp;
mod reason;
mod sources;
mod status;
#[cfg(test)]
pub(crate) mod test_support;

pub use asn1::canonical_integer;
pub use cert_id::{CertId, CertIdHash};
pub use crl::{Crl, RevokedEntry, MAX_CRL_ENTRIES};
pub use crl_scope::CrlScope;
pub use delta::{combined_entry, delta_applies};
pub use info::{CrlInfo, OcspInfo, OcspSingleInfo, RevocationInfo};
pub use ocsp::{
    CertStatus, OcspResponse, ResponderId, SingleResponse, MAX_RESPONSE_CERTS,
    MAX_SINGLE_RESPONSES, OID_OCSP_NOCHECK,
};
pub use reason::{ReasonCode, ReasonSet};
pub use sources::{
    RevocationSources, StatusQuery, MAX_CRLS, MAX_OCSP_RESPONSES, MAX_SOURCES_CHECKED,
    OID_RI_OCSP_RESPONSE,
};
pub use status::{RevocationStatus, StatusSource};

use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

use crate::cert::{Certificate, ComparableName};

/// The issuer of the certificate whose status is asked: its name (for CRL issuer and
/// OCSP CertID matching) and its public key (to check CRL and OCSP signatures), and,
/// when it is a certificate, the certificate (for its keyUsage: a CA whose keyUsage
/// lacks cRLSign cannot sign CRLs, RFC 5280 §4.2.1.3).
#[derive(Debug, Clone)]
pub struct RevocationIssuer<'a> {
    name_der: &'a [u8],
    name: ComparableName,
    name_text: String,
    spki: &'a SubjectPublicKeyInfo<'a>,
    certificate: Option<&'a Certificate<'a>>,
}

impl<'a> RevocationIssuer<'a> {
    /// The issuer given as its certificate (an intermediate or the anchor's).
    pub fn of_certificate(certificate: &'a Certificate<'a>) -> Self {
        Self {
            name_der: certificate.subject().as_raw(),
            name: ComparableName::of(certificate.subject()),
            name_text: certificate.subject_text(),
            spki: certificate.spki(),
            certificate: Some(certificate),
        }
    }

    /// The issuer given as a bare name and key (a trust anchor without certificate).
    pub fn of_name_and_key(name: &'a X509Name<'a>, spki: &'a SubjectPublicKeyInfo<'a>) -> Self {
        Self {
            name_der: name.as_raw(),
            name: ComparableName::of(name),
            name_text: crate::cert::name_to_string(name),
            spki,
            certificate: None,
        }
    }

    /// The issuer's name prepared for comparison.
    pub fn name(&self) -> &ComparableName {
        &self.name
    }

    /// The issuer's name as DER.
    pub fn name_der(&self) -> &[u8] {
        self.name_der
    }

    /// The issuer's name as text.
    pub fn name_text(&self) -> &str {
        &self.name_text
    }

    /// The issuer's public key.
    pub fn spki(&self) -> &SubjectPublicKeyInfo<'a> {
        self.spki
    }

    /// The issuer's certificate, when it was given as one.
    pub fn certificate(&self) -> Option<&Certificate<'a>> {
        self.certificate
    }
}
