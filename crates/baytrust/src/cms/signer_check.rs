//! The checks of one signer (RFC 5652 §5.4–§5.6, RFC 5035): algorithms acceptable,
//! signer's certificate found, signed-attribute rules, ESS certificate binding, content
//! digest, signature. Chain validation and revocation are not done here.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::Encode;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, X509Name};

use super::signed_data::ID_DATA;
use super::signer_info::{SignerIdentifier, SignerInfo};
use super::{asn1, DigestAlgorithm, Digests, SignedData};
use crate::algorithm::{signature_algorithm_name, verify_signature, AlgorithmPolicy};
use crate::cert::{Certificate, CertificateDer, ComparableName};
use crate::{Error, Time};

/// `rsaEncryption` (RFC 8017 A.1), which CMS signers write for PKCS #1 v1.5 signatures
/// (RFC 3370 §3.2).
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// `id-ecPublicKey` (RFC 5480 §2.1.1), which some signers write for ECDSA.
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// GM/T 0006 `sm2sign` (`1.2.156.10197.1.301.1`), which GM/T 0010 signers write.
const SM2_SIGN: &str = "1.2.156.10197.1.301.1";
/// The sm2p256v1 curve OID, which some signers write as the signature algorithm.
const SM2_CURVE: &str = "1.2.156.10197.1.301";
/// `SM2-with-SM3` (GM/T 0006, RFC 8998 §2).
const SM2_WITH_SM3: &str = "1.2.156.10197.1.501";
/// `sm3WithRSAEncryption` (GM/T 0006): named so the refusal names it.
const SM3_WITH_RSA: &str = "1.2.156.10197.1.504";

/// What [`check_signer`] found out about one signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerCheck {
    /// The signer's certificate, if found among the SignedData's certificates and the
    /// extra ones (by issuer and serial number with RFC 5280 name comparison, or by
    /// subject key identifier).
    pub signer_certificate: Option<CertificateDer>,
    /// The signingTime attribute: a claim of the signer, not a proof of time.
    pub claimed_signing_time: Option<Time>,
    /// The digest algorithm: `SHA-256` etc., or the dotted OID when unknown or refused.
    pub digest_algorithm: String,
    /// The signature algorithm as verified (`sha256WithRSAEncryption`, `RSASSA-PSS`,
    /// `ecdsa-with-SHA256`, `SM2-with-SM3`, …; `rsaEncryption` and `id-ecPublicKey` read
    /// with the digest algorithm), or the dotted OID when unknown.
    pub signature_algorithm: String,
    /// `Ok` or the first failure, in the order of [`SignerFailure`]'s variants.
    pub outcome: Result<(), SignerFailure>,
}

/// Why a signer's check failed. The checks run in the order of the variants and stop at
/// the first failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerFailure {
    /// The digest or signature algorithm, or the key, is refused or unsupported (SHA-1,
    /// MD5, small RSA, unknown OIDs, parameters baytrust cannot verify such as an RSA-PSS
    /// salt other than the hash length): carries the error. ETSI:
    /// `INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE`.
    CryptoConstraints(Error),
    /// No certificate matches the signer identifier. ETSI:
    /// `INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND`.
    NoSigningCertificate,
    /// The structure parses but breaks a rule (named in the text): signed attributes
    /// not DER, without contentType or messageDigest, an attribute repeated or with more
    /// than one value, contentType ≠ eContentType, no signed attributes for content
    /// other than id-data; also a caller omission that leaves nothing to check against
    /// (the digest under the signer's algorithm was not computed, or the content bytes
    /// of a signature without signed attributes were not supplied). ETSI:
    /// `TOTAL_FAILED/FORMAT_FAILURE`.
    Format(String),
    /// ESS signingCertificateV2 is present but its hash (or issuerSerial) does not match
    /// the certificate found. ETSI: `INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND`.
    SigningCertificateMismatch,
    /// The messageDigest attribute does not match the content. ETSI:
    /// `TOTAL_FAILED/HASH_FAILURE`.
    HashMismatch,
    /// The signature does not verify: carries the error ([`Error::SignatureInvalid`],
    /// [`Error::SignatureMalformed`], [`Error::AlgorithmKeyMismatch`],
    /// [`Error::PublicKeyInvalid`]). Without signed attributes a changed content also
    /// ends here, since the content digest is inside the signature. ETSI:
    /// `TOTAL_FAILED/SIG_CRYPTO_FAILURE`.
    SignatureInvalid(Error),
}

