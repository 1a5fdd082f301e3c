//! Attack tests for issue 8 §2–§4, over certificates generated here with rcgen: trust
//! anchors are held to the CA rules (validity, basicConstraints, keyUsage, critical
//! extensions, key identifiers, subject, pathLenConstraint, EKU, and their
//! nameConstraints over every certificate below them); the path profile (AKI, SKI,
//! nameConstraints only in CAs, no CA as end entity, no unprocessed critical AIA / CRL
//! DP); and the search reports the most specific error within one budget.

use std::time::{Duration, Instant};

use baytrust::cert::Certificate;
use baytrust::path::{verify_chain, Budget, ChainOptions, Purpose};
use baytrust::Jurisdiction;
use baytrust::{Error, Time};
use baytrust::{Indication, SubIndication};
use baytrust::{TrustAnchor, TrustStore};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose,
    NameConstraints, SanType,
};

/// An unknown private-arc extension OID, as text and as rcgen arcs.
const UNKNOWN_OID: &str = "1.3.6.1.4.1.55555.7";
const UNKNOWN_ARCS: &[u64] = &[1, 3, 6, 1, 4, 1, 55555, 7];

fn validation_time() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

fn options(purpose: Purpose) -> ChainOptions<'static> {
    let mut options = ChainOptions::new(validation_time());
    options.purpose = purpose;
    options
}

/// A generated certificate with its parameters and key, so that it can issue.
struct Node {
    params: CertificateParams,
    key: KeyPair,
    der: Vec<u8>,
}

impl Node {
    fn self_signed(params: CertificateParams) -> Self {
        let key = KeyPair::generate().unwrap();
        let der = params.self_signed(&key).unwrap().der().to_vec();
        Self { params, key, der }
    }

    fn issued_by(params: CertificateParams, issuer: &Node) -> Self {
        let key = KeyPair::generate().unwrap();
        let issuer = Issuer::from_params(&issuer.params, &issuer.key);
        let der = params.signed_by(&key, &issuer).unwrap().der().to_vec();
        Self { params, key, der }
    }

    fn subject_text(&self) -> String {
        Certificate::from_der(&self.der).unwrap().subject_text()
    }

    fn subject_key_id(&self) -> Vec<u8> {
        self.params.key_identifier(&self.key)
    }
}

fn dn(cn: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::OrganizationName, "Attack Test Limited");
    name.push(DnType::CommonName, cn);
    name
}

fn dated(mut params: CertificateParams) -> CertificateParams {
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    params
}

