#!/bin/sh
# The part of baytrust's test PKI that rcgen cannot sign, made with OpenSSL 3.0:
#   cn-sm2/            SM2-with-SM3 hierarchy (signer ID 1234567812345678)
#   edge/sha1-signed   sha1WithRSAEncryption, by the HK issuing CA
#   edge/rsa-1024      RSA-1024 subject key, signed SHA-256 by the HK issuing CA
# `cargo run -p baytrust-testpki -- testdata/pki` runs it last, from testdata/pki, after
# writing the HK CAs it signs with; to run it alone: `cd testdata/pki && sh openssl-made.sh`.
# Keys are made only when their file is missing. `openssl ca` (with openssl-ca.cnf
# beside this script) sets the fixed dates, since OpenSSL 3.0 `x509`/`req` cannot.
#
#
# The SM2 certificates are signed with the standard signer ID 1234567812345678
# (GM/T 0009). OpenSSL 3.0 `verify` applies -vfyopt distid:… only to the certificate
# being verified and checks every other link with its own default ID, so the whole
# chain in one `openssl verify` fails at depth 1 (openssl/openssl#23471), and a root's
# self-signature cannot be checked by `verify` at all (openssl/openssl#32744). The end
# of this script therefore checks each link on its own: issuing CA and leaf with
# `verify -partial_chain -vfyopt distid:…`, the root's self-signature with `dgst`.
set -eu

KEYS=test-keys-NOT-SECRET-DO-NOT-USE
DISTID=distid:1234567812345678
BAYTRUST_CA_DB=$(mktemp -d)
export BAYTRUST_CA_DB
trap 'rm -rf "$BAYTRUST_CA_DB"' EXIT
: > "$BAYTRUST_CA_DB/index.txt"
mkdir -p "$KEYS" cn-sm2 edge

# key NAME GENPKEY-ARGS...: make $KEYS/NAME.key.pem (PKCS#8) unless it exists.
key() {
    name=$1; shift
    [ -f "$KEYS/$name.key.pem" ] || openssl genpkey -quiet "$@" -out "$KEYS/$name.key.pem"
}

# csr KEY SUBJECT [REQ-ARGS...]: a request for KEY with SUBJECT, to $BAYTRUST_CA_DB/req.pem.
csr() {
    k=$1; subj=$2; shift 2
    openssl req -new -config openssl-ca.cnf -utf8 -key "$KEYS/$k.key.pem" -subj "$subj" \
        "$@" -out "$BAYTRUST_CA_DB/req.pem"
}

# sign SERIAL START END EXTENSIONS OUT CA-ARGS...: issue the request with a fixed
# serial (hex) and dates.
sign() {
    serial=$1; start=$2; end=$3; ext=$4; out=$5; shift 5
    echo "$serial" > "$BAYTRUST_CA_DB/serial"
    openssl ca -config openssl-ca.cnf -batch -notext -utf8 -preserveDN \
        -startdate "$start" -enddate "$end" -extensions "$ext" \
        -in "$BAYTRUST_CA_DB/req.pem" -out "$out" "$@" 2>/dev/null
}

ROOT_START=20200101000000Z;    ROOT_END=20450101000000Z
ISSUING_START=20240101000000Z; ISSUING_END=20400101000000Z
LEAF_START=20250101000000Z;    LEAF_END=20280101000000Z

# --- cn-sm2: SM2 root → SM2 issuing CA → organisation leaf ------------------
key cn-sm2-root-ca -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve
key cn-sm2-issuing-ca -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve
key cn-sm2-org-qianhai-tech -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve
SM2="-md sm3 -sigopt $DISTID -vfyopt $DISTID"

csr cn-sm2-root-ca "/C=CN/O=BayTrust Test Guangdong Certificate Authority/CN=BayTrust Test CN SM2 Root CA" \
    -sm3 -sigopt "$DISTID"
sign 5301 $ROOT_START $ROOT_END sm2_root cn-sm2/root-ca.pem \
    -selfsign -keyfile "$KEYS/cn-sm2-root-ca.key.pem" $SM2

