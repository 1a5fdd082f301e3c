//! `Verifier`: the engine a relying party builds once — trust store plus relying-party
//! policy — and shares across threads. Every call takes its validation time.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::sync::Arc;

use crate::algorithm::{
    AlgorithmPolicy, SignatureCache, DEFAULT_MIN_RSA_BITS, DEFAULT_SIGNATURE_CACHE,
    DEFAULT_SM2_SIGNER_ID,
};
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;
use crate::cert::{read_identifiers, Certificate, CertificateDer, ComparableName};
use crate::cms::{
    check_signer_indexed, CmsSignedData, ContentDigests, SignerCertificates, SignerCheck,
};
use crate::identity::{IdentityProfile, Jurisdiction, LegalEntity};
use crate::path::{
    revocation_verdict, verify_chain_with_budget, Budget, BudgetLeft, ChainOptions, Purpose,
    RevocationMode, VerifiedChain,
};
use crate::recognition::{recognise, NotRecognised, RecognisedEntity};
use crate::report::{
    CertificateRef, ChainReport, Indication, Recognition, Report, SignerReport, SubIndication,
    ValidatedPath,
};
use crate::revocation::RevocationSources;
use crate::trust::TrustStore;
use crate::{Error, Time};

/// What the relying party demands of every path and signature, whatever the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelyingPartyPolicy {
    /// RSA keys below this many bits are refused (default 2048, NIST SP 800-131A).
    pub min_rsa_bits: usize,
    /// Most certificates a path may hold, end entity included, anchor excluded
    /// (default 10; a call's [`ChainOptions::max_path_len`] can only lower it).
    pub max_path_len: usize,
    /// The SM2 signer ID assumed for SM2 signatures (GM/T 0009 default
    /// `1234567812345678`).
    pub sm2_signer_id: Vec<u8>,
    /// The relying party's own jurisdiction: its list is always accepted (default
    /// `None`: no home).
    pub home: Option<Jurisdiction>,
    /// The jurisdictions whose trust lists it accepts (besides `home`); `None` accepts
    /// every list loaded in the store (the default). The scheme is directional: accepting HK's list
    /// says nothing about whether HK accepts yours.
    pub accepted_lists: Option<BTreeSet<Jurisdiction>>,
    // ---- CMS (issue 8) ----
    /// Most bytes of detached content kept in memory for signers without signed
    /// attributes, whose signatures cover the content itself (default 64 MiB). Beyond
    /// it such a signer is `INDETERMINATE/SIGNED_DATA_NOT_FOUND`
    /// ([`Error::DetachedContentTooLarge`]); signers with signed attributes only need the
    /// streamed digest and are unaffected.
    pub max_kept_content: usize,
    /// The path-building budget one CMS signature may spend, shared by all its signers
    /// (`DEFAULT_SIGNATURE_BUDGET`). When it runs out, the signer whose search ran out
    /// and every later signer that needs a new path are
    /// `INDETERMINATE/CERTIFICATE_CHAIN_GENERAL_FAILURE` with [`Error::BudgetExceeded`]
    /// in the reason; signers whose certificate's path is already known keep it.
    pub signature_budget: Budget,
    // ---- revocation (issue 10) ----
    /// What a missing revocation status means (default [`RevocationMode::Prefer`]:
    /// the sources at hand are used and the report says which certificates had none;
    /// [`RevocationMode::Require`] makes them INDETERMINATE / TRY_LATER). A call may
    /// override it ([`SignatureOptions::revocation`], [`ChainOptions::revocation`]).
    pub revocation_mode: RevocationMode,
    /// Clock skew tolerated on CRL and OCSP thisUpdate / nextUpdate, in seconds
    /// (default 0: none). A call's non-zero [`RevocationOptions::skew_seconds`](crate::path::RevocationOptions::skew_seconds) wins.
    pub revocation_skew_seconds: i64,
    // ---- performance (issue 13) ----
    /// How many verified signatures the verifier remembers
    /// ([`SignatureCache`](crate::SignatureCache); default
    /// [`DEFAULT_SIGNATURE_CACHE`](crate::DEFAULT_SIGNATURE_CACHE), 4,096); 0 turns the
    /// cache off. Only successes are remembered, keyed by a SHA-256 of the issuer key,
    /// algorithm, signed bytes and signature, so reports are the same with and without
    /// it; an issuing CA's signature is then checked once, not on every path.
    pub signature_cache: usize,
}

/// The default [`RelyingPartyPolicy::signature_budget`], one budget for the whole
/// signature: 200 signature checks, enough for the [`MAX_SIGNERS`](crate::cms::MAX_SIGNERS)
/// (64) signers with distinct certificates on three-certificate paths (2 checks each,
/// 128), i.e. twice the per-path 100 of [`Budget::default`] (the remediation of Go's
/// CVE-2018-16875); 200,000 build steps (NSS mozilla::pkix's limit) and 250,000
/// name-constraint comparisons (Go crypto/x509's) for the whole signature rather than
/// per signer. At about 2 ms per failed RSA-8192 check, 200 checks cost well under a
/// second.
pub const DEFAULT_SIGNATURE_BUDGET: Budget = Budget {
    signature_checks: 200,
    build_steps: 200_000,
    name_constraint_comparisons: 250_000,
};

