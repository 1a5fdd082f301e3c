//! `Error`: why the peer identity of a connection cannot be given.

use crate::BaytrustRejection;

/// Why [`peer_identity`](crate::BaytrustClientCertVerifier::peer_identity) gives no
/// identity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection holds no peer certificate: the handshake has not got that far,
    /// or the peer sent none.
    #[error("the connection holds no peer certificate (handshake not complete?)")]
    NoPeerCertificate,
    /// The peer's certificates do not pass (any more) at the time asked.
    #[error("{0}")]
    Rejected(BaytrustRejection),
}
