//! Identity rules (issue 8 §3 last bullet, §6): a certificate whose identity fields
//! contradict each other names no single legal entity, so it shows none and its
//! signature cannot pass; and an identity profile that reads `organizationIdentifier`
//! itself takes its canonical `NTRxx-…` value as the identifier. Tested at the profile
//! and through a real trust list and CMS signature over an rcgen-made PKI.

use std::collections::BTreeSet;
use std::io::Cursor;

use base64::Engine as _;
use baytrust::cert::{Certificate, CertificateDer};
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{IdentityProfile, Jurisdiction};
use baytrust::{Indication, SignerReport, SubIndication};
use baytrust::{SignedDataBuilder, SigningKey};
use baytrust::{TrustList, TrustStore};

const MR_POLICY: &str = "2.16.344.8.2.2008.810.2.2018.1.1";
const USCC: &str = "91350100M000100Y43";
const OTHER_USCC: &str = "91110000600037341L";
const AT: &str = "2026-06-01T00:00:00Z";

fn time(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

// ---- certificates -------------------------------------------------------------------

/// DER TLV with a short definite length.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    assert!(content.len() < 0x80);
    [vec![tag, content.len() as u8], content.to_vec()].concat()
}

/// certificatePolicies with one policy, dotted OID given as its DER content bytes.
fn policies(oid_content: &[u8]) -> rcgen::CustomExtension {
    rcgen::CustomExtension::from_oid_content(
        &[2, 5, 29, 32],
        tlv(0x30, &tlv(0x30, &tlv(0x06, oid_content))),
    )
}

const ANY_POLICY: &[u8] = &[0x55, 0x1d, 0x20, 0x00];
/// 2.16.344.8.2.2008.810.2.2018.1.1
const MR_POLICY_DER: &[u8] = &[
    0x60, 0x82, 0x58, 0x08, 0x02, 0x8f, 0x58, 0x86, 0x2a, 0x02, 0x8f, 0x62, 0x01, 0x01,
];

struct Pki {
    root: Vec<u8>,
    issuing_ca: Vec<u8>,
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
    /// The issuing CA's key as PKCS#8, to sign certificates edited at the DER level.
    issuer_key_der: Vec<u8>,
}

fn ca_params(cn: &str) -> rcgen::CertificateParams {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CountryName, "CN");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "Identity Test CA");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
    ];
    params.custom_extensions.push(policies(ANY_POLICY));
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    params
}

fn pki() -> Pki {
    let root_key = rcgen::KeyPair::generate().unwrap();
    let root_params = ca_params("Identity Test Root");
    let root = root_params.self_signed(&root_key).unwrap().der().to_vec();
    let root_issuer = rcgen::Issuer::new(root_params, root_key);
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = ca_params("Identity Test Issuing CA");
    ca.use_authority_key_identifier_extension = true;
    let issuing_ca = ca.signed_by(&ca_key, &root_issuer).unwrap().der().to_vec();
    Pki {
        root,
        issuing_ca,
        issuer_key_der: ca_key.serialize_der(),
        issuer: rcgen::Issuer::new(ca, ca_key),
    }
}

/// The identity fields of a leaf: subject attributes after `C` (as `(OID arcs, text)`),
/// and mainland identity extensions (`(last arc, text)` under 1.2.156.10260.4.1).
struct Identity<'a> {
    country: &'a str,
    attributes: Vec<(Vec<u64>, &'a str)>,
    mainland_extensions: Vec<(u64, &'a str)>,
}

const ORGANIZATION_IDENTIFIER: [u64; 4] = [2, 5, 4, 97];
const ORGANIZATIONAL_UNIT: [u64; 4] = [2, 5, 4, 11];

fn identity(country: &str, org_ids: &[&'static str]) -> Identity<'static> {
    let country: &'static str = Box::leak(country.to_owned().into_boxed_str());
    Identity {
        country,
        attributes: org_ids
            .iter()
            .map(|id| (ORGANIZATION_IDENTIFIER.to_vec(), *id))
            .collect(),
        mainland_extensions: Vec::new(),
    }
}

/// A signing certificate for 前海科技有限公司 issued by the PKI's issuing CA, with its key.
fn leaf(pki: &Pki, identity: &Identity<'_>) -> (Vec<u8>, rcgen::KeyPair) {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CountryName, identity.country);
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "前海科技有限公司");
    for (oid, text) in &identity.attributes {
        params.distinguished_name.push(
            rcgen::DnType::CustomDnType(oid.clone()),
            rcgen::DnValue::Utf8String((*text).to_owned()),
        );
    }
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "LI Wei");
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::DigitalSignature,
        rcgen::KeyUsagePurpose::ContentCommitment,
    ];
    params.custom_extensions.push(policies(MR_POLICY_DER));
    for (arc, text) in &identity.mainland_extensions {
        params
            .custom_extensions
            .push(rcgen::CustomExtension::from_oid_content(
                &[1, 2, 156, 10260, 4, 1, *arc],
                tlv(0x13, text.as_bytes()),
            ));
    }
    params.use_authority_key_identifier_extension = true;
    params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    params.not_after = rcgen::date_time_ymd(2028, 1, 1);
    let key = rcgen::KeyPair::generate().unwrap();
    let der = params.signed_by(&key, &pki.issuer).unwrap().der().to_vec();
    (der, key)
}

