//! Loading trust lists (docs/trust-list.md): signed lists made by `openssl cms -sign`
//! with test operators (testdata/trust-list-load, commands in its make.sh), each rule of
//! signature, operator, document and staleness giving its own error; the schema cases
//! that pin the loader and docs/trust-list.schema.json to the same verdicts; and the
//! documentation's complete example.

#[path = "support/signed_data_parts.rs"]
mod signed_data_parts;

use std::path::PathBuf;

use baytrust::Jurisdiction;
use baytrust::{decode_certificates, CertificateDer};
use baytrust::{Error, Time};
use baytrust::{PolicyMatch, ServiceStatus, StaleListPolicy, TrustList, TrustListDocument};

const HERE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/trust-list-load"
);

fn read(path: &str) -> Vec<u8> {
    let full = format!("{HERE}/{path}");
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn certificate(path: &str) -> CertificateDer {
    decode_certificates(&read(path)).unwrap().remove(0)
}

fn t(text: &str) -> Time {
    Time::parse_rfc3339(text).unwrap()
}

/// The validation time of the test data.
fn now() -> Time {
    t("2026-06-01T00:00:00Z")
}

fn operator() -> Vec<CertificateDer> {
    vec![certificate("operator-ca.pem")]
}

/// Loads `signed/<name>` against the configured operator at the test time.
fn load(name: &str, stale: StaleListPolicy) -> Result<TrustList, Error> {
    TrustList::load_signed(
        &read(&format!("signed/{name}")),
        Jurisdiction::Hk,
        &operator(),
        now(),
        stale,
    )
}

fn load_refusing_stale(name: &str) -> Result<TrustList, Error> {
    load(name, StaleListPolicy::Refuse)
}

fn reason_of(result: Result<TrustList, Error>) -> (String, String) {
    let error = result.expect_err("the list must be refused");
    let reason = match &error {
        Error::TrustListSignatureInvalid { reason }
        | Error::TrustListOperatorUnknown { reason }
        | Error::TrustListMalformed { reason } => reason.clone(),
        other => panic!("unexpected error {other:?}"),
    };
    (error.kind().to_owned(), reason)
}

fn assert_refused(result: Result<TrustList, Error>, kind: &str, reason_mentions: &[&str]) {
    let (found, reason) = reason_of(result);
    assert_eq!(found, kind, "reason: {reason}");
    for part in reason_mentions {
        assert!(reason.contains(part), "{reason:?} lacks {part:?}");
    }
}

fn pki_der(path: &str) -> Vec<u8> {
    let full = format!("{HERE}/../pki/{path}");
    let pem = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    decode_certificates(&pem)
        .unwrap()
        .remove(0)
        .as_ref()
        .to_vec()
}

// ---- a good list ------------------------------------------------------------------

#[test]
fn signed_list_loads_with_every_field() {
    let list = load_refusing_stale("list.der").unwrap();
    assert_eq!(list.jurisdiction, Jurisdiction::Hk);
    assert_eq!(list.operator, "BayTrust Test HK Trust List Authority");
    assert_eq!(list.sequence, 7);
    assert_eq!(list.issued, t("2026-01-01T00:00:00Z"));
    assert_eq!(list.next_update, t("2026-07-01T00:00:00Z"));
    assert_eq!(list.services.len(), 2);

    let current = &list.services[0];
    assert_eq!(
        current.name,
        "BayTrust Test HK Organisational Certificates (Issuing CA 2024)"
    );
    assert_eq!(current.roots.len(), 1);
    assert_eq!(current.roots[0].as_ref(), pki_der("hk/root-ca.pem"));
    assert_eq!(
        current.issuing_cas[0].as_ref(),
        pki_der("hk/issuing-ca.pem")
    );
    assert!(current.certificate_type.is_none());
    assert_eq!(current.policies.len(), 1);
    assert_eq!(current.policies[0].oid, "2.16.344.8.2.2008.810.2");
    assert_eq!(current.policies[0].match_, PolicyMatch::Prefix);
    assert!(current.policies[0].matches("2.16.344.8.2.2008.810.2.2018.1.1"));
    assert_eq!(current.identity.jurisdiction(), Jurisdiction::Hk);
    assert_eq!(current.status_at(now()), ServiceStatus::Recognised);
    assert_eq!(
        current.status_at(t("2023-12-31T23:59:59Z")),
        ServiceStatus::Withdrawn
    );

    let retired = &list.services[1];
    assert_eq!(
        retired.issuing_cas[0].as_ref(),
        pki_der("hk/retired-issuing-ca.pem")
    );
    assert_eq!(retired.policies[0].match_, PolicyMatch::Exact);
    assert_eq!(retired.status_history.len(), 2);
    assert_eq!(
        retired.status_at(t("2024-06-30T23:59:59Z")),
        ServiceStatus::Recognised
    );
    assert_eq!(
        retired.status_at(t("2024-07-01T00:00:00Z")),
        ServiceStatus::Withdrawn
    );
    assert_eq!(retired.status_at(now()), ServiceStatus::Withdrawn);
}

#[test]
fn pem_and_ber_stream_signatures_load_the_same_list() {
    let der = load_refusing_stale("list.der").unwrap();
    for name in ["list.cms.pem", "list-stream.ber"] {
        let other = load_refusing_stale(name).unwrap();
        assert_eq!(other.sequence, der.sequence, "{name}");
        assert_eq!(other.services.len(), der.services.len(), "{name}");
        assert_eq!(other.services[0].roots, der.services[0].roots, "{name}");
    }
}

// ---- the signature -----------------------------------------------------------------

#[test]
fn changed_content_is_an_invalid_signature() {
    // One byte of the JSON changed after signing: still valid JSON.
    assert_refused(
        load_refusing_stale("tampered.der"),
        "TrustListSignatureInvalid",
        &["signer 0", "messageDigest"],
    );
}

#[test]
fn detached_signature_is_an_invalid_signature() {
    assert_refused(
        load_refusing_stale("detached.der"),
        "TrustListSignatureInvalid",
        &["detached"],
    );
}

#[test]
fn content_type_other_than_id_data_is_an_invalid_signature() {
    assert_refused(
        load_refusing_stale("econtent-type.der"),
        "TrustListSignatureInvalid",
        &["1.2.840.113549.1.9.16.1.4", "id-data"],
    );
}

#[test]
fn bytes_that_are_not_cms_are_an_invalid_signature() {
    for input in [read("lists/list.json"), Vec::new(), vec![0x30, 0x03, 0x02]] {
        assert!(matches!(
            TrustList::load_signed(
                &input,
                Jurisdiction::Hk,
                &operator(),
                now(),
                StaleListPolicy::Refuse
            ),
            Err(Error::TrustListSignatureInvalid { .. })
        ));
    }
}

#[test]
fn signer_certificate_not_found_is_an_invalid_signature() {
    // -nocerts: the signing certificate is neither in the SignedData nor pinned.
    assert_refused(
        load_refusing_stale("nocerts.der"),
        "TrustListSignatureInvalid",
        &["signer 0", "certificate"],
    );
    // Pinning the signing certificate itself lets the signer be found; it then chains
    // to the operator CA, which is pinned too.
    let pinned = vec![certificate("operator-ca.pem"), certificate("signer.pem")];
    let signed = read("signed/nocerts.der");
    assert!(TrustList::load_signed(
        &signed,
        Jurisdiction::Hk,
        &pinned,
        now(),
        StaleListPolicy::Refuse
    )
    .is_ok());
}

/// The list's signer certificate replaced by a copy whose tbsCertificate.signature says
/// sha384WithRSAEncryption (RFC 5280 §4.1.1.2): the loader names the rule, not "no
/// certificate".
#[test]
fn a_signer_certificate_the_strict_rules_refuse_is_named_in_the_invalid_signature() {
    use signed_data_parts::{single, tlv, tlvs, SignedDataParts, Tlv};
    let genuine = certificate("signer.pem");
    let outer = single(genuine.as_ref());
    let [tbs, algorithm, signature] = <[Tlv; 3]>::try_from(tlvs(&outer.content)).unwrap();
    let mut fields = tlvs(&tbs.content);
    fields[2] = single(&[
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00,
    ]);
    let tbs: Vec<u8> = fields.iter().flat_map(Tlv::encode).collect();
    let broken = tlv(
        0x30,
        &[tlv(0x30, &tbs), algorithm.encode(), signature.encode()].concat(),
    );
    let mut parts = SignedDataParts::parse(&read("signed/list.der"));
    let index = parts
        .certificates
        .iter()
        .position(|c| c.as_slice() == genuine.as_ref())
        .unwrap();
    parts.certificates[index] = broken;
    let result = TrustList::load_signed(
        &parts.encode(),
        Jurisdiction::Hk,
        &operator(),
        now(),
        StaleListPolicy::Refuse,
    );
    let error = Error::SignatureAlgorithmMismatch {
        tbs_signature: "1.2.840.113549.1.1.12 with parameters 0500".into(),
        signature_algorithm: "1.2.840.113549.1.1.11 with parameters 0500".into(),
    };
    assert_eq!(
        result.err(),
        Some(Error::TrustListSignatureInvalid {
            reason: format!(
                "signer 0: the signer's certificate breaks the certificate rules: {error}"
            )
        })
    );
}

// ---- the operator ------------------------------------------------------------------

#[test]
fn signer_outside_the_configured_operator_is_operator_unknown() {
    assert_refused(
        load_refusing_stale("rogue-signer.der"),
        "TrustListOperatorUnknown",
        &["signer 0", "Rogue List Signer", "no issuer found"],
    );
    // The same bytes load for a relying party that pins the other operator: the
    // pinned certificates decide, not the list.
    let signed = read("signed/rogue-signer.der");
    let rogue = vec![certificate("rogue-ca.pem")];
    assert!(TrustList::load_signed(
        &signed,
        Jurisdiction::Hk,
        &rogue,
        now(),
        StaleListPolicy::Refuse
    )
    .is_ok());
}

#[test]
fn every_signer_must_chain_to_an_operator() {
    assert_refused(
        load_refusing_stale("one-signer-rogue.der"),
        "TrustListOperatorUnknown",
        // OpenSSL sorts the SET OF SignerInfo, so the rogue one's index is not fixed.
        &["Rogue List Signer", "no issuer found"],
    );
    let both = vec![certificate("operator-ca.pem"), certificate("rogue-ca.pem")];
    let signed = read("signed/one-signer-rogue.der");
    assert!(TrustList::load_signed(
        &signed,
        Jurisdiction::Hk,
        &both,
        now(),
        StaleListPolicy::Refuse
    )
    .is_ok());
}

#[test]
fn no_operator_certificate_is_operator_unknown() {
    let signed = read("signed/list.der");
    assert_refused(
        TrustList::load_signed(
            &signed,
            Jurisdiction::Hk,
            &[],
            now(),
            StaleListPolicy::Refuse,
        ),
        "TrustListOperatorUnknown",
        &["no operator certificate"],
    );
}

#[test]
fn signer_certificate_expired_at_load_time_is_operator_unknown() {
    // The signing certificate ends 2028-01-01.
    let signed = read("signed/list.der");
    assert_refused(
        TrustList::load_signed(
            &signed,
            Jurisdiction::Hk,
            &operator(),
            t("2028-06-01T00:00:00Z"),
            StaleListPolicy::AcceptAsIndeterminate,
        ),
        "TrustListOperatorUnknown",
        &["expired"],
    );
}

#[test]
fn operator_certificate_that_does_not_parse_is_its_own_error() {
    let signed = read("signed/list.der");
    let broken = vec![CertificateDer::from_vec(vec![0x30, 0x00])];
    assert!(matches!(
        TrustList::load_signed(
            &signed,
            Jurisdiction::Hk,
            &broken,
            now(),
            StaleListPolicy::Refuse
        ),
        Err(Error::CertificateMalformed { .. })
    ));
}

#[test]
fn operator_is_checked_before_the_document() {
    // A malformed document signed by someone the relying party does not trust: the
    // answer is about the signer, not about the untrusted content.
    let signed = read("signed/malformed.der");
    let rogue = vec![certificate("rogue-ca.pem")];
    assert!(matches!(
        TrustList::load_signed(
            &signed,
            Jurisdiction::Hk,
            &rogue,
            now(),
            StaleListPolicy::Refuse
        ),
        Err(Error::TrustListOperatorUnknown { .. })
    ));
}

// ---- the document ------------------------------------------------------------------

#[test]
fn malformed_json_is_malformed() {
    assert_refused(
        load_refusing_stale("malformed.der"),
        "TrustListMalformed",
        &["EOF"],
    );
}

#[test]
fn unknown_field_is_malformed() {
    assert_refused(
        load_refusing_stale("unknown-field.der"),
        "TrustListMalformed",
        &["unknown field `comment`"],
    );
}

#[test]
fn unknown_format_is_format_unknown() {
    assert_eq!(
        load_refusing_stale("unknown-format.der").unwrap_err(),
        Error::TrustListFormatUnknown {
            format: "baytrust-trust-list/2".into()
        }
    );
}

#[test]
fn bad_base64_certificate_is_malformed() {
    assert_refused(
        load_refusing_stale("bad-base64.der"),
        "TrustListMalformed",
        &["roots[0] is not base64"],
    );
}

#[test]
fn overlapping_status_periods_are_malformed() {
    assert_refused(
        load_refusing_stale("overlapping-periods.der"),
        "TrustListMalformed",
        &["status periods overlap"],
    );
}

#[test]
fn org_id_pattern_without_capture_group_is_malformed() {
    assert_refused(
        load_refusing_stale("pattern-without-group.der"),
        "TrustListMalformed",
        &["exactly one capture group"],
    );
}

// ---- staleness ---------------------------------------------------------------------

#[test]
fn stale_list_is_refused_with_its_values() {
    assert_eq!(
        load_refusing_stale("stale.der").unwrap_err(),
        Error::TrustListStale {
            jurisdiction: "HK".into(),
            sequence: 6,
            next_update: t("2026-03-01T00:00:00Z"),
            time: now(),
        }
    );
}

#[test]
fn stale_list_loads_when_accepted_as_indeterminate() {
    let list = load("stale.der", StaleListPolicy::AcceptAsIndeterminate).unwrap();
    assert_eq!(list.sequence, 6);
    assert_eq!(list.next_update, t("2026-03-01T00:00:00Z"));
}

#[test]
fn list_is_stale_only_after_next_update() {
    let signed = read("signed/list.der");
    let at = |time: &str| {
        TrustList::load_signed(
            &signed,
            Jurisdiction::Hk,
            &operator(),
            t(time),
            StaleListPolicy::Refuse,
        )
    };
    assert!(at("2026-07-01T00:00:00Z").is_ok());
    assert!(matches!(
        at("2026-07-01T00:00:01Z"),
        Err(Error::TrustListStale { sequence: 7, .. })
    ));
}

// ---- schema cases and the documentation ----------------------------------------------

/// `schema-cases/<folder>/*.json`, sorted, with their names.
fn schema_cases(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(HERE).join("schema-cases").join(folder);
    let mut cases: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    cases
}

#[test]
fn schema_cases_the_schema_accepts_load() {
    for (name, json) in schema_cases("accept") {
        if let Err(e) = TrustList::from_json_unsigned_insecure(&json) {
            panic!("accept/{name}: {e}");
        }
    }
}

#[test]
fn schema_cases_get_the_error_their_name_gives() {
    // reject/: the schema refuses them too; beyond-schema/: only the loader's own rules
    // (docs/trust-list.md §3) do. Names are `<Error::kind()>--<case>.json`.
    for folder in ["reject", "beyond-schema"] {
        for (name, json) in schema_cases(folder) {
            let (expected, _) = name.split_once("--").expect("<kind>--<case>.json");
            match TrustList::from_json_unsigned_insecure(&json) {
                Ok(_) => panic!("{folder}/{name} loaded"),
                Err(e) => assert_eq!(e.kind(), expected, "{folder}/{name}: {e}"),
            }
        }
    }
}

/// The JSON of docs/trust-list.md's "Complete example": the first ```json fence after
/// that heading.
fn documented_example() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/trust-list.md");
    let text = std::fs::read_to_string(path).unwrap();
    let after = text
        .split_once("\n## Complete example\n")
        .expect("heading")
        .1;
    let body = after.split_once("```json\n").expect("json fence").1;
    body.split_once("\n```")
        .expect("closing fence")
        .0
        .to_owned()
}

