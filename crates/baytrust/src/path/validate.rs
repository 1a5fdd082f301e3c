//! RFC 5280 §6.1 processing, in two parts. [`check_certificate`] holds one certificate
//! to the rules that need nothing but itself and its place (end entity or CA): validity
//! (§6.1.3 (a)(2)), basic constraints (§6.1.4 (k)), key usage (§6.1.4 (n)), EKU,
//! critical extensions (§6.1.4 (o), §6.1.5 (f)), the key-identifier profile (§4.2.1.1–2)
//! and the end entity's fitness for the purpose; the builder runs it as it pushes each
//! certificate. [`validate_path`] then runs what needs the whole path down from the
//! anchor: name constraints (§6.1.3 (b), (c), §6.1.4 (g)), the policy tree (§6.1.3
//! (d)–(f), §6.1.4 (a), (b), (h)–(j), §6.1.5) and path length (§6.1.4 (l), (m)).

use super::budget::BudgetLeft;
use super::policy_tree::{PolicyOutcome, PolicyProcessing};
use super::{ChainOptions, Purpose};
use crate::algorithm::check_public_key;
use crate::cert::{critical_extension_problem, Certificate, CriticalExtensionProblem};
use crate::oid::{
    ANY_EXTENDED_KEY_USAGE, KP_CLIENT_AUTH, KP_DOCUMENT_SIGNING, KP_EMAIL_PROTECTION,
    KP_SERVER_AUTH, MS_DOCUMENT_SIGNING, NAME_CONSTRAINTS,
};
use crate::trust::TrustAnchor;
use crate::Error;

/// Holds the certificate at `depth` (0 = end entity, otherwise a CA that issued the one
/// below) to the rules that need no other certificate. `is_self_issued`: its issuer and
/// subject names match.
pub(crate) fn check_certificate(
    certificate: &Certificate<'_>,
    depth: usize,
    is_self_issued: bool,
    options: &ChainOptions<'_>,
) -> Result<(), Error> {
    check_validity(certificate, depth, options)?;
    if depth == 0 {
        check_end_entity(certificate, options)?;
    } else {
        if !certificate.is_ca() {
            return Err(Error::NotACa { depth });
        }
        if certificate
            .key_usage()
            .is_some_and(|ku| !ku.key_cert_sign())
        {
            return Err(Error::KeyCertSignMissing { depth });
        }
        check_extended_key_usage(certificate, depth, options.purpose)?;
    }
    let revocation_on = options.revocation.effective_mode() != super::RevocationMode::Off;
    check_critical_extensions(certificate, depth, revocation_on)?;
    // A self-issued certificate may lack it only if self-signed, which the builder
    // checks once it knows the issuer's key.
    if !is_self_issued && certificate.authority_key_id().is_none() {
        return Err(Error::AuthorityKeyIdMissing { depth });
    }
    if depth > 0 && certificate.subject_key_id().is_none() {
        return Err(Error::SubjectKeyIdMissing { depth });
    }
    Ok(())
}

/// The end entity: its key, its fitness for the purpose, and no CA-only extension.
fn check_end_entity(leaf: &Certificate<'_>, options: &ChainOptions<'_>) -> Result<(), Error> {
    check_public_key(leaf.spki(), &options.algorithm_policy).map_err(|cause| {
        Error::PublicKeyRefused {
            depth: 0,
            cause: Box::new(cause),
        }
    })?;
    let purpose = options.purpose;
    if purpose != Purpose::Any {
        if leaf.is_ca() {
            return Err(Error::CaUsedAsEndEntity {
                purpose: purpose.name(),
            });
        }
        if leaf.key_usage().is_some_and(|ku| ku.key_cert_sign()) {
            return Err(Error::EndEntityKeyCertSign {
                purpose: purpose.name(),
            });
        }
    }
    check_leaf_key_usage(leaf, purpose)?;
    check_extended_key_usage(leaf, 0, purpose)?;
    if !leaf.is_ca() && leaf.extension(NAME_CONSTRAINTS).is_some() {
        return Err(Error::NameConstraintsInEndEntity { depth: 0 });
    }
    Ok(())
}

