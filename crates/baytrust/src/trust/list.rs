//! Trust lists, format `baytrust-trust-list/1` (docs/trust-list.md): the JSON document
//! a jurisdiction's authority publishes, naming the CA services it recognises for
//! cross-border use, and the checked form the library works with.

use serde::{Deserialize, Serialize};

use crate::cert::{Certificate, CertificateDer};
use crate::identity::{IdentityProfile, IdentitySource, Jurisdiction};
use crate::{Error, Time};

/// The one format version this library reads.
pub const TRUST_LIST_FORMAT: &str = "baytrust-trust-list/1";

/// What to do with a list whose `next_update` has passed at the time it is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaleListPolicy {
    /// Refuse it with [`Error::TrustListStale`].
    Refuse,
    /// Load it anyway; the verifier reports `INDETERMINATE` for every validation that
    /// relies on it.
    AcceptAsIndeterminate,
}

/// The JSON document exactly as published (unknown fields are refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustListDocument {
    /// Always `baytrust-trust-list/1`.
    pub format: String,
    /// The publishing jurisdiction: `CN`, `HK` or `MO`.
    pub jurisdiction: String,
    /// The name of the publishing authority.
    pub operator: String,
    /// Grows with every edition.
    pub sequence: u64,
    /// When this edition was issued (RFC 3339).
    pub issued: String,
    /// When the next edition is due (RFC 3339); after it this one is stale.
    pub next_update: String,
    /// The recognised services.
    pub services: Vec<ServiceDocument>,
}

/// One recognised CA service, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDocument {
    /// The service's name.
    pub name: String,
    /// Base64 DER root certificates.
    pub roots: Vec<String>,
    /// Base64 DER issuing CA certificates: recognised end-entity certificates are
    /// issued by one of these.
    pub issuing_cas: Vec<String>,
    /// Text that must appear in the certificate, and where.
    pub certificate_type: Option<CertificateTypeDocument>,
    /// Policy OIDs, one of which the certificate must carry.
    pub policies: Vec<PolicyDocument>,
    /// Where the legal entity is read.
    pub identity: IdentityDocument,
    /// From when until when the service had which status.
    pub status_history: Vec<StatusDocument>,
}

/// `{"attribute": "subject:<OID>", "value": "<exact text>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateTypeDocument {
    /// A source: `subject:<OID>` or `extension:<OID>`.
    pub attribute: String,
    /// The exact text one value at that source must have.
    pub value: String,
}

/// How a listed policy OID matches a certificate's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyMatch {
    /// The certificate's OID equals the listed one or lies under its arc.
    Prefix,
    /// The certificate's OID equals the listed one.
    Exact,
}

/// `{"oid": "<dotted>", "match": "prefix" | "exact"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// The dotted OID.
    pub oid: String,
    /// How it matches.
    #[serde(rename = "match")]
    pub match_: PolicyMatch,
}

/// The identity profile of a service's certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityDocument {
    /// Source of the organisation name.
    pub organisation: String,
    /// Source of the registration number.
    pub org_id: String,
    /// A regex with one capture group taking the number from a longer value.
    pub org_id_pattern: Option<String>,
    /// Source of the authorised person.
    pub authorised_person: Option<String>,
}

/// A service status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceStatus {
    /// Certificates issued under the service are recognised.
    Recognised,
    /// Recognition is paused.
    Suspended,
    /// Recognition has ended.
    Withdrawn,
}

impl ServiceStatus {
    /// `recognised`, `suspended` or `withdrawn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recognised => "recognised",
            Self::Suspended => "suspended",
            Self::Withdrawn => "withdrawn",
        }
    }
}

/// `{"status", "from", "until": null | time}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDocument {
    /// The status in this period.
    pub status: ServiceStatus,
    /// Start of the period (RFC 3339), inclusive.
    pub from: String,
    /// End of the period (RFC 3339), exclusive; null = until further notice.
    pub until: Option<String>,
}

/// A listed policy, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    /// The dotted OID.
    pub oid: String,
    /// How it matches.
    pub match_: PolicyMatch,
}

impl PolicyRule {
    /// Whether a certificate's policy OID `candidate` satisfies this rule.
    pub fn matches(&self, candidate: &str) -> bool {
        match self.match_ {
            PolicyMatch::Exact => candidate == self.oid,
            PolicyMatch::Prefix => {
                candidate == self.oid
                    || candidate
                        .strip_prefix(self.oid.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            }
        }
    }
}

/// One period of a service's status history, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusPeriod {
    /// The status.
    pub status: ServiceStatus,
    /// Inclusive start.
    pub from: Time,
    /// Exclusive end; `None` = until further notice.
    pub until: Option<Time>,
}

impl StatusPeriod {
    /// Whether `time` falls in this period.
    pub fn covers(&self, time: Time) -> bool {
        self.from <= time && self.until.is_none_or(|until| time < until)
    }
}