impl Default for RelyingPartyPolicy {
    fn default() -> Self {
        Self {
            min_rsa_bits: DEFAULT_MIN_RSA_BITS,
            max_path_len: 10,
            sm2_signer_id: DEFAULT_SM2_SIGNER_ID.to_vec(),
            home: None,
            accepted_lists: None,
            max_kept_content: DEFAULT_MAX_KEPT_CONTENT,
            signature_budget: DEFAULT_SIGNATURE_BUDGET,
            revocation_mode: RevocationMode::Prefer,
            revocation_skew_seconds: 0,
            signature_cache: DEFAULT_SIGNATURE_CACHE,
        }
    }
}

/// Where the signed content is.
pub enum Content<'r> {
    /// Detached: the content is read from here, streamed, never held whole.
    Detached(&'r mut dyn Read),
    /// Encapsulated in the SignedData.
    Attached,
}

/// The inputs of one signature verification besides the signature and content.
#[derive(Debug, Clone)]
pub struct SignatureOptions {
    /// The validation time.
    pub time: Time,
    /// Certificates the caller supplies in addition to those in the signature (the
    /// signer's certificate or intermediates a signer left out).
    pub extra_certificates: Vec<CertificateDer>,
    /// A time at which the signature is **proven** to have existed (proof of
    /// existence, e.g. a verified timestamp), if any. The signer's recognition — its
    /// service's status history — is then read at this time: a service withdrawn or
    /// suspended at `time` but recognised at the proven signing time passes. Without
    /// it, that case is `INDETERMINATE` / `NOT_RECOGNISED_NO_POE`. The signature's own
    /// signingTime attribute is a claim and is never used here.
    pub proven_signing_time: Option<Time>,
    // ---- revocation (issue 10) ----
    /// This call's revocation mode; `None`: the policy's
    /// ([`RelyingPartyPolicy::revocation_mode`]).
    pub revocation: Option<RevocationMode>,
    /// CRLs and OCSP responses for this call, consulted besides the verifier's
    /// ([`Verifier::with_revocation_sources`]) and those embedded in the signature
    /// (SignedData `crls`, which serve that signature's signers only).
    pub revocation_sources: RevocationSources,
}

impl SignatureOptions {
    /// Options validating at `time` with no extra certificates and no proven signing
    /// time.
    pub fn new(time: Time) -> Self {
        Self {
            time,
            extra_certificates: Vec::new(),
            proven_signing_time: None,
            revocation: None,
            revocation_sources: RevocationSources::new(),
        }
    }
}

/// The relying party's verifier: immutable but for its cache of verified signatures
/// (shared by its clones), `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Verifier {
    store: TrustStore,
    policy: RelyingPartyPolicy,
    revocation_sources: RevocationSources,
    signature_cache: Option<Arc<SignatureCache>>,
}

impl Verifier {
    /// A verifier trusting `store` under `policy`.
    pub fn new(store: TrustStore, policy: RelyingPartyPolicy) -> Self {
        let signature_cache = (policy.signature_cache > 0)
            .then(|| Arc::new(SignatureCache::new(policy.signature_cache)));
        Self {
            store,
            policy,
            revocation_sources: RevocationSources::new(),
            signature_cache,
        }
    }

    /// The cache of verified signatures, `None` when
    /// [`RelyingPartyPolicy::signature_cache`] is 0.
    pub fn signature_cache(&self) -> Option<&SignatureCache> {
        self.signature_cache.as_deref()
    }

    /// The verifier consulting `sources` (CRLs and OCSP responses) in every call, besides
    /// each call's own.
    pub fn with_revocation_sources(mut self, sources: RevocationSources) -> Self {
        self.revocation_sources = sources;
        self
    }

    /// The revocation sources every call consults.
    pub fn revocation_sources(&self) -> &RevocationSources {
        &self.revocation_sources
    }

    /// The trust store.
    pub fn store(&self) -> &TrustStore {
        &self.store
    }

    /// The relying-party policy.
    pub fn policy(&self) -> &RelyingPartyPolicy {
        &self.policy
    }

    /// The jurisdictions whose loaded lists this relying party accepts.
    pub fn accepted_jurisdictions(&self) -> BTreeSet<Jurisdiction> {
        let mut accepted = match &self.policy.accepted_lists {
            Some(accepted) => accepted.clone(),
            None => self
                .store
                .trust_lists()
                .iter()
                .map(|list| list.jurisdiction)
                .collect(),
        };
        accepted.extend(self.policy.home);
        accepted
    }

