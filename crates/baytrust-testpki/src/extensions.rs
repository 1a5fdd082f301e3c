//! Certificate extensions rcgen has no builder for, DER-encoded with `der`/`x509-cert`
//! types and attached as rcgen `CustomExtension`s.

use der::asn1::{Null, ObjectIdentifier, PrintableStringRef};
use der::oid::AssociatedOid;
use der::Encode;
use rcgen::CustomExtension;
use x509_cert::ext::pkix::certpolicy::PolicyInformation;
use x509_cert::ext::pkix::CertificatePolicies;

use crate::Result;

/// The HK–GD mutual-recognition certificate policy the organisation leaves carry.
pub const MUTUAL_RECOGNITION_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";

/// anyPolicy (RFC 5280 §4.2.1.4), asserted by the issuing CAs.
pub const ANY_POLICY: &str = "2.5.29.32.0";

/// A policy outside the mutual-recognition arc, for the wrong-policy edge case.
pub const WRONG_POLICY: &str = "1.3.6.1.4.1.55555.1.1";

/// The mainland extension carrying the organisation code / USCC as a PrintableString.
const MAINLAND_ORG_CODE: &[u64] = &[1, 2, 156, 10260, 4, 1, 4];

/// The private-arc extension no validator knows, for the unknown-critical edge case.
const UNKNOWN_EXTENSION: &[u64] = &[1, 3, 6, 1, 4, 1, 55555, 99];

/// The arcs of `oid`, as rcgen wants them.
fn arcs(oid: &ObjectIdentifier) -> Vec<u64> {
    oid.arcs().map(u64::from).collect()
}

/// Non-critical certificatePolicies listing `policies` (dotted OIDs), without qualifiers.
pub fn certificate_policies(policies: &[&str]) -> Result<CustomExtension> {
    let infos = policies
        .iter()
        .map(|p| {
            Ok(PolicyInformation {
                policy_identifier: ObjectIdentifier::new(p)?,
                policy_qualifiers: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let value = CertificatePolicies(infos).to_der()?;
    Ok(CustomExtension::from_oid_content(
        &arcs(&CertificatePolicies::OID),
        value,
    ))
}

/// Non-critical `1.2.156.10260.4.1.4` whose extnValue is a DER PrintableString holding
/// the mainland Unified Social Credit Code `uscc`.
pub fn mainland_org_code(uscc: &str) -> Result<CustomExtension> {
    let value = PrintableStringRef::new(uscc)?.to_der()?;
    Ok(CustomExtension::from_oid_content(MAINLAND_ORG_CODE, value))
}

/// Critical `1.3.6.1.4.1.55555.99` with a NULL value: an extension no validator knows.
pub fn unknown_critical() -> Result<CustomExtension> {
    let mut ext = CustomExtension::from_oid_content(UNKNOWN_EXTENSION, Null.to_der()?);
    ext.set_criticality(true);
    Ok(ext)
}
