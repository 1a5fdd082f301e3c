#!/bin/sh
# Certificates and signatures for baytrust's algorithm dispatch tests
# (crates/baytrust/tests/algorithm_openssl.rs), made with OpenSSL 3.0 (3.0.19):
#   pss/      RSA keys of type id-RSASSA-PSS (RFC 4055) as signer and as issuer, under
#             the test PKI's HK root and issuing CA (../pki)
#   sm2-explicit/  SM2 keys whose id-ecPublicKey parameters are explicit ECParameters
#             equal to sm2p256v1, as mainland CAs write them
# Run from anywhere: sh testdata/algorithm/make.sh. Keys made here live in a temporary
# directory and are thrown away, except the explicit-SM2 leaf's (a test key, NOT
# SECRET), which the tests sign CMS with since OpenSSL 3.0 cannot; the CAs of ../pki
# sign with their committed test keys.
# Certificates are valid for 10 years from the run (OpenSSL 3.0 `x509 -req` takes no
# start date); the tests validate at 2027-06-01.
set -eu
cd "$(dirname "$0")"
PKI=../pki
PKI_KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
CNF=openssl.cnf
KEYS=$(mktemp -d)
trap 'rm -rf "$KEYS"' EXIT
DISTID=distid:1234567812345678
mkdir -p pss sm2-explicit

# ---- pss/ -------------------------------------------------------------------------
# An id-RSASSA-PSS issuing CA (parameters: SHA-256, MGF1-SHA-256, salt at least 32),
# issued by the HK root with PKCS#1 v1.5 SHA-256.
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
    -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256 \
    -pkeyopt rsa_pss_keygen_saltlen:32 -out "$KEYS/pss-ca.key"
openssl req -new -config $CNF -key "$KEYS/pss-ca.key" \
    -subj "/C=HK/O=BayTrust Test Hong Kong Certification Authority/CN=BayTrust Test HK RSA-PSS Issuing CA" \
    -out "$KEYS/pss-ca.csr"
openssl x509 -req -in "$KEYS/pss-ca.csr" -CA $PKI/hk/root-ca.pem -CAkey $PKI_KEYS/hk-root-ca.key.pem \
    -set_serial 0x5501 -sha256 -days 3650 -extfile $CNF -extensions issuing_ca -out pss/issuing-ca.pem

# An organisation leaf with an ordinary rsaEncryption key, issued by the PSS CA: the
# certificate's signature is RSASSA-PSS with the maximum salt (222 bytes).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/org-under-pss-ca.key"
openssl req -new -config $CNF -key "$KEYS/org-under-pss-ca.key" \
    -subj "/C=HK/O=Pearl River PSS Trading Limited/OU=BRN 23456789-000/CN=LEE Ka Yan" \
    -out "$KEYS/org-under-pss-ca.csr"
openssl x509 -req -in "$KEYS/org-under-pss-ca.csr" -CA pss/issuing-ca.pem -CAkey "$KEYS/pss-ca.key" \
    -set_serial 0x5510 -sha256 -sigopt rsa_pss_saltlen:max -days 3650 -extfile $CNF -extensions hk_org \
    -out pss/org-under-pss-ca.pem

# An organisation leaf whose own key is id-RSASSA-PSS (no parameters), issued by the HK
# issuing CA with PKCS#1 v1.5.
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/org-pss-key.key"
openssl req -new -config $CNF -key "$KEYS/org-pss-key.key" \
    -subj "/C=HK/O=Lantau PSS Shipping Limited/OU=BRN 34567890-000/CN=WONG Siu Ming" \
    -out "$KEYS/org-pss-key.csr"
openssl x509 -req -in "$KEYS/org-pss-key.csr" -CA $PKI/hk/issuing-ca.pem -CAkey $PKI_KEYS/hk-issuing-ca.key.pem \
    -set_serial 0x5511 -sha256 -days 3650 -extfile $CNF -extensions hk_org -out pss/org-pss-key.pem

# CMS SignedData over ../cms/contract.txt (detached) by each leaf. Even for a PSS key,
# openssl cms writes rsaEncryption unless told rsa_padding_mode:pss; the salt is
# OpenSSL's default, the maximum.
openssl cms -sign -binary -in ../cms/contract.txt -outform DER -out pss/signed-by-pss-key.der \
    -signer pss/org-pss-key.pem -inkey "$KEYS/org-pss-key.key" -keyopt rsa_padding_mode:pss
# The same PSS key as openssl cms signs with it when not told: signatureAlgorithm
# rsaEncryption (PKCS#1 v1.5), which RFC 4055 §1.2 forbids for an id-RSASSA-PSS key.
openssl cms -sign -binary -in ../cms/contract.txt -outform DER -out pss/signed-by-pss-key-as-pkcs1.der \
    -signer pss/org-pss-key.pem -inkey "$KEYS/org-pss-key.key"
