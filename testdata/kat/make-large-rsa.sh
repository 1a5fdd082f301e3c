#!/bin/sh
# Regenerates the RSA-8704 known-answer vectors (rsa8704-*) of
# crates/baytrust/tests/algorithm_kat.rs: a key above the 8192-bit maximum baytrust
# verifies with (Error::RsaKeyTooLarge), with genuine signatures that OpenSSL verifies,
# so the test shows the key is refused by its size, not for a bad signature. Made with
# OpenSSL 3.0 over message.txt (made by make.sh). The private key lives in a temporary
# directory and is thrown away: only the public key (SPKI, DER) and the signatures are
# committed. Every signature is checked back with `openssl pkeyutl -verify`.
set -eu
cd "$(dirname "$0")"
KEYS=$(mktemp -d)
trap 'rm -rf "$KEYS"' EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:8704 -out "$KEYS/rsa8704.key"
openssl pkey -in "$KEYS/rsa8704.key" -pubout -outform DER -out rsa8704.spki.der

# RSASSA-PKCS1-v1_5 / SHA-256 (ring's backend for a smaller key).
openssl pkeyutl -sign -rawin -digest sha256 -in message.txt -inkey "$KEYS/rsa8704.key" \
    -out rsa8704-pkcs1-sha256.sig
openssl pkeyutl -verify -rawin -digest sha256 -in message.txt -pubin -keyform DER \
    -inkey rsa8704.spki.der -sigfile rsa8704-pkcs1-sha256.sig

# RSASSA-PSS / SHA-256 with the maximum salt (RustCrypto `rsa`'s backend for a smaller
# key): emLen - hLen - 2 = 1088 - 32 - 2 = 1054 bytes.
openssl pkeyutl -sign -rawin -digest sha256 -in message.txt -inkey "$KEYS/rsa8704.key" \
    -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:1054 -out rsa8704-pss-sha256-salt1054.sig
openssl pkeyutl -verify -rawin -digest sha256 -in message.txt -pubin -keyform DER \
    -inkey rsa8704.spki.der -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:1054 \
    -sigfile rsa8704-pss-sha256-salt1054.sig
