//! Path building: a depth-first search from the end entity towards the trust anchors,
//! through certificates whose subject matches the current issuer name (RFC 5280 §7.1
//! comparison), those whose key identifier matches the authority key identifier first.
//! The pool is indexed by subject once per verification, each distinct certificate once. Each link's signature is
//! checked as it is made, and the issuer's own rules (validity, basic constraints, key
//! usage, EKU, profile) as it is pushed, so a wrong candidate is dropped at once; a path
//! that reaches an anchor is then validated as a whole (RFC 5280 §6.1) and the first
//! valid one wins. When none is valid, the most specific failure is returned, ranked as
//! rustls-webpki ranks its errors. One [`BudgetLeft`] bounds all of it.

use std::collections::{HashMap, HashSet};

use x509_parser::x509::SubjectPublicKeyInfo;

use super::budget::BudgetLeft;
use super::revocation_check::{
    path_statuses, revocation_verdict, wants_more, RevocationMode, MAX_SEPARATE_CRL_SIGNERS,
};
use super::validate::{check_certificate, validate_path};
use super::{ChainOptions, Purpose, VerifiedChain};
use crate::algorithm::verify_signature;
use crate::cert::{Certificate, ComparableName};
use crate::trust::{TrustAnchor, TrustStore};
use crate::Error;

/// Finds and validates a certification path for `leaf` through `intermediates` (in any
/// order, possibly irrelevant or hostile) to an anchor of `store`, as of
/// `options.time`, within `options.budget`. The error names the rule that failed and the
/// certificate's depth (0 = `leaf`); when several paths fail, the most specific error
/// wins (an expired issuer that did sign outranks a same-named one whose signature
/// fails). The first path that validates has its revocation statuses looked up in
/// `options.revocation.sources` and judged ([`revocation_verdict`]): a revoked
/// certificate, or under `require` one without status, fails the call (no other path
/// is tried).
pub fn verify_chain<'c>(
    store: &'c TrustStore,
    leaf: &'c Certificate<'c>,
    intermediates: &'c [Certificate<'c>],
    options: &ChainOptions<'_>,
) -> Result<VerifiedChain<'c>, Error> {
    let mut budget = BudgetLeft::new(options.budget);
    let chain = verify_chain_with_budget(store, leaf, intermediates, options, &mut budget)?;
    revocation_verdict(
        &chain.revocation,
        options.revocation.effective_mode(),
        options.revocation.proven_signing_time,
    )?;
    Ok(chain)
}

/// [`verify_chain`] spending from `budget` (`options.budget` is not read), so that one
/// budget can span several verifications, e.g. all signers of one CMS signature. The
/// revocation statuses are looked up but **not judged**: the caller applies
/// [`revocation_verdict`].
pub(crate) fn verify_chain_with_budget<'c>(
    store: &'c TrustStore,
    leaf: &'c Certificate<'c>,
    intermediates: &'c [Certificate<'c>],
    options: &ChainOptions<'_>,
    budget: &mut BudgetLeft,
) -> Result<VerifiedChain<'c>, Error> {
    build(store, leaf, intermediates, options, budget, true)
}

/// The search; `separate_crl_signers`: whether CRL-signing certificates of the pool
/// that are not on the path may be validated (not when validating one of them).
fn build<'c>(
    store: &'c TrustStore,
    leaf: &'c Certificate<'c>,
    intermediates: &'c [Certificate<'c>],
    options: &ChainOptions<'_>,
    budget: &mut BudgetLeft,
    separate_crl_signers: bool,
) -> Result<VerifiedChain<'c>, Error> {
    let leaf_link = Link::new(leaf);
    // The end entity's own rules: no path can mend them.
    check_certificate(leaf, 0, leaf_link.is_self_issued(), options)?;
    // Each distinct certificate once: copies of one certificate (anyone can add them to
    // a CMS SignedData) would otherwise each cost a signature check.
    let mut seen: HashSet<&[u8]> = HashSet::new();
    let pool: Vec<Link<'c>> = intermediates
        .iter()
        .filter(|certificate| seen.insert(certificate.der()))
        .map(Link::new)
        .collect();
    let mut pool_by_subject: HashMap<&ComparableName, Vec<usize>> = HashMap::new();
    for (i, link) in pool.iter().enumerate() {
        pool_by_subject.entry(&link.subject).or_default().push(i);
    }
    let mut search = Search {
        store,
        pool: &pool,
        pool_by_subject: &pool_by_subject,
        intermediates,
        options,
        budget,
        best_error: None,
        separate_crl_signers: if separate_crl_signers {
            None
        } else {
            Some(Vec::new())
        },
    };
    let mut path = vec![&leaf_link];
    match search.extend(&mut path)? {
        Some(chain) => Ok(chain),
        None => Err(search
            .best_error
            .unwrap_or(Error::UnknownIssuer { depth: 0 })),
    }
}

