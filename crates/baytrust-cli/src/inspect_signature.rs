//! `verify-sig inspect` on a CMS signature: its content, each signer's identifier,
//! algorithms and signed attributes, and the certificates it carries. Describes only;
//! nothing is verified (that is `verify`).

use crate::terminal_text::hex;
use serde::Serialize;

use baytrust::{CertificateInfo, SignatureInfo, SignerDescription, Time};

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

fn describe_signer(signer: &SignerDescription) -> SignerSummary {
    SignerSummary {
        signer_id: signer.signer_id.clone(),
        digest_algorithm: signer.digest_algorithm.clone(),
        signature_algorithm: signer.signature_algorithm.clone(),
        signed_attributes: signer.signed_attributes,
        content_type_attribute: signer.content_type_attribute.clone(),
        message_digest: signer.message_digest.as_deref().map(hex),
        claimed_signing_time: signer.claimed_signing_time,
        signing_certificate_v2: signer.signing_certificate_v2.as_deref().map(hex),
        attribute_rule_violations: signer.attribute_rule_violations.clone(),
    }
}

/// Describes a signature read by the library; `path` names the file in errors.
pub fn inspect_signature(
    path: &str,
    signed_data: &SignatureInfo,
) -> Result<SignatureInspection, Failure> {
    let certificates = signed_data
        .certificates
        .iter()
        .enumerate()
        .map(|(i, der)| {
            CertificateInfo::parse(der)
                .and_then(CertificateSummary::of)
                .map_err(|e| {
                    Failure::malformed(path, format!("certificate {} in the signature: {e}", i + 1))
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(SignatureInspection {
        signature: SignatureSummary {
            content_type: signed_data.content_type.clone(),
            detached: signed_data.content.is_none(),
            content_size: signed_data.content.as_deref().map(<[u8]>::len),
            signers: signed_data.signers.iter().map(describe_signer).collect(),
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
