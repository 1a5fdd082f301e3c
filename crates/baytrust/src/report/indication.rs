//! Indications and sub-indications (ETSI EN 319 102-1 §5.1.3), and which rule failure
//! maps to which.

use serde::Serialize;

use crate::cms::SignerFailure;
use crate::Error;

/// The overall verdict on a signature or a signer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Indication {
    /// Every check passed.
    TotalPassed,
    /// A check failed in a way more information cannot change.
    TotalFailed,
    /// The checks could not conclude (missing chain, expired certificate, weak
    /// algorithm…).
    Indeterminate,
}

/// Why a signature is not `TOTAL_PASSED`. Each belongs to exactly one [`Indication`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubIndication {
    /// `TOTAL_FAILED`: the structure parses but breaks the rules.
    FormatFailure,
    /// `TOTAL_FAILED`: the content does not match its digest.
    HashFailure,
    /// `TOTAL_FAILED`: the signature value does not verify.
    SigCryptoFailure,
    /// `TOTAL_FAILED`: the signer's certificate was revoked before the proven signing time.
    Revoked,
    /// `TOTAL_FAILED`: the certificate had expired at the proven signing time.
    Expired,
    /// `TOTAL_FAILED`: the certificate was not yet valid at the proven signing time.
    NotYetValid,
    /// `TOTAL_FAILED`: the chain is valid but no accepted trust list recognises it.
    NotRecognised,
    /// `INDETERMINATE`: the signer's certificate is not identified.
    NoSigningCertificateFound,
    /// `INDETERMINATE`: no path to a trust anchor.
    NoCertificateChainFound,
    /// `INDETERMINATE`: basic constraints, key usage, name constraints… not met.
    ChainConstraintsFailure,
    /// `INDETERMINATE`: the chain failed for another reason.
    CertificateChainGeneralFailure,
    /// `INDETERMINATE`: a refused or too weak algorithm or key.
    CryptoConstraintsFailure,
    /// `INDETERMINATE`: the certificate policies are not acceptable.
    PolicyProcessingError,
    /// `INDETERMINATE`: a certificate is outside its validity at the validation time,
    /// with no proof of an earlier signing time.
    OutOfBoundsNoPoe,
    /// `INDETERMINATE`: revoked, with no proof the signature came before.
    RevokedNoPoe,
    /// `INDETERMINATE`: revocation status required but not available, or only a stale
    /// trust list could recognise the signer.
    TryLater,
    // ---- trust lists and recognition (issue 8) ----
    /// `INDETERMINATE` (ours): the service that lists the signer's CA is withdrawn or
    /// suspended at the validation time but was recognised earlier in the certificate's
    /// life; a proven signing time (proof of existence) in a recognised period would
    /// make it pass.
    NotRecognisedNoPoe,
    // ---- revocation (issue 10) ----
    /// `INDETERMINATE`: a CA certificate of the signer's path is revoked, with no proof
    /// the signature came before (ETSI EN 319 102-1 §5.2.6).
    RevokedCaNoPoe,
    // ---- CMS (issue 8) ----
    /// `INDETERMINATE`: the signed content is not available to check the signature
    /// against (ETSI EN 319 102-1 §5.1.3), e.g. detached content beyond the kept-content
    /// cap for a signer without signed attributes.
    SignedDataNotFound,
}

impl Indication {
    /// The ETSI spelling: `TOTAL_PASSED`, `TOTAL_FAILED`, `INDETERMINATE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TotalPassed => "TOTAL_PASSED",
            Self::TotalFailed => "TOTAL_FAILED",
            Self::Indeterminate => "INDETERMINATE",
        }
    }
}

