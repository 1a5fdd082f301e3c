//! Adversarial conformance attacks (helper F, issue 8): certificates an outside checker
//! with an attack catalogue (x509-limbo classes, OpenSSL-made corpora) would feed a
//! strict RFC 5280 validator, each with the outcome such a validator must give. Every
//! attack tried is listed in `docs/conformance/attacks.md`, refused or not.

use baytrust::cert::Certificate;
use baytrust::identity::Jurisdiction;
use baytrust::path::{verify_chain, ChainOptions, Purpose};
use baytrust::trust::TrustStore;
use baytrust::{Error, Time};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType,
    GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose, NameConstraints, SanType, SigningKey,
};

// ---- generation -------------------------------------------------------------------------

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

fn ca(cn: &str) -> CertificateParams {
    let mut params = dated(CertificateParams::default());
    params.distinguished_name = dn(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = true;
    params
}

fn root(cn: &str) -> CertificateParams {
    let mut params = ca(cn);
    params.use_authority_key_identifier_extension = false;
    params
}

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

// ---- DER editing ------------------------------------------------------------------------

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend(content);
    out
}

fn split(mut content: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (len, header) = match content[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81 => (content[2] as usize, 3),
            0x82 => (((content[2] as usize) << 8) | content[3] as usize, 4),
            other => panic!("length form {other:#x}"),
        };
        out.push(content[..header + len].to_vec());
        content = &content[header + len..];
    }
    out
}

fn content(tlv_bytes: &[u8]) -> &[u8] {
    let header = match tlv_bytes[1] {
        n if n < 0x80 => 2,
        0x81 => 3,
        _ => 4,
    };
    &tlv_bytes[header..]
}

/// Rebuilds `node`'s certificate after `edit` changed its TBS fields, signed again by
/// `signer` (the issuer's key), so that only the edit differs.
fn resigned(der: &[u8], signer: &KeyPair, edit: impl FnOnce(&mut Vec<Vec<u8>>)) -> Vec<u8> {
    let outer = split(content(der));
    let mut fields = split(content(&outer[0]));
    edit(&mut fields);
    let tbs = tlv(0x30, &fields.concat());
    let signature = signer.sign(&tbs).unwrap();
    let mut bits = vec![0u8];
    bits.extend(signature);
    tlv(0x30, &[tbs, outer[1].clone(), tlv(0x03, &bits)].concat())
}

/// Index of the TBS fields once the version is present: 0 version, 1 serial, 2 signature,
/// 3 issuer, 4 validity, 5 subject, 6 SPKI, 7 extensions.
const SERIAL: usize = 1;
const VALIDITY: usize = 4;

fn store_of(anchors: &[&[u8]]) -> TrustStore {
    anchors
        .iter()
        .fold(TrustStore::builder(), |builder, anchor| {
            builder.anchors_from(Jurisdiction::Hk, anchor).unwrap()
        })
        .build()
        .unwrap()
}

/// Verifies DER `leaf` through `pool` to `anchor`; the path length on success.
fn verify_der(
    anchor: &[u8],
    leaf: &[u8],
    pool: &[&[u8]],
    purpose: Purpose,
) -> Result<usize, Error> {
    let store = store_of(&[anchor]);
    let leaf = Certificate::from_der(leaf)?;
    let mut certificates = Vec::new();
    for der in pool {
        certificates.push(Certificate::from_der(der)?);
    }
    verify_chain(&store, &leaf, &certificates, &options(purpose)).map(|c| c.certificates.len())
}

/// Root → issuing CA (`issuing`) → leaf (`leaf_params`).
fn chain(
    root_params: CertificateParams,
    issuing: CertificateParams,
    leaf_params: CertificateParams,
) -> [Node; 3] {
    let root = Node::self_signed(root_params);
    let issuing = Node::issued_by(issuing, &root);
    let leaf = Node::issued_by(leaf_params, &issuing);
    [root, issuing, leaf]
}

fn run(nodes: &[Node; 3]) -> Result<usize, Error> {
    verify_der(
        &nodes[0].der,
        &nodes[2].der,
        &[&nodes[1].der],
        Purpose::Sign,
    )
}

