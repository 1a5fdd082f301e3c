//! A supply-chain platform's signature service, written from the crate docs: one
//! `Verifier` built at start-up from the bundled CN, HK and MO trust lists, shared by
//! request threads. Exits non-zero if any expectation fails (CI runs it).
//!
//! `cargo run -q -p baytrust --example verify_purchase_order`

use std::process::ExitCode;
use std::sync::Arc;
use std::thread;

use baytrust::{
    decode_certificates, ChainOptions, Error, ErrorCategory, Indication, Jurisdiction,
    SubIndication, Time, Verifier,
};

const CONTRACT: &[u8] = include_bytes!("../../../testdata/samples/supply-contract.txt");
const SIGNATURE: &[u8] = include_bytes!("../../../testdata/samples/supply-contract.txt.p7s");

/// The bundled signed lists, each with the operator certificate pinned for it.
#[rustfmt::skip]
const LISTS: [(Jurisdiction, &[u8], &[u8]); 3] = [
    (Jurisdiction::Cn, include_bytes!("../../../testdata/trust-lists/cn.p7s"), include_bytes!("../../../testdata/pki/cn/trust-list-operator-ca.pem")),
    (Jurisdiction::Hk, include_bytes!("../../../testdata/trust-lists/hk.p7s"), include_bytes!("../../../testdata/pki/hk/trust-list-operator-ca.pem")),
    (Jurisdiction::Mo, include_bytes!("../../../testdata/trust-lists/mo.p7s"), include_bytes!("../../../testdata/pki/mo/trust-list-operator-ca.pem")),
];

/// Builds the verifier once; a list that does not load is an error naming the rule.
fn build_verifier(now: Time) -> Result<Verifier, Error> {
    let mut builder = Verifier::builder();
    for (jurisdiction, list, operator) in LISTS {
        builder = builder.trust_list(jurisdiction, list, operator, now)?;
    }
    builder.build()
}

/// Prints one expectation; returns whether it held.
fn expect(what: &str, held: bool, detail: impl std::fmt::Display) -> bool {
    println!("{} {what}: {detail}", if held { "ok  " } else { "FAIL" });
    held
}

fn main() -> Result<ExitCode, Error> {
    // A service would pass `Time::now()`; the bundled material is dated.
    let now: Time = "2026-06-01T00:00:00Z".parse()?;
    let verifier = Arc::new(build_verifier(now)?);
    let mut all = true;

    // Request threads share the one verifier.
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let verifier = Arc::clone(&verifier);
            thread::spawn(move || verifier.verify_detached(SIGNATURE, CONTRACT, now))
        })
        .collect();
    for (i, worker) in workers.into_iter().enumerate() {
        let report = worker.join().expect("worker thread")?;
        let names: Vec<String> = (report.signers.iter())
            .filter_map(|s| s.entity.as_ref())
            .map(|e| format!("{} ({}, {})", e.organisation, e.org_id, e.jurisdiction))
            .collect();
        let held = report.indication == Indication::TotalPassed && names.len() == 2;
        let detail = format!("{} by {}", report.indication, names.join(" and "));
        all &= expect(&format!("thread {i}: contract"), held, detail);
    }

    // A tampered contract: the signature holds, the content does not.
    let mut tampered = CONTRACT.to_vec();
    tampered[0] ^= 0x01;
    let report = verifier.verify_detached(SIGNATURE, &tampered, now)?;
    let held = report.indication == Indication::TotalFailed
        && report.sub_indication == Some(SubIndication::HashFailure);
    let detail = format!("{} / {:?}", report.indication, report.sub_indication);
    all &= expect("tampered contract", held, detail);

    // Garbage is not a signature: a typed error, in the bad-input category.
    let garbage = verifier.verify_detached(b"PO 4711: 500 pallets (trust me)", CONTRACT, now);
    let held = matches!(&garbage, Err(e @ Error::UnrecognisedEncoding) if e.category() == ErrorCategory::Input);
    all &= expect("garbage", held, format!("{garbage:?}"));

    // A supplier's certificate, alone: path, recognition and the validated entity.
    let pem = include_bytes!("../../../testdata/pki/hk/org-harbour-logistics.pem");
    let leaf = decode_certificates(pem)?;
    let report = verifier.verify_certificate(&leaf[0], &[], &ChainOptions::new(now))?;
    let entity = report.entity.map(|e| e.organisation);
    let detail = format!(
        "{} {entity:?}, {} certificates",
        report.indication,
        report.chain.len()
    );
    all &= expect(
        "supplier certificate",
        report.valid && entity.is_some(),
        detail,
    );

    Ok(if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
