//! The checks of one signer (RFC 5652 §5.4–§5.6, RFC 5035): algorithms acceptable,
//! signer's certificate found, signed-attribute rules, ESS certificate binding, content
//! digest, signature. Chain validation and revocation are not done here.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use der::asn1::{AnyRef, ObjectIdentifier};
use der::Encode;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, X509Name};

use super::signer_info::{SignerIdentifier, SignerInfo};
use super::{asn1, CmsSignedData, DigestAlgorithm, Digests};
use crate::algorithm::{signature_algorithm_name, verify_signature, AlgorithmPolicy};
use crate::cert::{Certificate, CertificateDer, ComparableName};
use crate::oid::{
    ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ECDSA_WITH_SHA512, EC_PUBLIC_KEY, ID_DATA,
    RSA_ENCRYPTION, SHA256_WITH_RSA, SHA384_WITH_RSA, SHA512_WITH_RSA, SM2P256V1, SM2_SIGN,
    SM2_WITH_SM3, SM3_WITH_RSA,
};
use crate::{Error, Time};

/// What [`check_signer`] found out about one signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerCheck {
    /// The signer's certificate, if found among the SignedData's certificates and the
    /// extra ones (by issuer and serial number with RFC 5280 name comparison, or by
    /// subject key identifier).
    pub signer_certificate: Option<CertificateDer>,
    /// The index of the signer's certificate among the [`SignerCertificates`] it was
    /// looked up in, so a caller holding them parsed need not parse it again.
    pub signer_index: Option<usize>,
    /// The signingTime attribute: a claim of the signer, not a proof of time.
    pub claimed_signing_time: Option<Time>,
    /// Whether the signingTime was a UTCTime with a local offset (`+0800`) that was
    /// converted to UTC (RFC 5652 §11.3 wants `Z`; see
    /// [`SignedAttributes::signing_time_offset_normalised`](super::SignedAttributes::signing_time_offset_normalised)).
    pub signing_time_offset_normalised: bool,
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
    /// The SignerInfo breaks a structural rule of RFC 5652 that has its own [`Error`]
    /// variant: [`Error::SignerInfoVersionMismatch`] (§5.3),
    /// [`Error::DigestAlgorithmNotListed`] (§5.1); found later, in step 3,
    /// [`Error::ContentTypeMismatch`] (§11.1) and [`Error::SignedAttributesRequired`]
    /// (§5.3). ETSI: `TOTAL_FAILED/FORMAT_FAILURE`.
    Rule(Error),
    /// The digest or signature algorithm, or the key, is refused or unsupported (SHA-1,
    /// MD5, small RSA, unknown OIDs, parameters baytrust cannot verify such as an RSA-PSS
    /// salt other than the hash length): carries the error. ETSI:
    /// `INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE`.
    CryptoConstraints(Error),
    /// No certificate matches the signer identifier. ETSI:
    /// `INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND`.
    NoSigningCertificate,
    /// No certificate that reads matches the signer identifier, but one the strict
    /// certificate rules refused does (its issuer and serial number, or its
    /// subjectKeyIdentifier, read from the raw DER): carries the error
    /// [`Certificate::from_der`] gave, e.g. [`Error::SignatureAlgorithmMismatch`],
    /// [`Error::SanDnsNameInvalid`], [`Error::ExtensionsBeforeV3`]. ETSI:
    /// `INDETERMINATE` with [`SubIndication::of_chain_error`](crate::report::SubIndication::of_chain_error)
    /// of the error — `CHAIN_CONSTRAINTS_FAILURE` for a profile rule,
    /// `CERTIFICATE_CHAIN_GENERAL_FAILURE` for bytes that do not decode.
    SignerCertificateRefused(Error),
    /// The signed attributes break a rule (named in the text): not DER, without
    /// contentType or messageDigest, an attribute repeated or with more than one value;
    /// also a caller omission that leaves nothing to check against (the digest under the
    /// signer's algorithm was not computed). ETSI: `TOTAL_FAILED/FORMAT_FAILURE`.
    Format(String),
    /// ESS signingCertificateV2 is present but its hash (or issuerSerial) does not match
    /// the certificate found. ETSI: `INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND`.
    SigningCertificateMismatch,
    /// The messageDigest attribute does not match the content. ETSI:
    /// `TOTAL_FAILED/HASH_FAILURE`.
    HashMismatch,
    /// A signer without signed attributes signs the content itself, and those bytes
    /// are not at hand: [`Error::DetachedContentTooLarge`] (beyond the relying party's
    /// kept-content cap) or [`Error::DetachedContentNotSupplied`]. ETSI:
    /// `INDETERMINATE/SIGNED_DATA_NOT_FOUND`.
    SignedDataNotFound(Error),
    /// The signature does not verify: carries the error ([`Error::SignatureInvalid`],
    /// [`Error::SignatureMalformed`], [`Error::AlgorithmKeyMismatch`],
    /// [`Error::PublicKeyInvalid`]). Without signed attributes a changed content also
    /// ends here, since the content digest is inside the signature. ETSI:
    /// `TOTAL_FAILED/SIG_CRYPTO_FAILURE`.
    SignatureInvalid(Error),
}

