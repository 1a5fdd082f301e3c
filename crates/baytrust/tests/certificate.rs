//! The certificate view: fields of the real GBA roots (checked against
//! `openssl x509 -noout -serial -startdate -enddate`), and typed errors — never a
//! panic — for empty, truncated, trailing-garbage, random and deeply nested input.

#[path = "support/pseudo_random.rs"]
mod pseudo_random;

use baytrust::cert::{decode_certificates, Certificate};
use baytrust::{Error, Time};
use pseudo_random::pseudo_random_bytes;

fn testdata(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn real_root_der(name: &str) -> Vec<u8> {
    let ders = decode_certificates(&testdata(&format!("real-roots/{name}"))).unwrap();
    assert_eq!(ders.len(), 1);
    ders[0].as_ref().to_vec()
}

fn time(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

#[test]
fn gdca_root_fields_match_openssl() {
    let der = real_root_der("gdca-trustauth-r5-root.pem");
    let cert = Certificate::from_der(&der).unwrap();
    assert_eq!(
        cert.subject_text(),
        r"C=CN, O=GUANG DONG CERTIFICATE AUTHORITY CO.\,LTD., CN=GDCA TrustAUTH R5 ROOT"
    );
    assert_eq!(cert.issuer_text(), cert.subject_text());
    assert_eq!(cert.serial_hex(), "7D0997FEF047EA7A");
    assert_eq!(cert.not_before(), time("2014-11-26T05:13:15Z"));
    assert_eq!(cert.not_after(), time("2040-12-31T15:59:59Z"));
    assert!(cert.is_ca());
    assert!(cert.key_usage().unwrap().key_cert_sign());
    assert!(cert.subject_key_id().is_some());
    assert!(cert.unrecognised_critical_extensions().is_empty());
    assert_eq!(
        hex(&cert.sha256()),
        "BFFF8FD04433487D6A8AA60C1A29767A9FC2BBB05E420F713A13B992891D3893"
    );
}

#[test]
fn hongkong_post_root_ca_3_fields_match_openssl() {
    let der = real_root_der("hongkong-post-root-ca-3.pem");
    let cert = Certificate::from_der(&der).unwrap();
    assert_eq!(
        cert.subject_text(),
        "C=HK, ST=Hong Kong, L=Hong Kong, O=Hongkong Post, CN=Hongkong Post Root CA 3"
    );
    assert_eq!(
        cert.serial_hex(),
        "08165F8A4CA5EC00C99340DFC4C6AE23B81C5AA4"
    );
    assert_eq!(cert.not_after(), time("2042-06-03T02:29:46Z"));
    assert_eq!(
        cert.subject_attribute_texts("2.5.4.10").unwrap(),
        ["Hongkong Post"]
    );
}

#[test]
fn sha1_signed_expired_root_still_parses() {
    let der = real_root_der("hongkong-post-root-ca-1.pem");
    let cert = Certificate::from_der(&der).unwrap();
    assert_eq!(cert.serial_hex(), "03E8");
    assert_eq!(cert.not_after(), time("2023-05-15T04:52:29Z"));
    assert_eq!(
        cert.signature_algorithm().algorithm.to_id_string(),
        "1.2.840.113549.1.1.5"
    );
}

#[test]
fn cfca_root_parses_from_der_as_well_as_pem() {
    let der = real_root_der("cfca-ev-root.pem");
    let from_der = decode_certificates(&der).unwrap();
    assert_eq!(from_der.len(), 1);
    let cert = from_der[0].parse().unwrap();
    assert_eq!(cert.serial_hex(), "184ACCD6");
    assert_eq!(cert.der(), der.as_slice());
}

#[test]
fn pem_bundle_of_all_roots_yields_four_certificates() {
    let mut bundle = Vec::new();
    for name in [
        "cfca-ev-root.pem",
        "gdca-trustauth-r5-root.pem",
        "hongkong-post-root-ca-1.pem",
        "hongkong-post-root-ca-3.pem",
    ] {
        bundle.extend(b"# explanatory text between blocks\n");
        bundle.extend(testdata(&format!("real-roots/{name}")));
    }
    let ders = decode_certificates(&bundle).unwrap();
    assert_eq!(ders.len(), 4);
    for der in &ders {
        der.parse().unwrap();
    }
}

#[test]
fn trailing_garbage_after_der_is_refused() {
    let mut der = real_root_der("cfca-ev-root.pem");
    der.extend([0xde, 0xad, 0xbe]);
    assert_eq!(
        Certificate::from_der(&der).unwrap_err(),
        Error::TrailingData { count: 3 }
    );
}

#[test]
fn truncated_der_is_malformed() {
    let der = real_root_der("cfca-ev-root.pem");
    for cut in [1, 4, 100, der.len() / 2, der.len() - 1] {
        assert!(
            matches!(
                Certificate::from_der(&der[..cut]),
                Err(Error::CertificateMalformed { .. })
            ),
            "cut at {cut}"
        );
    }
}

#[test]
fn empty_input_is_its_own_error() {
    assert_eq!(Certificate::from_der(&[]).unwrap_err(), Error::EmptyInput);
    assert_eq!(decode_certificates(&[]).unwrap_err(), Error::EmptyInput);
}

#[test]
fn pem_with_a_key_label_is_refused() {
    let pem = String::from_utf8(testdata("real-roots/cfca-ev-root.pem"))
        .unwrap()
        .replace("CERTIFICATE", "PUBLIC KEY");
    assert_eq!(
        decode_certificates(pem.as_bytes()).unwrap_err(),
        Error::PemWrongLabel {
            found: "PUBLIC KEY".into(),
            expected: "CERTIFICATE"
        }
    );
}

#[test]
fn pem_with_broken_base64_is_malformed() {
    let pem = String::from_utf8(testdata("real-roots/cfca-ev-root.pem"))
        .unwrap()
        .replacen('M', "!", 1);
    assert!(matches!(
        decode_certificates(pem.as_bytes()),
        Err(Error::PemMalformed { .. })
    ));
}

#[test]
fn one_mebibyte_of_random_bytes_is_refused_without_panic() {
    let mut random = pseudo_random_bytes(1 << 20, 0x9e37_79b9_7f4a_7c15);
    random[0] = 0x42;
    assert_eq!(
        decode_certificates(&random).unwrap_err(),
        Error::UnrecognisedEncoding
    );
    random[0] = 0x30;
    assert!(matches!(
        Certificate::from_der(&random),
        Err(Error::CertificateMalformed { .. })
    ));
}

/// `depth` nested SEQUENCEs with definite lengths around one NULL.
fn nested_sequences(depth: usize) -> Vec<u8> {
    let mut inner = vec![0x05, 0x00];
    for _ in 0..depth {
        let len = inner.len();
        let mut outer = vec![0x30];
        if len < 0x80 {
            outer.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            outer.push(0x80 | (bytes.len() - skip) as u8);
            outer.extend(&bytes[skip..]);
        }
        outer.extend(inner);
        inner = outer;
    }
    inner
}

#[test]
fn deeply_nested_input_is_malformed_not_a_stack_overflow() {
    let definite = nested_sequences(20_000);
    assert!(matches!(
        Certificate::from_der(&definite),
        Err(Error::CertificateMalformed { .. })
    ));
    let mut indefinite = [0x30u8, 0x80].repeat(200_000);
    indefinite.extend([0x00, 0x00].repeat(200_000));
    assert!(matches!(
        Certificate::from_der(&indefinite),
        Err(Error::CertificateMalformed { .. })
    ));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
