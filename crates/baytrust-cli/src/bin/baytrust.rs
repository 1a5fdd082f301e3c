//! `baytrust`: the tools of signers and scheme operators. For now it checks
//! organisation identifiers; signing and trust-list tools arrive with their issues.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baytrust::identity::{Jurisdiction, OrgId};
use baytrust_cli::exit::{parse_args, report_failure, Failure, Outcome};

const TOOL: &str = "baytrust";

/// Tools for signers and trust-scheme operators of the Greater Bay Area.
#[derive(Debug, Parser)]
#[command(name = TOOL, version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an organisation identifier: canonical `NTRCN-…`, or `--jurisdiction` and
    /// the bare number. Prints the canonical form; exit 0 when valid, 4 when its check
    /// fails, 3 when it is not an identifier at all.
    OrgId {
        /// `NTRxx-<identifier>`, or the bare identifier with `--jurisdiction`.
        identifier: String,
        /// The jurisdiction of a bare identifier (CN, HK or MO).
        #[arg(long)]
        jurisdiction: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli: Cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(outcome) => outcome.into(),
        Err(failure) => report_failure(TOOL, &failure),
    }
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::OrgId {
            identifier,
            jurisdiction,
        } => {
            let org_id = match jurisdiction {
                Some(code) => {
                    let jurisdiction: Jurisdiction =
                        code.parse().map_err(|e| Failure::malformed(&code, e))?;
                    OrgId::read(jurisdiction, &identifier)
                }
                None => OrgId::read_canonical(&identifier)
                    .map_err(|e| Failure::malformed(&identifier, e))?,
            };
            match org_id.check() {
                Ok(()) => {
                    println!("{org_id}: valid");
                    Ok(Outcome::Passed)
                }
                Err(e) => {
                    println!("{org_id}: invalid: {e}");
                    Ok(Outcome::TotalFailed)
                }
            }
        }
    }
}
