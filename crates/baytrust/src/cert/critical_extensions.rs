//! Which extensions may be critical: the one definition of an "unrecognised critical
//! extension" (RFC 5280 §4.2), for certificates on a path and for trust anchors alike.

use super::Certificate;
use crate::oid;

/// Extensions this validator processes, and so may be critical (RFC 5280 §4.2).
/// authorityInfoAccess is not here: nothing processes it, so a certificate marking it
/// critical is refused. cRLDistributionPoints is processed (CRL scope, RFC 5280
/// §6.3.3 (b)) only when revocation checking is on: see
/// [`CriticalExtensionProblem`]'s callers.
const PROCESSED_EXTENSIONS: &[&str] = &[
    oid::SUBJECT_KEY_IDENTIFIER,
    oid::KEY_USAGE,
    oid::SUBJECT_ALT_NAME,
    oid::BASIC_CONSTRAINTS,
    oid::NAME_CONSTRAINTS,
    oid::CERTIFICATE_POLICIES,
    oid::POLICY_MAPPINGS,
    oid::AUTHORITY_KEY_IDENTIFIER,
    oid::POLICY_CONSTRAINTS,
    oid::EXTENDED_KEY_USAGE,
    oid::INHIBIT_ANY_POLICY,
];

/// subjectKeyIdentifier and authorityKeyIdentifier: processed, but MUST be non-critical
/// (RFC 5280 §4.2.1.1, §4.2.1.2).
const KEY_IDENTIFIER_EXTENSIONS: &[&str] =
    &[oid::SUBJECT_KEY_IDENTIFIER, oid::AUTHORITY_KEY_IDENTIFIER];

/// What is wrong with a critical extension; the caller names the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CriticalExtensionProblem {
    /// Not processed here, so it must not be critical: carries the dotted OID.
    Unrecognised(String),
    /// A key identifier extension marked critical: carries the dotted OID.
    KeyIdentifierCritical(String),
}

/// The first critical extension of `certificate` that is not processed (with
/// cRLDistributionPoints counted as processed when `crl_distribution_points_processed`)
/// or that is a key identifier, in the order of the extensions.
pub(crate) fn critical_extension_problem(
    certificate: &Certificate<'_>,
    crl_distribution_points_processed: bool,
) -> Option<CriticalExtensionProblem> {
    certificate
        .extensions()
        .iter()
        .filter(|e| e.critical)
        .find_map(|extension| {
            // Compared as bytes; the dotted OID is built only to name a problem.
            let is_any = |known: &[&str]| known.iter().any(|k| oid::is(&extension.oid, k));
            if crl_distribution_points_processed
                && oid::is(&extension.oid, oid::CRL_DISTRIBUTION_POINTS)
            {
                None
            } else if !is_any(PROCESSED_EXTENSIONS) {
                Some(CriticalExtensionProblem::Unrecognised(
                    extension.oid.to_id_string(),
                ))
            } else if is_any(KEY_IDENTIFIER_EXTENSIONS) {
                Some(CriticalExtensionProblem::KeyIdentifierCritical(
                    extension.oid.to_id_string(),
                ))
            } else {
                None
            }
        })
}

/// The critical extensions of `certificate` this validator does not process, as dotted
/// OIDs (cRLDistributionPoints counted as not processed).
pub(crate) fn unrecognised_critical_extensions(certificate: &Certificate<'_>) -> Vec<String> {
    certificate
        .extensions()
        .iter()
        .filter(|e| e.critical && oid::which(&e.oid, PROCESSED_EXTENSIONS).is_none())
        .map(|e| e.oid.to_id_string())
        .collect()
}
