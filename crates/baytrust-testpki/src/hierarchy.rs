//! One jurisdiction's CA hierarchy (root, current issuing CA, retired issuing CA) and
//! the issuing of its organisation leaves, each written with its chain bundle.

use rcgen::{CustomExtension, DistinguishedName};

use crate::ca::Ca;
use crate::extensions::MUTUAL_RECOGNITION_POLICY;
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, profile, validity, Result};

/// What a jurisdiction's hierarchy is made of.
pub struct HierarchySpec {
    /// Output sub-directory and key-name prefix, e.g. `hk`.
    pub dir: &'static str,
    /// ISO 3166 code in every subject, e.g. `HK`.
    pub country: &'static str,
    /// The CA operator's organisation name, `O` of every CA.
    pub organisation: &'static str,
    /// `CN` of the root.
    pub root_name: &'static str,
    /// `CN` of the current issuing CA.
    pub issuing_name: &'static str,
    /// `CN` of the retired issuing CA.
    pub retired_name: &'static str,
    /// Key kind of the root.
    pub root_key: KeyKind,
    /// Key kind of both issuing CAs.
    pub issuing_key: KeyKind,
    /// Serial of the root; the issuing CA has +1 and the retired one +2.
    pub serial_base: u64,
}

/// Which of the two issuing CAs signs a leaf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssuedBy {
    /// The current issuing CA (2024–2040).
    Current,
    /// The retired issuing CA (2018–2030), which trust lists mark as retired.
    Retired,
}

/// An organisation leaf to issue.
pub struct OrgLeaf {
    /// File name under the jurisdiction directory, without `.pem`; also names its key.
    pub file: &'static str,
    /// Kind of the leaf's key.
    pub key: KeyKind,
    /// Subject name.
    pub subject: DistinguishedName,
    /// Serial number.
    pub serial: u64,
    /// Which issuing CA signs it.
    pub issued_by: IssuedBy,
    /// Extensions after certificatePolicies (e.g. the mainland USCC extension).
    pub extensions: Vec<CustomExtension>,
}

/// A jurisdiction's CAs, written as `root-ca.pem`, `issuing-ca.pem` and
/// `retired-issuing-ca.pem` under its directory.
pub struct Hierarchy {
    /// Output sub-directory, e.g. `hk`.
    pub dir: &'static str,
    /// The self-signed root.
    pub root: Ca,
    /// The current issuing CA (pathLen 0).
    pub issuing: Ca,
    /// The retired issuing CA (pathLen 0).
    pub retired: Ca,
}

impl Hierarchy {
    /// Makes and writes the three CAs of `spec`.
    pub fn build(spec: &HierarchySpec, keys: &KeyStore, out: &Output) -> Result<Self> {
        let dir = spec.dir;
        let root = Ca::self_signed(
            profile::root(
                names::ca(spec.country, spec.organisation, spec.root_name)?,
                spec.serial_base,
                validity::ROOT,
            ),
            keys.key(&format!("{dir}-root-ca"), spec.root_key)?,
        )?;
        let issuing = Ca::signed_by(
            profile::intermediate(
                names::ca(spec.country, spec.organisation, spec.issuing_name)?,
                spec.serial_base + 1,
                validity::ISSUING,
                Some(0),
            )?,
            keys.key(&format!("{dir}-issuing-ca"), spec.issuing_key)?,
            &root,
        )?;
        let retired = Ca::signed_by(
            profile::intermediate(
                names::ca(spec.country, spec.organisation, spec.retired_name)?,
                spec.serial_base + 2,
                validity::RETIRED,
                Some(0),
            )?,
            keys.key(&format!("{dir}-retired-issuing-ca"), spec.issuing_key)?,
            &root,
        )?;
        out.cert(&format!("{dir}/root-ca.pem"), root.der())?;
        out.cert(&format!("{dir}/issuing-ca.pem"), issuing.der())?;
        out.cert(&format!("{dir}/retired-issuing-ca.pem"), retired.der())?;
        Ok(Hierarchy {
            dir,
            root,
            issuing,
            retired,
        })
    }

    /// Issues `leaf` under the mutual-recognition policy with the leaf validity and
    /// writes it with its chain bundle (leaf, issuing CA).
    pub fn org_leaf(&self, keys: &KeyStore, out: &Output, leaf: OrgLeaf) -> Result<()> {
        let ca = match leaf.issued_by {
            IssuedBy::Current => &self.issuing,
            IssuedBy::Retired => &self.retired,
        };
        let key = keys.key(&format!("{}-{}", self.dir, leaf.file), leaf.key)?;
        let params = profile::org_leaf(
            leaf.subject,
            leaf.serial,
            validity::LEAF,
            MUTUAL_RECOGNITION_POLICY,
            leaf.extensions,
        )?;
        let der = ca.issue(&params, &key)?;
        out.leaf_with_chain(
            &format!("{}/{}.pem", self.dir, leaf.file),
            &der,
            &[ca.der()],
        )
    }
}
