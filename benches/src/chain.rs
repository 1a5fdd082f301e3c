//! `chain-p256`, `chain-rsa2048` (leaf → issuing CA → root, purpose client
//! authentication) and `chain-anchors`.
//!
//! Every contender of a chain group walks the same 1,024 distinct leaves in turn, so
//! no contender sees the same leaf twice within 1,024 calls:
//! - `baytrust-cold`: `Verifier::verify_certificate` (parses leaf and intermediate per
//!   call, full report) with the signature cache off — what a fresh verifier does, since
//!   a verifier holds no other state that calls warm up;
//! - `baytrust-warm`: the same with the signature cache on (capacity 256, far below the
//!   1,024 leaves): the issuing CA's signature is verified once and then found, while
//!   every leaf's signature is checked;
//! - `rustls-webpki`: `EndEntityCert::try_from` + `verify_for_usage` (parses leaf and
//!   intermediate per call), the anchor prepared once;
//! - `ring-2-signatures`: the two signature checks alone (the floor).

use std::hint::black_box;
use std::time::Duration;

use baytrust::cert::Certificate;
use baytrust::{
    CertificateDer, ChainOptions, Jurisdiction, Purpose, RelyingPartyPolicy, TrustAnchor,
    TrustStore, Verifier,
};
use rustls_pki_types::UnixTime;

use crate::pki::{pki, Alg, Pki};
use crate::{validation_time, Contender, Group, VALIDATION_UNIX};

/// Distinct leaves each chain contender walks through.
pub const LEAVES: usize = 1_024;
/// The warm verifier's signature-cache capacity (well below [`LEAVES`]).
pub const WARM_CACHE: usize = 256;

fn options() -> ChainOptions<'static> {
    let mut options = ChainOptions::new(validation_time());
    options.purpose = Purpose::Client;
    options
}

fn store(pki: &Pki, unrelated: &[Vec<u8>]) -> TrustStore {
    let mut builder = TrustStore::builder();
    for der in unrelated {
        let certificate = Certificate::from_der(der).expect("unrelated root parses");
        builder = builder.anchor(TrustAnchor::new(Jurisdiction::Mo, &certificate).expect("anchor"));
    }
    let root = Certificate::from_der(&pki.root).expect("root parses");
    builder = builder.anchor(TrustAnchor::new(Jurisdiction::Hk, &root).expect("anchor"));
    builder.build().expect("store")
}

fn verifier(store: TrustStore, cache: usize) -> Verifier {
    let policy = RelyingPartyPolicy {
        signature_cache: cache,
        ..RelyingPartyPolicy::default()
    };
    Verifier::new(store, policy)
}

/// A contender calling `verify_certificate` on each leaf in turn.
fn baytrust_contender(name: &str, verifier: Verifier, pki: &Pki) -> Contender {
    let leaves: Vec<CertificateDer> = pki
        .leaves
        .iter()
        .map(|der| CertificateDer::from_vec(der.clone()))
        .collect();
    let intermediates = vec![CertificateDer::from_vec(pki.ca.clone())];
    let options = options();
    for leaf in &leaves {
        let report = verifier
            .verify_certificate(leaf, &intermediates, &options)
            .expect("report");
        assert!(report.valid, "{name}: {:?}", report.error);
    }
    let mut next = 0;
    Contender::new(name, move || {
        let leaf = &leaves[next % leaves.len()];
        next += 1;
        let report = verifier
            .verify_certificate(black_box(leaf), black_box(&intermediates), &options)
            .expect("report");
        assert!(black_box(report).valid);
    })
}

fn webpki_contender(pki: &Pki) -> Contender {
    let root = rustls_pki_types::CertificateDer::from(pki.root.clone());
    let anchors = vec![webpki::anchor_from_trusted_cert(&root)
        .expect("webpki anchor")
        .to_owned()];
    let leaves: Vec<rustls_pki_types::CertificateDer<'static>> = pki
        .leaves
        .iter()
        .map(|der| rustls_pki_types::CertificateDer::from(der.clone()))
        .collect();
    let intermediates = vec![rustls_pki_types::CertificateDer::from(pki.ca.clone())];
    let now = UnixTime::since_unix_epoch(Duration::from_secs(VALIDATION_UNIX));
    let verify = move |leaf: &rustls_pki_types::CertificateDer<'static>| {
        let end_entity = webpki::EndEntityCert::try_from(leaf)?;
        end_entity
            .verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                &anchors,
                &intermediates,
                now,
                webpki::KeyUsage::client_auth(),
                None,
                None,
            )
            .map(|_| ())
    };
    for leaf in &leaves {
        verify(leaf).expect("webpki accepts");
    }
    let mut next = 0;
    Contender::new("rustls-webpki", move || {
        let leaf = &leaves[next % leaves.len()];
        next += 1;
        assert!(black_box(verify(black_box(leaf))).is_ok());
    })
}

