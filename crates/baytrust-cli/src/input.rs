//! Reading the files (or standard input, `-`) that commands name.

use std::io::Read;

use crate::exit::Failure;

/// The most a single input file may hold (256 MiB): certificates, bundles and
/// signatures are small; anything larger is refused rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads all of `path` (`-` is standard input), refusing inputs over
/// [`MAX_INPUT_BYTES`].
pub fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::unreadable(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::unreadable(
            path,
            format!("larger than {MAX_INPUT_BYTES} bytes"),
        ));
    }
    Ok(bytes)
}
