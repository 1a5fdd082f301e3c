//! Known-answer tests of `baytrust::algorithm`: signatures made by OpenSSL 3.0 with the
//! commands in `testdata/kat/make.sh` must verify, the same signatures over a message with
//! one bit flipped must not, and weak or mismatched algorithms are refused by name.

use baytrust::algorithm::{
    check_public_key, signature_algorithm_name, verify_signature, AlgorithmPolicy, KeyAlgorithm,
    DEFAULT_SM2_SIGNER_ID,
};
use baytrust::Error;
use baytrust::SubIndication;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

macro_rules! kat {
    ($file:literal) => {
        include_bytes!(concat!("../../../testdata/kat/", $file)).as_slice()
    };
}

const MESSAGE: &[u8] = kat!("message.txt");

// AlgorithmIdentifier DER encodings, written out by hand.
// RFC 4055 §5 (PKCS#1 v1.5, parameters NULL): 1.2.840.113549.1.1.{11,12,13}.
const SHA256_WITH_RSA: &str = "300d06092a864886f70d01010b0500";
const SHA384_WITH_RSA: &str = "300d06092a864886f70d01010c0500";
const SHA512_WITH_RSA: &str = "300d06092a864886f70d01010d0500";
/// RFC 4055 §5 allows readers to accept absent parameters too.
const SHA256_WITH_RSA_NO_PARAMS: &str = "300b06092a864886f70d01010b";
/// sha256WithRSAEncryption with an INTEGER 0 where NULL belongs.
const SHA256_WITH_RSA_BAD_PARAMS: &str = "300e06092a864886f70d01010b020100";
// RFC 4055 §3.1 RSASSA-PSS-params { [0] sha256, [1] mgf1(sha256), [2] saltLength }
// (the hash AlgorithmIdentifiers with NULL parameters, as OpenSSL writes them).
const PSS_SHA256_SALT32: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500\
                                 a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";
const PSS_SHA256_SALT0: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500\
                                a11c301a06092a864886f70d010108300d06096086480165030402010500a203020100";
/// id-RSASSA-PSS with no parameters: RFC 4055 §3.1 requires them in a signature.
const PSS_NO_PARAMS: &str = "300b06092a864886f70d01010a";
// RFC 5758 §3.2 (ECDSA, parameters absent): 1.2.840.10045.4.3.{2,3,4}.
const ECDSA_WITH_SHA256: &str = "300a06082a8648ce3d040302";
const ECDSA_WITH_SHA384: &str = "300a06082a8648ce3d040303";
const ECDSA_WITH_SHA512: &str = "300a06082a8648ce3d040304";
// RFC 8410 §3 (Ed25519, parameters absent): 1.3.101.112.
const ED25519: &str = "300506032b6570";
// GM/T 0006-2012 / RFC 8998 §2: SM2-with-SM3 1.2.156.10197.1.501, absent and NULL.
const SM2_WITH_SM3: &str = "300a06082a811ccf55018375";
const SM2_WITH_SM3_NULL: &str = "300c06082a811ccf550183750500";
// Refused: RFC 3279 §2.2.1 sha1WithRSAEncryption 1.2.840.113549.1.1.5, md5 …1.1.4,
// md2 …1.1.2; RFC 3279 §2.2.3 ecdsa-with-SHA1 1.2.840.10045.4.1; RFC 3279 §2.2.2
// id-dsa-with-sha1 1.2.840.10040.4.3; OIW sha1WithRSASignature 1.3.14.3.2.29.
const SHA1_WITH_RSA: &str = "300d06092a864886f70d0101050500";
const MD5_WITH_RSA: &str = "300d06092a864886f70d0101040500";
const MD2_WITH_RSA: &str = "300d06092a864886f70d0101020500";
const ECDSA_WITH_SHA1: &str = "300906072a8648ce3d0401";
const DSA_WITH_SHA1: &str = "300906072a8648ce380403";
const SHA1_WITH_RSA_OIW: &str = "300906052b0e03021d0500";
/// 1.2.3.4, which names no algorithm.
const UNKNOWN: &str = "300506032a0304";

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(|b| b.is_ascii_hexdigit()).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

