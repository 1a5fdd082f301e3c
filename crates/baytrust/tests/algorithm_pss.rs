//! RSASSA-PSS with any salt length its parameters declare, strict RSASSA-PSS-params, and
//! `id-RSASSA-PSS` public keys (RFC 4055 §3.1, RFC 8017 §8.1, §9.1). The vectors were
//! made by OpenSSL 3.0 with the commands in `testdata/kat/make-pss.sh`; the algorithm
//! identifiers are encoded here field by field so that each rule can be broken alone.

use baytrust::algorithm::{check_public_key, verify_signature, AlgorithmPolicy, KeyAlgorithm};
use baytrust::Error;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

macro_rules! kat {
    ($file:literal) => {
        include_bytes!(concat!("../../../testdata/kat/", $file)).as_slice()
    };
}

const MESSAGE: &[u8] = kat!("message.txt");

// ---- a tiny DER writer for the algorithm identifiers --------------------------------

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A minimal two's-complement DER INTEGER.
fn integer(value: i64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut start = 0;
    while start < 7 {
        let (b, next) = (bytes[start], bytes[start + 1]);
        if (b == 0x00 && next & 0x80 == 0) || (b == 0xff && next & 0x80 != 0) {
            start += 1;
        } else {
            break;
        }
    }
    tlv(0x02, &bytes[start..])
}

const NULL: &[u8] = &[0x05, 0x00];
const OID_PSS: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
];
const OID_MGF1: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08,
];
const SHA1: &[u8] = &[0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a];
const SHA256: &[u8] = &[
    0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
];
const SHA384: &[u8] = &[
    0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
];
/// SHA-224 (2.16.840.1.101.3.4.2.4), a hash baytrust does not take for PSS.
const SHA224: &[u8] = &[
    0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04,
];

/// One RSASSA-PSS-params field set; `None` leaves the field out (its DEFAULT applies).
#[derive(Clone, Copy)]
struct Pss {
    hash: Option<&'static [u8]>,
    mgf_hash: Option<&'static [u8]>,
    salt: Option<i64>,
    trailer: Option<i64>,
}

impl Pss {
    /// SHA-256, MGF1-SHA-256, the given salt, trailer left to its default.
    fn sha256(salt: i64) -> Pss {
        Pss {
            hash: Some(SHA256),
            mgf_hash: Some(SHA256),
            salt: Some(salt),
            trailer: None,
        }
    }

    fn sha384(salt: i64) -> Pss {
        Pss {
            hash: Some(SHA384),
            mgf_hash: Some(SHA384),
            salt: Some(salt),
            trailer: None,
        }
    }

    /// The RSASSA-PSS-params SEQUENCE, hash AlgorithmIdentifiers with NULL parameters
    /// as OpenSSL writes them.
    fn params(self) -> Vec<u8> {
        let mut fields = Vec::new();
        if let Some(hash) = self.hash {
            fields.extend(tlv(0xa0, &seq(&[hash, NULL])));
        }
        if let Some(mgf_hash) = self.mgf_hash {
            fields.extend(tlv(0xa1, &seq(&[OID_MGF1, &seq(&[mgf_hash, NULL])])));
        }
        if let Some(salt) = self.salt {
            fields.extend(tlv(0xa2, &integer(salt)));
        }
        if let Some(trailer) = self.trailer {
            fields.extend(tlv(0xa3, &integer(trailer)));
        }
        tlv(0x30, &fields)
    }

    /// The signature AlgorithmIdentifier `id-RSASSA-PSS` with these parameters.
    fn algorithm(self) -> Vec<u8> {
        seq(&[OID_PSS, &self.params()])
    }
}

fn spki(der: &[u8]) -> SubjectPublicKeyInfo<'_> {
    let (rest, spki) = SubjectPublicKeyInfo::from_der(der).unwrap();
    assert!(rest.is_empty());
    spki
}

fn verify_policy(
    algorithm: &[u8],
    key: &[u8],
    message: &[u8],
    signature: &[u8],
    policy: &AlgorithmPolicy<'_>,
) -> Result<(), Error> {
    let (rest, algorithm) = AlgorithmIdentifier::from_der(algorithm).unwrap();
    assert!(rest.is_empty());
    verify_signature(&spki(key), &algorithm, message, signature, policy)
}