/// A well-formed CA: critical basicConstraints cA TRUE, keyCertSign, SKI; AKI when
/// issued by another CA.
fn ca(cn: &str) -> CertificateParams {
    let mut params = dated(CertificateParams::default());
    params.distinguished_name = dn(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = true;
    params
}

/// A root: a CA without AKI.
fn root(cn: &str) -> CertificateParams {
    let mut params = ca(cn);
    params.use_authority_key_identifier_extension = false;
    params
}

/// A well-formed signing end entity: no basicConstraints, digitalSignature and
/// nonRepudiation, AKI.
fn leaf(cn: &str) -> CertificateParams {
    let mut params = dated(CertificateParams::default());
    params.distinguished_name = dn(cn);
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.use_authority_key_identifier_extension = true;
    params
}

fn extension(arcs: &[u64], critical: bool, content: Vec<u8>) -> CustomExtension {
    let mut extension = CustomExtension::from_oid_content(arcs, content);
    extension.set_criticality(critical);
    extension
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        out.extend([0x81, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// basicConstraints cA TRUE, written by hand (so that rcgen adds no SKI of its own).
fn basic_constraints_ca(critical: bool) -> CustomExtension {
    extension(&[2, 5, 29, 19], critical, tlv(0x30, &tlv(0x01, &[0xff])))
}

/// A CA whose basicConstraints and SKI are custom extensions: `ski` is written (with
/// its criticality) when given.
fn hand_made_ca(
    cn: &str,
    basic_constraints: Option<CustomExtension>,
    ski: Option<bool>,
) -> CertificateParams {
    let mut params = ca(cn);
    params.is_ca = IsCa::NoCa;
    params.custom_extensions.extend(basic_constraints);
    if let Some(critical) = ski {
        params
            .custom_extensions
            .push(extension(&[2, 5, 29, 14], critical, tlv(0x04, &[0x5a; 20])));
    }
    params
}

fn store_of(anchors: &[&Node]) -> TrustStore {
    anchors
        .iter()
        .fold(TrustStore::builder(), |builder, anchor| {
            builder.anchors_from(Jurisdiction::Hk, &anchor.der).unwrap()
        })
        .build()
        .unwrap()
}

/// Verifies `leaf` through `pool` to `anchors`; the path length on success.
fn verify(
    anchors: &[&Node],
    leaf: &Node,
    pool: &[&Node],
    options: &ChainOptions<'_>,
) -> Result<usize, Error> {
    let store = store_of(anchors);
    let leaf = Certificate::from_der(&leaf.der).unwrap();
    let pool: Vec<Certificate<'_>> = pool
        .iter()
        .map(|node| Certificate::from_der(&node.der).unwrap())
        .collect();
    verify_chain(&store, &leaf, &pool, options).map(|chain| chain.certificates.len())
}

/// Root → issuing CA → `leaf_params`, with the root made of `root_params`.
fn chain_under(root_params: CertificateParams, leaf_params: CertificateParams) -> [Node; 3] {
    let root = Node::self_signed(root_params);
    let issuing = Node::issued_by(ca("Issuing CA"), &root);
    let leaf = Node::issued_by(leaf_params, &issuing);
    [root, issuing, leaf]
}

fn verify_chain_of(nodes: &[Node; 3], purpose: Purpose) -> Result<usize, Error> {
    let [root, issuing, leaf] = nodes;
    verify(&[root], leaf, &[issuing], &options(purpose))
}

// ---- trust anchors (issue 8 §2) --------------------------------------------------------

#[test]
fn well_formed_generated_chain_validates() {
    let nodes = chain_under(root("Root CA"), leaf("Signer"));
    assert_eq!(verify_chain_of(&nodes, Purpose::Sign), Ok(2));
}

#[test]
fn anchor_name_constraints_exclude_the_end_entitys_dns_name() {
    let mut anchor = root("Constrained Root CA");
    anchor.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: vec![GeneralSubtree::DnsName("evil.example".into())],
    });
    let mut signer = leaf("Signer");
    signer.subject_alt_names = vec![SanType::DnsName("www.evil.example".try_into().unwrap())];
    let nodes = chain_under(anchor, signer);
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::NameConstraintViolation {
            depth: 0,
            name: "dNSName www.evil.example".into()
        })
    );
}

#[test]
fn anchor_name_constraints_exclude_a_directory_name_below_it() {
    // The anchor excludes O=Attack Test Limited: already the issuing CA (depth 1), which
    // the anchor issued, is outside.
    let mut anchor = root("Constrained Root CA");
    anchor.distinguished_name = DistinguishedName::new();
    anchor
        .distinguished_name
        .push(DnType::OrganizationName, "Root Operator");
    anchor
        .distinguished_name
        .push(DnType::CommonName, "Constrained Root CA");
    let mut excluded = DistinguishedName::new();
    excluded.push(DnType::OrganizationName, "Attack Test Limited");
    anchor.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: vec![GeneralSubtree::DirectoryName(excluded)],
    });
    let nodes = chain_under(anchor, leaf("Signer"));
    match verify_chain_of(&nodes, Purpose::Sign) {
        Err(Error::NameConstraintViolation { depth: 1, name }) => {
            assert!(name.contains("O=Attack Test Limited"), "{name}")
        }
        other => panic!("expected a name-constraint violation at depth 1, got {other:?}"),
    }
}

#[test]
fn anchor_name_constraints_permit_what_they_name() {
    let mut anchor = root("Constrained Root CA");
    anchor.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::DnsName("good.example".into())],
        excluded_subtrees: vec![],
    });
    let mut signer = leaf("Signer");
    signer.subject_alt_names = vec![SanType::DnsName("www.good.example".try_into().unwrap())];
    let nodes = chain_under(anchor, signer);
    assert_eq!(verify_chain_of(&nodes, Purpose::Sign), Ok(2));
}

