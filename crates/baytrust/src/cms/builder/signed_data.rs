//! `SignedDataBuilder`: builds a CMS `ContentInfo` holding `SignedData` (RFC 5652 §5)
//! with one CAdES-B-B SignerInfo per signer, the content streamed once through every
//! signer's digest.

use std::io::Read;

use ::cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use ::cms::content_info::{CmsVersion, ContentInfo};
use ::cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData as Rfc5652SignedData, SignerIdentifier,
    SignerInfo as Rfc5652SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use x509_cert::Certificate as X509Certificate;
use x509_parser::prelude::FromDer;

use super::signature_algorithm::digest_identifier;
use super::signed_attributes::{signed_bytes, SignedAttributeValues};
use super::SigningKey;
use crate::algorithm::{verify_signature, AlgorithmPolicy};
use crate::cert::{Certificate, CertificateDer};
use crate::cms::{ContentDigests, DigestAlgorithm};
use crate::oid::typed::{ID_DATA, ID_SIGNED_DATA};
use crate::{Error, Time};

/// Builds a DER CMS SignedData over `id-data` content.
///
/// ```text
/// SignedData ::= SEQUENCE {                               -- RFC 5652 §5.1
///   version CMSVersion,                                   -- 1
///   digestAlgorithms DigestAlgorithmIdentifiers,          -- each signer's digest
///   encapContentInfo EncapsulatedContentInfo,             -- id-data, content if attached
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,    -- signers' and chain
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,     -- absent
///   signerInfos SignerInfos }                             -- one v1 SignerInfo per signer
/// ```
///
/// Each SignerInfo names its signer by issuer and serial number and carries the
/// CAdES-B-B signed attributes: content-type, message-digest, signing-time and ESS
/// signing-certificate-v2. Several signers make a co-signed document.
///
/// ```no_run
/// # use baytrust::{SignedDataBuilder, SigningKey};
/// # use baytrust::cert::decode_certificates;
/// # fn main() -> Result<(), baytrust::Error> {
/// # let (cert_pem, key_pem, document): (&[u8], &[u8], &[u8]) = (b"", b"", b"");
/// let certificate = decode_certificates(cert_pem)?.remove(0);
/// let key = SigningKey::from_pkcs8_pem(key_pem)?;
/// let signature = SignedDataBuilder::new()
///     .signer(certificate, key)?
///     .signing_time(baytrust::Time::parse_rfc3339("2026-06-01T00:00:00Z")?)
///     .build(&mut &document[..])?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct SignedDataBuilder {
    signers: Vec<Signer>,
    chain: Vec<CertificateDer>,
    detached: bool,
    signing_time: Option<Time>,
}

/// One signer: its certificate (as given and decoded) and its key.
#[derive(Debug)]
struct Signer {
    der: CertificateDer,
    certificate: X509Certificate,
    key: SigningKey,
}

impl Default for SignedDataBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SignedDataBuilder {
    /// A builder with no signers, no extra certificates, detached content and no
    /// signing time yet.
    pub fn new() -> Self {
        Self {
            signers: Vec::new(),
            chain: Vec::new(),
            detached: true,
            signing_time: None,
        }
    }

    /// Adds a signer: `key` signs, `certificate` is its certificate. Call again for
    /// each co-signer; each gets its own SignerInfo, in the order added before DER
    /// sorts them.
    ///
    /// Errors: the certificate does not decode ([`Error::CertificateMalformed`], also
    /// when it is not DER as RFC 5280 requires, since it is copied into the
    /// signature); the key is not the certificate's ([`Error::SignerKeyMismatch`]).
    pub fn signer(mut self, certificate: CertificateDer, key: SigningKey) -> Result<Self, Error> {
        let view = Certificate::from_der(certificate.as_ref())?;
        if !key.matches(view.spki()) {
            return Err(Error::SignerKeyMismatch {
                subject: view.subject_text(),
            });
        }
        let decoded = decode_certificate(&certificate)?;
        self.signers.push(Signer {
            der: certificate,
            certificate: decoded,
            key,
        });
        Ok(self)
    }

    /// Adds certificates to `SignedData.certificates`, typically the issuing CAs that
    /// let a relying party build the path. Signers' certificates are always included;
    /// a certificate given twice is included once.
    pub fn chain(mut self, certificates: Vec<CertificateDer>) -> Self {
        self.chain.extend(certificates);
        self
    }

    /// Whether the content is left out of the signature (detached, the default) or
    /// carried in `encapContentInfo.eContent` (attached).
    pub fn detached(mut self, detached: bool) -> Self {
        self.detached = detached;
        self
    }

    /// The signing time every signer claims (the signing-time attribute, RFC 5652
    /// §11.3). Required: the library reads no clock.
    pub fn signing_time(mut self, time: Time) -> Self {
        self.signing_time = Some(time);
        self
    }

