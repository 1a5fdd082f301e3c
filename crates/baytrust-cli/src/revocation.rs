//! Revocation on the command line: the `--crl`, `--ocsp` and `--revocation` options of
//! `verify` and `chain` ([`RevocationArgs`]), and `inspect`'s description of a CRL or
//! an OCSP response ([`inspect_revocation`]).

use serde::Serialize;

use baytrust::CertificateRef;
use baytrust::RevocationMode;
use baytrust::Time;
use baytrust::{CrlInfo, OcspInfo, RevocationInfo, RevocationSources};

use crate::exit::Failure;
use crate::input::read_input;
use crate::terminal_text::escape;

/// Parses a `--revocation` value.
pub fn parse_mode(text: &str) -> Result<RevocationMode, String> {
    RevocationMode::from_name(text)
        .ok_or_else(|| format!("{text:?} is not one of require, prefer, off"))
}

/// The revocation options shared by `verify` and `chain`.
#[derive(Debug, Clone, clap::Args)]
pub struct RevocationArgs {
    /// A CRL file, DER or PEM (any number of `X509 CRL` blocks); repeatable.
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<String>,
    /// An OCSP response file, DER or PEM (`OCSP RESPONSE`); repeatable.
    #[arg(long, value_name = "FILE")]
    pub ocsp: Vec<String>,
    /// What a missing revocation status means: `require` (every certificate below the
    /// anchor needs a good status, else INDETERMINATE / TRY_LATER), `prefer` (the
    /// default: use what is given, report what is missing) or `off`.
    #[arg(long, value_name = "MODE", default_value = "prefer", value_parser = parse_mode)]
    pub revocation: RevocationMode,
}

impl Default for RevocationArgs {
    fn default() -> Self {
        Self {
            crl: Vec::new(),
            ocsp: Vec::new(),
            revocation: RevocationMode::Prefer,
        }
    }
}

impl RevocationArgs {
    /// Reads and parses every `--crl` and `--ocsp` file; a file that does not parse is
    /// an error naming it (exit 3).
    pub fn sources(&self) -> Result<RevocationSources, Failure> {
        let mut sources = RevocationSources::new();
        for path in &self.crl {
            sources
                .add_crl(&read_input(path)?)
                .map_err(|e| Failure::malformed(path, e))?;
        }
        for path in &self.ocsp {
            sources
                .add_ocsp_response(&read_input(path)?)
                .map_err(|e| Failure::malformed(path, e))?;
        }
        Ok(sources)
    }
}

/// One line per certificate of a path that has a revocation status: subject, status,
/// and where it came from; every certificate-derived value escaped. Nothing when no
/// certificate was covered by any source (no `--crl` or `--ocsp` applied).
pub fn render_revocation_lines(chain: &[CertificateRef], indent: &str) -> String {
    let mut out = String::new();
    let any_checked = chain.iter().any(|c| {
        c.revocation
            .as_ref()
            .is_some_and(|r| r.status != "not_checked")
    });
    if !any_checked {
        return out;
    }
    for certificate in chain {
        let Some(revocation) = &certificate.revocation else {
            continue;
        };
        let mut line = format!(
            "{indent}Revocation:    {}: {}",
            escape(&certificate.subject),
            revocation.status
        );
        if let Some(time) = revocation.revoked_at {
            line.push_str(&format!(" at {time}"));
        }
        if let Some(reason) = revocation.reason {
            line.push_str(&format!(" ({reason})"));
        }
        match &revocation.source {
            Some(baytrust::StatusSource::Crl {
                issuer,
                this_update,
                ..
            }) => line.push_str(&format!(
                " — CRL of {}, thisUpdate {this_update}",
                escape(issuer)
            )),
            Some(baytrust::StatusSource::Ocsp {
                responder,
                produced_at,
                ..
            }) => line.push_str(&format!(
                " — OCSP by {}, producedAt {produced_at}",
                escape(responder)
            )),
            None => {}
        }
        if let Some(problem) = &revocation.problem {
            line.push_str(&format!(" — {}", escape(problem)));
        }
        line.push('\n');
        out.push_str(&line);
    }
    out
}

/// What `inspect` says of a CRL.
#[derive(Debug, Serialize)]
pub struct CrlSummary {
    /// `crl` or `delta_crl`.
    pub kind: &'static str,
    /// The issuer.
    pub issuer: String,
    /// cRLNumber in hex.
    pub crl_number: Option<String>,
    /// thisUpdate.
    pub this_update: Time,
    /// nextUpdate (absent: never stale).
    pub next_update: Option<Time>,
    /// How many revoked certificates it lists.
    pub entries: usize,
    /// The issuingDistributionPoint scope, in words (`all certificates` without one).
    pub scope: Vec<String>,
}

impl CrlSummary {
    /// Describes a CRL the library read.
    pub fn of(crl: &CrlInfo) -> Self {
        Self {
            kind: if crl.delta { "delta_crl" } else { "crl" },
            issuer: crl.issuer.clone(),
            crl_number: crl.crl_number.clone(),
            this_update: crl.this_update,
            next_update: crl.next_update,
            entries: crl.entries,
            scope: crl.scope.clone(),
        }
    }
}