openssl cms -sign -binary -in ../cms/contract.txt -outform DER -out pss/signed-under-pss-ca.der \
    -signer pss/org-under-pss-ca.pem -inkey "$KEYS/org-under-pss-ca.key" -certfile pss/issuing-ca.pem

# Check back with openssl: both chains, both signatures.
openssl verify -CAfile $PKI/hk/root-ca.pem -untrusted pss/issuing-ca.pem pss/org-under-pss-ca.pem
openssl verify -CAfile $PKI/hk/root-ca.pem -untrusted $PKI/hk/issuing-ca.pem pss/org-pss-key.pem
cat $PKI/hk/root-ca.pem $PKI/hk/issuing-ca.pem > "$KEYS/hk.pem"
openssl cms -verify -binary -inform DER -in pss/signed-by-pss-key.der -content ../cms/contract.txt \
    -CAfile "$KEYS/hk.pem" -purpose any > /dev/null
openssl cms -verify -binary -inform DER -in pss/signed-under-pss-ca.der -content ../cms/contract.txt \
    -CAfile $PKI/hk/root-ca.pem -purpose any > /dev/null

# ---- sm2-explicit/ -----------------------------------------------------------------
# SM2 keys are made on the named curve; `openssl ec -param_enc explicit` writes their
# public keys with explicit ECParameters (p, a, b, G, n, h of sm2p256v1), and
# `x509 -force_pubkey` puts those into the certificates, signed SM2-with-SM3 (signer ID
# 1234567812345678) by the same private keys.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve -out "$KEYS/sm2-root.key"
openssl ec -in "$KEYS/sm2-root.key" -pubout -param_enc explicit -out "$KEYS/sm2-root.pub" 2>/dev/null
openssl req -new -config $CNF -key "$KEYS/sm2-root.key" -sm3 -sigopt $DISTID \
    -subj "/C=CN/O=BayTrust Test Explicit SM2 Certificate Authority/CN=BayTrust Test SM2 Explicit-Parameters Root CA" \
    -out "$KEYS/sm2-root.csr"
openssl x509 -req -in "$KEYS/sm2-root.csr" -signkey "$KEYS/sm2-root.key" -force_pubkey "$KEYS/sm2-root.pub" \
    -set_serial 0x5601 -sm3 -sigopt $DISTID -vfyopt $DISTID -days 3650 -extfile $CNF -extensions root_ca \
    -out sm2-explicit/root-ca.pem

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve -out "$KEYS/sm2-org.key"
mkdir -p sm2-explicit/test-keys-NOT-SECRET-DO-NOT-USE
cp "$KEYS/sm2-org.key" sm2-explicit/test-keys-NOT-SECRET-DO-NOT-USE/org.key.pem
openssl ec -in "$KEYS/sm2-org.key" -pubout -param_enc explicit -out "$KEYS/sm2-org.pub" 2>/dev/null
openssl req -new -config $CNF -utf8 -key "$KEYS/sm2-org.key" -sm3 -sigopt $DISTID \
    -subj "/C=CN/O=显式参数科技有限公司/2.5.4.97=NTRCN-91110000600037341L/CN=王芳" \
    -out "$KEYS/sm2-org.csr"
openssl x509 -req -in "$KEYS/sm2-org.csr" -CA sm2-explicit/root-ca.pem -CAkey "$KEYS/sm2-root.key" \
    -force_pubkey "$KEYS/sm2-org.pub" -set_serial 0x5610 -sm3 -sigopt $DISTID -vfyopt $DISTID \
    -days 3650 -extfile $CNF -extensions cn_org -out sm2-explicit/org.pem

# The leaf's explicit SubjectPublicKeyInfo (DER) and an SM2-with-SM3 signature of its
# key over ../kat/message.txt, for the raw known-answer test. (OpenSSL 3.0 cannot write
# an SM2 CMS SignedData: `cms -sign` fails with "illegal zero content".)
openssl ec -in "$KEYS/sm2-org.key" -pubout -param_enc explicit -outform DER -out sm2-explicit/org.spki.der 2>/dev/null
openssl pkeyutl -sign -rawin -digest sm3 -in ../kat/message.txt -inkey "$KEYS/sm2-org.key" \
    -pkeyopt $DISTID -out sm2-explicit/org-sm2-sm3.sig
openssl pkeyutl -verify -rawin -digest sm3 -in ../kat/message.txt -inkey "$KEYS/sm2-org.key" \
    -pkeyopt $DISTID -sigfile sm2-explicit/org-sm2-sm3.sig
# Explicit ECParameters of NIST P-256, which baytrust refuses (RFC 5480 §2.1.1).
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:explicit -out "$KEYS/p256.key"
openssl pkey -in "$KEYS/p256.key" -pubout -outform DER -out sm2-explicit/p256-explicit.spki.der
# The leaf's link, checked as openssl can (see ../pki/openssl-made.sh on SM2 chains).
openssl verify -partial_chain -vfyopt $DISTID -CAfile sm2-explicit/root-ca.pem sm2-explicit/org.pem
