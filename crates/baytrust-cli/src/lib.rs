//! The command-line tools' shared parts. Each command follows one flow: parse options →
//! build a report value → present it (human text or `--json`, the same value
//! serialised) → exit code from the outcome alone (DESIGN.md §3).

#![forbid(unsafe_code)]

pub mod anchors;
pub mod auth;
pub mod batch;
pub mod chain;
pub mod clock;
pub mod exit;
pub mod input;
pub mod inspect;
pub mod inspect_signature;
pub mod inspect_trust_list;
pub mod output;
pub mod revocation;
pub mod sign;
pub mod style;
pub mod terminal_text;
pub mod trust_list_tools;
pub mod verify;
