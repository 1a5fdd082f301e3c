//! Integers modulo the order n of the sm2p256v1 base point (GB/T 32918.5-2017 §3):
//! parsing with the range check of GB/T 32918.2-2016 §7.1 B1–B2, reduction of the hash e,
//! the additions of §7.1 B5 and B7 over fiat-crypto's verified `sm2_scalar_64`, and the
//! width-w non-adjacent form the point multiplication walks.
//!
//! Everything here is variable time: it only ever sees public values (r, s, e).

use fiat_crypto::sm2_scalar_64::{
    fiat_sm2_scalar_add, fiat_sm2_scalar_montgomery_domain_field_element as Elem,
    fiat_sm2_scalar_sub,
};

use crate::limbs;

/// n, as little-endian 64-bit limbs.
pub(crate) const N: [u64; 4] = [
    0x53bb_f409_39d5_4123,
    0x7203_df6b_21c6_052b,
    0xffff_ffff_ffff_ffff,
    0xffff_fffe_ffff_ffff,
];

/// The most digits a width-w NAF of an integer below 2^256 has.
pub(crate) const NAF_LEN: usize = 257;

/// An integer in [0, n), held as itself (not in the Montgomery domain: only addition and
/// subtraction are needed, and fiat's are the same in either domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scalar(pub(crate) [u64; 4]);

impl Scalar {
    /// The integer of the big-endian 32 bytes `bytes` when it is in [0, n).
    pub(crate) fn from_be_bytes(bytes: &[u8; 32]) -> Option<Scalar> {
        let value = limbs::from_be_bytes(bytes);
        limbs::less_than(&value, &N).then_some(Scalar(value))
    }

    /// The integer of the big-endian 32 bytes `bytes`, reduced mod n. One subtraction
    /// suffices: n > 2^255, so any 256-bit value is below 2n.
    pub(crate) fn reduce(bytes: &[u8; 32]) -> Scalar {
        let value = limbs::from_be_bytes(bytes);
        if limbs::less_than(&value, &N) {
            Scalar(value)
        } else {
            Scalar(limbs::sub(&value, &N).0)
        }
    }

    /// Whether this is zero.
    pub(crate) fn is_zero(self) -> bool {
        self.0 == [0; 4]
    }

    /// (self + rhs) mod n.
    pub(crate) fn add(self, rhs: Scalar) -> Scalar {
        let mut out = Elem([0; 4]);
        fiat_sm2_scalar_add(&mut out, &Elem(self.0), &Elem(rhs.0));
        Scalar(out.0)
    }

    /// (self − rhs) mod n.
    pub(crate) fn sub(self, rhs: Scalar) -> Scalar {
        let mut out = Elem([0; 4]);
        fiat_sm2_scalar_sub(&mut out, &Elem(self.0), &Elem(rhs.0));
        Scalar(out.0)
    }

    /// The width-`W` NAF of this integer, least significant digit first: every digit is
    /// zero or odd with |digit| < 2^(W−1), and of any W consecutive digits at most one is
    /// non-zero. `W` is at most 8, so that each digit fits an `i8`.
    pub(crate) fn wnaf<const W: u32>(self) -> [i8; NAF_LEN] {
        const { assert!(W >= 2 && W <= 8) };
        let window = 1u64 << W;
        let half = window >> 1;
        let mut k = self.0;
        let mut digits = [0i8; NAF_LEN];
        for digit in &mut digits {
            if k == [0; 4] {
                break;
            }
            if k[0] & 1 == 1 {
                let low = k[0] & (window - 1);
                if low >= half {
                    // digit = low − 2^W < 0: k + (2^W − low) clears the low W bits. k < n
                    // < 2^256 − 2^8, so the addition does not carry out.
                    let magnitude = window - low;
                    k = limbs::add(&k, &[magnitude, 0, 0, 0]).0;
                    *digit = i8::try_from(magnitude).map_or(0, |m| -m);
                } else {
                    k = limbs::sub(&k, &[low, 0, 0, 0]).0;
                    *digit = i8::try_from(low).unwrap_or(0);
                }
            }
            k = shift_right_1(k);
        }
        digits
    }
}

/// k >> 1.
fn shift_right_1(k: [u64; 4]) -> [u64; 4] {
    [
        (k[0] >> 1) | (k[1] << 63),
        (k[1] >> 1) | (k[2] << 63),
        (k[2] >> 1) | (k[3] << 63),
        k[3] >> 1,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Σ digit_i · 2^i, as an i128 pair is too small: recompose in limbs instead.
    fn recompose(digits: &[i8]) -> [u64; 4] {
        let mut acc = [0u64; 4];
        for &d in digits.iter().rev() {
            let (doubled, _) = limbs::add(&acc, &acc);
            acc = doubled;
            let magnitude = u64::from(d.unsigned_abs());
            acc = if d >= 0 {
                limbs::add(&acc, &[magnitude, 0, 0, 0]).0
            } else {
                limbs::sub(&acc, &[magnitude, 0, 0, 0]).0
            };
        }
        acc
    }

    fn check_naf<const W: u32>(k: Scalar) {
        let digits = k.wnaf::<W>();
        assert_eq!(recompose(&digits), k.0);
        for (i, &d) in digits.iter().enumerate() {
            if d != 0 {
                assert_eq!(d & 1, 1, "digit {i} of {k:?} is even");
                assert!(i32::from(d).abs() < 1 << (W - 1));
                let next = digits.iter().skip(i + 1).take(W as usize - 1);
                assert!(next.into_iter().all(|&e| e == 0), "digits too dense");
            }
        }
    }

    #[test]
    fn wnaf_recomposes_to_the_scalar() {
        let n_minus_1 = Scalar(limbs::sub(&N, &[1, 0, 0, 0]).0);
        let samples = [
            Scalar([0; 4]),
            Scalar([1, 0, 0, 0]),
            Scalar([0xff, 0, 0, 0]),
            Scalar([u64::MAX, u64::MAX, 0, 0]),
            n_minus_1,
            Scalar([
                0x0123_4567_89ab_cdef,
                0xfedc_ba98_7654_3210,
                0xdead_beef,
                1 << 63,
            ]),
        ];
        for k in samples {
            check_naf::<5>(k);
            check_naf::<8>(k);
        }
    }

    #[test]
    fn reduction_addition_and_subtraction_wrap_at_n() {
        let n_bytes = limbs::to_be_bytes(&N);
        assert_eq!(Scalar::from_be_bytes(&n_bytes), None);
        assert_eq!(Scalar::reduce(&n_bytes), Scalar([0; 4]));
        assert_eq!(
            Scalar::reduce(&[0xff; 32]).0,
            limbs::sub(&[u64::MAX; 4], &N).0
        );
        let n_minus_1 = Scalar(limbs::sub(&N, &[1, 0, 0, 0]).0);
        let one = Scalar([1, 0, 0, 0]);
        assert!(n_minus_1.add(one).is_zero());
        assert_eq!(Scalar([0; 4]).sub(one), n_minus_1);
    }
}
