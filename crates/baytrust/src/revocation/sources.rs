//! `RevocationSources`: the CRLs and OCSP responses a caller supplied (as DER or PEM
//! bytes), parsed once, and the lookup that combines them for one certificate: OCSP
//! responses and CRLs in scope (RFC 5280 §6.3.3), each checked (signer, signature,
//! freshness), complete CRLs with their delta CRLs, until every reason is covered.

use super::asn1::der_or_pem;
use super::crl::Crl;
use super::delta::{combined_entry, delta_applies};
use super::ocsp::OcspResponse;
use super::reason::ReasonSet;
use super::status::{RevocationStatus, StatusSource};
use super::RevocationIssuer;
use crate::algorithm::AlgorithmPolicy;
use crate::cert::Certificate;
use crate::{Error, Time};

/// The most CRLs one source holder accepts.
pub const MAX_CRLS: usize = 10_000;
/// The most OCSP responses one source holder accepts.
pub const MAX_OCSP_RESPONSES: usize = 10_000;

/// CRLs and OCSP responses, parsed once; immutable during lookups, so one holder can
/// serve many threads.
#[derive(Debug, Clone, Default)]
pub struct RevocationSources {
    crls: Vec<Crl>,
    ocsp: Vec<OcspResponse>,
}

/// Everything [`RevocationSources::status_with`] needs about one certificate.
#[derive(Debug, Clone)]
pub struct StatusQuery<'q> {
    /// The certificate whose status is asked.
    pub certificate: &'q Certificate<'q>,
    /// Its issuer: the next certificate of the validated path, or the trust anchor.
    pub issuer: RevocationIssuer<'q>,
    /// The validation time.
    pub time: Time,
    /// Clock skew tolerated on thisUpdate/nextUpdate, in seconds.
    pub skew_seconds: i64,
    /// Certificates that may sign CRLs for the issuer's name or as an indirect CRL
    /// issuer (RFC 5280 §6.3.3 (f)). **The caller must have validated each one's
    /// certification path**; this module only checks name and cRLSign.
    pub crl_signers: &'q [Certificate<'q>],
    /// The algorithm policy for CRL and OCSP signatures.
    pub algorithm_policy: AlgorithmPolicy<'q>,
}

impl RevocationSources {
    /// An empty holder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the CRLs in `input`: one DER CRL, or PEM with any number of `X509 CRL`
    /// blocks. Every CRL is parsed now ([`Crl::from_der`]); on error none is added.
    /// Returns how many were added.
    pub fn add_crl(&mut self, input: &[u8]) -> Result<usize, Error> {
        let parsed = der_or_pem(input, "X509 CRL")?
            .into_iter()
            .map(Crl::from_der)
            .collect::<Result<Vec<_>, _>>()?;
        if self.crls.len() + parsed.len() > MAX_CRLS {
            return Err(Error::RevocationSourcesFull { limit: MAX_CRLS });
        }
        let count = parsed.len();
        self.crls.extend(parsed);
        Ok(count)
    }

    /// Adds the OCSP responses in `input`: one DER `OCSPResponse`, or PEM with
    /// `OCSP RESPONSE` blocks. Parsed now ([`OcspResponse::from_der`]).
    pub fn add_ocsp_response(&mut self, input: &[u8]) -> Result<usize, Error> {
        let parsed = der_or_pem(input, "OCSP RESPONSE")?
            .into_iter()
            .map(OcspResponse::from_der)
            .collect::<Result<Vec<_>, _>>()?;
        if self.ocsp.len() + parsed.len() > MAX_OCSP_RESPONSES {
            return Err(Error::RevocationSourcesFull {
                limit: MAX_OCSP_RESPONSES,
            });
        }
        let count = parsed.len();
        self.ocsp.extend(parsed);
        Ok(count)
    }

    /// The CRLs held.
    pub fn crls(&self) -> &[Crl] {
        &self.crls
    }

    /// The OCSP responses held.
    pub fn ocsp_responses(&self) -> &[OcspResponse] {
        &self.ocsp
    }

    /// Whether no source is held.
    pub fn is_empty(&self) -> bool {
        self.crls.is_empty() && self.ocsp.is_empty()
    }

    /// [`RevocationSources::status_with`] without separate CRL signers and with the
    /// default algorithm policy.
    pub fn status_of(
        &self,
        certificate: &Certificate<'_>,
        issuer: &RevocationIssuer<'_>,
        time: Time,
        skew_seconds: i64,
    ) -> Result<RevocationStatus, Error> {
        self.status_with(&StatusQuery {
            certificate,
            issuer: issuer.clone(),
            time,
            skew_seconds,
            crl_signers: &[],
            algorithm_policy: AlgorithmPolicy::default(),
        })
    }

