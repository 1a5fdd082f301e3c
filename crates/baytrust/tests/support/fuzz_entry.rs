// The bodies of the fuzz targets (fuzz/fuzz_targets/*.rs `include!` this file) and of
// their stable-toolchain replay (tests/fuzz_corpus_replay.rs): one function per target,
// taking the raw fuzz input. Each must return for every input, never panic; what the
// library answers does not matter here. The bundled test data they verify against is
// embedded with `include_bytes!` (paths relative to this file), so neither the fuzzer
// nor the replay reads files.
//
// This is an `include!`d file: no inner attributes or `//!` comments.

use std::io::Cursor;
use std::sync::OnceLock;

use baytrust::algorithm::{
    check_public_key, signature_algorithm_name, verify_signature, AlgorithmPolicy, KeyAlgorithm,
};
use baytrust::cert::{
    decode_certificates, name_to_string, Certificate, CertificateDer, ComparableName,
};
use baytrust::cms::{CmsSignedData, SignerIdentifier};
use baytrust::path::{verify_chain, ChainOptions, Purpose};
use baytrust::trust::{
    ListedCa, StaleListPolicy, TrustAnchor, TrustList, TrustListDocument, TrustStore,
};
use baytrust::Time;
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{IdentityProfile, Jurisdiction};

/// The validation time of the bundled test PKI and lists.
#[allow(dead_code)]
pub fn fuzz_time() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

const FUZZ_JURISDICTIONS: [Jurisdiction; 3] =
    [Jurisdiction::Cn, Jurisdiction::Hk, Jurisdiction::Mo];

/// The bundled signed trust lists, in `FUZZ_JURISDICTIONS` order.
#[allow(dead_code)]
const FUZZ_SIGNED_LISTS: [&[u8]; 3] = [
    include_bytes!("../../../../testdata/trust-lists/cn.p7s"),
    include_bytes!("../../../../testdata/trust-lists/hk.p7s"),
    include_bytes!("../../../../testdata/trust-lists/mo.p7s"),
];

/// The pinned operator CA of each bundled list, in `FUZZ_JURISDICTIONS` order.
#[allow(dead_code)]
const FUZZ_OPERATORS: [&[u8]; 3] = [
    include_bytes!("../../../../testdata/pki/cn/trust-list-operator-ca.pem"),
    include_bytes!("../../../../testdata/pki/hk/trust-list-operator-ca.pem"),
    include_bytes!("../../../../testdata/pki/mo/trust-list-operator-ca.pem"),
];

/// The fixed contents a detached signature is checked against: that of the recognition
/// samples and that of the OpenSSL-made signatures.
#[allow(dead_code)]
const FUZZ_DETACHED_CONTENTS: [&[u8]; 2] = [
    include_bytes!("../../../../testdata/samples/supply-contract.txt"),
    include_bytes!("../../../../testdata/cms/contract.txt"),
];

/// The operator certificates of each jurisdiction, decoded once.
#[allow(dead_code)]
fn fuzz_operators() -> &'static [Vec<CertificateDer>; 3] {
    static OPERATORS: OnceLock<[Vec<CertificateDer>; 3]> = OnceLock::new();
    OPERATORS.get_or_init(|| FUZZ_OPERATORS.map(|pem| decode_certificates(pem).unwrap()))
}

/// A relying party trusting the three bundled lists, loaded once.
#[allow(dead_code)]
pub fn fuzz_verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let mut builder = TrustStore::builder();
        for ((jurisdiction, signed), operators) in FUZZ_JURISDICTIONS
            .iter()
            .zip(FUZZ_SIGNED_LISTS)
            .zip(fuzz_operators())
        {
            let list = TrustList::load_signed(
                signed,
                *jurisdiction,
                operators,
                fuzz_time(),
                StaleListPolicy::Refuse,
            )
            .unwrap();
            builder = builder.trust_list(list).unwrap();
        }
        Verifier::new(builder.build().unwrap(), RelyingPartyPolicy::default())
    })
}

