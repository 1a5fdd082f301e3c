//! The RFC 5280 certificate-profile rules checked when a [`Certificate`] view is built,
//! so that no later step sees a certificate that breaks them: the version and where
//! extensions may appear (§4.1.2.1, §4.1.2.9), the two signature algorithm fields
//! (§4.1.1.2) read with `der`'s strict DER reader, an empty subject's subjectAltName (§4.2.1.6), the syntax of the names a
//! subjectAltName holds (§4.2.1.6), and the shape and values of nameConstraints
//! (§4.2.1.10), which it decodes itself with `der` because x509-parser drops `minimum`
//! and `maximum`.
//!
//! [`Certificate`]: super::Certificate

use crate::message_text::{hex, shown};
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, TagNumber, Tagged};
use x509_parser::extensions::{GeneralName, ParsedExtension, X509Extension};
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

use super::name::attribute_text;
use super::name_syntax::{check_host_name, parse_mailbox, valid_ip_constraint, Wildcard};
use crate::oid::{NAME_CONSTRAINTS, SUBJECT_ALT_NAME};
use crate::Error;

/// The encoded `version` of a v3 certificate.
const V3: u64 = 2;

/// The fields of `TBSCertificate` the profile rules read, from the DER as received.
struct RawTbs<'a> {
    /// `version [0] EXPLICIT Version DEFAULT v1`, as encoded (0 = v1, 2 = v3).
    version: u64,
    /// Whether the version field is present (DER leaves out v1, its DEFAULT).
    version_encoded: bool,
    /// The DER of `serialNumber CertificateSerialNumber`.
    serial: &'a [u8],
    /// The DER of `signature AlgorithmIdentifier`.
    signature: &'a [u8],
    /// The DER of `validity Validity`.
    validity: &'a [u8],
    /// The DER of `issuer Name`.
    issuer: &'a [u8],
    /// The DER of `subject Name`.
    subject: &'a [u8],
    /// The DER of `subjectPublicKeyInfo`.
    spki: &'a [u8],
    /// The DER of the outer `signature BIT STRING`.
    signature_value: &'a [u8],
    /// Whether `extensions [3]` is present.
    has_extensions: bool,
    /// Whether `extensions [3]` is an empty SEQUENCE.
    empty_extensions: bool,
    /// Whether `issuerUniqueID [1]` or `subjectUniqueID [2]` is present.
    has_unique_identifiers: bool,
}

/// Walks `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`
/// far enough to read the version, both algorithm identifiers and whether extensions
/// are present, with `der`'s strict DER reader (minimal lengths, no indefinite form).
/// `None` when the bytes do not have that shape.
fn read_raw(der: &[u8]) -> Option<(RawTbs<'_>, &[u8])> {
    let certificate = AnyRef::from_der(der).ok()?;
    if certificate.tag() != Tag::Sequence {
        return None;
    }
    let mut outer = SliceReader::new(certificate.value()).ok()?;
    let tbs = AnyRef::from_der(outer.tlv_bytes().ok()?).ok()?;
    let signature_algorithm = outer.tlv_bytes().ok()?;
    let signature_value = outer.tlv_bytes().ok()?;
    if tbs.tag() != Tag::Sequence {
        return None;
    }
    let mut fields = SliceReader::new(tbs.value()).ok()?;
    let version_tag = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(0),
    };
    let version_encoded = Tag::peek(&fields).ok()? == version_tag;
    let version = if version_encoded {
        let explicit = fields.decode::<AnyRef<'_>>().ok()?;
        <u64 as Decode>::from_der(explicit.value()).ok()?
    } else {
        0
    };
    let serial = fields.tlv_bytes().ok()?;
    let signature = fields.tlv_bytes().ok()?;
    let issuer = fields.tlv_bytes().ok()?;
    let validity = fields.tlv_bytes().ok()?;
    let subject = fields.tlv_bytes().ok()?;
    let spki = fields.tlv_bytes().ok()?;
    let mut has_extensions = false;
    let mut has_unique_identifiers = false;
    let mut empty_extensions = false;
    // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: at most three fields.
    for _ in 0..3 {
        if fields.is_finished() {
            break;
        }
        let field = fields.decode::<AnyRef<'_>>().ok()?;
        if let Tag::ContextSpecific { number, .. } = field.tag() {
            has_extensions |= number == TagNumber(3);
            // `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` (RFC 5280 §4.1).
            empty_extensions |= number == TagNumber(3) && field.value() == [0x30, 0x00];
            has_unique_identifiers |= number == TagNumber(1) || number == TagNumber(2);
        }
    }
    Some((
        RawTbs {
            version,
            version_encoded,
            serial,
            signature,
            validity,
            issuer,
            subject,
            spki,
            signature_value,
            has_extensions,
            empty_extensions,
            has_unique_identifiers,
        },
        signature_algorithm,
    ))
}

