//! Certification paths: building a path from an end-entity certificate through the
//! caller's untrusted certificates to a trust anchor ([`verify_chain`]), and validating
//! it as RFC 5280 §6.1 says — signatures, validity, basic constraints, key usage, EKU,
//! name constraints and the full certificate-policy tree — within a [`Budget`].

mod budget;
mod build;
mod chain_options;
mod name_constraints;
mod policy_tree;
mod validate;
mod verified_chain;

pub use budget::Budget;
pub(crate) use budget::BudgetLeft;
pub use build::verify_chain;
pub(crate) use build::verify_chain_with_budget;
pub use chain_options::{ChainOptions, Purpose};
pub use policy_tree::{PolicyInputs, PolicyOutcome, PolicySet};
pub use verified_chain::VerifiedChain;
