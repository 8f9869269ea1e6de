#!/usr/bin/python3
"""Checks and writes a vector file whose cases a node generator produced.

usage: finish_vectors.py OUTPUT.json < raw.json
The raw document (plain JSON.stringify output) is completed case by case
(cases.complete: problem objects become canonical strings, comparisons follow from
the dtype), checked against the reference and written in the reviewable format of
vectorgen/jsonfmt.py.
"""
import json
import sys

from vectorgen import cases, vectorfile

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    doc = json.load(sys.stdin)
    doc["cases"] = [cases.complete(c) for c in doc["cases"]]
    vectorfile.write(doc, sys.argv[1])
