//! Object identifiers baytrust acts on: the one place each is defined, as a dotted
//! string (the form x509-parser's `to_id_string` and der's `Display` give, so code
//! compares what it read against these). [`typed`] gives the few the DER writers and
//! readers need as `der` object identifiers, built from the same strings. Trust-scheme
//! data (policy OIDs of the mutual-recognition scheme) is deliberately absent: it comes
//! from trust lists.

// ---- name attributes (X.520, PKCS #9, RFC 4519) ----

/// `organizationIdentifier` (ETSI EN 319 412-1, X.520): carries `NTRxx-…`.
pub const ORGANIZATION_IDENTIFIER: &str = "2.5.4.97";
/// `commonName` (X.520).
pub const COMMON_NAME: &str = "2.5.4.3";
/// `surname` (X.520).
pub const SURNAME: &str = "2.5.4.4";
/// `serialNumber` attribute (X.520).
pub const SERIAL_NUMBER: &str = "2.5.4.5";
/// `countryName` (X.520).
pub const COUNTRY_NAME: &str = "2.5.4.6";
/// `localityName` (X.520).
pub const LOCALITY_NAME: &str = "2.5.4.7";
/// `stateOrProvinceName` (X.520).
pub const STATE_OR_PROVINCE_NAME: &str = "2.5.4.8";
/// `streetAddress` (X.520).
pub const STREET_ADDRESS: &str = "2.5.4.9";
/// `organizationName` (X.520).
pub const ORGANIZATION_NAME: &str = "2.5.4.10";
/// `organizationalUnitName` (X.520).
pub const ORGANIZATIONAL_UNIT_NAME: &str = "2.5.4.11";
/// `title` (X.520).
pub const TITLE: &str = "2.5.4.12";
/// `givenName` (X.520).
pub const GIVEN_NAME: &str = "2.5.4.42";
/// `emailAddress` (PKCS #9), the legacy home of e-mail addresses in subject names
/// (RFC 5280 §4.1.2.6, §4.2.1.6).
pub const EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";
/// `domainComponent` (RFC 4519 §2.4).
pub const DOMAIN_COMPONENT: &str = "0.9.2342.19200300.100.1.25";
/// `uid` (RFC 4519 §2.39).
pub const USER_ID: &str = "0.9.2342.19200300.100.1.1";

// ---- mainland identity extensions ----

/// Mainland identity extension: business registration number (`1.2.156.10260.4.1.3`).
pub const CN_BUSINESS_REGISTRATION_NUMBER: &str = "1.2.156.10260.4.1.3";
/// Mainland identity extension: organisation code / USCC (`1.2.156.10260.4.1.4`).
pub const CN_ORGANIZATION_CODE: &str = "1.2.156.10260.4.1.4";

// ---- certificate and CRL extensions (RFC 5280 §4.2, §5.2, §5.3) ----

/// `id-ce-subjectKeyIdentifier` (RFC 5280 §4.2.1.2).
pub const SUBJECT_KEY_IDENTIFIER: &str = "2.5.29.14";
/// `id-ce-keyUsage` (RFC 5280 §4.2.1.3).
pub const KEY_USAGE: &str = "2.5.29.15";
/// `id-ce-subjectAltName` (RFC 5280 §4.2.1.6).
pub const SUBJECT_ALT_NAME: &str = "2.5.29.17";
/// `id-ce-basicConstraints` (RFC 5280 §4.2.1.9).
pub const BASIC_CONSTRAINTS: &str = "2.5.29.19";
/// `id-ce-cRLNumber` (RFC 5280 §5.2.3).
pub const CRL_NUMBER: &str = "2.5.29.20";
/// `id-ce-cRLReasons` (RFC 5280 §5.3.1).
pub const REASON_CODE: &str = "2.5.29.21";
/// `id-ce-invalidityDate` (RFC 5280 §5.3.2).
pub const INVALIDITY_DATE: &str = "2.5.29.24";
/// `id-ce-deltaCRLIndicator` (RFC 5280 §5.2.4).
pub const DELTA_CRL_INDICATOR: &str = "2.5.29.27";
/// `id-ce-issuingDistributionPoint` (RFC 5280 §5.2.5).
pub const ISSUING_DISTRIBUTION_POINT: &str = "2.5.29.28";
/// `id-ce-certificateIssuer` (RFC 5280 §5.3.3).
pub const CERTIFICATE_ISSUER: &str = "2.5.29.29";
/// `id-ce-nameConstraints` (RFC 5280 §4.2.1.10).
pub const NAME_CONSTRAINTS: &str = "2.5.29.30";
/// `id-ce-cRLDistributionPoints` (RFC 5280 §4.2.1.13).
pub const CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
/// `id-ce-certificatePolicies` (RFC 5280 §4.2.1.4).
pub const CERTIFICATE_POLICIES: &str = "2.5.29.32";
/// `anyPolicy` (RFC 5280 §4.2.1.4).
pub const ANY_POLICY: &str = "2.5.29.32.0";
/// `id-ce-policyMappings` (RFC 5280 §4.2.1.5).
pub const POLICY_MAPPINGS: &str = "2.5.29.33";
/// `id-ce-authorityKeyIdentifier` (RFC 5280 §4.2.1.1).
pub const AUTHORITY_KEY_IDENTIFIER: &str = "2.5.29.35";
/// `id-ce-policyConstraints` (RFC 5280 §4.2.1.11).
pub const POLICY_CONSTRAINTS: &str = "2.5.29.36";
/// `id-ce-extKeyUsage` (RFC 5280 §4.2.1.12).
pub const EXTENDED_KEY_USAGE: &str = "2.5.29.37";
/// `id-ce-inhibitAnyPolicy` (RFC 5280 §4.2.1.14).
pub const INHIBIT_ANY_POLICY: &str = "2.5.29.54";

