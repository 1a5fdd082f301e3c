//! CMS SignedData made by OpenSSL 3.0 (`testdata/cms/make.sh`): reading DER, BER and
//! PEM, and checking every signer: certificate, signed attributes, ESS binding, content
//! digest and signature.

use baytrust::cms::{
    check_signer, CmsSignedData, ContentDigests, SignerCheck, SignerFailure, SignerIdentifier,
};
use baytrust::AlgorithmPolicy;
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{Error, Time};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample(name: &str) -> Vec<u8> {
    read(&format!("cms/openssl/{name}"))
}

fn contract() -> Vec<u8> {
    read("cms/contract.txt")
}

fn certificate(path: &str) -> CertificateDer {
    decode_certificates(&read(&format!("pki/{path}")))
        .unwrap()
        .remove(0)
}

const HARBOUR: &str = "hk/org-harbour-logistics.pem";
const KOWLOON: &str = "hk/org-kowloon-electronics.pem";
const TAIPA: &str = "mo/org-taipa-foods.pem";

/// Checks every signer of `signed_data` against `content` (the detached content, or
/// the encapsulated content when `None`).
fn check_with(
    signed_data: &CmsSignedData,
    content: Option<&[u8]>,
    extra: &[CertificateDer],
    content_for_unsigned: Option<&[u8]>,
) -> Vec<SignerCheck> {
    let content = content
        .or(signed_data.encapsulated_content())
        .expect("content");
    let mut digests = ContentDigests::new(&signed_data.digest_algorithms());
    digests.update(content);
    let digests = digests.finish();
    signed_data
        .signers()
        .iter()
        .map(|signer| {
            check_signer(
                signed_data,
                signer,
                extra,
                &digests,
                content_for_unsigned,
                &AlgorithmPolicy::default(),
            )
        })
        .collect()
}

fn check_sample(name: &str, detached_content: Option<&[u8]>) -> Vec<SignerCheck> {
    let signed_data = CmsSignedData::parse(&sample(name)).unwrap();
    check_with(&signed_data, detached_content, &[], None)
}

/// Replaces the one occurrence of `from` in `bytes` with `to` (same length).
fn rewrite(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let at: Vec<usize> = bytes
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "pattern must occur exactly once");
    bytes[at[0]..at[0] + to.len()].copy_from_slice(to);
}