/// One signature as ring sees it: key bytes, message, signature.
type RingCheck = (Vec<u8>, Vec<u8>, Vec<u8>);

fn ring_check(issuer: &Certificate<'_>, child: &Certificate<'_>) -> RingCheck {
    (
        issuer.spki().subject_public_key.data.to_vec(),
        child.tbs_der().to_vec(),
        child.signature_value().to_vec(),
    )
}

fn ring_contender(
    pki: &Pki,
    algorithm: &'static dyn ring::signature::VerificationAlgorithm,
) -> Contender {
    let root = Certificate::from_der(&pki.root).expect("root");
    let ca = Certificate::from_der(&pki.ca).expect("CA");
    let ca_check = ring_check(&root, &ca);
    let leaf_checks: Vec<RingCheck> = pki
        .leaves
        .iter()
        .map(|der| ring_check(&ca, &Certificate::from_der(der).expect("leaf")))
        .collect();
    let verify = move |(key, message, signature): &RingCheck| {
        ring::signature::UnparsedPublicKey::new(algorithm, black_box(key))
            .verify(black_box(message), black_box(signature))
            .is_ok()
    };
    assert!(leaf_checks.iter().all(verify) && verify(&ca_check));
    let mut next = 0;
    Contender::new("ring-2-signatures", move || {
        let leaf = &leaf_checks[next % leaf_checks.len()];
        next += 1;
        assert!(verify(leaf) && verify(&ca_check));
    })
}

fn chain_group(
    name: &'static str,
    alg: Alg,
    algorithm: &'static dyn ring::signature::VerificationAlgorithm,
) -> Group {
    let pki = pki(alg, LEAVES, name);
    let mut group = Group::new(name);
    group.push(baytrust_contender(
        "baytrust-cold",
        verifier(store(&pki, &[]), 0),
        &pki,
    ));
    group.push(baytrust_contender(
        "baytrust-warm",
        verifier(store(&pki, &[]), WARM_CACHE),
        &pki,
    ));
    group.push(webpki_contender(&pki));
    group.push(ring_contender(&pki, algorithm));
    group.ratio("baytrust-cold", "rustls-webpki");
    group.ratio("baytrust-cold", "ring-2-signatures");
    group.ratio("baytrust-warm", "rustls-webpki");
    group
}

/// The `chain-p256` group.
pub fn p256_groups() -> Vec<Group> {
    vec![chain_group(
        "chain-p256",
        Alg::P256,
        &ring::signature::ECDSA_P256_SHA256_ASN1,
    )]
}

/// The `chain-rsa2048` group.
pub fn rsa_groups() -> Vec<Group> {
    vec![chain_group(
        "chain-rsa2048",
        Alg::Rsa2048,
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
    )]
}

/// `count` self-signed CA certificates with distinct names, none related to the PKI.
fn unrelated_roots(count: usize) -> Vec<Vec<u8>> {
    let key = rcgen::KeyPair::generate().expect("key");
    (0..count)
        .map(|i| {
            let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
            params.not_before = rcgen::date_time_ymd(2025, 1, 1);
            params.not_after = rcgen::date_time_ymd(2030, 1, 1);
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, format!("Unrelated Root {i}"));
            params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            params.self_signed(&key).expect("root").der().to_vec()
        })
        .collect()
}

/// The `chain-anchors` group: `baytrust-cold` on the P-256 chain with the root alone
/// (`baytrust/1`) and among 999 unrelated roots (`baytrust/1000`).
pub fn anchor_groups() -> Vec<Group> {
    let pki = pki(Alg::P256, LEAVES, "anchors");
    let unrelated = unrelated_roots(999);
    let many = store(&pki, &unrelated);
    assert_eq!(many.len(), 1_000);
    let mut group = Group::new("chain-anchors");
    group.push(baytrust_contender(
        "baytrust/1",
        verifier(store(&pki, &[]), 0),
        &pki,
    ));
    group.push(baytrust_contender("baytrust/1000", verifier(many, 0), &pki));
    group.ratio("baytrust/1000", "baytrust/1");
    vec![group]
}
