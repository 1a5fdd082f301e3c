//! `bt_verification`: a detached signature verified while the caller streams its content
//! in chunks (`bt_verify_begin` / `_update` / `_finish`), in constant memory.
//!
//! The library's `Verifier::verify_cms` reads detached content from a `Read`; the C
//! caller pushes chunks instead. So `bt_verify_begin` starts a worker thread running
//! `verify_cms` over a reader fed through a bounded channel: `bt_verify_update` copies
//! the caller's bytes into 64 KiB blocks and hands each full block over (blocking while
//! the worker is two blocks behind); `bt_verify_finish` hands over the last block, ends
//! the stream and takes the report. Memory stays at most four blocks (256 KiB) whatever
//! the content's size, plus what the library itself keeps (a bounded copy only for
//! signers without signed attributes).

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use baytrust::{Content, Error, Report, SignatureOptions, Time};

use crate::boundary::{
    bytes, free_boxed, guard, handle, handle_mut, out_param, record_detail, write_boxed,
};
use crate::report::bt_report;
use crate::result::bt_result;
use crate::verifier::bt_verifier;

/// Bytes per block handed to the worker.
const BLOCK: usize = 64 * 1024;
/// Blocks that may wait in the channel while the worker digests another.
const QUEUED_BLOCKS: usize = 2;

/// A streaming verification of a detached signature (opaque), made by
/// `bt_verify_begin`, ended by `bt_verify_finish` (which frees it) or
/// `bt_verification_free`.
///
/// Thread-safety: **not** to be used by two threads at once; it may be moved to another
/// thread between calls. It keeps its verifier alive, so `bt_verifier_free` may come
/// first.
#[allow(non_camel_case_types)]
pub struct bt_verification {
    /// The bytes not yet handed to the worker (less than one block).
    pending: Vec<u8>,
    /// The stream to the worker; dropping it is the end of the content.
    sender: Option<SyncSender<Vec<u8>>>,
    /// Set when the verification is freed unfinished: the worker's reader then fails
    /// instead of reporting the end of the content.
    abandoned: Arc<AtomicBool>,
    /// The worker running `verify_cms`.
    worker: Option<JoinHandle<Result<Report, Error>>>,
    /// The error that ended the verification early, returned by every later call.
    failed: Option<bt_result>,
}

/// The worker's side of the channel, as the `Read` the library takes.
struct BlockReader {
    receiver: Receiver<Vec<u8>>,
    block: Vec<u8>,
    position: usize,
    abandoned: Arc<AtomicBool>,
}

impl Read for BlockReader {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if buffer.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(rest) = self.block.get(self.position..).filter(|r| !r.is_empty()) {
                let n = rest.len().min(buffer.len());
                if let (Some(to), Some(from)) = (buffer.get_mut(..n), rest.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.position = self.position.saturating_add(n);
                return Ok(n);
            }
            match self.receiver.recv() {
                Ok(block) => {
                    self.block = block;
                    self.position = 0;
                }
                // The sender is gone: the end of the content, unless it was abandoned.
                Err(_) if self.abandoned.load(Ordering::Acquire) => {
                    return Err(io::Error::other(
                        "verification freed before bt_verify_finish",
                    ))
                }
                Err(_) => return Ok(0),
            }
        }
    }
}

impl bt_verification {
    /// Appends `chunk`, handing each full block to the worker.
    fn push(&mut self, mut chunk: &[u8]) -> Result<(), bt_result> {
        if let Some(code) = self.failed {
            return Err(code);
        }
        while !chunk.is_empty() {
            let room = BLOCK.saturating_sub(self.pending.len()).min(chunk.len());
            let (now, rest) = chunk.split_at(room);
            self.pending.extend_from_slice(now);
            chunk = rest;
            if self.pending.len() >= BLOCK {
                self.hand_over()?;
            }
        }
        Ok(())
    }

    /// Hands the pending bytes to the worker. If the worker has already stopped (the
    /// signature was refused), its error ends the verification.
    fn hand_over(&mut self) -> Result<(), bt_result> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let block = std::mem::take(&mut self.pending);
        let sent = match &self.sender {
            Some(sender) => sender.send(block).is_ok(),
            None => false,
        };
        if sent {
            return Ok(());
        }
        let code = match self.join() {
            Err(code) => code,
            // The library returned before the end of the content: cannot happen, as it
            // reads to the end.
            Ok(_) => bt_result::BT_RESULT_INTERNAL,
        };
        self.failed = Some(code);
        Err(code)
    }

    /// Ends the stream and waits for the worker's report.
    fn join(&mut self) -> Result<Report, bt_result> {
        self.sender = None;
        let worker = self.worker.take().ok_or(bt_result::BT_RESULT_INTERNAL)?;
        match worker.join() {
            Ok(Ok(report)) => Ok(report),
            Ok(Err(error)) => Err(record_detail(bt_result::of_verification(&error), error)),
            Err(_) => Err(bt_result::BT_RESULT_PANIC),
        }
    }

    /// Hands over the last bytes and takes the report.
    fn finish(&mut self) -> Result<Report, bt_result> {
        if let Some(code) = self.failed {
            return Err(code);
        }
        self.hand_over()?;
        self.join()
    }
}

