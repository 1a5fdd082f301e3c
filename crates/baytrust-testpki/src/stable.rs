//! Keeps reruns byte-stable: ECDSA and SM2 signatures are randomised, so after a rerun
//! every certificate file whose certificates have the same to-be-signed bytes as before
//! gets its previous bytes back (the old signatures are by the same keys over the same
//! bytes, hence still valid). RSA and Ed25519 output is deterministic without this.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use x509_parser::pem::Pem;

use crate::keys::KEY_DIR;
use crate::Result;

/// The certificate files of the output directory as they were before the run.
pub struct Snapshot {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Snapshot {
    /// Reads every `*.pem` under `dir` except the key directory.
    pub fn take(dir: &Path) -> Result<Self> {
        let mut files = BTreeMap::new();
        collect(dir, &mut files)?;
        Ok(Snapshot { files })
    }

    /// Restores each file whose new content differs from the snapshot only in
    /// signatures; returns how many were restored.
    pub fn keep_unchanged(&self) -> Result<usize> {
        let mut restored = 0;
        for (path, old) in &self.files {
            let Ok(new) = fs::read(path) else { continue };
            if &new == old {
                continue;
            }
            match (tbs_list(old), tbs_list(&new)) {
                (Some(a), Some(b)) if a == b => {
                    fs::write(path, old)?;
                    restored += 1;
                }
                _ => {}
            }
        }
        Ok(restored)
    }
}

/// Adds every `*.pem` under `dir` (recursively, skipping the key directory) to `files`.
fn collect(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != KEY_DIR) {
                collect(&path, files)?;
            }
        } else if path.extension().is_some_and(|e| e == "pem") {
            files.insert(path.clone(), fs::read(&path)?);
        }
    }
    Ok(())
}

/// The raw tbsCertificate bytes of each certificate in a PEM file, or `None` when the
/// file holds anything else (or nothing).
fn tbs_list(pem: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut list = Vec::new();
    for block in Pem::iter_from_buffer(pem) {
        let block = block.ok()?;
        if block.label != "CERTIFICATE" {
            return None;
        }
        let (_, cert) = x509_parser::parse_x509_certificate(&block.contents).ok()?;
        list.push(cert.tbs_certificate.as_ref().to_vec());
    }
    (!list.is_empty()).then_some(list)
}
