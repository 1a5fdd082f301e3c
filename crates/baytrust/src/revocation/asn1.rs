//! The DER pieces CRLs and OCSP responses share, read strictly with `der` and borrowing
//! the input: times, extensions, serial numbers in one canonical form, general names
//! prepared for comparison, and PEM-or-DER input.

use der::asn1::{AnyRef, GeneralizedTime, ObjectIdentifier, OctetStringRef, UtcTime};
use der::{Decode, Encode, Header, Reader, SliceReader, Tag};
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

use crate::cert::ComparableName;
use crate::{Error, Time};

/// Why a structure did not decode; turned into the caller's `…Malformed` variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Malformed(pub String);

impl From<der::Error> for Malformed {
    fn from(e: der::Error) -> Self {
        Malformed(e.to_string())
    }
}

impl From<&str> for Malformed {
    fn from(text: &str) -> Self {
        Malformed(text.to_owned())
    }
}

/// A DER reader over `bytes` (DER rules: definite, minimal lengths).
pub(super) fn reader(bytes: &[u8]) -> Result<SliceReader<'_>, Malformed> {
    Ok(SliceReader::new(bytes)?)
}

/// Reads one TLV of tag `tag` and returns its whole encoding and its content.
pub(super) fn read_tlv<'a>(
    r: &mut SliceReader<'a>,
    tag: Tag,
    what: &str,
) -> Result<(&'a [u8], &'a [u8]), Malformed> {
    let header = Header::peek(r)?;
    if header.tag() != tag {
        return Err(Malformed(format!(
            "{what}: expected {tag}, found {}",
            header.tag()
        )));
    }
    let header_len = usize::try_from(header.encoded_len()?)?;
    let whole = r.tlv_bytes()?;
    let content = whole
        .get(header_len..)
        .ok_or("TLV shorter than its header")?;
    Ok((whole, content))
}

/// Checks that a reader consumed all its input.
pub(super) fn finish(r: SliceReader<'_>, what: &str) -> Result<(), Malformed> {
    if r.is_finished() {
        Ok(())
    } else {
        Err(Malformed(format!(
            "{} unexpected bytes at the end of {what}",
            u32::from(r.remaining_len())
        )))
    }
}

/// Splits the next DER TLV off `input` without a reader (the hot path of CRL entries):
/// returns (tag byte, content, rest). Single-byte tags, definite minimal lengths of at
/// most four octets, as DER requires (X.690 §8.1.3, §10.1).
pub(super) fn split_tlv(input: &[u8]) -> Result<(u8, &[u8], &[u8]), Malformed> {
    let (&tag, rest) = input.split_first().ok_or("truncated: no tag")?;
    if tag & 0x1F == 0x1F {
        return Err("multi-byte tag".into());
    }
    let (&first, rest) = rest.split_first().ok_or("truncated: no length")?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 {
            return Err("indefinite or oversized length".into());
        }
        let bytes = rest.get(..count).ok_or("truncated length")?;
        if bytes.first() == Some(&0) {
            return Err("non-minimal length".into());
        }
        let len = bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if len < 0x80 {
            return Err("non-minimal length".into());
        }
        (len, rest.get(count..).ok_or("truncated length")?)
    };
    let content = rest.get(..len).ok_or("truncated content")?;
    let after = rest.get(len..).ok_or("truncated content")?;
    Ok((tag, content, after))
}

/// Reads a UTCTime (tag 0x17) or GeneralizedTime (0x18) content as DER has it:
/// `YYMMDDHHMMSSZ` (years 50–99 are 19xx, RFC 5280 §4.1.2.5.1) or `YYYYMMDDHHMMSSZ`.
// reason: `digits` folds at most four decimal digits (at most 9999, within u16), the
// year sums stay below 2100, and field offsets are below the 15-byte content.
#[allow(clippy::arithmetic_side_effects)]
pub(super) fn time_of(tag: u8, content: &[u8]) -> Result<Time, Malformed> {
    let digits = |part: &[u8]| -> Result<u16, Malformed> {
        part.iter().try_fold(0u16, |acc, &b| {
            if b.is_ascii_digit() {
                Ok(acc * 10 + u16::from(b - b'0'))
            } else {
                Err(Malformed::from("a time holds a non-digit"))
            }
        })
    };
    let (year, rest) = match (tag, content.len()) {
        (0x17, 13) => {
            let yy = digits(content.get(..2).ok_or("short time")?)?;
            (
                if yy >= 50 { 1900 + yy } else { 2000 + yy },
                content.get(2..).ok_or("short time")?,
            )
        }
        (0x18, 15) => (
            digits(content.get(..4).ok_or("short time")?)?,
            content.get(4..).ok_or("short time")?,
        ),
        _ => return Err("a time is not DER UTCTime or GeneralizedTime".into()),
    };
    let field = |i: usize| -> Result<u8, Malformed> {
        let value = digits(rest.get(i..i + 2).ok_or("short time")?)?;
        u8::try_from(value).map_err(|_| Malformed::from("time field out of range"))
    };
    if rest.get(10) != Some(&b'Z') {
        return Err("a time does not end in Z".into());
    }
    let date_time =
        der::DateTime::new(year, field(0)?, field(2)?, field(4)?, field(6)?, field(8)?)?;
    unix_time(date_time.unix_duration())
}

