//! Certification paths: building a path from an end-entity certificate through the
//! caller's untrusted certificates to a trust anchor ([`verify_chain`]), and validating
//! it as RFC 5280 §6.1 says — signatures, validity, basic constraints, key usage, EKU,
//! name constraints and the full certificate-policy tree — within a [`Budget`]. A
//! trust anchor given as a certificate is held to the CA rules too (RFC 5937 §3). The
//! path that validates has its certificates' revocation statuses looked up (RFC 5280
//! §6.3) and judged by the revocation mode.

mod budget;
mod build;
mod chain_options;
mod name_constraints;
mod policy_tree;
mod revocation_check;
mod validate;
mod verified_chain;

pub use budget::Budget;
// For CMS verification, which spends one budget across all signers (issue 8 §5).
pub(crate) use budget::BudgetLeft;
pub use build::verify_chain;
pub(crate) use build::verify_chain_with_budget;
pub use chain_options::{ChainOptions, Purpose};
pub use policy_tree::{PolicyInputs, PolicyOutcome, PolicySet};
pub use revocation_check::{
    revocation_verdict, RevocationMode, RevocationOptions, MAX_SEPARATE_CRL_SIGNERS,
};
pub use verified_chain::VerifiedChain;

pub(crate) use name_constraints::NameConstraintsState;
pub(crate) use validate::extended_key_usage_allows;
