#!/usr/bin/env bash
# Regenerates the golden vectors in vectors/ from the real frameworks.
#
#   scripts/regenerate.sh           install the generators' dependencies (apt-get, npm;
#                                   idempotent), regenerate every vectors/<source>.json,
#                                   validate them (schema + every case re-checked)
#   scripts/regenerate.sh --check   regenerate into a temporary folder and report drift
#                                   from the stored files; exit 1 on drift or an invalid file
#
# A source whose generator cannot run (its packages not installable here) is skipped
# with the reason, and its stored file is left as it is. Output is byte-identical
# across runs on one machine: fixed seeds, fixed dates, one thread per framework.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
stored="$root/vectors"
python=/usr/bin/python3
apt_packages=(python3-torch python3-onnx python3-numpy python3-jsonschema)

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

install_apt() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "note: cannot install ${missing[*]} (needs root and apt-get)" >&2
    return 0
  fi
  echo "installing ${missing[*]}" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } \
    >&2 || echo "note: apt-get could not install ${missing[*]}" >&2
}

install_npm() {
  command -v npm >/dev/null || { echo "note: npm not found" >&2; return 0; }
  local lock="$here/package-lock.json" installed="$here/node_modules/.package-lock.json"
  if [[ ! -f $installed || $lock -nt $installed ]]; then
    echo "installing the node packages of scripts/package-lock.json" >&2
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund >&2) ||
      echo "note: npm ci failed" >&2
  fi
}

# Prints why a source cannot be generated here; prints nothing when it can.
missing_for() {
  local need_python=() need_node=()
  case "$1" in
    literature | pytorch) need_python=(torch numpy) ;;
    tfjs) need_node=(@tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu) ;;
    onnxruntime) need_python=(onnx numpy); need_node=(onnxruntime-node) ;;
  esac
  local m
  for m in "${need_python[@]}"; do
    "$python" -c "import $m" 2>/dev/null || echo "python module '$m' is not importable by $python"
  done
  if [[ ${#need_node[@]} -gt 0 ]]; then
    command -v node >/dev/null || { echo "node is not installed"; return; }
    for m in "${need_node[@]}"; do
      [[ -d $here/node_modules/$m ]] || echo "node package '$m' is not installed in scripts/node_modules"
    done
  fi
}

generate() {  # source, output file
  case "$1" in
    literature) "$python" "$here/gen_literature.py" "$2" ;;
    pytorch) "$python" "$here/gen_pytorch.py" "$2" ;;
    tfjs) node "$here/gen_tfjs.mjs" "$2" ;;
    onnxruntime) "$python" "$here/gen_onnxruntime.py" "$2" ;;
  esac
}

install_apt
install_npm

out="$stored"
if [[ $mode == check ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

generated=() skipped=() drifted=() same=()
for source in literature pytorch tfjs onnxruntime; do
  why="$(missing_for "$source")"
  if [[ -n $why ]]; then
    echo "SKIPPED $source: ${why//$'\n'/; }" >&2
    skipped+=("$source")
    continue
  fi
  (cd "$here" && generate "$source" "$out/$source.json")
  generated+=("$out/$source.json")
  if [[ $mode == check ]]; then
    if cmp -s "$out/$source.json" "$stored/$source.json"; then
      same+=("$source")
    else
      drifted+=("$source")
      echo "DRIFT $source: regenerated vectors/$source.json differs from the stored file:" >&2
      diff -u "$stored/$source.json" "$out/$source.json" | head -40 >&2 || true
    fi
  fi
done

# Validates what was generated and, in check mode, also the stored files of every source.
validate() {
  (cd "$here" && "$python" validate_vectors.py "$stored/schema.json" "$@")
}
valid=0
if ! "$python" -c "import jsonschema" 2>/dev/null; then
  echo "SKIPPED validation: python module 'jsonschema' is not importable by $python" >&2
else
  [[ ${#generated[@]} -eq 0 ]] || validate "${generated[@]}" || valid=1
  if [[ $mode == check ]]; then
    stored_files=()
    for source in literature pytorch tfjs onnxruntime; do
      [[ -f $stored/$source.json ]] && stored_files+=("$stored/$source.json")
    done
    [[ ${#stored_files[@]} -eq 0 ]] || validate "${stored_files[@]}" || valid=1
  fi
fi

if [[ $mode == check ]]; then
  echo "check: ${#same[@]} identical (${same[*]:-}), ${#drifted[@]} drifted (${drifted[*]:-}), ${#skipped[@]} skipped (${skipped[*]:-})"
  [[ ${#drifted[@]} -eq 0 && $valid -eq 0 ]] || exit 1
else
  echo "regenerated: ${#generated[@]} sources, ${#skipped[@]} skipped (${skipped[*]:-})"
  [[ $valid -eq 0 ]] || exit 1
fi
