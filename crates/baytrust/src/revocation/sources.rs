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

/// id-ri-ocsp-response (RFC 5940 §4.1).
pub use crate::oid::RI_OCSP_RESPONSE as OID_RI_OCSP_RESPONSE;

/// The most sources (OCSP responses, CRLs, delta CRLs) whose signatures one status
/// lookup checks. Sources embedded in a signature are the attacker's choice; like
/// rustls-webpki's signature budget, this bounds the work one lookup can be made to do.
pub const MAX_SOURCES_CHECKED: usize = 256;

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
    /// blocks. Every CRL is parsed now (`Crl::from_der`); on error none is added.
    /// Returns how many were added.
    pub fn add_crl(&mut self, input: &[u8]) -> Result<usize, Error> {
        let parsed = der_or_pem(input, "X509 CRL")?
            .into_iter()
            .map(Crl::from_der)
            .collect::<Result<Vec<_>, _>>()?;
        if self.crls.len().saturating_add(parsed.len()) > MAX_CRLS {
            return Err(Error::RevocationSourcesFull { limit: MAX_CRLS });
        }
        let count = parsed.len();
        self.crls.extend(parsed);
        Ok(count)
    }

    /// Adds the OCSP responses in `input`: one DER `OCSPResponse`, or PEM with
    /// `OCSP RESPONSE` blocks. Parsed now (`OcspResponse::from_der`).
    pub fn add_ocsp_response(&mut self, input: &[u8]) -> Result<usize, Error> {
        let parsed = der_or_pem(input, "OCSP RESPONSE")?
            .into_iter()
            .map(OcspResponse::from_der)
            .collect::<Result<Vec<_>, _>>()?;
        if self.ocsp.len().saturating_add(parsed.len()) > MAX_OCSP_RESPONSES {
            return Err(Error::RevocationSourcesFull {
                limit: MAX_OCSP_RESPONSES,
            });
        }
        let count = parsed.len();
        self.ocsp.extend(parsed);
        Ok(count)
    }

    /// Adds one `RevocationInfoChoice` of a CMS SignedData's `crls` field (RFC 5652
    /// §10.2.1), as its DER TLV: a `CertificateList`, or `other [1]` whose format is
    /// id-ri-ocsp-response (RFC 5940 §4.1: an `OCSPResponse`). Returns whether it was
    /// added; `other` formats baytrust does not read are skipped (`Ok(false)`).
    pub fn add_revocation_info_choice(&mut self, choice: &[u8]) -> Result<bool, Error> {
        match choice.first() {
            Some(0x30) => {
                let crl = Crl::from_der(choice.to_vec())?;
                self.push_crl(crl)?;
                Ok(true)
            }
            Some(0xA1) => {
                let bad = |m: super::asn1::Malformed| Error::CmsMalformed {
                    reason: format!("RevocationInfoChoice other: {}", m.0),
                };
                let mut r = super::asn1::reader(choice).map_err(bad)?;
                let (_, body) = super::asn1::read_tlv(
                    &mut r,
                    der::Tag::ContextSpecific {
                        constructed: true,
                        number: der::TagNumber(1),
                    },
                    "other",
                )
                .map_err(bad)?;
                super::asn1::finish(r, "RevocationInfoChoice").map_err(bad)?;
                let mut o = super::asn1::reader(body).map_err(bad)?;
                let format: der::asn1::ObjectIdentifier =
                    der::Decode::decode(&mut o).map_err(|e: der::Error| bad(e.into()))?;
                let value = der::Reader::tlv_bytes(&mut o).map_err(|e| bad(e.into()))?;
                super::asn1::finish(o, "OtherRevocationInfoFormat").map_err(bad)?;
                if format != crate::oid::typed::RI_OCSP_RESPONSE {
                    return Ok(false);
                }
                let response = OcspResponse::from_der(value.to_vec())?;
                if self.ocsp.len() >= MAX_OCSP_RESPONSES {
                    return Err(Error::RevocationSourcesFull {
                        limit: MAX_OCSP_RESPONSES,
                    });
                }
                self.ocsp.push(response);
                Ok(true)
            }
            _ => Err(Error::CmsMalformed {
                reason: "a RevocationInfoChoice is neither a CRL nor other [1]".into(),
            }),
        }
    }

    internal_pub! {
        /// Adds a parsed CRL.
        pub fn push_crl(&mut self, crl: Crl) -> Result<(), Error> {
            if self.crls.len() >= MAX_CRLS {
                return Err(Error::RevocationSourcesFull { limit: MAX_CRLS });
            }
            self.crls.push(crl);
            Ok(())
        }
    }

    internal_pub! {
        /// The CRLs held.
        pub fn crls(&self) -> &[Crl] {
            &self.crls
        }
    }

    internal_pub! {
        /// The OCSP responses held.
        pub fn ocsp_responses(&self) -> &[OcspResponse] {
            &self.ocsp
        }
    }

    /// Whether no source is held.
    pub fn is_empty(&self) -> bool {
        self.crls.is_empty() && self.ocsp.is_empty()
    }

    internal_pub! {
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
    }

    internal_pub! {
        /// The status of every certificate of a validated path, end entity first:
        /// element `i` is the status of `path[i]` as issued by `path[i + 1]`, the last by
        /// `anchor`. CRL signers tried are `extra_crl_signers` (separate CRL-signing or
        /// indirect-CRL certificates **whose paths the caller validated**) and the path's
        /// own certificates (a same-name CA key of the path, RFC 5280 §6.3.3 (f)). A
        /// revoked CA revokes everything below it: the caller decides from the statuses.
        pub fn status_of_path(
            &self,
            path: &[Certificate<'_>],
            anchor: &RevocationIssuer<'_>,
            time: Time,
            skew_seconds: i64,
            extra_crl_signers: &[Certificate<'_>],
            algorithm_policy: &AlgorithmPolicy<'_>,
        ) -> Vec<Result<RevocationStatus, Error>> {
            let signers: Vec<Certificate<'_>> = extra_crl_signers.iter().chain(path).cloned().collect();
            path.iter()
                .enumerate()
                .map(|(depth, certificate)| {
                    let issuer = match depth.checked_add(1).and_then(|above| path.get(above)) {
                        Some(next) => RevocationIssuer::of_certificate(next),
                        None => anchor.clone(),
                    };
                    self.status_with(&StatusQuery {
                        certificate,
                        issuer,
                        time,
                        skew_seconds,
                        crl_signers: &signers,
                        algorithm_policy: *algorithm_policy,
                    })
                })
                .collect()
        }
    }

    internal_pub! {
        /// The status of `query.certificate` at `query.time`:
        /// - `Revoked` when any accepted OCSP response or CRL (with its delta) says so;
        /// - else `Good` from an accepted OCSP `good`, or from accepted CRLs that together
        ///   cover every reason (RFC 5280 §6.3.3 (d), onlySomeReasons) and do not list it;
        /// - else `Unknown` from an accepted OCSP `unknown`;
        /// - else `Err`: [`Error::CrlReasonsNotCovered`] when accepted CRLs cover only some
        ///   reasons, otherwise the first refusal of a source that applied (stale, bad
        ///   signature, unauthorised responder…);
        /// - else `NotChecked`: no source speaks of the certificate.
        ///
        /// [`Error::BudgetExceeded`] ends the lookup when more than
        /// [`MAX_SOURCES_CHECKED`] sources would have their signatures checked.
        pub fn status_with(&self, query: &StatusQuery<'_>) -> Result<RevocationStatus, Error> {
            let mut refusals: Vec<Error> = Vec::new();
            let mut budget = MAX_SOURCES_CHECKED;
            let mut spend = || {
                budget = budget.checked_sub(1).ok_or(Error::BudgetExceeded {
                    what: "revocation sources checked",
                    limit: MAX_SOURCES_CHECKED,
                })?;
                Ok::<(), Error>(())
            };
            let mut ocsp_good = None;
            let mut ocsp_unknown = None;
            for response in &self.ocsp {
                if response
                    .single_response_for(query.certificate, &query.issuer)
                    .is_none()
                {
                    continue;
                }
                spend()?;
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
                            oid: crate::oid::CRL_DISTRIBUTION_POINTS.into(),
                            reason: m.0,
                        });
                        continue;
                    }
                };
                spend()?;
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
                    spend()?;
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

#[cfg(test)]
mod tests {
    use super::super::asn1::tlv;
    use super::super::reason::ReasonCode;
    use super::super::test_support::*;
    use super::*;

    const URI_A: &str = "http://crl.test/a.crl";

    fn time() -> Time {
        Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
    }

    fn holder(crls: &[Vec<u8>]) -> RevocationSources {
        let mut sources = RevocationSources::new();
        for crl in crls {
            sources.add_crl(crl).unwrap();
        }
        sources
    }

    fn status(
        sources: &RevocationSources,
        leaf: &[u8],
        issuer: &[u8],
        signers: &[Vec<u8>],
    ) -> Result<RevocationStatus, Error> {
        let leaf = Certificate::from_der(leaf).unwrap();
        let issuer = Certificate::from_der(issuer).unwrap();
        let signers: Vec<Certificate<'_>> = signers
            .iter()
            .map(|d| Certificate::from_der(d).unwrap())
            .collect();
        sources.status_with(&StatusQuery {
            certificate: &leaf,
            issuer: RevocationIssuer::of_certificate(&issuer),
            time: time(),
            skew_seconds: 0,
            crl_signers: &signers,
            algorithm_policy: AlgorithmPolicy::default(),
        })
    }

    fn crl_source(issuer: &str) -> StatusSource {
        StatusSource::Crl {
            issuer: format!("CN={issuer}"),
            crl_number: None,
            this_update: Time::parse_rfc3339("2026-05-01T00:00:00Z").unwrap(),
            delta_crl_number: None,
        }
    }

    #[test]
    fn indirect_crl_speaks_for_a_certificate_whose_distribution_point_names_its_issuer() {
        let issuing = ca("Issuing CA", true);
        let authority = ca("CRL Authority", true);
        let points = distribution_points(Some(URI_A), None, Some("CRL Authority"));
        let leaf = issuing.issue("Leaf", 0x10, Some(points), false);
        let mut spec = CrlSpec::new("CRL Authority");
        spec.extensions = Some(vec![idp(&[dp_uri(URI_A), tlv(0x84, &[0xFF])])]);
        spec.entries = vec![entry(
            &[0x10],
            &[certificate_issuer_ext("Issuing CA"), reason(1)],
        )];
        let sources = holder(&[spec.signed(&authority.key)]);
        assert_eq!(
            status(
                &sources,
                &leaf,
                &issuing.der,
                std::slice::from_ref(&authority.der)
            ),
            Ok(RevocationStatus::Revoked {
                time: Time::parse_rfc3339("2026-04-01T00:00:00Z").unwrap(),
                reason: Some(ReasonCode::KeyCompromise),
                invalidity_date: None,
                source: crl_source("CRL Authority"),
            })
        );
        // Without the (validated) CRL signer's certificate the CRL cannot be checked.
        assert_eq!(
            status(&sources, &leaf, &issuing.der, &[]),
            Err(Error::CrlSignerUnavailable {
                crl_issuer: "CN=CRL Authority".into()
            })
        );
        // A certificate of the same CA whose distribution point does not name the
        // indirect CRL issuer is outside its scope.
        let plain = issuing.issue("Plain", 0x10, None, false);
        assert_eq!(
            status(
                &sources,
                &plain,
                &issuing.der,
                std::slice::from_ref(&authority.der)
            ),
            Ok(RevocationStatus::NotChecked)
        );
    }

    #[test]
    fn distribution_point_name_must_match_the_issuing_distribution_point() {
        let issuing = ca("Issuing CA", true);
        let mut spec = CrlSpec::new("Issuing CA");
        spec.extensions = Some(vec![idp(&[dp_uri(URI_A)])]);
        let sources = holder(&[spec.signed(&issuing.key)]);
        let matching = issuing.issue(
            "A",
            1,
            Some(distribution_points(Some(URI_A), None, None)),
            false,
        );
        let other = issuing.issue(
            "B",
            2,
            Some(distribution_points(
                Some("http://crl.test/b.crl"),
                None,
                None,
            )),
            false,
        );
        let none = issuing.issue("C", 3, None, false);
        assert_eq!(
            status(&sources, &matching, &issuing.der, &[]),
            Ok(RevocationStatus::Good {
                source: crl_source("Issuing CA")
            })
        );
        assert_eq!(
            status(&sources, &other, &issuing.der, &[]),
            Ok(RevocationStatus::NotChecked)
        );
        assert_eq!(
            status(&sources, &none, &issuing.der, &[]),
            Ok(RevocationStatus::NotChecked)
        );
    }

    #[test]
    fn only_some_reasons_crls_cover_a_certificate_only_together() {
        let issuing = ca("Issuing CA", true);
        let leaf = issuing.issue("Leaf", 7, None, false);
        let mut compromise = CrlSpec::new("Issuing CA");
        // keyCompromise (1), cACompromise (2).
        compromise.extensions = Some(vec![idp(&[tlv(0x83, &[0x05, 0x60])])]);
        let mut others = CrlSpec::new("Issuing CA");
        // affiliationChanged (3) … aACompromise (8).
        others.extensions = Some(vec![idp(&[tlv(0x83, &[0x07, 0x1F, 0x80])])]);
        let one = holder(&[compromise.signed(&issuing.key)]);
        assert_eq!(
            status(&one, &leaf, &issuing.der, &[]),
            Err(Error::CrlReasonsNotCovered {
                missing: "affiliationChanged,superseded,cessationOfOperation,certificateHold,\
                          privilegeWithdrawn,aACompromise"
                    .into()
            })
        );
        let both = holder(&[compromise.signed(&issuing.key), others.signed(&issuing.key)]);
        assert!(matches!(
            status(&both, &leaf, &issuing.der, &[]),
            Ok(RevocationStatus::Good { .. })
        ));
        // A distribution point's own reasons narrow what a CRL covers for it.
        let narrow = issuing.issue(
            "Narrow",
            8,
            Some(distribution_points(None, Some(0x40), None)),
            false,
        );
        let full = holder(&[CrlSpec::new("Issuing CA").signed(&issuing.key)]);
        assert_eq!(
            status(&full, &narrow, &issuing.der, &[]),
            Err(Error::CrlReasonsNotCovered {
                missing: "cACompromise,affiliationChanged,superseded,cessationOfOperation,\
                          certificateHold,privilegeWithdrawn,aACompromise"
                    .into()
            })
        );
    }

    #[test]
    fn only_ca_certs_crl_does_not_cover_an_end_entity_and_only_user_certs_not_a_ca() {
        let issuing = ca("Issuing CA", true);
        let leaf = issuing.issue("Leaf", 1, None, false);
        let sub_ca = issuing.issue("Sub CA", 2, None, true);
        let mut only_ca = CrlSpec::new("Issuing CA");
        only_ca.extensions = Some(vec![idp(&[tlv(0x82, &[0xFF])])]);
        let sources = holder(&[only_ca.signed(&issuing.key)]);
        assert_eq!(
            status(&sources, &leaf, &issuing.der, &[]),
            Ok(RevocationStatus::NotChecked)
        );
        assert!(matches!(
            status(&sources, &sub_ca, &issuing.der, &[]),
            Ok(RevocationStatus::Good { .. })
        ));
        let mut only_user = CrlSpec::new("Issuing CA");
        only_user.extensions = Some(vec![idp(&[tlv(0x81, &[0xFF])])]);
        let sources = holder(&[only_user.signed(&issuing.key)]);
        assert_eq!(
            status(&sources, &sub_ca, &issuing.der, &[]),
            Ok(RevocationStatus::NotChecked)
        );
        let mut only_attribute = CrlSpec::new("Issuing CA");
        only_attribute.extensions = Some(vec![idp(&[tlv(0x85, &[0xFF])])]);
        let sources = holder(&[only_attribute.signed(&issuing.key)]);
        assert_eq!(
            status(&sources, &leaf, &issuing.der, &[]),
            Ok(RevocationStatus::NotChecked)
        );
    }

    #[test]
    fn crl_of_an_issuer_whose_key_usage_lacks_crl_sign_is_refused() {
        let issuing = ca("Issuing CA", false);
        let leaf = issuing.issue("Leaf", 1, None, false);
        let sources = holder(&[CrlSpec::new("Issuing CA").signed(&issuing.key)]);
        assert_eq!(
            status(&sources, &leaf, &issuing.der, &[]),
            Err(Error::CrlSignerLacksCrlSign {
                signer: "CN=Issuing CA".into()
            })
        );
    }

    fn numbered(issuer: &str, number: u8, base: Option<u8>, entries: Vec<Vec<u8>>) -> CrlSpec {
        let mut spec = CrlSpec::new(issuer);
        let mut extensions = vec![crl_number(number)];
        if let Some(base) = base {
            extensions.push(delta_indicator(base));
        }
        spec.extensions = Some(extensions);
        spec.entries = entries;
        spec
    }

    #[test]
    fn delta_crl_must_not_be_based_on_a_newer_crl_nor_be_older_than_its_base() {
        let issuing = ca("Issuing CA", true);
        let complete =
            Crl::from_der(numbered("Issuing CA", 5, None, vec![]).signed(&issuing.key)).unwrap();
        let too_new =
            Crl::from_der(numbered("Issuing CA", 7, Some(6), vec![]).signed(&issuing.key)).unwrap();
        assert_eq!(
            delta_applies(&complete, &too_new),
            Err(Error::DeltaCrlBaseTooNew {
                base_crl_number: "06".into(),
                complete_crl_number: "05".into()
            })
        );
        let not_newer =
            Crl::from_der(numbered("Issuing CA", 5, Some(4), vec![]).signed(&issuing.key)).unwrap();
        assert_eq!(
            delta_applies(&complete, &not_newer),
            Err(Error::DeltaCrlNotNewer {
                delta_crl_number: "05".into(),
                complete_crl_number: "05".into()
            })
        );
        let other_issuer = ca("Other CA", true);
        let unrelated =
            Crl::from_der(numbered("Other CA", 6, Some(5), vec![]).signed(&other_issuer.key))
                .unwrap();
        assert_eq!(delta_applies(&complete, &unrelated), Ok(false));
    }

    #[test]
    fn refused_delta_does_not_stop_its_complete_crl() {
        let issuing = ca("Issuing CA", true);
        let leaf = issuing.issue("Leaf", 9, None, false);
        let sources = holder(&[
            numbered("Issuing CA", 5, None, vec![]).signed(&issuing.key),
            numbered("Issuing CA", 7, Some(6), vec![entry(&[9], &[])]).signed(&issuing.key),
        ]);
        assert!(matches!(
            status(&sources, &leaf, &issuing.der, &[]),
            Ok(RevocationStatus::Good {
                source: StatusSource::Crl {
                    delta_crl_number: None,
                    ..
                }
            })
        ));
    }

    #[test]
    fn newest_applicable_delta_is_used() {
        let issuing = ca("Issuing CA", true);
        let leaf = issuing.issue("Leaf", 9, None, false);
        let sources = holder(&[
            numbered("Issuing CA", 5, None, vec![]).signed(&issuing.key),
            numbered("Issuing CA", 6, Some(5), vec![]).signed(&issuing.key),
            numbered("Issuing CA", 7, Some(5), vec![entry(&[9], &[reason(4)])])
                .signed(&issuing.key),
        ]);
        assert!(matches!(
            status(&sources, &leaf, &issuing.der, &[]),
            Ok(RevocationStatus::Revoked {
                reason: Some(ReasonCode::Superseded),
                source: StatusSource::Crl {
                    delta_crl_number: Some(_),
                    ..
                },
                ..
            })
        ));
    }
}