/// Every accessor `baytrust inspect` and the validator read from one certificate.
#[allow(dead_code)]
fn fuzz_inspect_certificate(certificate: &Certificate<'_>) {
    let _ = certificate.subject_text();
    let _ = certificate.issuer_text();
    let _ = name_to_string(certificate.subject());
    let _ = ComparableName::of(certificate.subject())
        .is_within(&ComparableName::of(certificate.issuer()));
    let _ = certificate.serial_hex();
    let _ = certificate.not_before();
    let _ = certificate.not_after();
    let _ = KeyAlgorithm::of(certificate.spki()).to_string();
    let _ = check_public_key(certificate.spki(), &AlgorithmPolicy::default());
    let _ = signature_algorithm_name(certificate.signature_algorithm());
    let _ = certificate.policy_oids();
    let _ = certificate.is_ca();
    let _ = certificate.sha256();
    let _ = certificate.unrecognised_critical_extensions();
    let _ = certificate.subject_key_id();
    let _ = certificate.authority_key_id();
    let _ = certificate.key_usage();
    let _ = certificate.extended_key_usage();
    let _ = certificate.policy_mappings();
    let _ = certificate.policy_constraints();
    let _ = certificate.inhibit_any_policy();
    let _ = certificate.name_constraints();
    let _ = certificate.subject_alt_name();
    for oid in [
        baytrust::oid::ORGANIZATION_IDENTIFIER,
        baytrust::oid::COMMON_NAME,
        baytrust::oid::SERIAL_NUMBER,
        baytrust::oid::ORGANIZATION_NAME,
        baytrust::oid::COUNTRY_NAME,
    ] {
        let _ = certificate.subject_attribute_texts(oid);
    }
    for oid in [
        baytrust::oid::CN_ORGANIZATION_CODE,
        baytrust::oid::CN_BUSINESS_REGISTRATION_NUMBER,
    ] {
        let _ = certificate.extension_text(oid);
    }
    let _ = IdentityProfile::entity_from_certificate(certificate);
    for jurisdiction in FUZZ_JURISDICTIONS {
        let _ = IdentityProfile::builtin(jurisdiction).extract(certificate);
    }
    let _ = TrustAnchor::new(Jurisdiction::Hk, certificate);
    let _ = ListedCa::of(certificate);
    // A self-signed certificate's own signature, as an anchor's would be read.
    let _ = verify_signature(
        certificate.spki(),
        certificate.signature_algorithm(),
        certificate.tbs_der(),
        certificate.signature_value(),
        &AlgorithmPolicy::default(),
    );
}

/// Target `certificate`: the input as a certificate file (one DER certificate or a PEM
/// bundle), each certificate decoded and described.
#[allow(dead_code)]
pub fn fuzz_certificate(data: &[u8]) {
    if let Ok(ders) = decode_certificates(data) {
        for der in ders.iter().take(16) {
            if let Ok(certificate) = der.parse() {
                fuzz_inspect_certificate(&certificate);
            }
        }
    }
}

