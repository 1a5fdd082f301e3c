//! `TrustStore`: the anchors of CN, HK and MO, indexed by subject name and by subject
//! key identifier so that finding an issuer costs the same with 1,000 anchors as with one.

use std::collections::HashMap;

use super::TrustAnchor;
use crate::cert::{decode_certificates, ComparableName};
use crate::identity::Jurisdiction;
use crate::Error;

/// The relying party's trust anchors. Immutable once built; share it across threads.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<TrustAnchor>,
    by_subject: HashMap<ComparableName, Vec<usize>>,
}

/// Collects anchors, then indexes them ([`TrustStore::builder`]).
#[derive(Debug, Default)]
pub struct TrustStoreBuilder {
    anchors: Vec<TrustAnchor>,
}

impl TrustStore {
    /// Starts an empty store.
    pub fn builder() -> TrustStoreBuilder {
        TrustStoreBuilder::default()
    }

    /// Every anchor, in the order added.
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// How many anchors the store holds.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether the store holds no anchor.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The anchors whose subject is `issuer`, those whose key identifier equals
    /// `authority_key_id` first (the identifier is a hint, RFC 5280 §4.2.1.1, so the
    /// others are still offered).
    pub fn issuers_of(
        &self,
        issuer: &ComparableName,
        authority_key_id: Option<&[u8]>,
    ) -> Vec<&TrustAnchor> {
        let mut found: Vec<&TrustAnchor> = self
            .by_subject
            .get(issuer)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.anchors.get(i))
            .collect();
        if let Some(aki) = authority_key_id {
            found.sort_by_key(|anchor| anchor.subject_key_id() != Some(aki));
        }
        found
    }
}

impl TrustStoreBuilder {
    /// Adds every certificate of `input` (DER, or a PEM bundle) as an anchor of
    /// `jurisdiction`.
    pub fn anchors_from(mut self, jurisdiction: Jurisdiction, input: &[u8]) -> Result<Self, Error> {
        for der in decode_certificates(input)? {
            let certificate = der.parse()?;
            self.anchors
                .push(TrustAnchor::new(jurisdiction, &certificate)?);
        }
        Ok(self)
    }

    /// Adds one prepared anchor.
    pub fn anchor(mut self, anchor: TrustAnchor) -> Self {
        self.anchors.push(anchor);
        self
    }

    /// Indexes the anchors.
    pub fn build(self) -> TrustStore {
        let mut by_subject: HashMap<ComparableName, Vec<usize>> = HashMap::new();
        for (i, anchor) in self.anchors.iter().enumerate() {
            by_subject
                .entry(anchor.subject().clone())
                .or_default()
                .push(i);
        }
        TrustStore {
            anchors: self.anchors,
            by_subject,
        }
    }
}