/// The one sentence for each failure, used by signature reports and by the trust-list
/// loader alike.
impl std::fmt::Display for SignerFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::CryptoConstraints(error) => write!(f, "refused algorithm or key: {error}"),
            Self::SignerCertificateRefused(error) => write!(
                f,
                "the signer's certificate breaks the certificate rules: {error}"
            ),
            Self::NoSigningCertificate => f.write_str(
                "no certificate in the signature or supplied matches the signer identifier",
            ),
            Self::SigningCertificateMismatch => f.write_str(
                "the signingCertificateV2 attribute does not name the signer's certificate",
            ),
            Self::Format(rule) => f.write_str(rule),
            Self::Rule(error) | Self::SignedDataNotFound(error) => write!(f, "{error}"),
            Self::HashMismatch => f.write_str(
                "the messageDigest attribute does not match the content: it was changed",
            ),
            Self::SignatureInvalid(error) => {
                write!(f, "the signature value does not verify: {error}")
            }
        }
    }
}

/// The certificates one signature's signers may name — the SignedData's and the
/// caller's — each parsed once and indexed by issuer and serial number (RFC 5280 name
/// comparison) and by subject key identifier, for all signers of the signature.
/// Identical copies are indexed once, and the ESS certificate hashes the signers ask
/// for are computed once per certificate and algorithm, so a signer's lookup does not
/// grow with the number of signers times the number of certificates.
pub struct SignerCertificates<'c> {
    certificates: &'c [Certificate<'c>],
    by_issuer_serial: HashMap<(ComparableName, Vec<u8>), Vec<usize>>,
    by_key_id: HashMap<&'c [u8], Vec<usize>>,
    hashes: RefCell<BTreeMap<(usize, DigestAlgorithm), Vec<u8>>>,
    /// Why each refused certificate was refused, indexed as the others by its raw
    /// fields ([`SignerCertificates::refused`]).
    refusals: Vec<Error>,
    refused_by_issuer_serial: HashMap<(ComparableName, Vec<u8>), usize>,
    refused_by_key_id: HashMap<Vec<u8>, usize>,
}