/// DER TLV of any length.
fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend(content);
    out
}

/// Splits DER content into its TLVs.
fn split(mut content: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (len, header) = match content[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81 => (content[2] as usize, 3),
            _ => (((content[2] as usize) << 8) | content[3] as usize, 4),
        };
        out.push(&content[..header + len]);
        content = &content[header + len..];
    }
    out
}

fn content(tlv_bytes: &[u8]) -> &[u8] {
    split(tlv_bytes)[0][match tlv_bytes[1] {
        n if n < 0x80 => 2,
        0x81 => 3,
        _ => 4,
    }..]
        .as_ref()
}

/// A leaf whose subject holds `organizationIdentifier` twice (rcgen writes each
/// attribute type once, so an OU is turned into a second 2.5.4.97 and the certificate
/// signed again by the issuing CA).
fn leaf_with_two_org_ids(
    pki: &Pki,
    first: &'static str,
    second: &'static str,
) -> (Vec<u8>, rcgen::KeyPair) {
    let (der, key) = leaf(
        pki,
        &Identity {
            country: "CN",
            attributes: vec![
                (ORGANIZATION_IDENTIFIER.to_vec(), first),
                (ORGANIZATIONAL_UNIT.to_vec(), second),
            ],
            mainland_extensions: vec![],
        },
    );
    let parts = split(content(&der));
    let mut tbs = parts[0].to_vec();
    let ou = [0x06, 0x03, 0x55, 0x04, 0x0b];
    let at = tbs.windows(ou.len()).rposition(|w| w == ou).unwrap();
    tbs[at + 4] = 0x61;
    let signer = rcgen::KeyPair::try_from(pki.issuer_key_der.as_slice()).unwrap();
    let signature = rcgen::SigningKey::sign(&signer, &tbs).unwrap();
    let bit_string = der_tlv(0x03, &[&[0u8][..], &signature].concat());
    let resigned = der_tlv(0x30, &[tbs, parts[1].to_vec(), bit_string].concat());
    (resigned, key)
}

// ---- trust list, signature, verification --------------------------------------------

/// A CN trust list listing the PKI with this identity profile.
fn trust_list(pki: &Pki, org_id_source: &str, pattern: Option<&str>) -> TrustList {
    let b64 = |der: &[u8]| base64::engine::general_purpose::STANDARD.encode(der);
    let json = serde_json::json!({
        "format": "baytrust-trust-list/1",
        "jurisdiction": "CN",
        "operator": "Identity Test List Operator",
        "sequence": 1,
        "issued": "2026-01-01T00:00:00Z",
        "next_update": "2026-12-31T00:00:00Z",
        "services": [{
            "name": "Identity Test Service",
            "roots": [b64(&pki.root)],
            "issuing_cas": [b64(&pki.issuing_ca)],
            "certificate_type": null,
            "policies": [{"oid": MR_POLICY, "match": "exact"}],
            "identity": {
                "organisation": "subject:2.5.4.10",
                "org_id": org_id_source,
                "org_id_pattern": pattern,
                "authorised_person": "subject:2.5.4.3"
            },
            "status_history": [
                {"status": "recognised", "from": "2024-01-01T00:00:00Z", "until": null}
            ]
        }]
    });
    TrustList::from_json_unsigned_insecure(json.to_string().as_bytes()).unwrap()
}

