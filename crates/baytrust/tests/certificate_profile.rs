//! The RFC 5280 certificate-profile rules `Certificate::from_der` enforces (issue 8 §3),
//! each with the attempt to get past it: version and extensions, the two signature
//! algorithm fields, an empty subject's subjectAltName, the syntax of alternative
//! names, and the shape and values of nameConstraints. Certificates are made with
//! rcgen and, where no honest encoder would make them, edited at the DER level.

#[path = "support/der_edit.rs"]
mod der_edit;
use baytrust::cert::{decode_certificates, Certificate};
use baytrust::Error;
use der_edit::{content, split, tlv};

// ---- DER editing ----------------------------------------------------------------------

/// Rebuilds a certificate after `edit` changed its parts: the TBS fields (version,
/// serial, signature, issuer, validity, subject, SPKI, extensions…) and the outer
/// signatureAlgorithm. The signature value is kept, so it no longer verifies: these
/// rules are checked before any signature is.
fn edited(der: &[u8], edit: impl FnOnce(&mut Vec<Vec<u8>>, &mut Vec<u8>)) -> Vec<u8> {
    let outer = split(content(der));
    let mut fields = split(content(&outer[0]));
    let mut signature_algorithm = outer[1].clone();
    edit(&mut fields, &mut signature_algorithm);
    let tbs = tlv(0x30, &fields.concat());
    tlv(0x30, &[tbs, signature_algorithm, outer[2].clone()].concat())
}

fn params(cn: Option<&str>) -> rcgen::CertificateParams {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    if let Some(cn) = cn {
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
    }
    params
}

fn self_signed(params: rcgen::CertificateParams) -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    params.self_signed(&key).unwrap().der().to_vec()
}

/// A certificate `CN=test` with one custom extension.
fn with_extension(oid: &[u64], critical: bool, value: Vec<u8>) -> Vec<u8> {
    let mut params = params(Some("test"));
    let mut extension = rcgen::CustomExtension::from_oid_content(oid, value);
    extension.set_criticality(critical);
    params.custom_extensions.push(extension);
    self_signed(params)
}

fn parse(der: &[u8]) -> Result<(), Error> {
    Certificate::from_der(der).map(|_| ())
}

// ---- version and extensions (RFC 5280 §4.1.2.1, §4.1.2.9) --------------------------

#[test]
fn version_above_v3_is_refused() {
    let der = self_signed(params(Some("test")));
    let v4 = edited(&der, |fields, _| fields[0] = tlv(0xa0, &[0x02, 0x01, 0x03]));
    assert_eq!(
        parse(&v4),
        Err(Error::CertificateVersionUnknown { version: 3 })
    );
    // A huge version is refused the same way, not wrapped round to a small one.
    let huge = edited(&der, |fields, _| {
        fields[0] = tlv(0xa0, &[0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x02])
    });
    assert_eq!(
        parse(&huge),
        Err(Error::CertificateVersionUnknown {
            version: 0x01_0000_0002
        })
    );
}

#[test]
fn extensions_in_a_v1_or_v2_certificate_are_refused() {
    let der = dns_name("host.example.com");
    let v2 = edited(&der, |fields, _| fields[0] = tlv(0xa0, &[0x02, 0x01, 0x01]));
    assert_eq!(parse(&v2), Err(Error::ExtensionsBeforeV3 { version: 1 }));
    // Encoding v1 explicitly is not DER; leaving it out (v1 by DEFAULT) does not hide
    // the extensions.
    let explicit_v1 = edited(&der, |fields, _| fields[0] = tlv(0xa0, &[0x02, 0x01, 0x00]));
    assert_eq!(
        parse(&explicit_v1),
        Err(Error::CertificateMalformed {
            reason: "version v1 is encoded although it is the DEFAULT (X.690 §11.5)".into()
        })
    );
    let implicit_v1 = edited(&der, |fields, _| {
        fields.remove(0);
    });
    assert_eq!(
        parse(&implicit_v1),
        Err(Error::ExtensionsBeforeV3 { version: 0 })
    );
}

