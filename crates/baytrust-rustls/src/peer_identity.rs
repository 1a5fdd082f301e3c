//! `PeerIdentity`: the legal entity at the other end of a completed handshake, read
//! from the connection's peer certificates by verifying them again with the same
//! rules. Re-verifying (rather than remembering the handshake's verdict) needs no
//! state shared between connections and cannot hand one connection's verdict to
//! another, and it also covers resumed sessions (for which rustls does not call the
//! verifiers); it costs one more path validation per connection.

use baytrust::{ChainReport, LegalEntity, Recognition};
use rustls::CommonState;
use rustls_pki_types::UnixTime;

use crate::peer_check::PeerCheck;
use crate::rejection::{BaytrustRejection, NO_LEGAL_ENTITY};
use crate::Error;

/// Who the peer of a connection is, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PeerIdentity {
    /// The peer's legal entity, validated (read through the recognising service's
    /// identity profile).
    pub entity: LegalEntity,
    /// The trust list and service that recognise the peer's certificate (`None` only
    /// with plain anchors and no trust list).
    pub recognition: Option<Recognition>,
    /// baytrust's whole report on the peer's chain.
    pub report: ChainReport,
}

/// The identity of `connection`'s peer under `check` at `now`, with the stapled OCSP
/// response `staple_of` recalls for its end-entity certificate.
pub(crate) fn identity_of(
    check: &PeerCheck,
    connection: &CommonState,
    now: UnixTime,
    staple_of: impl FnOnce(&[u8]) -> Option<Vec<u8>>,
) -> Result<PeerIdentity, Error> {
    let certificates = connection
        .peer_certificates()
        .ok_or(Error::NoPeerCertificate)?;
    let (end_entity, intermediates) = certificates.split_first().ok_or(Error::NoPeerCertificate)?;
    let staple = staple_of(end_entity.as_ref()).unwrap_or_default();
    let report = check
        .chain_verdict(end_entity, intermediates, &staple, now)
        .and_then(|report| check.check_expected_entity(report))
        .map_err(Error::Rejected)?;
    // `chain_verdict` passes only a report with an entity; refused all the same if not.
    let Some(entity) = report.entity.clone() else {
        return Err(Error::Rejected(BaytrustRejection::binding(
            NO_LEGAL_ENTITY,
            "the certificate path is valid but names no legal entity".to_owned(),
            Some(report),
        )));
    };
    Ok(PeerIdentity {
        entity,
        recognition: report.recognition.clone(),
        report,
    })
}
