// The body of the fuzz target `sm2_verify` (fuzz/fuzz_targets/sm2_verify.rs `include!`s
// this file) and of its stable-toolchain replay (tests/fuzz_corpus_replay.rs).
//
// Input: three chunks, each a 1-byte length then that many bytes (a short last chunk
// takes what is left) — the SEC 1 public key, the signer identifier, the DER signature —
// and the rest is the message. Besides "never panics", it is a differential check
// against RustCrypto `sm2`: both decoders accept the same keys and signatures (except
// the compact key tag 05, which only RustCrypto reads), and when both decode and the
// identifier is text, both give the same verdict. A disagreement panics.
//
// This is an `include!`d file: no inner attributes or `//!` comments.

/// The first chunk of `data` (1-byte length prefix) and what follows it.
pub fn fuzz_take_chunk(data: &[u8]) -> (&[u8], &[u8]) {
    match data.split_first() {
        None => (&[], &[]),
        Some((&len, rest)) => rest.split_at(usize::from(len).min(rest.len())),
    }
}

/// Verifies the fuzz input with this crate and with RustCrypto, and compares.
pub fn fuzz_sm2_verify(data: &[u8]) {
    use sm2::dsa::signature::Verifier as _;

    let (key, rest) = fuzz_take_chunk(data);
    let (id, rest) = fuzz_take_chunk(rest);
    let (signature, message) = fuzz_take_chunk(rest);
    let ours = baytrust_sm2::verify(key, id, message, signature);

    let ours_key = baytrust_sm2::VerifyingKey::from_sec1_bytes(key);
    if key.first() == Some(&0x05) {
        assert_eq!(ours_key, Err(baytrust_sm2::Error::PublicKeyEncoding));
        return;
    }
    let theirs_key = sm2::PublicKey::from_sec1_bytes(key);
    assert_eq!(
        ours_key.is_ok(),
        theirs_key.is_ok(),
        "key decoders disagree"
    );
    let ours_sig = baytrust_sm2::Signature::from_der(signature);
    let theirs_sig = sm2::dsa::Signature::from_der(signature);
    assert_eq!(
        ours_sig.is_ok(),
        theirs_sig.is_ok(),
        "signature decoders disagree"
    );
    if let (Ok(key), Ok(sig), Ok(id)) = (theirs_key, theirs_sig, std::str::from_utf8(id)) {
        let theirs = sm2::dsa::VerifyingKey::new(id, key)
            .map(|vk| vk.verify(message, &sig).is_ok())
            .unwrap_or(false);
        assert_eq!(ours.is_ok(), theirs, "verdicts disagree: ours {ours:?}");
    }
}