fn with_leaf_edit(edit: impl FnOnce(&mut Vec<Vec<u8>>)) -> Result<usize, Error> {
    let nodes = chain(root("Root CA"), ca("Issuing CA"), leaf("Signer"));
    let leaf = resigned(&nodes[2].der, &nodes[1].key, edit);
    verify_der(&nodes[0].der, &leaf, &[&nodes[1].der], Purpose::Sign)
}

fn serial(bytes: &[u8]) -> Result<usize, Error> {
    with_leaf_edit(|f| f[SERIAL] = tlv(0x02, bytes))
}

fn validity(not_before: Vec<u8>, not_after: Vec<u8>) -> Result<usize, Error> {
    with_leaf_edit(|f| f[VALIDITY] = tlv(0x30, &[not_before, not_after].concat()))
}

/// A signing leaf under a well-formed root and issuing CA, with `edit` applied to it.
fn leaf_with(edit: impl FnOnce(&mut CertificateParams)) -> Result<usize, Error> {
    let mut params = leaf("Signer");
    edit(&mut params);
    run(&chain(root("Root CA"), ca("Issuing CA"), params))
}

fn custom(arcs: &[u64], critical: bool, value: Vec<u8>) -> impl FnOnce(&mut CertificateParams) {
    let extension = extension(arcs, critical, value);
    move |params| params.custom_extensions.push(extension)
}

const BASIC_CONSTRAINTS: &[u64] = &[2, 5, 29, 19];
const CERTIFICATE_POLICIES: &[u64] = &[2, 5, 29, 32];
const POLICY_CONSTRAINTS: &[u64] = &[2, 5, 29, 36];
const SUBJECT_ALT_NAME: &[u64] = &[2, 5, 29, 17];

// ---- serialNumber (RFC 5280 §4.1.2.2) ---------------------------------------------------

#[test]
fn serial_number_longer_than_20_octets_is_refused() {
    assert_eq!(
        serial(&[0x7f; 21]),
        Err(Error::SerialNumberTooLong { octets: 21 })
    );
    assert_eq!(
        serial(&[0x7f; 40]),
        Err(Error::SerialNumberTooLong { octets: 40 })
    );
    // 20 octets, and 20 octets behind the zero byte that keeps them positive, are fine.
    assert_eq!(serial(&[0x7f; 20]), Ok(2));
    assert_eq!(serial(&[&[0u8][..], &[0x80; 20]].concat()), Ok(2));
}

#[test]
fn serial_number_that_is_not_a_der_integer_is_refused() {
    assert_eq!(
        serial(&[]),
        Err(Error::CertificateMalformed {
            reason: "serialNumber is an INTEGER without content octets (X.690 §8.3.1)".into()
        })
    );
    for padded in [&[0x00, 0x01][..], &[0xff, 0x80]] {
        assert_eq!(
            serial(padded),
            Err(Error::CertificateMalformed {
                reason: "serialNumber is not minimally encoded (X.690 §8.3.2)".into()
            })
        );
    }
}

#[test]
fn zero_and_negative_serial_numbers_are_read_as_rfc_5280_asks_users_to() {
    assert_eq!(serial(&[0x00]), Ok(2));
    assert_eq!(serial(&[0xff, 0x01]), Ok(2));
}

// ---- validity (RFC 5280 §4.1.2.5) ------------------------------------------------------

fn utc(text: &str) -> Vec<u8> {
    tlv(0x17, text.as_bytes())
}

fn generalized(text: &str) -> Vec<u8> {
    tlv(0x18, text.as_bytes())
}

const NOT_ZULU: &str = "it is not in Zulu time (no trailing Z, or an offset)";
const NOT_SECONDS: &str = "it lacks seconds, has a fraction of a second, or holds other characters";