fn spki(der: &[u8]) -> SubjectPublicKeyInfo<'_> {
    let (rest, spki) = SubjectPublicKeyInfo::from_der(der).unwrap();
    assert!(rest.is_empty());
    spki
}

/// Verifies with an AlgorithmIdentifier given as hex.
fn verify_with(
    algorithm_hex: &str,
    key: &[u8],
    message: &[u8],
    signature: &[u8],
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), Error> {
    let der = hex(algorithm_hex);
    let (rest, algorithm) = AlgorithmIdentifier::from_der(&der).unwrap();
    assert!(rest.is_empty(), "trailing bytes after {algorithm_hex}");
    verify_signature(&spki(key), &algorithm, message, signature, policy)
}

fn verify(algorithm_hex: &str, key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error> {
    verify_with(
        algorithm_hex,
        key,
        message,
        signature,
        &AlgorithmPolicy::default(),
    )
}

/// The message with the lowest bit of its first byte flipped.
fn flipped(message: &[u8]) -> Vec<u8> {
    let mut copy = message.to_vec();
    copy[0] ^= 1;
    copy
}

/// The known answer verifies, and the same signature over a 1-bit-flipped message is
/// exactly `SignatureInvalid`.
fn assert_kat(algorithm_hex: &str, key: &[u8], signature: &[u8], policy: &AlgorithmPolicy<'_>) {
    assert_eq!(
        verify_with(algorithm_hex, key, MESSAGE, signature, policy),
        Ok(())
    );
    assert_eq!(
        verify_with(algorithm_hex, key, &flipped(MESSAGE), signature, policy),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn rsa2048_pkcs1_sha256_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SHA256_WITH_RSA,
        kat!("rsa2048.spki.der"),
        kat!("rsa2048-pkcs1-sha256.sig"),
        &policy,
    );
}

#[test]
fn rsa2048_pkcs1_sha256_accepts_absent_parameters() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SHA256_WITH_RSA_NO_PARAMS,
        kat!("rsa2048.spki.der"),
        kat!("rsa2048-pkcs1-sha256.sig"),
        &policy,
    );
}

#[test]
fn rsa2048_pkcs1_sha384_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SHA384_WITH_RSA,
        kat!("rsa2048.spki.der"),
        kat!("rsa2048-pkcs1-sha384.sig"),
        &policy,
    );
}

#[test]
fn rsa2048_pkcs1_sha512_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SHA512_WITH_RSA,
        kat!("rsa2048.spki.der"),
        kat!("rsa2048-pkcs1-sha512.sig"),
        &policy,
    );
}

