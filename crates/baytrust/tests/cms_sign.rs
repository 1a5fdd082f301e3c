//! CMS signing (`cms::builder`) against the test PKI: raw Ed25519 and SM2 signatures
//! checked by `openssl pkeyutl` and by baytrust's own verifier; SignedData decoded back
//! (RustCrypto `cms`) and printed by `openssl cms -cmsout -print` to check the
//! CAdES-B-B attributes; RSA-PSS and RSA-SHA-512 SignedData verified by `openssl cms`.
//! (OpenSSL 3.0 cannot verify Ed25519 or SM2 CMS signatures at all, so those are
//! checked attribute by attribute here.)

use std::path::{Path, PathBuf};
use std::process::Command;

use baytrust::algorithm::{verify_signature, AlgorithmPolicy};
use baytrust::cert::{decode_certificates, Certificate, CertificateDer};
use baytrust::DigestAlgorithm;
use baytrust::{encode_pem, SignedDataBuilder, SigningKey};
use baytrust::{Error, Time};
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData as Rfc5652SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use x509_parser::prelude::FromDer;
use x509_parser::x509::AlgorithmIdentifier;

const DOCUMENT: &[u8] = b"Purchase order 2026-0042: 500 containers, Shenzhen to Hong Kong.\n";
const SIGNING_TIME: &str = "2026-06-01T08:30:00Z";

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const ID_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const ID_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const ID_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const ID_AA_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";

fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(testdata(path)).unwrap()
}

fn certificate(path: &str) -> CertificateDer {
    decode_certificates(&read(path)).unwrap().remove(0)
}

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8_pem(&read(&format!(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    )))
    .unwrap()
}

