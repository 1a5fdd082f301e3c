//! `bt_verifier_builder`: collects a relying party's trust inputs (signed trust lists
//! with their operators, plain anchors, home and accepted jurisdictions, CRLs, revocation
//! mode) over `baytrust::VerifierBuilder`, then builds the shared `bt_verifier`.

use std::sync::Arc;

use baytrust::{decode_certificates, Time, Verifier, VerifierBuilder};

use crate::boundary::{
    bytes, free_boxed, guard, handle_mut, out_param, raw, record_detail, write_boxed,
};
use crate::result::bt_result;
use crate::values::{bt_jurisdiction, bt_revocation};
use crate::verifier::bt_verifier;

/// A verifier under construction (opaque). Made by `bt_verifier_builder_new`, turned into
/// a `bt_verifier` by `bt_verifier_builder_build` (which frees it) or freed by
/// `bt_verifier_builder_free`. Not for use by two threads at once; it may be moved to
/// another thread between calls.
#[allow(non_camel_case_types)]
pub struct bt_verifier_builder {
    inner: VerifierBuilder,
}

impl bt_verifier_builder {
    /// Applies a fallible step to a clone, keeping the builder as it was if the step
    /// refuses its input (the library's builder methods consume it).
    fn try_step(
        &mut self,
        step: impl FnOnce(VerifierBuilder) -> Result<VerifierBuilder, bt_result>,
    ) -> Result<(), bt_result> {
        self.inner = step(self.inner.clone())?;
        Ok(())
    }

    /// Applies an infallible step.
    fn step(&mut self, step: impl FnOnce(VerifierBuilder) -> VerifierBuilder) {
        self.inner = step(std::mem::take(&mut self.inner));
    }
}

/// `BT_RESULT_NOT_A_CERTIFICATE` unless `input` holds certificates the library can read
/// (DER or PEM, each parsed): says which input a refusal is about, decides nothing else.
pub(crate) fn certificates_readable(input: &[u8]) -> Result<(), bt_result> {
    let refused = |e: baytrust::Error| record_detail(bt_result::BT_RESULT_NOT_A_CERTIFICATE, e);
    let certificates = decode_certificates(input).map_err(refused)?;
    for der in &certificates {
        baytrust::CertificateInfo::parse(der).map_err(refused)?;
    }
    Ok(())
}

/// Starts a builder with the library defaults: no trust list and no anchor (every
/// signature is then `BT_INDICATION_INDETERMINATE`), no home jurisdiction, every loaded
/// list accepted until `bt_verifier_builder_accept` or `_set_home` narrows it, stale
/// lists refused, revocation `BT_REVOCATION_PREFER`, RSA keys of at least 2048 bits.
///
/// Ownership: on `BT_RESULT_OK`, `*out` is a new builder owned by the caller, to be
/// passed to `bt_verifier_builder_build` or `bt_verifier_builder_free`; on error `*out`
/// is not written. Thread-safety: may be called from any thread.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`out` NULL).
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_new(out: *mut *mut bt_verifier_builder) -> bt_result {
    guard(|| {
        let out = out_param(out)?;
        let builder = bt_verifier_builder {
            inner: Verifier::builder(),
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, builder) };
        Ok(())
    })
}

/// Loads the signed trust list `list` (CMS SignedData over the JSON list, DER or PEM;
/// `list_len` bytes) of jurisdiction `j`, accepting it only when it is signed by one of
/// `operator_certs` — the list operators the caller pins **for that jurisdiction**, one
/// or more certificates as DER or a PEM bundle, `operator_certs_len` bytes — and is
/// fresh, with valid operators, at `now_unix_seconds` (the current time, seconds since
/// 1970-01-01T00:00:00Z). One list per jurisdiction is kept: a list of equal or higher
/// sequence replaces the one loaded, a lower one is refused.
///
/// On error the builder is unchanged and stays usable. Ownership: the buffers are only
/// read during the call (copied where kept). Thread-safety: not with other calls on the
/// same builder at the same time.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b`, `list` or `operator_certs` NULL),
/// `BT_RESULT_INVALID_JURISDICTION`, `BT_RESULT_LENGTH_TOO_LARGE`,
/// `BT_RESULT_NOT_A_CERTIFICATE` (the operator certificates), and
/// `BT_RESULT_TRUST_LIST_REFUSED` (the list: malformed, signed by no pinned operator,
/// naming another jurisdiction, stale at `now_unix_seconds`, or of a lower sequence than
/// the list loaded for `j`).
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_add_trust_list(
    b: *mut bt_verifier_builder,
    j: raw::bt_jurisdiction,
    list: *const u8,
    list_len: usize,
    operator_certs: *const u8,
    operator_certs_len: usize,
    now_unix_seconds: i64,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (b, list, operators) = unsafe {
            (
                handle_mut(b)?,
                bytes(list, list_len)?,
                bytes(operator_certs, operator_certs_len)?,
            )
        };
        let jurisdiction = bt_jurisdiction::from_raw(j)?;
        // Read here only to tell the caller which of the two inputs was refused; the
        // builder reads and checks them itself.
        certificates_readable(operators)?;
        let now = Time::from_unix_seconds(now_unix_seconds);
        b.try_step(|builder| {
            builder
                .trust_list(jurisdiction, list, operators, now)
                .map_err(|e| record_detail(bt_result::BT_RESULT_TRUST_LIST_REFUSED, e))
        })
    })
}