    /// Reads `content` to its end and returns the DER `ContentInfo`. The content is
    /// streamed through every signer's digest in one pass; it is held in memory only
    /// when attached.
    ///
    /// Errors: [`Error::NoSigners`], [`Error::SigningTimeMissing`] (checked before any
    /// content is read), [`Error::ContentUnreadable`], [`Error::CertificateMalformed`]
    /// for a chain certificate, [`Error::SigningFailed`], [`Error::CmsEncodingFailed`].
    pub fn build(&self, content: &mut impl Read) -> Result<Vec<u8>, Error> {
        if self.signers.is_empty() {
            return Err(Error::NoSigners);
        }
        let signing_time = self.signing_time.ok_or(Error::SigningTimeMissing)?;
        let certificates = self.certificate_set()?;

        let algorithms: Vec<DigestAlgorithm> = self
            .signers
            .iter()
            .map(|signer| signer.key.digest_algorithm())
            .collect();
        let mut digests = ContentDigests::new(&algorithms);
        let unreadable = |e: std::io::Error| Error::ContentUnreadable {
            reason: e.to_string(),
        };
        let econtent = if self.detached {
            digests.update_from(content).map_err(unreadable)?;
            None
        } else {
            let mut bytes = Vec::new();
            content.read_to_end(&mut bytes).map_err(unreadable)?;
            digests.update(&bytes);
            let octets = OctetString::new(bytes).map_err(|e| encoding("eContent", e))?;
            Some(Any::encode_from(&octets).map_err(|e| encoding("eContent", e))?)
        };
        let digests = digests.finish();

        let mut digest_algorithms = Vec::new();
        let mut signer_infos = Vec::new();
        for signer in &self.signers {
            let algorithm = signer.key.digest_algorithm();
            let digest = digests.get(algorithm).ok_or_else(|| Error::SigningFailed {
                reason: format!("no {} digest of the content was computed", algorithm.name()),
            })?;
            signer_infos.push(signer.signer_info(digest, signing_time)?);
            let identifier = digest_identifier(algorithm)?;
            if !digest_algorithms.contains(&identifier) {
                digest_algorithms.push(identifier);
            }
        }

        let signed_data = Rfc5652SignedData {
            version: CmsVersion::V1,
            digest_algorithms: SetOfVec::try_from(digest_algorithms)
                .map_err(|e| encoding("digestAlgorithms", e))?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_DATA,
                econtent,
            },
            certificates: Some(certificates),
            crls: None,
            signer_infos: SignerInfos::try_from(signer_infos)
                .map_err(|e| encoding("signerInfos", e))?,
        };
        ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&signed_data).map_err(|e| encoding("SignedData", e))?,
        }
        .to_der()
        .map_err(|e| encoding("ContentInfo", e))
    }

    /// The signers' certificates, then the chain, each once.
    fn certificate_set(&self) -> Result<CertificateSet, Error> {
        let mut seen: Vec<&[u8]> = Vec::new();
        let mut choices = Vec::new();
        for signer in &self.signers {
            if !seen.contains(&signer.der.as_ref()) {
                seen.push(signer.der.as_ref());
                choices.push(CertificateChoices::Certificate(signer.certificate.clone()));
            }
        }
        for der in &self.chain {
            if !seen.contains(&der.as_ref()) {
                seen.push(der.as_ref());
                choices.push(CertificateChoices::Certificate(decode_certificate(der)?));
            }
        }
        CertificateSet::try_from(choices).map_err(|e| encoding("certificates", e))
    }
}

impl Signer {
    /// The SignerInfo (RFC 5652 §5.3, version 1) over the content digest `digest`.
    fn signer_info(&self, digest: &[u8], signing_time: Time) -> Result<Rfc5652SignerInfo, Error> {
        let attributes = SignedAttributeValues {
            content_type: ID_DATA,
            message_digest: digest,
            signing_time,
            certificate_der: self.der.as_ref(),
            certificate: &self.certificate,
        }
        .to_attributes()?;
        let message = signed_bytes(&attributes)?;
        let signature = self.key.sign(&message)?;
        self.check(&message, &signature)?;

        let tbs = self.certificate.tbs_certificate();
        Ok(Rfc5652SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer().clone(),
                serial_number: tbs.serial_number().clone(),
            }),
            digest_alg: digest_identifier(self.key.digest_algorithm())?,
            signed_attrs: Some(attributes),
            signature_algorithm: self.key.algorithm().identifier()?,
            signature: OctetString::new(signature).map_err(|e| encoding("signature", e))?,
            unsigned_attrs: None,
        })
    }

    /// Verifies the new signature with the certificate, as a relying party will: a
    /// faulty signature (a hardware or backend fault, which for RSA can leak the key)
    /// is never released.
    fn check(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        let view = Certificate::from_der(self.der.as_ref())?;
        let algorithm_der = self.key.signature_algorithm_der()?;
        let (_, algorithm) = x509_parser::x509::AlgorithmIdentifier::from_der(&algorithm_der)
            .map_err(|e| Error::CmsEncodingFailed {
                reason: format!("signature AlgorithmIdentifier does not read back: {e}"),
            })?;
        verify_signature(
            view.spki(),
            &algorithm,
            message,
            signature,
            &AlgorithmPolicy::default(),
        )
        .map_err(|e| Error::SigningFailed {
            reason: format!("the new signature does not verify with the certificate: {e}"),
        })
    }
}

/// Decodes a certificate into the `x509-cert` model copied into the SignedData,
/// refusing one whose re-encoding would differ from the bytes given.
fn decode_certificate(der: &CertificateDer) -> Result<X509Certificate, Error> {
    let certificate =
        X509Certificate::from_der(der.as_ref()).map_err(|e| Error::CertificateMalformed {
            reason: e.to_string(),
        })?;
    let reencoded = certificate
        .to_der()
        .map_err(|e| Error::CertificateMalformed {
            reason: e.to_string(),
        })?;
    if reencoded != der.as_ref() {
        return Err(Error::CertificateMalformed {
            reason: "not DER: re-encoding changes its bytes".to_owned(),
        });
    }
    Ok(certificate)
}

fn encoding(what: &str, e: der::Error) -> Error {
    Error::CmsEncodingFailed {
        reason: format!("{what}: {e}"),
    }
}
