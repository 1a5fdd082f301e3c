//! Test support: the rcgen-made three-jurisdiction PKI and the loopback handshake.
#![allow(dead_code)]

pub mod handshake;
pub mod pki;