fn verify(algorithm: &[u8], key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error> {
    verify_policy(
        algorithm,
        key,
        message,
        signature,
        &AlgorithmPolicy::default(),
    )
}

fn flipped(message: &[u8]) -> Vec<u8> {
    let mut flipped = message.to_vec();
    flipped[0] ^= 0x01;
    flipped
}

/// The signature verifies over `MESSAGE` and not over it with one bit flipped.
fn assert_verifies(pss: Pss, key: &[u8], signature: &[u8]) {
    assert_eq!(verify(&pss.algorithm(), key, MESSAGE, signature), Ok(()));
    assert_eq!(
        verify(&pss.algorithm(), key, &flipped(MESSAGE), signature),
        Err(Error::SignatureInvalid)
    );
}

const RSA2048: &[u8] = kat!("pss-rsa2048.spki.der");
const SALT0: &[u8] = kat!("pss-rsa2048-sha256-salt0.sig");
const SALT32: &[u8] = kat!("pss-rsa2048-sha256-salt32.sig");
const SALT222: &[u8] = kat!("pss-rsa2048-sha256-salt222.sig");
const SHA384_SALT206: &[u8] = kat!("pss-rsa2048-sha384-salt206.sig");
const PSS_KEY: &[u8] = kat!("pss-key-sha256.spki.der");
const PSS_KEY_OPEN: &[u8] = kat!("pss-key-open.spki.der");

// ---- salts: any length the parameters declare ----------------------------------------

#[test]
fn pss_salt_0_verifies() {
    assert_verifies(Pss::sha256(0), RSA2048, SALT0);
}

#[test]
fn pss_salt_of_the_hash_length_verifies() {
    assert_verifies(Pss::sha256(32), RSA2048, SALT32);
}

#[test]
fn pss_maximum_salt_222_of_openssl_default_verifies() {
    assert_verifies(Pss::sha256(222), RSA2048, SALT222);
}

#[test]
fn pss_sha384_maximum_salt_206_verifies() {
    assert_verifies(Pss::sha384(206), RSA2048, SHA384_SALT206);
}

#[test]
fn pss_salt_must_be_the_declared_one() {
    // Each signature checks out only under the salt length it was made with.
    for (declared, signature) in [(32, SALT222), (222, SALT32), (0, SALT32), (221, SALT222)] {
        assert_eq!(
            verify(
                &Pss::sha256(declared).algorithm(),
                RSA2048,
                MESSAGE,
                signature
            ),
            Err(Error::SignatureInvalid),
            "declared {declared}"
        );
    }
}

#[test]
fn pss_signature_of_the_wrong_length_does_not_verify() {
    let short = &SALT222[1..];
    assert_eq!(
        verify(&Pss::sha256(222).algorithm(), RSA2048, MESSAGE, short),
        Err(Error::SignatureInvalid)
    );
    let mut long = SALT222.to_vec();
    long.push(0);
    assert_eq!(
        verify(&Pss::sha256(222).algorithm(), RSA2048, MESSAGE, &long),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn pss_default_salt_20_is_read_when_absent() {
    // saltLength DEFAULT 20: a salt-32 signature does not verify as salt 20, and the
    // error is the signature's, not the parameters'.
    let pss = Pss {
        salt: None,
        ..Pss::sha256(0)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::SignatureInvalid)
    );
}

#[test]
fn pss_salt_longer_than_the_key_allows_is_refused() {
    for salt in [223, 1 << 20, i64::MAX] {
        assert_eq!(
            verify(&Pss::sha256(salt).algorithm(), RSA2048, MESSAGE, SALT222),
            Err(Error::PssSaltLengthInvalid {
                salt_length: salt,
                maximum: 222
            }),
            "{salt}"
        );
    }
    // The maximum depends on the hash: SHA-384 leaves 206.
    assert_eq!(
        verify(
            &Pss::sha384(207).algorithm(),
            RSA2048,
            MESSAGE,
            SHA384_SALT206
        ),
        Err(Error::PssSaltLengthInvalid {
            salt_length: 207,
            maximum: 206
        })
    );
}

#[test]
fn pss_negative_salt_is_refused() {
    for salt in [-1, -32, i64::MIN] {
        assert_eq!(
            verify(&Pss::sha256(salt).algorithm(), RSA2048, MESSAGE, SALT32),
            Err(Error::PssSaltLengthInvalid {
                salt_length: salt,
                maximum: 222
            }),
            "{salt}"
        );
    }
}

// ---- RSASSA-PSS-params read strictly ---------------------------------------------------

#[test]
fn pss_mgf1_hash_must_be_the_message_hash() {
    let pss = Pss {
        mgf_hash: Some(SHA384),
        ..Pss::sha256(32)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "SHA-384".into()
        })
    );
    let pss = Pss {
        mgf_hash: Some(SHA1),
        ..Pss::sha256(32)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "SHA-1".into()
        })
    );
    let pss = Pss {
        mgf_hash: Some(SHA224),
        ..Pss::sha256(32)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "2.16.840.1.101.3.4.2.4".into()
        })
    );
}

