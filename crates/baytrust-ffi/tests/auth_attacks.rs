//! Adversarial tests of the mutual-authentication C ABI, written from its documentation
//! (`crates/baytrust-ffi/README.md`, `include/baytrust.h`, `docs/auth-protocol.md`):
//! messages moved between sessions, reflected, replayed, mutated, oversized; clocks at
//! the edges; every pointer argument NULL; handles freed in every order. Each test
//! asserts the exact `bt_result`. The first pass found seven defects (malleable ECDSA
//! signatures splitting the session binding, a replay race in the shared cache,
//! signature-algorithm parameters changeable in transit, OrgId texts the ABI took but
//! the protocol refused, a cache entry left by a failed start, a spec/decoder order
//! mismatch); the tests named after them now pin the fixes.

use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::time::{Duration, Instant};

use baytrust_ffi::*;

#[path = "support/auth_abi.rs"]
mod auth_abi;
use auth_abi::*;

use bt_result::*;

// ---------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------
// A little DER, to take messages apart and put them together differently
// ---------------------------------------------------------------------------------

/// (header length, content length) of the TLV at the start of `b`.
fn tlv(b: &[u8]) -> (usize, usize) {
    let first = usize::from(b[1]);
    if first < 0x80 {
        return (2, first);
    }
    let n = first & 0x7f;
    let len = b[2..2 + n]
        .iter()
        .fold(0usize, |acc, &x| (acc << 8) | usize::from(x));
    (2 + n, len)
}

fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let be = len.to_be_bytes();
        let skip = be.iter().take_while(|&&x| x == 0).count();
        out.push(0x80 | (be.len() - skip) as u8);
        out.extend_from_slice(&be[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// The complete TLVs inside the constructed TLV `b`.
fn fields(b: &[u8]) -> Vec<Vec<u8>> {
    let (h, l) = tlv(b);
    let mut rest = &b[h..h + l];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (h, l) = tlv(rest);
        out.push(rest[..h + l].to_vec());
        rest = &rest[h + l..];
    }
    out
}

fn content(b: &[u8]) -> Vec<u8> {
    let (h, l) = tlv(b);
    b[h..h + l].to_vec()
}

fn sequence(parts: &[Vec<u8>]) -> Vec<u8> {
    encode(0x30, &parts.concat())
}

// Field positions (docs/auth-protocol.md §2).
const M1_NONCE: usize = 1;
const M1_ID: usize = 3;
const M1_CHAIN: usize = 4;
const M1_EXPECTED: usize = 5;
const M2_RESPONDER_NONCE: usize = 1;
const M2_INITIATOR_NONCE: usize = 2;
const M2_CHAIN: usize = 5;
const M2_ALG: usize = 6;
const M2_SIG: usize = 7;
const M3_INITIATOR_NONCE: usize = 1;
const M3_RESPONDER_NONCE: usize = 2;
const M3_ALG: usize = 3;
const M3_SIG: usize = 4;

/// `m1` with a nonce of its own (byte `n` 32 times): not refused as a reused nonce.
fn renonced(m1: &[u8], n: u8) -> Vec<u8> {
    replace(m1, M1_NONCE, encode(0x04, &[n; 32]))
}

fn replace(message: &[u8], at: usize, with: Vec<u8>) -> Vec<u8> {
    let mut f = fields(message);
    f[at] = with;
    sequence(&f)
}

// ---------------------------------------------------------------------------------
// Messages moved between sessions
// ---------------------------------------------------------------------------------

#[test]
fn message_2_of_one_session_fed_to_another_session_of_the_same_initiator_is_a_mismatch() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (a, m1a) = cn.start(NOW).unwrap();
    let (b, _m1b) = cn.start(NOW).unwrap();
    let (_ra, m2a) = hk.respond(&m1a, NOW).unwrap();
    assert_eq!(
        b.initiator_finish(&m2a, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
    // The mismatch consumed b; a still takes its own answer.
    assert_eq!(
        b.initiator_finish(&m2a, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_USED)
    );
    let (peer, _m3) = a.initiator_finish(&m2a, NOW).unwrap();
    assert_eq!(peer.org_id(), HK_ID);
}

#[test]
fn message_2_accepted_once_is_a_replay_for_any_later_session() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (a, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let _ = a.initiator_finish(&m2, NOW).unwrap();
    let (b, _) = cn.start(NOW).unwrap();
    assert_eq!(
        b.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_REPLAYED)
    );
}

#[test]
fn message_3_of_session_a_given_to_responder_session_b_is_a_mismatch() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (ia, m1a) = cn.start(NOW).unwrap();
    let (ib, m1b) = cn.start(NOW).unwrap();
    let (_ra, m2a) = hk.respond(&m1a, NOW).unwrap();
    let (rb, m2b) = hk.respond(&m1b, NOW).unwrap();
    let (_pa, m3a) = ia.initiator_finish(&m2a, NOW).unwrap();
    let (_pb, _m3b) = ib.initiator_finish(&m2b, NOW).unwrap();
    assert_eq!(
        rb.responder_finish(&m3a, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
    // Only the responder nonce of a, the initiator nonce rewritten to b's.
    let (ic, m1c) = cn.start(NOW).unwrap();
    let (rc, m2c) = hk.respond(&m1c, NOW).unwrap();
    let (_pc, _m3c) = ic.initiator_finish(&m2c, NOW).unwrap();
    let mixed = replace(&m3a, M3_INITIATOR_NONCE, fields(&m1c)[M1_NONCE].clone());
    assert_eq!(
        rc.responder_finish(&mixed, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
}

#[test]
fn message_1_replayed_after_the_responders_session_is_freed_is_still_a_replay() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let (r, _m2) = hk.respond(&m1, NOW).unwrap();
    drop(r);
    assert_eq!(
        hk.respond(&m1, NOW + 10).err(),
        Some(BT_RESULT_AUTH_MESSAGE_REPLAYED)
    );
    // With one byte of the nonce changed, the digest is new but the time check and
    // then the initiator catch it: the responder answers, the initiator refuses.
    let mut f = fields(&m1);
    let last = f[M1_NONCE].len() - 1;
    f[M1_NONCE][last] ^= 1;
    let (_r2, m2) = hk.respond(&sequence(&f), NOW + 10).unwrap();
    let (s2, _) = cn.start(NOW).unwrap();
    assert_eq!(
        s2.initiator_finish(&m2, NOW + 10).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
}

#[test]
fn the_same_message_1_to_two_responders_sharing_one_replay_cache_is_answered_once() {
    let cn = Party::cn();
    let hk1 = Party::hk();
    let hk2 = Party::sharing_cache_with(&hk1, HK_CHAIN, HK_KEY);
    let (_s, m1) = cn.start(NOW).unwrap();
    let _ = hk1.respond(&m1, NOW).unwrap();
    assert_eq!(
        hk2.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_REPLAYED)
    );
}

#[test]
fn the_same_message_1_to_two_responders_with_separate_caches_authenticates_at_most_one() {
    let cn = Party::cn();
    let (hk1, hk2) = (Party::hk(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let (r1, m2_1) = hk1.respond(&m1, NOW).unwrap();
    let (r2, m2_2) = hk2.respond(&m1, NOW).unwrap();
    let (_p, m3) = s.initiator_finish(&m2_1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2_2, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_USED)
    );
    // The second responder never gets a valid message 3: the one for the first echoes
    // the first responder's nonce.
    assert_eq!(
        r2.responder_finish(&m3, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
    // A third responder answering the same message 1, with its nonce forced into
    // message 3: the initiator's signature is over the first transcript.
    let hk3 = Party::hk();
    let (r3, m2_3) = hk3.respond(&m1, NOW).unwrap();
    let forced = replace(
        &m3,
        M3_RESPONDER_NONCE,
        fields(&m2_3)[M2_RESPONDER_NONCE].clone(),
    );
    assert_eq!(
        r3.responder_finish(&forced, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    assert_eq!(r1.responder_finish(&m3, NOW).unwrap().org_id(), CN_ID);
}

// ---------------------------------------------------------------------------------
// Reflection, same credentials, the wrong peer
// ---------------------------------------------------------------------------------

#[test]
fn a_partys_own_message_1_reflected_to_its_own_responder_is_reflected_nonce() {
    let cn = Party::cn();
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(cn.respond(&m1, NOW).err(), Some(BT_RESULT_AUTH_REFLECTED));
    assert!(detail().contains("nonce"), "{}", detail());
}

#[test]
fn a_responders_own_nonce_sent_back_to_it_in_a_new_message_1_is_reflected() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let (_s2, m1b) = cn.start(NOW).unwrap();
    let evil = replace(&m1b, M1_NONCE, fields(&m2)[M2_RESPONDER_NONCE].clone());
    assert_eq!(hk.respond(&evil, NOW).err(), Some(BT_RESULT_AUTH_REFLECTED));
    assert!(detail().contains("nonce"), "{}", detail());
}

#[test]
fn a_nonce_of_one_initiator_reused_in_another_message_1_is_nonce_reused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let _ = hk.respond(&m1, NOW).unwrap();
    let (_s2, m1b) = cn.start(NOW + 1).unwrap();
    let evil = replace(&m1b, M1_NONCE, fields(&m1)[M1_NONCE].clone());
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_NONCE_REUSED)
    );
}

#[test]
fn message_2_reflecting_the_initiators_nonce_or_reusing_a_responder_nonce_is_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    // responderNonce = initiatorNonce.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_RESPONDER_NONCE, fields(&m1)[M1_NONCE].clone());
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_REFLECTED)
    );
    // responderNonce = a nonce the initiator issued in another session.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_other, m1_other) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_RESPONDER_NONCE, fields(&m1_other)[M1_NONCE].clone());
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_REFLECTED)
    );
    // The echoed initiatorNonce changed: an answer to another session.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_INITIATOR_NONCE, encode(0x04, &[9; 32]));
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_MISMATCH)
    );
    // responderNonce of an earlier, accepted message 2.
    let (s1, m1) = cn.start(NOW).unwrap();
    let (_r1, m2_1) = hk.respond(&m1, NOW).unwrap();
    let _ = s1.initiator_finish(&m2_1, NOW).unwrap();
    let (s2, m1) = cn.start(NOW).unwrap();
    let (_r2, m2_2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(
        &m2_2,
        M2_RESPONDER_NONCE,
        fields(&m2_1)[M2_RESPONDER_NONCE].clone(),
    );
    assert_eq!(
        s2.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_NONCE_REUSED)
    );
}

#[test]
fn two_parties_with_the_same_credentials_refuse_each_other_as_reflected_certificate() {
    let (a, b) = (Party::cn(), Party::cn());
    let (_s, m1) = a.start(NOW).unwrap();
    assert_eq!(b.respond(&m1, NOW).err(), Some(BT_RESULT_AUTH_REFLECTED));
    assert!(detail().contains("certificate"), "{}", detail());
}

