//! `ValidatedPath`: the owned result of a plain RFC 5280 path validation
//! ([`Verifier::verify_chain_rfc5280`](crate::Verifier::verify_chain_rfc5280)), with no
//! trust-list recognition.

use serde::Serialize;

use crate::identity::Jurisdiction;
use crate::path::PolicySet;
use crate::report::CertificateRef;

/// A certification path that validated under RFC 5280 §6.1 (and the revocation mode in
/// force), owned: it borrows neither the certificates nor the verifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidatedPath {
    /// The path, end entity first, anchor last; each certificate below the anchor with
    /// its revocation status and source.
    pub chain: Vec<CertificateRef>,
    /// The jurisdiction whose anchor the path reaches.
    pub anchor_jurisdiction: Jurisdiction,
    /// The RFC 5280 authorities-constrained-policy-set.
    pub authorities_constrained_policy_set: PolicySet,
    /// The RFC 5280 user-constrained-policy-set.
    pub user_constrained_policy_set: PolicySet,
}
