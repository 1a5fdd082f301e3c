//! RFC 5280 §6.1 name constraints: the permitted and excluded subtrees that CA
//! certificates impose (§4.2.1.10), carried along one path (§6.1.2 (b), (c)), folded in
//! at each CA (§6.1.4 (g)) and checked against each certificate's names (§6.1.3 (b), (c)).
//!
//! Forms evaluated: directoryName, rfc822Name (also against `emailAddress` attributes
//! of the subject when the certificate has no rfc822Name alternative name), dNSName,
//! iPAddress and uniformResourceIdentifier. A name of any other form (otherName,
//! x400Address, ediPartyName, registeredID, or a name that does not decode) fails closed
//! when constraints of its form are in force, and is ignored otherwise.
//!
//! Permitted subtrees are kept as one group per CA and form rather than as a computed
//! intersection: a name must lie in some subtree of every group of its form, which is
//! exactly membership of the intersection (an empty intersection then admits nothing).
//! Excluded subtrees are a plain union.

use std::net::{Ipv4Addr, Ipv6Addr};

use x509_parser::extensions::GeneralName;
use x509_parser::x509::X509Name;

use crate::cert::{attribute_text, name_to_string, Certificate, ComparableName};
use crate::Error;

/// `emailAddress` (PKCS #9), the legacy home of e-mail addresses in subject names
/// (RFC 5280 §4.1.2.6, §4.2.1.6).
const EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";

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

/// The GeneralName forms (RFC 5280 §4.2.1.6), by context tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    OtherName,
    Rfc822,
    Dns,
    X400,
    Directory,
    EdiParty,
    Uri,
    Ip,
    RegisteredId,
}

impl Form {
    /// The ASN.1 field name, for messages.
    fn label(self) -> &'static str {
        match self {
            Form::OtherName => "otherName",
            Form::Rfc822 => "rfc822Name",
            Form::Dns => "dNSName",
            Form::X400 => "x400Address",
            Form::Directory => "directoryName",
            Form::EdiParty => "ediPartyName",
            Form::Uri => "uniformResourceIdentifier",
            Form::Ip => "iPAddress",
            Form::RegisteredId => "registeredID",
        }
    }

    /// The form of a context tag, `None` for tags outside GeneralName.
    fn of_tag(tag: u32) -> Option<Form> {
        Some(match tag {
            0 => Form::OtherName,
            1 => Form::Rfc822,
            2 => Form::Dns,
            3 => Form::X400,
            4 => Form::Directory,
            5 => Form::EdiParty,
            6 => Form::Uri,
            7 => Form::Ip,
            8 => Form::RegisteredId,
            _ => return None,
        })
    }
}

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

    /// Reads one subtree base. A base of an evaluated form that is malformed (bad
    /// address/mask, a host that is not a host name, undecodable) makes the whole
    /// extension unusable: fail closed.
    fn from_general_name(base: &GeneralName<'_>, depth: usize) -> Result<Self, Error> {
        let malformed = |what: String| Error::ExtensionMalformed {
            oid: "2.5.29.30".into(),
            reason: format!("nameConstraints of the certificate at depth {depth}: {what}"),
        };
        Ok(match base {
            GeneralName::DirectoryName(name) => Subtree::Directory(ComparableName::of(name)),
            GeneralName::RFC822Name(text) => {
                if !valid_rfc822_constraint(text) {
                    return Err(malformed(format!(
                        "rfc822Name {} is malformed",
                        shown(text)
                    )));
                }
                Subtree::Rfc822((*text).to_owned())
            }
            GeneralName::DNSName(text) => {
                if domain_constraint(text).is_none() {
                    return Err(malformed(format!("dNSName {} is malformed", shown(text))));
                }
                Subtree::Dns((*text).to_owned())
            }
            GeneralName::URI(text) => {
                if domain_constraint(text).is_none() {
                    return Err(malformed(format!(
                        "uniformResourceIdentifier {} is not a host or .domain",
                        shown(text)
                    )));
                }
                Subtree::Uri((*text).to_owned())
            }
            GeneralName::IPAddress(bytes) => {
                if !valid_ip_constraint(bytes) {
                    return Err(malformed(format!(
                        "iPAddress {} is not an address and contiguous mask of 8 or 32 bytes",
                        hex(bytes)
                    )));
                }
                Subtree::Ip(bytes.to_vec())
            }
            GeneralName::OtherName(..) => Subtree::Unsupported(Form::OtherName),
            GeneralName::X400Address(_) => Subtree::Unsupported(Form::X400),
            GeneralName::EDIPartyName(_) => Subtree::Unsupported(Form::EdiParty),
            GeneralName::RegisteredID(_) => Subtree::Unsupported(Form::RegisteredId),
            GeneralName::Invalid(tag, _) => {
                let form = Form::of_tag(tag.0).map_or("GeneralName", Form::label);
                return Err(malformed(format!("a {form} base does not decode")));
            }
        })
    }
}

