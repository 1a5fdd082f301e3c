//! `bt_bytes`: an owned byte buffer handed to C (the authentication messages), read
//! through `bt_bytes_data` / `bt_bytes_len` and freed by `bt_bytes_free`.

use crate::boundary::{free_boxed, guard, guard_value, handle};

/// Bytes baytrust hands out (opaque): e.g. a protocol message to send to the peer.
/// Immutable; freed by `bt_bytes_free`. May be read by several threads at once.
#[allow(non_camel_case_types)]
pub struct bt_bytes {
    pub(crate) data: Box<[u8]>,
}

impl bt_bytes {
    /// The buffer holding `data`.
    pub(crate) fn new(data: &[u8]) -> Self {
        Self { data: data.into() }
    }
}

/// The first byte of `b`'s `bt_bytes_len(b)` bytes. `b` NULL gives NULL.
///
/// Ownership: the bytes belong to `b` and stay valid, unchanged, until `bt_bytes_free(b)`;
/// copy them to keep them longer. Never free the pointer itself. Thread-safety: may be
/// called concurrently.
#[no_mangle]
pub unsafe extern "C" fn bt_bytes_data(b: *const bt_bytes) -> *const u8 {
    guard_value(std::ptr::null(), || {
        // SAFETY: the caller's promise, documented above.
        unsafe { handle(b) }.map_or(std::ptr::null(), |b| b.data.as_ptr())
    })
}

/// The number of bytes in `b`. `b` NULL gives 0.
///
/// Ownership: `b` stays the caller's. Thread-safety: may be called concurrently.
#[no_mangle]
pub unsafe extern "C" fn bt_bytes_len(b: *const bt_bytes) -> usize {
    guard_value(0, || {
        // SAFETY: the caller's promise, documented above.
        unsafe { handle(b) }.map_or(0, |b| b.data.len())
    })
}

/// Frees bytes handed out by baytrust (`out_message1`, `out_message2`, `out_message3`
/// of the `bt_auth_*` functions). NULL does nothing.
///
/// Ownership: `b` must come from one of those functions and not be freed yet; it and
/// the pointer `bt_bytes_data` gave are invalid afterwards. Thread-safety: only once no
/// other thread uses `b`.
#[no_mangle]
pub unsafe extern "C" fn bt_bytes_free(b: *mut bt_bytes) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(b) };
        Ok(())
    });
}
