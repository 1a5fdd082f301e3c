//! The verified-signature cache (issue 13): every bundled signature and certificate
//! path gives the same report with the cache off, on and cold, and on and warm; a
//! failed check is never remembered; one verifier serves threads concurrently.

use baytrust::algorithm::verify_signature;
use baytrust::cert::Certificate;
use baytrust::{
    decode_certificates, AlgorithmPolicy, CertificateDer, ChainOptions, ChainReport, Content,
    Error, Indication, Jurisdiction, Report, SignatureCache, SignatureOptions, SubIndication, Time,
    Verifier, DEFAULT_SIGNATURE_CACHE,
};

fn read(path: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn now() -> Time {
    Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

/// The bundled trust lists plus the test PKI's and edge roots as plain anchors, with a
/// cache of `capacity` (0: off).
fn verifier(capacity: usize) -> Verifier {
    let mut builder = Verifier::builder();
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(&format!("testdata/trust-lists/{code}.p7s")),
                &read(&format!("testdata/pki/{code}/trust-list-operator-ca.pem")),
                now(),
            )
            .unwrap();
    }
    builder.signature_cache(capacity).build().unwrap()
}

/// Every CMS sample of `testdata/` with the content to check it against: the contract
/// it was made over, and a tampered copy.
fn signatures() -> Vec<(String, Vec<u8>, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let contract = read("testdata/cms/contract.txt");
    let tampered = read("testdata/cms/contract-tampered.txt");
    let supply = read("testdata/samples/supply-contract.txt");
    let mut supply_tampered = supply.clone();
    supply_tampered[0] ^= 1;
    let mut add = |dir: &str, content: &[Vec<u8>]| {
        let full = format!("{}/../../{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<String> = std::fs::read_dir(&full)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| {
                [".der", ".ber", ".pem", ".p7s"]
                    .iter()
                    .any(|x| n.ends_with(x))
            })
            .collect();
        names.sort();
        for name in names {
            let signature = read(&format!("{dir}/{name}"));
            out.push((format!("{dir}/{name} attached"), signature.clone(), None));
            for (i, bytes) in content.iter().enumerate() {
                out.push((
                    format!("{dir}/{name} #{i}"),
                    signature.clone(),
                    Some(bytes.clone()),
                ));
            }
        }
    };
    add("testdata/cms/openssl", &[contract, tampered]);
    add(
        "testdata/recognition",
        &[supply.clone(), supply_tampered.clone()],
    );
    add("testdata/samples", &[supply, supply_tampered]);
    out
}

fn verify(verifier: &Verifier, signature: &[u8], content: Option<&[u8]>) -> Result<Report, Error> {
    let options = SignatureOptions::new(now());
    match content {
        None => verifier.verify_cms(signature, Content::Attached, &options),
        Some(mut bytes) => verifier.verify_cms(signature, Content::Detached(&mut bytes), &options),
    }
}

#[test]
fn every_bundled_signature_reports_the_same_with_and_without_the_cache() {
    let off = verifier(0);
    let on = verifier(DEFAULT_SIGNATURE_CACHE);
    assert!(off.signature_cache().is_none());
    let cases = signatures();
    assert!(cases.len() >= 84, "{} cases", cases.len());
    let mut passed = 0;
    for (name, signature, content) in &cases {
        let expected = verify(&off, signature, content.as_deref());
        let cold = verify(&on, signature, content.as_deref());
        let warm = verify(&on, signature, content.as_deref());
        assert_eq!(cold, expected, "{name}: cold cache");
        assert_eq!(warm, expected, "{name}: warm cache");
        passed +=
            usize::from(matches!(&expected, Ok(r) if r.indication == Indication::TotalPassed));
    }
    // The run covers successes (cached) and failures (never cached) alike.
    assert!(passed >= 10, "{passed} passed");
    assert!(!on.signature_cache().unwrap().is_empty());
}

