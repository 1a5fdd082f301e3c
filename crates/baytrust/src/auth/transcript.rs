//! The transcript both parties sign (DER, so the signed bytes are unambiguous), the
//! role that tells a responder's signature from an initiator's, and the session
//! binding both sides derive from it.

use der::asn1::OctetString;
use der::{Encode, Sequence};

use super::message::encoding_failed;
use super::{Nonce, PROTOCOL_LABEL, PROTOCOL_VERSION, SESSION_BINDING_LABEL};
use crate::Error;

/// Who signs: the role is the first field of the signed structure, so a responder's
/// signature can never stand for an initiator's (no reflection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Signs message 2: `role` = 1.
    Responder,
    /// Signs message 3: `role` = 2.
    Initiator,
}

impl Role {
    fn number(self) -> i64 {
        match self {
            Role::Responder => 1,
            Role::Initiator => 2,
        }
    }

    /// `responder` or `initiator`, for errors.
    pub(super) fn name(self) -> &'static str {
        match self {
            Role::Responder => "responder",
            Role::Initiator => "initiator",
        }
    }
}

/// ```asn1
/// AuthTranscript ::= SEQUENCE {
///     label               UTF8String ("baytrust-auth"),
///     version             INTEGER (1),
///     initiatorNonce      OCTET STRING (SIZE (32)),
///     responderNonce      OCTET STRING (SIZE (32)),
///     initiatorId         UTF8String,
///     responderId         UTF8String,
///     initiatorChainHash  OCTET STRING (SIZE (32)),  -- SHA-256 of the CertificateChain DER
///     responderChainHash  OCTET STRING (SIZE (32)),
///     initiatorTime       INTEGER,
///     responderTime       INTEGER,
///     expectedResponder   [0] IMPLICIT UTF8String OPTIONAL }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub(super) struct Transcript {
    label: String,
    version: i64,
    initiator_nonce: OctetString,
    responder_nonce: OctetString,
    initiator_id: String,
    responder_id: String,
    initiator_chain_hash: OctetString,
    responder_chain_hash: OctetString,
    initiator_time: i64,
    responder_time: i64,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "IMPLICIT")]
    expected_responder: Option<String>,
}

/// ```asn1
/// SignedTranscript ::= SEQUENCE {
///     role        INTEGER { responder(1), initiator(2) },
///     transcript  AuthTranscript }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
struct SignedTranscript {
    role: i64,
    transcript: Transcript,
}

/// ```asn1
/// SessionBindingInput ::= SEQUENCE {
///     label               UTF8String ("baytrust-auth session binding"),
///     transcript          AuthTranscript }
/// ```
/// Only what both parties signed: the signatures themselves stay out, because a
/// signature can be re-encoded in transit and still verify (ECDSA's (r, n − s)), and
/// the binding must not differ between the two sides of one session.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
struct SessionBindingInput {
    label: String,
    transcript: Transcript,
}

/// What goes into the transcript, gathered from messages 1 and 2.
pub(super) struct TranscriptParts<'a> {
    pub(super) initiator_nonce: &'a Nonce,
    pub(super) responder_nonce: &'a Nonce,
    pub(super) initiator_id: String,
    pub(super) responder_id: String,
    pub(super) initiator_chain_hash: [u8; 32],
    pub(super) responder_chain_hash: [u8; 32],
    pub(super) initiator_time: i64,
    pub(super) responder_time: i64,
    pub(super) expected_responder: Option<String>,
}

fn octets(bytes: &[u8]) -> Result<OctetString, Error> {
    OctetString::new(bytes.to_vec()).map_err(|e| encoding_failed(&e))
}

impl Transcript {
    pub(super) fn new(parts: TranscriptParts<'_>) -> Result<Self, Error> {
        Ok(Self {
            label: PROTOCOL_LABEL.to_owned(),
            version: PROTOCOL_VERSION,
            initiator_nonce: octets(parts.initiator_nonce)?,
            responder_nonce: octets(parts.responder_nonce)?,
            initiator_id: parts.initiator_id,
            responder_id: parts.responder_id,
            initiator_chain_hash: octets(&parts.initiator_chain_hash)?,
            responder_chain_hash: octets(&parts.responder_chain_hash)?,
            initiator_time: parts.initiator_time,
            responder_time: parts.responder_time,
            expected_responder: parts.expected_responder,
        })
    }

    /// The bytes `role` signs: DER of `SignedTranscript`.
    pub(super) fn signed_bytes(&self, role: Role) -> Result<Vec<u8>, Error> {
        SignedTranscript {
            role: role.number(),
            transcript: self.clone(),
        }
        .to_der()
        .map_err(|e| encoding_failed(&e))
    }

    /// SHA-256 of DER `SessionBindingInput`: the same on both sides of a completed
    /// session (each computes it once both signatures over the transcript verified),
    /// and unique to it (both nonces are in the transcript).
    pub(super) fn session_binding(&self) -> Result<[u8; 32], Error> {
        let input = SessionBindingInput {
            label: SESSION_BINDING_LABEL.to_owned(),
            transcript: self.clone(),
        }
        .to_der()
        .map_err(|e| encoding_failed(&e))?;
        Ok(sha256(&input))
    }
}

/// SHA-256 (FIPS 180-4) of `bytes`.
pub(super) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}