/// Signs a contract with the leaf and verifies it as a HK relying party accepting the
/// CN list (or, with `list` `None`, against the root as a plain anchor).
fn verify_signed(
    pki: &Pki,
    leaf: &(Vec<u8>, rcgen::KeyPair),
    list: Option<TrustList>,
) -> SignerReport {
    let content = b"Supply contract between Qianhai and Harbour Logistics".to_vec();
    let key = SigningKey::from_pkcs8_der(&leaf.1.serialize_der()).unwrap();
    let signature = SignedDataBuilder::new()
        .signer(CertificateDer::from_vec(leaf.0.clone()), key)
        .unwrap()
        .chain(vec![CertificateDer::from_vec(pki.issuing_ca.clone())])
        .signing_time(time("2026-05-01T00:00:00Z"))
        .detached(true)
        .build(&mut Cursor::new(&content))
        .unwrap();
    let (store, policy) = match list {
        Some(list) => (
            TrustStore::builder()
                .trust_list(list)
                .unwrap()
                .build()
                .unwrap(),
            RelyingPartyPolicy {
                home: Some(Jurisdiction::Hk),
                accepted_lists: Some(BTreeSet::from([Jurisdiction::Cn])),
                ..RelyingPartyPolicy::default()
            },
        ),
        None => (
            TrustStore::builder()
                .anchors_from(Jurisdiction::Cn, &pki.root)
                .unwrap()
                .build()
                .unwrap(),
            RelyingPartyPolicy::default(),
        ),
    };
    let report = Verifier::new(store, policy)
        .verify_cms(
            &signature,
            Content::Detached(&mut Cursor::new(&content)),
            &SignatureOptions::new(time(AT)),
        )
        .unwrap();
    report.signers.into_iter().next().unwrap()
}

fn assert_not_recognised_without_entity(signer: &SignerReport, error: &Error) {
    assert_eq!(signer.indication, Indication::TotalFailed, "{signer:#?}");
    assert_eq!(signer.sub_indication, Some(SubIndication::NotRecognised));
    assert_eq!(
        signer.reason,
        format!(
            "not recognised: service \"Identity Test Service\" of the CN trust list #1: identity: {error}"
        )
    );
    assert_eq!(signer.entity, None);
    assert_eq!(signer.recognition, None);
}

// ---- canonical identifiers in profiles -------------------------------------------------

#[test]
fn profile_reading_organization_identifier_takes_its_canonical_value() {
    let pki = pki();
    let leaf = leaf(&pki, &identity("CN", &["NTRCN-91350100M000100Y43"]));
    let signer = verify_signed(
        &pki,
        &leaf,
        Some(trust_list(&pki, "subject:2.5.4.97", None)),
    );
    assert_eq!(signer.indication, Indication::TotalPassed, "{signer:#?}");
    let entity = signer.entity.unwrap();
    assert_eq!(entity.org_id.canonical(), "NTRCN-91350100M000100Y43");
    assert_eq!(entity.organisation, "前海科技有限公司");
    assert_eq!(entity.authorised_person.as_deref(), Some("LI Wei"));
}

#[test]
fn canonical_identifier_of_another_jurisdiction_is_not_read_under_a_cn_profile() {
    // An HK identifier under C=HK, read by the CN list's profile: the country matches
    // the subject, but not the profile's jurisdiction.
    let pki = pki();
    let leaf_der = leaf(&pki, &identity("HK", &["NTRHK-12345678"])).0;
    let certificate = Certificate::from_der(&leaf_der).unwrap();
    let profile = IdentityProfile::new(
        Jurisdiction::Cn,
        "subject:2.5.4.10",
        "subject:2.5.4.11",
        None,
        None,
    )
    .unwrap();
    // Through another source (OU) holding the canonical HK form as well.
    let ou_leaf = leaf(
        &pki,
        &Identity {
            country: "CN",
            attributes: vec![(ORGANIZATIONAL_UNIT.to_vec(), "NTRHK-12345678")],
            mainland_extensions: vec![],
        },
    )
    .0;
    assert_eq!(
        profile.extract(&Certificate::from_der(&ou_leaf).unwrap()),
        Err(Error::OrgIdJurisdictionMismatch {
            org_id: "NTRHK-12345678".into(),
            expected: "CN"
        })
    );
    let by_attribute = IdentityProfile::new(
        Jurisdiction::Cn,
        "subject:2.5.4.10",
        "subject:2.5.4.97",
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        by_attribute.extract(&certificate),
        Err(Error::OrgIdJurisdictionMismatch {
            org_id: "NTRHK-12345678".into(),
            expected: "CN"
        })
    );
}

