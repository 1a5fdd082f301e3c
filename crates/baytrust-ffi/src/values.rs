//! The C enumerations of library values — jurisdictions, revocation modes, indications —
//! and their conversions. Numbering starts at 1 so that zeroed memory is no value (and
//! never reads as "passed").

use baytrust::{Indication, Jurisdiction, RevocationMode};

use crate::result::bt_result;

/// One of the three Greater Bay Area jurisdictions.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum bt_jurisdiction {
    /// Mainland China (`CN`): USCC identifiers (`NTRCN-…`).
    BT_JURISDICTION_CN = 1,
    /// Hong Kong (`HK`): business registration numbers (`NTRHK-…`).
    BT_JURISDICTION_HK = 2,
    /// Macao (`MO`): commercial registration numbers (`NTRMO-…`).
    BT_JURISDICTION_MO = 3,
}

impl bt_jurisdiction {
    /// The library jurisdiction of raw value `value`, or `BT_RESULT_INVALID_JURISDICTION`.
    pub fn from_raw(value: u32) -> Result<Jurisdiction, bt_result> {
        match value {
            1 => Ok(Jurisdiction::Cn),
            2 => Ok(Jurisdiction::Hk),
            3 => Ok(Jurisdiction::Mo),
            _ => Err(bt_result::BT_RESULT_INVALID_JURISDICTION),
        }
    }
}

impl From<Jurisdiction> for bt_jurisdiction {
    fn from(jurisdiction: Jurisdiction) -> Self {
        match jurisdiction {
            Jurisdiction::Cn => bt_jurisdiction::BT_JURISDICTION_CN,
            Jurisdiction::Hk => bt_jurisdiction::BT_JURISDICTION_HK,
            Jurisdiction::Mo => bt_jurisdiction::BT_JURISDICTION_MO,
        }
    }
}

/// What a missing revocation status means for a verifier.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum bt_revocation {
    /// Every certificate below the anchor needs a status (from a CRL added with
    /// `bt_verifier_builder_add_crl` or embedded in the signature); a missing one makes
    /// the signer `BT_INDICATION_INDETERMINATE`.
    BT_REVOCATION_REQUIRE = 1,
    /// The statuses at hand are used (a revoked certificate fails); a missing one is
    /// noted in the report only. The default.
    BT_REVOCATION_PREFER = 2,
    /// No revocation checking.
    BT_REVOCATION_OFF = 3,
}

impl bt_revocation {
    /// The library mode of raw value `value`, or `BT_RESULT_INVALID_REVOCATION_MODE`.
    pub fn from_raw(value: u32) -> Result<RevocationMode, bt_result> {
        match value {
            1 => Ok(RevocationMode::Require),
            2 => Ok(RevocationMode::Prefer),
            3 => Ok(RevocationMode::Off),
            _ => Err(bt_result::BT_RESULT_INVALID_REVOCATION_MODE),
        }
    }
}

/// The ETSI EN 319 102-1 verdict on a signature.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum bt_indication {
    /// Every signer passed every check: the signature may be relied on.
    BT_INDICATION_TOTAL_PASSED = 1,
    /// A check failed in a way more information cannot change (bad signature, tampered
    /// content, revoked certificate…).
    BT_INDICATION_TOTAL_FAILED = 2,
    /// The checks could not conclude (no path to a trusted anchor, expired certificate,
    /// no revocation status when required…). Do not rely on the signature.
    BT_INDICATION_INDETERMINATE = 3,
}

impl From<Indication> for bt_indication {
    fn from(indication: Indication) -> Self {
        match indication {
            Indication::TotalPassed => bt_indication::BT_INDICATION_TOTAL_PASSED,
            Indication::TotalFailed => bt_indication::BT_INDICATION_TOTAL_FAILED,
            Indication::Indeterminate => bt_indication::BT_INDICATION_INDETERMINATE,
        }
    }
}
