//! SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) with SM3 through RustCrypto
//! `sm2`: the signature is DER `SEQUENCE { r INTEGER, s INTEGER }` (GM/T 0009-2012 §7.3)
//! over SM3(Z ‖ M), where Z hashes the signer identifier and the public key.
//!
//! Z is computed here rather than by `sm2` because `sm2` takes the signer identifier as
//! text, while GB/T 32918 allows any bytes.

use sm2::dsa::signature::hazmat::PrehashVerifier;
use sm2::dsa::{Signature, VerifyingKey};
use sm2::elliptic_curve::sec1::{Coordinates, ToSec1Point};
use sm3::{Digest, Sm3};

use crate::Error;

/// The curve coefficient a of sm2p256v1 (GB/T 32918.5-2017 §3, `fffffffe…`).
const A: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfc,
];

/// The curve coefficient b of sm2p256v1 (GB/T 32918.5-2017 §3, `28e9fa9e…`).
const B: [u8; 32] = [
    0x28, 0xe9, 0xfa, 0x9e, 0x9d, 0x9f, 0x5e, 0x34, 0x4d, 0x5a, 0x9e, 0x4b, 0xcf, 0x65, 0x09, 0xa7,
    0xf3, 0x97, 0x89, 0xf5, 0x15, 0xab, 0x8f, 0x92, 0xdd, 0xbc, 0xbd, 0x41, 0x4d, 0x94, 0x0e, 0x93,
];

/// The x coordinate of the base point G of sm2p256v1 (GB/T 32918.5-2017 §3, `32c4ae2c…`).
const GX: [u8; 32] = [
    0x32, 0xc4, 0xae, 0x2c, 0x1f, 0x19, 0x81, 0x19, 0x5f, 0x99, 0x04, 0x46, 0x6a, 0x39, 0xc9, 0x94,
    0x8f, 0xe3, 0x0b, 0xbf, 0xf2, 0x66, 0x0b, 0xe1, 0x71, 0x5a, 0x45, 0x89, 0x33, 0x4c, 0x74, 0xc7,
];

/// The y coordinate of the base point G of sm2p256v1 (GB/T 32918.5-2017 §3, `bc3736a2…`).
const GY: [u8; 32] = [
    0xbc, 0x37, 0x36, 0xa2, 0xf4, 0xf6, 0x77, 0x9c, 0x59, 0xbd, 0xce, 0xe3, 0x6b, 0x69, 0x21, 0x53,
    0xd0, 0xa9, 0x87, 0x7c, 0xc6, 0x2a, 0x47, 0x40, 0x02, 0xdf, 0x32, 0xe5, 0x21, 0x39, 0xf0, 0xa0,
];

/// Verifies an SM2-with-SM3 signature over `message` made by the holder of the SEC 1
/// point `public_key` under the signer identifier `signer_id`.
pub(super) fn verify(
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
    signer_id: &[u8],
) -> Result<(), Error> {
    let entl = identifier_bit_length(signer_id)?;
    let public_key =
        sm2::PublicKey::from_sec1_bytes(public_key).map_err(|_| Error::PublicKeyInvalid {
            reason: "SM2 public key is not a point on sm2p256v1".to_owned(),
        })?;
    let signature = Signature::from_der(signature).map_err(|_| Error::SignatureMalformed {
        reason: "SM2 signature is not a DER SEQUENCE of r and s in [1, n-1]".to_owned(),
    })?;
    let z = identity_hash(entl, signer_id, &public_key)?;
    let digest = Sm3::new().chain_update(z).chain_update(message).finalize();
    // `VerifyingKey` also computes a Z of its own from a text identifier; the prehash
    // verification below does not use it.
    let verifying_key = VerifyingKey::new("", public_key).map_err(|_| Error::PublicKeyInvalid {
        reason: "SM2 public key is rejected by the verifier".to_owned(),
    })?;
    verifying_key
        .verify_prehash(&digest, &signature)
        .map_err(|_| Error::SignatureInvalid)
}

/// ENTL: the signer identifier's length in bits, which must fit two bytes
/// (GB/T 32918.2-2016 §5.5), so at most 8191 bytes.
fn identifier_bit_length(signer_id: &[u8]) -> Result<u16, Error> {
    signer_id
        .len()
        .checked_mul(8)
        .and_then(|bits| u16::try_from(bits).ok())
        .ok_or(Error::Sm2SignerIdTooLong {
            len: signer_id.len(),
        })
}

/// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2-2016 §5.5).
fn identity_hash(
    entl: u16,
    signer_id: &[u8],
    public_key: &sm2::PublicKey,
) -> Result<[u8; 32], Error> {
    let point = public_key.to_sec1_point(false);
    let Coordinates::Uncompressed { x, y } = point.coordinates() else {
        return Err(Error::PublicKeyInvalid {
            reason: "SM2 public key has no affine coordinates".to_owned(),
        });
    };
    Ok(Sm3::new()
        .chain_update(entl.to_be_bytes())
        .chain_update(signer_id)
        .chain_update(A)
        .chain_update(B)
        .chain_update(GX)
        .chain_update(GY)
        .chain_update(x)
        .chain_update(y)
        .finalize()
        .into())
}