#[test]
fn canonical_value_with_an_unknown_country_is_refused_not_prefixed() {
    let pki = pki();
    let leaf_der = leaf(
        &pki,
        &Identity {
            country: "CN",
            attributes: vec![(ORGANIZATIONAL_UNIT.to_vec(), "NTRGB-12345678")],
            mainland_extensions: vec![],
        },
    )
    .0;
    let profile = IdentityProfile::new(
        Jurisdiction::Cn,
        "subject:2.5.4.10",
        "subject:2.5.4.11",
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        profile.extract(&Certificate::from_der(&leaf_der).unwrap()),
        Err(Error::UnknownJurisdiction { code: "GB".into() })
    );
}

// ---- contradicting identity fields ---------------------------------------------------------

#[test]
fn two_organization_identifiers_are_refused_and_show_no_entity() {
    let pki = pki();
    let leaf = leaf_with_two_org_ids(&pki, "NTRCN-91350100M000100Y43", "NTRCN-91110000600037341L");
    let error = Error::OrganizationIdentifierRepeated {
        first: format!("NTRCN-{USCC}"),
        second: format!("NTRCN-{OTHER_USCC}"),
    };
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&leaf.0).unwrap()),
        Err(error.clone())
    );
    let signer = verify_signed(
        &pki,
        &leaf,
        Some(trust_list(&pki, "subject:2.5.4.97", None)),
    );
    assert_not_recognised_without_entity(&signer, &error);
}

#[test]
fn two_identical_organization_identifiers_are_still_two() {
    let pki = pki();
    let leaf = leaf_with_two_org_ids(&pki, "NTRCN-91350100M000100Y43", "NTRCN-91350100M000100Y43");
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&leaf.0).unwrap()),
        Err(Error::OrganizationIdentifierRepeated {
            first: format!("NTRCN-{USCC}"),
            second: format!("NTRCN-{USCC}"),
        })
    );
}

#[test]
fn hong_kong_identifier_under_c_cn_is_a_conflict() {
    let pki = pki();
    let leaf = leaf(&pki, &identity("CN", &["NTRHK-12345678"]));
    let error = Error::OrganizationIdentifierCountryMismatch {
        organization_identifier: "NTRHK-12345678".into(),
        country: "CN".into(),
    };
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&leaf.0).unwrap()),
        Err(error.clone())
    );
    let signer = verify_signed(
        &pki,
        &leaf,
        Some(trust_list(&pki, "subject:2.5.4.97", None)),
    );
    assert_not_recognised_without_entity(&signer, &error);
}

#[test]
fn identity_conflict_fails_a_plain_anchor_verification_too() {
    let pki = pki();
    let leaf = leaf(&pki, &identity("CN", &["NTRHK-12345678"]));
    let signer = verify_signed(&pki, &leaf, None);
    assert_eq!(signer.indication, Indication::Indeterminate, "{signer:#?}");
    assert_eq!(
        signer.sub_indication,
        Some(SubIndication::ChainConstraintsFailure)
    );
    assert_eq!(
        signer.reason,
        "signer's certificate names no single legal entity: organizationIdentifier \
         NTRHK-12345678 names a country other than the subject's C=CN"
    );
    assert_eq!(signer.entity, None);
}

#[test]
fn consistent_identity_passes_a_plain_anchor_verification() {
    let pki = pki();
    let leaf = leaf(&pki, &identity("CN", &["NTRCN-91350100M000100Y43"]));
    let signer = verify_signed(&pki, &leaf, None);
    assert_eq!(signer.indication, Indication::TotalPassed, "{signer:#?}");
    assert_eq!(
        signer.entity.unwrap().org_id.canonical(),
        "NTRCN-91350100M000100Y43"
    );
}

#[test]
fn brn_in_ou_disagreeing_with_organization_identifier_is_a_conflict() {
    let pki = pki();
    let leaf = leaf(
        &pki,
        &Identity {
            country: "HK",
            attributes: vec![
                (ORGANIZATION_IDENTIFIER.to_vec(), "NTRHK-12345678"),
                (ORGANIZATIONAL_UNIT.to_vec(), "BRN 87654321-000"),
            ],
            mainland_extensions: vec![],
        },
    );
    assert_eq!(
        IdentityProfile::builtin(Jurisdiction::Hk)
            .extract(&Certificate::from_der(&leaf.0).unwrap()),
        Err(Error::IdentityConflict {
            organization_identifier: "NTRHK-12345678".into(),
            profile_value: "NTRHK-87654321".into(),
        })
    );
    // The same BRN in both places agrees.
    let agreeing = leaf_with(&pki, "HK", "NTRHK-12345678", "BRN 12345678-000");
    assert_eq!(
        IdentityProfile::builtin(Jurisdiction::Hk)
            .extract(&Certificate::from_der(&agreeing).unwrap())
            .map(|entity| entity.org_id.canonical()),
        Ok("NTRHK-12345678".to_owned())
    );
}

