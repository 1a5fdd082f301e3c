//! Which certificates a CRL speaks for: the issuingDistributionPoint extension
//! (RFC 5280 §5.2.5) matched against a certificate's cRLDistributionPoints
//! (§4.2.1.13) as RFC 5280 §6.3.3 (b) and (d) say, giving the reasons the CRL covers
//! for that certificate.

use der::{Reader, Tag};

use super::asn1::{
    comparable_name, finish, named_bits, read_general_names, read_tlv, reader, GeneralNameKey,
    Malformed,
};
use super::reason::ReasonSet;
use crate::cert::{Certificate, ComparableName};

/// A distribution point name, resolved to general names (nameRelativeToCRLIssuer
/// becomes the directory name it denotes).
type ResolvedName = Vec<GeneralNameKey>;

/// The scope a CRL declares in its issuingDistributionPoint (RFC 5280 §5.2.5); a CRL
/// without one covers every certificate of its issuer for every reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrlScope {
    /// The extension's DER value, to match a delta CRL's scope to its base's.
    pub(super) raw: Option<Vec<u8>>,
    /// `distributionPoint`, resolved.
    pub(super) distribution_point: Option<ResolvedName>,
    /// `onlyContainsUserCerts`.
    pub only_user_certs: bool,
    /// `onlyContainsCACerts`.
    pub only_ca_certs: bool,
    /// `onlyContainsAttributeCerts`: such a CRL is never used for public-key
    /// certificates.
    pub only_attribute_certs: bool,
    /// `onlySomeReasons`; `None` means all reasons.
    pub only_some_reasons: Option<ReasonSet>,
    /// `indirectCRL`: entries may name other certificate issuers (RFC 5280 §5.3.3).
    pub indirect: bool,
}

impl CrlScope {
    /// Reads an issuingDistributionPoint value; `crl_issuer_der` resolves
    /// nameRelativeToCRLIssuer. Refuses more than one `onlyContains…` flag and an
    /// extension that asserts nothing (RFC 5280 §5.2.5).
    pub(super) fn parse(value: &[u8], crl_issuer_der: &[u8]) -> Result<Self, Malformed> {
        let mut outer = reader(value)?;
        let (_, body) = read_tlv(&mut outer, Tag::Sequence, "IssuingDistributionPoint")?;
        finish(outer, "IssuingDistributionPoint")?;
        let mut r = reader(body)?;
        let mut scope = CrlScope {
            raw: Some(value.to_vec()),
            ..CrlScope::default()
        };
        let mut last_tag = None;
        while !r.is_finished() {
            let whole = r.tlv_bytes()?;
            let (&tag, _) = whole.split_first().ok_or("empty element")?;
            if last_tag.is_some_and(|last: u8| tag & 0x1F <= last & 0x1F) {
                return Err("IssuingDistributionPoint fields out of order or repeated".into());
            }
            last_tag = Some(tag);
            let content = der::asn1::AnyRef::try_from(whole)?.value();
            match tag {
                0xA0 => {
                    scope.distribution_point = Some(resolve_dp_name(content, Some(crl_issuer_der))?)
                }
                0x81 => scope.only_user_certs = boolean(content)?,
                0x82 => scope.only_ca_certs = boolean(content)?,
                0x83 => scope.only_some_reasons = Some(ReasonSet::from_bits(named_bits(content)?)),
                0x84 => scope.indirect = boolean(content)?,
                0x85 => scope.only_attribute_certs = boolean(content)?,
                _ => return Err("unknown IssuingDistributionPoint field".into()),
            }
        }
        let flags = [
            scope.only_user_certs,
            scope.only_ca_certs,
            scope.only_attribute_certs,
        ];
        if flags.iter().filter(|&&f| f).count() > 1 {
            return Err(
                "more than one of onlyContainsUserCerts, onlyContainsCACerts and \
                        onlyContainsAttributeCerts is TRUE"
                    .into(),
            );
        }
        if last_tag.is_none() {
            return Err("IssuingDistributionPoint is empty".into());
        }
        Ok(scope)
    }

    /// The reasons this CRL, issued by `crl_issuer`, covers for `certificate`
    /// (RFC 5280 §6.3.3 (b)(1), (b)(2), (d)); `None` when it does not cover it at all.
    /// `Err` only when the certificate's cRLDistributionPoints does not decode.
    pub(super) fn coverage(
        &self,
        crl_issuer: &ComparableName,
        certificate: &Certificate<'_>,
    ) -> Result<Option<ReasonSet>, Malformed> {
        if self.only_attribute_certs
            || (self.only_user_certs && certificate.is_ca())
            || (self.only_ca_certs && !certificate.is_ca())
        {
            return Ok(None);
        }
        let certificate_issuer = ComparableName::of(certificate.issuer());
        let points = certificate_distribution_points(certificate)?;
        // A certificate without cRLDistributionPoints is treated as one distribution
        // point with no name, all reasons and its issuer as CRL issuer.
        let points = points.unwrap_or_else(|| vec![DistributionPoint::default()]);
        let idp_reasons = self.only_some_reasons.unwrap_or(ReasonSet::ALL);
        let mut covered: Option<ReasonSet> = None;
        for point in &points {
            let issuer_ok = match &point.crl_issuer {
                Some(names) => {
                    self.indirect && names.contains(&GeneralNameKey::Directory(crl_issuer.clone()))
                }
                None => *crl_issuer == certificate_issuer,
            };
            if !issuer_ok {
                continue;
            }
            if let Some(idp_names) = &self.distribution_point {
                let dp_names = match (&point.name, &point.crl_issuer) {
                    (Some(names), _) => names,
                    (None, Some(issuers)) => issuers,
                    (None, None) => continue,
                };
                if !idp_names.iter().any(|n| dp_names.contains(n)) {
                    continue;
                }
            }
            let reasons = idp_reasons.intersection(point.reasons.unwrap_or(ReasonSet::ALL));
            covered = Some(covered.unwrap_or_default().union(reasons));
        }
        Ok(covered)
    }
}