/// Reads `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }`
/// (RFC 5280 §4.1.2.5: DER, `Z`, whole seconds).
pub(super) fn read_time(r: &mut SliceReader<'_>) -> Result<Time, Malformed> {
    let duration = match Tag::peek(r)? {
        Tag::UtcTime => UtcTime::decode(r)?.to_unix_duration(),
        Tag::GeneralizedTime => GeneralizedTime::decode(r)?.to_unix_duration(),
        other => return Err(Malformed(format!("expected a time, found {other}"))),
    };
    unix_time(duration)
}

/// Reads a `GeneralizedTime` (OCSP times, invalidityDate).
pub(super) fn read_generalized_time(r: &mut SliceReader<'_>) -> Result<Time, Malformed> {
    unix_time(GeneralizedTime::decode(r)?.to_unix_duration())
}

fn unix_time(duration: core::time::Duration) -> Result<Time, Malformed> {
    i64::try_from(duration.as_secs())
        .map(Time::from_unix_seconds)
        .map_err(|_| "time out of range".into())
}

/// Whether the next element is a time (for `nextUpdate Time OPTIONAL`).
pub(super) fn next_is_time(r: &SliceReader<'_>) -> bool {
    matches!(Tag::peek(r), Ok(Tag::UtcTime | Tag::GeneralizedTime))
}

/// Reads an INTEGER and returns its content bytes in canonical form (see
/// [`canonical_integer`]). An empty INTEGER is malformed.
pub(super) fn read_integer<'a>(r: &mut SliceReader<'a>) -> Result<&'a [u8], Malformed> {
    let (_, content) = read_tlv(r, Tag::Integer, "INTEGER")?;
    if content.is_empty() {
        return Err("INTEGER with no content octets".into());
    }
    Ok(canonical_integer(content))
}

/// The minimal two's-complement form of an INTEGER's content bytes: redundant leading
/// `0x00` (before a byte with the top bit clear) and `0xFF` (before one with it set)
/// removed. Serial numbers from a CRL, an OCSP CertID and a certificate compare equal
/// exactly when their values are equal, whichever parser read them.
pub fn canonical_integer(bytes: &[u8]) -> &[u8] {
    let mut rest = bytes;
    while let [first, second, ..] = rest {
        let redundant =
            (*first == 0x00 && second & 0x80 == 0) || (*first == 0xFF && second & 0x80 != 0);
        if !redundant {
            break;
        }
        rest = rest.get(1..).unwrap_or_default();
    }
    rest
}

/// Reads a non-negative INTEGER of at most 20 octets (cRLNumber, RFC 5280 §5.2.3).
pub(super) fn read_crl_number(r: &mut SliceReader<'_>) -> Result<Vec<u8>, Malformed> {
    let bytes = read_integer(r)?;
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return Err("CRL number is negative".into());
    }
    let magnitude = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    if magnitude.len() > 20 {
        return Err("CRL number is longer than 20 octets".into());
    }
    Ok(magnitude.to_vec())
}

/// Compares two CRL numbers (big-endian magnitudes without leading zeros).
pub(super) fn compare_numbers(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// One extension as received: `Extension ::= SEQUENCE { extnID, critical BOOLEAN
/// DEFAULT FALSE, extnValue OCTET STRING }` (RFC 5280 §4.1).
#[derive(Debug, Clone, Copy)]
pub(super) struct RawExtension<'a> {
    /// The extension's OID.
    pub oid: ObjectIdentifier,
    /// Its criticality.
    pub critical: bool,
    /// The content of extnValue: the DER of the extension's own type.
    pub value: &'a [u8],
}

/// The most extensions one CRL, CRL entry or OCSP structure may carry.
pub(super) const MAX_EXTENSIONS: usize = 64;

/// Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` from the SEQUENCE's
/// content. Returns the extensions and the first repeated OID, if any.
pub(super) fn read_extensions(
    content: &[u8],
) -> Result<(Vec<RawExtension<'_>>, Option<ObjectIdentifier>), Malformed> {
    let mut r = reader(content)?;
    let mut extensions: Vec<RawExtension<'_>> = Vec::new();
    let mut duplicate = None;
    while !r.is_finished() {
        if extensions.len() >= MAX_EXTENSIONS {
            return Err(Malformed(format!("more than {MAX_EXTENSIONS} extensions")));
        }
        let (_, body) = read_tlv(&mut r, Tag::Sequence, "Extension")?;
        let mut e = reader(body)?;
        let oid: ObjectIdentifier = ObjectIdentifier::decode(&mut e)?;
        let critical = if Tag::peek(&e)? == Tag::Boolean {
            let critical = bool::decode(&mut e)?;
            if !critical {
                return Err("critical FALSE is encoded (DER omits a DEFAULT value)".into());
            }
            critical
        } else {
            false
        };
        let value = <&OctetStringRef>::decode(&mut e)?.as_bytes();
        finish(e, "Extension")?;
        if duplicate.is_none() && extensions.iter().any(|x| x.oid == oid) {
            duplicate = Some(oid);
        }
        extensions.push(RawExtension {
            oid,
            critical,
            value,
        });
    }
    if extensions.is_empty() {
        return Err("Extensions is empty (SIZE (1..MAX))".into());
    }
    Ok((extensions, duplicate))
}

/// The named bits of a BIT STRING's content octets (unused-bits count, then the bits).
pub(super) fn named_bits(content: &[u8]) -> Result<u32, Malformed> {
    let Some((&unused, bytes)) = content.split_first() else {
        return Err("BIT STRING has no content".into());
    };
    if unused > 7 || (bytes.is_empty() && unused != 0) || bytes.len() > 4 {
        return Err("named BIT STRING is malformed".into());
    }
    let mut value = 0u32;
    for (byte_index, byte) in (0u32..).zip(bytes) {
        for bit in 0..8u32 {
            // At most 4 bytes: the bit index is below 32.
            let index = byte_index.saturating_mul(8).saturating_add(bit);
            if byte & (0x80u8 >> bit) != 0 {
                value |= 1u32.checked_shl(index).unwrap_or(0);
            }
        }
    }
    Ok(value)
}

/// A general name (RFC 5280 §4.2.1.6) prepared for matching distribution points and
/// certificate issuers: directory names by RFC 5280 §7.1 comparison, URIs and every
/// other form by their exact bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum GeneralNameKey {
    /// `directoryName [4] Name`.
    Directory(ComparableName),
    /// Any other form: its context tag byte and content.
    Other(u8, Vec<u8>),
}

/// The most names one GeneralNames may hold.
const MAX_GENERAL_NAMES: usize = 64;

/// Reads the content of `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`.
pub(super) fn read_general_names(content: &[u8]) -> Result<Vec<GeneralNameKey>, Malformed> {
    let mut r = reader(content)?;
    let mut names = Vec::new();
    while !r.is_finished() {
        if names.len() >= MAX_GENERAL_NAMES {
            return Err(Malformed(format!(
                "more than {MAX_GENERAL_NAMES} general names"
            )));
        }
        let whole = r.tlv_bytes()?;
        let any = AnyRef::from_der(whole)?;
        let tag_byte = whole.first().copied().unwrap_or_default();
        if tag_byte == 0xA4 {
            // directoryName [4] EXPLICIT Name (Name is a CHOICE, so the tag is explicit).
            let mut inner = reader(any.value())?;
            let (name_der, _) = read_tlv(&mut inner, Tag::Sequence, "directoryName")?;
            finish(inner, "directoryName")?;
            names.push(GeneralNameKey::Directory(comparable_name(name_der)?));
        } else if tag_byte & 0xC0 == 0x80 {
            names.push(GeneralNameKey::Other(tag_byte, any.value().to_vec()));
        } else {
            return Err("a GeneralName is not context-tagged".into());
        }
    }
    if names.is_empty() {
        return Err("GeneralNames is empty (SIZE (1..MAX))".into());
    }
    Ok(names)
}

/// Prepares the DER `Name` for comparison.
pub(super) fn comparable_name(name_der: &[u8]) -> Result<ComparableName, Malformed> {
    let (rest, name) = X509Name::from_der(name_der).map_err(|e| Malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err("bytes after a Name".into());
    }
    Ok(ComparableName::of(&name))
}

/// The DER `Name` as text for messages.
pub(super) fn name_text(name_der: &[u8]) -> String {
    match X509Name::from_der(name_der) {
        Ok((_, name)) => crate::cert::name_to_string(&name),
        Err(_) => "(unreadable name)".into(),
    }
}