#[test]
fn rsa2048_pkcs1_signature_with_wrong_hash_oid_fails() {
    assert_eq!(
        verify(
            SHA384_WITH_RSA,
            kat!("rsa2048.spki.der"),
            MESSAGE,
            kat!("rsa2048-pkcs1-sha256.sig")
        ),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn rsa2048_pss_sha256_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        PSS_SHA256_SALT32,
        kat!("rsa2048.spki.der"),
        kat!("rsa2048-pss-sha256.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_p256_sha256_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        ECDSA_WITH_SHA256,
        kat!("p256.spki.der"),
        kat!("p256-sha256.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_p256_sha384_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        ECDSA_WITH_SHA384,
        kat!("p256.spki.der"),
        kat!("p256-sha384.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_p384_sha384_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        ECDSA_WITH_SHA384,
        kat!("p384.spki.der"),
        kat!("p384-sha384.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_p384_sha256_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        ECDSA_WITH_SHA256,
        kat!("p384.spki.der"),
        kat!("p384-sha256.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_with_sha512_is_unsupported() {
    assert_eq!(
        verify(
            ECDSA_WITH_SHA512,
            kat!("p256.spki.der"),
            MESSAGE,
            kat!("p256-sha256.sig")
        ),
        Err(Error::UnsupportedSignatureAlgorithm {
            oid: "1.2.840.10045.4.3.4".to_owned()
        })
    );
}

#[test]
fn ed25519_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        ED25519,
        kat!("ed25519.spki.der"),
        kat!("ed25519.sig"),
        &policy,
    );
}

#[test]
fn sm2_with_sm3_default_signer_id_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy::default();
    assert_eq!(policy.sm2_signer_id, b"1234567812345678");
    assert_kat(
        SM2_WITH_SM3,
        kat!("sm2.spki.der"),
        kat!("sm2-sm3.sig"),
        &policy,
    );
}

#[test]
fn sm2_with_sm3_accepts_null_parameters() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SM2_WITH_SM3_NULL,
        kat!("sm2.spki.der"),
        kat!("sm2-sm3.sig"),
        &policy,
    );
}

#[test]
fn sm2_key_with_sm2p256v1_as_algorithm_oid_verifies() {
    let policy = AlgorithmPolicy::default();
    assert_kat(
        SM2_WITH_SM3,
        kat!("sm2-algorithm-oid.spki.der"),
        kat!("sm2-sm3.sig"),
        &policy,
    );
}

#[test]
fn sm2_with_sm3_policy_signer_id_verifies_and_flipped_message_fails() {
    let policy = AlgorithmPolicy {
        sm2_signer_id: b"ALICE123@YAHOO.COM",
        ..AlgorithmPolicy::default()
    };
    assert_kat(
        SM2_WITH_SM3,
        kat!("sm2.spki.der"),
        kat!("sm2-sm3-distid-alice.sig"),
        &policy,
    );
}

#[test]
fn sm2_with_sm3_wrong_signer_id_is_signature_invalid() {
    let alice = AlgorithmPolicy {
        sm2_signer_id: b"ALICE123@YAHOO.COM",
        ..AlgorithmPolicy::default()
    };
    // Made under the default ID, checked under another.
    assert_eq!(
        verify_with(
            SM2_WITH_SM3,
            kat!("sm2.spki.der"),
            MESSAGE,
            kat!("sm2-sm3.sig"),
            &alice
        ),
        Err(Error::SignatureInvalid)
    );
    // Made under another ID, checked under the default.
    assert_eq!(
        verify(
            SM2_WITH_SM3,
            kat!("sm2.spki.der"),
            MESSAGE,
            kat!("sm2-sm3-distid-alice.sig")
        ),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn sm2_signer_id_longer_than_8191_bytes_is_refused() {
    let long_id = vec![b'a'; 8192];
    let policy = AlgorithmPolicy {
        sm2_signer_id: &long_id,
        ..AlgorithmPolicy::default()
    };
    assert_eq!(
        verify_with(
            SM2_WITH_SM3,
            kat!("sm2.spki.der"),
            MESSAGE,
            kat!("sm2-sm3.sig"),
            &policy
        ),
        Err(Error::Sm2SignerIdTooLong { len: 8192 })
    );
}

/// sm2.spki.der with its point `04 ‖ x ‖ y` replaced by `point`.
fn sm2_spki_with_point(point: &[u8]) -> Vec<u8> {
    let spki = kat!("sm2.spki.der");
    // 30 59 | 30 13 … (AlgorithmIdentifier, 21 bytes) | 03 42 00 04 x y
    let algorithm = &spki[2..23];
    let bit_string = [
        &[0x03, u8::try_from(point.len() + 1).unwrap(), 0x00][..],
        point,
    ]
    .concat();
    let body = [algorithm, &bit_string].concat();
    [&[0x30, u8::try_from(body.len()).unwrap()][..], &body].concat()
}

/// The x and y coordinates of the key of sm2.spki.der.
fn sm2_xy() -> (&'static [u8], &'static [u8]) {
    let point = &kat!("sm2.spki.der")[27..];
    (&point[..32], &point[32..])
}

#[test]
fn sm2_compressed_key_verifies_and_the_other_parity_does_not() {
    let (x, y) = sm2_xy();
    let parity = y[31] & 1;
    let compressed = sm2_spki_with_point(&[&[0x02 | parity][..], x].concat());
    assert_kat(
        SM2_WITH_SM3,
        &compressed,
        kat!("sm2-sm3.sig"),
        &AlgorithmPolicy::default(),
    );
    // The other y is the negated key: a valid point, whose signature this is not.
    let negated = sm2_spki_with_point(&[&[0x03 ^ parity][..], x].concat());
    assert_eq!(
        verify(SM2_WITH_SM3, &negated, MESSAGE, kat!("sm2-sm3.sig")),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn sm2_key_off_the_curve_infinity_hybrid_or_compact_is_invalid() {
    let (x, y) = sm2_xy();
    let invalid = Err(Error::PublicKeyInvalid {
        reason: "SM2 public key is not a point on sm2p256v1".to_owned(),
    });
    let mut off_curve = [&[0x04][..], x, y].concat();
    off_curve[64] ^= 0x01;
    let hybrid = [&[0x06 | (y[31] & 1)][..], x, y].concat();
    // SEC 1 "compact" (05 ‖ x) is no encoding of SEC 1 §2.3.3 or GB/T 32918.1.
    let compact = [&[0x05][..], x].concat();
    for point in [&off_curve[..], &[0x00], &hybrid, &compact, &[0x04]] {
        assert_eq!(
            verify(
                SM2_WITH_SM3,
                &sm2_spki_with_point(point),
                MESSAGE,
                kat!("sm2-sm3.sig")
            ),
            invalid,
            "{point:02x?}"
        );
    }
}

#[test]
fn sm2_signature_that_is_not_der_is_malformed() {
    let raw_r_s = [0x01u8; 64];
    assert!(matches!(
        verify(SM2_WITH_SM3, kat!("sm2.spki.der"), MESSAGE, &raw_r_s),
        Err(Error::SignatureMalformed { .. })
    ));
}

#[test]
fn sha1_based_algorithms_are_refused_before_any_crypto() {
    for (algorithm, oid) in [
        (SHA1_WITH_RSA, "1.2.840.113549.1.1.5"),
        (ECDSA_WITH_SHA1, "1.2.840.10045.4.1"),
        (DSA_WITH_SHA1, "1.2.840.10040.4.3"),
        (SHA1_WITH_RSA_OIW, "1.3.14.3.2.29"),
    ] {
        assert_eq!(
            verify(
                algorithm,
                kat!("rsa2048.spki.der"),
                MESSAGE,
                kat!("rsa2048-pkcs1-sha256.sig")
            ),
            Err(Error::Sha1Refused {
                oid: oid.to_owned()
            }),
            "{oid}"
        );
    }
}

#[test]
fn md5_and_md2_are_refused() {
    for (algorithm, oid) in [
        (MD5_WITH_RSA, "1.2.840.113549.1.1.4"),
        (MD2_WITH_RSA, "1.2.840.113549.1.1.2"),
    ] {
        assert_eq!(
            verify(
                algorithm,
                kat!("rsa2048.spki.der"),
                MESSAGE,
                kat!("rsa2048-pkcs1-sha256.sig")
            ),
            Err(Error::Md5Refused {
                oid: oid.to_owned()
            }),
            "{oid}"
        );
    }
}

#[test]
fn rsa1024_key_is_refused_below_the_default_floor() {
    assert_eq!(
        verify(
            SHA256_WITH_RSA,
            kat!("rsa1024.spki.der"),
            MESSAGE,
            kat!("rsa1024-pkcs1-sha256.sig")
        ),
        Err(Error::RsaKeyTooSmall {
            bits: 1024,
            minimum: 2048
        })
    );
}

/// RSASSA-PSS, SHA-256, MGF1-SHA-256, saltLength 1054 (the maximum for RSA-8704).
const PSS_SHA256_SALT1054: &str = "304206092a864886f70d01010a3035a00f300d06096086480165030402010500\
                                   a11c301a06092a864886f70d010108300d06096086480165030402010500a2040202041e";

/// Genuine OpenSSL signatures by an RSA-8704 key (testdata/kat/make-large-rsa.sh) are
/// refused by the key's size, for PKCS#1 (ring's path) and for PSS with the maximum
/// salt (RustCrypto `rsa`'s path, which would take up to 16384 bits), and so is
/// garbage in place of the signature: the size is checked before either backend works
/// on the key.
#[test]
fn rsa_key_above_8192_bits_is_refused_by_size_before_either_backend() {
    let too_large = Err(Error::RsaKeyTooLarge {
        bits: 8704,
        maximum: 8192,
    });
    let key = kat!("rsa8704.spki.der");
    for (algorithm, signature) in [
        (SHA256_WITH_RSA, kat!("rsa8704-pkcs1-sha256.sig")),
        (PSS_SHA256_SALT1054, kat!("rsa8704-pss-sha256-salt1054.sig")),
    ] {
        assert_eq!(verify(algorithm, key, MESSAGE, signature), too_large);
        assert_eq!(verify(algorithm, key, MESSAGE, &[0xff; 3]), too_large);
    }
    assert_eq!(
        check_public_key(&spki(key), &AlgorithmPolicy::default()),
        Err(Error::RsaKeyTooLarge {
            bits: 8704,
            maximum: 8192
        })
    );
    // A refused key, not a failed signature: CRYPTO_CONSTRAINTS_FAILURE on a path.
    assert_eq!(
        SubIndication::of_chain_error(&Error::ChainSignature {
            depth: 1,
            cause: Box::new(Error::RsaKeyTooLarge {
                bits: 8704,
                maximum: 8192
            })
        }),
        SubIndication::CryptoConstraintsFailure
    );
}

#[test]
fn rsa1024_key_verifies_when_the_policy_lowers_the_floor() {
    let policy = AlgorithmPolicy {
        min_rsa_bits: 1024,
        ..AlgorithmPolicy::default()
    };
    assert_kat(
        SHA256_WITH_RSA,
        kat!("rsa1024.spki.der"),
        kat!("rsa1024-pkcs1-sha256.sig"),
        &policy,
    );
}

#[test]
fn ecdsa_algorithm_with_rsa_key_is_a_mismatch() {
    assert_eq!(
        verify(
            ECDSA_WITH_SHA256,
            kat!("rsa2048.spki.der"),
            MESSAGE,
            kat!("p256-sha256.sig")
        ),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "ecdsa-with-SHA256".to_owned(),
            key_algorithm: "RSA-2048".to_owned(),
        })
    );
}

#[test]
fn sm2_algorithm_with_p256_key_is_a_mismatch() {
    assert_eq!(
        verify(
            SM2_WITH_SM3,
            kat!("p256.spki.der"),
            MESSAGE,
            kat!("sm2-sm3.sig")
        ),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "SM2-with-SM3".to_owned(),
            key_algorithm: "ECDSA-P256".to_owned(),
        })
    );
}

#[test]
fn ecdsa_algorithm_with_sm2_key_is_a_mismatch() {
    assert_eq!(
        verify(
            ECDSA_WITH_SHA256,
            kat!("sm2.spki.der"),
            MESSAGE,
            kat!("sm2-sm3.sig")
        ),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "ecdsa-with-SHA256".to_owned(),
            key_algorithm: "SM2".to_owned(),
        })
    );
}

