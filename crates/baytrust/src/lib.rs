//! baytrust: cross-border identity authentication and electronic-signature mutual
//! recognition between legal entities of the Guangdong–Hong Kong–Macao Greater Bay Area.
//!
//! Data flows top to bottom through the modules (see `DESIGN.md` §2):
//! [`cert`] (borrowed certificate view, DER/PEM input) → [`algorithm`] (signature
//! verification dispatched by OID) → [`identity`] (jurisdictions, organisation
//! identifiers, legal entities, identity profiles) → [`trust`] (anchors per
//! jurisdiction) → [`path`] (path building and RFC 5280 §6.1 validation) → [`cms`]
//! (CMS SignedData read, checked and built) → [`signed_trust_list`] (loading lists signed
//! by their operators) → [`recognition`] (trust-list rules) →
//! [`report`] (ETSI indications) →
//! [`verifier`] (the engine a relying party builds once and shares).
//!
//! The library does no I/O: callers hand it bytes, trust inputs and the validation time.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod algorithm;
pub mod cert;
pub mod cms;
mod error;
pub mod identity;
mod message_text;
pub mod oid;
pub mod path;
pub mod recognition;
pub mod report;
pub mod revocation;
pub mod signed_trust_list;
mod time;
pub mod trust;
pub mod verifier;
mod verifier_builder;

pub use error::Error;
pub use time::Time;

// The types a user needs, at the crate root (module paths may become private).
pub use algorithm::{verify_signature, AlgorithmPolicy, SignatureCache, DEFAULT_SIGNATURE_CACHE};
pub use cert::{decode_certificates, Certificate, CertificateDer};
pub use cms::builder::{SignedDataBuilder, SigningKey};
pub use identity::{IdentityProfile, Jurisdiction, LegalEntity, OrgId};
pub use path::{ChainOptions, PolicyInputs, PolicySet, Purpose, RevocationMode, VerifiedChain};
pub use report::{
    CertificateRef, ChainReport, Indication, Recognition, Report, SignerReport, SubIndication,
};
pub use revocation::Crl;
pub use revocation::RevocationSources;
pub use trust::{StaleListPolicy, TrustAnchor, TrustList, TrustStore, TrustStoreBuilder};
pub use verifier::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
pub use verifier_builder::VerifierBuilder;
