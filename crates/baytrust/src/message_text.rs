//! How values read from untrusted input are written into error messages: names with
//! their control characters escaped (so a certificate cannot forge lines in a log) and
//! bytes as lower-case hex.

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

/// Bytes as lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