#[test]
fn pss_default_mgf1_sha1_with_a_sha2_hash_is_a_mask_hash_mismatch() {
    let pss = Pss {
        mgf_hash: None,
        ..Pss::sha256(32)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "SHA-1 (the MGF1 default)".into()
        })
    );
}

#[test]
fn pss_sha1_hash_explicit_or_default_is_refused() {
    let explicit = Pss {
        hash: Some(SHA1),
        mgf_hash: Some(SHA1),
        salt: Some(20),
        trailer: None,
    };
    let default = Pss {
        hash: None,
        mgf_hash: None,
        salt: None,
        trailer: None,
    };
    for pss in [explicit, default] {
        assert_eq!(
            verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
            Err(Error::Sha1Refused {
                oid: "1.3.14.3.2.26".into()
            })
        );
    }
}

#[test]
fn pss_hash_outside_sha2_256_to_512_is_invalid_parameters() {
    let pss = Pss {
        hash: Some(SHA224),
        mgf_hash: Some(SHA224),
        ..Pss::sha256(28)
    };
    assert_eq!(
        verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS hash 2.16.840.1.101.3.4.2.4 is not SHA-256, SHA-384 or SHA-512"
                .into()
        })
    );
}

#[test]
fn pss_trailer_field_other_than_1_is_refused() {
    for trailer in [0, 2, -1] {
        let pss = Pss {
            trailer: Some(trailer),
            ..Pss::sha256(32)
        };
        assert_eq!(
            verify(&pss.algorithm(), RSA2048, MESSAGE, SALT32),
            Err(Error::PssTrailerFieldInvalid {
                trailer_field: trailer
            }),
            "{trailer}"
        );
    }
}

#[test]
fn pss_trailer_field_1_written_out_is_read_as_the_default() {
    let pss = Pss {
        trailer: Some(1),
        ..Pss::sha256(32)
    };
    assert_verifies(pss, RSA2048, SALT32);
}

#[test]
fn pss_params_with_trailing_or_unknown_fields_do_not_decode() {
    // An extra [4] field after trailerField.
    let mut params = Pss::sha256(32).params();
    let extra = tlv(0xa4, &integer(0));
    params.extend(&extra);
    params[1] += extra.len() as u8;
    let algorithm = seq(&[OID_PSS, &params]);
    let result = verify(&algorithm, RSA2048, MESSAGE, SALT32);
    assert!(
        matches!(&result, Err(Error::AlgorithmParametersInvalid { reason }) if reason.starts_with("RSASSA-PSS-params do not decode")),
        "{result:?}"
    );
    // NULL in place of the SEQUENCE.
    let algorithm = seq(&[OID_PSS, NULL]);
    assert_eq!(
        verify(&algorithm, RSA2048, MESSAGE, SALT32),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS parameters are not a SEQUENCE, found tag Null".into()
        })
    );
}

// ---- id-RSASSA-PSS public keys ---------------------------------------------------------

#[test]
fn pss_key_is_classified_with_its_modulus_size() {
    for key in [PSS_KEY, PSS_KEY_OPEN] {
        assert_eq!(
            KeyAlgorithm::of(&spki(key)),
            KeyAlgorithm::RsaPss { bits: 2048 }
        );
    }
    assert_eq!(
        KeyAlgorithm::RsaPss { bits: 2048 }.to_string(),
        "RSA-PSS-2048"
    );
}