    internal_pub! {
        /// Applies the trust lists' recognition rules to a validated chain at the
        /// validation time `time`, reading service status at `proven_signing_time` when
        /// the signature is proven to have existed then ([`recognise`]); `None` when the
        /// store holds no trust list (plain anchors).
        pub fn recognise(
            &self,
            chain: &VerifiedChain<'_>,
            time: Time,
            proven_signing_time: Option<Time>,
        ) -> Option<Result<RecognisedEntity, NotRecognised>> {
            recognise(
                &self.store,
                &self.accepted_jurisdictions(),
                chain,
                time,
                proven_signing_time,
            )
        }
    }

    fn algorithm_policy(&self) -> AlgorithmPolicy<'_> {
        AlgorithmPolicy {
            sm2_signer_id: &self.policy.sm2_signer_id,
            min_rsa_bits: self.policy.min_rsa_bits,
            signature_cache: self.signature_cache(),
        }
    }

    /// Plain RFC 5280 §6.1 path validation of `certificate` under this verifier's
    /// store — **no** trust-list recognition: a leaf whose service a list withdrew, or
    /// whose list this relying party does not accept, still validates here (use
    /// [`Verifier::verify_certificate`] for the question `verify_cms` asks of a
    /// signer). `options` supply the time, purpose and policy inputs; the relying-party
    /// policy's algorithm floor and path-length limit apply on top (the stricter wins).
    /// Revocation: the verifier's sources are consulted besides
    /// `options.revocation.sources`, and the policy's mode and skew apply unless
    /// `options.revocation` sets them. Only `intermediates` are candidate issuers (not
    /// the lists' issuing CAs); one that does not parse is skipped.
    ///
    /// # Errors
    /// The path error ([`ErrorCategory::Refused`](crate::ErrorCategory::Refused):
    /// [`Error::UnknownIssuer`], [`Error::CertificateExpired`],
    /// [`Error::NameConstraintViolation`], [`Error::CertificateRevoked`], … every rule of
    /// RFC 5280 §6.1 has its variant), or a `certificate` that is not a certificate
    /// baytrust reads ([`Error::CertificateMalformed`] and the profile rules).
    pub fn verify_chain_rfc5280(
        &self,
        certificate: &CertificateDer,
        intermediates: &[CertificateDer],
        options: &ChainOptions<'_>,
    ) -> Result<ValidatedPath, Error> {
        let leaf = certificate.parse()?;
        let pool: Vec<Certificate<'_>> = intermediates
            .iter()
            .filter_map(|der| der.parse().ok())
            .collect();
        let chain = self.verify_chain(&leaf, &pool, options)?;
        Ok(ValidatedPath {
            chain: CertificateRef::chain(&chain),
            anchor_jurisdiction: chain.anchor_jurisdiction(),
            authorities_constrained_policy_set: chain.authorities_constrained_policy_set,
            user_constrained_policy_set: chain.user_constrained_policy_set,
        })
    }

    internal_pub! {
        /// Path validation under this verifier's store; `options` supply the time, purpose
        /// and policy inputs; the relying-party policy's algorithm floor and path-length
        /// limit are applied on top (the stricter wins). Revocation: the verifier's sources
        /// are consulted besides `options.revocation.sources`, and the policy's mode and
        /// skew apply unless `options.revocation` sets them; a revoked certificate, or under
        /// `require` one without status, is an error ([`revocation_verdict`]).
        pub fn verify_chain<'c>(
            &'c self,
            leaf: &'c Certificate<'c>,
            intermediates: &'c [Certificate<'c>],
            options: &ChainOptions<'_>,
        ) -> Result<VerifiedChain<'c>, Error> {
            let (chain, verdict) = self.verify_chain_and_revocation(leaf, intermediates, options)?;
            verdict?;
            Ok(chain)
        }

    }

    internal_pub! {
        /// [`Verifier::verify_chain`], with the path kept when revocation refuses it: the
        /// validated path (its statuses in [`VerifiedChain::revocation`]) and the
        /// revocation verdict on it, for reports that show the statuses of a refused path.
        pub fn verify_chain_and_revocation<'c>(
            &'c self,
            leaf: &'c Certificate<'c>,
            intermediates: &'c [Certificate<'c>],
            options: &ChainOptions<'_>,
        ) -> Result<(VerifiedChain<'c>, Result<(), Error>), Error> {
            let mut budget = BudgetLeft::new(options.budget);
            let chain = self.verify_chain_with_budget(leaf, intermediates, options, &mut budget)?;
            let verdict = revocation_verdict(
                &chain.revocation,
                self.revocation_mode(options),
                options.revocation.proven_signing_time,
            );
            Ok((chain, verdict))
        }
    }

    /// The revocation mode of a call: its own, else the policy's.
    fn revocation_mode(&self, options: &ChainOptions<'_>) -> RevocationMode {
        options
            .revocation
            .mode
            .unwrap_or(self.policy.revocation_mode)
    }

    /// [`Verifier::verify_chain`] spending `budget` (shared by the signers of one
    /// signature) instead of `options.budget`.
    fn verify_chain_with_budget<'c>(
        &'c self,
        leaf: &'c Certificate<'c>,
        intermediates: &'c [Certificate<'c>],
        options: &ChainOptions<'_>,
        budget: &mut BudgetLeft,
    ) -> Result<VerifiedChain<'c>, Error> {
        let mut options = options.clone();
        options.algorithm_policy.min_rsa_bits = options
            .algorithm_policy
            .min_rsa_bits
            .max(self.policy.min_rsa_bits);
        options.max_path_len = options.max_path_len.min(self.policy.max_path_len);
        if let Some(cache) = self.signature_cache() {
            options.algorithm_policy.signature_cache = Some(cache);
        }
        options.revocation.mode = Some(self.revocation_mode(&options));
        if options.revocation.skew_seconds == 0 {
            options.revocation.skew_seconds = self.policy.revocation_skew_seconds;
        }
        options
            .revocation
            .sources
            .insert(0, &self.revocation_sources);
        verify_chain_with_budget(&self.store, leaf, intermediates, &options, budget)
    }

    /// Validates `certificate`'s path as [`Verifier::verify_cms`] validates a signer's:
    /// RFC 5280 under this verifier's store and policy (clamped as in
    /// `Verifier::verify_chain`), the trust lists' issuing CAs offered as
    /// intermediates before `intermediates`, revocation, then — when lists are loaded —
    /// recognition by a list this relying party accepts, and the legal entity the
    /// certificate names. `options` give the time, purpose and RFC 5280 policy inputs.
    /// A path that does not validate or is not recognised is an `Ok` [`ChainReport`]
    /// with `valid: false`, its indication, sub-indication and `error_kind`. An
    /// intermediate that does not parse is not a candidate issuer and is skipped.
    ///
    /// # Errors
    /// Only when `certificate` is not a certificate baytrust accepts to read
    /// ([`ErrorCategory::Input`](crate::ErrorCategory::Input)):
    /// [`Error::CertificateMalformed`], [`Error::TrailingData`],
    /// [`Error::DuplicateExtension`], [`Error::ExtensionMalformed`] and the certificate
    /// profile rules ([`Error::CertificateVersionUnknown`], [`Error::SerialNumberTooLong`],
    /// [`Error::SanDnsNameInvalid`], …).
    pub fn verify_certificate(
        &self,
        certificate: &CertificateDer,
        intermediates: &[CertificateDer],
        options: &ChainOptions<'_>,
    ) -> Result<ChainReport, Error> {
        let leaf = certificate.parse()?;
        let mut seen: HashSet<&[u8]> = HashSet::new();
        seen.insert(certificate.as_ref());
        let pool: Vec<Certificate<'_>> = self
            .store
            .listed_intermediates()
            .iter()
            .chain(intermediates)
            .filter(|&der| seen.insert(der.as_ref()))
            .filter_map(|der| der.parse().ok())
            .collect();
        let revocation_mode = self.revocation_mode(options);
        // What the certificate claims, read once: a conflict refuses it below; without
        // trust lists the claim is the entity shown.
        let claimed = IdentityProfile::entity_from_certificate(&leaf);
        let (identity_conflict, claimed) = match claimed {
            Err(error) if error.is_identity_conflict() => (Some(error), None),
            Err(_) => (None, None),
            Ok(entity) => (None, entity),
        };
        let (chain, verdict) = match self.verify_chain_and_revocation(&leaf, &pool, options) {
            Ok(found) => found,
            Err(error) => {
                return Ok(ChainReport::refused(
                    revocation_mode,
                    SubIndication::of_chain_error(&error),
                    error.kind(),
                    error.to_string(),
                ))
            }
        };
        let entries = CertificateRef::chain(&chain);
        let refused = |sub_indication: SubIndication, kind: &'static str, error: String| {
            let mut report = ChainReport::refused(revocation_mode, sub_indication, kind, error);
            report.anchor_jurisdiction = Some(chain.anchor_jurisdiction());
            report.chain = entries.clone();
            report
        };
        if let Err(error) = verdict {
            return Ok(refused(
                SubIndication::of_chain_error(&error),
                error.kind(),
                error.to_string(),
            ));
        }
        let proven = options.revocation.proven_signing_time;
        let (recognition, entity) = match self.recognise(&chain, options.time, proven) {
            None => match identity_conflict {
                Some(conflict) => {
                    return Ok(refused(
                        SubIndication::ChainConstraintsFailure,
                        conflict.kind(),
                        format!("the certificate names no single legal entity: {conflict}"),
                    ))
                }
                None => (None, claimed),
            },
            Some(Ok(recognised)) => (Some(recognised.recognition), Some(recognised.entity)),
            Some(Err(not)) => {
                let kind = match not.sub_indication {
                    _ if not.identity_conflict => "IdentityConflict",
                    SubIndication::NotRecognisedNoPoe => "NotRecognisedNoPoe",
                    SubIndication::TryLater => "TryLater",
                    _ => "NotRecognised",
                };
                let mut report = refused(
                    not.sub_indication,
                    kind,
                    format!("not recognised: {}", not.rule),
                );
                report.claimed_entity = not.claimed_entity;
                return Ok(report);
            }
        };
        Ok(ChainReport {
            valid: true,
            indication: Indication::TotalPassed,
            sub_indication: None,
            revocation_mode,
            error_kind: None,
            error: None,
            anchor_jurisdiction: Some(chain.anchor_jurisdiction()),
            chain: entries,
            user_constrained_policy_set: Some(chain.user_constrained_policy_set.clone()),
            recognition,
            entity,
            claimed_entity: None,
        })
    }

    /// [`Verifier::verify_cms`] of a signature that encapsulates its content, at `time`
    /// with no extra certificates or proven signing time.
    pub fn verify_attached(&self, signature: &[u8], time: Time) -> Result<Report, Error> {
        self.verify_cms(signature, Content::Attached, &SignatureOptions::new(time))
    }

    /// [`Verifier::verify_cms`] of a detached signature over `content` held in memory,
    /// at `time` with no extra certificates or proven signing time. For content too
    /// large to hold, stream it with [`Content::Detached`].
    pub fn verify_detached(
        &self,
        signature: &[u8],
        content: &[u8],
        time: Time,
    ) -> Result<Report, Error> {
        self.verify_cms_from(
            signature,
            ContentSource::InMemory(content),
            &SignatureOptions::new(time),
        )
    }

    /// Verifies a CMS SignedData signature (DER, BER or PEM) over `content`: every
    /// signer's attributes and signature, then its certificate's path (purpose: signing)
    /// at `options.time`, revocation, and — when lists are loaded — recognition and the
    /// signer's legal entity. A signature that does not hold is an `Ok` [`Report`] with
    /// `TOTAL_FAILED` or `INDETERMINATE` and a sub-indication; every rule a signer breaks
    /// (path, revocation, recognition, attributes, algorithms) lands there, not in `Err`.
    ///
    /// # Errors
    /// Only for input that is not a usable signature at all, or content that cannot be
    /// read:
    /// - not a signature ([`ErrorCategory::Input`](crate::ErrorCategory::Input)):
    ///   [`Error::EmptyInput`], [`Error::UnrecognisedEncoding`], [`Error::PemMalformed`],
    ///   [`Error::PemWrongLabel`], [`Error::CmsMalformed`], [`Error::CmsNotSignedData`],
    ///   [`Error::CmsSignedAndEnvelopedData`], [`Error::SignerInfoVersionMismatch`],
    ///   [`Error::CmsNoSigners`] (a certificates-only SignedData);
    /// - a digest algorithm no signer could be checked under:
    ///   [`Error::UnsupportedDigestAlgorithm`], [`Error::Sha1Refused`],
    ///   [`Error::Md5Refused`];
    /// - the caps ([`ErrorCategory::Refused`](crate::ErrorCategory::Refused)):
    ///   [`Error::TooManySigners`], [`Error::TooManyCertificates`];
    /// - content: [`Error::CmsContentMissing`] (`Attached` but none encapsulated),
    ///   [`Error::CmsContentTwice`] (`Detached` but content encapsulated),
    ///   [`Error::ContentUnreadable`] (the reader failed;
    ///   [`ErrorCategory::Internal`](crate::ErrorCategory::Internal)).
    ///
    /// The work is bounded whatever the input: the certificates are parsed and indexed
    /// once for all signers; all signers' path searches share one budget
    /// ([`RelyingPartyPolicy::signature_budget`]); and the path of each distinct signer
    /// certificate is built once per call, so many signers with one certificate cost one
    /// path.
    pub fn verify_cms(
        &self,
        signature: &[u8],
        content: Content<'_>,
        options: &SignatureOptions,
    ) -> Result<Report, Error> {
        let source = match content {
            Content::Attached => ContentSource::Attached,
            Content::Detached(reader) => ContentSource::Reader(reader),
        };
        self.verify_cms_from(signature, source, options)
    }

    /// [`Verifier::verify_cms`] with detached content either streamed or already in
    /// memory; in memory it is hashed in place and, for signers without signed
    /// attributes, used in place (under the same [`RelyingPartyPolicy::max_kept_content`]
    /// cap as a streamed copy, so the reports are the same).
    pub(crate) fn verify_cms_from(
        &self,
        signature: &[u8],
        content: ContentSource<'_, '_>,
        options: &SignatureOptions,
    ) -> Result<Report, Error> {
        let signed_data = CmsSignedData::parse(signature)?;
        if signed_data.signers().is_empty() {
            return Err(Error::CmsNoSigners {
                certificates: signed_data.certificates().len(),
            });
        }
        let mut digests = ContentDigests::new(&signed_data.digest_algorithms());
        // A signer without signed attributes signs the content itself, and the
        // verification backends need those bytes, not a digest: keep a bounded copy of
        // detached content only then.
        let keep_content = signed_data
            .signers()
            .iter()
            .any(|signer| signer.signed_attributes().is_none());
        let mut kept: Option<Vec<u8>> = None;
        let mut in_memory: Option<&[u8]> = None;
        match (content, signed_data.encapsulated_content()) {
            (ContentSource::Attached, Some(encapsulated)) => digests.update(encapsulated),
            (ContentSource::Attached, None) => return Err(Error::CmsContentMissing),
            (ContentSource::Reader(_) | ContentSource::InMemory(_), Some(_)) => {
                return Err(Error::CmsContentTwice)
            }
            (ContentSource::InMemory(bytes), None) => {
                digests.update(bytes);
                in_memory =
                    (keep_content && bytes.len() <= self.policy.max_kept_content).then_some(bytes);
            }
            (ContentSource::Reader(reader), None) => {
                let mut copy = KeptContent::new(keep_content, self.policy.max_kept_content);
                let mut tee = TeeReader {
                    inner: reader,
                    copy: &mut copy,
                };
                digests
                    .update_from(&mut tee)
                    .map_err(|e| Error::ContentUnreadable {
                        reason: e.to_string(),
                    })?;
                kept = copy.into_bytes();
            }
        }
        let content_bytes: Result<&[u8], Error> = signed_data
            .encapsulated_content()
            .or(kept.as_deref())
            .or(in_memory)
            .ok_or(Error::DetachedContentTooLarge {
                max: self.policy.max_kept_content,
            });
        let digests = digests.finish();
        // Every certificate parsed once for all signers, identical copies once (each
        // copy would otherwise be one more candidate issuer to try): the signature's and
        // the caller's, which signers may name (indexed; those the strict certificate
        // rules refuse are kept aside, so that a signer naming one is told why), and the
        // store's listed issuing CAs, which only paths use.
        let mut seen: HashSet<&[u8]> = HashSet::new();
        // The path pool puts the issuing CAs the trust lists name first, the
        // signature's certificates after them: the builder tries same-named candidates
        // in pool order (after those whose key identifier matches, a stable sort), so
        // decoys with a listed CA's name and key identifier placed ahead of it in the
        // signature cannot spend the budget before the listed CA is tried (a copy of a
        // listed CA in the signature is dropped by the builder, which keeps the first of
        // identical certificates). The signer's own certificate in the pool is harmless:
        // the builder never puts a name and key on a path twice.
        let mut pool: Vec<Certificate<'_>> = self
            .store
            .listed_intermediates()
            .iter()
            .filter_map(|der| der.parse().ok())
            .collect();
        let listed = pool.len();
        let mut refused: Vec<(&[u8], Error)> = Vec::new();
        for der in signed_data
            .certificates()
            .iter()
            .chain(&options.extra_certificates)
            .filter(|&der| seen.insert(der.as_ref()))
        {
            match der.parse() {
                Ok(certificate) => pool.push(certificate),
                Err(error) => refused.push((der.as_ref(), error)),
            }
        }
        let refused_subjects = refused_subjects(&refused);
        // Signers may name only the signature's and the caller's certificates.
        let mut signer_candidates = SignerCertificates::new(pool.get(listed..).unwrap_or_default());
        for (der, error) in refused {
            signer_candidates.refused(der, error);
        }
        // The signature's own CRLs and OCSP responses serve its signers; one that does
        // not parse is skipped (it is evidence of nothing).
        let mut embedded = RevocationSources::new();
        for choice in signed_data.revocation_info_choices() {
            let _ = embedded.add_revocation_info_choice(choice);
        }
        let signature = SignatureContext {
            pool: &pool,
            candidates: pool.get(listed..).unwrap_or_default(),
            embedded: &embedded,
            refused_subjects: &refused_subjects,
        };
        let algorithm_policy = self.algorithm_policy();
        let mut budget = BudgetLeft::new(self.policy.signature_budget);
        let mut paths: HashMap<Vec<u8>, PathVerdict> = HashMap::new();
        let signers = signed_data
            .signers()
            .iter()
            .map(|signer| {
                let check = check_signer_indexed(
                    &signed_data,
                    signer,
                    &signer_candidates,
                    &digests,
                    content_bytes.clone(),
                    &algorithm_policy,
                );
                self.signer_report(&signature, check, options, &mut budget, &mut paths)
            })
            .collect();
        Ok(Report::from_signers(options.time, signers))
    }

    /// Turns one signer's cryptographic check into its report, validating the path of
    /// a signer whose signature holds — or taking it from `paths` when an earlier
    /// signer of the signature had the same certificate.
    fn signer_report(
        &self,
        signature: &SignatureContext<'_, '_>,
        check: SignerCheck,
        options: &SignatureOptions,
        budget: &mut BudgetLeft,
        paths: &mut HashMap<Vec<u8>, PathVerdict>,
    ) -> SignerReport {
        // The signer's certificate as parsed for the whole signature; parsed here only
        // for a check that did not say which candidate it was.
        let parsed: Option<Certificate<'_>>;
        let signer_certificate: Option<&Certificate<'_>> =
            match check.signer_index.and_then(|i| signature.candidates.get(i)) {
                Some(certificate) => Some(certificate),
                None => {
                    parsed = check
                        .signer_certificate
                        .as_ref()
                        .and_then(|der| der.parse().ok());
                    parsed.as_ref()
                }
            };
        // What the certificate claims, read by the built-in profiles: validated only if
        // every check passes (`SignerReport::fail` turns it into a claim otherwise). A
        // certificate whose identity fields contradict each other names no single legal
        // entity: it shows none, not even as a claim, and cannot pass (issue 8 §3).
        let claimed = signer_certificate
            .map(IdentityProfile::entity_from_certificate)
            .transpose();
        let (entity, identity_conflict) = match claimed {
            Ok(entity) => (entity.flatten(), None),
            Err(error) if error.is_identity_conflict() => (None, Some(error)),
            Err(_) => (None, None),
        };
        let mut report = SignerReport {
            indication: Indication::TotalPassed,
            sub_indication: None,
            reason: "the signature and the signer's certificate path are valid".to_owned(),
            entity_validated: entity.is_some(),
            entity,
            claimed_entity: None,
            certificate: signer_certificate.map(CertificateRef::of),
            chain: Vec::new(),
            claimed_signing_time: check.claimed_signing_time,
            signing_time_offset_normalised: check.signing_time_offset_normalised,
            digest_algorithm: check.digest_algorithm,
            signature_algorithm: check.signature_algorithm,
            recognition: None,
        };
        let signer_certificate = match (check.outcome, signer_certificate) {
            (Err(failure), _) => {
                report.fail(
                    SubIndication::of_signer_failure(&failure),
                    failure.to_string(),
                );
                return report;
            }
            (Ok(()), None) => {
                report.fail(
                    SubIndication::NoSigningCertificateFound,
                    "the signer's certificate could not be read".to_owned(),
                );
                return report;
            }
            (Ok(()), Some(certificate)) => certificate,
        };
        let verdict = match paths.get(signer_certificate.der()) {
            Some(known) => known.clone(),
            None => {
                let verdict = self.path_verdict(
                    signer_certificate,
                    identity_conflict.as_ref(),
                    signature.pool,
                    options,
                    signature.embedded,
                    budget,
                );
                paths.insert(signer_certificate.der().to_vec(), verdict.clone());
                verdict
            }
        };
        verdict.apply(&mut report);
        note_refused_issuer(&mut report, signer_certificate, signature.refused_subjects);
        report
    }

    /// Validates the path of a signer's certificate and applies the trust lists;
    /// `identity_conflict` is the contradiction among its identity fields, if any.
    fn path_verdict(
        &self,
        signer_certificate: &Certificate<'_>,
        identity_conflict: Option<&Error>,
        pool: &[Certificate<'_>],
        options: &SignatureOptions,
        embedded: &RevocationSources,
        budget: &mut BudgetLeft,
    ) -> PathVerdict {
        let mut verdict = PathVerdict::default();
        let mut chain_options = ChainOptions::new(options.time);
        chain_options.purpose = Purpose::Sign;
        chain_options.revocation.mode = options.revocation;
        chain_options.revocation.proven_signing_time = options.proven_signing_time;
        chain_options.revocation.sources = vec![&options.revocation_sources, embedded];
        match self.verify_chain_with_budget(signer_certificate, pool, &chain_options, budget) {
            Ok(chain) => {
                verdict.chain = CertificateRef::chain(&chain);
                let mode = self.revocation_mode(&chain_options);
                if let Err(error) =
                    revocation_verdict(&chain.revocation, mode, options.proven_signing_time)
                {
                    verdict.failure = Some((
                        SubIndication::of_chain_error(&error),
                        format!("signer's certificate path: {error}"),
                    ));
                    return verdict;
                }
                match self.recognise(&chain, options.time, options.proven_signing_time) {
                    None => {
                        if let Some(conflict) = identity_conflict {
                            verdict.identity_conflict = true;
                            verdict.failure = Some((
                                SubIndication::ChainConstraintsFailure,
                                format!(
                                    "signer's certificate names no single legal entity: {conflict}"
                                ),
                            ));
                        }
                    }
                    Some(Ok(recognised)) => {
                        verdict.reason = Some(format!(
                            "the signature and path are valid and recognised by {} trust list #{} ({})",
                            recognised.recognition.jurisdiction,
                            recognised.recognition.trust_list_sequence,
                            recognised.recognition.service
                        ));
                        verdict.recognition = Some(recognised.recognition);
                        verdict.entity = Some(recognised.entity);
                    }
                    Some(Err(not)) => {
                        verdict.identity_conflict = not.identity_conflict;
                        verdict.claimed_entity = not.claimed_entity;
                        verdict.failure =
                            Some((not.sub_indication, format!("not recognised: {}", not.rule)))
                    }
                }
            }
            Err(error) => {
                verdict.failure = Some((
                    SubIndication::of_chain_error(&error),
                    format!("signer's certificate path: {error}"),
                ));
            }
        }
        verdict
    }
}

