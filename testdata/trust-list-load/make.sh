#!/bin/sh
# Fixtures of crates/baytrust/tests/trust_list_load.rs: test trust-list operators, the
# list documents, their CMS signatures and the schema cases. Made with OpenSSL 3.0 and
# jq from the committed HK test PKI (../pki/hk); run from anywhere:
#   sh testdata/trust-list-load/make.sh
# Keys are made only when their file is missing. Certificates have fixed serials and
# dates; signatures carry the signing time of the run, so a rerun changes the bytes of
# signed/ (and of the certificates, if keys were remade) but not what the tests assert.
# README.md lists every file.
set -eu
cd "$(dirname "$0")"

KEYS=keys-NOT-SECRET-DO-NOT-USE
TRUST_LIST_CA_DB=$(mktemp -d)
export TRUST_LIST_CA_DB
trap 'rm -rf "$TRUST_LIST_CA_DB"' EXIT
: > "$TRUST_LIST_CA_DB/index.txt"
mkdir -p "$KEYS" lists signed schema-cases/accept schema-cases/reject schema-cases/beyond-schema

# --- operators ---------------------------------------------------------------------

# key NAME: an RSA-2048 PKCS#8 key $KEYS/NAME.key.pem, unless it exists.
key() {
    [ -f "$KEYS/$1.key.pem" ] ||
        openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/$1.key.pem"
}

# cert NAME SUBJECT SERIAL START END EXTENSIONS [ISSUER]: NAME.pem for key NAME, issued
# by ISSUER (NAME.pem and $KEYS/ISSUER.key.pem), or self-signed without ISSUER.
cert() {
    name=$1; subj=$2; serial=$3; start=$4; end=$5; ext=$6; issuer=${7:-}
    openssl req -new -config openssl.cnf -utf8 -key "$KEYS/$name.key.pem" -subj "$subj" \
        -out "$TRUST_LIST_CA_DB/req.pem"
    echo "$serial" > "$TRUST_LIST_CA_DB/serial"
    if [ -z "$issuer" ]; then
        set -- -selfsign -keyfile "$KEYS/$name.key.pem"
    else
        set -- -cert "$issuer.pem" -keyfile "$KEYS/$issuer.key.pem"
    fi
    openssl ca -config openssl.cnf -batch -notext -utf8 -preserveDN \
        -startdate "$start" -enddate "$end" -extensions "$ext" \
        -in "$TRUST_LIST_CA_DB/req.pem" -out "$name.pem" "$@" 2>/dev/null
}

for k in operator-ca signer rogue-ca rogue-signer; do key "$k"; done
cert operator-ca "/C=HK/O=BayTrust Load-Test List Authority/CN=BayTrust Load-Test Operator CA" \
    7101 20250101000000Z 20350101000000Z operator_ca
cert signer "/C=HK/O=BayTrust Load-Test List Authority/CN=BayTrust Load-Test List Signer" \
    7102 20250101000000Z 20280101000000Z list_signer operator-ca
# Not under the configured operator: a CA nobody pins, and its signer.
cert rogue-ca "/C=HK/O=Rogue List Publisher/CN=Rogue Operator CA" \
    7201 20250101000000Z 20350101000000Z operator_ca
cert rogue-signer "/C=HK/O=Rogue List Publisher/CN=Rogue List Signer" \
    7202 20250101000000Z 20280101000000Z list_signer rogue-ca
openssl verify -attime 1780272000 -CAfile operator-ca.pem signer.pem
openssl verify -attime 1780272000 -CAfile rogue-ca.pem rogue-signer.pem

# --- list documents ------------------------------------------------------------------

b64() { openssl x509 -in "$1" -outform DER | base64 -w0; }
HK_ROOT=$(b64 ../pki/hk/root-ca.pem)
HK_ISSUING=$(b64 ../pki/hk/issuing-ca.pem)
HK_RETIRED=$(b64 ../pki/hk/retired-issuing-ca.pem)

# lists/list.json: the HK list, sequence 7, issued 2026-01-01, next update 2026-07-01;
# one service for the current issuing CA, one for the retired one (recognised
# 2018-01-01 until 2024-07-01, withdrawn since). Also the example of docs/trust-list.md.
jq -n --arg root "$HK_ROOT" --arg issuing "$HK_ISSUING" --arg retired "$HK_RETIRED" '
{
  format: "baytrust-trust-list/1",
  jurisdiction: "HK",
  operator: "BayTrust Test HK Trust List Authority",
  sequence: 7,
  issued: "2026-01-01T00:00:00Z",
  next_update: "2026-07-01T00:00:00Z",
  services: [
    {
      name: "BayTrust Test HK Organisational Certificates (Issuing CA 2024)",
      roots: [$root],
      issuing_cas: [$issuing],
      certificate_type: null,
      policies: [{oid: "2.16.344.8.2.2008.810.2", match: "prefix"}],
      identity: {
        organisation: "subject:2.5.4.10",
        org_id: "subject:2.5.4.11",
        org_id_pattern: "^BRN\\s*([CF]?[0-9][0-9-]*)$",
        authorised_person: "subject:2.5.4.3"
      },
      status_history: [
        {status: "recognised", from: "2024-01-01T00:00:00Z", until: null}
      ]
    },
    {
      name: "BayTrust Test HK Organisational Certificates (Issuing CA 2018, retired)",
      roots: [$root],
      issuing_cas: [$retired],
      certificate_type: null,
      policies: [{oid: "2.16.344.8.2.2008.810.2.2018.1.1", match: "exact"}],
      identity: {
        organisation: "subject:2.5.4.10",
        org_id: "subject:2.5.4.11",
        org_id_pattern: "^BRN\\s*([CF]?[0-9][0-9-]*)$",
        authorised_person: "subject:2.5.4.3"
      },
      status_history: [
        {status: "recognised", from: "2018-01-01T00:00:00Z", until: "2024-07-01T00:00:00Z"},
        {status: "withdrawn", from: "2024-07-01T00:00:00Z", until: null}
      ]
    }
  ]
}' > lists/list.json

