//! `sig-verify`: one certificate signature (the leaf's TBS under its issuing CA's key)
//! checked by baytrust's `verify_signature` and by ring (RSA-2048, P-256, Ed25519), and
//! an SM2-with-SM3 one by baytrust and by OpenSSL 3 with the signer ID set explicitly.

use std::ffi::{c_int, c_void};
use std::hint::black_box;

use baytrust::cert::Certificate;
use baytrust::{decode_certificates, AlgorithmPolicy};
use foreign_types::ForeignTypeRef;
use openssl::md::Md;
use openssl::md_ctx::MdCtx;
use openssl::pkey::{PKey, Public};

use crate::pki::{pki, Alg};
use crate::{leak, testdata, Contender, Group};

/// The GM/T 0009 default SM2 signer ID, which the test PKI's SM2 CA signs with.
pub const SM2_ID: &[u8] = b"1234567812345678";

extern "C" {
    // OpenSSL 3: a function (a macro before 3.0); not bound by openssl-sys.
    fn EVP_PKEY_CTX_set1_id(
        ctx: *mut openssl_sys::EVP_PKEY_CTX,
        id: *const c_void,
        len: c_int,
    ) -> c_int;
}

/// A signature to check: the issuer's certificate (for its key) and the signed one.
struct Signed {
    issuer: Certificate<'static>,
    child: Certificate<'static>,
}

impl Signed {
    fn new(issuer: Vec<u8>, child: Vec<u8>) -> Self {
        Self {
            issuer: Certificate::from_der(leak(issuer)).expect("issuer parses"),
            child: Certificate::from_der(leak(child)).expect("child parses"),
        }
    }

    fn baytrust(&self) -> bool {
        baytrust::algorithm::verify_signature(
            self.issuer.spki(),
            self.child.signature_algorithm(),
            self.child.tbs_der(),
            self.child.signature_value(),
            &AlgorithmPolicy::default(),
        )
        .is_ok()
    }
}

fn baytrust_contender(name: &str, signed: Signed) -> Contender {
    assert!(signed.baytrust(), "{name}: baytrust must accept");
    Contender::new(format!("baytrust/{name}"), move || {
        assert!(black_box(&signed).baytrust());
    })
}

fn ring_contender(
    name: &str,
    algorithm: &'static dyn ring::signature::VerificationAlgorithm,
    signed: &Signed,
) -> Contender {
    let key = signed.issuer.spki().subject_public_key.data.to_vec();
    let message = signed.child.tbs_der().to_vec();
    let signature = signed.child.signature_value().to_vec();
    let verify = move || {
        // ring parses the key on every call: that is its API.
        ring::signature::UnparsedPublicKey::new(algorithm, black_box(&key))
            .verify(black_box(&message), black_box(&signature))
            .is_ok()
    };
    assert!(verify(), "{name}: ring must accept");
    Contender::new(format!("ring/{name}"), move || assert!(verify()))
}

/// OpenSSL's SM2-with-SM3 check of `signature` over `message` with `key` and signer ID
/// `id`: a fresh digest context per call, the key parsed once.
pub fn openssl_sm2_verify(key: &PKey<Public>, id: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let mut context = MdCtx::new().expect("EVP_MD_CTX");
    let pkey_context = context
        .digest_verify_init(Some(Md::sm3()), key)
        .expect("DigestVerifyInit");
    let id_len = c_int::try_from(id.len()).expect("short ID");
    // SAFETY: a live EVP_PKEY_CTX owned by `context`; OpenSSL copies the ID.
    let set = unsafe { EVP_PKEY_CTX_set1_id(pkey_context.as_ptr(), id.as_ptr().cast(), id_len) };
    assert_eq!(set, 1, "EVP_PKEY_CTX_set1_id");
    context.digest_verify(message, signature).unwrap_or(false)
}

