//! `Credentials`: what one party proves itself with — its certificate chain, the
//! private key of its certificate, and the legal entity it claims to be.

use crate::cert::CertificateDer;
use crate::cms::builder::SigningKey;
use crate::identity::{IdentityProfile, OrgId};
use crate::Error;

use super::MAX_CHAIN_CERTIFICATES;

/// A party's chain (its own certificate first, then intermediates), the key of its
/// certificate, and its identity.
#[derive(Debug)]
pub struct Credentials {
    pub(super) chain: Vec<CertificateDer>,
    pub(super) key: SigningKey,
    pub(super) org_id: OrgId,
}

impl Credentials {
    /// Credentials from `chain` (own certificate first, at most
    /// [`MAX_CHAIN_CERTIFICATES`]) and the certificate's `key`. The identity claimed is
    /// the one the certificate names under the built-in identity profiles; use
    /// [`Credentials::with_org_id`] when the peer's trust list reads it differently.
    /// An empty or too long chain, or a certificate naming no entity, is
    /// [`Error::AuthCredentialsInvalid`]; a key not the certificate's is
    /// [`Error::SignerKeyMismatch`].
    pub fn new(chain: Vec<CertificateDer>, key: SigningKey) -> Result<Self, Error> {
        let invalid = |reason: String| Error::AuthCredentialsInvalid { reason };
        if chain.len() > MAX_CHAIN_CERTIFICATES {
            return Err(invalid(format!(
                "{} certificates; at most {MAX_CHAIN_CERTIFICATES}",
                chain.len()
            )));
        }
        let leaf_der = chain
            .first()
            .ok_or_else(|| invalid("the chain is empty".to_owned()))?;
        let leaf = leaf_der.parse()?;
        if !key.matches(leaf.spki()) {
            return Err(Error::SignerKeyMismatch {
                subject: leaf.subject_text(),
            });
        }
        let org_id = IdentityProfile::entity_from_certificate(&leaf)?
            .map(|entity| entity.org_id)
            .ok_or_else(|| invalid("the certificate names no legal entity".to_owned()))?;
        org_id
            .check()
            .map_err(|e| invalid(format!("the certificate's identifier fails: {e}")))?;
        Ok(Self { chain, key, org_id })
    }

    /// The same credentials claiming `org_id` (the peer checks it against the entity its
    /// own trust list reads from the certificate).
    pub fn with_org_id(mut self, org_id: OrgId) -> Self {
        self.org_id = org_id;
        self
    }

    /// The identity claimed.
    pub fn org_id(&self) -> &OrgId {
        &self.org_id
    }

    /// The chain presented, own certificate first.
    pub fn chain(&self) -> &[CertificateDer] {
        &self.chain
    }
}
