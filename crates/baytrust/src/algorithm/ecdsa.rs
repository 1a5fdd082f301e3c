//! ECDSA on NIST P-256 and P-384 through ring, with DER `Ecdsa-Sig-Value` signatures
//! (RFC 5758 §3.2, RFC 5480).

use ring::signature::{self, EcdsaVerificationAlgorithm, UnparsedPublicKey};

use super::scheme::Sha2;
use crate::Error;

/// The NIST curves ring verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Curve {
    /// P-256 (`secp256r1`).
    P256,
    /// P-384 (`secp384r1`).
    P384,
}

impl Curve {
    /// The length of an uncompressed SEC 1 point: `04 ‖ x ‖ y`.
    fn uncompressed_point_len(self) -> usize {
        match self {
            Curve::P256 => 65,
            Curve::P384 => 97,
        }
    }
}

/// Verifies an ECDSA signature; the key is the uncompressed point of the SPKI
/// (RFC 5480 §2.2: compressed points MAY appear, but ring reads only uncompressed).
pub(super) fn verify(
    curve: Curve,
    hash: Sha2,
    point: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    if point.len() != curve.uncompressed_point_len() || point.first() != Some(&0x04) {
        return Err(Error::PublicKeyInvalid {
            reason: format!(
                "ECDSA {curve:?} public key is not an uncompressed point of {} bytes",
                curve.uncompressed_point_len()
            ),
        });
    }
    let algorithm: &'static EcdsaVerificationAlgorithm = match (curve, hash) {
        (Curve::P256, Sha2::Sha256) => &signature::ECDSA_P256_SHA256_ASN1,
        (Curve::P256, Sha2::Sha384) => &signature::ECDSA_P256_SHA384_ASN1,
        (Curve::P384, Sha2::Sha256) => &signature::ECDSA_P384_SHA256_ASN1,
        (Curve::P384, Sha2::Sha384) => &signature::ECDSA_P384_SHA384_ASN1,
        (_, Sha2::Sha512) => {
            return Err(Error::UnsupportedSignatureAlgorithm {
                oid: crate::oid::ECDSA_WITH_SHA512.to_owned(),
            })
        }
    };
    UnparsedPublicKey::new(algorithm, point)
        .verify(message, signature)
        .map_err(|_| Error::SignatureInvalid)
}