#[test]
fn an_initiator_expecting_x_refuses_a_valid_message_2_from_y_even_with_the_expectation_stripped() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(cn.policy, Some(MO_ID));
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(fields(&m1).len(), M1_EXPECTED + 1, "message 1 names MO");
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    assert_eq!(detail(), format!("expected {MO_ID}, the peer is {HK_ID}"));
    // A man in the middle strips expectedResponder: the refusal above burned the nonce.
    let mut f = fields(&m1);
    f.truncate(M1_EXPECTED);
    assert_eq!(
        hk.respond(&sequence(&f), NOW).err(),
        Some(BT_RESULT_AUTH_NONCE_REUSED)
    );
    // Stripped from a message 1 HK never saw: HK answers; the initiator refuses.
    let (s, m1) = cn.start(NOW).unwrap();
    let mut f = fields(&m1);
    f.truncate(M1_EXPECTED);
    let (_r, m2) = hk.respond(&sequence(&f), NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    // ... or rewrites it to HK: HK answers; the initiator still refuses.
    let (s, m1) = cn.start(NOW).unwrap();
    let evil = replace(&m1, M1_EXPECTED, encode(0x80, HK_ID.as_bytes()));
    let (_r, m2) = hk.respond(&evil, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    // The real MO answers and is accepted.
    let mo = Party::mo();
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = mo.respond(&m1, NOW).unwrap();
    assert_eq!(s.initiator_finish(&m2, NOW).unwrap().0.org_id(), MO_ID);
}

#[test]
fn an_expectation_added_to_message_1_in_transit_breaks_the_signature() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let mut f = fields(&m1);
    f.push(encode(0x80, HK_ID.as_bytes()));
    let (_r, m2) = hk.respond(&sequence(&f), NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
}

#[test]
fn a_responder_expecting_x_refuses_y_and_a_policy_changed_after_start_changes_nothing() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(hk.policy, Some(MO_ID));
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    assert_eq!(detail(), format!("expected {MO_ID}, the peer is {CN_ID}"));
    // The initiator's policy is copied at start: changing or freeing it later does not
    // reach the session.
    expect_peer(hk.policy, None);
    expect_peer(cn.policy, Some(HK_ID));
    let (s, m1) = cn.start(NOW).unwrap();
    expect_peer(cn.policy, Some(MO_ID));
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(s.initiator_finish(&m2, NOW).unwrap().0.org_id(), HK_ID);
}

#[test]
fn an_identity_claimed_in_message_1_other_than_the_certificates_is_a_claim_mismatch() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let evil = replace(&m1, M1_ID, encode(0x0c, HK_ID.as_bytes()));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH)
    );
    // A non-canonical form of the right identity is malformed.
    let (_s, m1) = hk.start(NOW).unwrap();
    let evil = replace(&m1, M1_ID, encode(0x0c, b"NTRHK-12345678-000"));
    assert_eq!(
        cn.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
}

// ---------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------

#[test]
fn every_truncation_of_each_message_is_malformed() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let (r, m2) = hk.respond(&m1, NOW).unwrap();
    let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    drop(r);
    for len in 0..m1.len() {
        let code = hk.respond(&m1[..len], NOW).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "message 1 cut at {len}"
        );
    }
    // A session takes one message, even a malformed one: a new one each time.
    for len in 0..m2.len() {
        let (s, _) = cn.start(NOW).unwrap();
        let code = s.initiator_finish(&m2[..len], NOW).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "message 2 cut at {len}"
        );
    }
    let (_i, m1b) = cn.start(NOW).unwrap();
    for len in 0..m3.len() {
        // Responder sessions are expensive: every 7th length plus the last 20.
        if len % 7 != 0 && len + 20 < m3.len() {
            continue;
        }
        let mut f = fields(&m1b);
        f[M1_NONCE] = encode(0x04, &[len as u8; 32]);
        let (r, _) = hk.respond(&sequence(&f), NOW).unwrap();
        let code = r.responder_finish(&m3[..len], NOW).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "message 3 cut at {len}"
        );
    }
}

#[test]
fn trailing_bytes_and_inflated_lengths_are_malformed() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    for extra in [&[0u8][..], &[0x30, 0x00], &[0xff; 100]] {
        let mut m = m1.clone();
        m.extend_from_slice(extra);
        assert_eq!(
            hk.respond(&m, NOW).err(),
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
        );
        let mut m = m2.clone();
        m.extend_from_slice(extra);
        let (s2, _) = cn.start(NOW).unwrap();
        assert_eq!(
            s2.initiator_finish(&m, NOW).err(),
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
        );
    }
    // The outer length claims one byte more than there is.
    let mut m = m1.clone();
    assert_eq!(m[1], 0x82, "a two-byte length");
    m[3] = m[3].wrapping_add(1);
    assert_eq!(
        hk.respond(&m, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // The outer length as a 4-byte form claiming 4 GiB.
    let mut m = vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff];
    m.extend_from_slice(&m1[4..]);
    assert_eq!(
        hk.respond(&m, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // A non-minimal (BER) length: not DER.
    let mut m = vec![0x30, 0x83, 0x00];
    m.extend_from_slice(&m1[2..]);
    assert_eq!(
        hk.respond(&m, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // An indefinite length (BER): not DER.
    let mut m = vec![0x30, 0x80];
    m.extend_from_slice(&m1[4..]);
    m.extend_from_slice(&[0, 0]);
    assert_eq!(
        hk.respond(&m, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // The nonce's length inflated to 33 with a byte stolen from the next field.
    let mut f = fields(&m1);
    f[M1_NONCE] = encode(0x04, &[7; 33]);
    assert_eq!(
        hk.respond(&sequence(&f), NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    f[M1_NONCE] = encode(0x04, &[7; 31]);
    assert_eq!(
        hk.respond(&sequence(&f), NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // Message 1 given as message 2, message 2 as message 1.
    assert_eq!(
        s.initiator_finish(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    assert_eq!(
        hk.respond(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
}

#[test]
fn another_version_is_version_unsupported_and_a_non_minimal_version_is_malformed() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    for v in [0u8, 2, 0xff] {
        let evil = replace(&m1, 0, encode(0x02, &[v]));
        // 0xff is -1: still a decodable INTEGER, not 1.
        let code = hk.respond(&evil, NOW).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_VERSION_UNSUPPORTED),
            "{v:#x}: {}",
            detail()
        );
    }
    // Version 2 followed by anything: still reported as the version.
    let evil = sequence(&[encode(0x02, &[2]), encode(0x05, &[])]);
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_VERSION_UNSUPPORTED)
    );
    let evil = replace(&m1, 0, encode(0x02, &[0, 1]));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
}

#[test]
fn an_extra_certificate_appended_to_a_chain_breaks_the_transcript() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let mo_root = {
        let mo = Party::mo();
        let (_s, m1) = mo.start(NOW).unwrap();
        fields(&fields(&m1)[M1_CHAIN])[1].clone()
    };
    // In message 1: the responder may answer (a chain with an unused extra certificate
    // still validates), the initiator then refuses the signature over the other hash.
    let (s, m1) = cn.start(NOW).unwrap();
    let mut chain = fields(&fields(&m1)[M1_CHAIN]);
    chain.push(mo_root.clone());
    let evil = replace(&m1, M1_CHAIN, sequence(&chain));
    let (_r, m2) = hk.respond(&evil, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    // In message 2: the initiator's signature check fails.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let mut chain = fields(&fields(&m2)[M2_CHAIN]);
    chain.push(mo_root);
    let evil = replace(&m2, M2_CHAIN, sequence(&chain));
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
}

#[test]
fn a_reordered_chain_names_the_ca_as_the_peer_and_is_not_recognised() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let mut chain = fields(&fields(&m1)[M1_CHAIN]);
    chain.reverse();
    let evil = replace(&renonced(&m1, 1), M1_CHAIN, sequence(&chain));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    // Only the issuing CA, no organisation certificate.
    let evil = replace(&renonced(&m1, 2), M1_CHAIN, sequence(&chain[..1]));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    // An empty chain is malformed.
    let evil = replace(&renonced(&m1, 3), M1_CHAIN, sequence(&[]));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
    // An element that is not a certificate: the message is well-formed, the chain is
    // refused by validation.
    let evil = replace(
        &renonced(&m1, 4),
        M1_CHAIN,
        sequence(&[encode(0x04, b"not a certificate")]),
    );
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
}

#[test]
fn nine_or_ten_thousand_certificates_are_too_many_and_refused_fast() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let chain = fields(&fields(&m1)[M1_CHAIN]);
    // 8: the limit, the duplicate intermediates are harmless.
    let mut eight = vec![chain[0].clone()];
    eight.extend(std::iter::repeat_n(chain[1].clone(), 7));
    let evil = replace(&m1, M1_CHAIN, sequence(&eight));
    assert_eq!(
        hk.respond(&evil, NOW).map(|_| ()).err(),
        None,
        "{}",
        detail()
    );
    eight.push(chain[1].clone());
    let evil = replace(&m1, M1_CHAIN, sequence(&eight));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_TOO_MANY_CERTIFICATES)
    );
    // 10,000 empty elements fit in 64 KiB.
    let tiny = vec![encode(0x04, &[]); 10_000];
    let evil = replace(&m1, M1_CHAIN, sequence(&tiny));
    assert!(evil.len() <= 65_536);
    let t = Instant::now();
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_TOO_MANY_CERTIFICATES)
    );
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    // The same in message 2.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_CHAIN, sequence(&tiny));
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_TOO_MANY_CERTIFICATES)
    );
}

#[test]
fn a_100_mb_message_and_one_byte_over_64_kib_are_too_large_before_decoding() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let huge = vec![0x30u8; 100 << 20];
    let t = Instant::now();
    assert_eq!(
        hk.respond(&huge, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_TOO_LARGE)
    );
    let (s, _) = cn.start(NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&huge, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_TOO_LARGE)
    );
    let (_s, m1) = cn.start(NOW).unwrap();
    let (r, _) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        r.responder_finish(&huge, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_TOO_LARGE)
    );
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    // A well-formed header over 64 KiB.
    let over = encode(0x30, &vec![0u8; 65_536 - 4 + 1]);
    assert_eq!(over.len(), 65_537);
    assert_eq!(
        hk.respond(&over, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_TOO_LARGE)
    );
    let at = encode(0x30, &vec![0u8; 65_536 - 4]);
    assert_eq!(at.len(), 65_536);
    assert_eq!(
        hk.respond(&at, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
}

#[test]
fn signature_algorithm_swapped_or_signature_emptied_is_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    // SHA-1 with RSA on the HK responder's RSA key.
    let sha1_rsa = sequence(&[
        encode(
            0x06,
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05],
        ),
        encode(0x05, &[]),
    ]);
    let ecdsa_sha256 = sequence(&[encode(
        0x06,
        &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02],
    )]);
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_ALG, sha1_rsa);
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED)
    );
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_ALG, ecdsa_sha256.clone());
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED)
    );
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let evil = replace(&m2, M2_SIG, encode(0x04, &[]));
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    // The SM2 initiator's message 3 claiming ECDSA, then with an empty signature.
    for (at, with, want) in [
        (
            M3_ALG,
            ecdsa_sha256,
            BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED,
        ),
        (M3_SIG, encode(0x04, &[]), BT_RESULT_AUTH_SIGNATURE_INVALID),
    ] {
        let (s, m1) = cn.start(NOW).unwrap();
        let (r, m2) = hk.respond(&m1, NOW).unwrap();
        let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
        let evil = replace(&m3, at, with);
        assert_eq!(r.responder_finish(&evil, NOW).err(), Some(want));
    }
    // The responder's own signature from message 2 put into message 3 (reflection of a
    // signature): other key, other role.
    let (s, m1) = cn.start(NOW).unwrap();
    let (r, m2) = hk.respond(&m1, NOW).unwrap();
    let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    let mut f = fields(&m3);
    f[M3_ALG] = fields(&m2)[M2_ALG].clone();
    f[M3_SIG] = fields(&m2)[M2_SIG].clone();
    let code = r.responder_finish(&sequence(&f), NOW).err();
    assert_eq!(
        code,
        Some(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED),
        "{}",
        detail()
    );
}

