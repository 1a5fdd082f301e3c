//! directoryName constraints (RFC 5280 §4.2.1.10): a name lies in a subtree when the
//! subtree's RDNs are its leading RDNs, compared as RFC 5280 §7.1 says
//! ([`ComparableName::is_within`]). A name whose string values do not decode is
//! refused rather than compared byte-wise, which could let it slip past a constraint
//! its text was meant to meet or avoid.

use x509_parser::der_parser::asn1_rs::{Class, Tag};
use x509_parser::x509::X509Name;

use crate::cert::{attribute_text, ComparableName};

/// The ASN.1 string types a DirectoryString attribute may use.
const STRING_TAGS: [Tag; 8] = [
    Tag::Utf8String,
    Tag::PrintableString,
    Tag::Ia5String,
    Tag::NumericString,
    Tag::VisibleString,
    Tag::TeletexString,
    Tag::BmpString,
    Tag::UniversalString,
];

/// `name` prepared for comparison, or why it cannot be: an attribute of a string type
/// whose bytes are not valid for that type.
pub(super) fn comparable(name: &X509Name<'_>) -> Result<ComparableName, String> {
    for attribute in name.iter_rdn().flat_map(|rdn| rdn.iter()) {
        let value = attribute.attr_value();
        let is_string = value.class() == Class::Universal
            && !value.header.is_constructed()
            && STRING_TAGS.contains(&value.tag());
        if is_string {
            let oid = attribute.attr_type().to_id_string();
            attribute_text(value, &oid).map_err(|e| e.to_string())?;
        }
    }
    Ok(ComparableName::of(name))
}
