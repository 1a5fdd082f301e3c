//! A deterministic pseudo-random byte stream (xorshift64), so "random input" tests
//! are repeatable.

/// `len` bytes from xorshift64 seeded with `state` (which must not be 0).
pub fn pseudo_random_bytes(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}
