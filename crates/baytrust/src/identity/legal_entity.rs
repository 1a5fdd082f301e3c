//! `LegalEntity`: the organisation that signed, as its certificate names it.

use serde::ser::SerializeStruct;

use super::{Jurisdiction, OrgId};

/// An organisation and the person authorised to act for it, read from a certificate
/// through an identity profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalEntity {
    /// The jurisdiction whose registry the organisation is in.
    pub jurisdiction: Jurisdiction,
    /// The registered organisation name, decoded to UTF-8.
    pub organisation: String,
    /// The registration number; it may fail its check (see [`OrgId::check`]), in which
    /// case the entity must not be recognised.
    pub org_id: OrgId,
    /// The natural person acting for the organisation, when the certificate names one.
    pub authorised_person: Option<String>,
}

impl serde::Serialize for LegalEntity {
    /// `{"jurisdiction", "org_id" (canonical), "org_id_valid", "organisation",
    /// "authorised_person"}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("LegalEntity", 5)?;
        s.serialize_field("jurisdiction", &self.jurisdiction)?;
        s.serialize_field("org_id", &self.org_id)?;
        s.serialize_field("org_id_valid", &self.org_id.is_valid())?;
        s.serialize_field("organisation", &self.organisation)?;
        s.serialize_field("authorised_person", &self.authorised_person)?;
        s.end()
    }
}