#[test]
fn expired_anchor_is_out_of_bounds_no_poe() {
    let mut anchor = root("Expired Root CA");
    anchor.not_after = rcgen::date_time_ymd(2025, 1, 1);
    let nodes = chain_under(anchor, leaf("Signer"));
    let error = verify_chain_of(&nodes, Purpose::Sign).unwrap_err();
    assert_eq!(
        error,
        Error::AnchorExpired {
            subject: nodes[0].subject_text(),
            time: validation_time(),
            not_after: Time::parse_rfc3339("2025-01-01T00:00:00Z").unwrap(),
        }
    );
    let sub_indication = SubIndication::of_chain_error(&error);
    assert_eq!(sub_indication, SubIndication::OutOfBoundsNoPoe);
    assert_eq!(sub_indication.indication(), Indication::Indeterminate);
}

#[test]
fn not_yet_valid_anchor_is_out_of_bounds_no_poe() {
    let mut anchor = root("Future Root CA");
    anchor.not_before = rcgen::date_time_ymd(2030, 1, 1);
    let nodes = chain_under(anchor, leaf("Signer"));
    let error = verify_chain_of(&nodes, Purpose::Sign).unwrap_err();
    assert_eq!(
        error,
        Error::AnchorNotYetValid {
            subject: nodes[0].subject_text(),
            time: validation_time(),
            not_before: Time::parse_rfc3339("2030-01-01T00:00:00Z").unwrap(),
        }
    );
    assert_eq!(
        SubIndication::of_chain_error(&error),
        SubIndication::OutOfBoundsNoPoe
    );
}

#[test]
fn anchor_without_basic_constraints_is_not_a_ca() {
    let nodes = chain_under(hand_made_ca("Bare Root", None, Some(false)), leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorNotCa {
            subject: nodes[0].subject_text(),
            reason: "no basicConstraints"
        })
    );
}

#[test]
fn anchor_with_non_critical_basic_constraints_is_not_a_ca() {
    let nodes = chain_under(
        hand_made_ca("Soft Root", Some(basic_constraints_ca(false)), Some(false)),
        leaf("Signer"),
    );
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorNotCa {
            subject: nodes[0].subject_text(),
            reason: "basicConstraints is not critical"
        })
    );
}

#[test]
fn anchor_with_ca_false_is_not_a_ca() {
    let mut anchor = root("End Entity Root");
    anchor.is_ca = IsCa::ExplicitNoCa;
    let nodes = chain_under(anchor, leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorNotCa {
            subject: nodes[0].subject_text(),
            reason: "cA is FALSE"
        })
    );
}

#[test]
fn anchor_key_usage_without_key_cert_sign_is_refused() {
    let mut anchor = root("Signing-Only Root");
    anchor.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::CrlSign];
    let nodes = chain_under(anchor, leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorKeyCertSignMissing {
            subject: nodes[0].subject_text()
        })
    );
}

#[test]
fn anchor_unknown_critical_extension_is_refused() {
    let mut anchor = root("Odd Root");
    anchor
        .custom_extensions
        .push(extension(UNKNOWN_ARCS, true, tlv(0x05, &[])));
    let nodes = chain_under(anchor, leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorUnrecognisedCriticalExtension {
            subject: nodes[0].subject_text(),
            oid: UNKNOWN_OID.into()
        })
    );
}

#[test]
fn anchor_critical_subject_key_identifier_is_refused() {
    let nodes = chain_under(
        hand_made_ca(
            "Critical SKI Root",
            Some(basic_constraints_ca(true)),
            Some(true),
        ),
        leaf("Signer"),
    );
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorKeyIdentifierCritical {
            subject: nodes[0].subject_text(),
            oid: "2.5.29.14".into()
        })
    );
}

#[test]
fn anchor_with_empty_subject_is_refused() {
    // A critical subjectAltName (rcgen marks it critical for an empty subject) gets the
    // anchor past the certificate profile (RFC 5280 §4.2.1.6), so the anchor rule is
    // what refuses it.
    let mut anchor = root("unused");
    anchor.distinguished_name = DistinguishedName::new();
    anchor.subject_alt_names = vec![rcgen::SanType::DnsName("root.example".try_into().unwrap())];
    let nodes = chain_under(anchor, leaf("Signer"));
    let sha256: String = Certificate::from_der(&nodes[0].der)
        .unwrap()
        .sha256()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorSubjectEmpty { sha256 })
    );
}

