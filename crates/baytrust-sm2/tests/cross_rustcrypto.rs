//! Differential test against RustCrypto `sm2`: RustCrypto signs, both verify, and on
//! every vector, valid or corrupted, both must give the same answer.
//!
//! 100,000 verification vectors: 10,000 signatures (random key, signer identifier and
//! message, signed by RustCrypto with its own Z computation), each checked as made and
//! under nine corruptions (a bit of r, a bit of s, r + 1, r and s swapped, s = n − r so
//! that t = 0, a bit of the message, a truncated message, another signer identifier,
//! another key). Keys are checked uncompressed and compressed. A further 100,000 random
//! mutations of DER signatures and SEC 1 keys check that both decoders accept the same.
//! Inputs come from a fixed-seed generator: every run checks the same vectors.

use baytrust_sm2::{Error, Signature, VerifyingKey};
use sm2::dsa::signature::{Signer as _, Verifier as _};
use sm2::elliptic_curve::sec1::ToSec1Point as _;

/// n, big-endian.
const N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23,
];

/// SplitMix64: small, fixed-seed, good enough to spread test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
    fn bytes<const L: usize>(&mut self) -> [u8; L] {
        let mut out = [0u8; L];
        for b in &mut out {
            *b = self.next() as u8;
        }
        out
    }
    fn vec(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
    /// A printable-ASCII identifier (RustCrypto takes the identifier as `&str`).
    fn id(&mut self) -> String {
        let len = match self.below(4) {
            0 => 16,
            1 => 0,
            _ => self.below(64),
        };
        (0..len)
            .map(|_| char::from(b' ' + (self.next() % 95) as u8))
            .collect()
    }
}

/// 256-bit big-endian arithmetic for the r/s corruptions.
fn add_be(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in (0..32).rev() {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    out
}

fn sub_be(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out
}

fn one() -> [u8; 32] {
    let mut v = [0u8; 32];
    v[31] = 1;
    v
}

/// The two verdicts on (key, id, message, r, s): ours and RustCrypto's, each as
/// "verifies" or not, after both decoded (or refused) the scalars.
fn verdicts(
    key: &VerifyingKey,
    theirs_key: &sm2::PublicKey,
    id: &str,
    message: &[u8],
    r: &[u8; 32],
    s: &[u8; 32],
) -> (bool, bool) {
    let ours = match Signature::from_scalars(r, s) {
        Ok(sig) => {
            // The DER form decodes to the same signature.
            let der = sm2::dsa::Signature::from_scalars(*r, *s)
                .expect("in range for RustCrypto too")
                .to_der();
            assert_eq!(Signature::from_der(der.as_bytes()), Ok(sig));
            key.verify(id.as_bytes(), message, &sig).is_ok()
        }
        Err(e) => {
            assert_eq!(e, Error::SignatureScalarOutOfRange);
            assert!(sm2::dsa::Signature::from_scalars(*r, *s).is_err());
            return (false, false);
        }
    };
    let theirs_sig = sm2::dsa::Signature::from_scalars(*r, *s).expect("in range");
    let theirs = sm2::dsa::VerifyingKey::new(id, *theirs_key)
        .expect("RustCrypto key")
        .verify(message, &theirs_sig)
        .is_ok();
    (ours, theirs)
}

#[test]
fn agrees_with_rustcrypto_on_100_000_valid_and_corrupted_vectors() {
    // Two workers of 5,000 signatures each (RustCrypto's verification is the slow half).
    const SIGNATURES: usize = 10_000;
    const WORKERS: u64 = 2;
    let counts: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| scope.spawn(move || cross_check(0x5eed_0000_0000_0013 + w, SIGNATURES / 2)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker"))
            .collect()
    });
    let valid: usize = counts.iter().map(|c| c.0).sum();
    let invalid: usize = counts.iter().map(|c| c.1).sum();
    assert_eq!(valid + invalid, 100_000);
    assert_eq!(valid, SIGNATURES);
}