/// The outcome of a handshake where `mutate` changes the message numbered `which`.
fn mutated_handshake(
    cn: &Party,
    hk: &Party,
    which: u8,
    mutate: &dyn Fn(&mut Vec<u8>),
) -> bt_result {
    let (s, mut m1) = cn.start(NOW).unwrap();
    if which == 1 {
        mutate(&mut m1);
    }
    let (r, mut m2) = match hk.respond(&m1, NOW) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if which == 2 {
        mutate(&mut m2);
    }
    let (_p, mut m3) = match s.initiator_finish(&m2, NOW) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if which == 3 {
        mutate(&mut m3);
    }
    match r.responder_finish(&m3, NOW) {
        Ok(_) => BT_RESULT_OK,
        Err(code) => code,
    }
}

#[test]
fn every_byte_of_every_message_flipped_never_authenticates_and_never_panics() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    // The whole of message 3 and the non-certificate parts of 1 and 2 byte by byte;
    // certificate bytes every 13th (each costs a chain validation and two signatures).
    let chain1 = {
        let f = fields(&m1);
        let start: usize = f[..M1_CHAIN].iter().map(Vec::len).sum::<usize>() + tlv(&m1).0;
        start..start + f[M1_CHAIN].len()
    };
    let chain2 = {
        let f = fields(&m2);
        let start: usize = f[..M2_CHAIN].iter().map(Vec::len).sum::<usize>() + tlv(&m2).0;
        start..start + f[M2_CHAIN].len()
    };
    let mut accepted_message_1_mutations = 0;
    for (which, len, chain) in [
        (1u8, m1.len(), chain1),
        (2, m2.len(), chain2),
        (3, m3.len(), 0..0),
    ] {
        for at in 0..len {
            if chain.contains(&at) && at % 13 != 0 {
                continue;
            }
            let code = mutated_handshake(&cn, &hk, which, &|m: &mut Vec<u8>| {
                let at = at.min(m.len() - 1);
                m[at] ^= 0xff;
            });
            assert_ne!(
                code, BT_RESULT_OK,
                "message {which} byte {at} flipped: authenticated"
            );
            assert_eq!(
                code as u32 / 100,
                4,
                "message {which} byte {at}: {code:?} {}",
                detail()
            );
            if which == 1 && code == BT_RESULT_AUTH_SIGNATURE_INVALID {
                accepted_message_1_mutations += 1;
            }
        }
    }
    // Message 1 is unsigned: a flipped nonce or time byte is answered, the initiator
    // refuses the answer.
    assert!(accepted_message_1_mutations > 0);
}

// ---------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------

#[test]
fn clocks_at_the_ends_of_int64_are_refused_as_out_of_skew_never_a_panic() {
    let (cn, hk) = (Party::cn(), Party::hk());
    for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
        let (_s, m1) = cn.start(t).unwrap();
        assert_eq!(
            hk.respond(&m1, NOW).err(),
            Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW),
            "{t}"
        );
        let (_s, m1) = cn.start(NOW).unwrap();
        assert_eq!(
            hk.respond(&m1, t).err(),
            Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW),
            "{t}"
        );
        let (s, m1) = cn.start(NOW).unwrap();
        let (r, m2) = hk.respond(&m1, NOW).unwrap();
        assert_eq!(
            s.initiator_finish(&m2, t).err(),
            Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW),
            "{t}"
        );
        let (s, m1) = cn.start(NOW).unwrap();
        drop(r);
        let (r, m2) = hk.respond(&m1, NOW).unwrap();
        let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
        assert_eq!(
            r.responder_finish(&m3, t).err(),
            Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW),
            "{t}"
        );
    }
}

#[test]
fn both_clocks_at_the_ends_of_int64_are_refused_by_validation_never_a_panic() {
    let (cn, hk) = (Party::cn(), Party::hk());
    for t in [i64::MIN, -1, i64::MAX] {
        let (_s, m1) = cn.start(t).unwrap();
        let code = hk.respond(&m1, t).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED),
            "{t}: {}",
            detail()
        );
    }
    // With the largest skew the cache's expiry (time + 2S) would overflow.
    // SAFETY: live policies.
    unsafe {
        ok(bt_auth_policy_set_max_skew(hk.policy, u32::MAX));
        ok(bt_auth_policy_set_max_skew(cn.policy, u32::MAX));
    }
    for t in [i64::MIN, i64::MAX] {
        let (_s, m1) = cn.start(t).unwrap();
        let code = hk.respond(&m1, t).err();
        assert_eq!(
            code,
            Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED),
            "{t}: {}",
            detail()
        );
    }
}

#[test]
fn message_times_at_the_skew_edge_pass_and_one_second_beyond_are_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    for (delta, pass) in [
        (-SKEW, true),
        (SKEW, true),
        (-SKEW - 1, false),
        (SKEW + 1, false),
    ] {
        let want = |r: Result<(), bt_result>| {
            if pass {
                assert_eq!(r, Ok(()), "delta {delta}: {}", detail());
            } else {
                assert_eq!(
                    r,
                    Err(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW),
                    "delta {delta}"
                );
            }
        };
        // Message 1's time against the responder's clock.
        let (_s, m1) = cn.start(NOW + delta).unwrap();
        want(hk.respond(&m1, NOW).map(|_| ()));
        // Message 2's time against the initiator's clock.
        let (s, m1) = cn.start(NOW + delta).unwrap();
        let (_r, m2) = hk.respond(&m1, NOW + delta).unwrap();
        want(s.initiator_finish(&m2, NOW).map(|_| ()));
        // Message 3: the session's age against message 2's time.
        let (s, m1) = cn.start(NOW).unwrap();
        let (r, m2) = hk.respond(&m1, NOW).unwrap();
        let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
        want(r.responder_finish(&m3, NOW + delta).map(|_| ()));
    }
    // A skew of 0: only the very same second.
    // SAFETY: a live policy.
    ok(unsafe { bt_auth_policy_set_max_skew(hk.policy, 0) });
    let (_s, m1) = cn.start(NOW + 1).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
    let (_s, m1) = cn.start(NOW).unwrap();
    assert!(hk.respond(&m1, NOW).is_ok(), "{}", detail());
}

/// Parties with plain anchors (no trust list valid in 2028) and recognition off.
fn anchored(chain: &str, key: &str) -> Party {
    let p = Party::with(anchors_verifier(), chain, key);
    // SAFETY: a live policy.
    ok(unsafe { bt_auth_policy_set_require_recognition(p.policy, false) });
    p
}

#[test]
fn a_peer_expired_at_its_message_time_but_valid_at_now_is_not_recognised() {
    let cn = anchored(CN_CHAIN, CN_KEY);
    let hk = anchored(HK_CHAIN, HK_KEY);
    // Sanity: both authenticate under these verifiers.
    let (a, b) = handshake(&hk, &cn);
    assert_eq!(
        (a.org_id(), b.org_id()),
        (CN_ID.to_owned(), HK_ID.to_owned())
    );
    // HK's certificate expires at ORG_NOT_AFTER: message stamped one second after,
    // received 100 s before.
    let (_s, m1) = hk.start(ORG_NOT_AFTER + 1).unwrap();
    let code = cn.respond(&m1, ORG_NOT_AFTER - 100).err();
    assert_eq!(
        code,
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED),
        "{}",
        detail()
    );
    // And in message 2.
    let (s, m1) = cn.start(ORG_NOT_AFTER - 100).unwrap();
    let (_r, m2) = hk.respond(&m1, ORG_NOT_AFTER + 1).unwrap();
    let code = s.initiator_finish(&m2, ORG_NOT_AFTER - 100).err();
    assert_eq!(
        code,
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED),
        "{}",
        detail()
    );
}

/// Documented behaviour (docs/auth-protocol.md §7): the chain is validated at the
/// message's own time, so a peer whose certificate expired up to S seconds ago is still
/// accepted by stamping its message before the expiry.
#[test]
fn a_peer_backdating_its_message_within_the_skew_is_validated_at_the_stated_time() {
    let cn = anchored(CN_CHAIN, CN_KEY);
    let hk = anchored(HK_CHAIN, HK_KEY);
    // HK's certificate expired 150 s before CN's clock; its message says 100 s before
    // the expiry: CN answers (250 s of skew, within 300).
    let (s, m1) = hk.start(ORG_NOT_AFTER - 100).unwrap();
    let (_r, m2) = cn.respond(&m1, ORG_NOT_AFTER + 150).unwrap();
    // CN stamps its own answer honestly, after its own expiry: HK refuses it.
    let code = s.initiator_finish(&m2, ORG_NOT_AFTER - 100).err();
    assert_eq!(code, Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED));
    assert!(detail().contains("CertificateExpired"), "{}", detail());
}

// ---------------------------------------------------------------------------------
// ABI misuse
// ---------------------------------------------------------------------------------

