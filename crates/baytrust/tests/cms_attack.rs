//! CMS resource attacks (issue 8 §5): signatures built to make verification slow must
//! be refused or finish with an exact outcome, cheaply. The signatures are made with
//! `SignedDataBuilder` over the HK test PKI and then edited as DER
//! (tests/support/signed_data_parts.rs). The decoy issuers carry the one RSA-8192 key
//! of testdata/cms/attack (made by make.sh there): copies of the HK issuing CA with the
//! same name and key identifier but that key, so that every decoy a path builder tries
//! costs an RSA-8192 verification.

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{certificate, hk_verifier, testdata};

#[path = "support/signed_data_parts.rs"]
mod signed_data_parts;

use std::io::Cursor;

use baytrust::cms::{CmsSignedData, MAX_CERTIFICATES, MAX_SIGNERS};
use baytrust::verifier::{
    Content, RelyingPartyPolicy, SignatureOptions, Verifier, DEFAULT_SIGNATURE_BUDGET,
};
use baytrust::Jurisdiction;
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};
use baytrust::{SignedDataBuilder, SigningKey};
use baytrust::{StaleListPolicy, TrustList, TrustStore};
use signed_data_parts::{single, tlv, tlvs, SignedDataParts, Tlv};

const DOCUMENT: &[u8] = b"Bill of lading 2026-0117: 40 containers, Yantian to Kwai Tsing.\n";
const AT: &str = "2026-06-01T00:00:00Z";

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8_pem(&testdata(&format!(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    )))
    .unwrap()
}

/// A detached signature by the given HK organisations, carrying the HK issuing CA.
fn signature(organisations: &[&str]) -> Vec<u8> {
    let mut builder = SignedDataBuilder::new()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap());
    for organisation in organisations {
        builder = builder
            .signer(
                certificate(&format!("pki/hk/{organisation}.pem")),
                key(&format!("hk-{organisation}")),
            )
            .unwrap();
    }
    builder.build(&mut Cursor::new(DOCUMENT)).unwrap()
}

/// `count` copies of the HK issuing CA, each with its own serial number and the
/// RSA-8192 public key of testdata/cms/attack in place of its own. Their signatures
/// are the real CA's and do not verify, which does not matter: a decoy is only ever
/// tried, never reached.
fn decoy_issuers(count: usize) -> Vec<Vec<u8>> {
    let issuing_ca = certificate("pki/hk/issuing-ca.pem");
    let decoy_key = single(&testdata("cms/attack/decoy-rsa-8192.spki.der"));
    let outer = single(issuing_ca.as_ref());
    let [tbs, algorithm, signature] = <[Tlv; 3]>::try_from(tlvs(&outer.content)).unwrap();
    let fields = tlvs(&tbs.content);
    // version [0], serialNumber, signature, issuer, validity, subject, spki, [3] exts
    assert_eq!(fields[6].tag, 0x30);
    (0..count)
        .map(|i| {
            let mut fields = fields.clone();
            fields[1] = Tlv {
                tag: 0x02,
                content: vec![0x5d, (i >> 8) as u8, i as u8],
            };
            fields[6] = decoy_key.clone();
            let tbs: Vec<u8> = fields.iter().flat_map(Tlv::encode).collect();
            tlv(
                0x30,
                &[tlv(0x30, &tbs), algorithm.encode(), signature.encode()].concat(),
            )
        })
        .collect()
}

fn verify(verifier: &Verifier, signature: &[u8]) -> Result<Report, Error> {
    verifier.verify_cms(
        signature,
        Content::Detached(&mut Cursor::new(DOCUMENT)),
        &SignatureOptions::new(Time::parse_rfc3339(AT).unwrap()),
    )
}

fn assert_every_signer_passed(report: &Report, signers: usize) {
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    assert_eq!(report.signers.len(), signers);
    for signer in &report.signers {
        assert_eq!(signer.indication, Indication::TotalPassed, "{signer:#?}");
        assert_eq!(signer.chain.len(), 3, "leaf, issuing CA, root");
    }
}

#[test]
fn the_caps_are_64_signers_and_1000_certificates() {
    assert_eq!(MAX_SIGNERS, 64);
    assert_eq!(MAX_CERTIFICATES, 1_000);
    assert_eq!(DEFAULT_SIGNATURE_BUDGET.signature_checks, 200);
}

/// Issue 8 §5, first attack: 8,000 signers over 8,000 certificates took 335 s. The
/// certificates field comes first in the SignedData, so its cap is the error.
#[test]
fn eight_thousand_signers_over_eight_thousand_certificates_are_refused_at_the_certificate_cap() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    let certificates = parts.certificates.clone();
    parts.signer_infos = vec![signer; 8_000];
    parts.certificates = certificates.iter().cycle().take(8_000).cloned().collect();
    let attack = parts.encode();
    let refused = Error::TooManyCertificates {
        count: 8_000,
        max: 1_000,
    };
    assert_eq!(CmsSignedData::parse(&attack), Err(refused.clone()));
    assert_eq!(verify(&hk_verifier(), &attack), Err(refused));
}

