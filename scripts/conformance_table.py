#!/usr/bin/python3
"""Writes the README's conformance table (feature x library) from tconv-conform --json reports.

usage: conformance_table.py NAME=REPORT.json ...

A cell is "pass" when every case with that feature passed, "FAIL n/m" with the
smallest failing problem (fewest output elements) when some failed, and "unsupported"
when the library declares no case with the feature.
"""
import json
import sys
from math import prod

FEATURES = ["1-D", "2-D", "3-D", "batch>1", "stride>1", "stride>kernel", "dilation>1",
            "asymmetric pads", "output_padding", "output_padding>=stride", "grouped",
            "depthwise", "bias", "channels-last", "weights iox", "weights oix", "weights xoi"]


def size(problem):
    """Products of one case, to pick the smallest counterexample."""
    fields = dict((t.rstrip("0123456789x-"), t) for t in problem.split(","))
    dims = lambda key: prod(int(v) for v in fields[key][len(key):].split("x"))
    return dims("i") * dims("k")


def cell(cases, feature):
    having = [c for c in cases if feature in c["features"]]
    run = [c for c in having if c["verdict"] != "unsupported"]
    failed = [c for c in run if c["failure"]]
    if not run:
        return "unsupported"
    if not failed:
        return f"pass ({len(run)})"
    worst = min(failed, key=lambda c: size(c["problem"]))
    return f"**FAIL {len(failed)}/{len(run)}** `{worst['problem']}` ({worst['verdict']})"


def main(argv):
    reports = []
    for arg in argv:
        name, path = arg.split("=", 1)
        with open(path) as f:
            reports.append((name, json.load(f)))
    print("| feature | " + " | ".join(
        f"{name} {r['implementation_version']}" for name, r in reports) + " |")
    print("| --- |" + " --- |" * len(reports))
    for feature in FEATURES:
        print(f"| {feature} | " + " | ".join(cell(r["cases"], feature) for _, r in reports) + " |")
    print("| **all cases** | " + " | ".join(
        "{passed} passed, {failed} failed, {unsupported} unsupported".format(**r["totals"])
        for _, r in reports) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
