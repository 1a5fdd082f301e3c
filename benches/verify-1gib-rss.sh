#!/bin/sh
# Peak memory of verify-sig verifying a 1 GiB detached file (issue target: under
# 64 MiB). Signs 1 GiB of random bytes with the sample's two signers (SM2 + RSA, so SM3
# and SHA-256 are both computed), then verifies it under GNU time and prints the peak
# resident set size. Run from the repository root: sh benches/verify-1gib-rss.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q --release -p baytrust-cli
head -c 1073741824 /dev/urandom > "$work/content.bin"
PKI=testdata/pki
KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
./target/release/baytrust sign \
  --cert $PKI/cn-sm2/org-qianhai-tech.pem --key $KEYS/cn-sm2-org-qianhai-tech.key.pem \
  --cert $PKI/hk/org-harbour-logistics.pem --key $KEYS/hk-org-harbour-logistics.key.pem \
  --chain $PKI/cn-sm2/issuing-ca.pem --chain $PKI/hk/issuing-ca.pem \
  --signing-time 2026-05-20T02:00:00Z --out "$work/content.p7s" "$work/content.bin"
/usr/bin/time -v ./target/release/verify-sig verify "$work/content.p7s" \
  --content "$work/content.bin" \
  --cafile $PKI/cn-sm2/root-ca.pem --cafile $PKI/hk/root-ca.pem \
  --attime 2026-06-01T00:00:00Z 2>&1 \
  | grep -E 'Verification|Maximum resident set size|Elapsed \(wall clock\)'