#[test]
fn eight_thousand_signers_over_two_certificates_are_refused_at_the_signer_cap() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    parts.signer_infos = vec![signer; 8_000];
    assert_eq!(
        verify(&hk_verifier(), &parts.encode()),
        Err(Error::TooManySigners {
            count: 8_000,
            max: 64
        })
    );
}

#[test]
fn sixty_five_signers_are_one_too_many() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    parts.signer_infos = vec![signer; 65];
    assert_eq!(
        verify(&hk_verifier(), &parts.encode()),
        Err(Error::TooManySigners { count: 65, max: 64 })
    );
}

#[test]
fn one_thousand_and_one_certificates_are_one_too_many() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let first = parts.certificates[0].clone();
    parts
        .certificates
        .extend(std::iter::repeat_n(first, 1_001 - parts.certificates.len()));
    assert_eq!(
        verify(&hk_verifier(), &parts.encode()),
        Err(Error::TooManyCertificates {
            count: 1_001,
            max: 1_000
        })
    );
}

/// Issue 8 §5, second attack: 1,000 copies of a valid signer with 120 decoy RSA-8192
/// issuers took 179 s.
#[test]
fn a_thousand_copies_of_a_valid_signer_with_120_rsa_8192_decoys_are_refused_at_the_signer_cap() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    parts.signer_infos = vec![signer; 1_000];
    let mut certificates = decoy_issuers(120);
    certificates.append(&mut parts.certificates);
    parts.certificates = certificates;
    assert_eq!(
        verify(&hk_verifier(), &parts.encode()),
        Err(Error::TooManySigners {
            count: 1_000,
            max: 64
        })
    );
}

/// The same attack within the caps: 64 copies, the 120 decoys before the real issuing
/// CA and sharing its key identifier, so the builder tries every decoy first. The first
/// signer's path costs 122 of the signature's 200 signature checks; the other 63 reuse
/// it (without that, the second signer would find the budget short and be
/// INDETERMINATE).
#[test]
fn sixty_four_copies_of_a_valid_signer_with_120_rsa_8192_decoys_pass_on_one_path() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    parts.signer_infos = vec![signer; 64];
    let mut certificates = decoy_issuers(120);
    certificates.append(&mut parts.certificates);
    parts.certificates = certificates;
    let report = verify(&hk_verifier(), &parts.encode()).unwrap();
    assert_every_signer_passed(&report, 64);
}

/// Decoys beyond the shared budget: the first signer's search spends all 200 checks on
/// decoys, and the second signer, with another certificate, finds nothing left. Both
/// are INDETERMINATE with the budget named; neither is a failure of the signature.
#[test]
fn decoys_beyond_the_shared_budget_leave_every_signer_indeterminate_naming_the_budget() {
    let mut parts = SignedDataParts::parse(&signature(&[
        "org-harbour-logistics",
        "org-kowloon-electronics",
    ]));
    let mut certificates = decoy_issuers(250);
    certificates.append(&mut parts.certificates);
    parts.certificates = certificates;
    let report = verify(&hk_verifier(), &parts.encode()).unwrap();
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::CertificateChainGeneralFailure)
    );
    assert_eq!(report.signers.len(), 2);
    let budget = Error::BudgetExceeded {
        what: "signature checks",
        limit: 200,
    };
    for signer in &report.signers {
        assert_eq!(signer.indication, Indication::Indeterminate);
        assert_eq!(
            signer.sub_indication,
            Some(SubIndication::CertificateChainGeneralFailure)
        );
        assert_eq!(
            signer.reason,
            format!("signer's certificate path: {budget}")
        );
        assert!(signer.chain.is_empty());
    }
}

/// 998 certificates naming the same issuer and serial number as the signer's (the
/// signer's own, with one signature byte changed): the ESS signingCertificateV2 hash
/// picks the real one for every signer, each candidate hashed once per signature, not
/// once per signer.
#[test]
fn among_998_forged_copies_the_ess_bound_signer_certificate_is_found_for_every_signer() {
    let mut parts = SignedDataParts::parse(&signature(&["org-harbour-logistics"]));
    let signer = parts.signer_infos[0].clone();
    parts.signer_infos = vec![signer; 64];
    let leaf = certificate("pki/hk/org-harbour-logistics.pem");
    let forged: Vec<Vec<u8>> = (0..998u16)
        .map(|i| {
            let mut copy = leaf.as_ref().to_vec();
            let end = copy.len();
            copy[end - 1] ^= (i % 255 + 1) as u8;
            copy[end - 2] ^= (i / 255 + 1) as u8;
            copy
        })
        .collect();
    let real: Vec<Vec<u8>> = parts
        .certificates
        .iter()
        .filter(|c| c.as_slice() != leaf.as_ref())
        .cloned()
        .collect();
    parts.certificates = forged;
    parts.certificates.extend(real); // the issuing CA
    parts.certificates.insert(500, leaf.as_ref().to_vec());
    assert_eq!(parts.certificates.len(), 1_000);
    let report = verify(&hk_verifier(), &parts.encode()).unwrap();
    assert_every_signer_passed(&report, 64);
}

