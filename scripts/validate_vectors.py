#!/usr/bin/python3
"""Validates vector files: the JSON schema, ids unique across all files, and every
case re-checked against the reference (vectorgen/cases.py: check_case).

usage: validate_vectors.py SCHEMA.json VECTORS.json...
"""
import json
import sys

from jsonschema import Draft202012Validator

from vectorgen.cases import check_case


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        validator = Draft202012Validator(json.load(f))
    seen, failures = {}, 0
    for path in sys.argv[2:]:
        with open(path) as f:
            doc = json.load(f)
        for error in validator.iter_errors(doc):
            failures += 1
            print(f"{path}: schema: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
        for c in doc.get("cases", []):
            if c.get("id") in seen:
                failures += 1
                print(f"{path}: id {c['id']} also in {seen[c['id']]}")
            seen[c.get("id")] = path
            try:
                check_case(c)
            except AssertionError as e:
                failures += 1
                print(f"{path}: {e}")
        print(f"{path}: {len(doc.get('cases', []))} cases checked")
    print(f"{len(seen)} cases, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
