#!/bin/sh
# Builds, validates and signs testdata/hand-built-list/hk-by-hand.json from
# docs/trust-list.md alone, then checks it with openssl and verify-sig.
# Run from the repository root:  sh testdata/hand-built-list/make.sh
set -eu
D=testdata/hand-built-list
PKI=testdata/pki
mkdir -p "$D"

# --- 1. The document (doc §2). Certificates: base64 of DER, one line (doc §2.2). ---
ROOT_B64=$(openssl x509 -in "$PKI/hk/root-ca.pem" -outform DER | base64 -w0)
ISSUING_B64=$(openssl x509 -in "$PKI/hk/issuing-ca.pem" -outform DER | base64 -w0)
export ROOT_B64 ISSUING_B64

# Assemble the JSON (plain json.dumps; no repository code involved).
python3 - "$D/hk-by-hand.json" <<'PY'
import json, os, sys
doc = {
    "format": "baytrust-trust-list/1",
    "jurisdiction": "HK",
    "operator": "Independent Tester's Hand-Built HK Trust List Authority",
    "sequence": 1,
    "issued": "2026-01-01T00:00:00Z",
    "next_update": "2026-12-31T00:00:00Z",
    "services": [
        {
            "name": "Hand-Built HK Organisational Service",
            "roots": [os.environ["ROOT_B64"]],
            "issuing_cas": [os.environ["ISSUING_B64"]],
            "certificate_type": None,
            "policies": [
                {"oid": "2.16.344.8.2.2008.810.2.2018.1.1", "match": "exact"}
            ],
            "identity": {
                "organisation": "subject:2.5.4.10",
                "org_id": "subject:2.5.4.11",
                "org_id_pattern": "^BRN\\s*([CF]?[0-9][0-9-]*)$",
                "authorised_person": "subject:2.5.4.3",
            },
            "status_history": [
                {"status": "recognised", "from": "2024-01-01T00:00:00Z",
                 "until": "2026-09-01T00:00:00Z"},
                {"status": "suspended", "from": "2026-09-01T00:00:00Z",
                 "until": None},
            ],
        }
    ],
}
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
PY

# --- 2. Validate against docs/trust-list.schema.json (pip install jsonschema). ---
python3 - docs/trust-list.schema.json "$D/hk-by-hand.json" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print("SCHEMA ERROR at", "/".join(map(str, e.path)), ":", e.message)
sys.exit(1 if errors else print("schema: valid") or 0)
PY

# Doc §3 checks the schema cannot express, done by hand: each certificate is DER X.509,
# and it is byte-identical to the PEM file it came from.
jq -r '.services[0].roots[0]'       "$D/hk-by-hand.json" | base64 -d > "$D/.root.der"
jq -r '.services[0].issuing_cas[0]' "$D/hk-by-hand.json" | base64 -d > "$D/.issuing.der"
openssl x509 -inform DER -in "$D/.root.der" -noout -subject
openssl x509 -inform DER -in "$D/.issuing.der" -noout -subject
openssl x509 -in "$PKI/hk/root-ca.pem" -outform DER | cmp - "$D/.root.der"
openssl x509 -in "$PKI/hk/issuing-ca.pem" -outform DER | cmp - "$D/.issuing.der"
rm -f "$D/.root.der" "$D/.issuing.der"

# --- 3. Sign (doc §4): attached CMS SignedData, id-data, DER, -binary. ---
openssl cms -sign -nodetach -binary -md sha256 \
    -in "$D/hk-by-hand.json" -outform DER -out "$D/hk-by-hand.p7s" \
    -signer "$PKI/hk/trust-list-signer.pem" \
    -inkey "$PKI/test-keys-NOT-SECRET-DO-NOT-USE/hk-trust-list-signer.key.pem"

# Cross-check with openssl: the content is the JSON byte for byte and the signer
# chains to the pinned operator CA.
openssl cms -cmsout -print -inform DER -in "$D/hk-by-hand.p7s" | grep -E "eContentType|algorithm: sha256|object: (contentType|messageDigest|signingTime)"
openssl cms -verify -binary -inform DER -in "$D/hk-by-hand.p7s" \
    -CAfile "$PKI/hk/trust-list-operator-ca.pem" -purpose any \
    -out "$D/.extracted.json"
cmp "$D/.extracted.json" "$D/hk-by-hand.json"
echo "content: byte-identical"
rm -f "$D/.extracted.json"

# --- 4. Check the hand-written expectations (expectations.json, written before any
# verify-sig run) with verify-sig, as a CN relying party accepting HK. Prints
# HELD/DIFFERS per case and saves the actual reports; never edits expectations.json.
mkdir -p "$D/actual"
jq -c '.[]' "$D/expectations.json" | while read -r e; do
  sig=$(echo "$e" | jq -r .signature); t=$(echo "$e" | jq -r .validation_time)
  out="$D/actual/$(basename "$sig" .p7s)_$(echo "$t" | cut -c1-10).json"
  set +e
  cargo run -q -p baytrust-cli --bin verify-sig -- verify "$sig" \
      --content testdata/samples/supply-contract.txt \
      --trust-list "$D/hk-by-hand.p7s" --operator-cert "$PKI/hk/trust-list-operator-ca.pem" \
      --home CN --accept HK --attime "$t" --json > "$out" 2> "$out.stderr"
  rc=$?
  set -e
  want=$(echo "$e" | jq -c '[.expected_indication,.expected_sub_indication,.expected_service,.expected_org_id]')
  got=$(jq -c '[.indication,.sub_indication,(.signers[0].recognition.service // null),(if .indication=="TOTAL_PASSED" then .signers[0].entity.org_id else null end)]' "$out")
  if [ "$want" = "$got" ]; then v=HELD; else v=DIFFERS; fi
  echo "$v exit=$rc $sig @ $t expected=$want actual=$got :: $(tail -1 "$out.stderr")"
done

# --- 5. Probes of documented edges (variants under probes/).
sh "$D/probes/probes.sh" > "$D/probes/probes.out" 2>&1
