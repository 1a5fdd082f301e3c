//! `verify-many`: `Verifier::verify_many` over one batch of 64 detached CMS signatures
//! (the `cms-detached` fixture: OpenSSL-made, P-256, 1 KiB content each, every one
//! distinct; signature cache off), in a rayon pool of one thread and in one of every
//! core. The ratio `baytrust/1-thread / baytrust/all-cores` is the batch speed-up
//! (issue 13: at least 1.8 on 2 cores).

use std::hint::black_box;

use baytrust::{BatchInput, Indication, SignatureOptions};

use crate::cms::{content, CmsFixture};
use crate::{validation_time, Contender, Group};

/// Signatures per batch.
pub const BATCH: usize = 64;

/// The `verify-many` group.
pub fn groups() -> Vec<Group> {
    let fixture = CmsFixture::new("verify-many");
    let contents: Vec<Vec<u8>> = (0..BATCH)
        .map(|i| {
            let mut bytes = content(1 << 10);
            bytes.extend(i.to_be_bytes());
            bytes
        })
        .collect();
    let signatures: Vec<Vec<u8>> = contents.iter().map(|c| fixture.sign_detached(c)).collect();
    let batch = std::sync::Arc::new((contents, signatures));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut group = Group::new("verify-many");
    for (name, threads) in [("baytrust/1-thread", 1), ("baytrust/all-cores", cores)] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("rayon pool");
        let (verifier, batch) = (fixture.verifier.clone(), batch.clone());
        let run = move || {
            let (contents, signatures) = &*batch;
            let inputs: Vec<BatchInput<'_>> = signatures
                .iter()
                .zip(contents)
                .map(|(signature, content)| BatchInput::detached(signature, content))
                .collect();
            let options = SignatureOptions::new(validation_time());
            let results = pool
                .install(|| verifier.verify_many(black_box(&inputs), &options))
                .expect("batch within the cap");
            results.iter().all(|result| {
                result
                    .as_ref()
                    .is_ok_and(|report| report.indication == Indication::TotalPassed)
            })
        };
        assert!(run(), "{name}: every signature of the batch passes");
        group.push(Contender::new(name, move || assert!(run())));
    }
    group.ratio("baytrust/1-thread", "baytrust/all-cores");
    vec![group]
}
