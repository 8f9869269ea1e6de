"""Writing one source's vector file: every case is checked, then written by jsonfmt."""
import sys

from . import jsonfmt
from .cases import check_case

FORMAT_VERSION = 1


def document(provenance, cases):
    return {"format_version": FORMAT_VERSION, "provenance": provenance, "cases": cases}


def write(doc, path):
    """Checks every case of doc (unique ids, each case self-consistent), then writes it."""
    ids = [c["id"] for c in doc["cases"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids: {duplicates}"
    for c in doc["cases"]:
        check_case(c)
    text = jsonfmt.dumps(doc)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    findings = sum("finding" in c for c in doc["cases"])
    errors = sum("expect_error" in c for c in doc["cases"])
    print(f"{path}: {len(ids)} cases ({errors} expect_error, {findings} with a finding), "
          f"{len(text)} bytes", file=sys.stderr)
