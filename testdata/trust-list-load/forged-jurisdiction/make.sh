#!/bin/sh
# Regression material for issue 8 §1 (trust-list operators pinned per jurisdiction) and
# §6 (a re-issued listed CA certificate), for crates/baytrust/tests/trust_list_load.rs,
# crates/baytrust/tests/recognition.rs and crates/baytrust-cli/tests/verify.rs. The
# attacker is the HK side (its CA key and its trust-list signer, both test keys from
# ../../pki): it issues a certificate naming a Shenzhen company and signs a list that
# claims to be the CN list. Made with OpenSSL 3.0 and the baytrust tools; run from
# anywhere:
#   sh testdata/trust-list-load/forged-jurisdiction/make.sh
# The leaf key is made only when missing; certificates have fixed serials and dates; the
# CMS signatures (RSA PKCS#1 v1.5, fixed signing times) are byte-identical on a rerun.
# README.md lists every file.
set -eu
cd "$(dirname "$0")"
REPO=../../..
PKI=../../pki
KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
OWN_KEYS=../keys-NOT-SECRET-DO-NOT-USE
baytrust() { (cd "$REPO" && cargo run -q -p baytrust-cli --bin baytrust -- "$@"); }
HERE=testdata/trust-list-load/forged-jurisdiction

FORGED_CA_DB=$(mktemp -d)
export FORGED_CA_DB
trap 'rm -rf "$FORGED_CA_DB"' EXIT
: > "$FORGED_CA_DB/index.txt"

# issue SERIAL START END EXTENSIONS OUT CA-CERT CA-KEY: issue $FORGED_CA_DB/req.pem.
issue() {
    echo "$1" > "$FORGED_CA_DB/serial"
    openssl ca -config openssl.cnf -batch -notext -utf8 -preserveDN \
        -startdate "$2" -enddate "$3" -extensions "$4" -in "$FORGED_CA_DB/req.pem" \
        -out "$5" -cert "$6" -keyfile "$7" 2>/dev/null
}

# --- the forged signer: a "Shenzhen company" certificate from the HK issuing CA -------
[ -f "$OWN_KEYS/forged-shenzhen.key.pem" ] ||
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
        -out "$OWN_KEYS/forged-shenzhen.key.pem"
openssl req -new -config openssl.cnf -utf8 -key "$OWN_KEYS/forged-shenzhen.key.pem" \
    -subj "/C=CN/O=深圳湾供应链有限公司/serialNumber=914403001922038216/CN=张伟" \
    -out "$FORGED_CA_DB/req.pem"
issue 7301 20250101000000Z 20280101000000Z forged_leaf forged-shenzhen.pem \
    "$PKI/hk/issuing-ca.pem" "$KEYS/hk-issuing-ca.key.pem"
openssl verify -attime 1780272000 -CAfile "$PKI/hk/root-ca.pem" \
    -untrusted "$PKI/hk/issuing-ca.pem" forged-shenzhen.pem

# The sample contract signed by it (detached), as a Shenzhen company would sign.
baytrust sign --cert "$HERE/forged-shenzhen.pem" \
    --key "$HERE/$OWN_KEYS/forged-shenzhen.key.pem" --chain testdata/pki/hk/issuing-ca.pem \
    --signing-time 2026-01-20T10:00:00+08:00 --out "$HERE/forged-shenzhen-contract.p7s" \
    testdata/samples/supply-contract.txt

# The same company named by organizationIdentifier (NTRCN-…) instead, for the genuine HK
# list: an HK list must not recognise a CN identifier either.
openssl req -new -config openssl.cnf -utf8 -key "$OWN_KEYS/forged-shenzhen.key.pem" \
    -subj "/C=CN/O=深圳湾供应链有限公司/organizationIdentifier=NTRCN-914403001922038216/CN=张伟" \
    -out "$FORGED_CA_DB/req.pem"