#[test]
fn documented_example_loads_and_is_the_signed_fixture() {
    let example = documented_example();
    let list = TrustList::from_json_unsigned_insecure(example.as_bytes()).unwrap();
    assert_eq!(list.jurisdiction, Jurisdiction::Hk);
    assert_eq!(list.services.len(), 2);
    // make.sh signs exactly this document (lists/list.json).
    let documented: TrustListDocument = serde_json::from_str(&example).unwrap();
    let fixture: TrustListDocument = serde_json::from_slice(&read("lists/list.json")).unwrap();
    assert_eq!(documented, fixture);
}

// ---- operators pinned per jurisdiction (issue 8 §1) ------------------------------------
// forged-jurisdiction/ (its make.sh): the HK trust-list signer signs a list claiming
// "jurisdiction": "CN" (sequence 13, HK's own root) and an empty CN list with sequence
// 2^64-1. OpenSSL verifies both signatures under the HK operator CA.

fn bundled(path: &str) -> Vec<u8> {
    read(&format!("../trust-lists/{path}"))
}

fn forged(name: &str) -> Vec<u8> {
    read(&format!("forged-jurisdiction/{name}"))
}

/// The operator CA the bundled lists pin for `j` (`cn`, `hk`, `mo`).
fn bundled_operator(j: &str) -> Vec<CertificateDer> {
    vec![certificate(&format!(
        "../pki/{j}/trust-list-operator-ca.pem"
    ))]
}

