//! `bt_auth_replay_cache`: the bounded, thread-safe cache of nonces and messages seen,
//! one per party, shared by all its sessions.

use std::sync::Arc;

use baytrust::ReplayCache;

use crate::boundary::{free_boxed, guard, guard_value, handle, out_param, write_boxed};
use crate::result::bt_result;

/// A party's replay cache (opaque): the nonces it issued and those and the messages its
/// peers sent, each remembered for twice the allowed clock skew, so that a replayed
/// message, a reused nonce or a reflected one is refused. Made by
/// `bt_auth_replay_cache_new`, freed by `bt_auth_replay_cache_free`.
///
/// Thread-safety: one cache may be used by any number of sessions on any number of
/// threads at the same time (it locks inside); make one per party and share it. A
/// session keeps it alive, so it may be freed before the sessions using it.
#[allow(non_camel_case_types)]
pub struct bt_auth_replay_cache {
    pub(crate) inner: Arc<ReplayCache>,
}

/// Makes an empty replay cache holding at most `capacity` live entries (three per
/// session); 0 gives the library's default of 100,000 entries (about 8 MB). When every
/// entry is still inside the replay window, new sessions are refused with
/// `BT_RESULT_AUTH_REPLAY_CACHE_FULL` rather than an entry forgotten early.
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new cache owned by the caller, to be freed
/// with `bt_auth_replay_cache_free`; on error it is not written. Thread-safety: any
/// thread.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`out` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_auth_replay_cache_new(
    capacity: usize,
    out: *mut *mut bt_auth_replay_cache,
) -> bt_result {
    guard(|| {
        let out = out_param(out)?;
        let cache = if capacity == 0 {
            ReplayCache::default()
        } else {
            ReplayCache::new(capacity)
        };
        let cache = bt_auth_replay_cache {
            inner: Arc::new(cache),
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, cache) };
        Ok(())
    })
}

/// The number of entries the cache holds (live, or expired and not yet purged). `c`
/// NULL gives 0.
///
/// Ownership: `c` stays the caller's. Thread-safety: may be called concurrently.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_replay_cache_len(c: *const bt_auth_replay_cache) -> usize {
    guard_value(0, || {
        // SAFETY: the caller's promise, documented above.
        unsafe { handle(c) }.map_or(0, |c| c.inner.len())
    })
}

/// Frees the caller's reference to a replay cache. NULL does nothing. Sessions begun
/// with it keep it alive until they are freed.
///
/// Ownership: `c` must come from `bt_auth_replay_cache_new` and not be freed yet; it is
/// invalid afterwards. Thread-safety: only once no other thread uses `c`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_replay_cache_free(c: *mut bt_auth_replay_cache) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(c) };
        Ok(())
    });
}
