//! A three-jurisdiction test PKI made in the test with rcgen, in algorithms rustls can
//! sign TLS handshakes with: CN on ECDSA P-256, HK on RSA (the committed test keys of
//! `testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE`, since ring cannot generate RSA keys),
//! MO on Ed25519. Each jurisdiction has a root, an issuing CA, and a trust list
//! naming both, signed by that jurisdiction's list operator (its own CA and signer),
//! so the verifiers load them exactly as production lists: `trust_list(jur, signed,
//! operator, now)`.

use std::io::Cursor;
use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use baytrust::{CertificateDer, Jurisdiction, SignedDataBuilder, SigningKey, Time, Verifier};
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// The fixed validation time of every test: lists, certificates and handshakes.
pub const AT: &str = "2026-06-01T00:00:00Z";

pub fn at() -> Time {
    Time::parse_rfc3339(AT).unwrap()
}

/// 2.16.344.8.2.2008.810.2.2018.1.1, the HK–GD mutual-recognition policy, as DER
/// OID content.
pub const MR_POLICY_DER: &[u8] = &[
    0x60, 0x82, 0x58, 0x08, 0x02, 0x8f, 0x58, 0x86, 0x2a, 0x02, 0x8f, 0x62, 0x01, 0x01,
];
/// 1.3.6.1.4.1.99999.1: a policy no service lists.
pub const OTHER_POLICY_DER: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01];
const ANY_POLICY_DER: &[u8] = &[0x55, 0x1d, 0x20, 0x00];

pub const JURISDICTIONS: [Jurisdiction; 3] = [Jurisdiction::Cn, Jurisdiction::Hk, Jurisdiction::Mo];

fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn committed_key(name: &str) -> rcgen::KeyPair {
    let pem = read(&format!(
        "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    ));
    rcgen::KeyPair::from_pem(std::str::from_utf8(&pem).unwrap()).unwrap()
}

/// A fresh key of the jurisdiction's algorithm (HK: a committed RSA key, by `slot`).
fn key(jurisdiction: Jurisdiction, slot: &str) -> rcgen::KeyPair {
    match jurisdiction {
        Jurisdiction::Cn => rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap(),
        Jurisdiction::Hk => committed_key(match slot {
            "root" => "hk-issuing-ca",
            "issuing" => "hk-retired-issuing-ca",
            "unlisted" => "hk-org-retired-ca",
            "other-leaf" => "hk-trust-list-signer",
            _ => "hk-org-harbour-logistics",
        }),
        Jurisdiction::Mo => rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap(),
    }
}

/// DER TLV with a short definite length.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    assert!(content.len() < 0x80);
    [
        vec![tag, u8::try_from(content.len()).unwrap()],
        content.to_vec(),
    ]
    .concat()
}

/// certificatePolicies with one policy, its OID given as DER content bytes.
fn policies(oid_content: &[u8]) -> rcgen::CustomExtension {
    rcgen::CustomExtension::from_oid_content(
        &[2, 5, 29, 32],
        tlv(0x30, &tlv(0x30, &tlv(0x06, oid_content))),
    )
}

fn name(country: &str, organisation: &str, common_name: &str) -> rcgen::DistinguishedName {
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CountryName, country);
    dn.push(rcgen::DnType::OrganizationName, organisation);
    dn.push(rcgen::DnType::CommonName, common_name);
    dn
}

fn ca_params(country: &str, common_name: &str, serial: u64) -> rcgen::CertificateParams {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = name(country, "BayTrust TLS Test CA", common_name);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
    ];
    params.custom_extensions.push(policies(ANY_POLICY_DER));
    params.serial_number = Some(rcgen::SerialNumber::from(serial));
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    params
}

/// One jurisdiction's CAs and its signed list.
pub struct JurisdictionPki {
    pub jurisdiction: Jurisdiction,
    pub root: Vec<u8>,
    pub issuing_ca: Vec<u8>,
    pub issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
    /// An issuing CA under the same root that the list does **not** name.
    pub unlisted_issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
    pub unlisted_issuing_ca: Vec<u8>,
    pub signed_list: Vec<u8>,
    pub operator: Vec<u8>,
}

pub struct Pki {
    pub jurisdictions: Vec<JurisdictionPki>,
}

impl Pki {
    pub fn of(&self, jurisdiction: Jurisdiction) -> &JurisdictionPki {
        self.jurisdictions
            .iter()
            .find(|j| j.jurisdiction == jurisdiction)
            .unwrap()
    }
}

/// The PKI, made once per test binary.
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| Pki {
        jurisdictions: JURISDICTIONS.iter().map(|&j| jurisdiction_pki(j)).collect(),
    })
}

