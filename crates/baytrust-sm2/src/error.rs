//! The one error type of this crate: why a key or signature was refused.

use core::fmt;

/// Why a public key, a signature or a verification was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The signer identifier is longer than ENTL's two bytes can count (8191 bytes,
    /// GB/T 32918.2-2016 §5.5).
    SignerIdTooLong {
        /// The identifier's length in bytes.
        len: usize,
    },
    /// The public key is not `04 ‖ x ‖ y` (65 bytes) or `02`/`03 ‖ x` (33 bytes).
    PublicKeyEncoding,
    /// A coordinate of the public key is not below p.
    PublicKeyCoordinateOutOfRange,
    /// The public key is not a point of sm2p256v1 (no y for a compressed x).
    PublicKeyNotOnCurve,
    /// The public key is the point at infinity (`00`).
    PublicKeyIdentity,
    /// The signature is not strict DER `SEQUENCE { r INTEGER, s INTEGER }` with each
    /// integer non-negative and of at most 32 bytes.
    SignatureEncoding,
    /// r or s is not in [1, n − 1] (GB/T 32918.2-2016 §7.1 B1–B2).
    SignatureScalarOutOfRange,
    /// The signature does not verify (GB/T 32918.2-2016 §7.1 B5–B7).
    SignatureInvalid,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SignerIdTooLong { len } => {
                write!(f, "SM2 signer identifier of {len} bytes exceeds 8191 bytes")
            }
            Error::PublicKeyEncoding => {
                f.write_str("SM2 public key is not an uncompressed or compressed point")
            }
            Error::PublicKeyCoordinateOutOfRange => {
                f.write_str("SM2 public key coordinate is not below p")
            }
            Error::PublicKeyNotOnCurve => f.write_str("SM2 public key is not on sm2p256v1"),
            Error::PublicKeyIdentity => f.write_str("SM2 public key is the point at infinity"),
            Error::SignatureEncoding => {
                f.write_str("SM2 signature is not a DER SEQUENCE of two INTEGERs")
            }
            Error::SignatureScalarOutOfRange => {
                f.write_str("SM2 signature r or s is not in [1, n-1]")
            }
            Error::SignatureInvalid => f.write_str("SM2 signature does not verify"),
        }
    }
}

impl std::error::Error for Error {}
