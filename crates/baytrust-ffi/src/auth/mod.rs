//! The mutual authentication protocol (`baytrust::auth`, docs/auth-protocol.md) as
//! byte-in/byte-out functions: credentials, a replay cache and a policy made once per
//! party; an initiator's and a responder's session per handshake, each taking one
//! message; and the authenticated peer it gives.

// The header lists the functions in this order (cbindgen follows the modules).
mod credentials;
mod replay_cache;

mod policy;

mod session;

mod peer;

pub use credentials::*;
pub use peer::*;
pub use policy::*;
pub use replay_cache::*;
pub use session::*;

use baytrust::Error;

use crate::boundary::record_detail;
use crate::result::bt_result;

/// The code of a refusal of the protocol, its sentence recorded for
/// `bt_last_error_detail`.
fn auth_error(error: Error) -> bt_result {
    record_detail(bt_result::of_auth(&error), error)
}
