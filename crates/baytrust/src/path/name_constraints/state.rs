//! The permitted and excluded subtrees carried along one path (§6.1.2 (b), (c)),
//! folded in at each CA (§6.1.4 (g)), and the check of one certificate's names against
//! them (§6.1.3 (b), (c)), within a bounded number of comparisons.

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::FromDer;

use super::directory_name::comparable;
use super::dns::dns_matches;
use super::ip::{ip_matches, show_ip};
use super::rfc822::{rfc822_matches, subject_emails};
use super::uri::uri_matches;
use super::{shown, Form, Side};
use crate::cert::{check_constraint_name, name_to_string, Certificate, ComparableName};
use crate::Error;

/// Most subtrees one path may accumulate. Checking costs names × subtrees, so unbounded
/// subtree lists would let hostile CA certificates make validation quadratic; Chromium
/// and BoringSSL (`kTooManyNameConstraintChecks`) and rustls-webpki
/// (`MaximumNameConstraintComparisonsExceeded`) bound name-constraint work for the same
/// reason. 1024 leaves ample room for real constrained CAs (PKITS uses at most two
/// subtrees per certificate).
const MAX_SUBTREES: usize = 1024;

/// Most name-against-subtree comparisons in one `check`: 250,000, rustls-webpki's
/// `name_constraint_comparisons` budget, itself taken from the default of Go's
/// crypto/x509.
const MAX_COMPARISONS: usize = 250_000;

/// One subtree base, owned so that it outlives the certificate it came from.
#[derive(Debug, Clone)]
enum Subtree {
    Directory(ComparableName),
    Rfc822(String),
    Dns(String),
    Uri(String),
    /// Address then mask, 8 or 32 bytes, mask checked contiguous.
    Ip(Vec<u8>),
    /// A form this module does not evaluate.
    Unsupported(Form),
}

impl Subtree {
    fn form(&self) -> Form {
        match self {
            Subtree::Directory(_) => Form::Directory,
            Subtree::Rfc822(_) => Form::Rfc822,
            Subtree::Dns(_) => Form::Dns,
            Subtree::Uri(_) => Form::Uri,
            Subtree::Ip(_) => Form::Ip,
            Subtree::Unsupported(form) => *form,
        }
    }

    /// Reads one subtree base from the DER of its GeneralName.
    fn from_der(base: &[u8]) -> Result<Self, Error> {
        match GeneralName::from_der(base) {
            Ok((&[], name)) => Self::from_general_name(&name),
            _ => Err(Error::ExtensionMalformed {
                oid: crate::oid::NAME_CONSTRAINTS.into(),
                reason: "a subtree base does not decode as a GeneralName".into(),
            }),
        }
    }

    /// Reads one subtree base. The certificate view refused malformed bases when it
    /// was built; they are checked again here so that this module never depends on
    /// that: a malformed base makes the whole extension unusable (fail closed).
    fn from_general_name(base: &GeneralName<'_>) -> Result<Self, Error> {
        check_constraint_name(base)?;
        Ok(match base {
            GeneralName::DirectoryName(name) => Subtree::Directory(ComparableName::of(name)),
            GeneralName::RFC822Name(text) => Subtree::Rfc822((*text).to_owned()),
            GeneralName::DNSName(text) => Subtree::Dns((*text).to_owned()),
            GeneralName::URI(text) => Subtree::Uri((*text).to_owned()),
            GeneralName::IPAddress(bytes) => Subtree::Ip(bytes.to_vec()),
            GeneralName::OtherName(..) => Subtree::Unsupported(Form::OtherName),
            GeneralName::X400Address(_) => Subtree::Unsupported(Form::X400),
            GeneralName::EDIPartyName(_) => Subtree::Unsupported(Form::EdiParty),
            GeneralName::RegisteredID(_) => Subtree::Unsupported(Form::RegisteredId),
            GeneralName::Invalid(..) => Subtree::Unsupported(Form::OtherName),
        })
    }
}

/// The permitted subtrees one CA set for one form.
#[derive(Debug, Clone)]
struct PermittedGroup {
    form: Form,
    subtrees: Vec<Subtree>,
}

