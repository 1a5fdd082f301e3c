//! `verify-sig verify --batch LIST`: many signatures verified on all cores
//! ([`baytrust::Verifier::verify_many`]) — LIST is a file of `SIG [CONTENT]` lines or a
//! directory of `*.p7s` files — with one report line per signature, a summary, and the
//! exit code of the worst result ([`BatchOutcome`]).
//!
//! One unreadable or malformed entry is a line of the report, never the end of the
//! batch. Entries are read and verified in chunks, so memory stays bounded by a chunk
//! ([`CHUNK_ENTRIES`], [`CHUNK_BYTES`]) whatever the batch's length.

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::Instant;

use baytrust::{
    BatchInput, Indication, LegalEntity, Report, SignatureOptions, SubIndication, Verifier,
    MAX_BATCH_INPUTS,
};
use serde::Serialize;

use crate::exit::{Failure, Outcome};
use crate::input::{read_input, read_path};
use crate::output::{stderr_line, stdout};
use crate::style::{paint, Colour, Stream};
use crate::terminal_text::{escape, to_json_line};

/// The most entries one batch holds (the library's [`MAX_BATCH_INPUTS`]); a longer
/// list or a directory with more `*.p7s` files is refused whole (exit 3).
pub const MAX_BATCH_ENTRIES: usize = MAX_BATCH_INPUTS;

/// Entries read and verified together: enough to keep every core busy.
pub const CHUNK_ENTRIES: usize = 256;

/// Bytes of signatures and content held at once (64 MiB); a chunk closes once it holds
/// this much (a single entry may be up to [`crate::input::MAX_INPUT_BYTES`]).
pub const CHUNK_BYTES: usize = 64 * 1024 * 1024;

/// How one entry of a batch ended. The order of the variants is the order of severity
/// the batch's exit code is chosen by — the worst entry decides:
///
/// `failed` (4) > `malformed` (3) > `unreadable` (2) > `indeterminate` (5) > `passed` (0).
///
/// A proven failure (a forged or tampered signature) is the most important news and is
/// never hidden behind another; then inputs that got no verdict because of the input
/// itself (not a signature, or not there: fix the input); then signatures that got no
/// verdict for want of trust or revocation data (retry later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchOutcome {
    /// `TOTAL_PASSED`.
    Passed,
    /// `INDETERMINATE`.
    Indeterminate,
    /// The signature or its content could not be read (or the list line is unusable).
    Unreadable,
    /// The file was read but is not a usable CMS signature.
    Malformed,
    /// `TOTAL_FAILED`.
    Failed,
}

impl BatchOutcome {
    /// The exit outcome of a batch whose worst entry is this.
    pub fn exit(self) -> Outcome {
        match self {
            BatchOutcome::Passed => Outcome::Passed,
            BatchOutcome::Indeterminate => Outcome::Indeterminate,
            BatchOutcome::Unreadable => Outcome::Unreadable,
            BatchOutcome::Malformed => Outcome::Malformed,
            BatchOutcome::Failed => Outcome::TotalFailed,
        }
    }

    fn of(indication: Indication) -> Self {
        match indication {
            Indication::TotalPassed => BatchOutcome::Passed,
            Indication::TotalFailed => BatchOutcome::Failed,
            Indication::Indeterminate => BatchOutcome::Indeterminate,
        }
    }
}

/// One entry of a batch: a signature and, when detached, its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchEntry {
    /// The list file's line (1-based); `None` for a directory's entries.
    pub line: Option<usize>,
    /// The signature file, resolved against the list's directory.
    pub signature: PathBuf,
    /// The content file, resolved likewise; `None`: attached.
    pub content: Option<PathBuf>,
    /// Why the list line is unusable (the entry is then reported unreadable).
    pub list_error: Option<String>,
}