// ---- extended key usages (RFC 5280 §4.2.1.12, RFC 9336) ----

/// `anyExtendedKeyUsage` (RFC 5280 §4.2.1.12).
pub const ANY_EXTENDED_KEY_USAGE: &str = "2.5.29.37.0";
/// `id-kp-serverAuth` (RFC 5280 §4.2.1.12).
pub const KP_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
/// `id-kp-clientAuth` (RFC 5280 §4.2.1.12).
pub const KP_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
/// `id-kp-emailProtection` (RFC 5280 §4.2.1.12).
pub const KP_EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
/// `id-kp-OCSPSigning` (RFC 5280 §4.2.1.12, RFC 6960 §4.2.2.2).
pub const KP_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
/// `id-kp-documentSigning` (RFC 9336).
pub const KP_DOCUMENT_SIGNING: &str = "1.3.6.1.5.5.7.3.36";
/// Microsoft `szOID_KP_DOCUMENT_SIGNING`.
pub const MS_DOCUMENT_SIGNING: &str = "1.3.6.1.4.1.311.10.3.12";

// ---- OCSP (RFC 6960) and CMS revocation information (RFC 5940) ----

/// `id-pkix-ocsp-basic` (RFC 6960 §4.2.1).
pub const OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// `id-pkix-ocsp-nonce` (RFC 6960 §4.4.1).
pub const OCSP_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";
/// `id-pkix-ocsp-nocheck` (RFC 6960 §4.2.2.2.1).
pub const OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";
/// `id-ri-ocsp-response` (RFC 5940 §4.1).
pub const RI_OCSP_RESPONSE: &str = "1.3.6.1.5.5.7.16.2";

// ---- digest algorithms ----

/// `id-sha1` (RFC 3279 §2.2.1): refused for signatures (collision attacks).
pub const SHA1: &str = "1.3.14.3.2.26";
/// `id-md5` (RFC 3279 §2.2.1): refused.
pub const MD5: &str = "1.2.840.113549.2.5";
/// `id-sha256` (RFC 5754 §2.2).
pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
/// `id-sha384` (RFC 5754 §2.3).
pub const SHA384: &str = "2.16.840.1.101.3.4.2.2";
/// `id-sha512` (RFC 5754 §2.4).
pub const SHA512: &str = "2.16.840.1.101.3.4.2.3";
/// SM3 (GB/T 32905, GM/T 0006).
pub const SM3: &str = "1.2.156.10197.1.401";

// ---- public-key algorithms and curves ----

