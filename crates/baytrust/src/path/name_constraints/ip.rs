//! iPAddress constraints (RFC 5280 §4.2.1.10): an address and mask.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{hex, Side};
use crate::cert::name_syntax::valid_ip_constraint;

/// iPAddress rule: `address` (4 or 16 bytes) lies in `constraint`'s network when they
/// agree under the mask; IPv4 names never match IPv6 constraints nor the reverse, except
/// that for excluded subtrees an IPv4-mapped IPv6 name (`::ffff:a.b.c.d`) is also
/// compared as the IPv4 address it reaches. `None` for a name of the wrong length.
pub(super) fn ip_matches(address: &[u8], constraint: &[u8], side: Side) -> Option<bool> {
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

/// An iPAddress name for messages: dotted or colon form, hex when of a wrong length.
pub(super) fn show_ip(bytes: &[u8]) -> String {
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
}
