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
// Without `internals` the modules are private, and what only the integration tests of
// building blocks reach (re-exports inside modules, test-only helpers) is unused; the
// test builds, which enable `internals`, still report dead code.
#![cfg_attr(not(feature = "internals"), allow(unused_imports, dead_code))]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

/// Declares a module that is private, except under the unstable `internals` feature
/// (hidden from the docs, not part of the public API, for baytrust's own integration
/// tests, benches and fuzz targets, which test building blocks one by one).
macro_rules! internal_mod {
    ($name:ident) => {
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    };
}

/// Declares an item `pub` under the unstable `internals` feature (hidden from the docs)
/// and `pub(crate)` otherwise: the building blocks baytrust's own integration tests
/// reach, on types that are public.
macro_rules! internal_pub {
    ($(#[$meta:meta])* pub $($item:tt)*) => {
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        $(#[$meta])* pub $($item)*
        #[cfg(not(feature = "internals"))]
        #[allow(dead_code)]
        $(#[$meta])* pub(crate) $($item)*
    };
}

// Foundations every module uses: the one error enum, validation time, OIDs, message
// text helpers.
mod error;
mod error_category;
mod message_text;
internal_mod!(oid);
mod time;

// The modules, in data-flow order (DESIGN.md §2); each uses only those above it, except
// `trust`'s anchors, which apply `path`'s RFC 5280 extension rules to the anchor itself.
internal_mod!(cert);
internal_mod!(algorithm);
internal_mod!(identity);
internal_mod!(revocation);
internal_mod!(trust);
internal_mod!(path);
internal_mod!(report);
internal_mod!(cms);
internal_mod!(signed_trust_list);
internal_mod!(recognition);
internal_mod!(verifier);
mod verifier_builder;

pub use error::Error;
pub use error_category::ErrorCategory;
pub use time::Time;

// The types a user needs, at the crate root (module paths may become private).
pub use crate::algorithm::{AlgorithmPolicy, KeyAlgorithm};
pub use crate::cert::{
    decode_certificates, AltName, BasicConstraints, CertificateDer, CertificateInfo,
    DistinguishedName, NameAttribute,
};
#[cfg(feature = "sign")]
pub use crate::cms::builder::{encode_pem, SignedDataBuilder, SigningKey};
pub use crate::cms::DigestAlgorithm;
pub use crate::identity::{IdentityProfile, IdentitySource, Jurisdiction, LegalEntity, OrgId};
pub use crate::path::{
    Budget, ChainOptions, PolicyInputs, PolicySet, Purpose, RevocationMode, RevocationOptions,
};
pub use crate::revocation::{ReasonCode, RevocationSources, StatusSource};
pub use crate::trust::{
    CertificateTypeDocument, IdentityDocument, PolicyDocument, PolicyMatch, PolicyRule,
    RecognisedService, ServiceDocument, ServiceStatus, StaleListPolicy, StatusDocument,
    StatusPeriod, TrustAnchor, TrustList, TrustListDocument, TrustStore, TrustStoreBuilder,
};
pub use report::{
    CertificateRef, CertificateRevocation, ChainReport, Indication, Recognition, Report,
    SignerReport, SubIndication, ValidatedPath,
};
pub use verifier::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
pub use verifier_builder::VerifierBuilder;
