//! Writing to stdout and stderr without panicking: a reader that went away (`| head`)
//! ends the output quietly, as it does for other Unix tools, instead of the panic
//! `println!` raises.

use std::io::Write;

/// Writes `text` to stdout; a closed pipe or other write error ends the output quietly.
pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `line` and a newline to stderr, ignoring write errors.
pub fn stderr_line(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
