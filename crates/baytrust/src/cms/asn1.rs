//! The ASN.1 of CMS SignedData (RFC 5652) as `der` decoders that borrow the input and
//! accept BER (indefinite lengths, constructed OCTET STRINGs in pieces) where RFC 5652
//! allows it. The public, owned types in `signed_data.rs` and `signer_info.rs` are made
//! from these; nothing here is re-encoded except header bytes that DER fixes uniquely.

use der::asn1::{AnyRef, ContextSpecific, ObjectIdentifier, OctetString};
use der::{
    Decode, DecodeValue, Encode, FixedTag, Header, Reader, Sequence, Tag, TagMode, TagNumber,
    Tagged,
};

use super::signed_data::{MAX_CERTIFICATES, MAX_REVOCATION_INFO_CHOICES, MAX_SIGNERS};

/// `AlgorithmIdentifier` (RFC 5280 §4.1.1.2), used for digest and signature algorithms:
///
/// ```text
/// AlgorithmIdentifier ::= SEQUENCE {
///     algorithm   OBJECT IDENTIFIER,
///     parameters  ANY DEFINED BY algorithm OPTIONAL }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Sequence)]
pub(super) struct AlgorithmIdentifier<'a> {
    /// The algorithm.
    pub algorithm: ObjectIdentifier,
    /// Its parameters, if any.
    pub parameters: Option<AnyRef<'a>>,
}

/// `SET OF T` read element by element, in the order received (never sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SetOf<T>(pub Vec<T>);

impl<'a, T: Decode<'a>> DecodeValue<'a> for SetOf<T> {
    type Error = T::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> Result<Self, T::Error> {
        let mut elements = Vec::new();
        while !reader.is_finished() {
            elements.push(T::decode(reader)?);
        }
        Ok(Self(elements))
    }
}

impl<T> FixedTag for SetOf<T> {
    const TAG: Tag = Tag::Set;
}

/// `ContentInfo` (RFC 5652 §3), read only as far as its content type unless that is
/// SignedData:
///
/// ```text
/// ContentInfo ::= SEQUENCE {
///     contentType ContentType,
///     content [0] EXPLICIT ANY DEFINED BY contentType }
/// ```
pub(super) struct ContentInfo<'a> {
    /// `contentType` as received (GM/T 0010 synonyms not yet normalised).
    pub content_type: ObjectIdentifier,
    /// The SignedData, when `is_signed_data` said the content type is one.
    pub signed_data: Option<SignedDataFields<'a>>,
}

impl<'a> ContentInfo<'a> {
    /// Reads a ContentInfo; `is_signed_data` decides from the content type whether the
    /// content is decoded as SignedData or skipped.
    pub fn decode<R: Reader<'a>>(
        reader: &mut R,
        is_signed_data: impl Fn(&ObjectIdentifier) -> bool,
    ) -> der::Result<Self> {
        reader.sequence(|r| {
            let content_type: ObjectIdentifier = r.decode()?;
            if !is_signed_data(&content_type) {
                // Skip the content, whatever it is.
                while !r.is_finished() {
                    AnyRef::decode(r)?;
                }
                return Ok(Self {
                    content_type,
                    signed_data: None,
                });
            }
            let Some(signed_data) =
                ContextSpecific::<SignedDataFields<'a>>::decode_explicit(r, TagNumber(0))?
            else {
                return Err(match Tag::peek(r) {
                    Ok(actual) => r.error(der::ErrorKind::TagUnexpected {
                        expected: Some(Tag::ContextSpecific {
                            constructed: true,
                            number: TagNumber(0),
                        }),
                        actual,
                    }),
                    Err(e) => e,
                });
            };
            Ok(Self {
                content_type,
                signed_data: Some(signed_data.value),
            })
        })
    }
}

/// The fields of a `SignedData` (RFC 5652 §5.1), as read:
///
/// ```text
/// SignedData ::= SEQUENCE {
///     version CMSVersion,
///     digestAlgorithms DigestAlgorithmIdentifiers,
///     encapContentInfo EncapsulatedContentInfo,
///     certificates [0] IMPLICIT CertificateSet OPTIONAL,
///     crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///     signerInfos SignerInfos }
/// ```
pub(super) struct SignedDataFields<'a> {
    /// The OIDs of `digestAlgorithms`, in the order received.
    pub digest_algorithms: Vec<ObjectIdentifier>,
    /// `encapContentInfo`.
    pub encap_content_info: EncapsulatedContentInfo,
    /// The DER of each `certificate` choice of `certificates`, among the first
    /// [`MAX_CERTIFICATES`] entries; other choices dropped.
    pub certificates: Vec<Vec<u8>>,
    /// How many entries `certificates` has, of every choice (those past the cap are
    /// skipped unread).
    pub certificate_count: usize,
    /// The DER of each `RevocationInfoChoice` of `crls`, among the first
    /// [`MAX_REVOCATION_INFO_CHOICES`] (the rest skipped unread).
    pub crls: Vec<Vec<u8>>,
    /// The first [`MAX_SIGNERS`] `signerInfos`, in the order received.
    pub signer_infos: Vec<SignerInfo<'a>>,
    /// How many `signerInfos` there are (those past the cap are skipped unread).
    pub signer_count: usize,
}

