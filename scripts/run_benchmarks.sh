#!/usr/bin/env bash
# Builds the suite in Release, runs tconv_bench, property_tests, the default ctest and
# the default conformance run of each implementation (bench/time_conformance_runs.sh),
# and writes docs/PERFORMANCE.md from their results (bench/performance_report.py).
# Build folder: TCONV_BENCH_BUILD_DIR (default build-bench); make's jobs: TCONV_JOBS
# (default 1: the machine is shared). Raw results stay in <build>/bench-results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TCONV_BENCH_BUILD_DIR:-$root/build-bench}
results=$build/bench-results

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "${TCONV_JOBS:-1}"
mkdir -p "$results"

# tconv_bench prints a note on stderr for each bundled adapter it did not find.
"$build/bench/tconv_bench" --benchmark_out="$results/tconv_bench.json" \
  --benchmark_out_format=json 2> >(tee "$results/tconv_bench.notes" >&2)

# The property engine's throughput: its cases (500 per property) per second of wall time.
start=$(date +%s.%N)
"$build/properties/property_tests" > "$results/property_tests.log" 2>&1
end=$(date +%s.%N)

# The default test run's wall time (ctest -j2, as scripts/test.sh runs it).
start=$(date +%s.%N)
(cd "$build" && ctest -j 2 > "$results/ctest.log" 2>&1)
end_ctest=$(date +%s.%N)

# The default conformance run's wall time, and the adapters' share of it.
"$root/bench/time_conformance_runs.sh" "$build" "$results/conformance"

/usr/bin/python3 "$root/bench/performance_report.py" \
  --conformance-dir "$results/conformance" \
  --ctest-log "$results/ctest.log" \
  --ctest-seconds "$(/usr/bin/python3 -c "print($end_ctest - $start)")" \
  --bench-json "$results/tconv_bench.json" --notes "$results/tconv_bench.notes" \
  --property-log "$results/property_tests.log" \
  --property-seconds "$(/usr/bin/python3 -c "print($end - $start)")" \
  --cmake-cache "$build/CMakeCache.txt" --output "$root/docs/PERFORMANCE.md"
echo "wrote $root/docs/PERFORMANCE.md"
