//! baytrust: cross-border identity authentication and electronic-signature mutual
//! recognition between legal entities of the Guangdong–Hong Kong–Macao Greater Bay Area.
//!
//! Data flows top to bottom through the modules (see `DESIGN.md` §2):
//! [`cert`] (borrowed certificate view, DER/PEM input) → [`algorithm`] (signature
//! verification dispatched by OID) → [`identity`] (jurisdictions, organisation
//! identifiers, legal entities, identity profiles).
//!
//! The library does no I/O: callers hand it bytes, trust inputs and the validation time.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod algorithm;
pub mod cert;
mod error;
pub mod identity;
pub mod oid;
mod time;

pub use error::Error;
pub use time::Time;
