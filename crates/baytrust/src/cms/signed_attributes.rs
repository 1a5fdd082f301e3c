//! A signer's signed attributes (RFC 5652 §5.3, §11; ESS RFC 2634 / RFC 5035): the
//! exact bytes the signature covers, the attributes the checks read, and the rules the
//! attribute set itself breaks.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};

use super::asn1;
use super::signed_data::normalise_content_type;
use crate::oid::{
    ID_AA_SIGNING_CERTIFICATE, ID_AA_SIGNING_CERTIFICATE_V2, ID_CONTENT_TYPE, ID_COUNTERSIGNATURE,
    ID_MESSAGE_DIGEST, ID_SIGNING_TIME, SHA256,
};
use crate::{Error, Time};

/// The signed attributes of one signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedAttributes {
    der: Vec<u8>,
    content_type: Option<String>,
    content_type_received: Option<String>,
    message_digest: Option<Vec<u8>>,
    signing_time: Option<Time>,
    signing_time_offset_normalised: bool,
    signing_certificate_v2: Option<EssCertIdV2>,
    signing_certificate: Option<EssCertId>,
    rule_violations: Vec<String>,
}

/// The first `ESSCertIDv2` of an ESS `signingCertificateV2` attribute (RFC 5035 §4): it
/// names the signer's certificate by hash and, optionally, by issuer and serial number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EssCertIdV2 {
    /// The dotted OID of `hashAlgorithm` (SHA-256 when the field is absent, its default).
    pub hash_algorithm: String,
    /// `certHash`: the hash of the whole DER certificate.
    pub cert_hash: Vec<u8>,
    /// `issuerSerial`, if present.
    pub issuer_serial: Option<IssuerSerial>,
}

/// The first `ESSCertID` of an ESS `signingCertificate` (v1) attribute (RFC 2634 §5.4).
///
/// Its `certHash` is SHA-1, which baytrust refuses, so it cannot bind the signer's
/// certificate: checks treat a v1-only signature as if it had no ESS attribute. It is
/// read only so that a report can show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EssCertId {
    /// `certHash`: SHA-1 of the DER certificate.
    pub cert_hash: Vec<u8>,
    /// `issuerSerial`, if present.
    pub issuer_serial: Option<IssuerSerial>,
}

/// ESS `IssuerSerial` (RFC 5035 §4): the issuer and serial number of the signer's
/// certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerSerial {
    /// The DER `Name` of each `directoryName` in `issuer`; other GeneralName forms are
    /// dropped.
    pub directory_names: Vec<Vec<u8>>,
    /// The content octets of `serialNumber`, as encoded.
    pub serial: Vec<u8>,
}

impl SignedAttributes {
    /// Reads the signed attributes from the value octets of the received `[0] IMPLICIT`
    /// field. Rules the attributes break are recorded, not returned: the signer's check
    /// reports them as a format failure.
    pub(super) fn from_received_value(value: &[u8]) -> Result<Self, Error> {
        // RFC 5652 §5.4: the signature covers the received attributes with the SET OF
        // tag 0x31 in place of [0]. `der` read the length minimally encoded, so this
        // header is the received one with only its tag changed.
        let der = AnyRef::new(Tag::Set, value)
            .and_then(|set| set.to_der())
            .map_err(|e| Error::CmsMalformed {
                reason: format!("signedAttrs: {e}"),
            })?;
        let mut attributes = Self {
            der,
            content_type: None,
            content_type_received: None,
            message_digest: None,
            signing_time: None,
            signing_time_offset_normalised: false,
            signing_certificate_v2: None,
            signing_certificate: None,
            rule_violations: Vec::new(),
        };
        let der = attributes.der.clone();
        attributes.read(&der);
        Ok(attributes)
    }

    fn read(&mut self, der: &[u8]) {
        let parsed = SliceReader::new(der).and_then(|mut reader| {
            let set = asn1::SetOf::<asn1::Attribute<'_>>::decode(&mut reader)?;
            reader.finish()?;
            Ok(set.0)
        });
        let list = match parsed {
            Ok(list) => list,
            Err(e) => {
                self.violated(format!(
                    "signedAttrs is not a DER SET OF Attribute (RFC 5652 §5.3, §5.4): {e}"
                ));
                return;
            }
        };
        if list.is_empty() {
            self.violated("signedAttrs is empty (RFC 5652 §5.3: SIZE (1..MAX))".into());
        }
        let mut seen: Vec<String> = Vec::new();
        for attribute in &list {
            let oid = attribute.attr_type.to_string();
            if let Some(name) = single_instance_name(&oid) {
                if seen.contains(&oid) {
                    self.violated(format!("{name} appears more than once in signedAttrs"));
                    continue;
                }
                seen.push(oid.clone());
            }
            self.read_attribute(&oid, &attribute.attr_values);
        }
        if self.content_type.is_none() {
            self.violated("signedAttrs lack contentType (RFC 5652 §5.3)".into());
        }
        if self.message_digest.is_none() {
            self.violated("signedAttrs lack messageDigest (RFC 5652 §5.3)".into());
        }
    }