#[test]
fn every_valid_openssl_sample_verifies_for_every_signer_with_its_certificate() {
    let contract = contract();
    let cases: &[(&str, bool, &[&str], &str, &str)] = &[
        // (file, detached, signer certificates, digest, signature algorithm)
        (
            "rsa-detached.der",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-attached.der",
            false,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-stream-attached.ber",
            false,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-noattr-attached.der",
            false,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-nosmimecap.der",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-keyid.der",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-cades.der",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        ("rsa-pss.der", true, &[HARBOUR], "SHA-256", "RSASSA-PSS"),
        (
            "ecdsa-p256.der",
            true,
            &[TAIPA],
            "SHA-256",
            "ecdsa-with-SHA256",
        ),
        (
            "ecdsa-p256-noattr.der",
            true,
            &[TAIPA],
            "SHA-256",
            "ecdsa-with-SHA256",
        ),
        (
            "ecdsa-p384.der",
            true,
            &[KOWLOON],
            "SHA-384",
            "ecdsa-with-SHA384",
        ),
        ("two-signers.der", true, &[HARBOUR, TAIPA], "SHA-256", ""),
        (
            "rsa-detached.cms.pem",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
        (
            "rsa-detached.pkcs7.pem",
            true,
            &[HARBOUR],
            "SHA-256",
            "sha256WithRSAEncryption",
        ),
    ];
    for (name, detached, signers, digest, signature_algorithm) in cases {
        let signed_data = CmsSignedData::parse(&sample(name)).unwrap();
        assert_eq!(
            signed_data.encapsulated_content().is_none(),
            *detached,
            "{name}: detached"
        );
        let content = detached.then_some(contract.as_slice());
        // Signers with signed attributes ignore the last argument; -noattr ones need it.
        let checks = check_with(&signed_data, content, &[], content);
        assert_eq!(checks.len(), signers.len(), "{name}: signer count");
        // SignerInfos is a SET OF: DER orders it by encoding, not by signing order.
        let mut expected: Vec<CertificateDer> = signers.iter().map(|c| certificate(c)).collect();
        for check in &checks {
            assert_eq!(check.outcome, Ok(()), "{name}");
            let found = check
                .signer_certificate
                .as_ref()
                .expect("signer certificate");
            let position = expected.iter().position(|c| c == found);
            assert!(position.is_some(), "{name}: unexpected signer certificate");
            expected.remove(position.unwrap_or_default());
            assert_eq!(check.digest_algorithm, *digest, "{name}");
            if !signature_algorithm.is_empty() {
                assert_eq!(check.signature_algorithm, *signature_algorithm, "{name}");
            }
        }
    }
}

#[test]
fn noattr_detached_signature_needs_the_content_bytes() {
    let signed_data = CmsSignedData::parse(&sample("rsa-noattr-detached.der")).unwrap();
    let contract = contract();
    let without = check_with(&signed_data, Some(&contract), &[], None);
    assert_eq!(
        without[0].outcome,
        Err(SignerFailure::SignedDataNotFound(
            Error::DetachedContentNotSupplied
        ))
    );
    let with = check_with(&signed_data, Some(&contract), &[], Some(&contract));
    assert_eq!(with[0].outcome, Ok(()));
    assert_eq!(with[0].claimed_signing_time, None);
    assert_eq!(with[0].signer_certificate, Some(certificate(HARBOUR)));

    // Without signed attributes a changed content can only show as a bad signature.
    let tampered = read("cms/contract-tampered.txt");
    let checks = check_with(&signed_data, Some(&tampered), &[], Some(&tampered));
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::SignatureInvalid(Error::SignatureInvalid))
    );
}

#[test]
fn stream_ber_content_arrives_joined_and_equal_to_the_der_reading() {
    let ber = CmsSignedData::parse(&sample("rsa-stream-attached.ber")).unwrap();
    let der = CmsSignedData::parse(&sample("rsa-attached.der")).unwrap();
    assert_eq!(ber.encapsulated_content(), Some(contract().as_slice()));
    assert_eq!(der.encapsulated_content(), Some(contract().as_slice()));
    assert_eq!(ber.encapsulated_content_type(), "1.2.840.113549.1.7.1");
    assert_eq!(ber.certificates(), &[certificate(HARBOUR)]);
}

#[test]
fn pem_armour_with_cms_or_pkcs7_label_reads_as_the_der() {
    let der = CmsSignedData::parse(&sample("rsa-detached.der")).unwrap();
    let pkcs7 = CmsSignedData::parse(&sample("rsa-detached.pkcs7.pem")).unwrap();
    assert_eq!(
        pkcs7, der,
        "openssl pkcs7 -outform PEM re-armours the same DER"
    );
    let cms = CmsSignedData::parse(&sample("rsa-detached.cms.pem")).unwrap();
    assert_eq!(cms.signers().len(), 1);
    let mut with_text = b"Signature of the contract:\n".to_vec();
    with_text.extend(sample("rsa-detached.pkcs7.pem"));
    assert_eq!(CmsSignedData::parse(&with_text).unwrap(), der);
}

#[test]
fn changed_content_is_a_hash_mismatch() {
    let tampered = read("cms/contract-tampered.txt");
    for name in ["rsa-detached.der", "ecdsa-p256.der", "two-signers.der"] {
        for check in check_sample(name, Some(&tampered)) {
            assert_eq!(check.outcome, Err(SignerFailure::HashMismatch), "{name}");
            assert!(check.signer_certificate.is_some());
        }
    }
}

