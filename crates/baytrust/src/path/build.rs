//! Path building: a depth-first search from the end entity towards the trust anchors,
//! through certificates whose subject matches the current issuer name (RFC 5280 §7.1
//! comparison), those whose key identifier matches the authority key identifier first.
//! Signatures are checked as links are made, so a wrong candidate is dropped at once;
//! each complete path is then validated (RFC 5280 §6.1) and the first valid one wins.
//! When none is valid, the most specific failure is returned.

use std::collections::HashMap;

use x509_parser::x509::SubjectPublicKeyInfo;

use super::budget::BudgetLeft;
use super::validate::validate_path;
use super::{ChainOptions, VerifiedChain};
use crate::algorithm::verify_signature;
use crate::cert::{Certificate, ComparableName};
use crate::trust::{TrustAnchor, TrustStore};
use crate::Error;

/// Finds and validates a certification path for `leaf` through `intermediates` (in any
/// order, possibly irrelevant or hostile) to an anchor of `store`, as of
/// `options.time`. The error names the rule that failed and the certificate's depth
/// (0 = `leaf`); when several paths fail, the one that got furthest decides.
pub fn verify_chain<'c>(
    store: &'c TrustStore,
    leaf: &'c Certificate<'c>,
    intermediates: &'c [Certificate<'c>],
    options: &ChainOptions<'_>,
) -> Result<VerifiedChain<'c>, Error> {
    let mut budget = BudgetLeft::new(options.budget);
    verify_chain_with_budget(store, leaf, intermediates, options, &mut budget)
}

/// [`verify_chain`] spending a caller-owned budget instead of `options.budget`, so that
/// several searches (the signers of one CMS signature) share one.
pub(crate) fn verify_chain_with_budget<'c>(
    store: &'c TrustStore,
    leaf: &'c Certificate<'c>,
    intermediates: &'c [Certificate<'c>],
    options: &ChainOptions<'_>,
    budget: &mut BudgetLeft,
) -> Result<VerifiedChain<'c>, Error> {
    let mut pool_by_subject: HashMap<ComparableName, Vec<usize>> = HashMap::new();
    let pool: Vec<Link<'c>> = intermediates.iter().map(Link::new).collect();
    for (i, link) in pool.iter().enumerate() {
        pool_by_subject
            .entry(link.subject.clone())
            .or_default()
            .push(i);
    }
    let mut search = Search {
        store,
        pool: &pool,
        pool_by_subject: &pool_by_subject,
        options,
        budget,
        best_error: None,
    };
    let leaf_link = Link::new(leaf);
    let mut path = vec![&leaf_link];
    match search.extend(&mut path)? {
        Some(chain) => Ok(chain),
        None => Err(search
            .best_error
            .unwrap_or(Error::UnknownIssuer { depth: 0 })),
    }
}

/// A certificate with its names prepared once.
#[derive(Debug, Clone)]
struct Link<'c> {
    certificate: &'c Certificate<'c>,
    subject: ComparableName,
    issuer: ComparableName,
}

impl<'c> Link<'c> {
    fn new(certificate: &'c Certificate<'c>) -> Self {
        Self {
            certificate,
            subject: ComparableName::of(certificate.subject()),
            issuer: ComparableName::of(certificate.issuer()),
        }
    }
}

struct Search<'c, 'p, 'o, 'b> {
    store: &'c TrustStore,
    pool: &'p [Link<'c>],
    pool_by_subject: &'p HashMap<ComparableName, Vec<usize>>,
    options: &'p ChainOptions<'o>,
    budget: &'b mut BudgetLeft,
    best_error: Option<Error>,
}

/// How telling a failure is: a path that ended at an anchor and broke a rule says
/// more than one that ran out of length, which says more than a missing issuer.
fn specificity(error: &Error) -> u8 {
    match error {
        Error::UnknownIssuer { .. } => 0,
        Error::PathTooLong { .. } => 1,
        _ => 2,
    }
}

impl<'c, 'p> Search<'c, 'p, '_, '_> {
    fn record(&mut self, error: Error) {
        let better = match &self.best_error {
            None => true,
            Some(best) => specificity(&error) > specificity(best),
        };
        if better {
            self.best_error = Some(error);
        }
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

    /// Tries to complete `path` (end entity first) to an anchor. `Err` only when the
    /// budget is spent.
    fn extend(&mut self, path: &mut Vec<&'p Link<'c>>) -> Result<Option<VerifiedChain<'c>>, Error> {
        self.budget.spend_build_step()?;
        let Some(&current) = path.last() else {
            return Ok(None);
        };
        let depth = path.len() - 1;
        let aki = current.certificate.authority_key_id();
        let mut any_candidate = false;

        for anchor in self.store.issuers_of(&current.issuer, aki) {
            any_candidate = true;
            self.budget.spend_build_step()?;
            let key = match anchor.spki() {
                Ok(key) => key,
                Err(e) => {
                    self.record(e);
                    continue;
                }
            };
            if let Err(e) = self.signed_by(current.certificate, &key, depth)? {
                self.record(e);
                continue;
            }
            match self.validate(path, anchor) {
                Ok(chain) => return Ok(Some(chain)),
                Err(e) => self.record(e),
            }
        }

        let candidates = self
            .pool_by_subject
            .get(&current.issuer)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if !candidates.is_empty() && path.len() >= self.options.max_path_len {
            self.record(Error::PathTooLong {
                len: path.len() + 1,
                max: self.options.max_path_len,
            });
            return Ok(None);
        }
        let mut ordered: Vec<&Link<'c>> = candidates
            .iter()
            .filter_map(|&i| self.pool.get(i))
            .collect();
        if let Some(aki) = aki {
            ordered.sort_by_key(|link| link.certificate.subject_key_id() != Some(aki));
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
                self.record(e);
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
            self.record(Error::UnknownIssuer { depth });
        }
        Ok(None)
    }

    fn validate(
        &self,
        path: &[&Link<'c>],
        anchor: &'c TrustAnchor,
    ) -> Result<VerifiedChain<'c>, Error> {
        let certificates: Vec<&'c Certificate<'c>> =
            path.iter().map(|link| link.certificate).collect();
        let self_issued: Vec<bool> = path
            .iter()
            .map(|link| link.subject == link.issuer)
            .collect();
        let outcome = validate_path(&certificates, &self_issued, self.options)?;
        Ok(VerifiedChain {
            certificates,
            anchor,
            authorities_constrained_policy_set: outcome.authorities_constrained,
            user_constrained_policy_set: outcome.user_constrained,
        })
    }
}

fn same_subject_and_key(a: &Link<'_>, b: &Link<'_>) -> bool {
    a.subject == b.subject && a.certificate.spki().raw == b.certificate.spki().raw
}
