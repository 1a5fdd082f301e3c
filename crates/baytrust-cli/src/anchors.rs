//! Trust inputs named on the command line, shared by `chain` and `verify`: plain
//! anchors (`--cafile [JUR:]FILE`), signed trust lists with the operator certificates
//! that must have signed them, the relying party's home jurisdiction and accepted lists,
//! and extra certificates (`--untrusted FILE`).

use std::collections::BTreeSet;

use baytrust::cert::Certificate;
use baytrust::identity::Jurisdiction;
use baytrust::trust::{StaleListPolicy, TrustAnchor, TrustList, TrustStore, TrustStoreBuilder};
use baytrust::verifier::{RelyingPartyPolicy, Verifier};
use baytrust::Time;

use crate::exit::{Failure, Outcome};
use crate::input::{read_certificates, read_input};

/// The trust options of `chain` and `verify`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TrustArgs {
    /// A trust anchor file, optionally prefixed with the jurisdiction that trusts it:
    /// `HK:root.pem` (repeatable). Without a prefix, the anchor's country.
    #[arg(long, value_name = "[JUR:]FILE")]
    pub cafile: Vec<String>,
    /// A signed trust list (CMS, `baytrust-trust-list/1`; repeatable). It loads only if
    /// signed under one of the `--operator-cert` certificates.
    #[arg(long, value_name = "FILE")]
    pub trust_list: Vec<String>,
    /// A trust-list operator certificate the lists must be signed under (repeatable).
    #[arg(long, value_name = "FILE")]
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

impl TrustArgs {
    /// Builds the verifier these options describe; `time` is when lists are judged
    /// stale and their operators' certificates valid.
    pub fn verifier(&self, time: Time) -> Result<Verifier, Failure> {
        let mut builder = anchors_into(TrustStore::builder(), &self.cafile)?;
        let mut operators = Vec::new();
        for path in &self.operator_cert {
            operators.extend(read_certificates(path)?);
        }
        if !self.trust_list.is_empty() && operators.is_empty() {
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
        for path in &self.trust_list {
            let bytes = read_input(path)?;
            let list = TrustList::load_signed(&bytes, &operators, time, stale)
                .map_err(|e| refused(path, &e))?;
            builder = builder.trust_list(list).map_err(|e| refused(path, &e))?;
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
        let (given, path) = match argument.split_once(':') {
            Some((code, path)) if code.parse::<Jurisdiction>().is_ok() => (code.parse().ok(), path),
            _ => (None, argument.as_str()),
        };
        for der in read_certificates(path)? {
            let certificate = der.parse().map_err(|e| Failure::malformed(path, e))?;
            let jurisdiction = match given {
                Some(jurisdiction) => jurisdiction,
                None => anchor_country(&certificate).ok_or_else(|| Failure {
                    outcome: Outcome::Usage,
                    message: format!(
                        "{path}: the anchor's country is not CN, HK or MO; say which jurisdiction trusts it: --cafile HK:{path}"
                    ),
                })?,
            };
            let anchor = TrustAnchor::new(jurisdiction, &certificate)
                .map_err(|e| Failure::malformed(path, e))?;
            builder = builder.anchor(anchor);
        }
    }
    Ok(builder)
}

fn anchor_country(certificate: &Certificate<'_>) -> Option<Jurisdiction> {
    certificate
        .subject_attribute_texts(baytrust::oid::COUNTRY_NAME)
        .ok()?
        .first()?
        .parse()
        .ok()
}
