//! `bt_auth_peer`: what a completed handshake proves about the other party — its
//! validated legal entity, the trust list recognising it, the session binding — read
//! through accessors or whole as JSON.

use std::ffi::{c_char, CString};

use baytrust::AuthenticatedPeer;

use crate::boundary::{free_boxed, guard, handle, out_param, raw};
use crate::result::bt_result;
use crate::values::bt_jurisdiction;

/// The length in bytes of a session binding (`bt_auth_peer_session_binding`).
pub const BT_AUTH_SESSION_BINDING_LEN: usize = 32;

/// An authenticated peer (opaque), made by `bt_auth_initiator_finish` or
/// `bt_auth_responder_finish`, freed by `bt_auth_peer_free`. Immutable: its accessors
/// may be called by several threads at once.
#[allow(non_camel_case_types)]
pub struct bt_auth_peer {
    pub(crate) inner: AuthenticatedPeer,
}

/// Hands out `text` as a new C string.
///
/// # Safety
/// `out` checked non-NULL and writable.
unsafe fn write_text(out: *mut *mut c_char, text: String) -> Result<(), bt_result> {
    let text = CString::new(text).map_err(|_| bt_result::BT_RESULT_TEXT_HAS_NUL)?;
    // SAFETY: the caller's promise.
    unsafe { out.write(text.into_raw()) };
    Ok(())
}

/// Hands out one text field of the peer (`None`: `BT_RESULT_VALUE_ABSENT`).
///
/// # Safety
/// `p` and `out` as for the exported accessors.
unsafe fn peer_text(
    p: *const bt_auth_peer,
    out: *mut *mut c_char,
    field: impl FnOnce(&AuthenticatedPeer) -> Option<String>,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise.
        let p = unsafe { handle(p)? };
        let out = out_param(out)?;
        let text = field(&p.inner).ok_or(bt_result::BT_RESULT_VALUE_ABSENT)?;
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_text(out, text) }
    })
}

/// The peer's validated organisation identifier, canonical (`NTRCN-91110000600037341L`,
/// `NTRHK-12345678`, `NTRMO-…`), UTF-8 and NUL-terminated.
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new string owned by the caller, to be freed
/// with `bt_string_free`; on error it is not written. Thread-safety: may be called
/// concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` or `out` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_org_id(
    p: *const bt_auth_peer,
    out: *mut *mut c_char,
) -> bt_result {
    // SAFETY: the caller's promises, documented above.
    unsafe { peer_text(p, out, |peer| Some(peer.entity.org_id.canonical())) }
}

/// The peer's validated registered organisation name, UTF-8 and NUL-terminated (e.g.
/// `Harbour Logistics Limited`, or Chinese characters).
///
/// Ownership: as `bt_auth_peer_org_id`. Thread-safety: may be called concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_TEXT_HAS_NUL` (the name holds U+0000;
/// read it from `bt_auth_peer_json`).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_organisation(
    p: *const bt_auth_peer,
    out: *mut *mut c_char,
) -> bt_result {
    // SAFETY: the caller's promises, documented above.
    unsafe { peer_text(p, out, |peer| Some(peer.entity.organisation.clone())) }
}

/// The natural person the peer's certificate names as acting for the organisation,
/// UTF-8 and NUL-terminated.
///
/// Ownership: as `bt_auth_peer_org_id`. Thread-safety: may be called concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER`, `BT_RESULT_VALUE_ABSENT` (the certificate names
/// none), `BT_RESULT_TEXT_HAS_NUL`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_authorised_person(
    p: *const bt_auth_peer,
    out: *mut *mut c_char,
) -> bt_result {
    // SAFETY: the caller's promises, documented above.
    unsafe { peer_text(p, out, |peer| peer.entity.authorised_person.clone()) }
}

/// The jurisdiction whose registry the peer is in (`BT_JURISDICTION_CN`, `_HK`, `_MO`).
///
/// Ownership: `*out` is written only on `BT_RESULT_OK`. Thread-safety: may be called
/// concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` or `out` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_jurisdiction(
    p: *const bt_auth_peer,
    out: *mut raw::bt_jurisdiction,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle(p)? };
        let out = out_param(out)?;
        let jurisdiction = bt_jurisdiction::from(p.inner.entity.jurisdiction);
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { out.write(jurisdiction as raw::bt_jurisdiction) };
        Ok(())
    })
}

