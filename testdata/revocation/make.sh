#!/bin/sh
# Revocation test data made with OpenSSL 3.0 (`openssl ca -revoke/-gencrl`,
# `openssl ocsp -index … -respout`), offline, from the test PKI in ../pki. Run from
# this folder: `cd testdata/revocation && sh make.sh`. Needs `faketime` (Debian
# package faketime): `openssl ocsp` stamps thisUpdate/producedAt with the clock, so the
# clock is frozen to fixed instants and a rerun is byte-identical (RSA PKCS#1 v1.5
# signatures are deterministic; keys are made only when missing). Exceptions: what
# the ECDSA MO issuing CA signs (crl/mo-issuing-ca.crl, certs/mo-ocsp-responder.pem and
# so ocsp/hk-unauthorised-responder.der) changes on every run (ECDSA is randomised).
#
# The tests' validation time is the PKI's: 2026-06-01T00:00:00Z. Output (see README.md):
#   crl/*.crl     CRLs (PEM where the name ends .pem.crl, DER otherwise)
#   ocsp/*.der    OCSP responses;  ocsp/*.req.der the requests they answer
#   certs/*.pem   the responder certificates and the impostor CA
set -eu

PKI=../pki
PKI_KEYS=$PKI/test-keys-NOT-SECRET-DO-NOT-USE
KEYS=keys-NOT-SECRET-DO-NOT-USE
CNF=openssl.cnf
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$KEYS" crl ocsp certs
frozen() { at=$1; shift; faketime -f "$at" "$@"; }

# newdb HEX: a fresh CA database for one scenario; the next cRLNumber is HEX.
newdb() {
    BAYTRUST_REV_DB=$(mktemp -d -p "$WORK")
    export BAYTRUST_REV_DB
    : > "$BAYTRUST_REV_DB/index.txt"
    echo 01 > "$BAYTRUST_REV_DB/serial"
    echo "$1" > "$BAYTRUST_REV_DB/crlnumber"
}
# revoke CERT CA-NAME REASON-ARGS...: record CERT as revoked in the database, with
# revocationDate $REVOKED_AT (the clock, frozen).
REVOKED_AT="2026-04-01 00:00:00"
revoke() {
    cert=$1; ca=$2; shift 2
    frozen "$REVOKED_AT" openssl ca -config $CNF -batch -cert $PKI/$ca.pem \
        -keyfile "$PKI_KEYS/$(echo "$ca" | tr / -).key.pem" -revoke "$cert" "$@" 2>/dev/null
}
# valid CERT CA-NAME: record CERT as valid (for `openssl ocsp -index`).
valid() {
    openssl ca -config $CNF -batch -cert $PKI/$2.pem -keyfile "$PKI_KEYS/$(echo "$2" | tr / -).key.pem" \
        -valid "$1" 2>/dev/null
}
# gencrl CA-NAME EXTENSIONS LAST NEXT OUT [ARGS...]
gencrl() {
    ca=$1; ext=$2; last=$3; next=$4; out=$5; shift 5
    openssl ca -config $CNF -batch -gencrl -cert $PKI/$ca.pem \
        -keyfile "$PKI_KEYS/$(echo "$ca" | tr / -).key.pem" -crlexts "$ext" \
        -crl_lastupdate "$last" -crl_nextupdate "$next" "$@" -out "$WORK/crl.pem" 2>/dev/null
    case $out in
        *.pem.crl) cp "$WORK/crl.pem" "$out" ;;
        *) openssl crl -in "$WORK/crl.pem" -outform DER -out "$out" ;;
    esac
}

# --- HK: a revoked organisation certificate -----------------------------------
# Kowloon Electronics (4811) revoked for keyCompromise, compromised 2026-03-01.
newdb 01
revoke $PKI/hk/org-kowloon-electronics.pem hk/issuing-ca -crl_compromise 20260301000000Z
gencrl hk/issuing-ca crl_complete 20260501000000Z 20260701000000Z crl/hk-issuing-ca.crl
openssl crl -inform DER -in crl/hk-issuing-ca.crl -out crl/hk-issuing-ca.pem.crl

# --- HK: the same list, stale at the validation time ---------------------------
newdb 01
revoke $PKI/hk/org-kowloon-electronics.pem hk/issuing-ca -crl_compromise 20260301000000Z
gencrl hk/issuing-ca crl_complete 20260101000000Z 20260201000000Z crl/hk-issuing-ca-stale.crl

