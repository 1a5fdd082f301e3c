//! A signer whose certificate the strict certificate rules refuse (issue 8 loose ends):
//! the certificate its identifier designates — matched on the raw issuer and serial
//! number, or subjectKeyIdentifier, of the refused DER — is named with the rule it
//! breaks, not reported as missing. Signatures are made with `SignedDataBuilder` over
//! the HK test PKI and then edited as DER (tests/support/signed_data_parts.rs): the
//! signer's certificate is replaced by a copy that breaks one profile rule, which
//! leaves the signature value itself intact.

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{certificate, hk_verifier, testdata};

#[path = "support/signed_data_parts.rs"]
mod signed_data_parts;

use std::io::Cursor;

use baytrust::cert::Certificate;
use baytrust::cms::{check_signer, CmsSignedData, ContentDigests, SignerFailure};
use baytrust::AlgorithmPolicy;
use baytrust::{Content, SignatureOptions};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};
use baytrust::{SignedDataBuilder, SigningKey};
use signed_data_parts::{single, tlv, tlvs, SignedDataParts, SignerInfoParts, Tlv};

const DOCUMENT: &[u8] = b"Delivery note 2026-0311: 12 pallets, Nansha to Tsing Yi.\n";
const AT: &str = "2026-06-01T00:00:00Z";
/// sha384WithRSAEncryption with NULL parameters (RFC 4055 §5).
const SHA384_WITH_RSA: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00,
];

/// A detached signature by HK Harbour Logistics, carrying the HK issuing CA.
fn signature() -> Vec<u8> {
    let key = SigningKey::from_pkcs8_pem(&testdata(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem",
    ))
    .unwrap();
    SignedDataBuilder::new()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap())
        .signer(certificate("pki/hk/org-harbour-logistics.pem"), key)
        .unwrap()
        .build(&mut Cursor::new(DOCUMENT))
        .unwrap()
}

/// `der` with its tbsCertificate fields changed by `edit` (the outer signature kept).
fn edit_tbs(der: &[u8], edit: impl FnOnce(&mut Vec<Tlv>)) -> Vec<u8> {
    let outer = single(der);
    let [tbs, algorithm, signature] = <[Tlv; 3]>::try_from(tlvs(&outer.content)).unwrap();
    let mut fields = tlvs(&tbs.content);
    edit(&mut fields);
    let tbs: Vec<u8> = fields.iter().flat_map(Tlv::encode).collect();
    tlv(
        0x30,
        &[tlv(0x30, &tbs), algorithm.encode(), signature.encode()].concat(),
    )
}

/// `der` with `tbsCertificate.signature` saying sha384WithRSAEncryption while
/// `signatureAlgorithm` says sha256WithRSAEncryption (RFC 5280 §4.1.1.2).
fn with_mismatched_signature_algorithm(der: &[u8]) -> Vec<u8> {
    edit_tbs(der, |fields| {
        // version [0], serialNumber, signature, …
        assert_eq!(fields[0].tag, 0xa0);
        fields[2] = single(&SHA384_WITH_RSA);
    })
}

/// `der` without its version field: a v1 certificate that carries extensions
/// (RFC 5280 §4.1.2.9).
fn as_v1_with_extensions(der: &[u8]) -> Vec<u8> {
    edit_tbs(der, |fields| {
        assert_eq!(fields[0].tag, 0xa0);
        fields.remove(0);
    })
}

/// The subjectKeyIdentifier of the HK Harbour Logistics certificate.
fn harbour_logistics_key_id() -> Vec<u8> {
    let der = certificate("pki/hk/org-harbour-logistics.pem");
    let certificate = der.parse().unwrap();
    certificate.subject_key_id().unwrap().to_vec()
}

fn verify(signature: &[u8]) -> Report {
    hk_verifier()
        .verify_cms(
            signature,
            Content::Detached(&mut Cursor::new(DOCUMENT)),
            &SignatureOptions::new(Time::parse_rfc3339(AT).unwrap()),
        )
        .unwrap()
}

/// The signature with the signer's certificate replaced by `replacement`.
fn with_signer_certificate(replacement: Vec<u8>) -> SignedDataParts {
    let mut parts = SignedDataParts::parse(&signature());
    let genuine = certificate("pki/hk/org-harbour-logistics.pem");
    let index = parts
        .certificates
        .iter()
        .position(|c| c.as_slice() == genuine.as_ref())
        .unwrap();
    parts.certificates[index] = replacement;
    parts
}

fn assert_refused_with(report: &Report, error: &Error) {
    assert_eq!(report.indication, Indication::Indeterminate, "{report:#?}");
    let signer = &report.signers[0];
    assert_eq!(signer.indication, Indication::Indeterminate);
    assert_eq!(
        signer.sub_indication,
        Some(SubIndication::ChainConstraintsFailure)
    );
    assert_eq!(
        signer.reason,
        format!("the signer's certificate breaks the certificate rules: {error}")
    );
    assert_eq!(signer.certificate, None);
    assert!(signer.chain.is_empty());
}