/// `rsaEncryption` (RFC 8017 A.1, RFC 3279 §2.3.1); CMS signers also write it for
/// PKCS #1 v1.5 signatures (RFC 3370 §3.2).
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// `id-RSASSA-PSS` (RFC 4055 §3.1), a key and a signature algorithm.
pub const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
/// `id-mgf1` (RFC 8017 A.2.1).
pub const MGF1: &str = "1.2.840.113549.1.1.8";
/// `id-ecPublicKey` (RFC 5480 §2.1.1); some CMS signers write it for ECDSA.
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// `prime-field` (X9.62, RFC 3279 §2.3.5): the fieldType of a curve over GF(p).
pub const PRIME_FIELD: &str = "1.2.840.10045.1.1";
/// `secp256r1` / P-256 (RFC 5480 §2.1.1.1).
pub const SECP256R1: &str = "1.2.840.10045.3.1.7";
/// `secp384r1` / P-384 (RFC 5480 §2.1.1.1).
pub const SECP384R1: &str = "1.3.132.0.34";
/// `id-Ed25519` (RFC 8410 §3), a key and a signature algorithm.
pub const ED25519: &str = "1.3.101.112";
/// `sm2p256v1` (GM/T 0006-2012): the SM2 curve, which some tools also write as the key
/// algorithm or the signature algorithm itself.
pub const SM2P256V1: &str = "1.2.156.10197.1.301";
/// GM/T 0006 `sm2sign`, which GM/T 0010 signers write as the signature algorithm.
pub const SM2_SIGN: &str = "1.2.156.10197.1.301.1";

// ---- signature algorithms ----

/// `sha256WithRSAEncryption` (RFC 4055 §5).
pub const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
/// `sha384WithRSAEncryption` (RFC 4055 §5).
pub const SHA384_WITH_RSA: &str = "1.2.840.113549.1.1.12";
/// `sha512WithRSAEncryption` (RFC 4055 §5).
pub const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";
/// `ecdsa-with-SHA256` (RFC 5758 §3.2).
pub const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";
/// `ecdsa-with-SHA384` (RFC 5758 §3.2).
pub const ECDSA_WITH_SHA384: &str = "1.2.840.10045.4.3.3";
/// `ecdsa-with-SHA512` (RFC 5758 §3.2); named, but ring cannot verify it.
pub const ECDSA_WITH_SHA512: &str = "1.2.840.10045.4.3.4";
/// `SM2-with-SM3` (GM/T 0006-2012, RFC 8998 §2).
pub const SM2_WITH_SM3: &str = "1.2.156.10197.1.501";
/// `sm3WithRSAEncryption` (GM/T 0006): named so its refusal names it.
pub const SM3_WITH_RSA: &str = "1.2.156.10197.1.504";
/// `sha1WithRSAEncryption` (RFC 3279 §2.2.1): refused.
pub const SHA1_WITH_RSA: &str = "1.2.840.113549.1.1.5";
/// `ecdsa-with-SHA1` (RFC 3279 §2.2.3): refused.
pub const ECDSA_WITH_SHA1: &str = "1.2.840.10045.4.1";
/// OIW `sha1WithRSASignature`: refused.
pub const SHA1_WITH_RSA_SIGNATURE: &str = "1.3.14.3.2.29";
/// `id-dsa-with-sha1` (RFC 3279 §2.2.2): refused.
pub const DSA_WITH_SHA1: &str = "1.2.840.10040.4.3";
/// OIW `dsaWithSHA1`: refused.
pub const OIW_DSA_WITH_SHA1: &str = "1.3.14.3.2.27";
/// `md5WithRSAEncryption` (RFC 3279 §2.2.1): refused.
pub const MD5_WITH_RSA: &str = "1.2.840.113549.1.1.4";
/// `md2WithRSAEncryption` (RFC 3279 §2.2.1): refused.
pub const MD2_WITH_RSA: &str = "1.2.840.113549.1.1.2";
/// OIW `md5WithRSA`: refused.
pub const OIW_MD5_WITH_RSA: &str = "1.3.14.3.2.3";

// ---- CMS content types (RFC 5652, RFC 2315, GM/T 0010) and attributes ----