/// Target `cms_verify`: the input as a CMS SignedData, read as `inspect` reads it and
/// verified against the bundled trust lists, attached and detached.
#[allow(dead_code)]
pub fn fuzz_cms_verify(data: &[u8]) {
    if let Ok(signed_data) = CmsSignedData::parse(data) {
        let _ = signed_data.encapsulated_content_type();
        let _ = signed_data.encapsulated_content();
        let _ = signed_data.digest_algorithms();
        for der in signed_data.certificates().iter().take(16) {
            if let Ok(certificate) = der.parse() {
                let _ = certificate.subject_text();
                let _ = IdentityProfile::entity_from_certificate(&certificate);
            }
        }
        for signer in signed_data.signers().iter().take(16) {
            match signer.signer_id() {
                SignerIdentifier::IssuerAndSerial { issuer_der, serial } => {
                    let _ = (issuer_der.len(), serial.len());
                }
                SignerIdentifier::SubjectKeyIdentifier(key_id) => {
                    let _ = key_id.len();
                }
            }
            let _ = signer.digest_algorithm();
            let _ = signer.signature_algorithm_oid();
            let _ = signer.signature();
            if let Some(attributes) = signer.signed_attributes() {
                let _ = attributes.signed_bytes();
                let _ = attributes.content_type();
                let _ = attributes.message_digest();
                let _ = attributes.signing_time();
                let _ = attributes.signing_certificate_v2();
                let _ = attributes.signing_certificate_v1();
                let _ = attributes.rule_violations();
            }
        }
    }
    let verifier = fuzz_verifier();
    let options = SignatureOptions::new(fuzz_time());
    let _ = verifier.verify_cms(data, Content::Attached, &options);
    for content in FUZZ_DETACHED_CONTENTS {
        let _ = verifier.verify_cms(data, Content::Detached(&mut Cursor::new(content)), &options);
    }
}

/// Target `trust_list_load`: the input as a signed list of each jurisdiction under its
/// bundled operator, and as an unsigned JSON document.
#[allow(dead_code)]
pub fn fuzz_trust_list_load(data: &[u8]) {
    let _ = baytrust::signed_trust_list::claimed_jurisdiction_unverified(data);
    for (i, (jurisdiction, operators)) in
        FUZZ_JURISDICTIONS.iter().zip(fuzz_operators()).enumerate()
    {
        let stale = if i == 0 {
            StaleListPolicy::Refuse
        } else {
            StaleListPolicy::AcceptAsIndeterminate
        };
        let _ = TrustList::load_signed(data, *jurisdiction, operators, fuzz_time(), stale);
    }
    if let Ok(document) = serde_json::from_slice::<TrustListDocument>(data) {
        if let Ok(list) = TrustList::from_document(&document) {
            let time = fuzz_time();
            for service in &list.services {
                let _ = service.status_at(time);
                let _ = service.recognised_during(list.issued, time);
            }
            let _ = TrustStore::builder().trust_list(list).map(|b| b.build());
        }
    }
    let _ = TrustList::from_json_unsigned_insecure(data);
}

/// Splits `data` into chunks, each a 2-byte big-endian length then that many bytes (a
/// short last chunk takes what is left); at most `max` chunks.
#[allow(dead_code)]
pub fn fuzz_split_chunks(mut data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut chunks = Vec::new();
    while chunks.len() < max && data.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
        let rest = &data[2..];
        let take = len.min(rest.len());
        chunks.push(&rest[..take]);
        data = &rest[take..];
    }
    chunks
}

/// Target `path_building`: byte 0 chooses the anchor and the purpose, the rest is
/// length-prefixed DER certificates (`fuzz_split_chunks`); the first is the end entity,
/// all are the pool, the chosen one is the only trust anchor.
#[allow(dead_code)]
pub fn fuzz_path_building(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let chunks = fuzz_split_chunks(rest, 64);
    let certificates: Vec<Certificate<'_>> = chunks
        .iter()
        .filter_map(|der| Certificate::from_der(der).ok())
        .collect();
    let Some(leaf) = certificates.first() else {
        return;
    };
    let anchor_certificate = &certificates[usize::from(selector & 0x3f) % certificates.len()];
    let Ok(anchor) = TrustAnchor::new(Jurisdiction::Hk, anchor_certificate) else {
        return;
    };
    let Ok(store) = TrustStore::builder().anchor(anchor).build() else {
        return;
    };
    let mut options = ChainOptions::new(fuzz_time());
    options.purpose = match selector >> 6 {
        0 => Purpose::Sign,
        1 => Purpose::Any,
        2 => Purpose::Client,
        _ => Purpose::Server,
    };
    if let Ok(chain) = verify_chain(&store, leaf, &certificates, &options) {
        let _ = format!("{chain:?}");
    }
}

