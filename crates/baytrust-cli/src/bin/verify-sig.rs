//! `verify-sig`: the relying party's tool. Status and errors go to stderr, reports to
//! stdout; the exit code says the outcome (DESIGN.md §3).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baytrust_cli::exit::{parse_args, report_failure, Failure, Outcome};
use baytrust_cli::input::read_input;
use baytrust_cli::inspect::{inspect_certificates, render_text};

const TOOL: &str = "verify-sig";

/// Verify cross-border certificates and signatures of the Greater Bay Area.
#[derive(Debug, Parser)]
#[command(name = TOOL, version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Describe each certificate of a DER file or PEM bundle, with its legal entity.
    Inspect {
        /// The file to describe (`-` for standard input).
        file: String,
        /// Print the description as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli: Cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(()) => Outcome::Passed.into(),
        Err(failure) => report_failure(TOOL, &failure),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Inspect { file, json } => {
            let bytes = read_input(&file)?;
            let report = inspect_certificates(&file, &bytes)?;
            if json {
                let text = serde_json::to_string_pretty(&report)
                    .map_err(|e| Failure::malformed(&file, e))?;
                println!("{text}");
            } else {
                print!("{}", render_text(&report));
            }
            Ok(())
        }
    }
}
