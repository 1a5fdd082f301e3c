//! `bt_auth_session`: one handshake of one party — an initiator's (started by
//! `bt_auth_initiator_start`, finished by `bt_auth_initiator_finish`) or a responder's
//! (`bt_auth_responder_respond`, `bt_auth_responder_finish`).
//!
//! The library's session states borrow the verifier, credentials and replay cache for
//! their lifetime. A C caller may free its handles in any order, so a session owns
//! `Arc`s of all three and the state borrowing them, tied together by `self_cell`
//! (which keeps the owner on the heap, lends it only to the dependent, and drops the
//! dependent first; no `unsafe` here). A session takes one message: `finish` moves the
//! state out, whatever its outcome, and a second `finish` is
//! `BT_RESULT_AUTH_SESSION_USED`.

use std::sync::Arc;

use baytrust::{
    AuthPolicy, Credentials, Initiator, InitiatorAwaitingResponse, Message1, Message2, Message3,
    ReplayCache, Responder, ResponderAwaitingConfirm, SystemNonceSource, Time, Verifier,
};
use self_cell::self_cell;

use super::auth_error;
use super::credentials::bt_auth_credentials;
use super::peer::bt_auth_peer;
use super::policy::bt_auth_policy;
use super::replay_cache::bt_auth_replay_cache;
use crate::boundary::{bytes, free_boxed, guard, handle, handle_mut, out_param, write_boxed};
use crate::bytes::bt_bytes;
use crate::result::bt_result;
use crate::verifier::bt_verifier;

/// What a session's state borrows, owned by the session.
struct Parties {
    verifier: Arc<Verifier>,
    credentials: Arc<Credentials>,
    cache: Arc<ReplayCache>,
}

/// An initiator's state until message 2 is taken (`None` afterwards).
type AwaitingResponse<'a> = Option<InitiatorAwaitingResponse<'a>>;
/// A responder's state until message 3 is taken (`None` afterwards).
type AwaitingConfirm<'a> = Option<ResponderAwaitingConfirm<'a>>;

self_cell!(
    /// An initiator's state with what it borrows.
    struct InitiatorCell {
        owner: Parties,
        #[covariant]
        dependent: AwaitingResponse,
    }
);

self_cell!(
    /// A responder's state with what it borrows.
    struct ResponderCell {
        owner: Parties,
        #[covariant]
        dependent: AwaitingConfirm,
    }
);

/// One handshake of one party (opaque), made by `bt_auth_initiator_start` or
/// `bt_auth_responder_respond`, freed by `bt_auth_session_free` (also after its
/// `finish`, and also unfinished). Single-use: its `finish` takes one message.
///
/// Thread-safety: **not** to be used by two threads at once; it may be moved to another
/// thread between calls. It keeps its verifier, credentials and replay cache alive, so
/// their handles may be freed first.
#[allow(non_camel_case_types)]
pub struct bt_auth_session {
    role: Role,
}

enum Role {
    Initiator(InitiatorCell),
    Responder(ResponderCell),
}

/// The three shared handles a session needs, and the policy it copies.
struct Party {
    parties: Parties,
    policy: AuthPolicy,
}

/// Reads the handles of a party (NULL `policy`: the defaults).
///
/// # Safety
/// As the exported functions' pointer promises.
unsafe fn party(
    v: *const bt_verifier,
    c: *const bt_auth_credentials,
    cache: *const bt_auth_replay_cache,
    policy: *const bt_auth_policy,
) -> Result<Party, bt_result> {
    // SAFETY: the caller's promises.
    let (v, c, cache) = unsafe { (handle(v)?, handle(c)?, handle(cache)?) };
    let policy = if policy.is_null() {
        AuthPolicy::default()
    } else {
        // SAFETY: the caller's promise.
        unsafe { handle(policy)? }.inner.clone()
    };
    Ok(Party {
        parties: Parties {
            verifier: Arc::clone(&v.inner),
            credentials: Arc::clone(&c.inner),
            cache: Arc::clone(&cache.inner),
        },
        policy,
    })
}