fn load_for(
    signed: &[u8],
    expected: Jurisdiction,
    operators: &[CertificateDer],
) -> Result<TrustList, Error> {
    TrustList::load_signed(signed, expected, operators, now(), StaleListPolicy::Refuse)
}

#[test]
fn list_claiming_cn_signed_by_the_hk_operator_is_refused_as_cn() {
    // Loaded as CN, only the CN operator is offered: HK's signer does not chain to it.
    assert_refused(
        load_for(
            &forged("forged-cn.p7s"),
            Jurisdiction::Cn,
            &bundled_operator("cn"),
        ),
        "TrustListOperatorUnknown",
        &[
            "BayTrust Test HK Trust List Signer 2025",
            "pinned for CN",
            "no issuer found",
        ],
    );
}

#[test]
fn list_signed_by_the_right_operator_for_the_wrong_jurisdiction_is_a_mismatch() {
    // Loaded as HK with HK's operator: the signature and operator hold, the claim does not.
    assert_eq!(
        load_for(
            &forged("forged-cn.p7s"),
            Jurisdiction::Hk,
            &bundled_operator("hk")
        )
        .unwrap_err(),
        Error::TrustListJurisdictionMismatch {
            expected: "HK".into(),
            claimed: "CN".into()
        }
    );
    // The genuine HK list, with HK's operator mistakenly pinned for CN.
    assert_eq!(
        load_for(
            &bundled("hk.p7s"),
            Jurisdiction::Cn,
            &bundled_operator("hk")
        )
        .unwrap_err(),
        Error::TrustListJurisdictionMismatch {
            expected: "CN".into(),
            claimed: "HK".into()
        }
    );
    // And the right pairing loads.
    let hk = load_for(
        &bundled("hk.p7s"),
        Jurisdiction::Hk,
        &bundled_operator("hk"),
    )
    .unwrap();
    assert_eq!((hk.jurisdiction, hk.sequence), (Jurisdiction::Hk, 7));
}

