"""Writes docs/PERFORMANCE.md from one run of tconv_bench (its JSON output), of
property_tests (its log and wall time), of the default ctest and of the default
conformance run per implementation (bench/time_conformance_runs.sh). Called by
scripts/run_benchmarks.sh."""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import json

REFERENCES = ["direct_scatter", "sparse_matrix", "zero_insertion", "autodiff", "gemm_col2im"]
MIB = 1 << 20


def cpu_description():
    fields = {}
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
    flags = set(fields.get("flags", "").split())
    if {"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"} <= flags:
        isa = "AVX-512 (x86-64-v4)"
    elif {"avx2", "fma"} <= flags:
        isa = "AVX2 + FMA (x86-64-v3)"
    else:
        isa = "baseline x86-64"
    hypervisor = " (a virtual machine)" if "hypervisor" in flags else ""
    return fields.get("model name", "unknown") + hypervisor, isa


def memory_gib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1 << 20)
    return 0.0


def cache_entry(cache_path, name):
    with open(cache_path) as f:
        return re.search(rf"^{name}:\w+=(.*)$", f.read(), re.M).group(1)


def compiler(cache_path):
    path = cache_entry(cache_path, "CMAKE_CXX_COMPILER")
    return subprocess.run([path, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


def benchmark_version(cache_path):
    with open(os.path.join(cache_entry(cache_path, "benchmark_DIR"), "benchmarkConfigVersion.cmake")) as f:
        return re.search(r'set\(PACKAGE_VERSION "([^"]+)"\)', f.read()).group(1)


def min_time(benchmarks):
    """The MinTime of the repeated benchmarks, from their names (".../min_time:0.500/...")."""
    for b in benchmarks:
        found = re.search(r"/min_time:([0-9.]+)", b["name"])
        if found:
            return float(found.group(1))
    return None


def layer_contexts(context):
    layers = {}
    for key, value in context.items():
        if key.startswith("layer "):
            problem, origin, macs, tensor_bytes = [part.strip() for part in value.split("|")]
            layers[key[len("layer "):]] = {
                "problem": problem,
                "origin": origin,
                "macs": int(macs.split()[0]),
                "tensor_bytes": int(tensor_bytes.split()[0]),
            }
    return layers


def results_by_layer(benchmarks):
    """{layer: [(implementation, benchmark json)]} in the run's order."""
    layers = {}
    for b in benchmarks:
        layer, implementation = b["name"].split("/")[:2]
        layers.setdefault(layer, []).append((implementation, b))
    return layers


def size(bytes_):
    if bytes_ < 1024:
        return f"{bytes_:,.0f} B"
    if bytes_ < MIB:
        return f"{bytes_ / 1024:,.1f} KiB"
    return f"{bytes_ / MIB:,.1f} MiB"


def ms(value):
    return f"{value:,.3f}" if value < 10 else f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"


def ratio(value):
    return f"{value:.2f}" if value < 10 else f"{value:,.0f}"


def layer_table(rows):
    lines = [
        "| implementation | layouts | CPU ms / call | wall ms / call | calls | GFLOP/s | × oneDNN | peak extra memory |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, b in rows:
        if b.get("error_occurred"):
            lines.append(f"| {name} | | {b['error_message']} | | | | | |")
            continue
        memory = ""
        if "peak_MiB" in b:
            memory = f"{size(b['peak_MiB'] * MIB)} ({b['peak_x_tensors']:.2f}× tensors)"
        onednn = ratio(b["x_oneDNN"]) if "x_oneDNN" in b else "n/a"
        lines.append(
            f"| {name} | {b.get('label', '')} | {ms(b['real_time'])} | {ms(b['wall_ms'])} "
            f"| {b['iterations']} | {b['GFLOP/s']:,.2f} | {onednn} | {memory} |"
        )
    return "\n".join(lines)


def depthwise(problem):
    fields = dict(re.findall(r"(?:^|,)([a-z]+)(\d+)(?=,|$)", problem))
    return int(fields.get("g", 1)) == int(fields["ic"]) > 1


def fastest_reference(rows):
    timed = [(b["real_time"], name, b) for name, b in rows if name in REFERENCES and not b.get("error_occurred")]
    return min(timed, key=lambda t: t[0]) if timed else None


def property_throughput(log_path, seconds):
    with open(log_path) as f:
        log = f.read()
    cases = [int(n) for n in re.findall(r"OK, passed (\d+) tests", log)]
    config = re.search(r"Using configuration: (.*)", log)
    summary = re.search(r"\[  (PASSED|FAILED) +\] (\d+) tests?", log)
    return {
        "properties": len(cases),
        "cases": sum(cases),
        "seconds": seconds,
        "configuration": config.group(1) if config else "?",
        "outcome": summary.group(0) if summary else "no gtest summary found",
    }


# The targets for the default run's wall time, in seconds.
CONFORMANCE_TARGETS = {"built-in-references": 30, "c-example": 60, "onednn": 180}


def conformance_runs(directory):
    """[(name, {wall, report totals, adapter init/compute seconds and calls})] in the order
    bench/time_conformance_runs.sh ran them (by the files' modification times)."""
    runs = []
    for wall_file in sorted(
        (f for f in os.listdir(directory) if f.endswith(".wall")),
        key=lambda f: os.path.getmtime(os.path.join(directory, f)),
    ):
        name = wall_file[: -len(".wall")]
        with open(os.path.join(directory, wall_file)) as f:
            wall = float(f.read())
        with open(os.path.join(directory, name + ".report.json")) as f:
            report = json.load(f)
        spent = {"init": [0, 0.0], "compute": [0, 0.0]}
        with open(os.path.join(directory, name + ".timing.log")) as f:
            for line in f:
                what, ns = line.split()
                spent[what][0] += 1
                spent[what][1] += int(ns) / 1e9
        runs.append((name, {"wall": wall, "implementation": report["implementation"],
                            "version": report["implementation_version"],
                            "totals": report["totals"], "spent": spent}))
    return runs


def conformance_section(runs, load_after):
    out = [
        "## Conformance run\n",
        f"Measured {datetime.date.today().isoformat()}.\n",
        "The default run, `tconv-conform` with no options (golden vectors, the topology "
        "phase's real layers, 1000 random problems of seed 1 at `--size medium` with their "
        "four property checks, four stateful sessions), timed by "
        "`bench/time_conformance_runs.sh` on the same machine. Each adapter runs behind "
        "`bench/timed_adapter.c`, a shim that forwards every call and logs the time spent "
        "inside `init` and `compute` (in the call children, where the suite runs them), so "
        "that the suite's own time is the rest of the wall time: starting the call children, "
        "two placements of every call, operand generation, the references, the comparisons "
        "and the shrinking of failures.\n",
        "| implementation | checked | unsupported | failed | wall s | target | adapter init s "
        "| adapter compute s (calls) | suite s | suite ms / checked case |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, run in runs:
        totals, spent = run["totals"], run["spent"]
        checked = max(totals["passed"] + totals["failed"], 1)
        target = CONFORMANCE_TARGETS.get(name)
        verdict = "" if target is None else f"≤ {target} s: " + ("met" if run["wall"] <= target else "**not met**")
        row = [f"{run['implementation']} {run['version']}".strip(), f"{checked:,}",
               f"{totals['unsupported']:,}", f"{totals['failed']:,}", f"{run['wall']:,.1f}", verdict]
        if name == "built-in-references":
            suite = run["wall"]
            row += ["—", "—"]
        else:
            suite = run["wall"] - spent["init"][1] - spent["compute"][1]
            row += [f"{spent['init'][1]:,.1f} ({spent['init'][0]:,})",
                    f"{spent['compute'][1]:,.1f} ({spent['compute'][0]:,})"]
        row += [f"{suite:,.1f}", f"{1000 * suite / checked:,.2f}"]
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    out.append(
        "Without an adapter the run checks the references against each other, so all its "
        "time is the suite's. A failing adapter's run also spends time shrinking each "
        "failure. An adapter's compute time includes what a fresh process costs it: every "
        "call runs in a new child, so a library that builds its kernels on first use (oneDNN's "
        "engine and JIT) pays that in every call. "
        f"Load average when the last run ended: {load_after:.2f}."
    )
    out.append("")
    return out


def write(args):
    with open(args.bench_json) as f:
        run = json.load(f)
    context = run["context"]
    layers = layer_contexts(context)
    results = results_by_layer(run["benchmarks"])
    model, isa = cpu_description()
    with open(args.notes) as f:
        notes = [line.strip() for line in f if line.startswith("note:")]
    prop = property_throughput(args.property_log, args.property_seconds)

    out = []
    add = out.append
    add("# Performance\n")
    add(
        "Generated by `scripts/run_benchmarks.sh` from one run of `tconv_bench` (bench/) and of "
        "`property_tests`; rerun the script rather than editing this file. "
        f"Run of {context['date']}.\n"
    )
    add("## Machine\n")
    add(f"- CPU: {model}, {context['num_cpus']} cores at {context['mhz_per_cpu']} MHz; vector ISA {isa}.")
    caches = ", ".join(f"L{c['level']} {c['type'].lower()} {size(c['size'])}" for c in context["caches"])
    add(f"- Caches: {caches}.")
    add(f"- Memory: {memory_gib():.1f} GiB. OS: {platform.system()} {platform.release()}.")
    add(f"- Compiler: {compiler(args.cmake_cache)}, CMake Release (`-O3`), baseline x86-64 target; "
        "`gemm_col2im`'s kernel is also compiled for AVX2 and AVX-512 and picks the CPU's best at load time.")
    add(f"- Libraries (the bundled in-process adapters): {context['adapters'] or 'none found'}. "
        f"Google Benchmark {benchmark_version(args.cmake_cache)} (Debian builds it as a "
        f"{context['library_build_type']} library, which only slows its own bookkeeping).")
    if notes:
        add("- Not measured: " + "; ".join(n[len("note: "):] for n in notes) + ".")
    add(
        f"- **Load**: the machine is shared by several people building and testing at once "
        f"(load average {context['load_avg'][0]:.2f} when the benchmark started, "
        f"{args.load_after:.2f} when the property run ended). Times are the process's CPU "
        "time per call, which other processes barely inflate, with the wall time beside it; "
        "caches and memory bandwidth are still shared, so expect some tens of percent of noise."
    )
    add("")
    add("## What is measured\n")
    add(
        "- Every implementation runs **one thread**: `tconv_bench` pins itself to one CPU and "
        "sets OMP_NUM_THREADS=1 and OPENCV_FOR_THREADS_NUM=1 before loading any library; the libtorch "
        "adapter calls `at::set_num_threads(1)`, the XNNPACK one runs without a thread pool. "
        "The adapters are called directly (`InProcessAdapter::load`, no isolation), in float32."
    )
    add(
        "- Each layer is given to an adapter in the layouts it declares: its own where "
        "possible, else the other activation layout (XNNPACK: `nxc`, OpenCV: `ncx`) or weight "
        "layout; the conversion is done once, outside the timing. The *layouts* column says "
        "which. A layer an adapter cannot express at all is listed as unsupported."
    )
    add(
        "- The four references written for clarity run once per layer (`Iterations(1)`); "
        f"`gemm_col2im` and the adapters repeat for at least {min_time(run['benchmarks'])} s of CPU time, after "
        "one untimed call (the libraries build their kernels on the first)."
    )
    add(
        "- GFLOP/s = 2 × multiply-adds / CPU time, the multiply-adds counted as frameworks do "
        "(every input element × every tap × Cout/g, landing in the output or not). "
        "*× oneDNN* = CPU time / oneDNN's CPU time on the same layer in the same run."
    )
    add(
        "- Every output is checked against the direct scatter in double within the float32 "
        "rounding bound of `check/error_bound.h`; a wrong result would be reported instead of a time."
    )
    add(
        "- *Peak extra memory* (references only): the high-water mark of the C++ heap during "
        "a call above what was live before it, counted by a replaced global `operator new` / "
        "`operator delete` (the references allocate only through them: `std::vector`, "
        "xtensor's `std::allocator`), and its ratio to the layer's input + weights + bias + "
        "output bytes. The libraries allocate outside `operator new`, so no adapter is counted."
    )
    add("")

    add("## Targets\n")
    add("| layer | fastest reference | CPU ms | × oneDNN | target: within 3× of oneDNN |")
    add("| --- | --- | ---: | ---: | --- |")
    for layer, rows in results.items():
        best = fastest_reference(rows)
        if best is None:
            add(f"| {layer} | none completed | | | not met |")
            continue
        seconds, name, b = best
        if "x_oneDNN" in b:
            verdict = "met" if b["x_oneDNN"] <= 3 else "**not met**"
            add(f"| {layer} | {name} | {ms(seconds)} | {ratio(b['x_oneDNN'])} | {verdict} |")
        else:
            add(f"| {layer} | {name} | {ms(seconds)} | n/a | no oneDNN time |")
    add("")
    add("Peak extra memory of each reference, as a multiple of the layer's tensor bytes "
        "(input + weights + bias + output):\n")
    add("| layer | tensors MiB | " + " | ".join(REFERENCES) + " |")
    add("| --- | ---: | " + " | ".join("---:" for _ in REFERENCES) + " |")
    worst = {}
    for layer, rows in results.items():
        by_name = dict(rows)
        cells = []
        for name in REFERENCES:
            b = by_name.get(name)
            if b is None or b.get("error_occurred") or "peak_x_tensors" not in b:
                cells.append("—")
                continue
            cells.append(f"{b['peak_x_tensors']:.2f}")
            if b["peak_x_tensors"] > worst.get(name, (0, ""))[0]:
                worst[name] = (b["peak_x_tensors"], layer)
        add(f"| {layer} | {layers[layer]['tensor_bytes'] / MIB:,.1f} | " + " | ".join(cells) + " |")
    add("")
    largest = max(layers, key=lambda name: layers[name]["tensor_bytes"])
    overall = max(worst.values()) if worst else (0, "")
    add(
        "Largest multiple per reference: "
        + "; ".join(f"{name} {worst[name][0]:.2f}× ({worst[name][1]})" for name in REFERENCES if name in worst)
        + f". Target (no reference needs more than a small multiple of the tensor bytes): every "
        f"reference stays within {overall[0]:.1f}× on every layer, including the largest layer by "
        f"tensor bytes, `{largest}` ({layers[largest]['tensor_bytes'] / MIB:,.1f} MiB)."
    )
    add("")
    add(
        "`zero_insertion` multiplies the inserted zeros too, about stride^rank times the "
        "layer's multiply-adds (4× at stride 2, 1,024× at FCN-32s' stride 32)."
    )
    depthwise_lost = [
        layer for layer, rows in results.items()
        if fastest_reference(rows) and fastest_reference(rows)[1] != "gemm_col2im"
        and depthwise(layers[layer]["problem"])
    ]
    if depthwise_lost:
        add(
            f"On the depthwise layers {', '.join(depthwise_lost)} `gemm_col2im` is not the fastest "
            "reference: with Cin/g = 1 its product is no dot product but an extra pass over every "
            "column, which the direct scatter does not make."
        )
    add("")

    add("## Per layer\n")
    for layer, rows in results.items():
        info = layers[layer]
        add(f"### {layer}\n")
        add(
            f"{info['origin']}: `{info['problem']}`; {info['macs'] / 1e6:,.1f} M multiply-adds, "
            f"tensors {info['tensor_bytes'] / MIB:,.2f} MiB.\n"
        )
        add(layer_table(rows))
        add("")

    add("## Property engine\n")
    add(
        f"`property_tests` ({prop['configuration']}): {prop['properties']} properties, "
        f"{prop['cases']:,} cases in {prop['seconds']:.1f} s wall time, "
        f"**{prop['cases'] / prop['seconds']:,.0f} cases per second** ({prop['outcome']}; "
        "run alone, not under ctest, on the same shared machine)."
    )
    add("")
    add("## Test suite\n")
    add(
        f"Default `ctest -j2` (Release, as `scripts/test.sh` runs it): {ctest_summary(args.ctest_log)} "
        f"in **{args.ctest_seconds:.0f} s wall time** (target: under 2 minutes)."
    )
    out.extend(conformance_section(conformance_runs(args.conformance_dir), args.load_after))
    with open(args.output, "w") as f:
        f.write("\n".join(out) + "\n")


def ctest_summary(path):
    """ctest's own summary line, e.g. '100% tests passed, 0 tests failed out of 2192'."""
    with open(path) as f:
        lines = [line.strip() for line in f if "tests passed" in line]
    if not lines:
        raise SystemExit(f"{path}: no ctest summary line")
    return lines[-1]


def replace_conformance_section(path, section):
    """Rewrites only the "## Conformance run" section of an existing page (the last one):
    bench/time_conformance_runs.sh takes minutes, the whole benchmark most of an hour."""
    with open(path) as f:
        page = f.read()
    start = page.index("## Conformance run\n")
    with open(path, "w") as f:
        f.write(page[:start] + "\n".join(section) + "\n")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--conformance-only":
        # performance_report.py --conformance-only RESULTS_DIR PAGE
        replace_conformance_section(sys.argv[3], conformance_section(conformance_runs(sys.argv[2]),
                                                                     os.getloadavg()[0]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench-json", required=True)
    parser.add_argument("--notes", required=True, help="tconv_bench's stderr")
    parser.add_argument("--property-log", required=True)
    parser.add_argument("--property-seconds", type=float, required=True)
    parser.add_argument("--cmake-cache", required=True)
    parser.add_argument("--ctest-log", required=True)
    parser.add_argument("--ctest-seconds", type=float, required=True)
    parser.add_argument("--conformance-dir", required=True, help="bench/time_conformance_runs.sh's results")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    args.load_after = os.getloadavg()[0]
    write(args)


if __name__ == "__main__":
    main()
