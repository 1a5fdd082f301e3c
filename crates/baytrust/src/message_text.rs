//! How values read from untrusted input are written into error messages: names with
//! their control characters escaped (so a certificate cannot forge lines in a log) and
//! bytes as hex.

/// A name from a certificate, with control characters escaped.
pub(crate) fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Bytes as lower-case hex: the one hex formatter of the library.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Bytes as upper-case hex, as `openssl` prints serial numbers and CRL numbers.
pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    hex(bytes).to_ascii_uppercase()
}
