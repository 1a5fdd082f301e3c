//! The one error type of the library: each variant names the rule that was broken and
//! carries the values that broke it.

/// Everything that can go wrong in baytrust. Variants name the broken rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum_macros::IntoStaticStr)]
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

    // ---- certificate profile (issue 8) ----
    /// The certificate's `version` is above v3 (RFC 5280 §4.1.2.1 defines v1, v2, v3).
    #[error("certificate version field {version} is above 2 (v3)")]
    CertificateVersionUnknown {
        /// The encoded version (0 = v1, 2 = v3).
        version: u64,
    },
    /// A v1 or v2 certificate carries extensions (RFC 5280 §4.1.2.9: extensions MUST
    /// only appear if the version is 3).
    #[error("certificate of version field {version} (not v3) carries extensions")]
    ExtensionsBeforeV3 {
        /// The encoded version (0 = v1, 1 = v2).
        version: u64,
    },
    /// A v1 certificate carries issuerUniqueID or subjectUniqueID (RFC 5280 §4.1.2.8:
    /// they MUST only appear if the version is 2 or 3).
    #[error("a v1 certificate carries a unique identifier")]
    UniqueIdentifierInV1,
    /// `tbsCertificate.signature` is not the same AlgorithmIdentifier, byte for byte, as
    /// `signatureAlgorithm` (RFC 5280 §4.1.1.2, §4.1.2.3; OpenSSL verify error 7).
    #[error(
        "tbsCertificate.signature {tbs_signature} differs from signatureAlgorithm \
         {signature_algorithm}"
    )]
    SignatureAlgorithmMismatch {
        /// The inner AlgorithmIdentifier: dotted OID, and parameters in hex if any.
        tbs_signature: String,
        /// The outer AlgorithmIdentifier.
        signature_algorithm: String,
    },
    /// The subject is empty but subjectAltName is absent or not critical (RFC 5280
    /// §4.2.1.6: then the extension MUST be present and critical).
    #[error("the subject is empty and subjectAltName is {}", if *san_present { "not critical" } else { "absent" })]
    EmptySubjectWithoutCriticalSan {
        /// Whether a non-critical subjectAltName is present.
        san_present: bool,
    },
    /// subjectAltName holds no name (RFC 5280 §4.2.1.6: `GeneralNames ::= SEQUENCE
    /// SIZE (1..MAX)`; "the sequence MUST contain at least one entry").
    #[error("subjectAltName holds no name")]
    SubjectAltNameEmpty,
    /// An rfc822Name alternative name is not a mailbox (RFC 5280 §4.2.1.6, RFC 5321
    /// §4.1.2): e.g. `a@b@c`, an empty local part, a domain that is not a host name.
    #[error("subjectAltName rfc822Name {value:?} is not a mailbox: {reason}")]
    SanMailboxMalformed {
        /// The name, control characters escaped.
        value: String,
        /// Which part of the mailbox syntax it breaks.
        reason: &'static str,
    },
    /// A dNSName alternative name is not a host name in the preferred name syntax
    /// (RFC 5280 §4.2.1.6, RFC 1034 §3.5, RFC 1123 §2.1), e.g. `foo_bar.example.com`;
    /// only `*` as the whole leftmost label is allowed as a wildcard.
    #[error("subjectAltName dNSName {value:?} is not a valid host name: {reason}")]
    SanDnsNameInvalid {
        /// The name, control characters escaped.
        value: String,
        /// Which rule of the syntax it breaks.
        reason: &'static str,
    },
    /// An iPAddress alternative name is neither 4 (IPv4) nor 16 (IPv6) bytes
    /// (RFC 5280 §4.2.1.6).
    #[error("subjectAltName iPAddress has {len} bytes, not 4 or 16")]
    SanIpAddressMalformed {
        /// Its length in bytes.
        len: usize,
    },
    /// nameConstraints lists neither permittedSubtrees nor excludedSubtrees
    /// (RFC 5280 §4.2.1.10: "either the permittedSubtrees field or the excludedSubtrees
    /// MUST be present").
    #[error("nameConstraints has neither permittedSubtrees nor excludedSubtrees")]
    NameConstraintsEmpty,
    /// A subtree list of nameConstraints is present but empty (RFC 5280 §4.2.1.10:
    /// `GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree`).
    #[error("nameConstraints {field} is an empty list")]
    NameConstraintSubtreesEmpty {
        /// `permittedSubtrees` or `excludedSubtrees`.
        field: &'static str,
    },
    /// A GeneralSubtree's `minimum` is not zero (RFC 5280 §4.2.1.10: "the minimum
    /// MUST be zero").
    #[error("nameConstraints subtree has minimum {minimum}, not 0")]
    NameConstraintMinimumNotZero {
        /// The minimum as encoded.
        minimum: u64,
    },
    /// A GeneralSubtree has a `maximum` (RFC 5280 §4.2.1.10: "maximum MUST be absent").
    #[error("nameConstraints subtree has maximum {maximum}; maximum must be absent")]
    NameConstraintMaximumPresent {
        /// The maximum as encoded.
        maximum: u64,
    },
    /// A subtree base of nameConstraints is malformed for its form (RFC 5280
    /// §4.2.1.10): a dNSName with a wildcard or a leading period, an rfc822Name that is
    /// neither a mailbox nor a host nor `.domain` (`a@b@c`), an iPAddress that is not an
    /// address and contiguous mask of 8 or 32 bytes. Refused, not guessed at.
    #[error("nameConstraints {form} {value:?} is malformed: {reason}")]
    NameConstraintValueMalformed {
        /// The GeneralName form.
        form: &'static str,
        /// The value (hex for an iPAddress), control characters escaped.
        value: String,
        /// Which rule it breaks.
        reason: &'static str,
    },

    // ---- adversarial conformance (issue 8, helper F) ----
    /// The serialNumber is longer than 20 octets, not counting a sign-padding zero byte
    /// (RFC 5280 §4.1.2.2: "Conforming CAs MUST NOT use serialNumber values longer than
    /// 20 octets"; rustls-webpki refuses the same).
    #[error("serialNumber is {octets} octets long; at most 20 are allowed")]
    SerialNumberTooLong {
        /// The value's length in octets, without a sign-padding zero byte.
        octets: usize,
    },
    /// A validity time is not in the form RFC 5280 §4.1.2.5.1–2 requires: UTCTime
    /// `YYMMDDHHMMSSZ`, GeneralizedTime `YYYYMMDDHHMMSSZ` (Zulu, with seconds, no
    /// fraction); a time without seconds, with an offset or a fraction is refused, not
    /// read one of several ways.
    #[error("validity {field} {value:?} is not an RFC 5280 time: {reason}")]
    ValidityTimeMalformed {
        /// `notBefore` or `notAfter`.
        field: &'static str,
        /// The time as encoded, control characters escaped.
        value: String,
        /// Which rule of the form it breaks.
        reason: &'static str,
    },
    /// basicConstraints has pathLenConstraint while cA is not TRUE (RFC 5280 §4.2.1.9:
    /// "CAs MUST NOT include the pathLenConstraint field unless the cA boolean is
    /// asserted").
    #[error("basicConstraints has pathLenConstraint {path_len_constraint} but cA is not TRUE")]
    PathLenWithoutCa {
        /// The pathLenConstraint given.
        path_len_constraint: u32,
    },
    /// certificatePolicies lists no policy (RFC 5280 §4.2.1.4: `certificatePolicies ::=
    /// SEQUENCE SIZE (1..MAX) OF PolicyInformation`).
    #[error("certificatePolicies lists no policy")]
    CertificatePoliciesEmpty,
    /// A policy OID appears twice in certificatePolicies (RFC 5280 §4.2.1.4: "A
    /// certificate policy OID MUST NOT appear more than once").
    #[error("certificatePolicies lists policy {oid} more than once")]
    CertificatePolicyRepeated {
        /// The repeated policy OID.
        oid: String,
    },
    /// policyConstraints is an empty sequence (RFC 5280 §4.2.1.11: "Conforming CAs
    /// MUST NOT issue certificates where policy constraints is an empty sequence").
    #[error("policyConstraints is an empty sequence")]
    PolicyConstraintsEmpty,
    /// A uniformResourceIdentifier alternative name is not an absolute URI with a
    /// scheme and a scheme-specific part (RFC 5280 §4.2.1.6, RFC 3986 §4.3).
    #[error("subjectAltName URI {value:?} is malformed: {reason}")]
    SanUriMalformed {
        /// The URI, control characters escaped.
        value: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A string attribute of the subject or issuer does not decode as its ASN.1 type
    /// (X.690 §8.23, X.680 §41): invalid UTF-8 in a UTF8String, a BMPString of odd length
    /// or with an unpaired surrogate, a UniversalString not of whole code points,
    /// non-ASCII bytes in a PrintableString, IA5String, NumericString or VisibleString,
    /// an empty string (RFC 5280 Appendix A: `DirectoryString` and the attribute types'
    /// strings are SIZE (1..MAX)). Such a name is compared and shown differently by every reader.
    #[error("{field} attribute {oid} does not decode as its string type: {reason}")]
    NameStringMalformed {
        /// `subject` or `issuer`.
        field: &'static str,
        /// The attribute type, dotted.
        oid: String,
        /// What is wrong with the bytes.
        reason: String,
    },
    /// The subject or issuer holds a RelativeDistinguishedName with no attribute (X.501,
    /// RFC 5280 §4.1.2.4: `RelativeDistinguishedName ::= SET SIZE (1..MAX) OF
    /// AttributeTypeAndValue`).
    #[error("{field} holds an empty RelativeDistinguishedName")]
    NameRdnEmpty {
        /// `subject` or `issuer`.
        field: &'static str,
    },
    /// A directoryName alternative name is the empty name (RFC 5280 §4.2.1.6:
    /// "conforming CAs MUST NOT issue certificates with subjectAltNames containing
    /// empty GeneralName fields").
    #[error("subjectAltName holds an empty directoryName")]
    SanDirectoryNameEmpty,
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
    /// The algorithm parameters are missing, malformed or not supported (e.g.
    /// RSASSA-PSS-params that do not decode, or a PSS hash outside SHA-256/384/512).
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
    // ---- algorithms (issue 8) ----
    /// RSASSA-PSS-params name an MGF1 hash other than the message hash. RFC 4055 §3.1
    /// recommends the same hash for both and RFC 8017 §8.1 names one "Hash" throughout;
    /// baytrust accepts only that, and refuses the SHA-1 MGF1 default with a SHA-2 hash.
    #[error("RSASSA-PSS MGF1 hash {mgf_hash} differs from the message hash {hash}")]
    PssMaskHashMismatch {
        /// The message hash (`hashAlgorithm`).
        hash: String,
        /// The MGF1 hash, by name when baytrust knows it, else its dotted OID.
        mgf_hash: String,
    },
    /// RSASSA-PSS-params carry a trailerField other than 1 (`trailerFieldBC`, the only
    /// value RFC 4055 §3.1 and RFC 8017 A.2.3 define).
    #[error("RSASSA-PSS trailer field {trailer_field} is not 1")]
    PssTrailerFieldInvalid {
        /// The trailerField as given.
        trailer_field: i64,
    },
    /// The RSASSA-PSS saltLength is negative or longer than the key allows:
    /// emLen − hLen − 2 bytes, emLen = ⌈(modBits − 1) / 8⌉ (RFC 8017 §9.1.1 step 3).
    #[error("RSASSA-PSS salt length {salt_length} is outside 0..={maximum} for this key")]
    PssSaltLengthInvalid {
        /// The saltLength as given.
        salt_length: i64,
        /// The longest salt the key's modulus and the hash allow.
        maximum: usize,
    },
    /// The signature's RSASSA-PSS-params break the constraints that the parameters of an
    /// `id-RSASSA-PSS` public key set (RFC 4055 §3.1: the same hash, hence the same
    /// MGF1, and a salt at least the key's saltLength; trailerField is 1 on both sides).
    #[error(
        "RSASSA-PSS {field} of the signature ({signature}) breaks the key's constraint ({key})"
    )]
    PssKeyConstraintViolated {
        /// The RSASSA-PSS-params field: `hashAlgorithm` or `saltLength`.
        field: String,
        /// The value the key's parameters require.
        key: String,
        /// The value the signature algorithm gives.
        signature: String,
    },
    /// An `id-ecPublicKey` with explicit (specifiedCurve) ECParameters that are not,
    /// field by field, sm2p256v1: RFC 5480 §2.1.1 forbids specifiedCurve; baytrust reads
    /// it only for the SM2 curve, as mainland issuers write it. Explicit NIST curves
    /// (P-256, P-384) are refused too: their issuers use named curves.
    #[error("explicit EC parameters are not sm2p256v1 (field {field} differs); explicit curves are not supported")]
    ExplicitCurveUnsupported {
        /// The first field that differs from sm2p256v1: `version`, `fieldType`, `p`,
        /// `a`, `b`, `G`, `n` or `h`.
        field: String,
    },
    // ---- algorithms: loose ends (issue 8) ----
    /// An RSA key above the largest modulus baytrust verifies with: 8192 bits, ring's
    /// limit, now applied to RustCrypto `rsa` too (it would take up to 16384 bits), so
    /// that an attacker's huge key costs no modular exponentiation. Checked from the
    /// modulus length before either backend sees the key.
    #[error("RSA key of {bits} bits is above the {maximum}-bit maximum")]
    RsaKeyTooLarge {
        /// The modulus size in bits.
        bits: usize,
        /// The maximum in bits.
        maximum: usize,
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
    /// baytrust caps them (`MAX_SIGNERS`) so that the work
    /// of one verification is bounded whatever the input.
    #[error("the SignedData has {count} signers, more than the {max} baytrust verifies")]
    TooManySigners {
        /// How many `signerInfos` the SignedData has.
        count: usize,
        /// The cap.
        max: usize,
    },
    /// More `certificates` than one signature may carry. RFC 5652 §5.1 sets no limit;
    /// baytrust caps them (`MAX_CERTIFICATES`).
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
    // ---- batch verification (issue 13) ----
    /// A [`Verifier::verify_many`](crate::Verifier::verify_many) batch holds more inputs
    /// than [`MAX_BATCH_INPUTS`](crate::MAX_BATCH_INPUTS): split it into several calls.
    #[error("a batch of {inputs} signatures exceeds the limit of {limit} per call")]
    BatchTooLarge {
        /// The number of inputs given.
        inputs: usize,
        /// The limit.
        limit: usize,
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
    // ---- trust lists and recognition (issue 8) ----
    /// A signed trust list says it speaks for another jurisdiction than the one whose
    /// pinned operators it was loaded with: an operator speaks only for its own
    /// jurisdiction (DESIGN.md "Trust-list format"), so a list signed under HK's
    /// operator that claims `"jurisdiction": "CN"` is refused, whatever its sequence.
    #[error(
        "trust list claims jurisdiction {claimed:?} but was loaded with the operators \
         pinned for {expected}: an operator speaks only for its own jurisdiction"
    )]
    TrustListJurisdictionMismatch {
        /// The jurisdiction whose operators were pinned and that the caller expects.
        expected: String,
        /// The `jurisdiction` the document claims, as written.
        claimed: String,
    },
    /// A signed trust list is larger than the documented limit
    /// (`MAX_SIGNED_TRUST_LIST_BYTES`,
    /// 16 MiB); it is refused before any of it is parsed (issue 8 §5).
    #[error("trust list is {size} bytes, above the limit of {limit} bytes; not read")]
    TrustListTooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
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
    // ---- name constraints (issue 8) ----
    /// Name constraints are in force for the certificate at `depth` but one of its
    /// subject names is malformed and cannot be compared: a directoryName attribute
    /// whose string does not decode, or a subject emailAddress that is not a mailbox
    /// (RFC 5280 §4.2.1.10, §4.1.2.6).
    #[error("certificate at depth {depth}: {name} cannot be checked against the name constraints: {reason}")]
    NameConstraintNameMalformed {
        /// The certificate.
        depth: usize,
        /// The name, as far as it can be shown.
        name: String,
        /// What is malformed.
        reason: String,
    },

    /// Path building gave up: a budget was spent (see `path::Budget`).
    #[error("path building exceeded its budget of {limit} {what}")]
    BudgetExceeded {
        /// `signature checks`, `build steps`, `name-constraint comparisons`, ….
        what: &'static str,
        /// The limit.
        limit: usize,
    },

    // ---- trust anchors and the path profile (issue 8) ----
    // A trust anchor given as a certificate is held to what RFC 5280 asks of a CA
    // certificate of the path (RFC 5937 §3), its own signature excepted.
    /// The trust anchor certificate had expired at the validation time (RFC 5280
    /// §4.1.2.5 applied to the anchor, RFC 5937 §3).
    #[error("trust anchor {subject} expired at {not_after} (validation time {time})")]
    AnchorExpired {
        /// The anchor's subject.
        subject: String,
        /// The validation time.
        time: crate::Time,
        /// Its notAfter.
        not_after: crate::Time,
    },
    /// The trust anchor certificate was not yet valid at the validation time (RFC 5280
    /// §4.1.2.5 applied to the anchor, RFC 5937 §3).
    #[error("trust anchor {subject} is not valid before {not_before} (validation time {time})")]
    AnchorNotYetValid {
        /// The anchor's subject.
        subject: String,
        /// The validation time.
        time: crate::Time,
        /// Its notBefore.
        not_before: crate::Time,
    },
    /// The trust anchor certificate is not a CA certificate: basicConstraints absent,
    /// not critical, or cA FALSE (RFC 5280 §4.2.1.9: a CA whose key verifies
    /// certificate signatures MUST carry it, critical, with cA TRUE).
    #[error("trust anchor {subject} is not a CA certificate: {reason}")]
    AnchorNotCa {
        /// The anchor's subject.
        subject: String,
        /// `no basicConstraints`, `basicConstraints is not critical` or `cA is FALSE`.
        reason: &'static str,
    },
    /// The trust anchor certificate has a keyUsage without keyCertSign (RFC 5280
    /// §4.2.1.3, §6.1.4 (n) applied to the anchor).
    #[error("trust anchor {subject} has keyUsage without keyCertSign")]
    AnchorKeyCertSignMissing {
        /// The anchor's subject.
        subject: String,
    },
    /// The trust anchor certificate has a critical extension the validator does not
    /// process (RFC 5280 §4.2 applied to the anchor).
    #[error("trust anchor {subject} has unrecognised critical extension {oid}")]
    AnchorUnrecognisedCriticalExtension {
        /// The anchor's subject.
        subject: String,
        /// The extension's dotted OID.
        oid: String,
    },
    /// The trust anchor certificate marks authorityKeyIdentifier or
    /// subjectKeyIdentifier critical (RFC 5280 §4.2.1.1, §4.2.1.2: MUST be non-critical).
    #[error("trust anchor {subject} marks key identifier extension {oid} critical")]
    AnchorKeyIdentifierCritical {
        /// The anchor's subject.
        subject: String,
        /// `2.5.29.35` or `2.5.29.14`.
        oid: String,
    },
    /// The trust anchor certificate has an empty subject: a CA's subject MUST be a
    /// non-empty distinguished name (RFC 5280 §4.1.2.6), and only that name chains.
    #[error("trust anchor with SHA-256 fingerprint {sha256} has an empty subject")]
    AnchorSubjectEmpty {
        /// The anchor certificate's SHA-256 fingerprint, hex.
        sha256: String,
    },
    /// The path holds more non-self-issued intermediates than the trust anchor's
    /// pathLenConstraint allows (RFC 5937 §3: the anchor's basicConstraints initialise
    /// max_path_length, RFC 5280 §6.1.4 (l), (m)).
    #[error(
        "certificate at depth {depth} exceeds trust anchor {subject}'s pathLenConstraint \
         {path_len_constraint}"
    )]
    AnchorPathLenExceeded {
        /// The intermediate at which the anchor's limit ran out.
        depth: usize,
        /// The anchor's subject.
        subject: String,
        /// The anchor's pathLenConstraint.
        path_len_constraint: u64,
    },
    /// The certificate at `depth` marks authorityKeyIdentifier or subjectKeyIdentifier
    /// critical (RFC 5280 §4.2.1.1, §4.2.1.2: conforming CAs MUST mark them
    /// non-critical).
    #[error("certificate at depth {depth} marks key identifier extension {oid} critical")]
    KeyIdentifierCritical {
        /// The certificate.
        depth: usize,
        /// `2.5.29.35` or `2.5.29.14`.
        oid: String,
    },
    /// The certificate at `depth` is not self-issued and has no authorityKeyIdentifier
    /// keyIdentifier (RFC 5280 §4.2.1.1: MUST be included in all certificates but
    /// self-signed ones).
    #[error("certificate at depth {depth} has no authorityKeyIdentifier keyIdentifier")]
    AuthorityKeyIdMissing {
        /// The certificate.
        depth: usize,
    },
    /// The intermediate CA certificate at `depth` has no subjectKeyIdentifier (RFC 5280
    /// §4.2.1.2: MUST appear in all conforming CA certificates).
    #[error("CA certificate at depth {depth} has no subjectKeyIdentifier")]
    SubjectKeyIdMissing {
        /// The intermediate.
        depth: usize,
    },
    /// The end-entity certificate (basicConstraints cA not TRUE) carries nameConstraints
    /// (RFC 5280 §4.2.1.10: MUST be used only in a CA certificate).
    #[error("end-entity certificate at depth {depth} carries nameConstraints")]
    NameConstraintsInEndEntity {
        /// Always 0: the end entity.
        depth: usize,
    },
    /// A CA certificate (basicConstraints cA TRUE) is the end entity of a signing,
    /// client or server path (RFC 5280 §4.2.1.9: cA TRUE asserts a key for verifying
    /// certificate signatures; rustls-webpki `CaUsedAsEndEntity`).
    #[error("CA certificate (cA TRUE) used as the end entity for {purpose}")]
    CaUsedAsEndEntity {
        /// The purpose asked for.
        purpose: &'static str,
    },
    /// The end-entity certificate of a signing, client or server path asserts
    /// keyCertSign (RFC 5280 §4.2.1.3: keyCertSign is for CA keys, with cA TRUE).
    #[error("end-entity certificate asserts keyCertSign, refused for {purpose}")]
    EndEntityKeyCertSign {
        /// The purpose asked for.
        purpose: &'static str,
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

    // ---- identity (issue 8) ----
    /// The subject holds more than one `organizationIdentifier` (2.5.4.97): the
    /// certificate names no single organisation (ETSI EN 319 412-1 §5.1.4).
    #[error("the subject holds organizationIdentifier {first:?} and also {second:?}")]
    OrganizationIdentifierRepeated {
        /// The first value.
        first: String,
        /// The second value.
        second: String,
    },
    /// The country of `organizationIdentifier` (`NTRxx-…`) differs from the subject's
    /// `countryName` (ETSI EN 319 412-1 §5.1.4 with §5.1.1 of EN 319 412-3).
    #[error("organizationIdentifier {organization_identifier} names a country other than the subject's C={country}")]
    OrganizationIdentifierCountryMismatch {
        /// The canonical identifier.
        organization_identifier: String,
        /// The subject's countryName.
        country: String,
    },
    /// A mainland identity extension (`1.2.156.10260.4.1.3`/`.4`) holds a registration
    /// number other than the one `organizationIdentifier` names.
    #[error("identity extension {extension} holds {value:?}, not {organization_identifier}")]
    IdentityExtensionConflict {
        /// The canonical identifier in 2.5.4.97.
        organization_identifier: String,
        /// The extension's dotted OID.
        extension: String,
        /// What the extension holds.
        value: String,
    },
    /// An identifier is of another jurisdiction than the identity profile reading it:
    /// a canonical `NTRHK-…` where a CN profile reads (the scheme's profiles each read
    /// their own jurisdiction's registry).
    #[error("organisation identifier {org_id} is not a {expected} identifier")]
    OrgIdJurisdictionMismatch {
        /// The canonical identifier read.
        org_id: String,
        /// The profile's jurisdiction code.
        expected: &'static str,
    },

    // ---- revocation (issue 10) ----------------------------------------------------
    /// The bytes are not a DER `CertificateList` (RFC 5280 §5.1).
    #[error("CRL is malformed: {reason}")]
    CrlMalformed {
        /// What the decoder objected to.
        reason: String,
    },
    /// Bytes follow the end of the CRL.
    #[error("{count} bytes of trailing data after the CRL")]
    CrlTrailingData {
        /// How many bytes follow it.
        count: usize,
    },
    /// The CRL's version is neither absent (v1) nor v2 (RFC 5280 §5.1.2.1).
    #[error("CRL version {version} is not v2")]
    CrlVersionInvalid {
        /// The version INTEGER's content in hex.
        version: String,
    },
    /// A v1 CRL carries CRL or entry extensions (RFC 5280 §5.1.2.1: they need v2).
    #[error("a v1 CRL carries extensions")]
    CrlExtensionsInV1,
    /// tbsCertList.signature differs from signatureAlgorithm (RFC 5280 §5.1.1.2).
    #[error("CRL tbsCertList.signature {tbs} differs from signatureAlgorithm {outer}")]
    CrlSignatureAlgorithmMismatch {
        /// The inner algorithm OID.
        tbs: String,
        /// The outer algorithm OID.
        outer: String,
    },
    /// A CRL extension appears twice (RFC 5280 §4.2, §5.2).
    #[error("CRL extension {oid} appears more than once")]
    CrlDuplicateExtension {
        /// Its dotted OID.
        oid: String,
    },
    /// The CRL has a critical extension baytrust does not process: the CRL must not be
    /// used (RFC 5280 §5.2).
    #[error("CRL has unrecognised critical extension {oid}")]
    CrlUnknownCriticalExtension {
        /// Its dotted OID.
        oid: String,
    },
    /// A CRL entry extension appears twice in one entry.
    #[error("CRL entry {serial} has extension {oid} more than once")]
    CrlEntryDuplicateExtension {
        /// The entry's serial in hex.
        serial: String,
        /// The extension's dotted OID.
        oid: String,
    },
    /// A CRL entry has a critical extension baytrust does not process: the whole CRL
    /// must not be used (RFC 5280 §5.3).
    #[error("CRL entry {serial} has unrecognised critical extension {oid}")]
    CrlEntryUnknownCriticalExtension {
        /// The entry's serial in hex.
        serial: String,
        /// The extension's dotted OID.
        oid: String,
    },
    /// A reasonCode is not a CRLReason value (7 and above 10 are unassigned,
    /// RFC 5280 §5.3.1).
    #[error("CRL entry {serial} has reason code {code}, which is not a CRLReason")]
    CrlEntryReasonInvalid {
        /// The entry's serial in hex.
        serial: String,
        /// The value found.
        code: u8,
    },
    /// removeFromCRL in a CRL that is not a delta CRL (RFC 5280 §5.3.1).
    #[error("CRL entry {serial} is removeFromCRL in a complete CRL")]
    CrlRemoveFromCrlInCompleteCrl {
        /// The entry's serial in hex.
        serial: String,
    },
    /// certificateIssuer entry extensions in a CRL whose issuingDistributionPoint does
    /// not assert indirectCRL (RFC 5280 §5.3.3).
    #[error("CRL names other certificate issuers but is not an indirect CRL")]
    CrlCertificateIssuerInDirectCrl,
    /// The issuingDistributionPoint extension breaks RFC 5280 §5.2.5 (more than one
    /// onlyContains… flag, empty, malformed).
    #[error("CRL issuingDistributionPoint is invalid: {reason}")]
    CrlScopeInvalid {
        /// What is wrong.
        reason: String,
    },
    /// The CRL lists more entries than baytrust reads.
    #[error("CRL has more than {limit} entries")]
    CrlTooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// The CRL's signature does not verify with the signer's key, or uses a refused
    /// algorithm (RFC 5280 §6.3.3 (g)); `cause` says which.
    #[error("signature on the CRL of {issuer}: {cause}")]
    CrlSignatureInvalid {
        /// The CRL issuer.
        issuer: String,
        /// [`Error::SignatureInvalid`], [`Error::Sha1Refused`], ….
        cause: Box<Error>,
    },
    /// The CRL's thisUpdate is after the validation time (plus skew).
    #[error("CRL of {issuer} is not valid before {this_update} (validation time {time})")]
    CrlNotYetValid {
        /// The CRL issuer.
        issuer: String,
        /// Its thisUpdate.
        this_update: crate::Time,
        /// The validation time.
        time: crate::Time,
    },
    /// The CRL's nextUpdate is before the validation time (minus skew): it is stale
    /// (RFC 5280 §6.3.3 (a)(2)).
    #[error(
        "CRL of {issuer} is stale: next update was due {next_update} (validation time {time})"
    )]
    CrlStale {
        /// The CRL issuer.
        issuer: String,
        /// Its nextUpdate.
        next_update: crate::Time,
        /// The validation time.
        time: crate::Time,
    },
    /// A candidate CRL signer's subject is not the CRL issuer (RFC 5280 §6.3.3 (f)).
    #[error("{signer} cannot sign the CRL of {crl_issuer}: the names differ")]
    CrlSignerNameMismatch {
        /// The CRL issuer.
        crl_issuer: String,
        /// The candidate's subject.
        signer: String,
    },
    /// A candidate CRL signer's keyUsage lacks cRLSign (RFC 5280 §4.2.1.3, §6.3.3 (f)).
    #[error("{signer} has keyUsage without cRLSign")]
    CrlSignerLacksCrlSign {
        /// The candidate's subject.
        signer: String,
    },
    /// No key at hand may sign this CRL: its issuer is not the certificate's issuer and
    /// no validated CRL-signing certificate of that name was given.
    #[error("no certificate that may sign the CRL of {crl_issuer} is at hand")]
    CrlSignerUnavailable {
        /// The CRL issuer.
        crl_issuer: String,
    },
    /// The accepted CRLs cover only some revocation reasons for the certificate
    /// (onlySomeReasons, RFC 5280 §6.3.3 (d), §6.3.3 (k)): its status is undetermined.
    #[error("the CRLs at hand do not cover the reasons {missing}")]
    CrlReasonsNotCovered {
        /// The reasons not covered.
        missing: String,
    },
    /// A delta CRL's BaseCRLNumber is above the complete CRL's cRLNumber
    /// (RFC 5280 §5.2.4).
    #[error(
        "delta CRL base {base_crl_number} is newer than the complete CRL {complete_crl_number}"
    )]
    DeltaCrlBaseTooNew {
        /// The delta's BaseCRLNumber in hex.
        base_crl_number: String,
        /// The complete CRL's cRLNumber in hex.
        complete_crl_number: String,
    },
    /// A delta CRL is not newer than the complete CRL it would update.
    #[error(
        "delta CRL {delta_crl_number} is not newer than the complete CRL {complete_crl_number}"
    )]
    DeltaCrlNotNewer {
        /// The delta's cRLNumber in hex.
        delta_crl_number: String,
        /// The complete CRL's cRLNumber in hex.
        complete_crl_number: String,
    },
    /// More CRLs or OCSP responses than one source holder accepts.
    #[error("more than {limit} revocation sources")]
    RevocationSourcesFull {
        /// The limit.
        limit: usize,
    },
    /// The bytes are not a DER `OCSPResponse` with a `BasicOCSPResponse` (RFC 6960 §4.2.1).
    #[error("OCSP response is malformed: {reason}")]
    OcspMalformed {
        /// What the decoder objected to.
        reason: String,
    },
    /// The responseStatus is not successful (RFC 6960 §4.2.1).
    #[error("OCSP response status is {status}")]
    OcspUnsuccessful {
        /// The status name (`tryLater`, `unauthorized`, …).
        status: &'static str,
    },
    /// The responseType is not id-pkix-ocsp-basic (RFC 6960 §4.2.1).
    #[error("OCSP response type {oid} is not supported")]
    OcspResponseTypeUnsupported {
        /// Its dotted OID.
        oid: String,
    },
    /// The ResponseData version is encoded (DER omits the v1 DEFAULT) or not v1.
    #[error("OCSP response version {version} is not v1")]
    OcspVersionInvalid {
        /// The version INTEGER's content in hex.
        version: String,
    },
    /// A response or single extension is critical and not processed (RFC 6960 §4.4).
    #[error("OCSP response has unrecognised critical extension {oid}")]
    OcspUnknownCriticalExtension {
        /// Its dotted OID.
        oid: String,
    },
    /// A CertID uses a hash algorithm baytrust does not compute.
    #[error("OCSP CertID hash algorithm {oid} is not supported")]
    OcspHashAlgorithmUnsupported {
        /// Its dotted OID.
        oid: String,
    },
    /// No SingleResponse names the certificate: issuer name hash, issuer key hash and
    /// serial must all match (RFC 6960 §3.2 (1)).
    #[error("the OCSP response does not speak of the certificate with serial {serial}")]
    OcspCertIdMismatch {
        /// The certificate's serial in hex.
        serial: String,
    },
    /// The responder is neither the CA nor a certificate the CA issued to it
    /// (RFC 6960 §4.2.2.2).
    #[error("OCSP responder {responder} is not authorised by the certificate's issuer")]
    OcspResponderUnauthorised {
        /// The responder as its ResponderID names it.
        responder: String,
    },
    /// A delegated responder's certificate lacks id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
    #[error("OCSP responder {responder}'s certificate lacks id-kp-OCSPSigning")]
    OcspResponderLacksOcspSigning {
        /// The responder.
        responder: String,
    },
    /// A delegated responder's certificate is not signed by the CA or not valid at the
    /// validation time; `cause` says which.
    #[error("OCSP responder {responder}'s certificate is invalid: {cause}")]
    OcspResponderCertificateInvalid {
        /// The responder.
        responder: String,
        /// [`Error::SignatureInvalid`], [`Error::CertificateExpired`], ….
        cause: Box<Error>,
    },
    /// The signature over tbsResponseData does not verify (RFC 6960 §3.2 (2)).
    #[error("signature on the OCSP response of {responder}: {cause}")]
    OcspSignatureInvalid {
        /// The responder.
        responder: String,
        /// The algorithm error.
        cause: Box<Error>,
    },
    /// The SingleResponse's thisUpdate is after the validation time plus skew
    /// (RFC 6960 §3.2 (4)).
    #[error("OCSP status of {serial} is not valid before {this_update} (validation time {time})")]
    OcspNotYetValid {
        /// The certificate's serial in hex.
        serial: String,
        /// thisUpdate.
        this_update: crate::Time,
        /// The validation time.
        time: crate::Time,
    },
    /// The SingleResponse's nextUpdate is before the validation time minus skew
    /// (RFC 6960 §3.2 (5)).
    #[error("OCSP status of {serial} is stale: next update was due {next_update} (validation time {time})")]
    OcspStale {
        /// The certificate's serial in hex.
        serial: String,
        /// nextUpdate.
        next_update: crate::Time,
        /// The validation time.
        time: crate::Time,
    },
    // ---- revocation in path validation (issue 10) ----
    /// The certificate at `depth` of the path is revoked (RFC 5280 §6.3), and no proven
    /// signing time predates the revocation. A revoked CA (`depth` ≥ 1) revokes every
    /// certificate below it. With `proven_signing_time` (at or after `revoked_at`) the
    /// signature is TOTAL_FAILED / REVOKED; without, INDETERMINATE / REVOKED_NO_POE
    /// (`depth` 0) or REVOKED_CA_NO_POE (ETSI EN 319 102-1 §5.2.6).
    #[error("certificate at depth {depth} was revoked at {revoked_at}{}", reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())]
    CertificateRevoked {
        /// The revoked certificate (0 = end entity).
        depth: usize,
        /// revocationDate / revocationTime.
        revoked_at: crate::Time,
        /// The CRLReason's name, when the source gives one.
        reason: Option<String>,
        /// The proven signing time the revocation predates, if one was given.
        proven_signing_time: Option<crate::Time>,
    },
    /// The delegated OCSP responder whose `good` speaks for a certificate lacks
    /// id-pkix-ocsp-nocheck, so its own certificate's status counts (RFC 6960
    /// §4.2.2.2.1), and that certificate is revoked: the response is not accepted.
    #[error("OCSP responder {responder} is itself revoked (at {revoked_at})")]
    OcspResponderRevoked {
        /// The responder.
        responder: String,
        /// Its certificate's revocation time.
        revoked_at: crate::Time,
    },
    /// Under `RevocationMode::Require`, the delegated OCSP responder (without
    /// id-pkix-ocsp-nocheck, RFC 6960 §4.2.2.2.1) has no good status of its own: its
    /// response is not accepted.
    #[error("OCSP responder {responder} has no revocation status of its own: {problem}")]
    OcspResponderStatusUnavailable {
        /// The responder.
        responder: String,
        /// Why.
        problem: String,
    },
    /// Revocation checking is required (`RevocationMode::Require`) but the certificate
    /// at `depth` has no usable status: no source covers it, the OCSP responder said
    /// `unknown`, or every source that applied was refused (ETSI EN 319 102-1:
    /// INDETERMINATE / TRY_LATER).
    #[error("certificate at depth {depth} has no revocation status: {problem}")]
    RevocationStatusUnavailable {
        /// The certificate (0 = end entity).
        depth: usize,
        /// Why: the refusal of the source that applied, or that none did.
        problem: String,
    },
    // ---- mutual authentication (issue 12, docs/auth-protocol.md) ----
    /// An authentication message is longer than the protocol allows (checked before
    /// any decoding).
    #[error("authentication {message} is {len} bytes; at most {max} are allowed")]
    AuthMessageTooLarge {
        /// Which message (`message 1`, `message 2`, `message 3`).
        message: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The cap.
        max: usize,
    },
    /// An authentication message carries more certificates than the protocol allows
    /// (counted while decoding, before any certificate is parsed).
    #[error("authentication {message} carries more than {max} certificates")]
    AuthTooManyCertificates {
        /// Which message.
        message: &'static str,
        /// The cap.
        max: usize,
    },
    /// An authentication message is not the DER its ASN.1 module defines (wrong
    /// structure, trailing bytes, a nonce not 32 bytes, an empty chain, an identity
    /// that is not a canonical OrgId or fails its check…).
    #[error("authentication {message} is malformed: {reason}")]
    AuthMessageMalformed {
        /// Which message.
        message: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// An authentication message names a protocol version this implementation does
    /// not speak.
    #[error(
        "authentication {message} has protocol version {version}; only {supported} is supported"
    )]
    AuthVersionUnsupported {
        /// Which message.
        message: &'static str,
        /// The version it names.
        version: i64,
        /// The version spoken here.
        supported: i64,
    },
    /// The very same authentication message was seen before within the replay window
    /// (the replay cache holds its SHA-256).
    #[error("authentication {message} is a replay of a message already seen")]
    AuthMessageReplayed {
        /// Which message.
        message: &'static str,
    },
    /// The peer's nonce was already used by a peer within the replay window.
    #[error("the peer's nonce {nonce} was already used")]
    AuthNonceReused {
        /// The nonce, hex.
        nonce: String,
    },
    /// The peer reflected something of ours back: our own nonce (of this session or
    /// one we issued in another) or our own certificate.
    #[error("the peer reflected our own {field}")]
    AuthReflected {
        /// `nonce` or `certificate`.
        field: &'static str,
    },
    /// A message echoes a nonce of another session: it does not answer this one.
    #[error("authentication {message} echoes a {field} of another session")]
    AuthSessionMismatch {
        /// Which message.
        message: &'static str,
        /// `initiator nonce` or `responder nonce`.
        field: &'static str,
    },
    /// A message's timestamp (or, for message 3, the session's age) lies outside the
    /// allowed clock skew of the receiver's time.
    #[error("authentication {message} time {time} is more than {skew_seconds} s from {now}")]
    AuthTimestampOutOfSkew {
        /// Which message.
        message: &'static str,
        /// The time it carries (for message 3: message 2's).
        time: crate::Time,
        /// The receiver's time.
        now: crate::Time,
        /// The skew allowed.
        skew_seconds: i64,
    },
    /// The peer's signature over the transcript does not verify: a field was changed
    /// on the way, or the signature is not over this session.
    #[error("the {role}'s signature over the transcript does not verify: {cause}")]
    AuthSignatureInvalid {
        /// `responder` or `initiator`.
        role: &'static str,
        /// The verifier's error (`SignatureInvalid`, `SignatureMalformed`).
        cause: Box<Error>,
    },
    /// The peer signed with an algorithm refused, unknown or not fitting its
    /// certificate's key.
    #[error("the {role}'s signature algorithm {algorithm} is refused: {cause}")]
    AuthSignatureAlgorithmRefused {
        /// `responder` or `initiator`.
        role: &'static str,
        /// The algorithm as the message names it (dotted OID).
        algorithm: String,
        /// Why (`AlgorithmKeyMismatch`, `Sha1Refused`, `UnsupportedSignatureAlgorithm`…).
        cause: Box<Error>,
    },
    /// The peer's chain is not valid and recognised under the receiver's verifier at
    /// the message time: the `ChainReport`'s verdict.
    #[error("the peer is not recognised ({}: {error_kind}): {reason}", sub_indication.map_or("-", |s| s.as_str()))]
    AuthPeerNotRecognised {
        /// The chain report's sub-indication (`NOT_RECOGNISED`, `NO_CERTIFICATE_CHAIN_FOUND`…);
        /// `None` when the chain is valid but names no legal entity or no list recognises it.
        sub_indication: Option<crate::SubIndication>,
        /// The chain report's error kind (`NotRecognised`, `UnknownIssuer`…), or
        /// `NoLegalEntity` / `NoRecognition`.
        error_kind: &'static str,
        /// The chain report's sentence.
        reason: String,
    },
    /// The authenticated peer is not the legal entity the caller expects.
    #[error("expected {expected}, the peer is {found}")]
    AuthIdentityUnexpected {
        /// The canonical OrgId expected.
        expected: String,
        /// The canonical OrgId found.
        found: String,
    },
    /// The identity a message claims is not the one its validated certificate names.
    #[error("the peer claims to be {claimed} but its certificate names {validated}")]
    AuthIdentityClaimMismatch {
        /// The canonical OrgId claimed in the message.
        claimed: String,
        /// The canonical OrgId of the validated certificate.
        validated: String,
    },
    /// Own credentials cannot be used: an empty or too long chain, or a certificate
    /// naming no legal entity.
    #[error("authentication credentials are unusable: {reason}")]
    AuthCredentialsInvalid {
        /// Why.
        reason: String,
    },
    /// The replay cache is full of entries still inside the replay window: the
    /// message is refused rather than an entry forgotten early.
    #[error("the replay cache is full ({capacity} live entries)")]
    AuthReplayCacheFull {
        /// Its capacity.
        capacity: usize,
    },
    /// The random source failed to produce a nonce.
    #[error("no random nonce: {reason}")]
    AuthRandomUnavailable {
        /// Why.
        reason: String,
    },
}