# --- HK: a revoked issuing CA (the retired one, 4803, by the root) --------------
newdb 01
revoke $PKI/hk/retired-issuing-ca.pem hk/root-ca -crl_CA_compromise 20260201000000Z
gencrl hk/root-ca crl_complete 20260501000000Z 20260701000000Z crl/hk-root-ca.crl

# --- HK: a CRL with the issuing CA's name but signed by another key -------------
[ -f "$KEYS/impostor-hk-issuing-ca.key.pem" ] || \
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/impostor-hk-issuing-ca.key.pem"
frozen "2026-01-01 00:00:00" openssl req -config $CNF -new -x509 -utf8 -days 3650 \
    -key "$KEYS/impostor-hk-issuing-ca.key.pem" -set_serial 0x4899 \
    -subj "/C=HK/O=BayTrust Test Hong Kong Certification Authority/CN=BayTrust Test HK Issuing CA 2024" \
    -out certs/impostor-hk-issuing-ca.pem
newdb 01
openssl ca -config $CNF -batch -gencrl -cert certs/impostor-hk-issuing-ca.pem \
    -keyfile "$KEYS/impostor-hk-issuing-ca.key.pem" -crlexts crl_no_aki \
    -crl_lastupdate 20260501000000Z -crl_nextupdate 20260701000000Z -out "$WORK/crl.pem" 2>/dev/null
openssl crl -in "$WORK/crl.pem" -outform DER -out crl/hk-issuing-ca-wrong-key.crl

# --- CN: a complete CRL (number 10) and its delta (number 11) -------------------
# Complete (cRLNumber 10 = 0x0A): Guangzhou Trading (0C11) on hold. Delta: the hold lifted (removeFromCRL)
# and Shenzhen Bay Supply (0C10) revoked, superseded.
newdb 0A
revoke $PKI/cn/org-guangzhou-trading.pem cn/issuing-ca -crl_reason certificateHold -crl_hold holdInstructionReject
gencrl cn/issuing-ca crl_complete 20260501000000Z 20260701000000Z crl/cn-issuing-ca-base.crl
newdb 0B
revoke $PKI/cn/org-guangzhou-trading.pem cn/issuing-ca -crl_reason removeFromCRL
revoke $PKI/cn/org-shenzhen-bay-supply.pem cn/issuing-ca -crl_reason superseded
gencrl cn/issuing-ca crl_delta_of_10 20260515000000Z 20260615000000Z crl/cn-issuing-ca-delta.crl

# --- MO: a CRL only for end-entity certificates ---------------------------------
newdb 01
revoke $PKI/mo/org-taipa-foods.pem mo/issuing-ca -crl_reason affiliationChanged
gencrl mo/issuing-ca crl_only_user_certs 20260501000000Z 20260701000000Z crl/mo-issuing-ca.crl

# --- OCSP responders ----------------------------------------------------------
# issue KEY SUBJECT EXT CA-NAME SERIAL OUT
issue() {
    k=$1; subj=$2; ext=$3; ca=$4; serial=$5; out=$6
    [ -f "$KEYS/$k.key.pem" ] || \
        openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/$k.key.pem"
    openssl req -new -config $CNF -utf8 -key "$KEYS/$k.key.pem" -subj "$subj" -out "$WORK/req.pem"
    newdb 01
    echo "$serial" > "$BAYTRUST_REV_DB/serial"
    openssl ca -config $CNF -batch -notext -utf8 -preserveDN -startdate 20260101000000Z \
        -enddate 20270101000000Z -extensions "$ext" -cert $PKI/$ca.pem \
        -keyfile "$PKI_KEYS/$(echo "$ca" | tr / -).key.pem" -in "$WORK/req.pem" -out "$out" 2>/dev/null
}
issue hk-ocsp-responder "/C=HK/O=BayTrust Test Hong Kong Certification Authority/CN=BayTrust Test HK OCSP Responder" \
    ocsp_responder hk/issuing-ca 4830 certs/hk-ocsp-responder.pem
issue mo-ocsp-responder "/C=MO/O=BayTrust Test Macao Certification Authority/CN=BayTrust Test MO OCSP Responder" \
    ocsp_responder mo/issuing-ca 4D30 certs/mo-ocsp-responder.pem
issue hk-not-a-responder "/C=HK/O=BayTrust Test Hong Kong Certification Authority/CN=BayTrust Test HK Client" \
    not_a_responder hk/issuing-ca 4831 certs/hk-not-a-responder.pem

