//! RFC 5652 semantics of `Verifier::verify_cms` (issue 8 §6): the kept-content cap,
//! signingTime as real signers write it, the SignerInfo version and digestAlgorithms
//! rules, and inputs that are not a signature, each with its exact outcome. Signatures
//! are made with `SignedDataBuilder` or by `openssl cms` (testdata/cms/make.sh) and
//! edited as DER (tests/support/signed_data_parts.rs), re-signed where the edit touches
//! the signed attributes.

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{certificate, hk_mo_verifier, testdata};

#[path = "support/signed_data_parts.rs"]
mod signed_data_parts;

use std::io::Cursor;

use baytrust::cms::CmsSignedData;
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};
use baytrust::{SignedDataBuilder, SigningKey};
use signed_data_parts::{oid, tlv, SignedDataParts, SignerInfoParts};

const DOCUMENT: &[u8] = b"Purchase order 2026-0042: 500 containers, Shenzhen to Hong Kong.\n";
const AT: &str = "2026-06-01T00:00:00Z";
const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const SHA384: &str = "2.16.840.1.101.3.4.2.2";

fn harbour_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(&testdata(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem",
    ))
    .unwrap()
}

fn verifier() -> Verifier {
    hk_mo_verifier(RelyingPartyPolicy::default())
}

fn options() -> SignatureOptions {
    let mut options = SignatureOptions::new(Time::parse_rfc3339(AT).unwrap());
    // `openssl cms -sign` leaves the issuing CAs out.
    options.extra_certificates = ["pki/hk/issuing-ca.pem", "pki/mo/issuing-ca.pem"]
        .iter()
        .map(|path| certificate(path))
        .collect();
    options
}

/// A detached CAdES-B-B signature by Harbour Logistics (HK) over [`DOCUMENT`].
fn harbour_signature() -> Vec<u8> {
    SignedDataBuilder::new()
        .chain(vec![certificate("pki/hk/issuing-ca.pem")])
        .signing_time(Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap())
        .signer(
            certificate("pki/hk/org-harbour-logistics.pem"),
            harbour_key(),
        )
        .unwrap()
        .build(&mut Cursor::new(DOCUMENT))
        .unwrap()
}

fn verify_document(verifier: &Verifier, signature: &[u8]) -> Result<Report, Error> {
    verifier.verify_cms(
        signature,
        Content::Detached(&mut Cursor::new(DOCUMENT)),
        &options(),
    )
}

/// `harbour_signature` with its signingTime value replaced by `time` (a whole TLV)
/// and re-signed.
fn harbour_signature_with_signing_time(time: &[u8]) -> Vec<u8> {
    let mut parts = SignedDataParts::parse(&harbour_signature());
    let mut signer = SignerInfoParts::parse(&parts.signer_infos[0]);
    let signed = signer.replace_attribute_value(SIGNING_TIME, time);
    signer.set_signature(&harbour_key().sign(&signed).unwrap());
    parts.signer_infos[0] = signer.encode();
    parts.encode()
}

fn assert_one_signer(report: &Report, sub_indication: SubIndication, reason: &str) {
    assert_eq!(report.signers.len(), 1);
    let signer = &report.signers[0];
    assert_eq!(
        signer.indication,
        sub_indication.indication(),
        "{signer:#?}"
    );
    assert_eq!(signer.sub_indication, Some(sub_indication));
    assert_eq!(signer.reason, reason);
    assert_eq!(report.sub_indication, Some(sub_indication));
}

// ---- kept-content cap -------------------------------------------------------------