/// The permitted subtrees one CA set for one form.
#[derive(Debug, Clone)]
struct PermittedGroup {
    form: Form,
    subtrees: Vec<Subtree>,
}

/// Which kind of subtree a name is compared with. Where a name's meaning is ambiguous
/// (wildcards, case of a mailbox local part, IPv4-mapped IPv6), the comparison is
/// generous for excluded subtrees and strict for permitted ones, so doubt never helps a
/// certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Permitted,
    Excluded,
}

/// One name of the certificate being checked.
enum Name {
    Directory(ComparableName),
    /// `None`: an emailAddress attribute that does not decode as text.
    Rfc822(Option<String>),
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
        for candidate in candidates(certificate) {
            self.check_name(&candidate, depth, comparisons_left)?;
        }
        Ok(())
    }

    /// §6.1.4 (g): folds the CA certificate's nameConstraints into the state.
    pub(crate) fn update(
        &mut self,
        certificate: &Certificate<'_>,
        depth: usize,
    ) -> Result<(), Error> {
        let Some(constraints) = certificate.name_constraints() else {
            return Ok(());
        };
        let permitted = constraints.permitted_subtrees.as_deref().unwrap_or(&[]);
        let excluded = constraints.excluded_subtrees.as_deref().unwrap_or(&[]);
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
        for general_subtree in permitted {
            let subtree = Subtree::from_general_name(&general_subtree.base, depth)?;
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
            .map(|general_subtree| Subtree::from_general_name(&general_subtree.base, depth))
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
        (Name::Rfc822(Some(mailbox)), Subtree::Rfc822(constraint)) => {
            rfc822_matches(mailbox, constraint, side)
        }
        (Name::Rfc822(None), Subtree::Rfc822(_)) => None,
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
fn candidates(certificate: &Certificate<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let subject = certificate.subject();
    let subject_name = ComparableName::of(subject);
    if !subject_name.is_empty() {
        out.push(Candidate {
            name: Name::Directory(subject_name),
            shown: format!("directoryName {}", name_to_string(subject)),
        });
    }
    let alt_names = certificate
        .subject_alt_name()
        .map_or(&[][..], |san| san.general_names.as_slice());
    let mut has_rfc822 = false;
    for general_name in alt_names {
        let (name, shown) = match general_name {
            GeneralName::DirectoryName(name) => (
                Name::Directory(ComparableName::of(name)),
                name_to_string(name),
            ),
            GeneralName::RFC822Name(text) => {
                has_rfc822 = true;
                (Name::Rfc822(Some((*text).to_owned())), shown(text))
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
        for (name, shown) in subject_emails(subject) {
            out.push(Candidate { name, shown });
        }
    }
    out
}

/// The subject's emailAddress attribute values, as rfc822Name candidates.
fn subject_emails(subject: &X509Name<'_>) -> Vec<(Name, String)> {
    subject
        .iter_rdn()
        .flat_map(|rdn| rdn.iter())
        .filter(|attribute| attribute.attr_type().to_id_string() == EMAIL_ADDRESS)
        .map(
            |attribute| match attribute_text(attribute.attr_value(), EMAIL_ADDRESS) {
                Ok(text) => {
                    let shown = format!("rfc822Name {} (subject emailAddress)", shown(&text));
                    (Name::Rfc822(Some(text)), shown)
                }
                Err(_) => (
                    Name::Rfc822(None),
                    "rfc822Name <undecodable subject emailAddress>".to_owned(),
                ),
            },
        )
        .collect()
}

// ---- matching rules (RFC 5280 §4.2.1.10) -----------------------------------------------

/// A host name without its root dot (`example.com.` is `example.com`).
fn trim_root(host: &str) -> &str {
    host.strip_suffix('.').unwrap_or(host)
}

/// Whether `host` (root dot already trimmed) is a host name: dot-separated labels of
/// ASCII letters, digits, `-` and `_`, at most 63 bytes each and 253 in all, and not
/// numeric in its last label (which URL parsers read as an IPv4 address). With
/// `wildcard`, a first label `*` is allowed when more labels follow.
fn valid_host(host: &str, wildcard: bool) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let labels_ok = host.split('.').enumerate().all(|(i, label)| {
        (wildcard && i == 0 && label == "*" && host.len() > 2)
            || (!label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    });
    let last = host.rsplit('.').next().unwrap_or(host);
    let hex_number = last
        .get(..2)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("0x"))
        && last.bytes().skip(2).all(|b| b.is_ascii_hexdigit());
    let numeric_last = hex_number || last.bytes().all(|b| b.is_ascii_digit());
    labels_ok && !numeric_last
}

/// When `name`'s labels end with all of `suffix`'s labels (ASCII case-insensitive), how
/// many labels `name` has beyond them.
fn label_suffix(name: &str, suffix: &str) -> Option<usize> {
    let mut name_labels = name.rsplit('.');
    for suffix_label in suffix.rsplit('.') {
        match name_labels.next() {
            Some(label) if label.eq_ignore_ascii_case(suffix_label) => {}
            _ => return None,
        }
    }
    Some(name_labels.count())
}

/// A domain-style constraint: `base` (empty: every host) and whether only hosts strictly
/// below it match (a leading `.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DomainConstraint<'c> {
    base: &'c str,
    subdomains_only: bool,
}

/// Reads a dNSName, uniformResourceIdentifier or rfc822Name host constraint: `host`,
/// `.domain`, or empty (every host). `None` when malformed.
fn domain_constraint(constraint: &str) -> Option<DomainConstraint<'_>> {
    let (subdomains_only, base) = match constraint.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, constraint),
    };
    if base.is_empty() {
        return Some(DomainConstraint {
            base,
            subdomains_only,
        });
    }
    let base = trim_root(base);
    valid_host(base, false).then_some(DomainConstraint {
        base,
        subdomains_only,
    })
}

