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

// ---- performance (issue 13) ----
/// Whether `oid` is the one written `dotted` (canonical dotted decimal, as the
/// constants here), compared arc by arc without building its dotted string: hot paths
/// (extension lookups, name attributes) ask this for every extension or attribute.
pub(crate) fn is(oid: &x509_parser::der_parser::Oid<'_>, dotted: &str) -> bool {
    let Some(mut arcs) = oid.iter() else {
        // An arc beyond 64 bits: no constant of baytrust's is one.
        return oid.to_id_string() == dotted;
    };
    let mut written = dotted.split('.');
    loop {
        match (arcs.next(), written.next()) {
            (None, None) => return true,
            (Some(arc), Some(text)) if canonical_arc(text) == Some(arc) => {}
            _ => return false,
        }
    }
}

/// The first of `known` (dotted constants) that `oid` is, without building its dotted
/// string: for dispatching on an OID with `match` over the constants.
pub(crate) fn which(
    oid: &x509_parser::der_parser::Oid<'_>,
    known: &[&'static str],
) -> Option<&'static str> {
    known.iter().copied().find(|dotted| is(oid, dotted))
}

/// The value of one dotted-decimal arc written canonically (digits, no leading zero).
fn canonical_arc(text: &str) -> Option<u64> {
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    let padded = text.len() > 1 && text.starts_with('0');
    (digits && !padded).then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use x509_parser::der_parser::Oid;

    #[test]
    fn is_compares_every_arc_and_nothing_more() {
        let cn = Oid::from_str("2.5.4.3").unwrap();
        assert!(super::is(&cn, super::COMMON_NAME));
        for other in [
            "2.5.4",
            "2.5.4.30",
            "2.5.4.3.0",
            "2.5.4.4",
            "",
            "2.5.4.x",
            "2.5.4.03",
            "2.5.4.+3",
            "2.5.4.3.",
        ] {
            assert_eq!(super::is(&cn, other), cn.to_id_string() == other, "{other}");
        }
        let arc = Oid::from_str("1.2.156.10260.4.1.4").unwrap();
        assert!(super::is(&arc, super::CN_ORGANIZATION_CODE));
        assert!(!super::is(&arc, super::CN_BUSINESS_REGISTRATION_NUMBER));
    }
}