impl Drop for bt_verification {
    /// An unfinished verification: the worker's reader fails, the worker stops, and is
    /// waited for (no thread outlives its handle).
    fn drop(&mut self) {
        self.abandoned.store(true, Ordering::Release);
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Begins verifying the detached CMS SignedData signature `sig` (DER, BER or PEM;
/// `sig_len` bytes) at validation time `at_unix_seconds` (seconds since
/// 1970-01-01T00:00:00Z), its content to be streamed with `bt_verify_update` and the
/// report taken with `bt_verify_finish`. Same checks and outcomes as `bt_verify_cms`.
///
/// The verification runs on a worker thread that digests the content as it arrives;
/// memory stays under 256 KiB of buffered content whatever the content's size (plus the
/// library's copy of at most 64 MiB, kept only for a signer without signed attributes,
/// whose signature covers the content itself). An
/// unusable signature is reported by a later `bt_verify_update` (as soon as it is known,
/// so a caller can stop streaming) or by `bt_verify_finish`.
///
/// Ownership: `sig` is copied; the caller keeps its buffer. On `BT_RESULT_OK`, `*out` is
/// a new verification owned by the caller, to be ended by `bt_verify_finish` or
/// `bt_verification_free`; it holds its own reference to `v`. On error `*out` is not
/// written. Thread-safety: may be called by many threads at once on the same verifier.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`v`, `sig` or `out` NULL),
/// `BT_RESULT_LENGTH_TOO_LARGE`, `BT_RESULT_INTERNAL` (no thread could be started).
#[no_mangle]
pub unsafe extern "C" fn bt_verify_begin(
    v: *const bt_verifier,
    sig: *const u8,
    sig_len: usize,
    at_unix_seconds: i64,
    out: *mut *mut bt_verification,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (v, sig) = unsafe { (handle(v)?, bytes(sig, sig_len)?) };
        let out = out_param(out)?;
        let signature = sig.to_vec();
        let verifier = Arc::clone(&v.inner);
        let options = SignatureOptions::new(Time::from_unix_seconds(at_unix_seconds));
        let (sender, receiver) = sync_channel(QUEUED_BLOCKS);
        let abandoned = Arc::new(AtomicBool::new(false));
        let mut reader = BlockReader {
            receiver,
            block: Vec::new(),
            position: 0,
            abandoned: Arc::clone(&abandoned),
        };
        let worker = std::thread::Builder::new()
            .name("baytrust-verify".into())
            .spawn(move || {
                verifier.verify_cms(&signature, Content::Detached(&mut reader), &options)
            })
            .map_err(|_| bt_result::BT_RESULT_INTERNAL)?;
        let verification = bt_verification {
            pending: Vec::new(),
            sender: Some(sender),
            abandoned,
            worker: Some(worker),
            failed: None,
        };
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, verification) };
        Ok(())
    })
}

/// Streams the next `len` bytes of content (`len` may be 0). Chunks may have any size;
/// a call may block while the worker digests earlier ones.
///
/// After an error the verification is over: every later `bt_verify_update` and
/// `bt_verify_finish` returns the same code (and `bt_verify_finish` still frees it).
///
/// Ownership: `chunk` is copied; the caller keeps its buffer. Thread-safety: not with
/// other calls on the same verification at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`s` or `chunk` NULL), `BT_RESULT_LENGTH_TOO_LARGE`,
/// and, once the worker has refused the signature, its code (`BT_RESULT_NOT_A_SIGNATURE`,
/// `BT_RESULT_CONTENT_UNEXPECTED` for a signature encapsulating its content).
#[no_mangle]
pub unsafe extern "C" fn bt_verify_update(
    s: *mut bt_verification,
    chunk: *const u8,
    len: usize,
) -> bt_result {
    guard(|| {
        // SAFETY: the caller's promises, documented above.
        let (s, chunk) = unsafe { (handle_mut(s)?, bytes(chunk, len)?) };
        s.push(chunk)
    })
}

/// Ends the content and gives the report (waiting for the worker to finish).
///
/// Ownership: **consumes `s` whatever the result** (also on error and when `out` is
/// NULL): do not use or free it afterwards. On `BT_RESULT_OK`, `*out` is a new report
/// owned by the caller, to be freed with `bt_report_free`; on error `*out` is not
/// written. Thread-safety: not with other calls on the same verification at once.
///
/// Errors: `BT_RESULT_NULL_PARAMETER` (`s` or `out` NULL), `BT_RESULT_NOT_A_SIGNATURE`,
/// `BT_RESULT_CONTENT_UNEXPECTED`, the code an earlier `bt_verify_update` returned, and
/// `BT_RESULT_PANIC` / `BT_RESULT_INTERNAL`.
#[no_mangle]
pub unsafe extern "C" fn bt_verify_finish(
    s: *mut bt_verification,
    out: *mut *mut bt_report,
) -> bt_result {
    guard(|| {
        if s.is_null() {
            return Err(bt_result::BT_RESULT_NULL_PARAMETER);
        }
        // SAFETY: non-NULL, and the caller promises it came from `bt_verify_begin` and
        // is not used again: it is consumed here whatever happens next.
        let mut verification = unsafe { Box::from_raw(s) };
        let out = out_param(out)?;
        let report = verification.finish()?;
        // SAFETY: `out` checked non-NULL; the caller promises it is writable.
        unsafe { write_boxed(out, bt_report { inner: report }) };
        Ok(())
    })
}

/// Abandons a verification that will not be finished. NULL does nothing. Waits for the
/// worker thread to stop (it stops at once: its content ends in an error).
///
/// Ownership: `s` must come from `bt_verify_begin`, not finished or freed yet; it is
/// invalid afterwards. Thread-safety: not while another thread uses `s`.
#[no_mangle]
pub unsafe extern "C" fn bt_verification_free(s: *mut bt_verification) {
    let _ = guard(|| {
        // SAFETY: the caller's promise, documented above.
        unsafe { free_boxed(s) };
        Ok(())
    });
}
