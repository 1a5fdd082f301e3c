//! The algorithm dispatch end to end, over material OpenSSL 3.0 made: RSASSA-PSS CMS
//! signatures with each salt-length setting of `openssl cms -sign` (made here, at test
//! time, with the test PKI's Harbour Logistics key), `id-RSASSA-PSS` keys as signer and
//! as issuer, and SM2 keys with explicit sm2p256v1 parameters (`testdata/algorithm`,
//! commands in its `make.sh`).

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::hk_verifier;

use std::io::Cursor;
use std::path::PathBuf;
use std::process::Command;

use baytrust::algorithm::{check_public_key, verify_signature, AlgorithmPolicy, KeyAlgorithm};
use baytrust::cert::{decode_certificates, Certificate, CertificateDer};
use baytrust::ChainOptions;
use baytrust::Jurisdiction;
use baytrust::TrustStore;
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
/// Within every certificate's validity (the `testdata/algorithm` ones run ten years from
/// when make.sh ran, 2026-12-01).
const AT: &str = "2027-06-01T00:00:00Z";

fn testdata(path: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn certificates(path: &str) -> Vec<CertificateDer> {
    decode_certificates(&testdata(path)).unwrap()
}

fn options() -> SignatureOptions {
    let mut options = SignatureOptions::new(Time::parse_rfc3339(AT).unwrap());
    options.extra_certificates = certificates("pki/hk/issuing-ca.pem");
    options
}

fn verify_contract(signature: &[u8]) -> Report {
    hk_verifier()
        .verify_cms(
            signature,
            Content::Detached(&mut Cursor::new(testdata("cms/contract.txt"))),
            &options(),
        )
        .unwrap()
}

fn assert_passed(report: &Report, chain_len: usize, what: &str) {
    assert_passed_as(report, chain_len, "RSASSA-PSS", what);
}

fn assert_passed_as(report: &Report, chain_len: usize, signature_algorithm: &str, what: &str) {
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{what}: {report:#?}"
    );
    assert_eq!(report.signers.len(), 1, "{what}");
    let signer = &report.signers[0];
    assert_eq!(signer.indication, Indication::TotalPassed, "{what}");
    assert_eq!(signer.signature_algorithm, signature_algorithm, "{what}");
    assert_eq!(signer.chain.len(), chain_len, "{what}");
    assert_eq!(
        signer.entity.as_ref().map(|e| e.jurisdiction),
        Some(Jurisdiction::Hk),
        "{what}"
    );
}

/// A scratch directory for one test's openssl output.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "baytrust-algorithm-openssl-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `openssl cms -sign` of the contract by Harbour Logistics (RSA-2048, SHA-256) with PSS
/// padding and the given `rsa_pss_saltlen` setting; the DER SignedData.
fn openssl_pss_signature(saltlen: &str) -> Vec<u8> {
    let out = scratch(saltlen).join("signature.der");
    let output = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER"])
        .arg("-in")
        .arg(format!("{TESTDATA}/cms/contract.txt"))
        .arg("-signer")
        .arg(format!("{TESTDATA}/pki/hk/org-harbour-logistics.pem"))
        .arg("-inkey")
        .arg(format!(
            "{TESTDATA}/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem"
        ))
        .args(["-keyopt", "rsa_padding_mode:pss"])
        .args(["-keyopt", &format!("rsa_pss_saltlen:{saltlen}")])
        .arg("-out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let der = std::fs::read(&out).unwrap();
    std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    der
}

/// Whether `haystack` holds `needle`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The saltLength field `[2] INTEGER salt` as DER.
fn salt_field(salt: u16) -> Vec<u8> {
    if salt < 0x80 {
        vec![0xa2, 0x03, 0x02, 0x01, salt as u8]
    } else {
        vec![0xa2, 0x04, 0x02, 0x02, (salt >> 8) as u8, salt as u8]
    }
}

/// Flips one bit inside the signature value: the last 256-byte OCTET STRING.
fn tamper_signature_value(signature: &mut [u8]) {
    let header = [0x04, 0x82, 0x01, 0x00];
    let at = signature
        .windows(header.len())
        .rposition(|w| w == header)
        .expect("a 256-byte OCTET STRING");
    signature[at + header.len() + 10] ^= 0x01;
}

// ---- RSASSA-PSS CMS signatures by `openssl cms -sign` ----------------------------------

#[test]
fn cms_pss_with_salt_of_the_digest_length_passes() {
    let signature = openssl_pss_signature("digest");
    assert!(contains(&signature, &salt_field(32)), "salt 32 declared");
    assert_passed(&verify_contract(&signature), 3, "saltlen:digest");
}

#[test]
fn cms_pss_with_the_maximum_salt_passes() {
    let signature = openssl_pss_signature("max");
    assert!(contains(&signature, &salt_field(222)), "salt 222 declared");
    assert_passed(&verify_contract(&signature), 3, "saltlen:max");
}

#[test]
fn cms_pss_with_auto_salt_passes() {
    // For signing, OpenSSL's `auto` is the maximum.
    let signature = openssl_pss_signature("auto");
    assert!(contains(&signature, &salt_field(222)), "salt 222 declared");
    assert_passed(&verify_contract(&signature), 3, "saltlen:auto");
}

#[test]
fn cms_pss_with_a_chosen_salt_of_64_passes() {
    let signature = openssl_pss_signature("64");
    assert!(contains(&signature, &salt_field(64)), "salt 64 declared");
    assert_passed(&verify_contract(&signature), 3, "saltlen:64");
}

#[test]
fn cms_pss_committed_openssl_default_maximum_salt_passes() {
    // testdata/cms/make.sh: `-keyopt rsa_padding_mode:pss`, no salt setting.
    let signature = testdata("cms/openssl/rsa-pss-maxsalt.der");
    assert!(contains(&signature, &salt_field(222)));
    assert_passed(&verify_contract(&signature), 3, "rsa-pss-maxsalt.der");
}

#[test]
fn cms_pss_tampered_signature_is_sig_crypto_failure() {
    for saltlen in ["digest", "max"] {
        let mut signature = openssl_pss_signature(saltlen);
        tamper_signature_value(&mut signature);
        let report = verify_contract(&signature);
        assert_eq!(report.indication, Indication::TotalFailed, "{saltlen}");
        assert_eq!(
            report.sub_indication,
            Some(SubIndication::SigCryptoFailure),
            "{saltlen}: {report:#?}"
        );
    }
}

#[test]
fn cms_pss_over_tampered_content_is_a_hash_failure() {
    let signature = openssl_pss_signature("max");
    let report = hk_verifier()
        .verify_cms(
            &signature,
            Content::Detached(&mut Cursor::new(testdata("cms/contract-tampered.txt"))),
            &options(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
}

// ---- id-RSASSA-PSS keys as signer and as issuer ----------------------------------------

#[test]
fn pss_key_certificate_as_signer_passes() {
    let report = verify_contract(&testdata("algorithm/pss/signed-by-pss-key.der"));
    assert_passed(&report, 3, "signed-by-pss-key.der");
    let leaf = &certificates("algorithm/pss/org-pss-key.pem")[0];
    let leaf = leaf.parse().unwrap();
    assert_eq!(
        KeyAlgorithm::of(leaf.spki()),
        KeyAlgorithm::RsaPss { bits: 2048 }
    );
}

#[test]
fn pss_key_certificate_as_issuer_passes() {
    // The CMS carries the PSS issuing CA; the leaf's certificate is signed RSASSA-PSS
    // with a 222-byte salt under the CA key's SHA-256 / salt ≥ 32 constraint.
    let report = verify_contract(&testdata("algorithm/pss/signed-under-pss-ca.der"));
    assert_passed_as(
        &report,
        3,
        "sha256WithRSAEncryption",
        "signed-under-pss-ca.der",
    );
    assert!(report.signers[0].chain[1]
        .subject
        .contains("RSA-PSS Issuing CA"));
}

#[test]
fn pss_key_signing_pkcs1_v1_5_is_refused() {
    // openssl cms, not told to use PSS, writes rsaEncryption with an id-RSASSA-PSS key.
    let report = verify_contract(&testdata("algorithm/pss/signed-by-pss-key-as-pkcs1.der"));
    assert_eq!(report.indication, Indication::TotalFailed, "{report:#?}");
    assert_eq!(report.sub_indication, Some(SubIndication::SigCryptoFailure));
    assert!(
        report.signers[0].reason.contains(
            "signature algorithm sha256WithRSAEncryption does not match key algorithm RSA-PSS-2048"
        ),
        "{}",
        report.signers[0].reason
    );
}

#[test]
fn pss_key_certificate_is_held_to_the_relying_party_rsa_floor() {
    let store = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &testdata("pki/hk/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    let policy = RelyingPartyPolicy {
        min_rsa_bits: 3072,
        ..RelyingPartyPolicy::default()
    };
    let verifier = Verifier::new(store, policy);
    let leaf_der = &certificates("algorithm/pss/org-pss-key.pem")[0];
    let leaf = leaf_der.parse().unwrap();
    let pool_der = certificates("pki/hk/issuing-ca.pem");
    let pool: Vec<Certificate<'_>> = pool_der.iter().map(|c| c.parse().unwrap()).collect();
    let result = verifier
        .verify_chain(
            &leaf,
            &pool,
            &ChainOptions::new(Time::parse_rfc3339(AT).unwrap()),
        )
        .map(|_| ());
    // The HK CAs are RSA-2048 too: the first refusal is on the path, by the floor.
    assert!(
        matches!(
            &result,
            Err(Error::PublicKeyRefused { cause, .. } | Error::ChainSignature { cause, .. })
                if **cause == Error::RsaKeyTooSmall { bits: 2048, minimum: 3072 }
        ),
        "{result:?}"
    );
}

// ---- SM2 with explicit sm2p256v1 parameters -------------------------------------------

const SM2_WITH_SM3: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75,
];

fn spki(der: &[u8]) -> SubjectPublicKeyInfo<'_> {
    let (rest, spki) = SubjectPublicKeyInfo::from_der(der).unwrap();
    assert!(rest.is_empty());
    spki
}

fn sm2_verify(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error> {
    let (_, algorithm) = AlgorithmIdentifier::from_der(SM2_WITH_SM3).unwrap();
    verify_signature(
        &spki(key),
        &algorithm,
        message,
        signature,
        &AlgorithmPolicy::default(),
    )
}

fn explicit_sm2_key() -> Vec<u8> {
    testdata("algorithm/sm2-explicit/org.spki.der")
}

#[test]
fn sm2_key_with_explicit_sm2p256v1_parameters_is_an_sm2_key() {
    let key = explicit_sm2_key();
    assert_eq!(KeyAlgorithm::of(&spki(&key)), KeyAlgorithm::Sm2);
    assert_eq!(
        check_public_key(&spki(&key), &AlgorithmPolicy::default()),
        Ok(KeyAlgorithm::Sm2)
    );
}

#[test]
fn sm2_signature_by_an_explicit_parameters_key_verifies() {
    let key = explicit_sm2_key();
    let message = testdata("kat/message.txt");
    let signature = testdata("algorithm/sm2-explicit/org-sm2-sm3.sig");
    assert_eq!(sm2_verify(&key, &message, &signature), Ok(()));
    let mut flipped = message.clone();
    flipped[0] ^= 0x01;
    assert_eq!(
        sm2_verify(&key, &flipped, &signature),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn sm2_chain_with_explicit_parameters_keys_validates() {
    // The root's key (the issuer of the leaf's signature) and the leaf's key are both
    // written with explicit sm2p256v1 parameters.
    let store = TrustStore::builder()
        .anchors_from(
            Jurisdiction::Cn,
            &testdata("algorithm/sm2-explicit/root-ca.pem"),
        )
        .unwrap()
        .build()
        .unwrap();
    let verifier = Verifier::new(store, RelyingPartyPolicy::default());
    let leaf_der = &certificates("algorithm/sm2-explicit/org.pem")[0];
    let leaf = leaf_der.parse().unwrap();
    let chain = verifier
        .verify_chain(
            &leaf,
            &[],
            &ChainOptions::new(Time::parse_rfc3339(AT).unwrap()),
        )
        .unwrap();
    assert_eq!(chain.anchor_jurisdiction(), Jurisdiction::Cn);
    assert_eq!(KeyAlgorithm::of(leaf.spki()), KeyAlgorithm::Sm2);
}

/// The explicit SM2 key with the one occurrence of `from` replaced by `to`.
fn patched_sm2_key(from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut key = explicit_sm2_key();
    let at: Vec<usize> = key
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "pattern must occur once");
    key[at[0]..at[0] + to.len()].copy_from_slice(to);
    key
}

fn explicit_curve_error(key: &[u8]) -> Result<KeyAlgorithm, Error> {
    check_public_key(&spki(key), &AlgorithmPolicy::default())
}

/// The last 8 bytes of sm2p256v1's p, a, b, Gy and n, as they sit in the encoding.
const P_TAIL: &[u8] = &[
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x30,
];
const B_TAIL: &[u8] = &[0xdd, 0xbc, 0xbd, 0x41, 0x4d, 0x94, 0x0e, 0x93];
const GY_TAIL: &[u8] = &[0x02, 0xdf, 0x32, 0xe5, 0x21, 0x39, 0xf0, 0xa0];
const N_TAIL: &[u8] = &[0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23];

#[test]
fn explicit_curve_with_one_field_changed_is_refused_naming_the_field() {
    let cases: [(&str, Vec<u8>); 6] = [
        // p's last byte (followed by the Curve SEQUENCE tag).
        (
            "p",
            patched_sm2_key(
                P_TAIL,
                &[
                    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd,
                ],
            ),
        ),
        (
            "b",
            patched_sm2_key(B_TAIL, &[0xdd, 0xbc, 0xbd, 0x41, 0x4d, 0x94, 0x0e, 0x92]),
        ),
        (
            "G",
            patched_sm2_key(GY_TAIL, &[0x02, 0xdf, 0x32, 0xe5, 0x21, 0x39, 0xf0, 0xa1]),
        ),
        (
            "n",
            patched_sm2_key(N_TAIL, &[0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x25]),
        ),
        // The cofactor INTEGER 1, just before the subjectPublicKey BIT STRING.
        (
            "h",
            patched_sm2_key(&[0x02, 0x01, 0x01, 0x03, 0x42], &[0x02, 0x01, 0x02]),
        ),
        // The version INTEGER 1 opening the ECParameters.
        (
            "version",
            patched_sm2_key(
                &[0x30, 0x81, 0xe0, 0x02, 0x01, 0x01],
                &[0x30, 0x81, 0xe0, 0x02, 0x01, 0x03],
            ),
        ),
    ];
    for (field, key) in cases {
        assert_eq!(
            explicit_curve_error(&key),
            Err(Error::ExplicitCurveUnsupported {
                field: field.to_owned()
            }),
            "{field}"
        );
        // And the same through signature verification, before any cryptography.
        assert_eq!(
            sm2_verify(
                &key,
                &testdata("kat/message.txt"),
                &testdata("algorithm/sm2-explicit/org-sm2-sm3.sig")
            ),
            Err(Error::ExplicitCurveUnsupported {
                field: field.to_owned()
            }),
            "{field}"
        );
    }
}

#[test]
fn explicit_curve_with_a_field_type_other_than_prime_field_is_refused() {
    // prime-field 1.2.840.10045.1.1 → characteristic-two-field 1.2.840.10045.1.2.
    let key = patched_sm2_key(
        &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x01, 0x01],
        &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x01, 0x02],
    );
    assert_eq!(
        explicit_curve_error(&key),
        Err(Error::ExplicitCurveUnsupported {
            field: "fieldType".into()
        })
    );
}

#[test]
fn explicit_p256_parameters_are_refused_as_unsupported() {
    // RFC 5480 §2.1.1: specifiedCurve MUST NOT be used; only SM2 is read that way.
    let key = testdata("algorithm/sm2-explicit/p256-explicit.spki.der");
    assert_eq!(
        explicit_curve_error(&key),
        Err(Error::ExplicitCurveUnsupported { field: "p".into() })
    );
    assert_eq!(KeyAlgorithm::of(&spki(&key)), KeyAlgorithm::Unknown);
}

#[test]
fn explicit_parameters_that_do_not_decode_are_an_invalid_key() {
    // The version INTEGER turned into an OCTET STRING.
    let key = patched_sm2_key(
        &[0x30, 0x81, 0xe0, 0x02, 0x01, 0x01],
        &[0x30, 0x81, 0xe0, 0x04, 0x01, 0x01],
    );
    let result = explicit_curve_error(&key);
    assert!(
        matches!(&result, Err(Error::PublicKeyInvalid { reason }) if reason.starts_with("explicit EC parameters: not ECParameters")),
        "{result:?}"
    );
}

#[test]
fn explicit_curve_refusal_is_a_crypto_constraints_failure_on_a_path() {
    assert_eq!(
        SubIndication::of_chain_error(&Error::PublicKeyRefused {
            depth: 0,
            cause: Box::new(Error::ExplicitCurveUnsupported { field: "b".into() })
        }),
        SubIndication::CryptoConstraintsFailure
    );
    assert_eq!(
        SubIndication::of_chain_error(&Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::PssSaltLengthInvalid {
                salt_length: 223,
                maximum: 222
            })
        }),
        SubIndication::CryptoConstraintsFailure
    );
}