/// `id-data` (RFC 5652 §4).
pub const ID_DATA: &str = "1.2.840.113549.1.7.1";
/// `id-signedData` (RFC 5652 §5.1).
pub const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
/// PKCS #7 `signedAndEnvelopedData` (RFC 2315 §11).
pub const ID_SIGNED_AND_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.4";
/// GM/T 0010-2012 `data`, a synonym of [`ID_DATA`].
pub const GMT_DATA: &str = "1.2.156.10197.6.1.4.2.1";
/// GM/T 0010-2012 `signedData`, a synonym of [`ID_SIGNED_DATA`].
pub const GMT_SIGNED_DATA: &str = "1.2.156.10197.6.1.4.2.2";
/// GM/T 0010-2012 `signedAndEnvelopedData`.
pub const GMT_SIGNED_AND_ENVELOPED_DATA: &str = "1.2.156.10197.6.1.4.2.4";
/// `id-contentType` (RFC 5652 §11.1).
pub const ID_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
/// `id-messageDigest` (RFC 5652 §11.2).
pub const ID_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
/// `id-signingTime` (RFC 5652 §11.3).
pub const ID_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
/// `id-countersignature` (RFC 5652 §11.4): never a signed attribute.
pub const ID_COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
/// `id-aa-signingCertificate` (RFC 2634 §5.4).
pub const ID_AA_SIGNING_CERTIFICATE: &str = "1.2.840.113549.1.9.16.2.12";
/// `id-aa-signingCertificateV2` (RFC 5035 §3).
pub const ID_AA_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";

/// The OIDs above that DER code builds or matches as `der` object identifiers, each
/// made from its dotted string at compile time (so an OID still has one definition).
pub(crate) mod typed {
    use der::asn1::ObjectIdentifier;

    /// A `der` object identifier of a dotted string, checked at compile time.
    const fn of(dotted: &str) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(dotted)
    }

    /// [`super::SUBJECT_KEY_IDENTIFIER`].
    pub(crate) const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = of(super::SUBJECT_KEY_IDENTIFIER);
    /// [`super::CRL_NUMBER`].
    pub(crate) const CRL_NUMBER: ObjectIdentifier = of(super::CRL_NUMBER);
    /// [`super::DELTA_CRL_INDICATOR`].
    pub(crate) const DELTA_CRL_INDICATOR: ObjectIdentifier = of(super::DELTA_CRL_INDICATOR);
    /// [`super::ISSUING_DISTRIBUTION_POINT`].
    pub(crate) const ISSUING_DISTRIBUTION_POINT: ObjectIdentifier =
        of(super::ISSUING_DISTRIBUTION_POINT);
    /// [`super::AUTHORITY_KEY_IDENTIFIER`].
    pub(crate) const AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier =
        of(super::AUTHORITY_KEY_IDENTIFIER);
    /// [`super::REASON_CODE`].
    pub(crate) const REASON_CODE: ObjectIdentifier = of(super::REASON_CODE);
    /// [`super::INVALIDITY_DATE`].
    pub(crate) const INVALIDITY_DATE: ObjectIdentifier = of(super::INVALIDITY_DATE);
    /// [`super::CERTIFICATE_ISSUER`].
    pub(crate) const CERTIFICATE_ISSUER: ObjectIdentifier = of(super::CERTIFICATE_ISSUER);
    /// [`super::RI_OCSP_RESPONSE`].
    pub(crate) const RI_OCSP_RESPONSE: ObjectIdentifier = of(super::RI_OCSP_RESPONSE);
    /// [`super::OCSP_BASIC`].
    pub(crate) const OCSP_BASIC: ObjectIdentifier = of(super::OCSP_BASIC);
    /// [`super::SHA1`].
    pub(crate) const SHA1: ObjectIdentifier = of(super::SHA1);
    /// [`super::SHA256`].
    pub(crate) const SHA256: ObjectIdentifier = of(super::SHA256);
    /// [`super::SHA384`].
    pub(crate) const SHA384: ObjectIdentifier = of(super::SHA384);
    /// [`super::SHA512`].
    pub(crate) const SHA512: ObjectIdentifier = of(super::SHA512);
    /// [`super::PRIME_FIELD`].
    pub(crate) const PRIME_FIELD: ObjectIdentifier = of(super::PRIME_FIELD);
    /// [`super::ID_DATA`].
    pub(crate) const ID_DATA: ObjectIdentifier = of(super::ID_DATA);
    /// [`super::ID_SIGNED_DATA`].
    pub(crate) const ID_SIGNED_DATA: ObjectIdentifier = of(super::ID_SIGNED_DATA);
    /// [`super::ID_CONTENT_TYPE`].
    pub(crate) const ID_CONTENT_TYPE: ObjectIdentifier = of(super::ID_CONTENT_TYPE);
    /// [`super::ID_MESSAGE_DIGEST`].
    pub(crate) const ID_MESSAGE_DIGEST: ObjectIdentifier = of(super::ID_MESSAGE_DIGEST);
    /// [`super::ID_SIGNING_TIME`].
    pub(crate) const ID_SIGNING_TIME: ObjectIdentifier = of(super::ID_SIGNING_TIME);
    /// [`super::ID_AA_SIGNING_CERTIFICATE_V2`].
    pub(crate) const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
        of(super::ID_AA_SIGNING_CERTIFICATE_V2);
    /// [`super::RSA_ENCRYPTION`].
    pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = of(super::RSA_ENCRYPTION);
    /// [`super::RSASSA_PSS`].
    pub(crate) const RSASSA_PSS: ObjectIdentifier = of(super::RSASSA_PSS);
    /// [`super::MGF1`].
    pub(crate) const MGF1: ObjectIdentifier = of(super::MGF1);
    /// [`super::EC_PUBLIC_KEY`].
    pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = of(super::EC_PUBLIC_KEY);
    /// [`super::SECP256R1`].
    pub(crate) const SECP256R1: ObjectIdentifier = of(super::SECP256R1);
    /// [`super::SECP384R1`].
    pub(crate) const SECP384R1: ObjectIdentifier = of(super::SECP384R1);
    /// [`super::ED25519`].
    pub(crate) const ED25519: ObjectIdentifier = of(super::ED25519);
    /// [`super::SM2P256V1`].
    pub(crate) const SM2P256V1: ObjectIdentifier = of(super::SM2P256V1);
    /// [`super::SHA256_WITH_RSA`].
    pub(crate) const SHA256_WITH_RSA: ObjectIdentifier = of(super::SHA256_WITH_RSA);
    /// [`super::SHA384_WITH_RSA`].
    pub(crate) const SHA384_WITH_RSA: ObjectIdentifier = of(super::SHA384_WITH_RSA);
    /// [`super::SHA512_WITH_RSA`].
    pub(crate) const SHA512_WITH_RSA: ObjectIdentifier = of(super::SHA512_WITH_RSA);
    /// [`super::ECDSA_WITH_SHA256`].
    pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier = of(super::ECDSA_WITH_SHA256);
    /// [`super::ECDSA_WITH_SHA384`].
    pub(crate) const ECDSA_WITH_SHA384: ObjectIdentifier = of(super::ECDSA_WITH_SHA384);
    /// [`super::ECDSA_WITH_SHA512`].
    pub(crate) const ECDSA_WITH_SHA512: ObjectIdentifier = of(super::ECDSA_WITH_SHA512);
    /// [`super::SM2_WITH_SM3`].
    pub(crate) const SM2_WITH_SM3: ObjectIdentifier = of(super::SM2_WITH_SM3);
}

