#!/bin/sh
# Regenerates the known-answer vectors of crates/baytrust/tests/algorithm_kat.rs.
# Made with OpenSSL 3.0 (3.0.19). Private keys live in a temporary directory and are
# thrown away: only messages, public keys (SPKI, DER) and signatures are committed.
# Every signature is checked back with `openssl pkeyutl -verify` before the script ends.
set -eu
cd "$(dirname "$0")"
KEYS=$(mktemp -d)
trap 'rm -rf "$KEYS"' EXIT

printf 'baytrust known-answer test: the quick brown fox jumps over the lazy dog\n' > message.txt

# spki NAME: write NAME.spki.der from $KEYS/NAME.key
spki() { openssl pkey -in "$KEYS/$1.key" -pubout -outform DER -out "$1.spki.der"; }
# sign KEY DIGEST OUT [pkeyopt...]: sign message.txt, then verify it with openssl
sign() {
    key=$1 digest=$2 out=$3; shift 3
    opts=""
    for o in "$@"; do opts="$opts -pkeyopt $o"; done
    # shellcheck disable=SC2086
    openssl pkeyutl -sign -rawin -digest "$digest" -in message.txt -inkey "$KEYS/$key.key" $opts -out "$out"
    # shellcheck disable=SC2086
    openssl pkeyutl -verify -rawin -digest "$digest" -in message.txt -pubin -keyform DER \
        -inkey "$key.spki.der" $opts -sigfile "$out"
}

# RSA-2048: PKCS#1 v1.5 with SHA-256/384/512, and RSASSA-PSS SHA-256 (salt = 32 bytes).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/rsa2048.key"
spki rsa2048
sign rsa2048 sha256 rsa2048-pkcs1-sha256.sig
sign rsa2048 sha384 rsa2048-pkcs1-sha384.sig
sign rsa2048 sha512 rsa2048-pkcs1-sha512.sig
sign rsa2048 sha256 rsa2048-pss-sha256.sig rsa_padding_mode:pss rsa_pss_saltlen:digest

# RSA-1024: below the 2048-bit floor; a valid signature that must still be refused.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$KEYS/rsa1024.key"
spki rsa1024
sign rsa1024 sha256 rsa1024-pkcs1-sha256.sig

# ECDSA P-256 and P-384, each with SHA-256 and SHA-384 (signatures are DER SEQUENCE{r,s}).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$KEYS/p256.key"
spki p256
sign p256 sha256 p256-sha256.sig
sign p256 sha384 p256-sha384.sig
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$KEYS/p384.key"
spki p384
sign p384 sha384 p384-sha384.sig
sign p384 sha256 p384-sha256.sig

# Ed25519 (PureEdDSA: no digest; pkeyutl -rawin signs the message itself).
openssl genpkey -algorithm ED25519 -out "$KEYS/ed25519.key"
spki ed25519
openssl pkeyutl -sign -rawin -in message.txt -inkey "$KEYS/ed25519.key" -out ed25519.sig
openssl pkeyutl -verify -rawin -in message.txt -pubin -keyform DER -inkey ed25519.spki.der -sigfile ed25519.sig

# SM2-with-SM3 (GM/T 0003, GB/T 32918): the default signer ID, and a non-default one.
openssl genpkey -algorithm SM2 -out "$KEYS/sm2.key"
spki sm2
sign sm2 sm3 sm2-sm3.sig distid:1234567812345678
sign sm2 sm3 sm2-sm3-distid-alice.sig distid:ALICE123@YAHOO.COM
# The same SM2 key with sm2p256v1 (1.2.156.10197.1.301) as the SPKI algorithm OID itself,
# parameters absent, as some issuers write it: SEQUENCE { SEQUENCE { OID }, BIT STRING }.
# The BIT STRING (03 42 00 04 x y) is the last 68 bytes of sm2.spki.der.
{ printf '\060\120\060\012\006\010\052\201\034\317\125\001\202\055'; tail -c 68 sm2.spki.der; } > sm2-algorithm-oid.spki.der
openssl asn1parse -inform DER -in sm2-algorithm-oid.spki.der > /dev/null
