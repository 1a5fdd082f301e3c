//! OpenSSL-made SM2-with-SM3 signatures (`testdata/make.sh`, OpenSSL 3.0 `dgst -sm3
//! -sign -sigopt distid:…`/`hexdistid:…`): 320 vectors over 4 keys and 4 signer IDs
//! (default, ALICE123@YAHOO.COM, binary with zero bytes, 100 bytes), keys uncompressed
//! and compressed. Each must verify as made and fail with its message, signer ID, r or
//! s changed.

use baytrust_sm2::{verify, Error, Signature, VerifyingKey};

const VECTORS: &str = include_str!("../testdata/openssl-sm2.txt");

fn unhex(text: &str) -> Vec<u8> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

struct Vector {
    key: Vec<u8>,
    id: Vec<u8>,
    message: Vec<u8>,
    signature: Vec<u8>,
}

fn vectors() -> Vec<Vector> {
    VECTORS
        .lines()
        .map(|line| {
            let fields: Vec<Vec<u8>> = line.split(' ').map(unhex).collect();
            let [key, id, message, signature] = <[Vec<u8>; 4]>::try_from(fields).expect("4");
            Vector {
                key,
                id,
                message,
                signature,
            }
        })
        .collect()
}

#[test]
fn every_openssl_signature_verifies() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 320);
    let compressed = vectors.iter().filter(|v| v.key.len() == 33).count();
    assert_eq!(compressed, 40);
    for (i, v) in vectors.iter().enumerate() {
        assert_eq!(
            verify(&v.key, &v.id, &v.message, &v.signature),
            Ok(()),
            "vector {i}"
        );
    }
}

#[test]
fn openssl_signatures_agree_with_rustcrypto() {
    use sm2::dsa::signature::Verifier as _;
    let mut checked = 0;
    for v in vectors() {
        // RustCrypto takes the identifier as text; the binary one is ours alone.
        let Ok(id) = std::str::from_utf8(&v.id) else {
            continue;
        };
        let key = sm2::dsa::VerifyingKey::from_sec1_bytes(id, &v.key).expect("key");
        let sig = sm2::dsa::Signature::from_der(&v.signature).expect("der");
        assert!(key.verify(&v.message, &sig).is_ok());
        checked += 1;
    }
    assert_eq!(checked, 240);
}

#[test]
fn changed_message_id_r_or_s_fails() {
    for (i, v) in vectors().iter().enumerate() {
        let key = VerifyingKey::from_sec1_bytes(&v.key).expect("key");
        let sig = Signature::from_der(&v.signature).expect("signature");

        let mut message = v.message.clone();
        match message.len() {
            0 => message.push(0),
            len => message[i % len] ^= 0x01,
        }
        assert_eq!(
            key.verify(&v.id, &message, &sig),
            Err(Error::SignatureInvalid),
            "message of {i}"
        );

        let mut id = v.id.clone();
        id[i % v.id.len()] ^= 0x80;
        assert_eq!(
            key.verify(&id, &v.message, &sig),
            Err(Error::SignatureInvalid),
            "ID of {i}"
        );
        // The identifier is bytes: one more trailing zero byte is another identifier.
        id.clone_from(&v.id);
        id.push(0);
        assert_eq!(
            key.verify(&id, &v.message, &sig),
            Err(Error::SignatureInvalid),
            "ID + 00 of {i}"
        );

        for which in 0..2 {
            let (mut r, mut s) = (sig.r(), sig.s());
            let target = if which == 0 { &mut r } else { &mut s };
            target[31 - i % 32] ^= 1 << (i % 8);
            match Signature::from_scalars(&r, &s) {
                Ok(changed) => assert_eq!(
                    key.verify(&v.id, &v.message, &changed),
                    Err(Error::SignatureInvalid),
                    "r/s {which} of {i}"
                ),
                Err(e) => assert_eq!(e, Error::SignatureScalarOutOfRange),
            }
        }
    }
}
