//! `Verifier::verify_many`: a batch of CMS signatures verified at once, spread over
//! rayon's threads (default feature `parallel`; sequential without it), each result in
//! its input's place.

use crate::verifier::{ContentSource, SignatureOptions, Verifier};
use crate::{Error, Report};

/// The most inputs one [`Verifier::verify_many`] call takes (1,048,576). Each input's
/// own work is bounded by [`Verifier::verify_cms`]'s caps and budget; this bounds the
/// batch: the result vector and the time of one call. Larger batches are refused whole
/// ([`Error::BatchTooLarge`]); split them.
pub const MAX_BATCH_INPUTS: usize = 1_048_576;

/// One signature of a batch and, when detached, the content it signs (both in memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchInput<'a> {
    /// The CMS SignedData (DER, BER or PEM).
    pub signature: &'a [u8],
    /// The detached content, or `None` when the content is encapsulated.
    pub content: Option<&'a [u8]>,
}

impl<'a> BatchInput<'a> {
    /// A signature with encapsulated content.
    pub fn attached(signature: &'a [u8]) -> Self {
        Self {
            signature,
            content: None,
        }
    }

    /// A detached signature over `content`.
    pub fn detached(signature: &'a [u8], content: &'a [u8]) -> Self {
        Self {
            signature,
            content: Some(content),
        }
    }
}

impl Verifier {
    /// Verifies every input as [`Verifier::verify_cms`] would, under the same
    /// `options` (validation time, extra certificates, revocation), and returns one
    /// result per input **in input order**: the report, or the error of an input that
    /// is not a usable signature — one bad input never stops the others.
    ///
    /// With the `parallel` feature (default) the inputs are spread over the threads of
    /// the current rayon pool: the global one (one thread per core), or the caller's,
    /// when called inside `rayon::ThreadPool::install` — that is how to limit the
    /// threads. Without the feature, the inputs are verified one after the other.
    /// Either way the results are identical to calling `verify_cms` one by one.
    ///
    /// Bounded: at most [`MAX_BATCH_INPUTS`] inputs per call (else
    /// [`Error::BatchTooLarge`], before any work); each input's work is capped as
    /// `verify_cms` caps it; the only memory added is the result vector.
    pub fn verify_many(
        &self,
        inputs: &[BatchInput<'_>],
        options: &SignatureOptions,
    ) -> Result<Vec<Result<Report, Error>>, Error> {
        if inputs.len() > MAX_BATCH_INPUTS {
            return Err(Error::BatchTooLarge {
                inputs: inputs.len(),
                limit: MAX_BATCH_INPUTS,
            });
        }
        let verify_one = |input: &BatchInput<'_>| self.verify_input(input, options);
        #[cfg(feature = "parallel")]
        let results = {
            use rayon::prelude::*;
            inputs.par_iter().map(verify_one).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let results = inputs.iter().map(verify_one).collect();
        Ok(results)
    }

    fn verify_input(
        &self,
        input: &BatchInput<'_>,
        options: &SignatureOptions,
    ) -> Result<Report, Error> {
        // Content in memory is hashed in place, as `verify_detached` does, not streamed
        // through a copy.
        let source = match input.content {
            Some(content) => ContentSource::InMemory(content),
            None => ContentSource::Attached,
        };
        self.verify_cms_from(input.signature, source, options)
    }
}
