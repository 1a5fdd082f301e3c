//! rfc822Name constraints (RFC 5280 §4.2.1.10), and the subject's emailAddress
//! attributes they also apply to.

use x509_parser::x509::X509Name;

use super::dns::{domain_constraint, host_in, label_suffix};
use super::{shown, Side};
use crate::cert::attribute_text;
use crate::cert::name_syntax::parse_mailbox;
use crate::oid::EMAIL_ADDRESS;

/// rfc822Name rule: a constraint `local@host` is that mailbox, `host` every mailbox at
/// exactly that host, `.domain` every mailbox at a host below the domain. Hosts compare
/// case-insensitively; the local part exactly for permitted subtrees and
/// case-insensitively for excluded ones. The mailbox is read as RFC 5321 §4.1.2 says
/// (the `@` that ends the local part separates, so `a@b@c` is no mailbox). `None` when
/// `mailbox` is not a mailbox or the constraint is malformed.
pub(super) fn rfc822_matches(mailbox: &str, constraint: &str, side: Side) -> Option<bool> {
    let mailbox = parse_mailbox(mailbox).ok()?;
    if constraint.contains('@') || constraint.starts_with('"') {
        let constraint = parse_mailbox(constraint).ok()?;
        let same_local = match side {
            Side::Permitted => mailbox.local == constraint.local,
            Side::Excluded => mailbox.local.eq_ignore_ascii_case(constraint.local),
        };
        return Some(same_local && label_suffix(mailbox.domain, constraint.domain) == Some(0));
    }
    Some(host_in(
        mailbox.domain,
        domain_constraint(constraint)?,
        false,
    ))
}

/// One emailAddress attribute of the subject: the mailbox, or why it is none; and how
/// to show it.
pub(super) struct SubjectEmail {
    pub(super) mailbox: Result<String, String>,
    pub(super) shown: String,
}

/// The subject's emailAddress attribute values, in name order, each checked to be a
/// mailbox.
pub(super) fn subject_emails(subject: &X509Name<'_>) -> Vec<SubjectEmail> {
    subject
        .iter_rdn()
        .flat_map(|rdn| rdn.iter())
        .filter(|attribute| attribute.attr_type().to_id_string() == EMAIL_ADDRESS)
        .map(
            |attribute| match attribute_text(attribute.attr_value(), EMAIL_ADDRESS) {
                Ok(text) => SubjectEmail {
                    shown: format!("rfc822Name {} (subject emailAddress)", shown(&text)),
                    mailbox: match parse_mailbox(&text) {
                        Ok(_) => Ok(text),
                        Err(reason) => Err(format!("it is not a mailbox: {reason}")),
                    },
                },
                Err(error) => SubjectEmail {
                    shown: "rfc822Name <undecodable subject emailAddress>".to_owned(),
                    mailbox: Err(error.to_string()),
                },
            },
        )
        .collect()
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
        assert_eq!(rfc822_matches("bob@example.com.", "example.com", p), None);
        // `a@b@c` is no mailbox: not read as a mailbox at the host after the last @.
        assert_eq!(
            rfc822_matches("a@evil.com@example.com", "example.com", p),
            None
        );
        assert_eq!(
            rfc822_matches("bob@example.com", "a@b@example.com", Side::Excluded),
            None
        );
        // A quoted local part may hold an @; the host is after the quotes.
        assert_eq!(
            rfc822_matches("\"a@evil.com\"@example.com", "example.com", p),
            Some(true)
        );
        assert_eq!(
            rfc822_matches("\"a@evil.com\"@example.com", "evil.com", p),
            Some(false)
        );
    }
}
