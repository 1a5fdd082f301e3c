//! Edge cases (`edge/`): leaves and CAs that each break one rule of path validation or
//! of the mutual-recognition profile, all under the Hong Kong root unless noted, each
//! leaf with a `-chain.pem` bundle of itself and its intermediates. (The SHA-1 and
//! RSA-1024 cases are made by `openssl-made.sh`.)

use rcgen::{
    CertificateParams, DistinguishedName, GeneralSubtree, IsCa, KeyUsagePurpose, NameConstraints,
};

use crate::ca::Ca;
use crate::extensions::{self, MUTUAL_RECOGNITION_POLICY, WRONG_POLICY};
use crate::hierarchy::Hierarchy;
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::validity::{self, Validity};
use crate::{names, profile, Result};

/// `O` of the edge-case intermediates.
const CA_ORGANISATION: &str = "BayTrust Test Hong Kong Certification Authority";

/// A Hong Kong organisation subject for an edge-case leaf whose `CN` names the case.
fn edge_subject(case: &str) -> Result<DistinguishedName> {
    names::hong_kong_org(
        "Edge Case Testing Limited".into(),
        "99999999-000",
        &format!("TEST {case}"),
    )
}

/// Makes the edge cases.
struct EdgeCases<'a> {
    keys: &'a KeyStore,
    out: &'a Output,
}

impl EdgeCases<'_> {
    /// The RSA-2048 key `edge-<name>`.
    fn key(&self, name: &str) -> Result<rcgen::KeyPair> {
        self.keys.key(&format!("edge-{name}"), KeyKind::Rsa2048)
    }

    /// An organisation-leaf profile with an edge subject naming `case`.
    fn leaf_params(
        case: &str,
        serial: u64,
        validity: Validity,
        policy: &str,
    ) -> Result<CertificateParams> {
        profile::org_leaf(edge_subject(case)?, serial, validity, policy, vec![])
    }

    /// Issues `params` for key `edge-<name>` by `chain[0]`, writes `edge/<name>.pem` and
    /// its bundle (leaf + `chain`).
    fn leaf(&self, name: &str, params: &CertificateParams, chain: &[&Ca]) -> Result<()> {
        let Some(issuer) = chain.first() else {
            return Err(format!("edge/{name}: no issuer").into());
        };
        let key = self.key(name)?;
        let der = issuer.issue(params, &key)?;
        let intermediates: Vec<&[u8]> = chain.iter().map(|ca| ca.der()).collect();
        self.out
            .leaf_with_chain(&format!("edge/{name}.pem"), &der, &intermediates)
    }

    /// Issues and writes the CA `edge/<name>.pem` with `params` under `issuer`.
    fn ca(&self, name: &str, params: CertificateParams, issuer: &Ca) -> Result<Ca> {
        let ca = Ca::signed_by(params, self.key(name)?, issuer)?;
        self.out.cert(&format!("edge/{name}.pem"), ca.der())?;
        Ok(ca)
    }
}

