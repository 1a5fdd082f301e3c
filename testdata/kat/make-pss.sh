#!/bin/sh
# Regenerates the RSASSA-PSS salt-length known-answer vectors (pss-*) of
# crates/baytrust/tests/algorithm_pss.rs, beside the older vectors of make.sh (which it
# leaves alone). Made with OpenSSL 3.0 (3.0.19) over message.txt (made by make.sh).
# Private keys live in a temporary directory and are thrown away: only public keys
# (SPKI, DER) and signatures are committed. Every signature is checked back with
# `openssl pkeyutl -verify` before the script ends.
set -eu
cd "$(dirname "$0")"
KEYS=$(mktemp -d)
trap 'rm -rf "$KEYS"' EXIT

# sign KEY DIGEST SALT OUT: RSASSA-PSS over message.txt with a salt of SALT bytes
# (MGF1 with DIGEST), then verify it with openssl.
sign() {
    key=$1 digest=$2 salt=$3 out=$4
    openssl pkeyutl -sign -rawin -digest "$digest" -in message.txt -inkey "$KEYS/$key.key" \
        -pkeyopt rsa_padding_mode:pss -pkeyopt "rsa_pss_saltlen:$salt" -out "$out"
    openssl pkeyutl -verify -rawin -digest "$digest" -in message.txt -pubin -keyform DER \
        -inkey "$key.spki.der" -pkeyopt rsa_padding_mode:pss -pkeyopt "rsa_pss_saltlen:$salt" \
        -sigfile "$out"
}
# Keys of type RSA-PSS take no rsa_padding_mode (PSS is their only padding).
sign_pss_key() {
    key=$1 digest=$2 salt=$3 out=$4
    openssl pkeyutl -sign -rawin -digest "$digest" -in message.txt -inkey "$KEYS/$key.key" \
        -pkeyopt "rsa_pss_saltlen:$salt" -out "$out"
    openssl pkeyutl -verify -rawin -digest "$digest" -in message.txt -pubin -keyform DER \
        -inkey "$key.spki.der" -pkeyopt "rsa_pss_saltlen:$salt" -sigfile "$out"
}
spki() { openssl pkey -in "$KEYS/$1.key" -pubout -outform DER -out "$1.spki.der"; }

# An rsaEncryption RSA-2048 key: PSS with salt 0, the hash length (32, what ring
# verifies), and the maximum emLen - hLen - 2 = 256 - 32 - 2 = 222 (OpenSSL's default);
# SHA-384 with its maximum 256 - 48 - 2 = 206.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/pss-rsa2048.key"
spki pss-rsa2048
sign pss-rsa2048 sha256 0 pss-rsa2048-sha256-salt0.sig
sign pss-rsa2048 sha256 32 pss-rsa2048-sha256-salt32.sig
sign pss-rsa2048 sha256 222 pss-rsa2048-sha256-salt222.sig
sign pss-rsa2048 sha384 206 pss-rsa2048-sha384-salt206.sig

# An id-RSASSA-PSS key whose parameters say SHA-256, MGF1-SHA-256, salt at least 32
# (RFC 4055 §3.1): salts 32 and 64 fit the constraint.
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 \
    -pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32 -out "$KEYS/pss-key-sha256.key"
spki pss-key-sha256
sign_pss_key pss-key-sha256 sha256 32 pss-key-sha256-salt32.sig
sign_pss_key pss-key-sha256 sha256 64 pss-key-sha256-salt64.sig

# An id-RSASSA-PSS key without parameters (no constraint), signing SHA-384 with salt 48.
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/pss-key-open.key"
spki pss-key-open
sign_pss_key pss-key-open sha384 48 pss-key-open-sha384-salt48.sig
