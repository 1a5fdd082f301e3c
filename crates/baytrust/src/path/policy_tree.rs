//! RFC 5280 §6.1 certificate-policy processing: the valid_policy_tree of §6.1.2 (a),
//! grown and pruned by §6.1.3 (d)–(f), mapped by §6.1.4 (a), (b), its counters kept by
//! §6.1.4 (h)–(j), and intersected with the user-initial-policy-set by §6.1.5 (g).
//!
//! The tree is held as the equivalent *policy graph* of RFC 9618 (which updates RFC
//! 5280 §6.1 for exactly this reason): at each depth there is at most one node per
//! valid_policy, and a node lists the valid_policy of each of its parents. RFC 5280's
//! tree repeats identical subtrees and can grow exponentially with the path length
//! (OpenSSL CVE-2023-0464); the graph grows only linearly with the policies and
//! mappings the certificates hold, and gives the same results. Two facts make the
//! merge exact (RFC 9618 §3): all nodes of one depth with the same valid_policy have
//! the same expected_policy_set (mappings act on every such node alike), and a node's
//! children depend only on that set.
//!
//! Qualifiers are not kept: baytrust reports policy sets, not qualifiers (§6.1.6 lets
//! an implementation drop them when it does not return them).

use std::collections::{BTreeMap, BTreeSet};

use crate::cert::Certificate;
use crate::oid::ANY_POLICY;
use crate::Error;

/// The four policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyInputs {
    /// user-initial-policy-set: dotted OIDs; `["2.5.29.32.0"]` (anyPolicy) means any.
    pub user_initial_policy_set: Vec<String>,
    /// initial-explicit-policy.
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit.
    pub initial_any_policy_inhibit: bool,
}

impl Default for PolicyInputs {
    /// Any policy acceptable, nothing inhibited, no explicit policy required.
    fn default() -> Self {
        Self {
            user_initial_policy_set: vec![crate::oid::ANY_POLICY.to_owned()],
            initial_explicit_policy: false,
            initial_policy_mapping_inhibit: false,
            initial_any_policy_inhibit: false,
        }
    }
}

/// A set of policies that RFC 5280 may leave unconstrained.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum PolicySet {
    /// Every policy (the tree's root is anyPolicy at the leaf's depth), shown as
    /// `["2.5.29.32.0"]`.
    #[serde(serialize_with = "serialize_any")]
    Any,
    /// These dotted OIDs (possibly none).
    Policies(BTreeSet<String>),
}

fn serialize_any<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = serializer.serialize_seq(Some(1))?;
    seq.serialize_element(crate::oid::ANY_POLICY)?;
    seq.end()
}

/// What policy processing concludes (RFC 5280 §6.1.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyOutcome {
    /// authorities-constrained-policy-set.
    pub authorities_constrained: PolicySet,
    /// user-constrained-policy-set: authorities-constrained ∩ user-initial-policy-set.
    pub user_constrained: PolicySet,
}

/// How many nodes plus parent links one path's policy graph may ever create. Real paths
/// need a few dozen (a bridge CA asserting and mapping tens of policies); only hostile
/// certificates need more. In the spirit of rustls-webpki's `Budget` (see
/// [`super::Budget`]), work is capped by a fixed count rather than left to input size:
/// the graph is linear in the policies and mappings on the path, but a path of large
/// certificates can still carry many thousands of them, and RFC 5280's own tree, which
/// OpenSSL built before CVE-2023-0464, grows exponentially.
const MAX_POLICY_GRAPH_SIZE: usize = 10_000;

/// One node of the policy graph; its valid_policy is its key in [`Level`].
#[derive(Debug, Clone)]
struct Node {
    /// expected_policy_set: the policies that satisfy this one in the next certificate.
    expected: BTreeSet<String>,
    /// valid_policy of each parent one depth up. Empty only for the root. A node whose
    /// parent is anyPolicy has no other parent (RFC 9618 §3.2): §6.1.3 (d)(1)(ii) and
    /// §6.1.4 (b)(1) attach to anyPolicy only when no other parent exists.
    parents: BTreeSet<String>,
}

