#!/bin/sh
# Makes the one RSA-8192 key of the CMS resource-attack tests
# (crates/baytrust/tests/cms_attack.rs). Only its public key is used: the tests put it
# into decoy copies of the HK issuing CA (same name and key identifier, other key), so
# that every wrong issuer a path builder tries costs an RSA-8192 verification.
# Run by hand from this directory; the output is committed and tests never regenerate it.
set -eu
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:8192 -out decoy-rsa-8192.key.pem
openssl pkey -in decoy-rsa-8192.key.pem -pubout -outform DER -out decoy-rsa-8192.spki.der