/// The trust list that recognised the peer: its jurisdiction, its sequence number and
/// the recognised service's name (UTF-8, NUL-terminated). Any of the out-parameters may
/// be NULL when not wanted.
///
/// Ownership: on `BT_RESULT_OK`, the non-NULL out-parameters are written;
/// `*out_service` is then a new string owned by the caller, to be freed with
/// `bt_string_free`. On error none is written. Thread-safety: may be called
/// concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` NULL), `BT_RESULT_VALUE_ABSENT` (no list
/// recognised the peer: only under a policy with recognition not required),
/// `BT_RESULT_TEXT_HAS_NUL` (the service name holds U+0000).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_recognition(
    p: *const bt_auth_peer,
    out_jurisdiction: *mut raw::bt_jurisdiction,
    out_trust_list_sequence: *mut u64,
    out_service: *mut *mut c_char,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle(p)? };
        let recognition = p
            .inner
            .recognition
            .as_ref()
            .ok_or(bt_result::BT_RESULT_VALUE_ABSENT)?;
        let service = CString::new(recognition.service.clone())
            .map_err(|_| bt_result::BT_RESULT_TEXT_HAS_NUL)?;
        let jurisdiction = bt_jurisdiction::from(recognition.jurisdiction);
        // SAFETY: each is written only when non-NULL; the caller promises it is
        // writable.
        unsafe {
            if !out_jurisdiction.is_null() {
                out_jurisdiction.write(jurisdiction as raw::bt_jurisdiction);
            }
            if !out_trust_list_sequence.is_null() {
                out_trust_list_sequence.write(recognition.trust_list_sequence);
            }
            if !out_service.is_null() {
                out_service.write(service.into_raw());
            }
        }
        Ok(())
    })
}

/// Writes the session binding — SHA-256 over the protocol's label and the transcript
/// both parties signed (docs/auth-protocol.md §5), `BT_AUTH_SESSION_BINDING_LEN` (32)
/// bytes, equal on both sides of the session and unique to it, but not secret: anyone
/// who saw the messages can compute it — into `out` (`out_len` bytes, at least 32; only
/// the first 32 are written). Key the channel with it together with a key agreement,
/// or bind later messages to it.
///
/// Ownership: `out` stays the caller's, written only on `BT_RESULT_OK`. Thread-safety:
/// may be called concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` or `out` NULL), `BT_RESULT_BUFFER_TOO_SMALL`
/// (`out_len` under 32).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_session_binding(
    p: *const bt_auth_peer,
    out: *mut u8,
    out_len: usize,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle(p)? };
        let out = out_param(out)?;
        let binding: &[u8; BT_AUTH_SESSION_BINDING_LEN] = &p.inner.session_binding;
        if out_len < binding.len() {
            return Err(bt_result::BT_RESULT_BUFFER_TOO_SMALL);
        }
        // SAFETY: `out` is non-NULL and the caller promises `out_len >= 32` writable
        // bytes there.
        unsafe { std::ptr::copy_nonoverlapping(binding.as_ptr(), out, binding.len()) };
        Ok(())
    })
}

/// The whole peer as JSON (UTF-8, NUL-terminated), the value `baytrust auth … --json`
/// prints in part: `{"entity": {"jurisdiction", "org_id", "org_id_valid",
/// "organisation", "authorised_person"}, "recognition": {"jurisdiction",
/// "trust_list_sequence", "service", "policy", "status_time"} or null, "chain_report":
/// {…, the verdict on the peer's chain}, "session_binding": "<64 hex digits>"}`.
///
/// Ownership: on `BT_RESULT_OK`, `*out_json` is a new string owned by the caller, to be
/// freed with `bt_string_free`; on error it is not written. Thread-safety: may be
/// called concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` or `out_json` NULL), `BT_RESULT_INTERNAL`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_json(
    p: *const bt_auth_peer,
    out_json: *mut *mut c_char,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle(p)? };
        let out = out_param(out_json)?;
        let peer = &p.inner;
        let json = serde_json::json!({
            "entity": peer.entity,
            "recognition": peer.recognition,
            "chain_report": peer.chain_report,
            "session_binding": peer.session_binding_hex(),
        });
        let json = serde_json::to_string(&json).map_err(|_| bt_result::BT_RESULT_INTERNAL)?;
        // serde_json escapes U+0000, so the JSON never holds a NUL byte.
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_text(out, json) }.map_err(|_| bt_result::BT_RESULT_INTERNAL)
    })
}

/// Frees a peer. NULL does nothing.
///
/// Ownership: `p` must come from `bt_auth_initiator_finish` or
/// `bt_auth_responder_finish` and not be freed yet; it is invalid afterwards (strings
/// obtained from it stay valid until their own `bt_string_free`). Thread-safety: only
/// once no other thread uses `p`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_peer_free(p: *mut bt_auth_peer) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(p) };
        Ok(())
    });
}