fn leaf_with(pki: &Pki, country: &str, org_id: &'static str, ou: &'static str) -> Vec<u8> {
    leaf(
        pki,
        &Identity {
            country: Box::leak(country.to_owned().into_boxed_str()),
            attributes: vec![
                (ORGANIZATION_IDENTIFIER.to_vec(), org_id),
                (ORGANIZATIONAL_UNIT.to_vec(), ou),
            ],
            mainland_extensions: vec![],
        },
    )
    .0
}

#[test]
fn profile_selected_field_disagreeing_fails_recognition_without_entity() {
    let pki = pki();
    let leaf = leaf(
        &pki,
        &Identity {
            country: "CN",
            attributes: vec![
                (ORGANIZATION_IDENTIFIER.to_vec(), "NTRCN-91350100M000100Y43"),
                (ORGANIZATIONAL_UNIT.to_vec(), OTHER_USCC),
            ],
            mainland_extensions: vec![],
        },
    );
    let error = Error::IdentityConflict {
        organization_identifier: format!("NTRCN-{USCC}"),
        profile_value: format!("NTRCN-{OTHER_USCC}"),
    };
    let signer = verify_signed(
        &pki,
        &leaf,
        Some(trust_list(&pki, "subject:2.5.4.11", None)),
    );
    assert_not_recognised_without_entity(&signer, &error);
}

#[test]
fn mainland_uscc_extension_disagreeing_with_organization_identifier_is_a_conflict() {
    let pki = pki();
    let with_extension = |arc: u64, value: &'static str| {
        leaf(
            &pki,
            &Identity {
                country: "CN",
                attributes: vec![(ORGANIZATION_IDENTIFIER.to_vec(), "NTRCN-91350100M000100Y43")],
                mainland_extensions: vec![(arc, value)],
            },
        )
    };
    let disagreeing = with_extension(4, OTHER_USCC);
    let error = Error::IdentityExtensionConflict {
        organization_identifier: format!("NTRCN-{USCC}"),
        extension: "1.2.156.10260.4.1.4".into(),
        value: OTHER_USCC.into(),
    };
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&disagreeing.0).unwrap()),
        Err(error.clone())
    );
    // Even when the list's profile reads 2.5.4.97, not the extension.
    let signer = verify_signed(
        &pki,
        &disagreeing,
        Some(trust_list(&pki, "subject:2.5.4.97", None)),
    );
    assert_not_recognised_without_entity(&signer, &error);
    // The business-registration extension (.3) is held to the same rule.
    let brn = with_extension(3, OTHER_USCC);
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&brn.0).unwrap()),
        Err(Error::IdentityExtensionConflict {
            organization_identifier: format!("NTRCN-{USCC}"),
            extension: "1.2.156.10260.4.1.3".into(),
            value: OTHER_USCC.into(),
        })
    );
    // Agreeing forms: the USCC itself, its embedded organisation code (with or
    // without hyphen), and an old 15-digit registration number it cannot contradict.
    for agreeing in [USCC, "M000100Y4", "M000100Y-4", "350100000012345"] {
        let leaf = with_extension(4, agreeing);
        assert_eq!(
            IdentityProfile::entity_from_certificate(&Certificate::from_der(&leaf.0).unwrap())
                .map(|entity| entity.map(|e| e.org_id.canonical())),
            Ok(Some(format!("NTRCN-{USCC}"))),
            "{agreeing}"
        );
    }
}

#[test]
fn mainland_extension_in_a_hong_kong_entity_is_a_conflict() {
    let pki = pki();
    let leaf = leaf(
        &pki,
        &Identity {
            country: "HK",
            attributes: vec![(ORGANIZATION_IDENTIFIER.to_vec(), "NTRHK-12345678")],
            mainland_extensions: vec![(4, USCC)],
        },
    );
    assert_eq!(
        IdentityProfile::entity_from_certificate(&Certificate::from_der(&leaf.0).unwrap()),
        Err(Error::IdentityExtensionConflict {
            organization_identifier: "NTRHK-12345678".into(),
            extension: "1.2.156.10260.4.1.4".into(),
            value: USCC.into(),
        })
    );
}
