//! Distinguished names of the test PKI: CA names and the three jurisdictions'
//! organisational subject profiles (where each puts the organisation, its registration
//! number and the authorised person).

use rcgen::{DistinguishedName, DnType, DnValue};

use crate::Result;

/// organizationIdentifier (ETSI EN 319 412-1), `NTR<country>-<identifier>`.
const ORGANIZATION_IDENTIFIER: &[u64] = &[2, 5, 4, 97];

/// X.520 serialNumber, where Macao certificates carry the registration number.
const SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];

/// `C=<country>` as a PrintableString, as RFC 5280 requires.
fn country(dn: &mut DistinguishedName, country: &str) -> Result<()> {
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString(country.try_into()?),
    );
    Ok(())
}

/// A CA name: `C=<country>, O=<organisation>, CN=<common name>`.
pub fn ca(country_code: &str, organisation: &str, common_name: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    country(&mut dn, country_code)?;
    dn.push(DnType::OrganizationName, organisation);
    dn.push(DnType::CommonName, common_name);
    Ok(dn)
}

/// A mainland organisation: `C=CN, O=<name>, organizationIdentifier=NTRCN-<uscc>,
/// CN=<authorised person>`, all strings UTF8String but C.
pub fn mainland_org(name: &str, uscc: &str, person: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    country(&mut dn, "CN")?;
    dn.push(DnType::OrganizationName, name);
    dn.push(
        DnType::CustomDnType(ORGANIZATION_IDENTIFIER.to_vec()),
        format!("NTRCN-{uscc}"),
    );
    dn.push(DnType::CommonName, person);
    Ok(dn)
}

/// A Hong Kong organisation: `C=HK, O=<name>, OU=BRN <number>, CN=<authorised person>`.
/// `name` is passed as a [`DnValue`] so that a caller can choose its string type.
pub fn hong_kong_org(name: DnValue, brn: &str, person: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    country(&mut dn, "HK")?;
    dn.push(DnType::OrganizationName, name);
    dn.push(DnType::OrganizationalUnitName, format!("BRN {brn}"));
    dn.push(DnType::CommonName, person);
    Ok(dn)
}

/// A Macao organisation: `C=MO, O=<name>, serialNumber=<registration number>
/// (PrintableString), CN=<authorised person>`.
pub fn macao_org(name: &str, registration: &str, person: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    country(&mut dn, "MO")?;
    dn.push(DnType::OrganizationName, name);
    dn.push(
        DnType::CustomDnType(SERIAL_NUMBER.to_vec()),
        DnValue::PrintableString(registration.try_into()?),
    );
    dn.push(DnType::CommonName, person);
    Ok(dn)
}

/// A name-constraint subtree base `C=<country>, O=<organisation>`.
pub fn subtree(country_code: &str, organisation: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    country(&mut dn, country_code)?;
    dn.push(DnType::OrganizationName, organisation);
    Ok(dn)
}
