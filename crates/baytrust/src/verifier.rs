//! `Verifier`: the engine a relying party builds once — trust store plus relying-party
//! policy — and shares across threads. Every call takes its validation time.

use std::collections::BTreeSet;
use std::io::Read;

use crate::algorithm::{AlgorithmPolicy, DEFAULT_MIN_RSA_BITS, DEFAULT_SM2_SIGNER_ID};
use crate::cert::{Certificate, CertificateDer};
use crate::cms::{check_signer, ContentDigests, SignedData, SignerCheck, SignerFailure};
use crate::identity::{IdentityProfile, Jurisdiction};
use crate::path::{verify_chain, ChainOptions, Purpose, VerifiedChain};
use crate::recognition::{recognise, NotRecognised, Recognised};
use crate::report::{CertificateRef, Indication, Report, SignerReport, SubIndication};
use crate::trust::TrustStore;
use crate::{Error, Time};

/// What the relying party demands of every path and signature, whatever the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelyingPartyPolicy {
    /// RSA keys below this many bits are refused (NIST SP 800-131A: 2048).
    pub min_rsa_bits: usize,
    /// Most certificates a path may hold, end entity included, anchor excluded.
    pub max_path_len: usize,
    /// The SM2 signer ID assumed for SM2 signatures (GM/T 0009 default
    /// `1234567812345678`).
    pub sm2_signer_id: Vec<u8>,
    /// The relying party's own jurisdiction: its list is always accepted.
    pub home: Option<Jurisdiction>,
    /// The jurisdictions whose trust lists it accepts (besides `home`); `None` accepts
    /// every list loaded in the store. The scheme is directional: accepting HK's list
    /// says nothing about whether HK accepts yours.
    pub accepted_lists: Option<BTreeSet<Jurisdiction>>,
}

impl Default for RelyingPartyPolicy {
    fn default() -> Self {
        Self {
            min_rsa_bits: DEFAULT_MIN_RSA_BITS,
            max_path_len: 10,
            sm2_signer_id: DEFAULT_SM2_SIGNER_ID.to_vec(),
            home: None,
            accepted_lists: None,
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
}

impl SignatureOptions {
    /// Options validating at `time` with no extra certificates and no proven signing
    /// time.
    pub fn new(time: Time) -> Self {
        Self {
            time,
            extra_certificates: Vec::new(),
            proven_signing_time: None,
        }
    }
}

/// The relying party's verifier: immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Verifier {
    store: TrustStore,
    policy: RelyingPartyPolicy,
}

impl Verifier {
    /// A verifier trusting `store` under `policy`.
    pub fn new(store: TrustStore, policy: RelyingPartyPolicy) -> Self {
        Self { store, policy }
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

    /// Applies the trust lists' recognition rules to a validated chain at the
    /// validation time `time`, reading service status at `proven_signing_time` when
    /// the signature is proven to have existed then ([`recognise`]); `None` when the
    /// store holds no trust list (plain anchors).
    pub fn recognise(
        &self,
        chain: &VerifiedChain<'_>,
        time: Time,
        proven_signing_time: Option<Time>,
    ) -> Option<Result<Recognised, NotRecognised>> {
        recognise(
            &self.store,
            &self.accepted_jurisdictions(),
            chain,
            time,
            proven_signing_time,
        )
    }

    fn algorithm_policy(&self) -> AlgorithmPolicy<'_> {
        AlgorithmPolicy {
            sm2_signer_id: &self.policy.sm2_signer_id,
            min_rsa_bits: self.policy.min_rsa_bits,
        }
    }