#[test]
fn pss_declaring_salt_zero_over_a_salt_32_signature_does_not_verify() {
    // Salt 0 is a valid declaration (RFC 8017 §9.1); the signature was made with a
    // 32-byte salt, so the encoding does not check out.
    let result = verify(
        PSS_SHA256_SALT0,
        kat!("rsa2048.spki.der"),
        MESSAGE,
        kat!("rsa2048-pss-sha256.sig"),
    );
    assert_eq!(result, Err(Error::SignatureInvalid));
}

#[test]
fn pss_without_parameters_is_invalid_parameters() {
    let result = verify(
        PSS_NO_PARAMS,
        kat!("rsa2048.spki.der"),
        MESSAGE,
        kat!("rsa2048-pss-sha256.sig"),
    );
    assert!(
        matches!(&result, Err(Error::AlgorithmParametersInvalid { reason }) if reason.contains("absent")),
        "{result:?}"
    );
}

#[test]
fn pkcs1_with_parameters_other_than_null_is_invalid_parameters() {
    let result = verify(
        SHA256_WITH_RSA_BAD_PARAMS,
        kat!("rsa2048.spki.der"),
        MESSAGE,
        kat!("rsa2048-pkcs1-sha256.sig"),
    );
    assert!(
        matches!(&result, Err(Error::AlgorithmParametersInvalid { reason }) if reason.contains("NULL or absent")),
        "{result:?}"
    );
}