/// The rules on the certificate's outer structure, checked before x509-parser reads it:
/// version at most v3 and v1 left out as DER requires, extensions only in v3, unique
/// identifiers only in v2 and v3, and `tbsCertificate.signature` equal, byte for byte,
/// to `signatureAlgorithm`. `Ok(true)` when they hold; `Ok(false)` when the bytes cannot be read strictly as DER, so that none of these
/// rules could be checked: the caller refuses such a certificate once x509-parser has
/// said what is wrong with it, or, if x509-parser reads it, as not DER.
pub(crate) fn check_structure(der: &[u8]) -> Result<bool, Error> {
    let Some((tbs, signature_algorithm)) = read_raw(der) else {
        return Ok(false);
    };
    if tbs.version > V3 {
        return Err(Error::CertificateVersionUnknown {
            version: tbs.version,
        });
    }
    if tbs.version_encoded && tbs.version == 0 {
        return Err(Error::CertificateMalformed {
            reason: "version v1 is encoded although it is the DEFAULT (X.690 §11.5)".into(),
        });
    }
    if tbs.has_extensions && tbs.version != V3 {
        return Err(Error::ExtensionsBeforeV3 {
            version: tbs.version,
        });
    }
    if tbs.has_unique_identifiers && tbs.version == 0 {
        return Err(Error::UniqueIdentifierInV1);
    }
    if tbs.empty_extensions {
        return Err(Error::CertificateMalformed {
            reason: "extensions is an empty SEQUENCE (RFC 5280 §4.1: SIZE (1..MAX))".into(),
        });
    }
    check_octet_aligned("signature", tbs.signature_value)?;
    let spki_key = AnyRef::from_der(tbs.spki)
        .ok()
        .and_then(|spki| {
            let mut reader = SliceReader::new(spki.value()).ok()?;
            let _algorithm = reader.tlv_bytes().ok()?;
            reader.tlv_bytes().ok()
        })
        .unwrap_or_default();
    check_octet_aligned("subjectPublicKey", spki_key)?;
    check_serial(tbs.serial)?;
    check_rdns("issuer", tbs.issuer)?;
    check_rdns("subject", tbs.subject)?;
    check_validity(tbs.validity)?;
    if tbs.signature != signature_algorithm {
        return Err(Error::SignatureAlgorithmMismatch {
            tbs_signature: describe_algorithm(tbs.signature),
            signature_algorithm: describe_algorithm(signature_algorithm),
        });
    }
    Ok(true)
}

/// The certificate's signature and subjectPublicKey are BIT STRINGs holding whole
/// octets: an unused-bits count other than 0 would make another encoding (and another
/// certificate fingerprint) of the same signature or key (RFC 5280 §4.1.1.3, §4.1.2.7;
/// rustls-webpki requires the same). An empty slice (not found) is left to x509-parser.
fn check_octet_aligned(field: &str, bit_string: &[u8]) -> Result<(), Error> {
    let Ok(value) = AnyRef::from_der(bit_string) else {
        return Ok(());
    };
    if value.tag() == Tag::BitString && value.value().first().is_some_and(|&unused| unused != 0) {
        return Err(Error::CertificateMalformed {
            reason: format!("{field} BIT STRING has unused bits: it is not whole octets"),
        });
    }
    Ok(())
}

