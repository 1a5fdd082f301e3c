//! The checks both roles make on what a peer sends: the clock, the replay cache,
//! reflection, the peer's chain under the receiver's verifier, its identity, and its
//! signature over the transcript.

use der::Encode;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::message::encoding_failed;
use super::replay_cache::{ReplayCache, Seen};
use super::transcript::{sha256, Role};
use super::{hex, AuthPolicy, Credentials, Nonce};
use crate::algorithm::{verify_signature, AlgorithmPolicy};
use crate::cert::CertificateDer;
use crate::identity::{LegalEntity, OrgId};
use crate::path::{ChainOptions, Purpose};
use crate::report::{ChainReport, SubIndication};
use crate::{Error, Time, Verifier};
use x509_parser::prelude::FromDer;
use x509_parser::x509::AlgorithmIdentifier;

/// The message's time is within the allowed skew of `now`.
pub(super) fn check_skew(
    message: &'static str,
    time: i64,
    now: Time,
    policy: &AuthPolicy,
) -> Result<(), Error> {
    let skew = u64::try_from(policy.max_skew_seconds).unwrap_or(0);
    if time.abs_diff(now.unix_seconds()) > skew {
        return Err(Error::AuthTimestampOutOfSkew {
            message,
            time: Time::from_unix_seconds(time),
            now,
            skew_seconds: policy.max_skew_seconds,
        });
    }
    Ok(())
}

/// How long a replay-cache entry for a message of `time` lives: twice the skew past
/// the later of its time and now.
fn expiry(time: i64, now: Time, policy: &AuthPolicy) -> Time {
    Time::from_unix_seconds(
        time.max(now.unix_seconds())
            .saturating_add(policy.max_skew_seconds.saturating_mul(2)),
    )
}

/// The replay checks of a peer's message: the very message seen before
/// ([`Error::AuthMessageReplayed`]), its nonce one of ours ([`Error::AuthReflected`])
/// or already used by a peer ([`Error::AuthNonceReused`]); then both recorded.
pub(super) fn check_and_record_replay(
    cache: &ReplayCache,
    message: &'static str,
    der: &[u8],
    peer_nonce: &[u8],
    time: i64,
    now: Time,
    policy: &AuthPolicy,
) -> Result<(), Error> {
    let digest = sha256(der);
    let nonce: Nonce = peer_nonce
        .try_into()
        .map_err(|_| super::message::malformed(message, "nonce length".into()))?;
    let until = expiry(time, now, policy);
    // Checked and recorded under one lock of the cache: of two sessions given the
    // same message at once, one records it and the other finds it replayed.
    cache.check_then_record(
        now,
        until,
        |seen| {
            if seen(&digest) == Some(Seen::Message) {
                return Err(Error::AuthMessageReplayed { message });
            }
            match seen(&nonce) {
                Some(Seen::OwnNonce) => return Err(Error::AuthReflected { field: "nonce" }),
                Some(Seen::PeerNonce | Seen::Message) => {
                    return Err(Error::AuthNonceReused { nonce: hex(&nonce) })
                }
                None => {}
            }
            check_skew(message, time, now, policy)
        },
        &[(digest, Seen::Message), (nonce, Seen::PeerNonce)],
    )
}

/// Whether the very message `der` was seen before (checked before anything else of it).
pub(super) fn was_replayed(cache: &ReplayCache, der: &[u8], now: Time) -> bool {
    cache.lookup(&sha256(der), now) == Some(Seen::Message)
}

/// Records `nonce`, freshly drawn by this party, so that a peer reflecting it is caught.
/// Called once the message carrying it is built, so that a session failing before that
/// leaves no entry behind; a nonce the random source repeated is refused.
pub(super) fn record_own_nonce(
    cache: &ReplayCache,
    nonce: &Nonce,
    now: Time,
    policy: &AuthPolicy,
) -> Result<(), Error> {
    cache.check_then_record(
        now,
        expiry(now.unix_seconds(), now, policy),
        |seen| match seen(nonce) {
            Some(_) => Err(Error::AuthRandomUnavailable {
                reason: "the random source repeated a nonce".to_owned(),
            }),
            None => Ok(()),
        },
        &[(*nonce, Seen::OwnNonce)],
    )
}

