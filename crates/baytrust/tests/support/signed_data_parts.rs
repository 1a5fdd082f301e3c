//! DER surgery on a CMS SignedData for tests: split a DER `ContentInfo` into the
//! SignedData's fields, change them (copy signers, add certificates, edit a SignerInfo
//! or its signed attributes), and put it back together. Test-only: panics on input it
//! does not expect.

#![allow(dead_code)]

/// One DER TLV: its tag byte and content octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tlv {
    pub tag: u8,
    pub content: Vec<u8>,
}

impl Tlv {
    pub fn encode(&self) -> Vec<u8> {
        tlv(self.tag, &self.content)
    }
}

/// Encodes a DER TLV (single-byte tag, definite length).
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// Splits DER into its consecutive TLVs.
pub fn tlvs(mut input: &[u8]) -> Vec<Tlv> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let tag = input[0];
        let first = input[1];
        let (len, header) = if first < 0x80 {
            (first as usize, 2)
        } else {
            let n = (first & 0x7f) as usize;
            let len = input[2..2 + n]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | *b as usize);
            (len, 2 + n)
        };
        out.push(Tlv {
            tag,
            content: input[header..header + len].to_vec(),
        });
        input = &input[header + len..];
    }
    out
}

/// The one TLV `input` holds.
pub fn single(input: &[u8]) -> Tlv {
    let mut all = tlvs(input);
    assert_eq!(all.len(), 1, "expected exactly one TLV");
    all.remove(0)
}

/// The DER of an OBJECT IDENTIFIER (X.690 §8.19), by hand so that this file needs no
/// crate but the standard library.
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|arc| arc.parse().unwrap()).collect();
    let mut content = Vec::new();
    let first = arcs[0] * 40 + arcs[1];
    for arc in std::iter::once(first).chain(arcs[2..].iter().copied()) {
        let mut groups = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            groups.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        content.extend(groups.iter().rev());
    }
    tlv(0x06, &content)
}

/// A ContentInfo holding a SignedData, in pieces.
#[derive(Debug, Clone)]
pub struct SignedDataParts {
    /// The ContentInfo's contentType OID TLV.
    pub content_type: Vec<u8>,
    pub version: Vec<u8>,
    /// The `digestAlgorithms` SET TLV.
    pub digest_algorithms: Vec<u8>,
    /// The `encapContentInfo` SEQUENCE TLV.
    pub encap_content_info: Vec<u8>,
    /// Each certificate's TLV.
    pub certificates: Vec<Vec<u8>>,
    /// Each RevocationInfoChoice's TLV (`crls [1]`).
    pub crls: Vec<Vec<u8>>,
    /// Each SignerInfo's TLV.
    pub signer_infos: Vec<Vec<u8>>,
}

impl SignedDataParts {
    /// Splits a DER ContentInfo.
    pub fn parse(der: &[u8]) -> Self {
        let content_info = single(der);
        assert_eq!(content_info.tag, 0x30);
        let [content_type, explicit] = <[Tlv; 2]>::try_from(tlvs(&content_info.content)).unwrap();
        let signed_data = single(&explicit.content);
        let fields = tlvs(&signed_data.content);
        let mut parts = Self {
            content_type: content_type.encode(),
            version: fields[0].encode(),
            digest_algorithms: fields[1].encode(),
            encap_content_info: fields[2].encode(),
            certificates: Vec::new(),
            crls: Vec::new(),
            signer_infos: Vec::new(),
        };
        for field in &fields[3..] {
            match field.tag {
                0xa0 => parts.certificates = tlvs(&field.content).iter().map(Tlv::encode).collect(),
                0xa1 => parts.crls = tlvs(&field.content).iter().map(Tlv::encode).collect(),
                0x31 => parts.signer_infos = tlvs(&field.content).iter().map(Tlv::encode).collect(),
                other => panic!("unexpected SignedData field tag {other:#x}"),
            }
        }
        parts
    }

    /// Puts the ContentInfo back together (certificates and CRLs omitted when there are
    /// none; CRLs in the order given, which DER SET OF does not check here).
    pub fn encode(&self) -> Vec<u8> {
        let mut signed_data = Vec::new();
        signed_data.extend(&self.version);
        signed_data.extend(&self.digest_algorithms);
        signed_data.extend(&self.encap_content_info);
        if !self.certificates.is_empty() {
            signed_data.extend(tlv(0xa0, &self.certificates.concat()));
        }
        if !self.crls.is_empty() {
            signed_data.extend(tlv(0xa1, &self.crls.concat()));
        }
        signed_data.extend(tlv(0x31, &self.signer_infos.concat()));
        let explicit = tlv(0xa0, &tlv(0x30, &signed_data));
        tlv(0x30, &[self.content_type.clone(), explicit].concat())
    }

    /// Replaces the eContentType OID of `encapContentInfo`.
    pub fn set_e_content_type(&mut self, dotted: &str) {
        let encap = single(&self.encap_content_info);
        let mut fields = tlvs(&encap.content);
        fields[0] = single(&oid(dotted));
        let content: Vec<u8> = fields.iter().flat_map(Tlv::encode).collect();
        self.encap_content_info = tlv(0x30, &content);
    }
}

/// A SignerInfo in pieces: its fields' TLVs in order.
#[derive(Debug, Clone)]
pub struct SignerInfoParts {
    pub fields: Vec<Tlv>,
}

impl SignerInfoParts {
    pub fn parse(der: &[u8]) -> Self {
        let signer_info = single(der);
        assert_eq!(signer_info.tag, 0x30);
        Self {
            fields: tlvs(&signer_info.content),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let content: Vec<u8> = self.fields.iter().flat_map(Tlv::encode).collect();
        tlv(0x30, &content)
    }

    /// Sets `version` (an INTEGER below 128).
    pub fn set_version(&mut self, version: u8) {
        self.fields[0] = Tlv {
            tag: 0x02,
            content: vec![version],
        };
    }

    /// The signed attributes' Attribute TLVs.
    pub fn signed_attributes(&self) -> Vec<Tlv> {
        let attributes = self
            .fields
            .iter()
            .find(|f| f.tag == 0xa0)
            .expect("signed attributes");
        tlvs(&attributes.content)
    }

    /// Replaces the value of the attribute `attr_type` (one value, its whole TLV), and
    /// returns the bytes the signature must now cover (the attributes with tag 0x31).
    pub fn replace_attribute_value(&mut self, attr_type: &str, value: &[u8]) -> Vec<u8> {
        let wanted = oid(attr_type);
        let attributes: Vec<u8> = self
            .signed_attributes()
            .iter()
            .flat_map(|attribute| {
                let fields = tlvs(&attribute.content);
                if fields[0].encode() == wanted {
                    tlv(0x30, &[wanted.clone(), tlv(0x31, value)].concat())
                } else {
                    attribute.encode()
                }
            })
            .collect();
        let index = self.fields.iter().position(|f| f.tag == 0xa0).unwrap();
        self.fields[index].content = attributes.clone();
        tlv(0x31, &attributes)
    }

    /// Replaces the signature value.
    pub fn set_signature(&mut self, signature: &[u8]) {
        let index = self.fields.iter().rposition(|f| f.tag == 0x04).unwrap();
        self.fields[index].content = signature.to_vec();
    }
}