impl Node {
    fn new(policy: &str, parents: BTreeSet<String>) -> Self {
        Self {
            expected: BTreeSet::from([policy.to_owned()]),
            parents,
        }
    }
}

/// The nodes of one depth, by valid_policy.
type Level = BTreeMap<String, Node>;

/// Policy state carried along one path.
#[derive(Debug, Clone)]
pub(crate) struct PolicyProcessing {
    /// valid_policy_tree: `levels[d]` holds depth d (0 = the anyPolicy root, d = the
    /// d-th certificate from the anchor). `None` is RFC 5280's NULL tree.
    levels: Option<Vec<Level>>,
    /// user-initial-policy-set; `None` when it holds anyPolicy.
    user_policies: Option<BTreeSet<String>>,
    /// n: certificates in the path, anchor excluded.
    path_len: usize,
    explicit_policy: usize,
    inhibit_any_policy: usize,
    policy_mapping: usize,
    /// Nodes and parent links created so far, against [`MAX_POLICY_GRAPH_SIZE`].
    size: usize,
}

impl PolicyProcessing {
    /// §6.1.2 initialisation for a path of `path_len` certificates (anchor excluded).
    pub(crate) fn new(inputs: &PolicyInputs, path_len: usize) -> Self {
        let initial = |inhibited: bool| {
            if inhibited {
                0
            } else {
                path_len.saturating_add(1)
            }
        };
        let user_policies = if inputs
            .user_initial_policy_set
            .iter()
            .any(|p| p == ANY_POLICY)
        {
            None
        } else {
            Some(inputs.user_initial_policy_set.iter().cloned().collect())
        };
        let root = Level::from([(
            ANY_POLICY.to_owned(),
            Node::new(ANY_POLICY, BTreeSet::new()),
        )]);
        Self {
            levels: Some(vec![root]),
            user_policies,
            path_len,
            explicit_policy: initial(inputs.initial_explicit_policy),
            inhibit_any_policy: initial(inputs.initial_any_policy_inhibit),
            policy_mapping: initial(inputs.initial_policy_mapping_inhibit),
            size: 1,
        }
    }

    /// §6.1.3 (d), (e), (f) for certificate `i` (1 = issued by the anchor, n = leaf),
    /// found at `depth`. `self_issued`: issuer and subject names match.
    pub(crate) fn process_certificate(
        &mut self,
        i: usize,
        certificate: &Certificate<'_>,
        self_issued: bool,
        depth: usize,
    ) -> Result<(), Error> {
        match certificate.certificate_policies() {
            // (e): no certificatePolicies, no tree.
            None => self.levels = None,
            Some(policies) => {
                if let Some(levels) = self.levels.as_mut() {
                    // (d)(2): anyPolicy counts while not inhibited, and in a
                    // self-issued intermediate.
                    let any_allowed =
                        self.inhibit_any_policy > 0 || (i < self.path_len && self_issued);
                    let ids: Vec<String> = policies
                        .iter()
                        .map(|p| p.policy_id.to_id_string())
                        .collect();
                    let level = match levels.last() {
                        Some(previous) => next_level(previous, &ids, any_allowed, &mut self.size)?,
                        None => Level::new(),
                    };
                    levels.push(level);
                    // (d)(3)
                    if !prune(levels) {
                        self.levels = None;
                    }
                }
            }
        }
        // (f)
        if self.explicit_policy == 0 && self.levels.is_none() {
            return Err(Error::NoValidPolicy { depth });
        }
        Ok(())
    }

