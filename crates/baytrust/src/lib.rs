//! baytrust: cross-border identity authentication and electronic-signature mutual
//! recognition between legal entities of the Guangdong–Hong Kong–Macao Greater Bay Area.
//!
//! A relying party builds one [`Verifier`] from the signed trust lists of the
//! jurisdictions it deals with (CN, HK, MO; each list signed by the operator pinned for
//! its jurisdiction), then asks it, as often as it likes and from any thread, whether a
//! CMS signature or a certificate holds: RFC 5280 path validation, CRL/OCSP revocation,
//! the trust lists' recognition rules, and the legal entity the certificate names. The
//! library does no I/O and reads no clock: callers hand it bytes, trust inputs and the
//! validation time.
//!
//! # Verify a signature against the trust lists
//!
//! ```
//! use baytrust::{Indication, Jurisdiction, Time, Verifier};
//!
//! # fn main() -> Result<(), baytrust::Error> {
//! let now: Time = "2026-06-01T00:00:00Z".parse()?;
//! let verifier = Verifier::builder()
//!     .trust_list(
//!         Jurisdiction::Cn,
//!         include_bytes!("../../../testdata/trust-lists/cn.p7s"),
//!         include_bytes!("../../../testdata/pki/cn/trust-list-operator-ca.pem"),
//!         now,
//!     )?
//!     .trust_list(
//!         Jurisdiction::Hk,
//!         include_bytes!("../../../testdata/trust-lists/hk.p7s"),
//!         include_bytes!("../../../testdata/pki/hk/trust-list-operator-ca.pem"),
//!         now,
//!     )?
//!     .build()?;
//!
//! let report = verifier.verify_detached(
//!     include_bytes!("../../../testdata/samples/supply-contract.txt.p7s"),
//!     include_bytes!("../../../testdata/samples/supply-contract.txt"),
//!     now,
//! )?;
//! assert_eq!(report.indication, Indication::TotalPassed);
//! for signer in &report.signers {
//!     // A signer that passed always names its validated entity.
//!     if let Some(entity) = &signer.entity {
//!         println!("{} signed for {} ({})", entity.organisation, entity.org_id, entity.jurisdiction);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A signature that does not hold is still `Ok`: a [`Report`] whose [`Indication`] is
//! `TOTAL_FAILED` or `INDETERMINATE` with an ETSI [`SubIndication`] saying why
//! (`HASH_FAILURE`, `NOT_RECOGNISED`, `REVOKED_NO_POE`…). `Err` is kept for input that
//! is not a signature at all; [`Error::category`] tells bad input from a refusal.
//! Content too large to hold is streamed with [`Verifier::verify_cms`] and
//! [`Content::Detached`].
//!
//! # Validate a certificate's chain
//!
//! [`Verifier::verify_certificate`] asks of one certificate (a TLS peer, a certificate
//! uploaded to a registry) the question `verify_cms` asks of each signer: RFC 5280 with
//! the lists' issuing CAs as intermediates, revocation, recognition by a list the
//! relying party accepts, and the validated legal entity.
//!
//! ```
//! use baytrust::{decode_certificates, ChainOptions, Indication, Jurisdiction, Time, Verifier};
//!
//! # fn main() -> Result<(), baytrust::Error> {
//! let now: Time = "2026-06-01T00:00:00Z".parse()?;
//! let verifier = Verifier::builder()
//!     .trust_list(
//!         Jurisdiction::Hk,
//!         include_bytes!("../../../testdata/trust-lists/hk.p7s"),
//!         include_bytes!("../../../testdata/pki/hk/trust-list-operator-ca.pem"),
//!         now,
//!     )?
//!     .build()?;
//! let leaf = decode_certificates(include_bytes!(
//!     "../../../testdata/pki/hk/org-harbour-logistics.pem"
//! ))?;
//! let report = verifier.verify_certificate(&leaf[0], &[], &ChainOptions::new(now))?;
//! assert_eq!(report.indication, Indication::TotalPassed);
//! assert_eq!(report.entity.map(|e| e.jurisdiction), Some(Jurisdiction::Hk));
//! # Ok(())
//! # }
//! ```
//!
//! Plain RFC 5280 without the lists' rules is a separate call,
//! [`Verifier::verify_chain_rfc5280`]; [`CertificateInfo`] describes a certificate
//! without judging it.
//!
//! # Sign (feature `sign`, on by default)
//!
//! ```
//! # #[cfg(feature = "sign")]
//! # fn main() -> Result<(), baytrust::Error> {
//! use baytrust::{decode_certificates, SignedDataBuilder, SigningKey, Time};
//!
//! let certificate = decode_certificates(include_bytes!(
//!     "../../../testdata/pki/hk/org-harbour-logistics.pem"
//! ))?
//! .remove(0);
//! let key = SigningKey::from_pkcs8_pem(include_bytes!(
//!     "../../../testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem"
//! ))?;
//! let signature: Vec<u8> = SignedDataBuilder::new()
//!     .signer(certificate, key)?
//!     .detached(true)
//!     .signing_time("2026-06-01T00:00:00Z".parse::<Time>()?)
//!     .build(&mut &b"purchase order 4711"[..])?;
//! assert_eq!(signature.first(), Some(&0x30)); // DER SEQUENCE
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "sign"))]
//! # fn main() {}
//! ```
//!
//! Without default features (`default-features = false`) the crate verifies only, and
//! does not compile the CMS builder, `x509-cert` or `pkcs8`.
//!
//! # Defaults
//!
//! What [`Verifier::builder`] assumes unless told otherwise ([`RelyingPartyPolicy`]
//! holds them all; [`VerifierBuilder::policy`] replaces it whole):
//!
//! | setting | default | meaning |
//! | --- | --- | --- |
//! | `home` | `None` | no home jurisdiction; [`VerifierBuilder::home`] sets one, whose list is always accepted |
//! | `accepted_lists` | `None` | every loaded list is accepted; [`VerifierBuilder::accept`] narrows it to the named jurisdictions (plus home) |
//! | `max_path_len` | `10` | most certificates in a path, end entity included, anchor excluded |
//! | `min_rsa_bits` | `2048` | smaller RSA keys are refused |
//! | `sm2_signer_id` | `1234567812345678` | the GM/T 0009 default SM2 signer ID |
//! | `revocation_mode` | [`RevocationMode::Prefer`] | sources at hand are used; a missing status is reported, not fatal (`Require` makes it `INDETERMINATE`) |
//! | `revocation_skew_seconds` | `0` | no clock skew on CRL / OCSP times |
//! | `max_kept_content` | 64 MiB | detached content kept for signers without signed attributes |
//! | `signature_budget` | 200 signature checks | path-search work one signature may cost, all signers together |
//! | stale lists | refused | [`VerifierBuilder::stale_lists`] with [`StaleListPolicy`] loads them as `INDETERMINATE` |
//!
//! A [`ChainOptions::new`] call validates for signing ([`Purpose::Sign`]) under any
//! policy, with the per-path [`Budget::default`].
//!
//! # A long-lived service
//!
//! A [`Verifier`] is immutable and `Send + Sync`: build it once, share it (`Arc`), and
//! when the lists are republished build a new one and swap it in; calls in flight
//! finish on the old one. With the `arc-swap` crate:
//!
//! ```ignore
//! use std::sync::Arc;
//! use arc_swap::ArcSwap;
//!
//! let current = Arc::new(ArcSwap::from_pointee(build_verifier(&fetch_lists()?, Time::now())?));
//! // request handlers:
//! let report = current.load().verify_detached(&signature, &content, Time::now())?;
//! // the refresher, on a timer or when a list's next_update nears:
//! match build_verifier(&fetch_lists()?, Time::now()) {
//!     Ok(fresh) => current.store(Arc::new(fresh)),
//!     Err(error) => log::warn!("keeping the current lists: {error}"), // e.g. TrustListStale
//! }
//! ```
//!
//! A list that fails to load (bad signature, stale, sequence regressed) is an `Err`
//! from the builder, so the service keeps the verifier it has.
//!
//! # Modules
//!
//! The modules are private; everything above is re-exported here. In data-flow order
//! (each uses only those before it, except that `trust`'s anchors apply `path`'s
//! RFC 5280 extension rules to the anchor certificate itself):
//! `cert` (DER/PEM input, the strict certificate view) →
//! `algorithm` (signature verification by OID, [`KeyAlgorithm`]) → `identity`
//! ([`Jurisdiction`], [`OrgId`], [`LegalEntity`], [`IdentityProfile`]) → `revocation`
//! (CRL and OCSP reading, [`RevocationSources`]) → `trust` ([`TrustAnchor`],
//! [`TrustList`], [`TrustStore`]) → `path` (RFC 5280 §6.1 building and validation,
//! [`ChainOptions`]) → `report` (the verdict vocabulary: [`Indication`],
//! [`SubIndication`], [`Report`], [`ChainReport`], [`CertificateInfo`]) → `cms` (SignedData read and checked;
//! [`SignedDataBuilder`]) → `signed_trust_list` (loading lists signed by their
//! operators) → `recognition` (the lists' rules) → `verifier` ([`Verifier`],
//! [`VerifierBuilder`]) → [`auth`] (mutual authentication between two legal entities,
//! each checking the other under its own verifier).