#[test]
fn flipped_signature_byte_is_an_invalid_signature() {
    let checks = check_sample("rsa-detached-badsig.der", Some(&contract()));
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::SignatureInvalid(Error::SignatureInvalid))
    );
}

#[test]
fn sha1_digest_is_a_crypto_constraints_failure() {
    let signed_data = CmsSignedData::parse(&sample("rsa-sha1.der")).unwrap();
    assert!(signed_data.digest_algorithms().is_empty());
    let checks = check_with(&signed_data, Some(&contract()), &[], None);
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::CryptoConstraints(Error::Sha1Refused {
            oid: "1.3.14.3.2.26".into()
        }))
    );
    assert_eq!(checks[0].digest_algorithm, "1.3.14.3.2.26");
}

#[test]
fn openssl_default_pss_maximum_salt_verifies() {
    // OpenSSL signs PSS with the maximum salt by default (222 bytes for RSA-2048 with
    // SHA-256): ring cannot verify it, RustCrypto `rsa` does.
    let checks = check_sample("rsa-pss-maxsalt.der", Some(&contract()));
    assert_eq!(checks[0].outcome, Ok(()));
}

#[test]
fn signer_certificate_left_out_is_not_found_unless_supplied() {
    let signed_data = CmsSignedData::parse(&sample("rsa-nocerts.der")).unwrap();
    assert!(signed_data.certificates().is_empty());
    let contract = contract();
    let checks = check_with(&signed_data, Some(&contract), &[], None);
    assert_eq!(checks[0].outcome, Err(SignerFailure::NoSigningCertificate));
    assert_eq!(checks[0].signer_certificate, None);

    // Other certificates do not match it.
    let others = [certificate(TAIPA), certificate("hk/issuing-ca.pem")];
    let checks = check_with(&signed_data, Some(&contract), &others, None);
    assert_eq!(checks[0].outcome, Err(SignerFailure::NoSigningCertificate));

    let extra = [certificate(TAIPA), certificate(HARBOUR)];
    let checks = check_with(&signed_data, Some(&contract), &extra, None);
    assert_eq!(checks[0].outcome, Ok(()));
    assert_eq!(checks[0].signer_certificate, Some(certificate(HARBOUR)));
}

#[test]
fn signer_identifiers_are_issuer_and_serial_or_subject_key_identifier() {
    let harbour = certificate(HARBOUR);
    let harbour = harbour.parse().unwrap();
    let by_serial = CmsSignedData::parse(&sample("rsa-detached.der")).unwrap();
    match by_serial.signers()[0].signer_id() {
        SignerIdentifier::IssuerAndSerial { issuer_der, serial } => {
            assert_eq!(serial.as_slice(), harbour.serial());
            assert_eq!(issuer_der.as_slice(), harbour.x509().issuer().as_raw());
        }
        other => panic!("expected issuerAndSerialNumber, got {other:?}"),
    }
    let by_key = CmsSignedData::parse(&sample("rsa-keyid.der")).unwrap();
    assert_eq!(
        by_key.signers()[0].signer_id(),
        &SignerIdentifier::SubjectKeyIdentifier(harbour.subject_key_id().unwrap().to_vec())
    );
}

#[test]
fn signed_attributes_are_read_and_signing_time_is_a_claim() {
    let signed_data = CmsSignedData::parse(&sample("rsa-cades.der")).unwrap();
    let signer = &signed_data.signers()[0];
    let attributes = signer.signed_attributes().unwrap();
    assert_eq!(attributes.content_type(), Some("1.2.840.113549.1.7.1"));
    assert_eq!(
        attributes.message_digest(),
        Some(
            baytrust::DigestAlgorithm::Sha256
                .digest(&contract())
                .as_slice()
        )
    );
    assert_eq!(attributes.signed_bytes()[0], 0x31);
    assert!(attributes.rule_violations().is_empty());
    let harbour = certificate(HARBOUR);
    let harbour = harbour.parse().unwrap();
    let ess = attributes.signing_certificate_v2().unwrap();
    assert_eq!(ess.hash_algorithm, "2.16.840.1.101.3.4.2.1");
    assert_eq!(ess.cert_hash, harbour.sha256());
    let issuer_serial = ess.issuer_serial.as_ref().unwrap();
    assert_eq!(issuer_serial.serial.as_slice(), harbour.serial());
    assert!(attributes.signing_certificate_v1().is_none());

    let checks = check_with(&signed_data, Some(&contract()), &[], None);
    let claimed = checks[0].claimed_signing_time.unwrap();
    // Made by make.sh on or after the day this test was written.
    assert!(claimed >= Time::parse_rfc3339("2025-01-01T00:00:00Z").unwrap());
    assert_eq!(Some(claimed), attributes.signing_time());
}