/// `RDNSequence ::= SEQUENCE OF RelativeDistinguishedName`, each `SET SIZE (1..MAX)`
/// (X.501, RFC 5280 §4.1.2.4), read from the raw DER: x509-parser stops its RDN list at
/// an empty SET without saying so. Bounded by the name's length (two bytes per RDN).
pub(crate) fn check_rdns(field: &'static str, name: &[u8]) -> Result<(), Error> {
    let Ok(sequence) = AnyRef::from_der(name) else {
        return Ok(()); // left to x509-parser
    };
    let Ok(mut reader) = SliceReader::new(sequence.value()) else {
        return Ok(());
    };
    while !reader.is_finished() {
        let Ok(rdn) = reader.decode::<AnyRef<'_>>() else {
            return Ok(());
        };
        if rdn.value().is_empty() {
            return Err(Error::NameRdnEmpty { field });
        }
    }
    Ok(())
}

/// When `general_name` (DER) is a directoryName `[4] EXPLICIT Name`, its RDNs are
/// checked by [`check_rdns`]: x509-parser would drop what follows an empty SET.
fn check_directory_name_rdns(field: &'static str, general_name: &[u8]) -> Result<(), Error> {
    let Ok(value) = AnyRef::from_der(general_name) else {
        return Ok(());
    };
    let directory_name = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(4),
    };
    if value.tag() == directory_name {
        check_rdns(field, value.value())?;
    }
    Ok(())
}

/// `CertificateSerialNumber ::= INTEGER` (RFC 5280 §4.1.2.2): a DER INTEGER (content
/// present, minimally encoded, X.690 §8.3.2) of at most 20 octets, not counting a
/// sign-padding zero byte. Zero and negative serials are read: "certificate users
/// SHOULD be prepared to gracefully handle" them (the same section).
fn check_serial(serial: &[u8]) -> Result<(), Error> {
    let malformed = |reason: &str| Error::CertificateMalformed {
        reason: format!("serialNumber {reason}"),
    };
    let value = AnyRef::from_der(serial).map_err(|_| malformed("does not decode"))?;
    if value.tag() != Tag::Integer {
        return Err(malformed("is not an INTEGER"));
    }
    let bytes = value.value();
    match bytes {
        [] => {
            return Err(malformed(
                "is an INTEGER without content octets (X.690 §8.3.1)",
            ))
        }
        [0x00, next, ..] if next & 0x80 == 0 => {
            return Err(malformed("is not minimally encoded (X.690 §8.3.2)"))
        }
        [0xff, next, ..] if next & 0x80 != 0 => {
            return Err(malformed("is not minimally encoded (X.690 §8.3.2)"))
        }
        _ => {}
    }
    let octets = match bytes {
        [0x00, rest @ ..] => rest.len(),
        _ => bytes.len(),
    };
    if octets > 20 {
        return Err(Error::SerialNumberTooLong { octets });
    }
    Ok(())
}

