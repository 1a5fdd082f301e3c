//! Identity profiles: where a CA puts the organisation name, the registration number
//! and the authorised person in its certificates. Trust lists name one per service;
//! built-in profiles cover certificates read on their own (`verify-sig inspect`).

use std::fmt;
use std::str::FromStr;

use regex::Regex;

use super::{Jurisdiction, LegalEntity, OrgId};
use crate::cert::Certificate;
use crate::{oid, Error};

/// Where one part of a legal entity is read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdentitySource {
    /// A subject attribute, by dotted OID (`subject:2.5.4.10`).
    Subject(String),
    /// An extension whose value is one ASN.1 string, by dotted OID
    /// (`extension:1.2.156.10260.4.1.4`).
    Extension(String),
}

impl IdentitySource {
    internal_pub! {
        /// The values found at this source, in certificate order (empty when absent).
        pub fn read(&self, certificate: &Certificate<'_>) -> Result<Vec<String>, Error> {
            match self {
                IdentitySource::Subject(oid) => certificate.subject_attribute_texts(oid),
                IdentitySource::Extension(oid) => {
                    Ok(certificate.extension_text(oid)?.into_iter().collect())
                }
            }
        }
    }
}

impl FromStr for IdentitySource {
    type Err = Error;

    /// Parses `subject:<dotted OID>` or `extension:<dotted OID>`.
    fn from_str(text: &str) -> Result<Self, Error> {
        let malformed = |reason: &str| Error::IdentityProfileMalformed {
            reason: format!("source {text:?}: {reason}"),
        };
        let (kind, dotted) = text
            .split_once(':')
            .ok_or_else(|| malformed("expected subject:<OID> or extension:<OID>"))?;
        let is_dotted_oid = !dotted.is_empty()
            && dotted
                .split('.')
                .all(|arc| !arc.is_empty() && arc.bytes().all(|b| b.is_ascii_digit()))
            && dotted.contains('.');
        if !is_dotted_oid {
            return Err(malformed(
                "the OID is not dotted decimal with at least two arcs",
            ));
        }
        match kind {
            "subject" => Ok(IdentitySource::Subject(dotted.to_owned())),
            "extension" => Ok(IdentitySource::Extension(dotted.to_owned())),
            _ => Err(malformed("the kind is neither subject nor extension")),
        }
    }
}

impl fmt::Display for IdentitySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdentitySource::Subject(oid) => write!(f, "subject:{oid}"),
            IdentitySource::Extension(oid) => write!(f, "extension:{oid}"),
        }
    }
}

/// The Hong Kong built-in profile's BRN pattern, compiled once for the process (every
/// certificate naming HK is read with it; compiling it per call cost 13 % of a
/// signature's verification, issue 13). `Regex` clones share the compiled program.
static HK_BRN_PATTERN: std::sync::LazyLock<Option<Regex>> =
    std::sync::LazyLock::new(|| Regex::new(r"^BRN\s*([CF]?[0-9][0-9-]*)$").ok());

/// Where a CA's certificates carry each part of a [`LegalEntity`].
#[derive(Debug, Clone)]
pub struct IdentityProfile {
    jurisdiction: Jurisdiction,
    organisation: IdentitySource,
    org_id: IdentitySource,
    org_id_pattern: Option<Regex>,
    authorised_person: Option<IdentitySource>,
}

impl IdentityProfile {
    /// Builds a profile from its textual parts (as a trust list gives them).
    /// `org_id_pattern`, when given, must have exactly one capture group: the
    /// identifier within a longer value (`BRN (\d{8})`).
    pub fn new(
        jurisdiction: Jurisdiction,
        organisation: &str,
        org_id: &str,
        org_id_pattern: Option<&str>,
        authorised_person: Option<&str>,
    ) -> Result<Self, Error> {
        let org_id_pattern = org_id_pattern
            .map(|pattern| {
                let regex = Regex::new(pattern).map_err(|e| Error::IdentityProfileMalformed {
                    reason: format!("org_id_pattern {pattern:?}: {e}"),
                })?;
                if regex.captures_len() != 2 {
                    return Err(Error::IdentityProfileMalformed {
                        reason: format!(
                            "org_id_pattern {pattern:?} must have exactly one capture group"
                        ),
                    });
                }
                Ok(regex)
            })
            .transpose()?;
        Ok(Self {
            jurisdiction,
            organisation: organisation.parse()?,
            org_id: org_id.parse()?,
            org_id_pattern,
            authorised_person: authorised_person.map(str::parse).transpose()?,
        })
    }