#[test]
fn pss_key_verifies_salts_its_parameters_allow() {
    assert_verifies(Pss::sha256(32), PSS_KEY, kat!("pss-key-sha256-salt32.sig"));
    assert_verifies(Pss::sha256(64), PSS_KEY, kat!("pss-key-sha256-salt64.sig"));
}

#[test]
fn pss_key_without_parameters_takes_any_hash() {
    assert_verifies(
        Pss::sha384(48),
        PSS_KEY_OPEN,
        kat!("pss-key-open-sha384-salt48.sig"),
    );
}

#[test]
fn pss_key_refuses_a_salt_below_its_minimum() {
    assert_eq!(
        verify(
            &Pss::sha256(20).algorithm(),
            PSS_KEY,
            MESSAGE,
            kat!("pss-key-sha256-salt32.sig")
        ),
        Err(Error::PssKeyConstraintViolated {
            field: "saltLength".into(),
            key: "at least 32".into(),
            signature: "20".into()
        })
    );
}

#[test]
fn pss_key_refuses_a_hash_other_than_its_own() {
    assert_eq!(
        verify(
            &Pss::sha384(48).algorithm(),
            PSS_KEY,
            MESSAGE,
            kat!("pss-key-sha256-salt32.sig")
        ),
        Err(Error::PssKeyConstraintViolated {
            field: "hashAlgorithm".into(),
            key: "SHA-256".into(),
            signature: "SHA-384".into()
        })
    );
}

#[test]
fn pss_key_refuses_pkcs1_v1_5_signatures() {
    // RFC 4055 §1.2: a key identified by id-RSASSA-PSS signs with RSASSA-PSS only.
    let sha256_with_rsa = seq(&[
        &[
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
        ],
        NULL,
    ]);
    assert_eq!(
        verify(
            &sha256_with_rsa,
            PSS_KEY,
            MESSAGE,
            kat!("pss-key-sha256-salt32.sig")
        ),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "sha256WithRSAEncryption".into(),
            key_algorithm: "RSA-PSS-2048".into()
        })
    );
}

#[test]
fn pss_key_is_held_to_the_rsa_size_floor() {
    let policy = AlgorithmPolicy {
        min_rsa_bits: 3072,
        ..AlgorithmPolicy::default()
    };
    let too_small = Err(Error::RsaKeyTooSmall {
        bits: 2048,
        minimum: 3072,
    });
    assert_eq!(check_public_key(&spki(PSS_KEY), &policy), too_small);
    assert_eq!(
        verify_policy(
            &Pss::sha256(32).algorithm(),
            PSS_KEY,
            MESSAGE,
            kat!("pss-key-sha256-salt32.sig"),
            &policy
        )
        .map(|()| KeyAlgorithm::Unknown),
        too_small
    );
    assert_eq!(
        check_public_key(&spki(PSS_KEY), &AlgorithmPolicy::default()),
        Ok(KeyAlgorithm::RsaPss { bits: 2048 })
    );
}

/// `PSS_KEY_OPEN` with its AlgorithmIdentifier replaced by `algorithm`.
fn pss_key_with_algorithm(algorithm: &[u8]) -> Vec<u8> {
    let key = spki(PSS_KEY_OPEN);
    let mut bits = vec![0x00];
    bits.extend_from_slice(&key.subject_public_key.data);
    seq(&[algorithm, &tlv(0x03, &bits)])
}

#[test]
fn pss_key_parameters_are_read_as_strictly_as_a_signature_s() {
    let null = pss_key_with_algorithm(&seq(&[OID_PSS, NULL]));
    assert_eq!(
        check_public_key(&spki(&null), &AlgorithmPolicy::default()),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS parameters are not a SEQUENCE, found tag Null".into()
        })
    );
    let mismatched = pss_key_with_algorithm(
        &Pss {
            mgf_hash: Some(SHA384),
            ..Pss::sha256(32)
        }
        .algorithm(),
    );
    assert_eq!(
        check_public_key(&spki(&mismatched), &AlgorithmPolicy::default()),
        Err(Error::PssMaskHashMismatch {
            hash: "SHA-256".into(),
            mgf_hash: "SHA-384".into()
        })
    );
    let sha1 = pss_key_with_algorithm(&seq(&[OID_PSS, &seq(&[])]));
    assert_eq!(
        check_public_key(&spki(&sha1), &AlgorithmPolicy::default()),
        Err(Error::Sha1Refused {
            oid: "1.3.14.3.2.26".into()
        })
    );
}