#[test]
fn anchor_path_len_constraint_limits_the_intermediates_below_it() {
    let mut anchor = root("Pathlen-0 Root");
    anchor.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    let nodes = chain_under(anchor, leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AnchorPathLenExceeded {
            depth: 1,
            subject: nodes[0].subject_text(),
            path_len_constraint: 0
        })
    );
    let mut anchor = root("Pathlen-1 Root");
    anchor.is_ca = IsCa::Ca(BasicConstraints::Constrained(1));
    assert_eq!(
        verify_chain_of(&chain_under(anchor, leaf("Signer")), Purpose::Sign),
        Ok(2)
    );
}

#[test]
fn anchor_extended_key_usage_must_allow_the_purpose() {
    let mut anchor = root("TLS-only Root");
    anchor.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let nodes = chain_under(anchor, leaf("Signer"));
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::ExtendedKeyUsageMissing {
            depth: 2,
            purpose: "sign"
        })
    );
}

#[test]
fn a_defective_anchor_does_not_hide_a_sound_one_of_the_same_name() {
    let mut bad = root("Root CA");
    bad.is_ca = IsCa::ExplicitNoCa;
    let bad = Node::self_signed(bad);
    let [good, issuing, signer] = chain_under(root("Root CA"), leaf("Signer"));
    assert_eq!(
        verify(
            &[&bad, &good],
            &signer,
            &[&issuing],
            &options(Purpose::Sign)
        ),
        Ok(2)
    );
}

fn real_root(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../testdata/real-roots/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn real_gba_roots_load_as_anchors_with_no_defect() {
    for (name, path_len) in [
        ("cfca-ev-root.pem", None),
        ("gdca-trustauth-r5-root.pem", None),
        // SHA-1 signed, no subjectKeyIdentifier: neither matters for an anchor.
        ("hongkong-post-root-ca-1.pem", Some(3)),
        ("hongkong-post-root-ca-3.pem", None),
    ] {
        let store = TrustStore::builder()
            .anchors_from(Jurisdiction::Hk, &real_root(name))
            .unwrap()
            .build()
            .unwrap();
        let anchor = &store.anchors()[0];
        assert_eq!(anchor.defect(), None, "{name}");
        assert_eq!(anchor.path_len_constraint(), path_len, "{name}");
    }
}

#[test]
fn hongkong_post_root_ca_1_has_no_subject_key_identifier_and_still_anchors() {
    let der = baytrust::decode_certificates(&real_root("hongkong-post-root-ca-1.pem"))
        .unwrap()
        .remove(0);
    let certificate = der.parse().unwrap();
    assert_eq!(certificate.subject_key_id(), None);
    let anchor = TrustAnchor::new(Jurisdiction::Hk, &certificate).unwrap();
    assert_eq!(anchor.defect(), None);
    assert_eq!(anchor.subject_key_id(), None);
}

// ---- the path profile (issue 8 §3) ---------------------------------------------------

#[test]
fn ca_certificate_as_signing_end_entity_is_refused() {
    let mut signer = leaf("CA Signer");
    signer.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    signer.key_usages.push(KeyUsagePurpose::KeyCertSign);
    let nodes = chain_under(root("Root CA"), signer);
    for (purpose, name) in [
        (Purpose::Sign, "sign"),
        (Purpose::Client, "client"),
        (Purpose::Server, "server"),
    ] {
        assert_eq!(
            verify_chain_of(&nodes, purpose),
            Err(Error::CaUsedAsEndEntity { purpose: name })
        );
    }
    // Purpose::Any asks nothing of the end entity (PKITS validates CA targets so).
    assert_eq!(verify_chain_of(&nodes, Purpose::Any), Ok(2));
}

#[test]
fn key_cert_sign_end_entity_is_refused_for_signing() {
    let mut signer = leaf("Key-Cert-Sign Signer");
    signer.key_usages.push(KeyUsagePurpose::KeyCertSign);
    let nodes = chain_under(root("Root CA"), signer);
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::EndEntityKeyCertSign { purpose: "sign" })
    );
    assert_eq!(verify_chain_of(&nodes, Purpose::Any), Ok(2));
}

