//! Certificates and trust anchors named on the command line: `--untrusted FILE` and
//! `--cafile [JUR:]FILE`, shared by `chain` and `verify`.

use baytrust::cert::{decode_certificates, Certificate, CertificateDer};
use baytrust::identity::Jurisdiction;
use baytrust::trust::{TrustAnchor, TrustStore};

use crate::exit::{Failure, Outcome};
use crate::input::read_input;

/// Reads the certificates of a file, naming it in errors.
pub fn read_certificates(path: &str) -> Result<Vec<CertificateDer>, Failure> {
    let bytes = read_input(path)?;
    let ders = decode_certificates(&bytes).map_err(|e| Failure::malformed(path, e))?;
    for (i, der) in ders.iter().enumerate() {
        der.parse()
            .map_err(|e| Failure::malformed(path, format!("certificate {}: {e}", i + 1)))?;
    }
    Ok(ders)
}

/// Loads `--cafile [JUR:]FILE` arguments into a store. Without a prefix, the
/// jurisdiction is the anchor's subject country.
pub fn load_anchors(cafiles: &[String]) -> Result<TrustStore, Failure> {
    let mut builder = TrustStore::builder();
    for argument in cafiles {
        let (given, path) = match argument.split_once(':') {
            Some((code, path)) if code.parse::<Jurisdiction>().is_ok() => (code.parse().ok(), path),
            _ => (None, argument.as_str()),
        };
        for der in read_certificates(path)? {
            let certificate = der.parse().map_err(|e| Failure::malformed(path, e))?;
            let jurisdiction = match given {
                Some(jurisdiction) => jurisdiction,
                None => anchor_country(&certificate).ok_or_else(|| Failure {
                    outcome: Outcome::Usage,
                    message: format!(
                        "{path}: the anchor's country is not CN, HK or MO; say which jurisdiction trusts it: --cafile HK:{path}"
                    ),
                })?,
            };
            let anchor = TrustAnchor::new(jurisdiction, &certificate)
                .map_err(|e| Failure::malformed(path, e))?;
            builder = builder.anchor(anchor);
        }
    }
    builder
        .build()
        .map_err(|e| Failure::malformed("trust anchors", e))
}

fn anchor_country(certificate: &Certificate<'_>) -> Option<Jurisdiction> {
    certificate
        .subject_attribute_texts(baytrust::oid::COUNTRY_NAME)
        .ok()?
        .first()?
        .parse()
        .ok()
}