impl<'a> DecodeValue<'a> for SignedDataFields<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let _version: u8 = reader.decode()?;
        let digest_algorithms: SetOf<AlgorithmIdentifier<'a>> = reader.decode()?;
        let encap_content_info: EncapsulatedContentInfo = reader.decode()?;
        let (certificates, certificate_count) = reader
            .context_specific::<CertificateSet>(TagNumber(0), TagMode::Implicit)?
            .map(|set| (set.certificates, set.count))
            .unwrap_or_default();
        let crls = reader
            .context_specific::<RevocationInfoChoices>(TagNumber(1), TagMode::Implicit)?
            .map(|set| set.choices)
            .unwrap_or_default();
        let signer_infos: SignerInfos<'a> = reader.decode()?;
        Ok(Self {
            digest_algorithms: digest_algorithms
                .0
                .into_iter()
                .map(|algorithm| algorithm.algorithm)
                .collect(),
            encap_content_info,
            certificates,
            certificate_count,
            crls,
            signer_infos: signer_infos.signers,
            signer_count: signer_infos.count,
        })
    }
}

/// `RevocationInfoChoices ::= SET OF RevocationInfoChoice` (RFC 5652 §10.2.1), each
/// choice kept as its DER TLV (a `crl` SEQUENCE or `other [1]`), read by
/// [`RevocationSources::add_revocation_info_choice`](crate::revocation::RevocationSources::add_revocation_info_choice).
struct RevocationInfoChoices {
    choices: Vec<Vec<u8>>,
}

impl<'a> DecodeValue<'a> for RevocationInfoChoices {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let mut choices = Vec::new();
        while !reader.is_finished() {
            let choice = AnyRef::decode(reader)?;
            if choices.len() < MAX_REVOCATION_INFO_CHOICES {
                choices.push(choice.to_der()?);
            }
        }
        Ok(Self { choices })
    }
}

impl FixedTag for RevocationInfoChoices {
    const TAG: Tag = Tag::Set;
}

/// `SignerInfos ::= SET OF SignerInfo` (RFC 5652 §5.1), of which the first
/// [`MAX_SIGNERS`] are decoded and the rest only counted.
struct SignerInfos<'a> {
    signers: Vec<SignerInfo<'a>>,
    count: usize,
}

impl<'a> DecodeValue<'a> for SignerInfos<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let mut signers = Vec::new();
        let mut count = 0;
        while !reader.is_finished() {
            if count < MAX_SIGNERS {
                signers.push(SignerInfo::decode(reader)?);
            } else {
                AnyRef::decode(reader)?;
            }
            // Each entry consumes input, so the count stays below its length.
            count = count.saturating_add(1);
        }
        Ok(Self { signers, count })
    }
}

impl FixedTag for SignerInfos<'_> {
    const TAG: Tag = Tag::Set;
}

impl FixedTag for SignedDataFields<'_> {
    const TAG: Tag = Tag::Sequence;
}

/// `EncapsulatedContentInfo` (RFC 5652 §5.2); a BER constructed `eContent` arrives here
/// with its pieces already joined:
///
/// ```text
/// EncapsulatedContentInfo ::= SEQUENCE {
///     eContentType ContentType,
///     eContent [0] EXPLICIT OCTET STRING OPTIONAL }
/// ```
pub(super) struct EncapsulatedContentInfo {
    /// `eContentType` as received.
    pub e_content_type: ObjectIdentifier,
    /// `eContent`; absent for a detached signature.
    pub e_content: Option<OctetString>,
}

impl<'a> DecodeValue<'a> for EncapsulatedContentInfo {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let e_content_type = reader.decode()?;
        let e_content = reader.context_specific::<OctetString>(TagNumber(0), TagMode::Explicit)?;
        Ok(Self {
            e_content_type,
            e_content,
        })
    }
}

impl FixedTag for EncapsulatedContentInfo {
    const TAG: Tag = Tag::Sequence;
}

