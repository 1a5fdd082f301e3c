//! `bt_result`: the one result code every fallible function returns, numbered in blocks
//! that are never renumbered, the library errors it stands for, and `bt_result_message`.

use std::ffi::c_char;

use baytrust::Error;

use crate::boundary::{copy_text, guard_value, raw, with_detail};

/// The result of a baytrust call. `BT_RESULT_OK` (0) is success; every other value is
/// an error, in numbered blocks that are never renumbered (new codes are only added):
/// 1xx the arguments were unusable (nothing was read), 2xx an input was refused,
/// 3xx a verification could not produce what was asked, 4xx the mutual authentication
/// (`bt_auth_*`) refused a message, a session step or its credentials, 9xx an internal
/// error.
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
    /// A text argument (`const char *`) is not UTF-8.
    BT_RESULT_INVALID_UTF8 = 105,
    /// An OrgId argument is not the canonical form `NTR` + country + `-` + identifier
    /// (e.g. `NTRHK-12345678`) of a Greater Bay Area jurisdiction.
    BT_RESULT_INVALID_ORG_ID = 106,
    /// A caller's output buffer is shorter than the value to be written (e.g. under
    /// `BT_AUTH_SESSION_BINDING_LEN` bytes for `bt_auth_peer_session_binding`).
    BT_RESULT_BUFFER_TOO_SMALL = 107,

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
    /// The value asked for is absent: the authenticated peer's certificate names no
    /// authorised person, or no trust list recognised it (a policy not requiring
    /// recognition, over plain anchors).
    BT_RESULT_VALUE_ABSENT = 304,

    // ---- 4xx: mutual authentication (bt_auth_*; one code per library refusal) ----
    /// A protocol message is longer than the protocol allows (64 KiB), refused before
    /// any decoding.
    BT_RESULT_AUTH_MESSAGE_TOO_LARGE = 400,
    /// A protocol message carries more certificates than the protocol allows (8).
    BT_RESULT_AUTH_TOO_MANY_CERTIFICATES = 401,
    /// A protocol message is not the DER its ASN.1 module defines (wrong structure,
    /// trailing bytes, a nonce not 32 bytes, an empty chain, an identity that is not a
    /// canonical OrgId…): garbage, a truncated message, or the wrong message.
    BT_RESULT_AUTH_MESSAGE_MALFORMED = 402,
    /// A protocol message names a protocol version this library does not speak.
    BT_RESULT_AUTH_VERSION_UNSUPPORTED = 403,
    /// The very same message was seen before within the replay window (by this
    /// replay cache): a replay.
    BT_RESULT_AUTH_MESSAGE_REPLAYED = 404,
    /// The peer's nonce was already used by a peer within the replay window.
    BT_RESULT_AUTH_NONCE_REUSED = 405,
    /// The peer reflected something of ours back: one of our nonces or our own
    /// certificate.
    BT_RESULT_AUTH_REFLECTED = 406,
    /// The message echoes a nonce of another session: it does not answer this one.
    BT_RESULT_AUTH_SESSION_MISMATCH = 407,
    /// The message's time (for message 3: the session's age) is outside the allowed
    /// clock skew of `now`.
    BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW = 408,
    /// The peer's signature over the transcript does not verify: a field was changed
    /// on the way, or the signature is not over this session.
    BT_RESULT_AUTH_SIGNATURE_INVALID = 409,
    /// The peer signed with an algorithm refused (SHA-1, RSA under 2048 bits…),
    /// unknown, or not fitting its certificate's key.
    BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED = 410,
    /// The peer's chain is not valid and recognised under this side's verifier at the
    /// message time (unknown CA, a list not accepted, revoked, expired, wrong purpose,
    /// no legal entity…); `bt_last_error_detail` gives the chain report's verdict.
    BT_RESULT_AUTH_PEER_NOT_RECOGNISED = 411,
    /// The peer is not the legal entity expected (`bt_auth_policy_set_expected_peer`
    /// on this side, or the initiator's expectation on the responder's side).
    BT_RESULT_AUTH_IDENTITY_UNEXPECTED = 412,
    /// The identity the peer claims is not the one its validated certificate names.
    BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH = 413,
    /// The credentials cannot be used: an empty or too long chain (at most 8
    /// certificates), or a certificate naming no legal entity.
    BT_RESULT_AUTH_CREDENTIALS_INVALID = 414,
    /// The replay cache is full of entries still inside the replay window: the session
    /// is refused rather than an entry forgotten early.
    BT_RESULT_AUTH_REPLAY_CACHE_FULL = 415,
    /// The system random source gave no fresh nonce.
    BT_RESULT_AUTH_RANDOM_UNAVAILABLE = 416,
    /// The private key is not a usable unencrypted PKCS#8 key (DER or PEM) of an
    /// algorithm baytrust signs with (RSA, ECDSA P-256/P-384, Ed25519, SM2).
    BT_RESULT_AUTH_KEY_REFUSED = 417,
    /// The private key is not the key of the chain's first certificate.
    BT_RESULT_AUTH_KEY_MISMATCH = 418,
    /// The session already took its message (`bt_auth_initiator_finish` or
    /// `bt_auth_responder_finish` was called on it before, successfully or not): a
    /// session is single-use. Free it and start a new one.
    BT_RESULT_AUTH_SESSION_USED = 419,
    /// The session belongs to the other role: an initiator's session given to
    /// `bt_auth_responder_finish`, or a responder's to `bt_auth_initiator_finish`.
    BT_RESULT_AUTH_WRONG_ROLE = 420,

    // ---- 9xx: internal ----
    /// baytrust panicked; the panic was caught at the boundary. Please report it.
    BT_RESULT_PANIC = 900,
    /// An internal step failed (a worker thread could not start, JSON serialisation
    /// failed). Please report it.
    BT_RESULT_INTERNAL = 901,
}

