//! `CertificateInfo`: the public, owned description of one certificate — names,
//! serial, validity, key algorithm, the extensions baytrust interprets and the legal
//! entity it names — in baytrust's own types, so that the parser underneath is not
//! part of the API.

use std::net::IpAddr;

use x509_parser::extensions::GeneralName;
use x509_parser::x509::X509Name;

use crate::cert::{attribute_text, name_to_string, Certificate, CertificateDer};
use crate::algorithm::KeyAlgorithm;
use crate::identity::{IdentityProfile, LegalEntity};
use crate::{Error, Time};

/// A distinguished name: its text and its attributes in certificate order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistinguishedName {
    /// The name as text in certificate order, RFC 4514 escaping:
    /// `C=HK, O=Harbour Logistics Limited, CN=…`.
    pub text: String,
    /// Each attribute, RDN by RDN (a multi-valued RDN gives several in a row).
    pub attributes: Vec<NameAttribute>,
}

/// One attribute of a [`DistinguishedName`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAttribute {
    /// The attribute type's dotted OID (`2.5.4.3` for commonName).
    pub oid: String,
    /// The value as text; `None` when the value is not a string type.
    pub value: Option<String>,
}

impl DistinguishedName {
    fn of(name: &X509Name<'_>) -> Self {
        let attributes = name
            .iter_attributes()
            .map(|attribute| {
                let oid = attribute.attr_type().to_id_string();
                let value = attribute_text(attribute.attr_value(), &oid).ok();
                NameAttribute { oid, value }
            })
            .collect();
        Self {
            text: name_to_string(name),
            attributes,
        }
    }

    /// The text values of the attributes of type `dotted_oid`, in order.
    pub fn values_of<'s>(&'s self, dotted_oid: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.attributes
            .iter()
            .filter(move |a| a.oid == dotted_oid)
            .filter_map(|a| a.value.as_deref())
    }

    /// The first `countryName` (2.5.4.6), if any.
    pub fn country(&self) -> Option<&str> {
        self.values_of(crate::oid::COUNTRY_NAME).next()
    }
}

/// basicConstraints (RFC 5280 §4.2.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicConstraints {
    /// `cA`.
    pub ca: bool,
    /// `pathLenConstraint`, if present.
    pub path_len_constraint: Option<u32>,
}

/// One subjectAltName entry (RFC 5280 §4.2.1.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AltName {
    /// `dNSName`.
    Dns(String),
    /// `rfc822Name`: a mailbox.
    Email(String),
    /// `uniformResourceIdentifier`.
    Uri(String),
    /// `iPAddress`.
    Ip(IpAddr),
    /// `directoryName`, as text.
    Directory(String),
    /// Another form (otherName, registeredID, …), named by its form.
    Other(String),
}

/// What baytrust reads from one certificate, owned ([`CertificateInfo::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject.
    pub subject: DistinguishedName,
    /// The issuer.
    pub issuer: DistinguishedName,
    /// The serial number in upper-case hex without the sign-padding zero byte, as
    /// `openssl x509 -serial` prints it.
    pub serial: String,
    /// Start of validity.
    pub not_before: Time,
    /// End of validity (inclusive).
    pub not_after: Time,
    /// The subject key's algorithm (and size for RSA).
    pub key_algorithm: KeyAlgorithm,
    /// The policy OIDs of certificatePolicies, in order.
    pub policies: Vec<String>,
    /// basicConstraints, if present.
    pub basic_constraints: Option<BasicConstraints>,
    /// The subjectAltName entries, in order.
    pub subject_alt_names: Vec<AltName>,
    /// SHA-256 of the DER certificate.
    pub sha256: [u8; 32],
    /// The legal entity the certificate names, read by the built-in identity profile of
    /// its jurisdiction (not validated: no path or trust list was consulted; use
    /// [`Verifier::verify_certificate`](crate::Verifier::verify_certificate) for a
    /// validated entity). `Err` when the identity fields contradict each other.
    pub entity: Result<Option<LegalEntity>, Error>,
}

impl CertificateInfo {
    /// Reads `certificate` under baytrust's strict parse rules (the errors of a
    /// malformed certificate: [`Error::CertificateMalformed`] and the profile rules).
    pub fn parse(certificate: &CertificateDer) -> Result<Self, Error> {
        Ok(Self::of(&certificate.parse()?))
    }

    /// Whether basicConstraints says CA.
    pub fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|bc| bc.ca)
    }

    pub(crate) fn of(certificate: &Certificate<'_>) -> Self {
        let subject_alt_names = certificate
            .subject_alt_name()
            .map(|san| san.general_names.iter().map(alt_name).collect())
            .unwrap_or_default();
        Self {
            subject: DistinguishedName::of(certificate.subject()),
            issuer: DistinguishedName::of(certificate.issuer()),
            serial: certificate.serial_hex(),
            not_before: certificate.not_before(),
            not_after: certificate.not_after(),
            key_algorithm: KeyAlgorithm::of(certificate.spki()),
            policies: certificate.policy_oids(),
            basic_constraints: certificate.basic_constraints().map(|bc| BasicConstraints {
                ca: bc.ca,
                path_len_constraint: bc.path_len_constraint,
            }),
            subject_alt_names,
            sha256: certificate.sha256(),
            entity: IdentityProfile::entity_from_certificate(certificate),
        }
    }
}

fn alt_name(name: &GeneralName<'_>) -> AltName {
    match name {
        GeneralName::DNSName(dns) => AltName::Dns((*dns).to_owned()),
        GeneralName::RFC822Name(mailbox) => AltName::Email((*mailbox).to_owned()),
        GeneralName::URI(uri) => AltName::Uri((*uri).to_owned()),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => <[u8; 4]>::try_from(*bytes)
                .map(|v4| AltName::Ip(IpAddr::from(v4)))
                .unwrap_or_else(|_| AltName::Other("iPAddress".to_owned())),
            16 => <[u8; 16]>::try_from(*bytes)
                .map(|v6| AltName::Ip(IpAddr::from(v6)))
                .unwrap_or_else(|_| AltName::Other("iPAddress".to_owned())),
            _ => AltName::Other("iPAddress".to_owned()),
        },
        GeneralName::DirectoryName(name) => AltName::Directory(name_to_string(name)),
        GeneralName::OtherName(..) => AltName::Other("otherName".to_owned()),
        GeneralName::X400Address(_) => AltName::Other("x400Address".to_owned()),
        GeneralName::EDIPartyName(_) => AltName::Other("ediPartyName".to_owned()),
        GeneralName::RegisteredID(_) => AltName::Other("registeredID".to_owned()),
        GeneralName::Invalid(..) => AltName::Other("invalid".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::decode_certificates;
    use crate::identity::Jurisdiction;

    #[test]
    fn describes_a_bundled_organisation_certificate() {
        let pem = include_bytes!("../../../../testdata/pki/hk/org-harbour-logistics.pem");
        let der = decode_certificates(pem).unwrap().remove(0);
        let info = CertificateInfo::parse(&der).unwrap();
        assert_eq!(info.subject.country(), Some("HK"));
        assert!(info.subject.text.contains("Harbour"), "{}", info.subject.text);
        assert!(!info.is_ca());
        assert!(info.not_before < info.not_after);
        let entity = info.entity.unwrap().unwrap();
        assert_eq!(entity.jurisdiction, Jurisdiction::Hk);
    }

    #[test]
    fn garbage_is_a_malformed_certificate() {
        let der = CertificateDer::from_vec(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        assert!(matches!(
            CertificateInfo::parse(&der),
            Err(Error::CertificateMalformed { .. })
        ));
    }
}