/// The DER `Name` made of `base`'s RDNs followed by the RDN whose SET content is
/// `rdn_content` (nameRelativeToCRLIssuer, RFC 5280 §4.2.1.13).
pub(super) fn name_with_rdn(
    base_name_der: &[u8],
    rdn_content: &[u8],
) -> Result<Vec<u8>, Malformed> {
    let base = AnyRef::from_der(base_name_der)?;
    let mut body = base.value().to_vec();
    body.extend(tlv(0x31, rdn_content));
    Ok(tlv(0x30, &body))
}

/// A DER TLV with a definite, minimal length.
pub(super) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let bytes = len.to_be_bytes();
            let significant: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
            // At most size_of::<usize>() length octets.
            out.push(0x80 | u8::try_from(significant.len()).unwrap_or(0x7F));
            out.extend_from_slice(&significant);
        }
    }
    out.extend_from_slice(content);
    out
}

pub(super) use crate::cert::range_in;

/// Decodes input that is DER (starts with a SEQUENCE tag) or PEM text (UTF-8) with
/// blocks labelled `label`; returns each structure's DER.
pub(super) fn der_or_pem(input: &[u8], label: &'static str) -> Result<Vec<Vec<u8>>, Error> {
    if input.first().is_some_and(|&b| b != 0x30) && std::str::from_utf8(input).is_err() {
        return Err(Error::UnrecognisedEncoding);
    }
    crate::pem::der_or_pem(input, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_integer_drops_only_redundant_sign_bytes() {
        assert_eq!(canonical_integer(&[0x00, 0x00, 0x01]), &[0x01]);
        assert_eq!(canonical_integer(&[0x00, 0x80]), &[0x00, 0x80]);
        assert_eq!(canonical_integer(&[0xFF, 0xFF, 0x80]), &[0x80]);
        assert_eq!(canonical_integer(&[0xFF, 0x7F]), &[0xFF, 0x7F]);
        assert_eq!(canonical_integer(&[0x00]), &[0x00]);
    }

    #[test]
    fn tlv_uses_long_form_lengths_from_128() {
        assert_eq!(tlv(0x04, &[7; 2]), vec![0x04, 2, 7, 7]);
        let long = tlv(0x04, &[0; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2C]);
    }

    #[test]
    fn split_tlv_refuses_what_der_forbids() {
        assert_eq!(
            split_tlv(&[0x04, 0x01, 0xAA, 0xBB]),
            Ok((0x04, &[0xAA][..], &[0xBB][..]))
        );
        assert!(split_tlv(&[0x04, 0x81, 0x05, 0, 0, 0, 0, 0]).is_err()); // long form < 128
        assert!(split_tlv(&[0x04, 0x82, 0x00, 0x80]).is_err()); // leading zero length octet
        assert!(split_tlv(&[0x30, 0x80, 0x00, 0x00]).is_err()); // indefinite length
        assert!(split_tlv(&[0x04, 0x02, 0xAA]).is_err()); // truncated
        assert!(split_tlv(&[0x1F, 0x01, 0x00]).is_err()); // multi-byte tag
        let long = tlv(0x04, &[7; 300]);
        assert_eq!(split_tlv(&long).map(|(_, c, _)| c.len()), Ok(300));
    }

    #[test]
    fn times_are_read_as_rfc_5280_has_them() {
        let t = |tag, text: &str| time_of(tag, text.as_bytes()).map(|t| t.to_string());
        assert_eq!(t(0x17, "260401000000Z"), Ok("2026-04-01T00:00:00Z".into()));
        assert_eq!(t(0x17, "991231235959Z"), Ok("1999-12-31T23:59:59Z".into()));
        // 50–69 are 1950–1969, before what the time type holds: refused, not misread.
        assert!(t(0x17, "500101000000Z").is_err());
        assert_eq!(t(0x17, "491231235959Z"), Ok("2049-12-31T23:59:59Z".into()));
        assert_eq!(
            t(0x18, "20500101000000Z"),
            Ok("2050-01-01T00:00:00Z".into())
        );
        assert!(t(0x17, "2604010000Z").is_err()); // no seconds
        assert!(t(0x17, "260401000000+").is_err()); // not Z
        assert!(t(0x17, "261301000000Z").is_err()); // month 13
        assert!(t(0x18, "260401000000Z").is_err()); // GeneralizedTime needs 4-digit year
        assert!(t(0x04, "260401000000Z").is_err()); // not a time
    }

    #[test]
    fn crl_numbers_compare_by_value() {
        assert_eq!(
            compare_numbers(&[0x02], &[0x01, 0x00]),
            core::cmp::Ordering::Less
        );
        assert_eq!(
            compare_numbers(&[0x05], &[0x05]),
            core::cmp::Ordering::Equal
        );
    }
}
