//! The syntax of the names certificates carry as text: host names in the preferred
//! name syntax (RFC 1034 §3.5 as relaxed by RFC 1123 §2.1), with a whole-label wildcard
//! where a subjectAltName may hold one, and mailboxes (RFC 5321 §4.1.2), as RFC 5280
//! §4.2.1.6 requires of dNSName and rfc822Name. Used when a certificate is read and
//! when name constraints are read and matched, so both agree on what a name is.

/// Longest host name in text form, without a root dot (RFC 1035 §2.3.4: 255 octets on
/// the wire, 253 characters in text).
const MAX_HOST_LEN: usize = 253;
/// Longest label (RFC 1035 §2.3.4).
const MAX_LABEL_LEN: usize = 63;
/// Longest mailbox local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL_PART_LEN: usize = 64;

/// Whether a leftmost `*` label is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wildcard {
    /// A subjectAltName dNSName: `*` as the whole leftmost label, with at least two
    /// labels after it (`*.example.com`, not `*.com`, `f*.example.com` or
    /// `*.*.example.com`), as RFC 6125 §6.4.3 and the CA/Browser Forum allow.
    Leftmost,
    /// A name constraint, a mailbox domain or a URI host: no wildcard at all.
    Refused,
}

/// Checks `host` against the preferred name syntax: labels of ASCII letters, digits
/// and hyphens, neither starting nor ending with a hyphen, 1–63 characters each and
/// 253 in all, no root dot, and a last label that is not a number, decimal or `0x`
/// hex (RFC 1123 §2.1: the top-level label is alphabetic, so `10.0.0.1` is an address,
/// not a host, and URL parsers read `a.0x7f` as one too).
/// `Err` says which rule breaks.
pub(crate) fn check_host_name(host: &str, wildcard: Wildcard) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("it is empty");
    }
    if host.len() > MAX_HOST_LEN {
        return Err("it is longer than 253 characters");
    }
    if host.ends_with('.') {
        return Err("it ends with a dot");
    }
    let mut labels = host.split('.');
    let first = labels.next().unwrap_or_default();
    let rest: Vec<&str> = labels.collect();
    if first.contains('*') {
        if wildcard == Wildcard::Refused {
            return Err("it holds a wildcard");
        }
        if first != "*" {
            return Err("a wildcard is not the whole leftmost label");
        }
        if rest.len() < 2 {
            return Err("a wildcard needs at least two labels after it");
        }
    } else {
        check_label(first)?;
    }
    for label in &rest {
        check_label(label)?;
    }
    let last = rest.last().copied().unwrap_or(first);
    let hex_number = last
        .get(..2)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("0x"))
        && last.bytes().skip(2).all(|b| b.is_ascii_hexdigit());
    if hex_number || last.bytes().all(|b| b.is_ascii_digit()) {
        return Err("its last label is numeric");
    }
    Ok(())
}

fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("a label is empty");
    }
    if label.len() > MAX_LABEL_LEN {
        return Err("a label is longer than 63 characters");
    }
    if label.contains('*') {
        return Err("a wildcard is not the whole leftmost label");
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err("a label holds a character other than a letter, digit or hyphen");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("a label starts or ends with a hyphen");
    }
    Ok(())
}

/// A mailbox split into its local part (as written, quotes kept) and its domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mailbox<'m> {
    /// The local part: a dot-string or a quoted string.
    pub(crate) local: &'m str,
    /// The domain after the `@` that ends the local part.
    pub(crate) domain: &'m str,
}

/// Reads a mailbox as RFC 5321 §4.1.2 defines it: `Local-part "@" Domain`, the local
/// part a dot-string of atoms (`atext`, RFC 5322 §3.2.3) or a quoted string, at most 64
/// characters, the domain a host name ([`check_host_name`], no wildcard). The `@` that
/// separates is the one ending the local part, so `a@b@c` is refused rather than split
/// at its last `@`. Address literals (`bob@[192.0.2.1]`) are refused.
pub(crate) fn parse_mailbox(text: &str) -> Result<Mailbox<'_>, &'static str> {
    let local_len = if text.starts_with('"') {
        quoted_string_len(text)
            .ok_or("its quoted local part is not closed or holds a bad character")?
    } else {
        text.find('@').ok_or("it has no @")?
    };
    let (local, rest) = text.split_at_checked(local_len).ok_or("it has no @")?;
    let domain = rest
        .strip_prefix('@')
        .ok_or("its local part is not followed by @")?;
    if local.is_empty() {
        return Err("its local part is empty");
    }
    if local.len() > MAX_LOCAL_PART_LEN {
        return Err("its local part is longer than 64 characters");
    }
    if !local.starts_with('"') && !is_dot_string(local) {
        return Err("its local part is not a dot-string of atoms");
    }
    if domain.starts_with('[') {
        return Err("its domain is an address literal");
    }
    check_host_name(domain, Wildcard::Refused).map_err(|_| "its domain is not a host name")?;
    Ok(Mailbox { local, domain })
}

