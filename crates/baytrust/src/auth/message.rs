//! The three protocol messages as DER (docs/auth-protocol.md, module `BaytrustAuth1`):
//! their ASN.1 types, the caps checked before decoding, and strict decoding (version
//! first, then structure, nonce lengths, chain size, identities).

use der::asn1::OctetString;
use der::{
    Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag,
};
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::{MAX_CHAIN_CERTIFICATES, MAX_MESSAGE_BYTES, NONCE_LEN, PROTOCOL_VERSION};
use crate::cert::CertificateDer;
use crate::identity::OrgId;
use crate::Error;

/// `CertificateChain ::= SEQUENCE SIZE (1..8) OF OCTET STRING` — each element the DER
/// of one certificate, the peer's own first. Decoding stops counting at
/// [`MAX_CHAIN_CERTIFICATES`] + 1 elements and skips the rest, so a message with
/// thousands of tiny elements costs no more than its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chain(pub(super) Vec<OctetString>);

impl<'a> DecodeValue<'a> for Chain {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let mut certificates = Vec::new();
        while !reader.is_finished() {
            if certificates.len() > MAX_CHAIN_CERTIFICATES {
                let rest = reader.remaining_len();
                reader.drain(rest)?;
                break;
            }
            certificates.push(OctetString::decode(reader)?);
        }
        Ok(Self(certificates))
    }
}

impl EncodeValue for Chain {
    fn value_len(&self) -> der::Result<Length> {
        self.0.iter().try_fold(Length::ZERO, |len, element| {
            // `Length + Length` is der's checked addition (an error past its
            // maximum), not wrapping arithmetic.
            #[allow(clippy::arithmetic_side_effects)]
            let sum = len + element.encoded_len()?;
            sum
        })
    }

    fn encode_value(&self, writer: &mut impl der::Writer) -> der::Result<()> {
        for element in &self.0 {
            element.encode(writer)?;
        }
        Ok(())
    }
}

impl FixedTag for Chain {
    const TAG: Tag = Tag::Sequence;
}

impl Chain {
    /// The chain of `certificates` as the messages carry it.
    pub(super) fn of(certificates: &[CertificateDer]) -> Result<Self, Error> {
        certificates
            .iter()
            .map(|c| OctetString::new(c.as_ref().to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
            .map_err(|e| encoding_failed(&e))
    }

    /// The certificates, checked: 1 to [`MAX_CHAIN_CERTIFICATES`] of them.
    fn certificates(&self, message: &'static str) -> Result<Vec<CertificateDer>, Error> {
        if self.0.len() > MAX_CHAIN_CERTIFICATES {
            return Err(Error::AuthTooManyCertificates {
                message,
                max: MAX_CHAIN_CERTIFICATES,
            });
        }
        if self.0.is_empty() {
            return Err(malformed(message, "the certificate chain is empty".into()));
        }
        Ok(self
            .0
            .iter()
            .map(|c| CertificateDer::from_vec(c.as_bytes().to_vec()))
            .collect())
    }

    /// SHA-256 of the chain's DER (the `SEQUENCE OF`, tag and length included).
    pub(super) fn hash(&self) -> Result<[u8; 32], Error> {
        let der = self.to_der().map_err(|e| encoding_failed(&e))?;
        Ok(super::transcript::sha256(&der))
    }
}

/// ```asn1
/// AuthMessage1 ::= SEQUENCE {
///     version            INTEGER (1),
///     initiatorNonce     OCTET STRING (SIZE (32)),
///     initiatorTime      INTEGER,            -- Unix seconds, UTC
///     initiatorId        UTF8String,         -- canonical OrgId, NTRxx-…
///     initiatorChain     CertificateChain,
///     expectedResponder  [0] IMPLICIT UTF8String OPTIONAL }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub(super) struct Message1Der {
    pub(super) version: i64,
    pub(super) initiator_nonce: OctetString,
    pub(super) initiator_time: i64,
    pub(super) initiator_id: String,
    pub(super) initiator_chain: Chain,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "IMPLICIT")]
    pub(super) expected_responder: Option<String>,
}

