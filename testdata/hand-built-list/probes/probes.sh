#!/bin/sh
# Probes of documented edges of docs/trust-list.md against verify-sig, using variants of
# ../hk-by-hand.json. Run from the repository root after ../make.sh:
#   sh testdata/hand-built-list/probes/probes.sh > testdata/hand-built-list/probes/probes.out 2>&1
set -u
D=testdata/hand-built-list
P=$D/probes
PKI=testdata/pki
KEY=$PKI/test-keys-NOT-SECRET-DO-NOT-USE/hk-trust-list-signer.key.pem
OPCA=$PKI/hk/trust-list-operator-ca.pem
C=testdata/samples/supply-contract.txt
VS() { cargo run -q -p baytrust-cli --bin verify-sig -- "$@"; }

sign() { # sign IN.json OUT.p7s [extra openssl args]
  in=$1; out=$2; shift 2
  openssl cms -sign -nodetach -binary -in "$in" -outform DER -out "$out" \
      -signer $PKI/hk/trust-list-signer.pem -inkey $KEY "$@"
}
run() { # run LABEL SIG args...  -> one line: exit, indication, sub-indication, last stderr line
  label=$1; sig=$2; shift 2
  VS verify "testdata/recognition/$sig.p7s" --content $C --json "$@" >"$P/.out" 2>"$P/.err"
  rc=$?
  echo "[$label] exit=$rc $(jq -c '[.indication,.sub_indication,(.signers[0].recognition.service // null)]' "$P/.out" 2>/dev/null) :: $(tail -1 "$P/.err")"
}
# variant NAME PYTHON-EXPR-ON-d  (d = the parsed hk-by-hand.json, s = its service)
variant() {
  python3 - "$D/hk-by-hand.json" "$P/$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); s = d["services"][0]
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
PY
}
# raw NAME PY  (text substitution on the JSON text t)
raw() {
  python3 - "$D/hk-by-hand.json" "$P/$1.json" "$2" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
exec(sys.argv[3])
open(sys.argv[2], "w", encoding="utf-8", newline="").write(t)
PY
}
L="--trust-list $D/hk-by-hand.p7s --operator-cert $OPCA"
T=--attime=2026-06-01T00:00:00Z

echo "== A. which relying-party options take the HK list"
run "home CN, accept HK"        hk-harbour $L --home CN --accept HK $T
run "home CN, no --accept"      hk-harbour $L --home CN $T
run "no --home, no --accept"    hk-harbour $L $T
run "home CN, accept MO only"   hk-harbour $L --home CN --accept MO $T
run "home HK, accept MO"        hk-harbour $L --home HK --accept MO $T
run "home CN accept MO, retired" hk-retired-ca $L --home CN --accept MO $T

echo "== B. loading the signed list"
run "CN operator CA pinned"     hk-harbour --trust-list $D/hk-by-hand.p7s --operator-cert $PKI/cn/trust-list-operator-ca.pem --home CN $T
run "no --operator-cert"        hk-harbour --trust-list $D/hk-by-hand.p7s --home CN $T
run "signer cert pinned directly (not self-signed)" hk-harbour --trust-list $D/hk-by-hand.p7s --operator-cert $PKI/hk/trust-list-signer.pem --home CN $T
openssl cms -sign -nodetach -binary -in $D/hk-by-hand.json -outform PEM -out $P/pem.p7s -signer $PKI/hk/trust-list-signer.pem -inkey $KEY
head -1 $P/pem.p7s
run "PEM (label CMS) list"      hk-harbour --trust-list $P/pem.p7s --operator-cert $OPCA --home CN $T
sed -e 's/BEGIN CMS/BEGIN PKCS7/' -e 's/END CMS/END PKCS7/' $P/pem.p7s > $P/pem-pkcs7.p7s
run "PEM (label PKCS7) list"    hk-harbour --trust-list $P/pem-pkcs7.p7s --operator-cert $OPCA --home CN $T
openssl cms -sign -binary -in $D/hk-by-hand.json -outform DER -out $P/detached.p7s -signer $PKI/hk/trust-list-signer.pem -inkey $KEY
run "detached list"             hk-harbour --trust-list $P/detached.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/sha1.p7s -md sha1
run "SHA-1 signed list"         hk-harbour --trust-list $P/sha1.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/cades.p7s -cades
run "openssl -cades (ESS signingCertificateV2)" hk-harbour --trust-list $P/cades.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/noattr.p7s -noattr
run "openssl -noattr (no signed attributes)" hk-harbour --trust-list $P/noattr.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/nocerts.p7s -nocerts
run "-nocerts (signer cert absent)" hk-harbour --trust-list $P/nocerts.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/pss.p7s -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32
run "RSA-PSS salt 32 + SHA-256" hk-harbour --trust-list $P/pss.p7s --operator-cert $OPCA --home CN $T
sign $D/hk-by-hand.json $P/pss-salt20.p7s -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:20
run "RSA-PSS salt 20 + SHA-256 (doc: refused)" hk-harbour --trust-list $P/pss-salt20.p7s --operator-cert $OPCA --home CN $T

