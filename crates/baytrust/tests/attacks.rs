//! Adversarial conformance attacks (helper F, issue 8): certificates an outside checker
//! with an attack catalogue (x509-limbo classes, OpenSSL-made corpora) would feed a
//! strict RFC 5280 validator, each with the outcome such a validator must give. Every
//! attack tried is listed in `docs/conformance.md`, refused or not.

#[path = "support/der_edit.rs"]
mod der_edit;
use baytrust::cert::Certificate;
use baytrust::path::{verify_chain, ChainOptions, Purpose};
use baytrust::Jurisdiction;
use baytrust::TrustStore;
use baytrust::{Error, Time};
use der_edit::{content, split, tlv};
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
fn generalized_time_99991231235959z_is_read_as_no_expiry() {
    // RFC 5280 §4.1.2.5: "no well-defined expiration date".
    assert_eq!(
        validity(utc("200101000000Z"), generalized("99991231235959Z")),
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

// ---- trust-list documents (docs/trust-list.md §2–§3) ------------------------------------

fn list_json() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/trust-list-load/lists/list.json"
    ))
    .unwrap()
}

#[test]
fn trust_list_json_tricks_are_refused_or_read_as_documented() {
    let json = list_json();
    let malformed = "TrustListMalformed";
    let replace = |from: &str, to: &str| json.replacen(from, to, 1);
    let issued = "\"issued\": \"2026-01-01T00:00:00Z\"";
    let cases: Vec<(&str, String, &str)> = vec![
        ("trailing garbage", format!("{json}x"), malformed),
        (
            "a second object after the first",
            format!("{json}{{}}"),
            malformed,
        ),
        ("trailing NUL", format!("{json}\0"), malformed),
        ("byte-order mark", format!("\u{feff}{json}"), malformed),
        (
            "duplicate top-level key",
            replace("\"sequence\": 7,", "\"sequence\": 7, \"sequence\": 9,"),
            malformed,
        ),
        (
            "duplicate key spelt with an escape",
            replace(
                "\"sequence\": 7,",
                "\"sequence\": 7, \"seq\\u0075ence\": 9,",
            ),
            malformed,
        ),
        (
            "duplicate service key",
            replace(
                "\"name\": \"BayTrust",
                "\"name\": \"x\", \"name\": \"BayTrust",
            ),
            malformed,
        ),
        (
            "sequence 2^64",
            replace("\"sequence\": 7", "\"sequence\": 18446744073709551616"),
            malformed,
        ),
        (
            "sequence 1e400",
            replace("\"sequence\": 7", "\"sequence\": 1e400"),
            malformed,
        ),
        (
            "sequence -0",
            replace("\"sequence\": 7", "\"sequence\": -0"),
            malformed,
        ),
        (
            "sequence 07",
            replace("\"sequence\": 7", "\"sequence\": 07"),
            malformed,
        ),
        (
            "sequence of 100,000 digits",
            replace(
                "\"sequence\": 7",
                &format!("\"sequence\": {}", "9".repeat(100_000)),
            ),
            malformed,
        ),
        (
            "lone surrogate escape",
            replace(
                "\"operator\": \"BayTrust",
                "\"operator\": \"\\ud800BayTrust",
            ),
            malformed,
        ),
        (
            "100,000 nested arrays",
            replace(
                "\"sequence\": 7,",
                &format!(
                    "\"sequence\": 7, \"x\": {}{},",
                    "[".repeat(100_000),
                    "]".repeat(100_000)
                ),
            ),
            malformed,
        ),
        (
            "jurisdiction in lower case",
            replace("\"jurisdiction\": \"HK\"", "\"jurisdiction\": \"hk\""),
            "UnknownJurisdiction",
        ),
        (
            "jurisdiction in full-width letters",
            replace("\"jurisdiction\": \"HK\"", "\"jurisdiction\": \"ＨＫ\""),
            "UnknownJurisdiction",
        ),
        ("top-level array", format!("[{json}]"), malformed),
        (
            "hour 24",
            replace(issued, "\"issued\": \"2026-01-01T24:00:00Z\""),
            malformed,
        ),
        (
            "offset +24:00",
            replace(issued, "\"issued\": \"2026-01-01T00:00:00+24:00\""),
            malformed,
        ),
        (
            "services null",
            replace("\"services\": [", "\"services\": null, \"x\": ["),
            malformed,
        ),
        // Read, as documented (docs/trust-list.md §2.2-§3).
        ("trailing whitespace", format!("{json}\n\n  "), "OK"),
        (
            "sequence 2^64-1",
            replace("\"sequence\": 7", "\"sequence\": 18446744073709551615"),
            "OK",
        ),
        (
            "jurisdiction spelt with an escape",
            replace("\"jurisdiction\": \"HK\"", "\"jurisdiction\": \"H\\u004b\""),
            "OK",
        ),
        (
            "escaped NUL in the operator's name",
            replace(
                "\"operator\": \"BayTrust",
                "\"operator\": \"\\u0000BayTrust",
            ),
            "OK",
        ),
        (
            "lower-case t and z",
            replace(issued, "\"issued\": \"2026-01-01t00:00:00z\""),
            "OK",
        ),
        (
            "space between date and time",
            replace(issued, "\"issued\": \"2026-01-01 00:00:00Z\""),
            "OK",
        ),
    ];
    for (name, text, expected) in cases {
        let found = match baytrust::TrustList::from_json_unsigned_insecure(text.as_bytes()) {
            Ok(_) => "OK",
            Err(e) => e.kind(),
        };
        assert_eq!(found, expected, "{name}");
    }
}

// ---- CMS SignedData made by hand (RFC 5652) ----------------------------------------------

mod cms_attacks {
    use super::*;
    use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
    use std::io::Cursor;

