//! The CAdES-B-B signed attributes of one signer (ETSI EN 319 122-1 §5.2; RFC 5652
//! §11): content-type, message-digest, signing-time and ESS signing-certificate-v2,
//! as a DER `SET OF Attribute` whose encoding is what the signature covers (RFC 5652
//! §5.4).

use der::asn1::{GeneralizedTime, ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use der::{Any, DateTime, Encode};
use x509_cert::attr::{Attribute, Attributes};
use x509_cert::time::Time as X509Time;
use x509_cert::Certificate as X509Certificate;

use super::ess::SigningCertificateV2;
use crate::oid::typed::{
    ID_AA_SIGNING_CERTIFICATE_V2, ID_CONTENT_TYPE, ID_MESSAGE_DIGEST, ID_SIGNING_TIME,
};
use crate::{Error, Time};

/// The first year RFC 5652 §11.3 writes as GeneralizedTime rather than UTCTime.
const FIRST_GENERALIZED_TIME_YEAR: u16 = 2050;

/// What one signer's attributes say.
pub(super) struct SignedAttributeValues<'a> {
    /// The type of the signed content (`eContentType`).
    pub(super) content_type: ObjectIdentifier,
    /// The digest of the content under the signer's digest algorithm.
    pub(super) message_digest: &'a [u8],
    /// When the signer claims to have signed.
    pub(super) signing_time: Time,
    /// The signer's certificate as DER, hashed into signing-certificate-v2.
    pub(super) certificate_der: &'a [u8],
    /// The same certificate decoded, for its issuer and serial number.
    pub(super) certificate: &'a X509Certificate,
}

impl SignedAttributeValues<'_> {
    /// The attributes as a DER-sorted `SET OF Attribute` (X.690 §11.6), each holding
    /// exactly one value (RFC 5652 §11).
    pub(super) fn to_attributes(&self) -> Result<Attributes, Error> {
        let signing_certificate =
            SigningCertificateV2::for_signer(self.certificate_der, self.certificate)?;
        let message_digest =
            OctetString::new(self.message_digest).map_err(|e| encoding("messageDigest", e))?;
        let attributes = vec![
            attribute(ID_CONTENT_TYPE, &self.content_type, "contentType")?,
            attribute(ID_MESSAGE_DIGEST, &message_digest, "messageDigest")?,
            attribute(
                ID_SIGNING_TIME,
                &signing_time(self.signing_time)?,
                "signingTime",
            )?,
            attribute(
                ID_AA_SIGNING_CERTIFICATE_V2,
                &signing_certificate,
                "signingCertificateV2",
            )?,
        ];
        SetOfVec::try_from(attributes).map_err(|e| encoding("signedAttrs", e))
    }
}

/// The DER `SET OF` encoding of `attributes` (tag 0x31): the bytes the signature
/// covers (RFC 5652 §5.4), not the `[0] IMPLICIT` form stored in the SignerInfo.
pub(super) fn signed_bytes(attributes: &Attributes) -> Result<Vec<u8>, Error> {
    attributes.to_der().map_err(|e| encoding("signedAttrs", e))
}

/// The signing time as RFC 5652 §11.3 requires: UTCTime for 1950–2049 (here from
/// 1970, the earliest the encoder takes), GeneralizedTime from 2050.
pub(super) fn signing_time(time: Time) -> Result<X509Time, Error> {
    let out_of_range = || Error::SigningTimeOutOfRange { time };
    let seconds = u64::try_from(time.unix_seconds()).map_err(|_| out_of_range())?;
    let date_time = DateTime::from_unix_duration(std::time::Duration::from_secs(seconds))
        .map_err(|_| out_of_range())?;
    if date_time.year() < FIRST_GENERALIZED_TIME_YEAR {
        UtcTime::from_date_time(date_time)
            .map(X509Time::UtcTime)
            .map_err(|_| out_of_range())
    } else {
        Ok(X509Time::GeneralTime(GeneralizedTime::from_date_time(
            date_time,
        )))
    }
}

/// An attribute with the one value `value`.
fn attribute(
    oid: ObjectIdentifier,
    value: &(impl der::EncodeValue + der::Tagged),
    what: &str,
) -> Result<Attribute, Error> {
    let value = Any::encode_from(value).map_err(|e| encoding(what, e))?;
    let values = SetOfVec::try_from(vec![value]).map_err(|e| encoding(what, e))?;
    Ok(Attribute { oid, values })
}

fn encoding(what: &str, e: der::Error) -> Error {
    Error::CmsEncodingFailed {
        reason: format!("{what}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_time_is_utc_time_before_2050_and_generalized_time_from_2050() {
        // 2049-12-31T23:59:59Z and 2050-01-01T00:00:00Z.
        let last_utc = signing_time(Time::from_unix_seconds(2_524_607_999)).unwrap();
        assert_eq!(
            last_utc.to_der().unwrap(),
            b"\x17\x0d491231235959Z".to_vec()
        );
        let first_generalized = signing_time(Time::from_unix_seconds(2_524_608_000)).unwrap();
        assert_eq!(
            first_generalized.to_der().unwrap(),
            b"\x18\x0f20500101000000Z".to_vec()
        );
        assert_eq!(
            signing_time(Time::from_unix_seconds(-1)),
            Err(Error::SigningTimeOutOfRange {
                time: Time::from_unix_seconds(-1)
            })
        );
    }
}