/// Every certificate of `testdata/pki` (leaves with their chain files, the edge cases).
fn certificates() -> Vec<(String, CertificateDer, Vec<CertificateDer>)> {
    let mut out = Vec::new();
    for dir in ["cn", "cn-sm2", "hk", "mo", "edge"] {
        let full = format!("{}/../../testdata/pki/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<String> = std::fs::read_dir(&full)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".pem"))
            .collect();
        names.sort();
        for name in names {
            let Ok(mut all) = decode_certificates(&read(&format!("testdata/pki/{dir}/{name}")))
            else {
                continue;
            };
            if all.is_empty() {
                continue;
            }
            let leaf = all.remove(0);
            out.push((format!("{dir}/{name}"), leaf, all));
        }
    }
    out
}

#[test]
fn every_bundled_path_reports_the_same_with_and_without_the_cache() {
    let anchors = |capacity| {
        let mut builder = Verifier::builder().signature_cache(capacity);
        for (jurisdiction, root) in [
            (Jurisdiction::Cn, "cn/root-ca.pem"),
            (Jurisdiction::Cn, "cn-sm2/root-ca.pem"),
            (Jurisdiction::Hk, "hk/root-ca.pem"),
            (Jurisdiction::Mo, "mo/root-ca.pem"),
        ] {
            builder = builder
                .anchors(jurisdiction, &read(&format!("testdata/pki/{root}")))
                .unwrap();
        }
        builder.build().unwrap()
    };
    let (off, on) = (anchors(0), anchors(64));
    let options = ChainOptions::new(now());
    let cases = certificates();
    assert!(cases.len() > 40, "{} cases", cases.len());
    let mut valid = 0;
    for (name, leaf, intermediates) in &cases {
        let expected: Result<ChainReport, Error> =
            off.verify_certificate(leaf, intermediates, &options);
        let cold = on.verify_certificate(leaf, intermediates, &options);
        let warm = on.verify_certificate(leaf, intermediates, &options);
        assert_eq!(cold, expected, "{name}: cold cache");
        assert_eq!(warm, expected, "{name}: warm cache");
        valid += usize::from(matches!(&expected, Ok(r) if r.valid));
    }
    assert!(valid >= 10, "{valid} valid");
    // Bounded by its capacity, whatever was verified.
    let cache = on.signature_cache().unwrap();
    assert!(cache.len() <= 64 && cache.capacity() == 64);
}

#[test]
fn a_failed_signature_check_is_never_remembered() {
    let issuer = decode_certificates(&read("testdata/pki/hk/issuing-ca.pem")).unwrap();
    let leaf = decode_certificates(&read("testdata/pki/hk/org-harbour-logistics.pem")).unwrap();
    let issuer = issuer[0].parse().unwrap();
    let leaf = leaf[0].parse().unwrap();
    let cache = SignatureCache::new(16);
    let policy = AlgorithmPolicy {
        signature_cache: Some(&cache),
        ..AlgorithmPolicy::default()
    };
    let mut forged = leaf.signature_value().to_vec();
    forged[10] ^= 1;
    let check = |signature: &[u8]| {
        verify_signature(
            issuer.spki(),
            leaf.signature_algorithm(),
            leaf.tbs_der(),
            signature,
            &policy,
        )
    };
    for _ in 0..2 {
        assert_eq!(check(&forged), Err(Error::SignatureInvalid));
        assert!(cache.is_empty(), "a failure was cached");
    }
    assert_eq!(check(leaf.signature_value()), Ok(()));
    assert_eq!(cache.len(), 1);
    // The remembered success says nothing of the forged signature, nor of the same
    // signature under a stricter RSA floor.
    assert_eq!(check(&forged), Err(Error::SignatureInvalid));
    let strict = AlgorithmPolicy {
        min_rsa_bits: 3072,
        ..policy
    };
    assert!(matches!(
        verify_signature(
            issuer.spki(),
            leaf.signature_algorithm(),
            leaf.tbs_der(),
            leaf.signature_value(),
            &strict,
        ),
        Err(Error::RsaKeyTooSmall { .. })
    ));
    // Nor of another key: the root's key does not verify the leaf.
    let root = decode_certificates(&read("testdata/pki/hk/root-ca.pem")).unwrap();
    let root: Certificate<'_> = root[0].parse().unwrap();
    assert_eq!(
        verify_signature(
            root.spki(),
            leaf.signature_algorithm(),
            leaf.tbs_der(),
            leaf.signature_value(),
            &policy,
        ),
        Err(Error::SignatureInvalid)
    );
    assert_eq!(cache.len(), 1);
}

#[test]
fn a_bad_signature_leaves_the_verifier_cache_as_it_was() {
    let verifier = verifier(DEFAULT_SIGNATURE_CACHE);
    let contract = read("testdata/cms/contract.txt");
    let report = verifier
        .verify_detached(
            &read("testdata/cms/openssl/rsa-detached-badsig.der"),
            &contract,
            now(),
        )
        .unwrap();
    assert_eq!(report.sub_indication, Some(SubIndication::SigCryptoFailure));
    let cache = verifier.signature_cache().unwrap();
    assert!(cache.is_empty(), "{cache:?}");
    // The genuine signature: the signer's and the path's signatures are remembered.
    let report = verifier
        .verify_detached(
            &read("testdata/cms/openssl/rsa-detached.der"),
            &contract,
            now(),
        )
        .unwrap();
    assert_eq!(report.indication, Indication::TotalPassed);
    let held = cache.len();
    assert!(held >= 2, "{held}");
    // And the bad one still fails, exactly as before.
    let again = verifier
        .verify_detached(
            &read("testdata/cms/openssl/rsa-detached-badsig.der"),
            &contract,
            now(),
        )
        .unwrap();
    assert_eq!(again.sub_indication, Some(SubIndication::SigCryptoFailure));
    assert_eq!(cache.len(), held);
}

#[test]
fn one_verifier_serves_threads_concurrently_with_the_same_reports() {
    let uncached = verifier(0);
    let verifier = verifier(8);
    let signature = read("testdata/samples/supply-contract.txt.p7s");
    let content = read("testdata/samples/supply-contract.txt");
    let mut tampered = content.clone();
    tampered[3] ^= 1;
    let expected = uncached
        .verify_detached(&signature, &content, now())
        .unwrap();
    let expected_tampered = uncached
        .verify_detached(&signature, &tampered, now())
        .unwrap();
    assert_eq!(expected.indication, Indication::TotalPassed);
    std::thread::scope(|scope| {
        for t in 0..4 {
            let (verifier, signature, content, tampered) =
                (&verifier, &signature, &content, &tampered);
            let (expected, expected_tampered) = (&expected, &expected_tampered);
            scope.spawn(move || {
                for i in 0..10 {
                    if (t + i) % 3 == 0 {
                        let report = verifier
                            .verify_detached(signature, tampered, now())
                            .unwrap();
                        assert_eq!(&report, expected_tampered);
                    } else {
                        let report = verifier.verify_detached(signature, content, now()).unwrap();
                        assert_eq!(&report, expected);
                    }
                }
            });
        }
    });
    assert!(verifier.signature_cache().unwrap().len() <= 8);
}