#[test]
fn unique_identifiers_in_a_v1_certificate_are_refused() {
    let der = self_signed(params(Some("test")));
    for tag in [0x81u8, 0x82] {
        let v1 = edited(&der, |fields, _| {
            fields.remove(0);
            fields.push(tlv(tag, &[0x00, 0xab]));
        });
        assert_eq!(parse(&v1), Err(Error::UniqueIdentifierInV1));
        // In v2 they are allowed.
        let v2 = edited(&der, |fields, _| {
            fields[0] = tlv(0xa0, &[0x02, 0x01, 0x01]);
            fields.push(tlv(tag, &[0x00, 0xab]));
        });
        assert_eq!(parse(&v2), Ok(()));
    }
}

#[test]
fn a_v1_certificate_without_extensions_still_parses() {
    // rcgen writes no extensions field when there are none.
    let der = self_signed(params(Some("test")));
    let v1 = edited(&der, |fields, _| {
        assert_eq!(fields.len(), 7);
        fields.remove(0);
    });
    assert_eq!(parse(&v1), Ok(()));
    let explicit_v2 = edited(&der, |fields, _| fields[0] = tlv(0xa0, &[0x02, 0x01, 0x01]));
    assert_eq!(parse(&explicit_v2), Ok(()));
}

// ---- signature algorithm fields (RFC 5280 §4.1.1.2) ---------------------------------

#[test]
fn signature_algorithm_differing_from_tbs_signature_is_refused() {
    let der = self_signed(params(Some("test")));
    // rcgen signs ECDSA P-256 with SHA-256 (1.2.840.10045.4.3.2); claim SHA-384 outside.
    let sha384 = edited(&der, |_, outer| {
        *outer = tlv(
            0x30,
            &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03]),
        )
    });
    assert_eq!(
        parse(&sha384),
        Err(Error::SignatureAlgorithmMismatch {
            tbs_signature: "1.2.840.10045.4.3.2".into(),
            signature_algorithm: "1.2.840.10045.4.3.3".into(),
        })
    );
}

#[test]
fn signature_algorithms_differing_only_in_parameters_are_refused() {
    let der = self_signed(params(Some("test")));
    // The same OID with a NULL parameter added: equal OIDs are not enough.
    let with_null = edited(&der, |_, outer| {
        let mut algorithm = content(outer).to_vec();
        algorithm.extend([0x05, 0x00]);
        *outer = tlv(0x30, &algorithm);
    });
    assert_eq!(
        parse(&with_null),
        Err(Error::SignatureAlgorithmMismatch {
            tbs_signature: "1.2.840.10045.4.3.2".into(),
            signature_algorithm: "1.2.840.10045.4.3.2 with parameters 0500".into(),
        })
    );
}

#[test]
fn non_der_length_cannot_hide_the_structure_from_the_profile_rules() {
    // The same certificate with the serial's length written in long form (0x81 0x14
    // for 20): BER, not DER. Were it read by a lenient parser only, the version,
    // extension and signature-algorithm rules would go unchecked.
    let der = self_signed(params(Some("test")));
    let ber = edited(&der, |fields, _| {
        let serial = fields[1].clone();
        assert_eq!(serial[0], 0x02);
        let mut long_form = vec![0x02, 0x81, serial[1]];
        long_form.extend(&serial[2..]);
        fields[1] = long_form;
    });
    let not_der = Err(Error::CertificateMalformed {
        reason: "the certificate is not DER: its fields cannot be read strictly".into(),
    });
    assert_eq!(parse(&ber), not_der);
    // x509-parser alone reads it, so this is what the strict reader adds.
    assert!(x509_parser::parse_x509_certificate(&ber).is_ok());
}

// ---- empty subject (RFC 5280 §4.2.1.6) --------------------------------------------------

/// subjectAltName with one dNSName.
fn san_dns(host: &str) -> Vec<u8> {
    tlv(0x30, &tlv(0x82, host.as_bytes()))
}

fn empty_subject_with_san(critical: Option<bool>) -> Vec<u8> {
    let mut params = params(None);
    if let Some(critical) = critical {
        let mut san =
            rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 17], san_dns("host.example.com"));
        san.set_criticality(critical);
        params.custom_extensions.push(san);
    }
    self_signed(params)
}

#[test]
fn empty_subject_needs_a_critical_subject_alt_name() {
    assert_eq!(
        parse(&empty_subject_with_san(Some(false))),
        Err(Error::EmptySubjectWithoutCriticalSan { san_present: true })
    );
    assert_eq!(
        parse(&empty_subject_with_san(None)),
        Err(Error::EmptySubjectWithoutCriticalSan { san_present: false })
    );
    assert_eq!(parse(&empty_subject_with_san(Some(true))), Ok(()));
}

