//! Cross-border recognition (DESIGN.md §1): after RFC 5280 validation succeeds, a
//! signer's certificate is recognised only when a trust list the relying party accepts
//! lists the path's issuing CA and root in one service (matched by name and key), a
//! listed policy is among the certificate's valid policies, the certificate-type text is
//! where the service says, the service's identity profile reads a legal entity whose
//! identifier passes its check, and the service was recognised at the signing time — the
//! proven signing time when there is one, else the validation time. These rules are
//! checked in addition to RFC 5280, never instead.

use std::collections::BTreeSet;

use crate::cert::Certificate;
use crate::identity::{Jurisdiction, LegalEntity};
use crate::path::{PolicySet, VerifiedChain};
use crate::report::{Recognition, SubIndication};
use crate::trust::{ListedCa, RecognisedService, ServiceStatus, TrustList, TrustStore};
use crate::Time;

/// A certificate that is recognised: by which list and service (a report's
/// [`Recognition`]), and as which legal entity. The `Ok` side of [`recognise`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecognisedEntity {
    /// The list, service and policy that recognise the signer.
    pub recognition: Recognition,
    /// The legal entity read through the service's identity profile.
    pub entity: LegalEntity,
}

/// Why a signer is not recognised: the rule, the sub-indication to report, and what
/// the certificate claims (never a validated identity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRecognised {
    /// `NOT_RECOGNISED` (no accepted list could ever have recognised the signer),
    /// `NOT_RECOGNISED_NO_POE` (a service listing it was recognised earlier in the
    /// certificate's life, but nothing proves the signature was made then) or
    /// `TRY_LATER` (only a stale list could recognise it).
    pub sub_indication: SubIndication,
    /// The rule that failed, naming the list and service.
    pub rule: String,
    /// Whether the rule that failed is a contradiction among the certificate's own
    /// identity fields ([`Error::is_identity_conflict`](crate::Error::is_identity_conflict)):
    /// then the report shows no entity at all, not even as a claim.
    pub identity_conflict: bool,
    /// The legal entity the certificate claims, read through the identity profile of
    /// the service that lists its issuing CA, when it reads one: a claim, not validated.
    pub claimed_entity: Option<LegalEntity>,
}

impl NotRecognised {
    fn rule(rule: String, claimed_entity: Option<LegalEntity>) -> Self {
        Self {
            sub_indication: SubIndication::NotRecognised,
            rule,
            identity_conflict: false,
            claimed_entity,
        }
    }

    /// Which failure to report when several services fail: one that more information
    /// could turn into a pass (no proof of existence) beats a definite rule, which
    /// beats "try later" (a stale list).
    fn rank(&self) -> u8 {
        match self.sub_indication {
            SubIndication::NotRecognisedNoPoe => 2,
            SubIndication::TryLater => 0,
            _ => 1,
        }
    }
}

/// Applies the recognition rules to a validated chain. `accepted` holds the
/// jurisdictions whose lists the relying party accepts; `time` is the validation time
/// and `proven_signing_time` a time at which the signature is proven to have existed
/// (a timestamp), if any: a service's status is read at the proven time (or at `time`
/// if the proof is later), else at `time`. Returns `None` when the store holds no trust
/// list at all (plain anchors: recognition does not apply).
pub fn recognise(
    store: &TrustStore,
    accepted: &BTreeSet<Jurisdiction>,
    chain: &VerifiedChain<'_>,
    time: Time,
    proven_signing_time: Option<Time>,
) -> Option<Result<RecognisedEntity, NotRecognised>> {
    if store.trust_lists().is_empty() {
        return None;
    }
    let leaf = chain.certificates.first()?;
    let anchor = match Certificate::from_der(chain.anchor.der()) {
        Ok(anchor) => anchor,
        Err(e) => {
            return Some(Err(NotRecognised::rule(
                format!("the path's trust anchor does not parse: {e}"),
                None,
            )))
        }
    };
    // The certificate that issued the end-entity certificate: the next one on the path,
    // or the anchor itself when the anchor issued it directly.
    let issuer: &Certificate<'_> = chain.certificates.get(1).copied().unwrap_or(&anchor);
    // Listed CAs match by name and key (a re-issued CA certificate is the listed CA).
    let issuer_id = ListedCa::of(issuer);
    let root_id = ListedCa::of(&anchor);
    let times = Times {
        validation: time,
        proven: proven_signing_time,
    };

    let mut failure: Option<NotRecognised> = None;
    for (list, service) in store.services_listing(&issuer_id, &root_id) {
        match check_service(list, service, accepted, leaf, chain, times) {
            Ok(recognised) => return Some(Ok(recognised)),
            Err(not) => {
                if failure.as_ref().is_none_or(|f| not.rank() > f.rank()) {
                    failure = Some(not);
                }
            }
        }
    }
    let root_listed = store.lists_root(&root_id);
    Some(Err(failure.unwrap_or_else(|| {
        let issuer = issuer.subject_text();
        NotRecognised::rule(
            if root_listed {
                format!("issuing CA \"{issuer}\" is not listed by any trust list service (a path to a listed root through an unlisted sub-CA is not recognised)")
            } else {
                format!("no trust list lists the root or issuing CA \"{issuer}\" of this path")
            },
            None,
        )
    })))
}

