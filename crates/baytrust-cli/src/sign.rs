//! `baytrust sign`: makes a CMS SignedData (CAdES-B-B) over a file with one or more
//! signers' certificates and PKCS#8 keys, as `openssl cms -sign -binary` would, and
//! writes it as DER or PEM.

use std::fs::File;
use std::io::Read;

use baytrust::{encode_pem, SignedDataBuilder};
use baytrust::{Error, Time};

use crate::exit::{Failure, Outcome};
use crate::input::{read_certificates, read_signing_key};
use crate::output::write_file_or_stdout;

/// One signer: the files of its certificate and of its private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerFiles {
    /// A certificate file (DER or PEM). Its first certificate is the signer's; any
    /// others are added to the signature's certificates like `--chain`.
    pub cert: String,
    /// The private key file: PKCS#8, PEM (`PRIVATE KEY`) or DER.
    pub key: String,
}

/// Everything `baytrust sign` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignRequest {
    /// The signers, in command-line order (several make a co-signed document).
    pub signers: Vec<SignerFiles>,
    /// Files of extra certificates to include (issuing CAs), in order.
    pub chain: Vec<String>,
    /// Carry the content inside the signature instead of detached.
    pub attached: bool,
    /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
    pub pem: bool,
    /// Where to write the signature; `None` or `-` is standard output.
    pub out: Option<String>,
    /// The signing time every signer claims.
    pub signing_time: Time,
    /// The file to sign (`-` for standard input); streamed, never read whole unless
    /// attached.
    pub data: String,
}

/// Pairs `--cert` and `--key` values by their order; a count mismatch is a usage
/// error (exit 1).
pub fn pair_signers(certs: Vec<String>, keys: Vec<String>) -> Result<Vec<SignerFiles>, Failure> {
    if certs.len() != keys.len() {
        return Err(Failure {
            outcome: Outcome::Usage,
            message: format!(
                "{} --cert but {} --key: give one --key after each --cert",
                certs.len(),
                keys.len()
            ),
        });
    }
    Ok(certs
        .into_iter()
        .zip(keys)
        .map(|(cert, key)| SignerFiles { cert, key })
        .collect())
}

/// Signs `request.data` and writes the signature. Exit outcomes: unreadable inputs
/// (certificate, key, chain, data) are [`Outcome::Unreadable`], as is an output that
/// cannot be written; malformed certificates or keys, and a key that is not its
/// certificate's, are [`Outcome::Malformed`].
pub fn run_sign(request: &SignRequest) -> Result<Outcome, Failure> {
    let mut builder = SignedDataBuilder::new()
        .detached(!request.attached)
        .signing_time(request.signing_time);
    for signer in &request.signers {
        let mut certificates = read_certificates(&signer.cert)?.into_iter();
        let Some(certificate) = certificates.next() else {
            return Err(Failure::malformed(&signer.cert, "no certificate"));
        };
        let key = read_signing_key(&signer.key)?;
        builder = builder
            .signer(certificate, key)
            .map_err(|e| Failure::malformed(&signer.key, e))?
            .chain(certificates.collect());
    }
    for path in &request.chain {
        builder = builder.chain(read_certificates(path)?);
    }

    let der = if request.data == "-" {
        build(&builder, &mut std::io::stdin().lock(), &request.data)?
    } else {
        let mut file =
            File::open(&request.data).map_err(|e| Failure::unreadable(&request.data, e))?;
        build(&builder, &mut file, &request.data)?
    };
    let output = if request.pem {
        encode_pem(&der)
            .map_err(|e| Failure::malformed(&request.data, e))?
            .into_bytes()
    } else {
        der
    };
    write_file_or_stdout(request.out.as_deref(), &output)?;
    Ok(Outcome::Passed)
}

fn build(
    builder: &SignedDataBuilder,
    content: &mut impl Read,
    path: &str,
) -> Result<Vec<u8>, Failure> {
    builder.build(content).map_err(|e| match e {
        Error::ContentUnreadable { reason } => Failure::unreadable(path, reason),
        other => Failure::malformed(path, other),
    })
}