/// Starts a session as the **initiator** at `now_unix_seconds` (seconds since
/// 1970-01-01T00:00:00Z; the caller's clock, as the peer's must be within the skew):
/// a fresh random nonce (recorded in `cache`) and message 1 — the nonce, the time, the
/// credentials' identity and chain, and the expected responder if `policy` names one —
/// to send to the responder. The responder will be judged under `v` and `policy`
/// (NULL: the defaults of `bt_auth_policy_new`).
///
/// Ownership: the handles stay the caller's; the session holds its own references to
/// `v`, `c` and `cache` and a copy of `policy`, so any of them may be freed while the
/// session lives. On `BT_RESULT_OK`, `*out_session` is a new session owned by the
/// caller, to be freed with `bt_auth_session_free`, and `*out_message1` new bytes owned
/// by the caller, to be freed with `bt_bytes_free`; on error neither is written.
/// Thread-safety: may be called by many threads at once with the same `v`, `c`,
/// `cache` and `policy` (the policy must not be set meanwhile).
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`v`, `c`, `cache`, `out_session` or
/// `out_message1` NULL), `BT_RESULT_AUTH_REPLAY_CACHE_FULL`,
/// `BT_RESULT_AUTH_RANDOM_UNAVAILABLE`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_initiator_start(
    v: *const bt_verifier,
    c: *const bt_auth_credentials,
    cache: *const bt_auth_replay_cache,
    policy: *const bt_auth_policy,
    now_unix_seconds: i64,
    out_session: *mut *mut bt_auth_session,
    out_message1: *mut *mut bt_bytes,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let Party { parties, policy } = unsafe { party(v, c, cache, policy)? };
        let (out_session, out_message1) = (out_param(out_session)?, out_param(out_message1)?);
        let now = Time::from_unix_seconds(now_unix_seconds);
        let mut message1 = None;
        let cell = InitiatorCell::try_new(parties, |p| {
            let initiator =
                Initiator::new(&p.verifier, &p.credentials, &p.cache).with_policy(policy);
            let (state, message) = initiator.start(now, &mut SystemNonceSource)?;
            message1 = Some(bt_bytes::new(message.as_bytes()));
            Ok(Some(state))
        })
        .map_err(auth_error)?;
        let message1 = message1.ok_or(bt_result::BT_RESULT_INTERNAL)?;
        let session = bt_auth_session {
            role: Role::Initiator(cell),
        };
        // SAFETY: both checked non-NULL; the caller promises they are writable.
        unsafe {
            write_boxed(out_session, session);
            write_boxed(out_message1, message1);
        }
        Ok(())
    })
}