# derive OUT JQ-FILTER: lists/OUT from lists/list.json through a jq filter.
derive() { jq "$2" lists/list.json > "lists/$1"; }
derive stale.json '.sequence = 6 | .issued = "2025-12-01T00:00:00Z" | .next_update = "2026-03-01T00:00:00Z"'
derive unknown-field.json '. + {comment: "not a field of baytrust-trust-list/1"}'
derive unknown-format.json '.format = "baytrust-trust-list/2"'
derive bad-base64.json '.services[0].roots[0] |= "*" + .'
derive overlapping-periods.json '.services[1].status_history[1].from = "2024-06-01T00:00:00Z"'
derive pattern-without-group.json '.services[0].identity.org_id_pattern = "^BRN\\s*[0-9]{8}"'
head -c 300 lists/list.json > lists/malformed.json

# --- signatures ----------------------------------------------------------------------

SIGNER="-signer signer.pem -inkey $KEYS/signer.key.pem"
ROGUE="-signer rogue-signer.pem -inkey $KEYS/rogue-signer.key.pem"
# sign OUT LIST ARGS...: sign lists/LIST byte for byte (-binary), DER output.
sign() {
    out=$1; in=$2; shift 2
    openssl cms -sign -binary -in "lists/$in" -outform DER -out "signed/$out" "$@"
}
sign list.der list.json $SIGNER -nodetach
openssl cms -sign -binary -in lists/list.json -outform PEM -out signed/list.cms.pem $SIGNER -nodetach
sign list-stream.ber list.json $SIGNER -nodetach -stream
sign detached.der list.json $SIGNER
sign rogue-signer.der list.json $ROGUE -nodetach
sign one-signer-rogue.der list.json $SIGNER $ROGUE -nodetach
sign nocerts.der list.json $SIGNER -nodetach -nocerts
# id-ct-TSTInfo stands for any content type other than id-data.
sign econtent-type.der list.json $SIGNER -nodetach -econtent_type 1.2.840.113549.1.9.16.1.4
for list in stale unknown-field unknown-format bad-base64 overlapping-periods \
    pattern-without-group malformed; do
    sign "$list.der" "$list.json" $SIGNER -nodetach
done

# Tampered: list.der with one byte of the encapsulated JSON changed ("Trust List
# Authority" -> "Xrust List Authority"): still valid JSON, no longer what was signed.
cp signed/list.der signed/tampered.der
at=$(grep -obUa 'Trust List Authority' signed/tampered.der | head -n 1 | cut -d: -f1)
printf 'X' | dd of=signed/tampered.der bs=1 seek="$at" conv=notrunc 2>/dev/null

# Cross-check with OpenSSL at 2026-06-01T00:00:00Z: the good ones verify against the
# operator CA, the tampered one does not.
for f in list.der list-stream.ber stale.der; do
    openssl cms -verify -binary -inform DER -in "signed/$f" -CAfile operator-ca.pem \
        -attime 1780272000 -out /dev/null
done
if openssl cms -verify -binary -inform DER -in signed/tampered.der -CAfile operator-ca.pem \
    -attime 1780272000 -out /dev/null 2>/dev/null; then
    echo "tampered.der verified" >&2; exit 1
fi

# --- schema cases (README.md: one file per case, named <expected error kind>--<case>) --

A=schema-cases/accept; R=schema-cases/reject; B=schema-cases/beyond-schema
case_() { dir=$1; out=$2; jq "$3" lists/list.json > "$dir/$out.json"; }
cp lists/list.json "$A/ok--list.json"
case_ "$A" ok--minimal '.services |= [.[0] | del(.certificate_type)
    | .identity |= del(.org_id_pattern, .authorised_person)
    | .identity.org_id = "subject:2.5.4.97"
    | .policies = [{oid: "2.16.344.8.2.2008.810.2.2018.1.1", match: "exact"}]
    | .status_history = [{status: "recognised", from: "2024-01-01T00:00:00Z"}]]'