#[test]
fn operators_of_every_jurisdiction_together_still_do_not_let_hk_speak_for_cn() {
    // A caller that (wrongly) hands every operator to one call: the anchors are labelled
    // with the expected jurisdiction, so the claim must still equal it.
    let all: Vec<CertificateDer> = ["cn", "hk", "mo"]
        .iter()
        .flat_map(|j| bundled_operator(j))
        .collect();
    assert_eq!(
        load_for(&forged("forged-cn.p7s"), Jurisdiction::Hk, &all).unwrap_err(),
        Error::TrustListJurisdictionMismatch {
            expected: "HK".into(),
            claimed: "CN".into()
        }
    );
}

#[test]
fn empty_list_with_the_highest_sequence_from_another_operator_does_not_load() {
    let empty = forged("empty-cn-max-sequence.p7s");
    assert_refused(
        load_for(&empty, Jurisdiction::Cn, &bundled_operator("cn")),
        "TrustListOperatorUnknown",
        &["pinned for CN"],
    );
    assert_eq!(
        load_for(&empty, Jurisdiction::Hk, &bundled_operator("hk")).unwrap_err(),
        Error::TrustListJurisdictionMismatch {
            expected: "HK".into(),
            claimed: "CN".into()
        }
    );
    // What it would have been, had it loaded: sequence 2^64-1, read exactly.
    let document: TrustListDocument =
        serde_json::from_slice(&forged("empty-cn-max-sequence.json")).unwrap();
    assert_eq!(document.sequence, u64::MAX);
}