/// `signatures` signatures from the generator seeded with `seed`, ten vectors each;
/// returns how many vectors verified and how many did not.
fn cross_check(seed: u64, signatures: usize) -> (usize, usize) {
    let mut rng = Rng(seed);
    let mut previous_key: Option<sm2::PublicKey> = None;
    let (mut valid, mut invalid) = (0usize, 0usize);
    for _ in 0..signatures {
        let secret = loop {
            if let Ok(secret) = sm2::SecretKey::from_slice(&rng.bytes::<32>()) {
                break secret;
            }
        };
        let public = secret.public_key();
        let id = rng.id();
        let message_len = rng.below(300);
        let message = rng.vec(message_len);
        let signing = sm2::dsa::SigningKey::new(&id, &secret).expect("signing key");
        let signature: sm2::dsa::Signature = signing.sign(&message);
        let r: [u8; 32] = signature.r_bytes().into();
        let s: [u8; 32] = signature.s_bytes().into();

        let uncompressed = public.to_sec1_point(false);
        let compressed = public.to_sec1_point(true);
        let key = VerifyingKey::from_sec1_bytes(uncompressed.as_bytes()).expect("key");
        let key_c = VerifyingKey::from_sec1_bytes(compressed.as_bytes()).expect("compressed");
        assert_eq!(key, key_c);
        assert_eq!(&key.to_uncompressed()[..], uncompressed.as_bytes());

        let mut check = |key: &VerifyingKey,
                         theirs_key: &sm2::PublicKey,
                         id: &str,
                         message: &[u8],
                         r: &[u8; 32],
                         s: &[u8; 32],
                         expected: bool,
                         what: &str| {
            let (ours, theirs) = verdicts(key, theirs_key, id, message, r, s);
            assert_eq!(ours, theirs, "{what}: ours {ours}, RustCrypto {theirs}");
            assert_eq!(ours, expected, "{what}");
            if ours {
                valid += 1;
            } else {
                invalid += 1;
            }
        };

        // 1. As made (checked through the compressed key).
        check(&key_c, &public, &id, &message, &r, &s, true, "valid");
        // 2–3. One bit of r or of s.
        let mut r2 = r;
        r2[rng.below(32)] ^= 1 << rng.below(8);
        check(&key, &public, &id, &message, &r2, &s, false, "r bit");
        let mut s2 = s;
        s2[rng.below(32)] ^= 1 << rng.below(8);
        check(&key, &public, &id, &message, &r, &s2, false, "s bit");
        // 4. r + 1 (n when r = n − 1: out of range for both).
        check(
            &key,
            &public,
            &id,
            &message,
            &add_be(&r, &one()),
            &s,
            false,
            "r+1",
        );
        // 5. r and s swapped.
        check(&key, &public, &id, &message, &s, &r, false, "swapped");
        // 6. s = n − r: t = r + s ≡ 0, refused by B5.
        check(
            &key,
            &public,
            &id,
            &message,
            &r,
            &sub_be(&N, &r),
            false,
            "t = 0",
        );
        // 7. One bit of the message (or one byte appended to an empty one).
        let mut m2 = message.clone();
        match m2.len() {
            0 => m2.push(0),
            len => m2[rng.below(len)] ^= 1 << rng.below(8),
        }
        check(&key, &public, &id, &m2, &r, &s, false, "message bit");
        // 8. The message less its last byte (or with one appended).
        let mut m3 = message.clone();
        if m3.pop().is_none() {
            m3.push(0x80);
        }
        check(&key, &public, &id, &m3, &r, &s, false, "truncated message");
        // 9. Another signer identifier.
        let other_id = format!("{id}X");
        check(
            &key,
            &public,
            &other_id,
            &message,
            &r,
            &s,
            false,
            "signer id",
        );
        // 10. Another key.
        let other = previous_key.unwrap_or_else(|| {
            sm2::SecretKey::from_slice(&[7; 32])
                .expect("secret")
                .public_key()
        });
        let other_key =
            VerifyingKey::from_sec1_bytes(other.to_sec1_point(false).as_bytes()).expect("other");
        check(
            &other_key,
            &other,
            &id,
            &message,
            &r,
            &s,
            false,
            "other key",
        );
        previous_key = Some(public);
    }
    (valid, invalid)
}

