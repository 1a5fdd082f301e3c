//! `Verifier::verify_cms` over signatures made by `openssl cms -sign` (testdata/cms,
//! commands in testdata/cms/make.sh): every variant verifies TOTAL_PASSED, and each
//! kind of damage gives its ETSI indication and sub-indication as a report, not an Err.

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{hk_mo_verifier, testdata};

use std::io::Cursor;

use baytrust::Jurisdiction;
use baytrust::TrustStore;
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{Content, RelyingPartyPolicy, SignatureOptions, Verifier};
use baytrust::{Error, Time};
use baytrust::{Indication, Report, SubIndication};

/// The issuing CAs, which `openssl cms -sign` leaves out of the signature.
fn intermediates() -> Vec<CertificateDer> {
    ["pki/hk/issuing-ca.pem", "pki/mo/issuing-ca.pem"]
        .iter()
        .flat_map(|p| decode_certificates(&testdata(p)).unwrap())
        .collect()
}

fn options_at(time: &str) -> SignatureOptions {
    let mut options = SignatureOptions::new(Time::parse_rfc3339(time).unwrap());
    options.extra_certificates = intermediates();
    options
}

fn verify_detached(verifier: &Verifier, signature: &str, content: &str, time: &str) -> Report {
    let content = testdata(content);
    verifier
        .verify_cms(
            &testdata(&format!("cms/openssl/{signature}")),
            Content::Detached(&mut Cursor::new(content)),
            &options_at(time),
        )
        .unwrap()
}

const AT: &str = "2026-06-01T00:00:00Z";

fn assert_passed(report: &Report, signers: usize, what: &str) {
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{what}: {report:#?}"
    );
    assert_eq!(report.sub_indication, None, "{what}");
    assert_eq!(report.signers.len(), signers, "{what}");
    for signer in &report.signers {
        assert_eq!(signer.indication, Indication::TotalPassed, "{what}");
        assert!(signer.entity.is_some(), "{what}: signer names no entity");
        assert_eq!(signer.chain.len(), 3, "{what}: leaf, issuing CA, root");
    }
}

#[test]
fn every_openssl_detached_variant_passes() {
    let verifier = hk_mo_verifier(RelyingPartyPolicy::default());
    for signature in [
        "rsa-detached.der",
        "rsa-detached.cms.pem",
        "rsa-detached.pkcs7.pem",
        "rsa-nosmimecap.der",
        "rsa-noattr-detached.der",
        "rsa-pss.der",
        "rsa-cades.der",
        "rsa-keyid.der",
        "ecdsa-p256.der",
        "ecdsa-p256-noattr.der",
        "ecdsa-p384.der",
    ] {
        let report = verify_detached(&verifier, signature, "cms/contract.txt", AT);
        assert_passed(&report, 1, signature);
    }
}

#[test]
fn attached_and_streamed_ber_signatures_pass() {
    let verifier = hk_mo_verifier(RelyingPartyPolicy::default());
    for signature in [
        "rsa-attached.der",
        "rsa-stream-attached.ber",
        "rsa-noattr-attached.der",
    ] {
        let report = verifier
            .verify_cms(
                &testdata(&format!("cms/openssl/{signature}")),
                Content::Attached,
                &options_at(AT),
            )
            .unwrap();
        assert_passed(&report, 1, signature);
    }
}

#[test]
fn co_signed_contract_passes_signer_by_signer() {
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "two-signers.der",
        "cms/contract.txt",
        AT,
    );
    assert_passed(&report, 2, "two signers");
    let mut jurisdictions: Vec<Jurisdiction> = report
        .signers
        .iter()
        .map(|s| s.entity.as_ref().unwrap().jurisdiction)
        .collect();
    jurisdictions.sort();
    assert_eq!(jurisdictions, [Jurisdiction::Hk, Jurisdiction::Mo]);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["indication"], "TOTAL_PASSED");
    assert_eq!(json["validation_time"], AT);
    assert_eq!(json["signers"][0]["recognition"], serde_json::Value::Null);
}

#[test]
fn tampered_content_is_total_failed_hash_failure() {
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "rsa-detached.der",
        "cms/contract-tampered.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
}

#[test]
fn tampered_signature_is_total_failed_sig_crypto_failure() {
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "rsa-detached-badsig.der",
        "cms/contract.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::SigCryptoFailure));
}

#[test]
fn no_path_to_an_anchor_is_indeterminate_no_certificate_chain_found() {
    let hk_only_without_issuing = Verifier::new(
        TrustStore::builder()
            .anchors_from(Jurisdiction::Cn, &testdata("pki/cn/root-ca.pem"))
            .unwrap()
            .build()
            .unwrap(),
        RelyingPartyPolicy::default(),
    );
    let report = verify_detached(
        &hk_only_without_issuing,
        "rsa-detached.der",
        "cms/contract.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::NoCertificateChainFound)
    );
}

#[test]
fn signer_expired_at_validation_time_is_indeterminate_out_of_bounds_no_poe() {
    // The organisation certificates expire 2028-01-01; nothing proves an earlier
    // signing time (signingTime is only a claim).
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "rsa-detached.der",
        "cms/contract.txt",
        "2029-01-01T00:00:00Z",
    );
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(report.sub_indication, Some(SubIndication::OutOfBoundsNoPoe));
}

#[test]
fn sha1_digest_is_indeterminate_crypto_constraints_failure() {
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "rsa-sha1.der",
        "cms/contract.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::CryptoConstraintsFailure)
    );
}

#[test]
fn missing_signer_certificate_is_indeterminate_no_signing_certificate_found() {
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "rsa-nocerts.der",
        "cms/contract.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::NoSigningCertificateFound)
    );
}

#[test]
fn one_failing_signer_fails_the_whole_signature() {
    // Verified over tampered content, both signers fail: the report is TOTAL_FAILED.
    let report = verify_detached(
        &hk_mo_verifier(RelyingPartyPolicy::default()),
        "two-signers.der",
        "cms/contract-tampered.txt",
        AT,
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert!(report
        .signers
        .iter()
        .all(|s| s.sub_indication == Some(SubIndication::HashFailure)));
}

#[test]
fn unusable_input_is_an_error_not_a_report() {
    let verifier = hk_mo_verifier(RelyingPartyPolicy::default());
    let options = options_at(AT);
    assert!(matches!(
        verifier.verify_cms(b"not a signature", Content::Attached, &options),
        Err(Error::CmsMalformed { .. } | Error::UnrecognisedEncoding)
    ));
    let signature = testdata("cms/openssl/rsa-detached.der");
    assert!(matches!(
        verifier.verify_cms(
            &signature[..signature.len() / 2],
            Content::Attached,
            &options
        ),
        Err(Error::CmsMalformed { .. })
    ));
    assert_eq!(
        verifier
            .verify_cms(&signature, Content::Attached, &options)
            .unwrap_err(),
        Error::CmsContentMissing
    );
    let attached = testdata("cms/openssl/rsa-attached.der");
    assert_eq!(
        verifier
            .verify_cms(
                &attached,
                Content::Detached(&mut Cursor::new(b"x".to_vec())),
                &options
            )
            .unwrap_err(),
        Error::CmsContentTwice
    );
}