/// The first attack within the caps: 64 distinct signers, each with its own certificate
/// under an untrusted CA, over 1,000 certificates (the CA 936 times over). Identical
/// copies are one candidate issuer, not 936, so every signer gets its own exact
/// outcome — no path to a trust anchor — on one signature check, well within the
/// shared budget.
#[test]
fn sixty_four_distinct_signers_over_a_thousand_certificates_each_get_their_exact_outcome() {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    };
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Untrusted Impostor CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, &ca_key);
    let signer_key = KeyPair::generate().unwrap();
    let mut builder =
        SignedDataBuilder::new().signing_time(Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap());
    let mut leaves = Vec::new();
    for i in 0..64 {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, format!("Signer {i}"));
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        // RFC 5280 §4.2.1.1: a certificate that is not self-signed names its issuer's key.
        params.use_authority_key_identifier_extension = true;
        let leaf = params.signed_by(&signer_key, &issuer).unwrap();
        leaves.push(leaf.der().to_vec());
        builder = builder
            .signer(
                CertificateDer::from_vec(leaf.der().to_vec()),
                SigningKey::from_pkcs8_der(&signer_key.serialize_der()).unwrap(),
            )
            .unwrap();
    }
    let mut parts = SignedDataParts::parse(&builder.build(&mut Cursor::new(DOCUMENT)).unwrap());
    assert_eq!(parts.signer_infos.len(), 64);
    parts.certificates = leaves;
    parts
        .certificates
        .extend(std::iter::repeat_n(ca.der().to_vec(), 936));
    let report = verify(&hk_verifier(), &parts.encode()).unwrap();
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(report.signers.len(), 64);
    for signer in &report.signers {
        assert_eq!(
            signer.sub_indication,
            Some(SubIndication::NoCertificateChainFound),
            "{signer:#?}"
        );
    }
}

/// A relying party of HK that loads the three bundled signed trust lists
/// (testdata/trust-lists), whose HK list names the HK issuing CA.
fn trust_list_verifier() -> Verifier {
    let at = Time::parse_rfc3339(AT).unwrap();
    let mut builder = TrustStore::builder();
    for (code, jurisdiction) in [
        ("cn", Jurisdiction::Cn),
        ("hk", Jurisdiction::Hk),
        ("mo", Jurisdiction::Mo),
    ] {
        let operators =
            decode_certificates(&testdata(&format!("pki/{code}/trust-list-operator-ca.pem")))
                .unwrap();
        let list = TrustList::load_signed(
            &testdata(&format!("trust-lists/{code}.p7s")),
            jurisdiction,
            &operators,
            at,
            StaleListPolicy::Refuse,
        )
        .unwrap();
        builder = builder.trust_list(list).unwrap();
    }
    Verifier::new(
        builder.build().unwrap(),
        RelyingPartyPolicy {
            home: Some(Jurisdiction::Hk),
            ..RelyingPartyPolicy::default()
        },
    )
}

/// 150 decoys with the listed HK issuing CA's name and key identifier (RSA-8192 keys
/// that did not sign anything) placed before the real chain, for two signers with
/// different certificates. Tried in signature order, the decoys would cost 151 of the
/// signature's 200 checks for the first signer and leave the second INDETERMINATE; the
/// issuing CAs the trust lists name come first in the path pool, so each signer's path
/// costs two checks and both pass, recognised by the HK list.
#[test]
fn listed_issuing_cas_are_tried_before_150_decoys_with_their_name_and_key_identifier() {
    let mut parts = SignedDataParts::parse(&signature(&[
        "org-harbour-logistics",
        "org-kowloon-electronics",
    ]));
    let mut certificates = decoy_issuers(150);
    certificates.append(&mut parts.certificates);
    parts.certificates = certificates;
    let report = verify(&trust_list_verifier(), &parts.encode()).unwrap();
    assert_every_signer_passed(&report, 2);
    for signer in &report.signers {
        let recognition = signer.recognition.as_ref().expect("recognised");
        assert_eq!(recognition.jurisdiction, Jurisdiction::Hk);
    }
}
