//! Signed trust lists: a `baytrust-trust-list/1` document encapsulated in a CMS
//! SignedData (content type id-data) and signed by the list operator of its
//! jurisdiction. Loading caps the input's size, checks every signer and its path to the
//! operator certificates pinned for the expected jurisdiction before it parses the
//! document, refuses a document claiming another jurisdiction, then applies the
//! document's own rules and the staleness policy at the current time.

use crate::algorithm::AlgorithmPolicy;
use crate::cert::{Certificate, CertificateDer};
use crate::cms::{check_signer, CmsSignedData, ContentDigests, SignerFailure};
use crate::identity::Jurisdiction;
use crate::oid::ID_DATA;
use crate::path::{verify_chain, ChainOptions, Purpose};
use crate::trust::{StaleListPolicy, TrustAnchor, TrustList, TrustListDocument, TrustStore};
use crate::{Error, Time};

fn signature_invalid(reason: impl Into<String>) -> Error {
    Error::TrustListSignatureInvalid {
        reason: reason.into(),
    }
}

/// Largest signed list [`TrustList::load_signed`] reads: 16 MiB (16,777,216 bytes).
/// Published lists are a few hundred kilobytes (the certificates of a few dozen
/// services); anything larger is refused before a byte of it is parsed
/// ([`Error::TrustListTooLarge`]), so a hostile file cannot make the loader allocate
/// or decode without bound.
pub const MAX_SIGNED_TRUST_LIST_BYTES: usize = 16 * 1024 * 1024;

fn check_size(signed: &[u8]) -> Result<(), Error> {
    if signed.len() > MAX_SIGNED_TRUST_LIST_BYTES {
        return Err(Error::TrustListTooLarge {
            size: signed.len(),
            limit: MAX_SIGNED_TRUST_LIST_BYTES,
        });
    }
    Ok(())
}

/// Only the `jurisdiction` field of a document, for [`claimed_jurisdiction_unverified`].
#[derive(serde::Deserialize)]
struct JurisdictionClaim {
    jurisdiction: String,
}

/// The jurisdiction a signed list **claims** to speak for, read without checking its
/// signature or its operator: only for choosing which pinned operators (and so which
/// expected jurisdiction) to hand to [`TrustList::load_signed`], which then checks the
/// signature first and refuses a list whose claim differs from what it expects
/// ([`Error::TrustListJurisdictionMismatch`]). Never trust the answer for anything
/// else.
///
/// Errors: [`Error::TrustListTooLarge`], [`Error::TrustListSignatureInvalid`] (not an
/// attached CMS SignedData), [`Error::TrustListMalformed`] (no `jurisdiction` string),
/// [`Error::UnknownJurisdiction`].
pub fn claimed_jurisdiction_unverified(signed: &[u8]) -> Result<Jurisdiction, Error> {
    check_size(signed)?;
    let signed_data = CmsSignedData::parse(signed)
        .map_err(|e| signature_invalid(format!("not a CMS SignedData: {e}")))?;
    let content = signed_data
        .encapsulated_content()
        .ok_or_else(|| signature_invalid("the signature is detached"))?;
    let claim: JurisdictionClaim =
        serde_json::from_slice(content).map_err(|e| Error::TrustListMalformed {
            reason: e.to_string(),
        })?;
    claim.jurisdiction.parse()
}

impl TrustList {
    /// The largest signed trust list [`TrustList::load_signed`] reads.
    pub const MAX_SIGNED_BYTES: usize = MAX_SIGNED_TRUST_LIST_BYTES;

    /// `claimed_jurisdiction_unverified`: the jurisdiction a signed list claims,
    /// read **without** checking its signature — only to choose which pinned
    /// operators to try; never trust it otherwise.
    pub fn claimed_jurisdiction_unverified(signed: &[u8]) -> Result<Jurisdiction, Error> {
        claimed_jurisdiction_unverified(signed)
    }
}

