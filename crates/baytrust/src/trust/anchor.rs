//! `TrustAnchor`: a CA certificate the relying party trusts, with the jurisdiction it
//! trusts it for. Its name and key anchor paths (RFC 5280 §6.1.1 (d)), and, as RFC 5937
//! §3 allows and rustls-webpki does, the certificate's own constraints hold: validity at
//! the validation time, basicConstraints (critical, cA TRUE, pathLenConstraint),
//! keyUsage keyCertSign, EKU, critical extensions and nameConstraints over every
//! certificate below it. Its own signature is never checked, so SHA-1 roots still load.
//! Everything is read once, when the anchor is made.

use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::cert::{
    critical_extension_problem, Certificate, CertificateDer, ComparableName,
    CriticalExtensionProblem,
};
use crate::identity::Jurisdiction;
use crate::oid::BASIC_CONSTRAINTS;
use crate::path::{extended_key_usage_allows, NameConstraintsState, Purpose};
use crate::report::CertificateRef;
use crate::{Error, Time};

/// The purposes, in the order of [`TrustAnchor`]'s `eku_allows`.
const PURPOSES: [Purpose; 4] = [
    Purpose::Sign,
    Purpose::Client,
    Purpose::Server,
    Purpose::Any,
];

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
    not_before: Time,
    not_after: Time,
    path_len_constraint: Option<u64>,
    name_constraints: NameConstraintsState,
    /// Whether an EKU, if any, allows each of [`PURPOSES`].
    eku_allows: [bool; 4],
    /// The first CA rule the certificate breaks, regardless of time and purpose.
    defect: Option<Error>,
    // ---- performance (issue 13) ----
    /// How reports name the anchor, made once (not by re-reading its DER per call).
    reference: CertificateRef,
}

impl TrustAnchor {
    internal_pub! {
        /// Makes an anchor of `certificate` for `jurisdiction`. A certificate that breaks a
        /// CA rule still makes an anchor, so that one bad root does not stop a bundle or a
        /// trust list from loading; every path to it then fails with that rule's error
        /// (see [`TrustAnchor::defect`]).
        pub fn new(jurisdiction: Jurisdiction, certificate: &Certificate<'_>) -> Result<Self, Error> {
            let der = certificate.der();
            let spki = certificate.spki().raw;
            let spki_range = crate::cert::offset_in(der, spki)
                .and_then(|start| Some((start, start.checked_add(spki.len())?)))
                .ok_or_else(|| Error::CertificateMalformed {
                    reason: "subjectPublicKeyInfo does not lie within the certificate".into(),
                })?;
            let subject = ComparableName::of(certificate.subject());
            let subject_text = certificate.subject_text();
            let mut name_constraints = NameConstraintsState::new();
            // The depth is unknown until a path reaches the anchor; 0 only labels a
            // malformed-extension message.
            let defect = anchor_defect(certificate, &subject, &subject_text)
                .or_else(|| name_constraints.update(certificate, 0).err());
            Ok(Self {
                der: der.to_vec(),
                spki_range,
                jurisdiction,
                subject,
                subject_key_id: certificate.subject_key_id().map(<[u8]>::to_vec),
                not_before: certificate.not_before(),
                not_after: certificate.not_after(),
                path_len_constraint: certificate
                    .basic_constraints()
                    .and_then(|bc| bc.path_len_constraint)
                    .map(u64::from),
                name_constraints,
                eku_allows: PURPOSES.map(|purpose| extended_key_usage_allows(certificate, purpose)),
                defect,
                subject_text,
                reference: CertificateRef::of(certificate),
            })
        }
    }

    /// `TrustAnchor::new` of the certificate `der` (the strict parse rules apply:
    /// an unreadable certificate is an error, a readable one that breaks a CA rule makes
    /// an anchor with a [`TrustAnchor::defect`]).
    pub fn from_der(jurisdiction: Jurisdiction, der: &CertificateDer) -> Result<Self, Error> {
        Self::new(jurisdiction, &der.parse()?)
    }

