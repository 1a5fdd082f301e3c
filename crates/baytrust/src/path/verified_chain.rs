//! `VerifiedChain`: the result of a successful path validation.

use super::PolicySet;
use crate::cert::Certificate;
use crate::identity::Jurisdiction;
use crate::revocation::RevocationStatus;
use crate::trust::TrustAnchor;
use crate::Error;

/// A certification path that validated, from the end entity to the anchor.
#[derive(Debug, Clone)]
pub struct VerifiedChain<'c> {
    /// The path, end entity first, the certificate the anchor issued last; the anchor
    /// itself is in [`VerifiedChain::anchor`].
    pub certificates: Vec<&'c Certificate<'c>>,
    /// The trust anchor the path ends at.
    pub anchor: &'c TrustAnchor,
    /// The RFC 5280 authorities-constrained-policy-set.
    pub authorities_constrained_policy_set: PolicySet,
    /// The RFC 5280 user-constrained-policy-set.
    pub user_constrained_policy_set: PolicySet,
    /// The revocation status of each certificate of `certificates` (same order), or
    /// why none could be had; all `NotChecked` when revocation checking is off or no
    /// source was given. Judged by [`revocation_verdict`](super::revocation_verdict).
    pub revocation: Vec<Result<RevocationStatus, Error>>,
}

impl VerifiedChain<'_> {
    /// The jurisdiction whose anchor the path reaches.
    pub fn anchor_jurisdiction(&self) -> Jurisdiction {
        self.anchor.jurisdiction()
    }
}
