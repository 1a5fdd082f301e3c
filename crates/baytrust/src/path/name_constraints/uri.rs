//! uniformResourceIdentifier constraints (RFC 5280 §4.2.1.10): on the URI's host,
//! a constraint being a host or, with a leading period, a domain.

use super::dns::{domain_constraint, host_in, trim_root};
use crate::cert::name_syntax::{check_host_name, Wildcard};

/// The host of a URI with an authority (`scheme://[userinfo@]host[:port]…`), or `None`
/// when it has none, the host is an IP literal or not a host name (underscores, which
/// URLs do carry, allowed), or the authority holds a backslash (which URL parsers read
/// as a path separator).
pub(super) fn uri_host(uri: &str) -> Option<&str> {
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
    // Underscores occur in real URL hosts; compare them as the letters they stand for.
    let ldh: String = host.replace('_', "a");
    check_host_name(&ldh, Wildcard::Refused)
        .is_ok()
        .then_some(host)
}

/// uniformResourceIdentifier rule, on the URI's host: `host.example.com` matches exactly
/// that host, `.example.com` hosts below it. `None` when the URI has no usable host
/// (RFC 5280: such a certificate MUST be rejected).
pub(super) fn uri_matches(uri: &str, constraint: &str) -> Option<bool> {
    let host = uri_host(uri)?;
    Some(host_in(host, domain_constraint(constraint)?, false))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(uri_host("https://example.com./"), Some("example.com"));
        assert_eq!(
            uri_host("https://a_b.example.com/"),
            Some("a_b.example.com")
        );
        assert_eq!(uri_host("urn:isbn:0451450523"), None);
        assert_eq!(uri_host("mailto:bob@example.com"), None);
        assert_eq!(uri_host("http://192.0.2.1/"), None);
        assert_eq!(uri_host("http://a.0x7f/"), None);
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
}
