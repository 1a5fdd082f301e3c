//! Who signed: the three jurisdictions, organisation identifiers validated by each
//! jurisdiction's rules, legal entities, and the identity profiles that say where in a
//! certificate each part of a legal entity is found.

mod jurisdiction;
mod legal_entity;
mod org_id;
mod profile;

pub use jurisdiction::Jurisdiction;
pub use legal_entity::LegalEntity;
pub use org_id::{uscc_check_character, OrgId};
pub use profile::{IdentityProfile, IdentitySource};