fn signing_time() -> Time {
    Time::parse_rfc3339(SIGNING_TIME).unwrap()
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cms_sign-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs openssl; returns (success, stdout, stderr).
fn openssl(args: &[&str]) -> (bool, String, String) {
    let output = Command::new("openssl").args(args).output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Checks a signature over `message` with baytrust's verifier and the certificate's key.
fn baytrust_verifies(
    cert: &CertificateDer,
    algorithm_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let view = Certificate::from_der(cert.as_ref()).unwrap();
    let (_, algorithm) = AlgorithmIdentifier::from_der(algorithm_der).unwrap();
    verify_signature(
        view.spki(),
        &algorithm,
        message,
        signature,
        &AlgorithmPolicy::default(),
    )
}

fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(dotted).unwrap()
}

fn decode_signed_data(der: &[u8]) -> Rfc5652SignedData {
    let content_info = ContentInfo::from_der(der).unwrap();
    assert_eq!(content_info.content_type, oid(ID_SIGNED_DATA));
    content_info
        .content
        .decode_as::<Rfc5652SignedData>()
        .unwrap()
}

/// The one value of the signed attribute `dotted`, as DER.
fn attribute_value(signer_info: &SignerInfo, dotted: &str) -> Vec<u8> {
    let attributes = signer_info.signed_attrs.as_ref().unwrap();
    let matching: Vec<_> = attributes.iter().filter(|a| a.oid == oid(dotted)).collect();
    assert_eq!(matching.len(), 1, "attribute {dotted} appears once");
    assert_eq!(
        matching[0].values.len(),
        1,
        "attribute {dotted} has one value"
    );
    matching[0].values.get(0).unwrap().to_der().unwrap()
}

/// ESSCertIDv2 as RFC 5035 §4 defines it, decoded independently of the builder.
#[derive(Sequence)]
struct EssCertIdV2 {
    hash_algorithm: Option<x509_cert::spki::AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<x509_cert::ext::pkix::name::GeneralName>,
    serial_number: x509_cert::serial_number::SerialNumber,
}

#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// Checks one SignerInfo of a SignedData over DOCUMENT made at SIGNING_TIME: version 1,
/// issuerAndSerialNumber of `cert`, the digest and signature algorithms, the four
/// CAdES-B-B attributes in DER order with the right values, and the signature over
/// their `SET OF` encoding.
fn assert_cades_signer_info(
    signer_info: &SignerInfo,
    cert: &CertificateDer,
    digest: DigestAlgorithm,
    signature_algorithm_der: &[u8],
) {
    let x509 = x509_cert::Certificate::from_der(cert.as_ref()).unwrap();
    let tbs = x509.tbs_certificate();
    assert_eq!(signer_info.version as u8, 1);
    match &signer_info.sid {
        SignerIdentifier::IssuerAndSerialNumber(sid) => {
            assert_eq!(&sid.issuer, tbs.issuer());
            assert_eq!(&sid.serial_number, tbs.serial_number());
        }
        other => panic!("expected issuerAndSerialNumber, got {other:?}"),
    }
    assert_eq!(signer_info.digest_alg.oid, oid(digest.oid()));
    assert_eq!(signer_info.digest_alg.parameters, None);
    assert_eq!(
        signer_info.signature_algorithm.to_der().unwrap(),
        signature_algorithm_der
    );
    assert!(signer_info.unsigned_attrs.is_none());

    let attributes = signer_info.signed_attrs.as_ref().unwrap();
    let oids: Vec<String> = attributes.iter().map(|a| a.oid.to_string()).collect();
    let mut expected = vec![
        ID_CONTENT_TYPE,
        ID_MESSAGE_DIGEST,
        ID_SIGNING_TIME,
        ID_AA_SIGNING_CERTIFICATE_V2,
    ];
    expected.sort();
    let mut sorted_oids = oids.clone();
    sorted_oids.sort();
    assert_eq!(sorted_oids, expected);
    // DER orders a SET OF by the encodings of its elements (X.690 §11.6).
    let encodings: Vec<Vec<u8>> = attributes.iter().map(|a| a.to_der().unwrap()).collect();
    assert!(encodings.windows(2).all(|w| w[0] <= w[1]), "{oids:?}");

    assert_eq!(
        attribute_value(signer_info, ID_CONTENT_TYPE),
        oid(ID_DATA).to_der().unwrap()
    );
    assert_eq!(
        attribute_value(signer_info, ID_MESSAGE_DIGEST),
        OctetString::new(digest.digest(DOCUMENT))
            .unwrap()
            .to_der()
            .unwrap()
    );
    // 2026-06-01T08:30:00Z as UTCTime (RFC 5652 §11.3: before 2050).
    assert_eq!(
        attribute_value(signer_info, ID_SIGNING_TIME),
        b"\x17\x0d260601083000Z".to_vec()
    );
    let signing_certificate =
        SigningCertificateV2::from_der(&attribute_value(signer_info, ID_AA_SIGNING_CERTIFICATE_V2))
            .unwrap();
    assert_eq!(signing_certificate.certs.len(), 1);
    let cert_id = &signing_certificate.certs[0];
    assert!(cert_id.hash_algorithm.is_none(), "SHA-256 is the DEFAULT");
    assert_eq!(
        cert_id.cert_hash.as_bytes(),
        DigestAlgorithm::Sha256.digest(cert.as_ref())
    );
    let issuer_serial = cert_id.issuer_serial.as_ref().unwrap();
    assert_eq!(
        issuer_serial.issuer,
        vec![x509_cert::ext::pkix::name::GeneralName::DirectoryName(
            tbs.issuer().clone()
        )]
    );
    assert_eq!(&issuer_serial.serial_number, tbs.serial_number());

    // The signature covers the SET OF encoding (tag 0x31), RFC 5652 §5.4.
    let signed = attributes.to_der().unwrap();
    assert_eq!(signed[0], 0x31);
    assert_eq!(
        baytrust_verifies(
            cert,
            signature_algorithm_der,
            &signed,
            signer_info.signature.as_bytes()
        ),
        Ok(())
    );
    let mut tampered = signed.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert_eq!(
        baytrust_verifies(
            cert,
            signature_algorithm_der,
            &tampered,
            signer_info.signature.as_bytes()
        ),
        Err(Error::SignatureInvalid)
    );
}

/// `openssl cms -cmsout -print` of a DER signature: what OpenSSL reads in it.
fn openssl_print(der: &[u8], dir: &Path) -> String {
    let file = dir.join("print.der");
    std::fs::write(&file, der).unwrap();
    let (ok, stdout, stderr) = openssl(&[
        "cms",
        "-cmsout",
        "-print",
        "-inform",
        "DER",
        "-in",
        path_str(&file),
    ]);
    assert!(ok, "{stderr}");
    stdout
}

fn assert_openssl_sees_cades_attributes(printed: &str, signature_algorithm: &str) {
    for expected in [
        "contentType (1.2.840.113549.1.9.3)",
        "messageDigest (1.2.840.113549.1.9.4)",
        "signingTime (1.2.840.113549.1.9.5)",
        "UTCTIME:Jun  1 08:30:00 2026 GMT",
        "id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)",
        signature_algorithm,
    ] {
        assert!(printed.contains(expected), "{expected:?} in\n{printed}");
    }
}

// ---- raw signatures ------------------------------------------------------------------

#[test]
fn ed25519_raw_signature_verifies_with_openssl_pkeyutl_and_baytrust() {
    let dir = scratch("ed25519-raw");
    let key = key("hk-org-overseas-branch");
    let cert = certificate("pki/hk/org-overseas-branch.pem");
    assert_eq!(key.signature_algorithm_name(), "Ed25519");
    assert_eq!(key.digest_algorithm(), DigestAlgorithm::Sha512);
    // id-Ed25519 with parameters absent (RFC 8410 §3).
    assert_eq!(
        key.signature_algorithm_der().unwrap(),
        [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70]
    );
    let signature = key.sign(DOCUMENT).unwrap();
    assert_eq!(signature.len(), 64);

    let (message, sig_file) = (dir.join("message"), dir.join("sig"));
    std::fs::write(&message, DOCUMENT).unwrap();
    std::fs::write(&sig_file, &signature).unwrap();
    let cert_path = testdata("pki/hk/org-overseas-branch.pem");
    let verify = |message: &Path| {
        openssl(&[
            "pkeyutl",
            "-verify",
            "-certin",
            "-inkey",
            path_str(&cert_path),
            "-rawin",
            "-in",
            path_str(message),
            "-sigfile",
            path_str(&sig_file),
        ])
    };
    let (ok, stdout, stderr) = verify(&message);
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("Signature Verified Successfully"),
        "{stdout}"
    );
    let altered = dir.join("altered");
    std::fs::write(&altered, b"Purchase order 2026-0043").unwrap();
    let (ok, stdout, _) = verify(&altered);
    assert!(!ok);
    assert!(
        stdout.contains("Signature Verification Failure"),
        "{stdout}"
    );

    let algorithm = key.signature_algorithm_der().unwrap();
    assert_eq!(
        baytrust_verifies(&cert, &algorithm, DOCUMENT, &signature),
        Ok(())
    );
    assert_eq!(
        baytrust_verifies(&cert, &algorithm, b"Purchase order 2026-0043", &signature),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn sm2_raw_signature_verifies_with_openssl_pkeyutl_under_the_default_signer_id() {
    let dir = scratch("sm2-raw");
    let key = key("cn-sm2-org-qianhai-tech");
    let cert = certificate("pki/cn-sm2/org-qianhai-tech.pem");
    assert_eq!(key.signature_algorithm_name(), "SM2-with-SM3");
    assert_eq!(key.digest_algorithm(), DigestAlgorithm::Sm3);
    assert_eq!(key.key_algorithm().to_string(), "SM2");
    // SM2-with-SM3 with parameters absent.
    assert_eq!(
        key.signature_algorithm_der().unwrap(),
        [0x30, 0x0a, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]
    );
    let signature = key.sign(DOCUMENT).unwrap();
    assert_eq!(signature[0], 0x30, "DER SEQUENCE {{ r, s }}");

    let (message, sig_file) = (dir.join("message"), dir.join("sig"));
    std::fs::write(&message, DOCUMENT).unwrap();
    std::fs::write(&sig_file, &signature).unwrap();
    let cert_path = testdata("pki/cn-sm2/org-qianhai-tech.pem");
    let verify = |distid: &str| {
        openssl(&[
            "pkeyutl",
            "-verify",
            "-certin",
            "-inkey",
            path_str(&cert_path),
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            &format!("distid:{distid}"),
            "-in",
            path_str(&message),
            "-sigfile",
            path_str(&sig_file),
        ])
    };
    let (ok, stdout, stderr) = verify("1234567812345678");
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("Signature Verified Successfully"),
        "{stdout}"
    );
    // Z hashes the signer ID: another ID makes another digest.
    let (ok, stdout, _) = verify("8765432187654321");
    assert!(!ok);
    assert!(
        stdout.contains("Signature Verification Failure"),
        "{stdout}"
    );

    let algorithm = key.signature_algorithm_der().unwrap();
    assert_eq!(
        baytrust_verifies(&cert, &algorithm, DOCUMENT, &signature),
        Ok(())
    );
    assert_eq!(
        baytrust_verifies(&cert, &algorithm, b"tampered", &signature),
        Err(Error::SignatureInvalid)
    );
}

// ---- SignedData ----------------------------------------------------------------------

#[test]
fn ed25519_signed_data_carries_cades_attributes_with_sha512_digest() {
    let dir = scratch("ed25519-signed-data");
    let cert = certificate("pki/hk/org-overseas-branch.pem");
    let key = key("hk-org-overseas-branch");
    let algorithm = key.signature_algorithm_der().unwrap();
    let der = SignedDataBuilder::new()
        .signer(cert.clone(), key)
        .unwrap()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(signing_time())
        .build(&mut &DOCUMENT[..])
        .unwrap();

    let signed_data = decode_signed_data(&der);
    assert_eq!(signed_data.version as u8, 1);
    let digests: Vec<String> = signed_data
        .digest_algorithms
        .iter()
        .map(|a| a.oid.to_string())
        .collect();
    assert_eq!(digests, vec![DigestAlgorithm::Sha512.oid()]);
    assert_eq!(signed_data.encap_content_info.econtent_type, oid(ID_DATA));
    assert!(
        signed_data.encap_content_info.econtent.is_none(),
        "detached"
    );
    assert_eq!(signed_data.certificates.as_ref().unwrap().0.len(), 2);
    assert_eq!(signed_data.signer_infos.0.len(), 1);
    assert_cades_signer_info(
        signed_data.signer_infos.0.get(0).unwrap(),
        &cert,
        DigestAlgorithm::Sha512,
        &algorithm,
    );

    let printed = openssl_print(&der, &dir);
    assert_openssl_sees_cades_attributes(&printed, "ED25519 (1.3.101.112)");
    assert!(printed.contains("eContent: <ABSENT>"), "{printed}");
}

#[test]
fn sm2_signed_data_carries_cades_attributes_with_sm3_digest() {
    let dir = scratch("sm2-signed-data");
    let cert = certificate("pki/cn-sm2/org-qianhai-tech.pem");
    let key = key("cn-sm2-org-qianhai-tech");
    let algorithm = key.signature_algorithm_der().unwrap();
    let der = SignedDataBuilder::new()
        .signer(cert.clone(), key)
        .unwrap()
        .chain(vec![certificate("pki/cn-sm2/issuing-ca.pem")])
        .detached(false)
        .signing_time(signing_time())
        .build(&mut &DOCUMENT[..])
        .unwrap();

    let signed_data = decode_signed_data(&der);
    let digests: Vec<String> = signed_data
        .digest_algorithms
        .iter()
        .map(|a| a.oid.to_string())
        .collect();
    assert_eq!(digests, vec![DigestAlgorithm::Sm3.oid()]);
    let econtent = signed_data.encap_content_info.econtent.as_ref().unwrap();
    assert_eq!(
        econtent.decode_as::<OctetString>().unwrap().as_bytes(),
        DOCUMENT
    );
    assert_cades_signer_info(
        signed_data.signer_infos.0.get(0).unwrap(),
        &cert,
        DigestAlgorithm::Sm3,
        &algorithm,
    );

    let printed = openssl_print(&der, &dir);
    assert_openssl_sees_cades_attributes(&printed, "SM2-with-SM3 (1.2.156.10197.1.501)");
    assert!(
        printed.contains("algorithm: sm3 (1.2.156.10197.1.401)"),
        "{printed}"
    );
}

#[test]
fn co_signers_get_one_signer_info_each_and_every_digest_algorithm() {
    let rsa_cert = certificate("pki/hk/org-harbour-logistics.pem");
    let p384_cert = certificate("pki/hk/org-kowloon-electronics.pem");
    let issuing_ca = certificate("pki/hk/issuing-ca.pem");
    let rsa_key = key("hk-org-harbour-logistics");
    let p384_key = key("hk-org-kowloon-electronics");
    let (rsa_algorithm, p384_algorithm) = (
        rsa_key.signature_algorithm_der().unwrap(),
        p384_key.signature_algorithm_der().unwrap(),
    );
    let der = SignedDataBuilder::new()
        .signer(rsa_cert.clone(), rsa_key)
        .unwrap()
        .signer(p384_cert.clone(), p384_key)
        .unwrap()
        // The issuing CA twice and a signer's certificate again: each included once.
        .chain(vec![issuing_ca.clone(), issuing_ca, rsa_cert.clone()])
        .signing_time(signing_time())
        .build(&mut &DOCUMENT[..])
        .unwrap();

    let signed_data = decode_signed_data(&der);
    let mut digests: Vec<String> = signed_data
        .digest_algorithms
        .iter()
        .map(|a| a.oid.to_string())
        .collect();
    digests.sort();
    assert_eq!(
        digests,
        vec![DigestAlgorithm::Sha256.oid(), DigestAlgorithm::Sha384.oid()]
    );
    assert_eq!(signed_data.certificates.as_ref().unwrap().0.len(), 3);
    assert_eq!(signed_data.signer_infos.0.len(), 2);
    let serial_of = |info: &SignerInfo| match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(sid) => sid.serial_number.as_bytes().to_vec(),
        other => panic!("{other:?}"),
    };
    for info in signed_data.signer_infos.0.iter() {
        match serial_of(info).as_slice() {
            [0x48, 0x10] => {
                assert_cades_signer_info(info, &rsa_cert, DigestAlgorithm::Sha256, &rsa_algorithm)
            }
            [0x48, 0x11] => {
                assert_cades_signer_info(info, &p384_cert, DigestAlgorithm::Sha384, &p384_algorithm)
            }
            other => panic!("unexpected signer serial {other:02x?}"),
        }
    }
}