/// The `sig-verify` group.
pub fn groups() -> Vec<Group> {
    let mut group = Group::new("sig-verify");
    let cases: [(
        Alg,
        &str,
        &'static dyn ring::signature::VerificationAlgorithm,
    ); 3] = [
        (
            Alg::Rsa2048,
            "rsa2048-sha256",
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        ),
        (
            Alg::P256,
            "p256-sha256",
            &ring::signature::ECDSA_P256_SHA256_ASN1,
        ),
        (Alg::Ed25519, "ed25519", &ring::signature::ED25519),
    ];
    for (alg, name, ring_alg) in cases {
        let pki = pki(alg, 1, name);
        let leaf = pki.leaves.into_iter().next().expect("one leaf");
        let signed = Signed::new(pki.ca, leaf);
        group.push(ring_contender(name, ring_alg, &signed));
        group.push(baytrust_contender(name, signed));
        group.ratio(&format!("baytrust/{name}"), &format!("ring/{name}"));
    }

    // SM2: the test PKI's mainland SM2 organisation certificate under its issuing CA.
    let issuer = decode_certificates(&testdata("pki/cn-sm2/issuing-ca.pem")).expect("CA PEM");
    let child = decode_certificates(&testdata("pki/cn-sm2/org-qianhai-tech.pem")).expect("PEM");
    let signed = Signed::new(issuer[0].as_ref().to_vec(), child[0].as_ref().to_vec());
    let key = PKey::public_key_from_der(signed.issuer.spki().raw).expect("SM2 SPKI");
    let message = signed.child.tbs_der().to_vec();
    let signature = signed.child.signature_value().to_vec();
    assert!(openssl_sm2_verify(&key, SM2_ID, &message, &signature));
    assert!(
        !openssl_sm2_verify(&key, b"another signer ID", &message, &signature),
        "the ID set must be the ID used"
    );
    group.push(Contender::new("openssl/sm2-sm3", move || {
        assert!(openssl_sm2_verify(
            &key,
            SM2_ID,
            black_box(&message),
            black_box(&signature)
        ));
    }));
    group.push(baytrust_contender("sm2-sm3", signed));
    group.ratio("baytrust/sm2-sm3", "openssl/sm2-sm3");
    vec![group]
}

/// `rsa-key-setup` (round-robin driver only, not one of issue 13's groups): how much
/// of ring's RSA-2048 verification is its per-call key setup. ring parses the
/// RSAPublicKey and computes the Montgomery constants of the modulus on every call
/// (its API keeps no prepared public key); a signature of the wrong length is refused
/// right after that setup, before any exponentiation or hashing, so
/// `ring/rsa2048-key-setup` times the setup alone.
pub fn rsa_key_setup_groups() -> Vec<Group> {
    let pki = pki(Alg::Rsa2048, 1, "rsa-key-setup");
    let leaf = pki.leaves.into_iter().next().expect("one leaf");
    let signed = Signed::new(pki.ca, leaf);
    let algorithm = &ring::signature::RSA_PKCS1_2048_8192_SHA256;
    let mut group = Group::new("rsa-key-setup");
    group.push(ring_contender("rsa2048-verify", algorithm, &signed));
    let key = signed.issuer.spki().subject_public_key.data.to_vec();
    let message = signed.child.tbs_der().to_vec();
    group.push(Contender::new("ring/rsa2048-key-setup", move || {
        let refused = ring::signature::UnparsedPublicKey::new(algorithm, black_box(&key))
            .verify(black_box(&message), black_box(&[0u8; 8]));
        assert!(refused.is_err());
    }));
    group.ratio("ring/rsa2048-key-setup", "ring/rsa2048-verify");
    #[cfg(feature = "aws-lc")]
    aws_lc_contenders(&mut group, &signed);
    vec![group]
}

/// aws-lc-rs on the same RSA-2048 signature: `aws-lc-rs/rsa2048-verify` parses the key
/// per call as ring does (`UnparsedPublicKey`); `aws-lc-rs/rsa2048-prepared` parses it
/// once (`ParsedPublicKey`), as a backend with prepared anchor keys would.
#[cfg(feature = "aws-lc")]
fn aws_lc_contenders(group: &mut Group, signed: &Signed) {
    use aws_lc_rs::signature::{ParsedPublicKey, UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
    let key = signed.issuer.spki().subject_public_key.data.to_vec();
    let message = signed.child.tbs_der().to_vec();
    let signature = signed.child.signature_value().to_vec();
    let prepared = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &key).expect("RSA key");
    assert!(
        prepared.verify_sig(&message, &signature).is_ok(),
        "aws-lc-rs must accept"
    );
    let (m, s) = (message.clone(), signature.clone());
    group.push(Contender::new("aws-lc-rs/rsa2048-verify", move || {
        let unparsed = UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, black_box(&key));
        assert!(unparsed.verify(black_box(&m), black_box(&s)).is_ok());
    }));
    group.push(Contender::new("aws-lc-rs/rsa2048-prepared", move || {
        assert!(black_box(&prepared)
            .verify_sig(black_box(&message), black_box(&signature))
            .is_ok());
    }));
    group.ratio("aws-lc-rs/rsa2048-verify", "ring/rsa2048-verify");
    group.ratio("aws-lc-rs/rsa2048-prepared", "ring/rsa2048-verify");
}
