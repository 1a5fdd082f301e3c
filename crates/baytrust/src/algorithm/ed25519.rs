//! Ed25519 (PureEdDSA, RFC 8032 §5.1) through ring; keys and signatures as RFC 8410 §3
//! and §6 carry them.

use ring::signature::{UnparsedPublicKey, ED25519};

use crate::Error;

/// An Ed25519 public key is 32 bytes (RFC 8032 §5.1.5).
const PUBLIC_KEY_LEN: usize = 32;
/// An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6).
const SIGNATURE_LEN: usize = 64;

/// Verifies an Ed25519 signature over the whole message.
pub(super) fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error> {
    if public_key.len() != PUBLIC_KEY_LEN {
        return Err(Error::PublicKeyInvalid {
            reason: format!(
                "Ed25519 public key has {} bytes, expected {PUBLIC_KEY_LEN}",
                public_key.len()
            ),
        });
    }
    if signature.len() != SIGNATURE_LEN {
        return Err(Error::SignatureMalformed {
            reason: format!(
                "Ed25519 signature has {} bytes, expected {SIGNATURE_LEN}",
                signature.len()
            ),
        });
    }
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(message, signature)
        .map_err(|_| Error::SignatureInvalid)
}