csr cn-sm2-issuing-ca "/C=CN/O=BayTrust Test Guangdong Certificate Authority/CN=BayTrust Test CN SM2 Issuing CA 2024" \
    -sm3 -sigopt "$DISTID"
sign 5302 $ISSUING_START $ISSUING_END sm2_issuing cn-sm2/issuing-ca.pem \
    -cert cn-sm2/root-ca.pem -keyfile "$KEYS/cn-sm2-root-ca.key.pem" $SM2

csr cn-sm2-org-qianhai-tech "/C=CN/O=前海科技有限公司/2.5.4.97=NTRCN-91110000600037341L/CN=刘洋" \
    -sm3 -sigopt "$DISTID"
sign 5310 $LEAF_START $LEAF_END sm2_org_qianhai_tech cn-sm2/org-qianhai-tech.pem \
    -cert cn-sm2/issuing-ca.pem -keyfile "$KEYS/cn-sm2-issuing-ca.key.pem" $SM2
cat cn-sm2/org-qianhai-tech.pem cn-sm2/issuing-ca.pem > cn-sm2/org-qianhai-tech-chain.pem

# --- edge cases signed by the (rcgen-made, RSA) HK issuing CA ---------------
HK_CA="-cert hk/issuing-ca.pem -keyfile $KEYS/hk-issuing-ca.key.pem"

key edge-sha1-signed -algorithm RSA -pkeyopt rsa_keygen_bits:2048
csr edge-sha1-signed "/C=HK/O=Edge Case Testing Limited/OU=BRN 99999999-000/CN=TEST SHA-1 Signed"
sign 00E101 $LEAF_START $LEAF_END hk_org_leaf edge/sha1-signed.pem $HK_CA -md sha1
cat edge/sha1-signed.pem hk/issuing-ca.pem > edge/sha1-signed-chain.pem

key edge-rsa-1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
csr edge-rsa-1024 "/C=HK/O=Edge Case Testing Limited/OU=BRN 99999999-000/CN=TEST RSA 1024"
sign 00E102 $LEAF_START $LEAF_END hk_org_leaf edge/rsa-1024.pem $HK_CA -md sha256
cat edge/rsa-1024.pem hk/issuing-ca.pem > edge/rsa-1024-chain.pem

# --- check the SM2 links (see the header) -----------------------------------
AT=1780272000 # 2026-06-01T00:00:00Z, the tests' validation time
openssl verify -attime $AT -vfyopt "$DISTID" -partial_chain -CAfile cn-sm2/root-ca.pem cn-sm2/issuing-ca.pem
openssl verify -attime $AT -vfyopt "$DISTID" -partial_chain -CAfile cn-sm2/issuing-ca.pem cn-sm2/org-qianhai-tech.pem
# Root self-signature: tbsCertificate is the first element of the outer SEQUENCE
# (depth 1), the signature the last BIT STRING at depth 1.
ROOT_DER=$BAYTRUST_CA_DB/root.der
openssl x509 -in cn-sm2/root-ca.pem -outform DER -out "$ROOT_DER"
TBS_AT=$(openssl asn1parse -inform DER -in "$ROOT_DER" | awk -F: '/d=1/ { print $1 + 0; exit }')
SIG_AT=$(openssl asn1parse -inform DER -in "$ROOT_DER" | awk -F: '/d=1/ && /BIT STRING/ { at = $1 + 0 } END { print at }')
openssl asn1parse -inform DER -in "$ROOT_DER" -strparse "$TBS_AT" -noout -out "$BAYTRUST_CA_DB/tbs"
openssl asn1parse -inform DER -in "$ROOT_DER" -strparse "$SIG_AT" -noout -out "$BAYTRUST_CA_DB/sig"
openssl x509 -in cn-sm2/root-ca.pem -noout -pubkey > "$BAYTRUST_CA_DB/root.pub"
printf 'cn-sm2/root-ca.pem self-signature: '
openssl dgst -sm3 -verify "$BAYTRUST_CA_DB/root.pub" -sigopt "$DISTID" \
    -signature "$BAYTRUST_CA_DB/sig" "$BAYTRUST_CA_DB/tbs"
