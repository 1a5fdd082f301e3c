//! Test helpers: DER builders for CRLs (signed with an rcgen ECDSA P-256 key, or with a
//! dummy signature where only parsing matters) and rcgen certificates with hand-made
//! cRLDistributionPoints.

use super::asn1::tlv;

/// `ecdsa-with-SHA256` AlgorithmIdentifier (no parameters).
pub fn ecdsa_sha256() -> Vec<u8> {
    tlv(
        0x30,
        &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]),
    )
}

/// A DER OID of the `2.5.29.n` arc.
pub fn ce(n: u8) -> Vec<u8> {
    tlv(0x06, &[0x55, 0x1D, n])
}

/// `Name` with a single CN.
pub fn name(cn: &str) -> Vec<u8> {
    let attribute = [tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0C, cn.as_bytes())].concat();
    tlv(0x30, &tlv(0x31, &tlv(0x30, &attribute)))
}

/// UTCTime of `yymmddhhmmssZ`.
pub fn utc(text: &str) -> Vec<u8> {
    tlv(0x17, text.as_bytes())
}

/// An extension.
pub fn extension(oid: Vec<u8>, critical: bool, value: Vec<u8>) -> Vec<u8> {
    let mut body = oid;
    if critical {
        body.extend(tlv(0x01, &[0xFF]));
    }
    body.extend(tlv(0x04, &value));
    tlv(0x30, &body)
}

/// A revokedCertificates entry.
pub fn entry(serial: &[u8], extensions: &[Vec<u8>]) -> Vec<u8> {
    let mut body = tlv(0x02, serial);
    body.extend(utc("260401000000Z"));
    if !extensions.is_empty() {
        body.extend(tlv(0x30, &extensions.concat()));
    }
    tlv(0x30, &body)
}

/// reasonCode entry extension.
pub fn reason(code: u8) -> Vec<u8> {
    extension(ce(21), false, tlv(0x0A, &[code]))
}

/// certificateIssuer entry extension naming `cn` as a directoryName.
pub fn certificate_issuer_ext(cn: &str) -> Vec<u8> {
    extension(ce(29), true, tlv(0x30, &tlv(0xA4, &name(cn))))
}

/// cRLNumber extension.
pub fn crl_number(n: u8) -> Vec<u8> {
    extension(ce(20), false, tlv(0x02, &[n]))
}

/// deltaCRLIndicator extension.
pub fn delta_indicator(base: u8) -> Vec<u8> {
    extension(ce(27), true, tlv(0x02, &[base]))
}

/// issuingDistributionPoint with these fields (already tagged) as its content.
pub fn idp(fields: &[Vec<u8>]) -> Vec<u8> {
    extension(ce(28), true, tlv(0x30, &fields.concat()))
}

/// `distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] uri } }`.
pub fn dp_uri(uri: &str) -> Vec<u8> {
    tlv(0xA0, &tlv(0xA0, &tlv(0x86, uri.as_bytes())))
}

/// The pieces of a CRL to build.
pub struct CrlSpec {
    /// `version` INTEGER content, `None` for v1 (absent).
    pub version: Option<u8>,
    /// The CRL issuer's common name.
    pub issuer: String,
    /// The entries (TLVs).
    pub entries: Vec<Vec<u8>>,
    /// CRL extensions (TLVs); `None` for no `[0]`.
    pub extensions: Option<Vec<Vec<u8>>>,
    /// nextUpdate.
    pub next_update: Option<String>,
}

impl CrlSpec {
    /// A v2 CRL of `issuer` with nextUpdate 2026-07-01 and no entries or extensions.
    pub fn new(issuer: &str) -> Self {
        Self {
            version: Some(1),
            issuer: issuer.into(),
            entries: Vec::new(),
            extensions: None,
            next_update: Some("260701000000Z".into()),
        }
    }

    /// tbsCertList with `algorithm` as its signature field.
    pub fn tbs(&self, algorithm: &[u8]) -> Vec<u8> {
        let mut body = Vec::new();
        if let Some(version) = self.version {
            body.extend(tlv(0x02, &[version]));
        }
        body.extend(algorithm);
        body.extend(name(&self.issuer));
        body.extend(utc("260501000000Z"));
        if let Some(next) = &self.next_update {
            body.extend(utc(next));
        }
        if !self.entries.is_empty() {
            body.extend(tlv(0x30, &self.entries.concat()));
        }
        if let Some(extensions) = &self.extensions {
            body.extend(tlv(0xA0, &tlv(0x30, &extensions.concat())));
        }
        tlv(0x30, &body)
    }

