//! `ChainOptions`: everything a path validation depends on besides the certificates and
//! the trust store — the validation time above all, never read from a clock.

use super::{Budget, PolicyInputs, RevocationOptions};
use crate::algorithm::AlgorithmPolicy;
use crate::Time;

/// What the end-entity certificate is to be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Signing documents: keyUsage digitalSignature or nonRepudiation; an EKU, when
    /// present, must allow document signing (anyExtendedKeyUsage, emailProtection,
    /// documentSigning RFC 9336, or Microsoft document signing).
    Sign,
    /// TLS client authentication: EKU clientAuth when an EKU is present.
    Client,
    /// TLS server authentication: EKU serverAuth when an EKU is present.
    Server,
    /// No keyUsage or EKU requirement.
    Any,
}

impl Purpose {
    /// The purpose's name in errors and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Sign => "sign",
            Purpose::Client => "client",
            Purpose::Server => "server",
            Purpose::Any => "any",
        }
    }
}

/// The inputs of one path validation.
#[derive(Debug, Clone)]
pub struct ChainOptions<'a> {
    /// The instant at which every certificate must be valid.
    pub time: Time,
    /// What the end-entity certificate will be used for.
    pub purpose: Purpose,
    /// The RFC 5280 §6.1.1 policy inputs.
    pub policy: PolicyInputs,
    /// Algorithm floor and SM2 signer ID.
    pub algorithm_policy: AlgorithmPolicy<'a>,
    /// Most certificates a path may hold, end entity included and anchor excluded.
    /// Default 10: deployed GBA paths hold 2–3, PKITS at most 6 (RFC 5280 sets no
    /// limit; rustls-webpki allows 6 intermediates).
    pub max_path_len: usize,
    /// The work limits of the search.
    pub budget: Budget,
    /// Revocation checking of the path that validates (mode, sources, clock skew,
    /// proven signing time). Default: no sources, mode left to the verifier
    /// (`prefer` for `verify_chain`).
    pub revocation: RevocationOptions<'a>,
}

impl ChainOptions<'_> {
    /// Defaults for validating a signing certificate at `time`: any policy, nothing
    /// inhibited, RSA ≥ 2048, default SM2 signer ID.
    pub fn new(time: Time) -> Self {
        Self {
            time,
            purpose: Purpose::Sign,
            policy: PolicyInputs::default(),
            algorithm_policy: AlgorithmPolicy::default(),
            max_path_len: 10,
            budget: Budget::default(),
            revocation: RevocationOptions::default(),
        }
    }
}