    fn read_attribute(&mut self, oid: &str, values: &[AnyRef<'_>]) {
        if oid == ID_COUNTERSIGNATURE {
            self.violated("countersignature is a signed attribute (RFC 5652 §11.4)".into());
            return;
        }
        let Some(name) = single_instance_name(oid) else {
            return; // other attributes are not read
        };
        let value = match values {
            [value] => *value,
            _ => {
                self.violated(format!(
                    "{name} has {} values, exactly one is allowed",
                    values.len()
                ));
                return;
            }
        };
        let read = match oid {
            ID_CONTENT_TYPE => value
                .decode_as::<ObjectIdentifier>()
                .map(|ct| {
                    self.content_type = Some(normalise_content_type(ct.to_string()));
                    self.content_type_received = Some(ct.to_string());
                })
                .map_err(|e| e.to_string()),
            ID_MESSAGE_DIGEST => octet_string(value).map(|md| self.message_digest = Some(md)),
            ID_SIGNING_TIME => signing_time(value).map(|(time, offset)| {
                self.signing_time = Some(time);
                self.signing_time_offset_normalised = offset;
            }),
            ID_AA_SIGNING_CERTIFICATE_V2 => {
                ess_v2(value).map(|ess| self.signing_certificate_v2 = ess)
            }
            ID_AA_SIGNING_CERTIFICATE => ess_v1(value).map(|ess| self.signing_certificate = ess),
            _ => Ok(()),
        };
        if let Err(reason) = read {
            self.violated(format!("{name} is malformed: {reason}"));
        }
    }

    fn violated(&mut self, rule: String) {
        self.rule_violations.push(rule);
    }

    /// The bytes the signature covers: the received attributes with the `[0]` tag
    /// replaced by the SET OF tag 0x31 (RFC 5652 §5.4), never a re-encoding.
    pub fn signed_bytes(&self) -> &[u8] {
        &self.der
    }

    /// `contentType` (RFC 5652 §11.1) as a dotted OID, GM/T 0010 synonyms normalised to
    /// the PKCS #7 OIDs.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// `contentType` as a dotted OID exactly as received (for messages).
    pub fn content_type_received(&self) -> Option<&str> {
        self.content_type_received.as_deref()
    }

    /// `messageDigest` (RFC 5652 §11.2).
    pub fn message_digest(&self) -> Option<&[u8]> {
        self.message_digest.as_deref()
    }

    /// `signingTime` (RFC 5652 §11.3): what the signer claims, not a proof of time.
    pub fn signing_time(&self) -> Option<Time> {
        self.signing_time
    }

    /// Whether the signingTime was a UTCTime with a local offset (`260601080000+0800`,
    /// as some mainland signers write) rather than in UTC with `Z` as RFC 5652 §11.3
    /// requires: [`signing_time`](Self::signing_time) is then converted to UTC.
    pub fn signing_time_offset_normalised(&self) -> bool {
        self.signing_time_offset_normalised
    }

    /// ESS `signingCertificateV2` (RFC 5035): the first ESSCertIDv2, naming the signer's
    /// certificate.
    pub fn signing_certificate_v2(&self) -> Option<&EssCertIdV2> {
        self.signing_certificate_v2.as_ref()
    }

    /// ESS `signingCertificate` (v1, RFC 2634): the first ESSCertID. Its hash is SHA-1,
    /// so it cannot bind the certificate and the checks ignore it (see [`EssCertId`]).
    pub fn signing_certificate_v1(&self) -> Option<&EssCertId> {
        self.signing_certificate.as_ref()
    }

    /// The rules of RFC 5652 §5.3 and §11 (and RFC 5035 §5.4) the attribute set breaks,
    /// in the order found: not DER, empty, contentType or messageDigest missing, an
    /// attribute repeated or with other than one value, a countersignature among them, a
    /// value that does not decode. Empty when the set keeps every rule.
    pub fn rule_violations(&self) -> &[String] {
        &self.rule_violations
    }
}

/// The name of an attribute that may appear only once with one value, or `None` for
/// attributes the checks do not read.
fn single_instance_name(oid: &str) -> Option<&'static str> {
    match oid {
        ID_CONTENT_TYPE => Some("contentType"),
        ID_MESSAGE_DIGEST => Some("messageDigest"),
        ID_SIGNING_TIME => Some("signingTime"),
        ID_AA_SIGNING_CERTIFICATE => Some("signingCertificate"),
        ID_AA_SIGNING_CERTIFICATE_V2 => Some("signingCertificateV2"),
        _ => None,
    }
}