echo "== C. staleness, list time, issued"
variant stale-recognised 'd["next_update"]="2026-03-01T00:00:00Z"; s["status_history"]=[{"status":"recognised","from":"2024-01-01T00:00:00Z","until":None}]'
sign $P/stale-recognised.json $P/stale-recognised.p7s
run "stale list, default"       hk-harbour --trust-list $P/stale-recognised.p7s --operator-cert $OPCA --home CN $T
run "stale list, --accept-stale-trust-list" hk-harbour --trust-list $P/stale-recognised.p7s --operator-cert $OPCA --home CN --accept-stale-trust-list $T
run "stale list, --accept-stale, wrong policy" hk-wrong-policy --trust-list $P/stale-recognised.p7s --operator-cert $OPCA --home CN --accept-stale-trust-list $T
run "attime before issued (2025-06-01)" hk-harbour $L --home CN --attime 2025-06-01T00:00:00Z
run "attime before list signer valid (2024-12-31)" hk-harbour $L --home CN --attime 2024-12-31T00:00:00Z

echo "== D. sequence"
variant seq0 'd["sequence"]=0'
sign $P/seq0.json $P/seq0.p7s
variant seq2 'd["sequence"]=2; s["name"]="Sequence 2 service"'
sign $P/seq2.json $P/seq2.p7s
run "seq 1 then seq 0"          hk-harbour --trust-list $D/hk-by-hand.p7s --trust-list $P/seq0.p7s --operator-cert $OPCA --home CN $T
run "seq 0 then seq 1"          hk-harbour --trust-list $P/seq0.p7s --trust-list $D/hk-by-hand.p7s --operator-cert $OPCA --home CN $T
run "seq 2 then seq 1"          hk-harbour --trust-list $P/seq2.p7s --trust-list $D/hk-by-hand.p7s --operator-cert $OPCA --home CN $T
run "seq 1 twice"               hk-harbour --trust-list $D/hk-by-hand.p7s --trust-list $D/hk-by-hand.p7s --operator-cert $OPCA --home CN $T