#[test]
fn unknown_signature_oid_is_unsupported() {
    assert_eq!(
        verify(
            UNKNOWN,
            kat!("rsa2048.spki.der"),
            MESSAGE,
            kat!("rsa2048-pkcs1-sha256.sig")
        ),
        Err(Error::UnsupportedSignatureAlgorithm {
            oid: "1.2.3.4".to_owned()
        })
    );
}

#[test]
fn key_algorithm_of_each_key() {
    for (key, expected, display) in [
        (
            kat!("rsa2048.spki.der"),
            KeyAlgorithm::Rsa { bits: 2048 },
            "RSA-2048",
        ),
        (
            kat!("rsa1024.spki.der"),
            KeyAlgorithm::Rsa { bits: 1024 },
            "RSA-1024",
        ),
        (kat!("p256.spki.der"), KeyAlgorithm::EcdsaP256, "ECDSA-P256"),
        (kat!("p384.spki.der"), KeyAlgorithm::EcdsaP384, "ECDSA-P384"),
        (kat!("ed25519.spki.der"), KeyAlgorithm::Ed25519, "Ed25519"),
        (kat!("sm2.spki.der"), KeyAlgorithm::Sm2, "SM2"),
        (kat!("sm2-algorithm-oid.spki.der"), KeyAlgorithm::Sm2, "SM2"),
    ] {
        let found = KeyAlgorithm::of(&spki(key));
        assert_eq!(found, expected);
        assert_eq!(found.to_string(), display);
    }
    assert_eq!(KeyAlgorithm::Unknown.to_string(), "unknown");
}