issue 7302 20250101000000Z 20280101000000Z forged_leaf forged-shenzhen-orgid.pem \
    "$PKI/hk/issuing-ca.pem" "$KEYS/hk-issuing-ca.key.pem"
baytrust sign --cert "$HERE/forged-shenzhen-orgid.pem" \
    --key "$HERE/$OWN_KEYS/forged-shenzhen.key.pem" --chain testdata/pki/hk/issuing-ca.pem \
    --signing-time 2026-01-20T10:00:00+08:00 --out "$HERE/forged-shenzhen-orgid-contract.p7s" \
    testdata/samples/supply-contract.txt

# --- the forged lists, signed by the HK trust-list signer -----------------------------
# forged-cn: claims "jurisdiction": "CN" with sequence 13 (the genuine CN list is 12) and
# lists HK's own root and issuing CA, reading the USCC from serialNumber.
cat > forged-cn.description.json <<'JSON'
{
  "format": "baytrust-trust-list/1",
  "jurisdiction": "CN",
  "operator": "BayTrust Test Guangdong Trust List Operator",
  "sequence": 13,
  "issued": "2026-02-01T00:00:00Z",
  "next_update": "2027-01-01T00:00:00Z",
  "services": [
    {
      "name": "CN Test Organisational Certificates (forged by HK)",
      "roots": ["../../pki/hk/root-ca.pem"],
      "issuing_cas": ["../../pki/hk/issuing-ca.pem"],
      "certificate_type": null,
      "policies": [{"oid": "2.16.344.8.2.2008.810.2", "match": "prefix"}],
      "identity": {
        "organisation": "subject:2.5.4.10",
        "org_id": "subject:2.5.4.5",
        "org_id_pattern": null,
        "authorised_person": "subject:2.5.4.3"
      },
      "status_history": [{"status": "recognised", "from": "2024-01-01T00:00:00Z", "until": null}]
    }
  ]
}
JSON
# empty-cn-max-sequence: claims CN, sequence 2^64-1, no service: would knock the genuine
# CN list out if any operator could speak for CN. Written by hand: jq would round the
# sequence through a double.
cat > empty-cn-max-sequence.json <<'JSON'
{
  "format": "baytrust-trust-list/1",
  "jurisdiction": "CN",
  "operator": "BayTrust Test Guangdong Trust List Operator",
  "sequence": 18446744073709551615,
  "issued": "2026-02-01T00:00:00Z",
  "next_update": "2027-01-01T00:00:00Z",
  "services": []
}
JSON
baytrust trust-list build "$HERE/forged-cn.description.json" --out "$HERE/forged-cn.json"
for list in forged-cn empty-cn-max-sequence; do
    baytrust trust-list sign --cert testdata/pki/hk/trust-list-signer.pem \
        --key testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-trust-list-signer.key.pem \
        --out "$HERE/$list.p7s" "$HERE/$list.json"
    # OpenSSL agrees the signature holds under the HK operator CA: only the
    # jurisdiction pinning refuses these lists.
    openssl cms -verify -binary -purpose any -inform DER -in "$list.p7s" \
        -CAfile "$PKI/hk/trust-list-operator-ca.pem" -attime 1780272000 -out /dev/null
done

# --- the HK issuing CA 2024, re-issued (same name and key, new serial and validity) ---
openssl x509 -x509toreq -in "$PKI/hk/issuing-ca.pem" -signkey "$KEYS/hk-issuing-ca.key.pem" \
    -out "$FORGED_CA_DB/req.pem" 2>/dev/null
issue 4899 20250601000000Z 20390101000000Z reissued_issuing_ca reissued-hk-issuing-ca.pem \
    "$PKI/hk/root-ca.pem" "$KEYS/hk-root-ca.key.pem"
openssl verify -attime 1780272000 -CAfile "$PKI/hk/root-ca.pem" \
    -untrusted reissued-hk-issuing-ca.pem "$PKI/hk/org-harbour-logistics.pem"
