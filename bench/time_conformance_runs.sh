#!/usr/bin/env bash
# The default conformance run's wall time, per implementation: the built-in references,
# the example C adapter (a trivial in-process adapter) and the bundled in-process
# adapters named by $TCONV_TIMED_ADAPTERS (default: onednn, the library the targets of
# docs/PERFORMANCE.md name); the adapters run behind bench/timed_adapter.c, which logs
# the time spent inside each init and compute, so that the suite's own time per case
# is the rest. Writes, for each NAME: NAME.report.json (the run's JSON report),
# NAME.timing.log (the shim's lines) and NAME.wall (seconds). Called by
# scripts/run_benchmarks.sh; to refresh only that section of docs/PERFORMANCE.md:
#   bench/time_conformance_runs.sh BUILD_DIR RESULTS_DIR
#   /usr/bin/python3 bench/performance_report.py --conformance-only RESULTS_DIR docs/PERFORMANCE.md
set -euo pipefail
build=$1
results=$2
mkdir -p "$results"
conform=$build/runner/tconv-conform
shim=$build/bench/timed_adapter.so

run() {  # run NAME [ADAPTER_LIBRARY]
  local name=$1 library=${2:-} start end
  rm -f "$results/$name".*
  : > "$results/$name.timing.log"
  local adapter=()
  [[ -n $library ]] && adapter=(--adapter "$shim")
  start=$(date +%s.%N)
  # Exit status 1 (a failure) is a measurement too; 2 (cannot run) is not.
  TCONV_TIMED_ADAPTER=$library TCONV_TIMING_LOG=$results/$name.timing.log \
    "$conform" "${adapter[@]}" --quiet --json "$results/$name.report.json" || [[ $? -eq 1 ]]
  end=$(date +%s.%N)
  /usr/bin/python3 -c "print($end - $start)" > "$results/$name.wall"
  echo "time_conformance_runs: $name: $(cat "$results/$name.wall") s" >&2
}

run built-in-references
run c-example "$build/adapter/adapters/c_adapter.so"
for adapter in ${TCONV_TIMED_ADAPTERS:-onednn}; do
  library=$build/adapters/tconv_$adapter.so
  if [[ -f $library ]]; then
    run "$adapter" "$library"
  else
    echo "note: conformance run of $adapter not timed: $library not built" >&2
  fi
done
