//! `TrustAnchor`: a CA certificate the relying party trusts, with the jurisdiction it
//! trusts it for. Only its name and public key are used (RFC 5280 §6.1.1 (d)); its own
//! signature, validity and extensions are not checked, so old roots still load.

use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::cert::{Certificate, ComparableName};
use crate::identity::Jurisdiction;
use crate::Error;

/// A trusted CA: its certificate's DER, its jurisdiction, and what path building needs
/// from it, prepared once.
#[derive(Debug, Clone)]
pub struct TrustAnchor {
    der: Vec<u8>,
    spki_range: (usize, usize),
    jurisdiction: Jurisdiction,
    subject: ComparableName,
    subject_text: String,
    subject_key_id: Option<Vec<u8>>,
}

impl TrustAnchor {
    /// Makes an anchor of `certificate` for `jurisdiction`.
    pub fn new(jurisdiction: Jurisdiction, certificate: &Certificate<'_>) -> Result<Self, Error> {
        let der = certificate.der();
        let spki = certificate.spki().raw;
        let start = (spki.as_ptr() as usize)
            .checked_sub(der.as_ptr() as usize)
            .filter(|start| start + spki.len() <= der.len())
            .ok_or_else(|| Error::CertificateMalformed {
                reason: "subjectPublicKeyInfo does not lie within the certificate".into(),
            })?;
        Ok(Self {
            der: der.to_vec(),
            spki_range: (start, start + spki.len()),
            jurisdiction,
            subject: ComparableName::of(certificate.subject()),
            subject_text: certificate.subject_text(),
            subject_key_id: certificate.subject_key_id().map(<[u8]>::to_vec),
        })
    }

    /// The jurisdiction that trusts this anchor.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// The anchor certificate's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The anchor's subject as text.
    pub fn subject_text(&self) -> &str {
        &self.subject_text
    }

    /// The anchor's subject prepared for comparison.
    pub fn subject(&self) -> &ComparableName {
        &self.subject
    }

    /// The anchor's subjectKeyIdentifier, if it has one.
    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.subject_key_id.as_deref()
    }

    /// The anchor's public key (parsed from bytes checked when the anchor was made).
    pub fn spki(&self) -> Result<SubjectPublicKeyInfo<'_>, Error> {
        let bytes = self
            .der
            .get(self.spki_range.0..self.spki_range.1)
            .ok_or_else(|| Error::CertificateMalformed {
                reason: "anchor public key out of range".into(),
            })?;
        SubjectPublicKeyInfo::from_der(bytes)
            .map(|(_, spki)| spki)
            .map_err(|e| Error::CertificateMalformed {
                reason: e.to_string(),
            })
    }
}