#[test]
fn detached_content_over_the_kept_content_cap_is_indeterminate_signed_data_not_found() {
    let mut policy = RelyingPartyPolicy::default();
    assert_eq!(policy.max_kept_content, 64 * 1024 * 1024);
    policy.max_kept_content = 16;
    let verifier = hk_mo_verifier(policy);
    let contract = testdata("cms/contract.txt");
    assert!(contract.len() > 16);
    let report = verifier
        .verify_cms(
            &testdata("cms/openssl/rsa-noattr-detached.der"),
            Content::Detached(&mut Cursor::new(&contract)),
            &options(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_one_signer(
        &report,
        SubIndication::SignedDataNotFound,
        &Error::DetachedContentTooLarge { max: 16 }.to_string(),
    );
}

#[test]
fn the_kept_content_cap_does_not_touch_signers_with_signed_attributes() {
    let policy = RelyingPartyPolicy {
        max_kept_content: 16,
        ..RelyingPartyPolicy::default()
    };
    let report = hk_mo_verifier(policy)
        .verify_cms(
            &testdata("cms/openssl/rsa-detached.der"),
            Content::Detached(&mut Cursor::new(testdata("cms/contract.txt"))),
            &options(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
}

#[test]
fn content_exactly_at_the_kept_content_cap_is_kept() {
    let contract = testdata("cms/contract.txt");
    let policy = RelyingPartyPolicy {
        max_kept_content: contract.len(),
        ..RelyingPartyPolicy::default()
    };
    let report = hk_mo_verifier(policy)
        .verify_cms(
            &testdata("cms/openssl/rsa-noattr-detached.der"),
            Content::Detached(&mut Cursor::new(&contract)),
            &options(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
}

// ---- signingTime ------------------------------------------------------------------

#[test]
fn signing_time_utc_time_with_plus_0800_offset_is_read_as_utc_and_flagged() {
    let signature = harbour_signature_with_signing_time(&tlv(0x17, b"260531170000+0800"));
    let report = verify_document(&verifier(), &signature).unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    let signer = &report.signers[0];
    assert_eq!(
        signer.claimed_signing_time,
        Some(Time::parse_rfc3339("2026-05-31T09:00:00Z").unwrap())
    );
    assert!(signer.signing_time_offset_normalised);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["signers"][0]["claimed_signing_time"],
        "2026-05-31T09:00:00Z"
    );
    assert_eq!(json["signers"][0]["signing_time_offset_normalised"], true);
}

#[test]
fn signing_time_in_zulu_is_not_flagged() {
    let report = verify_document(&verifier(), &harbour_signature()).unwrap();
    assert_eq!(report.indication, Indication::TotalPassed);
    assert!(!report.signers[0].signing_time_offset_normalised);
}

#[test]
fn generalized_time_signing_time_before_1950_is_read_not_a_format_failure() {
    let signature = harbour_signature_with_signing_time(&tlv(0x18, b"19491231235959Z"));
    let report = verify_document(&verifier(), &signature).unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
    let claimed = report.signers[0].claimed_signing_time.unwrap();
    assert_eq!(claimed, Time::from_unix_seconds(-631_152_001));
    assert_eq!(claimed.to_string(), "1949-12-31T23:59:59Z");
}

#[test]
fn a_signing_time_offset_without_seconds_is_a_format_failure_naming_the_rule() {
    let signature = harbour_signature_with_signing_time(&tlv(0x17, b"2605311700+0800"));
    let report = verify_document(&verifier(), &signature).unwrap();
    assert_one_signer(
        &report,
        SubIndication::FormatFailure,
        "signingTime is malformed: UTCTime \"2605311700+0800\" is not YYMMDDhhmmssZ \
         (RFC 5652 §11.3)",
    );
}

// ---- SignerInfo version and digestAlgorithms ---------------------------------------

#[test]
fn signer_info_version_3_with_issuer_and_serial_number_is_a_format_failure() {
    for version in [3, 2, 0] {
        let mut parts = SignedDataParts::parse(&harbour_signature());
        let mut signer = SignerInfoParts::parse(&parts.signer_infos[0]);
        signer.set_version(version);
        parts.signer_infos[0] = signer.encode();
        let report = verify_document(&verifier(), &parts.encode()).unwrap();
        assert_one_signer(
            &report,
            SubIndication::FormatFailure,
            &Error::SignerInfoVersionMismatch {
                version,
                sid: "issuerAndSerialNumber",
            }
            .to_string(),
        );
    }
}

#[test]
fn signer_info_version_1_with_subject_key_identifier_is_a_format_failure() {
    let mut parts = SignedDataParts::parse(&testdata("cms/openssl/rsa-keyid.der"));
    let mut signer = SignerInfoParts::parse(&parts.signer_infos[0]);
    assert_eq!(signer.fields[0].content, [3], "openssl writes version 3");
    signer.set_version(1);
    parts.signer_infos[0] = signer.encode();
    let report = verifier()
        .verify_cms(
            &parts.encode(),
            Content::Detached(&mut Cursor::new(testdata("cms/contract.txt"))),
            &options(),
        )
        .unwrap();
    assert_one_signer(
        &report,
        SubIndication::FormatFailure,
        "SignerInfo version 1 with subjectKeyIdentifier (RFC 5652 §5.3: version 1 goes with \
         issuerAndSerialNumber, version 3 with subjectKeyIdentifier)",
    );
}

#[test]
fn a_digest_algorithm_missing_from_digest_algorithms_is_a_format_failure() {
    let mut parts = SignedDataParts::parse(&harbour_signature());
    parts.digest_algorithms = tlv(0x31, &tlv(0x30, &[oid(SHA384), vec![0x05, 0x00]].concat()));
    let report = verify_document(&verifier(), &parts.encode()).unwrap();
    assert_one_signer(
        &report,
        SubIndication::FormatFailure,
        "the signer's digest algorithm 2.16.840.1.101.3.4.2.1 is not listed in \
         SignedData.digestAlgorithms (RFC 5652 §5.1)",
    );
    // Listed among others, with or without NULL parameters, it passes.
    parts.digest_algorithms = tlv(
        0x31,
        &[
            tlv(0x30, &[oid(SHA384), vec![0x05, 0x00]].concat()),
            tlv(0x30, &oid(SHA256)),
        ]
        .concat(),
    );
    let report = verify_document(&verifier(), &parts.encode()).unwrap();
    assert_eq!(report.indication, Indication::TotalPassed, "{report:#?}");
}

// ---- messages say what was received ------------------------------------------------

#[test]
fn content_type_mismatch_names_the_econtent_type_oid_as_received() {
    let mut parts = SignedDataParts::parse(&harbour_signature());
    // GM/T 0010 signedData: read as id-signedData, shown as received.
    parts.set_e_content_type("1.2.156.10197.6.1.4.2.2");
    let report = verify_document(&verifier(), &parts.encode()).unwrap();
    assert_one_signer(
        &report,
        SubIndication::FormatFailure,
        "contentType attribute 1.2.840.113549.1.7.1 differs from eContentType \
         1.2.156.10197.6.1.4.2.2 (RFC 5652 §11.1)",
    );
}

#[test]
fn unsigned_attributes_for_content_other_than_data_name_the_econtent_type() {
    let mut parts = SignedDataParts::parse(&testdata("cms/openssl/rsa-noattr-attached.der"));
    parts.set_e_content_type("1.2.840.113549.1.9.16.1.4");
    let report = verifier()
        .verify_cms(&parts.encode(), Content::Attached, &options())
        .unwrap();
    assert_one_signer(
        &report,
        SubIndication::FormatFailure,
        "no signed attributes for eContentType 1.2.840.113549.1.9.16.1.4 (RFC 5652 §5.3: \
         required unless the content type is id-data)",
    );
}

#[test]
fn certificates_only_signed_data_is_refused_as_having_no_signers() {
    let mut parts = SignedDataParts::parse(&harbour_signature());
    parts.signer_infos.clear();
    let bag = parts.encode();
    // A certificate bag reads as a SignedData…
    let read = CmsSignedData::parse(&bag).unwrap();
    assert_eq!((read.signers().len(), read.certificates().len()), (0, 2));
    // …but is no signature.
    let refused = verify_document(&verifier(), &bag).unwrap_err();
    assert_eq!(refused, Error::CmsNoSigners { certificates: 2 });
    assert_eq!(
        refused.to_string(),
        "certificates-only SignedData, no signers (2 certificates): nothing is signed"
    );
}

fn content_info(content_type: &str) -> Vec<u8> {
    tlv(
        0x30,
        &[
            oid(content_type),
            tlv(0xa0, &tlv(0x30, &[0x02, 0x01, 0x01])),
        ]
        .concat(),
    )
}

#[test]
fn signed_and_enveloped_data_is_named_not_signed_data() {
    for content_type in ["1.2.840.113549.1.7.4", "1.2.156.10197.6.1.4.2.4"] {
        let refused = verify_document(&verifier(), &content_info(content_type)).unwrap_err();
        assert_eq!(
            refused,
            Error::CmsSignedAndEnvelopedData {
                content_type: content_type.into()
            }
        );
        assert_eq!(
            refused.to_string(),
            format!("signed-and-enveloped data ({content_type}) is not SignedData")
        );
    }
    assert_eq!(
        CmsSignedData::parse(&content_info("1.2.840.113549.1.7.3")),
        Err(Error::CmsNotSignedData {
            content_type: "1.2.840.113549.1.7.3".into()
        })
    );
}