/// Whether an rfc822Name constraint is well formed: a mailbox `local@host`, a host, or
/// `.domain`.
fn valid_rfc822_constraint(constraint: &str) -> bool {
    match constraint.rsplit_once('@') {
        Some((local, host)) => !local.is_empty() && valid_host(trim_root(host), false),
        None => domain_constraint(constraint).is_some(),
    }
}

/// Whether `host` lies in `constraint` where a bare host means exactly that host
/// (rfc822Name and URI rules) or that host and everything below it (`dns_rule`).
fn host_in(host: &str, constraint: DomainConstraint<'_>, dns_rule: bool) -> bool {
    if constraint.base.is_empty() {
        return true;
    }
    match label_suffix(host, constraint.base) {
        Some(extra) if constraint.subdomains_only => extra > 0,
        Some(extra) => dns_rule || extra == 0,
        None => false,
    }
}

/// rfc822Name rule: a constraint `local@host` is that mailbox, `host` every mailbox at
/// exactly that host, `.domain` every mailbox at a host below the domain. Hosts compare
/// case-insensitively; the local part exactly for permitted subtrees and
/// case-insensitively for excluded ones. `None` when `mailbox` is not `local@host`.
fn rfc822_matches(mailbox: &str, constraint: &str, side: Side) -> Option<bool> {
    let (local, host) = mailbox.rsplit_once('@')?;
    let host = trim_root(host);
    if local.is_empty() || !valid_host(host, false) {
        return None;
    }
    if let Some((constraint_local, constraint_host)) = constraint.rsplit_once('@') {
        let constraint_host = trim_root(constraint_host);
        if constraint_local.is_empty() || !valid_host(constraint_host, false) {
            return None;
        }
        let same_local = match side {
            Side::Permitted => local == constraint_local,
            Side::Excluded => local.eq_ignore_ascii_case(constraint_local),
        };
        return Some(same_local && label_suffix(host, constraint_host) == Some(0));
    }
    Some(host_in(host, domain_constraint(constraint)?, false))
}