#[test]
fn key_algorithm_of_an_unsupported_key_is_unknown() {
    // SEQUENCE { SEQUENCE { 1.2.3.4 }, BIT STRING 00 01 02 }
    let der = hex("300c300506032a0304030300 0102");
    assert_eq!(KeyAlgorithm::of(&spki(&der)), KeyAlgorithm::Unknown);
}

#[test]
fn signature_algorithm_names() {
    for (algorithm, name) in [
        (SHA256_WITH_RSA, "sha256WithRSAEncryption"),
        (SHA384_WITH_RSA, "sha384WithRSAEncryption"),
        (SHA512_WITH_RSA, "sha512WithRSAEncryption"),
        (PSS_SHA256_SALT32, "RSASSA-PSS"),
        (ECDSA_WITH_SHA256, "ecdsa-with-SHA256"),
        (ECDSA_WITH_SHA384, "ecdsa-with-SHA384"),
        (ED25519, "Ed25519"),
        (SM2_WITH_SM3, "SM2-with-SM3"),
        (SHA1_WITH_RSA, "sha1WithRSAEncryption"),
        (UNKNOWN, "1.2.3.4"),
    ] {
        let der = hex(algorithm);
        let (_, algorithm) = AlgorithmIdentifier::from_der(&der).unwrap();
        assert_eq!(signature_algorithm_name(&algorithm), name);
    }
}

#[test]
fn default_policy_is_the_documented_one() {
    let policy = AlgorithmPolicy::default();
    assert_eq!(policy.sm2_signer_id, DEFAULT_SM2_SIGNER_ID);
    assert_eq!(policy.min_rsa_bits, 2048);
}
