//! `OcspResponse`: an RFC 6960 OCSPResponse holding a BasicOCSPResponse, parsed once
//! with `der`, and the checks that make one of its SingleResponses count for a
//! certificate: CertID match, an authorised responder (the CA itself, or a certificate
//! the CA issued for id-kp-OCSPSigning), the signature over tbsResponseData, and
//! thisUpdate/nextUpdate against the validation time with the relying party's skew.
//!
//! (RustCrypto `x509-ocsp` 0.2 is built on `der` 0.7 and `x509-cert` 0.2; the workspace
//! is on `der` 0.8, so the few types needed are read here with `der` 0.8 directly.)

use std::ops::Range;

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader, Tag};
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

use super::asn1::{
    comparable_name, finish, name_text, range_in, read_extensions, read_generalized_time, read_tlv,
    reader, Malformed,
};
use super::cert_id::{CertId, CertIdHash};
use super::reason::ReasonCode;
use super::status::{RevocationStatus, StatusSource};
use super::RevocationIssuer;
use crate::algorithm::{verify_signature, AlgorithmPolicy};
use crate::cert::{Certificate, ComparableName};
pub use crate::oid::OCSP_NOCHECK as OID_OCSP_NOCHECK;
use crate::oid::{KP_OCSP_SIGNING, OCSP_NOCHECK, OCSP_NONCE};
use crate::{Error, Time};

/// The most SingleResponses read from one response.
pub const MAX_SINGLE_RESPONSES: usize = 1_000;
/// The most certificates read from one response's `certs`.
pub const MAX_RESPONSE_CERTS: usize = 16;

/// `ResponderID` (RFC 6960 §4.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponderId {
    /// `byName [1] Name`.
    ByName {
        /// The name, prepared for comparison.
        name: ComparableName,
        /// The name as text.
        text: String,
    },
    /// `byKey [2] KeyHash`: SHA-1 of the responder's subjectPublicKey bits.
    ByKey(Vec<u8>),
}

impl ResponderId {
    /// The responder as text: its name, or `key hash <hex>`.
    pub fn text(&self) -> String {
        match self {
            Self::ByName { text, .. } => text.clone(),
            Self::ByKey(hash) => format!("key hash {}", crate::message_text::hex_upper(hash)),
        }
    }

    fn names(&self, subject: &ComparableName, key_bits: &[u8]) -> bool {
        match self {
            Self::ByName { name, .. } => name == subject,
            Self::ByKey(hash) => CertIdHash::Sha1.digest(key_bits) == *hash,
        }
    }
}

/// `CertStatus` of one SingleResponse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertStatus {
    /// `good`.
    Good,
    /// `revoked`, with revocationTime and the optional revocationReason.
    Revoked {
        /// revocationTime.
        time: Time,
        /// revocationReason.
        reason: Option<ReasonCode>,
    },
    /// `unknown`.
    Unknown,
}

/// One `SingleResponse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleResponse {
    /// Which certificate.
    pub cert_id: CertId,
    /// Its status.
    pub status: CertStatus,
    /// thisUpdate.
    pub this_update: Time,
    /// nextUpdate.
    pub next_update: Option<Time>,
}

/// A successful OCSP response with a BasicOCSPResponse, owning its DER.
#[derive(Debug, Clone)]
pub struct OcspResponse {
    der: Vec<u8>,
    tbs: Range<usize>,
    signature_algorithm: Range<usize>,
    signature: Range<usize>,
    responder: ResponderId,
    produced_at: Time,
    responses: Vec<SingleResponse>,
    certs: Vec<Range<usize>>,
}

fn malformed(m: Malformed) -> Error {
    Error::OcspMalformed { reason: m.0 }
}

fn der_error(e: der::Error) -> Error {
    malformed(e.into())
}

