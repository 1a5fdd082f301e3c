//! `OrgId`: an organisation's registration number in its jurisdiction, with each
//! jurisdiction's syntax and check rules (DESIGN.md §1), and the canonical
//! `NTRxx-…` form of ETSI EN 319 412-1 §5.1.4.

use std::fmt;

use super::Jurisdiction;
use crate::Error;

/// The USCC alphabet (GB 32100-2015): digits and upper-case letters without I, O, S, V
/// and Z; a character's value is its index (0–30).
const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of USCC positions 1–17: 3^(i−1) mod 31.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// Longest Macao registration number accepted (the format is unpublished; real
/// numbers are a few digits with an optional letter prefix).
const MO_MAX_LEN: usize = 20;

/// An organisation identifier as read from a certificate, normalised but not
/// necessarily valid: call [`OrgId::check`] (or build it with [`OrgId::parse`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgId {
    jurisdiction: Jurisdiction,
    identifier: String,
}

impl OrgId {
    /// Takes an identifier as a certificate carries it and normalises it without
    /// judging it: surrounding spaces go; a Hong Kong business registration
    /// certificate number in long form (`12345678-000-01-23-4`, `12345678-000`) becomes
    /// its 8-digit BRN.
    pub fn read(jurisdiction: Jurisdiction, raw: &str) -> Self {
        let trimmed = raw.trim();
        let identifier = match jurisdiction {
            Jurisdiction::Hk => hk_short_form(trimmed).unwrap_or(trimmed),
            Jurisdiction::Cn | Jurisdiction::Mo => trimmed,
        };
        Self {
            jurisdiction,
            identifier: identifier.to_owned(),
        }
    }

    /// [`OrgId::read`] followed by [`OrgId::check`].
    pub fn parse(jurisdiction: Jurisdiction, raw: &str) -> Result<Self, Error> {
        let org_id = Self::read(jurisdiction, raw);
        org_id.check()?;
        Ok(org_id)
    }

    /// Reads the canonical form `NTR` + country + `-` + identifier; the leftmost hyphen
    /// separates, so the identifier may itself contain hyphens. The identifier is
    /// normalised as [`OrgId::read`] does, not checked.
    pub fn read_canonical(text: &str) -> Result<Self, Error> {
        let malformed = |reason| Error::CanonicalOrgIdMalformed {
            value: text.to_owned(),
            reason,
        };
        let rest = text
            .strip_prefix("NTR")
            .ok_or_else(|| malformed("it does not start with NTR"))?;
        let (country, identifier) = rest
            .split_once('-')
            .ok_or_else(|| malformed("no hyphen after the country code"))?;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(malformed("the country code is not two upper-case letters"));
        }
        if identifier.is_empty() {
            return Err(malformed("the identifier after the hyphen is empty"));
        }
        let jurisdiction: Jurisdiction = country.parse()?;
        Ok(Self::read(jurisdiction, identifier))
    }

    /// The strict reading of a canonical OrgId, as the authentication protocol and an
    /// expected peer need it: [`OrgId::read_canonical`], then [`OrgId::check`] (the
    /// registry's format and check character), and `text` must be exactly the
    /// canonical form of what was read — no normalisation (full-width digits, a
    /// trailing space, a `-000` suffix) is applied silently
    /// ([`Error::CanonicalOrgIdMalformed`]).
    pub fn parse_canonical(text: &str) -> Result<Self, Error> {
        let org_id = Self::read_canonical(text)?;
        org_id.check()?;
        if org_id.canonical() != text {
            return Err(Error::CanonicalOrgIdMalformed {
                value: text.to_owned(),
                reason: "it is not in canonical form",
            });
        }
        Ok(org_id)
    }

    /// The jurisdiction whose registry issued the identifier.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// The normalised identifier without the `NTRxx-` prefix.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// The canonical form, e.g. `NTRCN-91350100M000100Y43` (also what `Display` prints).
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// Checks the identifier by its jurisdiction's rules: a USCC's length, alphabet and
    /// check character; a BRN's 8 digits or `C`/`F` dummy with 7 digits; a Macao
    /// number's length and alphanumeric characters.
    pub fn check(&self) -> Result<(), Error> {
        match self.jurisdiction {
            Jurisdiction::Cn => check_uscc(&self.identifier),
            Jurisdiction::Hk => check_hk_brn(&self.identifier),
            Jurisdiction::Mo => check_mo_registration(&self.identifier),
        }
    }

    /// Whether [`OrgId::check`] passes.
    pub fn is_valid(&self) -> bool {
        self.check().is_ok()
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NTR{}-{}", self.jurisdiction.code(), self.identifier)
    }
}

