//! `verify-sig inspect` on a trust list: a CMS signature whose encapsulated content is a
//! `baytrust-trust-list/1` document, or the plain JSON document. Describes the list and
//! each service's status at the inspection time; the list is read with
//! [`TrustList::from_json_unsigned_insecure`] and its signature is **not** verified
//! (`verify` verifies it when it loads the list).

use serde::Serialize;

use baytrust::{
    CertificateDer, CertificateRef, CertificateTypeDocument, IdentityDocument, Jurisdiction,
    PolicyDocument, PolicyMatch, ServiceStatus, SignatureInfo, Time, TrustList, TrustListDocument,
    TRUST_LIST_FORMAT,
};

use crate::exit::Failure;
use crate::inspect_signature::{inspect_signature, SignatureInspection};
use crate::terminal_text::escape;

/// What inspect says about a signed list's signature.
pub const SIGNATURE_NOT_VERIFIED: &str =
    "signature not verified here; verify-sig verifies it when loading";

/// What inspect says about a plain JSON list.
pub const UNSIGNED: &str = "unsigned: plain JSON, no signature";

/// What `inspect` reports for a trust list.
#[derive(Debug, Serialize)]
pub struct TrustListInspection {
    /// Always `baytrust-trust-list/1`.
    pub format: &'static str,
    /// Whether the list came wrapped in a CMS signature.
    pub signed: bool,
    /// [`SIGNATURE_NOT_VERIFIED`] or [`UNSIGNED`].
    pub signature_note: &'static str,
    /// The CMS signature, described (signed lists only).
    pub signature: Option<SignatureInspection>,
    /// The publishing jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The publishing authority.
    pub operator: String,
    /// The edition's sequence number.
    pub sequence: u64,
    /// When it was issued.
    pub issued: Time,
    /// When the next edition is due.
    pub next_update: Time,
    /// The time the statuses are given at (the system clock).
    pub status_at: Time,
    /// Whether `status_at` is past `next_update`.
    pub stale: bool,
    /// The services in list order.
    pub services: Vec<ServiceInspection>,
}

/// One recognised service, described.
#[derive(Debug, Serialize)]
pub struct ServiceInspection {
    /// The service's name.
    pub name: String,
    /// Its status at the inspection time.
    pub status_now: ServiceStatus,
    /// Root certificates.
    pub roots: Vec<CertificateRef>,
    /// Issuing CA certificates.
    pub issuing_cas: Vec<CertificateRef>,
    /// Listed policies.
    pub policies: Vec<PolicyDocument>,
    /// Certificate-type rule, if any.
    pub certificate_type: Option<CertificateTypeDocument>,
    /// Where the legal entity is read.
    pub identity: IdentityDocument,
    /// The status periods in list order.
    pub status_history: Vec<StatusEntry>,
}

/// One status period.
#[derive(Debug, Serialize)]
pub struct StatusEntry {
    /// The status.
    pub status: ServiceStatus,
    /// Inclusive start.
    pub from: Time,
    /// Exclusive end; `None` = until further notice.
    pub until: Option<Time>,
}

/// Describes `bytes` if they are a trust list: a CMS signature whose encapsulated
/// content reads as one, or a JSON object (which must then be a valid list). `Ok(None)`
/// for anything else; `at` is the time statuses are given at.
pub fn inspect_as_trust_list(
    path: &str,
    bytes: &[u8],
    at: Time,
) -> Result<Option<TrustListInspection>, Failure> {
    if let Ok(signed_data) = SignatureInfo::parse(bytes) {
        let Some(content) = signed_data.content.as_deref() else {
            return Ok(None);
        };
        let Ok(list) = TrustList::from_json_unsigned_insecure(content) else {
            return Ok(None);
        };
        let signature = inspect_signature(path, &signed_data)?;
        return describe(path, content, &list, Some(signature), at).map(Some);
    }
    let looks_like_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if !looks_like_json {
        return Ok(None);
    }
    let list =
        TrustList::from_json_unsigned_insecure(bytes).map_err(|e| Failure::malformed(path, e))?;
    describe(path, bytes, &list, None, at).map(Some)
}

fn certificate_refs(path: &str, ders: &[CertificateDer]) -> Result<Vec<CertificateRef>, Failure> {
    ders.iter()
        .map(|der| CertificateRef::parse(der).map_err(|e| Failure::malformed(path, e)))
        .collect()
}

