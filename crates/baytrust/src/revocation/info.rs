//! `RevocationInfo`: the public, owned description of a CRL or an OCSP response — for
//! tools that show one without judging it (revocation checking happens inside path
//! validation, from [`RevocationSources`]).

use super::{CertStatus, Crl, OcspResponse, ReasonCode, RevocationSources};
use crate::Time;

/// A CRL or an OCSP response, described ([`RevocationInfo::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationInfo {
    /// A CRL or delta CRL.
    Crl(CrlInfo),
    /// An OCSP response.
    Ocsp(OcspInfo),
}

/// What a CRL says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlInfo {
    /// Whether it is a delta CRL (deltaCRLIndicator).
    pub delta: bool,
    /// The issuer, as text.
    pub issuer: String,
    /// cRLNumber in hex.
    pub crl_number: Option<String>,
    /// thisUpdate.
    pub this_update: Time,
    /// nextUpdate (absent: never stale).
    pub next_update: Option<Time>,
    /// How many revoked certificates it lists.
    pub entries: usize,
    /// The issuingDistributionPoint scope, in words (`all certificates` without one).
    pub scope: Vec<String>,
}

/// What an OCSP response says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcspInfo {
    /// The responder, as its ResponderID names it.
    pub responder: String,
    /// producedAt.
    pub produced_at: Time,
    /// Each SingleResponse.
    pub responses: Vec<OcspSingleInfo>,
    /// How many certificates the response carries (a delegated responder's).
    pub certificates: usize,
}

/// One SingleResponse of an OCSP response (serialised as `verify-sig inspect --json`
/// prints it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OcspSingleInfo {
    /// The certificate's serial number, upper-case hex.
    pub serial: String,
    /// `good`, `revoked` or `unknown`.
    pub status: &'static str,
    /// For `revoked`: revocationTime.
    pub revoked_at: Option<Time>,
    /// For `revoked`: the reason, when given.
    pub reason: Option<ReasonCode>,
    /// thisUpdate.
    pub this_update: Time,
    /// nextUpdate.
    pub next_update: Option<Time>,
}

impl RevocationInfo {
    /// Describes `input` (DER or PEM) if it is one CRL or one OCSP response that
    /// [`RevocationSources`] would accept; `None` otherwise.
    pub fn parse(input: &[u8]) -> Option<Self> {
        let mut sources = RevocationSources::new();
        if sources.add_crl(input).ok() == Some(1) {
            return sources.crls().first().map(|crl| Self::Crl(CrlInfo::of(crl)));
        }
        if sources.add_ocsp_response(input).ok() == Some(1) {
            return sources
                .ocsp_responses()
                .first()
                .map(|response| Self::Ocsp(OcspInfo::of(response)));
        }
        None
    }
}

impl CrlInfo {
    fn of(crl: &Crl) -> Self {
        let scope = crl.scope();
        let mut words = Vec::new();
        if scope.only_user_certs {
            words.push("only end-entity certificates".to_owned());
        }
        if scope.only_ca_certs {
            words.push("only CA certificates".to_owned());
        }
        if scope.only_attribute_certs {
            words.push("only attribute certificates".to_owned());
        }
        if let Some(reasons) = scope.only_some_reasons {
            words.push(format!("only reasons {reasons}"));
        }
        if scope.indirect {
            words.push("indirect".to_owned());
        }
        if words.is_empty() {
            words.push("all certificates".to_owned());
        }
        Self {
            delta: crl.is_delta(),
            issuer: crl.issuer_text().to_owned(),
            crl_number: crl.crl_number_hex(),
            this_update: crl.this_update(),
            next_update: crl.next_update(),
            entries: crl.entry_count(),
            scope: words,
        }
    }
}

impl OcspInfo {
    fn of(response: &OcspResponse) -> Self {
        Self {
            responder: response.responder().text(),
            produced_at: response.produced_at(),
            responses: response
                .responses()
                .iter()
                .map(|single| {
                    let (status, revoked_at, reason) = match &single.status {
                        CertStatus::Good => ("good", None, None),
                        CertStatus::Revoked { time, reason } => ("revoked", Some(*time), *reason),
                        CertStatus::Unknown => ("unknown", None, None),
                    };
                    OcspSingleInfo {
                        serial: single
                            .cert_id
                            .serial
                            .iter()
                            .map(|b| format!("{b:02X}"))
                            .collect(),
                        status,
                        revoked_at,
                        reason,
                        this_update: single.this_update,
                        next_update: single.next_update,
                    }
                })
                .collect(),
            certificates: response.certificates().count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_a_delta_crl_and_a_revoked_ocsp_answer() {
        let delta = include_bytes!("../../../../testdata/revocation/crl/cn-issuing-ca-delta.crl");
        match RevocationInfo::parse(delta) {
            Some(RevocationInfo::Crl(crl)) => {
                assert!(crl.delta);
                assert!(crl.issuer.contains("CN="), "{}", crl.issuer);
            }
            other => panic!("{other:?}"),
        }
        let revoked = include_bytes!("../../../../testdata/revocation/ocsp/hk-revoked.der");
        match RevocationInfo::parse(revoked) {
            Some(RevocationInfo::Ocsp(ocsp)) => {
                assert_eq!(ocsp.responses.len(), 1);
                assert_eq!(ocsp.responses[0].status, "revoked");
                assert!(ocsp.responses[0].revoked_at.is_some());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn garbage_is_neither_a_crl_nor_an_ocsp_response() {
        assert_eq!(RevocationInfo::parse(b"not a CRL"), None);
    }
}