#[test]
fn ess_certificate_hash_that_names_another_certificate_is_a_mismatch() {
    let harbour = certificate(HARBOUR);
    let hash = harbour.parse().unwrap().sha256();
    let mut bytes = sample("rsa-cades.der");
    let mut changed = hash;
    changed[0] ^= 0x01;
    rewrite(&mut bytes, &hash, &changed);
    let signed_data = CmsSignedData::parse(&bytes).unwrap();
    let checks = check_with(&signed_data, Some(&contract()), &[], None);
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::SigningCertificateMismatch)
    );
    assert_eq!(checks[0].signer_certificate, Some(harbour));
}

/// `id-messageDigest` 1.2.840.113549.1.9.4, DER.
const MESSAGE_DIGEST_OID: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04,
];
/// The contentType attribute with value id-data, DER.
const CONTENT_TYPE_DATA_ATTRIBUTE: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03, 0x31, 0x0b, 0x06, 0x09, 0x2a,
    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
];

#[test]
fn signed_attributes_without_message_digest_are_a_format_failure() {
    let mut bytes = sample("rsa-detached.der");
    let mut other = MESSAGE_DIGEST_OID.to_vec();
    other[10] = 0x63; // 1.2.840.113549.1.9.99: some other attribute
    rewrite(&mut bytes, MESSAGE_DIGEST_OID, &other);
    let checks = check_sample_bytes(&bytes);
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::Format(
            "signedAttrs lack messageDigest (RFC 5652 §5.3)".into()
        ))
    );
}

#[test]
fn content_type_attribute_other_than_econtent_type_is_a_format_failure() {
    let mut bytes = sample("rsa-detached.der");
    let mut enveloped = CONTENT_TYPE_DATA_ATTRIBUTE.to_vec();
    enveloped[23] = 0x03; // id-envelopedData
    rewrite(&mut bytes, CONTENT_TYPE_DATA_ATTRIBUTE, &enveloped);
    let checks = check_sample_bytes(&bytes);
    assert_eq!(
        checks[0].outcome,
        Err(SignerFailure::Rule(Error::ContentTypeMismatch {
            attribute: "1.2.840.113549.1.7.3".into(),
            e_content_type: "1.2.840.113549.1.7.1".into()
        }))
    );
}

fn check_sample_bytes(bytes: &[u8]) -> Vec<SignerCheck> {
    let signed_data = CmsSignedData::parse(bytes).unwrap();
    check_with(&signed_data, Some(&contract()), &[], None)
}

/// `id-signedData` and `id-data` in DER, and their GM/T 0010 synonyms
/// 1.2.156.10197.6.1.4.2.2 and 1.2.156.10197.6.1.4.2.1.
const PKCS7_SIGNED_DATA: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
];
const GMT_SIGNED_DATA: &[u8] = &[
    0x06, 0x0a, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x02,
];
const PKCS7_DATA_ECONTENT_TYPE: &[u8] = &[
    0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
];
const GMT_DATA_ECONTENT_TYPE: &[u8] = &[
    0x30, 0x80, 0x06, 0x0a, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x01,
];