/// Takes message 2 (`message2_len` bytes, as received from the responder) into the
/// initiator's session `s` at `now_unix_seconds`: checks it (not a replay, answering
/// this session, its nonce fresh and not ours, its time within the skew, the
/// responder's chain valid and recognised under the session's verifier at that time,
/// naming the identity it claims and the one expected, its signature over the
/// transcript), then signs the transcript: on success the authenticated responder and
/// message 3, to send to the responder (which authenticates us only when it accepts
/// message 3).
///
/// The session takes **one** message: after this call, whatever its result (except
/// the argument errors `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_LENGTH_TOO_LARGE` and
/// `BT_RESULT_AUTH_WRONG_ROLE`, which leave it untouched), every later `finish` on it
/// is `BT_RESULT_AUTH_SESSION_USED`. It is not freed: free it with
/// `bt_auth_session_free`.
///
/// Ownership: `message2` is only read during the call. On `BT_RESULT_OK`, `*out_peer` is
/// a new peer owned by the caller, to be freed with `bt_auth_peer_free`, and
/// `*out_message3` new bytes, to be freed with `bt_bytes_free`; on error neither is
/// written. Thread-safety: not with other calls on the same session at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_LENGTH_TOO_LARGE`,
/// `BT_RESULT_AUTH_WRONG_ROLE` (a responder's session), `BT_RESULT_AUTH_SESSION_USED`,
/// and the refusals of message 2: `BT_RESULT_AUTH_MESSAGE_TOO_LARGE`,
/// `_TOO_MANY_CERTIFICATES`, `_MESSAGE_MALFORMED`, `_VERSION_UNSUPPORTED`,
/// `_MESSAGE_REPLAYED`, `_SESSION_MISMATCH`, `_REFLECTED`, `_NONCE_REUSED`,
/// `_TIMESTAMP_OUT_OF_SKEW`, `_PEER_NOT_RECOGNISED`, `_IDENTITY_CLAIM_MISMATCH`,
/// `_IDENTITY_UNEXPECTED`, `_SIGNATURE_ALGORITHM_REFUSED`, `_SIGNATURE_INVALID`,
/// `_REPLAY_CACHE_FULL` (all `BT_RESULT_AUTH_…`); `bt_last_error_detail` says why.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_initiator_finish(
    s: *mut bt_auth_session,
    message2: *const u8,
    message2_len: usize,
    now_unix_seconds: i64,
    out_peer: *mut *mut bt_auth_peer,
    out_message3: *mut *mut bt_bytes,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (s, message2) = unsafe { (handle_mut(s)?, bytes(message2, message2_len)?) };
        let (out_peer, out_message3) = (out_param(out_peer)?, out_param(out_message3)?);
        let Role::Initiator(cell) = &mut s.role else {
            return Err(bt_result::BT_RESULT_AUTH_WRONG_ROLE);
        };
        let now = Time::from_unix_seconds(now_unix_seconds);
        let (peer, message3) = cell.with_dependent_mut(|_, state| {
            let state = state.take().ok_or(bt_result::BT_RESULT_AUTH_SESSION_USED)?;
            let message = Message2::from_der(message2).map_err(auth_error)?;
            state.finish(&message, now).map_err(auth_error)
        })?;
        // SAFETY: both checked non-NULL; the caller promises they are writable.
        unsafe {
            write_boxed(out_peer, bt_auth_peer { inner: peer });
            write_boxed(out_message3, bt_bytes::new(message3.as_bytes()));
        }
        Ok(())
    })
}

/// Takes message 1 (`message1_len` bytes, as received from an initiator) as the
/// **responder** at `now_unix_seconds`: checks it (not a replay, its nonce fresh and not
/// ours, its time within the skew, the initiator's certificate not ours, the responder
/// it expects being us, its chain valid and recognised under `v` at that time, naming
/// the identity it claims and the one `policy` expects), then a fresh nonce and the
/// transcript signed: on success a session waiting for message 3, and message 2 to send
/// back. The initiator is authenticated only by `bt_auth_responder_finish`.
///
/// Ownership: `message1` is only read during the call; the handles stay the caller's,
/// the session holding its own references to `v`, `c` and `cache` and a copy of
/// `policy` (NULL: the defaults). On `BT_RESULT_OK`, `*out_session` is a new session to
/// be freed with `bt_auth_session_free` and `*out_message2` new bytes to be freed with
/// `bt_bytes_free`, both owned by the caller; on error neither is written.
/// Thread-safety: may be called by many threads at once with the same `v`, `c`,
/// `cache` and `policy` (one replay cache shared by all of a server's sessions is what
/// catches a message replayed to another connection).
///
/// Errors: `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_LENGTH_TOO_LARGE`, and the refusals
/// of message 1: `BT_RESULT_AUTH_MESSAGE_TOO_LARGE`, `_TOO_MANY_CERTIFICATES`,
/// `_MESSAGE_MALFORMED`, `_VERSION_UNSUPPORTED`, `_MESSAGE_REPLAYED`, `_REFLECTED`,
/// `_NONCE_REUSED`, `_TIMESTAMP_OUT_OF_SKEW`, `_IDENTITY_UNEXPECTED`,
/// `_PEER_NOT_RECOGNISED`, `_IDENTITY_CLAIM_MISMATCH`, `_REPLAY_CACHE_FULL`,
/// `_RANDOM_UNAVAILABLE` (all `BT_RESULT_AUTH_…`); `bt_last_error_detail` says why.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_responder_respond(
    v: *const bt_verifier,
    c: *const bt_auth_credentials,
    cache: *const bt_auth_replay_cache,
    policy: *const bt_auth_policy,
    message1: *const u8,
    message1_len: usize,
    now_unix_seconds: i64,
    out_session: *mut *mut bt_auth_session,
    out_message2: *mut *mut bt_bytes,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (Party { parties, policy }, message1) =
            unsafe { (party(v, c, cache, policy)?, bytes(message1, message1_len)?) };
        let (out_session, out_message2) = (out_param(out_session)?, out_param(out_message2)?);
        let now = Time::from_unix_seconds(now_unix_seconds);
        let message = Message1::from_der(message1).map_err(auth_error)?;
        let mut message2 = None;
        let cell = ResponderCell::try_new(parties, |p| {
            let responder =
                Responder::new(&p.verifier, &p.credentials, &p.cache).with_policy(policy);
            let (state, reply) = responder.respond(&message, now, &mut SystemNonceSource)?;
            message2 = Some(bt_bytes::new(reply.as_bytes()));
            Ok(Some(state))
        })
        .map_err(auth_error)?;
        let message2 = message2.ok_or(bt_result::BT_RESULT_INTERNAL)?;
        let session = bt_auth_session {
            role: Role::Responder(cell),
        };
        // SAFETY: both checked non-NULL; the caller promises they are writable.
        unsafe {
            write_boxed(out_session, session);
            write_boxed(out_message2, message2);
        }
        Ok(())
    })
}

