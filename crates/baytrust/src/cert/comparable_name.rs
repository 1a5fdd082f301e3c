//! `ComparableName`: a distinguished name prepared for comparison as RFC 5280 §7.1
//! asks (RFC 4518 string preparation, simplified to what deployed names need): string
//! values of any DirectoryString type compare by their text, case-insensitively, with
//! leading, trailing and repeated inner white space ignored; multi-valued RDNs compare
//! as sets. Used for issuer–subject chaining and directoryName name constraints.

use x509_parser::x509::X509Name;

use super::name::attribute_text;

/// One attribute value, prepared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum PreparedValue {
    /// A string value: case-folded, white space collapsed.
    Text(String),
    /// A value that is not a string: compared by its tag and content bytes.
    Binary(u32, Vec<u8>),
}

/// One attribute of an RDN: its type OID (DER content bytes, compared as bytes) and
/// prepared value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct PreparedAttribute {
    attribute_type: Vec<u8>,
    value: PreparedValue,
}

/// A distinguished name in comparable form. Two names are equal when RFC 5280 §7.1
/// says they match.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ComparableName {
    /// RDNs in name order; each RDN's attributes sorted, so order within an RDN is
    /// insignificant.
    rdns: Vec<Vec<PreparedAttribute>>,
}

impl ComparableName {
    /// Prepares `name` for comparison.
    pub fn of(name: &X509Name<'_>) -> Self {
        let rdns = name
            .iter_rdn()
            .map(|rdn| {
                let mut attributes: Vec<PreparedAttribute> = rdn
                    .iter()
                    .map(|attribute| {
                        let attribute_type = attribute.attr_type().as_bytes().to_vec();
                        // attribute_text uses the OID only to name it in its error,
                        // which a binary value below does not need.
                        let value = match attribute_text(attribute.attr_value(), "") {
                            Ok(text) => PreparedValue::Text(prepare(&text)),
                            Err(_) => PreparedValue::Binary(
                                attribute.attr_value().tag().0,
                                attribute.attr_value().data.to_vec(),
                            ),
                        };
                        PreparedAttribute {
                            attribute_type,
                            value,
                        }
                    })
                    .collect();
                attributes.sort();
                attributes
            })
            .collect();
        Self { rdns }
    }

    /// Whether the name has no RDNs (an empty subject, RFC 5280 §4.1.2.6).
    pub fn is_empty(&self) -> bool {
        self.rdns.is_empty()
    }

    /// Whether `self` lies within the subtree rooted at `base`: `base`'s RDNs are a
    /// prefix of `self`'s (RFC 5280 §4.2.1.10, directoryName).
    pub fn is_within(&self, base: &ComparableName) -> bool {
        base.rdns.len() <= self.rdns.len() && self.rdns.iter().zip(&base.rdns).all(|(a, b)| a == b)
    }
}

/// Case-folds and collapses white space (RFC 4518 §2.3 "Map", §2.6.1 "Insignificant
/// Space Handling").
fn prepare(text: &str) -> String {
    if text.is_ascii() {
        return prepare_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// [`prepare`] for ASCII text (nearly every deployed name), byte by byte: the same
/// white space (`char::is_whitespace` of an ASCII byte) and the same lower case.
fn prepare_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for byte in text.bytes() {
        if matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(char::from(byte.to_ascii_lowercase()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_preparation_is_the_general_one() {
        let samples = [
            "  Harbour   Logistics\tLimited ",
            "A\u{0b}B\u{0c}C\r\nD",
            "",
            "   ",
            "MiXeD CaSe 123 !@#",
            "x",
        ];
        for sample in samples {
            let general: String = sample
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(prepare_ascii(sample), general, "{sample:?}");
        }
        for byte in 0u8..0x80 {
            let text = format!("a{}b", char::from(byte));
            let general: String = text
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(prepare_ascii(&text), general, "byte {byte:#x}");
        }
    }
    use x509_parser::prelude::FromDer;

    /// DER of a Name with one RDN `O=<value>`, the value with the given string tag.
    fn name_der(tag: u8, value: &[u8]) -> Vec<u8> {
        let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x0a, tag, value.len() as u8];
        atv.extend(value);
        let mut set = vec![0x30, atv.len() as u8];
        set.extend(atv);
        let mut rdn = vec![0x31, set.len() as u8];
        rdn.extend(set);
        let mut name = vec![0x30, rdn.len() as u8];
        name.extend(rdn);
        name
    }

    fn comparable(der: &[u8]) -> ComparableName {
        ComparableName::of(&X509Name::from_der(der).unwrap().1)
    }

    #[test]
    fn case_and_white_space_are_insignificant() {
        let a = comparable(&name_der(0x13, b"Test  Certificates 2011"));
        let b = comparable(&name_der(0x0c, b" test certificates 2011 "));
        assert_eq!(a, b);
    }

    #[test]
    fn printable_and_utf8_strings_of_the_same_text_match() {
        assert_eq!(
            comparable(&name_der(0x13, b"Good CA")),
            comparable(&name_der(0x0c, b"Good CA"))
        );
    }

    #[test]
    fn different_text_does_not_match() {
        assert_ne!(
            comparable(&name_der(0x13, b"Good CA")),
            comparable(&name_der(0x13, b"Bad CA"))
        );
    }

    #[test]
    fn subtree_is_a_prefix_of_rdns() {
        let base = comparable(&name_der(0x13, b"Good CA"));
        assert!(base.is_within(&base));
        assert!(base.is_within(&ComparableName::default()));
        assert!(!ComparableName::default().is_within(&base));
    }
}
