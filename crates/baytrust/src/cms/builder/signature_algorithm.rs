//! The signature algorithms a [`SigningKey`](super::SigningKey) signs with, and the
//! `AlgorithmIdentifier` each writes into `SignerInfo.signatureAlgorithm` (RFC 5652
//! §5.3): parameters exactly as the algorithm's RFC says, so that baytrust's own
//! verifier and OpenSSL both accept them.

use der::asn1::{Null, ObjectIdentifier};
use der::{Any, Sequence};
use x509_cert::spki::AlgorithmIdentifierOwned;

pub(super) use crate::algorithm::Sha2;
use crate::cms::DigestAlgorithm;
use crate::oid::typed::{
    ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ED25519, MGF1, RSASSA_PSS, SHA256_WITH_RSA,
    SHA384_WITH_RSA, SHA512_WITH_RSA, SM2_WITH_SM3,
};
use crate::Error;

/// A signature algorithm baytrust signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256, SHA-384 or SHA-512 (RFC 8017 §8.2).
    RsaPkcs1(Sha2),
    /// RSASSA-PSS with MGF1 of the same hash and a salt as long as the hash (RFC 4055
    /// §3.1, the only form baytrust's verifier accepts).
    RsaPss(Sha2),
    /// ECDSA on P-256 with SHA-256 (RFC 5758 §3.2).
    EcdsaP256Sha256,
    /// ECDSA on P-384 with SHA-384 (RFC 5758 §3.2).
    EcdsaP384Sha384,
    /// PureEdDSA on edwards25519 (RFC 8410 §3, in CMS RFC 8419).
    Ed25519,
    /// SM2 over SM3(Z ‖ M) with the default signer ID (GB/T 32918.2, GM/T 0009).
    Sm2WithSm3,
}

impl SignatureAlgorithm {
    /// The name reports use, as the verifier spells it: `sha256WithRSAEncryption`,
    /// `RSASSA-PSS`, `ecdsa-with-SHA256`, `ecdsa-with-SHA384`, `Ed25519`, `SM2-with-SM3`.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::RsaPkcs1(Sha2::Sha256) => "sha256WithRSAEncryption",
            Self::RsaPkcs1(Sha2::Sha384) => "sha384WithRSAEncryption",
            Self::RsaPkcs1(Sha2::Sha512) => "sha512WithRSAEncryption",
            Self::RsaPss(_) => "RSASSA-PSS",
            Self::EcdsaP256Sha256 => "ecdsa-with-SHA256",
            Self::EcdsaP384Sha384 => "ecdsa-with-SHA384",
            Self::Ed25519 => "Ed25519",
            Self::Sm2WithSm3 => "SM2-with-SM3",
        }
    }

    /// The `AlgorithmIdentifier`: NULL parameters for PKCS#1 v1.5 (RFC 4055 §5), full
    /// `RSASSA-PSS-params` for PSS (RFC 4055 §3.1), absent for ECDSA and Ed25519
    /// (RFC 5758 §3.2, RFC 8410 §3) and for SM2-with-SM3 (GM/T 0006).
    pub(super) fn identifier(self) -> Result<AlgorithmIdentifierOwned, Error> {
        let (oid, parameters) = match self {
            Self::RsaPkcs1(hash) => {
                let oid = match hash {
                    Sha2::Sha256 => SHA256_WITH_RSA,
                    Sha2::Sha384 => SHA384_WITH_RSA,
                    Sha2::Sha512 => SHA512_WITH_RSA,
                };
                (oid, Some(Any::from(Null)))
            }
            Self::RsaPss(hash) => (RSASSA_PSS, Some(pss_parameters(hash)?)),
            Self::EcdsaP256Sha256 => (ECDSA_WITH_SHA256, None),
            Self::EcdsaP384Sha384 => (ECDSA_WITH_SHA384, None),
            Self::Ed25519 => (ED25519, None),
            Self::Sm2WithSm3 => (SM2_WITH_SM3, None),
        };
        Ok(AlgorithmIdentifierOwned { oid, parameters })
    }
}

/// The `AlgorithmIdentifier` of a digest algorithm, parameters absent (RFC 5754 §2:
/// SHA-2 parameters are absent when produced; GM/T 0010 gives SM3 none).
pub(super) fn digest_identifier(
    digest: DigestAlgorithm,
) -> Result<AlgorithmIdentifierOwned, Error> {
    let oid = ObjectIdentifier::new(digest.oid()).map_err(|e| Error::CmsEncodingFailed {
        reason: format!("digest OID {}: {e}", digest.oid()),
    })?;
    Ok(AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    })
}

/// `RSASSA-PSS-params` (RFC 4055 §3.1):
///
/// ```text
/// RSASSA-PSS-params  ::=  SEQUENCE  {
///     hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///     saltLength         [2] INTEGER DEFAULT 20,
///     trailerField       [3] INTEGER DEFAULT 1  }
/// ```
///
/// Every field baytrust writes differs from its SHA-1 default except `trailerField`,
/// which DER therefore omits.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct RsaSsaPssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    hash_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT")]
    mask_gen_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT")]
    salt_length: u32,
}

/// The PSS parameters for `hash`: the hash, MGF1 with the same hash, and a salt as
/// long as the hash output.
fn pss_parameters(hash: Sha2) -> Result<Any, Error> {
    let encoding = |e: der::Error| Error::CmsEncodingFailed {
        reason: format!("RSASSA-PSS-params: {e}"),
    };
    let salt_length = u32::try_from(hash.output_len()).unwrap_or(u32::MAX);
    let hash = digest_identifier(DigestAlgorithm::from(hash))?;
    let params = RsaSsaPssParams {
        mask_gen_algorithm: AlgorithmIdentifierOwned {
            oid: MGF1,
            parameters: Some(Any::encode_from(&hash).map_err(encoding)?),
        },
        hash_algorithm: hash,
        salt_length,
    };
    Any::encode_from(&params).map_err(encoding)
}
