//! `SignedData` (RFC 5652 §5): reading a `ContentInfo` that holds one, from DER, BER
//! (as `openssl cms -sign -stream` writes) or PEM, with the GM/T 0010 content-type OIDs
//! accepted as synonyms of the PKCS #7 ones.

use der::{EncodingRules, Reader, SliceReader};

use super::asn1;
use super::signer_info::SignerInfo;
use super::DigestAlgorithm;
use crate::cert::CertificateDer;
use crate::oid::{
    GMT_DATA, GMT_SIGNED_AND_ENVELOPED_DATA, GMT_SIGNED_DATA, ID_DATA,
    ID_SIGNED_AND_ENVELOPED_DATA, ID_SIGNED_DATA,
};
use crate::Error;

/// The most `RevocationInfoChoice`s (CRLs, OCSP responses) of one SignedData's `crls`
/// field kept (RFC 5652 §10.2.1); more are skipped unread.
pub const MAX_REVOCATION_INFO_CHOICES: usize = 64;

/// Most `signerInfos` one SignedData may have: [`Error::TooManySigners`] beyond.
/// RFC 5652 sets no limit; a co-signed contract has a handful of signers, and 64 keeps
/// the per-signer work of one verification (a signature check each, one shared path
/// budget) small whatever the input.
pub const MAX_SIGNERS: usize = 64;

/// Most entries the `certificates` field may have: [`Error::TooManyCertificates`]
/// beyond. RFC 5652 sets no limit; a signature carries its signers' paths (a few
/// certificates each), and 1,000 keeps indexing and path building over them cheap.
pub const MAX_CERTIFICATES: usize = 1_000;

/// PEM labels of a CMS structure: `CMS` (RFC 7468 §9) and the older `PKCS7`.
const PEM_LABELS: [&str; 2] = [CMS_LABEL, "PKCS7"];
/// The label a wrong-label error names.
const CMS_LABEL: &str = "CMS";

/// Maps the GM/T 0010 content-type OIDs to their PKCS #7 equivalents; other OIDs are
/// returned unchanged.
pub(super) fn normalise_content_type(dotted: String) -> String {
    match dotted.as_str() {
        GMT_DATA => ID_DATA.to_owned(),
        GMT_SIGNED_DATA => ID_SIGNED_DATA.to_owned(),
        _ => dotted,
    }
}

/// A CMS SignedData, read and owned. Nothing is verified yet: see
/// [`check_signer`](super::check_signer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsSignedData {
    digest_algorithm_oids: Vec<String>,
    encapsulated_content_type: String,
    encapsulated_content_type_received: String,
    encapsulated_content: Option<Vec<u8>>,
    certificates: Vec<CertificateDer>,
    revocation_info_choices: Vec<Vec<u8>>,
    signers: Vec<SignerInfo>,
}

impl CmsSignedData {
    /// Reads a `ContentInfo` holding a SignedData (RFC 5652 §3, §5.1).
    ///
    /// The input is DER or BER — indefinite lengths and constructed OCTET STRINGs in
    /// definite-length pieces, as `openssl cms -sign -stream` writes — or one PEM block
    /// labelled `CMS` or `PKCS7` (text around the block is allowed). The content types
    /// `1.2.156.10197.6.1.4.2.2` and `…2.1` of GM/T 0010 are read as `id-signedData`
    /// and `id-data`.
    ///
    /// Errors: [`Error::EmptyInput`]; [`Error::UnrecognisedEncoding`] for input that is
    /// neither BER (starting with a SEQUENCE tag) nor PEM (S/MIME is not read);
    /// [`Error::PemWrongLabel`], [`Error::PemMalformed`] for PEM problems;
    /// [`Error::CmsMalformed`] when the bytes are not a well-formed ContentInfo and
    /// SignedData (truncated, wrong tags, trailing bytes);
    /// [`Error::CmsSignedAndEnvelopedData`] for PKCS #7 or GM/T 0010 signed-and-enveloped
    /// data, [`Error::CmsNotSignedData`] for a ContentInfo of another content type;
    /// [`Error::TooManyCertificates`] beyond [`MAX_CERTIFICATES`] entries in
    /// `certificates` and then [`Error::TooManySigners`] beyond [`MAX_SIGNERS`]
    /// `signerInfos` (checked in that order, the order of the fields). A SignedData
    /// without signers (a certificate bag) is read.
    pub fn parse(input: &[u8]) -> Result<Self, Error> {
        if input.is_empty() {
            return Err(Error::EmptyInput);
        }
        if input.first() == Some(&0x30) {
            return Self::parse_ber(input);
        }
        // The first block only: anything after its END line is ignored.
        match crate::pem::first_block(input)? {
            Some((block, _)) => {
                Self::parse_ber(&crate::pem::decode_block(block, &PEM_LABELS, CMS_LABEL)?)
            }
            None => Err(crate::pem::empty_or_unrecognised(input)),
        }
    }

