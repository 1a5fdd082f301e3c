//! `cms-detached`: a detached CMS signature (ECDSA P-256, SHA-256, signed attributes,
//! made by OpenSSL, carrying the leaf and its issuing CA) over 1 KiB, 1 MiB and 64 MiB,
//! verified by baytrust (`Verifier::verify_detached`, signature cache off), by OpenSSL
//! in-process (`CMS_verify` with the content as a memory BIO and no output BIO, the
//! root in an `X509_STORE` at the fixed time), and the floor: one-shot SHA-256 (ring,
//! the hash baytrust uses) of the content.

use std::hint::black_box;

use baytrust::{Indication, Jurisdiction, Verifier};
use foreign_types::ForeignType;
use openssl::cms::{CMSOptions, CmsContentInfo};
use openssl::pkey::PKey;
use openssl::stack::Stack;
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::verify::X509VerifyParam;
use openssl::x509::X509;

use crate::pki::{pki, Alg};
use crate::{validation_time, Contender, Group, VALIDATION_UNIX};

/// The content sizes, with the names the functions carry.
pub const SIZES: [(&str, usize); 3] = [("1KiB", 1 << 10), ("1MiB", 1 << 20), ("64MiB", 64 << 20)];

/// Deterministic content of `len` bytes.
pub fn content(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

/// OpenSSL's verification: parse, then `CMS_verify` with no output BIO.
pub fn openssl_verify(store: &X509Store, signature: &[u8], content: &[u8]) -> bool {
    let cms = CmsContentInfo::from_der(signature).expect("CMS parses");
    let len = std::ffi::c_int::try_from(content.len()).expect("content fits an int");
    // SAFETY: the BIO reads `content`, which outlives it, and is freed here; `cms` and
    // `store` are live; a NULL output BIO is allowed (CMS_verify(3)).
    unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(content.as_ptr().cast(), len);
        assert!(!bio.is_null(), "BIO_new_mem_buf");
        let ok = openssl_sys::CMS_verify(
            cms.as_ptr(),
            std::ptr::null_mut(),
            store.as_ptr(),
            bio,
            std::ptr::null_mut(),
            CMSOptions::BINARY.bits(),
        );
        openssl_sys::BIO_free_all(bio);
        ok == 1
    }
}

/// A P-256 test PKI set up for CMS: OpenSSL signs with its leaf (carrying the issuing
/// CA), an OpenSSL store and a baytrust verifier (signature cache off) trust its root.
pub struct CmsFixture {
    leaf: X509,
    key: PKey<openssl::pkey::Private>,
    chain: Stack<X509>,
    /// The root in an OpenSSL store at the fixed time.
    pub store: std::sync::Arc<X509Store>,
    /// The root as a Hong Kong anchor, signature cache off.
    pub verifier: std::sync::Arc<Verifier>,
}

impl CmsFixture {
    /// A fresh PKI named `name`.
    pub fn new(name: &str) -> Self {
        let pki = pki(Alg::P256, 1, name);
        let leaf = X509::from_der(&pki.leaves[0]).expect("leaf");
        let ca = X509::from_der(&pki.ca).expect("CA");
        let root = X509::from_der(&pki.root).expect("root");
        let key = PKey::private_key_from_pem(pki.leaf_key_pem.as_bytes()).expect("leaf key");
        let mut chain = Stack::new().expect("stack");
        chain.push(ca).expect("push");
        let mut store = X509StoreBuilder::new().expect("store");
        store.add_cert(root).expect("root");
        let mut param = X509VerifyParam::new().expect("param");
        param.set_time(VALIDATION_UNIX.try_into().expect("time_t"));
        store.set_param(&param).expect("param");
        let verifier = Verifier::builder()
            .anchors(Jurisdiction::Hk, pki.root_pem.as_bytes())
            .expect("anchor")
            .policy(baytrust::RelyingPartyPolicy {
                signature_cache: 0,
                ..baytrust::RelyingPartyPolicy::default()
            })
            .build()
            .expect("verifier");
        Self {
            leaf,
            key,
            chain,
            store: std::sync::Arc::new(store.build()),
            verifier: std::sync::Arc::new(verifier),
        }
    }

    /// OpenSSL's detached signature (`CMS_sign`, binary) over `content`, DER.
    pub fn sign_detached(&self, content: &[u8]) -> Vec<u8> {
        CmsContentInfo::sign(
            Some(&self.leaf),
            Some(&self.key),
            Some(&self.chain),
            Some(content),
            CMSOptions::DETACHED | CMSOptions::BINARY,
        )
        .expect("CMS_sign")
        .to_der()
        .expect("DER")
    }
}

/// The `cms-detached` group.
pub fn groups() -> Vec<Group> {
    let fixture = CmsFixture::new("cms");
    let (store, verifier) = (fixture.store.clone(), fixture.verifier.clone());
    let time = validation_time();

    let mut groups = Vec::new();
    for (name, len) in SIZES {
        let content = std::sync::Arc::new(content(len));
        let signature = std::sync::Arc::new(fixture.sign_detached(&content));
        let mut group = Group::new("cms-detached");
        group.bytes = Some(len as u64);

        let baytrust_verify = {
            let (verifier, signature, content) =
                (verifier.clone(), signature.clone(), content.clone());
            move || {
                let report = verifier
                    .verify_detached(black_box(&signature), black_box(&content), time)
                    .expect("report");
                report.indication == Indication::TotalPassed
            }
        };
        assert!(baytrust_verify(), "baytrust accepts the {name} signature");
        group.push(Contender::new(format!("baytrust/{name}"), move || {
            assert!(baytrust_verify())
        }));

        let openssl_verify = {
            let (store, signature, content) = (store.clone(), signature.clone(), content.clone());
            move || openssl_verify(&store, black_box(&signature), black_box(&content))
        };
        assert!(openssl_verify(), "OpenSSL accepts the {name} signature");
        group.push(Contender::new(format!("openssl/{name}"), move || {
            assert!(openssl_verify())
        }));

        let floor = content.clone();
        group.push(Contender::new(format!("sha256/{name}"), move || {
            black_box(ring::digest::digest(
                &ring::digest::SHA256,
                black_box(&floor),
            ));
        }));
        group.ratio(&format!("baytrust/{name}"), &format!("openssl/{name}"));
        group.ratio(&format!("baytrust/{name}"), &format!("sha256/{name}"));
        groups.push(group);
    }
    groups
}