impl OcspResponse {
    /// Parses one DER `OCSPResponse`. Refuses: a responseStatus other than successful
    /// ([`Error::OcspUnsuccessful`]), a response type other than id-pkix-ocsp-basic
    /// ([`Error::OcspResponseTypeUnsupported`]), a version other than v1
    /// ([`Error::OcspVersionInvalid`]), unknown critical response or single extensions
    /// ([`Error::OcspUnknownCriticalExtension`]), CertID hashes baytrust does not compute
    /// ([`Error::OcspHashAlgorithmUnsupported`]), anything else that is not DER of
    /// RFC 6960 §4.2.1 ([`Error::OcspMalformed`]).
    pub fn from_der(der: Vec<u8>) -> Result<Self, Error> {
        if der.is_empty() {
            return Err(Error::EmptyInput);
        }
        let parts = read_response(&der)?;
        let to_range = |part: &[u8]| {
            range_in(&der, part).ok_or_else(|| Error::OcspMalformed {
                reason: "a field does not lie within the input".into(),
            })
        };
        let tbs = to_range(parts.tbs)?;
        let signature_algorithm = to_range(parts.signature_algorithm)?;
        let signature = to_range(parts.signature)?;
        let certs = parts
            .certs
            .iter()
            .map(|c| to_range(c))
            .collect::<Result<Vec<_>, _>>()?;
        let Parts {
            responder,
            produced_at,
            responses,
            ..
        } = parts;
        Ok(Self {
            tbs,
            signature_algorithm,
            signature,
            responder,
            produced_at,
            responses,
            certs,
            der,
        })
    }

    /// The response's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The ResponderID.
    pub fn responder(&self) -> &ResponderId {
        &self.responder
    }

    /// producedAt.
    pub fn produced_at(&self) -> Time {
        self.produced_at
    }

    /// The SingleResponses.
    pub fn responses(&self) -> &[SingleResponse] {
        &self.responses
    }

    /// The bytes of `range` of the response's DER, a range recorded while reading it
    /// (so always within it; empty otherwise).
    fn bytes(&self, range: &std::ops::Range<usize>) -> &[u8] {
        self.der.get(range.clone()).unwrap_or_default()
    }

    /// The DER certificates the response carries (`certs`).
    pub fn certificates(&self) -> impl Iterator<Item = &[u8]> {
        self.certs.iter().map(|r| self.bytes(r))
    }

    /// The SingleResponse whose CertID names `certificate` under `issuer`, if any.
    pub fn single_response_for(
        &self,
        certificate: &Certificate<'_>,
        issuer: &RevocationIssuer<'_>,
    ) -> Option<&SingleResponse> {
        let key_bits: &[u8] = &issuer.spki().subject_public_key.data;
        self.responses.iter().find(|single| {
            single
                .cert_id
                .matches(certificate, issuer.name_der(), key_bits)
                || single
                    .cert_id
                    .matches(certificate, certificate.issuer().as_raw(), key_bits)
        })
    }

    /// The status this response gives `certificate`, issued by `issuer`, at `time`
    /// (with `skew_seconds` either way), after every check of RFC 6960 §3.2:
    /// [`Error::OcspCertIdMismatch`] when no SingleResponse names the certificate;
    /// [`Error::OcspResponderUnauthorised`], [`Error::OcspResponderLacksOcspSigning`],
    /// [`Error::OcspResponderCertificateInvalid`] for a responder that is neither the CA
    /// nor a delegate the CA issued for id-kp-OCSPSigning; [`Error::OcspSignatureInvalid`];
    /// [`Error::OcspNotYetValid`], [`Error::OcspStale`]. A response without nextUpdate
    /// is not stale (RFC 6960 §4.2.2.1: newer information is always available).
    pub fn status_for(
        &self,
        certificate: &Certificate<'_>,
        issuer: &RevocationIssuer<'_>,
        time: Time,
        skew_seconds: i64,
        policy: &AlgorithmPolicy<'_>,
    ) -> Result<RevocationStatus, Error> {
        let single = self
            .single_response_for(certificate, issuer)
            .ok_or_else(|| Error::OcspCertIdMismatch {
                serial: certificate.serial_hex(),
            })?;
        let (delegated, responder_nocheck) =
            self.verify_responder(issuer, time, skew_seconds, policy)?;
        if single.this_update.unix_seconds() > time.unix_seconds().saturating_add(skew_seconds) {
            return Err(Error::OcspNotYetValid {
                serial: certificate.serial_hex(),
                this_update: single.this_update,
                time,
            });
        }
        if let Some(next_update) = single.next_update {
            if next_update.unix_seconds().saturating_add(skew_seconds) < time.unix_seconds() {
                return Err(Error::OcspStale {
                    serial: certificate.serial_hex(),
                    next_update,
                    time,
                });
            }
        }
        let source = StatusSource::Ocsp {
            responder: self.responder.text(),
            produced_at: self.produced_at,
            this_update: single.this_update,
            delegated,
            responder_nocheck,
        };
        Ok(match single.status {
            CertStatus::Good => RevocationStatus::Good { source },
            CertStatus::Revoked { time, reason } => RevocationStatus::Revoked {
                time,
                reason,
                invalidity_date: None,
                source,
            },
            CertStatus::Unknown => RevocationStatus::Unknown { source },
        })
    }