/// Takes message 3 (`message3_len` bytes, as received from the initiator) into the
/// responder's session `s` at `now_unix_seconds`: checks it (both nonces this
/// session's, `now` within the skew of message 2's time, the initiator's signature over
/// the transcript); on success the authenticated initiator.
///
/// The session takes **one** message: after this call, whatever its result (except the
/// argument errors `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_LENGTH_TOO_LARGE` and
/// `BT_RESULT_AUTH_WRONG_ROLE`), every later `finish` on it is
/// `BT_RESULT_AUTH_SESSION_USED`. It is not freed: free it with `bt_auth_session_free`.
///
/// Ownership: `message3` is only read during the call. On `BT_RESULT_OK`, `*out_peer` is
/// a new peer owned by the caller, to be freed with `bt_auth_peer_free`; on error it is
/// not written. Thread-safety: not with other calls on the same session at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_LENGTH_TOO_LARGE`,
/// `BT_RESULT_AUTH_WRONG_ROLE` (an initiator's session), `BT_RESULT_AUTH_SESSION_USED`,
/// and the refusals of message 3: `BT_RESULT_AUTH_MESSAGE_TOO_LARGE`,
/// `_MESSAGE_MALFORMED`, `_VERSION_UNSUPPORTED`, `_SESSION_MISMATCH`,
/// `_TIMESTAMP_OUT_OF_SKEW`, `_SIGNATURE_ALGORITHM_REFUSED`, `_SIGNATURE_INVALID` (all
/// `BT_RESULT_AUTH_…`); `bt_last_error_detail` says why.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_responder_finish(
    s: *mut bt_auth_session,
    message3: *const u8,
    message3_len: usize,
    now_unix_seconds: i64,
    out_peer: *mut *mut bt_auth_peer,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (s, message3) = unsafe { (handle_mut(s)?, bytes(message3, message3_len)?) };
        let out_peer = out_param(out_peer)?;
        let Role::Responder(cell) = &mut s.role else {
            return Err(bt_result::BT_RESULT_AUTH_WRONG_ROLE);
        };
        let now = Time::from_unix_seconds(now_unix_seconds);
        let peer = cell.with_dependent_mut(|_, state| {
            let state = state.take().ok_or(bt_result::BT_RESULT_AUTH_SESSION_USED)?;
            let message = Message3::from_der(message3).map_err(auth_error)?;
            state.finish(&message, now).map_err(auth_error)
        })?;
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out_peer, bt_auth_peer { inner: peer }) };
        Ok(())
    })
}

/// Frees a session, finished or not (an unfinished one is simply abandoned; its
/// entries in the replay cache expire on their own). NULL does nothing. Drops the
/// session's references to its verifier, credentials and replay cache.
///
/// Ownership: `s` must come from `bt_auth_initiator_start` or
/// `bt_auth_responder_respond` and not be freed yet; it is invalid afterwards (peers and
/// bytes obtained through it stay valid until their own free). Thread-safety: not while
/// another thread uses `s`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_session_free(s: *mut bt_auth_session) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(s) };
        Ok(())
    });
}
