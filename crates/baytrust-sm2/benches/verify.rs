//! Side-by-side SM2-with-SM3 verification timing: this crate against RustCrypto `sm2`,
//! with ring's P-256 ECDSA verification as the yardstick, on the same 1 KiB message (and
//! a 20-byte one, the size `openssl speed sm2` uses, for comparison with it). A plain
//! timing loop (`cargo bench -p baytrust-sm2`), rounds alternating between contenders;
//! the median of the rounds is reported.

use std::hint::black_box;
use std::time::Instant;

use ring::rand::SystemRandom;
use ring::signature::{self as rsig, KeyPair as _};
use sm2::dsa::signature::hazmat::PrehashSigner as _;
use sm2::dsa::signature::Verifier as _;
use sm3::{Digest as _, Sm3};

const ID: &[u8] = baytrust_sm2::DEFAULT_SIGNER_ID;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    // Any other argument that is not a flag keeps only the contenders it names a part of.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (rounds, batch) = if quick { (7, 200) } else { (21, 500) };
    let message = [0x5au8; 1024];

    // One key, one signature, made by RustCrypto.
    let secret = sm2::SecretKey::from_slice(&[0x11; 32]).expect("secret");
    let signing = sm2::dsa::SigningKey::new("1234567812345678", &secret).expect("key");
    let public = secret.public_key();
    let point = sm2::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&public, false);
    let key_bytes = point.as_bytes().to_vec();
    let ours_key = baytrust_sm2::VerifyingKey::from_sec1_bytes(&key_bytes).expect("ours");
    let z = ours_key.identity_hash(ID).expect("z");
    let e: [u8; 32] = Sm3::new()
        .chain_update(z)
        .chain_update(message)
        .finalize()
        .into();
    let sig: sm2::dsa::Signature = signing.sign_prehash(&e).expect("sign");
    let der = sig.to_der().as_bytes().to_vec();
    let verifying = sm2::dsa::VerifyingKey::new("1234567812345678", public).expect("vk");
    baytrust_sm2::verify(&key_bytes, ID, &message, &der).expect("ours verifies");
    verifying
        .verify(&message, &sig)
        .expect("RustCrypto verifies");

    // ring P-256 on the same message.
    let rng = SystemRandom::new();
    let pkcs8 = rsig::EcdsaKeyPair::generate_pkcs8(&rsig::ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
        .expect("p256");
    let pair =
        rsig::EcdsaKeyPair::from_pkcs8(&rsig::ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
            .expect("p256 pair");
    let p256_sig = pair.sign(&rng, &message).expect("p256 sign");
    let p256_key = pair.public_key().as_ref().to_vec();

    // A 20-byte message, the size `openssl speed sm2` signs and verifies.
    let short = [0x5au8; 20];
    let e_short: [u8; 32] = Sm3::new()
        .chain_update(z)
        .chain_update(short)
        .finalize()
        .into();
    let sig_short: sm2::dsa::Signature = signing.sign_prehash(&e_short).expect("sign");
    let der_short = sig_short.to_der().as_bytes().to_vec();

    type Contender<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let contenders: Vec<Contender<'_>> = vec![
        (
            "baytrust-sm2/sm2-sm3 (decode key + DER + Z + verify)",
            Box::new(|| {
                baytrust_sm2::verify(black_box(&key_bytes), ID, black_box(&message), &der)
                    .expect("ok")
            }),
        ),
        (
            "baytrust-sm2/sm2-sm3-20B (as openssl speed sm2)",
            Box::new(|| {
                baytrust_sm2::verify(black_box(&key_bytes), ID, black_box(&short), &der_short)
                    .expect("ok")
            }),
        ),
        (
            "rustcrypto-sm2/sm2-sm3 (prepared key)",
            Box::new(|| verifying.verify(black_box(&message), &sig).expect("ok")),
        ),
        (
            "ring/p256-sha256",
            Box::new(|| {
                rsig::UnparsedPublicKey::new(&rsig::ECDSA_P256_SHA256_ASN1, &p256_key)
                    .verify(black_box(&message), p256_sig.as_ref())
                    .expect("ok")
            }),
        ),
    ];
    let contenders: Vec<Contender<'_>> = contenders
        .into_iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    let mut times = vec![Vec::new(); contenders.len()];
    for round in 0..rounds {
        for k in 0..contenders.len() {
            let i = (round + k) % contenders.len();
            let (_, f) = &contenders[i];
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            times[i].push(start.elapsed().as_secs_f64() * 1e6 / f64::from(batch));
        }
    }
    for ((name, _), t) in contenders.iter().zip(times) {
        println!(
            "{name:56} {:8.1} µs/verify (median of {rounds} rounds)",
            median(t)
        );
    }
}