/// `Validity ::= SEQUENCE { notBefore Time, notAfter Time }` (RFC 5280 §4.1.2.5): each
/// time is UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`, Zulu, with
/// seconds and no fraction (§4.1.2.5.1–2). Whether the date exists is x509-parser's
/// check. A GeneralizedTime before 2050 is read (see `docs/conformance.md`:
/// NIST PKITS 4.2.4 expects it to validate).
fn check_validity(validity: &[u8]) -> Result<(), Error> {
    let malformed = |reason: &str| Error::CertificateMalformed {
        reason: format!("validity {reason}"),
    };
    let sequence = AnyRef::from_der(validity).map_err(|_| malformed("does not decode"))?;
    if sequence.tag() != Tag::Sequence {
        return Err(malformed("is not a SEQUENCE"));
    }
    let mut reader =
        SliceReader::new(sequence.value()).map_err(|_| malformed("does not decode"))?;
    for field in ["notBefore", "notAfter"] {
        let time = reader
            .decode::<AnyRef<'_>>()
            .map_err(|_| malformed("does not hold two times"))?;
        let text = time.value();
        let digits = match time.tag() {
            Tag::UtcTime => 12_usize,
            Tag::GeneralizedTime => 14,
            _ => {
                return Err(malformed(
                    "holds a time that is neither UTCTime nor GeneralizedTime",
                ))
            }
        };
        let reason = if text.last() != Some(&b'Z') {
            Some("it is not in Zulu time (no trailing Z, or an offset)")
        } else if Some(text.len()) != digits.checked_add(1)
            || !text
                .get(..digits)
                .is_some_and(|digits| digits.iter().all(u8::is_ascii_digit))
        {
            Some("it lacks seconds, has a fraction of a second, or holds other characters")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(Error::ValidityTimeMalformed {
                field,
                value: shown(&String::from_utf8_lossy(text)),
                reason,
            });
        }
    }
    if !reader.is_finished() {
        return Err(malformed("holds more than two times"));
    }
    Ok(())
}

/// An AlgorithmIdentifier for messages: its dotted OID, and its parameters in hex
/// when present.
fn describe_algorithm(der: &[u8]) -> String {
    #[derive(Sequence)]
    struct AlgorithmIdentifier<'a> {
        algorithm: der::asn1::ObjectIdentifier,
        parameters: Option<AnyRef<'a>>,
    }
    match <AlgorithmIdentifier as Decode>::from_der(der) {
        Ok(AlgorithmIdentifier {
            algorithm,
            parameters: None,
        }) => algorithm.to_string(),
        Ok(AlgorithmIdentifier {
            algorithm,
            parameters: Some(parameters),
        }) => format!(
            "{algorithm} with parameters {}",
            hex(&parameters.to_der().unwrap_or_default())
        ),
        Err(_) => format!("#{}", hex(der)),
    }
}

