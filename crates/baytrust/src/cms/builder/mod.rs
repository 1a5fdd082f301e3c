//! Signing: CMS SignedData (RFC 5652 §5) with CAdES-B-B signed attributes (ETSI EN
//! 319 122-1), made from PKCS#8 keys ([`SigningKey`]) and certificates
//! ([`SignedDataBuilder`]), written as DER or PEM ([`encode_pem`]).

mod ess;
mod pem;
mod signature_algorithm;
mod signed_attributes;
mod signed_data;
mod signing_key;

pub use pem::{encode_pem, CMS_PEM_LABEL};
pub use signed_data::SignedDataBuilder;
pub use signing_key::SigningKey;