#[test]
fn pss_key_constraint_added_by_hand_binds_the_same_key() {
    // The open key verifies SHA-384 (above); the same key constrained to SHA-256 does not.
    let key = pss_key_with_algorithm(&Pss::sha256(32).algorithm());
    assert_eq!(
        verify(
            &Pss::sha384(48).algorithm(),
            &key,
            MESSAGE,
            kat!("pss-key-open-sha384-salt48.sig")
        ),
        Err(Error::PssKeyConstraintViolated {
            field: "hashAlgorithm".into(),
            key: "SHA-256".into(),
            signature: "SHA-384".into()
        })
    );
}

// ---- other schemes against RSA keys ----------------------------------------------------

#[test]
fn sm2_signature_algorithm_with_an_rsa_key_is_a_mismatch() {
    let sm2_with_sm3 = seq(&[&[0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]]);
    assert_eq!(
        verify(&sm2_with_sm3, RSA2048, MESSAGE, SALT32),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "SM2-with-SM3".into(),
            key_algorithm: "RSA-2048".into()
        })
    );
    assert_eq!(
        verify(&sm2_with_sm3, PSS_KEY, MESSAGE, SALT32),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "SM2-with-SM3".into(),
            key_algorithm: "RSA-PSS-2048".into()
        })
    );
}

// ---- attacks on the parameter encoding ------------------------------------------------

/// `id-RSASSA-PSS` whose params are SHA-256 / MGF1-SHA-256 followed by `salt_field`
/// written as given (a raw `[2]` TLV).
fn pss_with_raw_salt_field(salt_field: &[u8]) -> Vec<u8> {
    let mut fields = tlv(0xa0, &seq(&[SHA256, NULL]));
    fields.extend(tlv(0xa1, &seq(&[OID_MGF1, &seq(&[SHA256, NULL])])));
    fields.extend_from_slice(salt_field);
    seq(&[OID_PSS, &tlv(0x30, &fields)])
}

fn assert_does_not_decode(algorithm: &[u8], what: &str) {
    let result = verify(algorithm, RSA2048, MESSAGE, SALT32);
    assert!(
        matches!(&result, Err(Error::AlgorithmParametersInvalid { reason }) if reason.starts_with("RSASSA-PSS-params do not decode")),
        "{what}: {result:?}"
    );
}