#[test]
fn explicit_sm2_key_refuses_ecdsa_signatures() {
    let ecdsa_with_sha256: &[u8] = &[
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
    ];
    let (_, algorithm) = AlgorithmIdentifier::from_der(ecdsa_with_sha256).unwrap();
    let key = explicit_sm2_key();
    assert_eq!(
        verify_signature(
            &spki(&key),
            &algorithm,
            &testdata("kat/message.txt"),
            &testdata("algorithm/sm2-explicit/org-sm2-sm3.sig"),
            &AlgorithmPolicy::default(),
        ),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "ecdsa-with-SHA256".into(),
            key_algorithm: "SM2".into()
        })
    );
}

#[test]
fn anchor_with_an_altered_explicit_curve_cannot_verify_its_leaf() {
    // An anchor's own signature is not checked, so its b can be altered and it still
    // loads; the leaf's signature must then be refused by the curve, not verified.
    let root_pem = testdata("algorithm/sm2-explicit/root-ca.pem");
    let mut root = decode_certificates(&root_pem).unwrap()[0].as_ref().to_vec();
    let at = root
        .windows(B_TAIL.len())
        .position(|w| w == B_TAIL)
        .unwrap();
    root[at + B_TAIL.len() - 1] ^= 0x01;
    let store = TrustStore::builder().anchors_from(Jurisdiction::Cn, &root);
    let outcome = store.and_then(|builder| builder.build()).and_then(|store| {
        let verifier = Verifier::new(store, RelyingPartyPolicy::default());
        let leaf_der = &certificates("algorithm/sm2-explicit/org.pem")[0];
        let leaf = leaf_der.parse().unwrap();
        verifier
            .verify_chain(
                &leaf,
                &[],
                &ChainOptions::new(Time::parse_rfc3339(AT).unwrap()),
            )
            .map(|_| ())
    });
    assert_eq!(
        outcome,
        Err(Error::ChainSignature {
            depth: 0,
            cause: Box::new(Error::ExplicitCurveUnsupported { field: "b".into() })
        })
    );
}

