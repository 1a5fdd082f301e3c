//! Trust inputs: the anchors of each jurisdiction, indexed for path building. (Signed
//! trust lists, which will feed the same store, arrive with their issue.)

mod anchor;
mod store;

pub use anchor::TrustAnchor;
pub use store::{TrustStore, TrustStoreBuilder};
