//! Signature verification dispatched by OID: the signature algorithm identifier picks the
//! scheme, the SubjectPublicKeyInfo picks the key, and weak or mismatched choices are
//! refused before any cryptography runs. RSA, ECDSA and Ed25519 go through ring (RSA-PSS
//! with a salt other than the hash length through RustCrypto `rsa`); SM2 through
//! RustCrypto `sm2`.

mod cache;
mod ecdsa;
mod ed25519;
mod key;
mod rsa;
mod scheme;
mod sm2;

pub use cache::{SignatureCache, DEFAULT_SIGNATURE_CACHE, MAX_CACHED_MESSAGE};
pub use key::KeyAlgorithm;
pub use scheme::signature_algorithm_name;
pub(crate) use scheme::Sha2;

use crate::Error;
use scheme::SignatureScheme;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

/// The SM2 signer identifier used when the signer states none: the ASCII text
/// `1234567812345678` (GB/T 35276-2017 §5.3, GM/T 0009-2012 §10).
pub const DEFAULT_SM2_SIGNER_ID: &[u8] = b"1234567812345678";

/// The RSA modulus floor of [`AlgorithmPolicy::default`] in bits (NIST SP 800-131A).
pub const DEFAULT_MIN_RSA_BITS: usize = 2048;

/// The choices a verifier makes that the signature itself does not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmPolicy<'a> {
    /// The SM2 signer identifier hashed into `Z` (GB/T 32918.2 §5.5); any bytes up to
    /// 8191 long. Defaults to `DEFAULT_SM2_SIGNER_ID`.
    pub sm2_signer_id: &'a [u8],
    /// RSA keys with a shorter modulus are refused with [`Error::RsaKeyTooSmall`].
    /// Defaults to `DEFAULT_MIN_RSA_BITS`. Values below 2048 only help for PKCS#1
    /// SHA-256 and SHA-512 down to 1024 bits: the crypto backend refuses the rest.
    pub min_rsa_bits: usize,
    /// Where successes are remembered and looked up ([`SignatureCache`]): `None` (the
    /// default) checks every signature. A [`Verifier`](crate::Verifier) puts its own
    /// cache here.
    pub signature_cache: Option<&'a SignatureCache>,
}

impl Default for AlgorithmPolicy<'_> {
    fn default() -> Self {
        AlgorithmPolicy {
            sm2_signer_id: DEFAULT_SM2_SIGNER_ID,
            min_rsa_bits: DEFAULT_MIN_RSA_BITS,
            signature_cache: None,
        }
    }
}

/// Whether `error` refuses an algorithm, a key or their parameters — the one
/// classification of a cryptographic-constraint failure, for signers and chains alike.
/// ETSI EN 319 102-1 §5.2.8 (cryptographic constraints: the algorithms, key sizes and
/// algorithm parameters acceptable) makes each of these
/// `INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE`: SHA-1, MD5, RSA keys outside the size
/// bounds, unknown or unsupported OIDs, parameters baytrust cannot verify
/// ([`Error::AlgorithmParametersInvalid`], the RSASSA-PSS parameter rules) and explicit
/// curves. A signature that simply does not verify is not one of them.
pub(crate) fn is_crypto_constraint(error: &Error) -> bool {
    matches!(
        error,
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
            | Error::ExplicitCurveUnsupported { .. }
            // ---- algorithms: loose ends (issue 8) ----
            | Error::RsaKeyTooLarge { .. }
    )
}

/// Checks that a public key is one baytrust can use and that it meets `policy`: a
/// known algorithm ([`Error::UnsupportedPublicKeyAlgorithm`]), well formed
/// ([`Error::PublicKeyInvalid`]; explicit EC parameters other than sm2p256v1 are
/// [`Error::ExplicitCurveUnsupported`]), RSA — `rsaEncryption` or `id-RSASSA-PSS` — of
/// at least `policy.min_rsa_bits` ([`Error::RsaKeyTooSmall`]) and at most 8192 bits
/// ([`Error::RsaKeyTooLarge`]). Path validation applies it to the end-entity key,
/// which no signature in the chain exercises.
pub fn check_public_key(
    spki: &SubjectPublicKeyInfo<'_>,
    policy: &AlgorithmPolicy<'_>,
) -> Result<KeyAlgorithm, Error> {
    let key = key::classify(spki)?;
    if let KeyAlgorithm::Rsa { bits } | KeyAlgorithm::RsaPss { bits } = key {
        rsa::check_size(bits, policy)?;
    }
    Ok(key)
}