#[test]
fn algorithm_parameter_refusals_on_a_path_are_crypto_constraints_failures() {
    assert_eq!(
        SubIndication::of_chain_error(&Error::ChainSignature {
            depth: 1,
            cause: Box::new(Error::AlgorithmParametersInvalid {
                reason: "RSASSA-PSS parameters are absent".into()
            })
        }),
        SubIndication::CryptoConstraintsFailure
    );
    for cause in [
        Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "SHA-1".into(),
        },
        Error::PssTrailerFieldInvalid { trailer_field: 2 },
        Error::PssKeyConstraintViolated {
            field: "saltLength".into(),
            key: "at least 32".into(),
            signature: "20".into(),
        },
    ] {
        assert_eq!(
            SubIndication::of_chain_error(&Error::ChainSignature {
                depth: 0,
                cause: Box::new(cause.clone())
            }),
            SubIndication::CryptoConstraintsFailure,
            "{cause:?}"
        );
    }
}

#[test]
fn cms_signed_by_an_explicit_parameters_sm2_key_passes() {
    // OpenSSL 3.0 cannot write an SM2 CMS, so baytrust's builder signs with the leaf's
    // test key; the certificate's SubjectPublicKeyInfo carries explicit parameters.
    use baytrust::{SignedDataBuilder, SigningKey};
    let leaf = certificates("algorithm/sm2-explicit/org.pem").remove(0);
    let key = SigningKey::from_pkcs8_pem(&testdata(
        "algorithm/sm2-explicit/test-keys-NOT-SECRET-DO-NOT-USE/org.key.pem",
    ))
    .unwrap();
    let contract = testdata("cms/contract.txt");
    let signature = SignedDataBuilder::new()
        .signer(leaf, key)
        .unwrap()
        .signing_time(Time::parse_rfc3339("2027-05-01T00:00:00Z").unwrap())
        .build(&mut Cursor::new(contract.clone()))
        .unwrap();
    let store = TrustStore::builder()
        .anchors_from(
            Jurisdiction::Cn,
            &testdata("algorithm/sm2-explicit/root-ca.pem"),
        )
        .unwrap()
        .build()
        .unwrap();
    let report = Verifier::new(store, RelyingPartyPolicy::default())
        .verify_cms(
            &signature,
            Content::Detached(&mut Cursor::new(contract)),
            &SignatureOptions::new(Time::parse_rfc3339(AT).unwrap()),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    let signer = &report.signers[0];
    assert_eq!(signer.signature_algorithm, "SM2-with-SM3");
    assert_eq!(signer.chain.len(), 2);
    assert_eq!(
        signer.entity.as_ref().map(|e| e.jurisdiction),
        Some(Jurisdiction::Cn)
    );
}

#[test]
fn explicit_sm2_parameters_without_the_optional_cofactor_are_sm2() {
    // Remove `02 01 01` (cofactor 1) and shorten the three enclosing lengths.
    let key = explicit_sm2_key();
    assert_eq!(&key[..4], &[0x30, 0x82, 0x01, 0x33]);
    assert_eq!(&key[4..7], &[0x30, 0x81, 0xec]);
    assert_eq!(&key[16..19], &[0x30, 0x81, 0xe0]);
    let cofactor = key
        .windows(5)
        .position(|w| w == [0x02, 0x01, 0x01, 0x03, 0x42])
        .unwrap();
    let mut short = key.clone();
    short.drain(cofactor..cofactor + 3);
    short[3] -= 3;
    short[6] -= 3;
    short[18] -= 3;
    assert_eq!(
        check_public_key(&spki(&short), &AlgorithmPolicy::default()),
        Ok(KeyAlgorithm::Sm2)
    );
    assert_eq!(
        sm2_verify(
            &short,
            &testdata("kat/message.txt"),
            &testdata("algorithm/sm2-explicit/org-sm2-sm3.sig")
        ),
        Ok(())
    );
}

#[test]
fn explicit_sm2_parameters_with_a_stray_field_are_an_invalid_key() {
    // The cofactor INTEGER turned into an OCTET STRING: not ECParameters any more.
    let key = patched_sm2_key(&[0x02, 0x01, 0x01, 0x03, 0x42], &[0x04, 0x01, 0x01]);
    let result = explicit_curve_error(&key);
    assert!(
        matches!(&result, Err(Error::PublicKeyInvalid { reason }) if reason.starts_with("explicit EC parameters: not ECParameters")),
        "{result:?}"
    );
}

#[test]
fn every_single_byte_change_in_the_explicit_parameters_is_refused() {
    // The ECParameters SEQUENCE is key[16..243] (30 81 e0 …). Every one-byte change
    // (three masks per byte) must be refused by name, never read as SM2, never panic.
    let key = explicit_sm2_key();
    let message = testdata("kat/message.txt");
    let signature = testdata("algorithm/sm2-explicit/org-sm2-sm3.sig");
    let (start, end) = (16, 16 + 3 + 0xe0);
    assert_eq!(&key[start..start + 3], &[0x30, 0x81, 0xe0]);
    let mut checked = 0;
    for at in start..end {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut changed = key.clone();
            changed[at] ^= mask;
            let Ok((_, spki)) = SubjectPublicKeyInfo::from_der(&changed) else {
                continue; // no longer a SubjectPublicKeyInfo at all
            };
            checked += 1;
            let result = check_public_key(&spki, &AlgorithmPolicy::default());
            assert!(
                matches!(
                    &result,
                    Err(Error::ExplicitCurveUnsupported { .. }
                        | Error::PublicKeyInvalid { .. }
                        | Error::UnsupportedPublicKeyAlgorithm { .. }
                        | Error::AlgorithmParametersInvalid { .. })
                ),
                "byte {at} ^ {mask:#04x}: {result:?}"
            );
            let (_, algorithm) = AlgorithmIdentifier::from_der(SM2_WITH_SM3).unwrap();
            let verified = verify_signature(
                &spki,
                &algorithm,
                &message,
                &signature,
                &AlgorithmPolicy::default(),
            );
            assert!(verified.is_err(), "byte {at} ^ {mask:#04x} verified");
        }
    }
    assert!(checked > 500, "only {checked} changes still parsed");
}

