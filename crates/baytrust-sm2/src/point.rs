//! Points of sm2p256v1 (y² = x³ − 3x + b over GF(p), GB/T 32918.5-2017 §3) and the
//! double-scalar multiplication u1·G + u2·Q of signature verification.
//!
//! Points are Jacobian (X, Y, Z) with x = X/Z², y = Y/Z³, the point at infinity having
//! Z = 0. The formulas are the EFD's: `dbl-2001-b` (a = −3), `add-1998-cmo-2` and
//! `madd` for a Jacobian plus an affine point, each with the exceptional cases (equal
//! inputs, opposite inputs, infinity) handled by branches.
//!
//! **Variable time.** The branches and the table look-ups depend on the scalars and the
//! points. That is sound for verification only, where every input (the public key, the
//! signature, the message) is public; nothing here may ever see a private key.

use std::sync::OnceLock;

use crate::field::Fe;
use crate::scalar::Scalar;

/// The curve coefficient b.
const B: Fe = Fe::from_limbs(&[
    0xddbc_bd41_4d94_0e93,
    0xf397_89f5_15ab_8f92,
    0x4d5a_9e4b_cf65_09a7,
    0x28e9_fa9e_9d9f_5e34,
]);

/// The base point G.
const G: Affine = Affine {
    x: Fe::from_limbs(&[
        0x715a_4589_334c_74c7,
        0x8fe3_0bbf_f266_0be1,
        0x5f99_0446_6a39_c994,
        0x32c4_ae2c_1f19_8119,
    ]),
    y: Fe::from_limbs(&[
        0x02df_32e5_2139_f0a0,
        0xd0a9_877c_c62a_4740,
        0x59bd_cee3_6b69_2153,
        0xbc37_36a2_f4f6_779c,
    ]),
};

/// NAF width for the fixed base G: a table of 2^(8−2) = 64 odd multiples, built once.
const G_WINDOW: u32 = 8;
/// NAF width for the public key Q: a table of 2^(5−2) = 8 odd multiples per verification.
const Q_WINDOW: u32 = 5;

/// An affine point other than the point at infinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Affine {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
}

impl Affine {
    /// Whether (x, y) satisfies y² = x³ − 3x + b.
    pub(crate) fn is_on_curve(x: Fe, y: Fe) -> bool {
        y.square() == curve_rhs(x)
    }

    /// −self.
    fn neg(self) -> Affine {
        Affine {
            x: self.x,
            y: self.y.neg(),
        }
    }
}

/// x³ − 3x + b.
pub(crate) fn curve_rhs(x: Fe) -> Fe {
    let three_x = x.double().add(x);
    x.square().mul(x).sub(three_x).add(B)
}

/// A point in Jacobian coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Jacobian {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
    pub(crate) z: Fe,
}

impl Jacobian {
    /// The point at infinity.
    pub(crate) const INFINITY: Jacobian = Jacobian {
        x: Fe::ONE,
        y: Fe::ONE,
        z: Fe::ZERO,
    };

    /// (x, y, 1).
    pub(crate) fn from_affine(p: &Affine) -> Jacobian {
        Jacobian {
            x: p.x,
            y: p.y,
            z: Fe::ONE,
        }
    }

    /// Whether this is the point at infinity.
    pub(crate) fn is_infinity(&self) -> bool {
        self.z.is_zero()
    }

    /// The affine point, or `None` for the point at infinity. Costs an inversion.
    pub(crate) fn to_affine(self) -> Option<Affine> {
        if self.is_infinity() {
            return None;
        }
        let z_inv = self.z.invert();
        let z_inv2 = z_inv.square();
        Some(Affine {
            x: self.x.mul(z_inv2),
            y: self.y.mul(z_inv2).mul(z_inv),
        })
    }

    /// −self.
    fn neg(&self) -> Jacobian {
        Jacobian {
            x: self.x,
            y: self.y.neg(),
            z: self.z,
        }
    }