/// dNSName rule: `example.com` matches it and every host below it, label-wise (so not
/// `badexample.com`); `.example.com` only hosts below it. For excluded subtrees a
/// wildcard `*.example.com` also matches a constraint `x.example.com` it could stand for.
/// `None` when `host` is not a host name.
fn dns_matches(host: &str, constraint: &str, side: Side) -> Option<bool> {
    let constraint = domain_constraint(constraint)?;
    let host = trim_root(host);
    if !valid_host(host, true) {
        return None;
    }
    if host_in(host, constraint, true) {
        return Some(true);
    }
    if side == Side::Excluded && !constraint.subdomains_only {
        if let Some(parent) = host.strip_prefix("*.") {
            return Some(label_suffix(constraint.base, parent) == Some(1));
        }
    }
    Some(false)
}

/// The host of a URI with an authority (`scheme://[userinfo@]host[:port]…`), or `None`
/// when it has none, the host is an IP literal or not a host name, or the authority
/// holds a backslash (which URL parsers read as a path separator).
fn uri_host(uri: &str) -> Option<&str> {
    let (scheme, rest) = uri.split_once(':')?;
    let mut scheme_bytes = scheme.bytes();
    if !scheme_bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !scheme_bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('\\') {
        return None;
    }
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host_port.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    let host = trim_root(host);
    valid_host(host, false).then_some(host)
}

/// uniformResourceIdentifier rule, on the URI's host: `host.example.com` matches exactly
/// that host, `.example.com` hosts below it. `None` when the URI has no usable host
/// (RFC 5280: such a certificate MUST be rejected).
fn uri_matches(uri: &str, constraint: &str) -> Option<bool> {
    let host = uri_host(uri)?;
    Some(host_in(host, domain_constraint(constraint)?, false))
}

/// Whether an iPAddress constraint is an IPv4 (8 bytes) or IPv6 (32 bytes) address
/// followed by a contiguous mask (RFC 5280 §4.2.1.10, RFC 4632 CIDR).
fn valid_ip_constraint(constraint: &[u8]) -> bool {
    if constraint.len() != 8 && constraint.len() != 32 {
        return false;
    }
    let Some((_, mask)) = constraint.split_at_checked(constraint.len() / 2) else {
        return false;
    };
    let mut seen_zero = false;
    for byte in mask {
        for bit in (0..8).rev() {
            let one = (byte >> bit) & 1 == 1;
            if one && seen_zero {
                return false;
            }
            seen_zero |= !one;
        }
    }
    true
}

/// iPAddress rule: `address` (4 or 16 bytes) lies in `constraint`'s network when they
/// agree under the mask; IPv4 names never match IPv6 constraints nor the reverse, except
/// that for excluded subtrees an IPv4-mapped IPv6 name (`::ffff:a.b.c.d`) is also
/// compared as the IPv4 address it reaches. `None` for a name of the wrong length.
fn ip_matches(address: &[u8], constraint: &[u8], side: Side) -> Option<bool> {
    if address.len() != 4 && address.len() != 16 {
        return None;
    }
    if !valid_ip_constraint(constraint) {
        return None;
    }
    let (network, mask) = constraint.split_at_checked(constraint.len() / 2)?;
    let address = match (side, address.len(), network.len()) {
        (_, a, n) if a == n => address,
        (Side::Excluded, 16, 4) => match address.split_at_checked(12) {
            Some(([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], v4)) => v4,
            _ => return Some(false),
        },
        _ => return Some(false),
    };
    Some(
        address
            .iter()
            .zip(network)
            .zip(mask)
            .all(|((a, n), m)| a & m == n & m),
    )
}

// ---- display -----------------------------------------------------------------------