impl SubIndication {
    /// The ETSI spelling, e.g. `HASH_FAILURE`, `OUT_OF_BOUNDS_NO_POE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FormatFailure => "FORMAT_FAILURE",
            Self::HashFailure => "HASH_FAILURE",
            Self::SigCryptoFailure => "SIG_CRYPTO_FAILURE",
            Self::Revoked => "REVOKED",
            Self::Expired => "EXPIRED",
            Self::NotYetValid => "NOT_YET_VALID",
            Self::NotRecognised => "NOT_RECOGNISED",
            Self::NoSigningCertificateFound => "NO_SIGNING_CERTIFICATE_FOUND",
            Self::NoCertificateChainFound => "NO_CERTIFICATE_CHAIN_FOUND",
            Self::ChainConstraintsFailure => "CHAIN_CONSTRAINTS_FAILURE",
            Self::CertificateChainGeneralFailure => "CERTIFICATE_CHAIN_GENERAL_FAILURE",
            Self::CryptoConstraintsFailure => "CRYPTO_CONSTRAINTS_FAILURE",
            Self::PolicyProcessingError => "POLICY_PROCESSING_ERROR",
            Self::OutOfBoundsNoPoe => "OUT_OF_BOUNDS_NO_POE",
            Self::RevokedNoPoe => "REVOKED_NO_POE",
            Self::TryLater => "TRY_LATER",
            Self::NotRecognisedNoPoe => "NOT_RECOGNISED_NO_POE",
            Self::SignedDataNotFound => "SIGNED_DATA_NOT_FOUND",
            Self::RevokedCaNoPoe => "REVOKED_CA_NO_POE",
        }
    }

    /// The indication this sub-indication belongs to.
    pub fn indication(self) -> Indication {
        match self {
            Self::FormatFailure
            | Self::HashFailure
            | Self::SigCryptoFailure
            | Self::Revoked
            | Self::Expired
            | Self::NotYetValid
            | Self::NotRecognised => Indication::TotalFailed,
            Self::NoSigningCertificateFound
            | Self::NoCertificateChainFound
            | Self::ChainConstraintsFailure
            | Self::CertificateChainGeneralFailure
            | Self::CryptoConstraintsFailure
            | Self::PolicyProcessingError
            | Self::OutOfBoundsNoPoe
            | Self::RevokedNoPoe
            | Self::TryLater
            | Self::NotRecognisedNoPoe
            | Self::SignedDataNotFound
            | Self::RevokedCaNoPoe => Indication::Indeterminate,
        }
    }

    /// The sub-indication of a signer whose own checks failed (ETSI EN 319 102-1
    /// §5.2.7, §5.2.8; see each [`SignerFailure`] variant).
    pub(crate) fn of_signer_failure(failure: &SignerFailure) -> Self {
        match failure {
            SignerFailure::CryptoConstraints(_) => Self::CryptoConstraintsFailure,
            SignerFailure::SignerCertificateRefused(error) => Self::of_chain_error(error),
            SignerFailure::NoSigningCertificate | SignerFailure::SigningCertificateMismatch => {
                Self::NoSigningCertificateFound
            }
            SignerFailure::Format(_) | SignerFailure::Rule(_) => Self::FormatFailure,
            SignerFailure::SignedDataNotFound(_) => Self::SignedDataNotFound,
            SignerFailure::HashMismatch => Self::HashFailure,
            SignerFailure::SignatureInvalid(_) => Self::SigCryptoFailure,
        }
    }

    /// The sub-indication of a refused algorithm or key, if `error` is one.
    fn of_crypto_constraint(error: &Error) -> Option<Self> {
        crate::algorithm::is_crypto_constraint(error).then_some(Self::CryptoConstraintsFailure)
    }

    /// The sub-indication of a path-validation failure (an error from
    /// `verify_chain`).
    pub fn of_chain_error(error: &Error) -> Self {
        match error {
            Error::UnknownIssuer { .. } => Self::NoCertificateChainFound,
            Error::CertificateExpired { .. }
            | Error::CertificateNotYetValid { .. }
            | Error::AnchorExpired { .. }
            | Error::AnchorNotYetValid { .. } => Self::OutOfBoundsNoPoe,
            Error::ChainSignature { cause, .. } | Error::PublicKeyRefused { cause, .. } => {
                Self::of_crypto_constraint(cause).unwrap_or(Self::CertificateChainGeneralFailure)
            }
            Error::NotACa { .. }
            | Error::PathLenExceeded { .. }
            | Error::KeyCertSignMissing { .. }
            | Error::LeafKeyUsageMissing { .. }
            | Error::ExtendedKeyUsageMissing { .. }
            | Error::NameConstraintViolation { .. }
            | Error::NameConstraintUnsupported { .. }
            // ---- name constraints (issue 8) ----
            | Error::NameConstraintNameMalformed { .. }
            | Error::NameConstraintsEmpty
            | Error::NameConstraintSubtreesEmpty { .. }
            | Error::NameConstraintMinimumNotZero { .. }
            | Error::NameConstraintMaximumPresent { .. }
            | Error::NameConstraintValueMalformed { .. }
            | Error::UnrecognisedCriticalExtension { .. }
            | Error::PathTooLong { .. } => Self::ChainConstraintsFailure,
            // ---- trust anchors and the path profile (issue 8) ----
            Error::AnchorNotCa { .. }
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
            | Error::EndEntityKeyCertSign { .. } => Self::ChainConstraintsFailure,
            // ---- certificate profile: a signer's certificate refused (issue 8) ----
            // The RFC 5280 profile rules the certificate view enforces when it reads a
            // certificate; bytes that do not decode at all stay a general failure.
            Error::CertificateVersionUnknown { .. }
            | Error::ExtensionsBeforeV3 { .. }
            | Error::UniqueIdentifierInV1
            | Error::SignatureAlgorithmMismatch { .. }
            | Error::EmptySubjectWithoutCriticalSan { .. }
            | Error::SubjectAltNameEmpty
            | Error::SanMailboxMalformed { .. }
            | Error::SanDnsNameInvalid { .. }
            | Error::SanIpAddressMalformed { .. }
            | Error::DuplicateExtension { .. } => Self::ChainConstraintsFailure,
            Error::PolicyMappingAnyPolicy { .. } | Error::NoValidPolicy { .. } => {
                Self::PolicyProcessingError
            }
            // ---- revocation (issue 10) ----
            Error::CertificateRevoked {
                proven_signing_time: Some(_),
                ..
            } => Self::Revoked,
            Error::CertificateRevoked { depth: 0, .. } => Self::RevokedNoPoe,
            Error::CertificateRevoked { .. } => Self::RevokedCaNoPoe,
            Error::RevocationStatusUnavailable { .. } => Self::TryLater,
            // ---- adversarial conformance (issue 8, helper F): certificate profile ----
            // Profile rules like those above: a refused certificate is a chain constraint.
            Error::SerialNumberTooLong { .. }
            | Error::ValidityTimeMalformed { .. }
            | Error::PathLenWithoutCa { .. }
            | Error::CertificatePoliciesEmpty
            | Error::CertificatePolicyRepeated { .. }
            | Error::PolicyConstraintsEmpty
            | Error::SanUriMalformed { .. }
            | Error::SanDirectoryNameEmpty
            | Error::NameStringMalformed { .. }
            | Error::NameRdnEmpty { .. } => Self::ChainConstraintsFailure,
            other => {
                Self::of_crypto_constraint(other).unwrap_or(Self::CertificateChainGeneralFailure)
            }
        }
    }
}

