#!/usr/bin/python3
"""Runs every mutant of mutants/catalog.json through tconv-conform and writes
docs/MUTANTS.md: per mutant, whether the suite kills it, what killed it first, how soon,
the smallest shrunk counterexample, and whether the ONNX backend test cases of
ConvTranspose alone (mutants/baseline/onnx_backend.json) would have caught it.

usage: mutant_table.py [--build DIR] [--seed S] [--cases N] [--random-cases N] [--jobs J]
                       [--output FILE]

Three runs per mutant: the run of the `mutants` ctests (mutants/CMakeLists.txt, --seed 1
--cases 100 --phase golden,property,session: the default run but its topology phase),
the random problems alone (--phase property, --cases 200), and the
ONNX baseline (--vectors mutants/baseline --phase golden). Needs the target tconv_mutants
built in DIR (default $TCONV_BUILD_DIR or build/). Exit status 1 when the correct kernel
(the control) fails a run, or when a mutant survives the default run.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(ROOT, "mutants", "catalog.json")
BASELINE = os.path.join(ROOT, "mutants", "baseline")


class Run:
    """One tconv-conform run on one adapter: its exit status, stderr and --json report."""

    def __init__(self, command, status, stderr, report):
        self.command, self.status, self.stderr, self.report = command, status, stderr, report
        self.cases = report["cases"] if report else []
        self.failures = [c for c in self.cases if c["failure"]]

    @property
    def killed(self):
        """A kill: exit status 1 and a failing case (a crash of the runner is none)."""
        return self.status == 1 and bool(self.failures)

    def seconds_to_first_failure(self):
        total = 0.0
        for c in self.cases:
            total += c["seconds"]
            if c["failure"]:
                return total
        return None

    def smallest_counterexample(self):
        """The shrunk property failure with the fewest products, or None."""
        shrunk = [c for c in self.failures if c["phase"] == "property"]
        return min(shrunk, key=lambda c: (products(c["problem"]), c["problem"]), default=None)


def run_conform(conform, adapter, arguments):
    """tconv-conform run in the repository root (arguments may name paths relative to it)."""
    with tempfile.TemporaryDirectory() as tmp:
        report_path = os.path.join(tmp, "report.json")
        command = [conform, "--adapter", adapter] + arguments + ["--json", report_path, "--quiet"]
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        report = None
        if os.path.exists(report_path):
            with open(report_path, encoding="utf-8") as f:
                report = json.load(f)
    return Run(command, done.returncode, done.stderr, report)


def products(text):
    """The number of products x*w of a problem string: n * Cin * Cout/g * prod(I) * prod(k)."""
    fields = dict(re.fullmatch(r"([a-z]+)(.*)", token).groups() for token in text.split(","))
    n, g, cin, cout = (int(fields[k]) for k in ("n", "g", "ic", "oc"))
    sizes = lambda key: math.prod(int(v) for v in fields[key].split("x"))
    return n * cin * (cout // g) * sizes("i") * sizes("k")


def describe(case):
    where = (f"golden {case['source']} `{case['id']}`" if case["phase"] == "golden"
             else f"property `{case['id']}`")
    return f"{where}: {case['check']} — {case['verdict_text']}"


def result_row(mutant, run, random_only, baseline):
    """The cells of one mutant: the default run, the random problems alone, the baseline."""
    cells = [f"`{mutant['id']}`"]
    if not run.report:
        return cells + [f"**no** (runner exit status {run.status}, no report)"] + ["—"] * 6
    seconds = run.seconds_to_first_failure()
    cells += ["yes" if run.killed else "**no**",
              describe(run.failures[0]) if run.failures else "—",
              f"{seconds:.3f} s" if seconds is not None else "—",
              f"{sum(c['verdict'] != 'unsupported' for c in run.cases)} / {len(run.failures)}"]
    if random_only.killed:
        cells.append(f"{random_only.failures[0]['check']} — {random_only.failures[0]['verdict_text']}")
    else:
        cells.append(f"**not killed** (exit status {random_only.status})")
    shrunk = random_only.smallest_counterexample()
    cells.append(f"{products(shrunk['problem'])}: `{shrunk['problem']}` ({shrunk['check']}, "
                 f"{shrunk['shrink_steps']} shrink steps)" if shrunk else "—")
    cells.append(f"yes (`{baseline.failures[0]['id']}`)" if baseline.killed else "no")
    return cells


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def runs_of(conform, library, ids, arguments, jobs):
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return dict(zip(ids, pool.map(lambda i: run_conform(conform, library(i), arguments), ids)))


def control_line(name, run):
    passed = run.report["totals"]["passed"] if run.report else 0
    return f"{name}: exit status {run.status}, {passed} cases passed, {len(run.failures)} failed"


def document(mutants, commands, runs):
    """The page; commands and runs are keyed by the kind of run: default, random, baseline."""
    count = lambda kind: sum(runs[kind][m["id"]].killed for m in mutants)
    survivors = [m["id"] for m in mutants if not runs["default"][m["id"]].killed]
    with open(os.path.join(BASELINE, "onnx_backend.json"), encoding="utf-8") as f:
        baseline_cases = len(json.load(f)["cases"])
    n = len(mutants)
    out = [
        "# Mutation testing",
        "",
        "<!-- Generated by scripts/mutant_table.py from mutants/catalog.json; do not edit. -->",
        "",
        "Each mutant is the correct kernel of `mutants/mutant_adapter.c` with one deliberate bug, "
        "switched on at compile time (`-DTCONV_MUTANT=tconv_mutant_<id>`) and built as "
        "`tconv_mutant_<id>.so`: an in-process adapter ([ADAPTERS.md](ADAPTERS.md)) that declares "
        "every capability, so that the suite can reach its bug. `tconv_mutant_none.so`, the kernel "
        "without a bug, is the control: it passes the same runs, so every kill is the bug's doing.",
        "",
        f"- **Kill rate: {count('default')} of {n}** mutants killed by the default run without "
        f"its topology phase, `{commands['default']}` (the golden vectors, random problems "
        "with shrinking, stateful sessions; the real layers would take the naive kernel about "
        "35 s per mutant)"
        + (f"; survivors: {', '.join(survivors)}." if survivors else "."),
        f"- **Random problems alone: {count('random')} of {n}** killed by `{commands['random']}` "
        "(every call in a fresh process: the stateful mutants, which only sessions reach, "
        "survive it).",
        f"- **ONNX backend baseline: {count('baseline')} of {n}** caught by the {baseline_cases} "
        "ONNX backend test cases of ConvTranspose alone (`onnx/backend/test/data/node/"
        "test_convtranspose*`, generated by onnx's own tool where the package ships no data, "
        "converted by `scripts/onnx_backend_cases.py` into `mutants/baseline/onnx_backend.json`"
        f"): `{commands['baseline']}`.",
        "- The control, " + "; ".join(control_line(kind, runs[kind]["none"])
                                      for kind in ("default", "random", "baseline")) + ".",
        "",
        "CI: one ctest per mutant (label `mutants`, `mutants/kill_check.cmake`) runs that "
        "run and passes only if the runner exits with status 1 and its `--json` report holds a "
        "failing case: a crash of the runner, a usage error or a missing report kills nothing. "
        "`mutant_control_passes` requires the control to pass it. Regenerate this page with "
        "`scripts/mutant_table.py --build <build dir>` after building the target `tconv_mutants`.",
        "",
        "## Results",
        "",
        "- *killed*, *first failure*, *time*, *cases / failed*: that run. The first failure "
        "is the first failing case in run order (golden cases first, file by file); *time* sums "
        "the runner's per-case seconds up to and including it; *cases* counts the cases run.",
        "- *random problems alone*: the first failing check of the random-problem run, and the "
        "smallest shrunk counterexample among its failures, sized by its number of products "
        "n·Cin·(Cout/g)·ΠI·Πk.",
        "- *ONNX baseline*: whether the ONNX backend cases fail it, and the first that does.",
        "",
        table(["mutant", "killed", "first failure", "time", "cases / failed",
               "random problems alone", "smallest counterexample", "ONNX baseline"],
              [result_row(m, runs["default"][m["id"]], runs["random"][m["id"]],
                          runs["baseline"][m["id"]]) for m in mutants]),
        "",
        "## Catalog",
        "",
        "`mutants/catalog.json`; the kernel switches each bug on with `MUTANT(id)`.",
        "",
        table(["mutant", "the bug", "the real-library bug it mirrors"],
              [[f"`{m['id']}`", m["description"], m["mirrors"]] for m in mutants]),
        "",
    ]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.environ.get("TCONV_BUILD_DIR", os.path.join(ROOT, "build")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=100, help="random problems of the default run")
    parser.add_argument("--random-cases", type=int, default=200,
                        help="random problems of the run without golden vectors")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "MUTANTS.md"))
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    conform = os.path.join(build, "runner", "tconv-conform")
    library = lambda id: os.path.join(build, "mutants", f"tconv_mutant_{id}.so")
    with open(CATALOG, encoding="utf-8") as f:
        mutants = json.load(f)["mutants"]
    ids = ["none"] + [m["id"] for m in mutants]
    for path in [conform] + [library(i) for i in ids]:
        if not os.path.exists(path):
            sys.exit(f"mutant_table.py: {path} is missing: build the target tconv_mutants in {args.build}")

    arguments = {
        "default": ["--seed", str(args.seed), "--cases", str(args.cases),
                    "--phase", "golden,property,session"],
        "random": ["--phase", "property", "--seed", str(args.seed), "--cases", str(args.random_cases)],
        "baseline": ["--vectors", os.path.relpath(BASELINE, ROOT), "--phase", "golden"],
    }
    commands = {kind: "tconv-conform --adapter tconv_mutant_<id>.so " + " ".join(a)
                for kind, a in arguments.items()}
    runs = {kind: runs_of(conform, library, ids, a, args.jobs) for kind, a in arguments.items()}
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(document(mutants, commands, runs))

    survivors = [m["id"] for m in mutants if not runs["default"][m["id"]].killed]
    print(f"{args.output}: {len(mutants) - len(survivors)} of {len(mutants)} mutants killed; "
          f"random problems alone {sum(runs['random'][m['id']].killed for m in mutants)}, "
          f"ONNX baseline {sum(runs['baseline'][m['id']].killed for m in mutants)}")
    for run in (r for kind in runs.values() for r in kind.values() if not r.report):
        print(f"mutant_table.py: no report from {' '.join(run.command)} (exit status {run.status})\n"
              f"{run.stderr}", file=sys.stderr)
    problems = [f"the control fails the {kind} run" for kind in runs
                if runs[kind]["none"].status != 0 or runs[kind]["none"].failures
                or not runs[kind]["none"].report]
    if survivors:
        problems.append("survivors: " + ", ".join(survivors))
    for p in problems:
        print(f"mutant_table.py: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