    /// Finds the responder's key, checks its authority and the signature. Returns
    /// (delegated, nocheck).
    fn verify_responder(
        &self,
        issuer: &RevocationIssuer<'_>,
        time: Time,
        skew_seconds: i64,
        policy: &AlgorithmPolicy<'_>,
    ) -> Result<(bool, bool), Error> {
        let responder = self.responder.text();
        let issuer_bits: &[u8] = &issuer.spki().subject_public_key.data;
        if self.responder.names(issuer.name(), issuer_bits) {
            self.verify_with(issuer.spki(), policy)?;
            return Ok((false, false));
        }
        let mut delegate_error = None;
        for der in self.certificates() {
            let Ok(candidate) = Certificate::from_der(der) else {
                continue;
            };
            let subject = ComparableName::of(candidate.subject());
            if !self
                .responder
                .names(&subject, &candidate.spki().subject_public_key.data)
            {
                continue;
            }
            match check_delegate(&candidate, issuer, time, skew_seconds, policy, &responder) {
                Ok(()) => {
                    self.verify_with(candidate.spki(), policy)?;
                    let nocheck = candidate.extension(OCSP_NOCHECK).is_some();
                    return Ok((true, nocheck));
                }
                Err(e) => {
                    delegate_error.get_or_insert(e);
                }
            }
        }
        Err(delegate_error.unwrap_or(Error::OcspResponderUnauthorised { responder }))
    }

    fn verify_with(
        &self,
        key: &SubjectPublicKeyInfo<'_>,
        policy: &AlgorithmPolicy<'_>,
    ) -> Result<(), Error> {
        let wrap = |cause: Error| Error::OcspSignatureInvalid {
            responder: self.responder.text(),
            cause: Box::new(cause),
        };
        let (_, algorithm) = AlgorithmIdentifier::from_der(self.bytes(&self.signature_algorithm))
            .map_err(|e| {
            wrap(Error::OcspMalformed {
                reason: e.to_string(),
            })
        })?;
        verify_signature(
            key,
            &algorithm,
            self.bytes(&self.tbs),
            self.bytes(&self.signature),
            policy,
        )
        .map_err(wrap)
    }
}

/// A delegated responder certificate (RFC 6960 §4.2.2.2): issued by the CA (its issuer
/// name is the CA's and the CA's key signed it), id-kp-OCSPSigning in its EKU, valid at
/// the validation time.
fn check_delegate(
    candidate: &Certificate<'_>,
    issuer: &RevocationIssuer<'_>,
    time: Time,
    skew_seconds: i64,
    policy: &AlgorithmPolicy<'_>,
    responder: &str,
) -> Result<(), Error> {
    if ComparableName::of(candidate.issuer()) != *issuer.name() {
        return Err(Error::OcspResponderUnauthorised {
            responder: responder.to_owned(),
        });
    }
    let invalid = |cause: Error| Error::OcspResponderCertificateInvalid {
        responder: responder.to_owned(),
        cause: Box::new(cause),
    };
    verify_signature(
        issuer.spki(),
        candidate.signature_algorithm(),
        candidate.tbs_der(),
        candidate.signature_value(),
        policy,
    )
    .map_err(invalid)?;
    let signs_ocsp = candidate.extended_key_usage().is_some_and(|eku| {
        eku.other
            .iter()
            .any(|oid| oid.to_id_string() == KP_OCSP_SIGNING)
            || eku.ocsp_signing
    });
    if !signs_ocsp {
        return Err(Error::OcspResponderLacksOcspSigning {
            responder: responder.to_owned(),
        });
    }
    let now = time.unix_seconds();
    if candidate
        .not_after()
        .unix_seconds()
        .saturating_add(skew_seconds)
        < now
    {
        return Err(invalid(Error::CertificateExpired {
            depth: 0,
            time,
            not_after: candidate.not_after(),
        }));
    }
    if candidate.not_before().unix_seconds() > now.saturating_add(skew_seconds) {
        return Err(invalid(Error::CertificateNotYetValid {
            depth: 0,
            time,
            not_before: candidate.not_before(),
        }));
    }
    Ok(())
}

