//! `bt_result`: the one result code every fallible function returns, numbered in blocks
//! that are never renumbered, the library errors it stands for, and `bt_result_message`.

use std::ffi::c_char;

use baytrust::Error;

use crate::boundary::{guard_value, raw};

/// The result of a baytrust call. `BT_RESULT_OK` (0) is success; every other value is
/// an error, in numbered blocks that are never renumbered (new codes are only added):
/// 1xx the arguments were unusable (nothing was read), 2xx an input was refused,
/// 3xx a verification could not produce what was asked, 9xx an internal error
/// (4xx is kept for the mutual-authentication functions to come).
///
/// A signature that does not verify is **not** an error: the call returns
/// `BT_RESULT_OK` and a report whose indication says `BT_INDICATION_TOTAL_FAILED` or
/// `BT_INDICATION_INDETERMINATE`. `bt_result_message` gives each code's text.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum bt_result {
    /// Success: the out-parameters were written.
    BT_RESULT_OK = 0,

    // ---- 1xx: arguments ----
    /// A pointer argument that must not be NULL was NULL.
    BT_RESULT_NULL_PARAMETER = 100,
    /// A `bt_jurisdiction` argument is none of the `BT_JURISDICTION_*` values.
    BT_RESULT_INVALID_JURISDICTION = 101,
    /// A `bt_revocation` argument is none of the `BT_REVOCATION_*` values.
    BT_RESULT_INVALID_REVOCATION_MODE = 102,
    /// A signer index is not below `bt_report_signer_count`.
    BT_RESULT_INDEX_OUT_OF_RANGE = 103,
    /// A length is larger than `PTRDIFF_MAX`: no buffer can be that long.
    BT_RESULT_LENGTH_TOO_LARGE = 104,
    /// A text argument is not UTF-8 (reserved for functions taking text; none does yet).
    BT_RESULT_INVALID_UTF8 = 105,

    // ---- 2xx: inputs refused ----
    /// Operator or anchor certificates are not certificates: empty, neither DER nor PEM
    /// `CERTIFICATE` blocks, or a certificate that does not parse (strict RFC 5280
    /// profile).
    BT_RESULT_NOT_A_CERTIFICATE = 200,
    /// A certificate was refused as a trust anchor by `bt_verifier_builder_add_anchors`.
    /// (An anchor that breaks the CA rules, e.g. is no CA, is accepted but validates no
    /// path; the report then names the rule.)
    BT_RESULT_ANCHOR_REFUSED = 201,
    /// A signed trust list was refused: malformed, not signed by an operator pinned for
    /// the jurisdiction given, naming another jurisdiction, stale at `now`, or an earlier
    /// edition (lower sequence) than the list already loaded for the jurisdiction.
    BT_RESULT_TRUST_LIST_REFUSED = 202,
    /// A CRL was refused (malformed, or the builder holds too many).
    BT_RESULT_CRL_REFUSED = 203,
    /// The signature is not a usable CMS SignedData: empty, neither DER/BER nor PEM,
    /// malformed, over the caps on signers and certificates, or without signers.
    BT_RESULT_NOT_A_SIGNATURE = 204,
    /// The signature is detached but no content was given (content NULL in
    /// `bt_verify_cms`): pass the content, or stream it with `bt_verify_begin`.
    BT_RESULT_CONTENT_MISSING = 205,
    /// Content was given but the signature encapsulates its own: pass content NULL.
    BT_RESULT_CONTENT_UNEXPECTED = 206,

    // ---- 3xx: verification ----
    /// `bt_verifier_builder_build` could not build a verifier from the inputs added.
    BT_RESULT_BUILD_REFUSED = 300,
    /// The streamed content could not be read to its end (the verification stopped).
    BT_RESULT_CONTENT_UNREADABLE = 301,
    /// The signer has no validated legal entity (it did not pass every check, or its
    /// certificate names none): there is no OrgId or organisation to give.
    BT_RESULT_SIGNER_NOT_IDENTIFIED = 302,
    /// The text holds a NUL character and cannot be a C string (read it from
    /// `bt_report_json`, where it is escaped).
    BT_RESULT_TEXT_HAS_NUL = 303,

    // ---- 9xx: internal ----
    /// baytrust panicked; the panic was caught at the boundary. Please report it.
    BT_RESULT_PANIC = 900,
    /// An internal step failed (a worker thread could not start, JSON serialisation
    /// failed). Please report it.
    BT_RESULT_INTERNAL = 901,
}

impl bt_result {
    /// Every code, in numeric order (for `bt_result_message` and the tests).
    pub(crate) const ALL: [bt_result; 20] = [
        bt_result::BT_RESULT_OK,
        bt_result::BT_RESULT_NULL_PARAMETER,
        bt_result::BT_RESULT_INVALID_JURISDICTION,
        bt_result::BT_RESULT_INVALID_REVOCATION_MODE,
        bt_result::BT_RESULT_INDEX_OUT_OF_RANGE,
        bt_result::BT_RESULT_LENGTH_TOO_LARGE,
        bt_result::BT_RESULT_INVALID_UTF8,
        bt_result::BT_RESULT_NOT_A_CERTIFICATE,
        bt_result::BT_RESULT_ANCHOR_REFUSED,
        bt_result::BT_RESULT_TRUST_LIST_REFUSED,
        bt_result::BT_RESULT_CRL_REFUSED,
        bt_result::BT_RESULT_NOT_A_SIGNATURE,
        bt_result::BT_RESULT_CONTENT_MISSING,
        bt_result::BT_RESULT_CONTENT_UNEXPECTED,
        bt_result::BT_RESULT_BUILD_REFUSED,
        bt_result::BT_RESULT_CONTENT_UNREADABLE,
        bt_result::BT_RESULT_SIGNER_NOT_IDENTIFIED,
        bt_result::BT_RESULT_TEXT_HAS_NUL,
        bt_result::BT_RESULT_PANIC,
        bt_result::BT_RESULT_INTERNAL,
    ];

