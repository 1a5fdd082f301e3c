//! SM2 public keys: decoding a point of sm2p256v1 (GB/T 32918.1-2016 §4.2.9–4.2.10,
//! SEC 1 §2.3.4) and the signer's identity hash Z (GB/T 32918.2-2016 §5.5).

use sm3::{Digest, Sm3};

use crate::field::Fe;
use crate::point::{curve_rhs, Affine};
use crate::Error;

use crate::curve::{A as A_BYTES, B as B_BYTES, GX as GX_BYTES, GY as GY_BYTES};

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
