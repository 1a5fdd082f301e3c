//! The validation report (ETSI EN 319 102-1 indications, DESIGN.md §1): what the
//! relying party is told about a signature, each of its signers and a certificate's
//! path, serialisable as JSON; and the owned descriptions of certificates the public
//! API hands out ([`CertificateInfo`], [`CertificateRef`]).

mod certificate_info;
mod certificate_ref;
mod indication;
mod signature_report;

mod chain_report;
mod validated_path;
pub use certificate_info::{
    AltName, BasicConstraints, CertificateInfo, DistinguishedName, NameAttribute,
};
pub use certificate_ref::{CertificateRef, CertificateRevocation};
pub use chain_report::ChainReport;
pub use indication::{Indication, SubIndication};
pub use signature_report::{Recognition, Report, SignerReport};
pub use validated_path::ValidatedPath;
