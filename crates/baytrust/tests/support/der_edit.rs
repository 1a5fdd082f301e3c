//! Byte-level DER editing for tests that build certificates a conforming encoder never
//! would: single-byte tags, definite lengths up to 0xffff.

/// DER TLV with a definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend(content);
    out
}

/// Splits DER `content` into its TLVs (single-byte tags, definite lengths).
pub fn split(mut content: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (len, header) = match content[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81 => (content[2] as usize, 3),
            0x82 => (((content[2] as usize) << 8) | content[3] as usize, 4),
            other => panic!("length form {other:#x}"),
        };
        out.push(content[..header + len].to_vec());
        content = &content[header + len..];
    }
    out
}

/// The content of a TLV.
pub fn content(tlv_bytes: &[u8]) -> &[u8] {
    let header = match tlv_bytes[1] {
        n if n < 0x80 => 2,
        0x81 => 3,
        _ => 4,
    };
    &tlv_bytes[header..]
}