    const ID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    const ID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    const CONTENT_TYPE: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03];
    const MESSAGE_DIGEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];
    const SIGNING_TIME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05];
    const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    pub const DOCUMENT: &[u8] = b"supply contract 2026-06 between two bay-area companies\n";

    pub fn attribute(oid: &[u8], values: &[Vec<u8>]) -> Vec<u8> {
        tlv(
            0x30,
            &[tlv(0x06, oid), tlv(0x31, &values.concat())].concat(),
        )
    }

    pub fn sha256(data: &[u8]) -> Vec<u8> {
        ring::digest::digest(&ring::digest::SHA256, data)
            .as_ref()
            .to_vec()
    }

    pub fn content_type(oid: &[u8]) -> Vec<u8> {
        attribute(CONTENT_TYPE, &[tlv(0x06, oid)])
    }
    pub fn message_digest(digest: &[u8]) -> Vec<u8> {
        attribute(MESSAGE_DIGEST, &[tlv(0x04, digest)])
    }
    pub fn signing_time() -> Vec<u8> {
        attribute(SIGNING_TIME, &[tlv(0x17, b"260515000000Z")])
    }
    pub fn good_attributes() -> Vec<Vec<u8>> {
        vec![
            content_type(ID_DATA),
            message_digest(&sha256(DOCUMENT)),
            signing_time(),
        ]
    }

    pub struct Signer<'a> {
        pub cert: &'a [u8],
        pub key: &'a KeyPair,
        /// Signed attributes in the order given (None: no signed attributes).
        pub attributes: Option<Vec<Vec<u8>>>,
        /// The sid's issuerAndSerialNumber; None: the certificate's.
        pub sid: Option<Vec<u8>>,
    }

    pub fn issuer_and_serial(cert: &[u8]) -> Vec<u8> {
        let fields = split(content(&split(content(cert))[0]));
        tlv(0x30, &[fields[3].clone(), fields[1].clone()].concat())
    }

    pub fn algorithm(oid: &[u8]) -> Vec<u8> {
        tlv(0x30, &tlv(0x06, oid))
    }

    pub fn signer_info(signer: &Signer<'_>) -> Vec<u8> {
        let sid = signer
            .sid
            .clone()
            .unwrap_or_else(|| issuer_and_serial(signer.cert));
        let (signed, attrs_field) = match &signer.attributes {
            Some(attributes) => {
                let set = tlv(0x31, &attributes.concat());
                let field = [vec![0xa0], set[1..].to_vec()].concat();
                (set, field)
            }
            None => (DOCUMENT.to_vec(), vec![]),
        };
        let signature = signer.key.sign(&signed).unwrap();
        tlv(
            0x30,
            &[
                tlv(0x02, &[1]),
                sid,
                algorithm(SHA256),
                attrs_field,
                algorithm(ECDSA_SHA256),
                tlv(0x04, &signature),
            ]
            .concat(),
        )
    }

    pub fn signed_data(
        signer_infos: &[Vec<u8>],
        certs: &[&[u8]],
        attached: Option<&[u8]>,
    ) -> Vec<u8> {
        let encap = match attached {
            Some(data) => tlv(
                0x30,
                &[tlv(0x06, ID_DATA), tlv(0xa0, &tlv(0x04, data))].concat(),
            ),
            None => tlv(0x30, &tlv(0x06, ID_DATA)),
        };
        let certificates = if certs.is_empty() {
            vec![]
        } else {
            tlv(0xa0, &certs.concat())
        };
        let body = tlv(
            0x30,
            &[
                tlv(0x02, &[1]),
                tlv(0x31, &algorithm(SHA256)),
                encap,
                certificates,
                tlv(0x31, &signer_infos.concat()),
            ]
            .concat(),
        );
        tlv(
            0x30,
            &[tlv(0x06, ID_SIGNED_DATA), tlv(0xa0, &body)].concat(),
        )
    }

    /// A copy of `certificate` (same issuer, serial, subject, AKI) whose key is `key`'s,
    /// signed by `issuer_key` (not its issuer's key).
    pub fn twin_with_key(certificate: &[u8], key: &KeyPair, issuer_key: &KeyPair) -> Vec<u8> {
        resigned(certificate, issuer_key, |f| {
            f[6] = rcgen::PublicKeyData::subject_public_key_info(key)
        })
    }

    pub struct Pki {
        pub nodes: [Node; 3],
    }

    pub fn pki() -> Pki {
        let mut signer = leaf("Signer");
        signer.distinguished_name.push(DnType::CountryName, "HK");
        Pki {
            nodes: chain(root("Root CA"), ca("Issuing CA"), signer),
        }
    }

    impl Pki {
        pub fn verify(&self, cms: &[u8], detached: Option<&[u8]>) -> (String, Vec<String>) {
            let store = store_of(&[&self.nodes[0].der]);
            let verifier = Verifier::new(store, RelyingPartyPolicy::default());
            let options = SignatureOptions::new(validation_time());
            let result = match detached {
                Some(data) => verifier.verify_cms(
                    cms,
                    Content::Detached(&mut Cursor::new(data.to_vec())),
                    &options,
                ),
                None => verifier.verify_cms(cms, Content::Attached, &options),
            };
            match result {
                Ok(report) => (
                    format!("{:?}/{:?}", report.indication, report.sub_indication),
                    report
                        .signers
                        .iter()
                        .map(|s| format!("{:?}/{:?}: {}", s.indication, s.sub_indication, s.reason))
                        .collect(),
                ),
                Err(e) => (format!("Err {}", e.kind()), vec![e.to_string()]),
            }
        }
        pub fn signer(&self, attributes: Option<Vec<Vec<u8>>>) -> Vec<u8> {
            signer_info(&Signer {
                cert: &self.nodes[2].der,
                key: &self.nodes[2].key,
                attributes,
                sid: None,
            })
        }
        pub fn certs(&self) -> Vec<&[u8]> {
            vec![&self.nodes[2].der[..], &self.nodes[1].der[..]]
        }
    }

    #[test]
    fn cms_attacks_get_their_exact_indications() {
        let pki = pki();
        let mut failures = Vec::new();
        let mut check = |name: &str, expected: &str, result: (String, Vec<String>)| {
            if result.0 != expected {
                failures.push(format!(
                    "{name}: expected {expected}, got {} {:?}",
                    result.0, result.1
                ));
            }
        };
        // Open findings (cms area): see `cms_sid_twins_version_and_digest_list_get_their_strict_outcomes`
        // below; run here only to show they do not panic.
        let check_open = |_name: &str, _result: (String, Vec<String>)| {};
        let detached =
            |attrs: Option<Vec<Vec<u8>>>| signed_data(&[pki.signer(attrs)], &pki.certs(), None);
        check(
            "control",
            "TotalPassed/None",
            pki.verify(&detached(Some(good_attributes())), Some(DOCUMENT)),
        );
        check(
            "control attached",
            "TotalPassed/None",
            pki.verify(
                &signed_data(
                    &[pki.signer(Some(good_attributes()))],
                    &pki.certs(),
                    Some(DOCUMENT),
                ),
                None,
            ),
        );
        check(
            "no signed attrs",
            "TotalPassed/None",
            pki.verify(&detached(None), Some(DOCUMENT)),
        );
        let [ct, md, st] = <[Vec<u8>; 3]>::try_from(good_attributes()).unwrap();
        check(
            "missing contentType",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![md.clone(), st.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "missing messageDigest",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![ct.clone(), st.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "unsorted attrs (non-DER SET order)",
            "TotalPassed/None",
            pki.verify(
                &detached(Some(vec![st.clone(), md.clone(), ct.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "duplicate messageDigest attr",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![ct.clone(), md.clone(), md.clone(), st.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "duplicate contentType attr",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![ct.clone(), ct.clone(), md.clone(), st.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "messageDigest two values",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    attribute(
                        MESSAGE_DIGEST,
                        &[tlv(0x04, &sha256(DOCUMENT)), tlv(0x04, &[0; 32])],
                    ),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "messageDigest no values",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    attribute(MESSAGE_DIGEST, &[]),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "messageDigest truncated 31",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    message_digest(&sha256(DOCUMENT)[..31]),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "messageDigest 33 bytes",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    message_digest(&[sha256(DOCUMENT), vec![0]].concat()),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "messageDigest not OCTET STRING",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    attribute(MESSAGE_DIGEST, &[tlv(0x0c, &sha256(DOCUMENT))]),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "contentType != eContentType",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    content_type(ID_SIGNED_DATA),
                    md.clone(),
                    st.clone(),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "signingTime two values",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![
                    ct.clone(),
                    md.clone(),
                    attribute(
                        SIGNING_TIME,
                        &[tlv(0x17, b"260515000000Z"), tlv(0x17, b"200515000000Z")],
                    ),
                ])),
                Some(DOCUMENT),
            ),
        );
        check(
            "signingTime duplicate attr",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(
                &detached(Some(vec![ct.clone(), md.clone(), st.clone(), st.clone()])),
                Some(DOCUMENT),
            ),
        );
        check(
            "empty signed attrs",
            "TotalFailed/Some(FormatFailure)",
            pki.verify(&detached(Some(vec![])), Some(DOCUMENT)),
        );
        check(
            "attached and detached content given",
            "Err CmsContentTwice",
            pki.verify(
                &signed_data(
                    &[pki.signer(Some(good_attributes()))],
                    &pki.certs(),
                    Some(DOCUMENT),
                ),
                Some(DOCUMENT),
            ),
        );
        check(
            "detached sig, no content given",
            "Err CmsContentMissing",
            pki.verify(&detached(Some(good_attributes())), None),
        );
        check(
            "attached, other content",
            "TotalFailed/Some(HashFailure)",
            pki.verify(
                &signed_data(
                    &[pki.signer(Some(good_attributes()))],
                    &pki.certs(),
                    Some(b"other"),
                ),
                None,
            ),
        );
        check(
            "detached wrong content",
            "TotalFailed/Some(HashFailure)",
            pki.verify(&detached(Some(good_attributes())), Some(b"other")),
        );
        // sid: a certificate differing only by serial (same key, same name) — the set holds a cert with
        // another serial; sid names the real one, which is not in the set.
        {
            let leaf = &pki.nodes[2];
            let mut params = leaf.params.clone();
            params.serial_number = Some(rcgen::SerialNumber::from(999u64));
            let issuer = Issuer::from_params(&pki.nodes[1].params, &pki.nodes[1].key);
            let twin = params.signed_by(&leaf.key, &issuer).unwrap().der().to_vec();
            let si = pki.signer(Some(good_attributes()));
            check(
                "sid names a cert absent; twin with other serial in set",
                "Indeterminate/Some(NoSigningCertificateFound)",
                pki.verify(
                    &signed_data(&[si], &[&twin, &pki.nodes[1].der], None),
                    Some(DOCUMENT),
                ),
            );
            // sid names twin (serial 999), set holds twin: fine
            let si = signer_info(&Signer {
                cert: &twin,
                key: &leaf.key,
                attributes: Some(good_attributes()),
                sid: None,
            });
            check(
                "sid names twin",
                "TotalPassed/None",
                pki.verify(
                    &signed_data(&[si], &[&twin, &pki.nodes[1].der], None),
                    Some(DOCUMENT),
                ),
            );
        }
        // a signer whose key differs from the sid cert
        {
            let other = KeyPair::generate().unwrap();
            let si = signer_info(&Signer {
                cert: &pki.nodes[2].der,
                key: &other,
                attributes: Some(good_attributes()),
                sid: None,
            });
            check(
                "signed by another key",
                "TotalFailed/Some(SigCryptoFailure)",
                pki.verify(&signed_data(&[si], &pki.certs(), None), Some(DOCUMENT)),
            );
        }
        // two signers: one good, one bad
        {
            let good = pki.signer(Some(good_attributes()));
            let other = KeyPair::generate().unwrap();
            let bad = signer_info(&Signer {
                cert: &pki.nodes[2].der,
                key: &other,
                attributes: Some(good_attributes()),
                sid: None,
            });
            check(
                "two signers one bad",
                "TotalFailed/Some(SigCryptoFailure)",
                pki.verify(
                    &signed_data(&[good, bad], &pki.certs(), None),
                    Some(DOCUMENT),
                ),
            );
        }
        // zero signers
        check(
            "no signers",
            "Err CmsNoSigners",
            pki.verify(&signed_data(&[], &pki.certs(), None), Some(DOCUMENT)),
        );
        // SignedData trailing data after ContentInfo
        let mut trailing = detached(Some(good_attributes()));
        trailing.extend_from_slice(b"\x00\x00garbage");
        check(
            "trailing garbage after ContentInfo",
            "Err CmsMalformed",
            pki.verify(&trailing, Some(DOCUMENT)),
        );
        // Two certificates with the sid's issuer and serial: the genuine one and an
        // attacker's with its own key (issued by a forged, same-named issuing CA).
        {
            let leaf = &pki.nodes[2];
            let fake_issuing_key = KeyPair::generate().unwrap();
            let fake_issuer = Issuer::from_params(&pki.nodes[1].params, &fake_issuing_key);
            let evil_key = KeyPair::generate().unwrap();
            let _ = fake_issuer;
            let evil = twin_with_key(&leaf.der, &evil_key, &fake_issuing_key);
            let forged = signer_info(&Signer {
                cert: &evil,
                key: &evil_key,
                attributes: Some(good_attributes()),
                sid: None,
            });
            check(
                "evil twin first (attacker signs)",
                "Indeterminate/Some(CertificateChainGeneralFailure)",
                pki.verify(
                    &signed_data(
                        std::slice::from_ref(&forged),
                        &[&evil, &leaf.der, &pki.nodes[1].der],
                        None,
                    ),
                    Some(DOCUMENT),
                ),
            );
            // The genuine certificate is named first: the attacker's signature fails
            // under it.
            check(
                "evil twin second (attacker signs)",
                // Each certificate the sid names is tried: the attacker's key verifies, and its
                // path (under a forged issuing CA) is what fails.
                "Indeterminate/Some(CertificateChainGeneralFailure)",
                pki.verify(
                    &signed_data(&[forged], &[&leaf.der, &evil, &pki.nodes[1].der], None),
                    Some(DOCUMENT),
                ),
            );
            // The genuine signer with the twin ahead of it: see `cms_sid_twins_version_and_digest_list_get_their_strict_outcomes`.
        }
        // signingCertificateV2 naming another certificate than the sid
        {
            let ess = |cert: &[u8]| {
                attribute(
                    &[
                        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2f,
                    ],
                    &[tlv(0x30, &tlv(0x30, &tlv(0x30, &tlv(0x04, &sha256(cert)))))],
                )
            };
            let mut attrs = good_attributes();
            attrs.push(ess(&pki.nodes[1].der));
            check(
                "signingCertificateV2 names the issuing CA",
                "Indeterminate/Some(NoSigningCertificateFound)",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
            let mut attrs = good_attributes();
            attrs.push(ess(&pki.nodes[2].der));
            check(
                "signingCertificateV2 names the signer",
                "TotalPassed/None",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
            let mut attrs = good_attributes();
            attrs.push(ess(&pki.nodes[2].der));
            attrs.push(ess(&pki.nodes[2].der));
            check(
                "signingCertificateV2 twice",
                "TotalFailed/Some(FormatFailure)",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
        }
        // SignerInfo version 3 with issuerAndSerialNumber
        {
            let si = pki.signer(Some(good_attributes()));
            let mut parts = split(content(&si));
            parts[0] = tlv(0x02, &[3]);
            let si = tlv(0x30, &parts.concat());
            check_open(
                "signerInfo v3 with issuerAndSerial",
                pki.verify(&signed_data(&[si], &pki.certs(), None), Some(DOCUMENT)),
            );
            // digest algorithm not listed in digestAlgorithms
            let si = pki.signer(Some(good_attributes()));
            let sd = signed_data(&[si], &pki.certs(), None);
            let sha384 = tlv(
                0x30,
                &tlv(
                    0x06,
                    &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02],
                ),
            );
            let sha256 = tlv(0x30, &tlv(0x06, SHA256));
            let needle = tlv(0x31, &sha256);
            let pos = sd
                .windows(needle.len())
                .position(|w| w == needle.as_slice())
                .unwrap();
            let mut sd2 = sd[..pos].to_vec();
            sd2.extend(tlv(0x31, &sha384));
            sd2.extend(&sd[pos + needle.len()..]);
            // lengths unchanged (same size OID), so outer TLVs still fit
            check_open(
                "signer digest not in digestAlgorithms",
                pki.verify(&sd2, Some(DOCUMENT)),
            );
        }
        // attribute value with a signingTime in GeneralizedTime before 2050 and UTCTime with offset
        {
            let attrs = vec![
                content_type(ID_DATA),
                message_digest(&sha256(DOCUMENT)),
                attribute(SIGNING_TIME, &[tlv(0x17, b"2605150000Z")]),
            ];
            check(
                "signingTime UTCTime without seconds",
                "TotalFailed/Some(FormatFailure)",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
            let attrs = vec![
                content_type(ID_DATA),
                message_digest(&sha256(DOCUMENT)),
                attribute(SIGNING_TIME, &[tlv(0x18, b"20260515000000.123Z")]),
            ];
            check(
                "signingTime GeneralizedTime fraction",
                "TotalFailed/Some(FormatFailure)",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
            let attrs = vec![
                content_type(ID_DATA),
                message_digest(&sha256(DOCUMENT)),
                attribute(SIGNING_TIME, &[tlv(0x17, b"300515000000Z")]),
            ];
            check(
                "signingTime after validation time",
                "TotalPassed/None",
                pki.verify(&detached(Some(attrs)), Some(DOCUMENT)),
            );
        }
        // Detached signature whose eContent is an empty OCTET STRING
        {
            let sd = signed_data(
                &[pki.signer(Some(good_attributes()))],
                &pki.certs(),
                Some(b""),
            );
            check(
                "attached empty eContent, detached supplied",
                "Err CmsContentTwice",
                pki.verify(&sd, Some(DOCUMENT)),
            );
            let attrs = vec![
                content_type(ID_DATA),
                message_digest(&sha256(b"")),
                signing_time(),
            ];
            let sd = signed_data(&[pki.signer(Some(attrs))], &pki.certs(), Some(b""));
            check(
                "attached empty eContent, signed empty",
                "TotalPassed/None",
                pki.verify(&sd, None),
            );
        }
        // An unrelated certificate the profile refuses, added to the (unsigned)
        // certificates set by anyone who relays the signature.
        {
            let nodes = &pki.nodes;
            let junk = resigned(&nodes[2].der, &nodes[1].key, |f| {
                f[SERIAL] = tlv(0x02, &[0x7f; 21])
            });
            let sd = signed_data(
                &[pki.signer(Some(good_attributes()))],
                &[&nodes[2].der, &nodes[1].der, &junk],
                None,
            );
            check(
                "unrelated malformed certificate in the set",
                "TotalPassed/None",
                pki.verify(&sd, Some(DOCUMENT)),
            );
            let sd = signed_data(
                &[pki.signer(Some(good_attributes()))],
                &[&junk, &nodes[2].der, &nodes[1].der],
                None,
            );
            check(
                "unrelated malformed certificate first in the set",
                "TotalPassed/None",
                pki.verify(&sd, Some(DOCUMENT)),
            );
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn message_digest_of_the_wrong_length_is_a_format_failure_not_a_hash_failure() {
        // Before: HASH_FAILURE ("the content does not match"), blaming the content for
        // an attribute that cannot be a SHA-256 digest at all.
        let pki = pki();
        let [ct, _, st] = <[Vec<u8>; 3]>::try_from(good_attributes()).unwrap();
        for (digest, octets) in [
            (sha256(DOCUMENT)[..31].to_vec(), 31),
            ([sha256(DOCUMENT), vec![0]].concat(), 33),
        ] {
            let attributes = vec![ct.clone(), message_digest(&digest), st.clone()];
            let cms = signed_data(&[pki.signer(Some(attributes))], &pki.certs(), None);
            let (overall, signers) = pki.verify(&cms, Some(DOCUMENT));
            assert_eq!(overall, "TotalFailed/Some(FormatFailure)");
            assert_eq!(
                signers,
                [format!(
                    "TotalFailed/Some(FormatFailure): messageDigest is {octets} octets, \
                     a SHA-256 digest is 32 (RFC 5652 §11.2)"
                )]
            );
        }
    }

    /// Findings first left open for the CMS area, now closed: each asserts what a
    /// strict RFC 5652 verifier must answer.
    #[test]
    fn cms_sid_twins_version_and_digest_list_get_their_strict_outcomes() {
        // A certificate named by the sid twice, the attacker's copy (own key) first: a
        // relayer can add it to the unsigned certificates set, and the genuine
        // signature, checked only against the first named certificate, becomes
        // TOTAL_FAILED / SIG_CRYPTO_FAILURE. Each named certificate must be tried (or
        // the ambiguity reported INDETERMINATE), never a definite failure.
        let mut signer = leaf("Signer");
        signer.is_ca = IsCa::ExplicitNoCa; // rcgen writes an SKI with basicConstraints
        let keyed = Pki {
            nodes: chain(root("Root CA"), ca("Issuing CA"), signer),
        };
        let genuine = &keyed.nodes[2];
        let twin = twin_with_key(
            &genuine.der,
            &KeyPair::generate().unwrap(),
            &KeyPair::generate().unwrap(),
        );
        let set: [&[u8]; 3] = [&twin, &genuine.der, &keyed.nodes[1].der];
        let by_issuer_and_serial = keyed.signer(Some(good_attributes()));
        assert_eq!(
            keyed
                .verify(
                    &signed_data(&[by_issuer_and_serial], &set, None),
                    Some(DOCUMENT)
                )
                .0,
            "TotalPassed/None"
        );
        let ski = genuine.params.key_identifier(&genuine.key);
        let info = signer_info(&Signer {
            cert: &genuine.der,
            key: &genuine.key,
            attributes: Some(good_attributes()),
            sid: Some(tlv(0x80, &ski)),
        });
        let mut parts = split(content(&info));
        parts[0] = tlv(0x02, &[3]);
        let by_key_identifier = tlv(0x30, &parts.concat());
        assert_eq!(
            keyed
                .verify(
                    &signed_data(&[by_key_identifier], &set, None),
                    Some(DOCUMENT)
                )
                .0,
            "TotalPassed/None"
        );

        let pki = pki();
        let format_failure = "TotalFailed/Some(FormatFailure)";
        // RFC 5652 §5.3: version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
        let mut parts = split(content(&pki.signer(Some(good_attributes()))));
        parts[0] = tlv(0x02, &[3]);
        let cms = signed_data(&[tlv(0x30, &parts.concat())], &pki.certs(), None);
        assert_eq!(pki.verify(&cms, Some(DOCUMENT)).0, format_failure);
        // The signer's digest algorithm must be listed in digestAlgorithms (issue 8 §6).
        let cms = signed_data(&[pki.signer(Some(good_attributes()))], &pki.certs(), None);
        let listed = tlv(0x31, &algorithm(SHA256));
        let at = cms
            .windows(listed.len())
            .position(|w| w == listed.as_slice())
            .unwrap();
        let sha384 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
        let edited = [
            &cms[..at],
            &tlv(0x31, &algorithm(&sha384)),
            &cms[at + listed.len()..],
        ]
        .concat();
        assert_eq!(pki.verify(&edited, Some(DOCUMENT)).0, format_failure);
    }

    /// A sid whose issuer Name ends in an empty RDN (`SET {}`, outside X.501's
    /// `SET SIZE (1..MAX)`) is read by x509-parser as the name before it, so it would
    /// name the genuine certificate under a name that is not its issuer's: it names none.
    #[test]
    fn sid_issuer_with_an_empty_rdn_names_no_certificate() {
        let pki = pki();
        let genuine = &pki.nodes[2];
        let fields = split(content(&split(content(&genuine.der))[0]));
        let issuer_with_empty_rdn = tlv(0x30, &[content(&fields[3]), &tlv(0x31, &[])].concat());
        let sid = tlv(0x30, &[issuer_with_empty_rdn, fields[1].clone()].concat());
        let info = signer_info(&Signer {
            cert: &genuine.der,
            key: &genuine.key,
            attributes: Some(good_attributes()),
            sid: Some(sid),
        });
        assert_eq!(
            pki.verify(&signed_data(&[info], &pki.certs(), None), Some(DOCUMENT))
                .0,
            "Indeterminate/Some(NoSigningCertificateFound)"
        );
        // The same signer with its sid as written by the certificate passes.
        let info = pki.signer(Some(good_attributes()));
        assert_eq!(
            pki.verify(&signed_data(&[info], &pki.certs(), None), Some(DOCUMENT))
                .0,
            "TotalPassed/None"
        );
    }
}

// ---- OpenSSL-made attacks (testdata/attacks/make.sh) --------------------------------------

fn attack_file(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../testdata/attacks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let pem = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    baytrust::decode_certificates(&pem)
        .unwrap()
        .remove(0)
        .as_ref()
        .to_vec()
}

/// Verifies testdata/attacks/NAME for signing at 2027-06-01 (the files are valid for ten
/// years from when make.sh ran), returning the error's kind or "OK".
fn openssl_made(name: &str) -> String {
    let chain = if std::path::Path::new(&format!(
        "{}/../../testdata/attacks/{}.chain.pem",
        env!("CARGO_MANIFEST_DIR"),
        name.trim_end_matches(".pem")
    ))
    .exists()
    {
        format!("{}.chain.pem", name.trim_end_matches(".pem"))
    } else {
        "issuing.pem".to_owned()
    };
    let root = attack_file("root.pem");
    let store = store_of(&[&root]);
    let intermediate = attack_file(&chain);
    let leaf_der = attack_file(name);
    let mut options = ChainOptions::new(Time::parse_rfc3339("2027-06-01T00:00:00Z").unwrap());
    options.purpose = Purpose::Sign;
    let result = Certificate::from_der(&leaf_der).and_then(|leaf| {
        let pool = [Certificate::from_der(&intermediate)?];
        verify_chain(&store, &leaf, &pool, &options).map(|_| ())
    });
    match result {
        Ok(()) => "OK".into(),
        Err(e) => e.kind().into(),
    }
}

#[test]
fn openssl_made_attacks_are_refused_like_openssl_verify_x509_strict() {
    // (file, baytrust's verdict, OpenSSL's `verify -x509_strict -purpose any` verdict as
    // committed in openssl-verify.txt). Where they differ, baytrust is the stricter one
    // and docs/conformance.md says why.
    let cases = [
        ("good.pem", "OK", "OK"),
        (
            "nc-root-excluded-dns.pem",
            "NameConstraintViolation",
            "error 48",
        ),
        (
            "nc-root-excluded-email.pem",
            "NameConstraintViolation",
            "error 48",
        ),
        (
            "critical-unknown.pem",
            "UnrecognisedCriticalExtension",
            "error 34",
        ),
        ("not-ca.pem", "NotACa", "error 79"),
        ("no-key-cert-sign.pem", "KeyCertSignMissing", "error 79"),
        ("pathlen-without-ca.pem", "PathLenWithoutCa", "error 80"),
        ("ca-as-leaf.pem", "CaUsedAsEndEntity", "OK"),
        ("serial-21-octets.pem", "SerialNumberTooLong", "OK"),
        ("policy-repeated.pem", "CertificatePolicyRepeated", "OK"),
        ("san-relative-uri.pem", "SanUriMalformed", "OK"),
    ];
    let openssl = std::fs::read_to_string(format!(
        "{}/../../testdata/attacks/openssl-verify.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for (name, ours, theirs) in cases {
        assert_eq!(openssl_made(name), ours, "{name}");
        let line = openssl
            .lines()
            .find(|l| l.starts_with(&format!("{name}:")))
            .unwrap_or_else(|| panic!("{name} not in openssl-verify.txt"));
        let verdict = if line.ends_with(": OK") {
            "OK".to_owned()
        } else {
            line.split(" at ")
                .next()
                .unwrap()
                .split(": ")
                .nth(1)
                .unwrap()
                .to_owned()
        };
        assert_eq!(verdict, theirs, "{line}");
    }
}

// ---- key rollover: self-issued intermediates (RFC 5280 §6.1.4 (b), §4.2.1.1) -------------

/// Root with nameConstraints permitting good.example → issuing CA (old key) → issuing CA
/// (new key, self-issued, same name) → leaf with `san`.
fn rolled_over(san: &str) -> Result<usize, Error> {
    let mut root_params = root("Root CA");
    root_params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::DnsName("good.example".into())],
        excluded_subtrees: vec![],
    });
    let root_node = Node::self_signed(root_params);
    let old = Node::issued_by(ca("Issuing CA"), &root_node);
    let new = Node::issued_by(ca("Issuing CA"), &old);
    let mut signer = leaf("Signer");
    signer.subject_alt_names = vec![dns(san)];
    let signer = Node::issued_by(signer, &new);
    verify_der(
        &root_node.der,
        &signer.der,
        &[&old.der, &new.der],
        Purpose::Sign,
    )
}

#[test]
fn rolled_over_issuer_reports_the_name_constraint_not_the_old_keys_signature() {
    assert_eq!(rolled_over("www.good.example"), Ok(3));
    // Before: the old key, same name, was tried as the leaf's issuer after the real path
    // failed, and its ChainSignature (rank 260) hid the NameConstraintViolation (230).
    assert_eq!(
        rolled_over("www.evil.example"),
        Err(Error::NameConstraintViolation {
            depth: 0,
            name: "dNSName www.evil.example".into()
        })
    );
}

// ---- signed trust lists made by hand (docs/trust-list.md §4–§5) ---------------------------

mod signed_list_attacks {
    use super::cms_attacks::*;
    use super::*;
    use baytrust::{StaleListPolicy, TrustList};

    fn json() -> Vec<u8> {
        list_json().into_bytes()
    }

    /// An operator CA (pinned) and a list signer under it made of `signer_params`.
    fn operator(signer_params: CertificateParams) -> (Node, Node) {
        let mut operator_ca = root("List Operator CA");
        operator_ca
            .distinguished_name
            .push(DnType::CountryName, "HK");
        let operator_ca = Node::self_signed(operator_ca);
        let signer = Node::issued_by(signer_params, &operator_ca);
        (operator_ca, signer)
    }

    fn sign(
        signer: &Node,
        content: &[u8],
        attributes: Option<Vec<Vec<u8>>>,
        certs: &[&[u8]],
    ) -> Vec<u8> {
        let info = signer_info(&Signer {
            cert: &signer.der,
            key: &signer.key,
            attributes,
            sid: None,
        });
        signed_data(&[info], certs, Some(content))
    }

    fn attributes_for(content: &[u8]) -> Vec<Vec<u8>> {
        vec![
            content_type(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]),
            message_digest(&sha256(content)),
            signing_time(),
        ]
    }

    fn load(signed: &[u8], pinned: &[&[u8]]) -> Result<u64, String> {
        let operators: Vec<_> = pinned
            .iter()
            .flat_map(|der| baytrust::decode_certificates(der).unwrap())
            .collect();
        TrustList::load_signed(
            signed,
            Jurisdiction::Hk,
            &operators,
            validation_time(),
            StaleListPolicy::Refuse,
        )
        .map(|list| list.sequence)
        .map_err(|e| format!("{}: {e}", e.kind()))
    }

    #[test]
    fn signed_list_attacks_are_refused_with_the_documented_error() {
        let mut failures = Vec::new();
        let mut check = |name: &str, expected: &str, result: Result<u64, String>| {
            let found = match &result {
                Ok(_) => "OK".to_owned(),
                Err(e) => e.split(':').next().unwrap_or_default().to_owned(),
            };
            if found != expected {
                failures.push(format!("{name}: expected {expected}, got {result:?}"));
            }
        };
        let json = json();
        let (ca, signer) = operator(leaf("List Signer"));
        check(
            "control",
            "OK",
            load(
                &sign(&signer, &json, Some(attributes_for(&json)), &[&signer.der]),
                &[&ca.der],
            ),
        );
        check(
            "signer not in set",
            "TrustListSignatureInvalid",
            load(
                &sign(&signer, &json, Some(attributes_for(&json)), &[]),
                &[&ca.der],
            ),
        );
        let mut p = leaf("List Signer");
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        let (ca2, s2) = operator(p);
        check(
            "signer EKU serverAuth",
            "TrustListOperatorUnknown",
            load(
                &sign(&s2, &json, Some(attributes_for(&json)), &[&s2.der]),
                &[&ca2.der],
            ),
        );
        let (ca3, s3) = operator(super::ca("List Signer"));
        check(
            "signer is a CA",
            "TrustListOperatorUnknown",
            load(
                &sign(&s3, &json, Some(attributes_for(&json)), &[&s3.der]),
                &[&ca3.der],
            ),
        );
        let mut p = leaf("List Signer");
        p.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
        let (ca4, s4) = operator(p);
        check(
            "signer KU keyEncipherment",
            "TrustListOperatorUnknown",
            load(
                &sign(&s4, &json, Some(attributes_for(&json)), &[&s4.der]),
                &[&ca4.der],
            ),
        );
        // a self-signed signing certificate pinned directly (docs/trust-list.md §4 allows it)
        let mut p = leaf("Self-Signed List Signer");
        p.use_authority_key_identifier_extension = false;
        p.distinguished_name.push(DnType::CountryName, "HK");
        let direct = Node::self_signed(p);
        check(
            "self-signed signer pinned directly",
            "TrustListOperatorUnknown",
            load(
                &sign(&direct, &json, Some(attributes_for(&json)), &[&direct.der]),
                &[&direct.der],
            ),
        );
        // pinned the signer (issued by a CA) directly
        check(
            "CA-issued signer pinned alone",
            "TrustListOperatorUnknown",
            load(
                &sign(&signer, &json, Some(attributes_for(&json)), &[&signer.der]),
                &[&signer.der],
            ),
        );
        // contentType attribute != id-data
        let mut attrs = attributes_for(&json);
        attrs[0] = content_type(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
        check(
            "contentType attr signedData",
            "TrustListSignatureInvalid",
            load(
                &sign(&signer, &json, Some(attrs), &[&signer.der]),
                &[&ca.der],
            ),
        );
        // messageDigest wrong
        let mut attrs = attributes_for(&json);
        attrs[1] = message_digest(&sha256(b"other"));
        check(
            "messageDigest wrong",
            "TrustListSignatureInvalid",
            load(
                &sign(&signer, &json, Some(attrs), &[&signer.der]),
                &[&ca.der],
            ),
        );
        // two signers, one valid, one with a bad signature
        {
            let good = signer_info(&Signer {
                cert: &signer.der,
                key: &signer.key,
                attributes: Some(attributes_for(&json)),
                sid: None,
            });
            let other = KeyPair::generate().unwrap();
            let bad = signer_info(&Signer {
                cert: &signer.der,
                key: &other,
                attributes: Some(attributes_for(&json)),
                sid: None,
            });
            check(
                "two signers one bad sig",
                "TrustListSignatureInvalid",
                load(
                    &signed_data(&[good, bad], &[&signer.der], Some(&json)),
                    &[&ca.der],
                ),
            );
        }
        // zero signers
        check(
            "zero signers",
            "TrustListSignatureInvalid",
            load(&signed_data(&[], &[&signer.der], Some(&json)), &[&ca.der]),
        );
        // trailing garbage inside eContent
        let mut j2 = json.clone();
        j2.extend_from_slice(b"garbage");
        check(
            "trailing garbage signed",
            "TrustListMalformed",
            load(
                &sign(&signer, &j2, Some(attributes_for(&j2)), &[&signer.der]),
                &[&ca.der],
            ),
        );
        // operator CA expired at now
        let mut old = root("Old Operator CA");
        old.not_after = rcgen::date_time_ymd(2025, 1, 1);
        let old = Node::self_signed(old);
        let s5 = Node::issued_by(leaf("List Signer"), &old);
        check(
            "operator CA expired",
            "TrustListOperatorUnknown",
            load(
                &sign(&s5, &json, Some(attributes_for(&json)), &[&s5.der]),
                &[&old.der],
            ),
        );
        assert!(failures.is_empty(), "{failures:#?}");
    }
}

// ---- name chaining and URI hosts ------------------------------------------------------------

fn issuer_edited(edit: impl FnOnce(&mut Vec<Vec<u8>>)) -> Result<usize, Error> {
    let nodes = chain(root("Root CA"), ca("Issuing CA"), leaf("Signer"));
    let der = resigned(&nodes[2].der, &nodes[1].key, edit);
    verify_der(&nodes[0].der, &der, &[&nodes[1].der], Purpose::Sign)
}

#[test]
fn issuer_names_chain_by_rfc_5280_comparison_only() {
    // RDNs in another order, or merged into one multi-valued RDN: another name.
    assert_eq!(
        issuer_edited(|f| {
            let reversed: Vec<Vec<u8>> = split(content(&f[3])).into_iter().rev().collect();
            f[3] = tlv(0x30, &reversed.concat());
        }),
        Err(Error::UnknownIssuer { depth: 0 })
    );
    assert_eq!(
        issuer_edited(|f| {
            let attributes: Vec<u8> = split(content(&f[3]))
                .iter()
                .flat_map(|r| content(r).to_vec())
                .collect();
            f[3] = tlv(0x30, &tlv(0x31, &attributes));
        }),
        Err(Error::UnknownIssuer { depth: 0 })
    );
    // Case differences are the same name (RFC 5280 §7.1, RFC 4518 caseIgnoreMatch).
    assert_eq!(
        issuer_edited(|f| {
            let at = f[3].windows(10).position(|w| w == b"Issuing CA").unwrap();
            f[3][at..at + 10].copy_from_slice(b"ISSUING CA");
        }),
        Ok(2)
    );
}

/// A leaf with SAN URI `uri` under a root whose nameConstraints permit the URI host
/// `good.example` only.
fn under_permitted_uri_host(uri: &str) -> Result<usize, Error> {
    let mut root_params = root("Root CA");
    let permitted = tlv(0xa0, &tlv(0x30, &tlv(0x86, b"good.example")));
    root_params
        .custom_extensions
        .push(extension(&[2, 5, 29, 30], true, tlv(0x30, &permitted)));
    let mut signer = leaf("Signer");
    signer.custom_extensions.push(extension(
        SUBJECT_ALT_NAME,
        false,
        tlv(0x30, &tlv(0x86, uri.as_bytes())),
    ));
    run(&chain(root_params, ca("Issuing CA"), signer))
}

#[test]
fn uri_constraints_read_the_host_not_the_userinfo_or_fragment() {
    for uri in [
        "https://good.example@evil.example/",
        "https://evil.example#@good.example/",
        "https://evil.example\\@good.example/",
        "https://EVIL.example:443/",
        "https://good.example.evil.example/",
        "https://[::1]/",
    ] {
        assert_eq!(
            under_permitted_uri_host(uri),
            Err(Error::NameConstraintViolation {
                depth: 0,
                name: format!("uniformResourceIdentifier {uri}")
            }),
            "{uri}"
        );
    }
    assert_eq!(
        under_permitted_uri_host("https://GOOD.example:8443/path"),
        Ok(2)
    );
}

#[test]
fn intermediate_basic_constraints_not_critical_or_ber_true_is_read() {
    // Non-critical basicConstraints in an intermediate: NIST PKITS 4.6.4 (Valid
    // basicConstraints Not Critical Test4) expects a valid path. cA written as BOOLEAN
    // 0x01 (BER, X.690 §11.1 wants 0xFF): x509-parser reads it as TRUE; kept, see
    // docs/conformance.md.
    for (critical, boolean) in [(false, 0xffu8), (true, 0x01)] {
        let mut issuing = ca("Issuing CA");
        issuing.is_ca = IsCa::NoCa;
        issuing.key_identifier_method = rcgen::KeyIdMethod::PreSpecified(vec![7; 20]);
        issuing.custom_extensions.push(extension(
            BASIC_CONSTRAINTS,
            critical,
            tlv(0x30, &tlv(0x01, &[boolean])),
        ));
        issuing
            .custom_extensions
            .push(extension(&[2, 5, 29, 14], false, tlv(0x04, &[7; 20])));
        assert_eq!(
            run(&chain(root("Root CA"), issuing, leaf("Signer"))),
            Ok(2),
            "{critical} {boolean:#x}"
        );
    }
}

#[test]
fn three_thousand_names_against_five_hundred_subtrees_end_at_the_comparison_budget() {
    use std::time::{Duration, Instant};
    let mut issuing = ca("Issuing CA");
    issuing.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: (0..500)
            .map(|i| GeneralSubtree::DnsName(format!("x{i}.example")))
            .collect(),
    });
    let mut signer = leaf("Signer");
    let names: Vec<u8> = (0..3000)
        .flat_map(|i| tlv(0x82, format!("h{i}.good.example").as_bytes()))
        .collect();
    signer
        .custom_extensions
        .push(extension(SUBJECT_ALT_NAME, false, tlv(0x30, &names)));
    let nodes = chain(root("Root CA"), issuing, signer);
    let started = Instant::now();
    assert_eq!(
        run(&nodes),
        Err(Error::BudgetExceeded {
            what: "name-constraint comparisons",
            limit: 250_000
        })
    );
    // About a second in a debug build.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn every_truncation_and_byte_flip_of_a_certificate_is_refused_or_read_never_a_panic() {
    // The structure rules added here (serial, validity, BIT STRINGs) read raw DER first:
    // no change of one byte, and no truncation, makes them panic.
    let mut params = leaf("Signer");
    params.subject_alt_names = vec![dns("www.good.example")];
    params.custom_extensions.push(extension(
        CERTIFICATE_POLICIES,
        false,
        tlv(0x30, &tlv(0x30, &tlv(0x06, &[0x2a, 0x03, 0x04]))),
    ));
    let nodes = chain(root("Root CA"), ca("Issuing CA"), params);
    let der = &nodes[2].der;
    for len in 0..der.len() {
        let _ = Certificate::from_der(&der[..len]);
    }
    for at in 0..der.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut flipped = der.clone();
            flipped[at] ^= mask;
            if let Ok(certificate) = Certificate::from_der(&flipped) {
                let _ = certificate.subject_text();
                let _ = verify_der(&nodes[0].der, &flipped, &[&nodes[1].der], Purpose::Sign);
            }
        }
    }
}

fn subject_string(tag: u8, bytes: &[u8]) -> Result<usize, Error> {
    with_leaf_edit(|f| {
        let attribute = tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x0a]), tlv(tag, bytes)].concat(),
        );
        f[5] = tlv(0x30, &tlv(0x31, &attribute));
    })
}