/// ```asn1
/// AuthMessage2 ::= SEQUENCE {
///     version             INTEGER (1),
///     responderNonce      OCTET STRING (SIZE (32)),
///     initiatorNonce      OCTET STRING (SIZE (32)),  -- echoed from message 1
///     responderTime       INTEGER,
///     responderId         UTF8String,
///     responderChain      CertificateChain,
///     signatureAlgorithm  AlgorithmIdentifier,
///     signature           OCTET STRING }       -- over ResponderSigned (transcript)
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub(super) struct Message2Der {
    pub(super) version: i64,
    pub(super) responder_nonce: OctetString,
    pub(super) initiator_nonce: OctetString,
    pub(super) responder_time: i64,
    pub(super) responder_id: String,
    pub(super) responder_chain: Chain,
    pub(super) signature_algorithm: AlgorithmIdentifierOwned,
    pub(super) signature: OctetString,
}

/// ```asn1
/// AuthMessage3 ::= SEQUENCE {
///     version             INTEGER (1),
///     initiatorNonce      OCTET STRING (SIZE (32)),
///     responderNonce      OCTET STRING (SIZE (32)),
///     signatureAlgorithm  AlgorithmIdentifier,
///     signature           OCTET STRING }       -- over InitiatorSigned (transcript)
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub(super) struct Message3Der {
    pub(super) version: i64,
    pub(super) initiator_nonce: OctetString,
    pub(super) responder_nonce: OctetString,
    pub(super) signature_algorithm: AlgorithmIdentifierOwned,
    pub(super) signature: OctetString,
}

/// Message 1 of the protocol, initiator → responder: the initiator's nonce, time,
/// identity and chain, and whom it expects to reach. Holds its DER as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message1 {
    pub(super) der: Vec<u8>,
    pub(super) fields: Message1Der,
    pub(super) chain: Vec<CertificateDer>,
    pub(super) initiator_id: OrgId,
    pub(super) expected_responder: Option<OrgId>,
}

/// Message 2, responder → initiator: the responder's nonce, time, identity, chain and
/// signature over the transcript. Holds its DER as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message2 {
    pub(super) der: Vec<u8>,
    pub(super) fields: Message2Der,
    pub(super) chain: Vec<CertificateDer>,
    pub(super) responder_id: OrgId,
}

/// Message 3, initiator → responder: the initiator's signature over the transcript.
/// Holds its DER as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message3 {
    pub(super) der: Vec<u8>,
    pub(super) fields: Message3Der,
}

const MESSAGE_1: &str = "message 1";
const MESSAGE_2: &str = "message 2";
const MESSAGE_3: &str = "message 3";

impl Message1 {
    /// Decodes message 1, checking in order: at most [`MAX_MESSAGE_BYTES`]
    /// ([`Error::AuthMessageTooLarge`]), the version ([`Error::AuthVersionUnsupported`]),
    /// the DER structure, a 32-byte nonce, canonical identities
    /// ([`Error::AuthMessageMalformed`]), 1 to [`MAX_CHAIN_CERTIFICATES`] certificates
    /// ([`Error::AuthTooManyCertificates`]).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let fields: Message1Der = decode(MESSAGE_1, der)?;
        check_nonce(MESSAGE_1, "initiatorNonce", &fields.initiator_nonce)?;
        let chain = fields.initiator_chain.certificates(MESSAGE_1)?;
        let initiator_id = org_id(MESSAGE_1, "initiatorId", &fields.initiator_id)?;
        let expected_responder = fields
            .expected_responder
            .as_deref()
            .map(|text| org_id(MESSAGE_1, "expectedResponder", text))
            .transpose()?;
        Ok(Self {
            der: der.to_vec(),
            fields,
            chain,
            initiator_id,
            expected_responder,
        })
    }

    pub(super) fn encode(fields: Message1Der) -> Result<Self, Error> {
        let der = fields.to_der().map_err(|e| encoding_failed(&e))?;
        Self::from_der(&der)
    }

    /// The message's DER, to send.
    pub fn as_bytes(&self) -> &[u8] {
        &self.der
    }

    /// The identity the initiator claims (checked against its certificate by the
    /// responder).
    pub fn initiator_id(&self) -> &OrgId {
        &self.initiator_id
    }

    /// The responder the initiator expects, if it named one.
    pub fn expected_responder(&self) -> Option<&OrgId> {
        self.expected_responder.as_ref()
    }
}

