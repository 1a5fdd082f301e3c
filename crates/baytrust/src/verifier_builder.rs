//! `VerifierBuilder`: the one place a relying party assembles its [`Verifier`] — signed
//! trust lists with the operators pinned for their jurisdiction, plain anchors, the home
//! jurisdiction and the lists it accepts, revocation sources and mode — from bytes.

use std::collections::BTreeSet;

use crate::cert::decode_certificates;
use crate::identity::Jurisdiction;
use crate::path::RevocationMode;
use crate::revocation::RevocationSources;
use crate::trust::{StaleListPolicy, TrustList, TrustStore, TrustStoreBuilder};
use crate::verifier::{RelyingPartyPolicy, Verifier};
use crate::{Error, Time};

/// Collects a relying party's trust inputs, then builds its [`Verifier`]
/// ([`Verifier::builder`]).
///
/// Defaults: no trust list and no anchor (every signature is then
/// `INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND`), no home jurisdiction, every loaded
/// list accepted (call [`accept`](Self::accept) or [`home`](Self::home) to narrow it),
/// stale lists refused, revocation [`RevocationMode::Prefer`], and the rest of
/// [`RelyingPartyPolicy::default`] (RSA ≥ 2048 bits, paths of at most 10 certificates,
/// the GM/T 0009 default SM2 signer ID).
///
/// Each `trust_list`, `anchors` and `crl` call checks its input at once and returns the
/// error naming the broken rule; nothing is loaded half. The builder is `Clone`, so a
/// caller that wants to keep its inputs when one is refused (the C ABI does) can call
/// on a clone.
#[derive(Debug, Clone, Default)]
pub struct VerifierBuilder {
    store: TrustStoreBuilder,
    policy: RelyingPartyPolicy,
    accepted: BTreeSet<Jurisdiction>,
    stale: Option<StaleListPolicy>,
    revocation_sources: RevocationSources,
}

impl Verifier {
    /// Starts a [`VerifierBuilder`] with the defaults it documents.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }
}

impl VerifierBuilder {
    /// Loads the signed trust list `signed_list` (CMS SignedData over the JSON list) for
    /// `jurisdiction`, checking its signature against `operator_certificates` (DER, or a
    /// PEM bundle) — the operators pinned **for that jurisdiction** — and its freshness
    /// and operators' validity at `now` ([`TrustList::load_signed`]). A list naming
    /// another jurisdiction is refused ([`Error::TrustListJurisdictionMismatch`]).
    pub fn trust_list(
        mut self,
        jurisdiction: Jurisdiction,
        signed_list: &[u8],
        operator_certificates: &[u8],
        now: Time,
    ) -> Result<Self, Error> {
        let operators = decode_certificates(operator_certificates)?;
        let stale = self.stale.unwrap_or(StaleListPolicy::Refuse);
        let list = TrustList::load_signed(signed_list, jurisdiction, &operators, now, stale)?;
        self.store = self.store.trust_list(list)?;
        Ok(self)
    }

    /// Adds a trust list already loaded with [`TrustList::load_signed`].
    pub fn loaded_trust_list(mut self, list: TrustList) -> Result<Self, Error> {
        self.store = self.store.trust_list(list)?;
        Ok(self)
    }

    /// How later [`trust_list`](Self::trust_list) calls treat a list past its next
    /// update (default [`StaleListPolicy::Refuse`]).
    pub fn stale_lists(mut self, stale: StaleListPolicy) -> Self {
        self.stale = Some(stale);
        self
    }

    /// Adds every certificate of `certificates` (DER, or a PEM bundle) as a plain trust
    /// anchor of `jurisdiction`, held to the CA rules (`crate::trust::TrustAnchor::new`).
    pub fn anchors(
        mut self,
        jurisdiction: Jurisdiction,
        certificates: &[u8],
    ) -> Result<Self, Error> {
        self.store = self.store.anchors_from(jurisdiction, certificates)?;
        Ok(self)
    }

    /// The relying party's own jurisdiction: its list is always accepted.
    pub fn home(mut self, jurisdiction: Jurisdiction) -> Self {
        self.policy.home = Some(jurisdiction);
        self
    }

    /// Accepts the lists of `jurisdiction` (repeatable). Once called, only the
    /// jurisdictions accepted (and the home one) are; never called, every loaded list is.
    pub fn accept(mut self, jurisdiction: Jurisdiction) -> Self {
        self.accepted.insert(jurisdiction);
        self
    }

    /// Adds a CRL (DER or PEM) that every verification consults.
    pub fn crl(mut self, crl: &[u8]) -> Result<Self, Error> {
        self.revocation_sources.add_crl(crl)?;
        Ok(self)
    }

    /// Adds an OCSP response (DER or PEM) that every verification consults.
    pub fn ocsp_response(mut self, response: &[u8]) -> Result<Self, Error> {
        self.revocation_sources.add_ocsp_response(response)?;
        Ok(self)
    }

    /// What a missing revocation status means (default [`RevocationMode::Prefer`]).
    pub fn revocation(mut self, mode: RevocationMode) -> Self {
        self.policy.revocation_mode = mode;
        self
    }

    /// How many verified signatures the verifier remembers (default 4,096; 0: none) —
    /// [`RelyingPartyPolicy::signature_cache`].
    pub fn signature_cache(mut self, capacity: usize) -> Self {
        self.policy.signature_cache = capacity;
        self
    }

    /// Replaces the whole relying-party policy (its `home`, `accepted_lists`,
    /// `signature_cache` and
    /// `revocation_mode` included: call [`home`](Self::home), [`accept`](Self::accept)
    /// and [`revocation`](Self::revocation) after it).
    pub fn policy(mut self, policy: RelyingPartyPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The verifier: immutable, `Send + Sync`, to be shared (an `Arc`) by every thread.
    /// To refresh lists, build a new one and swap it in (e.g. with `arc-swap`).
    pub fn build(mut self) -> Result<Verifier, Error> {
        if !self.accepted.is_empty() {
            let accepted = self.policy.accepted_lists.get_or_insert_with(BTreeSet::new);
            accepted.extend(self.accepted);
        }
        let store: TrustStore = self.store.build()?;
        Ok(Verifier::new(store, self.policy).with_revocation_sources(self.revocation_sources))
    }
}
