//! `verify-sig inspect`: describes each certificate of a file, with the legal entity
//! its built-in identity profile finds.

use serde::Serialize;

use baytrust::{decode_certificates, CertificateInfo, LegalEntity, Time};

use crate::exit::Failure;
use crate::terminal_text::escape;

/// What `inspect` reports for a certificate file.
#[derive(Debug, Serialize)]
pub struct InspectReport {
    /// Each certificate in file order.
    pub certificates: Vec<CertificateSummary>,
}

/// One certificate, described.
#[derive(Debug, Serialize)]
pub struct CertificateSummary {
    /// Subject name as text.
    pub subject: String,
    /// Issuer name as text.
    pub issuer: String,
    /// Serial number in upper-case hex.
    pub serial: String,
    /// Start of validity (RFC 3339).
    pub not_before: Time,
    /// End of validity (RFC 3339).
    pub not_after: Time,
    /// Key algorithm and size (`RSA-2048`, `ECDSA-P256`, `SM2`…).
    pub key_algorithm: String,
    /// Policy OIDs of certificatePolicies.
    pub policies: Vec<String>,
    /// Whether basicConstraints says CA.
    pub is_ca: bool,
    /// The legal entity named by the certificate, if any.
    pub entity: Option<LegalEntity>,
}

impl CertificateSummary {
    /// Describes one certificate from the library's view of it.
    pub fn of(certificate: CertificateInfo) -> Result<Self, baytrust::Error> {
        Ok(Self {
            is_ca: certificate.is_ca(),
            subject: certificate.subject.text,
            issuer: certificate.issuer.text,
            serial: certificate.serial,
            not_before: certificate.not_before,
            not_after: certificate.not_after,
            key_algorithm: certificate.key_algorithm.to_string(),
            policies: certificate.policies,
            entity: certificate.entity?,
        })
    }
}

/// Builds the report for the bytes of a certificate file; `path` names it in errors.
pub fn inspect_certificates(path: &str, bytes: &[u8]) -> Result<InspectReport, Failure> {
    let ders = decode_certificates(bytes).map_err(|e| Failure::malformed(path, e))?;
    let certificates = ders
        .iter()
        .enumerate()
        .map(|(i, der)| {
            CertificateInfo::parse(der)
                .and_then(CertificateSummary::of)
                .map_err(|e| Failure::malformed(path, format!("certificate {}: {e}", i + 1)))
        })
        .collect::<Result<_, _>>()?;
    Ok(InspectReport { certificates })
}

/// The human rendering of a report; every certificate-derived value is escaped for the
/// terminal ([`escape`]).
pub fn render_text(report: &InspectReport) -> String {
    let mut out = String::new();
    let total = report.certificates.len();
    for (i, c) in report.certificates.iter().enumerate() {
        out.push_str(&format!("Certificate {} of {total}\n", i + 1));
        out.push_str(&format!("  Subject:        {}\n", escape(&c.subject)));
        out.push_str(&format!("  Issuer:         {}\n", escape(&c.issuer)));
        out.push_str(&format!("  Serial:         {}\n", escape(&c.serial)));
        out.push_str(&format!(
            "  Validity:       {} to {}\n",
            c.not_before, c.not_after
        ));
        out.push_str(&format!("  Key algorithm:  {}\n", escape(&c.key_algorithm)));
        let policies = if c.policies.is_empty() {
            "(none)".to_owned()
        } else {
            escape(&c.policies.join(", "))
        };
        out.push_str(&format!("  Policies:       {policies}\n"));
        out.push_str(&format!(
            "  CA:             {}\n",
            if c.is_ca { "yes" } else { "no" }
        ));
        match &c.entity {
            None => out.push_str("  Legal entity:   (none)\n"),
            Some(entity) => {
                out.push_str(&format!(
                    "  Legal entity:   {}\n",
                    escape(&entity.organisation)
                ));
                out.push_str(&format!(
                    "    Identifier:   {} ({})\n",
                    escape(&entity.org_id),
                    match entity.org_id.check() {
                        Ok(()) => "valid".to_owned(),
                        Err(e) => format!("INVALID: {}", escape(&e)),
                    }
                ));
                if let Some(person) = &entity.authorised_person {
                    out.push_str(&format!("    Authorised:   {}\n", escape(person)));
                }
                out.push_str(&format!("    Jurisdiction: {}\n", entity.jurisdiction));
            }
        }
    }
    out
}