    /// The built-in profile of a jurisdiction, matching how its CAs lay out
    /// organisational certificates: CN reads the USCC from extension
    /// `1.2.156.10260.4.1.4`; HK reads the BRN from an `OU` such as `BRN 12345678-000`;
    /// MO reads the registration number from `serialNumber`. All take the organisation
    /// from `O` and the authorised person from `CN`.
    pub fn builtin(jurisdiction: Jurisdiction) -> Self {
        let (org_id, pattern) = match jurisdiction {
            Jurisdiction::Cn => (
                IdentitySource::Extension(oid::CN_ORGANIZATION_CODE.into()),
                None,
            ),
            Jurisdiction::Hk => (
                IdentitySource::Subject(oid::ORGANIZATIONAL_UNIT_NAME.into()),
                HK_BRN_PATTERN.clone(),
            ),
            Jurisdiction::Mo => (IdentitySource::Subject(oid::SERIAL_NUMBER.into()), None),
        };
        Self {
            jurisdiction,
            organisation: IdentitySource::Subject(oid::ORGANIZATION_NAME.into()),
            org_id,
            org_id_pattern: pattern,
            authorised_person: Some(IdentitySource::Subject(oid::COMMON_NAME.into())),
        }
    }

    /// The jurisdiction whose certificates this profile reads.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    internal_pub! {
        /// Reads the legal entity from `certificate`. `organizationIdentifier` (2.5.4.97) is
        /// read whenever present and must be single ([`Error::OrganizationIdentifierRepeated`]),
        /// of the subject's country ([`Error::OrganizationIdentifierCountryMismatch`]) and
        /// agree with the mainland identity extensions
        /// ([`Error::IdentityExtensionConflict`]); when the profile's own source also yields
        /// an identifier, the two must agree ([`Error::IdentityConflict`]). A profile source
        /// whose value is already canonical (`NTRCN-…`) is read as that identifier. The
        /// identifier must be of the profile's jurisdiction
        /// ([`Error::OrgIdJurisdictionMismatch`]). On any conflict no entity is returned:
        /// the certificate names no single organisation. The identifier is returned
        /// normalised but unchecked: see [`OrgId::check`].
        pub fn extract(&self, certificate: &Certificate<'_>) -> Result<LegalEntity, Error> {
            let organisation = self
                .organisation
                .read(certificate)?
                .into_iter()
                .next()
                .ok_or_else(|| Error::IdentityFieldMissing {
                    field: "organisation",
                    source_name: self.organisation.to_string(),
                })?;
            let from_attribute = organization_identifier(certificate)?;
            let from_profile = self.profile_org_id(certificate)?;
            let org_id = match (from_attribute, from_profile) {
                (Some(attribute), Some(profile)) if !profile_value_agrees(&attribute, &profile) => {
                    return Err(Error::IdentityConflict {
                        organization_identifier: attribute.canonical(),
                        profile_value: profile.canonical(),
                    })
                }
                (Some(org_id), _) | (None, Some(org_id)) => org_id,
                (None, None) => {
                    return Err(Error::IdentityFieldMissing {
                        field: "org_id",
                        source_name: self.org_id.to_string(),
                    })
                }
            };
            if org_id.jurisdiction() != self.jurisdiction {
                return Err(Error::OrgIdJurisdictionMismatch {
                    org_id: org_id.canonical(),
                    expected: self.jurisdiction.code(),
                });
            }
            let authorised_person = match &self.authorised_person {
                Some(source) => source.read(certificate)?.into_iter().next(),
                None => None,
            };
            Ok(LegalEntity {
                jurisdiction: self.jurisdiction,
                organisation,
                org_id,
                authorised_person,
            })
        }
    }

    /// The identifier at the profile's own source (through its pattern, if any).
    fn profile_org_id(&self, certificate: &Certificate<'_>) -> Result<Option<OrgId>, Error> {
        let values = self.org_id.read(certificate)?;
        let Some(pattern) = &self.org_id_pattern else {
            return values
                .first()
                .map(|value| self.read_org_id(value))
                .transpose();
        };
        let captured = values.iter().find_map(|value| {
            pattern
                .captures(value)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str())
        });
        match (captured, values.first()) {
            (Some(id), _) => self.read_org_id(id).map(Some),
            (None, Some(value)) => Err(Error::IdentityPatternMismatch {
                field: "org_id",
                value: value.clone(),
                pattern: pattern.as_str().to_owned(),
            }),
            (None, None) => Ok(None),
        }
    }

    /// Reads one identifier value of the profile's source: a value already in the
    /// canonical form (`NTRCN-…`, as `subject:2.5.4.97` gives) is that identifier, and
    /// its country must be the profile's jurisdiction; any other value is a bare
    /// identifier of the profile's jurisdiction.
    fn read_org_id(&self, value: &str) -> Result<OrgId, Error> {
        if !is_canonical_form(value.trim()) {
            return Ok(OrgId::read(self.jurisdiction, value));
        }
        let org_id = OrgId::read_canonical(value.trim())?;
        if org_id.jurisdiction() != self.jurisdiction {
            return Err(Error::OrgIdJurisdictionMismatch {
                org_id: org_id.canonical(),
                expected: self.jurisdiction.code(),
            });
        }
        Ok(org_id)
    }

    internal_pub! {
        /// The legal entity of a certificate read on its own, without a trust list: the
        /// built-in profile of the jurisdiction named by `organizationIdentifier`, else of
        /// the subject's country (or CN when the mainland identity extension is present).
        /// `Ok(None)` when no profile finds an organisation and an identifier.
        pub fn entity_from_certificate(
            certificate: &Certificate<'_>,
        ) -> Result<Option<LegalEntity>, Error> {
            let jurisdiction = match organization_identifier(certificate)? {
                Some(org_id) => Some(org_id.jurisdiction()),
                None if certificate.extension(oid::CN_ORGANIZATION_CODE).is_some() => {
                    Some(Jurisdiction::Cn)
                }
                None => certificate
                    .subject_attribute_texts(oid::COUNTRY_NAME)?
                    .first()
                    .and_then(|country| country.parse().ok()),
            };
            let Some(jurisdiction) = jurisdiction else {
                return Ok(None);
            };
            match Self::builtin(jurisdiction).extract(certificate) {
                Ok(entity) => Ok(Some(entity)),
                Err(Error::IdentityFieldMissing { .. } | Error::IdentityPatternMismatch { .. }) => {
                    Ok(None)
                }
                Err(other) => Err(other),
            }
        }
    }
}