impl std::fmt::Display for Indication {
    /// The ETSI name, as serialised: `TOTAL_PASSED`, `TOTAL_FAILED`, `INDETERMINATE`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for SubIndication {
    /// The ETSI name, as serialised: `HASH_FAILURE`, `OUT_OF_BOUNDS_NO_POE`, …
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_serialised_etsi_name() {
        for indication in [
            Indication::TotalPassed,
            Indication::TotalFailed,
            Indication::Indeterminate,
        ] {
            let json = serde_json::to_string(&indication).unwrap();
            assert_eq!(json, format!("\"{indication}\""));
        }
        for sub_indication in [
            SubIndication::FormatFailure,
            SubIndication::HashFailure,
            SubIndication::SigCryptoFailure,
            SubIndication::Revoked,
            SubIndication::Expired,
            SubIndication::NotYetValid,
            SubIndication::NotRecognised,
            SubIndication::NoSigningCertificateFound,
            SubIndication::NoCertificateChainFound,
            SubIndication::ChainConstraintsFailure,
            SubIndication::CertificateChainGeneralFailure,
            SubIndication::CryptoConstraintsFailure,
            SubIndication::PolicyProcessingError,
            SubIndication::OutOfBoundsNoPoe,
            SubIndication::RevokedNoPoe,
            SubIndication::TryLater,
            SubIndication::NotRecognisedNoPoe,
            SubIndication::RevokedCaNoPoe,
            SubIndication::SignedDataNotFound,
        ] {
            let json = serde_json::to_string(&sub_indication).unwrap();
            assert_eq!(json, format!("\"{sub_indication}\""));
        }
    }

    #[test]
    fn sub_indications_pair_with_their_indications_as_design_md_lists() {
        assert_eq!(
            SubIndication::HashFailure.indication(),
            Indication::TotalFailed
        );
        assert_eq!(
            SubIndication::NotRecognised.indication(),
            Indication::TotalFailed
        );
        assert_eq!(
            SubIndication::OutOfBoundsNoPoe.indication(),
            Indication::Indeterminate
        );
        assert_eq!(
            SubIndication::TryLater.indication(),
            Indication::Indeterminate
        );
        assert_eq!(
            SubIndication::NotRecognisedNoPoe.indication(),
            Indication::Indeterminate
        );
        assert_eq!(
            SubIndication::NotRecognisedNoPoe.as_str(),
            "NOT_RECOGNISED_NO_POE"
        );
    }

