//! `RevocationStatus`: what the revocation sources say about one certificate at the
//! validation time, and which source said it.

use super::reason::ReasonCode;
use crate::Time;

/// Where a status came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatusSource {
    /// A complete CRL, possibly combined with a delta CRL.
    Crl {
        /// The CRL issuer.
        issuer: String,
        /// Its cRLNumber in hex, when it has one.
        crl_number: Option<String>,
        /// Its thisUpdate.
        this_update: Time,
        /// The cRLNumber of the delta CRL applied on top, when one was.
        delta_crl_number: Option<String>,
    },
    /// An OCSP response.
    Ocsp {
        /// The responder, as its ResponderID names it.
        responder: String,
        /// producedAt.
        produced_at: Time,
        /// The SingleResponse's thisUpdate.
        this_update: Time,
        /// Whether a delegated responder signed it (rather than the CA itself).
        delegated: bool,
        /// Whether that responder's certificate carries id-pkix-ocsp-nocheck
        /// (RFC 6960 §4.2.2.2.1): when it does not, its own revocation status is for
        /// the caller to check.
        responder_nocheck: bool,
    },
}

/// The revocation status of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RevocationStatus {
    /// Not revoked: a fresh OCSP `good`, or CRLs that together cover every reason and
    /// do not list it.
    Good {
        /// The source.
        source: StatusSource,
    },
    /// Revoked.
    Revoked {
        /// revocationDate / revocationTime.
        time: Time,
        /// The reason, when the source gives one.
        reason: Option<ReasonCode>,
        /// invalidityDate of the CRL entry, when present.
        invalidity_date: Option<Time>,
        /// The source.
        source: StatusSource,
    },
    /// An OCSP responder answered `unknown` (RFC 6960 §2.2).
    Unknown {
        /// The source.
        source: StatusSource,
    },
    /// No source speaks of this certificate.
    NotChecked,
}

impl RevocationStatus {
    /// The source, unless nothing was checked.
    pub fn source(&self) -> Option<&StatusSource> {
        match self {
            Self::Good { source } | Self::Revoked { source, .. } | Self::Unknown { source } => {
                Some(source)
            }
            Self::NotChecked => None,
        }
    }

    /// Whether the status is revoked.
    pub fn is_revoked(&self) -> bool {
        matches!(self, Self::Revoked { .. })
    }
}