/// A certificate with its names and key identifiers prepared once.
#[derive(Debug, Clone)]
struct Link<'c> {
    certificate: &'c Certificate<'c>,
    subject: ComparableName,
    issuer: ComparableName,
    subject_key_id: Option<&'c [u8]>,
    authority_key_id: Option<&'c [u8]>,
}

impl<'c> Link<'c> {
    fn new(certificate: &'c Certificate<'c>) -> Self {
        Self {
            certificate,
            subject: ComparableName::of(certificate.subject()),
            issuer: ComparableName::of(certificate.issuer()),
            subject_key_id: certificate.subject_key_id(),
            authority_key_id: certificate.authority_key_id(),
        }
    }

    /// RFC 5280 §4.2.1.1 lets only a self-*signed* certificate omit the AKI;
    /// [`check_certificate`] could only see that it is self-issued. Once the issuer's
    /// key is known: a certificate without AKI must have been signed by its own key.
    fn aki_exemption_holds(&self, issuer_key: &[u8], depth: usize) -> Result<(), Error> {
        if self.authority_key_id.is_none() && issuer_key != self.certificate.spki().raw {
            return Err(Error::AuthorityKeyIdMissing { depth });
        }
        Ok(())
    }

    fn is_self_issued(&self) -> bool {
        self.subject == self.issuer
    }
}

struct Search<'c, 'p, 'o, 'b> {
    store: &'c TrustStore,
    pool: &'p [Link<'c>],
    pool_by_subject: &'p HashMap<&'p ComparableName, Vec<usize>>,
    intermediates: &'c [Certificate<'c>],
    options: &'p ChainOptions<'o>,
    budget: &'b mut BudgetLeft,
    best_error: Option<Error>,
    /// CRL-signing certificates of the pool whose own paths validated, found the first
    /// time a status lookup needs more than the path's own certificates.
    separate_crl_signers: Option<Vec<Certificate<'c>>>,
}

/// How specific a failure is, higher meaning more use to the user, following
/// rustls-webpki's `Error::rank` (src/error.rs): validity first, then a signature that
/// does not verify, EKU, name constraints, path length, CA/end-entity confusion;
/// profile breaches ("supported features used in an invalid way"); then unsupported
/// algorithms and critical extensions; malformed data; and last a missing issuer. Its
/// special case holds too: a spent budget is not ranked but ends the search
/// ([`is_fatal`]).
fn rank(error: &Error) -> u32 {
    match error {
        Error::CertificateExpired { .. }
        | Error::CertificateNotYetValid { .. }
        | Error::AnchorExpired { .. }
        | Error::AnchorNotYetValid { .. } => 290,
        Error::ChainSignature { cause, .. } => match cause.as_ref() {
            Error::SignatureInvalid | Error::SignatureMalformed { .. } => 260,
            Error::AlgorithmKeyMismatch { .. }
            | Error::UnsupportedPublicKeyAlgorithm { .. }
            | Error::PublicKeyInvalid { .. }
            | Error::RsaKeyTooSmall { .. }
            | Error::RsaKeyTooLarge { .. } => 150,
            _ => 140,
        },
        Error::ExtendedKeyUsageMissing { .. } | Error::LeafKeyUsageMissing { .. } => 240,
        Error::NameConstraintViolation { .. } => 230,
        Error::PathLenExceeded { .. } | Error::AnchorPathLenExceeded { .. } => 220,
        Error::NotACa { .. }
        | Error::CaUsedAsEndEntity { .. }
        | Error::EndEntityKeyCertSign { .. }
        | Error::KeyCertSignMissing { .. }
        | Error::AnchorNotCa { .. }
        | Error::AnchorKeyCertSignMissing { .. } => 210,
        // Not in rustls-webpki, which does no policy processing: beside the other
        // constraint failures.
        Error::NoValidPolicy { .. } | Error::PolicyMappingAnyPolicy { .. } => 200,
        Error::AuthorityKeyIdMissing { .. }
        | Error::SubjectKeyIdMissing { .. }
        | Error::KeyIdentifierCritical { .. }
        | Error::AnchorKeyIdentifierCritical { .. }
        | Error::NameConstraintsInEndEntity { .. }
        | Error::AnchorSubjectEmpty { .. } => 190,
        Error::PublicKeyRefused { .. } => 150,
        Error::UnrecognisedCriticalExtension { .. }
        | Error::AnchorUnrecognisedCriticalExtension { .. }
        | Error::NameConstraintUnsupported { .. } => 130,
        Error::PathTooLong { .. } => 61,
        Error::ExtensionMalformed { .. } => 30,
        Error::CertificateMalformed { .. } => 10,
        Error::UnknownIssuer { .. } | Error::BudgetExceeded { .. } => 0,
        _ => 1,
    }
}

