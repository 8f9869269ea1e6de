#!/usr/bin/env bash
# Installs what the bundled adapters (adapters/README.md) need; idempotent: what is
# already installed is left alone, so a second run does nothing.
#
#   Debian packages (apt-get): libtorch-dev (libtorch), libdnnl-dev and ocl-icd-opencl-dev
#     (oneDNN; its CMake package requires OpenCL, which libdnnl-dev only recommends),
#     libxnnpack-dev and libpthreadpool-dev (XNNPACK; its header includes pthreadpool.h,
#     which libxnnpack-dev does not depend on), libopencv-dnn-dev (OpenCV), libarmnn-dev
#     and libarmnn-cpuref-backend22 (Arm NN and its CpuRef backend, a dynamic backend
#     that libarmnn22 does not depend on), and nodejs / npm when missing;
#   node packages (npm ci --ignore-scripts): scripts/package-lock.json into
#     scripts/node_modules, the project the ONNX Runtime and TensorFlow.js adapters share
#     with the golden-vector generators (onnxruntime-node, onnxruntime-web,
#     @tensorflow/tfjs-core, @tensorflow/tfjs-backend-cpu, @tensorflow/tfjs-backend-wasm;
#     their native and .wasm binaries ship inside the packages).
#
# Configure again afterwards (cmake -S . -B build): each in-process adapter is built
# only where CMake finds its library.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
apt_packages=(libtorch-dev libdnnl-dev ocl-icd-opencl-dev libxnnpack-dev libpthreadpool-dev libopencv-dnn-dev
              libarmnn-dev libarmnn-cpuref-backend22)

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${apt_packages[@]}"; do installed "$p" || missing+=("$p"); done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "install.sh: apt-get install ${missing[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci only when node_modules is absent or older than the lock file.
scripts="$root/scripts"
if [[ ! -f $scripts/node_modules/.package-lock.json ||
      $scripts/package-lock.json -nt $scripts/node_modules/.package-lock.json ]]; then
  echo "install.sh: npm ci --ignore-scripts in scripts/" >&2
  (cd "$scripts" && npm ci --ignore-scripts --no-audit --no-fund)
fi
echo "install.sh: the bundled adapters' dependencies are installed" >&2
