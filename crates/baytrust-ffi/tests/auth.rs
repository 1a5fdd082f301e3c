//! The mutual-authentication functions of the C ABI called as C would, from Rust: a
//! handshake between the SM2 mainland company and the Hong Kong company of the test
//! PKI, and each attack refused with its exact `bt_result` and reason.

use std::ffi::{c_char, CStr};
use std::ptr;

use baytrust_ffi::*;

#[path = "support/auth_abi.rs"]
mod auth_abi;
use auth_abi::*;

const CN_SM2_CHAIN: &str = CN_CHAIN;
const CN_SM2_KEY: &str = CN_KEY;

fn cache() -> *mut bt_auth_replay_cache {
    new_cache(0)
}

/// A policy expecting `expected` (or none).
fn policy(expected: Option<&str>) -> *mut bt_auth_policy {
    let p = new_policy();
    if expected.is_some() {
        expect_peer(p, expected);
    }
    p
}

/// A party of `chain` and `key` trusting the lists of `lists`, expecting `expected`.
fn party(chain: &str, key: &str, lists: &[&str], expected: Option<&str>) -> Party {
    let p = Party::with(verifier(lists), chain, key);
    if expected.is_some() {
        expect_peer(p.policy, expected);
    }
    p
}

/// A whole handshake: the initiator's view of the responder and the responder's of
/// the initiator.
fn handshake(initiator: &Party, responder: &Party) -> (Peer, Peer) {
    let (si, m1) = initiator.start(NOW).unwrap();
    let (sr, m2) = responder.respond(&m1, NOW + 1).unwrap();
    let (responder_peer, m3) = si.initiator_finish(&m2, NOW + 2).unwrap();
    let initiator_peer = sr.responder_finish(&m3, NOW + 3).unwrap();
    (responder_peer, initiator_peer)
}

#[test]
fn an_sm2_mainland_company_and_a_hk_company_authenticate_each_other() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (hk_seen_by_cn, cn_seen_by_hk) = handshake(&cn, &hk);
    assert_eq!(hk_seen_by_cn.org_id(), HK_ID);
    assert_eq!(cn_seen_by_hk.org_id(), CN_ID);
    assert_eq!(
        cn_seen_by_hk.text(bt_auth_peer_organisation).unwrap(),
        "前海科技有限公司"
    );
    assert_eq!(
        hk_seen_by_cn.jurisdiction(),
        bt_jurisdiction::BT_JURISDICTION_HK as u32
    );
    assert_eq!(
        cn_seen_by_hk.jurisdiction(),
        bt_jurisdiction::BT_JURISDICTION_CN as u32
    );
    assert_eq!(hk_seen_by_cn.binding(), cn_seen_by_hk.binding());
    assert_ne!(hk_seen_by_cn.binding(), [0; 32]);

    let (mut j, mut sequence, mut service) = (0u32, 0u64, ptr::null_mut());
    // SAFETY: a live peer and valid out-parameters; the string is freed once.
    unsafe {
        ok(bt_auth_peer_recognition(
            cn_seen_by_hk.0,
            &mut j,
            &mut sequence,
            &mut service,
        ));
        assert_eq!(j, bt_jurisdiction::BT_JURISDICTION_CN as u32);
        assert!(sequence > 0);
        assert!(!CStr::from_ptr(service).to_bytes().is_empty());
        bt_string_free(service);
        // Every out-parameter may be NULL.
        ok(bt_auth_peer_recognition(
            cn_seen_by_hk.0,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
        ));
    }
    let json: serde_json::Value =
        serde_json::from_str(&hk_seen_by_cn.text(bt_auth_peer_json).unwrap()).unwrap();
    assert_eq!(json["entity"]["org_id"], HK_ID);
    assert_eq!(json["recognition"]["jurisdiction"], "HK");
    assert_eq!(json["chain_report"]["valid"], true);
    let hex: String = hk_seen_by_cn
        .binding()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(json["session_binding"], hex);
}