/// Reads the entries of `list`: a directory (its `*.p7s` files, by name, each with the
/// file of the same name without `.p7s` as content if there is one, else attached) or a
/// list file (`-` for standard input) of `SIG [CONTENT]` lines — whitespace-separated,
/// relative paths resolved against the list file's directory (the current one for
/// standard input), blank lines and lines starting with `#` skipped.
pub fn read_entries(list: &str) -> Result<Vec<BatchEntry>, Failure> {
    let path = Path::new(list);
    let entries = if list != "-" && path.is_dir() {
        directory_entries(path)?
    } else {
        let bytes = read_input(list)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| Failure::malformed(list, format!("the list is not UTF-8: {e}")))?;
        let base = match list {
            "-" => Path::new(""),
            _ => path.parent().unwrap_or(Path::new("")),
        };
        list_entries(&text, base, list)?
    };
    Ok(entries)
}

fn too_many(list: &str) -> Failure {
    Failure::malformed(
        list,
        format!("more than {MAX_BATCH_ENTRIES} entries in one batch; split it"),
    )
}

fn list_entries(text: &str, base: &Path, list: &str) -> Result<Vec<BatchEntry>, Failure> {
    let mut entries = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if entries.len() >= MAX_BATCH_ENTRIES {
            return Err(too_many(list));
        }
        let number = index.saturating_add(1);
        let fields: Vec<&str> = line.split_whitespace().take(3).collect();
        let (signature, content, list_error) = match fields.as_slice() {
            [signature] => (*signature, None, None),
            [signature, content] => (*signature, Some(base.join(content)), None),
            _ => (
                fields.first().copied().unwrap_or_default(),
                None,
                Some(format!(
                    "line {number} of {list}: expected `SIG [CONTENT]`, found more than two fields"
                )),
            ),
        };
        entries.push(BatchEntry {
            line: Some(number),
            signature: base.join(signature),
            content,
            list_error,
        });
    }
    Ok(entries)
}

fn directory_entries(directory: &Path) -> Result<Vec<BatchEntry>, Failure> {
    let name = directory.to_string_lossy();
    let reader = std::fs::read_dir(directory).map_err(|e| Failure::unreadable(&name, e))?;
    let mut signatures = Vec::new();
    for entry in reader {
        let entry = entry.map_err(|e| Failure::unreadable(&name, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "p7s") && !path.is_dir() {
            if signatures.len() >= MAX_BATCH_ENTRIES {
                return Err(too_many(&name));
            }
            signatures.push(path);
        }
    }
    signatures.sort();
    Ok(signatures
        .into_iter()
        .map(|signature| {
            let content = signature.with_extension("");
            BatchEntry {
                line: None,
                content: content.is_file().then_some(content),
                signature,
                list_error: None,
            }
        })
        .collect())
}

/// One signer of a batch entry, as the report line shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSigner {
    /// The signer's indication.
    pub indication: Indication,
    /// Its sub-indication.
    pub sub_indication: Option<SubIndication>,
    /// The validated legal entity (only for a signer that passed).
    pub entity: Option<LegalEntity>,
    /// What a signer that did not pass claims, not validated.
    pub claimed_entity: Option<LegalEntity>,
    /// The sentence naming the rule.
    pub reason: String,
}

/// The report line of one entry (`"type": "signature"` in the JSON lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRecord {
    /// Always `"signature"`: tells the lines from the final summary.
    #[serde(rename = "type")]
    pub record_type: &'static str,
    /// The list file's line (1-based), or null for a directory's entries.
    pub line: Option<usize>,
    /// The signature file.
    pub file: String,
    /// The content file, or null for an attached signature.
    pub content: Option<String>,
    /// How the entry ended.
    pub outcome: BatchOutcome,
    /// The signature's indication (null when unreadable or malformed).
    pub indication: Option<Indication>,
    /// Its sub-indication.
    pub sub_indication: Option<SubIndication>,
    /// Each signer, in SignerInfo order.
    pub signers: Vec<BatchSigner>,
    /// The library's error kind (`CmsMalformed`, …) when malformed.
    pub error_kind: Option<&'static str>,
    /// Why the entry did not pass: the deciding signer's reason, or the read error.
    pub error: Option<String>,
}

