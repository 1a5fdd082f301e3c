//! Mutual authentication between two legal entities (ISO/IEC 9798-3 three-pass, with
//! signatures over a DER transcript): each proves which organisation it is and checks
//! the other under its own verifier's trust lists, with no shared root. Transport
//! independent — messages are bytes; `docs/auth-protocol.md` is the specification.
//!
//! ```text
//! Initiator                                    Responder
//! start()          ── message 1: nonceI, timeI, idI, chainI, [expected] ─▶ respond()
//! finish(msg2)     ◀─ message 2: nonceR, nonceI, timeR, idR, chainR, sigR ─
//!                  ── message 3: nonceI, nonceR, sigI ─────────────────▶ finish(msg3)
//! ```
//!
//! Each step consumes its state, so a message cannot be processed out of order or
//! twice. TLS through rustls offers no SM2 signature scheme: SM2 entities authenticate
//! with this protocol.

mod check;
mod credentials;
mod initiator;
mod message;
mod nonce;
mod peer;
mod policy;
mod replay_cache;
mod responder;
mod transcript;

pub use credentials::Credentials;
pub use initiator::{Initiator, InitiatorAwaitingResponse};
pub use message::{Message1, Message2, Message3};
pub use nonce::{NonceSource, SystemNonceSource};
pub use peer::AuthenticatedPeer;
pub use policy::{AuthPolicy, DEFAULT_MAX_SKEW_SECONDS};
pub use replay_cache::{ReplayCache, DEFAULT_REPLAY_CACHE_CAPACITY};
pub use responder::{Responder, ResponderAwaitingConfirm};

/// The protocol version this implementation speaks (the `version` of every message).
pub const PROTOCOL_VERSION: i64 = 1;

/// The label opening the signed transcript (domain separation from every other use
/// of the same keys).
pub const PROTOCOL_LABEL: &str = "baytrust-auth";

/// The label of the session binding's input.
pub const SESSION_BINDING_LABEL: &str = "baytrust-auth session binding";

/// Most bytes one message may have: 64 KiB, room for 8 certificates of several KiB.
/// Checked before any decoding.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// Most certificates a chain in a message may hold (own certificate included): 8,
/// deployed GBA chains hold 2–3.
pub const MAX_CHAIN_CERTIFICATES: usize = 8;

/// The length of a nonce in bytes.
pub const NONCE_LEN: usize = 32;

/// A 32-byte random nonce.
pub type Nonce = [u8; NONCE_LEN];

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}
