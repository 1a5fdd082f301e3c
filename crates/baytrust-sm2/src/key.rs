//! SM2 public keys: decoding a point of sm2p256v1 (GB/T 32918.1-2016 §4.2.9–4.2.10,
//! SEC 1 §2.3.4) and the signer's identity hash Z (GB/T 32918.2-2016 §5.5).

use sm3::{Digest, Sm3};

use crate::field::Fe;
use crate::point::{curve_rhs, Affine};
use crate::Error;

/// The curve coefficient a = p − 3, big-endian, as Z hashes it.
const A_BYTES: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfc,
];

/// The curve coefficient b, big-endian.
const B_BYTES: [u8; 32] = [
    0x28, 0xe9, 0xfa, 0x9e, 0x9d, 0x9f, 0x5e, 0x34, 0x4d, 0x5a, 0x9e, 0x4b, 0xcf, 0x65, 0x09, 0xa7,
    0xf3, 0x97, 0x89, 0xf5, 0x15, 0xab, 0x8f, 0x92, 0xdd, 0xbc, 0xbd, 0x41, 0x4d, 0x94, 0x0e, 0x93,
];

/// xG, big-endian.
const GX_BYTES: [u8; 32] = [
    0x32, 0xc4, 0xae, 0x2c, 0x1f, 0x19, 0x81, 0x19, 0x5f, 0x99, 0x04, 0x46, 0x6a, 0x39, 0xc9, 0x94,
    0x8f, 0xe3, 0x0b, 0xbf, 0xf2, 0x66, 0x0b, 0xe1, 0x71, 0x5a, 0x45, 0x89, 0x33, 0x4c, 0x74, 0xc7,
];

/// yG, big-endian.
const GY_BYTES: [u8; 32] = [
    0xbc, 0x37, 0x36, 0xa2, 0xf4, 0xf6, 0x77, 0x9c, 0x59, 0xbd, 0xce, 0xe3, 0x6b, 0x69, 0x21, 0x53,
    0xd0, 0xa9, 0x87, 0x7c, 0xc6, 0x2a, 0x47, 0x40, 0x02, 0xdf, 0x32, 0xe5, 0x21, 0x39, 0xf0, 0xa0,
];

/// An SM2 public key: a point of sm2p256v1 other than the point at infinity, checked to
/// lie on the curve (every such point is in the group of order n: the cofactor is 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyingKey {
    pub(crate) point: Affine,
    x: [u8; 32],
    y: [u8; 32],
}

impl VerifyingKey {
    /// Decodes the octet string of a point (GB/T 32918.1-2016 §4.2.10, SEC 1 §2.3.4):
    /// `04 ‖ x ‖ y`, or `02`/`03 ‖ x` with the parity of y. The coordinates must be below
    /// p and the point on the curve. Refused: the point at infinity (`00`), the hybrid
    /// forms `06`/`07` (as RustCrypto `sm2` refuses them too), and anything else.
    pub fn from_sec1_bytes(bytes: &[u8]) -> Result<VerifyingKey, Error> {
        let coordinate = |raw: &[u8]| -> Result<Fe, Error> {
            let raw: &[u8; 32] = raw.try_into().map_err(|_| Error::PublicKeyEncoding)?;
            Fe::from_be_bytes(raw).ok_or(Error::PublicKeyCoordinateOutOfRange)
        };
        let point = match bytes.split_first() {
            Some((0x04, rest)) if rest.len() == 64 => {
                let (x, y) = rest.split_at(32);
                let (x, y) = (coordinate(x)?, coordinate(y)?);
                if !Affine::is_on_curve(x, y) {
                    return Err(Error::PublicKeyNotOnCurve);
                }
                Affine { x, y }
            }
            Some((&tag @ (0x02 | 0x03), rest)) if rest.len() == 32 => {
                let x = coordinate(rest)?;
                let y = curve_rhs(x).sqrt().ok_or(Error::PublicKeyNotOnCurve)?;
                let y = if y.is_odd() == (tag == 0x03) {
                    y
                } else {
                    y.neg()
                };
                Affine { x, y }
            }
            Some((0x00, [])) => return Err(Error::PublicKeyIdentity),
            _ => return Err(Error::PublicKeyEncoding),
        };
        Ok(VerifyingKey {
            point,
            x: point.x.to_be_bytes(),
            y: point.y.to_be_bytes(),
        })
    }

    /// The affine x coordinate, big-endian.
    pub fn x(&self) -> &[u8; 32] {
        &self.x
    }

    /// The affine y coordinate, big-endian.
    pub fn y(&self) -> &[u8; 32] {
        &self.y
    }

    /// The uncompressed encoding `04 ‖ x ‖ y`.
    pub fn to_uncompressed(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[0] = 0x04;
        out[1..33].copy_from_slice(&self.x);
        out[33..].copy_from_slice(&self.y);
        out
    }

    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2-2016 §5.5), where ENTL
    /// is the bit length of `signer_id` in two bytes, so `signer_id` holds at most 8191
    /// bytes ([`Error::SignerIdTooLong`] otherwise).
    pub fn identity_hash(&self, signer_id: &[u8]) -> Result<[u8; 32], Error> {
        let entl = signer_id
            .len()
            .checked_mul(8)
            .and_then(|bits| u16::try_from(bits).ok())
            .ok_or(Error::SignerIdTooLong {
                len: signer_id.len(),
            })?;
        Ok(Sm3::new()
            .chain_update(entl.to_be_bytes())
            .chain_update(signer_id)
            .chain_update(A_BYTES)
            .chain_update(B_BYTES)
            .chain_update(GX_BYTES)
            .chain_update(GY_BYTES)
            .chain_update(self.x)
            .chain_update(self.y)
            .finalize()
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_constants_are_the_field_constants() {
        let g = VerifyingKey::from_sec1_bytes(&[&[4][..], &GX_BYTES, &GY_BYTES].concat())
            .expect("G is a valid point");
        assert_eq!(g.x(), &GX_BYTES);
        let a = Fe::from_be_bytes(&A_BYTES).expect("a < p");
        assert_eq!(a.add(Fe::ONE.double().add(Fe::ONE)), Fe::ZERO);
        assert_eq!(
            curve_rhs(Fe::ZERO),
            Fe::from_be_bytes(&B_BYTES).expect("b < p")
        );
    }
}