/// A recognised service, checked: certificates parsed, sources and pattern compiled,
/// times read.
#[derive(Debug, Clone)]
pub struct RecognisedService {
    /// The service's name.
    pub name: String,
    /// Root certificates.
    pub roots: Vec<CertificateDer>,
    /// Issuing CA certificates.
    pub issuing_cas: Vec<CertificateDer>,
    /// Where the certificate-type text must appear, and the text.
    pub certificate_type: Option<(IdentitySource, String)>,
    /// Listed policies.
    pub policies: Vec<PolicyRule>,
    /// The identity profile.
    pub identity: IdentityProfile,
    /// Status periods in document order.
    pub status_history: Vec<StatusPeriod>,
}

impl RecognisedService {
    /// The service's status at `time`: that of the period covering it, or
    /// `Withdrawn` outside every period (not yet or no longer listed).
    pub fn status_at(&self, time: Time) -> ServiceStatus {
        self.status_history
            .iter()
            .find(|period| period.covers(time))
            .map(|period| period.status)
            .unwrap_or(ServiceStatus::Withdrawn)
    }

    /// Whether the service was `recognised` at some instant of `[from, until]`: could a
    /// signature made in that window have been recognised?
    pub fn recognised_during(&self, from: Time, until: Time) -> bool {
        from <= until
            && self.status_history.iter().any(|period| {
                period.status == ServiceStatus::Recognised
                    && period.from <= until
                    && period.until.is_none_or(|end| from < end)
            })
    }
}

/// A trust list, checked, from a signed or (insecurely) an unsigned document.
#[derive(Debug, Clone)]
pub struct TrustList {
    /// The publishing jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The publishing authority.
    pub operator: String,
    /// The edition's sequence number.
    pub sequence: u64,
    /// When it was issued.
    pub issued: Time,
    /// When the next edition is due.
    pub next_update: Time,
    /// The recognised services.
    pub services: Vec<RecognisedService>,
    /// Whether the list was already past its `next_update` at the time it was loaded
    /// ("now", [`TrustList::load_signed`] under
    /// [`StaleListPolicy::AcceptAsIndeterminate`]): what only it recognises is then
    /// `INDETERMINATE` / `TRY_LATER`. Always `false` for lists read without a load time.
    pub stale: bool,
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::TrustListMalformed {
        reason: reason.into(),
    }
}

fn time_field(field: &str, text: &str) -> Result<Time, Error> {
    Time::parse_rfc3339(text)
        .map_err(|_| malformed(format!("{field}: {text:?} is not an RFC 3339 time")))
}

fn certificates_field(
    service: &str,
    field: &str,
    values: &[String],
) -> Result<Vec<CertificateDer>, Error> {
    use base64::Engine;
    if values.is_empty() {
        return Err(malformed(format!("service {service:?}: {field} is empty")));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let der = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| {
                    malformed(format!(
                        "service {service:?}: {field}[{i}] is not base64: {e}"
                    ))
                })?;
            Certificate::from_der(&der)
                .map_err(|e| malformed(format!("service {service:?}: {field}[{i}]: {e}")))?;
            Ok(CertificateDer::from_vec(der))
        })
        .collect()
}

impl TrustList {
    /// Reads the JSON of a `baytrust-trust-list/1` document and checks it, without any
    /// signature: for tests and development only — a relying party must load signed
    /// lists ([`TrustList::load_signed`]).
    pub fn from_json_unsigned_insecure(json: &[u8]) -> Result<Self, Error> {
        let document: TrustListDocument =
            serde_json::from_slice(json).map_err(|e| malformed(e.to_string()))?;
        Self::from_document(&document)
    }