/// Verifies `signature` over `message` with the key in `spki` using `algorithm`.
///
/// The checks run in this order, so the most telling error wins:
/// 1. the signature algorithm: SHA-1 ([`Error::Sha1Refused`]) and MD5/MD2
///    ([`Error::Md5Refused`]) are refused, unknown OIDs are
///    [`Error::UnsupportedSignatureAlgorithm`], and parameters must be as the
///    algorithm's RFC says ([`Error::AlgorithmParametersInvalid`]);
/// 2. the key: its algorithm must be known ([`Error::UnsupportedPublicKeyAlgorithm`])
///    and well formed ([`Error::PublicKeyInvalid`]);
/// 3. the pair: the signature algorithm must fit the key
///    ([`Error::AlgorithmKeyMismatch`]; an `id-RSASSA-PSS` key signs only RSASSA-PSS),
///    RSA keys must reach `policy.min_rsa_bits` ([`Error::RsaKeyTooSmall`]) and stay
///    within 8192 bits ([`Error::RsaKeyTooLarge`], before any backend works on them), the
///    signature's PSS parameters must meet those of a PSS key
///    ([`Error::PssKeyConstraintViolated`]) and its salt must fit the key
///    ([`Error::PssSaltLengthInvalid`]);
/// 4. the cryptography: [`Error::SignatureInvalid`] if the signature does not verify.
///
/// With `policy.signature_cache`, a check that succeeded before with the same key,
/// algorithm, message, signature and policy succeeds without being redone, and a new
/// success is remembered; failures are never remembered.
pub fn verify_signature(
    spki: &SubjectPublicKeyInfo<'_>,
    algorithm: &AlgorithmIdentifier<'_>,
    message: &[u8],
    signature: &[u8],
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), Error> {
    let cached = policy.signature_cache.and_then(|cache| {
        SignatureCache::key(spki, algorithm, message, signature, policy).map(|key| (cache, key))
    });
    if let Some((cache, key)) = &cached {
        if cache.contains(key) {
            return Ok(());
        }
    }
    let result = verify_uncached(spki, algorithm, message, signature, policy);
    if let (Ok(()), Some((cache, key))) = (&result, cached) {
        cache.insert(key);
    }
    result
}

/// [`verify_signature`] without the cache.
fn verify_uncached(
    spki: &SubjectPublicKeyInfo<'_>,
    algorithm: &AlgorithmIdentifier<'_>,
    message: &[u8],
    signature: &[u8],
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), Error> {
    let scheme = SignatureScheme::from_algorithm(algorithm)?;
    let key = key::classify(spki)?;
    let key_bytes: &[u8] = &spki.subject_public_key.data;

    match (scheme, key) {
        (SignatureScheme::RsaPkcs1(hash), KeyAlgorithm::Rsa { bits }) => {
            rsa::check_size(bits, policy)?;
            rsa::verify_pkcs1(hash, bits, key_bytes, message, signature)
        }
        (SignatureScheme::RsaPss(params), KeyAlgorithm::Rsa { bits }) => {
            rsa::check_size(bits, policy)?;
            rsa::verify_pss(params, bits, key_bytes, message, signature)
        }
        (SignatureScheme::RsaPss(params), KeyAlgorithm::RsaPss { bits }) => {
            rsa::check_size(bits, policy)?;
            if let Some(constraint) = rsa::key_pss_params(spki.algorithm.parameters.as_ref())? {
                rsa::check_key_constraint(constraint, params)?;
            }
            rsa::verify_pss(params, bits, key_bytes, message, signature)
        }
        (SignatureScheme::Ecdsa(hash), KeyAlgorithm::EcdsaP256) => {
            ecdsa::verify(ecdsa::Curve::P256, hash, key_bytes, message, signature)
        }
        (SignatureScheme::Ecdsa(hash), KeyAlgorithm::EcdsaP384) => {
            ecdsa::verify(ecdsa::Curve::P384, hash, key_bytes, message, signature)
        }
        (SignatureScheme::Ed25519, KeyAlgorithm::Ed25519) => {
            ed25519::verify(key_bytes, message, signature)
        }
        (SignatureScheme::Sm2WithSm3, KeyAlgorithm::Sm2) => {
            sm2::verify(key_bytes, message, signature, policy.sm2_signer_id)
        }
        (scheme, key) => Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: scheme.to_string(),
            key_algorithm: key.to_string(),
        }),
    }
}