/// The validation time and the proven signing time, if any.
#[derive(Clone, Copy)]
struct Times {
    validation: Time,
    proven: Option<Time>,
}

impl Times {
    /// When the service's status is read: the proven signing time, unless it is after
    /// the validation time (a proof cannot date a signature later than it is checked).
    fn status_time(self) -> Time {
        self.proven
            .map_or(self.validation, |proven| proven.min(self.validation))
    }
}

fn check_service(
    list: &TrustList,
    service: &RecognisedService,
    accepted: &BTreeSet<Jurisdiction>,
    leaf: &Certificate<'_>,
    chain: &VerifiedChain<'_>,
    times: Times,
) -> Result<RecognisedEntity, NotRecognised> {
    let named = format!(
        "service \"{}\" of the {} trust list #{}",
        service.name, list.jurisdiction, list.sequence
    );
    let entity = service.identity.extract(leaf);
    let claimed = entity.as_ref().ok().cloned();
    let refuse = |rule: String| NotRecognised::rule(rule, claimed.clone());
    if !accepted.contains(&list.jurisdiction) {
        return Err(refuse(format!(
            "{named}: this relying party does not accept the {} trust list",
            list.jurisdiction
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
            refuse(format!(
                "{named}: no listed policy ({}) is among the certificate's valid policies",
                listed.join(", ")
            ))
        })?;
    if let Some((source, text)) = &service.certificate_type {
        let values = source.read(leaf).unwrap_or_default();
        if !values.iter().any(|value| value == text) {
            return Err(refuse(format!(
                "{named}: certificate type \"{text}\" not found at {source}"
            )));
        }
    }
    let entity = entity.map_err(|e| NotRecognised {
        identity_conflict: e.is_identity_conflict(),
        ..refuse(format!("{named}: identity: {e}"))
    })?;
    entity.org_id.check().map_err(|e| {
        refuse(format!(
            "{named}: organisation identifier {} fails its check: {e}",
            entity.org_id
        ))
    })?;
    let at = times.status_time();
    let status = service.status_at(at);
    if status != ServiceStatus::Recognised {
        let when = match times.proven {
            Some(_) => format!("at the proven signing time {at}"),
            None => format!("at {at}"),
        };
        // Could the signature have been made while the service was recognised? Only
        // between the certificate's notBefore and `at`.
        if service.recognised_during(leaf.not_before(), at) {
            return Err(NotRecognised {
                sub_indication: SubIndication::NotRecognisedNoPoe,
                rule: format!(
                    "{named}: the service was {} {when}; it was recognised earlier in the \
                     certificate's life, but no proof of existence shows the signature was \
                     made then",
                    status.as_str()
                ),
                identity_conflict: false,
                claimed_entity: claimed,
            });
        }
        return Err(refuse(format!(
            "{named}: the service was {} {when}",
            status.as_str()
        )));
    }
    if list.stale {
        return Err(NotRecognised {
            sub_indication: SubIndication::TryLater,
            rule: format!(
                "{named}: the list was due for renewal at {} and was stale when loaded",
                list.next_update
            ),
            identity_conflict: false,
            claimed_entity: claimed,
        });
    }
    // An edition speaks for the times up to its next update: a status read at a later
    // time (a validation time after "now", since a list stale now was caught above) is
    // not known from this edition.
    if at > list.next_update {
        return Err(NotRecognised {
            sub_indication: SubIndication::TryLater,
            rule: format!(
                "{named}: the status at {at} is after the list's next update {}; this \
                 edition does not say what it will be",
                list.next_update
            ),
            identity_conflict: false,
            claimed_entity: claimed,
        });
    }
    Ok(RecognisedEntity {
        recognition: Recognition {
            jurisdiction: list.jurisdiction,
            trust_list_sequence: list.sequence,
            service: service.name.clone(),
            policy,
            status_time: at,
        },
        entity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_read_at_the_proven_time_but_never_after_the_validation_time() {
        let t = |s: &str| Time::parse_rfc3339(s).unwrap();
        let validation = t("2026-06-01T00:00:00Z");
        let at = |proven: Option<&str>| {
            Times {
                validation,
                proven: proven.map(t),
            }
            .status_time()
        };
        assert_eq!(at(None), validation);
        assert_eq!(at(Some("2026-02-01T00:00:00Z")), t("2026-02-01T00:00:00Z"));
        assert_eq!(at(Some("2027-01-01T00:00:00Z")), validation);
    }
}