    /// The CRL with a dummy signature (for parse tests).
    pub fn unsigned(&self) -> Vec<u8> {
        let algorithm = ecdsa_sha256();
        let body = [self.tbs(&algorithm), algorithm, tlv(0x03, &[0, 1, 2, 3])].concat();
        tlv(0x30, &body)
    }

    /// The CRL signed by `key` (ECDSA P-256).
    pub fn signed(&self, key: &rcgen::KeyPair) -> Vec<u8> {
        use rcgen::SigningKey;
        let algorithm = ecdsa_sha256();
        let tbs = self.tbs(&algorithm);
        let signature = key.sign(&tbs).unwrap(); // ok: test-only module (cfg(test)), fixed inputs
        let body = [
            tbs,
            algorithm,
            tlv(0x03, &[&[0u8][..], &signature].concat()),
        ]
        .concat();
        tlv(0x30, &body)
    }
}

/// A test CA: its certificate, key and the parameters rcgen signs with.
pub struct TestCa {
    /// The CA certificate's DER.
    pub der: Vec<u8>,
    /// Its key.
    pub key: rcgen::KeyPair,
    params: rcgen::CertificateParams,
}

/// A CA certificate `CN=<cn>` (self-signed, CA, keyUsage keyCertSign + cRLSign unless
/// `crl_sign` is false).
pub fn ca(cn: &str, crl_sign: bool) -> TestCa {
    let key = rcgen::KeyPair::generate().unwrap(); // ok: test-only module (cfg(test))
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = if crl_sign {
        vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ]
    } else {
        vec![rcgen::KeyUsagePurpose::KeyCertSign]
    };
    let der = params.self_signed(&key).unwrap().der().to_vec(); // ok: test-only module (cfg(test))
    TestCa { der, key, params }
}

impl TestCa {
    /// A certificate `CN=<cn>` with `serial` issued by this CA, with this
    /// cRLDistributionPoints value when given; a CA when `is_ca`.
    pub fn issue(
        &self,
        cn: &str,
        serial: u64,
        distribution_points: Option<Vec<u8>>,
        is_ca: bool,
    ) -> Vec<u8> {
        let key = rcgen::KeyPair::generate().unwrap(); // ok: test-only module (cfg(test))
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        params.serial_number = Some(serial.into());
        if is_ca {
            params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        }
        if let Some(points) = distribution_points {
            params
                .custom_extensions
                .push(rcgen::CustomExtension::from_oid_content(
                    &[2, 5, 29, 31],
                    points,
                ));
        }
        let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
        params.signed_by(&key, &issuer).unwrap().der().to_vec() // ok: test-only module (cfg(test))
    }

    /// A delegated OCSP responder `CN=<cn>` with `serial` issued by this CA:
    /// id-kp-OCSPSigning, **without** id-pkix-ocsp-nocheck; with its key.
    pub fn issue_ocsp_responder(&self, cn: &str, serial: u64) -> (Vec<u8>, rcgen::KeyPair) {
        let key = rcgen::KeyPair::generate().unwrap(); // ok: test-only module (cfg(test))
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        params.serial_number = Some(serial.into());
        params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::OcspSigning];
        let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
        let der = params.signed_by(&key, &issuer).unwrap().der().to_vec(); // ok: test-only module (cfg(test))
        (der, key)
    }
}

/// `CRLDistributionPoints` with one point: `distributionPoint` fullName URI (when
/// given), `reasons` (bits, when given), `cRLIssuer` directoryName CN (when given).
pub fn distribution_points(
    uri: Option<&str>,
    reasons: Option<u8>,
    crl_issuer: Option<&str>,
) -> Vec<u8> {
    let mut point = Vec::new();
    if let Some(uri) = uri {
        point.extend(dp_uri(uri));
    }
    if let Some(bits) = reasons {
        point.extend(tlv(0x81, &[0x00, bits]));
    }
    if let Some(cn) = crl_issuer {
        point.extend(tlv(0xA2, &tlv(0xA4, &name(cn))));
    }
    tlv(0x30, &tlv(0x30, &point))
}