#[test]
fn validity_times_must_be_zulu_with_seconds_and_no_fraction() {
    let cases = [
        (
            utc("2001010000Z"),
            utc("400101000000Z"),
            "notBefore",
            "2001010000Z",
            NOT_SECONDS,
        ),
        (
            utc("200101000000+0800"),
            utc("400101000000Z"),
            "notBefore",
            "200101000000+0800",
            NOT_ZULU,
        ),
        (
            utc("200101000000"),
            utc("400101000000Z"),
            "notBefore",
            "200101000000",
            NOT_ZULU,
        ),
        (
            utc("200101000000Z"),
            generalized("20600101000000.5Z"),
            "notAfter",
            "20600101000000.5Z",
            NOT_SECONDS,
        ),
        (
            utc("200101000000Z"),
            generalized("20600101000000+0800"),
            "notAfter",
            "20600101000000+0800",
            NOT_ZULU,
        ),
        (
            utc("200101000000Z"),
            utc("4001010000 0Z"),
            "notAfter",
            "4001010000 0Z",
            NOT_SECONDS,
        ),
    ];
    for (not_before, not_after, field, value, reason) in cases {
        assert_eq!(
            validity(not_before, not_after),
            Err(Error::ValidityTimeMalformed {
                field,
                value: value.into(),
                reason
            }),
            "{value}"
        );
    }
    // Dates that do not exist stay x509-parser's refusal.
    assert_eq!(
        validity(utc("200230000000Z"), utc("400101000000Z")),
        Err(Error::CertificateMalformed {
            reason: "Parsing Error: InvalidDate".into()
        })
    );
    assert_eq!(
        validity(utc("200101000000Z"), generalized("20600101000000Z")),
        Ok(2)
    );
}

#[test]
fn generalized_time_before_2050_is_read_as_pkits_4_2_4_expects() {
    assert_eq!(
        validity(generalized("20200101000000Z"), utc("400101000000Z")),
        Ok(2)
    );
    assert_eq!(
        validity(utc("200101000000Z"), generalized("20400101000000Z")),
        Ok(2)
    );
}

// ---- extension values ------------------------------------------------------------------

#[test]
fn path_len_constraint_without_ca_is_refused() {
    // cA FALSE written out, and cA left out (FALSE by DEFAULT), both with pathLen 0.
    let written = tlv(0x30, &[tlv(0x01, &[0x00]), tlv(0x02, &[0])].concat());
    let defaulted = tlv(0x30, &tlv(0x02, &[0]));
    for value in [written, defaulted] {
        assert_eq!(
            leaf_with(custom(BASIC_CONSTRAINTS, true, value)),
            Err(Error::PathLenWithoutCa {
                path_len_constraint: 0
            })
        );
    }
}

#[test]
fn certificate_policies_empty_or_repeating_an_oid_are_refused() {
    assert_eq!(
        leaf_with(custom(CERTIFICATE_POLICIES, false, tlv(0x30, &[]))),
        Err(Error::CertificatePoliciesEmpty)
    );
    let policy = tlv(0x30, &tlv(0x06, &[0x2a, 0x03, 0x04]));
    assert_eq!(
        leaf_with(custom(
            CERTIFICATE_POLICIES,
            false,
            tlv(0x30, &[policy.clone(), policy].concat())
        )),
        Err(Error::CertificatePolicyRepeated {
            oid: "1.2.3.4".into()
        })
    );
}

#[test]
fn empty_policy_constraints_are_refused() {
    let mut issuing = ca("Issuing CA");
    issuing
        .custom_extensions
        .push(extension(POLICY_CONSTRAINTS, true, tlv(0x30, &[])));
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::PolicyConstraintsEmpty)
    );
}

#[test]
fn empty_extensions_sequence_is_refused() {
    assert_eq!(
        with_leaf_edit(|f| f[7] = tlv(0xa3, &tlv(0x30, &[]))),
        Err(Error::CertificateMalformed {
            reason: "extensions is an empty SEQUENCE (RFC 5280 §4.1: SIZE (1..MAX))".into()
        })
    );
}

fn san(tag: u8, value: &[u8]) -> Result<usize, Error> {
    leaf_with(custom(SUBJECT_ALT_NAME, false, tlv(0x30, &tlv(tag, value))))
}

