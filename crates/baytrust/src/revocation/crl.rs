//! `Crl`: one X.509 certificate revocation list (RFC 5280 §5), parsed once and strictly
//! (version, extensions, entry extensions, trailing bytes), its entries kept sorted by
//! (certificate issuer, serial) so a lookup is a binary search even with millions of
//! entries. Signature, freshness and signer checks are here; the combination of CRLs
//! for one certificate is in `sources.rs`.

use std::collections::HashMap;
use std::ops::Range;

use der::asn1::AnyRef;
use der::{Decode, Reader, Tag};
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

use super::asn1::{
    canonical_integer, comparable_name, finish, name_text, next_is_time, range_in, read_crl_number,
    read_extensions, read_general_names, read_generalized_time, read_integer, read_time, read_tlv,
    reader, split_tlv, time_of, GeneralNameKey, Malformed,
};
use super::crl_scope::CrlScope;
use super::reason::ReasonCode;
use crate::algorithm::{verify_signature, AlgorithmPolicy};
use crate::cert::{Certificate, ComparableName};
use crate::message_text::hex_upper;
use crate::oid::typed::{
    AUTHORITY_KEY_IDENTIFIER, CERTIFICATE_ISSUER, CRL_NUMBER, DELTA_CRL_INDICATOR, INVALIDITY_DATE,
    ISSUING_DISTRIBUTION_POINT, REASON_CODE,
};
use crate::{Error, Time};

/// The most entries one CRL may hold (a bound on work and memory, ten times the
/// largest public CRLs seen in practice).
pub const MAX_CRL_ENTRIES: usize = 10_000_000;

/// Sentinel for "no invalidity date" in the packed entry.
const NO_TIME: i64 = i64::MIN;
/// Sentinel for "no reason code" in the packed entry.
const NO_REASON: u8 = u8::MAX;

/// One revoked certificate, packed: 32 bytes, the serial a range of the CRL's DER.
#[derive(Debug, Clone, Copy)]
struct Entry {
    serial_start: u32,
    serial_len: u16,
    reason: u8,
    issuer: u32,
    revoked_at: i64,
    invalidity: i64,
}

/// A revoked-certificate entry as a lookup returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedEntry {
    /// The serial number's canonical bytes.
    pub serial: Vec<u8>,
    /// `revocationDate`.
    pub revocation_time: Time,
    /// The `reasonCode` entry extension, when present.
    pub reason: Option<ReasonCode>,
    /// The `invalidityDate` entry extension, when present (RFC 5280 §5.3.2).
    pub invalidity_date: Option<Time>,
}

/// A parsed CRL owning its DER.
#[derive(Debug, Clone)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Range<usize>,
    signature_algorithm: Range<usize>,
    signature: Range<usize>,
    signature_unused_bits: u8,
    issuer_der: Range<usize>,
    issuer: ComparableName,
    issuer_text: String,
    this_update: Time,
    next_update: Option<Time>,
    crl_number: Option<Vec<u8>>,
    base_crl_number: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    scope: CrlScope,
    /// Certificate issuers named by entries; index 0 is the CRL issuer.
    entry_issuers: Vec<ComparableName>,
    entry_issuer_index: HashMap<ComparableName, u32>,
    entries: Vec<Entry>,
}

fn malformed(m: Malformed) -> Error {
    Error::CrlMalformed { reason: m.0 }
}