#[test]
fn end_entity_without_authority_key_identifier_is_refused() {
    let mut signer = leaf("No-AKI Signer");
    signer.use_authority_key_identifier_extension = false;
    let nodes = chain_under(root("Root CA"), signer);
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::AuthorityKeyIdMissing { depth: 0 })
    );
}

#[test]
fn intermediate_without_authority_key_identifier_is_refused() {
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("No-AKI Issuing CA");
    issuing.use_authority_key_identifier_extension = false;
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::AuthorityKeyIdMissing { depth: 1 })
    );
}

#[test]
fn intermediate_ca_without_subject_key_identifier_is_refused() {
    let root = Node::self_signed(root("Root CA"));
    let issuing = Node::issued_by(
        hand_made_ca("No-SKI Issuing CA", Some(basic_constraints_ca(true)), None),
        &root,
    );
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::SubjectKeyIdMissing { depth: 1 })
    );
}

#[test]
fn intermediate_with_critical_subject_key_identifier_is_refused() {
    let root = Node::self_signed(root("Root CA"));
    let issuing = Node::issued_by(
        hand_made_ca(
            "Critical-SKI Issuing CA",
            Some(basic_constraints_ca(true)),
            Some(true),
        ),
        &root,
    );
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::KeyIdentifierCritical {
            depth: 1,
            oid: "2.5.29.14".into()
        })
    );
}

#[test]
fn end_entity_with_name_constraints_is_refused() {
    let mut signer = leaf("Constraining Signer");
    signer.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::DnsName("example.com".into())],
        excluded_subtrees: vec![],
    });
    let nodes = chain_under(root("Root CA"), signer);
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::NameConstraintsInEndEntity { depth: 0 })
    );
}

/// authorityInfoAccess with one caIssuers URI.
fn authority_info_access() -> Vec<u8> {
    let ca_issuers = [0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
    let mut description = ca_issuers.to_vec();
    description.extend(tlv(0x86, b"http://ca.example/issuer.cer"));
    tlv(0x30, &tlv(0x30, &description))
}

/// cRLDistributionPoints with one fullName URI.
fn crl_distribution_points() -> Vec<u8> {
    let uri = tlv(0x86, b"http://ca.example/ca.crl");
    tlv(0x30, &tlv(0x30, &tlv(0xa0, &tlv(0xa0, &uri))))
}

#[test]
fn critical_authority_info_access_is_refused_while_unprocessed() {
    let mut signer = leaf("Critical-AIA Signer");
    signer.custom_extensions.push(extension(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        true,
        authority_info_access(),
    ));
    let nodes = chain_under(root("Root CA"), signer);
    assert_eq!(
        verify_chain_of(&nodes, Purpose::Sign),
        Err(Error::UnrecognisedCriticalExtension {
            depth: 0,
            oid: "1.3.6.1.5.5.7.1.1".into()
        })
    );
    // Non-critical, it is ignored.
    let mut signer = leaf("AIA Signer");
    signer.custom_extensions.push(extension(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        false,
        authority_info_access(),
    ));
    assert_eq!(
        verify_chain_of(&chain_under(root("Root CA"), signer), Purpose::Sign),
        Ok(2)
    );
}

#[test]
fn critical_crl_distribution_points_are_processed_only_with_revocation_checking_on() {
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("Critical-CRLDP Issuing CA");
    issuing
        .custom_extensions
        .push(extension(&[2, 5, 29, 31], true, crl_distribution_points()));
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    let mut off = options(Purpose::Sign);
    off.revocation.mode = Some(baytrust::RevocationMode::Off);
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &off),
        Err(Error::UnrecognisedCriticalExtension {
            depth: 1,
            oid: "2.5.29.31".into()
        })
    );
    // The default mode (prefer) reads the distribution points for CRL scope.
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options(Purpose::Sign)),
        Ok(2)
    );
}

// ---- the right error, found fast (issue 8 §4) ---------------------------------------