struct Parts<'a> {
    tbs: &'a [u8],
    signature_algorithm: &'a [u8],
    signature: &'a [u8],
    responder: ResponderId,
    produced_at: Time,
    responses: Vec<SingleResponse>,
    certs: Vec<&'a [u8]>,
}

fn read_response(der: &[u8]) -> Result<Parts<'_>, Error> {
    let mut outer = reader(der).map_err(malformed)?;
    let (whole, body) = read_tlv(&mut outer, Tag::Sequence, "OCSPResponse").map_err(malformed)?;
    if whole.len() < der.len() {
        return Err(Error::OcspMalformed {
            reason: format!(
                "{} bytes of trailing data",
                der.len().saturating_sub(whole.len())
            ),
        });
    }
    let mut r = reader(body).map_err(malformed)?;
    let (_, status) = read_tlv(&mut r, Tag::Enumerated, "responseStatus").map_err(malformed)?;
    let status = match status {
        [0] => None,
        [1] => Some("malformedRequest"),
        [2] => Some("internalError"),
        [3] => Some("tryLater"),
        [5] => Some("sigRequired"),
        [6] => Some("unauthorized"),
        _ => Some("(unassigned)"),
    };
    if let Some(status) = status {
        return Err(Error::OcspUnsuccessful { status });
    }
    let bytes = r.tlv_bytes().map_err(der_error)?;
    if bytes.first() != Some(&0xA0) {
        return Err(Error::OcspMalformed {
            reason: "successful response without responseBytes".into(),
        });
    }
    finish(r, "OCSPResponse").map_err(malformed)?;
    let explicit = AnyRef::from_der(bytes).map_err(der_error)?;
    let mut e = reader(explicit.value()).map_err(malformed)?;
    let (_, response_bytes) =
        read_tlv(&mut e, Tag::Sequence, "ResponseBytes").map_err(malformed)?;
    finish(e, "responseBytes").map_err(malformed)?;
    let mut rb = reader(response_bytes).map_err(malformed)?;
    let response_type: ObjectIdentifier = ObjectIdentifier::decode(&mut rb).map_err(der_error)?;
    if response_type != crate::oid::typed::OCSP_BASIC {
        return Err(Error::OcspResponseTypeUnsupported {
            oid: response_type.to_string(),
        });
    }
    let basic = <&OctetStringRef>::decode(&mut rb)
        .map_err(der_error)?
        .as_bytes();
    finish(rb, "ResponseBytes").map_err(malformed)?;

    // BasicOCSPResponse
    let mut b = reader(basic).map_err(malformed)?;
    let (_, basic_body) =
        read_tlv(&mut b, Tag::Sequence, "BasicOCSPResponse").map_err(malformed)?;
    finish(b, "BasicOCSPResponse").map_err(malformed)?;
    let mut b = reader(basic_body).map_err(malformed)?;
    let (tbs, tbs_body) = read_tlv(&mut b, Tag::Sequence, "tbsResponseData").map_err(malformed)?;
    let (signature_algorithm, _) =
        read_tlv(&mut b, Tag::Sequence, "signatureAlgorithm").map_err(malformed)?;
    let (_, bits) = read_tlv(&mut b, Tag::BitString, "signature").map_err(malformed)?;
    let signature = match bits.split_first() {
        Some((0, signature)) => signature,
        _ => {
            return Err(Error::OcspMalformed {
                reason: "signature has unused bits".into(),
            })
        }
    };
    let mut certs = Vec::new();
    if !b.is_finished() {
        let tagged = b.tlv_bytes().map_err(der_error)?;
        if tagged.first() != Some(&0xA0) {
            return Err(Error::OcspMalformed {
                reason: "unexpected field after the signature".into(),
            });
        }
        let explicit = AnyRef::from_der(tagged).map_err(der_error)?;
        let mut c = reader(explicit.value()).map_err(malformed)?;
        let (_, list) = read_tlv(&mut c, Tag::Sequence, "certs").map_err(malformed)?;
        finish(c, "certs").map_err(malformed)?;
        let mut l = reader(list).map_err(malformed)?;
        while !l.is_finished() {
            if certs.len() >= MAX_RESPONSE_CERTS {
                return Err(Error::OcspMalformed {
                    reason: format!("more than {MAX_RESPONSE_CERTS} certificates"),
                });
            }
            let (cert, _) = read_tlv(&mut l, Tag::Sequence, "certificate").map_err(malformed)?;
            certs.push(cert);
        }
    }
    finish(b, "BasicOCSPResponse").map_err(malformed)?;

    // ResponseData
    let mut t = reader(tbs_body).map_err(malformed)?;
    let first = t.tlv_bytes().map_err(der_error)?;
    let responder_tlv = if first.first() == Some(&0xA0) {
        let explicit = AnyRef::from_der(first).map_err(der_error)?;
        let mut v = reader(explicit.value()).map_err(malformed)?;
        let version = super::asn1::read_integer(&mut v).map_err(malformed)?;
        finish(v, "version").map_err(malformed)?;
        return Err(Error::OcspVersionInvalid {
            version: crate::message_text::hex_upper(version),
        });
    } else {
        first
    };
    let explicit = AnyRef::from_der(responder_tlv).map_err(der_error)?;
    let responder = match responder_tlv.first() {
        Some(0xA1) => {
            let mut n = reader(explicit.value()).map_err(malformed)?;
            let (name_der, _) = read_tlv(&mut n, Tag::Sequence, "byName").map_err(malformed)?;
            finish(n, "byName").map_err(malformed)?;
            ResponderId::ByName {
                name: comparable_name(name_der).map_err(malformed)?,
                text: name_text(name_der),
            }
        }
        Some(0xA2) => {
            let mut k = reader(explicit.value()).map_err(malformed)?;
            let hash = <&OctetStringRef>::decode(&mut k)
                .map_err(der_error)?
                .as_bytes();
            finish(k, "byKey").map_err(malformed)?;
            ResponderId::ByKey(hash.to_vec())
        }
        _ => {
            return Err(Error::OcspMalformed {
                reason: "responderID is neither byName nor byKey".into(),
            })
        }
    };
    let produced_at = read_generalized_time(&mut t).map_err(malformed)?;
    let (_, list) = read_tlv(&mut t, Tag::Sequence, "responses").map_err(malformed)?;
    let mut responses = Vec::new();
    let mut l = reader(list).map_err(malformed)?;
    while !l.is_finished() {
        if responses.len() >= MAX_SINGLE_RESPONSES {
            return Err(Error::OcspMalformed {
                reason: format!("more than {MAX_SINGLE_RESPONSES} single responses"),
            });
        }
        let (_, single) = read_tlv(&mut l, Tag::Sequence, "SingleResponse").map_err(malformed)?;
        responses.push(read_single(single)?);
    }
    if !t.is_finished() {
        let tagged = t.tlv_bytes().map_err(der_error)?;
        if tagged.first() != Some(&0xA1) {
            return Err(Error::OcspMalformed {
                reason: "unexpected field in ResponseData".into(),
            });
        }
        check_extensions(tagged, &[OCSP_NONCE])?;
    }
    finish(t, "ResponseData").map_err(malformed)?;
    Ok(Parts {
        tbs,
        signature_algorithm,
        signature,
        responder,
        produced_at,
        responses,
        certs,
    })
}

