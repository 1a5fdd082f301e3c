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
use crate::cert::ComparableName;
use crate::revocation::{
    RevocationIssuer, RevocationSources, RevocationStatus, StatusQuery, StatusSource,
};
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
    /// `verify_chain` alone uses
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
/// first error, else `NotChecked`. `extra_crl_signers` must have validated paths. A
/// `good` from a delegated OCSP responder without id-pkix-ocsp-nocheck then has the
/// responder's own status checked ([`check_responders`]).
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
    check_responders(
        path,
        anchor,
        time,
        options,
        extra_crl_signers,
        algorithm_policy,
        &mut combined,
    );
    combined
}

/// The most responder certificates checked for one certificate's status.
const MAX_RESPONDERS_CHECKED: usize = 4;

/// RFC 6960 §4.2.2.2.1: a delegated responder's certificate without
/// id-pkix-ocsp-nocheck has a revocation status of its own, which the relying party
/// checks. For each certificate whose status is such a responder's `good`, the
/// responder certificates carried by the matching responses (issued under the same
/// name as the certificate) are looked up in the same sources: one revoked makes the
/// status [`Error::OcspResponderRevoked`]; under `require`, one without a good status
/// makes it [`Error::OcspResponderStatusUnavailable`].
fn check_responders(
    path: &[Certificate<'_>],
    anchor: &Certificate<'_>,
    time: Time,
    options: &RevocationOptions<'_>,
    extra_crl_signers: &[Certificate<'_>],
    algorithm_policy: &AlgorithmPolicy<'_>,
    combined: &mut [Result<RevocationStatus, Error>],
) {
    let signers: Vec<Certificate<'_>> = extra_crl_signers.iter().chain(path).cloned().collect();
    for (depth, slot) in combined.iter_mut().enumerate() {
        let responder = match slot {
            Ok(RevocationStatus::Good {
                source:
                    StatusSource::Ocsp {
                        responder,
                        delegated: true,
                        responder_nocheck: false,
                        ..
                    },
            }) => responder.clone(),
            _ => continue,
        };
        let (Some(certificate), Some(issuer_certificate)) = (
            path.get(depth),
            depth
                .checked_add(1)
                .and_then(|above| path.get(above))
                .or(Some(anchor)),
        ) else {
            continue;
        };
        let issuer = RevocationIssuer::of_certificate(issuer_certificate);
        let mut responder_certificates: Vec<Certificate<'_>> = Vec::new();
        for sources in &options.sources {
            for response in sources.ocsp_responses() {
                if response.responder().text() != responder
                    || response.single_response_for(certificate, &issuer).is_none()
                {
                    continue;
                }
                for der in response.certificates() {
                    let Ok(candidate) = Certificate::from_der(der) else {
                        continue;
                    };
                    let issued_here = ComparableName::of(candidate.issuer()) == *issuer.name();
                    let new = responder_certificates
                        .iter()
                        .all(|known| known.der() != candidate.der());
                    if issued_here && new && responder_certificates.len() < MAX_RESPONDERS_CHECKED {
                        responder_certificates.push(candidate);
                    }
                }
            }
        }
        for responder_certificate in &responder_certificates {
            let mut status: Result<RevocationStatus, Error> = Ok(RevocationStatus::NotChecked);
            for sources in options.sources.iter().filter(|s| !s.is_empty()) {
                let found = sources.status_with(&StatusQuery {
                    certificate: responder_certificate,
                    issuer: issuer.clone(),
                    time,
                    skew_seconds: options.skew_seconds,
                    crl_signers: &signers,
                    algorithm_policy: *algorithm_policy,
                });
                // A responder does not vouch for itself.
                let self_vouched = matches!(
                    &found,
                    Ok(RevocationStatus::Good {
                        source: StatusSource::Ocsp { responder: by, .. },
                    }) if *by == responder
                );
                if !self_vouched && precedence(&found) > precedence(&status) {
                    status = found;
                }
            }
            let refusal = match status {
                Ok(RevocationStatus::Revoked { time, .. }) => Some(Error::OcspResponderRevoked {
                    responder: responder.clone(),
                    revoked_at: time,
                }),
                Ok(RevocationStatus::Good { .. }) => None,
                _ if options.effective_mode() != RevocationMode::Require => None,
                Ok(RevocationStatus::Unknown { .. }) => {
                    Some(Error::OcspResponderStatusUnavailable {
                        responder: responder.clone(),
                        problem: "its responder answered unknown".to_owned(),
                    })
                }
                Ok(RevocationStatus::NotChecked) => Some(Error::OcspResponderStatusUnavailable {
                    responder: responder.clone(),
                    problem: "no CRL or OCSP response covers it".to_owned(),
                }),
                Err(e) => Some(Error::OcspResponderStatusUnavailable {
                    responder: responder.clone(),
                    problem: e.to_string(),
                }),
            };
            if let Some(refusal) = refusal {
                *slot = Err(refusal);
                break;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revocation::test_support::{ca, ecdsa_sha256, entry, CrlSpec};
    use crate::revocation::CertIdHash;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend([0x81, len as u8]);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn time() -> Time {
        Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
    }

    /// An OCSP `good` for `leaf` under `issuer`, signed by `responder` (byName) and
    /// carrying its certificate.
    fn ocsp_good(
        leaf: &Certificate<'_>,
        issuer: &Certificate<'_>,
        responder: &Certificate<'_>,
        key: &rcgen::KeyPair,
    ) -> Vec<u8> {
        use rcgen::SigningKey;
        let sha1 = tlv(
            0x30,
            &[tlv(0x06, &[0x2B, 0x0E, 0x03, 0x02, 0x1A]), tlv(0x05, &[])].concat(),
        );
        let cert_id = tlv(
            0x30,
            &[
                sha1,
                tlv(0x04, &CertIdHash::Sha1.digest(issuer.subject().as_raw())),
                tlv(
                    0x04,
                    &CertIdHash::Sha1.digest(&issuer.spki().subject_public_key.data),
                ),
                tlv(0x02, leaf.serial()),
            ]
            .concat(),
        );
        let single = tlv(
            0x30,
            &[
                cert_id,
                tlv(0x80, &[]),
                tlv(0x18, b"20260515000000Z"),
                tlv(0xA0, &tlv(0x18, b"20260614000000Z")),
            ]
            .concat(),
        );
        let data = tlv(
            0x30,
            &[
                tlv(0xA1, responder.subject().as_raw()),
                tlv(0x18, b"20260515000000Z"),
                tlv(0x30, &single),
            ]
            .concat(),
        );
        let signature = key.sign(&data).unwrap();
        let basic = tlv(
            0x30,
            &[
                data,
                ecdsa_sha256(),
                tlv(0x03, &[&[0u8][..], &signature].concat()),
                tlv(0xA0, &tlv(0x30, responder.der())),
            ]
            .concat(),
        );
        let bytes = tlv(
            0x30,
            &[
                tlv(
                    0x06,
                    &[0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01],
                ),
                tlv(0x04, &basic),
            ]
            .concat(),
        );
        tlv(0x30, &[tlv(0x0A, &[0]), tlv(0xA0, &bytes)].concat())
    }

    struct Fixture {
        ca_der: Vec<u8>,
        ca_key: rcgen::KeyPair,
        leaf_der: Vec<u8>,
        ocsp: Vec<u8>,
    }

    /// A CA, a leaf (serial 0x10) and an OCSP `good` for it by a delegated responder
    /// (serial 0x20) without ocsp-nocheck.
    fn fixture() -> Fixture {
        let test_ca = ca("Test CA", true);
        let leaf_der = test_ca.issue("Leaf", 0x10, None, false);
        let (responder_der, responder_key) = test_ca.issue_ocsp_responder("Responder", 0x20);
        let ocsp = {
            let ca_cert = Certificate::from_der(&test_ca.der).unwrap();
            let leaf = Certificate::from_der(&leaf_der).unwrap();
            let responder = Certificate::from_der(&responder_der).unwrap();
            ocsp_good(&leaf, &ca_cert, &responder, &responder_key)
        };
        Fixture {
            ca_der: test_ca.der,
            ca_key: test_ca.key,
            leaf_der,
            ocsp,
        }
    }

    fn statuses(
        fixture: &Fixture,
        crls: &[Vec<u8>],
        mode: RevocationMode,
    ) -> Result<RevocationStatus, Error> {
        let mut sources = RevocationSources::new();
        sources.add_ocsp_response(&fixture.ocsp).unwrap();
        for crl in crls {
            sources.add_crl(crl).unwrap();
        }
        let options = RevocationOptions {
            mode: Some(mode),
            sources: vec![&sources],
            ..RevocationOptions::default()
        };
        let anchor = Certificate::from_der(&fixture.ca_der).unwrap();
        let leaf = Certificate::from_der(&fixture.leaf_der).unwrap();
        path_statuses(
            &[leaf],
            &anchor,
            time(),
            &options,
            &[],
            &AlgorithmPolicy::default(),
        )
        .remove(0)
    }

    #[test]
    fn delegated_responder_without_nocheck_needs_its_own_status_under_require() {
        let fixture = fixture();
        assert_eq!(
            statuses(&fixture, &[], RevocationMode::Require),
            Err(Error::OcspResponderStatusUnavailable {
                responder: "CN=Responder".into(),
                problem: "no CRL or OCSP response covers it".into(),
            })
        );
        // Under prefer, the good stands (the report shows responder_nocheck: false).
        assert!(matches!(
            statuses(&fixture, &[], RevocationMode::Prefer),
            Ok(RevocationStatus::Good {
                source: StatusSource::Ocsp {
                    responder_nocheck: false,
                    ..
                }
            })
        ));
        // The CA's CRL, listing neither, gives the responder its status.
        let crl = CrlSpec::new("Test CA").signed(&fixture.ca_key);
        assert!(matches!(
            statuses(&fixture, &[crl], RevocationMode::Require),
            Ok(RevocationStatus::Good {
                source: StatusSource::Ocsp { .. }
            })
        ));
    }

    #[test]
    fn good_from_a_revoked_delegated_responder_is_not_accepted() {
        let fixture = fixture();
        let mut spec = CrlSpec::new("Test CA");
        spec.entries = vec![entry(&[0x20], &[])];
        let crl = spec.signed(&fixture.ca_key);
        for mode in [RevocationMode::Prefer, RevocationMode::Require] {
            assert_eq!(
                statuses(&fixture, std::slice::from_ref(&crl), mode),
                Err(Error::OcspResponderRevoked {
                    responder: "CN=Responder".into(),
                    revoked_at: Time::parse_rfc3339("2026-04-01T00:00:00Z").unwrap(),
                })
            );
        }
    }

    #[test]
    fn verdict_takes_the_revoked_certificate_nearest_the_anchor() {
        let revoked = |at: &str| {
            Ok(RevocationStatus::Revoked {
                time: Time::parse_rfc3339(at).unwrap(),
                reason: None,
                invalidity_date: None,
                source: StatusSource::Crl {
                    issuer: String::new(),
                    crl_number: None,
                    this_update: time(),
                    delta_crl_number: None,
                },
            })
        };
        let statuses = [
            revoked("2026-05-01T00:00:00Z"),
            revoked("2026-03-01T00:00:00Z"),
        ];
        assert_eq!(
            revocation_verdict(&statuses, RevocationMode::Prefer, None),
            Err(Error::CertificateRevoked {
                depth: 1,
                revoked_at: Time::parse_rfc3339("2026-03-01T00:00:00Z").unwrap(),
                reason: None,
                proven_signing_time: None,
            })
        );
        // A proven time between the two: the CA's revocation counts, not the leaf's
        // later one… and the leaf's does count once the CA's is before the proof.
        let proven = Time::parse_rfc3339("2026-04-01T00:00:00Z").ok();
        assert!(matches!(
            revocation_verdict(&statuses, RevocationMode::Prefer, proven),
            Err(Error::CertificateRevoked {
                depth: 1,
                proven_signing_time: Some(_),
                ..
            })
        ));
        let early = Time::parse_rfc3339("2026-02-01T00:00:00Z").ok();
        assert_eq!(
            revocation_verdict(&statuses, RevocationMode::Require, early),
            Ok(())
        );
        assert_eq!(
            revocation_verdict(&statuses, RevocationMode::Off, None),
            Ok(())
        );
    }
}
