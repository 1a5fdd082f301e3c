//! The ESS `signing-certificate-v2` attribute (RFC 5035 §3): binds the signature to
//! the signer's certificate by its SHA-256 hash and issuer/serial, as CAdES-B-B
//! requires (ETSI EN 319 122-1 §5.2.2.3).

use der::asn1::OctetString;
use der::Sequence;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate as X509Certificate;

use crate::cms::DigestAlgorithm;
use crate::Error;

/// RFC 5035 §3:
///
/// ```text
/// SigningCertificateV2 ::=  SEQUENCE {
///     certs        SEQUENCE OF ESSCertIDv2,
///     policies     SEQUENCE OF PolicyInformation OPTIONAL
/// }
/// ```
///
/// baytrust writes one certificate (the signer's) and no policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SigningCertificateV2 {
    /// The signer's certificate first (RFC 5035 §3: the first identifies the signer).
    pub(super) certs: Vec<EssCertIdV2>,
}

/// RFC 5035 §4:
///
/// ```text
/// ESSCertIDv2 ::=  SEQUENCE {
///     hashAlgorithm           AlgorithmIdentifier
///                             DEFAULT {algorithm id-sha256},
///     certHash                Hash,
///     issuerSerial            IssuerSerial OPTIONAL
/// }
/// Hash ::= OCTET STRING
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct EssCertIdV2 {
    /// Absent when SHA-256: DER omits a DEFAULT value (X.690 §11.5).
    pub(super) hash_algorithm: Option<AlgorithmIdentifierOwned>,
    /// The hash of the whole DER certificate.
    pub(super) cert_hash: OctetString,
    /// The certificate's issuer and serial number.
    pub(super) issuer_serial: Option<IssuerSerial>,
}

/// RFC 5035 §4 (from RFC 5755):
///
/// ```text
/// IssuerSerial ::= SEQUENCE {
///     issuer                   GeneralNames,
///     serialNumber             CertificateSerialNumber
/// }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct IssuerSerial {
    /// The issuer's distinguished name as a `directoryName`.
    pub(super) issuer: GeneralNames,
    /// The certificate's serial number.
    pub(super) serial_number: SerialNumber,
}

impl SigningCertificateV2 {
    /// The attribute value naming `certificate`, whose DER bytes are `der`: SHA-256
    /// hash of those exact bytes, issuer and serial number.
    pub(super) fn for_signer(der: &[u8], certificate: &X509Certificate) -> Result<Self, Error> {
        let tbs = certificate.tbs_certificate();
        let cert_hash = OctetString::new(DigestAlgorithm::Sha256.digest(der)).map_err(|e| {
            Error::CmsEncodingFailed {
                reason: format!("ESSCertIDv2 certHash: {e}"),
            }
        })?;
        Ok(Self {
            certs: vec![EssCertIdV2 {
                hash_algorithm: None,
                cert_hash,
                issuer_serial: Some(IssuerSerial {
                    issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                    serial_number: tbs.serial_number().clone(),
                }),
            }],
        })
    }
}
