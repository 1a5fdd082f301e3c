#!/bin/sh
# Signatures for the recognition scenarios (crates/baytrust/tests/recognition.rs): the
# sample contract signed, detached, by one organisation each, with `baytrust sign`
# (OpenSSL 3.0 cannot make SM2 CMS). Signing time fixed. Run from the repository root:
#   sh testdata/recognition/make.sh
set -eu
PKI=testdata/pki
KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
OUT=testdata/recognition
DATA=testdata/samples/supply-contract.txt
sign() { # out cert key chain
  cargo run -q -p baytrust-cli --bin baytrust -- sign --cert "$2" --key "$3" --chain "$4" \
    --signing-time 2026-01-20T10:00:00+08:00 --out "$OUT/$1" "$DATA"
}
sign cn-sm2-qianhai.p7s $PKI/cn-sm2/org-qianhai-tech.pem $KEYS/cn-sm2-org-qianhai-tech.key.pem $PKI/cn-sm2/issuing-ca.pem
sign cn-rsa-shenzhen.p7s $PKI/cn/org-shenzhen-bay-supply.pem $KEYS/cn-org-shenzhen-bay-supply.key.pem $PKI/cn/issuing-ca.pem
sign cn-bad-uscc.p7s $PKI/cn/org-bad-uscc.pem $KEYS/cn-org-bad-uscc.key.pem $PKI/cn/issuing-ca.pem
sign hk-harbour.p7s $PKI/hk/org-harbour-logistics.pem $KEYS/hk-org-harbour-logistics.key.pem $PKI/hk/issuing-ca.pem
sign hk-retired-ca.p7s $PKI/hk/org-retired-ca.pem $KEYS/hk-org-retired-ca.key.pem $PKI/hk/retired-issuing-ca.pem
sign hk-wrong-policy.p7s $PKI/edge/wrong-policy.pem $KEYS/edge-wrong-policy.key.pem $PKI/hk/issuing-ca.pem
sign hk-unlisted-issuing-ca.p7s $PKI/edge/leaf-name-constraint-ok.pem $KEYS/edge-leaf-name-constraint-ok.key.pem $PKI/edge/name-constrained-ca.pem
sign mo-taipa.p7s $PKI/mo/org-taipa-foods.pem $KEYS/mo-org-taipa-foods.key.pem $PKI/mo/issuing-ca.pem
