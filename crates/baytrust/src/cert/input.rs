//! Certificate input: one DER certificate, or PEM text holding one or more
//! `CERTIFICATE` blocks (RFC 7468 §5), with explanatory text between blocks allowed.

use crate::Error;

/// The DER bytes of one certificate, as read from the caller's input (not yet parsed):
/// owned, cheap to move, and convertible from and to
/// [`rustls_pki_types::CertificateDer<'static>`] (the type rustls hands out), which it
/// wraps. A newtype rather than the rustls type itself so baytrust's own constructors
/// ([`decode_certificates`], [`CertificateDer::from_vec`]) and its parsing stay on one
/// type that baytrust documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateDer(rustls_pki_types::CertificateDer<'static>);

impl CertificateDer {
    /// Wraps DER bytes.
    pub fn from_vec(der: Vec<u8>) -> Self {
        Self(rustls_pki_types::CertificateDer::from(der))
    }

    internal_pub! {
        /// Parses these bytes into the internal [`Certificate`](super::Certificate) view.
        pub fn parse(&self) -> Result<super::Certificate<'_>, Error> {
            super::Certificate::from_der(self.0.as_ref())
        }
    }
}

impl AsRef<[u8]> for CertificateDer {
    fn as_ref(&self) -> &[u8] {
        self.0.as_ref()
    }
}

impl From<Vec<u8>> for CertificateDer {
    fn from(der: Vec<u8>) -> Self {
        Self::from_vec(der)
    }
}

impl From<rustls_pki_types::CertificateDer<'_>> for CertificateDer {
    fn from(der: rustls_pki_types::CertificateDer<'_>) -> Self {
        Self(der.into_owned())
    }
}

impl From<CertificateDer> for rustls_pki_types::CertificateDer<'static> {
    fn from(der: CertificateDer) -> Self {
        der.0
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
        .map(CertificateDer::from_vec)
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