impl TrustList {
    /// Loads a signed list of the jurisdiction `expected`: a CMS SignedData (DER, BER
    /// or PEM) whose encapsulated content, of type id-data (`1.2.840.113549.1.7.1`), is
    /// the JSON document (`docs/trust-list.md`), signed by the list operator that the
    /// relying party pinned **for `expected`** (`operator_certificates`).
    ///
    /// The checks run in this order, and the first failure is returned:
    ///
    /// 0. the size: at most `MAX_SIGNED_TRUST_LIST_BYTES`, else
    ///    [`Error::TrustListTooLarge`] before anything is parsed;
    /// 1. the signature: the input is a SignedData, the content is attached and of type
    ///    id-data, there is at least one signer, and every signer's check holds
    ///    (algorithms, certificate found in the SignedData or among
    ///    `operator_certificates`, signed attributes, content digest, signature) —
    ///    [`Error::TrustListSignatureInvalid`];
    /// 2. the operator: every signer's certificate has a valid certification path for
    ///    signing at `now` to one of `operator_certificates`, which act as trust
    ///    anchors of `expected` (intermediates come from the SignedData) —
    ///    [`Error::TrustListOperatorUnknown`], also when no operator certificate is
    ///    given; an operator certificate that does not parse is its own error
    ///    ([`Error::CertificateMalformed`], …);
    /// 3. only now is the JSON parsed: its `jurisdiction` must be `expected`
    ///    ([`Error::TrustListJurisdictionMismatch`]: no operator speaks for another
    ///    jurisdiction), then the document is checked as [`TrustList::from_document`]
    ///    checks it: [`Error::TrustListMalformed`], [`Error::TrustListFormatUnknown`],
    ///    [`Error::UnknownJurisdiction`];
    /// 4. staleness: when `next_update` is before `now`, [`Error::TrustListStale`]
    ///    under [`StaleListPolicy::Refuse`]; [`StaleListPolicy::AcceptAsIndeterminate`]
    ///    loads it with [`TrustList::stale`] set.
    ///
    /// `now` is the current time (DESIGN.md "Two times"): lists and their operators'
    /// chains are judged at it, whatever validation time signatures are later checked
    /// at. Nothing in the document is read before steps 1 and 2 hold, and what it
    /// claims never labels the operator anchors.
    pub fn load_signed(
        signed: &[u8],
        expected: Jurisdiction,
        operator_certificates: &[CertificateDer],
        now: Time,
        stale: StaleListPolicy,
    ) -> Result<TrustList, Error> {
        check_size(signed)?;
        let signed_data = CmsSignedData::parse(signed)
            .map_err(|e| signature_invalid(format!("not a CMS SignedData: {e}")))?;
        let (content, signer_certificates) = verify_signers(&signed_data, operator_certificates)?;
        verify_operator(
            &signed_data,
            &signer_certificates,
            operator_certificates,
            expected,
            now,
        )?;

        let document = serde_json::from_slice::<TrustListDocument>(content).map_err(|e| {
            Error::TrustListMalformed {
                reason: e.to_string(),
            }
        })?;
        if document.jurisdiction != expected.code() {
            return Err(Error::TrustListJurisdictionMismatch {
                expected: expected.to_string(),
                claimed: document.jurisdiction,
            });
        }
        let mut list = TrustList::from_document(&document)?;
        if list.next_update < now {
            if stale == StaleListPolicy::Refuse {
                return Err(Error::TrustListStale {
                    jurisdiction: list.jurisdiction.to_string(),
                    sequence: list.sequence,
                    next_update: list.next_update,
                    time: now,
                });
            }
            list.stale = true;
        }
        Ok(list)
    }
}

/// Step 1 of [`TrustList::load_signed`]: the content is attached and id-data, and every
/// signer's check holds. Returns the content and each signer's certificate.
fn verify_signers<'s>(
    signed_data: &'s CmsSignedData,
    operator_certificates: &[CertificateDer],
) -> Result<(&'s [u8], Vec<CertificateDer>), Error> {
    let content = signed_data.encapsulated_content().ok_or_else(|| {
        signature_invalid(
            "the signature is detached: the list must be encapsulated in it \
             (openssl cms -sign -nodetach)",
        )
    })?;
    if signed_data.encapsulated_content_type() != ID_DATA {
        return Err(signature_invalid(format!(
            "the encapsulated content type is {}, not id-data ({ID_DATA})",
            signed_data.encapsulated_content_type()
        )));
    }
    if signed_data.signers().is_empty() {
        return Err(signature_invalid("the SignedData has no signer"));
    }
    let mut digests = ContentDigests::new(&signed_data.digest_algorithms());
    digests.update(content);
    let digests = digests.finish();
    let policy = AlgorithmPolicy::default();
    let mut signer_certificates = Vec::with_capacity(signed_data.signers().len());
    for (index, signer) in signed_data.signers().iter().enumerate() {
        let check = check_signer(
            signed_data,
            signer,
            operator_certificates,
            &digests,
            None,
            &policy,
        );
        let certificate = match (check.outcome, check.signer_certificate) {
            (Err(failure), _) => {
                return Err(signature_invalid(format!("signer {index}: {failure}")))
            }
            (Ok(()), Some(certificate)) => certificate,
            (Ok(()), None) => {
                return Err(signature_invalid(format!(
                    "signer {index}: {}",
                    SignerFailure::NoSigningCertificate
                )))
            }
        };
        signer_certificates.push(certificate);
    }
    Ok((content, signer_certificates))
}

/// Step 2 of [`TrustList::load_signed`]: every signer's certificate validates, for
/// signing at `time`, to one of the operator certificates pinned for `expected`.
fn verify_operator(
    signed_data: &CmsSignedData,
    signer_certificates: &[CertificateDer],
    operator_certificates: &[CertificateDer],
    expected: Jurisdiction,
    time: Time,
) -> Result<(), Error> {
    if operator_certificates.is_empty() {
        return Err(Error::TrustListOperatorUnknown {
            reason: format!("no operator certificate is configured for {expected}"),
        });
    }
    // The operator anchors are those the relying party pinned for `expected`, and are
    // labelled with it: never with what the (not yet read) document claims.
    let mut store = TrustStore::builder();
    for der in operator_certificates {
        store = store.anchor(TrustAnchor::new(expected, &der.parse()?)?);
    }
    let store = store.build()?;

    let intermediates: Vec<Certificate<'_>> = signed_data
        .certificates()
        .iter()
        .filter_map(|der| der.parse().ok())
        .collect();
    let options = ChainOptions {
        purpose: Purpose::Sign,
        ..ChainOptions::new(time)
    };
    for (index, der) in signer_certificates.iter().enumerate() {
        let leaf = der.parse().map_err(|e| {
            signature_invalid(format!(
                "signer {index}: its certificate does not parse: {e}"
            ))
        })?;
        verify_chain(&store, &leaf, &intermediates, &options).map_err(|e| {
            Error::TrustListOperatorUnknown {
                reason: format!(
                    "signer {index} ({}) does not chain to an operator certificate pinned for {expected}: {e}",
                    leaf.subject_text()
                ),
            }
        })?;
    }
    Ok(())
}
