//! `bt_report`: the validation report of one signature, read through accessors or whole
//! as JSON, and the C strings the accessors hand out (`bt_string_free`).

use std::ffi::{c_char, CString};

use baytrust::{LegalEntity, Report};

use crate::boundary::{free_boxed, guard, guard_value, handle, out_param};
use crate::result::bt_result;
use crate::values::bt_indication;

/// The report of one signature verification (opaque), made by `bt_verify_cms` or
/// `bt_verify_finish`, freed by `bt_report_free`. Immutable: its accessors may be called
/// by several threads at once.
#[allow(non_camel_case_types)]
pub struct bt_report {
    pub(crate) inner: Report,
}

/// The report's overall indication: `BT_INDICATION_TOTAL_PASSED` only when every signer
/// passed. `r` NULL gives `BT_INDICATION_INDETERMINATE` (never "passed").
///
/// Ownership: `r` stays the caller's. Thread-safety: may be called concurrently.
#[no_mangle]
pub unsafe extern "C" fn bt_report_indication(r: *const bt_report) -> bt_indication {
    guard_value(bt_indication::BT_INDICATION_INDETERMINATE, || {
        // SAFETY: the caller's promise, documented above.
        match unsafe { handle(r) } {
            Ok(r) => r.inner.indication.into(),
            Err(_) => bt_indication::BT_INDICATION_INDETERMINATE,
        }
    })
}

/// The number of signers in the report (in SignerInfo order, indices `0..count`).
/// `r` NULL gives 0.
///
/// Ownership: `r` stays the caller's. Thread-safety: may be called concurrently.
#[no_mangle]
pub unsafe extern "C" fn bt_report_signer_count(r: *const bt_report) -> usize {
    guard_value(0, || {
        // SAFETY: the caller's promise, documented above.
        unsafe { handle(r) }.map_or(0, |r| r.inner.signers.len())
    })
}

/// The whole report as JSON (UTF-8, NUL-terminated): the library's report serialised
/// with serde_json, the same value `verify-sig verify --json` prints (compact here):
/// `{"indication", "sub_indication", "validation_time", "signers": [{"indication",
/// "sub_indication", "reason", "entity", "claimed_entity", "certificate", "chain",
/// "recognition", ...}]}`.
///
/// Ownership: on `BT_RESULT_OK`, `*out_json` is a new string owned by the caller, to be
/// freed with `bt_string_free` (never `free`); on error it is not written.
/// Thread-safety: may be called concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`r` or `out_json` NULL), `BT_RESULT_INTERNAL`.
#[no_mangle]
pub unsafe extern "C" fn bt_report_json(
    r: *const bt_report,
    out_json: *mut *mut c_char,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let r = unsafe { handle(r)? };
        let out = out_param(out_json)?;
        let json = serde_json::to_string(&r.inner).map_err(|_| bt_result::BT_RESULT_INTERNAL)?;
        // serde_json escapes U+0000, so the JSON never holds a NUL byte.
        let json = CString::new(json).map_err(|_| bt_result::BT_RESULT_INTERNAL)?;
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { out.write(json.into_raw()) };
        Ok(())
    })
}

/// Hands out one text field of signer `signer`'s **validated** legal entity.
///
/// # Safety
/// `r` and `out` as for the exported accessors.
unsafe fn signer_text(
    r: *const bt_report,
    signer: usize,
    out: *mut *mut c_char,
    field: impl FnOnce(&LegalEntity) -> String,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise.
        let r = unsafe { handle(r)? };
        let out = out_param(out)?;
        let signer = r
            .inner
            .signers
            .get(signer)
            .ok_or(bt_result::BT_RESULT_INDEX_OUT_OF_RANGE)?;
        let entity = signer
            .entity
            .as_ref()
            .ok_or(bt_result::BT_RESULT_SIGNER_NOT_IDENTIFIED)?;
        let text = CString::new(field(entity)).map_err(|_| bt_result::BT_RESULT_TEXT_HAS_NUL)?;
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { out.write(text.into_raw()) };
        Ok(())
    })
}

/// The validated organisation identifier of signer `signer` (0-based), canonical
/// (`NTRCN-91350100M000100Y43`, `NTRHK-…`, `NTRMO-…`), UTF-8 and NUL-terminated. Only a
/// signer that passed every check has one.
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new string owned by the caller, to be freed
/// with `bt_string_free`; on error it is not written. Thread-safety: may be called
/// concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`r` or `out` NULL),
/// `BT_RESULT_INDEX_OUT_OF_RANGE` (`signer >= bt_report_signer_count(r)`),
/// `BT_RESULT_SIGNER_NOT_IDENTIFIED` (the signer did not pass: no validated identity).
#[no_mangle]
pub unsafe extern "C" fn bt_report_signer_org_id(
    r: *const bt_report,
    signer: usize,
    out: *mut *mut c_char,
) -> bt_result {
    // SAFETY: the caller's promises, documented above.
    unsafe { signer_text(r, signer, out, |entity| entity.org_id.canonical()) }
}

/// The validated registered organisation name of signer `signer` (0-based), UTF-8 and
/// NUL-terminated (e.g. `Harbour Logistics Limited`, or Chinese characters). Only a
/// signer that passed every check has one.
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new string owned by the caller, to be freed
/// with `bt_string_free`; on error it is not written. Thread-safety: may be called
/// concurrently.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`r` or `out` NULL),
/// `BT_RESULT_INDEX_OUT_OF_RANGE`, `BT_RESULT_SIGNER_NOT_IDENTIFIED`,
/// `BT_RESULT_TEXT_HAS_NUL` (the name holds U+0000; read it from `bt_report_json`).
#[no_mangle]
pub unsafe extern "C" fn bt_report_signer_organisation(
    r: *const bt_report,
    signer: usize,
    out: *mut *mut c_char,
) -> bt_result {
    // SAFETY: the caller's promises, documented above.
    unsafe { signer_text(r, signer, out, |entity| entity.organisation.clone()) }
}

/// Frees a report. NULL does nothing.
///
/// Ownership: `r` must come from `bt_verify_cms` or `bt_verify_finish` and not be freed
/// yet; it is invalid afterwards (strings obtained from it stay valid until their own
/// `bt_string_free`). Thread-safety: only once no other thread uses `r`.
#[no_mangle]
pub unsafe extern "C" fn bt_report_free(r: *mut bt_report) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(r) };
        Ok(())
    });
}

/// Frees a string returned by `bt_report_json`, `bt_report_signer_org_id`,
/// `bt_report_signer_organisation` or a `bt_auth_peer_*` accessor. NULL does nothing.
///
/// Ownership: `s` must come from one of those functions and not be freed yet (never
/// pass it to `free`, nor `bt_version`'s string here). Thread-safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn bt_string_free(s: *mut c_char) {
    let _ = guard(|| {
        if !s.is_null() {
            // SAFETY: the caller's promise: `s` came from `CString::into_raw` here.
            drop(unsafe { CString::from_raw(s) });
        }
        Ok(())
    });
}
