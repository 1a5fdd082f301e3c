//! `verify-sig chain`: builds and validates the certification path of a certificate
//! against `--cafile` anchors, as `openssl verify` does, with RFC 5280 policy inputs.

use baytrust::{CertificateDer, ChainOptions, Indication, PolicyInputs, Purpose, Time};

use crate::anchors::TrustArgs;
use crate::exit::{Failure, Outcome};
use crate::input::read_certificates;
use crate::revocation::RevocationArgs;

/// The options of one `chain` run, as parsed from the command line.
#[derive(Debug)]
pub struct ChainRequest {
    /// The file whose first certificate is validated; any others join the pool.
    pub cert: String,
    /// Files of untrusted intermediates.
    pub untrusted: Vec<String>,
    /// Anchors, trust lists and the relying party's acceptance.
    pub trust: TrustArgs,
    /// The validation time (`--attime`).
    pub time: Time,
    /// The current time (`--now`): lists and operators are judged at it.
    pub now: Time,
    /// RFC 5280 policy inputs.
    pub policy: PolicyInputs,
    /// What the certificate is for.
    pub purpose: Purpose,
    /// `--crl`, `--ocsp`, `--revocation`.
    pub revocation: RevocationArgs,
    /// `--max-depth N`: at most N intermediate CA certificates (as `openssl verify
    /// -verify_depth`: neither the end entity nor the anchor counts).
    pub max_depth: Option<usize>,
}

/// What `chain --json` prints: the library's verdict on the path.
pub use baytrust::ChainReport;

/// The exit outcome of a chain report, from its ETSI indication as `verify`'s: 0
/// `TOTAL_PASSED`, 4 `TOTAL_FAILED` (revoked, not recognised, a broken signature…), 5
/// `INDETERMINATE` (no path, expired without proof of existence, revocation unknown
/// under `require`, `NOT_RECOGNISED_NO_POE`, `TRY_LATER`).
pub fn chain_outcome(report: &ChainReport) -> Outcome {
    match report.indication {
        Indication::TotalPassed => Outcome::Passed,
        Indication::TotalFailed => Outcome::TotalFailed,
        Indication::Indeterminate => Outcome::Indeterminate,
    }
}

/// The indication line of `chain`'s text output: `Indication: TOTAL_PASSED`, or with
/// its sub-indication, `Indication: INDETERMINATE / TRY_LATER`.
pub fn indication_line(report: &ChainReport) -> String {
    match report.sub_indication {
        Some(sub) => format!(
            "Indication: {} / {}\n",
            report.indication.as_str(),
            sub.as_str()
        ),
        None => format!("Indication: {}\n", report.indication.as_str()),
    }
}

/// Parses a `--purpose` value.
pub fn parse_purpose(text: &str) -> Result<Purpose, String> {
    match text {
        "sign" => Ok(Purpose::Sign),
        "client" => Ok(Purpose::Client),
        "server" => Ok(Purpose::Server),
        "any" => Ok(Purpose::Any),
        _ => Err(format!("{text:?} is not one of sign, client, server, any")),
    }
}

/// Runs the validation and builds the report.
pub fn run_chain(request: &ChainRequest) -> Result<ChainReport, Failure> {
    let verifier = request.trust.verifier(request.now)?;
    let cert_ders = read_certificates(&request.cert)?;
    let mut pool: Vec<CertificateDer> = cert_ders.iter().skip(1).cloned().collect();
    for path in &request.untrusted {
        pool.extend(read_certificates(path)?);
    }
    let leaf = cert_ders
        .first()
        .ok_or_else(|| Failure::malformed(&request.cert, "no certificate"))?;
    let sources = request.revocation.sources()?;
    let mut options = ChainOptions::new(request.time);
    options.purpose = request.purpose;
    options.policy = request.policy.clone();
    options.revocation.mode = Some(request.revocation.revocation);
    options.revocation.sources = vec![&sources];
    if let Some(depth) = request.max_depth {
        options.max_path_len = depth.saturating_add(1);
    }
    verifier
        .verify_certificate(leaf, &pool, &options)
        .map_err(|e| Failure::malformed(&request.cert, e))
}