/// Signs DOCUMENT with `key` and checks the result with `openssl cms -verify`.
fn assert_openssl_cms_verifies(test: &str, key: SigningKey, signature_algorithm: &str) {
    let dir = scratch(test);
    let der = SignedDataBuilder::new()
        .signer(certificate("pki/hk/org-harbour-logistics.pem"), key)
        .unwrap()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(signing_time())
        .build(&mut &DOCUMENT[..])
        .unwrap();
    let (signature, content) = (dir.join("sig.pem"), dir.join("content"));
    std::fs::write(&signature, encode_pem(&der).unwrap()).unwrap();
    std::fs::write(&content, DOCUMENT).unwrap();
    let (ok, _, stderr) = openssl(&[
        "cms",
        "-verify",
        "-binary",
        "-purpose",
        "any",
        "-CAfile",
        path_str(&testdata("pki/hk/root-ca.pem")),
        "-certfile",
        path_str(&testdata("pki/hk/issuing-ca.pem")),
        "-in",
        path_str(&signature),
        "-inform",
        "PEM",
        "-content",
        path_str(&content),
        "-out",
        path_str(&dir.join("out")),
    ]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("Verification successful"), "{stderr}");
    assert!(
        openssl_print(&der, &dir).contains(signature_algorithm),
        "{signature_algorithm}"
    );
}

