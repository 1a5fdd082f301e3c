//! RSA: the modulus size of an `RSAPublicKey`, RSASSA-PSS parameters, and verification
//! of PKCS#1 v1.5 and PSS signatures through ring.

use ring::signature::{self, RsaParameters, UnparsedPublicKey};
use x509_parser::asn1_rs::{Any, FromDer, Tag};
use x509_parser::signature_algorithm::RsaSsaPssParams;

use super::scheme::{null_or_absent, Sha2};
use super::AlgorithmPolicy;
use crate::Error;

/// The smallest modulus ring verifies with the SHA-256 and SHA-512 legacy PKCS#1
/// algorithms; every other RSA algorithm of ring starts at 2048 bits.
const RING_LEGACY_MIN_BITS: usize = 1024;
/// The smallest modulus ring verifies with its regular RSA algorithms.
const RING_MIN_BITS: usize = 2048;
/// The largest modulus ring verifies.
const RING_MAX_BITS: usize = 8192;

/// `id-mgf1` (RFC 8017 A.2.1).
const MGF1: &str = "1.2.840.113549.1.1.8";
/// `id-sha1` (RFC 3279 §2.2.1), the default hash of RSASSA-PSS-params.
const SHA1: &str = "1.3.14.3.2.26";

/// The size in bits of the modulus of a DER `RSAPublicKey` (RFC 8017 A.1.1):
///
/// ```text
/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
/// ```
pub(super) fn modulus_bits(rsa_public_key: &[u8]) -> Result<usize, Error> {
    let invalid = |reason: &str| Error::PublicKeyInvalid {
        reason: format!("RSAPublicKey: {reason}"),
    };
    let (rest, sequence) = Any::from_der(rsa_public_key).map_err(|_| invalid("not DER"))?;
    if !rest.is_empty() || sequence.tag() != Tag::Sequence {
        return Err(invalid("not a single SEQUENCE"));
    }
    let (rest, modulus) = Any::from_der(sequence.data).map_err(|_| invalid("no modulus"))?;
    let (rest, exponent) = Any::from_der(rest).map_err(|_| invalid("no publicExponent"))?;
    if !rest.is_empty() || modulus.tag() != Tag::Integer || exponent.tag() != Tag::Integer {
        return Err(invalid("not two INTEGERs"));
    }
    let digits = positive_integer(modulus.data)
        .ok_or_else(|| invalid("modulus is not a positive minimal INTEGER"))?;
    positive_integer(exponent.data)
        .ok_or_else(|| invalid("publicExponent is not a positive minimal INTEGER"))?;
    // `digits` starts with a non-zero byte.
    let leading_bits = digits
        .first()
        .map_or(0, |byte| 8 - byte.leading_zeros() as usize);
    Ok(digits.len().saturating_sub(1) * 8 + leading_bits)
}

/// The magnitude bytes of a positive DER INTEGER without its sign byte, or `None` if the
/// INTEGER is empty, zero, negative or not minimally encoded (X.690 §8.3.2).
fn positive_integer(content: &[u8]) -> Option<&[u8]> {
    match content {
        [] => None,
        [first, ..] if first & 0x80 != 0 => None,
        [0] => None,
        [0, second, ..] if second & 0x80 == 0 => None,
        [0, rest @ ..] => Some(rest),
        digits => Some(digits),
    }
}

/// Refuses keys below the policy's floor, and keys ring cannot verify.
pub(super) fn check_size(bits: usize, policy: &AlgorithmPolicy<'_>) -> Result<(), Error> {
    if bits < policy.min_rsa_bits {
        return Err(Error::RsaKeyTooSmall {
            bits,
            minimum: policy.min_rsa_bits,
        });
    }
    if bits > RING_MAX_BITS {
        return Err(Error::PublicKeyInvalid {
            reason: format!("RSA modulus of {bits} bits exceeds the {RING_MAX_BITS}-bit maximum"),
        });
    }
    Ok(())
}

/// Verifies an RSASSA-PKCS1-v1_5 signature (RFC 8017 §8.2.2).
pub(super) fn verify_pkcs1(
    hash: Sha2,
    bits: usize,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let parameters: &'static RsaParameters = match (hash, bits >= RING_MIN_BITS) {
        (Sha2::Sha256, true) => &signature::RSA_PKCS1_2048_8192_SHA256,
        (Sha2::Sha384, true) => &signature::RSA_PKCS1_2048_8192_SHA384,
        (Sha2::Sha512, true) => &signature::RSA_PKCS1_2048_8192_SHA512,
        (Sha2::Sha256, false) if bits >= RING_LEGACY_MIN_BITS => {
            &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
        }
        (Sha2::Sha512, false) if bits >= RING_LEGACY_MIN_BITS => {
            &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
        }
        (Sha2::Sha384, false) => return Err(below_backend_floor(bits, RING_MIN_BITS)),
        (_, false) => return Err(below_backend_floor(bits, RING_LEGACY_MIN_BITS)),
    };
    verify_with(parameters, rsa_public_key, message, signature)
}