/// Checks one signer of `signed_data`, in this order:
///
/// 1. the digest algorithm is acceptable, and the signature algorithm can be read
///    (`rsaEncryption` means sha*NNN*WithRSAEncryption and `id-ecPublicKey` means
///    ecdsa-with-SHA*NNN* for the digest algorithm, RFC 3370 §3.2 / RFC 5754 §3; GM/T
///    `sm2sign` means SM2-with-SM3) — [`SignerFailure::CryptoConstraints`];
/// 2. the signer's certificate is among `signed_data.certificates()` or
///    `extra_certificates` — [`SignerFailure::NoSigningCertificate`];
/// 3. the signed-attribute rules of RFC 5652 §5.3 and §11 hold, contentType equals
///    eContentType — [`SignerFailure::Format`];
/// 4. an ESS signingCertificateV2 names that certificate (a v1 signingCertificate, being
///    SHA-1, is ignored) — [`SignerFailure::SigningCertificateMismatch`];
/// 5. messageDigest equals the content's digest under the signer's digest algorithm,
///    taken from `content_digests` (compute it with
///    [`ContentDigests::new(&signed_data.digest_algorithms())`](super::ContentDigests::new)
///    over the encapsulated or detached content) — [`SignerFailure::HashMismatch`];
/// 6. the signature verifies over the signed attributes as received with the tag 0x31
///    (RFC 5652 §5.4), or, without signed attributes, over the content itself —
///    [`SignerFailure::SignatureInvalid`] (refused keys and algorithms:
///    [`SignerFailure::CryptoConstraints`]).
///
/// A signature without signed attributes covers the content itself, and the
/// verification backends take the message, not its digest: such a signer needs the
/// content bytes. They are `content_for_unsigned` when given, else the encapsulated
/// content; for a detached `-noattr` signature the caller must pass the whole content
/// in memory. Signers with signed attributes never use `content_for_unsigned`.
pub fn check_signer(
    signed_data: &SignedData,
    signer: &SignerInfo,
    extra_certificates: &[CertificateDer],
    content_digests: &Digests,
    content_for_unsigned: Option<&[u8]>,
    policy: &AlgorithmPolicy<'_>,
) -> SignerCheck {
    let attributes = signer.signed_attributes();
    let mut check = SignerCheck {
        signer_certificate: None,
        claimed_signing_time: attributes.and_then(|a| a.signing_time()),
        digest_algorithm: signer.digest_algorithm_oid().to_owned(),
        signature_algorithm: signer.signature_algorithm_oid().to_owned(),
        outcome: Ok(()),
    };
    check.outcome = run_checks(
        &mut check,
        signed_data,
        signer,
        extra_certificates,
        content_digests,
        content_for_unsigned,
        policy,
    );
    check
}

