//! `baytrust::auth`: the three-pass mutual authentication between legal entities of
//! different jurisdictions, and every rejection with its exact error.

#[path = "support/auth_fixture.rs"]
mod auth_fixture;
#[path = "support/auth_wire.rs"]
mod auth_wire;

use auth_fixture::*;
use auth_wire::{decode, encode, octets};
use baytrust::{
    AuthPolicy, Credentials, Error, Initiator, Jurisdiction, Message1, Message2, Message3, OrgId,
    ReplayCache, Responder, SubIndication, SystemNonceSource,
};
use sha2::Digest;

fn org(text: &str) -> OrgId {
    OrgId::read_canonical(text).unwrap()
}

#[test]
fn every_directed_pair_of_jurisdictions_authenticates_both_ways() {
    let parties = [cn_sm2(), hk_rsa(), mo_rsa()];
    for a in &parties {
        for b in &parties {
            if std::ptr::eq(a, b) {
                continue;
            }
            let (cache_a, cache_b) = (cache(), cache());
            let initiator = Initiator::new(verifier(), a, &cache_a);
            let responder = Responder::new(verifier(), b, &cache_b);
            let session = run_session(
                &initiator,
                &responder,
                &mut SystemNonceSource,
                &mut SystemNonceSource,
            )
            .unwrap_or_else(|e| panic!("{} → {}: {e}", a.org_id(), b.org_id()));
            assert_eq!(&session.responder.entity.org_id, b.org_id());
            assert_eq!(&session.initiator.entity.org_id, a.org_id());
            assert_eq!(
                session.responder.recognition.as_ref().unwrap().jurisdiction,
                b.org_id().jurisdiction()
            );
            assert_eq!(
                session.initiator.recognition.as_ref().unwrap().jurisdiction,
                a.org_id().jurisdiction()
            );
            assert!(session.responder.chain_report.valid);
            assert_eq!(
                session.responder.session_binding,
                session.initiator.session_binding
            );
        }
    }
}

#[test]
fn every_signature_algorithm_authenticates_against_an_sm2_party() {
    let sm2 = cn_sm2();
    for other in [
        credentials("cn", "org-shenzhen-bay-supply", "cn"), // RSA-2048
        credentials("cn", "org-guangzhou-trading", "cn"),   // ECDSA P-256
        credentials("hk", "org-kowloon-electronics", "hk"), // ECDSA P-384
        credentials("hk", "org-overseas-branch", "hk"),     // Ed25519
        credentials("mo", "org-taipa-foods", "mo"),         // ECDSA P-256
    ] {
        for (a, b) in [(&sm2, &other), (&other, &sm2)] {
            let (cache_a, cache_b) = (cache(), cache());
            let session = run_session(
                &Initiator::new(verifier(), a, &cache_a),
                &Responder::new(verifier(), b, &cache_b),
                &mut SystemNonceSource,
                &mut SystemNonceSource,
            )
            .unwrap_or_else(|e| panic!("{} → {}: {e}", a.org_id(), b.org_id()));
            assert_eq!(&session.responder.entity.org_id, b.org_id());
            assert_eq!(&session.initiator.entity.org_id, a.org_id());
        }
    }
}