#[test]
fn rsa_pss_signed_data_verifies_with_openssl_cms() {
    let key = key("hk-org-harbour-logistics").with_rsa_pss().unwrap();
    assert_eq!(key.signature_algorithm_name(), "RSASSA-PSS");
    assert_openssl_cms_verifies("rsa-pss", key, "rsassaPss (1.2.840.113549.1.1.10)");
}

#[test]
fn rsa_sha512_signed_data_verifies_with_openssl_cms() {
    let key = key("hk-org-harbour-logistics")
        .with_digest(DigestAlgorithm::Sha512)
        .unwrap();
    assert_eq!(key.signature_algorithm_name(), "sha512WithRSAEncryption");
    assert_openssl_cms_verifies(
        "rsa-sha512",
        key,
        "sha512WithRSAEncryption (1.2.840.113549.1.1.13)",
    );
}

// ---- refusals ------------------------------------------------------------------------

#[test]
fn a_key_that_is_not_the_certificates_is_refused() {
    let error = SignedDataBuilder::new()
        .signer(
            certificate("pki/hk/org-harbour-logistics.pem"),
            key("hk-org-retired-ca"),
        )
        .unwrap_err();
    assert_eq!(
        error,
        Error::SignerKeyMismatch {
            subject: "C=HK, O=Harbour Logistics Limited, OU=BRN 12345678-000, CN=CHAN Tai Man"
                .to_owned()
        }
    );
    // Same kind of key is not enough; another kind of key neither.
    assert!(matches!(
        SignedDataBuilder::new().signer(
            certificate("pki/mo/org-taipa-foods.pem"),
            key("hk-org-kowloon-electronics")
        ),
        Err(Error::SignerKeyMismatch { .. })
    ));
}