#![forbid(unsafe_code)]
// Without `internals` the modules are private, and what only the integration tests of
// building blocks reach (re-exports inside modules, test-only helpers) is unused; the
// test builds, which enable `internals`, still report dead code.
#![cfg_attr(not(feature = "internals"), allow(unused_imports, dead_code))]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
// Library code does not index, slice, overflow or cast silently: `.get()`,
// `checked_*`/`saturating_*` and `try_from` instead, or an `#[allow]` on one item with a
// `// reason:` comment proving the invariant. Unit tests may index.
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::as_conversions
    )
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
// Mutual authentication between two legal entities (issue 12), above the verifier; each
// side signs, so it needs the `sign` feature.
#[cfg(feature = "sign")]
pub mod auth;
mod error;
mod error_category;
mod message_text;
internal_mod!(oid);
mod pem;
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
mod verify_many;

pub use error::Error;
pub use error_category::ErrorCategory;
pub use time::Time;

// The types a user needs, at the crate root (module paths may become private).
pub use crate::algorithm::{AlgorithmPolicy, KeyAlgorithm};
pub use crate::cert::{decode_certificates, CertificateDer};
#[cfg(feature = "sign")]
pub use crate::cms::builder::{encode_pem, SignedDataBuilder, SigningKey};
pub use crate::cms::{DigestAlgorithm, SignatureInfo, SignerDescription};
pub use crate::identity::{IdentityProfile, IdentitySource, Jurisdiction, LegalEntity, OrgId};
pub use crate::path::{
    Budget, ChainOptions, PolicyInputs, PolicySet, Purpose, RevocationMode, RevocationOptions,
};
pub use crate::revocation::{
    CrlInfo, OcspInfo, OcspSingleInfo, ReasonCode, RevocationInfo, RevocationSources, StatusSource,
};
pub use crate::trust::{
    CertificateTypeDocument, IdentityDocument, PolicyDocument, PolicyMatch, PolicyRule,
    RecognisedService, ServiceDocument, ServiceStatus, StaleListPolicy, StatusDocument,
    StatusPeriod, TrustAnchor, TrustList, TrustListDocument, TrustStore, TrustStoreBuilder,
    TRUST_LIST_FORMAT,
};
pub use report::{
    AltName, BasicConstraints, CertificateInfo, CertificateRef, CertificateRevocation, ChainReport,
    DistinguishedName, Indication, NameAttribute, Recognition, Report, SignerReport, SubIndication,
    ValidatedPath,
};
// ---- performance (issue 13) ----
pub use crate::algorithm::{SignatureCache, DEFAULT_SIGNATURE_CACHE};
pub use verifier::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
pub use verifier_builder::VerifierBuilder;
// ---- mutual authentication (issue 12) ----
#[cfg(feature = "sign")]
pub use auth::{
    AuthPolicy, AuthenticatedPeer, Credentials, Initiator, InitiatorAwaitingResponse, Message1,
    Message2, Message3, NonceSource, ReplayCache, Responder, ResponderAwaitingConfirm,
    SystemNonceSource,
};
#[cfg(feature = "sign")]
pub use auth::{
    MAX_CHAIN_CERTIFICATES as AUTH_MAX_CHAIN_CERTIFICATES,
    MAX_MESSAGE_BYTES as AUTH_MAX_MESSAGE_BYTES,
};
pub use verify_many::{BatchInput, MAX_BATCH_INPUTS};
