//! The one error type of the library: each variant names the rule that was broken and
//! carries the values that broke it.

/// Everything that can go wrong in baytrust. Variants name the broken rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ---- input encoding: DER / PEM -------------------------------------------------
    /// The input holds no bytes at all.
    #[error("input is empty")]
    EmptyInput,
    /// The input looked like PEM but no `-----BEGIN …-----` block was found.
    #[error("no PEM block found in the input")]
    PemNoBlock,
    /// A PEM block carries a label other than the one required.
    #[error("PEM block is labelled {found:?}, expected {expected:?}")]
    PemWrongLabel {
        /// The label that was found.
        found: String,
        /// The label that was required.
        expected: &'static str,
    },
    /// A PEM block is not well formed (RFC 7468).
    #[error("PEM block is malformed: {reason}")]
    PemMalformed {
        /// What the PEM decoder objected to.
        reason: String,
    },
    /// The input is neither DER (which starts with a SEQUENCE tag) nor PEM (no
    /// `-----BEGIN` line).
    #[error("input is neither DER nor PEM")]
    UnrecognisedEncoding,
    /// A time is not valid RFC 3339 (`2026-06-01T00:00:00Z`) or is out of range.
    #[error("time {value:?} is not a valid RFC 3339 time")]
    TimeMalformed {
        /// The text as given.
        value: String,
    },
    /// The bytes are not a DER `Certificate` (RFC 5280 §4.1).
    #[error("certificate is malformed: {reason}")]
    CertificateMalformed {
        /// What the DER parser objected to.
        reason: String,
    },
    /// Bytes follow the end of a DER structure that must stand alone.
    #[error("{count} bytes of trailing data after the certificate")]
    TrailingData {
        /// How many bytes follow the structure.
        count: usize,
    },
    /// An extension appears twice in one certificate (RFC 5280 §4.2).
    #[error("extension {oid} appears more than once")]
    DuplicateExtension {
        /// The dotted OID of the repeated extension.
        oid: String,
    },
    /// An extension's value does not decode as its ASN.1 definition says.
    #[error("extension {oid} is malformed: {reason}")]
    ExtensionMalformed {
        /// The dotted OID of the extension.
        oid: String,
        /// What the decoder objected to.
        reason: String,
    },
    /// An attribute value uses an ASN.1 string type that cannot be decoded as text,
    /// or its bytes are invalid for that type.
    #[error("attribute {oid} is not a decodable string: {reason}")]
    AttributeNotText {
        /// The dotted OID of the attribute or extension.
        oid: String,
        /// Why it could not be decoded.
        reason: String,
    },

    // ---- algorithms ---------------------------------------------------------------
    /// The signature algorithm OID is not one baytrust verifies.
    #[error("signature algorithm {oid} is not supported")]
    UnsupportedSignatureAlgorithm {
        /// The dotted OID.
        oid: String,
    },
    /// The public-key algorithm (or named curve) is not one baytrust verifies.
    #[error("public key algorithm {oid} is not supported")]
    UnsupportedPublicKeyAlgorithm {
        /// The dotted OID of the key algorithm or curve.
        oid: String,
    },
    /// SHA-1 based signatures are refused (collision attacks; CA/B Forum, NIST SP 800-131A).
    #[error("SHA-1 signatures are refused ({oid})")]
    Sha1Refused {
        /// The dotted OID of the SHA-1 based algorithm.
        oid: String,
    },
    /// MD5 (and MD2) based signatures are refused.
    #[error("MD5 signatures are refused ({oid})")]
    Md5Refused {
        /// The dotted OID of the MD5 based algorithm.
        oid: String,
    },
    /// RSA keys below the floor are refused (NIST SP 800-131A: 2048 bits).
    #[error("RSA key of {bits} bits is below the {minimum}-bit floor")]
    RsaKeyTooSmall {
        /// The modulus size in bits.
        bits: usize,
        /// The floor in bits.
        minimum: usize,
    },
    /// The signature algorithm does not fit the key (e.g. ECDSA with an RSA key).
    #[error(
        "signature algorithm {signature_algorithm} does not match key algorithm {key_algorithm}"
    )]
    AlgorithmKeyMismatch {
        /// The signature algorithm.
        signature_algorithm: String,
        /// The key's algorithm.
        key_algorithm: String,
    },
    /// The algorithm parameters are missing, malformed or not supported
    /// (e.g. RSA-PSS with a salt length other than the hash length).
    #[error("algorithm parameters rejected: {reason}")]
    AlgorithmParametersInvalid {
        /// What is wrong with them.
        reason: String,
    },
    /// The public key's bytes are not a valid key of its algorithm.
    #[error("public key is invalid: {reason}")]
    PublicKeyInvalid {
        /// What is wrong with it.
        reason: String,
    },
    /// The signature value is not encoded as its algorithm requires.
    #[error("signature value is malformed: {reason}")]
    SignatureMalformed {
        /// What is wrong with it.
        reason: String,
    },
    /// The signature does not verify over the message with the key.
    #[error("signature does not verify")]
    SignatureInvalid,
    /// The SM2 signer identifier is longer than SM2 allows (ENTL is 16 bits: 8191 bytes).
    #[error("SM2 signer ID of {len} bytes is too long")]
    Sm2SignerIdTooLong {
        /// Its length in bytes.
        len: usize,
    },

    // ---- CMS (RFC 5652) --------------------------------------------------------------
    /// The digest algorithm OID is not one baytrust computes.
    #[error("digest algorithm {oid} is not supported")]
    UnsupportedDigestAlgorithm {
        /// The dotted OID.
        oid: String,
    },
    /// The bytes are not a well-formed CMS `ContentInfo` holding a `SignedData`
    /// (RFC 5652 §3, §5): truncated, wrong tags, trailing bytes….
    #[error("CMS structure is malformed: {reason}")]
    CmsMalformed {
        /// What the decoder objected to.
        reason: String,
    },
    /// The `ContentInfo` holds another content type than SignedData
    /// (`1.2.840.113549.1.7.2`, or GM/T 0010 `1.2.156.10197.6.1.4.2.2`).
    #[error("CMS content type {content_type} is not SignedData")]
    CmsNotSignedData {
        /// The dotted OID of the content type found.
        content_type: String,
    },
    /// A private key is not a PKCS#8 `PrivateKeyInfo` (RFC 5958) of a supported
    /// algorithm, or the crypto backend rejects it (RSA outside 2048–4096 bits, a point
    /// off the curve, a public key that does not match the private one…).
    #[error("signing key is invalid: {reason}")]
    SigningKeyInvalid {
        /// What is wrong with it.
        reason: String,
    },
    /// The signing key is not the key of the signer's certificate: the signature would
    /// not verify with the certificate's SubjectPublicKeyInfo.
    #[error("signing key does not belong to the certificate of {subject}")]
    SignerKeyMismatch {
        /// The certificate's subject.
        subject: String,
    },
    /// A SignedData was to be built without any signer.
    #[error("a SignedData needs at least one signer")]
    NoSigners,
    /// CAdES-B-B requires the signing-time attribute (ETSI EN 319 122-1 §5.2.1) and the
    /// library reads no clock: the caller must give it.
    #[error("no signing time was given (CAdES-B-B requires one)")]
    SigningTimeMissing,
    /// The signing time cannot be encoded as UTCTime or GeneralizedTime (before 1970 or
    /// after 9999, RFC 5652 §11.3).
    #[error("signing time {time} cannot be encoded")]
    SigningTimeOutOfRange {
        /// The time as given.
        time: crate::Time,
    },
    /// Reading the content to be signed or verified failed.
    #[error("content cannot be read: {reason}")]
    ContentUnreadable {
        /// The I/O error.
        reason: String,
    },
    /// The crypto backend failed to produce a signature, or the signature it made does
    /// not verify with the signer's certificate.
    #[error("signing failed: {reason}")]
    SigningFailed {
        /// What failed.
        reason: String,
    },
    /// A CMS structure could not be encoded as DER.
    #[error("CMS structure cannot be encoded: {reason}")]
    CmsEncodingFailed {
        /// What the encoder objected to.
        reason: String,
    },

    /// The signature is attached-content verification but carries no content (it is
    /// detached: supply the content).
    #[error("the signature is detached: supply the signed content")]
    CmsContentMissing,
    /// Detached content was supplied for a signature that encapsulates its own.
    #[error("the signature already encapsulates its content; do not supply it separately")]
    CmsContentTwice,
    // ---- CMS: bounds and semantics (issue 8) ----
    /// More `signerInfos` than one signature may carry. RFC 5652 §5.1 sets no limit;
    /// baytrust caps them ([`MAX_SIGNERS`](crate::cms::MAX_SIGNERS)) so that the work
    /// of one verification is bounded whatever the input.
    #[error("the SignedData has {count} signers, more than the {max} baytrust verifies")]
    TooManySigners {
        /// How many `signerInfos` the SignedData has.
        count: usize,
        /// The cap.
        max: usize,
    },
    /// More `certificates` than one signature may carry. RFC 5652 §5.1 sets no limit;
    /// baytrust caps them ([`MAX_CERTIFICATES`](crate::cms::MAX_CERTIFICATES)).
    #[error("the SignedData carries {count} certificates, more than the {max} baytrust reads")]
    TooManyCertificates {
        /// How many entries the `certificates` field has (every CertificateChoices).
        count: usize,
        /// The cap.
        max: usize,
    },
    /// A SignedData with no `signerInfos` (the degenerate "certificates-only" form of
    /// RFC 5652 §5.1, a certificate bag) was given as a signature: nothing is signed.
    #[error(
        "certificates-only SignedData, no signers ({certificates} certificates): nothing is signed"
    )]
    CmsNoSigners {
        /// How many certificates it carries.
        certificates: usize,
    },
    /// The ContentInfo is PKCS #7 `signedAndEnvelopedData` (`1.2.840.113549.1.7.4`,
    /// RFC 2315 §11, dropped by RFC 5652) or its GM/T 0010 equivalent
    /// (`1.2.156.10197.6.1.4.2.4`), not SignedData.
    #[error("signed-and-enveloped data ({content_type}) is not SignedData")]
    CmsSignedAndEnvelopedData {
        /// The dotted OID as received.
        content_type: String,
    },
    /// A signer without signed attributes signs the content itself (RFC 5652 §5.4), so
    /// its check needs the content bytes, and the detached content is larger than the
    /// relying-party policy keeps in memory (`RelyingPartyPolicy::max_kept_content`).
    /// ETSI: `INDETERMINATE/SIGNED_DATA_NOT_FOUND`.
    #[error("the detached content is larger than the {max} bytes kept for a signer without signed attributes, so its signature cannot be checked")]
    DetachedContentTooLarge {
        /// The policy's cap in bytes.
        max: usize,
    },
    /// A signer without signed attributes signs the content itself (RFC 5652 §5.4) and
    /// the caller did not supply the detached content bytes.
    /// ETSI: `INDETERMINATE/SIGNED_DATA_NOT_FOUND`.
    #[error("the signer has no signed attributes, so its signature covers the content itself, and the detached content bytes were not supplied")]
    DetachedContentNotSupplied,
    /// `SignerInfo.version` does not go with its `sid` choice (RFC 5652 §5.3: version 1
    /// with issuerAndSerialNumber, version 3 with subjectKeyIdentifier).
    #[error("SignerInfo version {version} with {sid} (RFC 5652 §5.3: version 1 goes with issuerAndSerialNumber, version 3 with subjectKeyIdentifier)")]
    SignerInfoVersionMismatch {
        /// The version received.
        version: u8,
        /// The sid choice received: `issuerAndSerialNumber` or `subjectKeyIdentifier`.
        sid: &'static str,
    },
    /// The signer's `digestAlgorithm` is not among `SignedData.digestAlgorithms`
    /// (RFC 5652 §5.1: the set lists the algorithms the signers use).
    #[error("the signer's digest algorithm {oid} is not listed in SignedData.digestAlgorithms (RFC 5652 §5.1)")]
    DigestAlgorithmNotListed {
        /// The dotted OID of the signer's digestAlgorithm.
        oid: String,
    },
    /// The contentType signed attribute differs from `eContentType` (RFC 5652 §11.1);
    /// GM/T 0010 synonyms are equal to their PKCS #7 OIDs.
    #[error("contentType attribute {attribute} differs from eContentType {e_content_type} (RFC 5652 §11.1)")]
    ContentTypeMismatch {
        /// The attribute's OID as received.
        attribute: String,
        /// `eContentType` as received.
        e_content_type: String,
    },
    /// A signer has no signed attributes although `eContentType` is not id-data
    /// (RFC 5652 §5.3).
    #[error("no signed attributes for eContentType {e_content_type} (RFC 5652 §5.3: required unless the content type is id-data)")]
    SignedAttributesRequired {
        /// `eContentType` as received.
        e_content_type: String,
    },

    // ---- trust lists (docs/trust-list.md) ----------------------------------------------
    /// A trust list is not valid `baytrust-trust-list/1` JSON, or breaks one of its
    /// rules (the reason names the field).
    #[error("trust list is malformed: {reason}")]
    TrustListMalformed {
        /// What is wrong, naming the field.
        reason: String,
    },
    /// A trust list has a lower sequence number than the edition already loaded for its
    /// jurisdiction: an older edition must not replace a newer one.
    #[error("trust list of {jurisdiction} has sequence {offered}, below the loaded {loaded}")]
    TrustListSequenceRegressed {
        /// The list's jurisdiction.
        jurisdiction: String,
        /// The sequence already loaded.
        loaded: u64,
        /// The sequence offered.
        offered: u64,
    },
    /// A trust list declares a format version this library does not read.
    #[error("trust list format {format:?} is not baytrust-trust-list/1")]
    TrustListFormatUnknown {
        /// The `format` as given.
        format: String,
    },
    /// A signed trust list's CMS signature does not hold: the bytes are not a CMS
    /// SignedData, the list is not encapsulated in it (a detached signature), the
    /// encapsulated content type is not id-data, there is no signer, or a signer's check
    /// fails (the reason names the signer and the rule).
    #[error("trust list signature is invalid: {reason}")]
    TrustListSignatureInvalid {
        /// What is wrong, naming the signer when one is at fault.
        reason: String,
    },
    /// A signer of a trust list has no valid certification path (purpose sign, at the
    /// load time) to any of the operator certificates the relying party configured.
    #[error("trust list is not signed by a configured operator: {reason}")]
    TrustListOperatorUnknown {
        /// Which signer, and the path-validation error.
        reason: String,
    },
    /// A trust list's `next_update` had passed at the time it was loaded, and the caller
    /// refuses stale lists.
    #[error(
        "trust list of {jurisdiction} (sequence {sequence}) is stale: its next update was due \
         {next_update}, before {time}"
    )]
    TrustListStale {
        /// The list's jurisdiction.
        jurisdiction: String,
        /// The list's sequence number.
        sequence: u64,
        /// Its `next_update`.
        next_update: crate::Time,
        /// The time it was loaded at.
        time: crate::Time,
    },

    // ---- path validation (RFC 5280 §6.1) -------------------------------------------
    // `depth` counts from the end-entity certificate (0) towards the trust anchor.
    /// No certificate in the pool or trust store issued the certificate at `depth`
    /// (RFC 5280 §6.1.3 (a)(4): issuer name chaining).
    #[error("no issuer found for the certificate at depth {depth}")]
    UnknownIssuer {
        /// The certificate whose issuer is missing.
        depth: usize,
    },
    /// The issuer's signature on the certificate at `depth` does not verify, or uses a
    /// refused algorithm (RFC 5280 §6.1.3 (a)(1)); `cause` is the algorithm error.
    #[error("signature on the certificate at depth {depth}: {cause}")]
    ChainSignature {
        /// The certificate whose signature failed.
        depth: usize,
        /// Why: [`Error::SignatureInvalid`], [`Error::Sha1Refused`], ….
        cause: Box<Error>,
    },
    /// The public key of the certificate at `depth` is refused by the algorithm policy
    /// (too small, unknown or malformed); `cause` says which.
    #[error("public key of the certificate at depth {depth}: {cause}")]
    PublicKeyRefused {
        /// The certificate whose key is refused.
        depth: usize,
        /// [`Error::RsaKeyTooSmall`], [`Error::UnsupportedPublicKeyAlgorithm`], ….
        cause: Box<Error>,
    },
    /// The certificate at `depth` had expired at the validation time (RFC 5280 §6.1.3 (a)(2)).
    #[error("certificate at depth {depth} expired at {not_after} (validation time {time})")]
    CertificateExpired {
        /// The expired certificate.
        depth: usize,
        /// The validation time.
        time: crate::Time,
        /// Its notAfter.
        not_after: crate::Time,
    },
    /// The certificate at `depth` was not yet valid at the validation time.
    #[error(
        "certificate at depth {depth} is not valid before {not_before} (validation time {time})"
    )]
    CertificateNotYetValid {
        /// The certificate.
        depth: usize,
        /// The validation time.
        time: crate::Time,
        /// Its notBefore.
        not_before: crate::Time,
    },
    /// An intermediate certificate is not a CA: basicConstraints absent or cA FALSE
    /// (RFC 5280 §6.1.4 (k)).
    #[error("certificate at depth {depth} is not a CA (basicConstraints cA is not TRUE)")]
    NotACa {
        /// The intermediate.
        depth: usize,
    },
    /// The path is longer than a CA's pathLenConstraint allows (RFC 5280 §6.1.4 (l)).
    #[error("certificate at depth {depth} exceeds the path length constraint")]
    PathLenExceeded {
        /// The CA certificate that exceeded the remaining path length.
        depth: usize,
    },
    /// A CA's keyUsage lacks keyCertSign (RFC 5280 §6.1.4 (n)).
    #[error("CA certificate at depth {depth} has keyUsage without keyCertSign")]
    KeyCertSignMissing {
        /// The CA certificate.
        depth: usize,
    },
    /// The end-entity keyUsage does not allow the requested purpose (for signing:
    /// digitalSignature or nonRepudiation, RFC 5280 §4.2.1.3).
    #[error("end-entity keyUsage does not allow {purpose}")]
    LeafKeyUsageMissing {
        /// The purpose asked for.
        purpose: &'static str,
    },
    /// The extendedKeyUsage of the certificate at `depth` does not include the purpose
    /// (RFC 5280 §4.2.1.12).
    #[error("certificate at depth {depth} has extendedKeyUsage without {purpose}")]
    ExtendedKeyUsageMissing {
        /// The certificate.
        depth: usize,
        /// The purpose asked for.
        purpose: &'static str,
    },
    /// A name in the certificate at `depth` is outside the permitted or inside the
    /// excluded subtrees (RFC 5280 §6.1.3 (b), (c)).
    #[error("certificate at depth {depth}: {name} violates the name constraints")]
    NameConstraintViolation {
        /// The certificate.
        depth: usize,
        /// The offending name, e.g. `rfc822Name bad@example.com`.
        name: String,
    },
    /// A constraint or name of a form baytrust does not evaluate (x400Address,
    /// ediPartyName, otherName…) applies to the certificate at `depth`: fail closed.
    #[error("certificate at depth {depth}: name constraints on {form} are not supported")]
    NameConstraintUnsupported {
        /// The certificate.
        depth: usize,
        /// The GeneralName form.
        form: &'static str,
    },
    /// The certificate at `depth` has a critical extension the validator does not
    /// process (RFC 5280 §6.1.3, §4.2).
    #[error("certificate at depth {depth} has unrecognised critical extension {oid}")]
    UnrecognisedCriticalExtension {
        /// The certificate.
        depth: usize,
        /// The extension's dotted OID.
        oid: String,
    },
    /// A policyMappings extension maps to or from anyPolicy (RFC 5280 §6.1.4 (a)).
    #[error("certificate at depth {depth} maps anyPolicy in policyMappings")]
    PolicyMappingAnyPolicy {
        /// The certificate.
        depth: usize,
    },
    /// An explicit policy is required but the valid policy tree is empty at `depth`
    /// (RFC 5280 §6.1.3 (f), §6.1.5 (g)).
    #[error("an explicit policy is required but no valid policy remains at depth {depth}")]
    NoValidPolicy {
        /// The certificate after whose processing the tree was empty.
        depth: usize,
    },
    /// The path is longer than the relying party allows.
    #[error("path of {len} certificates exceeds the maximum of {max}")]
    PathTooLong {
        /// Certificates in the path, anchor excluded.
        len: usize,
        /// The maximum.
        max: usize,
    },
    /// Path building gave up: a budget was spent (see `path::Budget`).
    #[error("path building exceeded its budget of {limit} {what}")]
    BudgetExceeded {
        /// `signature checks` or `build steps`.
        what: &'static str,
        /// The limit.
        limit: usize,
    },

    // ---- identity -----------------------------------------------------------------
    /// A jurisdiction code other than `CN`, `HK` or `MO`.
    #[error("unknown jurisdiction {code:?} (expected CN, HK or MO)")]
    UnknownJurisdiction {
        /// The code as given.
        code: String,
    },
    /// A canonical identifier (`NTRxx-…`, ETSI EN 319 412-1 §5.1.4) is malformed.
    #[error("organisation identifier {value:?} is not of the form NTRxx-…: {reason}")]
    CanonicalOrgIdMalformed {
        /// The text as given.
        value: String,
        /// Which part is wrong.
        reason: &'static str,
    },
    /// A USCC does not have 18 characters (GB 32100-2015).
    #[error("USCC {value:?} has {len} characters, expected 18")]
    UsccWrongLength {
        /// The code as given.
        value: String,
        /// Its length in characters.
        len: usize,
    },
    /// A USCC contains a character outside `0-9A-Z` minus I, O, S, V, Z (GB 32100-2015).
    #[error("USCC {value:?} has {character:?} at position {position}, outside the USCC alphabet")]
    UsccBadCharacter {
        /// The code as given.
        value: String,
        /// 1-based position of the bad character.
        position: usize,
        /// The bad character.
        character: char,
    },
    /// A USCC's check character does not match (GB 32100-2015, weights 3^(i−1) mod 31).
    #[error("USCC {value:?} has check character {found:?}, expected {expected:?}")]
    UsccCheckMismatch {
        /// The code as given.
        value: String,
        /// The check character computed from positions 1–17.
        expected: char,
        /// The check character found at position 18.
        found: char,
    },
    /// A Hong Kong BRN/UBI is neither 8 digits (optionally in the long form
    /// `12345678-000-01-23-4`) nor a `C`/`F` dummy with 7 digits.
    #[error("Hong Kong business registration number {value:?} is malformed: {reason}")]
    HkBrnMalformed {
        /// The text as given.
        value: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A Macao commercial registration number is empty, too long or not alphanumeric.
    #[error("Macao registration number {value:?} is malformed: {reason}")]
    MoRegistrationMalformed {
        /// The text as given.
        value: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// An identity profile is malformed (bad source syntax, bad regex).
    #[error("identity profile is malformed: {reason}")]
    IdentityProfileMalformed {
        /// What is wrong with it.
        reason: String,
    },
    /// The certificate lacks a field the identity profile names.
    #[error("certificate has no {field} at {source_name}")]
    IdentityFieldMissing {
        /// Which part of the legal entity (`organisation`, `org_id`).
        field: &'static str,
        /// The profile source (`subject:2.5.4.10`, `extension:1.2.156.10260.4.1.4`).
        source_name: String,
    },
    /// `organizationIdentifier` (2.5.4.97) and the profile's own source name different
    /// organisations: the certificate is ambiguous and no identity is taken from it.
    #[error("organizationIdentifier {organization_identifier} disagrees with {profile_value}")]
    IdentityConflict {
        /// The canonical identifier in 2.5.4.97.
        organization_identifier: String,
        /// What the profile's source gave.
        profile_value: String,
    },
    /// The profile's pattern does not match the value it reads.
    #[error("{field} value {value:?} does not match the profile pattern {pattern:?}")]
    IdentityPatternMismatch {
        /// Which part of the legal entity.
        field: &'static str,
        /// The value read from the certificate.
        value: String,
        /// The pattern.
        pattern: String,
    },
}

impl Error {
    /// The variant's name, a stable machine-readable kind for reports and the C ABI
    /// (`"CertificateExpired"`, `"NameConstraintViolation"`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::EmptyInput => "EmptyInput",
            Error::PemNoBlock => "PemNoBlock",
            Error::PemWrongLabel { .. } => "PemWrongLabel",
            Error::PemMalformed { .. } => "PemMalformed",
            Error::UnrecognisedEncoding => "UnrecognisedEncoding",
            Error::TimeMalformed { .. } => "TimeMalformed",
            Error::CertificateMalformed { .. } => "CertificateMalformed",
            Error::TrailingData { .. } => "TrailingData",
            Error::DuplicateExtension { .. } => "DuplicateExtension",
            Error::ExtensionMalformed { .. } => "ExtensionMalformed",
            Error::AttributeNotText { .. } => "AttributeNotText",
            Error::UnsupportedSignatureAlgorithm { .. } => "UnsupportedSignatureAlgorithm",
            Error::UnsupportedDigestAlgorithm { .. } => "UnsupportedDigestAlgorithm",
            Error::CmsContentMissing => "CmsContentMissing",
            Error::CmsContentTwice => "CmsContentTwice",
            Error::CmsMalformed { .. } => "CmsMalformed",
            Error::CmsNotSignedData { .. } => "CmsNotSignedData",
            Error::SigningKeyInvalid { .. } => "SigningKeyInvalid",
            Error::SignerKeyMismatch { .. } => "SignerKeyMismatch",
            Error::NoSigners => "NoSigners",
            Error::SigningTimeMissing => "SigningTimeMissing",
            Error::SigningTimeOutOfRange { .. } => "SigningTimeOutOfRange",
            Error::ContentUnreadable { .. } => "ContentUnreadable",
            Error::SigningFailed { .. } => "SigningFailed",
            Error::CmsEncodingFailed { .. } => "CmsEncodingFailed",
            // ---- CMS: bounds and semantics (issue 8) ----
            Error::TooManySigners { .. } => "TooManySigners",
            Error::TooManyCertificates { .. } => "TooManyCertificates",
            Error::CmsNoSigners { .. } => "CmsNoSigners",
            Error::CmsSignedAndEnvelopedData { .. } => "CmsSignedAndEnvelopedData",
            Error::DetachedContentTooLarge { .. } => "DetachedContentTooLarge",
            Error::DetachedContentNotSupplied => "DetachedContentNotSupplied",
            Error::SignerInfoVersionMismatch { .. } => "SignerInfoVersionMismatch",
            Error::DigestAlgorithmNotListed { .. } => "DigestAlgorithmNotListed",
            Error::ContentTypeMismatch { .. } => "ContentTypeMismatch",
            Error::SignedAttributesRequired { .. } => "SignedAttributesRequired",
            Error::UnsupportedPublicKeyAlgorithm { .. } => "UnsupportedPublicKeyAlgorithm",
            Error::Sha1Refused { .. } => "Sha1Refused",
            Error::Md5Refused { .. } => "Md5Refused",
            Error::RsaKeyTooSmall { .. } => "RsaKeyTooSmall",
            Error::AlgorithmKeyMismatch { .. } => "AlgorithmKeyMismatch",
            Error::AlgorithmParametersInvalid { .. } => "AlgorithmParametersInvalid",
            Error::PublicKeyInvalid { .. } => "PublicKeyInvalid",
            Error::SignatureMalformed { .. } => "SignatureMalformed",
            Error::SignatureInvalid => "SignatureInvalid",
            Error::Sm2SignerIdTooLong { .. } => "Sm2SignerIdTooLong",
            Error::TrustListMalformed { .. } => "TrustListMalformed",
            Error::TrustListFormatUnknown { .. } => "TrustListFormatUnknown",
            Error::TrustListSignatureInvalid { .. } => "TrustListSignatureInvalid",
            Error::TrustListOperatorUnknown { .. } => "TrustListOperatorUnknown",
            Error::TrustListStale { .. } => "TrustListStale",
            Error::TrustListSequenceRegressed { .. } => "TrustListSequenceRegressed",
            Error::UnknownIssuer { .. } => "UnknownIssuer",
            Error::ChainSignature { .. } => "ChainSignature",
            Error::PublicKeyRefused { .. } => "PublicKeyRefused",
            Error::CertificateExpired { .. } => "CertificateExpired",
            Error::CertificateNotYetValid { .. } => "CertificateNotYetValid",
            Error::NotACa { .. } => "NotACa",
            Error::PathLenExceeded { .. } => "PathLenExceeded",
            Error::KeyCertSignMissing { .. } => "KeyCertSignMissing",
            Error::LeafKeyUsageMissing { .. } => "LeafKeyUsageMissing",
            Error::ExtendedKeyUsageMissing { .. } => "ExtendedKeyUsageMissing",
            Error::NameConstraintViolation { .. } => "NameConstraintViolation",
            Error::NameConstraintUnsupported { .. } => "NameConstraintUnsupported",
            Error::UnrecognisedCriticalExtension { .. } => "UnrecognisedCriticalExtension",
            Error::PolicyMappingAnyPolicy { .. } => "PolicyMappingAnyPolicy",
            Error::NoValidPolicy { .. } => "NoValidPolicy",
            Error::PathTooLong { .. } => "PathTooLong",
            Error::BudgetExceeded { .. } => "BudgetExceeded",
            Error::UnknownJurisdiction { .. } => "UnknownJurisdiction",
            Error::CanonicalOrgIdMalformed { .. } => "CanonicalOrgIdMalformed",
            Error::UsccWrongLength { .. } => "UsccWrongLength",
            Error::UsccBadCharacter { .. } => "UsccBadCharacter",
            Error::UsccCheckMismatch { .. } => "UsccCheckMismatch",
            Error::HkBrnMalformed { .. } => "HkBrnMalformed",
            Error::MoRegistrationMalformed { .. } => "MoRegistrationMalformed",
            Error::IdentityProfileMalformed { .. } => "IdentityProfileMalformed",
            Error::IdentityFieldMissing { .. } => "IdentityFieldMissing",
            Error::IdentityConflict { .. } => "IdentityConflict",
            Error::IdentityPatternMismatch { .. } => "IdentityPatternMismatch",
        }
    }
}