#[test]
fn the_reverse_direction_authenticates_with_each_side_expecting_the_other() {
    let cn = party(CN_SM2_CHAIN, CN_SM2_KEY, &["cn", "hk", "mo"], Some(HK_ID));
    let hk = party(HK_CHAIN, HK_KEY, &["cn", "hk", "mo"], Some(CN_ID));
    let (cn_seen_by_hk, hk_seen_by_cn) = handshake(&hk, &cn);
    assert_eq!(cn_seen_by_hk.org_id(), CN_ID);
    assert_eq!(hk_seen_by_cn.org_id(), HK_ID);
    assert_eq!(cn_seen_by_hk.binding(), hk_seen_by_cn.binding());
}

#[test]
fn message_1_replayed_to_the_responder_is_refused_as_a_replay() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_session, m1) = cn.start(NOW).unwrap();
    let (_first, _m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW + 5).err(),
        Some(bt_result::BT_RESULT_AUTH_MESSAGE_REPLAYED)
    );
    assert_eq!(
        detail(),
        "authentication message 1 is a replay of a message already seen"
    );
}

#[test]
fn a_tampered_byte_in_message_2_breaks_the_responders_signature() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (session, m1) = cn.start(NOW).unwrap();
    let (_responder, mut m2) = hk.respond(&m1, NOW).unwrap();
    *m2.last_mut().unwrap() ^= 0x01;
    assert_eq!(
        session.initiator_finish(&m2, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    assert!(
        detail().starts_with("the responder's signature over the transcript does not verify"),
        "{}",
        detail()
    );
    // The session took its message: the same call again is refused as used.
    assert_eq!(
        session.initiator_finish(&m2, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_SESSION_USED)
    );
}

#[test]
fn a_second_finish_is_session_used_and_the_other_roles_finish_is_wrong_role() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (si, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        si.responder_finish(&m2, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_WRONG_ROLE)
    );
    let (_peer, m3) = si.initiator_finish(&m2, NOW).unwrap();
    assert_eq!(
        sr.initiator_finish(&m3, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_WRONG_ROLE)
    );
    let _initiator = sr.responder_finish(&m3, NOW).unwrap();
    assert_eq!(
        sr.responder_finish(&m3, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_SESSION_USED)
    );
    assert_eq!(
        si.initiator_finish(&m2, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_SESSION_USED)
    );
}