/// Where [`Verifier::verify_cms_from`] finds the signed content.
pub(crate) enum ContentSource<'a, 'r> {
    /// Encapsulated in the SignedData.
    Attached,
    /// Detached, streamed from a reader.
    Reader(&'a mut (dyn Read + 'r)),
    /// Detached, already in memory.
    InMemory(&'a [u8]),
}

/// What all signers of one signature share: the path pool (listed CAs first, then the
/// signature's and the caller's certificates), the signature's own revocation data, and
/// the subjects of the certificates the strict rules refused.
struct SignatureContext<'p, 'c> {
    pool: &'p [Certificate<'c>],
    /// The part of `pool` signers may name: the [`SignerCertificates`] the checks
    /// index into.
    candidates: &'p [Certificate<'c>],
    embedded: &'p RevocationSources,
    refused_subjects: &'p [(ComparableName, Error)],
}

/// The outcome of one signer certificate's path and recognition, kept for the other
/// signers of the signature with the same certificate.
#[derive(Debug, Clone, Default)]
struct PathVerdict {
    chain: Vec<CertificateRef>,
    recognition: Option<Recognition>,
    entity: Option<LegalEntity>,
    /// The certificate's identity fields contradict each other: no entity is shown,
    /// not even as a claim.
    identity_conflict: bool,
    /// What the listing service's profile reads from a signer it did not recognise.
    claimed_entity: Option<LegalEntity>,
    reason: Option<String>,
    failure: Option<(SubIndication, String)>,
}