// ---- alternative-name syntax (RFC 5280 §4.2.1.6) ----------------------------------------

fn with_san(names: Vec<rcgen::SanType>) -> Vec<u8> {
    let mut params = params(Some("test"));
    params.subject_alt_names = names;
    self_signed(params)
}

fn mailbox(text: &str) -> Vec<u8> {
    with_san(vec![rcgen::SanType::Rfc822Name(text.try_into().unwrap())])
}

fn dns_name(text: &str) -> Vec<u8> {
    with_san(vec![rcgen::SanType::DnsName(text.try_into().unwrap())])
}

#[test]
fn san_mailbox_with_two_ats_is_refused_not_split_at_the_last() {
    assert_eq!(
        parse(&mailbox("a@evil.example@good.example")),
        Err(Error::SanMailboxMalformed {
            value: "a@evil.example@good.example".into(),
            reason: "its domain is not a host name"
        })
    );
}

#[test]
fn san_mailbox_syntax_is_rfc_5321() {
    for (text, reason) in [
        ("@example.com", "its local part is empty"),
        ("bob", "it has no @"),
        ("bob@example.com.", "its domain is not a host name"),
        ("bob@exa_mple.com", "its domain is not a host name"),
        (
            "a..b@example.com",
            "its local part is not a dot-string of atoms",
        ),
        ("bob@[192.0.2.1]", "its domain is an address literal"),
        (
            "\"bob@example.com",
            "its quoted local part is not closed or holds a bad character",
        ),
    ] {
        assert_eq!(
            parse(&mailbox(text)),
            Err(Error::SanMailboxMalformed {
                value: text.into(),
                reason
            }),
            "{text}"
        );
    }
    // A quoted local part may hold an @: the mailbox is at example.com.
    assert_eq!(parse(&mailbox("\"a@evil.example\"@example.com")), Ok(()));
    assert_eq!(parse(&mailbox("first.last+tag@mail.example.com")), Ok(()));
}

#[test]
fn san_dns_name_with_an_underscore_is_refused() {
    assert_eq!(
        parse(&dns_name("foo_bar.example.com")),
        Err(Error::SanDnsNameInvalid {
            value: "foo_bar.example.com".into(),
            reason: "a label holds a character other than a letter, digit or hyphen"
        })
    );
}

#[test]
fn san_dns_names_follow_the_preferred_name_syntax() {
    for (text, reason) in [
        ("host.example.com.", "it ends with a dot"),
        ("xn--.example.com", "a label starts or ends with a hyphen"),
        ("-host.example.com", "a label starts or ends with a hyphen"),
        ("a..example.com", "a label is empty"),
        ("192.0.2.1", "its last label is numeric"),
        ("*.com", "a wildcard needs at least two labels after it"),
        (
            "f*.example.com",
            "a wildcard is not the whole leftmost label",
        ),
        (
            "*.*.example.com",
            "a wildcard is not the whole leftmost label",
        ),
        (
            "www.*.example.com",
            "a wildcard is not the whole leftmost label",
        ),
        (
            "host .example.com",
            "a label holds a character other than a letter, digit or hyphen",
        ),
    ] {
        assert_eq!(
            parse(&dns_name(text)),
            Err(Error::SanDnsNameInvalid {
                value: text.into(),
                reason
            }),
            "{text}"
        );
    }
    for ok in [
        "*.example.com",
        "xn--fiqs8s.example.com",
        "3com.example",
        "localhost",
    ] {
        assert_eq!(parse(&dns_name(ok)), Ok(()), "{ok}");
    }
}

#[test]
fn nul_byte_injection_in_san_names_is_refused_and_shown_escaped() {
    assert_eq!(
        parse(&dns_name("www.bank.example\0.evil.example")),
        Err(Error::SanDnsNameInvalid {
            value: "www.bank.example\\u{0}.evil.example".into(),
            reason: "a label holds a character other than a letter, digit or hyphen"
        })
    );
    assert_eq!(
        parse(&mailbox("bob@bank.example\0.evil.example")),
        Err(Error::SanMailboxMalformed {
            value: "bob@bank.example\\u{0}.evil.example".into(),
            reason: "its domain is not a host name"
        })
    );
}