    /// The status of `query.certificate` at `query.time`:
    /// - `Revoked` when any accepted OCSP response or CRL (with its delta) says so;
    /// - else `Good` from an accepted OCSP `good`, or from accepted CRLs that together
    ///   cover every reason (RFC 5280 §6.3.3 (d), onlySomeReasons) and do not list it;
    /// - else `Unknown` from an accepted OCSP `unknown`;
    /// - else `Err`: [`Error::CrlReasonsNotCovered`] when accepted CRLs cover only some
    ///   reasons, otherwise the first refusal of a source that applied (stale, bad
    ///   signature, unauthorised responder…);
    /// - else `NotChecked`: no source speaks of the certificate.
    pub fn status_with(&self, query: &StatusQuery<'_>) -> Result<RevocationStatus, Error> {
        let mut refusals: Vec<Error> = Vec::new();
        let mut ocsp_good = None;
        let mut ocsp_unknown = None;
        for response in &self.ocsp {
            if response
                .single_response_for(query.certificate, &query.issuer)
                .is_none()
            {
                continue;
            }
            match response.status_for(
                query.certificate,
                &query.issuer,
                query.time,
                query.skew_seconds,
                &query.algorithm_policy,
            ) {
                Ok(status @ RevocationStatus::Revoked { .. }) => return Ok(status),
                Ok(status @ RevocationStatus::Good { .. }) => {
                    ocsp_good.get_or_insert(status);
                }
                Ok(status) => {
                    ocsp_unknown.get_or_insert(status);
                }
                Err(e) => refusals.push(e),
            }
        }

        let mut covered = ReasonSet::NONE;
        let mut crl_good_source = None;
        for crl in self.crls.iter().filter(|c| !c.is_delta()) {
            let reasons = match crl.scope().coverage(crl.issuer(), query.certificate) {
                Ok(Some(reasons)) if !reasons.is_empty() => reasons,
                Ok(_) => continue,
                Err(m) => {
                    refusals.push(Error::ExtensionMalformed {
                        oid: "2.5.29.31".into(),
                        reason: m.0,
                    });
                    continue;
                }
            };
            if let Err(e) = self.accept_crl(crl, query) {
                refusals.push(e);
                continue;
            }
            let mut delta_used: Option<&Crl> = None;
            for delta in self.crls.iter().filter(|c| c.is_delta()) {
                match delta_applies(crl, delta) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(e) => {
                        refusals.push(e);
                        continue;
                    }
                }
                if let Err(e) = self.accept_crl(delta, query) {
                    refusals.push(e);
                    continue;
                }
                let newer = delta_used.is_none_or(|used| {
                    super::asn1::compare_numbers(
                        delta.crl_number().unwrap_or_default(),
                        used.crl_number().unwrap_or_default(),
                    )
                    .is_gt()
                });
                if newer {
                    delta_used = Some(delta);
                }
            }
            let source = StatusSource::Crl {
                issuer: crl.issuer_text().to_owned(),
                crl_number: crl.crl_number_hex(),
                this_update: crl.this_update(),
                delta_crl_number: delta_used.and_then(Crl::crl_number_hex),
            };
            if let Some(entry) = combined_entry(crl, delta_used, query.certificate) {
                return Ok(RevocationStatus::Revoked {
                    time: entry.revocation_time,
                    reason: entry.reason,
                    invalidity_date: entry.invalidity_date,
                    source,
                });
            }
            covered = covered.union(reasons);
            crl_good_source.get_or_insert(source);
        }

        if let Some(good) = ocsp_good {
            return Ok(good);
        }
        if covered.is_all() {
            if let Some(source) = crl_good_source {
                return Ok(RevocationStatus::Good { source });
            }
        }
        if let Some(unknown) = ocsp_unknown {
            return Ok(unknown);
        }
        if !covered.is_empty() {
            return Err(Error::CrlReasonsNotCovered {
                missing: covered.missing().to_string(),
            });
        }
        match refusals.into_iter().next() {
            Some(refusal) => Err(refusal),
            None => Ok(RevocationStatus::NotChecked),
        }
    }

    /// Checks a CRL's signer, signature and freshness for `query`.
    fn accept_crl(&self, crl: &Crl, query: &StatusQuery<'_>) -> Result<(), Error> {
        verify_crl_signer(crl, query)?;
        crl.check_freshness(query.time, query.skew_seconds)
    }
}

/// Finds a key that may sign `crl` and whose signature on it verifies: the issuer of
/// the certificate when the names match (and its keyUsage, if any, has cRLSign), or one
/// of the caller's validated CRL signers ([`Crl::signer_acceptable`]). A candidate whose
/// subjectKeyIdentifier differs from the CRL's authorityKeyIdentifier is not tried.
fn verify_crl_signer(crl: &Crl, query: &StatusQuery<'_>) -> Result<(), Error> {
    let mut first_error = None;
    let aki_allows = |ski: Option<&[u8]>| match (crl.authority_key_id(), ski) {
        (Some(aki), Some(ski)) => aki == ski,
        _ => true,
    };
    if crl.issuer() == query.issuer.name() {
        let certificate = query.issuer.certificate();
        let lacks_crl_sign = certificate
            .and_then(Certificate::key_usage)
            .is_some_and(|usage| !usage.crl_sign());
        if lacks_crl_sign {
            first_error = Some(Error::CrlSignerLacksCrlSign {
                signer: query.issuer.name_text().to_owned(),
            });
        } else if aki_allows(certificate.and_then(Certificate::subject_key_id)) {
            match crl.verify_signature(query.issuer.spki(), &query.algorithm_policy) {
                Ok(()) => return Ok(()),
                Err(e) => first_error = Some(e),
            }
        }
    }
    for signer in query.crl_signers {
        if crl.signer_acceptable(signer).is_err() || !aki_allows(signer.subject_key_id()) {
            continue;
        }
        match crl.verify_signature(signer.spki(), &query.algorithm_policy) {
            Ok(()) => return Ok(()),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Error::CrlSignerUnavailable {
        crl_issuer: crl.issuer_text().to_owned(),
    }))
}