#[test]
fn every_null_pointer_of_every_auth_function_is_null_parameter_and_writes_nothing() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (si, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
    let n = ptr::null_mut::<u8>();
    // SAFETY: each call has valid pointers except the NULL under test.
    unsafe {
        let creds = |ch: *const u8, k: *const u8, out: *mut *mut bt_auth_credentials| {
            bt_auth_credentials_new(ch, chain.len(), k, key.len(), ptr::null(), out)
        };
        let mut c = sentinel();
        assert_eq!(
            creds(ptr::null(), key.as_ptr(), &mut c),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            creds(chain.as_ptr(), ptr::null(), &mut c),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            creds(chain.as_ptr(), key.as_ptr(), ptr::null_mut()),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(c, sentinel());
        assert_eq!(
            bt_auth_replay_cache_new(5, ptr::null_mut()),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_new(ptr::null_mut()),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_expected_peer(ptr::null_mut(), c"NTRHK-12345678".as_ptr()),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_max_skew(ptr::null_mut(), 1),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_policy_set_require_recognition(ptr::null_mut(), false),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(detail(), "");

        // bt_auth_initiator_start: v, c, cache, out_session, out_message1.
        let start = |v, c, cache, os: *mut *mut bt_auth_session, om: *mut *mut bt_bytes| {
            bt_auth_initiator_start(v, c, cache, ptr::null(), NOW, os, om)
        };
        let (mut os, mut om) = (sentinel(), sentinel());
        for case in 0..5 {
            let code = start(
                if case == 0 { ptr::null() } else { cn.v },
                if case == 1 { ptr::null() } else { cn.c },
                if case == 2 { ptr::null() } else { cn.cache },
                if case == 3 { ptr::null_mut() } else { &mut os },
                if case == 4 { ptr::null_mut() } else { &mut om },
            );
            assert_eq!(code, BT_RESULT_NULL_PARAMETER, "start case {case}");
            assert!(
                os == sentinel() && om == sentinel(),
                "start case {case} wrote"
            );
        }

        // bt_auth_responder_respond: v, c, cache, message1 (len > 0 and len 0),
        // out_session, out_message2.
        let before = bt_auth_replay_cache_len(hk.cache);
        for case in 0..7 {
            let code = bt_auth_responder_respond(
                if case == 0 { ptr::null() } else { hk.v },
                if case == 1 { ptr::null() } else { hk.c },
                if case == 2 { ptr::null() } else { hk.cache },
                ptr::null(),
                if case == 3 || case == 4 {
                    n
                } else {
                    m1.as_ptr()
                },
                if case == 4 { 0 } else { m1.len() },
                NOW,
                if case == 5 { ptr::null_mut() } else { &mut os },
                if case == 6 { ptr::null_mut() } else { &mut om },
            );
            assert_eq!(code, BT_RESULT_NULL_PARAMETER, "respond case {case}");
            assert!(
                os == sentinel() && om == sentinel(),
                "respond case {case} wrote"
            );
        }
        assert_eq!(
            bt_auth_replay_cache_len(hk.cache),
            before,
            "work done before the NULL check"
        );

        // bt_auth_initiator_finish: s, message2 (len > 0 and 0), out_peer, out_message3.
        let (mut op, mut om3) = (sentinel(), sentinel());
        for case in 0..5 {
            let code = bt_auth_initiator_finish(
                if case == 0 { ptr::null_mut() } else { si.0 },
                if case == 1 || case == 2 {
                    n
                } else {
                    m2.as_ptr()
                },
                if case == 2 { 0 } else { m2.len() },
                NOW,
                if case == 3 { ptr::null_mut() } else { &mut op },
                if case == 4 { ptr::null_mut() } else { &mut om3 },
            );
            assert_eq!(
                code, BT_RESULT_NULL_PARAMETER,
                "initiator_finish case {case}"
            );
            assert!(
                op == sentinel() && om3 == sentinel(),
                "initiator_finish case {case} wrote"
            );
        }
        // The session was left untouched by every NULL.
        let (peer, m3) = si.initiator_finish(&m2, NOW).unwrap();

        // bt_auth_responder_finish: s, message3 (len > 0 and 0), out_peer.
        for case in 0..4 {
            let code = bt_auth_responder_finish(
                if case == 0 { ptr::null_mut() } else { sr.0 },
                if case == 1 || case == 2 {
                    n
                } else {
                    m3.as_ptr()
                },
                if case == 2 { 0 } else { m3.len() },
                NOW,
                if case == 3 { ptr::null_mut() } else { &mut op },
            );
            assert_eq!(
                code, BT_RESULT_NULL_PARAMETER,
                "responder_finish case {case}"
            );
            assert_eq!(op, sentinel(), "responder_finish case {case} wrote");
        }
        let _initiator = sr.responder_finish(&m3, NOW).unwrap();

        // The peer's accessors.
        type Text = unsafe extern "C" fn(*const bt_auth_peer, *mut *mut c_char) -> bt_result;
        for (name, f) in [
            ("org_id", bt_auth_peer_org_id as Text),
            ("organisation", bt_auth_peer_organisation),
            ("authorised_person", bt_auth_peer_authorised_person),
            ("json", bt_auth_peer_json),
        ] {
            let mut out = sentinel();
            assert_eq!(f(ptr::null(), &mut out), BT_RESULT_NULL_PARAMETER, "{name}");
            assert_eq!(out, sentinel(), "{name} wrote");
            assert_eq!(
                f(peer.0, ptr::null_mut()),
                BT_RESULT_NULL_PARAMETER,
                "{name}"
            );
        }
        let mut j = 77u32;
        assert_eq!(
            bt_auth_peer_jurisdiction(ptr::null(), &mut j),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_peer_jurisdiction(peer.0, ptr::null_mut()),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(j, 77);
        let (mut rj, mut seq, mut svc) = (77u32, 77u64, sentinel());
        assert_eq!(
            bt_auth_peer_recognition(ptr::null(), &mut rj, &mut seq, &mut svc),
            BT_RESULT_NULL_PARAMETER
        );
        assert!(rj == 77 && seq == 77 && svc == sentinel());
        let mut binding = [0xaau8; 32];
        assert_eq!(
            bt_auth_peer_session_binding(ptr::null(), binding.as_mut_ptr(), 32),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            bt_auth_peer_session_binding(peer.0, ptr::null_mut(), 32),
            BT_RESULT_NULL_PARAMETER
        );
        assert_eq!(binding, [0xaa; 32]);
        // NULL-tolerant functions.
        assert!(bt_bytes_data(ptr::null()).is_null());
        assert_eq!(bt_bytes_len(ptr::null()), 0);
        assert_eq!(bt_auth_replay_cache_len(ptr::null()), 0);
        bt_bytes_free(ptr::null_mut());
        bt_auth_session_free(ptr::null_mut());
        bt_auth_peer_free(ptr::null_mut());
        bt_auth_policy_free(ptr::null_mut());
        bt_auth_replay_cache_free(ptr::null_mut());
        bt_auth_credentials_free(ptr::null_mut());
    }
}

#[test]
fn a_length_over_ptrdiff_max_is_length_too_large_and_leaves_the_session_untouched() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (si, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    let big = isize::MAX as usize + 1;
    // SAFETY: the lengths are refused before the buffers are read.
    unsafe {
        let (mut os, mut om) = (sentinel(), sentinel());
        let code = bt_auth_responder_respond(
            hk.v,
            hk.c,
            hk.cache,
            ptr::null(),
            m1.as_ptr(),
            big,
            NOW,
            &mut os,
            &mut om,
        );
        assert_eq!(code, BT_RESULT_LENGTH_TOO_LARGE);
        assert!(os == sentinel() && om == sentinel());
        for len in [big, usize::MAX] {
            let (mut op, mut om3) = (sentinel(), sentinel());
            let code = bt_auth_initiator_finish(si.0, m2.as_ptr(), len, NOW, &mut op, &mut om3);
            assert_eq!(code, BT_RESULT_LENGTH_TOO_LARGE);
            assert!(op == sentinel() && om3 == sentinel());
        }
        let (_peer, m3) = si.initiator_finish(&m2, NOW).unwrap();
        let mut op = sentinel();
        let code = bt_auth_responder_finish(sr.0, m3.as_ptr(), big, NOW, &mut op);
        assert_eq!(code, BT_RESULT_LENGTH_TOO_LARGE);
        assert_eq!(op, sentinel());
        assert_eq!(sr.responder_finish(&m3, NOW).unwrap().org_id(), CN_ID);
        let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
        let mut c = sentinel();
        let code = bt_auth_credentials_new(
            chain.as_ptr(),
            big,
            key.as_ptr(),
            key.len(),
            ptr::null(),
            &mut c,
        );
        assert_eq!(code, BT_RESULT_LENGTH_TOO_LARGE);
        let code = bt_auth_credentials_new(
            chain.as_ptr(),
            chain.len(),
            key.as_ptr(),
            big,
            ptr::null(),
            &mut c,
        );
        assert_eq!(code, BT_RESULT_LENGTH_TOO_LARGE);
        assert_eq!(c, sentinel());
    }
}

#[test]
fn the_wrong_roles_finish_is_wrong_role_and_leaves_the_session_usable() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (si, m1) = cn.start(NOW).unwrap();
    let (sr, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        si.responder_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_WRONG_ROLE)
    );
    assert_eq!(
        sr.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_WRONG_ROLE)
    );
    let (_p, m3) = si.initiator_finish(&m2, NOW).unwrap();
    // A used initiator session given to the responder's finish is still the wrong role.
    assert_eq!(
        si.responder_finish(&m3, NOW).err(),
        Some(BT_RESULT_AUTH_WRONG_ROLE)
    );
    assert_eq!(
        sr.initiator_finish(&m3, NOW).err(),
        Some(BT_RESULT_AUTH_WRONG_ROLE)
    );
    assert_eq!(sr.responder_finish(&m3, NOW).unwrap().org_id(), CN_ID);
    assert_eq!(
        sr.responder_finish(&m3, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_USED)
    );
}

#[test]
fn a_zero_capacity_cache_is_the_default_and_a_huge_capacity_allocates_nothing_up_front() {
    let (mut cn, hk) = (Party::cn(), Party::hk());
    // SAFETY: valid out-parameters; caches freed once.
    unsafe {
        bt_auth_replay_cache_free(std::mem::replace(&mut cn.cache, new_cache(0)));
        let t = Instant::now();
        for capacity in [usize::MAX, 1 << 40, isize::MAX as usize] {
            let mut c = sentinel();
            assert_eq!(
                bt_auth_replay_cache_new(capacity, &mut c),
                BT_RESULT_OK,
                "{capacity}"
            );
            assert_eq!(bt_auth_replay_cache_len(c), 0);
            bt_auth_replay_cache_free(c);
        }
        assert!(t.elapsed() < Duration::from_secs(1));
    }
    for _ in 0..5 {
        let (a, b) = handshake(&cn, &hk);
        assert_eq!(a.binding(), b.binding());
    }
    // SAFETY: live caches.
    unsafe {
        assert_eq!(
            bt_auth_replay_cache_len(cn.cache),
            15,
            "own nonce + message 2 digest/nonce"
        );
        assert_eq!(
            bt_auth_replay_cache_len(hk.cache),
            15,
            "message 1 digest/nonce + own nonce"
        );
    }
}

#[test]
fn a_replay_cache_filled_to_capacity_still_refuses_replays_and_refuses_new_sessions_typed() {
    let cn = Party::cn();
    let mut hk = Party::hk();
    // SAFETY: the replaced cache is freed once.
    unsafe { bt_auth_replay_cache_free(std::mem::replace(&mut hk.cache, new_cache(3))) };
    let (s, m1) = cn.start(NOW).unwrap();
    let (r, m2) = hk.respond(&m1, NOW).unwrap();
    // SAFETY: a live cache.
    assert_eq!(unsafe { bt_auth_replay_cache_len(hk.cache) }, 3);
    // Full: the replayed message 1 is still a replay, not a full cache, not accepted.
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_REPLAYED)
    );
    // Its nonce under a new digest: nonce reused.
    let (_s2, m1b) = cn.start(NOW + 1).unwrap();
    let evil = replace(&m1b, M1_NONCE, fields(&m1)[M1_NONCE].clone());
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_NONCE_REUSED)
    );
    // A fresh message 1: refused as full, not answered.
    assert_eq!(
        hk.respond(&m1b, NOW).err(),
        Some(BT_RESULT_AUTH_REPLAY_CACHE_FULL)
    );
    assert_eq!(detail(), "the replay cache is full (3 live entries)");
    // The full cache does not stop the session already under way.
    let (_p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    assert_eq!(r.responder_finish(&m3, NOW).unwrap().org_id(), CN_ID);
    // Two seconds short of the window (2S past the message time): still full. After it:
    // the entries expire and a new session is answered; the old message 1 then fails
    // the skew check, never slips through.
    assert_eq!(
        hk.respond(&m1b, NOW + 2 * SKEW).err(),
        Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
    let (_s3, m1c) = cn.start(NOW + 2 * SKEW - 2).unwrap();
    assert_eq!(
        hk.respond(&m1c, NOW + 2 * SKEW - 2).err(),
        Some(BT_RESULT_AUTH_REPLAY_CACHE_FULL)
    );
    let (_s4, m1d) = cn.start(NOW + 2 * SKEW + 1).unwrap();
    assert!(hk.respond(&m1d, NOW + 2 * SKEW + 1).is_ok(), "{}", detail());
    assert_eq!(
        hk.respond(&m1, NOW + 2 * SKEW + 1).err(),
        Some(BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW)
    );
}

#[test]
fn an_initiator_whose_cache_is_full_cannot_record_the_responders_nonce() {
    let mut cn = Party::cn();
    let hk = Party::hk();
    // SAFETY: the replaced cache is freed once.
    unsafe { bt_auth_replay_cache_free(std::mem::replace(&mut cn.cache, new_cache(1))) };
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_REPLAY_CACHE_FULL)
    );
}