/// Makes and writes every rcgen-made edge case.
pub fn generate(keys: &KeyStore, out: &Output, hk: &Hierarchy, cn: &Hierarchy) -> Result<()> {
    let edge = EdgeCases { keys, out };
    let issuing = &hk.issuing;
    let policy = MUTUAL_RECOGNITION_POLICY;

    // Validity outside the validation time (2026-06-01).
    let params = EdgeCases::leaf_params("Expired", 0xE001, validity::EXPIRED, policy)?;
    edge.leaf("expired", &params, &[issuing])?;
    let params = EdgeCases::leaf_params("Not Yet Valid", 0xE002, validity::NOT_YET_VALID, policy)?;
    edge.leaf("not-yet-valid", &params, &[issuing])?;

    // A policy outside the mutual-recognition arc.
    let params = EdgeCases::leaf_params("Wrong Policy", 0xE003, validity::LEAF, WRONG_POLICY)?;
    edge.leaf("wrong-policy", &params, &[issuing])?;

    // An "intermediate" with basicConstraints CA:FALSE (but keyCertSign) under the root.
    let mut params = profile::intermediate(
        names::ca(
            "HK",
            CA_ORGANISATION,
            "BayTrust Test HK CA-FALSE Intermediate",
        )?,
        0xE004,
        validity::ISSUING,
        None,
    )?;
    params.is_ca = IsCa::ExplicitNoCa;
    let ca_false = edge.ca("ca-false-intermediate", params, &hk.root)?;
    let params = EdgeCases::leaf_params("Leaf Under CA False", 0xE005, validity::LEAF, policy)?;
    edge.leaf("leaf-under-ca-false", &params, &[&ca_false])?;

    // root → pathlen0-ca (pathLen 0) → pathlen-sub-ca → leaf: one CA too many.
    let params = profile::intermediate(
        names::ca("HK", CA_ORGANISATION, "BayTrust Test HK PathLen 0 CA")?,
        0xE006,
        validity::ISSUING,
        Some(0),
    )?;
    let pathlen0 = edge.ca("pathlen0-ca", params, &hk.root)?;
    let params = profile::intermediate(
        names::ca("HK", CA_ORGANISATION, "BayTrust Test HK PathLen Sub CA")?,
        0xE007,
        validity::ISSUING,
        None,
    )?;
    let sub = edge.ca("pathlen-sub-ca", params, &pathlen0)?;
    let params = EdgeCases::leaf_params("PathLen Exceeded", 0xE008, validity::LEAF, policy)?;
    edge.leaf("leaf-pathlen-exceeded", &params, &[&sub, &pathlen0])?;

    // keyUsage without digitalSignature or nonRepudiation.
    let mut params =
        EdgeCases::leaf_params("No Signing Key Usage", 0xE009, validity::LEAF, policy)?;
    params.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    edge.leaf("no-signing-key-usage", &params, &[issuing])?;

    // A critical extension nobody knows.
    let mut params =
        EdgeCases::leaf_params("Unknown Critical Extension", 0xE00A, validity::LEAF, policy)?;
    params
        .custom_extensions
        .push(extensions::unknown_critical()?);
    edge.leaf("unknown-critical-extension", &params, &[issuing])?;

    // A valid leaf with the last bit of its signature flipped (the signature BIT STRING
    // is the last element of the certificate, so its last byte is the DER's last byte).
    let params = EdgeCases::leaf_params("Corrupted Signature", 0xE00B, validity::LEAF, policy)?;
    let key = edge.key("corrupted-signature")?;
    let mut der = issuing.issue(&params, &key)?;
    if let Some(last) = der.last_mut() {
        *last ^= 0x01;
    }
    out.leaf_with_chain("edge/corrupted-signature.pem", &der, &[issuing.der()])?;

    // A CA permitted only the directoryName C=HK, O=Harbour Logistics Limited.
    let mut params = profile::intermediate(
        names::ca(
            "HK",
            CA_ORGANISATION,
            "BayTrust Test HK Name-Constrained CA",
        )?,
        0xE00C,
        validity::ISSUING,
        Some(0),
    )?;
    let permitted = names::subtree("HK", "Harbour Logistics Limited")?;
    params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::DirectoryName(permitted)],
        excluded_subtrees: vec![],
    });
    let constrained = edge.ca("name-constrained-ca", params, &hk.root)?;
    let params = profile::org_leaf(
        names::hong_kong_org(
            "Other Company Limited".into(),
            "34567890-000",
            "TEST Name Constraint Violation",
        )?,
        0xE00D,
        validity::LEAF,
        policy,
        vec![],
    )?;
    edge.leaf("leaf-name-constraint-violation", &params, &[&constrained])?;
    let params = profile::org_leaf(
        names::hong_kong_org(
            "Harbour Logistics Limited".into(),
            "12345678-000",
            "TEST Name Constraint Permitted",
        )?,
        0xE00E,
        validity::LEAF,
        policy,
        vec![],
    )?;
    edge.leaf("leaf-name-constraint-ok", &params, &[&constrained])?;

    // The HK root's subject and key, certified by the CN root (a cross-certificate).
    let mut params = profile::root(
        hk.root.params().distinguished_name.clone(),
        0x0C0F,
        validity::ISSUING,
    );
    params.use_authority_key_identifier_extension = true;
    let der = cn.root.issue(&params, hk.root.key())?;
    out.cert("edge/cross-hk-root-by-cn-root.pem", &der)?;
    Ok(())
}
