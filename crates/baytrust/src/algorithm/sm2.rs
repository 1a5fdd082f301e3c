//! SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) with SM3, verified by the
//! workspace crate `baytrust-sm2` (fiat-crypto field arithmetic, variable-time wNAF: every
//! input of a verification is public): the signature is DER `SEQUENCE { r INTEGER,
//! s INTEGER }` (GM/T 0009-2012 §7.3) over SM3(Z ‖ M), where Z hashes the signer
//! identifier and the public key. The identifier is any bytes (GB/T 32918 does not make
//! it text). Signing stays with RustCrypto `sm2` (`cms::builder::signing_key`).
//!
//! The key is a SEC 1 point, uncompressed (`04`) or compressed (`02`/`03`); the point at
//! infinity, the hybrid forms and the non-standard "compact" form `05` are refused.
//!
//! This module also recognises sm2p256v1 written out as explicit ECParameters
//! (SEC 1 §C.2 `SpecifiedECDomain`), as mainland CAs' keys carry it.

use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode, Sequence, Tagged};

use crate::Error;

use baytrust_sm2::curve::{A, B, GX, GY, N, P};

/// Verifies an SM2-with-SM3 signature over `message` made by the holder of the SEC 1
/// point `public_key` under the signer identifier `signer_id`. The checks run in the
/// order identifier length, key, signature encoding, verification, so that the error
/// names the first input at fault.
pub(super) fn verify(
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
    signer_id: &[u8],
) -> Result<(), Error> {
    identifier_bit_length(signer_id)?;
    let public_key = baytrust_sm2::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| {
        Error::PublicKeyInvalid {
            reason: "SM2 public key is not a point on sm2p256v1".to_owned(),
        }
    })?;
    let signature =
        baytrust_sm2::Signature::from_der(signature).map_err(|_| Error::SignatureMalformed {
            reason: "SM2 signature is not a DER SEQUENCE of r and s in [1, n-1]".to_owned(),
        })?;
    public_key
        .verify(signer_id, message, &signature)
        .map_err(|e| match e {
            baytrust_sm2::Error::SignerIdTooLong { len } => Error::Sm2SignerIdTooLong { len },
            _ => Error::SignatureInvalid,
        })
}

/// ENTL: the signer identifier's length in bits, which must fit two bytes
/// (GB/T 32918.2-2016 §5.5), so at most 8191 bytes.
fn identifier_bit_length(signer_id: &[u8]) -> Result<u16, Error> {
    signer_id
        .len()
        .checked_mul(8)
        .and_then(|bits| u16::try_from(bits).ok())
        .ok_or(Error::Sm2SignerIdTooLong {
            len: signer_id.len(),
        })
}

/// `SpecifiedECDomain` / `ECParameters` (SEC 1 v2 §C.2, RFC 3279 §2.3.5):
///
/// ```text
/// ECParameters ::= SEQUENCE {
///     version   INTEGER { ecpVer1(1) } (ecpVer1),
///     fieldID   FieldID {{FieldTypes}},
///     curve     Curve,
///     base      ECPoint,
///     order     INTEGER,
///     cofactor  INTEGER OPTIONAL }
/// ```
#[derive(Sequence)]
struct SpecifiedEcDomain<'a> {
    version: i64,
    field_id: FieldId<'a>,
    curve: CurveDer<'a>,
    base: AnyRef<'a>,
    order: UintRef<'a>,
    #[asn1(optional = "true")]
    cofactor: Option<UintRef<'a>>,
}

/// `FieldID ::= SEQUENCE { fieldType OBJECT IDENTIFIER, parameters ANY }`; for a prime
/// field the parameters are the prime p as an INTEGER.
#[derive(Sequence)]
struct FieldId<'a> {
    field_type: ObjectIdentifier,
    parameters: AnyRef<'a>,
}

/// `Curve ::= SEQUENCE { a FieldElement, b FieldElement, seed BIT STRING OPTIONAL }`,
/// each FieldElement an OCTET STRING of the field's size.
#[derive(Sequence)]
struct CurveDer<'a> {
    a: AnyRef<'a>,
    b: AnyRef<'a>,
    #[asn1(optional = "true")]
    seed: Option<AnyRef<'a>>,
}