/// One DistributionPoint of a certificate (RFC 5280 §4.2.1.13).
#[derive(Debug, Clone, Default)]
struct DistributionPoint {
    name: Option<ResolvedName>,
    reasons: Option<ReasonSet>,
    crl_issuer: Option<ResolvedName>,
}

/// The most distribution points read from one certificate.
const MAX_DISTRIBUTION_POINTS: usize = 32;

/// The certificate's cRLDistributionPoints, `None` when it has none.
fn certificate_distribution_points(
    certificate: &Certificate<'_>,
) -> Result<Option<Vec<DistributionPoint>>, Malformed> {
    let Some(extension) = certificate.extension(crate::oid::CRL_DISTRIBUTION_POINTS) else {
        return Ok(None);
    };
    let mut outer = reader(extension.value)?;
    let (_, body) = read_tlv(&mut outer, Tag::Sequence, "CRLDistributionPoints")?;
    finish(outer, "CRLDistributionPoints")?;
    let mut r = reader(body)?;
    let mut points = Vec::new();
    while !r.is_finished() {
        if points.len() >= MAX_DISTRIBUTION_POINTS {
            return Err("too many distribution points".into());
        }
        let (_, point_body) = read_tlv(&mut r, Tag::Sequence, "DistributionPoint")?;
        let mut p = reader(point_body)?;
        let mut name_content = None;
        let mut point = DistributionPoint::default();
        while !p.is_finished() {
            let whole = p.tlv_bytes()?;
            let content = der::asn1::AnyRef::try_from(whole)?.value();
            match whole.first() {
                Some(0xA0) => name_content = Some(content),
                Some(0x81) => point.reasons = Some(ReasonSet::from_bits(named_bits(content)?)),
                Some(0xA2) => point.crl_issuer = Some(read_general_names(content)?),
                _ => return Err("unknown DistributionPoint field".into()),
            }
        }
        if let Some(content) = name_content {
            // nameRelativeToCRLIssuer is relative to the cRLIssuer when present,
            // otherwise to the certificate's issuer.
            let base = match first_directory_name_der(point_body)? {
                Some(der) => der,
                None => certificate.issuer().as_raw(),
            };
            point.name = Some(resolve_dp_name(content, Some(base))?);
        }
        points.push(point);
    }
    Ok(Some(points))
}

/// The DER of the first directoryName in a DistributionPoint's cRLIssuer.
fn first_directory_name_der(point_body: &[u8]) -> Result<Option<&[u8]>, Malformed> {
    let mut p = reader(point_body)?;
    while !p.is_finished() {
        let whole = p.tlv_bytes()?;
        if whole.first() == Some(&0xA2) {
            let content = der::asn1::AnyRef::try_from(whole)?.value();
            let mut names = reader(content)?;
            while !names.is_finished() {
                let name = names.tlv_bytes()?;
                if name.first() == Some(&0xA4) {
                    let inner = der::asn1::AnyRef::try_from(name)?.value();
                    return Ok(Some(inner));
                }
            }
        }
    }
    Ok(None)
}

/// Reads a `DistributionPointName` (the content of the `[0]` that holds it):
/// `fullName [0] GeneralNames` or `nameRelativeToCRLIssuer [1] RDN`, the latter made
/// into the directory name `base` + RDN.
fn resolve_dp_name(content: &[u8], base: Option<&[u8]>) -> Result<ResolvedName, Malformed> {
    let mut r = reader(content)?;
    let whole = r.tlv_bytes()?;
    finish(r, "DistributionPointName")?;
    let inner = der::asn1::AnyRef::try_from(whole)?.value();
    match whole.first() {
        Some(0xA0) => read_general_names(inner),
        Some(0xA1) => {
            let base = base.ok_or("nameRelativeToCRLIssuer without an issuer")?;
            let full = super::asn1::name_with_rdn(base, inner)?;
            Ok(vec![GeneralNameKey::Directory(comparable_name(&full)?)])
        }
        _ => Err("DistributionPointName is neither fullName nor nameRelativeToCRLIssuer".into()),
    }
}

/// An implicitly tagged BOOLEAN's content (DER: `0xFF` or `0x00`).
fn boolean(content: &[u8]) -> Result<bool, Malformed> {
    match content {
        [0xFF] => Ok(true),
        [0x00] => Ok(false),
        _ => Err("BOOLEAN is not DER".into()),
    }
}