/// The fixed certificates of target `name_constraints`: the anchor's parameters and
/// key, and two end entities it signed (rich in names of every form).
#[allow(dead_code)]
struct FuzzNameConstraintsTemplate {
    anchor: rcgen::CertificateParams,
    key: rcgen::KeyPair,
    leaves: [Vec<u8>; 2],
}

#[allow(dead_code)]
fn fuzz_name_constraints_template() -> &'static FuzzNameConstraintsTemplate {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
        SanType,
    };
    static TEMPLATE: OnceLock<FuzzNameConstraintsTemplate> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dated = |mut params: CertificateParams| {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2040, 1, 1);
            params
        };
        let mut anchor = dated(CertificateParams::default());
        anchor.distinguished_name = rcgen::DistinguishedName::new();
        anchor.distinguished_name.push(DnType::CountryName, "HK");
        anchor
            .distinguished_name
            .push(DnType::OrganizationName, "Fuzz Root Limited");
        anchor
            .distinguished_name
            .push(DnType::CommonName, "Fuzz Root");
        anchor.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        anchor.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap();

        let leaf = |names: Vec<SanType>, organisation: &str, email: &str| {
            let mut params = dated(CertificateParams::default());
            params.distinguished_name = rcgen::DistinguishedName::new();
            params.distinguished_name.push(DnType::CountryName, "HK");
            params
                .distinguished_name
                .push(DnType::OrganizationName, organisation);
            params
                .distinguished_name
                .push(DnType::OrganizationalUnitName, "Signing");
            params
                .distinguished_name
                .push(DnType::CommonName, "Fuzz Leaf");
            params.distinguished_name.push(
                DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
                email,
            );
            params.subject_alt_names = names;
            params.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ];
            params.use_authority_key_identifier_extension = true;
            let leaf_key = KeyPair::generate().unwrap();
            let issuer = Issuer::from_params(&anchor, &key);
            params.signed_by(&leaf_key, &issuer).unwrap().der().to_vec()
        };
        let rich = leaf(
            vec![
                SanType::DnsName("www.example.hk".try_into().unwrap()),
                SanType::DnsName("a.b.example.com".try_into().unwrap()),
                SanType::Rfc822Name("someone@example.hk".try_into().unwrap()),
                SanType::URI("https://host.example.hk:8443/path".try_into().unwrap()),
                SanType::IpAddress("192.0.2.17".parse().unwrap()),
                SanType::IpAddress("2001:db8::1".parse().unwrap()),
            ],
            "Fuzz Root Limited",
            "someone@example.hk",
        );
        let plain = leaf(Vec::new(), "Other Organisation", "x@mail.example.mo");
        FuzzNameConstraintsTemplate {
            anchor,
            key,
            leaves: [rich, plain],
        }
    })
}

/// Target `name_constraints`: byte 0 chooses the end entity and the criticality, the
/// rest is the value of the trust anchor's nameConstraints extension (RFC 5280
/// §4.2.1.10); the anchor is re-made around it, the end entity checked against it.
#[allow(dead_code)]
pub fn fuzz_name_constraints(data: &[u8]) {
    let Some((&selector, value)) = data.split_first() else {
        return;
    };
    let template = fuzz_name_constraints_template();
    let mut params = template.anchor.clone();
    let mut extension = rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 30], value.to_vec());
    extension.set_criticality(selector & 1 == 0);
    params.custom_extensions.push(extension);
    let Ok(anchor_certificate) = params.self_signed(&template.key) else {
        return;
    };
    let anchor_der = anchor_certificate.der().to_vec();
    let Ok(parsed) = Certificate::from_der(&anchor_der) else {
        return;
    };
    let _ = parsed.name_constraints();
    let Ok(anchor) = TrustAnchor::new(Jurisdiction::Hk, &parsed) else {
        return;
    };
    let Ok(store) = TrustStore::builder().anchor(anchor).build() else {
        return;
    };
    let leaf_der = &template.leaves[usize::from(selector >> 1) % 2];
    let Ok(leaf) = Certificate::from_der(leaf_der) else {
        return;
    };
    let _ = verify_chain(&store, &leaf, &[], &ChainOptions::new(fuzz_time()));
}

