//! Writing to stdout and stderr without panicking: a reader that went away (`| head`)
//! ends the output quietly, as it does for other Unix tools, instead of the panic
//! `println!` raises.

use std::io::Write;

use crate::exit::{Failure, Outcome};

/// Writes `text` to stdout; a closed pipe or other write error ends the output quietly.
pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `line` and a newline to stderr, ignoring write errors.
pub fn stderr_line(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `bytes` to the file `out`, or to stdout when `out` is absent or `-`; a
/// failure to write is reported (exit 2), since the output is the command's product.
pub fn write_file_or_stdout(out: Option<&str>, bytes: &[u8]) -> Result<(), Failure> {
    let cannot_write = |path: &str, e: std::io::Error| Failure {
        outcome: Outcome::Unreadable,
        message: format!("{path}: cannot write: {e}"),
    };
    match out {
        None | Some("-") => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| cannot_write("stdout", e))
        }
        Some(path) => std::fs::write(path, bytes).map_err(|e| cannot_write(path, e)),
    }
}
