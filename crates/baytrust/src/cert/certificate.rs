//! `Certificate`: a borrowed view of one DER X.509 certificate. Parsing is strict up
//! front (trailing bytes, malformed or repeated extensions are errors), so every
//! accessor afterwards is infallible and cheap.

use std::collections::HashSet;

use x509_parser::certificate::X509Certificate;
use x509_parser::der_parser::asn1_rs::{Any, FromDer};
use x509_parser::extensions::{
    BasicConstraints, CertificatePolicies, ExtendedKeyUsage, InhibitAnyPolicy, KeyUsage,
    NameConstraints, ParsedExtension, PolicyConstraints, PolicyMappings, SubjectAlternativeName,
    X509Extension,
};
use x509_parser::prelude::X509CertificateParser;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo, X509Name};

use super::name::{attribute_text, name_to_string};
use super::profile::{self, NameConstraintBases};
use crate::time::Time;
use crate::Error;

/// A parsed X.509 certificate borrowing the DER bytes it was read from.
#[derive(Debug, Clone)]
pub struct Certificate<'a> {
    der: &'a [u8],
    tbs: &'a [u8],
    x509: X509Certificate<'a>,
}

impl<'a> Certificate<'a> {
    /// Parses one DER certificate. Errors: [`Error::CertificateMalformed`] for bytes that
    /// are not a `Certificate` (RFC 5280 §4.1), [`Error::TrailingData`] when bytes follow
    /// it, [`Error::ExtensionMalformed`] when a known extension does not decode,
    /// [`Error::DuplicateExtension`] when an extension repeats (RFC 5280 §4.2), and the
    /// profile rules: [`Error::CertificateVersionUnknown`], [`Error::ExtensionsBeforeV3`],
    /// [`Error::SignatureAlgorithmMismatch`], [`Error::EmptySubjectWithoutCriticalSan`],
    /// [`Error::SanMailboxMalformed`], [`Error::SanDnsNameInvalid`],
    /// [`Error::SanIpAddressMalformed`], and for nameConstraints
    /// [`Error::NameConstraintsEmpty`], [`Error::NameConstraintSubtreesEmpty`],
    /// [`Error::NameConstraintMinimumNotZero`], [`Error::NameConstraintMaximumPresent`]
    /// and [`Error::NameConstraintValueMalformed`].
    pub fn from_der(der: &'a [u8]) -> Result<Self, Error> {
        if der.is_empty() {
            return Err(Error::EmptyInput);
        }
        let structure_checked = profile::check_structure(der)?;
        let mut parser = X509CertificateParser::new().with_deep_parse_extensions(true);
        let (rest, x509) = x509_parser::nom::Parser::parse(&mut parser, der).map_err(|e| {
            Error::CertificateMalformed {
                reason: e.to_string(),
            }
        })?;
        if !rest.is_empty() {
            return Err(Error::TrailingData { count: rest.len() });
        }
        if !structure_checked {
            // x509-parser read what der's strict reader could not: BER lengths or the
            // like. The profile rules were not checked, so the certificate is refused.
            return Err(Error::CertificateMalformed {
                reason: "the certificate is not DER: its fields cannot be read strictly".into(),
            });
        }
        profile::check_name_constraints(x509.extensions())?;
        let mut seen = HashSet::new();
        for extension in x509.extensions() {
            if let ParsedExtension::ParseError { error } = extension.parsed_extension() {
                return Err(Error::ExtensionMalformed {
                    oid: extension.oid.to_id_string(),
                    reason: error.to_string(),
                });
            }
            if !seen.insert(extension.oid.as_bytes()) {
                return Err(Error::DuplicateExtension {
                    oid: extension.oid.to_id_string(),
                });
            }
        }
        profile::check_names(&x509.tbs_certificate.subject, x509.extensions())?;
        profile::check_extension_values(x509.extensions())?;
        profile::check_name_strings("subject", &x509.tbs_certificate.subject)?;
        profile::check_name_strings("issuer", &x509.tbs_certificate.issuer)?;
        let tbs = subslice_of(der, x509.tbs_certificate.as_ref()).ok_or_else(|| {
            Error::CertificateMalformed {
                reason: "tbsCertificate does not lie within the input".into(),
            }
        })?;
        Ok(Self { der, tbs, x509 })
    }

