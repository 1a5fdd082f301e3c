//! `Verifier::verify_many`: a batch gives exactly what one-by-one verification gives, in
//! input order, an unusable input is its own error, and the batch is capped.

use std::time::Instant;

use baytrust::{
    BatchInput, Content, Error, Indication, Jurisdiction, SignatureOptions, SubIndication, Time,
    Verifier, MAX_BATCH_INPUTS,
};

fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn now() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

fn bundled_verifier() -> Verifier {
    let mut builder = Verifier::builder();
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

/// The bundled contract's signature and content, a tampered content, a truncated
/// signature, garbage, and a detached signature given as attached.
struct Material {
    signature: Vec<u8>,
    content: Vec<u8>,
    tampered: Vec<u8>,
    truncated: Vec<u8>,
}

fn material() -> Material {
    let signature = read("testdata/samples/supply-contract.txt.p7s");
    let content = read("testdata/samples/supply-contract.txt");
    let mut tampered = content.clone();
    tampered[0] ^= 1;
    let truncated = signature[..signature.len() / 2].to_vec();
    Material {
        signature,
        content,
        tampered,
        truncated,
    }
}

/// `count` inputs cycling through five kinds: valid, tampered, truncated, garbage, and a
/// detached signature passed without its content.
fn inputs(material: &Material, count: usize) -> Vec<BatchInput<'_>> {
    (0..count)
        .map(|i| match i % 5 {
            0 => BatchInput::detached(&material.signature, &material.content),
            1 => BatchInput::detached(&material.signature, &material.tampered),
            2 => BatchInput::detached(&material.truncated, &material.content),
            3 => BatchInput::attached(b"not a signature"),
            _ => BatchInput::attached(&material.signature),
        })
        .collect()
}

fn one_by_one(
    verifier: &Verifier,
    inputs: &[BatchInput<'_>],
    options: &SignatureOptions,
) -> Vec<Result<baytrust::Report, Error>> {
    inputs
        .iter()
        .map(|input| match input.content {
            Some(content) => {
                let mut reader = content;
                verifier.verify_cms(input.signature, Content::Detached(&mut reader), options)
            }
            None => verifier.verify_cms(input.signature, Content::Attached, options),
        })
        .collect()
}

#[test]
fn verify_many_gives_exactly_the_one_by_one_results_in_input_order() {
    let verifier = bundled_verifier();
    let material = material();
    let inputs = inputs(&material, 50);
    let options = SignatureOptions::new(now());
    let batch = verifier.verify_many(&inputs, &options).unwrap();
    assert_eq!(batch, one_by_one(&verifier, &inputs, &options));
    assert_eq!(batch.len(), 50);
    // The order is the inputs': check each kind where it was put.
    for (i, result) in batch.iter().enumerate() {
        match i % 5 {
            0 => assert_eq!(result.as_ref().unwrap().indication, Indication::TotalPassed),
            1 => {
                let report = result.as_ref().unwrap();
                assert_eq!(report.indication, Indication::TotalFailed);
                assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
            }
            2 => assert_eq!(
                result.as_ref().map_err(Error::kind).err(),
                Some("CmsMalformed"),
                "{i}: {result:?}"
            ),
            3 => assert_eq!(
                result.as_ref().map_err(Error::kind).err(),
                Some("UnrecognisedEncoding"),
                "{i}: {result:?}"
            ),
            _ => assert_eq!(result, &Err(Error::CmsContentMissing)),
        }
    }
}

#[test]
fn verify_many_in_a_one_thread_pool_gives_the_same_results() {
    let verifier = bundled_verifier();
    let material = material();
    let inputs = inputs(&material, 20);
    let options = SignatureOptions::new(now());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let single = pool.install(|| verifier.verify_many(&inputs, &options).unwrap());
    assert_eq!(single, verifier.verify_many(&inputs, &options).unwrap());
}

#[test]
fn verify_many_of_an_empty_batch_is_empty() {
    let verifier = bundled_verifier();
    let results = verifier
        .verify_many(&[], &SignatureOptions::new(now()))
        .unwrap();
    assert!(results.is_empty(), "{results:?}");
}

#[test]
fn verify_many_refuses_a_batch_over_the_cap_before_any_work() {
    let verifier = bundled_verifier();
    let inputs = vec![BatchInput::attached(b"x"); MAX_BATCH_INPUTS + 1];
    assert_eq!(
        verifier.verify_many(&inputs, &SignatureOptions::new(now())),
        Err(Error::BatchTooLarge {
            inputs: MAX_BATCH_INPUTS + 1,
            limit: MAX_BATCH_INPUTS,
        })
    );
}

/// Throughput on one thread against all cores, from one short run (the machine is
/// shared, so the ratio varies between runs):
/// `cargo test --release -p baytrust --test verify_many -- --ignored --nocapture`.
#[test]
#[ignore = "measurement: run on demand with --release"]
fn verify_many_throughput_one_thread_against_all_cores() {
    let verifier = bundled_verifier();
    let material = material();
    let inputs: Vec<BatchInput<'_>> = (0..400)
        .map(|_| BatchInput::detached(&material.signature, &material.content))
        .collect();
    let options = SignatureOptions::new(now());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let rate = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let start = Instant::now();
        let results = pool.install(|| verifier.verify_many(&inputs, &options).unwrap());
        let elapsed = start.elapsed().as_secs_f64();
        assert!(results.iter().all(|r| r.is_ok()));
        inputs.len() as f64 / elapsed
    };
    rate(threads); // warm-up
    let one = rate(1);
    let all = rate(threads);
    println!(
        "verify_many: 1 thread {one:.0}/s, {threads} threads {all:.0}/s, ratio {:.2}",
        all / one
    );
}