    /// §6.1.4 (a), (b), (h), (i), (j) after certificate `i` < n.
    pub(crate) fn prepare_next(
        &mut self,
        _i: usize,
        certificate: &Certificate<'_>,
        self_issued: bool,
        depth: usize,
    ) -> Result<(), Error> {
        if let Some(mappings) = certificate.policy_mappings() {
            // (a), and the mappings grouped by issuerDomainPolicy.
            let mut mapped: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for mapping in &mappings.mappings {
                let issuer = mapping.issuer_domain_policy.to_id_string();
                let subject = mapping.subject_domain_policy.to_id_string();
                if issuer == ANY_POLICY || subject == ANY_POLICY {
                    return Err(Error::PolicyMappingAnyPolicy { depth });
                }
                mapped.entry(issuer).or_default().insert(subject);
            }
            if let Some(levels) = self.levels.as_mut() {
                if self.policy_mapping > 0 {
                    map_policies(levels, mapped, &mut self.size)?;
                } else {
                    // (b)(2): delete the mapped nodes of depth i, then prune.
                    if let Some(level) = levels.last_mut() {
                        for issuer in mapped.keys() {
                            level.remove(issuer);
                        }
                    }
                    if !prune(levels) {
                        self.levels = None;
                    }
                }
            }
        }
        // (h)
        if !self_issued {
            self.explicit_policy = self.explicit_policy.saturating_sub(1);
            self.policy_mapping = self.policy_mapping.saturating_sub(1);
            self.inhibit_any_policy = self.inhibit_any_policy.saturating_sub(1);
        }
        // (i)
        if let Some(constraints) = certificate.policy_constraints() {
            if let Some(require) = constraints.require_explicit_policy {
                self.explicit_policy = self.explicit_policy.min(to_usize(require));
            }
            if let Some(inhibit) = constraints.inhibit_policy_mapping {
                self.policy_mapping = self.policy_mapping.min(to_usize(inhibit));
            }
        }
        // (j)
        if let Some(inhibit) = certificate.inhibit_any_policy() {
            self.inhibit_any_policy = self.inhibit_any_policy.min(to_usize(inhibit.skip_certs));
        }
        Ok(())
    }

    /// §6.1.5 (a), (b), (g) on the leaf (depth 0), and the outcome.
    pub(crate) fn finish(self, leaf: &Certificate<'_>) -> Result<PolicyOutcome, Error> {
        // (a), (b)
        let mut explicit_policy = self.explicit_policy.saturating_sub(1);
        if leaf
            .policy_constraints()
            .and_then(|c| c.require_explicit_policy)
            == Some(0)
        {
            explicit_policy = 0;
        }
        let empty = || PolicySet::Policies(BTreeSet::new());
        let (authorities_constrained, user_constrained) = match self.levels {
            None => (empty(), empty()),
            Some(mut levels) => {
                if prune(&mut levels) {
                    let authorities = authorities_constrained(&levels);
                    let user = intersect(&authorities, self.user_policies.as_ref());
                    (authorities, user)
                } else {
                    (empty(), empty())
                }
            }
        };
        // (g): the intersected tree is NULL exactly when no user-constrained policy is
        // left, because after pruning every node leads to a leaf.
        if explicit_policy == 0 && user_constrained == empty() {
            return Err(Error::NoValidPolicy { depth: 0 });
        }
        Ok(PolicyOutcome {
            authorities_constrained,
            user_constrained,
        })
    }
}

