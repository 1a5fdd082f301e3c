//! baytrust-rustls: rustls certificate verifiers backed by a [`baytrust::Verifier`],
//! for mutual TLS between legal entities of the Greater Bay Area.
//!
//! A server installs a [`BaytrustClientCertVerifier`] and accepts only clients whose
//! organisation certificates its jurisdiction recognises (trust lists, recognition
//! rules, revocation: the verifier's whole policy); a client installs a
//! [`BaytrustServerCertVerifier`] and accepts only such servers, for the host name it
//! connected to, or for the legal entity it pinned with
//! [`expect_entity`](BaytrustServerCertVerifier::expect_entity). After the handshake,
//! `peer_identity` on the verifier gives the peer's [`baytrust::LegalEntity`] and
//! [`baytrust::Recognition`] ([`PeerIdentity`]).
//!
//! A refused peer fails the handshake with
//! `rustls::Error::InvalidCertificate(CertificateError::Other(..))` holding a
//! [`BaytrustRejection`] (indication, sub-indication, the broken rule's `error_kind`
//! and a sentence); [`rejection`] and [`rejection_in_io`] read it back. The crate maps
//! every refusal to `Other` rather than to rustls's specific variants (`Expired`,
//! `Revoked`, `UnknownIssuer`, …) so that the baytrust reason is never lost; the cost
//! is that the peer receives a `certificate_unknown` alert for every refusal.
//!
//! **Algorithms.** TLS handshake signatures are rustls's, with the ring provider:
//! RSA (PKCS#1 v1.5 and PSS), ECDSA P-256/P-384, Ed25519. rustls has no SM2 (nor
//! the TLCP/RFC 8998 suites), so mainland entities holding SM2 certificates
//! authenticate with the transport-independent protocol of `baytrust::auth` instead.
//! Certificate chains themselves are checked by baytrust, SM2 CAs included.
//!
//! **Time.** rustls's `now` (its `TimeProvider`), in whole seconds, is the validation
//! time of the handshake; `peer_identity` takes its own.
//!
//! **Resumed sessions.** On a resumed session rustls does not call the verifiers
//! again: the peer's certificates come from the session it resumes. `peer_identity`
//! verifies them again at the time it is given, so an application that calls it on
//! every connection (resumed or not) also learns of a certificate that has expired,
//! or that a CRL loaded into a newer verifier revokes, since the full handshake.
//! Disable resumption (`ServerConfig::session_storage`, `send_tls13_tickets`,
//! `ClientConfig::resumption`) to have every connection verified in the handshake.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::as_conversions
    )
)]

mod client_verifier;
mod error;
mod peer_check;
mod peer_identity;
mod rejection;
mod server_verifier;
mod staple_memory;

pub use client_verifier::BaytrustClientCertVerifier;
pub use error::Error;
pub use peer_check::MAX_INTERMEDIATES;
pub use peer_identity::PeerIdentity;
pub use rejection::{
    rejection, rejection_in_io, BaytrustRejection, ENTITY_MISMATCH, HOST_NAME_MISMATCH,
    NO_LEGAL_ENTITY, TIME_OUT_OF_RANGE, TOO_MANY_INTERMEDIATES,
};
pub use server_verifier::BaytrustServerCertVerifier;
pub use staple_memory::MAX_REMEMBERED_STAPLES;