/// The rules on the subject and subjectAltName (RFC 5280 §4.2.1.6): an empty subject
/// needs a critical subjectAltName; a subjectAltName holds at least one name; every
/// rfc822Name is a mailbox, every dNSName a host
/// name (a whole-label leftmost wildcard allowed), every iPAddress 4 or 16 bytes.
pub(crate) fn check_names(
    subject: &X509Name<'_>,
    extensions: &[X509Extension<'_>],
) -> Result<(), Error> {
    let san = extensions
        .iter()
        .find(|e| crate::oid::is(&e.oid, SUBJECT_ALT_NAME));
    if subject.iter_rdn().next().is_none() && !san.is_some_and(|e| e.critical) {
        return Err(Error::EmptySubjectWithoutCriticalSan {
            san_present: san.is_some(),
        });
    }
    if let Some(extension) = san {
        // The raw GeneralNames, for directoryNames x509-parser would shorten.
        if let Ok(names) = AnyRef::from_der(extension.value) {
            if let Ok(mut reader) = SliceReader::new(names.value()) {
                // Bounded by the extension's length: each name takes two bytes or more.
                while !reader.is_finished() {
                    let Ok(name) = reader.tlv_bytes() else { break };
                    check_directory_name_rdns("subjectAltName directoryName", name)?;
                }
            }
        }
    }
    let Some(ParsedExtension::SubjectAlternativeName(san)) = san.map(|e| e.parsed_extension())
    else {
        return Ok(());
    };
    if san.general_names.is_empty() {
        return Err(Error::SubjectAltNameEmpty);
    }
    for name in &san.general_names {
        match name {
            GeneralName::RFC822Name(text) => {
                parse_mailbox(text).map_err(|reason| Error::SanMailboxMalformed {
                    value: shown(text),
                    reason,
                })?;
            }
            GeneralName::DNSName(text) => {
                check_host_name(text, Wildcard::Leftmost).map_err(|reason| {
                    Error::SanDnsNameInvalid {
                        value: shown(text),
                        reason,
                    }
                })?;
            }
            GeneralName::IPAddress(bytes) if bytes.len() != 4 && bytes.len() != 16 => {
                return Err(Error::SanIpAddressMalformed { len: bytes.len() });
            }
            GeneralName::URI(text) => {
                check_uri(text).map_err(|reason| Error::SanUriMalformed {
                    value: shown(text),
                    reason,
                })?;
            }
            GeneralName::DirectoryName(name) if name.iter_rdn().next().is_none() => {
                return Err(Error::SanDirectoryNameEmpty);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every string-typed attribute of the subject and issuer is non-empty and decodes as
/// its type ([`attribute_text`]'s reading); attributes of
/// other types are left alone.
/// TeletexString is read as Latin-1, so any bytes decode.
pub(crate) fn check_name_strings(field: &'static str, name: &X509Name<'_>) -> Result<(), Error> {
    use x509_parser::der_parser::asn1_rs::Tag as ParserTag;
    for attribute in name.iter_attributes() {
        let value = attribute.attr_value();
        let is_string = matches!(
            value.tag(),
            ParserTag::Utf8String
                | ParserTag::PrintableString
                | ParserTag::Ia5String
                | ParserTag::NumericString
                | ParserTag::VisibleString
                | ParserTag::BmpString
                | ParserTag::UniversalString
        );
        if !is_string {
            continue;
        }
        // The dotted OID only names the attribute in an error: built on that path alone
        // (issue 13), attribute_text uses it for nothing else.
        let oid = || attribute.attr_type().to_id_string();
        if value.data.is_empty() {
            return Err(Error::NameStringMalformed {
                field,
                oid: oid(),
                reason: "the string is empty (SIZE (1..MAX))".into(),
            });
        }
        if let Err(Error::AttributeNotText { reason, .. }) = attribute_text(value, "") {
            return Err(Error::NameStringMalformed {
                field,
                oid: oid(),
                reason,
            });
        }
    }
    Ok(())
}

/// An alternative name URI is absolute (RFC 5280 §4.2.1.6: "MUST NOT be a relative
/// URI … MUST include both a scheme … and a scheme-specific-part"): `scheme ":"` with
/// the scheme as RFC 3986 §3.1 spells it, something after the colon, and a non-empty
/// authority when the part after the colon starts with `//`.
fn check_uri(text: &str) -> Result<(), &'static str> {
    let Some((scheme, rest)) = text.split_once(':') else {
        return Err("it has no scheme (a relative reference)");
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err("its scheme is not ALPHA *( ALPHA / DIGIT / \"+\" / \"-\" / \".\" )");
    }
    if rest.is_empty() {
        return Err("it has no scheme-specific part");
    }
    if let Some(hierarchical) = rest.strip_prefix("//") {
        let authority = hierarchical
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        if authority.is_empty() {
            return Err("its authority is empty");
        }
    }
    Ok(())
}

/// Rules on extension values x509-parser reads without checking: pathLenConstraint only
/// with cA TRUE (RFC 5280 §4.2.1.9), certificatePolicies non-empty and without a
/// repeated OID (§4.2.1.4), policyConstraints not empty (§4.2.1.11).
pub(crate) fn check_extension_values(extensions: &[X509Extension<'_>]) -> Result<(), Error> {
    for extension in extensions {
        match extension.parsed_extension() {
            ParsedExtension::BasicConstraints(constraints) => {
                if let (false, Some(path_len_constraint)) =
                    (constraints.ca, constraints.path_len_constraint)
                {
                    return Err(Error::PathLenWithoutCa {
                        path_len_constraint,
                    });
                }
            }
            ParsedExtension::CertificatePolicies(policies) => {
                if policies.is_empty() {
                    return Err(Error::CertificatePoliciesEmpty);
                }
                // Bounded by the extension's size; quadratic only in the policies of one
                // certificate, which x509-parser has already read.
                for (index, policy) in policies.iter().enumerate() {
                    if policies
                        .iter()
                        .take(index)
                        .any(|earlier| earlier.policy_id == policy.policy_id)
                    {
                        return Err(Error::CertificatePolicyRepeated {
                            oid: policy.policy_id.to_id_string(),
                        });
                    }
                }
            }
            ParsedExtension::PolicyConstraints(constraints)
                if constraints.require_explicit_policy.is_none()
                    && constraints.inhibit_policy_mapping.is_none() =>
            {
                return Err(Error::PolicyConstraintsEmpty);
            }
            _ => {}
        }
    }
    Ok(())
}

/// `GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0,
/// maximum [1] BaseDistance OPTIONAL }` (RFC 5280 §4.2.1.10), `minimum` kept optional
/// so that an encoded default is seen.
#[derive(Sequence)]
struct GeneralSubtree<'a> {
    base: AnyRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    minimum: Option<u64>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    maximum: Option<u64>,
}

/// `NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
/// excludedSubtrees [1] GeneralSubtrees OPTIONAL }`, `GeneralSubtrees ::= SEQUENCE
/// SIZE (1..MAX) OF GeneralSubtree` (RFC 5280 §4.2.1.10).
#[derive(Sequence)]
struct NameConstraints<'a> {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    permitted_subtrees: Option<Vec<GeneralSubtree<'a>>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    excluded_subtrees: Option<Vec<GeneralSubtree<'a>>>,
}

/// Most subtrees one nameConstraints extension may list; the path keeps its own,
/// lower, bound across all certificates (`path::name_constraints`). This one only
/// stops a hostile extension from being decoded into an unbounded list twice.
const MAX_SUBTREES_DECODED: usize = 4096;

/// The subtree bases of a nameConstraints extension, each as the DER of its
/// GeneralName, decoded with `der` (so `minimum` and `maximum` are seen) and checked by
/// [`name_constraint_bases`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NameConstraintBases {
    /// permittedSubtrees, in extension order (empty when absent).
    pub(crate) permitted: Vec<Vec<u8>>,
    /// excludedSubtrees, in extension order (empty when absent).
    pub(crate) excluded: Vec<Vec<u8>>,
}

/// The rules on nameConstraints (RFC 5280 §4.2.1.10), when the certificate has one:
/// at least one of the subtree lists, neither empty, every `minimum` absent (it MUST be
/// zero, and DER leaves a default out) and every `maximum` absent, and every base of
/// a form with a defined syntax well formed: a dNSName a host name without wildcard or
/// leading period (or empty: every host), an rfc822Name a mailbox, host or `.domain`,
/// a uniformResourceIdentifier a host or `.domain`, an iPAddress an address and
/// contiguous mask of 8 or 32 bytes.
pub(crate) fn check_name_constraints(extensions: &[X509Extension<'_>]) -> Result<(), Error> {
    name_constraint_bases(extensions).map(|_| ())
}

/// Decodes and checks the certificate's nameConstraints as [`check_name_constraints`]
/// says; `Ok(None)` when it has none.
pub(crate) fn name_constraint_bases(
    extensions: &[X509Extension<'_>],
) -> Result<Option<NameConstraintBases>, Error> {
    let Some(extension) = extensions
        .iter()
        .find(|e| crate::oid::is(&e.oid, NAME_CONSTRAINTS))
    else {
        return Ok(None);
    };
    let malformed = |reason: String| Error::ExtensionMalformed {
        oid: NAME_CONSTRAINTS.into(),
        reason,
    };
    let constraints = <NameConstraints as Decode>::from_der(extension.value)
        .map_err(|e| malformed(e.to_string()))?;
    let lists = [
        ("permittedSubtrees", constraints.permitted_subtrees),
        ("excludedSubtrees", constraints.excluded_subtrees),
    ];
    if lists.iter().all(|(_, list)| list.is_none()) {
        return Err(Error::NameConstraintsEmpty);
    }
    let mut bases = NameConstraintBases::default();
    for (field, list) in &lists {
        let Some(subtrees) = list else { continue };
        if subtrees.is_empty() {
            return Err(Error::NameConstraintSubtreesEmpty { field });
        }
        if subtrees.len() > MAX_SUBTREES_DECODED {
            return Err(Error::BudgetExceeded {
                what: "nameConstraints subtrees in one certificate",
                limit: MAX_SUBTREES_DECODED,
            });
        }
        let out = if *field == "permittedSubtrees" {
            &mut bases.permitted
        } else {
            &mut bases.excluded
        };
        for subtree in subtrees {
            match subtree.minimum {
                None => {}
                Some(0) => {
                    return Err(malformed(
                        "a GeneralSubtree encodes minimum 0, its DEFAULT (X.690 §11.5)".into(),
                    ))
                }
                Some(minimum) => return Err(Error::NameConstraintMinimumNotZero { minimum }),
            }
            if let Some(maximum) = subtree.maximum {
                return Err(Error::NameConstraintMaximumPresent { maximum });
            }
            let base = subtree
                .base
                .to_der()
                .map_err(|e| malformed(e.to_string()))?;
            check_constraint_base(&base)?;
            out.push(base);
        }
    }
    Ok(Some(bases))
}

/// Decodes one subtree base and checks its value syntax.
fn check_constraint_base(base: &[u8]) -> Result<(), Error> {
    check_directory_name_rdns("nameConstraints directoryName", base)?;
    match GeneralName::from_der(base) {
        Ok((&[], name)) => check_constraint_name(&name),
        _ => Err(Error::ExtensionMalformed {
            oid: NAME_CONSTRAINTS.into(),
            reason: format!(
                "a subtree base does not decode as a GeneralName: {}",
                hex(base)
            ),
        }),
    }
}

/// Checks the value syntax of one subtree base (RFC 5280 §4.2.1.10), as
/// [`check_name_constraints`] describes: [`Error::NameConstraintValueMalformed`].
pub(crate) fn check_constraint_name(name: &GeneralName<'_>) -> Result<(), Error> {
    let refused = |form: &'static str, value: &str, reason: &'static str| {
        Err(Error::NameConstraintValueMalformed {
            form,
            value: shown(value),
            reason,
        })
    };
    match *name {
        GeneralName::DNSName(text) => {
            if text.starts_with('.') {
                return refused(
                    "dNSName",
                    text,
                    "a leading period is not a dNSName constraint form",
                );
            }
            if !text.is_empty() {
                if let Err(reason) = check_host_name(text, Wildcard::Refused) {
                    return refused("dNSName", text, reason);
                }
            }
        }
        GeneralName::RFC822Name(text) => {
            let outcome = if text.contains('@') || text.starts_with('"') {
                parse_mailbox(text).map(|_| ())
            } else {
                check_domain(text)
            };
            if let Err(reason) = outcome {
                return refused("rfc822Name", text, reason);
            }
        }
        GeneralName::URI(text) => {
            if let Err(reason) = check_domain(text) {
                return refused("uniformResourceIdentifier", text, reason);
            }
        }
        GeneralName::IPAddress(bytes) if !valid_ip_constraint(bytes) => {
            return refused(
                "iPAddress",
                &hex(bytes),
                "it is not an address and contiguous mask of 8 or 32 bytes",
            );
        }
        GeneralName::Invalid(tag, _) => {
            return Err(Error::ExtensionMalformed {
                oid: NAME_CONSTRAINTS.into(),
                reason: format!("a subtree base with tag [{}] does not decode", tag.0),
            })
        }
        _ => {}
    }
    Ok(())
}

/// A host or `.domain` constraint (rfc822Name without `@`, uniformResourceIdentifier),
/// or empty: every host.
fn check_domain(text: &str) -> Result<(), &'static str> {
    let host = text.strip_prefix('.').unwrap_or(text);
    if text.is_empty() {
        return Ok(());
    }
    check_host_name(host, Wildcard::Refused)
}