/// The transcript and session binding recomputed from the specification's ASN.1
/// module alone (tests/support/auth_wire.rs) equal what both parties computed.
#[test]
fn session_binding_is_sha256_of_the_specified_der() {
    let (a, b) = (cn_sm2(), hk_rsa());
    let (cache_a, cache_b) = (cache(), cache());
    let session = run_session(
        &Initiator::new(verifier(), &a, &cache_a),
        &Responder::new(verifier(), &b, &cache_b),
        &mut CountingNonces(0),
        &mut CountingNonces(100),
    )
    .unwrap();
    let m1: auth_wire::Message1 = decode(session.message1.as_bytes());
    let m2: auth_wire::Message2 = decode(session.message2.as_bytes());
    let m3: auth_wire::Message3 = decode(session.message3.as_bytes());
    let chain_hash =
        |chain: &Vec<der::asn1::OctetString>| sha2::Sha256::digest(encode(chain)).to_vec();
    let transcript = auth_wire::Transcript {
        label: "baytrust-auth".into(),
        version: 1,
        initiator_nonce: m1.initiator_nonce.clone(),
        responder_nonce: m2.responder_nonce.clone(),
        initiator_id: m1.initiator_id.clone(),
        responder_id: m2.responder_id.clone(),
        initiator_chain_hash: octets(&chain_hash(&m1.initiator_chain)),
        responder_chain_hash: octets(&chain_hash(&m2.responder_chain)),
        initiator_time: m1.initiator_time,
        responder_time: m2.responder_time,
        expected_responder: None,
    };
    let binding = sha2::Sha256::digest(encode(&auth_wire::SessionBindingInput {
        label: "baytrust-auth session binding".into(),
        transcript,
    }));
    assert_eq!(binding.as_slice(), session.initiator.session_binding);
    assert_eq!(binding.as_slice(), session.responder.session_binding);
    assert_eq!(m1.initiator_id, "NTRCN-91110000600037341L");
    assert_eq!(m2.responder_id, "NTRHK-12345678");
    assert_eq!(m1.initiator_nonce.as_bytes(), [1u8; 32]);
    assert_eq!(m2.responder_nonce.as_bytes(), [101u8; 32]);
    assert_eq!(m2.initiator_nonce, m1.initiator_nonce);
    assert_eq!(m3.initiator_nonce, m1.initiator_nonce);
    assert_eq!(m3.responder_nonce, m2.responder_nonce);
}

// ---- helpers for the rejections --------------------------------------------------

fn edit1(message: &Message1, edit: impl FnOnce(&mut auth_wire::Message1)) -> Vec<u8> {
    let mut wire: auth_wire::Message1 = decode(message.as_bytes());
    edit(&mut wire);
    encode(&wire)
}

fn edit2(message: &Message2, edit: impl FnOnce(&mut auth_wire::Message2)) -> Vec<u8> {
    let mut wire: auth_wire::Message2 = decode(message.as_bytes());
    edit(&mut wire);
    encode(&wire)
}

fn edit3(message: &Message3, edit: impl FnOnce(&mut auth_wire::Message3)) -> Vec<u8> {
    let mut wire: auth_wire::Message3 = decode(message.as_bytes());
    edit(&mut wire);
    encode(&wire)
}

fn chain_of(credentials: &Credentials) -> Vec<der::asn1::OctetString> {
    credentials
        .chain()
        .iter()
        .map(|c| octets(c.as_ref()))
        .collect()
}

// ---- replay, reuse, reflection -----------------------------------------------------

#[test]
fn a_replayed_message_1_is_refused_as_a_replay() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (_waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let first = responder.respond(&message1, later(1), &mut SystemNonceSource);
    assert!(first.is_ok());
    let error = responder
        .respond(&message1, later(2), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthMessageReplayed {
            message: "message 1"
        }
    );
}

#[test]
fn a_message_1_reusing_a_nonce_is_refused() {
    let (a, b, cache_b) = (cn_sm2(), hk_rsa(), cache());
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (cache_1, cache_2) = (cache(), cache());
    let (_w1, first) = Initiator::new(verifier(), &a, &cache_1)
        .start(now(), &mut CountingNonces(0))
        .unwrap();
    let (_w2, second) = Initiator::new(verifier(), &a, &cache_2)
        .start(later(1), &mut CountingNonces(0))
        .unwrap();
    assert_ne!(first.as_bytes(), second.as_bytes());
    let _session = responder
        .respond(&first, later(1), &mut SystemNonceSource)
        .unwrap();
    let error = responder
        .respond(&second, later(2), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthNonceReused {
            nonce: "01".repeat(32)
        }
    );
}

#[test]
fn a_message_2_reflecting_the_initiators_nonce_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let nonce = decode::<auth_wire::Message1>(message1.as_bytes()).initiator_nonce;
    let reflected = edit2(&message2, |m| m.responder_nonce = nonce);
    let error = waiting
        .finish(&Message2::from_der(&reflected).unwrap(), later(2))
        .unwrap_err();
    assert_eq!(error, Error::AuthReflected { field: "nonce" });
}

