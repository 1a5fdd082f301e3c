//! `verify-sig`: the relying party's tool. Status and errors go to stderr, reports to
//! stdout; the exit code says the outcome (DESIGN.md §3).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baytrust::SignatureInfo;
use baytrust::{PolicyInputs, Purpose};
use baytrust_cli::anchors::TrustArgs;
use baytrust_cli::chain::{parse_purpose, run_chain, ChainRequest};
use baytrust_cli::clock::time_or;
use baytrust_cli::exit::{run_main, Failure, Outcome};
use baytrust_cli::input::read_input;
use baytrust_cli::inspect::{inspect_certificates, render_text};
use baytrust_cli::inspect_signature::{inspect_signature, render_signature_text};
use baytrust_cli::output::{stderr_line, stdout};
use baytrust_cli::revocation::{
    inspect_revocation, render_revocation_lines, render_revocation_text, RevocationArgs,
};
use baytrust_cli::terminal_text::escape;
use baytrust_cli::verify::{
    outcome as verify_outcome, render_text as render_verify_text, run_verify, status_line,
    VerifyRequest,
};

const TOOL: &str = "verify-sig";

/// Verify cross-border certificates and signatures of the Greater Bay Area.
#[derive(Debug, Parser)]
#[command(
    name = TOOL,
    version,
    about = "Verify cross-border certificates, signatures and trust lists of the Greater Bay Area"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verify a CMS signature (DER, BER or PEM; `-` reads standard input) and report who
    /// signed: `Verification successful` and exit 0, or `Verification failure: …` and
    /// exit 4 (TOTAL_FAILED) or 5 (INDETERMINATE).
    Verify {
        /// The signature file, or `-` for standard input.
        signature: String,
        /// The signed content, for a detached signature.
        #[arg(long, value_name = "FILE")]
        content: Option<String>,
        #[command(flatten)]
        trust: TrustArgs,
        /// A file of extra certificates (signer or intermediates left out of the signature).
        #[arg(long, value_name = "FILE")]
        untrusted: Vec<String>,
        /// The validation time of the signature, RFC 3339 (default: the current time,
        /// `--now`).
        #[arg(long, value_name = "RFC3339")]
        attime: Option<String>,
        #[command(flatten)]
        revocation: RevocationArgs,
        /// Print the report as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Build and validate the certification path of a certificate (RFC 5280 §6.1), as
    /// `openssl verify` does. `CERT: OK` and exit 0, or the broken rule and exit 4.
    Chain {
        /// The certificate to validate (its first certificate; any others in the file
        /// are used as untrusted intermediates).
        cert: String,
        /// A file of untrusted intermediate certificates (repeatable).
        #[arg(long, value_name = "FILE")]
        untrusted: Vec<String>,
        #[command(flatten)]
        trust: TrustArgs,
        /// The validation time of the path, RFC 3339 (default: the current time,
        /// `--now`).
        #[arg(long, value_name = "RFC3339")]
        attime: Option<String>,
        /// An acceptable policy OID (user-initial-policy-set; repeatable; default anyPolicy).
        #[arg(long, value_name = "OID")]
        policy: Vec<String>,
        /// Require a valid policy (initial-explicit-policy).
        #[arg(long)]
        explicit_policy: bool,
        /// Inhibit policy mapping (initial-policy-mapping-inhibit).
        #[arg(long)]
        inhibit_policy_mapping: bool,
        /// Do not treat anyPolicy as matching (initial-any-policy-inhibit).
        #[arg(long)]
        inhibit_any_policy: bool,
        /// What the certificate is for: sign (default), client, server or any.
        #[arg(long, default_value = "sign", value_parser = parse_purpose)]
        purpose: Purpose,
        #[command(flatten)]
        revocation: RevocationArgs,
        /// At most N intermediate CA certificates in the path (as `openssl verify
        /// -verify_depth`: neither the certificate nor the anchor counts).
        #[arg(long, value_name = "N")]
        max_depth: Option<usize>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Describe a file: each certificate of a DER file or PEM bundle with its legal
    /// entity; a CRL (issuer, updates, entries, scope) or an OCSP response (responder,
    /// each single response); a CMS signature (content, signers, signed attributes,
    /// certificates); or a trust list (services and their status now). Describes only;
    /// verifies nothing.
    Inspect {
        /// The file to describe (`-` for standard input).
        file: String,
        /// The time a trust list's service statuses and staleness are given at, RFC 3339
        /// (default: the system clock).
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
        /// Print the description as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    run_main::<Cli>(TOOL, run)
}

fn print_json(value: &impl serde::Serialize, file: &str) -> Result<(), Failure> {
    let text = baytrust_cli::terminal_text::to_json_pretty(value)
        .map_err(|e| Failure::malformed(file, e))?;
    stdout(&format!("{text}\n"));
    Ok(())
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Verify {
            signature,
            content,
            trust,
            untrusted,
            attime,
            revocation,
            json,
        } => {
            let now = trust.now()?;
            let request = VerifyRequest {
                signature,
                content,
                trust,
                untrusted,
                time: time_or(attime.as_deref(), "--attime", now)?,
                now,
                revocation,
            };
            let report = run_verify(&request)?;
            if json {
                print_json(&report, &request.signature)?;
            } else {
                stdout(&render_verify_text(&report));
            }
            stderr_line(&status_line(&report));
            Ok(verify_outcome(&report))
        }
        Command::Chain {
            cert,
            untrusted,
            trust,
            attime,
            policy,
            explicit_policy,
            inhibit_policy_mapping,
            inhibit_any_policy,
            purpose,
            revocation,
            max_depth,
            json,
        } => {
            let now = trust.now()?;
            let time = time_or(attime.as_deref(), "--attime", now)?;
            let request = ChainRequest {
                cert,
                untrusted,
                trust,
                time,
                now,
                policy: PolicyInputs {
                    user_initial_policy_set: if policy.is_empty() {
                        PolicyInputs::default().user_initial_policy_set
                    } else {
                        policy
                    },
                    initial_explicit_policy: explicit_policy,
                    initial_policy_mapping_inhibit: inhibit_policy_mapping,
                    initial_any_policy_inhibit: inhibit_any_policy,
                },
                purpose,
                revocation,
                max_depth,
            };
            let report = run_chain(&request)?;
            if json {
                print_json(&report, &request.cert)?;
            } else {
                stdout(&render_revocation_lines(&report.chain, ""));
            }
            match &report.error {
                None => stderr_line(&format!("{}: OK", escape(&request.cert))),
                Some(error) => stderr_line(&format!(
                    "{}: verification failed: {}",
                    escape(&request.cert),
                    escape(error)
                )),
            }
            Ok(baytrust_cli::chain::chain_outcome(&report))
        }
        Command::Inspect { file, now, json } => {
            let bytes = read_input(&file)?;
            match inspect_certificates(&file, &bytes) {
                Ok(report) if json => print_json(&report, &file)?,
                Ok(report) => stdout(&render_text(&report)),
                Err(certificate_failure) => {
                    // Not certificates: a CRL or OCSP response, a trust list (signed or
                    // plain JSON), a CMS signature, or else the certificate error.
                    if let Some(summary) = inspect_revocation(&bytes) {
                        if json {
                            print_json(&summary, &file)?;
                        } else {
                            stdout(&render_revocation_text(&summary));
                        }
                        return Ok(Outcome::Passed);
                    }
                    let now = baytrust_cli::clock::time_or_now(now.as_deref(), "--now")?;
                    let list = baytrust_cli::inspect_trust_list::inspect_as_trust_list(
                        &file, &bytes, now,
                    )?;
                    if let Some(list) = list {
                        if json {
                            print_json(&list, &file)?;
                        } else {
                            stdout(&baytrust_cli::inspect_trust_list::render_trust_list_text(
                                &list,
                            ));
                        }
                        return Ok(Outcome::Passed);
                    }
                    let signed_data =
                        SignatureInfo::parse(&bytes).map_err(|_| certificate_failure)?;
                    let inspection = inspect_signature(&file, &signed_data)?;
                    if json {
                        print_json(&inspection, &file)?;
                    } else {
                        stdout(&render_signature_text(&inspection));
                    }
                }
            }
            Ok(Outcome::Passed)
        }
    }
}
