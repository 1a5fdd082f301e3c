//! Reading the files (or standard input, `-`) that commands name.

use std::io::Read;

use baytrust::{decode_certificates, CertificateDer, CertificateInfo, SigningKey};

use crate::exit::Failure;

/// The most a single input file may hold (256 MiB): certificates, bundles and
/// signatures are small; anything larger is refused rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads all of `path` (`-` is standard input), refusing inputs over
/// [`MAX_INPUT_BYTES`].
pub fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::unreadable(path, e))?;
        return capped(path, bytes);
    }
    read_path(std::path::Path::new(path))
}

/// Reads all of the file `path` (never standard input: a batch entry named `-` is a
/// file of that name), refusing files over [`MAX_INPUT_BYTES`].
pub fn read_path(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    let name = path.to_string_lossy();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure::unreadable(&name, e))?;
    capped(&name, bytes)
}

fn capped(path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, Failure> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::unreadable(
            path,
            format!("larger than {MAX_INPUT_BYTES} bytes"),
        ));
    }
    Ok(bytes)
}

/// Reads the certificates of a file, naming it in errors.
pub fn read_certificates(path: &str) -> Result<Vec<CertificateDer>, Failure> {
    let bytes = read_input(path)?;
    let ders = decode_certificates(&bytes).map_err(|e| Failure::malformed(path, e))?;
    for (i, der) in ders.iter().enumerate() {
        CertificateInfo::parse(der)
            .map_err(|e| Failure::malformed(path, format!("certificate {}: {e}", i + 1)))?;
    }
    Ok(ders)
}

/// Reads a PKCS#8 private key, DER (starting with a SEQUENCE tag) or PEM.
pub fn read_signing_key(path: &str) -> Result<SigningKey, Failure> {
    let bytes = read_input(path)?;
    let key = if bytes.first() == Some(&0x30) {
        SigningKey::from_pkcs8_der(&bytes)
    } else {
        SigningKey::from_pkcs8_pem(&bytes)
    };
    key.map_err(|e| Failure::malformed(path, e))
}