/// `Dot-string = Atom *("." Atom)`, `Atom = 1*atext`.
fn is_dot_string(local: &str) -> bool {
    local.split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b))
    })
}

/// The length of the quoted string at the start of `text`, closing quote included
/// (`qtextSMTP` and `quoted-pairSMTP` of RFC 5321 §4.1.2), or `None` when it is not
/// closed or holds a character outside them.
fn quoted_string_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return i.checked_add(1),
            b'\\' => {
                let escaped = *bytes.get(i.checked_add(1)?)?;
                if !(32..=126).contains(&escaped) {
                    return None;
                }
                i = i.checked_add(2)?;
            }
            32..=126 => i = i.checked_add(1)?,
            _ => return None,
        }
    }
    None
}

/// Whether an iPAddress constraint is an IPv4 (8 bytes) or IPv6 (32 bytes) address
/// followed by a contiguous mask (RFC 5280 §4.2.1.10, RFC 4632 CIDR).
pub(crate) fn valid_ip_constraint(constraint: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_follow_the_preferred_name_syntax() {
        let ok = |h: &str| check_host_name(h, Wildcard::Refused);
        assert_eq!(ok("example.com"), Ok(()));
        assert_eq!(ok("a-b.3com.example"), Ok(()));
        assert_eq!(ok("xn--fiqs8s.example"), Ok(()));
        assert_eq!(ok("localhost"), Ok(()));
        assert_eq!(
            ok("foo_bar.example.com"),
            Err("a label holds a character other than a letter, digit or hyphen")
        );
        assert_eq!(ok("example.com."), Err("it ends with a dot"));
        assert_eq!(ok("a..b"), Err("a label is empty"));
        assert_eq!(ok(".example.com"), Err("a label is empty"));
        assert_eq!(
            ok("-a.example"),
            Err("a label starts or ends with a hyphen")
        );
        assert_eq!(
            ok("xn--.example"),
            Err("a label starts or ends with a hyphen")
        );
        assert_eq!(ok("10.0.0.1"), Err("its last label is numeric"));
        assert_eq!(ok("a.0x7f"), Err("its last label is numeric"));
        assert_eq!(ok(""), Err("it is empty"));
        assert_eq!(
            ok(&"a".repeat(64)),
            Err("a label is longer than 63 characters")
        );
        assert_eq!(ok("*.example.com"), Err("it holds a wildcard"));
    }

    #[test]
    fn san_wildcards_are_whole_leftmost_labels_over_two_labels() {
        let san = |h: &str| check_host_name(h, Wildcard::Leftmost);
        assert_eq!(san("*.example.com"), Ok(()));
        assert_eq!(
            san("*.com"),
            Err("a wildcard needs at least two labels after it")
        );
        assert_eq!(
            san("f*.example.com"),
            Err("a wildcard is not the whole leftmost label")
        );
        assert_eq!(
            san("*.*.example.com"),
            Err("a wildcard is not the whole leftmost label")
        );
        assert_eq!(
            san("a.*.example.com"),
            Err("a wildcard is not the whole leftmost label")
        );
        assert_eq!(
            san("*"),
            Err("a wildcard needs at least two labels after it")
        );
    }

    #[test]
    fn mailboxes_end_their_local_part_at_the_first_unquoted_at() {
        assert_eq!(
            parse_mailbox("bob@example.com"),
            Ok(Mailbox {
                local: "bob",
                domain: "example.com"
            })
        );
        assert_eq!(
            parse_mailbox("\"a@evil.com\"@example.com"),
            Ok(Mailbox {
                local: "\"a@evil.com\"",
                domain: "example.com"
            })
        );
        assert_eq!(
            parse_mailbox("a@b@c.example"),
            Err("its domain is not a host name")
        );
        assert_eq!(
            parse_mailbox("@example.com"),
            Err("its local part is empty")
        );
        assert_eq!(parse_mailbox("bob"), Err("it has no @"));
        assert_eq!(parse_mailbox("bob@"), Err("its domain is not a host name"));
        assert_eq!(
            parse_mailbox("bob@example.com."),
            Err("its domain is not a host name")
        );
        assert_eq!(
            parse_mailbox("a..b@example.com"),
            Err("its local part is not a dot-string of atoms")
        );
        assert_eq!(
            parse_mailbox("a b@example.com"),
            Err("its local part is not a dot-string of atoms")
        );
        assert_eq!(
            parse_mailbox("bob@[192.0.2.1]"),
            Err("its domain is an address literal")
        );
        assert_eq!(
            parse_mailbox("\"bob@example.com"),
            Err("its quoted local part is not closed or holds a bad character")
        );
        assert_eq!(
            parse_mailbox("\"bob\"x@example.com"),
            Err("its local part is not followed by @")
        );
        assert_eq!(
            parse_mailbox(&format!("{}@example.com", "a".repeat(65))),
            Err("its local part is longer than 64 characters")
        );
    }
}