    /// The DER bytes of the whole certificate.
    pub fn der(&self) -> &'a [u8] {
        self.der
    }

    /// The DER bytes of `tbsCertificate`: what the issuer's signature covers.
    pub fn tbs_der(&self) -> &'a [u8] {
        self.tbs
    }

    /// The x509-parser structure underneath, for fields this view does not surface.
    pub fn x509(&self) -> &X509Certificate<'a> {
        &self.x509
    }

    /// The subject name.
    pub fn subject(&self) -> &X509Name<'a> {
        &self.x509.tbs_certificate.subject
    }

    /// The issuer name.
    pub fn issuer(&self) -> &X509Name<'a> {
        &self.x509.tbs_certificate.issuer
    }

    /// The subject as text (`C=HK, O=…, CN=…`, see [`name_to_string`]).
    pub fn subject_text(&self) -> String {
        name_to_string(self.subject())
    }

    /// The issuer as text.
    pub fn issuer_text(&self) -> String {
        name_to_string(self.issuer())
    }

    /// The serial number's big-endian bytes as encoded (a leading zero byte kept).
    pub fn serial(&self) -> &'a [u8] {
        self.x509.tbs_certificate.raw_serial()
    }

    /// The serial number in upper-case hex without the sign-padding zero byte, as
    /// `openssl x509 -serial` prints it.
    pub fn serial_hex(&self) -> String {
        let bytes = self.serial();
        let first = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len().saturating_sub(1));
        let significant = bytes.get(first..).unwrap_or_default();
        crate::message_text::hex_upper(significant)
    }

    /// Start of the validity period.
    pub fn not_before(&self) -> Time {
        Time::from_unix_seconds(self.x509.validity().not_before.timestamp())
    }

    /// End of the validity period (inclusive, RFC 5280 §4.1.2.5).
    pub fn not_after(&self) -> Time {
        Time::from_unix_seconds(self.x509.validity().not_after.timestamp())
    }

    /// The subject public key.
    pub fn spki(&self) -> &SubjectPublicKeyInfo<'a> {
        &self.x509.tbs_certificate.subject_pki
    }

    /// The algorithm the issuer signed with (the outer `signatureAlgorithm`).
    pub fn signature_algorithm(&self) -> &AlgorithmIdentifier<'a> {
        &self.x509.signature_algorithm
    }

    /// The issuer's signature bytes.
    pub fn signature_value(&self) -> &[u8] {
        &self.x509.signature_value.data
    }

    /// SHA-256 of the DER certificate.
    pub fn sha256(&self) -> [u8; 32] {
        let digest = ring::digest::digest(&ring::digest::SHA256, self.der);
        let mut out = [0u8; 32];
        out.copy_from_slice(digest.as_ref());
        out
    }

    /// All extensions in certificate order.
    pub fn extensions(&self) -> &[X509Extension<'a>] {
        self.x509.extensions()
    }

    /// The extension with this dotted OID, if present.
    pub fn extension(&self, dotted_oid: &str) -> Option<&X509Extension<'a>> {
        self.extensions()
            .iter()
            .find(|e| crate::oid::is(&e.oid, dotted_oid))
    }

    /// Critical extensions that path validation does not process, as dotted OIDs: a
    /// certificate with any is refused (RFC 5280 §4.2). cRLDistributionPoints is
    /// listed, although validation with revocation checking on processes it.
    pub fn unrecognised_critical_extensions(&self) -> Vec<String> {
        super::critical_extensions::unrecognised_critical_extensions(self)
    }

    fn find_parsed<'s, T>(
        &'s self,
        pick: impl Fn(&'s ParsedExtension<'a>) -> Option<&'s T>,
    ) -> Option<&'s T> {
        self.extensions()
            .iter()
            .find_map(|e| pick(e.parsed_extension()))
    }

    /// subjectKeyIdentifier (RFC 5280 §4.2.1.2).
    pub fn subject_key_id(&self) -> Option<&'a [u8]> {
        self.extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(kid) => Some(kid.0),
                _ => None,
            })
    }

    /// The keyIdentifier of authorityKeyIdentifier (RFC 5280 §4.2.1.1).
    pub fn authority_key_id(&self) -> Option<&'a [u8]> {
        self.extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    aki.key_identifier.as_ref().map(|kid| kid.0)
                }
                _ => None,
            })
    }

    /// basicConstraints (RFC 5280 §4.2.1.9).
    pub fn basic_constraints(&self) -> Option<&BasicConstraints> {
        self.find_parsed(|p| match p {
            ParsedExtension::BasicConstraints(v) => Some(v),
            _ => None,
        })
    }

    /// Whether basicConstraints says this is a CA.
    pub fn is_ca(&self) -> bool {
        self.basic_constraints().is_some_and(|bc| bc.ca)
    }

    /// keyUsage (RFC 5280 §4.2.1.3).
    pub fn key_usage(&self) -> Option<&KeyUsage> {
        self.find_parsed(|p| match p {
            ParsedExtension::KeyUsage(v) => Some(v),
            _ => None,
        })
    }

    /// extKeyUsage (RFC 5280 §4.2.1.12).
    pub fn extended_key_usage(&self) -> Option<&ExtendedKeyUsage<'a>> {
        self.find_parsed(|p| match p {
            ParsedExtension::ExtendedKeyUsage(v) => Some(v),
            _ => None,
        })
    }

    /// certificatePolicies with their qualifiers (RFC 5280 §4.2.1.4).
    pub fn certificate_policies(&self) -> Option<&CertificatePolicies<'a>> {
        self.find_parsed(|p| match p {
            ParsedExtension::CertificatePolicies(v) => Some(v),
            _ => None,
        })
    }

    /// The policy OIDs of certificatePolicies, dotted, in certificate order.
    pub fn policy_oids(&self) -> Vec<String> {
        self.certificate_policies()
            .map(|policies| {
                policies
                    .iter()
                    .map(|p| p.policy_id.to_id_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// policyMappings (RFC 5280 §4.2.1.5).
    pub fn policy_mappings(&self) -> Option<&PolicyMappings<'a>> {
        self.find_parsed(|p| match p {
            ParsedExtension::PolicyMappings(v) => Some(v),
            _ => None,
        })
    }

    /// policyConstraints (RFC 5280 §4.2.1.11).
    pub fn policy_constraints(&self) -> Option<&PolicyConstraints> {
        self.find_parsed(|p| match p {
            ParsedExtension::PolicyConstraints(v) => Some(v),
            _ => None,
        })
    }

    /// inhibitAnyPolicy (RFC 5280 §4.2.1.14).
    pub fn inhibit_any_policy(&self) -> Option<&InhibitAnyPolicy> {
        self.find_parsed(|p| match p {
            ParsedExtension::InhibitAnyPolicy(v) => Some(v),
            _ => None,
        })
    }

    /// nameConstraints (RFC 5280 §4.2.1.10).
    pub fn name_constraints(&self) -> Option<&NameConstraints<'a>> {
        self.find_parsed(|p| match p {
            ParsedExtension::NameConstraints(v) => Some(v),
            _ => None,
        })
    }

    /// The subtree bases of nameConstraints as this library decodes them itself (with
    /// `der`, `minimum`/`maximum` seen), each the DER of its GeneralName; `None` when
    /// absent. The extension was checked when the view was built, so this cannot fail
    /// for a certificate that parsed; an error is returned rather than assumed away.
    pub(crate) fn name_constraint_bases(&self) -> Result<Option<NameConstraintBases>, Error> {
        profile::name_constraint_bases(self.extensions())
    }

    /// subjectAltName (RFC 5280 §4.2.1.6).
    pub fn subject_alt_name(&self) -> Option<&SubjectAlternativeName<'a>> {
        self.find_parsed(|p| match p {
            ParsedExtension::SubjectAlternativeName(v) => Some(v),
            _ => None,
        })
    }

    /// The text values of a subject attribute (e.g. `2.5.4.11` for OU), in name order.
    pub fn subject_attribute_texts(&self, dotted_oid: &str) -> Result<Vec<String>, Error> {
        self.subject()
            .iter_attributes()
            .filter(|a| crate::oid::is(a.attr_type(), dotted_oid))
            .map(|a| attribute_text(a.attr_value(), dotted_oid))
            .collect()
    }

    /// The text held by an extension whose value is a single ASN.1 string, such as the
    /// mainland identity extensions `1.2.156.10260.4.1.x`. `Ok(None)` when absent.
    pub fn extension_text(&self, dotted_oid: &str) -> Result<Option<String>, Error> {
        let Some(extension) = self.extension(dotted_oid) else {
            return Ok(None);
        };
        let (rest, value) =
            Any::from_der(extension.value).map_err(|e| Error::AttributeNotText {
                oid: dotted_oid.to_owned(),
                reason: e.to_string(),
            })?;
        if !rest.is_empty() {
            return Err(Error::AttributeNotText {
                oid: dotted_oid.to_owned(),
                reason: format!("{} bytes follow the string", rest.len()),
            });
        }
        attribute_text(&value, dotted_oid).map(Some)
    }
}

/// Re-borrows `part` (which the parser took from `whole`) with `whole`'s lifetime.
fn subslice_of<'a>(whole: &'a [u8], part: &[u8]) -> Option<&'a [u8]> {
    let start = offset_in(whole, part)?;
    whole.get(start..start.checked_add(part.len())?)
}

/// The range of `whole` that `part` occupies, when it lies entirely within it.
pub(crate) fn range_in(whole: &[u8], part: &[u8]) -> Option<std::ops::Range<usize>> {
    let start = offset_in(whole, part)?;
    Some(start..start.checked_add(part.len())?)
}

/// Where `part` starts inside `whole`, when it lies entirely within it: the one way a
/// parser's borrowed sub-slice is turned back into a range of the input.
pub(crate) fn offset_in(whole: &[u8], part: &[u8]) -> Option<usize> {
    let start = part.as_ptr().addr().checked_sub(whole.as_ptr().addr())?;
    (start.checked_add(part.len())? <= whole.len()).then_some(start)
}
