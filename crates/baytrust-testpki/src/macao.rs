//! Macao (`mo/`): an ECDSA hierarchy and organisation leaves carrying the commercial
//! registration number in `serialNumber`.

use crate::hierarchy::{Hierarchy, HierarchySpec, IssuedBy, OrgLeaf};
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, Result};

/// The Macao hierarchy: ECDSA P-384 root, ECDSA P-256 issuing CAs.
const SPEC: HierarchySpec = HierarchySpec {
    dir: "mo",
    country: "MO",
    organisation: "BayTrust Test Macao Certification Authority",
    root_name: "BayTrust Test MO Root CA",
    issuing_name: "BayTrust Test MO Issuing CA 2024",
    retired_name: "BayTrust Test MO Issuing CA 2018",
    root_key: KeyKind::EcdsaP384,
    issuing_key: KeyKind::EcdsaP256,
    serial_base: 0x4D01,
};

/// Makes and writes the Macao hierarchy and leaves; returns the hierarchy.
pub fn generate(keys: &KeyStore, out: &Output) -> Result<Hierarchy> {
    let hierarchy = Hierarchy::build(&SPEC, keys, out)?;
    let leaves = [
        OrgLeaf {
            file: "org-cotai-trading",
            key: KeyKind::Rsa2048,
            subject: names::macao_org("路氹貿易有限公司", "40321", "HO Weng Kei")?,
            serial: 0x4D10,
            issued_by: IssuedBy::Current,
            extensions: vec![],
        },
        OrgLeaf {
            file: "org-taipa-foods",
            key: KeyKind::EcdsaP256,
            subject: names::macao_org("Taipa Foods Lda.", "SO81234", "LEONG Mei Ling")?,
            serial: 0x4D11,
            issued_by: IssuedBy::Current,
            extensions: vec![],
        },
        OrgLeaf {
            file: "org-retired-ca",
            key: KeyKind::Rsa2048,
            subject: names::macao_org("Senado Square Trading Limited", "28765", "LAO Chi Keong")?,
            serial: 0x4D12,
            issued_by: IssuedBy::Retired,
            extensions: vec![],
        },
    ];
    for leaf in leaves {
        hierarchy.org_leaf(keys, out, leaf)?;
    }
    Ok(hierarchy)
}
