#!/bin/sh
# OpenSSL-made attack certificates for crates/baytrust/tests/attacks.rs
# (`openssl_made_attacks_are_refused_like_openssl_verify_x509_strict`). Made with
# OpenSSL 3.0; run from anywhere: sh testdata/attacks/make.sh. Keys are throwaway
# P-256 keys kept beside the certificates (NOT SECRET, DO NOT USE). Each NAME.pem is a
# leaf; NAME.chain.pem its intermediates. The expected verdict of every file is
# asserted by the test, which also asks `openssl verify -x509_strict` for its own
# (openssl-verify.txt is its answer at the test's time, 2027-06-01T00:00:00Z: the
# certificates are valid for ten years from the run, made 2026-12-01).
set -eu
cd "$(dirname "$0")"
K=keys-NOT-SECRET-DO-NOT-USE
mkdir -p "$K"
key() { [ -f "$K/$1.pem" ] || openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/$1.pem"; }
for k in root issuing leaf; do key $k; done
DAYS="-days 3650"
EXT=$(mktemp); trap 'rm -f "$EXT" req.csr' EXIT

# issue NAME SUBJECT ISSUER_CERT ISSUER_KEY KEY SERIAL EXTENSIONS...
issue() {
    name=$1 subj=$2 icert=$3 ikey=$4 k=$5 serial=$6; shift 6
    printf '%s\n' "$@" > "$EXT"
    openssl req -new -key "$K/$k.pem" -subj "$subj" -out req.csr
    openssl x509 -req -in req.csr -CA "$icert" -CAkey "$K/$ikey.pem" -set_serial "$serial" \
        $DAYS -extfile "$EXT" -out "$name" 2>/dev/null
}

openssl req -new -x509 -key "$K/root.pem" -subj "/C=HK/O=Attack Root Operator/CN=Attack Root CA" \
    -set_serial 1 $DAYS -out root.pem \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -addext "nameConstraints=critical,excluded;DNS:evil.example,excluded;email:evil.example"

CA_EXT='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
LEAF='keyUsage=critical,digitalSignature,nonRepudiation
authorityKeyIdentifier=keyid'

issue issuing.pem "/C=HK/O=Attack Root Operator/CN=Attack Issuing CA" root.pem root issuing 2 "$CA_EXT"
# A well-formed control leaf.
issue good.pem "/C=HK/O=Attack Test Limited/CN=Good Signer" issuing.pem issuing leaf 100 "$LEAF" "subjectAltName=DNS:good.example"
# The root's nameConstraints exclude evil.example (RFC 5937 §3).
issue nc-root-excluded-dns.pem "/C=HK/O=Attack Test Limited/CN=Evil Signer" issuing.pem issuing leaf 101 "$LEAF" "subjectAltName=DNS:www.EVIL.example"
issue nc-root-excluded-email.pem "/C=HK/O=Attack Test Limited/CN=Evil Mailer" issuing.pem issuing leaf 102 "$LEAF" "subjectAltName=email:ceo@EVIL.example"
# Unknown critical extension in the leaf.
issue critical-unknown.pem "/C=HK/O=Attack Test Limited/CN=Critical Signer" issuing.pem issuing leaf 103 "$LEAF" "1.3.6.1.4.1.55555.7=critical,ASN1:NULL"
# 21-octet serial (RFC 5280 §4.1.2.2).
issue serial-21-octets.pem "/C=HK/O=Attack Test Limited/CN=Long Serial" issuing.pem issuing leaf 0x7f0102030405060708090a0b0c0d0e0f1011121314 "$LEAF"
# pathLenConstraint without cA (RFC 5280 §4.2.1.9).
issue pathlen-without-ca.pem "/C=HK/O=Attack Test Limited/CN=Pathlen Signer" issuing.pem issuing leaf 104 "$LEAF" "basicConstraints=critical,CA:FALSE,pathlen:0"
# Duplicate certificate policy OID (RFC 5280 §4.2.1.4).
issue policy-repeated.pem "/C=HK/O=Attack Test Limited/CN=Policy Signer" issuing.pem issuing leaf 105 "$LEAF" "certificatePolicies=1.2.3.4,1.2.3.4"
# Relative URI in subjectAltName (RFC 5280 §4.2.1.6).
issue san-relative-uri.pem "/C=HK/O=Attack Test Limited/CN=URI Signer" issuing.pem issuing leaf 106 "$LEAF" "subjectAltName=URI:no-scheme"
# An intermediate with cA FALSE, and one without keyCertSign, each issuing a leaf.
issue not-ca.chain.pem "/C=HK/O=Attack Root Operator/CN=Not A CA" root.pem root issuing 3 "basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid"
issue not-ca.pem "/C=HK/O=Attack Test Limited/CN=Under Not A CA" not-ca.chain.pem issuing leaf 107 "$LEAF"
issue no-key-cert-sign.chain.pem "/C=HK/O=Attack Root Operator/CN=No keyCertSign CA" root.pem root issuing 4 "basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid"
issue no-key-cert-sign.pem "/C=HK/O=Attack Test Limited/CN=Under No keyCertSign" no-key-cert-sign.chain.pem issuing leaf 108 "$LEAF"
# A CA certificate as the signing end entity.
issue ca-as-leaf.pem "/C=HK/O=Attack Test Limited/CN=CA As Signer" issuing.pem issuing leaf 109 "basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid"

for f in *.pem; do
    case $f in root.pem|issuing.pem|*.chain.pem) continue;; esac
    chain=issuing.pem; [ -f "${f%.pem}.chain.pem" ] && chain=${f%.pem}.chain.pem
    printf '%s: ' "$f"
    out=$(openssl verify -x509_strict -attime 1811808000 -purpose any -CAfile root.pem -untrusted "$chain" "$f" 2>&1 || true)
    echo "$out" | grep -m1 '^error [0-9]' || echo "$out" | tail -1
done > openssl-verify.txt
cat openssl-verify.txt