impl Error {
    /// Whether this error says a certificate's identity fields contradict each other
    /// (two organizationIdentifiers, one of another country than `C`, one that a
    /// mainland identity extension or the profile's own source contradicts): such a
    /// certificate names no single legal entity.
    pub fn is_identity_conflict(&self) -> bool {
        matches!(
            self,
            // ---- identity (issue 8) ----
            Error::OrganizationIdentifierRepeated { .. }
                | Error::OrganizationIdentifierCountryMismatch { .. }
                | Error::IdentityExtensionConflict { .. }
                | Error::IdentityConflict { .. }
        )
    }

    /// The variant's name, a stable machine-readable kind for reports and the C ABI
    /// (`"CertificateExpired"`, `"NameConstraintViolation"`, …).
    pub fn kind(&self) -> &'static str {
        // Derived (strum's IntoStaticStr): the kind is the variant's name, so a new
        // variant has its kind without an arm to forget.
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds are printed by the CLI, returned by the C ABI and asserted by tests:
    /// deriving them must keep each exactly the variant's name, unit, tuple-less and
    /// struct variants alike.
    #[test]
    fn kinds_are_the_variant_names() {
        let time = crate::Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
        let samples = [
            (Error::EmptyInput, "EmptyInput"),
            (Error::PemNoBlock, "PemNoBlock"),
            (Error::UnrecognisedEncoding, "UnrecognisedEncoding"),
            (Error::SignatureInvalid, "SignatureInvalid"),
            (Error::UnknownIssuer { depth: 1 }, "UnknownIssuer"),
            (
                Error::CertificateExpired {
                    depth: 0,
                    time,
                    not_after: time,
                },
                "CertificateExpired",
            ),
            (
                Error::NameConstraintViolation {
                    depth: 0,
                    name: "a.example".into(),
                },
                "NameConstraintViolation",
            ),
            (
                Error::CmsMalformed {
                    reason: String::new(),
                },
                "CmsMalformed",
            ),
            (
                Error::ChainSignature {
                    depth: 1,
                    cause: Box::new(Error::SignatureInvalid),
                },
                "ChainSignature",
            ),
            (
                Error::AnchorUnrecognisedCriticalExtension {
                    subject: String::new(),
                    oid: String::new(),
                },
                "AnchorUnrecognisedCriticalExtension",
            ),
            (
                Error::TrustListSignatureInvalid {
                    reason: String::new(),
                },
                "TrustListSignatureInvalid",
            ),
        ];
        for (error, kind) in samples {
            assert_eq!(error.kind(), kind, "{error:?}");
        }
    }
}