impl<'c> SignerCertificates<'c> {
    /// Indexes `certificates` (already parsed; those that did not parse are simply not
    /// candidates).
    pub fn new(certificates: &'c [Certificate<'c>]) -> Self {
        let mut by_issuer_serial: HashMap<(ComparableName, Vec<u8>), Vec<usize>> = HashMap::new();
        let mut by_key_id: HashMap<&'c [u8], Vec<usize>> = HashMap::new();
        let mut seen: HashSet<&'c [u8]> = HashSet::new();
        for (index, certificate) in certificates.iter().enumerate() {
            if !seen.insert(certificate.der()) {
                continue; // an identical copy
            }
            by_issuer_serial
                .entry((
                    ComparableName::of(certificate.issuer()),
                    certificate.serial().to_vec(),
                ))
                .or_default()
                .push(index);
            if let Some(key_id) = certificate.subject_key_id() {
                by_key_id.entry(key_id).or_default().push(index);
            }
        }
        Self {
            certificates,
            by_issuer_serial,
            by_key_id,
            hashes: RefCell::new(BTreeMap::new()),
            refusals: Vec::new(),
            refused_by_issuer_serial: HashMap::new(),
            refused_by_key_id: HashMap::new(),
        }
    }

    /// Records a certificate that [`Certificate::from_der`] refused with `error`, so
    /// that a signer naming it (by issuer and serial number, or subjectKeyIdentifier,
    /// read from `der` as encoded) is reported with that error
    /// ([`SignerFailure::SignerCertificateRefused`]) rather than as having no
    /// certificate. A certificate that reads and matches always wins over a refused
    /// one. Bytes whose identifying fields cannot be read either are not recorded.
    pub fn refused(&mut self, der: &[u8], error: Error) {
        let Some(raw) = crate::cert::read_identifiers(der) else {
            return;
        };
        let index = self.refusals.len();
        if let Ok((_, issuer)) = X509Name::from_der(raw.issuer) {
            self.refused_by_issuer_serial
                .entry((ComparableName::of(&issuer), raw.serial.to_vec()))
                .or_insert(index);
        }
        if let Some(key_id) = raw.subject_key_id {
            self.refused_by_key_id
                .entry(key_id.to_vec())
                .or_insert(index);
        }
        self.refusals.push(error);
    }

    /// Why the certificate `signer_id` names was refused, when no certificate that
    /// reads matches it and a refused one does.
    fn refusal(&self, signer_id: &SignerIdentifier) -> Option<&Error> {
        let index = match lookup_key(signer_id)? {
            LookupKey::IssuerSerial(key) => self.refused_by_issuer_serial.get(&key),
            LookupKey::KeyId(key_id) => self.refused_by_key_id.get(key_id),
        }?;
        self.refusals.get(*index)
    }

    /// The indices of the certificates `signer_id` names, in the order received.
    fn named(&self, signer_id: &SignerIdentifier) -> &[usize] {
        let found = match lookup_key(signer_id) {
            Some(LookupKey::IssuerSerial(key)) => self.by_issuer_serial.get(&key),
            Some(LookupKey::KeyId(key_id)) => self.by_key_id.get(key_id),
            None => None,
        };
        found.map(Vec::as_slice).unwrap_or_default()
    }

    /// The hash of certificate `index` under `algorithm`, computed at most once.
    fn hash(&self, index: usize, algorithm: DigestAlgorithm) -> Option<Vec<u8>> {
        let certificate = self.certificates.get(index)?;
        let mut hashes = self.hashes.borrow_mut();
        Some(
            hashes
                .entry((index, algorithm))
                .or_insert_with(|| algorithm.digest(certificate.der()))
                .clone(),
        )
    }

    /// Whether an ESSCertIDv2 names certificate `index`: its hash, and its issuerSerial
    /// when present. `Err` when the hash algorithm is refused or unknown.
    fn ess_binds(&self, ess: &super::EssCertIdV2, index: usize) -> Result<bool, Error> {
        let algorithm = DigestAlgorithm::from_oid(&ess.hash_algorithm)?;
        let Some(certificate) = self.certificates.get(index) else {
            return Ok(false);
        };
        if self.hash(index, algorithm).as_deref() != Some(ess.cert_hash.as_slice()) {
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

    /// The first certificate `signer_id` names; when several do, the first the ESS
    /// attribute `ess` binds.
    fn find(
        &self,
        signer_id: &SignerIdentifier,
        ess: Option<&super::EssCertIdV2>,
    ) -> Option<usize> {
        let named = self.named(signer_id);
        if let Some(ess) = ess {
            if named.len() > 1 {
                if let Some(&bound) = named
                    .iter()
                    .find(|&&index| self.ess_binds(ess, index) == Ok(true))
                {
                    return Some(bound);
                }
            }
        }
        named.first().copied()
    }
}

/// Checks one signer of `signed_data` against its certificates `signed_data.certificates()`
/// and `extra_certificates`; see [`check_signer_indexed`] for the checks. The
/// certificates are parsed and indexed for this one call: to check several signers of
/// one signature, index them once with [`SignerCertificates`] and call
/// [`check_signer_indexed`].
///
/// A signature without signed attributes covers the content itself, and the
/// verification backends take the message, not its digest: such a signer needs the
/// content bytes. They are `content_for_unsigned` when given, else the encapsulated
/// content; for a detached `-noattr` signature the caller must pass the whole content
/// in memory. Signers with signed attributes never use `content_for_unsigned`.
pub fn check_signer(
    signed_data: &CmsSignedData,
    signer: &SignerInfo,
    extra_certificates: &[CertificateDer],
    content_digests: &Digests,
    content_for_unsigned: Option<&[u8]>,
    policy: &AlgorithmPolicy<'_>,
) -> SignerCheck {
    let mut parsed: Vec<Certificate<'_>> = Vec::new();
    let mut refused: Vec<(&[u8], Error)> = Vec::new();
    for der in signed_data.certificates().iter().chain(extra_certificates) {
        match der.parse() {
            Ok(certificate) => parsed.push(certificate),
            Err(error) => refused.push((der.as_ref(), error)),
        }
    }
    let mut certificates = SignerCertificates::new(&parsed);
    for (der, error) in refused {
        certificates.refused(der, error);
    }
    let content = content_for_unsigned
        .or(signed_data.encapsulated_content())
        .ok_or(Error::DetachedContentNotSupplied);
    check_signer_indexed(
        signed_data,
        signer,
        &certificates,
        content_digests,
        content,
        policy,
    )
}

/// Checks one signer of `signed_data`, its certificate looked up in `certificates`, in
/// this order:
///
/// 0. `version` goes with the `sid` choice, and the digest algorithm is listed in
///    `digestAlgorithms` — [`SignerFailure::Rule`];
/// 1. the digest algorithm is acceptable, and the signature algorithm can be read
///    (`rsaEncryption` means sha*NNN*WithRSAEncryption and `id-ecPublicKey` means
///    ecdsa-with-SHA*NNN* for the digest algorithm, RFC 3370 §3.2 / RFC 5754 §3; GM/T
///    `sm2sign` means SM2-with-SM3) — [`SignerFailure::CryptoConstraints`];
/// 2. the signer's certificate is among `certificates` —
///    [`SignerFailure::NoSigningCertificate`], or
///    [`SignerFailure::SignerCertificateRefused`] when only a certificate the strict
///    rules refused matches;
/// 3. the signed-attribute rules of RFC 5652 §5.3 and §11 hold
///    ([`SignerFailure::Format`]), contentType equals eContentType, and a signer without
///    signed attributes signs id-data ([`SignerFailure::Rule`]);
/// 4. an ESS signingCertificateV2 names that certificate (a v1 signingCertificate, being
///    SHA-1, is ignored) — [`SignerFailure::SigningCertificateMismatch`];
/// 5. messageDigest equals the content's digest under the signer's digest algorithm,
///    taken from `content_digests` (compute it with
///    [`ContentDigests::new(&signed_data.digest_algorithms())`](super::ContentDigests::new)
///    over the encapsulated or detached content) — [`SignerFailure::HashMismatch`];
///    without signed attributes, the content bytes are `content_for_unsigned`, or the
///    reason they are not at hand — [`SignerFailure::SignedDataNotFound`];
/// 6. the signature verifies over the signed attributes as received with the tag 0x31
///    (RFC 5652 §5.4), or, without signed attributes, over the content itself —
///    [`SignerFailure::SignatureInvalid`] (refused keys and algorithms:
///    [`SignerFailure::CryptoConstraints`]).
pub fn check_signer_indexed(
    signed_data: &CmsSignedData,
    signer: &SignerInfo,
    certificates: &SignerCertificates<'_>,
    content_digests: &Digests,
    content_for_unsigned: Result<&[u8], Error>,
    policy: &AlgorithmPolicy<'_>,
) -> SignerCheck {
    let attributes = signer.signed_attributes();
    let mut check = SignerCheck {
        signer_certificate: None,
        signer_index: None,
        claimed_signing_time: attributes.and_then(|a| a.signing_time()),
        signing_time_offset_normalised: attributes
            .is_some_and(|a| a.signing_time_offset_normalised()),
        digest_algorithm: signer.digest_algorithm_oid().to_owned(),
        signature_algorithm: signer.signature_algorithm_oid().to_owned(),
        outcome: Ok(()),
    };
    check.outcome = run_checks(
        &mut check,
        signed_data,
        signer,
        certificates,
        content_digests,
        content_for_unsigned,
        policy,
    );
    check
}

/// How many further certificates named by a signer's sid are tried when the first one's
/// key does not verify the signature and no ESS attribute says which is meant: each
/// costs one signature check, and at most [`MAX_SIGNERS`](super::MAX_SIGNERS) signers
/// do so, so a signature costs at most 64 × 5 signer checks.
const MAX_OTHER_SIGNER_CANDIDATES: usize = 4;

fn run_checks(
    check: &mut SignerCheck,
    signed_data: &CmsSignedData,
    signer: &SignerInfo,
    certificates: &SignerCertificates<'_>,
    content_digests: &Digests,
    content_for_unsigned: Result<&[u8], Error>,
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), SignerFailure> {
    // 0. Structure.
    signer.check_version().map_err(SignerFailure::Rule)?;
    if !signed_data
        .listed_digest_algorithms()
        .iter()
        .any(|listed| listed == signer.digest_algorithm_oid())
    {
        return Err(SignerFailure::Rule(Error::DigestAlgorithmNotListed {
            oid: signer.digest_algorithm_oid().to_owned(),
        }));
    }

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
    let index = certificates.find(signer.signer_id(), ess).ok_or_else(|| {
        match certificates.refusal(signer.signer_id()) {
            Some(error) => SignerFailure::SignerCertificateRefused(error.clone()),
            None => SignerFailure::NoSigningCertificate,
        }
    })?;
    let certificate = certificates
        .certificates
        .get(index)
        .ok_or(SignerFailure::NoSigningCertificate)?;
    check.signer_certificate = Some(CertificateDer::from_vec(certificate.der().to_vec()));
    check.signer_index = Some(index);

    let message: &[u8] = match signer.signed_attributes() {
        Some(attributes) => {
            // 3. Signed-attribute rules.
            if let Some(rule) = attributes.rule_violations().first() {
                return Err(SignerFailure::Format(rule.clone()));
            }
            if attributes.content_type() != Some(signed_data.encapsulated_content_type()) {
                return Err(SignerFailure::Rule(Error::ContentTypeMismatch {
                    attribute: attributes
                        .content_type_received()
                        .unwrap_or("(none)")
                        .to_owned(),
                    e_content_type: signed_data.encapsulated_content_type_received().to_owned(),
                }));
            }
            // 4. ESS binding.
            if let Some(ess) = ess {
                match certificates.ess_binds(ess, index) {
                    Ok(true) => {}
                    Ok(false) => return Err(SignerFailure::SigningCertificateMismatch),
                    Err(e) => return Err(SignerFailure::CryptoConstraints(e)),
                }
            }
            // 5. Content digest.
            let expected = content_digests.get(digest).ok_or_else(|| {
                SignerFailure::Format(format!(
                    "the content's {} digest was not computed: digest the content under \
                     CmsSignedData::digest_algorithms()",
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
                return Err(SignerFailure::Rule(Error::SignedAttributesRequired {
                    e_content_type: signed_data.encapsulated_content_type_received().to_owned(),
                }));
            }
            content_for_unsigned.map_err(SignerFailure::SignedDataNotFound)?
        }
    };

    // 6. Signature. Without an ESS binding, anyone relaying the signature can put a
    // certificate with the signer's issuer and serial (or key identifier) but another
    // key ahead of the genuine one: try the other certificates the sid names too, a
    // few at most, and keep the one whose key verifies (the path then decides whether
    // that certificate is trusted).
    let first = verify_signature(
        certificate.spki(),
        &algorithm,
        message,
        signer.signature(),
        policy,
    );
    if first.is_err() && ess.is_none() {
        let others = certificates
            .named(signer.signer_id())
            .iter()
            .filter(|&&other| other != index)
            .take(MAX_OTHER_SIGNER_CANDIDATES);
        for &other in others {
            let Some(candidate) = certificates.certificates.get(other) else {
                continue;
            };
            if verify_signature(
                candidate.spki(),
                &algorithm,
                message,
                signer.signature(),
                policy,
            )
            .is_ok()
            {
                check.signer_certificate = Some(CertificateDer::from_vec(candidate.der().to_vec()));
                check.signer_index = Some(other);
                return Ok(());
            }
        }
    }
    first.map_err(|e| {
        if crate::algorithm::is_crypto_constraint(&e) {
            SignerFailure::CryptoConstraints(e)
        } else {
            SignerFailure::SignatureInvalid(e)
        }
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
        (RSA_ENCRYPTION, DigestAlgorithm::Sha256) => (SHA256_WITH_RSA, true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sha384) => (SHA384_WITH_RSA, true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sha512) => (SHA512_WITH_RSA, true),
        (RSA_ENCRYPTION, DigestAlgorithm::Sm3) => {
            return Err(Error::UnsupportedSignatureAlgorithm {
                oid: SM3_WITH_RSA.to_owned(),
            })
        }
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha256) => (ECDSA_WITH_SHA256, false),
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha384) => (ECDSA_WITH_SHA384, false),
        (EC_PUBLIC_KEY, DigestAlgorithm::Sha512) => (ECDSA_WITH_SHA512, false),
        (EC_PUBLIC_KEY | SM2_SIGN | SM2P256V1, DigestAlgorithm::Sm3) => (SM2_WITH_SM3, false),
        (SM2_SIGN | SM2P256V1, _) => {
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

/// How the indexes of [`SignerCertificates`] are keyed for one signer identifier.
enum LookupKey<'s> {
    /// The issuer (compared as RFC 5280 names) and the serial number.
    IssuerSerial((ComparableName, Vec<u8>)),
    /// The subjectKeyIdentifier.
    KeyId(&'s [u8]),
}

/// The index key of `signer_id`, or `None` when it names no certificate: an issuer
/// name with an empty RDN would be read cut short (x509-parser stops at the empty SET)
/// and could name another issuer's certificate, and one that does not decode names
/// none.
fn lookup_key(signer_id: &SignerIdentifier) -> Option<LookupKey<'_>> {
    match signer_id {
        SignerIdentifier::IssuerAndSerial { issuer_der, serial } => {
            crate::cert::check_rdns("sid issuer", issuer_der).ok()?;
            let (_, name) = X509Name::from_der(issuer_der).ok()?;
            Some(LookupKey::IssuerSerial((
                ComparableName::of(&name),
                serial.clone(),
            )))
        }
        SignerIdentifier::SubjectKeyIdentifier(key_id) => Some(LookupKey::KeyId(key_id)),
    }
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
