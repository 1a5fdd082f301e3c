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
    /// The legal entity the signer's certificate names.
    pub entity: Option<LegalEntity>,
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
    pub fn fail(&mut self, sub_indication: SubIndication, reason: String) {
        self.indication = sub_indication.indication();
        self.sub_indication = Some(sub_indication);
        self.reason = reason;
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