/// Adds every certificate of `certs` (DER, or a PEM bundle; `certs_len` bytes) as a
/// plain trust anchor of jurisdiction `j`, for relying parties without signed trust
/// lists. An anchor is held to the CA rules when a path reaches it: a certificate that
/// is no CA (or has expired) is accepted here but validates no signature.
///
/// On error the builder is unchanged and stays usable. Ownership: `certs` is only read
/// during the call. Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` or `certs` NULL),
/// `BT_RESULT_INVALID_JURISDICTION`, `BT_RESULT_LENGTH_TOO_LARGE`,
/// `BT_RESULT_NOT_A_CERTIFICATE` (not DER or PEM `CERTIFICATE` blocks, or a
/// certificate that does not parse), `BT_RESULT_ANCHOR_REFUSED` (a certificate the
/// library cannot hold as an anchor).
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_add_anchors(
    b: *mut bt_verifier_builder,
    j: raw::bt_jurisdiction,
    certs: *const u8,
    certs_len: usize,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (b, certs) = unsafe { (handle_mut(b)?, bytes(certs, certs_len)?) };
        let jurisdiction = bt_jurisdiction::from_raw(j)?;
        certificates_readable(certs)?;
        b.try_step(|builder| {
            builder
                .anchors(jurisdiction, certs)
                .map_err(|e| record_detail(bt_result::BT_RESULT_ANCHOR_REFUSED, e))
        })
    })
}

/// Sets the relying party's home jurisdiction `j`: its list is always accepted.
///
/// Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` NULL), `BT_RESULT_INVALID_JURISDICTION`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_set_home(
    b: *mut bt_verifier_builder,
    j: raw::bt_jurisdiction,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let b = unsafe { handle_mut(b)? };
        let jurisdiction = bt_jurisdiction::from_raw(j)?;
        b.step(|builder| builder.home(jurisdiction));
        Ok(())
    })
}

/// Accepts the trust list of jurisdiction `j` (repeatable). Once called, only the
/// jurisdictions accepted (and the home one) are recognised; never called, every loaded
/// list is. Signers recognised only by a list not accepted are not `TOTAL_PASSED`.
///
/// Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` NULL), `BT_RESULT_INVALID_JURISDICTION`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_accept(
    b: *mut bt_verifier_builder,
    j: raw::bt_jurisdiction,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let b = unsafe { handle_mut(b)? };
        let jurisdiction = bt_jurisdiction::from_raw(j)?;
        b.step(|builder| builder.accept(jurisdiction));
        Ok(())
    })
}

/// Adds a CRL (DER or PEM, `len` bytes) that every verification by the built verifier
/// consults. Its signature is checked when it is used, against the path being validated.
///
/// On error the builder is unchanged and stays usable. Ownership: `crl` is only read
/// during the call. Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` or `crl` NULL), `BT_RESULT_LENGTH_TOO_LARGE`,
/// `BT_RESULT_CRL_REFUSED` (malformed, or too many CRLs).
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_add_crl(
    b: *mut bt_verifier_builder,
    crl: *const u8,
    len: usize,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (b, crl) = unsafe { (handle_mut(b)?, bytes(crl, len)?) };
        b.try_step(|builder| {
            builder
                .crl(crl)
                .map_err(|e| record_detail(bt_result::BT_RESULT_CRL_REFUSED, e))
        })
    })
}

/// Sets what a missing revocation status means (default `BT_REVOCATION_PREFER`).
///
/// Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` NULL), `BT_RESULT_INVALID_REVOCATION_MODE`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_set_revocation(
    b: *mut bt_verifier_builder,
    mode: raw::bt_revocation,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promise, documented above.
        let b = unsafe { handle_mut(b)? };
        let mode = bt_revocation::from_raw(mode)?;
        b.step(|builder| builder.revocation(mode));
        Ok(())
    })
}

/// Builds the verifier from everything added to `b`.
///
/// Ownership: **consumes `b` whatever the result** (also on error, and also when `out`
/// is NULL): do not use or free `b` afterwards. On `BT_RESULT_OK`, `*out` is a new
/// verifier owned by the caller, to be freed with `bt_verifier_free`; on error `*out` is
/// not written. Thread-safety: not with other calls on the same builder at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`b` or `out` NULL), `BT_RESULT_BUILD_REFUSED`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_build(
    b: *mut bt_verifier_builder,
    out: *mut *mut bt_verifier,
) -> bt_result {
    guard(|| {
        if b.is_null() {
            return Err(bt_result::BT_RESULT_NULL_PARAMETER);
        }
        // SAFETY: non-NULL, and the caller promises it came from `_new` and is not used
        // again: it is consumed here whatever happens next.
        let builder = unsafe { Box::from_raw(b) };
        let out = out_param(out)?;
        let verifier = builder
            .inner
            .build()
            .map_err(|e| record_detail(bt_result::BT_RESULT_BUILD_REFUSED, e))?;
        let verifier = bt_verifier {
            inner: Arc::new(verifier),
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, verifier) };
        Ok(())
    })
}

/// Frees a builder that was not built. NULL does nothing.
///
/// Ownership: `b` must come from `bt_verifier_builder_new`, not yet built or freed; it
/// is invalid afterwards. Thread-safety: not while another thread uses `b`.
#[no_mangle]
pub unsafe extern "C" fn bt_verifier_builder_free(b: *mut bt_verifier_builder) {
    // SAFETY: the caller's promise, documented above.
    let _ = guard(|| {
        unsafe { free_boxed(b) };
        Ok(())
    });
}
