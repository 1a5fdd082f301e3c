#!/bin/sh
# OpenSSL-made CMS SignedData samples for baytrust's CMS reader (tests/cms_openssl.rs).
# Made with OpenSSL 3.0 from the committed test PKI (../pki); run from anywhere:
#   sh testdata/cms/make.sh
# Signatures carry the signing time of the run (and ECDSA/PSS are randomised), so a
# rerun changes the bytes but not what the tests assert. README.md lists the files.
set -eu
cd "$(dirname "$0")"

PKI=../pki
KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
OUT=openssl
HARBOUR="-signer $PKI/hk/org-harbour-logistics.pem -inkey $KEYS/hk-org-harbour-logistics.key.pem"
KOWLOON="-signer $PKI/hk/org-kowloon-electronics.pem -inkey $KEYS/hk-org-kowloon-electronics.key.pem"
TAIPA="-signer $PKI/mo/org-taipa-foods.pem -inkey $KEYS/mo-org-taipa-foods.key.pem"
mkdir -p "$OUT"

# sign OUTPUT ARGS...: sign contract.txt byte for byte (-binary), DER output.
sign() {
    out=$1; shift
    openssl cms -sign -binary -in contract.txt -outform DER -out "$OUT/$out" "$@"
}

# RSA-2048 (Harbour Logistics, HK), SHA-256 unless said otherwise.
sign rsa-detached.der $HARBOUR
sign rsa-attached.der $HARBOUR -nodetach
# -stream writes BER: indefinite lengths, the content as a constructed OCTET STRING.
# (openssl cms ignores detachment with -stream -outform DER, so this one is attached.)
sign rsa-stream-attached.ber $HARBOUR -nodetach -stream
sign rsa-noattr-detached.der $HARBOUR -noattr
sign rsa-noattr-attached.der $HARBOUR -noattr -nodetach
sign rsa-nosmimecap.der $HARBOUR -nosmimecap
sign rsa-keyid.der $HARBOUR -keyid
sign rsa-cades.der $HARBOUR -cades
sign rsa-pss.der $HARBOUR -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:digest
# OpenSSL's default PSS salt is the maximum (222 bytes for RSA-2048 with SHA-256).
sign rsa-pss-maxsalt.der $HARBOUR -keyopt rsa_padding_mode:pss
sign rsa-sha1.der $HARBOUR -md sha1
sign rsa-nocerts.der $HARBOUR -nocerts
openssl cms -sign -binary -in contract.txt -outform PEM -out "$OUT/rsa-detached.cms.pem" $HARBOUR
openssl pkcs7 -inform DER -in "$OUT/rsa-detached.der" -outform PEM -out "$OUT/rsa-detached.pkcs7.pem"

# ECDSA: P-256 (Taipa Foods, MO) with SHA-256, P-384 (Kowloon Electronics, HK) with SHA-384.
sign ecdsa-p256.der $TAIPA
sign ecdsa-p256-noattr.der $TAIPA -noattr
sign ecdsa-p384.der $KOWLOON -md sha384

# Two signers on one SignedData.
sign two-signers.der $HARBOUR $TAIPA

# Tampered: the content with one byte changed (price 1,280,000 -> 1,980,000), and a
# copy of rsa-detached.der with one byte of the signature value flipped (xor 0x01).
sed 's/HKD 1,280,000/HKD 1,980,000/' contract.txt > contract-tampered.txt
cp "$OUT/rsa-detached.der" "$OUT/rsa-detached-badsig.der"
# The signature value is the last OCTET STRING of the file (no unsigned attributes).
last=$(openssl asn1parse -inform DER -in "$OUT/rsa-detached.der" | grep 'prim: OCTET STRING' | tail -n 1)
offset=$(echo "$last" | sed 's/^ *\([0-9]*\):.*/\1/')
header=$(echo "$last" | sed 's/.*hl=\([0-9]*\).*/\1/')
at=$((offset + header + 10))
byte=$(od -An -tu1 -j "$at" -N 1 "$OUT/rsa-detached.der" | tr -d ' ')
printf "$(printf '\\%03o' $((byte ^ 1)))" |
    dd of="$OUT/rsa-detached-badsig.der" bs=1 seek="$at" conv=notrunc 2>/dev/null

# Check every valid sample with OpenSSL itself at the tests' validation time.
ATTIME=1780272000 # 2026-06-01T00:00:00Z
# Roots and issuing CAs together: `cms -verify` has no -untrusted and its -certfile only
# finds signer certificates.
CAS=$(mktemp)
trap 'rm -f "$CAS"' EXIT
cat $PKI/hk/root-ca.pem $PKI/hk/issuing-ca.pem $PKI/mo/root-ca.pem $PKI/mo/issuing-ca.pem > "$CAS"
verify() {
    openssl cms -verify -binary -inform "$1" -in "$OUT/$2" -content contract.txt \
        -CAfile "$CAS" -attime "$ATTIME" -purpose any -out /dev/null
}
for f in rsa-detached.der rsa-attached.der rsa-stream-attached.ber \
    rsa-noattr-detached.der rsa-noattr-attached.der rsa-nosmimecap.der rsa-keyid.der \
    rsa-cades.der rsa-pss.der rsa-pss-maxsalt.der ecdsa-p256.der ecdsa-p256-noattr.der \
    ecdsa-p384.der two-signers.der; do
    printf '%s: ' "$f"
    verify DER "$f" 2>&1 | tail -n 1
done
for f in rsa-detached.cms.pem rsa-detached.pkcs7.pem; do
    printf '%s: ' "$f"
    verify PEM "$f" 2>&1 | tail -n 1
done
# The tampered samples must fail.
if verify DER rsa-detached-badsig.der 2>/dev/null; then echo "badsig verified" >&2; exit 1; fi
echo "rsa-detached-badsig.der: fails as it should"
if openssl cms -verify -binary -inform DER -in "$OUT/rsa-detached.der" -content contract-tampered.txt \
    -CAfile "$CAS" -attime "$ATTIME" -purpose any -out /dev/null 2>/dev/null; then
    echo "tampered content verified" >&2; exit 1
fi
echo "contract-tampered.txt: fails as it should"