#[test]
fn building_needs_a_signer_and_a_signing_time() {
    assert_eq!(
        SignedDataBuilder::new()
            .signing_time(signing_time())
            .build(&mut &DOCUMENT[..]),
        Err(Error::NoSigners)
    );
    assert_eq!(
        SignedDataBuilder::new()
            .signer(
                certificate("pki/mo/org-taipa-foods.pem"),
                key("mo-org-taipa-foods")
            )
            .unwrap()
            .build(&mut &DOCUMENT[..]),
        Err(Error::SigningTimeMissing)
    );
}

#[test]
fn unreadable_content_is_a_typed_error() {
    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    for detached in [true, false] {
        let builder = SignedDataBuilder::new()
            .signer(
                certificate("pki/mo/org-taipa-foods.pem"),
                key("mo-org-taipa-foods"),
            )
            .unwrap()
            .signing_time(signing_time())
            .detached(detached);
        assert_eq!(
            builder.build(&mut Broken),
            Err(Error::ContentUnreadable {
                reason: "disk on fire".to_owned()
            }),
            "detached {detached}"
        );
    }
}

#[test]
fn digest_and_pss_choices_the_key_cannot_make_are_refused() {
    assert_eq!(
        key("mo-org-taipa-foods")
            .with_digest(DigestAlgorithm::Sha384)
            .unwrap_err(),
        Error::AlgorithmKeyMismatch {
            signature_algorithm: "SHA-384".to_owned(),
            key_algorithm: "ECDSA-P256".to_owned()
        }
    );
    assert_eq!(
        key("hk-org-harbour-logistics")
            .with_digest(DigestAlgorithm::Sm3)
            .unwrap_err(),
        Error::AlgorithmKeyMismatch {
            signature_algorithm: "SM3".to_owned(),
            key_algorithm: "RSA-2048".to_owned()
        }
    );
    assert_eq!(
        key("cn-sm2-org-qianhai-tech").with_rsa_pss().unwrap_err(),
        Error::AlgorithmKeyMismatch {
            signature_algorithm: "RSASSA-PSS".to_owned(),
            key_algorithm: "SM2".to_owned()
        }
    );
    // A key's own digest is always accepted.
    assert_eq!(
        key("hk-org-kowloon-electronics")
            .with_digest(DigestAlgorithm::Sha384)
            .unwrap()
            .signature_algorithm_name(),
        "ecdsa-with-SHA384"
    );
}

