//! The prime field GF(p) of sm2p256v1 (GB/T 32918.5-2017 §3): a thin layer over
//! fiat-crypto's formally verified Montgomery arithmetic (`fiat_crypto::sm2_64`).
//!
//! Every [`Fe`] holds its value in the Montgomery domain, fully reduced into [0, p): fiat
//! keeps that bound on every output, so two elements are equal exactly when their limbs
//! are, and zero is the all-zero limbs.
//!
//! Exponentiation ([`Fe::pow_vartime`]) runs in time that depends on the exponent; it is
//! only ever called with public constants (p − 2, (p + 1)/4).

use fiat_crypto::sm2_64::{
    fiat_sm2_add, fiat_sm2_from_montgomery, fiat_sm2_montgomery_domain_field_element as Mont,
    fiat_sm2_mul, fiat_sm2_non_montgomery_domain_field_element as NonMont, fiat_sm2_opp,
    fiat_sm2_square, fiat_sm2_sub, fiat_sm2_to_montgomery,
};

/// p = 2^256 − 2^224 − 2^96 + 2^64 − 1, as little-endian 64-bit limbs.
pub(crate) const P: [u64; 4] = [
    0xffff_ffff_ffff_ffff,
    0xffff_ffff_0000_0000,
    0xffff_ffff_ffff_ffff,
    0xffff_fffe_ffff_ffff,
];

/// p − 2: the exponent of inversion by Fermat's little theorem.
const P_MINUS_2: [u64; 4] = [
    0xffff_ffff_ffff_fffd,
    0xffff_ffff_0000_0000,
    0xffff_ffff_ffff_ffff,
    0xffff_fffe_ffff_ffff,
];

/// (p + 1)/4: the exponent of the square root, since p ≡ 3 (mod 4).
const P_PLUS_1_DIV_4: [u64; 4] = [
    0x4000_0000_0000_0000,
    0xffff_ffff_c000_0000,
    0xffff_ffff_ffff_ffff,
    0x3fff_ffff_bfff_ffff,
];

/// An element of GF(p), in the Montgomery domain and fully reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fe([u64; 4]);

impl Fe {
    /// Zero.
    pub(crate) const ZERO: Fe = Fe([0; 4]);
    /// One.
    pub(crate) const ONE: Fe = Fe::from_limbs(&[1, 0, 0, 0]);

    /// The element of the integer with little-endian limbs `limbs`, which must be below p
    /// (compile-time constants only; input goes through [`Fe::from_be_bytes`]).
    pub(crate) const fn from_limbs(limbs: &[u64; 4]) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_to_montgomery(&mut out, &NonMont(*limbs));
        Fe(out.0)
    }

    /// The element of the big-endian 32 bytes `bytes`, or `None` when they are not
    /// below p (the canonical encoding of GB/T 32918.1-2016 §4.2.5 only).
    pub(crate) fn from_be_bytes(bytes: &[u8; 32]) -> Option<Fe> {
        let limbs = crate::limbs::from_be_bytes(bytes);
        if crate::limbs::less_than(&limbs, &P) {
            Some(Fe::from_limbs(&limbs))
        } else {
            None
        }
    }

    /// The element as the integer it stands for, in little-endian limbs.
    pub(crate) fn to_limbs(self) -> [u64; 4] {
        let mut out = NonMont([0; 4]);
        fiat_sm2_from_montgomery(&mut out, &Mont(self.0));
        out.0
    }

    /// The big-endian 32-byte encoding.
    pub(crate) fn to_be_bytes(self) -> [u8; 32] {
        crate::limbs::to_be_bytes(&self.to_limbs())
    }

    /// Whether the integer this element stands for is odd (SEC 1 §2.3.3 y parity).
    pub(crate) fn is_odd(self) -> bool {
        self.to_limbs()[0] & 1 == 1
    }

    /// Whether this is zero.
    pub(crate) fn is_zero(self) -> bool {
        self.0 == [0; 4]
    }

    /// self + rhs.
    #[inline(always)]
    pub(crate) fn add(self, rhs: Fe) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_add(&mut out, &Mont(self.0), &Mont(rhs.0));
        Fe(out.0)
    }

    /// self − rhs.
    #[inline(always)]
    pub(crate) fn sub(self, rhs: Fe) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_sub(&mut out, &Mont(self.0), &Mont(rhs.0));
        Fe(out.0)
    }

    /// −self.
    #[inline(always)]
    pub(crate) fn neg(self) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_opp(&mut out, &Mont(self.0));
        Fe(out.0)
    }

    /// self · rhs.
    #[inline(always)]
    pub(crate) fn mul(self, rhs: Fe) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_mul(&mut out, &Mont(self.0), &Mont(rhs.0));
        Fe(out.0)
    }

    /// self².
    #[inline(always)]
    pub(crate) fn square(self) -> Fe {
        let mut out = Mont([0; 4]);
        fiat_sm2_square(&mut out, &Mont(self.0));
        Fe(out.0)
    }

    /// 2 · self.
    #[inline(always)]
    pub(crate) fn double(self) -> Fe {
        self.add(self)
    }

    /// self^exp by left-to-right square-and-multiply; variable time in `exp`, which is
    /// always a public constant here.
    fn pow_vartime(self, exp: &[u64; 4]) -> Fe {
        let mut acc = Fe::ONE;
        for limb in exp.iter().rev() {
            for bit in (0..64).rev() {
                acc = acc.square();
                if (limb >> bit) & 1 == 1 {
                    acc = acc.mul(self);
                }
            }
        }
        acc
    }

    /// self⁻¹ (zero maps to zero).
    pub(crate) fn invert(self) -> Fe {
        self.pow_vartime(&P_MINUS_2)
    }

    /// A square root of self, or `None` when self is not a square.
    pub(crate) fn sqrt(self) -> Option<Fe> {
        let root = self.pow_vartime(&P_PLUS_1_DIV_4);
        (root.square() == self).then_some(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_integers_they_claim() {
        // p − 2 + 2 = p ≡ 0, and 4·(p + 1)/4 − 1 = p ≡ 0.
        let two = Fe::ONE.double();
        assert_eq!(Fe::from_limbs(&P_MINUS_2).add(two), Fe::ZERO);
        let four = two.double();
        assert_eq!(
            Fe::from_limbs(&P_PLUS_1_DIV_4).mul(four).sub(Fe::ONE),
            Fe::ZERO
        );
        assert_eq!(Fe::from_be_bytes(&crate::limbs::to_be_bytes(&P)), None);
    }

    #[test]
    fn inverse_and_square_root_agree_with_multiplication() {
        let x = Fe::from_limbs(&[0x1234_5678, 0x9abc, 0xdef0_1234, 0x0fed_cba9]);
        assert_eq!(x.mul(x.invert()), Fe::ONE);
        let root = x.square().sqrt().expect("a square has a root");
        assert!(root == x || root == x.neg());
        // −1 is not a square when p ≡ 3 (mod 4).
        assert_eq!(Fe::ONE.neg().sqrt(), None);
        assert_eq!(Fe::from_be_bytes(&x.to_be_bytes()), Some(x));
    }
}