impl Crl {
    /// Parses one DER `CertificateList`. Refuses: anything that is not DER of RFC 5280
    /// §5.1 ([`Error::CrlMalformed`]), bytes after it ([`Error::CrlTrailingData`]), a
    /// version other than v1/v2 ([`Error::CrlVersionInvalid`]), extensions in a v1 CRL
    /// ([`Error::CrlExtensionsInV1`]), tbsCertList.signature ≠ signatureAlgorithm
    /// ([`Error::CrlSignatureAlgorithmMismatch`]), repeated or unknown critical CRL
    /// extensions and entry extensions, a reasonCode that is not a reason, removeFromCRL
    /// in a complete CRL, certificateIssuer in a CRL that is not indirect, and more than
    /// [`MAX_CRL_ENTRIES`] entries.
    pub fn from_der(der: Vec<u8>) -> Result<Self, Error> {
        if der.is_empty() {
            return Err(Error::EmptyInput);
        }
        let parsed = Parsed::read(&der)?;
        let Parsed {
            tbs,
            signature_algorithm,
            signature,
            signature_unused_bits,
            issuer_der,
            this_update,
            next_update,
            entries_der,
            extensions_der,
            version,
        } = parsed;
        let to_range = |part: &[u8]| {
            range_in(&der, part).ok_or_else(|| Error::CrlMalformed {
                reason: "a field does not lie within the input".into(),
            })
        };
        let issuer = comparable_name(issuer_der).map_err(malformed)?;
        let issuer_text = name_text(issuer_der);

        // CRL extensions.
        let mut crl_number = None;
        let mut base_crl_number = None;
        let mut authority_key_id = None;
        let mut scope = CrlScope::default();
        if let Some(content) = extensions_der {
            if version.is_none() {
                return Err(Error::CrlExtensionsInV1);
            }
            let (extensions, duplicate) = read_extensions(content).map_err(malformed)?;
            if let Some(oid) = duplicate {
                return Err(Error::CrlDuplicateExtension {
                    oid: oid.to_string(),
                });
            }
            for extension in &extensions {
                let bad = |m: Malformed| Error::ExtensionMalformed {
                    oid: extension.oid.to_string(),
                    reason: m.0,
                };
                match extension.oid {
                    CRL_NUMBER => {
                        crl_number = Some(single(extension.value, read_crl_number).map_err(bad)?)
                    }
                    DELTA_CRL_INDICATOR => {
                        base_crl_number =
                            Some(single(extension.value, read_crl_number).map_err(bad)?)
                    }
                    ISSUING_DISTRIBUTION_POINT => {
                        scope = CrlScope::parse(extension.value, issuer_der)
                            .map_err(|m| Error::CrlScopeInvalid { reason: m.0 })?
                    }
                    AUTHORITY_KEY_IDENTIFIER => {
                        authority_key_id = key_identifier(extension.value).map_err(bad)?
                    }
                    _ if extension.critical => {
                        return Err(Error::CrlUnknownCriticalExtension {
                            oid: extension.oid.to_string(),
                        })
                    }
                    _ => {}
                }
            }
        }
        let is_delta = base_crl_number.is_some();

        // Entries.
        let mut entry_issuers = vec![issuer.clone()];
        let mut entry_issuer_index = HashMap::new();
        entry_issuer_index.insert(issuer.clone(), 0u32);
        let mut entries = Vec::new();
        if let Some(content) = entries_der {
            let mut rest = content;
            let mut current_issuer = 0u32;
            // Each entry is at least 2 bytes, so the input length bounds the loop too.
            while !rest.is_empty() {
                if entries.len() >= MAX_CRL_ENTRIES {
                    return Err(Error::CrlTooManyEntries {
                        limit: MAX_CRL_ENTRIES,
                    });
                }
                let (tag, body, next) = split_tlv(rest).map_err(malformed)?;
                rest = next;
                if tag != 0x30 {
                    return Err(Error::CrlMalformed {
                        reason: "a revokedCertificates entry is not a SEQUENCE".into(),
                    });
                }
                let (tag, serial, after_serial) = split_tlv(body).map_err(malformed)?;
                if tag != 0x02 || serial.is_empty() {
                    return Err(Error::CrlMalformed {
                        reason: "userCertificate is not an INTEGER".into(),
                    });
                }
                let serial = canonical_integer(serial);
                let (tag, time, after_time) = split_tlv(after_serial).map_err(malformed)?;
                let revoked_at = time_of(tag, time).map_err(malformed)?;
                let mut reason = NO_REASON;
                let mut invalidity = NO_TIME;
                if !after_time.is_empty() {
                    if version.is_none() {
                        return Err(Error::CrlExtensionsInV1);
                    }
                    let (tag, ext_content, after_exts) =
                        split_tlv(after_time).map_err(malformed)?;
                    if tag != 0x30 || !after_exts.is_empty() {
                        return Err(Error::CrlMalformed {
                            reason: "bytes after an entry's serial and date are not \
                                     crlEntryExtensions"
                                .into(),
                        });
                    }
                    let (extensions, duplicate) =
                        read_extensions(ext_content).map_err(malformed)?;
                    if let Some(oid) = duplicate {
                        return Err(Error::CrlEntryDuplicateExtension {
                            serial: hex_upper(serial),
                            oid: oid.to_string(),
                        });
                    }
                    for extension in &extensions {
                        let bad = |m: Malformed| Error::ExtensionMalformed {
                            oid: extension.oid.to_string(),
                            reason: m.0,
                        };
                        match extension.oid {
                            REASON_CODE => {
                                let value = match extension.value {
                                    // The common case, read without a decoder.
                                    [0x0A, 0x01, value] if value & 0x80 == 0 => *value,
                                    other => single(other, read_enumerated).map_err(bad)?,
                                };
                                let code = ReasonCode::from_value(value).ok_or_else(|| {
                                    Error::CrlEntryReasonInvalid {
                                        serial: hex_upper(serial),
                                        code: value,
                                    }
                                })?;
                                if code == ReasonCode::RemoveFromCrl && !is_delta {
                                    return Err(Error::CrlRemoveFromCrlInCompleteCrl {
                                        serial: hex_upper(serial),
                                    });
                                }
                                reason = code.value();
                            }
                            INVALIDITY_DATE => {
                                invalidity = single(extension.value, read_generalized_time)
                                    .map_err(bad)?
                                    .unix_seconds();
                            }
                            CERTIFICATE_ISSUER => {
                                let names = certificate_issuer(extension.value).map_err(bad)?;
                                let Some(name) = names.into_iter().find_map(|n| match n {
                                    GeneralNameKey::Directory(name) => Some(name),
                                    GeneralNameKey::Other(..) => None,
                                }) else {
                                    return Err(bad(
                                        "certificateIssuer names no directory name".into()
                                    ));
                                };
                                let next = u32::try_from(entry_issuers.len())
                                    .map_err(|_| bad("too many certificate issuers".into()))?;
                                current_issuer =
                                    *entry_issuer_index.entry(name.clone()).or_insert_with(|| {
                                        entry_issuers.push(name);
                                        next
                                    });
                            }
                            _ if extension.critical => {
                                return Err(Error::CrlEntryUnknownCriticalExtension {
                                    serial: hex_upper(serial),
                                    oid: extension.oid.to_string(),
                                })
                            }
                            _ => {}
                        }
                    }
                }
                let serial_range = to_range(serial)?;
                let serial_len = u16::try_from(serial.len()).map_err(|_| Error::CrlMalformed {
                    reason: "serial number longer than 65535 octets".into(),
                })?;
                entries.push(Entry {
                    serial_start: u32::try_from(serial_range.start).map_err(|_| {
                        Error::CrlMalformed {
                            reason: "CRL larger than 4 GiB".into(),
                        }
                    })?,
                    serial_len,
                    reason,
                    issuer: current_issuer,
                    revoked_at: revoked_at.unix_seconds(),
                    invalidity,
                });
            }
        }
        if entry_issuers.len() > 1 && !scope.indirect {
            return Err(Error::CrlCertificateIssuerInDirectCrl);
        }

        let tbs = to_range(tbs)?;
        let signature_algorithm = to_range(signature_algorithm)?;
        let signature = to_range(signature)?;
        let issuer_der = to_range(issuer_der)?;
        let mut crl = Crl {
            der: Vec::new(),
            tbs,
            signature_algorithm,
            signature,
            signature_unused_bits,
            issuer_der,
            issuer,
            issuer_text,
            this_update,
            next_update,
            crl_number,
            base_crl_number,
            authority_key_id,
            scope,
            entry_issuers,
            entry_issuer_index,
            entries,
        };
        let key = |e: &Entry| {
            (
                e.issuer,
                e.serial_len,
                der.get(serial_of(e)).unwrap_or_default(),
            )
        };
        if !crl.entries.windows(2).all(|w| match w {
            [a, b] => key(a) <= key(b),
            _ => true,
        }) {
            crl.entries.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        }
        crl.der = der;
        Ok(crl)
    }

