//! `bt_verifier`: the immutable verifier shared by every thread, and `bt_verify_cms`, the
//! one-shot verification of a signature with its content in memory (or encapsulated).

use std::sync::Arc;

use baytrust::{Time, Verifier};

use crate::boundary::{bytes, free_boxed, guard, handle, out_param, record_detail, write_boxed};
use crate::report::bt_report;
use crate::result::bt_result;

/// A built verifier (opaque): trust lists, anchors and policy, immutable. Made by
/// `bt_verifier_builder_build`, freed by `bt_verifier_free`.
///
/// Thread-safety: a `bt_verifier` may be used by any number of threads at the same time
/// (every function taking `const bt_verifier *` is safe to call concurrently); build it
/// once and share it. To refresh trust lists, build a new one and swap the pointer.
#[allow(non_camel_case_types)]
pub struct bt_verifier {
    /// Shared with the streaming verifications begun from it, which may outlive the
    /// handle.
    pub(crate) inner: Arc<Verifier>,
}

/// Frees a verifier. NULL does nothing. Streaming verifications begun from it stay
/// valid (they hold their own reference) until finished or freed.
///
/// Ownership: `v` must come from `bt_verifier_builder_build` and not be freed yet; it is
/// invalid afterwards. Thread-safety: only once no other thread uses `v`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_free(v: *mut bt_verifier) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(v) };
        Ok(())
    });
}

/// Verifies the CMS SignedData signature `sig` (DER, BER or PEM; `sig_len` bytes) at
/// the validation time `at_unix_seconds` (seconds since 1970-01-01T00:00:00Z): every
/// signer's signature over the content, its certificate path to a trusted anchor,
/// revocation, and its recognition by an accepted trust list.
///
/// `content` is the detached content (`content_len` bytes, which may be 0 for empty
/// content), or NULL for a signature that encapsulates its content (`content_len` must
/// then be 0). For content too large to hold in memory, use `bt_verify_begin`.
///
/// A signature that does not verify is **not** an error: the result is `BT_RESULT_OK`
/// and the report's indication is `BT_INDICATION_TOTAL_FAILED` (e.g. tampered content)
/// or `BT_INDICATION_INDETERMINATE`. Always check `bt_report_indication`.
///
/// Ownership: `sig` and `content` are only read during the call. On `BT_RESULT_OK`,
/// `*out` is a new report owned by the caller, to be freed with `bt_report_free`; on
/// error `*out` is not written. Thread-safety: may be called by many threads at once on
/// the same verifier.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`v`, `sig` or `out` NULL, or `content` NULL with
/// `content_len` not 0), `BT_RESULT_LENGTH_TOO_LARGE`, `BT_RESULT_NOT_A_SIGNATURE`,
/// `BT_RESULT_CONTENT_MISSING` (detached signature, `content` NULL),
/// `BT_RESULT_CONTENT_UNEXPECTED` (encapsulating signature, `content` given).
#[no_mangle]
pub unsafe extern "C" fn bt_verify_cms(
    v: *const bt_verifier,
    sig: *const u8,
    sig_len: usize,
    content: *const u8,
    content_len: usize,
    at_unix_seconds: i64,
    out: *mut *mut bt_report,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (v, sig) = unsafe { (handle(v)?, bytes(sig, sig_len)?) };
        let detached = if content.is_null() {
            if content_len != 0 {
                return Err(bt_result::BT_RESULT_NULL_PARAMETER);
            }
            None
        } else {
            // SAFETY: the caller's promise, documented above.
            Some(unsafe { bytes(content, content_len)? })
        };
        let out = out_param(out)?;
        let at = Time::from_unix_seconds(at_unix_seconds);
        // Content in memory is hashed in place (`verify_detached`), not streamed.
        let report = match detached {
            None => v.inner.verify_attached(sig, at),
            Some(content) => v.inner.verify_detached(sig, content, at),
        }
        .map_err(|e| record_detail(bt_result::of_verification(&e), e))?;
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, bt_report { inner: report }) };
        Ok(())
    })
}