#[test]
fn name_strings_that_do_not_decode_as_their_type_are_refused() {
    // Before: read, shown as `O=#…` hex, and compared byte-wise.
    for (tag, bytes, reason) in [
        (
            0x0cu8,
            &b"Evil \xff\xfe Org"[..],
            "UTF8String holds invalid UTF-8",
        ),
        (0x1e, b"\x00E\x00", "BMPString has an odd number of bytes"),
        (
            0x1e,
            b"\xd8\x00\x00E",
            "BMPString holds an unpaired surrogate",
        ),
        (
            0x1c,
            b"\x00\x00\x00E\x00",
            "UniversalString length is not a multiple of 4",
        ),
        (0x16, b"evil\xe9", "restricted string holds non-ASCII bytes"),
        (0x13, b"evil\xe9", "restricted string holds non-ASCII bytes"),
    ] {
        assert_eq!(
            subject_string(tag, bytes),
            Err(Error::NameStringMalformed {
                field: "subject",
                oid: "2.5.4.10".into(),
                reason: reason.into()
            }),
            "{tag:#x} {bytes:?}"
        );
    }
    // The issuer is read the same way (here it no longer matches the CA's name either).
    let issuer = with_leaf_edit(|f| {
        let attribute = tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, b"\xc0\x80")].concat(),
        );
        f[3] = tlv(0x30, &tlv(0x31, &attribute));
    });
    assert_eq!(
        issuer,
        Err(Error::NameStringMalformed {
            field: "issuer",
            oid: "2.5.4.3".into(),
            reason: "UTF8String holds invalid UTF-8".into()
        })
    );
}

