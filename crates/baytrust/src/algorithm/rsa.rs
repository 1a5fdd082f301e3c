//! RSA: the modulus size of an `RSAPublicKey`, RSASSA-PSS parameters (of a signature and
//! of an `id-RSASSA-PSS` key), and verification of PKCS#1 v1.5 and PSS signatures: ring
//! for PKCS#1 and for PSS with a salt as long as the hash, RustCrypto `rsa` for PSS with
//! any other salt (OpenSSL's default is the longest the key allows).

use der::asn1::AnyRef;
use der::{Decode, Sequence, Tagged};
use ring::signature::{self, RsaParameters, UnparsedPublicKey};
use rsa::signature::Verifier;
use spki::AlgorithmIdentifierRef;
use x509_parser::asn1_rs::{Any, FromDer, Tag, ToDer};

use super::scheme::Sha2;
use super::AlgorithmPolicy;
use crate::oid::{MGF1, SHA1};
use crate::Error;

/// The smallest modulus ring verifies with the SHA-256 and SHA-512 legacy PKCS#1
/// algorithms; every other RSA algorithm of ring starts at 2048 bits.
const RING_LEGACY_MIN_BITS: usize = 1024;
/// The smallest modulus ring verifies with its regular RSA algorithms.
const RING_MIN_BITS: usize = 2048;
/// The largest modulus baytrust verifies with, for both backends: ring's limit (its
/// `RSA_*_2048_8192_*` algorithms). RustCrypto `rsa` would take up to 16384 bits; the
/// cap keeps the cost of one verification bounded whatever key a certificate carries.
pub(super) const MAX_BITS: usize = 8192;
/// The largest public exponent both backends take: 2^33 − 1 (ring's limit; RustCrypto
/// `rsa` has the same).
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// The default saltLength of RSASSA-PSS-params (RFC 4055 §3.1).
const DEFAULT_SALT_LENGTH: i64 = 20;
/// The only trailerField defined, `trailerFieldBC` (RFC 4055 §3.1).
const TRAILER_FIELD_BC: i64 = 1;

/// The size in bits of the modulus of a DER `RSAPublicKey` (RFC 8017 A.1.1):
///
/// ```text
/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
/// ```
pub(super) fn modulus_bits(rsa_public_key: &[u8]) -> Result<usize, Error> {
    let (modulus, _) = components(rsa_public_key)?;
    // `modulus` starts with a non-zero byte.
    let leading_bits = modulus
        .first()
        .map_or(0, |byte| 8u32.saturating_sub(byte.leading_zeros()));
    let leading_bits = usize::try_from(leading_bits).unwrap_or(8);
    Ok(modulus
        .len()
        .saturating_sub(1)
        .saturating_mul(8)
        .saturating_add(leading_bits))
}

