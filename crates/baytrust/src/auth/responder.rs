//! The responder's side: `Responder::respond` takes message 1 and answers with
//! message 2; the state it returns takes message 3 and gives the authenticated
//! initiator.

use der::asn1::OctetString;

use super::check::{
    check_and_record_replay, check_expected, check_not_reflected_chain, record_own_nonce, sign,
    validate_peer, verify_peer_signature,
};
use super::message::{encoding_failed, Chain, Message1, Message2, Message2Der, Message3};
use super::transcript::{Role, Transcript, TranscriptParts};
use super::PROTOCOL_VERSION;
use super::{AuthPolicy, AuthenticatedPeer, Credentials, NonceSource, ReplayCache};
use crate::cert::CertificateDer;
use crate::identity::LegalEntity;
use crate::report::ChainReport;
use crate::{Error, Time, Verifier};

const MESSAGE_1: &str = "message 1";
const MESSAGE_3: &str = "message 3";

/// The party that answers sessions. Cheap to copy; one per party, many sessions, its
/// replay cache shared by all of them.
#[derive(Debug, Clone)]
pub struct Responder<'a> {
    verifier: &'a Verifier,
    credentials: &'a Credentials,
    cache: &'a ReplayCache,
    policy: AuthPolicy,
}

/// A responder that sent message 2 and waits for message 3.
#[derive(Debug)]
#[must_use = "the initiator is authenticated only once message 3 is given to finish"]
pub struct ResponderAwaitingConfirm<'a> {
    responder: Responder<'a>,
    transcript: Transcript,
    initiator_nonce: Vec<u8>,
    responder_nonce: Vec<u8>,
    responder_time: i64,
    initiator_leaf: CertificateDer,
    report: ChainReport,
    entity: LegalEntity,
}

impl<'a> Responder<'a> {
    /// A responder proving itself with `credentials`, judging initiators under
    /// `verifier` with the default [`AuthPolicy`], recording nonces and messages in
    /// `cache`.
    pub fn new(
        verifier: &'a Verifier,
        credentials: &'a Credentials,
        cache: &'a ReplayCache,
    ) -> Self {
        Self {
            verifier,
            credentials,
            cache,
            policy: AuthPolicy::default(),
        }
    }