/// Errors that end the whole search, as rustls-webpki's `Error::is_fatal`: the budget
/// is spent.
fn is_fatal(error: &Error) -> bool {
    matches!(error, Error::BudgetExceeded { .. })
}

impl<'c, 'p> Search<'c, 'p, '_, '_> {
    /// Keeps `error` if it is more specific than the best so far (the first one on a
    /// tie, as rustls-webpki's `most_specific`); a fatal error is returned instead.
    fn record(&mut self, error: Error) -> Result<(), Error> {
        if is_fatal(&error) {
            return Err(error);
        }
        let better = self
            .best_error
            .as_ref()
            .is_none_or(|best| rank(&error) > rank(best));
        if better {
            self.best_error = Some(error);
        }
        Ok(())
    }

    /// Checks that `issuer_key` signed `child` (at `depth`), spending budget. The outer
    /// error (budget) ends the search; the inner one only rules out this link.
    fn signed_by(
        &mut self,
        child: &Certificate<'_>,
        issuer_key: &SubjectPublicKeyInfo<'_>,
        depth: usize,
    ) -> Result<Result<(), Error>, Error> {
        self.budget.spend_signature_check()?;
        Ok(verify_signature(
            issuer_key,
            child.signature_algorithm(),
            child.tbs_der(),
            child.signature_value(),
            &self.options.algorithm_policy,
        )
        .map_err(|cause| Error::ChainSignature {
            depth,
            cause: Box::new(cause),
        }))
    }

    /// Tries to complete `path` (end entity first, every certificate already checked on
    /// its own) to an anchor. `Err` only when the budget is spent.
    fn extend(&mut self, path: &mut Vec<&'p Link<'c>>) -> Result<Option<VerifiedChain<'c>>, Error> {
        self.budget.spend_build_step()?;
        let Some(&current) = path.last() else {
            return Ok(None);
        };
        // `path` is not empty (it has a last element).
        let depth = path.len().saturating_sub(1);
        let aki = current.authority_key_id;
        let mut any_candidate = false;

        for anchor in self.store.issuers_of(&current.issuer, aki) {
            any_candidate = true;
            self.budget.spend_build_step()?;
            let key = match anchor.spki() {
                Ok(key) => key,
                Err(e) => {
                    self.record(e)?;
                    continue;
                }
            };
            if let Err(e) = self.signed_by(current.certificate, &key, depth)? {
                self.record(e)?;
                continue;
            }
            if let Err(e) = current.aki_exemption_holds(key.raw, depth) {
                self.record(e)?;
                continue;
            }
            if let Err(e) = anchor.check_usable(self.options.time, self.options.purpose, path.len())
            {
                self.record(e)?;
                continue;
            }
            match self.validate(path, anchor) {
                Ok(mut chain) => {
                    chain.revocation = self.revocation_statuses(&chain)?;
                    return Ok(Some(chain));
                }
                Err(e) => self.record(e)?,
            }
        }