#[test]
fn san_uri_must_be_an_absolute_uri() {
    for (uri, reason) in [
        ("no-scheme", "it has no scheme (a relative reference)"),
        ("/relative/path", "it has no scheme (a relative reference)"),
        ("http://", "its authority is empty"),
        ("https:///path", "its authority is empty"),
        ("urn:", "it has no scheme-specific part"),
        (
            "1http://a.example",
            "its scheme is not ALPHA *( ALPHA / DIGIT / \"+\" / \"-\" / \".\" )",
        ),
    ] {
        assert_eq!(
            san(0x86, uri.as_bytes()),
            Err(Error::SanUriMalformed {
                value: uri.into(),
                reason
            }),
            "{uri}"
        );
    }
    for uri in [
        "https://a.example/x",
        "http://[::1]/",
        "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
    ] {
        assert_eq!(san(0x86, uri.as_bytes()), Ok(2), "{uri}");
    }
}

#[test]
fn san_empty_directory_name_is_refused() {
    assert_eq!(
        san(0xa4, &tlv(0x30, &[])),
        Err(Error::SanDirectoryNameEmpty)
    );
}

// ---- attacks refused before helper F's work: pinned with their exact errors ------------

const UNKNOWN: &[u64] = &[1, 3, 6, 1, 4, 1, 55555, 7];

fn dns(text: &str) -> SanType {
    SanType::DnsName(text.try_into().unwrap())
}

/// Root → issuing CA → leaf with `sans`; nameConstraints on the root or the issuing CA.
fn constrained(
    on_root: bool,
    permitted: Vec<GeneralSubtree>,
    excluded: Vec<GeneralSubtree>,
    sans: Vec<SanType>,
) -> Result<usize, Error> {
    let mut root_params = root("Root CA");
    let mut issuing = ca("Issuing CA");
    let constraints = Some(NameConstraints {
        permitted_subtrees: permitted,
        excluded_subtrees: excluded,
    });
    if on_root {
        root_params.name_constraints = constraints;
    } else {
        issuing.name_constraints = constraints;
    }
    let mut signer = leaf("Signer");
    signer.subject_alt_names = sans;
    run(&chain(root_params, issuing, signer))
}

fn violation(name: &str) -> Result<usize, Error> {
    Err(Error::NameConstraintViolation {
        depth: 0,
        name: name.into(),
    })
}

#[test]
fn name_constraint_case_suffix_ip_and_email_tricks_are_refused() {
    let excluded_dns = || vec![GeneralSubtree::DnsName("example.com".into())];
    assert_eq!(
        constrained(false, vec![], excluded_dns(), vec![dns("WWW.EXAMPLE.COM")]),
        violation("dNSName WWW.EXAMPLE.COM")
    );
    assert_eq!(
        constrained(
            true,
            vec![],
            vec![GeneralSubtree::DnsName("EXAMPLE.com".into())],
            vec![dns("www.example.com")]
        ),
        violation("dNSName www.example.com")
    );
    assert_eq!(
        constrained(false, excluded_dns(), vec![], vec![dns("fooexample.com")]),
        violation("dNSName fooexample.com")
    );
    assert_eq!(
        constrained(false, excluded_dns(), vec![], vec![dns("Example.Com")]),
        Ok(2)
    );
    assert_eq!(
        constrained(
            false,
            vec![],
            vec![GeneralSubtree::Rfc822Name("example.com".into())],
            vec![SanType::Rfc822Name("A@EXAMPLE.COM".try_into().unwrap())]
        ),
        violation("rfc822Name A@EXAMPLE.COM")
    );
    assert_eq!(
        constrained(
            false,
            vec![],
            vec![GeneralSubtree::Rfc822Name(".example.com".into())],
            vec![SanType::Rfc822Name("a@sub.EXAMPLE.com".try_into().unwrap())]
        ),
        violation("rfc822Name a@sub.EXAMPLE.com")
    );
    let ten = || {
        vec![GeneralSubtree::IpAddress(rcgen::CidrSubnet::V4(
            [10, 0, 0, 0],
            [255, 0, 0, 0],
        ))]
    };
    assert_eq!(
        constrained(
            false,
            vec![],
            ten(),
            vec![SanType::IpAddress("10.1.2.3".parse().unwrap())]
        ),
        violation("iPAddress 10.1.2.3")
    );
    // An IPv6 name is outside an IPv4-only permitted set (and inside no IPv4 exclusion
    // by accident: it is refused because nothing permits it, see below).
    assert_eq!(
        constrained(
            false,
            vec![],
            ten(),
            vec![SanType::IpAddress("::ffff:10.1.2.3".parse().unwrap())]
        ),
        violation("iPAddress ::ffff:10.1.2.3")
    );
    assert_eq!(
        constrained(
            true,
            ten(),
            vec![],
            vec![SanType::IpAddress("11.0.0.1".parse().unwrap())]
        ),
        violation("iPAddress 11.0.0.1")
    );
    // The subject's emailAddress is held to rfc822Name constraints (§4.2.1.10).
    let mut root_params = root("Root CA");
    root_params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: vec![GeneralSubtree::Rfc822Name("evil.com".into())],
    });
    let mut signer = leaf("Signer");
    signer.distinguished_name.push(
        DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
        "bob@EVIL.com",
    );
    assert_eq!(
        run(&chain(root_params, ca("Issuing CA"), signer)),
        violation("rfc822Name bob@EVIL.com (subject emailAddress)")
    );
}

