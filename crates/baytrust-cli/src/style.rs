//! Colour on the command line: only when the stream is a terminal, `NO_COLOR` is unset
//! or empty (<https://no-color.org>) and `TERM` is not `dumb`. Piped or redirected
//! output never carries an escape sequence. (clap's help follows the same rules.)

use std::io::IsTerminal;

/// An output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// A colour a verdict is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Passed.
    Green,
    /// Indeterminate.
    Yellow,
    /// Failed, malformed or unreadable.
    Red,
}

/// Whether text written to `stream` may be coloured.
pub fn colour_enabled(stream: Stream) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    terminal && !no_color && !dumb
}

/// `text` in `colour` when `enabled`, else `text` unchanged. `text` must already be
/// escaped ([`crate::terminal_text::escape`]) if it came from input.
pub fn paint(text: &str, colour: Colour, enabled: bool) -> String {
    if !enabled {
        return text.to_owned();
    }
    let code = match colour {
        Colour::Green => "32",
        Colour::Yellow => "33",
        Colour::Red => "31",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
