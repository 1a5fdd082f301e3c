//! Signature algorithm identifiers: which OIDs baytrust verifies, which it refuses, the
//! parameters each must carry, and their human names.

use std::fmt;

use x509_parser::asn1_rs::{Any, Tag};
use x509_parser::x509::AlgorithmIdentifier;

use super::rsa;
use crate::oid::{
    DSA_WITH_SHA1, ECDSA_WITH_SHA1, ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ECDSA_WITH_SHA512,
    ED25519, MD2_WITH_RSA, MD5_WITH_RSA, OIW_DSA_WITH_SHA1, OIW_MD5_WITH_RSA, RSASSA_PSS,
    SHA1_WITH_RSA, SHA1_WITH_RSA_SIGNATURE, SHA256_WITH_RSA, SHA384_WITH_RSA, SHA512_WITH_RSA,
    SM2_WITH_SM3,
};
use crate::Error;

/// SHA-1 based signature algorithms, refused with [`Error::Sha1Refused`].
const SHA1_BASED: &[(&str, &str)] = &[
    (SHA1_WITH_RSA, "sha1WithRSAEncryption"),
    (ECDSA_WITH_SHA1, "ecdsa-with-SHA1"),
    (SHA1_WITH_RSA_SIGNATURE, "sha1WithRSASignature"),
    (DSA_WITH_SHA1, "dsa-with-sha1"),
    (OIW_DSA_WITH_SHA1, "dsaWithSHA1"),
];

/// MD5 and MD2 based signature algorithms, refused with [`Error::Md5Refused`].
const MD5_BASED: &[(&str, &str)] = &[
    (MD5_WITH_RSA, "md5WithRSAEncryption"),
    (MD2_WITH_RSA, "md2WithRSAEncryption"),
    (OIW_MD5_WITH_RSA, "md5WithRSA"),
];

/// Names of the algorithms baytrust verifies (or names but cannot verify).
const SUPPORTED: &[(&str, &str)] = &[
    (SHA256_WITH_RSA, "sha256WithRSAEncryption"),
    (SHA384_WITH_RSA, "sha384WithRSAEncryption"),
    (SHA512_WITH_RSA, "sha512WithRSAEncryption"),
    (RSASSA_PSS, "RSASSA-PSS"),
    (ECDSA_WITH_SHA256, "ecdsa-with-SHA256"),
    (ECDSA_WITH_SHA384, "ecdsa-with-SHA384"),
    (ECDSA_WITH_SHA512, "ecdsa-with-SHA512"),
    (ED25519, "Ed25519"),
    (SM2_WITH_SM3, "SM2-with-SM3"),
];

/// The human name of a signature algorithm (`sha256WithRSAEncryption`, `RSASSA-PSS`,
/// `ecdsa-with-SHA256`, `Ed25519`, `SM2-with-SM3`, …), or its dotted OID when baytrust
/// has no name for it.
pub fn signature_algorithm_name(algorithm: &AlgorithmIdentifier<'_>) -> String {
    let oid = algorithm.algorithm.to_id_string();
    name_of(&oid).map_or(oid, str::to_owned)
}

fn name_of(oid: &str) -> Option<&'static str> {
    SUPPORTED
        .iter()
        .chain(SHA1_BASED)
        .chain(MD5_BASED)
        .find(|(known, _)| *known == oid)
        .map(|(_, name)| *name)
}

/// A hash function of the SHA-2 family, the only ones baytrust accepts in RSA and ECDSA
/// signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sha2 {
    /// SHA-256 (`2.16.840.1.101.3.4.2.1`).
    Sha256,
    /// SHA-384 (`2.16.840.1.101.3.4.2.2`).
    Sha384,
    /// SHA-512 (`2.16.840.1.101.3.4.2.3`).
    Sha512,
}

impl Sha2 {
    /// The hash named by a dotted OID (NIST CSOR, RFC 5754 §2).
    pub(crate) fn from_oid(oid: &str) -> Option<Sha2> {
        match oid {
            crate::oid::SHA256 => Some(Sha2::Sha256),
            crate::oid::SHA384 => Some(Sha2::Sha384),
            crate::oid::SHA512 => Some(Sha2::Sha512),
            _ => None,
        }
    }

    /// The digest length in bytes.
    pub(crate) fn output_len(self) -> usize {
        match self {
            Sha2::Sha256 => 32,
            Sha2::Sha384 => 48,
            Sha2::Sha512 => 64,
        }
    }
}

impl fmt::Display for Sha2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sha2::Sha256 => "SHA-256",
            Sha2::Sha384 => "SHA-384",
            Sha2::Sha512 => "SHA-512",
        })
    }
}

/// A signature scheme baytrust verifies, with its parameters checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SignatureScheme {
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
    RsaPkcs1(Sha2),
    /// RSASSA-PSS with MGF1 of the same hash and the salt its parameters declare
    /// (RFC 4055 §3.1).
    RsaPss(rsa::PssParams),
    /// ECDSA with a DER `Ecdsa-Sig-Value` (RFC 5758 §3.2).
    Ecdsa(Sha2),
    /// PureEdDSA on edwards25519 (RFC 8410 §3).
    Ed25519,
    /// SM2 signature over SM3(Z ‖ M) (GB/T 32918.2, GM/T 0009).
    Sm2WithSm3,
}