impl BatchRecord {
    fn new(entry: &BatchEntry, outcome: BatchOutcome) -> Self {
        Self {
            record_type: "signature",
            line: entry.line,
            file: entry.signature.to_string_lossy().into_owned(),
            content: entry
                .content
                .as_ref()
                .map(|c| c.to_string_lossy().into_owned()),
            outcome,
            indication: None,
            sub_indication: None,
            signers: Vec::new(),
            error_kind: None,
            error: None,
        }
    }

    fn from_report(entry: &BatchEntry, report: Report) -> Self {
        let mut record = Self::new(entry, BatchOutcome::of(report.indication));
        record.indication = Some(report.indication);
        record.sub_indication = report.sub_indication;
        record.error = report
            .signers
            .iter()
            .find(|s| s.indication == report.indication && s.indication != Indication::TotalPassed)
            .map(|s| s.reason.clone());
        if report.indication != Indication::TotalPassed && record.error.is_none() {
            record.error = Some("the signature has no signer".into());
        }
        record.signers = report
            .signers
            .into_iter()
            .map(|s| BatchSigner {
                indication: s.indication,
                sub_indication: s.sub_indication,
                entity: s.entity,
                claimed_entity: s.claimed_entity,
                reason: s.reason,
            })
            .collect();
        record
    }

    fn failed(entry: &BatchEntry, failure: Failure) -> Self {
        let outcome = match failure.outcome {
            Outcome::Malformed => BatchOutcome::Malformed,
            _ => BatchOutcome::Unreadable,
        };
        let mut record = Self::new(entry, outcome);
        // The line names the file already: keep the reason only.
        let prefix = format!("{}: ", record.file);
        record.error = Some(
            failure
                .message
                .strip_prefix(&prefix)
                .unwrap_or(&failure.message)
                .to_owned(),
        );
        record
    }

    /// The human line: `FILE: OK (org ids)` or `FILE: <verdict>: <reason>`, every value
    /// escaped, the verdict coloured on a terminal.
    pub fn render_text(&self, colour: bool) -> String {
        let file = escape(&self.file);
        match self.outcome {
            BatchOutcome::Passed => {
                let ids: Vec<String> = self
                    .signers
                    .iter()
                    .filter_map(|s| s.entity.as_ref())
                    .map(|e| escape(&e.org_id))
                    .collect();
                format!(
                    "{file}: {} ({})\n",
                    paint("OK", Colour::Green, colour),
                    ids.join(", ")
                )
            }
            _ => {
                let verdict = match (self.indication, self.sub_indication) {
                    (Some(indication), Some(sub)) => {
                        format!("{} / {}", indication.as_str(), sub.as_str())
                    }
                    (Some(indication), None) => indication.as_str().to_owned(),
                    (None, _) => match self.outcome {
                        BatchOutcome::Malformed => "MALFORMED".to_owned(),
                        _ => "UNREADABLE".to_owned(),
                    },
                };
                let tint = match self.outcome {
                    BatchOutcome::Indeterminate => Colour::Yellow,
                    _ => Colour::Red,
                };
                format!(
                    "{file}: {}: {}\n",
                    paint(&verdict, tint, colour),
                    escape(self.error.as_deref().unwrap_or_default())
                )
            }
        }
    }
}

/// The counts and speed of a batch (`"type": "summary"`, the last JSON line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchSummary {
    /// Always `"summary"`.
    #[serde(rename = "type")]
    pub record_type: &'static str,
    /// Entries in the batch.
    pub total: usize,
    /// `TOTAL_PASSED`.
    pub passed: usize,
    /// `TOTAL_FAILED`.
    pub failed: usize,
    /// `INDETERMINATE`.
    pub indeterminate: usize,
    /// Not readable (or an unusable list line).
    pub unreadable: usize,
    /// Read but not a usable signature.
    pub malformed: usize,
    /// Wall-clock time from the first read to the last verdict.
    pub elapsed_seconds: f64,
    /// `total / elapsed_seconds`.
    pub signatures_per_second: f64,
    /// Threads verifying.
    pub jobs: usize,
    /// The exit code ([`BatchOutcome`]'s order).
    pub exit_code: u8,
    /// The worst entry's outcome, which the exit code is of.
    #[serde(skip)]
    pub worst: BatchOutcome,
}

