//! RFC 5280 §6.1 name constraints: the permitted and excluded subtrees that CA
//! certificates impose (§4.2.1.10), carried along one path (§6.1.2 (b), (c)), folded in
//! at each CA (§6.1.4 (g)) and checked against each certificate's names (§6.1.3 (b), (c)).
//!
//! Forms evaluated: directoryName, rfc822Name (also against `emailAddress` attributes
//! of the subject when the certificate has no rfc822Name alternative name), dNSName,
//! iPAddress and uniformResourceIdentifier. A name of any other form (otherName,
//! x400Address, ediPartyName, registeredID, or a name that does not decode) fails closed
//! when constraints of its form are in force, and is ignored otherwise; so does a
//! subject name that is malformed (a string that does not decode, an emailAddress that
//! is not a mailbox). The certificate view has already refused malformed constraint
//! values and alternative names (`cert::profile`), so nothing here guesses at them.
//!
//! Permitted subtrees are kept as one group per CA and form rather than as a computed
//! intersection: a name must lie in some subtree of every group of its form, which is
//! exactly membership of the intersection (an empty intersection then admits nothing).
//! Excluded subtrees are a plain union.
//!
//! One file per name form: [`directory_name`], [`rfc822`], [`dns`], [`uri`], [`ip`];
//! [`state`] carries the subtrees along the path and checks each certificate.

mod directory_name;
mod dns;
mod ip;
mod rfc822;
mod state;
mod uri;

pub(crate) use state::NameConstraintsState;

use crate::message_text::{hex, shown};

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

/// Which kind of subtree a name is compared with. Where a name's meaning is ambiguous
/// (wildcards, case of a mailbox local part, IPv4-mapped IPv6), the comparison is
/// generous for excluded subtrees and strict for permitted ones, so doubt never helps a
/// certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Permitted,
    Excluded,
}

#[cfg(test)]
mod tests {
    use super::ip::show_ip;
    use super::*;

    #[test]
    fn names_are_shown_safely() {
        assert_eq!(shown("a\nb"), "a\\nb");
        assert_eq!(show_ip(&[192, 0, 2, 1]), "192.0.2.1");
        assert_eq!(show_ip(&[1, 2, 3]), "#010203");
    }
}
