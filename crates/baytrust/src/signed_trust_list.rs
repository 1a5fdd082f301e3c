//! Signed trust lists: a `baytrust-trust-list/1` document encapsulated in a CMS
//! SignedData (content type id-data) and signed by the list operator. Loading checks
//! every signer and its path to the pinned operator certificates before it believes any
//! field of the document, then applies the document's own rules and the staleness policy.

use crate::algorithm::AlgorithmPolicy;
use crate::cert::{Certificate, CertificateDer};
use crate::cms::{check_signer, ContentDigests, SignedData, SignerFailure};
use crate::identity::Jurisdiction;
use crate::path::{verify_chain, ChainOptions, Purpose};
use crate::trust::{StaleListPolicy, TrustAnchor, TrustList, TrustListDocument, TrustStore};
use crate::{Error, Time};

/// `id-data` (RFC 5652 §4): the only encapsulated content type a signed list may have.
const ID_DATA: &str = "1.2.840.113549.1.7.1";

fn signature_invalid(reason: impl Into<String>) -> Error {
    Error::TrustListSignatureInvalid {
        reason: reason.into(),
    }
}

/// A signer failure in words, for [`Error::TrustListSignatureInvalid`].
fn describe(failure: &SignerFailure) -> String {
    match failure {
        SignerFailure::CryptoConstraints(e) => format!("refused algorithm or key: {e}"),
        SignerFailure::NoSigningCertificate => {
            "its certificate is neither in the SignedData nor among the operator certificates"
                .to_owned()
        }
        SignerFailure::Format(rule) => format!("format failure: {rule}"),
        SignerFailure::SigningCertificateMismatch => {
            "the ESS signingCertificateV2 attribute does not name its certificate".to_owned()
        }
        SignerFailure::HashMismatch => {
            "the messageDigest attribute does not match the list: the content was changed"
                .to_owned()
        }
        SignerFailure::SignatureInvalid(e) => format!("the signature does not verify: {e}"),
        SignerFailure::Rule(e) => format!("format failure: {e}"),
        SignerFailure::SignedDataNotFound(e) => format!("signed content not found: {e}"),
    }
}

impl TrustList {
    /// Loads a signed list: a CMS SignedData (DER, BER or PEM) whose encapsulated
    /// content, of type id-data (`1.2.840.113549.1.7.1`), is the JSON document
    /// (`docs/trust-list.md`), signed by the list operator.
    ///
    /// The checks run in this order, and the first failure is returned:
    ///
    /// 1. the signature: the input is a SignedData, the content is attached and of type
    ///    id-data, there is at least one signer, and every signer's check holds
    ///    (algorithms, certificate found in the SignedData or among
    ///    `operator_certificates`, signed attributes, content digest, signature) —
    ///    [`Error::TrustListSignatureInvalid`];
    /// 2. the operator: every signer's certificate has a valid certification path for
    ///    signing at `time` to one of `operator_certificates`, which act as trust
    ///    anchors (intermediates come from the SignedData) —
    ///    [`Error::TrustListOperatorUnknown`], also when no operator certificate is
    ///    given; an operator certificate that does not parse is its own error
    ///    ([`Error::CertificateMalformed`], …);
    /// 3. the document, as [`TrustList::from_document`] checks it:
    ///    [`Error::TrustListMalformed`], [`Error::TrustListFormatUnknown`],
    ///    [`Error::UnknownJurisdiction`];
    /// 4. staleness: when `next_update` is before `time`, [`Error::TrustListStale`]
    ///    under [`StaleListPolicy::Refuse`]; [`StaleListPolicy::AcceptAsIndeterminate`]
    ///    loads it.
    ///
    /// Nothing in the document is trusted before steps 1 and 2 hold; its jurisdiction
    /// only labels the operator anchors of step 2.
    pub fn load_signed(
        signed: &[u8],
        operator_certificates: &[CertificateDer],
        time: Time,
        stale: StaleListPolicy,
    ) -> Result<TrustList, Error> {
        let signed_data = SignedData::parse(signed)
            .map_err(|e| signature_invalid(format!("not a CMS SignedData: {e}")))?;
        let (content, signer_certificates) = verify_signers(&signed_data, operator_certificates)?;

        // Read, not yet believed: the jurisdiction labels the operator anchors.
        let document = serde_json::from_slice::<TrustListDocument>(content);
        let claimed_jurisdiction = document
            .as_ref()
            .ok()
            .and_then(|document| document.jurisdiction.parse::<Jurisdiction>().ok());
        verify_operator(
            &signed_data,
            &signer_certificates,
            operator_certificates,
            claimed_jurisdiction,
            time,
        )?;

        let document = document.map_err(|e| Error::TrustListMalformed {
            reason: e.to_string(),
        })?;
        let list = TrustList::from_document(&document)?;
        if list.next_update < time && stale == StaleListPolicy::Refuse {
            return Err(Error::TrustListStale {
                jurisdiction: list.jurisdiction.to_string(),
                sequence: list.sequence,
                next_update: list.next_update,
                time,
            });
        }
        Ok(list)
    }
}

/// Step 1 of [`TrustList::load_signed`]: the content is attached and id-data, and every
/// signer's check holds. Returns the content and each signer's certificate.
fn verify_signers<'s>(
    signed_data: &'s SignedData,
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
                return Err(signature_invalid(format!(
                    "signer {index}: {}",
                    describe(&failure)
                )))
            }
            (Ok(()), Some(certificate)) => certificate,
            (Ok(()), None) => {
                return Err(signature_invalid(format!(
                    "signer {index}: {}",
                    describe(&SignerFailure::NoSigningCertificate)
                )))
            }
        };
        signer_certificates.push(certificate);
    }
    Ok((content, signer_certificates))
}

/// Step 2 of [`TrustList::load_signed`]: every signer's certificate validates, for
/// signing at `time`, to one of the operator certificates.
fn verify_operator(
    signed_data: &SignedData,
    signer_certificates: &[CertificateDer],
    operator_certificates: &[CertificateDer],
    claimed_jurisdiction: Option<Jurisdiction>,
    time: Time,
) -> Result<(), Error> {
    if operator_certificates.is_empty() {
        return Err(Error::TrustListOperatorUnknown {
            reason: "no operator certificate is configured".to_owned(),
        });
    }
    // The anchors' jurisdiction only labels the chain, which is discarded. A document
    // without a valid jurisdiction is refused after this step; the label is then moot.
    let label = claimed_jurisdiction.unwrap_or(Jurisdiction::Cn);
    let mut store = TrustStore::builder();
    for der in operator_certificates {
        store = store.anchor(TrustAnchor::new(label, &der.parse()?)?);
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
                    "signer {index} ({}) does not chain to an operator certificate: {e}",
                    leaf.subject_text()
                ),
            }
        })?;
    }
    Ok(())
}
