//! The fixed test keys: loaded from `test-keys-NOT-SECRET-DO-NOT-USE/<name>.key.pem`
//! (PKCS#8 PEM) and created only when that file is missing (RSA and Ed25519 by
//! `openssl genpkey`, ECDSA by rcgen), so that a rerun of the generator signs with the
//! same keys and makes the same PKI.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rcgen::{
    KeyPair, SignatureAlgorithm, PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ED25519,
    PKCS_RSA_SHA256,
};

use crate::Result;

/// Directory, under the output directory, that holds every private key of the test PKI.
pub const KEY_DIR: &str = "test-keys-NOT-SECRET-DO-NOT-USE";

/// The kind of a key, which fixes how it is generated and which algorithm signs with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA 2048-bit, signing sha256WithRSAEncryption.
    Rsa2048,
    /// RSA 4096-bit, signing sha256WithRSAEncryption.
    Rsa4096,
    /// ECDSA on P-256, signing ecdsa-with-SHA256.
    EcdsaP256,
    /// ECDSA on P-384, signing ecdsa-with-SHA384.
    EcdsaP384,
    /// Ed25519.
    Ed25519,
}

impl KeyKind {
    /// The signature algorithm a key of this kind signs with.
    fn signature_algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyKind::Rsa2048 | KeyKind::Rsa4096 => &PKCS_RSA_SHA256,
            KeyKind::EcdsaP256 => &PKCS_ECDSA_P256_SHA256,
            KeyKind::EcdsaP384 => &PKCS_ECDSA_P384_SHA384,
            KeyKind::Ed25519 => &PKCS_ED25519,
        }
    }

    /// The `openssl genpkey` arguments that make a key of this kind, for the kinds
    /// made by OpenSSL: RSA (ring cannot generate it) and Ed25519 (ring writes PKCS#8
    /// v2, which OpenSSL 3.0 cannot read; OpenSSL's v1 loads in both).
    fn openssl_genpkey_args(self) -> Option<&'static [&'static str]> {
        match self {
            KeyKind::Rsa2048 => Some(&["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
            KeyKind::Rsa4096 => Some(&["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"]),
            KeyKind::Ed25519 => Some(&["-algorithm", "ED25519"]),
            KeyKind::EcdsaP256 | KeyKind::EcdsaP384 => None,
        }
    }
}

/// Loads the fixed keys of the test PKI, creating any that are missing.
pub struct KeyStore {
    dir: PathBuf,
}

impl KeyStore {
    /// A key store over `<out_dir>/test-keys-NOT-SECRET-DO-NOT-USE`.
    pub fn new(out_dir: &Path) -> Result<Self> {
        let dir = out_dir.join(KEY_DIR);
        fs::create_dir_all(&dir)?;
        Ok(KeyStore { dir })
    }

    /// The key called `name`, of kind `kind`; generated and stored first if its file is
    /// missing.
    pub fn key(&self, name: &str, kind: KeyKind) -> Result<KeyPair> {
        let path = self.dir.join(format!("{name}.key.pem"));
        if !path.exists() {
            generate(&path, kind)?;
        }
        let pem = fs::read_to_string(&path)?;
        KeyPair::from_pkcs8_pem_and_sign_algo(&pem, kind.signature_algorithm())
            .map_err(|e| format!("{}: not a {kind:?} PKCS#8 key: {e}", path.display()).into())
    }
}

/// Writes a new key of `kind` to `path`.
fn generate(path: &Path, kind: KeyKind) -> Result<()> {
    eprintln!("creating key {}", path.display());
    match kind.openssl_genpkey_args() {
        Some(args) => {
            let status = Command::new("openssl")
                .args(["genpkey", "-quiet"])
                .args(args)
                .arg("-out")
                .arg(path)
                .status()?;
            if !status.success() {
                return Err(format!("openssl genpkey failed for {}", path.display()).into());
            }
        }
        None => {
            let key = KeyPair::generate_for(kind.signature_algorithm())?;
            fs::write(path, key.serialize_pem())?;
        }
    }
    Ok(())
}