/// A name from a certificate, with control characters escaped so it cannot forge lines
/// in logs.
fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn show_ip(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        Ipv4Addr::from(v4).to_string()
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        Ipv6Addr::from(v6).to_string()
    } else {
        format!("#{}", hex(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_host_matches_only_that_host() {
        let p = Side::Permitted;
        assert_eq!(
            rfc822_matches("bob@example.com", "example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@EXAMPLE.Com", "example.COM", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@mail.example.com", "example.com", p),
            Some(false)
        );
        assert_eq!(
            rfc822_matches("bob@badexample.com", "example.com", p),
            Some(false)
        );
    }

    #[test]
    fn rfc822_leading_dot_matches_subdomains_only() {
        let p = Side::Permitted;
        assert_eq!(
            rfc822_matches("bob@mail.example.com", ".example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@a.b.example.com", ".example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@example.com", ".example.com", p),
            Some(false)
        );
        assert_eq!(
            rfc822_matches("bob@badexample.com", ".example.com", p),
            Some(false)
        );
    }

    #[test]
    fn rfc822_mailbox_constraint() {
        let (p, e) = (Side::Permitted, Side::Excluded);
        assert_eq!(
            rfc822_matches("bob@example.com", "bob@example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@Example.COM", "bob@example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("Bob@example.com", "bob@example.com", p),
            Some(false)
        );
        assert_eq!(
            rfc822_matches("Bob@example.com", "bob@example.com", e),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("alice@example.com", "bob@example.com", e),
            Some(false)
        );
        assert_eq!(
            rfc822_matches("bob@mail.example.com", "bob@example.com", p),
            Some(false)
        );
    }

    #[test]
    fn rfc822_malformed_names_cannot_be_evaluated() {
        let p = Side::Permitted;
        assert_eq!(rfc822_matches("example.com", "example.com", p), None);
        assert_eq!(rfc822_matches("@example.com", "example.com", p), None);
        assert_eq!(rfc822_matches("bob@", "example.com", p), None);
        assert_eq!(rfc822_matches("bob@exa mple.com", "example.com", p), None);
        // The host is after the last @, whatever a quoted local part holds.
        assert_eq!(
            rfc822_matches("\"a@evil.com\"@example.com", "example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("bob@example.com.", "example.com", p),
            Some(true)
        );
    }

    #[test]
    fn dns_label_wise_suffix() {
        let p = Side::Permitted;
        assert_eq!(dns_matches("example.com", "example.com", p), Some(true));
        assert_eq!(dns_matches("a.example.com", "example.com", p), Some(true));
        assert_eq!(dns_matches("A.B.EXAMPLE.com", "Example.COM", p), Some(true));
        assert_eq!(dns_matches("badexample.com", "example.com", p), Some(false));
        assert_eq!(
            dns_matches("example.com.evil", "example.com", p),
            Some(false)
        );
        assert_eq!(dns_matches("com", "example.com", p), Some(false));
        assert_eq!(dns_matches("example.com.", "example.com", p), Some(true));
        assert_eq!(dns_matches("anything.test", "", p), Some(true));
    }

    #[test]
    fn dns_leading_dot_matches_subdomains_only() {
        let p = Side::Permitted;
        assert_eq!(dns_matches("a.example.com", ".example.com", p), Some(true));
        assert_eq!(dns_matches("example.com", ".example.com", p), Some(false));
        assert_eq!(
            dns_matches("badexample.com", ".example.com", p),
            Some(false)
        );
    }

    #[test]
    fn dns_wildcards() {
        let (p, e) = (Side::Permitted, Side::Excluded);
        assert_eq!(dns_matches("*.example.com", "example.com", p), Some(true));
        assert_eq!(
            dns_matches("*.example.com", "www.example.com", p),
            Some(false)
        );
        assert_eq!(
            dns_matches("*.example.com", "www.example.com", e),
            Some(true)
        );
        assert_eq!(
            dns_matches("*.example.com", "a.www.example.com", e),
            Some(false)
        );
        assert_eq!(
            dns_matches("*.example.com", ".www.example.com", e),
            Some(false)
        );
        assert_eq!(dns_matches("*.example.com", "other.com", e), Some(false));
        assert_eq!(dns_matches("a.*.example.com", "example.com", p), None);
        assert_eq!(dns_matches("*", "example.com", p), None);
    }

    #[test]
    fn dns_malformed_names_cannot_be_evaluated() {
        let p = Side::Permitted;
        assert_eq!(dns_matches("", "example.com", p), None);
        assert_eq!(dns_matches("a..example.com", "example.com", p), None);
        assert_eq!(dns_matches("a b.example.com", "example.com", p), None);
        assert_eq!(dns_matches("10.0.0.1", "example.com", p), None);
        assert_eq!(dns_matches("a.0x7f", "example.com", p), None);
    }

    #[test]
    fn domain_constraints_parse() {
        assert_eq!(
            domain_constraint(".example.com"),
            Some(DomainConstraint {
                base: "example.com",
                subdomains_only: true
            })
        );
        assert_eq!(
            domain_constraint("example.com."),
            Some(DomainConstraint {
                base: "example.com",
                subdomains_only: false
            })
        );
        assert_eq!(domain_constraint(".."), None);
        assert_eq!(domain_constraint("a..b"), None);
        assert_eq!(domain_constraint("*.example.com"), None);
        assert!(valid_rfc822_constraint("bob@example.com"));
        assert!(!valid_rfc822_constraint("@example.com"));
    }

    #[test]
    fn uri_hosts() {
        assert_eq!(
            uri_host("http://www.example.com/index.html"),
            Some("www.example.com")
        );
        assert_eq!(
            uri_host("ftp://user:pw@ftp.example.com:21/x"),
            Some("ftp.example.com")
        );
        assert_eq!(uri_host("https://Example.com?q=1"), Some("Example.com"));
        assert_eq!(uri_host("https://example.com#frag"), Some("example.com"));
        assert_eq!(uri_host("urn:isbn:0451450523"), None);
        assert_eq!(uri_host("mailto:bob@example.com"), None);
        assert_eq!(uri_host("http://192.0.2.1/"), None);
        assert_eq!(uri_host("http://[2001:db8::1]/"), None);
        assert_eq!(uri_host("http:///path"), None);
        assert_eq!(uri_host("http://evil.com\\@example.com/"), None);
        assert_eq!(uri_host("http://example.com:x/"), None);
        assert_eq!(uri_host("//example.com/"), None);
    }

    #[test]
    fn uri_constraint_host_and_domain() {
        let uri = "http://host.example.com/x";
        assert_eq!(uri_matches(uri, "host.example.com"), Some(true));
        assert_eq!(uri_matches(uri, "HOST.example.com"), Some(true));
        assert_eq!(uri_matches(uri, "example.com"), Some(false));
        assert_eq!(uri_matches(uri, ".example.com"), Some(true));
        assert_eq!(
            uri_matches("http://example.com/", ".example.com"),
            Some(false)
        );
        assert_eq!(
            uri_matches("http://badexample.com/", ".example.com"),
            Some(false)
        );
        assert_eq!(uri_matches("urn:x:y", ".example.com"), None);
    }

    #[test]
    fn ip_constraints() {
        let p = Side::Permitted;
        let net10 = [10, 0, 0, 0, 255, 0, 0, 0];
        assert_eq!(ip_matches(&[10, 1, 2, 3], &net10, p), Some(true));
        assert_eq!(ip_matches(&[11, 1, 2, 3], &net10, p), Some(false));
        let host = [192, 0, 2, 7, 255, 255, 255, 255];
        assert_eq!(ip_matches(&[192, 0, 2, 7], &host, p), Some(true));
        assert_eq!(ip_matches(&[192, 0, 2, 8], &host, p), Some(false));
        let mut v6 = [0u8; 32];
        v6[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        v6[16..20].copy_from_slice(&[0xff; 4]);
        let mut inside = [0u8; 16];
        inside[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        inside[15] = 1;
        assert_eq!(ip_matches(&inside, &v6, p), Some(true));
        inside[3] = 0xb9;
        assert_eq!(ip_matches(&inside, &v6, p), Some(false));
        // Families never mix for permitted subtrees.
        assert_eq!(ip_matches(&[10, 1, 2, 3], &v6, p), Some(false));
        assert_eq!(ip_matches(&inside, &net10, p), Some(false));
        // Wrong name lengths cannot be evaluated.
        assert_eq!(ip_matches(&[10, 1, 2], &net10, p), None);
    }

    #[test]
    fn ipv4_mapped_names_hit_excluded_ipv4_networks() {
        let net10 = [10, 0, 0, 0, 255, 0, 0, 0];
        let mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3];
        assert_eq!(ip_matches(&mapped, &net10, Side::Excluded), Some(true));
        assert_eq!(ip_matches(&mapped, &net10, Side::Permitted), Some(false));
    }

    #[test]
    fn ip_constraint_shapes() {
        assert!(valid_ip_constraint(&[10, 0, 0, 0, 255, 255, 0, 0]));
        assert!(valid_ip_constraint(&[0, 0, 0, 0, 0, 0, 0, 0]));
        assert!(valid_ip_constraint(&[10, 0, 0, 0, 255, 255, 255, 254]));
        assert!(!valid_ip_constraint(&[10, 0, 0, 0, 255, 0, 255, 0]));
        assert!(!valid_ip_constraint(&[10, 0, 0, 0, 0b1011_0000, 0, 0, 0]));
        assert!(!valid_ip_constraint(&[10, 0, 0, 0]));
        assert!(!valid_ip_constraint(&[10, 0, 0, 0, 255, 0, 0, 0, 0]));
        let mut v6 = [0u8; 32];
        v6[16] = 0xff;
        assert!(valid_ip_constraint(&v6));
        v6[31] = 1;
        assert!(!valid_ip_constraint(&v6));
        assert_eq!(
            ip_matches(
                &[10, 1, 2, 3],
                &[10, 0, 0, 0, 255, 0, 255, 0],
                Side::Permitted
            ),
            None
        );
    }

    #[test]
    fn names_are_shown_safely() {
        assert_eq!(shown("a\nb"), "a\\nb");
        assert_eq!(show_ip(&[192, 0, 2, 1]), "192.0.2.1");
        assert_eq!(show_ip(&[1, 2, 3]), "#010203");
    }

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
    fn malformed_ip_constraint_is_an_error() {
        for bad in [&[10, 0, 0, 0, 255, 0, 255, 0][..], &[10, 0, 0, 0, 255][..]] {
            let ca = make("CA", None, vec![], Some(name_constraints(&[ip(bad)], &[])));
            assert!(matches!(
                state_after(&[ca]),
                Err(Error::ExtensionMalformed { ref oid, .. }) if oid == "2.5.29.30"
            ));
        }
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

    // ---- NIST PKITS 4.13 ----------------------------------------------------------

    fn pkits_dir() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pkits")
    }

    /// Runs name-constraint processing alone over a PKITS path (anchor excluded),
    /// anchor-issued certificate first, as the path validator calls it.
    fn run_path(ders: &[Vec<u8>]) -> Result<(), Error> {
        let certificates: Vec<Certificate<'_>> = ders
            .iter()
            .map(|der| Certificate::from_der(der).unwrap())
            .collect();
        let n = certificates.len();
        let mut state = NameConstraintsState::new();
        for (i, certificate) in certificates.iter().enumerate() {
            let depth = n - 1 - i;
            let last = i + 1 == n;
            let self_issued = ComparableName::of(certificate.issuer())
                == ComparableName::of(certificate.subject());
            if !self_issued || last {
                state.check(certificate, depth)?;
            }
            if !last {
                state.update(certificate, depth)?;
            }
        }
        Ok(())
    }

    #[test]
    fn pkits_4_13_name_constraints() {
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(pkits_dir().join("manifest.json")).unwrap())
                .unwrap();
        let mut cases = 0;
        let mut mismatches = Vec::new();
        for test in manifest["tests"].as_array().unwrap() {
            let id = test["id"].as_str().unwrap();
            if !id.starts_with("4.13.") {
                continue;
            }
            cases += 1;
            let chain = test.get("path").unwrap_or(&test["chain"]);
            let ders: Vec<Vec<u8>> = chain
                .as_array()
                .unwrap()
                .iter()
                .skip(1)
                .map(|file| {
                    std::fs::read(pkits_dir().join("certs").join(file.as_str().unwrap())).unwrap()
                })
                .collect();
            let expect_valid = test["expect_valid"].as_bool().unwrap();
            let outcome = run_path(&ders);
            // Every invalid 4.13 case fails on the end entity's names.
            let as_expected = match &outcome {
                Ok(()) => expect_valid,
                Err(Error::NameConstraintViolation { depth: 0, .. })
                | Err(Error::NameConstraintUnsupported { depth: 0, .. }) => !expect_valid,
                Err(_) => false,
            };
            if !as_expected {
                mismatches.push(format!("{id} expect_valid={expect_valid}: {outcome:?}"));
            }
        }
        assert_eq!(cases, 38);
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
}
