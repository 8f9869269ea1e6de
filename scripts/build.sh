#!/usr/bin/env bash
# Configures and builds the suite. Environment: TCONV_BUILD_DIR (default build),
# TCONV_BUILD_TYPE (default Release), TCONV_CMAKE_ARGS (extra cmake arguments),
# TCONV_JOBS (default 2), TCONV_DEPS (core or all, default all: scripts/install-deps.sh).
# Arguments: the targets to build (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" "${TCONV_DEPS:-all}"
build=${TCONV_BUILD_DIR:-$root/build}
# Every adapter's library was installed: a skipped adapter fails the tests (adapters/).
require_adapters=OFF
[ "${TCONV_DEPS:-all}" = core ] || require_adapters=ON
# The configure prints only what went wrong: everything on failure; with every adapter
# required, the line of each one it skipped.
# shellcheck disable=SC2086
if ! configured=$(cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${TCONV_BUILD_TYPE:-Release}" \
       -DTCONV_REQUIRE_ALL_ADAPTERS=$require_adapters ${TCONV_CMAKE_ARGS:-} 2>&1); then
  echo "$configured" >&2
  exit 1
fi
[ $require_adapters = OFF ] || grep -E "^-- tconv adapters? .*skipped" <<<"$configured" >&2 || true
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j "${TCONV_JOBS:-2}" "${targets[@]}"
