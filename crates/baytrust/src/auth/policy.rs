//! `AuthPolicy`: what one party demands of a session besides its verifier's rules:
//! clock skew, the certificate purposes, recognition, the peer it expects.

use crate::identity::OrgId;
use crate::path::Purpose;

/// The default allowed clock skew: 300 seconds (Kerberos' customary 5 minutes).
pub const DEFAULT_MAX_SKEW_SECONDS: i64 = 300;

/// A party's demands on a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthPolicy {
    /// Largest difference allowed between a message's time and the receiver's, in
    /// seconds; also the longest a responder waits for message 3 after sending
    /// message 2. Replay-cache entries live for twice this.
    pub max_skew_seconds: i64,
    /// The purpose a responder validates the initiator's certificate for
    /// (default [`Purpose::Client`]: keyUsage digitalSignature or keyAgreement, an EKU
    /// when present must allow clientAuth — as TLS client authentication).
    pub initiator_purpose: Purpose,
    /// The purpose an initiator validates the responder's certificate for (default
    /// [`Purpose::Server`], as TLS server authentication).
    pub responder_purpose: Purpose,
    /// Whether the peer must be recognised by a trust list (default `true`). With a
    /// verifier of plain anchors nothing is recognised: set `false` there.
    pub require_recognition: bool,
    /// The legal entity the peer must be, if the caller knows.
    pub expected_peer: Option<OrgId>,
}

impl Default for AuthPolicy {
    fn default() -> Self {
        Self {
            max_skew_seconds: DEFAULT_MAX_SKEW_SECONDS,
            initiator_purpose: Purpose::Client,
            responder_purpose: Purpose::Server,
            require_recognition: true,
            expected_peer: None,
        }
    }
}
