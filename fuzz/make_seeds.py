#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from testdata/ (run from anywhere:
`python3 fuzz/make_seeds.py`). Deterministic; each corpus is capped (MAX_FILES files,
MAX_BYTES per file) so the committed seeds stay small. Re-running replaces them."""

import base64
import glob
import hashlib
import json
import os
import re
import shutil

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TESTDATA = os.path.join(ROOT, "testdata")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
MAX_FILES = 300
MAX_BYTES = 64 * 1024

PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.S)


def td(*parts):
    return os.path.join(TESTDATA, *parts)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def certs_of(path):
    """The DER certificates of a PEM or DER certificate file."""
    data = read(path)
    blocks = PEM_CERT.findall(data)
    if blocks:
        return [base64.b64decode(b"".join(b.split())) for b in blocks]
    return [data] if data[:1] == b"\x30" else []


def write(target, items):
    """Writes (name, bytes) items, deduplicated by content, capped."""
    out = os.path.join(CORPUS, target)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    seen = set()
    count = 0
    for name, data in items:
        digest = hashlib.sha1(data).hexdigest()
        if digest in seen or len(data) > MAX_BYTES or count >= MAX_FILES:
            continue
        seen.add(digest)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        with open(os.path.join(out, f"{safe}-{digest[:8]}"), "wb") as f:
            f.write(data)
        count += 1
    print(f"{target}: {count} files")


def rel(path):
    return os.path.relpath(path, TESTDATA)


def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    elif n < 0x100:
        head = bytes([0x81, n])
    else:
        head = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + head + content


def chunk(der):
    return len(der).to_bytes(2, "big") + der


def extension_value(der, oid_bytes):
    """The extnValue content of the first extension with this OID (a naive scan)."""
    at = der.find(b"\x06" + bytes([len(oid_bytes)]) + oid_bytes)
    if at < 0:
        return None
    i = at + 2 + len(oid_bytes)
    if der[i] == 0x01:  # critical BOOLEAN
        i += 3
    if der[i] != 0x04:
        return None
    n = der[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(der[i : i + k], "big")
        i += k
    return der[i : i + n]


def main():
    pki_pems = sorted(glob.glob(td("pki", "**", "*.pem"), recursive=True))
    other_pems = sorted(glob.glob(td("real-roots", "*.pem")) + glob.glob(td("trust-list-load", "*.pem")))
    pkits = sorted(glob.glob(td("pkits", "certs", "*.crt")))

    # certificate: every test-PKI and real certificate, PKITS (every other one), and a
    # few PEM bundles as they are.
    items = []
    for path in pki_pems + other_pems:
        for i, der in enumerate(certs_of(path)):
            items.append((f"{rel(path)}.{i}.der", der))
    for path in pki_pems:
        if path.endswith("-chain.pem"):
            items.append((rel(path), read(path)))
            if len(items) > 120:
                break
    for path in pkits[::2]:
        items.append((rel(path), read(path)))
    write("certificate", items)

    # cms_verify: every bundled signature.
    signatures = sorted(
        glob.glob(td("cms", "openssl", "*"))
        + glob.glob(td("samples", "*.p7s"))
        + glob.glob(td("recognition", "*.p7s"))
        + glob.glob(td("trust-lists", "*.p7s"))
        + glob.glob(td("trust-list-load", "signed", "*"))
        + glob.glob(td("hand-built-list", "*.p7s"))
        + glob.glob(td("hand-built-list", "probes", "*.p7s"))[::3]
    )
    write("cms_verify", [(rel(p), read(p)) for p in signatures if os.path.isfile(p)])

    # trust_list_load: the signed lists and JSON documents.
    lists = sorted(
        glob.glob(td("trust-lists", "*.p7s"))
        + glob.glob(td("trust-lists", "*.json"))
        + glob.glob(td("trust-list-load", "signed", "*"))
        + glob.glob(td("trust-list-load", "lists", "*"))
        + glob.glob(td("trust-list-load", "schema-cases", "**", "*.json"), recursive=True)
        + glob.glob(td("trust-list-load", "forged-jurisdiction", "*"))
        + glob.glob(td("hand-built-list", "*.json"))
        + glob.glob(td("hand-built-list", "*.p7s"))
        + glob.glob(td("hand-built-list", "probes", "*.json"))
        + glob.glob(td("hand-built-list", "probes", "*.p7s"))
    )
    write("trust_list_load", [(rel(p), read(p)) for p in lists if os.path.isfile(p)])

    # path_building: selector byte (purpose bits 7-6, anchor index bits 5-0), then
    # length-prefixed DER: end entity first, the anchor last.
    items = []
    manifest = json.load(open(td("pkits", "manifest.json")))
    for test in manifest["tests"]:
        chain = [read(td("pkits", "certs", name)) for name in test["chain"]]
        ordered = list(reversed(chain))  # end entity ... anchor
        selector = 0x40 | (len(ordered) - 1)  # Purpose::Any, anchor last
        items.append((f"pkits-{test['id']}", bytes([selector]) + b"".join(map(chunk, ordered))))
    roots = {
        j: certs_of(td("pki", j, "root-ca.pem"))[0] for j in ["cn", "cn-sm2", "hk", "mo"]
    }
    for path in pki_pems:
        if not path.endswith("-chain.pem"):
            continue
        folder = os.path.basename(os.path.dirname(path))
        root = roots.get(folder, roots["hk"])
        ordered = certs_of(path) + [root]
        items.append((rel(path), bytes([len(ordered) - 1]) + b"".join(map(chunk, ordered))))
    explosion = (
        certs_of(td("pki", "edge", "path-explosion-leaf.pem"))
        + certs_of(td("pki", "edge", "path-explosion-pool.pem"))
        + [roots["hk"]]
    )
    items.insert(0, ("path-explosion", bytes([len(explosion) - 1]) + b"".join(map(chunk, explosion))))
    write("path_building", items)

    # name_constraints: selector byte (bit 0 set = not critical, bit 1 = which end
    # entity), then a NameConstraints value: those of PKITS and the test PKI, and some
    # written here over the fuzz end entity's names.
    nc_oid = bytes([0x55, 0x1D, 0x1E])
    values = []
    for path in pkits + pki_pems:
        for der in certs_of(path):
            value = extension_value(der, nc_oid)
            if value:
                values.append((rel(path), value))
    dns = lambda s: tlv(0x82, s)
    email = lambda s: tlv(0x81, s)
    uri = lambda s: tlv(0x86, s)
    ip = lambda b: tlv(0x87, b)
    dirname = lambda name: tlv(0xA4, name)
    subtree = lambda general_name: tlv(0x30, general_name)
    permitted = lambda *subtrees: tlv(0xA0, b"".join(subtrees))
    excluded = lambda *subtrees: tlv(0xA1, b"".join(subtrees))
    hk_dn = tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, b"\x55\x04\x06") + tlv(0x13, b"HK"))))
    written = [
        ("permit-dns", permitted(subtree(dns(b"example.hk")))),
        ("permit-dns-dot", permitted(subtree(dns(b".example.hk")))),
        ("exclude-dns", excluded(subtree(dns(b"example.com")))),
        ("permit-email-domain", permitted(subtree(email(b"example.hk")))),
        ("permit-email-exact", permitted(subtree(email(b"someone@example.hk")))),
        ("exclude-email-dot", excluded(subtree(email(b".example.mo")))),
        ("permit-uri", permitted(subtree(uri(b".example.hk")))),
        ("permit-ipv4", permitted(subtree(ip(bytes([192, 0, 2, 0, 255, 255, 255, 0]))))),
        ("permit-ipv6", permitted(subtree(ip(bytes.fromhex("20010db8" + "00" * 12 + "ffffffff" + "00" * 12))))),
        ("permit-dirname", permitted(subtree(dirname(hk_dn)))),
        ("exclude-dirname", excluded(subtree(dirname(hk_dn)))),
        (
            "both",
            permitted(subtree(dns(b"example.hk")), subtree(email(b"example.hk"))) + excluded(subtree(dns(b"b.example.com"))),
        ),
        ("minimum-maximum", permitted(tlv(0x30, dns(b"example.hk") + tlv(0x80, b"\x00") + tlv(0x81, b"\x02")))),
        ("empty", b""),
    ]
    items = []
    for name, value in values + [(n, tlv(0x30, v) if v else v) for n, v in written]:
        for selector in (0, 2):
            items.append((f"{name}.{selector}", bytes([selector]) + value))
    write("name_constraints", items)

    # crl_parse and ocsp_parse: the OpenSSL-made CRLs (DER; the PEM one is skipped) and
    # OCSP responses of testdata/revocation (requests, *.req.der, are not responses).
    crls = sorted(glob.glob(td("revocation", "crl", "*.crl")))
    write("crl_parse", [(rel(p), read(p)) for p in crls if read(p)[:1] == b"\x30"])
    responses = sorted(glob.glob(td("revocation", "ocsp", "*.der")))
    write("ocsp_parse", [(rel(p), read(p)) for p in responses if not p.endswith(".req.der")])

    # sm2_verify: OpenSSL-made vectors (crates/baytrust-sm2/testdata/make.sh) as
    # [len key][len id][len signature] message, every 5th of the 320.
    items = []
    vectors = os.path.join(ROOT, "crates", "baytrust-sm2", "testdata", "openssl-sm2.txt")
    with open(vectors) as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines[::5]):
        key, ident, message, signature = (b"" if h == "-" else bytes.fromhex(h) for h in line.split(" "))
        chunks = b"".join(bytes([len(c)]) + c for c in (key, ident, signature))
        items.append((f"openssl-{i}", chunks + message))
    write("sm2_verify", items)


if __name__ == "__main__":
    main()