    fn parse_ber(ber: &[u8]) -> Result<Self, Error> {
        let malformed = |e: der::Error| Error::CmsMalformed {
            reason: e.to_string(),
        };
        let mut reader =
            SliceReader::new_with_encoding_rules(ber, EncodingRules::Ber).map_err(malformed)?;
        let content_info = asn1::ContentInfo::decode(&mut reader, |content_type| {
            normalise_content_type(content_type.to_string()) == ID_SIGNED_DATA
        })
        .map_err(malformed)?;
        reader.finish().map_err(malformed)?;
        let Some(signed_data) = content_info.signed_data else {
            let content_type = content_info.content_type.to_string();
            return Err(match content_type.as_str() {
                ID_SIGNED_AND_ENVELOPED_DATA | GMT_SIGNED_AND_ENVELOPED_DATA => {
                    Error::CmsSignedAndEnvelopedData { content_type }
                }
                _ => Error::CmsNotSignedData { content_type },
            });
        };
        if signed_data.certificate_count > MAX_CERTIFICATES {
            return Err(Error::TooManyCertificates {
                count: signed_data.certificate_count,
                max: MAX_CERTIFICATES,
            });
        }
        if signed_data.signer_count > MAX_SIGNERS {
            return Err(Error::TooManySigners {
                count: signed_data.signer_count,
                max: MAX_SIGNERS,
            });
        }
        let mut digest_algorithm_oids: Vec<String> = signed_data
            .digest_algorithms
            .iter()
            .map(ToString::to_string)
            .collect();
        digest_algorithm_oids.sort();
        digest_algorithm_oids.dedup();
        let encap = signed_data.encap_content_info;
        let received = encap.e_content_type.to_string();
        Ok(Self {
            digest_algorithm_oids,
            encapsulated_content_type: normalise_content_type(received.clone()),
            encapsulated_content_type_received: received,
            encapsulated_content: encap.e_content.map(|content| content.as_bytes().to_vec()),
            certificates: signed_data
                .certificates
                .into_iter()
                .map(CertificateDer::from_vec)
                .collect(),
            revocation_info_choices: signed_data.crls,
            signers: signed_data
                .signer_infos
                .into_iter()
                .map(SignerInfo::from_asn1)
                .collect::<Result<_, _>>()?,
        })
    }

    /// The dotted OID of `eContentType`, GM/T 0010 `data` normalised to `id-data`
    /// (`1.2.840.113549.1.7.1`).
    pub fn encapsulated_content_type(&self) -> &str {
        &self.encapsulated_content_type
    }

    /// The dotted OID of `eContentType` exactly as received (a GM/T 0010 OID stays one):
    /// what messages show.
    pub fn encapsulated_content_type_received(&self) -> &str {
        &self.encapsulated_content_type_received
    }

    /// The dotted OIDs of `digestAlgorithms`, sorted, each once: the algorithms the
    /// SignedData says its signers use (RFC 5652 §5.1).
    pub fn listed_digest_algorithms(&self) -> &[String] {
        &self.digest_algorithm_oids
    }

    /// The encapsulated content (BER pieces joined), or `None` for a detached signature,
    /// whose content the caller supplies.
    pub fn encapsulated_content(&self) -> Option<&[u8]> {
        self.encapsulated_content.as_deref()
    }

    /// The X.509 certificates of the `certificates` field, as DER, in the order received.
    /// Other certificate choices (attribute certificates, …) are left out; none is parsed
    /// yet.
    pub fn certificates(&self) -> &[CertificateDer] {
        &self.certificates
    }

    /// The `RevocationInfoChoice`s of the `crls` field (RFC 5652 §10.2.1) as DER TLVs,
    /// in the order received, at most
    /// [`MAX_REVOCATION_INFO_CHOICES`](super::MAX_REVOCATION_INFO_CHOICES): CRLs and
    /// `other [1]` choices (RFC 5940 OCSP responses), for
    /// [`RevocationSources::add_revocation_info_choice`](crate::revocation::RevocationSources::add_revocation_info_choice).
    pub fn revocation_info_choices(&self) -> &[Vec<u8>] {
        &self.revocation_info_choices
    }

    /// The signers, in the order received.
    pub fn signers(&self) -> &[SignerInfo] {
        &self.signers
    }

    /// The digest algorithms the signers use, each once, for
    /// [`ContentDigests::new`](super::ContentDigests::new); refused and unknown ones are
    /// skipped (those signers fail their check with a crypto-constraints failure).
    pub fn digest_algorithms(&self) -> Vec<DigestAlgorithm> {
        let mut algorithms: Vec<DigestAlgorithm> = self
            .signers
            .iter()
            .filter_map(|signer| signer.digest_algorithm().ok())
            .collect();
        algorithms.sort();
        algorithms.dedup();
        algorithms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmt_content_types_normalise_to_pkcs7() {
        assert_eq!(normalise_content_type(GMT_DATA.into()), ID_DATA);
        assert_eq!(
            normalise_content_type(GMT_SIGNED_DATA.into()),
            ID_SIGNED_DATA
        );
        assert_eq!(
            normalise_content_type("1.2.840.113549.1.7.3".into()),
            "1.2.840.113549.1.7.3"
        );
    }

    #[test]
    fn pem_with_another_label_is_refused() {
        let pem = b"-----BEGIN PRIVATE KEY-----\nBQA=\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            CmsSignedData::parse(pem),
            Err(Error::PemWrongLabel {
                found: "PRIVATE KEY".into(),
                expected: "CMS"
            })
        );
    }

    #[test]
    fn pem_cms_block_of_a_non_cms_body_is_malformed_cms() {
        // NULL, labelled CMS.
        let pem = b"-----BEGIN CMS-----\nBQA=\n-----END CMS-----\n";
        assert!(matches!(
            CmsSignedData::parse(pem),
            Err(Error::CmsMalformed { .. })
        ));
    }
}
