#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang in their own build folder (every
# library built with AddressSanitizer, UndefinedBehaviorSanitizer and coverage for the
# fuzzer) and runs each on its corpus, fuzz/corpus/<target>/, which is only read: the
# inputs a run adds go to the build folder, crashes to <build>/fuzz-artifacts/.
# Installs clang and libclang-rt-14-dev (libFuzzer) with apt-get when they are missing.
#
#   fuzz/run.sh                 each target for TCONV_FUZZ_SECONDS (default 30) seconds
#   fuzz/run.sh -runs=100000    other libFuzzer options instead
# Every run takes inputs up to 1 MiB (-max_len=1048576): deep nesting and long lines
# need length (libFuzzer's default would be the largest seed, or 4096 bytes).
# TCONV_FUZZ_BUILD_DIR names the build folder (default build-fuzz); TCONV_JOBS the
# build's parallel jobs (default 1). Exits non-zero when a target finds a bug.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TCONV_FUZZ_BUILD_DIR:-$root/build-fuzz}
targets=(vector_loader problem_string protocol)

if ! command -v clang++ >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends clang libclang-rt-14-dev
fi

cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTCONV_FUZZ=ON -DTCONV_SANITIZE=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link
cmake --build "$build" -j "${TCONV_JOBS:-1}" --target "${targets[@]/#/fuzz_}"

options=("$@")
if [ ${#options[@]} -eq 0 ]; then options=(-max_total_time="${TCONV_FUZZ_SECONDS:-30}"); fi
options=(-max_len=1048576 "${options[@]}")
mkdir -p "$build/fuzz-artifacts"
failed=()  # every target runs, even after one has found a bug
for target in "${targets[@]}"; do
  echo "== fuzz_$target ${options[*]}"
  mkdir -p "$build/fuzz-corpus/$target"
  "$build/fuzz/fuzz_$target" -dict="$root/fuzz/$target.dict" \
    -artifact_prefix="$build/fuzz-artifacts/$target-" "${options[@]}" \
    "$build/fuzz-corpus/$target" "$root/fuzz/corpus/$target" || failed+=("fuzz_$target")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "found bugs: ${failed[*]} (inputs in $build/fuzz-artifacts/)"
  exit 1
fi
