#!/usr/bin/env bash
# Builds tconv_bench and property_tests in Release, runs both, and writes
# docs/PERFORMANCE.md from their results (bench/performance_report.py).
# Build folder: TCONV_BENCH_BUILD_DIR (default build-bench); make's jobs: TCONV_JOBS
# (default 1: the machine is shared). Raw results stay in <build>/bench-results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TCONV_BENCH_BUILD_DIR:-$root/build-bench}
results=$build/bench-results

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --target tconv_bench property_tests -j "${TCONV_JOBS:-1}"
mkdir -p "$results"

# tconv_bench prints a note on stderr for each bundled adapter it did not find.
"$build/bench/tconv_bench" --benchmark_out="$results/tconv_bench.json" \
  --benchmark_out_format=json 2> >(tee "$results/tconv_bench.notes" >&2)

# The property engine's throughput: its cases (500 per property) per second of wall time.
start=$(date +%s.%N)
"$build/properties/property_tests" > "$results/property_tests.log" 2>&1
end=$(date +%s.%N)

/usr/bin/python3 "$root/bench/performance_report.py" \
  --bench-json "$results/tconv_bench.json" --notes "$results/tconv_bench.notes" \
  --property-log "$results/property_tests.log" \
  --property-seconds "$(/usr/bin/python3 -c "print($end - $start)")" \
  --cmake-cache "$build/CMakeCache.txt" --output "$root/docs/PERFORMANCE.md"
echo "wrote $root/docs/PERFORMANCE.md"