#[test]
fn same_named_wrong_key_decoy_does_not_hide_the_real_issuers_expiry() {
    let root = Node::self_signed(root("Root CA"));
    let mut real = ca("Issuing CA");
    real.not_after = rcgen::date_time_ymd(2025, 1, 1);
    let real = Node::issued_by(real, &root);
    // The decoy copies the real issuer's name and key identifier, so the key-identifier
    // hint cannot tell them apart, and comes first in the pool.
    let mut decoy = ca("Issuing CA");
    decoy.key_identifier_method = KeyIdMethod::PreSpecified(real.subject_key_id());
    let decoy = Node::issued_by(decoy, &root);
    let signer = Node::issued_by(leaf("Signer"), &real);
    assert_eq!(
        verify(&[&root], &signer, &[&decoy, &real], &options(Purpose::Sign)),
        Err(Error::CertificateExpired {
            depth: 1,
            time: validation_time(),
            not_after: Time::parse_rfc3339("2025-01-01T00:00:00Z").unwrap(),
        })
    );
    // The other order gives the same answer.
    assert_eq!(
        verify(&[&root], &signer, &[&real, &decoy], &options(Purpose::Sign)),
        verify(&[&root], &signer, &[&decoy, &real], &options(Purpose::Sign)),
    );
}

#[test]
fn issuer_rules_are_checked_when_the_issuer_is_pushed() {
    // A cA=FALSE issuer below an unreachable anchor: no anchor is ever reached, yet the
    // issuer's own failure is reported (not "unknown issuer").
    let elsewhere = Node::self_signed(root("Unrelated Root"));
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("Not-a-CA Issuer");
    issuing.is_ca = IsCa::ExplicitNoCa;
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    assert_eq!(
        verify(&[&elsewhere], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::NotACa { depth: 1 })
    );
}

#[test]
fn two_hundred_same_named_decoy_issuers_exhaust_the_signature_budget() {
    let root = Node::self_signed(root("Root CA"));
    let real = Node::issued_by(ca("Issuing CA"), &root);
    let signer = Node::issued_by(leaf("Signer"), &real);
    let decoys: Vec<Node> = (0..200)
        .map(|_| Node::issued_by(ca("Issuing CA"), &root))
        .collect();
    let pool: Vec<&Node> = decoys.iter().collect();
    let started = Instant::now();
    assert_eq!(
        verify(&[&root], &signer, &pool, &options(Purpose::Sign)),
        Err(Error::BudgetExceeded {
            what: "signature checks",
            limit: 100
        })
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn name_constraint_comparisons_come_from_the_verification_budget() {
    let mut anchor = root("Constrained Root CA");
    anchor.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: (0..20)
            .map(|i| GeneralSubtree::DnsName(format!("excluded{i}.example")))
            .collect(),
    });
    let mut signer = leaf("Signer");
    signer.subject_alt_names = vec![SanType::DnsName("www.good.example".try_into().unwrap())];
    let [root, issuing, signer] = chain_under(anchor, signer);
    let mut options = options(Purpose::Sign);
    assert_eq!(verify(&[&root], &signer, &[&issuing], &options), Ok(2));
    options.budget = Budget {
        name_constraint_comparisons: 10,
        ..Budget::default()
    };
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options),
        Err(Error::BudgetExceeded {
            what: "name-constraint comparisons",
            limit: 10
        })
    );
}

#[test]
fn self_issued_end_entity_without_authority_key_identifier_must_be_self_signed() {
    // Issuer name = subject name, but signed by the root's key: the §4.2.1.1 exemption
    // is for self-signed certificates only.
    let root = Node::self_signed(root("Root CA"));
    let mut signer = leaf("Root CA");
    signer.use_authority_key_identifier_extension = false;
    let signer = Node::issued_by(signer, &root);
    assert_eq!(
        verify(&[&root], &signer, &[], &options(Purpose::Sign)),
        Err(Error::AuthorityKeyIdMissing { depth: 0 })
    );
}

#[test]
fn intermediate_extended_key_usage_is_checked_when_pushed() {
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("TLS Issuing CA");
    issuing.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    // No anchor is reachable: the issuer's own failure is still what is reported.
    let elsewhere = Node::self_signed(super_root());
    assert_eq!(
        verify(&[&elsewhere], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::ExtendedKeyUsageMissing {
            depth: 1,
            purpose: "sign"
        })
    );
    // For the purpose the CA's EKU names, the same path is valid.
    assert_eq!(
        verify(&[&root], &signer, &[&issuing], &options(Purpose::Server)),
        Ok(2)
    );
}

