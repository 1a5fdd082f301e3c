//! The CRL bench of the revocation issue (moved from `crates/baytrust/benches/crl.rs`):
//! a 1,000,000-entry CRL built here as DER (each entry: serial, revocationDate,
//! reasonCode; the signature a placeholder, since parsing does not check it), parsed
//! (in serial order, and reversed so the parser must sort), then looked up (hits and
//! misses).

/// Entries of the CRL.
pub const ENTRIES: u32 = 1_000_000;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// The minimal INTEGER content of `n` (positive: a leading zero before a top bit).
pub fn serial(n: u32) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().take_while(|&&b| b == 0).count().min(3);
    let mut out = bytes[start..].to_vec();
    if out[0] & 0x80 != 0 {
        out.insert(0, 0);
    }
    out
}

fn issuer_name() -> Vec<u8> {
    let attribute = [tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0C, b"Bench CA")].concat();
    tlv(0x30, &tlv(0x31, &tlv(0x30, &attribute)))
}

/// A CRL of [`ENTRIES`] entries, in serial order or reversed.
pub fn million_entry_crl(reverse: bool) -> Vec<u8> {
    let algorithm = tlv(
        0x30,
        &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]),
    );
    let reason = tlv(
        0x30,
        &tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x1D, 0x15]), tlv(0x04, &tlv(0x0A, &[1]))].concat(),
        ),
    );
    let date = tlv(0x17, b"260401000000Z");
    let mut entries = Vec::with_capacity(ENTRIES as usize * 30);
    let serials: Box<dyn Iterator<Item = u32>> = if reverse {
        Box::new((1..=ENTRIES).rev())
    } else {
        Box::new(1..=ENTRIES)
    };
    for n in serials {
        let body = [tlv(0x02, &serial(n)), date.clone(), reason.clone()].concat();
        entries.extend(tlv(0x30, &body));
    }
    let crl_number = tlv(
        0x30,
        &[tlv(0x06, &[0x55, 0x1D, 0x14]), tlv(0x04, &tlv(0x02, &[1]))].concat(),
    );
    let tbs = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            algorithm.clone(),
            issuer_name(),
            tlv(0x17, b"260501000000Z"),
            tlv(0x17, b"260701000000Z"),
            tlv(0x30, &entries),
            tlv(0xA0, &tlv(0x30, &crl_number)),
        ]
        .concat(),
    );
    tlv(0x30, &[tbs, algorithm, tlv(0x03, &[0, 1, 2, 3])].concat())
}
