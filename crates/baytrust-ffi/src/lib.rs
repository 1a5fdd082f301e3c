//! baytrust's C ABI, after rustls-ffi: opaque handles made by `bt_<type>_new` (or a
//! `_build`/`_begin`) and freed by `bt_<type>_free` (`_free(NULL)` does nothing), one
//! `#[repr(u32)]` result enum in blocks that are never renumbered, out-parameters last
//! and written only on success, every exported body inside a panic boundary, and each
//! function's ownership and thread-safety stated in its doc (copied by cbindgen into the
//! committed `include/baytrust.h`).
//!
//! A thin layer over the library's public API: it converts pointers and codes and adds
//! no validation of its own. The mutual-authentication protocol is exposed as
//! byte-in/byte-out functions (`bt_auth_*`) in the same shapes, its messages handed out
//! as `bt_bytes`.

#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
// Each exported function states its pointer contract in its "Ownership" paragraph, the
// wording a C reader of the header needs; a Rust `# Safety` heading would only repeat it.
#![allow(clippy::missing_safety_doc)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The header lists the functions in this order (cbindgen follows the modules).
mod boundary;
mod result;
mod values;

mod builder;

mod verifier;

mod verification;

mod report;

mod bytes;

mod auth;

pub use auth::*;
pub use builder::*;
pub use bytes::*;
pub use report::*;
pub use result::*;
pub use values::*;
pub use verification::*;
pub use verifier::*;

use std::ffi::c_char;

/// The version, NUL-terminated.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The baytrust version, e.g. `"0.1.0"`: a static NUL-terminated string.
///
/// Ownership: the string is baytrust's and lives as long as the library is loaded;
/// never free it. Thread-safety: any thread.
#[no_mangle]
pub extern "C" fn bt_version() -> *const c_char {
    boundary::guard_value(std::ptr::null(), || VERSION.as_ptr().cast())
}

/// The thread-safety the header promises, checked by the compiler: a verifier, a
/// report, credentials, a replay cache, a peer and bytes may be shared by threads, and
/// a policy read by sessions starting on several threads; a builder, a streaming
/// verification and an authentication session may be moved between threads (used by
/// one at a time).
const _: () = {
    const fn shared<T: Send + Sync>() {}
    const fn movable<T: Send>() {}
    shared::<bt_verifier>();
    shared::<bt_report>();
    shared::<bt_auth_credentials>();
    shared::<bt_auth_replay_cache>();
    shared::<bt_auth_peer>();
    shared::<bt_bytes>();
    movable::<bt_verifier_builder>();
    movable::<bt_verification>();
    shared::<bt_auth_policy>();
    movable::<bt_auth_session>();
};
