//! `VerifiedChain`: the result of a successful path validation.

use super::PolicySet;
use crate::cert::Certificate;
use crate::identity::Jurisdiction;
use crate::trust::TrustAnchor;

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
}

impl VerifiedChain<'_> {
    /// The jurisdiction whose anchor the path reaches.
    pub fn anchor_jurisdiction(&self) -> Jurisdiction {
        self.anchor.jurisdiction()
    }
}
