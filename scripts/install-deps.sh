#!/usr/bin/env bash
# Installs what the suite needs; what is already installed is left alone, so a second
# run does nothing. `install-deps.sh core` installs the build's needs only (g++, cmake,
# RapidCheck, GoogleTest, nlohmann_json, xtensor); `install-deps.sh all` (the default)
# adds what the tests need:
#   - python3 and python3-numpy (the out-of-process example adapter computes with NumPy;
#     the report schema check),
#     chromium (the HTML report is checked in a real headless browser),
#     libxml2-utils (xmllint: the JUnit report against the Jenkins xunit schema);
#   - the bundled adapters' libraries and node packages (adapters/install.sh), so that
#     the real implementations are built and validated too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scope=${1:-all}
packages=(g++ cmake make librapidcheck-dev libgtest-dev libgmock-dev nlohmann-json3-dev libxtensor-dev)
[ "$scope" = core ] || packages+=(python3 python3-numpy python3-jsonschema chromium libxml2-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: apt-get install ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "$scope" = core ] || "$root/adapters/install.sh"