#[test]
fn every_single_byte_change_in_the_explicit_key_point_fails_to_verify() {
    // The subjectPublicKey BIT STRING (03 42 00 04 x y) follows the parameters.
    let key = explicit_sm2_key();
    let message = testdata("kat/message.txt");
    let signature = testdata("algorithm/sm2-explicit/org-sm2-sm3.sig");
    let (_, algorithm) = AlgorithmIdentifier::from_der(SM2_WITH_SM3).unwrap();
    let point = key.len() - 65;
    assert_eq!(&key[point - 3..point + 1], &[0x03, 0x42, 0x00, 0x04]);
    for at in point..key.len() {
        let mut changed = key.clone();
        changed[at] ^= 0x01;
        let result = verify_signature(
            &spki(&changed),
            &algorithm,
            &message,
            &signature,
            &AlgorithmPolicy::default(),
        );
        assert!(
            matches!(
                &result,
                Err(Error::SignatureInvalid | Error::PublicKeyInvalid { .. })
            ),
            "byte {at}: {result:?}"
        );
    }
}

/// `openssl pkeyutl -sign` over `message` with `key` (PEM) and the given options.
fn openssl_raw_signature(name: &str, key: &str, message: &[u8], options: &[&str]) -> Vec<u8> {
    let dir = scratch(name);
    let input = dir.join("message");
    let out = dir.join("signature");
    std::fs::write(&input, message).unwrap();
    let output = Command::new("openssl")
        .args(["pkeyutl", "-sign", "-rawin", "-digest", "sha256"])
        .arg("-inkey")
        .arg(format!("{TESTDATA}/{key}"))
        .arg("-in")
        .arg(&input)
        .args(options.iter().flat_map(|option| ["-pkeyopt", option]))
        .arg("-out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let signature = std::fs::read(&out).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    signature
}

fn from_hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The 8192-bit cap is inclusive: the RSA-8192 key of testdata/cms/attack verifies a
/// PKCS#1 signature (ring) and a PSS signature with the maximum salt, 1024 − 32 − 2 =
/// 990 bytes (RustCrypto `rsa`), both made here by OpenSSL. An 8704-bit key is
/// `RsaKeyTooLarge` (algorithm_kat.rs).
#[test]
fn an_rsa_8192_key_is_the_largest_verified_for_pkcs1_and_max_salt_pss() {
    let message = b"the largest RSA key baytrust verifies with";
    let key = "cms/attack/decoy-rsa-8192.key.pem";
    let spki_der = testdata("cms/attack/decoy-rsa-8192.spki.der");
    let (_, spki) = SubjectPublicKeyInfo::from_der(&spki_der).unwrap();
    assert_eq!(
        check_public_key(&spki, &AlgorithmPolicy::default()),
        Ok(KeyAlgorithm::Rsa { bits: 8192 })
    );
    // sha256WithRSAEncryption, NULL parameters (RFC 4055 §5).
    let pkcs1 = from_hex("300d06092a864886f70d01010b0500");
    // RSASSA-PSS-params { sha256, mgf1(sha256), saltLength 990 } (RFC 4055 §3.1).
    let pss = from_hex(
        "304206092a864886f70d01010a3035a00f300d06096086480165030402010500\
         a11c301a06092a864886f70d010108300d06096086480165030402010500a204020203de",
    );
    for (name, algorithm, options) in [
        ("rsa8192-pkcs1", pkcs1, vec![]),
        (
            "rsa8192-pss-max",
            pss,
            vec!["rsa_padding_mode:pss", "rsa_pss_saltlen:max"],
        ),
    ] {
        let signature = openssl_raw_signature(name, key, message, &options);
        let (_, algorithm) = AlgorithmIdentifier::from_der(&algorithm).unwrap();
        assert_eq!(
            verify_signature(
                &spki,
                &algorithm,
                message,
                &signature,
                &AlgorithmPolicy::default()
            ),
            Ok(()),
            "{name}"
        );
        assert_eq!(
            verify_signature(
                &spki,
                &algorithm,
                b"another message",
                &signature,
                &AlgorithmPolicy::default()
            ),
            Err(Error::SignatureInvalid),
            "{name}"
        );
    }
}