#[test]
fn printable_string_charset_and_teletex_bytes_are_read() {
    // PrintableString outside its X.680 character set ('@', '*') and NumericString with
    // a letter: ASCII, read as written (deployed certificates carry them; see
    // docs/conformance.md). TeletexString is read as Latin-1.
    assert_eq!(subject_string(0x13, b"evil@org"), Ok(2));
    assert_eq!(subject_string(0x13, b"evil*org"), Ok(2));
    assert_eq!(subject_string(0x12, b"12a"), Ok(2));
    assert_eq!(subject_string(0x14, b"caf\xe9"), Ok(2));
}

#[test]
fn empty_rdns_and_empty_strings_in_names_are_refused() {
    // Before: both read (x509-parser ends its RDN list at the empty SET, so even the
    // subject's text lost nothing visible).
    let empty_rdn = with_leaf_edit(|f| {
        let attribute = tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x0a]), tlv(0x0c, b"Org")].concat(),
        );
        f[5] = tlv(0x30, &[tlv(0x31, &attribute), tlv(0x31, &[])].concat());
    });
    assert_eq!(empty_rdn, Err(Error::NameRdnEmpty { field: "subject" }));
    // x509-parser reads `O=Org, {}, CN=Evil` as `O=Org`, dropping what follows the
    // empty SET: an excluded directoryName `O=Org, CN=Evil` would not have matched it,
    // nor would a second organizationIdentifier placed there have been seen.
    let hidden_rdn = with_leaf_edit(|f| {
        let org = tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x0a]), tlv(0x0c, b"Org")].concat(),
        );
        let cn = tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, b"Evil")].concat(),
        );
        f[5] = tlv(
            0x30,
            &[tlv(0x31, &org), tlv(0x31, &[]), tlv(0x31, &cn)].concat(),
        );
    });
    assert_eq!(hidden_rdn, Err(Error::NameRdnEmpty { field: "subject" }));
    let hidden_in_issuer = with_leaf_edit(|f| {
        let mut rdns = split(content(&f[3]));
        rdns.insert(1, tlv(0x31, &[]));
        f[3] = tlv(0x30, &rdns.concat());
    });
    assert_eq!(
        hidden_in_issuer,
        Err(Error::NameRdnEmpty { field: "issuer" })
    );
    // The same in a SAN directoryName and in a nameConstraints directoryName base,
    // where `permitted O=Org, {}, CN=Good` would have widened to all of O=Org.
    let org = tlv(
        0x30,
        &[tlv(0x06, &[0x55, 0x04, 0x0a]), tlv(0x0c, b"Org")].concat(),
    );
    let cn = tlv(
        0x30,
        &[tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, b"Good")].concat(),
    );
    let shortened = tlv(
        0x30,
        &[tlv(0x31, &org), tlv(0x31, &[]), tlv(0x31, &cn)].concat(),
    );
    assert_eq!(
        san(0xa4, &shortened),
        Err(Error::NameRdnEmpty {
            field: "subjectAltName directoryName"
        })
    );
    let mut issuing = ca("Issuing CA");
    let permitted = tlv(0xa0, &tlv(0x30, &tlv(0xa4, &shortened)));
    issuing
        .custom_extensions
        .push(extension(&[2, 5, 29, 30], true, tlv(0x30, &permitted)));
    assert_eq!(
        run(&chain(root("Root CA"), issuing, leaf("Signer"))),
        Err(Error::NameRdnEmpty {
            field: "nameConstraints directoryName"
        })
    );
    for tag in [0x0cu8, 0x13] {
        assert_eq!(
            subject_string(tag, b""),
            Err(Error::NameStringMalformed {
                field: "subject",
                oid: "2.5.4.10".into(),
                reason: "the string is empty (SIZE (1..MAX))".into()
            })
        );
    }
}