impl bt_result {
    /// Every code, in numeric order (for `bt_result_message` and the tests).
    pub(crate) const ALL: [bt_result; 44] = [
        bt_result::BT_RESULT_OK,
        bt_result::BT_RESULT_NULL_PARAMETER,
        bt_result::BT_RESULT_INVALID_JURISDICTION,
        bt_result::BT_RESULT_INVALID_REVOCATION_MODE,
        bt_result::BT_RESULT_INDEX_OUT_OF_RANGE,
        bt_result::BT_RESULT_LENGTH_TOO_LARGE,
        bt_result::BT_RESULT_INVALID_UTF8,
        bt_result::BT_RESULT_INVALID_ORG_ID,
        bt_result::BT_RESULT_BUFFER_TOO_SMALL,
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
        bt_result::BT_RESULT_VALUE_ABSENT,
        bt_result::BT_RESULT_AUTH_MESSAGE_TOO_LARGE,
        bt_result::BT_RESULT_AUTH_TOO_MANY_CERTIFICATES,
        bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED,
        bt_result::BT_RESULT_AUTH_VERSION_UNSUPPORTED,
        bt_result::BT_RESULT_AUTH_MESSAGE_REPLAYED,
        bt_result::BT_RESULT_AUTH_NONCE_REUSED,
        bt_result::BT_RESULT_AUTH_REFLECTED,
        bt_result::BT_RESULT_AUTH_SESSION_MISMATCH,
        bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW,
        bt_result::BT_RESULT_AUTH_SIGNATURE_INVALID,
        bt_result::BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED,
        bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED,
        bt_result::BT_RESULT_AUTH_IDENTITY_UNEXPECTED,
        bt_result::BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH,
        bt_result::BT_RESULT_AUTH_CREDENTIALS_INVALID,
        bt_result::BT_RESULT_AUTH_REPLAY_CACHE_FULL,
        bt_result::BT_RESULT_AUTH_RANDOM_UNAVAILABLE,
        bt_result::BT_RESULT_AUTH_KEY_REFUSED,
        bt_result::BT_RESULT_AUTH_KEY_MISMATCH,
        bt_result::BT_RESULT_AUTH_SESSION_USED,
        bt_result::BT_RESULT_AUTH_WRONG_ROLE,
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

    /// The code of an error a step of the authentication protocol returned (message
    /// decoding, `start`, `respond`, either `finish`, the credentials and the replay
    /// cache): each `Error::Auth*` variant has its own code, a key not the
    /// certificate's has its own; anything else is `BT_RESULT_INTERNAL` (its sentence is
    /// still recorded for `bt_last_error_detail`).
    pub fn of_auth(error: &Error) -> Self {
        match error {
            Error::AuthMessageTooLarge { .. } => bt_result::BT_RESULT_AUTH_MESSAGE_TOO_LARGE,
            Error::AuthTooManyCertificates { .. } => {
                bt_result::BT_RESULT_AUTH_TOO_MANY_CERTIFICATES
            }
            Error::AuthMessageMalformed { .. } => bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED,
            Error::AuthVersionUnsupported { .. } => bt_result::BT_RESULT_AUTH_VERSION_UNSUPPORTED,
            Error::AuthMessageReplayed { .. } => bt_result::BT_RESULT_AUTH_MESSAGE_REPLAYED,
            Error::AuthNonceReused { .. } => bt_result::BT_RESULT_AUTH_NONCE_REUSED,
            Error::AuthReflected { .. } => bt_result::BT_RESULT_AUTH_REFLECTED,
            Error::AuthSessionMismatch { .. } => bt_result::BT_RESULT_AUTH_SESSION_MISMATCH,
            Error::AuthTimestampOutOfSkew { .. } => bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW,
            Error::AuthSignatureInvalid { .. } => bt_result::BT_RESULT_AUTH_SIGNATURE_INVALID,
            Error::AuthSignatureAlgorithmRefused { .. } => {
                bt_result::BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED
            }
            Error::AuthPeerNotRecognised { .. } => bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED,
            Error::AuthIdentityUnexpected { .. } => bt_result::BT_RESULT_AUTH_IDENTITY_UNEXPECTED,
            Error::AuthIdentityClaimMismatch { .. } => {
                bt_result::BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH
            }
            Error::AuthCredentialsInvalid { .. } => bt_result::BT_RESULT_AUTH_CREDENTIALS_INVALID,
            Error::AuthReplayCacheFull { .. } => bt_result::BT_RESULT_AUTH_REPLAY_CACHE_FULL,
            Error::AuthRandomUnavailable { .. } => bt_result::BT_RESULT_AUTH_RANDOM_UNAVAILABLE,
            Error::SignerKeyMismatch { .. } => bt_result::BT_RESULT_AUTH_KEY_MISMATCH,
            _ => bt_result::BT_RESULT_INTERNAL,
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
            bt_result::BT_RESULT_INVALID_ORG_ID => {
                "the OrgId is not canonical (NTR + CN, HK or MO + '-' + identifier)"
            }
            bt_result::BT_RESULT_BUFFER_TOO_SMALL => {
                "the output buffer is shorter than the value to be written"
            }
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
            bt_result::BT_RESULT_VALUE_ABSENT => "the value asked for is absent",
            bt_result::BT_RESULT_AUTH_MESSAGE_TOO_LARGE => {
                "the authentication message is larger than the protocol allows"
            }
            bt_result::BT_RESULT_AUTH_TOO_MANY_CERTIFICATES => {
                "the authentication message carries too many certificates"
            }
            bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED => {
                "the authentication message is malformed"
            }
            bt_result::BT_RESULT_AUTH_VERSION_UNSUPPORTED => {
                "the authentication message has an unsupported protocol version"
            }
            bt_result::BT_RESULT_AUTH_MESSAGE_REPLAYED => {
                "the authentication message is a replay of one already seen"
            }
            bt_result::BT_RESULT_AUTH_NONCE_REUSED => "the peer's nonce was already used",
            bt_result::BT_RESULT_AUTH_REFLECTED => {
                "the peer reflected our own nonce or certificate"
            }
            bt_result::BT_RESULT_AUTH_SESSION_MISMATCH => {
                "the message echoes a nonce of another session"
            }
            bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW => {
                "the message time is outside the allowed clock skew"
            }
            bt_result::BT_RESULT_AUTH_SIGNATURE_INVALID => {
                "the peer's signature over the transcript does not verify"
            }
            bt_result::BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED => {
                "the peer's signature algorithm is refused"
            }
            bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED => {
                "the peer's certificate is not valid and recognised here"
            }
            bt_result::BT_RESULT_AUTH_IDENTITY_UNEXPECTED => {
                "the peer is not the legal entity expected"
            }
            bt_result::BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH => {
                "the peer claims another identity than its certificate names"
            }
            bt_result::BT_RESULT_AUTH_CREDENTIALS_INVALID => {
                "the credentials are unusable (chain empty or too long, or no legal entity)"
            }
            bt_result::BT_RESULT_AUTH_REPLAY_CACHE_FULL => {
                "the replay cache is full of live entries"
            }
            bt_result::BT_RESULT_AUTH_RANDOM_UNAVAILABLE => "no fresh random nonce",
            bt_result::BT_RESULT_AUTH_KEY_REFUSED => {
                "the private key is not a usable unencrypted PKCS#8 key"
            }
            bt_result::BT_RESULT_AUTH_KEY_MISMATCH => {
                "the private key is not the key of the chain's first certificate"
            }
            bt_result::BT_RESULT_AUTH_SESSION_USED => {
                "the session already took its message; sessions are single-use"
            }
            bt_result::BT_RESULT_AUTH_WRONG_ROLE => "the session belongs to the other role",
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
        // SAFETY: the caller's promise, documented above.
        unsafe { copy_text(text, buf, buf_len) }
    })
}

/// Writes the detail of the last error returned **on the calling thread** into `buf` —
/// the library's sentence naming the rule and the values, e.g. `expected NTRMO-40321,
/// the peer is NTRHK-12345678` or the chain report's verdict on a peer not recognised —
/// as a NUL-terminated UTF-8 string, truncated at a character boundary to fit in
/// `buf_len` bytes, and returns the length of the whole detail in bytes (without its
/// NUL): a return value `>= buf_len` means it was truncated. With `buf` NULL or
/// `buf_len` 0 nothing is written (ask for the length first that way).
///
/// Every function returning a `bt_result` clears the detail when it starts and, on an
/// error that has one (a refused certificate, trust list, anchor, CRL, signature or
/// build, and the `bt_auth_*` refusals), records it: read it right after the failing
/// call, on the same thread. The detail is empty (0) after a success and after errors
/// with nothing to add to `bt_result_message` (NULL arguments, bad lengths). Calling
/// this function changes nothing.
///
/// Ownership: `buf` stays the caller's; it is written only within `buf_len` bytes.
/// Thread-safety: any thread; each thread has its own detail.
#[no_mangle]
pub unsafe extern "C" fn bt_last_error_detail(buf: *mut c_char, buf_len: usize) -> usize {
    guard_value(0, || {
        // SAFETY: the caller's promise, documented above.
        with_detail(|text| unsafe { copy_text(text, buf, buf_len) })
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

    /// One value of every `Error::Auth*` variant of the library.
    fn every_auth_error() -> Vec<Error> {
        let time = baytrust::Time::from_unix_seconds(0);
        vec![
            Error::AuthMessageTooLarge {
                message: "message 1",
                len: 70_000,
                max: 65_536,
            },
            Error::AuthTooManyCertificates {
                message: "message 1",
                max: 8,
            },
            Error::AuthMessageMalformed {
                message: "message 2",
                reason: "trailing bytes".into(),
            },
            Error::AuthVersionUnsupported {
                message: "message 3",
                version: 2,
                supported: 1,
            },
            Error::AuthMessageReplayed {
                message: "message 1",
            },
            Error::AuthNonceReused { nonce: "00".into() },
            Error::AuthReflected { field: "nonce" },
            Error::AuthSessionMismatch {
                message: "message 2",
                field: "initiator nonce",
            },
            Error::AuthTimestampOutOfSkew {
                message: "message 1",
                time,
                now: time,
                skew_seconds: 300,
            },
            Error::AuthSignatureInvalid {
                role: "responder",
                cause: Box::new(Error::SignatureInvalid),
            },
            Error::AuthSignatureAlgorithmRefused {
                role: "initiator",
                algorithm: "1.2.840.113549.1.1.5".into(),
                cause: Box::new(Error::SignatureInvalid),
            },
            Error::AuthPeerNotRecognised {
                sub_indication: None,
                error_kind: "NoRecognition",
                reason: "no trust list recognises the peer's certificate".into(),
            },
            Error::AuthIdentityUnexpected {
                expected: "NTRMO-40321".into(),
                found: "NTRHK-12345678".into(),
            },
            Error::AuthIdentityClaimMismatch {
                claimed: "NTRHK-87654321".into(),
                validated: "NTRHK-12345678".into(),
            },
            Error::AuthCredentialsInvalid {
                reason: "the chain is empty".into(),
            },
            Error::AuthReplayCacheFull { capacity: 1 },
            Error::AuthRandomUnavailable {
                reason: "the system random source failed".into(),
            },
        ]
    }

    /// `AuthMessageTooLarge` → `BT_RESULT_AUTH_MESSAGE_TOO_LARGE`.
    fn code_name_of_kind(kind: &str) -> String {
        let mut name = String::from("BT_RESULT");
        for c in kind.chars() {
            if c.is_ascii_uppercase() {
                name.push('_');
            }
            name.push(c.to_ascii_uppercase());
        }
        name
    }

    #[test]
    fn every_library_auth_error_has_its_own_code_named_after_it() {
        let errors = every_auth_error();
        for error in &errors {
            let code = bt_result::of_auth(error);
            assert_eq!(
                format!("{code:?}"),
                code_name_of_kind(error.kind()),
                "{error}"
            );
            assert_eq!((code as u32) / 100, 4, "{code:?}");
        }
        // The list above is every `Auth*` variant the library declares: a variant added
        // there fails here until it has its code.
        let source = include_str!("../../baytrust/src/error.rs");
        let declared: Vec<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("    Auth"))
            .filter_map(|rest| rest.split([' ', ',', '{']).next())
            // `AuthorityKeyIdMissing` is no authentication error.
            .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
            .filter(|name| name.chars().all(char::is_alphanumeric))
            .collect();
        let covered: Vec<String> = errors
            .iter()
            .map(|e| e.kind().trim_start_matches("Auth").to_owned())
            .collect();
        assert_eq!(declared.len(), covered.len(), "{declared:?}");
        for name in declared {
            assert!(covered.iter().any(|c| c == name), "Auth{name} has no code");
        }
    }

    #[test]
    fn a_key_not_the_certificates_has_its_own_code_and_other_errors_are_internal() {
        let mismatch = Error::SignerKeyMismatch {
            subject: "CN=x".into(),
        };
        assert_eq!(
            bt_result::of_auth(&mismatch),
            bt_result::BT_RESULT_AUTH_KEY_MISMATCH
        );
        assert_eq!(
            bt_result::of_auth(&Error::SignatureInvalid),
            bt_result::BT_RESULT_INTERNAL
        );
    }

    #[test]
    fn codes_stay_in_their_blocks() {
        for code in bt_result::ALL {
            let block = (code as u32) / 100;
            assert!(matches!(block, 0 | 1 | 2 | 3 | 4 | 9), "{code:?}");
        }
    }
}
