//! Delta CRLs (RFC 5280 §5.2.4, §6.3.3 (c)): when a delta CRL may be combined with a
//! complete CRL, and what the combination says about one certificate (a delta entry
//! wins; removeFromCRL lifts the complete CRL's entry).

use super::asn1::compare_numbers;
use super::crl::{Crl, RevokedEntry};
use super::reason::ReasonCode;
use crate::cert::Certificate;
use crate::message_text::hex_upper;
use crate::Error;

/// Whether `delta` updates `complete`: same issuer, same issuingDistributionPoint,
/// same authority key identifier (RFC 5280 §6.3.3 (c)(1)–(3)). `Ok(false)` for a delta
/// of another CRL. For a delta of this one, its BaseCRLNumber must not exceed the
/// complete CRL's cRLNumber ([`Error::DeltaCrlBaseTooNew`], §5.2.4) and its own
/// cRLNumber must be above it ([`Error::DeltaCrlNotNewer`]: an older delta says
/// nothing new).
pub fn delta_applies(complete: &Crl, delta: &Crl) -> Result<bool, Error> {
    if complete.is_delta()
        || !delta.is_delta()
        || complete.issuer() != delta.issuer()
        || complete.scope() != delta.scope()
        || complete.authority_key_id() != delta.authority_key_id()
    {
        return Ok(false);
    }
    let (Some(complete_number), Some(base)) = (complete.crl_number(), delta.base_crl_number())
    else {
        return Ok(false);
    };
    if compare_numbers(base, complete_number).is_gt() {
        return Err(Error::DeltaCrlBaseTooNew {
            base_crl_number: hex_upper(base),
            complete_crl_number: hex_upper(complete_number),
        });
    }
    match delta.crl_number() {
        Some(number) if compare_numbers(number, complete_number).is_gt() => Ok(true),
        number => Err(Error::DeltaCrlNotNewer {
            delta_crl_number: number.map(hex_upper).unwrap_or_else(|| "(none)".into()),
            complete_crl_number: hex_upper(complete_number),
        }),
    }
}

/// The entry for `certificate` once `delta` (already checked with [`delta_applies`])
/// is applied to `complete`: the delta's entry if it has one, unless it is
/// removeFromCRL, which means "no longer revoked"; else the complete CRL's entry.
pub fn combined_entry(
    complete: &Crl,
    delta: Option<&Crl>,
    certificate: &Certificate<'_>,
) -> Option<RevokedEntry> {
    if let Some(delta) = delta {
        if let Some(entry) = delta.entry_for(certificate) {
            return (entry.reason != Some(ReasonCode::RemoveFromCrl)).then_some(entry);
        }
    }
    complete.entry_for(certificate)
}
