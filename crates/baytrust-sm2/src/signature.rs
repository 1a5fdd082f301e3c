//! SM2 signatures: the pair (r, s), decoded from DER `SEQUENCE { r INTEGER, s INTEGER }`
//! (GM/T 0009-2012 §7.3) or from two 32-byte big-endian integers, and held only once
//! both are in [1, n − 1] (GB/T 32918.2-2016 §7.1 B1–B2).

use der::asn1::UintRef;
use der::{Decode, Sequence};

use crate::scalar::Scalar;
use crate::Error;

/// `SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER }`.
#[derive(Sequence)]
struct SignatureDer<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

/// A signature whose r and s are both in [1, n − 1].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    pub(crate) r: Scalar,
    pub(crate) s: Scalar,
}

impl Signature {
    /// Decodes strict DER: one SEQUENCE of two non-negative, minimally encoded INTEGERs of
    /// at most 32 significant bytes, with nothing after it ([`Error::SignatureEncoding`]),
    /// each in [1, n − 1] ([`Error::SignatureScalarOutOfRange`]).
    pub fn from_der(bytes: &[u8]) -> Result<Signature, Error> {
        let decoded = SignatureDer::from_der(bytes).map_err(|_| Error::SignatureEncoding)?;
        Signature::from_scalars(&pad(decoded.r)?, &pad(decoded.s)?)
    }

    /// The signature of the big-endian integers `r` and `s`, each in [1, n − 1]
    /// ([`Error::SignatureScalarOutOfRange`] otherwise).
    pub fn from_scalars(r: &[u8; 32], s: &[u8; 32]) -> Result<Signature, Error> {
        let in_range = |bytes: &[u8; 32]| {
            Scalar::from_be_bytes(bytes)
                .filter(|k| !k.is_zero())
                .ok_or(Error::SignatureScalarOutOfRange)
        };
        Ok(Signature {
            r: in_range(r)?,
            s: in_range(s)?,
        })
    }

    /// r, big-endian.
    pub fn r(&self) -> [u8; 32] {
        crate::limbs::to_be_bytes(&self.r.0)
    }

    /// s, big-endian.
    pub fn s(&self) -> [u8; 32] {
        crate::limbs::to_be_bytes(&self.s.0)
    }
}

/// The INTEGER's magnitude left-padded to 32 bytes, or [`Error::SignatureEncoding`] when
/// it has more than 32 significant bytes.
fn pad(value: UintRef<'_>) -> Result<[u8; 32], Error> {
    let bytes = value.as_bytes();
    let start = 32usize
        .checked_sub(bytes.len())
        .ok_or(Error::SignatureEncoding)?;
    let mut out = [0u8; 32];
    out.get_mut(start..)
        .ok_or(Error::SignatureEncoding)?
        .copy_from_slice(bytes);
    Ok(out)
}