/// Reads a `[n] EXPLICIT Extensions` and refuses repeated ones and critical ones
/// not in `known` (RFC 6960 §4.4: none of its extensions is processed when critical).
fn check_extensions(tagged: &[u8], known: &[&str]) -> Result<(), Error> {
    let explicit = AnyRef::from_der(tagged).map_err(der_error)?;
    let mut x = reader(explicit.value()).map_err(malformed)?;
    let (_, content) = read_tlv(&mut x, Tag::Sequence, "Extensions").map_err(malformed)?;
    finish(x, "Extensions").map_err(malformed)?;
    let (extensions, duplicate) = read_extensions(content).map_err(malformed)?;
    if let Some(oid) = duplicate {
        return Err(Error::OcspMalformed {
            reason: format!("extension {oid} appears more than once"),
        });
    }
    for extension in extensions {
        let oid = extension.oid.to_string();
        if extension.critical && !known.contains(&oid.as_str()) {
            return Err(Error::OcspUnknownCriticalExtension { oid });
        }
    }
    Ok(())
}

fn read_single(body: &[u8]) -> Result<SingleResponse, Error> {
    let mut s = reader(body).map_err(malformed)?;
    let (_, cert_id) = read_tlv(&mut s, Tag::Sequence, "certID").map_err(malformed)?;
    let cert_id = CertId::parse(cert_id)?;
    let status_tlv = s.tlv_bytes().map_err(der_error)?;
    let content = AnyRef::from_der(status_tlv).map_err(der_error)?.value();
    let status = match (status_tlv.first(), content) {
        (Some(0x80), []) => CertStatus::Good,
        (Some(0x82), []) => CertStatus::Unknown,
        (Some(0xA1), info) => {
            let mut i = reader(info).map_err(malformed)?;
            let time = read_generalized_time(&mut i).map_err(malformed)?;
            let mut reason = None;
            if !i.is_finished() {
                let (_, inner) = read_tlv(
                    &mut i,
                    Tag::ContextSpecific {
                        constructed: true,
                        number: der::TagNumber(0),
                    },
                    "revocationReason",
                )
                .map_err(malformed)?;
                let mut e = reader(inner).map_err(malformed)?;
                let (_, code) =
                    read_tlv(&mut e, Tag::Enumerated, "CRLReason").map_err(malformed)?;
                finish(e, "revocationReason").map_err(malformed)?;
                reason = Some(match code {
                    [value] => {
                        ReasonCode::from_value(*value).ok_or_else(|| Error::OcspMalformed {
                            reason: format!("revocationReason {value} is not a CRLReason"),
                        })?
                    }
                    _ => {
                        return Err(Error::OcspMalformed {
                            reason: "revocationReason is not one octet".into(),
                        })
                    }
                });
            }
            finish(i, "RevokedInfo").map_err(malformed)?;
            CertStatus::Revoked { time, reason }
        }
        _ => {
            return Err(Error::OcspMalformed {
                reason: "certStatus is not good, revoked or unknown".into(),
            })
        }
    };
    let this_update = read_generalized_time(&mut s).map_err(malformed)?;
    let mut next_update = None;
    while !s.is_finished() {
        let tagged = s.tlv_bytes().map_err(der_error)?;
        match tagged.first() {
            Some(0xA0) if next_update.is_none() => {
                let explicit = AnyRef::from_der(tagged).map_err(der_error)?;
                let mut n = reader(explicit.value()).map_err(malformed)?;
                next_update = Some(read_generalized_time(&mut n).map_err(malformed)?);
                finish(n, "nextUpdate").map_err(malformed)?;
            }
            Some(0xA1) => check_extensions(tagged, &[])?,
            _ => {
                return Err(Error::OcspMalformed {
                    reason: "unexpected field in SingleResponse".into(),
                })
            }
        }
    }
    Ok(SingleResponse {
        cert_id,
        status,
        this_update,
        next_update,
    })
}

