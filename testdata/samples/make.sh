#!/bin/sh
# Makes the bundled cross-border sample: supply-contract.txt co-signed, detached, by a
# mainland company (SM2 certificate, testdata/pki/cn-sm2) and a Hong Kong company (RSA
# certificate, testdata/pki/hk). OpenSSL 3.0 cannot make SM2 CMS signatures, so
# baytrust's own signer makes it; the signing time is fixed so reruns differ only in
# the randomised parts of the signatures. Run from the repository root:
#   sh testdata/samples/make.sh
set -eu
PKI=testdata/pki
KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
cargo run -q -p baytrust-cli --bin baytrust -- sign \
  --cert $PKI/cn-sm2/org-qianhai-tech.pem --key $KEYS/cn-sm2-org-qianhai-tech.key.pem \
  --cert $PKI/hk/org-harbour-logistics.pem --key $KEYS/hk-org-harbour-logistics.key.pem \
  --chain $PKI/cn-sm2/issuing-ca.pem --chain $PKI/hk/issuing-ca.pem \
  --signing-time 2026-05-20T10:00:00+08:00 \
  --out testdata/samples/supply-contract.txt.p7s \
  testdata/samples/supply-contract.txt