fn describe(
    path: &str,
    json: &[u8],
    list: &TrustList,
    signature: Option<SignatureInspection>,
    at: Time,
) -> Result<TrustListInspection, Failure> {
    // The checked list has the certificates and times; the document keeps the rules
    // as written (it parsed already, inside `from_json_unsigned_insecure`).
    let document: TrustListDocument =
        serde_json::from_slice(json).map_err(|e| Failure::malformed(path, e))?;
    let services = list
        .services
        .iter()
        .zip(document.services)
        .map(|(service, written)| {
            Ok(ServiceInspection {
                name: service.name.clone(),
                status_now: service.status_at(at),
                roots: certificate_refs(path, &service.roots)?,
                issuing_cas: certificate_refs(path, &service.issuing_cas)?,
                policies: written.policies,
                certificate_type: written.certificate_type,
                identity: written.identity,
                status_history: service
                    .status_history
                    .iter()
                    .map(|period| StatusEntry {
                        status: period.status,
                        from: period.from,
                        until: period.until,
                    })
                    .collect(),
            })
        })
        .collect::<Result<_, Failure>>()?;
    Ok(TrustListInspection {
        format: TRUST_LIST_FORMAT,
        signed: signature.is_some(),
        signature_note: if signature.is_some() {
            SIGNATURE_NOT_VERIFIED
        } else {
            UNSIGNED
        },
        signature,
        jurisdiction: list.jurisdiction,
        operator: list.operator.clone(),
        sequence: list.sequence,
        issued: list.issued,
        next_update: list.next_update,
        status_at: at,
        stale: at > list.next_update,
        services,
    })
}

fn render_certificates(out: &mut String, heading: &str, certificates: &[CertificateRef]) {
    out.push_str(&format!("  {heading}\n"));
    for certificate in certificates {
        out.push_str(&format!("    {}\n", escape(&certificate.subject)));
        out.push_str(&format!("      SHA-256 {}\n", escape(&certificate.sha256)));
    }
}

/// The human rendering; every value read from the list or its signature is escaped for
/// the terminal ([`escape`]).
pub fn render_trust_list_text(inspection: &TrustListInspection) -> String {
    let mut out = format!(
        "Trust list {} ({})\n",
        escape(&inspection.format),
        escape(&inspection.signature_note)
    );
    if let Some(signature) = &inspection.signature {
        for signer in &signature.signature.signers {
            out.push_str(&format!(
                "  Signer ID:      {}\n",
                escape(&signer.signer_id)
            ));
            if let Some(time) = signer.claimed_signing_time {
                out.push_str(&format!("  Signing time:   {time} (claimed)\n"));
            }
        }
        for certificate in &signature.certificates {
            out.push_str(&format!(
                "  Certificate:    {}\n",
                escape(&certificate.subject)
            ));
        }
    }
    out.push_str(&format!(
        "  Jurisdiction:   {}\n",
        escape(&inspection.jurisdiction)
    ));
    out.push_str(&format!(
        "  Operator:       {}\n",
        escape(&inspection.operator)
    ));
    out.push_str(&format!("  Sequence:       {}\n", inspection.sequence));
    out.push_str(&format!("  Issued:         {}\n", inspection.issued));
    out.push_str(&format!(
        "  Next update:    {}{}\n",
        inspection.next_update,
        if inspection.stale {
            " STALE (past now)"
        } else {
            ""
        }
    ));
    out.push_str(&format!("  Status now at:  {}\n", inspection.status_at));
    let total = inspection.services.len();
    for (i, service) in inspection.services.iter().enumerate() {
        out.push_str(&format!(
            "Service {} of {total}: {}\n",
            i + 1,
            escape(&service.name)
        ));
        out.push_str(&format!(
            "  Status now:     {}\n",
            service.status_now.as_str()
        ));
        render_certificates(&mut out, "Roots:", &service.roots);
        render_certificates(&mut out, "Issuing CAs:", &service.issuing_cas);
        let policies: Vec<String> = service
            .policies
            .iter()
            .map(|p| {
                let how = match p.match_ {
                    PolicyMatch::Prefix => "prefix",
                    PolicyMatch::Exact => "exact",
                };
                format!("{} ({how})", escape(&p.oid))
            })
            .collect();
        out.push_str(&format!("  Policies:       {}\n", policies.join(", ")));
        match &service.certificate_type {
            None => out.push_str("  Cert type:      (none required)\n"),
            Some(rule) => out.push_str(&format!(
                "  Cert type:      {} = \"{}\"\n",
                escape(&rule.attribute),
                escape(&rule.value)
            )),
        }
        let identity = &service.identity;
        out.push_str("  Identity:\n");
        out.push_str(&format!(
            "    Organisation: {}\n",
            escape(&identity.organisation)
        ));
        out.push_str(&format!(
            "    Identifier:   {}{}\n",
            escape(&identity.org_id),
            identity
                .org_id_pattern
                .as_deref()
                .map(|pattern| format!(" (pattern {})", escape(pattern)))
                .unwrap_or_default()
        ));
        out.push_str(&format!(
            "    Authorised:   {}\n",
            escape(identity.authorised_person.as_deref().unwrap_or("(none)"))
        ));
        out.push_str("  Status history:\n");
        for period in &service.status_history {
            out.push_str(&format!(
                "    {:<10} from {} until {}\n",
                period.status.as_str(),
                period.from,
                period
                    .until
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "further notice".to_owned())
            ));
        }
    }
    out
}
