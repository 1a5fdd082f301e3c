//! `Verifier::builder()`: the bundled contract verified from bytes alone, with each
//! list's operators pinned for its jurisdiction; the builder refuses what the loader does.

use baytrust::{Error, Indication, Jurisdiction, SubIndication, Time, Verifier};

fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn now() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

fn bundled_verifier() -> Verifier {
    let mut builder = Verifier::builder();
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    builder.build().unwrap()
}

#[test]
fn builder_verifies_the_bundled_contract() {
    let verifier = bundled_verifier();
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &read("testdata/samples/supply-contract.txt"),
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed);
    assert_eq!(report.signers.len(), 2);
}

#[test]
fn builder_tampered_contract_fails_with_hash_failure() {
    let verifier = bundled_verifier();
    let mut content = read("testdata/samples/supply-contract.txt");
    content[0] ^= 1;
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &content,
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
}

#[test]
fn builder_refuses_a_list_loaded_for_another_jurisdiction() {
    let error = Verifier::builder()
        .trust_list(
            Jurisdiction::Cn,
            &read("testdata/trust-lists/hk.p7s"),
            &read("testdata/pki/hk/trust-list-operator-ca.pem"),
            now(),
        )
        .unwrap_err();
    assert!(
        matches!(error, Error::TrustListJurisdictionMismatch { .. }),
        "{error:?}"
    );
}

#[test]
fn builder_accept_narrows_the_lists_recognised() {
    let mut builder = Verifier::builder().accept(Jurisdiction::Mo);
    for code in ["cn", "hk"] {
        builder = builder
            .trust_list(
                code.to_uppercase().parse().unwrap(),
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    let verifier = builder.build().unwrap();
    let report = verifier
        .verify_detached(
            &read("testdata/samples/supply-contract.txt.p7s"),
            &read("testdata/samples/supply-contract.txt"),
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::NotRecognised));
}
