//! Certificates: reading DER, PEM and PEM bundles ([`decode_certificates`]), and a
//! borrowed, strictly checked view of one X.509 certificate ([`Certificate`], internal)
//! with typed access to its names and extensions (the owned public description is
//! `report::CertificateInfo`). The view refuses certificates that break the
//! RFC 5280 profile rules `profile` checks; `name_syntax` says what a host name and a
//! mailbox are, for the view and for name constraints alike.

mod certificate;
mod comparable_name;
mod critical_extensions;
mod identifiers;
mod input;
mod name;
pub(crate) mod name_syntax;
mod profile;

pub use certificate::Certificate;
pub(crate) use certificate::{offset_in, range_in};
pub use comparable_name::ComparableName;
pub(crate) use critical_extensions::{critical_extension_problem, CriticalExtensionProblem};
pub(crate) use identifiers::read_identifiers;
pub use input::{decode_certificates, CertificateDer};
pub use name::{attribute_text, name_to_string};
pub(crate) use profile::{check_constraint_name, check_rdns};

/// The x509-parser types the internal view hands out (for baytrust's own tests; never
/// public API).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub use x509_parser;