#[test]
fn jurisdiction_claim_is_read_only_after_signature_and_operator() {
    // A rogue operator pinned for HK: the signer check fails before the claim is read,
    // so the answer is about the operator, not the (mismatching) document.
    let rogue = vec![certificate("rogue-ca.pem")];
    assert_refused(
        load_for(&forged("forged-cn.p7s"), Jurisdiction::Hk, &rogue),
        "TrustListOperatorUnknown",
        &["pinned for HK"],
    );
    // A tampered list: the signature fails first, whatever it claims.
    assert_refused(
        load_for(&read("signed/tampered.der"), Jurisdiction::Cn, &operator()),
        "TrustListSignatureInvalid",
        &["messageDigest"],
    );
}

#[test]
fn no_operator_pinned_for_the_expected_jurisdiction_is_operator_unknown() {
    assert_refused(
        load_for(&bundled("mo.p7s"), Jurisdiction::Mo, &[]),
        "TrustListOperatorUnknown",
        &["no operator certificate is configured for MO"],
    );
}

#[test]
fn claimed_jurisdiction_is_read_unverified_only_to_choose_operators() {
    use baytrust::signed_trust_list::claimed_jurisdiction_unverified;
    assert_eq!(
        claimed_jurisdiction_unverified(&forged("forged-cn.p7s")),
        Ok(Jurisdiction::Cn)
    );
    assert_eq!(
        claimed_jurisdiction_unverified(&bundled("mo.p7s")),
        Ok(Jurisdiction::Mo)
    );
    assert!(matches!(
        claimed_jurisdiction_unverified(&read("lists/list.json")),
        Err(Error::TrustListSignatureInvalid { .. })
    ));
    assert!(matches!(
        claimed_jurisdiction_unverified(&read("signed/malformed.der")),
        Err(Error::TrustListMalformed { .. })
    ));
}

