//! `verify-sig inspect` on a CMS signature: its content, each signer's identifier,
//! algorithms and signed attributes, and the certificates it carries. Describes only;
//! nothing is verified (that is `verify`).

use crate::terminal_text::hex;
use serde::Serialize;

use baytrust::algorithm::signature_algorithm_name;
use baytrust::cert::name_to_string;
use baytrust::cert::x509_parser::prelude::FromDer;
use baytrust::cert::x509_parser::x509::{AlgorithmIdentifier, X509Name};
use baytrust::cms::{CmsSignedData, SignerIdentifier, SignerInfo};
use baytrust::Time;

use crate::exit::Failure;
use crate::inspect::CertificateSummary;
use crate::terminal_text::escape;

/// What `inspect` reports for a CMS signature file.
#[derive(Debug, Serialize)]
pub struct SignatureInspection {
    /// The SignedData itself.
    pub signature: SignatureSummary,
    /// The certificates it carries, described as for a certificate file.
    pub certificates: Vec<CertificateSummary>,
}

/// The SignedData's content and signers.
#[derive(Debug, Serialize)]
pub struct SignatureSummary {
    /// The encapsulated content type (dotted; GM/T synonyms normalised).
    pub content_type: String,
    /// Whether the content is detached.
    pub detached: bool,
    /// The size of encapsulated content, in bytes.
    pub content_size: Option<usize>,
    /// Each signer in SignerInfo order.
    pub signers: Vec<SignerSummary>,
}

/// One SignerInfo, described.
#[derive(Debug, Serialize)]
pub struct SignerSummary {
    /// `issuer=<name>, serial=<hex>` or `subjectKeyIdentifier=<hex>`.
    pub signer_id: String,
    /// The digest algorithm (name or dotted OID).
    pub digest_algorithm: String,
    /// The signature algorithm as named in the SignerInfo.
    pub signature_algorithm: String,
    /// Whether signed attributes are present.
    pub signed_attributes: bool,
    /// The contentType attribute.
    pub content_type_attribute: Option<String>,
    /// The messageDigest attribute, lower-case hex.
    pub message_digest: Option<String>,
    /// The signingTime attribute (a claim).
    pub claimed_signing_time: Option<Time>,
    /// The certHash of signingCertificateV2, lower-case hex.
    pub signing_certificate_v2: Option<String>,
    /// Attribute rules the signer breaks (`verify` would report FORMAT_FAILURE).
    pub attribute_rule_violations: Vec<String>,
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

fn describe_signer(signer: &SignerInfo) -> SignerSummary {
    let attributes = signer.signed_attributes();
    SignerSummary {
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
        message_digest: attributes.and_then(|a| a.message_digest()).map(hex),
        claimed_signing_time: attributes.and_then(|a| a.signing_time()),
        signing_certificate_v2: attributes
            .and_then(|a| a.signing_certificate_v2())
            .map(|ess| hex(&ess.cert_hash)),
        attribute_rule_violations: attributes
            .map(|a| a.rule_violations().to_vec())
            .unwrap_or_default(),
    }
}

/// Describes a parsed SignedData; `path` names the file in errors.
pub fn inspect_signature(
    path: &str,
    signed_data: &CmsSignedData,
) -> Result<SignatureInspection, Failure> {
    let certificates = signed_data
        .certificates()
        .iter()
        .enumerate()
        .map(|(i, der)| {
            baytrust::CertificateInfo::parse(der)
                .and_then(CertificateSummary::of)
                .map_err(|e| {
                    Failure::malformed(path, format!("certificate {} in the signature: {e}", i + 1))
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(SignatureInspection {
        signature: SignatureSummary {
            content_type: signed_data.encapsulated_content_type().to_owned(),
            detached: signed_data.encapsulated_content().is_none(),
            content_size: signed_data.encapsulated_content().map(<[u8]>::len),
            signers: signed_data.signers().iter().map(describe_signer).collect(),
        },
        certificates,
    })
}

/// The human rendering; every value read from the signature is escaped for the
/// terminal ([`escape`]).
pub fn render_signature_text(inspection: &SignatureInspection) -> String {
    let signature = &inspection.signature;
    let mut out = format!(
        "CMS SignedData, content type {}, {}\n",
        escape(&signature.content_type),
        match signature.content_size {
            Some(size) => format!("content attached ({size} bytes)"),
            None => "content detached".to_owned(),
        }
    );
    for (i, signer) in signature.signers.iter().enumerate() {
        out.push_str(&format!(
            "Signer {} of {}\n",
            i + 1,
            signature.signers.len()
        ));
        out.push_str(&format!(
            "  Signer ID:      {}\n",
            escape(&signer.signer_id)
        ));
        out.push_str(&format!(
            "  Algorithms:     {} / {}\n",
            escape(&signer.digest_algorithm),
            escape(&signer.signature_algorithm)
        ));
        if let Some(time) = signer.claimed_signing_time {
            out.push_str(&format!("  Signing time:   {time} (claimed)\n"));
        }
        if let Some(digest) = &signer.message_digest {
            out.push_str(&format!("  Message digest: {}\n", escape(digest)));
        }
        if let Some(hash) = &signer.signing_certificate_v2 {
            out.push_str(&format!("  ESS cert hash:  {}\n", escape(hash)));
        }
        if !signer.signed_attributes {
            out.push_str("  (no signed attributes: the signature covers the content itself)\n");
        }
        for violation in &signer.attribute_rule_violations {
            out.push_str(&format!("  RULE BROKEN:    {}\n", escape(violation)));
        }
    }
    out.push_str(&format!(
        "{} certificate(s) included\n",
        inspection.certificates.len()
    ));
    for certificate in &inspection.certificates {
        out.push_str(&format!("  {}\n", escape(&certificate.subject)));
    }
    out
}