#[test]
fn policy_texts_that_are_not_canonical_org_ids_are_refused_and_leave_it_unchanged() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(cn.policy, Some(MO_ID));
    let cases: [(&[u8], bt_result); 6] = [
        (b"", BT_RESULT_INVALID_ORG_ID),
        (b"ntrhk-12345678", BT_RESULT_INVALID_ORG_ID),
        (b" NTRHK-12345678", BT_RESULT_INVALID_ORG_ID),
        (b"NTRXX-1", BT_RESULT_INVALID_ORG_ID),
        (b"NTRHK-\xff2345678", BT_RESULT_INVALID_UTF8),
        (b"\xc0\x80", BT_RESULT_INVALID_UTF8),
    ];
    for (text, want) in cases {
        let text = CString::new(text).unwrap();
        // SAFETY: a live policy and a NUL-terminated text.
        let code = unsafe { bt_auth_policy_set_expected_peer(cn.policy, text.as_ptr()) };
        assert_eq!(code, want, "{text:?}");
    }
    // Still expecting MO: message 1 says so and HK refuses.
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(content(&fields(&m1)[M1_EXPECTED]), MO_ID.as_bytes());
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
}

#[test]
fn the_session_binding_refuses_a_short_buffer_untouched_and_fills_only_32_of_a_long_one() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (a, b) = handshake(&cn, &hk);
    let binding = a.binding();
    assert_eq!(binding, b.binding());
    for len in [0usize, 1, 31] {
        let mut buf = [0x5au8; 64];
        // SAFETY: a live peer and a buffer of at least `len` bytes.
        let code = unsafe { bt_auth_peer_session_binding(a.0, buf.as_mut_ptr(), len) };
        assert_eq!(code, BT_RESULT_BUFFER_TOO_SMALL, "{len}");
        assert_eq!(buf, [0x5a; 64], "written with {len}");
    }
    let mut buf = [0x5au8; 64];
    // SAFETY: a live peer and a 64-byte buffer.
    ok(unsafe { bt_auth_peer_session_binding(a.0, buf.as_mut_ptr(), 64) });
    assert_eq!(&buf[..32], &binding);
    assert_eq!(&buf[32..], &[0x5a; 32]);
    // Two sessions between the same parties have different bindings.
    let (c, _) = handshake(&cn, &hk);
    assert_ne!(c.binding(), binding);
}

#[test]
fn last_error_detail_with_length_0_and_1_and_every_truncation_stays_in_bounds_and_utf8() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(hk.policy, Some(MO_ID));
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    let whole = detail();
    assert_eq!(whole, format!("expected {MO_ID}, the peer is {CN_ID}"));
    // SAFETY: buffers of the given length (or NULL with 0).
    unsafe {
        let mut buf = [0x7f as c_char; 8];
        assert_eq!(bt_last_error_detail(buf.as_mut_ptr(), 0), whole.len());
        assert_eq!(buf, [0x7f; 8], "written with length 0");
        assert_eq!(bt_last_error_detail(buf.as_mut_ptr(), 1), whole.len());
        assert_eq!(buf[0], 0);
        assert_eq!(buf[1..], [0x7f; 7]);
        for len in 1..=whole.len() + 2 {
            let mut buf = vec![0x7f as c_char; len + 4];
            assert_eq!(bt_last_error_detail(buf.as_mut_ptr(), len), whole.len());
            let got = CStr::from_ptr(buf.as_ptr()).to_bytes();
            assert!(got.len() < len);
            assert!(whole.as_bytes().starts_with(got));
            assert!(buf[len..].iter().all(|&b| b == 0x7f), "written past {len}");
        }
    }
    // A detail with non-ASCII text: the chain report of an unrecognised peer may name
    // a Chinese organisation. Truncation must stay at a character boundary.
    let mo_only = {
        let mut b = ptr::null_mut();
        let mut v = ptr::null_mut();
        // SAFETY: valid buffers and out-parameters.
        unsafe {
            ok(bt_verifier_builder_new(&mut b));
            let list = testdata("trust-lists/mo.p7s");
            let op = testdata("pki/mo/trust-list-operator-ca.pem");
            ok(bt_verifier_builder_add_trust_list(
                b,
                bt_jurisdiction::BT_JURISDICTION_MO as u32,
                list.as_ptr(),
                list.len(),
                op.as_ptr(),
                op.len(),
                NOW,
            ));
            ok(bt_verifier_builder_build(b, &mut v));
        }
        Party::with(v, MO_CHAIN, MO_KEY)
    };
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        mo_only.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    let whole = detail();
    assert!(!whole.is_empty());
    // SAFETY: buffers of the given length.
    unsafe {
        for len in 1..=whole.len() + 1 {
            let mut buf = vec![0x7f as c_char; len + 4];
            assert_eq!(bt_last_error_detail(buf.as_mut_ptr(), len), whole.len());
            let got = CStr::from_ptr(buf.as_ptr()).to_bytes();
            assert!(
                std::str::from_utf8(got).is_ok(),
                "cut inside a character at {len}"
            );
            assert!(whole.as_bytes().starts_with(got));
            assert!(buf[len..].iter().all(|&b| b == 0x7f), "written past {len}");
        }
    }
    // A success clears it.
    let _ = handshake(&cn, &Party::hk());
    assert_eq!(detail(), "");
}

#[test]
fn handles_freed_in_every_order_leave_sessions_and_peers_working() {
    // Order of freeing: verifier, credentials, cache, policy of the initiator, its
    // session, the peer, message bytes — every permutation of the first five around a
    // live session.
    let hk = Party::hk();
    let orders = permutations(5);
    for order in &orders {
        let (v, c, cache, p) = (
            trust_list_verifier(),
            creds(CN_CHAIN, CN_KEY),
            new_cache(0),
            new_policy(),
        );
        let (mut s, mut m1) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: live handles; each freed exactly once below.
        unsafe {
            ok(bt_auth_initiator_start(
                v, c, cache, p, NOW, &mut s, &mut m1,
            ));
            let m1 = bytes(m1);
            let (r, m2) = hk.respond(&m1, NOW).unwrap();
            let mut session_freed = false;
            let mut m3 = None;
            for &step in order {
                match step {
                    0 => bt_verifier_free(v),
                    1 => bt_auth_credentials_free(c),
                    2 => bt_auth_replay_cache_free(cache),
                    3 => bt_auth_policy_free(p),
                    _ => {
                        // The session finishes, then is freed; its peer outlives it.
                        let (mut peer, mut out) = (ptr::null_mut(), ptr::null_mut());
                        ok(bt_auth_initiator_finish(
                            s,
                            m2.as_ptr(),
                            m2.len(),
                            NOW,
                            &mut peer,
                            &mut out,
                        ));
                        bt_auth_session_free(s);
                        session_freed = true;
                        let peer = Peer(peer);
                        assert_eq!(peer.org_id(), HK_ID);
                        m3 = Some(bytes(out));
                    }
                }
            }
            assert!(session_freed);
            assert_eq!(
                r.responder_finish(&m3.unwrap(), NOW).unwrap().org_id(),
                CN_ID
            );
        }
    }
    assert_eq!(orders.len(), 120);
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for at in 0..=p.len() {
            let mut q = p.clone();
            q.insert(at, n - 1);
            out.push(q);
        }
    }
    out
}

#[test]
fn a_peer_outlives_its_session_and_bytes_outlive_everything() {
    let hk = Party::hk();
    let (si, m1, m3, peer) = {
        let cn = Party::cn();
        let (si, m1) = cn.start(NOW).unwrap();
        let (sr, m2) = hk.respond(&m1, NOW).unwrap();
        let (peer, m3) = si.initiator_finish(&m2, NOW).unwrap();
        let ip = sr.responder_finish(&m3, NOW).unwrap();
        drop(sr);
        assert_eq!(ip.org_id(), CN_ID);
        (si, m1, m3, peer)
    };
    // The initiator party is gone; its session and peer still answer.
    assert_eq!(peer.org_id(), HK_ID);
    assert_eq!(
        si.initiator_finish(&m3, NOW).err(),
        Some(BT_RESULT_AUTH_SESSION_USED)
    );
    drop(si);
    let mut json = ptr::null_mut();
    // SAFETY: a live peer; the string freed once.
    unsafe {
        ok(bt_auth_peer_json(peer.0, &mut json));
        let text = CStr::from_ptr(json).to_str().unwrap().to_owned();
        bt_string_free(json);
        assert!(text.contains(HK_ID), "{text}");
    }
    assert!(!m1.is_empty());
}

#[test]
fn one_policy_used_by_many_threads_at_once_gives_each_session_its_copy() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(cn.policy, Some(HK_ID));
    struct Shared<'a>(&'a Party, &'a Party);
    // SAFETY: the handles are documented as usable by many threads at once (the policy
    // is not set while the threads run).
    unsafe impl Sync for Shared<'_> {}
    let shared = Shared(&cn, &hk);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let shared = &shared;
            scope.spawn(move || {
                for _ in 0..3 {
                    let (a, b) = handshake(shared.0, shared.1);
                    assert_eq!(a.org_id(), HK_ID);
                    assert_eq!(b.org_id(), CN_ID);
                    assert_eq!(a.binding(), b.binding());
                }
            });
        }
    });
}

#[test]
fn credentials_claiming_another_identity_or_carrying_nine_certificates_are_refused() {
    let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
    let mut c = sentinel();
    // SAFETY: valid buffers and texts.
    unsafe {
        for (text, want) in [
            (&b"HK-12345678"[..], BT_RESULT_INVALID_ORG_ID),
            (b"NTRHK-\xff", BT_RESULT_INVALID_UTF8),
        ] {
            let text = CString::new(text).unwrap();
            let code = bt_auth_credentials_new(
                chain.as_ptr(),
                chain.len(),
                key.as_ptr(),
                key.len(),
                text.as_ptr(),
                &mut c,
            );
            assert_eq!(code, want);
        }
        let pem = String::from_utf8(chain.clone()).unwrap();
        let intermediate = pem[pem.find("-----END CERTIFICATE-----").unwrap() + 26..].to_owned();
        let nine = format!("{pem}{}", intermediate.repeat(7));
        assert_eq!(nine.matches("BEGIN CERTIFICATE").count(), 9);
        let code = bt_auth_credentials_new(
            nine.as_ptr(),
            nine.len(),
            key.as_ptr(),
            key.len(),
            ptr::null(),
            &mut c,
        );
        assert_eq!(code, BT_RESULT_AUTH_CREDENTIALS_INVALID, "{}", detail());
        assert_eq!(c, sentinel());
    }
    // The liar (HK claiming CN's identity) is refused by the peer, not by itself.
    let mut liar = ptr::null_mut();
    // SAFETY: valid buffers and text.
    ok(unsafe {
        bt_auth_credentials_new(
            chain.as_ptr(),
            chain.len(),
            key.as_ptr(),
            key.len(),
            c"NTRCN-91110000600037341L".as_ptr(),
            &mut liar,
        )
    });
    let hk_liar = Party {
        v: trust_list_verifier(),
        c: liar,
        cache: new_cache(0),
        policy: new_policy(),
        borrowed_cache: false,
    };
    let cn = Party::cn();
    let (_s, m1) = hk_liar.start(NOW).unwrap();
    assert_eq!(
        cn.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH)
    );
    // And as a responder.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk_liar.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH)
    );
}

