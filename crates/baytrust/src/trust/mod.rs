//! Trust inputs: the anchors of each jurisdiction, indexed for path building, and the
//! trust lists that name the services each jurisdiction recognises.

mod anchor;
mod list;
mod store;

pub use anchor::TrustAnchor;
pub use list::{
    CertificateTypeDocument, IdentityDocument, PolicyDocument, PolicyMatch, PolicyRule,
    RecognisedService, ServiceDocument, ServiceStatus, StaleListPolicy, StatusDocument,
    StatusPeriod, TrustList, TrustListDocument, TRUST_LIST_FORMAT,
};
pub use store::{ListedCa, TrustStore, TrustStoreBuilder};
