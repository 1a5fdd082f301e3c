//! `SignerInfo` (RFC 5652 §5.3), owned: who signed (issuer and serial number, or
//! subject key identifier), with which algorithms, the signature value and the signed
//! attributes.

use der::Encode;

use super::asn1;
use super::signed_attributes::SignedAttributes;
use super::DigestAlgorithm;
use crate::Error;

/// How a signer names its certificate (RFC 5652 §5.3 `SignerIdentifier`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerIdentifier {
    /// `issuerAndSerialNumber`: the certificate's issuer and serial number.
    IssuerAndSerial {
        /// The DER of the issuer `Name`.
        issuer_der: Vec<u8>,
        /// The content octets of the serial number INTEGER, as encoded.
        serial: Vec<u8>,
    },
    /// `subjectKeyIdentifier`: the certificate's subjectKeyIdentifier extension value.
    SubjectKeyIdentifier(Vec<u8>),
}

/// One signer of a [`CmsSignedData`](super::CmsSignedData).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerInfo {
    version: u8,
    signer_id: SignerIdentifier,
    digest_algorithm: String,
    signature_algorithm: Vec<u8>,
    signature_algorithm_oid: String,
    signature: Vec<u8>,
    signed_attributes: Option<SignedAttributes>,
}

impl SignerInfo {
    pub(super) fn from_asn1(raw: asn1::SignerInfo<'_>) -> Result<Self, Error> {
        let signer_id = match raw.sid {
            asn1::SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                SignerIdentifier::IssuerAndSerial {
                    issuer_der: issuer,
                    serial,
                }
            }
            asn1::SignerIdentifier::SubjectKeyIdentifier(ski) => {
                SignerIdentifier::SubjectKeyIdentifier(ski)
            }
        };
        let signature_algorithm =
            raw.signature_algorithm
                .to_der()
                .map_err(|e| Error::CmsMalformed {
                    reason: format!("signatureAlgorithm: {e}"),
                })?;
        Ok(Self {
            version: raw.version,
            signer_id,
            digest_algorithm: raw.digest_algorithm.algorithm.to_string(),
            signature_algorithm,
            signature_algorithm_oid: raw.signature_algorithm.algorithm.to_string(),
            signature: raw.signature.as_bytes().to_vec(),
            signed_attributes: raw
                .signed_attrs_value
                .map(SignedAttributes::from_received_value)
                .transpose()?,
        })
    }

    /// `version` as received.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Whether `version` goes with the `sid` choice (RFC 5652 §5.3: 1 with
    /// issuerAndSerialNumber, 3 with subjectKeyIdentifier); else
    /// [`Error::SignerInfoVersionMismatch`].
    pub fn check_version(&self) -> Result<(), Error> {
        let (expected, sid) = match self.signer_id {
            SignerIdentifier::IssuerAndSerial { .. } => (1, "issuerAndSerialNumber"),
            SignerIdentifier::SubjectKeyIdentifier(_) => (3, "subjectKeyIdentifier"),
        };
        if self.version == expected {
            Ok(())
        } else {
            Err(Error::SignerInfoVersionMismatch {
                version: self.version,
                sid,
            })
        }
    }

    /// How the signer names its certificate.
    pub fn signer_id(&self) -> &SignerIdentifier {
        &self.signer_id
    }

    /// The dotted OID of `digestAlgorithm`.
    pub fn digest_algorithm_oid(&self) -> &str {
        &self.digest_algorithm
    }

    /// The digest algorithm, or why it is refused ([`Error::Sha1Refused`],
    /// [`Error::Md5Refused`]) or unknown ([`Error::UnsupportedDigestAlgorithm`]).
    pub fn digest_algorithm(&self) -> Result<DigestAlgorithm, Error> {
        DigestAlgorithm::from_oid(&self.digest_algorithm)
    }

    /// The DER `AlgorithmIdentifier` of `signatureAlgorithm` as the signer wrote it
    /// (often `rsaEncryption` or `id-ecPublicKey`; see [`check_signer`](super::check_signer)
    /// for how those are read).
    pub fn signature_algorithm_der(&self) -> &[u8] {
        &self.signature_algorithm
    }

    /// The dotted OID of `signatureAlgorithm` as the signer wrote it.
    pub fn signature_algorithm_oid(&self) -> &str {
        &self.signature_algorithm_oid
    }

    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The signed attributes, or `None` when the signature covers the content itself.
    pub fn signed_attributes(&self) -> Option<&SignedAttributes> {
        self.signed_attributes.as_ref()
    }
}