    /// Path validation under this verifier's store; `options` supply the time, purpose
    /// and policy inputs; the relying-party policy's algorithm floor and path-length
    /// limit are applied on top (the stricter wins).
    pub fn verify_chain<'c>(
        &'c self,
        leaf: &'c Certificate<'c>,
        intermediates: &'c [Certificate<'c>],
        options: &ChainOptions<'_>,
    ) -> Result<VerifiedChain<'c>, Error> {
        let mut options = options.clone();
        options.algorithm_policy.min_rsa_bits = options
            .algorithm_policy
            .min_rsa_bits
            .max(self.policy.min_rsa_bits);
        options.max_path_len = options.max_path_len.min(self.policy.max_path_len);
        verify_chain(&self.store, leaf, intermediates, &options)
    }

    /// Verifies a CMS SignedData signature (DER, BER or PEM) over `content`: every
    /// signer's attributes and signature, then its certificate's path (purpose: signing)
    /// at `options.time`. A signature that does not hold is a [`Report`] with
    /// `TOTAL_FAILED` or `INDETERMINATE`; `Err` only for input that is not a usable
    /// signature at all, or detached content that cannot be read.
    pub fn verify_cms(
        &self,
        signature: &[u8],
        content: Content<'_>,
        options: &SignatureOptions,
    ) -> Result<Report, Error> {
        let signed_data = SignedData::parse(signature)?;
        let mut digests = ContentDigests::new(&signed_data.digest_algorithms());
        // A signer without signed attributes signs the content itself, and the
        // verification backends need those bytes, not a digest: keep a bounded copy of
        // detached content only then.
        let keep_content = signed_data
            .signers()
            .iter()
            .any(|signer| signer.signed_attributes().is_none());
        let mut kept: Option<Vec<u8>> = None;
        match (content, signed_data.encapsulated_content()) {
            (Content::Attached, Some(encapsulated)) => digests.update(encapsulated),
            (Content::Attached, None) => return Err(Error::CmsContentMissing),
            (Content::Detached(_), Some(_)) => return Err(Error::CmsContentTwice),
            (Content::Detached(reader), None) => {
                let mut copy = KeptContent::new(keep_content);
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
        let content_bytes: Option<&[u8]> = signed_data.encapsulated_content().or(kept.as_deref());
        let digests = digests.finish();
        // The untrusted certificates every signer's path may use, parsed once for all
        // signers (the signer's own certificate among them is harmless: the builder
        // never puts a name and key on a path twice).
        let pool: Vec<Certificate<'_>> = signed_data
            .certificates()
            .iter()
            .chain(&options.extra_certificates)
            .chain(self.store.listed_intermediates())
            .filter_map(|der| der.parse().ok())
            .collect();
        let algorithm_policy = self.algorithm_policy();
        let signers = signed_data
            .signers()
            .iter()
            .map(|signer| {
                let check = check_signer(
                    &signed_data,
                    signer,
                    &options.extra_certificates,
                    &digests,
                    content_bytes,
                    &algorithm_policy,
                );
                self.signer_report(&pool, check, options)
            })
            .collect();
        Ok(Report::from_signers(options.time, signers))
    }

    /// Turns one signer's cryptographic check into its report, validating the path of
    /// a signer whose signature holds.
    fn signer_report(
        &self,
        pool: &[Certificate<'_>],
        check: SignerCheck,
        options: &SignatureOptions,
    ) -> SignerReport {
        let signer_certificate = check
            .signer_certificate
            .as_ref()
            .and_then(|der| der.parse().ok());
        // What the certificate claims, read by the built-in profiles: validated only if
        // every check passes (`SignerReport::fail` turns it into a claim otherwise). A
        // certificate whose identity fields contradict each other names no single legal
        // entity: it shows none, not even as a claim, and cannot pass (issue 8 §3).
        let claimed_entity = signer_certificate
            .as_ref()
            .map(IdentityProfile::entity_from_certificate)
            .transpose();
        let identity_conflict = match &claimed_entity {
            Err(error) if error.is_identity_conflict() => Some(error.clone()),
            _ => None,
        };
        let entity = claimed_entity.ok().flatten().flatten();
        let mut report = SignerReport {
            indication: Indication::TotalPassed,
            sub_indication: None,
            reason: "the signature and the signer's certificate path are valid".to_owned(),
            entity_validated: entity.is_some(),
            entity,
            claimed_entity: None,
            certificate: signer_certificate.as_ref().map(CertificateRef::of),
            chain: Vec::new(),
            claimed_signing_time: check.claimed_signing_time,
            digest_algorithm: check.digest_algorithm,
            signature_algorithm: check.signature_algorithm,
            recognition: None,
        };
        let signer_certificate = match (check.outcome, signer_certificate) {
            (Err(failure), _) => {
                let (sub_indication, reason) = describe_failure(failure);
                report.fail(sub_indication, reason);
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
        let mut chain_options = ChainOptions::new(options.time);
        chain_options.purpose = Purpose::Sign;
        match self.verify_chain(&signer_certificate, pool, &chain_options) {
            Ok(chain) => {
                report.chain = chain
                    .certificates
                    .iter()
                    .map(|c| CertificateRef::of(c))
                    .collect();
                if let Ok(anchor) = Certificate::from_der(chain.anchor.der()) {
                    report.chain.push(CertificateRef::of(&anchor));
                }
                match self.recognise(&chain, options.time, options.proven_signing_time) {
                    None => {
                        if let Some(conflict) = identity_conflict {
                            report.fail(
                                SubIndication::ChainConstraintsFailure,
                                format!(
                                    "signer's certificate names no single legal entity: {conflict}"
                                ),
                            );
                        }
                    }
                    Some(Ok(recognised)) => {
                        report.reason = format!(
                            "the signature and path are valid and recognised by {} trust list #{} ({})",
                            recognised.recognition.jurisdiction,
                            recognised.recognition.trust_list_sequence,
                            recognised.recognition.service
                        );
                        report.recognition = Some(recognised.recognition);
                        report.entity = Some(recognised.entity);
                        report.entity_validated = true;
                    }
                    Some(Err(not)) => {
                        if not.identity_conflict {
                            report.entity = None;
                            report.claimed_entity = None;
                        } else if not.claimed_entity.is_some() {
                            // The claim as the listing service's profile reads it, if it
                            // reads one; else the built-in reading.
                            report.entity = None;
                            report.claimed_entity = not.claimed_entity;
                        }
                        report.fail(not.sub_indication, format!("not recognised: {}", not.rule))
                    }
                }
            }
            Err(error) => {
                report.fail(
                    SubIndication::of_chain_error(&error),
                    format!("signer's certificate path: {error}"),
                );
            }
        }
        report
    }
}

/// Most detached content kept in memory for signers without signed attributes
/// (64 MiB); beyond it such signers are reported as unverifiable rather than letting
/// memory grow with the content.
const MAX_KEPT_CONTENT: usize = 64 * 1024 * 1024;

/// A copy of detached content, kept only while it is wanted and within
/// [`MAX_KEPT_CONTENT`].
struct KeptContent {
    bytes: Option<Vec<u8>>,
}

impl KeptContent {
    fn new(wanted: bool) -> Self {
        Self {
            bytes: wanted.then(Vec::new),
        }
    }

    fn extend(&mut self, data: &[u8]) {
        if let Some(bytes) = &mut self.bytes {
            if bytes.len() + data.len() > MAX_KEPT_CONTENT {
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

/// The sub-indication and sentence for a signer whose own checks failed.
fn describe_failure(failure: SignerFailure) -> (SubIndication, String) {
    match failure {
        SignerFailure::CryptoConstraints(error) => (
            SubIndication::CryptoConstraintsFailure,
            format!("refused algorithm: {error}"),
        ),
        SignerFailure::NoSigningCertificate => (
            SubIndication::NoSigningCertificateFound,
            "no certificate in the signature or supplied matches the signer identifier".to_owned(),
        ),
        SignerFailure::SigningCertificateMismatch => (
            SubIndication::NoSigningCertificateFound,
            "the signingCertificateV2 attribute does not name the signer's certificate".to_owned(),
        ),
        SignerFailure::Format(rule) => (SubIndication::FormatFailure, rule),
        SignerFailure::HashMismatch => (
            SubIndication::HashFailure,
            "the content does not match the signed message digest".to_owned(),
        ),
        SignerFailure::SignatureInvalid(error) => (
            SubIndication::SigCryptoFailure,
            format!("the signature value does not verify: {error}"),
        ),
    }
}
