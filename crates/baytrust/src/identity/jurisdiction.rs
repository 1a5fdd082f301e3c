//! `Jurisdiction`: mainland China (Guangdong), Hong Kong, Macao.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// One of the three GBA jurisdictions, each with its own PKI, law and registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Jurisdiction {
    /// Mainland China (`CN`): PRC Electronic Signature Law; USCC identifiers.
    Cn,
    /// Hong Kong (`HK`): Electronic Transactions Ordinance (Cap. 553); BRN identifiers.
    Hk,
    /// Macao (`MO`): Law 5/2005; commercial registration numbers.
    Mo,
}

impl Jurisdiction {
    /// All three, in a fixed order.
    pub const ALL: [Jurisdiction; 3] = [Jurisdiction::Cn, Jurisdiction::Hk, Jurisdiction::Mo];

    /// The ISO 3166-1 alpha-2 code: `CN`, `HK` or `MO`.
    pub const fn code(self) -> &'static str {
        match self {
            Jurisdiction::Cn => "CN",
            Jurisdiction::Hk => "HK",
            Jurisdiction::Mo => "MO",
        }
    }
}

impl FromStr for Jurisdiction {
    type Err = Error;

    /// Parses `CN`, `HK` or `MO` (exactly, upper case).
    fn from_str(code: &str) -> Result<Self, Error> {
        match code {
            "CN" => Ok(Jurisdiction::Cn),
            "HK" => Ok(Jurisdiction::Hk),
            "MO" => Ok(Jurisdiction::Mo),
            _ => Err(Error::UnknownJurisdiction {
                code: code.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Jurisdiction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}