/// `CertificateSet` (RFC 5652 §10.2.3), keeping only the X.509 `certificate` choice:
///
/// ```text
/// CertificateSet ::= SET OF CertificateChoices
/// CertificateChoices ::= CHOICE {
///     certificate Certificate,
///     extendedCertificate [0] IMPLICIT ExtendedCertificate,  -- Obsolete
///     v1AttrCert [1] IMPLICIT AttributeCertificateV1,        -- Obsolete
///     v2AttrCert [2] IMPLICIT AttributeCertificateV2,
///     other [3] IMPLICIT OtherCertificateFormat }
/// ```
///
/// A certificate is DER (it is signed), so its bytes are its header — which DER fixes
/// uniquely and `der` checks is minimal even when reading BER — and its value as received.
struct CertificateSet {
    certificates: Vec<Vec<u8>>,
    count: usize,
}

impl<'a> DecodeValue<'a> for CertificateSet {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let mut certificates = Vec::new();
        let mut count = 0;
        while !reader.is_finished() {
            let choice = AnyRef::decode(reader)?;
            if count < MAX_CERTIFICATES && choice.tag() == Tag::Sequence {
                certificates.push(choice.to_der()?);
            }
            count = count.saturating_add(1);
        }
        Ok(Self {
            certificates,
            count,
        })
    }
}

impl FixedTag for CertificateSet {
    const TAG: Tag = Tag::Set;
}

/// `SignerInfo` (RFC 5652 §5.3):
///
/// ```text
/// SignerInfo ::= SEQUENCE {
///     version CMSVersion,
///     sid SignerIdentifier,
///     digestAlgorithm DigestAlgorithmIdentifier,
///     signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///     signatureAlgorithm SignatureAlgorithmIdentifier,
///     signature SignatureValue,
///     unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
pub(super) struct SignerInfo<'a> {
    /// `version`.
    pub version: u8,
    /// `sid`.
    pub sid: SignerIdentifier,
    /// `digestAlgorithm`.
    pub digest_algorithm: AlgorithmIdentifier<'a>,
    /// The value octets of `signedAttrs` exactly as received (without the `[0]` header).
    pub signed_attrs_value: Option<&'a [u8]>,
    /// `signatureAlgorithm`.
    pub signature_algorithm: AlgorithmIdentifier<'a>,
    /// `signature`.
    pub signature: OctetString,
}

impl<'a> DecodeValue<'a> for SignerInfo<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let version: u8 = reader.decode()?;
        let sid = SignerIdentifier::decode(reader)?;
        let digest_algorithm = reader.decode()?;
        let signed_attrs_value = if is_context_tag(reader, 0) {
            // Kept as the received value octets: the signature covers them (RFC 5652 §5.4).
            Some(AnyRef::decode(reader)?.value())
        } else {
            None
        };
        let signature_algorithm = reader.decode()?;
        let signature = reader.decode()?;
        if is_context_tag(reader, 1) {
            // unsignedAttrs: not used by these checks.
            AnyRef::decode(reader)?;
        }
        Ok(Self {
            version,
            sid,
            digest_algorithm,
            signed_attrs_value,
            signature_algorithm,
            signature,
        })
    }
}

impl FixedTag for SignerInfo<'_> {
    const TAG: Tag = Tag::Sequence;
}

/// Whether the next element carries the context-specific tag `[number]`.
fn is_context_tag<'a, R: Reader<'a>>(reader: &R, number: u32) -> bool {
    !reader.is_finished()
        && matches!(
            Tag::peek(reader),
            Ok(Tag::ContextSpecific { number: n, .. }) if n == TagNumber(number)
        )
}

/// `SignerIdentifier` (RFC 5652 §5.3):
///
/// ```text
/// SignerIdentifier ::= CHOICE {
///     issuerAndSerialNumber IssuerAndSerialNumber,
///     subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// IssuerAndSerialNumber ::= SEQUENCE {
///     issuer Name,
///     serialNumber CertificateSerialNumber }
/// ```
pub(super) enum SignerIdentifier {
    /// The issuer's `Name` as DER and the serial number's content octets.
    IssuerAndSerialNumber {
        /// DER of the issuer `Name`.
        issuer: Vec<u8>,
        /// Content octets of the serial number INTEGER.
        serial: Vec<u8>,
    },
    /// The subjectKeyIdentifier octets.
    SubjectKeyIdentifier(Vec<u8>),
}

impl<'a> SignerIdentifier {
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        if is_context_tag(reader, 0) {
            let ski = reader
                .context_specific::<OctetString>(TagNumber(0), TagMode::Implicit)?
                .map(|ski| ski.as_bytes().to_vec())
                .unwrap_or_default();
            return Ok(Self::SubjectKeyIdentifier(ski));
        }
        reader.sequence(|r| {
            let issuer = AnyRef::decode(r)?;
            issuer.tag().assert_eq(Tag::Sequence)?;
            let serial = AnyRef::decode(r)?;
            serial.tag().assert_eq(Tag::Integer)?;
            Ok(Self::IssuerAndSerialNumber {
                issuer: issuer.to_der()?,
                serial: serial.value().to_vec(),
            })
        })
    }
}

