//! Cross-border recognition (DESIGN.md §1): after RFC 5280 validation succeeds, a
//! signer's certificate is recognised only when a trust list the relying party accepts
//! lists the path's issuing CA and root in one service, that service was recognised at
//! the validation time, a listed policy is among the certificate's valid policies, the
//! certificate-type text is where the service says, and the service's identity profile
//! reads a legal entity whose identifier passes its check. These rules are checked in
//! addition to RFC 5280, never instead.

use std::collections::BTreeSet;

use crate::cert::Certificate;
use crate::identity::{Jurisdiction, LegalEntity};
use crate::path::{PolicySet, VerifiedChain};
use crate::report::{Recognition, SubIndication};
use crate::trust::{RecognisedService, ServiceStatus, TrustList, TrustStore};
use crate::Time;

/// A signer that is recognised: by which list and service, and as which legal entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The list, service and policy that recognise the signer.
    pub recognition: Recognition,
    /// The legal entity read through the service's identity profile.
    pub entity: LegalEntity,
}

/// Why a signer is not recognised: the rule, and the sub-indication to report
/// (`NOT_RECOGNISED`, or `TRY_LATER` when only a stale list could have recognised it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRecognised {
    /// `NOT_RECOGNISED` or `TRY_LATER`.
    pub sub_indication: SubIndication,
    /// The rule that failed, naming the list and service.
    pub rule: String,
    /// Whether the rule that failed is a contradiction among the certificate's own
    /// identity fields ([`Error::is_identity_conflict`](crate::Error::is_identity_conflict)):
    /// then the report shows no entity at all.
    pub identity_conflict: bool,
}

impl NotRecognised {
    fn rule(rule: String) -> Self {
        Self {
            sub_indication: SubIndication::NotRecognised,
            rule,
            identity_conflict: false,
        }
    }
}

/// Applies the recognition rules to a validated chain. `accepted` holds the
/// jurisdictions whose lists the relying party accepts. Returns `None` when the store
/// holds no trust list at all (plain anchors: recognition does not apply).
pub fn recognise(
    store: &TrustStore,
    accepted: &BTreeSet<Jurisdiction>,
    chain: &VerifiedChain<'_>,
    time: Time,
) -> Option<Result<Recognised, NotRecognised>> {
    if store.trust_lists().is_empty() {
        return None;
    }
    let leaf = chain.certificates.first()?;
    // The certificate that issued the end-entity certificate: the next one on the path,
    // or the anchor itself when the anchor issued it directly.
    let issuer_der = chain
        .certificates
        .get(1)
        .map(|c| c.der())
        .unwrap_or_else(|| chain.anchor.der());
    let root_der = chain.anchor.der();

    let mut root_listed = false;
    let mut failure: Option<NotRecognised> = None;
    for list in store.trust_lists() {
        for service in &list.services {
            let lists_root = service.roots.iter().any(|r| r.as_ref() == root_der);
            root_listed |= lists_root;
            let lists_issuer = service.issuing_cas.iter().any(|c| c.as_ref() == issuer_der);
            if !(lists_root && lists_issuer) {
                continue;
            }
            match check_service(list, service, accepted, leaf, chain, time) {
                Ok(recognised) => return Some(Ok(recognised)),
                Err(not) => {
                    // Keep the first failure, but a definite rule beats "try later".
                    if failure
                        .as_ref()
                        .is_none_or(|f| f.sub_indication == SubIndication::TryLater)
                    {
                        failure = Some(not);
                    }
                }
            }
        }
    }
    Some(Err(failure.unwrap_or_else(|| {
        let issuer = Certificate::from_der(issuer_der)
            .map(|c| c.subject_text())
            .unwrap_or_default();
        NotRecognised::rule(if root_listed {
            format!("issuing CA \"{issuer}\" is not listed by any trust list service (a path to a listed root through an unlisted sub-CA is not recognised)")
        } else {
            format!("no trust list lists the root or issuing CA \"{issuer}\" of this path")
        })
    })))
}

fn check_service(
    list: &TrustList,
    service: &RecognisedService,
    accepted: &BTreeSet<Jurisdiction>,
    leaf: &Certificate<'_>,
    chain: &VerifiedChain<'_>,
    time: Time,
) -> Result<Recognised, NotRecognised> {
    let named = format!(
        "service \"{}\" of the {} trust list #{}",
        service.name, list.jurisdiction, list.sequence
    );
    if !accepted.contains(&list.jurisdiction) {
        return Err(NotRecognised::rule(format!(
            "{named}: this relying party does not accept the {} trust list",
            list.jurisdiction
        )));
    }
    let status = service.status_at(time);
    if status != ServiceStatus::Recognised {
        return Err(NotRecognised::rule(format!(
            "{named}: the service was {} at {time}",
            status.as_str()
        )));
    }
    let policy = leaf
        .policy_oids()
        .into_iter()
        .find(|oid| {
            service.policies.iter().any(|rule| rule.matches(oid))
                && match &chain.authorities_constrained_policy_set {
                    PolicySet::Any => true,
                    PolicySet::Policies(valid) => valid.contains(oid),
                }
        })
        .ok_or_else(|| {
            let listed: Vec<&str> = service.policies.iter().map(|p| p.oid.as_str()).collect();
            NotRecognised::rule(format!(
                "{named}: no listed policy ({}) is among the certificate's valid policies",
                listed.join(", ")
            ))
        })?;
    if let Some((source, text)) = &service.certificate_type {
        let values = source.read(leaf).unwrap_or_default();
        if !values.iter().any(|value| value == text) {
            return Err(NotRecognised::rule(format!(
                "{named}: certificate type \"{text}\" not found at {source}"
            )));
        }
    }
    let entity = service.identity.extract(leaf).map_err(|e| NotRecognised {
        identity_conflict: e.is_identity_conflict(),
        ..NotRecognised::rule(format!("{named}: identity: {e}"))
    })?;
    entity.org_id.check().map_err(|e| {
        NotRecognised::rule(format!(
            "{named}: organisation identifier {} fails its check: {e}",
            entity.org_id
        ))
    })?;
    if list.next_update < time {
        return Err(NotRecognised {
            sub_indication: SubIndication::TryLater,
            rule: format!(
                "{named}: the list was due for renewal at {} and is stale at {time}",
                list.next_update
            ),
            identity_conflict: false,
        });
    }
    Ok(Recognised {
        recognition: Recognition {
            jurisdiction: list.jurisdiction,
            trust_list_sequence: list.sequence,
            service: service.name.clone(),
            policy,
        },
        entity,
    })
}
