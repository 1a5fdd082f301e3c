//! A trust list built by hand from docs/trust-list.md alone, by someone who never read
//! the code (testdata/hand-built-list: the list, its openssl signing commands and the
//! outcomes its author predicted from the documentation before running anything). The
//! tool must reach exactly those outcomes.

mod support;

use serde_json::Value;
use support::{testdata, verify_sig};

#[test]
fn hand_built_list_drives_recognition_as_its_author_predicted_from_the_docs() {
    let expectations: Value = serde_json::from_slice(
        &std::fs::read(testdata("hand-built-list/expectations.json")).unwrap(),
    )
    .unwrap();
    let root = testdata("..");
    let path = |relative: &str| root.join(relative).to_string_lossy().into_owned();
    let expectations = expectations.as_array().unwrap();
    assert!(expectations.len() >= 5);
    for expectation in expectations {
        let signature = expectation["signature"].as_str().unwrap();
        let time = expectation["validation_time"].as_str().unwrap();
        let args = [
            "verify".to_owned(),
            path(signature),
            "--content".into(),
            path("testdata/samples/supply-contract.txt"),
            "--trust-list".into(),
            path("testdata/hand-built-list/hk-by-hand.p7s"),
            "--operator-cert".into(),
            path("testdata/pki/hk/trust-list-operator-ca.pem"),
            "--home".into(),
            "CN".into(),
            "--accept".into(),
            "HK".into(),
            "--now".into(),
            time.to_owned(),
            "--attime".into(),
            time.to_owned(),
            "--json".into(),
        ];
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = verify_sig(&args);
        let what = format!("{signature} at {time}");
        let report: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{what}: {e}: {}", String::from_utf8_lossy(&output.stderr)));
        assert_eq!(
            report["indication"], expectation["expected_indication"],
            "{what}"
        );
        assert_eq!(
            report["sub_indication"], expectation["expected_sub_indication"],
            "{what}"
        );
        let signer = &report["signers"][0];
        match expectation["expected_service"].as_str() {
            Some(service) => {
                assert_eq!(
                    signer["recognition"]["service"].as_str(),
                    Some(service),
                    "{what}"
                );
                assert_eq!(
                    signer["recognition"]["jurisdiction"].as_str(),
                    Some("HK"),
                    "{what}"
                );
            }
            None => assert!(signer["recognition"].is_null(), "{what}"),
        }
        if let Some(org_id) = expectation["expected_org_id"].as_str() {
            assert_eq!(signer["entity"]["org_id"].as_str(), Some(org_id), "{what}");
        }
    }
}
