//! Fixtures the integration tests share: the committed test data and verifiers over
//! the bundled roots. Each test crate uses some of them.
#![allow(dead_code)]

use baytrust::{
    decode_certificates, CertificateDer, Jurisdiction, RelyingPartyPolicy, TrustStore, Verifier,
};

/// The bytes of `testdata/<path>`.
pub fn testdata(path: &str) -> Vec<u8> {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The first certificate of `testdata/<path>`.
pub fn certificate(path: &str) -> CertificateDer {
    decode_certificates(&testdata(path)).unwrap().remove(0)
}

/// A verifier anchored at the Hong Kong test root, default policy.
pub fn hk_verifier() -> Verifier {
    let store = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &testdata("pki/hk/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    Verifier::new(store, RelyingPartyPolicy::default())
}

/// A verifier anchored at the Hong Kong and Macao test roots under `policy`.
pub fn hk_mo_verifier(policy: RelyingPartyPolicy) -> Verifier {
    let store = TrustStore::builder()
        .anchors_from(Jurisdiction::Hk, &testdata("pki/hk/root-ca.pem"))
        .unwrap()
        .anchors_from(Jurisdiction::Mo, &testdata("pki/mo/root-ca.pem"))
        .unwrap()
        .build()
        .unwrap();
    Verifier::new(store, policy)
}