/// One name of the certificate being checked.
enum Name {
    Directory(ComparableName),
    /// A mailbox (RFC 5321 §4.1.2).
    Rfc822(String),
    Dns(String),
    Uri(String),
    Ip(Vec<u8>),
    /// A form not evaluated, or a name that did not decode.
    Unsupported(Form),
}

impl Name {
    fn form(&self) -> Form {
        match self {
            Name::Directory(_) => Form::Directory,
            Name::Rfc822(_) => Form::Rfc822,
            Name::Dns(_) => Form::Dns,
            Name::Uri(_) => Form::Uri,
            Name::Ip(_) => Form::Ip,
            Name::Unsupported(form) => *form,
        }
    }
}

/// A name and how to show it in an error.
struct Candidate {
    name: Name,
    shown: String,
}

/// permitted_subtrees and excluded_subtrees carried along one path.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameConstraintsState {
    /// One group per CA and form; a name must match some subtree of each group of its
    /// form (the intersection of §6.1.4 (g)(i)).
    permitted: Vec<PermittedGroup>,
    /// The union of §6.1.4 (g)(ii).
    excluded: Vec<Subtree>,
    /// Subtrees kept so far, against [`MAX_SUBTREES`].
    kept: usize,
}

impl NameConstraintsState {
    /// §6.1.2 (b), (c): no constraint yet.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// §6.1.3 (b), (c): the subject name and subjectAltName of the certificate at `depth`
    /// must lie within the permitted and outside the excluded subtrees. The caller skips
    /// self-issued intermediates (RFC 5280 §6.1.3 (b)).
    #[cfg_attr(not(test), allow(dead_code))] // path validation uses `check_counted`
    pub(crate) fn check(&self, certificate: &Certificate<'_>, depth: usize) -> Result<(), Error> {
        let mut comparisons_left = MAX_COMPARISONS;
        self.check_counted(certificate, depth, &mut comparisons_left)
    }

    /// [`Self::check`] drawing on the caller's allowance of comparisons, so that one
    /// budget spans a whole verification (path search).
    pub(crate) fn check_counted(
        &self,
        certificate: &Certificate<'_>,
        depth: usize,
        comparisons_left: &mut usize,
    ) -> Result<(), Error> {
        if self.permitted.is_empty() && self.excluded.is_empty() {
            return Ok(());
        }
        for candidate in candidates(certificate, depth, |form| self.constrains(form))? {
            self.check_name(&candidate, depth, comparisons_left)?;
        }
        Ok(())
    }

    /// §6.1.4 (g): folds the CA certificate's nameConstraints into the state. The
    /// certificate at `_depth` was checked for a well-formed extension when its view was
    /// built, so no error here needs the depth.
    pub(crate) fn update(
        &mut self,
        certificate: &Certificate<'_>,
        _depth: usize,
    ) -> Result<(), Error> {
        let Some(bases) = certificate.name_constraint_bases()? else {
            return Ok(());
        };
        let (permitted, excluded) = (&bases.permitted, &bases.excluded);
        let kept = self
            .kept
            .saturating_add(permitted.len())
            .saturating_add(excluded.len());
        if kept > MAX_SUBTREES {
            return Err(Error::BudgetExceeded {
                what: "name-constraint subtrees",
                limit: MAX_SUBTREES,
            });
        }
        let mut groups: Vec<PermittedGroup> = Vec::new();
        for base in permitted {
            let subtree = Subtree::from_der(base)?;
            let form = subtree.form();
            match groups.iter_mut().find(|group| group.form == form) {
                Some(group) => group.subtrees.push(subtree),
                None => groups.push(PermittedGroup {
                    form,
                    subtrees: vec![subtree],
                }),
            }
        }
        let excluded = excluded
            .iter()
            .map(|base| Subtree::from_der(base))
            .collect::<Result<Vec<_>, _>>()?;
        self.permitted.extend(groups);
        self.excluded.extend(excluded);
        self.kept = kept;
        Ok(())
    }

    /// Whether any subtree, permitted or excluded, is of `form`.
    fn constrains(&self, form: Form) -> bool {
        self.permitted.iter().any(|group| group.form == form)
            || self.excluded.iter().any(|subtree| subtree.form() == form)
    }