#[test]
fn pss_salt_integer_wider_than_64_bits_does_not_decode() {
    // saltLength 2^64 (9 content bytes).
    let huge = tlv(0xa2, &tlv(0x02, &[0x01, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_does_not_decode(&pss_with_raw_salt_field(&huge), "2^64");
}

#[test]
fn pss_salt_integer_not_minimally_encoded_does_not_decode() {
    // 32 as 02 02 00 20: DER requires 02 01 20.
    let padded = tlv(0xa2, &tlv(0x02, &[0x00, 0x20]));
    assert_does_not_decode(&pss_with_raw_salt_field(&padded), "00 20");
    // An empty INTEGER.
    let empty = tlv(0xa2, &tlv(0x02, &[]));
    assert_does_not_decode(&pss_with_raw_salt_field(&empty), "empty");
}

#[test]
fn pss_salt_field_implicitly_tagged_does_not_decode() {
    // [2] IMPLICIT INTEGER (82 01 20) where RFC 4055 has [2] EXPLICIT.
    assert_does_not_decode(&pss_with_raw_salt_field(&[0x82, 0x01, 0x20]), "implicit");
}

#[test]
fn pss_fields_out_of_order_do_not_decode() {
    let mut fields = tlv(0xa1, &seq(&[OID_MGF1, &seq(&[SHA256, NULL])]));
    fields.extend(tlv(0xa0, &seq(&[SHA256, NULL])));
    fields.extend(tlv(0xa2, &integer(32)));
    assert_does_not_decode(&seq(&[OID_PSS, &tlv(0x30, &fields)]), "[1] before [0]");
}

#[test]
fn pss_hash_parameters_other_than_null_are_refused() {
    let mut fields = tlv(0xa0, &seq(&[SHA256, &integer(0)]));
    fields.extend(tlv(0xa1, &seq(&[OID_MGF1, &seq(&[SHA256, NULL])])));
    fields.extend(tlv(0xa2, &integer(32)));
    assert_eq!(
        verify(
            &seq(&[OID_PSS, &tlv(0x30, &fields)]),
            RSA2048,
            MESSAGE,
            SALT32
        ),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS hash parameters must be NULL or absent, found tag INTEGER".into()
        })
    );
    // Absent hash parameters are fine (RFC 4055 §2.1).
    let mut fields = tlv(0xa0, &seq(&[SHA256]));
    fields.extend(tlv(0xa1, &seq(&[OID_MGF1, &seq(&[SHA256])])));
    fields.extend(tlv(0xa2, &integer(32)));
    assert_eq!(
        verify(
            &seq(&[OID_PSS, &tlv(0x30, &fields)]),
            RSA2048,
            MESSAGE,
            SALT32
        ),
        Ok(())
    );
}

#[test]
fn pss_mask_generation_other_than_mgf1_is_refused() {
    // 1.2.840.113549.1.1.9 (id-pSpecified) in place of id-mgf1.
    let not_mgf1: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x09,
    ];
    let mut fields = tlv(0xa0, &seq(&[SHA256, NULL]));
    fields.extend(tlv(0xa1, &seq(&[not_mgf1, &seq(&[SHA256, NULL])])));
    fields.extend(tlv(0xa2, &integer(32)));
    assert_eq!(
        verify(
            &seq(&[OID_PSS, &tlv(0x30, &fields)]),
            RSA2048,
            MESSAGE,
            SALT32
        ),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS mask generation 1.2.840.113549.1.1.9 is not MGF1".into()
        })
    );
    // MGF1 without its hash parameter.
    let mut fields = tlv(0xa0, &seq(&[SHA256, NULL]));
    fields.extend(tlv(0xa1, &seq(&[OID_MGF1])));
    fields.extend(tlv(0xa2, &integer(32)));
    assert_eq!(
        verify(
            &seq(&[OID_PSS, &tlv(0x30, &fields)]),
            RSA2048,
            MESSAGE,
            SALT32
        ),
        Err(Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS MGF1 parameters are absent".into()
        })
    );
}

#[test]
fn pss_signature_value_of_all_ones_or_zeros_does_not_verify() {
    // Representatives ≥ n and 0 go through the RustCrypto path (salt 222) and ring's.
    for salt in [32, 222] {
        for fill in [0x00u8, 0xff] {
            assert_eq!(
                verify(
                    &Pss::sha256(salt).algorithm(),
                    RSA2048,
                    MESSAGE,
                    &[fill; 256]
                ),
                Err(Error::SignatureInvalid),
                "salt {salt}, fill {fill:#x}"
            );
        }
    }
}

#[test]
fn pss_key_refuses_ecdsa_signatures() {
    let ecdsa = seq(&[&[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]]);
    assert_eq!(
        verify(&ecdsa, PSS_KEY, MESSAGE, SALT32),
        Err(Error::AlgorithmKeyMismatch {
            signature_algorithm: "ecdsa-with-SHA256".into(),
            key_algorithm: "RSA-PSS-2048".into()
        })
    );
}

#[test]
fn pss_key_trailer_field_other_than_1_is_refused_in_the_key_too() {
    let key = pss_key_with_algorithm(
        &Pss {
            trailer: Some(2),
            ..Pss::sha256(32)
        }
        .algorithm(),
    );
    assert_eq!(
        check_public_key(&spki(&key), &AlgorithmPolicy::default()),
        Err(Error::PssTrailerFieldInvalid { trailer_field: 2 })
    );
    assert_eq!(KeyAlgorithm::of(&spki(&key)), KeyAlgorithm::Unknown);
}

