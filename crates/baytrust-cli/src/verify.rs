//! `verify-sig verify`: verifies a CMS signature over its content as `openssl cms
//! -verify` does — `Verification successful` / `Verification failure: <reason>` on
//! stderr, the JSON report on stdout with `--json` — and exits 0, 4 (`TOTAL_FAILED`) or
//! 5 (`INDETERMINATE`).

use std::fs::File;
use std::io::BufReader;

use baytrust::{Content, Indication, Report, SignatureOptions, Time, Verifier};

use crate::anchors::TrustArgs;
use crate::exit::{Failure, Outcome};
use crate::input::read_certificates;
use crate::input::read_input;
use crate::revocation::{render_revocation_lines, RevocationArgs};
use crate::terminal_text::escape;

/// The options of one `verify` run.
#[derive(Debug)]
pub struct VerifyRequest {
    /// The signature file (`-` for standard input).
    pub signature: String,
    /// The detached content, if the signature is detached.
    pub content: Option<String>,
    /// Anchors, trust lists and the relying party's acceptance.
    pub trust: TrustArgs,
    /// Files of extra certificates.
    pub untrusted: Vec<String>,
    /// The validation time (`--attime`).
    pub time: Time,
    /// The current time (`--now`): lists and operators are judged at it.
    pub now: Time,
    /// `--crl`, `--ocsp`, `--revocation`.
    pub revocation: RevocationArgs,
}

/// The verifier and the signature options a `verify` run describes: trust inputs
/// loaded, `--untrusted` certificates and `--crl`/`--ocsp` sources read. Shared by one
/// signature and a batch.
pub fn verifier_and_options(
    trust: &TrustArgs,
    untrusted: &[String],
    time: Time,
    now: Time,
    revocation: &RevocationArgs,
) -> Result<(Verifier, SignatureOptions), Failure> {
    let verifier = trust.verifier(now)?;
    let mut options = SignatureOptions::new(time);
    options.revocation = Some(revocation.revocation);
    options.revocation_sources = revocation.sources()?;
    for path in untrusted {
        options.extra_certificates.extend(read_certificates(path)?);
    }
    Ok((verifier, options))
}

/// Verifies and returns the report. The detached content is streamed (from standard
/// input when it is `-`), never held whole.
pub fn run_verify(request: &VerifyRequest) -> Result<Report, Failure> {
    if request.signature == "-" && request.content.as_deref() == Some("-") {
        return Err(Failure {
            outcome: Outcome::Usage,
            message: "the signature and --content cannot both be standard input (-)".into(),
        });
    }
    let (verifier, options) = verifier_and_options(
        &request.trust,
        &request.untrusted,
        request.time,
        request.now,
        &request.revocation,
    )?;
    let signature = read_input(&request.signature)?;
    let result = match request.content.as_deref() {
        Some("-") => {
            let mut reader = std::io::stdin().lock();
            verifier.verify_cms(&signature, Content::Detached(&mut reader), &options)
        }
        Some(path) => {
            let file = File::open(path).map_err(|e| Failure::unreadable(path, e))?;
            let mut reader = BufReader::new(file);
            verifier.verify_cms(&signature, Content::Detached(&mut reader), &options)
        }
        None => verifier.verify_cms(&signature, Content::Attached, &options),
    };
    result.map_err(|error| match error {
        baytrust::Error::ContentUnreadable { .. } => {
            Failure::unreadable(request.content.as_deref().unwrap_or("content"), error)
        }
        other => Failure::malformed(&request.signature, other),
    })
}

/// The exit outcome of a report.
pub fn outcome(report: &Report) -> Outcome {
    match report.indication {
        Indication::TotalPassed => Outcome::Passed,
        Indication::TotalFailed => Outcome::TotalFailed,
        Indication::Indeterminate => Outcome::Indeterminate,
    }
}

/// The one status line OpenSSL users expect on stderr; the reason, which can quote
/// certificate text, is escaped for the terminal.
pub fn status_line(report: &Report) -> String {
    match report.indication {
        Indication::TotalPassed => "Verification successful".to_owned(),
        _ => {
            let reason = report
                .signers
                .iter()
                .find(|s| s.indication == report.indication)
                .map(|s| escape(&s.reason))
                .unwrap_or_else(|| "the signature has no signer".to_owned());
            let sub = report
                .sub_indication
                .map(|s| s.as_str())
                .unwrap_or("FORMAT_FAILURE");
            format!("Verification failure: {sub}: {reason}")
        }
    }
}

/// The human rendering: who signed, per signer. Every value taken from the signature
/// or its certificates is escaped for the terminal ([`escape`]).
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    for (i, signer) in report.signers.iter().enumerate() {
        out.push_str(&format!(
            "Signer {} of {}: {}",
            i + 1,
            report.signers.len(),
            signer.indication.as_str()
        ));
        if let Some(sub) = signer.sub_indication {
            out.push_str(&format!(" / {}", sub.as_str()));
        }
        out.push('\n');
        if let Some(entity) = &signer.entity {
            out.push_str(&format!(
                "  Organisation:  {}\n",
                escape(&entity.organisation)
            ));
            out.push_str(&format!(
                "  Identifier:    {} ({})\n",
                escape(&entity.org_id),
                if entity.org_id.is_valid() {
                    "valid"
                } else {
                    "INVALID"
                }
            ));
            if let Some(person) = &entity.authorised_person {
                out.push_str(&format!("  Authorised:    {}\n", escape(person)));
            }
            out.push_str(&format!(
                "  Jurisdiction:  {}\n",
                escape(&entity.jurisdiction)
            ));
        } else if let Some(entity) = &signer.claimed_entity {
            // What a failed signer's certificate claims: never shown as an identity.
            const CLAIMED: &str = "claimed (not validated)";
            out.push_str(&format!(
                "  Organisation:  {} — {CLAIMED}\n",
                escape(&entity.organisation)
            ));
            out.push_str(&format!(
                "  Identifier:    {} — {CLAIMED}\n",
                escape(&entity.org_id)
            ));
            if let Some(person) = &entity.authorised_person {
                out.push_str(&format!(
                    "  Authorised:    {} — {CLAIMED}\n",
                    escape(person)
                ));
            }
            out.push_str(&format!(
                "  Jurisdiction:  {} — {CLAIMED}\n",
                escape(&entity.jurisdiction)
            ));
            if let Some(certificate) = &signer.certificate {
                out.push_str(&format!(
                    "  Certificate:   {}\n",
                    escape(&certificate.subject)
                ));
            }
        } else if let Some(certificate) = &signer.certificate {
            out.push_str(&format!(
                "  Certificate:   {}\n",
                escape(&certificate.subject)
            ));
        }
        if let Some(recognition) = &signer.recognition {
            out.push_str(&format!(
                "  Recognised by: {} trust list #{}, service \"{}\", policy {}\n",
                recognition.jurisdiction,
                recognition.trust_list_sequence,
                escape(&recognition.service),
                escape(&recognition.policy)
            ));
        }
        if let Some(time) = signer.claimed_signing_time {
            let offset = if signer.signing_time_offset_normalised {
                "; written with a local-time offset, converted to UTC"
            } else {
                ""
            };
            out.push_str(&format!("  Signing time:  {time} (claimed{offset})\n"));
        }
        out.push_str(&format!(
            "  Algorithms:    {} / {}\n",
            escape(&signer.digest_algorithm),
            escape(&signer.signature_algorithm)
        ));
        out.push_str(&render_revocation_lines(&signer.chain, "  "));
        out.push_str(&format!("  Reason:        {}\n", escape(&signer.reason)));
    }
    out
}