// ---- auth_message (issue 12) ----

/// The two parties of the `auth_message` target: 前海科技 (CN, SM2) initiates,
/// Harbour Logistics (HK, RSA) responds; their test chains and keys embedded.
#[allow(dead_code)]
struct FuzzAuthParties {
    initiator: baytrust::Credentials,
    responder: baytrust::Credentials,
}

#[allow(dead_code)]
fn fuzz_auth_parties() -> &'static FuzzAuthParties {
    static PARTIES: OnceLock<FuzzAuthParties> = OnceLock::new();
    PARTIES.get_or_init(|| {
        let party = |chain: &[u8], key: &[u8]| {
            baytrust::Credentials::new(
                baytrust::decode_certificates(chain).unwrap(),
                baytrust::SigningKey::from_pkcs8_pem(key).unwrap(),
            )
            .unwrap()
        };
        FuzzAuthParties {
            initiator: party(
                include_bytes!("../../../../testdata/pki/cn-sm2/org-qianhai-tech-chain.pem"),
                include_bytes!(
                    "../../../../testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/cn-sm2-org-qianhai-tech.key.pem"
                ),
            ),
            responder: party(
                include_bytes!("../../../../testdata/pki/hk/org-harbour-logistics-chain.pem"),
                include_bytes!(
                    "../../../../testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem"
                ),
            ),
        }
    })
}

/// Nonces 1, 2, 3…, so the target's sessions are those of the seeds
/// (crates/baytrust/tests/auth_mutations.rs writes them).
#[allow(dead_code)]
struct FuzzNonces(u8);

impl baytrust::NonceSource for FuzzNonces {
    fn nonce(&mut self) -> Result<[u8; 32], baytrust::Error> {
        self.0 = self.0.wrapping_add(1);
        Ok([self.0; 32])
    }
}

/// Byte 0 selects the role (modulo 3): 0 — the rest is message 1, given to a fresh
/// responder, whose message 2 (if any) goes back to the initiator that sent the
/// honest message 1; 1 — message 2 given to that initiator; 2 — message 3 given to a
/// responder that answered the honest message 1. Times: the initiator starts at
/// 2026-06-01T00:00:00Z, the responder answers 1 s later, each next step 1 s later.
#[allow(dead_code)]
pub fn fuzz_auth_message(data: &[u8]) {
    let Some((&selector, message)) = data.split_first() else {
        return;
    };
    let parties = fuzz_auth_parties();
    let verifier = fuzz_verifier();
    let at = |seconds: i64| Time::from_unix_seconds(fuzz_time().unix_seconds() + seconds);
    let (initiator_cache, responder_cache) = (
        baytrust::ReplayCache::new(16),
        baytrust::ReplayCache::new(16),
    );
    let initiator = baytrust::Initiator::new(verifier, &parties.initiator, &initiator_cache);
    let responder = baytrust::Responder::new(verifier, &parties.responder, &responder_cache);
    let Ok((waiting, honest1)) = initiator.start(at(0), &mut FuzzNonces(0)) else {
        return;
    };
    match selector % 3 {
        0 => {
            let Ok(message1) = baytrust::Message1::from_der(message) else {
                return;
            };
            if let Ok((_confirming, message2)) =
                responder.respond(&message1, at(1), &mut FuzzNonces(100))
            {
                let _ = waiting.finish(&message2, at(2));
            }
        }
        1 => {
            if let Ok(message2) = baytrust::Message2::from_der(message) {
                let _ = waiting.finish(&message2, at(2));
            }
        }
        _ => {
            let Ok((confirming, _message2)) =
                responder.respond(&honest1, at(1), &mut FuzzNonces(100))
            else {
                return;
            };
            if let Ok(message3) = baytrust::Message3::from_der(message) {
                let _ = confirming.finish(&message3, at(3));
            }
        }
    }
}

