//! Trust inputs named on the command line, shared by `chain` and `verify`: plain
//! anchors (`--cafile [JUR:]FILE`), signed trust lists (`--trust-list [JUR:]FILE`) with
//! the operator certificates pinned per jurisdiction (`--operator-cert [JUR:]FILE`), the
//! relying party's home jurisdiction and accepted lists, and the current time (`--now`)
//! at which lists and their operators are judged.

use std::collections::{BTreeMap, BTreeSet};

use baytrust::{
    CertificateDer, CertificateInfo, Jurisdiction, RelyingPartyPolicy, StaleListPolicy, Time,
    TrustAnchor, TrustList, TrustStore, TrustStoreBuilder, Verifier,
};

use crate::exit::{Failure, Outcome};
use crate::input::{read_certificates, read_input};

/// The trust options of `chain` and `verify`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TrustArgs {
    /// A trust anchor file, optionally prefixed with the jurisdiction that trusts it:
    /// `HK:root.pem` (repeatable). Without a prefix, the anchor's country.
    #[arg(long, value_name = "[JUR:]FILE")]
    pub cafile: Vec<String>,
    /// A signed trust list (CMS, `baytrust-trust-list/1`; repeatable), optionally
    /// prefixed with the jurisdiction it must speak for: `CN:cn.p7s`. It loads only if
    /// signed under an `--operator-cert` pinned for that jurisdiction (without a prefix,
    /// the jurisdiction the list names selects which pinned operators are tried) and
    /// names that jurisdiction.
    #[arg(long, value_name = "[JUR:]FILE")]
    pub trust_list: Vec<String>,
    /// A trust-list operator certificate, pinned for one jurisdiction: `HK:op.pem`
    /// (repeatable). Without a prefix, the certificate's subject country, which must
    /// then be CN, HK or MO. An operator speaks only for its own jurisdiction's list.
    #[arg(long, value_name = "[JUR:]FILE")]
    pub operator_cert: Vec<String>,
    /// INSECURE, for development: an unsigned trust-list JSON file, trusted as is.
    #[arg(long, value_name = "FILE")]
    pub insecure_unsigned_trust_list: Vec<String>,
    /// The relying party's own jurisdiction, whose list it always accepts.
    #[arg(long, value_name = "CN|HK|MO")]
    pub home: Option<String>,
    /// Accept only the lists of these jurisdictions (repeatable; default: every list
    /// given).
    #[arg(long, value_name = "CN|HK|MO")]
    pub accept: Vec<String>,
    /// Load a trust list that is past its next_update (reporting INDETERMINATE for what
    /// it recognises) instead of refusing it.
    #[arg(long)]
    pub accept_stale_trust_list: bool,
    /// The current time, RFC 3339 (default: the system clock): trust lists must be
    /// fresh and their operators' certificates valid at it. Signatures are checked at
    /// `--attime`, which defaults to this time.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

/// A trust list the relying party refuses to load (exit 3), naming the rule and its
/// error kind (`TrustListStale`, `TrustListOperatorUnknown`, …).
fn refused(path: &str, error: &baytrust::Error) -> Failure {
    Failure {
        outcome: Outcome::Malformed,
        message: format!("{path}: trust list refused: {error} [{}]", error.kind()),
    }
}

fn jurisdiction_arg(flag: &str, code: &str) -> Result<Jurisdiction, Failure> {
    code.parse().map_err(|e| Failure {
        outcome: Outcome::Usage,
        message: format!("{flag} {code}: {e}"),
    })
}

/// Splits `JUR:rest` when `JUR` is CN, HK or MO; otherwise the whole argument is a path.
fn split_jurisdiction(argument: &str) -> (Option<Jurisdiction>, &str) {
    match argument.split_once(':') {
        Some((code, path)) => match code.parse::<Jurisdiction>() {
            Ok(jurisdiction) => (Some(jurisdiction), path),
            Err(_) => (None, argument),
        },
        None => (None, argument),
    }
}

/// The operator certificates pinned for each jurisdiction.
type PinnedOperators = BTreeMap<Jurisdiction, Vec<CertificateDer>>;

impl TrustArgs {
    /// The current time: `--now`, or the system clock.
    pub fn now(&self) -> Result<Time, Failure> {
        crate::clock::time_or_now(self.now.as_deref(), "--now")
    }

    /// `--operator-cert [JUR:]FILE`, grouped by jurisdiction. A bare file is pinned for
    /// its certificate's subject country; a certificate whose country is not CN, HK or
    /// MO must be given with the jurisdiction (usage error, exit 1).
    fn pinned_operators(&self) -> Result<PinnedOperators, Failure> {
        let mut pinned = PinnedOperators::new();
        for argument in &self.operator_cert {
            let (given, path) = split_jurisdiction(argument);
            for der in read_certificates(path)? {
                let jurisdiction = match given {
                    Some(jurisdiction) => jurisdiction,
                    None => {
                        let certificate = CertificateInfo::parse(&der)
                            .map_err(|e| Failure::malformed(path, e))?;
                        anchor_country(&certificate).ok_or_else(|| Failure {
                            outcome: Outcome::Usage,
                            message: format!(
                                "--operator-cert {path}: the certificate's country is not CN, HK or MO; \
                                 pin it for the jurisdiction whose lists it signs: use JUR:FILE, e.g. \
                                 --operator-cert HK:{path}"
                            ),
                        })?
                    }
                };
                pinned.entry(jurisdiction).or_default().push(der);
            }
        }
        Ok(pinned)
    }