fn jurisdiction_pki(jurisdiction: Jurisdiction) -> JurisdictionPki {
    let code = jurisdiction.code();
    let root_key = key(jurisdiction, "root");
    let root_params = ca_params(code, &format!("TLS Test {code} Root CA"), 1);
    let root = root_params.self_signed(&root_key).unwrap().der().to_vec();
    let root_issuer = rcgen::Issuer::new(root_params, root_key);

    let issuing_key = key(jurisdiction, "issuing");
    let mut issuing = ca_params(code, &format!("TLS Test {code} Issuing CA"), 2);
    issuing.use_authority_key_identifier_extension = true;
    let issuing_ca = issuing
        .signed_by(&issuing_key, &root_issuer)
        .unwrap()
        .der()
        .to_vec();

    let unlisted_key = key(jurisdiction, "unlisted");
    let mut unlisted = ca_params(code, &format!("TLS Test {code} Unlisted Issuing CA"), 3);
    unlisted.use_authority_key_identifier_extension = true;
    let unlisted_issuing_ca = unlisted
        .signed_by(&unlisted_key, &root_issuer)
        .unwrap()
        .der()
        .to_vec();

    let (signed_list, operator) = signed_list(jurisdiction, &root, &issuing_ca);
    JurisdictionPki {
        jurisdiction,
        root,
        issuing_ca,
        issuer: rcgen::Issuer::new(issuing, issuing_key),
        unlisted_issuer: rcgen::Issuer::new(unlisted, unlisted_key),
        unlisted_issuing_ca,
        signed_list,
        operator,
    }
}

/// The jurisdiction's list naming `root` and `issuing_ca`, signed by a signer under the
/// jurisdiction's operator CA. Returns the signed list and the operator certificate.
fn signed_list(jurisdiction: Jurisdiction, root: &[u8], issuing_ca: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let code = jurisdiction.code();
    let b64 = |der: &[u8]| base64::engine::general_purpose::STANDARD.encode(der);
    let json = serde_json::json!({
        "format": "baytrust-trust-list/1",
        "jurisdiction": code,
        "operator": format!("TLS Test {code} Trust List Operator"),
        "sequence": 1,
        "issued": "2026-01-01T00:00:00Z",
        "next_update": "2027-01-01T00:00:00Z",
        "services": [{
            "name": format!("TLS Test {code} Organisational Certificates"),
            "roots": [b64(root)],
            "issuing_cas": [b64(issuing_ca)],
            "certificate_type": null,
            "policies": [{"oid": "2.16.344.8.2.2008.810.2", "match": "prefix"}],
            "identity": {
                "organisation": "subject:2.5.4.10",
                "org_id": "subject:2.5.4.97",
                "org_id_pattern": null,
                "authorised_person": "subject:2.5.4.3"
            },
            "status_history": [
                {"status": "recognised", "from": "2024-01-01T00:00:00Z", "until": null}
            ]
        }]
    })
    .to_string();

    let operator_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut operator_params = ca_params(code, &format!("TLS Test {code} List Operator CA"), 10);
    operator_params.custom_extensions.clear();
    let operator = operator_params
        .self_signed(&operator_key)
        .unwrap()
        .der()
        .to_vec();
    let operator_issuer = rcgen::Issuer::new(operator_params, operator_key);

    let signer_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut signer = rcgen::CertificateParams::default();
    signer.distinguished_name = name(code, "BayTrust TLS Test", "List Signer");
    signer.key_usages = vec![
        rcgen::KeyUsagePurpose::DigitalSignature,
        rcgen::KeyUsagePurpose::ContentCommitment,
    ];
    signer.use_authority_key_identifier_extension = true;
    signer.not_before = rcgen::date_time_ymd(2025, 1, 1);
    signer.not_after = rcgen::date_time_ymd(2030, 1, 1);
    let signer_der = signer
        .signed_by(&signer_key, &operator_issuer)
        .unwrap()
        .der()
        .to_vec();
    let signed = SignedDataBuilder::new()
        .signer(
            CertificateDer::from_vec(signer_der),
            SigningKey::from_pkcs8_der(&signer_key.serialize_der()).unwrap(),
        )
        .unwrap()
        .detached(false)
        .signing_time(Time::parse_rfc3339("2026-01-01T00:00:00Z").unwrap())
        .build(&mut Cursor::new(json.as_bytes()))
        .unwrap();
    (signed, operator)
}

/// What differs between the organisation certificates of the tests.
#[derive(Clone)]
pub struct LeafSpec {
    pub jurisdiction: Jurisdiction,
    /// Canonical `NTRxx-…` identifier, put in `organizationIdentifier`.
    pub org_id: &'static str,
    pub organisation: &'static str,
    pub dns_name: &'static str,
    pub serial: u64,
    pub not_after: (i32, u8, u8),
    pub policy: &'static [u8],
    /// Issued by the unlisted issuing CA under the same root.
    pub unlisted_issuer: bool,
    pub ekus: Vec<rcgen::ExtendedKeyUsagePurpose>,
    pub key_usages: Vec<rcgen::KeyUsagePurpose>,
    /// Which key: `"leaf"`, or `"other-leaf"` for a second organisation (matters for
    /// HK, whose keys are committed ones; CN and MO keys are always fresh).
    pub key_slot: &'static str,
    /// The subject's `C` (default: the jurisdiction's code).
    pub country: &'static str,
}