#[test]
fn a_message_1_carrying_a_nonce_the_responder_issued_is_refused() {
    let (a, b, cache_b) = (cn_sm2(), hk_rsa(), cache());
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (cache_1, cache_2) = (cache(), cache());
    let (_w, honest) = Initiator::new(verifier(), &a, &cache_1)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    // The responder issues nonce 0x65… (CountingNonces(100) → 101).
    let _session = responder
        .respond(&honest, later(1), &mut CountingNonces(100))
        .unwrap();
    let (_w, reflecting) = Initiator::new(verifier(), &a, &cache_2)
        .start(later(1), &mut CountingNonces(100))
        .unwrap();
    let error = responder
        .respond(&reflecting, later(2), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(error, Error::AuthReflected { field: "nonce" });
}

#[test]
fn a_message_2_reflecting_the_initiators_certificate_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let reflected = edit2(&message2, |m| {
        m.responder_chain = chain_of(&a);
        m.responder_id = a.org_id().canonical();
    });
    let error = waiting
        .finish(&Message2::from_der(&reflected).unwrap(), later(2))
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthReflected {
            field: "certificate"
        }
    );
}

#[test]
fn a_message_1_presenting_the_responders_own_certificate_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let reflected = edit1(&message1, |m| {
        m.initiator_chain = chain_of(&b);
        m.initiator_id = b.org_id().canonical();
    });
    let error = Responder::new(verifier(), &b, &cache_b)
        .respond(
            &Message1::from_der(&reflected).unwrap(),
            later(1),
            &mut SystemNonceSource,
        )
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthReflected {
            field: "certificate"
        }
    );
}

/// The signatures carry their role: the responder's signature of message 2, put into
/// message 3 by a responder-side attacker, does not verify as the initiator's even when
/// both parties use the same certificate key (here: a party talking to itself).
#[test]
fn a_responders_signature_does_not_pass_as_the_initiators() {
    let (a, cache_a, cache_b) = (cn_sm2(), cache(), cache());
    let b = cn_sm2();
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (_waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    // The same certificate on both sides is refused as a reflection first…
    let error = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthReflected {
            field: "certificate"
        }
    );
    // …and across two different parties the responder's signature, moved into
    // message 3, is checked against the initiator's key over the initiator's role.
    let (a, b, cache_a, cache_b) = (hk_rsa(), mo_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (confirming, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_peer, message3) = waiting.finish(&message2, later(2)).unwrap();
    let responder_signature = decode::<auth_wire::Message2>(message2.as_bytes()).signature;
    let moved = edit3(&message3, |m| m.signature = responder_signature);
    let error = confirming
        .finish(&Message3::from_der(&moved).unwrap(), later(3))
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthSignatureInvalid {
            role: "initiator",
            cause: Box::new(Error::SignatureInvalid)
        }
    );
}

// ---- sessions ----------------------------------------------------------------------

#[test]
fn a_message_2_of_another_session_is_refused_and_after_use_is_a_replay() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting_a, m1_a) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (waiting_b, m1_b) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_ca, m2_a) = responder
        .respond(&m1_a, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_cb, m2_b) = responder
        .respond(&m1_b, later(1), &mut SystemNonceSource)
        .unwrap();
    let error = waiting_a.finish(&m2_b, later(2)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthSessionMismatch {
            message: "message 2",
            field: "initiator nonce"
        }
    );
    // Session A's state is spent; B uses its own message 2, then A's is a replay to
    // any later session of this initiator.
    let (waiting_c, _m1_c) = initiator.start(later(2), &mut SystemNonceSource).unwrap();
    waiting_b.finish(&m2_b, later(2)).unwrap();
    let error = waiting_c.finish(&m2_b, later(3)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthMessageReplayed {
            message: "message 2"
        }
    );
    let _ = m2_a;
}

#[test]
fn a_message_3_of_another_session_is_refused() {
    let (a, b, cache_a, cache_b) = (hk_rsa(), mo_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting_a, m1_a) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (waiting_b, m1_b) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (confirming_a, m2_a) = responder
        .respond(&m1_a, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_cb, m2_b) = responder
        .respond(&m1_b, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_pa, _m3_a) = waiting_a.finish(&m2_a, later(2)).unwrap();
    let (_pb, m3_b) = waiting_b.finish(&m2_b, later(2)).unwrap();
    let error = confirming_a.finish(&m3_b, later(3)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthSessionMismatch {
            message: "message 3",
            field: "initiator nonce"
        }
    );
}