/// The signature algorithms [`SignatureScheme::from_algorithm`] accepts.
const SCHEME_OIDS: [&str; 8] = [
    SHA256_WITH_RSA,
    SHA384_WITH_RSA,
    SHA512_WITH_RSA,
    RSASSA_PSS,
    ECDSA_WITH_SHA256,
    ECDSA_WITH_SHA384,
    ED25519,
    SM2_WITH_SM3,
];

impl SignatureScheme {
    /// Reads a signature `AlgorithmIdentifier`: refuses SHA-1 and MD5/MD2, rejects
    /// unknown OIDs and parameters other than the algorithm's RFC allows.
    pub(super) fn from_algorithm(algorithm: &AlgorithmIdentifier<'_>) -> Result<Self, Error> {
        // The supported OIDs are found arc by arc (this runs for every signature); the
        // dotted string is built only to refuse or name an OID that is not one of them.
        let Some(known) = crate::oid::which(&algorithm.algorithm, &SCHEME_OIDS) else {
            let oid = algorithm.algorithm.to_id_string();
            if SHA1_BASED.iter().any(|(known, _)| *known == oid) {
                return Err(Error::Sha1Refused { oid });
            }
            if MD5_BASED.iter().any(|(known, _)| *known == oid) {
                return Err(Error::Md5Refused { oid });
            }
            return Err(Error::UnsupportedSignatureAlgorithm { oid });
        };
        let parameters = algorithm.parameters.as_ref();
        let scheme = match known {
            SHA256_WITH_RSA => SignatureScheme::RsaPkcs1(Sha2::Sha256),
            SHA384_WITH_RSA => SignatureScheme::RsaPkcs1(Sha2::Sha384),
            SHA512_WITH_RSA => SignatureScheme::RsaPkcs1(Sha2::Sha512),
            RSASSA_PSS => {
                return rsa::signature_pss_params(parameters).map(SignatureScheme::RsaPss)
            }
            ECDSA_WITH_SHA256 => SignatureScheme::Ecdsa(Sha2::Sha256),
            ECDSA_WITH_SHA384 => SignatureScheme::Ecdsa(Sha2::Sha384),
            ED25519 => SignatureScheme::Ed25519,
            SM2_WITH_SM3 => SignatureScheme::Sm2WithSm3,
            other => {
                return Err(Error::UnsupportedSignatureAlgorithm {
                    oid: other.to_owned(),
                })
            }
        };
        match scheme {
            // RFC 4055 §5: the parameters MUST be NULL; RFC 8017 A.2.4 lets readers
            // accept them absent.
            SignatureScheme::RsaPkcs1(_) => null_or_absent(parameters, "PKCS#1 v1.5 RSA")?,
            // RFC 5758 §3.2 and RFC 8410 §3: the parameters MUST be absent.
            SignatureScheme::Ecdsa(_) | SignatureScheme::Ed25519 => {
                if parameters.is_some() {
                    return Err(Error::AlgorithmParametersInvalid {
                        reason: format!("{scheme} parameters must be absent"),
                    });
                }
            }
            // GM/T 0006 gives none; some issuers write NULL.
            SignatureScheme::Sm2WithSm3 => null_or_absent(parameters, "SM2-with-SM3")?,
            SignatureScheme::RsaPss(_) => {}
        }
        Ok(scheme)
    }
}

/// Accepts parameters that are absent or an ASN.1 NULL.
pub(super) fn null_or_absent(parameters: Option<&Any<'_>>, what: &str) -> Result<(), Error> {
    match parameters {
        None => Ok(()),
        Some(any) if any.tag() == Tag::Null && any.data.is_empty() => Ok(()),
        Some(any) => Err(Error::AlgorithmParametersInvalid {
            reason: format!(
                "{what} parameters must be NULL or absent, found tag {}",
                any.tag()
            ),
        }),
    }
}

impl fmt::Display for SignatureScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureScheme::RsaPkcs1(Sha2::Sha256) => "sha256WithRSAEncryption",
            SignatureScheme::RsaPkcs1(Sha2::Sha384) => "sha384WithRSAEncryption",
            SignatureScheme::RsaPkcs1(Sha2::Sha512) => "sha512WithRSAEncryption",
            SignatureScheme::RsaPss(_) => "RSASSA-PSS",
            SignatureScheme::Ecdsa(Sha2::Sha256) => "ecdsa-with-SHA256",
            SignatureScheme::Ecdsa(Sha2::Sha384) => "ecdsa-with-SHA384",
            SignatureScheme::Ecdsa(Sha2::Sha512) => "ecdsa-with-SHA512",
            SignatureScheme::Ed25519 => "Ed25519",
            SignatureScheme::Sm2WithSm3 => "SM2-with-SM3",
        })
    }
}