fn octet_string(value: AnyRef<'_>) -> Result<Vec<u8>, String> {
    if value.tag() != Tag::OctetString {
        return Err(format!("expected OCTET STRING, found {}", value.tag()));
    }
    Ok(value.value().to_vec())
}

/// `SigningTime ::= Time` (RFC 5652 §11.3): UTCTime `YYMMDDhhmmssZ` (years 1950–2049)
/// or GeneralizedTime `YYYYMMDDhhmmssZ` (any year, 1950 and before included, without
/// fractional seconds). A UTCTime with a `+hhmm`/`-hhmm` offset in place of `Z` is read
/// and converted to UTC; the flag returned says so.
fn signing_time(value: AnyRef<'_>) -> Result<(Time, bool), String> {
    let text =
        std::str::from_utf8(value.value()).map_err(|_| "the time is not ASCII".to_owned())?;
    match value.tag() {
        Tag::UtcTime => utc_time(text),
        Tag::GeneralizedTime => generalized_time(text).map(|t| (t, false)),
        other => Err(format!(
            "expected UTCTime or GeneralizedTime, found {other}"
        )),
    }
}

// reason: every operand is a field of at most four decimal digits (years 0..=9999,
// the others 0..=99), so no intermediate value comes near the limits of i64.
#[allow(clippy::arithmetic_side_effects)]
fn utc_time(text: &str) -> Result<(Time, bool), String> {
    let malformed = || format!("UTCTime {text:?} is not YYMMDDhhmmssZ (RFC 5652 §11.3)");
    let (digits, zone) = text.split_at_checked(12).ok_or_else(malformed)?;
    let yy = digits_at(digits, 0).ok_or_else(malformed)?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    let utc = civil_seconds(year, digits.get(2..).unwrap_or_default()).ok_or_else(malformed)?;
    if zone == "Z" {
        return Ok((Time::from_unix_seconds(utc), false));
    }
    let sign = match zone.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err(malformed()),
    };
    let offset = zone
        .get(1..)
        .filter(|o| o.len() == 4)
        .ok_or_else(malformed)?;
    let (hours, minutes) = (
        digits_at(offset, 0).filter(|h| *h <= 23),
        digits_at(offset, 2).filter(|m| *m <= 59),
    );
    let (Some(hours), Some(minutes)) = (hours, minutes) else {
        return Err(malformed());
    };
    // Local time = UTC + offset, so UTC = local − offset.
    let offset_seconds = sign * (hours * 3600 + minutes * 60);
    Ok((Time::from_unix_seconds(utc - offset_seconds), true))
}

// reason: every operand is a field of at most four decimal digits (years 0..=9999,
// the others 0..=99), so no intermediate value comes near the limits of i64.
#[allow(clippy::arithmetic_side_effects)]
fn generalized_time(text: &str) -> Result<Time, String> {
    let malformed = || format!("GeneralizedTime {text:?} is not YYYYMMDDhhmmssZ (RFC 5652 §11.3)");
    let digits = text
        .strip_suffix('Z')
        .filter(|d| d.len() == 14)
        .ok_or_else(malformed)?;
    let year = digits_at(digits, 0)
        .zip(digits_at(digits, 2))
        .map(|(century, year)| century * 100 + year)
        .ok_or_else(malformed)?;
    civil_seconds(year, digits.get(4..).unwrap_or_default())
        .map(Time::from_unix_seconds)
        .ok_or_else(malformed)
}

/// Two ASCII digits at `at`.
fn digits_at(text: &str, at: usize) -> Option<i64> {
    let pair = text.get(at..at.checked_add(2)?)?;
    if !pair.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pair.parse().ok()
}