        let candidates = self
            .pool_by_subject
            .get(&current.issuer)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if !candidates.is_empty() && path.len() >= self.options.max_path_len {
            self.record(Error::PathTooLong {
                len: path.len().saturating_add(1),
                max: self.options.max_path_len,
            })?;
            return Ok(None);
        }
        let mut ordered: Vec<&'p Link<'c>> = candidates
            .iter()
            .filter_map(|&i| self.pool.get(i))
            .collect();
        // A stable sort: among candidates equally matched on the key identifier, pool
        // order stands, and the verifier puts the trust lists' issuing CAs first, so
        // decoys copying a listed CA's name and key identifier are tried after it.
        if let Some(aki) = aki {
            // RFC 5280 §4.2.1.1: the AKI names the issuer's key. When some candidate's
            // subjectKeyIdentifier is that key identifier, only those are tried: a
            // same-named candidate declaring another key (the old key of a rolled-over
            // CA, or a decoy) did not sign, and its signature failure must not outrank
            // the real path's error. When none matches, every candidate is tried, most
            // tolerant of CAs that wrote their identifiers inconsistently.
            if ordered.iter().any(|link| link.subject_key_id == Some(aki)) {
                ordered.retain(|link| link.subject_key_id == Some(aki));
            }
        }
        for candidate in ordered {
            any_candidate = true;
            self.budget.spend_build_step()?;
            if path
                .iter()
                .any(|link| same_subject_and_key(link, candidate))
            {
                continue; // a loop: this name and key are already on the path
            }
            if let Err(e) =
                self.signed_by(current.certificate, candidate.certificate.spki(), depth)?
            {
                self.record(e)?;
                continue;
            }
            if let Err(e) = current.aki_exemption_holds(candidate.certificate.spki().raw, depth) {
                self.record(e)?;
                continue;
            }
            // The issuer signed: now its own rules, before building on it.
            if let Err(e) = check_certificate(
                candidate.certificate,
                depth.saturating_add(1),
                candidate.is_self_issued(),
                self.options,
            ) {
                self.record(e)?;
                continue;
            }
            path.push(candidate);
            let found = self.extend(path)?;
            path.pop();
            if found.is_some() {
                return Ok(found);
            }
        }
        if !any_candidate {
            self.record(Error::UnknownIssuer { depth })?;
        }
        Ok(None)
    }

    fn validate(
        &mut self,
        path: &[&Link<'c>],
        anchor: &'c TrustAnchor,
    ) -> Result<VerifiedChain<'c>, Error> {
        let certificates: Vec<&'c Certificate<'c>> =
            path.iter().map(|link| link.certificate).collect();
        let self_issued: Vec<bool> = path.iter().map(|link| link.is_self_issued()).collect();
        let outcome = validate_path(
            &certificates,
            &self_issued,
            anchor,
            self.options,
            self.budget,
        )?;
        Ok(VerifiedChain {
            certificates,
            anchor,
            authorities_constrained_policy_set: outcome.authorities_constrained,
            user_constrained_policy_set: outcome.user_constrained,
            revocation: Vec::new(),
        })
    }

    /// The revocation statuses of a validated path: first with the path's own
    /// certificates as CRL signers, then, for certificates still without status, with
    /// the pool's separate CRL-signing certificates whose own paths validate.
    fn revocation_statuses(
        &mut self,
        chain: &VerifiedChain<'c>,
    ) -> Result<Vec<Result<crate::revocation::RevocationStatus, Error>>, Error> {
        let revocation = &self.options.revocation;
        let not_checked = || {
            chain
                .certificates
                .iter()
                .map(|_| Ok(crate::revocation::RevocationStatus::NotChecked))
                .collect()
        };
        if revocation.effective_mode() == RevocationMode::Off
            || revocation.sources.iter().all(|s| s.is_empty())
        {
            return Ok(not_checked());
        }
        let Ok(anchor) = Certificate::from_der(chain.anchor.der()) else {
            return Ok(not_checked());
        };
        let path: Vec<Certificate<'c>> = chain.certificates.iter().map(|&c| c.clone()).collect();
        // Each lookup may check signatures: one build step per certificate.
        for _ in &path {
            self.budget.spend_build_step()?;
        }
        let time = self.options.time;
        let policy = self.options.algorithm_policy;
        let mut statuses = path_statuses(&path, &anchor, time, revocation, &[], &policy);
        if statuses.iter().any(wants_more) {
            let signers = self.separate_crl_signers(&path)?;
            if !signers.is_empty() {
                statuses = path_statuses(&path, &anchor, time, revocation, &signers, &policy);
            }
        }
        Ok(statuses)
    }

    /// The pool's certificates with cRLSign that are not on `path` and whose own paths
    /// validate (revocation included: a revoked CRL signer signs no accepted CRL), at
    /// most [`MAX_SEPARATE_CRL_SIGNERS`] tried; found once per search.
    fn separate_crl_signers(
        &mut self,
        path: &[Certificate<'c>],
    ) -> Result<Vec<Certificate<'c>>, Error> {
        if let Some(known) = &self.separate_crl_signers {
            return Ok(known.clone());
        }
        let mut options = self.options.clone();
        options.purpose = Purpose::Any;
        options.revocation.proven_signing_time = None;
        let mode = options.revocation.effective_mode();
        let candidates: Vec<&'c Certificate<'c>> = self
            .pool
            .iter()
            .map(|link| link.certificate)
            .filter(|c| c.key_usage().is_some_and(|ku| ku.crl_sign()))
            .filter(|c| path.iter().all(|p| p.der() != c.der()))
            .take(MAX_SEPARATE_CRL_SIGNERS)
            .collect();
        let mut signers = Vec::new();
        for candidate in candidates {
            match build(
                self.store,
                candidate,
                self.intermediates,
                &options,
                self.budget,
                false,
            ) {
                Ok(chain) => {
                    if revocation_verdict(&chain.revocation, mode, None).is_ok() {
                        signers.push(candidate.clone());
                    }
                }
                Err(e) if is_fatal(&e) => return Err(e),
                Err(_) => {}
            }
        }
        self.separate_crl_signers = Some(signers.clone());
        Ok(signers)
    }
}