// ---- size (issue 8 §5) -----------------------------------------------------------------

#[test]
fn list_above_16_mib_is_refused_unread() {
    use baytrust::signed_trust_list::{
        claimed_jurisdiction_unverified, MAX_SIGNED_TRUST_LIST_BYTES,
    };
    assert_eq!(MAX_SIGNED_TRUST_LIST_BYTES, 16 * 1024 * 1024);
    // A valid list followed by padding: over the limit, it is not even parsed.
    let mut big = read("signed/list.der");
    big.resize(MAX_SIGNED_TRUST_LIST_BYTES + 1, 0);
    let too_large = Error::TrustListTooLarge {
        size: MAX_SIGNED_TRUST_LIST_BYTES + 1,
        limit: MAX_SIGNED_TRUST_LIST_BYTES,
    };
    assert_eq!(
        load_for(&big, Jurisdiction::Hk, &operator()).unwrap_err(),
        too_large
    );
    assert_eq!(claimed_jurisdiction_unverified(&big), Err(too_large));
    // At the limit it is read (and refused for what it is: trailing bytes after the CMS).
    big.truncate(MAX_SIGNED_TRUST_LIST_BYTES);
    assert_ne!(
        load_for(&big, Jurisdiction::Hk, &operator())
            .unwrap_err()
            .kind(),
        "TrustListTooLarge"
    );
}

// ---- the load time is "now" (issue 8 §6) -----------------------------------------------

#[test]
fn stale_list_accepted_as_indeterminate_is_marked_stale_and_a_fresh_one_is_not() {
    assert!(
        load("stale.der", StaleListPolicy::AcceptAsIndeterminate)
            .unwrap()
            .stale
    );
    assert!(
        !load("list.der", StaleListPolicy::AcceptAsIndeterminate)
            .unwrap()
            .stale
    );
}

#[test]
fn no_byte_flip_of_the_forged_list_loads_it_as_cn_and_none_panics() {
    // Every 7th byte flipped in turn: loaded as CN with CN's operator it never loads,
    // and loaded as HK with HK's operator it never loads either (it claims CN, or is
    // broken). Truncations likewise. The claim reader answers without panicking.
    use baytrust::signed_trust_list::claimed_jurisdiction_unverified;
    let original = forged("forged-cn.p7s");
    let cn = bundled_operator("cn");
    let hk = bundled_operator("hk");
    for at in (0..original.len()).step_by(7) {
        let mut flipped = original.clone();
        flipped[at] ^= 0x01;
        for truncated in [&flipped[..], &original[..at]] {
            assert!(
                load_for(truncated, Jurisdiction::Cn, &cn).is_err(),
                "byte {at} loaded as CN"
            );
            assert!(
                load_for(truncated, Jurisdiction::Hk, &hk).is_err(),
                "byte {at} loaded as HK"
            );
            let _ = claimed_jurisdiction_unverified(truncated);
        }
    }
}