#[test]
fn keys_are_read_only_from_pkcs8() {
    // A certificate is not a key.
    assert_eq!(
        SigningKey::from_pkcs8_pem(&read("pki/hk/issuing-ca.pem")).unwrap_err(),
        Error::PemWrongLabel {
            found: "CERTIFICATE".to_owned(),
            expected: "PRIVATE KEY"
        }
    );
    // DER PKCS#8 reads like PEM.
    let pem = String::from_utf8(read(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/mo-org-taipa-foods.key.pem",
    ))
    .unwrap();
    let (_, der) = pem_rfc7468::decode_vec(pem.as_bytes()).unwrap();
    let key = SigningKey::from_pkcs8_der(&der).unwrap();
    assert_eq!(key.key_algorithm().to_string(), "ECDSA-P256");
    // Truncated DER is refused, never a panic.
    for len in [1, 10, der.len() / 2, der.len() - 1] {
        assert!(
            matches!(
                SigningKey::from_pkcs8_der(&der[..len]),
                Err(Error::SigningKeyInvalid { .. })
            ),
            "{len}"
        );
    }
    // Debug output holds no key material.
    assert_eq!(
        format!("{key:?}"),
        "SigningKey { key: \"ECDSA-P256\", algorithm: \"ecdsa-with-SHA256\" }"
    );
}