echo "== E. document rules (signed variants; expected per doc in brackets)"
check() { # check NAME EXPECTATION
  sign $P/$1.json $P/$1.p7s
  python3 - docs/trust-list.schema.json $P/$1.json <<'PY' > $P/.schema 2>&1
import json, sys, jsonschema
try:
    doc = json.load(open(sys.argv[2], encoding="utf-8"))
except Exception as e:
    print("json-error:", type(e).__name__); sys.exit(0)
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
errs = list(v.iter_errors(doc))
print("schema-valid" if not errs else "schema-INVALID(%s)" % errs[0].message[:60])
PY
  run "$1 [$2] $(cat $P/.schema)" hk-harbour --trust-list $P/$1.p7s --operator-cert $OPCA --home CN $T
}
raw  dup-key      't=t.replace("\"sequence\": 1,", "\"sequence\": 1,\n  \"sequence\": 1,",1)'; check dup-key "refused"
raw  seq-float    't=t.replace("\"sequence\": 1,", "\"sequence\": 1.0,",1)';  check seq-float "refused"
raw  seq-exp      't=t.replace("\"sequence\": 1,", "\"sequence\": 1e0,",1)';  check seq-exp "refused"
variant unknown-top  'd["comment"]="x"';                                   check unknown-top "refused"
variant unknown-svc  's["note"]="x"';                                      check unknown-svc "refused"
variant omit-optionals 'del s["certificate_type"]; del s["status_history"][1]["until"]'; check omit-optionals "same as null: passes"
variant no-pattern 'del s["identity"]["org_id_pattern"]';                  check no-pattern "whole value 'BRN 12345678-000' is the id: not a BRN -> NOT_RECOGNISED"
variant pattern-unanchored 's["identity"]["org_id_pattern"]="([0-9]{8})"'; check pattern-unanchored "search: captures 12345678 -> passes"
variant pattern-2groups 's["identity"]["org_id_pattern"]="^(BRN)\\s*([0-9-]+)$"'; check pattern-2groups "refused"
variant pattern-0groups 's["identity"]["org_id_pattern"]="^BRN\\s*[0-9-]+$"'; check pattern-0groups "refused"
variant pattern-named 's["identity"]["org_id_pattern"]="^BRN\\s*(?P<brn>[0-9-]+)$"'; check pattern-named "passes"
variant pattern-lookahead 's["identity"]["org_id_pattern"]="^BRN\\s*(?=[0-9])([0-9-]+)$"'; check pattern-lookahead "refused (no look-around)"
variant pem-armour 'c=s["roots"][0]; s["roots"][0]="-----BEGIN CERTIFICATE-----\n"+"\n".join(c[i:i+64] for i in range(0,len(c),64))+"\n-----END CERTIFICATE-----"'; check pem-armour "refused"
variant ws-base64 's["roots"][0]=" "+s["roots"][0]+"\n"';                  check ws-base64 "doc: loader lenient (accepts)"
variant ws-trailing 's["roots"][0]=s["roots"][0]+"\n"';                    check ws-trailing "doc: loader lenient (accepts)"
variant linebreak-base64 'c=s["roots"][0]; s["roots"][0]="\n".join(c[i:i+64] for i in range(0,len(c),64))'; check linebreak-base64 "refused"
variant urlsafe-base64 's["roots"][0]=s["roots"][0].replace("+","-").replace("/","_")'; check urlsafe-base64 "refused"
variant notcert   's["roots"][0]="AAAA"';                                  check notcert "refused"
variant time-space 'd["issued"]="2026-01-01 00:00:00Z"';                   check time-space "doc: loader lenient (accepts)"
variant time-lower 'd["issued"]="2026-01-01t00:00:00z"';                   check time-lower "doc: upper case only recommended (accepts)"
variant time-nosec 'd["issued"]="2026-01-01T00:00Z"';                      check time-nosec "refused"
variant time-nooffset 'd["issued"]="2026-01-01T00:00:00"';                 check time-nooffset "refused"
variant time-feb30 'd["issued"]="2026-02-30T00:00:00Z"';                   check time-feb30 "refused"
variant time-leap 'd["issued"]="2025-12-31T23:59:60Z"';                    check time-leap "refused"
variant time-frac 's["status_history"][0]["until"]="2026-09-01T00:00:00.999Z"; s["status_history"][1]["from"]="2026-09-01T00:00:00.999Z"'; check time-frac "fractions ignored: passes"
variant time-offset 'd["issued"]="2026-01-01T08:00:00+08:00"';             check time-offset "passes"
variant next-eq-issued 'd["next_update"]=d["issued"]';                     check next-eq-issued "refused"
variant overlap 's["status_history"][1]["from"]="2026-08-01T00:00:00Z"';   check overlap "refused"
variant until-eq-from 's["status_history"][0]["until"]=s["status_history"][0]["from"]'; check until-eq-from "refused (and then overlap)"
variant empty-history 's["status_history"]=[]';                            check empty-history "never recognised -> NOT_RECOGNISED"
variant gap 's["status_history"]=[{"status":"recognised","from":"2027-01-01T00:00:00Z","until":None}]'; check gap "outside every period = withdrawn -> NOT_RECOGNISED"
variant no-services 'd["services"]=[]';                                    check no-services "loads; nothing recognised"
variant juris-lower 'd["jurisdiction"]="hk"';                              check juris-lower "refused (UnknownJurisdiction)"
variant format-2 'd["format"]="baytrust-trust-list/2"';                    check format-2 "refused (TrustListFormatUnknown)"
variant seq-max 'd["sequence"]=18446744073709551615';                      check seq-max "passes"
variant seq-over 'd["sequence"]=18446744073709551616';                     check seq-over "refused"
variant seq-neg 'd["sequence"]=-1';                                        check seq-neg "refused"
variant policy-prefix 's["policies"]=[{"oid":"2.16.344.8.2.2008.810.2","match":"prefix"}]'; check policy-prefix "passes"
variant policy-prefix-notarc 's["policies"]=[{"oid":"2.16.344.8.2.2008.810.2.2018.1.","match":"prefix"}]'; check policy-prefix-notarc "refused (trailing dot, doc §2.2)"
variant policy-exact-parent 's["policies"]=[{"oid":"2.16.344.8.2.2008.810.2","match":"exact"}]'; check policy-exact-parent "NOT_RECOGNISED"
variant policy-oid-1arc 's["policies"]=[{"oid":"2","match":"prefix"}]';    check policy-oid-1arc "doc silent; schema allows 1 arc"
variant source-1arc 's["identity"]["org_id"]="subject:2"';                check source-1arc "refused (at least two arcs)"
variant certtype-ok 's["certificate_type"]={"attribute":"subject:2.5.4.6","value":"HK"}'; check certtype-ok "passes"
variant certtype-bad 's["certificate_type"]={"attribute":"subject:2.5.4.11","value":"e-Cert (Organisational)"}'; check certtype-bad "NOT_RECOGNISED"
variant issuing-is-root 's["issuing_cas"]=[s["roots"][0]]';               check issuing-is-root "NOT_RECOGNISED (issuer is the 2024 CA)"
variant empty-roots 's["roots"]=[]';                                       check empty-roots "refused (at least one)"
raw  bom          't="\ufeff"+t';                                          check bom "refused"
raw  crlf         't=t.replace("\n","\r\n")';                              check crlf "passes (JSON whitespace)"

echo "== F. leap second used as a status boundary (doc: no leap second)"
variant leap-boundary 's["status_history"][0]["until"]="2026-08-31T23:59:60Z"; s["status_history"][1]["from"]="2026-08-31T23:59:60Z"'
sign $P/leap-boundary.json $P/leap-boundary.p7s
run "leap-boundary at 23:59:58" hk-harbour --trust-list $P/leap-boundary.p7s --operator-cert $OPCA --home CN --attime 2026-08-31T23:59:58Z
run "leap-boundary at 23:59:59" hk-harbour --trust-list $P/leap-boundary.p7s --operator-cert $OPCA --home CN --attime 2026-08-31T23:59:59Z
rm -f "$P/.out" "$P/.err" "$P/.schema"