#[test]
fn a_peer_only_valid_under_anchors_is_not_authenticated_when_recognition_is_required() {
    let cn = Party::with(anchors_verifier(), CN_CHAIN, CN_KEY);
    let hk = Party::hk();
    // The CN party's anchors validate HK's chain, but no list recognises it.
    let (s, m1) = cn.start(NOW).unwrap();
    let (_r, m2) = hk.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
}

// ---------------------------------------------------------------------------------
// Findings: each fails on the current code
// ---------------------------------------------------------------------------------

/// The texts the protocol itself refuses as identities (docs/auth-protocol.md §2, §4.0
/// step 6: "Every OrgId is canonical and passes its check, else AuthMessageMalformed").
const NOT_CANONICAL_OR_FAILING_CHECK: [&str; 6] = [
    "NTRHK-12345678-000",       // the BRN with its branch suffix: not canonical
    "NTRCN-91110000600037341X", // a USCC with a wrong check character
    "NTRHK-1",                  // a BRN of one digit
    "NTRMO-",                   // empty identifier
    "NTRHK-１２３４５６７８",   // full-width digits
    "NTRHK-12345678 ",          // a trailing space
];

#[test]
fn set_expected_peer_refuses_org_ids_the_protocol_refuses() {
    let p = new_policy();
    let mut accepted = Vec::new();
    for text in NOT_CANONICAL_OR_FAILING_CHECK {
        let c = CString::new(text).unwrap();
        // SAFETY: a live policy and a NUL-terminated text.
        let code = unsafe { bt_auth_policy_set_expected_peer(p, c.as_ptr()) };
        if code != BT_RESULT_INVALID_ORG_ID {
            accepted.push((text, code));
        }
    }
    // SAFETY: owned, freed once.
    unsafe { bt_auth_policy_free(p) };
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}

#[test]
fn an_invalid_expectation_is_refused_by_the_policy_not_later_by_the_peer() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let c = CString::new("NTRCN-91110000600037341X").unwrap();
    // SAFETY: a live policy and a NUL-terminated text.
    let code = unsafe { bt_auth_policy_set_expected_peer(cn.policy, c.as_ptr()) };
    // Expected: refused here, with the reason, rather than a session that cannot work.
    if code == BT_RESULT_OK {
        // bt_auth_initiator_start documents only NULL_PARAMETER, REPLAY_CACHE_FULL and
        // RANDOM_UNAVAILABLE.
        match cn.start(NOW) {
            Err(code) => panic!(
                "policy took it; bt_auth_initiator_start then fails with {code:?} ({})",
                detail()
            ),
            Ok((_s, m1)) => {
                let sent = content(&fields(&m1)[M1_EXPECTED]);
                let refused = hk.respond(&m1, NOW).err();
                panic!(
                    "policy took it; message 1 names {:?}; the responder: {refused:?} ({})",
                    String::from_utf8_lossy(&sent),
                    detail()
                );
            }
        }
    }
    assert_eq!(code, BT_RESULT_INVALID_ORG_ID);
}

#[test]
fn credentials_refuse_a_claimed_org_id_the_protocol_refuses() {
    let (chain, key) = (testdata(HK_CHAIN), testdata(HK_KEY));
    let mut accepted = Vec::new();
    for text in NOT_CANONICAL_OR_FAILING_CHECK {
        let t = CString::new(text).unwrap();
        let mut c = ptr::null_mut();
        // SAFETY: valid buffers, text and out-parameter.
        let code = unsafe {
            bt_auth_credentials_new(
                chain.as_ptr(),
                chain.len(),
                key.as_ptr(),
                key.len(),
                t.as_ptr(),
                &mut c,
            )
        };
        if code == BT_RESULT_OK {
            // What goes on the wire.
            let party = Party {
                v: trust_list_verifier(),
                c,
                cache: new_cache(0),
                policy: new_policy(),
                borrowed_cache: false,
            };
            let sent = match party.start(NOW) {
                Ok((_s, m1)) => {
                    let id = content(&fields(&m1)[M1_ID]);
                    format!("OK, sends {}", String::from_utf8_lossy(&id))
                }
                Err(code) => format!("OK, then start gives {code:?} ({})", detail()),
            };
            accepted.push((text, sent));
        } else if code != BT_RESULT_INVALID_ORG_ID {
            accepted.push((text, format!("{code:?}")));
        }
    }
    assert!(
        accepted.is_empty(),
        "accepted (claimed, sent): {accepted:?}"
    );
}

/// docs/auth-protocol.md §4.0 step 5: the count ends the reading at the ninth element,
/// whatever follows (no work on the rest of an oversized chain).
#[test]
fn a_chain_past_the_limit_is_refused_at_the_ninth_element_whatever_follows() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let mut nine = vec![encode(0x04, &[]); 9];
    nine.push(vec![0xff, 0xff, 0xff]);
    let evil = replace(&m1, M1_CHAIN, encode(0x30, &nine.concat()));
    assert_eq!(
        hk.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_TOO_MANY_CERTIFICATES),
        "{}",
        detail()
    );
}

#[test]
fn a_failing_start_leaves_no_replay_cache_entry() {
    let cn = Party::cn();
    let c = CString::new("NTRHK-1").unwrap();
    // SAFETY: a live policy and a NUL-terminated text.
    let accepted = unsafe { bt_auth_policy_set_expected_peer(cn.policy, c.as_ptr()) };
    if accepted != BT_RESULT_OK {
        return; // refused up front, as it should be
    }
    // SAFETY: a live cache.
    let before = unsafe { bt_auth_replay_cache_len(cn.cache) };
    let code = cn.start(NOW).err();
    // SAFETY: a live cache.
    let after = unsafe { bt_auth_replay_cache_len(cn.cache) };
    if let Some(code) = code {
        assert_eq!(
            after,
            before,
            "start failed with {code:?} ({}) yet the cache grew",
            detail()
        );
    }
}

#[test]
fn a_certificate_re_encoded_as_ber_or_with_trailing_bytes_is_refused_by_validation() {
    // Against a party with the same credentials (the reflection check compares bytes)
    // and against HK.
    let (a, same, hk) = (Party::cn(), Party::cn(), Party::hk());
    let (_s, m1) = a.start(NOW).unwrap();
    let chain = fields(&fields(&m1)[M1_CHAIN]);
    let leaf = content(&chain[0]);
    assert_eq!(&leaf[..2], &[0x30, 0x82]);
    let mut ber = vec![0x30, 0x83, 0x00];
    ber.extend_from_slice(&leaf[2..]);
    let mut trailing = leaf.clone();
    trailing.push(0);
    let mut n = 40;
    for (cert, kind) in [(ber, "CertificateMalformed"), (trailing, "TrailingData")] {
        let mut c = chain.clone();
        c[0] = encode(0x04, &cert);
        for party in [&same, &hk] {
            n += 1;
            let evil = replace(&renonced(&m1, n), M1_CHAIN, sequence(&c));
            assert_eq!(
                party.respond(&evil, NOW).err(),
                Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
            );
            assert!(detail().contains(kind), "{}", detail());
        }
    }
}

#[test]
fn a_signature_of_another_session_moved_into_message_2_or_3_is_invalid() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (sa, m1a) = cn.start(NOW).unwrap();
    let (sb, m1b) = cn.start(NOW).unwrap();
    let (ra, m2a) = hk.respond(&m1a, NOW).unwrap();
    let (rb, m2b) = hk.respond(&m1b, NOW).unwrap();
    let evil = replace(&m2b, M2_SIG, fields(&m2a)[M2_SIG].clone());
    assert_eq!(
        sb.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    let (_pa, m3a) = sa.initiator_finish(&m2a, NOW).unwrap();
    // rb never got its message 3: give it a's signature with b's nonces.
    let mut f = fields(&m3a);
    f[M3_INITIATOR_NONCE] = fields(&m1b)[M1_NONCE].clone();
    f[M3_RESPONDER_NONCE] = fields(&m2b)[M2_RESPONDER_NONCE].clone();
    assert_eq!(
        rb.responder_finish(&sequence(&f), NOW).err(),
        Some(BT_RESULT_AUTH_SIGNATURE_INVALID)
    );
    assert_eq!(ra.responder_finish(&m3a, NOW).unwrap().org_id(), CN_ID);
}

/// A verifier loading all three lists but accepting only HK's (home HK).
fn hk_only_verifier() -> *mut bt_verifier {
    let mut b = ptr::null_mut();
    let mut v = ptr::null_mut();
    // SAFETY: valid buffers and out-parameters.
    unsafe {
        ok(bt_verifier_builder_new(&mut b));
        for (j, code) in [
            (bt_jurisdiction::BT_JURISDICTION_CN, "cn"),
            (bt_jurisdiction::BT_JURISDICTION_HK, "hk"),
            (bt_jurisdiction::BT_JURISDICTION_MO, "mo"),
        ] {
            let list = testdata(&format!("trust-lists/{code}.p7s"));
            let operator = testdata(&format!("pki/{code}/trust-list-operator-ca.pem"));
            ok(bt_verifier_builder_add_trust_list(
                b,
                j as u32,
                list.as_ptr(),
                list.len(),
                operator.as_ptr(),
                operator.len(),
                NOW,
            ));
        }
        ok(bt_verifier_builder_set_home(
            b,
            bt_jurisdiction::BT_JURISDICTION_HK as u32,
        ));
        ok(bt_verifier_builder_accept(
            b,
            bt_jurisdiction::BT_JURISDICTION_HK as u32,
        ));
        ok(bt_verifier_builder_build(b, &mut v));
    }
    v
}

#[test]
fn a_peer_recognised_only_by_a_loaded_but_not_accepted_list_is_refused_in_both_roles() {
    let cn = Party::cn();
    let hk = Party::with(hk_only_verifier(), HK_CHAIN, HK_KEY);
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED),
        "{}",
        detail()
    );
    let (s, m1) = hk.start(NOW).unwrap();
    let (_r, m2) = cn.respond(&m1, NOW).unwrap();
    assert_eq!(
        s.initiator_finish(&m2, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    // Not even with recognition off: a list loaded but not accepted is a verdict
    // against the chain, not an absence of recognition.
    // SAFETY: a live policy.
    ok(unsafe { bt_auth_policy_set_require_recognition(hk.policy, false) });
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED)
    );
    assert!(
        detail().contains("does not accept the CN trust list"),
        "{}",
        detail()
    );
}

#[test]
fn the_last_error_detail_belongs_to_the_thread_that_failed() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(hk.policy, Some(MO_ID));
    let (_s, m1) = cn.start(NOW).unwrap();
    assert_eq!(
        hk.respond(&m1, NOW).err(),
        Some(BT_RESULT_AUTH_IDENTITY_UNEXPECTED)
    );
    let other = std::thread::spawn(detail).join().unwrap();
    assert_eq!(other, "");
    assert_eq!(detail(), format!("expected {MO_ID}, the peer is {CN_ID}"));
    // Reading it changes nothing; the next call that succeeds clears it.
    assert_eq!(detail(), format!("expected {MO_ID}, the peer is {CN_ID}"));
    let _ = new_policy_and_free();
    assert_eq!(detail(), "");
}

