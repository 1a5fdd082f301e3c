//! `bt_auth_policy`: what one party demands of a session besides its verifier's rules —
//! the peer it expects, the clock skew, whether a trust list must recognise the peer.

use std::ffi::c_char;

use baytrust::AuthPolicy;

use super::credentials::canonical_org_id;
use crate::boundary::{free_boxed, guard, handle_mut, out_param, text, write_boxed};
use crate::result::bt_result;

/// A party's demands on its sessions (opaque), made by `bt_auth_policy_new` and set with
/// `bt_auth_policy_set_*`; each session copies it when it starts, so a policy may be
/// changed or freed at once afterwards. Freed by `bt_auth_policy_free`. Not for use by
/// two threads at once while it is being set; it may be moved between threads.
#[allow(non_camel_case_types)]
pub struct bt_auth_policy {
    pub(crate) inner: AuthPolicy,
}

/// Makes a policy with the library's defaults (what passing NULL for a policy means):
/// no expected peer, a clock skew of 300 seconds, recognition by a trust list required,
/// the initiator's certificate validated for client authentication and the responder's
/// for server authentication (as TLS).
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new policy owned by the caller, to be freed
/// with `bt_auth_policy_free`; on error it is not written. Thread-safety: any thread.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`out` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_policy_new(out: *mut *mut bt_auth_policy) -> bt_result {
    guard(|| {
        let out = out_param(out)?;
        let policy = bt_auth_policy {
            inner: AuthPolicy::default(),
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, policy) };
        Ok(())
    })
}

/// Sets the legal entity the peer must be, as its canonical OrgId (e.g.
/// `NTRCN-91110000600037341L`); NULL removes the expectation. An initiator also sends
/// it in message 1, so the responder refuses to answer if it is someone else. A peer of
/// another identity is refused with `BT_RESULT_AUTH_IDENTITY_UNEXPECTED`.
///
/// On error the policy is unchanged. Ownership: `org_id` is only read during the call.
/// Thread-safety: not with other calls on the same policy at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` NULL), `BT_RESULT_INVALID_UTF8`,
/// `BT_RESULT_INVALID_ORG_ID` (not canonical; `bt_last_error_detail` says why).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_policy_set_expected_peer(
    p: *mut bt_auth_policy,
    org_id: *const c_char,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle_mut(p)? };
        let expected = if org_id.is_null() {
            None
        } else {
            // SAFETY: the caller's promise, documented above.
            Some(canonical_org_id(unsafe { text(org_id)? })?)
        };
        p.inner.expected_peer = expected;
        Ok(())
    })
}

/// Sets the largest difference allowed between a message's time and the receiver's
/// `now`, in seconds (default 300); also the longest a responder waits for message 3.
/// Replay-cache entries live for twice this.
///
/// Thread-safety: not with other calls on the same policy at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_policy_set_max_skew(
    p: *mut bt_auth_policy,
    seconds: u32,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle_mut(p)? };
        p.inner.max_skew_seconds = i64::from(seconds);
        Ok(())
    })
}

/// Sets whether a trust list must recognise the peer (default `true`). A verifier of
/// plain anchors (`bt_verifier_builder_add_anchors`) recognises nothing: set `false`
/// there, and a valid chain naming a legal entity suffices.
///
/// Thread-safety: not with other calls on the same policy at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`p` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_policy_set_require_recognition(
    p: *mut bt_auth_policy,
    require: bool,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let p = unsafe { handle_mut(p)? };
        p.inner.require_recognition = require;
        Ok(())
    })
}

/// Frees a policy. NULL does nothing. Sessions started with it keep their own copy.
///
/// Ownership: `p` must come from `bt_auth_policy_new` and not be freed yet; it is
/// invalid afterwards. Thread-safety: not while another thread uses `p`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_policy_free(p: *mut bt_auth_policy) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(p) };
        Ok(())
    });
}
