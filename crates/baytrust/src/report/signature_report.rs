//! `Report` and `SignerReport`: the verdict on a signature and on each of its signers.

use serde::Serialize;

use super::{CertificateRef, Indication, SubIndication};
use crate::identity::{Jurisdiction, LegalEntity};
use crate::Time;

/// Which trust list recognised a signer (filled in once trust lists are configured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognition {
    /// The jurisdiction whose list recognised the signer.
    pub jurisdiction: Jurisdiction,
    /// The list's sequence number.
    pub trust_list_sequence: u64,
    /// The recognised service's name.
    pub service: String,
    /// The policy OID that matched.
    pub policy: String,
    /// The time the service's status was read at: the proven signing time when one was
    /// given (and not after the validation time), else the validation time.
    pub status_time: Time,
}

/// The verdict on one signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerReport {
    /// The signer's indication.
    pub indication: Indication,
    /// Why it is not `TOTAL_PASSED`.
    pub sub_indication: Option<SubIndication>,
    /// A sentence naming the rule and the certificate.
    pub reason: String,
    /// The legal entity that signed, **validated**: set only when every check passed
    /// (read through the recognising service's identity profile, or, with plain
    /// anchors, the built-in profiles). Never set for a signer that failed.
    pub entity: Option<LegalEntity>,
    /// For a signer whose checks did not all pass: the legal entity its certificate
    /// claims, **not validated** — to show, never to rely on.
    pub claimed_entity: Option<LegalEntity>,
    /// Whether `entity` is a validated identity (`true` exactly when `entity` is set).
    pub entity_validated: bool,
    /// The signer's certificate.
    pub certificate: Option<CertificateRef>,
    /// The validated path, signer first, anchor last (empty when none validated).
    pub chain: Vec<CertificateRef>,
    /// The signingTime attribute: what the signer claims, not a proof.
    pub claimed_signing_time: Option<Time>,
    /// The signingTime was a UTCTime with a local offset (`260601080000+0800`, as some
    /// mainland signers write) instead of `Z` (RFC 5652 §11.3): it was converted to UTC
    /// for `claimed_signing_time`.
    pub signing_time_offset_normalised: bool,
    /// The digest algorithm (`SHA-256`, `SM3`…).
    pub digest_algorithm: String,
    /// The signature algorithm (`sha256WithRSAEncryption`, `SM2-with-SM3`…).
    pub signature_algorithm: String,
    /// The trust list and service that recognise the signer (null until trust lists
    /// are configured).
    pub recognition: Option<Recognition>,
}

impl SignerReport {
    /// Sets the verdict from a sub-indication (its indication follows) and a reason.
    /// A validated entity becomes a claimed one: a failed signer names no identity.
    pub fn fail(&mut self, sub_indication: SubIndication, reason: String) {
        self.indication = sub_indication.indication();
        self.sub_indication = Some(sub_indication);
        self.reason = reason;
        if let Some(entity) = self.entity.take() {
            self.claimed_entity.get_or_insert(entity);
        }
        self.entity_validated = false;
    }
}

/// The verdict on a whole signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `TOTAL_PASSED` only when every signer passed.
    pub indication: Indication,
    /// The sub-indication of the first signer that decided the indication.
    pub sub_indication: Option<SubIndication>,
    /// The time the signature was validated at.
    pub validation_time: Time,
    /// Each signer, in SignerInfo order.
    pub signers: Vec<SignerReport>,
}

impl Report {
    /// Combines the signers' verdicts: `TOTAL_FAILED` if any signer failed, else
    /// `INDETERMINATE` if any is indeterminate, else `TOTAL_PASSED` (a signature with
    /// no signer at all is a `FORMAT_FAILURE`).
    pub fn from_signers(validation_time: Time, signers: Vec<SignerReport>) -> Self {
        let deciding = signers
            .iter()
            .find(|s| s.indication == Indication::TotalFailed)
            .or_else(|| {
                signers
                    .iter()
                    .find(|s| s.indication == Indication::Indeterminate)
            });
        let (indication, sub_indication) = match (deciding, signers.is_empty()) {
            (Some(signer), _) => (signer.indication, signer.sub_indication),
            (None, true) => (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
            (None, false) => (Indication::TotalPassed, None),
        };
        Self {
            indication,
            sub_indication,
            validation_time,
            signers,
        }
    }
}
