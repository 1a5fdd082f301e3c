//! `SigningKey`: a private key read from PKCS#8 (RFC 5958) that signs CMS signed
//! attributes. RSA, ECDSA P-256/P-384 and Ed25519 sign through ring; SM2-with-SM3
//! through RustCrypto `sm2`. Each key knows its signature algorithm and the digest its
//! signer uses for the content.

use std::fmt;

use der::asn1::ObjectIdentifier;
use der::Encode;
use pkcs8::PrivateKeyInfoRef;
use ring::rand::SystemRandom;
use ring::signature::{self as ring_signature, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use sm2::dsa::signature::Signer as _;
use sm2::elliptic_curve::sec1::ToSec1Point as _;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::signature_algorithm::{Sha2, SignatureAlgorithm};
use crate::algorithm::KeyAlgorithm;
use crate::cms::DigestAlgorithm;
use crate::oid::typed::{EC_PUBLIC_KEY, ED25519, RSA_ENCRYPTION, SECP256R1, SECP384R1, SM2P256V1};
use crate::Error;

/// The PEM label of an unencrypted PKCS#8 key (RFC 7468 §10).
const PRIVATE_KEY_LABEL: &str = "PRIVATE KEY";
/// The PEM label of an encrypted PKCS#8 key (RFC 7468 §11).
const ENCRYPTED_PRIVATE_KEY_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// The SM2 signer ID as the text `sm2` takes:
/// [`DEFAULT_SM2_SIGNER_ID`](crate::algorithm::DEFAULT_SM2_SIGNER_ID) as bytes.
const SM2_SIGNER_ID: &str = "1234567812345678";

/// A private key that signs CMS SignerInfos.
///
/// | key | signature algorithm | content digest |
/// |---|---|---|
/// | RSA 2048–4096 | sha256WithRSAEncryption (or SHA-384/512, or RSASSA-PSS) | SHA-256 (or as chosen) |
/// | ECDSA P-256 | ecdsa-with-SHA256 | SHA-256 |
/// | ECDSA P-384 | ecdsa-with-SHA384 | SHA-384 |
/// | Ed25519 | id-Ed25519, pure, over the signed attributes | SHA-512 (RFC 8419 §3.1) |
/// | SM2 | SM2-with-SM3, signer ID `1234567812345678` | SM3 |
///
/// Its `Debug` output names the algorithm only, never key material.
pub struct SigningKey {
    pair: Pair,
    algorithm: SignatureAlgorithm,
}

/// The backend key of each algorithm.
enum Pair {
    Rsa(RsaKeyPair),
    EcdsaP256(EcdsaKeyPair),
    EcdsaP384(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
    Sm2(Box<sm2::dsa::SigningKey>),
}

impl SigningKey {
    /// Reads a PEM `PRIVATE KEY` block (RFC 7468 §10) holding PKCS#8. An `ENCRYPTED
    /// PRIVATE KEY` is refused with [`Error::SigningKeyInvalid`] (decrypt it first);
    /// another label is [`Error::PemWrongLabel`]; no block at all is
    /// [`Error::PemNoBlock`].
    pub fn from_pkcs8_pem(pem: &[u8]) -> Result<Self, Error> {
        if pem.is_empty() {
            return Err(Error::EmptyInput);
        }
        // Text before the block (as `openssl pkey -text` writes) is skipped; text
        // after it is refused.
        let (block, rest) = crate::pem::first_block(pem)?.ok_or(Error::PemNoBlock)?;
        if !rest.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::PemMalformed {
                reason: "text follows the END line".to_owned(),
            });
        }
        match crate::pem::decode_block(block, &[PRIVATE_KEY_LABEL], PRIVATE_KEY_LABEL) {
            Ok(der) => Self::from_pkcs8_der(&der),
            Err(Error::PemWrongLabel { found, .. }) if found == ENCRYPTED_PRIVATE_KEY_LABEL => {
                Err(Error::SigningKeyInvalid {
                    reason: "the PKCS#8 key is encrypted; decrypt it first".to_owned(),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Reads a DER PKCS#8 `PrivateKeyInfo` or `OneAsymmetricKey` (RFC 5958 §2): RSA
    /// (`rsaEncryption`), ECDSA (`id-ecPublicKey` on P-256 or P-384), Ed25519
    /// (`id-Ed25519`) or SM2 (`id-ecPublicKey` on sm2p256v1, or sm2p256v1 as the
    /// algorithm). Other algorithms are [`Error::UnsupportedPublicKeyAlgorithm`]; keys
    /// that do not decode or that the backend refuses are [`Error::SigningKeyInvalid`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        if der.is_empty() {
            return Err(Error::EmptyInput);
        }
        let info = PrivateKeyInfoRef::try_from(der).map_err(|e| Error::SigningKeyInvalid {
            reason: format!("not a PKCS#8 PrivateKeyInfo: {e}"),
        })?;
        let algorithm = info.algorithm.oid;
        let curve = || {
            info.algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        };
        let rejected = |what: &str, e: ring::error::KeyRejected| Error::SigningKeyInvalid {
            reason: format!("{what} key rejected: {e}"),
        };
        let (pair, algorithm) = if algorithm == RSA_ENCRYPTION {
            let pair = RsaKeyPair::from_pkcs8(der).map_err(|e| rejected("RSA", e))?;
            (Pair::Rsa(pair), SignatureAlgorithm::RsaPkcs1(Sha2::Sha256))
        } else if algorithm == EC_PUBLIC_KEY && curve() == Some(SECP256R1) {
            let pair = EcdsaKeyPair::from_pkcs8(
                &ring_signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                der,
                &SystemRandom::new(),
            )
            .map_err(|e| rejected("ECDSA P-256", e))?;
            (Pair::EcdsaP256(pair), SignatureAlgorithm::EcdsaP256Sha256)
        } else if algorithm == EC_PUBLIC_KEY && curve() == Some(SECP384R1) {
            let pair = EcdsaKeyPair::from_pkcs8(
                &ring_signature::ECDSA_P384_SHA384_ASN1_SIGNING,
                der,
                &SystemRandom::new(),
            )
            .map_err(|e| rejected("ECDSA P-384", e))?;
            (Pair::EcdsaP384(pair), SignatureAlgorithm::EcdsaP384Sha384)
        } else if algorithm == ED25519 {
            // `maybe_unchecked` also reads PKCS#8 v1 keys, which carry no public key
            // (what OpenSSL writes); v2 keys still have their public key checked.
            let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
                .map_err(|e| rejected("Ed25519", e))?;
            (Pair::Ed25519(pair), SignatureAlgorithm::Ed25519)
        } else if (algorithm == EC_PUBLIC_KEY && curve() == Some(SM2P256V1))
            || algorithm == SM2P256V1
        {
            let pair = sm2_signing_key(info.private_key.as_bytes())?;
            (Pair::Sm2(Box::new(pair)), SignatureAlgorithm::Sm2WithSm3)
        } else {
            let oid = match (algorithm == EC_PUBLIC_KEY, curve()) {
                (true, Some(curve)) => curve.to_string(),
                _ => algorithm.to_string(),
            };
            return Err(Error::UnsupportedPublicKeyAlgorithm { oid });
        };
        Ok(Self { pair, algorithm })
    }

    /// Signs with RSASSA-PSS instead of PKCS#1 v1.5, keeping the hash (MGF1 with the
    /// same hash, salt as long as the hash: RFC 4055 §3.1). Only RSA keys can:
    /// others are [`Error::AlgorithmKeyMismatch`].
    pub fn with_rsa_pss(self) -> Result<Self, Error> {
        match self.algorithm {
            SignatureAlgorithm::RsaPkcs1(hash) | SignatureAlgorithm::RsaPss(hash) => Ok(Self {
                algorithm: SignatureAlgorithm::RsaPss(hash),
                ..self
            }),
            _ => Err(self.mismatch("RSASSA-PSS")),
        }
    }

    /// Chooses the content digest, and with it the hash of the signature. RSA keys take
    /// SHA-256, SHA-384 or SHA-512; every other key only its own digest (ECDSA ties the
    /// hash to the curve here, Ed25519 uses SHA-512 by RFC 8419, SM2 uses SM3).
    /// Anything else is [`Error::AlgorithmKeyMismatch`].
    pub fn with_digest(self, digest: DigestAlgorithm) -> Result<Self, Error> {
        if digest == self.digest_algorithm() {
            return Ok(self);
        }
        let algorithm = match (self.algorithm, digest.sha2()) {
            (SignatureAlgorithm::RsaPkcs1(_), Some(hash)) => SignatureAlgorithm::RsaPkcs1(hash),
            (SignatureAlgorithm::RsaPss(_), Some(hash)) => SignatureAlgorithm::RsaPss(hash),
            _ => return Err(self.mismatch(digest.name())),
        };
        Ok(Self { algorithm, ..self })
    }

    /// What kind of key this is (`RSA-2048`, `ECDSA-P256`, …).
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        match &self.pair {
            Pair::Rsa(pair) => KeyAlgorithm::Rsa {
                bits: pair.public().modulus_len().saturating_mul(8),
            },
            Pair::EcdsaP256(_) => KeyAlgorithm::EcdsaP256,
            Pair::EcdsaP384(_) => KeyAlgorithm::EcdsaP384,
            Pair::Ed25519(_) => KeyAlgorithm::Ed25519,
            Pair::Sm2(_) => KeyAlgorithm::Sm2,
        }
    }

    /// The digest the signer applies to the content (the SignerInfo's
    /// `digestAlgorithm`, RFC 5652 §5.3).
    pub fn digest_algorithm(&self) -> DigestAlgorithm {
        match self.algorithm {
            SignatureAlgorithm::RsaPkcs1(hash) | SignatureAlgorithm::RsaPss(hash) => {
                DigestAlgorithm::from(hash)
            }
            SignatureAlgorithm::EcdsaP256Sha256 => DigestAlgorithm::Sha256,
            SignatureAlgorithm::EcdsaP384Sha384 => DigestAlgorithm::Sha384,
            SignatureAlgorithm::Ed25519 => DigestAlgorithm::Sha512,
            SignatureAlgorithm::Sm2WithSm3 => DigestAlgorithm::Sm3,
        }
    }

    /// The signature algorithm's name as the verifier reports it
    /// (`sha256WithRSAEncryption`, `RSASSA-PSS`, `ecdsa-with-SHA256`, `Ed25519`,
    /// `SM2-with-SM3`, …).
    pub fn signature_algorithm_name(&self) -> &'static str {
        self.algorithm.name()
    }

    /// The DER `AlgorithmIdentifier` of the signature algorithm, as written in
    /// `SignerInfo.signatureAlgorithm` (RFC 5652 §5.3).
    pub fn signature_algorithm_der(&self) -> Result<Vec<u8>, Error> {
        self.algorithm
            .identifier()?
            .to_der()
            .map_err(|e| Error::CmsEncodingFailed {
                reason: format!("signature AlgorithmIdentifier: {e}"),
            })
    }

    /// The public key as a certificate's `subjectPublicKey` holds it: a DER
    /// `RSAPublicKey` (RFC 8017 A.1.1), an uncompressed SEC 1 point (ECDSA, SM2) or the
    /// 32 bytes of an Ed25519 key (RFC 8410 §4).
    pub fn public_key(&self) -> Vec<u8> {
        match &self.pair {
            Pair::Rsa(pair) => pair.public().as_ref().to_vec(),
            Pair::EcdsaP256(pair) | Pair::EcdsaP384(pair) => pair.public_key().as_ref().to_vec(),
            Pair::Ed25519(pair) => pair.public_key().as_ref().to_vec(),
            Pair::Sm2(key) => key
                .verifying_key()
                .as_affine()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec(),
        }
    }

    internal_pub! {
        /// Whether `spki` is this key's public key: the same kind of key and the same
        /// `subjectPublicKey` bytes.
        pub fn matches(&self, spki: &SubjectPublicKeyInfo<'_>) -> bool {
            let same_kind = match (KeyAlgorithm::of(spki), self.key_algorithm()) {
                (KeyAlgorithm::Rsa { .. }, KeyAlgorithm::Rsa { .. }) => true,
                (certified, own) => certified == own,
            };
            same_kind && *spki.subject_public_key.data == *self.public_key()
        }
    }

    /// Signs `message` with the key's signature algorithm. For RSA, ECDSA and SM2 the
    /// message is hashed by the algorithm (SM2 over SM3(Z ‖ M) with the default signer
    /// ID); Ed25519 signs it as it is. ECDSA and RSA blinding draw from the system's
    /// random source; failures are [`Error::SigningFailed`].
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        let failed = |what: &str| Error::SigningFailed {
            reason: format!("{} signing failed: {what}", self.algorithm.name()),
        };
        match &self.pair {
            Pair::Rsa(pair) => {
                let encoding: &'static dyn ring_signature::RsaEncoding = match self.algorithm {
                    SignatureAlgorithm::RsaPss(Sha2::Sha256) => &ring_signature::RSA_PSS_SHA256,
                    SignatureAlgorithm::RsaPss(Sha2::Sha384) => &ring_signature::RSA_PSS_SHA384,
                    SignatureAlgorithm::RsaPss(Sha2::Sha512) => &ring_signature::RSA_PSS_SHA512,
                    SignatureAlgorithm::RsaPkcs1(Sha2::Sha384) => &ring_signature::RSA_PKCS1_SHA384,
                    SignatureAlgorithm::RsaPkcs1(Sha2::Sha512) => &ring_signature::RSA_PKCS1_SHA512,
                    _ => &ring_signature::RSA_PKCS1_SHA256,
                };
                let mut signature = vec![0u8; pair.public().modulus_len()];
                pair.sign(encoding, &SystemRandom::new(), message, &mut signature)
                    .map_err(|_| failed("ring refused"))?;
                Ok(signature)
            }
            Pair::EcdsaP256(pair) | Pair::EcdsaP384(pair) => pair
                .sign(&SystemRandom::new(), message)
                .map(|signature| signature.as_ref().to_vec())
                .map_err(|_| failed("ring refused")),
            Pair::Ed25519(pair) => Ok(pair.sign(message).as_ref().to_vec()),
            Pair::Sm2(key) => key
                .try_sign(message)
                .map(|signature| signature.to_der().to_vec())
                .map_err(|_| failed("no valid nonce")),
        }
    }

    /// The signature algorithm as an identifier the crate's encoders take.
    pub(super) fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    fn mismatch(&self, wanted: &str) -> Error {
        Error::AlgorithmKeyMismatch {
            signature_algorithm: wanted.to_owned(),
            key_algorithm: self.key_algorithm().to_string(),
        }
    }
}

