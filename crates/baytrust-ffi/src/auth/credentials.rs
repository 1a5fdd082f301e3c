//! `bt_auth_credentials`: what a party proves itself with in the protocol — its
//! certificate chain, the private key of its certificate, the legal entity it claims.

use std::ffi::c_char;
use std::sync::Arc;

use baytrust::{decode_certificates, Credentials, Error, OrgId, SigningKey};

use crate::boundary::{bytes, free_boxed, guard, out_param, record_detail, text, write_boxed};
use crate::builder::certificates_readable;
use crate::result::bt_result;

/// A party's credentials (opaque): its chain, its key and its identity. Made by
/// `bt_auth_credentials_new`, freed by `bt_auth_credentials_free`.
///
/// Thread-safety: immutable; may be used by any number of sessions on any number of
/// threads at once. A session keeps them alive, so they may be freed first.
#[allow(non_camel_case_types)]
pub struct bt_auth_credentials {
    pub(crate) inner: Arc<Credentials>,
}

/// Reads the canonical OrgId `text` (e.g. `NTRHK-12345678`) as the protocol does
/// (`OrgId::parse_canonical`: the registry's format and check character, exactly the
/// canonical text) or refuses it with `BT_RESULT_INVALID_ORG_ID`, its reason recorded.
pub(crate) fn canonical_org_id(text: &str) -> Result<OrgId, bt_result> {
    OrgId::parse_canonical(text).map_err(|e| record_detail(bt_result::BT_RESULT_INVALID_ORG_ID, e))
}

/// The code of an error `Credentials::new` returned.
fn credentials_error(error: Error) -> bt_result {
    let code = match bt_result::of_auth(&error) {
        code @ (bt_result::BT_RESULT_AUTH_KEY_MISMATCH
        | bt_result::BT_RESULT_AUTH_CREDENTIALS_INVALID) => code,
        // A certificate whose identity fields contradict each other names no entity.
        _ => bt_result::BT_RESULT_AUTH_CREDENTIALS_INVALID,
    };
    record_detail(code, error)
}

/// Makes a party's credentials from `chain` (its own certificate first, then the
/// intermediates it sends, at most 8 certificates: DER of one certificate, or a PEM
/// bundle; `chain_len` bytes) and `key`, the certificate's private key as unencrypted
/// PKCS#8 (DER, or PEM `PRIVATE KEY`; `key_len` bytes): RSA, ECDSA P-256/P-384,
/// Ed25519 or SM2 (signing SM2-with-SM3 with signer ID `1234567812345678`).
///
/// The identity claimed is the one the certificate names under the built-in identity
/// profiles; `claimed_org_id` (canonical text, e.g. `NTRHK-12345678`) overrides it when
/// the peer's trust list reads the certificate differently, NULL keeps it. The peer
/// checks the claim against the entity its own trust list reads.
///
/// Ownership: the buffers and the text are only read during the call (copied). On
/// `BT_RESULT_OK`, `*out` is new credentials owned by the caller, to be freed with
/// `bt_auth_credentials_free`; on error it is not written. Thread-safety: any thread.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`chain`, `key` or `out` NULL),
/// `BT_RESULT_LENGTH_TOO_LARGE`, `BT_RESULT_INVALID_UTF8` / `BT_RESULT_INVALID_ORG_ID`
/// (`claimed_org_id`), `BT_RESULT_NOT_A_CERTIFICATE` (the chain),
/// `BT_RESULT_AUTH_KEY_REFUSED` (the key: not PKCS#8, encrypted, or of another
/// algorithm), `BT_RESULT_AUTH_KEY_MISMATCH` (not the first certificate's key),
/// `BT_RESULT_AUTH_CREDENTIALS_INVALID` (more than 8 certificates, or a certificate
/// naming no legal entity). `bt_last_error_detail` says why.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_credentials_new(
    chain: *const u8,
    chain_len: usize,
    key: *const u8,
    key_len: usize,
    claimed_org_id: *const c_char,
    out: *mut *mut bt_auth_credentials,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (chain, key) = unsafe { (bytes(chain, chain_len)?, bytes(key, key_len)?) };
        let claimed = if claimed_org_id.is_null() {
            None
        } else {
            // SAFETY: the caller's promise, documented above.
            Some(unsafe { text(claimed_org_id)? })
        };
        let out = out_param(out)?;
        let claimed = claimed.map(canonical_org_id).transpose()?;
        certificates_readable(chain)?;
        let certificates =
            decode_certificates(chain).map_err(|_| bt_result::BT_RESULT_NOT_A_CERTIFICATE)?;
        // PKCS#8 DER starts with a SEQUENCE tag; anything else is read as PEM.
        let key = if key.first() == Some(&0x30) {
            SigningKey::from_pkcs8_der(key)
        } else {
            SigningKey::from_pkcs8_pem(key)
        }
        .map_err(|e| record_detail(bt_result::BT_RESULT_AUTH_KEY_REFUSED, e))?;
        let mut credentials = Credentials::new(certificates, key).map_err(credentials_error)?;
        if let Some(org_id) = claimed {
            credentials = credentials.with_org_id(org_id);
        }
        let credentials = bt_auth_credentials {
            inner: Arc::new(credentials),
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, credentials) };
        Ok(())
    })
}

/// Frees the caller's reference to credentials. NULL does nothing. Sessions begun with
/// them keep them alive until they are freed.
///
/// Ownership: `c` must come from `bt_auth_credentials_new` and not be freed yet; it is
/// invalid afterwards. Thread-safety: only once no other thread uses `c`.
#[no_mangle]
pub unsafe extern "C" fn bt_auth_credentials_free(c: *mut bt_auth_credentials) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(c) };
        Ok(())
    });
}