impl serde::Serialize for OrgId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The check character for the first 17 characters of a USCC (GB 32100-2015):
/// (31 − Σ value·weight mod 31) mod 31, as a character of the USCC alphabet.
pub fn uscc_check_character(first_17: &str) -> Result<char, Error> {
    let chars: Vec<char> = first_17.chars().collect();
    if chars.len() != 17 {
        return Err(Error::UsccWrongLength {
            value: first_17.to_owned(),
            len: chars.len().saturating_add(1),
        });
    }
    let mut sum = 0u32;
    for (position, (&c, weight)) in (1..).zip(chars.iter().zip(USCC_WEIGHTS)) {
        let value = uscc_value(c).ok_or_else(|| Error::UsccBadCharacter {
            value: first_17.to_owned(),
            position,
            character: c,
        })?;
        // 17 terms, each at most 30 × 28: far below u32::MAX.
        sum = sum.saturating_add(value.saturating_mul(weight));
    }
    // `sum % 31` is below 31, so the check value is in 0..31, an index of the alphabet.
    let check = 31u32.saturating_sub(sum % 31) % 31;
    usize::try_from(check)
        .ok()
        .and_then(|index| USCC_ALPHABET.get(index))
        .map(|&byte| char::from(byte))
        .ok_or_else(|| Error::UsccBadCharacter {
            value: first_17.to_owned(),
            position: 18,
            character: '?',
        })
}

fn uscc_value(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    USCC_ALPHABET
        .iter()
        .position(|&a| a == byte)
        .and_then(|p| u32::try_from(p).ok())
}

fn check_uscc(code: &str) -> Result<(), Error> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(Error::UsccWrongLength {
            value: code.to_owned(),
            len: chars.len(),
        });
    }
    for (position, &c) in (1..).zip(&chars) {
        if uscc_value(c).is_none() {
            return Err(Error::UsccBadCharacter {
                value: code.to_owned(),
                position,
                character: c,
            });
        }
    }
    let (Some(head), Some(&found)) = (chars.get(..17), chars.get(17)) else {
        return Err(Error::UsccWrongLength {
            value: code.to_owned(),
            len: chars.len(),
        });
    };
    let first_17: String = head.iter().collect();
    let expected = uscc_check_character(&first_17)?;
    if expected != found {
        return Err(Error::UsccCheckMismatch {
            value: code.to_owned(),
            expected,
            found,
        });
    }
    Ok(())
}

/// The 8-digit BRN at the head of a long-form business registration certificate
/// number (`12345678-000-01-23-4` or `12345678-000`), if `text` is one.
fn hk_short_form(text: &str) -> Option<&str> {
    let (head, tail) = text.split_once('-')?;
    let is_long_form = head.len() == 8
        && head.bytes().all(|b| b.is_ascii_digit())
        && !tail.is_empty()
        && tail.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    is_long_form.then_some(head)
}

fn check_hk_brn(brn: &str) -> Result<(), Error> {
    let malformed = |reason| Error::HkBrnMalformed {
        value: brn.to_owned(),
        reason,
    };
    let bytes = brn.as_bytes();
    match bytes.first() {
        Some(b'C' | b'F') => {
            if bytes.len() == 8 && bytes.iter().skip(1).all(u8::is_ascii_digit) {
                Ok(())
            } else {
                Err(malformed("a C/F dummy number is the letter and 7 digits"))
            }
        }
        Some(b) if b.is_ascii_digit() => {
            if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
                Ok(())
            } else {
                Err(malformed("a BRN is 8 digits"))
            }
        }
        Some(_) => Err(malformed("a BRN starts with a digit, C or F")),
        None => Err(malformed("it is empty")),
    }
}

fn check_mo_registration(number: &str) -> Result<(), Error> {
    let malformed = |reason| Error::MoRegistrationMalformed {
        value: number.to_owned(),
        reason,
    };
    if number.is_empty() {
        return Err(malformed("it is empty"));
    }
    if number.len() > MO_MAX_LEN {
        return Err(malformed("it is longer than 20 characters"));
    }
    if !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(malformed(
            "it holds characters other than letters and digits",
        ));
    }
    Ok(())
}
