//! The initiator's side: `Initiator::start` sends message 1; the state it returns
//! takes message 2 and gives the authenticated responder and message 3.

use der::asn1::OctetString;

use super::check::{
    check_and_record_replay, check_not_reflected_chain, record_own_nonce, sign, validate_peer,
    verify_peer_signature,
};
use super::message::{
    encoding_failed, Chain, Message1, Message1Der, Message2, Message3, Message3Der,
};
use super::transcript::{Role, Transcript, TranscriptParts};
use super::PROTOCOL_VERSION;
use super::{AuthPolicy, AuthenticatedPeer, Credentials, Nonce, NonceSource, ReplayCache};
use crate::{Error, Time, Verifier};

const MESSAGE_2: &str = "message 2";

/// The party that opens a session. Cheap to copy; one per party, many sessions.
#[derive(Debug, Clone)]
pub struct Initiator<'a> {
    verifier: &'a Verifier,
    credentials: &'a Credentials,
    cache: &'a ReplayCache,
    policy: AuthPolicy,
}

/// An initiator that sent message 1 and waits for message 2.
#[derive(Debug)]
#[must_use = "a session does nothing until message 2 is given to finish"]
pub struct InitiatorAwaitingResponse<'a> {
    initiator: Initiator<'a>,
    nonce: Nonce,
    time: i64,
    chain_hash: [u8; 32],
}

impl<'a> Initiator<'a> {
    /// An initiator proving itself with `credentials`, judging responders under
    /// `verifier` with the default [`AuthPolicy`], recording nonces in `cache`.
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

    /// The same initiator under `policy` (its `expected_peer` is sent in message 1 as
    /// the expected responder and checked against the responder's certificate).
    pub fn with_policy(mut self, policy: AuthPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Opens a session at `now`: a fresh nonce from `rng` (recorded in the replay
    /// cache as ours) and message 1.
    pub fn start(
        &self,
        now: Time,
        rng: &mut dyn NonceSource,
    ) -> Result<(InitiatorAwaitingResponse<'a>, Message1), Error> {
        let nonce = rng.nonce()?;
        let chain = Chain::of(&self.credentials.chain)?;
        let chain_hash = chain.hash()?;
        let message = Message1::encode(Message1Der {
            version: PROTOCOL_VERSION,
            initiator_nonce: OctetString::new(nonce.to_vec()).map_err(|e| encoding_failed(&e))?,
            initiator_time: now.unix_seconds(),
            initiator_id: self.credentials.org_id.canonical(),
            initiator_chain: chain,
            expected_responder: self.policy.expected_peer.as_ref().map(|id| id.canonical()),
        })?;
        record_own_nonce(self.cache, &nonce, now, &self.policy)?;
        Ok((
            InitiatorAwaitingResponse {
                initiator: self.clone(),
                nonce,
                time: now.unix_seconds(),
                chain_hash,
            },
            message,
        ))
    }
}

impl InitiatorAwaitingResponse<'_> {
    /// Takes message 2 at `now`. Checks, in order (docs/auth-protocol.md §4.2): the
    /// message not seen before ([`Error::AuthMessageReplayed`]); the echoed initiator
    /// nonce ours ([`Error::AuthSessionMismatch`]); the responder nonce not ours
    /// ([`Error::AuthReflected`]) nor used before ([`Error::AuthNonceReused`]); its time
    /// within the skew ([`Error::AuthTimestampOutOfSkew`]); the responder's certificate
    /// not ours ([`Error::AuthReflected`]); its chain valid and recognised at its time
    /// ([`Error::AuthPeerNotRecognised`]), naming the identity it claims
    /// ([`Error::AuthIdentityClaimMismatch`]) and the one expected
    /// ([`Error::AuthIdentityUnexpected`]); its signature over the transcript
    /// ([`Error::AuthSignatureAlgorithmRefused`], [`Error::AuthSignatureInvalid`]).
    /// Then signs the transcript as initiator: message 3.
    pub fn finish(
        self,
        message: &Message2,
        now: Time,
    ) -> Result<(AuthenticatedPeer, Message3), Error> {
        let Self {
            initiator,
            nonce,
            time,
            chain_hash,
        } = self;
        let policy = &initiator.policy;
        let fields = &message.fields;
        if super::check::was_replayed(initiator.cache, &message.der, now) {
            return Err(Error::AuthMessageReplayed { message: MESSAGE_2 });
        }
        if fields.initiator_nonce.as_bytes() != nonce {
            return Err(Error::AuthSessionMismatch {
                message: MESSAGE_2,
                field: "initiator nonce",
            });
        }
        if fields.responder_nonce.as_bytes() == nonce {
            return Err(Error::AuthReflected { field: "nonce" });
        }
        check_and_record_replay(
            initiator.cache,
            MESSAGE_2,
            &message.der,
            fields.responder_nonce.as_bytes(),
            fields.responder_time,
            now,
            policy,
        )?;
        check_not_reflected_chain(initiator.credentials, &message.chain)?;
        let (report, entity) = validate_peer(
            initiator.verifier,
            &message.chain,
            fields.responder_time,
            policy.responder_purpose,
            &message.responder_id,
            policy,
        )?;
        let responder_nonce: Nonce = fields
            .responder_nonce
            .as_bytes()
            .try_into()
            .map_err(|_| super::message::malformed(MESSAGE_2, "nonce length".into()))?;
        let transcript = Transcript::new(TranscriptParts {
            initiator_nonce: &nonce,
            responder_nonce: &responder_nonce,
            initiator_id: initiator.credentials.org_id.canonical(),
            responder_id: message.responder_id.canonical(),
            initiator_chain_hash: chain_hash,
            responder_chain_hash: fields.responder_chain.hash()?,
            initiator_time: time,
            responder_time: fields.responder_time,
            expected_responder: policy.expected_peer.as_ref().map(|id| id.canonical()),
        })?;
        let leaf = message
            .chain
            .first()
            .ok_or_else(|| super::message::malformed(MESSAGE_2, "empty chain".into()))?;
        verify_peer_signature(
            initiator.verifier,
            leaf,
            &fields.signature_algorithm,
            &transcript.signed_bytes(Role::Responder)?,
            fields.signature.as_bytes(),
            Role::Responder,
        )?;
        let (signature_algorithm, signature) = sign(
            initiator.credentials,
            &transcript.signed_bytes(Role::Initiator)?,
        )?;
        let session_binding = transcript.session_binding()?;
        let reply = Message3::encode(Message3Der {
            version: PROTOCOL_VERSION,
            initiator_nonce: fields.initiator_nonce.clone(),
            responder_nonce: fields.responder_nonce.clone(),
            signature_algorithm,
            signature: OctetString::new(signature).map_err(|e| encoding_failed(&e))?,
        })?;
        Ok((
            AuthenticatedPeer {
                recognition: report.recognition.clone(),
                entity,
                chain_report: report,
                session_binding,
            },
            reply,
        ))
    }
}
