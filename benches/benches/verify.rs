//! baytrust side by side with ring, rustls-webpki and OpenSSL, plus the CRL bench:
//! `cargo bench -p baytrust-benches -- --warm-up-time 1 --measurement-time 3`
//! (a group alone: append its name, e.g. `chain-p256`). The contenders and their
//! inputs are in the library (`baytrust_benches::group_builders`).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use baytrust::revocation::Crl;
use baytrust_benches::crl::{million_entry_crl, serial, ENTRIES};
use baytrust_benches::group_builders;

/// Whether the command line's filter (criterion's first free argument) can match
/// something in `group`, so that unwanted groups are not even set up.
fn wanted(group: &str) -> bool {
    let filter = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .find(|a| !a.chars().all(|c| c.is_ascii_digit() || c == '.'));
    filter.is_none_or(|f| group.contains(f.as_str()) || f.contains(group))
}

fn side_by_side(c: &mut Criterion) {
    for (name, build) in group_builders() {
        if !wanted(name) {
            continue;
        }
        for mut group in build() {
            let mut criterion_group = c.benchmark_group(group.name);
            if let Some(bytes) = group.bytes {
                criterion_group.throughput(Throughput::Bytes(bytes));
                if bytes > 1 << 20 {
                    criterion_group.sample_size(10);
                }
            }
            for contender in &mut group.contenders {
                let run = &mut contender.run;
                criterion_group.bench_function(&contender.name, |b| b.iter(&mut *run));
            }
            criterion_group.finish();
        }
    }
}

fn crl(c: &mut Criterion) {
    if !wanted("crl_1m") {
        return;
    }
    let sorted = million_entry_crl(false);
    let reversed = million_entry_crl(true);
    let mut group = c.benchmark_group("crl_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(ENTRIES)));
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
    let mut group = c.benchmark_group("crl_1m_lookup");
    let mut n = 1u32;
    group.bench_function("hit", |b| {
        b.iter(|| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % ENTRIES + 1;
            assert!(crl.entry(crl.issuer(), &serial(n)).is_some());
        })
    });
    group.bench_function("miss", |b| {
        b.iter(|| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % ENTRIES + ENTRIES + 1;
            assert!(crl.entry(crl.issuer(), &serial(n)).is_none());
        })
    });
    group.finish();
}

criterion_group!(benches, side_by_side, crl);
criterion_main!(benches);