    /// The code whose number is `value`, if any.
    pub fn from_raw(value: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|code| *code as u32 == value)
    }

    /// The code of an error `Verifier::verify_cms` returned: the content errors have
    /// their own codes; everything else it refuses is unusable signature input.
    pub fn of_verification(error: &Error) -> Self {
        match error {
            Error::CmsContentMissing | Error::DetachedContentNotSupplied => {
                bt_result::BT_RESULT_CONTENT_MISSING
            }
            Error::CmsContentTwice => bt_result::BT_RESULT_CONTENT_UNEXPECTED,
            Error::ContentUnreadable { .. } => bt_result::BT_RESULT_CONTENT_UNREADABLE,
            _ => bt_result::BT_RESULT_NOT_A_SIGNATURE,
        }
    }

    /// One sentence saying what the code means (ASCII, so truncation never splits a
    /// character).
    pub fn message(self) -> &'static str {
        match self {
            bt_result::BT_RESULT_OK => "success",
            bt_result::BT_RESULT_NULL_PARAMETER => "a required pointer argument was NULL",
            bt_result::BT_RESULT_INVALID_JURISDICTION => {
                "the jurisdiction is none of BT_JURISDICTION_CN, _HK, _MO"
            }
            bt_result::BT_RESULT_INVALID_REVOCATION_MODE => {
                "the revocation mode is none of BT_REVOCATION_REQUIRE, _PREFER, _OFF"
            }
            bt_result::BT_RESULT_INDEX_OUT_OF_RANGE => {
                "the signer index is not below bt_report_signer_count"
            }
            bt_result::BT_RESULT_LENGTH_TOO_LARGE => "a length is larger than PTRDIFF_MAX",
            bt_result::BT_RESULT_INVALID_UTF8 => "a text argument is not UTF-8",
            bt_result::BT_RESULT_NOT_A_CERTIFICATE => {
                "the certificates are not readable DER or PEM certificates"
            }
            bt_result::BT_RESULT_ANCHOR_REFUSED => "a certificate was refused as a trust anchor",
            bt_result::BT_RESULT_TRUST_LIST_REFUSED => {
                "the signed trust list was refused (malformed, unknown operator, other \
                 jurisdiction, stale, or an older edition)"
            }
            bt_result::BT_RESULT_CRL_REFUSED => "the CRL was refused",
            bt_result::BT_RESULT_NOT_A_SIGNATURE => "the signature is not a usable CMS SignedData",
            bt_result::BT_RESULT_CONTENT_MISSING => {
                "the signature is detached but no content was given"
            }
            bt_result::BT_RESULT_CONTENT_UNEXPECTED => {
                "content was given but the signature encapsulates its own"
            }
            bt_result::BT_RESULT_BUILD_REFUSED => "the verifier could not be built",
            bt_result::BT_RESULT_CONTENT_UNREADABLE => "the streamed content could not be read",
            bt_result::BT_RESULT_SIGNER_NOT_IDENTIFIED => {
                "the signer has no validated legal entity"
            }
            bt_result::BT_RESULT_TEXT_HAS_NUL => {
                "the text holds a NUL character; read it from bt_report_json"
            }
            bt_result::BT_RESULT_PANIC => "baytrust panicked (caught); please report it",
            bt_result::BT_RESULT_INTERNAL => "an internal step failed; please report it",
        }
    }
}

/// The text for codes that are not `bt_result` values.
const UNKNOWN_RESULT: &str = "unknown bt_result code";

/// Writes the message of result code `result` into `buf` as a NUL-terminated ASCII
/// string, truncated to `buf_len - 1` characters when it is longer, and returns the
/// length of the **whole** message (without its NUL), so a return value `>= buf_len`
/// means it was truncated. With `buf` NULL or `buf_len` 0 nothing is written (ask for
/// the length first that way). Any number may be passed: one that is no `bt_result`
/// gets "unknown bt_result code".
///
/// Ownership: `buf` stays the caller's; it is written only within `buf_len` bytes.
/// Thread-safety: may be called from any thread at any time.
#[no_mangle]
pub unsafe extern "C" fn bt_result_message(
    r: raw::bt_result,
    buf: *mut c_char,
    buf_len: usize,
) -> usize {
    guard_value(0, || {
        let text = bt_result::from_raw(r).map_or(UNKNOWN_RESULT, bt_result::message);
        if !buf.is_null() && buf_len > 0 {
            let copied = text.len().min(buf_len.saturating_sub(1));
            // SAFETY: the caller promises `buf` points to `buf_len` writable bytes;
            // `copied + 1 <= buf_len`.
            unsafe {
                std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buf, copied);
                buf.add(copied).write(0);
            }
        }
        text.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_number() {
        for code in bt_result::ALL {
            assert_eq!(bt_result::from_raw(code as u32), Some(code));
            assert!(code.message().is_ascii());
        }
        assert_eq!(bt_result::from_raw(1), None);
    }

    #[test]
    fn codes_stay_in_their_blocks() {
        for code in bt_result::ALL {
            let block = (code as u32) / 100;
            assert!(matches!(block, 0 | 1 | 2 | 3 | 9), "{code:?}");
        }
    }
}