impl PathVerdict {
    fn apply(self, report: &mut SignerReport) {
        report.chain = self.chain;
        if let Some(reason) = self.reason {
            report.reason = reason;
        }
        if self.recognition.is_some() {
            report.recognition = self.recognition;
        }
        if self.entity.is_some() {
            report.entity = self.entity;
            report.entity_validated = true;
        }
        if self.identity_conflict {
            report.entity = None;
            report.claimed_entity = None;
        } else if self.claimed_entity.is_some() {
            // The claim as the listing service's profile reads it; else the built-in
            // reading, which `fail` keeps as the claim.
            report.entity = None;
            report.claimed_entity = self.claimed_entity;
        }
        if let Some((sub_indication, reason)) = self.failure {
            report.fail(sub_indication, reason);
        }
    }
}

/// The default [`RelyingPartyPolicy::max_kept_content`]: 64 MiB of detached content
/// kept in memory for signers without signed attributes; beyond it such signers are
/// reported as unverifiable rather than letting memory grow with the content.
pub const DEFAULT_MAX_KEPT_CONTENT: usize = 64 * 1024 * 1024;

/// A copy of detached content, kept only while it is wanted and within `max` bytes.
struct KeptContent {
    bytes: Option<Vec<u8>>,
    max: usize,
}

