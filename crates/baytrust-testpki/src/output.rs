//! Writing certificates and chain bundles as PEM under the output directory.

use std::fs;
use std::path::{Path, PathBuf};

use pem_rfc7468::LineEnding;

use crate::Result;

/// The output directory the PKI is written to.
pub struct Output {
    dir: PathBuf,
}

impl Output {
    /// Output under `dir`.
    pub fn new(dir: &Path) -> Self {
        Output {
            dir: dir.to_path_buf(),
        }
    }

    /// The output directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the certificates `ders`, in order, as one PEM file at `relative`.
    pub fn certs(&self, relative: &str, ders: &[&[u8]]) -> Result<()> {
        let mut pem = String::new();
        for der in ders {
            pem.push_str(&pem_rfc7468::encode_string(
                "CERTIFICATE",
                LineEnding::LF,
                der,
            )?);
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, pem)?;
        Ok(())
    }

    /// Writes one certificate at `relative`.
    pub fn cert(&self, relative: &str, der: &[u8]) -> Result<()> {
        self.certs(relative, &[der])
    }

    /// Writes a leaf at `relative` (`…/name.pem`) and its bundle `…/name-chain.pem`:
    /// the leaf followed by `intermediates` (the root is never in a bundle).
    pub fn leaf_with_chain(
        &self,
        relative: &str,
        leaf: &[u8],
        intermediates: &[&[u8]],
    ) -> Result<()> {
        self.cert(relative, leaf)?;
        let mut bundle = vec![leaf];
        bundle.extend_from_slice(intermediates);
        self.certs(&chain_name(relative), &bundle)
    }
}

/// `dir/name.pem` → `dir/name-chain.pem`.
pub fn chain_name(relative: &str) -> String {
    let stem = relative.strip_suffix(".pem").unwrap_or(relative);
    format!("{stem}-chain.pem")
}
