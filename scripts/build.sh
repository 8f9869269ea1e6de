#!/usr/bin/env bash
# Configures and builds the suite. Environment: TCONV_BUILD_DIR (default build),
# TCONV_BUILD_TYPE (default Release), TCONV_CMAKE_ARGS (extra cmake arguments),
# TCONV_JOBS (default 2), TCONV_DEPS (core or all, default all: scripts/install-deps.sh).
# Arguments: the targets to build (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" "${TCONV_DEPS:-all}"
build=${TCONV_BUILD_DIR:-$root/build}
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${TCONV_BUILD_TYPE:-Release}" ${TCONV_CMAKE_ARGS:-} >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j "${TCONV_JOBS:-2}" "${targets[@]}"