    /// ETSI EN 319 102-1 §5.2.8: algorithm parameters that cannot be accepted are a
    /// cryptographic-constraint failure wherever they are met — in a CMS signer, in a
    /// certificate's signature on the path, in a certificate's key, or met directly.
    #[test]
    fn invalid_algorithm_parameters_are_crypto_constraints_in_cms_and_in_chains() {
        let invalid = || Error::AlgorithmParametersInvalid {
            reason: "RSASSA-PSS-params do not decode".into(),
        };
        assert!(crate::algorithm::is_crypto_constraint(&invalid()));
        assert_eq!(
            SubIndication::of_signer_failure(&SignerFailure::CryptoConstraints(invalid())),
            SubIndication::CryptoConstraintsFailure
        );
        for chain_error in [
            Error::ChainSignature {
                depth: 1,
                cause: Box::new(invalid()),
            },
            Error::PublicKeyRefused {
                depth: 0,
                cause: Box::new(invalid()),
            },
            invalid(),
        ] {
            assert_eq!(
                SubIndication::of_chain_error(&chain_error),
                SubIndication::CryptoConstraintsFailure,
                "{chain_error:?}"
            );
        }
        assert_eq!(
            SubIndication::of_signer_failure(&SignerFailure::SignatureInvalid(
                Error::SignatureInvalid
            )),
            SubIndication::SigCryptoFailure
        );
    }

    #[test]
    fn chain_errors_map_to_their_sub_indications() {
        assert_eq!(
            SubIndication::of_chain_error(&Error::UnknownIssuer { depth: 0 }),
            SubIndication::NoCertificateChainFound
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::ChainSignature {
                depth: 1,
                cause: Box::new(Error::Sha1Refused {
                    oid: "1.2.840.113549.1.1.5".into()
                })
            }),
            SubIndication::CryptoConstraintsFailure
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::ChainSignature {
                depth: 1,
                cause: Box::new(Error::SignatureInvalid)
            }),
            SubIndication::CertificateChainGeneralFailure
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::NoValidPolicy { depth: 0 }),
            SubIndication::PolicyProcessingError
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::NotACa { depth: 1 }),
            SubIndication::ChainConstraintsFailure
        );
    }

    #[test]
    fn a_refused_certificate_is_a_chain_constraint_for_profile_rules_and_general_for_bad_bytes() {
        assert_eq!(
            SubIndication::of_chain_error(&Error::SanDnsNameInvalid {
                value: "foo_bar.example.com".into(),
                reason: "underscore"
            }),
            SubIndication::ChainConstraintsFailure
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::ExtensionsBeforeV3 { version: 0 }),
            SubIndication::ChainConstraintsFailure
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::CertificateMalformed {
                reason: "not a Certificate".into()
            }),
            SubIndication::CertificateChainGeneralFailure
        );
    }

    #[test]
    fn revocation_errors_map_to_revoked_no_poe_revoked_ca_no_poe_revoked_and_try_later() {
        let revoked = |depth, proven_signing_time| Error::CertificateRevoked {
            depth,
            revoked_at: crate::Time::parse_rfc3339("2026-04-01T00:00:00Z").unwrap(),
            reason: None,
            proven_signing_time,
        };
        assert_eq!(
            SubIndication::of_chain_error(&revoked(0, None)),
            SubIndication::RevokedNoPoe
        );
        assert_eq!(
            SubIndication::of_chain_error(&revoked(1, None)),
            SubIndication::RevokedCaNoPoe
        );
        assert_eq!(SubIndication::RevokedCaNoPoe.as_str(), "REVOKED_CA_NO_POE");
        assert_eq!(
            SubIndication::RevokedCaNoPoe.indication(),
            Indication::Indeterminate
        );
        let proven = crate::Time::parse_rfc3339("2026-05-01T00:00:00Z").ok();
        assert_eq!(
            SubIndication::of_chain_error(&revoked(1, proven)),
            SubIndication::Revoked
        );
        assert_eq!(
            SubIndication::of_chain_error(&Error::RevocationStatusUnavailable {
                depth: 0,
                problem: String::new()
            }),
            SubIndication::TryLater
        );
    }

    #[test]
    fn serialised_names_are_etsi_spelling() {
        assert_eq!(
            serde_json::to_string(&Indication::TotalPassed).unwrap(),
            "\"TOTAL_PASSED\""
        );
        assert_eq!(
            serde_json::to_string(&SubIndication::OutOfBoundsNoPoe).unwrap(),
            "\"OUT_OF_BOUNDS_NO_POE\""
        );
        assert_eq!(
            serde_json::to_string(&SubIndication::SigCryptoFailure).unwrap(),
            "\"SIG_CRYPTO_FAILURE\""
        );
        assert_eq!(
            serde_json::to_string(&SubIndication::NotRecognisedNoPoe).unwrap(),
            "\"NOT_RECOGNISED_NO_POE\""
        );
    }
}
