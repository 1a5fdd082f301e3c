//! 256-bit integers as four little-endian 64-bit limbs: conversion from and to
//! big-endian bytes, and the comparisons and carries the field and scalar code need.

/// The little-endian limbs of the big-endian 32 bytes `bytes`.
pub(crate) fn from_be_bytes(bytes: &[u8; 32]) -> [u64; 4] {
    let mut limbs = [0u64; 4];
    // chunks_exact(8) over 32 bytes yields exactly four 8-byte chunks, most significant
    // first.
    for (limb, chunk) in limbs.iter_mut().rev().zip(bytes.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *limb = u64::from_be_bytes(word);
    }
    limbs
}

/// The big-endian 32 bytes of the little-endian limbs `limbs`.
pub(crate) fn to_be_bytes(limbs: &[u64; 4]) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    for (chunk, limb) in bytes.chunks_exact_mut(8).zip(limbs.iter().rev()) {
        chunk.copy_from_slice(&limb.to_be_bytes());
    }
    bytes
}

/// a < b.
pub(crate) fn less_than(a: &[u64; 4], b: &[u64; 4]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// (a − b) mod 2^256 and whether it borrowed.
pub(crate) fn sub(a: &[u64; 4], b: &[u64; 4]) -> ([u64; 4], bool) {
    let mut out = [0u64; 4];
    let mut borrow = false;
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        let (d1, b1) = x.overflowing_sub(*y);
        let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
        *o = d2;
        borrow = b1 | b2;
    }
    (out, borrow)
}

/// (a + b) mod 2^256 and whether it carried.
pub(crate) fn add(a: &[u64; 4], b: &[u64; 4]) -> ([u64; 4], bool) {
    let mut out = [0u64; 4];
    let mut carry = false;
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        let (s1, c1) = x.overflowing_add(*y);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        *o = s2;
        carry = c1 | c2;
    }
    (out, carry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_most_significant_first() {
        let mut bytes = [0u8; 32];
        bytes[0] = 0x80;
        bytes[31] = 0x01;
        let limbs = from_be_bytes(&bytes);
        assert_eq!(limbs, [1, 0, 0, 0x8000_0000_0000_0000]);
        assert_eq!(to_be_bytes(&limbs), bytes);
    }

    #[test]
    fn carries_and_borrows_cross_limbs() {
        let max = [u64::MAX; 4];
        assert_eq!(add(&max, &[1, 0, 0, 0]), ([0; 4], true));
        assert_eq!(sub(&[0; 4], &[1, 0, 0, 0]), (max, true));
        assert_eq!(
            sub(&[0, 1, 0, 0], &[1, 0, 0, 0]),
            ([u64::MAX, 0, 0, 0], false)
        );
        assert!(less_than(&[u64::MAX, 0, 0, 0], &[0, 1, 0, 0]));
        assert!(!less_than(&max, &max));
    }
}