    /// 2·self (`dbl-2001-b`, a = −3: 3M + 5S). Infinity doubles to infinity (Z3 = 0),
    /// and no finite point has y = 0: the group has odd prime order.
    pub(crate) fn double(&self) -> Jacobian {
        let delta = self.z.square();
        let gamma = self.y.square();
        let beta = self.x.mul(gamma);
        let t = self.x.sub(delta).mul(self.x.add(delta));
        let alpha = t.double().add(t);
        let beta4 = beta.double().double();
        let x3 = alpha.square().sub(beta4.double());
        let z3 = self.y.add(self.z).square().sub(gamma).sub(delta);
        let gamma2_8 = gamma.square().double().double().double();
        let y3 = alpha.mul(beta4.sub(x3)).sub(gamma2_8);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// self + other (`add-1998-cmo-2`: 12M + 4S).
    pub(crate) fn add(&self, other: &Jacobian) -> Jacobian {
        if self.is_infinity() {
            return *other;
        }
        if other.is_infinity() {
            return *self;
        }
        let z1z1 = self.z.square();
        let z2z2 = other.z.square();
        let u1 = self.x.mul(z2z2);
        let u2 = other.x.mul(z1z1);
        let s1 = self.y.mul(other.z).mul(z2z2);
        let s2 = other.y.mul(self.z).mul(z1z1);
        let h = u2.sub(u1);
        let r = s2.sub(s1);
        if h.is_zero() {
            return if r.is_zero() {
                self.double()
            } else {
                Jacobian::INFINITY
            };
        }
        let h2 = h.square();
        let h3 = h.mul(h2);
        let v = u1.mul(h2);
        let x3 = r.square().sub(h3).sub(v.double());
        let y3 = r.mul(v.sub(x3)).sub(s1.mul(h3));
        let z3 = self.z.mul(other.z).mul(h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// self + other for an affine `other` (`madd`: 8M + 3S).
    pub(crate) fn add_affine(&self, other: &Affine) -> Jacobian {
        if self.is_infinity() {
            return Jacobian::from_affine(other);
        }
        let z1z1 = self.z.square();
        let u2 = other.x.mul(z1z1);
        let s2 = other.y.mul(self.z).mul(z1z1);
        let h = u2.sub(self.x);
        let r = s2.sub(self.y);
        if h.is_zero() {
            return if r.is_zero() {
                self.double()
            } else {
                Jacobian::INFINITY
            };
        }
        let h2 = h.square();
        let h3 = h.mul(h2);
        let v = self.x.mul(h2);
        let x3 = r.square().sub(h3).sub(v.double());
        let y3 = r.mul(v.sub(x3)).sub(self.y.mul(h3));
        let z3 = self.z.mul(h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }
}

/// P, 3P, 5P, …, (2·COUNT − 1)·P in Jacobian coordinates.
fn odd_multiples<const COUNT: usize>(p: &Jacobian) -> [Jacobian; COUNT] {
    let twice = p.double();
    let mut table = [*p; COUNT];
    let mut previous = *p;
    for entry in table.iter_mut().skip(1) {
        previous = previous.add(&twice);
        *entry = previous;
    }
    table
}

/// G, 3G, …, 127G as affine points, computed on first use.
fn base_table() -> &'static [Affine; 64] {
    static TABLE: OnceLock<[Affine; 64]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let multiples = odd_multiples::<64>(&Jacobian::from_affine(&G));
        // k·G for 0 < k < n is never infinity, so every entry has an affine form.
        multiples.map(|p| p.to_affine().unwrap_or(G))
    })
}

/// The table entry for the NAF digit `digit` (odd, |digit| < 2·table length), negated
/// when the digit is negative.
fn entry<T: Copy>(table: &[T], digit: i8, neg: impl Fn(&T) -> T) -> Option<T> {
    let point = table.get(usize::from(digit.unsigned_abs() >> 1))?;
    Some(if digit < 0 { neg(point) } else { *point })
}

/// u1·G + u2·Q by interleaved wNAF: one shared run of doublings from the highest non-zero
/// digit of either scalar, adding ±(odd multiple of G) from the fixed table (width 8,
/// mixed additions) and ±(odd multiple of Q) from a table made here (width 5).
pub(crate) fn mul_base_and_point(u1: Scalar, u2: Scalar, q: &Affine) -> Jacobian {
    let g_table = base_table();
    let q_table = odd_multiples::<8>(&Jacobian::from_affine(q));
    let g_digits = u1.wnaf::<G_WINDOW>();
    let q_digits = u2.wnaf::<Q_WINDOW>();
    let top = g_digits
        .iter()
        .zip(q_digits.iter())
        .rposition(|(a, b)| *a != 0 || *b != 0)
        .map_or(0, |i| i.saturating_add(1));
    let mut acc = Jacobian::INFINITY;
    for (&dg, &dq) in g_digits.iter().zip(q_digits.iter()).take(top).rev() {
        acc = acc.double();
        if dg != 0 {
            if let Some(p) = entry(g_table, dg, |p: &Affine| p.neg()) {
                acc = acc.add_affine(&p);
            }
        }
        if dq != 0 {
            if let Some(p) = entry(&q_table, dq, Jacobian::neg) {
                acc = acc.add(&p);
            }
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// k·P by plain double-and-add over the bits, for comparison.
    fn ladder(k: Scalar, p: &Affine) -> Jacobian {
        let mut acc = Jacobian::INFINITY;
        for limb in k.0.iter().rev() {
            for bit in (0..64).rev() {
                acc = acc.double();
                if (limb >> bit) & 1 == 1 {
                    acc = acc.add_affine(p);
                }
            }
        }
        acc
    }

    #[test]
    fn generator_is_on_the_curve_and_has_order_n() {
        assert!(Affine::is_on_curve(G.x, G.y));
        let n_minus_1 = Scalar(crate::limbs::sub(&crate::scalar::N, &[1, 0, 0, 0]).0);
        // (n − 1)·G = −G, so (n − 1)·G + G is infinity.
        let minus_g = mul_base_and_point(n_minus_1, Scalar([0; 4]), &G);
        assert_eq!(minus_g.to_affine(), Some(G.neg()));
        assert!(minus_g.add_affine(&G).is_infinity());
    }

    #[test]
    fn exceptional_additions_double_or_cancel() {
        let g = Jacobian::from_affine(&G);
        assert_eq!(g.add(&g).to_affine(), g.double().to_affine());
        assert_eq!(g.add_affine(&G).to_affine(), g.double().to_affine());
        assert!(g.add(&g.neg()).is_infinity());
        assert!(g.add_affine(&G.neg()).is_infinity());
        assert_eq!(Jacobian::INFINITY.add(&g).to_affine(), Some(G));
        assert_eq!(g.add(&Jacobian::INFINITY).to_affine(), Some(G));
        assert!(Jacobian::INFINITY.double().is_infinity());
    }

    #[test]
    fn interleaved_wnaf_matches_double_and_add() {
        let q = ladder(Scalar([7, 0, 0, 0]), &G).to_affine().expect("7G");
        let scalars = [
            Scalar([1, 0, 0, 0]),
            Scalar([
                0x0123_4567_89ab_cdef,
                0xfedc_ba98_7654_3210,
                0xdead_beef,
                1 << 63,
            ]),
            Scalar([u64::MAX, 0x1111, 0x2222_3333, 0x7fff_ffff_ffff_ffff]),
        ];
        for &u1 in &scalars {
            for &u2 in &scalars {
                let expected = ladder(u1, &G).add(&ladder(u2, &q));
                let got = mul_base_and_point(u1, u2, &q);
                assert_eq!(got.to_affine(), expected.to_affine());
            }
        }
        // u1·G + u2·Q with Q = 7G and u1 = −7·u2 mod n is infinity.
        let u2 = Scalar([3, 0, 0, 0]);
        let u1 = Scalar([0; 4]).sub(Scalar([21, 0, 0, 0]));
        assert!(mul_base_and_point(u1, u2, &q).is_infinity());
    }
}
