//! Hong Kong (`hk/`): an RSA hierarchy and organisation leaves naming the organisation
//! in `O`, the business registration number in `OU=BRN …` and the authorised person in
//! `CN`, over RSA, ECDSA P-384 and Ed25519 keys.

use rcgen::string::BmpString;
use rcgen::DnValue;

use crate::hierarchy::{Hierarchy, HierarchySpec, IssuedBy, OrgLeaf};
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, Result};

/// The Hong Kong hierarchy.
const SPEC: HierarchySpec = HierarchySpec {
    dir: "hk",
    country: "HK",
    organisation: "BayTrust Test Hong Kong Certification Authority",
    root_name: "BayTrust Test HK Root CA",
    issuing_name: "BayTrust Test HK Issuing CA 2024",
    retired_name: "BayTrust Test HK Issuing CA 2018",
    root_key: KeyKind::Rsa4096,
    issuing_key: KeyKind::Rsa2048,
    serial_base: 0x4801,
};

/// Makes and writes the Hong Kong hierarchy and leaves; returns the hierarchy.
pub fn generate(keys: &KeyStore, out: &Output) -> Result<Hierarchy> {
    let hierarchy = Hierarchy::build(&SPEC, keys, out)?;
    let leaves = [
        OrgLeaf {
            file: "org-harbour-logistics",
            key: KeyKind::Rsa2048,
            subject: names::hong_kong_org(
                "Harbour Logistics Limited".into(),
                "12345678-000",
                "CHAN Tai Man",
            )?,
            serial: 0x4810,
            issued_by: IssuedBy::Current,
            extensions: vec![],
        },
        OrgLeaf {
            file: "org-kowloon-electronics",
            key: KeyKind::EcdsaP384,
            // BMPString on purpose: older HK issuers encode CJK names this way.
            subject: names::hong_kong_org(
                DnValue::BmpString(BmpString::try_from("九龍電子有限公司")?),
                "87654321-000-06-24-1",
                "WONG Siu Ming",
            )?,
            serial: 0x4811,
            issued_by: IssuedBy::Current,
            extensions: vec![],
        },
        OrgLeaf {
            file: "org-overseas-branch",
            key: KeyKind::Ed25519,
            subject: names::hong_kong_org(
                "Overseas Trading Branch Ltd".into(),
                "F1234567",
                "LEE Ka Yan",
            )?,
            serial: 0x4812,
            issued_by: IssuedBy::Current,
            extensions: vec![],
        },
        OrgLeaf {
            file: "org-retired-ca",
            key: KeyKind::Rsa2048,
            subject: names::hong_kong_org(
                "Victoria Harbour Shipping Limited".into(),
                "23456789-000",
                "CHEUNG Wai Kit",
            )?,
            serial: 0x4813,
            issued_by: IssuedBy::Retired,
            extensions: vec![],
        },
    ];
    for leaf in leaves {
        hierarchy.org_leaf(keys, out, leaf)?;
    }
    Ok(hierarchy)
}