/// The peer's certificate is not ours.
pub(super) fn check_not_reflected_chain(
    own: &Credentials,
    peer_chain: &[CertificateDer],
) -> Result<(), Error> {
    if own
        .chain
        .first()
        .is_some_and(|own| Some(own) == peer_chain.first())
    {
        return Err(Error::AuthReflected {
            field: "certificate",
        });
    }
    Ok(())
}

/// The peer's chain under the receiver's verifier at `time` for `purpose`: valid,
/// recognised (unless the policy waives it), naming a legal entity; its identity is
/// the one it claimed, and the expected one if the caller expects one.
pub(super) fn validate_peer(
    verifier: &Verifier,
    chain: &[CertificateDer],
    time: i64,
    purpose: Purpose,
    claimed: &OrgId,
    policy: &AuthPolicy,
) -> Result<(ChainReport, LegalEntity), Error> {
    let Some((leaf, intermediates)) = chain.split_first() else {
        return Err(not_recognised(
            None,
            "NoCertificate",
            "no certificate".into(),
        ));
    };
    let mut options = ChainOptions::new(Time::from_unix_seconds(time));
    options.purpose = purpose;
    let report = match verifier.verify_certificate(leaf, intermediates, &options) {
        Ok(report) => report,
        Err(error) => {
            return Err(not_recognised(
                Some(SubIndication::of_chain_error(&error)),
                error.kind(),
                error.to_string(),
            ))
        }
    };
    if !report.valid {
        return Err(not_recognised(
            report.sub_indication,
            report.error_kind.unwrap_or("NotRecognised"),
            report.error.clone().unwrap_or_default(),
        ));
    }
    // The protocol signs with the certificate's key: whatever the purpose allows, a
    // keyUsage without digitalSignature (RFC 5280 §4.2.1.3: "verifying digital
    // signatures, other than signatures on certificates or CRLs") forbids it.
    if leaf
        .parse()
        .ok()
        .and_then(|c| c.key_usage().map(|ku| ku.digital_signature()))
        == Some(false)
    {
        return Err(not_recognised(
            Some(SubIndication::ChainConstraintsFailure),
            "LeafKeyUsageMissing",
            "the peer's keyUsage lacks digitalSignature, which authentication needs".into(),
        ));
    }
    let Some(entity) = report.entity.clone() else {
        return Err(not_recognised(
            None,
            "NoLegalEntity",
            "the peer's certificate names no legal entity".into(),
        ));
    };
    if policy.require_recognition && report.recognition.is_none() {
        return Err(not_recognised(
            None,
            "NoRecognition",
            "no trust list recognises the peer's certificate".into(),
        ));
    }
    if entity.org_id != *claimed {
        return Err(Error::AuthIdentityClaimMismatch {
            claimed: claimed.canonical(),
            validated: entity.org_id.canonical(),
        });
    }
    check_expected(policy.expected_peer.as_ref(), &entity.org_id)?;
    Ok((report, entity))
}

/// `found` is `expected`, when one is expected.
pub(super) fn check_expected(expected: Option<&OrgId>, found: &OrgId) -> Result<(), Error> {
    match expected {
        Some(expected) if expected != found => Err(Error::AuthIdentityUnexpected {
            expected: expected.canonical(),
            found: found.canonical(),
        }),
        _ => Ok(()),
    }
}

fn not_recognised(
    sub_indication: Option<SubIndication>,
    error_kind: &'static str,
    reason: String,
) -> Error {
    Error::AuthPeerNotRecognised {
        sub_indication,
        error_kind,
        reason,
    }
}