/// Verifies an RSASSA-PSS signature with MGF1(`hash`) and a salt of the hash length
/// (RFC 8017 §8.1.2); [`pss_hash`] has checked that the parameters say so.
pub(super) fn verify_pss(
    hash: Sha2,
    bits: usize,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    if bits < RING_MIN_BITS {
        return Err(below_backend_floor(bits, RING_MIN_BITS));
    }
    let parameters: &'static RsaParameters = match hash {
        Sha2::Sha256 => &signature::RSA_PSS_2048_8192_SHA256,
        Sha2::Sha384 => &signature::RSA_PSS_2048_8192_SHA384,
        Sha2::Sha512 => &signature::RSA_PSS_2048_8192_SHA512,
    };
    verify_with(parameters, rsa_public_key, message, signature)
}

/// A policy allowed a key smaller than the crypto backend verifies: the backend's floor
/// is reported as the minimum.
fn below_backend_floor(bits: usize, minimum: usize) -> Error {
    Error::RsaKeyTooSmall { bits, minimum }
}

fn verify_with(
    parameters: &'static RsaParameters,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    UnparsedPublicKey::new(parameters, rsa_public_key)
        .verify(message, signature)
        .map_err(|_| Error::SignatureInvalid)
}

/// Reads `RSASSA-PSS-params` (RFC 4055 §3.1) and returns the hash when they are the one
/// profile baytrust (and ring) verifies: SHA-256, SHA-384 or SHA-512, MGF1 with the same
/// hash, a salt as long as the hash, and trailer field 1.
///
/// ```text
/// RSASSA-PSS-params ::= SEQUENCE {
///     hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///     saltLength         [2] INTEGER DEFAULT 20,
///     trailerField       [3] INTEGER DEFAULT 1 }
/// ```
pub(super) fn pss_hash(parameters: Option<&Any<'_>>) -> Result<Sha2, Error> {
    let invalid = |reason: String| Error::AlgorithmParametersInvalid { reason };
    // RFC 4055 §3.1: the parameters MUST be present in a signature algorithm identifier.
    let parameters =
        parameters.ok_or_else(|| invalid("RSASSA-PSS parameters are absent".to_owned()))?;
    let params = RsaSsaPssParams::try_from(parameters)
        .map_err(|e| invalid(format!("RSASSA-PSS-params do not decode: {e}")))?;

    let hash_oid = params.hash_algorithm_oid().to_id_string();
    if hash_oid == SHA1 {
        return Err(Error::Sha1Refused { oid: hash_oid });
    }
    let hash = Sha2::from_oid(&hash_oid).ok_or_else(|| {
        invalid(format!(
            "RSASSA-PSS hash {hash_oid} is not SHA-256, SHA-384 or SHA-512"
        ))
    })?;
    if let Some(hash_algorithm) = params.hash_algorithm() {
        // RFC 4055 §2.1: readers accept the hash parameters NULL or absent.
        null_or_absent(hash_algorithm.parameters.as_ref(), "RSASSA-PSS hash")?;
    }

    let mgf = params.mask_gen_algorithm_raw().ok_or_else(|| {
        invalid(format!(
            "RSASSA-PSS uses the default MGF1 with SHA-1, not with {hash}"
        ))
    })?;
    let mgf_oid = mgf.algorithm.to_id_string();
    if mgf_oid != MGF1 {
        return Err(invalid(format!(
            "RSASSA-PSS mask generation {mgf_oid} is not MGF1"
        )));
    }
    if mgf.parameters.as_ref().map(Any::tag) != Some(Tag::Sequence) {
        return Err(invalid(
            "RSASSA-PSS MGF1 parameters are not a hash AlgorithmIdentifier".to_owned(),
        ));
    }
    let mgf_hash = params
        .mask_gen_algorithm()
        .map_err(|e| invalid(format!("RSASSA-PSS MGF1 parameters do not decode: {e}")))?
        .hash
        .to_id_string();
    if Sha2::from_oid(&mgf_hash) != Some(hash) {
        return Err(invalid(format!(
            "RSASSA-PSS MGF1 hash {mgf_hash} differs from the message hash {hash}"
        )));
    }

    let salt_length = params.salt_length();
    if usize::try_from(salt_length).ok() != Some(hash.output_len()) {
        return Err(invalid(format!(
            "RSASSA-PSS salt length {salt_length} differs from the {hash} output length {}",
            hash.output_len()
        )));
    }
    let trailer_field = params.trailer_field();
    if trailer_field != 1 {
        return Err(invalid(format!(
            "RSASSA-PSS trailer field {trailer_field} is not 1 (RFC 4055 §3.1)"
        )));
    }
    Ok(hash)
}