case_ "$A" ok--certificate-type-offsets-fractions '.issued = "2026-01-01T08:00:00+08:00"
    | .next_update = "2026-06-30T23:59:59.5Z"
    | .services[0].certificate_type = {attribute: "extension:1.3.6.1.4.1.55555.7", value: "Organisational"}
    | .services[0].status_history = [
        {status: "suspended", from: "2024-01-01T00:00:00Z", until: "2024-02-01T00:00:00-05:00"},
        {status: "recognised", from: "2024-02-01T05:00:00Z", until: null}]'
case_ "$A" ok--no-services '.services = []'

case_ "$R" TrustListMalformed--unknown-field '. + {comment: "x"}'
case_ "$R" TrustListMalformed--unknown-service-field '.services[0].note = "x"'
case_ "$R" TrustListMalformed--unknown-period-field '.services[0].status_history[0].reason = "x"'
case_ "$R" TrustListMalformed--missing-next-update 'del(.next_update)'
case_ "$R" TrustListMalformed--missing-status-history 'del(.services[0].status_history)'
case_ "$R" TrustListFormatUnknown--format-2 '.format = "baytrust-trust-list/2"'
case_ "$R" UnknownJurisdiction--lower-case '.jurisdiction = "hk"'
case_ "$R" UnknownJurisdiction--not-gba '.jurisdiction = "TW"'
case_ "$R" TrustListMalformed--sequence-negative '.sequence = -1'
case_ "$R" TrustListMalformed--sequence-string '.sequence = "7"'
case_ "$R" TrustListMalformed--time-date-only '.issued = "2026-01-01"'
case_ "$R" TrustListMalformed--time-no-offset '.next_update = "2026-07-01T00:00:00"'
case_ "$R" TrustListMalformed--bad-base64 '.services[0].roots[0] |= "*" + .'
case_ "$R" TrustListMalformed--base64-line-breaks '.services[0].roots[0] |= (.[0:64] + "\n" + .[64:])'
case_ "$R" TrustListMalformed--base64-unpadded '.services[0].issuing_cas[0] = "AAAAAA"'
case_ "$R" TrustListMalformed--pem-headers '.services[0].roots[0] |= "-----BEGIN CERTIFICATE-----" + . + "-----END CERTIFICATE-----"'
case_ "$R" TrustListMalformed--empty-roots '.services[0].roots = []'
case_ "$R" TrustListMalformed--empty-issuing-cas '.services[0].issuing_cas = []'
case_ "$R" TrustListMalformed--empty-policies '.services[0].policies = []'
case_ "$R" TrustListMalformed--policy-oid-trailing-dot '.services[0].policies[0].oid = "2.16.344.8.2.2008.810.2."'
case_ "$R" TrustListMalformed--policy-match-capitalised '.services[0].policies[0].match = "Prefix"'
case_ "$R" TrustListMalformed--source-name-not-oid '.services[0].identity.organisation = "subject:O"'
case_ "$R" TrustListMalformed--source-single-arc '.services[0].identity.org_id = "subject:2"'
case_ "$R" TrustListMalformed--source-unknown-kind '.services[0].identity.org_id = "issuer:2.5.4.11"'
case_ "$R" TrustListMalformed--certificate-type-no-value '.services[0].certificate_type = {attribute: "subject:2.5.4.11"}'
case_ "$R" TrustListMalformed--status-unknown '.services[0].status_history[0].status = "active"'
case_ "$R" TrustListMalformed--services-not-array '.services = .services[0]'
head -c 300 lists/list.json > "$R/TrustListMalformed--not-json.json"

case_ "$B" TrustListMalformed--overlapping-periods '.services[1].status_history[1].from = "2024-06-01T00:00:00Z"'
case_ "$B" TrustListMalformed--open-period-overlaps-later '.services[0].status_history += [{status: "withdrawn", from: "2030-01-01T00:00:00Z", until: null}]'
case_ "$B" TrustListMalformed--period-ends-at-start '.services[0].status_history[0].until = "2024-01-01T00:00:00Z"'
case_ "$B" TrustListMalformed--next-update-not-after-issued '.next_update = .issued'
case_ "$B" TrustListMalformed--february-30 '.issued = "2026-02-30T00:00:00Z"'
case_ "$B" TrustListMalformed--pattern-without-group '.services[0].identity.org_id_pattern = "^BRN\\s*[0-9]{8}"'
case_ "$B" TrustListMalformed--pattern-two-groups '.services[0].identity.org_id_pattern = "^(BRN)\\s*([0-9]{8})"'
case_ "$B" TrustListMalformed--pattern-not-a-regex '.services[0].identity.org_id_pattern = "^BRN ([0-9]{8}"'
case_ "$B" TrustListMalformed--base64-not-a-certificate '.services[0].roots[0] = "MAMCAQE="'
# Beyond jq (which keeps one of two equal keys and writes 7.0 as 7): edit the text.
sed '0,/"sequence": 7,/s//"sequence": 7,\n  "sequence": 8,/' lists/list.json > "$B/TrustListMalformed--duplicate-key.json"
sed 's/"sequence": 7,/"sequence": 7.0,/' lists/list.json > "$B/TrustListMalformed--sequence-float.json"

echo "made: $(ls signed | wc -l) signatures, $(ls schema-cases/*/ | grep -c json) schema cases"
