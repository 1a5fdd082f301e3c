//! The part of the PKI rcgen cannot sign (SM2, SHA-1, RSA-1024): the committed
//! `openssl-made.sh` beside the output, run last so that it can use the rcgen-made CAs.

use std::path::Path;
use std::process::Command;

use crate::Result;

/// The committed script, relative to the output directory.
pub const SCRIPT: &str = "openssl-made.sh";

/// Runs `<out_dir>/openssl-made.sh` with the output directory as working directory.
pub fn run(out_dir: &Path) -> Result<()> {
    if !out_dir.join(SCRIPT).is_file() {
        return Err(format!(
            "{} is missing: copy it (and openssl-ca.cnf) from testdata/pki",
            out_dir.join(SCRIPT).display()
        )
        .into());
    }
    let status = Command::new("sh")
        .arg(SCRIPT)
        .current_dir(out_dir)
        .status()?;
    if !status.success() {
        return Err(format!("{SCRIPT} failed: {status}").into());
    }
    Ok(())
}
