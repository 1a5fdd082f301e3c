//! Path validation speed: a Hong Kong RSA chain, a mainland SM2 chain and a Macao ECDSA
//! chain at the fixed test time, and the same HK chain against a store of 1,000 anchors
//! (the store indexes anchors by name, so the cost must not grow with their number).
//!
//! `cargo bench -p baytrust --bench chain`

use criterion::{criterion_group, criterion_main, Criterion};

use baytrust::cert::{decode_certificates, Certificate, CertificateDer};
use baytrust::path::{verify_chain, ChainOptions};
use baytrust::Jurisdiction;
use baytrust::Time;
use baytrust::{TrustAnchor, TrustStore};

fn pki(path: &str) -> Vec<CertificateDer> {
    let full = format!("{}/../../testdata/pki/{path}", env!("CARGO_MANIFEST_DIR"));
    decode_certificates(&std::fs::read(full).unwrap()).unwrap()
}

/// `count` self-signed anchors with distinct names, none related to the test PKI.
fn unrelated_anchors(count: usize) -> Vec<Vec<u8>> {
    let key = rcgen::KeyPair::generate().unwrap();
    (0..count)
        .map(|i| {
            let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, format!("Unrelated Root {i}"));
            params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            params.self_signed(&key).unwrap().der().to_vec()
        })
        .collect()
}

fn store_with(root: &str, jurisdiction: Jurisdiction, extra: &[Vec<u8>]) -> TrustStore {
    let mut builder = TrustStore::builder();
    for der in extra {
        let certificate = Certificate::from_der(der).unwrap();
        builder = builder.anchor(TrustAnchor::new(Jurisdiction::Mo, &certificate).unwrap());
    }
    for der in pki(root) {
        builder = builder.anchor(TrustAnchor::new(jurisdiction, &der.parse().unwrap()).unwrap());
    }
    builder.build().unwrap()
}

fn bench_chain(c: &mut Criterion, name: &str, store: &TrustStore, chain_file: &str) {
    let ders = pki(chain_file);
    let certificates: Vec<Certificate<'_>> = ders.iter().map(|d| d.parse().unwrap()).collect();
    let (leaf, intermediates) = certificates.split_first().unwrap();
    let options = ChainOptions::new(Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap());
    verify_chain(store, leaf, intermediates, &options).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| verify_chain(store, leaf, intermediates, &options).unwrap())
    });
}

fn chains(c: &mut Criterion) {
    let hk = store_with("hk/root-ca.pem", Jurisdiction::Hk, &[]);
    bench_chain(
        c,
        "verify_chain/hk-rsa2048",
        &hk,
        "hk/org-harbour-logistics-chain.pem",
    );
    let hk_among_1000 = store_with("hk/root-ca.pem", Jurisdiction::Hk, &unrelated_anchors(999));
    assert_eq!(hk_among_1000.len(), 1000);
    bench_chain(
        c,
        "verify_chain/hk-rsa2048-1000-anchors",
        &hk_among_1000,
        "hk/org-harbour-logistics-chain.pem",
    );
    let cn_sm2 = store_with("cn-sm2/root-ca.pem", Jurisdiction::Cn, &[]);
    bench_chain(
        c,
        "verify_chain/cn-sm2",
        &cn_sm2,
        "cn-sm2/org-qianhai-tech-chain.pem",
    );
    let mo = store_with("mo/root-ca.pem", Jurisdiction::Mo, &[]);
    bench_chain(
        c,
        "verify_chain/mo-ecdsa-p256",
        &mo,
        "mo/org-cotai-trading-chain.pem",
    );
}

fn parsing(c: &mut Criterion) {
    let ders = pki("hk/org-harbour-logistics.pem");
    let der = ders[0].as_ref();
    c.bench_function("certificate/parse", |b| {
        b.iter(|| Certificate::from_der(der).unwrap())
    });
}

criterion_group!(benches, chains, parsing);
criterion_main!(benches);
