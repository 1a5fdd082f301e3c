//! Property: no mutation of an honest session's messages — bit flips, truncations,
//! inserted bytes, swapped fields, a message of another session or of another kind —
//! is accepted by either role, and none makes either panic. Message 1 is not signed on
//! its own, so "accepted" for it means the session completes: its answer must then be
//! refused by the initiator that sent the original.

#[path = "support/auth_fixture.rs"]
mod auth_fixture;
#[path = "support/auth_wire.rs"]
mod auth_wire;

use std::sync::OnceLock;

use auth_fixture::*;
use auth_wire::{decode, encode};
use baytrust::{Credentials, Initiator, Message1, Message2, Message3, Responder};
use proptest::prelude::*;

struct Fixture {
    initiator: Credentials,
    responder: Credentials,
    /// Session A, deterministic: initiator nonces from 1, responder nonces from 101.
    a: [Vec<u8>; 3],
    /// Session B: initiator nonces from 11, responder nonces from 111.
    b: [Vec<u8>; 3],
}

fn session(
    fixture_initiator: &Credentials,
    fixture_responder: &Credentials,
    seed: u8,
) -> [Vec<u8>; 3] {
    let (cache_i, cache_r) = (cache(), cache());
    let session = run_session(
        &Initiator::new(verifier(), fixture_initiator, &cache_i),
        &Responder::new(verifier(), fixture_responder, &cache_r),
        &mut CountingNonces(seed),
        &mut CountingNonces(seed + 100),
    )
    .unwrap();
    [
        session.message1.as_bytes().to_vec(),
        session.message2.as_bytes().to_vec(),
        session.message3.as_bytes().to_vec(),
    ]
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (initiator, responder) = (cn_sm2(), hk_rsa());
        let a = session(&initiator, &responder, 0);
        let b = session(&initiator, &responder, 10);
        Fixture {
            initiator,
            responder,
            a,
            b,
        }
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Flip bit `bit` of byte `index` (modulo the length).
    BitFlip(usize, u8),
    /// Keep only the first `len` bytes (modulo the length).
    Truncate(usize),
    /// Insert `bytes` at `index` (modulo the length + 1).
    Insert(usize, Vec<u8>),
    /// Swap two fields of the same type (nonces, identities, chain order).
    FieldSwap(u8),
    /// The same message of session B.
    CrossSession,
    /// Another message of session A in its place.
    OtherKind(u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::BitFlip(i, b)),
        2 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
        1 => (0u8..3).prop_map(Mutation::FieldSwap),
        1 => Just(Mutation::CrossSession),
        1 => (1u8..3).prop_map(Mutation::OtherKind),
    ]
}

fn swap_fields(kind: usize, der: &[u8], which: u8) -> Vec<u8> {
    match kind {
        0 => {
            let mut m: auth_wire::Message1 = decode(der);
            match which {
                0 => m.expected_responder = Some(m.initiator_id.clone()),
                1 => m.initiator_chain.reverse(),
                _ => m.initiator_id = "NTRHK-12345678".into(),
            }
            encode(&m)
        }
        1 => {
            let mut m: auth_wire::Message2 = decode(der);
            match which {
                0 => std::mem::swap(&mut m.responder_nonce, &mut m.initiator_nonce),
                1 => m.responder_chain.reverse(),
                _ => m.responder_id = "NTRCN-91110000600037341L".into(),
            }
            encode(&m)
        }
        _ => {
            let mut m: auth_wire::Message3 = decode(der);
            match which {
                0 => std::mem::swap(&mut m.responder_nonce, &mut m.initiator_nonce),
                1 => m.signature_algorithm.parameters = None,
                _ => m.version = 0,
            }
            encode(&m)
        }
    }
}

fn mutate(kind: usize, mutation: &Mutation) -> Vec<u8> {
    let f = fixture();
    let original = &f.a[kind];
    let mut bytes = original.clone();
    match mutation {
        Mutation::BitFlip(index, bit) => {
            let index = index % bytes.len();
            bytes[index] ^= 1 << bit;
        }
        Mutation::Truncate(len) => bytes.truncate(len % bytes.len()),
        Mutation::Insert(index, extra) => {
            let index = index % (bytes.len() + 1);
            bytes.splice(index..index, extra.iter().copied());
        }
        Mutation::FieldSwap(which) => bytes = swap_fields(kind, original, *which),
        Mutation::CrossSession => bytes = f.b[kind].clone(),
        Mutation::OtherKind(offset) => bytes = f.a[(kind + usize::from(*offset)) % 3].clone(),
    }
    bytes
}

/// Whether `bytes`, given to the role that takes message `kind + 1`, completes a
/// session. Each call builds fresh states and caches, reproducing session A exactly.
fn accepted(kind: usize, bytes: &[u8]) -> bool {
    let f = fixture();
    let (cache_i, cache_r) = (cache(), cache());
    let initiator = Initiator::new(verifier(), &f.initiator, &cache_i);
    let responder = Responder::new(verifier(), &f.responder, &cache_r);
    let (waiting, message1) = initiator.start(now(), &mut CountingNonces(0)).unwrap();
    assert_eq!(
        message1.as_bytes(),
        f.a[0].as_slice(),
        "session A is reproducible"
    );
    match kind {
        0 => {
            let Ok(message1) = Message1::from_der(bytes) else {
                return false;
            };
            let Ok((_confirming, message2)) =
                responder.respond(&message1, later(1), &mut CountingNonces(100))
            else {
                return false;
            };
            waiting.finish(&message2, later(2)).is_ok()
        }
        1 => {
            let Ok(message2) = Message2::from_der(bytes) else {
                return false;
            };
            waiting.finish(&message2, later(2)).is_ok()
        }
        _ => {
            let original1 = Message1::from_der(&f.a[0]).unwrap();
            let (confirming, _message2) = responder
                .respond(&original1, later(1), &mut CountingNonces(100))
                .unwrap();
            let Ok(message3) = Message3::from_der(bytes) else {
                return false;
            };
            confirming.finish(&message3, later(3)).is_ok()
        }
    }
}

#[test]
fn the_honest_messages_are_accepted() {
    for kind in 0..3 {
        assert!(
            accepted(kind, &fixture().a[kind].clone()),
            "message {}",
            kind + 1
        );
    }
}

/// Writes the seeds of the `auth_message` fuzz target (fuzz/corpus/auth_message/):
/// session A's messages, each after its role selector byte. Run by hand:
/// `BAYTRUST_WRITE_AUTH_SEEDS=1 cargo test -p baytrust --test auth_mutations -- --ignored`.
#[test]
#[ignore = "writes fuzz seeds; run by hand"]
fn write_auth_message_fuzz_seeds() {
    if std::env::var_os("BAYTRUST_WRITE_AUTH_SEEDS").is_none() {
        return;
    }
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/auth_message");
    std::fs::create_dir_all(&dir).unwrap();
    for (kind, message) in fixture().a.iter().enumerate() {
        let mut seed = vec![u8::try_from(kind).unwrap()];
        seed.extend_from_slice(message);
        std::fs::write(dir.join(format!("session-a-message-{}", kind + 1)), seed).unwrap();
    }
    let mut cross = vec![1u8];
    cross.extend_from_slice(&fixture().b[1]);
    std::fs::write(dir.join("session-b-message-2"), cross).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_mutated_message_is_accepted_by_either_role(kind in 0usize..3, mutation in mutation()) {
        let bytes = mutate(kind, &mutation);
        prop_assume!(bytes != fixture().a[kind]);
        prop_assert!(!accepted(kind, &bytes), "{mutation:?} of message {} was accepted", kind + 1);
    }
}
