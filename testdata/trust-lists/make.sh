#!/bin/sh
# Builds the bundled trust lists from their descriptions and signs them with each
# jurisdiction's trust-list signer (testdata/pki/<j>/trust-list-signer.pem), as
# attached CMS SignedData in DER. Run from anywhere: sh testdata/trust-lists/make.sh
# CN and HK (RSA) come out byte-identical on a rerun; MO's ECDSA signature is randomised.
set -eu
cd "$(dirname "$0")"
baytrust() { cargo run -q -p baytrust-cli --bin baytrust -- "$@"; }
keys=../pki/test-keys-NOT-SECRET-DO-NOT-USE

for j in cn hk mo; do
    baytrust trust-list build "$j.description.json" --out "$j.json"
    baytrust trust-list sign --cert "../pki/$j/trust-list-signer.pem" \
        --key "$keys/$j-trust-list-signer.key.pem" --out "$j.p7s" "$j.json"
done