#[test]
fn excluded_directory_name_matches_whatever_the_case_and_spacing() {
    for value in ["Evil Org", "EVIL ORG", "  Evil   Org "] {
        let mut root_params = root("Root CA");
        root_params.distinguished_name = DistinguishedName::new();
        root_params
            .distinguished_name
            .push(DnType::OrganizationName, "Root Operator");
        let mut excluded = DistinguishedName::new();
        excluded.push(DnType::OrganizationName, "Evil Org");
        root_params.name_constraints = Some(NameConstraints {
            permitted_subtrees: vec![],
            excluded_subtrees: vec![GeneralSubtree::DirectoryName(excluded)],
        });
        let mut issuing = ca("Issuing CA");
        issuing.distinguished_name = DistinguishedName::new();
        issuing
            .distinguished_name
            .push(DnType::OrganizationName, "Issuer Org");
        let mut signer = leaf("Signer");
        signer.distinguished_name = DistinguishedName::new();
        signer
            .distinguished_name
            .push(DnType::OrganizationName, value);
        match run(&chain(root_params, issuing, signer)) {
            Err(Error::NameConstraintViolation { depth: 0, name }) => {
                assert!(name.starts_with("directoryName O="), "{name}")
            }
            other => panic!("{value:?}: {other:?}"),
        }
    }
}

#[test]
fn limbo_class_ca_and_extension_attacks_keep_their_exact_errors() {
    assert_eq!(
        leaf_with(custom(UNKNOWN, true, vec![0x05, 0x00])),
        Err(Error::UnrecognisedCriticalExtension {
            depth: 0,
            oid: "1.3.6.1.4.1.55555.7".into()
        })
    );
    let mut issuing = ca("Issuing CA");
    issuing
        .custom_extensions
        .push(extension(UNKNOWN, true, vec![0x05, 0x00]));
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::UnrecognisedCriticalExtension {
            depth: 1,
            oid: "1.3.6.1.4.1.55555.7".into()
        })
    );
    let mut issuing = ca("Issuing CA");
    issuing.is_ca = IsCa::ExplicitNoCa;
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::NotACa { depth: 1 })
    );
    let mut issuing = ca("Issuing CA");
    issuing.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::KeyCertSignMissing { depth: 1 })
    );
    assert_eq!(
        leaf_with(|p| {
            p.key_usages = vec![];
            p.custom_extensions
                .push(extension(&[2, 5, 29, 15], true, tlv(0x03, &[0x00])));
        }),
        Err(Error::LeafKeyUsageMissing { purpose: "sign" })
    );
    assert_eq!(
        leaf_with(custom(&[2, 5, 29, 37], false, tlv(0x30, &[]))),
        Err(Error::ExtendedKeyUsageMissing {
            depth: 0,
            purpose: "sign"
        })
    );
    assert_eq!(
        leaf_with(|p| {
            p.custom_extensions
                .push(extension(UNKNOWN, false, vec![0x05, 0x00]));
            p.custom_extensions
                .push(extension(UNKNOWN, false, vec![0x05, 0x00]));
        }),
        Err(Error::DuplicateExtension {
            oid: "1.3.6.1.4.1.55555.7".into()
        })
    );
    let mut root_params = root("Root CA");
    root_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    assert_eq!(
        run(&chain(root_params, ca("Issuing CA"), leaf("Signer"))),
        Err(Error::AnchorPathLenExceeded {
            depth: 1,
            subject: "O=Attack Test Limited, CN=Root CA".into(),
            path_len_constraint: 0
        })
    );
    let mut root_params = root("Root CA");
    root_params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    assert_eq!(
        run(&chain(root_params, ca("Issuing CA"), leaf("Signer"))),
        Err(Error::ExtendedKeyUsageMissing {
            depth: 2,
            purpose: "sign"
        })
    );
    let mut issuing = ca("Issuing CA");
    issuing.custom_extensions.push(extension(
        POLICY_CONSTRAINTS,
        true,
        tlv(0x30, &tlv(0x80, &[0])),
    ));
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::NoValidPolicy { depth: 0 })
    );
    let nodes = chain(root("Root CA"), ca("Issuing CA"), leaf("Signer"));
    let outer = split(content(&nodes[2].der));
    // ecdsa-with-SHA256 with NULL parameters in both fields (consistent, signed).
    let mut fields = split(content(&outer[0]));
    let algorithm = tlv(
        0x30,
        &[split(content(&fields[2]))[0].clone(), vec![0x05, 0x00]].concat(),
    );
    fields[2] = algorithm.clone();
    let tbs = tlv(0x30, &fields.concat());
    let mut bits = vec![0u8];
    bits.extend(nodes[1].key.sign(&tbs).unwrap());
    let der = tlv(0x30, &[tbs, algorithm, tlv(0x03, &bits)].concat());
    assert_eq!(
        verify_der(&nodes[0].der, &der, &[&nodes[1].der], Purpose::Sign),
        Err(Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::AlgorithmParametersInvalid {
                reason: "ecdsa-with-SHA256 parameters must be absent".into()
            })
        })
    );
}