/// Seconds since the Unix epoch (negative before it) of `year` and `MMDDhhmmss`, or
/// `None` when a field is out of range (no leap second).
// reason: every operand is a field of at most four decimal digits (years 0..=9999,
// the others 0..=99), so no intermediate value comes near the limits of i64.
#[allow(clippy::arithmetic_side_effects)]
fn civil_seconds(year: i64, rest: &str) -> Option<i64> {
    if rest.len() != 10 {
        return None;
    }
    let month = digits_at(rest, 0).filter(|m| (1..=12).contains(m))?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day = digits_at(rest, 2).filter(|d| (1..=month_days).contains(d))?;
    let hour = digits_at(rest, 4).filter(|h| *h <= 23)?;
    let minute = digits_at(rest, 6).filter(|m| *m <= 59)?;
    let second = digits_at(rest, 8).filter(|s| *s <= 59)?;
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
// reason: every operand is a field of at most four decimal digits (years 0..=9999,
// the others 0..=99), so no intermediate value comes near the limits of i64.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn ess_v2(value: AnyRef<'_>) -> Result<Option<EssCertIdV2>, String> {
    let first = asn1::EssCertId::first_of_signing_certificate(value)
        .map_err(|e| e.to_string())?
        .ok_or("no ESSCertIDv2 in certs")?;
    Ok(Some(EssCertIdV2 {
        hash_algorithm: first
            .hash_algorithm
            .map_or_else(|| SHA256.to_owned(), |a| a.algorithm.to_string()),
        cert_hash: first.cert_hash.to_vec(),
        issuer_serial: first.issuer_serial.map(IssuerSerial::from),
    }))
}

fn ess_v1(value: AnyRef<'_>) -> Result<Option<EssCertId>, String> {
    let first = asn1::EssCertId::first_of_signing_certificate(value)
        .map_err(|e| e.to_string())?
        .ok_or("no ESSCertID in certs")?;
    if first.hash_algorithm.is_some() {
        return Err("an ESSCertID has no hashAlgorithm".into());
    }
    Ok(Some(EssCertId {
        cert_hash: first.cert_hash.to_vec(),
        issuer_serial: first.issuer_serial.map(IssuerSerial::from),
    }))
}

impl From<asn1::IssuerSerial> for IssuerSerial {
    fn from(raw: asn1::IssuerSerial) -> Self {
        Self {
            directory_names: raw.directory_names,
            serial: raw.serial,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DER TLV with a short length.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag, u8::try_from(content.len()).unwrap()];
        assert!(content.len() < 0x80);
        out.extend_from_slice(content);
        out
    }

    fn oid(dotted: &str) -> Vec<u8> {
        ObjectIdentifier::new(dotted).unwrap().to_der().unwrap()
    }

    fn attribute(attr_type: &str, values: &[Vec<u8>]) -> Vec<u8> {
        let mut content = oid(attr_type);
        content.extend(tlv(0x31, &values.concat()));
        tlv(0x30, &content)
    }

    fn content_type() -> Vec<u8> {
        attribute(ID_CONTENT_TYPE, &[oid("1.2.840.113549.1.7.1")])
    }

    fn message_digest() -> Vec<u8> {
        attribute(ID_MESSAGE_DIGEST, &[tlv(0x04, &[0xab; 32])])
    }

    fn read(value: &[u8]) -> SignedAttributes {
        SignedAttributes::from_received_value(value).unwrap()
    }

    #[test]
    fn unsorted_attributes_are_signed_as_received_with_the_set_tag() {
        // DER would sort contentType (…9.3) first; the signer did not.
        let value = [message_digest(), content_type()].concat();
        let attributes = read(&value);
        assert_eq!(attributes.signed_bytes(), tlv(0x31, &value).as_slice());
        assert!(attributes.rule_violations().is_empty());
        assert_eq!(attributes.content_type(), Some("1.2.840.113549.1.7.1"));
        assert_eq!(attributes.message_digest(), Some([0xab; 32].as_slice()));
    }

    #[test]
    fn signing_time_in_utc_time_is_read() {
        let time = attribute(ID_SIGNING_TIME, &[tlv(0x17, b"260601000000Z")]);
        let attributes = read(&[content_type(), message_digest(), time].concat());
        assert_eq!(
            attributes.signing_time(),
            Some(Time::from_unix_seconds(1_780_272_000))
        );
    }

    fn signing_time_of(tag: u8, text: &[u8]) -> SignedAttributes {
        let time = attribute(ID_SIGNING_TIME, &[tlv(tag, text)]);
        read(&[content_type(), message_digest(), time].concat())
    }

