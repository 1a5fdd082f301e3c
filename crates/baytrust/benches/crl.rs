//! CRL speed: parse a 1,000,000-entry CRL once (entries in serial order, and in reverse
//! order so the parser must sort), then look serials up in it (hits and misses).
//! The CRL is built here as DER (each entry: serial, revocationDate, reasonCode); its
//! signature is a placeholder, since parsing does not check it.
//!
//! `cargo bench -p baytrust --bench crl`

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

use baytrust::cert::ComparableName;
use baytrust::revocation::Crl;

const ENTRIES: u32 = 1_000_000;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// The minimal INTEGER content of `n` (positive: a leading zero before a top bit).
fn serial(n: u32) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().take_while(|&&b| b == 0).count().min(3);
    let mut out = bytes[start..].to_vec();
    if out[0] & 0x80 != 0 {
        out.insert(0, 0);
    }
    out
}

fn issuer_name() -> Vec<u8> {
    let attribute = [tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0C, b"Bench CA")].concat();
    tlv(0x30, &tlv(0x31, &tlv(0x30, &attribute)))
}

fn million_entry_crl(reverse: bool) -> Vec<u8> {
    let algorithm = tlv(
        0x30,
        &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]),
    );
    let reason = tlv(
        0x30,
        &tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x1D, 0x15]), tlv(0x04, &tlv(0x0A, &[1]))].concat(),
        ),
    );
    let date = tlv(0x17, b"260401000000Z");
    let mut entries = Vec::with_capacity(ENTRIES as usize * 30);
    let serials: Box<dyn Iterator<Item = u32>> = if reverse {
        Box::new((1..=ENTRIES).rev())
    } else {
        Box::new(1..=ENTRIES)
    };
    for n in serials {
        let body = [tlv(0x02, &serial(n)), date.clone(), reason.clone()].concat();
        entries.extend(tlv(0x30, &body));
    }
    let crl_number = tlv(
        0x30,
        &[tlv(0x06, &[0x55, 0x1D, 0x14]), tlv(0x04, &tlv(0x02, &[1]))].concat(),
    );
    let tbs = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            algorithm.clone(),
            issuer_name(),
            tlv(0x17, b"260501000000Z"),
            tlv(0x17, b"260701000000Z"),
            tlv(0x30, &entries),
            tlv(0xA0, &tlv(0x30, &crl_number)),
        ]
        .concat(),
    );
    tlv(0x30, &[tbs, algorithm, tlv(0x03, &[0, 1, 2, 3])].concat())
}

fn issuer() -> ComparableName {
    let der = issuer_name();
    let (_, name) =
        <x509_parser::x509::X509Name as x509_parser::prelude::FromDer<_>>::from_der(&der).unwrap();
    ComparableName::of(&name)
}

fn crl_benches(c: &mut Criterion) {
    let sorted = million_entry_crl(false);
    let reversed = million_entry_crl(true);
    let mut group = c.benchmark_group("crl_1m");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Elements(u64::from(ENTRIES)));
    group.bench_function("parse_sorted", |b| {
        b.iter_batched(
            || sorted.clone(),
            |der| Crl::from_der(der).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("parse_reverse_order", |b| {
        b.iter_batched(
            || reversed.clone(),
            |der| Crl::from_der(der).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let crl = Crl::from_der(sorted).unwrap();
    assert_eq!(crl.entry_count(), ENTRIES as usize);
    let issuer = issuer();
    let mut group = c.benchmark_group("crl_1m_lookup");
    let mut n = 1u32;
    group.bench_function("hit", |b| {
        b.iter(|| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % ENTRIES + 1;
            assert!(crl.entry(&issuer, &serial(n)).is_some());
        })
    });
    group.bench_function("miss", |b| {
        b.iter(|| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % ENTRIES + ENTRIES + 1;
            assert!(crl.entry(&issuer, &serial(n)).is_none());
        })
    });
    group.finish();
}

criterion_group!(benches, crl_benches);
criterion_main!(benches);
