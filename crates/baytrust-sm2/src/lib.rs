//! Verify-only SM2 digital signatures with SM3 (GB/T 32918.2-2016 §7, GM/T 0003.2-2012)
//! over sm2p256v1 (GB/T 32918.5-2017), built for speed on the verification hot path of
//! baytrust.
//!
//! The field and scalar arithmetic is fiat-crypto's formally verified Montgomery code
//! (`fiat_crypto::sm2_64`, `sm2_scalar_64`). On top of it: Jacobian coordinates with the
//! a = −3 doubling, u1·G + u2·Q by interleaved width-w NAF (a 64-entry affine table of G
//! built once per process, an 8-entry table of Q per call), and the final comparison
//! R = (e + x1) mod n = r made without an inversion by testing X1 = (r − e)·Z1² in the
//! field (and (r − e + n)·Z1² when that is below p).
//!
//! **Variable time, verification only.** Branches and table look-ups depend on the
//! inputs. Every input of a verification (key, identifier, message, signature) is public,
//! so this leaks nothing; this crate has no signing and must never be given a secret.
//!
//! ```
//! # use baytrust_sm2::{Signature, VerifyingKey, Error};
//! # fn check(key: &[u8], der: &[u8], msg: &[u8]) -> Result<(), Error> {
//! let key = VerifyingKey::from_sec1_bytes(key)?;
//! let signature = Signature::from_der(der)?;
//! key.verify(b"1234567812345678", msg, &signature)
//! # }
//! ```
#![forbid(unsafe_code)]

pub mod curve;
mod error;
mod field;
mod key;
mod limbs;
mod point;
mod scalar;
mod signature;

pub use error::Error;
pub use key::VerifyingKey;
pub use signature::Signature;

use sm3::{Digest, Sm3};

use crate::field::Fe;
use crate::point::mul_base_and_point;
use crate::scalar::Scalar;

/// The signer identifier GB/T 35276-2017 §10 and GM/T 0009-2012 fix when none is agreed.
pub const DEFAULT_SIGNER_ID: &[u8] = b"1234567812345678";

impl VerifyingKey {
    /// Verifies `signature` over `message` by the holder of this key under the signer
    /// identifier `signer_id` (GB/T 32918.2-2016 §7.1): e = SM3(Z ‖ M), then
    /// [`VerifyingKey::verify_prehash`].
    pub fn verify(
        &self,
        signer_id: &[u8],
        message: &[u8],
        signature: &Signature,
    ) -> Result<(), Error> {
        let z = self.identity_hash(signer_id)?;
        let e: [u8; 32] = Sm3::new()
            .chain_update(z)
            .chain_update(message)
            .finalize()
            .into();
        self.verify_prehash(&e, signature)
    }

    /// Verifies `signature` for the hash `e` = SM3(Z ‖ M) (GB/T 32918.2-2016 §7.1 B5–B7):
    /// t = (r + s) mod n ≠ 0, (x1, y1) = s·G + t·PA ≠ O, and (e + x1) mod n = r.
    pub fn verify_prehash(&self, e: &[u8; 32], signature: &Signature) -> Result<(), Error> {
        let e = Scalar::reduce(e);
        let t = signature.r.add(signature.s);
        if t.is_zero() {
            return Err(Error::SignatureInvalid);
        }
        let sum = mul_base_and_point(signature.s, t, &self.point);
        if sum.is_infinity() {
            return Err(Error::SignatureInvalid);
        }
        // (e + x1) mod n = r  ⇔  x1 ≡ r − e (mod n). With x1 in [0, p) and p < 2n, x1 is
        // v = (r − e) mod n or v + n (only if below p). x1 = X/Z², so compare X with v·Z².
        let v = signature.r.sub(e).0;
        let z2 = sum.z.square();
        if Fe::from_limbs(&v).mul(z2) == sum.x {
            return Ok(());
        }
        let (v_plus_n, carry) = limbs::add(&v, &scalar::N);
        if !carry
            && limbs::less_than(&v_plus_n, &field::P)
            && Fe::from_limbs(&v_plus_n).mul(z2) == sum.x
        {
            return Ok(());
        }
        Err(Error::SignatureInvalid)
    }
}

/// Decodes `public_key` (SEC 1 point), `signature` (DER) and verifies it over `message`
/// under `signer_id`; the checks run in that order, so the first error names the first
/// input at fault.
pub fn verify(
    public_key: &[u8],
    signer_id: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let key = VerifyingKey::from_sec1_bytes(public_key)?;
    let signature = Signature::from_der(signature)?;
    key.verify(signer_id, message, &signature)
}