/// Whether `value` is written in the canonical form `NTR` + two upper-case letters +
/// `-` + identifier. No bare USCC, BRN or Macao number looks like this (none holds
/// `NTR` followed by letters and a hyphen), so the form is unambiguous.
fn is_canonical_form(value: &str) -> bool {
    matches!(
        value.as_bytes(),
        [b'N', b'T', b'R', c1, c2, b'-', _, ..] if c1.is_ascii_uppercase() && c2.is_ascii_uppercase()
    )
}

/// The `organizationIdentifier` (2.5.4.97) of the subject, read in canonical form, and
/// checked against the rest of the certificate: a single value, of the subject's
/// country, agreeing with the mainland identity extensions.
fn organization_identifier(certificate: &Certificate<'_>) -> Result<Option<OrgId>, Error> {
    let values = certificate.subject_attribute_texts(oid::ORGANIZATION_IDENTIFIER)?;
    let (first, second) = (values.first(), values.get(1));
    if let (Some(first), Some(second)) = (first, second) {
        return Err(Error::OrganizationIdentifierRepeated {
            first: first.clone(),
            second: second.clone(),
        });
    }
    let Some(text) = first else {
        return Ok(None);
    };
    let org_id = OrgId::read_canonical(text)?;
    for country in certificate.subject_attribute_texts(oid::COUNTRY_NAME)? {
        if country != org_id.jurisdiction().code() {
            return Err(Error::OrganizationIdentifierCountryMismatch {
                organization_identifier: org_id.canonical(),
                country,
            });
        }
    }
    for extension in [
        oid::CN_ORGANIZATION_CODE,
        oid::CN_BUSINESS_REGISTRATION_NUMBER,
    ] {
        if let Some(value) = certificate.extension_text(extension)? {
            if !mainland_number_agrees(&org_id, value.trim()) {
                return Err(Error::IdentityExtensionConflict {
                    organization_identifier: org_id.canonical(),
                    extension: extension.to_owned(),
                    value,
                });
            }
        }
    }
    Ok(Some(org_id))
}

/// Whether the identifier the profile's own source gave agrees with
/// `organizationIdentifier`: the same identifier, or, both mainland, a number that
/// [`mainland_number_agrees`] with it (a profile reading `1.2.156.10260.4.1.4` may find
/// the organisation code there while 2.5.4.97 holds the USCC).
fn profile_value_agrees(attribute: &OrgId, profile: &OrgId) -> bool {
    attribute == profile
        || (profile.jurisdiction() == Jurisdiction::Cn
            && mainland_number_agrees(attribute, profile.identifier()))
}

/// Whether a mainland identity extension's number agrees with `org_id`: it must be a
/// mainland identifier, and the number is either the USCC itself, or the 9-character
/// organisation code the USCC embeds at positions 9–17 (GB 32100-2015; written with or
/// without its hyphen, `M000100Y-4`), or a 15-digit registration number of the old
/// scheme, which the USCC does not embed and so cannot contradict.
fn mainland_number_agrees(org_id: &OrgId, number: &str) -> bool {
    if org_id.jurisdiction() != Jurisdiction::Cn {
        return false;
    }
    let uscc = org_id.identifier();
    let old_registration_number = number.len() == 15 && number.bytes().all(|b| b.is_ascii_digit());
    let organisation_code: String = number.chars().filter(|&c| c != '-').collect();
    number == uscc
        || old_registration_number
        || (organisation_code.len() == 9 && uscc.get(8..17) == Some(organisation_code.as_str()))
}
