#!/bin/sh
# Regenerates openssl-sm2.txt, the OpenSSL-made vectors of tests/openssl_vectors.rs.
# Made with OpenSSL 3.0 (3.0.19). Private keys live in a temporary directory and are
# thrown away: only public keys, signer IDs, messages and signatures are committed.
# Every signature is checked back with `openssl dgst -verify` before it is written.
#
# Each line: PUBLIC-KEY SIGNER-ID MESSAGE SIGNATURE, all hex; an empty message is `-`.
# The key is the SEC 1 point (uncompressed 04‖x‖y; for key 0 every other line gives
# the compressed 02/03‖x that `openssl ec -conv_form compressed` writes). The signer IDs
# cycle through the default 1234567812345678 (GM/T 0009), ALICE123@YAHOO.COM (the
# example of GB/T 32918.2), a binary one with zero bytes (`hexdistid:`), and 100 bytes.
# The signature is DER SEQUENCE { r, s }.
set -eu
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=openssl-sm2.txt
: > "$OUT"

hex() { od -An -v -tx1 | tr -d ' \n'; }
LONG_ID=$(printf 'baytrust-signer-%.0s' 1 2 3 4 5 6 7 | cut -c1-100)

for key in 0 1 2 3; do
    openssl genpkey -algorithm SM2 -out "$WORK/key.pem"
    openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem"
    uncompressed=$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | tail -c 65 | hex)
    compressed=$(openssl ec -in "$WORK/key.pem" -pubout -conv_form compressed -outform DER 2>/dev/null | tail -c 33 | hex)
    i=0
    while [ $i -lt 80 ]; do
        case $((i % 4)) in
            0) opt=distid:1234567812345678; id_hex=$(printf %s 1234567812345678 | hex) ;;
            1) opt=distid:ALICE123@YAHOO.COM; id_hex=$(printf %s ALICE123@YAHOO.COM | hex) ;;
            2) id_hex=00ff00017f8081fe; opt=hexdistid:$id_hex ;;
            3) opt=distid:$LONG_ID; id_hex=$(printf %s "$LONG_ID" | hex) ;;
        esac
        len=$(( (key * 80 + i) * 37 % 300 ))
        if [ $len -eq 0 ]; then : > "$WORK/msg"; else openssl rand -out "$WORK/msg" $len; fi
        openssl dgst -sm3 -sign "$WORK/key.pem" -sigopt "$opt" -out "$WORK/sig" "$WORK/msg"
        openssl dgst -sm3 -verify "$WORK/pub.pem" -sigopt "$opt" -signature "$WORK/sig" "$WORK/msg" > /dev/null
        msg_hex=$(hex < "$WORK/msg")
        [ -n "$msg_hex" ] || msg_hex=-
        point=$uncompressed
        if [ $key -eq 0 ] && [ $((i % 2)) -eq 1 ]; then point=$compressed; fi
        echo "$point $id_hex $msg_hex $(hex < "$WORK/sig")" >> "$OUT"
        i=$((i + 1))
    done
done
echo "wrote $(wc -l < "$OUT") vectors to $OUT"
