//! `ErrorCategory`: the three kinds of [`Error`] a caller matches on — the input is not
//! usable, a rule or the relying party's policy refused it, or baytrust (or what it was
//! handed to read from) failed.

use crate::Error;

/// What kind of failure an [`Error`] is ([`Error::category`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCategory {
    /// The input is not usable: malformed DER, PEM, certificate, CMS, CRL, OCSP or
    /// trust-list bytes, an encoding or algorithm baytrust does not read, a missing
    /// part. Retrying with the same bytes fails the same way; a service answers
    /// "bad request".
    Input,
    /// The input is well formed, and a rule or the relying party's policy refused it:
    /// an invalid signature, a path that does not validate, a revoked or expired
    /// certificate, a stale or unauthorised trust list, a size or work cap, an
    /// identity that contradicts itself.
    Refused,
    /// baytrust failed, or what it reads from did: the caller's content reader
    /// returned an I/O error, a signing backend or the encoder failed. Not a verdict
    /// on the input.
    Internal,
}

impl Error {
    /// The error's [`ErrorCategory`]: bad input, refused by a rule or policy, or
    /// internal.
    pub fn category(&self) -> ErrorCategory {
        match self {
            Error::EmptyInput
            | Error::PemNoBlock
            | Error::PemWrongLabel { .. }
            | Error::PemMalformed { .. }
            | Error::UnrecognisedEncoding
            | Error::TimeMalformed { .. }
            | Error::CertificateMalformed { .. }
            | Error::TrailingData { .. }
            | Error::DuplicateExtension { .. }
            | Error::ExtensionMalformed { .. }
            | Error::AttributeNotText { .. }
            | Error::CertificateVersionUnknown { .. }
            | Error::ExtensionsBeforeV3 { .. }
            | Error::UniqueIdentifierInV1
            | Error::SignatureAlgorithmMismatch { .. }
            | Error::EmptySubjectWithoutCriticalSan { .. }
            | Error::SubjectAltNameEmpty
            | Error::SanMailboxMalformed { .. }
            | Error::SanDnsNameInvalid { .. }
            | Error::SanIpAddressMalformed { .. }
            | Error::NameConstraintsEmpty
            | Error::NameConstraintSubtreesEmpty { .. }
            | Error::NameConstraintMinimumNotZero { .. }
            | Error::NameConstraintMaximumPresent { .. }
            | Error::NameConstraintValueMalformed { .. }
            | Error::SerialNumberTooLong { .. }
            | Error::ValidityTimeMalformed { .. }
            | Error::PathLenWithoutCa { .. }
            | Error::CertificatePoliciesEmpty
            | Error::CertificatePolicyRepeated { .. }
            | Error::PolicyConstraintsEmpty
            | Error::SanUriMalformed { .. }
            | Error::NameStringMalformed { .. }
            | Error::NameRdnEmpty { .. }
            | Error::SanDirectoryNameEmpty
            | Error::UnsupportedSignatureAlgorithm { .. }
            | Error::UnsupportedPublicKeyAlgorithm { .. }
            | Error::AlgorithmParametersInvalid { .. }
            | Error::PublicKeyInvalid { .. }
            | Error::SignatureMalformed { .. }
            | Error::PssMaskHashMismatch { .. }
            | Error::PssTrailerFieldInvalid { .. }
            | Error::PssSaltLengthInvalid { .. }
            | Error::ExplicitCurveUnsupported { .. }
            | Error::UnsupportedDigestAlgorithm { .. }
            | Error::CmsMalformed { .. }
            | Error::CmsNotSignedData { .. }
            | Error::SigningKeyInvalid { .. }
            | Error::SignerKeyMismatch { .. }
            | Error::NoSigners
            | Error::SigningTimeOutOfRange { .. }
            | Error::CmsContentMissing
            | Error::CmsContentTwice
            | Error::CmsNoSigners { .. }
            | Error::CmsSignedAndEnvelopedData { .. }
            | Error::DetachedContentNotSupplied
            | Error::SignerInfoVersionMismatch { .. }
            | Error::DigestAlgorithmNotListed { .. }
            | Error::ContentTypeMismatch { .. }
            | Error::TrustListMalformed { .. }
            | Error::TrustListFormatUnknown { .. }
            | Error::NameConstraintNameMalformed { .. }
            | Error::UnknownJurisdiction { .. }
            | Error::CanonicalOrgIdMalformed { .. }
            | Error::UsccWrongLength { .. }
            | Error::UsccBadCharacter { .. }
            | Error::UsccCheckMismatch { .. }
            | Error::HkBrnMalformed { .. }
            | Error::MoRegistrationMalformed { .. }
            | Error::IdentityProfileMalformed { .. }
            | Error::CrlMalformed { .. }
            | Error::CrlTrailingData { .. }
            | Error::CrlVersionInvalid { .. }
            | Error::CrlSignatureAlgorithmMismatch { .. }
            | Error::CrlDuplicateExtension { .. }
            | Error::CrlEntryDuplicateExtension { .. }
            | Error::CrlEntryReasonInvalid { .. }
            | Error::CrlRemoveFromCrlInCompleteCrl { .. }
            | Error::CrlCertificateIssuerInDirectCrl
            | Error::CrlScopeInvalid { .. }
            | Error::OcspMalformed { .. }
            | Error::OcspResponseTypeUnsupported { .. }
            | Error::OcspVersionInvalid { .. }
            | Error::OcspHashAlgorithmUnsupported { .. }
            // ---- mutual authentication (issue 12) ----
            | Error::AuthMessageTooLarge { .. }
            | Error::AuthTooManyCertificates { .. }
            | Error::AuthMessageMalformed { .. }
            | Error::AuthVersionUnsupported { .. }
            | Error::AuthCredentialsInvalid { .. } => ErrorCategory::Input,
            Error::Sha1Refused { .. }
            | Error::Md5Refused { .. }
            | Error::RsaKeyTooSmall { .. }
            | Error::AlgorithmKeyMismatch { .. }
            | Error::SignatureInvalid
            | Error::Sm2SignerIdTooLong { .. }
            | Error::PssKeyConstraintViolated { .. }
            | Error::RsaKeyTooLarge { .. }
            | Error::SigningTimeMissing
            | Error::TooManySigners { .. }
            | Error::TooManyCertificates { .. }
            | Error::DetachedContentTooLarge { .. }
            | Error::SignedAttributesRequired { .. }
            | Error::TrustListSequenceRegressed { .. }
            | Error::TrustListSignatureInvalid { .. }
            | Error::TrustListOperatorUnknown { .. }
            | Error::TrustListStale { .. }
            | Error::TrustListJurisdictionMismatch { .. }
            | Error::TrustListTooLarge { .. }
            | Error::UnknownIssuer { .. }
            | Error::ChainSignature { .. }
            | Error::PublicKeyRefused { .. }
            | Error::CertificateExpired { .. }
            | Error::CertificateNotYetValid { .. }
            | Error::NotACa { .. }
            | Error::PathLenExceeded { .. }
            | Error::KeyCertSignMissing { .. }
            | Error::LeafKeyUsageMissing { .. }
            | Error::ExtendedKeyUsageMissing { .. }
            | Error::NameConstraintViolation { .. }
            | Error::NameConstraintUnsupported { .. }
            | Error::UnrecognisedCriticalExtension { .. }
            | Error::PolicyMappingAnyPolicy { .. }
            | Error::NoValidPolicy { .. }
            | Error::PathTooLong { .. }
            | Error::BudgetExceeded { .. }
            | Error::AnchorExpired { .. }
            | Error::AnchorNotYetValid { .. }
            | Error::AnchorNotCa { .. }
            | Error::AnchorKeyCertSignMissing { .. }
            | Error::AnchorUnrecognisedCriticalExtension { .. }
            | Error::AnchorKeyIdentifierCritical { .. }
            | Error::AnchorSubjectEmpty { .. }
            | Error::AnchorPathLenExceeded { .. }
            | Error::KeyIdentifierCritical { .. }
            | Error::AuthorityKeyIdMissing { .. }
            | Error::SubjectKeyIdMissing { .. }
            | Error::NameConstraintsInEndEntity { .. }
            | Error::CaUsedAsEndEntity { .. }
            | Error::EndEntityKeyCertSign { .. }
            | Error::IdentityFieldMissing { .. }
            | Error::IdentityConflict { .. }
            | Error::IdentityPatternMismatch { .. }
            | Error::OrganizationIdentifierRepeated { .. }
            | Error::OrganizationIdentifierCountryMismatch { .. }
            | Error::IdentityExtensionConflict { .. }
            | Error::OrgIdJurisdictionMismatch { .. }
            | Error::CrlExtensionsInV1
            | Error::CrlUnknownCriticalExtension { .. }
            | Error::CrlEntryUnknownCriticalExtension { .. }
            | Error::CrlTooManyEntries { .. }
            | Error::CrlSignatureInvalid { .. }
            | Error::CrlNotYetValid { .. }
            | Error::CrlStale { .. }
            | Error::CrlSignerNameMismatch { .. }
            | Error::CrlSignerLacksCrlSign { .. }
            | Error::CrlSignerUnavailable { .. }
            | Error::CrlReasonsNotCovered { .. }
            | Error::DeltaCrlBaseTooNew { .. }
            | Error::DeltaCrlNotNewer { .. }
            | Error::RevocationSourcesFull { .. }
            | Error::OcspUnsuccessful { .. }
            | Error::OcspUnknownCriticalExtension { .. }
            | Error::OcspCertIdMismatch { .. }
            | Error::OcspResponderUnauthorised { .. }
            | Error::OcspResponderLacksOcspSigning { .. }
            | Error::OcspResponderCertificateInvalid { .. }
            | Error::OcspSignatureInvalid { .. }
            | Error::OcspNotYetValid { .. }
            | Error::OcspStale { .. }
            | Error::CertificateRevoked { .. }
            | Error::OcspResponderRevoked { .. }
            | Error::OcspResponderStatusUnavailable { .. }
            | Error::RevocationStatusUnavailable { .. }
            // ---- mutual authentication (issue 12) ----
            | Error::AuthMessageReplayed { .. }
            | Error::AuthNonceReused { .. }
            | Error::AuthReflected { .. }
            | Error::AuthSessionMismatch { .. }
            | Error::AuthTimestampOutOfSkew { .. }
            | Error::AuthSignatureInvalid { .. }
            | Error::AuthSignatureAlgorithmRefused { .. }
            | Error::AuthPeerNotRecognised { .. }
            | Error::AuthIdentityUnexpected { .. }
            | Error::AuthIdentityClaimMismatch { .. }
            | Error::AuthReplayCacheFull { .. }
            // ---- batch verification (issue 11) ----
            | Error::BatchTooLarge { .. } => ErrorCategory::Refused,
            Error::ContentUnreadable { .. }
            | Error::AuthRandomUnavailable { .. }
            | Error::SigningFailed { .. }
            | Error::CmsEncodingFailed { .. } => ErrorCategory::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCategory::{Input, Internal, Refused};
    use super::*;
    use crate::Time;

    /// Every variant, with its category.
    fn every_variant() -> Vec<(Error, ErrorCategory)> {
        vec![
            (Error::EmptyInput, Input),
            (Error::PemNoBlock, Input),
            (
                Error::PemWrongLabel {
                    found: String::new(),
                    expected: "",
                },
                Input,
            ),
            (
                Error::PemMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::UnrecognisedEncoding, Input),
            (
                Error::TimeMalformed {
                    value: String::new(),
                },
                Input,
            ),
            (
                Error::CertificateMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::TrailingData { count: 0 }, Input),
            (Error::DuplicateExtension { oid: String::new() }, Input),
            (
                Error::ExtensionMalformed {
                    oid: String::new(),
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::AttributeNotText {
                    oid: String::new(),
                    reason: String::new(),
                },
                Input,
            ),
            (Error::CertificateVersionUnknown { version: 0 }, Input),
            (Error::ExtensionsBeforeV3 { version: 0 }, Input),
            (Error::UniqueIdentifierInV1, Input),
            (
                Error::SignatureAlgorithmMismatch {
                    tbs_signature: String::new(),
                    signature_algorithm: String::new(),
                },
                Input,
            ),
            (
                Error::EmptySubjectWithoutCriticalSan { san_present: false },
                Input,
            ),
            (Error::SubjectAltNameEmpty, Input),
            (
                Error::SanMailboxMalformed {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::SanDnsNameInvalid {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (Error::SanIpAddressMalformed { len: 0 }, Input),
            (Error::NameConstraintsEmpty, Input),
            (Error::NameConstraintSubtreesEmpty { field: "" }, Input),
            (Error::NameConstraintMinimumNotZero { minimum: 0 }, Input),
            (Error::NameConstraintMaximumPresent { maximum: 0 }, Input),
            (
                Error::NameConstraintValueMalformed {
                    form: "",
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (Error::SerialNumberTooLong { octets: 0 }, Input),
            (
                Error::ValidityTimeMalformed {
                    field: "",
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::PathLenWithoutCa {
                    path_len_constraint: 0,
                },
                Input,
            ),
            (Error::CertificatePoliciesEmpty, Input),
            (
                Error::CertificatePolicyRepeated { oid: String::new() },
                Input,
            ),
            (Error::PolicyConstraintsEmpty, Input),
            (
                Error::SanUriMalformed {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::NameStringMalformed {
                    field: "",
                    oid: String::new(),
                    reason: String::new(),
                },
                Input,
            ),
            (Error::NameRdnEmpty { field: "" }, Input),
            (Error::SanDirectoryNameEmpty, Input),
            (
                Error::UnsupportedSignatureAlgorithm { oid: String::new() },
                Input,
            ),
            (
                Error::UnsupportedPublicKeyAlgorithm { oid: String::new() },
                Input,
            ),
            (Error::Sha1Refused { oid: String::new() }, Refused),
            (Error::Md5Refused { oid: String::new() }, Refused),
            (
                Error::RsaKeyTooSmall {
                    bits: 0,
                    minimum: 0,
                },
                Refused,
            ),
            (
                Error::AlgorithmKeyMismatch {
                    signature_algorithm: String::new(),
                    key_algorithm: String::new(),
                },
                Refused,
            ),
            (
                Error::AlgorithmParametersInvalid {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::PublicKeyInvalid {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::SignatureMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::SignatureInvalid, Refused),
            (Error::Sm2SignerIdTooLong { len: 0 }, Refused),
            (
                Error::PssMaskHashMismatch {
                    hash: String::new(),
                    mgf_hash: String::new(),
                },
                Input,
            ),
            (Error::PssTrailerFieldInvalid { trailer_field: 0 }, Input),
            (
                Error::PssSaltLengthInvalid {
                    salt_length: 0,
                    maximum: 0,
                },
                Input,
            ),
            (
                Error::PssKeyConstraintViolated {
                    field: String::new(),
                    key: String::new(),
                    signature: String::new(),
                },
                Refused,
            ),
            (
                Error::ExplicitCurveUnsupported {
                    field: String::new(),
                },
                Input,
            ),
            (
                Error::RsaKeyTooLarge {
                    bits: 0,
                    maximum: 0,
                },
                Refused,
            ),
            (
                Error::UnsupportedDigestAlgorithm { oid: String::new() },
                Input,
            ),
            (
                Error::CmsMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::CmsNotSignedData {
                    content_type: String::new(),
                },
                Input,
            ),
            (
                Error::SigningKeyInvalid {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::SignerKeyMismatch {
                    subject: String::new(),
                },
                Input,
            ),
            (Error::NoSigners, Input),
            (Error::SigningTimeMissing, Refused),
            (
                Error::SigningTimeOutOfRange {
                    time: Time::from_unix_seconds(0),
                },
                Input,
            ),
            (
                Error::ContentUnreadable {
                    reason: String::new(),
                },
                Internal,
            ),
            (
                Error::SigningFailed {
                    reason: String::new(),
                },
                Internal,
            ),
            (
                Error::CmsEncodingFailed {
                    reason: String::new(),
                },
                Internal,
            ),
            (Error::CmsContentMissing, Input),
            (Error::CmsContentTwice, Input),
            (Error::TooManySigners { count: 0, max: 0 }, Refused),
            (Error::TooManyCertificates { count: 0, max: 0 }, Refused),
            (Error::CmsNoSigners { certificates: 0 }, Input),
            (
                Error::CmsSignedAndEnvelopedData {
                    content_type: String::new(),
                },
                Input,
            ),
            (Error::DetachedContentTooLarge { max: 0 }, Refused),
            (Error::DetachedContentNotSupplied, Input),
            (
                Error::SignerInfoVersionMismatch {
                    version: 0,
                    sid: "",
                },
                Input,
            ),
            (
                Error::DigestAlgorithmNotListed { oid: String::new() },
                Input,
            ),
            (
                Error::ContentTypeMismatch {
                    attribute: String::new(),
                    e_content_type: String::new(),
                },
                Input,
            ),
            (
                Error::SignedAttributesRequired {
                    e_content_type: String::new(),
                },
                Refused,
            ),
            (
                Error::TrustListMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::TrustListSequenceRegressed {
                    jurisdiction: String::new(),
                    loaded: 0,
                    offered: 0,
                },
                Refused,
            ),
            (
                Error::TrustListFormatUnknown {
                    format: String::new(),
                },
                Input,
            ),
            (
                Error::TrustListSignatureInvalid {
                    reason: String::new(),
                },
                Refused,
            ),
            (
                Error::TrustListOperatorUnknown {
                    reason: String::new(),
                },
                Refused,
            ),
            (
                Error::TrustListStale {
                    jurisdiction: String::new(),
                    sequence: 0,
                    next_update: Time::from_unix_seconds(0),
                    time: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::TrustListJurisdictionMismatch {
                    expected: String::new(),
                    claimed: String::new(),
                },
                Refused,
            ),
            (Error::TrustListTooLarge { size: 0, limit: 0 }, Refused),
            (Error::UnknownIssuer { depth: 0 }, Refused),
            (
                Error::ChainSignature {
                    depth: 0,
                    cause: Box::new(Error::EmptyInput),
                },
                Refused,
            ),
            (
                Error::PublicKeyRefused {
                    depth: 0,
                    cause: Box::new(Error::EmptyInput),
                },
                Refused,
            ),
            (
                Error::CertificateExpired {
                    depth: 0,
                    time: Time::from_unix_seconds(0),
                    not_after: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::CertificateNotYetValid {
                    depth: 0,
                    time: Time::from_unix_seconds(0),
                    not_before: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (Error::NotACa { depth: 0 }, Refused),
            (Error::PathLenExceeded { depth: 0 }, Refused),
            (Error::KeyCertSignMissing { depth: 0 }, Refused),
            (Error::LeafKeyUsageMissing { purpose: "" }, Refused),
            (
                Error::ExtendedKeyUsageMissing {
                    depth: 0,
                    purpose: "",
                },
                Refused,
            ),
            (
                Error::NameConstraintViolation {
                    depth: 0,
                    name: String::new(),
                },
                Refused,
            ),
            (
                Error::NameConstraintUnsupported { depth: 0, form: "" },
                Refused,
            ),
            (
                Error::UnrecognisedCriticalExtension {
                    depth: 0,
                    oid: String::new(),
                },
                Refused,
            ),
            (Error::PolicyMappingAnyPolicy { depth: 0 }, Refused),
            (Error::NoValidPolicy { depth: 0 }, Refused),
            (Error::PathTooLong { len: 0, max: 0 }, Refused),
            (
                Error::NameConstraintNameMalformed {
                    depth: 0,
                    name: String::new(),
                    reason: String::new(),
                },
                Input,
            ),
            (Error::BudgetExceeded { what: "", limit: 0 }, Refused),
            (
                Error::AnchorExpired {
                    subject: String::new(),
                    time: Time::from_unix_seconds(0),
                    not_after: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::AnchorNotYetValid {
                    subject: String::new(),
                    time: Time::from_unix_seconds(0),
                    not_before: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::AnchorNotCa {
                    subject: String::new(),
                    reason: "",
                },
                Refused,
            ),
            (
                Error::AnchorKeyCertSignMissing {
                    subject: String::new(),
                },
                Refused,
            ),
            (
                Error::AnchorUnrecognisedCriticalExtension {
                    subject: String::new(),
                    oid: String::new(),
                },
                Refused,
            ),
            (
                Error::AnchorKeyIdentifierCritical {
                    subject: String::new(),
                    oid: String::new(),
                },
                Refused,
            ),
            (
                Error::AnchorSubjectEmpty {
                    sha256: String::new(),
                },
                Refused,
            ),
            (
                Error::AnchorPathLenExceeded {
                    depth: 0,
                    subject: String::new(),
                    path_len_constraint: 0,
                },
                Refused,
            ),
            (
                Error::KeyIdentifierCritical {
                    depth: 0,
                    oid: String::new(),
                },
                Refused,
            ),
            (Error::AuthorityKeyIdMissing { depth: 0 }, Refused),
            (Error::SubjectKeyIdMissing { depth: 0 }, Refused),
            (Error::NameConstraintsInEndEntity { depth: 0 }, Refused),
            (Error::CaUsedAsEndEntity { purpose: "" }, Refused),
            (Error::EndEntityKeyCertSign { purpose: "" }, Refused),
            (
                Error::UnknownJurisdiction {
                    code: String::new(),
                },
                Input,
            ),
            (
                Error::CanonicalOrgIdMalformed {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::UsccWrongLength {
                    value: String::new(),
                    len: 0,
                },
                Input,
            ),
            (
                Error::UsccBadCharacter {
                    value: String::new(),
                    position: 0,
                    character: ' ',
                },
                Input,
            ),
            (
                Error::UsccCheckMismatch {
                    value: String::new(),
                    expected: ' ',
                    found: ' ',
                },
                Input,
            ),
            (
                Error::HkBrnMalformed {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::MoRegistrationMalformed {
                    value: String::new(),
                    reason: "",
                },
                Input,
            ),
            (
                Error::IdentityProfileMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (
                Error::IdentityFieldMissing {
                    field: "",
                    source_name: String::new(),
                },
                Refused,
            ),
            (
                Error::IdentityConflict {
                    organization_identifier: String::new(),
                    profile_value: String::new(),
                },
                Refused,
            ),
            (
                Error::IdentityPatternMismatch {
                    field: "",
                    value: String::new(),
                    pattern: String::new(),
                },
                Refused,
            ),
            (
                Error::OrganizationIdentifierRepeated {
                    first: String::new(),
                    second: String::new(),
                },
                Refused,
            ),
            (
                Error::OrganizationIdentifierCountryMismatch {
                    organization_identifier: String::new(),
                    country: String::new(),
                },
                Refused,
            ),
            (
                Error::IdentityExtensionConflict {
                    organization_identifier: String::new(),
                    extension: String::new(),
                    value: String::new(),
                },
                Refused,
            ),
            (
                Error::OrgIdJurisdictionMismatch {
                    org_id: String::new(),
                    expected: "",
                },
                Refused,
            ),
            (
                Error::CrlMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::CrlTrailingData { count: 0 }, Input),
            (
                Error::CrlVersionInvalid {
                    version: String::new(),
                },
                Input,
            ),
            (Error::CrlExtensionsInV1, Refused),
            (
                Error::CrlSignatureAlgorithmMismatch {
                    tbs: String::new(),
                    outer: String::new(),
                },
                Input,
            ),
            (Error::CrlDuplicateExtension { oid: String::new() }, Input),
            (
                Error::CrlUnknownCriticalExtension { oid: String::new() },
                Refused,
            ),
            (
                Error::CrlEntryDuplicateExtension {
                    serial: String::new(),
                    oid: String::new(),
                },
                Input,
            ),
            (
                Error::CrlEntryUnknownCriticalExtension {
                    serial: String::new(),
                    oid: String::new(),
                },
                Refused,
            ),
            (
                Error::CrlEntryReasonInvalid {
                    serial: String::new(),
                    code: 0,
                },
                Input,
            ),
            (
                Error::CrlRemoveFromCrlInCompleteCrl {
                    serial: String::new(),
                },
                Input,
            ),
            (Error::CrlCertificateIssuerInDirectCrl, Input),
            (
                Error::CrlScopeInvalid {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::CrlTooManyEntries { limit: 0 }, Refused),
            (
                Error::CrlSignatureInvalid {
                    issuer: String::new(),
                    cause: Box::new(Error::EmptyInput),
                },
                Refused,
            ),
            (
                Error::CrlNotYetValid {
                    issuer: String::new(),
                    this_update: Time::from_unix_seconds(0),
                    time: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::CrlStale {
                    issuer: String::new(),
                    next_update: Time::from_unix_seconds(0),
                    time: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::CrlSignerNameMismatch {
                    crl_issuer: String::new(),
                    signer: String::new(),
                },
                Refused,
            ),
            (
                Error::CrlSignerLacksCrlSign {
                    signer: String::new(),
                },
                Refused,
            ),
            (
                Error::CrlSignerUnavailable {
                    crl_issuer: String::new(),
                },
                Refused,
            ),
            (
                Error::CrlReasonsNotCovered {
                    missing: String::new(),
                },
                Refused,
            ),
            (
                Error::DeltaCrlBaseTooNew {
                    base_crl_number: String::new(),
                    complete_crl_number: String::new(),
                },
                Refused,
            ),
            (
                Error::DeltaCrlNotNewer {
                    delta_crl_number: String::new(),
                    complete_crl_number: String::new(),
                },
                Refused,
            ),
            (Error::RevocationSourcesFull { limit: 0 }, Refused),
            (
                Error::OcspMalformed {
                    reason: String::new(),
                },
                Input,
            ),
            (Error::OcspUnsuccessful { status: "" }, Refused),
            (
                Error::OcspResponseTypeUnsupported { oid: String::new() },
                Input,
            ),
            (
                Error::OcspVersionInvalid {
                    version: String::new(),
                },
                Input,
            ),
            (
                Error::OcspUnknownCriticalExtension { oid: String::new() },
                Refused,
            ),
            (
                Error::OcspHashAlgorithmUnsupported { oid: String::new() },
                Input,
            ),
            (
                Error::OcspCertIdMismatch {
                    serial: String::new(),
                },
                Refused,
            ),
            (
                Error::OcspResponderUnauthorised {
                    responder: String::new(),
                },
                Refused,
            ),
            (
                Error::OcspResponderLacksOcspSigning {
                    responder: String::new(),
                },
                Refused,
            ),
            (
                Error::OcspResponderCertificateInvalid {
                    responder: String::new(),
                    cause: Box::new(Error::EmptyInput),
                },
                Refused,
            ),
            (
                Error::OcspSignatureInvalid {
                    responder: String::new(),
                    cause: Box::new(Error::EmptyInput),
                },
                Refused,
            ),
            (
                Error::OcspNotYetValid {
                    serial: String::new(),
                    this_update: Time::from_unix_seconds(0),
                    time: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::OcspStale {
                    serial: String::new(),
                    next_update: Time::from_unix_seconds(0),
                    time: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::CertificateRevoked {
                    depth: 0,
                    revoked_at: Time::from_unix_seconds(0),
                    reason: None,
                    proven_signing_time: None,
                },
                Refused,
            ),
            (
                Error::OcspResponderRevoked {
                    responder: String::new(),
                    revoked_at: Time::from_unix_seconds(0),
                },
                Refused,
            ),
            (
                Error::OcspResponderStatusUnavailable {
                    responder: String::new(),
                    problem: String::new(),
                },
                Refused,
            ),
            (
                Error::RevocationStatusUnavailable {
                    depth: 0,
                    problem: String::new(),
                },
                Refused,
            ),
        ]
    }

    #[test]
    fn every_variant_has_its_category() {
        let all = every_variant();
        for (error, category) in &all {
            assert_eq!(error.category(), *category, "{}", error.kind());
        }
        let kinds: std::collections::BTreeSet<&str> = all.iter().map(|(e, _)| e.kind()).collect();
        assert_eq!(kinds.len(), all.len(), "each variant once");
    }

    #[test]
    fn malformed_input_is_input_and_path_rules_are_refusals() {
        for (error, category) in every_variant() {
            let kind = error.kind();
            if kind.ends_with("Malformed") || kind.starts_with("Pem") {
                assert_eq!(category, Input, "{kind}");
            }
            if kind.starts_with("Anchor")
                || kind.starts_with("Certificate") && kind.ends_with("Revoked")
            {
                assert_eq!(category, Refused, "{kind}");
            }
        }
        assert_eq!(Error::SignatureInvalid.category(), Refused);
        assert_eq!(Error::EmptyInput.category(), Input);
    }
}
