//! `baytrust trust-list build|sign`: the scheme operator's tools. `build` turns a
//! description (the `baytrust-trust-list/1` document with certificate file paths in
//! place of base64) into the document; `sign` wraps a document in an attached CMS
//! SignedData, as relying parties load it (docs/trust-list.md).

use std::path::{Path, PathBuf};

use base64::Engine;
use baytrust::{encode_pem, SignedDataBuilder};
use baytrust::{TrustList, TrustListDocument};

use crate::exit::{Failure, Outcome};
use crate::input::{read_certificates, read_input, read_signing_key};
use crate::output::write_file_or_stdout;

/// What `baytrust trust-list build` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildRequest {
    /// The description file (`-`: standard input, paths relative to the current
    /// directory).
    pub description: String,
    /// Where to write the document; `None` or `-` is standard output.
    pub out: Option<String>,
}

/// What `baytrust trust-list sign` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignListRequest {
    /// The signer's certificate file; its first certificate signs, any others are
    /// included like `--chain`.
    pub cert: String,
    /// The signer's PKCS#8 key, PEM or DER.
    pub key: String,
    /// Files of extra certificates to include.
    pub chain: Vec<String>,
    /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
    pub pem: bool,
    /// Where to write the signed list; `None` or `-` is standard output.
    pub out: Option<String>,
    /// The trust-list JSON file (`-` for standard input).
    pub list: String,
}

/// Reads a description, loads every certificate it names and returns the document,
/// checked by [`TrustList::from_document`]. Unreadable files are
/// [`Outcome::Unreadable`]; a malformed description, certificate file or resulting
/// list is [`Outcome::Malformed`].
pub fn build_document(description_path: &str) -> Result<TrustListDocument, Failure> {
    let bytes = read_input(description_path)?;
    // A description is the document format exactly, except that `roots` and
    // `issuing_cas` name certificate files (relative to the description's folder; PEM
    // or DER, several certificates per file allowed) instead of holding base64 DER:
    // read it as a document, then replace those two fields.
    let mut document: TrustListDocument =
        serde_json::from_slice(&bytes).map_err(|e| Failure::malformed(description_path, e))?;
    let base = if description_path == "-" {
        PathBuf::new()
    } else {
        Path::new(description_path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    for service in &mut document.services {
        service.roots = certificates_base64(&base, &service.roots)?;
        service.issuing_cas = certificates_base64(&base, &service.issuing_cas)?;
    }
    TrustList::from_document(&document).map_err(|e| Failure::malformed(description_path, e))?;
    Ok(document)
}

/// `baytrust trust-list build`: writes the document as pretty JSON ending in a newline.
pub fn run_build(request: &BuildRequest) -> Result<Outcome, Failure> {
    let document = build_document(&request.description)?;
    let mut json = serde_json::to_string_pretty(&document)
        .map_err(|e| Failure::malformed(&request.description, e))?;
    json.push('\n');
    write_file_or_stdout(request.out.as_deref(), json.as_bytes())?;
    Ok(Outcome::Passed)
}

/// `baytrust trust-list sign`: checks the list with
/// [`TrustList::from_json_unsigned_insecure`], then writes an attached CMS SignedData
/// over its exact bytes, claiming the list's `issued` time as signing time (so only the
/// randomised part of a signature changes between runs).
pub fn run_sign_list(request: &SignListRequest) -> Result<Outcome, Failure> {
    let list_bytes = read_input(&request.list)?;
    let list = TrustList::from_json_unsigned_insecure(&list_bytes)
        .map_err(|e| Failure::malformed(&request.list, e))?;
    let mut certificates = read_certificates(&request.cert)?.into_iter();
    let Some(certificate) = certificates.next() else {
        return Err(Failure::malformed(&request.cert, "no certificate"));
    };
    let key = read_signing_key(&request.key)?;
    let mut builder = SignedDataBuilder::new()
        .detached(false)
        .signing_time(list.issued)
        .signer(certificate, key)
        .map_err(|e| Failure::malformed(&request.key, e))?
        .chain(certificates.collect());
    for path in &request.chain {
        builder = builder.chain(read_certificates(path)?);
    }
    let der = builder
        .build(&mut &list_bytes[..])
        .map_err(|e| Failure::malformed(&request.list, e))?;
    let output = if request.pem {
        encode_pem(&der)
            .map_err(|e| Failure::malformed(&request.list, e))?
            .into_bytes()
    } else {
        der
    };
    write_file_or_stdout(request.out.as_deref(), &output)?;
    Ok(Outcome::Passed)
}

/// The certificates of every file in `paths` (resolved against `base`), base64 DER.
fn certificates_base64(base: &Path, paths: &[String]) -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    for relative in paths {
        let path = base.join(relative);
        let path = path.to_string_lossy();
        for der in read_certificates(&path)? {
            out.push(base64::engine::general_purpose::STANDARD.encode(der.as_ref()));
        }
    }
    Ok(out)
}
