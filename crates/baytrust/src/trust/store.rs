//! `TrustStore`: the anchors of CN, HK and MO, indexed by subject name and by subject
//! key identifier, so that finding an issuer costs the same with 1,000 anchors as with one.

use std::collections::HashMap;

use super::{RecognisedService, TrustAnchor, TrustList};
use crate::cert::{decode_certificates, Certificate, CertificateDer, ComparableName};
use crate::identity::Jurisdiction;
use crate::Error;

/// A CA as trust lists name it: its subject, prepared for comparison, and its
/// subjectPublicKeyInfo. Two certificates with the same name and key are the same CA —
/// a re-issued CA certificate (new serial or validity) is — whatever their bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListedCa {
    subject: ComparableName,
    spki: Vec<u8>,
}

impl ListedCa {
    /// The CA `certificate` is.
    pub fn of(certificate: &Certificate<'_>) -> Self {
        Self {
            subject: ComparableName::of(certificate.subject()),
            spki: certificate.spki().raw.to_vec(),
        }
    }
}

/// A service of a loaded list: (list index, service index).
type ServiceIndex = (usize, usize);

/// Records that the service `at` lists `certificate` (once per service).
fn index(
    map: &mut HashMap<ListedCa, Vec<ServiceIndex>>,
    certificate: &Certificate<'_>,
    at: ServiceIndex,
) {
    let services = map.entry(ListedCa::of(certificate)).or_default();
    if services.last() != Some(&at) {
        services.push(at);
    }
}

/// The relying party's trust anchors. Immutable once built; share it across threads.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<TrustAnchor>,
    by_subject: HashMap<ComparableName, Vec<usize>>,
    by_key_id: HashMap<Vec<u8>, Vec<usize>>,
    trust_lists: Vec<TrustList>,
    listed_intermediates: Vec<CertificateDer>,
    /// The services listing each root, in list then service order.
    listed_roots: HashMap<ListedCa, Vec<ServiceIndex>>,
    /// The services listing each issuing CA, in list then service order.
    listed_issuing_cas: HashMap<ListedCa, Vec<ServiceIndex>>,
}

/// Collects anchors, then indexes them ([`TrustStore::builder`]).
#[derive(Debug, Clone, Default)]
pub struct TrustStoreBuilder {
    anchors: Vec<TrustAnchor>,
    trust_lists: Vec<TrustList>,
}

impl TrustStore {
    /// Starts an empty store.
    pub fn builder() -> TrustStoreBuilder {
        TrustStoreBuilder::default()
    }

    /// Every anchor, in the order added.
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// How many anchors the store holds.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether the store holds no anchor.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The trust lists loaded, one per jurisdiction (the highest sequence offered).
    pub fn trust_lists(&self) -> &[TrustList] {
        &self.trust_lists
    }

    /// The issuing CAs the trust lists name: offered to path building as untrusted
    /// intermediates, so a signature need not carry them.
    pub fn listed_intermediates(&self) -> &[CertificateDer] {
        &self.listed_intermediates
    }

    internal_pub! {
        /// Whether any loaded list's service lists `root` among its roots.
        pub fn lists_root(&self, root: &ListedCa) -> bool {
            self.listed_roots.contains_key(root)
        }
    }

    internal_pub! {
        /// The services, in list then service order, that list both `issuing_ca` among
        /// their issuing CAs and `root` among their roots (matched by name and key, see
        /// [`ListedCa`]), with their lists.
        pub fn services_listing(
            &self,
            issuing_ca: &ListedCa,
            root: &ListedCa,
        ) -> Vec<(&TrustList, &RecognisedService)> {
            let (Some(by_issuer), Some(by_root)) = (
                self.listed_issuing_cas.get(issuing_ca),
                self.listed_roots.get(root),
            ) else {
                return Vec::new();
            };
            by_issuer
                .iter()
                .filter(|index| by_root.contains(index))
                .filter_map(|&(list, service)| {
                    let list = self.trust_lists.get(list)?;
                    Some((list, list.services.get(service)?))
                })
                .collect()
        }
    }

    internal_pub! {
        /// The anchors whose subject is `issuer` (names must chain, RFC 5280 §6.1.3 (a)(4)),
        /// those whose subjectKeyIdentifier equals `authority_key_id` first, found through
        /// the key-identifier index; the identifier is only a hint (RFC 5280 §4.2.1.1), so
        /// the other same-named anchors follow.
        pub fn issuers_of(
            &self,
            issuer: &ComparableName,
            authority_key_id: Option<&[u8]>,
        ) -> Vec<&TrustAnchor> {
            let same_name = self
                .by_subject
                .get(issuer)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let key_match = authority_key_id
                .and_then(|aki| self.by_key_id.get(aki))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let preferred = key_match.iter().filter(|i| same_name.contains(i));
            let others = same_name.iter().filter(|i| !key_match.contains(i));
            preferred
                .chain(others)
                .filter_map(|&i| self.anchors.get(i))
                .collect()
        }
    }
}

impl TrustStoreBuilder {
    /// Adds every certificate of `input` (DER, or a PEM bundle) as an anchor of
    /// `jurisdiction`.
    pub fn anchors_from(mut self, jurisdiction: Jurisdiction, input: &[u8]) -> Result<Self, Error> {
        for der in decode_certificates(input)? {
            let certificate = der.parse()?;
            self.anchors
                .push(TrustAnchor::new(jurisdiction, &certificate)?);
        }
        Ok(self)
    }

