//! `ChainReport`: the verdict on one certificate's path — RFC 5280 validation, then the
//! trust lists' recognition when lists are loaded — the question `verify_cms` answers
//! for each signer, asked of a certificate alone (TLS peers, `verify-sig chain`).

use serde::Serialize;

use crate::identity::{Jurisdiction, LegalEntity};
use crate::path::{PolicySet, RevocationMode};
use crate::report::{CertificateRef, Indication, Recognition, SubIndication};

/// What [`Verifier::verify_certificate`](crate::Verifier::verify_certificate) found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// Whether the path is valid and, with trust lists, recognised: exactly when
    /// `indication` is `TOTAL_PASSED`.
    pub valid: bool,
    /// The ETSI EN 319 102-1 indication the path would give a signature by the
    /// certificate: `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
    pub indication: Indication,
    /// Its sub-indication (`REVOKED_NO_POE`, `TRY_LATER`, `OUT_OF_BOUNDS_NO_POE`…).
    pub sub_indication: Option<SubIndication>,
    /// The revocation mode the path was judged under.
    pub revocation_mode: RevocationMode,
    /// The error's kind when not valid: the path error's (`CertificateExpired`, …), or
    /// `NotRecognised`, `NotRecognisedNoPoe` (recognised only earlier in the
    /// certificate's life), `TryLater` (only a stale list) or `IdentityConflict`.
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
    /// The legal entity the certificate names, **validated**: set only when `valid`
    /// (read through the recognising service's identity profile, or, with plain
    /// anchors, the built-in profiles).
    pub entity: Option<LegalEntity>,
    /// For a certificate that is not valid: the legal entity it claims, not validated.
    pub claimed_entity: Option<LegalEntity>,
}

impl ChainReport {
    /// A report for a path that did not validate (or was refused after validating).
    pub(crate) fn refused(
        revocation_mode: RevocationMode,
        sub_indication: SubIndication,
        error_kind: &'static str,
        error: String,
    ) -> Self {
        Self {
            valid: false,
            indication: sub_indication.indication(),
            sub_indication: Some(sub_indication),
            revocation_mode,
            error_kind: Some(error_kind),
            error: Some(error),
            anchor_jurisdiction: None,
            chain: Vec::new(),
            user_constrained_policy_set: None,
            recognition: None,
            entity: None,
            claimed_entity: None,
        }
    }
}