/// Accepts explicit `id-ecPublicKey` parameters only when they are sm2p256v1 field by
/// field: version 1, a prime field with p, a, b, the base point G (uncompressed, or
/// compressed with the right y parity), the order n and a cofactor 1 when given; the
/// seed, which only says how the curve was found, is not compared. Any other curve is
/// [`Error::ExplicitCurveUnsupported`] naming the first field that differs (explicit
/// P-256 differs at `p`); parameters that do not decode are [`Error::PublicKeyInvalid`].
pub(super) fn check_explicit_curve(
    parameters: &x509_parser::asn1_rs::Any<'_>,
) -> Result<(), Error> {
    use x509_parser::asn1_rs::ToDer;
    let invalid = |reason: String| Error::PublicKeyInvalid {
        reason: format!("explicit EC parameters: {reason}"),
    };
    let encoded = parameters
        .to_der_vec()
        .map_err(|e| invalid(format!("do not encode: {e}")))?;
    let domain = SpecifiedEcDomain::from_der(&encoded)
        .map_err(|e| invalid(format!("not ECParameters (SEC 1 §C.2): {e}")))?;
    let differs = |field: &str| Error::ExplicitCurveUnsupported {
        field: field.to_owned(),
    };
    if domain.version != 1 {
        return Err(differs("version"));
    }
    if domain.field_id.field_type != crate::oid::typed::PRIME_FIELD {
        return Err(differs("fieldType"));
    }
    let p = domain
        .field_id
        .parameters
        .decode_as::<UintRef<'_>>()
        .map_err(|e| invalid(format!("prime-field parameters are not an INTEGER: {e}")))?;
    if p.as_bytes() != P {
        return Err(differs("p"));
    }
    if octets(domain.curve.a).map_err(&invalid)? != A {
        return Err(differs("a"));
    }
    if octets(domain.curve.b).map_err(&invalid)? != B {
        return Err(differs("b"));
    }
    if let Some(seed) = domain.curve.seed {
        if seed.tag() != der::Tag::BitString {
            return Err(invalid("curve seed is not a BIT STRING".to_owned()));
        }
    }
    if !is_base_point(octets(domain.base).map_err(&invalid)?) {
        return Err(differs("G"));
    }
    if domain.order.as_bytes() != N {
        return Err(differs("n"));
    }
    if domain.cofactor.is_some_and(|h| h.as_bytes() != [1]) {
        return Err(differs("h"));
    }
    Ok(())
}

/// The contents of an OCTET STRING.
fn octets(any: AnyRef<'_>) -> Result<&[u8], String> {
    if any.tag() == der::Tag::OctetString {
        Ok(any.value())
    } else {
        Err(format!("expected an OCTET STRING, found tag {}", any.tag()))
    }
}

/// Whether `point` encodes G of sm2p256v1 (SEC 1 §2.3.3): `04 ‖ x ‖ y`, or `02`/`03 ‖ x`
/// with the parity of y.
fn is_base_point(point: &[u8]) -> bool {
    let y_parity = GY.last().map_or(0, |byte| byte & 1);
    match point.split_first() {
        Some((0x04, rest)) => rest.get(..32) == Some(&GX[..]) && rest.get(32..) == Some(&GY[..]),
        Some((&prefix @ (0x02 | 0x03), x)) => x == GX && prefix & 1 == y_parity,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_base_point, GX, GY};

    #[test]
    fn base_point_is_read_uncompressed_or_compressed_with_the_right_parity() {
        let uncompressed = [&[0x04][..], &GX, &GY].concat();
        assert!(is_base_point(&uncompressed));
        // Gy ends in 0xa0: even, so the compressed form starts 02.
        assert!(is_base_point(&[&[0x02][..], &GX].concat()));
        assert!(!is_base_point(&[&[0x03][..], &GX].concat()));
        // Hybrid forms (06/07), truncated points and the point at infinity are not G.
        assert!(!is_base_point(&[&[0x06][..], &GX, &GY].concat()));
        assert!(!is_base_point(&uncompressed[..64]));
        assert!(!is_base_point(&[0x00]));
        assert!(!is_base_point(&[]));
        let mut other = uncompressed.clone();
        other[64] ^= 0x01;
        assert!(!is_base_point(&other));
    }
}