    /// Adds a checked trust list (load it with [`TrustList::load_signed`]): its
    /// services' roots become anchors of its jurisdiction and its issuing CAs are
    /// offered as intermediates. One list per jurisdiction is kept, and a list only
    /// ever meets the lists of its own jurisdiction: it can never displace another
    /// jurisdiction's list, whatever its sequence ([`TrustList::load_signed`] ties its
    /// jurisdiction to the operators pinned for it). Within a jurisdiction the highest
    /// sequence wins: a later edition (equal or higher sequence) replaces an earlier
    /// one; an earlier edition than the one loaded is refused
    /// ([`Error::TrustListSequenceRegressed`]).
    pub fn trust_list(mut self, list: TrustList) -> Result<Self, Error> {
        if let Some(loaded) = self
            .trust_lists
            .iter()
            .find(|loaded| loaded.jurisdiction == list.jurisdiction)
        {
            if list.sequence < loaded.sequence {
                return Err(Error::TrustListSequenceRegressed {
                    jurisdiction: list.jurisdiction.to_string(),
                    loaded: loaded.sequence,
                    offered: list.sequence,
                });
            }
        }
        self.trust_lists
            .retain(|loaded| loaded.jurisdiction != list.jurisdiction);
        self.trust_lists.push(list);
        Ok(self)
    }

    /// Adds one prepared anchor.
    pub fn anchor(mut self, anchor: TrustAnchor) -> Self {
        self.anchors.push(anchor);
        self
    }

    /// Indexes the anchors: those added directly and the roots of every trust list's
    /// services (each once).
    pub fn build(self) -> Result<TrustStore, Error> {
        let mut anchors = self.anchors;
        let mut listed_intermediates: Vec<CertificateDer> = Vec::new();
        let mut listed_roots: HashMap<ListedCa, Vec<ServiceIndex>> = HashMap::new();
        let mut listed_issuing_cas: HashMap<ListedCa, Vec<ServiceIndex>> = HashMap::new();
        for (list_index, list) in self.trust_lists.iter().enumerate() {
            for (service_index, service) in list.services.iter().enumerate() {
                let at = (list_index, service_index);
                for root in &service.roots {
                    let certificate = root.parse()?;
                    index(&mut listed_roots, &certificate, at);
                    if !anchors.iter().any(|a| a.der() == root.as_ref()) {
                        anchors.push(TrustAnchor::new(list.jurisdiction, &certificate)?);
                    }
                }
                for issuing in &service.issuing_cas {
                    index(&mut listed_issuing_cas, &issuing.parse()?, at);
                    if !listed_intermediates.contains(issuing) {
                        listed_intermediates.push(issuing.clone());
                    }
                }
            }
        }
        let mut by_subject: HashMap<ComparableName, Vec<usize>> = HashMap::new();
        let mut by_key_id: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, anchor) in anchors.iter().enumerate() {
            by_subject
                .entry(anchor.subject().clone())
                .or_default()
                .push(i);
            if let Some(key_id) = anchor.subject_key_id() {
                by_key_id.entry(key_id.to_vec()).or_default().push(i);
            }
        }
        Ok(TrustStore {
            anchors,
            by_subject,
            by_key_id,
            trust_lists: self.trust_lists,
            listed_intermediates,
            listed_roots,
            listed_issuing_cas,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pki(path: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../testdata/pki/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn listed_ca_is_its_name_and_key_not_its_certificate_bytes() {
        let first = |path: &str| decode_certificates(&pki(path)).unwrap().remove(0);
        let listed = first("hk/issuing-ca.pem");
        let reissued = decode_certificates(
            &std::fs::read(format!(
                "{}/../../testdata/trust-list-load/forged-jurisdiction/reissued-hk-issuing-ca.pem",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap()
        .remove(0);
        assert_ne!(listed, reissued);
        let of = |der: &CertificateDer| ListedCa::of(&der.parse().unwrap());
        assert_eq!(of(&listed), of(&reissued));
        // Same name, other key: the impostor HK root is not the HK root.
        assert_ne!(
            of(&first("hk/root-ca.pem")),
            of(&first("edge/impostor-hk-root.pem"))
        );
        // Other name and key.
        assert_ne!(of(&listed), of(&first("hk/root-ca.pem")));
    }

    #[test]
    fn same_named_anchor_with_matching_key_id_comes_first() {
        // The impostor shares the HK root's name but not its key identifier.
        let store = TrustStore::builder()
            .anchors_from(Jurisdiction::Hk, &pki("edge/impostor-hk-root.pem"))
            .unwrap()
            .anchors_from(Jurisdiction::Hk, &pki("hk/root-ca.pem"))
            .unwrap()
            .build()
            .unwrap();
        let issuing = decode_certificates(&pki("hk/issuing-ca.pem")).unwrap();
        let issuing = issuing[0].parse().unwrap();
        let name = ComparableName::of(issuing.issuer());
        let found = store.issuers_of(&name, issuing.authority_key_id());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].subject_key_id(), issuing.authority_key_id());
        let without_hint = store.issuers_of(&name, None);
        assert_eq!(without_hint.len(), 2);
        assert!(store
            .issuers_of(&ComparableName::default(), None)
            .is_empty());
    }
}