/// Validates `path` (end entity first, the certificate `anchor` issued last;
/// `self_issued[k]` says whether `path[k]`'s issuer and subject names match), each of
/// whose certificates has passed [`check_certificate`]. Name-constraint comparisons are
/// drawn from `budget`. Returns the policy sets.
pub(crate) fn validate_path(
    path: &[&Certificate<'_>],
    self_issued: &[bool],
    anchor: &TrustAnchor,
    options: &ChainOptions<'_>,
    budget: &mut BudgetLeft,
) -> Result<PolicyOutcome, Error> {
    let n = path.len();
    // RFC 5937 §3: the anchor's nameConstraints and pathLenConstraint initialise the
    // state, as a CA's would after §6.1.4 (g), (m).
    let mut names = anchor.name_constraints().clone();
    let mut policy = PolicyProcessing::new(&options.policy, n);
    let anchor_limit = anchor.path_len_constraint();
    let mut max_path_length = anchor_limit.map_or(n, |limit| usize::try_from(limit).unwrap_or(n));
    // Whether max_path_length is still the anchor's limit (for the error's sake).
    let mut anchor_limit_binds = anchor_limit.is_some();

    for i in 1..=n {
        // 1 <= i <= n.
        let depth = n.saturating_sub(i);
        let (Some(certificate), Some(&is_self_issued)) = (path.get(depth), self_issued.get(depth))
        else {
            break;
        };
        if !(is_self_issued && i < n) {
            budget.with_name_comparisons(|left| names.check_counted(certificate, depth, left))?;
        }
        policy.process_certificate(i, certificate, is_self_issued, depth)?;
        if i == n {
            break;
        }
        policy.prepare_next(i, certificate, is_self_issued, depth)?;
        names.update(certificate, depth)?;
        if !is_self_issued {
            if max_path_length == 0 {
                return Err(match anchor_limit {
                    Some(path_len_constraint) if anchor_limit_binds => {
                        Error::AnchorPathLenExceeded {
                            depth,
                            subject: anchor.subject_text().to_owned(),
                            path_len_constraint,
                        }
                    }
                    _ => Error::PathLenExceeded { depth },
                });
            }
            // Not 0: checked just above.
            max_path_length = max_path_length.saturating_sub(1);
        }
        if let Some(limit) = certificate
            .basic_constraints()
            .and_then(|bc| bc.path_len_constraint)
        {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            if limit < max_path_length {
                max_path_length = limit;
                anchor_limit_binds = false;
            }
        }
    }

    let leaf = path.first().ok_or(Error::UnknownIssuer { depth: 0 })?;
    policy.finish(leaf)
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

fn check_critical_extensions(
    certificate: &Certificate<'_>,
    depth: usize,
    revocation_on: bool,
) -> Result<(), Error> {
    match critical_extension_problem(certificate, revocation_on) {
        None => Ok(()),
        Some(CriticalExtensionProblem::Unrecognised(oid)) => {
            Err(Error::UnrecognisedCriticalExtension { depth, oid })
        }
        Some(CriticalExtensionProblem::KeyIdentifierCritical(oid)) => {
            Err(Error::KeyIdentifierCritical { depth, oid })
        }
    }
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
    if extended_key_usage_allows(certificate, purpose) {
        Ok(())
    } else {
        Err(Error::ExtendedKeyUsageMissing {
            depth,
            purpose: purpose.name(),
        })
    }
}

/// Whether the certificate's extendedKeyUsage, if it has one, allows `purpose`.
pub(crate) fn extended_key_usage_allows(certificate: &Certificate<'_>, purpose: Purpose) -> bool {
    let Some(eku) = certificate.extended_key_usage() else {
        return true;
    };
    let has = |dotted: &str| eku.other.iter().any(|oid| crate::oid::is(oid, dotted));
    eku.any
        || has(ANY_EXTENDED_KEY_USAGE)
        || match purpose {
            Purpose::Sign => {
                eku.email_protection
                    || has(KP_EMAIL_PROTECTION)
                    || has(KP_DOCUMENT_SIGNING)
                    || has(MS_DOCUMENT_SIGNING)
            }
            Purpose::Client => eku.client_auth || has(KP_CLIENT_AUTH),
            Purpose::Server => eku.server_auth || has(KP_SERVER_AUTH),
            Purpose::Any => true,
        }
}
