//! Deterministic generator of baytrust's test PKI.
//!
//! `cargo run -p baytrust-testpki -- testdata/pki` (re)writes the CN, HK and MO
//! hierarchies, their organisation leaves, the edge cases and the trust-list operators'
//! certificates under the given directory, then runs the committed `openssl-made.sh`
//! there for what rcgen cannot sign (SM2, SHA-1, RSA-1024). Keys live in
//! `test-keys-NOT-SECRET-DO-NOT-USE/` and are made only when missing; names, serials,
//! dates and extensions are constants, so a rerun makes the same PKI (see `stable` for
//! the randomised ECDSA and SM2 signatures).

#![forbid(unsafe_code)]

mod adversarial;
mod ca;
mod edge;
mod extensions;
mod hierarchy;
mod hong_kong;
mod keys;
mod macao;
mod mainland;
mod names;
mod openssl_made;
mod output;
mod profile;
mod stable;
mod trust_list_operator;
mod validity;

use std::path::PathBuf;
use std::process::ExitCode;

/// Result of the generator's steps; any error ends the run with a message.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Generates the whole test PKI under `out_dir`.
fn generate(out_dir: PathBuf) -> Result<()> {
    std::fs::create_dir_all(&out_dir)?;
    let snapshot = stable::Snapshot::take(&out_dir)?;
    let keys = keys::KeyStore::new(&out_dir)?;
    let out = output::Output::new(&out_dir);

    let cn = mainland::generate(&keys, &out)?;
    let hk = hong_kong::generate(&keys, &out)?;
    macao::generate(&keys, &out)?;
    edge::generate(&keys, &out, &hk, &cn)?;
    adversarial::generate(&keys, &out, &hk)?;
    trust_list_operator::generate(&keys, &out)?;
    openssl_made::run(out.dir())?;

    let restored = snapshot.keep_unchanged()?;
    eprintln!(
        "test PKI written to {} ({restored} files kept: same content, randomised signature)",
        out_dir.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out_dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: baytrust-testpki <output-dir>   (normally testdata/pki)");
        return ExitCode::from(1);
    };
    match generate(PathBuf::from(out_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baytrust-testpki: {e}");
            ExitCode::FAILURE
        }
    }
}