#[test]
fn a_full_replay_cache_refuses_new_sessions_until_entries_expire() {
    let (a, b, cache_a) = (hk_rsa(), mo_rsa(), cache());
    let small = ReplayCache::new(3);
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &small);
    let (_w, first) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let _session = responder
        .respond(&first, now(), &mut SystemNonceSource)
        .unwrap();
    assert_eq!(small.len(), 3);
    let (_w, second) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let error = responder
        .respond(&second, now(), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(error, Error::AuthReplayCacheFull { capacity: 3 });
    // Entries live twice the skew (600 s) past their time.
    let (_w, third) = initiator.start(later(601), &mut SystemNonceSource).unwrap();
    let _session = responder
        .respond(&third, later(601), &mut SystemNonceSource)
        .unwrap();
}

// ---- time ----------------------------------------------------------------------------

#[test]
fn a_message_1_outside_the_skew_is_refused_either_way() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (_w, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    for at in [later(301), later(-301)] {
        let error = responder
            .respond(&message1, at, &mut SystemNonceSource)
            .unwrap_err();
        assert_eq!(
            error,
            Error::AuthTimestampOutOfSkew {
                message: "message 1",
                time: now(),
                now: at,
                skew_seconds: 300
            }
        );
    }
    // Within the skew it passes.
    let _session = responder
        .respond(&message1, later(300), &mut SystemNonceSource)
        .unwrap();
}

#[test]
fn a_message_2_outside_the_skew_and_a_late_message_3_are_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let error = waiting.finish(&message2, later(400)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthTimestampOutOfSkew {
            message: "message 2",
            time: later(1),
            now: later(400),
            skew_seconds: 300
        }
    );
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (confirming, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_p, message3) = waiting.finish(&message2, later(2)).unwrap();
    let error = confirming.finish(&message3, later(302)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthTimestampOutOfSkew {
            message: "message 3",
            time: later(1),
            now: later(302),
            skew_seconds: 300
        }
    );
}

// ---- tampering and signatures -------------------------------------------------------

#[test]
fn a_tampered_message_2_field_fails_the_responders_signature() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let tampered = edit2(&message2, |m| m.responder_time += 1);
    let error = waiting
        .finish(&Message2::from_der(&tampered).unwrap(), later(2))
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthSignatureInvalid {
            role: "responder",
            cause: Box::new(Error::SignatureInvalid)
        }
    );
}

#[test]
fn a_message_1_tampered_in_transit_is_caught_by_the_initiator() {
    let (a, b, cache_a, cache_b) = (hk_rsa(), cn_sm2(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let tampered = edit1(&message1, |m| m.initiator_time -= 1);
    let (_c, message2) = responder
        .respond(
            &Message1::from_der(&tampered).unwrap(),
            later(1),
            &mut SystemNonceSource,
        )
        .unwrap();
    let error = waiting.finish(&message2, later(2)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthSignatureInvalid {
            role: "responder",
            cause: Box::new(Error::SignatureInvalid)
        }
    );
}

#[test]
fn a_tampered_message_3_signature_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (confirming, message2) = responder
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_p, message3) = waiting.finish(&message2, later(2)).unwrap();
    let tampered = edit3(&message3, |m| {
        let mut signature = m.signature.as_bytes().to_vec();
        *signature.last_mut().unwrap() ^= 1;
        m.signature = octets(&signature);
    });
    let error = confirming
        .finish(&Message3::from_der(&tampered).unwrap(), later(3))
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthSignatureInvalid {
            role: "initiator",
            cause: Box::new(Error::SignatureInvalid)
        }
    );
}

#[test]
fn a_signature_of_another_session_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    let (waiting, m1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_w, m1_other) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, m2) = responder
        .respond(&m1, later(1), &mut SystemNonceSource)
        .unwrap();
    let (_c, m2_other) = responder
        .respond(&m1_other, later(1), &mut SystemNonceSource)
        .unwrap();
    let other_signature = decode::<auth_wire::Message2>(m2_other.as_bytes()).signature;
    let spliced = edit2(&m2, |m| m.signature = other_signature);
    let error = waiting
        .finish(&Message2::from_der(&spliced).unwrap(), later(2))
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthSignatureInvalid {
            role: "responder",
            cause: Box::new(Error::SignatureInvalid)
        }
    );
}