/// `Attribute` (RFC 5652 §5.3), of the signed attributes:
///
/// ```text
/// Attribute ::= SEQUENCE {
///     attrType OBJECT IDENTIFIER,
///     attrValues SET OF AttributeValue }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Attribute<'a> {
    /// `attrType`.
    pub attr_type: ObjectIdentifier,
    /// `attrValues`, in the order received.
    pub attr_values: Vec<AnyRef<'a>>,
}

impl<'a> DecodeValue<'a> for Attribute<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let attr_type = reader.decode()?;
        let values: SetOf<AnyRef<'a>> = reader.decode()?;
        Ok(Self {
            attr_type,
            attr_values: values.0,
        })
    }
}

impl FixedTag for Attribute<'_> {
    const TAG: Tag = Tag::Sequence;
}

/// `ESSCertIDv2` (RFC 5035 §4) and `ESSCertID` (RFC 2634 §5.4.1), told apart by the
/// caller:
///
/// ```text
/// SigningCertificateV2 ::= SEQUENCE {
///     certs SEQUENCE OF ESSCertIDv2,
///     policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE {
///     hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certHash Hash,
///     issuerSerial IssuerSerial OPTIONAL }
/// SigningCertificate ::= SEQUENCE {
///     certs SEQUENCE OF ESSCertID,
///     policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertID ::= SEQUENCE {
///     certHash Hash,              -- SHA-1
///     issuerSerial IssuerSerial OPTIONAL }
/// Hash ::= OCTET STRING
/// ```
pub(super) struct EssCertId<'a> {
    /// `hashAlgorithm` when present (only ever in an ESSCertIDv2).
    pub hash_algorithm: Option<AlgorithmIdentifier<'a>>,
    /// `certHash`.
    pub cert_hash: &'a [u8],
    /// `issuerSerial`.
    pub issuer_serial: Option<IssuerSerial>,
}

impl<'a> EssCertId<'a> {
    /// Reads the first `ESSCertID(v2)` of a `SigningCertificate(V2)` value: the one that
    /// names the signer's certificate (RFC 5035 §5.4).
    pub fn first_of_signing_certificate(value: AnyRef<'a>) -> der::Result<Option<Self>> {
        value.sequence(|r| {
            let first = r.sequence(|certs| {
                let first = if certs.is_finished() {
                    None
                } else {
                    Some(certs.sequence(Self::decode_fields)?)
                };
                while !certs.is_finished() {
                    AnyRef::decode(certs)?;
                }
                Ok::<_, der::Error>(first)
            })?;
            if !r.is_finished() {
                // policies
                AnyRef::decode(r)?;
            }
            Ok(first)
        })
    }

    fn decode_fields<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let hash_algorithm = if Tag::peek(reader)? == Tag::Sequence {
            Some(reader.decode()?)
        } else {
            None
        };
        let cert_hash = AnyRef::decode(reader)?;
        cert_hash.tag().assert_eq(Tag::OctetString)?;
        let issuer_serial = if reader.is_finished() {
            None
        } else {
            Some(reader.sequence(IssuerSerial::decode_fields)?)
        };
        Ok(Self {
            hash_algorithm,
            cert_hash: cert_hash.value(),
            issuer_serial,
        })
    }
}

/// `IssuerSerial` (RFC 5035 §4):
///
/// ```text
/// IssuerSerial ::= SEQUENCE {
///     issuer GeneralNames,
///     serialNumber CertificateSerialNumber }
/// GeneralName ::= CHOICE { …, directoryName [4] Name, … }
/// ```
pub(super) struct IssuerSerial {
    /// The DER `Name` of each `directoryName` among `issuer`; other forms dropped.
    pub directory_names: Vec<Vec<u8>>,
    /// Content octets of `serialNumber`.
    pub serial: Vec<u8>,
}

impl IssuerSerial {
    fn decode_fields<'a, R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let directory_names = reader.sequence(|names| {
            let mut directory_names = Vec::new();
            while !names.is_finished() {
                let name = AnyRef::decode(names)?;
                if name.tag()
                    == (Tag::ContextSpecific {
                        constructed: true,
                        number: TagNumber(4),
                    })
                {
                    // [4] is EXPLICIT (GeneralName is a CHOICE): the value is the Name.
                    directory_names.push(name.value().to_vec());
                }
            }
            Ok::<_, der::Error>(directory_names)
        })?;
        let serial = AnyRef::decode(reader)?;
        serial.tag().assert_eq(Tag::Integer)?;
        let serial = serial.value().to_vec();
        while !reader.is_finished() {
            AnyRef::decode(reader)?;
        }
        Ok(Self {
            directory_names,
            serial,
        })
    }
}