#[test]
fn explicitly_encoded_default_false_is_read() {
    // Extension `critical FALSE` and basicConstraints `cA FALSE` written out break
    // X.690 §11.5 but mean what the DEFAULT means; deployed encoders write them.
    let result = with_leaf_edit(|f| {
        let extensions = split(content(content(&f[7])));
        let rewritten: Vec<Vec<u8>> = extensions
            .into_iter()
            .map(|e| {
                let parts = split(content(&e));
                if parts.len() == 2 {
                    tlv(
                        0x30,
                        &[parts[0].clone(), tlv(0x01, &[0x00]), parts[1].clone()].concat(),
                    )
                } else {
                    e
                }
            })
            .collect();
        f[7] = tlv(0xa3, &tlv(0x30, &rewritten.concat()));
    });
    assert_eq!(result, Ok(2));
}

#[test]
fn signature_and_key_bit_strings_with_unused_bits_are_refused() {
    // Before: an unused-bits count of 1 over a signature whose last bit is 0 verified
    // (x509-parser accepts it; the signature bytes were used as they are), so one
    // certificate had two encodings and two fingerprints.
    let nodes = chain(root("Root CA"), ca("Issuing CA"), leaf("Signer"));
    let outer = split(content(&nodes[2].der));
    let mut signature = outer[2].clone();
    let unused_bits = signature.len() - content(&signature).len();
    signature[unused_bits] = 1;
    // Clear the last bit so that the count is consistent whatever the signature is.
    let last = signature.len() - 1;
    signature[last] &= 0xfe;
    let der = tlv(
        0x30,
        &[outer[0].clone(), outer[1].clone(), signature].concat(),
    );
    assert_eq!(
        Certificate::from_der(&der).map(|_| ()),
        Err(Error::CertificateMalformed {
            reason: "signature BIT STRING has unused bits: it is not whole octets".into()
        })
    );
    let key = resigned(&nodes[2].der, &nodes[1].key, |f| {
        let spki = split(content(&f[6]));
        let mut bits = spki[1].clone();
        let at = bits.len() - content(&bits).len();
        bits[at] = 1;
        f[6] = tlv(0x30, &[spki[0].clone(), bits].concat());
    });
    assert_eq!(
        Certificate::from_der(&key).map(|_| ()),
        Err(Error::CertificateMalformed {
            reason: "subjectPublicKey BIT STRING has unused bits: it is not whole octets".into()
        })
    );
}