impl LeafSpec {
    /// The usual organisation of `jurisdiction`, valid, recognised, for `*.example`.
    pub fn of(jurisdiction: Jurisdiction) -> Self {
        let (org_id, organisation, dns_name) = match jurisdiction {
            Jurisdiction::Cn => (
                "NTRCN-91350100M000100Y43",
                "深圳湾供应链有限公司",
                "orders.shenzhen-bay.cn.example",
            ),
            Jurisdiction::Hk => (
                "NTRHK-12345678",
                "Harbour Logistics Limited",
                "orders.harbour-logistics.hk.example",
            ),
            Jurisdiction::Mo => (
                "NTRMO-SO81234",
                "Taipa Foods Lda.",
                "orders.taipa-foods.mo.example",
            ),
        };
        Self {
            jurisdiction,
            org_id,
            organisation,
            dns_name,
            serial: 100,
            not_after: (2028, 1, 1),
            policy: MR_POLICY_DER,
            unlisted_issuer: false,
            ekus: vec![
                rcgen::ExtendedKeyUsagePurpose::ServerAuth,
                rcgen::ExtendedKeyUsagePurpose::ClientAuth,
            ],
            key_slot: "leaf",
            key_usages: vec![rcgen::KeyUsagePurpose::DigitalSignature],
            country: jurisdiction.code(),
        }
    }
}

/// An organisation certificate and its key, with the chain a TLS peer sends.
pub struct Leaf {
    pub chain: Vec<rustls_pki_types::CertificateDer<'static>>,
    pub key_pkcs8: Vec<u8>,
}

impl Leaf {
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_pkcs8.clone()))
    }
}

pub fn leaf(spec: &LeafSpec) -> Leaf {
    let pki = pki().of(spec.jurisdiction);
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CountryName, spec.country);
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, spec.organisation);
    params.distinguished_name.push(
        rcgen::DnType::CustomDnType(vec![2, 5, 4, 97]),
        rcgen::DnValue::Utf8String(spec.org_id.to_owned()),
    );
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Operations Gateway");
    params.subject_alt_names = vec![rcgen::SanType::DnsName(
        spec.dns_name.to_owned().try_into().unwrap(),
    )];
    params.key_usages = spec.key_usages.clone();
    params.extended_key_usages = spec.ekus.clone();
    params.custom_extensions.push(policies(spec.policy));
    params.use_authority_key_identifier_extension = true;
    params.serial_number = Some(rcgen::SerialNumber::from(spec.serial));
    params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    let (y, m, d) = spec.not_after;
    params.not_after = rcgen::date_time_ymd(y, m, d);
    let key = key(spec.jurisdiction, spec.key_slot);
    let (issuer, issuing_ca) = if spec.unlisted_issuer {
        (&pki.unlisted_issuer, &pki.unlisted_issuing_ca)
    } else {
        (&pki.issuer, &pki.issuing_ca)
    };
    let der = params.signed_by(&key, issuer).unwrap().der().to_vec();
    Leaf {
        chain: vec![der.into(), issuing_ca.clone().into()],
        key_pkcs8: key.serialize_der(),
    }
}

/// A CRL of `jurisdiction`'s issuing CA revoking `serial` since 2026-02-01.
pub fn crl_revoking(jurisdiction: Jurisdiction, serial: u64) -> Vec<u8> {
    let params = rcgen::CertificateRevocationListParams {
        this_update: rcgen::date_time_ymd(2026, 5, 1),
        next_update: rcgen::date_time_ymd(2026, 7, 1),
        crl_number: rcgen::SerialNumber::from(7u64),
        issuing_distribution_point: None,
        revoked_certs: vec![rcgen::RevokedCertParams {
            serial_number: rcgen::SerialNumber::from(serial),
            revocation_time: rcgen::date_time_ymd(2026, 2, 1),
            reason_code: Some(rcgen::RevocationReason::KeyCompromise),
            invalidity_date: None,
        }],
        key_identifier_method: rcgen::KeyIdMethod::Sha256,
    };
    params
        .signed_by(&pki().of(jurisdiction).issuer)
        .unwrap()
        .der()
        .to_vec()
}

/// A relying party of `home` that accepts the lists of `accepted` (its own always),
/// with all three lists loaded and the given CRLs.
pub fn verifier(home: Jurisdiction, accepted: &[Jurisdiction], crls: &[Vec<u8>]) -> Arc<Verifier> {
    let mut builder = Verifier::builder().home(home);
    for j in accepted {
        builder = builder.accept(*j);
    }
    for j in &pki().jurisdictions {
        builder = builder
            .trust_list(j.jurisdiction, &j.signed_list, &j.operator, at())
            .unwrap();
    }
    for crl in crls {
        builder = builder.crl(crl).unwrap();
    }
    Arc::new(builder.build().unwrap())
}

/// A relying party of `home` accepting every list.
pub fn verifier_accepting_all(home: Jurisdiction) -> Arc<Verifier> {
    verifier(home, &JURISDICTIONS, &[])
}
