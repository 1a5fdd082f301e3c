//! Revocation reasons: the `CRLReason` code of a CRL entry or OCSP response
//! (RFC 5280 §5.3.1) and the `ReasonFlags` sets that scope CRLs and distribution points
//! (RFC 5280 §4.2.1.13, §5.2.5).

use std::fmt;

/// `CRLReason` (RFC 5280 §5.3.1). Value 7 is unassigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonCode {
    /// `unspecified (0)`.
    Unspecified,
    /// `keyCompromise (1)`.
    KeyCompromise,
    /// `cACompromise (2)`.
    #[serde(rename = "cACompromise")]
    CaCompromise,
    /// `affiliationChanged (3)`.
    AffiliationChanged,
    /// `superseded (4)`.
    Superseded,
    /// `cessationOfOperation (5)`.
    CessationOfOperation,
    /// `certificateHold (6)`.
    CertificateHold,
    /// `removeFromCRL (8)`: only in delta CRLs, where it lifts a hold.
    #[serde(rename = "removeFromCRL")]
    RemoveFromCrl,
    /// `privilegeWithdrawn (9)`.
    PrivilegeWithdrawn,
    /// `aACompromise (10)`.
    #[serde(rename = "aACompromise")]
    AaCompromise,
}

impl ReasonCode {
    /// The code for its ENUMERATED value, `None` for 7 and values above 10.
    pub fn from_value(value: u8) -> Option<Self> {
        Some(match value {
            0 => Self::Unspecified,
            1 => Self::KeyCompromise,
            2 => Self::CaCompromise,
            3 => Self::AffiliationChanged,
            4 => Self::Superseded,
            5 => Self::CessationOfOperation,
            6 => Self::CertificateHold,
            8 => Self::RemoveFromCrl,
            9 => Self::PrivilegeWithdrawn,
            10 => Self::AaCompromise,
            _ => return None,
        })
    }

    /// Its ENUMERATED value.
    pub fn value(self) -> u8 {
        match self {
            Self::Unspecified => 0,
            Self::KeyCompromise => 1,
            Self::CaCompromise => 2,
            Self::AffiliationChanged => 3,
            Self::Superseded => 4,
            Self::CessationOfOperation => 5,
            Self::CertificateHold => 6,
            Self::RemoveFromCrl => 8,
            Self::PrivilegeWithdrawn => 9,
            Self::AaCompromise => 10,
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unspecified => "unspecified",
            Self::KeyCompromise => "keyCompromise",
            Self::CaCompromise => "cACompromise",
            Self::AffiliationChanged => "affiliationChanged",
            Self::Superseded => "superseded",
            Self::CessationOfOperation => "cessationOfOperation",
            Self::CertificateHold => "certificateHold",
            Self::RemoveFromCrl => "removeFromCRL",
            Self::PrivilegeWithdrawn => "privilegeWithdrawn",
            Self::AaCompromise => "aACompromise",
        })
    }
}

/// A set of `ReasonFlags` (RFC 5280 §4.2.1.13): bit 1 keyCompromise … bit 8
/// aACompromise; bit 0 (`unused`) is never a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReasonSet(u16);

/// The names of the reason bits, by bit number.
const REASON_NAMES: [&str; 9] = [
    "unused",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "privilegeWithdrawn",
    "aACompromise",
];

impl ReasonSet {
    /// Every reason (bits 1–8): what a CRL without onlySomeReasons covers.
    pub const ALL: ReasonSet = ReasonSet(0b1_1111_1110);
    /// No reason.
    pub const NONE: ReasonSet = ReasonSet(0);

    /// The set of a decoded `ReasonFlags` BIT STRING (bit `i` at `1 << i`); bit 0 and
    /// bits past 8 are dropped.
    pub fn from_bits(bits: u32) -> Self {
        // Masked to bits 1..=8 first, so the value always fits a u16.
        Self(u16::try_from(bits & u32::from(Self::ALL.0)).unwrap_or(0))
    }

    /// Both sets' reasons.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The reasons in both sets.
    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The reasons of [`ReasonSet::ALL`] not in this set.
    pub fn missing(self) -> Self {
        Self(Self::ALL.0 & !self.0)
    }

    /// Whether every reason is in the set.
    pub fn is_all(self) -> bool {
        self.0 & Self::ALL.0 == Self::ALL.0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 & Self::ALL.0 == 0
    }
}

impl fmt::Display for ReasonSet {
    /// The reason names joined by `,` (`keyCompromise,cACompromise`), or `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = REASON_NAMES
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(bit, _)| self.0 & (1 << bit) != 0)
            .map(|(_, name)| *name)
            .collect();
        if names.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&names.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_code_seven_and_above_ten_are_not_reasons() {
        assert_eq!(ReasonCode::from_value(7), None);
        assert_eq!(ReasonCode::from_value(11), None);
        for value in [0u8, 1, 2, 3, 4, 5, 6, 8, 9, 10] {
            assert_eq!(
                ReasonCode::from_value(value).map(ReasonCode::value),
                Some(value)
            );
        }
    }

    #[test]
    fn reason_sets_cover_all_only_with_every_bit_from_one_to_eight() {
        let some = ReasonSet::from_bits(0b110);
        assert!(!some.is_all());
        assert_eq!(some.to_string(), "keyCompromise,cACompromise");
        assert!(some.union(some.missing()).is_all());
        assert_eq!(ReasonSet::from_bits(1), ReasonSet::NONE);
    }
}