impl Message2 {
    /// Decodes message 2 with the checks of [`Message1::from_der`].
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let fields: Message2Der = decode(MESSAGE_2, der)?;
        check_nonce(MESSAGE_2, "responderNonce", &fields.responder_nonce)?;
        check_nonce(MESSAGE_2, "initiatorNonce", &fields.initiator_nonce)?;
        let chain = fields.responder_chain.certificates(MESSAGE_2)?;
        let responder_id = org_id(MESSAGE_2, "responderId", &fields.responder_id)?;
        Ok(Self {
            der: der.to_vec(),
            fields,
            chain,
            responder_id,
        })
    }

    pub(super) fn encode(fields: Message2Der) -> Result<Self, Error> {
        let der = fields.to_der().map_err(|e| encoding_failed(&e))?;
        Self::from_der(&der)
    }

    /// The message's DER, to send.
    pub fn as_bytes(&self) -> &[u8] {
        &self.der
    }

    /// The identity the responder claims.
    pub fn responder_id(&self) -> &OrgId {
        &self.responder_id
    }
}

impl Message3 {
    /// Decodes message 3 with the checks of [`Message1::from_der`].
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let fields: Message3Der = decode(MESSAGE_3, der)?;
        check_nonce(MESSAGE_3, "initiatorNonce", &fields.initiator_nonce)?;
        check_nonce(MESSAGE_3, "responderNonce", &fields.responder_nonce)?;
        Ok(Self {
            der: der.to_vec(),
            fields,
        })
    }

    pub(super) fn encode(fields: Message3Der) -> Result<Self, Error> {
        let der = fields.to_der().map_err(|e| encoding_failed(&e))?;
        Self::from_der(&der)
    }

    /// The message's DER, to send.
    pub fn as_bytes(&self) -> &[u8] {
        &self.der
    }
}

/// The size cap, then the version (the first element, read before the rest so that a
/// later version with another structure is named as such), then the whole structure.
fn decode<'a, T: Decode<'a, Error = der::Error>>(
    message: &'static str,
    der: &'a [u8],
) -> Result<T, Error> {
    if der.len() > MAX_MESSAGE_BYTES {
        return Err(Error::AuthMessageTooLarge {
            message,
            len: der.len(),
            max: MAX_MESSAGE_BYTES,
        });
    }
    let version = read_version(der).map_err(|e| malformed(message, e.to_string()))?;
    if version != PROTOCOL_VERSION {
        return Err(Error::AuthVersionUnsupported {
            message,
            version,
            supported: PROTOCOL_VERSION,
        });
    }
    T::from_der(der).map_err(|e| malformed(message, e.to_string()))
}

/// The `version` INTEGER that opens every message's SEQUENCE.
fn read_version(der: &[u8]) -> der::Result<i64> {
    let mut reader = der::SliceReader::new(der)?;
    let header = Header::decode(&mut reader)?;
    header.tag().assert_eq(Tag::Sequence)?;
    i64::decode(&mut reader)
}

fn check_nonce(message: &'static str, field: &str, nonce: &OctetString) -> Result<(), Error> {
    let len = nonce.as_bytes().len();
    if len == NONCE_LEN {
        Ok(())
    } else {
        Err(malformed(
            message,
            format!("{field} is {len} bytes, not {NONCE_LEN}"),
        ))
    }
}

/// A canonical OrgId that also passes its jurisdiction's check.
fn org_id(message: &'static str, field: &str, text: &str) -> Result<OrgId, Error> {
    OrgId::parse_canonical(text).map_err(|e| malformed(message, format!("{field}: {e}")))
}

pub(super) fn malformed(message: &'static str, reason: String) -> Error {
    Error::AuthMessageMalformed { message, reason }
}

pub(super) fn encoding_failed(error: &der::Error) -> Error {
    Error::AuthMessageMalformed {
        message: "outgoing message",
        reason: error.to_string(),
    }
}
