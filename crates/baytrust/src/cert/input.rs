//! Certificate input: one DER certificate, or PEM text holding one or more
//! `CERTIFICATE` blocks (RFC 7468 §5), with explanatory text between blocks allowed.

use crate::Error;

/// The DER bytes of one certificate, as read from the caller's input (not yet parsed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateDer(Vec<u8>);

impl CertificateDer {
    /// Wraps DER bytes.
    pub fn from_vec(der: Vec<u8>) -> Self {
        Self(der)
    }

    /// Parses these bytes into a [`Certificate`](super::Certificate) view.
    pub fn parse(&self) -> Result<super::Certificate<'_>, Error> {
        super::Certificate::from_der(&self.0)
    }
}

impl AsRef<[u8]> for CertificateDer {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The PEM label of a certificate (RFC 7468 §5.1).
const CERTIFICATE_LABEL: &str = "CERTIFICATE";

/// Reads certificates from `input`: DER (one certificate, starting with a SEQUENCE tag)
/// or PEM (any number of `CERTIFICATE` blocks). Each certificate is returned as DER;
/// none is parsed yet. A PEM block with another label is an error, not skipped: a
/// bundle that silently loses a member is worse than one that fails.
pub fn decode_certificates(input: &[u8]) -> Result<Vec<CertificateDer>, Error> {
    Ok(crate::pem::der_or_pem(input, CERTIFICATE_LABEL)?
        .into_iter()
        .map(CertificateDer)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM_OF_NULL: &str = "-----BEGIN CERTIFICATE-----\nBQA=\n-----END CERTIFICATE-----\n";

    #[test]
    fn pem_bundle_with_explanatory_text_yields_each_block() {
        let text = format!("# first\n{PEM_OF_NULL}\nsecond:\n{PEM_OF_NULL}");
        let ders = decode_certificates(text.as_bytes()).unwrap();
        assert_eq!(ders.len(), 2);
        assert_eq!(ders[0].as_ref(), &[0x05, 0x00]);
    }

    #[test]
    fn pem_block_with_another_label_is_refused() {
        let text = "-----BEGIN PRIVATE KEY-----\nBQA=\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            decode_certificates(text.as_bytes()),
            Err(Error::PemWrongLabel {
                found: "PRIVATE KEY".into(),
                expected: "CERTIFICATE"
            })
        );
    }

    #[test]
    fn pem_block_without_end_line_is_malformed() {
        let text = "-----BEGIN CERTIFICATE-----\nBQA=\n";
        assert!(matches!(
            decode_certificates(text.as_bytes()),
            Err(Error::PemMalformed { .. })
        ));
    }

    #[test]
    fn empty_and_unrecognised_inputs_have_their_own_errors() {
        assert_eq!(decode_certificates(b""), Err(Error::EmptyInput));
        assert_eq!(decode_certificates(b"  \n"), Err(Error::EmptyInput));
        assert_eq!(
            decode_certificates(b"hello world"),
            Err(Error::UnrecognisedEncoding)
        );
    }
}