#[test]
fn a_signer_certificate_whose_tbs_signature_differs_from_signature_algorithm_is_named_not_missing()
{
    let broken = with_mismatched_signature_algorithm(
        certificate("pki/hk/org-harbour-logistics.pem").as_ref(),
    );
    let error = Error::SignatureAlgorithmMismatch {
        tbs_signature: "1.2.840.113549.1.1.12 with parameters 0500".into(),
        signature_algorithm: "1.2.840.113549.1.1.11 with parameters 0500".into(),
    };
    assert_eq!(Certificate::from_der(&broken).err(), Some(error.clone()));
    let report = verify(&with_signer_certificate(broken).encode());
    assert_refused_with(&report, &error);
}

#[test]
fn a_v1_signer_certificate_with_extensions_named_by_its_key_identifier_is_named_not_missing() {
    let broken = as_v1_with_extensions(certificate("pki/hk/org-harbour-logistics.pem").as_ref());
    let error = Error::ExtensionsBeforeV3 { version: 0 };
    assert_eq!(Certificate::from_der(&broken).err(), Some(error.clone()));
    let mut parts = with_signer_certificate(broken);
    // The sid is not signed: name the certificate by its subjectKeyIdentifier instead
    // (version 3, RFC 5652 §5.3).
    let mut signer = SignerInfoParts::parse(&parts.signer_infos[0]);
    signer.set_version(3);
    signer.fields[1] = Tlv {
        tag: 0x80,
        content: harbour_logistics_key_id(),
    };
    parts.signer_infos[0] = signer.encode();
    let report = verify(&parts.encode());
    assert_refused_with(&report, &error);
}

#[test]
fn a_readable_copy_of_the_signer_certificate_wins_over_a_refused_one() {
    let genuine = certificate("pki/hk/org-harbour-logistics.pem");
    let broken = with_mismatched_signature_algorithm(genuine.as_ref());
    let mut parts = with_signer_certificate(broken);
    parts.certificates.push(genuine.as_ref().to_vec());
    let report = verify(&parts.encode());
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    assert_eq!(report.signers[0].chain.len(), 3);
}

#[test]
fn a_signer_naming_no_certificate_at_all_still_has_none_found() {
    let mut parts = with_signer_certificate(Vec::new());
    parts.certificates.retain(|c| !c.is_empty());
    let report = verify(&parts.encode());
    let signer = &report.signers[0];
    assert_eq!(
        signer.sub_indication,
        Some(SubIndication::NoSigningCertificateFound)
    );
    assert_eq!(
        signer.reason,
        "no certificate in the signature or supplied matches the signer identifier"
    );
}

#[test]
fn check_signer_carries_the_refusal_of_the_designated_certificate() {
    let broken = with_mismatched_signature_algorithm(
        certificate("pki/hk/org-harbour-logistics.pem").as_ref(),
    );
    let expected = Certificate::from_der(&broken).unwrap_err();
    let signature = with_signer_certificate(broken).encode();
    let signed_data = CmsSignedData::parse(&signature).unwrap();
    let mut digests = ContentDigests::new(&signed_data.digest_algorithms());
    digests.update(DOCUMENT);
    let check = check_signer(
        &signed_data,
        &signed_data.signers()[0],
        &[],
        &digests.finish(),
        None,
        &AlgorithmPolicy::default(),
    );
    assert_eq!(
        check.outcome,
        Err(SignerFailure::SignerCertificateRefused(expected))
    );
    assert_eq!(check.signer_certificate, None);
}

#[test]
fn a_refused_issuing_ca_is_dropped_and_named_when_no_issuer_is_found() {
    let issuing_ca = certificate("pki/hk/issuing-ca.pem");
    let broken = with_mismatched_signature_algorithm(issuing_ca.as_ref());
    let error = Certificate::from_der(&broken).unwrap_err();
    let mut parts = SignedDataParts::parse(&signature());
    let index = parts
        .certificates
        .iter()
        .position(|c| c.as_slice() == issuing_ca.as_ref())
        .unwrap();
    parts.certificates[index] = broken;
    let report = verify(&parts.encode());
    let signer = &report.signers[0];
    assert_eq!(signer.indication, Indication::Indeterminate);
    assert_eq!(
        signer.sub_indication,
        Some(SubIndication::NoCertificateChainFound)
    );
    assert_eq!(
        signer.reason,
        format!(
            "signer's certificate path: {}; a certificate with the issuer's name in the \
             signature was refused: {error}",
            Error::UnknownIssuer { depth: 0 }
        )
    );
}
