#!/usr/bin/env bash
# The main job: builds the conformance runner and runs it. Arguments go to the runner
# (see `tconv-conform --help`); with none, it checks the built-in references.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
TCONV_DEPS=core "$root/scripts/build.sh" tconv-conform
exec "${TCONV_BUILD_DIR:-$root/build}/runner/tconv-conform" "$@"
