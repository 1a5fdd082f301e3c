//! Distinguished names as text: decoding attribute values of every ASN.1 string type
//! that X.520 `DirectoryString` allows (so Chinese names in UTF8String or BMPString come
//! out right), and rendering a whole name for people.

use x509_parser::der_parser::asn1_rs::{Any, Class, Tag};
use x509_parser::x509::X509Name;

use crate::oid;
use crate::Error;

/// Decodes an attribute or extension value that holds a string, whatever its ASN.1
/// string type: UTF8String, PrintableString, IA5String, NumericString, VisibleString,
/// TeletexString (read as Latin-1, as deployed CAs mean it), BMPString (UTF-16BE) or
/// UniversalString (UTF-32BE). `oid` names the attribute in the error.
pub fn attribute_text(value: &Any<'_>, oid: &str) -> Result<String, Error> {
    let not_text = |reason: &str| Error::AttributeNotText {
        oid: oid.to_owned(),
        reason: reason.to_owned(),
    };
    if value.class() != Class::Universal || value.header.is_constructed() {
        return Err(not_text("not a universal primitive string"));
    }
    let data = value.data;
    match value.tag() {
        Tag::Utf8String => std::str::from_utf8(data)
            .map(str::to_owned)
            .map_err(|_| not_text("UTF8String holds invalid UTF-8")),
        Tag::PrintableString | Tag::Ia5String | Tag::NumericString | Tag::VisibleString => {
            if data.is_ascii() {
                Ok(data.iter().map(|&b| char::from(b)).collect())
            } else {
                Err(not_text("restricted string holds non-ASCII bytes"))
            }
        }
        Tag::TeletexString => Ok(data.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            if !data.len().is_multiple_of(2) {
                return Err(not_text("BMPString has an odd number of bytes"));
            }
            let units = data
                .chunks_exact(2)
                .filter_map(|pair| pair.try_into().ok().map(u16::from_be_bytes));
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .map_err(|_| not_text("BMPString holds an unpaired surrogate"))
        }
        Tag::UniversalString => {
            if !data.len().is_multiple_of(4) {
                return Err(not_text("UniversalString length is not a multiple of 4"));
            }
            data.chunks_exact(4)
                .map(|quad| {
                    let quad: [u8; 4] = quad.try_into().ok()?;
                    char::from_u32(u32::from_be_bytes(quad))
                })
                .collect::<Option<String>>()
                .ok_or_else(|| not_text("UniversalString holds an invalid code point"))
        }
        _ => Err(not_text("not a string type")),
    }
}

/// Short names of the attributes people expect to see (RFC 4514 §3 and common usage),
/// by dotted OID.
const SHORT_NAMES: [(&str, &str); 15] = [
    (oid::COMMON_NAME, "CN"),
    (oid::SURNAME, "SN"),
    (oid::SERIAL_NUMBER, "serialNumber"),
    (oid::COUNTRY_NAME, "C"),
    (oid::LOCALITY_NAME, "L"),
    (oid::STATE_OR_PROVINCE_NAME, "ST"),
    (oid::STREET_ADDRESS, "street"),
    (oid::ORGANIZATION_NAME, "O"),
    (oid::ORGANIZATIONAL_UNIT_NAME, "OU"),
    (oid::TITLE, "title"),
    (oid::GIVEN_NAME, "GN"),
    (oid::ORGANIZATION_IDENTIFIER, "organizationIdentifier"),
    (oid::EMAIL_ADDRESS, "emailAddress"),
    (oid::DOMAIN_COMPONENT, "DC"),
    (oid::USER_ID, "UID"),
];

/// Renders a name in certificate order as `C=HK, O=Harbour Logistics Limited, CN=…`,
/// values decoded to UTF-8; multi-valued RDNs are joined with `+`. Special characters are
/// escaped as RFC 4514 §2.4 says; a value that is not a string is shown as `#<hex DER>`.
pub fn name_to_string(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    for (i, rdn) in name.iter_rdn().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, attribute) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            // The short name found arc by arc; the dotted OID built only for attribute
            // types without one (issue 13: this runs for every name of every report).
            match SHORT_NAMES
                .iter()
                .find(|(dotted, _)| crate::oid::is(attribute.attr_type(), dotted))
            {
                Some((_, short)) => out.push_str(short),
                None => out.push_str(&attribute.attr_type().to_id_string()),
            }
            out.push('=');
            // attribute_text uses the OID only to name it in its error, unused here.
            match attribute_text(attribute.attr_value(), "") {
                Ok(text) => push_escaped(&mut out, &text),
                Err(_) => {
                    out.push('#');
                    out.push_str(&crate::message_text::hex(attribute.attr_value().data));
                }
            }
        }
    }
    out
}

fn push_escaped(out: &mut String, value: &str) {
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let needs_escape = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && matches!(c, ' ' | '#'))
            || (i == last && c == ' ');
        if needs_escape {
            out.push('\\');
        }
        if c.is_control() {
            out.push_str(&format!("\\{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::der_parser::asn1_rs::FromDer;

    fn any(der: &[u8]) -> Any<'_> {
        Any::from_der(der).unwrap().1
    }

    #[test]
    fn bmp_string_chinese_name_decodes() {
        // BMPString "九龍" = U+4E5D U+9F8D
        let der = [0x1e, 0x04, 0x4e, 0x5d, 0x9f, 0x8d];
        assert_eq!(attribute_text(&any(&der), "2.5.4.10").unwrap(), "九龍");
    }

    #[test]
    fn utf8_and_printable_strings_decode() {
        let utf8 = [0x0c, 0x06, 0xe6, 0xb7, 0xb1, 0xe5, 0x9c, 0xb3];
        assert_eq!(attribute_text(&any(&utf8), "2.5.4.10").unwrap(), "深圳");
        let printable = [0x13, 0x02, b'H', b'K'];
        assert_eq!(attribute_text(&any(&printable), "2.5.4.6").unwrap(), "HK");
    }

    #[test]
    fn odd_length_bmp_string_is_refused_naming_the_attribute() {
        let der = [0x1e, 0x03, 0x4e, 0x5d, 0x9f];
        assert_eq!(
            attribute_text(&any(&der), "2.5.4.10"),
            Err(Error::AttributeNotText {
                oid: "2.5.4.10".into(),
                reason: "BMPString has an odd number of bytes".into()
            })
        );
    }

    #[test]
    fn integer_is_not_text() {
        let der = [0x02, 0x01, 0x05];
        assert!(matches!(
            attribute_text(&any(&der), "2.5.4.5"),
            Err(Error::AttributeNotText { .. })
        ));
    }
}