#[cfg(test)]
mod tests {
    use super::super::asn1::tlv;
    use super::super::test_support::{ecdsa_sha256, extension};
    use super::*;

    const SHA1: &[u8] = &[0x2B, 0x0E, 0x03, 0x02, 0x1A];
    const BASIC: &[u8] = &[0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
    const NONCE: &[u8] = &[0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];

    fn gen_time() -> Vec<u8> {
        tlv(0x18, b"20260515000000Z")
    }

    fn single(hash_oid: &[u8], extensions: Option<Vec<u8>>) -> Vec<u8> {
        let cert_id = tlv(
            0x30,
            &[
                tlv(0x30, &[tlv(0x06, hash_oid), tlv(0x05, &[])].concat()),
                tlv(0x04, &[1; 20]),
                tlv(0x04, &[2; 20]),
                tlv(0x02, &[0x48, 0x10]),
            ]
            .concat(),
        );
        let mut body = [cert_id, tlv(0x80, &[]), gen_time()].concat();
        if let Some(extensions) = extensions {
            body.extend(tlv(0xA1, &tlv(0x30, &extensions)));
        }
        tlv(0x30, &body)
    }

    /// An OCSPResponse around ResponseData `fields` (already encoded), unsigned.
    fn response(response_type: &[u8], fields: Vec<u8>) -> Vec<u8> {
        let basic = tlv(
            0x30,
            &[tlv(0x30, &fields), ecdsa_sha256(), tlv(0x03, &[0, 1, 2])].concat(),
        );
        let bytes = tlv(
            0x30,
            &[tlv(0x06, response_type), tlv(0x04, &basic)].concat(),
        );
        tlv(0x30, &[tlv(0x0A, &[0]), tlv(0xA0, &bytes)].concat())
    }

    fn fields(single: Vec<u8>, extensions: Option<Vec<u8>>) -> Vec<u8> {
        let mut body = [
            tlv(0xA2, &tlv(0x04, &[3; 20])),
            gen_time(),
            tlv(0x30, &single),
        ]
        .concat();
        if let Some(extensions) = extensions {
            body.extend(tlv(0xA1, &tlv(0x30, &extensions)));
        }
        body
    }

    fn unknown_critical() -> Vec<u8> {
        extension(tlv(0x06, &[0x2A, 0x03, 0x04]), true, tlv(0x05, &[]))
    }

    #[test]
    fn well_formed_response_parses_into_its_parts() {
        let parsed =
            OcspResponse::from_der(response(BASIC, fields(single(SHA1, None), None))).unwrap();
        assert_eq!(parsed.responder(), &ResponderId::ByKey(vec![3; 20]));
        assert_eq!(parsed.produced_at().to_string(), "2026-05-15T00:00:00Z");
        assert_eq!(parsed.responses().len(), 1);
        assert_eq!(parsed.responses()[0].status, CertStatus::Good);
        assert_eq!(parsed.responses()[0].cert_id.serial_hex(), "4810");
        assert_eq!(parsed.certificates().count(), 0);
    }

    #[test]
    fn unknown_critical_single_or_response_extension_is_refused() {
        let der = response(BASIC, fields(single(SHA1, Some(unknown_critical())), None));
        assert_eq!(
            OcspResponse::from_der(der).unwrap_err(),
            Error::OcspUnknownCriticalExtension {
                oid: "1.2.3.4".into()
            }
        );
        let der = response(BASIC, fields(single(SHA1, None), Some(unknown_critical())));
        assert_eq!(
            OcspResponse::from_der(der).unwrap_err(),
            Error::OcspUnknownCriticalExtension {
                oid: "1.2.3.4".into()
            }
        );
        // A critical nonce is understood.
        let nonce = extension(tlv(0x06, NONCE), true, tlv(0x04, &[9; 16]));
        let der = response(BASIC, fields(single(SHA1, None), Some(nonce)));
        assert!(OcspResponse::from_der(der).is_ok());
    }

    #[test]
    fn encoded_version_is_refused() {
        let mut body = tlv(0xA0, &tlv(0x02, &[0]));
        body.extend(fields(single(SHA1, None), None));
        assert_eq!(
            OcspResponse::from_der(response(BASIC, body)).unwrap_err(),
            Error::OcspVersionInvalid {
                version: "00".into()
            }
        );
    }

    #[test]
    fn response_type_other_than_basic_is_refused() {
        let other = &[0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x09];
        assert_eq!(
            OcspResponse::from_der(response(other, fields(single(SHA1, None), None))).unwrap_err(),
            Error::OcspResponseTypeUnsupported {
                oid: "1.3.6.1.5.5.7.48.1.9".into()
            }
        );
    }

    #[test]
    fn cert_id_with_an_unknown_hash_is_refused() {
        let md5 = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x05];
        assert_eq!(
            OcspResponse::from_der(response(BASIC, fields(single(md5, None), None))).unwrap_err(),
            Error::OcspHashAlgorithmUnsupported {
                oid: "1.2.840.113549.2.5".into()
            }
        );
    }

    #[test]
    fn trailing_and_truncated_input_is_malformed_not_a_panic() {
        let mut der = response(BASIC, fields(single(SHA1, None), None));
        der.push(0);
        assert!(matches!(
            OcspResponse::from_der(der.clone()),
            Err(Error::OcspMalformed { .. })
        ));
        for cut in 1..der.len() - 1 {
            assert!(OcspResponse::from_der(der[..cut].to_vec()).is_err());
        }
    }
}