fn to_usize(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

/// Counts `units` more nodes or links against [`MAX_POLICY_GRAPH_SIZE`].
fn charge(size: &mut usize, units: usize) -> Result<(), Error> {
    *size = size.saturating_add(units);
    if *size > MAX_POLICY_GRAPH_SIZE {
        return Err(Error::BudgetExceeded {
            what: "policy tree nodes",
            limit: MAX_POLICY_GRAPH_SIZE,
        });
    }
    Ok(())
}

/// §6.1.3 (d)(1), (d)(2): the nodes of depth i for a certificate asserting `policies`
/// below `previous` (depth i−1).
fn next_level(
    previous: &Level,
    policies: &[String],
    any_allowed: bool,
    size: &mut usize,
) -> Result<Level, Error> {
    // Parents at depth i−1 by the policies they expect.
    let mut expecting: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (parent, node) in previous {
        for expected in &node.expected {
            expecting
                .entry(expected.as_str())
                .or_default()
                .push(parent.as_str());
        }
    }
    let previous_has_any = previous.contains_key(ANY_POLICY);
    let mut level = Level::new();
    for policy in policies.iter().filter(|p| p.as_str() != ANY_POLICY) {
        let parents: BTreeSet<String> = match expecting.get(policy.as_str()) {
            // (d)(1)(i): a child of every node expecting it.
            Some(parents) => parents.iter().map(|p| (*p).to_owned()).collect(),
            // (d)(1)(ii): else a child of anyPolicy.
            None if previous_has_any => BTreeSet::from([ANY_POLICY.to_owned()]),
            None => continue,
        };
        add_links(&mut level, policy, parents, size)?;
    }
    // (d)(2): each expected policy that no child of its node has yet, through anyPolicy.
    if any_allowed && policies.iter().any(|p| p == ANY_POLICY) {
        for (parent, node) in previous {
            for expected in &node.expected {
                add_links(&mut level, expected, BTreeSet::from([parent.clone()]), size)?;
            }
        }
    }
    Ok(level)
}

/// Adds the node `policy` to `level` if absent, and `parents` to its parents.
fn add_links(
    level: &mut Level,
    policy: &str,
    parents: BTreeSet<String>,
    size: &mut usize,
) -> Result<(), Error> {
    let node = match level.get_mut(policy) {
        Some(node) => node,
        None => {
            charge(size, 1)?;
            level
                .entry(policy.to_owned())
                .or_insert_with(|| Node::new(policy, BTreeSet::new()))
        }
    };
    for parent in parents {
        if node.parents.insert(parent) {
            charge(size, 1)?;
        }
    }
    Ok(())
}

/// §6.1.4 (b)(1) at the deepest level: mapped nodes expect the subject-domain
/// policies; a mapped policy with no node of its own but an anyPolicy node gets a node
/// under anyPolicy.
fn map_policies(
    levels: &mut [Level],
    mapped: BTreeMap<String, BTreeSet<String>>,
    size: &mut usize,
) -> Result<(), Error> {
    // The root (depth 0) is not a certificate's level and is never mapped.
    if levels.len() < 2 {
        return Ok(());
    }
    let Some(level) = levels.last_mut() else {
        return Ok(());
    };
    let has_any = level.contains_key(ANY_POLICY);
    for (issuer, subjects) in mapped {
        if let Some(node) = level.get_mut(&issuer) {
            charge(size, subjects.len())?;
            node.expected = subjects;
        } else if has_any {
            charge(size, subjects.len().saturating_add(2))?;
            level.insert(
                issuer,
                Node {
                    expected: subjects,
                    parents: BTreeSet::from([ANY_POLICY.to_owned()]),
                },
            );
        }
    }
    Ok(())
}

/// §6.1.3 (d)(3): deletes, repeatedly, every childless node above the deepest level.
/// Returns false when the tree is left NULL.
fn prune(levels: &mut [Level]) -> bool {
    if levels.last().is_none_or(|level| level.is_empty()) {
        return false;
    }
    for depth in (1..levels.len()).rev() {
        let (upper, lower) = levels.split_at_mut(depth);
        let (Some(level), Some(children)) = (upper.last_mut(), lower.first()) else {
            return false;
        };
        let referenced: BTreeSet<&str> = children
            .values()
            .flat_map(|child| child.parents.iter().map(String::as_str))
            .collect();
        level.retain(|policy, _| referenced.contains(policy.as_str()));
        if level.is_empty() {
            return false;
        }
    }
    true
}

/// The authorities-constrained-policy-set of a pruned, non-NULL graph: each leaf's
/// policy in the trust anchor's domain, which is the valid_policy of its highest
/// ancestor that is not anyPolicy (RFC 5280 §6.1.5 (g)(ii)'s valid_policy_node_set, the
/// nodes whose parent is anyPolicy); `Any` when a leaf is anyPolicy (all its ancestors
/// are). Pruning leaves every node with a descendant leaf, so every node under anyPolicy
/// counts.
fn authorities_constrained(levels: &[Level]) -> PolicySet {
    if levels
        .last()
        .is_some_and(|leaves| leaves.contains_key(ANY_POLICY))
    {
        return PolicySet::Any;
    }
    PolicySet::Policies(
        levels
            .iter()
            .flat_map(|level| level.iter())
            .filter(|(policy, node)| {
                policy.as_str() != ANY_POLICY && node.parents.contains(ANY_POLICY)
            })
            .map(|(policy, _)| policy.clone())
            .collect(),
    )
}

/// §6.1.5 (g): the user-constrained-policy-set. (g)(ii) keeps the anchor-domain
/// policies in the user set; (g)(iii) replaces an anyPolicy leaf by every user policy.
fn intersect(authorities: &PolicySet, user: Option<&BTreeSet<String>>) -> PolicySet {
    match (authorities, user) {
        (_, None) => authorities.clone(),
        (PolicySet::Any, Some(user)) => PolicySet::Policies(user.clone()),
        (PolicySet::Policies(policies), Some(user)) => {
            PolicySet::Policies(policies.intersection(user).cloned().collect())
        }
    }
}

#[cfg(test)]
mod tests {
    //! PKITS 1.0.1 sections 4.8–4.12 run through policy processing alone: every entry
    //! there (88, none with a `requires` tag) is decided by policy processing only, so
    //! each is asserted exactly: the valid ones by their user-constrained-policy-set,
    //! the invalid ones by a policy error.

    use super::*;
    use std::path::PathBuf;

    use serde_json::Value;

    const NIST_POLICY_ARC: &str = "2.16.840.1.101.3.2.1.48";

    fn pkits_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pkits")
    }

    fn strings(value: &Value) -> Vec<String> {
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Runs the state machine in the validator's order over `certificates`, the
    /// anchor-issued one first.
    fn run(
        inputs: &PolicyInputs,
        certificates: &[Certificate<'_>],
    ) -> Result<PolicyOutcome, Error> {
        let n = certificates.len();
        let mut policy = PolicyProcessing::new(inputs, n);
        for (index, certificate) in certificates.iter().enumerate() {
            let i = index + 1;
            let self_issued = certificate.subject_text() == certificate.issuer_text();
            policy.process_certificate(i, certificate, self_issued, n - i)?;
            if i < n {
                policy.prepare_next(i, certificate, self_issued, n - i)?;
            }
        }
        policy.finish(certificates.last().expect("a leaf"))
    }

    fn run_entry(entry: &Value) -> Result<PolicyOutcome, Error> {
        let files = if entry["path"].is_array() {
            strings(&entry["path"])
        } else {
            strings(&entry["chain"])
        };
        let ders: Vec<Vec<u8>> = files
            .iter()
            .skip(1)
            .map(|f| std::fs::read(pkits_dir().join("certs").join(f)).expect("PKITS cert"))
            .collect();
        let certificates: Vec<Certificate<'_>> = ders
            .iter()
            .map(|d| Certificate::from_der(d).expect("PKITS cert parses"))
            .collect();
        let flag = |name: &str| entry[name].as_bool().expect("boolean input");
        let inputs = PolicyInputs {
            user_initial_policy_set: strings(&entry["initial_policy_set"]),
            initial_explicit_policy: flag("initial_explicit_policy"),
            initial_policy_mapping_inhibit: flag("initial_policy_mapping_inhibit"),
            initial_any_policy_inhibit: flag("initial_inhibit_any_policy"),
        };
        run(&inputs, &certificates)
    }

    #[test]
    fn pkits_sections_4_8_to_4_12() {
        let text = std::fs::read_to_string(pkits_dir().join("manifest.json")).expect("manifest");
        let manifest: Value = serde_json::from_str(&text).expect("manifest JSON");
        let default_set: BTreeSet<String> =
            strings(&manifest["defaults"]["user_constrained_policy_set_when_omitted"])
                .into_iter()
                .collect();
        let mut checked = 0;
        let mut failures = Vec::new();
        for entry in manifest["tests"].as_array().expect("tests") {
            let section = entry["section"].as_str().expect("section");
            if !["4.8 ", "4.9 ", "4.10 ", "4.11 ", "4.12 "]
                .iter()
                .any(|s| section.starts_with(s))
            {
                continue;
            }
            assert!(entry["requires"].is_null(), "{entry}");
            checked += 1;
            let id = entry["id"].as_str().expect("id");
            let valid = entry["expect_valid"].as_bool().expect("expect_valid");
            let result = run_entry(entry);
            let ok = match (&result, valid) {
                (Ok(outcome), true) => {
                    let expected = if entry["user_constrained_policy_set"].is_array() {
                        strings(&entry["user_constrained_policy_set"])
                            .into_iter()
                            .collect()
                    } else {
                        default_set.clone()
                    };
                    let got = match &outcome.user_constrained {
                        PolicySet::Any => BTreeSet::from([ANY_POLICY.to_owned()]),
                        PolicySet::Policies(p) => p.clone(),
                    };
                    got == expected
                }
                (
                    Err(Error::NoValidPolicy { .. } | Error::PolicyMappingAnyPolicy { .. }),
                    false,
                ) => true,
                _ => false,
            };
            if !ok {
                failures.push(format!("{id}: {result:?}"));
            }
        }
        assert_eq!(checked, 88);
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn mapped_path_reports_policies_in_the_anchor_domain() {
        // 4.10.1: Mapping1to2CA maps NIST-test-policy-1 to -2; the leaf asserts -2.
        let ders: Vec<Vec<u8>> = ["Mapping1to2CACert.crt", "ValidPolicyMappingTest1EE.crt"]
            .iter()
            .map(|f| std::fs::read(pkits_dir().join("certs").join(f)).expect("cert"))
            .collect();
        let certificates: Vec<Certificate<'_>> = ders
            .iter()
            .map(|d| Certificate::from_der(d).expect("parses"))
            .collect();
        let outcome = run(&PolicyInputs::default(), &certificates).expect("valid");
        let one = PolicySet::Policies(BTreeSet::from([format!("{NIST_POLICY_ARC}.1")]));
        assert_eq!(outcome.authorities_constrained, one);
        assert_eq!(outcome.user_constrained, one);
    }

    fn der_length(len: usize, out: &mut Vec<u8>) {
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes: Vec<u8> = len
                .to_be_bytes()
                .into_iter()
                .skip_while(|b| *b == 0)
                .collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
    }

    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        der_length(content.len(), &mut out);
        out.extend_from_slice(content);
        out
    }

    /// DER OID `2.16.840.1.101.3.2.1.48.<last>`.
    fn nist_policy_oid(last: u64) -> Vec<u8> {
        let mut content = vec![0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x02, 0x01, 0x30];
        let mut arc = vec![(last & 0x7f) as u8];
        let mut rest = last >> 7;
        while rest > 0 {
            arc.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        content.extend(arc.into_iter().rev());
        der(0x06, &content)
    }

    /// A self-signed certificate asserting `count` distinct policies.
    fn certificate_with_policies(count: u64) -> Vec<u8> {
        let body: Vec<u8> = (1..=count)
            .flat_map(|k| der(0x30, &nist_policy_oid(k)))
            .collect();
        let mut params = rcgen::CertificateParams::default();
        params
            .custom_extensions
            .push(rcgen::CustomExtension::from_oid_content(
                &[2, 5, 29, 32],
                der(0x30, &body),
            ));
        let key = rcgen::KeyPair::generate().expect("key");
        params
            .self_signed(&key)
            .expect("certificate")
            .der()
            .to_vec()
    }

    #[test]
    fn policy_graph_is_capped() {
        let der = certificate_with_policies(6_000);
        let certificate = Certificate::from_der(&der).expect("parses");
        assert_eq!(
            run(&PolicyInputs::default(), std::slice::from_ref(&certificate)),
            Err(Error::BudgetExceeded {
                what: "policy tree nodes",
                limit: MAX_POLICY_GRAPH_SIZE,
            })
        );

        let der = certificate_with_policies(1_000);
        let certificate = Certificate::from_der(&der).expect("parses");
        let outcome =
            run(&PolicyInputs::default(), std::slice::from_ref(&certificate)).expect("fits");
        assert!(matches!(outcome.user_constrained, PolicySet::Policies(p) if p.len() == 1_000));
    }
}
