//! `verify-sig chain`: builds and validates the certification path of a certificate
//! against `--cafile` anchors, as `openssl verify` does, with RFC 5280 policy inputs.

use serde::Serialize;

use baytrust::cert::{Certificate, CertificateDer};
use baytrust::identity::Jurisdiction;
use baytrust::path::{ChainOptions, PolicyInputs, PolicySet, Purpose};
use baytrust::report::{CertificateRef, Indication, Recognition, SubIndication};
use baytrust::Time;

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

/// What `chain --json` prints.
#[derive(Debug, Serialize)]
pub struct ChainReport {
    /// Whether a valid path was found.
    pub valid: bool,
    /// The ETSI EN 319 102-1 indication the path would give a signature by the
    /// certificate: `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
    pub indication: Indication,
    /// Its sub-indication (`REVOKED_NO_POE`, `TRY_LATER`, `OUT_OF_BOUNDS_NO_POE`…).
    pub sub_indication: Option<SubIndication>,
    /// The revocation mode the path was judged under.
    pub revocation_mode: baytrust::path::RevocationMode,
    /// The error's kind when not valid: the path error's (`CertificateExpired`, …), or
    /// `NotRecognised`, `NotRecognisedNoPoe` (recognised only earlier in the
    /// certificate's life) or `TryLater` (only a stale list) for recognition.
    pub error_kind: Option<&'static str>,
    /// The error as a sentence when not valid.
    pub error: Option<String>,
    /// The jurisdiction of the anchor reached.
    pub anchor_jurisdiction: Option<Jurisdiction>,
    /// The path, end entity first, anchor last, each certificate below the anchor with
    /// its revocation status and source; empty when no path validated (a path refused
    /// only for revocation is shown).
    pub chain: Vec<CertificateRef>,
    /// The RFC 5280 user-constrained-policy-set of a valid path.
    pub user_constrained_policy_set: Option<PolicySet>,
    /// The trust list and service recognising the certificate (null without lists).
    pub recognition: Option<Recognition>,
}

impl ChainReport {
    /// The exit outcome: 0 valid, 4 not.
    pub fn outcome(&self) -> Outcome {
        if self.valid {
            Outcome::Passed
        } else {
            Outcome::TotalFailed
        }
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
    // The issuing CAs the trust lists name come first: the path builder tries
    // same-named candidates in pool order, so decoys given with `--untrusted` cannot
    // spend the budget before a listed CA is tried (as `Verifier::verify_cms` orders it).
    let mut pool_ders: Vec<CertificateDer> = verifier.store().listed_intermediates().to_vec();
    pool_ders.extend(cert_ders.iter().skip(1).cloned());
    for path in &request.untrusted {
        pool_ders.extend(read_certificates(path)?);
    }
    let leaf_der = cert_ders
        .first()
        .ok_or_else(|| Failure::malformed(&request.cert, "no certificate"))?;
    let leaf = leaf_der
        .parse()
        .map_err(|e| Failure::malformed(&request.cert, e))?;
    let pool: Vec<Certificate<'_>> = pool_ders
        .iter()
        .map(CertificateDer::parse)
        .collect::<Result<_, _>>()
        .map_err(|e| Failure::malformed("--untrusted", e))?;

    let sources = request.revocation.sources()?;
    let mut options = ChainOptions::new(request.time);
    options.purpose = request.purpose;
    options.policy = request.policy.clone();
    options.revocation.mode = Some(request.revocation.revocation);
    options.revocation.sources = vec![&sources];
    if let Some(depth) = request.max_depth {
        options.max_path_len = depth.saturating_add(1);
    }
    let revocation_mode = request.revocation.revocation;
    Ok(
        match verifier.verify_chain_and_revocation(&leaf, &pool, &options) {
            Ok((chain, verdict)) => {
                let mut entries: Vec<CertificateRef> = chain
                    .certificates
                    .iter()
                    .zip(&chain.revocation)
                    .map(|(c, status)| CertificateRef::with_revocation(c, status))
                    .collect();
                if let Ok(anchor) = Certificate::from_der(chain.anchor.der()) {
                    entries.push(CertificateRef::of(&anchor));
                }
                if let Err(error) = verdict {
                    let sub_indication = SubIndication::of_chain_error(&error);
                    return Ok(ChainReport {
                        valid: false,
                        indication: sub_indication.indication(),
                        sub_indication: Some(sub_indication),
                        revocation_mode,
                        error_kind: Some(error.kind()),
                        error: Some(error.to_string()),
                        anchor_jurisdiction: Some(chain.anchor_jurisdiction()),
                        chain: entries,
                        user_constrained_policy_set: None,
                        recognition: None,
                    });
                }
                let (recognition, not_recognised) =
                    match verifier.recognise(&chain, request.time, None) {
                        None => (None, None),
                        Some(Ok(recognised)) => (Some(recognised.recognition), None),
                        Some(Err(not)) => (None, Some(not)),
                    };
                let sub_indication = not_recognised.as_ref().map(|not| not.sub_indication);
                ChainReport {
                    valid: not_recognised.is_none(),
                    indication: sub_indication.map_or(Indication::TotalPassed, |s| s.indication()),
                    sub_indication,
                    revocation_mode,
                    error_kind: not_recognised.as_ref().map(|not| match not.sub_indication {
                        SubIndication::NotRecognisedNoPoe => "NotRecognisedNoPoe",
                        SubIndication::TryLater => "TryLater",
                        _ => "NotRecognised",
                    }),
                    error: not_recognised.map(|not| format!("not recognised: {}", not.rule)),
                    anchor_jurisdiction: Some(chain.anchor_jurisdiction()),
                    chain: entries,
                    user_constrained_policy_set: Some(chain.user_constrained_policy_set.clone()),
                    recognition,
                }
            }
            Err(error) => ChainReport {
                valid: false,
                indication: SubIndication::of_chain_error(&error).indication(),
                sub_indication: Some(SubIndication::of_chain_error(&error)),
                revocation_mode,
                error_kind: Some(error.kind()),
                error: Some(error.to_string()),
                anchor_jurisdiction: None,
                chain: Vec::new(),
                user_constrained_policy_set: None,
                recognition: None,
            },
        },
    )
}