/// The modulus of `RSA2048` with the public exponent `exponent` (big-endian magnitude).
fn rsa2048_with_exponent(exponent: &[u8]) -> Vec<u8> {
    let key = spki(RSA2048);
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    let rsa_public_key: &[u8] = &key.subject_public_key.data;
    let modulus_tlv = &rsa_public_key[4..4 + 4 + 257];
    assert_eq!(&modulus_tlv[..4], &[0x02, 0x82, 0x01, 0x01]);
    let mut e = exponent.to_vec();
    if e.first().is_some_and(|b| b & 0x80 != 0) {
        e.insert(0, 0);
    }
    let body = seq(&[modulus_tlv, &tlv(0x02, &e)]);
    let mut bits = vec![0x00];
    bits.extend(body);
    let rsa_encryption = seq(&[
        &[
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
        ],
        NULL,
    ]);
    seq(&[&rsa_encryption, &tlv(0x03, &bits)])
}

#[test]
fn rsa_public_exponent_the_backends_cannot_use_is_an_invalid_key_on_both_paths() {
    for (exponent, hex) in [
        (&[0x01, 0x00, 0x00, 0x00, 0x00, 0x01][..], "010000000001"),
        (&[0x02, 0x00, 0x00, 0x00, 0x01][..], "0200000001"),
        (&[0x01, 0x00, 0x00][..], "010000"),
        (&[0x01][..], "01"),
    ] {
        let key = rsa2048_with_exponent(exponent);
        for (salt, signature) in [(32, SALT32), (222, SALT222)] {
            assert_eq!(
                verify(&Pss::sha256(salt).algorithm(), &key, MESSAGE, signature),
                Err(Error::PublicKeyInvalid {
                    reason: format!(
                        "RSA publicExponent 0x{hex} is not an odd number in 3..=2^33-1"
                    )
                }),
                "e = 0x{hex}, salt {salt}"
            );
        }
    }
    // 65537 written out again verifies as before.
    let key = rsa2048_with_exponent(&[0x01, 0x00, 0x01]);
    assert_eq!(
        verify(&Pss::sha256(222).algorithm(), &key, MESSAGE, SALT222),
        Ok(())
    );
}

#[test]
fn every_single_byte_change_in_the_pss_algorithm_identifier_is_refused() {
    // sha256 / MGF1-SHA-256 / salt 222 over the salt-222 signature: one changed byte
    // anywhere (three masks each) must never verify and never panic.
    let algorithm = Pss::sha256(222).algorithm();
    assert_eq!(
        verify(&algorithm, RSA2048, MESSAGE, SALT222),
        Ok(()),
        "the unchanged identifier verifies"
    );
    let mut checked = 0;
    // The RSASSA-PSS-params start at byte 13, after `30 42 06 09 <OID>`; the bytes
    // before are x509-parser's to read, and it is lenient there: it reads the outer
    // tag 0xb0 like 0x30 and an OID tagged 0x07 like one tagged 0x06 (reported; the
    // CMS reader checks both with `der` before this point).
    let params = 13;
    assert_eq!(&algorithm[params..params + 2], &[0x30, 0x35]);
    for at in params..algorithm.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut changed = algorithm.clone();
            changed[at] ^= mask;
            let Ok((_, parsed)) = AlgorithmIdentifier::from_der(&changed) else {
                continue;
            };
            checked += 1;
            let result = verify_signature(
                &spki(RSA2048),
                &parsed,
                MESSAGE,
                SALT222,
                &AlgorithmPolicy::default(),
            );
            assert!(result.is_err(), "byte {at} ^ {mask:#04x} verified");
        }
    }
    assert!(checked > 100, "only {checked} changes still parsed");
}

#[test]
fn pss_key_whose_minimum_salt_cannot_fit_is_refused() {
    for salt in [-1, 223, 1 << 40] {
        let key = pss_key_with_algorithm(&Pss::sha256(salt).algorithm());
        assert_eq!(
            check_public_key(&spki(&key), &AlgorithmPolicy::default()),
            Err(Error::PssSaltLengthInvalid {
                salt_length: salt,
                maximum: 222
            }),
            "{salt}"
        );
    }
    // The largest minimum that fits is a key that signs only with the maximum salt.
    let key = pss_key_with_algorithm(&Pss::sha256(222).algorithm());
    assert_eq!(
        check_public_key(&spki(&key), &AlgorithmPolicy::default()),
        Ok(KeyAlgorithm::RsaPss { bits: 2048 })
    );
}