fn replace_first(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("pattern");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

#[test]
fn gmt_0010_content_type_oids_read_as_pkcs7_synonyms() {
    // In the BER sample, ContentInfo and EncapsulatedContentInfo have indefinite
    // lengths, so their OIDs can be swapped for the longer GM/T ones in place.
    let ber = sample("rsa-stream-attached.ber");
    let gmt = replace_first(&ber, PKCS7_SIGNED_DATA, GMT_SIGNED_DATA);
    let gmt = replace_first(&gmt, PKCS7_DATA_ECONTENT_TYPE, GMT_DATA_ECONTENT_TYPE);
    assert_ne!(gmt, ber);
    let signed_data = CmsSignedData::parse(&gmt).unwrap();
    assert_eq!(
        signed_data.encapsulated_content_type(),
        "1.2.840.113549.1.7.1"
    );
    assert_eq!(
        signed_data.encapsulated_content(),
        Some(contract().as_slice())
    );
    let checks = check_with(&signed_data, None, &[], None);
    assert_eq!(checks[0].outcome, Ok(()));
}

#[test]
fn parse_errors_have_their_own_variants() {
    assert_eq!(CmsSignedData::parse(b""), Err(Error::EmptyInput));
    assert_eq!(CmsSignedData::parse(b" \n"), Err(Error::EmptyInput));

    let der = sample("rsa-detached.der");
    for cut in [1, 2, 20, der.len() / 2, der.len() - 1] {
        assert!(
            matches!(
                CmsSignedData::parse(&der[..cut]),
                Err(Error::CmsMalformed { .. })
            ),
            "truncated at {cut}"
        );
    }
    let mut trailing = der.clone();
    trailing.push(0);
    assert!(matches!(
        CmsSignedData::parse(&trailing),
        Err(Error::CmsMalformed { .. })
    ));

    // Pseudo-random bytes (xorshift): not BER, not PEM; and forced to start like BER.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut random: Vec<u8> = (0..512)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    random[0] = 0x5a;
    assert_eq!(
        CmsSignedData::parse(&random),
        Err(Error::UnrecognisedEncoding)
    );
    random[0] = 0x30;
    assert!(matches!(
        CmsSignedData::parse(&random),
        Err(Error::CmsMalformed { .. })
    ));

    let certificate_pem = read(&format!("pki/{HARBOUR}"));
    assert_eq!(
        CmsSignedData::parse(&certificate_pem),
        Err(Error::PemWrongLabel {
            found: "CERTIFICATE".into(),
            expected: "CMS"
        })
    );
    assert!(matches!(
        CmsSignedData::parse(certificate(HARBOUR).as_ref()),
        Err(Error::CmsMalformed { .. })
    ));

    // ContentInfo { id-data, [0] OCTET STRING "" }.
    let data_content_info = [
        0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x02,
        0x04, 0x00,
    ];
    assert_eq!(
        CmsSignedData::parse(&data_content_info),
        Err(Error::CmsNotSignedData {
            content_type: "1.2.840.113549.1.7.1".into()
        })
    );

    let pem_cut = b"-----BEGIN CMS-----\nMIAG\n";
    assert!(matches!(
        CmsSignedData::parse(pem_cut),
        Err(Error::PemMalformed { .. })
    ));
}

#[test]
fn every_truncation_and_byte_flip_is_an_error_or_a_check_never_a_panic() {
    let contract = contract();
    let digests = {
        let mut digests = ContentDigests::new(&[baytrust::DigestAlgorithm::Sha256]);
        digests.update(&contract);
        digests.finish()
    };
    let run = |bytes: &[u8]| {
        if let Ok(signed_data) = CmsSignedData::parse(bytes) {
            for signer in signed_data.signers() {
                let _ = check_signer(
                    &signed_data,
                    signer,
                    &[],
                    &digests,
                    Some(&contract),
                    &AlgorithmPolicy::default(),
                );
            }
        }
    };
    for name in ["rsa-stream-attached.ber", "ecdsa-p256.der"] {
        let bytes = sample(name);
        for cut in 0..bytes.len() {
            run(&bytes[..cut]);
        }
        for at in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0xff;
            run(&flipped);
        }
    }
}
