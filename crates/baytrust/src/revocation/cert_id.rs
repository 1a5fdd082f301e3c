//! The OCSP `CertID` (RFC 6960 §4.1.1): which certificate a response speaks of, by the
//! hash of its issuer's name and key and its serial number; SHA-1 (what most responders
//! use, as RFC 6960 §B and RFC 5019 ask) and SHA-256/384/512 are matched.

use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader, Tag};

use super::asn1::{canonical_integer, finish, read_integer, read_tlv, reader, Malformed};
use crate::cert::Certificate;
use crate::message_text::hex_upper;
use crate::oid;
use crate::Error;

/// A hash algorithm of a CertID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertIdHash {
    /// SHA-1 (`1.3.14.3.2.26`): only as an identifier here, never for a signature.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl CertIdHash {
    fn of_oid(oid: &ObjectIdentifier) -> Option<Self> {
        [
            (oid::typed::SHA1, Self::Sha1),
            (oid::typed::SHA256, Self::Sha256),
            (oid::typed::SHA384, Self::Sha384),
            (oid::typed::SHA512, Self::Sha512),
        ]
        .into_iter()
        .find_map(|(known, hash)| (*oid == known).then_some(hash))
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let algorithm = match self {
            Self::Sha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            Self::Sha256 => &ring::digest::SHA256,
            Self::Sha384 => &ring::digest::SHA384,
            Self::Sha512 => &ring::digest::SHA512,
        };
        ring::digest::digest(algorithm, data).as_ref().to_vec()
    }
}

/// A parsed CertID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertId {
    /// The hash algorithm.
    pub hash: CertIdHash,
    /// Hash of the issuer's DER name.
    pub issuer_name_hash: Vec<u8>,
    /// Hash of the issuer's subjectPublicKey BIT STRING value.
    pub issuer_key_hash: Vec<u8>,
    /// The serial number, canonical.
    pub serial: Vec<u8>,
}

impl CertId {
    /// Reads `CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING,
    /// issuerKeyHash OCTET STRING, serialNumber }` from its SEQUENCE's content.
    pub(super) fn parse(body: &[u8]) -> Result<Self, Error> {
        let bad = |m: Malformed| Error::OcspMalformed { reason: m.0 };
        let mut r = reader(body).map_err(bad)?;
        let (_, algorithm) = read_tlv(&mut r, Tag::Sequence, "hashAlgorithm").map_err(bad)?;
        let mut a = reader(algorithm).map_err(bad)?;
        let oid: ObjectIdentifier = ObjectIdentifier::decode(&mut a).map_err(|e| bad(e.into()))?;
        if !a.is_finished() {
            let (_, null) = read_tlv(&mut a, Tag::Null, "hash parameters").map_err(bad)?;
            if !null.is_empty() {
                return Err(bad("hash parameters are not NULL".into()));
            }
        }
        finish(a, "hashAlgorithm").map_err(bad)?;
        let hash = CertIdHash::of_oid(&oid).ok_or_else(|| Error::OcspHashAlgorithmUnsupported {
            oid: oid.to_string(),
        })?;
        let issuer_name_hash = <&OctetStringRef>::decode(&mut r)
            .map_err(|e| bad(e.into()))?
            .as_bytes()
            .to_vec();
        let issuer_key_hash = <&OctetStringRef>::decode(&mut r)
            .map_err(|e| bad(e.into()))?
            .as_bytes()
            .to_vec();
        let serial = read_integer(&mut r).map_err(bad)?.to_vec();
        finish(r, "CertID").map_err(bad)?;
        Ok(Self {
            hash,
            issuer_name_hash,
            issuer_key_hash,
            serial,
        })
    }

    /// Whether this CertID names `certificate` as issued by the holder of
    /// `issuer_name_der` and `issuer_key_bits` (the issuer's subject DER and its
    /// subjectPublicKey bits): all three of name hash, key hash and serial must match.
    pub fn matches(
        &self,
        certificate: &Certificate<'_>,
        issuer_name_der: &[u8],
        issuer_key_bits: &[u8],
    ) -> bool {
        self.serial == canonical_integer(certificate.serial())
            && self.hash.digest(issuer_name_der) == self.issuer_name_hash
            && self.hash.digest(issuer_key_bits) == self.issuer_key_hash
    }

    /// The serial as upper-case hex.
    pub fn serial_hex(&self) -> String {
        hex_upper(&self.serial)
    }
}
