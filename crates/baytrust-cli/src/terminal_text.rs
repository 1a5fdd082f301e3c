//! Making certificate-derived text safe to print on a terminal: control characters, ANSI
//! escape sequences and bidirectional overrides are shown as escapes instead of acting.
//! Every human-readable presenter passes each value it did not write itself through
//! [`escape`]; `--json` output goes through [`to_json_pretty`], which leaves the
//! escaping of quotes and C0 controls to serde and writes the other characters
//! [`escape`] would touch as JSON `\uXXXX` escapes: a JSON reader decodes them to the
//! exact value, while the raw output cannot reorder or drive a terminal.
//!
//! Without this, an organisation name such as `ACME\x1b[2K\rVerification successful`
//! erases the line it is printed on and writes a forged result in its place, and a
//! U+202E RIGHT-TO-LEFT OVERRIDE makes a name read backwards.

use std::fmt::{self, Write};
use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// `value` as text with every character that can move the cursor, change the terminal's
/// state or reorder what follows written as an escape:
///
/// - C0 controls (U+0000–U+001F, newline, carriage return and tab included) and DEL
///   (U+007F) as `\xNN`; ESC, which starts every ANSI sequence, becomes `\x1b`;
/// - C1 controls (U+0080–U+009F; U+009B is a one-character CSI) as `\u{NN}`;
/// - the bidirectional embeddings, overrides and isolates U+202A–U+202E and
///   U+2066–U+2069, the marks U+200E, U+200F and U+061C, and the line and paragraph
///   separators U+2028 and U+2029, as `\u{NNNN}`.
///
/// Everything else, Chinese text included, is kept as it is. A backslash is kept too,
/// so a name that spells out `\x1b` itself reads the same as an escaped ESC: the
/// escaping makes text inert, not reversible.
pub fn escape<T: fmt::Display + ?Sized>(value: &T) -> String {
    let text = value.to_string();
    if !text.chars().any(needs_escape) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
        } else if u32::from(c) < 0x80 {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    out
}

/// Bytes as lower-case hex (the CLI's one hex formatter; hex is always safe to print).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Whether `c` is one of the characters [`escape`] writes as an escape.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `value` as pretty-printed JSON (as `serde_json::to_string_pretty`) with every
/// character [`escape`] would escape written as a JSON escape (`\u202e`): serde
/// escapes only quotes, backslashes and U+0000–U+001F, so a certificate's organisation
/// name could otherwise carry a raw U+202E RIGHT-TO-LEFT OVERRIDE or a C1 CSI into a
/// terminal, pager or CI log that shows the output. RFC 8259 §7 escapes decode to the
/// same characters, so a JSON consumer still gets the exact value.
pub fn to_json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, InertFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// `value` as one line of JSON (as `serde_json::to_string`), made inert as
/// [`to_json_pretty`] makes it: for JSON-lines output such as `verify --batch --json`.
pub fn to_json_line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, InertFormatter(CompactFormatter));
    value.serialize(&mut serializer)?;
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// A serde_json formatter (pretty or compact), with the string fragments made inert.
struct InertFormatter<F>(F);

impl<F: Formatter> Formatter for InertFormatter<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            let (before, after) = rest.split_at(at);
            writer.write_all(before.as_bytes())?;
            // Every character needs_escape matches is in the BMP: one \uXXXX.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = after.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, to_json_pretty};

    #[test]
    fn json_output_escapes_bidi_overrides_and_c1_controls_and_decodes_to_the_exact_value() {
        let name = "ACME \u{202e}gnissecorp\u{202c} Ltd \u{2066}x\u{2069} \u{9b}2K \u{7f} 港\x1b";
        let value = serde_json::json!({ "organisation": name, "list": [name] });
        let json = to_json_pretty(&value).unwrap();
        for c in [
            '\u{202e}', '\u{202c}', '\u{2066}', '\u{2069}', '\u{9b}', '\u{7f}', '\x1b',
        ] {
            assert!(!json.contains(c), "{c:?} raw in {json}");
        }
        assert!(
            json.contains(
                "ACME \\u202egnissecorp\\u202c Ltd \\u2066x\\u2069 \\u009b2K \\u007f 港\\u001b"
            ),
            "{json}"
        );
        let decoded: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, value);
        // Without such characters the output is serde_json's own, byte for byte.
        let plain = serde_json::json!({ "organisation": "深圳市前海物流有限公司", "n": [1, 2] });
        assert_eq!(
            to_json_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }

    #[test]
    fn ansi_erase_line_and_carriage_return_are_made_inert() {
        assert_eq!(
            escape("ACME\x1b[2K\rVerification successful"),
            "ACME\\x1b[2K\\x0dVerification successful"
        );
    }

    #[test]
    fn every_c0_control_and_del_is_escaped_as_hex() {
        for byte in (0u8..0x20).chain([0x7f]) {
            let c = char::from(byte);
            assert_eq!(escape(&c), format!("\\x{byte:02x}"), "{byte:#x}");
        }
        assert_eq!(escape("a\nb\tc"), "a\\x0ab\\x09c");
    }

    #[test]
    fn every_c1_control_is_escaped() {
        for code in 0x80u32..=0x9f {
            let c = char::from_u32(code).unwrap();
            assert_eq!(escape(&c), format!("\\u{{{code:x}}}"), "{code:#x}");
        }
        // U+009B, the one-character CSI.
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn bidi_overrides_isolates_and_marks_are_escaped() {
        for code in (0x202au32..=0x202e)
            .chain(0x2066..=0x2069)
            .chain([0x200e, 0x200f, 0x061c, 0x2028, 0x2029])
        {
            let c = char::from_u32(code).unwrap();
            assert_eq!(escape(&c), format!("\\u{{{code:x}}}"), "{code:#x}");
        }
        assert_eq!(escape("invoice\u{202e}fdp.exe"), "invoice\\u{202e}fdp.exe");
    }

    #[test]
    fn printable_text_in_any_script_is_unchanged() {
        for text in [
            "Harbour Logistics Limited",
            "前海科技有限公司",
            "Companhia de Macau, Limitada",
            "C=HK, O=ACME\\, Inc",
            "Ümlaut – dash… ©",
        ] {
            assert_eq!(escape(text), text);
        }
    }

    #[test]
    fn display_values_are_escaped_through_their_text() {
        struct Shouting;
        impl std::fmt::Display for Shouting {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\x07bell")
            }
        }
        assert_eq!(escape(&Shouting), "\\x07bell");
    }
}
