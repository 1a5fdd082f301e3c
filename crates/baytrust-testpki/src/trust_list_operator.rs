//! Trust-list operators (`<j>/trust-list-operator-ca.pem`, `<j>/trust-list-signer.pem`):
//! for each jurisdiction, the self-signed CA of the authority that publishes its trust
//! list (the certificate relying parties pin) and the end-entity certificate it issues
//! to sign the list's CMS SignedData. Separate from the CA hierarchies on purpose: the
//! list operator is not a certification authority of the scheme.

use rcgen::{CertificateParams, IsCa, KeyUsagePurpose};

use crate::ca::Ca;
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, profile, validity, Result};

/// One jurisdiction's trust-list operator.
struct OperatorSpec {
    /// Output sub-directory and key-name prefix, e.g. `hk`.
    dir: &'static str,
    /// ISO 3166 code in both subjects.
    country: &'static str,
    /// `O` of both certificates.
    organisation: &'static str,
    /// `CN` of the operator CA.
    ca_name: &'static str,
    /// `CN` of the signing certificate.
    signer_name: &'static str,
    /// Key kind of both keys.
    key: KeyKind,
    /// Serial of the operator CA; the signer has +1.
    serial_base: u64,
}

/// The three operators: RSA-2048 for CN and HK, ECDSA P-256 for MO.
const OPERATORS: &[OperatorSpec] = &[
    OperatorSpec {
        dir: "cn",
        country: "CN",
        organisation: "BayTrust Test Guangdong Trust List Operator",
        ca_name: "BayTrust Test CN Trust List Operator CA",
        signer_name: "BayTrust Test CN Trust List Signer 2025",
        key: KeyKind::Rsa2048,
        serial_base: 0x0C20,
    },
    OperatorSpec {
        dir: "hk",
        country: "HK",
        organisation: "BayTrust Test Hong Kong Trust List Operator",
        ca_name: "BayTrust Test HK Trust List Operator CA",
        signer_name: "BayTrust Test HK Trust List Signer 2025",
        key: KeyKind::Rsa2048,
        serial_base: 0x4820,
    },
    OperatorSpec {
        dir: "mo",
        country: "MO",
        organisation: "BayTrust Test Macao Trust List Operator",
        ca_name: "BayTrust Test MO Trust List Operator CA",
        signer_name: "BayTrust Test MO Trust List Signer 2025",
        key: KeyKind::EcdsaP256,
        serial_base: 0x4D20,
    },
];

/// The signing certificate's profile: basicConstraints CA:FALSE, keyUsage
/// digitalSignature + nonRepudiation, no EKU, no certificatePolicies, AKI/SKI, leaf
/// validity (2025-01-01 → 2028-01-01).
fn signer_params(spec: &OperatorSpec) -> Result<CertificateParams> {
    let mut params = CertificateParams::default();
    params.distinguished_name = names::ca(spec.country, spec.organisation, spec.signer_name)?;
    params.serial_number = Some(profile::serial(spec.serial_base + 1));
    validity::LEAF.apply(&mut params);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.use_authority_key_identifier_extension = true;
    Ok(params)
}

/// Makes and writes every jurisdiction's operator CA and list-signing certificate.
pub fn generate(keys: &KeyStore, out: &Output) -> Result<()> {
    for spec in OPERATORS {
        let dir = spec.dir;
        let ca = Ca::self_signed(
            profile::root(
                names::ca(spec.country, spec.organisation, spec.ca_name)?,
                spec.serial_base,
                validity::ROOT,
            ),
            keys.key(&format!("{dir}-trust-list-operator-ca"), spec.key)?,
        )?;
        let signer_key = keys.key(&format!("{dir}-trust-list-signer"), spec.key)?;
        let signer = ca.issue(&signer_params(spec)?, &signer_key)?;
        out.cert(&format!("{dir}/trust-list-operator-ca.pem"), ca.der())?;
        out.cert(&format!("{dir}/trust-list-signer.pem"), &signer)?;
    }
    Ok(())
}