impl BatchSummary {
    fn new(jobs: usize) -> Self {
        Self {
            record_type: "summary",
            total: 0,
            passed: 0,
            failed: 0,
            indeterminate: 0,
            unreadable: 0,
            malformed: 0,
            elapsed_seconds: 0.0,
            signatures_per_second: 0.0,
            jobs,
            exit_code: 0,
            worst: BatchOutcome::Passed,
        }
    }

    fn count(&mut self, outcome: BatchOutcome) {
        let counter = match outcome {
            BatchOutcome::Passed => &mut self.passed,
            BatchOutcome::Failed => &mut self.failed,
            BatchOutcome::Indeterminate => &mut self.indeterminate,
            BatchOutcome::Unreadable => &mut self.unreadable,
            BatchOutcome::Malformed => &mut self.malformed,
        };
        *counter = counter.saturating_add(1);
        self.total = self.total.saturating_add(1);
    }

    /// The summary line for stderr.
    pub fn line(&self) -> String {
        format!(
            "Batch: {} signatures: {} passed, {} failed, {} indeterminate, {} unreadable, \
             {} malformed; {:.3} s, {:.1} signatures/s ({} jobs)",
            self.total,
            self.passed,
            self.failed,
            self.indeterminate,
            self.unreadable,
            self.malformed,
            self.elapsed_seconds,
            self.signatures_per_second,
            self.jobs
        )
    }
}

/// A chunk's entry after reading: its bytes, or the record of why it could not be read.
enum Loaded {
    Read {
        signature: Vec<u8>,
        content: Option<Vec<u8>>,
    },
    Failed(BatchRecord),
}

fn load(entry: &BatchEntry) -> Loaded {
    if let Some(error) = &entry.list_error {
        let mut record = BatchRecord::new(entry, BatchOutcome::Unreadable);
        record.error = Some(error.clone());
        return Loaded::Failed(record);
    }
    let signature = match read_path(&entry.signature) {
        Ok(bytes) => bytes,
        Err(failure) => return Loaded::Failed(BatchRecord::failed(entry, failure)),
    };
    let content = match entry.content.as_deref().map(read_path).transpose() {
        Ok(content) => content,
        Err(failure) => return Loaded::Failed(BatchRecord::failed(entry, failure)),
    };
    Loaded::Read { signature, content }
}

/// The threads of `--jobs`: the number given, else one per core.
pub fn jobs_or_all(jobs: Option<NonZeroUsize>) -> usize {
    jobs.or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
}

