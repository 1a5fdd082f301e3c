//! Message digests of CMS (RFC 5652 §5.4, RFC 5754; SM3 for GM/T 0010): which
//! algorithms an OID names, and a streaming digester that computes every digest the
//! signers need in one pass over content of any size.

use std::io::Read;

use crate::algorithm::Sha2;
use crate::oid::{MD5, SHA1, SHA256, SHA384, SHA512, SM3};
use crate::Error;

/// How many bytes the streaming digester reads at a time.
const CHUNK: usize = 64 * 1024;

/// A digest algorithm a signer may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DigestAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SM3.
    Sm3,
}

impl DigestAlgorithm {
    /// The algorithm a dotted OID names. SHA-1 and MD5 are refused with their own
    /// errors ([`Error::Sha1Refused`], [`Error::Md5Refused`]); anything else is
    /// [`Error::UnsupportedDigestAlgorithm`].
    pub fn from_oid(dotted: &str) -> Result<Self, Error> {
        match dotted {
            SHA256 => Ok(Self::Sha256),
            SHA384 => Ok(Self::Sha384),
            SHA512 => Ok(Self::Sha512),
            SM3 => Ok(Self::Sm3),
            SHA1 => Err(Error::Sha1Refused {
                oid: dotted.to_owned(),
            }),
            MD5 => Err(Error::Md5Refused {
                oid: dotted.to_owned(),
            }),
            _ => Err(Error::UnsupportedDigestAlgorithm {
                oid: dotted.to_owned(),
            }),
        }
    }

    /// The dotted OID.
    pub fn oid(self) -> &'static str {
        match self {
            Self::Sha256 => SHA256,
            Self::Sha384 => SHA384,
            Self::Sha512 => SHA512,
            Self::Sm3 => SM3,
        }
    }

    /// The name reports use: `SHA-256`, `SHA-384`, `SHA-512`, `SM3`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
            Self::Sm3 => "SM3",
        }
    }

    /// The SHA-2 hash this is, if it is one (RSA and ECDSA sign only with SHA-2). Only
    /// signing asks.
    #[cfg(feature = "sign")]
    pub(crate) fn sha2(self) -> Option<Sha2> {
        match self {
            Self::Sha256 => Some(Sha2::Sha256),
            Self::Sha384 => Some(Sha2::Sha384),
            Self::Sha512 => Some(Sha2::Sha512),
            Self::Sm3 => None,
        }
    }

    /// The digest of `data` in one call.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut hasher = Hasher::new(self);
        hasher.update(data);
        hasher.finish()
    }
}

impl From<Sha2> for DigestAlgorithm {
    fn from(hash: Sha2) -> Self {
        match hash {
            Sha2::Sha256 => Self::Sha256,
            Sha2::Sha384 => Self::Sha384,
            Sha2::Sha512 => Self::Sha512,
        }
    }
}

/// One running digest.
enum Hasher {
    Ring(ring::digest::Context),
    Sm3(sm3::Sm3),
}

impl Hasher {
    fn new(algorithm: DigestAlgorithm) -> Self {
        match algorithm {
            DigestAlgorithm::Sha256 => {
                Self::Ring(ring::digest::Context::new(&ring::digest::SHA256))
            }
            DigestAlgorithm::Sha384 => {
                Self::Ring(ring::digest::Context::new(&ring::digest::SHA384))
            }
            DigestAlgorithm::Sha512 => {
                Self::Ring(ring::digest::Context::new(&ring::digest::SHA512))
            }
            DigestAlgorithm::Sm3 => Self::Sm3(<sm3::Sm3 as sm3::Digest>::new()),
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Self::Ring(context) => context.update(data),
            Self::Sm3(sm3) => sm3::Digest::update(sm3, data),
        }
    }

    fn finish(self) -> Vec<u8> {
        match self {
            Self::Ring(context) => context.finish().as_ref().to_vec(),
            Self::Sm3(sm3) => sm3::Digest::finalize(sm3).to_vec(),
        }
    }
}

/// Digests of one content under several algorithms, computed together in one pass.
pub struct ContentDigests {
    hashers: Vec<(DigestAlgorithm, Hasher)>,
}

/// The finished digests of a content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Digests {
    values: Vec<(DigestAlgorithm, Vec<u8>)>,
}

impl Digests {
    /// The digest under `algorithm`, if it was computed.
    pub fn get(&self, algorithm: DigestAlgorithm) -> Option<&[u8]> {
        self.values
            .iter()
            .find(|(a, _)| *a == algorithm)
            .map(|(_, v)| v.as_slice())
    }
}

impl ContentDigests {
    /// Starts digesting under each of `algorithms` (duplicates are computed once).
    pub fn new(algorithms: &[DigestAlgorithm]) -> Self {
        let mut unique: Vec<DigestAlgorithm> = algorithms.to_vec();
        unique.sort();
        unique.dedup();
        Self {
            hashers: unique.into_iter().map(|a| (a, Hasher::new(a))).collect(),
        }
    }

    /// Feeds the next piece of content.
    pub fn update(&mut self, data: &[u8]) {
        for (_, hasher) in &mut self.hashers {
            hasher.update(data);
        }
    }

    /// Reads `content` to its end in fixed-size chunks, so memory stays constant
    /// whatever its size.
    pub fn update_from(&mut self, content: &mut impl Read) -> std::io::Result<()> {
        let mut buffer = vec![0u8; CHUNK];
        loop {
            let read = match content.read(&mut buffer) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.update(buffer.get(..read).unwrap_or_default());
        }
    }

    /// The finished digests.
    pub fn finish(self) -> Digests {
        Digests {
            values: self
                .hashers
                .into_iter()
                .map(|(a, hasher)| (a, hasher.finish()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::message_text::hex;

    #[test]
    fn known_answers_for_abc() {
        // FIPS 180-4 examples and GB/T 32905-2016 Appendix A.1.
        assert_eq!(
            hex(&DigestAlgorithm::Sha256.digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&DigestAlgorithm::Sm3.digest(b"abc")),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
    }

    #[test]
    fn streaming_in_pieces_equals_one_shot() {
        let data: Vec<u8> = (0..200_000u32).map(|i| i as u8).collect();
        let mut digests = ContentDigests::new(&[
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sm3,
            DigestAlgorithm::Sha384,
        ]);
        digests.update_from(&mut data.as_slice()).unwrap();
        let digests = digests.finish();
        assert_eq!(
            digests.get(DigestAlgorithm::Sha384),
            Some(DigestAlgorithm::Sha384.digest(&data).as_slice())
        );
        assert_eq!(
            digests.get(DigestAlgorithm::Sm3),
            Some(DigestAlgorithm::Sm3.digest(&data).as_slice())
        );
        assert_eq!(digests.get(DigestAlgorithm::Sha256), None);
    }

    #[test]
    fn sha1_and_md5_are_refused_by_oid() {
        assert_eq!(
            DigestAlgorithm::from_oid("1.3.14.3.2.26"),
            Err(Error::Sha1Refused {
                oid: "1.3.14.3.2.26".into()
            })
        );
        assert_eq!(
            DigestAlgorithm::from_oid("1.2.840.113549.2.5"),
            Err(Error::Md5Refused {
                oid: "1.2.840.113549.2.5".into()
            })
        );
        assert_eq!(
            DigestAlgorithm::from_oid("1.2.3"),
            Err(Error::UnsupportedDigestAlgorithm {
                oid: "1.2.3".into()
            })
        );
    }
}