fn run_checks(
    check: &mut SignerCheck,
    signed_data: &SignedData,
    signer: &SignerInfo,
    extra_certificates: &[CertificateDer],
    content_digests: &Digests,
    content_for_unsigned: Option<&[u8]>,
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), SignerFailure> {
    // 1. Algorithms.
    let digest = signer
        .digest_algorithm()
        .map_err(SignerFailure::CryptoConstraints)?;
    check.digest_algorithm = digest.name().to_owned();
    let algorithm_der = effective_signature_algorithm(
        signer.signature_algorithm_oid(),
        signer.signature_algorithm_der(),
        digest,
    )
    .map_err(SignerFailure::CryptoConstraints)?;
    let (_, algorithm) = AlgorithmIdentifier::from_der(&algorithm_der)
        .map_err(|e| SignerFailure::Format(format!("signatureAlgorithm does not parse: {e}")))?;
    check.signature_algorithm = signature_algorithm_name(&algorithm);

    // 2. The signer's certificate.
    let ess = signer
        .signed_attributes()
        .and_then(|a| a.signing_certificate_v2());
    let (certificate_der, certificate) = find_signer_certificate(
        signer.signer_id(),
        signed_data.certificates().iter().chain(extra_certificates),
        |certificate| ess.is_some_and(|ess| ess_binds(ess, certificate) == Ok(true)),
    )
    .ok_or(SignerFailure::NoSigningCertificate)?;
    check.signer_certificate = Some(certificate_der.clone());

    let message: &[u8] = match signer.signed_attributes() {
        Some(attributes) => {
            // 3. Signed-attribute rules.
            if let Some(rule) = attributes.rule_violations().first() {
                return Err(SignerFailure::Format(rule.clone()));
            }
            if attributes.content_type() != Some(signed_data.encapsulated_content_type()) {
                return Err(SignerFailure::Format(format!(
                    "contentType attribute {} differs from eContentType {} (RFC 5652 §11.1)",
                    attributes.content_type().unwrap_or("(none)"),
                    signed_data.encapsulated_content_type()
                )));
            }
            // 4. ESS binding.
            if let Some(ess) = ess {
                match ess_binds(ess, &certificate) {
                    Ok(true) => {}
                    Ok(false) => return Err(SignerFailure::SigningCertificateMismatch),
                    Err(e) => return Err(SignerFailure::CryptoConstraints(e)),
                }
            }
            // 5. Content digest.
            let expected = content_digests.get(digest).ok_or_else(|| {
                SignerFailure::Format(format!(
                    "the content's {} digest was not computed: digest the content under \
                     SignedData::digest_algorithms()",
                    digest.name()
                ))
            })?;
            // A messageDigest that is not a digest of this algorithm is a malformed
            // attribute (RFC 5652 §11.2), not a sign that the content was changed.
            if let Some(signed) = attributes.message_digest() {
                if signed.len() != expected.len() {
                    return Err(SignerFailure::Format(format!(
                        "messageDigest is {} octets, a {} digest is {} (RFC 5652 §11.2)",
                        signed.len(),
                        digest.name(),
                        expected.len()
                    )));
                }
            }
            if attributes.message_digest() != Some(expected) {
                return Err(SignerFailure::HashMismatch);
            }
            attributes.signed_bytes()
        }
        None => {
            if signed_data.encapsulated_content_type() != ID_DATA {
                return Err(SignerFailure::Format(format!(
                    "no signed attributes for content type {} (RFC 5652 §5.3: required \
                     unless the content type is id-data)",
                    signed_data.encapsulated_content_type()
                )));
            }
            content_for_unsigned
                .or(signed_data.encapsulated_content())
                .ok_or_else(|| {
                    SignerFailure::Format(
                        "the signature has no signed attributes, so it covers the content \
                         itself, and the detached content bytes were not supplied"
                            .into(),
                    )
                })?
        }
    };

    // 6. Signature.
    verify_signature(
        certificate.spki(),
        &algorithm,
        message,
        signer.signature(),
        policy,
    )
    .map_err(|e| match e {
        Error::Sha1Refused { .. }
        | Error::Md5Refused { .. }
        | Error::RsaKeyTooSmall { .. }
        | Error::UnsupportedSignatureAlgorithm { .. }
        | Error::UnsupportedPublicKeyAlgorithm { .. }
        | Error::UnsupportedDigestAlgorithm { .. }
        | Error::AlgorithmParametersInvalid { .. }
        // ---- algorithms (issue 8) ----
        | Error::PssMaskHashMismatch { .. }
        | Error::PssTrailerFieldInvalid { .. }
        | Error::PssSaltLengthInvalid { .. }
        | Error::PssKeyConstraintViolated { .. }
        | Error::ExplicitCurveUnsupported { .. } => SignerFailure::CryptoConstraints(e),
        e => SignerFailure::SignatureInvalid(e),
    })
}

/// The signature algorithm to verify with, as DER: the one the signer wrote (`written`,
/// whose OID is `written_oid`), except where CMS lets a key algorithm stand for it and the
/// digest algorithm completes it.
fn effective_signature_algorithm(
    written_oid: &str,
    written: &[u8],
    digest: DigestAlgorithm,
) -> Result<Vec<u8>, Error> {
    let (oid, null_parameters) = match (written_oid, digest) {
        (RSA_ENCRYPTION, DigestAlgorithm::Sha256) => ("1.2.840.113549.1.1.11", true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sha384) => ("1.2.840.113549.1.1.12", true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sha512) => ("1.2.840.113549.1.1.13", true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sm3) => {
            return Err(Error::UnsupportedSignatureAlgorithm {
                oid: SM3_WITH_RSA.to_owned(),
            })
        }
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha256) => ("1.2.840.10045.4.3.2", false),
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha384) => ("1.2.840.10045.4.3.3", false),
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha512) => ("1.2.840.10045.4.3.4", false),
        (EC_PUBLIC_KEY | SM2_SIGN | SM2_CURVE, DigestAlgorithm::Sm3) => (SM2_WITH_SM3, false),
        (SM2_SIGN | SM2_CURVE, _) => {
            return Err(Error::AlgorithmParametersInvalid {
                reason: format!("SM2 signatures use SM3, not {}", digest.name()),
            })
        }
        _ => return Ok(written.to_vec()),
    };
    let unsupported = |_| Error::UnsupportedSignatureAlgorithm {
        oid: oid.to_owned(),
    };
    asn1::AlgorithmIdentifier {
        algorithm: ObjectIdentifier::new(oid).map_err(unsupported)?,
        parameters: null_parameters.then_some(AnyRef::NULL),
    }
    .to_der()
    .map_err(|_| Error::UnsupportedSignatureAlgorithm {
        oid: oid.to_owned(),
    })
}