    /// Checks a parsed document: format version, jurisdiction, times, every service's
    /// certificates, sources, pattern, policies and status periods.
    pub fn from_document(document: &TrustListDocument) -> Result<Self, Error> {
        if document.format != TRUST_LIST_FORMAT {
            return Err(Error::TrustListFormatUnknown {
                format: document.format.clone(),
            });
        }
        let jurisdiction: Jurisdiction = document.jurisdiction.parse()?;
        let issued = time_field("issued", &document.issued)?;
        let next_update = time_field("next_update", &document.next_update)?;
        if next_update <= issued {
            return Err(malformed("next_update is not after issued"));
        }
        let services = document
            .services
            .iter()
            .map(|service| Self::service(jurisdiction, service))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            jurisdiction,
            operator: document.operator.clone(),
            sequence: document.sequence,
            issued,
            next_update,
            services,
            stale: false,
        })
    }

    fn service(
        jurisdiction: Jurisdiction,
        service: &ServiceDocument,
    ) -> Result<RecognisedService, Error> {
        let name = &service.name;
        let in_service = |e: Error| malformed(format!("service {name:?}: {e}"));
        let certificate_type = service
            .certificate_type
            .as_ref()
            .map(|rule| {
                rule.attribute
                    .parse::<IdentitySource>()
                    .map(|source| (source, rule.value.clone()))
            })
            .transpose()
            .map_err(in_service)?;
        let policies = service
            .policies
            .iter()
            .map(|p| {
                let dotted = p.oid.split('.').count() >= 2
                    && p.oid
                        .split('.')
                        .all(|arc| !arc.is_empty() && arc.bytes().all(|b| b.is_ascii_digit()));
                if dotted {
                    Ok(PolicyRule {
                        oid: p.oid.clone(),
                        match_: p.match_,
                    })
                } else {
                    Err(malformed(format!(
                        "service {name:?}: policy {:?} is not a dotted OID of at least two arcs",
                        p.oid
                    )))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        if policies.is_empty() {
            return Err(malformed(format!("service {name:?}: policies is empty")));
        }
        let identity = IdentityProfile::new(
            jurisdiction,
            &service.identity.organisation,
            &service.identity.org_id,
            service.identity.org_id_pattern.as_deref(),
            service.identity.authorised_person.as_deref(),
        )
        .map_err(in_service)?;
        let status_history = service
            .status_history
            .iter()
            .map(|period| {
                let from = time_field("status_history.from", &period.from)?;
                let until = period
                    .until
                    .as_deref()
                    .map(|t| time_field("status_history.until", t))
                    .transpose()?;
                if until.is_some_and(|until| until <= from) {
                    return Err(malformed(format!(
                        "service {name:?}: a status period ends before it starts"
                    )));
                }
                Ok(StatusPeriod {
                    status: period.status,
                    from,
                    until,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        for (i, a) in status_history.iter().enumerate() {
            for b in status_history.iter().skip(i.saturating_add(1)) {
                let a_before_b = a.until.is_some_and(|until| until <= b.from);
                let b_before_a = b.until.is_some_and(|until| until <= a.from);
                if !(a_before_b || b_before_a) {
                    return Err(malformed(format!(
                        "service {name:?}: status periods overlap"
                    )));
                }
            }
        }
        Ok(RecognisedService {
            name: name.clone(),
            roots: certificates_field(name, "roots", &service.roots)?,
            issuing_cas: certificates_field(name, "issuing_cas", &service.issuing_cas)?,
            certificate_type,
            policies,
            identity,
            status_history,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_match_respects_arc_boundaries() {
        let rule = PolicyRule {
            oid: "2.16.344.8.2.2008.810.2".into(),
            match_: PolicyMatch::Prefix,
        };
        assert!(rule.matches("2.16.344.8.2.2008.810.2"));
        assert!(rule.matches("2.16.344.8.2.2008.810.2.2018.1.1"));
        assert!(!rule.matches("2.16.344.8.2.2008.810.21"));
        let exact = PolicyRule {
            oid: "2.16.344.8.2.2008.810.2.2018.1.1".into(),
            match_: PolicyMatch::Exact,
        };
        assert!(exact.matches("2.16.344.8.2.2008.810.2.2018.1.1"));
        assert!(!exact.matches("2.16.344.8.2.2008.810.2.2018.1.2"));
    }

    #[test]
    fn status_period_is_half_open() {
        let t = |s: &str| Time::parse_rfc3339(s).unwrap();
        let period = StatusPeriod {
            status: ServiceStatus::Recognised,
            from: t("2024-01-01T00:00:00Z"),
            until: Some(t("2025-01-01T00:00:00Z")),
        };
        assert!(period.covers(t("2024-01-01T00:00:00Z")));
        assert!(!period.covers(t("2025-01-01T00:00:00Z")));
        assert!(!period.covers(t("2023-12-31T23:59:59Z")));
    }

    #[test]
    fn recognised_during_asks_whether_a_recognised_period_meets_the_window() {
        let t = |s: &str| Time::parse_rfc3339(s).unwrap();
        let service = TrustList::from_json_unsigned_insecure(
            &std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../testdata/trust-lists/hk.json"
            ))
            .unwrap(),
        )
        .unwrap()
        .services
        .remove(1);
        // The 2018 series: recognised [2018-01-01, 2026-03-01), withdrawn since.
        let during = |from: &str, until: &str| service.recognised_during(t(from), t(until));
        assert!(during("2025-01-01T00:00:00Z", "2026-06-01T00:00:00Z"));
        assert!(during("2026-02-28T23:59:59Z", "2026-06-01T00:00:00Z"));
        assert!(!during("2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z"));
        assert!(!during("2010-01-01T00:00:00Z", "2017-12-31T23:59:59Z"));
        assert!(during("2010-01-01T00:00:00Z", "2018-01-01T00:00:00Z"));
        // An empty window (from after until) holds nothing.
        assert!(!during("2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z"));
    }
}