/// Verifies every entry with `verifier` under `options` on `jobs` threads, printing
/// each record as it is decided (human lines, or JSON lines with `json`) in the
/// entries' order, then the summary (stderr; also the last JSON line). Returns the
/// summary; its exit code is the worst entry's.
pub fn run_batch(
    entries: &[BatchEntry],
    verifier: &Verifier,
    options: &SignatureOptions,
    jobs: usize,
    json: bool,
) -> Result<BatchSummary, Failure> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Failure {
            outcome: Outcome::Usage,
            message: format!("--jobs {jobs}: cannot start the threads: {e}"),
        })?;
    let progress = progress_bar(entries.len());
    let colour = crate::style::colour_enabled(Stream::Stdout);
    let mut summary = BatchSummary::new(jobs);
    let mut worst = BatchOutcome::Passed;
    let start = Instant::now();
    let mut rest = entries;
    while !rest.is_empty() {
        let mut loaded = Vec::new();
        let mut bytes = 0usize;
        let mut taken = 0usize;
        for entry in rest.iter().take(CHUNK_ENTRIES) {
            let item = load(entry);
            if let Loaded::Read { signature, content } = &item {
                bytes = bytes
                    .saturating_add(signature.len())
                    .saturating_add(content.as_ref().map_or(0, Vec::len));
            }
            loaded.push(item);
            taken = taken.saturating_add(1);
            if bytes >= CHUNK_BYTES {
                break;
            }
        }
        let (chunk, after) = rest.split_at(taken.min(rest.len()));
        rest = after;
        let inputs: Vec<BatchInput<'_>> = loaded
            .iter()
            .filter_map(|item| match item {
                Loaded::Read { signature, content } => Some(BatchInput {
                    signature,
                    content: content.as_deref(),
                }),
                Loaded::Failed(_) => None,
            })
            .collect();
        let results = pool
            .install(|| verifier.verify_many(&inputs, options))
            .map_err(|e| Failure::malformed("batch", e))?;
        let mut results = results.into_iter();
        let mut out = String::new();
        for (entry, item) in chunk.iter().zip(loaded) {
            let record = match item {
                Loaded::Failed(record) => record,
                Loaded::Read { .. } => match results.next() {
                    Some(Ok(report)) => BatchRecord::from_report(entry, report),
                    Some(Err(error)) => {
                        let mut record = BatchRecord::new(entry, BatchOutcome::Malformed);
                        record.error_kind = Some(error.kind());
                        record.error = Some(error.to_string());
                        record
                    }
                    None => {
                        return Err(Failure::malformed(
                            "batch",
                            "a verification result is missing",
                        ))
                    }
                },
            };
            summary.count(record.outcome);
            worst = worst.max(record.outcome);
            if json {
                let line = to_json_line(&record).map_err(|e| Failure::malformed("batch", e))?;
                out.push_str(&line);
                out.push('\n');
            } else {
                out.push_str(&record.render_text(colour));
            }
        }
        progress.suspend(|| stdout(&out));
        progress.inc(u64::try_from(taken).unwrap_or(u64::MAX));
    }
    progress.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();
    summary.elapsed_seconds = elapsed;
    summary.signatures_per_second = if elapsed > 0.0 {
        summary.total as f64 / elapsed
    } else {
        0.0
    };
    summary.worst = worst;
    summary.exit_code = worst.exit().code();
    if json {
        let line = to_json_line(&summary).map_err(|e| Failure::malformed("batch", e))?;
        stdout(&format!("{line}\n"));
    }
    stderr_line(&summary.line());
    Ok(summary)
}

/// A progress bar on stderr when stderr is a terminal; hidden otherwise.
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(u64::try_from(total).unwrap_or(u64::MAX)),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} signatures, {per_sec}, ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_paths_resolve_against_the_list_directory_and_absolute_paths_stay() {
        let entries = list_entries(
            "# comment\na.p7s a\n/abs/b.p7s\n\nc.p7s /abs/c\n",
            Path::new("/lists"),
            "list",
        )
        .unwrap();
        let got: Vec<(Option<usize>, PathBuf, Option<PathBuf>)> = entries
            .into_iter()
            .map(|e| (e.line, e.signature, e.content))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some(2),
                    PathBuf::from("/lists/a.p7s"),
                    Some(PathBuf::from("/lists/a"))
                ),
                (Some(3), PathBuf::from("/abs/b.p7s"), None),
                (
                    Some(5),
                    PathBuf::from("/lists/c.p7s"),
                    Some(PathBuf::from("/abs/c"))
                ),
            ]
        );
    }

    #[test]
    fn the_worst_outcome_follows_the_documented_order() {
        use BatchOutcome::*;
        let mut order = [Malformed, Passed, Failed, Indeterminate, Unreadable];
        order.sort();
        assert_eq!(
            order,
            [Passed, Indeterminate, Unreadable, Malformed, Failed]
        );
        let codes: Vec<u8> = order.iter().map(|o| o.exit().code()).collect();
        assert_eq!(codes, [0, 5, 2, 3, 4]);
    }
}