#[test]
fn empty_subject_alt_name_is_refused() {
    let der = with_extension(&[2, 5, 29, 17], false, tlv(0x30, &[]));
    assert_eq!(parse(&der), Err(Error::SubjectAltNameEmpty));
    // Nor may an empty critical one stand in for the subject.
    let mut params = params(None);
    let mut san = rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 17], tlv(0x30, &[]));
    san.set_criticality(true);
    params.custom_extensions.push(san);
    assert_eq!(parse(&self_signed(params)), Err(Error::SubjectAltNameEmpty));
}

#[test]
fn san_ip_address_of_a_wrong_length_is_refused() {
    let der = with_extension(
        &[2, 5, 29, 17],
        false,
        tlv(0x30, &tlv(0x87, &[192, 0, 2, 1, 0])),
    );
    assert_eq!(parse(&der), Err(Error::SanIpAddressMalformed { len: 5 }));
}

// ---- nameConstraints (RFC 5280 §4.2.1.10) -----------------------------------------------

fn with_name_constraints(value: Vec<u8>) -> Vec<u8> {
    with_extension(&[2, 5, 29, 30], true, value)
}

/// A GeneralSubtree from a base and extra fields (`minimum`, `maximum`).
fn subtree(base: Vec<u8>, extra: &[u8]) -> Vec<u8> {
    tlv(0x30, &[base, extra.to_vec()].concat())
}

/// nameConstraints with a permittedSubtrees list.
fn permitted(subtrees: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &tlv(0xa0, &subtrees.concat()))
}

fn dns(text: &str) -> Vec<u8> {
    tlv(0x82, text.as_bytes())
}

#[test]
fn name_constraints_with_neither_list_are_refused() {
    assert_eq!(
        parse(&with_name_constraints(tlv(0x30, &[]))),
        Err(Error::NameConstraintsEmpty)
    );
}

#[test]
fn name_constraints_with_an_empty_subtree_list_are_refused() {
    assert_eq!(
        parse(&with_name_constraints(tlv(0x30, &tlv(0xa0, &[])))),
        Err(Error::NameConstraintSubtreesEmpty {
            field: "permittedSubtrees"
        })
    );
    // A good permitted list does not excuse an empty excluded one.
    let mixed = tlv(
        0x30,
        &[tlv(0xa0, &subtree(dns("example.com"), &[])), tlv(0xa1, &[])].concat(),
    );
    assert_eq!(
        parse(&with_name_constraints(mixed)),
        Err(Error::NameConstraintSubtreesEmpty {
            field: "excludedSubtrees"
        })
    );
}

#[test]
fn name_constraint_minimum_other_than_zero_is_refused() {
    let value = permitted(&[subtree(dns("example.com"), &[0x80, 0x01, 0x01])]);
    assert_eq!(
        parse(&with_name_constraints(value)),
        Err(Error::NameConstraintMinimumNotZero { minimum: 1 })
    );
}

#[test]
fn name_constraint_minimum_zero_encoded_is_not_der() {
    let value = permitted(&[subtree(dns("example.com"), &[0x80, 0x01, 0x00])]);
    assert_eq!(
        parse(&with_name_constraints(value)),
        Err(Error::ExtensionMalformed {
            oid: "2.5.29.30".into(),
            reason: "a GeneralSubtree encodes minimum 0, its DEFAULT (X.690 §11.5)".into()
        })
    );
}

#[test]
fn name_constraint_maximum_is_refused_even_zero() {
    for maximum in [0u8, 5] {
        let value = permitted(&[subtree(dns("example.com"), &[0x81, 0x01, maximum])]);
        assert_eq!(
            parse(&with_name_constraints(value)),
            Err(Error::NameConstraintMaximumPresent {
                maximum: u64::from(maximum)
            })
        );
    }
}

#[test]
fn name_constraints_with_too_many_subtrees_are_refused() {
    let many: Vec<Vec<u8>> = (0..4097).map(|_| subtree(dns(""), &[])).collect();
    assert_eq!(
        parse(&with_name_constraints(permitted(&many))),
        Err(Error::BudgetExceeded {
            what: "nameConstraints subtrees in one certificate",
            limit: 4096
        })
    );
}