    /// The same responder under `policy` (its `expected_peer` is the initiator it
    /// accepts).
    pub fn with_policy(mut self, policy: AuthPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Takes message 1 at `now`. Checks, in order (docs/auth-protocol.md §4.1): the
    /// message not seen before ([`Error::AuthMessageReplayed`]); its nonce not ours
    /// ([`Error::AuthReflected`]) nor used before ([`Error::AuthNonceReused`]); its time
    /// within the skew ([`Error::AuthTimestampOutOfSkew`]); the initiator's certificate
    /// not ours ([`Error::AuthReflected`]); the responder it expects is us
    /// ([`Error::AuthIdentityUnexpected`]); its chain valid and recognised at its time
    /// ([`Error::AuthPeerNotRecognised`]), naming the identity it claims
    /// ([`Error::AuthIdentityClaimMismatch`]) and the one expected
    /// ([`Error::AuthIdentityUnexpected`]). Then a fresh nonce from `rng` and the
    /// transcript signed as responder: message 2.
    pub fn respond(
        &self,
        message: &Message1,
        now: Time,
        rng: &mut dyn NonceSource,
    ) -> Result<(ResponderAwaitingConfirm<'a>, Message2), Error> {
        let policy = &self.policy;
        let fields = &message.fields;
        check_and_record_replay(
            self.cache,
            MESSAGE_1,
            &message.der,
            fields.initiator_nonce.as_bytes(),
            fields.initiator_time,
            now,
            policy,
        )?;
        check_not_reflected_chain(self.credentials, &message.chain)?;
        check_expected(
            message.expected_responder.as_ref(),
            &self.credentials.org_id,
        )?;
        let (report, entity) = validate_peer(
            self.verifier,
            &message.chain,
            fields.initiator_time,
            policy.initiator_purpose,
            &message.initiator_id,
            policy,
        )?;
        let initiator_nonce: super::Nonce = fields
            .initiator_nonce
            .as_bytes()
            .try_into()
            .map_err(|_| super::message::malformed(MESSAGE_1, "nonce length".into()))?;
        let responder_nonce = rng.nonce()?;
        let chain = Chain::of(&self.credentials.chain)?;
        let transcript = Transcript::new(TranscriptParts {
            initiator_nonce: &initiator_nonce,
            responder_nonce: &responder_nonce,
            initiator_id: message.initiator_id.canonical(),
            responder_id: self.credentials.org_id.canonical(),
            initiator_chain_hash: fields.initiator_chain.hash()?,
            responder_chain_hash: chain.hash()?,
            initiator_time: fields.initiator_time,
            responder_time: now.unix_seconds(),
            expected_responder: fields.expected_responder.clone(),
        })?;
        let (signature_algorithm, signature) =
            sign(self.credentials, &transcript.signed_bytes(Role::Responder)?)?;
        let reply = Message2::encode(Message2Der {
            version: PROTOCOL_VERSION,
            responder_nonce: OctetString::new(responder_nonce.to_vec())
                .map_err(|e| encoding_failed(&e))?,
            initiator_nonce: fields.initiator_nonce.clone(),
            responder_time: now.unix_seconds(),
            responder_id: self.credentials.org_id.canonical(),
            responder_chain: chain,
            signature_algorithm,
            signature: OctetString::new(signature).map_err(|e| encoding_failed(&e))?,
        })?;
        let initiator_leaf = message
            .chain
            .first()
            .cloned()
            .ok_or_else(|| super::message::malformed(MESSAGE_1, "empty chain".into()))?;
        record_own_nonce(self.cache, &responder_nonce, now, policy)?;
        Ok((
            ResponderAwaitingConfirm {
                responder: self.clone(),
                transcript,
                initiator_nonce: initiator_nonce.to_vec(),
                responder_nonce: responder_nonce.to_vec(),
                responder_time: now.unix_seconds(),
                initiator_leaf,
                report,
                entity,
            },
            reply,
        ))
    }
}

impl ResponderAwaitingConfirm<'_> {
    /// Takes message 3 at `now`. Checks, in order (docs/auth-protocol.md §4.3): both
    /// echoed nonces this session's ([`Error::AuthSessionMismatch`]); `now` within the
    /// skew of message 2's time ([`Error::AuthTimestampOutOfSkew`]); the initiator's
    /// signature over the transcript ([`Error::AuthSignatureAlgorithmRefused`],
    /// [`Error::AuthSignatureInvalid`]).
    pub fn finish(self, message: &Message3, now: Time) -> Result<AuthenticatedPeer, Error> {
        let fields = &message.fields;
        if fields.initiator_nonce.as_bytes() != self.initiator_nonce.as_slice() {
            return Err(Error::AuthSessionMismatch {
                message: MESSAGE_3,
                field: "initiator nonce",
            });
        }
        if fields.responder_nonce.as_bytes() != self.responder_nonce.as_slice() {
            return Err(Error::AuthSessionMismatch {
                message: MESSAGE_3,
                field: "responder nonce",
            });
        }
        super::check::check_skew(MESSAGE_3, self.responder_time, now, &self.responder.policy)?;
        verify_peer_signature(
            self.responder.verifier,
            &self.initiator_leaf,
            &fields.signature_algorithm,
            &self.transcript.signed_bytes(Role::Initiator)?,
            fields.signature.as_bytes(),
            Role::Initiator,
        )?;
        let session_binding = self.transcript.session_binding()?;
        Ok(AuthenticatedPeer {
            recognition: self.report.recognition.clone(),
            entity: self.entity,
            chain_report: self.report,
            session_binding,
        })
    }
}
