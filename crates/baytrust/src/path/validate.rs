//! RFC 5280 §6.1 processing of one complete candidate path whose signatures and name
//! chaining the builder has already checked: validity (§6.1.3 (a)(2)), name constraints
//! (§6.1.3 (b), (c), §6.1.4 (g)), the policy tree (§6.1.3 (d)–(f), §6.1.4 (a), (b),
//! (h)–(j), §6.1.5), basic constraints and path length (§6.1.4 (k)–(m)), key usage
//! (§6.1.4 (n)), critical extensions (§6.1.4 (o), §6.1.5 (f)), and the purpose.

use super::name_constraints::NameConstraintsState;
use super::policy_tree::{PolicyOutcome, PolicyProcessing};
use super::{ChainOptions, Purpose};
use crate::algorithm::check_public_key;
use crate::cert::Certificate;
use crate::Error;

/// Extensions this validator processes, and so may be critical (RFC 5280 §4.2).
const PROCESSED_EXTENSIONS: &[&str] = &[
    "2.5.29.14",         // subjectKeyIdentifier
    "2.5.29.15",         // keyUsage
    "2.5.29.17",         // subjectAltName
    "2.5.29.19",         // basicConstraints
    "2.5.29.30",         // nameConstraints
    "2.5.29.31",         // cRLDistributionPoints
    "2.5.29.32",         // certificatePolicies
    "2.5.29.33",         // policyMappings
    "2.5.29.35",         // authorityKeyIdentifier
    "2.5.29.36",         // policyConstraints
    "2.5.29.37",         // extKeyUsage
    "2.5.29.54",         // inhibitAnyPolicy
    "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
];

const EKU_ANY: &str = "2.5.29.37.0";
const EKU_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const EKU_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const EKU_EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
const EKU_DOCUMENT_SIGNING: &str = "1.3.6.1.5.5.7.3.36";
const EKU_MICROSOFT_DOCUMENT_SIGNING: &str = "1.3.6.1.4.1.311.10.3.12";

/// Validates `path` (end entity first; `self_issued[k]` says whether `path[k]`'s
/// issuer and subject names match). Returns the policy sets.
pub(crate) fn validate_path(
    path: &[&Certificate<'_>],
    self_issued: &[bool],
    options: &ChainOptions<'_>,
) -> Result<PolicyOutcome, Error> {
    let n = path.len();
    let mut names = NameConstraintsState::new();
    let mut policy = PolicyProcessing::new(&options.policy, n);
    let mut max_path_length = n;

    for i in 1..=n {
        let depth = n - i;
        let (Some(certificate), Some(&is_self_issued)) = (path.get(depth), self_issued.get(depth))
        else {
            break;
        };
        check_validity(certificate, depth, options)?;
        if !(is_self_issued && i < n) {
            names.check(certificate, depth)?;
        }
        policy.process_certificate(i, certificate, is_self_issued, depth)?;
        check_critical_extensions(certificate, depth)?;
        if i == n {
            break;
        }
        policy.prepare_next(i, certificate, is_self_issued, depth)?;
        names.update(certificate, depth)?;
        if !certificate.is_ca() {
            return Err(Error::NotACa { depth });
        }
        if !is_self_issued {
            if max_path_length == 0 {
                return Err(Error::PathLenExceeded { depth });
            }
            max_path_length -= 1;
        }
        if let Some(limit) = certificate
            .basic_constraints()
            .and_then(|bc| bc.path_len_constraint)
        {
            max_path_length = max_path_length.min(usize::try_from(limit).unwrap_or(usize::MAX));
        }
        if certificate
            .key_usage()
            .is_some_and(|ku| !ku.key_cert_sign())
        {
            return Err(Error::KeyCertSignMissing { depth });
        }
        check_extended_key_usage(certificate, depth, options.purpose)?;
    }

    let leaf = path.first().ok_or(Error::UnknownIssuer { depth: 0 })?;
    let outcome = policy.finish(leaf)?;
    check_public_key(leaf.spki(), &options.algorithm_policy).map_err(|cause| {
        Error::PublicKeyRefused {
            depth: 0,
            cause: Box::new(cause),
        }
    })?;
    check_leaf_key_usage(leaf, options.purpose)?;
    check_extended_key_usage(leaf, 0, options.purpose)?;
    Ok(outcome)
}

fn check_validity(
    certificate: &Certificate<'_>,
    depth: usize,
    options: &ChainOptions<'_>,
) -> Result<(), Error> {
    let time = options.time;
    if time < certificate.not_before() {
        return Err(Error::CertificateNotYetValid {
            depth,
            time,
            not_before: certificate.not_before(),
        });
    }
    if time > certificate.not_after() {
        return Err(Error::CertificateExpired {
            depth,
            time,
            not_after: certificate.not_after(),
        });
    }
    Ok(())
}

fn check_critical_extensions(certificate: &Certificate<'_>, depth: usize) -> Result<(), Error> {
    for extension in certificate.extensions().iter().filter(|e| e.critical) {
        let oid = extension.oid.to_id_string();
        if !PROCESSED_EXTENSIONS.contains(&oid.as_str()) {
            return Err(Error::UnrecognisedCriticalExtension { depth, oid });
        }
    }
    Ok(())
}

fn check_leaf_key_usage(leaf: &Certificate<'_>, purpose: Purpose) -> Result<(), Error> {
    let Some(key_usage) = leaf.key_usage() else {
        return Ok(());
    };
    let allowed = match purpose {
        Purpose::Sign => key_usage.digital_signature() || key_usage.non_repudiation(),
        Purpose::Client => key_usage.digital_signature() || key_usage.key_agreement(),
        Purpose::Server => {
            key_usage.digital_signature()
                || key_usage.key_encipherment()
                || key_usage.key_agreement()
        }
        Purpose::Any => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(Error::LeafKeyUsageMissing {
            purpose: purpose.name(),
        })
    }
}

/// An extendedKeyUsage, where present (on the end entity or on a CA, as OpenSSL and
/// Chromium read it), must allow the purpose.
fn check_extended_key_usage(
    certificate: &Certificate<'_>,
    depth: usize,
    purpose: Purpose,
) -> Result<(), Error> {
    let Some(eku) = certificate.extended_key_usage() else {
        return Ok(());
    };
    let has = |dotted: &str| eku.other.iter().any(|oid| oid.to_id_string() == dotted);
    let allowed = eku.any
        || has(EKU_ANY)
        || match purpose {
            Purpose::Sign => {
                eku.email_protection
                    || has(EKU_EMAIL_PROTECTION)
                    || has(EKU_DOCUMENT_SIGNING)
                    || has(EKU_MICROSOFT_DOCUMENT_SIGNING)
            }
            Purpose::Client => eku.client_auth || has(EKU_CLIENT_AUTH),
            Purpose::Server => eku.server_auth || has(EKU_SERVER_AUTH),
            Purpose::Any => true,
        };
    if allowed {
        Ok(())
    } else {
        Err(Error::ExtendedKeyUsageMissing {
            depth,
            purpose: purpose.name(),
        })
    }
}
