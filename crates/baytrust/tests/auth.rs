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
    Purpose, ReplayCache, Responder, SubIndication, SystemNonceSource,
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
        responder_signature: m2.signature.clone(),
        initiator_signature: m3.signature.clone(),
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