    #[test]
    fn utc_time_with_a_local_offset_is_converted_to_utc_and_flagged() {
        let attributes = signing_time_of(0x17, b"260601080000+0800");
        assert!(attributes.rule_violations().is_empty());
        assert_eq!(
            attributes.signing_time(),
            Some(Time::from_unix_seconds(1_780_272_000))
        );
        assert!(attributes.signing_time_offset_normalised());
        let west = signing_time_of(0x17, b"260531200000-0400");
        assert_eq!(
            west.signing_time(),
            Some(Time::from_unix_seconds(1_780_272_000))
        );
        let zulu = signing_time_of(0x17, b"260601000000Z");
        assert!(!zulu.signing_time_offset_normalised());
    }

    #[test]
    fn generalized_time_before_1950_and_1970_is_read() {
        let attributes = signing_time_of(0x18, b"19491231235959Z");
        assert!(attributes.rule_violations().is_empty());
        assert_eq!(
            attributes.signing_time(),
            Some(Time::from_unix_seconds(-631_152_001))
        );
        // UTCTime 50–69 is 1950–1969, before the Unix epoch.
        let utc = signing_time_of(0x17, b"500101000000Z");
        assert_eq!(
            utc.signing_time(),
            Some(Time::from_unix_seconds(-631_152_000))
        );
    }

    #[test]
    fn malformed_signing_times_break_the_rules() {
        for (tag, text, rule) in [
            (
                0x17,
                &b"2606010800+0800"[..],
                "signingTime is malformed: UTCTime \"2606010800+0800\" is not YYMMDDhhmmssZ (RFC 5652 §11.3)",
            ),
            (
                0x17,
                b"260601080000+2400",
                "signingTime is malformed: UTCTime \"260601080000+2400\" is not YYMMDDhhmmssZ (RFC 5652 §11.3)",
            ),
            (
                0x17,
                b"260230000000Z",
                "signingTime is malformed: UTCTime \"260230000000Z\" is not YYMMDDhhmmssZ (RFC 5652 §11.3)",
            ),
            (
                0x18,
                b"20260601000000.5Z",
                "signingTime is malformed: GeneralizedTime \"20260601000000.5Z\" is not YYYYMMDDhhmmssZ (RFC 5652 §11.3)",
            ),
        ] {
            let attributes = signing_time_of(tag, text);
            assert_eq!(attributes.rule_violations(), [rule]);
            assert_eq!(attributes.signing_time(), None);
        }
    }

    #[test]
    fn repeated_or_multi_valued_attributes_break_the_rules() {
        let repeated = read(&[content_type(), content_type(), message_digest()].concat());
        assert_eq!(
            repeated.rule_violations(),
            ["contentType appears more than once in signedAttrs"]
        );
        let two_values = attribute(
            ID_MESSAGE_DIGEST,
            &[tlv(0x04, &[1; 32]), tlv(0x04, &[2; 32])],
        );
        let multi = read(&[content_type(), two_values].concat());
        assert_eq!(
            multi.rule_violations(),
            [
                "messageDigest has 2 values, exactly one is allowed",
                "signedAttrs lack messageDigest (RFC 5652 §5.3)"
            ]
        );
    }

    #[test]
    fn countersignature_and_malformed_values_break_the_rules() {
        let counter = attribute(ID_COUNTERSIGNATURE, &[tlv(0x30, &[])]);
        let attributes = read(&[content_type(), message_digest(), counter].concat());
        assert_eq!(
            attributes.rule_violations(),
            ["countersignature is a signed attribute (RFC 5652 §11.4)"]
        );
        let bad_digest = attribute(ID_MESSAGE_DIGEST, &[tlv(0x0c, b"digest")]);
        let attributes = read(&[content_type(), bad_digest].concat());
        assert_eq!(
            attributes.rule_violations().first().map(String::as_str),
            Some("messageDigest is malformed: expected OCTET STRING, found UTF8String")
        );
    }

    #[test]
    fn attributes_that_are_not_der_or_empty_break_the_rules() {
        // An indefinite length inside the signed attributes.
        let ber = [
            &[0x30, 0x80][..],
            &oid(ID_CONTENT_TYPE),
            &[0x31, 0x00, 0x00, 0x00],
        ]
        .concat();
        let attributes = read(&ber);
        assert!(attributes.rule_violations()[0].starts_with("signedAttrs is not a DER SET OF"));
        let empty = read(&[]);
        assert_eq!(
            empty.rule_violations()[0],
            "signedAttrs is empty (RFC 5652 §5.3: SIZE (1..MAX))"
        );
    }
}
