#!/usr/bin/env python3
"""Checks docs/trust-list.schema.json against the schema cases and the example of
docs/trust-list.md, with the Python `jsonschema` package (draft 2020-12):

  pip install jsonschema
  python3 testdata/trust-list-load/check-schema.py

- schema-cases/accept/*.json and schema-cases/beyond-schema/*.json must be valid
  (beyond-schema holds lists only the loader's own rules refuse);
- schema-cases/reject/*.json must be invalid (or not JSON at all);
- the JSON between "## Complete example" and the end of the next ```json fence of
  docs/trust-list.md must be valid.

crates/baytrust/tests/trust_list_load.rs loads the same files with the library, so the
two verdicts are pinned to one set of cases. Exit status 0 when every verdict is as
expected.
"""

import json
import pathlib
import sys

import jsonschema

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCHEMA = json.loads((ROOT / "docs/trust-list.schema.json").read_text(encoding="utf-8"))
EXAMPLE_HEADING = "## Complete example"

jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def verdict(text):
    """None when `text` is valid, else the first reason it is not."""
    try:
        document = json.loads(text)
    except ValueError as e:
        return f"not JSON: {e}"
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.path))
    if not errors:
        return None
    first = errors[0]
    return f"{'/'.join(map(str, first.path)) or '(top)'}: {first.message[:100]}"


def doc_example():
    text = (ROOT / "docs/trust-list.md").read_text(encoding="utf-8")
    after = text.split(EXAMPLE_HEADING, 1)[1]
    body = after.split("```json\n", 1)[1]
    return body.split("\n```", 1)[0]


failures = 0
checked = 0


def expect(name, text, valid):
    global failures, checked
    checked += 1
    reason = verdict(text)
    ok = (reason is None) == valid
    failures += not ok
    label = "valid" if reason is None else f"invalid ({reason})"
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {label}")


for folder, valid in (("accept", True), ("beyond-schema", True), ("reject", False)):
    for path in sorted((HERE / "schema-cases" / folder).glob("*.json")):
        expect(f"{folder}/{path.name}", path.read_text(encoding="utf-8"), valid)
expect("docs/trust-list.md complete example", doc_example(), True)

print(f"{checked} checked, {failures} unexpected")
sys.exit(1 if failures else 0)
