//! CMS SignedData (RFC 5652): reading DER, BER and PEM signatures, checking each
//! signer's attributes and signature, and (feature `sign`) building signatures
//! (CAdES-B-B).

mod asn1;
#[cfg(feature = "sign")]
pub mod builder;
mod digest;
mod info;
mod signed_attributes;
mod signed_data;
mod signer_check;
mod signer_info;

pub use digest::{ContentDigests, DigestAlgorithm, Digests};
pub use info::{SignatureInfo, SignerDescription};
pub use signed_attributes::{EssCertId, EssCertIdV2, IssuerSerial, SignedAttributes};
pub use signed_data::{CmsSignedData, MAX_CERTIFICATES, MAX_REVOCATION_INFO_CHOICES, MAX_SIGNERS};
pub use signer_check::{
    check_signer, check_signer_indexed, SignerCertificates, SignerCheck, SignerFailure,
};
pub use signer_info::{SignerIdentifier, SignerInfo};
