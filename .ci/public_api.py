#!/usr/bin/env python3
"""Prints baytrust's public API, one line per item, from rustdoc's JSON output
(`cargo +nightly rustdoc -p baytrust --lib -- -Zunstable-options --output-format json`),
and fails when a public signature names a type users cannot name (a type of a private
module that is not re-exported) or a type of a crate that must not be part of the API
(x509-parser and the other parsers underneath).

Usage: public_api.py BAYTRUST_JSON > public-api.txt   (exit 1 on a leak)
Items hidden with #[doc(hidden)] (the unstable `internals` feature) are not in rustdoc's
output and so not part of the API.
"""

import json
import sys

FORBIDDEN_CRATES = {"x509_parser", "asn1_rs", "der_parser", "der", "x509_cert", "cms", "pkcs8", "spki"}

doc = json.load(open(sys.argv[1]))
index = doc["index"]
paths = doc["paths"]
externals = doc["external_crates"]
public = {}  # item id -> public path
leaks = []
lines = []


def item(item_id):
    return index.get(str(item_id))


def visit_module(module_id, prefix):
    for child in item(module_id)["inner"]["module"]["items"]:
        entry = item(child)
        if entry is None:
            continue
        inner = entry["inner"]
        if "use" in inner:
            use = inner["use"]
            if use["is_glob"] or use["id"] is None or item(use["id"]) is None:
                leaks.append(f"re-export of an external item: {prefix}::{use['name']} = {use['source']}")
                continue
            public[use["id"]] = f"{prefix}::{use['name']}"
        elif entry["visibility"] == "public" and entry["name"]:
            public[child] = f"{prefix}::{entry['name']}"
            if "module" in inner:
                visit_module(child, public[child])


def type_name(ty, where):
    if ty is None:
        return "()"
    kind, value = next(iter(ty.items()))
    if kind == "primitive":
        return value
    if kind == "generic":
        return value
    if kind == "resolved_path":
        target = value["id"]
        summary = paths.get(str(target))
        if target in public:
            name = public[target]
        elif summary is not None and summary["crate_id"] != 0:
            crate = externals[str(summary["crate_id"])]["name"]
            if crate in FORBIDDEN_CRATES:
                leaks.append(f"{where}: names {crate} type {'::'.join(summary['path'])}")
            name = "::".join(summary["path"])
        else:
            leaks.append(f"{where}: names unnameable baytrust type {value['path']}")
            name = value["path"]
        return name + generic_args(value.get("args"), where)
    if kind == "borrowed_ref":
        lifetime = f"{value['lifetime']} " if value.get("lifetime") else ""
        mutable = "mut " if value["is_mutable"] else ""
        return f"&{lifetime}{mutable}{type_name(value['type'], where)}"
    if kind == "slice":
        return f"[{type_name(value, where)}]"
    if kind == "array":
        return f"[{type_name(value['type'], where)}; {value['len']}]"
    if kind == "tuple":
        return "(" + ", ".join(type_name(t, where) for t in value) + ")"
    if kind == "impl_trait":
        return "impl " + " + ".join(bound(b, where) for b in value)
    if kind == "dyn_trait":
        return "dyn " + " + ".join(
            type_name({"resolved_path": t["trait"]}, where) for t in value["traits"]
        )
    if kind == "qualified_path":
        return f"<{type_name(value['self_type'], where)}>::{value['name']}"
    return kind


def bound(b, where):
    if "trait_bound" in b:
        return type_name({"resolved_path": b["trait_bound"]["trait"]}, where)
    if "outlives" in b:
        return b["outlives"]
    return "?"


def generic_args(args, where):
    if not args or "angle_bracketed" not in args:
        return ""
    parts = []
    for arg in args["angle_bracketed"]["args"]:
        if "lifetime" in arg:
            parts.append(arg["lifetime"])
        elif "type" in arg:
            parts.append(type_name(arg["type"], where))
        elif "const" in arg:
            parts.append(str(arg["const"].get("expr", "N")))
    for constraint in args["angle_bracketed"].get("constraints", []):
        binding = constraint.get("binding", {})
        if "equality" in binding and "type" in binding["equality"]:
            parts.append(f"{constraint['name']} = {type_name(binding['equality']['type'], where)}")
    return "<" + ", ".join(parts) + ">" if parts else ""


def function(name, fn, where):
    params = []
    for param_name, ty in fn["sig"]["inputs"]:
        if param_name == "self":
            params.append(type_name(ty, where).replace("Self", "self") if "borrowed_ref" in ty else "self")
        else:
            params.append(f"{param_name}: {type_name(ty, where)}")
    output = fn["sig"]["output"]
    ret = f" -> {type_name(output, where)}" if output is not None else ""
    const = "const " if fn["header"].get("is_const") else ""
    return f"pub {const}fn {name}({', '.join(params)}){ret}"


def describe_impls(type_id, path, impl_ids):
    for impl_id in impl_ids:
        impl = item(impl_id)["inner"]["impl"]
        if impl.get("is_synthetic") or impl.get("blanket_impl") is not None:
            continue
        if impl["trait"] is not None and impl["trait"]["path"].endswith("StructuralPartialEq"):
            continue
        if impl["trait"] is not None:
            trait = type_name({"resolved_path": impl["trait"]}, f"impl for {path}")
            lines.append(f"impl {trait} for {path}")
            continue
        for member_id in impl["items"]:
            member = item(member_id)
            if member is None or member["visibility"] != "public":
                continue
            where = f"{path}::{member['name']}"
            inner = member["inner"]
            if "function" in inner:
                lines.append(function(where, inner["function"], where))
            elif "assoc_const" in inner:
                lines.append(f"pub const {where}: {type_name(inner['assoc_const']['type'], where)}")


def fields(path, field_ids):
    for field_id in field_ids:
        field = item(field_id)
        if field is None or field["visibility"] != "public":
            continue
        where = f"{path}::{field['name']}"
        lines.append(f"pub field {where}: {type_name(field['inner']['struct_field'], where)}")


visit_module(doc["root"], "baytrust")
for item_id, path in sorted(public.items(), key=lambda kv: kv[1]):
    entry = item(item_id)
    inner = entry["inner"]
    kind = next(iter(inner))
    if kind == "struct":
        lines.append(f"pub struct {path}")
        struct_kind = inner["struct"]["kind"]
        if "plain" in struct_kind:
            fields(path, struct_kind["plain"]["fields"])
        describe_impls(item_id, path, inner["struct"]["impls"])
    elif kind == "enum":
        lines.append(f"pub enum {path}")
        for variant_id in inner["enum"]["variants"]:
            variant = item(variant_id)
            vpath = f"{path}::{variant['name']}"
            lines.append(f"pub variant {vpath}")
            vkind = variant["inner"]["variant"]["kind"]
            if isinstance(vkind, dict) and "struct" in vkind:
                fields(vpath, vkind["struct"]["fields"])
        describe_impls(item_id, path, inner["enum"]["impls"])
    elif kind == "function":
        lines.append(function(path, inner["function"], path))
    elif kind == "constant":
        lines.append(f"pub const {path}: {type_name(inner['constant']['type'], path)}")
    elif kind == "module":
        lines.append(f"pub mod {path}")
    else:
        lines.append(f"pub {kind} {path}")

print("\n".join(lines))
if leaks:
    print("\n".join(sorted(set(leaks))), file=sys.stderr)
    sys.exit(1)
