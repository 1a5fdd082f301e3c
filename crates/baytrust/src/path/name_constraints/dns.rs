//! dNSName constraints (RFC 5280 §4.2.1.10), and the host and domain helpers the
//! other domain-based forms (rfc822Name hosts, URI hosts) share.

use super::Side;
use crate::cert::name_syntax::{check_host_name, Wildcard};

/// A host name without its root dot (`example.com.` is `example.com`); for URI hosts,
/// where a root dot is legitimate.
pub(super) fn trim_root(host: &str) -> &str {
    host.strip_suffix('.').unwrap_or(host)
}

/// When `name`'s labels end with all of `suffix`'s labels (ASCII case-insensitive), how
/// many labels `name` has beyond them.
pub(super) fn label_suffix(name: &str, suffix: &str) -> Option<usize> {
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
pub(super) struct DomainConstraint<'c> {
    pub(super) base: &'c str,
    pub(super) subdomains_only: bool,
}

/// Reads a uniformResourceIdentifier or rfc822Name host constraint: `host`, `.domain`,
/// or empty (every host). `None` when malformed (which the certificate view already
/// refuses: [`crate::Error::NameConstraintValueMalformed`]).
pub(super) fn domain_constraint(constraint: &str) -> Option<DomainConstraint<'_>> {
    let (subdomains_only, base) = match constraint.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, constraint),
    };
    if constraint.is_empty() {
        return Some(DomainConstraint {
            base,
            subdomains_only,
        });
    }
    check_host_name(base, Wildcard::Refused)
        .is_ok()
        .then_some(DomainConstraint {
            base,
            subdomains_only,
        })
}

/// Reads a dNSName constraint: a host name (every host at or below it) or empty (every
/// host). A leading period or a wildcard is malformed: `None`.
pub(super) fn dns_constraint(constraint: &str) -> Option<DomainConstraint<'_>> {
    if constraint.starts_with('.') {
        return None;
    }
    domain_constraint(constraint)
}

/// Whether `host` lies in `constraint` where a bare host means exactly that host
/// (rfc822Name and URI rules) or that host and everything below it (`dns_rule`).
pub(super) fn host_in(host: &str, constraint: DomainConstraint<'_>, dns_rule: bool) -> bool {
    if constraint.base.is_empty() {
        return true;
    }
    match label_suffix(host, constraint.base) {
        Some(extra) if constraint.subdomains_only => extra > 0,
        Some(extra) => dns_rule || extra == 0,
        None => false,
    }
}

/// dNSName rule: `example.com` matches it and every host below it, label-wise (so not
/// `badexample.com`). For excluded subtrees a wildcard `*.example.com` also matches a
/// constraint `x.example.com` it could stand for. `None` when `host` is not a host
/// name in the preferred name syntax or the constraint is malformed.
pub(super) fn dns_matches(host: &str, constraint: &str, side: Side) -> Option<bool> {
    let constraint = dns_constraint(constraint)?;
    check_host_name(host, Wildcard::Leftmost).ok()?;
    if host_in(host, constraint, true) {
        return Some(true);
    }
    if side == Side::Excluded {
        if let Some(parent) = host.strip_prefix("*.") {
            return Some(label_suffix(constraint.base, parent) == Some(1));
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(dns_matches("anything.test", "", p), Some(true));
    }

    #[test]
    fn dns_constraints_with_a_leading_period_or_wildcard_are_not_evaluated() {
        let p = Side::Permitted;
        assert_eq!(dns_matches("a.example.com", ".example.com", p), None);
        assert_eq!(dns_matches("a.example.com", "*.example.com", p), None);
        assert_eq!(dns_matches("a.example.com", "example.com.", p), None);
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
        assert_eq!(dns_matches("foo_bar.example.com", "example.com", p), None);
        assert_eq!(dns_matches("example.com.", "example.com", p), None);
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
            domain_constraint("example.com"),
            Some(DomainConstraint {
                base: "example.com",
                subdomains_only: false
            })
        );
        assert_eq!(domain_constraint("example.com."), None);
        assert_eq!(domain_constraint(".."), None);
        assert_eq!(domain_constraint("."), None);
        assert_eq!(domain_constraint("a..b"), None);
        assert_eq!(domain_constraint("*.example.com"), None);
        assert_eq!(dns_constraint(".example.com"), None);
    }
}