/// The first certificate `signer_id` names; when several do, the first for which
/// `preferred` holds (the one the ESS attribute binds).
fn find_signer_certificate<'c>(
    signer_id: &SignerIdentifier,
    candidates: impl Iterator<Item = &'c CertificateDer>,
    preferred: impl Fn(&Certificate<'_>) -> bool,
) -> Option<(&'c CertificateDer, Certificate<'c>)> {
    let wanted_issuer = match signer_id {
        SignerIdentifier::IssuerAndSerial { issuer_der, .. } => X509Name::from_der(issuer_der)
            .ok()
            .map(|(_, name)| ComparableName::of(&name)),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    };
    let mut first = None;
    for der in candidates {
        let Ok(certificate) = der.parse() else {
            continue;
        };
        let named = match signer_id {
            SignerIdentifier::IssuerAndSerial { serial, .. } => {
                certificate.serial() == serial.as_slice()
                    && wanted_issuer.as_ref() == Some(&ComparableName::of(certificate.issuer()))
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                certificate.subject_key_id() == Some(ski.as_slice())
            }
        };
        if named {
            if preferred(&certificate) {
                return Some((der, certificate));
            }
            first = first.or(Some((der, certificate)));
        }
    }
    first
}

/// Whether an ESSCertIDv2 names `certificate`: its hash, and its issuerSerial when
/// present. `Err` when the hash algorithm is refused or unknown.
fn ess_binds(ess: &super::EssCertIdV2, certificate: &Certificate<'_>) -> Result<bool, Error> {
    let algorithm = DigestAlgorithm::from_oid(&ess.hash_algorithm)?;
    if algorithm.digest(certificate.der()) != ess.cert_hash {
        return Ok(false);
    }
    let Some(issuer_serial) = &ess.issuer_serial else {
        return Ok(true);
    };
    let issuer = ComparableName::of(certificate.issuer());
    Ok(issuer_serial.serial == certificate.serial()
        && issuer_serial.directory_names.iter().any(|name| {
            X509Name::from_der(name).is_ok_and(|(_, name)| ComparableName::of(&name) == issuer)
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effective(written_oid: &str, digest: DigestAlgorithm) -> Result<Vec<u8>, Error> {
        effective_signature_algorithm(written_oid, b"as written", digest)
    }

    #[test]
    fn rsa_encryption_takes_its_hash_from_the_digest_algorithm() {
        // sha384WithRSAEncryption with NULL parameters (RFC 4055 §5).
        assert_eq!(
            effective(RSA_ENCRYPTION, DigestAlgorithm::Sha384),
            Ok(vec![
                0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05,
                0x00
            ])
        );
        assert_eq!(
            effective(RSA_ENCRYPTION, DigestAlgorithm::Sm3),
            Err(Error::UnsupportedSignatureAlgorithm {
                oid: SM3_WITH_RSA.into()
            })
        );
    }

    #[test]
    fn ec_public_key_means_ecdsa_and_sm2sign_means_sm2_with_sm3() {
        // ecdsa-with-SHA256, parameters absent (RFC 5758 §3.2).
        assert_eq!(
            effective(EC_PUBLIC_KEY, DigestAlgorithm::Sha256),
            Ok(vec![
                0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02
            ])
        );
        let sm2_with_sm3 = vec![
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75,
        ];
        assert_eq!(
            effective(SM2_SIGN, DigestAlgorithm::Sm3),
            Ok(sm2_with_sm3.clone())
        );
        assert_eq!(
            effective(EC_PUBLIC_KEY, DigestAlgorithm::Sm3),
            Ok(sm2_with_sm3)
        );
        assert!(matches!(
            effective(SM2_SIGN, DigestAlgorithm::Sha256),
            Err(Error::AlgorithmParametersInvalid { .. })
        ));
    }

    #[test]
    fn full_signature_algorithms_are_kept_as_written() {
        assert_eq!(
            effective("1.2.840.113549.1.1.10", DigestAlgorithm::Sha256),
            Ok(b"as written".to_vec())
        );
    }
}
