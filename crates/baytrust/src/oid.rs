//! Object identifiers baytrust acts on, as dotted strings. Trust-scheme data (policy OIDs
//! of the mutual-recognition scheme) is deliberately absent: it comes from trust lists.

/// `organizationIdentifier` (ETSI EN 319 412-1, X.520): carries `NTRxx-…`.
pub const ORGANIZATION_IDENTIFIER: &str = "2.5.4.97";
/// `commonName` (X.520).
pub const COMMON_NAME: &str = "2.5.4.3";
/// `serialNumber` attribute (X.520).
pub const SERIAL_NUMBER: &str = "2.5.4.5";
/// `countryName` (X.520).
pub const COUNTRY_NAME: &str = "2.5.4.6";
/// `organizationName` (X.520).
pub const ORGANIZATION_NAME: &str = "2.5.4.10";
/// `organizationalUnitName` (X.520).
pub const ORGANIZATIONAL_UNIT_NAME: &str = "2.5.4.11";

/// Mainland identity extension: business registration number (`1.2.156.10260.4.1.3`).
pub const CN_BUSINESS_REGISTRATION_NUMBER: &str = "1.2.156.10260.4.1.3";
/// Mainland identity extension: organisation code / USCC (`1.2.156.10260.4.1.4`).
pub const CN_ORGANIZATION_CODE: &str = "1.2.156.10260.4.1.4";
/// Prefix of the mainland identity extensions `1.2.156.10260.4.1.x`.
pub const CN_IDENTITY_EXTENSION_ARC: &str = "1.2.156.10260.4.1.";

/// `anyPolicy` (RFC 5280 §4.2.1.4).
pub const ANY_POLICY: &str = "2.5.29.32.0";