#[test]
fn a_signature_algorithm_that_does_not_fit_the_key_or_is_refused_is_named() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    for (oid, cause_kind) in [
        ("1.2.840.10045.4.3.2", "AlgorithmKeyMismatch"), // ECDSA for an RSA key
        ("1.2.840.113549.1.1.5", "Sha1Refused"),         // sha1WithRSAEncryption
        ("1.2.3.4", "UnsupportedSignatureAlgorithm"),
    ] {
        let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
        let (_c, message2) = responder
            .respond(&message1, later(1), &mut SystemNonceSource)
            .unwrap();
        let swapped = edit2(&message2, |m| {
            m.signature_algorithm = x509_cert::spki::AlgorithmIdentifierOwned {
                oid: oid.parse().unwrap(),
                parameters: None,
            }
        });
        let error = waiting
            .finish(&Message2::from_der(&swapped).unwrap(), later(2))
            .unwrap_err();
        match &error {
            Error::AuthSignatureAlgorithmRefused {
                role: "responder",
                algorithm,
                cause,
            } => {
                assert_eq!(algorithm, oid);
                assert_eq!(cause.kind(), cause_kind, "{error}");
            }
            other => panic!("{oid}: {other:?}"),
        }
    }
}

// ---- recognition and identity --------------------------------------------------------

