//! Where nonces come from: an explicit source, the operating system's by default, so
//! that tests can make sessions deterministic.

use ring::rand::SecureRandom;

use super::Nonce;
use crate::Error;

/// A source of the 32-byte random nonces the protocol needs.
pub trait NonceSource {
    /// A fresh, unpredictable nonce.
    fn nonce(&mut self) -> Result<Nonce, Error>;
}

/// The operating system's random source (`getrandom` through ring's `SystemRandom`).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemNonceSource;

impl NonceSource for SystemNonceSource {
    fn nonce(&mut self) -> Result<Nonce, Error> {
        let mut nonce = [0u8; 32];
        ring::rand::SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| Error::AuthRandomUnavailable {
                reason: "the system random source failed".to_owned(),
            })?;
        Ok(nonce)
    }
}