fn new_policy_and_free() -> bt_result {
    let mut p = ptr::null_mut();
    // SAFETY: valid out-parameter; freed once.
    unsafe {
        let code = bt_auth_policy_new(&mut p);
        bt_auth_policy_free(p);
        code
    }
}

/// SM2's group order n, big-endian.
const SM2_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23,
];

/// The big-endian sum of two unsigned big-endian integers.
fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let len = a.len().max(b.len()) + 1;
    let mut out = vec![0u8; len];
    let mut carry = 0u16;
    for i in 0..len {
        let x = if i < a.len() { a[a.len() - 1 - i] } else { 0 };
        let y = if i < b.len() { b[b.len() - 1 - i] } else { 0 };
        let sum = u16::from(x) + u16::from(y) + carry;
        out[len - 1 - i] = sum as u8;
        carry = sum >> 8;
    }
    out
}

/// A minimal DER INTEGER of the unsigned big-endian `magnitude`.
fn der_unsigned(magnitude: &[u8]) -> Vec<u8> {
    let skip = magnitude.iter().take_while(|&&b| b == 0).count();
    let mut v = magnitude[skip..].to_vec();
    if v.first().is_none_or(|&b| b & 0x80 != 0) {
        v.insert(0, 0);
    }
    encode(0x02, &v)
}

const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// `a - b` for big-endian unsigned integers with `a >= b`, as long as `a`.
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in 0..a.len() {
        let x = i16::from(a[a.len() - 1 - i]);
        let y = if i < b.len() {
            i16::from(b[b.len() - 1 - i])
        } else {
            0
        };
        let mut d = x - y - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        out[a.len() - 1 - i] = d as u8;
    }
    out
}

const TAIPA_CHAIN: &str = "pki/mo/org-taipa-foods-chain.pem";
const TAIPA_KEY: &str = "pki/test-keys-NOT-SECRET-DO-NOT-USE/mo-org-taipa-foods.key.pem";

/// Message 3 of a fresh handshake CN (SM2) → HK with `f` applied to its fields: the
/// responder's outcome, and whether both sides' bindings agree when it accepts.
fn m3_mutated(cn: &Party, hk: &Party, f: &dyn Fn(&mut Vec<Vec<u8>>)) -> Result<bool, bt_result> {
    let (s, m1) = cn.start(NOW).unwrap();
    let (r, m2) = hk.respond(&m1, NOW).unwrap();
    let (p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    let mut fs = fields(&m3);
    f(&mut fs);
    r.responder_finish(&sequence(&fs), NOW)
        .map(|ip| ip.binding() == p.binding())
}

/// Message 2 of a fresh handshake `i` → `r` with `f` applied to its fields: the
/// initiator's outcome, then the responder's, and whether the bindings agree.
fn m2_mutated(i: &Party, r: &Party, f: &dyn Fn(&mut Vec<Vec<u8>>)) -> Result<bool, bt_result> {
    let (s, m1) = i.start(NOW).unwrap();
    let (rs, m2) = r.respond(&m1, NOW).unwrap();
    let mut fs = fields(&m2);
    f(&mut fs);
    let (p, m3) = s.initiator_finish(&sequence(&fs), NOW)?;
    rs.responder_finish(&m3, NOW)
        .map(|ip| ip.binding() == p.binding())
}

fn sig_parts(field: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let rs = fields(&content(field));
    let unsigned = |i: &Vec<u8>| {
        let v = content(i);
        if v.first() == Some(&0) {
            v[1..].to_vec()
        } else {
            v
        }
    };
    (unsigned(&rs[0]), unsigned(&rs[1]))
}

fn sig_of(r: &[u8], s: &[u8]) -> Vec<u8> {
    encode(0x04, &sequence(&[der_unsigned(r), der_unsigned(s)]))
}

#[test]
fn sm2_signatures_re_encoded_or_out_of_range_are_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    type Mutation = Box<dyn Fn(&mut Vec<Vec<u8>>)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "trailing byte",
            Box::new(|f| {
                let mut s = content(&f[M3_SIG]);
                s.push(0);
                f[M3_SIG] = encode(0x04, &s);
            }),
        ),
        (
            "r padded with a zero byte",
            Box::new(|f| {
                let (r, s) = sig_parts(&f[M3_SIG]);
                let mut r2 = vec![0u8, 0];
                r2.extend_from_slice(&r);
                f[M3_SIG] = encode(0x04, &sequence(&[encode(0x02, &r2), der_unsigned(&s)]));
            }),
        ),
        (
            "s + n",
            Box::new(|f| {
                let (r, s) = sig_parts(&f[M3_SIG]);
                f[M3_SIG] = sig_of(&r, &add_be(&s, &SM2_N));
            }),
        ),
        (
            "r + n",
            Box::new(|f| {
                let (r, s) = sig_parts(&f[M3_SIG]);
                f[M3_SIG] = sig_of(&add_be(&r, &SM2_N), &s);
            }),
        ),
        (
            "n - s",
            Box::new(|f| {
                let (r, s) = sig_parts(&f[M3_SIG]);
                f[M3_SIG] = sig_of(&r, &sub_be(&SM2_N, &s));
            }),
        ),
        (
            "long-form length",
            Box::new(|f| {
                let s = content(&f[M3_SIG]);
                let mut b = vec![0x30, 0x81];
                b.extend_from_slice(&s[1..]);
                f[M3_SIG] = encode(0x04, &b);
            }),
        ),
    ];
    for (name, mutate) in cases {
        assert_eq!(
            m3_mutated(&cn, &hk, &*mutate),
            Err(BT_RESULT_AUTH_SIGNATURE_INVALID),
            "{name}"
        );
    }
}

const P384_N: [u8; 48] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
    0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
];

/// An ECDSA signature verifies as (r, s) and as (r, n − s) (docs/auth-protocol.md §3):
/// re-encoded in transit it is still the responder's signature over the same
/// transcript, and both sides must end with the same session binding (§5), which is
/// why the binding commits to the transcript and not to the signature bytes.
#[test]
fn ecdsa_high_s_message_2_verifies_and_both_sides_keep_one_binding() {
    let cn = Party::cn();
    let mut outcomes = Vec::new();
    for (chain, key, n) in [
        (TAIPA_CHAIN, TAIPA_KEY, &P256_N[..]),
        (
            "pki/hk/org-kowloon-electronics-chain.pem",
            "pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-kowloon-electronics.key.pem",
            &P384_N[..],
        ),
    ] {
        let responder = Party::with(trust_list_verifier(), chain, key);
        // Unchanged, the handshake works and the bindings agree.
        assert_eq!(m2_mutated(&cn, &responder, &|_| {}), Ok(true), "{chain}");
        let outcome = m2_mutated(&cn, &responder, &|f| {
            let (r, s) = sig_parts(&f[M2_SIG]);
            f[M2_SIG] = sig_of(&r, &sub_be(n, &s));
        });
        outcomes.push((chain, outcome));
    }
    // Accepted (a valid signature by the same key), with one binding on both sides.
    assert!(outcomes.iter().all(|(_, o)| *o == Ok(true)), "{outcomes:?}");
}

/// The same for the initiator's signature in message 3.
#[test]
fn ecdsa_high_s_message_3_verifies_and_both_sides_keep_one_binding() {
    let mo = Party::with(trust_list_verifier(), TAIPA_CHAIN, TAIPA_KEY);
    let hk = Party::hk();
    let (s, m1) = mo.start(NOW).unwrap();
    let (r, m2) = hk.respond(&m1, NOW).unwrap();
    let (p, m3) = s.initiator_finish(&m2, NOW).unwrap();
    let mut f = fields(&m3);
    let (sr, ss) = sig_parts(&f[M3_SIG]);
    f[M3_SIG] = sig_of(&sr, &sub_be(&P256_N, &ss));
    let outcome = r
        .responder_finish(&sequence(&f), NOW)
        .map(|ip| ip.binding() == p.binding());
    assert_eq!(outcome, Ok(true));
}

#[test]
fn signature_algorithm_parameters_changed_in_transit_are_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let m2 = m2_mutated(&cn, &hk, &|f| {
        let oid = fields(&f[M2_ALG])[0].clone();
        f[M2_ALG] = sequence(&[oid]);
    });
    let m3 = m3_mutated(&cn, &hk, &|f| {
        let oid = fields(&f[M3_ALG])[0].clone();
        f[M3_ALG] = sequence(&[oid, encode(0x05, &[])]);
    });
    assert_eq!(
        (m2, m3),
        (
            Err(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED),
            Err(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED)
        )
    );
}

#[test]
fn signature_algorithm_parameters_other_than_null_or_absent_are_refused() {
    let (cn, hk) = (Party::cn(), Party::hk());
    for params in [encode(0x04, b"anything"), encode(0x02, &[0])] {
        let m2 = m2_mutated(&cn, &hk, &|f| {
            let oid = fields(&f[M2_ALG])[0].clone();
            f[M2_ALG] = sequence(&[oid, params.clone()]);
        });
        assert_eq!(m2, Err(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED));
        let m3 = m3_mutated(&cn, &hk, &|f| {
            let oid = fields(&f[M3_ALG])[0].clone();
            f[M3_ALG] = sequence(&[oid, params.clone()]);
        });
        assert_eq!(m3, Err(BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED));
    }
    // An RSA signature with a byte more, at either end.
    for front in [true, false] {
        let m2 = m2_mutated(&cn, &hk, &|f| {
            let mut s = content(&f[M2_SIG]);
            if front {
                s.insert(0, 0);
            } else {
                s.push(0);
            }
            f[M2_SIG] = encode(0x04, &s);
        });
        assert_eq!(m2, Err(BT_RESULT_AUTH_SIGNATURE_INVALID));
    }
}

#[test]
fn the_authenticated_peers_accessors_give_the_validated_entity_and_its_recognition() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (hk_seen, cn_seen) = handshake(&cn, &hk);
    let text =
        |p: &Peer, f: unsafe extern "C" fn(*const bt_auth_peer, *mut *mut c_char) -> bt_result| {
            let mut out = sentinel();
            // SAFETY: a live peer; the string freed once.
            unsafe {
                let code = f(p.0, &mut out);
                if code != BT_RESULT_OK {
                    assert_eq!(out, sentinel());
                    return Err(code);
                }
                let s = CStr::from_ptr(out).to_str().unwrap().to_owned();
                bt_string_free(out);
                Ok(s)
            }
        };
    assert_eq!(
        text(&hk_seen, bt_auth_peer_organisation).as_deref(),
        Ok("Harbour Logistics Limited")
    );
    assert_eq!(
        text(&hk_seen, bt_auth_peer_authorised_person).as_deref(),
        Ok("CHAN Tai Man")
    );
    assert_eq!(text(&cn_seen, bt_auth_peer_org_id).as_deref(), Ok(CN_ID));
    let mut j = 0u32;
    // SAFETY: live peers and valid out-parameters.
    unsafe {
        ok(bt_auth_peer_jurisdiction(hk_seen.0, &mut j));
        assert_eq!(j, bt_jurisdiction::BT_JURISDICTION_HK as u32);
        // Only the wanted out-parameters are written.
        let mut seq = 0u64;
        ok(bt_auth_peer_recognition(
            cn_seen.0,
            &mut j,
            &mut seq,
            ptr::null_mut(),
        ));
        assert_eq!(j, bt_jurisdiction::BT_JURISDICTION_CN as u32);
        assert!(seq > 0);
        let mut service = ptr::null_mut();
        ok(bt_auth_peer_recognition(
            cn_seen.0,
            ptr::null_mut(),
            ptr::null_mut(),
            &mut service,
        ));
        let name = CStr::from_ptr(service).to_str().unwrap().to_owned();
        bt_string_free(service);
        assert!(name.contains("SM2"), "{name}");
    }
    // The JSON names the same binding as the binary accessor.
    let json = text(&hk_seen, bt_auth_peer_json).unwrap();
    let hex: String = hk_seen
        .binding()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(json.contains(&hex), "{json}");
    assert!(json.contains(HK_ID), "{json}");
}

