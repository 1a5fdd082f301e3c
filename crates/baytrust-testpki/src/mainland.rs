//! Mainland China (`cn/`): an RSA hierarchy and organisation leaves that carry the
//! Unified Social Credit Code both in organizationIdentifier and in extension
//! `1.2.156.10260.4.1.4`. (The SM2 hierarchy is made by `openssl-made.sh`.)

use crate::extensions;
use crate::hierarchy::{Hierarchy, HierarchySpec, IssuedBy, OrgLeaf};
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, Result};

/// The mainland hierarchy.
const SPEC: HierarchySpec = HierarchySpec {
    dir: "cn",
    country: "CN",
    organisation: "BayTrust Test Guangdong Certificate Authority",
    root_name: "BayTrust Test CN Root CA",
    issuing_name: "BayTrust Test CN Issuing CA 2024",
    retired_name: "BayTrust Test CN Issuing CA 2018",
    root_key: KeyKind::Rsa4096,
    issuing_key: KeyKind::Rsa2048,
    serial_base: 0x0C01,
};

/// A mainland organisation leaf: `uscc` goes to organizationIdentifier (as `NTRCN-…`)
/// and to the `1.2.156.10260.4.1.4` extension unchanged, valid or not.
struct MainlandOrg {
    file: &'static str,
    key: KeyKind,
    name: &'static str,
    uscc: &'static str,
    person: &'static str,
    serial: u64,
    issued_by: IssuedBy,
}

/// The mainland organisation leaves.
const ORGS: &[MainlandOrg] = &[
    MainlandOrg {
        file: "org-shenzhen-bay-supply",
        key: KeyKind::Rsa2048,
        name: "深圳湾供应链有限公司",
        uscc: "914403001922038216",
        person: "张伟",
        serial: 0x0C10,
        issued_by: IssuedBy::Current,
    },
    MainlandOrg {
        file: "org-guangzhou-trading",
        key: KeyKind::EcdsaP256,
        name: "广州南沙贸易有限公司",
        uscc: "9144030071526726XG",
        person: "李娜",
        serial: 0x0C11,
        issued_by: IssuedBy::Current,
    },
    MainlandOrg {
        file: "org-bad-uscc",
        key: KeyKind::Rsa2048,
        name: "福州闽江测试有限公司",
        uscc: "91350100M000100Y4Z",
        person: "王芳",
        serial: 0x0C12,
        issued_by: IssuedBy::Current,
    },
    MainlandOrg {
        file: "org-retired-ca",
        key: KeyKind::Rsa2048,
        name: "福州榕城商贸有限公司",
        uscc: "91350100M000100Y43",
        person: "陈刚",
        serial: 0x0C13,
        issued_by: IssuedBy::Retired,
    },
];

/// Makes and writes the mainland hierarchy and leaves; returns the hierarchy.
pub fn generate(keys: &KeyStore, out: &Output) -> Result<Hierarchy> {
    let hierarchy = Hierarchy::build(&SPEC, keys, out)?;
    for org in ORGS {
        hierarchy.org_leaf(
            keys,
            out,
            OrgLeaf {
                file: org.file,
                key: org.key,
                subject: names::mainland_org(org.name, org.uscc, org.person)?,
                serial: org.serial,
                issued_by: org.issued_by,
                extensions: vec![extensions::mainland_org_code(org.uscc)?],
            },
        )?;
    }
    Ok(hierarchy)
}