    /// The CRL's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The issuer prepared for comparison.
    pub fn issuer(&self) -> &ComparableName {
        &self.issuer
    }

    /// The issuer as text.
    pub fn issuer_text(&self) -> &str {
        &self.issuer_text
    }

    /// The bytes of `range` of the CRL's DER, a range recorded while reading it (so
    /// always within it; empty otherwise).
    fn bytes(&self, range: &Range<usize>) -> &[u8] {
        self.der.get(range.clone()).unwrap_or_default()
    }

    /// The issuer name's DER.
    pub fn issuer_der(&self) -> &[u8] {
        self.bytes(&self.issuer_der)
    }

    /// `thisUpdate`.
    pub fn this_update(&self) -> Time {
        self.this_update
    }

    /// `nextUpdate`, when present.
    pub fn next_update(&self) -> Option<Time> {
        self.next_update
    }

    /// The cRLNumber as upper-case hex, when present.
    pub fn crl_number_hex(&self) -> Option<String> {
        self.crl_number.as_deref().map(hex_upper)
    }

    /// The cRLNumber's big-endian magnitude.
    pub(super) fn crl_number(&self) -> Option<&[u8]> {
        self.crl_number.as_deref()
    }

    /// The deltaCRLIndicator's BaseCRLNumber, for a delta CRL.
    pub(super) fn base_crl_number(&self) -> Option<&[u8]> {
        self.base_crl_number.as_deref()
    }