#[test]
fn decoders_agree_with_rustcrypto_on_100_000_mutated_encodings() {
    let mut rng = Rng(0x5eed_0000_0000_0d3e);
    let secret = sm2::SecretKey::from_slice(&[0x42; 32]).expect("secret");
    let signing = sm2::dsa::SigningKey::new("1234567812345678", &secret).expect("signing");
    let public = secret.public_key();
    let encodings = [
        public.to_sec1_point(false).as_bytes().to_vec(),
        public.to_sec1_point(true).as_bytes().to_vec(),
    ];
    let mut seeds = Vec::new();
    for i in 0..16u8 {
        let signature: sm2::dsa::Signature = signing.sign(&[i]);
        seeds.push(signature.to_der().as_bytes().to_vec());
    }
    let mutate = |rng: &mut Rng, input: &[u8]| -> Vec<u8> {
        let mut out = input.to_vec();
        for _ in 0..=rng.below(3) {
            match rng.below(5) {
                0 if !out.is_empty() => {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
                1 if !out.is_empty() => {
                    let i = rng.below(out.len());
                    out[i] = rng.next() as u8;
                }
                2 => {
                    let i = rng.below(out.len() + 1);
                    out.insert(i, rng.next() as u8);
                }
                3 if !out.is_empty() => {
                    let i = rng.below(out.len());
                    out.remove(i);
                }
                _ => out.truncate(rng.below(out.len() + 1)),
            }
        }
        out
    };
    let (mut accepted_sigs, mut accepted_keys) = (0, 0);
    for round in 0..50_000 {
        let seed = &seeds[round % seeds.len()];
        let der = mutate(&mut rng, seed);
        let ours = Signature::from_der(&der);
        let theirs = sm2::dsa::Signature::from_der(&der);
        assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "signature {der:02x?}: {ours:?}"
        );
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(ours.r(), <[u8; 32]>::from(theirs.r_bytes()));
            assert_eq!(ours.s(), <[u8; 32]>::from(theirs.s_bytes()));
            accepted_sigs += 1;
        }

        let mut key = mutate(&mut rng, &encodings[round % 2]);
        // RustCrypto also reads the non-standard SEC 1 "compact" tag 05, which neither
        // SEC 1 §2.3.4 nor GB/T 32918.1 defines; this crate refuses it (tested below).
        if key.first() == Some(&0x05) {
            key[0] = 0x04;
        }
        let ours = VerifyingKey::from_sec1_bytes(&key);
        let theirs = sm2::PublicKey::from_sec1_bytes(&key);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "key {key:02x?}: {ours:?}");
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(
                &ours.to_uncompressed()[..],
                theirs.to_sec1_point(false).as_bytes()
            );
            accepted_keys += 1;
        }
    }
    // The mutations leave some inputs valid, so both sides of each decoder are exercised.
    assert!(accepted_sigs > 1_000, "{accepted_sigs}");
    assert!(accepted_keys > 1_000, "{accepted_keys}");
}

#[test]
fn refusals_name_the_input_at_fault() {
    let secret = sm2::SecretKey::from_slice(&[0x42; 32]).expect("secret");
    let public = secret.public_key();
    let uncompressed = public.to_sec1_point(false).as_bytes().to_vec();
    let compressed = public.to_sec1_point(true).as_bytes().to_vec();
    let decode = VerifyingKey::from_sec1_bytes;
    assert_eq!(decode(&[0x00]), Err(Error::PublicKeyIdentity));
    assert_eq!(decode(&[]), Err(Error::PublicKeyEncoding));
    assert_eq!(decode(&uncompressed[..64]), Err(Error::PublicKeyEncoding));
    // Hybrid (06/07) and compact (05) forms are refused.
    let mut hybrid = uncompressed.clone();
    hybrid[0] = 0x06;
    assert_eq!(decode(&hybrid), Err(Error::PublicKeyEncoding));
    let mut compact = compressed.clone();
    compact[0] = 0x05;
    assert_eq!(decode(&compact), Err(Error::PublicKeyEncoding));
    // y moved off the curve; x = p.
    let mut off = uncompressed.clone();
    off[64] ^= 1;
    assert_eq!(decode(&off), Err(Error::PublicKeyNotOnCurve));
    let mut x_is_p = compressed.clone();
    x_is_p[1..].copy_from_slice(&[
        0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff,
    ]);
    assert_eq!(decode(&x_is_p), Err(Error::PublicKeyCoordinateOutOfRange));
    // An x with no point: try x = 1, 2, … until one has no square root.
    let no_point = (1u8..=255)
        .map(|x| {
            let mut key = vec![0x02; 33];
            key[1..].fill(0);
            key[32] = x;
            key
        })
        .find(|key| sm2::PublicKey::from_sec1_bytes(key).is_err())
        .expect("half of all x have no point");
    assert_eq!(decode(&no_point), Err(Error::PublicKeyNotOnCurve));

    // Signatures: r = 0, r = n, s > 32 bytes, trailing data, negative r.
    let zero = [0u8; 32];
    assert_eq!(
        Signature::from_scalars(&zero, &one()),
        Err(Error::SignatureScalarOutOfRange)
    );
    assert_eq!(
        Signature::from_scalars(&one(), &N),
        Err(Error::SignatureScalarOutOfRange)
    );
    assert_eq!(
        Signature::from_der(&[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]),
        Err(Error::SignatureScalarOutOfRange)
    );
    assert_eq!(
        Signature::from_der(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]),
        Err(Error::SignatureEncoding)
    );
    assert_eq!(
        Signature::from_der(&[0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]),
        Err(Error::SignatureEncoding)
    );
    let mut long = vec![0x30, 0x26, 0x02, 0x21, 0x01];
    long.extend_from_slice(&[0u8; 32]);
    long.extend_from_slice(&[0x02, 0x01, 0x01]);
    assert_eq!(Signature::from_der(&long), Err(Error::SignatureEncoding));

    // The identifier limit: 8191 bytes pass, 8192 do not.
    let key = decode(&uncompressed).expect("key");
    assert!(key.identity_hash(&[b'a'; 8191]).is_ok());
    assert_eq!(
        key.identity_hash(&[b'a'; 8192]),
        Err(Error::SignerIdTooLong { len: 8192 })
    );
}