// ---- performance (issue 13) ----
/// Whether `oid` is the one written `dotted` (canonical dotted decimal, as the
/// constants here): each arc of `dotted` is encoded as DER base-128 on the fly and
/// compared with `oid`'s content bytes, so nothing is allocated and a mismatch stops at
/// its first byte. Hot paths (extension lookups, name attributes, algorithm dispatch)
/// ask this for every extension or attribute. A non-canonical `dotted` (empty or padded
/// arc, non-digit) is no OID and matches nothing; so does a non-minimal encoding in
/// `oid` (not DER).
pub(crate) fn is(oid: &x509_parser::der_parser::Oid<'_>, dotted: &str) -> bool {
    // Quick reject: with three arcs or more, the last content byte is the low seven
    // bits of the last arc, so most mismatches (2.5.4.3 against 2.5.4.10) are settled
    // by the last arc alone.
    let mut from_end = dotted.as_bytes().rsplit(|&b| b == b'.');
    if let (Some(last), Some(_), Some(_)) = (from_end.next(), from_end.next(), from_end.next()) {
        let low_seven = canonical_arc(last).and_then(|arc| u8::try_from(arc & 0x7f).ok());
        if low_seven.is_none() || oid.as_bytes().last() != low_seven.as_ref() {
            return false;
        }
    }
    let mut encoded = oid.as_bytes().iter().copied();
    let mut arcs = dotted.as_bytes().split(|&b| b == b'.').map(canonical_arc);
    let (Some(Some(first)), Some(Some(second))) = (arcs.next(), arcs.next()) else {
        return false;
    };
    // X.690 §8.19.4: the first two arcs share one subidentifier, 40 × first + second.
    let leading = match first {
        0 | 1 if second < 40 => first.checked_mul(40).and_then(|f| f.checked_add(second)),
        2 => second.checked_add(80),
        _ => None,
    };
    let Some(leading) = leading else {
        return false;
    };
    std::iter::once(Some(leading))
        .chain(arcs)
        .all(|arc| arc.is_some_and(|value| matches_subidentifier(&mut encoded, value)))
        && encoded.next().is_none()
}