    /// Whether this is a delta CRL (it carries deltaCRLIndicator, RFC 5280 §5.2.4).
    pub fn is_delta(&self) -> bool {
        self.base_crl_number.is_some()
    }

    /// The authorityKeyIdentifier's keyIdentifier, when present.
    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.authority_key_id.as_deref()
    }

    /// The scope from issuingDistributionPoint.
    pub fn scope(&self) -> &CrlScope {
        &self.scope
    }

    /// How many entries the CRL lists.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The entry for the certificate with `serial` (as encoded in the certificate; it is
    /// put in canonical form) issued by `certificate_issuer`, if the CRL lists it.
    /// O(log n).
    pub fn entry(
        &self,
        certificate_issuer: &ComparableName,
        serial: &[u8],
    ) -> Option<RevokedEntry> {
        let issuer = *self.entry_issuer_index.get(certificate_issuer)?;
        let serial = canonical_integer(serial);
        let len = u16::try_from(serial.len()).ok()?;
        let wanted = (issuer, len, serial);
        let index = self
            .entries
            .binary_search_by(|e| (e.issuer, e.serial_len, self.bytes(&serial_of(e))).cmp(&wanted))
            .ok()?;
        let entry = self.entries.get(index)?;
        Some(RevokedEntry {
            serial: serial.to_vec(),
            revocation_time: Time::from_unix_seconds(entry.revoked_at),
            reason: ReasonCode::from_value(entry.reason),
            invalidity_date: (entry.invalidity != NO_TIME)
                .then(|| Time::from_unix_seconds(entry.invalidity)),
        })
    }

    /// The entry for `certificate`, looked up under its issuer name and serial.
    pub fn entry_for(&self, certificate: &Certificate<'_>) -> Option<RevokedEntry> {
        self.entry(
            &ComparableName::of(certificate.issuer()),
            certificate.serial(),
        )
    }

    /// Checks the CRL's signature with the signer's key (RFC 5280 §6.3.3 (g)).
    /// [`Error::CrlSignatureInvalid`] carries the algorithm error.
    pub fn verify_signature(
        &self,
        signer_key: &SubjectPublicKeyInfo<'_>,
        policy: &AlgorithmPolicy<'_>,
    ) -> Result<(), Error> {
        let wrap = |cause: Error| Error::CrlSignatureInvalid {
            issuer: self.issuer_text.clone(),
            cause: Box::new(cause),
        };
        if self.signature_unused_bits != 0 {
            return Err(wrap(Error::SignatureMalformed {
                reason: "signatureValue BIT STRING has unused bits".into(),
            }));
        }
        let (_, algorithm) = AlgorithmIdentifier::from_der(self.bytes(&self.signature_algorithm))
            .map_err(|e| {
            wrap(Error::CrlMalformed {
                reason: e.to_string(),
            })
        })?;
        verify_signature(
            signer_key,
            &algorithm,
            self.bytes(&self.tbs),
            self.bytes(&self.signature),
            policy,
        )
        .map_err(wrap)
    }

    /// Checks thisUpdate and nextUpdate against the validation time with `skew_seconds`
    /// of tolerance either way (RFC 5280 §6.3.3 (a)(2)): [`Error::CrlNotYetValid`],
    /// [`Error::CrlStale`]. A CRL without nextUpdate is not stale (as OpenSSL has it;
    /// docs/conformance.md).
    pub fn check_freshness(&self, time: Time, skew_seconds: i64) -> Result<(), Error> {
        if self.this_update.unix_seconds() > time.unix_seconds().saturating_add(skew_seconds) {
            return Err(Error::CrlNotYetValid {
                issuer: self.issuer_text.clone(),
                this_update: self.this_update,
                time,
            });
        }
        if let Some(next_update) = self.next_update {
            if next_update.unix_seconds().saturating_add(skew_seconds) < time.unix_seconds() {
                return Err(Error::CrlStale {
                    issuer: self.issuer_text.clone(),
                    next_update,
                    time,
                });
            }
        }
        Ok(())
    }

    /// Whether `candidate` may sign this CRL on its own terms (RFC 5280 §6.3.3 (f)):
    /// its subject is the CRL issuer ([`Error::CrlSignerNameMismatch`]) and, when it has
    /// keyUsage, cRLSign is set ([`Error::CrlSignerLacksCrlSign`]). This is not enough:
    /// **the caller must also validate the candidate's own certification path** (to the
    /// same trust anchor as the certificate being checked) before using its key.
    pub fn signer_acceptable(&self, candidate: &Certificate<'_>) -> Result<(), Error> {
        if ComparableName::of(candidate.subject()) != self.issuer {
            return Err(Error::CrlSignerNameMismatch {
                crl_issuer: self.issuer_text.clone(),
                signer: candidate.subject_text(),
            });
        }
        if let Some(usage) = candidate.key_usage() {
            if !usage.crl_sign() {
                return Err(Error::CrlSignerLacksCrlSign {
                    signer: candidate.subject_text(),
                });
            }
        }
        Ok(())
    }

    /// The certificate issuers this CRL names, the CRL issuer first (more only in an
    /// indirect CRL).
    pub fn entry_issuers(&self) -> &[ComparableName] {
        &self.entry_issuers
    }
}