    /// Loads one `--trust-list [JUR:]FILE` with the operators pinned for its
    /// jurisdiction: the prefix, else the jurisdiction the list names (read unverified,
    /// only to choose; the library refuses a list that does not name the jurisdiction
    /// it is loaded for), else — when the list cannot be read that far — the one
    /// jurisdiction operators are pinned for.
    fn load_list(
        &self,
        argument: &str,
        pinned: &PinnedOperators,
        now: Time,
        stale: StaleListPolicy,
    ) -> Result<TrustList, Failure> {
        let (given, path) = split_jurisdiction(argument);
        if path != "-" {
            if let Ok(metadata) = std::fs::metadata(path) {
                if metadata.len() > TrustList::MAX_SIGNED_BYTES as u64 {
                    let error = baytrust::Error::TrustListTooLarge {
                        size: usize::try_from(metadata.len()).unwrap_or(usize::MAX),
                        limit: TrustList::MAX_SIGNED_BYTES,
                    };
                    return Err(refused(path, &error));
                }
            }
        }
        let bytes = read_input(path)?;
        let jurisdiction = match given {
            Some(jurisdiction) => jurisdiction,
            None => match TrustList::claimed_jurisdiction_unverified(&bytes) {
                Ok(claimed) => claimed,
                Err(error) => match pinned.keys().collect::<Vec<_>>().as_slice() {
                    [only] => **only,
                    _ => {
                        return Err(Failure {
                            outcome: Outcome::Malformed,
                            message: format!(
                            "{path}: trust list refused: {error} [{}]; name the jurisdiction it \
                                 speaks for: --trust-list JUR:{path}",
                            error.kind()
                        ),
                        })
                    }
                },
            },
        };
        let operators = pinned
            .get(&jurisdiction)
            .map(Vec::as_slice)
            .unwrap_or_default();
        TrustList::load_signed(&bytes, jurisdiction, operators, now, stale)
            .map_err(|e| refused(path, &e))
    }

    /// Builds the verifier these options describe; `now` is when lists are judged
    /// stale and their operators' certificates valid (not the validation time).
    pub fn verifier(&self, now: Time) -> Result<Verifier, Failure> {
        let mut builder = anchors_into(TrustStore::builder(), &self.cafile)?;
        let pinned = self.pinned_operators()?;
        if !self.trust_list.is_empty() && pinned.is_empty() {
            return Err(Failure {
                outcome: Outcome::Usage,
                message: "--trust-list needs at least one --operator-cert to check its signature"
                    .into(),
            });
        }
        let stale = if self.accept_stale_trust_list {
            StaleListPolicy::AcceptAsIndeterminate
        } else {
            StaleListPolicy::Refuse
        };
        for argument in &self.trust_list {
            let list = self.load_list(argument, &pinned, now, stale)?;
            builder = builder
                .trust_list(list)
                .map_err(|e| refused(split_jurisdiction(argument).1, &e))?;
        }
        for path in &self.insecure_unsigned_trust_list {
            let bytes = read_input(path)?;
            let list =
                TrustList::from_json_unsigned_insecure(&bytes).map_err(|e| refused(path, &e))?;
            builder = builder.trust_list(list).map_err(|e| refused(path, &e))?;
        }
        let store = builder
            .build()
            .map_err(|e| Failure::malformed("trust inputs", e))?;
        let mut policy = RelyingPartyPolicy {
            home: self
                .home
                .as_deref()
                .map(|code| jurisdiction_arg("--home", code))
                .transpose()?,
            ..RelyingPartyPolicy::default()
        };
        if !self.accept.is_empty() {
            policy.accepted_lists = Some(
                self.accept
                    .iter()
                    .map(|code| jurisdiction_arg("--accept", code))
                    .collect::<Result<BTreeSet<_>, _>>()?,
            );
        }
        Ok(Verifier::new(store, policy))
    }
}

/// Adds `--cafile [JUR:]FILE` anchors to `builder`. Without a prefix, the jurisdiction
/// is the anchor's subject country.
fn anchors_into(
    mut builder: TrustStoreBuilder,
    cafiles: &[String],
) -> Result<TrustStoreBuilder, Failure> {
    for argument in cafiles {
        let (given, path) = split_jurisdiction(argument);
        for der in read_certificates(path)? {
            let certificate =
                CertificateInfo::parse(&der).map_err(|e| Failure::malformed(path, e))?;
            let jurisdiction = match given {
                Some(jurisdiction) => jurisdiction,
                None => anchor_country(&certificate).ok_or_else(|| Failure {
                    outcome: Outcome::Usage,
                    message: format!(
                        "{path}: the anchor's country is not CN, HK or MO; say which jurisdiction trusts it: --cafile HK:{path}"
                    ),
                })?,
            };
            let anchor = TrustAnchor::from_der(jurisdiction, &der)
                .map_err(|e| Failure::malformed(path, e))?;
            builder = builder.anchor(anchor);
        }
    }
    Ok(builder)
}

fn anchor_country(certificate: &CertificateInfo) -> Option<Jurisdiction> {
    certificate.subject.country()?.parse().ok()
}