/// Whether the next bytes of `encoded` are `value` in minimal base-128 (X.690 §8.19.2:
/// seven bits per byte, most significant first, bit 8 set on all but the last).
fn matches_subidentifier(encoded: &mut impl Iterator<Item = u8>, value: u64) -> bool {
    // Groups of seven bits needed: at least one, up to ten for 64 bits.
    let groups = (1..10u32)
        .find(|&g| value.checked_shr(g.saturating_mul(7)).unwrap_or(0) == 0)
        .unwrap_or(10);
    (0..groups).rev().all(|g| {
        let seven = value.checked_shr(g.saturating_mul(7)).unwrap_or(0) & 0x7f;
        let continuation = if g > 0 { 0x80 } else { 0 };
        let expected = u8::try_from(seven).unwrap_or(0) | continuation;
        encoded.next() == Some(expected)
    })
}

/// The first of `known` (dotted constants) that `oid` is, without building its dotted
/// string: for dispatching on an OID with `match` over the constants.
pub(crate) fn which(
    oid: &x509_parser::der_parser::Oid<'_>,
    known: &[&'static str],
) -> Option<&'static str> {
    known.iter().copied().find(|dotted| is(oid, dotted))
}

/// The value of one dotted-decimal arc written canonically (digits, no leading zero,
/// at most 64 bits).
fn canonical_arc(text: &[u8]) -> Option<u64> {
    if text.is_empty() || (text.len() > 1 && text.first() == Some(&b'0')) {
        return None;
    }
    text.iter().try_fold(0u64, |value, &b| {
        let digit = b.is_ascii_digit().then(|| u64::from(b.wrapping_sub(b'0')))?;
        value.checked_mul(10)?.checked_add(digit)
    })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use x509_parser::der_parser::Oid;

    #[test]
    fn is_compares_every_arc_and_nothing_more() {
        let cn = Oid::from_str("2.5.4.3").unwrap();
        assert!(super::is(&cn, super::COMMON_NAME));
        for other in [
            "2.5.4",
            "2.5.4.30",
            "2.5.4.3.0",
            "2.5.4.4",
            "",
            "2.5.4.x",
            "2.5.4.03",
            "2.5.4.+3",
            "2.5.4.3.",
        ] {
            assert_eq!(super::is(&cn, other), cn.to_id_string() == other, "{other}");
        }
        for dotted in [
            "2.5.4.3",
            "1.2.840.113549.1.9.1",
            "0.9.2342.19200300.100.1.25",
            "2.39.3",
            "1.3.6.1.4.1.311.10.3.12",
            "2.16.840.1.101.3.4.2.1",
            "1.39.18446744073709551615",
        ] {
            let parsed = Oid::from_str(dotted).unwrap();
            assert!(super::is(&parsed, dotted), "{dotted}");
            assert!(!super::is(&parsed, &format!("{dotted}.0")), "{dotted}.0");
            assert!(!super::is(&cn, dotted) || dotted == "2.5.4.3", "{dotted}");
        }
        // A non-minimal subidentifier (0x80 padding) is not DER: it names nothing.
        let padded = Oid::new(std::borrow::Cow::Borrowed(&[0x55, 0x04, 0x80, 0x03]));
        assert!(!super::is(&padded, super::COMMON_NAME));
        assert!(!super::is(&cn, "3.5.4.3"));
        // 2.999.3: the shared first subidentifier 1079 takes two bytes (X.690 §8.19.4).
        let wide = Oid::new(std::borrow::Cow::Borrowed(&[0x88, 0x37, 0x03]));
        assert!(super::is(&wide, "2.999.3"));
        assert!(!super::is(&wide, "2.998.3"));
        // Two arcs share one subidentifier: 2.5 is the single byte 85.
        let two = Oid::new(std::borrow::Cow::Borrowed(&[85]));
        assert!(super::is(&two, "2.5"));
        assert!(!super::is(&two, "2.4"));
        assert!(!super::is(&cn, "1.40.4.3"));
        let arc = Oid::from_str("1.2.156.10260.4.1.4").unwrap();
        assert!(super::is(&arc, super::CN_ORGANIZATION_CODE));
        assert!(!super::is(&arc, super::CN_BUSINESS_REGISTRATION_NUMBER));
    }
}
