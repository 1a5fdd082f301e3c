//! The protocol's ASN.1 module (docs/auth-protocol.md §2–3) written again from the
//! specification, independently of the library, to craft attacks on the messages and
//! to check that another implementation computes the same transcript.

#![allow(dead_code)]

use der::asn1::OctetString;
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierOwned;

/// `AuthMessage1`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct Message1 {
    pub version: i64,
    pub initiator_nonce: OctetString,
    pub initiator_time: i64,
    pub initiator_id: String,
    pub initiator_chain: Vec<OctetString>,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "IMPLICIT")]
    pub expected_responder: Option<String>,
}

/// `AuthMessage2`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct Message2 {
    pub version: i64,
    pub responder_nonce: OctetString,
    pub initiator_nonce: OctetString,
    pub responder_time: i64,
    pub responder_id: String,
    pub responder_chain: Vec<OctetString>,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: OctetString,
}

/// `AuthMessage3`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct Message3 {
    pub version: i64,
    pub initiator_nonce: OctetString,
    pub responder_nonce: OctetString,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: OctetString,
}

/// `AuthTranscript`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct Transcript {
    pub label: String,
    pub version: i64,
    pub initiator_nonce: OctetString,
    pub responder_nonce: OctetString,
    pub initiator_id: String,
    pub responder_id: String,
    pub initiator_chain_hash: OctetString,
    pub responder_chain_hash: OctetString,
    pub initiator_time: i64,
    pub responder_time: i64,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "IMPLICIT")]
    pub expected_responder: Option<String>,
}

/// `SignedTranscript`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct SignedTranscript {
    pub role: i64,
    pub transcript: Transcript,
}

/// `SessionBindingInput` (docs/auth-protocol.md §5): the label and the transcript only.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct SessionBindingInput {
    pub label: String,
    pub transcript: Transcript,
}

pub fn octets(bytes: &[u8]) -> OctetString {
    OctetString::new(bytes.to_vec()).unwrap()
}

pub fn decode<'a, T: Decode<'a>>(der: &'a [u8]) -> T
where
    T::Error: std::fmt::Debug,
{
    T::from_der(der).unwrap()
}

pub fn encode<T: Encode>(value: &T) -> Vec<u8> {
    value.to_der().unwrap()
}
