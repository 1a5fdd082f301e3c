//! Revocation checking of a validated path (RFC 5280 §6.3, issue 10): the
//! [`RevocationMode`] and [`RevocationOptions`] a path validation runs with, the status
//! of each certificate of the path looked up in the caller's [`RevocationSources`]
//! ([`path_statuses`]), and the policy that turns those statuses into a verdict
//! ([`revocation_verdict`]).
//!
//! Revocation is judged **per path**: the builder looks up the statuses of the first
//! path that validates and does not go looking for another path when one of its
//! certificates is revoked or has no status (a revoked certificate is reported, not
//! routed around).

use crate::algorithm::AlgorithmPolicy;
use crate::cert::Certificate;
use crate::revocation::{RevocationIssuer, RevocationSources, RevocationStatus};
use crate::{Error, Time};

/// How a missing or unusable revocation status is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationMode {
    /// Every certificate below the anchor needs a status (`Good`, or a revocation that
    /// a proven signing time predates): otherwise the path is refused with
    /// [`Error::RevocationStatusUnavailable`] (INDETERMINATE / TRY_LATER).
    Require,
    /// The sources at hand are used (a revoked certificate still fails), and the
    /// report says which certificates had no status.
    #[default]
    Prefer,
    /// No revocation checking: no status is looked up.
    Off,
}

impl RevocationMode {
    /// The name on the command line and in reports: `require`, `prefer`, `off`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Require => "require",
            Self::Prefer => "prefer",
            Self::Off => "off",
        }
    }

    /// Reads `require`, `prefer` or `off`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "require" => Some(Self::Require),
            "prefer" => Some(Self::Prefer),
            "off" => Some(Self::Off),
            _ => None,
        }
    }
}

/// The most separate CRL-signing certificates (not on the path) whose own paths one
/// path validation validates.
pub const MAX_SEPARATE_CRL_SIGNERS: usize = 8;

/// The revocation inputs of one path validation.
#[derive(Debug, Clone, Default)]
pub struct RevocationOptions<'a> {
    /// The mode; `None`: the verifier's relying-party policy decides (and
    /// [`verify_chain`](crate::path::verify_chain) alone uses
    /// [`RevocationMode::Prefer`]).
    pub mode: Option<RevocationMode>,
    /// The CRLs and OCSP responses to consult, each holder on its own (a CRL and its
    /// delta CRL, or CRLs that cover reasons only together, must be in one holder).
    pub sources: Vec<&'a RevocationSources>,
    /// Clock skew tolerated on thisUpdate / nextUpdate, in seconds.
    pub skew_seconds: i64,
    /// A time at which the signature is proven to have existed: a revocation after it
    /// does not count; one before it is TOTAL_FAILED / REVOKED.
    pub proven_signing_time: Option<Time>,
}

impl RevocationOptions<'_> {
    /// The mode in force.
    pub fn effective_mode(&self) -> RevocationMode {
        self.mode.unwrap_or_default()
    }
}

/// The statuses of `path` (end entity first, anchor excluded; `anchor` the anchor's
/// certificate) in every holder of `options.sources`, combined per certificate as the
/// core combines sources: any `Revoked` wins, then `Good`, then `Unknown`, then the
/// first error, else `NotChecked`. `extra_crl_signers` must have validated paths.
pub(crate) fn path_statuses(
    path: &[Certificate<'_>],
    anchor: &Certificate<'_>,
    time: Time,
    options: &RevocationOptions<'_>,
    extra_crl_signers: &[Certificate<'_>],
    algorithm_policy: &AlgorithmPolicy<'_>,
) -> Vec<Result<RevocationStatus, Error>> {
    let mut combined: Vec<Result<RevocationStatus, Error>> = path
        .iter()
        .map(|_| Ok(RevocationStatus::NotChecked))
        .collect();
    if options.effective_mode() == RevocationMode::Off {
        return combined;
    }
    let issuer = RevocationIssuer::of_certificate(anchor);
    for sources in options.sources.iter().filter(|s| !s.is_empty()) {
        let statuses = sources.status_of_path(
            path,
            &issuer,
            time,
            options.skew_seconds,
            extra_crl_signers,
            algorithm_policy,
        );
        for (slot, status) in combined.iter_mut().zip(statuses) {
            if precedence(&status) > precedence(slot) {
                *slot = status;
            }
        }
    }
    combined
}

fn precedence(status: &Result<RevocationStatus, Error>) -> u8 {
    match status {
        Ok(RevocationStatus::Revoked { .. }) => 4,
        Ok(RevocationStatus::Good { .. }) => 3,
        Ok(RevocationStatus::Unknown { .. }) => 2,
        Err(_) => 1,
        Ok(RevocationStatus::NotChecked) => 0,
    }
}

/// Whether a status leaves the certificate in need of another source (so that
/// separate CRL signers are worth validating).
pub(crate) fn wants_more(status: &Result<RevocationStatus, Error>) -> bool {
    !matches!(
        status,
        Ok(RevocationStatus::Good { .. }) | Ok(RevocationStatus::Revoked { .. })
    )
}

/// The policy over the statuses of a path (`statuses[i]` of depth `i`):
/// 1. the revoked certificate nearest the anchor decides (a revoked CA revokes
///    everything below it): a proven signing time before its revocation makes it not
///    count; otherwise [`Error::CertificateRevoked`] (with the proven time, if any, that
///    the revocation predates);
/// 2. under [`RevocationMode::Require`], the first certificate (from the end entity)
///    without a status — `NotChecked`, OCSP `Unknown` or a refused source — fails with
///    [`Error::RevocationStatusUnavailable`].
pub fn revocation_verdict(
    statuses: &[Result<RevocationStatus, Error>],
    mode: RevocationMode,
    proven_signing_time: Option<Time>,
) -> Result<(), Error> {
    if mode == RevocationMode::Off {
        return Ok(());
    }
    for (depth, status) in statuses.iter().enumerate().rev() {
        if let Ok(RevocationStatus::Revoked { time, reason, .. }) = status {
            match proven_signing_time {
                Some(proven) if proven < *time => continue,
                proven => {
                    return Err(Error::CertificateRevoked {
                        depth,
                        revoked_at: *time,
                        reason: reason.map(|r| r.to_string()),
                        proven_signing_time: proven,
                    })
                }
            }
        }
    }
    if mode == RevocationMode::Require {
        for (depth, status) in statuses.iter().enumerate() {
            let problem = match status {
                Ok(RevocationStatus::Good { .. }) | Ok(RevocationStatus::Revoked { .. }) => {
                    continue
                }
                Ok(RevocationStatus::NotChecked) => "no CRL or OCSP response covers it".to_owned(),
                Ok(RevocationStatus::Unknown { .. }) => {
                    "the OCSP responder answered unknown".to_owned()
                }
                Err(e) => e.to_string(),
            };
            return Err(Error::RevocationStatusUnavailable { depth, problem });
        }
    }
    Ok(())
}