fn serial_of(entry: &Entry) -> Range<usize> {
    // A u32 offset always fits the usize of the targets the CRL was read on.
    let start = usize::try_from(entry.serial_start).unwrap_or(usize::MAX);
    start..start.saturating_add(usize::from(entry.serial_len))
}

/// The pieces of a CertificateList as slices of the input.
struct Parsed<'a> {
    tbs: &'a [u8],
    signature_algorithm: &'a [u8],
    signature: &'a [u8],
    signature_unused_bits: u8,
    issuer_der: &'a [u8],
    this_update: Time,
    next_update: Option<Time>,
    entries_der: Option<&'a [u8]>,
    extensions_der: Option<&'a [u8]>,
    version: Option<u8>,
}

impl<'a> Parsed<'a> {
    fn read(der: &'a [u8]) -> Result<Self, Error> {
        let mut outer = reader(der).map_err(malformed)?;
        let (whole, body) =
            read_tlv(&mut outer, Tag::Sequence, "CertificateList").map_err(malformed)?;
        if whole.len() < der.len() {
            return Err(Error::CrlTrailingData {
                count: der.len().saturating_sub(whole.len()),
            });
        }
        let mut r = reader(body).map_err(malformed)?;
        let (tbs, tbs_body) = read_tlv(&mut r, Tag::Sequence, "tbsCertList").map_err(malformed)?;
        let (signature_algorithm, _) =
            read_tlv(&mut r, Tag::Sequence, "signatureAlgorithm").map_err(malformed)?;
        let (_, bits) = read_tlv(&mut r, Tag::BitString, "signatureValue").map_err(malformed)?;
        finish(r, "CertificateList").map_err(malformed)?;
        // A signature BIT STRING with unused bits cannot be a valid signature; that is
        // reported when the signature is checked, as CrlSignatureInvalid.
        let (signature_unused_bits, signature) = match bits.split_first() {
            Some((&unused, signature)) => (unused, signature),
            None => {
                return Err(Error::CrlMalformed {
                    reason: "signatureValue is empty".into(),
                })
            }
        };

        let mut t = reader(tbs_body).map_err(malformed)?;
        let version = if Tag::peek(&t).map_err(|e| malformed(e.into()))? == Tag::Integer {
            let value = read_integer(&mut t).map_err(malformed)?;
            match value {
                [1] => Some(1),
                other => {
                    return Err(Error::CrlVersionInvalid {
                        version: hex_upper(other),
                    })
                }
            }
        } else {
            None
        };
        let (inner_algorithm, _) =
            read_tlv(&mut t, Tag::Sequence, "signature").map_err(malformed)?;
        if inner_algorithm != signature_algorithm {
            return Err(Error::CrlSignatureAlgorithmMismatch {
                tbs: algorithm_text(inner_algorithm),
                outer: algorithm_text(signature_algorithm),
            });
        }
        let (issuer_der, _) = read_tlv(&mut t, Tag::Sequence, "issuer").map_err(malformed)?;
        let this_update = read_time(&mut t).map_err(malformed)?;
        let next_update = if next_is_time(&t) {
            Some(read_time(&mut t).map_err(malformed)?)
        } else {
            None
        };
        let mut entries_der = None;
        if !t.is_finished() && Tag::peek(&t).map_err(|e| malformed(e.into()))? == Tag::Sequence {
            let (_, content) =
                read_tlv(&mut t, Tag::Sequence, "revokedCertificates").map_err(malformed)?;
            entries_der = Some(content);
        }
        let mut extensions_der = None;
        if !t.is_finished() {
            let whole = t.tlv_bytes().map_err(|e| malformed(e.into()))?;
            if whole.first() != Some(&0xA0) {
                return Err(Error::CrlMalformed {
                    reason: "unexpected field after revokedCertificates".into(),
                });
            }
            let explicit = AnyRef::from_der(whole).map_err(|e| malformed(e.into()))?;
            let mut inner = reader(explicit.value()).map_err(malformed)?;
            let (_, content) =
                read_tlv(&mut inner, Tag::Sequence, "crlExtensions").map_err(malformed)?;
            finish(inner, "crlExtensions").map_err(malformed)?;
            extensions_der = Some(content);
        }
        finish(t, "tbsCertList").map_err(malformed)?;
        Ok(Parsed {
            tbs,
            signature_algorithm,
            signature,
            signature_unused_bits,
            issuer_der,
            this_update,
            next_update,
            entries_der,
            extensions_der,
            version,
        })
    }
}