impl KeptContent {
    fn new(wanted: bool, max: usize) -> Self {
        Self {
            bytes: wanted.then(Vec::new),
            max,
        }
    }

    fn extend(&mut self, data: &[u8]) {
        if let Some(bytes) = &mut self.bytes {
            if bytes.len().saturating_add(data.len()) > self.max {
                self.bytes = None;
            } else {
                bytes.extend_from_slice(data);
            }
        }
    }

    fn into_bytes(self) -> Option<Vec<u8>> {
        self.bytes
    }
}

/// Reads from `inner`, copying what it reads into `copy`.
struct TeeReader<'a, 'r> {
    inner: &'a mut (dyn Read + 'r),
    copy: &'a mut KeptContent,
}

impl Read for TeeReader<'_, '_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.copy.extend(buffer.get(..read).unwrap_or_default());
        Ok(read)
    }
}

/// The subject of each certificate the strict certificate rules refused, with why, for
/// [`note_refused_issuer`] (those whose subject cannot be read are left out).
fn refused_subjects(refused: &[(&[u8], Error)]) -> Vec<(ComparableName, Error)> {
    refused
        .iter()
        .filter_map(|(der, error)| {
            let raw = read_identifiers(der)?;
            let (_, subject) = X509Name::from_der(raw.subject).ok()?;
            Some((ComparableName::of(&subject), error.clone()))
        })
        .collect()
}

/// When a signer's path found no issuer for its own certificate
/// ([`Error::UnknownIssuer`] at depth 0) and the signature carried a certificate with
/// that issuer's name which the strict certificate rules refused, says so in the
/// reason: the issuer is there but broken, not missing.
fn note_refused_issuer(
    report: &mut SignerReport,
    signer_certificate: &Certificate<'_>,
    refused: &[(ComparableName, Error)],
) {
    if refused.is_empty()
        || report.sub_indication != Some(SubIndication::NoCertificateChainFound)
        || !report
            .reason
            .ends_with(&Error::UnknownIssuer { depth: 0 }.to_string())
    {
        return;
    }
    // The issuer's name is prepared only here, for the rare report that needs it.
    let issuer = ComparableName::of(signer_certificate.issuer());
    if let Some((_, error)) = refused.iter().find(|(subject, _)| *subject == issuer) {
        report.reason.push_str(&format!(
            "; a certificate with the issuer's name in the signature was refused: {error}"
        ));
    }
}