    fn check_name(
        &self,
        candidate: &Candidate,
        depth: usize,
        comparisons_left: &mut usize,
    ) -> Result<(), Error> {
        let form = candidate.name.form();
        if let Name::Unsupported(form) = candidate.name {
            if self.constrains(form) {
                return Err(Error::NameConstraintUnsupported {
                    depth,
                    form: form.label(),
                });
            }
            return Ok(());
        }
        let violation = || Error::NameConstraintViolation {
            depth,
            name: candidate.shown.clone(),
        };
        for group in self.permitted.iter().filter(|group| group.form == form) {
            let mut inside = false;
            for subtree in &group.subtrees {
                spend(comparisons_left)?;
                match matches(&candidate.name, subtree, Side::Permitted) {
                    Some(true) => {
                        inside = true;
                        break;
                    }
                    Some(false) => {}
                    None => return Err(violation()),
                }
            }
            if !inside {
                return Err(violation());
            }
        }
        for subtree in self
            .excluded
            .iter()
            .filter(|subtree| subtree.form() == form)
        {
            spend(comparisons_left)?;
            if matches(&candidate.name, subtree, Side::Excluded) != Some(false) {
                return Err(violation());
            }
        }
        Ok(())
    }
}

/// Spends one comparison of the [`MAX_COMPARISONS`] budget.
fn spend(comparisons_left: &mut usize) -> Result<(), Error> {
    *comparisons_left = comparisons_left
        .checked_sub(1)
        .ok_or(Error::BudgetExceeded {
            what: "name-constraint comparisons",
            limit: MAX_COMPARISONS,
        })?;
    Ok(())
}

/// Whether `name` lies in `subtree` (same form assumed); `None` when the name cannot be
/// evaluated (malformed), which the caller treats as a violation.
fn matches(name: &Name, subtree: &Subtree, side: Side) -> Option<bool> {
    match (name, subtree) {
        (Name::Directory(name), Subtree::Directory(base)) => Some(name.is_within(base)),
        (Name::Rfc822(mailbox), Subtree::Rfc822(constraint)) => {
            rfc822_matches(mailbox, constraint, side)
        }
        (Name::Dns(host), Subtree::Dns(constraint)) => dns_matches(host, constraint, side),
        (Name::Uri(uri), Subtree::Uri(constraint)) => uri_matches(uri, constraint),
        (Name::Ip(address), Subtree::Ip(constraint)) => ip_matches(address, constraint, side),
        _ => None,
    }
}