// ---- round trip through baytrust's own parser -------------------------------------------

/// Builds a SignedData by `signers` (certificate file, key name, RSA-PSS?) and reads it
/// back with `CmsSignedData::parse`: the CAdES-B-B attributes are as built, and every
/// signer passes `check_signer`, and fails it with a hash mismatch over other content.
fn assert_round_trip(signers: &[(&str, &str, bool)], detached: bool) {
    use baytrust::cms::{check_signer, CmsSignedData, ContentDigests, SignerFailure};

    let mut builder = SignedDataBuilder::new()
        .detached(detached)
        .signing_time(signing_time());
    let mut certs = Vec::new();
    for (cert, key_name, pss) in signers {
        let cert = certificate(cert);
        let mut key = key(key_name);
        if *pss {
            key = key.with_rsa_pss().unwrap();
        }
        builder = builder.signer(cert.clone(), key).unwrap();
        certs.push(cert);
    }
    let der = builder.build(&mut &DOCUMENT[..]).unwrap();
    // PEM reads back to the same structure.
    let parsed = CmsSignedData::parse(&der).unwrap();
    assert_eq!(
        CmsSignedData::parse(encode_pem(&der).unwrap().as_bytes()).unwrap(),
        parsed
    );

    assert_eq!(parsed.encapsulated_content_type(), ID_DATA);
    assert_eq!(
        parsed.encapsulated_content(),
        if detached { None } else { Some(DOCUMENT) }
    );
    assert_eq!(parsed.signers().len(), signers.len());
    let mut received = parsed.certificates().to_vec();
    received.sort_by(|a, b| a.as_ref().cmp(b.as_ref()));
    let mut expected = certs.clone();
    expected.sort_by(|a, b| a.as_ref().cmp(b.as_ref()));
    expected.dedup();
    assert_eq!(received, expected);

    let mut digests = ContentDigests::new(&parsed.digest_algorithms());
    digests.update(DOCUMENT);
    let digests = digests.finish();
    let mut other = ContentDigests::new(&parsed.digest_algorithms());
    other.update(b"another document");
    let other = other.finish();

    for signer in parsed.signers() {
        let check = check_signer(
            &parsed,
            signer,
            &[],
            &digests,
            None,
            &AlgorithmPolicy::default(),
        );
        assert_eq!(check.outcome, Ok(()), "{check:?}");
        let cert = check.signer_certificate.clone().unwrap();
        assert_eq!(check.claimed_signing_time, Some(signing_time()));

        let attributes = signer.signed_attributes().unwrap();
        assert_eq!(attributes.rule_violations(), &[] as &[String]);
        assert_eq!(attributes.content_type(), Some(ID_DATA));
        let digest = signer.digest_algorithm().unwrap();
        assert_eq!(
            attributes.message_digest(),
            Some(digest.digest(DOCUMENT).as_slice())
        );
        assert_eq!(attributes.signing_time(), Some(signing_time()));
        let ess = attributes.signing_certificate_v2().unwrap();
        assert_eq!(ess.hash_algorithm, DigestAlgorithm::Sha256.oid());
        assert_eq!(ess.cert_hash, DigestAlgorithm::Sha256.digest(cert.as_ref()));
        let view = Certificate::from_der(cert.as_ref()).unwrap();
        let issuer_serial = ess.issuer_serial.as_ref().unwrap();
        assert_eq!(issuer_serial.serial, view.serial());
        assert_eq!(
            issuer_serial.directory_names,
            vec![view.x509().tbs_certificate.issuer.as_raw().to_vec()]
        );
        assert!(attributes.signing_certificate_v1().is_none());

        let tampered = check_signer(
            &parsed,
            signer,
            &[],
            &other,
            None,
            &AlgorithmPolicy::default(),
        );
        assert_eq!(tampered.outcome, Err(SignerFailure::HashMismatch));
    }
}

