//! Public keys: what kind of key a SubjectPublicKeyInfo holds (RFC 5280 §4.1.2.7), read
//! from its algorithm OID and, for elliptic curves, the named curve.

use std::fmt;

use x509_parser::asn1_rs::Tag;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::scheme::null_or_absent;
use super::{rsa, sm2};
use crate::oid::{
    EC_PUBLIC_KEY, ED25519, RSASSA_PSS, RSA_ENCRYPTION, SECP256R1, SECP384R1, SM2P256V1,
};
use crate::Error;

/// What kind of key a SubjectPublicKeyInfo holds, for display and policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// An RSA key (`rsaEncryption`) with a modulus of `bits` bits.
    Rsa {
        /// The modulus size in bits, leading zeros not counted.
        bits: usize,
    },
    /// An RSA key for RSASSA-PSS only (`id-RSASSA-PSS`, RFC 4055 §3.1) with a modulus
    /// of `bits` bits; its parameters, when present, constrain every signature it makes.
    RsaPss {
        /// The modulus size in bits, leading zeros not counted.
        bits: usize,
    },
    /// An ECDSA key on NIST P-256 (`id-ecPublicKey`, `secp256r1`).
    EcdsaP256,
    /// An ECDSA key on NIST P-384 (`id-ecPublicKey`, `secp384r1`).
    EcdsaP384,
    /// An Ed25519 key (`id-Ed25519`).
    Ed25519,
    /// An SM2 key: `id-ecPublicKey` on `sm2p256v1` (named, or explicit parameters equal
    /// to it field by field), or `sm2p256v1` as the algorithm.
    Sm2,
    /// Any other key, or a key whose encoding baytrust cannot read.
    Unknown,
}

impl KeyAlgorithm {
    internal_pub! {
        /// What kind of key `spki` holds; [`KeyAlgorithm::Unknown`] when the algorithm is
        /// not one baytrust verifies or the key is malformed.
        pub fn of(spki: &SubjectPublicKeyInfo<'_>) -> KeyAlgorithm {
            classify(spki).unwrap_or(KeyAlgorithm::Unknown)
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    /// `RSA-2048`, `RSA-PSS-2048`, `ECDSA-P256`, `ECDSA-P384`, `Ed25519`, `SM2` or
    /// `unknown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA-{bits}"),
            KeyAlgorithm::RsaPss { bits } => write!(f, "RSA-PSS-{bits}"),
            KeyAlgorithm::EcdsaP256 => f.write_str("ECDSA-P256"),
            KeyAlgorithm::EcdsaP384 => f.write_str("ECDSA-P384"),
            KeyAlgorithm::Ed25519 => f.write_str("Ed25519"),
            KeyAlgorithm::Sm2 => f.write_str("SM2"),
            KeyAlgorithm::Unknown => f.write_str("unknown"),
        }
    }
}

/// Classifies `spki`, saying why when it cannot: never returns
/// [`KeyAlgorithm::Unknown`].
pub(super) fn classify(spki: &SubjectPublicKeyInfo<'_>) -> Result<KeyAlgorithm, Error> {
    if spki.subject_public_key.unused_bits != 0 {
        return Err(Error::PublicKeyInvalid {
            reason: "subjectPublicKey BIT STRING has unused bits".to_owned(),
        });
    }
    // Found arc by arc (this runs for every signature); the dotted string is built
    // only to name an unknown algorithm.
    let algorithm = &spki.algorithm.algorithm;
    let parameters = spki.algorithm.parameters.as_ref();
    let known = crate::oid::which(
        algorithm,
        &[
            RSA_ENCRYPTION,
            RSASSA_PSS,
            EC_PUBLIC_KEY,
            ED25519,
            SM2P256V1,
        ],
    );
    match known.unwrap_or_default() {
        RSA_ENCRYPTION => {
            null_or_absent(parameters, "rsaEncryption")?;
            let bits = rsa::modulus_bits(&spki.subject_public_key.data)?;
            Ok(KeyAlgorithm::Rsa { bits })
        }
        RSASSA_PSS => {
            // RFC 4055 §3.1: absent or RSASSA-PSS-params; read them so that bad ones are
            // refused here.
            let constraint = rsa::key_pss_params(parameters)?;
            let bits = rsa::modulus_bits(&spki.subject_public_key.data)?;
            // A minimum salt the key cannot hold makes every signature impossible.
            if let Some(constraint) = constraint {
                rsa::salt_length_for(constraint, bits)?;
            }
            Ok(KeyAlgorithm::RsaPss { bits })
        }
        EC_PUBLIC_KEY => {
            // RFC 5480 §2.1.1: namedCurve only; implicitCurve and specifiedCurve MUST NOT
            // be used. Mainland issuers write sm2p256v1 as specifiedCurve: that one is
            // read (`sm2::check_explicit_curve`), every other explicit curve refused.
            if let Some(explicit) = parameters.filter(|any| any.tag() == Tag::Sequence) {
                sm2::check_explicit_curve(explicit)?;
                return Ok(KeyAlgorithm::Sm2);
            }
            let curve = parameters
                .filter(|any| any.tag() == Tag::Oid)
                .and_then(|any| any.as_oid().ok())
                .ok_or_else(|| Error::PublicKeyInvalid {
                    reason: "id-ecPublicKey parameters are not a named curve OID".to_owned(),
                })?;
            match crate::oid::which(&curve, &[SECP256R1, SECP384R1, SM2P256V1]) {
                Some(SECP256R1) => Ok(KeyAlgorithm::EcdsaP256),
                Some(SECP384R1) => Ok(KeyAlgorithm::EcdsaP384),
                Some(_) => Ok(KeyAlgorithm::Sm2),
                None => Err(Error::UnsupportedPublicKeyAlgorithm {
                    oid: curve.to_id_string(),
                }),
            }
        }
        ED25519 => match parameters {
            None => Ok(KeyAlgorithm::Ed25519),
            Some(_) => Err(Error::PublicKeyInvalid {
                reason: "id-Ed25519 parameters must be absent (RFC 8410 §3)".to_owned(),
            }),
        },
        SM2P256V1 => {
            let names_sm2 = parameters
                .filter(|any| any.tag() == Tag::Oid)
                .and_then(|any| any.as_oid().ok())
                .is_some_and(|curve| crate::oid::is(&curve, SM2P256V1));
            if !names_sm2 {
                null_or_absent(parameters, "sm2p256v1 key")?;
            }
            Ok(KeyAlgorithm::Sm2)
        }
        _ => Err(Error::UnsupportedPublicKeyAlgorithm {
            oid: algorithm.to_id_string(),
        }),
    }
}
