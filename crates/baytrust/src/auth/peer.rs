//! `AuthenticatedPeer`: what a completed session proves about the other party.

use crate::identity::LegalEntity;
use crate::report::{ChainReport, Recognition};

/// The peer a session authenticated: its validated legal entity, the recognition of its
/// certificate, the whole chain report, and the session binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticatedPeer {
    /// The legal entity the peer's certificate names, validated under the receiver's
    /// verifier.
    pub entity: LegalEntity,
    /// The trust list and service recognising the peer (`None` only under a policy
    /// with `require_recognition` off and a verifier of plain anchors).
    pub recognition: Option<Recognition>,
    /// The verdict on the peer's chain, at the peer's message time.
    pub chain_report: ChainReport,
    /// SHA-256 over the transcript and both signatures (docs/auth-protocol.md §5):
    /// equal on both sides of the session, unpredictable to anyone else before the
    /// session; key a channel with it or bind later messages to it.
    pub session_binding: [u8; 32],
}

impl AuthenticatedPeer {
    /// The session binding as lowercase hex.
    pub fn session_binding_hex(&self) -> String {
        super::hex(&self.session_binding)
    }
}