#[test]
fn every_key_type_round_trips_through_the_parser_and_passes_check_signer() {
    for (cert, key_name, pss) in [
        (
            "pki/hk/org-harbour-logistics.pem",
            "hk-org-harbour-logistics",
            false,
        ),
        (
            "pki/hk/org-harbour-logistics.pem",
            "hk-org-harbour-logistics",
            true,
        ),
        ("pki/mo/org-taipa-foods.pem", "mo-org-taipa-foods", false),
        (
            "pki/hk/org-kowloon-electronics.pem",
            "hk-org-kowloon-electronics",
            false,
        ),
        (
            "pki/hk/org-overseas-branch.pem",
            "hk-org-overseas-branch",
            false,
        ),
        (
            "pki/cn-sm2/org-qianhai-tech.pem",
            "cn-sm2-org-qianhai-tech",
            false,
        ),
    ] {
        for detached in [true, false] {
            assert_round_trip(&[(cert, key_name, pss)], detached);
        }
    }
}

#[test]
fn a_co_signature_by_four_kinds_of_key_round_trips_and_every_signer_passes() {
    assert_round_trip(
        &[
            (
                "pki/hk/org-harbour-logistics.pem",
                "hk-org-harbour-logistics",
                false,
            ),
            (
                "pki/hk/org-kowloon-electronics.pem",
                "hk-org-kowloon-electronics",
                false,
            ),
            (
                "pki/hk/org-overseas-branch.pem",
                "hk-org-overseas-branch",
                false,
            ),
            (
                "pki/cn-sm2/org-qianhai-tech.pem",
                "cn-sm2-org-qianhai-tech",
                false,
            ),
        ],
        false,
    );
}