# --- OCSP responses (HK issuing CA's index) ------------------------------------
# Harbour Logistics (4810) valid, Kowloon Electronics (4811) revoked keyCompromise,
# Overseas Branch (4812) absent from the index: unknown.
newdb 01
valid $PKI/hk/org-harbour-logistics.pem hk/issuing-ca
revoke $PKI/hk/org-kowloon-electronics.pem hk/issuing-ca -crl_reason keyCompromise
INDEX=$BAYTRUST_REV_DB/index.txt
# request LEAF OUT [ARGS]: an OCSP request for the HK leaf (no nonce).
request() {
    leaf=$1; out=$2; shift 2
    openssl ocsp -issuer $PKI/hk/issuing-ca.pem "$@" -cert $PKI/hk/$leaf.pem -no_nonce -reqout "$out"
}
# respond AT REQ OUT SIGNER-CERT SIGNER-KEY [ARGS]: answer REQ at the frozen time AT.
respond() {
    at=$1; req=$2; out=$3; rsigner=$4; rkey=$5; shift 5
    frozen "$at" openssl ocsp -index "$INDEX" -CA $PKI/hk/issuing-ca.pem -rsigner "$rsigner" \
        -rkey "$rkey" -reqin "$req" -respout "$out" -ndays 30 "$@" >/dev/null
}
RESPONDER="certs/hk-ocsp-responder.pem $KEYS/hk-ocsp-responder.key.pem"
AT="2026-05-15 00:00:00"
request org-harbour-logistics ocsp/hk-harbour.req.der
request org-harbour-logistics ocsp/hk-harbour-sha256.req.der -sha256
request org-kowloon-electronics ocsp/hk-kowloon.req.der
request org-overseas-branch ocsp/hk-overseas.req.der
respond "$AT" ocsp/hk-harbour.req.der ocsp/hk-good.der $RESPONDER
respond "$AT" ocsp/hk-harbour-sha256.req.der ocsp/hk-good-sha256-by-ca.der \
    $PKI/hk/issuing-ca.pem "$PKI_KEYS/hk-issuing-ca.key.pem" -resp_key_id
respond "$AT" ocsp/hk-kowloon.req.der ocsp/hk-revoked.der $RESPONDER
respond "$AT" ocsp/hk-overseas.req.der ocsp/hk-unknown.der $RESPONDER
respond "2026-01-01 00:00:00" ocsp/hk-harbour.req.der ocsp/hk-stale.der $RESPONDER
respond "$AT" ocsp/hk-harbour.req.der ocsp/hk-unauthorised-responder.der \
    certs/mo-ocsp-responder.pem "$KEYS/mo-ocsp-responder.key.pem"
respond "$AT" ocsp/hk-harbour.req.der ocsp/hk-no-ocsp-signing.der \
    certs/hk-not-a-responder.pem "$KEYS/hk-not-a-responder.key.pem"

# --- what OpenSSL itself says -------------------------------------------------
for f in crl/*.crl; do
    case $f in *.pem.crl) form=PEM ;; *) form=DER ;; esac
    printf '%s: ' "$f"; openssl crl -inform $form -in "$f" -noout -lastupdate -nextupdate | tr '\n' ' '; echo
done
# verifyresp RESPONSE LEAF: OpenSSL's own reading of a response at 2026-06-01.
verifyresp() {
    printf '%s (%s): ' "$1" "$2"
    resp=$1; leaf=$2; shift 2
    frozen "2026-06-01 00:00:00" openssl ocsp -respin "$resp" -issuer $PKI/hk/issuing-ca.pem "$@" -cert $PKI/hk/$leaf.pem \
        -CAfile $PKI/hk/root-ca.pem -verify_other $PKI/hk/issuing-ca.pem \
        -attime 1780272000 -no_nonce 2>&1 | tr '\n' ' '
    echo
}
verifyresp ocsp/hk-good.der org-harbour-logistics
verifyresp ocsp/hk-good-sha256-by-ca.der org-harbour-logistics -sha256
verifyresp ocsp/hk-revoked.der org-kowloon-electronics
verifyresp ocsp/hk-unknown.der org-overseas-branch
verifyresp ocsp/hk-unauthorised-responder.der org-harbour-logistics
verifyresp ocsp/hk-no-ocsp-signing.der org-harbour-logistics
