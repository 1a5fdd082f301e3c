//! Exit codes (DESIGN.md §3) and the one-line failure messages that go with them.

use std::fmt;
use std::process::ExitCode;

/// How a command ended, each with its fixed exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: passed (or a command with nothing to judge succeeded).
    Passed,
    /// 1: the command line was wrong.
    Usage,
    /// 2: an input could not be read.
    Unreadable,
    /// 3: an input was read but is malformed.
    Malformed,
    /// 4: validation gave `TOTAL_FAILED`.
    TotalFailed,
    /// 5: validation gave `INDETERMINATE`.
    Indeterminate,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Passed => 0,
            Outcome::Usage => 1,
            Outcome::Unreadable => 2,
            Outcome::Malformed => 3,
            Outcome::TotalFailed => 4,
            Outcome::Indeterminate => 5,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome.code())
    }
}

/// The exit-code table every `--help` ends with (DESIGN.md §3).
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  passed (TOTAL_PASSED), or nothing to judge and the command succeeded
  1  usage: the command line is wrong
  2  an input is unreadable (missing file, permission, too large)
  3  an input is malformed (not a certificate, signature, CRL or trust list it should be; a trust list refused)
  4  TOTAL_FAILED: the signature or certificate is proven invalid
  5  INDETERMINATE: no verdict with the data at hand (no path, expired without proof, revocation unknown, TRY_LATER)
A batch (verify --batch) exits with its worst entry's code, in this order:
  4 failed > 3 malformed > 2 unreadable > 5 indeterminate > 0 passed";

/// A command that could not finish: the outcome and a one-line reason for stderr.
#[derive(Debug)]
pub struct Failure {
    /// The exit outcome.
    pub outcome: Outcome,
    /// One line, naming the file and the broken rule.
    pub message: String,
}

impl Failure {
    /// An input that could not be read.
    pub fn unreadable(path: &str, error: impl fmt::Display) -> Self {
        Self {
            outcome: Outcome::Unreadable,
            message: format!("{path}: cannot read: {error}"),
        }
    }

    /// An input that is malformed.
    pub fn malformed(path: &str, error: impl fmt::Display) -> Self {
        Self {
            outcome: Outcome::Malformed,
            message: format!("{path}: malformed: {error}"),
        }
    }
}

/// Parses the command line; `--help`/`--version` exit 0, any other mistake exits 1
/// (clap's own default of 2 would collide with "input unreadable").
pub fn parse_args<P: clap::Parser>() -> Result<P, ExitCode> {
    P::try_parse().map_err(|error| {
        let _ = error.print();
        if error.use_stderr() {
            Outcome::Usage.into()
        } else {
            Outcome::Passed.into()
        }
    })
}

/// A binary's whole `main`: parses the command line ([`parse_args`]), runs the command
/// and turns its outcome, or its failure ([`report_failure`]), into the exit code.
pub fn run_main<P: clap::Parser>(
    tool: &str,
    run: impl FnOnce(P) -> Result<Outcome, Failure>,
) -> ExitCode {
    let cli: P = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(outcome) => outcome.into(),
        Err(failure) => report_failure(tool, &failure),
    }
}

/// Prints a failure to stderr as `<tool>: <message>` and returns its exit code; the
/// message, which can quote input, is escaped for the terminal (a newline in it shows
/// as `\x0a`).
pub fn report_failure(tool: &str, failure: &Failure) -> ExitCode {
    crate::output::stderr_line(&format!(
        "{tool}: {}",
        crate::terminal_text::escape(&failure.message)
    ));
    failure.outcome.into()
}
