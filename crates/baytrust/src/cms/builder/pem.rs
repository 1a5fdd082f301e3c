//! The PEM form of a CMS signature: a `CMS` block (RFC 7468 §9), as `openssl cms
//! -outform PEM` writes it.

use crate::Error;

/// The PEM label of a CMS `ContentInfo` (RFC 7468 §9).
pub const CMS_PEM_LABEL: &str = "CMS";

/// Wraps a DER `ContentInfo` as `-----BEGIN CMS-----` … `-----END CMS-----`, base64 in
/// 64-character lines ending in `\n`.
pub fn encode_pem(der: &[u8]) -> Result<String, Error> {
    pem_rfc7468::encode_string(CMS_PEM_LABEL, pem_rfc7468::LineEnding::LF, der).map_err(|e| {
        Error::CmsEncodingFailed {
            reason: format!("PEM: {e}"),
        }
    })
}