#[test]
fn a_responder_not_accepting_the_initiators_list_refuses_it_with_the_reports_reason() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let mo_only = verifier_accepting(&[Jurisdiction::Mo]);
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let error = Responder::new(&mo_only, &b, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    match error {
        Error::AuthPeerNotRecognised {
            sub_indication,
            error_kind,
            reason,
        } => {
            assert_eq!(sub_indication, Some(SubIndication::NotRecognised));
            assert_eq!(error_kind, "NotRecognised");
            assert!(reason.starts_with("not recognised"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_initiator_not_accepting_the_responders_list_refuses_it() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let cn_only = verifier_accepting(&[Jurisdiction::Cn]);
    let (waiting, message1) = Initiator::new(&cn_only, &a, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let (_c, message2) = Responder::new(verifier(), &b, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    let error = waiting.finish(&message2, later(2)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::AuthPeerNotRecognised {
                sub_indication: Some(SubIndication::NotRecognised),
                error_kind: "NotRecognised",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn an_expired_peer_certificate_is_refused_as_out_of_bounds() {
    let (b, cache_a, cache_b) = (hk_rsa(), cache(), cache());
    let expired = {
        let chain =
            baytrust::decode_certificates(&read("testdata/pki/edge/expired-chain.pem")).unwrap();
        let key = baytrust::SigningKey::from_pkcs8_pem(&read(
            "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/edge-expired.key.pem",
        ))
        .unwrap();
        Credentials::new(chain, key).unwrap()
    };
    let (_w, message1) = Initiator::new(verifier(), &expired, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let error = Responder::new(verifier(), &b, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::AuthPeerNotRecognised {
                sub_indication: Some(SubIndication::OutOfBoundsNoPoe),
                error_kind: "CertificateExpired",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_responder_whose_key_usage_forbids_signatures_is_refused() {
    let (a, cache_a, cache_b) = (cn_sm2(), cache(), cache());
    let no_signing = {
        let chain = baytrust::decode_certificates(&read(
            "testdata/pki/edge/no-signing-key-usage-chain.pem",
        ))
        .unwrap();
        let key = baytrust::SigningKey::from_pkcs8_pem(&read(
            "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/edge-no-signing-key-usage.key.pem",
        ))
        .unwrap();
        Credentials::new(chain, key).unwrap()
    };
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let (waiting, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
    let (_c, message2) = Responder::new(verifier(), &no_signing, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap();
    // keyEncipherment passes the server purpose, but the protocol signs.
    let error = waiting.finish(&message2, later(2)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::AuthPeerNotRecognised {
                sub_indication: Some(SubIndication::ChainConstraintsFailure),
                error_kind: "LeafKeyUsageMissing",
                ..
            }
        ),
        "{error:?}"
    );
    // As an initiator it already fails the client purpose.
    let cache_c = cache();
    let (_w, message1) = Initiator::new(verifier(), &no_signing, &cache_c)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let error = Responder::new(verifier(), &a, &cache())
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::AuthPeerNotRecognised {
                sub_indication: Some(SubIndication::ChainConstraintsFailure),
                error_kind: "LeafKeyUsageMissing",
                ..
            }
        ),
        "{error:?}"
    );
}

/// An impostor claiming Harbour Logistics' BRN with a certificate of its own making
/// (an unlisted CA) is not recognised.
#[test]
fn an_impostor_under_an_unlisted_ca_is_refused() {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CountryName, "HK");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "Harbour Logistics Limited");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationalUnitName, "BRN 12345678-000");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "CHAN Tai Man");
    params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    let key = rcgen::KeyPair::generate().unwrap();
    let certificate = params.self_signed(&key).unwrap();
    let impostor = Credentials::new(
        vec![baytrust::CertificateDer::from_vec(
            certificate.der().to_vec(),
        )],
        baytrust::SigningKey::from_pkcs8_der(&key.serialize_der()).unwrap(),
    )
    .unwrap();
    assert_eq!(impostor.org_id().canonical(), "NTRHK-12345678");
    let (b, cache_a, cache_b) = (cn_sm2(), cache(), cache());
    let (_w, message1) = Initiator::new(verifier(), &impostor, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let error = Responder::new(verifier(), &b, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::AuthPeerNotRecognised {
                sub_indication: Some(SubIndication::NoCertificateChainFound),
                error_kind: "UnknownIssuer",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_responder_other_than_the_one_expected_refuses_message_1() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let policy = AuthPolicy {
        expected_peer: Some(org("NTRHK-87654321")),
        ..AuthPolicy::default()
    };
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .with_policy(policy)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    assert_eq!(message1.expected_responder(), Some(&org("NTRHK-87654321")));
    let error = Responder::new(verifier(), &b, &cache_b)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthIdentityUnexpected {
            expected: "NTRHK-87654321".into(),
            found: "NTRHK-12345678".into()
        }
    );
}

#[test]
fn an_initiator_expecting_another_responder_refuses_message_2_even_if_the_expectation_was_stripped()
{
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let policy = AuthPolicy {
        expected_peer: Some(org("NTRMO-40321")),
        ..AuthPolicy::default()
    };
    let (waiting, message1) = Initiator::new(verifier(), &a, &cache_a)
        .with_policy(policy)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let stripped = edit1(&message1, |m| m.expected_responder = None);
    let (_c, message2) = Responder::new(verifier(), &b, &cache_b)
        .respond(
            &Message1::from_der(&stripped).unwrap(),
            later(1),
            &mut SystemNonceSource,
        )
        .unwrap();
    let error = waiting.finish(&message2, later(2)).unwrap_err();
    assert_eq!(
        error,
        Error::AuthIdentityUnexpected {
            expected: "NTRMO-40321".into(),
            found: "NTRHK-12345678".into()
        }
    );
}

#[test]
fn a_responder_expecting_another_initiator_refuses_it() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let policy = AuthPolicy {
        expected_peer: Some(org("NTRMO-40321")),
        ..AuthPolicy::default()
    };
    let error = Responder::new(verifier(), &b, &cache_b)
        .with_policy(policy)
        .respond(&message1, later(1), &mut SystemNonceSource)
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthIdentityUnexpected {
            expected: "NTRMO-40321".into(),
            found: "NTRCN-91110000600037341L".into()
        }
    );
}

#[test]
fn an_identity_claim_other_than_the_certificates_is_refused() {
    let (a, b, cache_a, cache_b) = (cn_sm2(), hk_rsa(), cache(), cache());
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .start(now(), &mut SystemNonceSource)
        .unwrap();
    let lying = edit1(&message1, |m| {
        m.initiator_id = "NTRCN-914403001922038216".into()
    });
    let error = Responder::new(verifier(), &b, &cache_b)
        .respond(
            &Message1::from_der(&lying).unwrap(),
            later(1),
            &mut SystemNonceSource,
        )
        .unwrap_err();
    assert_eq!(
        error,
        Error::AuthIdentityClaimMismatch {
            claimed: "NTRCN-914403001922038216".into(),
            validated: "NTRCN-91110000600037341L".into()
        }
    );
}

// ---- encoding --------------------------------------------------------------------------

fn honest_message1() -> Message1 {
    let (a, cache_a) = (cn_sm2(), cache());
    let (_w, message1) = Initiator::new(verifier(), &a, &cache_a)
        .start(now(), &mut CountingNonces(0))
        .unwrap();
    message1
}

#[test]
fn an_oversize_message_is_refused_before_decoding() {
    let big = vec![0x30; 64 * 1024 + 1];
    assert_eq!(
        Message1::from_der(&big).unwrap_err(),
        Error::AuthMessageTooLarge {
            message: "message 1",
            len: 64 * 1024 + 1,
            max: 64 * 1024
        }
    );
    assert!(matches!(
        Message2::from_der(&big).unwrap_err(),
        Error::AuthMessageTooLarge {
            message: "message 2",
            ..
        }
    ));
    assert!(matches!(
        Message3::from_der(&big).unwrap_err(),
        Error::AuthMessageTooLarge {
            message: "message 3",
            ..
        }
    ));
}

#[test]
fn a_chain_of_more_than_eight_certificates_is_refused() {
    let message1 = honest_message1();
    let nine = edit1(&message1, |m| {
        let first = m.initiator_chain[0].clone();
        m.initiator_chain = vec![first; 9];
    });
    assert_eq!(
        Message1::from_der(&nine).unwrap_err(),
        Error::AuthTooManyCertificates {
            message: "message 1",
            max: 8
        }
    );
    // 20,000 empty elements fit in the size cap; they are counted, not collected.
    let many = edit1(&message1, |m| m.initiator_chain = vec![octets(&[]); 20_000]);
    assert!(many.len() < 64 * 1024);
    assert_eq!(
        Message1::from_der(&many).unwrap_err(),
        Error::AuthTooManyCertificates {
            message: "message 1",
            max: 8
        }
    );
}

#[test]
fn malformed_messages_are_refused_with_the_reason() {
    let message1 = honest_message1();
    let malformed = |bytes: &[u8]| match Message1::from_der(bytes) {
        Err(Error::AuthMessageMalformed { message, reason }) => {
            assert_eq!(message, "message 1");
            reason
        }
        other => panic!("{other:?}"),
    };
    malformed(b"hello");
    malformed(&[]);
    let mut trailing = message1.as_bytes().to_vec();
    trailing.push(0);
    malformed(&trailing);
    let short_nonce = edit1(&message1, |m| m.initiator_nonce = octets(&[1; 31]));
    assert!(malformed(&short_nonce).contains("31 bytes"));
    let empty_chain = edit1(&message1, |m| m.initiator_chain.clear());
    assert!(malformed(&empty_chain).contains("empty"));
    let long_form = edit1(&message1, |m| m.initiator_id = "NTRHK-12345678-000".into());
    malformed(&long_form);
    let bad_check = edit1(&message1, |m| {
        m.initiator_id = "NTRCN-91350100M000100Y4Z".into()
    });
    malformed(&bad_check);
    // Message 1 given where message 2 or 3 is expected.
    assert!(matches!(
        Message2::from_der(message1.as_bytes()),
        Err(Error::AuthMessageMalformed { .. })
    ));
    assert!(matches!(
        Message3::from_der(message1.as_bytes()),
        Err(Error::AuthMessageMalformed { .. })
    ));
}

#[test]
fn another_protocol_version_is_named_as_such() {
    let message1 = honest_message1();
    let v2 = edit1(&message1, |m| m.version = 2);
    assert_eq!(
        Message1::from_der(&v2).unwrap_err(),
        Error::AuthVersionUnsupported {
            message: "message 1",
            version: 2,
            supported: 1
        }
    );
    // A later version may change the structure: the version is read first.
    let mut future = vec![0x30, 0x05, 0x02, 0x01, 0x02, 0x05, 0x00];
    future[1] = 5;
    assert_eq!(
        Message1::from_der(&future).unwrap_err(),
        Error::AuthVersionUnsupported {
            message: "message 1",
            version: 2,
            supported: 1
        }
    );
}

#[test]
fn credentials_refuse_a_key_of_another_certificate_and_an_empty_chain() {
    let chain =
        baytrust::decode_certificates(&read("testdata/pki/hk/org-harbour-logistics-chain.pem"))
            .unwrap();
    let other_key = baytrust::SigningKey::from_pkcs8_pem(&read(
        "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/mo-org-cotai-trading.key.pem",
    ))
    .unwrap();
    assert!(matches!(
        Credentials::new(chain, other_key),
        Err(Error::SignerKeyMismatch { .. })
    ));
    let key = baytrust::SigningKey::from_pkcs8_pem(&read(
        "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem",
    ))
    .unwrap();
    assert!(matches!(
        Credentials::new(Vec::new(), key),
        Err(Error::AuthCredentialsInvalid { .. })
    ));
}

/// One responder, one replay cache, sessions from several threads at once: every
/// session completes, and the cache holds the three entries of each.
#[test]
fn one_replay_cache_serves_concurrent_sessions() {
    let (b, cache_b) = (hk_rsa(), cache());
    let responder = Responder::new(verifier(), &b, &cache_b);
    let initiators = [cn_sm2(), mo_rsa(), cn_sm2(), mo_rsa()];
    std::thread::scope(|scope| {
        for a in &initiators {
            let responder = responder.clone();
            scope.spawn(move || {
                let cache_a = cache();
                let session = run_session(
                    &Initiator::new(verifier(), a, &cache_a),
                    &responder,
                    &mut SystemNonceSource,
                    &mut SystemNonceSource,
                )
                .unwrap();
                assert_eq!(&session.initiator.entity.org_id, a.org_id());
            });
        }
    });
    assert_eq!(cache_b.len(), 3 * initiators.len());
}

#[test]
fn extreme_and_non_der_times_and_versions_are_refused_without_panic() {
    let message1 = honest_message1();
    let (b, cache_b) = (hk_rsa(), cache());
    let responder = Responder::new(verifier(), &b, &cache_b);
    for time in [i64::MIN, i64::MAX, 0] {
        let extreme = edit1(&message1, |m| m.initiator_time = time);
        let error = responder
            .respond(
                &Message1::from_der(&extreme).unwrap(),
                now(),
                &mut SystemNonceSource,
            )
            .unwrap_err();
        assert!(
            matches!(error, Error::AuthTimestampOutOfSkew { .. }),
            "{time}: {error:?}"
        );
    }
    // version 1 as a non-minimal INTEGER (02 02 00 01) is not DER.
    let mut non_minimal = message1.as_bytes().to_vec();
    let header = if non_minimal[1] & 0x80 != 0 {
        2 + usize::from(non_minimal[1] & 0x7f)
    } else {
        2
    };
    assert_eq!(&non_minimal[header..header + 3], &[0x02, 0x01, 0x01]);
    non_minimal.splice(header..header + 3, [0x02, 0x02, 0x00, 0x01]);
    // Keep the outer length right (two length octets), so only the INTEGER is wrong.
    assert_eq!(non_minimal[1], 0x82);
    let length = u16::from_be_bytes([non_minimal[2], non_minimal[3]]) + 1;
    non_minimal[2..4].copy_from_slice(&length.to_be_bytes());
    assert!(matches!(
        Message1::from_der(&non_minimal),
        Err(Error::AuthMessageMalformed { .. })
    ));
    // BER indefinite length is not DER either.
    assert!(matches!(
        Message1::from_der(&[0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00]),
        Err(Error::AuthMessageMalformed { .. })
    ));
}

#[test]
fn a_random_source_repeating_a_nonce_is_refused_and_records_nothing_more() {
    let a = cn_sm2();
    let shared = cache();
    let initiator = Initiator::new(verifier(), &a, &shared);
    // Two sources in the same state draw the same nonce.
    let (_first, _) = initiator.start(now(), &mut CountingNonces(0)).unwrap();
    assert_eq!(shared.len(), 1);
    assert!(matches!(
        initiator.start(now(), &mut CountingNonces(0)),
        Err(Error::AuthRandomUnavailable { .. })
    ));
    assert_eq!(shared.len(), 1);
}

#[test]
fn one_message_1_raced_from_eight_threads_is_answered_once() {
    let (a, b) = (cn_sm2(), hk_rsa());
    let (cache_a, cache_b) = (cache(), cache());
    let initiator = Initiator::new(verifier(), &a, &cache_a);
    let responder = Responder::new(verifier(), &b, &cache_b);
    for _ in 0..20 {
        let (_state, message1) = initiator.start(now(), &mut SystemNonceSource).unwrap();
        let outcomes: Vec<Result<(), Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        responder
                            .respond(&message1, now(), &mut SystemNonceSource)
                            .map(|_| ())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let answered = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(answered, 1, "{outcomes:?}");
        assert!(outcomes
            .iter()
            .all(|o| matches!(o, Ok(()) | Err(Error::AuthMessageReplayed { .. }))));
    }
}