#[test]
fn an_org_id_in_message_1_that_only_normalises_to_the_right_one_is_malformed() {
    let (hk, cn) = (Party::hk(), Party::cn());
    let (_s, m1) = hk.start(NOW).unwrap();
    let mut n = 80;
    for text in [
        "NTRHK-12345678-000",
        "NTRHK-１２３４５６７８",
        "NTRHK-12345678 ",
        "NTRHK-012345678",
        "NTRhk-12345678",
    ] {
        n += 1;
        let evil = replace(&renonced(&m1, n), M1_ID, encode(0x0c, text.as_bytes()));
        assert_eq!(
            cn.respond(&evil, NOW).err(),
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "{text:?}"
        );
        // The same as the expected responder.
        n += 1;
        let mut f = fields(&renonced(&m1, n));
        f.push(encode(0x80, text.as_bytes()));
        assert_eq!(
            cn.respond(&sequence(&f), NOW).err(),
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "{text:?}"
        );
    }
    // The identity as a PrintableString instead of a UTF8String.
    let evil = replace(&renonced(&m1, 99), M1_ID, encode(0x13, HK_ID.as_bytes()));
    assert_eq!(
        cn.respond(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_MESSAGE_MALFORMED)
    );
}

/// How many of `threads` concurrent `respond`s of the same message 1 are answered, over
/// `rounds` fresh messages: (rounds with more than one answer, total answers).
fn concurrent_replays(threads: usize, rounds: usize) -> (usize, usize) {
    let (cn, hk) = (Party::cn(), Party::hk());
    struct Shared<'a>(&'a Party);
    // SAFETY: a responder's verifier, credentials, cache and policy are documented as
    // usable by many threads at once.
    unsafe impl Sync for Shared<'_> {}
    let shared = Shared(&hk);
    let (mut doubled, mut answered) = (0, 0);
    for _ in 0..rounds {
        let (_s, m1) = cn.start(NOW).unwrap();
        let barrier = std::sync::Barrier::new(threads);
        let ok = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let (shared, m1, barrier, ok) = (&shared, &m1, &barrier, &ok);
                scope.spawn(move || {
                    barrier.wait();
                    match shared.0.respond(m1, NOW) {
                        Ok(_) => {
                            ok.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        Err(code) => assert!(
                            matches!(
                                code,
                                BT_RESULT_AUTH_MESSAGE_REPLAYED | BT_RESULT_AUTH_NONCE_REUSED
                            ),
                            "{code:?}"
                        ),
                    }
                });
            }
        });
        let n = ok.into_inner();
        answered += n;
        if n > 1 {
            doubled += 1;
        }
    }
    (doubled, answered)
}

#[test]
fn a_message_1_replayed_concurrently_is_answered_once() {
    let rounds = 100;
    let (doubled, answered) = concurrent_replays(8, rounds);
    assert_eq!(
        (doubled, answered),
        (0, rounds),
        "{doubled} of {rounds} messages were answered more than once"
    );
}

#[test]
fn a_nonce_a_party_issued_as_responder_is_reflected_when_sent_to_it_as_initiator() {
    let (cn, hk, mo) = (Party::cn(), Party::hk(), Party::mo());
    // HK answers CN with its nonce nB.
    let (_s, m1) = cn.start(NOW).unwrap();
    let (_r, m2_to_cn) = hk.respond(&m1, NOW).unwrap();
    // HK then initiates to MO; MO's answer carries nB as its nonce.
    let (s, m1) = hk.start(NOW).unwrap();
    let (_r, m2) = mo.respond(&m1, NOW).unwrap();
    let evil = replace(
        &m2,
        M2_RESPONDER_NONCE,
        fields(&m2_to_cn)[M2_RESPONDER_NONCE].clone(),
    );
    assert_eq!(
        s.initiator_finish(&evil, NOW).err(),
        Some(BT_RESULT_AUTH_REFLECTED)
    );
    assert!(detail().contains("nonce"), "{}", detail());
}

#[test]
fn structural_variants_of_message_1_are_malformed() {
    let (cn, hk) = (Party::cn(), Party::hk());
    expect_peer(cn.policy, Some(HK_ID));
    let (_s, m1) = cn.start(NOW).unwrap();
    let f = fields(&m1);
    let time = 2;
    let mut variants: Vec<(&str, Vec<Vec<u8>>, u8)> = Vec::new();
    let mut v = f.clone();
    v[M1_EXPECTED] = encode(0xa0, &encode(0x0c, HK_ID.as_bytes()));
    variants.push(("expectedResponder constructed [0]", v, 0x30));
    let mut v = f.clone();
    v[M1_EXPECTED] = encode(0x80, b"");
    variants.push(("expectedResponder empty", v, 0x30));
    let mut v = f.clone();
    v.swap(M1_NONCE, time);
    variants.push(("nonce and time swapped", v, 0x30));
    let mut v = f.clone();
    v.push(encode(0x02, &[5]));
    variants.push(("an extra INTEGER at the end", v, 0x30));
    let mut v = f.clone();
    v.push(encode(0x81, b"x"));
    variants.push(("an extra [1] at the end", v, 0x30));
    variants.push(("a SET, not a SEQUENCE", f.clone(), 0x31));
    let mut v = f.clone();
    v[M1_CHAIN][0] = 0x31;
    variants.push(("the chain a SET", v, 0x30));
    let mut v = f.clone();
    v[time] = encode(0x02, &[0, 0x6a, 0x25, 0x1b, 0x80]);
    variants.push(("time with a needless leading zero", v, 0x30));
    let mut v = f.clone();
    v[time] = encode(0x02, &[1, 0, 0, 0, 0, 0, 0, 0, 0]);
    variants.push(("time beyond int64", v, 0x30));
    let mut v = f.clone();
    v[M1_NONCE][0] = 0x24;
    variants.push(("the nonce a constructed OCTET STRING", v, 0x30));
    let mut v = f.clone();
    v[M1_ID][0] = 0x1e;
    variants.push(("the identity a BMPString", v, 0x30));
    let mut v = f;
    v.remove(M1_ID);
    variants.push(("no identity", v, 0x30));
    for (n, (name, parts, tag)) in variants.into_iter().enumerate() {
        let mut parts = parts;
        if !name.contains("swapped") && !name.contains("nonce a constructed") {
            parts[M1_NONCE] = encode(0x04, &[n as u8 + 120; 32]);
        }
        let evil = encode(tag, &parts.concat());
        assert_eq!(
            hk.respond(&evil, NOW).err(),
            Some(BT_RESULT_AUTH_MESSAGE_MALFORMED),
            "{name}: {}",
            detail()
        );
    }
}

/// The DER certificates of a PEM bundle in the test PKI.
fn pem_certificates(relative: &str) -> Vec<Vec<u8>> {
    let text = String::from_utf8(testdata(relative)).unwrap();
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    text.split("-----BEGIN CERTIFICATE-----")
        .skip(1)
        .map(|block| {
            let body = block.split("-----END CERTIFICATE-----").next().unwrap();
            let digits: Vec<u32> = body.bytes().filter_map(value).collect();
            let mut out = Vec::new();
            for chunk in digits.chunks(4) {
                let n =
                    chunk.iter().fold(0u32, |acc, &d| (acc << 6) | d) << (6 * (4 - chunk.len()));
                let bytes = n.to_be_bytes();
                out.extend_from_slice(&bytes[1..chunk.len()]);
            }
            out
        })
        .collect()
}

#[test]
fn a_chain_of_eight_decoy_or_explosion_certificates_is_refused_quickly() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let (_s, m1) = cn.start(NOW).unwrap();
    let leaf = pem_certificates("pki/edge/path-explosion-leaf.pem");
    let pool = pem_certificates("pki/edge/path-explosion-pool.pem");
    let decoys = pem_certificates("pki/edge/decoy-issuers-50.pem");
    assert_eq!((leaf.len(), pool.len(), decoys.len()), (1, 20, 50));
    let own_leaf = fields(&fields(&m1)[M1_CHAIN])[0].clone();
    for (n, (first, rest)) in [
        (encode(0x04, &leaf[0]), &pool),
        (own_leaf.clone(), &decoys),
        (own_leaf, &pool),
    ]
    .into_iter()
    .enumerate()
    {
        let mut chain = vec![first];
        chain.extend(rest.iter().rev().take(7).map(|c| encode(0x04, c)));
        let evil = replace(&renonced(&m1, 200 + n as u8), M1_CHAIN, sequence(&chain));
        let t = Instant::now();
        let code = hk.respond(&evil, NOW).err();
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "{n}: {:?}",
            t.elapsed()
        );
        // The explosion leaf's issuers are listed nowhere; the CN leaf is validated
        // through the issuing CA its trust list names, the extra certificates unused.
        let want = [Some(BT_RESULT_AUTH_PEER_NOT_RECOGNISED), None, None];
        assert_eq!(code, want[n], "{n}: {}", detail());
    }
}

/// A fixed-seed xorshift: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_multi_byte_mutations_of_each_message_never_authenticate_nor_fail_inside() {
    let (cn, hk) = (Party::cn(), Party::hk());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut codes = std::collections::BTreeMap::new();
    for round in 0..300 {
        let which = 1 + (round % 3) as u8;
        let ops: Vec<(usize, usize, u8)> = (0..1 + rng.below(4))
            .map(|_| (rng.below(3), rng.below(1 << 16), rng.next() as u8))
            .collect();
        let code = mutated_handshake(&cn, &hk, which, &|m: &mut Vec<u8>| {
            let original = m.clone();
            for &(op, at, byte) in &ops {
                let at = at % m.len();
                match op {
                    0 => m[at] ^= byte | 1,
                    1 => m.insert(at, byte),
                    _ => {
                        m.remove(at);
                    }
                }
            }
            if *m == original {
                // The operations cancelled out: change something after all.
                let last = m.len() - 1;
                m[last] ^= 1;
            }
        });
        assert_ne!(code, BT_RESULT_OK, "round {round}: {ops:?} authenticated");
        assert_eq!(code as u32 / 100, 4, "round {round}: {code:?} {}", detail());
        *codes.entry(format!("{which}:{code:?}")).or_insert(0) += 1;
    }
    // Most mutations break the DER; some reach the signature check.
    assert!(codes.keys().any(|k| k.ends_with("MALFORMED")), "{codes:?}");
}