#[test]
fn intermediate_key_usage_without_key_cert_sign_is_checked_when_pushed() {
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("CRL-only Issuing CA");
    issuing.key_usages = vec![KeyUsagePurpose::CrlSign];
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    let elsewhere = Node::self_signed(super_root());
    assert_eq!(
        verify(&[&elsewhere], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::KeyCertSignMissing { depth: 1 })
    );
}

#[test]
fn expired_intermediate_is_reported_even_when_no_anchor_is_reachable() {
    let root = Node::self_signed(root("Root CA"));
    let mut issuing = ca("Expired Issuing CA");
    issuing.not_after = rcgen::date_time_ymd(2024, 6, 1);
    let issuing = Node::issued_by(issuing, &root);
    let signer = Node::issued_by(leaf("Signer"), &issuing);
    let elsewhere = Node::self_signed(super_root());
    assert_eq!(
        verify(&[&elsewhere], &signer, &[&issuing], &options(Purpose::Sign)),
        Err(Error::CertificateExpired {
            depth: 1,
            time: validation_time(),
            not_after: Time::parse_rfc3339("2024-06-01T00:00:00Z").unwrap(),
        })
    );
}

/// A root nothing in these tests chains to.
fn super_root() -> CertificateParams {
    root("Unrelated Root")
}

#[test]
fn anchor_name_constraints_exclude_the_end_entitys_distinguished_name() {
    // The excluded subtree is the signer's own DN: the issuing CA (CN=Issuing CA) is
    // outside it, the signer (depth 0) inside.
    let mut anchor = root("Constrained Root CA");
    anchor.distinguished_name = DistinguishedName::new();
    anchor
        .distinguished_name
        .push(DnType::CommonName, "Constrained Root CA");
    anchor.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: vec![GeneralSubtree::DirectoryName(dn("Signer"))],
    });
    let nodes = chain_under(anchor, leaf("Signer"));
    match verify_chain_of(&nodes, Purpose::Sign) {
        Err(Error::NameConstraintViolation { depth: 0, name }) => {
            assert!(name.contains("CN=Signer"), "{name}")
        }
        other => panic!("expected a name-constraint violation at depth 0, got {other:?}"),
    }
    // A sibling signer outside the excluded subtree passes under the same anchor.
    let [root, issuing, _] = &nodes;
    let other = Node::issued_by(leaf("Other Signer"), issuing);
    assert_eq!(
        verify(&[root], &other, &[issuing], &options(Purpose::Sign)),
        Ok(2)
    );
}

#[test]
fn a_directly_trusted_self_signed_end_entity_is_not_an_anchor() {
    // RFC 5280 knows no "direct trust" of an end entity: trusted as its own anchor, a
    // self-signed signer certificate is refused as an anchor that is not a CA.
    let mut signer = leaf("Self-Signed Signer");
    signer.use_authority_key_identifier_extension = false;
    let signer = Node::self_signed(signer);
    assert_eq!(
        verify(&[&signer], &signer, &[], &options(Purpose::Sign)),
        Err(Error::AnchorNotCa {
            subject: signer.subject_text(),
            reason: "no basicConstraints"
        })
    );
}

#[test]
fn copies_of_one_decoy_cost_one_signature_check() {
    // 300 copies of one same-named wrong-key decoy ahead of the real issuer: each
    // distinct certificate is tried once, so the budget of 100 signature checks holds.
    let root = Node::self_signed(root("Root CA"));
    let real = Node::issued_by(ca("Issuing CA"), &root);
    let mut decoy = ca("Issuing CA");
    decoy.key_identifier_method = KeyIdMethod::PreSpecified(real.subject_key_id());
    let decoy = Node::issued_by(decoy, &root);
    let signer = Node::issued_by(leaf("Signer"), &real);
    let mut pool: Vec<&Node> = vec![&decoy; 300];
    pool.push(&real);
    assert_eq!(
        verify(&[&root], &signer, &pool, &options(Purpose::Sign)),
        Ok(2)
    );
}