    /// How reports name this anchor: the [`CertificateRef`] of its certificate, made
    /// once when the anchor was.
    pub fn certificate_ref(&self) -> &CertificateRef {
        &self.reference
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

    internal_pub! {
        /// The anchor's subject prepared for comparison.
        pub fn subject(&self) -> &ComparableName {
            &self.subject
        }
    }

    /// The anchor's subjectKeyIdentifier, if it has one.
    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.subject_key_id.as_deref()
    }

    /// The first CA rule the anchor certificate breaks whatever the time and purpose
    /// (not a CA, keyUsage without keyCertSign, an unrecognised or key-identifier
    /// critical extension, an empty subject, malformed nameConstraints), if any: every
    /// path to this anchor fails with it.
    pub fn defect(&self) -> Option<&Error> {
        self.defect.as_ref()
    }

    /// The anchor's pathLenConstraint, if it has one: it bounds the intermediates below
    /// the anchor (RFC 5937 §3).
    pub fn path_len_constraint(&self) -> Option<u64> {
        self.path_len_constraint
    }

    /// The anchor's nameConstraints, the state every path to it starts from.
    pub(crate) fn name_constraints(&self) -> &NameConstraintsState {
        &self.name_constraints
    }

    /// Whether the anchor may end a path at `time` for `purpose`; `depth` is its place
    /// in the path (the number of certificates below it), for the EKU error.
    pub(crate) fn check_usable(
        &self,
        time: Time,
        purpose: Purpose,
        depth: usize,
    ) -> Result<(), Error> {
        if let Some(defect) = &self.defect {
            return Err(defect.clone());
        }
        if time < self.not_before {
            return Err(Error::AnchorNotYetValid {
                subject: self.subject_text.clone(),
                time,
                not_before: self.not_before,
            });
        }
        if time > self.not_after {
            return Err(Error::AnchorExpired {
                subject: self.subject_text.clone(),
                time,
                not_after: self.not_after,
            });
        }
        let allowed = PURPOSES
            .iter()
            .zip(self.eku_allows)
            .any(|(p, allows)| *p == purpose && allows);
        if !allowed {
            return Err(Error::ExtendedKeyUsageMissing {
                depth,
                purpose: purpose.name(),
            });
        }
        Ok(())
    }

    internal_pub! {
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
}

/// The first time- and purpose-independent CA rule `certificate` breaks as an anchor.
fn anchor_defect(
    certificate: &Certificate<'_>,
    subject: &ComparableName,
    subject_text: &str,
) -> Option<Error> {
    let named = || subject_text.to_owned();
    if subject.is_empty() {
        return Some(Error::AnchorSubjectEmpty {
            sha256: crate::message_text::hex(&certificate.sha256()),
        });
    }
    let not_ca = |reason| {
        Some(Error::AnchorNotCa {
            subject: named(),
            reason,
        })
    };
    match certificate.extension(BASIC_CONSTRAINTS) {
        None => return not_ca("no basicConstraints"),
        Some(extension) if !extension.critical => {
            return not_ca("basicConstraints is not critical")
        }
        Some(_) if !certificate.is_ca() => return not_ca("cA is FALSE"),
        Some(_) => {}
    }
    if certificate
        .key_usage()
        .is_some_and(|ku| !ku.key_cert_sign())
    {
        return Some(Error::AnchorKeyCertSignMissing { subject: named() });
    }
    match critical_extension_problem(certificate, false)? {
        CriticalExtensionProblem::Unrecognised(oid) => {
            Some(Error::AnchorUnrecognisedCriticalExtension {
                subject: named(),
                oid,
            })
        }
        CriticalExtensionProblem::KeyIdentifierCritical(oid) => {
            Some(Error::AnchorKeyIdentifierCritical {
                subject: named(),
                oid,
            })
        }
    }
}