fn constraint_value(base: Vec<u8>) -> Result<(), Error> {
    parse(&with_name_constraints(permitted(&[subtree(base, &[])])))
}

fn malformed(form: &'static str, value: &str, reason: &'static str) -> Result<(), Error> {
    Err(Error::NameConstraintValueMalformed {
        form,
        value: value.into(),
        reason,
    })
}

#[test]
fn dns_constraint_wildcards_and_leading_periods_are_refused() {
    assert_eq!(
        constraint_value(dns("*.example.com")),
        malformed("dNSName", "*.example.com", "it holds a wildcard")
    );
    assert_eq!(
        constraint_value(dns(".example.com")),
        malformed(
            "dNSName",
            ".example.com",
            "a leading period is not a dNSName constraint form"
        )
    );
    assert_eq!(
        constraint_value(dns("example.com.")),
        malformed("dNSName", "example.com.", "it ends with a dot")
    );
    assert_eq!(
        constraint_value(dns("foo_bar.example.com")),
        malformed(
            "dNSName",
            "foo_bar.example.com",
            "a label holds a character other than a letter, digit or hyphen"
        )
    );
    // The empty dNSName (every host) is a constraint, used to exclude all DNS names.
    assert_eq!(constraint_value(dns("")), Ok(()));
    assert_eq!(constraint_value(dns("xn--fiqs8s.example")), Ok(()));
}

#[test]
fn ip_constraint_must_be_address_and_contiguous_mask() {
    let ip = |bytes: &[u8]| constraint_value(tlv(0x87, bytes));
    let reason = "it is not an address and contiguous mask of 8 or 32 bytes";
    assert_eq!(
        ip(&[10, 0, 0, 0, 255, 0, 255, 0]),
        malformed("iPAddress", "0a000000ff00ff00", reason)
    );
    assert_eq!(
        ip(&[10, 0, 0, 0]),
        malformed("iPAddress", "0a000000", reason)
    );
    assert_eq!(
        ip(&[0; 16]),
        malformed("iPAddress", "00000000000000000000000000000000", reason)
    );
    assert_eq!(ip(&[10, 0, 0, 0, 255, 0, 0, 0]), Ok(()));
    let mut v6 = [0u8; 32];
    v6[16..20].copy_from_slice(&[0xff; 4]);
    assert_eq!(ip(&v6), Ok(()));
}

#[test]
fn rfc822_constraint_with_two_ats_is_refused() {
    let rfc822 = |text: &str| constraint_value(tlv(0x81, text.as_bytes()));
    assert_eq!(
        rfc822("a@b@example.com"),
        malformed(
            "rfc822Name",
            "a@b@example.com",
            "its domain is not a host name"
        )
    );
    assert_eq!(
        rfc822("@example.com"),
        malformed("rfc822Name", "@example.com", "its local part is empty")
    );
    // Mailbox, host and .domain are the three forms (PKITS uses the last two).
    assert_eq!(rfc822("bob@example.com"), Ok(()));
    assert_eq!(rfc822("example.com"), Ok(()));
    assert_eq!(rfc822(".example.com"), Ok(()));
}

#[test]
fn uri_constraints_keep_their_leading_period_form() {
    let uri = |text: &str| constraint_value(tlv(0x86, text.as_bytes()));
    assert_eq!(uri(".example.com"), Ok(()));
    assert_eq!(uri("host.example.com"), Ok(()));
    assert_eq!(
        uri("http://example.com/"),
        malformed(
            "uniformResourceIdentifier",
            "http://example.com/",
            "a label holds a character other than a letter, digit or hyphen"
        )
    );
    assert_eq!(
        uri("*.example.com"),
        malformed(
            "uniformResourceIdentifier",
            "*.example.com",
            "it holds a wildcard"
        )
    );
}

// ---- real certificates keep working ------------------------------------------------------

#[test]
fn real_gba_roots_pass_the_profile_rules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/real-roots");
    let mut loaded = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pem") {
            for der in decode_certificates(&std::fs::read(&path).unwrap()).unwrap() {
                assert_eq!(parse(der.as_ref()), Ok(()), "{}", path.display());
                loaded += 1;
            }
        }
    }
    assert_eq!(loaded, 4);
}
