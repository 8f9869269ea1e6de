#!/usr/bin/env bash
# Builds everything and runs every test (labels: unit, property, golden).
# Arguments go to ctest, e.g. `scripts/test.sh -L property`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "${TCONV_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "${TCONV_JOBS:-2}" "$@"