#[test]
fn a_peer_whose_ca_is_listed_nowhere_the_other_side_looks_is_not_recognised() {
    // The responder loads no HK list.
    let cn = party(CN_SM2_CHAIN, CN_SM2_KEY, &["cn", "mo"], None);
    let hk = Party::hk();
    let (_s, m1) = hk.start(NOW).unwrap();
    assert_eq!(
        cn.respond(&m1, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    assert!(
        detail().contains("NO_CERTIFICATE_CHAIN_FOUND"),
        "{}",
        detail()
    );
    // The initiator loading no HK list refuses the HK responder's message 2.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
}

#[test]
fn a_peer_other_than_the_one_expected_is_refused_on_either_side() {
    // The initiator expects a Macao company: the HK responder refuses to answer.
    let cn = party(
        CN_SM2_CHAIN,
        CN_SM2_KEY,
        &["cn", "hk", "mo"],
        Some("NTRMO-40321"),
    );
    let hk = Party::hk();
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    assert_eq!(detail(), "expected NTRMO-40321, the peer is NTRHK-12345678");
    // The responder expects a Macao company: the CN initiator is refused.
    let cn = Party::cn();
    let hk = party(HK_CHAIN, HK_KEY, &["cn", "hk", "mo"], Some("NTRMO-40321"));
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    assert_eq!(
        detail(),
        format!("expected NTRMO-40321, the peer is {CN_ID}")
    );
}

#[test]
fn a_message_outside_the_clock_skew_is_refused_at_each_step() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW + 301).err(),
        Some(bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
    let (s, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW - 301).err(),
        Some(bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
    // Message 3 arriving too late after message 2.
    let (s, m1) = cn.start(NOW).unwrap();
    let (sr2, m2) = hk.respond(&m1, NOW).unwrap();
    let (_peer, m3) = s.initiator_finish(&m2, NOW).unwrap();
    assert_eq!(
        sr2.responder_finish(&m3, NOW + 301).err(),
        Some(bt_result::BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
    drop(sr);
    // A wider skew accepts what the default refuses.
    // SAFETY: a live policy.
    ok(unsafe { bt_auth_policy_set_max_skew(hk.policy, 3600) });
    let (_s, m1) = cn.start(NOW).unwrap();
    assert!(hk.respond(&m1, NOW + 301).is_ok());
}

#[test]
fn messages_of_another_session_reflected_or_malformed_get_their_codes() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (a, m1a) = cn.start(NOW).unwrap();
    let (_b, m1b) = cn.start(NOW).unwrap();
    let (_ra, _m2a) = hk.respond(&m1a, NOW).unwrap();
    let (_rb, m2b) = hk.respond(&m1b, NOW).unwrap();
    assert_eq!(
        a.initiator_finish(&m2b, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_SESSION_MISMATCH)
    );
    // The initiator's own message 1 handed back to a responder sharing its cache and
    // credentials: its own nonce.
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        cn.respond(&m1, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_REFLECTED)
    );
    // Garbage, an empty message, and an oversize one.
    assert_eq!(
        hk.respond(b"\x30\x03\x02\x01\x01", NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    assert_eq!(
        hk.respond(&[], NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    assert_eq!(
        hk.respond(&vec![0x30; 70_000], NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_MESSAGE_TOO_LARGE)
    );
    for cut in [1, 10, m1.len() / 2, m1.len() - 1] {
        assert_eq!(
            hk.respond(&m1[..cut], NOW).err(),
            Some(bt_result::BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "cut {cut}"
        );
    }
}

#[test]
fn a_full_replay_cache_refuses_new_sessions() {
    let mut cn = Party::cn();
    let mut small = ptr::null_mut();
    // SAFETY: valid out-parameter; the replaced cache is freed once.
    unsafe {
        ok(bt_auth_replay_cache_new(1, &mut small));
        bt_auth_replay_cache_free(std::mem::replace(&mut cn.cache, small));
    }
    let _first = cn.start(NOW).unwrap();
    // SAFETY: a live cache.
    assert_eq!(unsafe { bt_auth_replay_cache_len(cn.cache) }, 1);
    assert_eq!(
        cn.start(NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_REPLAY_CACHE_FULL)
    );
    assert_eq!(detail(), "the replay cache is full (1 live entries)");
}

#[test]
fn handles_freed_before_the_session_ends_stay_alive_inside_it() {
    let hk = Party::hk();
    let (v, c, cache) = (
        verifier(&["cn", "hk", "mo"]),
        credentials(CN_SM2_CHAIN, CN_SM2_KEY).unwrap(),
        cache(),
    );
    let (mut s, mut m1) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: live handles; each is freed once, the session after its finish.
    unsafe {
        ok(bt_auth_initiator_start(
            v,
            c,
            cache,
            ptr::null(),
            NOW,
            &mut s,
            &mut m1,
        ));
        bt_verifier_free(v);
        bt_auth_credentials_free(c);
        bt_auth_replay_cache_free(cache);
    }
    let session = Session(s);
    let (responder, m2) = hk.respond(&bytes(m1), NOW).unwrap();
    let (peer, m3) = session.initiator_finish(&m2, NOW).unwrap();
    assert_eq!(peer.org_id(), HK_ID);
    drop(session);
    assert_eq!(
        responder.responder_finish(&m3, NOW).unwrap().org_id(),
        CN_ID
    );
}

#[test]
fn credentials_refuse_unreadable_chains_and_keys_and_a_key_of_another_certificate() {
    assert_eq!(
        credentials(CN_SM2_CHAIN, HK_KEY).err(),
        Some(bt_result::BT_RESULT_AUTH_KEY_MISMATCH)
    );
    assert_eq!(
        credentials(CN_SM2_CHAIN, CN_SM2_CHAIN).err(),
        Some(bt_result::BT_RESULT_AUTH_KEY_REFUSED)
    );
    assert_eq!(
        credentials(CN_SM2_KEY, CN_SM2_KEY).err(),
        Some(bt_result::BT_RESULT_NOT_A_CERTIFICATE)
    );
    let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
    let mut c = ptr::null_mut();
    // SAFETY: valid buffers, text and out-parameter; NULLs where refused.
    unsafe {
        let call = |chain: *const u8,
                    key: *const u8,
                    claimed: *const c_char,
                    c: *mut *mut bt_auth_credentials| {
            bt_auth_credentials_new(
                chain,
                testdata(HK_CHAIN).len(),
                key,
                testdata(HK_KEY).len(),
                claimed,
                c,
            )
        };
        assert_eq!(
            call(ptr::null(), key.as_ptr(), ptr::null(), &mut c),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            call(chain.as_ptr(), ptr::null(), ptr::null(), &mut c),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            call(chain.as_ptr(), key.as_ptr(), ptr::null(), ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            call(
                chain.as_ptr(),
                key.as_ptr(),
                c"HK-12345678".as_ptr(),
                &mut c
            ),
            bt_result::BT_RESULT_INVALID_ORG_ID
        );
        assert!(detail().contains("does not start with NTR"), "{}", detail());
        assert_eq!(
            call(chain.as_ptr(), key.as_ptr(), c"NTR\xff-1".as_ptr(), &mut c),
            bt_result::BT_RESULT_INVALID_UTF8
        );
        assert!(c.is_null());
        // A DER key reads as well as PEM.
        assert_eq!(
            bt_auth_credentials_new(
                chain.as_ptr(),
                chain.len(),
                [0x30u8, 0].as_ptr(),
                2,
                ptr::null(),
                &mut c
            ),
            bt_result::BT_RESULT_AUTH_KEY_REFUSED
        );
        assert_eq!(
            bt_auth_credentials_new(
                chain.as_ptr(),
                chain.len(),
                key.as_ptr(),
                0,
                ptr::null(),
                &mut c
            ),
            bt_result::BT_RESULT_AUTH_KEY_REFUSED
        );
        assert!(c.is_null());
    }
}

#[test]
fn an_identity_claimed_other_than_the_certificates_is_refused_by_the_peer() {
    let cn = Party::cn();
    let hk = Party::hk();
    let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
    // SAFETY: valid buffers and text; the replaced credentials are freed once.
    let claimed = unsafe {
        let mut c = ptr::null_mut();
        ok(bt_auth_credentials_new(
            chain.as_ptr(),
            chain.len(),
            key.as_ptr(),
            key.len(),
            c"NTRHK-87654321".as_ptr(),
            &mut c,
        ));
        c
    };
    let (_s, m1) = cn.start(NOW).unwrap();
    let liar = Party {
        v: verifier(&["cn", "hk", "mo"]),
        c: claimed,
        cache: cache(),
        policy: policy(None),
        borrowed_cache: false,
    };
    let (_s, m1_liar) = liar.start(NOW).unwrap();
    assert_eq!(
        cn.respond(&m1_liar, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH)
    );
    assert_eq!(
        detail(),
        "the peer claims to be NTRHK-87654321 but its certificate names NTRHK-12345678"
    );
    assert!(hk.respond(&m1, NOW).is_ok());
}

#[test]
fn plain_anchors_authenticate_only_without_required_recognition() {
    let anchors = anchors_verifier;
    let cn = Party {
        v: anchors(),
        c: credentials(CN_SM2_CHAIN, CN_SM2_KEY).unwrap(),
        cache: cache(),
        policy: policy(None),
        borrowed_cache: false,
    };
    let hk = Party {
        v: anchors(),
        c: credentials(HK_CHAIN, HK_KEY).unwrap(),
        cache: cache(),
        policy: policy(None),
        borrowed_cache: false,
    };
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(bt_result::BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    assert_eq!(detail(), "the peer is not recognised (-: NoRecognition): no trust list recognises the peer's certificate");
    // SAFETY: live policies.
    unsafe {
        ok(bt_auth_policy_set_require_recognition(cn.policy, false));
        ok(bt_auth_policy_set_require_recognition(hk.policy, false));
    }
    let (hk_seen, cn_seen) = handshake(&cn, &hk);
    assert_eq!(hk_seen.org_id(), HK_ID);
    assert_eq!(cn_seen.org_id(), CN_ID);
    // SAFETY: a live peer; NULL out-parameters are allowed.
    let code = unsafe {
        bt_auth_peer_recognition(hk_seen.0, ptr::null_mut(), ptr::null_mut(), ptr::null_mut())
    };
    assert_eq!(code, bt_result::BT_RESULT_VALUE_ABSENT);
}

#[test]
fn null_arguments_and_short_buffers_are_refused_before_any_work() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    let (mut out_s, mut out_b, mut out_p) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
    // SAFETY: live handles; the NULLs are refused before any use.
    unsafe {
        assert_eq!(
            bt_auth_initiator_start(
                ptr::null(),
                cn.c,
                cn.cache,
                ptr::null(),
                NOW,
                &mut out_s,
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_start(
                cn.v,
                ptr::null(),
                cn.cache,
                ptr::null(),
                NOW,
                &mut out_s,
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_start(
                cn.v,
                cn.c,
                ptr::null(),
                ptr::null(),
                NOW,
                &mut out_s,
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_start(
                cn.v,
                cn.c,
                cn.cache,
                ptr::null(),
                NOW,
                ptr::null_mut(),
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_start(
                cn.v,
                cn.c,
                cn.cache,
                ptr::null(),
                NOW,
                &mut out_s,
                ptr::null_mut()
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_responder_respond(
                hk.v,
                hk.c,
                hk.cache,
                ptr::null(),
                ptr::null(),
                0,
                NOW,
                &mut out_s,
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_responder_respond(
                hk.v,
                hk.c,
                hk.cache,
                ptr::null(),
                m1.as_ptr(),
                usize::MAX,
                NOW,
                &mut out_s,
                &mut out_b
            ),
            bt_result::BT_RESULT_LENGTH_TOO_LARGE
        );
        assert_eq!(
            bt_auth_initiator_finish(
                ptr::null_mut(),
                m2.as_ptr(),
                m2.len(),
                NOW,
                &mut out_p,
                &mut out_b
            ),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        // Argument errors leave the session untouched: it still finishes.
        assert_eq!(
            bt_auth_initiator_finish(s.0, m2.as_ptr(), m2.len(), NOW, ptr::null_mut(), &mut out_b),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_finish(s.0, m2.as_ptr(), m2.len(), NOW, &mut out_p, ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_initiator_finish(s.0, ptr::null(), 1, NOW, &mut out_p, &mut out_b),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_responder_finish(sr.0, m2.as_ptr(), m2.len(), NOW, ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert!(out_s.is_null() && out_b.is_null() && out_p.is_null());
        let (peer, m3) = s.initiator_finish(&m2, NOW).unwrap();
        let mut short = [0u8; 31];
        assert_eq!(
            bt_auth_peer_session_binding(peer.0, short.as_mut_ptr(), short.len()),
            bt_result::BT_RESULT_BUFFER_TOO_SMALL
        );
        assert_eq!(short, [0; 31]);
        assert_eq!(
            bt_auth_peer_session_binding(peer.0, ptr::null_mut(), 32),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            peer.text(bt_auth_peer_authorised_person)
                .map(|p| !p.is_empty()),
            Ok(true)
        );
        assert_eq!(
            bt_auth_peer_org_id(ptr::null(), &mut ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        let mut j = 0;
        assert_eq!(
            bt_auth_peer_jurisdiction(ptr::null(), &mut j),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_peer_jurisdiction(peer.0, ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_expected_peer(ptr::null_mut(), ptr::null()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_expected_peer(cn.policy, c"NTRXX-1".as_ptr()),
            bt_result::BT_RESULT_INVALID_ORG_ID
        );
        assert_eq!(
            bt_auth_policy_set_max_skew(ptr::null_mut(), 1),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_require_recognition(ptr::null_mut(), true),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_new(ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_replay_cache_new(0, ptr::null_mut()),
            bt_result::BT_RESULT_NULL_PARAMETER
        );
        assert!(bt_bytes_data(ptr::null()).is_null());
        assert_eq!(bt_bytes_len(ptr::null()), 0);
        assert_eq!(bt_auth_replay_cache_len(ptr::null()), 0);
        bt_auth_session_free(ptr::null_mut());
        bt_auth_peer_free(ptr::null_mut());
        bt_auth_credentials_free(ptr::null_mut());
        bt_auth_replay_cache_free(ptr::null_mut());
        bt_auth_policy_free(ptr::null_mut());
        bt_bytes_free(ptr::null_mut());
        assert!(sr.responder_finish(&m3, NOW).is_ok());
    }
}

#[test]
fn one_replay_cache_serves_sessions_on_many_threads() {
    let hk = Party::hk();
    let cn = Party::cn();
    struct Shared(*const Party, *const Party);
    // SAFETY: the handles used are the thread-safe ones (verifier, credentials, cache,
    // policy only read), and the parties outlive the scope.
    unsafe impl Send for Shared {}
    unsafe impl Sync for Shared {}
    let shared = Shared(&cn, &hk);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let shared = &shared;
            scope.spawn(move || {
                // SAFETY: see `Shared`.
                let (cn, hk) = unsafe { (&*shared.0, &*shared.1) };
                let (a, b) = handshake(cn, hk);
                assert_eq!(a.binding(), b.binding());
            });
        }
    });
    // SAFETY: a live cache.
    assert!(unsafe { bt_auth_replay_cache_len(hk.cache) } >= 12);
}

/// Whether `code` is one of the protocol's refusals (4xx), not a success, an internal
/// error or a caught panic.
fn is_refusal(code: bt_result) -> bool {
    (code as u32) / 100 == 4
}

#[test]
fn every_bit_flipped_message_2_and_3_is_refused_with_an_auth_code_never_a_panic() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let positions = |len: usize| (0..len).step_by(len / 23 + 1).chain([len - 1]);
    for at in positions(m2.len()) {
        let (session, m1) = cn.start(NOW).unwrap();
        let (_responder, mut m2) = hk.respond(&m1, NOW).unwrap();
        // Lengths vary by a byte with the signature's DER: stay inside this one.
        let at = at.min(m2.len() - 1);
        m2[at] ^= 0x10;
        let code = session.initiator_finish(&m2, NOW).err();
        assert!(
            code.is_some_and(is_refusal),
            "byte {at}: {code:?} {}",
            detail()
        );
    }
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let (_peer, m3) = s.initiator_finish(&m2, NOW).unwrap();
    for at in positions(m3.len()) {
        let (initiator, m1) = cn.start(NOW).unwrap();
        let (responder, m2) = hk.respond(&m1, NOW).unwrap();
        let (_peer, mut m3) = initiator.initiator_finish(&m2, NOW).unwrap();
        let at = at.min(m3.len() - 1);
        m3[at] ^= 0x10;
        let code = responder.responder_finish(&m3, NOW).err();
        assert!(
            code.is_some_and(is_refusal),
            "byte {at}: {code:?} {}",
            detail()
        );
    }
    // Message 1 is not signed: a flipped bit may still be answered (the initiator then
    // refuses message 2), but never panics or fails inside.
    for at in positions(m1.len()) {
        let (_session, mut m1) = cn.start(NOW).unwrap();
        let at = at.min(m1.len() - 1);
        m1[at] ^= 0x10;
        if let Err(code) = hk.respond(&m1, NOW) {
            assert!(is_refusal(code), "byte {at}: {code:?} {}", detail());
        }
    }
}