fn same_subject_and_key(a: &Link<'_>, b: &Link<'_>) -> bool {
    a.subject == b.subject && a.certificate.spki().raw == b.certificate.spki().raw
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::decode_certificates;
    use crate::identity::Jurisdiction;
    use crate::path::Budget;
    use crate::Time;

    fn pki(path: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../testdata/pki/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn one_budget_spans_several_verifications() {
        let store = TrustStore::builder()
            .anchors_from(Jurisdiction::Hk, &pki("hk/root-ca.pem"))
            .unwrap()
            .build()
            .unwrap();
        let leaf_der = decode_certificates(&pki("hk/org-harbour-logistics.pem")).unwrap();
        let leaf = leaf_der[0].parse().unwrap();
        let pool_der = decode_certificates(&pki("hk/issuing-ca.pem")).unwrap();
        let pool: Vec<Certificate<'_>> = pool_der.iter().map(|d| d.parse().unwrap()).collect();
        let mut options = ChainOptions::new(Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap());
        // One path costs two signature checks (leaf, issuing CA).
        options.budget = Budget {
            signature_checks: 3,
            ..Budget::default()
        };
        assert!(verify_chain(&store, &leaf, &pool, &options).is_ok());
        assert!(verify_chain(&store, &leaf, &pool, &options).is_ok());
        let mut shared = BudgetLeft::new(options.budget);
        assert_eq!(
            verify_chain_with_budget(&store, &leaf, &pool, &options, &mut shared)
                .map(|chain| chain.certificates.len()),
            Ok(2)
        );
        assert_eq!(
            verify_chain_with_budget(&store, &leaf, &pool, &options, &mut shared)
                .map(|chain| chain.certificates.len()),
            Err(Error::BudgetExceeded {
                what: "signature checks",
                limit: 3
            })
        );
    }

    #[test]
    fn ranking_puts_validity_above_signature_above_missing_issuer() {
        let expired = Error::CertificateExpired {
            depth: 1,
            time: Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap(),
            not_after: Time::parse_rfc3339("2025-01-01T00:00:00Z").unwrap(),
        };
        let bad_signature = Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::SignatureInvalid),
        };
        let sha1 = Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::Sha1Refused {
                oid: "1.2.840.113549.1.1.5".into(),
            }),
        };
        assert!(rank(&expired) > rank(&bad_signature));
        assert!(
            rank(&bad_signature)
                > rank(&Error::NameConstraintViolation {
                    depth: 0,
                    name: String::new()
                })
        );
        assert!(rank(&Error::NotACa { depth: 1 }) > rank(&sha1));
        assert!(rank(&sha1) > rank(&Error::PathTooLong { len: 11, max: 10 }));
        assert!(
            rank(&Error::PathTooLong { len: 11, max: 10 })
                > rank(&Error::UnknownIssuer { depth: 0 })
        );
        assert!(is_fatal(&Error::BudgetExceeded {
            what: "build steps",
            limit: 1
        }));
    }
}