/// The HK issuing CA (signer of the bundled HK CRLs and issuer of the OCSP-checked
/// certificates) and the HK organisation certificate the OCSP responses speak of.
#[allow(dead_code)]
const FUZZ_REVOCATION_CERTS: [&[u8]; 2] = [
    include_bytes!("../../../../testdata/pki/hk/issuing-ca.pem"),
    include_bytes!("../../../../testdata/pki/hk/org-harbour-logistics.pem"),
];

/// `FUZZ_REVOCATION_CERTS` decoded once.
#[allow(dead_code)]
fn fuzz_revocation_certs() -> &'static [CertificateDer; 2] {
    static CERTS: OnceLock<[CertificateDer; 2]> = OnceLock::new();
    CERTS.get_or_init(|| {
        FUZZ_REVOCATION_CERTS.map(|pem| decode_certificates(pem).unwrap().remove(0))
    })
}

/// Fuzz target `crl_parse`: `Crl::from_der`, every accessor, the entry look-ups for each
/// entry issuer (capped at 8), freshness, and the signature and signer checks against the
/// HK issuing CA.
#[allow(dead_code)]
pub fn fuzz_crl_parse(data: &[u8]) {
    use baytrust::revocation::Crl;
    let Ok(crl) = Crl::from_der(data.to_vec()) else {
        return;
    };
    let _ = crl.der();
    let _ = crl.issuer_text();
    let _ = crl.issuer_der();
    let _ = crl.this_update();
    let _ = crl.next_update();
    let _ = crl.crl_number_hex();
    let _ = crl.is_delta();
    let _ = crl.authority_key_id();
    let _ = crl.scope();
    let _ = crl.entry_count();
    for issuer in crl.entry_issuers().iter().take(8) {
        let _ = crl.entry(issuer, &[0x01]);
        let _ = crl.entry(issuer, &[0x00, 0x80]);
    }
    let _ = crl.check_freshness(fuzz_time(), 300);
    let [ca, leaf] = fuzz_revocation_certs();
    if let (Ok(ca), Ok(leaf)) = (
        Certificate::from_der(ca.as_ref()),
        Certificate::from_der(leaf.as_ref()),
    ) {
        let _ = crl.entry_for(&leaf);
        let _ = crl.verify_signature(ca.spki(), &AlgorithmPolicy::default());
        let _ = crl.signer_acceptable(&ca);
    }
}

/// Fuzz target `ocsp_parse`: `OcspResponse::from_der`, every accessor, and
/// `status_for` of the HK organisation certificate issued by the HK issuing CA (response
/// signature, responder authorisation, freshness).
#[allow(dead_code)]
pub fn fuzz_ocsp_parse(data: &[u8]) {
    use baytrust::revocation::{OcspResponse, RevocationIssuer};
    let Ok(response) = OcspResponse::from_der(data.to_vec()) else {
        return;
    };
    let _ = response.der();
    let _ = response.responder().text();
    let _ = response.produced_at();
    let _ = format!("{:?}", response.responses());
    let _ = response.certificates().count();
    let [ca, leaf] = fuzz_revocation_certs();
    if let (Ok(ca), Ok(leaf)) = (
        Certificate::from_der(ca.as_ref()),
        Certificate::from_der(leaf.as_ref()),
    ) {
        let issuer = RevocationIssuer::of_certificate(&ca);
        let _ = response.single_response_for(&leaf, &issuer);
        let _ = response.status_for(
            &leaf,
            &issuer,
            fuzz_time(),
            300,
            &AlgorithmPolicy::default(),
        );
    }
}
