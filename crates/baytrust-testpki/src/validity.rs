//! The fixed validity periods (UTC) of the test PKI. Tests validate at
//! 2026-06-01T00:00:00Z, inside every period here except the edge cases'.

use rcgen::{date_time_ymd, CertificateParams};

/// A certificate validity period, from midnight UTC of `not_before` to midnight UTC of
/// `not_after`, each given as (year, month, day).
#[derive(Clone, Copy, Debug)]
pub struct Validity {
    /// notBefore as (year, month, day).
    pub not_before: (i32, u8, u8),
    /// notAfter as (year, month, day).
    pub not_after: (i32, u8, u8),
}

impl Validity {
    /// Sets `params`' notBefore and notAfter to this period.
    pub fn apply(self, params: &mut CertificateParams) {
        let (y, m, d) = self.not_before;
        params.not_before = date_time_ymd(y, m, d);
        let (y, m, d) = self.not_after;
        params.not_after = date_time_ymd(y, m, d);
    }
}

/// Root CAs: 2020-01-01 → 2045-01-01.
pub const ROOT: Validity = Validity {
    not_before: (2020, 1, 1),
    not_after: (2045, 1, 1),
};

/// Current issuing CAs (and other current intermediates): 2024-01-01 → 2040-01-01.
pub const ISSUING: Validity = Validity {
    not_before: (2024, 1, 1),
    not_after: (2040, 1, 1),
};

/// Retired issuing CAs, still time-valid: 2018-01-01 → 2030-01-01.
pub const RETIRED: Validity = Validity {
    not_before: (2018, 1, 1),
    not_after: (2030, 1, 1),
};

/// Organisation leaves: 2025-01-01 → 2028-01-01.
pub const LEAF: Validity = Validity {
    not_before: (2025, 1, 1),
    not_after: (2028, 1, 1),
};

/// The expired edge-case leaf: 2020-01-01 → 2022-01-01.
pub const EXPIRED: Validity = Validity {
    not_before: (2020, 1, 1),
    not_after: (2022, 1, 1),
};

/// The not-yet-valid edge-case leaf: 2030-01-01 → 2032-01-01.
pub const NOT_YET_VALID: Validity = Validity {
    not_before: (2030, 1, 1),
    not_after: (2032, 1, 1),
};
