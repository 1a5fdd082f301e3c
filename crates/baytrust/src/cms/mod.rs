//! CMS SignedData (RFC 5652): reading DER, BER and PEM signatures, checking each
//! signer's attributes and signature, and building signatures (CAdES-B-B).

mod digest;

pub use digest::{ContentDigests, DigestAlgorithm, Digests};