/// The names of `certificate` that constraints apply to: a non-empty subject
/// (directoryName), every subjectAltName entry, and the subject's emailAddress
/// attributes when no rfc822Name alternative name is present (RFC 5280 §4.2.1.10:
/// "the rfc822Name constraint MUST be applied to the attribute of type emailAddress").
/// A directoryName whose strings do not decode, or an emailAddress that is not a
/// mailbox, is refused when constraints of its form are in force (`constrains`):
/// comparing it byte-wise or skipping it would guess at what it names.
fn candidates(
    certificate: &Certificate<'_>,
    depth: usize,
    constrains: impl Fn(Form) -> bool,
) -> Result<Vec<Candidate>, Error> {
    let malformed = |name: String, reason: String| Error::NameConstraintNameMalformed {
        depth,
        name,
        reason,
    };
    let mut out = Vec::new();
    let push_directory =
        |name: &x509_parser::x509::X509Name<'_>, out: &mut Vec<Candidate>| -> Result<(), Error> {
            let shown = format!("directoryName {}", name_to_string(name));
            match comparable(name) {
                Ok(comparable) => {
                    if !comparable.is_empty() {
                        out.push(Candidate {
                            name: Name::Directory(comparable),
                            shown,
                        });
                    }
                    Ok(())
                }
                Err(reason) if constrains(Form::Directory) => Err(malformed(shown, reason)),
                Err(_) => Ok(()),
            }
        };
    push_directory(certificate.subject(), &mut out)?;
    let alt_names = certificate
        .subject_alt_name()
        .map_or(&[][..], |san| san.general_names.as_slice());
    let mut has_rfc822 = false;
    for general_name in alt_names {
        let (name, shown) = match general_name {
            GeneralName::DirectoryName(name) => {
                push_directory(name, &mut out)?;
                continue;
            }
            GeneralName::RFC822Name(text) => {
                has_rfc822 = true;
                (Name::Rfc822((*text).to_owned()), shown(text))
            }
            GeneralName::DNSName(text) => (Name::Dns((*text).to_owned()), shown(text)),
            GeneralName::URI(text) => (Name::Uri((*text).to_owned()), shown(text)),
            GeneralName::IPAddress(bytes) => (Name::Ip(bytes.to_vec()), show_ip(bytes)),
            GeneralName::OtherName(..) => (Name::Unsupported(Form::OtherName), String::new()),
            GeneralName::X400Address(_) => (Name::Unsupported(Form::X400), String::new()),
            GeneralName::EDIPartyName(_) => (Name::Unsupported(Form::EdiParty), String::new()),
            GeneralName::RegisteredID(_) => (Name::Unsupported(Form::RegisteredId), String::new()),
            GeneralName::Invalid(tag, _) => {
                let Some(form) = Form::of_tag(tag.0) else {
                    continue;
                };
                has_rfc822 |= form == Form::Rfc822;
                (Name::Unsupported(form), String::new())
            }
        };
        let form = name.form();
        out.push(Candidate {
            name,
            shown: format!("{} {shown}", form.label()),
        });
    }
    if !has_rfc822 {
        for email in subject_emails(certificate.subject()) {
            match email.mailbox {
                Ok(mailbox) => out.push(Candidate {
                    name: Name::Rfc822(mailbox),
                    shown: email.shown,
                }),
                Err(reason) if constrains(Form::Rfc822) => {
                    return Err(malformed(email.shown, reason))
                }
                Err(_) => {}
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- state across a path ----------------------------------------------------

    /// DER TLV with a definite length.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        match content.len() {
            n if n < 0x80 => out.push(n as u8),
            n if n < 0x100 => out.extend([0x81, n as u8]),
            n => out.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        out.extend(content);
        out
    }

    /// A nameConstraints value from GeneralName encodings.
    fn name_constraints(permitted: &[Vec<u8>], excluded: &[Vec<u8>]) -> Vec<u8> {
        let subtrees = |tag: u8, bases: &[Vec<u8>]| -> Vec<u8> {
            if bases.is_empty() {
                return Vec::new();
            }
            let inner: Vec<u8> = bases.iter().flat_map(|base| tlv(0x30, base)).collect();
            tlv(tag, &inner)
        };
        let mut content = subtrees(0xa0, permitted);
        content.extend(subtrees(0xa1, excluded));
        tlv(0x30, &content)
    }

    fn dns(text: &str) -> Vec<u8> {
        tlv(0x82, text.as_bytes())
    }

    fn uri(text: &str) -> Vec<u8> {
        tlv(0x86, text.as_bytes())
    }

    fn ip(bytes: &[u8]) -> Vec<u8> {
        tlv(0x87, bytes)
    }

    fn rfc822(text: &str) -> Vec<u8> {
        tlv(0x81, text.as_bytes())
    }

    /// otherName 1.3.6.1.4.1.311.20.2.3 (UPN) = UTF8String "x".
    fn other_name() -> Vec<u8> {
        let oid = [
            0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03,
        ];
        let mut content = oid.to_vec();
        content.extend(tlv(0xa0, &tlv(0x0c, b"x")));
        tlv(0xa0, &content)
    }

    /// A self-signed certificate `CN=<cn>` (plus `emailAddress` when given) with these
    /// alternative names and, when given, this nameConstraints value. Signatures do not
    /// matter here: only the names are read.
    fn make(
        cn: &str,
        email: Option<&str>,
        sans: Vec<rcgen::SanType>,
        constraints: Option<Vec<u8>>,
    ) -> Vec<u8> {
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        if let Some(email) = email {
            params.distinguished_name.push(
                rcgen::DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
                rcgen::DnValue::Ia5String(email.try_into().unwrap()),
            );
        }
        params.subject_alt_names = sans;
        if let Some(constraints) = constraints {
            let mut extension =
                rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 30], constraints);
            extension.set_criticality(true);
            params.custom_extensions.push(extension);
        }
        let key = rcgen::KeyPair::generate().unwrap();
        params.self_signed(&key).unwrap().der().to_vec()
    }

    fn dns_san(text: &str) -> rcgen::SanType {
        rcgen::SanType::DnsName(text.try_into().unwrap())
    }

    /// Folds `cas` (anchor-issued first, depths 2, 1, …) into a state.
    fn state_after(cas: &[Vec<u8>]) -> Result<NameConstraintsState, Error> {
        let mut state = NameConstraintsState::new();
        for (i, der) in cas.iter().enumerate() {
            let certificate = Certificate::from_der(der).unwrap();
            state.update(&certificate, cas.len() - i)?;
        }
        Ok(state)
    }

    fn check_leaf(state: &NameConstraintsState, der: &[u8]) -> Result<(), Error> {
        state.check(&Certificate::from_der(der).unwrap(), 0)
    }

    fn violation(name: &str) -> Result<(), Error> {
        Err(Error::NameConstraintViolation {
            depth: 0,
            name: name.to_owned(),
        })
    }

    #[test]
    fn permitted_subtrees_intersect_along_the_path() {
        let ca1 = make(
            "CA1",
            None,
            vec![],
            Some(name_constraints(&[dns("a.example")], &[])),
        );
        let ca2 = make(
            "CA2",
            None,
            vec![],
            Some(name_constraints(&[dns("x.a.example")], &[])),
        );
        let state = state_after(&[ca1, ca2]).unwrap();
        let ok = make("leaf", None, vec![dns_san("y.x.a.example")], None);
        assert_eq!(check_leaf(&state, &ok), Ok(()));
        let outside = make("leaf", None, vec![dns_san("z.a.example")], None);
        assert_eq!(
            check_leaf(&state, &outside),
            violation("dNSName z.a.example")
        );
    }

    #[test]
    fn disjoint_permitted_subtrees_admit_nothing_of_that_form() {
        let ca1 = make(
            "CA1",
            None,
            vec![],
            Some(name_constraints(&[dns("a.example")], &[])),
        );
        let ca2 = make(
            "CA2",
            None,
            vec![],
            Some(name_constraints(&[dns("b.example")], &[])),
        );
        let state = state_after(&[ca1, ca2]).unwrap();
        for host in ["a.example", "b.example", "c.example"] {
            let leaf = make("leaf", None, vec![dns_san(host)], None);
            assert_eq!(
                check_leaf(&state, &leaf),
                violation(&format!("dNSName {host}"))
            );
        }
        // Other forms stay unconstrained.
        let uri_only = make(
            "leaf",
            None,
            vec![rcgen::SanType::URI(
                "https://c.example/".try_into().unwrap(),
            )],
            None,
        );
        assert_eq!(check_leaf(&state, &uri_only), Ok(()));
    }

    #[test]
    fn unsupported_forms_fail_closed_only_where_they_apply() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[], &[other_name(), dns("bad.example")])),
        );
        let state = state_after(&[ca]).unwrap();
        let dns_leaf = make("leaf", None, vec![dns_san("good.example")], None);
        assert_eq!(check_leaf(&state, &dns_leaf), Ok(()));
        let upn = rcgen::SanType::OtherName((
            vec![1, 3, 6, 1, 4, 1, 311, 20, 2, 3],
            rcgen::OtherNameValue::Utf8String("bob@example".into()),
        ));
        let other_leaf = make("leaf", None, vec![upn.clone()], None);
        assert_eq!(
            check_leaf(&state, &other_leaf),
            Err(Error::NameConstraintUnsupported {
                depth: 0,
                form: "otherName"
            })
        );
        // An otherName with no otherName constraint in force is not examined.
        let dns_only = state_after(&[make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[dns("example")], &[])),
        )])
        .unwrap();
        let mixed = make("leaf", None, vec![upn, dns_san("a.example")], None);
        assert_eq!(check_leaf(&dns_only, &mixed), Ok(()));
    }

    #[test]
    fn ip_subtrees_apply_to_ip_alternative_names() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(
                &[ip(&[10, 0, 0, 0, 255, 0, 0, 0])],
                &[ip(&[10, 9, 0, 0, 255, 255, 0, 0])],
            )),
        );
        let state = state_after(&[ca]).unwrap();
        let san = |a: [u8; 4]| rcgen::SanType::IpAddress(std::net::IpAddr::from(a));
        let inside = make("leaf", None, vec![san([10, 1, 2, 3])], None);
        assert_eq!(check_leaf(&state, &inside), Ok(()));
        let outside = make("leaf", None, vec![san([11, 1, 2, 3])], None);
        assert_eq!(
            check_leaf(&state, &outside),
            violation("iPAddress 11.1.2.3")
        );
        let excluded = make("leaf", None, vec![san([10, 9, 2, 3])], None);
        assert_eq!(
            check_leaf(&state, &excluded),
            violation("iPAddress 10.9.2.3")
        );
    }

    #[test]
    fn malformed_ip_constraint_is_refused_when_the_certificate_is_read() {
        for (bad, shown) in [
            (&[10, 0, 0, 0, 255, 0, 255, 0][..], "0a000000ff00ff00"),
            (&[10, 0, 0, 0, 255][..], "0a000000ff"),
        ] {
            let ca = make("CA", None, vec![], Some(name_constraints(&[ip(bad)], &[])));
            assert_eq!(
                Certificate::from_der(&ca).err(),
                Some(Error::NameConstraintValueMalformed {
                    form: "iPAddress",
                    value: shown.into(),
                    reason: "it is not an address and contiguous mask of 8 or 32 bytes"
                })
            );
        }
    }

    /// A certificate `CN=leaf` whose subject also holds `emailAddress` as a raw
    /// attribute value (tag and bytes), to test names no honest encoder makes.
    fn leaf_with_raw_email(tag: u8, bytes: &[u8]) -> Vec<u8> {
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "leaf");
        params.distinguished_name.push(
            rcgen::DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
            rcgen::DnValue::Ia5String("placeholder@example.com".try_into().unwrap()),
        );
        let key = rcgen::KeyPair::generate().unwrap();
        let der = params.self_signed(&key).unwrap().der().to_vec();
        // Swap the placeholder IA5String (tag 0x16, 23 bytes) for the raw value; the
        // lengths must agree, so `bytes` is padded to 23 bytes by the caller.
        let placeholder = tlv(0x16, b"placeholder@example.com");
        // The last occurrence: the issuer (the same name) comes first.
        let at = der
            .windows(placeholder.len())
            .rposition(|w| w == placeholder.as_slice())
            .unwrap();
        let mut out = der.clone();
        out[at] = tag;
        out[at + 2..at + 2 + bytes.len()].copy_from_slice(bytes);
        out
    }

    #[test]
    fn malformed_subject_email_is_refused_under_rfc822_constraints() {
        let state = state_after(&[make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[rfc822("example.com")], &[])),
        )])
        .unwrap();
        // `a@b@example.com` padded to 23 bytes: no mailbox, so not compared at all.
        let leaf = leaf_with_raw_email(0x16, b"a@evil.com@example.com0");
        assert_eq!(
            check_leaf(&state, &leaf),
            Err(Error::NameConstraintNameMalformed {
                depth: 0,
                name: "rfc822Name a@evil.com@example.com0 (subject emailAddress)".into(),
                reason: "it is not a mailbox: its domain is not a host name".into()
            })
        );
        // Without rfc822Name constraints in force it is not examined.
        let dns_only = state_after(&[make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[dns("example.com")], &[])),
        )])
        .unwrap();
        assert_eq!(check_leaf(&dns_only, &leaf), Ok(()));
    }

    #[test]
    fn undecodable_subject_string_is_refused_before_directory_constraints() {
        // A UTF8String emailAddress holding invalid UTF-8 cannot be read as text, so it
        // must be neither compared byte-wise nor skipped. Since the attack catalogue
        // (docs/conformance.md) `Certificate::from_der` refuses such a name, so
        // the path never sees it; the comparison's own refusal
        // (`NameConstraintNameMalformed`) stays as a second line.
        let mut bad = b"placeholder@example.co".to_vec();
        bad.push(0xff);
        let leaf = leaf_with_raw_email(0x0c, &bad);
        assert_eq!(
            Certificate::from_der(&leaf).map(|_| ()),
            Err(Error::NameStringMalformed {
                field: "subject",
                oid: "1.2.840.113549.1.9.1".into(),
                reason: "UTF8String holds invalid UTF-8".into()
            })
        );
    }

    #[test]
    fn uris_without_a_host_fail_uri_constraints() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[], &[uri("bad.example")])),
        );
        let state = state_after(&[ca]).unwrap();
        let urn = make(
            "leaf",
            None,
            vec![rcgen::SanType::URI(
                "urn:isbn:0451450523".try_into().unwrap(),
            )],
            None,
        );
        assert_eq!(
            check_leaf(&state, &urn),
            violation("uniformResourceIdentifier urn:isbn:0451450523")
        );
    }

    fn mailbox_san(text: &str) -> rcgen::SanType {
        rcgen::SanType::Rfc822Name(text.try_into().unwrap())
    }

    #[test]
    fn quoted_at_in_a_mailbox_cannot_borrow_a_permitted_domain() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[rfc822("good.example")], &[])),
        );
        let state = state_after(&[ca]).unwrap();
        let quoted = make(
            "leaf",
            None,
            vec![mailbox_san("\"bob@good.example\"@evil.example")],
            None,
        );
        assert_eq!(
            check_leaf(&state, &quoted),
            violation("rfc822Name \"bob@good.example\"@evil.example")
        );
        let honest = make(
            "leaf",
            None,
            vec![mailbox_san("\"bob@evil.example\"@good.example")],
            None,
        );
        assert_eq!(check_leaf(&state, &honest), Ok(()));
    }

    #[test]
    fn excluded_mailbox_domains_match_whatever_the_case() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(
                &[],
                &[rfc822("evil.example"), rfc822("Boss@corp.example")],
            )),
        );
        let state = state_after(&[ca]).unwrap();
        for mailbox in ["bob@EVIL.example", "boss@corp.example", "BOSS@Corp.Example"] {
            let leaf = make("leaf", None, vec![mailbox_san(mailbox)], None);
            assert_eq!(
                check_leaf(&state, &leaf),
                violation(&format!("rfc822Name {mailbox}")),
                "{mailbox}"
            );
        }
        let other = make(
            "leaf",
            None,
            vec![mailbox_san("bob@mail.evil.example")],
            None,
        );
        assert_eq!(check_leaf(&state, &other), Ok(()));
    }

    #[test]
    fn excluded_dns_subtree_catches_idna_and_case_variants() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[], &[dns("xn--fiqs8s.example")])),
        );
        let state = state_after(&[ca]).unwrap();
        for host in [
            "XN--FIQS8S.example",
            "www.xn--fiqs8s.example",
            "*.xn--fiqs8s.example",
        ] {
            let leaf = make("leaf", None, vec![dns_san(host)], None);
            assert_eq!(
                check_leaf(&state, &leaf),
                violation(&format!("dNSName {host}")),
                "{host}"
            );
        }
    }

    #[test]
    fn subject_email_is_checked_only_without_rfc822_alternative_names() {
        let ca = make(
            "CA",
            None,
            vec![],
            Some(name_constraints(&[rfc822("example.com")], &[])),
        );
        let state = state_after(&[ca]).unwrap();
        let dn_only = make("leaf", Some("eve@evil.example"), vec![], None);
        assert_eq!(
            check_leaf(&state, &dn_only),
            violation("rfc822Name eve@evil.example (subject emailAddress)")
        );
        let with_san = make(
            "leaf",
            Some("eve@evil.example"),
            vec![rcgen::SanType::Rfc822Name(
                "bob@example.com".try_into().unwrap(),
            )],
            None,
        );
        assert_eq!(check_leaf(&state, &with_san), Ok(()));
    }

    #[test]
    fn subtree_count_is_bounded() {
        let many: Vec<Vec<u8>> = (0..=MAX_SUBTREES)
            .map(|i| dns(&format!("h{i}.example")))
            .collect();
        let ca = make("CA", None, vec![], Some(name_constraints(&[], &many)));
        assert_eq!(
            state_after(&[ca]).err(),
            Some(Error::BudgetExceeded {
                what: "name-constraint subtrees",
                limit: MAX_SUBTREES
            })
        );
        // The bound is on the whole path, not each certificate.
        let half: Vec<Vec<u8>> = many.iter().take(MAX_SUBTREES / 2 + 1).cloned().collect();
        let ca = make("CA", None, vec![], Some(name_constraints(&[], &half)));
        assert!(state_after(std::slice::from_ref(&ca)).is_ok());
        assert!(matches!(
            state_after(&[ca.clone(), ca]),
            Err(Error::BudgetExceeded { .. })
        ));
    }
}
