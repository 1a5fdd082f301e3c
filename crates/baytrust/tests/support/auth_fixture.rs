//! The parties of the authentication tests: organisations of the bundled test PKI with
//! their keys, the relying parties' verifiers, and deterministic nonces.

#![allow(dead_code)]

use std::sync::OnceLock;

use baytrust::{
    decode_certificates, AuthenticatedPeer, Credentials, Error, Initiator, Jurisdiction, Message1,
    Message2, Message3, NonceSource, ReplayCache, Responder, SigningKey, Time, Verifier,
};

pub fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The validation time of the bundled test PKI.
pub fn now() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

pub fn later(seconds: i64) -> Time {
    Time::from_unix_seconds(now().unix_seconds() + seconds)
}

/// A relying party that loads the three bundled lists and accepts `accept` (all when
/// empty).
pub fn verifier_accepting(accept: &[Jurisdiction]) -> Verifier {
    let mut builder = Verifier::builder();
    for jurisdiction in accept {
        builder = builder.accept(*jurisdiction);
    }
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

/// The relying party accepting all three lists, built once.
pub fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| verifier_accepting(&[]))
}

/// An organisation of testdata/pki: `folder/org-name` with the key
/// `<key_prefix>-org-name`.
pub fn credentials(folder: &str, name: &str, key_prefix: &str) -> Credentials {
    let chain =
        decode_certificates(&read(&format!("testdata/pki/{folder}/{name}-chain.pem"))).unwrap();
    let key = SigningKey::from_pkcs8_pem(&read(&format!(
        "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/{key_prefix}-{name}.key.pem"
    )))
    .unwrap();
    Credentials::new(chain, key).unwrap()
}

/// 前海科技有限公司, mainland, SM2.
pub fn cn_sm2() -> Credentials {
    credentials("cn-sm2", "org-qianhai-tech", "cn-sm2")
}

/// Harbour Logistics Limited, Hong Kong, RSA-2048.
pub fn hk_rsa() -> Credentials {
    credentials("hk", "org-harbour-logistics", "hk")
}

/// 路氹貿易有限公司, Macao, RSA-2048.
pub fn mo_rsa() -> Credentials {
    credentials("mo", "org-cotai-trading", "mo")
}

/// Nonces 1, 2, 3… (each byte the counter): deterministic sessions.
pub struct CountingNonces(pub u8);

impl NonceSource for CountingNonces {
    fn nonce(&mut self) -> Result<[u8; 32], Error> {
        self.0 = self.0.wrapping_add(1);
        Ok([self.0; 32])
    }
}

/// The messages and results of one complete session.
pub struct Session {
    pub message1: Message1,
    pub message2: Message2,
    pub message3: Message3,
    /// What the initiator learnt of the responder.
    pub responder: AuthenticatedPeer,
    /// What the responder learnt of the initiator.
    pub initiator: AuthenticatedPeer,
}

/// Runs a whole session between `initiator` and `responder` at `now`, each with a fresh
/// replay cache, passing the messages through their DER.
pub fn run_session(
    initiator: &Initiator<'_>,
    responder: &Responder<'_>,
    initiator_nonces: &mut dyn NonceSource,
    responder_nonces: &mut dyn NonceSource,
) -> Result<Session, Error> {
    let (waiting, message1) = initiator.start(now(), initiator_nonces)?;
    let received1 = Message1::from_der(message1.as_bytes())?;
    let (confirming, message2) = responder.respond(&received1, later(1), responder_nonces)?;
    let received2 = Message2::from_der(message2.as_bytes())?;
    let (responder_peer, message3) = waiting.finish(&received2, later(2))?;
    let received3 = Message3::from_der(message3.as_bytes())?;
    let initiator_peer = confirming.finish(&received3, later(3))?;
    Ok(Session {
        message1,
        message2,
        message3,
        responder: responder_peer,
        initiator: initiator_peer,
    })
}

/// A cache for one test's party.
pub fn cache() -> ReplayCache {
    ReplayCache::new(1000)
}