/// The magnitudes (big-endian, no sign byte) of the modulus and the public exponent of
/// a DER `RSAPublicKey`.
fn components(rsa_public_key: &[u8]) -> Result<(&[u8], &[u8]), Error> {
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
    let modulus = positive_integer(modulus.data)
        .ok_or_else(|| invalid("modulus is not a positive minimal INTEGER"))?;
    let exponent = positive_integer(exponent.data)
        .ok_or_else(|| invalid("publicExponent is not a positive minimal INTEGER"))?;
    Ok((modulus, exponent))
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

/// Refuses keys below the policy's floor ([`Error::RsaKeyTooSmall`]) and above
/// [`MAX_BITS`] ([`Error::RsaKeyTooLarge`]). Every RSA verification calls it before
/// handing the key to ring or RustCrypto `rsa`, so neither backend works on a key it
/// refuses.
pub(super) fn check_size(bits: usize, policy: &AlgorithmPolicy<'_>) -> Result<(), Error> {
    if bits < policy.min_rsa_bits {
        return Err(Error::RsaKeyTooSmall {
            bits,
            minimum: policy.min_rsa_bits,
        });
    }
    if bits > MAX_BITS {
        return Err(Error::RsaKeyTooLarge {
            bits,
            maximum: MAX_BITS,
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
    check_exponent(rsa_public_key)?;
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

/// Verifies an RSASSA-PSS signature with MGF1(`params.hash`) and a salt of
/// `params.salt_length` bytes (RFC 8017 §8.1.2, §9.1.2).
///
/// A salt as long as the hash goes through ring; any other length ring cannot verify,
/// and goes through RustCrypto `rsa`. A negative salt, or one longer than the key allows
/// (emLen − hLen − 2 bytes), is [`Error::PssSaltLengthInvalid`].
pub(super) fn verify_pss(
    params: PssParams,
    bits: usize,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    if bits < RING_MIN_BITS {
        return Err(below_backend_floor(bits, RING_MIN_BITS));
    }
    check_exponent(rsa_public_key)?;
    let hash = params.hash;
    let salt_length = salt_length_for(params, bits)?;
    if salt_length == hash.output_len() {
        verify_pss_ring(hash, rsa_public_key, message, signature)
    } else {
        verify_pss_rustcrypto(hash, salt_length, rsa_public_key, message, signature)
    }
}

/// RSASSA-PSS through ring, which verifies only a salt as long as the hash.
fn verify_pss_ring(
    hash: Sha2,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let parameters: &'static RsaParameters = match hash {
        Sha2::Sha256 => &signature::RSA_PSS_2048_8192_SHA256,
        Sha2::Sha384 => &signature::RSA_PSS_2048_8192_SHA384,
        Sha2::Sha512 => &signature::RSA_PSS_2048_8192_SHA512,
    };
    verify_with(parameters, rsa_public_key, message, signature)
}

/// RSASSA-PSS through RustCrypto `rsa` with a salt of exactly `salt_length` bytes.
fn verify_pss_rustcrypto(
    hash: Sha2,
    salt_length: usize,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let (modulus, exponent) = components(rsa_public_key)?;
    let key = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(modulus),
        rsa::BoxedUint::from_be_slice_vartime(exponent),
    )
    .map_err(|e| Error::PublicKeyInvalid {
        reason: format!("RSA public key refused by the PSS verifier: {e}"),
    })?;
    let signature =
        rsa::pss::Signature::try_from(signature).map_err(|_| Error::SignatureInvalid)?;
    let verified = match hash {
        Sha2::Sha256 => rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_salt_len(key, salt_length)
            .verify(message, &signature),
        Sha2::Sha384 => rsa::pss::VerifyingKey::<sha2::Sha384>::new_with_salt_len(key, salt_length)
            .verify(message, &signature),
        Sha2::Sha512 => rsa::pss::VerifyingKey::<sha2::Sha512>::new_with_salt_len(key, salt_length)
            .verify(message, &signature),
    };
    verified.map_err(|_| Error::SignatureInvalid)
}

/// Refuses a public exponent the backends cannot use, by name rather than as a failed
/// signature: it must be odd and in 3..=2^33 − 1 (RFC 8017 §3.1 asks odd and ≥ 3; the
/// upper bound is ring's and RustCrypto's).
fn check_exponent(rsa_public_key: &[u8]) -> Result<(), Error> {
    let (_, exponent) = components(rsa_public_key)?;
    let value = (exponent.len() <= 8).then(|| {
        exponent
            .iter()
            .fold(0u64, |value, byte| (value << 8) | u64::from(*byte))
    });
    match value {
        Some(e) if (3..=MAX_PUBLIC_EXPONENT).contains(&e) && e % 2 == 1 => Ok(()),
        _ => Err(Error::PublicKeyInvalid {
            reason: format!(
                "RSA publicExponent 0x{} is not an odd number in 3..=2^33-1",
                crate::message_text::hex(exponent)
            ),
        }),
    }
}

/// The salt length of `params` as a size, when a `bits`-bit key can hold it; else
/// [`Error::PssSaltLengthInvalid`] (negative, or above emLen − hLen − 2).
pub(super) fn salt_length_for(params: PssParams, bits: usize) -> Result<usize, Error> {
    let maximum = max_salt_length(bits, params.hash);
    usize::try_from(params.salt_length)
        .ok()
        .filter(|salt| *salt <= maximum)
        .ok_or(Error::PssSaltLengthInvalid {
            salt_length: params.salt_length,
            maximum,
        })
}

/// The longest salt an RSASSA-PSS encoding with `hash` fits into a `bits`-bit modulus:
/// emLen − hLen − 2, with emLen = ⌈(modBits − 1) / 8⌉ (RFC 8017 §9.1.1 step 3).
fn max_salt_length(bits: usize, hash: Sha2) -> usize {
    bits.saturating_sub(1)
        .div_ceil(8)
        .saturating_sub(hash.output_len())
        .saturating_sub(2)
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

/// RSASSA-PSS parameters as baytrust verifies them: MGF1 with the message hash and
/// trailerField 1 are implied (anything else is refused when they are read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PssParams {
    /// The message hash, which is also the MGF1 hash.
    pub(crate) hash: Sha2,
    /// The saltLength as given; checked against the key when the key is known.
    pub(crate) salt_length: i64,
}

/// `RSASSA-PSS-params` (RFC 4055 §3.1, RFC 8017 A.2.3):
///
/// ```text
/// RSASSA-PSS-params ::= SEQUENCE {
///     hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///     saltLength         [2] INTEGER DEFAULT 20,
///     trailerField       [3] INTEGER DEFAULT 1 }
/// ```
#[derive(Sequence)]
struct RsaSsaPssParamsDer<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<i64>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer_field: Option<i64>,
}

/// Reads the `RSASSA-PSS-params` of a signature algorithm identifier (RFC 4055 §3.1:
/// they MUST be present there).
pub(super) fn signature_pss_params(parameters: Option<&Any<'_>>) -> Result<PssParams, Error> {
    let parameters = parameters.ok_or_else(|| Error::AlgorithmParametersInvalid {
        reason: "RSASSA-PSS parameters are absent".to_owned(),
    })?;
    read_pss_params(parameters)
}

/// Reads the parameters of an `id-RSASSA-PSS` public key (RFC 4055 §3.1: absent, or
/// RSASSA-PSS-params that then constrain every signature made with the key); `None`
/// when absent.
pub(super) fn key_pss_params(parameters: Option<&Any<'_>>) -> Result<Option<PssParams>, Error> {
    parameters.map(read_pss_params).transpose()
}

/// Reads `RSASSA-PSS-params` and keeps them only when baytrust verifies them: SHA-256,
/// SHA-384 or SHA-512 ([`Error::Sha1Refused`] for SHA-1, the default), MGF1 with that
/// same hash ([`Error::PssMaskHashMismatch`]) and trailerField 1
/// ([`Error::PssTrailerFieldInvalid`]). The salt length is checked against the key later.
fn read_pss_params(parameters: &Any<'_>) -> Result<PssParams, Error> {
    let invalid = |reason: String| Error::AlgorithmParametersInvalid { reason };
    if parameters.tag() != Tag::Sequence {
        return Err(invalid(format!(
            "RSASSA-PSS parameters are not a SEQUENCE, found tag {}",
            parameters.tag()
        )));
    }
    let encoded = parameters
        .to_der_vec()
        .map_err(|e| invalid(format!("RSASSA-PSS-params do not encode: {e}")))?;
    let params = RsaSsaPssParamsDer::from_der(&encoded)
        .map_err(|e| invalid(format!("RSASSA-PSS-params do not decode: {e}")))?;

    let hash = match params.hash_algorithm {
        None => {
            return Err(Error::Sha1Refused {
                oid: SHA1.to_owned(),
            })
        }
        Some(hash_algorithm) => hash_of(&hash_algorithm, "RSASSA-PSS hash")?,
    };

    let mgf = params
        .mask_gen_algorithm
        .ok_or_else(|| Error::PssMaskHashMismatch {
            hash: hash.to_string(),
            mgf_hash: "SHA-1 (the MGF1 default)".to_owned(),
        })?;
    let mgf_oid = mgf.oid.to_string();
    if mgf_oid != MGF1 {
        return Err(invalid(format!(
            "RSASSA-PSS mask generation {mgf_oid} is not MGF1"
        )));
    }
    let mgf_hash = mgf
        .parameters
        .ok_or_else(|| invalid("RSASSA-PSS MGF1 parameters are absent".to_owned()))
        .and_then(|any: AnyRef<'_>| {
            any.decode_as::<AlgorithmIdentifierRef<'_>>().map_err(|e| {
                invalid(format!(
                    "RSASSA-PSS MGF1 parameters are not a hash AlgorithmIdentifier: {e}"
                ))
            })
        })?;
    let mgf_hash_oid = mgf_hash.oid.to_string();
    match Sha2::from_oid(&mgf_hash_oid) {
        Some(found) if found == hash => {
            check_hash_parameters(mgf_hash.parameters, "RSASSA-PSS MGF1 hash")?;
        }
        found => {
            return Err(Error::PssMaskHashMismatch {
                hash: hash.to_string(),
                mgf_hash: match (found, mgf_hash_oid.as_str()) {
                    (Some(other), _) => other.to_string(),
                    (None, SHA1) => "SHA-1".to_owned(),
                    (None, oid) => oid.to_owned(),
                },
            })
        }
    }

    let trailer_field = params.trailer_field.unwrap_or(TRAILER_FIELD_BC);
    if trailer_field != TRAILER_FIELD_BC {
        return Err(Error::PssTrailerFieldInvalid { trailer_field });
    }
    Ok(PssParams {
        hash,
        salt_length: params.salt_length.unwrap_or(DEFAULT_SALT_LENGTH),
    })
}