/// The dotted OID of an AlgorithmIdentifier's DER, for messages.
fn algorithm_text(der: &[u8]) -> String {
    AlgorithmIdentifier::from_der(der)
        .map(|(_, a)| a.algorithm.to_id_string())
        .unwrap_or_else(|_| "(unreadable)".into())
}

/// Reads exactly one value from `bytes` with `read`.
fn single<'a, T>(
    bytes: &'a [u8],
    read: impl FnOnce(&mut der::SliceReader<'a>) -> Result<T, Malformed>,
) -> Result<T, Malformed> {
    let mut r = reader(bytes)?;
    let value = read(&mut r)?;
    finish(r, "extension value")?;
    Ok(value)
}

/// Reads an ENUMERATED of one octet (CRLReason).
fn read_enumerated(r: &mut der::SliceReader<'_>) -> Result<u8, Malformed> {
    let (_, content) = read_tlv(r, Tag::Enumerated, "ENUMERATED")?;
    match content {
        [value] if value & 0x80 == 0 => Ok(*value),
        _ => Err("CRLReason is not a small non-negative ENUMERATED".into()),
    }
}

/// The keyIdentifier `[0]` of an AuthorityKeyIdentifier value (RFC 5280 §4.2.1.1).
fn key_identifier(value: &[u8]) -> Result<Option<Vec<u8>>, Malformed> {
    let mut outer = reader(value)?;
    let (_, body) = read_tlv(&mut outer, Tag::Sequence, "AuthorityKeyIdentifier")?;
    finish(outer, "AuthorityKeyIdentifier")?;
    let mut r = reader(body)?;
    while !r.is_finished() {
        let whole = r.tlv_bytes()?;
        if whole.first() == Some(&0x80) {
            return Ok(Some(AnyRef::from_der(whole)?.value().to_vec()));
        }
    }
    Ok(None)
}

/// The names of a certificateIssuer entry extension (`GeneralNames`).
fn certificate_issuer(value: &[u8]) -> Result<Vec<GeneralNameKey>, Malformed> {
    let mut outer = reader(value)?;
    let (_, body) = read_tlv(&mut outer, Tag::Sequence, "certificateIssuer")?;
    finish(outer, "certificateIssuer")?;
    read_general_names(body)
}

#[cfg(test)]
mod tests {
    use super::super::asn1::tlv;
    use super::super::test_support::*;
    use super::*;

    fn parse(spec: &CrlSpec) -> Result<Crl, Error> {
        Crl::from_der(spec.unsigned())
    }

    fn with_extensions(extensions: Vec<Vec<u8>>) -> CrlSpec {
        let mut spec = CrlSpec::new("Test CA");
        spec.extensions = Some(extensions);
        spec
    }

    fn with_entries(entries: Vec<Vec<u8>>) -> CrlSpec {
        let mut spec = CrlSpec::new("Test CA");
        spec.entries = entries;
        spec
    }

    #[test]
    fn bytes_after_the_crl_are_refused() {
        let mut der = CrlSpec::new("Test CA").unsigned();
        der.push(0);
        assert_eq!(
            Crl::from_der(der).unwrap_err(),
            Error::CrlTrailingData { count: 1 }
        );
    }

