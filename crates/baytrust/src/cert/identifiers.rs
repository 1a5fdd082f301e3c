//! The fields a CMS signer identifier names — issuer, serial number, subject key
//! identifier — and the subject, read from the DER of a certificate that the strict
//! [`Certificate`](super::Certificate) view refused. They let a report say "the
//! signer's certificate breaks rule X" instead of "no certificate matches": nothing
//! else is ever read from a refused certificate, and nothing read here is trusted.

use crate::oid::typed::SUBJECT_KEY_IDENTIFIER;
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};

/// Most extensions looked through for the subjectKeyIdentifier.
const MAX_EXTENSIONS: usize = 256;

/// The identifying fields of a certificate, as encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawIdentifiers<'a> {
    /// The DER of the issuer `Name`.
    pub issuer: &'a [u8],
    /// The content octets of the serial number INTEGER (a leading zero kept), as
    /// [`Certificate::serial`](super::Certificate::serial) gives them.
    pub serial: &'a [u8],
    /// The DER of the subject `Name`.
    pub subject: &'a [u8],
    /// The subjectKeyIdentifier's keyIdentifier, when the extension is there and reads.
    pub subject_key_id: Option<&'a [u8]>,
}

/// Reads the identifying fields of `der` (a `Certificate`, RFC 5280 §4.1) with `der`'s
/// strict DER reader, checking nothing else; `None` when the bytes do not have the
/// shape of a certificate up to the subject.
pub(crate) fn read_identifiers(der: &[u8]) -> Option<RawIdentifiers<'_>> {
    let certificate = AnyRef::from_der(der).ok()?;
    if certificate.tag() != Tag::Sequence {
        return None;
    }
    let mut outer = SliceReader::new(certificate.value()).ok()?;
    let tbs = AnyRef::from_der(outer.tlv_bytes().ok()?).ok()?;
    if tbs.tag() != Tag::Sequence {
        return None;
    }
    let mut fields = SliceReader::new(tbs.value()).ok()?;
    let version_tag = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(0),
    };
    if Tag::peek(&fields).ok()? == version_tag {
        fields.tlv_bytes().ok()?;
    }
    let serial = AnyRef::from_der(fields.tlv_bytes().ok()?).ok()?;
    if serial.tag() != Tag::Integer {
        return None;
    }
    let _signature = fields.tlv_bytes().ok()?;
    let issuer = fields.tlv_bytes().ok()?;
    let _validity = fields.tlv_bytes().ok()?;
    let subject = fields.tlv_bytes().ok()?;
    let _spki = fields.tlv_bytes().ok()?;
    let mut subject_key_id = None;
    // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: at most three fields.
    for _ in 0..3 {
        if fields.is_finished() {
            break;
        }
        let field = fields.decode::<AnyRef<'_>>().ok()?;
        if field.tag()
            == (Tag::ContextSpecific {
                constructed: true,
                number: TagNumber(3),
            })
        {
            subject_key_id = find_subject_key_id(field.value());
        }
    }
    Some(RawIdentifiers {
        issuer,
        serial: serial.value(),
        subject,
        subject_key_id,
    })
}

/// The keyIdentifier of the first subjectKeyIdentifier among `explicit`, the content of
/// `extensions [3] EXPLICIT SEQUENCE OF Extension`.
fn find_subject_key_id(explicit: &[u8]) -> Option<&[u8]> {
    let list = AnyRef::from_der(explicit).ok()?;
    let mut extensions = SliceReader::new(list.value()).ok()?;
    for _ in 0..MAX_EXTENSIONS {
        if extensions.is_finished() {
            return None;
        }
        let extension = extensions.decode::<AnyRef<'_>>().ok()?;
        let mut parts = SliceReader::new(extension.value()).ok()?;
        let oid = parts.decode::<ObjectIdentifier>().ok()?;
        if oid != SUBJECT_KEY_IDENTIFIER {
            continue;
        }
        let mut value = parts.decode::<AnyRef<'_>>().ok()?;
        if value.tag() == Tag::Boolean {
            value = parts.decode::<AnyRef<'_>>().ok()?;
        }
        if value.tag() != Tag::OctetString {
            return None;
        }
        // extnValue holds the DER of KeyIdentifier ::= OCTET STRING.
        let key_id = AnyRef::from_der(value.value()).ok()?;
        if key_id.tag() != Tag::OctetString {
            return None;
        }
        return Some(key_id.value());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::decode_certificates;

    #[test]
    fn a_valid_certificate_reads_as_the_strict_view_reads_it() {
        let pem = std::fs::read(format!(
            "{}/../../testdata/pki/hk/issuing-ca.pem",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let der = decode_certificates(&pem).unwrap().remove(0);
        let certificate = der.parse().unwrap();
        let raw = read_identifiers(der.as_ref()).unwrap();
        assert_eq!(raw.serial, certificate.serial());
        assert_eq!(raw.issuer, certificate.issuer().as_raw());
        assert_eq!(raw.subject, certificate.subject().as_raw());
        assert_eq!(raw.subject_key_id, certificate.subject_key_id());
        assert!(raw.subject_key_id.is_some());
    }

    #[test]
    fn bytes_that_are_not_a_certificate_read_as_nothing() {
        assert_eq!(read_identifiers(&[]), None);
        assert_eq!(read_identifiers(&[0x30, 0x03, 0x02, 0x01, 0x01]), None);
        assert_eq!(read_identifiers(&[0x04, 0x00]), None);
    }
}