/// The SHA-2 hash a `HashAlgorithm` names, its parameters NULL or absent (RFC 4055 §2.1).
fn hash_of(algorithm: &AlgorithmIdentifierRef<'_>, what: &str) -> Result<Sha2, Error> {
    let oid = algorithm.oid.to_string();
    if oid == SHA1 {
        return Err(Error::Sha1Refused { oid });
    }
    let hash = Sha2::from_oid(&oid).ok_or_else(|| Error::AlgorithmParametersInvalid {
        reason: format!("{what} {oid} is not SHA-256, SHA-384 or SHA-512"),
    })?;
    check_hash_parameters(algorithm.parameters, what)?;
    Ok(hash)
}

/// RFC 4055 §2.1: readers accept hash parameters that are NULL or absent.
fn check_hash_parameters(parameters: Option<AnyRef<'_>>, what: &str) -> Result<(), Error> {
    match parameters {
        None => Ok(()),
        Some(any) if any.tag() == der::Tag::Null && any.value().is_empty() => Ok(()),
        Some(any) => Err(Error::AlgorithmParametersInvalid {
            reason: format!(
                "{what} parameters must be NULL or absent, found tag {}",
                any.tag()
            ),
        }),
    }
}

/// Checks a signature's PSS parameters against those of an `id-RSASSA-PSS` key
/// (RFC 4055 §3.1): the same hash (hence the same MGF1), a salt at least the key's
/// saltLength; trailerField is 1 on both sides by then.
pub(super) fn check_key_constraint(key: PssParams, signature: PssParams) -> Result<(), Error> {
    if key.hash != signature.hash {
        return Err(Error::PssKeyConstraintViolated {
            field: "hashAlgorithm".to_owned(),
            key: key.hash.to_string(),
            signature: signature.hash.to_string(),
        });
    }
    if signature.salt_length < key.salt_length {
        return Err(Error::PssKeyConstraintViolated {
            field: "saltLength".to_owned(),
            key: format!("at least {}", key.salt_length),
            signature: signature.salt_length.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{max_salt_length, verify_pss_ring, verify_pss_rustcrypto, Sha2};
    use x509_parser::prelude::FromDer;
    use x509_parser::x509::SubjectPublicKeyInfo;

    const MESSAGE: &[u8] = include_bytes!("../../../../testdata/kat/message.txt");
    const SPKI: &[u8] = include_bytes!("../../../../testdata/kat/pss-rsa2048.spki.der");
    const SALT32: &[u8] = include_bytes!("../../../../testdata/kat/pss-rsa2048-sha256-salt32.sig");

    #[test]
    fn ring_and_rustcrypto_agree_on_a_salt_of_the_hash_length() {
        let (_, spki) = SubjectPublicKeyInfo::from_der(SPKI).unwrap();
        let key: &[u8] = &spki.subject_public_key.data;
        let mut flipped = MESSAGE.to_vec();
        flipped[0] ^= 1;
        for message in [MESSAGE, &flipped] {
            let ring = verify_pss_ring(Sha2::Sha256, key, message, SALT32);
            let rustcrypto = verify_pss_rustcrypto(Sha2::Sha256, 32, key, message, SALT32);
            assert_eq!(ring, rustcrypto);
        }
        assert_eq!(verify_pss_ring(Sha2::Sha256, key, MESSAGE, SALT32), Ok(()));
        // ring cannot take another salt: the same signature under RustCrypto with salt
        // 31 or 33 fails, as it must.
        for salt in [31, 33] {
            assert_eq!(
                verify_pss_rustcrypto(Sha2::Sha256, salt, key, MESSAGE, SALT32),
                Err(crate::Error::SignatureInvalid)
            );
        }
    }

    #[test]
    fn maximum_salt_is_em_len_minus_hash_minus_2() {
        // emLen = ceil((modBits - 1) / 8).
        assert_eq!(max_salt_length(2048, Sha2::Sha256), 222);
        assert_eq!(max_salt_length(2048, Sha2::Sha384), 206);
        assert_eq!(max_salt_length(2048, Sha2::Sha512), 190);
        assert_eq!(max_salt_length(2049, Sha2::Sha256), 222);
        assert_eq!(max_salt_length(2041, Sha2::Sha256), 221);
        assert_eq!(max_salt_length(3072, Sha2::Sha256), 350);
        assert_eq!(max_salt_length(4096, Sha2::Sha512), 446);
        // No room at all: zero, never an underflow.
        assert_eq!(max_salt_length(0, Sha2::Sha512), 0);
        assert_eq!(max_salt_length(256, Sha2::Sha512), 0);
    }
}