/// Our signature over `bytes` and the AlgorithmIdentifier it was made with.
pub(super) fn sign(
    credentials: &Credentials,
    bytes: &[u8],
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), Error> {
    let algorithm_der = credentials.key.signature_algorithm_der()?;
    let algorithm = der::Decode::from_der(&algorithm_der).map_err(|e| encoding_failed(&e))?;
    let signature = credentials.key.sign(bytes)?;
    Ok((algorithm, signature))
}

/// The signature algorithm's parameters in their one encoding (docs/auth-protocol.md
/// §3): NULL for the PKCS #1 v1.5 RSA algorithms (RFC 4055 §5), absent for ECDSA
/// (RFC 5758 §3.2), Ed25519 (RFC 8410 §3) and SM2-with-SM3 (GM/T 0006); RSASSA-PSS
/// carries its parameters. The algorithm is outside the signed transcript, so where
/// X.509 tolerates "NULL or absent" this protocol does not: a field changed in transit
/// must not verify.
fn check_canonical_parameters(algorithm: &AlgorithmIdentifierOwned) -> Result<(), Error> {
    use crate::oid::typed;
    let is_one_of = |known: &[der::asn1::ObjectIdentifier]| known.contains(&algorithm.oid);
    let parameters = algorithm.parameters.as_ref();
    let (canonical, rule) = if is_one_of(&[
        typed::SHA256_WITH_RSA,
        typed::SHA384_WITH_RSA,
        typed::SHA512_WITH_RSA,
    ]) {
        let null = parameters
            .is_some_and(|p| der::Tagged::tag(p) == der::Tag::Null && p.value().is_empty());
        (null, "NULL")
    } else if is_one_of(&[
        typed::ECDSA_WITH_SHA256,
        typed::ECDSA_WITH_SHA384,
        typed::ECDSA_WITH_SHA512,
        typed::ED25519,
        typed::SM2_WITH_SM3,
    ]) {
        (parameters.is_none(), "absent")
    } else {
        return Ok(());
    };
    if canonical {
        Ok(())
    } else {
        Err(Error::AlgorithmParametersInvalid {
            reason: format!(
                "{}: the parameters must be {rule} in this protocol",
                algorithm.oid
            ),
        })
    }
}

/// The peer's signature over `bytes` with the key of `leaf`, under the verifier's
/// algorithm floor and SM2 signer ID.
pub(super) fn verify_peer_signature(
    verifier: &Verifier,
    leaf: &CertificateDer,
    algorithm: &AlgorithmIdentifierOwned,
    bytes: &[u8],
    signature: &[u8],
    role: Role,
) -> Result<(), Error> {
    let algorithm_name = algorithm.oid.to_string();
    let refused = |cause: Error| Error::AuthSignatureAlgorithmRefused {
        role: role.name(),
        algorithm: algorithm_name.clone(),
        cause: Box::new(cause),
    };
    check_canonical_parameters(algorithm).map_err(refused)?;
    let algorithm_der = algorithm.to_der().map_err(|e| encoding_failed(&e))?;
    let (_, parsed) = AlgorithmIdentifier::from_der(&algorithm_der).map_err(|e| {
        refused(Error::AlgorithmParametersInvalid {
            reason: e.to_string(),
        })
    })?;
    let certificate = leaf.parse()?;
    let policy = verifier.policy();
    let algorithm_policy = AlgorithmPolicy {
        sm2_signer_id: &policy.sm2_signer_id,
        min_rsa_bits: policy.min_rsa_bits,
        // Each transcript is signed once (fresh nonces): caching it would only evict
        // certificate signatures that do repeat.
        signature_cache: None,
    };
    match verify_signature(
        certificate.spki(),
        &parsed,
        bytes,
        signature,
        &algorithm_policy,
    ) {
        Ok(()) => Ok(()),
        Err(cause @ (Error::SignatureInvalid | Error::SignatureMalformed { .. })) => {
            Err(Error::AuthSignatureInvalid {
                role: role.name(),
                cause: Box::new(cause),
            })
        }
        Err(cause) => Err(refused(cause)),
    }
}