/// One SingleResponse of an OCSP response: the library's description, serialised.
pub use baytrust::OcspSingleInfo as SingleResponseSummary;

/// What `inspect` says of an OCSP response.
#[derive(Debug, Serialize)]
pub struct OcspSummary {
    /// Always `ocsp_response`.
    pub kind: &'static str,
    /// The responder, as its ResponderID names it.
    pub responder: String,
    /// producedAt.
    pub produced_at: Time,
    /// Each SingleResponse.
    pub responses: Vec<SingleResponseSummary>,
    /// How many certificates the response carries (a delegated responder's).
    pub certificates: usize,
}

impl OcspSummary {
    /// Describes an OCSP response the library read.
    pub fn of(response: &OcspInfo) -> Self {
        Self {
            kind: "ocsp_response",
            responder: response.responder.clone(),
            produced_at: response.produced_at,
            responses: response.responses.clone(),
            certificates: response.certificates,
        }
    }
}

/// A CRL or OCSP response, described.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum RevocationSummary {
    /// A CRL (or delta CRL).
    Crl(CrlSummary),
    /// An OCSP response.
    Ocsp(OcspSummary),
}

/// Describes `bytes` as a CRL or an OCSP response, if it is one (DER or PEM).
pub fn inspect_revocation(bytes: &[u8]) -> Option<RevocationSummary> {
    Some(match RevocationInfo::parse(bytes)? {
        RevocationInfo::Crl(crl) => RevocationSummary::Crl(CrlSummary::of(&crl)),
        RevocationInfo::Ocsp(ocsp) => RevocationSummary::Ocsp(OcspSummary::of(&ocsp)),
    })
}

/// The human rendering of a CRL or OCSP description; values from the file escaped.
pub fn render_revocation_text(summary: &RevocationSummary) -> String {
    let mut out = String::new();
    let optional = |time: Option<Time>| time.map_or("(none)".to_owned(), |t| t.to_string());
    match summary {
        RevocationSummary::Crl(crl) => {
            out.push_str(if crl.kind == "delta_crl" {
                "Delta CRL\n"
            } else {
                "CRL\n"
            });
            out.push_str(&format!("  Issuer:         {}\n", escape(&crl.issuer)));
            out.push_str(&format!(
                "  CRL number:     {}\n",
                crl.crl_number.as_deref().unwrap_or("(none)")
            ));
            out.push_str(&format!("  This update:    {}\n", crl.this_update));
            out.push_str(&format!(
                "  Next update:    {}\n",
                optional(crl.next_update)
            ));
            out.push_str(&format!("  Entries:        {}\n", crl.entries));
            out.push_str(&format!("  Scope:          {}\n", crl.scope.join(", ")));
        }
        RevocationSummary::Ocsp(ocsp) => {
            out.push_str("OCSP response\n");
            out.push_str(&format!("  Responder:      {}\n", escape(&ocsp.responder)));
            out.push_str(&format!("  Produced at:    {}\n", ocsp.produced_at));
            out.push_str(&format!("  Certificates:   {}\n", ocsp.certificates));
            for single in &ocsp.responses {
                let mut status = single.status.to_owned();
                if let Some(time) = single.revoked_at {
                    status.push_str(&format!(" at {time}"));
                }
                if let Some(reason) = single.reason {
                    status.push_str(&format!(" ({reason})"));
                }
                out.push_str(&format!(
                    "  Serial {}: {status}, this update {}, next update {}\n",
                    single.serial,
                    single.this_update,
                    optional(single.next_update)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use baytrust::{CertificateRevocation, StatusSource};

    #[test]
    fn revocation_lines_escape_certificate_and_crl_text() {
        let time = Time::parse_rfc3339("2026-05-01T00:00:00Z").unwrap();
        let certificate = CertificateRef {
            subject: "CN=Evil\u{1b}[2J\u{7}".into(),
            issuer: String::new(),
            serial: "01".into(),
            sha256: String::new(),
            revocation: Some(CertificateRevocation {
                status: "revoked",
                source: Some(StatusSource::Crl {
                    issuer: "CN=CA\u{1b}]0;title\u{7}".into(),
                    crl_number: None,
                    this_update: time,
                    delta_crl_number: None,
                }),
                revoked_at: Some(time),
                reason: Some(baytrust::ReasonCode::KeyCompromise),
                problem: None,
            }),
        };
        let text = render_revocation_lines(&[certificate], "");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert_eq!(text, format!("Revocation:    {}: revoked at 2026-05-01T00:00:00Z (keyCompromise) — CRL of {}, thisUpdate 2026-05-01T00:00:00Z\n", escape("CN=Evil\u{1b}[2J\u{7}"), escape("CN=CA\u{1b}]0;title\u{7}")));
    }

    #[test]
    fn crl_description_escapes_its_issuer() {
        let summary = RevocationSummary::Crl(CrlSummary {
            kind: "crl",
            issuer: "CN=\u{1b}[31mRed".into(),
            crl_number: None,
            this_update: Time::parse_rfc3339("2026-05-01T00:00:00Z").unwrap(),
            next_update: None,
            entries: 0,
            scope: vec!["all certificates".into()],
        });
        let text = render_revocation_text(&summary);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("  Next update:    (none)\n"));
    }
}
