//! `SignatureInfo`: the public, owned description of a CMS SignedData — its content,
//! each signer's identifier, algorithms and signed attributes, and the certificates it
//! carries — for tools that show a signature without judging it (verification is
//! [`Verifier::verify_cms`](crate::Verifier::verify_cms)).

use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, X509Name};

use super::{CmsSignedData, SignerIdentifier, SignerInfo};
use crate::algorithm::signature_algorithm_name;
use crate::cert::{name_to_string, CertificateDer};
use crate::{Error, Time};

/// A CMS SignedData, described ([`SignatureInfo::parse`]); nothing in it is verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureInfo {
    /// The encapsulated content type, dotted (GM/T synonyms normalised).
    pub content_type: String,
    /// The encapsulated content; `None` for a detached signature.
    pub content: Option<Vec<u8>>,
    /// Each signer, in SignerInfo order.
    pub signers: Vec<SignerDescription>,
    /// The certificates the signature carries, in order.
    pub certificates: Vec<CertificateDer>,
}

/// One SignerInfo, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerDescription {
    /// `issuer=<name>, serial=<HEX>` or `subjectKeyIdentifier=<hex>`.
    pub signer_id: String,
    /// The digest algorithm's name, or its dotted OID when baytrust does not know it.
    pub digest_algorithm: String,
    /// The signature algorithm's name, or its dotted OID.
    pub signature_algorithm: String,
    /// Whether signed attributes are present.
    pub signed_attributes: bool,
    /// The contentType attribute, dotted.
    pub content_type_attribute: Option<String>,
    /// The messageDigest attribute.
    pub message_digest: Option<Vec<u8>>,
    /// The signingTime attribute (a claim, not a proof).
    pub claimed_signing_time: Option<Time>,
    /// The certHash of signingCertificateV2.
    pub signing_certificate_v2: Option<Vec<u8>>,
    /// The signed-attribute rules the signer breaks (`verify_cms` reports
    /// FORMAT_FAILURE for them).
    pub attribute_rule_violations: Vec<String>,
}

impl SignatureInfo {
    /// Reads a CMS SignedData (DER, BER or PEM) under the same rules and caps as
    /// [`Verifier::verify_cms`](crate::Verifier::verify_cms): its "not a signature"
    /// errors ([`Error::UnrecognisedEncoding`], [`Error::CmsMalformed`],
    /// [`Error::CmsNotSignedData`], [`Error::TooManySigners`], …).
    pub fn parse(signature: &[u8]) -> Result<Self, Error> {
        let signed_data = CmsSignedData::parse(signature)?;
        Ok(Self {
            content_type: signed_data.encapsulated_content_type().to_owned(),
            content: signed_data.encapsulated_content().map(<[u8]>::to_vec),
            signers: signed_data.signers().iter().map(describe_signer).collect(),
            certificates: signed_data.certificates().to_vec(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn describe_signer_id(id: &SignerIdentifier) -> String {
    match id {
        SignerIdentifier::IssuerAndSerial { issuer_der, serial } => {
            let issuer = X509Name::from_der(issuer_der)
                .map(|(_, name)| name_to_string(&name))
                .unwrap_or_else(|_| format!("#{}", hex(issuer_der)));
            format!("issuer={issuer}, serial={}", hex(serial).to_uppercase())
        }
        SignerIdentifier::SubjectKeyIdentifier(key_id) => {
            format!("subjectKeyIdentifier={}", hex(key_id))
        }
    }
}

fn describe_signer(signer: &SignerInfo) -> SignerDescription {
    let attributes = signer.signed_attributes();
    SignerDescription {
        signer_id: describe_signer_id(signer.signer_id()),
        digest_algorithm: signer
            .digest_algorithm()
            .map(|d| d.name().to_owned())
            .unwrap_or_else(|_| signer.digest_algorithm_oid().to_owned()),
        signature_algorithm: AlgorithmIdentifier::from_der(signer.signature_algorithm_der())
            .map(|(_, algorithm)| signature_algorithm_name(&algorithm))
            .unwrap_or_else(|_| signer.signature_algorithm_oid().to_owned()),
        signed_attributes: attributes.is_some(),
        content_type_attribute: attributes.and_then(|a| a.content_type()).map(str::to_owned),
        message_digest: attributes.and_then(|a| a.message_digest()).map(<[u8]>::to_vec),
        claimed_signing_time: attributes.and_then(|a| a.signing_time()),
        signing_certificate_v2: attributes
            .and_then(|a| a.signing_certificate_v2())
            .map(|ess| ess.cert_hash.clone()),
        attribute_rule_violations: attributes
            .map(|a| a.rule_violations().to_vec())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_bundled_contract_signature() {
        let signature = include_bytes!("../../../../testdata/samples/supply-contract.txt.p7s");
        let info = SignatureInfo::parse(signature).unwrap();
        assert_eq!(info.content_type, "1.2.840.113549.1.7.1");
        assert_eq!(info.content, None);
        assert_eq!(info.signers.len(), 2);
        assert!(info.signers.iter().all(|s| s.signed_attributes));
        assert!(info.signers.iter().all(|s| s.attribute_rule_violations.is_empty()));
        assert!(!info.certificates.is_empty());
    }

    #[test]
    fn garbage_is_not_a_signature() {
        assert_eq!(
            SignatureInfo::parse(b"not a signature"),
            Err(Error::UnrecognisedEncoding)
        );
    }
}
