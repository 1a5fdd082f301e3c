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
    // One string, no `format!` per byte: this runs for every certificate of every report.
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for byte in bytes {
        out.extend(
            [byte >> 4, byte & 0x0f]
                .iter()
                .filter_map(|&nibble| char::from_digit(u32::from(nibble), 16)),
        );
    }
    out
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    hex(bytes).to_ascii_uppercase()
}
