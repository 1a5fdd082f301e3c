//! Certificate profiles: the rcgen parameters of a root CA, an intermediate CA and an
//! organisational signing leaf, with fixed serial numbers and validity.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, IsCa, KeyUsagePurpose,
    SerialNumber,
};

use crate::extensions::{self, ANY_POLICY};
use crate::validity::Validity;
use crate::Result;

/// A positive serial number from a fixed constant, minimally encoded.
pub fn serial(value: u64) -> SerialNumber {
    let bytes = value.to_be_bytes();
    let first = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len() - 1);
    SerialNumber::from_slice(&bytes[first..])
}

/// Parameters with the fields every certificate here sets: subject, serial, validity.
fn base(subject: DistinguishedName, serial_number: u64, validity: Validity) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = subject;
    params.serial_number = Some(serial(serial_number));
    validity.apply(&mut params);
    params
}

/// A self-signed root: CA without path length limit, keyCertSign + cRLSign, SKI.
pub fn root(
    subject: DistinguishedName,
    serial_number: u64,
    validity: Validity,
) -> CertificateParams {
    let mut params = base(subject, serial_number, validity);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

/// An intermediate CA: CA with `path_len` (none = unlimited), keyCertSign + cRLSign,
/// AKI/SKI and certificatePolicies anyPolicy.
pub fn intermediate(
    subject: DistinguishedName,
    serial_number: u64,
    validity: Validity,
    path_len: Option<u8>,
) -> Result<CertificateParams> {
    let mut params = base(subject, serial_number, validity);
    params.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = true;
    params
        .custom_extensions
        .push(extensions::certificate_policies(&[ANY_POLICY])?);
    Ok(params)
}

/// An organisational signing leaf: basicConstraints CA:FALSE, keyUsage
/// digitalSignature + nonRepudiation (critical), no EKU, AKI/SKI, certificatePolicies
/// `policy`, then `extra` extensions in order.
pub fn org_leaf(
    subject: DistinguishedName,
    serial_number: u64,
    validity: Validity,
    policy: &str,
    extra: Vec<CustomExtension>,
) -> Result<CertificateParams> {
    let mut params = base(subject, serial_number, validity);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.use_authority_key_identifier_extension = true;
    params
        .custom_extensions
        .push(extensions::certificate_policies(&[policy])?);
    params.custom_extensions.extend(extra);
    Ok(params)
}