impl fmt::Debug for SigningKey {
    /// `SigningKey { key: RSA-2048, algorithm: sha256WithRSAEncryption }`: no key
    /// material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("key", &self.key_algorithm().to_string())
            .field("algorithm", &self.algorithm.name())
            .finish()
    }
}

/// An SM2 signing key from the `ECPrivateKey` (SEC 1 §C.4) inside PKCS#8, with the
/// default signer ID hashed into Z by `sm2` exactly as baytrust's verifier does.
fn sm2_signing_key(ec_private_key: &[u8]) -> Result<sm2::dsa::SigningKey, Error> {
    let secret =
        sm2::SecretKey::from_sec1_der(ec_private_key).map_err(|e| Error::SigningKeyInvalid {
            reason: format!("SM2 ECPrivateKey rejected: {e}"),
        })?;
    sm2::dsa::SigningKey::new(SM2_SIGNER_ID, &secret).map_err(|_| Error::SigningKeyInvalid {
        reason: "SM2 private key rejected by the signer".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm2_signer_id_is_the_verifiers_default() {
        assert_eq!(
            SM2_SIGNER_ID.as_bytes(),
            crate::algorithm::DEFAULT_SM2_SIGNER_ID
        );
    }

    #[test]
    fn garbage_is_not_a_signing_key() {
        assert!(matches!(
            SigningKey::from_pkcs8_der(&[0x30, 0x03, 0x02, 0x01, 0x00]),
            Err(Error::SigningKeyInvalid { .. })
        ));
        assert_eq!(
            SigningKey::from_pkcs8_der(&[]).err(),
            Some(Error::EmptyInput)
        );
        assert_eq!(
            SigningKey::from_pkcs8_pem(b"no pem here").err(),
            Some(Error::PemNoBlock)
        );
    }
}