    #[test]
    fn version_other_than_v2_is_refused() {
        let mut spec = CrlSpec::new("Test CA");
        spec.version = Some(2);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlVersionInvalid {
                version: "02".into()
            }
        );
        spec.version = Some(0);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlVersionInvalid {
                version: "00".into()
            }
        );
    }

    #[test]
    fn v1_crl_with_crl_or_entry_extensions_is_refused() {
        let mut spec = with_extensions(vec![crl_number(1)]);
        spec.version = None;
        assert_eq!(parse(&spec).unwrap_err(), Error::CrlExtensionsInV1);
        let mut spec = with_entries(vec![entry(&[1], &[reason(1)])]);
        spec.version = None;
        assert_eq!(parse(&spec).unwrap_err(), Error::CrlExtensionsInV1);
        // A v1 CRL without extensions is fine.
        let mut spec = with_entries(vec![entry(&[1], &[])]);
        spec.version = None;
        assert_eq!(parse(&spec).unwrap().entry_count(), 1);
    }

    #[test]
    fn inner_and_outer_signature_algorithms_must_be_equal() {
        let spec = CrlSpec::new("Test CA");
        let sha256_rsa = tlv(
            0x30,
            &[
                tlv(
                    0x06,
                    &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B],
                ),
                tlv(0x05, &[]),
            ]
            .concat(),
        );
        let body = [spec.tbs(&sha256_rsa), ecdsa_sha256(), tlv(0x03, &[0, 1])].concat();
        assert_eq!(
            Crl::from_der(tlv(0x30, &body)).unwrap_err(),
            Error::CrlSignatureAlgorithmMismatch {
                tbs: "1.2.840.113549.1.1.11".into(),
                outer: "1.2.840.10045.4.3.2".into(),
            }
        );
    }

    #[test]
    fn repeated_crl_extension_is_refused() {
        let spec = with_extensions(vec![crl_number(1), crl_number(2)]);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlDuplicateExtension {
                oid: "2.5.29.20".into()
            }
        );
    }

    #[test]
    fn unknown_critical_crl_extension_is_refused_and_a_non_critical_one_ignored() {
        let unknown = tlv(0x06, &[0x2A, 0x03, 0x04]);
        let spec = with_extensions(vec![extension(unknown.clone(), true, tlv(0x05, &[]))]);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlUnknownCriticalExtension {
                oid: "1.2.3.4".into()
            }
        );
        let spec = with_extensions(vec![extension(unknown, false, tlv(0x05, &[]))]);
        assert!(parse(&spec).is_ok());
    }

    #[test]
    fn known_but_unprocessed_extension_marked_critical_is_refused() {
        // freshestCRL (2.5.29.46) is read by no one here: critical, it must stop the CRL.
        let spec = with_extensions(vec![extension(ce(46), true, tlv(0x30, &[]))]);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlUnknownCriticalExtension {
                oid: "2.5.29.46".into()
            }
        );
    }

    #[test]
    fn explicitly_encoded_critical_false_is_not_der() {
        let ext = tlv(
            0x30,
            &[ce(20), tlv(0x01, &[0x00]), tlv(0x04, &tlv(0x02, &[1]))].concat(),
        );
        assert!(matches!(
            parse(&with_extensions(vec![ext])),
            Err(Error::CrlMalformed { .. })
        ));
    }

    #[test]
    fn entry_extension_rules_hold() {
        assert_eq!(
            parse(&with_entries(vec![entry(&[5], &[reason(1), reason(2)])])).unwrap_err(),
            Error::CrlEntryDuplicateExtension {
                serial: "05".into(),
                oid: "2.5.29.21".into()
            }
        );
        let unknown = extension(tlv(0x06, &[0x2A, 0x03, 0x05]), true, tlv(0x05, &[]));
        assert_eq!(
            parse(&with_entries(vec![entry(&[5], &[unknown])])).unwrap_err(),
            Error::CrlEntryUnknownCriticalExtension {
                serial: "05".into(),
                oid: "1.2.3.5".into()
            }
        );
        assert_eq!(
            parse(&with_entries(vec![entry(&[5], &[reason(7)])])).unwrap_err(),
            Error::CrlEntryReasonInvalid {
                serial: "05".into(),
                code: 7
            }
        );
        assert_eq!(
            parse(&with_entries(vec![entry(&[5], &[reason(8)])])).unwrap_err(),
            Error::CrlRemoveFromCrlInCompleteCrl {
                serial: "05".into()
            }
        );
    }

    #[test]
    fn certificate_issuer_entries_need_an_indirect_crl() {
        let spec = with_entries(vec![entry(&[5], &[certificate_issuer_ext("Other CA")])]);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlCertificateIssuerInDirectCrl
        );
    }

    #[test]
    fn certificate_issuer_carries_over_to_later_entries_of_an_indirect_crl() {
        let mut spec = with_entries(vec![
            entry(&[1], &[]),
            entry(&[2], &[certificate_issuer_ext("Other CA")]),
            entry(&[3], &[]),
            entry(&[4], &[certificate_issuer_ext("Test CA")]),
        ]);
        spec.extensions = Some(vec![idp(&[tlv(0x84, &[0xFF])])]);
        let crl = parse(&spec).unwrap();
        let own = super::super::asn1::comparable_name(&name("Test CA")).unwrap();
        let other = super::super::asn1::comparable_name(&name("Other CA")).unwrap();
        assert!(crl.entry(&own, &[1]).is_some());
        assert!(crl.entry(&other, &[1]).is_none());
        assert!(crl.entry(&other, &[2]).is_some());
        assert!(crl.entry(&other, &[3]).is_some());
        assert!(crl.entry(&own, &[3]).is_none());
        assert!(crl.entry(&own, &[4]).is_some());
        assert_eq!(crl.entry_issuers().len(), 2);
    }

    #[test]
    fn issuing_distribution_point_with_two_only_flags_or_none_is_refused() {
        let spec = with_extensions(vec![idp(&[tlv(0x81, &[0xFF]), tlv(0x82, &[0xFF])])]);
        assert!(matches!(parse(&spec), Err(Error::CrlScopeInvalid { .. })));
        let spec = with_extensions(vec![idp(&[])]);
        assert_eq!(
            parse(&spec).unwrap_err(),
            Error::CrlScopeInvalid {
                reason: "IssuingDistributionPoint is empty".into()
            }
        );
    }

    #[test]
    fn entries_in_any_order_are_found_by_binary_search() {
        let spec = with_entries(vec![
            entry(&[0x30], &[]),
            entry(&[0x01, 0x00], &[reason(1)]),
            entry(&[0x02], &[]),
            entry(&[0x80, 0x00], &[]),
        ]);
        let crl = parse(&spec).unwrap();
        let own = super::super::asn1::comparable_name(&name("Test CA")).unwrap();
        for serial in [&[0x30][..], &[0x01, 0x00], &[0x02], &[0x80, 0x00]] {
            assert!(crl.entry(&own, serial).is_some(), "{serial:?}");
        }
        assert_eq!(
            crl.entry(&own, &[0x01, 0x00]).unwrap().reason,
            Some(ReasonCode::KeyCompromise)
        );
        assert!(crl.entry(&own, &[0x03]).is_none());
        // A certificate parser that kept a redundant leading zero still finds it.
        assert!(crl.entry(&own, &[0x00, 0x02]).is_some());
    }

    #[test]
    fn crl_number_longer_than_twenty_octets_is_refused() {
        let long = extension(ce(20), false, tlv(0x02, &[0x01; 21]));
        assert_eq!(
            parse(&with_extensions(vec![long])).unwrap_err(),
            Error::ExtensionMalformed {
                oid: "2.5.29.20".into(),
                reason: "CRL number is longer than 20 octets".into()
            }
        );
    }

    #[test]
    fn signature_is_checked_with_the_signers_key() {
        let test_ca = ca("Test CA", true);
        let ca = Certificate::from_der(&test_ca.der).unwrap();
        let crl = Crl::from_der(CrlSpec::new("Test CA").signed(&test_ca.key)).unwrap();
        assert_eq!(
            crl.verify_signature(ca.spki(), &AlgorithmPolicy::default()),
            Ok(())
        );
        let other_ca = super::super::test_support::ca("Test CA", true);
        let other = Certificate::from_der(&other_ca.der).unwrap();
        assert_eq!(
            crl.verify_signature(other.spki(), &AlgorithmPolicy::default()),
            Err(Error::CrlSignatureInvalid {
                issuer: "CN=Test CA".into(),
                cause: Box::new(Error::SignatureInvalid)
            })
        );
    }

    #[test]
    fn signer_without_crl_sign_is_refused() {
        let test_ca = ca("Test CA", false);
        let signer = Certificate::from_der(&test_ca.der).unwrap();
        let crl = Crl::from_der(CrlSpec::new("Test CA").signed(&test_ca.key)).unwrap();
        assert_eq!(
            crl.signer_acceptable(&signer),
            Err(Error::CrlSignerLacksCrlSign {
                signer: "CN=Test CA".into()
            })
        );
    }

    #[test]
    fn truncated_and_garbage_input_is_malformed_not_a_panic() {
        let der = CrlSpec::new("Test CA").unsigned();
        for cut in 1..der.len() {
            assert!(Crl::from_der(der[..cut].to_vec()).is_err());
        }
        assert_eq!(Crl::from_der(Vec::new()).unwrap_err(), Error::EmptyInput);
    }
}
